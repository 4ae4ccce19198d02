//! The claim checker: reads an article written by anyone (plain text,
//! Markdown or HTML), finds every numeric market claim with [`lang`], asks
//! the fact engine ([`facts`]) for the truth, and gives each claim a verdict:
//! supported (within the claim's own printed precision and hedges),
//! contradicted (with the true figure and, when one exists, the reading that
//! would make it true), or unverifiable (saying what data is missing).
//!
//! **Architecture invariant:** pure. No I/O, no clock: the caller passes the
//! text (or bytes) and the [`Universe`].

pub mod conflicts;
pub mod input;
mod judge;
pub mod redline;
pub mod render;

pub use conflicts::Conflict;
pub use input::{InputFormat, MAX_INPUT_BYTES};
pub use render::{render, render_many, Format};

use lang::frame::Claimed;
use lang::reader::{Reader, ReadingView};
use model::{Date, Fact, Universe};
use serde::{Deserialize, Serialize};

/// Why a text could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The input is larger than the limit.
    #[error("input is {bytes} bytes; the limit is {max} bytes")]
    TooLarge {
        /// Size given.
        bytes: usize,
        /// Limit.
        max: usize,
    },
    /// The input is not text.
    #[error("input is not text: {reason}")]
    Binary {
        /// What gave it away.
        reason: String,
    },
    /// The instrument registry did not load (a build defect).
    #[error("instrument registry: {0}")]
    Registry(String),
}

/// A claim's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data agrees within the claim's printed precision.
    Supported,
    /// The data disagrees; the true value is given.
    Contradicted,
    /// No data can decide it; what is missing is said.
    Unverifiable,
}

impl Verdict {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// One claim with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedClaim {
    /// Byte span in the original input (markup included).
    pub start: usize,
    /// End of the span in the original input.
    pub end: usize,
    /// What kind of claim ("daily_move", "level", "since", ...).
    pub kind: String,
    /// Canonical symbols, subject first.
    pub subjects: Vec<String>,
    /// The sentence the claim is in.
    pub text: String,
    /// The day the claim speaks of.
    pub day: Date,
    /// The claimed value as read.
    pub claimed_value: Claimed,
    /// The verdict.
    pub verdict: Verdict,
    /// The claimed value as printed.
    pub claimed: String,
    /// The true value, when the data has one.
    pub actual: Option<String>,
    /// One or two sentences saying why.
    pub explanation: String,
    /// Other readings and what they give ("from the close before 2026-01-02: 7.88%").
    pub alternatives: Vec<String>,
    /// The Facts the verdict rests on, numbered `f1`, `f2`... within the report.
    pub facts: Vec<Fact>,
    /// The reading checked: subject × measure × window × reducer.
    pub reading: Option<ReadingView>,
    /// The tolerance the figure was read with (printed precision, hedge).
    pub tolerance: Option<String>,
    /// What the reader assumed ("'stocks' read as the S&P 500").
    pub notes: Vec<String>,
}

/// The verdicts for one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// The article's name (file name), if given.
    pub name: Option<String>,
    /// The article's date used for relative dates.
    pub as_of: Option<Date>,
    /// The input format used.
    pub format: InputFormat,
    /// The original text.
    pub text: String,
    /// Every claim, in text order.
    pub claims: Vec<CheckedClaim>,
    /// Contradictions between articles (filled by [`check_many`]).
    pub conflicts: Vec<Conflict>,
}

impl CheckReport {
    /// Number of claims with this verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.claims.iter().filter(|c| c.verdict == verdict).count()
    }
}

/// Several articles checked together, with their conflicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManyReport {
    /// One report per article, in input order.
    pub reports: Vec<CheckReport>,
    /// Where the articles contradict each other.
    pub conflicts: Vec<Conflict>,
}

/// A reusable checker: the reader's alias index and the fact engine over one universe.
#[derive(Debug)]
pub struct Checker<'u> {
    reader: Reader,
    engine: facts::Engine<'u>,
}

