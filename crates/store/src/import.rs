//! The import: collect files, read and hash them, parse the changed ones
//! (in parallel), then write everything in one SQLite transaction and
//! rebuild the consolidated series, flags and reconciliation inside it.
//!
//! All-or-nothing: every file is parsed before anything is written, so a
//! bad file aborts the import with the store untouched; a crash mid-write
//! rolls back with the transaction.
//!
//! Bounded: one run reads at most [`ImportOptions::max_files`] files and
//! [`ImportOptions::max_total_bytes`] bytes, each a regular file of at most
//! [`ReadLimits::max_file_bytes`]; the readers bound records and cells
//! ([`crate::read::limits`]). A run that would remove stored observations
//! stops unless [`ImportOptions::allow_shrink`].

use crate::consolidate::{self, Reconciliation, SourceObs};
use crate::db::{self, date_to_days, field_code, field_from_code};
use crate::error::{input_error, InputProblem, Shrink};
use crate::quality;
use crate::read::{self, Format, ParsedFile, ReadContext, ReadLimits};
use crate::StoreError;
use model::{Registry, Series, SeriesKey, SourceId};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Default largest number of files one import reads.
pub const DEFAULT_MAX_FILES: usize = 100_000;
/// Default largest total size of the files one import reads (8 GiB).
pub const DEFAULT_MAX_TOTAL_BYTES: u64 = 8 << 30;

/// Priority of a file no dataset hint covers.
pub const DEFAULT_PRIORITY: u32 = 100;

/// Progress events, for a progress bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Files found and their total size.
    Start {
        /// Number of files.
        files: usize,
        /// Total bytes.
        bytes: u64,
    },
    /// One file was read (and parsed if it changed).
    FileRead {
        /// Its size.
        bytes: u64,
    },
    /// Another process is writing the store; this import waits (at most
    /// the store's busy timeout) for its write lock.
    Waiting {
        /// Who holds the lock, when it said so.
        writer: Option<String>,
    },
    /// Writing to the database.
    Writing,
    /// Done.
    Done,
}

/// Options for [`crate::Store::import`].
#[derive(Clone, Copy)]
pub struct ImportOptions<'a> {
    /// Bounds on each file: size, record and cell length.
    pub limits: ReadLimits,
    /// Most files one import reads; more is an error before any is read.
    pub max_files: usize,
    /// Most bytes one import reads (sum of the file sizes); more is an error
    /// before any file is read.
    pub max_total_bytes: u64,
    /// Accept replaced files that hold fewer observations than the stored
    /// version (otherwise the import stops and says how many would go).
    pub allow_shrink: bool,
    /// Called from the reading threads and the writer.
    pub progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        ImportOptions {
            limits: ReadLimits::default(),
            max_files: DEFAULT_MAX_FILES,
            max_total_bytes: DEFAULT_MAX_TOTAL_BYTES,
            allow_shrink: false,
            progress: None,
        }
    }
}

impl std::fmt::Debug for ImportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions")
            .field("limits", &self.limits)
            .field("max_files", &self.max_files)
            .field("max_total_bytes", &self.max_total_bytes)
            .field("allow_shrink", &self.allow_shrink)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// First import of this path.
    New,
    /// The content changed: its rows were replaced.
    Replaced,
    /// Same content hash as stored: skipped.
    Unchanged,
}

/// Per-file outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// Path relative to the imported folder.
    pub rel_path: String,
    /// New, replaced or unchanged.
    pub status: FileStatus,
    /// Detected format (None when unchanged and not parsed).
    pub format: Option<Format>,
    /// Observations written.
    pub observations: usize,
    /// Documents written.
    pub documents: usize,
    /// Members written.
    pub members: usize,
    /// What was skipped on purpose, and why.
    pub notes: Vec<String>,
}

