//! Readers for market-data files, with the format detected from the header.
//!
//! Supported: OHLCV with any header casing (Yahoo, Stooq, `Adj Close`,
//! extra columns), close-only (`Date,Close`), the yfinance three-row header,
//! wide tables (one column per instrument, `X_volume` columns, sparse FRED
//! cells), Ken French monthly CSV (`YYYYMM`, `-99.99` missing, first table
//! only), Shiller's monthly `data.csv` (zeros mean "not published"),
//! constituents lists and FOMC statements. The file name only matters for
//! looking up the instrument in the registry.
//!
//! Parsing is pure: bytes in, [`ParsedFile`] or a located
//! [`StoreError::Input`](crate::StoreError::Input) out.

mod documents;
pub mod learn;
pub mod limits;
mod members;
mod ohlcv;
mod table;
mod wide;

use crate::error::{input_error, InputProblem};
use crate::StoreError;
use model::{Date, Field, Registry};
use serde::Serialize;
use std::path::Path;

pub use documents::ParsedDocument;
pub use learn::Learnt;
pub use limits::ReadLimits;
pub use members::ParsedMember;

/// The layout a file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Date plus open/high/low/close/adj close/volume columns, one instrument.
    Ohlcv,
    /// Date plus a close column only, one instrument.
    CloseOnly,
    /// yfinance's three-row header (`Price,...` / `Ticker,...` / `Date,...`).
    YFinance,
    /// Date plus one column per instrument (FRED, yfinance wide tables, breadth).
    Wide,
    /// Ken French monthly CSV (`YYYYMM` dates, `-99.99` missing).
    French,
    /// Shiller's monthly S&P 500 data (zeros mean not yet published).
    Shiller,
    /// An index constituents list.
    Members,
    /// Dated text documents (FOMC statements).
    Documents,
}

impl Format {
    /// Stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ohlcv => "ohlcv",
            Format::CloseOnly => "close_only",
            Format::YFinance => "yfinance",
            Format::Wide => "wide",
            Format::French => "french",
            Format::Shiller => "shiller",
            Format::Members => "members",
            Format::Documents => "documents",
        }
    }
}

/// One series read from one file: sorted unique dates and their values.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSeries {
    /// Canonical instrument symbol.
    pub symbol: String,
    /// What the column measures.
    pub field: Field,
    /// Strictly increasing dates.
    pub dates: Vec<Date>,
    /// Values aligned with `dates`.
    pub values: Vec<f64>,
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// Path relative to the imported folder.
    pub rel_path: String,
    /// Detected layout.
    pub format: Format,
    /// Series (empty for members and documents files).
    pub series: Vec<ParsedSeries>,
    /// Documents (statements files only).
    pub documents: Vec<ParsedDocument>,
    /// Members (constituents lists only).
    pub members: Vec<ParsedMember>,
    /// Data lines read.
    pub data_rows: usize,
    /// What was deliberately not imported, and why (ignored columns,
    /// sections after the first table, duplicate identical rows).
    pub notes: Vec<String>,
    /// Instruments no registry entry claimed, learnt from the file stem or
    /// a column ([`learn`]).
    pub learnt: Vec<Learnt>,
}

impl ParsedFile {
    /// Number of observations over all series.
    pub fn observation_count(&self) -> usize {
        self.series.iter().map(|s| s.dates.len()).sum()
    }
}

/// Columns that carry no market meaning and are skipped on purpose:
/// `(dataset folder or "" for any, lowercase column, why)`.
pub const IGNORED_COLUMNS: &[(&str, &str, &str)] = &[
    (
        "",
        "wap",
        "volume-weighted average price of a bar feed; zero or meaningless for indices",
    ),
    (
        "",
        "count",
        "number of trades in a bar feed; no market meaning for an index level",
    ),
    (
        "heliar-k_market-base",
        "volume",
        "index volume in heliar-k's index files repeats other data (market-data README)",
    ),
];

/// What the readers need besides the bytes.
#[derive(Debug, Clone, Copy)]
pub struct ReadContext<'a> {
    /// File path, for error messages.
    pub path: &'a Path,
    /// Path relative to the imported folder (for dataset hints).
    pub rel_path: &'a str,
    /// The instrument registry.
    pub registry: &'a Registry,
    /// Bounds on records and cells.
    pub limits: ReadLimits,
}

