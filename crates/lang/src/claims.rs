//! Numeric market claims: what a sentence asserts, about what, when, and the
//! [`Query`] that decides it.
//!
//! The reader works sentence by sentence. It finds instruments, dates and
//! numbers, then lets each number find its role from the words around it
//! (a streak's sessions, a move's percent, a level, a volatility, a count of
//! rate cuts...). Subjects and periods carry over within a paragraph ("the
//! daily volatility during this period"), and "the 11-day streak" refers back
//! to the streak of that length named earlier. Figures about things the data
//! cannot decide (P/E, earnings, fund flows, debt) become claims with the
//! missing data named; plain prose yields nothing.

use crate::dates::{find_dateline, month_end, scan_dates, DateExpr, DateProblem, When};
use crate::instruments::{InstrumentFinder, Mention};
use crate::numbers::{find_numbers, Hedge, Num, NumUnit};
use crate::sentences::sentences;
use model::display::MONTHS;
use model::{Date, Direction, Field, Period, Query, RecordKind, Registry, RegistryError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a claim asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A streak's length in sessions (absolute or relative to a benchmark).
    Streak,
    /// "Longest since YEAR" for a streak.
    StreakLongestSince,
    /// A record close.
    RecordClose,
    /// A record intraday high.
    RecordHigh,
    /// A level: close, high, low, open, or a rate's value.
    Level,
    /// A period return in percent (and optionally index points).
    Return,
    /// One session's move in percent.
    DailyMove,
    /// Standard deviation of daily returns.
    Volatility,
    /// Distance below the running peak.
    Drawdown,
    /// How many Fed rate cuts (or hikes) in a window.
    RateDecisions,
    /// The Fed funds target range.
    FedRange,
    /// Share of rolling N-year windows in which A beat B.
    BaseRateShare,
    /// Mean annual outperformance of A over B.
    BaseRateExcess,
    /// "Worst day since 1987", "best session on record": a daily move's "since".
    MoveSince,
    /// "Its fifth-largest decline ever": a daily move's rank in history.
    MoveRank,
    /// "Its best month since 2020", "worst first half since 1970".
    PeriodRankSince,
    /// "40 such streaks since 1928": how many streaks of at least a length.
    StreakCount,
    /// "The sixth record close this year": how many record closes in a window.
    RecordCount,
    /// "Highest close since March 2020", "a three-month low".
    HighLowSince,
    /// "Industrials led the gains", "energy was the only sector to fall".
    SectorRank,
    /// "Five of the 11 sectors rose".
    SectorBreadth,
    /// "The 10-year yield rose 12 basis points": a change in a rate.
    RateChange,
    /// "Two-year yields fell below 4%", "the VIX jumped above 30".
    LevelCross,
    /// "Outperformed the S&P 500 by 5 percentage points".
    ReturnSpread,
    /// "Entered a correction", "is in a bear market".
    DrawdownState,
    /// "Closed below its 200-day moving average".
    MaPosition,
    /// "... for the first time since May": the previous close on the same side.
    MaFirstSince,
    /// A figure the data cannot decide (P/E, earnings, flows...).
    Unverifiable,
}

impl ClaimKind {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Streak => "streak",
            ClaimKind::StreakLongestSince => "streak_longest_since",
            ClaimKind::RecordClose => "record_close",
            ClaimKind::RecordHigh => "record_high",
            ClaimKind::Level => "level",
            ClaimKind::Return => "return",
            ClaimKind::DailyMove => "daily_move",
            ClaimKind::Volatility => "volatility",
            ClaimKind::Drawdown => "drawdown",
            ClaimKind::RateDecisions => "rate_decisions",
            ClaimKind::FedRange => "fed_range",
            ClaimKind::BaseRateShare => "base_rate_share",
            ClaimKind::BaseRateExcess => "base_rate_excess",
            ClaimKind::MoveSince => "move_since",
            ClaimKind::MoveRank => "move_rank",
            ClaimKind::PeriodRankSince => "period_rank_since",
            ClaimKind::StreakCount => "streak_count",
            ClaimKind::RecordCount => "record_count",
            ClaimKind::HighLowSince => "high_low_since",
            ClaimKind::SectorRank => "sector_rank",
            ClaimKind::SectorBreadth => "sector_breadth",
            ClaimKind::RateChange => "rate_change",
            ClaimKind::LevelCross => "level_cross",
            ClaimKind::ReturnSpread => "return_spread",
            ClaimKind::DrawdownState => "drawdown_state",
            ClaimKind::MaPosition => "ma_position",
            ClaimKind::MaFirstSince => "ma_first_since",
            ClaimKind::Unverifiable => "unverifiable",
        }
    }
}

/// A claimed value as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Claimed {
    /// A number with its printed precision.
    Number {
        /// Value (signed for moves).
        value: f64,
        /// Decimals printed.
        decimals: u8,
        /// Unit.
        unit: NumUnit,
        /// Written as a fraction word ("two-thirds").
        fraction: bool,
    },
    /// A range "low to high".
    Range {
        /// Low end.
        low: f64,
        /// High end.
        high: f64,
        /// Decimals printed.
        decimals: u8,
        /// Unit.
        unit: NumUnit,
    },
    /// A count (sessions, cuts).
    Count {
        /// The count.
        n: i64,
    },
    /// A year ("since 1990").
    Year {
        /// The year.
        year: i32,
    },
    /// A date.
    Date {
        /// The date.
        date: Date,
    },
    /// The claim holds (a record was set).
    Yes,
    /// Months named ("September, October, and December 2025").
    Months {
        /// (year, month) pairs.
        months: Vec<(i32, u32)>,
    },
    /// A point of reference in the past ("since 1987", "in three months", "on record").
    Since {
        /// The reference.
        since: SinceRef,
    },
    /// An instrument named as the answer ("Industrials led").
    Symbol {
        /// Canonical symbol.
        symbol: String,
    },
}

/// How far back a "since" claim reaches, at the precision it was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SinceRef {
    /// "On record", "ever", "in history": nothing earlier matches.
    OnRecord,
    /// "Since 1987".
    Year {
        /// The year.
        year: i32,
    },
    /// "Since the 1930s".
    Decade {
        /// First year of the decade.
        start: i32,
    },
    /// "Since March 2020".
    Month {
        /// Year.
        year: i32,
        /// Month 1..=12.
        month: u32,
    },
    /// "Since October 19, 1987".
    Day {
        /// The date.
        date: Date,
    },
    /// "In three months", "a 52-week high": at least this many days back.
    Lookback {
        /// Days.
        days: u32,
        /// As printed ("three months").
        label: String,
    },
}

impl SinceRef {
    /// Whether a matching earlier date `found` (None = nothing earlier) agrees
    /// with the reference, for a claim as of `as_of`.
    pub fn accepts(&self, found: Option<Date>, as_of: Date) -> bool {
        use chrono::Datelike;
        match (self, found) {
            (SinceRef::OnRecord, f) => f.is_none(),
            (SinceRef::Lookback { days, .. }, None) => *days > 0,
            (SinceRef::Lookback { days, .. }, Some(f)) => {
                (as_of - f).num_days() >= i64::from(*days) - 3
            }
            (_, None) => false,
            (SinceRef::Year { year }, Some(f)) => f.year() == *year,
            (SinceRef::Decade { start }, Some(f)) => (*start..*start + 10).contains(&f.year()),
            (SinceRef::Month { year, month }, Some(f)) => f.year() == *year && f.month() == *month,
            (SinceRef::Day { date }, Some(f)) => f == *date,
        }
    }

    /// Plain-English form: "since 1987", "on record", "in three months".
    pub fn describe(&self) -> String {
        match self {
            SinceRef::OnRecord => "on record".into(),
            SinceRef::Year { year } => format!("since {year}"),
            SinceRef::Decade { start } => format!("since the {start}s"),
            SinceRef::Month { year, month } => format!("since {year}-{month:02}"),
            SinceRef::Day { date } => format!("since {date}"),
            SinceRef::Lookback { label, .. } => format!("in {label}"),
        }
    }
}

