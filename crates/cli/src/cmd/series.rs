//! `marketproof series SYMBOL [--field F] [--from D] [--to D]`: print one
//! consolidated series with the source of every point (text, json, csv
//! with a header row, md or html). Values print without float noise
//! (`table::clean_number`).

use crate::app::{self, GlobalArgs, OutputFormat};
use crate::table::{clean_number, clean_value, Table};
use anyhow::Context;
use model::{Date, Field};
use serde::Serialize;

/// Arguments of `series`.
#[derive(Debug, clap::Args)]
pub(crate) struct SeriesArgs {
    /// Instrument symbol or alias ("SPX", "the Russell", "DGS10"...).
    pub(crate) symbol: String,
    /// Field: open, high, low, close, adj_close, volume, value, return_pct
    /// [default: close, else the instrument's only price or value field].
    #[arg(long, value_parser = parse_field)]
    pub(crate) field: Option<Field>,
    /// First date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub(crate) from: Option<Date>,
    /// Last date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub(crate) to: Option<Date>,
}

fn parse_field(s: &str) -> Result<Field, String> {
    Field::parse(&s.to_lowercase().replace([' ', '-'], "_")).ok_or_else(|| {
        let all: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        format!("unknown field `{s}`; one of {}", all.join(", "))
    })
}

fn parse_date(s: &str) -> Result<Date, String> {
    model::parse_iso_date(s).ok_or_else(|| format!("`{s}` is not a YYYY-MM-DD date"))
}

#[derive(Serialize)]
struct Point<'a> {
    date: Date,
    value: f64,
    source: &'a str,
}

#[derive(Serialize)]
struct Output<'a> {
    instrument: &'a str,
    name: &'a str,
    field: Field,
    points: Vec<Point<'a>>,
}

pub(crate) fn run(global: &GlobalArgs, args: &SeriesArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(global, "series", None, &app::TABLE_FORMATS)?;
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            anyhow::bail!("--from {from} is after --to {to}; swap them");
        }
    }
    let store = app::open_store(global)?;
    // Names and aliases first; then exact symbols and file-stem families
    // (synthetic series such as SYN00042 have no aliases).
    let registry = store.registry();
    let inst = registry
        .resolve(&args.symbol)
        .or_else(|| registry.get(&args.symbol))
        .or_else(|| registry.by_file_stem(&args.symbol))
        .ok_or_else(|| {
            crate::suggest::unknown_instrument(registry, &args.symbol, "marketproof sources")
        })?;
    let fields = match args.field {
        Some(f) => vec![f],
        None => vec![
            Field::Close,
            Field::AdjClose,
            Field::Value,
            Field::ReturnPct,
        ],
    };
    let mut found = None;
    for f in &fields {
        if let Some(s) = store
            .series(&inst.symbol, *f)
            .with_context(|| format!("reading {} {f}", inst.symbol))?
        {
            found = Some(s);
            break;
        }
    }
    let Some(series) = found else {
        let have: Vec<String> = store
            .series_summaries()?
            .into_iter()
            .filter(|s| s.instrument == inst.symbol)
            .map(|s| s.field.to_string())
            .collect();
        anyhow::bail!(
            "no {} series for {} ({}) in the store; available fields: {}",
            fields
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join("/"),
            inst.symbol,
            inst.name,
            if have.is_empty() {
                "none (import data first)".to_string()
            } else {
                have.join(", ")
            }
        );
    };
    let sources = store.sources()?;
    let path_of = |id: model::SourceId| {
        sources
            .iter()
            .find(|s| s.id == id)
            .map_or("?", |s| s.path.as_str())
    };
    let lo = args
        .from
        .map_or(0, |d| series.dates().partition_point(|x| *x < d));
    let hi = args.to.map_or(series.len(), |d| series.len_as_of(d));
    let points: Vec<Point<'_>> = (lo..hi.max(lo))
        .map(|i| Point {
            date: series.dates()[i],
            value: clean_value(series.values()[i]),
            source: series.source_at(i).map_or("?", path_of),
        })
        .collect();
    let field = series.key().field;
    if points.is_empty() {
        let span = match (series.first_date(), series.last_date()) {
            (Some(a), Some(b)) => format!("; the series runs from {a} to {b}"),
            _ => String::new(),
        };
        global.note(&format!(
            "no {} {field} observations in the range asked{span}",
            inst.symbol
        ));
    }
    if format == OutputFormat::Json {
        return app::print_json(&Output {
            instrument: &inst.symbol,
            name: &inst.name,
            field,
            points,
        });
    }
    let mut t = Table::new(
        format!("{} ({}) {field}", inst.symbol, inst.name),
        &[("date", false), ("value", true), ("source", false)],
    );
    for p in &points {
        t.push(vec![
            p.date.to_string(),
            clean_number(p.value),
            p.source.to_string(),
        ]);
    }
    if format == OutputFormat::Text {
        let mut out = format!("# {} ({}) {field}\n", inst.symbol, inst.name);
        for row in &t.rows {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        return app::print_text(&out);
    }
    app::print_text(&t.render(format))
}
