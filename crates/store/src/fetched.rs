//! Sources fetched from providers (`marketproof sync`): how a fetch is
//! merged with what is stored, how restatements are kept, and provenance.
//!
//! A provider's response is converted (by the `providers` crate) into a
//! CSV of the fetched window in a layout the readers know
//! (`Date,Open,High,Low,Close,Adj Close,Volume`, a FRED
//! `observation_date,SERIES` table, a Ken French CSV), and handed here as a
//! [`Fetched`] with its [`Provenance`]. The readers parse it exactly as they
//! parse a file (header detection, bounds, plausibility), so a fetched
//! source meets every check an imported file meets.
//!
//! One stored source per provider and symbol (`sync/yahoo/NVDA.csv`): a
//! fetch covers a window of dates (its first to its last row, per series);
//! stored rows outside the window stay, rows inside it come from the fetch.
//! A stored row inside the window that the fetch changes (beyond
//! [`RESTATE_TOLERANCE_REL`]) or leaves out is a **restatement**: the
//! source's stored version is archived whole (`source_versions`,
//! `source_version_series`) before the new version replaces it, and the
//! report lists what changed, so a restated history is never silently
//! overwritten. A fetch that adds nothing and restates nothing writes
//! nothing (a re-run of `sync` is idempotent). Every fetch that changed a
//! source is logged in `fetches` (provider, URL with secrets redacted,
//! fetch time, SHA-256 and size of the response, HTTP status), and the
//! source's `origin` names the latest, so citations name the provider and
//! the fetch time.
//!
//! All-or-nothing: the accepted fetches of one call are written in one
//! transaction with the consolidated series rebuilt; a fetch whose body the
//! readers refuse is rejected alone (listed in [`ApplyReport::rejected`])
//! and nothing of it is written.

use crate::db::{self, date_to_days, field_code, field_from_code};
use crate::import::{self, InputFile, Progress, StoreAt};
use crate::read::{self, Learnt, ParsedFile, ParsedSeries, ReadContext, ReadLimits};
use crate::StoreError;
use model::{Date, Field, Instrument, Registry};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Largest relative difference between a stored and a fetched value that
/// is still the same value (providers send the same float every time; this
/// only absorbs printing round trips).
pub const RESTATE_TOLERANCE_REL: f64 = 1e-9;

/// At most this many restated values are listed per source in a report
/// (all of them are counted).
const MAX_LISTED_RESTATEMENTS: usize = 20;

/// Where a fetched body came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Provider id: `yahoo`, `fred`, `french`, `cboe`, `stooq`.
    pub provider: String,
    /// The URL requested, with secrets (API keys) redacted.
    pub url: String,
    /// When the response arrived, RFC 3339 UTC (`2026-08-24T21:05:03Z`).
    pub fetched_at: String,
    /// Hex SHA-256 of the response body as received.
    pub response_sha256: String,
    /// Size of the response body in bytes.
    pub response_bytes: u64,
    /// HTTP status (200, or 304 when the body came from the HTTP cache).
    pub http_status: u16,
}

impl Provenance {
    /// The one-line origin stored with the source and printed in citations.
    pub fn origin(&self) -> String {
        let hash = self
            .response_sha256
            .get(..16)
            .unwrap_or(&self.response_sha256);
        format!(
            "{} {}, fetched {}, HTTP {}, {} bytes, sha256 {}",
            self.provider, self.url, self.fetched_at, self.http_status, self.response_bytes, hash
        )
    }
}

/// One provider response, converted to a CSV the readers know.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The source path, `sync/<provider>/<file>` (`sync/yahoo/NVDA.csv`);
    /// its stem names the instrument (or, for a table, its columns do).
    pub path: String,
    /// The converted body: only the rows of the fetched window.
    pub csv: Vec<u8>,
    /// Where it came from.
    pub provenance: Provenance,
    /// The provider's metadata for the instrument (name, kind, exchange,
    /// currency), stored as a learnt instrument when the built-in
    /// registry does not list the symbol.
    pub instrument: Option<Instrument>,
}

/// Options of [`crate::Store::apply_fetched`].
#[derive(Clone, Copy, Default)]
pub struct FetchOptions<'a> {
    /// Bounds on each converted body.
    pub limits: ReadLimits,
    /// Called while waiting for the write lock and when writing.
    pub progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
}

