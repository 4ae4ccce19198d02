//! Question answering: `marketproof ask "QUESTION"`.
//!
//! A question becomes a [`Plan`] of fact queries ([`plan`]), the plan is shown
//! to the user (who may edit it: it is serde), then [`run`] asks the fact
//! engine for each step and composes a short paragraph in which every number
//! is a cited [`model::Fact`]; [`render`] prints it as text, JSON or HTML with
//! an inline SVG chart.
//!
//! **Architecture invariant:** pure, no I/O, no clock. The as-of date is an
//! argument; the universe is given. A question outside the data gets an
//! [`AskError`] that says what is missing and the nearest questions that can
//! be answered; the answer never holds a number it did not compute.

mod compose;
mod error;
mod fmt;
mod plan;
mod render;
mod run;
mod suggest;

pub use error::AskError;
pub use plan::{Conversation, Intent, Plan, Slots, Step, HORIZONS_SESSIONS};
pub use render::{chart_svg, render, Format};
pub use run::{run, Answer, Chart, ChartSeries, Citation, CitedSource};

use model::{Date, Registry};

/// Turns a question into a plan of fact queries as of `as_of`.
///
/// `context` is the previous turn of a conversation: a follow-up such as
/// "and the Nasdaq 100?" or "what about 2024?" reuses its intent and slots,
/// replacing only what the new question names.
///
/// # Errors
/// [`AskError`] when the question is empty or too long, asks for data marketproof
/// does not hold (valuations, fund flows, single stocks, earnings), asks about
/// the future or a date before the data, names no instrument it knows, or
/// cannot be understood. Every error carries the nearest answerable questions.
pub fn plan(
    question: &str,
    context: Option<&Conversation>,
    as_of: Date,
    registry: &Registry,
) -> Result<Plan, AskError> {
    plan::plan(question, context, as_of, registry)
}

/// Plans, runs and returns the answer, or the refusal as an [`Answer`]
/// (convenient for servers that always return one document).
pub fn ask(
    question: &str,
    context: Option<&Conversation>,
    as_of: Date,
    registry: &Registry,
    universe: &model::Universe,
) -> Answer {
    match plan(question, context, as_of, registry) {
        Ok(p) => run(&p, universe),
        Err(e) => Answer::refusal(question, as_of, &e),
    }
}
