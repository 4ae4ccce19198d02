//! Measures: the value each observation of the subject carries, computed
//! over the whole cut history (so a record, a run or a drawdown is judged
//! against everything before it, not only the window).
//!
//! A measure turns the grid's rows into observations: one per row for the
//! session measures (rows where the value is undefined, such as the first
//! row's return, carry none), one per calendar period for `PeriodReturn` /
//! `PeriodChange`. Each observation remembers its grid row and the first
//! grid row its value read, so a Fact cites exactly the dates it used.
//! A value that is not a finite number (a return from a zero level) is no
//! observation. Methods `measure.<name>` v1 (`docs/methods.md`).

use super::subject::{Grid, Shape};
use crate::kernels::{drawdown, moving_average};
use crate::FactError;
use chrono::Datelike;
use model::{Calendar, Date, Measure, Pred, Unit};

/// What kind of values a measure carries (it decides which reducers apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A level (a close, a yield, a ratio of two closes, a spread).
    Level,
    /// A change, a return, a gap, a drawdown.
    Value,
    /// 1 where a condition holds, else 0.
    Flag,
    /// The length of the run of a condition ending at each observation.
    Run,
}

/// The spacing of a measure's observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// One per session of a daily series.
    Session,
    /// One per row of a monthly series.
    Month,
    /// One per calendar period.
    Period(Calendar),
}

impl Step {
    /// Observations per year, for annualising a standard deviation.
    pub(crate) fn per_year(self) -> f64 {
        match self {
            Step::Session => crate::kernels::volatility::SESSIONS_PER_YEAR,
            Step::Month | Step::Period(Calendar::Month) => 12.0,
            Step::Period(Calendar::Week) => 52.0,
            Step::Period(Calendar::Quarter) => 4.0,
            Step::Period(Calendar::Half) => 2.0,
            Step::Period(_) => 1.0,
        }
    }

    /// The unit of a count of consecutive observations.
    pub(crate) fn run_unit(self) -> Unit {
        match self {
            Step::Session => Unit::Sessions,
            Step::Month | Step::Period(Calendar::Month) => Unit::Months,
            Step::Period(
                Calendar::Year
                | Calendar::YearToDate
                | Calendar::MonthOfYear { .. }
                | Calendar::HalfOfYear { .. },
            ) => Unit::Years,
            Step::Period(_) => Unit::Count,
        }
    }

    /// `(singular, plural)` noun of one observation.
    pub(crate) fn noun(self) -> (&'static str, &'static str) {
        match self {
            Step::Session => ("session", "sessions"),
            Step::Month | Step::Period(Calendar::Month) => ("month", "months"),
            Step::Period(Calendar::Week) => ("week", "weeks"),
            Step::Period(Calendar::Quarter) => ("quarter", "quarters"),
            Step::Period(Calendar::Half) => ("half-year", "half-years"),
            Step::Period(_) => ("year", "years"),
        }
    }
}

/// A measure's observations.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    /// Date of each observation (a period's last session for period measures).
    pub(crate) dates: Vec<Date>,
    /// Value of each observation.
    pub(crate) values: Vec<f64>,
    /// Grid row of each observation.
    pub(crate) rows: Vec<usize>,
    /// First grid row each observation's value read.
    pub(crate) reads_from: Vec<usize>,
    /// First grid row the measure covers: a window starting before it
    /// reaches before the measure's data.
    pub(crate) covered_row: usize,
    /// Unit of the values.
    pub(crate) unit: Unit,
    /// Spacing of the observations.
    pub(crate) step: Step,
    /// What the values are.
    pub(crate) kind: Kind,
    /// For a level of A relative to B: A's and B's levels at each observation.
    pub(crate) legs: Option<[Vec<f64>; 2]>,
    /// For a flag or a run: the tested measure's value at each observation.
    pub(crate) inner: Option<(Vec<f64>, Unit)>,
}

impl Measured {
    /// Number of observations.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// The earliest grid row read by observations `lo..=hi`.
    pub(crate) fn first_row_read(&self, lo: usize, hi: usize) -> usize {
        self.reads_from[lo..=hi]
            .iter()
            .copied()
            .min()
            .unwrap_or(self.rows[lo])
    }
}

