//! Words for a series query's parts, for the Fact's sentence: the subject
//! ("the Russell 2000 relative to the S&P 500"), the measure ("daily
//! return", "record close", "run of sessions with a daily return above
//! 0.00%") and values printed by unit.

use super::measure::{Kind, Measured, Step};
use super::subject::{Grid, Shape};
use crate::Engine;
use model::display::{sentence_level, signed_pct};
use model::{Calendar, Field, LevelField, Measure, Order, Pred, Unit};

/// The words of one query.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    /// The subject, e.g. `S&P 500`, `Russell 2000 relative to S&P 500`.
    pub(crate) subject: String,
    /// Display names of the instruments, subject first.
    pub(crate) names: Vec<String>,
    /// The measure, e.g. `close`, `daily return`.
    pub(crate) measure: String,
    /// For a flag or a run: the condition, e.g. `a record close`.
    pub(crate) condition: Option<String>,
    /// Singular and plural noun of one observation.
    pub(crate) noun: (&'static str, &'static str),
}

impl Words {
    /// Words for `measure` on `grid`.
    pub(crate) fn new(
        engine: &Engine<'_>,
        grid: &Grid<'_>,
        measure: &Measure,
        m: &Measured,
    ) -> Words {
        let names: Vec<String> = grid.symbols.iter().map(|s| engine.name(s)).collect();
        let subject = match (grid.shape, names.as_slice()) {
            (Shape::Relative, [a, b]) => format!("{a} relative to {b}"),
            (Shape::Spread, [a, b]) => format!("{a} minus {b}"),
            _ => names.join(", "),
        };
        let condition = match measure {
            Measure::Flag { of, pred } | Measure::RunLength { of, pred } => Some(condition(
                grid,
                of,
                *pred,
                m.inner.as_ref().map_or(m.unit, |i| i.1),
                names.get(1).map(String::as_str),
            )),
            _ => None,
        };
        let measure = match (measure, &condition) {
            (Measure::Flag { .. }, Some(c)) => format!("flag for {c}"),
            (Measure::RunLength { .. }, Some(c)) => format!("run length of {c}"),
            _ => measure_words(grid, measure, m.step),
        };
        Words {
            subject,
            names,
            measure,
            condition,
            noun: m.step.noun(),
        }
    }

    /// `the S&P 500's close`.
    pub(crate) fn possessive(&self) -> String {
        format!("{}'s {}", self.subject, self.measure)
    }

    /// The condition of a flag or a run, or the measure itself.
    pub(crate) fn condition(&self) -> String {
        self.condition
            .clone()
            .unwrap_or_else(|| format!("a non-zero {}", self.measure))
    }
}

/// How a field reads: `close`, `intraday high`.
pub(crate) fn field_words(field: Field) -> &'static str {
    match field {
        Field::Open => "open",
        Field::High => "intraday high",
        Field::Low => "intraday low",
        Field::Close => "close",
        Field::AdjClose => "adjusted close",
        Field::Volume => "volume",
        Field::Value => "value",
        Field::ReturnPct => "return",
    }
}

fn calendar_adjective(calendar: Calendar) -> String {
    match calendar {
        Calendar::Week => "weekly".into(),
        Calendar::Month => "monthly".into(),
        Calendar::Quarter => "quarterly".into(),
        Calendar::Half => "half-year".into(),
        Calendar::Year => "yearly".into(),
        Calendar::MonthOfYear { month } => model::display::MONTHS
            .get(month as usize - 1)
            .map_or_else(|| format!("month-{month}"), |m| (*m).to_string()),
        Calendar::HalfOfYear { half: 1 } => "first-half".into(),
        Calendar::HalfOfYear { .. } => "second-half".into(),
        Calendar::YearToDate => "year-to-date".into(),
    }
}

