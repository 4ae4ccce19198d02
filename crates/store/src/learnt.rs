//! Instruments the store learnt (file stems, wide-table columns, provider
//! metadata), kept in `learnt_instruments` as the JSON of a
//! [`model::Instrument`], and the registry built from them: the built-in
//! registry, then the learnt instruments, then the user's
//! `instruments.toml` ([`model::UserRegistry`]) over both.

use crate::read::Learnt;
use crate::{db, StoreError};
use model::{Instrument, Registry, UserRegistry};
use rusqlite::{params, Connection};

/// The built-in registry, parsed once per process.
pub(crate) fn builtin() -> Result<Registry, StoreError> {
    static BUILTIN: std::sync::OnceLock<Result<Registry, String>> = std::sync::OnceLock::new();
    match BUILTIN.get_or_init(|| Registry::builtin().map_err(|e| e.to_string())) {
        Ok(reg) => Ok(reg.clone()),
        Err(e) => Err(StoreError::Corrupt(format!("the built-in registry: {e}"))),
    }
}

/// Stores learnt instruments. `replace` overwrites what is stored for the
/// symbol (provider metadata names an instrument better than its file
/// stem did); otherwise the first learner keeps it.
pub(crate) fn insert(
    conn: &Connection,
    learnt: &[Learnt],
    replace: bool,
) -> Result<(), StoreError> {
    let sql = if replace {
        "INSERT OR REPLACE INTO learnt_instruments(symbol, body, origin) VALUES (?1, ?2, ?3)"
    } else {
        "INSERT OR IGNORE INTO learnt_instruments(symbol, body, origin) VALUES (?1, ?2, ?3)"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    for l in learnt {
        let body = serde_json::to_string(&l.instrument)
            .map_err(|e| StoreError::Corrupt(format!("learnt instrument json: {e}")))?;
        stmt.execute(params![l.instrument.symbol, body, l.origin])?;
    }
    Ok(())
}

/// Every learnt instrument, by symbol (none in a store written by a build
/// that did not learn instruments).
pub(crate) fn load(conn: &Connection) -> Result<Vec<Learnt>, StoreError> {
    if !db::has_table(conn, "learnt_instruments")? {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT symbol, body, origin FROM learnt_instruments ORDER BY symbol")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let symbol: String = r.get(0)?;
        let body: String = r.get(1)?;
        let instrument: Instrument = serde_json::from_str(&body)
            .map_err(|e| StoreError::Corrupt(format!("learnt instrument {symbol}: {e}")))?;
        out.push(Learnt {
            instrument,
            origin: r.get(2)?,
        });
    }
    Ok(out)
}

/// The registry of a store: built-in, learnt, then the user file.
pub(crate) fn registry(
    conn: &Connection,
    user: Option<&UserRegistry>,
) -> Result<Registry, StoreError> {
    let learnt = load(conn)?;
    let mut reg = builtin()?;
    if !learnt.is_empty() {
        reg = reg.with_instruments(learnt.into_iter().map(|l| l.instrument))?;
    }
    if let Some(user) = user {
        reg = reg.with_user(user)?;
    }
    Ok(reg)
}
