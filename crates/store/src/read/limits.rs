//! Bounds on what one file may hold, checked before the CSV parser sees
//! the bytes, and short excerpts for error messages.
//!
//! The CSV parser copies every record into memory, and error messages used
//! to quote whole cells: a 1 GiB file holding one quoted cell cost 4 GB of
//! memory and printed a 1 GiB message. [`scan`] walks the bytes once with
//! the CSV quoting rules (a quote opens a quoted field only at the start of
//! a field, `""` inside one is a literal quote, `\n`, `\r` and `\r\n` end
//! records outside quotes) and stops at the first record or cell above the
//! limit, naming its line and column. Messages quote cells through
//! [`excerpt`], never whole.

use super::ReadContext;
use crate::error::InputProblem;
use crate::StoreError;

/// Default largest file read (256 MiB); larger files are rejected before
/// any byte is read. The shared market data's largest file is 2.5 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;
/// Default longest CSV record (1 MiB), quoted line breaks included.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 1 << 20;
/// Default longest cell (256 KiB); FOMC statement bodies are below 40 KB.
pub const DEFAULT_MAX_CELL_BYTES: usize = 256 << 10;
/// Earliest year of a dated row in a price, rate or factor table: no
/// exchange or statistical series starts before 1800 (Shiller's begins
/// in 1871, the S&P 500's in 1927).
pub const EARLIEST_YEAR: i32 = 1800;
/// Earliest year of a dated document (FOMC statements begin in 1994).
pub const EARLIEST_DOCUMENT_YEAR: i32 = 1900;
/// Latest year of any dated row. The store reads no clock, so the bound
/// is fixed: years such as 9999 are typing or export errors.
pub const LATEST_YEAR: i32 = 2199;
/// Largest absolute value of a rate, ratio, return or fundamental (1e12).
pub const MAX_ABS_VALUE: f64 = 1e12;
/// Largest volume (1e15; the largest in the shared data is 1.8e11).
pub const MAX_VOLUME: f64 = 1e15;

/// Whether `date` lies in `EARLIEST_YEAR ..= LATEST_YEAR` (or from
/// `earliest` for other kinds).
pub(crate) fn year_in_range(date: model::Date, earliest: i32) -> bool {
    use chrono::Datelike;
    (earliest..=LATEST_YEAR).contains(&date.year())
}

/// Characters of a cell quoted in an error message.
pub const EXCERPT_CHARS: usize = 40;

/// What one file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file, in bytes.
    pub max_file_bytes: u64,
    /// Longest record (one CSV row, quoted line breaks included), in bytes.
    pub max_record_bytes: usize,
    /// Longest cell, in bytes.
    pub max_cell_bytes: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            max_cell_bytes: DEFAULT_MAX_CELL_BYTES,
        }
    }
}

/// At most [`EXCERPT_CHARS`] characters of `bytes` (lossy UTF-8, trimmed,
/// control characters shown as `?`), with the full length when cut:
/// `` `aaaa…` (1048576 bytes) ``. For quoting cells and header names.
pub fn excerpt(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(EXCERPT_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim();
    let mut out: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let cut = text.chars().count() > EXCERPT_CHARS || head.len() < bytes.len();
    if cut {
        out.push('…');
        return format!("`{out}` ({} bytes)", bytes.len());
    }
    format!("`{out}`")
}

/// [`excerpt`] of a `&str`.
pub fn excerpt_str(text: &str) -> String {
    excerpt(text.as_bytes())
}

/// Checks every record and cell of `bytes` against `ctx.limits`.
///
/// # Errors
/// [`StoreError::Input`] with [`InputProblem::RecordTooLong`] or
/// [`InputProblem::CellTooLong`], at the line and column where the record
/// or cell starts.
pub(crate) fn scan(ctx: &ReadContext<'_>, bytes: &[u8]) -> Result<(), StoreError> {
    let limits = ctx.limits;
    // Fast path: without quotes a record is a line and a cell lies within
    // its line, so only lines longer than the cell limit need a closer look.
    if memchr::memchr(b'"', bytes).is_none() {
        let longest = limits.max_cell_bytes.min(limits.max_record_bytes);
        let (mut line, mut start) = (1u64, 0usize);
        let ends = memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(bytes.len()));
        let mut prev_cr = false;
        for end in ends {
            if end - start > longest {
                scan_quoted(ctx, &bytes[start..end], line)?;
            }
            // `\r\n` ends one line; a lone `\r` or `\n` ends one too.
            match bytes.get(end) {
                Some(b'\n') if prev_cr && end == start => {}
                Some(_) => line += 1,
                None => {}
            }
            prev_cr = bytes.get(end) == Some(&b'\r');
            start = end + 1;
        }
        return Ok(());
    }
    scan_quoted(ctx, bytes, 1)
}

