//! The shared row loop: reads dated rows into per-column series, checking
//! field counts, dates, numbers and duplicates, with line and column.

use super::limits::{self, excerpt};
use super::{parse_date, parse_number, ParsedSeries, ReadContext};
use crate::error::InputProblem;
use crate::StoreError;
use model::{Date, Field};

/// How a column's cells are validated and which values mean "missing".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellRule {
    /// A price: must be > 0.
    Price,
    /// A volume: must be >= 0.
    Volume,
    /// Any finite value (rates, returns, ratios).
    Any,
    /// Shiller: 0 means "not yet published" (no observation); else > 0 not required.
    ZeroMissing,
    /// Ken French: -99.99 and -999 mean missing.
    FrenchMissing,
}

/// One column to read.
#[derive(Debug, Clone)]
pub(crate) struct ColumnPlan {
    /// 0-based field index in the record.
    pub(crate) index: usize,
    /// Canonical instrument symbol.
    pub(crate) symbol: String,
    /// Field.
    pub(crate) field: Field,
    /// Validation.
    pub(crate) rule: CellRule,
    /// Header name as an excerpt in backticks, for messages.
    pub(crate) name: String,
}

/// How to read the rows of a dated table.
#[derive(Debug, Clone)]
pub(crate) struct TablePlan {
    /// Records to skip before the data (header rows).
    pub(crate) skip_records: usize,
    /// Number of fields every data row must have.
    pub(crate) n_fields: usize,
    /// Columns to keep.
    pub(crate) columns: Vec<ColumnPlan>,
    /// Stop at the first blank row and note what follows (Ken French files).
    pub(crate) stop_at_blank: bool,
}

/// Result of [`read_table`].
pub(crate) struct TableData {
    pub(crate) series: Vec<ParsedSeries>,
    pub(crate) data_rows: usize,
    pub(crate) notes: Vec<String>,
}

pub(crate) fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
}

/// Reads the next record; `Ok(false)` at end of file.
pub(crate) fn read_record(
    ctx: &ReadContext<'_>,
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
) -> Result<bool, StoreError> {
    reader.read_byte_record(record).map_err(|e| {
        let line = e.position().map_or(0, csv::Position::line);
        ctx.err(
            line,
            0,
            InputProblem::Syntax,
            format!("broken CSV: {e}"),
            "check for an unterminated quote or a cut-off file; re-export the file",
        )
    })
}

