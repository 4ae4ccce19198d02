//! Event-study facts: forward returns after past occurrences of a condition.
//!
//! Occurrences (all evaluated on data up to as-of only, each known on its
//! own date):
//! - `Streak`: the session on which a run (absolute, or relative to `vs` on
//!   the common-session grid) first reaches `min_len`, once per run; the run
//!   still going at as-of is the current one and is excluded.
//! - `DailyMove`: sessions whose return is ≤ `pct` (negative) or ≥ `pct`.
//! - `Drawdown`: the first close of each episode at or below `pct` from the
//!   running peak.
//! - `RecordClose`: record-close sessions.
//!
//! An occurrence on the as-of session is the current one: it is excluded
//! from the count and the statistics and reported as `current_occurrence`.
//!
//! `January` is the January barometer (method `event_study.january`): see
//! [`january`].

use super::{d_bool, d_int, d_num, fact, Cut};
use crate::kernels::event_study::{
    self as es, barometer, compound_index, january_signal, january_years, Horizon, HORIZONS,
};
use crate::kernels::streaks as k;
use crate::{Engine, FactError};
use model::fact::Detail;
use model::{Condition, Date, Direction, Fact, FactValue, Field, Series, Unit};

const MAX_LISTED: usize = 50;

/// What a condition found in the measured series.
struct Found {
    /// Earlier occurrences (indices into the measured series), ascending.
    occ: Vec<usize>,
    /// The current occurrence (on the as-of session, or the run going on).
    current: Option<usize>,
    /// The condition in words, as a verb phrase ("beat S&P 500 for ...").
    label: String,
    /// Condition-specific details.
    details: Vec<(String, Detail)>,
    /// The benchmark of a relative streak.
    vs: Option<String>,
}

