//! Reading a question: its shape ([`Intent`]), the instruments, dates and
//! numbers it names ([`Slots`]), and whether it can be answered at all.
//!
//! Instruments, dates and numbers come from the shared readers in `lang`;
//! this module adds what only questions need: question words ("how long",
//! "how often", "what happened after"), bare years in follow-ups ("what about
//! 2024?"), lowercase tickers, and the refusals (valuations, flows, single
//! stocks, forecasts, dates outside the data).

use crate::plan::{build_steps, Conversation, Intent, Plan, Slots};
use crate::AskError;
use chrono::Datelike;
use lang::{DateExpr, InstrumentFinder, When};
use model::{
    Basket, Condition, Date, Direction, Field, InstrumentKind, Period, PeriodKind, RecordKind,
    Registry,
};

/// Longest question read, in characters.
pub(crate) const MAX_QUESTION_CHARS: usize = 1000;

/// The earliest data marketproof holds (Shiller's monthly S&P series).
fn earliest_data() -> Date {
    Date::from_ymd_opt(1871, 1, 1).unwrap_or_default()
}

/// The field a level question reads for an instrument.
pub(crate) fn level_field(symbol: &str) -> Field {
    let kind = registry().and_then(|r| r.get(symbol).map(|i| i.kind));
    match kind {
        Some(InstrumentKind::Rate | InstrumentKind::Fundamental | InstrumentKind::Breadth) => {
            Field::Value
        }
        Some(InstrumentKind::Factor | InstrumentKind::Portfolio) => Field::ReturnPct,
        _ => Field::Close,
    }
}

pub(crate) fn registry() -> Option<&'static Registry> {
    static REG: std::sync::OnceLock<Option<Registry>> = std::sync::OnceLock::new();
    REG.get_or_init(|| Registry::builtin().ok()).as_ref()
}

/// The calendar kind a period is ranked against.
pub(crate) fn rank_kind(p: Period) -> PeriodKind {
    match p {
        Period::Month { .. } | Period::MonthToDate => PeriodKind::Month,
        Period::Quarter { .. } | Period::QuarterToDate => PeriodKind::Quarter,
        Period::Half { .. } => PeriodKind::Half,
        Period::YearToDate => PeriodKind::YearToDate,
        Period::Day => PeriodKind::Day,
        _ => PeriodKind::Year,
    }
}