/// Outcome of an import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    /// One entry per file found.
    pub files: Vec<FileReport>,
    /// Observation rows inserted.
    pub observations_added: usize,
    /// Observation rows deleted because their file changed.
    pub observations_removed: usize,
    /// Whether consolidated series were rebuilt (false when nothing changed).
    pub rebuilt: bool,
    /// Consolidated series in the store after the import.
    pub series: usize,
    /// Source overlaps compared (only when rebuilt).
    pub reconciliation: Vec<Reconciliation>,
    /// Values kept out of the consolidated series as implausible, with the
    /// reason (only when rebuilt).
    pub dropped: Vec<consolidate::Dropped>,
    /// Number of flags by kind (only when rebuilt).
    pub flags: BTreeMap<String, usize>,
    /// Instruments no registry entry claimed, learnt from file stems and
    /// wide-table columns and now stored.
    pub learnt: Vec<crate::read::Learnt>,
}

/// A file to import.
#[derive(Debug, Clone)]
pub(crate) struct InputFile {
    pub(crate) path: PathBuf,
    pub(crate) rel_path: String,
    pub(crate) origin: Option<String>,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a non-regular file is, for the error message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn not_a_file(path: &Path, meta: &std::fs::Metadata) -> StoreError {
    input_error(
        path,
        0,
        0,
        InputProblem::NotAFile,
        format!(
            "this is {} (through a symlink or not), not a regular file; only regular files are read",
            file_kind(meta)
        ),
        "remove it from the folder or name the real file; marketproof never reads devices, \
         pipes or sockets",
    )
}

/// Expands folders (recursively, `*.csv` in any case) and files, sorted by
/// relative path. A folder's files are relative to it; a lone file is
/// `parent-folder/name` so that dataset hints still apply. Every file must
/// be a regular file (symlinks are followed to one); at most `max_files`.
pub(crate) fn collect(paths: &[PathBuf], max_files: usize) -> Result<Vec<InputFile>, StoreError> {
    let mut out: Vec<InputFile> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut origins: HashMap<PathBuf, Option<String>> = HashMap::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(io_error(root))?;
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        let too_many = |found: usize| StoreError::TooMuch {
            path: root.clone(),
            what: "files",
            found: found as u64,
            limit: max_files as u64,
            help: "import the folder in parts, or raise the limit with --max-files",
        };
        if meta.is_dir() {
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).map_err(io_error(&dir))? {
                    let entry = entry.map_err(io_error(&dir))?;
                    let path = entry.path();
                    let name = entry.file_name().to_string_lossy().to_string();
                    if name.starts_with('.') {
                        continue;
                    }
                    let ft = entry.file_type().map_err(io_error(&path))?;
                    if ft.is_dir() {
                        stack.push(path);
                    } else if name.to_lowercase().ends_with(".csv") {
                        // Follows a symlink: what is read must be a regular file.
                        let target = std::fs::metadata(&path).map_err(io_error(&path))?;
                        if !target.is_file() {
                            return Err(not_a_file(&path, &target));
                        }
                        let rel = path
                            .strip_prefix(root)
                            .unwrap_or(&path)
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().to_string())
                            .collect::<Vec<_>>()
                            .join("/");
                        files.push((path, rel));
                        if out.len() + files.len() > max_files {
                            return Err(too_many(out.len() + files.len()));
                        }
                    }
                }
            }
        } else if meta.is_file() {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let parent = root
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string());
            let rel = match parent {
                Some(p) if !p.is_empty() => format!("{p}/{name}"),
                _ => name,
            };
            files.push((root.clone(), rel));
        } else {
            return Err(not_a_file(root, &meta));
        }
        for (path, rel_path) in files {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let origin = origins
                .entry(dir.clone())
                .or_insert_with(|| read_origin(&dir))
                .clone();
            if seen.insert(rel_path.clone()) {
                out.push(InputFile {
                    path,
                    rel_path,
                    origin,
                });
            }
        }
        if out.len() > max_files {
            return Err(too_many(out.len()));
        }
    }
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(out)
}

/// The folder's `SOURCE.txt` (at most 4 KiB of it, regular files only).
fn read_origin(dir: &Path) -> Option<String> {
    use std::io::Read;
    let path = dir.join("SOURCE.txt");
    if !std::fs::metadata(&path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    open_regular(&path)
        .ok()?
        .take(4096)
        .read_to_string(&mut text)
        .ok()?;
    Some(text.trim().to_string()).filter(|s| !s.is_empty())
}

/// Opens `path` for reading without blocking on a FIFO (`O_NONBLOCK` on
/// Unix; regular files ignore it) and checks, on the open handle, that it
/// is a regular file.
fn open_regular(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error(path))?;
    let meta = file.metadata().map_err(io_error(path))?;
    if !meta.is_file() {
        return Err(not_a_file(path, &meta));
    }
    Ok(file)
}

