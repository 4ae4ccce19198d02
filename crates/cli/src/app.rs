//! Global flags and the plumbing every subcommand shares: where the store
//! lives, importing `--data` on first use, opening the universe, output.

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use store::{ImportOptions, ImportReport, Progress, Store};

/// marketproof: market insight where every number can be checked.
#[derive(Debug, Parser)]
#[command(
    name = "marketproof",
    version,
    propagate_version = true,
    about = "Market insight where every number can be checked.",
    long_about = "Market insight where every number can be checked.\n\n\
marketproof reads market data (index and ETF prices, Fed rates, factor \
returns, Shiller's series, FOMC statements) into a local store, writes the \
day's market brief from it with every figure cited to its file and method, \
checks the numeric claims of articles written by others, and answers \
questions with the plan of computations it ran.",
    after_help = "Start here:\n  \
marketproof --data ../shared/market-data brief --date 2026-01-16\n  \
marketproof check article.md --fail-on contradicted\n  \
marketproof ask \"How long has the Russell 2000 beaten the S&P 500?\"\n  \
marketproof series \"the Russell\" --from 2026-01-01 --format csv > rut.csv\n  \
marketproof serve\n\n\
Formats: every command prints text by default; --format (or the extension \
of --out) picks json, md, html or csv where the command supports it, and \
an unsupported format is an error, never ignored.\n\
Exit codes: 0 success, 1 error, 2 `check --fail-on` found such claims."
)]
pub(crate) struct Cli {
    /// Flags every subcommand takes.
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    /// The subcommand.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub(crate) struct GlobalArgs {
    /// The store database [default: $XDG_DATA_HOME/marketproof/store.db or
    /// ~/.local/share/marketproof/store.db].
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) store: Option<PathBuf>,
    /// Import this folder first if it is new or changed (cheap when unchanged).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// Output format [default: text, or the extension of --out]; each
    /// command lists the formats it supports in its --help.
    #[arg(long, global = true, value_enum)]
    pub(crate) format: Option<OutputFormat>,
    /// How long to wait for another process writing the store before giving
    /// up with "store is busy".
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = store::DEFAULT_BUSY_TIMEOUT.as_secs_f64())]
    pub(crate) busy_timeout: f64,
    /// The configuration file [default: $XDG_CONFIG_HOME/marketproof/config.toml
    /// or ~/.config/marketproof/config.toml, if it exists].
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Say more on stderr (-v: what is read and written; -vv: debug logs
    /// from `serve`).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub(crate) verbose: u8,
    /// Print only results and errors: no notes or progress on stderr.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
}

impl GlobalArgs {
    /// The format asked for with --format, else text.
    pub(crate) fn format_or_text(&self) -> OutputFormat {
        self.format.unwrap_or(OutputFormat::Text)
    }

    /// Prints a note on stderr unless --quiet (or a program asked for
    /// JSON, whose reader wants stdout alone).
    pub(crate) fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// Prints a note on stderr with -v only.
    pub(crate) fn info(&self, text: &str) {
        if self.verbose > 0 && !self.quiet {
            eprintln!("{text}");
        }
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Human-readable text.
    Text,
    /// JSON on one document.
    Json,
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// Comma-separated values with a header row (tables: series, scan,
    /// sources, flags).
    Csv,
}

impl OutputFormat {
    /// The name as typed on the command line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Md => "md",
            OutputFormat::Html => "html",
            OutputFormat::Csv => "csv",
        }
    }

    /// The format a file extension implies, if any.
    fn from_extension(path: &std::path::Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(OutputFormat::Md),
            "html" | "htm" => Some(OutputFormat::Html),
            "json" => Some(OutputFormat::Json),
            "csv" => Some(OutputFormat::Csv),
            "txt" | "text" => Some(OutputFormat::Text),
            _ => None,
        }
    }
}

/// The format a command prints: --format if given, else the extension of
/// --out, else text; an error when the command does not support it, or
/// when --format and the --out extension disagree (HTML in a `.md` file).
///
/// # Errors
/// A message naming the command's formats.
pub(crate) fn resolve_format(
    global: &GlobalArgs,
    command: &str,
    out: Option<&std::path::Path>,
    supported: &[OutputFormat],
) -> anyhow::Result<OutputFormat> {
    let by_ext = out.and_then(OutputFormat::from_extension);
    let format = match (global.format, by_ext) {
        (Some(f), Some(e)) if f != e && !(f == OutputFormat::Text && e == OutputFormat::Md) => {
            anyhow::bail!(
                "--format {} does not match --out {} (a .{} file); drop --format or change the file name",
                f.name(),
                out.map_or(String::new(), |p| p.display().to_string()),
                e.name()
            )
        }
        (Some(f), _) => f,
        (None, Some(e)) if supported.contains(&e) => e,
        (None, _) => OutputFormat::Text,
    };
    if !supported.contains(&format) {
        let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
        anyhow::bail!(
            "`{command}` prints {}; --format {} is not supported",
            crate::table::or_list(&names),
            format.name()
        );
    }
    Ok(format)
}

