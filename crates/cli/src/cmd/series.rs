//! `marketproof series SYMBOL [--field F] [--from D] [--to D]`: print one
//! consolidated series with the source of every point.

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::{Date, Field};
use serde::Serialize;
use std::fmt::Write;

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
    let store = app::open_store(global)?;
    // Names and aliases first; then exact symbols and file-stem families
    // (synthetic series such as SYN00042 have no aliases).
    let registry = store.registry();
    let inst = registry
        .resolve(&args.symbol)
        .or_else(|| registry.get(&args.symbol))
        .or_else(|| registry.by_file_stem(&args.symbol))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "unknown instrument `{}`; `marketproof sources` lists the series in the store",
                args.symbol
            )
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
            value: series.values()[i],
            source: path_of(series.sources()[i]),
        })
        .collect();
    let field = series.key().field;
    match global.format {
        OutputFormat::Json => app::print_json(&Output {
            instrument: &inst.symbol,
            name: &inst.name,
            field,
            points,
        }),
        OutputFormat::Text | OutputFormat::Md | OutputFormat::Html => {
            let mut out = String::with_capacity(points.len() * 48);
            let _ = writeln!(out, "# {} ({}) {field}", inst.symbol, inst.name);
            for p in &points {
                let _ = writeln!(out, "{}\t{}\t{}", p.date, p.value, p.source);
            }
            app::print_text(&out)
        }
    }
}