pub(crate) fn line_of(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

fn implausible(
    ctx: &ReadContext<'_>,
    line: u64,
    col: &ColumnPlan,
    value: f64,
    max: f64,
) -> StoreError {
    ctx.err(
        line,
        col.index as u64 + 1,
        InputProblem::Implausible,
        format!(
            "{value:e} in column {} is beyond the largest magnitude a series of this kind \
             can hold ({max:e})",
            col.name
        ),
        "fix the value (a unit or export error?) or leave the cell empty if unknown",
    )
}

/// Reads every data row of `bytes` according to `plan`.
pub(crate) fn read_table(
    ctx: &ReadContext<'_>,
    bytes: &[u8],
    plan: &TablePlan,
) -> Result<TableData, StoreError> {
    let mut reader = csv_reader(bytes);
    let mut record = csv::ByteRecord::new();
    for _ in 0..plan.skip_records {
        read_record(ctx, &mut reader, &mut record)?;
    }
    let n_cols = plan.columns.len();
    let mut dates: Vec<Date> = Vec::with_capacity(bytes.len() / 40);
    let mut lines: Vec<u32> = Vec::with_capacity(bytes.len() / 40);
    // Per column: (row index, value); rows index into `dates`/`lines`.
    let mut cells: Vec<Vec<(u32, f64)>> =
        vec![Vec::with_capacity(bytes.len() / 40 / n_cols.max(1)); n_cols];
    let mut notes = Vec::new();
    let mut data_rows = 0usize;
    while read_record(ctx, &mut reader, &mut record)? {
        let line = line_of(&record);
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            if plan.stop_at_blank {
                let mut rest = 0usize;
                let mut first_text: Option<String> = None;
                while read_record(ctx, &mut reader, &mut record)? {
                    if record.iter().any(|c| !c.trim_ascii().is_empty()) {
                        rest += 1;
                        if first_text.is_none() {
                            let joined: Vec<&[u8]> = record.iter().take(3).collect();
                            first_text = Some(excerpt(&joined.join(&b',')));
                        }
                    }
                }
                if rest > 0 {
                    notes.push(format!(
                        "imported only the first table (lines 2..{}); skipped {rest} non-blank \
                         lines after the blank line {line}, starting with {} (a later \
                         section such as annual factors or a second table)",
                        line.saturating_sub(1),
                        first_text.unwrap_or_default()
                    ));
                }
                break;
            }
            continue;
        }
        if record.len() != plan.n_fields {
            return Err(ctx.err(
                line,
                u64::try_from(record.len().min(plan.n_fields)).unwrap_or(0) + 1,
                InputProblem::FieldCount,
                format!(
                    "this row has {} fields but the header has {}",
                    record.len(),
                    plan.n_fields
                ),
                if record.len() < plan.n_fields {
                    "the line looks cut off (a truncated file?); complete or delete the line"
                } else {
                    "remove the extra fields or quote cells that contain commas"
                },
            ));
        }
        let date_cell = record.get(0).unwrap_or(b"");
        let Some(date) = parse_date(date_cell) else {
            return Err(ctx.err(
                line,
                1,
                InputProblem::BadDate,
                format!("{} is not a valid date", excerpt(date_cell)),
                "dates must be real calendar dates written YYYY-MM-DD, YYYYMMDD or YYYYMM; fix or delete the row",
            ));
        };
        if !limits::year_in_range(date, limits::EARLIEST_YEAR) {
            return Err(ctx.err(
                line,
                1,
                InputProblem::DateOutOfRange,
                format!(
                    "{date} is outside the years {}..={} that a market series can cover",
                    limits::EARLIEST_YEAR,
                    limits::LATEST_YEAR
                ),
                "fix the year (a typing or export error?) or delete the row",
            ));
        }
        let row = u32::try_from(dates.len()).unwrap_or(u32::MAX);
        dates.push(date);
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        data_rows += 1;
        for (ci, col) in plan.columns.iter().enumerate() {
            let cell = record.get(col.index).unwrap_or(b"");
            let value = match parse_number(cell) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(()) => return Err(ctx.err(
                    line,
                    col.index as u64 + 1,
                    InputProblem::NotANumber,
                    format!("{} in column {} is not a number", excerpt(cell), col.name),
                    "write a plain decimal number, or leave the cell empty if there is no value",
                )),
            };
            let keep =
                match col.rule {
                    CellRule::Price if value <= 0.0 => {
                        return Err(ctx.err(
                            line,
                            col.index as u64 + 1,
                            InputProblem::NonPositive,
                            format!("price {value} in column {} is not positive", col.name),
                            "prices must be > 0; fix the value or leave the cell empty if unknown",
                        ))
                    }
                    CellRule::Volume if value < 0.0 => return Err(ctx.err(
                        line,
                        col.index as u64 + 1,
                        InputProblem::NonPositive,
                        format!("volume {value} in column {} is negative", col.name),
                        "volumes must be >= 0; fix the value or leave the cell empty if unknown",
                    )),
                    CellRule::Volume if value > limits::MAX_VOLUME => {
                        return Err(implausible(ctx, line, col, value, limits::MAX_VOLUME))
                    }
                    CellRule::Any | CellRule::ZeroMissing | CellRule::FrenchMissing
                        if value.abs() > limits::MAX_ABS_VALUE =>
                    {
                        return Err(implausible(ctx, line, col, value, limits::MAX_ABS_VALUE))
                    }
                    CellRule::ZeroMissing => value != 0.0,
                    CellRule::FrenchMissing => value != -99.99 && value != -999.0,
                    _ => true,
                };
            if keep {
                cells[ci].push((row, value));
            }
        }
    }
    let sorted = dates.windows(2).all(|w| w[0] <= w[1]);
    let mut series = Vec::with_capacity(n_cols);
    let mut identical_dups = 0usize;
    for (ci, col) in plan.columns.iter().enumerate() {
        let mut col_cells = std::mem::take(&mut cells[ci]);
        if col_cells.is_empty() {
            continue;
        }
        if !sorted {
            col_cells.sort_by_key(|&(row, _)| (dates[row as usize], row));
        }
        let mut out_dates = Vec::with_capacity(col_cells.len());
        let mut out_values = Vec::with_capacity(col_cells.len());
        let mut prev: Option<(u32, f64)> = None;
        for (row, value) in col_cells {
            let date = dates[row as usize];
            if let Some((prow, pvalue)) = prev {
                if dates[prow as usize] == date {
                    if pvalue == value {
                        identical_dups += 1;
                        continue;
                    }
                    // Cells are sorted by (date, row), so `prow` came first.
                    return Err(ctx.err(
                        u64::from(lines[row as usize]),
                        col.index as u64 + 1,
                        InputProblem::DuplicateDate,
                        format!(
                            "date {date} appears twice with different {} values \
                             ({pvalue} on line {}, {value} here)",
                            col.name, lines[prow as usize],
                        ),
                        "keep one row per date: delete the wrong one",
                    ));
                }
            }
            prev = Some((row, value));
            out_dates.push(date);
            out_values.push(value);
        }
        series.push(ParsedSeries {
            symbol: col.symbol.clone(),
            field: col.field,
            dates: out_dates,
            values: out_values,
        });
    }
    if identical_dups > 0 {
        notes.push(format!(
            "dropped {identical_dups} repeated cells (same date, same value)"
        ));
    }
    Ok(TableData {
        series,
        data_rows,
        notes,
    })
}
