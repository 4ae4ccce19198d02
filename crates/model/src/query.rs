//! The one vocabulary of fact queries.
//!
//! The brief writer, the claim checker and the question planner all describe
//! what they need as a [`Query`]; the fact engine (`facts` crate) answers each
//! with a [`crate::Fact`] or a typed error. Every query carries the date it is
//! asked as of, so answers are point-in-time by construction.

use crate::{Date, Field};
use serde::{Deserialize, Serialize};

/// Direction of a move or streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Returns > 0 (or A's return > B's for a relative streak).
    Up,
    /// Returns < 0 (or A's return < B's).
    Down,
}

/// A window of time, resolved against the query's `as_of` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Period {
    /// From `from` to `to`: the base is the last close before `from`.
    Between {
        /// First session of the window.
        from: Date,
        /// Last session of the window.
        to: Date,
    },
    /// From `from` up to the as-of date.
    Since {
        /// First session of the window.
        from: Date,
    },
    /// Year to date: base is the prior year's last close.
    YearToDate,
    /// Quarter to date: base is the prior quarter's last close.
    QuarterToDate,
    /// Month to date: base is the prior month's last close.
    MonthToDate,
    /// A calendar year.
    Year {
        /// The year.
        year: i32,
    },
    /// January to June (`half` = 1) or July to December (`half` = 2).
    Half {
        /// The year.
        year: i32,
        /// 1 or 2.
        half: u8,
    },
    /// A calendar quarter.
    Quarter {
        /// The year.
        year: i32,
        /// 1..=4.
        quarter: u8,
    },
    /// A calendar month.
    Month {
        /// The year.
        year: i32,
        /// 1..=12.
        month: u32,
    },
    /// The last `n` sessions ending at the as-of date.
    LastSessions {
        /// Number of sessions.
        n: u32,
    },
    /// The single session on the as-of date (a daily move).
    Day,
}

impl std::fmt::Display for Period {
    /// The period in words: "the last 5 sessions", "2026-01-02 to
    /// 2026-01-16", "year to date", "Q1 2025".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Between { from, to } => write!(f, "{from} to {to}"),
            Period::Since { from } => write!(f, "since {from}"),
            Period::YearToDate => f.write_str("year to date"),
            Period::QuarterToDate => f.write_str("quarter to date"),
            Period::MonthToDate => f.write_str("month to date"),
            Period::Year { year } => write!(f, "{year}"),
            Period::Half { year, half } => write!(f, "H{half} {year}"),
            Period::Quarter { year, quarter } => write!(f, "Q{quarter} {year}"),
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::LastSessions { n: 1 } => f.write_str("the last session"),
            Period::LastSessions { n } => write!(f, "the last {n} sessions"),
            Period::Day => f.write_str("the day"),
        }
    }
}

impl std::fmt::Display for PeriodKind {
    /// The kind in words, plural: "months", "years to date".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PeriodKind::Day => "sessions",
            PeriodKind::Month => "months",
            PeriodKind::Quarter => "quarters",
            PeriodKind::Half => "half-years",
            PeriodKind::Year => "years",
            PeriodKind::YearToDate => "years to date",
        })
    }
}

/// The kind of calendar period to rank against history ("best first half since").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Sessions (daily moves).
    Day,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// First or second half-years (same half as the ranked period).
    Half,
    /// Calendar years.
    Year,
    /// Year to date at the same calendar point.
    YearToDate,
}

/// A named set of instruments for cross-sections.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "symbols")]
pub enum Basket {
    /// The 11 SPDR sector ETFs.
    Sectors,
    /// Size and style ETFs (small/mid/large, value/growth).
    Styles,
    /// Major US indices.
    Indices,
    /// An explicit list of canonical symbols.
    Custom(Vec<String>),
}

/// Which record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Highest close.
    Close,
    /// Highest intraday high.
    IntradayHigh,
}