impl Claimed {
    fn from_num(n: &Num) -> Claimed {
        match n.high {
            Some(high) => Claimed::Range {
                low: n.value,
                high,
                decimals: n.decimals,
                unit: n.unit,
            },
            None => Claimed::Number {
                value: n.value,
                decimals: n.decimals,
                unit: n.unit,
                fraction: n.unit == NumUnit::Fraction,
            },
        }
    }
}

/// One checkable (or named-unverifiable) numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Byte offset of the claim's phrase in the text read.
    pub start: usize,
    /// Byte offset one past the phrase.
    pub end: usize,
    /// Byte span of the whole sentence.
    pub sentence: (usize, usize),
    /// The sentence.
    pub text: String,
    /// What is claimed.
    pub kind: ClaimKind,
    /// Canonical symbols: subject first, then benchmark.
    pub subjects: Vec<String>,
    /// The date the claim speaks as of.
    pub as_of: Option<Date>,
    /// The window, when the claim has one.
    pub period: Option<Period>,
    /// The main claimed value.
    pub claimed: Claimed,
    /// Secondary claimed values ("points", "start", "size_bp", "months", "field").
    pub also: BTreeMap<String, Claimed>,
    /// Hedge on the main value.
    pub hedge: Hedge,
    /// Direction for streaks and moves.
    pub direction: Option<Direction>,
    /// Field for levels.
    pub field: Option<Field>,
    /// The queries that decide it (empty when unverifiable).
    pub queries: Vec<Query>,
    /// Why it cannot be decided, when the reader already knows.
    pub missing: Option<String>,
}

/// Reads claims; build once (it indexes the registry's aliases) and reuse.
#[derive(Debug, Clone)]
pub struct Reader {
    finder: InstrumentFinder,
    registry: Registry,
}

/// Reads the claims of `text` with the built-in registry.
///
/// # Errors
/// Only if the compiled-in registry is broken.
pub fn read_claims(text: &str, as_of: Option<Date>) -> Result<Vec<Claim>, RegistryError> {
    Ok(Reader::builtin()?.read(text, as_of))
}

/// Topics the data cannot decide, with what is missing.
const TOPICS: &[(&str, &str)] = &[
    (
        "forward earnings",
        "no forward P/E or earnings-estimate data",
    ),
    ("forward p/e", "no forward P/E or earnings-estimate data"),
    ("p/e", "no P/E data (only Shiller's CAPE for the S&P 500)"),
    (
        "price-to-earnings",
        "no P/E data (only Shiller's CAPE for the S&P 500)",
    ),
    (
        "times earnings",
        "no P/E data (only Shiller's CAPE for the S&P 500)",
    ),
    ("valuation", "no valuation data for these indices"),
    ("premium", "no valuation data for these indices"),
    ("earnings", "no company earnings data or estimates"),
    ("eps", "no company earnings data or estimates"),
    ("profit", "no company earnings data or estimates"),
    ("unprofitable", "no constituent-level profitability data"),
    ("revenue", "no revenue data"),
    ("debt", "no corporate debt data"),
    ("floating-rate", "no corporate debt data"),
    ("variable-rate", "no corporate debt data"),
    ("inflows", "no fund-flow data"),
    ("outflows", "no fund-flow data"),
    ("flows", "no fund-flow data"),
    ("assets under management", "no fund-flow data"),
    ("unemployment", "no labour-market data"),
    ("payrolls", "no labour-market data"),
    ("gdp", "no GDP data"),
    ("companies", "no constituent-level data"),
    ("constituents", "no constituent-level data"),
    ("forecast", "a forecast: past data cannot decide it"),
    ("projected", "a forecast: past data cannot decide it"),
    ("estimates", "a forecast: past data cannot decide it"),
    ("market cap", "no market-capitalisation data"),
    ("buyback", "no buyback data"),
    ("dividend yield", "no dividend-yield data for this index"),
];

const UP_WORDS: &[&str] = &[
    "gained",
    "gain",
    "gains",
    "rose",
    "rise",
    "rises",
    "rising",
    "climbed",
    "climb",
    "advanced",
    "advance",
    "added",
    "jumped",
    "jump",
    "surged",
    "surge",
    "rallied",
    "rally",
    "up",
    "higher",
    "increased",
    "soared",
    "led",
    "returned",
    "return",
    "returns",
    "rebounded",
    "positive",
    "popped",
    "firmed",
    "edged",
    "ahead",
    "outperformed",
    "flat",
];
const DOWN_WORDS: &[&str] = &[
    "fell",
    "fall",
    "falls",
    "declined",
    "decline",
    "declines",
    "dropped",
    "drop",
    "drops",
    "lost",
    "loss",
    "losses",
    "slid",
    "slide",
    "slipped",
    "tumbled",
    "retreated",
    "retreat",
    "sank",
    "plunged",
    "plunge",
    "down",
    "lower",
    "decreased",
    "shed",
    "slumped",
    "dipped",
    "negative",
    "sell-off",
    "selloff",
    "eased",
    "skidded",
    "weakened",
    "losing",
    "declining",
    "falling",
];

