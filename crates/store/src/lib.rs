//! The data layer: reads market-data files, imports them into an SQLite
//! store with provenance, consolidates series across sources and flags
//! data-quality problems. The only crate that touches files or SQL.
//!
//! ```no_run
//! # fn main() -> Result<(), store::StoreError> {
//! let mut store = store::Store::open(std::path::Path::new("store.db"))?;
//! let report = store.import(&["../shared/market-data".into()], &Default::default())?;
//! println!("{} observations added", report.observations_added);
//! let universe = store.universe()?;
//! # let _ = universe; Ok(()) }
//! ```

pub mod consolidate;
mod db;
mod error;
mod fetched;
mod import;
mod learnt;
mod load;
pub mod quality;
pub mod read;
pub mod testing;
pub mod truncate;
mod writer;

pub use consolidate::{Disagreement, Dropped, Reconciliation, TOLERANCE_REL};
pub use error::{InputProblem, Shrink, StoreError};
pub use fetched::{
    ApplyReport, FetchDiff, FetchOptions, Fetched, FetchedReport, Provenance, Restated,
    SourceChange, SourceSummary, SourceVersion, RESTATE_TOLERANCE_REL,
};
pub use import::{
    FileReport, FileStatus, ImportOptions, ImportReport, Progress, DEFAULT_MAX_FILES,
    DEFAULT_MAX_TOTAL_BYTES, DEFAULT_PRIORITY,
};
pub use read::limits::{
    ReadLimits, DEFAULT_MAX_CELL_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RECORD_BYTES,
};

/// Default longest wait for another writer's lock on the store (30 s).
pub const DEFAULT_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
pub use quality::{Flag, FlagKind};

use model::series::{Document, Member};
use model::{Date, Field, Registry, Series, SeriesKey, SourceId, SourceInfo, Universe};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The store: an SQLite database of sources, observations, consolidated
/// series, flags, documents and members.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    registry: Registry,
    user: Option<model::UserRegistry>,
    path: Option<PathBuf>,
    busy_timeout: std::time::Duration,
}

/// One consolidated series' summary, for `marketproof sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSummary {
    /// Instrument symbol.
    pub instrument: String,
    /// Field.
    pub field: Field,
    /// Paths of the sources that hold it, in priority order.
    pub sources: Vec<String>,
    /// First date.
    pub first: Option<Date>,
    /// Last date.
    pub last: Option<Date>,
    /// Number of observations.
    pub rows: usize,
    /// Number of quality flags.
    pub flags: usize,
}