/// The formats of the listing commands (sources, series, flags).
pub(crate) const TABLE_FORMATS: [OutputFormat; 5] = [
    OutputFormat::Text,
    OutputFormat::Json,
    OutputFormat::Csv,
    OutputFormat::Md,
    OutputFormat::Html,
];

/// A failure that is not an error: `check --fail-on` found claims of the
/// kind asked for. `main` prints the message and exits with the code.
#[derive(Debug)]
pub(crate) struct ExitWith {
    /// Process exit code.
    pub(crate) code: u8,
    /// Printed on stderr.
    pub(crate) message: String,
}

impl std::fmt::Display for ExitWith {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExitWith {}

/// One variant per subcommand; each has a module in `cmd/`.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Import market-data files or folders into the store.
    Import(crate::cmd::import::ImportArgs),
    /// List every consolidated series with its sources, dates, rows and flags.
    Sources(crate::cmd::sources::SourcesArgs),
    /// Print one consolidated series.
    Series(crate::cmd::series::SeriesArgs),
    /// List data-quality flags (bad prints, spikes, gaps, stale runs, weekend rows).
    Flags(crate::cmd::flags::FlagsArgs),
    /// Compute one Fact: value, sentence, method and citation.
    #[command(subcommand)]
    Fact(crate::cmd::fact::FactCommand),
    /// Write the day's market article from the data alone.
    Brief(crate::cmd::brief::BriefArgs),
    /// Check the numeric claims of an article, claim by claim.
    Check(crate::cmd::check::CheckArgs),
    /// Have an LLM draft the brief from its Facts; keep only what the data supports.
    Draft(crate::cmd::draft::DraftArgs),
    /// Answer a question from Facts, showing the plan first.
    Ask(crate::cmd::ask::AskArgs),
    /// Serve the web app and JSON API on loopback.
    Serve(crate::cmd::serve::ServeArgs),
    /// Serve marketproof to an AI assistant over MCP (stdio).
    Mcp(crate::cmd::mcp::McpArgs),
    /// Scan every daily index and ETF close for what is rare today, ranked.
    Scan(crate::cmd::scan::ScanArgs),
    /// Fetch fresh data from public providers (Yahoo, FRED, Ken French, Cboe, Stooq).
    Sync(crate::cmd::sync::SyncArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(crate::cmd::completions::CompletionsArgs),
    /// Print the manual page (roff) of marketproof or of one subcommand.
    Man(crate::cmd::completions::ManArgs),
    /// Copy a data folder as it stood at a date (point-in-time testing).
    #[command(hide = true)]
    Truncate(crate::cmd::truncate::TruncateArgs),
}

/// The default store path: `$XDG_DATA_HOME/marketproof/store.db`, else
/// `~/.local/share/marketproof/store.db` (`%APPDATA%` on Windows), else
/// `./marketproof-store.db`.
pub(crate) fn default_store_path() -> PathBuf {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    let base = non_empty("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .or_else(|| non_empty("APPDATA").map(PathBuf::from));
    match base {
        Some(b) => b.join("marketproof").join("store.db"),
        None => PathBuf::from("marketproof-store.db"),
    }
}

/// A folder from the environment (`XDG_CONFIG_HOME`, `XDG_CACHE_HOME`),
/// else `~/<fallback>`.
fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    non_empty(var)
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|h| PathBuf::from(h).join(fallback)))
        .map(|b| b.join("marketproof"))
}

/// The configuration folder: `$XDG_CONFIG_HOME/marketproof` or
/// `~/.config/marketproof`.
pub(crate) fn config_dir() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config")
}

/// The HTTP cache folder: `$XDG_CACHE_HOME/marketproof/http` or
/// `~/.cache/marketproof/http`.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    xdg_dir("XDG_CACHE_HOME", ".cache").map(|d| d.join("http"))
}

/// The configuration: `--config FILE` (which must exist), else the
/// default file if it exists, else the defaults.
pub(crate) fn load_config(global: &GlobalArgs) -> anyhow::Result<providers::Config> {
    let (path, required) = match &global.config {
        Some(p) => (p.clone(), true),
        None => match config_dir() {
            Some(dir) => (dir.join("config.toml"), false),
            None => return Ok(providers::Config::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(providers::Config::default())
        }
        Err(e) => {
            return Err(e).with_context(|| format!("reading the configuration {}", path.display()))
        }
    };
    providers::Config::from_toml(&text)
        .map_err(|e| anyhow::anyhow!("configuration {}: {e}", path.display()))
}

/// The user registry files: `instruments.toml` in the `--data` folder,
/// then in the configuration folder (a later entry sets fields after an
/// earlier one).
fn user_registry(global: &GlobalArgs) -> anyhow::Result<Option<model::UserRegistry>> {
    let mut files = Vec::new();
    if let Some(data) = global.data.as_ref().filter(|d| d.is_dir()) {
        files.push(data.join("instruments.toml"));
    }
    let config_folder = match &global.config {
        Some(c) => c.parent().map(std::path::Path::to_path_buf),
        None => config_dir(),
    };
    if let Some(dir) = config_folder {
        files.push(dir.join("instruments.toml"));
    }
    let mut out: Option<model::UserRegistry> = None;
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", file.display())),
        };
        let user = model::UserRegistry::from_toml(&text)
            .with_context(|| format!("reading the user registry {}", file.display()))?;
        out = Some(match out {
            Some(prev) => prev.chain(user),
            None => user,
        });
    }
    Ok(out)
}