fn word_at(lo: &str, i: usize, w: &str) -> bool {
    lo[i..].starts_with(w)
        && lo[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
        && lo[i + w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// ASCII alphanumeric runs of `lo` (the cue words are ASCII).
fn ascii_words(lo: &str) -> impl Iterator<Item = &str> {
    lo.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

fn is_plain(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn has_word(lo: &str, w: &str) -> bool {
    if is_plain(w) {
        // A whole word is a maximal alphanumeric run: compare runs, no substring search.
        return ascii_words(lo).any(|t| t == w);
    }
    lo.match_indices(w).any(|(i, _)| word_at(lo, i, w))
}

fn has_any(lo: &str, ws: &[&str]) -> bool {
    // One pass over the words of `lo` for the plain cues, substring search for the rest.
    ascii_words(lo).any(|t| ws.contains(&t))
        || ws
            .iter()
            .filter(|w| !is_plain(w))
            .any(|w| lo.match_indices(w).any(|(i, _)| word_at(lo, i, w)))
}

/// Words (lowercase, alphabetic runs with hyphens) in `lo[a..b]`.
fn words_in(lo: &str, a: usize, b: usize) -> Vec<&str> {
    let (a, b) = (floor(lo, a), floor(lo, b.min(lo.len())));
    lo[a..b]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Everything the reader knows about one sentence.
struct Sent<'a> {
    /// Offset of the sentence in the document.
    base: usize,
    text: &'a str,
    lo: String,
    mentions: Vec<Mention>,
    dates: Vec<DateExpr>,
    /// Impossible days and reversed ranges: the sentence's claims cannot be
    /// dated, and must not borrow another sentence's date.
    problems: Vec<DateProblem>,
    nums: Vec<Num>,
    used: Vec<bool>,
}

/// What carries over between sentences of a paragraph.
#[derive(Default, Clone)]
struct Carry {
    paragraph: usize,
    subject: Option<String>,
    when: Option<When>,
    day: Option<Date>,
}

/// A streak named earlier, for "the 11-day streak".
#[derive(Clone)]
struct StreakMemo {
    n: i64,
    as_of: Option<Date>,
    subject: String,
    vs: Option<String>,
    direction: Option<Direction>,
}

struct Doc<'r> {
    reader: &'r Reader,
    as_of: Option<Date>,
    streaks: Vec<StreakMemo>,
    out: Vec<Claim>,
}

impl Reader {
    /// A reader over `registry`.
    pub fn new(registry: &Registry) -> Reader {
        Reader {
            finder: InstrumentFinder::new(registry),
            registry: registry.clone(),
        }
    }

    /// A reader over the built-in registry.
    ///
    /// # Errors
    /// Only if the compiled-in registry is broken.
    pub fn builtin() -> Result<Reader, RegistryError> {
        Ok(Reader::new(&Registry::builtin()?))
    }

    /// The instrument finder.
    pub fn finder(&self) -> &InstrumentFinder {
        &self.finder
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The article's date: `as_of` if given, else its dateline.
    pub fn article_date(&self, text: &str, as_of: Option<Date>) -> Option<Date> {
        as_of.or_else(|| find_dateline(text))
    }

    /// Reads every claim in `text`, left to right. `as_of` is the article's
    /// date; when `None` the dateline found in the text is used.
    pub fn read(&self, text: &str, as_of: Option<Date>) -> Vec<Claim> {
        let as_of = self.article_date(text, as_of);
        let mut doc = Doc {
            reader: self,
            as_of,
            streaks: Vec::new(),
            out: Vec::new(),
        };
        let mut carry = Carry::default();
        for s in sentences(text) {
            if s.paragraph != carry.paragraph {
                carry = Carry {
                    paragraph: s.paragraph,
                    ..Carry::default()
                };
            }
            let slice = &text[s.start..s.end];
            let mut sent = self.analyse(s.start, slice, as_of);
            let first = doc.out.len();
            doc.sentence(&mut sent, &mut carry);
            if let Some(p) = sent.problems.first() {
                for c in &mut doc.out[first..] {
                    c.queries.clear();
                    c.as_of = None;
                    c.period = None;
                    c.missing = Some(p.reason.clone());
                }
            }
        }
        doc.out.sort_by_key(|c| (c.start, c.end));
        doc.out
    }

    fn analyse<'a>(&self, base: usize, text: &'a str, as_of: Option<Date>) -> Sent<'a> {
        let lo = text.to_ascii_lowercase();
        let mentions = self.finder.find(text);
        // "Russell 2000's" names an index, not the year 2000.
        let (dates, problems) = scan_dates(text, as_of);
        let dates: Vec<DateExpr> = dates
            .into_iter()
            .filter(|d| !mentions.iter().any(|m| d.start < m.end && d.end > m.start))
            .collect();
        let problems: Vec<DateProblem> = problems
            .into_iter()
            .filter(|d| !mentions.iter().any(|m| d.start < m.end && d.end > m.start))
            .collect();
        let nums: Vec<Num> = find_numbers(text)
            .into_iter()
            .filter(|n| !is_label(text, &lo, n))
            .filter(|n| {
                let core = |a: usize, b: usize| n.end > a && n.start < b;
                !mentions
                    .iter()
                    .any(|m| core(m.start, m.end) && n.start >= m.start)
                    && !dates
                        .iter()
                        .any(|d| core(d.start, d.end) && number_inside(n, d))
                    && !problems.iter().any(|p| n.end <= p.end && n.end > p.start)
            })
            .collect();
        let used = vec![false; nums.len()];
        Sent {
            base,
            text,
            lo,
            mentions,
            dates,
            problems,
            nums,
            used,
        }
    }
}

/// Numbers that name rather than measure: years ("entered 2026"), section
/// numbers ("2.2 The Fed"), names ("Magnificent 7"), durations ("25-year").
fn is_label(text: &str, lo: &str, n: &Num) -> bool {
    if n.unit != NumUnit::Plain || n.high.is_some() {
        return false;
    }
    let digits = &text[n.start..n.end];
    let year_like =
        n.decimals == 0 && (1800.0..=2100.0).contains(&n.value) && !digits.contains(',');
    let at_start = text[..n.start].trim().is_empty();
    let prev_word = text[..n.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let rest = &lo[n.end..];
    let next_word = rest
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let unit_follows = rest.starts_with('-')
        || matches!(
            next_word,
            "day"
                | "days"
                | "session"
                | "sessions"
                | "straight"
                | "consecutive"
                | "times"
                | "rate"
                | "cuts"
                | "hikes"
                | "trading"
        );
    let named = prev_word.chars().next().is_some_and(char::is_uppercase)
        && !n.word
        && n.decimals == 0
        && n.value < 1000.0
        && !unit_follows;
    let duration = [
        "-year",
        " year",
        "-month",
        " month",
        "-week",
        " week",
        " quarters",
        "-quarter ",
        " consecutive quarters",
        " decade",
        "-decade",
    ]
    .iter()
    .any(|w| rest.starts_with(w));
    let citation = text[..n.start].ends_with('[') && text[n.end..].starts_with(']');
    year_like || at_start || named || duration || citation
}

/// Whether the digits of `n` lie inside the date expression `d`.
fn number_inside(n: &Num, d: &DateExpr) -> bool {
    // The hedge words may precede a date ("about"), the digits may not be in it.
    n.end <= d.end && n.end > d.start
}

impl Sent<'_> {
    fn subject_before(&self, pos: usize) -> Option<&Mention> {
        self.mentions.iter().rev().find(|m| m.end <= pos)
    }
    fn subject_after(&self, pos: usize) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.start >= pos)
    }
    /// The instrument named before `pos`, else the one carried from earlier
    /// sentences of the paragraph ("It rose 2%").
    fn subject_or_carried(&self, pos: usize, carry: &Carry) -> Option<String> {
        self.subject_before(pos)
            .map(|m| m.symbol.clone())
            .or_else(|| carry.subject.clone())
    }
    /// The nearest date of one day, preferring as-of markers.
    fn day(&self) -> Option<Date> {
        self.dates
            .iter()
            .filter(|d| d.as_of_marker)
            .chain(self.dates.iter())
            .find_map(|d| match &d.when {
                When::Day { date } => Some(*date),
                When::Span { to, .. } if d.as_of_marker => Some(*to),
                _ => None,
            })
    }
    /// The date expression nearest to a figure, as-of markers excluded
    /// ("as of January 16" names the as-of date, not the window).
    fn nearest_when(&self, pos: usize) -> Option<When> {
        let as_of = |d: &DateExpr| {
            let head = self.lo[..d.start].trim_end();
            head.ends_with("as of") || head.ends_with("through") || head.ends_with("by")
        };
        let markers = self.dates.iter().filter(|d| as_of(d)).count();
        self.dates
            .iter()
            .filter(|d| {
                !as_of(d) || markers == self.dates.len() && matches!(d.when, When::Day { .. })
            })
            .filter(|d| !matches!(d.when, When::SinceYear { .. }) && !self.reference_since(d))
            .min_by_key(|d| {
                if d.end <= pos {
                    pos - d.end
                } else {
                    d.start - pos
                }
            })
            .map(|d| d.when.clone())
    }

    /// The first window-like date expression.
    fn window(&self) -> Option<&When> {
        self.dates
            .iter()
            .filter(|d| !self.reference_since(d))
            .map(|d| &d.when)
            .find(|w| !matches!(w, When::Day { .. } | When::SinceYear { .. }))
    }

    /// "since March 2020" after a superlative or "first time" names a point
    /// of reference ("worst day since March 2020"), not a window.
    fn reference_since(&self, d: &DateExpr) -> bool {
        if !matches!(d.when, When::Since { .. } | When::SinceYear { .. }) {
            return false;
        }
        let head = &self.lo[floor(&self.lo, d.start.saturating_sub(60))..d.start];
        [
            "worst",
            "best",
            "biggest",
            "largest",
            "highest",
            "lowest",
            "first time",
            "longest",
            "steepest",
            "sharpest",
            "strongest",
            "weakest",
            "such streaks",
            "times",
            "deepest",
            "heaviest",
            "greatest",
            "-week",
            "-month",
            "-year",
        ]
        .iter()
        .any(|w| head.contains(w))
    }
    fn since_year(&self) -> Option<(i32, usize, usize)> {
        self.dates.iter().find_map(|d| {
            match (
                &d.when,
                self.lo[..d.start].trim_end().ends_with("since")
                    || self.lo[d.start..].starts_with("since"),
            ) {
                (When::SinceYear { year }, _) => Some((*year, d.start, d.end)),
                (When::Since { from }, true) => {
                    Some((chrono::Datelike::year(from), d.start, d.end))
                }
                _ => None,
            }
        })
    }
}

/// Maps a date expression to a query period and the as-of date it implies.
fn period_of(when: &When, article: Option<Date>) -> Option<(Period, Option<Date>)> {
    let clip = |d: Option<Date>| match (d, article) {
        (Some(d), Some(a)) => Some(d.min(a)),
        (d, None) => d,
        (None, a) => a,
    };
    Some(match when {
        When::Day { date } => (Period::Day, Some(*date)),
        When::Span { from, to } => (
            Period::Between {
                from: *from,
                to: *to,
            },
            clip(Some(*to)),
        ),
        When::Since { from } => (Period::Since { from: *from }, article),
        When::SinceYear { year } => (
            Period::Since {
                from: Date::from_ymd_opt(*year, 1, 1)?,
            },
            article,
        ),
        When::YearToDate => (Period::YearToDate, article),
        When::MonthToDate => (Period::MonthToDate, article),
        When::QuarterToDate => (Period::QuarterToDate, article),
        When::Year { year } => (
            Period::Year { year: *year },
            clip(Date::from_ymd_opt(*year, 12, 31)),
        ),
        When::Month { year, month } => (
            Period::Month {
                year: *year,
                month: *month,
            },
            clip(month_end(*year, *month)),
        ),
        When::Months { .. } => {
            let (from, to) = (when.start_date()?, when.end_date()?);
            (Period::Between { from, to }, clip(Some(to)))
        }
        When::Half { year, half } => (
            Period::Half {
                year: *year,
                half: *half,
            },
            clip(when.end_date()),
        ),
        When::Quarter { year, quarter } => (
            Period::Quarter {
                year: *year,
                quarter: *quarter,
            },
            clip(when.end_date()),
        ),
        When::LastSessions { n } => (Period::LastSessions { n: *n }, article),
    })
}

impl Doc<'_> {
    fn registry(&self) -> &Registry {
        &self.reader.registry
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        sent: &Sent<'_>,
        span: (usize, usize),
        kind: ClaimKind,
        subjects: Vec<String>,
        as_of: Option<Date>,
        period: Option<Period>,
        claimed: Claimed,
        hedge: Hedge,
        queries: Vec<Query>,
    ) -> usize {
        let (a, b) = (floor(sent.text, span.0), floor(sent.text, span.1));
        self.out.push(Claim {
            start: sent.base + a,
            end: sent.base + b.max(a),
            sentence: (sent.base, sent.base + sent.text.len()),
            text: sent.text.to_string(),
            kind,
            subjects,
            as_of,
            period,
            claimed,
            also: BTreeMap::new(),
            hedge,
            direction: None,
            field: None,
            queries,
            missing: None,
        });
        self.out.len() - 1
    }

    fn sentence(&mut self, s: &mut Sent<'_>, carry: &mut Carry) {
        let lo = s.lo.clone();
        // Hypotheticals are not claims.
        let conditional = (lo.starts_with("if ") || has_word(&lo, "if"))
            && has_any(&lo, &["would", "could", "might"]);
        if !conditional {
            self.rates(s);
            self.topics(s);
            self.streaks(s, carry);
            self.records(s, carry);
            self.base_rates(s);
            self.wire(s, carry);
            self.volatility(s, carry);
            self.drawdowns(s, carry);
            self.levels(s, carry);
            self.moves(s, carry);
        }
        // Carry subject and period to the next sentence of the paragraph.
        if let Some(m) = s.mentions.first() {
            carry.subject = Some(m.symbol.clone());
        }
        if let Some(w) = s.window() {
            carry.when = Some(w.clone());
            carry.day = None;
        } else if let Some(d) = s.day() {
            carry.day = Some(d);
            carry.when = None;
        }
    }

    /// Fed decisions: "two rate cuts in late 2025", "three consecutive 0.25%
    /// rate cuts", "the 3.50%–3.75% range".
    fn rates(&mut self, s: &mut Sent<'_>) {
        let lo = s.lo.clone();
        let fed = has_any(
            &lo,
            &["fed", "federal", "fomc", "rate", "rates", "policymakers"],
        );
        if !fed {
            return;
        }
        let window = s.dates.iter().find_map(|d| match &d.when {
            When::Day { .. } | When::SinceYear { .. } => None,
            w => Some(w.clone()),
        });
        let mut months = None;
        if let Some(When::Months { months: m }) = &window {
            months = Some(m.clone());
        }
        let (from, to) = match &window {
            Some(When::Since { from }) => (Some(*from), self.as_of),
            Some(w) => (
                w.start_date(),
                w.end_date().map(|e| self.as_of.map_or(e, |a| e.min(a))),
            ),
            None => (
                self.as_of
                    .and_then(|a| a.checked_sub_months(chrono::Months::new(12))),
                self.as_of,
            ),
        };
        for k in 0..s.nums.len() {
            if s.used[k] {
                continue;
            }
            let n = s.nums[k].clone();
            let after = words_in(&lo, n.end, n.end + 60);
            let cut_at = after.iter().take(6).position(|w| {
                matches!(
                    *w,
                    "cut" | "cuts" | "hike" | "hikes" | "reductions" | "increases" | "rate-cuts"
                )
            });
            let is_count = matches!(n.unit, NumUnit::Plain)
                && n.value.fract() == 0.0
                && (1.0..=20.0).contains(&n.value)
                && n.high.is_none();
            if let (Some(pos), true) = (cut_at, is_count) {
                // "three consecutive 0.25% rate cuts": a size may sit in between.
                let between = &after[..pos];
                if between.iter().any(|w| {
                    !matches!(
                        *w,
                        "consecutive"
                            | "straight"
                            | "more"
                            | "additional"
                            | "rate"
                            | "interest"
                            | "interest-rate"
                            | "quarter-point"
                            | "half-point"
                            | "25"
                            | "50"
                            | "0"
                            | "25-basis-point"
                            | "50-basis-point"
                            | "basis-point"
                            | "federal"
                            | "reserve"
                            | "fed"
                            | "successive"
                            | "back-to-back"
                    )
                }) {
                    continue;
                }
                s.used[k] = true;
                let hike = after[pos].starts_with("hike") || after[pos] == "increases";
                let mut end = n.end;
                let mut size = None;
                for (j, m) in s.nums.iter().enumerate() {
                    if j != k
                        && m.start >= n.end
                        && m.start < n.end + 30
                        && matches!(
                            m.unit,
                            NumUnit::Percent | NumUnit::BasisPoints | NumUnit::PercentagePoints
                        )
                    {
                        let bp = if m.unit == NumUnit::BasisPoints {
                            m.value
                        } else {
                            m.value * 100.0
                        };
                        size = Some((j, bp));
                    }
                }
                if let Some((j, _)) = size {
                    s.used[j] = true;
                }
                if let Some(p) = lo[n.end..].find(after[pos]) {
                    end = n.end + p + after[pos].len();
                }
                let queries = match to {
                    Some(to) => vec![Query::RateDecisions { from, as_of: to }],
                    None => Vec::new(),
                };
                let idx = self.push(
                    s,
                    (n.start, end),
                    ClaimKind::RateDecisions,
                    vec!["DFEDTARU".to_string()],
                    to,
                    from.zip(to)
                        .map(|(f, t)| Period::Between { from: f, to: t }),
                    Claimed::Count { n: n.value as i64 },
                    n.hedge,
                    queries,
                );
                let c = &mut self.out[idx];
                c.direction = Some(if hike { Direction::Up } else { Direction::Down });
                if let Some((_, bp)) = size {
                    c.also.insert(
                        "size_bp".into(),
                        Claimed::Number {
                            value: bp,
                            decimals: 0,
                            unit: NumUnit::BasisPoints,
                            fraction: false,
                        },
                    );
                }
                if let Some(m) = &months {
                    c.also
                        .insert("months".into(), Claimed::Months { months: m.clone() });
                }
                if to.is_none() {
                    c.missing = Some("no date: the article has no dateline; pass --as-of".into());
                }
            }
        }
        // The target range.
        let range_words = has_any(
            &lo,
            &[
                "range",
                "target",
                "fed funds",
                "federal funds",
                "rates",
                "rate",
            ],
        );
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] || n.unit != NumUnit::Percent || !range_words {
                continue;
            }
            let Some(high) = n.high else { continue };
            let step = ((high - n.value) * 100.0).round();
            if !(step == 25.0 || step == 50.0) || n.value > 25.0 {
                continue;
            }
            s.used[k] = true;
            let as_of = s.day().or(self.as_of);
            let queries = as_of
                .map(|a| {
                    vec![
                        Query::Level {
                            symbol: "DFEDTARL".into(),
                            field: Field::Value,
                            as_of: a,
                        },
                        Query::Level {
                            symbol: "DFEDTARU".into(),
                            field: Field::Value,
                            as_of: a,
                        },
                    ]
                })
                .unwrap_or_default();
            self.push(
                s,
                (n.start, n.end),
                ClaimKind::FedRange,
                vec!["DFEDTARL".into(), "DFEDTARU".into()],
                as_of,
                None,
                Claimed::from_num(&n),
                n.hedge,
                queries,
            );
        }
    }

    /// Figures about things the data cannot decide.
    fn topics(&mut self, s: &mut Sent<'_>) {
        let lo = s.lo.clone();
        let mut reasons: Vec<&str> = Vec::new();
        let mut span: Option<(usize, usize)> = None;
        let mut first: Option<Num> = None;
        for k in 0..s.nums.len() {
            if s.used[k] {
                continue;
            }
            let n = &s.nums[k];
            let a = floor(&lo, n.start.saturating_sub(70));
            let b = floor(&lo, (n.end + 60).min(lo.len()));
            let near = &lo[a..b];
            let hit: Vec<&str> = TOPICS
                .iter()
                .filter(|(w, _)| has_word(near, w) || (*w == "p/e" && near.contains("p/e")))
                .map(|(_, r)| *r)
                .collect();
            // Multiples ("18x", "18 times forward earnings") are valuations.
            let hit = if hit.is_empty() && n.unit == NumUnit::Multiple {
                vec!["no P/E data (only Shiller's CAPE for the S&P 500)"]
            } else {
                hit
            };
            if hit.is_empty() {
                continue;
            }
            s.used[k] = true;
            for r in hit {
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            span = Some(span.map_or((n.start, n.end), |(x, _)| (x, n.end)));
            if first.is_none() {
                first = Some(n.clone());
            }
        }
        if let (Some(span), Some(n)) = (span, first) {
            let subjects =
                s.mentions
                    .iter()
                    .map(|m| m.symbol.clone())
                    .fold(Vec::new(), |mut v, x| {
                        if !v.contains(&x) {
                            v.push(x);
                        }
                        v
                    });
            let idx = self.push(
                s,
                span,
                ClaimKind::Unverifiable,
                subjects,
                self.as_of,
                None,
                Claimed::from_num(&n),
                n.hedge,
                Vec::new(),
            );
            self.out[idx].missing = Some(reasons.join("; "));
        }
    }

    /// Streaks: "11-Day Outperformance Streak Against S&P 500", "for 9
    /// consecutive trading sessions", "a fifth straight session", and "longest since 1990".
    fn streaks(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        let cue = has_any(
            &lo,
            &[
                "streak",
                "straight",
                "consecutive",
                "row",
                "running",
                "winning",
                "losing",
                "outperformance",
                "outperformed",
                "outperform",
                "underperformed",
                "underperform",
                "beat",
                "beaten",
                "outpaced",
                "advance",
                "decline",
                "gains",
                "losses",
                "rose",
                "fell",
            ],
        );
        if !cue {
            return;
        }
        let mut found: Vec<(i64, usize)> = Vec::new();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k]
                || !matches!(n.unit, NumUnit::Plain | NumUnit::Ordinal)
                || n.value.fract() != 0.0
                || !(2.0..=400.0).contains(&n.value)
                || n.high.is_some()
            {
                continue;
            }
            let after = words_in(&lo, n.end, n.end + 45);
            let mut it = after.iter().copied().peekable();
            let mut len = 0;
            let mut ok = false;
            while let Some(w) = it.next() {
                len += 1;
                if len > 4 {
                    break;
                }
                let w = w.trim_start_matches('-');
                let w = w.split('-').next().unwrap_or(w);
                let unit = matches!(w, "day" | "days" | "session" | "sessions")
                    || (len > 1
                        && matches!(
                            w,
                            "gain"
                                | "gains"
                                | "advance"
                                | "advances"
                                | "decline"
                                | "declines"
                                | "loss"
                                | "losses"
                                | "drop"
                                | "drops"
                                | "win"
                                | "wins"
                                | "rise"
                                | "rises"
                                | "increase"
                                | "increases"
                                | "fall"
                                | "falls"
                        ));
                if unit {
                    ok = !matches!(
                        it.peek(),
                        Some(&("moving" | "average" | "ago" | "window" | "windows" | "period"))
                    );
                    break;
                }
                if !matches!(
                    w,
                    "straight"
                        | "consecutive"
                        | "trading"
                        | "successive"
                        | "winning"
                        | "losing"
                        | "up"
                        | "down"
                        | "more"
                        | "in"
                ) {
                    break;
                }
            }
            // "nine-day": the unit is glued to the number.
            if !ok {
                let glued = &lo[n.end..floor(&lo, (n.end + 9).min(lo.len()))];
                ok = (glued.starts_with("-day") || glued.starts_with("-session"))
                    && !lo[n.end..].starts_with("-day moving")
                    && !lo[n.end..].starts_with("-day average");
            }
            if !ok {
                continue;
            }
            s.used[k] = true;
            let n_val = n.value as i64;
            if found.iter().any(|(v, _)| *v == n_val) {
                continue; // "9-Day Streak: ... 9 straight days" is one claim.
            }
            found.push((n_val, k));
            self.streak_claim(s, &n, carry);
        }
        // "longest ... since 1990", "not seen since 1990", "first ... since".
        if let Some((year, a, b)) = s.since_year() {
            let longest = has_any(
                &lo,
                &["longest", "not seen", "first", "best", "unseen", "most"],
            ) || lo.contains("not seen since");
            if longest && !found.is_empty() {
                if let Some(last) = self
                    .out
                    .iter()
                    .rev()
                    .find(|c| c.kind == ClaimKind::Streak && c.sentence.0 == s.base)
                    .cloned()
                {
                    let idx = self.push(
                        s,
                        (a, b),
                        ClaimKind::StreakLongestSince,
                        last.subjects.clone(),
                        last.as_of,
                        None,
                        Claimed::Year { year },
                        Hedge::Exact,
                        last.queries.clone(),
                    );
                    self.out[idx].direction = last.direction;
                }
            }
        }
    }

    fn streak_claim(&mut self, s: &Sent<'_>, n: &Num, carry: &Carry) {
        let lo = &s.lo;
        let rel_cues = [
            "against",
            "relative to",
            "versus",
            "vs",
            "vs.",
            "than",
            "over",
            "outperform",
            "outperformed",
            "outperformance",
            "outperforming",
            "underperform",
            "underperformed",
            "beat",
            "beaten",
            "beating",
            "outpaced",
            "ahead of",
            "lagged",
            "trailed",
        ];
        let relative = rel_cues.iter().any(|w| has_word(lo, w) || lo.contains(w));
        let down = has_any(
            lo,
            &[
                "losing",
                "declines",
                "decline",
                "fell",
                "lower",
                "losses",
                "underperformed",
                "underperform",
                "lagged",
                "trailed",
                "down",
                "slid",
            ],
        );
        let up = has_any(
            lo,
            &[
                "winning",
                "gains",
                "rose",
                "higher",
                "outperformed",
                "outperform",
                "outperformance",
                "beat",
                "beaten",
                "advance",
                "up",
                "outpaced",
                "rally",
            ],
        );
        let direction = if down && !up {
            Some(Direction::Down)
        } else if up || relative {
            Some(Direction::Up)
        } else {
            None
        };
        let definite =
            lo[..n.start].trim_end().ends_with("the") || lo[..n.start].trim_end().ends_with("this");
        // Subject: the first mention that is not the benchmark; benchmark: a mention after a relative cue.
        let bench_pos = ["against", "relative to", "versus", " vs", "than", "over"]
            .iter()
            .filter_map(|w| lo.find(w).map(|p| p + w.len()))
            .min();
        let mut subject = None;
        let mut vs = None;
        for m in &s.mentions {
            let is_bench = bench_pos.is_some_and(|p| m.start >= p && m.start < p + 25);
            if is_bench && vs.is_none() && relative {
                vs = Some(m.symbol.clone());
            } else if subject.is_none() && !is_bench {
                subject = Some(m.symbol.clone());
            }
        }
        if relative && vs.is_none() {
            vs = s
                .mentions
                .iter()
                .map(|m| m.symbol.clone())
                .find(|x| Some(x) != subject.as_ref());
        }
        let memo = self
            .streaks
            .iter()
            .rev()
            .find(|m| m.n == n.value as i64)
            .cloned();
        let (subject, vs, direction) = match (&subject, definite || !relative, &memo) {
            (None, _, Some(m)) | (Some(_), true, Some(m)) if !relative || subject.is_none() => {
                (Some(m.subject.clone()), m.vs.clone(), m.direction)
            }
            _ => (subject.or_else(|| carry.subject.clone()), vs, direction),
        };
        let vs = match (&subject, vs, relative) {
            (Some(x), None, true) if x != "^GSPC" => Some("^GSPC".to_string()),
            (_, v, _) => v,
        };
        let span_dates = s.dates.iter().find_map(|d| match &d.when {
            When::Span { from, to } => Some((*from, *to)),
            _ => None,
        });
        let as_of = span_dates
            .map(|(_, t)| t)
            .or_else(|| s.day())
            .or(carry.day)
            .or(self.as_of);
        let Some(subject) = subject else { return };
        self.streaks.push(StreakMemo {
            n: n.value as i64,
            as_of,
            subject: subject.clone(),
            vs: vs.clone(),
            direction,
        });
        let queries = as_of
            .map(|a| {
                vec![Query::Streak {
                    symbol: subject.clone(),
                    vs: vs.clone(),
                    direction,
                    as_of: a,
                }]
            })
            .unwrap_or_default();
        let mut subjects = vec![subject];
        subjects.extend(vs);
        let mut end = n.end;
        for w in ["streak", "sessions", "session", "days", "day"] {
            if let Some(p) = lo[n.end..floor(lo, (n.end + 40).min(lo.len()))].find(w) {
                end = end.max(n.end + p + w.len());
                break;
            }
        }
        let idx = self.push(
            s,
            (n.start, end),
            ClaimKind::Streak,
            subjects,
            as_of,
            None,
            Claimed::Count { n: n.value as i64 },
            n.hedge,
            queries,
        );
        self.out[idx].direction = direction;
        if let Some((from, _)) = span_dates {
            if lo.contains("spanning")
                || lo.contains("from")
                || lo.contains("between")
                || lo.contains("since")
            {
                self.out[idx]
                    .also
                    .insert("start".into(), Claimed::Date { date: from });
            }
        }
    }

    /// Records: "record close", "record-setting close", "all-time high".
    fn records(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        let phrases: &[(&str, ClaimKind)] = &[
            ("record-setting close", ClaimKind::RecordClose),
            ("record close", ClaimKind::RecordClose),
            ("record closing high", ClaimKind::RecordClose),
            ("record closing level", ClaimKind::RecordClose),
            ("closed at a record", ClaimKind::RecordClose),
            ("closed at an all-time high", ClaimKind::RecordClose),
            ("closed at a fresh record", ClaimKind::RecordClose),
            ("all-time closing high", ClaimKind::RecordClose),
            ("record finish", ClaimKind::RecordClose),
            ("record intraday high", ClaimKind::RecordHigh),
            ("record high", ClaimKind::RecordHigh),
            ("all-time high", ClaimKind::RecordHigh),
            ("new high", ClaimKind::RecordHigh),
            ("fresh record", ClaimKind::RecordHigh),
            ("new record", ClaimKind::RecordHigh),
        ];
        let mut done: Vec<ClaimKind> = Vec::new();
        for (p, kind) in phrases {
            for (i, _) in lo.match_indices(p) {
                if done.contains(kind) {
                    continue;
                }
                let head_start = floor(&lo, i.saturating_sub(30));
                let head = &lo[head_start..i];
                let negated = lo[..i].trim_end().ends_with(" of")
                    || [
                        "below",
                        "shy of",
                        "off",
                        "from its",
                        "tests",
                        "test",
                        "approach",
                        "near",
                        "within",
                        "not",
                        "short of",
                        "away from",
                        "under",
                        "than",
                        "toward",
                        "towards",
                        "retake",
                        "reclaim",
                        "since",
                        "its previous",
                        "prior",
                    ]
                    .iter()
                    .any(|w| head.match_indices(w).any(|(k, _)| word_at(head, k, w)));
                if negated {
                    continue;
                }
                let Some(subject) = s
                    .subject_before(i)
                    .or_else(|| s.subject_after(i))
                    .map(|m| m.symbol.clone())
                    .or_else(|| carry.subject.clone())
                else {
                    continue;
                };
                if !is_priced(self.registry(), &subject) {
                    continue;
                }
                let as_of = s.day().or(carry.day).or(self.as_of);
                let record = if *kind == ClaimKind::RecordClose {
                    RecordKind::Close
                } else {
                    RecordKind::IntradayHigh
                };
                let queries = as_of
                    .map(|a| {
                        vec![Query::Record {
                            symbol: subject.clone(),
                            record,
                            as_of: a,
                        }]
                    })
                    .unwrap_or_default();
                done.push(*kind);
                self.push(
                    s,
                    (i, i + p.len()),
                    *kind,
                    vec![subject],
                    as_of,
                    None,
                    Claimed::Yes,
                    Hedge::Exact,
                    queries,
                );
                break;
            }
        }
    }

    /// Base rates: "beating large-caps in approximately two-thirds of
    /// 10-year investing windows", "by an average of 2.85% annually since 1927".
    fn base_rates(&mut self, s: &mut Sent<'_>) {
        let lo = s.lo.clone();
        if !has_any(
            &lo,
            &[
                "windows",
                "periods",
                "annually",
                "annual",
                "annualized",
                "per year",
                "a year",
                "per annum",
            ],
        ) {
            return;
        }
        if !has_any(
            &lo,
            &[
                "outperformed",
                "outperform",
                "beaten",
                "beating",
                "beat",
                "outpaced",
                "trailed",
                "underperformed",
                "outperformance",
                "premium",
                "lagged",
            ],
        ) {
            return;
        }
        let mut syms: Vec<String> = Vec::new();
        for m in &s.mentions {
            if !syms.contains(&m.symbol) {
                syms.push(m.symbol.clone());
            }
        }
        if syms.len() < 2 {
            return;
        }
        // Long histories of size live in Ken French's portfolios.
        let map = |x: &str| match x {
            "^RUT" | "IWM" => "FF_ME_LO30".to_string(),
            "^GSPC" | "SPY" => "FF_ME_HI30".to_string(),
            other => other.to_string(),
        };
        let (a, b) = (map(&syms[0]), map(&syms[1]));
        let from = s
            .since_year()
            .and_then(|(y, _, _)| Date::from_ymd_opt(y, 1, 1));
        // The window length: "10-year windows".
        let window_years = find_numbers(s.text)
            .iter()
            .find(|n| lo[n.end..].starts_with("-year") || lo[n.end..].starts_with(" year"))
            .map(|n| n.value as u32);
        let Some(as_of) = self.as_of else { return };
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] {
                continue;
            }
            let after = &lo[n.end..floor(&lo, (n.end + 40).min(lo.len()))];
            let (kind, wy) = if after.contains("window")
                || after.contains("period")
                || n.unit == NumUnit::Fraction
            {
                (ClaimKind::BaseRateShare, window_years.unwrap_or(10))
            } else if n.unit == NumUnit::Percent
                && [
                    "annually",
                    "a year",
                    "per year",
                    "per annum",
                    "annualized",
                    "annual",
                ]
                .iter()
                .any(|w| after.contains(w) || lo[..n.start].contains(w))
            {
                (ClaimKind::BaseRateExcess, window_years.unwrap_or(10))
            } else {
                continue;
            };
            s.used[k] = true;
            let q = Query::BaseRate {
                a: a.clone(),
                b: b.clone(),
                window_years: wy,
                from,
                as_of,
            };
            let idx = self.push(
                s,
                (n.start, n.end),
                kind,
                vec![a.clone(), b.clone()],
                Some(as_of),
                from.map(|f| Period::Since { from: f }),
                Claimed::from_num(&n),
                n.hedge,
                vec![q],
            );
            if syms[0] != a || syms[1] != b {
                self.out[idx].also.insert("mapped".into(), Claimed::Yes);
            }
        }
    }

    /// "daily volatility ... 0.86% standard deviation".
    fn volatility(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        if !(lo.contains("volatility") || lo.contains("standard deviation")) {
            return;
        }
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] || n.unit != NumUnit::Percent {
                continue;
            }
            let subject = s
                .subject_before(n.start)
                .or_else(|| s.subject_after(n.end))
                .map(|m| m.symbol.clone())
                .or_else(|| carry.subject.clone());
            let Some(subject) = subject else { continue };
            if subject == "^VIX" {
                continue;
            }
            let annualised = has_any(&lo, &["annualized", "annualised", "annual"]);
            let when = s.window().cloned().or_else(|| carry.when.clone());
            let (period, as_of) = match when.as_ref().and_then(|w| period_of(w, self.as_of)) {
                Some((p, a)) if p != Period::Day => (p, a),
                _ => (Period::LastSessions { n: 21 }, self.as_of),
            };
            s.used[k] = true;
            let queries = as_of
                .map(|a| {
                    vec![Query::Volatility {
                        symbol: subject.clone(),
                        period,
                        annualised,
                        sample: true,
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            self.push(
                s,
                (n.start, n.end),
                ClaimKind::Volatility,
                vec![subject],
                as_of,
                Some(period),
                Claimed::from_num(&n),
                n.hedge,
                queries,
            );
        }
    }

    /// "12% below its record", "in correction territory".
    fn drawdowns(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] || n.unit != NumUnit::Percent {
                continue;
            }
            let after = &lo[n.end..floor(&lo, (n.end + 45).min(lo.len()))];
            let before = &lo[floor(&lo, n.start.saturating_sub(30))..n.start];
            let dd = [
                "below its",
                "below the",
                "from its",
                "from the",
                "from a record",
                "off its",
                "off the",
                "under its",
                "beneath its",
            ]
            .iter()
            .any(|w| after.contains(w))
                && (after.contains("high") || after.contains("peak") || after.contains("record"))
                || before.contains("drawdown");
            if !dd {
                continue;
            }
            let Some(subject) = s
                .subject_before(n.start)
                .or_else(|| s.subject_after(n.end))
                .map(|m| m.symbol.clone())
                .or_else(|| carry.subject.clone())
            else {
                continue;
            };
            s.used[k] = true;
            // "from its January peak", "from its Jan. 3 record": the peak's date, not the as-of date.
            let window_end = n.end + after.len();
            let peak = s
                .dates
                .iter()
                .find(|d| d.start >= n.end && d.end <= window_end && !self.reference_like(s, d));
            let peak_ref = peak.and_then(|d| match d.when {
                When::Month { year, month } => Some(SinceRef::Month { year, month }),
                When::Day { date } => Some(SinceRef::Day { date }),
                _ => None,
            });
            let as_of = s
                .dates
                .iter()
                .filter(|d| peak.is_none_or(|p| p.start != d.start))
                .filter(|d| d.as_of_marker)
                .chain(
                    s.dates
                        .iter()
                        .filter(|d| peak.is_none_or(|p| p.start != d.start)),
                )
                .find_map(|d| match d.when {
                    When::Day { date } => Some(date),
                    _ => None,
                })
                .or(carry.day)
                .or(self.as_of);
            let queries = as_of
                .map(|a| {
                    vec![Query::Drawdown {
                        symbol: subject.clone(),
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let claimed = Claimed::Number {
                value: -n.value.abs(),
                decimals: n.decimals,
                unit: n.unit,
                fraction: false,
            };
            let idx = self.push(
                s,
                (n.start, n.end),
                ClaimKind::Drawdown,
                vec![subject],
                as_of,
                None,
                claimed,
                n.hedge,
                queries,
            );
            if let Some(since) = peak_ref {
                self.out[idx]
                    .also
                    .insert("peak".into(), Claimed::Since { since });
            }
        }
    }

    /// A date that is a point of reference, not the peak ("since 2020").
    fn reference_like(&self, s: &Sent<'_>, d: &DateExpr) -> bool {
        matches!(d.when, When::Since { .. } | When::SinceYear { .. }) || s.reference_since(d)
    }

    /// Levels: "closed at 4,796.56", "a high of 2,692.23", "the VIX rose to 20.5",
    /// "the 10-year yield at 4.15%".
    fn levels(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k]
                || n.high.is_some()
                || !matches!(
                    n.unit,
                    NumUnit::Plain | NumUnit::Points | NumUnit::Percent | NumUnit::Money
                )
            {
                continue;
            }
            let before = lo[floor(&lo, n.start.saturating_sub(24))..n.start].trim_end();
            let cue = [
                ("closed at", Field::Close),
                ("close at", Field::Close),
                ("ended at", Field::Close),
                ("finished at", Field::Close),
                ("settled at", Field::Close),
                ("closing at", Field::Close),
                ("close of", Field::Close),
                ("closed", Field::Close),
                ("ended the day at", Field::Close),
                ("high of", Field::High),
                ("peak of", Field::High),
                ("intraday high of", Field::High),
                ("low of", Field::Low),
                ("opened at", Field::Open),
                ("open of", Field::Open),
                ("rose to", Field::Close),
                ("fell to", Field::Close),
                ("climbed to", Field::Close),
                ("dropped to", Field::Close),
                ("jumped to", Field::Close),
                ("slipped to", Field::Close),
                ("declined to", Field::Close),
                ("level of", Field::Close),
                ("stood at", Field::Close),
                ("hit", Field::Close),
                ("reached", Field::Close),
                ("touched", Field::Close),
                ("at", Field::Close),
                ("to", Field::Close),
                ("was", Field::Close),
                ("of", Field::Close),
            ]
            .into_iter()
            .find(|(w, _)| {
                before.ends_with(w)
                    && before[..before.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            });
            let Some((cue, mut field)) = cue else {
                continue;
            };
            let Some(subject) = s.subject_or_carried(n.start, carry) else {
                continue;
            };
            let Some(inst) = self.registry().get(&subject) else {
                continue;
            };
            let rate = matches!(inst.kind, model::InstrumentKind::Rate);
            let vix = subject == "^VIX";
            let weak_cue = matches!(
                cue,
                "at" | "to" | "was" | "of" | "hit" | "reached" | "touched"
            );
            // A price level is large and plain; a rate level is a percent.
            let plausible = if rate {
                n.unit == NumUnit::Percent && n.value < 25.0
            } else {
                matches!(n.unit, NumUnit::Plain | NumUnit::Points | NumUnit::Money)
                    && (n.value >= 100.0 || (vix && n.value >= 5.0) || n.decimals == 2)
            };
            if !plausible
                || (weak_cue && !(rate || vix || n.value >= 100.0))
                || matches!(
                    inst.kind,
                    model::InstrumentKind::Factor | model::InstrumentKind::Portfolio
                )
            {
                continue;
            }
            // "$195.51 in index points" belongs to a return.
            if lo[n.end..].trim_start().starts_with("in index points") {
                continue;
            }
            if rate {
                field = Field::Value;
            }
            s.used[k] = true;
            let as_of = s.day().or(carry.day).or(self.as_of);
            let queries = as_of
                .map(|a| {
                    vec![Query::Level {
                        symbol: subject.clone(),
                        field,
                        as_of: a,
                    }]
                })
                .unwrap_or_default();
            let idx = self.push(
                s,
                (floor(&lo, n.start.saturating_sub(cue.len() + 1)), n.end),
                ClaimKind::Level,
                vec![subject],
                as_of,
                None,
                Claimed::from_num(&n),
                n.hedge,
                queries,
            );
            self.out[idx].field = Some(field);
        }
    }

    /// Period returns and daily moves: "gained approximately 7.88%", "fell
    /// 0.79%", "at +0.30%", "flat or slightly negative (-1.4%)".
    fn moves(&mut self, s: &mut Sent<'_>, carry: &Carry) {
        let lo = s.lo.clone();
        let mut last_idx: Option<usize> = None;
        for k in 0..s.nums.len() {
            let n = s.nums[k].clone();
            if s.used[k] {
                continue;
            }
            // "(equivalent to $195.51 in index points)" after a return.
            if matches!(n.unit, NumUnit::Money | NumUnit::Points)
                && lo[n.end..].trim_start().starts_with("in index points")
                || n.unit == NumUnit::Points && last_idx.is_some()
            {
                if let Some(i) = last_idx {
                    let c = &mut self.out[i];
                    c.also.insert(
                        "points".into(),
                        Claimed::Number {
                            value: n.value,
                            decimals: n.decimals,
                            unit: NumUnit::Points,
                            fraction: false,
                        },
                    );
                    c.end = c.end.max(s.base + n.end);
                    s.used[k] = true;
                }
                continue;
            }
            if n.unit != NumUnit::Percent {
                continue;
            }
            let subj = s.subject_before(n.start);
            let from = subj.map_or(floor(&lo, n.start.saturating_sub(60)), |m| {
                m.end.max(n.start.saturating_sub(80))
            });
            let from = floor(&lo, from);
            let before: Vec<&str> = words_in(&lo, from, n.start);
            let after: Vec<&str> = words_in(&lo, n.end, n.end + 25)
                .into_iter()
                .take(2)
                .collect();
            let is_up = |w: &&str| UP_WORDS.contains(w);
            let is_down = |w: &&str| DOWN_WORDS.contains(w);
            let down = before.iter().rev().take(4).any(is_down) || after.iter().any(is_down);
            let up = before.iter().rev().take(4).any(is_up) || after.iter().any(is_up);
            let at_sign = n.signed
                && (before.last() == Some(&"at") || lo[..n.start].trim_end().ends_with('('));
            if !(down || up || at_sign) {
                continue;
            }
            // A name the registry does not know ("Tesla shares rose 5%") is never guessed.
            if subj.is_none() {
                if let Some(name) = unknown_name(s.text, n.start) {
                    s.used[k] = true;
                    let idx = self.push(
                        s,
                        (n.start, n.end),
                        ClaimKind::Unverifiable,
                        Vec::new(),
                        self.as_of,
                        None,
                        Claimed::from_num(&n),
                        n.hedge,
                        Vec::new(),
                    );
                    self.out[idx].missing = Some(format!(
                        "unknown instrument `{name}`: no data for it in the store"
                    ));
                    continue;
                }
            }
            let Some(subject) = subj
                .map(|m| m.symbol.clone())
                .or_else(|| {
                    s.subject_after(n.end)
                        .filter(|m| m.start < n.end + 40)
                        .map(|m| m.symbol.clone())
                })
                .or_else(|| carry.subject.clone())
            else {
                continue;
            };
            if !is_priced(self.registry(), &subject) {
                continue;
            }
            s.used[k] = true;
            let mut claimed = Claimed::from_num(&n);
            if down && !up && !n.signed {
                claimed = match claimed {
                    Claimed::Number {
                        value,
                        decimals,
                        unit,
                        fraction,
                    } => Claimed::Number {
                        value: -value,
                        decimals,
                        unit,
                        fraction,
                    },
                    Claimed::Range {
                        low,
                        high,
                        decimals,
                        unit,
                    } => Claimed::Range {
                        low: -high,
                        high: -low,
                        decimals,
                        unit,
                    },
                    c => c,
                };
            }
            // The window: this sentence's, else a day named here, else the paragraph's.
            let when = s
                .nearest_when(n.start)
                .or_else(|| carry.when.clone())
                .or_else(|| carry.day.map(|d| When::Day { date: d }));
            let marker_day = s
                .dates
                .iter()
                .find(|d| d.as_of_marker)
                .and_then(|d| match d.when {
                    When::Day { date } => Some(date),
                    _ => None,
                });
            let (period, as_of) = match when.as_ref().and_then(|w| period_of(w, self.as_of)) {
                Some((p, a)) => (
                    p,
                    if p == Period::Day {
                        a
                    } else {
                        marker_day.or(a)
                    },
                ),
                None => (Period::Day, self.as_of),
            };
            let (kind, queries) = match (period, as_of) {
                (Period::Day, Some(a)) => (
                    ClaimKind::DailyMove,
                    vec![Query::DailyMove {
                        symbol: subject.clone(),
                        as_of: a,
                    }],
                ),
                (Period::Day, None) => (ClaimKind::DailyMove, Vec::new()),
                (p, Some(a)) => (
                    ClaimKind::Return,
                    vec![Query::Return {
                        symbol: subject.clone(),
                        period: p,
                        as_of: a,
                    }],
                ),
                (_, None) => (ClaimKind::Return, Vec::new()),
            };
            let period = (period != Period::Day).then_some(period);
            let idx = self.push(
                s,
                (n.start, n.end),
                kind,
                vec![subject],
                as_of,
                period,
                claimed,
                n.hedge,
                queries,
            );
            if as_of.is_none() {
                self.out[idx].missing =
                    Some("no date: the article has no dateline; pass --as-of".into());
            }
            last_idx = Some(idx);
        }
    }
}

/// Capitalised words people start sentences with or use as plain nouns
/// (month names are [`model::display::MONTHS`]).
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "By",
    "As",
    "For",
    "From",
    "Its",
    "It",
    "Their",
    "This",
    "That",
    "Stocks",
    "Shares",
    "Equities",
    "Markets",
    "Wall",
    "Street",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "NEW",
    "YORK",
    "Wire",
    "Year",
    "YTD",
    "Meanwhile",
    "Overall",
    "Elsewhere",
    "Still",
    "But",
    "And",
    "Then",
    "Today",
    "Yesterday",
    "US",
    "U",
    "S",
    "Both",
    "All",
    "Investors",
    "Traders",
    "Analysts",
    "Prices",
    "Index",
    "Sector",
    "Sectors",
    "Since",
    "After",
    "Before",
];

/// The capitalised name just before a figure, when the registry knows no
/// instrument there: "Tesla shares rose 5%" → `Tesla`.
fn unknown_name(text: &str, pos: usize) -> Option<String> {
    let head = &text[..floor(text, pos)];
    let words: Vec<&str> = head
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let recent: Vec<&str> = words.iter().rev().take(5).copied().collect();
    recent
        .iter()
        .find(|w| {
            let w = w.trim_end_matches('.');
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && !NOT_NAMES.contains(&w)
                && !MONTHS.contains(&w)
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| w.trim_end_matches('.').to_string())
}

/// Whether an instrument has prices (not a rate, factor or fundamental).
fn is_priced(reg: &Registry, symbol: &str) -> bool {
    reg.get(symbol).is_some_and(|i| {
        matches!(
            i.kind,
            model::InstrumentKind::Index
                | model::InstrumentKind::Etf
                | model::InstrumentKind::Stock
                | model::InstrumentKind::Commodity
                | model::InstrumentKind::Crypto
                | model::InstrumentKind::Currency
        )
    })
}

mod wire;

#[cfg(test)]
mod tests;