/// A file read and (if changed) parsed.
struct Prepared {
    input: InputFile,
    hash: String,
    parsed: Option<ParsedFile>,
    existing: Option<u32>,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Reads one regular file, at most `max_file_bytes` of it.
pub(crate) fn read_bounded(path: &Path, max_file_bytes: u64) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let file = open_regular(path)?;
    let len = file.metadata().map_err(io_error(path))?.len();
    let too_large = |len: u64| {
        input_error(
            path,
            0,
            0,
            InputProblem::TooLarge,
            format!("the file is {len} bytes, above the import limit of {max_file_bytes} bytes"),
            "split the file, check that it is really a market-data CSV, or raise the limit \
             with --max-file-bytes",
        )
    };
    if len > max_file_bytes {
        return Err(too_large(len));
    }
    let capacity = usize::try_from(len).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // `take` bounds the read even if the file grows while it is read.
    file.take(max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error(path))?;
    if bytes.len() as u64 > max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn read_one(
    input: &InputFile,
    existing: &HashMap<String, (u32, String)>,
    registry: &Registry,
    opts: &ImportOptions<'_>,
) -> Result<Prepared, StoreError> {
    let bytes = read_bounded(&input.path, opts.limits.max_file_bytes)?;
    if let Some(p) = opts.progress {
        p(&Progress::FileRead {
            bytes: bytes.len() as u64,
        });
    }
    let hash = hex(&Sha256::digest(&bytes));
    let prev = existing.get(&input.rel_path);
    if prev.is_some_and(|(_, h)| *h == hash) {
        return Ok(Prepared {
            input: input.clone(),
            hash,
            parsed: None,
            existing: prev.map(|(id, _)| *id),
        });
    }
    let ctx = ReadContext {
        path: &input.path,
        rel_path: &input.rel_path,
        registry,
        limits: opts.limits,
    };
    let parsed = read::parse_bytes(&ctx, &bytes)?;
    Ok(Prepared {
        input: input.clone(),
        hash,
        parsed: Some(parsed),
        existing: prev.map(|(id, _)| *id),
    })
}

/// Every stored source: relative path → (id, content hash).
fn stored_sources(conn: &Connection) -> Result<HashMap<String, (u32, String)>, StoreError> {
    let mut stmt = conn.prepare("SELECT id, path, content_hash FROM sources")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            (r.get::<_, u32>(0)?, r.get::<_, String>(2)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn unchanged_report(prepared: &[Prepared], conn: &Connection) -> Result<ImportReport, StoreError> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM series", [], |r| r.get(0))?;
    Ok(ImportReport {
        files: prepared
            .iter()
            .map(|p| FileReport {
                rel_path: p.input.rel_path.clone(),
                status: FileStatus::Unchanged,
                format: None,
                observations: 0,
                documents: 0,
                members: 0,
                notes: Vec::new(),
            })
            .collect(),
        observations_added: 0,
        observations_removed: 0,
        rebuilt: false,
        series: usize::try_from(n).unwrap_or(0),
        reconciliation: Vec::new(),
        dropped: Vec::new(),
        flags: BTreeMap::new(),
        learnt: Vec::new(),
    })
}

/// Where the store lives and how long to wait for its write lock.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreAt<'a> {
    pub(crate) path: Option<&'a Path>,
    pub(crate) busy_timeout: Duration,
}

/// Takes the write lock: at once if free, else after telling the caller
/// who holds it and waiting at most `busy_timeout`.
pub(crate) fn begin_write<'c>(
    conn: &'c mut Connection,
    at: StoreAt<'_>,
    progress: Option<&(dyn Fn(&Progress) + Sync)>,
) -> Result<Transaction<'c>, StoreError> {
    const FIRST_TRY: Duration = Duration::from_millis(200);
    conn.busy_timeout(FIRST_TRY.min(at.busy_timeout))?;
    let busy = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    };
    let first = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map(|_| ());
    // (The borrow checker wants the transaction made once; a free lock
    // is taken again at once below.)
    match first {
        Ok(()) => {}
        Err(e) if busy(&e) && at.busy_timeout > FIRST_TRY => {
            if let Some(p) = progress {
                p(&Progress::Waiting {
                    writer: at.path.and_then(crate::writer::read),
                });
            }
        }
        Err(e) => return Err(StoreError::Sql(e)),
    }
    conn.busy_timeout(at.busy_timeout.saturating_sub(FIRST_TRY))?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate);
    tx.map_err(StoreError::Sql)
}

