//! Typed views of engine Facts: the one place that knows which detail
//! names the engine uses, so that the writer reads Facts without guessing.
//!
//! Each accessor tries the engine's names; a missing detail yields `None`,
//! and the writer then leaves the sentence that needed it out.

use crate::book::{date, num, text};
use model::{Date, Fact, FactValue};

/// Length of a streak Fact, in sessions.
pub(crate) fn streak_len(f: &Fact) -> Option<i64> {
    match f.value {
        FactValue::Integer(n) => Some(n),
        FactValue::Number(x) => Some(x.round() as i64),
        _ => None,
    }
}

/// First session of a streak (or of any windowed Fact).
pub(crate) fn window_start(f: &Fact) -> Option<Date> {
    f.window
        .map(|w| w.0)
        .or_else(|| date(f, &["start", "from", "first"]))
}

/// Whether a streak is up (A beat B / gains) rather than down.
pub(crate) fn streak_up(f: &Fact) -> Option<bool> {
    match text(f, &["direction"]) {
        Some(t) => Some(t.eq_ignore_ascii_case("up")),
        None => {
            if f.kind.contains("down") || f.kind.contains("losing") {
                Some(false)
            } else if f.kind.contains("up") || f.kind.contains("winning") {
                Some(true)
            } else {
                None
            }
        }
    }
}

/// End date of the earlier streak that makes this one "the longest since";
/// `None` when there is none (longest on record) or the engine did not say.
pub(crate) fn longest_since(f: &Fact) -> Option<Date> {
    date(
        f,
        &[
            "longest_since_end",
            "longest_since",
            "since_end",
            "previous_end",
            "since",
        ],
    )
}

/// Length of that earlier streak.
pub(crate) fn longest_since_len(f: &Fact) -> Option<i64> {
    num(
        f,
        &[
            "longest_since_len",
            "longest_since_sessions",
            "since_len",
            "previous_len",
        ],
    )
    .map(|x| x.round() as i64)
}

/// First date of the history a Fact read (earliest input date).
pub(crate) fn history_start(f: &Fact) -> Option<Date> {
    f.inputs.iter().map(|i| i.from).min()
}

/// A daily move's return in percent.
pub(crate) fn move_pct(f: &Fact) -> Option<f64> {
    f.value.as_f64()
}

/// A daily move's rank among moves in the same direction.
pub(crate) fn move_rank(f: &Fact) -> Option<i64> {
    num(f, &["rank"]).map(|x| x.round() as i64)
}

/// Number of moves it was ranked against.
pub(crate) fn move_n_ranked(f: &Fact) -> Option<i64> {
    num(f, &["n_ranked", "ranked_against", "n"]).map(|x| x.round() as i64)
}

/// Last earlier session with a move at least as extreme.
pub(crate) fn move_since(f: &Fact) -> Option<Date> {
    date(f, &["since", "largest_since", "worst_since", "best_since"])
}

/// Whether a record Fact found a record.
pub(crate) fn is_record(f: &Fact) -> Option<bool> {
    match f.value {
        FactValue::Bool(b) => Some(b),
        _ => match f.detail("is_record").map(|d| &d.value) {
            Some(FactValue::Bool(b)) => Some(*b),
            _ => None,
        },
    }
}

/// The value that set the record (the close or the intraday high).
pub(crate) fn record_level(f: &Fact) -> Option<f64> {
    num(f, &["value", "close", "high", "level", "record"]).or_else(|| f.value.as_f64())
}

/// The previous record's date.
pub(crate) fn previous_record_date(f: &Fact) -> Option<Date> {
    date(f, &["previous_record", "previous_record_date", "previous"])
}

/// The previous record's level.
pub(crate) fn previous_record_level(f: &Fact) -> Option<f64> {
    num(
        f,
        &[
            "previous_record_value",
            "previous_record_level",
            "previous_value",
        ],
    )
}

/// The date a "highest/lowest since" Fact reaches back to.
pub(crate) fn since_date(f: &Fact) -> Option<Date> {
    f.value
        .as_date()
        .or_else(|| date(f, &["since", "since_date"]))
}

/// A level: the Fact's value, or its `close`/`level` detail.
pub(crate) fn level(f: &Fact) -> Option<f64> {
    f.value
        .as_f64()
        .or_else(|| num(f, &["close", "level", "value"]))
}

/// Drawdown in percent (negative).
pub(crate) fn drawdown_pct(f: &Fact) -> Option<f64> {
    f.value.as_f64()
}

/// Date of the running peak.
pub(crate) fn drawdown_peak(f: &Fact) -> Option<Date> {
    date(f, &["peak", "peak_date"])
}

/// Date the decline first reached −20 % (this decline).
pub(crate) fn bear_start(f: &Fact) -> Option<Date> {
    date(f, &["bear_start", "bear_date"])
}

/// Date the decline first reached −10 % (this decline).
pub(crate) fn correction_start(f: &Fact) -> Option<Date> {
    date(f, &["correction_start", "correction_date"])
}

