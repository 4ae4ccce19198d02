//! Questions: a question is a claim with its value left empty.
//!
//! The question reader runs the same stages as the claim reader — the
//! tokenizer ([`crate::text`]), the recognisers of instruments, times and
//! quantities ([`crate::chunk`]) and the lexicons ([`crate::lexicon`], with
//! `question.toml` for question words) — then a *shape* ([`shape`]) decides
//! which slot is empty (a number, a date, a count, yes or no) and what is
//! measured, and [`lower`] turns the shape into the same algebra queries a
//! claim lowers to.
//!
//! **Coverage.** Every word, number, date and name of the question must be
//! read by its shape, or be a glue or filler word; otherwise the question
//! is declined with the words not understood ([`Decline::Unread`]). A
//! question is never answered with a reading its words did not ask for.
//!
//! **Follow-ups.** "and in 2021?", "what about the Nasdaq?", "and the
//! lowest?", "and a year later?" take the previous question's reading and
//! replace only what they name.

pub mod lower;
pub mod shape;
#[cfg(test)]
mod tests;

use crate::chunk::Time;
use crate::frame::FieldHint;
use model::{Date, Field, Measure, Order, Subject};
use std::fmt;

/// Longest question read, in characters.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// What a question asks for: its empty slot and what is measured.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// The move over the window: a return in percent, or for a rate or a
    /// spread a change in percentage points ("How did the S&P 500 do in
    /// 2025?", "How much did the 10-year yield rise in 2022?").
    Move,
    /// The return compounded to a yearly rate ("annualized return over the
    /// 10 years through 2025").
    Annualised,
    /// The level at the window's end ("Where's the VIX now?", "What was the
    /// CAPE in January 2000?").
    Level {
        /// Which field.
        field: FieldHint,
    },
    /// The most extreme value of a measure in the window and when it was
    /// reached ("Worst day for the Nasdaq 100 ever?", "Lowest VIX close ever?").
    Extreme {
        /// The measure ranked.
        measure: Measure,
        /// Highest or lowest.
        order: Order,
    },
    /// The last (or first) date a condition held ("When did the S&P 500
    /// last fall 5% in a day?").
    When {
        /// The condition, a flag measure.
        flag: Measure,
        /// The last date (else the first).
        last: bool,
    },
    /// How many observations in the window had a condition ("How many days
    /// did the S&P 500 move more than 2% either way in 2022?").
    Count {
        /// The condition, a flag measure.
        flag: Measure,
    },
    /// The run ending at the as-of session ("How many straight down days
    /// has the S&P 500 had?").
    Streak {
        /// The run-length measure.
        run: Measure,
    },
    /// The longest run in the window ("longest winning streak in 2024").
    LongestStreak {
        /// The run-length measure.
        run: Measure,
    },
    /// Whether the as-of session set a record, and how far the close is
    /// from it ("Is the Russell 2000 at a record high?").
    IsRecord {
        /// Close or intraday high.
        field: Field,
    },
    /// How long since the last record ("How long has it been since the
    /// S&P 500's last record close?").
    SinceRecord,
    /// The first record after the window ("When did the S&P 500 first close
    /// above its February 2020 record again?").
    RecordAfter {
        /// The last day of the period whose record is meant ("its 2021
        /// record"), when it is named apart from the window.
        record_end: Option<Date>,
    },
    /// The mean level over the window ("Average VIX level in 2025?").
    Mean,
    /// The deepest fall in the window, from the running peak and from the
    /// window's own peak; without a window, the distance below the peak now.
    Drawdown,
    /// Annualised volatility of daily returns over the window.
    Volatility,
    /// A against B over the window: both returns and the difference.
    Compare {
        /// Yearly rates rather than plain returns.
        annualised: bool,
    },
    /// The best or worst sector fund over the window ("Worst sector in 2022?").
    CrossRank {
        /// Best (highest) or worst.
        order: Order,
    },
    /// How often A beat B over rolling windows of `years` ("How often have
    /// small caps beaten large caps over rolling 10-year periods?").
    BaseRate {
        /// Length of the rolling window in years.
        years: u32,
    },
    /// The Fed's policy-rate decisions.
    Fed(FedAsk),
}