/// A request for one Fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Query {
    /// A field's value on a date (close, high, low, a rate...).
    Level {
        /// Instrument.
        symbol: String,
        /// Field read.
        field: Field,
        /// Date of the observation (the last one on or before it).
        as_of: Date,
    },
    /// Period return in % and index points.
    Return {
        /// Instrument.
        symbol: String,
        /// Window.
        period: Period,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Rank of a period's return among all periods of the same kind.
    ReturnRank {
        /// Instrument.
        symbol: String,
        /// The period ranked.
        period: Period,
        /// What it is ranked against.
        against: PeriodKind,
        /// Point-in-time date.
        as_of: Date,
    },
    /// The day's move and its rank among all daily moves.
    DailyMove {
        /// Instrument.
        symbol: String,
        /// The session.
        as_of: Date,
    },
    /// Opening gap: open vs previous close.
    Gap {
        /// Instrument.
        symbol: String,
        /// The session.
        as_of: Date,
    },
    /// Current streak ending at `as_of` (absolute, or relative to `vs`).
    Streak {
        /// Instrument.
        symbol: String,
        /// Benchmark for a relative streak.
        vs: Option<String>,
        /// Direction wanted; `None` = whichever streak is current.
        direction: Option<Direction>,
        /// Point-in-time date.
        as_of: Date,
    },
    /// How many streaks of at least `min_len` sessions in a window.
    StreakCount {
        /// Instrument.
        symbol: String,
        /// Benchmark for relative streaks.
        vs: Option<String>,
        /// Direction.
        direction: Direction,
        /// Minimum length in sessions.
        min_len: u32,
        /// Start of the window (`None` = start of data).
        from: Option<Date>,
        /// Point-in-time date and end of the window.
        as_of: Date,
    },
    /// Record close or record intraday high as of a date.
    Record {
        /// Instrument.
        symbol: String,
        /// Close or intraday high.
        record: RecordKind,
        /// Point-in-time date.
        as_of: Date,
    },
    /// "Lowest close since": the last earlier close at or below today's.
    LowestSince {
        /// Instrument.
        symbol: String,
        /// Point-in-time date.
        as_of: Date,
    },
    /// "Highest close since": the last earlier close at or above today's.
    HighestSince {
        /// Instrument.
        symbol: String,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Standard deviation of daily returns over a window.
    Volatility {
        /// Instrument.
        symbol: String,
        /// Window.
        period: Period,
        /// × √252 when true.
        annualised: bool,
        /// Sample (n − 1) when true, population (n) when false.
        sample: bool,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Drawdown from the running peak, and correction / bear start dates.
    Drawdown {
        /// Instrument.
        symbol: String,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Simple moving average, position of the close, last cross.
    MovingAverage {
        /// Instrument.
        symbol: String,
        /// Window in sessions (e.g. 50, 200).
        window: u32,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Rank a set of instruments by return over a period.
    CrossSection {
        /// The set.
        basket: Basket,
        /// Window (`Period::Day` for the day's moves).
        period: Period,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Rolling N-year base rate: how often A compounded more than B.
    BaseRate {
        /// Instrument A (e.g. a small-cap portfolio).
        a: String,
        /// Instrument B.
        b: String,
        /// Window length in years.
        window_years: u32,
        /// First month considered (`None` = start of data).
        from: Option<Date>,
        /// Point-in-time date.
        as_of: Date,
    },
    /// Fed target-range decisions in a window.
    RateDecisions {
        /// First day considered (`None` = start of data).
        from: Option<Date>,
        /// Point-in-time date and end of the window.
        as_of: Date,
    },
    /// The largest one-day percentage gain (`Up`) or decline (`Down`) of the
    /// close among sessions from `from` to `as_of` ("worst day since 2020").
    ExtremeMove {
        /// Instrument.
        symbol: String,
        /// Largest gain (`Up`) or largest decline (`Down`).
        direction: Direction,
        /// First session considered (`None` = start of data); the base close
        /// of that session's return may be earlier.
        from: Option<Date>,
        /// Point-in-time date and end of the search.
        as_of: Date,
    },
    /// The change of a level between the last observation on or before
    /// `from` and the last on or before `as_of`, in the field's own units:
    /// index points for prices, percentage points for rates (with a `bp`
    /// detail = pp × 100); both observations and their dates are details.
    Change {
        /// Instrument.
        symbol: String,
        /// Field read (`None` = the price series the engine picks).
        field: Option<Field>,
        /// The earlier date (its last observation on or before is the base).
        from: Date,
        /// Point-in-time date: the later observation is the last on or before it.
        as_of: Date,
    },
    /// A's period return minus B's, in percentage points (details: both
    /// returns, both base dates and the relative return (1 + A)/(1 + B) − 1).
    ReturnSpread {
        /// Instrument A.
        a: String,
        /// Instrument B (the benchmark).
        b: String,
        /// Window.
        period: Period,
        /// Point-in-time date.
        as_of: Date,
    },
    /// One series reduction of the query algebra (subject × measure ×
    /// window × reducer), evaluated by `facts::Engine::series`.
    Series(crate::SeriesQuery),
    /// Forward returns after past occurrences of a condition (event study).
    EventStudy {
        /// Instrument whose forward returns are measured.
        symbol: String,
        /// The condition, as a query whose Facts mark occurrences.
        condition: Condition,
        /// Point-in-time date.
        as_of: Date,
    },
}

/// A condition for an event study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Condition {
    /// A streak (absolute, or relative to `vs`) reached `min_len` sessions:
    /// the occurrence is the session on which the run reached that length,
    /// once per run, so that it is known on its own date (no look-ahead).
    Streak {
        /// Benchmark for a relative streak.
        vs: Option<String>,
        /// Direction.
        direction: Direction,
        /// Minimum length.
        min_len: u32,
    },
    /// A daily move at or beyond `pct` percent (negative for declines).
    DailyMove {
        /// Threshold in percent.
        pct: f64,
    },
    /// A drawdown reached `pct` percent (negative).
    Drawdown {
        /// Threshold in percent.
        pct: f64,
    },
    /// A record close.
    RecordClose,
    /// January's return strictly above (or below, when negative) `pct`
    /// percent: the January barometer (rest of the year after such Januarys).
    January {
        /// Threshold in percent.
        pct: f64,
    },
}

impl Query {
    /// The point-in-time date of the query.
    pub fn as_of(&self) -> Date {
        match self {
            Query::Level { as_of, .. }
            | Query::Return { as_of, .. }
            | Query::ReturnRank { as_of, .. }
            | Query::DailyMove { as_of, .. }
            | Query::Gap { as_of, .. }
            | Query::Streak { as_of, .. }
            | Query::StreakCount { as_of, .. }
            | Query::Record { as_of, .. }
            | Query::LowestSince { as_of, .. }
            | Query::HighestSince { as_of, .. }
            | Query::Volatility { as_of, .. }
            | Query::Drawdown { as_of, .. }
            | Query::MovingAverage { as_of, .. }
            | Query::CrossSection { as_of, .. }
            | Query::BaseRate { as_of, .. }
            | Query::RateDecisions { as_of, .. }
            | Query::ExtremeMove { as_of, .. }
            | Query::EventStudy { as_of, .. }
            | Query::Change { as_of, .. }
            | Query::ReturnSpread { as_of, .. } => *as_of,
            Query::Series(q) => q.as_of,
        }
    }
}
