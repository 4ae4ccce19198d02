//! Consolidated time series and their provenance.
//!
//! A [`Series`] is one (instrument, field) across all sources, already
//! merged by the store's source priority. It guarantees sorted, unique dates
//! so that kernels never re-check, and it remembers which source every
//! observation came from so that a Fact can cite exactly the files it read.

use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What an observation measures. Adjusted and unadjusted closes are
/// different fields and are never mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Opening price.
    Open,
    /// Intraday high.
    High,
    /// Intraday low.
    Low,
    /// Closing price as printed (not adjusted for dividends).
    Close,
    /// Dividend- and split-adjusted close.
    AdjClose,
    /// Traded volume.
    Volume,
    /// A level that is not a price: a rate in percent, a ratio, a share.
    Value,
    /// A periodic return in percent (Ken French monthly files).
    ReturnPct,
}

impl Field {
    /// Every field, in a stable order.
    pub const ALL: [Field; 8] = [
        Field::Open,
        Field::High,
        Field::Low,
        Field::Close,
        Field::AdjClose,
        Field::Volume,
        Field::Value,
        Field::ReturnPct,
    ];

    /// The stable lowercase name used in the store, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Open => "open",
            Field::High => "high",
            Field::Low => "low",
            Field::Close => "close",
            Field::AdjClose => "adj_close",
            Field::Volume => "volume",
            Field::Value => "value",
            Field::ReturnPct => "return_pct",
        }
    }

    /// Parses the name produced by [`Field::as_str`].
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whether a non-positive value is impossible for this field.
    pub fn must_be_positive(self) -> bool {
        matches!(
            self,
            Field::Open | Field::High | Field::Low | Field::Close | Field::AdjClose
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Identifies one consolidated series.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeriesKey {
    /// Canonical instrument symbol from the registry, e.g. `^RUT`.
    pub instrument: String,
    /// What is measured.
    pub field: Field,
}

impl SeriesKey {
    /// Builds a key.
    pub fn new(instrument: impl Into<String>, field: Field) -> Self {
        SeriesKey {
            instrument: instrument.into(),
            field,
        }
    }
}

impl fmt::Display for SeriesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.instrument, self.field)
    }
}

/// Index of a source file in [`Universe::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceId(pub u32);

/// Where observations came from: one imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Store id of the source.
    pub id: SourceId,
    /// Path relative to the imported folder, e.g. `guydekowski_market-lab/GSPC.csv`.
    pub path: String,
    /// Hex SHA-256 of the file's bytes.
    pub content_hash: String,
    /// Origin from the folder's `SOURCE.txt` (repository and commit), if any.
    pub origin: Option<String>,
}

/// One consolidated series: sorted unique dates, values, and per-point source.
///
/// **Invariant:** `dates` is strictly increasing and all three vectors have
/// the same length. Enforced by [`Series::new`]; fields are private.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    key: SeriesKey,
    dates: Vec<Date>,
    values: Vec<f64>,
    sources: Vec<SourceId>,
}

/// Why a [`Series`] could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeriesError {
    /// The three columns differ in length.
    #[error("series {key}: {dates} dates, {values} values and {sources} sources differ in length")]
    LengthMismatch {
        /// Series.
        key: SeriesKey,
        /// Number of dates.
        dates: usize,
        /// Number of values.
        values: usize,
        /// Number of sources.
        sources: usize,
    },
    /// Dates are not strictly increasing at `date`.
    #[error("series {key}: date {date} is not after the previous date")]
    Unsorted {
        /// Series.
        key: SeriesKey,
        /// First offending date.
        date: Date,
    },
}

impl Series {
    /// Builds a series, checking the invariant.
    ///
    /// # Errors
    /// [`SeriesError`] when lengths differ or dates are not strictly increasing.
    pub fn new(
        key: SeriesKey,
        dates: Vec<Date>,
        values: Vec<f64>,
        sources: Vec<SourceId>,
    ) -> Result<Series, SeriesError> {
        if dates.len() != values.len() || dates.len() != sources.len() {
            return Err(SeriesError::LengthMismatch {
                key,
                dates: dates.len(),
                values: values.len(),
                sources: sources.len(),
            });
        }
        if let Some(w) = dates.windows(2).find(|w| w[1] <= w[0]) {
            let date = w[1];
            return Err(SeriesError::Unsorted { key, date });
        }
        Ok(Series {
            key,
            dates,
            values,
            sources,
        })
    }

    /// Builds a series whose every point comes from one source.
    ///
    /// # Errors
    /// As [`Series::new`].
    pub fn from_one_source(
        key: SeriesKey,
        dates: Vec<Date>,
        values: Vec<f64>,
        source: SourceId,
    ) -> Result<Series, SeriesError> {
        let sources = vec![source; dates.len()];
        Series::new(key, dates, values, sources)
    }

    /// The series' key.
    pub fn key(&self) -> &SeriesKey {
        &self.key
    }
    /// Sorted unique dates.
    pub fn dates(&self) -> &[Date] {
        &self.dates
    }
    /// Values aligned with [`Series::dates`].
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// Source of each point, aligned with [`Series::dates`].
    pub fn sources(&self) -> &[SourceId] {
        &self.sources
    }
    /// Number of observations.
    pub fn len(&self) -> usize {
        self.dates.len()
    }
    /// Whether the series has no observation.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
    /// First date, if any.
    pub fn first_date(&self) -> Option<Date> {
        self.dates.first().copied()
    }
    /// Last date, if any.
    pub fn last_date(&self) -> Option<Date> {
        self.dates.last().copied()
    }

