//! `marketproof check FILE|- [FILE...] [--as-of D]`: find every checkable
//! numeric claim in an article and judge it against the data; with several
//! articles, also list where they contradict each other. `--redline` gives
//! the text back with every claim marked (`--format md|html`).

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::Date;
use std::io::Read;
use std::path::PathBuf;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Article files (plain text, Markdown or HTML); `-` reads stdin.
    #[arg(required = true, value_name = "FILE|-")]
    pub(crate) files: Vec<PathBuf>,
    /// The articles' date, for "on Friday", "year-to-date"... [default: the
    /// dateline found in each text].
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) as_of: Option<Date>,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// Give the text back with each numeric claim marked supported,
    /// contradicted (with the data's figure) or unverifiable, as Markdown
    /// (`--format md`, the default) or one HTML page (`--format html`).
    #[arg(long)]
    pub(crate) redline: bool,
}

/// Reads at most this many bytes of one input; the checker rejects larger ones
/// with a clear error, so there is no point reading gigabytes.
const READ_LIMIT_BYTES: u64 = 64 << 20;

fn read_input(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(READ_LIMIT_BYTES)
            .read_to_end(&mut bytes)
            .context("reading the article from stdin")?;
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(READ_LIMIT_BYTES).read_to_end(&mut bytes))
            .with_context(|| format!("reading {}", path.display()))?;
    }
    Ok(bytes)
}

pub(crate) fn run(global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<()> {
    let inputs: Vec<(String, Vec<u8>)> = args
        .files
        .iter()
        .map(|p| Ok((p.display().to_string(), read_input(p)?)))
        .collect::<anyhow::Result<_>>()?;
    let (_store, universe) = app::open_universe(global)?;
    let checker = check::Checker::new(&universe)?;
    let format = match global.format {
        OutputFormat::Text => check::Format::Text,
        OutputFormat::Json => check::Format::Json,
        OutputFormat::Html => check::Format::Html,
        OutputFormat::Md => check::Format::Markdown,
    };
    if args.redline {
        let [(name, bytes)] = inputs.as_slice() else {
            anyhow::bail!("--redline takes one article; check the others one at a time");
        };
        let redline_format = match global.format {
            OutputFormat::Text | OutputFormat::Md => check::redline::RedlineFormat::Markdown,
            OutputFormat::Html => check::redline::RedlineFormat::Html,
            OutputFormat::Json => anyhow::bail!(
                "--redline prints Markdown or HTML (--format md|html); for JSON drop --redline"
            ),
        };
        let mut report = checker
            .check_bytes(bytes, check::InputFormat::Auto, args.as_of)
            .with_context(|| format!("checking {name}"))?;
        report.name = Some(name.clone());
        let rendered = check::redline::redline(&report, redline_format);
        return app::write_output(args.out.as_deref(), &rendered);
    }
    let rendered = if let [(name, bytes)] = inputs.as_slice() {
        let mut report = checker
            .check_bytes(bytes, check::InputFormat::Auto, args.as_of)
            .with_context(|| format!("checking {name}"))?;
        report.name = Some(name.clone());
        check::render(&report, format)
    } else {
        let texts: Vec<(String, String)> = inputs
            .iter()
            .map(|(name, bytes)| {
                let text =
                    check::input::decode(bytes).with_context(|| format!("reading {name}"))?;
                Ok((name.clone(), text))
            })
            .collect::<anyhow::Result<_>>()?;
        let docs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let many = checker.check_many(&docs, check::InputFormat::Auto, args.as_of)?;
        check::render_many(&many, format)
    };
    app::write_output(args.out.as_deref(), &rendered)
}
