//! Recognisers per dimension: instruments, times and quantities, each over
//! the tokens of one text, each returning chunks (a token range and what it
//! means). The frame builder (`frame`) works on these chunks, never on raw
//! characters.
//!
//! Order matters and is fixed here: instruments first (so "S&P 500",
//! "Russell 2,000" and "10-year" are names, not figures), then times (so
//! "2022", "Oct. 27" and "the past 12 sessions" are windows, not figures),
//! then quantities on the numbers left.

pub mod instrument;
pub mod quantity;
pub mod time;

pub use instrument::{CorefKind, InstrumentFinder, Mention, MentionKind};
pub use quantity::{Hedge, QUnit, Quantity};
pub use time::{Grain, Time, TimeChunk};

use crate::text::Doc;
use model::Date;

/// Everything the recognisers found in a text.
#[derive(Debug, Clone)]
pub struct Chunks {
    /// Instrument mentions and coreference terms, in text order.
    pub mentions: Vec<Mention>,
    /// Time expressions, in text order.
    pub times: Vec<TimeChunk>,
    /// Quantities, in text order.
    pub quantities: Vec<Quantity>,
    /// For each token, whether a chunk holds it.
    pub taken: Vec<bool>,
}

impl Chunks {
    /// Runs every recogniser over `doc`, resolving times against `dateline`.
    pub fn find(doc: &Doc, finder: &InstrumentFinder, dateline: Date) -> Chunks {
        let mut taken = vec![false; doc.tokens.len()];
        let mut mentions = finder.find(&doc.tokens);
        // A named episode ("the financial crisis") is a time, though a
        // word of it may name a sector fund.
        let events = crate::lexicon::lexicon();
        mentions.retain(|m| {
            !(m.tokens.start.saturating_sub(3)..m.tokens.end).any(|i| {
                events
                    .longest(&doc.tokens, i, doc.tokens.len(), "event")
                    .is_some_and(|h| h.start < m.tokens.end && m.tokens.start < h.end)
            })
        });
        for m in &mentions {
            taken[m.tokens.clone()].iter_mut().for_each(|t| *t = true);
        }
        let times = time::find(&doc.tokens, &taken, dateline);
        for t in &times {
            taken[t.tokens.clone()].iter_mut().for_each(|t| *t = true);
        }
        let mut quantities = quantity::find(&doc.tokens, &taken);
        quantities.retain(|q| quantity::is_market_figure(q, &doc.tokens));
        for q in &quantities {
            taken[q.tokens.clone()].iter_mut().for_each(|t| *t = true);
        }
        Chunks {
            mentions,
            times,
            quantities,
            taken,
        }
    }
}
