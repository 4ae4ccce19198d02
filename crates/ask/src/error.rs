//! Why a question gets no plan: always said plainly, with what is missing and
//! the nearest questions marketproof can answer.

use model::Date;

/// A question marketproof cannot turn into a plan.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AskError {
    /// Nothing was asked.
    #[error("the question is empty; try one of: {}", .suggestions.join(" | "))]
    Empty {
        /// Questions that can be answered.
        suggestions: Vec<String>,
    },
    /// The question is longer than the planner reads.
    #[error("the question is {len} characters long; ask in at most {max} characters")]
    TooLong {
        /// Length in characters.
        len: usize,
        /// Maximum accepted.
        max: usize,
    },
    /// The question needs data marketproof does not hold.
    #[error("{what} is not in marketproof's data ({have}); nearest questions it can answer: {}", .suggestions.join(" | "))]
    OutsideData {
        /// What is missing, e.g. "P/E ratios".
        what: String,
        /// What the data does hold instead.
        have: String,
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question asks about a date after the as-of date.
    #[error("{date} is after the as-of date {as_of}: marketproof reports what happened, it does not forecast; nearest questions it can answer: {}", .suggestions.join(" | "))]
    FutureDate {
        /// The date asked about.
        date: Date,
        /// The as-of date.
        as_of: Date,
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question asks for a forecast.
    #[error("marketproof does not forecast; it reports what happened, for example: {}", .suggestions.join(" | "))]
    Forecast {
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question asks about a date before any data.
    #[error("{date} is before the earliest data marketproof holds ({earliest}); nearest questions it can answer: {}", .suggestions.join(" | "))]
    BeforeData {
        /// The date asked about.
        date: Date,
        /// The earliest data (Shiller's monthly S&P series).
        earliest: Date,
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question names an instrument that is not in the registry.
    #[error("`{name}` is not an instrument marketproof has data for (single stocks are not covered); nearest questions it can answer: {}", .suggestions.join(" | "))]
    UnknownInstrument {
        /// The name as written.
        name: String,
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question needs an instrument and names none.
    #[error("which instrument? The question names none; for example: {}", .suggestions.join(" | "))]
    NoInstrument {
        /// Questions that name one.
        suggestions: Vec<String>,
    },
    /// The question names something that cannot be asked as written: a
    /// number out of range, a day that does not exist, a range that ends
    /// before it starts, an implausible year, an instrument compared with
    /// itself. Refused rather than replaced by a default.
    #[error("{reason}; nearest questions it can answer: {}", .suggestions.join(" | "))]
    Invalid {
        /// What is wrong, in words ("February 30, 2026 is not a date").
        reason: String,
        /// Nearest answerable questions.
        suggestions: Vec<String>,
    },
    /// The question could not be read, or a part of it could not: it is
    /// declined rather than answered with another reading.
    #[error("marketproof could not read this question{}; questions it can answer look like: {}", .what.as_ref().map(|w| format!(": {w}")).unwrap_or_default(), .suggestions.join(" | "))]
    NotUnderstood {
        /// What could not be read ("could not read 'forward'").
        what: Option<String>,
        /// Questions that can be answered.
        suggestions: Vec<String>,
    },
}

impl AskError {
    /// The nearest answerable questions the error suggests.
    pub fn suggestions(&self) -> &[String] {
        match self {
            AskError::Empty { suggestions }
            | AskError::OutsideData { suggestions, .. }
            | AskError::FutureDate { suggestions, .. }
            | AskError::Forecast { suggestions }
            | AskError::BeforeData { suggestions, .. }
            | AskError::UnknownInstrument { suggestions, .. }
            | AskError::NoInstrument { suggestions }
            | AskError::Invalid { suggestions, .. }
            | AskError::NotUnderstood { suggestions, .. } => suggestions,
            AskError::TooLong { .. } => &[],
        }
    }
}
