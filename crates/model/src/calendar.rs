//! The NYSE trading calendar: which dates are sessions, and why a weekday
//! was not one.
//!
//! A weekday is a session unless a holiday rule or a special closure says
//! otherwise. The rules follow the exchange's own history: New Year's Day
//! (Sunday moves to Monday; Saturday is not moved, the NYSE rule), Martin
//! Luther King Jr. Day (from 1998), Washington's Birthday (Feb 22, third
//! Monday of February from 1971), Good Friday, Memorial Day (May 30, last
//! Monday of May from 1971), Juneteenth (from 2022), Independence Day, Labor
//! Day, Election Day (every year to 1967, then presidential years to 1980),
//! Thanksgiving, Christmas, the holidays retired after 1953 (Lincoln's
//! Birthday, Columbus Day, Veterans Day) and the one-off closures listed in
//! [`SPECIAL_CLOSURES`]. The observance shift (Saturday → Friday, Sunday →
//! Monday) applies from 1954 (1964 for Washington's Birthday and Memorial
//! Day); before that a Saturday holiday was not moved.
//!
//! Authority starts at [`FIRST_YEAR`] = 1953: the first full year after the
//! NYSE stopped trading on Saturdays (September 1952). From then on the
//! calendar matches every date of the S&P 500 daily history (GSPC.csv) and the
//! NYSE's published yearly session counts exactly (see
//! `crates/model/tests/calendar.rs`). Before 1953 the weekday rules are
//! applied as far as they are known (they also match GSPC.csv on every
//! weekday from 1928), but Saturday sessions, held until 1952, are not
//! modelled: no Saturday is ever a session here. Early closes are not
//! modelled either: a shortened day is a session.
//!
//! Lookups are a bit test in a table built once (for 1900..=2199) on first
//! use; dates outside it are evaluated from the rules directly. No call
//! allocates except [`sessions_between`] (which returns a `Vec`).

use crate::Date;
use chrono::{Datelike, Weekday};
use std::sync::OnceLock;

/// First year for which the calendar is authoritative: 1953, the first full
/// year without Saturday sessions. Before it, gaps against the calendar are
/// not flagged.
pub const FIRST_YEAR: i32 = 1953;

/// First year covered by the precomputed lookup table.
const TABLE_FIRST_YEAR: i32 = 1900;
/// Last year covered by the precomputed lookup table.
const TABLE_LAST_YEAR: i32 = 2199;

/// One-off full-day closures of the NYSE on weekdays, sorted by date:
/// `((year, month, day), reason)`.
///
/// Closures before [`FIRST_YEAR`] are listed only for weekdays (Saturday
/// closures do not matter: Saturdays are never sessions here).
pub const SPECIAL_CLOSURES: &[((i32, u32, u32), &str)] = &[
    ((1929, 11, 1), "Backlog relief"),
    ((1929, 11, 29), "Backlog relief"),
    ((1933, 3, 6), "Bank holiday"),
    ((1933, 3, 7), "Bank holiday"),
    ((1933, 3, 8), "Bank holiday"),
    ((1933, 3, 9), "Bank holiday"),
    ((1933, 3, 10), "Bank holiday"),
    ((1933, 3, 13), "Bank holiday"),
    ((1933, 3, 14), "Bank holiday"),
    ((1945, 8, 15), "V-J Day (end of World War II)"),
    ((1945, 8, 16), "V-J Day (end of World War II)"),
    ((1945, 12, 24), "Christmas Eve"),
    ((1956, 12, 24), "Christmas Eve"),
    ((1958, 12, 26), "Day after Christmas"),
    ((1961, 5, 29), "Day before Memorial Day"),
    ((1963, 11, 25), "Funeral of President John F. Kennedy"),
    ((1968, 2, 12), "Lincoln's Birthday"),
    ((1968, 4, 9), "Day of mourning for Martin Luther King Jr."),
    ((1968, 6, 12), "Paperwork crisis"),
    ((1968, 6, 19), "Paperwork crisis"),
    ((1968, 6, 26), "Paperwork crisis"),
    ((1968, 7, 5), "Day after Independence Day"),
    ((1968, 7, 10), "Paperwork crisis"),
    ((1968, 7, 17), "Paperwork crisis"),
    ((1968, 7, 24), "Paperwork crisis"),
    ((1968, 7, 31), "Paperwork crisis"),
    ((1968, 8, 7), "Paperwork crisis"),
    ((1968, 8, 14), "Paperwork crisis"),
    ((1968, 8, 21), "Paperwork crisis"),
    ((1968, 8, 28), "Paperwork crisis"),
    ((1968, 9, 11), "Paperwork crisis"),
    ((1968, 9, 18), "Paperwork crisis"),
    ((1968, 9, 25), "Paperwork crisis"),
    ((1968, 10, 2), "Paperwork crisis"),
    ((1968, 10, 9), "Paperwork crisis"),
    ((1968, 10, 16), "Paperwork crisis"),
    ((1968, 10, 23), "Paperwork crisis"),
    ((1968, 10, 30), "Paperwork crisis"),
    ((1968, 11, 11), "Veterans Day"),
    ((1968, 11, 20), "Paperwork crisis"),
    ((1968, 12, 4), "Paperwork crisis"),
    ((1968, 12, 11), "Paperwork crisis"),
    ((1968, 12, 18), "Paperwork crisis"),
    ((1969, 2, 10), "Snowstorm"),
    ((1969, 3, 31), "Funeral of President Dwight D. Eisenhower"),
    ((1969, 7, 21), "First lunar landing"),
    ((1972, 12, 28), "Funeral of President Harry S. Truman"),
    ((1973, 1, 25), "Funeral of President Lyndon B. Johnson"),
    ((1977, 7, 14), "New York City blackout"),
    ((1985, 9, 27), "Hurricane Gloria"),
    ((1994, 4, 27), "Funeral of President Richard Nixon"),
    ((2001, 9, 11), "September 11 attacks"),
    ((2001, 9, 12), "September 11 attacks"),
    ((2001, 9, 13), "September 11 attacks"),
    ((2001, 9, 14), "September 11 attacks"),
    ((2004, 6, 11), "Funeral of President Ronald Reagan"),
    ((2007, 1, 2), "Funeral of President Gerald Ford"),
    ((2012, 10, 29), "Hurricane Sandy"),
    ((2012, 10, 30), "Hurricane Sandy"),
    ((2018, 12, 5), "Funeral of President George H. W. Bush"),
    ((2025, 1, 9), "Funeral of President Jimmy Carter"),
];

