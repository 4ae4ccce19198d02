//! Event studies: what followed past occurrences of a condition.
//!
//! Method `event_study.forward` v1 (answered here until the fact engine
//! supports `Query::EventStudy`; the kernels are pure functions over slices):
//!
//! - Occurrences are found in the data up to the as-of date only.
//!   *Streak*: a completed run of at least `min_len` sessions (absolute, or
//!   relative on the sessions common to both series, as in `streak.relative`);
//!   the event date is the run's last session. A run still going at as-of is
//!   reported but not used. *Daily move*: every session whose return is at or
//!   beyond the threshold. *Drawdown*: the first close at or below the
//!   threshold below the running peak, once per peak-to-new-peak episode.
//!   *Record close*: every close above every earlier close.
//! - Forward return over h sessions from event session i: close[i + h] /
//!   close[i] − 1, only when i + h is on or before as-of. Horizons 21, 63,
//!   126 and 252 sessions (about 1, 3, 6 and 12 months).
//! - Per horizon: count, median, mean and hit rate (share > 0), beside the
//!   same statistics over every session (the unconditional base rate).
//!
//! Method `event_study.january` v1: for each complete year, January's return
//! (last January close / last close of the previous December − 1) and the
//! February–December return (last December close / last January close − 1);
//! years whose January beat the threshold vs the others. Monthly return
//! series are compounded into an index first.
//!
//! It is a base rate of what happened, not a forecast.

use crate::plan::HORIZONS_SESSIONS;
use chrono::Datelike;
use facts::kernels::streaks::{common_grid, down_hits, relative_hits, runs, up_hits, Run};
use model::fact::Detail;
use model::{
    Condition, Date, Direction, Fact, FactInput, FactValue, Field, Method, Series, Unit, Universe,
};
use std::collections::BTreeMap;

/// Statistics of forward returns at one horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct HorizonStats {
    /// Horizon in sessions.
    pub sessions: usize,
    /// Occurrences with a complete forward window.
    pub n: usize,
    /// Median forward return, percent.
    pub median_pct: Option<f64>,
    /// Mean forward return, percent.
    pub mean_pct: Option<f64>,
    /// Share of forward returns above zero, percent.
    pub hit_rate_pct: Option<f64>,
    /// The same over every session with a complete window.
    pub all_n: usize,
    /// Median over every session.
    pub all_median_pct: Option<f64>,
    /// Hit rate over every session.
    pub all_hit_rate_pct: Option<f64>,
}

/// Forward return in percent from index `i` over `h` sessions, if known.
pub fn forward_return_pct(closes: &[f64], i: usize, h: usize) -> Option<f64> {
    let j = i.checked_add(h)?;
    let (a, b) = (*closes.get(i)?, *closes.get(j)?);
    (a != 0.0).then(|| (b / a - 1.0) * 100.0)
}

/// Median of a list (mean of the two middle values for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn hit_rate(values: &[f64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().filter(|x| **x > 0.0).count() as f64 / values.len() as f64 * 100.0)
}

/// Forward-return statistics for events at indices `events` of `closes`.
pub fn horizon_stats(closes: &[f64], events: &[usize], h: usize) -> HorizonStats {
    let fwd: Vec<f64> = events
        .iter()
        .filter_map(|&i| forward_return_pct(closes, i, h))
        .collect();
    let all: Vec<f64> = (0..closes.len())
        .filter_map(|i| forward_return_pct(closes, i, h))
        .collect();
    HorizonStats {
        sessions: h,
        n: fwd.len(),
        median_pct: median(&fwd),
        mean_pct: mean(&fwd),
        hit_rate_pct: hit_rate(&fwd),
        all_n: all.len(),
        all_median_pct: median(&all),
        all_hit_rate_pct: hit_rate(&all),
    }
}

/// Completed runs of at least `min_len` hits (a run reaching the last index is
/// still going and is returned separately).
pub fn streak_events(hits: &[bool], min_len: usize) -> (Vec<Run>, Option<Run>) {
    let last = hits.len().saturating_sub(1);
    let mut done = Vec::new();
    let mut ongoing = None;
    for r in runs(hits) {
        if r.len() < min_len.max(1) {
            continue;
        }
        if r.end == last {
            ongoing = Some(r);
        } else {
            done.push(r);
        }
    }
    (done, ongoing)
}

