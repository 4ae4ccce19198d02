//! Market English: reading the numeric claims of text written by anyone,
//! and the questions people ask, with one reader.
//!
//! The stages, each its own module:
//!
//! 1. [`text`]: one tokenizer (word forms by a Snowball stemmer), sentences
//!    and clauses;
//! 2. [`lexicon`]: the words the reader knows, as data files;
//! 3. [`chunk`]: recognisers per dimension — instruments (with
//!    coreference terms), times, quantities;
//! 4. [`frame`]: claims — constructions that attach each figure to its
//!    measure, subject and window, coreference, coverage, and lowering to
//!    the query algebra ([`reader::Reader::read`]);
//! 5. [`question`]: questions — a claim with its value left empty, read by
//!    shapes with strict coverage and lowered to the same algebra.
//!
//! **Architecture invariant:** pure, no I/O, no clock. What the reader
//! understands is expressed as [`model::Query`]s; what it cannot read it
//! says so (an unread part, a declined question), never guessing another
//! reading.

pub mod chunk;
pub mod frame;
pub mod lexicon;
pub mod question;
pub mod reader;
pub mod text;

pub use reader::{Claim, Reader, ReadingView};
