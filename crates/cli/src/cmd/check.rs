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
    /// Exit with code 2 when a claim has this verdict or worse
    /// (contradicted; unverifiable also fails on contradicted), for CI
    /// pipelines that publish articles. The report is printed either way.
    #[arg(long, value_enum, value_name = "VERDICT")]
    pub(crate) fail_on: Option<FailOn>,
}

/// The verdicts that fail `check --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FailOn {
    /// Fail when any claim is contradicted by the data.
    Contradicted,
    /// Fail when any claim is contradicted or cannot be verified.
    Unverifiable,
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
    let format = app::resolve_format(
        global,
        "check",
        args.out.as_deref(),
        &[
            OutputFormat::Text,
            OutputFormat::Json,
            OutputFormat::Md,
            OutputFormat::Html,
        ],
    )?;
    let inputs: Vec<(String, Vec<u8>)> = args
        .files
        .iter()
        .map(|p| Ok((p.display().to_string(), read_input(p)?)))
        .collect::<anyhow::Result<_>>()?;
    let (_store, universe) = app::open_universe(global)?;
    let checker = check::Checker::new(&universe)?;
    let requested = format;
    let format = match format {
        OutputFormat::Json => check::Format::Json,
        OutputFormat::Html => check::Format::Html,
        OutputFormat::Md => check::Format::Markdown,
        _ => check::Format::Text,
    };
    if args.redline {
        let [(name, bytes)] = inputs.as_slice() else {
            anyhow::bail!("--redline takes one article; check the others one at a time");
        };
        let redline_format = match requested {
            OutputFormat::Html => check::redline::RedlineFormat::Html,
            OutputFormat::Json => anyhow::bail!(
                "--redline prints Markdown or HTML (--format md|html); for JSON drop --redline"
            ),
            _ => check::redline::RedlineFormat::Markdown,
        };
        let mut report = checker
            .check_bytes(bytes, check::InputFormat::Auto, args.as_of)
            .with_context(|| format!("checking {name}"))?;
        report.name = Some(name.clone());
        let rendered = check::redline::redline(&report, redline_format);
        return app::write_output(args.out.as_deref(), &rendered);
    }
    let mut verdicts: Vec<check::Verdict> = Vec::new();
    let rendered = if let [(name, bytes)] = inputs.as_slice() {
        let mut report = checker
            .check_bytes(bytes, check::InputFormat::Auto, args.as_of)
            .with_context(|| format!("checking {name}"))?;
        report.name = Some(name.clone());
        verdicts.extend(report.claims.iter().map(|c| c.verdict));
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
        for r in &many.reports {
            verdicts.extend(r.claims.iter().map(|c| c.verdict));
        }
        check::render_many(&many, format)
    };
    app::write_output(args.out.as_deref(), &rendered)?;
    let Some(fail_on) = args.fail_on else {
        return Ok(());
    };
    let count = |v: check::Verdict| verdicts.iter().filter(|x| **x == v).count();
    let (contradicted, unverifiable) = (
        count(check::Verdict::Contradicted),
        count(check::Verdict::Unverifiable),
    );
    let failing = match fail_on {
        FailOn::Contradicted => contradicted,
        FailOn::Unverifiable => contradicted + unverifiable,
    };
    if failing == 0 {
        return Ok(());
    }
    let what = match fail_on {
        FailOn::Contradicted => format!("{contradicted} contradicted"),
        FailOn::Unverifiable => {
            format!("{contradicted} contradicted and {unverifiable} unverifiable")
        }
    };
    Err(app::ExitWith {
        code: 2,
        message: format!(
            "check: {what} of {} claims (--fail-on {})",
            verdicts.len(),
            match fail_on {
                FailOn::Contradicted => "contradicted",
                FailOn::Unverifiable => "unverifiable",
            }
        ),
    }
    .into())
}
