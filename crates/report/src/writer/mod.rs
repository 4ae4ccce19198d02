//! The brief writer: finds the day's story by rarity and writes every part
//! of the article from Facts.
//!
//! Steps: (1) probe candidate events across the store as of the date
//! (relative and absolute streaks, records, big daily moves, highs and lows
//! "since", drawdown thresholds, 200-day crosses, Fed decisions, VIX
//! extremes); (2) score each by rarity — the years since it last happened
//! (or the years of history when it never did) times a relevance weight;
//! (3) the top one leads and pulls in the Facts that explain it.

use crate::article::{Article, Chart, Gap, Related, Section, Sentiment, SentimentLabel};
use crate::book::{Book, H};
use crate::phrase::{name, the_name};
use crate::{fmt, view, ReportError};
mod charts;
mod context;
mod lead;

use model::{Date, Fact, Field, Query, RecordKind, Universe};

/// Relative pairs scanned for streaks: (A, B, relevance weight).
const PAIRS: &[(&str, &str, f64)] = &[
    ("^RUT", "^GSPC", 1.0),
    ("^NDX", "^GSPC", 0.9),
    ("^RUT", "^NDX", 0.8),
    ("^DJI", "^GSPC", 0.6),
    ("IWM", "SPY", 0.8),
    ("QQQ", "SPY", 0.7),
    ("RSP", "SPY", 0.6),
    ("IJS", "SPY", 0.5),
    ("IWN", "SPY", 0.5),
];
const SECTORS: &[&str] = &[
    "XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY",
];
const STYLES: &[&str] = &[
    "SPY", "RSP", "QQQ", "DIA", "IWM", "IJR", "VB", "IJS", "IWN", "VBR", "SPSM", "SFLO",
];
const INDICES: &[&str] = &["^GSPC", "^RUT", "^NDX", "^IXIC", "^DJI"];
const MIN_STREAK: i64 = 5;
/// Below this score (years × weight) no event is rare enough to lead.
const MIN_LEAD_SCORE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    RelStreak,
    AbsStreak,
    DailyMove,
    Record,
    LowestSince,
    HighestSince,
    VixHigh,
    Bear,
    Correction,
    MaCross,
    Fed,
}

#[derive(Debug, Clone)]
struct Cand {
    kind: Kind,
    h: H,
    subject: String,
    bench: Option<String>,
    rarity_years: f64,
    weight: f64,
}

impl Cand {
    fn score(&self) -> f64 {
        self.rarity_years * self.weight
    }
}

fn years(from: Date, to: Date) -> f64 {
    (to - from).num_days() as f64 / 365.25
}

/// The session a brief is written for: the last `^GSPC` close on or
/// before the requested date (the latest close when none is given).
fn resolve_date(universe: &Universe, date: Option<Date>) -> Result<Date, ReportError> {
    let spx = universe
        .get("^GSPC", Field::Close)
        .ok_or(ReportError::NoBenchmark)?;
    let (Some(first), Some(last)) = (spx.first_date(), spx.last_date()) else {
        return Err(ReportError::NoBenchmark);
    };
    let want = date.unwrap_or(last);
    if want < first {
        return Err(ReportError::BeforeData { date: want, first });
    }
    let n = spx.len_as_of(want);
    spx.dates()
        .get(n.wrapping_sub(1))
        .copied()
        .ok_or(ReportError::BeforeData { date: want, first })
}

/// Sessions a "since" clause must reach back (about a month) to say
/// anything: "its best day since" the session before last is noise.
const SINCE_MIN_SESSIONS: usize = 21;

/// Why the requested date is not the brief's session, in words, with no
/// market figure: "January 18, 2026 was a Sunday, not a trading session;
/// this brief covers the last session before it, January 16, 2026."
fn session_note(requested: Date, session: Date) -> Option<String> {
    use chrono::Datelike;
    if requested == session {
        return None;
    }
    let why = match (
        requested.weekday(),
        model::calendar::closure_reason(requested),
    ) {
        (chrono::Weekday::Sat, _) => "a Saturday".to_string(),
        (chrono::Weekday::Sun, _) => "a Sunday".to_string(),
        (_, Some(reason)) => format!("an exchange holiday ({reason})"),
        _ => "a day with no S&P 500 close in the store".to_string(),
    };
    Some(format!(
        "{} was {why}, not a trading session; this brief covers the last session before it, {}.",
        fmt::date(requested),
        fmt::date(session)
    ))
}