impl<'u> Checker<'u> {
    /// Builds a checker over `universe` with the built-in registry.
    ///
    /// # Errors
    /// [`CheckError::Registry`] only if the compiled-in registry is broken.
    pub fn new(universe: &'u Universe) -> Result<Checker<'u>, CheckError> {
        let reader = Reader::builtin().map_err(|e| CheckError::Registry(e.to_string()))?;
        Ok(Checker {
            reader,
            engine: facts::Engine::new(universe),
        })
    }

    /// Checks raw bytes (decoded as UTF-8 or BOM-marked UTF-16).
    ///
    /// # Errors
    /// [`CheckError`] when the input is too large or not text.
    pub fn check_bytes(
        &self,
        bytes: &[u8],
        hint: InputFormat,
        as_of: Option<Date>,
    ) -> Result<CheckReport, CheckError> {
        let text = input::decode(bytes)?;
        Ok(self.check_string(text, hint, as_of))
    }

    /// Checks text.
    ///
    /// # Errors
    /// [`CheckError`] when the input is too large or not text.
    pub fn check(
        &self,
        text: &str,
        hint: InputFormat,
        as_of: Option<Date>,
    ) -> Result<CheckReport, CheckError> {
        self.check_bytes(text.as_bytes(), hint, as_of)
    }

    fn check_string(&self, text: String, hint: InputFormat, as_of: Option<Date>) -> CheckReport {
        let prepared = input::prepare(text, hint);
        // Without a date in the text or on the command line, the article is
        // read as of the latest session in the store.
        let article_date = self
            .reader
            .article_date(&prepared.plain, as_of)
            .or_else(|| self.engine.universe().last_date());
        let claims = match article_date {
            Some(d) => self.reader.read(&prepared.plain, d),
            None => Vec::new(),
        };
        let mut checked: Vec<CheckedClaim> = claims
            .into_iter()
            .map(|c| {
                let (start, end) = prepared.original_span(c.start, c.end);
                judge::judge(&self.engine, c, start, end)
            })
            .collect();
        judge::share_doubt(&mut checked);
        let mut n = 0;
        for c in &mut checked {
            for f in &mut c.facts {
                n += 1;
                f.id = format!("f{n}");
            }
        }
        CheckReport {
            name: None,
            as_of: article_date,
            format: prepared.format,
            text: prepared.original,
            claims: checked,
            conflicts: Vec::new(),
        }
    }

    /// Checks several articles and lists where they contradict each other.
    ///
    /// # Errors
    /// The first [`CheckError`] met, naming the article.
    pub fn check_many(
        &self,
        docs: &[(&str, &str)],
        hint: InputFormat,
        as_of: Option<Date>,
    ) -> Result<ManyReport, CheckError> {
        let mut reports = Vec::new();
        for (name, text) in docs {
            let mut r = self.check(text, hint, as_of).map_err(|e| match e {
                CheckError::Binary { reason } => CheckError::Binary {
                    reason: format!("{name}: {reason}"),
                },
                other => other,
            })?;
            r.name = Some((*name).to_string());
            reports.push(r);
        }
        let conflicts = conflicts::find(&reports, self.engine.universe());
        Ok(ManyReport { reports, conflicts })
    }
}

/// Checks one article against `universe`.
///
/// `as_of` is the article's date for relative dates ("on Friday"); when
/// `None`, the dateline found in the text is used.
///
/// # Errors
/// [`CheckError`] when the input is too large or not text.
pub fn check(
    text: &str,
    format_hint: InputFormat,
    as_of: Option<Date>,
    universe: &Universe,
) -> Result<CheckReport, CheckError> {
    Checker::new(universe)?.check(text, format_hint, as_of)
}

/// Checks several `(name, text)` articles and lists their mutual contradictions.
///
/// # Errors
/// The first [`CheckError`] met.
pub fn check_many(
    docs: &[(&str, &str)],
    format_hint: InputFormat,
    as_of: Option<Date>,
    universe: &Universe,
) -> Result<ManyReport, CheckError> {
    Checker::new(universe)?.check_many(docs, format_hint, as_of)
}
