//! Time expressions, resolved against the dateline (the article's date or
//! the day a question is asked), keeping the precision they were written at.
//!
//! One rule per form, each documented by the examples in the table test at
//! the end; at every token the longest match wins:
//!
//! | form | examples | reads as |
//! |---|---|---|
//! | day | "March 24, 2000", "Oct. 27", "July 17th", "7/31", "Monday, Aug. 15, 2022", "2026-01-16" | a day |
//! | weekday, relative day | "Monday", "Friday's", "today", "yesterday", "on the day" | a day |
//! | month | "September 2000", "October of 2022", "last October", "in July" | a month |
//! | part of a month | "early January", "mid-March", "late October" | days 1–10, 11–20, 21– |
//! | year, decade | "in 2022", "1937", "the 1980s" | a year, a decade |
//! | quarter, half | "Q3-2019", "the first quarter of 2026", "H1", "the first half", "the midpoint of the year" | a quarter, a half |
//! | first/last N of | "the first nine months of 2021" | a span |
//! | range | "between June 1 and August 31, 2024", "from Jan. 2 through Jan. 22", "Oct. 3–10", "2000 to 2002", "1929-1932" | a span |
//! | to date | "year to date", "YTD", "so far this month", "this week", "for the year" | period start to the dateline |
//! | previous period | "last week", "last month", "last year" | the previous calendar period |
//! | last N | "the last 10 trading days", "the past 12 sessions", "over 21 trading days ending 7/31", "the past five years", "the last four weeks", "the 10 years through 2025" | the N before the dateline (or a day named) |
//! | since | "since 1950", "since October 9", "since early January", "since then", "since the start of 2020" | from a point |
//! | lookback | "in three years", "in nearly three months", "a five-year low", "a 52-week high" | how far back a record reaches |
//! | ever | "ever", "on record", "in history", "all-time" | all history |
//! | clock | "at 4:15 p.m.", "at one point", "during the session" | a time of day |
//! | event | "Black Monday", "9/11", "Volmageddon" | a day |
//!
//! Year-less dates take a year printed in the same sentence when there is
//! one, else the latest that is not more than a week after the dateline.

use crate::lexicon::{lexicon, Hit};
use crate::text::{TokKind, Token};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use model::Date;
use std::ops::Range;

/// The precision (or shape) a time was written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grain {
    /// One day.
    Day,
    /// A Monday-to-Friday week.
    Week,
    /// Days 1–10 of a month ("early January").
    EarlyMonth,
    /// Days 11–20 ("mid-March").
    MidMonth,
    /// Days 21 to the end ("late October").
    LateMonth,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A half-year.
    Half,
    /// A calendar year.
    Year,
    /// A decade ("the 1980s").
    Decade,
    /// Any other span (a range, "the first nine months of 2021", "the last 4 weeks").
    Span,
}

/// What a time expression means.
#[derive(Debug, Clone, PartialEq)]
pub enum Time {
    /// Calendar days `from..=to`, written at `grain`.
    Span {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
        /// Precision.
        grain: Grain,
        /// How it was written, for ranges: "between A and B" / "from A to B"
        /// (the base may be A's close or the close before A).
        range: bool,
    },
    /// The period from its start to the dateline ("year to date").
    ToDate {
        /// First day of the period.
        from: Date,
        /// The period kind: `Week`, `Month`, `Quarter` or `Year`.
        grain: Grain,
    },
    /// The last `n` sessions to the dateline (or to `end`).
    Sessions {
        /// How many.
        n: u32,
        /// Last day, when written ("ending 7/31").
        end: Option<Date>,
    },
    /// From a point to the dateline ("since 1950").
    Since {
        /// The point's first day.
        from: Date,
        /// The point's last day (its precision).
        to: Date,
        /// Precision.
        grain: Grain,
    },
    /// How far back ("in three years", "a five-year low"), in days.
    Lookback {
        /// Fewest days back the phrase allows.
        min_days: i64,
        /// Most days back the phrase allows.
        max_days: i64,
        /// As written.
        label: String,
    },
    /// All of history ("ever", "on record").
    Ever,
    /// A time of day: `close` when it is the close (4 p.m. or later).
    Clock {
        /// At or after the close.
        close: bool,
    },
    /// "since then", "the same period", "that day": the last time named.
    Anaphor {
        /// "since then" (a since) or "the same period" (a span).
        since: bool,
    },
}

/// A time expression in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeChunk {
    /// Tokens.
    pub tokens: Range<usize>,
    /// Meaning.
    pub time: Time,
    /// A part of a year written without its year ("the second half",
    /// "in July"): the year was taken from the dateline and a year named
    /// beside it ("In 2016, ... the second half") replaces it.
    pub year_implied: bool,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn month_end(y: i32, m: u32) -> Option<Date> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).map(|d| d - Duration::days(1))
}

fn month_span(y: i32, m: u32) -> Option<(Date, Date)> {
    Some((ymd(y, m, 1)?, month_end(y, m)?))
}

/// Reads times over a token slice.
struct Reader<'a> {
    tokens: &'a [Token],
    taken: &'a [bool],
    dateline: Date,
    /// Years printed in each sentence-ish stretch, for year-less dates.
    years: Vec<(usize, i32)>,
}

/// Finds every time expression in `tokens` not `taken` by instruments.
pub fn find(tokens: &[Token], taken: &[bool], dateline: Date) -> Vec<TimeChunk> {
    let years = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| plain_year(t).map(|y| (i, y)))
        .collect();
    let r = Reader {
        tokens,
        taken,
        dateline,
        years,
    };
    let mut out: Vec<TimeChunk> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        match r.at(i) {
            Some(mut c) if c.tokens.end > i => {
                i = c.tokens.end;
                let part_of_year = matches!(
                    c.time,
                    Time::Span {
                        grain: Grain::Month
                            | Grain::Half
                            | Grain::Quarter
                            | Grain::EarlyMonth
                            | Grain::MidMonth
                            | Grain::LateMonth,
                        ..
                    }
                );
                c.year_implied = part_of_year
                    && !tokens[c.tokens.clone()]
                        .iter()
                        .any(|t| plain_year(t).is_some() || (t.is_number() && t.norm.len() == 2));
                out.push(c);
            }
            _ => i += 1,
        }
    }
    out
}

fn plain_year(t: &Token) -> Option<i32> {
    if t.kind != TokKind::Number
        || t.norm.contains(',')
        || t.norm.contains('.')
        || t.norm.len() != 4
    {
        return None;
    }
    let y: i32 = t.norm.parse().ok()?;
    (1850..=2100).contains(&y).then_some(y)
}

