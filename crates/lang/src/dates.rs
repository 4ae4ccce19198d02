//! Dates and date ranges in market prose, absolute ("January 16, 2026",
//! "Jan. 16", "1/16/2026", "2026-01-16", "mid-January 2026") and relative to
//! the article's date ("on Friday", "last week", "year-to-date", "in
//! November", "the first half", "since 1990", "over the past month").

use chrono::{Datelike, Duration, Months, Weekday};
use model::Date;
use serde::{Deserialize, Serialize};

/// What a date expression denotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum When {
    /// One day.
    Day {
        /// The date.
        date: Date,
    },
    /// A window of days, both inclusive.
    Span {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
    },
    /// From a day up to the as-of date.
    Since {
        /// First day.
        from: Date,
    },
    /// "since 1990": a reference year (for "longest since", or a window start).
    SinceYear {
        /// The year.
        year: i32,
    },
    /// Year to date.
    YearToDate,
    /// Month to date.
    MonthToDate,
    /// Quarter to date.
    QuarterToDate,
    /// A calendar year.
    Year {
        /// The year.
        year: i32,
    },
    /// A calendar month.
    Month {
        /// Year.
        year: i32,
        /// Month 1..=12.
        month: u32,
    },
    /// Several months ("September, October, and December 2025").
    Months {
        /// (year, month) pairs in order.
        months: Vec<(i32, u32)>,
    },
    /// A half-year.
    Half {
        /// Year.
        year: i32,
        /// 1 or 2.
        half: u8,
    },
    /// A quarter.
    Quarter {
        /// Year.
        year: i32,
        /// 1..=4.
        quarter: u8,
    },
    /// The last `n` sessions.
    LastSessions {
        /// Count.
        n: u32,
    },
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateExpr {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// What it denotes.
    pub when: When,
    /// Introduced by "as of", "through", "by" or "on": names the as-of date.
    pub as_of_marker: bool,
}

impl When {
    /// The last day the expression covers, if it is bounded.
    pub fn end_date(&self) -> Option<Date> {
        match self {
            When::Day { date } => Some(*date),
            When::Span { to, .. } => Some(*to),
            When::Year { year } => Date::from_ymd_opt(*year, 12, 31),
            When::Month { year, month } => month_end(*year, *month),
            When::Months { months } => months.last().and_then(|(y, m)| month_end(*y, *m)),
            When::Half { year, half } => Date::from_ymd_opt(
                *year,
                if *half == 1 { 6 } else { 12 },
                if *half == 1 { 30 } else { 31 },
            ),
            When::Quarter { year, quarter } => month_end(*year, u32::from(*quarter) * 3),
            _ => None,
        }
    }
    /// The first day the expression covers, if it is bounded below.
    pub fn start_date(&self) -> Option<Date> {
        match self {
            When::Day { date } => Some(*date),
            When::Span { from, .. } | When::Since { from } => Some(*from),
            When::SinceYear { year } | When::Year { year } => Date::from_ymd_opt(*year, 1, 1),
            When::Month { year, month } => Date::from_ymd_opt(*year, *month, 1),
            When::Months { months } => months
                .first()
                .and_then(|(y, m)| Date::from_ymd_opt(*y, *m, 1)),
            When::Half { year, half } => {
                Date::from_ymd_opt(*year, if *half == 1 { 1 } else { 7 }, 1)
            }
            When::Quarter { year, quarter } => {
                Date::from_ymd_opt(*year, u32::from(*quarter) * 3 - 2, 1)
            }
            _ => None,
        }
    }
}

/// Last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<Date> {
    let first = Date::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
];

const ORD_QUARTERS: &[(&str, u8)] = &[
    ("first quarter", 1),
    ("second quarter", 2),
    ("third quarter", 3),
    ("fourth quarter", 4),
];

