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
    /// The query is valid but this engine does not answer it yet.
    #[error("not supported yet: {what}")]
    Unsupported {
        /// What.
        what: String,
    },
}
