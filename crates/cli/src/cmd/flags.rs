//! `marketproof flags [SYMBOL]`: data-quality flags found at import.

use crate::app::{self, GlobalArgs, OutputFormat};
use std::fmt::Write;

/// Arguments of `flags`.
#[derive(Debug, clap::Args)]
pub(crate) struct FlagsArgs {
    /// Only flags of this instrument (symbol or alias).
    #[arg(value_name = "SYMBOL")]
    pub(crate) symbol: Option<String>,
}

pub(crate) fn run(global: &GlobalArgs, args: &FlagsArgs) -> anyhow::Result<()> {
    let store = app::open_store(global)?;
    let mut flags = store.flags()?;
    if let Some(name) = &args.symbol {
        let inst = store
            .registry()
            .resolve(name)
            .ok_or_else(|| anyhow::anyhow!("unknown instrument `{name}`"))?;
        flags.retain(|f| f.instrument == inst.symbol);
    }
    match global.format {
        OutputFormat::Json => app::print_json(&flags),
        OutputFormat::Text | OutputFormat::Md | OutputFormat::Html => {
            let mut out = String::new();
            for f in &flags {
                let range = if f.date == f.end_date {
                    f.date.to_string()
                } else {
                    format!("{}..{}", f.date, f.end_date)
                };
                let _ = writeln!(
                    out,
                    "{:<12} {:<10} {:<12} {:<22} {}",
                    f.instrument,
                    f.field.as_str(),
                    f.kind.as_str(),
                    range,
                    f.detail
                );
            }
            if flags.is_empty() {
                out.push_str("no flags\n");
            }
            app::print_text(&out)
        }
    }
}
