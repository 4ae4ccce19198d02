//! The query algebra: subject × measure × window × reducer.
//!
//! A [`SeriesQuery`] says what one number (or date) is, compositionally:
//!
//! - the **subject**: one instrument, A relative to B, or the spread A − B;
//! - the **measure**: the value each observation of the subject carries — a
//!   field's level, an N-session return or change, the opening gap, the
//!   drawdown from the running peak, the gap to a moving average, the return
//!   of each calendar period, the length of the run of a condition ending
//!   there, or a flag where a condition holds;
//! - the **window**: which observations count — one session, a period of any
//!   shape, or all history up to the as-of date;
//! - the **reducer**: how the window's values become the answer — the last
//!   value, the return or change over the window, the maximum or minimum
//!   with its date, a count, the longest run, the first or last date where a
//!   flag holds, the rank of the last value, or the last earlier time the
//!   value was at least as extreme ("the biggest drop since …").
//!
//! The claim reader (`lang`) produces these from text, the planner (`ask`)
//! from questions, and the fact engine (`facts`) evaluates them into a
//! [`crate::Fact`] whose details say the window, the date the value was
//! reached and how many observations were read. Analyses that are not one
//! series reduction (base rates, event studies, cross-sections, Fed
//! decisions) stay named variants of [`crate::Query`].
//!
//! Evaluation (the contract `facts` implements and `docs/methods.md`
//! documents as `measure.*` and `reduce.*` methods):
//!
//! 1. the subject's series is cut at `as_of` (point-in-time);
//! 2. the measure is computed over the whole cut history (so a record or a
//!    run length is judged against everything before, not only the window);
//! 3. the window selects observations; the *base* of a window is the last
//!    observation before its first one (the close before a period starts);
//! 4. the reducer turns the selected values into the answer.

use crate::{Date, Field, Period};
use serde::{Deserialize, Serialize};

/// One number or date about one series, as subject × measure × window × reducer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesQuery {
    /// Whose series.
    pub subject: Subject,
    /// The value each observation carries.
    pub measure: Measure,
    /// Which observations count.
    pub window: Window,
    /// How they become the answer.
    pub reduce: Reduce,
    /// Point-in-time date: nothing after it is read; it also ends the window.
    pub as_of: Date,
}

/// Whose series a [`SeriesQuery`] reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Subject {
    /// One instrument (canonical symbol).
    Symbol {
        /// Canonical symbol, e.g. `^GSPC`.
        symbol: String,
    },
    /// A relative to B on their common sessions: return measures are A's
    /// minus B's in percentage points, so `Return > 0` means "A beat B".
    Relative {
        /// Instrument A.
        a: String,
        /// Instrument B, the benchmark.
        b: String,
    },
    /// A's level minus B's on their common dates, in the field's own units
    /// (a yield spread such as 10-year minus 2-year, in percentage points).
    Spread {
        /// Instrument A.
        a: String,
        /// Instrument B.
        b: String,
    },
}

impl Subject {
    /// One instrument.
    pub fn symbol(symbol: impl Into<String>) -> Subject {
        Subject::Symbol {
            symbol: symbol.into(),
        }
    }

    /// The instruments read, subject first.
    pub fn symbols(&self) -> Vec<&str> {
        match self {
            Subject::Symbol { symbol } => vec![symbol],
            Subject::Relative { a, b } | Subject::Spread { a, b } => vec![a, b],
        }
    }
}

/// Which field a level reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "field")]
pub enum LevelField {
    /// The instrument's price series as the engine picks it: the close,
    /// else the adjusted close, else the value (rates, ratios).
    Price,
    /// One field exactly (high, low, open, close...).
    Field(Field),
}

/// Calendar periods, for measures with one value per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Calendar {
    /// Monday-to-Friday weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Half-years (January–June, July–December).
    Half,
    /// Calendar years.
    Year,
    /// One month of every year ("Decembers"): 1..=12.
    MonthOfYear {
        /// The month, 1..=12.
        month: u32,
    },
    /// One half of every year ("first halves"): 1 or 2.
    HalfOfYear {
        /// 1 (January–June) or 2 (July–December).
        half: u8,
    },
    /// Each year from its start to the as-of date's day of the year
    /// ("year to date, compared with the same point of earlier years").
    YearToDate,
}

