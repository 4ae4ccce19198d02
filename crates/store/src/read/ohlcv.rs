//! OHLCV, close-only and yfinance three-row-header files: one instrument
//! per file, named by the file stem (or the yfinance `Ticker` row).

use super::limits::excerpt_str;
use super::table::{read_table, CellRule, ColumnPlan, TablePlan};
use super::{learn, Format, ParsedFile, ReadContext};
use crate::error::InputProblem;
use crate::StoreError;
use model::Field;

/// Lowercases and drops spaces, underscores and dashes: `Adj Close` → `adjclose`.
pub(crate) fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) fn parse(
    ctx: &ReadContext<'_>,
    bytes: &[u8],
    names: &[String],
    skip_records: usize,
    format: Format,
    ticker: Option<&str>,
) -> Result<ParsedFile, StoreError> {
    let stem = ctx.stem();
    let mut learnt = Vec::new();
    let known = ctx
        .registry
        .by_file_stem(stem)
        .or_else(|| learn::by_symbol(ctx.registry, stem))
        .or_else(|| ticker.and_then(|t| ctx.registry.resolve(t)));
    let instrument = match known {
        Some(inst) => inst.clone(),
        None => {
            // The yfinance header names the ticker: a better symbol than the stem.
            let (text, origin) = match ticker.filter(|t| !t.is_empty()) {
                Some(t) => (t, format!("ticker row of {}", ctx.rel_path)),
                None => (stem, format!("file stem of {}", ctx.rel_path)),
            };
            let found = learn::learn(text, ctx.registry, false, origin).map_err(|why| {
                ctx.err(
                    0,
                    0,
                    InputProblem::UnknownSymbol,
                    format!(
                        "no instrument in the registry for file stem {}, and it cannot \
                         name a new one: {why}",
                        excerpt_str(stem)
                    ),
                    if stem.len() <= 60 {
                        format!(
                            "rename the file to the instrument's symbol, or name it in \
                             instruments.toml (data folder or configuration folder) with \
                             files = [\"{stem}\"]"
                        )
                    } else {
                        "rename the file to the instrument's symbol".to_string()
                    },
                )
            })?;
            let inst = found.instrument.clone();
            learnt.push(found);
            inst
        }
    };
    // A file with its own `Adj Close` column prints the raw close beside it;
    // otherwise the dataset hint says whether `close` is adjusted (yfinance
    // exports often are, whatever the column is called).
    let has_adj_close = names.iter().any(|n| normalize(n) == "adjclose");
    let close_field = if format == Format::CloseOnly || !has_adj_close {
        instrument.value_field(ctx.adjusted())
    } else {
        Field::Close
    };
    let mut columns = Vec::new();
    let mut notes = Vec::new();
    for (index, name) in names.iter().enumerate().skip(1) {
        let (field, rule) = match normalize(name).as_str() {
            "open" => (Field::Open, CellRule::Price),
            "high" => (Field::High, CellRule::Price),
            "low" => (Field::Low, CellRule::Price),
            "close" => (close_field, rule_for(close_field)),
            "adjclose" => (Field::AdjClose, CellRule::Price),
            "volume" | "vol" => (Field::Volume, CellRule::Volume),
            _ => {
                match ctx.ignored(name) {
                    Some(why) => notes.push(format!("ignored column {}: {why}", excerpt_str(name))),
                    None => notes.push(format!("ignored unknown column {}", excerpt_str(name))),
                }
                continue;
            }
        };
        if let Some(why) = ctx.ignored(name) {
            notes.push(format!("ignored column {}: {why}", excerpt_str(name)));
            continue;
        }
        if let Some(other) = columns.iter().find(|c: &&ColumnPlan| c.field == field) {
            return Err(ctx.err(
                1,
                index as u64 + 1,
                InputProblem::DuplicateColumn,
                format!(
                    "columns {} and {} both hold {} {field}",
                    other.name,
                    excerpt_str(name),
                    instrument.symbol
                ),
                "keep one column per field: delete or rename the repeated column",
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
        skip_records,
        n_fields: names.len(),
        columns,
        stop_at_blank: false,
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

pub(super) fn rule_for(field: Field) -> CellRule {
    match field {
        f if f.must_be_positive() => CellRule::Price,
        Field::Volume => CellRule::Volume,
        _ => CellRule::Any,
    }
}