/// Whether the NYSE held a regular session on `date` (early closes count as
/// sessions). Authoritative from [`FIRST_YEAR`]; see the module docs for
/// earlier dates.
pub fn is_session(date: Date) -> bool {
    match table_index(date) {
        Some(i) => table()[i / 64] >> (i % 64) & 1 == 1,
        None => is_session_by_rule(date),
    }
}

/// The reason the exchange was closed on a weekday, if it was; `None` for
/// sessions and for weekends. An observed holiday carries the suffix
/// `" (observed)"`, e.g. `"Christmas Day (observed)"` on 2022-12-26.
pub fn closure_reason(date: Date) -> Option<&'static str> {
    if is_weekend(date) {
        return None;
    }
    special_closure(date).or_else(|| holiday(date))
}

/// Every session from `from` to `to`, both inclusive (empty when
/// `from > to`).
pub fn sessions_between(from: Date, to: Date) -> Vec<Date> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| is_session(*d))
        .collect()
}

/// Number of sessions in a calendar year (0 for years chrono cannot
/// represent).
pub fn sessions_in_year(year: i32) -> usize {
    match (
        Date::from_ymd_opt(year, 1, 1),
        Date::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) => a
            .iter_days()
            .take_while(|d| *d <= b)
            .filter(|d| is_session(*d))
            .count(),
        _ => 0,
    }
}

/// Every weekday of `year` on which the exchange was closed, with the
/// reason, in date order.
pub fn closures_in_year(year: i32) -> Vec<(Date, &'static str)> {
    let (Some(a), Some(b)) = (
        Date::from_ymd_opt(year, 1, 1),
        Date::from_ymd_opt(year, 12, 31),
    ) else {
        return Vec::new();
    };
    a.iter_days()
        .take_while(|d| *d <= b)
        .filter_map(|d| closure_reason(d).map(|r| (d, r)))
        .collect()
}

/// The first session strictly after `date`. Saturates at chrono's last
/// representable date.
pub fn next_session(date: Date) -> Date {
    let mut d = date;
    loop {
        match d.succ_opt() {
            Some(n) => d = n,
            None => return d,
        }
        if is_session(d) {
            return d;
        }
    }
}

/// The last session strictly before `date`. Saturates at chrono's first
/// representable date.
pub fn prev_session(date: Date) -> Date {
    let mut d = date;
    loop {
        match d.pred_opt() {
            Some(p) => d = p,
            None => return d,
        }
        if is_session(d) {
            return d;
        }
    }
}

