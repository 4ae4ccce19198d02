//! The FOMC's policy announcement dates, a data file compiled in.
//!
//! `crates/model/fomc.toml` lists the last day of every scheduled FOMC
//! meeting from 2008 to 2026 (the day its statement is released) and the
//! unscheduled meetings that ended with a statement. The fact engine dates a
//! change of the Fed funds target range by the announcement, which FRED's
//! range series does not give: FRED moves the range on the day it takes
//! effect, usually the day after the announcement, on the day itself in
//! December 2015 and December 2016.

use crate::Date;
use serde::Deserialize;
use std::sync::OnceLock;

/// The calendar file compiled into the binary.
pub const BUILTIN_FOMC_CALENDAR: &str = include_str!("../fomc.toml");

/// How many days before a range's effective date its announcement may lie
/// (a Friday announcement taking effect on Monday).
pub const MAX_EFFECT_DELAY_DAYS: i64 = 3;

/// One FOMC policy announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Announcement {
    /// The day the statement was released.
    pub date: Date,
    /// A regularly scheduled meeting (else an unscheduled one).
    pub scheduled: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    scheduled: Vec<String>,
    unscheduled: Vec<String>,
}

/// Why the calendar could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The TOML did not parse.
    #[error("FOMC calendar: {0}")]
    Parse(#[from] toml::de::Error),
    /// An entry is not an ISO date.
    #[error("FOMC calendar: `{0}` is not a YYYY-MM-DD date")]
    Date(String),
    /// A date is listed twice.
    #[error("FOMC calendar: {0} is listed twice")]
    Duplicate(Date),
}

/// Parses a calendar from TOML text: sorted by date.
///
/// # Errors
/// [`CalendarError`] on a parse error, a bad date or a date listed twice.
pub fn parse(text: &str) -> Result<Vec<Announcement>, CalendarError> {
    let file: CalendarFile = toml::from_str(text)?;
    let mut out = Vec::with_capacity(file.scheduled.len() + file.unscheduled.len());
    for (list, scheduled) in [(&file.scheduled, true), (&file.unscheduled, false)] {
        for text in list {
            let date =
                crate::parse_iso_date(text).ok_or_else(|| CalendarError::Date(text.clone()))?;
            out.push(Announcement { date, scheduled });
        }
    }
    out.sort_by_key(|a| a.date);
    if let Some(w) = out.windows(2).find(|w| w[0].date == w[1].date) {
        return Err(CalendarError::Duplicate(w[0].date));
    }
    Ok(out)
}

/// Every announcement in the built-in calendar, sorted by date (empty only
/// if the compiled-in file is broken, which a unit test rules out).
pub fn announcements() -> &'static [Announcement] {
    static CALENDAR: OnceLock<Vec<Announcement>> = OnceLock::new();
    CALENDAR.get_or_init(|| parse(BUILTIN_FOMC_CALENDAR).unwrap_or_default())
}

/// The announcement on `date`, if there was one.
pub fn on(date: Date) -> Option<Announcement> {
    let all = announcements();
    all.binary_search_by_key(&date, |a| a.date)
        .ok()
        .map(|i| all[i])
}

/// The announcement that put into effect a range first in force on
/// `effective`: the latest announcement on or up to
/// [`MAX_EFFECT_DELAY_DAYS`] days before it.
pub fn announcement_for(effective: Date) -> Option<Announcement> {
    let all = announcements();
    let n = all.partition_point(|a| a.date <= effective);
    let a = *all.get(n.checked_sub(1)?)?;
    ((effective - a.date).num_days() <= MAX_EFFECT_DELAY_DAYS).then_some(a)
}

/// The first and last years the calendar covers.
pub fn years() -> Option<(i32, i32)> {
    use chrono::Datelike;
    let all = announcements();
    Some((all.first()?.date.year(), all.last()?.date.year()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(s: &str) -> Date {
        crate::parse_iso_date(s).expect("date")
    }

    #[test]
    fn the_builtin_calendar_parses_with_eight_meetings_a_year() {
        let all = parse(BUILTIN_FOMC_CALENDAR).expect("fomc.toml parses");
        assert_eq!(all.len(), announcements().len());
        for year in 2008..=2026 {
            let n = all
                .iter()
                .filter(|a| a.scheduled && a.date.year() == year)
                .count();
            // 2020's March meeting was replaced by the unscheduled one of March 15.
            let want = if year == 2020 { 7 } else { 8 };
            assert_eq!(n, want, "{year}");
        }
        // Statements are released on weekdays, except the Sunday of 2020-03-15.
        for a in &all {
            let weekend = a.date.weekday().number_from_monday() >= 6;
            assert_eq!(weekend, a.date == d("2020-03-15"), "{}", a.date);
        }
        assert_eq!(years(), Some((2008, 2026)));
    }

    #[test]
    fn ranges_are_dated_by_their_announcement() {
        // FRED moved the range the day after, except in Dec 2015 and Dec 2016.
        let a = |s: &str| announcement_for(d(s)).map(|a| a.date);
        assert_eq!(a("2025-09-18"), Some(d("2025-09-17")));
        assert_eq!(a("2015-12-16"), Some(d("2015-12-16")));
        assert_eq!(a("2016-12-14"), Some(d("2016-12-14")));
        assert_eq!(a("2020-03-16"), Some(d("2020-03-15")));
        assert_eq!(a("2024-11-08"), Some(d("2024-11-07")));
        assert_eq!(
            a("2015-12-15"),
            None,
            "no announcement within 3 days before"
        );
        assert!(on(d("2015-12-16")).is_some_and(|a| a.scheduled));
        assert!(on(d("2020-03-03")).is_some_and(|a| !a.scheduled));
        assert!(on(d("2020-03-18")).is_none(), "replaced by 2020-03-15");
    }

    #[test]
    fn bad_calendars_are_rejected() {
        assert!(parse("scheduled = [\"2020-13-01\"]\nunscheduled = []").is_err());
        assert!(parse("scheduled = [\"2020-01-29\"]\nunscheduled = [\"2020-01-29\"]").is_err());
        assert!(parse("scheduled = []").is_err());
    }
}
