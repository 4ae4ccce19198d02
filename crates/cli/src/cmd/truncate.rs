//! `marketproof truncate SRC DST --as-of D` (hidden): a copy of a data folder
//! as it stood at D, for the outside-in point-in-time test
//! (`store::truncate`; `crates/report/tests/point_in_time.rs` runs it on
//! seven dates).

use crate::app::{self, GlobalArgs, OutputFormat};
use model::Date;
use std::path::PathBuf;
use store::truncate::{truncate_dir, Knowledge};

/// Arguments of `truncate`.
#[derive(Debug, clap::Args)]
pub(crate) struct TruncateArgs {
    /// The data folder to copy.
    #[arg(value_name = "SRC")]
    pub(crate) src: PathBuf,
    /// Where to write the copy (created if needed).
    #[arg(value_name = "DST")]
    pub(crate) dst: PathBuf,
    /// The cut date: keep only what was known by then.
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) as_of: Date,
    /// Keep every row dated on or before the cut, ignoring release lags and
    /// unfinished months (default: only what was published by then).
    #[arg(long)]
    pub(crate) dated: bool,
}

pub(crate) fn run(global: &GlobalArgs, args: &TruncateArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    let registry = model::Registry::builtin().context("the built-in registry")?;
    let knowledge = if args.dated {
        Knowledge::Dated
    } else {
        Knowledge::Published
    };
    let report = truncate_dir(&args.src, &args.dst, args.as_of, knowledge, &registry)
        .with_context(|| {
            format!(
                "copying {} as of {} into {}",
                args.src.display(),
                args.as_of,
                args.dst.display()
            )
        })?;
    let format = app::resolve_format(
        global,
        "truncate",
        None,
        &[OutputFormat::Text, OutputFormat::Json],
    )?;
    match format {
        OutputFormat::Json => app::print_json(&serde_json::json!({
            "files_written": report.files_written,
            "files_left_out": report.files_left_out,
            "records_kept": report.records_kept,
            "records_dropped": report.records_dropped,
            "cells_withheld": report.cells_withheld,
        })),
        _ => {
            println!(
                "{} files written to {}: {} records kept, {} dropped, {} cells withheld; left out (nothing known by {}): {}",
                report.files_written,
                args.dst.display(),
                report.records_kept,
                report.records_dropped,
                report.cells_withheld,
                args.as_of,
                if report.files_left_out.is_empty() {
                    "none".to_string()
                } else {
                    report.files_left_out.join(", ")
                }
            );
            Ok(())
        }
    }
}
