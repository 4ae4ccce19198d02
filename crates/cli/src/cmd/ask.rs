//! `marketproof ask "QUESTION"`: plan the fact queries a question needs,
//! show the plan, run it, and answer with cited Facts.
//!
//! On a terminal without `--yes` the user confirms the plan, or edits it
//! (as JSON, in `$EDITOR`) before it runs. `--context FILE` keeps a
//! conversation so follow-ups ("and the Nasdaq 100?") work across calls.

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::Date;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Arguments of `ask`.
#[derive(Debug, clap::Args)]
pub(crate) struct AskArgs {
    /// The question, e.g. "How long has IWM beaten SPY?".
    pub(crate) question: String,
    /// Accept the plan without asking.
    #[arg(long, short = 'y')]
    pub(crate) yes: bool,
    /// Print the plan and stop.
    #[arg(long)]
    pub(crate) plan_only: bool,
    /// Answer as of this date [default: the latest session in the store].
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) as_of: Option<Date>,
    /// A conversation file: read for follow-ups, then updated with this turn.
    #[arg(long, value_name = "FILE")]
    pub(crate) context: Option<PathBuf>,
    /// Write the answer to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

pub(crate) fn run(global: &GlobalArgs, args: &AskArgs) -> anyhow::Result<()> {
    // No Markdown: the ask crate renders text, JSON and HTML only.
    let format = app::resolve_format(
        global,
        "ask",
        args.out.as_deref(),
        &[OutputFormat::Text, OutputFormat::Json, OutputFormat::Html],
    )?;
    let (store, universe) = app::open_universe(global)?;
    let as_of = match args.as_of {
        Some(d) => d,
        None => app::latest_session(&universe).context(
            "the store is empty: import data first (`marketproof import DIR` or --data DIR)",
        )?,
    };
    let conversation = match &args.context {
        Some(path) if path.exists() => Some(read_conversation(path)?),
        _ => None,
    };
    let format_out = format;
    let format = match format {
        OutputFormat::Json => ask::Format::Json,
        OutputFormat::Html => ask::Format::Html,
        _ => ask::Format::Text,
    };
    let mut plan = match ask::plan(
        &args.question,
        conversation.as_ref(),
        as_of,
        store.registry(),
    ) {
        Ok(plan) => plan,
        Err(err) => {
            // A refusal is an answer: what is missing and what can be asked instead.
            let answer = ask::Answer::refusal(&args.question, as_of, &err);
            return app::write_output(args.out.as_deref(), &ask::render(&answer, format));
        }
    };
    if args.plan_only {
        return match format_out {
            OutputFormat::Json => app::print_json(&plan),
            _ => app::print_text(&plan.render_text()),
        };
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !args.yes && interactive {
        plan = confirm(plan)?;
    }
    // The text answer shows its plan itself; other formats carry it inside.
    let answer = ask::run(&plan, &universe);
    if let Some(path) = &args.context {
        let turn = ask::Conversation::after(&plan);
        let json = serde_json::to_string_pretty(&turn)?;
        std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
    }
    app::write_output(args.out.as_deref(), &ask::render(&answer, format))
}

fn read_conversation(path: &Path) -> anyhow::Result<ask::Conversation> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a marketproof conversation file; delete it to start a new conversation",
            path.display()
        )
    })
}

/// Shows the plan and asks: run it, edit it, or stop.
fn confirm(mut plan: ask::Plan) -> anyhow::Result<ask::Plan> {
    let stdin = std::io::stdin();
    loop {
        eprint!(
            "{}Run this plan? [Y]es / [e]dit / [n]o: ",
            plan.render_text()
        );
        std::io::stderr().flush()?;
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        match line.trim().to_lowercase().as_str() {
            "" | "y" | "yes" => return Ok(plan),
            "n" | "no" | "q" => anyhow::bail!("plan not accepted; nothing was run"),
            "e" | "edit" => plan = edit(plan)?,
            other => eprintln!("`{other}`: answer y, e or n"),
        }
    }
}

/// Opens the plan as JSON in `$EDITOR` (or `vi`) and reads it back. Edited
/// slots (instruments, window) rebuild the steps; edited steps are kept.
fn edit(plan: ask::Plan) -> anyhow::Result<ask::Plan> {
    let path = std::env::temp_dir().join(format!("marketproof-plan-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string_pretty(&plan)?)?;
    let editor = std::env::var("EDITOR").unwrap_or_else(|_| "vi".to_string());
    let status = std::process::Command::new(&editor)
        .arg(&path)
        .status()
        .with_context(|| format!("starting the editor `{editor}` (set $EDITOR)"))?;
    if !status.success() {
        anyhow::bail!("the editor exited with {status}; the plan was not changed");
    }
    let text = std::fs::read_to_string(&path)?;
    let _ = std::fs::remove_file(&path);
    let mut edited: ask::Plan = match serde_json::from_str(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("the edited plan is not valid ({e}); keeping the previous plan");
            return Ok(plan);
        }
    };
    if edited.slots != plan.slots && edited.steps == plan.steps {
        edited.rebuild();
    }
    Ok(edited)
}
