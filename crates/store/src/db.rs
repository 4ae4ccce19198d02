//! The SQLite schema, date and blob encodings, and small SQL helpers.
//!
//! Observations are stored as read, one row per (source, instrument, field)
//! in `source_series`: the dates and values of that file's column as packed
//! BLOBs (little-endian i32 days since 1970-01-01 and f64 values). One file
//! is a handful of rows, so importing 50 million observations is a few
//! thousand inserts instead of 50 million b-tree insertions, and replacing
//! a changed file is one delete by source. Consolidated series are packed
//! the same way (plus u32 source ids per point) so that loading a whole
//! [`model::Universe`] is one row read per series (see `load.rs`).
//!
//! Schema version 1 kept one row per observation (`observations`); a
//! version-1 store is converted in place when opened ([`init`]).

use crate::StoreError;
use model::{Date, Field};
use rusqlite::Connection;

/// Bumped when the schema changes incompatibly.
pub(crate) const SCHEMA_VERSION: &str = "2";

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS instruments(
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    origin TEXT,
    format TEXT NOT NULL,
    priority INTEGER NOT NULL,
    data_rows INTEGER NOT NULL,
    observations INTEGER NOT NULL,
    notes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_series(
    source_id INTEGER NOT NULL,
    instrument_id INTEGER NOT NULL,
    field INTEGER NOT NULL,
    n INTEGER NOT NULL,
    dates BLOB NOT NULL,
    vals BLOB NOT NULL,
    PRIMARY KEY(source_id, instrument_id, field)
);
CREATE TABLE IF NOT EXISTS documents(
    source_id INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    date INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS members(
    source_id INTEGER NOT NULL,
    index_symbol TEXT NOT NULL,
    symbol TEXT NOT NULL,
    name TEXT NOT NULL,
    sector TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS series(
    instrument TEXT NOT NULL,
    field TEXT NOT NULL,
    n INTEGER NOT NULL,
    first_date INTEGER,
    last_date INTEGER,
    source_ids TEXT NOT NULL,
    flags INTEGER NOT NULL,
    dates BLOB NOT NULL,
    vals BLOB NOT NULL,
    srcs BLOB NOT NULL,
    PRIMARY KEY(instrument, field)
);
CREATE TABLE IF NOT EXISTS flags(
    instrument TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    date INTEGER NOT NULL,
    end_date INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reconciliation(
    instrument TEXT NOT NULL,
    field TEXT NOT NULL,
    source_a INTEGER NOT NULL,
    source_b INTEGER NOT NULL,
    body TEXT NOT NULL
);
";

/// Tables added within schema version 2 (created when a store is opened
/// for writing; an older binary ignores them, and a read-only open of a
/// store that lacks them reads them as empty): instruments learnt from
/// file stems, columns and providers; every provider fetch that changed
/// a source; and the earlier versions of restated sources.
pub(crate) const SCHEMA_LEARNT: &str = "
CREATE TABLE IF NOT EXISTS learnt_instruments(
    symbol TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fetches(
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    provider TEXT NOT NULL,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    response_sha256 TEXT NOT NULL,
    response_bytes INTEGER NOT NULL,
    http_status INTEGER NOT NULL,
    added INTEGER NOT NULL,
    restated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS source_versions(
    source_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    origin TEXT,
    observations INTEGER NOT NULL,
    superseded_by TEXT NOT NULL,
    PRIMARY KEY(source_id, version)
);
CREATE TABLE IF NOT EXISTS source_version_series(
    source_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    instrument_id INTEGER NOT NULL,
    field INTEGER NOT NULL,
    n INTEGER NOT NULL,
    dates BLOB NOT NULL,
    vals BLOB NOT NULL,
    PRIMARY KEY(source_id, version, instrument_id, field)
);
";

/// Whether `table` exists (a read-only open of a store written by an
/// older build may lack the [`SCHEMA_LEARNT`] tables).
pub(crate) fn has_table(conn: &Connection, table: &str) -> Result<bool, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Opens pragmas and creates the schema; converts a version-1 store.
pub(crate) fn init(conn: &Connection, on_disk: bool) -> Result<(), StoreError> {
    if on_disk {
        // 16 KiB pages (new stores only: the size of an existing file is
        // fixed): a quarter of the page writes and overflow-chain hops for
        // the packed BLOBs that make up nearly all of the file.
        conn.pragma_update(None, "page_size", 16384)?;
        // WAL: a reader never sees a half-written import and a killed writer
        // leaves the last committed state.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    // A 64 MiB page cache keeps a whole import's b-tree pages in memory
    // instead of spilling them mid-transaction (allocated only when used).
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(SCHEMA_LEARNT)?;
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .ok();
    match version {
        None => {
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)",
                [SCHEMA_VERSION],
            )?;
        }
        Some(v) if v == SCHEMA_VERSION => {}
        Some(v) if v == "1" => migrate_v1(conn)?,
        Some(v) => {
            return Err(StoreError::Corrupt(format!(
                "schema version {v}, this build reads version {SCHEMA_VERSION}; \
                 delete the store file and import again"
            )))
        }
    }
    Ok(())
}

/// Checks, without writing, that `conn` holds a store of this schema
/// version (for read-only opens).
pub(crate) fn check_version(conn: &Connection) -> Result<(), StoreError> {
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(..) if e.to_string().contains("no such table") => {
                StoreError::Corrupt(
                    "no marketproof tables: the file is not a store, or no import has run yet"
                        .into(),
                )
            }
            rusqlite::Error::QueryReturnedNoRows => {
                StoreError::Corrupt("the store has no schema version".into())
            }
            other => StoreError::Sql(other),
        })
        .map(Some)?;
    match version.as_deref() {
        Some(SCHEMA_VERSION) => Ok(()),
        Some(v) => Err(StoreError::Corrupt(format!(
            "schema version {v}, this build reads version {SCHEMA_VERSION}; open the store \
             once for writing (e.g. `marketproof sources`) to convert it, or import again"
        ))),
        None => Err(StoreError::Corrupt(
            "the store has no schema version".into(),
        )),
    }
}

/// Packs version 1's one-row-per-observation table into `source_series`,
/// in one transaction.
fn migrate_v1(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<(), StoreError> {
        let mut insert = conn.prepare(
            "INSERT INTO source_series(source_id, instrument_id, field, n, dates, vals)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut stmt = conn.prepare(
            "SELECT source_id, instrument_id, field, date, value FROM observations
             ORDER BY source_id, instrument_id, field, date",
        )?;
        let mut rows = stmt.query([])?;
        let mut key: Option<(i64, i64, i64)> = None;
        let (mut days, mut values): (Vec<i32>, Vec<f64>) = (Vec::new(), Vec::new());
        let mut flush = |key: Option<(i64, i64, i64)>,
                         days: &mut Vec<i32>,
                         values: &mut Vec<f64>|
         -> Result<(), StoreError> {
            if let Some((s, i, f)) = key {
                insert.execute(rusqlite::params![
                    s,
                    i,
                    f,
                    days.len() as i64,
                    encode_i32(days),
                    encode_f64(values)
                ])?;
            }
            days.clear();
            values.clear();
            Ok(())
        };
        while let Some(r) = rows.next()? {
            let k = (r.get(0)?, r.get(1)?, r.get(2)?);
            if key != Some(k) {
                flush(key, &mut days, &mut values)?;
                key = Some(k);
            }
            days.push(r.get(3)?);
            values.push(r.get(4)?);
        }
        flush(key, &mut days, &mut values)?;
        drop(rows);
        drop(stmt);
        conn.execute_batch(
            "DROP TABLE observations;
             UPDATE meta SET value = '2' WHERE key = 'schema_version';",
        )?;
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(())
}

/// Days from 0001-01-01 (CE day 1) to 1970-01-01.
const EPOCH_CE_DAYS: i32 = 719_163;

/// Days since 1970-01-01.
pub(crate) fn date_to_days(date: Date) -> i32 {
    use chrono::Datelike;
    date.num_days_from_ce() - EPOCH_CE_DAYS
}

/// Inverse of [`date_to_days`].
pub(crate) fn days_to_date(days: i32) -> Option<Date> {
    Date::from_num_days_from_ce_opt(days.checked_add(EPOCH_CE_DAYS)?)
}

/// First day of the [`days_to_date_fast`] table: 1800-01-01.
const TABLE_FIRST_DAY: i32 = -62_091;
/// Days in the table: 1800-01-01 to 2199-12-31.
const TABLE_DAYS: usize = 146_097;

/// [`days_to_date`] through a table of the years 1800–2199 (built once,
/// 600 KB): a load of the whole universe decodes tens of millions of days,
/// and the calendar arithmetic was a fifth of its time.
pub(crate) fn days_to_date_fast(days: i32) -> Option<Date> {
    static TABLE: std::sync::OnceLock<Vec<Date>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..TABLE_DAYS as i32)
            .map_while(|k| days_to_date(TABLE_FIRST_DAY + k))
            .collect()
    });
    usize::try_from(days.wrapping_sub(TABLE_FIRST_DAY))
        .ok()
        .and_then(|k| table.get(k).copied())
        .or_else(|| days_to_date(days))
}

pub(crate) fn field_code(field: Field) -> i64 {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0) as i64
}

