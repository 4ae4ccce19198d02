//! A copy of a market-data folder as it stood at a cut date: the outside-in
//! test of "a Fact as of D reads nothing not known by D".
//!
//! [`truncate_dir`] copies every file of a folder, keeping of each CSV only
//! what was known by the cut date D, in the file's own format: the header
//! lines (one row, or yfinance's three), every kept data record byte for
//! byte (line endings, quoting and multi-line quoted FOMC statements
//! included), and the lines that are not data (Ken French's blank
//! separators, section titles, annual tables' headers and copyright line).
//! A file none of whose records survives is left out, as a person at D would
//! not have had it; files without dated records (constituents lists,
//! README, SOURCE.txt) are copied unchanged.
//!
//! Two rules of knowing, [`Knowledge`]:
//! - [`Knowledge::Dated`]: a record is kept when its date (the first day of
//!   its period for `YYYYMM` and `YYYY` rows) is on or before D.
//! - [`Knowledge::Published`]: a cell is kept when its period has ended and
//!   it has been published by D: `period end + release lag ≤ D`. The period
//!   of a `YYYYMM` row is its month, of a `YYYY` row (French annual
//!   factors) its year, of a dated row its day, unless the column is
//!   monthly (every non-empty date on the 1st, at least 28 days apart, as
//!   FRED's FEDFUNDS or Shiller's columns), then its month. The lag is the
//!   registry's (`Instrument::release_lag_days`) for the instrument the
//!   column (wide tables) or the file (single-instrument files) holds;
//!   FOMC minutes, dated on their meeting, are released
//!   [`MINUTES_LAG_DAYS`] days later. A record with some cells not yet
//!   published keeps its published cells; the others are written as the
//!   format's own "missing" (`-99.99` in French files, `0.0` in Shiller's,
//!   empty elsewhere).
//!
//! This module decides what is known with its own reading of the files and
//! the registry's lags, not with the fact engine's cut, so that a test
//! comparing Facts from the full folder and from the truncated copy checks
//! the engine from outside.

use crate::StoreError;
use model::{Date, Registry};
use std::path::{Path, PathBuf};

/// Days between an FOMC meeting and the release of its minutes.
pub const MINUTES_LAG_DAYS: u64 = 21;

/// What counts as known by the cut date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knowledge {
    /// Dated on or before the cut date.
    Dated,
    /// Period over and published by the cut date (release lags).
    Published,
}

/// What [`truncate_dir`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TruncateReport {
    /// Files written (CSV or not).
    pub files_written: usize,
    /// CSV files left out because none of their dated records was known.
    pub files_left_out: Vec<String>,
    /// Data records kept.
    pub records_kept: usize,
    /// Data records dropped.
    pub records_dropped: usize,
    /// Cells written as missing in kept records (not yet published).
    pub cells_withheld: usize,
}

/// How a CSV file writes a missing cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Missing {
    Empty,
    French,
    Shiller,
}

impl Missing {
    fn bytes(self) -> &'static [u8] {
        match self {
            Missing::Empty => b"",
            Missing::French => b"-99.99",
            Missing::Shiller => b"0.0",
        }
    }
}

/// The period a record's date cell covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Day(Date),
    Month(Date),
    Year(i32),
}

impl Period {
    fn start(self) -> Option<Date> {
        match self {
            Period::Day(d) | Period::Month(d) => Some(d),
            Period::Year(y) => Date::from_ymd_opt(y, 1, 1),
        }
    }
    fn end(self, monthly: bool) -> Option<Date> {
        use chrono::Datelike;
        let month_end = |d: Date| {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            Date::from_ymd_opt(y, m, 1).and_then(|n| n.pred_opt())
        };
        match self {
            Period::Day(d) if monthly => month_end(d),
            Period::Day(d) => Some(d),
            Period::Month(d) => month_end(d),
            Period::Year(y) => Date::from_ymd_opt(y, 12, 31),
        }
    }
}