/// A condition on a measure's value, for flags and runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "x")]
pub enum Pred {
    /// value > x
    Gt(f64),
    /// value ≥ x
    Ge(f64),
    /// value < x
    Lt(f64),
    /// value ≤ x
    Le(f64),
    /// |value| > x
    AbsGt(f64),
    /// |value| ≥ x
    AbsGe(f64),
    /// value above every earlier value of the measure (a record high).
    NewMax,
    /// value below every earlier value of the measure (a record low).
    NewMin,
}

/// Which end of an ordering is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// The largest values first ("best", "highest", "biggest gain").
    Highest,
    /// The smallest values first ("worst", "lowest", "biggest drop").
    Lowest,
}

/// The value each observation of the subject carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Measure {
    /// A field's level (a close, an intraday high, a yield).
    Level {
        /// Which field.
        field: LevelField,
    },
    /// Return over the `sessions` sessions ending at each session, in
    /// percent, from the price series (1 = the daily return).
    Return {
        /// Length in sessions (≥ 1).
        sessions: u32,
    },
    /// Log return over the `sessions` sessions ending at each session,
    /// ln(close / earlier close) × 100 — the convention of many realised
    /// volatility figures.
    LogReturn {
        /// Length in sessions (≥ 1).
        sessions: u32,
    },
    /// Change over the `sessions` sessions ending at each session, in the
    /// series' own units (index points, percentage points for rates).
    Change {
        /// Length in sessions (≥ 1).
        sessions: u32,
    },
    /// Opening gap: the open over the previous close − 1, in percent.
    OpenGap,
    /// The intraday extreme over the previous close − 1, in percent: the
    /// high (`Highest`, "rose as much as") or the low (`Lowest`).
    IntradayMove {
        /// High or low.
        extreme: Order,
    },
    /// Close over the running maximum close − 1, in percent (≤ 0).
    Drawdown,
    /// Close over its simple moving average of `sessions` sessions − 1, in percent.
    SmaGap {
        /// Length of the average in sessions.
        sessions: u32,
    },
    /// Return of each calendar period in percent (last close of the period
    /// over the last close of the previous one − 1), one value per period
    /// dated at its last observation; the current period counts to date.
    PeriodReturn {
        /// Which periods.
        calendar: Calendar,
    },
    /// Change of each calendar period in the series' units, like `PeriodReturn`.
    PeriodChange {
        /// Which periods.
        calendar: Calendar,
    },
    /// 1 where `pred` holds of the inner measure, else 0.
    Flag {
        /// The measure tested.
        of: Box<Measure>,
        /// The condition.
        pred: Pred,
    },
    /// Length of the run of observations on which `pred` holds of the inner
    /// measure, ending at each observation (0 where it does not hold).
    RunLength {
        /// The measure tested.
        of: Box<Measure>,
        /// The condition.
        pred: Pred,
    },
}

impl Measure {
    /// The price level.
    pub fn price() -> Measure {
        Measure::Level {
            field: LevelField::Price,
        }
    }
    /// One field's level.
    pub fn field(field: Field) -> Measure {
        Measure::Level {
            field: LevelField::Field(field),
        }
    }
    /// The daily return in percent.
    pub fn daily_return() -> Measure {
        Measure::Return { sessions: 1 }
    }
    /// A flag of `pred` on `of`.
    pub fn flag(of: Measure, pred: Pred) -> Measure {
        Measure::Flag {
            of: Box::new(of),
            pred,
        }
    }
    /// The run length of `pred` on `of`.
    pub fn run(of: Measure, pred: Pred) -> Measure {
        Measure::RunLength {
            of: Box::new(of),
            pred,
        }
    }
}

/// Which observations a [`SeriesQuery`] reduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Window {
    /// Every observation up to the as-of date.
    All,
    /// A period resolved against the as-of date (a session, a year, a range,
    /// the last N sessions...); [`Period::Day`] is the as-of session.
    Period {
        /// The period.
        period: Period,
    },
}

impl Window {
    /// The as-of session alone.
    pub fn session() -> Window {
        Window::Period {
            period: Period::Day,
        }
    }
    /// From `from` to `to`, both included; the base is the last observation before `from`.
    pub fn between(from: Date, to: Date) -> Window {
        Window::Period {
            period: Period::Between { from, to },
        }
    }
}

