//! The NYSE trading calendar: which dates are sessions.
//!
//! (Stub: weekdays only. The full rule table and special closures are being
//! written; the API below is fixed.)

use crate::Date;
use chrono::{Datelike, Weekday};

/// First year for which the rule table is authoritative; before it, gaps
/// against the calendar are not flagged.
pub const FIRST_YEAR: i32 = 1970;

/// Whether the NYSE held a regular session on `date`.
pub fn is_session(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The reason the exchange was closed on a weekday, if it was.
pub fn closure_reason(date: Date) -> Option<&'static str> {
    let _ = date;
    None
}

/// Every session from `from` to `to`, both inclusive.
pub fn sessions_between(from: Date, to: Date) -> Vec<Date> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| is_session(*d))
        .collect()
}

/// Number of sessions in a calendar year.
pub fn sessions_in_year(year: i32) -> usize {
    match (Date::from_ymd_opt(year, 1, 1), Date::from_ymd_opt(year, 12, 31)) {
        (Some(a), Some(b)) => sessions_between(a, b).len(),
        _ => 0,
    }
}

/// The first session strictly after `date`.
pub fn next_session(date: Date) -> Date {
    let mut d = date;
    loop {
        d = d.succ_opt().unwrap_or(d);
        if is_session(d) {
            return d;
        }
    }
}

/// The last session strictly before `date`.
pub fn prev_session(date: Date) -> Date {
    let mut d = date;
    loop {
        d = d.pred_opt().unwrap_or(d);
        if is_session(d) {
            return d;
        }
    }
}
