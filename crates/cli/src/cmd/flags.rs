//! `marketproof flags [SYMBOL]`: data-quality flags found at import
//! (text, json, csv, md or html).

use crate::app::{self, GlobalArgs, OutputFormat};
use crate::table::Table;

/// Arguments of `flags`.
#[derive(Debug, clap::Args)]
pub(crate) struct FlagsArgs {
    /// Only flags of this instrument (symbol or alias).
    #[arg(value_name = "SYMBOL")]
    pub(crate) symbol: Option<String>,
}

pub(crate) fn run(global: &GlobalArgs, args: &FlagsArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(global, "flags", None, &app::TABLE_FORMATS)?;
    let store = app::open_store(global)?;
    let mut flags = store.flags()?;
    if let Some(name) = &args.symbol {
        let inst = store
            .registry()
            .resolve(name)
            .or_else(|| store.registry().get(name))
            .ok_or_else(|| {
                crate::suggest::unknown_instrument(store.registry(), name, "marketproof sources")
            })?;
        flags.retain(|f| f.instrument == inst.symbol);
    }
    if format == OutputFormat::Json {
        return app::print_json(&flags);
    }
    let mut t = Table::new(
        "Data-quality flags",
        &[
            ("instrument", false),
            ("field", false),
            ("kind", false),
            ("dates", false),
            ("detail", false),
        ],
    );
    for f in &flags {
        let range = if f.date == f.end_date {
            f.date.to_string()
        } else {
            format!("{}..{}", f.date, f.end_date)
        };
        t.push(vec![
            f.instrument.clone(),
            f.field.as_str().to_string(),
            f.kind.as_str().to_string(),
            range,
            f.detail.clone(),
        ]);
    }
    if flags.is_empty() && format == OutputFormat::Text {
        return app::print_text("no flags\n");
    }
    app::print_text(&t.render(format))
}
