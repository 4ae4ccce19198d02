//! Wire-copy phrase families: where a daily move or a calendar period ranks
//! ("worst day since 1987", "its fifth-largest decline ever", "best month
//! since 2020"), counts ("40 such streaks since 1928", "the sixth record close
//! this year"), "highest close since" and "a three-month low", sector
//! rankings ("Industrials led the gains", "five of the 11 sectors rose"),
//! yield changes in basis points, level thresholds ("fell below 4%"), return
//! spreads ("outperformed by 5 percentage points"), drawdown states
//! ("entered a correction") and moving averages ("closed below its 200-day").
//!
//! Every family reads words around an anchor (a superlative, a count, a
//! sector, a threshold word) and turns the sentence into one [`Query`]; the
//! checker decides the claim from that Fact's value and details.

use super::{
    floor, has_any, is_priced, period_of, Carry, ClaimKind, Claimed, Doc, Sent, SinceRef,
    StreakMemo, DOWN_WORDS, UP_WORDS,
};
use crate::dates::When;
use crate::numbers::{Hedge, NumUnit};
use chrono::Datelike;
use model::{Basket, Date, Direction, Field, Period, PeriodKind, Query, RecordKind};

/// Word spans of a lowercase sentence: ASCII letters, digits, `&`, and
/// hyphens or apostrophes inside a word ("one-day", "s&p", "dow's").
pub(super) struct Toks<'a> {
    lo: &'a str,
    spans: Vec<(usize, usize)>,
}

impl<'a> Toks<'a> {
    pub(super) fn new(lo: &'a str) -> Toks<'a> {
        let b = lo.as_bytes();
        let mut spans = Vec::with_capacity(b.len() / 5);
        let mut i = 0;
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'&';
        while i < b.len() {
            if !word(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len()
                && (word(b[i])
                    || ((b[i] == b'-' || b[i] == b'\'')
                        && b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())))
            {
                i += 1;
            }
            spans.push((start, i));
        }
        Toks { lo, spans }
    }
    fn len(&self) -> usize {
        self.spans.len()
    }
    fn w(&self, k: usize) -> &'a str {
        self.spans.get(k).map_or("", |&(a, b)| &self.lo[a..b])
    }
    fn start(&self, k: usize) -> usize {
        self.spans.get(k).map_or(self.lo.len(), |s| s.0)
    }
    fn end(&self, k: usize) -> usize {
        self.spans.get(k).map_or(self.lo.len(), |s| s.1)
    }
    /// Index of the first token starting at or after byte `pos`.
    fn at(&self, pos: usize) -> usize {
        self.spans.partition_point(|s| s.0 < pos)
    }
    /// Whether the text between tokens `a` and `b` (a < b) crosses a clause break.
    fn broken(&self, a: usize, b: usize) -> bool {
        let (x, y) = (self.end(a), self.start(b));
        x < y && self.lo[x..y].contains([';', ':', '.', '(', ')'])
    }
}