impl std::fmt::Debug for FetchOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchOptions")
            .field("limits", &self.limits)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// What one fetch did to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceChange {
    /// First fetch of this provider and symbol.
    New,
    /// New rows after (or before) the stored ones; nothing restated.
    Extended,
    /// Nothing new, nothing restated: nothing written.
    Unchanged,
    /// Stored values changed or went missing: the old version is archived.
    Restated,
}

/// A stored value that a fetch changed or left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restated {
    /// Instrument.
    pub instrument: String,
    /// Field.
    pub field: Field,
    /// Date.
    pub date: Date,
    /// The stored value.
    pub before: f64,
    /// The fetched value, `None` when the fetch left the date out.
    pub after: Option<f64>,
}

/// What a fetch would change ([`crate::Store::diff_fetched`]) or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchDiff {
    /// Whether the source was stored before.
    pub stored: bool,
    /// Rows (observations) the fetch adds.
    pub added: usize,
    /// First and last added date.
    pub added_range: Option<(Date, Date)>,
    /// Stored values changed or left out, counted.
    pub restated_count: usize,
    /// The first of them ([`MAX_LISTED_RESTATEMENTS`] at most).
    pub restated: Vec<Restated>,
    /// First date of the stored source, if stored.
    pub stored_first: Option<Date>,
    /// First date of the fetch.
    pub fetched_first: Option<Date>,
}

/// What one fetched source became.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchedReport {
    /// Source path.
    pub path: String,
    /// Provider.
    pub provider: String,
    /// New, extended, unchanged or restated.
    pub change: SourceChange,
    /// The merge.
    pub diff: FetchDiff,
    /// The source's version after the write (1 for a new source; one more
    /// for each restatement).
    pub version: u32,
}

/// Outcome of [`crate::Store::apply_fetched`].
#[derive(Debug)]
pub struct ApplyReport {
    /// One entry per accepted fetch, in input order.
    pub sources: Vec<FetchedReport>,
    /// Fetches the readers refused (path, error); nothing of them written.
    pub rejected: Vec<(String, StoreError)>,
    /// Instruments learnt or renamed from provider metadata.
    pub learnt: Vec<Learnt>,
    /// Observations added over all sources.
    pub observations_added: usize,
    /// Whether anything was written (and the consolidated series rebuilt).
    pub rebuilt: bool,
    /// Consolidated series after the write.
    pub series: usize,
}

/// A stored fetched source, for planning the next fetch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSummary {
    /// Store id.
    pub id: u32,
    /// First date of any of its series.
    pub first: Option<Date>,
    /// Last date of any of its series.
    pub last: Option<Date>,
    /// Current version (1 + archived versions).
    pub version: u32,
    /// Origin (the latest fetch that changed it).
    pub origin: Option<String>,
}

/// An archived (restated) version of a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceVersion {
    /// Source path.
    pub path: String,
    /// Version number of the archived content.
    pub version: u32,
    /// Its content hash.
    pub content_hash: String,
    /// Its origin.
    pub origin: Option<String>,
    /// Observations in it.
    pub observations: usize,
    /// Origin of the fetch that replaced it.
    pub superseded_by: String,
}

/// Stored series of one source: (symbol, field) → (days, values).
type StoredSeries = BTreeMap<(String, Field), (Vec<i32>, Vec<f64>)>;

fn stored_source(conn: &Connection, path: &str) -> Result<Option<(u32, StoredSeries)>, StoreError> {
    let id: Option<u32> = conn
        .query_row("SELECT id FROM sources WHERE path = ?1", [path], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT i.symbol, o.field, o.dates, o.vals FROM source_series o
         JOIN instruments i ON i.id = o.instrument_id WHERE o.source_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let mut out = StoredSeries::new();
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
                "source {path}: {symbol} {field}: {} dates, {} values",
                days.len(),
                values.len()
            )));
        }
        out.insert((symbol, field), (days, values));
    }
    Ok(Some((id, out)))
}

/// The merge of a fetch into a stored source.
struct Merged {
    series: Vec<ParsedSeries>,
    diff: FetchDiff,
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= RESTATE_TOLERANCE_REL * a.abs().max(b.abs())
}