fn bound_before(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}
fn bound_after(s: &str, i: usize) -> bool {
    s[i..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// A month name at `i`: month and end (with an abbreviation's dot).
fn month_at(lo: &str, i: usize) -> Option<(u32, usize)> {
    if !lo.as_bytes().get(i).is_some_and(u8::is_ascii_alphabetic) || !bound_before(lo, i) {
        return None;
    }
    // The whole word at `i`, looked up once (names must end at a word boundary).
    let len = lo.as_bytes()[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if !bound_after(lo, i + len) {
        return None;
    }
    let word = &lo[i..i + len];
    let (_, m) = MONTHS.iter().find(|(name, _)| *name == word)?;
    let mut e = i + len;
    if len <= 4 && lo[e..].starts_with('.') {
        e += 1;
    }
    Some((*m, e))
}

fn digits_at(lo: &str, i: usize, max: usize) -> Option<(u32, usize)> {
    let b = lo.as_bytes();
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() && j - i < max {
        j += 1;
    }
    if j == i || b.get(j).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    lo[i..j].parse().ok().map(|v| (v, j))
}

fn year_at(lo: &str, i: usize) -> Option<(i32, usize)> {
    let (y, e) = digits_at(lo, i, 4)?;
    if e - i == 4 && (1850..=2100).contains(&y) && bound_before(lo, i) && bound_after(lo, e) {
        Some((y as i32, e))
    } else {
        None
    }
}

fn ws(lo: &str, mut i: usize) -> usize {
    while lo[i..].starts_with([' ', '\u{a0}']) || lo[i..].starts_with('\u{a0}') {
        i += lo[i..].chars().next().map_or(1, char::len_utf8);
    }
    i
}

/// Resolves a month/day with no year: the latest such date not after
/// `as_of` plus a week.
fn infer_year(month: u32, day: u32, as_of: Option<Date>) -> Option<Date> {
    let a = as_of?;
    let d = Date::from_ymd_opt(a.year(), month, day)?;
    if d > a + Duration::days(7) {
        Date::from_ymd_opt(a.year() - 1, month, day)
    } else {
        Some(d)
    }
}

fn infer_month_year(month: u32, as_of: Option<Date>) -> Option<i32> {
    let a = as_of?;
    Some(if month > a.month() {
        a.year() - 1
    } else {
        a.year()
    })
}

/// Parses an absolute date at `i`: date and end.
fn abs_date_at(lo: &str, i: usize, as_of: Option<Date>) -> Option<(Date, usize)> {
    // ISO 2026-01-16.
    if let Some((y, e)) = year_at(lo, i) {
        if lo[e..].starts_with('-') {
            if let (Some((m, e2)), true) = (digits_at(lo, e + 1, 2), true) {
                if lo[e2..].starts_with('-') {
                    if let Some((d, e3)) = digits_at(lo, e2 + 1, 2) {
                        if let Some(date) = Date::from_ymd_opt(y, m, d) {
                            return Some((date, e3));
                        }
                    }
                }
            }
        }
    }
    // US numeric 1/16/2026 or 1/16/26.
    if bound_before(lo, i) {
        if let Some((m, e)) = digits_at(lo, i, 2) {
            if lo[e..].starts_with('/') {
                if let Some((d, e2)) = digits_at(lo, e + 1, 2) {
                    if lo[e2..].starts_with('/') {
                        if let Some((y, e3)) = digits_at(lo, e2 + 1, 4) {
                            let y = if e3 - e2 - 1 == 2 {
                                2000 + y as i32
                            } else {
                                y as i32
                            };
                            if let Some(date) = Date::from_ymd_opt(y, m, d) {
                                return Some((date, e3));
                            }
                        }
                    }
                }
            }
        }
    }
    // Month day[, year]: "January 16, 2026", "Jan. 16", "January 16th".
    if let Some((m, e)) = month_at(lo, i) {
        let j = ws(lo, e);
        if let Some((d, mut e2)) = digits_at(lo, j, 2) {
            if j > e && (1..=31).contains(&d) {
                for suf in ["st", "nd", "rd", "th"] {
                    if lo[e2..].starts_with(suf) {
                        e2 += 2;
                    }
                }
                if bound_after(lo, e2) {
                    let k = if lo[e2..].starts_with(',') {
                        ws(lo, e2 + 1)
                    } else {
                        ws(lo, e2)
                    };
                    if let Some((y, e3)) = year_at(lo, k) {
                        if let Some(date) = Date::from_ymd_opt(y, m, d) {
                            return Some((date, e3));
                        }
                    }
                    if let Some(date) = infer_year(m, d, as_of) {
                        return Some((date, e2));
                    }
                }
            }
        }
    }
    // Day month year: "16 January 2026".
    if bound_before(lo, i) {
        if let Some((d, e)) = digits_at(lo, i, 2) {
            let j = ws(lo, e);
            if j > e {
                if let Some((m, e2)) = month_at(lo, j) {
                    let k = ws(lo, e2);
                    if let Some((y, e3)) = year_at(lo, k) {
                        if let Some(date) = Date::from_ymd_opt(y, m, d) {
                            return Some((date, e3));
                        }
                    }
                }
            }
        }
    }
    None
}

fn prev_weekday(as_of: Date, wd: Weekday) -> Date {
    let mut d = as_of;
    for _ in 0..7 {
        if d.weekday() == wd {
            return d;
        }
        d = d.pred_opt().unwrap_or(d);
    }
    d
}

fn prev_session(d: Date) -> Date {
    model::calendar::prev_session(d)
}

/// A date expression that cannot be read as a date: an impossible calendar
/// day ("February 30, 2026") or a range that ends before it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateProblem {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Why it is not a date, in words ("February 30, 2026 is not a date").
    pub reason: String,
}

/// Finds every date expression in `text`, resolved against `as_of` (the
/// article's date) when it is relative. Expressions that need `as_of` are
/// skipped when it is `None`.
pub fn find_dates(text: &str, as_of: Option<Date>) -> Vec<DateExpr> {
    scan_dates(text, as_of).0
}

/// Finds the date expressions of `text` that are not dates: impossible
/// calendar days and reversed ranges. [`find_dates`] leaves them out (it
/// never reads "February 30" as February), so a caller that must not fall
/// back to another date checks this list.
pub fn find_date_problems(text: &str, as_of: Option<Date>) -> Vec<DateProblem> {
    scan_dates(text, as_of).1
}

/// Date expressions and date problems of `text`, in one pass.
pub fn scan_dates(text: &str, as_of: Option<Date>) -> (Vec<DateExpr>, Vec<DateProblem>) {
    let lo = text.to_ascii_lowercase();
    let mut problems: Vec<DateProblem> = Vec::new();
    let mut out: Vec<DateExpr> = Vec::new();
    let mut i = 0;
    while i < lo.len() {
        // Every date expression starts with an ASCII letter or digit at a word start.
        if !lo.as_bytes()[i].is_ascii_alphanumeric()
            || !lo.is_char_boundary(i)
            || !bound_before(&lo, i)
        {
            i += 1;
            continue;
        }
        // An impossible day is checked first: "February 30, 2026" must not
        // be read as the month of February.
        if let Some(end) = invalid_date_at(&lo, i) {
            problems.push(DateProblem {
                start: i,
                end,
                reason: format!("{} is not a date", text[i..end].trim()),
            });
            i = end.max(i + 1);
            continue;
        }
        if let Some((when, end)) = date_expr_at(&lo, i, as_of) {
            // "since February 30, 2026": the expression swallows a bad day.
            if problems.iter().any(|p| p.start < end && p.end > i) || invalid_inside(&lo, i, end) {
                i += lo[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let head = lo[..i].trim_end();
            let as_of_marker = ["as of", "through", "by", "on", "until", "ending", "ended"]
                .iter()
                .any(|w| head.ends_with(w) && bound_before(head, head.len() - w.len()));
            out.push(DateExpr {
                start: i,
                end,
                when,
                as_of_marker,
            });
            i = end.max(i + 1);
            continue;
        }
        i += lo[i..].chars().next().map_or(1, char::len_utf8);
    }
    let out = merge_spans(text, &lo, out, &mut problems);
    // Drop expressions that overlap a bad day ("since February 30, 2026"
    // would otherwise leave "since February").
    let out = out
        .into_iter()
        .filter(|d| !problems.iter().any(|p| p.start < d.end && p.end > d.start))
        .collect();
    problems.sort_by_key(|p| p.start);
    (out, problems)
}

/// Whether an impossible day starts anywhere inside `lo[a..b]` (it may run
/// past the expression: "since February 30, 2026" ends at "February").
fn invalid_inside(lo: &str, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        lo.is_char_boundary(k)
            && lo.as_bytes()[k].is_ascii_alphanumeric()
            && bound_before(lo, k)
            && invalid_date_at(lo, k).is_some()
    })
}

/// An absolute date written out in full whose day does not exist ("February
/// 30, 2026", "2026-02-30", "2/30/2026", "June 31"): its end.
fn invalid_date_at(lo: &str, i: usize) -> Option<usize> {
    // ISO 2026-02-30.
    if let Some((y, e)) = year_at(lo, i) {
        if lo[e..].starts_with('-') {
            if let Some((m, e2)) = digits_at(lo, e + 1, 2) {
                if lo[e2..].starts_with('-') {
                    if let Some((d, e3)) = digits_at(lo, e2 + 1, 2) {
                        if e2 - e == 3 && e3 - e2 == 3 && bound_after(lo, e3) {
                            return Date::from_ymd_opt(y, m, d).is_none().then_some(e3);
                        }
                    }
                }
            }
        }
    }
    // US numeric 2/30/2026 or 2/30/26.
    if let Some((m, e)) = digits_at(lo, i, 2) {
        if lo[e..].starts_with('/') {
            if let Some((d, e2)) = digits_at(lo, e + 1, 2) {
                if lo[e2..].starts_with('/') {
                    if let Some((y, e3)) = digits_at(lo, e2 + 1, 4) {
                        let len = e3 - e2 - 1;
                        if (len == 2 || len == 4) && bound_after(lo, e3) {
                            let y = if len == 2 { 2000 + y as i32 } else { y as i32 };
                            return Date::from_ymd_opt(y, m, d).is_none().then_some(e3);
                        }
                    }
                }
            }
        }
    }
    // Month day[, year]: "February 30, 2026", "June 31".
    if let Some((m, e)) = month_at(lo, i) {
        let j = ws(lo, e);
        if let Some((d, mut e2)) = digits_at(lo, j, 2) {
            if j > e && (1..=31).contains(&d) {
                for suf in ["st", "nd", "rd", "th"] {
                    if lo[e2..].starts_with(suf) {
                        e2 += 2;
                    }
                }
                if bound_after(lo, e2) {
                    let k = if lo[e2..].starts_with(',') {
                        ws(lo, e2 + 1)
                    } else {
                        ws(lo, e2)
                    };
                    if let Some((y, e3)) = year_at(lo, k) {
                        return Date::from_ymd_opt(y, m, d).is_none().then_some(e3);
                    }
                    // No year: impossible in every year (2000 was a leap year).
                    return Date::from_ymd_opt(2000, m, d).is_none().then_some(e2);
                }
            }
        }
    }
    // Day month year: "30 February 2026".
    if let Some((d, e)) = digits_at(lo, i, 2) {
        let j = ws(lo, e);
        if j > e && (1..=31).contains(&d) {
            if let Some((m, e2)) = month_at(lo, j) {
                if let Some((y, e3)) = year_at(lo, ws(lo, e2)) {
                    return Date::from_ymd_opt(y, m, d).is_none().then_some(e3);
                }
            }
        }
    }
    None
}

/// Whether `lo[a..b]` names a year in digits (a range's sides must both be
/// explicit before a reversal is an error rather than an inferred year).
fn has_year(lo: &str, a: usize, b: usize) -> bool {
    (a..b).any(|k| lo.is_char_boundary(k) && year_at(lo, k).is_some_and(|(_, e)| e <= b))
}

/// Joins "X through Y", "from X to Y", "between X and Y" into spans; a
/// range written with both years that ends before it starts is a problem,
/// not two dates.
fn merge_spans(
    text: &str,
    lo: &str,
    v: Vec<DateExpr>,
    problems: &mut Vec<DateProblem>,
) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    for e in v {
        if let Some(prev) = out.last_mut() {
            let gap = lo[prev.end..e.start].trim_matches([' ', ',']);
            if matches!(
                gap,
                "through" | "to" | "and" | "until" | "thru" | "-" | "\u{2013}" | "till"
            ) {
                let between = lo[..prev.start].trim_end().ends_with("between");
                if let (Some(from), Some(to)) = (prev.when.start_date(), e.when.end_date()) {
                    if from <= to && (gap != "and" || between) {
                        prev.when = When::Span { from, to };
                        prev.end = e.end;
                        continue;
                    }
                    let ranged = gap != "and" || between;
                    if from > to
                        && ranged
                        && has_year(lo, prev.start, prev.end)
                        && has_year(lo, e.start, e.end)
                    {
                        let head = lo[..prev.start].trim_end();
                        let start = ["between", "from"]
                            .iter()
                            .find(|w| head.ends_with(**w))
                            .map_or(prev.start, |w| head.len() - w.len());
                        problems.push(DateProblem {
                            start,
                            end: e.end,
                            reason: format!(
                                "the range \"{}\" ends before it starts",
                                &text[start..e.end]
                            ),
                        });
                        // Neither side is a date the text means.
                        out.pop();
                        continue;
                    }
                }
            }
        }
        out.push(e);
    }
    out
}

/// Whether a word can begin a date expression (a cheap filter before parsing).
fn can_lead(lo: &str, i: usize) -> bool {
    let b = lo.as_bytes();
    if !b[i].is_ascii_alphabetic() {
        return true;
    }
    let len = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let word = &lo[i..i + len];
    matches!(
        word,
        "mid"
            | "early"
            | "late"
            | "the"
            | "end"
            | "start"
            | "since"
            | "from"
            | "year"
            | "ytd"
            | "so"
            | "this"
            | "month"
            | "quarter"
            | "last"
            | "yesterday"
            | "today"
            | "over"
            | "a"
            | "on"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "h1"
            | "h2"
            | "past"
            | "q1"
            | "q2"
            | "q3"
            | "q4"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
    ) || MONTHS.iter().any(|(m, _)| *m == word)
}

fn date_expr_at(lo: &str, i: usize, as_of: Option<Date>) -> Option<(When, usize)> {
    if !can_lead(lo, i) {
        return None;
    }
    let rest = &lo[i..];
    let starts = |w: &str| rest.starts_with(w) && bound_after(lo, i + w.len());
    // Absolute dates first.
    if let Some((d, e)) = abs_date_at(lo, i, as_of) {
        return Some((When::Day { date: d }, e));
    }
    // mid-/early-/late- Month [year].
    for (pre, which) in [
        ("mid-", 0),
        ("mid ", 0),
        ("early ", 1),
        ("early-", 1),
        ("late ", 2),
        ("late-", 2),
        ("the end of ", 3),
        ("end of ", 3),
        ("the start of ", 4),
        ("the beginning of ", 4),
        ("start of ", 4),
    ] {
        if rest.starts_with(pre) {
            let j = i + pre.len();
            if let Some((m, e)) = month_at(lo, j) {
                let k = ws(lo, e);
                let (y, e2) = match year_at(lo, k) {
                    Some((y, e2)) => (Some(y), e2),
                    None => (infer_month_year(m, as_of), e),
                };
                let y = y?;
                let last = month_end(y, m)?.day();
                let when = match which {
                    0 => When::Day {
                        date: Date::from_ymd_opt(y, m, 15)?,
                    },
                    1 => When::Span {
                        from: Date::from_ymd_opt(y, m, 1)?,
                        to: Date::from_ymd_opt(y, m, 10)?,
                    },
                    2 => When::Span {
                        from: Date::from_ymd_opt(y, m, 21)?,
                        to: Date::from_ymd_opt(y, m, last)?,
                    },
                    3 => When::Day {
                        date: Date::from_ymd_opt(y, m, last)?,
                    },
                    _ => When::Day {
                        date: Date::from_ymd_opt(y, m, 1)?,
                    },
                };
                return Some((when, e2));
            }
            if let Some((y, e)) = year_at(lo, j) {
                let (from, to) = match which {
                    0 => ((y, 5, 1), (y, 8, 31)),
                    1 => ((y, 1, 1), (y, 4, 30)),
                    2 => ((y, 9, 1), (y, 12, 31)),
                    3 => ((y, 12, 31), (y, 12, 31)),
                    _ => ((y, 1, 1), (y, 1, 31)),
                };
                return Some((
                    When::Span {
                        from: Date::from_ymd_opt(from.0, from.1, from.2)?,
                        to: Date::from_ymd_opt(to.0, to.1, to.2)?,
                    },
                    e,
                ));
            }
        }
    }
    // Month lists / single months: "September, October, and December 2025", "in November".
    if let Some((m, e)) = month_at(lo, i) {
        if m == 5 && !rest.starts_with("may ") {
            return None;
        }
        let mut months = vec![m];
        let mut end = e;
        loop {
            let k = ws(lo, end);
            let k = if lo[k..].starts_with(',') {
                ws(lo, k + 1)
            } else {
                k
            };
            let k = if lo[k..].starts_with("and ") {
                ws(lo, k + 4)
            } else {
                k
            };
            match month_at(lo, k) {
                Some((m2, e2)) if k > end => {
                    months.push(m2);
                    end = e2;
                }
                _ => break,
            }
        }
        let k = ws(lo, end);
        let (year, end) = match year_at(lo, k) {
            Some((y, e2)) => (Some(y), e2),
            None => (None, end),
        };
        if m == 5 && year.is_none() && months.len() == 1 {
            return None;
        }
        let last = *months.last()?;
        let y = match year {
            Some(y) => y,
            None => infer_month_year(last, as_of)?,
        };
        if months.len() == 1 {
            return Some((When::Month { year: y, month: m }, end));
        }
        // Months before the last one that are later in the year belong to the previous year.
        let list = months
            .iter()
            .map(|&mm| (if mm > last { y - 1 } else { y }, mm))
            .collect();
        return Some((When::Months { months: list }, end));
    }
    // since <date> / since <year>
    if starts("since") || starts("from") {
        let w = if starts("since") { 5 } else { 4 };
        let j = ws(lo, i + w);
        if let Some((d, e)) = abs_date_at(lo, j, as_of) {
            if starts("since") {
                return Some((When::Since { from: d }, e));
            }
            return None;
        }
        if let Some((m, e)) = month_at(lo, j) {
            if starts("since") {
                let k = ws(lo, e);
                let (y, e2) = match year_at(lo, k) {
                    Some((y, e2)) => (y, e2),
                    None => (infer_month_year(m, as_of)?, e),
                };
                return Some((
                    When::Since {
                        from: Date::from_ymd_opt(y, m, 1)?,
                    },
                    e2,
                ));
            }
        }
        if starts("since") {
            if let Some((y, e)) = year_at(lo, j) {
                return Some((When::SinceYear { year: y }, e));
            }
        }
        return None;
    }
    // Relative expressions.
    let a = as_of?;
    let table: &[(&str, u8)] = &[
        ("year-to-date", 0),
        ("year to date", 0),
        ("ytd", 0),
        ("so far this year", 0),
        ("this year", 0),
        ("month-to-date", 1),
        ("month to date", 1),
        ("this month", 1),
        ("quarter-to-date", 2),
        ("quarter to date", 2),
        ("this quarter", 2),
        ("last week", 3),
        ("this week", 4),
        ("last month", 5),
        ("last year", 6),
        ("yesterday", 7),
        ("today", 8),
        ("over the past month", 9),
        ("over the last month", 9),
        ("the past month", 9),
        ("the past week", 10),
        ("the past year", 11),
        ("the past 12 months", 11),
        ("the last 12 months", 11),
        ("a year ago", 12),
        ("the prior session", 7),
        ("the previous session", 7),
        ("the session", 8),
        ("on the day", 8),
        ("the first half", 13),
        ("first half", 13),
        ("the second half", 14),
        ("second half", 14),
        ("h1", 13),
        ("h2", 14),
    ];
    for (w, k) in table {
        if starts(w) {
            let e = i + w.len();
            let last_week_mon =
                a - Duration::days(i64::from(a.weekday().num_days_from_monday()) + 7);
            let when = match k {
                0 => When::YearToDate,
                1 => When::MonthToDate,
                2 => When::QuarterToDate,
                3 => When::Span {
                    from: last_week_mon,
                    to: last_week_mon + Duration::days(4),
                },
                4 => When::Span {
                    from: last_week_mon + Duration::days(7),
                    to: a,
                },
                5 => {
                    let p = a.checked_sub_months(Months::new(1))?;
                    When::Month {
                        year: p.year(),
                        month: p.month(),
                    }
                }
                6 => When::Year { year: a.year() - 1 },
                7 => When::Day {
                    date: prev_session(a),
                },
                8 => When::Day { date: a },
                9 => When::Span {
                    from: a.checked_sub_months(Months::new(1))?.succ_opt()?,
                    to: a,
                },
                10 => When::Span {
                    from: a - Duration::days(6),
                    to: a,
                },
                11 => When::Span {
                    from: a.checked_sub_months(Months::new(12))?.succ_opt()?,
                    to: a,
                },
                12 => When::Day {
                    date: a.checked_sub_months(Months::new(12))?,
                },
                13 | 14 => {
                    let half = if *k == 13 { 1 } else { 2 };
                    let j = ws(lo, e);
                    if lo[j..].starts_with("of ") {
                        if let Some((y, e2)) = year_at(lo, ws(lo, j + 3)) {
                            return Some((When::Half { year: y, half }, e2));
                        }
                    }
                    let y = if half == 2 && a.month() <= 6 {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    When::Half { year: y, half }
                }
                _ => When::Day { date: a },
            };
            return Some((when, e));
        }
    }
    // "the past N sessions|trading days|days|weeks|months|years"
    for pre in ["the past ", "the last ", "past ", "last "] {
        if rest.starts_with(pre) {
            let j = i + pre.len();
            let (n, e) = match digits_at(lo, j, 3) {
                Some(x) => x,
                None => {
                    let wend = lo[j..].find(' ').map_or(lo.len(), |k| j + k);
                    let n = crate::numbers::find_numbers(&lo[j..wend])
                        .first()
                        .map(|n| n.value as u32);
                    (n?, wend)
                }
            };
            let k = ws(lo, e);
            for (unit, kind) in [
                ("trading sessions", 0),
                ("trading days", 0),
                ("sessions", 0),
                ("days", 1),
                ("weeks", 2),
                ("months", 3),
                ("years", 4),
            ] {
                if lo[k..].starts_with(unit) {
                    let end = k + unit.len();
                    let when = match kind {
                        0 => When::LastSessions { n },
                        1 => When::Span {
                            from: a - Duration::days(i64::from(n) - 1),
                            to: a,
                        },
                        2 => When::Span {
                            from: a - Duration::days(7 * i64::from(n) - 1),
                            to: a,
                        },
                        3 => When::Span {
                            from: a.checked_sub_months(Months::new(n))?.succ_opt()?,
                            to: a,
                        },
                        _ => When::Span {
                            from: a.checked_sub_months(Months::new(12 * n))?.succ_opt()?,
                            to: a,
                        },
                    };
                    return Some((when, end));
                }
            }
        }
    }
    // Quarters: "Q3 2025", "the third quarter", "first quarter of 2025".
    if rest.starts_with('q')
        && rest
            .as_bytes()
            .get(1)
            .is_some_and(|c| (b'1'..=b'4').contains(c))
        && bound_after(lo, i + 2)
    {
        let q = rest.as_bytes()[1] - b'0';
        let k = ws(lo, i + 2);
        return Some(match year_at(lo, k) {
            Some((y, e)) => (
                When::Quarter {
                    year: y,
                    quarter: q,
                },
                e,
            ),
            None => (
                When::Quarter {
                    year: a.year(),
                    quarter: q,
                },
                i + 2,
            ),
        });
    }
    for (phrase, q) in ORD_QUARTERS {
        if starts(phrase) {
            let e = i + phrase.len();
            let k = ws(lo, e);
            if lo[k..].starts_with("of ") {
                if let Some((y, e2)) = year_at(lo, ws(lo, k + 3)) {
                    return Some((
                        When::Quarter {
                            year: y,
                            quarter: *q,
                        },
                        e2,
                    ));
                }
            }
            return Some((
                When::Quarter {
                    year: a.year(),
                    quarter: *q,
                },
                e,
            ));
        }
    }
    // Weekdays: the latest such day on or before the article date.
    for (w, wd) in WEEKDAYS {
        if starts(w)
            || (rest.starts_with(w)
                && (lo[i + w.len()..].starts_with("'s")
                    || lo[i + w.len()..].starts_with("\u{2019}s")))
        {
            return Some((
                When::Day {
                    date: prev_weekday(a, *wd),
                },
                i + w.len(),
            ));
        }
    }
    // "in 2025" / "of 2025" / "2025's": a calendar year (the current one is year-to-date).
    if let Some((y, e)) = year_at(lo, i) {
        let head = lo[..i].trim_end();
        if ["in", "of", "during", "for", "throughout"]
            .iter()
            .any(|w| head.ends_with(w))
            || lo[e..].starts_with("'s")
        {
            return Some((
                if y == a.year() {
                    When::YearToDate
                } else {
                    When::Year { year: y }
                },
                e,
            ));
        }
    }
    None
}

/// Finds the article's own date: the first full date on a line of its own
/// (or a dateline) in the first 2,000 bytes.
pub fn find_dateline(text: &str) -> Option<Date> {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    for line in head.lines() {
        let t = line.trim().trim_end_matches(['.', ':']);
        if t.is_empty() || t.len() > 60 {
            continue;
        }
        let lo = t.to_ascii_lowercase();
        for i in 0..lo.len().min(30) {
            if !lo.is_char_boundary(i) || !bound_before(&lo, i) {
                continue;
            }
            if let Some((d, e)) = abs_date_at(&lo, i, None) {
                if lo[e..].trim().len() <= 12 {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).expect("valid date")
    }

    fn whens(text: &str) -> Vec<When> {
        find_dates(text, Some(d(2026, 1, 16)))
            .into_iter()
            .map(|e| e.when)
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            whens("on January 16, 2026, the"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("on Jan. 16 the"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("1/16/2026"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("2026-01-16"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("By mid-January 2026, small caps"),
            [When::Day {
                date: d(2026, 1, 15)
            }]
        );
        assert_eq!(
            whens("on December 5"),
            [When::Day {
                date: d(2025, 12, 5)
            }]
        );
        assert_eq!(
            whens("16 January 2026"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
    }

    #[test]
    fn spans_and_lists() {
        assert_eq!(
            whens("spanning December 1, 2025, through January 16, 2026, the"),
            [When::Span {
                from: d(2025, 12, 1),
                to: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("in September, October, and December 2025."),
            [When::Months {
                months: vec![(2025, 9), (2025, 10), (2025, 12)]
            }]
        );
        assert_eq!(
            whens("cuts in late 2025"),
            [When::Span {
                from: d(2025, 9, 1),
                to: d(2025, 12, 31)
            }]
        );
    }

    #[test]
    fn relative_dates() {
        assert_eq!(
            whens("fell on Friday"),
            [When::Day {
                date: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("Thursday's close"),
            [When::Day {
                date: d(2026, 1, 15)
            }]
        );
        assert_eq!(
            whens("Year-to-date (YTD) as of"),
            [When::YearToDate, When::YearToDate]
        );
        assert_eq!(
            whens("in November"),
            [When::Month {
                year: 2025,
                month: 11
            }]
        );
        assert_eq!(whens("since 1990"), [When::SinceYear { year: 1990 }]);
        assert_eq!(
            whens("since December 1"),
            [When::Since {
                from: d(2025, 12, 1)
            }]
        );
        assert_eq!(
            whens("over the past month"),
            [When::Span {
                from: d(2025, 12, 17),
                to: d(2026, 1, 16)
            }]
        );
        assert_eq!(
            whens("last week"),
            [When::Span {
                from: d(2026, 1, 5),
                to: d(2026, 1, 9)
            }]
        );
        assert_eq!(
            whens("in the first half of 2025"),
            [When::Half {
                year: 2025,
                half: 1
            }]
        );
        assert_eq!(
            whens("over the past 20 sessions"),
            [When::LastSessions { n: 20 }]
        );
    }

    #[test]
    fn as_of_markers_and_datelines() {
        let e = find_dates("As of January 15, 2026, the", None);
        assert!(e[0].as_of_marker);
        assert_eq!(
            find_dateline("Title\n\nJanuary 16, 2026\n\nBody"),
            Some(d(2026, 1, 16))
        );
        assert_eq!(
            find_dateline("Mixed\nUS Stock\nJanuary 17, 2026\n"),
            Some(d(2026, 1, 17))
        );
        assert_eq!(find_dateline("no date here"), None);
    }
}