impl<'a> Reader<'a> {
    fn tok(&self, i: usize) -> Option<&'a Token> {
        self.tokens
            .get(i)
            .filter(|_| i < self.taken.len() && !self.taken[i])
    }
    fn word(&self, i: usize) -> Option<&'a str> {
        self.tok(i).map(|t| t.norm.as_str())
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }
    fn limit(&self, i: usize) -> usize {
        (i..self.tokens.len())
            .find(|k| self.taken[*k])
            .unwrap_or(self.tokens.len())
    }
    fn hit(&self, i: usize, category: &str) -> Option<Hit<'static>> {
        let limit = self.limit(i);
        lexicon().longest(self.tokens, i, limit, category)
    }
    /// Skips a "." after an abbreviation and a "," ("Jan. 17, 1991").
    fn skip_dot(&self, i: usize) -> usize {
        if self.is(i, ".") {
            i + 1
        } else {
            i
        }
    }

    /// The longest time expression starting at `i`.
    fn at(&self, i: usize) -> Option<TimeChunk> {
        let candidates = [
            self.since(i),
            self.range(i),
            self.event_range(i),
            self.first_n_of(i),
            self.last_n(i),
            self.later(i),
            self.lookback(i),
            self.to_date(i),
            self.previous_period(i),
            self.before_last(i),
            self.week_ending(i),
            self.same_point_last_year(i),
            self.quarter_or_half(i),
            self.clock(i),
            self.ever(i),
            self.anaphor(i),
            self.point(i).map(|(end, t)| TimeChunk {
                tokens: i..end,
                time: t,
                year_implied: false,
            }),
            // Last, so that a named event wins a tie ("9/11" is not a September 11 near the dateline).
            self.event(i),
        ];
        candidates
            .into_iter()
            .flatten()
            .max_by_key(|c| c.tokens.end)
    }

    // ----- points: days, months, years ------------------------------------

    /// A point in time at `i`: a day, a month, a part of a month, a year, a
    /// decade, a weekday or a relative day. Returns (end, time).
    fn point(&self, i: usize) -> Option<(usize, Time)> {
        [
            self.iso_day(i),
            self.month_day(i),
            self.numeric_day(i),
            self.month_year(i),
            self.part_of_month(i),
            self.year_or_decade(i),
            self.weekday(i),
            self.relative_day(i),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|(end, _)| *end)
    }

    fn day(&self, d: Date) -> Time {
        Time::Span {
            from: d,
            to: d,
            grain: Grain::Day,
            range: false,
        }
    }

    fn iso_day(&self, i: usize) -> Option<(usize, Time)> {
        let y = plain_year(self.tok(i)?)?;
        if !(self.is(i + 1, "-") && self.is(i + 3, "-")) {
            return None;
        }
        let m: u32 = self.word(i + 2)?.parse().ok()?;
        let d: u32 = self.word(i + 4)?.parse().ok()?;
        Some((i + 5, self.day(ymd(y, m, d)?)))
    }

    /// "March 24, 2000", "Mar. 24 2000", "Oct. 27", "July 17th", "Monday, Aug. 15, 2022".
    fn month_day(&self, i: usize) -> Option<(usize, Time)> {
        let mut k = i;
        if let Some(wd) = self.hit(k, "weekday") {
            k = self.skip_dot(wd.end);
            if self.is(k, ",") {
                k += 1;
            }
        }
        let m = self.hit(k, "month")?;
        let month: u32 = m.label.parse().ok()?;
        k = self.skip_dot(m.end);
        let dt = self.tok(k)?;
        if dt.kind != TokKind::Number || dt.norm.contains('.') || dt.norm.contains(',') {
            return None;
        }
        let day: u32 = dt.norm.parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        k += 1;
        if matches!(self.word(k), Some("st" | "nd" | "rd" | "th")) && !self.tokens[k].space_before {
            k += 1;
        }
        // ", 2000" or " 2000"
        let year_at = if self.is(k, ",") { k + 1 } else { k };
        if let Some(y) = self.tok(year_at).and_then(plain_year) {
            return Some((year_at + 1, self.day(ymd(y, month, day)?)));
        }
        let d = self.yearless(month, day, i)?;
        Some((k, self.day(d)))
    }

    /// "24 March 2000"
    fn day_month(&self, i: usize) -> Option<(usize, Time)> {
        let day: u32 = self.word(i)?.parse().ok()?;
        let m = self.hit(i + 1, "month")?;
        let month: u32 = m.label.parse().ok()?;
        let k = self.skip_dot(m.end);
        let y = self.tok(k).and_then(plain_year)?;
        Some((k + 1, self.day(ymd(y, month, day)?)))
    }

    /// "7/31", "8/22", "1/16/2026".
    fn numeric_day(&self, i: usize) -> Option<(usize, Time)> {
        if let Some(r) = self.day_month(i) {
            return Some(r);
        }
        let a = self.tok(i)?;
        if a.kind != TokKind::Number || a.norm.contains('.') || a.norm.contains(',') {
            return None;
        }
        if !self.is(i + 1, "/") || self.tokens[i + 1].space_before {
            return None;
        }
        let b = self.tok(i + 2)?;
        if b.space_before {
            return None;
        }
        let month: u32 = a.norm.parse().ok()?;
        let day: u32 = b.norm.parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        if self.is(i + 3, "/") && !self.tokens[i + 3].space_before {
            let y: i32 = self.word(i + 4)?.parse().ok()?;
            let y = if y < 100 { 2000 + y } else { y };
            return Some((i + 5, self.day(ymd(y, month, day)?)));
        }
        let d = self.yearless(month, day, i)?;
        Some((i + 3, self.day(d)))
    }

    /// A year-less date: a year printed in the same stretch of text (within
    /// 12 tokens after, for "Oct. 5 and 12, 2022"), else the latest that is at
    /// most a week after the dateline.
    fn yearless(&self, month: u32, day: u32, at: usize) -> Option<Date> {
        let near = self
            .years
            .iter()
            .find(|(k, _)| {
                *k > at && *k <= at + 12 && !self.tokens[at..*k].iter().any(|t| t.norm == ".")
            })
            .map(|(_, y)| *y);
        if let Some(y) = near {
            return ymd(y, month, day);
        }
        let y = self.dateline.year();
        let this = ymd(y, month, day)?;
        if this <= self.dateline + Duration::days(7) {
            Some(this)
        } else {
            ymd(y - 1, month, day)
        }
    }

    /// "September 2000", "October of 2022", "last October", "this March", "in July".
    fn month_year(&self, i: usize) -> Option<(usize, Time)> {
        let (lead, k) = match self.hit(i, "deictic") {
            Some(h) => (Some(h.label), h.end),
            None => (None, i),
        };
        let m = self.hit(k, "month")?;
        let month: u32 = m.label.parse().ok()?;
        // "May" is also a verb: only with a year or a preposition before it.
        let mut k = self.skip_dot(m.end);
        if self.is(k, "of") && self.tok(k + 1).and_then(plain_year).is_some() {
            k += 1;
        }
        let span = |y: i32| -> Option<Time> {
            let (from, to) = month_span(y, month)?;
            Some(Time::Span {
                from,
                to,
                grain: Grain::Month,
                range: false,
            })
        };
        if let Some(y) = self.tok(k).and_then(plain_year) {
            if lead.is_none() {
                return Some((k + 1, span(y)?));
            }
        }
        if month == 5 && lead.is_none() && !self.prev_is_preposition(i) {
            return None;
        }
        if lead.is_none() {
            if let Some(list) = self.month_list(month, k) {
                return Some(list);
            }
        }
        // "April and May of 1996": the year printed after the second month.
        if lead.is_none() && self.is(k, "and") {
            if let Some(m2) = self.hit(k + 1, "month") {
                let mut j = self.skip_dot(m2.end);
                if self.is(j, "of") || self.is(j, ",") {
                    j += 1;
                }
                if let Some(y) = self.tok(j).and_then(plain_year) {
                    return Some((k, span(y)?));
                }
            }
        }
        let y = self.dateline.year();
        let this_started = ymd(y, month, 1)? <= self.dateline;
        let year = match lead {
            Some("last") => {
                if month < self.dateline.month() {
                    y
                } else {
                    y - 1
                }
            }
            _ => {
                if this_started {
                    y
                } else {
                    y - 1
                }
            }
        };
        Some((k, span(year)?))
    }

    /// "September, October, and December 2025": three or more months
    /// listed with one year after the last are one span, first month to
    /// last ("three cuts in September, October, and December 2025").
    /// `k` is the token after the first month.
    fn month_list(&self, first: u32, mut k: usize) -> Option<(usize, Time)> {
        let mut last = first;
        let mut months = 1;
        loop {
            let mut j = k;
            if self.is(j, ",") {
                j += 1;
            }
            if self.is(j, "and") {
                j += 1;
            }
            if j == k {
                break;
            }
            let Some(m) = self.hit(j, "month") else { break };
            let month: u32 = m.label.parse().ok()?;
            if month <= last {
                return None;
            }
            last = month;
            months += 1;
            k = self.skip_dot(m.end);
        }
        if self.is(k, "of") || self.is(k, ",") {
            k += 1;
        }
        let y = self.tok(k).and_then(plain_year)?;
        if months < 3 {
            return None;
        }
        let (from, _) = month_span(y, first)?;
        let (_, to) = month_span(y, last)?;
        Some((
            k + 1,
            Time::Span {
                from,
                to,
                grain: Grain::Span,
                range: false,
            },
        ))
    }

    fn prev_is_preposition(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.tokens[i - 1].norm.as_str(),
                "in" | "since"
                    | "of"
                    | "from"
                    | "until"
                    | "through"
                    | "to"
                    | "early"
                    | "mid"
                    | "late"
                    | "last"
                    | "this"
                    | "by"
                    | "during"
                    | "before"
                    | "after"
                    | "end"
                    | "ending"
                    | "and"
            )
    }

    /// "early January", "mid-March", "late 2019", "the end of May".
    fn part_of_month(&self, i: usize) -> Option<(usize, Time)> {
        let part = self.hit(i, "part")?;
        // "the beginning of this month", "the end of this year".
        if let Some(td) = self.to_date(part.end) {
            if let Time::ToDate { from, grain } = td.time {
                let to = match grain {
                    Grain::Month => month_end(from.year(), from.month())?,
                    Grain::Year => ymd(from.year(), 12, 31)?,
                    _ => return None,
                };
                let g = if grain == Grain::Month {
                    Grain::Month
                } else {
                    Grain::Year
                };
                let inner = Time::Span {
                    from,
                    to,
                    grain: g,
                    range: false,
                };
                return self
                    .part_span(part.label, inner)
                    .map(|t| (td.tokens.end, t));
            }
        }
        let (_, inner) = self
            .month_year(part.end)
            .or_else(|| self.year_or_decade(part.end))?;
        let Time::Span {
            from, to, grain, ..
        } = inner
        else {
            return None;
        };
        let end = self
            .month_year(part.end)
            .or_else(|| self.year_or_decade(part.end))?
            .0;
        self.part_span(
            part.label,
            Time::Span {
                from,
                to,
                grain,
                range: false,
            },
        )
        .map(|t| (end, t))
    }

    /// The early, middle or late part of a month or a year.
    fn part_span(&self, label: &str, inner: Time) -> Option<Time> {
        let Time::Span {
            from, to, grain, ..
        } = inner
        else {
            return None;
        };
        let (from, to, grain) = match (grain, label) {
            (Grain::Month, "early") => (from, from + Duration::days(9), Grain::EarlyMonth),
            (Grain::Month, "mid") => (
                from + Duration::days(10),
                from + Duration::days(19),
                Grain::MidMonth,
            ),
            (Grain::Month, _) => (from + Duration::days(20), to, Grain::LateMonth),
            (Grain::Year, "early") => (from, ymd(from.year(), 4, 30)?, Grain::Span),
            (Grain::Year, "mid") => (
                ymd(from.year(), 5, 1)?,
                ymd(from.year(), 8, 31)?,
                Grain::Span,
            ),
            (Grain::Year, _) => (ymd(from.year(), 9, 1)?, to, Grain::Span),
            _ => return None,
        };
        Some(Time::Span {
            from,
            to,
            grain,
            range: false,
        })
    }

    /// "2022", "in 1937", "the 1980s", "1990s".
    fn year_or_decade(&self, i: usize) -> Option<(usize, Time)> {
        let t = self.tok(i)?;
        let y = plain_year(t)?;
        // A level, not a year: "past 2000", "at 1950 points".
        let before = i.checked_sub(1).map(|k| self.tokens[k].norm.as_str());
        let level_before = matches!(
            before,
            Some("at" | "above" | "below" | "past" | "near" | "around" | "under" | "$")
        );
        let unit_after = self
            .word(i + 1)
            .is_some_and(|w| matches!(w, "points" | "point" | "level" | "mark" | "%" | "percent"));
        if level_before || unit_after {
            return None;
        }
        if self.is(i + 1, "s") && !self.tokens[i + 1].space_before {
            let from = ymd(y, 1, 1)?;
            return Some((
                i + 2,
                Time::Span {
                    from,
                    to: ymd(y + 9, 12, 31)?,
                    grain: Grain::Decade,
                    range: false,
                },
            ));
        }
        if self.is(i + 1, "'") && self.is(i + 2, "s") {
            let from = ymd(y, 1, 1)?;
            return Some((
                i + 3,
                Time::Span {
                    from,
                    to: ymd(y + 9, 12, 31)?,
                    grain: Grain::Decade,
                    range: false,
                },
            ));
        }
        Some((
            i + 1,
            Time::Span {
                from: ymd(y, 1, 1)?,
                to: ymd(y, 12, 31)?,
                grain: Grain::Year,
                range: false,
            },
        ))
    }

    /// "Monday", "on Tuesday", "Friday's": the latest such day on or before
    /// the dateline.
    fn weekday(&self, i: usize) -> Option<(usize, Time)> {
        let mut k = i;
        if self.is(k, "this") || self.is(k, "last") {
            k += 1;
        }
        let w = self.hit(k, "weekday")?;
        // "Sun", "Sat", "Wed" abbreviations only capitalised.
        if self.tokens[k].norm.len() <= 4 && !self.tokens[k].capitalised {
            return None;
        }
        let n: u32 = w.label.parse().ok()?;
        let target = Weekday::try_from(u8::try_from(n - 1).ok()?).ok()?;
        let mut d = self.dateline;
        while d.weekday() != target {
            d -= Duration::days(1);
        }
        if self.is(i, "last") && d == self.dateline {
            d -= Duration::days(7);
        }
        let mut end = w.end;
        if self.is(end, "'") && self.is(end + 1, "s") {
            end += 2;
        }
        Some((end, self.day(d)))
    }

    /// "today", "yesterday", "on the day": checked articles report on the
    /// dateline's session, so both read as the dateline (the article was
    /// written after that close); the question reader re-reads "yesterday".
    fn relative_day(&self, i: usize) -> Option<(usize, Time)> {
        let h = self.hit(i, "relative_day")?;
        let d = match h.label {
            "yesterday" => self.dateline,
            _ => self.dateline,
        };
        Some((h.end, self.day(d)))
    }

    // ----- periods ----------------------------------------------------------

    /// "Q3-2019", "Q1 2026", "the first quarter of 2026", "H1", "the first
    /// half of 2019", "the second half", "the midpoint of the year".
    fn quarter_or_half(&self, i: usize) -> Option<TimeChunk> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        let (h, half) = match self.hit(k, "quarterword") {
            Some(h) => (h, false),
            None => (self.hit(k, "halfword")?, true),
        };
        let n: u32 = h.label.parse().ok()?;
        let mut end = h.end;
        let mut year = None;
        let mut j = end;
        if self.is(j, "-") || self.is(j, "of") || self.is(j, ",") {
            j += 1;
        }
        if self.is(j, "the") && self.is(j + 1, "year") {
            end = j + 2;
        } else if let Some(y) = self.tok(j).and_then(plain_year) {
            year = Some(y);
            end = j + 1;
        } else if let Some(t) = self
            .tok(j)
            .filter(|t| t.kind == TokKind::Number && t.norm.len() == 2 && !t.space_before)
        {
            // "1Q26"
            year = t.norm.parse::<i32>().ok().map(|y| 2000 + y);
            end = j + 1;
        }
        let year = match year {
            Some(y) => y,
            None => {
                // The latest such period that has started by the dateline.
                let y = self.dateline.year();
                let start_month = if half {
                    6 * (n - 1) + 1
                } else {
                    3 * (n - 1) + 1
                };
                if ymd(y, start_month, 1)? <= self.dateline {
                    y
                } else {
                    y - 1
                }
            }
        };
        let (m0, m1) = if half {
            (6 * (n - 1) + 1, 6 * n)
        } else {
            (3 * (n - 1) + 1, 3 * n)
        };
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Span {
                from: ymd(year, m0, 1)?,
                to: month_end(year, m1)?,
                grain: if half { Grain::Half } else { Grain::Quarter },
                range: false,
            },
            year_implied: false,
        })
    }

    /// "the first nine months of 2021", "the first two weeks of January".
    fn first_n_of(&self, i: usize) -> Option<TimeChunk> {
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        let first = match self.word(k)? {
            "first" => true,
            "last" | "final" => false,
            _ => return None,
        };
        let (n, after) = self.count_at(k + 1)?;
        let unit = self.hit(after, "unit")?;
        if !self.is(unit.end, "of") {
            return None;
        }
        let (end, inner) = self.point(unit.end + 1)?;
        let Time::Span { from, to, .. } = inner else {
            return None;
        };
        let (from, to) = match (unit.label, first) {
            ("month", true) => (
                from,
                month_end(from.year(), (from.month() + n - 1).min(12))?,
            ),
            ("month", false) => (
                ymd(to.year(), (to.month() + 1).saturating_sub(n).max(1), 1)?,
                to,
            ),
            ("week", true) => (from, from + Duration::days(7 * i64::from(n) - 1)),
            ("week", false) => (to - Duration::days(7 * i64::from(n) - 1), to),
            ("day" | "session", true) => (from, from + Duration::days(i64::from(n) - 1)),
            _ => return None,
        };
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Span {
                from,
                to,
                grain: Grain::Span,
                range: false,
            },
            year_implied: false,
        })
    }

    /// A count at `k` in digits or words; returns (n, end).
    fn count_at(&self, k: usize) -> Option<(u32, usize)> {
        let t = self.tok(k)?;
        if t.kind == TokKind::Number && !t.norm.contains('.') {
            let n: u32 = t.norm.replace(',', "").parse().ok()?;
            return Some((n, k + 1));
        }
        let n = super::quantity::number_word(&t.norm)?;
        // "twenty-one"
        if self.is(k + 1, "-") {
            if let Some(u) = self
                .word(k + 2)
                .and_then(super::quantity::number_word)
                .filter(|u| *u < 10 && n >= 20)
            {
                return Some((n + u, k + 3));
            }
        }
        Some((n, k + 1))
    }

    /// "between June 1 and August 31, 2024", "from Jan. 2 through Jan. 22",
    /// "Oct. 3–10", "from Sept. 8–15", "2000 to 2002", "1929-1932",
    /// "from March 23, 2017, to March 30, 2017", "between Oct. 5 and 12, 2022".
    fn range(&self, i: usize) -> Option<TimeChunk> {
        let (lead, k) = match self.word(i) {
            Some("between") => (true, i + 1),
            Some("from" | "spanning") => (true, i + 1),
            _ => (false, i),
        };
        // "from the December 31, 2025 close to January 16, 2026"
        let k = if lead && self.is(k, "the") { k + 1 } else { k };
        let (a_end, a) = self.point(k)?;
        let Time::Span {
            from: a_from,
            to: _,
            grain: a_grain,
            ..
        } = a
        else {
            return None;
        };
        // Events between the two ends are skipped: "from Feb 19, 2020 highs to the March 23, 2020 bottom".
        let mut j = a_end;
        if self.is(j, ",") {
            j += 1;
        }
        let mut skipped = 0;
        // "from the D close": the base is D's close, so the move starts after D.
        let from_close = lead
            && self.word(j).is_some_and(|w| {
                matches!(
                    w,
                    "close" | "low" | "lows" | "high" | "highs" | "peak" | "bottom" | "top"
                )
            });
        while lead
            && skipped < 2
            && self.word(j).is_some_and(|w| {
                matches!(
                    w,
                    "highs" | "high" | "lows" | "low" | "peak" | "close" | "bottom" | "top"
                )
            })
        {
            j += 1;
            skipped += 1;
        }
        let sep = self.word(j)?;
        let joined = match sep {
            "and" if lead => true,
            "to" | "through" | "until" | "thru" => true,
            "-" => true,
            _ => false,
        };
        if !joined {
            return None;
        }
        let mut b_at = j + 1;
        if self.is(b_at, "the") {
            b_at += 1;
        }
        // "from the March 23, 2020 low to the end of that year".
        let end_of_that = self.is(b_at, "end")
            && self.is(b_at + 1, "of")
            && matches!(self.word(b_at + 2), Some("that" | "the"));
        let (b_end, b_from, b_to) =
            if end_of_that && matches!(self.word(b_at + 3), Some("year" | "month")) {
                let last = if self.is(b_at + 3, "year") {
                    ymd(a_from.year(), 12, 31)?
                } else {
                    month_end(a_from.year(), a_from.month())?
                };
                (b_at + 4, last, last)
            } else if let Some((e, Time::Span { from, to, .. })) = self
                .point(b_at)
                .filter(|(_, t)| matches!(t, Time::Span { .. }))
            {
                (e, from, to)
            } else if a_grain == Grain::Day {
                let d: u32 = self.word(b_at)?.parse().ok()?;
                let mut e = b_at + 1;
                let year_at = if self.is(e, ",") { e + 1 } else { e };
                let y = match self.tok(year_at).and_then(plain_year) {
                    Some(y) => {
                        e = year_at + 1;
                        y
                    }
                    None => a_from.year(),
                };
                let day = ymd(y, a_from.month(), d)?;
                (e, day, day)
            } else if a_grain == Grain::Year && sep == "-" {
                // "2022-23": the second year in two digits.
                let w = self.word(b_at)?;
                let yy: i32 = w.parse().ok().filter(|_| w.len() == 2)?;
                let y = a_from.year() / 100 * 100 + yy;
                if y <= a_from.year() {
                    return None;
                }
                (b_at + 1, ymd(y, 1, 1)?, ymd(y, 12, 31)?)
            } else {
                return None;
            };
        // "X to Y" without "from"/"between" only for years ("2000 to 2002")
        // and for two days joined by "through" ("December 1, 2025, through
        // January 16, 2026").
        let days_through =
            a_grain == Grain::Day && b_from == b_to && matches!(sep, "through" | "thru");
        if !lead && sep != "-" && a_grain != Grain::Year && !days_through {
            return None;
        }
        // The first end takes the second's year when it printed none.
        let a_from = if a_from > b_from && a_grain == Grain::Day {
            ymd(b_from.year(), a_from.month(), a_from.day())?
        } else {
            a_from
        };
        let a_from = if from_close && a_grain == Grain::Day {
            a_from + Duration::days(1)
        } else {
            a_from
        };
        let mut end = b_end;
        while self.word(end).is_some_and(|w| {
            matches!(
                w,
                "bottom" | "low" | "lows" | "high" | "highs" | "peak" | "close"
            )
        }) {
            end += 1;
        }
        if b_to < a_from {
            return None;
        }
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Span {
                from: a_from,
                to: b_to,
                grain: Grain::Span,
                range: true,
            },
            year_implied: false,
        })
    }

    /// "Between the day the war started on Jan. 16 and the day the U.S. held
    /// its victory parade in Washington on June 8": a range whose ends are
    /// named by events, each with one date.
    fn event_range(&self, i: usize) -> Option<TimeChunk> {
        if !self.is(i, "between") {
            return None;
        }
        // Names inside the events ("its victory parade") do not end the search.
        let limit = self.tokens.len().min(i + 40);
        let mut k = i + 1;
        let mut first: Option<(usize, Date)> = None;
        while k < limit {
            if self.is(k, "and") {
                break;
            }
            if let Some((
                e,
                Time::Span {
                    from,
                    to,
                    grain: Grain::Day,
                    ..
                },
            )) = self.point(k)
            {
                if from != to || first.is_some() {
                    return None;
                }
                first = Some((e, from));
                k = e;
                continue;
            }
            k += 1;
        }
        let (_, a) = first?;
        if !self.is(k, "and") {
            return None;
        }
        let mut j = k + 1;
        while j < limit {
            // A sentence break (not an abbreviation's dot, "U.S.") ends the search.
            let abbreviation_dot = self.is(j, ".") && (j > 0 && self.tokens[j - 1].norm.len() == 1);
            if matches!(self.word(j), Some("," | ";")) || self.is(j, ".") && !abbreviation_dot {
                return None;
            }
            if let Some((
                e,
                Time::Span {
                    from,
                    grain: Grain::Day,
                    ..
                },
            )) = self.point(j)
            {
                let b = if from < a {
                    chrono::NaiveDate::from_ymd_opt(a.year(), from.month(), from.day())?
                } else {
                    from
                };
                if b < a {
                    return None;
                }
                return Some(TimeChunk {
                    tokens: i..e,
                    time: Time::Span {
                        from: a,
                        to: b,
                        grain: Grain::Span,
                        range: true,
                    },
                    year_implied: false,
                });
            }
            j += 1;
        }
        None
    }

    /// "year to date", "YTD", "so far this month", "this week", "for the year".
    fn to_date(&self, i: usize) -> Option<TimeChunk> {
        // "could start scaling back later this year": the rest of the
        // period, after the dateline, holds no data.
        if i > 0 && matches!(self.word(i - 1), Some("later" | "until")) {
            return None;
        }
        let h = self.hit(i, "to_date")?;
        let d = self.dateline;
        let (from, grain) = match h.label {
            "year" => (ymd(d.year(), 1, 1)?, Grain::Year),
            "quarter" => (
                ymd(d.year(), 3 * ((d.month() - 1) / 3) + 1, 1)?,
                Grain::Quarter,
            ),
            "month" => (ymd(d.year(), d.month(), 1)?, Grain::Month),
            _ => (
                d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
                Grain::Week,
            ),
        };
        // "so far in 2009", "for the year 2009"
        let mut end = h.end;
        if let Some(y) = self.tok(end).and_then(plain_year) {
            if y != d.year() {
                return None;
            }
            end += 1;
        }
        // "year-to-date (YTD) as of January 16, 2026": the period to that day.
        let mut k = end;
        if self.is(k, "(")
            && self
                .word(k + 1)
                .is_some_and(|w| matches!(w, "ytd" | "mtd" | "qtd"))
            && self.is(k + 2, ")")
        {
            k += 3;
        }
        if self.is(k, "as") && self.is(k + 1, "of") {
            if let Some((
                e,
                Time::Span {
                    from: day,
                    to,
                    grain: Grain::Day,
                    ..
                },
            )) = self.point(k + 2)
            {
                if day == to && day >= from {
                    let time = if day == d {
                        Time::ToDate { from, grain }
                    } else {
                        Time::Span {
                            from,
                            to: day,
                            grain: Grain::Span,
                            range: false,
                        }
                    };
                    return Some(TimeChunk {
                        tokens: i..e,
                        time,
                        year_implied: false,
                    });
                }
            }
        }
        Some(TimeChunk {
            tokens: i..end,
            time: Time::ToDate { from, grain },
            year_implied: false,
        })
    }

    /// "by this time last year", "at this point last year", "a year ago at
    /// this time": last year from its start to the same day.
    fn same_point_last_year(&self, i: usize) -> Option<TimeChunk> {
        let k = match (self.word(i), self.word(i + 1), self.word(i + 2)) {
            (Some("by" | "at"), Some("this"), Some("time" | "point" | "stage")) => i + 3,
            _ => return None,
        };
        if !(self.is(k, "last") && self.is(k + 1, "year")) {
            return None;
        }
        let d = self.dateline;
        let to = chrono::NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day().min(28))?;
        let from = ymd(d.year() - 1, 1, 1)?;
        Some(TimeChunk {
            tokens: i..k + 2,
            time: Time::Span {
                from,
                to,
                grain: Grain::Span,
                range: false,
            },
            year_implied: false,
        })
    }

    /// "the week before last", "the month before last (month)", "the year
    /// before last": the calendar period before the previous one.
    fn before_last(&self, i: usize) -> Option<TimeChunk> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        let unit = self.hit(k, "unit")?;
        if !(self.is(unit.end, "before") && self.is(unit.end + 1, "last")) {
            return None;
        }
        let mut end = unit.end + 2;
        if let Some(again) = self.hit(end, "unit").filter(|u| u.label == unit.label) {
            end = again.end;
        }
        let d = self.dateline;
        let (from, to, grain) = match unit.label {
            "week" => {
                let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()) + 14);
                (monday, monday + Duration::days(4), Grain::Week)
            }
            "month" => {
                let first = d.with_day(1)?.checked_sub_months(chrono::Months::new(2))?;
                let (f, t) = month_span(first.year(), first.month())?;
                (f, t, Grain::Month)
            }
            "year" => (
                ymd(d.year() - 2, 1, 1)?,
                ymd(d.year() - 2, 12, 31)?,
                Grain::Year,
            ),
            _ => return None,
        };
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Span {
                from,
                to,
                grain,
                range: false,
            },
            year_implied: false,
        })
    }

    /// "the week ending July 24", "for the week ended Friday", "the week
    /// through March 6": the seven days that end on the day named.
    fn week_ending(&self, i: usize) -> Option<TimeChunk> {
        let mut k = i;
        if matches!(self.word(k), Some("for" | "in" | "during" | "over" | "on")) {
            k += 1;
        }
        if self.is(k, "the") {
            k += 1;
        }
        let unit = self.hit(k, "unit")?;
        if unit.label != "week"
            || !matches!(
                self.word(unit.end),
                Some("ending" | "ended" | "through" | "thru")
            )
        {
            return None;
        }
        let (end, day) = self.point(unit.end + 1)?;
        let Time::Span {
            to: last,
            grain: Grain::Day,
            ..
        } = day
        else {
            return None;
        };
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Span {
                from: last - Duration::days(6),
                to: last,
                grain: Grain::Span,
                range: false,
            },
            year_implied: false,
        })
    }

    /// "last week", "last month", "last year", "the previous quarter".
    fn previous_period(&self, i: usize) -> Option<TimeChunk> {
        let lead = self.hit(i, "deictic")?;
        if lead.label != "last" {
            return None;
        }
        let unit = self.hit(lead.end, "unit")?;
        let d = self.dateline;
        // "the past year", "over the last month", "trailing year": the
        // twelve months (or the month) to the dateline, not the calendar
        // period before ("last year").
        let trailing = (lead.start..lead.end).any(|k| {
            matches!(
                self.word(k),
                Some("past" | "trailing" | "the" | "over" | "in" | "during")
            )
        });
        if trailing && matches!(unit.label, "week" | "month" | "quarter" | "year") {
            let months = match unit.label {
                "month" => 1,
                "quarter" => 3,
                "year" => 12,
                _ => 0,
            };
            let from = if months == 0 {
                d - Duration::days(6)
            } else {
                d.checked_sub_months(chrono::Months::new(months))? + Duration::days(1)
            };
            return Some(TimeChunk {
                tokens: i..unit.end,
                time: Time::Span {
                    from,
                    to: d,
                    grain: Grain::Span,
                    range: false,
                },
                year_implied: false,
            });
        }
        let (from, to, grain) = match unit.label {
            "week" => {
                let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()) + 7);
                (monday, monday + Duration::days(4), Grain::Week)
            }
            "month" => {
                let (y, m) = if d.month() == 1 {
                    (d.year() - 1, 12)
                } else {
                    (d.year(), d.month() - 1)
                };
                let (f, t) = month_span(y, m)?;
                (f, t, Grain::Month)
            }
            "quarter" => {
                let q = (d.month() - 1) / 3;
                let (y, q) = if q == 0 {
                    (d.year() - 1, 3)
                } else {
                    (d.year(), q - 1)
                };
                (
                    ymd(y, 3 * q + 1, 1)?,
                    month_end(y, 3 * q + 3)?,
                    Grain::Quarter,
                )
            }
            "year" => (
                ymd(d.year() - 1, 1, 1)?,
                ymd(d.year() - 1, 12, 31)?,
                Grain::Year,
            ),
            _ => return None,
        };
        Some(TimeChunk {
            tokens: i..unit.end,
            time: Time::Span {
                from,
                to,
                grain,
                range: false,
            },
            year_implied: false,
        })
    }

    /// "the last 10 trading days", "the past 12 sessions", "over 21 trading
    /// days ending 7/31", "the past five years", "the last four weeks",
    /// "in the past 12 months".
    fn last_n(&self, i: usize) -> Option<TimeChunk> {
        let (k, explicit) = match self.hit(i, "deictic") {
            Some(h) if h.label == "last" => (h.end, true),
            _ if (self.is(i, "over") || self.is(i, "in")) && self.is(i + 1, "the") => {
                (i + 2, false)
            }
            _ if self.is(i, "over") || self.is(i, "in") || self.is(i, "the") => (i + 1, false),
            _ => return None,
        };
        // "the ten trading days" alone names no window; "the 10 years through 2025" does.
        let bare_the = !explicit && (self.is(i, "the") || self.is(i + 1, "the"));
        let (n, mut after) = self.count_at(k)?;
        while matches!(
            self.word(after),
            Some("consecutive" | "straight" | "successive" | "full" | "calendar")
        ) {
            after += 1;
        }
        let unit = self.hit(after, "unit")?;
        // "the five years 2020 through 2024": the span named after the count.
        if let Some(r) = self.range(unit.end) {
            return Some(TimeChunk {
                tokens: i..r.tokens.end,
                time: r.time,
                year_implied: false,
            });
        }
        // "the 10 years through 2025" says its end; "over 10 years" alone does not.
        let ends = matches!(
            self.word(unit.end),
            Some("ending" | "ended" | "through" | "to")
        );
        if !explicit && (unit.label != "session" || bare_the) && !ends {
            return None;
        }
        let mut end = unit.end;
        let mut last = self.dateline;
        let mut anchored = None;
        if matches!(self.word(end), Some("ending" | "ended" | "through" | "to")) {
            if let Some((e, Time::Span { to, .. })) = self.point(end + 1) {
                end = e;
                last = to;
                anchored = Some(to);
            }
        } else if self.is(end, "(") && self.is(end + 1, "ending") {
            if let Some((e, Time::Span { to, .. })) = self.point(end + 2) {
                end = if self.is(e, ")") { e + 1 } else { e };
                last = to;
                anchored = Some(to);
            }
        }
        let days = |d: i64| last - Duration::days(d) + Duration::days(1);
        let time = match unit.label {
            "session" => Time::Sessions { n, end: anchored },
            "week" => Time::Span {
                from: days(7 * i64::from(n)),
                to: last,
                grain: Grain::Span,
                range: false,
            },
            "month" => {
                let from = last.checked_sub_months(chrono::Months::new(n))? + Duration::days(1);
                Time::Span {
                    from,
                    to: last,
                    grain: Grain::Span,
                    range: false,
                }
            }
            "year" => {
                let from =
                    last.checked_sub_months(chrono::Months::new(12 * n))? + Duration::days(1);
                Time::Span {
                    from,
                    to: last,
                    grain: Grain::Span,
                    range: false,
                }
            }
            _ => return None,
        };
        Some(TimeChunk {
            tokens: i..end,
            time,
            year_implied: false,
        })
    }

    /// "Four trading days later", "two weeks later": the article reports on
    /// the end of that stretch, so it is the last N sessions (or days) to
    /// the dateline.
    fn later(&self, i: usize) -> Option<TimeChunk> {
        let (n, mut after) = self.count_at(i)?;
        while matches!(self.word(after), Some("consecutive" | "straight" | "full")) {
            after += 1;
        }
        let unit = self.hit(after, "unit")?;
        if !self.is(unit.end, "later") {
            return None;
        }
        let time = match unit.label {
            "session" => Time::Sessions { n, end: None },
            "week" => Time::Span {
                from: self.dateline - Duration::days(7 * i64::from(n)) + Duration::days(1),
                to: self.dateline,
                grain: Grain::Span,
                range: false,
            },
            _ => return None,
        };
        Some(TimeChunk {
            tokens: i..unit.end + 1,
            time,
            year_implied: false,
        })
    }

    /// "since 1950", "since October 9", "since early January", "since then",
    /// "since the start of 2020", "since the March 2009 start of the bull
    /// market", "since the Oct. 27 market rout", "since the 2008 financial crisis".
    fn since(&self, i: usize) -> Option<TimeChunk> {
        if !self.is(i, "since") {
            return None;
        }
        let mut k = i + 1;
        if self.is(k, "then") {
            return Some(TimeChunk {
                tokens: i..k + 1,
                time: Time::Anaphor { since: true },
                year_implied: false,
            });
        }
        // "since hitting its low for the decade of 776.76 on October 9, 2002":
        // an event with its day further on; the day stays its own chunk.
        if self.word(k).is_some_and(|w| w.ends_with("ing")) {
            // Names on the way ("its low") are skipped; the sentence's end stops it.
            let limit = (k + 1..self.tokens.len().min(k + 16))
                .find(|j| matches!(self.tokens[*j].norm.as_str(), "." | ";" | "!" | "?"))
                .unwrap_or(self.tokens.len().min(k + 16));
            for j in k + 1..limit {
                if let Some((
                    _,
                    Time::Span {
                        from,
                        to,
                        grain: Grain::Day,
                        ..
                    },
                )) = self.point(j)
                {
                    return Some(TimeChunk {
                        tokens: i..i + 1,
                        time: Time::Since {
                            from,
                            to,
                            grain: Grain::Day,
                        },
                        year_implied: false,
                    });
                }
            }
            return None;
        }
        if self.is(k, "the") {
            k += 1;
        }
        if self.is(k, "\"") {
            k += 1;
        }
        // "the start of 2020" / "the beginning of the year"
        let mut start_of = false;
        if let Some(p) = self.hit(k, "part") {
            if p.label == "early"
                && (self.tokens[k].norm == "start"
                    || self.tokens[k].norm == "beginning"
                    || self.tokens[k].norm == "the")
            {
                start_of = true;
                k = p.end;
            }
        }
        // "since the start of the year": the period to date.
        if start_of && (self.is(k, "the") || self.is(k, "this")) {
            let d = self.dateline;
            let to_date = match self.word(k + 1) {
                Some("year") => Some((ymd(d.year(), 1, 1), Grain::Year)),
                Some("quarter") => Some((
                    ymd(d.year(), (d.month() - 1) / 3 * 3 + 1, 1),
                    Grain::Quarter,
                )),
                Some("month") => Some((ymd(d.year(), d.month(), 1), Grain::Month)),
                _ => None,
            };
            if let Some((Some(from), grain)) = to_date {
                return Some(TimeChunk {
                    tokens: i..k + 2,
                    time: Time::ToDate { from, grain },
                    year_implied: false,
                });
            }
        }
        let (mut end, point) = match self.event(k) {
            Some(e) => (e.tokens.end, e.time),
            None => self.point(k)?,
        };
        let Time::Span {
            from, to, grain, ..
        } = point
        else {
            return None;
        };
        let (from, to, grain) = if start_of {
            (from, from, Grain::Day)
        } else {
            (from, to, grain)
        };
        // Event words after the point are part of it: "the Oct. 27 market rout".
        end = self.skip_event_words(end);
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Since { from, to, grain },
            year_implied: false,
        })
    }

    /// Skips the nouns that name an event after a date ("market rout",
    /// "financial crisis", "start of the bull market", `"Volmageddon" event`).
    fn skip_event_words(&self, mut end: usize) -> usize {
        const EVENT_WORDS: &[&str] = &[
            "market",
            "rout",
            "crash",
            "crisis",
            "financial",
            "selloff",
            "sell",
            "-",
            "off",
            "start",
            "of",
            "the",
            "bull",
            "bear",
            "bottom",
            "low",
            "lows",
            "peak",
            "high",
            "event",
            "\"",
            "debacle",
            "meltdown",
            "panic",
            "plunge",
            "correction",
            "recession",
            "bust",
        ];
        let limit = self.limit(end).min(end + 7);
        let mut last_good = end;
        let mut k = end;
        while k < limit && self.word(k).is_some_and(|w| EVENT_WORDS.contains(&w)) {
            k += 1;
            let w = self.tokens[k - 1].norm.as_str();
            if !matches!(w, "of" | "the" | "-" | "\"") {
                last_good = k;
            }
        }
        if last_good > end {
            end = last_good;
        }
        end
    }

    /// "in three years", "in nearly three months", "in more than 20 years",
    /// "a five-year low", "12-year closing low", "a 52-week high", "the
    /// first reduction in four years".
    fn lookback(&self, i: usize) -> Option<TimeChunk> {
        let lex = lexicon();
        // Adjective form: "five-year", "52-week", "three-month".
        if let Some((n, after)) = self.count_at(i) {
            if self.is(after, "-") && !self.tokens[after].space_before {
                let unit = self.hit(after + 1, "unit")?;
                // The adjective must modify a record word: "low", "high", "closing low".
                let next = self.word(unit.end)?;
                let record_noun = matches!(
                    next,
                    "low"
                        | "lows"
                        | "high"
                        | "highs"
                        | "closing"
                        | "peak"
                        | "bottom"
                        | "trough"
                        | "best"
                        | "worst"
                        | "top"
                );
                if !record_noun {
                    // "its two-day loss", "a three-week rally": the last N sessions.
                    let move_noun = matches!(
                        next,
                        "loss"
                            | "losses"
                            | "gain"
                            | "gains"
                            | "decline"
                            | "declines"
                            | "drop"
                            | "slide"
                            | "rally"
                            | "advance"
                            | "fall"
                            | "rise"
                            | "selloff"
                            | "sell-off"
                            | "rout"
                            | "slump"
                            | "surge"
                            | "jump"
                            | "climb"
                            | "return"
                            | "move"
                            | "tumble"
                            | "plunge"
                            | "skid"
                            | "winning"
                            | "losing"
                    );
                    let per = match unit.label {
                        "session" => 1,
                        "week" => 5,
                        "month" => 21,
                        _ => 0,
                    };
                    // "the biggest nine-day drop": a ranked measure reads it.
                    let ranked =
                        (i.saturating_sub(2)..i).any(|k| self.hit(k, "superlative").is_some());
                    if !move_noun
                        || per == 0
                        || n < 2
                        || ranked
                        || next == "winning"
                        || next == "losing"
                    {
                        return None;
                    }
                    return Some(TimeChunk {
                        tokens: i..unit.end,
                        time: Time::Sessions {
                            n: n * per,
                            end: None,
                        },
                        year_implied: false,
                    });
                }
                // "a five-month low": nothing lower for five months, so the
                // previous lower value is five to six months back (the writer
                // would have said "six-month" past that), less half a unit.
                let (lo, _) = unit_days(unit.label, f64::from(n))?;
                let hi = ((f64::from(n) + 1.0) * unit_len(unit.label)?) as i64;
                return Some(TimeChunk {
                    tokens: i..unit.end,
                    time: Time::Lookback {
                        min_days: lo,
                        max_days: hi,
                        label: format!("{n}-{}", unit.label),
                    },
                    year_implied: false,
                });
            }
        }
        // "in N years": "in" (+ hedge) + count + unit.
        if !self.is(i, "in") {
            return None;
        }
        let mut k = i + 1;
        let limit = self.limit(k);
        let hedge = lex.longest(self.tokens, k, limit, "hedge");
        if let Some(h) = hedge {
            k = h.end;
        }
        let (n, after, half) = match self.count_at(k) {
            Some((n, a)) => {
                // "9 1/2 years"
                if self.is(a, "1") && self.is(a + 1, "/") && self.is(a + 2, "2") {
                    (n, a + 3, true)
                } else {
                    (n, a, false)
                }
            }
            None if self.is(k, "a") || self.is(k, "over") => (1, k + 1, false),
            None => return None,
        };
        let unit = self.hit(after, "unit")?;
        if unit.label == "session"
            && !self.tokens[after].norm.starts_with("day")
            && !self.tokens[after].norm.starts_with("session")
        {
            return None;
        }
        let x = f64::from(n) + if half { 0.5 } else { 0.0 };
        let per = unit_len(unit.label)?;
        let (mut lo, mut hi) = unit_days(unit.label, x)?;
        match hedge.map(|h| h.label) {
            // "in nearly three months": more than two, up to three.
            Some("almost") => {
                lo = ((x - 1.0).max(0.0) * per) as i64;
                hi = (x * per) as i64 + 3;
            }
            Some("more_than" | "at_least") => {
                lo = (x * per) as i64 - 3;
                hi = i64::MAX / 4;
            }
            Some("less_than" | "at_most") => {
                lo = 0;
                hi = (x * per) as i64 + 3;
            }
            _ => {}
        }
        let label = self.tokens[i..unit.end]
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Some(TimeChunk {
            tokens: i..unit.end,
            time: Time::Lookback {
                min_days: lo,
                max_days: hi,
                label,
            },
            year_implied: false,
        })
    }

    /// "ever", "on record", "in history", "all-time".
    fn ever(&self, i: usize) -> Option<TimeChunk> {
        let h = self.hit(i, "ever")?;
        // "record" alone is a record word, not "ever"; only the longer forms.
        if self.tokens[i].norm == "record" && h.end == i + 1 {
            return None;
        }
        Some(TimeChunk {
            tokens: i..h.end,
            time: Time::Ever,
            year_implied: false,
        })
    }

    /// "at 4:15 p.m.", "at 11am", "at one point", "during the session".
    fn clock(&self, i: usize) -> Option<TimeChunk> {
        if let Some(h) = self.hit(i, "clock") {
            if h.label == "intraday" || h.label == "close" {
                return Some(TimeChunk {
                    tokens: i..h.end,
                    time: Time::Clock {
                        close: h.label == "close",
                    },
                    year_implied: false,
                });
            }
        }
        let k = if self.is(i, "at") || self.is(i, "by") || self.is(i, "around") {
            i + 1
        } else {
            i
        };
        let hour: u32 = self.word(k)?.parse().ok()?;
        let mut j = k + 1;
        let mut minute = 0u32;
        if self.is(j, ":") {
            minute = self.word(j + 1)?.parse().ok()?;
            j += 2;
        }
        let ampm = self
            .hit(j, "clock")
            .filter(|h| h.label == "am" || h.label == "pm")?;
        let mut end = ampm.end;
        if self.is(end, ".") {
            end += 1;
        }
        let h24 = if ampm.label == "pm" && hour < 12 {
            hour + 12
        } else {
            hour
        };
        let close = h24 * 60 + minute >= 16 * 60;
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Clock { close },
            year_implied: false,
        })
    }

    /// "the same period", "this period", "that day", "the same day", "over
    /// the window", "during the streak".
    fn anaphor(&self, i: usize) -> Option<TimeChunk> {
        if let Some(h) = self.hit(i, "anaphor") {
            return Some(TimeChunk {
                tokens: i..h.end,
                time: Time::Anaphor { since: false },
                year_implied: false,
            });
        }
        let a = self.word(i)?;
        let b = self.word(i + 1)?;
        let ok = matches!(a, "that" | "this")
            && matches!(
                b,
                "period" | "day" | "session" | "stretch" | "span" | "time"
            )
            || a == "the"
                && b == "same"
                && matches!(
                    self.word(i + 2),
                    Some("period" | "day" | "session" | "stretch" | "span" | "time" | "window")
                );
        if !ok {
            return None;
        }
        let end = if a == "the" { i + 3 } else { i + 2 };
        Some(TimeChunk {
            tokens: i..end,
            time: Time::Anaphor { since: false },
            year_implied: false,
        })
    }

    /// Named events: "Black Monday", "9/11", "Volmageddon"; "after 9/11"
    /// is the next session.
    fn event(&self, i: usize) -> Option<TimeChunk> {
        if self.is(i, "after") {
            let inner = self.event(i + 1)?;
            let Time::Span { from, .. } = inner.time else {
                return None;
            };
            let next = model::calendar::next_session(from);
            return Some(TimeChunk {
                tokens: i..inner.tokens.end,
                time: self.day(next),
                year_implied: false,
            });
        }
        let h = self.hit(i, "event")?;
        // An episode: "the COVID crash" is a span of days.
        if let Some((a, b)) = h.label.split_once("..") {
            let (from, to) = (model::parse_iso_date(a)?, model::parse_iso_date(b)?);
            return Some(TimeChunk {
                tokens: i..h.end,
                time: Time::Span {
                    from,
                    to,
                    grain: Grain::Span,
                    range: false,
                },
                year_implied: false,
            });
        }
        let d = model::parse_iso_date(h.label)?;
        Some(TimeChunk {
            tokens: i..h.end,
            time: self.day(d),
            year_implied: false,
        })
    }
}

