//! Data-quality flags on consolidated series. Flags are stored and
//! reported; the data is never silently "fixed".
//!
//! Definitions (stated once, used by the tests):
//! - **spike**: a one-day move reversed the next day that no other source
//!   confirms (a suspected bad print, kept in the series). Day t is flagged when
//!   |r_t| > [`SPIKE_MIN_MOVE`], r_{t+1} has the opposite sign and undoes at
//!   least [`SPIKE_MIN_UNDO`] of it (|close_{t+1} / close_{t-1} − 1| ≤
//!   (1 − 0.8)·|r_t|), and |r_t| is at least [`SPIKE_MIN_SIGMAS`] times the
//!   sample standard deviation of the [`SPIKE_VOL_WINDOW`] previous daily
//!   returns. GSPC 1935-04-16 (−9.97 %, 7.9 σ, 87 % undone) is flagged; the
//!   1987-10-19 crash (−20.5 %, only 21 % undone) and 2020-03-12 (−9.5 %,
//!   4.9 σ) are not. The import drops the flag when another source has the
//!   same value (within 0.5 %) on day t: VIX 2011-08-08 (+50 %, 81 %
//!   undone, 6.2 σ) is in both VIX files, a move the market made.
//! - **bad_print**: a value an order of magnitude off its neighbours or the
//!   consolidated value, kept out of the series (rules in
//!   [`crate::consolidate`]); the detail says what it was compared with and
//!   what was used instead.
//! - **stale**: at least [`STALE_MIN_RUN`] identical consecutive closes.
//! - **gap**: NYSE sessions (from `calendar::FIRST_YEAR` on) between a daily
//!   price series' first and last date without an observation, one flag
//!   per run of consecutive missing sessions. Only for closes of series that
//!   follow the NYSE calendar (≥ 98 % of their dates are sessions; crypto,
//!   rates and foreign markets are skipped).
//! - **off_calendar**: a weekend observation of a daily index, ETF or stock
//!   series whose other dates are weekdays. In a series that follows the
//!   NYSE calendar every weekend row is left out of the consolidated
//!   series; in another (a foreign index) a value repeating the source's
//!   previous weekday value (yfinance carries Friday's close into some
//!   weekends) is left out and any other is kept. A weekday row on an NYSE
//!   holiday of a series that follows the NYSE calendar is left out too.
//! - **non_positive**: a price ≤ 0 (readers reject these at import, so this
//!   only fires for data written by other means).

use model::{calendar, Date, Field, Frequency, Instrument, InstrumentKind, Series, SourceId};
use serde::Serialize;

/// Minimum absolute daily return for a spike (5 %).
pub const SPIKE_MIN_MOVE: f64 = 0.05;
/// Minimum share of the move undone the next day (80 %).
pub const SPIKE_MIN_UNDO: f64 = 0.8;
/// Minimum size of the move in trailing standard deviations.
pub const SPIKE_MIN_SIGMAS: f64 = 6.0;
/// Number of previous returns for the trailing standard deviation.
pub const SPIKE_VOL_WINDOW: usize = 60;
/// Minimum run of identical closes for a stale flag.
pub const STALE_MIN_RUN: usize = 5;
/// Share of dates that must be NYSE sessions before gaps are flagged.
pub const GAP_MIN_SESSION_SHARE: f64 = 0.98;

/// What kind of problem a flag reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Price ≤ 0.
    NonPositive,
    /// Missing NYSE sessions.
    Gap,
    /// One-day move reversed the next day.
    Spike,
    /// Repeated identical closes.
    Stale,
    /// A weekend observation of a weekday series; left out of the
    /// consolidated series per the rules above (it stays in the
    /// observations table either way).
    OffCalendar,
    /// An implausible value (an order of magnitude off) kept out of the
    /// consolidated series.
    BadPrint,
}

