//! `marketproof sources`: every consolidated series with its sources,
//! first and last date, rows and number of quality flags.

use crate::app::{self, GlobalArgs, OutputFormat};
use std::fmt::Write;

/// Arguments of `sources`.
#[derive(Debug, clap::Args)]
pub(crate) struct SourcesArgs {
    /// Only series of this instrument (symbol or alias).
    #[arg(value_name = "SYMBOL")]
    pub(crate) symbol: Option<String>,
}

pub(crate) fn run(global: &GlobalArgs, args: &SourcesArgs) -> anyhow::Result<()> {
    let store = app::open_store(global)?;
    let mut rows = store.series_summaries()?;
    if let Some(name) = &args.symbol {
        let inst = store.registry().resolve(name).ok_or_else(|| {
            anyhow::anyhow!("unknown instrument `{name}`; `marketproof sources` lists them all")
        })?;
        rows.retain(|r| r.instrument == inst.symbol);
    }
    match global.format {
        OutputFormat::Json => app::print_json(&rows),
        OutputFormat::Text | OutputFormat::Md | OutputFormat::Html => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{:<16} {:<10} {:>7} {:<10} {:<10} {:>5}  sources",
                "instrument", "field", "rows", "first", "last", "flags"
            );
            let date = |d: Option<model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
            for r in &rows {
                let _ = writeln!(
                    out,
                    "{:<16} {:<10} {:>7} {:<10} {:<10} {:>5}  {}",
                    r.instrument,
                    r.field.as_str(),
                    r.rows,
                    date(r.first),
                    date(r.last),
                    r.flags,
                    r.sources.join(", ")
                );
            }
            if rows.is_empty() {
                out.push_str("(no series: import data with `marketproof import DIR`)\n");
            }
            app::print_text(&out)
        }
    }
}