/// Reads a date cell: `YYYY-MM-DD` (a time may follow), `YYYYMMDD` (a day),
/// `YYYYMM` (a month), `YYYY` (a year).
fn period_of(cell: &[u8]) -> Option<Period> {
    let s = std::str::from_utf8(cell).ok()?.trim();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 if digits(s) => Some(Period::Year(s.parse().ok()?)),
        6 if digits(s) => {
            let (y, m) = (s[..4].parse().ok()?, s[4..].parse().ok()?);
            Some(Period::Month(Date::from_ymd_opt(y, m, 1)?))
        }
        8 if digits(s) => Some(Period::Day(Date::parse_from_str(s, "%Y%m%d").ok()?)),
        n if n >= 10 => Some(Period::Day(model::parse_iso_date(s.get(..10)?)?)),
        _ => None,
    }
}

/// One CSV record: its raw bytes (terminator included) and its fields.
struct Record<'b> {
    raw: &'b [u8],
    fields: csv::ByteRecord,
}

/// Splits `bytes` into CSV records, each with its line ending: a record
/// ends at a line feed outside quotes (a quoted field may hold line breaks,
/// as the FOMC statements do). Blank lines are records with no field.
fn records(bytes: &[u8]) -> Result<Vec<Record<'_>>, csv::Error> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0usize, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                out.push(parse_record(&bytes[start..=i])?);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        out.push(parse_record(&bytes[start..])?);
    }
    Ok(out)
}

/// One raw record's fields (none for a blank line).
fn parse_record(raw: &[u8]) -> Result<Record<'_>, csv::Error> {
    let mut fields = csv::ByteRecord::new();
    let body = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Record { raw, fields });
    }
    if !body.contains(&b'"') {
        let end = body
            .iter()
            .position(|b| *b == b'\r' || *b == b'\n')
            .unwrap_or(body.len());
        for field in body[..end].split(|b| *b == b',') {
            fields.push_field(field);
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body);
        reader.read_byte_record(&mut fields)?;
    }
    Ok(Record { raw, fields })
}

fn lower_cell(rec: &csv::ByteRecord, i: usize) -> String {
    rec.get(i)
        .map(|c| String::from_utf8_lossy(c).trim().to_lowercase())
        .unwrap_or_default()
}