/// The full scan with quoting, starting at line `first_line`.
fn scan_quoted(ctx: &ReadContext<'_>, bytes: &[u8], first_line: u64) -> Result<(), StoreError> {
    let limits = ctx.limits;
    let mut line = first_line;
    let (mut record_start, mut record_line) = (0usize, first_line);
    let (mut cell_start, mut cell_line, mut column) = (0usize, first_line, 1u64);
    let mut in_quotes = false;
    let mut field_start = true;
    let mut i = 0usize;
    let too_long = |problem: InputProblem, what: &str, at_line: u64, col: u64, from: usize| {
        let shown = &bytes[from..bytes.len().min(from + EXCERPT_CHARS * 4)];
        let (limit, help) = match problem {
            InputProblem::CellTooLong => (
                limits.max_cell_bytes,
                "this is not a market-data cell (an unterminated quote?); fix the file, or raise \
                 the limit with --max-cell-bytes if the cell is real",
            ),
            _ => (
                limits.max_record_bytes,
                "this is not a market-data row (an unterminated quote or missing line breaks?); \
                 fix the file, or raise the limit with --max-record-bytes if the row is real",
            ),
        };
        ctx.err(
            at_line,
            col,
            problem,
            format!(
                "{what} starting here is longer than the limit of {limit} bytes; it begins {}",
                excerpt(shown)
            ),
            help,
        )
    };
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => in_quotes = false,
                b'\n' => line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
                _ => {}
            }
        } else {
            match b {
                b'"' if field_start => in_quotes = true,
                b',' => {
                    cell_start = i + 1;
                    cell_line = line;
                    column += 1;
                    field_start = true;
                    i += 1;
                    continue;
                }
                b'\n' | b'\r' => {
                    if b == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                        line += 1;
                    }
                    record_start = i + 1;
                    record_line = line;
                    cell_start = i + 1;
                    cell_line = line;
                    column = 1;
                    field_start = true;
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        field_start = false;
        i += 1;
        if i - cell_start > limits.max_cell_bytes {
            return Err(too_long(
                InputProblem::CellTooLong,
                "the cell",
                cell_line,
                column,
                cell_start,
            ));
        }
        if i - record_start > limits.max_record_bytes {
            return Err(too_long(
                InputProblem::RecordTooLong,
                "the row",
                record_line,
                1,
                record_start,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_say_the_length() {
        assert_eq!(excerpt(b" abc "), "`abc`");
        let long = vec![b'x'; 1000];
        let e = excerpt(&long);
        assert!(
            e.starts_with("`xxxx") && e.ends_with("…` (1000 bytes)"),
            "{e}"
        );
        assert!(e.chars().count() < 70, "{e}");
        assert_eq!(excerpt(b"a\x07b"), "`a?b`");
        // Cut inside a multi-byte character: still valid text.
        let e = excerpt("é".repeat(500).as_bytes());
        assert!(e.contains("(1000 bytes)"), "{e}");
    }
}