// ---------------------------------------------------------------------------
// Lookup table

/// `num_days_from_ce` of 1900-01-01 (day 1 is 0001-01-01), the table's
/// first day; checked by a unit test.
const TABLE_START_DAYS: i32 = 693_596;

/// Bit index of `date` in the table, if the table covers it.
fn table_index(date: Date) -> Option<usize> {
    if !(TABLE_FIRST_YEAR..=TABLE_LAST_YEAR).contains(&date.year()) {
        return None;
    }
    usize::try_from(date.num_days_from_ce() - TABLE_START_DAYS).ok()
}

/// One bit per day of 1900..=2199, set on sessions.
fn table() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = Vec::new();
        let (Some(first), Some(last)) = (
            Date::from_ymd_opt(TABLE_FIRST_YEAR, 1, 1),
            Date::from_ymd_opt(TABLE_LAST_YEAR, 12, 31),
        ) else {
            return bits;
        };
        for (i, d) in first.iter_days().take_while(|d| *d <= last).enumerate() {
            if i % 64 == 0 {
                bits.push(0);
            }
            if is_session_by_rule(d) {
                if let Some(word) = bits.last_mut() {
                    *word |= 1 << (i % 64);
                }
            }
        }
        bits
    })
}

// ---------------------------------------------------------------------------
// Rules

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_session_by_rule(date: Date) -> bool {
    !is_weekend(date) && special_closure(date).is_none() && holiday(date).is_none()
}

fn special_closure(date: Date) -> Option<&'static str> {
    let key = (date.year(), date.month(), date.day());
    SPECIAL_CLOSURES
        .binary_search_by(|(k, _)| k.cmp(&key))
        .ok()
        .map(|i| SPECIAL_CLOSURES[i].1)
}

/// How a holiday that falls on a weekend is moved.
#[derive(Clone, Copy)]
enum Shift {
    /// Saturday → Friday before, Sunday → Monday after.
    Nearest,
    /// Sunday → Monday after; a Saturday holiday is not moved to a weekday.
    SundayOnly,
}

/// Whether weekday `date` is the (possibly shifted) observance of the fixed
/// holiday on `day` of `date`'s month. `Some(false)` is the holiday itself,
/// `Some(true)` a shifted observance.
fn observed(date: Date, day: u32, shift: Shift) -> Option<bool> {
    let d = date.day();
    let wd = date.weekday();
    if d == day {
        return Some(false);
    }
    let moved = match shift {
        Shift::Nearest => {
            (wd == Weekday::Fri && d + 1 == day) || (wd == Weekday::Mon && d == day + 1)
        }
        Shift::SundayOnly => wd == Weekday::Mon && d == day + 1,
    };
    moved.then_some(true)
}

/// Picks the plain or the "(observed)" name.
fn named(shifted: Option<bool>, plain: &'static str, obs: &'static str) -> Option<&'static str> {
    shifted.map(|s| if s { obs } else { plain })
}

/// Whether `date` is the `n`-th (1-based) `weekday` of its month.
fn is_nth(date: Date, weekday: Weekday, n: u32) -> bool {
    date.weekday() == weekday && (date.day() - 1) / 7 + 1 == n
}

/// Whether `date` is the last `weekday` of its month.
fn is_last(date: Date, weekday: Weekday) -> bool {
    date.weekday() == weekday
        && date
            .checked_add_days(chrono::Days::new(7))
            .map(|n| n.month())
            != Some(date.month())
}

/// Whether `date` is the second-to-last `weekday` of its month.
fn is_second_last(date: Date, weekday: Weekday) -> bool {
    date.weekday() == weekday
        && date
            .checked_add_days(chrono::Days::new(7))
            .is_some_and(|n| is_last(n, weekday))
}

