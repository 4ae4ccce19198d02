//! Decoding the consolidated series of the `series` table into
//! [`model::Series`], sharing calendars.
//!
//! A store's daily series mostly trade on the same sessions: each row's
//! packed dates are compared (as bytes) with the calendars already decoded,
//! and a series whose dates are a range of one holds that range instead of
//! a copy. A series with one source (the `source_ids` column holds one id)
//! is one source run, and its per-point `srcs` BLOB is not read at all.

use crate::{db, StoreError};
use model::series::SortedDates;
use model::{Field, Series, SeriesKey, SourceId};

/// The query every loader steps: `srcs` only for series of several sources.
pub(crate) const SELECT_SERIES: &str = "SELECT instrument, field, source_ids, dates, vals,
     CASE WHEN instr(source_ids, ',') = 0 THEN NULL ELSE srcs END FROM series";

/// Calendars kept for sharing, at most.
const CALENDARS_MAX: usize = 32;
/// A series with fewer dates gets its own vector and is not offered as a calendar.
const CALENDAR_LEN_MIN: usize = 64;

/// One decoded calendar and its packed days, to compare rows with.
struct Calendar {
    bytes: Vec<u8>,
    dates: SortedDates,
}

impl Calendar {
    fn day(&self, idx: usize) -> i32 {
        let b = &self.bytes[4 * idx..4 * idx + 4];
        i32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Where the packed days `bytes` start in this calendar, if they are a
    /// range of it.
    fn find(&self, bytes: &[u8]) -> Option<usize> {
        let n = self.dates.len();
        let first = i32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let mut lo = 0;
        let mut hi = n;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.day(mid) < first {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let end = lo.checked_mul(4)?.checked_add(bytes.len())?;
        (self.bytes.get(4 * lo..end) == Some(bytes)).then_some(lo)
    }
}

/// Decodes rows of [`SELECT_SERIES`], remembering calendars across rows.
#[derive(Default)]
pub(crate) struct Decoder {
    calendars: Vec<Calendar>,
}

impl Decoder {
    /// One row of [`SELECT_SERIES`].
    pub(crate) fn row(&mut self, row: &rusqlite::Row<'_>) -> Result<Series, StoreError> {
        let instrument: String = row.get(0)?;
        let field_name = row.get_ref(1)?.as_str().map_err(corrupt)?;
        let field = Field::parse(field_name)
            .ok_or_else(|| StoreError::Corrupt(format!("field `{field_name}`")))?;
        let key = SeriesKey::new(instrument, field);
        let source_ids = row.get_ref(2)?.as_str().map_err(corrupt)?;
        let (calendar, start) = self.dates(crate::blob(row, 3)?)?;
        let values = db::decode_f64(crate::blob(row, 4)?)?;
        if values.is_empty() {
            return Ok(Series::on_calendar(key, &calendar, start, values, &[])?);
        }
        let runs = match row.get_ref(5)?.as_blob_or_null().map_err(corrupt)? {
            Some(srcs) => {
                if srcs.len() != 4 * values.len() {
                    return Err(StoreError::Corrupt(format!(
                        "series {key}: {} sources for {} values",
                        srcs.len() / 4,
                        values.len()
                    )));
                }
                let mut runs: Vec<(usize, SourceId)> = Vec::new();
                for (i, b) in db::decode_4(srcs)?.enumerate() {
                    let id = SourceId(u32::from_le_bytes(b));
                    if runs.last().is_none_or(|r| r.1 != id) {
                        runs.push((i, id));
                    }
                }
                runs
            }
            None => {
                let id: u32 = source_ids.trim().parse().map_err(|_| {
                    StoreError::Corrupt(format!("series {key}: source ids `{source_ids}`"))
                })?;
                vec![(0, SourceId(id))]
            }
        };
        Ok(Series::on_calendar(key, &calendar, start, values, &runs)?)
    }

    /// The calendar holding the packed days `bytes` and where they start in
    /// it: a calendar already decoded, else a new one.
    fn dates(&mut self, bytes: &[u8]) -> Result<(SortedDates, usize), StoreError> {
        if !bytes.len().is_multiple_of(4) {
            return Err(StoreError::Corrupt("series blob length".into()));
        }
        for calendar in &self.calendars {
            if let Some(start) = calendar.find(bytes) {
                return Ok((calendar.dates.clone(), start));
            }
        }
        let dates = db::decode_4(bytes)?
            .map(|b| {
                let d = i32::from_le_bytes(b);
                db::days_to_date_fast(d).ok_or_else(|| StoreError::Corrupt(format!("day {d}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let dates = SortedDates::new(dates).map_err(|date| {
            StoreError::Corrupt(format!("series dates not increasing at {date}"))
        })?;
        if dates.len() >= CALENDAR_LEN_MIN {
            if self.calendars.len() == CALENDARS_MAX {
                self.calendars.pop();
            }
            self.calendars.push(Calendar {
                bytes: bytes.to_vec(),
                dates: dates.clone(),
            });
        }
        Ok((dates, 0))
    }
}

fn corrupt(e: rusqlite::types::FromSqlError) -> StoreError {
    StoreError::Corrupt(format!("series row: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(days: &[i32]) -> Vec<u8> {
        db::encode_i32(days)
    }

    #[test]
    fn a_range_of_a_decoded_calendar_shares_it_and_anything_else_is_decoded() {
        // Weekdays-like gaps: 100 days from day 20,000 (2024-10-04).
        let days: Vec<i32> = (0..140).filter(|k| k % 7 < 5).map(|k| 20_000 + k).collect();
        assert_eq!(days.len(), 100);
        let mut decoder = Decoder::default();
        let (calendar, start) = decoder.dates(&packed(&days)).expect("decoded");
        assert_eq!((calendar.len(), start), (100, 0));
        let shared = |dates: &SortedDates| std::ptr::eq(dates.as_slice(), calendar.as_slice());

        // A range of it: shared, at its offset, the same dates as decoded alone.
        let (dates, start) = decoder.dates(&packed(&days[20..50])).expect("decoded");
        assert!(shared(&dates));
        assert_eq!(start, 20);
        let (alone, _) = Decoder::default()
            .dates(&packed(&days[20..50]))
            .expect("decoded");
        assert_eq!(&dates.as_slice()[20..50], alone.as_slice());

        // A day missing, running past its end, starting off it: decoded.
        let mut other = days[20..50].to_vec();
        other.remove(10);
        let mut past = days[90..].to_vec();
        past.push(30_000);
        for (what, range) in [
            ("a day missing", other),
            ("past the end", past),
            ("a first day it lacks", vec![19_999, 20_000]),
            ("nothing", vec![]),
        ] {
            let (dates, start) = decoder.dates(&packed(&range)).expect("decoded");
            assert!(!shared(&dates), "{what}");
            assert_eq!(start, 0, "{what}");
            assert_eq!(dates.len(), range.len(), "{what}");
        }
        assert!(decoder.dates(&[0, 0, 0]).is_err());
        assert!(decoder.dates(&packed(&[20_001, 20_000])).is_err());
    }
}