impl ReadContext<'_> {
    /// The file name without extension, e.g. `^RUT`.
    pub(crate) fn stem(&self) -> &str {
        let name = self.rel_path.rsplit('/').next().unwrap_or(self.rel_path);
        match name.rfind('.') {
            Some(i) if i > 0 => &name[..i],
            _ => name,
        }
    }

    /// The dataset folder (first path component), if any.
    pub(crate) fn dataset(&self) -> &str {
        match self.rel_path.find('/') {
            Some(i) => &self.rel_path[..i],
            None => "",
        }
    }

    /// Whether close-only and wide price columns hold adjusted closes.
    pub(crate) fn adjusted(&self) -> bool {
        self.registry
            .dataset_hint(self.rel_path)
            .is_some_and(|h| h.adjusted)
    }

    /// Why `column` is on the ignore list, if it is.
    pub(crate) fn ignored(&self, column: &str) -> Option<&'static str> {
        let col = column.trim().to_lowercase();
        IGNORED_COLUMNS
            .iter()
            .find(|(ds, c, _)| *c == col && (ds.is_empty() || *ds == self.dataset()))
            .map(|(_, _, why)| *why)
    }

    pub(crate) fn err(
        &self,
        line: u64,
        column: u64,
        problem: InputProblem,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> StoreError {
        input_error(self.path, line, column, problem, message, help)
    }
}

/// Parses one file's bytes, detecting the format from its header.
///
/// # Errors
/// [`StoreError::Input`] naming the line and column of the first problem:
/// empty or binary file, unknown format or symbol, wrong field count,
/// text in a number column, impossible date, a duplicate date with a
/// different value, a non-positive price.
pub fn parse_bytes(ctx: &ReadContext<'_>, bytes: &[u8]) -> Result<ParsedFile, StoreError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ctx.err(
            0,
            0,
            InputProblem::Empty,
            "the file is empty",
            "export the data again, or remove the file from the folder",
        ));
    }
    let probe = &bytes[..bytes.len().min(8192)];
    let first_line_end = probe
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(probe.len());
    if probe.contains(&0) || std::str::from_utf8(&probe[..first_line_end]).is_err() {
        return Err(ctx.err(
            1,
            0,
            InputProblem::Binary,
            "the file is not a text CSV file (binary bytes in the first lines)",
            "import only CSV text files; check that the file was not compressed or corrupted",
        ));
    }
    limits::scan(ctx, bytes)?;
    let mut reader = table::csv_reader(bytes);
    let mut header = csv::ByteRecord::new();
    let mut second = csv::ByteRecord::new();
    let mut third = csv::ByteRecord::new();
    table::read_record(ctx, &mut reader, &mut header)?;
    let has_second = table::read_record(ctx, &mut reader, &mut second)?;
    let has_third = has_second && table::read_record(ctx, &mut reader, &mut third)?;
    let names: Vec<String> = header
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let first_cell = |r: &csv::ByteRecord| {
        r.get(0)
            .map(|c| String::from_utf8_lossy(c).trim().to_lowercase())
            .unwrap_or_default()
    };

    let has = |n: &str| lower.iter().any(|c| c == n);
    if lower[0] == "price" && has_second && first_cell(&second) == "ticker" {
        let ticker = second
            .get(1)
            .map(|c| String::from_utf8_lossy(c).trim().to_string());
        let skip = if has_third && first_cell(&third) == "date" {
            3
        } else {
            2
        };
        return ohlcv::parse(
            ctx,
            bytes,
            &names,
            skip,
            Format::YFinance,
            ticker.as_deref(),
        );
    }
    if has("id") && has("date") && has("body") {
        return documents::parse(ctx, bytes, &lower);
    }
    let is_date_name = |n: &str| {
        matches!(
            n,
            "date" | "datetime" | "timestamp" | "time" | "observation_date" | ""
        )
    };
    if !is_date_name(&lower[0])
        && (has("symbol") || has("ticker"))
        && (has("gics sector") || has("sector") || has("category"))
    {
        return members::parse(ctx, bytes, &lower);
    }
    if !is_date_name(&lower[0]) {
        return Err(ctx.err(
            1,
            1,
            InputProblem::UnknownFormat,
            format!(
                "unrecognised header {}: the first column should be the date",
                limits::excerpt_str(&names.join(","))
            ),
            "supported layouts: Date,Open,High,Low,Close[,Adj Close][,Volume]; Date,Close; \
             yfinance 3-row headers; wide tables (date + one column per instrument); \
             Ken French monthly CSV; Shiller data.csv; constituents lists; FOMC statements",
        ));
    }
    let norm: Vec<String> = lower.iter().map(|n| ohlcv::normalize(n)).collect();
    if norm.iter().skip(1).any(|n| n == "close" || n == "adjclose") {
        let format = if norm
            .iter()
            .any(|n| matches!(n.as_str(), "open" | "high" | "low"))
        {
            Format::Ohlcv
        } else {
            Format::CloseOnly
        };
        return ohlcv::parse(ctx, bytes, &names, 1, format, None);
    }
    let second_date = if has_second {
        second.get(0).map(|c| c.trim_ascii()).unwrap_or(b"")
    } else {
        b""
    };
    if second_date.len() == 6 && second_date.iter().all(u8::is_ascii_digit) {
        return wide::parse(ctx, bytes, &names, Format::French);
    }
    if has("sp500") && has("pe10") {
        return wide::parse(ctx, bytes, &names, Format::Shiller);
    }
    wide::parse(ctx, bytes, &names, Format::Wide)
}