/// Runs a whole import on `conn`.
pub(crate) fn run(
    conn: &mut Connection,
    registry: &Registry,
    paths: &[PathBuf],
    opts: &ImportOptions<'_>,
    at: StoreAt<'_>,
) -> Result<ImportReport, StoreError> {
    let result = run_inner(conn, registry, paths, opts, at);
    // Leave the connection's normal wait in place for later calls.
    let _ = conn.busy_timeout(at.busy_timeout);
    result.map_err(|e| e.in_store(at.path, at.busy_timeout))
}

fn run_inner(
    conn: &mut Connection,
    registry: &Registry,
    paths: &[PathBuf],
    opts: &ImportOptions<'_>,
    at: StoreAt<'_>,
) -> Result<ImportReport, StoreError> {
    let inputs = collect(paths, opts.max_files)?;
    let mut total_bytes = 0u64;
    for f in &inputs {
        total_bytes += std::fs::metadata(&f.path).map_err(io_error(&f.path))?.len();
    }
    if total_bytes > opts.max_total_bytes {
        return Err(StoreError::TooMuch {
            path: paths.first().cloned().unwrap_or_default(),
            what: "bytes",
            found: total_bytes,
            limit: opts.max_total_bytes,
            help: "import the folder in parts, or raise the limit with --max-total-bytes",
        });
    }
    if let Some(p) = opts.progress {
        p(&Progress::Start {
            files: inputs.len(),
            bytes: total_bytes,
        });
    }
    let existing = stored_sources(conn)?;
    let mut prepared = read_all(&inputs, &existing, registry, opts)?;
    if prepared.iter().all(|p| p.parsed.is_none()) {
        return unchanged_report(&prepared, conn);
    }

    let tx = begin_write(conn, at, opts.progress)?;
    let _writer = at.path.and_then(crate::writer::claim);
    // Another import may have committed while this one was reading: judge
    // every file again against what is stored now.
    let now = stored_sources(&tx)?;
    if now != existing {
        for p in &mut prepared {
            let stored = now.get(&p.input.rel_path);
            p.existing = stored.map(|(id, _)| *id);
            match stored {
                Some((_, hash)) if *hash == p.hash => p.parsed = None,
                _ if p.parsed.is_none() => *p = read_one(&p.input, &now, registry, opts)?,
                _ => {}
            }
        }
        if prepared.iter().all(|p| p.parsed.is_none()) {
            return unchanged_report(&prepared, &tx);
        }
    }
    if !opts.allow_shrink {
        let shrinks = shrinks(&tx, &prepared)?;
        if !shrinks.is_empty() {
            return Err(StoreError::WouldShrink { files: shrinks });
        }
    }
    if let Some(p) = opts.progress {
        p(&Progress::Writing);
    }
    let mut report = ImportReport {
        files: Vec::new(),
        observations_added: 0,
        observations_removed: 0,
        rebuilt: false,
        series: 0,
        reconciliation: Vec::new(),
        dropped: Vec::new(),
        flags: BTreeMap::new(),
        learnt: Vec::new(),
    };
    // Instruments no registry entry claimed, learnt from stems and columns
    // (the first file that met a symbol names it).
    let mut learnt: Vec<crate::read::Learnt> = Vec::new();
    for l in prepared
        .iter()
        .filter_map(|p| p.parsed.as_ref())
        .flat_map(|p| p.learnt.iter())
    {
        if !learnt
            .iter()
            .any(|k| k.instrument.symbol == l.instrument.symbol)
        {
            learnt.push(l.clone());
        }
    }
    let registry = &registry.with_instruments(learnt.iter().map(|l| l.instrument.clone()))?;
    crate::learnt::insert(&tx, &learnt, false)?;
    report.learnt = learnt;
    let instrument_ids = upsert_instruments(
        &tx,
        registry,
        prepared.iter().filter_map(|p| p.parsed.as_ref()),
    )?;
    // The fresh files' series move on to the rebuild (no second copy of
    // tens of millions of observations).
    let mut fresh: HashMap<u32, Vec<read::ParsedSeries>> = HashMap::new();
    for p in &mut prepared {
        let status = match (&p.parsed, p.existing) {
            (None, _) => FileStatus::Unchanged,
            (Some(_), Some(_)) => FileStatus::Replaced,
            (Some(_), None) => FileStatus::New,
        };
        let mut file_report = FileReport {
            rel_path: p.input.rel_path.clone(),
            status,
            format: None,
            observations: 0,
            documents: 0,
            members: 0,
            notes: Vec::new(),
        };
        if let Some(parsed) = &mut p.parsed {
            let (source_id, removed) =
                write_source(&tx, &p.input, p.existing, &p.hash, parsed, registry)?;
            report.observations_removed += removed;
            let added = write_rows(&tx, &p.input, source_id, parsed, &instrument_ids)?;
            report.observations_added += added;
            file_report.format = Some(parsed.format);
            file_report.observations = added;
            file_report.documents = parsed.documents.len();
            file_report.members = parsed.members.len();
            file_report.notes.clone_from(&parsed.notes);
            fresh.insert(source_id, std::mem::take(&mut parsed.series));
        }
        report.files.push(file_report);
    }
    let rebuilt = rebuild(&tx, registry, fresh)?;
    report.rebuilt = true;
    report.series = rebuilt.series;
    report.reconciliation = rebuilt.reconciliation;
    report.dropped = rebuilt.dropped;
    report.flags = rebuilt.flags;
    tx.commit()?;
    if let Some(p) = opts.progress {
        p(&Progress::Done);
    }
    Ok(report)
}

