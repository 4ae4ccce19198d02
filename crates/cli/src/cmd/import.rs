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
}

pub(crate) fn run(global: &GlobalArgs, args: &ImportArgs) -> anyhow::Result<()> {
    let mut store = app::open_store(global)?;
    let report = app::import_with_progress(&mut store, &args.paths)?;
    match global.format {
        OutputFormat::Json => app::print_json(&report),
        OutputFormat::Text | OutputFormat::Md | OutputFormat::Html => {
            app::print_text(&render(&report))
        }
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
            let _ = writeln!(
                out,
                "  {}: {} vs {}: {} common dates {range}, {} disagree, max {:.3}%",
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
