//! Event-study facts: forward returns after past occurrences of a condition.
//!
//! Occurrences (all evaluated on data up to as-of only):
//! - `Streak`: the session on which a run (absolute, or relative to `vs` on
//!   the common-session grid) first reaches `min_len`; the run still going at
//!   as-of is the current occurrence and is excluded.
//! - `DailyMove`: sessions whose return is ≤ `pct` (negative) or ≥ `pct`.
//! - `Drawdown`: the first close of each episode at or below `pct` from the
//!   running peak.
//! - `RecordClose`: record-close sessions.
//! - `January`: the last January session of years whose January return
//!   (base: prior December's last close) is ≥ `pct` (or ≤ when negative).
//!
//! An occurrence on the as-of session is the current one and is excluded.

use super::{d_int, d_num, fact};
use crate::kernels::event_study::{drawdown_crossings, forward_returns, run_reaches, HORIZONS};
use crate::kernels::returns::{period_history, CalendarKind};
use crate::kernels::streaks as k;
use crate::{Engine, FactError};
use model::fact::Detail;
use model::{Condition, Date, Direction, Fact, FactValue, Unit};

const MAX_LISTED: usize = 50;

/// `Query::EventStudy`.
pub(crate) fn event_study(
    engine: &Engine<'_>,
    symbol: &str,
    condition: &Condition,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let (dates, closes) = (cut.dates(), cut.values());
    let last = cut.last();
    let mut inputs = engine.inputs(cut.series, 0..cut.n);
    let (occ, label): (Vec<usize>, String) = match condition {
        Condition::Streak {
            vs,
            direction,
            min_len,
        } => {
            let up = *direction == Direction::Up;
            let min_len = (*min_len as usize).max(1);
            let (grid_dates, hits) = match vs {
                Some(vs) => {
                    let b = engine.price_cut(vs, as_of)?;
                    inputs.extend(engine.inputs(b.series, 0..b.n));
                    let g = k::common_grid(dates, closes, b.dates(), b.values());
                    let hits = k::relative_hits(&g.a, &g.b, up);
                    (g.dates, hits)
                }
                None => (
                    dates.to_vec(),
                    if up {
                        k::up_hits(closes)
                    } else {
                        k::down_hits(closes)
                    },
                ),
            };
            // The run still going at the last grid session is the current one.
            let current_start = hits
                .len()
                .checked_sub(1)
                .map(|e| e + 1 - k::run_length_ending_at(&hits, e));
            let occ = run_reaches(&hits, min_len)
                .into_iter()
                .filter(|&g| current_start.is_none_or(|s| g < s))
                .filter_map(|g| dates.binary_search(&grid_dates[g]).ok())
                .collect();
            let what = match (vs, up) {
                (Some(vs), true) => {
                    format!("beat {} for {min_len} sessions in a row", engine.name(vs))
                }
                (Some(vs), false) => format!(
                    "trailed {} for {min_len} sessions in a row",
                    engine.name(vs)
                ),
                (None, true) => format!("rose {min_len} sessions in a row"),
                (None, false) => format!("fell {min_len} sessions in a row"),
            };
            (occ, what)
        }
        Condition::DailyMove { pct } => {
            let occ = (1..=last)
                .filter(|&i| {
                    let r = (closes[i] / closes[i - 1] - 1.0) * 100.0;
                    if *pct < 0.0 {
                        r <= *pct
                    } else {
                        r >= *pct
                    }
                })
                .collect();
            (occ, format!("moved {pct:+.2}% or more in a day"))
        }
        Condition::Drawdown { pct } => (
            drawdown_crossings(closes, *pct),
            format!("first closed {:.0}% or more below its peak", pct.abs()),
        ),
        Condition::RecordClose => {
            let mut occ = Vec::new();
            let mut max = f64::NEG_INFINITY;
            for (i, &c) in closes.iter().enumerate() {
                if c > max {
                    if i > 0 {
                        occ.push(i);
                    }
                    max = c;
                }
            }
            (occ, "closed at a record".to_string())
        }
        Condition::January { pct } => {
            let occ = period_history(dates, closes, CalendarKind::Month, Some(1), None, as_of)
                .into_iter()
                .filter(|p| p.complete)
                .filter(|p| {
                    if *pct < 0.0 {
                        p.return_pct <= *pct
                    } else {
                        p.return_pct >= *pct
                    }
                })
                .map(|p| p.idx.last)
                .collect();
            (occ, format!("had a January return of {pct:+.2}% or beyond"))
        }
    };
    let occ: Vec<usize> = occ.into_iter().filter(|&i| i < last).collect();
    let horizons = forward_returns(closes, &occ, &HORIZONS);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "event_study",
        vec![sym.clone()],
        as_of,
        FactValue::Integer(occ.len() as i64),
        Unit::Count,
        ("event_study.forward", 1),
    );
    f.window = Some((dates[0], dates[last]));
    f.inputs = inputs;
    f.details
        .insert("condition".into(), Detail::text(label.clone()));
    for h in &horizons {
        let p = format!("fwd{}", h.sessions);
        f.details.insert(format!("{p}_n"), d_int(h.n, Unit::Count));
        f.details
            .insert(format!("{p}_mean_pct"), d_num(h.mean_pct, Unit::Percent));
        f.details.insert(
            format!("{p}_median_pct"),
            d_num(h.median_pct, Unit::Percent),
        );
        f.details
            .insert(format!("{p}_hit_pct"), d_num(h.hit_pct, Unit::Share));
    }
    for (n, &i) in occ.iter().enumerate().take(MAX_LISTED) {
        f.details
            .insert(format!("occurrence{:02}", n + 1), Detail::date(dates[i]));
    }
    let name = engine.name(&sym);
    f.text = match horizons.iter().find(|h| h.sessions == 252).or(horizons.last()) {
        Some(h) => format!(
            "{name} {label} {} times from {} to {} (the current occurrence excluded); {} sessions later it was up {:.0}% of the time, with a median change of {:+.2}% (n = {}).",
            occ.len(),
            dates[0],
            dates[last],
            h.sessions,
            h.hit_pct,
            h.median_pct,
            h.n
        ),
        None => format!(
            "{name} {label} {} times from {} to {} (the current occurrence excluded); none has a complete forward window yet.",
            occ.len(),
            dates[0],
            dates[last]
        ),
    };
    Ok(f)
}