/// Reads and parses in parallel (up to 4 threads); results keep input order.
fn read_all(
    inputs: &[InputFile],
    existing: &HashMap<String, (u32, String)>,
    registry: &Registry,
    opts: &ImportOptions<'_>,
) -> Result<Vec<Prepared>, StoreError> {
    let slots: Vec<Mutex<Option<Result<Prepared, StoreError>>>> =
        inputs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 4)
        .min(inputs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let result = read_one(input, existing, registry, opts);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(result);
                }
            });
        }
    });
    let mut prepared = Vec::with_capacity(inputs.len());
    for slot in slots {
        let result = slot
            .into_inner()
            .map_err(|_| StoreError::Corrupt("a reader thread panicked".into()))?
            .ok_or_else(|| StoreError::Corrupt("a reader thread panicked".into()))?;
        prepared.push(result?);
    }
    Ok(prepared)
}

/// The replaced files whose new version lacks stored observations (an
/// (instrument, field, date) the old version had), documents or members.
fn shrinks(tx: &Transaction<'_>, prepared: &[Prepared]) -> Result<Vec<Shrink>, StoreError> {
    let mut out = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT i.symbol, o.field, o.dates FROM source_series o
         JOIN instruments i ON i.id = o.instrument_id WHERE o.source_id = ?1",
    )?;
    for p in prepared {
        let (Some(parsed), Some(id)) = (&p.parsed, p.existing) else {
            continue;
        };
        let new_keys: HashMap<(&str, i64), HashSet<i32>> = parsed
            .series
            .iter()
            .map(|s| {
                let days = s.dates.iter().map(|d| date_to_days(*d)).collect();
                ((s.symbol.as_str(), field_code(s.field)), days)
            })
            .collect();
        let (mut before, mut lost) = (0usize, 0usize);
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let symbol: String = row.get(0)?;
            let code: i64 = row.get(1)?;
            let new_days = new_keys.get(&(symbol.as_str(), code));
            for day in db::decode_4(crate::blob(row, 2)?)? {
                before += 1;
                if !new_days.is_some_and(|d| d.contains(&i32::from_le_bytes(day))) {
                    lost += 1;
                }
            }
        }
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 = tx.query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE source_id = ?1"),
                [id],
                |r| r.get(0),
            )?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let (docs, members) = (count("documents")?, count("members")?);
        before += docs + members;
        lost += docs.saturating_sub(parsed.documents.len())
            + members.saturating_sub(parsed.members.len());
        if lost > 0 {
            out.push(Shrink {
                path: p.input.rel_path.clone(),
                before,
                after: parsed.observation_count() + parsed.documents.len() + parsed.members.len(),
                lost,
            });
        }
    }
    Ok(out)
}