pub(crate) fn field_from_code(code: i64) -> Option<Field> {
    usize::try_from(code)
        .ok()
        .and_then(|i| Field::ALL.get(i).copied())
}

pub(crate) fn encode_i32(values: &[i32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * 4);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

pub(crate) fn encode_u32(values: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * 4);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

pub(crate) fn encode_f64(values: &[f64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * 8);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

pub(crate) fn decode_4(bytes: &[u8]) -> Result<impl Iterator<Item = [u8; 4]> + '_, StoreError> {
    let chunks = bytes.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return Err(StoreError::Corrupt("series blob length".into()));
    }
    Ok(chunks.map(|c| {
        let mut a = [0u8; 4];
        a.copy_from_slice(c);
        a
    }))
}

pub(crate) fn decode_f64(bytes: &[u8]) -> Result<Vec<f64>, StoreError> {
    let chunks = bytes.chunks_exact(8);
    if !chunks.remainder().is_empty() {
        return Err(StoreError::Corrupt("series blob length".into()));
    }
    Ok(chunks
        .map(|c| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            f64::from_le_bytes(a)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        let d = Date::from_ymd_opt(1970, 1, 1).expect("valid");
        assert_eq!(date_to_days(d), 0);
        let d = Date::from_ymd_opt(1927, 12, 30).expect("valid");
        // 1927-12-30 is 15343 days before 1970-01-01 (Python: (date(1970,1,1)-date(1927,12,30)).days).
        assert_eq!(date_to_days(d), -15343);
        assert_eq!(days_to_date(-15343), Some(d));
    }

    #[test]
    fn the_day_table_agrees_with_the_calendar() {
        // 1800-01-01 is 62091 days before 1970-01-01 (Python:
        // (date(1970,1,1)-date(1800,1,1)).days); 2199-12-31 is day 84005.
        let first = Date::from_ymd_opt(1800, 1, 1).expect("valid");
        let last = Date::from_ymd_opt(2199, 12, 31).expect("valid");
        assert_eq!(date_to_days(first), TABLE_FIRST_DAY);
        assert_eq!(date_to_days(last), TABLE_FIRST_DAY + TABLE_DAYS as i32 - 1);
        for d in [
            -100_000, -62_092, -62_091, -15_343, 0, 20_686, 84_005, 84_006, 200_000,
        ] {
            assert_eq!(days_to_date_fast(d), days_to_date(d), "day {d}");
        }
    }
}