/// Easter Sunday of `year` (Gregorian; anonymous algorithm).
pub fn easter(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The regular holiday observed on weekday `date`, if any.
fn holiday(date: Date) -> Option<&'static str> {
    use Weekday::{Mon, Thu, Tue};
    let y = date.year();
    let d = date.day();
    let shift_from_1954 = if y >= 1954 {
        Shift::Nearest
    } else {
        Shift::SundayOnly
    };
    let shift_from_1964 = if y >= 1964 {
        Shift::Nearest
    } else {
        Shift::SundayOnly
    };
    match date.month() {
        1 => {
            // New Year's Day: Sunday → Monday; a Saturday New Year's Day is
            // not observed (the NYSE does not close on Friday Dec 31).
            if let Some(r) = named(
                observed(date, 1, Shift::SundayOnly),
                "New Year's Day",
                "New Year's Day (observed)",
            ) {
                return Some(r);
            }
            (y >= 1998 && is_nth(date, Mon, 3)).then_some("Martin Luther King Jr. Day")
        }
        2 => {
            if (1896..=1953).contains(&y) {
                if let Some(r) = named(
                    observed(date, 12, Shift::SundayOnly),
                    "Lincoln's Birthday",
                    "Lincoln's Birthday (observed)",
                ) {
                    return Some(r);
                }
            }
            if y >= 1971 {
                is_nth(date, Mon, 3).then_some("Washington's Birthday (Presidents' Day)")
            } else {
                named(
                    observed(date, 22, shift_from_1964),
                    "Washington's Birthday",
                    "Washington's Birthday (observed)",
                )
            }
        }
        3 | 4 => {
            let good_friday = easter(y).and_then(|e| e.checked_sub_days(chrono::Days::new(2)));
            (good_friday == Some(date)).then_some("Good Friday")
        }
        5 => {
            if y >= 1971 {
                is_last(date, Mon).then_some("Memorial Day")
            } else if y == 1970 {
                // May 30, 1970 was a Saturday and was not moved (the
                // Monday-holiday law took effect in 1971).
                None
            } else {
                named(
                    observed(date, 30, shift_from_1964),
                    "Memorial Day",
                    "Memorial Day (observed)",
                )
            }
        }
        6 if y >= 2022 => named(
            observed(date, 19, Shift::Nearest),
            "Juneteenth National Independence Day",
            "Juneteenth National Independence Day (observed)",
        ),
        7 => named(
            observed(date, 4, shift_from_1954),
            "Independence Day",
            "Independence Day (observed)",
        ),
        9 => is_nth(date, Mon, 1).then_some("Labor Day"),
        10 if (1909..=1953).contains(&y) => named(
            observed(date, 12, Shift::SundayOnly),
            "Columbus Day",
            "Columbus Day (observed)",
        ),
        11 => {
            // Election Day: the Tuesday after the first Monday (Nov 2..=8).
            let election_year = y <= 1967 || matches!(y, 1968 | 1972 | 1976 | 1980);
            if election_year && date.weekday() == Tue && (2..=8).contains(&d) {
                return Some("Election Day");
            }
            if (1934..=1953).contains(&y) {
                if let Some(r) = named(
                    observed(date, 11, Shift::SundayOnly),
                    "Veterans Day",
                    "Veterans Day (observed)",
                ) {
                    return Some(r);
                }
            }
            let thanksgiving = if y >= 1942 {
                is_nth(date, Thu, 4)
            } else if y >= 1939 {
                is_second_last(date, Thu)
            } else {
                is_last(date, Thu)
            };
            thanksgiving.then_some("Thanksgiving Day")
        }
        12 => named(
            observed(date, 25, shift_from_1954),
            "Christmas Day",
            "Christmas Day (observed)",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        crate::parse_iso_date(s).expect("valid test date")
    }

    #[test]
    fn special_closures_are_sorted_unique_weekdays() {
        for w in SPECIAL_CLOSURES.windows(2) {
            assert!(w[0].0 < w[1].0, "not sorted: {:?} {:?}", w[0].0, w[1].0);
        }
        for ((y, m, d), _) in SPECIAL_CLOSURES {
            let day = Date::from_ymd_opt(*y, *m, *d).expect("valid closure date");
            assert!(!is_weekend(day), "{day} is a weekend");
        }
    }

    #[test]
    fn table_start_constant() {
        let start = Date::from_ymd_opt(TABLE_FIRST_YEAR, 1, 1).expect("valid start");
        assert_eq!(start.num_days_from_ce(), TABLE_START_DAYS);
    }

    #[test]
    fn easter_known_dates() {
        // Published Western Easter dates.
        for (y, s) in [
            (1961, "1961-04-02"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2024, "2024-03-31"),
            (2026, "2026-04-05"),
        ] {
            assert_eq!(easter(y), Some(date(s)), "{y}");
        }
    }

    #[test]
    fn table_agrees_with_rules_everywhere() {
        let first = date("1900-01-01");
        let last = date("2199-12-31");
        for d in first.iter_days().take_while(|d| *d <= last) {
            assert_eq!(is_session(d), is_session_by_rule(d), "{d}");
        }
        // Outside the table the rules are used directly.
        assert!(!is_session(date("2200-12-25")));
        assert!(is_session(date("2200-12-26")));
    }
}