/// Sessions whose return is ≤ `pct` (negative threshold) or ≥ `pct`.
pub fn move_events(closes: &[f64], pct: f64) -> Vec<usize> {
    (1..closes.len())
        .filter(|&i| {
            let r = (closes[i] / closes[i - 1] - 1.0) * 100.0;
            if pct < 0.0 {
                r <= pct
            } else {
                r >= pct
            }
        })
        .collect()
}

/// First close at or below `pct` (negative) under the running peak, once per
/// episode: `(peak index, crossing index)`.
pub fn drawdown_events(closes: &[f64], pct: f64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut peak = 0;
    let mut crossed = false;
    for i in 1..closes.len() {
        if closes[i] > closes[peak] {
            peak = i;
            crossed = false;
        } else if !crossed && (closes[i] / closes[peak] - 1.0) * 100.0 <= pct {
            out.push((peak, i));
            crossed = true;
        }
    }
    out
}

/// Closes above every earlier close.
pub fn record_events(closes: &[f64]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut best = f64::NEG_INFINITY;
    for (i, &c) in closes.iter().enumerate() {
        if i > 0 && c > best {
            out.push(i);
        }
        best = best.max(c);
    }
    out
}

/// One year of a January study.
#[derive(Debug, Clone, PartialEq)]
pub struct JanuaryYear {
    /// The year.
    pub year: i32,
    /// January's return, percent.
    pub january_pct: f64,
    /// February–December return, percent (`None` while the year is incomplete).
    pub rest_pct: Option<f64>,
    /// Index of the last January observation.
    pub january_idx: usize,
}

/// January and rest-of-year returns from closes (or a compounded index).
/// A year counts when the previous December and its January are in the data;
/// `rest_pct` needs its December too, and a December that ends on or before `as_of`.
pub fn january_years(dates: &[Date], closes: &[f64], as_of: Date) -> Vec<JanuaryYear> {
    // Last observation index of each (year, month).
    let mut last_of: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for (i, d) in dates.iter().enumerate() {
        last_of.insert((d.year(), d.month()), i);
    }
    let mut out = Vec::new();
    let years: Vec<i32> = last_of
        .keys()
        .filter(|(_, m)| *m == 1)
        .map(|(y, _)| *y)
        .collect();
    for y in years {
        let (Some(&dec0), Some(&jan)) = (last_of.get(&(y - 1, 12)), last_of.get(&(y, 1))) else {
            continue;
        };
        // January counts once it is over.
        if Date::from_ymd_opt(y, 1, 31).is_none_or(|e| e > as_of) {
            continue;
        }
        let january_pct = (closes[jan] / closes[dec0] - 1.0) * 100.0;
        let dec_over = Date::from_ymd_opt(y, 12, 31).is_some_and(|e| e <= as_of);
        let rest_pct = last_of
            .get(&(y, 12))
            .filter(|_| dec_over)
            .map(|&dec| (closes[dec] / closes[jan] - 1.0) * 100.0);
        out.push(JanuaryYear {
            year: y,
            january_pct,
            rest_pct,
            january_idx: jan,
        });
    }
    out
}

/// Why an event study could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StudyError {
    /// No usable series.
    #[error("no price or return series for `{0}` in the store")]
    Unknown(String),
    /// Nothing on or before as-of.
    #[error("no data for {0} on or before {1}")]
    NoData(String, Date),
    /// Not one occurrence of the condition.
    #[error("the condition never occurred in {symbol} data from {from} to {to}")]
    NoOccurrence {
        /// Instrument.
        symbol: String,
        /// First date searched.
        from: Date,
        /// Last date searched.
        to: Date,
    },
    /// The condition is not understood for this series.
    #[error("{0}")]
    Invalid(String),
}

fn price_series<'u>(u: &'u Universe, symbol: &str) -> Option<&'u Series> {
    [Field::Close, Field::AdjClose, Field::Value]
        .into_iter()
        .find_map(|f| u.get(symbol, f))
}

fn cite(u: &Universe, s: &Series, range: std::ops::Range<usize>) -> Vec<FactInput> {
    s.source_runs(range)
        .into_iter()
        .map(|(source, from, to)| FactInput {
            instrument: s.key().instrument.clone(),
            field: s.key().field,
            source,
            source_path: u
                .source(source)
                .map_or_else(|| format!("source #{}", source.0), |x| x.path.clone()),
            from,
            to,
        })
        .collect()
}