/// Reads and parses one regular file from disk, within the default
/// [`ReadLimits`].
///
/// # Errors
/// [`StoreError::Io`] if it cannot be read, [`StoreError::Input`] if it is
/// not a regular file or is too large, else as [`parse_bytes`].
pub fn parse_file(
    path: &Path,
    rel_path: &str,
    registry: &Registry,
) -> Result<ParsedFile, StoreError> {
    let limits = ReadLimits::default();
    let bytes = crate::import::read_bounded(path, limits.max_file_bytes)?;
    let ctx = ReadContext {
        path,
        rel_path,
        registry,
        limits,
    };
    parse_bytes(&ctx, &bytes)
}

/// Parses a date cell: `YYYY-MM-DD` (optionally followed by a time),
/// `YYYY/MM/DD`, `YYYYMMDD`, or `YYYYMM` (dated on the first of the month).
pub fn parse_date(cell: &[u8]) -> Option<Date> {
    let s = cell.trim_ascii();
    let num = |b: &[u8]| -> Option<u32> {
        let mut v = 0u32;
        for &c in b {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        Some(v)
    };
    let ymd = |y: u32, m: u32, d: u32| Date::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    match s.len() {
        6 => ymd(num(&s[..4])?, num(&s[4..6])?, 1),
        8 => ymd(num(&s[..4])?, num(&s[4..6])?, num(&s[6..8])?),
        n if n >= 10 => {
            let sep = s[4];
            if !(sep == b'-' || sep == b'/') || s[7] != sep {
                return None;
            }
            if n > 10 && !(s[10] == b' ' || s[10] == b'T') {
                return None;
            }
            ymd(num(&s[..4])?, num(&s[5..7])?, num(&s[8..10])?)
        }
        _ => None,
    }
}

/// Parses a number cell. `Ok(None)` for an empty cell or a common missing
/// marker (`NaN`, `null`, `NA`, `N/A`, `.`, `-`); `Err(())` for other text.
pub(crate) fn parse_number(cell: &[u8]) -> Result<Option<f64>, ()> {
    let s = cell.trim_ascii();
    if s.is_empty() {
        return Ok(None);
    }
    let text = std::str::from_utf8(s).map_err(|_| ())?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(v) if v.is_nan() => Ok(None),
        Ok(_) => Err(()),
        Err(_) => {
            let lower = text.to_ascii_lowercase();
            if matches!(lower.as_str(), "null" | "na" | "n/a" | "." | "-" | "none") {
                Ok(None)
            } else {
                Err(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_supported_layout() {
        let d = |y, m, dd| Date::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date(b"2024-08-02"), d(2024, 8, 2));
        assert_eq!(parse_date(b" 2024/08/02 "), d(2024, 8, 2));
        assert_eq!(parse_date(b"2024-08-02 00:00:00"), d(2024, 8, 2));
        assert_eq!(parse_date(b"20240802"), d(2024, 8, 2));
        assert_eq!(parse_date(b"192607"), d(1926, 7, 1));
        assert_eq!(parse_date(b"2023-02-30"), None);
        assert_eq!(parse_date(b"2023-13-01"), None);
        assert_eq!(parse_date(b"2021"), None);
        assert_eq!(parse_date(b"Copyright 2024"), None);
        assert_eq!(parse_date(b"2024-08-0x"), None);
    }

    #[test]
    fn numbers_and_missing_markers() {
        assert_eq!(parse_number(b" 1.5 "), Ok(Some(1.5)));
        assert_eq!(parse_number(b"-99.99"), Ok(Some(-99.99)));
        assert_eq!(parse_number(b""), Ok(None));
        assert_eq!(parse_number(b"NaN"), Ok(None));
        assert_eq!(parse_number(b"null"), Ok(None));
        assert_eq!(parse_number(b"."), Ok(None));
        assert_eq!(parse_number(b"abc"), Err(()));
        assert_eq!(parse_number(b"inf"), Err(()));
    }
}