pub(crate) fn write(universe: &Universe, date: Option<Date>) -> Result<Article, ReportError> {
    let d = resolve_date(universe, date)?;
    let mut w = Writer {
        book: Book::new(universe),
        d,
    };
    let cands = w.candidates();
    // Ties keep the earlier candidate; nothing rare means the S&P 500's day leads.
    let lead = cands
        .iter()
        .fold(None::<&Cand>, |best, c| match best {
            Some(b) if b.score() >= c.score() => Some(b),
            _ => Some(c),
        })
        .filter(|c| c.score() >= MIN_LEAD_SCORE)
        .cloned();
    let mut article = w.compose(lead, &cands);
    article.session_note = date.and_then(|r| session_note(r, d));
    Ok(article)
}

/// The scored candidates for a date, best first.
pub(crate) fn scan(
    universe: &Universe,
    date: Option<Date>,
) -> Result<Vec<crate::Candidate>, ReportError> {
    let d = resolve_date(universe, date)?;
    let mut w = Writer {
        book: Book::new(universe),
        d,
    };
    let mut cands = w.candidates();
    cands.sort_by(|a, b| b.score().total_cmp(&a.score()));
    Ok(cands
        .into_iter()
        .map(|c| crate::Candidate {
            kind: format!("{:?}", c.kind),
            score: c.score(),
            subject: c.subject,
            benchmark: c.bench,
            rarity_years: c.rarity_years,
        })
        .collect())
}

struct Writer<'u> {
    book: Book<'u>,
    d: Date,
}

/// Accumulates the article's text.
#[derive(Default)]
struct Draft {
    title: String,
    tags: Vec<String>,
    key_points: Vec<String>,
    sections: Vec<Section>,
    risks: Vec<String>,
    opportunities: Vec<String>,
    summary: Vec<String>,
    charts: Vec<Chart>,
    topics: Vec<String>,
    gaps: Vec<Gap>,
    related: Vec<Related>,
    reasons: Vec<String>,
    sentiment_score: i32,
    /// The lead paragraph's sentences: what happened and why it is unusual.
    lead: Vec<String>,
    /// The lead paragraph's last sentence: what has tended to follow.
    follow: Option<String>,
    /// The lead story in a few words, with no figure ("the Russell 2000's
    /// run of daily outperformance against the S&P 500").
    story: String,
    /// Returns already printed, as (symbol, base date): the year-to-date
    /// sentence skips one the lead gave.
    said_returns: Vec<(String, Date)>,
    /// The subject set a record close (no "below its record" risk).
    at_record: bool,
    /// The instrument whose day's move the lead printed.
    lead_move: Option<String>,
    /// The lead said how far below its record close the subject is.
    record_gap_said: bool,
    /// The lead printed the VIX.
    vix_said: bool,
    /// The lead printed the Fed decision.
    fed_said: bool,
    /// A risk from the day's weakest sector, used when risks are few.
    risk_sector: Option<String>,
}

impl Draft {
    fn tag(&mut self, t: &str) {
        let t = format!("#{t}");
        if !self.tags.contains(&t) {
            self.tags.push(t);
        }
    }
    fn topic(&mut self, q: String) {
        if !self.topics.contains(&q) {
            self.topics.push(q);
        }
    }
}

impl<'u> Writer<'u> {
    fn reg(&self) -> Option<&model::Registry> {
        self.book.registry()
    }

    fn nm(&self, s: &str) -> String {
        name(self.reg(), s)
    }

    /// The name as it reads in a sentence: "the Russell 2000", "IWM".
    fn the(&self, s: &str) -> String {
        the_name(self.reg(), s)
    }

