//! Market English: reading instruments, dates, numbers and numeric claims
//! from text written by anyone.
//!
//! **Architecture invariant:** pure, no I/O, no clock. The checker (`check`)
//! and the question planner share this reader; everything it understands is
//! expressed in the one vocabulary of fact queries, [`model::Query`].

pub mod claims;
pub mod dates;
pub mod instruments;
pub mod numbers;
pub mod sentences;

pub use claims::{read_claims, Claim, ClaimKind, Claimed, Reader, SinceRef};
pub use dates::{find_date_problems, find_dateline, find_dates, DateExpr, DateProblem, When};
pub use instruments::{InstrumentFinder, Mention};
pub use numbers::{find_numbers, Hedge, Num, NumUnit};
pub use sentences::{sentences, Sentence};