/// The calendar days a time covers, when it is a span of days.
pub(crate) fn span_of(t: &Time) -> Option<(Date, Date)> {
    match t {
        Time::Span { from, to, .. } | Time::Since { from, to, .. } => Some((*from, *to)),
        // To date: from its start to whenever the question is asked.
        Time::ToDate { from, .. } => Some((*from, Date::MAX)),
        _ => None,
    }
}

/// Days spanned by `x` units written at that precision: "three years" is
/// 2.5 to 3.5 years back.
fn unit_days(unit: &str, x: f64) -> Option<(i64, i64)> {
    let per = unit_len(unit)?;
    let lo = ((x - 0.5).max(0.0) * per) as i64;
    let hi = ((x + 0.5) * per) as i64;
    Some((lo, hi))
}

/// Calendar days in one unit.
fn unit_len(unit: &str) -> Option<f64> {
    Some(match unit {
        "year" => 365.25,
        "month" => 30.44,
        "week" => 7.0,
        "session" => 1.4,
        "decade" => 3652.5,
        "quarter" => 91.3,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("date")
    }

    fn read(text: &str, dateline: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let taken = vec![false; tokens.len()];
        find(&tokens, &taken, d(dateline))
            .into_iter()
            .map(|c| {
                let span = &text[tokens[c.tokens.start].start..tokens[c.tokens.end - 1].end];
                let what = match c.time {
                    Time::Span {
                        from, to, grain, ..
                    } if from == to => format!("{from} {grain:?}"),
                    Time::Span {
                        from, to, grain, ..
                    } => format!("{from}..{to} {grain:?}"),
                    Time::ToDate { from, grain } => format!("{from}.. to date {grain:?}"),
                    Time::Sessions { n, end } => format!(
                        "last {n} sessions{}",
                        end.map(|e| format!(" to {e}")).unwrap_or_default()
                    ),
                    Time::Since { from, to, grain } => format!("since {from}..{to} {grain:?}"),
                    Time::Lookback {
                        min_days, max_days, ..
                    } => format!("lookback {min_days}..{max_days} days"),
                    Time::Ever => "ever".into(),
                    Time::Clock { close } => format!("clock close={close}"),
                    Time::Anaphor { since } => format!("anaphor since={since}"),
                };
                format!("{span} = {what}")
            })
            .collect()
    }

    #[test]
    fn times_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("On Jan. 17, 1991, oil fell", "1991-01-17", &["Jan. 17, 1991 = 1991-01-17 Day"]),
            ("since the Oct. 27 market rout", "1998-08-27", &["since the Oct. 27 market rout = since 1997-10-27..1997-10-27 Day"]),
            ("the day the U.S. held its parade on June 8", "1991-06-07", &["June 8 = 1991-06-08 Day"]),
            ("its lowest close since April 1997", "2008-11-20", &["since April 1997 = since 1997-04-01..1997-04-30 Month"]),
            ("its first close above 1,500 since September 2000", "2007-05-03", &["since September 2000 = since 2000-09-01..2000-09-30 Month"]),
            ("since early January", "2009-05-04", &["since early January = since 2009-01-01..2009-01-10 EarlyMonth"]),
            ("between June 1 and August 31, 2024", "2026-08-21", &["between June 1 and August 31, 2024 = 2024-06-01..2024-08-31 Span"]),
            ("between Oct. 5 and 12, 2022", "2024-01-04", &["between Oct. 5 and 12, 2022 = 2022-10-05..2022-10-12 Span"]),
            ("From January 2 through January 22, the index", "2026-01-22", &["From January 2 through January 22 = 2026-01-02..2026-01-22 Span"]),
            ("from March 23, 2017, to March 30, 2017", "2017-03-30", &["from March 23, 2017, to March 30, 2017 = 2017-03-23..2017-03-30 Span"]),
            ("From Feb 19, 2020 highs to the March 23, 2020 bottom", "2021-03-16", &["From Feb 19, 2020 highs to the March 23, 2020 bottom = 2020-02-20..2020-03-23 Span"]),
            ("from 2000 to 2002", "2022-12-30", &["from 2000 to 2002 = 2000-01-01..2002-12-31 Span"]),
            ("the first nine months of 2021", "2021-10-01", &["the first nine months of 2021 = 2021-01-01..2021-09-30 Span"]),
            ("Q3-2019", "2020-01-01", &["Q3-2019 = 2019-07-01..2019-09-30 Quarter"]),
            ("in the first quarter of 2026", "2026-08-21", &["the first quarter of 2026 = 2026-01-01..2026-03-31 Quarter"]),
            ("in the second half", "2016-12-30", &["the second half = 2016-07-01..2016-12-31 Half"]),
            ("At the midpoint of the year", "2025-06-30", &["the midpoint of the year = 2025-01-01..2025-06-30 Half"]),
            ("up 2.2 percent for the week", "1996-10-04", &["for the week = 1996-09-30.. to date Week"]),
            ("-7% year to date", "2022-01-18", &["year to date = 2022-01-01.. to date Year"]),
            ("How did it do last week?", "2026-08-19", &["last week = 2026-08-10..2026-08-14 Week"]),
            ("it could start scaling back later this year", "2013-06-24", &[]),
            ("How did the S&P do the week before last?", "2026-08-21", &["the week before last = 2026-08-03..2026-08-07 Week"]),
            ("the month before last month", "2026-03-10", &["the month before last month = 2026-01-01..2026-01-31 Month"]),
            ("in the year before last", "2026-08-21", &["the year before last = 2024-01-01..2024-12-31 Year"]),
            ("S&P 500 for the week ending July 24, 2026?", "2026-08-21", &["for the week ending July 24, 2026 = 2026-07-18..2026-07-24 Span"]),
            ("the Dow in the week ended Friday", "2026-08-19", &["in the week ended Friday = 2026-08-08..2026-08-14 Span"]),
            ("the week through March 6", "2026-08-21", &["the week through March 6 = 2026-02-28..2026-03-06 Span"]),
            ("only three of the past 12 sessions", "2012-08-21", &["the past 12 sessions = last 12 sessions"]),
            ("6.93% when measured over 21 trading days ending 7/31", "2013-07-31", &["over 21 trading days ending 7/31 = last 21 sessions to 2013-07-31"]),
            ("annualized return for the five years 2020 through 2024?", "2026-08-21", &["the five years 2020 through 2024 = 2020-01-01..2024-12-31 Span"]),
            ("How has SPY done over the past year?", "2026-08-21", &["over the past year = 2025-08-22..2026-08-21 Span"]),
            ("Year-to-date (YTD) as of January 16, 2026, the index", "2026-01-16", &["Year-to-date (YTD) as of January 16, 2026 = 2026-01-01.. to date Year"]),
            ("hikes in the 2022-23 tightening cycle", "2026-08-21", &["2022-23 = 2022-01-01..2023-12-31 Span"]),
            ("How far did the S&P 500 fall in the COVID crash?", "2026-08-21", &["the COVID crash = 2020-02-01..2020-04-30 Span"]),
            ("How much has it gained since the start of the year?", "2026-08-21", &["since the start of the year = 2026-01-01.. to date Year"]),
            ("annualized return over the 10 years through 2025?", "2026-08-21", &["over the 10 years through 2025 = 2016-01-01..2025-12-31 Span"]),
            ("or 11.04% over the last four weeks", "2023-01-27", &["over the last four weeks = 2022-12-31..2023-01-27 Span"]),
            ("the fifth worst day in the past 20 years", "2020-03-09", &["in the past 20 years = 2000-03-10..2020-03-09 Span"]),
            ("their lowest levels in three years", "2001-09-17", &["in three years = lookback 913..1278 days"]),
            ("their worst day in nearly three months", "2010-04-27", &["in nearly three months = lookback 60..94 days"]),
            ("after hitting a five-year low of 13.30 last week", "2012-08-21", &["five-year = lookback 1643..2191 days", "last week = 2012-08-13..2012-08-17 Week"]),
            ("its third-biggest percentage loss ever", "2021-03-16", &["ever = ever"]),
            ("jumped 35 percent to 31.66 at 4:15 p.m. in New York", "2011-08-04", &["at 4:15 p.m. = clock close=true"]),
            ("was down 15% at one point", "2025-06-30", &["at one point = clock close=false"]),
            ("Monday's S&P loss", "2020-03-09", &["Monday's = 2020-03-09 Day"]),
            ("than Friday's close", "2020-03-09", &["Friday's = 2020-03-06 Day"]),
            ("the worst December since 1931", "2018-12-21", &["December = 2018-12-01..2018-12-31 Month", "since 1931 = since 1931-01-01..1931-12-31 Year"]),
            ("since the \"Volmageddon\" event in February 2018", "2024-12-18", &["since the \"Volmageddon\" event = since 2018-02-05..2018-02-05 Day", "February 2018 = 2018-02-01..2018-02-28 Month"]),
            ("the biggest nine-day drop since the March 2009 start of the bull market", "2011-08-04", &["since the March 2009 start of the bull market = since 2009-03-01..2009-03-31 Month"]),
            ("Before accelerating higher on 8/22", "2025-08-22", &["8/22 = 2025-08-22 Day"]),
            ("the Fed's fastest policy adjustment since the 1980s", "2022-09-21", &["since the 1980s = since 1980-01-01..1989-12-31 Decade"]),
            ("the annual median since 1989", "2017-12-29", &["since 1989 = since 1989-01-01..1989-12-31 Year"]),
            ("SPY was off 8.2% on the opening gap after 9/11", "2020-03-09", &["after 9/11 = 2001-09-17 Day"]),
            ("during the same period", "2017-03-30", &["the same period = anaphor since=false"]),
            ("The Dow has rebounded about 14% since then", "2002-12-30", &["since then = anaphor since=true"]),
            ("three consecutive cuts in September, October, and December 2025", "2026-01-16", &["September, October, and December 2025 = 2025-09-01..2025-12-31 Span"]),
            ("During the 11-day streak spanning December 1, 2025, through January 16, 2026, the index", "2026-01-17", &["spanning December 1, 2025, through January 16, 2026 = 2025-12-01..2026-01-16 Span"]),
            ("The rally ran December 1, 2025, through January 16, 2026.", "2026-01-17", &["December 1, 2025, through January 16, 2026 = 2025-12-01..2026-01-16 Span"]),
            ("rose 7.89% from the December 31, 2025 close to January 16, 2026", "2026-01-16", &["from the December 31, 2025 close to January 16, 2026 = 2026-01-01..2026-01-16 Span"]),
            ("bringing its two-day loss to more than 10%", "2025-04-04", &["two-day = last 2 sessions"]),
            ("The Nasdaq ended the week down 1.4%.", "2026-01-16", &["ended the week = 2026-01-12.. to date Week"]),
            ("after hitting 65.73 earlier in the session", "2024-08-05", &["earlier in the session = clock close=false"]),
            ("its return from the March 23, 2020 low to the end of that year", "2026-08-21", &["from the March 23, 2020 low to the end of that year = 2020-03-24..2020-12-31 Span"]),
            ("two rate cuts in late 2025", "2026-01-17", &["late 2025 = 2025-09-01..2025-12-31 Span"]),
            ("rose 5% in April and 3% in May of 1996", "1996-06-01", &["April = 1996-04-01..1996-04-30 Month", "May of 1996 = 1996-05-01..1996-05-31 Month"]),
        ];
        for (text, dateline, want) in cases {
            assert_eq!(read(text, dateline), *want, "{text}");
        }
    }
}