/// `Query::EventStudy`.
pub(crate) fn event_study(
    engine: &Engine<'_>,
    symbol: &str,
    condition: &Condition,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    if cut.field() == Field::ReturnPct && !matches!(condition, Condition::January { .. }) {
        return Err(FactError::Unsupported {
            what: format!(
                "an event study on {}, which has periodic returns, not closes (only the January condition compounds returns)",
                cut.symbol()
            ),
        });
    }
    let (dates, closes) = (cut.dates(), cut.values());
    let last = cut.last();
    let mut inputs = engine.inputs(cut.series, 0..cut.n);
    let found = match condition {
        Condition::Streak {
            vs,
            direction,
            min_len,
        } => streak(
            engine,
            &cut,
            vs.as_deref(),
            *direction,
            *min_len,
            as_of,
            &mut inputs,
        )?,
        Condition::DailyMove { pct } => {
            let mut occ = es::daily_moves(closes, *pct);
            let current = pop_current(&mut occ, last);
            Found {
                occ,
                current,
                label: format!("moved {pct:+.2}% or more in a day"),
                details: vec![("threshold_pct".into(), d_num(*pct, Unit::Percent))],
                vs: None,
            }
        }
        Condition::Drawdown { pct } => {
            if pct.is_nan() || *pct >= 0.0 {
                return Err(FactError::InvalidCondition {
                    reason: format!("a drawdown threshold must be negative, not {pct}%"),
                });
            }
            let mut episodes = es::drawdown_episodes(closes, *pct);
            let current = match episodes.last() {
                Some(e) if e.crossing == last => episodes.pop().map(|e| e.crossing),
                _ => None,
            };
            let mut details = vec![("threshold_pct".into(), d_num(*pct, Unit::Percent))];
            if let Some(e) = episodes.last() {
                details.push(("last_peak_date".into(), Detail::date(dates[e.peak])));
                details.push((
                    "last_peak_close".into(),
                    d_num(closes[e.peak], Unit::Points),
                ));
            }
            Found {
                occ: episodes.iter().map(|e| e.crossing).collect(),
                current,
                label: format!("first closed {:.0}% or more below its peak", pct.abs()),
                details,
                vs: None,
            }
        }
        Condition::RecordClose => {
            let mut occ = es::record_closes(closes);
            let current = pop_current(&mut occ, last);
            Found {
                occ,
                current,
                label: "closed at a record".to_string(),
                details: Vec::new(),
                vs: None,
            }
        }
        Condition::January { pct } => return january(engine, symbol, *pct, as_of),
    };
    let Found {
        occ,
        current,
        label,
        details,
        vs,
    } = found;
    let horizons = es::forward_returns(closes, &occ, &HORIZONS);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "event_study",
        std::iter::once(sym.clone()).chain(vs).collect(),
        as_of,
        FactValue::Integer(i64::try_from(occ.len()).unwrap_or(i64::MAX)),
        Unit::Count,
        ("event_study.forward", 1),
    );
    f.window = Some((dates[0], dates[last]));
    f.inputs = inputs;
    f.details
        .insert("condition".into(), Detail::text(label.clone()));
    f.details.extend(details);
    insert_horizons(&mut f, "", &horizons);
    insert_horizons(&mut f, "_all", &es::baseline(closes, &HORIZONS));
    f.details.insert("data_from".into(), Detail::date(dates[0]));
    f.details
        .insert("data_to".into(), Detail::date(dates[last]));
    for (n, &i) in occ.iter().enumerate().take(MAX_LISTED) {
        f.details
            .insert(format!("occurrence{:02}", n + 1), Detail::date(dates[i]));
    }
    if let (Some(&first), Some(&l)) = (occ.first(), occ.last()) {
        f.details
            .insert("first_occurrence".into(), Detail::date(dates[first]));
        f.details
            .insert("last_occurrence".into(), Detail::date(dates[l]));
        f.details
            .insert("last_close".into(), d_num(closes[l], Unit::Points));
        for &h in &HORIZONS {
            if let Some(r) = es::forward_return_pct(closes, l, h) {
                f.details
                    .insert(format!("fwd{h}_last_pct"), d_num(r, Unit::Percent));
            }
        }
    }
    if let Some(c) = current {
        f.details
            .insert("current_occurrence".into(), Detail::date(dates[c]));
    }
    let name = engine.name(&sym);
    let last_text = occ
        .last()
        .map_or_else(String::new, |&l| format!(", last on {}", dates[l]));
    f.text = match horizons.iter().find(|h| h.sessions == 252).or(horizons.last()) {
        Some(h) => format!(
            "{name} {label} {} times from {} to {}{last_text} (the current occurrence excluded); {} sessions later it was up {:.0}% of the time, with a median change of {:+.2}% (n = {}).",
            occ.len(),
            dates[0],
            dates[last],
            h.sessions,
            h.hit_pct,
            h.median_pct,
            h.n
        ),
        None => format!(
            "{name} {label} {} times from {} to {}{last_text} (the current occurrence excluded); none has a complete forward window yet.",
            occ.len(),
            dates[0],
            dates[last]
        ),
    };
    Ok(f)
}

/// Removes and returns the occurrence on the as-of session (`last`), if any.
fn pop_current(occ: &mut Vec<usize>, last: usize) -> Option<usize> {
    if occ.last() == Some(&last) {
        occ.pop()
    } else {
        None
    }
}

/// `fwd{h}{suffix}_n`, `_n_higher`, `_mean_pct`, `_median_pct`, `_hit_pct`
/// per horizon,
/// and `fwd{h}_sessions`: the horizon itself as a number (so a reader that
/// prints "21 sessions" prints a Fact detail, not a number parsed from a
/// detail name).
fn insert_horizons(f: &mut Fact, suffix: &str, horizons: &[Horizon]) {
    for h in horizons {
        f.details.insert(
            format!("fwd{}_sessions", h.sessions),
            d_int(h.sessions, Unit::Sessions),
        );
        let p = format!("fwd{}{suffix}", h.sessions);
        f.details.insert(format!("{p}_n"), d_int(h.n, Unit::Count));
        f.details
            .insert(format!("{p}_n_higher"), d_int(h.n_higher, Unit::Count));
        f.details
            .insert(format!("{p}_mean_pct"), d_num(h.mean_pct, Unit::Percent));
        f.details.insert(
            format!("{p}_median_pct"),
            d_num(h.median_pct, Unit::Percent),
        );
        f.details
            .insert(format!("{p}_hit_pct"), d_num(h.hit_pct, Unit::Share));
    }
}