    /// Number of observations dated on or before `date` (the point-in-time cut).
    pub fn len_as_of(&self, date: Date) -> usize {
        self.dates.partition_point(|d| *d <= date)
    }

    /// Index of `date` if it is an observation date.
    pub fn index_of(&self, date: Date) -> Option<usize> {
        self.dates.binary_search(&date).ok()
    }

    /// Value on `date` if observed.
    pub fn value_on(&self, date: Date) -> Option<f64> {
        self.index_of(date).map(|i| self.values[i])
    }

    /// A copy holding only observations on or before `date`.
    pub fn truncated(&self, date: Date) -> Series {
        let n = self.len_as_of(date);
        Series {
            key: self.key.clone(),
            dates: self.dates[..n].to_vec(),
            values: self.values[..n].to_vec(),
            sources: self.sources[..n].to_vec(),
        }
    }

    /// Splits `range` of indices into runs of one source each:
    /// `(source, first_date, last_date)`. Used to cite a Fact's inputs.
    pub fn source_runs(&self, range: std::ops::Range<usize>) -> Vec<(SourceId, Date, Date)> {
        let mut runs: Vec<(SourceId, Date, Date)> = Vec::new();
        let end = range.end.min(self.len());
        for i in range.start.min(end)..end {
            let (s, d) = (self.sources[i], self.dates[i]);
            match runs.last_mut() {
                Some(last) if last.0 == s => last.2 = d,
                _ => runs.push((s, d, d)),
            }
        }
        runs
    }
}

/// Everything the fact engine may read: consolidated series, their sources,
/// and the text documents (FOMC statements) and membership lists.
#[derive(Debug, Clone, Default)]
pub struct Universe {
    /// Consolidated series by key.
    pub series: BTreeMap<SeriesKey, Series>,
    /// Every source; look one up with [`Universe::source`].
    pub sources: Vec<SourceInfo>,
    /// Text documents such as FOMC statements, sorted by date.
    pub documents: Vec<Document>,
    /// Index membership snapshots (e.g. S&P 500 constituents with GICS sector).
    pub members: Vec<Member>,
    /// The instrument registry these series were read with: the built-in
    /// one plus the instruments the store learnt (file stems, wide-table
    /// columns, providers) and the user's `instruments.toml`. `None` means
    /// the built-in registry. The fact engine, the brief and the scan name
    /// instruments with it.
    pub registry: Option<std::sync::Arc<crate::Registry>>,
}

impl Universe {
    /// The series for `instrument` and `field`, if present.
    pub fn get(&self, instrument: &str, field: Field) -> Option<&Series> {
        self.series.get(&SeriesKey::new(instrument, field))
    }

    /// The registry these series were read with, if one was attached
    /// ([`Universe::registry`]'s field; `None` means the built-in one).
    pub fn registry(&self) -> Option<&crate::Registry> {
        self.registry.as_deref()
    }

    /// The source with this id.
    pub fn source(&self, id: SourceId) -> Option<&SourceInfo> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The last date of any series (the "latest session" in the store) among
    /// daily price series.
    pub fn last_date(&self) -> Option<Date> {
        self.series.values().filter_map(|s| s.last_date()).max()
    }
}

/// A dated text document, e.g. an FOMC statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Document id from the file, e.g. `monetary20251210a`.
    pub id: String,
    /// Release date.
    pub date: Date,
    /// Title.
    pub title: String,
    /// Public URL of the document.
    pub url: String,
    /// Full text.
    pub body: String,
    /// Kind as given by the file, e.g. `statement`, `minutes`.
    pub kind: String,
    /// Source file it came from.
    pub source: SourceId,
}

/// One index member from a constituents list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Index the list belongs to (canonical symbol, e.g. `^GSPC`).
    pub index: String,
    /// Member ticker.
    pub symbol: String,
    /// Company name.
    pub name: String,
    /// GICS sector.
    pub sector: String,
    /// Source file it came from.
    pub source: SourceId,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::parse_iso_date(s).expect("valid test date")
    }

    #[test]
    fn series_rejects_unsorted_and_ragged_input() {
        let key = SeriesKey::new("^RUT", Field::Close);
        let err = Series::from_one_source(
            key.clone(),
            vec![d("2026-01-02"), d("2026-01-02")],
            vec![1.0, 2.0],
            SourceId(0),
        );
        assert!(matches!(err, Err(SeriesError::Unsorted { .. })));
        let err = Series::new(key, vec![d("2026-01-02")], vec![], vec![]);
        assert!(matches!(err, Err(SeriesError::LengthMismatch { .. })));
    }

    #[test]
    fn truncation_and_source_runs() {
        let key = SeriesKey::new("^RUT", Field::Close);
        let s = Series::new(
            key,
            vec![
                d("2024-08-01"),
                d("2024-08-02"),
                d("2024-08-05"),
                d("2024-08-06"),
            ],
            vec![1.0, 2.0, 3.0, 4.0],
            vec![SourceId(1), SourceId(1), SourceId(2), SourceId(2)],
        )
        .expect("valid");
        assert_eq!(s.truncated(d("2024-08-04")).len(), 2);
        assert_eq!(s.len_as_of(d("2024-08-05")), 3);
        assert_eq!(
            s.source_runs(1..4),
            vec![
                (SourceId(1), d("2024-08-02"), d("2024-08-02")),
                (SourceId(2), d("2024-08-05"), d("2024-08-06"))
            ]
        );
    }
}
