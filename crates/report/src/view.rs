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

/// A daily move's change in points.
pub(crate) fn move_points(f: &Fact) -> Option<f64> {
    num(f, &["points", "change_points"])
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

/// Base rate: geometric annual difference, percentage points.
pub(crate) fn base_geo_diff(f: &Fact) -> Option<f64> {
    num(
        f,
        &[
            "geometric_diff_pct",
            "geometric_diff",
            "mean_window_diff_pct",
        ],
    )
}

/// Base rate: arithmetic annual difference, percentage points.
pub(crate) fn base_arith_diff(f: &Fact) -> Option<f64> {
    num(f, &["arithmetic_diff_pct", "arithmetic_diff"])
}

/// Base rate: window length in years.
pub(crate) fn base_window_years(f: &Fact) -> Option<i64> {
    num(f, &["window_years"])
        .or_else(|| num(f, &["window_months"]).map(|m| m / 12.0))
        .map(|x| x.round() as i64)
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

/// Event study: share of past occurrences followed by a gain, percent.
pub(crate) fn event_share_up(f: &Fact) -> Option<f64> {
    num(f, &["share_up_pct", "share_positive_pct", "hit_rate_pct"])
}

/// Event study: number of past occurrences.
pub(crate) fn event_n(f: &Fact) -> Option<i64> {
    num(f, &["n_events", "occurrences", "n"]).map(|x| x.round() as i64)
}

/// Event study: horizon in sessions.
pub(crate) fn event_horizon(f: &Fact) -> Option<i64> {
    num(f, &["horizon_sessions", "horizon"]).map(|x| x.round() as i64)
}

/// Event study: mean or median forward return, percent.
pub(crate) fn event_mean(f: &Fact) -> Option<f64> {
    num(
        f,
        &[
            "median_pct",
            "mean_pct",
            "median_return_pct",
            "mean_return_pct",
        ],
    )
    .or_else(|| f.value.as_f64())
}

/// Event study: last occurrence before the as-of date.
pub(crate) fn event_last(f: &Fact) -> Option<Date> {
    date(f, &["last_event", "last_date", "last"])
}

/// Event study: forward return after the last occurrence, percent.
pub(crate) fn event_last_return(f: &Fact) -> Option<f64> {
    num(f, &["last_return_pct", "last_forward_pct"])
}

/// A period return's change in points.
pub(crate) fn ret_points(f: &Fact) -> Option<f64> {
    num(f, &["points", "change_points"])
}

/// The base date a period return was measured from.
pub(crate) fn ret_base_date(f: &Fact) -> Option<Date> {
    date(f, &["base_date", "base"])
}
