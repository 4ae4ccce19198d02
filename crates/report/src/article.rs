//! The Article: everything a brief says, as data, before any rendering.
//!
//! **Invariant:** every number in any text field of an [`Article`] was
//! printed from one of its [`Article::facts`] by the `phrase` module; the
//! citation markers `[n]` in the text index [`Article::sources`].

use model::{Date, Fact};
use serde::Serialize;

/// The overall tone of the day's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SentimentLabel {
    /// More bullish signals than bearish ones.
    Bullish,
    /// More bearish signals than bullish ones.
    Bearish,
    /// Neither side dominates.
    Mixed,
}

impl SentimentLabel {
    /// The label as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            SentimentLabel::Bullish => "Bullish",
            SentimentLabel::Bearish => "Bearish",
            SentimentLabel::Mixed => "Mixed",
        }
    }
}

/// The sentiment label with the signals behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentiment {
    /// The label.
    pub label: SentimentLabel,
    /// One sentence per signal, each citing its Fact.
    pub reasons: Vec<String>,
    /// For each reason (same index), the ids of the Facts it prints.
    pub reason_facts: Vec<Vec<String>>,
}

/// Why a ticker is listed with the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// What the story is about.
    Subject,
    /// What the subject is measured against.
    Benchmark,
    /// A tradable fund that stands in for an index.
    Proxy,
    /// A sector fund.
    Sector,
    /// A size or style fund.
    Style,
}

impl Role {
    /// The role as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Benchmark => "benchmark",
            Role::Proxy => "proxy",
            Role::Sector => "sector",
            Role::Style => "style",
        }
    }
}

/// A printed value that refers to a Fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactRef {
    /// The Fact's id in [`Article::facts`].
    pub fact: String,
    /// The value as printed.
    pub text: String,
    /// Citation markers `[n]` of the sources the Fact read.
    pub cite: String,
}

/// A related ticker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Canonical symbol.
    pub symbol: String,
    /// Display name.
    pub name: String,
    /// Its role in the story.
    pub role: Role,
    /// One line on why it is related.
    pub why: String,
    /// The ids of the Facts `why` prints.
    pub why_facts: Vec<String>,
    /// Its last close, when the store has one as of the date (a
    /// dividend-adjusted close says so in its text; a close from an
    /// earlier session than the brief's carries its date).
    pub last: Option<FactRef>,
    /// Why no close is shown when `last` is `None` but the store has
    /// prices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_note: Option<String>,
    /// The day's move, when the ticker traded on the brief's session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<FactRef>,
    /// A tiny SVG line of the closes over the past three months (no
    /// figures: a shape, drawn from the same series as `last`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spark: Option<String>,
}

/// A section of prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Heading, without numbering.
    pub heading: String,
    /// Paragraphs of text with citation markers.
    pub paragraphs: Vec<String>,
    /// For each paragraph (same index), the ids of the Facts whose values
    /// it prints (ids of [`Article::facts`]).
    pub paragraph_facts: Vec<Vec<String>>,
}

/// An inline SVG chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id, e.g. `relative-strength`.
    pub id: String,
    /// Title (also drawn inside the SVG).
    pub title: String,
    /// One line saying what is drawn and from which data.
    pub caption: String,
    /// The self-contained SVG document.
    pub svg: String,
}

/// A numbered source: one file the Facts read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Citation number, from 1.
    pub n: usize,
    /// Path relative to the imported folder.
    pub path: String,
    /// Origin (repository and commit), if known.
    pub origin: Option<String>,
    /// Instruments read from it.
    pub instruments: Vec<String>,
    /// First date read.
    pub from: Date,
    /// Last date read.
    pub to: Date,
}

/// A method used by the Facts, with a one-line definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodNote {
    /// Method id, e.g. `streak.relative`.
    pub id: String,
    /// Version.
    pub version: u32,
    /// One-line definition.
    pub definition: String,
}

/// A section left out for lack of data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// What the section would have covered.
    pub topic: String,
    /// The data that would fill it.
    pub needs: String,
}

/// The daily brief.
///
/// **Provenance in the JSON:** every text that prints numbers comes with
/// the ids of the Facts it prints, index for index: `title_facts` for
/// `title`, `lead_facts` for `lead`, `key_point_facts[i]` for `key_points[i]`,
/// `sections[s].paragraph_facts[p]` for `sections[s].paragraphs[p]`,
/// `risk_facts`, `opportunity_facts`, `summary_facts`,
/// `sentiment.reason_facts` and `related[r].why_facts` likewise (and
/// `related[r].last.fact` for the close). Each id names an entry of
/// `facts`; the `[n]` markers in the text cite `sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Headline.
    pub title: String,
    /// The ids of the Facts the headline prints.
    pub title_facts: Vec<String>,
    /// The session the brief is about.
    pub date: Date,
    /// Market, e.g. "US Stock".
    pub market: String,
    /// Tags such as `#small_cap_analysis`.
    pub tags: Vec<String>,
    /// Sentiment with its reasons.
    pub sentiment: Sentiment,
    /// Related tickers.
    pub related: Vec<Related>,
    /// When the requested date was not a session: which session the
    /// brief is about instead, and why (e.g. "January 18, 2026 was a
    /// Sunday, …"). Prints no market figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_note: Option<String>,
    /// The lead paragraph: what happened, why it is unusual, and what the
    /// data say has tended to follow.
    pub lead: String,
    /// The ids of the Facts the lead prints.
    pub lead_facts: Vec<String>,
    /// Key points.
    pub key_points: Vec<String>,
    /// For each key point (same index), the ids of the Facts it prints.
    pub key_point_facts: Vec<Vec<String>>,
    /// Body sections.
    pub sections: Vec<Section>,
    /// Risks drawn from the data.
    pub risks: Vec<String>,
    /// For each risk (same index), the ids of the Facts it prints.
    pub risk_facts: Vec<Vec<String>>,
    /// Opportunities drawn from the data.
    pub opportunities: Vec<String>,
    /// For each opportunity (same index), the ids of the Facts it prints.
    pub opportunity_facts: Vec<Vec<String>>,
    /// Key-information summary.
    pub summary: Vec<String>,
    /// For each summary line (same index), the ids of the Facts it prints.
    pub summary_facts: Vec<Vec<String>>,
    /// Charts.
    pub charts: Vec<Chart>,
    /// Recommended topics, each a question `marketproof ask` can answer.
    pub topics: Vec<String>,
    /// Sections left out, with the data that would fill them.
    pub gaps: Vec<Gap>,
    /// Every Fact the text prints, in id order.
    pub facts: Vec<Fact>,
    /// Numbered sources.
    pub sources: Vec<Source>,
    /// Methods appendix.
    pub methods: Vec<MethodNote>,
    /// The disclaimer.
    pub disclaimer: String,
}