/// Streak occurrences: the session each earlier run reached `min_len`.
fn streak(
    engine: &Engine<'_>,
    cut: &Cut<'_>,
    vs: Option<&str>,
    direction: Direction,
    min_len: u32,
    as_of: Date,
    inputs: &mut Vec<model::FactInput>,
) -> Result<Found, FactError> {
    let (dates, closes) = (cut.dates(), cut.values());
    let up = direction == Direction::Up;
    let min_len = (min_len as usize).max(1);
    let (grid_dates, hits, vs_sym) = match vs {
        Some(vs) => {
            let b = engine.price_cut(vs, as_of)?;
            let g = k::common_grid(dates, closes, b.dates(), b.values());
            if let (Some(&f), Some(&l)) = (g.b_idx.first(), g.b_idx.last()) {
                inputs.extend(engine.inputs(b.series, f..l + 1));
            }
            let hits = k::relative_hits(&g.a, &g.b, up);
            (g.dates, hits, Some(b.symbol().to_string()))
        }
        None => (
            dates.to_vec(),
            if up {
                k::up_hits(closes)
            } else {
                k::down_hits(closes)
            },
            None,
        ),
    };
    // Grid sessions are sessions of the measured series.
    let at = |g: usize| dates.binary_search(&grid_dates[g]).ok();
    let last_grid = hits.len().checked_sub(1);
    let long: Vec<k::Run> = k::runs(&hits)
        .into_iter()
        .filter(|r| r.len() >= min_len)
        .collect();
    let (done, ongoing): (Vec<k::Run>, Vec<k::Run>) =
        long.into_iter().partition(|r| Some(r.end) != last_grid);
    let occ = done
        .iter()
        .filter_map(|r| at(r.start + min_len - 1))
        .collect();
    let mut details = vec![("min_len".to_string(), d_int(min_len, Unit::Sessions))];
    if let Some(r) = done.last() {
        details.push(("last_start".into(), Detail::date(grid_dates[r.start])));
        details.push(("last_end".into(), Detail::date(grid_dates[r.end])));
        details.push(("last_len".into(), d_int(r.len(), Unit::Sessions)));
    }
    // The longest earlier run (the latest of equals).
    if let Some(r) = done.iter().rev().max_by_key(|r| r.len()) {
        details.push(("longest_len".into(), d_int(r.len(), Unit::Sessions)));
        details.push(("longest_end".into(), Detail::date(grid_dates[r.end])));
    }
    let current = ongoing.first().and_then(|r| {
        details.push(("ongoing_start".into(), Detail::date(grid_dates[r.start])));
        details.push(("ongoing_len".into(), d_int(r.len(), Unit::Sessions)));
        at(r.start + min_len - 1)
    });
    let label = match (&vs_sym, up) {
        (Some(vs), true) => format!("beat {} for {min_len} sessions in a row", engine.name(vs)),
        (Some(vs), false) => format!(
            "trailed {} for {min_len} sessions in a row",
            engine.name(vs)
        ),
        (None, true) => format!("rose {min_len} sessions in a row"),
        (None, false) => format!("fell {min_len} sessions in a row"),
    };
    Ok(Found {
        occ,
        current,
        label,
        details,
        vs: vs_sym,
    })
}

/// The levels a January study reads: closes as they are, or a periodic
/// return series compounded into an index.
fn january_levels(series: &Series, n: usize) -> Vec<f64> {
    let v = &series.values()[..n];
    if series.key().field == Field::ReturnPct {
        compound_index(v)
    } else {
        v.to_vec()
    }
}