/// The method id of a measure (`docs/methods.md`), version 1.
pub(crate) fn method_id(measure: &Measure) -> &'static str {
    match measure {
        Measure::Level { .. } => "measure.level",
        Measure::Return { .. } => "measure.return",
        Measure::LogReturn { .. } => "measure.log_return",
        Measure::Change { .. } => "measure.change",
        Measure::OpenGap => "measure.open_gap",
        Measure::IntradayMove { .. } => "measure.intraday_move",
        Measure::Drawdown => "measure.drawdown",
        Measure::SmaGap { .. } => "measure.sma_gap",
        Measure::PeriodReturn { .. } => "measure.period_return",
        Measure::PeriodChange { .. } => "measure.period_change",
        Measure::Flag { .. } => "measure.flag",
        Measure::RunLength { .. } => "measure.run_length",
    }
}

/// Computes `measure` over the whole grid.
///
/// # Errors
/// [`FactError::InvalidQuery`] for a measure that the subject's shape does
/// not define (a return of a spread, a change of A relative to B) or a
/// length of 0, [`FactError::InvalidPeriod`] for month 13 or half 3,
/// [`FactError::NotEnoughHistory`] when no observation has a value.
pub(crate) fn compute(
    measure: &Measure,
    grid: &Grid<'_>,
    as_of: Date,
) -> Result<Measured, FactError> {
    let out = match measure {
        Measure::Flag { of, pred } => flag(compute(of, grid, as_of)?, *pred),
        Measure::RunLength { of, pred } => run_length(flag(compute(of, grid, as_of)?, *pred)),
        Measure::PeriodReturn { calendar } => period(grid, *calendar, as_of, false, measure)?,
        Measure::PeriodChange { calendar } => period(grid, *calendar, as_of, true, measure)?,
        leaf => session(grid, leaf)?,
    };
    if out.len() == 0 {
        return Err(FactError::NotEnoughHistory {
            instrument: grid.label(),
            needed: lookback(measure) + 1,
            have: grid.dates.len(),
        });
    }
    Ok(out)
}

/// Rows a session measure looks back (for the error when there are too few).
fn lookback(measure: &Measure) -> usize {
    match measure {
        Measure::Return { sessions }
        | Measure::LogReturn { sessions }
        | Measure::Change { sessions } => *sessions as usize,
        Measure::SmaGap { sessions } => (*sessions as usize).saturating_sub(1),
        Measure::OpenGap | Measure::IntradayMove { .. } | Measure::PeriodReturn { .. } => 1,
        Measure::PeriodChange { .. } => 1,
        Measure::Flag { of, .. } | Measure::RunLength { of, .. } => lookback(of),
        Measure::Level { .. } | Measure::Drawdown => 0,
    }
}

fn undefined(grid: &Grid<'_>, measure: &Measure, why: &str) -> FactError {
    FactError::InvalidQuery {
        reason: format!(
            "the {} measure is not defined for {}: {why}",
            measure.name(),
            grid.label()
        ),
    }
}

/// The level each row carries: the close (or field) of one instrument, the
/// ratio A / B of a relative subject, the difference A − B of a spread.
pub(crate) fn level_column(grid: &Grid<'_>) -> Vec<f64> {
    match (grid.shape, grid.legs.as_slice()) {
        (Shape::Relative, [a, b]) => a.main.iter().zip(&b.main).map(|(x, y)| x / y).collect(),
        (Shape::Spread, [a, b]) => a.main.iter().zip(&b.main).map(|(x, y)| x - y).collect(),
        (_, legs) => legs.first().map(|l| l.main.clone()).unwrap_or_default(),
    }
}

/// The unit of a level of the subject.
fn level_unit(grid: &Grid<'_>) -> Unit {
    match grid.shape {
        Shape::Relative => Unit::Ratio,
        Shape::Spread => change_unit(grid.level_unit),
        Shape::Symbol => grid.level_unit,
    }
}

/// The unit of a difference of two values in `unit` (a change of a yield
/// in percent is in percentage points).
pub(crate) fn change_unit(unit: Unit) -> Unit {
    match unit {
        Unit::Percent => Unit::PercentagePoints,
        other => other,
    }
}

/// The unit of a return: percent, or percentage points for A minus B.
fn return_unit(grid: &Grid<'_>) -> Unit {
    if grid.shape == Shape::Relative {
        Unit::PercentagePoints
    } else {
        Unit::Percent
    }
}