/// The file name without extension.
fn stem(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// Truncates one CSV file's bytes at `cut`. `None` when the file had dated
/// records and none is known by `cut` (leave the file out).
///
/// # Errors
/// A [`csv::Error`] when the CSV syntax is broken.
pub fn truncate_csv(
    rel_path: &str,
    bytes: &[u8],
    cut: Date,
    knowledge: Knowledge,
    registry: &Registry,
) -> Result<(Option<Vec<u8>>, TruncateReport), csv::Error> {
    let recs = records(bytes)?;
    let mut report = TruncateReport::default();
    let Some(header) = recs.first() else {
        return Ok((Some(bytes.to_vec()), report));
    };
    let names: Vec<String> = (0..header.fields.len())
        .map(|i| lower_cell(&header.fields, i))
        .collect();
    let date_col = names.iter().position(|n| n == "date").unwrap_or(0);
    let kind_col = names.iter().position(|n| n == "kind");
    let periods: Vec<Option<Period>> = recs
        .iter()
        .map(|r| r.fields.get(date_col).and_then(period_of))
        .collect();
    if periods.iter().all(Option::is_none) {
        // No dated record: a constituents list or a text table.
        return Ok((Some(bytes.to_vec()), report));
    }
    let missing = if periods
        .iter()
        .flatten()
        .any(|p| matches!(p, Period::Month(_)))
    {
        Missing::French
    } else if names.iter().any(|n| n == "sp500") && names.iter().any(|n| n == "pe10") {
        Missing::Shiller
    } else {
        Missing::Empty
    };
    // Per column: the release lag and whether its dated rows are monthly.
    let n_cols = names.len();
    let file_stem = stem(rel_path);
    let file_lag = registry
        .by_file_stem(file_stem)
        .map_or(0, |i| i.release_lag_days());
    let header_names: Vec<String> = (0..n_cols)
        .map(|i| {
            header
                .fields
                .get(i)
                .map(|c| String::from_utf8_lossy(c).trim().to_string())
                .unwrap_or_default()
        })
        .collect();
    let lags: Vec<u64> = header_names
        .iter()
        .map(|name| {
            let base = name.strip_suffix("_volume").unwrap_or(name);
            let lag = registry
                .by_column(file_stem, base)
                .map_or(file_lag, |i| i.release_lag_days());
            u64::from(lag)
        })
        .collect();
    let monthly: Vec<bool> = (0..n_cols)
        .map(|c| {
            let dates: Vec<Date> = recs
                .iter()
                .zip(&periods)
                .filter(|(r, _)| r.fields.get(c).is_some_and(|v| !v.trim_ascii().is_empty()))
                .filter_map(|(_, p)| match p {
                    Some(Period::Day(d)) => Some(*d),
                    _ => None,
                })
                .collect();
            use chrono::Datelike;
            dates.len() >= 2
                && dates.iter().all(|d| d.day() == 1)
                && dates.windows(2).all(|w| (w[1] - w[0]).num_days() >= 28)
        })
        .collect();
    let known = |p: Period, col: usize, extra_lag: u64| -> bool {
        match knowledge {
            Knowledge::Dated => p.start().is_some_and(|s| s <= cut),
            Knowledge::Published => p
                .end(monthly.get(col).copied().unwrap_or(false))
                .and_then(|e| {
                    e.checked_add_days(chrono::Days::new(
                        lags.get(col).copied().unwrap_or(0) + extra_lag,
                    ))
                })
                .is_some_and(|k| k <= cut),
        }
    };

    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut kept_any = false;
    for (rec, period) in recs.iter().zip(&periods) {
        let Some(p) = *period else {
            // Header lines and the lines that are not data stay.
            out.extend_from_slice(rec.raw);
            continue;
        };
        let extra = match kind_col {
            Some(c) if lower_cell(&rec.fields, c) == "minutes" => MINUTES_LAG_DAYS,
            _ => 0,
        };
        let data_cols: Vec<usize> = (0..rec.fields.len())
            .filter(|c| *c != date_col && Some(*c) != kind_col)
            .filter(|c| {
                rec.fields
                    .get(*c)
                    .is_some_and(|v| !v.trim_ascii().is_empty())
            })
            .collect();
        if knowledge == Knowledge::Dated || kind_col.is_some() {
            // One rule for the whole record (documents: by their kind).
            if known(p, date_col, extra) {
                out.extend_from_slice(rec.raw);
                report.records_kept += 1;
                kept_any = true;
            } else {
                report.records_dropped += 1;
            }
            continue;
        }
        let unknown: Vec<usize> = data_cols
            .iter()
            .copied()
            .filter(|c| !known(p, *c, extra))
            .collect();
        if unknown.len() == data_cols.len() {
            report.records_dropped += 1;
            continue;
        }
        kept_any = true;
        report.records_kept += 1;
        if unknown.is_empty() || rec.raw.contains(&b'"') {
            out.extend_from_slice(rec.raw);
            continue;
        }
        // Rewrite the record with the unpublished cells missing, keeping
        // every other field's bytes and the line ending.
        let body_len = rec
            .raw
            .iter()
            .position(|b| *b == b'\r' || *b == b'\n')
            .unwrap_or(rec.raw.len());
        let (body, ending) = rec.raw.split_at(body_len);
        for (c, field) in body.split(|b| *b == b',').enumerate() {
            if c > 0 {
                out.push(b',');
            }
            if unknown.contains(&c) {
                out.extend_from_slice(missing.bytes());
                report.cells_withheld += 1;
            } else {
                out.extend_from_slice(field);
            }
        }
        out.extend_from_slice(ending);
    }
    Ok((kept_any.then_some(out), report))
}

/// Writes into `dst` a copy of the folder `src` truncated at `cut` (see
/// the module docs). `dst` is created if needed; existing files in it are
/// overwritten.
///
/// # Errors
/// [`StoreError::Io`] when a file cannot be read or written,
/// [`StoreError::Input`] when a CSV file's syntax is broken.
pub fn truncate_dir(
    src: &Path,
    dst: &Path,
    cut: Date,
    knowledge: Knowledge,
    registry: &Registry,
) -> Result<TruncateReport, StoreError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let mut report = TruncateReport::default();
    let mut stack: Vec<PathBuf> = vec![src.to_path_buf()];
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let path = entry.path();
            if entry.file_type().map_err(io(&path))?.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let rel = path.strip_prefix(src).unwrap_or(&path);
        let rel_path = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect::<Vec<_>>()
            .join("/");
        // Regular files only, at most the import's file limit (a FIFO or a
        // symlink to a device is an error naming it, as in an import).
        let bytes = crate::import::read_bounded(&path, crate::DEFAULT_MAX_FILE_BYTES)?;
        let out = if rel_path.to_lowercase().ends_with(".csv") {
            let (out, r) =
                truncate_csv(&rel_path, &bytes, cut, knowledge, registry).map_err(|e| {
                    crate::error::input_error(
                        &path,
                        e.position().map_or(0, |p| p.line()),
                        0,
                        crate::InputProblem::Syntax,
                        format!("cannot truncate: {e}"),
                        "fix the CSV syntax (an unterminated quote?)",
                    )
                })?;
            report.records_kept += r.records_kept;
            report.records_dropped += r.records_dropped;
            report.cells_withheld += r.cells_withheld;
            match out {
                Some(out) => out,
                None => {
                    report.files_left_out.push(rel_path);
                    continue;
                }
            }
        } else {
            bytes
        };
        let target = dst.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&target, out).map_err(io(&target))?;
        report.files_written += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("date")
    }

    fn cut(rel: &str, text: &str, at: &str, k: Knowledge) -> Option<String> {
        let reg = Registry::builtin().expect("registry");
        let (out, _) = truncate_csv(rel, text.as_bytes(), d(at), k, &reg).expect("csv");
        out.map(|b| String::from_utf8(b).expect("utf8"))
    }

    #[test]
    fn ohlcv_keeps_the_header_and_rows_up_to_the_cut_byte_for_byte() {
        let text = "DATE,OPEN,HIGH,LOW,CLOSE\r\n2020-03-13,1,2,1,2\r\n2020-03-16,2,3,2,3\r\n2020-03-17,3,4,3,4\r\n";
        assert_eq!(
            cut("x/VIX.csv", text, "2020-03-16", Knowledge::Published).as_deref(),
            Some("DATE,OPEN,HIGH,LOW,CLOSE\r\n2020-03-13,1,2,1,2\r\n2020-03-16,2,3,2,3\r\n")
        );
        assert_eq!(cut("x/VIX.csv", text, "2020-03-12", Knowledge::Dated), None);
    }

    #[test]
    fn the_yfinance_header_stays_whole() {
        let text =
            "Price,Adj Close,Close\nTicker,^NDX,^NDX\nDate,,\n1985-10-01,1,1\n1985-10-02,2,2\n";
        assert_eq!(
            cut("h/^NDX.csv", text, "1985-10-01", Knowledge::Dated).as_deref(),
            Some("Price,Adj Close,Close\nTicker,^NDX,^NDX\nDate,,\n1985-10-01,1,1\n")
        );
    }

    #[test]
    fn french_files_keep_their_sections_and_cut_annual_rows_by_year() {
        let text = "date,Mom   \n201911,1\n201912,2\n202001,3\n,\nAnnual Factors:,\nJanuary-December ,\n,Mom   \n2018,5\n2019,6\n,\nCopyright 2024 Kenneth R. French,\n";
        // Dated: rows dated (first day of their period) on or before the cut.
        assert_eq!(
            cut(
                "t/F-F_Momentum_Factor.CSV",
                text,
                "2020-01-15",
                Knowledge::Dated
            )
            .as_deref(),
            Some(text)
        );
        // Published: a month once it ended plus 30 days; a year likewise.
        assert_eq!(
            cut("t/F-F_Momentum_Factor.CSV", text, "2020-01-15", Knowledge::Published).as_deref(),
            Some("date,Mom   \n201911,1\n,\nAnnual Factors:,\nJanuary-December ,\n,Mom   \n2018,5\n,\nCopyright 2024 Kenneth R. French,\n")
        );
    }

    #[test]
    fn fred_wide_cells_are_withheld_until_published() {
        // FEDFUNDS is monthly (published a day after the month), DFF daily
        // (published the next day), DGS10 daily (known at the close).
        let text = "date,FEDFUNDS,DFF,DGS10\n2020-02-01,1.58,1.59,\n2020-03-01,0.65,1.58,\n2020-03-13,,1.10,0.94\n2020-03-16,,0.25,0.73\n2020-04-01,0.05,0.09,0.62\n";
        assert_eq!(
            cut("h/rates.csv", text, "2020-03-16", Knowledge::Published).as_deref(),
            Some("date,FEDFUNDS,DFF,DGS10\n2020-02-01,1.58,1.59,\n2020-03-01,,1.58,\n2020-03-13,,1.10,0.94\n2020-03-16,,,0.73\n")
        );
        assert_eq!(
            cut("h/rates.csv", text, "2020-03-16", Knowledge::Dated).as_deref(),
            Some("date,FEDFUNDS,DFF,DGS10\n2020-02-01,1.58,1.59,\n2020-03-01,0.65,1.58,\n2020-03-13,,1.10,0.94\n2020-03-16,,0.25,0.73\n")
        );
    }

    #[test]
    fn shiller_writes_unpublished_cells_as_zeros() {
        let text = "Date,SP500,Dividend,Earnings,Consumer Price Index,Long Interest Rate,Real Price,Real Dividend,Real Earnings,PE10\n2019-10-01,2977.68,57.56,135.09,257.35,1.71,3542.12,68.47,160.7,28.84\n2020-02-01,3277.31,59.13,124.04,258.68,1.5,3878.47,69.98,146.8,30.73\n2020-03-01,2652.39,59.58,116.33,258.12,0.87,3145.77,70.66,137.97,24.82\n";
        let out = cut("d/data.csv", text, "2020-03-31", Knowledge::Published).expect("kept");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[1],
            "2019-10-01,2977.68,57.56,135.09,257.35,1.71,3542.12,68.47,160.7,28.84"
        );
        // February: CPI and the real price are out (15 days), earnings not (120).
        assert_eq!(
            lines[2],
            "2020-02-01,3277.31,0.0,0.0,258.68,1.5,3878.47,0.0,0.0,0.0"
        );
        // March: only the average price is known on 03-31 (lag 0).
        assert_eq!(
            lines[3],
            "2020-03-01,2652.39,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0"
        );
    }

    #[test]
    fn statements_keep_quoted_multiline_bodies_and_minutes_wait_three_weeks() {
        let text = "id,date,title,url,body,kind\na,20251210,T,u,\"Line one,\nline \"\"two\"\".\",statement\nm,20251210,M,u,\"Minutes\",minutes\nb,20260128,T,u,\"Later\",statement\n";
        assert_eq!(
            cut("h/statements.csv", text, "2025-12-10", Knowledge::Published).as_deref(),
            Some("id,date,title,url,body,kind\na,20251210,T,u,\"Line one,\nline \"\"two\"\".\",statement\n")
        );
        let later =
            cut("h/statements.csv", text, "2025-12-31", Knowledge::Published).expect("kept");
        assert!(later.contains("Minutes"), "{later}");
        assert!(!later.contains("Later"), "{later}");
    }

    #[test]
    fn undated_files_are_copied_unchanged() {
        let text = "Symbol,Security,GICS Sector,Date added\nMMM,3M,Industrials,1957-03-04\n";
        assert_eq!(
            cut(
                "s/constituents.csv",
                text,
                "1950-01-01",
                Knowledge::Published
            )
            .as_deref(),
            Some(text)
        );
    }
}