fn kind_name(kind: model::InstrumentKind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// Writes every listed instrument, plus the family members (synthetic
/// series) that the parsed files hold: families are not listed, so their
/// members are added as they are met.
pub(crate) fn upsert_instruments<'a>(
    tx: &Transaction<'_>,
    registry: &Registry,
    parsed: impl Iterator<Item = &'a ParsedFile>,
) -> Result<HashMap<String, i64>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO instruments(symbol, name, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT(symbol) DO UPDATE SET name = excluded.name, kind = excluded.kind",
    )?;
    for inst in registry.instruments() {
        stmt.execute(params![inst.symbol, inst.name, kind_name(inst.kind)])?;
    }
    let mut met: Vec<&str> = parsed
        .flat_map(|parsed| parsed.series.iter().map(|s| s.symbol.as_str()))
        .collect();
    met.sort_unstable();
    met.dedup();
    for symbol in met {
        if let Some(inst) = registry.family_member(symbol) {
            stmt.execute(params![inst.symbol, inst.name, kind_name(inst.kind)])?;
        }
    }
    let mut stmt = tx.prepare("SELECT symbol, id FROM instruments")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts or updates the source row; deletes a changed source's old rows.
pub(crate) fn write_source(
    tx: &Transaction<'_>,
    input: &InputFile,
    existing: Option<u32>,
    hash: &str,
    parsed: &ParsedFile,
    registry: &Registry,
) -> Result<(u32, usize), StoreError> {
    let priority = registry
        .dataset_hint(&input.rel_path)
        .map_or(DEFAULT_PRIORITY, |h| h.priority);
    let notes = serde_json::to_string(&parsed.notes).unwrap_or_else(|_| "[]".into());
    let observations = parsed.observation_count();
    match existing {
        Some(id) => {
            let removed: i64 = tx.query_row(
                "SELECT COALESCE(SUM(n), 0) FROM source_series WHERE source_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let removed = usize::try_from(removed).unwrap_or(0);
            tx.execute("DELETE FROM source_series WHERE source_id = ?1", [id])?;
            tx.execute("DELETE FROM documents WHERE source_id = ?1", [id])?;
            tx.execute("DELETE FROM members WHERE source_id = ?1", [id])?;
            tx.execute(
                "UPDATE sources SET content_hash = ?2, origin = ?3, format = ?4, priority = ?5,
                 data_rows = ?6, observations = ?7, notes = ?8 WHERE id = ?1",
                params![
                    id,
                    hash,
                    input.origin,
                    parsed.format.as_str(),
                    priority,
                    parsed.data_rows as i64,
                    observations as i64,
                    notes
                ],
            )?;
            Ok((id, removed))
        }
        None => {
            tx.execute(
                "INSERT INTO sources(path, content_hash, origin, format, priority, data_rows,
                 observations, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    input.rel_path,
                    hash,
                    input.origin,
                    parsed.format.as_str(),
                    priority,
                    parsed.data_rows as i64,
                    observations as i64,
                    notes
                ],
            )?;
            let id = u32::try_from(tx.last_insert_rowid())
                .map_err(|_| StoreError::Corrupt("source id out of range".into()))?;
            Ok((id, 0))
        }
    }
}

