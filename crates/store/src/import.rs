//! The import: collect files, read and hash them, parse the changed ones
//! (in parallel), then write everything in one SQLite transaction and
//! rebuild the consolidated series, flags and reconciliation inside it.
//!
//! All-or-nothing: every file is parsed before anything is written, so a
//! bad file aborts the import with the store untouched; a crash mid-write
//! rolls back with the transaction.

use crate::consolidate::{self, Reconciliation, SourceObs};
use crate::db::{self, date_to_days, field_code, field_from_code};
use crate::error::{input_error, InputProblem};
use crate::quality;
use crate::read::{self, Format, ParsedFile, ReadContext};
use crate::StoreError;
use model::{Registry, Series, SeriesKey, SourceId};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Default largest file the importer reads (1 GiB); larger files are
/// rejected before any byte is read.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

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
    /// Writing to the database.
    Writing,
    /// Done.
    Done,
}

/// Options for [`crate::Store::import`].
#[derive(Clone, Copy)]
pub struct ImportOptions<'a> {
    /// Files above this size are rejected (never read).
    pub max_file_bytes: u64,
    /// Called from the reading threads and the writer.
    pub progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            progress: None,
        }
    }
}

impl std::fmt::Debug for ImportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions")
            .field("max_file_bytes", &self.max_file_bytes)
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
    /// Number of flags by kind (only when rebuilt).
    pub flags: BTreeMap<String, usize>,
}

/// A file to import.
#[derive(Debug, Clone)]
pub(crate) struct InputFile {
    pub(crate) path: PathBuf,
    pub(crate) rel_path: String,
    pub(crate) origin: Option<String>,
}

