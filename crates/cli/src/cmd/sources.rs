//! `marketproof sources`: every consolidated series with its sources,
//! first and last date, rows and number of quality flags (text, json,
//! csv, md or html).

use crate::app::{self, GlobalArgs, OutputFormat};
use crate::table::Table;

/// Arguments of `sources`.
#[derive(Debug, clap::Args)]
pub(crate) struct SourcesArgs {
    /// Only series of this instrument (symbol or alias).
    #[arg(value_name = "SYMBOL")]
    pub(crate) symbol: Option<String>,
}

pub(crate) fn run(global: &GlobalArgs, args: &SourcesArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(global, "sources", None, &app::TABLE_FORMATS)?;
    let store = app::open_store(global)?;
    let mut rows = store.series_summaries()?;
    if let Some(name) = &args.symbol {
        let registry = store.registry();
        let inst = registry
            .resolve(name)
            .or_else(|| registry.get(name))
            .or_else(|| registry.by_file_stem(name))
            .ok_or_else(|| {
                crate::suggest::unknown_instrument(registry, name, "marketproof sources")
            })?;
        rows.retain(|r| r.instrument == inst.symbol);
    }
    if format == OutputFormat::Json {
        return app::print_json(&rows);
    }
    if rows.is_empty() && format == OutputFormat::Text {
        return app::print_text("(no series: import data with `marketproof import DIR`)\n");
    }
    let date = |d: Option<model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut t = Table::new(
        "Series in the store",
        &[
            ("instrument", false),
            ("field", false),
            ("rows", true),
            ("first", false),
            ("last", false),
            ("flags", true),
            ("sources", false),
        ],
    );
    for r in &rows {
        t.push(vec![
            r.instrument.clone(),
            r.field.as_str().to_string(),
            r.rows.to_string(),
            date(r.first),
            date(r.last),
            r.flags.to_string(),
            r.sources.join(", "),
        ]);
    }
    app::print_text(&t.render(format))
}
