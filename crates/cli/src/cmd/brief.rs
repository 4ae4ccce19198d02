//! `marketproof brief [--date D] [--out FILE]`: the day's market article,
//! written from Facts only (`--format md|html|json`; text prints Markdown).

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::Date;
use std::path::PathBuf;

/// Arguments of `brief`.
#[derive(Debug, clap::Args)]
pub(crate) struct BriefArgs {
    /// The session to write about [default: the latest session in the store].
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) date: Option<Date>,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

pub(crate) fn run(global: &GlobalArgs, args: &BriefArgs) -> anyhow::Result<()> {
    let (_store, universe) = app::open_universe(global)?;
    if let (Some(date), Some(last)) = (args.date, app::latest_session(&universe)) {
        if date > last {
            anyhow::bail!(
                "{date} is after the latest session in the store ({last}); \
                 import newer data or pick a date up to {last}"
            );
        }
    }
    let article = report::write_brief(&universe, args.date).with_context(|| match args.date {
        Some(d) => format!("writing the brief for {d}"),
        None => "writing the brief for the latest session".to_string(),
    })?;
    let format = match global.format {
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Html => report::Format::Html,
        OutputFormat::Text | OutputFormat::Md => report::Format::Markdown,
    };
    app::write_output(args.out.as_deref(), &report::render(&article, format))
}