/// Expands folders (recursively, `*.csv` in any case) and files, sorted by
/// relative path. A folder's files are relative to it; a lone file is
/// `parent-folder/name` so that dataset hints still apply.
pub(crate) fn collect(paths: &[PathBuf]) -> Result<Vec<InputFile>, StoreError> {
    let mut out: Vec<InputFile> = Vec::new();
    let mut origins: HashMap<PathBuf, Option<String>> = HashMap::new();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    for root in paths {
        let meta = std::fs::metadata(root).map_err(io(root))?;
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        if meta.is_dir() {
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
                    let entry = entry.map_err(io(&dir))?;
                    let path = entry.path();
                    let name = entry.file_name().to_string_lossy().to_string();
                    if name.starts_with('.') {
                        continue;
                    }
                    let ft = entry.file_type().map_err(io(&path))?;
                    if ft.is_dir() {
                        stack.push(path);
                    } else if name.to_lowercase().ends_with(".csv") {
                        let rel = path
                            .strip_prefix(root)
                            .unwrap_or(&path)
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().to_string())
                            .collect::<Vec<_>>()
                            .join("/");
                        files.push((path, rel));
                    }
                }
            }
        } else {
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
        }
        for (path, rel_path) in files {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let origin = origins
                .entry(dir.clone())
                .or_insert_with(|| {
                    std::fs::read_to_string(dir.join("SOURCE.txt"))
                        .ok()
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                })
                .clone();
            if out.iter().all(|f| f.rel_path != rel_path) {
                out.push(InputFile {
                    path,
                    rel_path,
                    origin,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(out)
}

/// A file read and (if changed) parsed.
struct Prepared {
    input: InputFile,
    hash: String,
    parsed: Option<ParsedFile>,
    existing: Option<u32>,
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn read_one(
    input: &InputFile,
    existing: &HashMap<String, (u32, String)>,
    registry: &Registry,
    opts: &ImportOptions<'_>,
) -> Result<Prepared, StoreError> {
    let meta = std::fs::metadata(&input.path).map_err(|source| StoreError::Io {
        path: input.path.clone(),
        source,
    })?;
    if meta.len() > opts.max_file_bytes {
        return Err(input_error(
            &input.path,
            0,
            0,
            InputProblem::TooLarge,
            format!(
                "the file is {} bytes, above the import limit of {} bytes",
                meta.len(),
                opts.max_file_bytes
            ),
            "split the file, or check that it is really a market-data CSV",
        ));
    }
    let bytes = std::fs::read(&input.path).map_err(|source| StoreError::Io {
        path: input.path.clone(),
        source,
    })?;
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
    };
    let parsed = read::parse_bytes(&ctx, &bytes)?;
    Ok(Prepared {
        input: input.clone(),
        hash,
        parsed: Some(parsed),
        existing: prev.map(|(id, _)| *id),
    })
}

/// Runs a whole import on `conn`.
pub(crate) fn run(
    conn: &mut Connection,
    registry: &Registry,
    paths: &[PathBuf],
    opts: &ImportOptions<'_>,
) -> Result<ImportReport, StoreError> {
    let inputs = collect(paths)?;
    if let Some(p) = opts.progress {
        let bytes = inputs
            .iter()
            .filter_map(|f| std::fs::metadata(&f.path).ok())
            .map(|m| m.len().min(opts.max_file_bytes))
            .sum();
        p(&Progress::Start {
            files: inputs.len(),
            bytes,
        });
    }
    let existing: HashMap<String, (u32, String)> = {
        let mut stmt = conn.prepare("SELECT id, path, content_hash FROM sources")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                (r.get::<_, u32>(0)?, r.get::<_, String>(2)?),
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };

    // Read and parse in parallel; results land in their input slot.
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
                let result = read_one(input, &existing, registry, opts);
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

    let mut report = ImportReport {
        files: Vec::new(),
        observations_added: 0,
        observations_removed: 0,
        rebuilt: false,
        series: 0,
        reconciliation: Vec::new(),
        flags: BTreeMap::new(),
    };
    let changed = prepared.iter().any(|p| p.parsed.is_some());
    if !changed {
        report.files = prepared
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
            .collect();
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM series", [], |r| r.get(0))?;
        report.series = usize::try_from(n).unwrap_or(0);
        return Ok(report);
    }
    if let Some(p) = opts.progress {
        p(&Progress::Writing);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let instrument_ids = upsert_instruments(&tx, registry, &prepared)?;
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
            let added = write_rows(&tx, source_id, parsed, &instrument_ids)?;
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
    report.flags = rebuilt.flags;
    tx.commit()?;
    if let Some(p) = opts.progress {
        p(&Progress::Done);
    }
    Ok(report)
}

fn kind_name(kind: model::InstrumentKind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// Writes every listed instrument, plus the family members (synthetic
/// series) that the parsed files hold: families are not listed, so their
/// members are added as they are met.
fn upsert_instruments(
    tx: &Transaction<'_>,
    registry: &Registry,
    prepared: &[Prepared],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO instruments(symbol, name, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT(symbol) DO UPDATE SET name = excluded.name, kind = excluded.kind",
    )?;
    for inst in registry.instruments() {
        stmt.execute(params![inst.symbol, inst.name, kind_name(inst.kind)])?;
    }
    let mut met: Vec<&str> = prepared
        .iter()
        .filter_map(|p| p.parsed.as_ref())
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
fn write_source(
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

fn write_rows(
    tx: &Transaction<'_>,
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
        insert.execute(params![
            source_id,
            inst,
            field_code(s.field),
            days.len() as i64,
            db::encode_i32(&days),
            db::encode_f64(&s.values),
        ])?;
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

struct Rebuilt {
    series: usize,
    reconciliation: Vec<Reconciliation>,
    flags: BTreeMap<String, usize>,
}

/// Rebuilds the consolidated series, flags and reconciliation tables from
/// every source: fresh sources from memory, the others from the database.
fn rebuild(
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
        flags: BTreeMap::new(),
    };
    for (key, mut inputs) in groups {
        // merge sorts the inputs by priority, which reconcile relies on; a
        // lone input (moved out by merge) has nothing to reconcile.
        let mut merged = consolidate::merge(&mut inputs);
        let recs = consolidate::reconcile(&key, &inputs);
        let instrument = registry.get(&key.instrument);
        let weekday_series = instrument.is_some_and(|i| {
            i.frequency == model::Frequency::Daily
                && matches!(
                    i.kind,
                    model::InstrumentKind::Index
                        | model::InstrumentKind::Etf
                        | model::InstrumentKind::Stock
                )
        });
        let mut flags = Vec::new();
        if weekday_series {
            let path_of = |id: u32| {
                inputs
                    .iter()
                    .find(|s| s.source.0 == id)
                    .map_or("?", |s| s.path.as_str())
            };
            for point in consolidate::weekend_points(&mut merged) {
                let date = db::days_to_date(point.day)
                    .ok_or_else(|| StoreError::Corrupt(format!("day {}", point.day)))?;
                let what = if point.carried_forward {
                    "repeats the previous weekday and was left out"
                } else {
                    "kept (a weekend session?)"
                };
                flags.push(quality::Flag {
                    instrument: key.instrument.clone(),
                    field: key.field,
                    kind: quality::FlagKind::OffCalendar,
                    date,
                    end_date: date,
                    source: SourceId(point.source),
                    detail: format!(
                        "{} on {} {date} from {}: weekend value of a weekday series; {what}",
                        point.value,
                        date.format("%A"),
                        path_of(point.source)
                    ),
                });
            }
        }
        let dates = merged
            .days
            .iter()
            .map(|d| {
                db::days_to_date_fast(*d).ok_or_else(|| StoreError::Corrupt(format!("day {d}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let srcs: Vec<SourceId> = merged.sources.iter().map(|s| SourceId(*s)).collect();
        let series = Series::new(key.clone(), dates, merged.values.clone(), srcs)?;
        flags.extend(quality::flag_series(&series, instrument));
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
