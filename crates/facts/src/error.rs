//! Why a query has no answer: always a typed error naming the missing data.

use model::{Date, Field};

/// Why the engine could not compute a Fact. Never a number in disguise.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FactError {
    /// The universe holds no series for this instrument.
    #[error("unknown instrument `{symbol}`: no series for it in the store")]
    UnknownInstrument {
        /// The symbol as asked.
        symbol: String,
    },
    /// The series has no observation in the range.
    #[error("no {field} data for {instrument} from {from} to {to}")]
    NoData {
        /// Instrument.
        instrument: String,
        /// Field.
        field: Field,
        /// First date wanted.
        from: Date,
        /// Last date wanted.
        to: Date,
    },
    /// The window's first session is the series' first: no base close before it.
    #[error("no {field} data for {instrument} before {before} to use as the base close")]
    NoBase {
        /// Instrument.
        instrument: String,
        /// Field.
        field: Field,
        /// First day of the window.
        before: Date,
    },
    /// The series is too short for the computation.
    #[error("not enough history for {instrument}: {needed} observations needed, {have} available")]
    NotEnoughHistory {
        /// Instrument.
        instrument: String,
        /// Observations needed.
        needed: usize,
        /// Observations available (as of the query date).
        have: usize,
    },
    /// The date is not an observation date of the series.
    #[error("{date} is not a session of {instrument} (no close on that date)")]
    NotASession {
        /// Instrument.
        instrument: String,
        /// The date asked.
        date: Date,
    },
    /// The period does not make sense (e.g. month 13, a window ending before it starts).
    #[error("invalid period: {reason}")]
    InvalidPeriod {
        /// Why.
        reason: String,
    },
    /// The event-study condition does not make sense (e.g. a drawdown
    /// threshold that is not negative).
    #[error("invalid condition: {reason}")]
    InvalidCondition {
        /// Why.
        reason: String,
    },
    /// A January study found no complete calendar year (the previous
    /// December through the year's December, with 31 December on or before
    /// the as-of date).
    #[error("no complete calendar year of {instrument} data from {from} to {to}")]
    NoCompleteYear {
        /// Instrument.
        instrument: String,
        /// First observation.
        from: Date,
        /// Last observation (as of the query date).
        to: Date,
    },
    /// The basket resolved to no instrument with data.
    #[error("basket `{basket}` has no instrument with data")]
    EmptyBasket {
        /// Basket name.
        basket: String,
    },
    /// The window, or the base observation before it, reaches before the
    /// data begin (or the as-of date precedes them): the answer would need
    /// observations that do not exist. Never answered on a shortened window;
    /// a reader says "unverifiable".
    #[error("{}", before_data_message(.instrument, *.data_from, *.window_from))]
    BeforeData {
        /// Instrument (or the pair, e.g. `^RUT relative to ^GSPC`).
        instrument: String,
        /// The first date the measure has a value (the series' first
        /// observation, or later when the measure looks back).
        data_from: Date,
        /// The window's first day; `None` for a window counted in
        /// observations ("the last 300 sessions") or all history.
        window_from: Option<Date>,
    },
    /// The instrument has series, but none for this field.
    #[error("{instrument} has no {field} series in the store")]
    MissingField {
        /// Instrument.
        instrument: String,
        /// The field asked.
        field: Field,
    },
    /// The parts of a query do not make sense together (a return of a
    /// drawdown, a count of runs of a non-flag measure...).
    #[error("invalid query: {reason}")]
    InvalidQuery {
        /// Why.
        reason: String,
    },
    /// The query is valid but this engine does not answer it yet.
    #[error("not supported yet: {what}")]
    Unsupported {
        /// What.
        what: String,
    },
}

fn before_data_message(instrument: &str, data_from: Date, window_from: Option<Date>) -> String {
    match window_from {
        Some(from) => format!(
            "the window starts on {from}, before the {instrument} data begin on {data_from}"
        ),
        None => format!("the window reaches before the {instrument} data begin on {data_from}"),
    }
}
