//! Index constituents lists (`Symbol,Security,GICS Sector,...` or
//! `ticker,company,category`).

use super::table::{csv_reader, line_of, read_record};
use super::{Format, ParsedFile, ReadContext};
use crate::error::InputProblem;
use crate::StoreError;
use serde::Serialize;

/// One member row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedMember {
    /// Canonical symbol of the index.
    pub index: String,
    /// Member ticker.
    pub symbol: String,
    /// Company name.
    pub name: String,
    /// GICS sector.
    pub sector: String,
}

/// The index a constituents file lists: a registry `files` entry for the
/// stem wins; else a path mentioning the S&P 500 means `^GSPC`.
fn index_symbol(ctx: &ReadContext<'_>) -> Option<String> {
    if let Some(inst) = ctx.registry.by_file_stem(ctx.stem()) {
        return Some(inst.symbol.clone());
    }
    let flat: String = ctx
        .rel_path
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    (flat.contains("sp500") || flat.contains("sandp500")).then(|| "^GSPC".to_string())
}

pub(super) fn parse(
    ctx: &ReadContext<'_>,
    bytes: &[u8],
    lower: &[String],
) -> Result<ParsedFile, StoreError> {
    let find = |names: &[&str]| lower.iter().position(|c| names.contains(&c.as_str()));
    let sym_col = find(&["symbol", "ticker"]);
    let name_col = find(&["security", "company", "name"]);
    let sector_col = find(&["gics sector", "sector", "category"]);
    let (Some(sym_col), Some(sector_col)) = (sym_col, sector_col) else {
        return Err(ctx.err(
            1,
            0,
            InputProblem::UnknownFormat,
            "constituents list without a symbol and a sector column",
            "name the columns Symbol and GICS Sector (or ticker and category)",
        ));
    };
    let Some(index) = index_symbol(ctx) else {
        let stem = ctx.stem();
        return Err(ctx.err(
            0,
            0,
            InputProblem::UnknownSymbol,
            format!("cannot tell which index the constituents list `{stem}` belongs to"),
            format!("add \"{stem}\" to the index's `files` in crates/model/registry.toml"),
        ));
    };
    let mut reader = csv_reader(bytes);
    let mut record = csv::ByteRecord::new();
    read_record(ctx, &mut reader, &mut record)?;
    let mut members = Vec::new();
    let cell = |r: &csv::ByteRecord, i: usize| {
        r.get(i)
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .unwrap_or_default()
    };
    while read_record(ctx, &mut reader, &mut record)? {
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() != lower.len() {
            return Err(ctx.err(
                line_of(&record),
                record.len().min(lower.len()) as u64 + 1,
                InputProblem::FieldCount,
                format!(
                    "this row has {} fields but the header has {}",
                    record.len(),
                    lower.len()
                ),
                "the line looks cut off or has an unquoted comma; fix or delete it",
            ));
        }
        members.push(ParsedMember {
            index: index.clone(),
            symbol: cell(&record, sym_col),
            name: name_col.map(|i| cell(&record, i)).unwrap_or_default(),
            sector: cell(&record, sector_col),
        });
    }
    Ok(ParsedFile {
        rel_path: ctx.rel_path.to_string(),
        format: Format::Members,
        series: Vec::new(),
        documents: Vec::new(),
        data_rows: members.len(),
        members,
        notes: Vec::new(),
        learnt: Vec::new(),
    })
}
