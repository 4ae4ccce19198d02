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
use std::sync::Arc;

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

/// Strictly increasing dates that several series may share: a calendar.
///
/// Daily series of one market mostly trade on the same sessions, so a
/// loaded universe keeps one copy of each calendar and every series holds a
/// range of it (a 4-byte date per close, times tens of millions of closes,
/// was a quarter of a loaded universe's memory). **Invariant:** strictly
/// increasing, checked once by [`SortedDates::new`], so every range of it
/// is sorted too.
#[derive(Debug, Clone)]
pub struct SortedDates(Arc<Vec<Date>>);

impl SortedDates {
    /// Checks that `dates` are strictly increasing.
    ///
    /// # Errors
    /// The first date that is not after the one before it.
    pub fn new(dates: Vec<Date>) -> Result<SortedDates, Date> {
        if let Some(w) = dates.windows(2).find(|w| w[1] <= w[0]) {
            return Err(w[1]);
        }
        Ok(SortedDates(Arc::new(dates)))
    }

    /// The dates.
    pub fn as_slice(&self) -> &[Date] {
        &self.0
    }

    /// Number of dates.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no date.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One consolidated series: sorted unique dates, values, and the source of
/// every point.
///
/// **Invariant:** the dates are strictly increasing and as many as the
/// values. Sources are kept as runs (the index where each run starts and
/// its source): a series is almost always one run per source file, so a
/// source id per point would be a quarter of its memory. Runs are
/// canonical: the first starts at 0, starts increase, two neighbours never
/// have the same source, and a series with no point has no run. Enforced
/// by the constructors; fields are private.
#[derive(Debug, Clone)]
pub struct Series {
    key: SeriesKey,
    /// The calendar the dates are a range of.
    calendar: SortedDates,
    /// Index of the first date in `calendar`.
    calendar_start: usize,
    values: Vec<f64>,
    runs: Vec<(usize, SourceId)>,
}

impl PartialEq for Series {
    fn eq(&self, other: &Series) -> bool {
        self.key == other.key
            && self.dates() == other.dates()
            && self.values == other.values
            && self.runs == other.runs
    }
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
    /// The dates asked of a shared calendar are not within it.
    #[error("series {key}: dates {start}..{end} of a calendar of {len}")]
    OutsideCalendar {
        /// Series.
        key: SeriesKey,
        /// First index asked.
        start: usize,
        /// End index asked.
        end: usize,
        /// Dates in the calendar.
        len: usize,
    },
    /// The source runs do not start at 0 or do not increase within the series.
    #[error("series {key}: source runs out of order or beyond {len} points")]
    BadRuns {
        /// Series.
        key: SeriesKey,
        /// Number of points.
        len: usize,
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
        let mut runs: Vec<(usize, SourceId)> = Vec::new();
        for (i, s) in sources.into_iter().enumerate() {
            if runs.last().is_none_or(|r| r.1 != s) {
                runs.push((i, s));
            }
        }
        let calendar = match SortedDates::new(dates) {
            Ok(calendar) => calendar,
            Err(date) => return Err(SeriesError::Unsorted { key, date }),
        };
        Ok(Series {
            key,
            calendar,
            calendar_start: 0,
            values,
            runs,
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
        if dates.len() != values.len() {
            return Err(SeriesError::LengthMismatch {
                key,
                dates: dates.len(),
                values: values.len(),
                sources: dates.len(),
            });
        }
        let calendar = match SortedDates::new(dates) {
            Ok(calendar) => calendar,
            Err(date) => return Err(SeriesError::Unsorted { key, date }),
        };
        let runs = if values.is_empty() {
            Vec::new()
        } else {
            vec![(0, source)]
        };
        Ok(Series {
            key,
            calendar,
            calendar_start: 0,
            values,
            runs,
        })
    }

    /// Builds a series whose dates are `calendar[calendar_start..]`, as many
    /// as `values`, with the sources given as runs: `(first index, source)`,
    /// each run lasting until the next one starts. Neighbouring runs of the
    /// same source are joined.
    ///
    /// # Errors
    /// [`SeriesError::OutsideCalendar`] when the dates would run past the
    /// calendar, [`SeriesError::BadRuns`] when the runs do not start at 0
    /// (for a series with points) or do not increase within the series.
    pub fn on_calendar(
        key: SeriesKey,
        calendar: &SortedDates,
        calendar_start: usize,
        values: Vec<f64>,
        source_runs: &[(usize, SourceId)],
    ) -> Result<Series, SeriesError> {
        let len = values.len();
        let within = calendar_start
            .checked_add(len)
            .is_some_and(|end| end <= calendar.len());
        if !within {
            return Err(SeriesError::OutsideCalendar {
                key,
                start: calendar_start,
                end: calendar_start.saturating_add(len),
                len: calendar.len(),
            });
        }
        let starts_ok = match source_runs.first() {
            None => len == 0,
            Some(first) => {
                first.0 == 0
                    && source_runs.windows(2).all(|w| w[0].0 < w[1].0)
                    && source_runs.last().is_some_and(|r| r.0 < len)
            }
        };
        if !starts_ok {
            return Err(SeriesError::BadRuns { key, len });
        }
        let mut runs: Vec<(usize, SourceId)> = Vec::with_capacity(source_runs.len());
        for r in source_runs {
            if runs.last().is_none_or(|last| last.1 != r.1) {
                runs.push(*r);
            }
        }
        Ok(Series {
            key,
            calendar: calendar.clone(),
            calendar_start,
            values,
            runs,
        })
    }

    /// The series' key.
    pub fn key(&self) -> &SeriesKey {
        &self.key
    }
    /// Sorted unique dates.
    pub fn dates(&self) -> &[Date] {
        &self.calendar.as_slice()[self.calendar_start..self.calendar_start + self.values.len()]
    }
    /// Values aligned with [`Series::dates`].
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// The source of the point at `idx`, if there is such a point.
    pub fn source_at(&self, idx: usize) -> Option<SourceId> {
        if idx >= self.len() {
            return None;
        }
        let run = self.runs.partition_point(|r| r.0 <= idx);
        Some(self.runs[run - 1].1)
    }
    /// Number of observations.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// Whether the series has no observation.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    /// First date, if any.
    pub fn first_date(&self) -> Option<Date> {
        self.dates().first().copied()
    }
    /// Last date, if any.
    pub fn last_date(&self) -> Option<Date> {
        self.dates().last().copied()
    }

    /// Number of observations dated on or before `date` (the point-in-time cut).
    pub fn len_as_of(&self, date: Date) -> usize {
        self.dates().partition_point(|d| *d <= date)
    }

    /// Index of `date` if it is an observation date.
    pub fn index_of(&self, date: Date) -> Option<usize> {
        self.dates().binary_search(&date).ok()
    }

    /// Value on `date` if observed.
    pub fn value_on(&self, date: Date) -> Option<f64> {
        self.index_of(date).map(|i| self.values[i])
    }

    /// A copy holding only observations on or before `date` (sharing the
    /// calendar).
    pub fn truncated(&self, date: Date) -> Series {
        let n = self.len_as_of(date);
        let n_runs = self.runs.partition_point(|r| r.0 < n);
        Series {
            key: self.key.clone(),
            calendar: self.calendar.clone(),
            calendar_start: self.calendar_start,
            values: self.values[..n].to_vec(),
            runs: self.runs[..n_runs].to_vec(),
        }
    }

    /// Splits `range` of indices into runs of one source each:
    /// `(source, indices)`, in order.
    pub fn source_spans(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (SourceId, std::ops::Range<usize>)> + '_ {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        let first = self
            .runs
            .partition_point(|r| r.0 <= start)
            .saturating_sub(1);
        self.runs[first..]
            .iter()
            .enumerate()
            .map(move |(k, r)| {
                let next = self.runs.get(first + k + 1).map_or(self.len(), |n| n.0);
                (r.1, r.0.max(start)..next.min(end))
            })
            .take_while(move |(_, span)| span.start < end)
    }

    /// Splits `range` of indices into runs of one source each:
    /// `(source, first_date, last_date)`. Used to cite a Fact's inputs.
    pub fn source_runs(&self, range: std::ops::Range<usize>) -> Vec<(SourceId, Date, Date)> {
        let dates = self.dates();
        self.source_spans(range)
            .map(|(s, span)| (s, dates[span.start], dates[span.end - 1]))
            .collect()
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

    #[test]
    fn sources_are_kept_as_runs() {
        let key = SeriesKey::new("^RUT", Field::Close);
        let dates = vec![
            d("2024-08-01"),
            d("2024-08-02"),
            d("2024-08-05"),
            d("2024-08-06"),
            d("2024-08-07"),
        ];
        let ids = [1, 1, 2, 1, 1].map(SourceId);
        let s = Series::new(key.clone(), dates.clone(), vec![1.0; 5], ids.to_vec()).expect("valid");
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(s.source_at(i), Some(*id), "point {i}");
        }
        assert_eq!(s.source_at(5), None);
        let spans: Vec<_> = s.source_spans(1..5).collect();
        assert_eq!(
            spans,
            vec![
                (SourceId(1), 1..2),
                (SourceId(2), 2..3),
                (SourceId(1), 3..5)
            ]
        );
        assert_eq!(
            s.source_spans(2..3).collect::<Vec<_>>(),
            vec![(SourceId(2), 2..3)]
        );
        assert_eq!(s.source_spans(3..3).count(), 0);
        assert_eq!(s.truncated(d("2024-08-05")).source_runs(0..9).len(), 2);
        assert_eq!(s.truncated(d("2024-07-01")).source_runs(0..9), vec![]);

        // The same series on a shared calendar, its runs given with a
        // needless split, is equal.
        let mut longer = vec![d("2024-07-31")];
        longer.extend(dates.iter().copied());
        longer.push(d("2024-08-08"));
        let calendar = SortedDates::new(longer).expect("sorted");
        let runs = [
            (0, SourceId(1)),
            (1, SourceId(1)),
            (2, SourceId(2)),
            (3, SourceId(1)),
        ];
        let shared =
            Series::on_calendar(key.clone(), &calendar, 1, vec![1.0; 5], &runs).expect("valid");
        assert_eq!(shared, s);
        assert_eq!(shared.dates(), &dates[..]);
        assert!(matches!(
            Series::on_calendar(key.clone(), &calendar, 3, vec![1.0; 5], &runs),
            Err(SeriesError::OutsideCalendar { .. })
        ));
        assert!(matches!(
            Series::on_calendar(key.clone(), &calendar, 0, vec![1.0; 2], &runs),
            Err(SeriesError::BadRuns { .. })
        ));
        assert!(matches!(
            Series::on_calendar(key, &calendar, 0, vec![], &[]),
            Ok(s) if s.is_empty()
        ));
    }
}
