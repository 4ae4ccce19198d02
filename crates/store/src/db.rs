//! The SQLite schema, date and blob encodings, and small SQL helpers.
//!
//! Observations are rows keyed by (source, instrument, field, date): the
//! key puts one source's rows together so that replacing a changed file is
//! one range delete. Consolidated series are packed BLOBs (dates as
//! little-endian i32 days since 1970-01-01, f64 values, u32 source ids) so
//! that loading a whole [`model::Universe`] is a few hundred row reads.

use crate::StoreError;
use model::{Date, Field};
use rusqlite::Connection;

/// Bumped when the schema changes incompatibly.
pub(crate) const SCHEMA_VERSION: &str = "1";

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
CREATE TABLE IF NOT EXISTS observations(
    source_id INTEGER NOT NULL,
    instrument_id INTEGER NOT NULL,
    field INTEGER NOT NULL,
    date INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY(source_id, instrument_id, field, date)
) WITHOUT ROWID;
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

/// Opens pragmas and creates the schema.
pub(crate) fn init(conn: &Connection, on_disk: bool) -> Result<(), StoreError> {
    if on_disk {
        // WAL: a reader never sees a half-written import and a killed writer
        // leaves the last committed state.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    // A 64 MiB page cache keeps a whole import's b-tree pages in memory
    // instead of spilling them mid-transaction (allocated only when used).
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.execute_batch(SCHEMA)?;
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
        Some(v) => {
            return Err(StoreError::Corrupt(format!(
                "schema version {v}, this build reads version {SCHEMA_VERSION}; \
                 delete the store file and import again"
            )))
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
}
