//! Loading the consolidated series: SQLite rows of packed BLOBs decoded
//! into [`Series`] on several threads.
//!
//! Why: a fresh process spends most of a large load in the kernel, faulting
//! in and zeroing the pages of the new `Vec`s (16 bytes a close: date,
//! value, source). That work is per thread, so it is spread over the
//! decoder threads while this thread steps SQLite and copies each row's
//! BLOBs into recycled buffers (warm memory, no new pages after the first
//! few rows).
//!
//! **Invariant:** the result is the same map, whatever the number of
//! threads: the series are keyed, the order of decoding does not show.

use crate::{decode_series, StoreError};
use model::{Series, SeriesKey};
use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};

/// Decoder threads at most (the load is bounded by memory bandwidth and
/// page faults; more threads than cores only add switching).
const DECODE_THREADS_MAX: usize = 4;

/// Rows in flight between the SQLite reader and the decoders: bounds the
/// memory held in copied BLOBs (about 160 KB a row for 10,000 closes).
const ROWS_IN_FLIGHT_MAX: usize = 32;

/// Below this many bytes of BLOBs a row is decoded on the reading thread
/// (threads cost more than they save on small stores).
const PARALLEL_BYTES_MIN: usize = 64 << 10;

/// One `series` row copied out of SQLite's buffers.
#[derive(Default)]
struct RawRow {
    instrument: String,
    field: String,
    dates: Vec<u8>,
    values: Vec<u8>,
    sources: Vec<u8>,
}

impl RawRow {
    fn fill(&mut self, row: &rusqlite::Row<'_>) -> Result<(), StoreError> {
        self.instrument = row.get(0)?;
        self.field = row.get(1)?;
        for (buf, i) in [
            (&mut self.dates, 2),
            (&mut self.values, 3),
            (&mut self.sources, 4),
        ] {
            buf.clear();
            buf.extend_from_slice(crate::blob(row, i)?);
        }
        Ok(())
    }

    fn decode(&self) -> Result<Series, StoreError> {
        decode_series(
            self.instrument.clone(),
            &self.field,
            &self.dates,
            &self.values,
            &self.sources,
        )
    }
}

/// Decodes every row of `rows` (`instrument, field, dates, vals, srcs`).
///
/// # Errors
/// [`StoreError::Sql`] or [`StoreError::Corrupt`]: the first met.
pub(crate) fn series_map(
    rows: &mut rusqlite::Rows<'_>,
) -> Result<BTreeMap<SeriesKey, Series>, StoreError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(DECODE_THREADS_MAX);
    let mut out = BTreeMap::new();
    // The first row decides: a store of short series is decoded here.
    let Some(first) = rows.next()? else {
        return Ok(out);
    };
    let mut raw = RawRow::default();
    raw.fill(first)?;
    let series = raw.decode()?;
    let row_bytes = raw.dates.len() + raw.values.len() + raw.sources.len();
    out.insert(series.key().clone(), series);
    if threads < 2 || row_bytes < PARALLEL_BYTES_MIN {
        while let Some(row) = rows.next()? {
            raw.fill(row)?;
            let series = raw.decode()?;
            out.insert(series.key().clone(), series);
        }
        return Ok(out);
    }

    let (work_tx, work_rx) = mpsc::sync_channel::<RawRow>(ROWS_IN_FLIGHT_MAX);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<(Result<Series, StoreError>, RawRow)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || loop {
                // The lock is held only while waiting for the next row.
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok(raw) = next else { break };
                if done_tx.send((raw.decode(), raw)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // Reading owns `work_tx`: any early return (an SQL error) drops it,
        // which closes the queue, and the decoders end.
        let read = move || -> Result<BTreeMap<SeriesKey, Series>, StoreError> {
            let mut spare = vec![raw];
            let mut first_error = None;
            let mut keep = |result: Result<Series, StoreError>| match result {
                Ok(series) => {
                    out.insert(series.key().clone(), series);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            };
            while let Some(row) = rows.next()? {
                while let Ok((result, used)) = done_rx.try_recv() {
                    keep(result);
                    spare.push(used);
                }
                let mut raw = spare.pop().unwrap_or_default();
                raw.fill(row)?;
                if work_tx.send(raw).is_err() {
                    break;
                }
            }
            drop(work_tx);
            for (result, _) in done_rx {
                keep(result);
            }
            first_error.map_or(Ok(out), Err)
        };
        read()
    })
}