/// `Condition::January`, method `event_study.january` v1: the January
/// barometer over complete years, plus (for daily price series) the
/// `event_study.forward` statistics from the last January session of each
/// signal year.
fn january(engine: &Engine<'_>, symbol: &str, pct: f64, as_of: Date) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let levels = january_levels(cut.series, cut.n);
    let dates = cut.dates();
    let last = cut.last();
    let years = january_years(dates, &levels, as_of);
    let complete: Vec<&es::JanuaryYear> = years.iter().filter(|y| y.rest_pct.is_some()).collect();
    let (Some(first), Some(latest_complete)) = (complete.first(), complete.last()) else {
        return Err(FactError::NoCompleteYear {
            instrument: cut.symbol().to_string(),
            from: dates[0],
            to: dates[last],
        });
    };
    let b = barometer(&years, pct);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "event_study",
        vec![sym.clone()],
        as_of,
        FactValue::Integer(i64::try_from(b.n_signal).unwrap_or(i64::MAX)),
        Unit::Count,
        ("event_study.january", 2),
    );
    let first_read = if cut.field() == Field::ReturnPct {
        // A return dated in the base December is not read: the index starts there.
        first.base_idx + 1
    } else {
        first.base_idx
    };
    f.window = Some((dates[first_read.min(last)], dates[last]));
    f.inputs = engine.inputs(cut.series, first_read.min(last)..cut.n);
    let cmp = if pct < 0.0 { "below" } else { "above" };
    let label = format!("had a January return {cmp} {pct:+.2}%");
    let d = &mut f.details;
    d.insert("condition".into(), Detail::text(label.clone()));
    d.insert("threshold_pct".into(), d_num(pct, Unit::Percent));
    d.insert("n_years".into(), d_int(b.n_years, Unit::Count));
    d.insert("n_signal".into(), d_int(b.n_signal, Unit::Count));
    d.insert("n_other".into(), d_int(b.n_years - b.n_signal, Unit::Count));
    d.insert(
        "first_year".into(),
        Detail::integer(i64::from(first.year), Unit::Count),
    );
    d.insert(
        "last_year".into(),
        Detail::integer(i64::from(latest_complete.year), Unit::Count),
    );
    let groups = [("signal", &b.signal_rest_pct), ("other", &b.other_rest_pct)];
    for (g, rest) in groups {
        if let (Some(m), Some(h)) = (es::median(rest), es::hit_pct(rest)) {
            d.insert(format!("{g}_rest_median_pct"), d_num(m, Unit::Percent));
            d.insert(format!("{g}_rest_up_pct"), d_num(h, Unit::Share));
        }
    }
    let all: Vec<f64> = complete.iter().filter_map(|y| y.rest_pct).collect();
    if let Some(h) = es::hit_pct(&all) {
        d.insert("all_rest_up_pct".into(), d_num(h, Unit::Share));
    }
    d.insert(
        "agree_pct".into(),
        d_num(b.n_agree as f64 / b.n_years as f64 * 100.0, Unit::Share),
    );
    if let Some(y) = years.last() {
        d.insert(
            "latest_year".into(),
            Detail::integer(i64::from(y.year), Unit::Count),
        );
        d.insert(
            "latest_january_pct".into(),
            d_num(y.january_pct, Unit::Percent),
        );
        d.insert(
            "latest_signal".into(),
            d_bool(january_signal(y.january_pct, pct)),
        );
        // A signal January whose year is still running is the current occurrence.
        if y.rest_pct.is_none() && january_signal(y.january_pct, pct) {
            d.insert(
                "current_occurrence".into(),
                Detail::date(dates[y.january_idx]),
            );
        }
    }
    // The signal years, dated on their last January session.
    let occ: Vec<usize> = complete
        .iter()
        .filter(|y| january_signal(y.january_pct, pct))
        .map(|y| y.january_idx)
        .collect();
    for (n, &i) in occ.iter().enumerate().take(MAX_LISTED) {
        d.insert(format!("occurrence{:02}", n + 1), Detail::date(dates[i]));
    }
    if let (Some(&fo), Some(&lo)) = (occ.first(), occ.last()) {
        d.insert("first_occurrence".into(), Detail::date(dates[fo]));
        d.insert("last_occurrence".into(), Detail::date(dates[lo]));
    }
    // Session horizons only mean something on a daily price series.
    if cut.field() != Field::ReturnPct {
        let horizons = es::forward_returns(&levels, &occ, &HORIZONS);
        insert_horizons(&mut f, "", &horizons);
    }
    let name = engine.name(&sym);
    let up = |v: &[f64]| v.iter().filter(|r| **r > 0.0).count();
    f.text = format!(
        "In {} complete years of {name} data ({}–{}), {} Januarys were {cmp} {pct:+.2}%; February–December rose in {} of those years and in {} of the other {}. A base rate, not a forecast.",
        b.n_years,
        first.year,
        latest_complete.year,
        b.n_signal,
        up(&b.signal_rest_pct),
        up(&b.other_rest_pct),
        b.n_years - b.n_signal,
    );
    Ok(f)
}