    /// Whether "since `x`" reaches past a meaningful horizon: more than
    /// [`SINCE_MIN_SESSIONS`] sessions of the symbol before the brief's date.
    fn since_matters(&self, symbol: &str, x: Date) -> bool {
        let u = self.book.universe();
        let Some(s) = u
            .get(symbol, Field::Close)
            .or_else(|| u.get(symbol, Field::AdjClose))
        else {
            return false;
        };
        let now = s.len_as_of(self.d);
        let then = s.len_as_of(x);
        now.saturating_sub(then) > SINCE_MIN_SESSIONS
    }

    fn has_session(&self, symbol: &str) -> bool {
        let u = self.book.universe();
        [Field::Close, Field::AdjClose]
            .iter()
            .filter_map(|f| u.get(symbol, *f))
            .any(|s| s.index_of(self.d).is_some())
    }

    fn ask(&mut self, q: Query) -> Option<H> {
        self.book.ask(q)
    }

    fn f(&self, h: H) -> &Fact {
        self.book.get(h)
    }

    // ---- candidates -------------------------------------------------

    fn candidates(&mut self) -> Vec<Cand> {
        let d = self.d;
        let mut out = Vec::new();
        for &(a, b, weight) in PAIRS {
            if !self.has_session(a) || !self.has_session(b) {
                continue;
            }
            let q = Query::Streak {
                symbol: a.into(),
                vs: Some(b.into()),
                direction: None,
                as_of: d,
            };
            if let Some(h) = self.ask(q) {
                if let Some(c) = self.streak_cand(Kind::RelStreak, h, a, Some(b), weight) {
                    out.push(c);
                }
            }
        }
        for &sector in SECTORS {
            if !self.has_session(sector) || !self.has_session("SPY") {
                continue;
            }
            let q = Query::Streak {
                symbol: sector.into(),
                vs: Some("SPY".into()),
                direction: None,
                as_of: d,
            };
            if let Some(h) = self.ask(q) {
                if let Some(c) = self.streak_cand(Kind::RelStreak, h, sector, Some("SPY"), 0.4) {
                    out.push(c);
                }
            }
        }
        for &ix in INDICES {
            if !self.has_session(ix) {
                continue;
            }
            let weight = if ix == "^GSPC" { 1.0 } else { 0.8 };
            let q = Query::Streak {
                symbol: ix.into(),
                vs: None,
                direction: None,
                as_of: d,
            };
            if let Some(h) = self.ask(q) {
                if let Some(c) = self.streak_cand(Kind::AbsStreak, h, ix, None, 0.9 * weight) {
                    out.push(c);
                }
            }
            if let Some(h) = self.ask(Query::DailyMove {
                symbol: ix.into(),
                as_of: d,
            }) {
                let f = self.f(h);
                let start = view::history_start(f);
                let rarity = match (view::move_pct(f), view::move_since(f), start) {
                    (Some(p), _, _) if p.abs() < 1.0 => 0.0,
                    (Some(_), Some(since), _) => years(since, d),
                    (Some(_), None, Some(s)) => years(s, d),
                    _ => 0.0,
                };
                out.push(Cand {
                    kind: Kind::DailyMove,
                    h,
                    subject: ix.into(),
                    bench: (ix != "^GSPC").then(|| "^GSPC".to_string()),
                    rarity_years: rarity,
                    weight: 1.1 * weight,
                });
            }
            if let Some(h) = self.ask(Query::Record {
                symbol: ix.into(),
                record: RecordKind::Close,
                as_of: d,
            }) {
                let f = self.f(h);
                if view::is_record(f) == Some(true) {
                    let rarity = view::previous_record_date(f).map_or(0.0, |p| years(p, d));
                    out.push(Cand {
                        kind: Kind::Record,
                        h,
                        subject: ix.into(),
                        bench: (ix != "^GSPC").then(|| "^GSPC".to_string()),
                        rarity_years: rarity.max(0.25),
                        weight: 0.8 * weight,
                    });
                }
            }
            for (kind, q) in [
                (
                    Kind::LowestSince,
                    Query::LowestSince {
                        symbol: ix.into(),
                        as_of: d,
                    },
                ),
                (
                    Kind::HighestSince,
                    Query::HighestSince {
                        symbol: ix.into(),
                        as_of: d,
                    },
                ),
            ] {
                if let Some(h) = self.ask(q) {
                    if let Some(since) = view::since_date(self.f(h)) {
                        let y = years(since, d);
                        if y >= 1.0 {
                            out.push(Cand {
                                kind,
                                h,
                                subject: ix.into(),
                                bench: None,
                                rarity_years: y,
                                weight: 0.7 * weight,
                            });
                        }
                    }
                }
            }
            if let Some(h) = self.ask(Query::Drawdown {
                symbol: ix.into(),
                as_of: d,
            }) {
                let f = self.f(h);
                // Only a decline that is still past its threshold at this
                // close leads: a recent crossing since recovered is no story.
                let recent = |x: Option<Date>| x.is_some_and(|x| (d - x).num_days() <= 7);
                let in_bear = view::drawdown_in_state(f, true) == Some(true);
                let in_corr = view::drawdown_in_state(f, false) == Some(true);
                let (kind, rarity) = if in_bear && recent(view::bear_start(f)) {
                    (Kind::Bear, 3.0)
                } else if in_corr && recent(view::correction_start(f)) {
                    (Kind::Correction, 1.0)
                } else {
                    (Kind::Bear, 0.0)
                };
                if rarity > 0.0 {
                    out.push(Cand {
                        kind,
                        h,
                        subject: ix.into(),
                        bench: None,
                        rarity_years: rarity,
                        weight,
                    });
                }
            }
            if ix == "^GSPC" || ix == "^RUT" {
                if let Some(h) = self.ask(Query::MovingAverage {
                    symbol: ix.into(),
                    window: 200,
                    as_of: d,
                }) {
                    if view::ma_side_since(self.f(h)) == Some(d) {
                        out.push(Cand {
                            kind: Kind::MaCross,
                            h,
                            subject: ix.into(),
                            bench: None,
                            rarity_years: 0.75,
                            weight,
                        });
                    }
                }
            }
        }
        if self.has_session("^VIX") {
            if let Some(h) = self.ask(Query::HighestSince {
                symbol: "^VIX".into(),
                as_of: d,
            }) {
                let f = self.f(h);
                let rarity = match (view::since_date(f), view::history_start(f)) {
                    (Some(s), _) => years(s, d),
                    (None, Some(start)) => years(start, d),
                    _ => 0.0,
                };
                if rarity >= 1.0 {
                    out.push(Cand {
                        kind: Kind::VixHigh,
                        h,
                        subject: "^VIX".into(),
                        bench: Some("^GSPC".into()),
                        rarity_years: rarity,
                        weight: 0.9,
                    });
                }
            }
        }
        if let Some(h) = self.ask(Query::RateDecisions {
            from: d.checked_sub_days(chrono::Days::new(7)),
            as_of: d,
        }) {
            if let Some((_, bp)) = view::rate_changes(self.f(h)).last() {
                let rarity = if bp.abs() >= 50.0 { 2.0 } else { 0.5 };
                out.push(Cand {
                    kind: Kind::Fed,
                    h,
                    subject: "DFEDTARU".into(),
                    bench: None,
                    rarity_years: rarity,
                    weight: 1.0,
                });
            }
        }
        out
    }

