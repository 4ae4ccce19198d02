//! marketproof's shared vocabulary.
//!
//! Every other crate speaks in these types: [`Instrument`]s from the
//! [`Registry`], trading [`Date`]s and the NYSE [`calendar`], consolidated
//! [`Series`] gathered in a [`Universe`], the [`Query`] vocabulary that the
//! writer, the checker and the planner share, and the [`Fact`] that every
//! printed number comes from.
//!
//! **Architecture invariant:** this crate does no I/O and reads no clock. The
//! instrument registry is compiled in with `include_str!`; instruments
//! learnt by the store and the user's `instruments.toml` are laid over it
//! by [`Registry::with_instruments`] and [`Registry::with_user`] from text
//! and values the caller read.

pub mod algebra;
pub mod calendar;
pub mod display;
pub mod fact;
pub mod fomc;
pub mod instrument;
pub mod query;
pub mod series;

pub use algebra::{
    Calendar, LevelField, Measure, Order, Pred, Reduce, SeriesQuery, Subject, Window,
};
pub use chrono::NaiveDate as Date;
pub use fact::{Fact, FactInput, FactValue, Method, Unit};
pub use instrument::{
    Frequency, Instrument, InstrumentKind, Registry, RegistryError, Style, UserInstrument,
    UserRegistry,
};
pub use query::{Basket, Condition, Direction, Period, PeriodKind, Query, RecordKind};
pub use series::{Field, Series, SeriesKey, SourceId, SourceInfo, Universe};

/// Parses an ISO `YYYY-MM-DD` date.
///
/// # Errors
/// Returns `None` when the text is not a valid calendar date.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    Date::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