pub(crate) fn write_rows(
    tx: &Transaction<'_>,
    input: &InputFile,
    source_id: u32,
    parsed: &ParsedFile,
    instrument_ids: &HashMap<String, i64>,
) -> Result<usize, StoreError> {
    // One row per column of the file, dates and values packed (db.rs).
    let mut added = 0;
    let mut insert = tx.prepare_cached(
        "INSERT INTO source_series(source_id, instrument_id, field, n, dates, vals)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in &parsed.series {
        let inst = *instrument_ids
            .get(&s.symbol)
            .ok_or_else(|| StoreError::UnknownInstrument(s.symbol.clone()))?;
        let days: Vec<i32> = s.dates.iter().map(|d| date_to_days(*d)).collect();
        insert
            .execute(params![
                source_id,
                inst,
                field_code(s.field),
                days.len() as i64,
                db::encode_i32(&days),
                db::encode_f64(&s.values),
            ])
            .map_err(|e| match e.sqlite_error_code() {
                // The readers refuse such files; this is the backstop.
                Some(rusqlite::ErrorCode::ConstraintViolation) => input_error(
                    &input.path,
                    1,
                    0,
                    InputProblem::DuplicateColumn,
                    format!("two columns of this file hold {} {}", s.symbol, s.field),
                    "keep one column per instrument and field",
                ),
                _ => StoreError::Sql(e),
            })?;
        added += days.len();
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO documents(source_id, doc_id, date, title, url, body, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for d in &parsed.documents {
        stmt.execute(params![
            source_id,
            d.id,
            date_to_days(d.date),
            d.title,
            d.url,
            d.body,
            d.kind
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO members(source_id, index_symbol, symbol, name, sector)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for m in &parsed.members {
        stmt.execute(params![source_id, m.index, m.symbol, m.name, m.sector])?;
    }
    Ok(added)
}

pub(crate) struct Rebuilt {
    pub(crate) series: usize,
    pub(crate) reconciliation: Vec<Reconciliation>,
    pub(crate) dropped: Vec<consolidate::Dropped>,
    pub(crate) flags: BTreeMap<String, usize>,
}

/// Rebuilds the consolidated series, flags and reconciliation tables from
/// every source: fresh sources from memory, the others from the database.
pub(crate) fn rebuild(
    tx: &Transaction<'_>,
    registry: &Registry,
    mut fresh: HashMap<u32, Vec<read::ParsedSeries>>,
) -> Result<Rebuilt, StoreError> {
    let sources: Vec<(u32, String, u32)> = {
        let mut stmt = tx.prepare("SELECT id, path, priority FROM sources ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut groups: BTreeMap<SeriesKey, Vec<SourceObs>> = BTreeMap::new();
    for (id, path, priority) in &sources {
        let mk = |days: Vec<i32>, values: Vec<f64>| SourceObs {
            source: SourceId(*id),
            priority: *priority,
            path: path.clone(),
            days,
            values,
        };
        if let Some(series) = fresh.remove(id) {
            for s in series {
                let days = s.dates.iter().map(|d| date_to_days(*d)).collect();
                groups
                    .entry(SeriesKey::new(s.symbol, s.field))
                    .or_default()
                    .push(mk(days, s.values));
            }
            continue;
        }
        let mut stmt = tx.prepare_cached(
            "SELECT i.symbol, o.field, o.dates, o.vals FROM source_series o
             JOIN instruments i ON i.id = o.instrument_id
             WHERE o.source_id = ?1 ORDER BY o.instrument_id, o.field",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let symbol: String = row.get(0)?;
            let code: i64 = row.get(1)?;
            let field = field_from_code(code)
                .ok_or_else(|| StoreError::Corrupt(format!("field code {code}")))?;
            let days: Vec<i32> = db::decode_4(crate::blob(row, 2)?)?
                .map(i32::from_le_bytes)
                .collect();
            let values = db::decode_f64(crate::blob(row, 3)?)?;
            if days.len() != values.len() {
                return Err(StoreError::Corrupt(format!(
                    "source {id}: {symbol} {field}: {} dates, {} values",
                    days.len(),
                    values.len()
                )));
            }
            groups
                .entry(SeriesKey::new(symbol, field))
                .or_default()
                .push(mk(days, values));
        }
    }

    tx.execute("DELETE FROM series", [])?;
    tx.execute("DELETE FROM flags", [])?;
    tx.execute("DELETE FROM reconciliation", [])?;
    let mut insert_series = tx.prepare_cached(
        "INSERT INTO series(instrument, field, n, first_date, last_date, source_ids, flags,
         dates, vals, srcs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut insert_flag = tx.prepare_cached(
        "INSERT INTO flags(instrument, field, kind, date, end_date, source_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_rec = tx.prepare_cached(
        "INSERT INTO reconciliation(instrument, field, source_a, source_b, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut out = Rebuilt {
        series: 0,
        reconciliation: Vec::new(),
        dropped: Vec::new(),
        flags: BTreeMap::new(),
    };
    for (key, mut inputs) in groups {
        let instrument = registry.get(&key.instrument);
        let rules = consolidate::Rules {
            bad_prints: key.field.must_be_positive(),
            weekdays: instrument.is_some_and(|i| {
                i.frequency == model::Frequency::Daily
                    && matches!(
                        i.kind,
                        model::InstrumentKind::Index
                            | model::InstrumentKind::Etf
                            | model::InstrumentKind::Stock
                    )
            }),
        };
        // Sorts the inputs by priority; a lone input's vectors move out.
        let consolidated = consolidate::consolidate(&key, &mut inputs, rules);
        let merged = consolidated.merged;
        let recs = consolidated.reconciliation;
        let path_of = |id: u32| {
            inputs
                .iter()
                .find(|s| s.source.0 == id)
                .map_or("?", |s| s.path.as_str())
        };
        let mut flags = Vec::new();
        let day =
            |d: i32| db::days_to_date(d).ok_or_else(|| StoreError::Corrupt(format!("day {d}")));
        for point in &consolidated.weekend {
            let date = day(point.day)?;
            flags.push(quality::Flag {
                instrument: key.instrument.clone(),
                field: key.field,
                kind: quality::FlagKind::OffCalendar,
                date,
                end_date: date,
                source: SourceId(point.source),
                detail: format!(
                    "{} on {} {date} from {}: {} of a weekday series; {}",
                    point.value,
                    date.format("%A"),
                    path_of(point.source),
                    if consolidate::is_weekend(point.day) {
                        "weekend row"
                    } else {
                        "holiday row"
                    },
                    point.why
                ),
            });
        }
        for d in &consolidated.dropped {
            flags.push(quality::Flag {
                instrument: key.instrument.clone(),
                field: key.field,
                kind: quality::FlagKind::BadPrint,
                date: d.date,
                end_date: d.date,
                source: d.source,
                detail: format!("{} from {}: {}", d.value, d.path, d.reason),
            });
        }
        out.dropped.extend(consolidated.dropped);
        let dates = merged
            .days
            .iter()
            .map(|d| {
                db::days_to_date_fast(*d).ok_or_else(|| StoreError::Corrupt(format!("day {d}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let srcs: Vec<SourceId> = merged.sources.iter().map(|s| SourceId(*s)).collect();
        let series = Series::new(key.clone(), dates, merged.values.clone(), srcs)?;
        // A one-day reversal that another source confirms is a move the
        // market made (VIX 2011-08-08, +50 %), not a bad print.
        flags.extend(
            quality::flag_series(&series, instrument)
                .into_iter()
                .filter(|f| {
                    f.kind != quality::FlagKind::Spike
                        || series.index_of(f.date).is_none_or(|i| {
                            consolidate::confirmed_by(
                                &inputs,
                                date_to_days(f.date),
                                series.values()[i],
                                f.source.0,
                            )
                            .is_none()
                        })
                }),
        );
        let mut ids: Vec<u32> = inputs.iter().map(|s| s.source.0).collect();
        ids.sort_unstable();
        let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
        insert_series.execute(params![
            key.instrument,
            key.field.as_str(),
            merged.days.len() as i64,
            merged.days.first(),
            merged.days.last(),
            ids.join(","),
            flags.len() as i64,
            db::encode_i32(&merged.days),
            db::encode_f64(&merged.values),
            db::encode_u32(&merged.sources),
        ])?;
        for f in &flags {
            *out.flags.entry(f.kind.as_str().to_string()).or_default() += 1;
            insert_flag.execute(params![
                f.instrument,
                f.field.as_str(),
                f.kind.as_str(),
                date_to_days(f.date),
                date_to_days(f.end_date),
                f.source.0,
                f.detail
            ])?;
        }
        for r in &recs {
            let body = serde_json::to_string(r)
                .map_err(|e| StoreError::Corrupt(format!("reconciliation json: {e}")))?;
            insert_rec.execute(params![
                key.instrument,
                key.field.as_str(),
                r.source_used.0,
                r.source_other.0,
                body
            ])?;
        }
        out.reconciliation.extend(recs);
        out.series += 1;
    }
    Ok(out)
}
