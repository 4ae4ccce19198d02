//! The Fact: the only thing that may put a number in front of a reader.
//!
//! A Fact is a value computed by a named, versioned method from named inputs
//! (instrument, field, source, date range), as of a date. Renderers print
//! numbers only from Facts, and citations are generated from their inputs.

use crate::{Date, Field, SourceId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The unit a value is expressed in; it also fixes how it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Percent, e.g. a return of 7.88 means 7.88 %.
    Percent,
    /// Percentage points (a difference of two percents or rates).
    PercentagePoints,
    /// Basis points (1/100 of a percentage point).
    BasisPoints,
    /// Index points or a price level in the instrument's own quotation.
    Points,
    /// A count of trading sessions.
    Sessions,
    /// A count of months.
    Months,
    /// A count of years.
    Years,
    /// A plain count of things (streaks, decisions, windows, sectors...).
    Count,
    /// A rank, 1 = most extreme.
    Rank,
    /// A calendar date (value is a [`FactValue::Date`]).
    Date,
    /// A share of a whole in percent (e.g. 62.5 % of windows).
    Share,
    /// A yes/no finding.
    Bool,
    /// A text finding (a quoted sentence, a range such as "3.50%–3.75%").
    Text,
    /// A unitless ratio.
    Ratio,
}

/// A Fact's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    /// A real number.
    Number(f64),
    /// An integer count or rank.
    Integer(i64),
    /// A date.
    Date(Date),
    /// A yes/no finding.
    Bool(bool),
    /// A closed range of numbers, e.g. a target range.
    Range {
        /// Lower bound.
        low: f64,
        /// Upper bound.
        high: f64,
    },
    /// Text, e.g. a quoted sentence.
    Text(String),
}

impl FactValue {
    /// The value as a real number, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            FactValue::Number(x) => Some(*x),
            FactValue::Integer(n) => Some(*n as f64),
            _ => None,
        }
    }
    /// The value as a date, when it is one.
    pub fn as_date(&self) -> Option<Date> {
        match self {
            FactValue::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// The method that produced a value: an id documented in `docs/methods.md`
/// and a version bumped whenever the computation changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// Stable id, e.g. `streak.relative`.
    pub id: String,
    /// Version of the method.
    pub version: u32,
}

impl Method {
    /// Builds a method reference.
    pub fn new(id: &str, version: u32) -> Method {
        Method {
            id: id.to_string(),
            version,
        }
    }
}

/// One input a Fact read: a series (or document source) over a date range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactInput {
    /// Canonical instrument symbol.
    pub instrument: String,
    /// Field read.
    pub field: Field,
    /// Source file the observations came from.
    pub source: SourceId,
    /// Path of that source, for citations.
    pub source_path: String,
    /// First date read.
    pub from: Date,
    /// Last date read.
    pub to: Date,
}

/// A computed, cited value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Id unique within one document (article, answer, check), e.g. `f3`.
    /// Empty until a document numbers its facts.
    #[serde(default)]
    pub id: String,
    /// What was computed, e.g. `return`, `streak`, `record_close`.
    pub kind: String,
    /// Instruments the Fact is about (subject first, then benchmark).
    pub subjects: Vec<String>,
    /// The point-in-time date: nothing after it was read.
    pub as_of: Date,
    /// The window the value describes, when it has one.
    pub window: Option<(Date, Date)>,
    /// The headline value.
    pub value: FactValue,
    /// Unit of the headline value.
    pub unit: Unit,
    /// Method and version.
    pub method: Method,
    /// Series, sources and ranges read.
    pub inputs: Vec<FactInput>,
    /// Secondary values that belong to the same computation (e.g. a streak's
    /// start date, a return's base date and index points), each with a unit.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, Detail>,
    /// One plain sentence that states the Fact.
    pub text: String,
}

/// A secondary value of a Fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// The value.
    pub value: FactValue,
    /// Its unit.
    pub unit: Unit,
}

impl Detail {
    /// A numeric detail.
    pub fn number(value: f64, unit: Unit) -> Detail {
        Detail {
            value: FactValue::Number(value),
            unit,
        }
    }
    /// An integer detail.
    pub fn integer(value: i64, unit: Unit) -> Detail {
        Detail {
            value: FactValue::Integer(value),
            unit,
        }
    }
    /// A date detail.
    pub fn date(value: Date) -> Detail {
        Detail {
            value: FactValue::Date(value),
            unit: Unit::Date,
        }
    }
    /// A text detail.
    pub fn text(value: impl Into<String>) -> Detail {
        Detail {
            value: FactValue::Text(value.into()),
            unit: Unit::Text,
        }
    }
}

impl Fact {
    /// A secondary value by name.
    pub fn detail(&self, name: &str) -> Option<&Detail> {
        self.details.get(name)
    }
}