/// Whether the latest close is still in a correction (−10 % or worse) or,
/// with `bear`, a bear market (−20 % or worse), from the Fact's flags.
pub(crate) fn drawdown_in_state(f: &Fact, bear: bool) -> Option<bool> {
    let name = if bear {
        "in_bear_market"
    } else {
        "in_correction"
    };
    match f.detail(name).map(|d| &d.value) {
        Some(FactValue::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// Moving-average position: above (true) or below.
pub(crate) fn ma_above(f: &Fact) -> Option<bool> {
    match f.detail("above").map(|d| &d.value) {
        Some(FactValue::Bool(b)) => Some(*b),
        _ => num(f, &["distance_pct"]).map(|x| x > 0.0),
    }
}

/// Distance of the close from the moving average, percent.
pub(crate) fn ma_distance(f: &Fact) -> Option<f64> {
    num(f, &["distance_pct", "distance"])
}

/// First session on the current side of the moving average.
pub(crate) fn ma_side_since(f: &Fact) -> Option<Date> {
    date(f, &["side_since", "cross_date", "last_cross", "since"])
}

/// The moving average's window in sessions.
pub(crate) fn ma_window(f: &Fact) -> Option<i64> {
    num(f, &["window", "window_sessions"]).map(|x| x.round() as i64)
}

/// Base rate: share of windows in which A beat B, percent.
pub(crate) fn base_share(f: &Fact) -> Option<f64> {
    f.value.as_f64().or_else(|| num(f, &["share_pct"]))
}

/// Base rate: number of windows.
pub(crate) fn base_windows(f: &Fact) -> Option<i64> {
    num(f, &["n_windows", "windows"]).map(|x| x.round() as i64)
}

/// Base rate: whole-span geometric annual difference (A's annualised
/// return minus B's over the full span), percentage points.
pub(crate) fn base_geo_diff(f: &Fact) -> Option<f64> {
    num(f, &["geometric_diff_pct", "geometric_diff"])
}

/// Base rate: window length in months, as the Fact states it.
pub(crate) fn base_window_months(f: &Fact) -> Option<i64> {
    num(f, &["window_months"]).map(|x| x.round() as i64)
}

/// Base rate: window length in years, as the Fact states it.
pub(crate) fn base_window_years(f: &Fact) -> Option<i64> {
    num(f, &["window_years"]).map(|x| x.round() as i64)
}

/// Rate decisions: the dated changes in basis points, oldest first.
pub(crate) fn rate_changes(f: &Fact) -> Vec<(Date, f64)> {
    let mut out: Vec<(Date, f64)> = Vec::new();
    for k in 1..=64 {
        let d = date(
            f,
            &[
                &format!("decision{k:02}_date"),
                &format!("decision_{k}_date"),
            ],
        );
        let bp = num(
            f,
            &[
                &format!("decision{k:02}_bp"),
                &format!("decision_{k}_change_bp"),
            ],
        );
        match (d, bp) {
            (Some(d), Some(bp)) => out.push((d, bp)),
            _ => break,
        }
    }
    out
}

/// Rate decisions: the target range after the last decision.
pub(crate) fn rate_range(f: &Fact) -> Option<(f64, f64)> {
    match (
        num(f, &["lower", "range_lower"]),
        num(f, &["upper", "range_upper"]),
    ) {
        (Some(l), Some(u)) => Some((l, u)),
        _ => match f.detail("range").map(|d| &d.value) {
            Some(FactValue::Range { low, high }) => Some((*low, *high)),
            _ => None,
        },
    }
}

/// Event study: forward-return statistics at one horizon, read from the
/// engine's `fwd<N>_n`, `fwd<N>_median_pct` and `fwd<N>_hit_pct` details.
/// The horizon (sessions) is the Fact's `fwd<N>_sessions` detail.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EventHorizon {
    /// Sessions ahead.
    pub(crate) sessions: i64,
    /// Occurrences with a complete forward window.
    pub(crate) n: i64,
    /// Median forward return, percent.
    pub(crate) median_pct: f64,
    /// Share of forward returns above zero, percent.
    pub(crate) hit_pct: f64,
    /// How many forward returns were above zero, when the Fact says.
    pub(crate) n_higher: Option<i64>,
}

/// Event study: the horizons with at least one complete forward window,
/// shortest first.
pub(crate) fn event_horizons(f: &Fact) -> Vec<EventHorizon> {
    horizons_with(f, "")
}

/// Event study: the same statistics over every session of the history (the
/// unconditional base rate), from the engine's `fwd<N>_all_…` details.
pub(crate) fn event_baseline(f: &Fact) -> Vec<EventHorizon> {
    horizons_with(f, "_all")
}

fn horizons_with(f: &Fact, suffix: &str) -> Vec<EventHorizon> {
    let mut out: Vec<EventHorizon> = f
        .details
        .keys()
        .filter_map(|k| {
            k.strip_prefix("fwd")?
                .strip_suffix(&format!("{suffix}_n"))?
                .parse::<i64>()
                .ok()
        })
        .filter_map(|h| {
            let p = format!("fwd{h}{suffix}");
            Some(EventHorizon {
                // The horizon as the Fact states it, never parsed from a name.
                sessions: num(f, &[&format!("fwd{h}_sessions")])?.round() as i64,
                n: num(f, &[&format!("{p}_n")])?.round() as i64,
                median_pct: num(f, &[&format!("{p}_median_pct")])?,
                hit_pct: num(f, &[&format!("{p}_hit_pct")])?,
                n_higher: num(f, &[&format!("{p}_n_higher")]).map(|x| x.round() as i64),
            })
        })
        .filter(|h| h.n > 0)
        .collect();
    out.sort_by_key(|h| h.sessions);
    out
}

/// Event study: number of past occurrences (the Fact's value).
pub(crate) fn event_count(f: &Fact) -> Option<i64> {
    match f.value {
        FactValue::Integer(n) => Some(n),
        _ => None,
    }
}

/// Event study: the listed occurrence dates, oldest first.
pub(crate) fn event_dates(f: &Fact) -> Vec<Date> {
    (1..=99)
        .map_while(|k| date(f, &[&format!("occurrence{k:02}")]))
        .collect()
}

/// The base date a period return was measured from.
pub(crate) fn ret_base_date(f: &Fact) -> Option<Date> {
    date(f, &["base_date", "base"])
}