/// Row counts per table, e.g. to check that a failed import changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StoreCounts {
    /// Sources.
    pub sources: usize,
    /// Observations.
    pub observations: usize,
    /// Consolidated series.
    pub series: usize,
    /// Flags.
    pub flags: usize,
    /// Documents.
    pub documents: usize,
    /// Members.
    pub members: usize,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode.
    ///
    /// # Errors
    /// [`StoreError::Sql`] if the file cannot be opened, [`StoreError::Corrupt`]
    /// if it holds another schema version, [`StoreError::Io`] if its folder
    /// cannot be created.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let in_store = |e: StoreError| e.in_store(Some(path), DEFAULT_BUSY_TIMEOUT);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| in_store(e.into()))?;
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)
            .map_err(|e| in_store(e.into()))?;
        db::init(&conn, true).map_err(in_store)?;
        Ok(Store {
            registry: learnt::registry(&conn, None).map_err(in_store)?,
            conn,
            user: None,
            path: Some(path.to_path_buf()),
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        })
    }

    /// Opens an existing store for reading only: nothing is created or
    /// converted, and an import running at the same time is never blocked
    /// (WAL readers see the last committed state).
    ///
    /// # Errors
    /// [`StoreError::Database`] when the file is missing, unreadable or not
    /// a store; [`StoreError::Corrupt`] if it holds another schema version.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let in_store = |e: StoreError| e.in_store(Some(path), DEFAULT_BUSY_TIMEOUT);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| in_store(e.into()))?;
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)
            .map_err(|e| in_store(e.into()))?;
        db::check_version(&conn).map_err(in_store)?;
        Ok(Store {
            registry: learnt::registry(&conn, None).map_err(in_store)?,
            conn,
            user: None,
            path: Some(path.to_path_buf()),
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        })
    }

    /// The current wait for another writer's lock.
    pub fn busy_timeout(&self) -> std::time::Duration {
        self.busy_timeout
    }

    /// How long a write waits for another process's lock on the store
    /// before [`StoreError::Busy`] (default [`DEFAULT_BUSY_TIMEOUT`]).
    ///
    /// # Errors
    /// [`StoreError::Sql`] if SQLite refuses the setting.
    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(wait)?;
        self.busy_timeout = wait;
        Ok(())
    }

    /// Opens a fresh in-memory store (for tests and one-shot runs).
    ///
    /// # Errors
    /// [`StoreError::Sql`] if SQLite fails.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        db::init(&conn, false)?;
        Ok(Store {
            registry: learnt::registry(&conn, None)?,
            conn,
            user: None,
            path: None,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        })
    }

    /// The database file, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The instrument registry used to name files and columns: the
    /// built-in one, the instruments this store learnt (file stems,
    /// wide-table columns, provider metadata), and the user registry file
    /// if one was set ([`Store::set_user_registry`]). Every
    /// [`Store::universe`] carries the same registry, read afresh.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Lays a user registry file (`instruments.toml`) over the store's
    /// registry: names, aliases, sectors and styles without a rebuild.
    ///
    /// # Errors
    /// [`StoreError::Registry`] when a name in it already names another
    /// instrument; [`StoreError::Sql`] if the learnt instruments cannot be read.
    pub fn set_user_registry(&mut self, user: model::UserRegistry) -> Result<(), StoreError> {
        let registry = learnt::registry(&self.conn, Some(&user))?;
        self.user = Some(user);
        self.registry = registry;
        Ok(())
    }

    /// Every instrument this store learnt, by symbol, with where it was met.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn learnt_instruments(&self) -> Result<Vec<read::Learnt>, StoreError> {
        learnt::load(&self.conn)
    }

    /// Reads the learnt instruments again (another process may have
    /// learnt some) and rebuilds [`Store::registry`].
    fn refresh_registry(&mut self) -> Result<(), StoreError> {
        self.registry = learnt::registry(&self.conn, self.user.as_ref())?;
        Ok(())
    }

    /// Imports files and folders (folders recursively, `*.csv`), all or
    /// nothing: every file is read and parsed first; unchanged files (same
    /// SHA-256) are skipped; changed files replace their rows; then the
    /// consolidated series, flags and reconciliation are rebuilt, all in one
    /// transaction.
    ///
    /// # Errors
    /// The first file's [`StoreError::Input`] (by path order) or an I/O or
    /// SQL error; the store is then exactly as before.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        opts: &ImportOptions<'_>,
    ) -> Result<ImportReport, StoreError> {
        self.refresh_registry()?;
        let at = import::StoreAt {
            path: self.path.as_deref(),
            busy_timeout: self.busy_timeout,
        };
        let report = import::run(&mut self.conn, &self.registry, paths, opts, at)?;
        if !report.learnt.is_empty() {
            self.refresh_registry()?;
        }
        Ok(report)
    }

    /// Writes sources fetched from providers (`marketproof sync`), all or
    /// nothing, through the same readers, checks and consolidation as an
    /// import: see [`fetched`](crate::Fetched) for the merge of a fetch
    /// with what is stored, restatements and provenance.
    ///
    /// # Errors
    /// An I/O, SQL or busy error; the store is then exactly as before. A
    /// fetched body the readers refuse is not an error of the run: it is
    /// listed in [`ApplyReport::rejected`] and nothing of it is written.
    pub fn apply_fetched(
        &mut self,
        batch: Vec<Fetched>,
        opts: &FetchOptions<'_>,
    ) -> Result<ApplyReport, StoreError> {
        self.refresh_registry()?;
        let at = import::StoreAt {
            path: self.path.as_deref(),
            busy_timeout: self.busy_timeout,
        };
        let result = fetched::apply(&mut self.conn, &self.registry, batch, opts, at);
        let _ = self.conn.busy_timeout(self.busy_timeout);
        let report = result.map_err(|e| e.in_store(self.path.as_deref(), self.busy_timeout))?;
        self.refresh_registry()?;
        Ok(report)
    }

    /// What a fetch would change, without writing: rows it would add and
    /// stored values it would restate (`marketproof sync` refetches the
    /// whole history when a short, incremental fetch restates the past).
    ///
    /// # Errors
    /// [`StoreError::Input`] when the readers refuse the body, else SQL errors.
    pub fn diff_fetched(
        &self,
        fetched: &Fetched,
        opts: &FetchOptions<'_>,
    ) -> Result<FetchDiff, StoreError> {
        fetched::diff(&self.conn, &self.registry, fetched, opts)
    }

    /// The stored source at `path` (a fetched source such as
    /// `sync/yahoo/NVDA.csv`): first and last date, version, origin.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn source_summary(&self, path: &str) -> Result<Option<SourceSummary>, StoreError> {
        fetched::summary(&self.conn, path)
    }

    /// Every earlier version of restated sources, oldest first.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn source_versions(&self) -> Result<Vec<SourceVersion>, StoreError> {
        fetched::versions(&self.conn)
    }

    /// Every source file.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn sources(&self) -> Result<Vec<SourceInfo>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, path, content_hash, origin FROM sources ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(SourceInfo {
                id: SourceId(r.get(0)?),
                path: r.get(1)?,
                content_hash: r.get(2)?,
                origin: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Loads everything the fact engine reads: all consolidated series,
    /// sources, documents and members.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn universe(&self) -> Result<Universe, StoreError> {
        let mut universe = Universe {
            sources: self.sources()?,
            registry: Some(std::sync::Arc::new(learnt::registry(
                &self.conn,
                self.user.as_ref(),
            )?)),
            ..Universe::default()
        };
        let mut stmt = self.conn.prepare(load::SELECT_SERIES)?;
        let mut rows = stmt.query([])?;
        let mut decoder = load::Decoder::default();
        while let Some(row) = rows.next()? {
            let series = decoder.row(row)?;
            universe.series.insert(series.key().clone(), series);
        }
        universe.documents = self.documents()?;
        universe.members = self.members()?;
        Ok(universe)
    }

    /// The universe and the quality flags, read in one read transaction so
    /// that an import committing meanwhile is seen whole or not at all.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn load_snapshot(&self) -> Result<(Universe, Vec<Flag>), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let universe = self.universe()?;
        let flags = self.flags()?;
        tx.finish()?;
        Ok((universe, flags))
    }

    /// One consolidated series, if stored.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn series(&self, instrument: &str, field: Field) -> Result<Option<Series>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE instrument = ?1 AND field = ?2",
            load::SELECT_SERIES
        ))?;
        let mut rows = stmt.query([instrument, field.as_str()])?;
        match rows.next()? {
            Some(row) => Ok(Some(load::Decoder::default().row(row)?)),
            None => Ok(None),
        }
    }

    /// Every FOMC statement or other document, sorted by date.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn documents(&self) -> Result<Vec<Document>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_id, date, title, url, body, kind, source_id FROM documents
             ORDER BY date, doc_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let day: i32 = r.get(1)?;
            out.push(Document {
                id: r.get(0)?,
                date: db::days_to_date(day)
                    .ok_or_else(|| StoreError::Corrupt(format!("day {day}")))?,
                title: r.get(2)?,
                url: r.get(3)?,
                body: r.get(4)?,
                kind: r.get(5)?,
                source: SourceId(r.get(6)?),
            });
        }
        Ok(out)
    }

    /// Every index member.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT index_symbol, symbol, name, sector, source_id FROM members
             ORDER BY source_id, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Member {
                index: r.get(0)?,
                symbol: r.get(1)?,
                name: r.get(2)?,
                sector: r.get(3)?,
                source: SourceId(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Summaries of every consolidated series, sorted by instrument and field.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn series_summaries(&self) -> Result<Vec<SeriesSummary>, StoreError> {
        let sources: BTreeMap<u32, (String, u32)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, path, priority FROM sources")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut stmt = self.conn.prepare(
            "SELECT instrument, field, n, first_date, last_date, source_ids, flags FROM series
             ORDER BY instrument, field",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let field_name: String = r.get(1)?;
            let field = Field::parse(&field_name)
                .ok_or_else(|| StoreError::Corrupt(format!("field `{field_name}`")))?;
            let ids: String = r.get(5)?;
            let mut srcs: Vec<&(String, u32)> = ids
                .split(',')
                .filter_map(|s| s.parse::<u32>().ok())
                .filter_map(|id| sources.get(&id))
                .collect();
            srcs.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
            let first: Option<i32> = r.get(3)?;
            let last: Option<i32> = r.get(4)?;
            out.push(SeriesSummary {
                instrument: r.get(0)?,
                field,
                sources: srcs.into_iter().map(|s| s.0.clone()).collect(),
                first: first.and_then(db::days_to_date),
                last: last.and_then(db::days_to_date),
                rows: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                flags: usize::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Every data-quality flag, sorted by instrument, field, date.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn flags(&self) -> Result<Vec<Flag>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT instrument, field, kind, date, end_date, source_id, detail FROM flags
             ORDER BY instrument, field, date, kind",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let field: String = r.get(1)?;
            let kind: String = r.get(2)?;
            let (d0, d1): (i32, i32) = (r.get(3)?, r.get(4)?);
            let corrupt = || StoreError::Corrupt(format!("flag row {field} {kind} {d0}"));
            out.push(Flag {
                instrument: r.get(0)?,
                field: Field::parse(&field).ok_or_else(corrupt)?,
                kind: FlagKind::parse(&kind).ok_or_else(corrupt)?,
                date: db::days_to_date(d0).ok_or_else(corrupt)?,
                end_date: db::days_to_date(d1).ok_or_else(corrupt)?,
                source: SourceId(r.get(5)?),
                detail: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// The reconciliation of every source with the consolidated series
    /// (one entry per source used × other source that share dates), as of
    /// the last import that changed something.
    ///
    /// # Errors
    /// [`StoreError::Sql`] or [`StoreError::Corrupt`].
    pub fn reconciliation(&self) -> Result<Vec<Reconciliation>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT body FROM reconciliation ORDER BY instrument, field, source_a, source_b",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for body in rows {
            let body = body?;
            let rec: ReconciliationRow = serde_json::from_str(&body)
                .map_err(|e| StoreError::Corrupt(format!("reconciliation row: {e}")))?;
            out.push(rec.into_reconciliation()?);
        }
        Ok(out)
    }

    /// Row counts per table.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(StoreCounts {
            sources: count("sources")?,
            observations: {
                let n: i64 = self.conn.query_row(
                    "SELECT COALESCE(SUM(n), 0) FROM source_series",
                    [],
                    |r| r.get(0),
                )?;
                usize::try_from(n).unwrap_or(0)
            },
            series: count("series")?,
            flags: count("flags")?,
            documents: count("documents")?,
            members: count("members")?,
        })
    }

    /// A digest of the whole content (sources, observations, series), to
    /// check that a failed import changed nothing.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn content_digest(&self) -> Result<String, StoreError> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, path, content_hash FROM sources ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            h.update(r.get::<_, i64>(0)?.to_le_bytes());
            h.update(r.get::<_, String>(1)?.as_bytes());
            h.update(r.get::<_, String>(2)?.as_bytes());
        }
        // Every observation in (source, instrument, field, date) order.
        let mut stmt = self.conn.prepare(
            "SELECT source_id, instrument_id, field, dates, vals FROM source_series
             ORDER BY source_id, instrument_id, field",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: [i64; 3] = [r.get(0)?, r.get(1)?, r.get(2)?];
            let values = db::decode_f64(blob(r, 4)?)?;
            for (day, value) in db::decode_4(blob(r, 3)?)?.zip(values) {
                for k in key {
                    h.update(k.to_le_bytes());
                }
                h.update(i64::from(i32::from_le_bytes(day)).to_le_bytes());
                h.update(value.to_le_bytes());
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT instrument, field, dates, vals, srcs FROM series ORDER BY instrument, field",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            h.update(r.get::<_, String>(0)?.as_bytes());
            h.update(r.get::<_, String>(1)?.as_bytes());
            for i in 2..5 {
                h.update(blob(r, i)?);
            }
        }
        let digest = h.finalize();
        Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(true)` when it says "ok".
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn integrity_check(&self) -> Result<bool, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }
}

#[derive(serde::Deserialize)]
struct ReconciliationRow {
    key: SeriesKey,
    source_used: SourceId,
    path_used: String,
    source_other: SourceId,
    path_other: String,
    overlap: usize,
    first: Option<Date>,
    last: Option<Date>,
    disagreements: usize,
    #[serde(default)]
    dropped: usize,
    mean_rel_diff: f64,
    max_rel_diff: f64,
    worst: Vec<DisagreementRow>,
    tolerance_rel: f64,
}

#[derive(serde::Deserialize)]
struct DisagreementRow {
    date: Date,
    value_used: f64,
    value_other: f64,
    rel_diff: f64,
}

impl ReconciliationRow {
    fn into_reconciliation(self) -> Result<Reconciliation, StoreError> {
        Ok(Reconciliation {
            key: self.key,
            source_used: self.source_used,
            path_used: self.path_used,
            source_other: self.source_other,
            path_other: self.path_other,
            overlap: self.overlap,
            first: self.first,
            last: self.last,
            disagreements: self.disagreements,
            dropped: self.dropped,
            mean_rel_diff: self.mean_rel_diff,
            max_rel_diff: self.max_rel_diff,
            worst: self
                .worst
                .into_iter()
                .map(|w| Disagreement {
                    date: w.date,
                    value_used: w.value_used,
                    value_other: w.value_other,
                    rel_diff: w.rel_diff,
                })
                .collect(),
            tolerance_rel: self.tolerance_rel,
        })
    }
}

pub(crate) fn blob<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r [u8], StoreError> {
    row.get_ref(i)?
        .as_blob()
        .map_err(|e| StoreError::Corrupt(format!("series blob: {e}")))
}
