//! Question shapes: which slot a question leaves empty and what it measures.
//!
//! A question's words are found once — instruments, times and quantities by
//! the recognisers, every other word by the lexicons — and the shapes below
//! are tried in order, from the most specific to the most general. Each
//! shape *takes* the words it reads; what no shape took is checked at the
//! end ([`Parse::coverage`]): a content word left over declines the
//! question, naming it.
//!
//! | shape | reads | examples |
//! |---|---|---|
//! | fed | Fed decisions: counts, the last or first of a kind, the range | "How many times did the Fed hike in 2022?", "When did the Fed last cut rates?" |
//! | sector | the best or worst sector fund | "Worst sector in 2022?", "Which sector did best in 2024?" |
//! | base rate | how often A beat B over rolling windows | "How often have small caps beaten large caps over rolling 10-year periods since 1926?" |
//! | compare | A against B | "Did small caps beat large caps in 2025?", "IWM vs SPY since the start of 2020?" |
//! | streak | the current run, or the longest in a window | "How many straight down days has the S&P 500 had?", "longest winning streak in 2024" |
//! | record | at a record? how many? how long since? the first after? | "Is the Russell 2000 at a record high?", "How many record closes this year?" |
//! | drawdown | the deepest fall from a peak | "max drawdown in 2022", "How deep was the 1929-1932 crash?" |
//! | volatility | annualised volatility | "How volatile was the Russell 2000 in 2020?" |
//! | extreme | the best or worst move, the highest or lowest level, and when | "Worst day for the Nasdaq 100 ever?", "Lowest VIX close ever?" |
//! | when | the last or first day a condition held | "When did the S&P 500 last fall 5% in a day?", "When did the 10-year last close above 5%?" |
//! | count | how many days a condition held | "How many days did the S&P 500 move more than 2% either way in 2022?" |
//! | annualised | a yearly rate of return | "annualized return over the 10 years through 2025" |
//! | move | a return (or a rate's change) over a window | "How did the S&P 500 do in 2025?", "How much did the 10-year yield rise in 2022?" |
//! | level | a level now or at a window's end | "Where's the VIX now?", "What was the CAPE in January 2000?" |

use super::{Ask, Decline, FedAsk, Question};
use crate::chunk::time::span_of;
use crate::chunk::{Chunks, CorefKind, Grain, Hedge, MentionKind, QUnit, Quantity, Time};
use crate::frame::FieldHint;
use crate::lexicon::lexicon;
use crate::reader::Reader;
use crate::text::{Doc, TokKind};
use chrono::Datelike;
use model::{Calendar, Date, Field, InstrumentKind, Measure, Order, Pred, Subject};

/// Lexicon categories a question's words are looked up in.
const CATEGORIES: &[&str] = &[
    "wh",
    "qword",
    "move",
    "move_noun",
    "level",
    "streak",
    "record",
    "superlative",
    "noun",
    "fed",
    "fed_actor",
    "ranked",
    "topic",
    "glue",
    "filler",
    "forecast",
    "relative_day",
];

/// Auxiliary verbs that open a yes-or-no question.
const AUX: &[&str] = &[
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had",
];

/// One lexicon phrase found in the question.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    cat: &'static str,
    label: &'static str,
}

/// A question being read.
pub struct Parse<'a> {
    reader: &'a Reader,
    text: &'a str,
    as_of: Date,
    doc: Doc,
    chunks: Chunks,
    words: Vec<Word>,
    /// Tokens a shape read.
    used: Vec<bool>,
    mention_used: Vec<bool>,
    time_used: Vec<bool>,
    qty_used: Vec<bool>,
    notes: Vec<String>,
    /// The question word ("how", "when", ...), taken.
    wh: Option<&'static str>,
    /// Opens with "is", "did", "has"...
    yes_no: bool,
    /// A follow-up's previous question: its subjects and window stand in
    /// for those this one leaves out.
    inherit: Option<Question>,
}

/// Whose series the question names.
#[derive(Debug, Clone, PartialEq)]
enum Named {
    Symbol(String),
    Spread(String, String),
}

/// Words that give a move a period of its own ("a 4% drop in a week"):
/// with one of them, an unqualified move is not read as one day's.
const PERIOD_NOUNS: &[&str] = &[
    "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "period",
    "periods", "stretch", "span", "streak", "run", "runs", "rally", "selloff", "decline",
];