fn canonical(symbol: &str) -> String {
    crate::parse::registry()
        .and_then(|r| r.resolve(symbol).map(|i| i.symbol.clone()))
        .unwrap_or_else(|| symbol.to_string())
}

fn resolve_symbol(u: &Universe, symbol: &str) -> String {
    let known = u.series.keys().any(|k| k.instrument == symbol);
    if known {
        symbol.to_string()
    } else {
        canonical(symbol)
    }
}

fn num(x: f64, unit: Unit) -> Detail {
    Detail::number(x, unit)
}

fn int(n: usize, unit: Unit) -> Detail {
    Detail::integer(i64::try_from(n).unwrap_or(i64::MAX), unit)
}

/// Answers `Query::EventStudy` as a Fact.
///
/// # Errors
/// [`StudyError`] when the instrument has no data, the condition never
/// occurred, or the condition does not apply.
pub fn event_study_fact(
    u: &Universe,
    symbol: &str,
    condition: &Condition,
    as_of: Date,
) -> Result<Fact, StudyError> {
    let sym = resolve_symbol(u, symbol);
    if let Condition::January { pct } = condition {
        return january_fact(u, &sym, *pct, as_of);
    }
    let series = price_series(u, &sym).ok_or_else(|| StudyError::Unknown(sym.clone()))?;
    let n = series.len_as_of(as_of);
    if n < 2 {
        return Err(StudyError::NoData(sym, as_of));
    }
    let dates = &series.dates()[..n];
    let closes = &series.values()[..n];
    let mut details: BTreeMap<String, Detail> = BTreeMap::new();
    let mut inputs = cite(u, series, 0..n);
    // Event indices in the subject's own series.
    let events: Vec<usize> = match condition {
        Condition::Streak {
            vs,
            direction,
            min_len,
        } => {
            let (grid_dates, hits, a_idx) = match vs {
                Some(b) => {
                    let bsym = resolve_symbol(u, b);
                    let bs =
                        price_series(u, &bsym).ok_or_else(|| StudyError::Unknown(bsym.clone()))?;
                    let nb = bs.len_as_of(as_of);
                    let g = common_grid(dates, closes, &bs.dates()[..nb], &bs.values()[..nb]);
                    if g.dates.len() < 2 {
                        return Err(StudyError::NoData(format!("{sym} and {bsym}"), as_of));
                    }
                    inputs.extend(cite(u, bs, g.b_idx[0]..g.b_idx[g.b_idx.len() - 1] + 1));
                    let hits = relative_hits(&g.a, &g.b, *direction == Direction::Up);
                    (g.dates, hits, g.a_idx)
                }
                None => {
                    let hits = if *direction == Direction::Up {
                        up_hits(closes)
                    } else {
                        down_hits(closes)
                    };
                    (dates.to_vec(), hits, (0..n).collect())
                }
            };
            let (done, ongoing) = streak_events(&hits, *min_len as usize);
            if let Some(r) = ongoing {
                details.insert("ongoing_start".into(), Detail::date(grid_dates[r.start]));
                details.insert("ongoing_len".into(), int(r.len(), Unit::Sessions));
            }
            if let Some(last) = done.last() {
                details.insert("last_start".into(), Detail::date(grid_dates[last.start]));
                details.insert("last_len".into(), int(last.len(), Unit::Sessions));
            }
            if let Some(l) = done.iter().max_by_key(|r| r.len()) {
                details.insert("longest_len".into(), int(l.len(), Unit::Sessions));
                details.insert("longest_end".into(), Detail::date(grid_dates[l.end]));
            }
            done.iter().map(|r| a_idx[r.end]).collect()
        }
        Condition::DailyMove { pct } => move_events(closes, *pct),
        Condition::Drawdown { pct } => {
            if *pct >= 0.0 {
                return Err(StudyError::Invalid(format!(
                    "a drawdown threshold must be negative, not {pct}"
                )));
            }
            let ev = drawdown_events(closes, *pct);
            if let Some((peak, _)) = ev.last() {
                details.insert("last_peak_date".into(), Detail::date(dates[*peak]));
                details.insert("last_peak_close".into(), num(closes[*peak], Unit::Points));
            }
            ev.into_iter().map(|(_, i)| i).collect()
        }
        Condition::RecordClose => record_events(closes),
        Condition::January { .. } => Vec::new(),
    };
    let Some(&last) = events.last() else {
        return Err(StudyError::NoOccurrence {
            symbol: sym,
            from: dates[0],
            to: dates[n - 1],
        });
    };
    details.insert("last_occurrence".into(), Detail::date(dates[last]));
    details.insert("last_close".into(), num(closes[last], Unit::Points));
    details.insert("first_occurrence".into(), Detail::date(dates[events[0]]));
    details.insert("data_from".into(), Detail::date(dates[0]));
    details.insert("data_to".into(), Detail::date(dates[n - 1]));
    details.insert(
        "condition".into(),
        Detail::text(crate::fmt::condition_text(condition)),
    );
    let mut sentence_parts = Vec::new();
    for h in HORIZONS_SESSIONS {
        let st = horizon_stats(closes, &events, h);
        details.insert(format!("h{h}_n"), int(st.n, Unit::Count));
        if let (Some(m), Some(hr)) = (st.median_pct, st.hit_rate_pct) {
            details.insert(format!("h{h}_median_pct"), num(m, Unit::Percent));
            details.insert(format!("h{h}_hit_rate_pct"), num(hr, Unit::Share));
            sentence_parts.push(format!(
                "{h} sessions: median {m:+.2}%, up {hr:.1}% of {} times",
                st.n
            ));
        }
        if let Some(m) = st.mean_pct {
            details.insert(format!("h{h}_mean_pct"), num(m, Unit::Percent));
        }
        if let (Some(m), Some(hr)) = (st.all_median_pct, st.all_hit_rate_pct) {
            details.insert(format!("h{h}_all_median_pct"), num(m, Unit::Percent));
            details.insert(format!("h{h}_all_hit_rate_pct"), num(hr, Unit::Share));
        }
        if let Some(r) = forward_return_pct(closes, last, h) {
            details.insert(format!("h{h}_last_pct"), num(r, Unit::Percent));
        }
    }
    details.insert(
        "forecast".into(),
        Detail::text("a base rate of past occurrences, not a forecast"),
    );
    let text = format!(
        "{} occurrences of {} in {sym} data from {} to {} (last on {}); forward returns — {}. A base rate of past occurrences, not a forecast.",
        events.len(),
        crate::fmt::condition_text(condition),
        dates[0],
        dates[n - 1],
        dates[last],
        if sentence_parts.is_empty() { "none complete yet".to_string() } else { sentence_parts.join("; ") }
    );
    Ok(Fact {
        id: String::new(),
        kind: "event_study".to_string(),
        subjects: std::iter::once(sym.clone())
            .chain(match condition {
                Condition::Streak { vs: Some(b), .. } => Some(resolve_symbol(u, b)),
                _ => None,
            })
            .collect(),
        as_of,
        window: Some((dates[0], dates[n - 1])),
        value: FactValue::Integer(i64::try_from(events.len()).unwrap_or(i64::MAX)),
        unit: Unit::Count,
        method: Method::new("event_study.forward", 1),
        inputs,
        details,
        text,
    })
}