/// Per-row values of a session measure (NaN where undefined) with the first
/// row each value reads.
fn session(grid: &Grid<'_>, measure: &Measure) -> Result<Measured, FactError> {
    let n = grid.dates.len();
    let step = if grid.monthly {
        Step::Month
    } else {
        Step::Session
    };
    let legs = &grid.legs;
    // Fractional return of leg `k` from row `i − back` to row `i`.
    let ret = |k: usize, i: usize, back: usize| legs[k].main[i] / legs[k].main[i - back] - 1.0;
    let (values, reads_from, unit, kind): (Vec<f64>, Vec<usize>, Unit, Kind) = match measure {
        Measure::Level { .. } => (
            level_column(grid),
            (0..n).collect(),
            level_unit(grid),
            Kind::Level,
        ),
        Measure::Return { sessions }
        | Measure::LogReturn { sessions }
        | Measure::Change { sessions } => {
            let back = *sessions as usize;
            if back == 0 {
                return Err(undefined(grid, measure, "a length of 0 sessions"));
            }
            let is_return = !matches!(measure, Measure::Change { .. });
            let log = matches!(measure, Measure::LogReturn { .. });
            // ln(1 + r) for a log return.
            let ret = |k: usize, i: usize, back: usize| {
                let r = ret(k, i, back);
                if log {
                    r.ln_1p()
                } else {
                    r
                }
            };
            let values: Vec<f64> = if is_return {
                if grid.shape == Shape::Spread {
                    return Err(undefined(
                        grid,
                        measure,
                        "a spread can be zero or negative, so it has no return (use a change)",
                    ));
                }
                (0..n)
                    .map(|i| {
                        if i < back {
                            return f64::NAN;
                        }
                        match grid.shape {
                            Shape::Relative => (ret(0, i, back) - ret(1, i, back)) * 100.0,
                            _ => ret(0, i, back) * 100.0,
                        }
                    })
                    .collect()
            } else {
                if grid.shape == Shape::Relative {
                    return Err(undefined(
                        grid,
                        measure,
                        "two instruments' changes in their own units do not subtract (use a return, or a spread)",
                    ));
                }
                let level = level_column(grid);
                (0..n)
                    .map(|i| {
                        if i < back {
                            f64::NAN
                        } else {
                            level[i] - level[i - back]
                        }
                    })
                    .collect()
            };
            let unit = if is_return {
                return_unit(grid)
            } else {
                change_unit(level_unit(grid))
            };
            (
                values,
                (0..n).map(|i| i.saturating_sub(back)).collect(),
                unit,
                Kind::Value,
            )
        }
        Measure::OpenGap | Measure::IntradayMove { .. } => {
            if grid.shape == Shape::Spread {
                return Err(undefined(grid, measure, "a spread has no bars"));
            }
            let bar = |k: usize, i: usize| -> f64 {
                let aux = legs[k].aux.as_ref().map_or(f64::NAN, |a| a[i]);
                aux / legs[k].main[i - 1] - 1.0
            };
            let values = (0..n)
                .map(|i| match (i, grid.shape) {
                    (0, _) => f64::NAN,
                    // A's minus B's, like the returns of a relative subject.
                    (_, Shape::Relative) => (bar(0, i) - bar(1, i)) * 100.0,
                    _ => bar(0, i) * 100.0,
                })
                .collect();
            (
                values,
                (0..n).map(|i| i.saturating_sub(1)).collect(),
                return_unit(grid),
                Kind::Value,
            )
        }
        Measure::Drawdown => {
            if grid.shape == Shape::Spread {
                return Err(undefined(
                    grid,
                    measure,
                    "a spread can be zero or negative, so it has no drawdown",
                ));
            }
            (
                drawdown::drawdown_series_pct(&level_column(grid)),
                vec![0; n],
                Unit::Percent,
                Kind::Value,
            )
        }
        Measure::SmaGap { sessions } => {
            let w = *sessions as usize;
            if w == 0 {
                return Err(undefined(grid, measure, "a moving average of 0 sessions"));
            }
            if grid.shape == Shape::Spread {
                return Err(undefined(
                    grid,
                    measure,
                    "a spread can be zero or negative, so a gap in percent to its average is not defined",
                ));
            }
            let level = level_column(grid);
            let averages = moving_average::sma(&level, w);
            let values = (0..n)
                .map(|i| {
                    if i + 1 < w {
                        f64::NAN
                    } else {
                        (level[i] / averages[i + 1 - w] - 1.0) * 100.0
                    }
                })
                .collect();
            (
                values,
                (0..n).map(|i| (i + 1).saturating_sub(w)).collect(),
                Unit::Percent,
                Kind::Value,
            )
        }
        Measure::PeriodReturn { .. }
        | Measure::PeriodChange { .. }
        | Measure::Flag { .. }
        | Measure::RunLength { .. } => {
            return Err(FactError::InvalidQuery {
                reason: format!("{} is not a session measure", measure.name()),
            })
        }
    };
    let level_legs = kind == Kind::Level && grid.shape == Shape::Relative;
    // Rows with a value: usually all but the first few (a look-back).
    let kept: Vec<usize> = (0..n).filter(|&i| values[i].is_finite()).collect();
    let mut out = empty(unit, step, kind);
    out.dates = kept.iter().map(|&i| grid.dates[i]).collect();
    out.values = kept.iter().map(|&i| values[i]).collect();
    out.reads_from = kept.iter().map(|&i| reads_from[i]).collect();
    if level_legs {
        let leg = |k: usize| kept.iter().map(|&i| legs[k].main[i]).collect();
        out.legs = Some([leg(0), leg(1)]);
    }
    out.covered_row = kept.first().copied().unwrap_or(n);
    out.rows = kept;
    Ok(out)
}