/// A small count written in words or digits ("three", "52", "a").
fn small_number(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    const WORDS: &[(&str, u32)] = &[
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("eighteen", 18),
        ("twenty", 20),
        ("thirty", 30),
        ("fifty", 50),
        ("fifty-two", 52),
    ];
    WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

/// Days in a unit of time ("months" → 30).
fn unit_days(w: &str) -> Option<u32> {
    Some(match w.trim_end_matches('s') {
        "day" | "session" | "trading-day" => 1,
        "week" => 7,
        "month" => 30,
        "quarter" => 91,
        "year" => 365,
        "decade" => 3652,
        _ => return None,
    })
}

/// Ordinals as words or digits ("fifth", "5th").
fn ordinal(w: &str) -> Option<i64> {
    if let Some((_, v)) = crate::numbers::ORDINALS.iter().find(|(n, _)| *n == w) {
        return i64::try_from(*v).ok();
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

const MODIFIERS: &[&str] = &[
    "one-day",
    "single-day",
    "single-session",
    "daily",
    "one-session",
    "intraday",
    "percentage",
    "percent",
    "trading",
    "session",
    "day's",
    "such",
    "single",
];

/// Granularity of a superlative's noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    Day,
    Week,
    Period(PeriodKind),
}

/// How "since" is printed after a superlative or a threshold, from token `k`
/// on (up to eight tokens): the reference and the byte end of the phrase.
fn since_at(s: &Sent<'_>, t: &Toks<'_>, k: usize) -> Option<(SinceRef, usize)> {
    let mut k = k;
    // "since" may follow a few words ("the worst day for stocks since 1987").
    let mut hops = 0;
    while k < t.len() && hops < 6 {
        let w = t.w(k);
        match w {
            "since" => return since_after(s, t, k),
            "ever" => return Some((SinceRef::OnRecord, t.end(k))),
            "on" if t.w(k + 1) == "record" => return Some((SinceRef::OnRecord, t.end(k + 1))),
            "of" if t.w(k + 1) == "all" && t.w(k + 2) == "time" => {
                return Some((SinceRef::OnRecord, t.end(k + 2)))
            }
            "in" => {
                let mut j = k + 1;
                if matches!(t.w(j), "its" | "the") {
                    j += 1;
                }
                if t.w(j) == "history" || t.w(j + 1) == "history" && t.w(j).ends_with("'s") {
                    return Some((SinceRef::OnRecord, t.end(j)));
                }
                if t.w(j).ends_with("-year") && t.w(j + 1) == "history" {
                    return Some((SinceRef::OnRecord, t.end(j + 1)));
                }
                return lookback_at(t, k + 1);
            }
            "all-time" | "record" => return None,
            _ => {}
        }
        if t.broken(k, k + 1) {
            return None;
        }
        k += 1;
        hops += 1;
    }
    None
}

/// "since 1987", "since March 2020", "since the 1930s", "since launch".
fn since_after(s: &Sent<'_>, t: &Toks<'_>, k: usize) -> Option<(SinceRef, usize)> {
    let next = t.w(k + 1);
    if matches!(
        next,
        "launch" | "inception" | "records" | "its" | "record-keeping"
    ) && matches!(
        (next, t.w(k + 2)),
        ("launch" | "inception", _)
            | ("records", "began")
            | ("record-keeping", _)
            | (
                "its",
                "launch" | "inception" | "debut" | "creation" | "start"
            )
    ) {
        let e = if next == "launch" || next == "inception" || next == "record-keeping" {
            t.end(k + 1)
        } else {
            t.end(k + 2)
        };
        return Some((SinceRef::OnRecord, e));
    }
    if next == "the" {
        let d = t.w(k + 2);
        if d.len() == 5 && d.ends_with('s') {
            if let Ok(y) = d[..4].parse::<i32>() {
                if y % 10 == 0 && (1800..2100).contains(&y) {
                    return Some((SinceRef::Decade { start: y }, t.end(k + 2)));
                }
            }
        }
    }
    let pos = t.start(k);
    let d = s
        .dates
        .iter()
        .find(|d| d.start >= pos && d.start <= pos + 8)?;
    let text = &s.lo[d.start..d.end];
    let r = match &d.when {
        When::SinceYear { year } => SinceRef::Year { year: *year },
        When::Since { from } | When::Day { date: from } => {
            // A day of the month printed ("since March 23, 2020") or ISO.
            let has_day = text
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| (1..=2).contains(&n.len()))
                || text.contains('-');
            if has_day {
                SinceRef::Day { date: *from }
            } else {
                SinceRef::Month {
                    year: from.year(),
                    month: from.month(),
                }
            }
        }
        When::Month { year, month } => SinceRef::Month {
            year: *year,
            month: *month,
        },
        When::Year { year } => SinceRef::Year { year: *year },
        _ => return None,
    };
    Some((r, d.end))
}

/// "three months", "more than two years", "a year" from token `k`.
fn lookback_at(t: &Toks<'_>, k: usize) -> Option<(SinceRef, usize)> {
    let mut j = k;
    while matches!(
        t.w(j),
        "more" | "than" | "over" | "nearly" | "almost" | "about" | "roughly" | "at" | "least"
    ) {
        j += 1;
    }
    let n = small_number(t.w(j))?;
    let unit = t.w(j + 1);
    let days = unit_days(unit)?;
    let label = t.lo[t.start(j)..t.end(j + 1)].to_string();
    Some((
        SinceRef::Lookback {
            days: n.saturating_mul(days),
            label,
        },
        t.end(j + 1),
    ))
}

/// "a three-month low", "52-week high", "two-year high" at token `k` (the "N-unit" token).
fn n_unit_extreme(t: &Toks<'_>, k: usize) -> Option<(SinceRef, bool)> {
    let w = t.w(k);
    let (num, unit) = w.rsplit_once('-')?;
    let days = unit_days(unit)?;
    if unit.ends_with('s') {
        return None;
    }
    let n = small_number(num)?;
    let high = match t.w(k + 1) {
        "high" | "highs" | "peak" => true,
        "low" | "lows" | "trough" => false,
        "closing" if matches!(t.w(k + 2), "high" | "low") => t.w(k + 2) == "high",
        _ => return None,
    };
    Some((
        SinceRef::Lookback {
            days: n.saturating_mul(days),
            label: format!("{num} {unit}s"),
        },
        high,
    ))
}

const SUPERLATIVES: &[(&str, Option<Direction>)] = &[
    ("worst", Some(Direction::Down)),
    ("weakest", Some(Direction::Down)),
    ("best", Some(Direction::Up)),
    ("strongest", Some(Direction::Up)),
    ("biggest", None),
    ("largest", None),
    ("steepest", None),
    ("sharpest", None),
    ("heaviest", Some(Direction::Down)),
    ("deepest", Some(Direction::Down)),
    ("greatest", None),
    ("smallest", None),
];

fn noun_direction(w: &str) -> Option<Option<Direction>> {
    let w = w.trim_end_matches('s');
    Some(match w {
        "drop" | "decline" | "fall" | "loss" | "selloff" | "sell-off" | "slide" | "plunge"
        | "rout" | "tumble" | "slump" | "retreat" | "decrease" => Some(Direction::Down),
        "gain" | "rise" | "rally" | "advance" | "jump" | "increase" | "surge" | "pop"
        | "rebound" | "climb" => Some(Direction::Up),
        "day" | "session" | "move" | "swing" | "performance" | "showing" | "return" => None,
        _ => return None,
    })
}

/// Sector words never scanned for in running prose, read only next to a sector phrase.
const BARE_SECTORS: &[(&str, &str)] = &[
    ("energy", "XLE"),
    ("materials", "XLB"),
    ("tech", "XLK"),
    ("staples", "XLP"),
    ("discretionary", "XLY"),
    ("communications", "XLC"),
    ("communication", "XLC"),
    ("utilities", "XLU"),
    ("financials", "XLF"),
    ("industrials", "XLI"),
    ("technology", "XLK"),
];

fn model_mention(start: usize, end: usize, symbol: &str) -> crate::instruments::Mention {
    crate::instruments::Mention {
        start,
        end,
        symbol: symbol.to_string(),
    }
}

impl Doc<'_> {
    /// The subject of a phrase at `pos`: the nearest instrument before it,
    /// else one right after it, else the paragraph's.
    fn subject_near(&self, s: &Sent<'_>, pos: usize, carry: &Carry) -> Option<String> {
        s.subject_before(pos)
            .or_else(|| s.subject_after(pos).filter(|m| m.start < pos + 60))
            .map(|m| m.symbol.clone())
            .or_else(|| carry.subject.clone())
    }

    fn day_of(&self, s: &Sent<'_>, carry: &Carry) -> Option<Date> {
        s.day().or(carry.day).or(self.as_of)
    }

    /// Runs every wire-copy family on one sentence.
    pub(super) fn wire(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        let t = Toks::new(&lo);
        self.superlatives(s, &t, carry);
        self.counts(s, &t, carry);
        self.highs_lows(s, &t, carry);
        self.sectors(s, &t, carry);
        self.rate_changes(s, &t, carry);
        self.spreads(s, &t, carry);
        self.moving_averages(s, &t, carry);
        self.thresholds(s, &t, carry);
        self.drawdown_states(s, &t, carry);
        self.record_after_close(s, carry);
    }

    /// Marks numbers inside `[a, b)` as used.
    fn use_span(s: &mut Sent<'_>, a: usize, b: usize) {
        for (k, n) in s.nums.iter().enumerate() {
            if n.start < b && n.end > a {
                s.used[k] = true;
            }
        }
    }

    /// "Worst day since 1987", "its fifth-largest decline ever", "the best
    /// month since 2020", "largest point gain on record".
    fn superlatives(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        for k in 0..t.len() {
            let w = t.w(k);
            // "fifth-largest", "5th-biggest", "second-worst" or "fifth largest".
            let (ord, sup) = match w.split_once('-') {
                Some((o, sup)) if ordinal(o).is_some() => (ordinal(o), sup),
                _ => (
                    k.checked_sub(1)
                        .and_then(|p| ordinal(t.w(p)))
                        .filter(|_| k > 0 && !t.broken(k - 1, k)),
                    w,
                ),
            };
            let Some(&(_, sup_dir)) = SUPERLATIVES.iter().find(|(x, _)| *x == sup) else {
                continue;
            };
            // The noun: skip modifiers, read the grain and direction.
            let mut j = k + 1;
            let mut grain = None;
            let mut dir = sup_dir;
            let mut points = false;
            let mut noun_end = 0;
            while j < t.len() && j <= k + 5 {
                if t.broken(j - 1, j) {
                    break;
                }
                let x = t.w(j);
                let g = match x {
                    "weekly" | "week" | "week's" => Some(Grain::Week),
                    "monthly" | "month" => Some(Grain::Period(PeriodKind::Month)),
                    "quarterly" | "quarter" => Some(Grain::Period(PeriodKind::Quarter)),
                    "annual" | "yearly" | "year" | "calendar-year" => {
                        Some(Grain::Period(PeriodKind::Year))
                    }
                    "half" | "half-year" | "first-half" => Some(Grain::Period(PeriodKind::Half)),
                    "day" | "session" | "one-day" | "single-day" | "daily" | "single-session" => {
                        Some(Grain::Day)
                    }
                    _ => None,
                };
                if g.is_some() && grain.is_none_or(|x| x == Grain::Day) {
                    grain = g;
                }
                if matches!(x, "point" | "points" | "point-drop" | "point-gain") {
                    points = true;
                }
                if let Some(nd) = noun_direction(x) {
                    if nd.is_some() {
                        if dir.is_some() && dir != nd && sup_dir.is_some() {
                            // "worst gain" is not a phrase we read.
                            grain = None;
                            break;
                        }
                        dir = nd;
                    }
                    noun_end = j;
                    if grain.is_none() {
                        grain = Some(Grain::Day);
                    }
                    // "day" may be followed by "drop": keep reading one more.
                    if matches!(x, "day" | "session") && noun_direction(t.w(j + 1)).is_some() {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if g.is_some() && matches!(x, "week" | "month" | "quarter" | "year" | "half") {
                    noun_end = j;
                    break;
                }
                if !(MODIFIERS.contains(&x)
                    || g.is_some()
                    || matches!(x, "first" | "second" | "point" | "points" | "percent"))
                {
                    break;
                }
                j += 1;
            }
            let Some(grain) = grain else { continue };
            if noun_end == 0 {
                continue;
            }
            let since = since_at(s, t, noun_end + 1);
            let window_words =
                has_any(&t.lo[t.end(noun_end)..], &["this", "of the year", "so far"])
                    || t.lo[t.end(noun_end)..].starts_with(" of 20")
                    || t.lo[t.end(noun_end)..].starts_with(" in 20");
            let (since, end) = match (since, ord) {
                (Some((r, e)), _) => (r, e),
                (None, Some(_)) if !window_words => (SinceRef::OnRecord, t.end(noun_end)),
                _ => continue,
            };
            let pos = t.start(k);
            let start = if ord.is_some() && !w.contains('-') {
                t.start(k - 1)
            } else {
                t.start(k)
            };
            let Some(subject) = self.subject_near(s, pos, carry) else {
                continue;
            };
            Self::use_span(s, start, end);
            let dir = dir.or_else(|| {
                let up = UP_WORDS.iter().any(|u| super::has_word(&s.lo, u));
                let down = DOWN_WORDS.iter().any(|u| super::has_word(&s.lo, u));
                match (up, down) {
                    (true, false) => Some(Direction::Up),
                    (false, true) => Some(Direction::Down),
                    _ => None,
                }
            });
            let span = (start, end);
            if points {
                let idx = self.push(
                    s,
                    span,
                    ClaimKind::Unverifiable,
                    vec![subject],
                    self.as_of,
                    None,
                    Claimed::Since { since },
                    Hedge::Exact,
                    Vec::new(),
                );
                self.out[idx].missing = Some(
                    "the fact engine ranks daily moves by percent, not by index points".into(),
                );
                continue;
            }
            if !is_priced(self.registry(), &subject) {
                continue;
            }
            match grain {
                Grain::Day => {
                    let as_of = self.day_of(s, carry);
                    let queries = as_of
                        .map(|a| {
                            vec![Query::DailyMove {
                                symbol: subject.clone(),
                                as_of: a,
                            }]
                        })
                        .unwrap_or_default();
                    let (kind, claimed) = match ord {
                        Some(n) if since == SinceRef::OnRecord => {
                            (ClaimKind::MoveRank, Claimed::Count { n })
                        }
                        Some(_) => continue,
                        None => (ClaimKind::MoveSince, Claimed::Since { since }),
                    };
                    let idx = self.push(
                        s,
                        span,
                        kind,
                        vec![subject],
                        as_of,
                        None,
                        claimed,
                        Hedge::Exact,
                        queries,
                    );
                    self.out[idx].direction = dir;
                }
                Grain::Week => {
                    let idx = self.push(
                        s,
                        span,
                        ClaimKind::Unverifiable,
                        vec![subject],
                        self.as_of,
                        None,
                        Claimed::Since { since },
                        Hedge::Exact,
                        Vec::new(),
                    );
                    self.out[idx].missing =
                        Some("the fact engine does not rank weekly returns".into());
                }
                Grain::Period(kind) => {
                    if ord.is_some() {
                        continue;
                    }
                    let Some((period, as_of)) = self.ranked_period(s, carry, kind) else {
                        continue;
                    };
                    let queries = vec![Query::ReturnRank {
                        symbol: subject.clone(),
                        period,
                        against: kind,
                        as_of,
                    }];
                    let idx = self.push(
                        s,
                        span,
                        ClaimKind::PeriodRankSince,
                        vec![subject],
                        Some(as_of),
                        Some(period),
                        Claimed::Since { since },
                        Hedge::Exact,
                        queries,
                    );
                    self.out[idx].direction = dir;
                }
            }
        }
    }

    /// The calendar period a "best month since" ranks: the sentence's own
    /// (or the paragraph's) period of that kind, else the one holding the date.
    fn ranked_period(
        &self,
        s: &Sent<'_>,
        carry: &Carry,
        kind: PeriodKind,
    ) -> Option<(Period, Date)> {
        let whens = s
            .dates
            .iter()
            .map(|d| d.when.clone())
            .chain(carry.when.clone());
        for w in whens {
            let fits = matches!(
                (&w, kind),
                (When::Month { .. } | When::MonthToDate, PeriodKind::Month)
                    | (
                        When::Quarter { .. } | When::QuarterToDate,
                        PeriodKind::Quarter
                    )
                    | (When::Half { .. }, PeriodKind::Half)
                    | (When::Year { .. } | When::YearToDate, PeriodKind::Year)
            );
            if fits {
                let (p, a) = period_of(&w, self.as_of)?;
                return Some((p, a?));
            }
        }
        let a = s.day().or(carry.day).or(self.as_of)?;
        let p = match kind {
            PeriodKind::Month => Period::Month {
                year: a.year(),
                month: a.month(),
            },
            PeriodKind::Quarter => Period::Quarter {
                year: a.year(),
                quarter: ((a.month() - 1) / 3 + 1) as u8,
            },
            PeriodKind::Half => Period::Half {
                year: a.year(),
                half: if a.month() <= 6 { 1 } else { 2 },
            },
            PeriodKind::Year => Period::Year { year: a.year() },
            _ => return None,
        };
        Some((p, a))
    }

    /// "40 such streaks since 1928", "13 times since launch", "the sixth
    /// time this year the index closed at a record", "its 20th record close of 2024".
    fn counts(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let recordish = has_any(&s.lo, &["record", "records", "all-time"]);
        for k in 0..t.len() {
            let w = t.w(k);
            let (n, inclusive) = if let Some(o) = ordinal(w) {
                (o, true)
            } else if let Some(v) = small_number(w).filter(|v| *v >= 2 && !matches!(w, "a" | "an"))
            {
                (i64::from(v), false)
            } else {
                continue;
            };
            // "sixth time", "fifth such streak", "13 times", "40 such streaks",
            // "20th record close", "57 record closes".
            let mut j = k + 1;
            if t.w(j) == "such" {
                j += 1;
            }
            let noun = t.w(j);
            let record_noun = matches!(noun, "record" | "all-time")
                && matches!(
                    t.w(j + 1),
                    "close" | "closes" | "closing" | "high" | "highs" | "finish" | "finishes"
                );
            let count_noun = matches!(
                noun,
                "time"
                    | "times"
                    | "streak"
                    | "streaks"
                    | "run"
                    | "runs"
                    | "occasion"
                    | "occasions"
                    | "instance"
                    | "instances"
            );
            if !(count_noun || record_noun) {
                continue;
            }
            if inclusive
                && !matches!(noun, "time" | "streak" | "run" | "occasion" | "instance")
                && !record_noun
            {
                continue;
            }
            // "18 times forward earnings" is a multiple, not a count.
            if noun.starts_with("time")
                && !(t.broken(j, j + 1)
                    || j + 1 >= t.len()
                    || matches!(
                        t.w(j + 1),
                        "since"
                            | "in"
                            | "this"
                            | "before"
                            | "ever"
                            | "on"
                            | "over"
                            | "during"
                            | "so"
                            | "that"
                            | "it"
                            | "previously"
                            | "out"
                            | "the"
                            | "a"
                            | "an"
                            | "its"
                            | "has"
                            | "have"
                            | "had"
                    ))
            {
                continue;
            }
            let (a, b) = (t.start(k), t.end(k));
            if s.nums
                .iter()
                .zip(&s.used)
                .any(|(n, u)| *u && n.start < b && n.end > a)
            {
                continue;
            }
            let end = if record_noun { t.end(j + 1) } else { t.end(j) };
            let after = &t.lo[end..];
            let exclusive = ["before", "previously", "prior"]
                .iter()
                .any(|x| super::has_word(after, x) || super::has_word(&t.lo[..t.start(k)], x));
            // The window: "since X", "this year", "in 2024", "in history".
            let since = since_at(s, t, if record_noun { j + 2 } else { j + 1 });
            let yearish = |d: &&crate::dates::DateExpr| {
                matches!(d.when, When::YearToDate | When::Year { .. })
            };
            let window = s
                .dates
                .iter()
                .filter(yearish)
                .find(|d| d.start >= end)
                .or_else(|| s.dates.iter().find(yearish))
                .map(|d| d.when.clone());
            let is_record = record_noun || (recordish && noun.starts_with("time"));
            let span = (t.start(k), end);
            if is_record {
                let subject = self.subject_near(s, t.start(k), carry);
                let Some(subject) = subject.filter(|x| is_priced(self.registry(), x)) else {
                    continue;
                };
                let day = self.day_of(s, carry);
                let (from, as_of) = match (&window, &since) {
                    (Some(When::YearToDate), _) => {
                        (day.and_then(|d| Date::from_ymd_opt(d.year(), 1, 1)), day)
                    }
                    (Some(When::Year { year }), _) => (
                        Date::from_ymd_opt(*year, 1, 1),
                        Date::from_ymd_opt(*year, 12, 31).map(|e| day.map_or(e, |d| e.min(d))),
                    ),
                    (None, Some((SinceRef::Year { year }, _))) => {
                        (Date::from_ymd_opt(*year, 1, 1), day)
                    }
                    (None, Some((SinceRef::Month { year, month }, _))) => {
                        (Date::from_ymd_opt(*year, *month, 1), day)
                    }
                    (None, Some((SinceRef::Day { date }, _))) => (Some(*date), day),
                    _ => (None, day),
                };
                Self::use_span(s, span.0, span.1);
                let queries = match (from, as_of) {
                    (Some(_), Some(a)) => vec![Query::Record {
                        symbol: subject.clone(),
                        record: RecordKind::Close,
                        as_of: a,
                    }],
                    _ => Vec::new(),
                };
                let idx = self.push(
                    s,
                    span,
                    ClaimKind::RecordCount,
                    vec![subject],
                    as_of,
                    from.zip(as_of)
                        .map(|(f, t)| Period::Between { from: f, to: t }),
                    Claimed::Count { n },
                    Hedge::Exact,
                    queries,
                );
                if inclusive {
                    self.out[idx].also.insert("ordinal".into(), Claimed::Yes);
                }
                if from.is_none() {
                    self.out[idx].missing = Some(
                        "no window to count record closes in (say \"this year\" or \"since ...\")"
                            .into(),
                    );
                }
                continue;
            }
            // A count of streaks: the streak named in this sentence or just before.
            let Some(memo) = self.streaks.last().cloned() else {
                continue;
            };
            let from = match &since {
                Some((SinceRef::Year { year }, _)) => Date::from_ymd_opt(*year, 1, 1),
                Some((SinceRef::Month { year, month }, _)) => Date::from_ymd_opt(*year, *month, 1),
                Some((SinceRef::Day { date }, _)) => Some(*date),
                Some((SinceRef::Decade { start }, _)) => Date::from_ymd_opt(*start, 1, 1),
                _ => match &window {
                    Some(When::YearToDate) => {
                        memo.as_of.and_then(|d| Date::from_ymd_opt(d.year(), 1, 1))
                    }
                    Some(When::Year { year }) => Date::from_ymd_opt(*year, 1, 1),
                    _ => None,
                },
            };
            let end = since.as_ref().map_or(end, |(_, e)| (*e).max(end));
            let Some(as_of) = memo.as_of.or_else(|| self.day_of(s, carry)) else {
                continue;
            };
            Self::use_span(s, t.start(k), end);
            let StreakMemo {
                n: min_len,
                subject,
                vs,
                direction,
                ..
            } = memo;
            let queries = vec![Query::StreakCount {
                symbol: subject.clone(),
                vs: vs.clone(),
                direction: direction.unwrap_or(Direction::Up),
                min_len: u32::try_from(min_len).unwrap_or(0),
                from,
                as_of,
            }];
            let mut subjects = vec![subject];
            subjects.extend(vs);
            let idx = self.push(
                s,
                (t.start(k), end),
                ClaimKind::StreakCount,
                subjects,
                Some(as_of),
                from.map(|f| Period::Since { from: f }),
                Claimed::Count { n },
                Hedge::Exact,
                queries,
            );
            let c = &mut self.out[idx];
            c.direction = direction;
            c.also
                .insert("min_len".into(), Claimed::Count { n: min_len });
            if inclusive {
                c.also.insert("ordinal".into(), Claimed::Yes);
            }
            if exclusive {
                c.also.insert("exclusive".into(), Claimed::Yes);
            }
        }
    }

    /// "Highest close since March 2020", "lowest level in three months",
    /// "a 52-week high", "the 10-year yield's highest since 2007".
    fn highs_lows(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        for k in 0..t.len() {
            let w = t.w(k);
            let (since, high, span) = if w == "highest" || w == "lowest" {
                if k > 0 && matches!(t.w(k - 1), "intraday") {
                    continue;
                }
                let mut j = k + 1;
                while matches!(
                    t.w(j),
                    "close"
                        | "closing"
                        | "level"
                        | "levels"
                        | "finish"
                        | "reading"
                        | "point"
                        | "settle"
                        | "settlement"
                        | "print"
                        | "mark"
                        | "yield"
                        | "value"
                ) {
                    j += 1;
                }
                let Some((r, e)) = since_at(s, t, j).filter(|_| j <= k + 3) else {
                    continue;
                };
                (r, w == "highest", (t.start(k), e))
            } else if let Some((r, high)) = n_unit_extreme(t, k) {
                (r, high, (t.start(k), t.end(k + 1)))
            } else {
                continue;
            };
            let Some(subject) = self.subject_near(s, span.0, carry) else {
                continue;
            };
            let kind = self.registry().get(&subject).map(|i| i.kind);
            if !(is_priced(self.registry(), &subject)
                || matches!(kind, Some(model::InstrumentKind::Rate)))
            {
                continue;
            }
            Self::use_span(s, span.0, span.1);
            let as_of = self.day_of(s, carry);
            let queries = as_of
                .map(|a| {
                    vec![if high {
                        Query::HighestSince {
                            symbol: subject.clone(),
                            as_of: a,
                        }
                    } else {
                        Query::LowestSince {
                            symbol: subject.clone(),
                            as_of: a,
                        }
                    }]
                })
                .unwrap_or_default();
            let idx = self.push(
                s,
                span,
                ClaimKind::HighLowSince,
                vec![subject],
                as_of,
                None,
                Claimed::Since { since },
                Hedge::Exact,
                queries,
            );
            self.out[idx].direction = Some(if high { Direction::Up } else { Direction::Down });
        }
    }

    fn is_sector(&self, symbol: &str) -> bool {
        BARE_SECTORS.iter().any(|(_, s)| *s == symbol)
            || self
                .registry()
                .get(symbol)
                .is_some_and(model::Instrument::is_sector_fund)
    }

    /// Sector leaders, laggards, the only sector up or down, and breadth.
    fn sectors(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        let any_sector = s.mentions.iter().any(|m| self.is_sector(&m.symbol));
        if !any_sector && !lo.contains("sector") {
            return;
        }
        const LEAD: &[&str] = &[
            "best-performing sector",
            "best performing sector",
            "top-performing sector",
            "top performing sector",
            "best-performing group",
            "strongest sector",
            "best sector",
            "top sector",
            "best performer",
            "top performer",
            "led the gains",
            "led gains",
            "led the advance",
            "led the rally",
            "led the way",
            "led all sectors",
            "led the market",
            "led sector gains",
            "led the s&p",
            "led with",
            "outperformed all other sectors",
        ];
        const LAG: &[&str] = &[
            "worst-performing sector",
            "worst performing sector",
            "weakest sector",
            "worst sector",
            "worst performer",
            "bottom performer",
            "biggest laggard",
            "biggest decliner",
            "led the declines",
            "led declines",
            "led the decline",
            "led the losses",
            "led losses",
            "led the selloff",
            "led the sell-off",
            "led the retreat",
            "lagged all",
            "trailed all",
            "underperformed all other sectors",
        ];
        const ONLY_DOWN: &[&str] = &[
            "only sector to fall",
            "only sector to decline",
            "only sector to lose",
            "only sector to finish lower",
            "only sector to end lower",
            "only sector to close lower",
            "only sector in the red",
            "only sector lower",
            "only sector down",
            "only decliner",
            "lone decliner",
        ];
        const ONLY_UP: &[&str] = &[
            "only sector to rise",
            "only sector to gain",
            "only sector to advance",
            "only sector to finish higher",
            "only sector to end higher",
            "only sector to close higher",
            "only sector in the green",
            "only sector higher",
            "only sector up",
            "only gainer",
            "lone gainer",
        ];
        let mut done = false;
        for (list, role) in [
            (ONLY_DOWN, "only_down"),
            (ONLY_UP, "only_up"),
            (LEAD, "leader"),
            (LAG, "laggard"),
        ] {
            for p in list {
                let Some(i) = lo.find(p) else { continue };
                if done {
                    break;
                }
                // The sector: the nearest sector before the phrase in its clause, else just after.
                let before = s
                    .mentions
                    .iter()
                    .rev()
                    .find(|m| m.end <= i && self.is_sector(&m.symbol) && i - m.end < 60);
                let after = s
                    .mentions
                    .iter()
                    .find(|m| m.start >= i + p.len() && self.is_sector(&m.symbol))
                    .filter(|m| m.start < i + p.len() + 20);
                // Sector words the instrument finder leaves alone in prose ("energy", "tech").
                let bare = || {
                    let head = &lo[floor(&lo, i.saturating_sub(50))..i];
                    let tail = &lo[i + p.len()..floor(&lo, (i + p.len() + 30).min(lo.len()))];
                    BARE_SECTORS.iter().find_map(|(w, sym)| {
                        let at = head
                            .rfind(w)
                            .filter(|&k| super::word_at(head, k, w))
                            .map(|k| i - head.len() + k)
                            .or_else(|| {
                                tail.find(w)
                                    .filter(|&k| super::word_at(tail, k, w))
                                    .map(|k| i + p.len() + k)
                            })?;
                        Some(model_mention(at, at + w.len(), sym))
                    })
                };
                let Some(m) = before.cloned().or_else(|| after.cloned()).or_else(bare) else {
                    continue;
                };
                // "led with a 0.43% gain" names the leader; "led the declines" the laggard.
                let sym = m.symbol.clone();
                done = true;
                self.sector_claim(
                    s,
                    carry,
                    (m.start.min(i), (i + p.len()).max(m.end)),
                    ClaimKind::SectorRank,
                    Claimed::Symbol {
                        symbol: sym.clone(),
                    },
                    role,
                    vec![sym],
                );
            }
        }
        // Breadth: "five of the 11 sectors rose", "all 11 sectors fell", "nine sectors advanced".
        for k in 0..t.len() {
            if !t.w(k).starts_with("sector") || t.w(k) == "sector" {
                continue;
            }
            let mut j = k;
            let mut total = None;
            // Skip "s&p 500" / "major" / "market" between the count and "sectors".
            while j > 0
                && matches!(
                    t.w(j - 1),
                    "s&p" | "500" | "major" | "market" | "industry" | "stock"
                )
            {
                j -= 1;
            }
            let mut n = None;
            if j > 0 {
                let w = t.w(j - 1);
                if let Some(v) = small_number(w).filter(|_| w != "a" && w != "an") {
                    if j > 1 && t.w(j - 2) == "all" {
                        n = Some(i64::from(v));
                        total = Some(i64::from(v));
                        j -= 2;
                    } else if j > 2 && t.w(j - 2) == "the" && t.w(j - 3) == "of" {
                        total = Some(i64::from(v));
                        j -= 3;
                    } else if j > 1 && t.w(j - 2) == "of" {
                        total = Some(i64::from(v));
                        j -= 2;
                    } else {
                        n = Some(i64::from(v));
                        j -= 1;
                    }
                    if n.is_none() && j > 0 {
                        n = small_number(t.w(j - 1))
                            .filter(|_| !matches!(t.w(j - 1), "a" | "an"))
                            .map(i64::from);
                        if n.is_some() {
                            j -= 1;
                        }
                    }
                } else if w == "all" {
                    n = Some(-1);
                    j -= 1;
                }
            }
            let Some(n) = n else { continue };
            // Direction from the words after "sectors".
            let mut dir = None;
            for q in k + 1..(k + 6).min(t.len()) {
                let x = t.w(q);
                if matches!(
                    x,
                    "rose"
                        | "gained"
                        | "advanced"
                        | "higher"
                        | "climbed"
                        | "green"
                        | "up"
                        | "rallied"
                ) {
                    dir = Some(Direction::Up);
                    break;
                }
                if matches!(
                    x,
                    "fell"
                        | "declined"
                        | "lower"
                        | "dropped"
                        | "lost"
                        | "red"
                        | "down"
                        | "slid"
                        | "retreated"
                ) {
                    dir = Some(Direction::Down);
                    break;
                }
            }
            let Some(dir) = dir else { continue };
            let span = (t.start(j), t.end(k));
            Self::use_span(s, span.0, span.1);
            let role = if dir == Direction::Up {
                "n_up"
            } else {
                "n_down"
            };
            let idx = self.sector_claim(
                s,
                carry,
                span,
                ClaimKind::SectorBreadth,
                Claimed::Count { n },
                role,
                Vec::new(),
            );
            if let (Some(idx), Some(tot)) = (idx, total) {
                self.out[idx]
                    .also
                    .insert("total".into(), Claimed::Count { n: tot });
            }
            break;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn sector_claim(
        &mut self,
        s: &mut Sent<'_>,
        carry: &Carry,
        span: (usize, usize),
        kind: ClaimKind,
        claimed: Claimed,
        role: &str,
        subjects: Vec<String>,
    ) -> Option<usize> {
        let when = s
            .nearest_when(span.0)
            .or_else(|| carry.when.clone())
            .or_else(|| carry.day.map(|d| When::Day { date: d }));
        let (period, as_of) = match when.as_ref().and_then(|w| period_of(w, self.as_of)) {
            Some((p, a)) => (p, a),
            None => (Period::Day, self.as_of),
        };
        let queries = as_of
            .map(|a| {
                vec![Query::CrossSection {
                    basket: Basket::Sectors,
                    period,
                    as_of: a,
                }]
            })
            .unwrap_or_default();
        let idx = self.push(
            s,
            span,
            kind,
            subjects,
            as_of,
            (period != Period::Day).then_some(period),
            claimed,
            Hedge::Exact,
            queries,
        );
        self.out[idx].also.insert(
            "role".into(),
            Claimed::Symbol {
                symbol: role.into(),
            },
        );
        Some(idx)
    }

    /// "The 10-year yield rose 12 basis points", "yields fell 0.15 percentage point".
    fn rate_changes(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let _ = t;
        let lo = s.lo.clone();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k]
                || !matches!(n.unit, NumUnit::BasisPoints | NumUnit::PercentagePoints)
                || n.high.is_some()
            {
                continue;
            }
            let Some(subject) = s.subject_or_carried(n.start, carry) else {
                continue;
            };
            let rate = self
                .registry()
                .get(&subject)
                .is_some_and(|i| matches!(i.kind, model::InstrumentKind::Rate));
            if !rate || subject.starts_with("DFEDTAR") || subject == "FEDFUNDS" || subject == "DFF"
            {
                continue;
            }
            let head = &lo[floor(&lo, n.start.saturating_sub(40))..n.start];
            let before: Vec<&str> = super::words_in(head, 0, head.len());
            let last = before.iter().rev().take(3);
            let mut dir = None;
            for w in last {
                if UP_WORDS.contains(w) || matches!(*w, "spiked" | "widened") {
                    dir = Some(Direction::Up);
                    break;
                }
                if DOWN_WORDS.contains(w) || matches!(*w, "narrowed") {
                    dir = Some(Direction::Down);
                    break;
                }
            }
            let Some(dir) = dir else { continue };
            s.used[k] = true;
            let bp = if n.unit == NumUnit::BasisPoints {
                n.value
            } else {
                n.value * 100.0
            };
            let decimals = if n.unit == NumUnit::BasisPoints {
                n.decimals
            } else {
                n.decimals.saturating_sub(2)
            };
            let when = s
                .nearest_when(n.start)
                .or_else(|| carry.when.clone())
                .or_else(|| carry.day.map(|d| When::Day { date: d }));
            let (period, as_of) = match when.as_ref().and_then(|w| period_of(w, self.as_of)) {
                Some((p, a)) => (p, a),
                None => (Period::Day, self.as_of),
            };
            let queries = as_of
                .map(|a| {
                    vec![Query::Level {
                        symbol: subject.clone(),
                        field: Field::Value,
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let value = if dir == Direction::Down {
                -bp.abs()
            } else {
                bp.abs()
            };
            let idx = self.push(
                s,
                (n.start, n.end),
                ClaimKind::RateChange,
                vec![subject],
                as_of,
                (period != Period::Day).then_some(period),
                Claimed::Number {
                    value,
                    decimals,
                    unit: NumUnit::BasisPoints,
                    fraction: false,
                },
                n.hedge,
                queries,
            );
            self.out[idx].direction = Some(dir);
        }
    }

    /// "Outperformed the S&P 500 by 5 percentage points", "trailed large caps by 3.2 points".
    fn spreads(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let _ = t;
        let lo = s.lo.clone();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k]
                || !matches!(
                    n.unit,
                    NumUnit::PercentagePoints | NumUnit::Points | NumUnit::Percent
                )
                || n.high.is_some()
            {
                continue;
            }
            let head = lo[floor(&lo, n.start.saturating_sub(90))..n.start].trim_end();
            if !head.ends_with(" by") {
                continue;
            }
            let verbs: &[(&str, bool)] = &[
                ("outperformed", true),
                ("outperforming", true),
                ("outpaced", true),
                ("outstripped", true),
                ("beat", true),
                ("beating", true),
                ("bested", true),
                ("topped", true),
                ("underperformed", false),
                ("underperforming", false),
                ("trailed", false),
                ("trailing", false),
                ("lagged", false),
                ("lagging", false),
            ];
            let base = n.start.saturating_sub(head.len()).min(n.start);
            let base = floor(&lo, n.start.saturating_sub(90)).max(base.min(n.start));
            let Some((vpos, vlen, up)) = verbs
                .iter()
                .filter_map(|(v, up)| {
                    let h = &lo[base..n.start];
                    h.rfind(v)
                        .filter(|&p| super::word_at(h, p, v))
                        .map(|p| (base + p, v.len(), *up))
                })
                .max_by_key(|x| x.0)
            else {
                continue;
            };
            let a = s.subject_or_carried(vpos, carry);
            let b = s
                .mentions
                .iter()
                .find(|m| m.start >= vpos + vlen && m.end <= n.start)
                .map(|m| m.symbol.clone());
            let (Some(a), Some(b)) = (a, b) else { continue };
            if a == b || !is_priced(self.registry(), &a) || !is_priced(self.registry(), &b) {
                continue;
            }
            s.used[k] = true;
            let when = s
                .nearest_when(n.start)
                .or_else(|| carry.when.clone())
                .or_else(|| carry.day.map(|d| When::Day { date: d }));
            let (period, as_of) = match when.as_ref().and_then(|w| period_of(w, self.as_of)) {
                Some((p, a)) => (p, a),
                None => (Period::Day, self.as_of),
            };
            let q = |sym: &str, a: Date| {
                if period == Period::Day {
                    Query::DailyMove {
                        symbol: sym.to_string(),
                        as_of: a,
                    }
                } else {
                    Query::Return {
                        symbol: sym.to_string(),
                        period,
                        as_of: a,
                    }
                }
            };
            let queries = as_of.map(|d| vec![q(&a, d), q(&b, d)]).unwrap_or_default();
            let value = if up { n.value.abs() } else { -n.value.abs() };
            let idx = self.push(
                s,
                (vpos, n.end),
                ClaimKind::ReturnSpread,
                vec![a, b],
                as_of,
                (period != Period::Day).then_some(period),
                Claimed::Number {
                    value,
                    decimals: n.decimals,
                    unit: if n.unit == NumUnit::Percent {
                        NumUnit::Percent
                    } else {
                        NumUnit::PercentagePoints
                    },
                    fraction: false,
                },
                n.hedge,
                queries,
            );
            self.out[idx].direction = Some(if up { Direction::Up } else { Direction::Down });
        }
    }

    /// "Closed below its 200-day moving average for the first time since
    /// May", "above its 50-day", "reclaimed the 200-day line".
    fn moving_averages(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        for k in 0..t.len() {
            let w = t.w(k);
            let Some(num) = w.strip_suffix("-day").or_else(|| w.strip_suffix("-dma")) else {
                continue;
            };
            let Ok(window) = num.parse::<u32>() else {
                continue;
            };
            if !(5..=400).contains(&window) {
                continue;
            }
            let next = t.w(k + 1);
            let ma_noun = matches!(
                next,
                "moving" | "average" | "ma" | "sma" | "line" | "trendline" | "mark"
            ) || w.ends_with("-dma");
            let bare = matches!(t.w(k.wrapping_sub(1)), "its" | "the")
                && (next.is_empty()
                    || t.broken(k, k + 1)
                    || matches!(
                        next,
                        "for" | "on" | "and" | "since" | "in" | "after" | "as" | "level"
                    ));
            if !(ma_noun || bare) {
                continue;
            }
            let mut end = t.end(k);
            if next == "moving" && t.w(k + 2) == "average" {
                end = t.end(k + 2);
            } else if ma_noun && !w.ends_with("-dma") {
                end = t.end(k + 1);
            }
            // Side and verb: up to five tokens before "its 200-day".
            let mut side = None;
            let mut cross = false;
            let mut verb_at = k;
            for q in (k.saturating_sub(5)..k).rev() {
                let x = t.w(q);
                match x {
                    "above" | "over" | "atop" => side = side.or(Some(Direction::Up)),
                    "below" | "under" | "beneath" | "underneath" => {
                        side = side.or(Some(Direction::Down))
                    }
                    "reclaimed" | "regained" | "recaptured" | "retook" => {
                        side = side.or(Some(Direction::Up));
                        cross = true;
                    }
                    "lost" | "breached" | "pierced" => {
                        side = side.or(Some(Direction::Down));
                        cross = true;
                    }
                    "crossed" | "broke" | "fell" | "dropped" | "slipped" | "sank" | "dipped"
                    | "tumbled" | "slid" | "rose" | "climbed" | "jumped" | "moved" | "pushed"
                    | "surged" | "rallied" | "popped" => cross = true,
                    _ => {}
                }
                verb_at = q;
                if t.broken(q, q + 1) {
                    break;
                }
            }
            let Some(side) = side else { continue };
            let since = if matches!(t.w(t.at(end)), "for")
                || t.lo[end..].trim_start().starts_with("for the first time")
            {
                let j = t.at(end);
                if t.w(j) == "for"
                    && t.w(j + 1) == "the"
                    && t.w(j + 2) == "first"
                    && t.w(j + 3) == "time"
                {
                    Some(since_at(s, t, j + 4).map_or((SinceRef::OnRecord, t.end(j + 3)), |x| x))
                } else {
                    None
                }
            } else {
                None
            };
            let Some(subject) = self.subject_near(s, t.start(verb_at), carry) else {
                continue;
            };
            if !is_priced(self.registry(), &subject) {
                continue;
            }
            let start = t.start(verb_at);
            Self::use_span(s, start, end);
            let as_of = self.day_of(s, carry);
            let queries: Vec<Query> = as_of
                .map(|a| {
                    vec![Query::MovingAverage {
                        symbol: subject.clone(),
                        window,
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let idx = self.push(
                s,
                (start, end),
                ClaimKind::MaPosition,
                vec![subject.clone()],
                as_of,
                None,
                Claimed::Yes,
                Hedge::Exact,
                queries.clone(),
            );
            let c = &mut self.out[idx];
            c.direction = Some(side);
            c.also.insert(
                "window".into(),
                Claimed::Count {
                    n: i64::from(window),
                },
            );
            if cross || since.is_some() {
                c.also.insert("cross".into(), Claimed::Yes);
            }
            if let Some((since, e)) = since {
                let idx = self.push(
                    s,
                    (start, e),
                    ClaimKind::MaFirstSince,
                    vec![subject],
                    as_of,
                    None,
                    Claimed::Since { since },
                    Hedge::Exact,
                    queries,
                );
                let c = &mut self.out[idx];
                c.direction = Some(side);
                c.also.insert(
                    "window".into(),
                    Claimed::Count {
                        n: i64::from(window),
                    },
                );
            }
        }
    }

    /// "Two-year yields fell below 4%", "the VIX jumped above 30", "the S&P 500
    /// closed above 6,000 for the first time".
    fn thresholds(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] || n.high.is_some() || n.value <= 0.0 {
                continue;
            }
            // The threshold word: a hedge the number reader kept ("below 4%") or the word before.
            let at = &lo[n.start..];
            let head = lo[floor(&lo, n.start.saturating_sub(40))..n.start].trim_end();
            let prev = head
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .next()
                .unwrap_or("");
            let side = if at.starts_with("below") || at.starts_with("under") {
                Direction::Down
            } else if at.starts_with("over") || at.starts_with("more than") {
                Direction::Up
            } else {
                match prev {
                    "above" | "topped" | "past" | "surpassed" | "crossed" | "breached"
                    | "eclipsed" | "beyond" | "through" | "atop" => Direction::Up,
                    "beneath" | "underneath" => Direction::Down,
                    _ => continue,
                }
            };
            let Some(subject) = s.subject_or_carried(n.start, carry) else {
                continue;
            };
            let Some(inst) = self.registry().get(&subject) else {
                continue;
            };
            let rate = matches!(inst.kind, model::InstrumentKind::Rate);
            let vix = subject == "^VIX";
            let plausible = if rate {
                n.unit == NumUnit::Percent && n.value < 25.0
            } else if vix {
                matches!(n.unit, NumUnit::Plain | NumUnit::Points)
                    && (5.0..=150.0).contains(&n.value)
            } else {
                is_priced(self.registry(), &subject)
                    && matches!(n.unit, NumUnit::Plain | NumUnit::Points | NumUnit::Money)
                    && n.value >= 100.0
            };
            if !plausible {
                continue;
            }
            // A crossing verb ("fell below", "jumped above", "topped").
            let words: Vec<&str> = super::words_in(head, 0, head.len());
            let cross = words.iter().rev().take(3).any(|w| {
                matches!(
                    *w,
                    "fell"
                        | "dropped"
                        | "slipped"
                        | "sank"
                        | "dipped"
                        | "tumbled"
                        | "slid"
                        | "plunged"
                        | "rose"
                        | "climbed"
                        | "jumped"
                        | "surged"
                        | "spiked"
                        | "soared"
                        | "moved"
                        | "pushed"
                        | "broke"
                        | "topped"
                        | "crossed"
                        | "breached"
                        | "surpassed"
                        | "eclipsed"
                        | "popped"
                        | "shot"
                        | "rallied"
                        | "retreated"
                        | "eased"
                        | "declined"
                )
            });
            let state = words.iter().rev().take(3).any(|w| {
                matches!(
                    *w,
                    "is" | "was"
                        | "remained"
                        | "remains"
                        | "stayed"
                        | "stays"
                        | "held"
                        | "holds"
                        | "closed"
                        | "ended"
                        | "finished"
                        | "stood"
                        | "traded"
                        | "sits"
                        | "hovered"
                        | "settled"
                        | "stands"
                )
            });
            if !(cross || state) {
                continue;
            }
            s.used[k] = true;
            let tail = &lo[n.end..];
            let first_time = tail
                .trim_start_matches([' ', ','])
                .starts_with("for the first time");
            let tk = t.at(n.end);
            let first_since = if first_time {
                let j = (tk..t.len())
                    .find(|&j| t.w(j) == "time")
                    .map_or(tk, |j| j + 1);
                since_at(s, t, j)
            } else {
                None
            };
            let field = if rate { Field::Value } else { Field::Close };
            let as_of = self.day_of(s, carry);
            let mut queries: Vec<Query> = as_of
                .map(|a| {
                    vec![Query::Level {
                        symbol: subject.clone(),
                        field,
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let first_ever = first_time
                && first_since
                    .as_ref()
                    .is_none_or(|(r, _)| *r == SinceRef::OnRecord);
            if let (true, Some(a), Direction::Up) = (first_ever, as_of, side) {
                queries.push(Query::Record {
                    symbol: subject.clone(),
                    record: RecordKind::Close,
                    as_of: a,
                });
            }
            let claimed = Claimed::Number {
                value: n.value,
                decimals: n.decimals,
                unit: n.unit,
                fraction: false,
            };
            let idx = self.push(
                s,
                (n.start, n.end),
                ClaimKind::LevelCross,
                vec![subject.clone()],
                as_of,
                None,
                claimed.clone(),
                Hedge::Exact,
                queries,
            );
            let c = &mut self.out[idx];
            c.direction = Some(side);
            c.field = Some(field);
            if cross || first_time {
                c.also.insert("cross".into(), Claimed::Yes);
            }
            if first_ever && side == Direction::Up {
                c.also.insert("first_ever".into(), Claimed::Yes);
            }
            let unsupported_since = match &first_since {
                Some((r, e)) if *r != SinceRef::OnRecord => Some((r.clone(), *e)),
                _ => None,
            };
            let first_ever_below = first_ever && side == Direction::Down;
            if let Some((since, e)) = unsupported_since {
                let idx = self.push(
                    s,
                    (n.start, e),
                    ClaimKind::Unverifiable,
                    vec![subject],
                    as_of,
                    None,
                    Claimed::Since { since },
                    Hedge::Exact,
                    Vec::new(),
                );
                self.out[idx].missing = Some(
                    "when a level was last crossed: the fact engine has no threshold-crossing history"
                        .into(),
                );
            } else if first_ever_below {
                let idx = self.push(
                    s,
                    (n.start, n.end),
                    ClaimKind::Unverifiable,
                    vec![subject],
                    as_of,
                    None,
                    Claimed::Since {
                        since: SinceRef::OnRecord,
                    },
                    Hedge::Exact,
                    Vec::new(),
                );
                self.out[idx].missing =
                    Some("a first close below a level: the fact engine has no running-minimum threshold search".into());
            }
        }
    }

    /// "Entered a correction", "is in a bear market", "bear-market territory".
    fn drawdown_states(&mut self, s: &mut Sent<'_>, t: &Toks<'_>, carry: &Carry) {
        let _ = t;
        let lo = s.lo.clone();
        const PHRASES: &[(&str, bool)] = &[
            ("correction territory", false),
            ("a correction", false),
            ("into correction", false),
            ("bear-market territory", true),
            ("bear market territory", true),
            ("a bear market", true),
            ("into bear market", true),
        ];
        let mut done = false;
        for (p, bear) in PHRASES {
            if done {
                break;
            }
            let Some(i) = lo.find(p) else { continue };
            let head = &lo[floor(&lo, i.saturating_sub(40))..i];
            let entered = [
                "entered",
                "enter",
                "entering",
                "fell into",
                "slid into",
                "tumbled into",
                "plunged into",
                "dropped into",
                "confirmed",
                "officially in",
                "sank into",
                "moved into",
                "slipped into",
            ]
            .iter()
            .any(|w| head.contains(w));
            let inside = [
                " in ",
                "is in",
                "are in",
                "remains in",
                "remained in",
                "was in",
                "stays in",
                "still in",
                "firmly in",
                "deep in",
                "now in",
            ]
            .iter()
            .any(|w| head.contains(w))
                || head.ends_with(" in")
                || head.trim_end().ends_with(" in");
            let negated = [
                "out of",
                "avoid",
                "not ",
                "exit",
                "escape",
                "near ",
                "approach",
                "edge of",
                "brink",
                "verge",
                "flirt",
                "close to",
                "nearing",
                "toward",
                "threaten",
                "would",
                "could",
                "narrowly",
                "pulled out",
                "climbed out",
                "emerged",
            ]
            .iter()
            .any(|w| head.contains(w));
            if !(entered || inside) || negated {
                continue;
            }
            let Some(subject) = self.subject_near(s, i, carry) else {
                continue;
            };
            if !is_priced(self.registry(), &subject) {
                continue;
            }
            done = true;
            let as_of = self.day_of(s, carry);
            let queries = as_of
                .map(|a| {
                    vec![Query::Drawdown {
                        symbol: subject.clone(),
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let start = head
                .rfind([',', ';'])
                .map_or(floor(&lo, i.saturating_sub(40)), |p| {
                    floor(&lo, i.saturating_sub(40)) + p + 1
                });
            let start = lo[start..i]
                .find(|c: char| c.is_ascii_alphanumeric())
                .map_or(i, |p| start + p);
            let idx = self.push(
                s,
                (start, i + p.len()),
                ClaimKind::DrawdownState,
                vec![subject],
                as_of,
                None,
                Claimed::Yes,
                Hedge::Exact,
                queries,
            );
            let c = &mut self.out[idx];
            c.direction = Some(Direction::Down);
            c.also.insert(
                "state".into(),
                Claimed::Symbol {
                    symbol: if *bear { "bear" } else { "correction" }.into(),
                },
            );
            if entered {
                c.also.insert("entered".into(), Claimed::Yes);
            }
        }
    }

    /// "The fear gauge closed at 82.69, a record": a record close stated after a close.
    fn record_after_close(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = &s.lo;
        if !lo.contains(", a") {
            return;
        }
        let close_cue = [
            "closed at",
            "ended at",
            "finished at",
            "settled at",
            "closing at",
            "close of",
        ]
        .iter()
        .filter_map(|c| lo.find(c))
        .min();
        let Some(cue) = close_cue else { return };
        let tails = [
            ", a record",
            ", a new record",
            ", an all-time high",
            ", a new all-time high",
            ", a fresh record",
            ", a new high",
            ", its highest close ever",
        ];
        let Some((i, p)) = tails
            .iter()
            .filter_map(|p| lo[cue..].find(p).map(|i| (cue + i, *p)))
            .min_by_key(|x| x.0)
        else {
            return;
        };
        // What follows must not make it another record ("a record gain").
        let rest = lo[i + p.len()..].trim_start();
        if !(rest.is_empty()
            || rest.starts_with(['.', ',', ';', ')'])
            || rest.starts_with("close")
            || rest.starts_with("high")
            || rest.starts_with("closing")
            || rest.starts_with("finish")
            || rest.starts_with("level")
            || rest.starts_with("for"))
        {
            return;
        }
        let base = s.base;
        // A record high read from ", a record high" after a close is the close.
        for c in self.out.iter_mut().rev() {
            if c.sentence.0 != base {
                break;
            }
            if c.kind == ClaimKind::RecordHigh && c.start >= base + i {
                c.kind = ClaimKind::RecordClose;
                for q in &mut c.queries {
                    if let Query::Record { record, .. } = q {
                        *record = RecordKind::Close;
                    }
                }
            }
        }
        if self
            .out
            .iter()
            .any(|c| c.sentence.0 == base && c.kind == ClaimKind::RecordClose)
        {
            return;
        }
        let Some(subject) = s.subject_or_carried(cue, carry) else {
            return;
        };
        if !is_priced(self.registry(), &subject) {
            return;
        }
        let as_of = self.day_of(s, carry);
        let queries = as_of
            .map(|a| {
                vec![Query::Record {
                    symbol: subject.clone(),
                    record: RecordKind::Close,
                    as_of: a,
                }]
            })
            .unwrap_or_default();
        self.push(
            s,
            (i + 2, i + p.len()),
            ClaimKind::RecordClose,
            vec![subject],
            as_of,
            None,
            Claimed::Yes,
            Hedge::Exact,
            queries,
        );
    }
}