impl<'a> Parse<'a> {
    /// Finds the question's chunks and words.
    pub fn new(reader: &'a Reader, text: &'a str, as_of: Date) -> Parse<'a> {
        let doc = Doc::new(text);
        let chunks = Chunks::find(&doc, reader.question_finder(), as_of);
        let lex = lexicon();
        let mut words = Vec::new();
        let n = doc.tokens.len();
        for i in 0..n {
            if chunks.taken[i] {
                continue;
            }
            let limit = (i..n).find(|k| chunks.taken[*k]).unwrap_or(n);
            for (cat, hit) in lex.all_at(&doc.tokens, i, limit) {
                if let Some(cat) = CATEGORIES.iter().find(|c| **c == cat) {
                    words.push(Word {
                        start: hit.start,
                        end: hit.end,
                        cat,
                        label: hit.label,
                    });
                }
            }
        }
        let yes_no = doc
            .tokens
            .iter()
            .find(|t| t.kind != TokKind::Punct)
            .is_some_and(|t| AUX.contains(&t.norm.as_str()));
        Parse {
            reader,
            text,
            as_of,
            used: vec![false; n],
            mention_used: vec![false; chunks.mentions.len()],
            time_used: vec![false; chunks.times.len()],
            qty_used: vec![false; chunks.quantities.len()],
            doc,
            chunks,
            words,
            notes: Vec::new(),
            wh: None,
            yes_no,
            inherit: None,
        }
    }

    // ----- words ------------------------------------------------------------

    /// The first unread phrase of `cat` with one of `labels` (any label when empty).
    fn find(&self, cat: &str, labels: &[&str]) -> Option<Word> {
        self.words
            .iter()
            .filter(|w| w.cat == cat && (labels.is_empty() || labels.contains(&w.label)))
            .filter(|w| !self.used[w.start..w.end].iter().any(|u| *u))
            // A content word before a glue word that is also one ("fell"
            // before "did"); then in text order, the longest first at a
            // position ("how many" before "how").
            .min_by_key(|w| (self.is_glue(w), w.start, std::cmp::Reverse(w.end)))
            .copied()
    }
    /// The phrase is a single glue or filler word ("did", "do", "up").
    fn is_glue(&self, w: &Word) -> bool {
        w.end == w.start + 1
            && self.words.iter().any(|g| {
                (g.cat == "glue" || g.cat == "filler") && g.start == w.start && g.end == w.end
            })
    }
    fn has(&self, cat: &str, labels: &[&str]) -> bool {
        self.find(cat, labels).is_some()
    }
    /// Takes the first phrase of `cat` with one of `labels`; returns its label.
    fn take(&mut self, cat: &str, labels: &[&str]) -> Option<&'static str> {
        let w = self.find(cat, labels)?;
        self.used[w.start..w.end].iter_mut().for_each(|u| *u = true);
        Some(w.label)
    }
    /// Takes every phrase of `cat` with one of `labels`; returns how many.
    fn take_all(&mut self, cat: &str, labels: &[&str]) -> usize {
        let mut n = 0;
        while self.take(cat, labels).is_some() {
            n += 1;
        }
        n
    }
    fn span_text(&self, r: std::ops::Range<usize>) -> String {
        if r.is_empty() {
            return String::new();
        }
        let a = self.doc.tokens[r.start].start;
        let b = self.doc.tokens[r.end - 1].end;
        self.text.get(a..b).unwrap_or("").to_string()
    }

    // ----- chunks -----------------------------------------------------------

    /// Instruments and spreads named, in order (not coreference terms).
    fn named(&self) -> Vec<(usize, Named)> {
        self.chunks
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(k, m)| match &m.kind {
                MentionKind::Instrument { symbol } => Some((k, Named::Symbol(symbol.clone()))),
                MentionKind::Spread { a, b } => Some((k, Named::Spread(a.clone(), b.clone()))),
                MentionKind::Coref { .. } => None,
            })
            .collect()
    }
    fn coref_kinds(&self) -> Vec<(usize, CorefKind)> {
        self.chunks
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(k, m)| match m.kind {
                MentionKind::Coref { kind } => Some((k, kind)),
                _ => None,
            })
            .collect()
    }
    fn kind_of(&self, symbol: &str) -> Option<InstrumentKind> {
        self.reader.registry().get(symbol).map(|i| i.kind)
    }
    fn is_rate(&self, s: &Subject) -> bool {
        match s {
            Subject::Spread { .. } => true,
            Subject::Symbol { symbol } => self.kind_of(symbol) == Some(InstrumentKind::Rate),
            Subject::Relative { .. } => false,
        }
    }

    /// The subjects: every instrument and spread named (each taken), or,
    /// with none, "stocks" / "the market" read as the S&P 500 (said in a note).
    fn subjects(&mut self) -> Vec<Subject> {
        let named = self.named();
        let mut out = Vec::new();
        for (k, n) in named {
            self.mention_used[k] = true;
            let s = match n {
                Named::Symbol(s) => Subject::symbol(s),
                Named::Spread(a, b) => Subject::Spread { a, b },
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        let corefs = self.coref_kinds();
        for (k, kind) in corefs {
            match kind {
                // "its", "it", "the index", "the average": the question's own subject.
                CorefKind::Pronoun | CorefKind::Index | CorefKind::Fund | CorefKind::Rate
                    if !out.is_empty() || self.inherit.is_some() =>
                {
                    self.mention_used[k] = true
                }
                CorefKind::Market if out.is_empty() => {
                    self.mention_used[k] = true;
                    let words = self.span_text(self.chunks.mentions[k].tokens.clone());
                    self.notes.push(format!("'{words}' read as the S&P 500"));
                    out.push(Subject::symbol("^GSPC"));
                }
                _ => {}
            }
        }
        if out.is_empty() {
            if let Some(prev) = &self.inherit {
                out = prev.subjects.clone();
            }
        }
        out
    }

    /// The indices of the time chunks that are windows (not clock times).
    fn windows(&self) -> Vec<usize> {
        (0..self.chunks.times.len())
            .filter(|k| !self.time_used[*k])
            .filter(|k| !matches!(self.chunks.times[*k].time, Time::Clock { .. }))
            .collect()
    }

    /// The window the question names: one time, or a day inside a wider one
    /// ("on Black Monday in 1987"). Takes what it reads.
    fn window(&mut self) -> Result<Option<Time>, Decline> {
        let ws = self.windows();
        let pick = match ws.as_slice() {
            [] => return Ok(self.inherit.as_ref().and_then(|p| p.time.clone())),
            [k] => *k,
            [a, b] => {
                let (ta, tb) = (&self.chunks.times[*a].time, &self.chunks.times[*b].time);
                // "year-to-date return as of 2026-01-16": to date, ending that day.
                if let (Time::ToDate { from, .. }, Some((day, last))) = (ta, span_of(tb)) {
                    let at = self.chunks.times[*b].tokens.start;
                    let as_of_before = at >= 2
                        && self.doc.tokens[at - 2].norm == "as"
                        && self.doc.tokens[at - 1].norm == "of";
                    if as_of_before && day == last && day >= *from {
                        let from = *from;
                        self.time_used[*a] = true;
                        self.time_used[*b] = true;
                        // "as of" is read with the day.
                        self.used[at - 2..at].iter_mut().for_each(|u| *u = true);
                        return Ok(Some(Time::Span {
                            from,
                            to: day,
                            grain: Grain::Span,
                            range: false,
                        }));
                    }
                }
                match (span_of(ta), span_of(tb)) {
                    (Some((fa, la)), Some((fb, lb))) if fb <= fa && la <= lb => *a,
                    (Some((fa, la)), Some((fb, lb))) if fa <= fb && lb <= la => *b,
                    _ => {
                        let words = [
                            self.span_text(self.chunks.times[*a].tokens.clone()),
                            self.span_text(self.chunks.times[*b].tokens.clone()),
                        ];
                        return Err(Decline::Ambiguous {
                            what: format!(
                                "the question names two periods ({}); ask about one",
                                words.join(" and ")
                            ),
                        });
                    }
                }
            }
            _ => {
                return Err(Decline::Ambiguous {
                    what: "the question names more than two periods; ask about one".into(),
                })
            }
        };
        for k in ws {
            self.time_used[k] = true;
        }
        // "calendar year 2019", "the full year 2024": the year itself.
        if matches!(
            self.chunks.times[pick].time,
            Time::Span {
                grain: Grain::Year,
                ..
            }
        ) {
            let at = self.chunks.times[pick].tokens.start;
            if let Some(w) = self
                .find("qword", &["calendar"])
                .filter(|w| w.end == at || w.end + 1 == at)
            {
                self.used[w.start..w.end].iter_mut().for_each(|u| *u = true);
            }
        }
        let c = &self.chunks.times[pick];
        let mut time = c.time.clone();
        // "yesterday" in a question: the session before the day it is asked.
        let yesterday = lexicon()
            .longest(
                &self.doc.tokens,
                c.tokens.start,
                c.tokens.end,
                "relative_day",
            )
            .is_some_and(|h| h.label == "yesterday");
        if yesterday {
            let d = model::calendar::prev_session(self.as_of);
            time = Time::Span {
                from: d,
                to: d,
                grain: Grain::Day,
                range: false,
            };
        }
        if let Some((from, _)) = span_of(&time) {
            if from > self.as_of {
                return Err(Decline::Future { date: from });
            }
        }
        if let Time::Lookback { .. } | Time::Anaphor { .. } = &time {
            return Err(Decline::Unread {
                words: vec![self.span_text(c.tokens.clone())],
            });
        }
        Ok(Some(time))
    }

    /// The window's words, as written.
    fn window_text(&self) -> Option<String> {
        let parts: Vec<String> = (0..self.chunks.times.len())
            .filter(|k| {
                self.time_used[*k]
                    && !matches!(
                        self.chunks.times[*k].time,
                        Time::Clock { .. } | Time::Ever | Time::Lookback { .. }
                    )
            })
            .map(|k| self.span_text(self.chunks.times[k].tokens.clone()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Takes an "intraday" clock word; true when there was one.
    fn take_intraday(&mut self) -> bool {
        let mut found = false;
        for k in 0..self.chunks.times.len() {
            if !self.time_used[k]
                && matches!(self.chunks.times[k].time, Time::Clock { close: false })
            {
                let words = self
                    .span_text(self.chunks.times[k].tokens.clone())
                    .to_lowercase();
                if words.contains("intraday") {
                    self.time_used[k] = true;
                    found = true;
                }
            }
        }
        found
    }

    /// Takes an "ever" / "all-time" time; true when there was one.
    fn take_ever(&mut self) -> bool {
        let mut found = false;
        for k in 0..self.chunks.times.len() {
            if !self.time_used[k] && self.chunks.times[k].time == Time::Ever {
                self.time_used[k] = true;
                found = true;
            }
        }
        found
    }

    /// Takes a "in a day" lookback (a one-day move); true when there was one.
    fn take_in_a_day(&mut self) -> bool {
        for k in 0..self.chunks.times.len() {
            if !self.time_used[k] {
                if let Time::Lookback { max_days, .. } = self.chunks.times[k].time {
                    if max_days <= 3 {
                        self.time_used[k] = true;
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The unread quantities, in order.
    fn quantities(&self) -> Vec<(usize, Quantity)> {
        self.chunks
            .quantities
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.qty_used[*k])
            .map(|(k, q)| (k, q.clone()))
            .collect()
    }
    /// The first unread quantity that is not an ordinal.
    fn figure(&mut self) -> Option<Quantity> {
        let (k, q) = self.quantities().into_iter().find(|(_, q)| !q.ordinal)?;
        self.qty_used[k] = true;
        Some(q)
    }
    /// Takes a "one" or "1" before a period noun ("one-day", "1-week"):
    /// it is part of the noun.
    fn take_one_before_period(&mut self) {
        for (k, q) in self.quantities() {
            if q.value != 1.0 || q.unit != QUnit::Plain {
                continue;
            }
            let mut t = q.tokens.end;
            while self.doc.tokens.get(t).is_some_and(|x| x.norm == "-") {
                t += 1;
            }
            let before_period = self.words.iter().any(|w| {
                w.start == t && (w.cat == "ranked" || (w.cat == "noun" && w.label == "session"))
            });
            if before_period {
                self.qty_used[k] = true;
            }
        }
    }

    /// Takes an ordinal "first"; true when there was one.
    fn take_first_ordinal(&mut self) -> bool {
        let found = self.quantities().into_iter().find(|(k, q)| {
            q.ordinal
                && q.value == 1.0
                && self
                    .span_text(self.chunks.quantities[*k].tokens.clone())
                    .eq_ignore_ascii_case("first")
        });
        if let Some((k, _)) = found {
            self.qty_used[k] = true;
            return true;
        }
        false
    }

    // ----- reading ----------------------------------------------------------

    /// Reads the question (a follow-up of `previous` when it is one).
    pub fn read(mut self, previous: Option<&Question>) -> Result<Question, Decline> {
        if let Some(w) = self.find("forecast", &[]) {
            return Err(Decline::Forecast {
                words: self.span_text(w.start..w.end),
            });
        }
        if let Some(w) = self.find("topic", &[]) {
            return Err(Decline::Topic {
                missing: w.label.to_string(),
                words: self.span_text(w.start..w.end),
            });
        }
        if let Some(prev) = previous {
            if self.is_follow_up() {
                let q = self.follow(prev)?;
                self.coverage()?;
                return Ok(q);
            }
        }
        self.wh = self.take("wh", &[]);
        // "Last time the VIX closed above 40?": a question that opens with
        // "last time" or "first time" asks when.
        // "days vix closed above 25 in 2025?": a question that opens with
        // its counted noun asks how many.
        if self.wh.is_none() && self.opens_with_days() {
            self.wh = Some("how_many");
        }
        if self.wh.is_none() {
            if let Some(time) = self.opening_last_or_first_time() {
                self.wh = Some("when");
                // "First time ...": "first" is read as an ordinal, so the
                // noun is read here.
                let in_a_word = self.words.iter().any(|w| (w.start..w.end).contains(&time));
                if !in_a_word {
                    self.used[time] = true;
                }
            }
        }
        let (ask, subjects, time) = self.shape()?;
        self.coverage()?;
        let time_text = self.window_text();
        Ok(Question {
            ask,
            subjects,
            time,
            time_text,
            as_of: self.as_of,
            notes: self.notes,
            follow_up: false,
        })
    }

    /// The token "time" of a question that opens with "(the) last time" or
    /// "(the) first time".
    fn opening_last_or_first_time(&self) -> Option<usize> {
        let words: Vec<(usize, &str)> = self
            .doc
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind != TokKind::Punct)
            .take(3)
            .map(|(k, t)| (k, t.norm.as_str()))
            .collect();
        let rest = match words.first() {
            Some((_, "the")) => &words[1..],
            _ => &words[..],
        };
        match rest {
            [(_, "last" | "first"), (time, "time"), ..] => Some(*time),
            _ => None,
        }
    }

    /// The question opens with "days", "sessions" or "trading days".
    fn opens_with_days(&self) -> bool {
        let mut words = self
            .doc
            .tokens
            .iter()
            .filter(|t| t.kind != TokKind::Punct)
            .map(|t| t.norm.as_str());
        match words.next() {
            Some("days" | "sessions") => true,
            Some("trading") => matches!(words.next(), Some("days" | "sessions")),
            _ => false,
        }
    }

    /// "How many points", "how many basis points": the question word asks
    /// for a figure in a unit, not for a count.
    fn asks_in_units(&self) -> bool {
        self.words
            .iter()
            .filter(|w| w.cat == "wh" && w.label == "how_many" && self.used[w.start])
            .any(|wh| {
                self.words
                    .iter()
                    .any(|w| w.cat == "qword" && w.label == "units" && w.start == wh.end)
            })
    }

    /// "and in 2021?", "what about the Nasdaq?": opens with a follow-up word,
    /// or names no measure at all.
    fn is_follow_up(&self) -> bool {
        let first = self
            .doc
            .tokens
            .iter()
            .position(|t| t.kind != TokKind::Punct)
            .unwrap_or(0);
        let opens = self
            .find("qword", &["followup"])
            .is_some_and(|w| w.start == first);
        opens
            || (!self.names_a_measure()
                && self.named().is_empty()
                && !self.has("wh", &["how_many", "how_long", "when", "how_often"]))
    }

    /// Words that say what to measure (a move, a streak, a record...).
    fn names_a_measure(&self) -> bool {
        ["move", "move_noun", "streak", "record", "fed", "fed_actor"]
            .iter()
            .any(|c| self.has(c, &[]))
            // Period nouns alone ("a year later") are not a measure.
            || self.has("ranked", &["streak", "close", "intraday", "gap"])
            || self.has("noun", &["volatility", "gap", "drawdown", "spread", "average", "range"])
            || self.has(
                "qword",
                &["annualised", "compare", "beat", "lag", "volatile", "drawdown", "sector", "mean", "up_days", "down_days"],
            )
    }

    /// A follow-up: the previous reading with what this question names replaced.
    fn follow(&mut self, prev: &Question) -> Result<Question, Decline> {
        self.take_all("qword", &["followup"]);
        // "and the longest losing streak?", "and how did utilities do?": a
        // question of its own, with the subject and window it leaves out
        // taken from the previous one.
        if self.names_a_measure() {
            self.inherit = Some(prev.clone());
            self.wh = self.take("wh", &[]);
            let (ask, subjects, time) = self.shape()?;
            let time_text = self.window_text().or_else(|| {
                if time == prev.time {
                    prev.time_text.clone()
                } else {
                    None
                }
            });
            return Ok(Question {
                ask,
                subjects,
                time,
                time_text,
                as_of: self.as_of,
                notes: std::mem::take(&mut self.notes),
                follow_up: true,
            });
        }
        self.take("wh", &["what", "how"]);
        let mut q = prev.clone();
        q.as_of = self.as_of;
        q.notes.clear();
        q.follow_up = true;
        // "it", "its": the previous question's subject.
        for (k, _) in self.coref_kinds() {
            self.mention_used[k] = true;
        }
        // "by how much in total?" after a count of Fed decisions: the count's
        // answer states the total.
        if matches!(prev.ask, Ask::Fed(FedAsk::Count(_))) {
            self.take_all("wh", &["how_much"]);
            self.take_all("qword", &["units"]);
        }
        // "a year later", "the month before", "the previous quarter": the
        // same window moved by one period.
        let later = self.take("qword", &["later"]).is_some();
        let earlier = self.take("qword", &["earlier"]).is_some();
        let shift_word = self.take("qword", &["shift"]);
        let direction = match (later, earlier, shift_word) {
            (true, _, _) | (_, _, Some("after" | "later" | "next")) => Some(1),
            (_, true, _) | (_, _, Some(_)) => Some(-1),
            _ => None,
        };
        if let Some(sign) = direction {
            let months = match self.take("ranked", &["week", "month", "quarter", "half", "year"]) {
                Some("week") => 0,
                Some("month") => 1,
                Some("quarter") => 3,
                Some("half") => 6,
                _ => 12,
            };
            self.take_all("qword", &["calendar"]);
            let Some(t) = q.time.as_ref().and_then(|t| {
                shift_time(
                    t,
                    sign * months,
                    if months == 0 { 7 * i64::from(sign) } else { 0 },
                )
            }) else {
                return Err(Decline::Ambiguous {
                    what: "the previous question names no period to move".into(),
                });
            };
            if span_of(&t).is_some_and(|(from, _)| from > self.as_of) {
                return Err(Decline::Future {
                    date: span_of(&t).map_or(self.as_of, |s| s.0),
                });
            }
            q.time_text = Some(format!(
                "{}, moved {} {}",
                q.time_text.clone().unwrap_or_default(),
                if sign > 0 { "forward" } else { "back" },
                match months {
                    0 => "a week",
                    1 => "a month",
                    3 => "a quarter",
                    6 => "a half-year",
                    _ => "a year",
                }
            ));
            q.time = Some(t);
        }
        // "and 6000?" after "When did it first close above 5000?": the new threshold.
        if let Some((k, qty)) = self.quantities().into_iter().find(|(_, q)| !q.ordinal) {
            let replaced = match &mut q.ask {
                Ask::When { flag, .. } | Ask::Count { flag } => replace_threshold(flag, qty.value),
                _ => false,
            };
            if replaced {
                self.qty_used[k] = true;
            }
        }
        if let Some(mut t) = self.window()? {
            // "and Q2?" after "in Q1 2025": the year of the question before.
            let implied = self
                .chunks
                .times
                .iter()
                .any(|c| c.year_implied && c.time == t);
            if let (true, Some((prev_from, _))) = (implied, prev.time.as_ref().and_then(span_of)) {
                if let Some((from, _)) = span_of(&t) {
                    let years = prev_from.year() - from.year();
                    if years != 0 {
                        if let Some(moved) = shift_time(&t, 12 * years, 0) {
                            t = moved;
                        }
                    }
                }
            }
            q.time_text = self.window_text();
            q.time = Some(t);
        }
        let named = self.subjects();
        if !named.is_empty() {
            match &q.ask {
                Ask::Compare { .. } | Ask::BaseRate { .. } if named.len() > 2 => {
                    return Err(Decline::Ambiguous {
                        what: "a comparison of two instruments names three".into(),
                    })
                }
                Ask::Fed(_) | Ask::CrossRank { .. } => {
                    return Err(Decline::Ambiguous {
                        what: "the previous question was not about one instrument".into(),
                    })
                }
                // "same for IWM?" after "QQQ vs SPY": IWM against SPY.
                Ask::Compare { .. } | Ask::BaseRate { .. } => {
                    if named.len() == 2 {
                        q.subjects = named;
                    } else if let Some(first) = q.subjects.first_mut() {
                        *first = named[0].clone();
                    }
                }
                // "and the Nasdaq 100?" after "How long has IWM beaten SPY?":
                // the Nasdaq 100 against SPY.
                _ => match (q.subjects.as_slice(), named.as_slice()) {
                    ([Subject::Relative { b, .. }], [Subject::Symbol { symbol }])
                        if symbol != b =>
                    {
                        q.subjects = vec![Subject::Relative {
                            a: symbol.clone(),
                            b: b.clone(),
                        }];
                    }
                    _ => q.subjects = named,
                },
            }
        }
        // "and the lowest?", "and the worst?": the other end.
        if let Some(label) = self.take("superlative", &["high", "low", "good", "bad"]) {
            let order = if matches!(label, "high" | "good") {
                Order::Highest
            } else {
                Order::Lowest
            };
            match &mut q.ask {
                Ask::Extreme { order: o, .. } | Ask::CrossRank { order: o } => *o = order,
                _ => {
                    return Err(Decline::Ambiguous {
                        what: "the previous question did not rank anything".into(),
                    })
                }
            }
        }
        q.notes.extend(std::mem::take(&mut self.notes));
        Ok(q)
    }

    /// Every shape, in order; the first that reads the question wins.
    /// A comparison word: neutral ("vs"), A ahead ("beat") or behind ("lag").
    fn has_compare(&self) -> bool {
        self.has("qword", &["compare", "beat", "lag"])
    }
    /// Takes the comparison words; `-1` when they say A was behind.
    fn take_compare(&mut self) -> i8 {
        let lag = self.take_all("qword", &["lag"]) > 0;
        let beat = self.take_all("qword", &["beat"]) > 0;
        self.take_all("qword", &["compare"]);
        if lag && !beat {
            -1
        } else {
            1
        }
    }

    /// Every shape, in order; the first that reads the question wins.
    fn shape(&mut self) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        if self.has("fed_actor", &[])
            || (self.has("fed", &["hike", "cut"]) && self.named().is_empty())
        {
            return self.fed();
        }
        if self.has("qword", &["sector"]) {
            return self.sector();
        }
        let subjects = self.subjects();
        if subjects.is_empty() {
            if self.named().is_empty() && self.chunks.mentions.is_empty() {
                if let Some(name) = self.unknown_name() {
                    return Err(Decline::UnknownName { name });
                }
            }
            return Err(Decline::NoSubject);
        }
        // "the fed funds target range": the Fed's range, both ends.
        let fed_range = subjects
            .iter()
            .all(|s| matches!(s, Subject::Symbol { symbol } if symbol == "DFEDTARU" || symbol == "DFEDTARL"));
        if fed_range && !self.has("move", &[]) && self.wh != Some("how_many") {
            self.take_all("fed", &[]);
            self.take_all("qword", &["latest", "level"]);
            let time = self.window_or_now("")?;
            return Ok((Ask::Fed(FedAsk::Range), Vec::new(), time));
        }
        if self.wh == Some("how_often") && subjects.len() == 2 {
            return self.base_rate(subjects);
        }
        if self.has("qword", &["mean"]) {
            return self.mean(subjects);
        }
        if self.has("streak", &[])
            || self.has("ranked", &["streak"])
            || (self.wh == Some("how_long") && subjects.len() == 2 && self.has_compare())
        {
            return self.streak(subjects);
        }
        if subjects.len() == 2 && self.has_compare() {
            return self.compare(subjects);
        }
        let record_asked = matches!(self.wh, Some("when" | "how_many" | "how_long")) || self.yes_no;
        // "its all-time high": a time of all history and a high word name the record.
        let ever = self
            .chunks
            .times
            .iter()
            .enumerate()
            .any(|(k, t)| !self.time_used[k] && t.time == Time::Ever);
        let record_word = self.has("record", &[]) || (ever && self.has("qword", &["high"]));
        // "How far is the Nasdaq from its high?": the distance below the peak.
        if (record_word || self.has("qword", &["high"])) && self.wh == Some("how_far") {
            return self.drawdown(subjects);
        }
        if record_word && (record_asked || !self.has("qword", &["drawdown"])) {
            return self.record(subjects);
        }
        // "How inverted did the 2s10s get?": the spread's lowest level.
        if subjects.iter().any(|s| matches!(s, Subject::Spread { .. }))
            && self.has("qword", &["inverted"])
        {
            self.take_all("qword", &["inverted"]);
            self.take_all("noun", &["spread"]);
            self.take_all("superlative", &["big", "low"]);
            self.take_all("qword", &["achieve", "low"]);
            self.take_all("move", &[]);
            let time = self.window_or_ever()?;
            return Ok((
                Ask::Extreme {
                    measure: Measure::price(),
                    order: Order::Lowest,
                },
                subjects,
                Some(time),
            ));
        }
        // "How far did it fall in the COVID crash?": a fall over a named
        // sell-off is its peak-to-trough drawdown.
        let falls = self.has("move", &["down"]) || self.wh == Some("how_far");
        if self.has("qword", &["drawdown"])
            || self.has("noun", &["drawdown"])
            || (falls && self.names_an_episode())
        {
            return self.drawdown(subjects);
        }
        if self.has("qword", &["volatile"]) || self.has("noun", &["volatility"]) {
            return self.volatility(subjects);
        }
        if self.has("qword", &["mean"]) {
            return self.mean(subjects);
        }
        if self.wh == Some("when") && self.has("qword", &["last", "first"])
            || self.wh == Some("when") && !self.quantities().is_empty()
        {
            return self.when(subjects);
        }
        // "How many points did the S&P 500 lose on August 5?": a move in
        // points, not a count of days.
        if self.wh == Some("how_many") && self.asks_in_units() {
            return self.movement(subjects);
        }
        if self.wh == Some("how_many") {
            return self.count(subjects);
        }
        if self.has("superlative", &["good", "bad", "big", "high", "low"])
            || self.has("qword", &["high", "low"])
        {
            return self.extreme(subjects);
        }
        if self.has("qword", &["annualised"]) {
            let time = self.required_window("an annualised return")?;
            self.take_all("qword", &["annualised"]);
            self.take_all("move", &[]);
            self.take_all("move_noun", &[]);
            return Ok((Ask::Annualised, subjects, Some(time)));
        }
        // "Where did the 2-year yield close on March 13?": a level, though
        // "close" is also a move word ("closed up 1%").
        if self.wh == Some("where") && !self.has("move", &["up", "down"]) {
            return self.level(subjects);
        }
        if self.has("move", &[]) || self.has("move_noun", &[]) || self.has("qword", &["happen"]) {
            return self.movement(subjects);
        }
        // "S&P 500 month to date?": a name and a window alone ask how it did
        // (a level for a rate, an index of fear or a valuation).
        if self.wh.is_none() && !self.windows().is_empty() {
            // "russell 2000 close on 3/18/2020": a level word and no
            // direction ask the level.
            let level_word = (self.has("qword", &["level"]) || self.has("level", &[]))
                && !self.has("move", &["up", "down", "either"]);
            let levels = level_word || subjects.iter().all(|s| self.is_level_like(s));
            return if levels {
                self.level(subjects)
            } else {
                self.movement(subjects)
            };
        }
        self.level(subjects)
    }

    /// A window that is a named sell-off ("the COVID crash").
    fn names_an_episode(&self) -> bool {
        self.windows().iter().any(|k| {
            let c = &self.chunks.times[*k];
            lexicon()
                .longest(&self.doc.tokens, c.tokens.start, c.tokens.end, "event")
                .is_some_and(|h| h.label.contains(".."))
        })
    }

    /// A series whose level is what people quote (a yield, the VIX, the CAPE).
    fn is_level_like(&self, s: &Subject) -> bool {
        match s {
            Subject::Spread { .. } => true,
            Subject::Symbol { symbol } => {
                symbol == "^VIX"
                    || matches!(
                        self.kind_of(symbol),
                        Some(
                            InstrumentKind::Rate
                                | InstrumentKind::Fundamental
                                | InstrumentKind::Breadth
                        )
                    )
            }
            Subject::Relative { .. } => false,
        }
    }

    fn mean(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("qword", &["mean", "level"]);
        self.take_all("level", &["close"]);
        self.take_all("ranked", &["close"]);
        let time = self.window_or_ever()?;
        Ok((Ask::Mean, subjects, Some(time)))
    }

    /// A window the shape cannot do without.
    fn required_window(&mut self, what: &str) -> Result<Time, Decline> {
        match self.window()? {
            Some(t) => Ok(t),
            None if self.take_ever() => Ok(Time::Ever),
            None => Err(Decline::Ambiguous {
                what: format!("{what} needs a period, e.g. 'in 2024', 'this year' or 'since 2020'"),
            }),
        }
    }

    /// A window, or all of history when none is named (said in a note).
    fn window_or_ever(&mut self) -> Result<Time, Decline> {
        if let Some(t) = self.window()? {
            return Ok(t);
        }
        if !self.take_ever() {
            self.notes
                .push("no period named: read over all of the data's history".into());
        }
        Ok(Time::Ever)
    }

    /// A window, or the as-of session when none is named (said in a note).
    fn window_or_now(&mut self, default_note: &str) -> Result<Option<Time>, Decline> {
        self.take_all("qword", &["latest"]);
        let t = self.window()?;
        if t.is_none() && !default_note.is_empty() {
            self.notes.push(default_note.to_string());
        }
        Ok(t)
    }

    fn fed(&mut self) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("fed_actor", &[]);
        let dir = match self.take("fed", &["hike", "cut", "hold"]) {
            Some("hike") => 1,
            Some("cut") => -1,
            Some(_) => return Err(Decline::Ambiguous {
                what:
                    "counts of meetings that held rates are not answered; ask about hikes or cuts"
                        .into(),
            }),
            None => 0,
        };
        self.take_all("fed", &["range", "hike", "cut"]);
        self.take_all("move", &[]);
        self.take_all("qword", &["achieve", "units"]);
        let ask = match self.wh {
            Some("how_many") => {
                self.take_all("qword", &["period"]);
                FedAsk::Count(dir)
            }
            Some("when") => {
                if self.take("qword", &["first"]).is_some() || self.take_first_ordinal() {
                    FedAsk::First(dir)
                } else {
                    self.take("qword", &["last"]);
                    FedAsk::Last(dir)
                }
            }
            _ if dir == 0 => {
                self.take_all("qword", &["latest", "level"]);
                FedAsk::Range
            }
            // "How much did the Fed raise rates in 2022?", "total Fed
            // tightening in 2022": the decisions of the window, whose answer
            // gives their total.
            Some("how_much") | None => {
                self.take_all("wh", &["how_much"]);
                FedAsk::Count(dir)
            }
            _ => return Err(Decline::NoShape),
        };
        let time = match ask {
            FedAsk::Count(_) => Some(self.required_window("a count of Fed decisions")?),
            FedAsk::First(_) => Some(self.required_window("the first Fed decision")?),
            _ => self.window_or_now("")?,
        };
        // "... and by how much?": the size is part of every decision's answer.
        if matches!(ask, FedAsk::First(_) | FedAsk::Last(_)) {
            self.take_all("wh", &["how_much"]);
        }
        Ok((Ask::Fed(ask), Vec::new(), time))
    }

    fn sector(&mut self) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("qword", &["sector"]);
        let order = match self.take("superlative", &["good", "bad", "high", "low", "big"]) {
            Some("good" | "high") => Order::Highest,
            Some("bad" | "low") => Order::Lowest,
            Some(_) => match self.take("move", &["up", "down"]) {
                Some("up") => Order::Highest,
                Some(_) => Order::Lowest,
                None => {
                    return Err(Decline::Ambiguous {
                        what: "biggest move up or down?".into(),
                    })
                }
            },
            None => match self.take("move", &["up", "down"]) {
                // "Which sector led?", "which sector fell the most?"
                Some("up") => Order::Highest,
                Some(_) => Order::Lowest,
                None => {
                    return Err(Decline::Ambiguous {
                        what: "the best or the worst sector?".into(),
                    })
                }
            },
        };
        self.take_all("move", &["either", "up", "down"]);
        self.take_all("move_noun", &[]);
        self.take_all("qword", &["level"]);
        let time = self.window_or_now("no period named: read as the latest session")?;
        Ok((Ask::CrossRank { order }, Vec::new(), time))
    }

    fn base_rate(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_compare();
        self.take_all("qword", &["rolling", "period", "french"]);
        self.take_all("move", &["up"]);
        // "10-year periods": the figure before a year word.
        let years = self
            .quantities()
            .into_iter()
            .find(|(k, _)| {
                self.doc
                    .tokens
                    .get(self.chunks.quantities[*k].tokens.end..)
                    .is_some_and(|rest| {
                        rest.iter()
                            .filter(|t| t.norm != "-")
                            .take(1)
                            .any(|t| t.stem == "year")
                    })
            })
            .map(|(k, q)| (k, q.value));
        let Some((k, years)) = years else {
            return Err(Decline::Ambiguous {
                what: "over rolling windows of how many years?".into(),
            });
        };
        if !(1.0..=50.0).contains(&years) || years.fract() != 0.0 {
            return Err(Decline::Ambiguous {
                what: format!("{years}-year windows cannot be read"),
            });
        }
        self.qty_used[k] = true;
        let year_tok = self.chunks.quantities[k].tokens.end;
        for t in year_tok..(year_tok + 2).min(self.used.len()) {
            if self.doc.tokens[t].norm == "-" || self.doc.tokens[t].stem == "year" {
                self.used[t] = true;
            }
        }
        let subjects = self.french(subjects);
        let time = self.window()?;
        Ok((
            Ask::BaseRate {
                years: years as u32,
            },
            subjects,
            time,
        ))
    }

    /// The S&P 500 and the Russell 2000 ("large caps", "small caps") read
    /// as the Fama-French size portfolios (bottom and top 30% by market
    /// equity) when the question names French's data or a window before the
    /// Russell 2000 begins.
    fn french(&mut self, subjects: Vec<Subject>) -> Vec<Subject> {
        let said = self.take_all("qword", &["french"]) > 0;
        let early = self
            .chunks
            .times
            .iter()
            .any(|t| span_of(&t.time).is_some_and(|(from, _)| from.year() < 1979));
        let portfolio = |s: &Subject| match s {
            Subject::Symbol { symbol } if symbol == "^RUT" => Some("FF_ME_LO30"),
            Subject::Symbol { symbol } if symbol == "^GSPC" => Some("FF_ME_HI30"),
            _ => None,
        };
        let sizes: Vec<&str> = subjects.iter().filter_map(portfolio).collect();
        if !(said || early)
            || sizes.len() != subjects.len()
            || sizes.len() != 2
            || sizes[0] == sizes[1]
        {
            return subjects;
        }
        self.notes.push("small and large caps read as the Fama-French size portfolios (value-weighted bottom and top 30% of US stocks by market equity)".into());
        sizes.into_iter().map(Subject::symbol).collect()
    }

    fn compare(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_compare();
        self.take_all("move", &[]);
        self.take_all("move_noun", &[]);
        self.take_all("qword", &["units"]);
        let annualised = self.take_all("qword", &["annualised"]) > 0;
        let subjects = self.french(subjects);
        let time = self.required_window("a comparison")?;
        Ok((Ask::Compare { annualised }, subjects, Some(time)))
    }

    /// "winning", "down", "beaten": the sign of the run; `None` when unsaid.
    fn run_sign(&mut self) -> Option<i8> {
        let up = self.take("qword", &["streak_up"]).is_some();
        let down = self.take("qword", &["streak_down"]).is_some();
        match (up, down) {
            (true, false) => Some(1),
            (false, true) => Some(-1),
            _ => match self.take("move", &["up", "down"]) {
                Some("up") => Some(1),
                Some(_) => Some(-1),
                None => None,
            },
        }
    }

    /// The unit a run counts: sessions, or calendar weeks, months...
    fn run_unit(&mut self) -> Measure {
        match self.take("ranked", &["day", "week", "month", "quarter", "year"]) {
            Some("week") => Measure::PeriodReturn {
                calendar: Calendar::Week,
            },
            Some("month") => Measure::PeriodReturn {
                calendar: Calendar::Month,
            },
            Some("quarter") => Measure::PeriodReturn {
                calendar: Calendar::Quarter,
            },
            Some("year") => Measure::PeriodReturn {
                calendar: Calendar::Year,
            },
            _ => {
                self.take_all("noun", &["session"]);
                Measure::daily_return()
            }
        }
    }

    fn streak(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("streak", &[]);
        self.take_all("ranked", &["streak"]);
        let longest = self.take("superlative", &["long"]).is_some();
        let relative = subjects.len() == 2 && self.has_compare();
        let behind = relative && self.take_compare() < 0;
        let sign = match self.run_sign() {
            Some(s) if behind => -s,
            Some(s) => s,
            None if relative => {
                if behind {
                    -1
                } else {
                    1
                }
            }
            None => {
                return Err(Decline::Ambiguous {
                    what: "a winning or a losing streak?".into(),
                })
            }
        };
        let unit = self.run_unit();
        let pred = if sign > 0 {
            Pred::Gt(0.0)
        } else {
            Pred::Lt(0.0)
        };
        let run = Measure::run(unit, pred);
        let subjects = if relative {
            let (Subject::Symbol { symbol: a }, Subject::Symbol { symbol: b }) =
                (&subjects[0], &subjects[1])
            else {
                return Err(Decline::Ambiguous {
                    what: "a streak of one spread against another cannot be read".into(),
                });
            };
            vec![Subject::Relative {
                a: a.clone(),
                b: b.clone(),
            }]
        } else {
            subjects
        };
        if longest {
            let time = self.window_or_ever()?;
            return Ok((Ask::LongestStreak { run }, subjects, Some(time)));
        }
        let time = self.window_or_now("")?;
        if time
            .as_ref()
            .is_some_and(|t| span_of(t).is_some_and(|(_, to)| to < self.as_of))
        {
            // "How many days in a row did it fall in 2022?": the longest run in it.
            self.notes
                .push("a streak in a past period: read as the longest run in it".into());
            return Ok((Ask::LongestStreak { run }, subjects, time));
        }
        Ok((Ask::Streak { run }, subjects, time))
    }

    fn record(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("record", &[]);
        self.take_all("qword", &["high", "achieve"]);
        let intraday = self.take_intraday();
        let ever = self.take_ever();
        // "record highs" are read as record closes unless "intraday" is said.
        self.take_all("level", &["high"]);
        self.take_all("ranked", &["intraday"]);
        self.take_all("level", &["close"]);
        self.take_all("ranked", &["close"]);
        self.take_all("qword", &["level"]);
        let field = if intraday { Field::High } else { Field::Close };
        // The price series: a close, a rate's value, a fund's adjusted close.
        let level = if intraday {
            Measure::field(Field::High)
        } else {
            Measure::price()
        };
        let flag = Measure::flag(level.clone(), Pred::NewMax);
        match self.wh {
            Some("how_many") => {
                self.take_all("move", &[]);
                let time = self.required_window("a count of records")?;
                Ok((Ask::Count { flag }, subjects, Some(time)))
            }
            Some("how_long") => {
                self.take_all("qword", &["last", "since"]);
                Ok((Ask::SinceRecord, subjects, None))
            }
            Some("when") if self.has("qword", &["last"]) && !self.has("qword", &["again"]) => {
                self.take_all("qword", &["last"]);
                Ok((Ask::When { flag, last: true }, subjects, None))
            }
            Some("when") => {
                self.take_all("qword", &["again", "first", "level", "above"]);
                self.take_first_ordinal();
                self.take_all("move", &["up"]);
                self.take_all("qword", &["drawdown", "below"]);
                // "its 2021 record ... after the 2022 bear market": the record's
                // period, then the one it is regained after.
                let ws = self.windows();
                let record_end = if ws.len() == 2 {
                    let ends: Vec<Option<(Date, Date)>> = ws
                        .iter()
                        .map(|k| span_of(&self.chunks.times[*k].time))
                        .collect();
                    match (ends[0], ends[1]) {
                        (Some((_, a)), Some((_, b))) if a < b => {
                            self.time_used[ws[0]] = true;
                            Some(a)
                        }
                        _ => None,
                    }
                } else {
                    None
                };
                let time = self.required_window("the first record after a period")?;
                Ok((Ask::RecordAfter { record_end }, subjects, Some(time)))
            }
            _ if self.yes_no => {
                self.take_all("qword", &["latest"]);
                Ok((Ask::IsRecord { field }, subjects, None))
            }
            _ => {
                self.take_all("qword", &["latest"]);
                let time = match self.window()? {
                    Some(t) => t,
                    None if ever => Time::Ever,
                    None => self.window_or_ever()?,
                };
                Ok((
                    Ask::Extreme {
                        measure: level,
                        order: Order::Highest,
                    },
                    subjects,
                    Some(time),
                ))
            }
        }
    }

    fn drawdown(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("qword", &["drawdown"]);
        self.take_all("noun", &["drawdown"]);
        let deepest = self.take_all("superlative", &["big", "bad"]) > 0;
        self.take_all("move", &["down"]);
        // "below its all-time high": the running peak, which is what a
        // drawdown measures; "worst drawdown ever": the deepest in history.
        let ever_alone = self.chunks.times.iter().enumerate().any(|(k, t)| {
            !self.time_used[k]
                && t.time == Time::Ever
                && !self
                    .words
                    .iter()
                    .any(|w| w.cat == "qword" && w.label == "high" && w.start == t.tokens.end)
        });
        self.take_ever();
        self.take_all("qword", &["below", "high"]);
        self.take_all("level", &["high"]);
        self.take_all("ranked", &["intraday"]);
        self.take_all("superlative", &["high"]);
        self.take_all("record", &[]);
        let mut time = self.window_or_now("")?;
        if time.is_none() && (deepest || ever_alone) {
            time = Some(Time::Ever);
        }
        Ok((Ask::Drawdown, subjects, time))
    }

    fn volatility(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_all("qword", &["volatile"]);
        self.take_all("noun", &["volatility"]);
        self.take_all("qword", &["annualised"]);
        let time =
            self.window_or_now("no period named: read over the last 21 sessions (about a month)")?;
        let time = time.or(Some(Time::Sessions { n: 21, end: None }));
        Ok((Ask::Volatility, subjects, time))
    }

    fn extreme(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        let sup = match self.take("superlative", &["good", "bad", "big", "high", "low"]) {
            Some(s) => s,
            None => match self.take("qword", &["high", "low"]) {
                Some("low") => "low",
                _ => "high",
            },
        };
        self.take_all("qword", &["achieve"]);
        let intraday = self.take_intraday();
        self.take_one_before_period();
        let noun = self.take(
            "ranked",
            &[
                "day", "week", "month", "quarter", "half", "year", "close", "intraday",
            ],
        );
        let of_returns = |cal: Option<Calendar>| {
            cal.map_or_else(Measure::daily_return, |calendar| Measure::PeriodReturn {
                calendar,
            })
        };
        let calendar = match noun {
            Some("day") => Some(None),
            Some("week") => Some(Some(Calendar::Week)),
            Some("month") => Some(Some(Calendar::Month)),
            Some("quarter") => Some(Some(Calendar::Quarter)),
            Some("half") => Some(Some(Calendar::Half)),
            Some("year") => Some(Some(Calendar::Year)),
            _ => None,
        };
        let (measure, order) = match (sup, calendar) {
            ("good", Some(cal)) => (of_returns(cal), Order::Highest),
            ("bad", Some(cal)) => (of_returns(cal), Order::Lowest),
            ("big", Some(cal)) => match self
                .take("move", &["up", "down"])
                .or_else(|| self.take("move_noun", &["up", "down"]))
            {
                Some("up") => (of_returns(cal), Order::Highest),
                Some(_) => (of_returns(cal), Order::Lowest),
                None => {
                    return Err(Decline::Ambiguous {
                        what: "the biggest gain or the biggest fall?".into(),
                    })
                }
            },
            ("big", None) => match self
                .take("move", &["up", "down"])
                .or_else(|| self.take("move_noun", &["up", "down"]))
            {
                Some("up") => (Measure::daily_return(), Order::Highest),
                Some(_) => (Measure::daily_return(), Order::Lowest),
                None => {
                    return Err(Decline::Ambiguous {
                        what: "the biggest what? (day, drop, close...)".into(),
                    })
                }
            },
            ("good" | "bad", None) => {
                if noun.is_none() {
                    return Err(Decline::Ambiguous {
                        what: "the best or worst what? (day, week, month, year...)".into(),
                    });
                }
                let field = if intraday || noun == Some("intraday") {
                    if sup == "good" {
                        Field::High
                    } else {
                        Field::Low
                    }
                } else {
                    Field::Close
                };
                (
                    Measure::field(field),
                    if sup == "good" {
                        Order::Highest
                    } else {
                        Order::Lowest
                    },
                )
            }
            (hl, _) => {
                let order = if hl == "high" {
                    Order::Highest
                } else {
                    Order::Lowest
                };
                let intraday = intraday || noun == Some("intraday");
                let field = match (intraday, order) {
                    (false, _) => Field::Close,
                    (true, Order::Highest) => Field::High,
                    (true, Order::Lowest) => Field::Low,
                };
                let m = if field == Field::Close {
                    Measure::price()
                } else {
                    Measure::field(field)
                };
                (m, order)
            }
        };
        self.take_all("move", &[]);
        self.take_all("move_noun", &[]);
        self.take_all("qword", &["level"]);
        self.take_all("level", &["close"]);
        let time = self.window_or_ever()?;
        Ok((Ask::Extreme { measure, order }, subjects, Some(time)))
    }

    /// A condition on a figure: "fall 5% in a day", "move more than 2%
    /// either way", "close above 5%", "up days".
    fn condition(&mut self, what: &str, daily: bool) -> Result<Measure, Decline> {
        // "gain 5% or more": with a figure in percent, "gain" is a move,
        // not "up days".
        let percent = self
            .quantities()
            .iter()
            .any(|(_, q)| q.unit == QUnit::Percent && !q.ordinal);
        if !percent && self.take("qword", &["up_days"]).is_some() {
            self.take_all("noun", &["session"]);
            self.take_all("ranked", &["day"]);
            return Ok(Measure::flag(Measure::daily_return(), Pred::Gt(0.0)));
        }
        if !percent && self.take("qword", &["down_days"]).is_some() {
            self.take_all("noun", &["session"]);
            self.take_all("ranked", &["day"]);
            return Ok(Measure::flag(Measure::daily_return(), Pred::Lt(0.0)));
        }
        let Some(q) = self.figure() else {
            return Err(Decline::Ambiguous {
                what: format!("{what} needs a figure, e.g. 'more than 2%'"),
            });
        };
        let strict = matches!(
            q.hedge,
            Hedge::MoreThan | Hedge::LessThan | Hedge::JustOver | Hedge::JustUnder
        );
        let above = self.take("qword", &["above"]).is_some()
            || matches!(q.hedge, Hedge::MoreThan | Hedge::AtLeast | Hedge::JustOver);
        let below = self.take("qword", &["below"]).is_some()
            || matches!(q.hedge, Hedge::LessThan | Hedge::AtMost | Hedge::JustUnder);
        let dir = self.take("move", &["up", "down", "either"]);
        let either = self.take_all("qword", &["either_way"]) > 0;
        let day = self.take_in_a_day()
            | (self.take_all("ranked", &["day"]) > 0)
            | (self.take_all("noun", &["session"]) > 0)
            | daily;
        let level = self.take_all("qword", &["level"]) + self.take_all("level", &["close"]) > 0;
        let x = q.value.abs();
        let in_figure = self.doc.tokens[q.tokens.clone()]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "above" | "below" | "under" | "over"));
        let explicit_level = in_figure
            || self.words.iter().any(|w| {
                w.cat == "qword" && (w.label == "above" || w.label == "below") && self.used[w.start]
            });
        match (dir, q.unit) {
            (Some(d), QUnit::Percent) if (!level || d != "either") && !explicit_level => {
                if !day {
                    return Err(Decline::Ambiguous {
                        what: format!("a move of {x}% over what period? e.g. 'in a day'"),
                    });
                }
                let pred = match (d, either) {
                    (_, true) | ("either", _) => {
                        if strict {
                            Pred::AbsGt(x)
                        } else {
                            Pred::AbsGe(x)
                        }
                    }
                    ("up", _) => {
                        if strict {
                            Pred::Gt(x)
                        } else {
                            Pred::Ge(x)
                        }
                    }
                    _ => {
                        if strict {
                            Pred::Lt(-x)
                        } else {
                            Pred::Le(-x)
                        }
                    }
                };
                Ok(Measure::flag(Measure::daily_return(), pred))
            }
            _ if above || below => {
                let pred = match (above, strict) {
                    (true, true) => Pred::Gt(q.value),
                    (true, false) => Pred::Ge(q.value),
                    (false, true) => Pred::Lt(q.value),
                    (false, false) => Pred::Le(q.value),
                };
                Ok(Measure::flag(Measure::price(), pred))
            }
            _ => Err(Decline::Ambiguous {
                what: format!(
                    "{what}: above or below {}?",
                    self.span_text(q.tokens.clone())
                ),
            }),
        }
    }

    fn when(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        let first = self.take("qword", &["first"]).is_some() || self.take_first_ordinal();
        if !first {
            self.take_all("qword", &["last"]);
        }
        // "When did the Nasdaq last drop 4% or more?": with no period
        // anywhere in the question, a move in percent is a one-day move (as
        // in a count), and the answer says so.
        let one_day = self.chunks.times.is_empty()
            && self.has("move", &["up", "down", "either"])
            && self
                .quantities()
                .iter()
                .any(|(_, q)| q.unit == QUnit::Percent)
            && !self.has("noun", &["session"])
            && !self.has("ranked", &["day"])
            && !self
                .doc
                .tokens
                .iter()
                .any(|t| PERIOD_NOUNS.contains(&t.norm.as_str()));
        if one_day {
            self.notes
                .push("a move without a period: read as a one-day move".into());
        }
        let flag = self.condition("a date when something happened", one_day)?;
        let time = self.window()?;
        Ok((Ask::When { flag, last: !first }, subjects, time))
    }

    fn count(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        let percent = self
            .quantities()
            .iter()
            .any(|(_, q)| q.unit == QUnit::Percent && !q.ordinal);
        // "How many days was the 2s10s curve inverted?": below zero.
        if subjects.iter().any(|s| matches!(s, Subject::Spread { .. }))
            && self.has("qword", &["inverted"])
        {
            self.take_all("qword", &["inverted"]);
            self.take_all("noun", &["spread", "session"]);
            self.take_all("ranked", &["day"]);
            let time = self.required_window("a count of days")?;
            return Ok((
                Ask::Count {
                    flag: Measure::flag(Measure::price(), Pred::Lt(0.0)),
                },
                subjects,
                Some(time),
            ));
        }
        if self.has("qword", &["up_days", "down_days"]) && !percent {
            let flag = self.condition("a count of days", true)?;
            self.take_all("move", &["either"]);
            let time = self.required_window("a count of days")?;
            return Ok((Ask::Count { flag }, subjects, Some(time)));
        }
        let days = self.take_all("noun", &["session"]) + self.take_all("ranked", &["day"]) > 0;
        self.take_all("qword", &["period"]);
        // "How many times did it fall more than 3% in 2020?": counted moves are one-day moves.
        let times = !days
            && self.has("move", &["up", "down", "either"])
            && self
                .quantities()
                .iter()
                .any(|(_, q)| q.unit == QUnit::Percent);
        if times {
            self.notes
                .push("a move counted without a period: read as one-day moves".into());
        }
        let flag = self.condition("a count of days", days || times)?;
        let time = self.required_window("a count of days")?;
        Ok((Ask::Count { flag }, subjects, Some(time)))
    }

    fn movement(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        self.take_spread_word(&subjects);
        self.take_all("move", &[]);
        self.take_all("move_noun", &[]);
        self.take_all("qword", &["level", "bull", "units", "happen"]);
        let time = self.window_or_now("no period named: read as the latest session")?;
        Ok((Ask::Move, subjects, time))
    }

    fn level(
        &mut self,
        subjects: Vec<Subject>,
    ) -> Result<(Ask, Vec<Subject>, Option<Time>), Decline> {
        // "10-year yield on March 9, 2020?": a rate (or another level-like
        // series) and a time alone ask its level.
        let named_with_time = self.wh.is_none()
            && !self.windows().is_empty()
            && subjects.iter().all(|s| self.is_level_like(s));
        let asks = matches!(self.wh, Some("what" | "where"))
            || self.has("qword", &["level", "latest"])
            || self.has("level", &[])
            || named_with_time;
        if !asks {
            return Err(Decline::NoShape);
        }
        self.take_spread_word(&subjects);
        self.take_all("qword", &["level"]);
        self.take_all("level", &["close"]);
        self.take_all("ranked", &["close"]);
        let time = self.window_or_now("")?;
        if subjects.iter().all(|s| !self.is_rate(s)) && time.is_none() && !matches!(self.wh, Some("where")) && subjects.iter().any(|s| matches!(s, Subject::Symbol { symbol } if self.kind_of(symbol).is_some_and(|k| matches!(k, InstrumentKind::Index | InstrumentKind::Etf)))) {
            self.notes.push("read as the latest close".into());
        }
        Ok((
            Ask::Level {
                field: FieldHint::Close,
            },
            subjects,
            time,
        ))
    }

    /// "the 2s10s spread": the noun of a spread that was named.
    fn take_spread_word(&mut self, subjects: &[Subject]) {
        if subjects.iter().any(|s| matches!(s, Subject::Spread { .. })) {
            self.take_all("noun", &["spread"]);
        }
    }

    /// A capitalised word no recogniser read (a company, an index not held).
    fn unknown_name(&self) -> Option<String> {
        let first = self
            .doc
            .tokens
            .iter()
            .position(|t| t.kind != TokKind::Punct)?;
        self.doc.tokens.iter().enumerate().find_map(|(i, t)| {
            let known = self.words.iter().any(|w| (w.start..w.end).contains(&i));
            (i != first
                && t.kind == TokKind::Word
                && t.capitalised
                && !known
                && !self.chunks.taken[i])
                .then(|| t.norm.clone())
        })
    }

    /// Every word the shape did not read must be glue or filler; every
    /// instrument, time and figure must have been read.
    fn coverage(&self) -> Result<(), Decline> {
        let mut unread: Vec<String> = Vec::new();
        let glue = |i: usize| {
            self.words
                .iter()
                .any(|w| (w.cat == "glue" || w.cat == "filler") && (w.start..w.end).contains(&i))
        };
        for (i, t) in self.doc.tokens.iter().enumerate() {
            if self.chunks.taken[i] || self.used[i] || t.kind == TokKind::Punct || glue(i) {
                continue;
            }
            unread.push(self.text.get(t.start..t.end).unwrap_or("").to_string());
        }
        for (k, m) in self.chunks.mentions.iter().enumerate() {
            if !self.mention_used[k] {
                unread.push(self.span_text(m.tokens.clone()));
            }
        }
        for (k, c) in self.chunks.times.iter().enumerate() {
            if !self.time_used[k] {
                unread.push(self.span_text(c.tokens.clone()));
            }
        }
        for (k, q) in self.chunks.quantities.iter().enumerate() {
            if !self.qty_used[k] {
                unread.push(self.span_text(q.tokens.clone()));
            }
        }
        if unread.is_empty() {
            return Ok(());
        }
        if let Some(name) = self.unknown_name() {
            if unread.contains(&name) || unread.iter().any(|w| w.eq_ignore_ascii_case(&name)) {
                return Err(Decline::UnknownName {
                    name: unread
                        .iter()
                        .find(|w| w.eq_ignore_ascii_case(&name))
                        .cloned()
                        .unwrap_or(name),
                });
            }
        }
        Err(Decline::Unread { words: unread })
    }
}

/// The same window moved by `months` months (and `days` days).
fn shift_time(t: &Time, months: i32, days: i64) -> Option<Time> {
    let shift = |d: Date| -> Option<Date> {
        let d = if months >= 0 {
            d.checked_add_months(chrono::Months::new(months.unsigned_abs()))?
        } else {
            d.checked_sub_months(chrono::Months::new(months.unsigned_abs()))?
        };
        Some(d + chrono::Duration::days(days))
    };
    Some(match t {
        Time::Span {
            from,
            to,
            grain,
            range,
        } => {
            // A month's last day stays the month's last day.
            let to2 = if days == 0
                && matches!(
                    grain,
                    Grain::Month
                        | Grain::Quarter
                        | Grain::Half
                        | Grain::Year
                        | Grain::LateMonth
                        | Grain::Span
                )
                && to.day() >= 28
            {
                let s = shift(*to)?;
                crate::chunk::time::month_end(s.year(), s.month())?
            } else {
                shift(*to)?
            };
            Time::Span {
                from: shift(*from)?,
                to: to2,
                grain: *grain,
                range: *range,
            }
        }
        Time::Since { from, to, grain } => Time::Since {
            from: shift(*from)?,
            to: shift(*to)?,
            grain: *grain,
        },
        _ => return None,
    })
}

/// Replaces the figure a flag tests ("above 5000" → "above 6000").
fn replace_threshold(flag: &mut Measure, x: f64) -> bool {
    let Measure::Flag { pred, .. } = flag else {
        return false;
    };
    let sign = |old: f64| if old < 0.0 { -x.abs() } else { x };
    *pred = match *pred {
        Pred::Gt(o) => Pred::Gt(sign(o)),
        Pred::Ge(o) => Pred::Ge(sign(o)),
        Pred::Lt(o) => Pred::Lt(sign(o)),
        Pred::Le(o) => Pred::Le(sign(o)),
        Pred::AbsGt(_) => Pred::AbsGt(x.abs()),
        Pred::AbsGe(_) => Pred::AbsGe(x.abs()),
        Pred::NewMax | Pred::NewMin => return false,
    };
    true
}