fn empty(unit: Unit, step: Step, kind: Kind) -> Measured {
    Measured {
        dates: Vec::new(),
        values: Vec::new(),
        rows: Vec::new(),
        reads_from: Vec::new(),
        covered_row: 0,
        unit,
        step,
        kind,
        legs: None,
        inner: None,
    }
}

/// The calendar period a date belongs to, as a number that changes exactly
/// when the period does: ISO weeks (Monday to Sunday, so a weekend row joins
/// its Monday-to-Friday week), months, quarters, halves, years.
fn period_key(calendar: Calendar, d: Date) -> i64 {
    let (y, m0) = (i64::from(d.year()), i64::from(d.month0()));
    match calendar {
        Calendar::Week => {
            let w = d.iso_week();
            i64::from(w.year()) * 100 + i64::from(w.week())
        }
        Calendar::Month | Calendar::MonthOfYear { .. } => y * 12 + m0,
        Calendar::Quarter => y * 4 + m0 / 3,
        Calendar::Half | Calendar::HalfOfYear { .. } => y * 2 + m0 / 6,
        Calendar::Year | Calendar::YearToDate => y,
    }
}

/// Whether a period (by its first date) is one `calendar` keeps.
fn kept(calendar: Calendar, d: Date) -> bool {
    match calendar {
        Calendar::MonthOfYear { month } => d.month() == month,
        Calendar::HalfOfYear { half } => d.month0() / 6 + 1 == u32::from(half),
        _ => true,
    }
}

/// One observation per calendar period: the period's last level over the
/// last level before the period − 1 (or minus, for changes), dated at the
/// period's last row. The first period of the data has no level before it
/// and is dropped; the current period counts to date.
fn period(
    grid: &Grid<'_>,
    calendar: Calendar,
    as_of: Date,
    change: bool,
    measure: &Measure,
) -> Result<Measured, FactError> {
    match calendar {
        Calendar::MonthOfYear { month } if !(1..=12).contains(&month) => {
            return Err(FactError::InvalidPeriod {
                reason: format!("month {month} (must be 1 to 12)"),
            })
        }
        Calendar::HalfOfYear { half } if !(1..=2).contains(&half) => {
            return Err(FactError::InvalidPeriod {
                reason: format!("half {half} (must be 1 or 2)"),
            })
        }
        _ => {}
    }
    match (grid.shape, change) {
        (Shape::Spread, false) => {
            return Err(undefined(
                grid,
                measure,
                "a spread can be zero or negative, so it has no return (use a change)",
            ))
        }
        (Shape::Relative, true) => {
            return Err(undefined(
                grid,
                measure,
                "two instruments' changes in their own units do not subtract (use a return, or a spread)",
            ))
        }
        _ => {}
    }
    let unit = if change {
        change_unit(level_unit(grid))
    } else {
        return_unit(grid)
    };
    let mut out = empty(unit, Step::Period(calendar), Kind::Value);
    let level = level_column(grid);
    let value = |base: usize, last: usize| -> f64 {
        match (grid.shape, grid.legs.as_slice()) {
            (Shape::Relative, [a, b]) => {
                ((a.main[last] / a.main[base] - 1.0) - (b.main[last] / b.main[base] - 1.0)) * 100.0
            }
            _ if change => level[last] - level[base],
            _ => (level[last] / level[base] - 1.0) * 100.0,
        }
    };
    // Year to date: each year's rows up to the as-of date's month and day.
    let cutoff = (as_of.month(), as_of.day());
    let in_period = |d: Date| calendar != Calendar::YearToDate || (d.month(), d.day()) <= cutoff;
    let dates = &grid.dates;
    let mut covered = None;
    let mut start = 0;
    while start < dates.len() {
        let key = period_key(calendar, dates[start]);
        let mut end = start;
        while end + 1 < dates.len() && period_key(calendar, dates[end + 1]) == key {
            end += 1;
        }
        // Rows of the group that belong to the period (all, except for YTD).
        let mut last = start;
        while last < end && in_period(dates[last + 1]) {
            last += 1;
        }
        if start > 0 && in_period(dates[start]) {
            covered.get_or_insert(start);
            let v = value(start - 1, last);
            if kept(calendar, dates[start]) && v.is_finite() {
                out.dates.push(dates[last]);
                out.values.push(v);
                out.rows.push(last);
                out.reads_from.push(start - 1);
            }
        }
        start = end + 1;
    }
    out.covered_row = covered.unwrap_or(dates.len());
    Ok(out)
}

