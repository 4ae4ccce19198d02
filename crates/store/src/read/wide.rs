//! Wide tables: a date column and one column per instrument, resolved with
//! `Registry::by_column`. Also Ken French monthly files (first table only,
//! `-99.99` missing) and Shiller's `data.csv` (zeros missing).

use super::limits::excerpt_str;
use super::ohlcv::rule_for;
use super::table::{read_table, CellRule, ColumnPlan, TablePlan};
use super::{Format, ParsedFile, ReadContext};
use crate::error::InputProblem;
use crate::StoreError;
use model::Field;

pub(super) fn parse(
    ctx: &ReadContext<'_>,
    bytes: &[u8],
    names: &[String],
    format: Format,
) -> Result<ParsedFile, StoreError> {
    let stem = ctx.stem();
    let adjusted = ctx.adjusted();
    let mut columns = Vec::new();
    let mut notes = Vec::new();
    for (index, name) in names.iter().enumerate().skip(1) {
        if name.is_empty() {
            notes.push(format!("ignored unnamed column {}", index + 1));
            continue;
        }
        if let Some(why) = ctx.ignored(name) {
            notes.push(format!("ignored column {}: {why}", excerpt_str(name)));
            continue;
        }
        let lower = name.to_lowercase();
        let (base, is_volume) = match lower.strip_suffix("_volume") {
            Some(_) => (&name[..name.len() - "_volume".len()], true),
            None => (name.as_str(), false),
        };
        let Some(instrument) = ctx.registry.by_column(stem, base) else {
            return Err(ctx.err(
                1,
                index as u64 + 1,
                InputProblem::UnknownSymbol,
                format!(
                    "column {} names no instrument in the registry",
                    excerpt_str(name)
                ),
                if base.len() <= 60 && stem.len() <= 60 {
                    format!(
                        "add an [[instrument]] entry to crates/model/registry.toml with \
                         columns = [\"{base}\"] (or [\"{stem}.{base}\"] to scope it to this file)"
                    )
                } else {
                    "rename the column to an instrument's symbol, or add an [[instrument]] entry \
                     with that column to crates/model/registry.toml"
                        .to_string()
                },
            ));
        };
        let field = if is_volume {
            Field::Volume
        } else {
            instrument.value_field(adjusted)
        };
        let rule = match format {
            Format::French => CellRule::FrenchMissing,
            Format::Shiller => CellRule::ZeroMissing,
            _ => rule_for(field),
        };
        if let Some(other) = columns
            .iter()
            .find(|c: &&ColumnPlan| c.symbol == instrument.symbol && c.field == field)
        {
            return Err(ctx.err(
                1,
                index as u64 + 1,
                InputProblem::DuplicateColumn,
                format!(
                    "columns {} and {} both map to {} {field}",
                    other.name,
                    excerpt_str(name),
                    instrument.symbol
                ),
                "fix the registry's `columns` entries so that each column names one instrument",
            ));
        }
        columns.push(ColumnPlan {
            index,
            symbol: instrument.symbol.clone(),
            field,
            rule,
            name: excerpt_str(name),
        });
    }
    let plan = TablePlan {
        skip_records: 1,
        n_fields: names.len(),
        columns,
        stop_at_blank: format == Format::French,
    };
    let table = read_table(ctx, bytes, &plan)?;
    notes.extend(table.notes);
    Ok(ParsedFile {
        rel_path: ctx.rel_path.to_string(),
        format,
        series: table.series,
        documents: Vec::new(),
        members: Vec::new(),
        data_rows: table.data_rows,
        notes,
    })
}
