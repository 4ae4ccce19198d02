//! Wide tables: a date column and one column per instrument, resolved with
//! `Registry::by_column`. Also Ken French monthly files (first table only,
//! `-99.99` missing) and Shiller's `data.csv` (zeros missing).

use super::limits::excerpt_str;
use super::ohlcv::rule_for;
use super::table::{read_table, CellRule, ColumnPlan, TablePlan};
use super::{learn, Format, Learnt, ParsedFile, ReadContext};
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
    // A FRED download (`observation_date,SERIES`) holds rates and other
    // economic series, not prices.
    let fred = names
        .first()
        .is_some_and(|n| n.trim().eq_ignore_ascii_case("observation_date"));
    let mut learnt: Vec<Learnt> = Vec::new();
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
        let listed = ctx
            .registry
            .by_column(stem, base)
            .or_else(|| learn::by_symbol(ctx.registry, base));
        let instrument = match listed {
            Some(inst) => inst.clone(),
            None => match learnt
                .iter()
                .find(|l: &&Learnt| l.instrument.symbol == base.trim().to_ascii_uppercase())
            {
                Some(l) => l.instrument.clone(),
                None => {
                    let origin = format!("column {} of {}", excerpt_str(base), ctx.rel_path);
                    let found = learn::learn(base, ctx.registry, fred, origin).map_err(|why| {
                        ctx.err(
                            1,
                            index as u64 + 1,
                            InputProblem::UnknownSymbol,
                            format!(
                                "column {} names no instrument in the registry, and it cannot \
                                 name a new one: {why}",
                                excerpt_str(name)
                            ),
                            if base.len() <= 60 && stem.len() <= 60 {
                                format!(
                                    "rename the column to the instrument's symbol, or name it in \
                                     instruments.toml (data folder or configuration folder) with \
                                     columns = [\"{base}\"] (or [\"{stem}.{base}\"] to scope it \
                                     to this file)"
                                )
                            } else {
                                "rename the column to an instrument's symbol, or name it in \
                                 instruments.toml with `columns`"
                                    .to_string()
                            },
                        )
                    })?;
                    let inst = found.instrument.clone();
                    learnt.push(found);
                    inst
                }
            },
        };
        let field = if is_volume {
            Field::Volume
        } else {
            instrument.value_field(adjusted)
        };
        let rule = match format {
            // A price column in a French-style table (a learnt instrument
            // read as a price) keeps the price rule: its values must be > 0.
            Format::French if field.must_be_positive() => rule_for(field),
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
        learnt,
    })
}