/// What a Fed question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FedAsk {
    /// How many hikes (`1`), cuts (`-1`) or decisions (`0`) in the window.
    Count(i8),
    /// The last decision of that kind up to the window's end.
    Last(i8),
    /// The first decision of that kind in the window.
    First(i8),
    /// The target range in force.
    Range,
}

/// A question as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What is asked.
    pub ask: Ask,
    /// Whose series, in the order named (a comparison: A then B).
    pub subjects: Vec<Subject>,
    /// The window as read; `None` when the question names none.
    pub time: Option<Time>,
    /// The window's words, as written.
    pub time_text: Option<String>,
    /// The date the question is asked on (nothing after it is read).
    pub as_of: Date,
    /// What the reader assumed, said with the answer.
    pub notes: Vec<String>,
    /// Read as a follow-up of the question before it.
    pub follow_up: bool,
}

/// Why a question gets no reading.
#[derive(Debug, Clone, PartialEq)]
pub enum Decline {
    /// Nothing to read.
    Empty,
    /// Longer than [`MAX_QUESTION_CHARS`].
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// Words the reader could not read with the rest of the question.
    Unread {
        /// The words, as written.
        words: Vec<String>,
    },
    /// A topic the data cannot decide ("forward P/E", "fund flows").
    Topic {
        /// What is missing, e.g. "no fund-flow data".
        missing: String,
        /// The words that name it.
        words: String,
    },
    /// A name that is not an instrument in the registry.
    UnknownName {
        /// The name as written.
        name: String,
    },
    /// The question names no instrument and none is implied.
    NoSubject,
    /// A window after the as-of date.
    Future {
        /// The first day asked about.
        date: Date,
    },
    /// The question is understood but leaves a slot open that changes the
    /// answer (a count with no window).
    Ambiguous {
        /// What is missing, in words.
        what: String,
    },
    /// Nothing in the question says what to measure.
    NoShape,
    /// A question about the future.
    Forecast {
        /// The words that make it one.
        words: String,
    },
}

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decline::Empty => write!(f, "the question is empty"),
            Decline::TooLong { len } => write!(
                f,
                "the question is {len} characters long; ask in at most {MAX_QUESTION_CHARS}"
            ),
            Decline::Unread { words } => write!(
                f,
                "could not read {} in this question",
                words
                    .iter()
                    .map(|w| format!("'{w}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Decline::Topic { missing, words } => write!(f, "'{words}': {missing}"),
            Decline::UnknownName { name } => {
                write!(f, "'{name}' is not an instrument in marketproof's data")
            }
            Decline::NoSubject => write!(f, "the question names no instrument"),
            Decline::Future { date } => write!(f, "{date} is after the as-of date"),
            Decline::Ambiguous { what } => write!(f, "{what}"),
            Decline::NoShape => write!(f, "nothing in the question says what to measure"),
            Decline::Forecast { words } => write!(
                f,
                "'{words}' asks about the future; the data only hold the past"
            ),
        }
    }
}

/// Reads `text` as a question asked on `as_of`; `previous` is the question
/// before it in a conversation (for follow-ups).
///
/// # Errors
/// A [`Decline`] naming what could not be read or is not in the data.
pub fn read(
    reader: &crate::reader::Reader,
    text: &str,
    as_of: Date,
    previous: Option<&Question>,
) -> Result<Question, Decline> {
    let len = text.chars().count();
    if len > MAX_QUESTION_CHARS {
        return Err(Decline::TooLong { len });
    }
    if text.trim().is_empty() {
        return Err(Decline::Empty);
    }
    shape::Parse::new(reader, text, as_of).read(previous)
}
