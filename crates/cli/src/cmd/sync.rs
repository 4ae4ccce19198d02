//! `marketproof sync [SYMBOL...] [--since D]`: fetch fresh data from the
//! providers into the store, incrementally, all or nothing, and print what
//! changed. Without symbols: the configuration's watchlist (else the
//! brief's instruments) and every source synced before. Exit code 0 when
//! every target was fetched, 3 when some failed (the rest are stored),
//! 1 when none could be.

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::Context;
use model::Date;
use providers::{Outcome, SyncEvent, SyncOptions, SyncReport};
use std::fmt::Write;
use std::io::IsTerminal;
use std::sync::Arc;
use store::SourceChange;

/// Arguments of `sync`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct SyncArgs {
    /// Symbols to fetch (`NVDA`, `^GSPC`, `DGS10`, `SMB`, or `provider:symbol`
    /// such as `fred:T10Y2Y`, `cboe:VIX`) [default: the watchlist and every
    /// source synced before].
    pub(crate) symbols: Vec<String>,
    /// Fetch from this date instead of the incremental window.
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) since: Option<Date>,
}

/// Some targets failed while others were stored: the exit code is 3.
#[derive(Debug)]
pub(crate) struct Partial(pub(crate) String);

impl std::fmt::Display for Partial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Partial {}

pub(crate) fn run(global: &GlobalArgs, args: &SyncArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(
        global,
        "sync",
        None,
        &[OutputFormat::Text, OutputFormat::Json],
    )?;
    let report = sync(global, args)?;
    match format {
        OutputFormat::Json => app::print_json(&report)?,
        _ => app::print_text(&summary(&report))?,
    }
    verdict(&report)
}

/// The exit status of a report: `Partial` (exit 3) or an error (exit 1).
pub(crate) fn verdict(report: &SyncReport) -> anyhow::Result<()> {
    let bad = report
        .items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Failed { .. } | Outcome::Rejected { .. }))
        .count();
    if report.failed {
        anyhow::bail!(
            "sync: every one of {} targets failed; the store is as it was",
            bad
        );
    }
    if report.partial {
        return Err(Partial(format!(
            "sync: {bad} of {} targets failed (partial); the others are stored",
            report.items.len()
        ))
        .into());
    }
    Ok(())
}

/// Runs a sync: plans the targets, fetches, writes.
pub(crate) fn sync(global: &GlobalArgs, args: &SyncArgs) -> anyhow::Result<SyncReport> {
    let config = app::load_config(global)?;
    let mut store = app::open_store(global)?;
    let mut asked: Vec<String> = args.symbols.clone();
    if asked.is_empty() {
        match &config.watchlist {
            Some(list) => asked.extend(list.iter().cloned()),
            None => asked.extend(
                providers::config::DEFAULT_WATCHLIST
                    .iter()
                    .map(|s| s.to_string()),
            ),
        }
        // Every source synced before stays fresh.
        for s in store.sources()? {
            if let Some(rest) = s.path.strip_prefix("sync/") {
                if let Some((provider, file)) = rest.split_once('/') {
                    let stem = file.rsplit_once('.').map_or(file, |(a, _)| a);
                    let text = format!(
                        "{provider}:{}",
                        stem.trim_start_matches(if provider == "cboe" { "^" } else { "" })
                    );
                    asked.push(text);
                }
            }
        }
    }
    let mut targets = Vec::new();
    for text in &asked {
        let t = providers::plan::resolve(text, store.registry(), &config)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    let bar = indicatif::ProgressBar::hidden();
    if std::io::stderr().is_terminal() && global.format_or_text() == OutputFormat::Text {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("fetching");
    }
    let progress_bar = bar.clone();
    let progress: Arc<dyn Fn(&SyncEvent) + Send + Sync> = Arc::new(move |e: &SyncEvent| match e {
        SyncEvent::Start { targets } => progress_bar.set_length(*targets as u64),
        SyncEvent::Fetched { .. } => progress_bar.inc(1),
        SyncEvent::Http(providers::http::HttpEvent::Retrying {
            provider,
            symbol,
            attempt,
            reason,
            wait,
        }) => progress_bar.suspend(|| {
            eprintln!(
                "{provider} {symbol}: attempt {attempt} failed ({reason}); retrying in {:.1} s",
                wait.as_secs_f64()
            );
        }),
        SyncEvent::Writing => progress_bar.set_message("writing"),
    });
    let opts = SyncOptions {
        since: args.since,
        now: std::time::SystemTime::now(),
        progress: Some(progress),
    };
    let report =
        providers::run(&mut store, &targets, &config, app::cache_dir(), &opts).context("sync")?;
    bar.finish_and_clear();
    Ok(report)
}

/// The human summary of a run.
pub(crate) fn summary(report: &SyncReport) -> String {
    let mut out = String::new();
    let bad = report
        .items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Failed { .. } | Outcome::Rejected { .. }))
        .count();
    let _ = writeln!(
        out,
        "sync: {} sources, {} observations added{}",
        report.items.len(),
        app::thousands(report.observations_added),
        if bad > 0 {
            format!(", {bad} failed (partial)")
        } else {
            String::new()
        }
    );
    for item in &report.items {
        let head = format!("  {:<6} {:<10}", item.provider, item.symbol);
        let line = match &item.outcome {
            Outcome::Stored {
                change,
                added,
                added_range,
                restated_count,
                restated,
                version,
                refetched_whole,
            } => {
                let range = added_range.map_or(String::new(), |(a, b)| format!(" {a}..{b}"));
                match change {
                    SourceChange::New => {
                        format!("new        +{} observations{range}", app::thousands(*added))
                    }
                    SourceChange::Extended => {
                        format!("extended   +{} observations{range}", app::thousands(*added))
                    }
                    SourceChange::Unchanged => "unchanged  nothing new".to_string(),
                    SourceChange::Restated => {
                        let examples: Vec<String> = restated
                            .iter()
                            .take(3)
                            .map(|r| match r.after {
                                Some(a) => format!(
                                    "{} {} {}: {} -> {a}",
                                    r.instrument, r.field, r.date, r.before
                                ),
                                None => format!(
                                    "{} {} {}: {} -> removed",
                                    r.instrument, r.field, r.date, r.before
                                ),
                            })
                            .collect();
                        format!(
                            "RESTATED   {restated_count} stored values changed by the provider ({}{}); \
                             version {version} stored, version {} kept{}; +{} observations",
                            examples.join("; "),
                            if *restated_count > 3 { "; ..." } else { "" },
                            version.saturating_sub(1),
                            if *refetched_whole { ", whole history fetched again" } else { "" },
                            app::thousands(*added)
                        )
                    }
                }
            }
            Outcome::Empty => "empty      no rows in the window".to_string(),
            Outcome::Failed { message, .. } => format!("FAILED     {message}"),
            Outcome::Rejected { message } => format!("REJECTED   {message}"),
        };
        let _ = writeln!(out, "{head} {line}");
        for e in &item.events {
            let _ = writeln!(out, "             {e}");
        }
    }
    if !report.learnt.is_empty() {
        let _ = writeln!(
            out,
            "new instruments from provider metadata: {}",
            report.learnt.join(", ")
        );
    }
    out
}