    fn streak_cand(&self, kind: Kind, h: H, a: &str, b: Option<&str>, weight: f64) -> Option<Cand> {
        let f = self.f(h);
        let len = view::streak_len(f)?;
        if len < MIN_STREAK {
            return None;
        }
        let rarity = match view::longest_since(f) {
            Some(since) => years(since, self.d),
            None => view::history_start(f).map_or(0.0, |s| years(s, self.d)),
        };
        Some(Cand {
            kind,
            h,
            subject: a.into(),
            bench: b.map(str::to_string),
            rarity_years: rarity,
            weight,
        })
    }

    // ---- composition ------------------------------------------------

    fn compose(mut self, lead: Option<Cand>, cands: &[Cand]) -> Article {
        let mut dr = Draft::default();
        let d = self.d;
        let lead = lead
            .or_else(|| {
                cands
                    .iter()
                    .find(|c| c.kind == Kind::DailyMove && c.subject == "^GSPC")
                    .cloned()
            })
            .unwrap_or(Cand {
                kind: Kind::DailyMove,
                h: match self.ask(Query::DailyMove {
                    symbol: "^GSPC".into(),
                    as_of: d,
                }) {
                    Some(h) => h,
                    None => return self.empty_article(),
                },
                subject: "^GSPC".into(),
                bench: None,
                rarity_years: 0.0,
                weight: 1.0,
            });
        dr.tag(match lead.kind {
            Kind::RelStreak => "relative_strength",
            Kind::AbsStreak => "market_streaks",
            Kind::DailyMove => "market_moves",
            Kind::Record | Kind::HighestSince => "record_highs",
            Kind::LowestSince | Kind::Bear | Kind::Correction => "market_drawdown",
            Kind::VixHigh => "volatility",
            Kind::MaCross => "technical_analysis",
            Kind::Fed => "fed_policy",
        });
        let style = self
            .reg()
            .and_then(|r| r.get(&lead.subject))
            .and_then(|i| i.style);
        if matches!(style, Some(model::Style::Small | model::Style::SmallValue)) {
            dr.tags.insert(0, "#small_cap_analysis".into());
        }
        let subj_tag = self
            .nm(&lead.subject)
            .to_lowercase()
            .replace(['^', '&', ' ', '-'], "_");
        if !lead.subject.starts_with("DFED") {
            dr.tag(subj_tag.trim_matches('_'));
        }
        dr.tag("equity_market");

        let mut perf = Vec::new();
        self.lead_paragraphs(&lead, &mut dr, &mut perf);
        // Every headline prints the lead Fact (others add their own tags).
        if !dr.title.is_empty() {
            let t = self.book.tag(lead.h);
            dr.title.push_str(&t);
        }
        self.snapshot(&lead, &mut dr, &mut perf);
        if !perf.is_empty() {
            dr.sections.push(Section {
                heading: "The move in context".into(),
                paragraphs: perf,
                paragraph_facts: Vec::new(),
            });
        }
        let mut drivers = Vec::new();
        self.rates(&mut dr, &mut drivers);
        self.breadth(&mut dr, &mut drivers);
        self.rotation(&mut dr, &mut drivers);
        if !drivers.is_empty() {
            dr.sections.push(Section {
                heading: "Drivers in the data: rates, breadth and rotation".into(),
                paragraphs: drivers,
                paragraph_facts: Vec::new(),
            });
        }
        let mut durable = Vec::new();
        self.durability(&lead, &mut dr, &mut durable);
        if !durable.is_empty() {
            dr.sections.push(Section {
                heading: "Durability: what history says".into(),
                paragraphs: durable,
                paragraph_facts: Vec::new(),
            });
        }
        let mut valuation = Vec::new();
        self.valuation(&mut dr, &mut valuation);
        if !valuation.is_empty() {
            dr.sections.push(Section {
                heading: "Valuation".into(),
                paragraphs: valuation,
                paragraph_facts: Vec::new(),
            });
        }
        dr.gaps.push(Gap {
            topic: "Forward valuation and earnings".into(),
            needs: "forward P/E ratios and consensus earnings estimates for the indices; the store holds prices and Shiller's trailing data only".into(),
        });
        dr.gaps.push(Gap {
            topic: "Fund flows and ownership".into(),
            needs: "ETF creations/redemptions and holdings data; none is in the store, so nothing is said about flows".into(),
        });
        self.related(&lead, &mut dr);
        self.sentiment(&lead, &mut dr);
        self.charts(&lead, cands, &mut dr);
        if dr.title.is_empty() {
            dr.title = format!("Market brief for {}", fmt::date(d));
        }
        let sentiment = Sentiment {
            label: match dr.sentiment_score {
                s if s >= 2 => SentimentLabel::Bullish,
                s if s <= -2 => SentimentLabel::Bearish,
                _ => SentimentLabel::Mixed,
            },
            reasons: std::mem::take(&mut dr.reasons),
            reason_facts: Vec::new(),
        };
        let mut lead_text = dr.lead.join(" ");
        if let Some(f) = dr.follow.take() {
            lead_text.push(' ');
            lead_text.push_str(&f);
        }
        let (facts, sources, methods) = self.book.finish();
        let mut article = Article {
            title: dr.title,
            title_facts: Vec::new(),
            date: d,
            market: "US Stock".into(),
            tags: dr.tags,
            sentiment,
            related: dr.related,
            session_note: None,
            lead: lead_text.trim().to_string(),
            lead_facts: Vec::new(),
            key_points: dr.key_points,
            key_point_facts: Vec::new(),
            sections: dr.sections,
            risks: dr.risks,
            risk_facts: Vec::new(),
            opportunities: dr.opportunities,
            opportunity_facts: Vec::new(),
            summary: dr.summary,
            summary_facts: Vec::new(),
            charts: dr.charts,
            topics: dr.topics,
            gaps: dr.gaps,
            facts,
            sources,
            methods,
            disclaimer: DISCLAIMER.into(),
        };
        attach_provenance(&mut article);
        article
    }