fn january_fact(u: &Universe, sym: &str, pct: f64, as_of: Date) -> Result<Fact, StudyError> {
    // Monthly return series are compounded into an index; price series used as they are.
    let (series, index): (&Series, Vec<f64>) = match price_series(u, sym) {
        Some(s) => (s, s.values().to_vec()),
        None => {
            let s = u
                .get(sym, Field::ReturnPct)
                .ok_or_else(|| StudyError::Unknown(sym.to_string()))?;
            let mut level = 100.0;
            let idx = s
                .values()
                .iter()
                .map(|r| {
                    level *= 1.0 + r / 100.0;
                    level
                })
                .collect();
            (s, idx)
        }
    };
    let n = series.len_as_of(as_of);
    if n < 2 {
        return Err(StudyError::NoData(sym.to_string(), as_of));
    }
    let dates = &series.dates()[..n];
    let years = january_years(dates, &index[..n], as_of);
    let complete: Vec<&JanuaryYear> = years.iter().filter(|y| y.rest_pct.is_some()).collect();
    if complete.is_empty() {
        return Err(StudyError::NoOccurrence {
            symbol: sym.to_string(),
            from: dates[0],
            to: dates[n - 1],
        });
    }
    let strong = |y: &&&JanuaryYear| {
        if pct < 0.0 {
            y.january_pct < pct
        } else {
            y.january_pct > pct
        }
    };
    let (hit, miss): (Vec<&JanuaryYear>, Vec<&JanuaryYear>) =
        complete.iter().partition(|y| strong(y));
    let rest = |v: &[&JanuaryYear]| v.iter().filter_map(|y| y.rest_pct).collect::<Vec<f64>>();
    let (rh, rm) = (rest(&hit), rest(&miss));
    let mut details: BTreeMap<String, Detail> = BTreeMap::new();
    details.insert("n_years".into(), int(complete.len(), Unit::Count));
    details.insert("n_signal".into(), int(hit.len(), Unit::Count));
    details.insert("n_other".into(), int(miss.len(), Unit::Count));
    details.insert(
        "first_year".into(),
        int(complete[0].year as usize, Unit::Count),
    );
    details.insert(
        "last_year".into(),
        int(complete[complete.len() - 1].year as usize, Unit::Count),
    );
    if let (Some(m), Some(h)) = (median(&rh), hit_rate(&rh)) {
        details.insert("signal_rest_median_pct".into(), num(m, Unit::Percent));
        details.insert("signal_rest_up_pct".into(), num(h, Unit::Share));
    }
    if let (Some(m), Some(h)) = (median(&rm), hit_rate(&rm)) {
        details.insert("other_rest_median_pct".into(), num(m, Unit::Percent));
        details.insert("other_rest_up_pct".into(), num(h, Unit::Share));
    }
    let all = rest(&complete);
    if let Some(h) = hit_rate(&all) {
        details.insert("all_rest_up_pct".into(), num(h, Unit::Share));
    }
    // Agreement: the sign of January matches the sign of February–December.
    let agree = complete
        .iter()
        .filter(|y| {
            y.rest_pct
                .is_some_and(|r| (r > 0.0) == (y.january_pct > 0.0))
        })
        .count();
    details.insert(
        "agree_pct".into(),
        num(agree as f64 / complete.len() as f64 * 100.0, Unit::Share),
    );
    if let Some(latest) = years.last() {
        details.insert("latest_year".into(), int(latest.year as usize, Unit::Count));
        details.insert(
            "latest_january_pct".into(),
            num(latest.january_pct, Unit::Percent),
        );
        details.insert(
            "latest_signal".into(),
            Detail {
                value: FactValue::Bool(if pct < 0.0 {
                    latest.january_pct < pct
                } else {
                    latest.january_pct > pct
                }),
                unit: Unit::Bool,
            },
        );
    }
    details.insert("threshold_pct".into(), num(pct, Unit::Percent));
    details.insert(
        "forecast".into(),
        Detail::text("a base rate of past years, not a forecast"),
    );
    let first_read = complete[0].january_idx.saturating_sub(1);
    let text = format!(
        "In {} complete years of {sym} data ({}–{}), {} Januarys were {} {pct:.1}%; February–December rose in {} of those years and in {} of the other {}. A base rate, not a forecast.",
        complete.len(),
        complete[0].year,
        complete[complete.len() - 1].year,
        hit.len(),
        if pct < 0.0 { "below" } else { "above" },
        rh.iter().filter(|r| **r > 0.0).count(),
        rm.iter().filter(|r| **r > 0.0).count(),
        miss.len(),
    );
    Ok(Fact {
        id: String::new(),
        kind: "january_study".to_string(),
        subjects: vec![sym.to_string()],
        as_of,
        window: Some((dates[first_read.min(n - 1)], dates[n - 1])),
        value: FactValue::Integer(i64::try_from(hit.len()).unwrap_or(i64::MAX)),
        unit: Unit::Count,
        method: Method::new("event_study.january", 1),
        inputs: cite(u, series, first_read..n),
        details,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_on_hand_made_series() {
        // Hand check: closes 100, 89 (−11%), 95, 110 (record), 98 (−10.9% from 110).
        let c = [100.0, 89.0, 95.0, 110.0, 98.0];
        assert_eq!(drawdown_events(&c, -10.0), vec![(0, 1), (3, 4)]);
        assert_eq!(record_events(&c), vec![3]);
        assert_eq!(move_events(&c, -10.0), vec![1, 4]);
        assert_eq!(
            forward_return_pct(&c, 1, 2),
            Some((110.0 / 89.0 - 1.0) * 100.0)
        );
        assert_eq!(forward_return_pct(&c, 3, 2), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        let hits = [false, true, true, false, true, true, true];
        let (done, ongoing) = streak_events(&hits, 2);
        assert_eq!(done, vec![Run { start: 1, end: 2 }]);
        assert_eq!(ongoing, Some(Run { start: 4, end: 6 }));
    }
}