impl FlagKind {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::NonPositive => "non_positive",
            FlagKind::Gap => "gap",
            FlagKind::Spike => "spike",
            FlagKind::Stale => "stale",
            FlagKind::OffCalendar => "off_calendar",
            FlagKind::BadPrint => "bad_print",
        }
    }

    /// Parses [`FlagKind::as_str`].
    pub fn parse(s: &str) -> Option<FlagKind> {
        [
            FlagKind::NonPositive,
            FlagKind::Gap,
            FlagKind::Spike,
            FlagKind::Stale,
            FlagKind::OffCalendar,
            FlagKind::BadPrint,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One data-quality flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// Instrument symbol.
    pub instrument: String,
    /// Field.
    pub field: Field,
    /// Kind.
    pub kind: FlagKind,
    /// First date concerned.
    pub date: Date,
    /// Last date concerned (same as `date` for one-day flags).
    pub end_date: Date,
    /// Source of the (first) flagged observation; for gaps, the source of
    /// the observation before the gap.
    pub source: SourceId,
    /// Human-readable detail with the numbers.
    pub detail: String,
}

fn is_price(field: Field) -> bool {
    matches!(field, Field::Close | Field::AdjClose)
}

/// Every flag for one consolidated series.
pub fn flag_series(series: &Series, instrument: Option<&Instrument>) -> Vec<Flag> {
    let mut flags = Vec::new();
    let key = series.key();
    let field = key.field;
    let (dates, values) = (series.dates(), series.values());
    let sources: Vec<SourceId> = series
        .source_spans(0..series.len())
        .flat_map(|(source, span)| std::iter::repeat_n(source, span.len()))
        .collect();
    let mk = |kind, i: usize, j: usize, detail: String| Flag {
        instrument: key.instrument.clone(),
        field,
        kind,
        date: dates[i],
        end_date: dates[j],
        source: sources[i],
        detail,
    };
    if field.must_be_positive() {
        for (i, v) in values.iter().enumerate() {
            if *v <= 0.0 {
                flags.push(mk(FlagKind::NonPositive, i, i, format!("price {v}")));
            }
        }
    }
    if !is_price(field) {
        return flags;
    }
    let daily = instrument.is_none_or(|i| i.frequency == Frequency::Daily);
    if daily {
        flags.extend(
            spikes(values)
                .into_iter()
                .map(|s| mk(FlagKind::Spike, s.index, s.index, s.detail())),
        );
    }
    for (start, end) in stale_runs(values) {
        flags.push(mk(
            FlagKind::Stale,
            start,
            end,
            format!("{} identical closes of {}", end - start + 1, values[start]),
        ));
    }
    let nyse_kind = instrument.is_none_or(|i| {
        matches!(
            i.kind,
            InstrumentKind::Index | InstrumentKind::Etf | InstrumentKind::Stock
        )
    });
    if daily && nyse_kind {
        for gap in gaps(dates) {
            let detail = if gap.missing == 1 {
                format!("session {} missing", gap.first_missing)
            } else {
                format!(
                    "{} sessions missing, {}..{}",
                    gap.missing, gap.first_missing, gap.last_missing
                )
            };
            flags.push(Flag {
                instrument: key.instrument.clone(),
                field,
                kind: FlagKind::Gap,
                date: gap.first_missing,
                end_date: gap.last_missing,
                source: sources[gap.before],
                detail,
            });
        }
    }
    flags
}

/// A detected spike.
#[derive(Debug, Clone, PartialEq)]
pub struct Spike {
    /// Index of the spike day.
    pub index: usize,
    /// Return on the spike day.
    pub move_ret: f64,
    /// Return the next day.
    pub next_ret: f64,
    /// Share of the move undone the next day.
    pub undone: f64,
    /// |move| in trailing standard deviations.
    pub sigmas: f64,
}

impl Spike {
    fn detail(&self) -> String {
        format!(
            "{:+.2}% then {:+.2}% next session ({:.0}% undone, {:.1} sigma of the previous {} returns)",
            self.move_ret * 100.0,
            self.next_ret * 100.0,
            self.undone * 100.0,
            self.sigmas,
            SPIKE_VOL_WINDOW
        )
    }
}

/// One-day reversed moves in a price slice (see the module docs).
pub fn spikes(values: &[f64]) -> Vec<Spike> {
    let n = values.len();
    let mut out = Vec::new();
    if n < 3 {
        return out;
    }
    let ret = |i: usize| values[i] / values[i - 1] - 1.0;
    for i in 1..n - 1 {
        let r = ret(i);
        if r.abs() <= SPIKE_MIN_MOVE {
            continue;
        }
        let r2 = ret(i + 1);
        if r2 * r >= 0.0 {
            continue;
        }
        let back = values[i + 1] / values[i - 1] - 1.0;
        let undone = 1.0 - back.abs() / r.abs();
        if undone < SPIKE_MIN_UNDO {
            continue;
        }
        let lo = i.saturating_sub(SPIKE_VOL_WINDOW).max(1);
        let window: Vec<f64> = (lo..i).map(ret).collect();
        if window.len() < 20 {
            continue;
        }
        let sd = sample_sd(&window);
        let sigmas = if sd > 0.0 {
            r.abs() / sd
        } else {
            f64::INFINITY
        };
        if sigmas >= SPIKE_MIN_SIGMAS {
            out.push(Spike {
                index: i,
                move_ret: r,
                next_ret: r2,
                undone,
                sigmas,
            });
        }
    }
    out
}

fn sample_sd(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    var.sqrt()
}

/// Runs of at least [`STALE_MIN_RUN`] identical consecutive values, as
/// inclusive index ranges.
pub fn stale_runs(values: &[f64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=values.len() {
        if i == values.len() || values[i] != values[start] {
            if i - start >= STALE_MIN_RUN {
                out.push((start, i - 1));
            }
            start = i;
        }
    }
    out
}

/// A run of missing sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index of the observation before the gap.
    pub before: usize,
    /// First missing session.
    pub first_missing: Date,
    /// Last missing session.
    pub last_missing: Date,
    /// Number of missing sessions.
    pub missing: usize,
}

/// Missing NYSE sessions between the first and last date (from
/// `calendar::FIRST_YEAR` on), or nothing if the dates do not follow the
/// NYSE calendar.
pub fn gaps(dates: &[Date]) -> Vec<Gap> {
    let mut out = Vec::new();
    let Some(start) = Date::from_ymd_opt(calendar::FIRST_YEAR, 1, 1) else {
        return out;
    };
    let from = dates.partition_point(|d| *d < start);
    let dates_in = &dates[from..];
    if dates_in.len() < 2 {
        return out;
    }
    let sessions = dates_in
        .iter()
        .filter(|d| calendar::is_session(**d))
        .count();
    if (sessions as f64) < GAP_MIN_SESSION_SHARE * dates_in.len() as f64 {
        return out;
    }
    for (k, w) in dates_in.windows(2).enumerate() {
        if (w[1] - w[0]).num_days() == 1 {
            continue;
        }
        let missing = calendar::sessions_between(w[0].succ_opt().unwrap_or(w[0]), w[1]);
        let missing: Vec<Date> = missing
            .into_iter()
            .filter(|d| *d < w[1] && *d > w[0])
            .collect();
        if let (Some(first), Some(last)) = (missing.first(), missing.last()) {
            out.push(Gap {
                before: from + k,
                first_missing: *first,
                last_missing: *last,
                missing: missing.len(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_runs_need_five() {
        let v = [1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 4.0];
        assert_eq!(stale_runs(&v), vec![(1, 5)]);
    }

    #[test]
    fn a_reversed_outlier_is_a_spike_a_crash_is_not() {
        // 60 quiet days alternating ±0.5 %, then -10 % undone next day.
        let mut v = vec![100.0];
        for i in 0..60 {
            let last = v[v.len() - 1];
            v.push(last * if i % 2 == 0 { 1.005 } else { 0.995 });
        }
        let base = v[v.len() - 1];
        v.push(base * 0.9);
        v.push(base * 1.001);
        let s = spikes(&v);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].index, 61);
        // A crash that is not undone.
        let n = v.len();
        v[n - 1] = base * 0.92;
        assert!(spikes(&v).is_empty());
    }
}
