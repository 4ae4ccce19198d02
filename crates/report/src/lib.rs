//! The daily brief: finds the day's market story in the data and writes it
//! as an article whose every number is a cited Fact, then renders it as
//! Markdown, self-contained HTML or JSON.
//!
//! **Architecture invariant:** no I/O and no clock. [`write_brief`] reads
//! only the [`model::Universe`] it is given, through the fact engine;
//! [`render`] turns an [`Article`] into text. Numbers reach the text only
//! through the `fmt` module applied to Fact values and details (chart axis
//! ticks inside SVG are the one exception: they label the plotted data).

mod article;
mod book;
pub mod fmt;
mod phrase;
mod render;
pub mod svg;
mod view;
mod writer;

pub use article::{
    Article, Chart, FactRef, Gap, MethodNote, Related, Role, Section, Sentiment, SentimentLabel,
    Source,
};
pub use render::{render, Format};

use model::{Date, Universe};

/// Why a brief could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The store has no S&P 500 closes, which define the sessions.
    #[error(
        "the store has no S&P 500 (^GSPC) closes; import a folder with GSPC.csv or SPX.csv first"
    )]
    NoBenchmark,
    /// The date is before the first S&P 500 close.
    #[error("{date} is before the first S&P 500 close in the store ({first})")]
    BeforeData {
        /// The date asked.
        date: Date,
        /// First session in the store.
        first: Date,
    },
}

/// Writes the brief for the session `date` (default: the latest S&P 500
/// close in the store; a non-session date means the last session before it).
///
/// # Errors
/// [`ReportError::NoBenchmark`] when the store has no S&P 500 closes and
/// [`ReportError::BeforeData`] for a date before them.
pub fn write_brief(universe: &Universe, date: Option<Date>) -> Result<Article, ReportError> {
    writer::write(universe, date)
}

/// A candidate story found by [`scan`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    /// Kind of event, e.g. `RelStreak`, `DailyMove`, `VixHigh`.
    pub kind: String,
    /// Instrument the event is about.
    pub subject: String,
    /// Benchmark, for relative events.
    pub benchmark: Option<String>,
    /// Years since it last happened (or years of history when it never did).
    pub rarity_years: f64,
    /// Rarity times a relevance weight; the highest leads.
    pub score: f64,
}

/// The candidate stories for a date, best first. The first one leads the
/// brief (unless none scores enough, when the S&P 500's day leads).
///
/// # Errors
/// As [`write_brief`].
pub fn scan(universe: &Universe, date: Option<Date>) -> Result<Vec<Candidate>, ReportError> {
    writer::scan(universe, date)
}