/// Whether `pred` holds of each value (records against every earlier value).
fn flag(inner: Measured, pred: Pred) -> Measured {
    let mut best_high = f64::NEG_INFINITY;
    let mut best_low = f64::INFINITY;
    let history = matches!(pred, Pred::NewMax | Pred::NewMin);
    let values: Vec<f64> = inner
        .values
        .iter()
        .map(|&x| {
            let holds = match pred {
                Pred::Gt(t) => x > t,
                Pred::Ge(t) => x >= t,
                Pred::Lt(t) => x < t,
                Pred::Le(t) => x <= t,
                Pred::AbsGt(t) => x.abs() > t,
                Pred::AbsGe(t) => x.abs() >= t,
                // The first value is above (below) every earlier one: there is none.
                Pred::NewMax => x > best_high,
                Pred::NewMin => x < best_low,
            };
            best_high = best_high.max(x);
            best_low = best_low.min(x);
            f64::from(u8::from(holds))
        })
        .collect();
    let reads_from = if history {
        vec![0; values.len()]
    } else {
        inner.reads_from.clone()
    };
    Measured {
        dates: inner.dates,
        values,
        rows: inner.rows,
        reads_from,
        covered_row: inner.covered_row,
        unit: Unit::Count,
        step: inner.step,
        kind: Kind::Flag,
        legs: None,
        inner: Some((inner.values, inner.unit)),
    }
}

/// Run lengths of a flag: at each observation, how many consecutive
/// observations up to it hold (0 where it does not).
fn run_length(flags: Measured) -> Measured {
    let mut run = 0.0;
    let values: Vec<f64> = flags
        .values
        .iter()
        .map(|&f| {
            run = if f != 0.0 { run + 1.0 } else { 0.0 };
            run
        })
        .collect();
    // A run of length L at k reads the observations k − L ..= k (the one
    // before the run shows where it began).
    let reads_from = values
        .iter()
        .enumerate()
        .map(|(k, &len)| flags.reads_from[k.saturating_sub(len as usize)])
        .collect();
    Measured {
        values,
        reads_from,
        unit: flags.step.run_unit(),
        kind: Kind::Run,
        ..flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_keys_split_weeks_months_and_halves() {
        let d = |s: &str| model::parse_iso_date(s).expect("date");
        // Friday and the next Monday are different weeks; a Saturday joins its week.
        assert_ne!(
            period_key(Calendar::Week, d("2024-01-05")),
            period_key(Calendar::Week, d("2024-01-08"))
        );
        assert_eq!(
            period_key(Calendar::Week, d("2024-01-05")),
            period_key(Calendar::Week, d("2024-01-06"))
        );
        // ISO week 1 of 2025 starts on Monday 2024-12-30.
        assert_eq!(
            period_key(Calendar::Week, d("2024-12-31")),
            period_key(Calendar::Week, d("2025-01-03"))
        );
        assert_eq!(
            period_key(Calendar::Half, d("2024-06-30")) + 1,
            period_key(Calendar::Half, d("2024-07-01"))
        );
        assert!(kept(Calendar::HalfOfYear { half: 2 }, d("2024-07-01")));
        assert!(!kept(Calendar::MonthOfYear { month: 12 }, d("2024-11-30")));
    }
}