/// How the window's values become the answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Reduce {
    /// The value at the window's last observation.
    Last,
    /// The value at the window's first observation.
    First,
    /// Last value minus the base (the observation before the window), in
    /// the measure's units.
    Change,
    /// Last value over the base − 1, in percent.
    Return,
    /// The return from the base to the last value compounded to a yearly
    /// rate: (last / base)^(365.25 / days) − 1, in percent a year, where
    /// `days` are the calendar days from the base to the last observation.
    AnnualisedReturn,
    /// The largest value, with the date it was reached.
    Max,
    /// The smallest value, with the date it was reached.
    Min,
    /// The arithmetic mean.
    Mean,
    /// Standard deviation of the values.
    StdDev {
        /// × √252 (daily values) when true.
        annualised: bool,
        /// Sample (n − 1) when true, population (n) when false.
        sample: bool,
    },
    /// How many observations have a non-zero value (a flag that holds);
    /// for other measures, how many observations the window holds.
    Count,
    /// How many runs of at least `min_len` consecutive non-zero values
    /// (flags that hold) the window holds.
    CountRuns {
        /// Minimum run length.
        min_len: u32,
    },
    /// The longest run of non-zero values in the window, with its first and
    /// last dates.
    LongestRun,
    /// The first date in the window with a non-zero value.
    FirstDate,
    /// The last date in the window with a non-zero value.
    LastDate,
    /// Rank of the window's last value among all the window's values
    /// (1 = the most extreme in `order`), with how many were ranked.
    Rank {
        /// Which end ranks first.
        order: Order,
    },
    /// The last earlier observation, anywhere in history before the window's
    /// last one, whose value is at least as extreme in `order` as the last
    /// value: "the biggest drop since …". For run lengths the current run is
    /// skipped and the earlier run's end date is reported. No such
    /// observation means "the most extreme on record".
    LastAtLeastAsExtreme {
        /// Which direction counts as extreme.
        order: Order,
    },
    /// Last value over the most extreme value within `within` − 1, in
    /// percent: "down 14% from its November high" (`Highest`), "up 34% from
    /// its March low" (`Lowest`); the date of that extreme is reported.
    FromExtreme {
        /// The reference extreme.
        extreme: Order,
        /// Where the reference extreme is looked for.
        within: Window,
    },
    /// The deepest fall within the window from the window's own peak: the
    /// minimum over the window of value / (the highest window value up to
    /// it) − 1, in percent (≤ 0), with the peak's and the trough's dates
    /// ("fell 25% from its January high to its October low"). `Drawdown`
    /// with `Min` measures the same fall from the running peak of all
    /// history instead.
    MaxDrawdown,
}

/// Stable names, used in method ids (`measure.<name>`, `reduce.<name>`) and
/// in the "reading" a verdict or answer shows.
impl Measure {
    /// `level`, `return`, `change`, `open_gap`, ...
    pub fn name(&self) -> &'static str {
        match self {
            Measure::Level { .. } => "level",
            Measure::Return { .. } => "return",
            Measure::LogReturn { .. } => "log_return",
            Measure::Change { .. } => "change",
            Measure::OpenGap => "open_gap",
            Measure::IntradayMove { .. } => "intraday_move",
            Measure::Drawdown => "drawdown",
            Measure::SmaGap { .. } => "sma_gap",
            Measure::PeriodReturn { .. } => "period_return",
            Measure::PeriodChange { .. } => "period_change",
            Measure::Flag { .. } => "flag",
            Measure::RunLength { .. } => "run_length",
        }
    }
}

impl Reduce {
    /// `last`, `first`, `change`, `return`, `max`, ...
    pub fn name(&self) -> &'static str {
        match self {
            Reduce::Last => "last",
            Reduce::First => "first",
            Reduce::Change => "change",
            Reduce::Return => "return",
            Reduce::AnnualisedReturn => "annualised_return",
            Reduce::Max => "max",
            Reduce::Min => "min",
            Reduce::Mean => "mean",
            Reduce::StdDev { .. } => "std_dev",
            Reduce::Count => "count",
            Reduce::CountRuns { .. } => "count_runs",
            Reduce::LongestRun => "longest_run",
            Reduce::FirstDate => "first_date",
            Reduce::LastDate => "last_date",
            Reduce::Rank { .. } => "rank",
            Reduce::LastAtLeastAsExtreme { .. } => "last_at_least_as_extreme",
            Reduce::FromExtreme { .. } => "from_extreme",
            Reduce::MaxDrawdown => "max_drawdown",
        }
    }
}