fn day_date(d: i32) -> Result<Date, StoreError> {
    db::days_to_date(d).ok_or_else(|| StoreError::Corrupt(format!("day {d}")))
}

fn merge(stored: Option<&StoredSeries>, fetched: &[ParsedSeries]) -> Result<Merged, StoreError> {
    let empty = StoredSeries::new();
    let stored_map = stored.unwrap_or(&empty);
    let mut diff = FetchDiff {
        stored: stored.is_some(),
        added: 0,
        added_range: None,
        restated_count: 0,
        restated: Vec::new(),
        stored_first: stored_map
            .values()
            .filter_map(|(d, _)| d.first())
            .min()
            .copied()
            .map(day_date)
            .transpose()?,
        fetched_first: fetched
            .iter()
            .filter_map(|s| s.dates.first())
            .min()
            .copied(),
    };
    let mut fetched_by_key: HashMap<(String, Field), &ParsedSeries> = HashMap::new();
    for s in fetched {
        fetched_by_key.insert((s.symbol.clone(), s.field), s);
    }
    let mut keys: Vec<(String, Field)> = stored_map.keys().cloned().collect();
    for k in fetched_by_key.keys() {
        if !stored_map.contains_key(k) {
            keys.push(k.clone());
        }
    }
    keys.sort();
    let mut out = Vec::new();
    let note_added = |diff: &mut FetchDiff, date: Date| {
        diff.added += 1;
        diff.added_range = Some(match diff.added_range {
            None => (date, date),
            Some((a, b)) => (a.min(date), b.max(date)),
        });
    };
    for key in keys {
        let (old_days, old_vals) = stored_map
            .get(&key)
            .map_or((&[][..], &[][..]), |(d, v)| (d.as_slice(), v.as_slice()));
        let Some(new) = fetched_by_key.get(&key) else {
            out.push(ParsedSeries {
                symbol: key.0.clone(),
                field: key.1,
                dates: old_days
                    .iter()
                    .map(|d| day_date(*d))
                    .collect::<Result<_, _>>()?,
                values: old_vals.to_vec(),
            });
            continue;
        };
        let new_days: Vec<i32> = new.dates.iter().map(|d| date_to_days(*d)).collect();
        let (first, last) = match (new_days.first(), new_days.last()) {
            (Some(a), Some(b)) => (*a, *b),
            _ => (i32::MAX, i32::MIN),
        };
        let (mut dates, mut values) = (Vec::new(), Vec::new());
        let (mut i, mut j) = (0usize, 0usize);
        while i < old_days.len() || j < new_days.len() {
            let od = old_days.get(i).copied();
            let nd = new_days.get(j).copied();
            match (od, nd) {
                (Some(o), Some(n)) if o == n => {
                    if !same(old_vals[i], new.values[j]) {
                        restate(
                            &mut diff,
                            &key,
                            day_date(o)?,
                            old_vals[i],
                            Some(new.values[j]),
                        );
                    }
                    dates.push(new.dates[j]);
                    values.push(new.values[j]);
                    i += 1;
                    j += 1;
                }
                (Some(o), n) if n.is_none_or(|n| o < n) => {
                    if (first..=last).contains(&o) {
                        // Inside the fetched window, left out by the fetch.
                        restate(&mut diff, &key, day_date(o)?, old_vals[i], None);
                    } else {
                        dates.push(day_date(o)?);
                        values.push(old_vals[i]);
                    }
                    i += 1;
                }
                (_, Some(_)) => {
                    note_added(&mut diff, new.dates[j]);
                    dates.push(new.dates[j]);
                    values.push(new.values[j]);
                    j += 1;
                }
                (_, None) => break,
            }
        }
        out.push(ParsedSeries {
            symbol: key.0.clone(),
            field: key.1,
            dates,
            values,
        });
    }
    Ok(Merged { series: out, diff })
}

fn restate(
    diff: &mut FetchDiff,
    key: &(String, Field),
    date: Date,
    before: f64,
    after: Option<f64>,
) {
    diff.restated_count += 1;
    if diff.restated.len() < MAX_LISTED_RESTATEMENTS {
        diff.restated.push(Restated {
            instrument: key.0.clone(),
            field: key.1,
            date,
            before,
            after,
        });
    }
}