    fn empty_article(self) -> Article {
        let d = self.d;
        let (facts, sources, methods) = self.book.finish();
        Article {
            title: format!(
                "No brief for {}: the store has no S&P 500 move that day",
                fmt::date(d)
            ),
            title_facts: vec![],
            date: d,
            market: "US Stock".into(),
            tags: vec![],
            sentiment: Sentiment {
                label: SentimentLabel::Mixed,
                reasons: vec![],
                reason_facts: vec![],
            },
            related: vec![],
            session_note: None,
            lead: String::new(),
            lead_facts: vec![],
            key_points: vec![],
            key_point_facts: vec![],
            sections: vec![],
            risks: vec![],
            risk_facts: vec![],
            opportunities: vec![],
            opportunity_facts: vec![],
            summary: vec![],
            summary_facts: vec![],
            charts: vec![],
            topics: vec![],
            gaps: vec![],
            facts,
            sources,
            methods,
            disclaimer: DISCLAIMER.into(),
        }
    }
}

const DISCLAIMER: &str = "Generated by marketproof from the data listed under Sources; every figure is computed by the method named in the Methods list. For information only: not investment advice or a recommendation. Past performance does not predict future results.";

/// Moves the provenance tags out of every text of the article into the
/// `*_facts` lists (see [`Article`]); texts that print no Fact (topics,
/// gaps, chart captions) are only cleaned.
fn attach_provenance(a: &mut Article) {
    // A provenance tag with no citation marker in front of it (a Fact
    // whose sources the sentence already cites) leaves "word ." behind.
    fn take_facts(s: &mut String) -> Vec<String> {
        let ids = crate::book::take_facts(s);
        if s.contains(" .") {
            *s = s.replace(" .", ".");
        }
        ids
    }
    fn each(texts: &mut [String]) -> Vec<Vec<String>> {
        texts.iter_mut().map(take_facts).collect()
    }
    a.title_facts = take_facts(&mut a.title);
    a.lead_facts = take_facts(&mut a.lead);
    a.key_point_facts = each(&mut a.key_points);
    a.risk_facts = each(&mut a.risks);
    a.opportunity_facts = each(&mut a.opportunities);
    a.summary_facts = each(&mut a.summary);
    a.sentiment.reason_facts = each(&mut a.sentiment.reasons);
    for s in &mut a.sections {
        s.paragraph_facts = each(&mut s.paragraphs);
        let _ = take_facts(&mut s.heading);
    }
    for r in &mut a.related {
        r.why_facts = take_facts(&mut r.why);
        for l in [&mut r.last, &mut r.change].into_iter().flatten() {
            let _ = take_facts(&mut l.cite);
            let _ = take_facts(&mut l.text);
        }
    }
    for c in &mut a.charts {
        let _ = take_facts(&mut c.title);
        let _ = take_facts(&mut c.caption);
    }
    let _ = each(&mut a.topics);
    for g in &mut a.gaps {
        let _ = take_facts(&mut g.topic);
        let _ = take_facts(&mut g.needs);
    }
}
