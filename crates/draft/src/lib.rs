//! Checked drafts: "let an LLM write, let marketproof check".
//!
//! The brief's Facts (ids, values, units, windows, sentences) and its
//! section plan go to any OpenAI-compatible chat endpoint ([`llm`]), which
//! writes the prose citing Fact ids ([`prompt`]). Every sentence it returns
//! then goes through the claim checker ([`vet`]): a sentence with a
//! contradicted or unreadable number is replaced by the brief's own sentence
//! for the Facts it cited, or removed, and listed in the redline; every
//! surviving number carries the citation of the Fact that supports it.
//! [`render`] prints the result as Markdown (the article, the Facts cited,
//! the redline) or JSON.
//!
//! **Architecture invariants:** nothing is sent anywhere unless the caller
//! built an [`llm::Endpoint`] from a base URL it was given; [`vet`] and
//! [`render`] are pure (no I/O, no clock), so the checking is tested without
//! a model; no number from the model reaches the output unless the checker
//! supported it.

pub mod llm;
pub mod prompt;
pub mod render;
pub mod testing;
pub mod vet;

pub use vet::{vet, Action, Vetted};

/// Why a draft could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DraftError {
    /// The endpoint is not configured or configured wrongly.
    #[error("LLM endpoint: {0}")]
    Config(String),
    /// The endpoint could not be reached or answered with an error.
    #[error("LLM request to {url} failed: {message}")]
    Http {
        /// The URL asked.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The endpoint answered with something that is not a chat completion.
    #[error("LLM response: {0}")]
    BadResponse(String),
    /// The checker could not read the draft.
    #[error("checking the draft: {0}")]
    Check(#[from] check::CheckError),
}

/// Asks `endpoint` to write the brief `article` and vets what it wrote.
///
/// # Errors
/// [`DraftError`] when the endpoint fails or the draft cannot be checked.
pub fn draft(
    article: &report::Article,
    checker: &check::Checker<'_>,
    endpoint: &llm::Endpoint,
) -> Result<(String, Vetted), DraftError> {
    let text = endpoint.complete(&prompt::messages(article))?;
    let vetted = vet(&text, article, checker, &endpoint.model)?;
    Ok((text, vetted))
}