/// Whether `w` occurs in `lo` at word boundaries.
pub(crate) fn has(lo: &str, w: &str) -> bool {
    let mut from = 0;
    while let Some(k) = lo[from..].find(w) {
        let i = from + k;
        let e = i + w.len();
        let before = lo[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = lo[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = i + lo[i..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `lo` contains `w` anywhere (prefix matches such as "outperform").
fn has_sub(lo: &str, w: &str) -> bool {
    lo.contains(w)
}

fn any(lo: &str, words: &[&str]) -> bool {
    words.iter().any(|w| has(lo, w))
}

fn any_sub(lo: &str, words: &[&str]) -> bool {
    words.iter().any(|w| has_sub(lo, w))
}

/// An instrument named in the question, with the words used.
#[derive(Debug, Clone)]
struct Named {
    symbol: String,
    start: usize,
    end: usize,
    text: String,
}

/// Single words people use for instruments in questions but that the prose
/// scanner skips, and words that are symbols but mean something else.
const NOT_INSTRUMENTS: &[&str] = &[
    "move",
    "won",
    "pound",
    "cable",
    "mom",
    "rf",
    "ether",
    "nifty",
    "dollar",
    "policy",
    "range",
    "target",
    "communication",
    "communications",
    "record",
    "high",
    "low",
    "all",
];

const ACRONYMS: &[&str] = &[
    "FED", "FOMC", "ETF", "ETFS", "YTD", "QTD", "MTD", "GDP", "US", "USA", "AI", "EPS", "PE",
    "IPO", "CEO", "NYSE", "SEC", "OK", "I", "A", "ATH", "MA", "SMA", "DMA", "EMA", "RSI", "FRED",
    "H1", "H2", "Q1", "Q2", "Q3", "Q4", "UK", "EU", "ECB", "BOJ", "CPI", "PCE", "PPI", "FX", "IS",
    "IT", "DID", "HOW", "WHAT", "WHEN", "THE", "AND", "OR", "VS", "ON", "IN", "AT", "OF", "TO",
    "BY", "JSON", "HTML", "SVG", "CSV", "NASDAQ", "S", "P", "NO", "YES", "AM", "PM", "EST", "ET",
    "UTC", "ISO",
];

const COMPANIES: &[&str] = &[
    "apple",
    "nvidia",
    "microsoft",
    "tesla",
    "amazon",
    "alphabet",
    "google",
    "meta platforms",
    "facebook",
    "netflix",
    "berkshire",
    "jpmorgan",
    "exxon",
    "walmart",
    "broadcom",
    "intel",
    "coca-cola",
    "boeing",
    "palantir",
    "oracle",
    "salesforce",
    "adobe",
    "disney",
    "pfizer",
    "johnson & johnson",
    "visa",
    "mastercard",
    "costco",
    "eli lilly",
    "unitedhealth",
];

fn words_with_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '^' || c == '$' || c == '&';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The instruments a question names, first mention of each, and the later
/// mentions of an instrument already named ("the VIX beaten the VIX").
fn find_instruments(
    text: &str,
    finder: &InstrumentFinder,
    reg: &Registry,
) -> (Vec<Named>, Vec<Named>) {
    let mut named: Vec<Named> = finder
        .find(text)
        .into_iter()
        .map(|m| Named {
            symbol: m.symbol,
            start: m.start,
            end: m.end,
            text: text[m.start..m.end].to_lowercase(),
        })
        .collect();
    // Lowercase tickers and single-word names the prose scanner leaves out.
    for (s, e) in words_with_spans(text) {
        if named.iter().any(|n| s < n.end && e > n.start) {
            continue;
        }
        let word = text[s..e].trim_start_matches('$');
        let lower = word.to_lowercase();
        if lower.len() < 2
            || NOT_INSTRUMENTS.contains(&lower.as_str())
            || lower.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let upper = word.to_uppercase();
        let by_symbol = reg.get(&upper).or_else(|| reg.get(&format!("^{upper}")));
        let inst = by_symbol.or_else(|| {
            // Ticker-style aliases ("RUT", "SPX") in any case, and one-word names.
            reg.resolve(word).filter(|i| {
                i.aliases.iter().any(|a| a.eq_ignore_ascii_case(word))
                    || i.symbol.eq_ignore_ascii_case(word)
            })
        });
        if let Some(i) = inst {
            if ACRONYMS.contains(&upper.as_str()) {
                continue;
            }
            named.push(Named {
                symbol: i.symbol.clone(),
                start: s,
                end: e,
                text: lower,
            });
        }
    }
    named.sort_by_key(|n| n.start);
    let mut seen = std::collections::HashSet::new();
    let (named, repeats) = named
        .into_iter()
        .partition(|n| seen.insert(n.symbol.clone()));
    (named, repeats)
}

/// An unknown ticker-like word or a company name: single stocks are not covered.
fn unknown_instrument(text: &str, lo: &str, named: &[Named]) -> Option<String> {
    for c in COMPANIES {
        if has(lo, c) {
            return Some(c.to_string());
        }
    }
    for (s, e) in words_with_spans(text) {
        if named.iter().any(|n| s < n.end && e > n.start) {
            continue;
        }
        let w = &text[s..e];
        let core = w.trim_start_matches(['$', '^']);
        let tickerish = (2..=5).contains(&core.len())
            && core.chars().all(|c| c.is_ascii_uppercase())
            && (w.starts_with('$') || w.starts_with('^') || core.len() >= 2);
        if tickerish && !ACRONYMS.contains(&core) {
            return Some(w.to_string());
        }
    }
    None
}

/// Words that make a question a comparison of two instruments.
const COMPARING: &[&str] = &[
    "beat",
    "beaten",
    "outperform",
    "underperform",
    " vs",
    "versus",
    "against",
    "compare",
    " than ",
    "relative to",
];

/// Largest count accepted per unit: about 160 years of history.
const COUNT_LIMITS: &[(&str, u64)] = &[
    ("session", 45_000),
    ("trading day", 45_000),
    ("day", 60_000),
    ("week", 8_500),
    ("month", 2_000),
    ("year", 160),
    ("yr", 160),
];

/// A count too large for any history ("4294967296 days in a row",
/// "4000000000-year windows"): the reason, instead of a default.
fn out_of_range_number(lo: &str) -> Option<String> {
    for (s, e) in words_with_spans(lo) {
        let w = &lo[s..e];
        if !w.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let rest = lo[e..].trim_start_matches(['-', ' ', '\u{2011}']);
        let Some((unit, max)) = COUNT_LIMITS.iter().find(|(u, _)| rest.starts_with(u)) else {
            continue;
        };
        let ok = w.parse::<u64>().is_ok_and(|n| n <= *max);
        if !ok {
            return Some(format!(
                "{w} {unit}s is out of range (at most {max} {unit}s of history exist)"
            ));
        }
    }
    None
}

/// A day that does not exist or a range that ends before it starts, outside
/// instrument names ("Russell 2000").
fn date_problem(text: &str, as_of: Date, named: &[Named]) -> Option<String> {
    lang::find_date_problems(text, Some(as_of))
        .into_iter()
        .find(|p| !named.iter().any(|n| p.start < n.end && p.end > n.start))
        .map(|p| p.reason)
}

/// "in the year 0", "year 99999": a year no data can have.
fn implausible_year(lo: &str, as_of: Date) -> Option<String> {
    let words = words_with_spans(lo);
    for pair in words.windows(2) {
        let (a, b) = (&lo[pair[0].0..pair[0].1], &lo[pair[1].0..pair[1].1]);
        if a != "year" || !b.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // "10-year 5 ..." is not "year 5": the words must be next to each other.
        if !lo[pair[0].1..pair[1].0].trim().is_empty() {
            continue;
        }
        // Four-digit years before the data or after as-of get their own
        // refusals (BeforeData, FutureDate).
        let four_digits =
            b.len() == 4 && b.parse::<i32>().is_ok_and(|y| (1000..=2999).contains(&y));
        if !four_digits {
            return Some(format!(
                "the year {b} is not a year marketproof has data for ({}\u{2013}{})",
                earliest_data().year(),
                as_of.year()
            ));
        }
    }
    None
}

/// Every number followed (after a space or hyphen) by one of `units`:
/// "10-day", "10 sessions", "ten days".
fn number_before(lo: &str, units: &[&str]) -> Option<u32> {
    const WORDS: &[(&str, u32)] = &[
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
        ("twenty", 20),
        ("thirty", 30),
        ("fifty", 50),
    ];
    for (s, e) in words_with_spans(lo) {
        let w = &lo[s..e];
        let n = w
            .parse::<u32>()
            .ok()
            .or_else(|| WORDS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n));
        let Some(n) = n else { continue };
        let rest = lo[e..].trim_start_matches(['-', ' ', '\u{2011}']);
        if units.iter().any(|u| {
            rest.starts_with(u)
                && rest[u.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) {
            return Some(n);
        }
    }
    None
}

/// The first percentage in the question ("10%", "10 percent").
fn percent(lo: &str) -> Option<f64> {
    lang::find_numbers(lo)
        .into_iter()
        .find(|n| n.unit == lang::NumUnit::Percent)
        .map(|n| n.value.abs())
}

/// Questions marketproof can answer, phrased around `name`.
pub(crate) fn suggestions(name: &str, as_of: Date) -> Vec<String> {
    vec![
        format!("How did {name} do year to date as of {as_of}?"),
        format!("Is {name} at a record close?"),
        format!("How far is {name} from its high?"),
        "How long has the Russell 2000 beaten the S&P 500?".to_string(),
        format!("How did the sectors do on {as_of}?"),
    ]
}

fn generic_suggestions(as_of: Date) -> Vec<String> {
    vec![
        "How long has the Russell 2000 beaten the S&P 500?".to_string(),
        "Is the Russell 2000 at a record close?".to_string(),
        format!("How did the sectors do on {as_of}?"),
        "How many times did the Fed cut rates in 2025?".to_string(),
        "How often have small caps beaten large caps over 10-year windows since 1927?".to_string(),
        "What happened to small caps after their last 10-day winning streak against large caps?"
            .to_string(),
    ]
}

fn refuse_topics(lo: &str, as_of: Date) -> Result<(), AskError> {
    let cape = any(lo, &["cape", "shiller", "pe10"]);
    if !cape
        && (any_sub(
            lo,
            &[
                "p/e",
                "price-to-earnings",
                "price to earnings",
                "price/earnings",
                "p/b",
                "price-to-book",
                "price to book",
                "ev/ebitda",
            ],
        ) || any(
            lo,
            &[
                "pe ratio",
                "pe",
                "valuation",
                "valuations",
                "multiple",
                "multiples",
                "forward pe",
                "cheap",
                "expensive",
            ],
        ))
    {
        return Err(AskError::OutsideData {
            what: "P/E ratios and other valuation multiples".to_string(),
            have: "prices, returns, rates, Fama-French portfolios, and only Shiller's monthly CAPE for the S&P 500".to_string(),
            suggestions: vec![
                "What is the CAPE (Shiller P/E)?".to_string(),
                "How far is the S&P 500 from its high?".to_string(),
                "How often have small caps beaten large caps over 10-year windows since 1927?".to_string(),
            ],
        });
    }
    if any_sub(
        lo,
        &[
            "fund flow",
            "inflow",
            "outflow",
            "money flow",
            "short interest",
            "positioning",
            "options flow",
        ],
    ) || any(lo, &["flows", "flow"])
    {
        return Err(AskError::OutsideData {
            what: "fund flows and positioning".to_string(),
            have: "daily prices of indices and ETFs, rates and factor returns; no flow or holdings data".to_string(),
            suggestions: vec![
                "How long has IWM beaten SPY?".to_string(),
                format!("How did the sectors do on {as_of}?"),
                "Is IWM above its 200-day moving average?".to_string(),
            ],
        });
    }
    if !cape
        && (any(
            lo,
            &[
                "earnings",
                "eps",
                "revenue",
                "revenues",
                "profit",
                "profits",
                "margins",
                "guidance",
                "estimates",
                "analyst",
                "analysts",
                "price target",
                "dividend yield",
                "buyback",
                "buybacks",
            ],
        ))
    {
        return Err(AskError::OutsideData {
            what: "company earnings, revenues and analyst estimates".to_string(),
            have: "prices, returns and rates; Shiller's monthly S&P 500 earnings are the only earnings series".to_string(),
            suggestions: vec![
                "What is the CAPE (Shiller P/E)?".to_string(),
                "How did the S&P 500 do year to date?".to_string(),
                "Is the S&P 500 at a record close?".to_string(),
            ],
        });
    }
    let january_study =
        has(lo, "january") && any_sub(lo, &["predict", "barometer", "signal", "as goes", "tell"]);
    let after_study = has(lo, "after") || has(lo, "historically") || has(lo, "typically");
    if !january_study
        && !after_study
        && (any(
            lo,
            &[
                "will",
                "forecast",
                "forecasts",
                "tomorrow",
                "next week",
                "next month",
                "next year",
                "next quarter",
                "going to",
                "outlook",
                "should i",
                "predict",
                "prediction",
                "buy or sell",
                "expected to",
            ],
        ))
    {
        return Err(AskError::Forecast {
            suggestions: vec![
                "What happened to small caps after their last 10-day winning streak against large caps?".to_string(),
                "What happened to the S&P 500 after its record closes?".to_string(),
                "Does a strong January predict the year for small caps?".to_string(),
            ],
        });
    }
    Ok(())
}

/// Dates the question names: an as-of override, one session, a window.
#[derive(Debug, Default)]
struct Dates {
    as_of: Option<Date>,
    day: Option<Date>,
    period: Option<Period>,
    since_year: Option<i32>,
    /// Calendar periods named (years, months...), in order, for rankings.
    calendar: Vec<Period>,
    spans: Vec<(usize, usize)>,
}

fn when_to_period(w: &When) -> Option<Period> {
    Some(match w {
        When::Span { from, to } => Period::Between {
            from: *from,
            to: *to,
        },
        When::Since { from } => Period::Since { from: *from },
        When::SinceYear { year } => Period::Since {
            from: Date::from_ymd_opt(*year, 1, 1)?,
        },
        When::YearToDate => Period::YearToDate,
        When::MonthToDate => Period::MonthToDate,
        When::QuarterToDate => Period::QuarterToDate,
        When::Year { year } => Period::Year { year: *year },
        When::Month { year, month } => Period::Month {
            year: *year,
            month: *month,
        },
        When::Months { months } => {
            let (y0, m0) = *months.first()?;
            let (y1, m1) = *months.last()?;
            Period::Between {
                from: Date::from_ymd_opt(y0, m0, 1)?,
                to: lang::dates::month_end(y1, m1)?,
            }
        }
        When::Half { year, half } => Period::Half {
            year: *year,
            half: *half,
        },
        When::Quarter { year, quarter } => Period::Quarter {
            year: *year,
            quarter: *quarter,
        },
        When::LastSessions { n } => Period::LastSessions { n: *n },
        When::Day { .. } => return None,
    })
}

fn read_dates(text: &str, lo: &str, as_of: Date, named: &[Named]) -> Result<Dates, AskError> {
    let exprs: Vec<DateExpr> = lang::find_dates(text, Some(as_of));
    let mut out = Dates::default();
    let future = |date: Date| AskError::FutureDate {
        date,
        as_of,
        suggestions: generic_suggestions(as_of),
    };
    let before = |date: Date| AskError::BeforeData {
        date,
        earliest: earliest_data(),
        suggestions: generic_suggestions(as_of),
    };
    for e in &exprs {
        // A year inside an instrument name ("Russell 2000") is not a date.
        if named.iter().any(|n| e.start < n.end && e.end > n.start) {
            continue;
        }
        out.spans.push((e.start, e.end));
        if let Some(s) = e.when.start_date() {
            if s > as_of {
                return Err(future(s));
            }
            if s < earliest_data() {
                return Err(before(s));
            }
        }
        // Offsets index `text`; lowercasing may move them, so slice `text`.
        let head = text.get(..e.start).unwrap_or("").to_ascii_lowercase();
        let head = head.trim_end();
        let as_of_marker = head.ends_with("as of") || head.ends_with("as at");
        match &e.when {
            When::Day { date } if as_of_marker => out.as_of = Some(*date),
            When::Day { date } => {
                if out.day.is_none() {
                    out.day = Some(*date);
                }
            }
            When::SinceYear { year } => {
                out.since_year = Some(*year);
                if out.period.is_none() {
                    out.period = when_to_period(&e.when);
                }
            }
            w => {
                if let Some(p) = when_to_period(w) {
                    if matches!(
                        p,
                        Period::Year { .. }
                            | Period::Month { .. }
                            | Period::Quarter { .. }
                            | Period::Half { .. }
                    ) {
                        out.calendar.push(p);
                    }
                }
                if out.period.is_none() {
                    out.period = when_to_period(w);
                }
            }
        }
    }
    // Bare years ("what about 2024?", "2025 return") that the date reader leaves.
    for (s, e) in words_with_spans(lo) {
        let w = &lo[s..e];
        if w.len() != 4 || !w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if out.spans.iter().any(|(a, b)| s < *b && e > *a)
            || named.iter().any(|n| s < n.end && e > n.start)
        {
            continue;
        }
        let Ok(year) = w.parse::<i32>() else { continue };
        if !(1000..=2999).contains(&year) {
            continue;
        }
        // "10-year", "2000 sessions": a count, not a year.
        let rest = lo[e..].trim_start_matches(['-', ' ']);
        if ["year", "day", "session", "point", "%"]
            .iter()
            .any(|u| rest.starts_with(u))
        {
            continue;
        }
        let start = Date::from_ymd_opt(year, 1, 1).unwrap_or_default();
        if year > as_of.year() {
            return Err(future(start));
        }
        if start < earliest_data() {
            return Err(before(start));
        }
        let p = if year == as_of.year() {
            Period::YearToDate
        } else {
            Period::Year { year }
        };
        out.calendar.push(p);
        if out.period.is_none() && out.day.is_none() {
            out.period = Some(p);
        }
    }
    if let Some(d) = out.as_of {
        if d > as_of {
            return Err(future(d));
        }
    }
    Ok(out)
}

fn direction_of(lo: &str) -> Option<Direction> {
    let up = any_sub(
        lo,
        &[
            "beaten",
            "beat ",
            "beating",
            "outperform",
            "ahead of",
            "winning",
            "risen",
            "rising",
            " up ",
            "gained",
            "gaining",
            "higher",
            "rallied",
            "best",
            "biggest gain",
            "largest gain",
            "jump",
            "surge",
            "strong",
            "good january",
            "positive",
        ],
    );
    let down = any_sub(
        lo,
        &[
            "lagged",
            "lagging",
            "trailed",
            "trailing",
            "underperform",
            "losing",
            "fallen",
            "falling",
            "declin",
            " down",
            "lower",
            "worst",
            "drop",
            "weak",
            "bad january",
            "negative",
            "loss",
        ],
    );
    match (up, down) {
        (true, false) => Some(Direction::Up),
        (false, true) => Some(Direction::Down),
        _ => None,
    }
}

/// Small / large caps written generically map to French size portfolios for
/// long-history questions (base rates, January studies).
fn french(n: &Named) -> String {
    let generic = |words: &[&str]| words.iter().any(|w| n.text.contains(w));
    match n.symbol.as_str() {
        "^RUT" if generic(&["small", "smaller"]) => "FF_ME_LO30".to_string(),
        "^GSPC" if generic(&["large"]) => "FF_ME_HI30".to_string(),
        s => s.to_string(),
    }
}

fn classify(lo: &str, named: &[Named], dates: &Dates) -> Option<Intent> {
    let n = named.len();
    let fed = any(
        lo,
        &[
            "fed",
            "fomc",
            "federal reserve",
            "rate cut",
            "rate cuts",
            "rate hike",
            "rate hikes",
            "the fed's",
        ],
    ) || has_sub(lo, "target range");
    if fed
        && any_sub(
            lo,
            &[
                "cut", "hike", "rais", "lower", "decision", "range", "change", "times", "moved",
                "move",
            ],
        )
    {
        return Some(Intent::RateDecisions);
    }
    if has(lo, "january")
        && any_sub(
            lo,
            &[
                "predict",
                "barometer",
                "signal",
                "as goes",
                "tell",
                "rest of the year",
                "the year",
            ],
        )
    {
        return Some(Intent::January);
    }
    if any_sub(
        lo,
        &[
            "how often",
            "what share",
            "what percentage",
            "what fraction",
            "what percent",
            "how many times",
            "how frequently",
            "how many of",
        ],
    ) && (number_before(lo, &["year"]).is_some()
        || any_sub(lo, &["rolling", "windows", "year periods", "-year periods"]))
    {
        return Some(Intent::BaseRate);
    }
    if has(lo, "after")
        && any_sub(
            lo,
            &[
                "what happen",
                "how did",
                "how do",
                "how does",
                "how have",
                "typically",
                "historically",
                "usually",
                "returns after",
                "return after",
                "perform after",
                "do after",
            ],
        )
    {
        return Some(Intent::EventStudy);
    }
    let fall_words = [
        "fall",
        "fell",
        "drop",
        "dropped",
        "decline",
        "declined",
        "correction",
        "bear market",
        "lose",
        "lost",
        "sank",
        "slump",
    ];
    if (has(lo, "last") || has(lo, "latest") || has(lo, "most recent"))
        && any(lo, &fall_words)
        && any_sub(lo, &["when", "last time", "latest", "most recent"])
        && (percent(lo).is_some()
            || any(lo, &["correction", "bear market", "high", "peak", "record"]))
    {
        return Some(Intent::LastDecline);
    }
    let streaky = any(
        lo,
        &["streak", "streaks", "in a row", "straight", "consecutive"],
    );
    if (streaky || has(lo, "streaks"))
        && (has(lo, "streaks")
            || any_sub(
                lo,
                &["how many times", "how often", "number of", "count of"],
            ))
    {
        return Some(Intent::StreakCount);
    }
    if streaky
        || any_sub(
            lo,
            &[
                "how long has",
                "how long have",
                "how long did",
                "how many days has",
                "how many sessions has",
                "how many days in a row",
            ],
        )
    {
        return Some(Intent::Streak);
    }
    if any(lo, &["worst", "best", "biggest", "largest"])
        && any_sub(lo, &["day", "session", "daily", "one-day"])
        && dates.day.is_none()
    {
        return Some(Intent::ExtremeMove);
    }
    if any_sub(
        lo,
        &[
            "record",
            "all-time high",
            "all time high",
            "new high",
            "at a high",
        ],
    ) || has(lo, "ath")
    {
        return Some(Intent::Record);
    }
    if (any(lo, &["sectors", "sector"])
        && (n == 0 || has(lo, "sectors") || has_sub(lo, "which sector")))
        || any(
            lo,
            &[
                "styles",
                "size and style",
                "indices",
                "indexes",
                "major indices",
            ],
        )
    {
        return Some(Intent::CrossSection);
    }
    if any_sub(
        lo,
        &["moving average", "day average", "-day ma", "day line"],
    ) || any(lo, &["dma", "sma", "ma"])
    {
        return Some(Intent::MovingAverage);
    }
    if any_sub(
        lo,
        &[
            "highest since",
            "lowest since",
            "highest level since",
            "lowest level since",
            "highest close since",
            "lowest close since",
            "last this high",
            "last this low",
            "last been this",
            "last time it was this",
        ],
    ) {
        return Some(Intent::HighLow);
    }
    if any_sub(
        lo,
        &[
            "drawdown",
            "from its high",
            "from its peak",
            "below its high",
            "below its peak",
            "off its high",
            "off its peak",
            "from the high",
            "from the peak",
            "correction",
            "bear market",
            "from its record",
            "below its record",
        ],
    ) {
        return Some(Intent::Drawdown);
    }
    if any(lo, &["volatile", "volatility", "choppy"]) && !has_sub(lo, "volatility index") {
        return Some(Intent::Volatility);
    }
    if any(lo, &["best", "worst"])
        && any(
            lo,
            &["year", "month", "quarter", "half", "start", "stretch"],
        )
        && any_sub(lo, &["since", "ever", "rank", "on record", "in history"])
    {
        return Some(Intent::ReturnRank);
    }
    if any(lo, &["gap", "gapped", "gaps"]) {
        return Some(Intent::Gap);
    }
    if n >= 2
        && (any(
            lo,
            &[
                "or",
                "better",
                "worse",
                "vs",
                "versus",
                "compare",
                "compared",
                "than",
                "beat",
                "outperform",
                "outperformed",
                "and",
            ],
        ) || has_sub(lo, "outperform"))
    {
        return Some(Intent::Compare);
    }
    let returnish = any_sub(
        lo,
        &[
            "return",
            "perform",
            "how much",
            "how did",
            "how has",
            "how have",
            "how is",
            "how was",
            "up or down",
        ],
    ) || any(
        lo,
        &[
            "gain", "gained", "gains", "lose", "lost", "fare", "fared", "change", "changed",
            "move", "moved", "rise", "rose", "fell", "fall", "doing", "do", "done",
        ],
    );
    let levelish = any(
        lo,
        &[
            "level", "close", "closed", "closing", "yield", "price", "value", "where", "quote",
            "trade", "trading", "at what",
        ],
    );
    if n >= 1 && dates.day.is_some() && !levelish {
        return Some(Intent::DailyMove);
    }
    if n >= 1 && returnish && !any(lo, &["level", "yield", "price"]) {
        return Some(Intent::Return);
    }
    if n >= 1
        && (dates.period.is_some()
            && !any(lo, &["level", "yield", "price", "close at", "closed at"]))
    {
        return Some(Intent::Return);
    }
    if n >= 1 {
        return Some(Intent::Level);
    }
    None
}

fn is_follow_up(lo: &str) -> bool {
    let t = lo.trim_start();
    let question_word = [
        "what", "how", "is", "was", "did", "does", "when", "which", "where", "has", "have", "are",
        "were", "who", "why",
    ]
    .iter()
    .any(|w| {
        t.split_whitespace()
            .next()
            .is_some_and(|first| first.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
    });
    [
        "and ",
        "what about",
        "how about",
        "same for",
        "same question",
        "and for",
        "now for",
        "ok and",
        "also ",
        "vs ",
        "versus ",
        "compared with",
        "and what about",
        "what of",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || (t.split_whitespace().count() <= 4 && !question_word)
}

/// Whether an intent needs at least one instrument.
fn needs_subject(intent: Intent) -> bool {
    !matches!(intent, Intent::RateDecisions | Intent::CrossSection)
}

fn normalize(q: &str) -> String {
    let folded: String = q
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Question planner entry point (see [`crate::plan`]).
pub(crate) fn plan(
    question: &str,
    context: Option<&Conversation>,
    as_of: Date,
    reg: &Registry,
) -> Result<Plan, AskError> {
    let len = question.chars().count();
    if len > MAX_QUESTION_CHARS {
        return Err(AskError::TooLong {
            len,
            max: MAX_QUESTION_CHARS,
        });
    }
    let text = normalize(question);
    if text.chars().filter(|c| c.is_alphanumeric()).count() == 0 {
        return Err(AskError::Empty {
            suggestions: generic_suggestions(as_of),
        });
    }
    // ASCII lowercasing keeps byte offsets equal to `text`'s ("İ" lowercases
    // to three bytes), so spans found in either index both.
    let lo = text.to_ascii_lowercase();
    refuse_topics(&lo, as_of)?;
    let finder = InstrumentFinder::new(reg);
    let (named, repeats) = find_instruments(&text, &finder, reg);
    let invalid = |reason: String| AskError::Invalid {
        reason,
        suggestions: generic_suggestions(as_of),
    };
    if let Some(r) = repeats.first() {
        if any_sub(&lo, COMPARING) {
            let name = reg
                .get(&r.symbol)
                .map_or_else(|| r.symbol.clone(), |i| format!("the {}", i.name));
            return Err(invalid(format!(
                "the question compares {name} with itself; compare an instrument with a different one"
            )));
        }
    }
    if let Some(reason) = out_of_range_number(&lo) {
        return Err(invalid(reason));
    }
    let mut all_named = named.clone();
    all_named.extend(repeats.iter().cloned());
    if let Some(reason) = date_problem(&text, as_of, &all_named) {
        return Err(invalid(reason));
    }
    if let Some(reason) = implausible_year(&lo, as_of) {
        return Err(invalid(reason));
    }
    if let Some(name) = unknown_instrument(&text, &lo, &all_named) {
        let near = named
            .first()
            .and_then(|n| reg.get(&n.symbol))
            .map_or_else(|| "the S&P 500".to_string(), |i| format!("the {}", i.name));
        return Err(AskError::UnknownInstrument {
            name,
            suggestions: suggestions(&near, as_of),
        });
    }
    // "As of" dates must be read before relative dates resolve against as-of.
    let first = read_dates(&text, &lo, as_of, &named)?;
    let (as_of, dates) = match first.as_of {
        Some(d) if d != as_of => (d, read_dates(&text, &lo, d, &named)?),
        _ => (as_of, first),
    };
    let classified = classify(&lo, &named, &dates);
    let prev = context.map(|c| &c.previous);
    let follow = prev.filter(|_| classified.is_none() || (is_follow_up(&lo) && !matches!(classified, Some(i) if i != Intent::Level && i != Intent::Return && i != Intent::Compare && i != Intent::DailyMove)));
    let mut notes = Vec::new();
    let (intent, mut slots) = match (follow, classified) {
        (Some(p), _) => {
            let mut s = p.slots.clone();
            let intent = p.intent;
            if !named.is_empty() {
                let syms: Vec<String> = named.iter().map(|n| n.symbol.clone()).collect();
                match intent {
                    Intent::Compare => {
                        if syms.len() >= 2 {
                            s.subjects = syms;
                        } else {
                            for sym in syms {
                                if !s.subjects.contains(&sym) {
                                    s.subjects.push(sym);
                                }
                            }
                        }
                    }
                    _ if s.benchmark.is_some() && syms.len() >= 2 => {
                        s.subjects = vec![syms[0].clone()];
                        s.benchmark = Some(syms[1].clone());
                    }
                    Intent::BaseRate | Intent::January => {
                        s.subjects = vec![french(&named[0])];
                    }
                    _ => s.subjects = syms,
                }
                if let Some(Condition::Streak { vs, .. }) = s.condition.as_mut() {
                    if named.len() >= 2 {
                        *vs = Some(named[1].symbol.clone());
                    }
                }
            }
            if dates.day.is_some() || dates.period.is_some() {
                s.date = dates.day;
                s.period = dates.period;
            }
            notes.push(format!(
                "follow-up to \"{}\": same question, with what this one names",
                p.question.trim()
            ));
            (intent, s)
        }
        (None, Some(i)) => (i, slots_for(i, &lo, &named, &dates, &mut notes)),
        (None, None) => {
            return Err(if named.is_empty() {
                AskError::NotUnderstood {
                    suggestions: generic_suggestions(as_of),
                }
            } else {
                AskError::NotUnderstood {
                    suggestions: suggestions(&named_name(reg, &named[0].symbol), as_of),
                }
            })
        }
    };
    if needs_subject(intent) && slots.subjects.is_empty() {
        match prev {
            Some(p) if !p.slots.subjects.is_empty() => {
                slots.subjects = p.slots.subjects.clone();
                if slots.benchmark.is_none() {
                    slots.benchmark = p.slots.benchmark.clone();
                }
                notes.push(
                    "no instrument named: the previous question's instruments are used".to_string(),
                );
            }
            _ => {
                return Err(AskError::NoInstrument {
                    suggestions: generic_suggestions(as_of),
                })
            }
        }
    }
    if matches!(intent, Intent::BaseRate) && slots.benchmark.as_deref().unwrap_or("").is_empty() {
        return Err(AskError::NotUnderstood {
            suggestions: vec![
                "How often have small caps beaten large caps over 10-year windows since 1927?"
                    .to_string(),
                "How often has the Russell 2000 beaten the S&P 500 over 5-year windows?"
                    .to_string(),
            ],
        });
    }
    if matches!(intent, Intent::EventStudy) && slots.condition.is_none() {
        return Err(AskError::NotUnderstood {
            suggestions: vec![
                "What happened to small caps after their last 10-day winning streak against large caps?".to_string(),
                "What happened to the S&P 500 after a one-day drop of 5% or more?".to_string(),
                "What happened to the Nasdaq 100 after a 10% correction?".to_string(),
            ],
        });
    }
    let mut plan = Plan {
        question: question.trim().to_string(),
        as_of,
        intent,
        slots,
        steps: Vec::new(),
        notes,
    };
    plan.steps = build_steps(plan.intent, &plan.slots, as_of);
    Ok(plan)
}

fn named_name(reg: &Registry, sym: &str) -> String {
    reg.get(sym)
        .map_or_else(|| sym.to_string(), |i| format!("the {}", i.name))
}

fn slots_for(
    intent: Intent,
    lo: &str,
    named: &[Named],
    dates: &Dates,
    notes: &mut Vec<String>,
) -> Slots {
    let syms: Vec<String> = named.iter().map(|n| n.symbol.clone()).collect();
    let mut s = Slots {
        subjects: syms.clone(),
        period: dates.period,
        date: dates.day,
        ..Slots::default()
    };
    let dir = direction_of(lo);
    match intent {
        Intent::Streak | Intent::StreakCount => {
            s.subjects = syms.iter().take(1).cloned().collect();
            s.benchmark = syms.get(1).cloned();
            s.direction = dir;
            if intent == Intent::StreakCount {
                s.min_len = number_before(
                    lo,
                    &[
                        "day",
                        "days",
                        "session",
                        "sessions",
                        "trading day",
                        "trading days",
                        "straight",
                        "consecutive",
                    ],
                );
                if s.min_len.is_none() {
                    notes.push(
                        "no streak length named: streaks of 10 or more sessions are counted"
                            .to_string(),
                    );
                }
                if dir.is_none() {
                    s.direction = Some(Direction::Up);
                }
            } else if s.benchmark.is_some() && dir.is_none() {
                s.direction = None;
            }
            if intent == Intent::Streak {
                s.period = None;
            }
        }
        Intent::Record => {
            s.record = if has_sub(lo, "intraday") {
                Some(RecordKind::IntradayHigh)
            } else if any_sub(
                lo,
                &[
                    "record close",
                    "closing record",
                    "closing high",
                    "record closing",
                    "closed at a record",
                    "close at a record",
                ],
            ) {
                Some(RecordKind::Close)
            } else {
                notes.push("\"record\" can mean a record close or a record intraday high: both are checked".to_string());
                None
            };
        }
        Intent::LastDecline | Intent::Drawdown => {
            s.pct = Some(-percent(lo).unwrap_or(if has_sub(lo, "bear market") {
                20.0
            } else {
                10.0
            }));
            s.subjects
                .truncate(if intent == Intent::LastDecline { 1 } else { 4 });
        }
        Intent::CrossSection => {
            s.basket = Some(if any(lo, &["styles", "size and style", "style"]) {
                Basket::Styles
            } else if any(lo, &["indices", "indexes", "major indices"]) {
                Basket::Indices
            } else {
                Basket::Sectors
            });
            if s.date.is_none() && s.period.is_none() {
                notes.push("no day or window named: year to date".to_string());
            }
        }
        Intent::BaseRate => {
            s.subjects = named.iter().take(1).map(french).collect();
            s.benchmark = named.get(1).map(french);
            s.window_years = number_before(lo, &["year", "years", "yr"]);
            if s.window_years.is_none() {
                notes.push("no window length named: 10-year windows".to_string());
            }
            if s.subjects.first().is_some_and(|x| x.starts_with("FF_")) {
                notes.push("\"small caps\" and \"large caps\" over long history: Ken French's smallest 30% and largest 30% of US stocks by market equity (value-weighted monthly returns)".to_string());
            }
        }
        Intent::RateDecisions => {
            s.subjects.clear();
        }
        Intent::ExtremeMove => {
            s.direction = if any(
                lo,
                &[
                    "best",
                    "biggest gain",
                    "largest gain",
                    "biggest jump",
                    "biggest rise",
                    "biggest rally",
                    "biggest spike",
                    "largest jump",
                    "largest rise",
                    "spike",
                ],
            ) {
                Some(Direction::Up)
            } else {
                Some(Direction::Down)
            };
            notes.push(match s.direction {
                Some(Direction::Up) => {
                    "best day = the largest one-day percentage gain of the close".to_string()
                }
                _ => "worst day = the largest one-day percentage decline of the close".to_string(),
            });
        }
        Intent::Compare | Intent::Return | Intent::ReturnRank => {
            if s.period.is_none() && s.date.is_none() {
                notes.push("no window named: year to date".to_string());
            }
            if intent == Intent::ReturnRank {
                // Rank the calendar period named, not a "since" window.
                if let Some(Period::Since { .. }) = s.period {
                    s.period = dates.calendar.first().copied();
                }
            }
        }
        Intent::Volatility => {
            if s.period.is_none() {
                notes.push("no window named: the last 21 sessions".to_string());
            }
        }
        Intent::MovingAverage => {
            s.ma_window = number_before(
                lo,
                &["day", "days", "session", "sessions", "dma", "sma", "ma"],
            );
        }
        Intent::HighLow => {
            s.highest = Some(!any_sub(lo, &["lowest", "this low", "low since"]));
        }
        Intent::EventStudy => {
            s.subjects = syms.iter().take(1).cloned().collect();
            s.condition = condition_of(lo, named);
            notes.push(
                "an event study is a base rate of what followed past occurrences, not a forecast"
                    .to_string(),
            );
        }
        Intent::January => {
            s.subjects = named.iter().take(1).map(french).collect();
            let threshold = percent(lo).unwrap_or(0.0);
            let weak = any(lo, &["weak", "bad", "negative", "down", "poor", "losing"]);
            s.direction = Some(if weak { Direction::Down } else { Direction::Up });
            s.condition = Some(Condition::January {
                pct: if weak { -threshold } else { threshold },
            });
            notes.push("January barometer: years whose January return was above the threshold vs the rest, and how February-December went; a base rate, not a forecast".to_string());
        }
        Intent::DailyMove | Intent::Level | Intent::Gap => {}
    }
    s
}

fn condition_of(lo: &str, named: &[Named]) -> Option<Condition> {
    let dir = direction_of(lo).unwrap_or(Direction::Up);
    if any(
        lo,
        &["streak", "streaks", "in a row", "straight", "consecutive"],
    ) {
        let relative = named.len() >= 2
            && any_sub(
                lo,
                &[
                    "against",
                    " vs",
                    "versus",
                    "relative",
                    "beat",
                    "outperform",
                    "than",
                ],
            );
        let min_len = number_before(
            lo,
            &[
                "day",
                "days",
                "session",
                "sessions",
                "trading day",
                "trading days",
                "straight",
                "consecutive",
                "week",
            ],
        )
        .unwrap_or(5);
        return Some(Condition::Streak {
            vs: if relative {
                named.get(1).map(|n| n.symbol.clone())
            } else {
                None
            },
            direction: dir,
            min_len,
        });
    }
    if any_sub(lo, &["record", "all-time high", "all time high"]) {
        return Some(Condition::RecordClose);
    }
    if any_sub(
        lo,
        &[
            "correction",
            "bear market",
            "from its high",
            "from its peak",
            "from the high",
            "from the peak",
            "below its high",
            "below its peak",
        ],
    ) {
        let p = percent(lo).unwrap_or(if has_sub(lo, "bear market") {
            20.0
        } else {
            10.0
        });
        return Some(Condition::Drawdown { pct: -p });
    }
    if let Some(p) = percent(lo) {
        let down = any_sub(
            lo,
            &[
                "drop", "fall", "fell", "declin", "plunge", "crash", "loss", "lost", "sank",
                "tumble", "down",
            ],
        );
        return Some(Condition::DailyMove {
            pct: if down { -p } else { p },
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_a_sector_question() {
        let a = Date::from_ymd_opt(2026, 1, 16).unwrap_or_default();
        let reg = Registry::builtin().expect("registry");
        let f = InstrumentFinder::new(&reg);
        let text = "Which sector did best in 2025?";
        let (named, _) = find_instruments(text, &f, &reg);
        let d = read_dates(text, &text.to_lowercase(), a, &named).expect("dates");
        assert_eq!(
            d.period,
            Some(Period::Year { year: 2025 }),
            "{:?} {:?}",
            d,
            lang::find_dates(text, Some(a))
        );
    }
}