/// The measure in words.
pub(crate) fn measure_words(grid: &Grid<'_>, measure: &Measure, step: Step) -> String {
    let (one, _) = step.noun();
    let every = if one == "session" { "daily" } else { "monthly" };
    let ratio = if grid.shape == Shape::Relative {
        " ratio"
    } else {
        ""
    };
    match measure {
        Measure::Level {
            field: LevelField::Price,
        } if grid.compounded => "growth of 100 (compounded returns)".into(),
        Measure::Level {
            field: LevelField::Price,
        } => format!("{}{ratio}", field_words(grid.field)),
        Measure::Level {
            field: LevelField::Field(f),
        } => format!("{}{ratio}", field_words(*f)),
        Measure::Return { sessions: 1 } => format!("{every} return"),
        Measure::Return { sessions } => format!("{sessions}-{one} return"),
        Measure::LogReturn { sessions: 1 } => format!("{every} log return"),
        Measure::LogReturn { sessions } => format!("{sessions}-{one} log return"),
        Measure::Change { sessions: 1 } => format!("{every} change"),
        Measure::Change { sessions } => format!("{sessions}-{one} change"),
        Measure::OpenGap => "opening gap".into(),
        Measure::IntradayMove {
            extreme: Order::Highest,
        } => "intraday high over the previous close".into(),
        Measure::IntradayMove {
            extreme: Order::Lowest,
        } => "intraday low over the previous close".into(),
        Measure::Drawdown => format!("drawdown from the running peak{ratio}"),
        Measure::SmaGap { sessions } => format!("gap to the {sessions}-{one} moving average"),
        Measure::PeriodReturn { calendar } => format!("{} return", calendar_adjective(*calendar)),
        Measure::PeriodChange { calendar } => format!("{} change", calendar_adjective(*calendar)),
        // Nested flags and runs (a flag of a run length): thresholds are counts.
        Measure::Flag { of, pred } => {
            format!("flag for {}", condition(grid, of, *pred, Unit::Count, None))
        }
        Measure::RunLength { of, pred } => {
            format!(
                "run length of {}",
                condition(grid, of, *pred, Unit::Count, None)
            )
        }
    }
}

/// A condition on a measure: `a record close`, `a daily return above 2.00%`.
fn condition(
    grid: &Grid<'_>,
    of: &Measure,
    pred: Pred,
    unit: Unit,
    benchmark: Option<&str>,
) -> String {
    let step = if grid.monthly {
        Step::Month
    } else {
        Step::Session
    };
    let step = match of {
        Measure::PeriodReturn { calendar } | Measure::PeriodChange { calendar } => {
            Step::Period(*calendar)
        }
        _ => step,
    };
    let what = measure_words(grid, of, step);
    let x = |t: f64| threshold(t, unit);
    // Against zero: "a daily return above the S&P 500's" for A relative to
    // B, "a weekly change above zero" for one instrument.
    let zero = match (
        grid.shape,
        benchmark.or(grid.symbols.get(1).map(String::as_str)),
    ) {
        (Shape::Relative, Some(b)) => format!("the {b}'s"),
        _ => "zero".to_string(),
    };
    match pred {
        Pred::Gt(0.0) => format!("a {what} above {zero}"),
        Pred::Lt(0.0) => format!("a {what} below {zero}"),
        Pred::Gt(t) => format!("a {what} above {}", x(t)),
        Pred::Ge(t) => format!("a {what} at or above {}", x(t)),
        Pred::Lt(t) => format!("a {what} below {}", x(t)),
        Pred::Le(t) => format!("a {what} at or below {}", x(t)),
        Pred::AbsGt(t) => format!("a {what} beyond ±{}", x(t)),
        Pred::AbsGe(t) => format!("a {what} of at least ±{}", x(t)),
        Pred::NewMax => format!("a record {what} (above every earlier one)"),
        Pred::NewMin => format!("a record-low {what} (below every earlier one)"),
    }
}

fn threshold(t: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{t:.2}%"),
        Unit::PercentagePoints => format!("{t:.2} percentage points"),
        _ => sentence_level(t),
    }
}

/// A value in a sentence, by unit.
pub(crate) fn value(x: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => signed_pct(x),
        Unit::PercentagePoints => format!("{x:+.2} percentage points"),
        Unit::BasisPoints => format!("{x:+.0} bp"),
        Unit::Share => format!("{x:.1}%"),
        Unit::Ratio => format!("{x:.4}"),
        Unit::Sessions | Unit::Months | Unit::Years | Unit::Count | Unit::Rank => {
            format!("{x:.0}")
        }
        _ => sentence_level(x),
    }
}

/// A level in a sentence (a yield prints as `4.25%`, not `+4.25%`).
pub(crate) fn level(x: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{x:.2}%"),
        _ => value(x, unit),
    }
}

/// A value of a measure in a sentence: levels plainly, changes signed.
pub(crate) fn of_measure(x: f64, m: &Measured) -> String {
    if m.kind == Kind::Level {
        level(x, m.unit)
    } else {
        value(x, m.unit)
    }
}
