//! `marketproof import DIR|FILE...`: import files into the store.

use crate::app::{self, GlobalArgs, OutputFormat};
use std::fmt::Write;
use std::path::PathBuf;
use store::{FileStatus, ImportReport};

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// Folders (searched recursively for *.csv) and files to import.
    #[arg(required = true, value_name = "DIR|FILE")]
    pub(crate) paths: Vec<PathBuf>,
    /// Accept replaced files that hold fewer observations than the stored
    /// version (by default such an import stops and says what would go).
    #[arg(long)]
    pub(crate) allow_shrink: bool,
    /// Most files one import reads.
    #[arg(long, value_name = "N", default_value_t = store::DEFAULT_MAX_FILES)]
    pub(crate) max_files: usize,
    /// Most bytes one import reads (all files together).
    #[arg(long, value_name = "BYTES", default_value_t = store::DEFAULT_MAX_TOTAL_BYTES)]
    pub(crate) max_total_bytes: u64,
    /// Largest file read.
    #[arg(long, value_name = "BYTES", default_value_t = store::DEFAULT_MAX_FILE_BYTES)]
    pub(crate) max_file_bytes: u64,
    /// Longest CSV row (quoted line breaks included).
    #[arg(long, value_name = "BYTES", default_value_t = store::DEFAULT_MAX_RECORD_BYTES)]
    pub(crate) max_record_bytes: usize,
    /// Longest cell.
    #[arg(long, value_name = "BYTES", default_value_t = store::DEFAULT_MAX_CELL_BYTES)]
    pub(crate) max_cell_bytes: usize,
}

pub(crate) fn run(global: &GlobalArgs, args: &ImportArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(
        global,
        "import",
        None,
        &[OutputFormat::Text, OutputFormat::Json],
    )?;
    // A path that does not exist is a typo, not an empty import.
    for p in &args.paths {
        if !p.exists() {
            anyhow::bail!("no such file or folder: {}", p.display());
        }
    }
    let mut store = app::open_store(global)?;
    let opts = store::ImportOptions {
        limits: store::ReadLimits {
            max_file_bytes: args.max_file_bytes,
            max_record_bytes: args.max_record_bytes,
            max_cell_bytes: args.max_cell_bytes,
        },
        max_files: args.max_files,
        max_total_bytes: args.max_total_bytes,
        allow_shrink: args.allow_shrink,
        progress: None,
    };
    let report = app::import_with_progress(&mut store, &args.paths, opts)?;
    match format {
        OutputFormat::Json => app::print_json(&report),
        _ => app::print_text(&render(&report)),
    }
}

fn render(r: &ImportReport) -> String {
    let count = |s: FileStatus| r.files.iter().filter(|f| f.status == s).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} files: {} new, {} replaced, {} unchanged; {} observations added, {} removed; {} series",
        r.files.len(),
        count(FileStatus::New),
        count(FileStatus::Replaced),
        count(FileStatus::Unchanged),
        app::thousands(r.observations_added),
        app::thousands(r.observations_removed),
        r.series
    );
    if !r.learnt.is_empty() {
        let _ = writeln!(
            out,
            "\nnew instruments (no registry entry; name them in instruments.toml):"
        );
        for l in &r.learnt {
            let _ = writeln!(
                out,
                "  {} ({}), from the {}",
                l.instrument.symbol,
                l.instrument.kind.as_str(),
                l.origin
            );
        }
    }
    let notes: Vec<_> = r.files.iter().filter(|f| !f.notes.is_empty()).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nskipped on purpose:");
        for f in notes {
            for n in &f.notes {
                let _ = writeln!(out, "  {}: {n}", f.rel_path);
            }
        }
    }
    if !r.reconciliation.is_empty() {
        let _ = writeln!(
            out,
            "\noverlapping sources (disagreement = relative difference above {}%):",
            store::TOLERANCE_REL * 100.0
        );
        for rec in &r.reconciliation {
            let range = match (rec.first, rec.last) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                _ => String::new(),
            };
            let dropped = if rec.dropped > 0 {
                format!(" ({} dropped as implausible, listed below)", rec.dropped)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}: {} vs {}: {} common dates {range}, {} disagree{dropped}, max {:.3}%",
                rec.key,
                rec.path_used,
                rec.path_other,
                rec.overlap,
                rec.disagreements,
                rec.max_rel_diff * 100.0
            );
            for w in &rec.worst {
                let _ = writeln!(
                    out,
                    "      {}: {} (used) vs {} ({:+.2}%)",
                    w.date,
                    w.value_used,
                    w.value_other,
                    (w.value_other / w.value_used - 1.0) * 100.0
                );
            }
        }
    }
    if !r.dropped.is_empty() {
        let _ = writeln!(
            out,
            "\nimplausible values kept out of the consolidated series ({}):",
            r.dropped.len()
        );
        for d in r.dropped.iter().take(50) {
            let _ = writeln!(
                out,
                "  {} {}: {} from {}: {}",
                d.key, d.date, d.value, d.path, d.reason
            );
        }
        if r.dropped.len() > 50 {
            let _ = writeln!(
                out,
                "  ... and {} more (`marketproof flags` lists them as bad_print)",
                r.dropped.len() - 50
            );
        }
    }
    if r.rebuilt {
        let flags: Vec<String> = r.flags.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(
            out,
            "\nquality flags: {} (list them with `marketproof flags`)",
            if flags.is_empty() {
                "none".to_string()
            } else {
                flags.join(", ")
            }
        );
    }
    out
}