/// Opens the store named by `--store` (or the configuration's, or the
/// default), lays the user registry files over its registry, and imports
/// `--data` first when given.
pub(crate) fn open_store(global: &GlobalArgs) -> anyhow::Result<Store> {
    let config = load_config(global)?;
    let path = global
        .store
        .clone()
        .or(config.store)
        .unwrap_or_else(default_store_path);
    global.info(&format!("store: {}", path.display()));
    let mut store =
        Store::open(&path).with_context(|| format!("opening store {}", path.display()))?;
    let wait = std::time::Duration::try_from_secs_f64(global.busy_timeout)
        .map_err(|_| anyhow::anyhow!("--busy-timeout must be a number of seconds >= 0"))?;
    store.set_busy_timeout(wait)?;
    if let Some(user) = user_registry(global)? {
        store
            .set_user_registry(user)
            .context("laying instruments.toml over the registry")?;
    }
    if let Some(data) = &global.data {
        let report = import_with_progress(
            &mut store,
            std::slice::from_ref(data),
            ImportOptions::default(),
        )
        .with_context(|| format!("importing --data {}", data.display()))?;
        if report.rebuilt && global.format_or_text() == OutputFormat::Text {
            global.note(&format!(
                "imported {}: {} observations added",
                data.display(),
                thousands(report.observations_added)
            ));
        }
    }
    Ok(store)
}

/// Opens the store and loads the whole universe (all consolidated series,
/// sources, documents and members). Subcommands that compute facts use this.
pub(crate) fn open_universe(global: &GlobalArgs) -> anyhow::Result<(Store, model::Universe)> {
    let store = open_store(global)?;
    let universe = store
        .universe()
        .context("loading the universe from the store")?;
    Ok((store, universe))
}

/// Imports `paths` with `opts` (its progress callback replaced), with a
/// progress bar on long imports when stderr is a terminal.
pub(crate) fn import_with_progress(
    store: &mut Store,
    paths: &[PathBuf],
    opts: ImportOptions<'_>,
) -> anyhow::Result<ImportReport> {
    // Below this many bytes an import takes well under a second: no bar.
    const LONG_IMPORT_BYTES: u64 = 32 << 20;
    let store_wait = format!("{:.1}", store.busy_timeout().as_secs_f64());
    let bar = indicatif::ProgressBar::hidden();
    let tty = std::io::stderr().is_terminal();
    let progress = |p: &Progress| match p {
        Progress::Start { bytes, .. } => {
            if tty && *bytes >= LONG_IMPORT_BYTES {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_length(*bytes);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg:>10} [{bar:40}] {bytes}/{total_bytes} {elapsed}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_message("reading");
            }
        }
        Progress::FileRead { bytes } => bar.inc(*bytes),
        Progress::Waiting { writer } => {
            bar.suspend(|| {
                eprintln!(
                    "waiting for the store: {} is writing to it (at most {} s; --busy-timeout)",
                    writer.as_deref().unwrap_or("another process"),
                    store_wait
                );
            });
        }
        Progress::Writing => bar.set_message("writing"),
        Progress::Done => bar.finish_and_clear(),
    };
    let opts = ImportOptions {
        progress: Some(&progress),
        ..opts
    };
    let result = store.import(paths, &opts);
    bar.finish_and_clear();
    Ok(result?)
}

/// Writes text to stdout (a closed pipe ends the command quietly).
pub(crate) fn print_text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` to `out` when given, else to stdout.
pub(crate) fn write_output(out: Option<&std::path::Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => print_text(text),
    }
}

/// The latest session in the store: the last S&P 500 close, else the last
/// date of any series. Commands default their as-of date to it.
pub(crate) fn latest_session(universe: &model::Universe) -> Option<model::Date> {
    universe
        .get("^GSPC", model::Field::Close)
        .and_then(|s| s.last_date())
        .or_else(|| universe.last_date())
}

/// Parses a `YYYY-MM-DD` command-line date.
pub(crate) fn parse_date(s: &str) -> Result<model::Date, String> {
    model::parse_iso_date(s).ok_or_else(|| format!("`{s}` is not a YYYY-MM-DD date"))
}

/// Writes a value as pretty JSON to stdout.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print_text(&text)
}

/// Whether the error is a closed stdout pipe (`marketproof ... | head`).
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Formats a number with thousands separators: 1201936 → "1,201,936".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let lead = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    let (head, tail) = digits.split_at(lead.min(digits.len()));
    out.push_str(head);
    for group in tail.as_bytes().chunks(3) {
        out.push(',');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1_201_936), "1,201,936");
        assert_eq!(super::thousands(120_193), "120,193");
    }
}
