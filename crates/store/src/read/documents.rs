//! Dated text documents such as FOMC statements
//! (`id,date,title,url,body,kind`, multi-line quoted bodies, `YYYYMMDD` dates).

use super::limits::excerpt;
use super::table::{csv_reader, line_of, read_record};
use super::{parse_date, Format, ParsedFile, ReadContext};
use crate::error::InputProblem;
use crate::StoreError;
use model::Date;
use serde::Serialize;

/// One document row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedDocument {
    /// Document id, e.g. `monetary20251210a`.
    pub id: String,
    /// Release date.
    pub date: Date,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Full text.
    pub body: String,
    /// Kind (`statement`, `minutes`...).
    pub kind: String,
}

pub(super) fn parse(
    ctx: &ReadContext<'_>,
    bytes: &[u8],
    lower: &[String],
) -> Result<ParsedFile, StoreError> {
    let find = |n: &str| lower.iter().position(|c| c == n);
    let (Some(id_col), Some(date_col), Some(body_col)) = (find("id"), find("date"), find("body"))
    else {
        return Err(ctx.err(
            1,
            0,
            InputProblem::UnknownFormat,
            "documents file without id, date and body columns",
            "name the columns id,date,title,url,body,kind",
        ));
    };
    let (title_col, url_col, kind_col) = (find("title"), find("url"), find("kind"));
    let mut reader = csv_reader(bytes);
    let mut record = csv::ByteRecord::new();
    read_record(ctx, &mut reader, &mut record)?;
    let mut documents = Vec::new();
    let cell = |r: &csv::ByteRecord, i: Option<usize>| {
        i.and_then(|i| r.get(i))
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .unwrap_or_default()
    };
    while read_record(ctx, &mut reader, &mut record)? {
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            continue;
        }
        let line = line_of(&record);
        if record.len() != lower.len() {
            return Err(ctx.err(
                line,
                record.len().min(lower.len()) as u64 + 1,
                InputProblem::FieldCount,
                format!(
                    "this record has {} fields but the header has {}",
                    record.len(),
                    lower.len()
                ),
                "the record looks cut off (an unterminated quote?); fix or delete it",
            ));
        }
        let date_cell = record.get(date_col).unwrap_or(b"");
        let Some(date) = parse_date(date_cell) else {
            return Err(ctx.err(
                line,
                date_col as u64 + 1,
                InputProblem::BadDate,
                format!("{} is not a valid date", excerpt(date_cell)),
                "write the date as YYYYMMDD or YYYY-MM-DD",
            ));
        };
        if !super::limits::year_in_range(date, super::limits::EARLIEST_DOCUMENT_YEAR) {
            return Err(ctx.err(
                line,
                date_col as u64 + 1,
                InputProblem::DateOutOfRange,
                format!(
                    "{date} is outside the years {}..={} of dated documents",
                    super::limits::EARLIEST_DOCUMENT_YEAR,
                    super::limits::LATEST_YEAR
                ),
                "fix the year or delete the record",
            ));
        }
        documents.push(ParsedDocument {
            id: cell(&record, Some(id_col)),
            date,
            title: cell(&record, title_col),
            url: cell(&record, url_col),
            body: cell(&record, Some(body_col)),
            kind: cell(&record, kind_col),
        });
    }
    documents.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    Ok(ParsedFile {
        rel_path: ctx.rel_path.to_string(),
        format: Format::Documents,
        series: Vec::new(),
        members: Vec::new(),
        data_rows: documents.len(),
        documents,
        notes: Vec::new(),
        learnt: Vec::new(),
    })
}