/// SHA-256 over the merged content (symbol, field, then each day and value).
fn content_hash(series: &[ParsedSeries]) -> String {
    let mut h = Sha256::new();
    for s in series {
        h.update(s.symbol.as_bytes());
        h.update([0]);
        h.update(s.field.as_str().as_bytes());
        h.update([0]);
        for (d, v) in s.dates.iter().zip(&s.values) {
            h.update(date_to_days(*d).to_le_bytes());
            h.update(v.to_le_bytes());
        }
    }
    import::hex(&h.finalize())
}

fn parse(
    registry: &Registry,
    fetched: &Fetched,
    limits: ReadLimits,
) -> Result<ParsedFile, StoreError> {
    let path = Path::new(&fetched.path);
    let ctx = ReadContext {
        path,
        rel_path: &fetched.path,
        registry,
        limits,
    };
    if fetched.csv.len() as u64 > limits.max_file_bytes {
        return Err(crate::error::input_error(
            path,
            0,
            0,
            crate::InputProblem::TooLarge,
            format!(
                "the converted response is {} bytes, above the limit of {} bytes",
                fetched.csv.len(),
                limits.max_file_bytes
            ),
            "fetch a shorter window (--since)",
        ));
    }
    let parsed = read::parse_bytes(&ctx, &fetched.csv)?;
    if !parsed.documents.is_empty() || !parsed.members.is_empty() {
        return Err(crate::error::input_error(
            path,
            1,
            0,
            crate::InputProblem::UnknownFormat,
            "a fetched source must hold series, not documents or members",
            "this is a bug in the provider's conversion",
        ));
    }
    Ok(parsed)
}

/// The registry that knows the batch's provider instruments.
fn with_batch(registry: &Registry, batch: &[Fetched]) -> Result<Registry, StoreError> {
    let extra: Vec<Instrument> = batch.iter().filter_map(|f| f.instrument.clone()).collect();
    if extra.is_empty() {
        return Ok(registry.clone());
    }
    Ok(registry.with_instruments(extra)?)
}

pub(crate) fn diff(
    conn: &Connection,
    registry: &Registry,
    fetched: &Fetched,
    opts: &FetchOptions<'_>,
) -> Result<FetchDiff, StoreError> {
    let registry = with_batch(registry, std::slice::from_ref(fetched))?;
    let parsed = parse(&registry, fetched, opts.limits)?;
    let stored = stored_source(conn, &fetched.path)?;
    Ok(merge(stored.as_ref().map(|(_, s)| s), &parsed.series)?.diff)
}

pub(crate) fn summary(conn: &Connection, path: &str) -> Result<Option<SourceSummary>, StoreError> {
    let row: Option<(u32, Option<String>)> = conn
        .query_row(
            "SELECT id, origin FROM sources WHERE path = ?1",
            [path],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, origin)) = row else {
        return Ok(None);
    };
    let mut first: Option<i32> = None;
    let mut last: Option<i32> = None;
    let mut stmt = conn.prepare_cached("SELECT dates FROM source_series WHERE source_id = ?1")?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        let days: Vec<i32> = db::decode_4(crate::blob(row, 0)?)?
            .map(i32::from_le_bytes)
            .collect();
        if let (Some(a), Some(b)) = (days.first(), days.last()) {
            first = Some(first.map_or(*a, |f| f.min(*a)));
            last = Some(last.map_or(*b, |l| l.max(*b)));
        }
    }
    Ok(Some(SourceSummary {
        id,
        first: first.map(day_date).transpose()?,
        last: last.map(day_date).transpose()?,
        version: current_version(conn, id)?,
        origin,
    }))
}

fn current_version(conn: &Connection, id: u32) -> Result<u32, StoreError> {
    if !db::has_table(conn, "source_versions")? {
        return Ok(1);
    }
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM source_versions WHERE source_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(0).saturating_add(1))
}

