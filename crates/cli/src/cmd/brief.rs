//! `marketproof brief [--date D] [--out FILE]`: the day's market article,
//! written from Facts only (`--format md|html|json`, or the extension of
//! `--out`; text prints Markdown). A date that is not a session gets the
//! last session before it, and the brief says so.
//! `--narrate` has an LLM write the body sections from the brief's Facts
//! and keeps only the sentences the checker supports (see `draft`).

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
    /// Have an LLM write the body sections from the brief's Facts; every
    /// sentence is checked, and the Markdown ends with the redline.
    #[arg(long)]
    pub(crate) narrate: bool,
    #[command(flatten)]
    pub(crate) llm: crate::cmd::draft::LlmArgs,
    /// Sync the watchlist first (`marketproof sync`), then write the brief
    /// for the latest session. A partial sync still writes the brief and
    /// exits 3.
    #[arg(long)]
    pub(crate) sync: bool,
}

pub(crate) fn run(global: &GlobalArgs, args: &BriefArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(
        global,
        "brief",
        args.out.as_deref(),
        &[
            OutputFormat::Text,
            OutputFormat::Md,
            OutputFormat::Html,
            OutputFormat::Json,
        ],
    )?;
    let synced = if args.sync {
        let report = crate::cmd::sync::sync(global, &crate::cmd::sync::SyncArgs::default())?;
        eprint!("{}", crate::cmd::sync::summary(&report));
        Some(report)
    } else {
        None
    };
    if args.narrate {
        narrate(global, args, format)?;
        return match &synced {
            Some(report) => crate::cmd::sync::verdict(report),
            None => Ok(()),
        };
    }
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
    // A non-session date: the brief says which session it covers; so
    // does stderr, for a reader of the file written with --out.
    if let Some(note) = &article.session_note {
        global.note(&format!("note: {note}"));
    }
    let format = match format {
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Html => report::Format::Html,
        _ => report::Format::Markdown,
    };
    app::write_output(args.out.as_deref(), &report::render(&article, format))?;
    match &synced {
        Some(report) => crate::cmd::sync::verdict(report),
        None => Ok(()),
    }
}

/// `brief --narrate`: the brief with its body written by the model and vetted.
fn narrate(global: &GlobalArgs, args: &BriefArgs, format: OutputFormat) -> anyhow::Result<()> {
    args.llm.endpoint()?;
    let (_store, universe) = app::open_universe(global)?;
    let (article, _raw, vetted) = crate::cmd::draft::drafted(&universe, args.date, &args.llm)?;
    let narrated = draft::render::narrated_article(&article, &vetted);
    let text = match format {
        OutputFormat::Json => report::render(&narrated, report::Format::Json),
        OutputFormat::Html => report::render(&narrated, report::Format::Html),
        _ => format!(
            "{}\n{}",
            report::render(&narrated, report::Format::Markdown),
            draft::render::redline_markdown(&vetted)
        ),
    };
    app::write_output(args.out.as_deref(), &text)
}