pub(crate) fn versions(conn: &Connection) -> Result<Vec<SourceVersion>, StoreError> {
    if !db::has_table(conn, "source_versions")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT path, version, content_hash, origin, observations, superseded_by
         FROM source_versions ORDER BY source_id, version",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SourceVersion {
            path: r.get(0)?,
            version: r.get(1)?,
            content_hash: r.get(2)?,
            origin: r.get(3)?,
            observations: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            superseded_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Copies the stored version of source `id` into the archive tables.
fn archive(
    conn: &Connection,
    id: u32,
    version: u32,
    superseded_by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO source_versions(source_id, version, path, content_hash, origin,
         observations, superseded_by)
         SELECT id, ?2, path, content_hash, origin, observations, ?3 FROM sources WHERE id = ?1",
        params![id, version, superseded_by],
    )?;
    conn.execute(
        "INSERT INTO source_version_series(source_id, version, instrument_id, field, n, dates, vals)
         SELECT source_id, ?2, instrument_id, field, n, dates, vals FROM source_series
         WHERE source_id = ?1",
        params![id, version],
    )?;
    Ok(())
}

pub(crate) fn apply(
    conn: &mut Connection,
    registry: &Registry,
    batch: Vec<Fetched>,
    opts: &FetchOptions<'_>,
    at: StoreAt<'_>,
) -> Result<ApplyReport, StoreError> {
    let builtin = crate::learnt::builtin()?;
    let registry = with_batch(registry, &batch)?;
    let mut report = ApplyReport {
        sources: Vec::new(),
        rejected: Vec::new(),
        learnt: Vec::new(),
        observations_added: 0,
        rebuilt: false,
        series: 0,
    };
    let mut accepted: Vec<(Fetched, ParsedFile)> = Vec::new();
    for f in batch {
        match parse(&registry, &f, opts.limits) {
            Ok(parsed) => accepted.push((f, parsed)),
            Err(e) => report.rejected.push((f.path.clone(), e)),
        }
    }
    if accepted.is_empty() {
        return Ok(report);
    }
    let tx = import::begin_write(conn, at, opts.progress)?;
    let _writer = at.path.and_then(crate::writer::claim);
    // Provider metadata names instruments the built-in registry does not
    // list (a learnt NVDA called "NVDA" becomes "NVIDIA Corporation").
    let mut learnt: Vec<Learnt> = Vec::new();
    for (f, parsed) in &accepted {
        if let Some(inst) = &f.instrument {
            if builtin.get(&inst.symbol).is_none()
                && !learnt.iter().any(|l| l.instrument.symbol == inst.symbol)
            {
                learnt.push(Learnt {
                    instrument: inst.clone(),
                    origin: format!("provider {}", f.provenance.provider),
                });
            }
        }
        for l in &parsed.learnt {
            if !learnt
                .iter()
                .any(|k| k.instrument.symbol == l.instrument.symbol)
            {
                learnt.push(l.clone());
            }
        }
    }
    // Only what is new or renamed is written (a re-run writes nothing).
    let stored_learnt = crate::learnt::load(&tx)?;
    learnt.retain(|l| !stored_learnt.iter().any(|s| s.instrument == l.instrument));
    let registry = registry.with_instruments(learnt.iter().map(|l| l.instrument.clone()))?;
    let mut fresh: HashMap<u32, Vec<ParsedSeries>> = HashMap::new();
    let mut written: Vec<(usize, ParsedFile, u32, Option<u32>, String, InputFile)> = Vec::new();
    for (idx, (f, parsed)) in accepted.iter().enumerate() {
        let stored = stored_source(&tx, &f.path)?;
        let merged = merge(stored.as_ref().map(|(_, s)| s), &parsed.series)?;
        let existing = stored.as_ref().map(|(id, _)| *id);
        let mut version = match existing {
            Some(id) => current_version(&tx, id)?,
            None => 1,
        };
        let change = match (existing, merged.diff.added, merged.diff.restated_count) {
            (None, _, _) => SourceChange::New,
            (Some(_), 0, 0) => SourceChange::Unchanged,
            (Some(_), _, 0) => SourceChange::Extended,
            (Some(_), _, _) => SourceChange::Restated,
        };
        let origin = f.provenance.origin();
        if change == SourceChange::Restated {
            if let Some(id) = existing {
                archive(&tx, id, version, &origin)?;
                version += 1;
            }
        }
        report.sources.push(FetchedReport {
            path: f.path.clone(),
            provider: f.provenance.provider.clone(),
            change,
            diff: merged.diff.clone(),
            version,
        });
        if change == SourceChange::Unchanged {
            continue;
        }
        let data_rows = merged
            .series
            .iter()
            .map(|s| s.dates.len())
            .max()
            .unwrap_or(0);
        let hash = content_hash(&merged.series);
        let file = ParsedFile {
            rel_path: f.path.clone(),
            format: parsed.format,
            series: merged.series,
            documents: Vec::new(),
            members: Vec::new(),
            data_rows,
            notes: parsed.notes.clone(),
            learnt: Vec::new(),
        };
        let input = InputFile {
            path: PathBuf::from(&f.path),
            rel_path: f.path.clone(),
            origin: Some(origin),
        };
        written.push((idx, file, version, existing, hash, input));
    }
    if written.is_empty() && learnt.is_empty() {
        // Nothing new: leave the store byte for byte as it was.
        drop(tx);
        report.series = count_series(conn)?;
        return Ok(report);
    }
    if let Some(p) = opts.progress {
        p(&Progress::Writing);
    }
    crate::learnt::insert(&tx, &learnt, true)?;
    report.learnt = learnt;
    let instrument_ids = import::upsert_instruments(&tx, &registry, written.iter().map(|w| &w.1))?;
    let mut log = tx.prepare_cached(
        "INSERT INTO fetches(source_id, version, provider, url, fetched_at, response_sha256,
         response_bytes, http_status, added, restated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (idx, mut file, version, existing, hash, input) in written {
        let f = &accepted[idx].0;
        let (id, _removed) = import::write_source(&tx, &input, existing, &hash, &file, &registry)?;
        let added = import::write_rows(&tx, &input, id, &file, &instrument_ids)?;
        let _ = added;
        let diff = &report
            .sources
            .iter()
            .find(|r| r.path == f.path)
            .map(|r| r.diff.clone());
        let (n_added, n_restated) = diff
            .as_ref()
            .map_or((0, 0), |d| (d.added, d.restated_count));
        report.observations_added += n_added;
        let p = &f.provenance;
        log.execute(params![
            id,
            version,
            p.provider,
            p.url,
            p.fetched_at,
            p.response_sha256,
            i64::try_from(p.response_bytes).unwrap_or(i64::MAX),
            p.http_status,
            n_added as i64,
            n_restated as i64
        ])?;
        fresh.insert(id, std::mem::take(&mut file.series));
    }
    drop(log);
    let rebuilt = import::rebuild(&tx, &registry, fresh)?;
    report.rebuilt = true;
    report.series = rebuilt.series;
    tx.commit()?;
    if let Some(p) = opts.progress {
        p(&Progress::Done);
    }
    let _ = field_code;
    Ok(report)
}

fn count_series(conn: &Connection) -> Result<usize, StoreError> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM series", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("date")
    }

    fn series(dates: &[&str], values: &[f64]) -> ParsedSeries {
        ParsedSeries {
            symbol: "X".into(),
            field: Field::Close,
            dates: dates.iter().map(|s| d(s)).collect(),
            values: values.to_vec(),
        }
    }

    #[test]
    fn a_fetch_replaces_its_window_and_keeps_the_rest() {
        let mut stored = StoredSeries::new();
        let days: Vec<i32> = ["2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07"]
            .iter()
            .map(|s| date_to_days(d(s)))
            .collect();
        stored.insert(("X".into(), Field::Close), (days, vec![1.0, 2.0, 3.0, 4.0]));
        // Same overlap, one new day: extended.
        let m = merge(
            Some(&stored),
            &[series(
                &["2026-01-06", "2026-01-07", "2026-01-08"],
                &[3.0, 4.0, 5.0],
            )],
        )
        .expect("merge");
        assert_eq!((m.diff.added, m.diff.restated_count), (1, 0));
        assert_eq!(m.series[0].values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        // A changed value and a missing day inside the window: restated.
        let m = merge(
            Some(&stored),
            &[series(&["2026-01-05", "2026-01-07"], &[2.5, 4.0])],
        )
        .expect("merge");
        assert_eq!((m.diff.added, m.diff.restated_count), (0, 2));
        assert_eq!(m.diff.restated[0].after, Some(2.5));
        assert_eq!(m.diff.restated[1].after, None);
        assert_eq!(m.series[0].values, vec![1.0, 2.5, 4.0]);
        // Nothing new.
        let m = merge(Some(&stored), &[series(&["2026-01-07"], &[4.0])]).expect("merge");
        assert_eq!((m.diff.added, m.diff.restated_count), (0, 0));
    }
}
