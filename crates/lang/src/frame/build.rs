//! The constructions: each reads one shape of claim around an anchor in a
//! sentence and fills a [`Frame`]. They run in a fixed order, from the most
//! specific to the most general; an item taken by one is not read again.
//!
//! | construction | reads | examples |
//! |---|---|---|
//! | [`Builder::fed`] | policy-rate decisions, ranges, counts | "raised rates by 25 basis points to a range of 3% to 3.25%" |
//! | [`Builder::since`] | a superlative and how far back it reaches | "its lowest close since April 1997", "the worst day in nearly three months", "rose the most since February", "its first close above 1,500 since September 2000" |
//! | [`Builder::rank`] | an ordinal superlative in a window | "the third worst opening gap ever", "the fifth worst day in the past 20 years" |
//! | [`Builder::streak`] | the length of a run | "for the seventh straight session", "a seven-day winning streak", "six straight daily declines", "up for four consecutive weeks" |
//! | [`Builder::count`] | how many times a condition held | "closed at a new high 30 times this year", "three of the past 12 sessions have seen moves of 0.25 per cent or more" |
//! | [`Builder::drawdown`] | the distance below a peak | "down 23.8% from its record high", "7.5% off its peak", "within 1.3% of its all time high" |
//! | [`Builder::extreme`] | the level of a high or low, and when | "its all-time high of 1,527.46 on March 24, 2000", "a five-year low of 13.30 last week" |
//! | [`Builder::record`] | a record set on the day | "closed at a record high", "to a record 701.46" |
//! | [`Builder::volatility`] | a standard deviation of returns | "6.93% when measured over 21 trading days" |
//! | [`Builder::moves`] | a move or a level | "fell 57.86 to 224.84", "a 1.4 per cent gain on the day", "or 3.8 percent", "closed at 1,502.39" |
//! | [`Builder::leftovers`] | any other figure | unverifiable: could not read what it measures |

use super::view::{ItemKind, View};
use super::{Claimed, FedWhat, FieldHint, Frame, Subj, What, When};
use crate::chunk::{CorefKind, Grain, Hedge, MentionKind, QUnit, Quantity, Time};
use model::{Calendar, Date, Measure, Order, Pred};
use std::ops::Range;

mod cases;
mod rolling;

pub use cases::CaseSet;

/// The measure of the last count claim ("such streaks") and its threshold,
/// carried to the next sentence ("... 5 such streaks").
pub type LastCount = (Measure, Option<u32>);

/// What a sentence hands on to the sentences after it.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// The condition the last count of the text counted ("done so").
    pub last_count: Option<LastCount>,
    /// The earlier cases the text last named ("each earlier case", "the same runs").
    pub cases: Option<CaseSet>,
    /// The last one-day percent move stated for the article's day, and whose
    /// ("declines at least as large").
    pub day_move: Option<(String, f64)>,
}

/// Builds the frames of one sentence.
pub struct Builder<'a> {
    v: &'a View<'a>,
    source: &'a str,
    dateline: Date,
    /// Items an earlier construction took.
    used: Vec<bool>,
    /// Time chunks (by index in `chunks.times`) some frame read.
    pub time_used: Vec<bool>,
    /// The frames built, in anchor order.
    pub frames: Vec<Frame>,
    /// Move and level frames waiting for their window ([`Builder::assign_times`]).
    pending: Vec<Pending>,
    /// The sentence before, in the same paragraph, was about Fed policy.
    pub fed_context: bool,
    /// What the sentences before handed on.
    pub carry: Carry,
}

/// A frame waiting for its window.
#[derive(Debug, Clone)]
struct Pending {
    /// Index in `frames`.
    frame: usize,
    /// Items of its trigger and figure.
    extent: Range<usize>,
    /// ", or 3.8 percent": the frame whose window it shares.
    sibling_of: Option<usize>,
    /// "the initial VIX level of 15.87 on Wednesday": the close before the day.
    before: bool,
    /// The frame's day is fixed otherwise (not taken from the sentence).
    before_day_given: bool,
}

/// What a trigger before a figure says it is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Trigger {
    /// A move word and its sign (1 up, -1 down, 0 either).
    Move {
        item: usize,
        dir: i8,
        intraday: Option<FieldHint>,
    },
    /// A level word ("closed at", "to", "stood at").
    Level {
        item: usize,
        field: FieldHint,
        after_move: Option<i8>,
    },
    /// ", or 3.8 percent": the same trigger as the figure before.
    Sibling { frame: usize },
}

/// Sign of a move label.
fn dir_of(label: &str) -> i8 {
    match label {
        "up" => 1,
        "down" => -1,
        _ => 0,
    }
}

/// Participles that set a comparison after a move ("..., outpacing the
/// S&P 500 by 7.5 percentage points").
const COMPARE_PARTICIPLES: &[&str] = &[
    "outpacing",
    "outperforming",
    "beating",
    "besting",
    "topping",
    "trailing",
    "lagging",
    "underperforming",
];

impl<'a> Builder<'a> {
    /// A builder over one sentence.
    pub fn new(
        v: &'a View<'a>,
        source: &'a str,
        dateline: Date,
        time_used: Vec<bool>,
    ) -> Builder<'a> {
        Builder {
            used: vec![false; v.items.len()],
            v,
            source,
            dateline,
            time_used,
            frames: Vec::new(),
            pending: Vec::new(),
            fed_context: false,
            carry: Carry::default(),
        }
    }

    /// Whether this sentence is about Fed policy (for the next one).
    pub fn is_fed_sentence(&self) -> bool {
        self.fed_sentence()
    }

    /// Runs every construction in order.
    pub fn run(mut self) -> (Vec<Frame>, Vec<bool>, Carry) {
        self.cases();
        self.rolling();
        self.fed();
        self.since();
        self.rank();
        self.streak();
        self.count();
        self.drawdown();
        self.extreme();
        self.record();
        self.volatility();
        self.inverted_since();
        self.turned_sign();
        self.average();
        self.cross_rank();
        self.breadth();
        self.sma();
        self.doubled();
        self.moves();
        self.assign_times();
        self.day_after();
        self.rank_shares_move_window();
        self.latest_published();
        self.leftovers();
        self.frames.sort_by_key(|f| f.span.start);
        self.remember_day_move();
        (self.frames, self.time_used, self.carry)
    }

    /// "soared 9.4%, a day after closing at 2,237.40, its lowest level since
    /// late 2016": what follows "a day after" (and its appositive) is about
    /// the session before.
    fn day_after(&mut self) {
        let toks = &self.v.doc.tokens;
        let norm = |k: usize| toks.get(k).map_or("", |t| t.norm.as_str());
        let sent = &self.v.doc.sentences[self.v.sentence];
        let Some(after) = sent.tokens.clone().find(|k| {
            matches!(norm(*k), "a" | "one" | "the")
                && matches!(norm(k + 1), "day" | "session")
                && norm(k + 2) == "after"
        }) else {
            return;
        };
        let phrase_start = after + 3;
        // The phrase runs to the end of the sentence, or to a comma that
        // does not open an appositive ("its ...").
        let mut end = sent.tokens.end;
        let mut k = phrase_start;
        while k < sent.tokens.end {
            if norm(k) == "," && norm(k + 1) != "its" {
                end = k;
                break;
            }
            k += 1;
        }
        let dateline = self.dateline;
        for f in &mut self.frames {
            if f.sentence == self.v.sentence
                && f.when == When::Default
                && f.anchor.is_none_or(|d| d == dateline)
                && f.span.start >= phrase_start
                && f.span.start < end
            {
                f.anchor = None;
                f.when = When::SessionBefore(dateline);
            }
        }
    }

    /// "The Russell 2000's decline ranks 5th among 314 daily declines since
    /// September 10, 1987": the day's move ranked among the window's moves
    /// of its direction, and how many there were. Returns whether it read.
    fn ranks_among(&mut self, i: usize, q: &Quantity) -> bool {
        if !matches!(self.w(i.wrapping_sub(1)), "ranks" | "ranked" | "rank")
            || self.w(i + 1) != "among"
        {
            return false;
        }
        let Some(n) = self.plain_count(i + 2) else {
            return false;
        };
        let noun = if matches!(self.w(i + 3), "daily" | "one-day") {
            i + 4
        } else {
            i + 3
        };
        let stem = self.v.stem(noun);
        let (order, pred) = if cases::DOWN_NOUNS.contains(&stem) {
            (Order::Lowest, Pred::Lt(0.0))
        } else if cases::UP_NOUNS.contains(&stem) {
            (Order::Highest, Pred::Gt(0.0))
        } else {
            return false;
        };
        let Some(since) = self.v.time(noun + 1).and_then(|t| match t.time {
            Time::Since { .. } => Some(t.time.clone()),
            _ => None,
        }) else {
            return false;
        };
        let (s, _, missing) = self.subject(i, i);
        let anchor = self.anchor_day(i);
        let mut rank = Frame::new(
            0..0,
            self.v.sentence,
            What::Rank {
                measure: Measure::daily_return(),
                order,
            },
            Claimed::Rank { n: q.value as u32 },
        );
        rank.subject = s.clone();
        rank.missing = missing.clone();
        rank.anchor = anchor;
        rank.when = When::Time(since.clone());
        let mut count = Frame::new(
            0..0,
            self.v.sentence,
            What::Count {
                measure: Measure::flag(Measure::daily_return(), pred),
                runs: None,
            },
            Claimed::Number {
                value: n,
                decimals: 0,
                hedge: Hedge::Exact,
                unit: QUnit::Plain,
                signed: false,
            },
        );
        count.subject = s;
        count.missing = missing;
        count.anchor = anchor;
        count.when = When::Time(since);
        self.use_time(noun + 1);
        self.push(rank, i - 1..i + 2);
        self.push(count, i + 2..noun + 2);
        true
    }

    /// "XLI fell 1.74% and held up best": the rank is over the window of the
    /// fund's own move in the same clause (its day when it names none), not
    /// a window carried from before.
    fn rank_shares_move_window(&mut self) {
        let clauses = &self.v.doc.sentences[self.v.sentence].clauses;
        let clause_of = |t: usize| clauses.iter().position(|c| c.contains(&t));
        for k in 0..self.frames.len() {
            let f = &self.frames[k];
            if !matches!(f.what, What::CrossRank { .. }) || f.when != When::Default {
                continue;
            }
            let sibling = self.frames.iter().find(|m| {
                matches!(m.what, What::Move { .. })
                    && m.subject == f.subject
                    && clause_of(m.span.start) == clause_of(f.span.start)
            });
            let Some(m) = sibling else {
                continue;
            };
            let when = match &m.when {
                When::Default => {
                    let d = super::lower::frame_day(m, self.dateline);
                    When::Time(Time::Span {
                        from: d,
                        to: d,
                        grain: Grain::Day,
                        range: false,
                    })
                }
                w => w.clone(),
            };
            self.frames[k].when = when;
        }
    }

    /// "was 16.16 for May 1987, the latest month published by October 19,
    /// 1987": the level of a month that is also the last one published on
    /// a day. Both are read: the month's value, and that no later month was
    /// known on that day.
    fn latest_published(&mut self) {
        for k in 0..self.n() {
            let Some(t) = self.v.time(k) else { continue };
            let toks = &self.v.doc.tokens[t.tokens.clone()];
            if !toks
                .iter()
                .any(|x| matches!(x.norm.as_str(), "latest" | "last" | "most"))
            {
                continue;
            }
            if !matches!(
                self.w(k + 1),
                "published" | "available" | "released" | "reported"
            ) {
                continue;
            }
            let at = match (self.w(k + 2), self.w(k + 3)) {
                ("by" | "on", _) => k + 3,
                ("as", "of") => k + 4,
                _ => continue,
            };
            let Some(Time::Span {
                from,
                to,
                grain: Grain::Day,
                ..
            }) = self.v.time(at).map(|t| t.time.clone())
            else {
                continue;
            };
            if from != to {
                continue;
            }
            // The level just before it, of a month ("for May 1987, ...").
            let sentence = self.v.sentence;
            let Some(f) = self.frames.iter_mut().rev().find(|f| {
                f.sentence == sentence
                    && matches!(f.what, What::Level { .. })
                    && matches!(
                        f.when,
                        When::Time(Time::Span {
                            grain: Grain::Month,
                            ..
                        })
                    )
            }) else {
                continue;
            };
            f.latest_by = Some(from);
            let span = self.v.span(k..at + 1);
            f.consumed.push(span);
            self.use_time(k);
            self.use_time(at);
            self.mark(k..at + 1);
        }
    }

    /// Hands on the day's one-day percent move of a named instrument
    /// ("plunged 5.97% on April 4, 2025"), for "declines at least as large".
    fn remember_day_move(&mut self) {
        for f in &self.frames {
            let today = match &f.when {
                When::Default => true,
                When::Time(Time::Span {
                    from,
                    to,
                    grain: Grain::Day,
                    ..
                }) => from == to && *from == self.dateline,
                _ => false,
            };
            if let (
                What::Move {
                    percent: true,
                    field: FieldHint::Close,
                },
                Subj::Symbol(s),
                Claimed::Number {
                    value,
                    signed: true,
                    ..
                },
            ) = (&f.what, &f.subject, &f.claimed)
            {
                if today && f.unread.is_empty() && !f.cumulative {
                    self.carry.day_move = Some((s.clone(), *value));
                }
            }
        }
    }

    // ----- shared helpers ---------------------------------------------------

    fn n(&self) -> usize {
        self.v.items.len()
    }
    fn w(&self, i: usize) -> &'a str {
        self.v.word(i)
    }
    fn is_tok(&self, i: usize) -> bool {
        self.v
            .items
            .get(i)
            .is_some_and(|it| it.kind == ItemKind::Tok)
    }
    fn qty(&self, i: usize) -> Option<&'a Quantity> {
        self.v.qty(i)
    }
    fn items_tokens(&self, r: Range<usize>) -> Range<usize> {
        self.v.span(r)
    }
    fn text(&self, r: Range<usize>) -> String {
        self.v.text(self.items_tokens(r), self.source)
    }
    fn lex(&self, i: usize, category: &str) -> Option<(&'static str, usize)> {
        self.v.lex(i, category).map(|(h, after)| (h.label, after))
    }
    fn glue(&self, i: usize) -> bool {
        self.lex(i, "glue").is_some_and(|(_, a)| a == i + 1)
            || self.lex(i, "filler").is_some_and(|(_, a)| a == i + 1)
    }
    fn punct(&self, i: usize) -> bool {
        self.is_tok(i) && self.v.token(i).kind == crate::text::TokKind::Punct
    }
    fn mark(&mut self, r: Range<usize>) {
        for k in r {
            if k < self.used.len() {
                self.used[k] = true;
            }
        }
    }
    fn clause(&self, i: usize) -> Range<usize> {
        self.v.clause_of(i)
    }
    fn push(&mut self, mut f: Frame, items: Range<usize>) {
        f.span = self.items_tokens(items.clone());
        f.consumed.push(f.span.clone());
        self.mark(items);
        self.frames.push(f);
    }
    fn claimed_number(q: &Quantity, sign: i8) -> Claimed {
        let value = match (q.sign, sign) {
            (Some(_), _) => q.signed(),
            (None, s) if s < 0 => -q.value.abs(),
            _ => q.value,
        };
        Claimed::Number {
            value,
            decimals: q.decimals,
            hedge: q.hedge,
            unit: q.unit,
            signed: q.sign.is_some() || sign != 0,
        }
    }
    /// The day a clause speaks of: a day written in it (not read by another
    /// frame), else one that opens the sentence, else none (the dateline).
    fn day_of(&mut self, around: usize) -> (When, Option<usize>) {
        let clause = self.clause(around);
        let is_day = |t: &Time| {
            matches!(
                t,
                Time::Span {
                    grain: Grain::Day,
                    ..
                }
            )
        };
        for i in clause.clone() {
            if let Some(t) = self.v.time(i) {
                if is_day(&t.time) && !self.used[i] && !self.is_reference_day(i) {
                    return (When::Time(t.time.clone()), Some(i));
                }
            }
        }
        if let Some(i) = self.opening_time() {
            if let Some(t) = self.v.time(i) {
                if is_day(&t.time) && !self.is_reference_day(i) {
                    return (When::Time(t.time.clone()), Some(i));
                }
            }
        }
        for i in 0..self.n() {
            if let Some(t) = self.v.time(i) {
                // Not across a semicolon: "...its worst week; on Monday alone it fell 3%".
                let (lo, hi) = if i < around { (i, around) } else { (around, i) };
                let semicolon = lo < hi && self.punct_between(lo, hi, &[";"]);
                if is_day(&t.time)
                    && !self.used[i]
                    && !clause.contains(&i)
                    && !semicolon
                    && !self.is_reference_day(i)
                {
                    return (When::Time(t.time.clone()), Some(i));
                }
            }
        }
        (When::Default, None)
    }

    /// The anchor day of a frame from [`Self::day_of`], marking the time
    /// read. "Entering trading on Tuesday", "heading into Friday": the close
    /// before that day.
    fn anchor_day(&mut self, around: usize) -> Option<Date> {
        let (when, item) = self.day_of(around);
        // The day is read but stays free: other claims of the sentence are about it too.
        if let Some(i) = item {
            self.read_time(i);
        }
        let entering = item.is_some_and(|i| {
            (i.saturating_sub(4)..i).any(|k| matches!(self.w(k), "entering" | "heading" | "into"))
        });
        match when {
            When::Time(Time::Span { from, .. }) if entering => {
                Some(model::calendar::prev_session(from))
            }
            When::Time(Time::Span { from, .. }) => Some(from),
            _ => None,
        }
    }

    /// A time that opens the sentence before any mention or figure: "In
    /// 2002, ...", "On March 16, 2020, ...", "For the year, ...".
    fn opening_time(&self) -> Option<usize> {
        // "During the 11-day streak spanning Dec. 1 through Jan. 16, the
        // index gained 7.88%": an opening adverbial names the window of the
        // whole sentence, though a name or a figure comes before its time.
        let adverbial = (0..self.n().min(3)).any(|i| {
            matches!(
                self.w(i),
                "during" | "over" | "throughout" | "across" | "for" | "in" | "from" | "between"
            )
        });
        let first_clause_end = self.v.clauses.first().map_or(self.n(), |c| c.end);
        for i in 0..self.n() {
            if self.v.time(i).is_some() {
                return (!self.is_base_day(i) && !self.used[i]).then_some(i);
            }
            if self.v.mention(i).is_some() || self.qty(i).is_some() {
                if adverbial && i < first_clause_end {
                    continue;
                }
                return None;
            }
        }
        None
    }

    /// Marks a time as read without taking it (a day shared by the claims of a sentence).
    fn read_time(&mut self, item: usize) {
        if let ItemKind::Time(k) = self.v.items[item].kind {
            if let Some(u) = self.time_used.get_mut(k) {
                *u = true;
            }
        }
    }

    /// Takes a time: it is part of this claim's meaning (its window, the date
    /// of a record it names) and no other claim reads it.
    fn use_time(&mut self, item: usize) {
        if let ItemKind::Time(k) = self.v.items[item].kind {
            if let Some(u) = self.time_used.get_mut(k) {
                *u = true;
            }
            self.used[item] = true;
        }
    }

    /// Whether mention item `i` is a benchmark ("over the S&P 500", "than
    /// large caps", "outperformed the S&P 500"), not a subject.
    fn is_benchmark_item(&self, i: usize) -> bool {
        // "sectors lagged: Communication Services declined 1.16%": a colon
        // or semicolon ends the comparison; what follows is a subject.
        let lo = (i.saturating_sub(3)..i)
            .rev()
            .find(|&k| self.colon_between(k, i))
            .map_or(i.saturating_sub(3), |k| k + 1);
        (lo..i).any(|k| {
            matches!(
                self.w(k),
                "over" | "than" | "against" | "versus" | "vs" | "relative"
            ) || self.v.stem(k).starts_with("outperform")
                || matches!(
                    self.v.stem(k),
                    "outpac" | "beat" | "beaten" | "exceed" | "trail" | "lag" | "underperform"
                )
        })
    }

    /// The first item of a crossing before the figure at `i`: a move verb
    /// and "above"/"below"/"past" ("jumped above 30", "fell below 4%"), or a
    /// crossing verb ("topped 1,000", "crossed 5,000", "breached 20").
    /// "closed above 50" is a level, not a crossing.
    fn crossing_before(&self, i: usize) -> Option<usize> {
        let k = i.checked_sub(1)?;
        // "briefly rose past 2,000": the intraday extreme, read as such.
        let clause = self.clause(i);
        if clause
            .clone()
            .any(|j| matches!(self.w(j), "briefly" | "intraday"))
        {
            return None;
        }
        // "above 30" may be the figure's own hedge.
        let first = &self.v.doc.tokens[self.v.items[i].tokens.start];
        let hedge_side = matches!(first.norm.as_str(), "above" | "below" | "past");
        let crossing_verb = |j: usize| {
            matches!(
                self.v.stem(j),
                "top" | "surpass" | "cross" | "breach" | "broke" | "eclips" | "pierc"
            )
        };
        if hedge_side || matches!(self.w(k), "above" | "below" | "past" | "through") {
            let v = if hedge_side { k } else { k.checked_sub(1)? };
            let level_verb = matches!(
                self.v.stem(v),
                "close"
                    | "clos"
                    | "finish"
                    | "end"
                    | "stay"
                    | "remain"
                    | "held"
                    | "hold"
                    | "trade"
                    | "settl"
            );
            let moved = self.lex(v, "move").is_some() || crossing_verb(v);
            return (moved && !level_verb).then_some(v);
        }
        crossing_verb(k).then_some(k)
    }

    /// Whether a colon or semicolon stands between items `a` and `b` (`a < b`),
    /// as a token of either or between them.
    fn colon_between(&self, a: usize, b: usize) -> bool {
        self.punct_between(a, b, &[":", ";"])
    }

    /// Whether one of `marks` stands between items `a` and `b` (`a < b`):
    /// clause punctuation is not an item, so the tokens are looked at.
    fn punct_between(&self, a: usize, b: usize, marks: &[&str]) -> bool {
        let from = self.v.items[a].tokens.start;
        let to = self.v.items[b].tokens.start;
        self.v.doc.tokens[from..to]
            .iter()
            .any(|t| marks.contains(&t.norm.as_str()))
    }

    /// The subject of a frame anchored at `anchor` with its trigger at
    /// `trigger`: for a noun ("a 1.4 per cent gain ... for the S&P", "a 70%
    /// increase in the VIX") the instrument after it; else the nearest
    /// candidate to the left in the clause — an instrument, a coreference
    /// term, a topic the data cannot decide ("oil prices"), or an unknown
    /// name right before the verb — with an appositive skipped ("the
    /// Wilshire 5,000 Index, comprising stocks on the ... Nasdaq ..., jumped");
    /// else, after a fronted clause ("After ending May at 2.74%, the
    /// 10-year yield ..."), the first instrument after it; else carried.
    fn subject(&self, anchor: usize, trigger: usize) -> (Subj, Option<usize>, Option<String>) {
        let from = anchor.min(trigger);
        let to = anchor.max(trigger);
        let clause = self.clause(from);
        let nominal =
            self.is_tok(trigger) && self.lex(trigger, "move_noun").is_some() && trigger > anchor;
        let right = || {
            for j in to + 1..clause.end.min(to + 8) {
                if matches!(self.w(j), "for" | "by" | "in" | "of") {
                    // "for the S&P", "in the spot Volatility Index"
                    for k in j + 1..(j + 4).min(clause.end) {
                        if let Some(m) = self.v.mention(k) {
                            return Some((subj_of(m), Some(k), None));
                        }
                        if !(self.glue(k) || self.is_tok(k) && self.v.token(k).is_word()) {
                            break;
                        }
                    }
                }
            }
            None
        };
        if nominal {
            if let Some(r) = right() {
                return r;
            }
        }
        // Candidates to the left, nearest first: (item, subject, missing).
        let mut cands: Vec<(usize, Subj, Option<String>)> = Vec::new();
        let mut i = from;
        while i > clause.start {
            i -= 1;
            if let Some(m) = self.v.mention(i) {
                if m.symbol().is_some() && self.is_benchmark_item(i) {
                    continue;
                }
                cands.push((i, subj_of(m), None));
                continue;
            }
            if !self.is_tok(i) {
                continue;
            }
            if let Some((missing, after)) = self.lex(i, "topic") {
                cands.push((
                    i,
                    Subj::Other(self.text(i..after.min(from.max(i + 1)))),
                    Some(missing.to_string()),
                ));
                continue;
            }
            if self.lex(i, "fed_actor").is_some() {
                cands.push((
                    i,
                    Subj::Other(self.text(i..i + 1)),
                    Some("not an instrument: the Fed".to_string()),
                ));
                continue;
            }
            // An unknown capitalised word right before the verb is an unread name ("the S&Pclosed").
            let t = self.v.token(i);
            if t.capitalised
                && t.is_word()
                && i + 1 == from
                && i > clause.start
                && cands.is_empty()
                && self.lex(i, "glue").is_none()
                && self.lex(i, "filler").is_none()
                && self.lex(i, "month").is_none()
                && self.lex(i, "weekday").is_none()
                && self.lex(i, "move").is_none()
                && self.lex(i, "level").is_none()
            {
                cands.push((i, Subj::Other(self.text(i..i + 1)), None));
            }
        }
        // "the MSCI World had its steepest rally": "its" is the clause's own subject.
        let is_pronoun =
            |c: &(usize, Subj, Option<String>)| matches!(c.1, Subj::Coref(CorefKind::Pronoun));
        if cands.first().is_some_and(is_pronoun) && cands.len() > 1 {
            cands.remove(0);
            // "The S&P 500 and Dow posted their best gains": the first of the pair.
            if cands.len() > 1
                && (cands[1].0 + 1..cands[0].0).all(|k| self.w(k) == "and")
                && cands[0].0 == cands[1].0 + 2
            {
                cands.swap(0, 1);
            }
        }
        // "it was the best start for the stock market": the name after wins over a bare "it".
        if cands.len() == 1 && cands.first().is_some_and(is_pronoun) {
            if let Some(r) = right() {
                return r;
            }
        }
        if let Some((first, rest)) = cands.split_first() {
            // Appositive: "A, <description with B>, verb" → A.
            // Appositive: "A, <B's description>, verb" → A. B is enclosed by
            // commas and no verb comes between B and its closing comma.
            let appositive = |c: usize| {
                let open = (clause.start..c).rev().find(|k| self.w(*k) == ",");
                let close = (c + 1..from).find(|k| self.w(*k) == ",");
                let verb = |a: usize, b: usize| {
                    (a..b).any(|k| {
                        self.lex(k, "move").is_some()
                            || self.lex(k, "level").is_some_and(|(l, _)| l != "close")
                    })
                };
                match (open, close) {
                    (Some(_), Some(cl)) => !verb(c + 1, cl),
                    _ => false,
                }
            };
            let chosen = std::iter::once(first)
                .chain(rest.iter())
                .find(|c| !appositive(c.0))
                .unwrap_or(first);
            return (chosen.1.clone(), Some(chosen.0), chosen.2.clone());
        }
        if let Some(r) = right() {
            return r;
        }
        // A fronted clause: the subject comes after it.
        let fronted = matches!(
            self.w(clause.start),
            "after" | "before" | "having" | "despite" | "since" | "following"
        ) || self.v.token(clause.start).norm.ends_with("ing");
        if fronted {
            for j in to + 1..self.n() {
                if let Some(m) = self.v.mention(j) {
                    return (subj_of(m), Some(j), None);
                }
            }
        }
        // A Markdown table row ("| ^RUT | style | ... | -12.53% |"): the
        // instrument its row names first.
        if self.table_row() {
            for j in 0..from {
                if let Some(m) = self.v.mention(j).filter(|m| m.symbol().is_some()) {
                    return (subj_of(m), Some(j), None);
                }
            }
        }
        (Subj::Carried, None, None)
    }

    /// Whether the sentence is a row of a Markdown table.
    fn table_row(&self) -> bool {
        let start = self.v.doc.sentences[self.v.sentence].tokens.start;
        self.v.doc.tokens.get(start).is_some_and(|t| t.norm == "|")
    }

    /// Windows for the move and level frames of the sentence, once all are
    /// built: each time expression goes to the nearest frame of its clause
    /// with no other figure in between ("rose 8.68 to a record 701.46,
    /// extending its gain for the year to 13.9 percent": "for the year" is
    /// the 13.9 percent's); a frame with none takes a time that opens the
    /// sentence; a figure joined by ", or" takes its sibling's.
    fn assign_times(&mut self) {
        let fits = |t: &Time| {
            matches!(
                t,
                Time::Span { .. }
                    | Time::ToDate { .. }
                    | Time::Sessions { .. }
                    | Time::Since { .. }
                    | Time::Anaphor { .. }
                    | Time::Clock { .. }
            )
        };
        let pending = std::mem::take(&mut self.pending);
        let mut assigned: Vec<Option<(usize, usize)>> = vec![None; pending.len()]; // (distance, time item)
                                                                                   // A figure between a frame and a time blocks it, including a number
                                                                                   // left out as no market figure ("after employers added 177,000 jobs
                                                                                   // in April": April is the jobs' month).
        let qty_items: Vec<usize> = (0..self.n())
            .filter(|k| {
                self.qty(*k).is_some()
                    || (self.is_tok(*k) && self.v.token(*k).kind == crate::text::TokKind::Number)
            })
            .collect();
        for t in 0..self.n() {
            let Some(tc) = self.v.time(t) else { continue };
            if self.used[t] || !fits(&tc.time) {
                continue;
            }
            if self.is_base_day(t) {
                // "than Friday's close", "the prior close on Oct. 23": the base, not the day.
                self.use_time(t);
                continue;
            }
            let clause = self.clause(t);
            let mut best: Option<(usize, usize)> = None; // (distance, pending idx)
            for (pi, p) in pending.iter().enumerate() {
                if p.sibling_of.is_some() || !clause.contains(&p.extent.start) {
                    continue;
                }
                let (lo, hi) = if t < p.extent.start {
                    (t, p.extent.start)
                } else {
                    (p.extent.end, t)
                };
                let own = |k: usize| {
                    pending.iter().any(|q| {
                        (q.sibling_of == Some(p.frame) || q.frame == p.frame)
                            && q.extent.contains(&k)
                    })
                };
                let blocked = qty_items.iter().any(|k| *k > lo && *k < hi && !own(*k));
                // "shedding 113.19 points ... and erasing its gain for 2018":
                // a window after "and" and another participle is that
                // predicate's.
                let next_predicate = t > p.extent.start
                    && (lo..hi).any(|j| {
                        self.w(j) == "and"
                            && self.w(j + 1).len() > 4
                            && self.w(j + 1).ends_with("ing")
                    });
                if blocked || next_predicate {
                    continue;
                }
                // "rose 0.4% to 7,674.37 and ended the week down 1.4%": a
                // time after "and" opens the next predicate.
                let opens_next = t > 0 && matches!(self.w(t - 1), "and" | "but");
                let d = hi.saturating_sub(lo) + usize::from(opens_next && t > p.extent.start);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, pi));
                }
            }
            if let Some((d, pi)) = best {
                if assigned[pi].is_none_or(|(ad, _)| d < ad) {
                    assigned[pi] = Some((d, t));
                }
            }
        }
        let opening = self
            .opening_time()
            .filter(|i| self.v.time(*i).is_some_and(|t| fits(&t.time)));
        for (pi, p) in pending.iter().enumerate() {
            if p.sibling_of.is_some() {
                continue;
            }
            // ", when it dropped 14.5%": the period named just before.
            if let Some(t) = self.when_clause_period(p.extent.start) {
                self.frames[p.frame].when = When::Time(t);
                continue;
            }
            let item = assigned[pi].map(|(_, t)| t).or(opening);
            let Some(item) = item else { continue };
            let Some(mut time) = self.v.time(item).map(|t| t.time.clone()) else {
                continue;
            };
            self.use_time(item);
            // "In 2016, the index was up 6.7% for the whole second half": the
            // part of a year takes the year named beside it.
            if self.v.time(item).is_some_and(|t| t.year_implied) {
                if let Some((y, yi)) = self.year_beside(p.extent.start) {
                    if let Time::Span {
                        from,
                        to,
                        grain,
                        range,
                    } = time
                    {
                        let shift = |d: Date| {
                            chrono::NaiveDate::from_ymd_opt(
                                y,
                                chrono::Datelike::month(&d),
                                chrono::Datelike::day(&d),
                            )
                            .or_else(|| {
                                chrono::NaiveDate::from_ymd_opt(y, chrono::Datelike::month(&d), 28)
                            })
                        };
                        if let (Some(a), Some(b)) = (shift(from), shift(to)) {
                            time = Time::Span {
                                from: a,
                                to: b,
                                grain,
                                range,
                            };
                            self.use_time(yi);
                        }
                    }
                }
            }
            let f = &mut self.frames[p.frame];
            match time {
                Time::Clock { close: true } => {}
                Time::Clock { close: false } => {
                    let intraday_field = matches!(
                        f.what,
                        What::Level {
                            field: FieldHint::High | FieldHint::Low
                        } | What::Extreme { .. }
                            | What::Move {
                                field: FieldHint::High | FieldHint::Low | FieldHint::Either,
                                ..
                            }
                    );
                    if !intraday_field {
                        let text = self.v.text(self.v.items[item].tokens.clone(), self.source);
                        f.unread
                            .push(format!("{text} (an intraday time; the data are daily)"));
                    }
                }
                t => f.when = When::Time(t),
            }
        }
        // "up 481.28 points or 4.32% this week to 11621.71": a move and the
        // level it ended at share one window.
        for (pi, p) in pending.iter().enumerate() {
            if p.sibling_of.is_some() || self.frames[p.frame].when != When::Default {
                continue;
            }
            let partner = pending.iter().enumerate().find(|(qi, q)| {
                *qi != pi
                    && q.sibling_of.is_none()
                    && self.clause(q.extent.start) == self.clause(p.extent.start)
                    && q.extent.start >= p.extent.end
                    && q.extent.start <= p.extent.end + 6
                    && matches!(self.frames[q.frame].what, What::Level { .. })
                    && self.frames[q.frame].when != When::Default
            });
            if let Some((_, q)) = partner {
                let w = self.frames[q.frame].when.clone();
                if matches!(self.frames[p.frame].what, What::Move { .. }) {
                    self.frames[p.frame].when = w;
                }
            }
        }
        // "The Russell 2000 rose 7.89% from D1 to D2, while the S&P 500 rose
        // 1.38%": a contrast or comparison clause without a window of its
        // own shares the window of the move it is set against.
        for p in &pending {
            let clause = self.clause(p.extent.start);
            // No window of its own: none written in the clause (a day taken
            // from elsewhere in the sentence gives way).
            // "..., outpacing the S&P 500 by 7.5 percentage points": a
            // comparison set after the move shares its window too; its own
            // words run to the next comma.
            let comma_before = (clause.start..p.extent.start)
                .rev()
                .find(|k| self.w(*k) == ",");
            let participle =
                comma_before.is_some_and(|c| COMPARE_PARTICIPLES.contains(&self.w(c + 1)));
            let own_words = match comma_before {
                Some(c) if participle => {
                    let end = (p.extent.start..clause.end)
                        .find(|k| self.w(*k) == ",")
                        .unwrap_or(clause.end);
                    c + 1..end
                }
                _ => clause.clone(),
            };
            let own_time = own_words.clone().any(|k| self.v.time(k).is_some());
            if p.sibling_of.is_some()
                || own_time
                || !matches!(self.frames[p.frame].what, What::Move { .. })
            {
                continue;
            }
            let opener = self.w(clause.start);
            let contrast =
                matches!(opener, "while" | "whereas") || COMPARE_PARTICIPLES.contains(&opener);
            if !participle && !contrast {
                continue;
            }
            // The move before it, whether its window came with it or was assigned.
            let clause_token = self.v.items[own_words.start].tokens.start;
            let before = self.frames.iter().rev().find(|f| {
                f.span.start < clause_token
                    && matches!(f.what, What::Move { .. })
                    && matches!(f.when, When::Time(Time::Span { .. } | Time::ToDate { .. }))
            });
            if let Some(f) = before {
                let w = f.when.clone();
                self.frames[p.frame].when = w;
            }
        }
        // A day named anywhere in the sentence (and not read by another kind
        // of claim, nor a base day) is the day of the frames left without a window.
        let day = (0..self.n()).find_map(|k| match self.v.time(k).map(|t| &t.time) {
            Some(
                t @ Time::Span {
                    grain: Grain::Day, ..
                },
            ) if (!self.used[k] || assigned.iter().flatten().any(|(_, a)| *a == k))
                && !self.is_base_day(k) =>
            {
                Some((k, t.clone()))
            }
            _ => None,
        });
        if let Some((k, t)) = day {
            let mut used = false;
            for p in &pending {
                if p.sibling_of.is_none()
                    && self.frames[p.frame].when == When::Default
                    && !p.before_day_given
                {
                    self.frames[p.frame].when = When::Time(t.clone());
                    used = true;
                }
            }
            if used {
                self.use_time(k);
            }
        }
        // "the initial level of 15.87 on Wednesday": the close before that day.
        for p in &pending {
            if p.before {
                let f = &mut self.frames[p.frame];
                let day = match &f.when {
                    When::Time(Time::Span { from, .. } | Time::ToDate { from, .. }) => *from,
                    _ => self.dateline,
                };
                f.when = When::SessionBefore(day);
            }
        }
        // Siblings share their base frame's window.
        for p in &pending {
            if let Some(base) = p.sibling_of {
                let when = self.frames[base].when.clone();
                let unread = self.frames[base].unread.clone();
                let f = &mut self.frames[p.frame];
                if f.when == When::Default {
                    f.when = when;
                }
                for u in unread {
                    if !f.unread.contains(&u) {
                        f.unread.push(u);
                    }
                }
            }
        }
    }

    /// The year named nearest before item `at` in its clause (else after it),
    /// not read by another claim: (year, item).
    fn year_beside(&self, at: usize) -> Option<(i32, usize)> {
        let clause = self.clause(at);
        let year_at = |k: usize| match self.v.time(k).map(|t| &t.time) {
            Some(Time::Span {
                from,
                grain: Grain::Year,
                ..
            }) if !self.used[k] => Some((chrono::Datelike::year(from), k)),
            _ => None,
        };
        (clause.start..at)
            .rev()
            .find_map(year_at)
            .or_else(|| (at..clause.end).find_map(year_at))
    }

    /// "intraday", "during the session": an item that says the figure is intraday.
    fn is_intraday_item(&self, k: usize) -> bool {
        self.w(k) == "intraday"
            || self
                .v
                .time(k)
                .is_some_and(|t| matches!(t.time, Time::Clock { close: false }))
    }

    /// A day that is the base of a comparison, not the day a claim is about:
    /// "than Friday's close", "the prior close on Oct. 23, 2008".
    /// A day that names a reference, not when the claim happened: "its
    /// April 29 high", "its Feb. 19 record", "from the March 23 low".
    fn is_reference_day(&self, k: usize) -> bool {
        let after = self.w(k + 1);
        let after2 = self.w(k + 2);
        let noun = |w: &str| {
            matches!(
                w,
                "high"
                    | "highs"
                    | "low"
                    | "lows"
                    | "peak"
                    | "record"
                    | "top"
                    | "bottom"
                    | "trough"
                    | "close"
                    | "level"
            )
        };
        let its = k > 0 && matches!(self.w(k - 1), "its" | "their" | "the");
        noun(after) || (its && (noun(after2) || self.lex(k + 1, "record").is_some()))
    }

    fn is_base_day(&self, k: usize) -> bool {
        let before = (k.saturating_sub(3)..k)
            .map(|j| self.w(j))
            .collect::<Vec<_>>();
        let after = self.w(k + 1);
        before.contains(&"than")
            || (before.contains(&"prior") || before.contains(&"previous"))
                && before.contains(&"close")
            || before.last() == Some(&"than")
            || (after == "close" && before.contains(&"than"))
    }

    /// The period a "when" clause refers to: "its worst December since 1931,
    /// when it dropped 14.5%" (December 1931), "The worst-ever first half was
    /// in 1970, when it was down 21.01%" (the first half of 1970).
    fn when_clause_period(&mut self, at: usize) -> Option<Time> {
        let clause = self.clause(at);
        let when_at = (clause.start.saturating_sub(1)..at)
            .rev()
            .find(|k| self.w(*k) == "when")?;
        // The year named before "when".
        let year = (0..when_at)
            .rev()
            .find_map(|k| match self.v.time(k).map(|t| &t.time) {
                Some(
                    Time::Since {
                        from,
                        grain: Grain::Year,
                        ..
                    }
                    | Time::Span {
                        from,
                        grain: Grain::Year,
                        ..
                    },
                ) => Some((chrono::Datelike::year(from), k)),
                _ => None,
            })?;
        // A calendar part named in the sentence: "December", "first half".
        let part = (0..self.n()).find_map(|k| match self.v.time(k).map(|t| &t.time) {
            Some(Time::Span {
                from,
                grain: g @ (Grain::Month | Grain::Half | Grain::Quarter),
                ..
            }) => Some((*g, chrono::Datelike::month(from), k)),
            _ => None,
        });
        let y = year.0;
        let ymd = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d);
        let end_of = |y: i32, m: u32| {
            if m == 12 {
                ymd(y, 12, 31)
            } else {
                ymd(y, m + 1, 1).map(|d| d - chrono::Duration::days(1))
            }
        };
        let (from, to, grain) = match part {
            Some((Grain::Month, m, k)) => {
                self.use_time(k);
                (ymd(y, m, 1)?, end_of(y, m)?, Grain::Month)
            }
            Some((Grain::Half, m, k)) => {
                self.use_time(k);
                (ymd(y, m, 1)?, end_of(y, m + 5)?, Grain::Half)
            }
            Some((Grain::Quarter, m, k)) => {
                self.use_time(k);
                (ymd(y, m, 1)?, end_of(y, m + 2)?, Grain::Quarter)
            }
            _ => (ymd(y, 1, 1)?, ymd(y, 12, 31)?, Grain::Year),
        };
        self.use_time(year.1);
        Some(Time::Span {
            from,
            to,
            grain,
            range: false,
        })
    }

    // ----- Fed --------------------------------------------------------------

    /// Whether the sentence is about Fed policy and names no market instrument.
    fn fed_sentence(&self) -> bool {
        let fed = (0..self.n()).any(|i| {
            self.lex(i, "fed_actor").is_some()
                || self
                    .v
                    .mention(i)
                    .and_then(|m| m.symbol())
                    .is_some_and(|s| s.starts_with("DFEDTAR"))
        }) || (0..self.n()).any(|i| {
            self.lex(i, "fed")
                .is_some_and(|(l, a)| l == "range" && a > i + 1)
        });
        let market = (0..self.n()).any(|i| {
            self.v.mention(i).is_some_and(|m| match m.symbol() {
                Some(s) => !s.starts_with("DFEDTAR") && s != "DFF",
                // "the fund", "the index": a market instrument named before.
                None => matches!(
                    m.kind,
                    MentionKind::Coref {
                        kind: CorefKind::Index | CorefKind::Fund
                    }
                ),
            })
        });
        fed && !market
    }

    /// Whether the sentence has policy words ("meeting", "leave them where
    /// they are", "rates") and no market instrument.
    fn fed_words_here(&self) -> bool {
        let policy = (0..self.n())
            .any(|i| self.lex(i, "fed").is_some() || matches!(self.w(i), "meeting" | "meetings"));
        let market = (0..self.n()).any(|i| {
            self.v
                .mention(i)
                .is_some_and(|m| m.symbol().is_some_and(|s| !s.starts_with("DFEDTAR")))
        });
        policy && !market
    }

    /// A decision noun right after the count at item `i` ("two rate cuts",
    /// "three Federal Reserve rate hikes"): cut (-1) or hike (1).
    fn decision_noun_after(&self, i: usize) -> Option<i8> {
        let clause = self.clause(i);
        for k in i + 1..clause.end.min(i + 6) {
            if let Some((label, _)) = self.lex(k, "fed") {
                return match label {
                    "hike" => Some(1),
                    "cut" => Some(-1),
                    _ => None,
                };
            }
            // "three consecutive 0.25% rate cuts": a size may stand between.
            let size = self.qty(k).is_some_and(|q| {
                matches!(
                    q.unit,
                    QUnit::Percent | QUnit::BasisPoints | QUnit::PercentagePoints
                )
            });
            if (self.qty(k).is_some() && !size) || self.v.time(k).is_some() {
                return None;
            }
        }
        None
    }

    /// The policy verb before item `i` in its clause: hike (1), cut (-1), hold (0).
    fn fed_verb(&self, i: usize) -> Option<i8> {
        let clause = self.clause(i);
        (clause.start..i).rev().find_map(|k| {
            self.lex(k, "fed")
                .and_then(|(l, _)| match l {
                    "hike" => Some(1i8),
                    "cut" => Some(-1),
                    "hold" => Some(0),
                    _ => None,
                })
                // "edged it up 0.25 percentage point": a plain move word nearer.
                .or_else(|| {
                    self.lex(k, "move")
                        .map(|(l, _)| dir_of(l))
                        .filter(|d| *d != 0)
                })
        })
    }

    /// Policy-rate claims, in sentences about the Fed that name no market
    /// instrument: "raised rates by 25 basis points" (a decision, in bp), "to
    /// a range of 3% to 3.25%" (the range after), "its prior range of 5.25% to
    /// 5.5%", "for the third consecutive time" (meetings in a row), "the
    /// eighth interest rate cut this year" (a count), "the first reduction in
    /// four years" (how long since the previous one).
    pub fn fed(&mut self) {
        // In a sentence that is also about markets, only a count the Fed
        // is named in ("The Federal Reserve's two rate cuts in late 2025
        // have helped small caps").
        let market_too = !(self.fed_sentence() || self.fed_context && self.fed_words_here());
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            if market_too
                && !(self.decision_noun_after(i).is_some()
                    && (i.saturating_sub(4)..(i + 6).min(self.n()))
                        .any(|k| self.lex(k, "fed_actor").is_some()))
            {
                continue;
            }
            // "the first reduction in four years", "for the first time in 9 1/2 years"
            if self.v.token(i).norm == "first" {
                let clause = self.clause(i);
                // "its first cut since March 2020": when the one before came,
                // which this reader does not compare; not a count.
                let since = (i + 1..clause.end.min(i + 6)).find(|k| {
                    self.v
                        .time(*k)
                        .is_some_and(|t| matches!(t.time, Time::Since { .. }))
                });
                if let Some(l) = since {
                    let mut f = Frame::new(
                        0..0,
                        self.v.sentence,
                        What::Fed(FedWhat::Count(0)),
                        Claimed::Number {
                            value: 1.0,
                            decimals: 0,
                            hedge: Hedge::Exact,
                            unit: QUnit::Plain,
                            signed: false,
                        },
                    );
                    f.subject = Subj::Fed;
                    f.unread.push(format!(
                        "'{}' (the decision before it)",
                        self.text(i..l + 1)
                    ));
                    self.use_time(l);
                    self.push(f, i..l + 1);
                    continue;
                }
                let look = (i + 1..clause.end.min(i + 6)).find(|k| {
                    self.v
                        .time(*k)
                        .is_some_and(|t| matches!(t.time, Time::Lookback { .. }))
                });
                if let Some(l) = look {
                    let kind = (i + 1..l)
                        .find_map(|k| {
                            self.lex(k, "fed").and_then(|(lab, _)| match lab {
                                "hike" => Some(1i8),
                                "cut" => Some(-1),
                                _ => None,
                            })
                        })
                        .or_else(|| self.fed_verb(i))
                        .unwrap_or(0);
                    // "the first reduction in four years": at least four years since the previous one.
                    let claimed = match lookback_claim(
                        &self.v.time(l).map(|t| t.time.clone()).unwrap_or(Time::Ever),
                    ) {
                        Claimed::Lookback {
                            min_days,
                            max_days,
                            label,
                        } if max_days < i64::MAX / 8 => {
                            let center = (min_days + max_days) / 2;
                            Claimed::Lookback {
                                min_days: center - 3,
                                max_days: center + 368,
                                label,
                            }
                        }
                        c => c,
                    };
                    let mut f = Frame::new(
                        0..0,
                        self.v.sentence,
                        What::Fed(FedWhat::Since(kind)),
                        claimed,
                    );
                    f.subject = Subj::Fed;
                    f.anchor = self.anchor_day(i);
                    self.use_time(l);
                    self.push(f, i..l + 1);
                    continue;
                }
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            let clause = self.clause(i);
            let verb = self.fed_verb(i);
            let policy_words = (clause.start..clause.end).any(|k| self.lex(k, "fed").is_some());
            let prior = (i.saturating_sub(4)..i)
                .any(|k| matches!(self.w(k), "prior" | "previous" | "from"));
            let consecutive = (i + 1..clause.end.min(i + 4))
                .any(|k| matches!(self.w(k), "consecutive" | "straight" | "successive" | "row"));
            // "by 25 basis points", "by a quarter point"
            let by = i > 0 && self.w(i - 1) == "by"
                || i > 1 && matches!(self.w(i - 1), "a" | "an") && self.w(i - 2) == "by";
            let what = if q.high.is_some() {
                let what = if prior {
                    FedWhat::PriorRange
                } else {
                    FedWhat::Range
                };
                Some((
                    what,
                    Claimed::Range {
                        low: q.value,
                        high: q.high.unwrap_or(q.value),
                        decimals: q.decimals,
                    },
                ))
            } else if (q.ordinal || q.unit == QUnit::Plain) && consecutive {
                Some((
                    FedWhat::Consecutive(verb.or_else(|| self.decision_noun_after(i)).unwrap_or(0)),
                    Claimed::Number {
                        value: q.value,
                        decimals: 0,
                        hedge: q.hedge,
                        unit: QUnit::Plain,
                        signed: false,
                    },
                ))
            } else if q.ordinal && policy_words {
                // "the eighth interest rate cut this year": the count so far.
                Some((
                    FedWhat::Count(verb.unwrap_or(0)),
                    Claimed::Number {
                        value: q.value,
                        decimals: 0,
                        hedge: q.hedge,
                        unit: QUnit::Plain,
                        signed: false,
                    },
                ))
            } else if let Some(dir) = self.decision_noun_after(i).filter(|_| {
                q.unit == QUnit::Plain && !q.ordinal && q.value.fract() == 0.0 && q.value <= 30.0
            }) {
                // "three Federal Reserve rate cuts in late 2025": a count.
                Some((
                    FedWhat::Count(dir),
                    Claimed::Number {
                        value: q.value,
                        decimals: 0,
                        hedge: q.hedge,
                        unit: QUnit::Plain,
                        signed: false,
                    },
                ))
            } else if q.unit == QUnit::Times && policy_words {
                Some((
                    FedWhat::Count(verb.unwrap_or(0)),
                    Claimed::Number {
                        value: q.value,
                        decimals: 0,
                        hedge: q.hedge,
                        unit: QUnit::Plain,
                        signed: false,
                    },
                ))
            } else if matches!(q.unit, QUnit::BasisPoints | QUnit::PercentagePoints)
                || (by
                    && matches!(q.unit, QUnit::Plain | QUnit::Percent | QUnit::Points)
                    && verb.is_some())
            {
                let bp = match q.unit {
                    QUnit::BasisPoints | QUnit::Plain => q.value,
                    // "by a quarter point": a point of a policy rate is a
                    // percentage point ("25 points" would be basis points).
                    QUnit::Points if q.value >= 5.0 => q.value,
                    _ => q.value * 100.0,
                };
                let sign = verb.unwrap_or(0);
                let value = if sign < 0 { -bp } else { bp };
                Some((
                    FedWhat::Change,
                    Claimed::Number {
                        value,
                        decimals: 0,
                        hedge: q.hedge,
                        unit: QUnit::BasisPoints,
                        signed: sign != 0,
                    },
                ))
            } else if q.unit == QUnit::Percent
                && policy_words
                && matches!(self.w(i.wrapping_sub(1)), "to" | "at" | "of")
            {
                // "to 3 percent": a single target rate (before ranges, 2008).
                Some((
                    FedWhat::Range,
                    Claimed::Range {
                        low: q.value,
                        high: q.value,
                        decimals: q.decimals,
                    },
                ))
            } else {
                None
            };
            let Some((what, claimed)) = what else {
                continue;
            };
            let mut f = Frame::new(0..0, self.v.sentence, What::Fed(what), claimed);
            f.subject = Subj::Fed;
            if let FedWhat::Consecutive(_) = what {
                // "dating back to March 2022": where the run began, read as part of the claim.
                for k in i..self.n() {
                    if self.w(k) == "back" || self.w(k) == "since" {
                        if let Some(t) =
                            (k + 1..(k + 3).min(self.n())).find(|j| self.v.time(*j).is_some())
                        {
                            self.use_time(t);
                        }
                    }
                }
                // "Its previous rate-hike in July": the run ends at that month's meeting.
                let month = (0..self.n()).find(|k| {
                    !self.used[*k]
                        && self.v.time(*k).is_some_and(|t| {
                            matches!(
                                t.time,
                                Time::Span {
                                    grain: Grain::Month,
                                    ..
                                }
                            )
                        })
                });
                if let Some(m) = month {
                    if let Some(Time::Span { from, to, .. }) =
                        self.v.time(m).map(|t| t.time.clone())
                    {
                        let meeting = model::fomc::announcements()
                            .iter()
                            .rev()
                            .find(|a| a.date >= from && a.date <= to)
                            .map(|a| a.date);
                        if let Some(d) = meeting {
                            f.anchor = Some(d);
                            self.use_time(m);
                            self.push(f, i..i + 1);
                            continue;
                        }
                    }
                }
            }
            let now = (i.saturating_sub(4)..i).any(|k| matches!(self.w(k), "now" | "currently"));
            if now && matches!(what, FedWhat::Range) {
                f.anchor = Some(self.dateline);
                self.push(f, i..i + 1);
                continue;
            }
            if let FedWhat::Count(_) = what {
                // The window of a count: a time in the clause.
                let window = (clause.start..clause.end).find(|k| {
                    self.v.time(*k).is_some_and(|t| {
                        matches!(
                            t.time,
                            Time::Span { .. } | Time::ToDate { .. } | Time::Since { .. }
                        )
                    })
                });
                if let Some(w) = window {
                    f.when =
                        When::Time(self.v.time(w).map(|t| t.time.clone()).unwrap_or(Time::Ever));
                    self.use_time(w);
                }
                f.anchor = Some(self.dateline);
            } else if let Some((k, day)) = self.day_right_after(i) {
                // "cuts were 25 basis points on July 31, 2019, 25 basis points
                // on September 18, 2019, ...": each size takes its own day.
                f.anchor = Some(day);
                self.use_time(k);
            } else {
                f.anchor = self.anchor_day(i);
            }
            self.push(f, i..i + 1);
        }
    }

    /// A day written right after item `i` ("25 basis points on July 31, 2019").
    fn day_right_after(&self, i: usize) -> Option<(usize, Date)> {
        let mut k = i + 1;
        if self.w(k) == "on" {
            k += 1;
        }
        match self.v.time(k)?.time {
            Time::Span {
                from,
                to,
                grain: Grain::Day,
                ..
            } if from == to && !self.used[k] => Some((k, from)),
            _ => None,
        }
    }

    // ----- since --------------------------------------------------------------

    /// The measure and order a superlative ranks, read from the words after
    /// it (up to the reference): "biggest loss" (daily returns, lowest),
    /// "highest close" (closes, highest), "nine-day drop" (9-session
    /// returns), "two-day point gain" (2-session changes), "worst December"
    /// (Decembers), "longest streak", "opening gap", "one-week yield gain".
    /// Returns (measure, order, time items read inside).
    fn ranked_measure(
        &self,
        sup: &str,
        from: usize,
        to: usize,
        sentence_dir: i8,
    ) -> Option<(Measure, Order, Vec<usize>)> {
        let mut sessions = 1u32;
        let mut points = false;
        let mut noun_dir: Option<i8> = None;
        let mut kind: Option<&str> = None;
        let mut calendar: Option<Calendar> = None;
        let mut intraday = false;
        let mut times = Vec::new();
        let mut k = from;
        while k < to {
            if let Some(q) = self.qty(k) {
                // "nine-day", "two-day": a count then "-day".
                if !q.ordinal && q.unit == QUnit::Plain && self.w(k + 1) == "-" {
                    sessions = q.value as u32;
                    k += 2;
                    if let Some((l, after)) = self.lex(k, "ranked") {
                        if l == "week" {
                            calendar = None;
                            sessions *= 5;
                        }
                        k = after;
                    }
                    continue;
                }
                return None;
            }
            if let Some(t) = self.v.time(k).filter(|_| !self.is_intraday_item(k)) {
                // "worst December", "its best first half": a calendar period.
                if let Time::Span { from: f, grain, .. } = t.time {
                    let c = match grain {
                        Grain::Month => Some(Calendar::MonthOfYear {
                            month: chrono::Datelike::month(&f),
                        }),
                        Grain::Half => Some(Calendar::HalfOfYear {
                            half: if chrono::Datelike::month(&f) <= 6 {
                                1
                            } else {
                                2
                            },
                        }),
                        Grain::Year => Some(Calendar::Year),
                        Grain::Quarter => Some(Calendar::Quarter),
                        _ => None,
                    };
                    if c.is_some() {
                        calendar = c;
                        kind = Some("period");
                        times.push(k);
                        k += 1;
                        continue;
                    }
                }
                break;
            }
            if self.v.mention(k).is_some() {
                k += 1;
                continue;
            }
            if self.is_intraday_item(k) {
                intraday = true;
                if self.v.time(k).is_some() {
                    times.push(k);
                }
                k += 1;
                continue;
            }
            if let Some((l, after)) = self.lex(k, "move_noun") {
                noun_dir = Some(dir_of(l));
                if kind.is_none() {
                    kind = Some("move");
                }
                k = after;
                continue;
            }
            if matches!(self.w(k), "point" | "points") {
                points = true;
                k += 1;
                continue;
            }
            if matches!(
                self.w(k),
                "percentage" | "percent" | "yield" | "single" | "one"
            ) {
                k += 1;
                continue;
            }
            if let Some((l, after)) = self.lex(k, "ranked") {
                if kind.is_none()
                    || l == "gap"
                    || l == "streak"
                    || (kind == Some("move")
                        && matches!(l, "week" | "month" | "year" | "quarter" | "half"))
                {
                    kind = Some(l);
                }
                match l {
                    "week" => calendar = Some(Calendar::Week),
                    "month" => calendar = Some(Calendar::Month),
                    "quarter" => calendar = Some(Calendar::Quarter),
                    "year" => calendar = Some(Calendar::Year),
                    "half" => calendar = Some(Calendar::HalfOfYear { half: 1 }),
                    _ => {}
                }
                k = after;
                continue;
            }
            if self.glue(k) || self.w(k) == "-" {
                k += 1;
                continue;
            }
            // Any other word ends the noun phrase.
            break;
        }
        let kind = kind?;
        let dir = noun_dir.filter(|d| *d != 0).unwrap_or(sentence_dir);
        let order = match sup {
            "good" | "high" | "long" => Order::Highest,
            "bad" | "low" => Order::Lowest,
            _ => {
                if dir < 0 {
                    Order::Lowest
                } else {
                    Order::Highest
                }
            }
        };
        let measure = match kind {
            "move" if intraday => Measure::field(if order == Order::Lowest {
                model::Field::Low
            } else {
                model::Field::High
            }),
            "move" | "day" => {
                if let Some(c) = calendar {
                    if points {
                        Measure::PeriodChange { calendar: c }
                    } else {
                        Measure::PeriodReturn { calendar: c }
                    }
                } else if points {
                    Measure::Change { sessions }
                } else {
                    Measure::Return { sessions }
                }
            }
            "close" if intraday => Measure::field(if order == Order::Lowest {
                model::Field::Low
            } else {
                model::Field::High
            }),
            "close" => Measure::price(),
            "intraday" => Measure::field(if order == Order::Lowest {
                model::Field::Low
            } else {
                model::Field::High
            }),
            "gap" => Measure::OpenGap,
            "streak" => {
                let pred = if dir < 0 || sup == "bad" {
                    Pred::Lt(0.0)
                } else {
                    Pred::Gt(0.0)
                };
                Measure::run(Measure::daily_return(), pred)
            }
            "week" | "month" | "quarter" | "half" | "year" | "period" => {
                let c = calendar?;
                if points {
                    Measure::PeriodChange { calendar: c }
                } else {
                    Measure::PeriodReturn { calendar: c }
                }
            }
            _ => return None,
        };
        let order = if kind == "streak" {
            Order::Highest
        } else {
            order
        };
        Some((measure, order, times))
    }

    /// The direction of the sentence's moves (for "its biggest one-day move").
    fn sentence_dir(&self) -> i8 {
        for i in 0..self.n() {
            if let Some((l, _)) = self.lex(i, "move") {
                let d = dir_of(l);
                if d != 0 {
                    return d;
                }
            }
        }
        0
    }

    /// The reference of a since claim at item `r`, and the item after it:
    /// a since ("since April 1997", "since April and May of 1996"), a
    /// lookback ("in nearly three months"), "ever", or "in the past five
    /// years" (nothing as extreme within that span).
    /// "since a 13-session streak that ended on June 6, 2008" at `r` (the
    /// word "since"): the earlier run's length (its item) and last day, and
    /// the item after the phrase.
    fn since_streak_reference(&self, r: usize) -> Option<(f64, usize, Date, usize)> {
        if self.w(r) != "since" || self.w(r + 1) != "a" {
            return None;
        }
        let q = self
            .qty(r + 2)
            .filter(|q| q.unit == QUnit::Plain && !q.ordinal)?;
        if !(self.w(r + 3) == "-"
            && matches!(self.v.stem(r + 4), "session" | "day")
            && matches!(self.v.stem(r + 5), "streak" | "run")
            && self.w(r + 6) == "that"
            && matches!(self.w(r + 7), "ended" | "finished"))
        {
            return None;
        }
        let at = if self.w(r + 8) == "on" { r + 9 } else { r + 8 };
        match self.v.time(at)?.time {
            Time::Span {
                from,
                to,
                grain: Grain::Day,
                ..
            } if from == to => Some((q.value, r + 2, from, at + 1)),
            _ => None,
        }
    }

    fn since_reference(&self, r: usize) -> Option<(Claimed, usize)> {
        if let Some((_, _, day, end)) = self.since_streak_reference(r) {
            return Some((Claimed::Date { from: day, to: day }, end));
        }
        let t = self.v.time(r)?;
        Some(match &t.time {
            Time::Since { from, to, .. } => {
                // "since April and May of 1996": one reference over both months.
                let mut to = *to;
                let mut from = *from;
                let mut end = r + 1;
                // "since the Volmageddon event in February 2018": the month that holds it.
                let in_at = if self.w(end) == "in" { end + 1 } else { end };
                if let Some(Time::Span {
                    from: f2, to: t2, ..
                }) = self.v.time(in_at).map(|t| t.time.clone())
                {
                    if f2 <= from && from <= t2 {
                        from = f2;
                        to = t2;
                        end = in_at + 1;
                    }
                }
                if self.w(end) == "and" {
                    if let Some(Time::Span { to: t2, .. }) =
                        self.v.time(end + 1).map(|t| t.time.clone())
                    {
                        if t2 > to {
                            to = t2;
                            end += 2;
                        }
                    }
                }
                (Claimed::Date { from, to }, end)
            }
            Time::Ever => (Claimed::OnRecord, r + 1),
            t @ Time::Lookback { .. } => (lookback_claim(t), r + 1),
            Time::Span {
                from,
                to,
                grain: Grain::Span,
                ..
            } if *to >= self.dateline - chrono::Duration::days(7) => {
                let days = (*to - *from).num_days();
                (
                    Claimed::Lookback {
                        min_days: days,
                        max_days: i64::MAX / 4,
                        label: self.text(r..r + 1),
                    },
                    r + 1,
                )
            }
            _ => return None,
        })
    }

    /// "Its lowest close since April 1997", "the biggest jump since Feb. 27,
    /// 2007", "their worst day in nearly three months", "rose the most
    /// since February", "the highest levels since Feb. 27", "a 12-year low",
    /// "its first close above 1,500 since September 2000", "the longest
    /// streak since 2008", "the largest single-day jump in the past five
    /// years", "a feat not achieved since April and May of 1996".
    pub fn since(&mut self) {
        let dir = self.sentence_dir();
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            if self.v.token(i).norm == "first"
                && (self.first_above_since(i).is_some()
                    || self.above_for_first_time_since(i).is_some())
            {
                continue;
            }
            if self.crossed_on(i).is_some() {
                continue;
            }
            // "a 12-year low", "a five-year low of 13.30": a lookback adjective.
            if let Some(t) = self.v.time(i) {
                if let Time::Lookback { .. } = t.time {
                    let noun = self.w(i + 1);
                    let (order, field) = match noun {
                        "low" | "lows" | "bottom" | "trough" => (Order::Lowest, None),
                        "high" | "highs" | "peak" | "top" => (Order::Highest, None),
                        "closing" => match self.w(i + 2) {
                            "low" | "lows" => (Order::Lowest, Some(model::Field::Close)),
                            _ => (Order::Highest, Some(model::Field::Close)),
                        },
                        _ => continue,
                    };
                    let end = if noun == "closing" { i + 3 } else { i + 2 };
                    // "rebounded from a 12-year low": the low was the session before.
                    let rebound = (i.saturating_sub(4)..i)
                        .any(|k| matches!(self.v.stem(k), "rebound" | "recov" | "bounc"))
                        && (i.saturating_sub(2)..i).any(|k| self.w(k) == "from");
                    let measure = match field {
                        Some(f) => Measure::field(f),
                        None => Measure::price(),
                    };
                    let claimed = lookback_claim(&t.time);
                    let mut f = Frame::new(
                        0..0,
                        self.v.sentence,
                        What::Since { measure, order },
                        claimed,
                    );
                    let (s, _, missing) = self.subject(i, i);
                    f.subject = s;
                    f.missing = missing;
                    let day = self.anchor_day(i);
                    if rebound {
                        f.when = When::SessionBefore(day.unwrap_or(self.dateline));
                    } else {
                        f.anchor = day;
                    }
                    // "a five-year low of 13.30 last week": the low was reached in that week.
                    if self.w(end) == "of" {
                        if let Some(lw) = (end + 2..self.clause(i).end.min(end + 4)).find(|k| {
                            self.v
                                .time(*k)
                                .is_some_and(|t| matches!(t.time, Time::Span { .. }))
                        }) {
                            if let Some(Time::Span { to, .. }) =
                                self.v.time(lw).map(|t| t.time.clone())
                            {
                                f.anchor = None;
                                f.when = When::Time(Time::Span {
                                    from: to,
                                    to,
                                    grain: Grain::Day,
                                    range: false,
                                });
                                // The extreme inside that span is checked by the extreme construction.
                            }
                        }
                    }
                    self.use_time(i);
                    self.push(f, i..end);
                    continue;
                }
            }
            let superlative = self.lex(i, "superlative");
            // "a feat not achieved since ...", "the longest streak since": a streak word and a since.
            if superlative.is_none() && self.previous_instance(i) {
                continue;
            }
            let Some((sup, after)) = superlative else {
                self.not_since(i);
                continue;
            };
            let clause = self.clause(i);
            if self.extreme_when(i, sup, after, dir) {
                continue;
            }
            // "rose the most since": the verb before gives the measure.
            let verb_most = sup == "big" && self.w(i) == "most" && i > 0 && self.w(i - 1) == "the";
            let reference = (after..clause.end.min(after + 10)).find(|k| {
                self.v.time(*k).is_some_and(|t| {
                    matches!(
                        t.time,
                        Time::Since { .. }
                            | Time::Lookback { .. }
                            | Time::Ever
                            | Time::Span {
                                grain: Grain::Span,
                                ..
                            }
                    )
                }) || self.w(*k) == "since"
            });
            let Some(r) = reference else { continue };
            let Some((claimed, ref_end)) = self.since_reference(r) else {
                if self.v.time(r).is_none() {
                    // "since" that the time reader could not read.
                    let mut f = Frame::new(
                        0..0,
                        self.v.sentence,
                        What::Since {
                            measure: Measure::daily_return(),
                            order: Order::Highest,
                        },
                        Claimed::OnRecord,
                    );
                    f.unread.push(self.text(r..(r + 6).min(clause.end)));
                    self.push(f, i..r + 1);
                }
                continue;
            };
            let (measure, order, inner) = if verb_most {
                let d = (clause.start..i)
                    .rev()
                    .find_map(|k| self.lex(k, "move").map(|(l, _)| dir_of(l)))
                    .unwrap_or(dir);
                (
                    Measure::daily_return(),
                    if d < 0 { Order::Lowest } else { Order::Highest },
                    Vec::new(),
                )
            } else {
                match self.ranked_measure(sup, after, r, dir) {
                    Some(m) => m,
                    None => {
                        // "the lowest since February" after "bottomed at X": the level word before it.
                        let level = (self.clause(i).start.min(i)..i)
                            .rev()
                            .chain((0..i).rev())
                            .find_map(|k| match self.lex(k, "level").map(|(l, _)| l) {
                                Some("low") => Some(FieldHint::Low),
                                Some("high") => Some(FieldHint::High),
                                Some("close")
                                    if matches!(
                                        self.v.stem(k),
                                        "close" | "end" | "finish" | "settl"
                                    ) =>
                                {
                                    Some(FieldHint::Close)
                                }
                                _ => None,
                            });
                        match (sup, level) {
                            ("high" | "low", Some(field)) => {
                                let order = if sup == "low" {
                                    Order::Lowest
                                } else {
                                    Order::Highest
                                };
                                (Measure::field(field.field()), order, Vec::new())
                            }
                            _ => {
                                let mut f = Frame::new(
                                    0..0,
                                    self.v.sentence,
                                    What::Since {
                                        measure: Measure::daily_return(),
                                        order: Order::Highest,
                                    },
                                    claimed,
                                );
                                f.unread.push(format!("what '{}' ranks", self.text(i..r)));
                                self.use_time(r);
                                self.push(f, i..ref_end);
                                continue;
                            }
                        }
                    }
                }
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Since { measure, order },
                claimed,
            );
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            f.anchor = self.anchor_day(i);
            // "lost 38.5% in 2008, its worst year since the 1930s": the
            // period ranked is the one the sentence names, not the one the
            // article's date falls in.
            if let What::Since {
                measure: Measure::PeriodReturn { calendar } | Measure::PeriodChange { calendar },
                ..
            } = &f.what
            {
                if f.anchor.is_none() {
                    f.anchor = self.period_named(*calendar);
                }
            }
            self.use_time(r);
            for t in inner {
                self.use_time(t);
            }
            for k in r + 1..ref_end {
                if self.v.time(k).is_some() {
                    self.use_time(k);
                }
            }
            // A relative streak: "the longest streak since 2008" after "outperform the S&P 500".
            if let What::Since {
                measure: Measure::RunLength { .. },
                ..
            } = f.what
            {
                f.benchmark = self.benchmark_in_sentence();
            }
            let start = if verb_most { i - 1 } else { i };
            // "since a 13-session streak that ended on June 6, 2008": that
            // streak's length is a claim about its last day.
            let earlier = self.since_streak_reference(r).filter(|_| {
                matches!(
                    f.what,
                    What::Since {
                        measure: Measure::RunLength { .. },
                        ..
                    }
                )
            });
            let earlier_frame = earlier.map(|(len, item, day, _)| {
                let What::Since { measure, .. } = &f.what else {
                    unreachable!("filtered to a run-length since")
                };
                let mut g = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Streak {
                        measure: measure.clone(),
                    },
                    Claimed::Number {
                        value: len,
                        decimals: 0,
                        hedge: Hedge::Exact,
                        unit: QUnit::Plain,
                        signed: false,
                    },
                );
                g.subject = f.subject.clone();
                g.benchmark = f.benchmark.clone();
                g.anchor = Some(day);
                (g, item)
            });
            self.push(f, start..ref_end);
            if let Some((g, item)) = earlier_frame {
                self.frames.push(Frame {
                    span: self.items_tokens(item..item + 4),
                    consumed: vec![self.items_tokens(item..item + 4)],
                    ..g
                });
            }
        }
    }

    /// The last day of a calendar period of `calendar`'s grain named in the
    /// sentence ("in 2008", "in April 2020", "the first half of 2022").
    fn period_named(&self, calendar: model::Calendar) -> Option<Date> {
        let want = match calendar {
            model::Calendar::Year => Grain::Year,
            model::Calendar::Month | model::Calendar::MonthOfYear { .. } => Grain::Month,
            model::Calendar::Quarter => Grain::Quarter,
            model::Calendar::Half | model::Calendar::HalfOfYear { .. } => Grain::Half,
            model::Calendar::Week => Grain::Week,
            // "its best start to a year": to date, the article's day.
            model::Calendar::YearToDate => return None,
        };
        (0..self.n()).find_map(|k| match self.v.time(k).map(|t| &t.time) {
            Some(Time::Span { to, grain, .. }) if *grain == want => Some((*to).min(self.dateline)),
            _ => None,
        })
    }

    /// "The worst-ever first half was in 1970", "the best day came on Oct.
    /// 13, 2008": when the extreme of the measure was reached.
    fn extreme_when(&mut self, i: usize, sup: &str, after: usize, dir: i8) -> bool {
        let clause = self.clause(i);
        let Some(verb) = (after..clause.end.min(after + 8)).find(|k| {
            matches!(
                self.w(*k),
                "was" | "came" | "occurred" | "happened" | "were"
            )
        }) else {
            return false;
        };
        let mut t = verb + 1;
        while matches!(self.w(t), "in" | "on" | "back" | "during") {
            t += 1;
        }
        let Some(Time::Span { from, to, .. }) = self.v.time(t).map(|c| c.time.clone()) else {
            return false;
        };
        // The noun phrase between, "ever" skipped.
        let from_noun = if self.w(after) == "-" {
            after + 1
        } else {
            after
        };
        let from_noun = if self
            .v
            .time(from_noun)
            .is_some_and(|c| matches!(c.time, Time::Ever))
        {
            from_noun + 1
        } else {
            from_noun
        };
        let Some((measure, order, inner)) = self.ranked_measure(sup, from_noun, verb, dir) else {
            return false;
        };
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::ExtremeWhen { measure, order },
            Claimed::Date { from, to },
        );
        let (s, _, missing) = self.subject(i, i);
        f.subject = s;
        f.missing = missing;
        f.anchor = Some(self.dateline);
        for k in inner {
            self.use_time(k);
        }
        for k in after..t {
            if self.v.time(k).is_some() {
                self.use_time(k);
            }
        }
        self.use_time(t);
        self.push(f, i..t + 1);
        true
    }

    /// "a feat not achieved since April and May of 1996", "the previous
    /// instance of such a move was back in January 2019": a since about the
    /// run the sentence (or the one before) speaks of.
    fn not_since(&mut self, i: usize) {
        if self.previous_instance(i) {
            return;
        }
        let Some(t) = self.v.time(i) else { return };
        let Time::Since { .. } = t.time else { return };
        let clause = self.clause(i);
        let streaky = (0..self.n()).any(|k| {
            self.lex(k, "streak").is_some() || matches!(self.w(k), "feat" | "streak" | "run")
        });
        let negated =
            (clause.start..i).any(|k| matches!(self.w(k), "not" | "never" | "first" | "n't"));
        if !(streaky && negated) {
            return;
        }
        let Some((claimed, end)) = self.since_reference(i) else {
            return;
        };
        let (measure, bench) = self.run_condition(i);
        let from_before = measure.is_none();
        let measure =
            measure.unwrap_or_else(|| Measure::run(Measure::daily_return(), Pred::Gt(0.0)));
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Since {
                measure,
                order: Order::Highest,
            },
            claimed,
        );
        if from_before {
            f.notes.push("the run of the claim before".into());
        }
        f.benchmark = bench;
        let (s, _, missing) = self.subject(i, i);
        f.subject = s;
        f.missing = missing;
        f.anchor = self.anchor_day(i);
        self.use_time(i);
        for k in i + 1..end {
            if self.v.time(k).is_some() {
                self.use_time(k);
            }
        }
        let start = (clause.start..i)
            .find(|k| matches!(self.w(*k), "not" | "never"))
            .unwrap_or(i);
        self.push(f, start..end);
    }

    /// "The previous instance of such a move was back in January 2019", "The
    /// last time such a negative streak occurred was between Oct. 5 and 12,
    /// 2022": when the last earlier run as long as the current one ended.
    fn previous_instance(&mut self, i: usize) -> bool {
        let lead = matches!(
            (self.w(i), self.w(i + 1)),
            ("previous" | "last", "instance" | "time" | "occasion")
        );
        if !lead {
            return false;
        }
        let clause = self.clause(i);
        let Some(t) = (i + 2..clause.end.min(i + 14)).find(|k| {
            self.v
                .time(*k)
                .is_some_and(|t| matches!(t.time, Time::Span { .. }))
        }) else {
            return false;
        };
        let Some(Time::Span { from, to, .. }) = self.v.time(t).map(|c| c.time.clone()) else {
            return false;
        };
        let about_run = (0..self.n()).any(|k| {
            self.lex(k, "streak").is_some()
                || matches!(self.w(k), "such" | "streak" | "move" | "feat")
        });
        if !about_run {
            return false;
        }
        let (measure, bench) = self.run_condition(i);
        let Some(measure) =
            measure.or_else(|| Some(Measure::run(Measure::daily_return(), Pred::Gt(0.0))))
        else {
            return false;
        };
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Since {
                measure,
                order: Order::Highest,
            },
            Claimed::Date { from, to },
        );
        f.benchmark = bench;
        f.subject = Subj::Carried;
        // The run the sentence before spoke of: bound in `resolve`.
        f.notes.push("the run of the claim before".into());
        self.use_time(t);
        let start = if i > 0 && self.w(i - 1) == "the" {
            i - 1
        } else {
            i
        };
        self.push(f, start..t + 1);
        true
    }

    /// "its first close above 1,500 since September 2000", "its first close
    /// above the 900 level since early January": the last earlier close
    /// beyond the level was in the reference.
    fn first_above_since(&mut self, i: usize) -> Option<()> {
        let clause = self.clause(i);
        let mut k = i + 1;
        let mut field = model::Field::Close;
        let mut above: Option<bool> = None;
        while k < clause.end && k < i + 6 && self.v.time(k).is_none() && self.qty(k).is_none() {
            match self.w(k) {
                "intraday" => field = model::Field::High,
                "above" | "past" | "over" => above = Some(true),
                "below" | "under" => above = Some(false),
                _ => {}
            }
            k += 1;
        }
        let q = self.qty(k)?.clone();
        let above = match (above, q.hedge) {
            (Some(a), _) => a,
            (None, Hedge::MoreThan) => true,
            (None, Hedge::LessThan) => false,
            _ => return None,
        };
        let mut r = k + 1;
        while r < clause.end && r < k + 4 && self.v.time(r).is_none() {
            r += 1;
        }
        let t = self.v.time(r)?.time.clone();
        let Time::Since { from, to, .. } = t else {
            return None;
        };
        let pred = if above {
            Pred::Gt(q.value)
        } else {
            Pred::Lt(q.value)
        };
        let measure = Measure::flag(Measure::field(field), pred);
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Since {
                measure,
                order: Order::Highest,
            },
            Claimed::Date { from, to },
        );
        let (s, _, missing) = self.subject(i, i);
        f.subject = s;
        f.missing = missing;
        f.anchor = self.anchor_day(i);
        self.use_time(r);
        self.push(f, i..r + 1);
        Some(())
    }

    /// "closing above 30 for the first time since March 2020": the last
    /// earlier close beyond the level was in the reference.
    fn above_for_first_time_since(&mut self, i: usize) -> Option<()> {
        if !(i >= 3 && self.w(i + 1) == "time" && self.w(i - 1) == "the" && self.w(i - 2) == "for")
        {
            return None;
        }
        let r = i + 2;
        let Time::Since { from, to, .. } = self.v.time(r)?.time.clone() else {
            return None;
        };
        let k = i - 3;
        let q = self.qty(k)?.clone();
        if q.unit != QUnit::Plain || q.ordinal {
            return None;
        }
        let before = k.checked_sub(1).map(|b| self.w(b)).unwrap_or("");
        let above = match (before, q.hedge) {
            ("above" | "over" | "past", _) | (_, Hedge::MoreThan) => true,
            ("below" | "under", _) | (_, Hedge::LessThan) => false,
            _ => return None,
        };
        let pred = if above {
            Pred::Gt(q.value)
        } else {
            Pred::Lt(q.value)
        };
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Since {
                measure: Measure::flag(Measure::field(model::Field::Close), pred),
                order: Order::Highest,
            },
            Claimed::Date { from, to },
        );
        let (s, _, missing) = self.subject(k, k);
        f.subject = s;
        f.missing = missing;
        f.anchor = self.anchor_day(k);
        self.use_time(r);
        self.push(f, i - 2..r + 1);
        Some(())
    }

    /// "crossed 600 on Nov. 17, 1995", "passed 13,000 for the first time",
    /// "topped 2,000 for the first time on D": the first close beyond the level.
    fn crossed_on(&mut self, i: usize) -> Option<()> {
        // "briefly topped 31 on Wednesday": a level touched within the day,
        // not the first close beyond it.
        if i > 0 && self.w(i - 1) == "briefly" {
            return None;
        }
        let stem = self.v.stem(i);
        if !matches!(
            stem,
            "cross" | "pass" | "top" | "surpass" | "broke" | "break" | "hit"
        ) {
            return None;
        }
        let q = self.qty(i + 1)?.clone();
        if q.unit != QUnit::Plain || q.ordinal {
            return None;
        }
        let clause = self.clause(i);
        let day = (i + 2..clause.end.min(i + 6)).find(|k| {
            self.v.time(*k).is_some_and(|t| {
                matches!(
                    t.time,
                    Time::Span {
                        grain: Grain::Day,
                        ..
                    }
                )
            })
        })?;
        let Time::Span { from, .. } = self.v.time(day)?.time else {
            return None;
        };
        let measure = Measure::flag(Measure::price(), Pred::Gt(q.value));
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::FirstDate { measure },
            Claimed::Date { from, to: from },
        );
        let (s, _, missing) = self.subject(i, i);
        f.subject = s;
        f.missing = missing;
        f.anchor = Some(self.dateline);
        self.use_time(day);
        self.push(f, i..day + 1);
        Some(())
    }

    /// The benchmark a sentence compares with: "outperformed the S&P 500",
    /// "its outperformance over the S&P 500", "beat large caps".
    fn benchmark_in_sentence(&self) -> Option<Subj> {
        for i in 0..self.n() {
            let s = self.v.stem(i);
            if s.starts_with("outperform")
                || matches!(s, "outpac" | "beat" | "beaten" | "exceed" | "lead" | "led")
            {
                for j in i + 1..(i + 5).min(self.n()) {
                    if let Some(m) = self.v.mention(j) {
                        if m.symbol().is_some() {
                            return Some(subj_of(m));
                        }
                    }
                }
            }
        }
        None
    }

    // ----- rank ---------------------------------------------------------------

    /// "the third worst opening gap ever", "its third-biggest percentage loss
    /// ever", "the fifth worst day in the past 20 years", "its tenth-best
    /// start since 1950", "the 23rd worst month in history".
    pub fn rank(&mut self) {
        let dir = self.sentence_dir();
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).filter(|q| q.ordinal).cloned() else {
                continue;
            };
            if self.ranks_among(i, &q) {
                continue;
            }
            let mut k = i + 1;
            if self.w(k) == "-" {
                k += 1;
            }
            let Some((sup, after)) = self.lex(k, "superlative") else {
                continue;
            };
            let clause = self.clause(i);
            let reference = (after..clause.end.min(after + 10)).find(|j| {
                self.v.time(*j).is_some_and(|t| {
                    matches!(t.time, Time::Since { .. } | Time::Ever | Time::Span { .. })
                })
            });
            let rank = Claimed::Rank { n: q.value as u32 };
            let Some(r) = reference else {
                let mut f = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Rank {
                        measure: Measure::daily_return(),
                        order: Order::Lowest,
                    },
                    rank,
                );
                f.unread
                    .push(format!("over what period '{}' ranks", self.text(i..after)));
                self.push(f, i..after);
                continue;
            };
            let Some((measure, order, inner)) = self.ranked_measure(sup, after, r, dir) else {
                let mut f = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Rank {
                        measure: Measure::daily_return(),
                        order: Order::Lowest,
                    },
                    rank,
                );
                f.unread
                    .push(format!("what '{}' ranks", self.text(after..r)));
                self.use_time(r);
                self.push(f, i..r + 1);
                continue;
            };
            let rt = self.v.time(r).map(|t| t.time.clone());
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Rank {
                    measure: measure.clone(),
                    order,
                },
                rank,
            );
            if let Measure::RunLength { .. } = measure {
                // A run ranks among runs, not sessions.
                f.unread.push(format!(
                    "the rank of a run among runs ('{}')",
                    self.text(i..r)
                ));
            }
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            f.anchor = self.anchor_day(i);
            f.when = match rt {
                Some(Time::Ever) | None => When::Time(Time::Ever),
                Some(t) => When::Time(t),
            };
            self.use_time(r);
            for t in inner {
                self.use_time(t);
            }
            self.push(f, i..r + 1);
        }
    }

    // ----- streaks --------------------------------------------------------------

    /// The condition a run in this sentence counts: beating a benchmark, a
    /// level ("closed above 50"), a distance to the peak ("within 10% of its
    /// peak"), or up or down.
    fn run_condition(&self, around: usize) -> (Option<Measure>, Option<Subj>) {
        let clause = self.clause(around);
        if let Some(b) = self.benchmark_in_sentence() {
            return (
                Some(Measure::run(Measure::daily_return(), Pred::Gt(0.0))),
                Some(b),
            );
        }
        // "The 11-day outperformance streak": relative to what, the sentence
        // does not say; not a run of gains.
        let relative = clause.clone().any(|k| {
            let s = self.v.stem(k);
            s.starts_with("outperform") || s.starts_with("underperform")
        });
        if relative {
            return (None, None);
        }
        let order: Vec<usize> = clause
            .clone()
            .chain((0..self.n()).filter(|k| !clause.contains(k)))
            .collect();
        // A figure in another clause counts only when that clause is about
        // the same instrument ("as the S&P 500 fell for a second day" does
        // not take the VIX's "above 30").
        let own = self.subject(around, around).0;
        // The streak's own words: between the commas around it.
        let local_start = (clause.start..around)
            .rev()
            .find(|k| self.w(*k) == ",")
            .map_or(clause.start, |k| k + 1);
        let local_end = (around..clause.end)
            .find(|k| self.w(*k) == ",")
            .unwrap_or(clause.end);
        let local = local_start..local_end;
        let names_own = local
            .clone()
            .any(|k| self.v.mention(k).is_some_and(|m| m.symbol().is_some()));
        for i in order {
            if let Some(q) = self.qty(i) {
                if i == around {
                    continue;
                }
                let other_instrument = matches!(
                    (&own, &self.subject(i, i).0),
                    (Subj::Symbol(a), Subj::Symbol(b)) if a != b
                );
                if !local.contains(&i) && (other_instrument || names_own) {
                    continue;
                }
                // "within 10% of its peak"
                if q.unit == QUnit::Percent
                    && (i.saturating_sub(2)..i).any(|k| self.w(k) == "within")
                    && self.w(i + 1) == "of"
                {
                    return (
                        Some(Measure::run(Measure::Drawdown, Pred::Ge(-q.value))),
                        None,
                    );
                }
                // "closed above 50"
                if q.hedge == Hedge::MoreThan && q.unit == QUnit::Plain {
                    return (
                        Some(Measure::run(Measure::price(), Pred::Gt(q.value))),
                        None,
                    );
                }
                if q.hedge == Hedge::LessThan && q.unit == QUnit::Plain {
                    return (
                        Some(Measure::run(Measure::price(), Pred::Lt(q.value))),
                        None,
                    );
                }
            }
        }
        let mut dir = 0i8;
        let mut best = usize::MAX;
        for k in around.saturating_sub(6).max(clause.start)..(around + 6).min(clause.end) {
            let w = self.w(k);
            let d = match w {
                "winning" | "green" | "gains" | "advances" | "higher" | "up" | "rising"
                | "increases" => 1,
                "losing" | "red" | "negative" | "declines" | "lower" | "down" | "falling"
                | "losses" | "decreases" => -1,
                _ => self.lex(k, "move").map_or(0, |(l, _)| dir_of(l)),
            };
            let dist = k.abs_diff(around);
            if d != 0 && dist < best {
                dir = d;
                best = dist;
            }
        }
        if dir == 0 {
            // No direction near the run: what it counts is not read.
            return (None, None);
        }
        let pred = if dir < 0 {
            Pred::Lt(0.0)
        } else {
            Pred::Gt(0.0)
        };
        (Some(Measure::run(Measure::daily_return(), pred)), None)
    }

    /// "for the seventh straight session", "for a third day", "for the 14
    /// sessions in a row", "a seven-day winning streak", "six straight daily
    /// declines", "its fifth consecutive red session", "seven red sessions",
    /// "Up for four consecutive weeks", "snapped a seven-day winning streak",
    /// "each of the last ten days".
    pub fn streak(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            // "each of the last ten days": the run covers every one of them.
            if self.w(i) == "each" && self.w(i + 1) == "of" {
                if let Some(Time::Sessions { n, end: None }) =
                    self.v.time(i + 2).map(|t| t.time.clone())
                {
                    let (measure, bench) = self.run_condition(i);
                    let mut f = Frame::new(
                        0..0,
                        self.v.sentence,
                        What::Streak {
                            measure: measure.clone().unwrap_or_else(Measure::daily_return),
                        },
                        Claimed::Number {
                            value: f64::from(n),
                            decimals: 0,
                            hedge: Hedge::AtLeast,
                            unit: QUnit::Plain,
                            signed: false,
                        },
                    );
                    if measure.is_none() {
                        f.unread.push("what the run counts".into());
                    }
                    f.benchmark = bench;
                    let (s, _, missing) = self.subject(i, i);
                    f.subject = s;
                    f.missing = missing;
                    f.anchor = self.anchor_day(i);
                    self.use_time(i + 2);
                    self.push(f, i..i + 3);
                    continue;
                }
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.unit != QUnit::Plain || q.high.is_some() || q.decimals > 0 {
                continue;
            }
            let clause = self.clause(i);
            let mut k = i + 1;
            let mut streak_word = false;
            let mut unit: Option<&str> = None;
            let mut colour = false;
            let mut end = i + 1;
            while k < clause.end && k < i + 7 {
                if self.w(k) == "-" {
                    k += 1;
                    continue;
                }
                if let Some((_, after)) = self.lex(k, "streak") {
                    streak_word = true;
                    end = after;
                    k = after;
                    continue;
                }
                if let Some((l, after)) = self.lex(k, "unit") {
                    if unit.is_some() && !streak_word {
                        break;
                    }
                    unit = Some(l);
                    end = after;
                    k = after;
                    continue;
                }
                if matches!(
                    self.w(k),
                    "winning"
                        | "losing"
                        | "red"
                        | "green"
                        | "daily"
                        | "trading"
                        | "negative"
                        | "positive"
                        | "declines"
                        | "gains"
                        | "advances"
                        | "increases"
                        | "decreases"
                        | "up"
                        | "down"
                        | "outperformance"
                        | "underperformance"
                ) {
                    colour |= matches!(
                        self.w(k),
                        "red"
                            | "green"
                            | "declines"
                            | "gains"
                            | "advances"
                            | "increases"
                            | "decreases"
                    );
                    end = k + 1;
                    k += 1;
                    continue;
                }
                if matches!(
                    self.w(k),
                    "time" | "times" | "meeting" | "meetings" | "decision" | "decisions"
                ) {
                    unit = Some("meeting");
                    end = k + 1;
                    k += 1;
                    continue;
                }
                break;
            }
            // "for the seventh straight session" reads the words before too;
            // "extends its streak against the S&P 500 to 11 sessions" the streak named before.
            let before_streak = (i.saturating_sub(3)..i)
                .any(|j| matches!(self.w(j), "straight" | "consecutive" | "successive"))
                || unit == Some("session")
                    && (clause.start..i).rev().take(9).any(|j| {
                        self.lex(j, "streak").is_some_and(|(_, a)| a == j + 1)
                            && matches!(self.w(j), "streak" | "run" | "streaks")
                    });
            let is_streak = streak_word
                || before_streak
                || (colour && (unit.is_some() || q.ordinal))
                || (q.ordinal
                    && unit == Some("session")
                    && (i.saturating_sub(3)..i).any(|j| self.w(j) == "for"));
            // "one-day declines": a kind of day, not a run of one.
            if !is_streak || unit == Some("meeting") || q.value <= 1.0 {
                continue;
            }
            let calendar = match unit {
                Some("week") => Some(Calendar::Week),
                Some("month") => Some(Calendar::Month),
                Some("year") => Some(Calendar::Year),
                Some("quarter") => Some(Calendar::Quarter),
                _ => None,
            };
            let (measure, bench) = self.run_condition(i);
            let unreadable = measure.is_none();
            let mut measure = measure.unwrap_or_else(Measure::daily_return);
            if let Some(c) = calendar {
                if let Measure::RunLength { pred, .. } = measure {
                    measure = Measure::run(Measure::PeriodChange { calendar: c }, pred);
                }
            }
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Streak { measure },
                Claimed::Number {
                    value: q.value,
                    decimals: 0,
                    hedge: q.hedge,
                    unit: QUnit::Plain,
                    signed: false,
                },
            );
            if unreadable {
                f.unread
                    .push(format!("what the run of '{}' counts", self.text(i..end)));
            }
            f.benchmark = bench;
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            // A range in the clause ends the run: "From January 2 through January 22, ... 14 consecutive days".
            let range = (0..self.n()).find(|k| {
                !self.used[*k]
                    && self
                        .v
                        .time(*k)
                        .is_some_and(|t| matches!(t.time, Time::Span { range: true, .. }))
            });
            let day = match range {
                Some(r) => {
                    // Read, not taken: a move in the sentence spans it too
                    // ("During the streak spanning X through Y, it gained 7.88%").
                    self.read_time(r);
                    match self.v.time(r).map(|t| t.time.clone()) {
                        Some(Time::Span { to, .. }) => Some(to),
                        _ => None,
                    }
                }
                None => self.anchor_day(i),
            };
            // "snapped a seven-day winning streak": the run ended the session
            // before. The verb takes the streak as its object, with no comma
            // between ("ended down 3.2%, its third straight decline" is the
            // close, not a snap).
            let snapped = (clause.start..i).any(|k| {
                matches!(
                    self.v.stem(k),
                    "snap" | "snapped" | "end" | "ended" | "broke" | "break" | "halt" | "halted"
                ) && !(k..i).any(|j| self.w(j) == ",")
            });
            // "... the session before" in the streak's own words, or a
            // fronted "Before accelerating on 8/22, it had put in six straight
            // declines"; not a "before" of another clause ("was off 8.6%
            // before clawing back ..., a third consecutive decline").
            let fronted = (0..i)
                .find(|k| !self.punct(*k))
                .is_some_and(|k| self.w(k) == "before");
            let before = fronted
                || (0..i)
                    .rev()
                    .take_while(|k| self.w(*k) != ",")
                    .any(|k| self.w(k) == "before");
            if snapped || before {
                f.when = When::SessionBefore(day.unwrap_or(self.dateline));
            } else {
                f.anchor = day;
            }
            self.push(f, i..end);
        }
    }

    // ----- counts ---------------------------------------------------------------

    /// "has closed at a new high 30 times this year", "moved more than 1.1
    /// per cent in a trading session five times", "only three of the past 12
    /// sessions have seen moves of 0.25 per cent or more", "six days or more
    /// of straight declines 34 times since 1993", "the 31st time the index
    /// has fallen 10%+ in a month".
    pub fn count(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            let clause = self.clause(i);
            // "1,092 months in total since 1928", "out of 251 sessions in 2022": how many periods.
            if !q.ordinal && q.unit == QUnit::Plain {
                if let Some((unit, after)) = self.lex(i + 1, "unit") {
                    let counted = matches!(self.w(after), "in") && self.w(after + 1) == "total"
                        || (i >= 2 && self.w(i - 1) == "of" && self.w(i - 2) == "out");
                    let window = (after..clause.end.min(after + 4)).find(|k| {
                        self.v.time(*k).is_some_and(|t| {
                            matches!(t.time, Time::Since { .. } | Time::Span { .. })
                        })
                    });
                    let measure = match unit {
                        "month" => Some(Measure::PeriodReturn {
                            calendar: Calendar::Month,
                        }),
                        "year" => Some(Measure::PeriodReturn {
                            calendar: Calendar::Year,
                        }),
                        "week" => Some(Measure::PeriodReturn {
                            calendar: Calendar::Week,
                        }),
                        "session" => Some(Measure::daily_return()),
                        _ => None,
                    };
                    if let (true, Some(w), Some(measure)) = (counted, window, measure) {
                        let mut f = Frame::new(
                            0..0,
                            self.v.sentence,
                            What::Count {
                                measure,
                                runs: None,
                            },
                            Claimed::Number {
                                value: q.value,
                                decimals: 0,
                                hedge: q.hedge,
                                unit: QUnit::Plain,
                                signed: false,
                            },
                        );
                        let (s, _, missing) = self.subject(i, i);
                        f.subject = s;
                        f.missing = missing;
                        f.when = When::Time(
                            self.v.time(w).map(|t| t.time.clone()).unwrap_or(Time::Ever),
                        );
                        self.use_time(w);
                        self.push(f, i..w + 1);
                        continue;
                    }
                }
            }
            let times_unit =
                q.unit == QUnit::Times || (q.ordinal && matches!(self.w(i + 1), "time" | "times"));
            let of_the = !q.ordinal
                && self.w(i + 1) == "of"
                && (i + 2..clause.end.min(i + 5)).any(|k| {
                    self.v
                        .time(k)
                        .is_some_and(|t| matches!(t.time, Time::Sessions { .. }))
                });
            if !(times_unit || of_the) {
                continue;
            }
            let (mut measure, mut runs, threshold_item) = self.counted_condition(i);
            // "By this time last year, it had done so 25 times": the condition counted before.
            if measure.is_none()
                && (clause.start..i).any(|k| self.w(k) == "so")
                && (clause.start..i).any(|k| matches!(self.v.stem(k), "done" | "did" | "do"))
            {
                if let Some(prev) = self.carry.last_count.clone() {
                    measure = Some(prev.0);
                    runs = prev.1;
                }
            }
            let claimed = Claimed::Number {
                value: q.value,
                decimals: 0,
                hedge: q.hedge,
                unit: QUnit::Plain,
                signed: false,
            };
            let end = if q.unit == QUnit::Times { i + 1 } else { i + 2 };
            let Some(measure) = measure else {
                let mut f = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Count {
                        measure: Measure::daily_return(),
                        runs: None,
                    },
                    claimed,
                );
                f.unread
                    .push(format!("what '{}' counts", self.text(i..end)));
                self.push(f, i..end);
                continue;
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Count { measure, runs },
                claimed,
            );
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            let window = (clause.start..clause.end).find(|k| {
                self.v.time(*k).is_some_and(|t| {
                    matches!(
                        t.time,
                        Time::Span { .. }
                            | Time::ToDate { .. }
                            | Time::Sessions { .. }
                            | Time::Since { .. }
                            | Time::Ever
                    )
                }) && !self.used[*k]
            });
            match window {
                Some(w) => {
                    f.when =
                        When::Time(self.v.time(w).map(|t| t.time.clone()).unwrap_or(Time::Ever));
                    self.use_time(w);
                }
                None => f.unread.push(format!(
                    "over what period '{}' are counted",
                    self.text(i..end)
                )),
            }
            if let Some(t) = threshold_item {
                self.used[t] = true;
            }
            // "the 31st time": this one included.
            if q.ordinal {
                f.anchor = self.anchor_day(i);
            }
            if let What::Count { measure, runs } = &f.what {
                self.carry.last_count = Some((measure.clone(), *runs));
            }
            self.push(f, i..end);
        }
    }

    /// The flag a count counts in this clause, and the item of its threshold.
    fn counted_condition(&self, at: usize) -> (Option<Measure>, Option<u32>, Option<usize>) {
        let clause = self.clause(at);
        let has = |w: &str| (clause.start..clause.end).any(|k| self.w(k) == w);
        if (clause.start..clause.end).any(|k| self.lex(k, "record").is_some()) {
            let f = if has("intraday") {
                model::Field::High
            } else {
                model::Field::Close
            };
            return (
                Some(Measure::flag(Measure::field(f), Pred::NewMax)),
                None,
                None,
            );
        }
        for k in clause.start..clause.end {
            if k == at {
                continue;
            }
            if let Some(q) = self.qty(k) {
                if q.unit == QUnit::Percent && matches!(q.hedge, Hedge::MoreThan | Hedge::AtLeast) {
                    let toks = self.v.items[k].tokens.end
                        ..self.v.items[clause.end.min(k + 5).max(k + 1) - 1]
                            .tokens
                            .end;
                    let monthly = self.v.doc.tokens[toks]
                        .iter()
                        .any(|t| t.norm == "month" || t.norm == "months");
                    let down = (clause.start..k)
                        .any(|j| self.lex(j, "move").is_some_and(|(l, _)| l == "down"));
                    let up = (clause.start..k)
                        .any(|j| self.lex(j, "move").is_some_and(|(l, _)| l == "up"));
                    let base = if monthly {
                        Measure::PeriodReturn {
                            calendar: Calendar::Month,
                        }
                    } else {
                        Measure::daily_return()
                    };
                    let pred = match (down, up, q.hedge) {
                        (true, false, Hedge::MoreThan) => Pred::Lt(-q.value),
                        (true, false, _) => Pred::Le(-q.value),
                        (false, true, Hedge::MoreThan) => Pred::Gt(q.value),
                        (false, true, _) => Pred::Ge(q.value),
                        (_, _, Hedge::MoreThan) => Pred::AbsGt(q.value),
                        _ => Pred::AbsGe(q.value),
                    };
                    return (Some(Measure::flag(base, pred)), None, Some(k));
                }
                if q.hedge == Hedge::AtLeast && q.unit == QUnit::Plain && has("straight") {
                    let down = has("declines") || has("losses") || has("down");
                    let pred = if down { Pred::Lt(0.0) } else { Pred::Gt(0.0) };
                    return (
                        Some(Measure::flag(Measure::daily_return(), pred)),
                        Some(q.value as u32),
                        Some(k),
                    );
                }
            }
        }
        (None, None, None)
    }

    // ----- drawdown ---------------------------------------------------------------

    /// "down 23.8% from its record high", "7.5% off its peak", "-14% from its
    /// highs set just last November", "within 1.3% of its all time high",
    /// "down more than 20% from its August high", "still off 42 percent from
    /// its October 2007 record high".
    pub fn drawdown(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.unit != QUnit::Percent {
                continue;
            }
            let clause = self.clause(i);
            let prep = self.w(i + 1);
            if !matches!(prep, "from" | "off" | "below" | "of" | "under") {
                continue;
            }
            let within = prep == "of"
                && ((i.saturating_sub(2)..i).any(|j| self.w(j) == "within")
                    || q.hedge == Hedge::AtMost);
            if prep == "of" && !within {
                continue;
            }
            let mut k = i + 2;
            let mut peak_window: Option<(Date, Date)> = None;
            let mut peak = false;
            let mut record = false;
            let mut end = k;
            let mut times = Vec::new();
            while k < clause.end && k < i + 10 {
                if let Some(t) = self.v.time(k) {
                    match t.time {
                        // "from its January peak on March 13": the day is the claim's.
                        Time::Span {
                            grain: Grain::Day, ..
                        } if peak && peak_window.is_some() && self.w(k - 1) == "on" => break,
                        Time::Span { from, to, .. } => {
                            peak_window = Some((from, to));
                            times.push(k);
                        }
                        Time::Ever => {
                            record = true;
                            times.push(k);
                        }
                        _ => break,
                    }
                    end = k + 1;
                    k += 1;
                    continue;
                }
                let w = self.w(k);
                if self.lex(k, "record").is_some()
                    || matches!(
                        w,
                        "high" | "highs" | "peak" | "record" | "top" | "closing" | "-"
                    )
                {
                    if matches!(w, "high" | "highs" | "peak" | "record" | "top")
                        || self.lex(k, "record").is_some()
                    {
                        peak = true;
                    }
                    if w == "record" || self.lex(k, "record").is_some_and(|(_, a)| a > k + 1) {
                        record = true;
                    }
                    let after = self.lex(k, "record").map_or(k + 1, |(_, a)| a.max(k + 1));
                    end = after;
                    k = after;
                    continue;
                }
                if matches!(
                    w,
                    "its"
                        | "the"
                        | "their"
                        | "set"
                        | "just"
                        | "reached"
                        | "hit"
                        | "in"
                        | "of"
                        | "on"
                        | "ago"
                ) || self.qty(k).is_some_and(|q| q.word)
                {
                    k += 1;
                    continue;
                }
                if self.lex(k, "unit").is_some() {
                    // "just two months ago"
                    k += 1;
                    continue;
                }
                break;
            }
            if !peak {
                continue;
            }
            let mut start = i;
            if i > clause.start && self.lex(i - 1, "move").is_some() {
                start = i - 1;
            }
            let value = -q.value.abs();
            let hedge = if within && q.hedge != Hedge::Exact {
                Hedge::AtMost
            } else {
                q.hedge
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Drawdown {
                    peak: if record { None } else { peak_window },
                },
                Claimed::Number {
                    value,
                    decimals: q.decimals,
                    hedge,
                    unit: QUnit::Percent,
                    signed: true,
                },
            );
            let (s, _, missing) = self.subject(start, start);
            f.subject = s;
            f.missing = missing;
            for t in times {
                self.use_time(t);
            }
            // "from its all-time high of 1,527.46 on March 24, 2000": the date is the peak's.
            if self.w(end) == "of" && self.qty(end + 1).is_some() {
                for j in end + 2..clause.end.min(end + 5) {
                    if self.v.time(j).is_some() {
                        self.used[j] = true;
                        break;
                    }
                }
            }
            f.anchor = self.anchor_day(i);
            self.push(f, start..end);
        }
    }

    // ----- extremes ---------------------------------------------------------------

    /// "its all-time high of 1,527.46 on March 24, 2000", "its record high of
    /// 1,565.15 last October", "its closing high of 1,527.46, set March 24,
    /// 2000", "its low for the decade of 776.76 on October 9, 2002", "a
    /// five-year low of 13.30 last week", "its peak close in early February
    /// of 37.32", "The index's intraday record high of 3,393.52", "The previous
    /// low was 1,214.91 on July 15", "the previous record close of 2,674.56",
    /// "The highest 2000 closing record was achieved on March 27, 2000 at $4,704.73".
    pub fn extreme(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if !matches!(q.unit, QUnit::Plain | QUnit::Dollars | QUnit::Points)
                || q.ordinal
                || q.high.is_some()
            {
                continue;
            }
            let clause = self.clause(i);
            let link = i.checked_sub(1).map(|k| self.w(k)).unwrap_or("");
            if !matches!(link, "of" | "was" | "at" | "is") {
                continue;
            }
            let mut k = i - 1;
            let mut order: Option<Order> = None;
            let mut field = FieldHint::Either;
            let mut record = false;
            let mut previous = false;
            let mut decade = false;
            let mut window: Option<(Time, usize)> = None;
            let mut on: Option<(Date, Date)> = None;
            let mut on_item: Option<usize> = None;
            let mut start = i;
            let mut steps = 0;
            while k > clause.start && steps < 12 {
                k -= 1;
                steps += 1;
                if self.is_intraday_item(k) {
                    field = FieldHint::High;
                    if self.v.time(k).is_some() {
                        self.use_time(k);
                    }
                    start = k;
                    continue;
                }
                if let Some(t) = self.v.time(k) {
                    match &t.time {
                        // A date right before the figure: "achieved on March 27, 2000 at".
                        Time::Span {
                            from,
                            to,
                            grain: Grain::Day,
                            ..
                        } if order.is_none() => {
                            on = Some((*from, *to));
                            on_item = Some(k);
                        }
                        Time::Span { .. } => window = Some((t.time.clone(), k)),
                        Time::Ever => record = true,
                        Time::Lookback { .. } => {}
                        _ => break,
                    }
                    start = k;
                    continue;
                }
                if self.v.mention(k).is_some() {
                    break;
                }
                let w = self.w(k);
                if let Some((_, _)) = self.lex(k, "record") {
                    record = true;
                    order = order.or(Some(Order::Highest));
                    start = k;
                    continue;
                }
                match w {
                    "high" | "highs" | "peak" | "top" => order = order.or(Some(Order::Highest)),
                    "low" | "lows" | "bottom" | "trough" => order = order.or(Some(Order::Lowest)),
                    "highest" => {
                        order = order.or(Some(Order::Highest));
                        record = true;
                    }
                    "lowest" => {
                        order = order.or(Some(Order::Lowest));
                        record = true;
                    }
                    "closing" | "close" => field = FieldHint::Close,
                    "intraday" => field = FieldHint::High,
                    "previous" | "prior" => previous = true,
                    "decade" => decade = true,
                    "was" | "is" | "achieved" | "set" | "reached" | "hit" | "on" | "in" | "at" => {
                        continue
                    }
                    "all" | "time" | "-" | "a" | "level" | "for" | "new" | "of" | "the" | "its"
                    | "their" => {}
                    _ if self.lex(k, "filler").is_some() => {}
                    _ => break,
                }
                start = k;
            }
            if let Some(it) = on_item {
                self.use_time(it);
            }
            let Some(order) = order else { continue };
            // "a new all-time high of 2,692.23 on January 16, during intraday trading".
            if (i + 1..clause.end).any(|k| self.is_intraday_item(k)) {
                field = FieldHint::High;
            }
            let field = match (field, order) {
                (FieldHint::High, Order::Lowest) => FieldHint::Low,
                (f, _) => f,
            };
            // A date after the figure: "on March 24, 2000", "set March 24, 2000", "from February 19", "last October".
            let mut end = i + 1;
            let mut j = i + 1;
            let mut after_time: Option<(Time, usize)> = None;
            while j < clause.end && j < i + 8 {
                if let Some(t) = self.v.time(j) {
                    if let Time::Span { .. } = t.time {
                        after_time = Some((t.time.clone(), j));
                        end = j + 1;
                    }
                    break;
                }
                if !matches!(
                    self.w(j),
                    "on" | "set"
                        | "from"
                        | "dates"
                        | "dating"
                        | "dated"
                        | "in"
                        | ","
                        | "reached"
                        | "hit"
                        | "achieved"
                        | "was"
                        | "also"
                ) {
                    break;
                }
                j += 1;
            }
            // With a record word the time after the figure is when it was set;
            // otherwise it is where the high or low is looked for ("a low of 13.30 last week").
            if let Some((t, item)) = after_time {
                let Time::Span {
                    from, to, grain, ..
                } = t
                else {
                    continue;
                };
                if record || grain == Grain::Day || window.is_some() {
                    on = Some((from, to));
                } else {
                    window = Some((t, item));
                }
                self.use_time(item);
            }
            let what = What::Extreme { order, field };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                what,
                Claimed::Number {
                    value: q.value,
                    decimals: q.decimals,
                    hedge: q.hedge,
                    unit: q.unit,
                    signed: false,
                },
            );
            let (s, _, missing) = self.subject(start, start);
            f.subject = s;
            f.missing = missing;
            f.on = on;
            f.anchor = Some(self.dateline);
            f.when = match (&window, decade) {
                (Some((t @ Time::Span { .. }, item)), _) => {
                    self.use_time(*item);
                    When::Time(t.clone())
                }
                (_, true) => {
                    let from = self
                        .dateline
                        .checked_sub_months(chrono::Months::new(120))
                        .unwrap_or(self.dateline);
                    When::Time(Time::Span {
                        from,
                        to: self.dateline,
                        grain: Grain::Span,
                        range: false,
                    })
                }
                _ => When::Time(Time::Ever),
            };
            if previous && matches!(f.when, When::Time(Time::Ever)) {
                f.anchor = None;
                f.when = When::SessionBefore(self.dateline);
            }
            let day_given = on.is_some_and(|(a, b)| a == b);
            if !record && window.is_none() && !decade && day_given {
                // "the low ... of X on D": the level that day; "a recent high
                // of X on D" its close, or else its intraday high.
                f.what = What::Level {
                    field: if field == FieldHint::Either && order == Order::Lowest {
                        FieldHint::Close
                    } else {
                        field
                    },
                };
                if let Some((from, to)) = on {
                    f.when = When::Time(Time::Span {
                        from,
                        to,
                        grain: Grain::Day,
                        range: false,
                    });
                }
                f.on = None;
                f.anchor = None;
            }
            self.push(f, start..end);
        }
    }

    // ----- records --------------------------------------------------------------

    /// "closed at a record high on Monday", "to a record 701.46", "hit
    /// all-time highs during the session", "set a record close".
    pub fn record(&mut self) {
        for i in 0..self.n() {
            if self.used[i] && self.v.time(i).is_none() {
                continue;
            }
            let rec = self.lex(i, "record").map(|(_, a)| a).or_else(|| {
                // "all-time highs": "all-time" is read as a time; "highs" follows.
                self.v
                    .time(i)
                    .filter(|t| matches!(t.time, Time::Ever))
                    .and(Some(i + 1))
                    .filter(|a| matches!(self.w(*a), "high" | "highs"))
                    .map(|a| a + 1)
            });
            let Some(after) = rec else { continue };
            let clause = self.clause(i);
            let verb = (clause.start..i).rev().take(4).find(|k| {
                matches!(
                    self.v.stem(*k),
                    "close"
                        | "closed"
                        | "end"
                        | "ended"
                        | "finish"
                        | "hit"
                        | "set"
                        | "to"
                        | "reach"
                        | "at"
                        | "notch"
                        | "touch"
                        | "rose"
                        | "climb"
                        | "jump"
                        | "ralli"
                        | "surg"
                )
            });
            let Some(verb) = verb else { continue };
            if (i.saturating_sub(3)..i).any(|k| {
                matches!(
                    self.w(k),
                    "from" | "off" | "below" | "of" | "since" | "previous"
                )
            }) {
                continue;
            }
            let intraday = (clause.start..clause.end).any(|k| {
                matches!(self.w(k), "intraday" | "session")
                    || self
                        .v
                        .time(k)
                        .is_some_and(|t| matches!(t.time, Time::Clock { close: false }))
            }) || matches!(self.v.stem(verb), "hit" | "touch");
            let closing = matches!(
                self.v.stem(verb),
                "close" | "closed" | "end" | "ended" | "finish"
            );
            let field = if intraday && !closing {
                FieldHint::High
            } else {
                FieldHint::Close
            };
            if field == FieldHint::High {
                for k in clause.clone() {
                    if self
                        .v
                        .time(k)
                        .is_some_and(|t| matches!(t.time, Time::Clock { close: false }))
                    {
                        self.use_time(k);
                    }
                }
            }
            let mut f = Frame::new(0..0, self.v.sentence, What::Record { field }, Claimed::Yes);
            let (s, _, missing) = self.subject(verb, verb);
            f.subject = s;
            f.missing = missing;
            // "did not set a record close": a negated claim is not read as
            // its opposite.
            let negated = (verb.saturating_sub(3).max(clause.start)..=verb)
                .any(|k| matches!(self.w(k), "not" | "n't" | "never" | "no"));
            // "did not set a record close": claimed not to hold; an unread
            // negation elsewhere ("no longer") stays unread.
            if negated {
                let plain_not = (verb.saturating_sub(3).max(clause.start)..verb)
                    .any(|k| matches!(self.w(k), "not" | "n't" | "never"))
                    && matches!(self.w(verb.wrapping_sub(1)), "not" | "n't" | "never");
                if plain_not {
                    f.claimed = Claimed::No;
                } else {
                    f.unread.push(format!(
                        "the negation '{}'",
                        self.text(verb.saturating_sub(2).max(clause.start)..after)
                    ));
                }
            }
            f.anchor = self.anchor_day(i);
            if self.v.time(i).is_some() {
                self.use_time(i);
            }
            // The span is the verb and the record words, so a figure after keeps its own claim.
            let start = if matches!(self.v.stem(verb), "hit" | "touch" | "set" | "reach") {
                verb
            } else {
                i
            };
            self.push(f, start..after);
        }
    }

    // ----- volatility -------------------------------------------------------------

    /// "Realized volatility ...: 6.93% when measured over 21 trading days
    /// ending 7/31 and 4.44% for the last 10 trading days", "1.1 per cent –
    /// the standard deviation of daily returns since 1989".
    pub fn volatility(&mut self) {
        let vol_at =
            (0..self.n()).find(|k| self.lex(*k, "noun").is_some_and(|(l, _)| l == "volatility"));
        let Some(v) = vol_at else { return };
        let stdev_words = (0..self.n()).any(|k| self.w(k) == "deviation");
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.unit != QUnit::Percent {
                continue;
            }
            let is_window = |k: &usize| {
                self.v.time(*k).is_some_and(|t| {
                    matches!(
                        t.time,
                        Time::Sessions { .. }
                            | Time::Span { .. }
                            | Time::Since { .. }
                            | Time::ToDate { .. }
                            | Time::Anaphor { since: false }
                    )
                })
            };
            // After the figure ("0.86% over 33 sessions"), else between the
            // noun and the figure ("volatility during this period registered at 0.86%").
            let window = (i + 1..self.n().min(i + 9))
                .find(is_window)
                .or_else(|| (v + 1..i).find(is_window))
                // "Over the past 252 sessions, the standard deviation ... was 1.44%".
                .or_else(|| (0..v).rev().find(is_window));
            let Some(w) = window else { continue };
            let time = self.v.time(w).map(|t| t.time.clone()).unwrap_or(Time::Ever);
            // "1.1 per cent – the standard deviation of ...": the figure defines it.
            let hedge = if v > i
                && matches!(
                    q.hedge,
                    Hedge::MoreThan | Hedge::LessThan | Hedge::AtLeast | Hedge::AtMost
                ) {
                Hedge::Exact
            } else {
                q.hedge
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Volatility {
                    annualised: !stdev_words,
                },
                Claimed::Number {
                    value: q.value,
                    decimals: q.decimals,
                    hedge,
                    unit: QUnit::Percent,
                    signed: false,
                },
            );
            let (s, _, missing) = self.subject(v.max(i), v.max(i));
            f.subject = match s {
                Subj::Carried => (v..self.n().min(v + 4))
                    .find_map(|k| self.v.mention(k))
                    .map_or(Subj::Carried, subj_of),
                s => s,
            };
            f.missing = missing;
            f.when = When::Time(time);
            self.use_time(w);
            self.push(f, i..i + 1);
        }
    }

    // ----- run starts, signs, averages, cross-sections, multiples -------------

    /// "It has been inverted continually since July 6, 2022", "has closed
    /// above 50 since March": the current run of the condition began on the day.
    pub fn inverted_since(&mut self) {
        for i in 0..self.n() {
            let Some(Time::Since { from, to, .. }) = self.v.time(i).map(|t| t.time.clone()) else {
                continue;
            };
            if self.used[i] {
                continue;
            }
            let clause = self.clause(i);
            let inverted = (clause.start..i)
                .rev()
                .take(4)
                .find(|k| matches!(self.v.stem(*k), "invert"));
            let Some(v) = inverted else { continue };
            let measure = Measure::run(Measure::price(), Pred::Lt(0.0));
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Streak { measure },
                Claimed::Date { from, to },
            );
            let (s, _, missing) = self.subject(v, v);
            f.subject = s;
            f.missing = missing;
            f.anchor = Some(self.dateline);
            self.use_time(i);
            let start = (clause.start..v)
                .find(|k| matches!(self.w(*k), "has" | "have" | "been"))
                .unwrap_or(v);
            self.push(f, start..i + 1);
        }
    }

    /// "turned positive for the year 2009", "turned negative for the week":
    /// the sign of the return over the window.
    pub fn turned_sign(&mut self) {
        for i in 0..self.n() {
            if self.used[i] || !matches!(self.v.stem(i), "turn" | "turned") {
                continue;
            }
            let sign = match self.w(i + 1) {
                "positive" | "higher" => 1i8,
                "negative" | "lower" => -1,
                _ => continue,
            };
            let clause = self.clause(i);
            let Some(t) = (i + 2..clause.end.min(i + 5)).find(|k| {
                self.v
                    .time(*k)
                    .is_some_and(|t| matches!(t.time, Time::ToDate { .. } | Time::Span { .. }))
            }) else {
                continue;
            };
            let hedge = if sign > 0 {
                Hedge::MoreThan
            } else {
                Hedge::LessThan
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Move {
                    percent: true,
                    field: FieldHint::Close,
                },
                Claimed::Number {
                    value: 0.0,
                    decimals: 2,
                    hedge,
                    unit: QUnit::Percent,
                    signed: true,
                },
            );
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            f.when = When::Time(self.v.time(t).map(|c| c.time.clone()).unwrap_or(Time::Ever));
            self.use_time(t);
            self.push(f, i..t + 1);
        }
    }

    /// "its long-term average of around 19.3", "its 20-year average of 2.1%":
    /// the mean over all history (or the named span).
    pub fn average(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if i < 2 || self.w(i - 1) != "of" || self.w(i - 2) != "average" {
                continue;
            }
            let long_term = (i.saturating_sub(6)..i - 2)
                .any(|k| matches!(self.w(k), "long" | "historical" | "historic"));
            if !long_term {
                continue;
            }
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Mean,
                Claimed::Number {
                    value: q.value,
                    decimals: q.decimals,
                    hedge: q.hedge,
                    unit: q.unit,
                    signed: false,
                },
            );
            let start = (i.saturating_sub(6)..i - 2)
                .find(|k| matches!(self.w(*k), "long" | "historical" | "historic"))
                .unwrap_or(i - 2);
            let (s, _, missing) = self.subject(start, start);
            f.subject = s;
            f.missing = missing;
            f.when = When::Time(Time::Ever);
            f.anchor = Some(self.dateline);
            self.push(f, start..i + 1);
        }
    }

    /// "XLE was the largest gainer among the sector-based SPDR ETFs", "Among
    /// the SPDR ETFs, XLU fell the most": the fund that led (or lagged) the
    /// sector funds over the window.
    pub fn cross_rank(&mut self) {
        // The basket is named in the sentence, or before it in its paragraph
        // ("On August 5, 2024, all 11 sector funds fell. The industrials fund
        // XLI fell 1.74% and held up best").
        let doc = self.v.doc;
        let paragraph = doc.sentences[self.v.sentence].paragraph;
        let first = (0..=self.v.sentence)
            .rev()
            .take_while(|&k| doc.sentences[k].paragraph == paragraph)
            .last()
            .unwrap_or(self.v.sentence);
        let tokens = &doc.tokens
            [doc.sentences[first].tokens.start..doc.sentences[self.v.sentence].tokens.end];
        let sectors = tokens.iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "sector" | "sectors" | "sector-based" | "spdr" | "spdrs"
            )
        });
        // "Among size and style funds, ... IWN held up best".
        let styles = tokens.windows(2).any(|w| {
            w[0].norm == "style" && matches!(w[1].norm.as_str(), "funds" | "fund" | "etfs")
        });
        let basket = match (sectors, styles) {
            (true, false) => model::Basket::Sectors,
            (false, true) => model::Basket::Styles,
            _ => return,
        };
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            // "did best", "held up best", "fared worst": a fund's rank in the basket.
            let verb_rank = match (self.w(i.wrapping_sub(1)), self.w(i)) {
                ("did" | "fared" | "performed", "best") => Some((Order::Highest, i - 1)),
                ("up", "best") if self.w(i.wrapping_sub(2)) == "held" => {
                    Some((Order::Highest, i - 2))
                }
                ("did" | "fared" | "performed", "worst") => Some((Order::Lowest, i - 1)),
                _ => None,
            };
            if let Some((order, start)) = verb_rank {
                self.push_cross_rank(order, &basket, start, start..i + 1);
                continue;
            }
            // "the largest gainer", "the best performer", "fell the most", "led".
            let order = match (self.w(i), self.w(i + 1), self.w(i.wrapping_sub(1))) {
                (
                    "largest" | "biggest" | "best" | "top",
                    "gainer" | "performer" | "advancer",
                    _,
                ) => Order::Highest,
                ("largest" | "biggest" | "worst", "loser" | "decliner" | "laggard", _) => {
                    Order::Lowest
                }
                ("worst", "performer", _) => Order::Lowest,
                ("most", _, "the")
                    if i >= 2 && self.lex(i - 2, "move").is_some_and(|(l, _)| l == "down") =>
                {
                    Order::Lowest
                }
                ("most", _, "the")
                    if i >= 2 && self.lex(i - 2, "move").is_some_and(|(l, _)| l == "up") =>
                {
                    Order::Highest
                }
                _ => continue,
            };
            let start = if self.w(i.wrapping_sub(1)) == "the" && self.w(i) != "most" {
                i - 1
            } else if self.w(i) == "most" {
                i - 2
            } else {
                i
            };
            self.push_cross_rank(order, &basket, i, start..i + 2);
        }
    }

    /// A fund's rank in `basket` over `items`, waiting for its window; the
    /// fund is the subject of the clause at `at`, or the one before ("It").
    fn push_cross_rank(
        &mut self,
        order: Order,
        basket: &model::Basket,
        at: usize,
        items: Range<usize>,
    ) {
        let (s, _, _) = self.subject(at, at);
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::CrossRank {
                order,
                basket: basket.clone(),
            },
            Claimed::Symbol {
                symbol: String::new(),
            },
        );
        f.subject = s;
        f.anchor = Some(self.dateline);
        self.push(f, items.clone());
        let last = self.frames.len() - 1;
        self.pending.push(Pending {
            frame: last,
            extent: items,
            sibling_of: None,
            before: false,
            before_day_given: false,
        });
    }

    /// "5 sector funds rose and 6 fell", "Five of the 11 sectors rose": how
    /// many funds of the basket moved each way over the window.
    pub fn breadth(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.unit != QUnit::Plain || q.ordinal || q.decimals > 0 {
                continue;
            }
            let clause = self.clause(i);
            let mut k = i + 1;
            let mut basket = false;
            while k < clause.end && k < i + 6 {
                if matches!(self.w(k), "sector" | "sectors") {
                    basket = true;
                }
                if self.lex(k, "move").is_some() && !matches!(self.w(k), "up" | "down") {
                    break;
                }
                k += 1;
            }
            // "and 6 fell": the second count of the same basket.
            let elided = !basket
                && self.frames.last().is_some_and(|f| {
                    matches!(f.what, What::Breadth { .. }) && f.sentence == self.v.sentence
                })
                && self.lex(i + 1, "move").is_some();
            if !(basket || elided) {
                continue;
            }
            let Some((l, _)) = self.lex(k, "move") else {
                continue;
            };
            let up = match dir_of(l) {
                1 => true,
                -1 => false,
                _ => continue,
            };
            // "1 of 9 sector funds", "nine of the 11 sectors": the size written.
            let of_at = if self.w(i + 1) == "of" && self.w(i + 2) == "the" {
                i + 3
            } else {
                i + 2
            };
            let of = (self.w(i + 1) == "of")
                .then(|| self.qty(of_at))
                .flatten()
                .map(|q| q.value as u32)
                .or_else(|| {
                    // "6 of 8 sector funds rose and 2 fell": the same basket.
                    match self.frames.last().map(|f| &f.what) {
                        Some(What::Breadth { of, .. }) if elided => *of,
                        _ => None,
                    }
                });
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Breadth { up, of },
                Claimed::Number {
                    value: q.value,
                    decimals: 0,
                    hedge: q.hedge,
                    unit: QUnit::Plain,
                    signed: false,
                },
            );
            f.subject = Subj::Symbol("XLK".into());
            self.push(f, i..k + 1);
            let last = self.frames.len() - 1;
            self.pending.push(Pending {
                frame: last,
                extent: i..k + 1,
                sibling_of: None,
                before: false,
                before_day_given: false,
            });
        }
    }

    /// "closed above its 200-day moving average (9.19% above)", "3% below its
    /// 50-day average": the close against its simple moving average.
    pub fn sma(&mut self) {
        for i in 0..self.n() {
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.unit != QUnit::Plain || q.decimals > 0 || q.word {
                continue;
            }
            if !(self.w(i + 1) == "-" && matches!(self.w(i + 2), "day" | "session" | "week")) {
                continue;
            }
            let mut k = i + 3;
            if self.w(k) == "moving" || self.w(k) == "simple" {
                k += 1;
            }
            if !matches!(self.w(k), "average" | "averages" | "ma") {
                continue;
            }
            let sessions = if self.w(i + 2) == "week" {
                (q.value as u32) * 5
            } else {
                q.value as u32
            };
            let name = i..k + 1;
            self.mark(name.clone());
            let clause = self.clause(i);
            // The side: "above its 200-day", "(9.19% above)", "below".
            let side_at = (clause.start..clause.end)
                .filter(|j| matches!(self.w(*j), "above" | "below" | "over" | "under"))
                .min_by_key(|j| j.abs_diff(i));
            let Some(side_at) = side_at else { continue };
            let above = matches!(self.w(side_at), "above" | "over");
            let figure = (clause.start..clause.end)
                .find(|j| !self.used[*j] && self.qty(*j).is_some_and(|p| p.unit == QUnit::Percent));
            let (claimed, span) = match figure {
                Some(j) => {
                    let p = self.qty(j).cloned().unwrap_or(q.clone());
                    let v = if above { p.value.abs() } else { -p.value.abs() };
                    (
                        Claimed::Number {
                            value: v,
                            decimals: p.decimals,
                            hedge: p.hedge,
                            unit: QUnit::Percent,
                            signed: true,
                        },
                        j.min(i)..j.max(k) + 1,
                    )
                }
                None => (
                    Claimed::Number {
                        value: 0.0,
                        decimals: 2,
                        hedge: if above {
                            Hedge::MoreThan
                        } else {
                            Hedge::LessThan
                        },
                        unit: QUnit::Percent,
                        signed: true,
                    },
                    side_at.min(i)..k + 1,
                ),
            };
            let crossed = figure.is_none()
                && side_at > 0
                && (self.lex(side_at - 1, "move").is_some()
                    || matches!(
                        self.v.stem(side_at - 1),
                        "cross" | "broke" | "break" | "slip" | "dip"
                    ));
            let mut f = Frame::new(0..0, self.v.sentence, What::SmaGap { sessions }, claimed);
            let (s, _, missing) = self.subject(side_at.min(i), side_at.min(i));
            f.subject = s;
            f.missing = missing;
            if crossed {
                // "crossed above its 50-day average on D": the day of the
                // cross, which the side alone does not decide.
                f.unread.push(format!(
                    "the crossing '{} {}' (the day it crossed)",
                    self.w(side_at - 1),
                    self.w(side_at)
                ));
            }
            f.anchor = self.anchor_day(i);
            self.push(f, span);
        }
    }

    /// "has almost doubled since hitting its low ... on October 9, 2002":
    /// a return of about +100% (tripled +200%, halved −50%).
    pub fn doubled(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let value = match self.v.stem(i) {
                "doubl" => 100.0,
                "tripl" => 200.0,
                "halv" => -50.0,
                _ => continue,
            };
            // "more than doubled": two words of hedge.
            let (hedge, words) = match (self.w(i.wrapping_sub(2)), self.w(i.wrapping_sub(1))) {
                ("more", "than") => (Hedge::MoreThan, 2),
                ("less", "than") => (Hedge::LessThan, 2),
                (_, "almost" | "nearly") => (Hedge::Almost, 1),
                (_, "about" | "roughly") => (Hedge::Approx, 1),
                (_, "more") => (Hedge::MoreThan, 1),
                _ => (Hedge::Exact, 0),
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Move {
                    percent: true,
                    field: FieldHint::Close,
                },
                Claimed::Number {
                    value,
                    decimals: 0,
                    hedge,
                    unit: QUnit::Percent,
                    signed: true,
                },
            );
            let (s, _, missing) = self.subject(i, i);
            f.subject = s;
            f.missing = missing;
            let start = i - words;
            self.push(f, start..i + 1);
            let last = self.frames.len() - 1;
            self.pending.push(Pending {
                frame: last,
                extent: start..i + 1,
                sibling_of: None,
                before: false,
                before_day_given: false,
            });
        }
    }

    // ----- moves and levels -------------------------------------------------------

    /// The trigger of a figure at `i`: a move or level word before it (over
    /// glue, hedges, "by", "as much as", a benchmark "over large caps"), or
    /// the frame of the figure before it joined by ", or".
    fn trigger_left(&self, i: usize) -> Option<Trigger> {
        let clause = self.clause(i);
        let mut k = i;
        let mut crossed = 0;
        let mut intraday: Option<FieldHint> = None;
        while k > clause.start {
            k -= 1;
            if self.v.mention(k).is_some() {
                // "its YTD lead over large caps north of 5%": a benchmark is crossed.
                if self.is_benchmark_item(k) {
                    continue;
                }
                if self.v.mention(k).is_some_and(|m| m.symbol().is_none()) && self.w(k) == "its" {
                    continue;
                }
                return None;
            }
            if self.qty(k).is_some() {
                // "7.88%, or 195.51 points", "7.88% (equivalent to 195.51 points)".
                let equivalent = (k + 1..i).any(|j| self.w(j) == "equivalent");
                let joined = (k + 1..i).all(|j| {
                    matches!(
                        self.w(j),
                        "," | "or" | "and" | "(" | ")" | "-" | "about" | "roughly" | "nearly"
                    ) || (equivalent && matches!(self.w(j), "equivalent" | "to"))
                }) && (k + 1..i)
                    .any(|j| matches!(self.w(j), "or" | "," | "equivalent"));
                if joined {
                    let tok = self.v.items[k].tokens.start;
                    if let Some(fi) = self
                        .frames
                        .iter()
                        .rposition(|f| f.consumed.iter().any(|r| r.contains(&tok)))
                    {
                        return Some(Trigger::Sibling { frame: fi });
                    }
                }
                return None;
            }
            if self.v.time(k).is_some() {
                continue;
            }
            let w = self.w(k);
            if w == "high" && self.w(k.wrapping_sub(1)) == "as" {
                intraday = Some(FieldHint::High);
                continue;
            }
            if w == "low" && self.w(k.wrapping_sub(1)) == "as" {
                intraday = Some(FieldHint::Low);
                continue;
            }
            if w == "much" && self.w(k.wrapping_sub(1)) == "as" {
                intraday = intraday.or(Some(FieldHint::Either));
                continue;
            }
            if w == "as"
                || w == "equivalent"
                || (w == "to" && self.w(k.wrapping_sub(1)) == "equivalent")
            {
                continue;
            }
            // "The 10-year Treasury yield was 4.24%": a copula right after the name.
            // ("was 2% higher", "was 20% below its peak" are moves and gaps.)
            let after = self.w(i + 1);
            let direction_after = self.lex(i + 1, "move").is_some()
                || matches!(
                    after,
                    "higher"
                        | "lower"
                        | "above"
                        | "below"
                        | "up"
                        | "down"
                        | "off"
                        | "from"
                        | "more"
                        | "less"
                        | "better"
                        | "worse"
                        | "of"
                        | "under"
                        | "over"
                );
            if matches!(
                w,
                "was" | "is" | "stood" | "stands" | "sat" | "sits" | "remained"
            ) && !direction_after
                && k > clause.start
                && self.v.mention(k - 1).is_some_and(|m| m.symbol().is_some())
            {
                return Some(Trigger::Level {
                    item: k,
                    field: FieldHint::Close,
                    after_move: None,
                });
            }
            if matches!(w, "to" | "at") {
                let after_move = (clause.start..k)
                    .rev()
                    .find_map(|j| self.lex(j, "move").map(|(l, _)| dir_of(l)));
                // "rose by as much as 0.5% to 3,378.84": the level reached is the high.
                if intraday.is_none()
                    && (clause.start..k)
                        .any(|j| self.w(j) == "much" && self.w(j.wrapping_sub(1)) == "as")
                {
                    let f = if after_move.unwrap_or(1) < 0 {
                        FieldHint::Low
                    } else {
                        FieldHint::High
                    };
                    return Some(Trigger::Level {
                        item: k,
                        field: f,
                        after_move,
                    });
                }
                // "started 2022 at 1.51%": the level before the period began.
                if w == "at"
                    && (clause.start..k).rev().take(4).any(|j| {
                        matches!(
                            self.w(j),
                            "started"
                                | "start"
                                | "starts"
                                | "began"
                                | "begin"
                                | "begins"
                                | "opened"
                                | "entered"
                        )
                    })
                {
                    return Some(Trigger::Level {
                        item: k,
                        field: FieldHint::Close,
                        after_move: Some(2),
                    });
                }
                // "bottomed at", "peaked at", "rose as high as": the intraday extreme.
                let field = match intraday {
                    Some(f) => f,
                    None => match k
                        .checked_sub(1)
                        .and_then(|j| self.lex(j, "level"))
                        .map(|(l, _)| l)
                    {
                        Some("low") => FieldHint::Low,
                        Some("high") => FieldHint::High,
                        _ => FieldHint::Close,
                    },
                };
                return Some(Trigger::Level {
                    item: k,
                    field,
                    after_move,
                });
            }
            if let Some((l, _)) = self.lex(k, "move") {
                // "gave up 2.8%": a longer move phrase that ends here wins
                // over its last word.
                let l = k
                    .checked_sub(1)
                    .and_then(|j| self.lex(j, "move"))
                    .filter(|(_, end)| *end > k)
                    .map_or(l, |(longer, _)| longer);
                let d = dir_of(l);
                if let Some(f) = intraday {
                    let f = match (f, d) {
                        (FieldHint::Either, x) if x < 0 => FieldHint::Low,
                        (FieldHint::Either, _) => FieldHint::High,
                        (f, _) => f,
                    };
                    return Some(Trigger::Move {
                        item: k,
                        dir: d,
                        intraday: Some(f),
                    });
                }
                return Some(Trigger::Move {
                    item: k,
                    dir: d,
                    intraday: None,
                });
            }
            if let Some((l, _)) = self.lex(k, "level") {
                if l == "close" && !matches!(w, "is" | "was" | "were" | "are" | "be" | "at") {
                    return Some(Trigger::Level {
                        item: k,
                        field: FieldHint::Close,
                        after_move: None,
                    });
                }
                if l == "high" {
                    return Some(Trigger::Level {
                        item: k,
                        field: FieldHint::High,
                        after_move: None,
                    });
                }
                if l == "low" {
                    return Some(Trigger::Level {
                        item: k,
                        field: FieldHint::Low,
                        after_move: None,
                    });
                }
            }
            if self.glue(k)
                || self.punct(k)
                || matches!(
                    w,
                    "by" | "just"
                        | "another"
                        | "total"
                        | "roughly"
                        | "some"
                        | "fully"
                        | "cumulatively"
                )
            {
                continue;
            }
            crossed += 1;
            if crossed > 3 {
                break;
            }
        }
        None
    }

    /// A move noun after a figure: "a 1.4 per cent gain", "44 percent
    /// jump", "3.6% and 7.4% return"; or before it with "of": "loss of 7.6%".
    fn noun_move(&self, i: usize) -> Option<(usize, i8)> {
        let clause = self.clause(i);
        let mut k = i + 1;
        while k < clause.end && k < i + 4 {
            if let Some((l, _)) = self.lex(k, "move_noun") {
                return Some((k, dir_of(l)));
            }
            if self.v.time(k).is_some()
                || self.glue(k)
                || self.lex(k, "filler").is_some()
                || matches!(self.w(k), "one" | "-" | "day" | "single")
            {
                k += 1;
                continue;
            }
            break;
        }
        if i >= 2 && self.w(i - 1) == "of" {
            if let Some((l, _)) = self.lex(i - 2, "move_noun") {
                return Some((i - 2, dir_of(l)));
            }
        }
        // "7.4% lower than Friday's close", "2% higher".
        match self.w(i + 1) {
            "lower" => return Some((i + 1, -1)),
            "higher" => return Some((i + 1, 1)),
            _ => {}
        }
        None
    }

    /// Present or perfect tense before a move word: "is up", "has gained",
    /// "is now down", "have risen".
    fn cumulative_at(&self, trigger: usize) -> bool {
        let mut k = trigger;
        while k > 0 {
            k -= 1;
            match self.w(k) {
                "now" | "still" | "already" | "just" | "been" | "also" => continue,
                "is" | "are" | "has" | "have" | "'s" | "remains" | "stands" => return true,
                _ => return false,
            }
        }
        false
    }

    /// "just 23 points adrift of the 7,000 mark", "within 50 points of the
    /// 5,000 level": a distance to a round level, read as the level.
    fn distance_to_mark(&mut self, i: usize, q: &Quantity) -> bool {
        if !matches!(q.unit, QUnit::Points | QUnit::Plain) {
            return false;
        }
        let w1 = self.w(i + 1);
        let below = matches!(w1, "adrift" | "short" | "shy" | "below" | "away" | "under");
        let above = matches!(w1, "above" | "over" | "past");
        if !(below || above) {
            return false;
        }
        let mut k = i + 2;
        while matches!(self.w(k), "of" | "from" | "the") {
            k += 1;
        }
        let Some(mark) = self.qty(k).cloned() else {
            return false;
        };
        if !matches!(
            self.w(k + 1),
            "mark" | "level" | "threshold" | "line" | "barrier"
        ) {
            return false;
        }
        let value = if below {
            mark.value - q.value
        } else {
            mark.value + q.value
        };
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Level {
                field: FieldHint::Close,
            },
            Claimed::Number {
                value,
                decimals: q.decimals,
                hedge: q.hedge,
                unit: QUnit::Plain,
                signed: false,
            },
        );
        let (s, _, missing) = self.subject(i, i);
        f.subject = s;
        f.missing = missing;
        f.anchor = self.anchor_day(i);
        f.notes.push(format!(
            "read as a close of {} ({} points {} {})",
            value,
            q.value,
            if below { "below" } else { "above" },
            mark.value
        ));
        self.push(f, i..k + 2);
        true
    }

    /// Moves and levels for every figure left: "fell 57.86 to 224.84",
    /// "lost more than 20 percent", "or 3.8 percent", "a 1.4 per cent gain on
    /// the day for the S&P", "closed at 1,502.39", "was up 7.4 per cent at
    /// 15.05", "the Dow industrials 2.0 percent" (a sibling with the verb
    /// left out), "is up 77 percent from its bottom on March 23, 2020",
    /// "-3% for the day", "rose past 2,000", "exceeding large-cap returns by
    /// approximately 850 basis points".
    pub fn moves(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.ordinal || q.unit == QUnit::Times || q.high.is_some() && q.unit != QUnit::Percent {
                continue;
            }
            // "seven years to the day", "near zero": a number word is a figure only with a unit.
            if q.word && matches!(q.unit, QUnit::Plain) {
                continue;
            }
            if self.distance_to_mark(i, &q) {
                continue;
            }
            // "an 11-day streak", "a 15-year trend": a duration, not a figure.
            let duration = q.unit == QUnit::Plain
                && self.w(i + 1) == "-"
                && self.lex(i + 2, "unit").is_some_and(|(l, _)| {
                    matches!(
                        l,
                        "session" | "week" | "month" | "quarter" | "half" | "year" | "decade"
                    )
                });
            if duration {
                continue;
            }
            // "jumped above 30", "fell below 4%", "topped 1,000": a crossing,
            // which the day before decides too; not read as a move or a level.
            if let Some(start) = self.crossing_before(i) {
                let mut f = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Level {
                        field: FieldHint::Close,
                    },
                    Self::claimed_number(&q, 0),
                );
                let (s, _, missing) = self.subject(start, start);
                f.subject = s;
                f.missing = missing;
                f.unread
                    .push(format!("the crossing '{}'", self.text(start..i + 1)));
                self.push(f, start..i + 1);
                continue;
            }
            // "The S&P 500's median return over the next 126 sessions ... was
            // +4.33%": a statistic over past cases, not a move of the index.
            let clause = self.clause(i);
            // "... was higher in 4 of 5 cases", "higher in 73.7% of them":
            // a share of past cases.
            let share = i >= 2
                && self.w(i - 1) == "in"
                && matches!(
                    self.w(i - 2),
                    "higher" | "lower" | "up" | "down" | "positive" | "negative"
                );
            let statistic = (clause.start..i)
                .find(|&k| {
                    self.w(k) == "median"
                        || matches!(self.w(k), "average" | "mean")
                            && matches!(self.v.stem(k + 1), "return" | "gain" | "loss" | "move")
                })
                .or(share.then(|| i - 2));
            if let Some(k) = statistic {
                let mut f = Frame::new(
                    0..0,
                    self.v.sentence,
                    What::Level {
                        field: FieldHint::Close,
                    },
                    Self::claimed_number(&q, 0),
                );
                let (s, _, missing) = self.subject(k, k);
                f.subject = s;
                f.missing = missing;
                f.unread.push(format!(
                    "'{} {}' (a statistic over other periods)",
                    self.w(k),
                    self.w(k + 1)
                ));
                self.push(f, i..i + 1);
                continue;
            }
            let trigger = self.trigger_left(i);
            let noun = self.noun_move(i);
            let mut sibling_of = None;
            let mut starts_at = false;
            let (what, dir, trig_item) = match (trigger, noun) {
                (Some(Trigger::Sibling { frame }), _) => {
                    let base = &self.frames[frame];
                    let dir = match &base.claimed {
                        Claimed::Number {
                            value,
                            signed: true,
                            ..
                        } if *value < 0.0 => -1,
                        Claimed::Number { signed: true, .. } => 1,
                        _ => 0,
                    };
                    let percent = q.unit == QUnit::Percent;
                    let what = match base.what {
                        What::Move { field, .. } => What::Move { percent, field },
                        ref w => w.clone(),
                    };
                    sibling_of = Some(frame);
                    (what, dir, i)
                }
                (
                    Some(Trigger::Move {
                        item,
                        dir: _,
                        intraday: Some(fh @ (FieldHint::High | FieldHint::Low)),
                    }),
                    _,
                ) if q.unit == QUnit::Plain || q.unit == QUnit::Dollars => {
                    // "rose as high as 1,503.34", "fell as low as 13.30": the intraday extreme itself.
                    (What::Level { field: fh }, 0, item)
                }
                (
                    Some(Trigger::Move {
                        item,
                        dir,
                        intraday,
                    }),
                    _,
                ) => {
                    // "rose past 2,000", "fell below 1,000": a level crossed, not a move.
                    if matches!(q.hedge, Hedge::MoreThan | Hedge::LessThan)
                        && q.unit == QUnit::Plain
                        && q.decimals == 0
                        && q.value >= 100.0
                    {
                        let briefly = (self.clause(i).start..i)
                            .any(|k| matches!(self.w(k), "briefly" | "intraday"));
                        let field = if briefly || intraday.is_some() {
                            if q.hedge == Hedge::MoreThan {
                                FieldHint::High
                            } else {
                                FieldHint::Low
                            }
                        } else {
                            FieldHint::Close
                        };
                        (What::Level { field }, 0, item)
                    } else {
                        let field = intraday.unwrap_or(FieldHint::Close);
                        (
                            What::Move {
                                percent: q.unit == QUnit::Percent,
                                field,
                            },
                            dir,
                            item,
                        )
                    }
                }
                (
                    Some(Trigger::Level {
                        item,
                        field,
                        after_move: Some(2),
                    }),
                    _,
                ) => {
                    starts_at = true;
                    (What::Level { field }, 0, item)
                }
                (
                    Some(Trigger::Level {
                        item,
                        field,
                        after_move,
                    }),
                    _,
                ) => {
                    if q.unit == QUnit::Percent {
                        match after_move {
                            // "its gain for the year to 13.9 percent": the cumulative move.
                            Some(d) => (
                                What::Move {
                                    percent: true,
                                    field: FieldHint::Close,
                                },
                                d,
                                item,
                            ),
                            // "Real Estate at +0.18%": a signed percent is a move.
                            None if q.sign.is_some() => (
                                What::Move {
                                    percent: true,
                                    field: FieldHint::Close,
                                },
                                0,
                                item,
                            ),
                            None => (What::Level { field }, 0, item),
                        }
                    } else {
                        (What::Level { field }, 0, item)
                    }
                }
                (None, Some((item, dir))) => (
                    What::Move {
                        percent: q.unit == QUnit::Percent,
                        field: FieldHint::Close,
                    },
                    dir,
                    item,
                ),
                (None, None)
                    if i > 0
                        && self
                            .v
                            .mention(i - 1)
                            .is_some_and(|m| m.possessive && m.symbol().is_some()) =>
                {
                    // "against the S&P 500's +1.38%": the move before, for another subject.
                    match self.frames.iter().rposition(|f| {
                        f.sentence == self.v.sentence && matches!(f.what, What::Move { .. })
                    }) {
                        Some(fi) => {
                            sibling_of = Some(fi);
                            (self.frames[fi].what.clone(), 0, i)
                        }
                        None => continue,
                    }
                }
                (None, None) => {
                    let gap_sentence =
                        (0..self.n()).any(|k| matches!(self.w(k), "gap" | "opening"));
                    if q.unit == QUnit::Percent && gap_sentence {
                        // "The opening gap ... was 8.3% for the SPY ETF".
                        (
                            What::Move {
                                percent: true,
                                field: FieldHint::Open,
                            },
                            0,
                            i,
                        )
                    } else if q.sign.is_some() && q.unit == QUnit::Percent {
                        // "COMP, -2.21%", "-3% for the day": a signed figure is a move.
                        (
                            What::Move {
                                percent: true,
                                field: FieldHint::Close,
                            },
                            0,
                            i,
                        )
                    } else if let Some(fi) = self.elided_base(i) {
                        // "the Dow industrials 2.0 percent": the verb left out.
                        let base = &self.frames[fi];
                        let what = match base.what {
                            What::Move { field, .. } => What::Move {
                                percent: q.unit == QUnit::Percent,
                                field,
                            },
                            ref w => w.clone(),
                        };
                        sibling_of = Some(fi);
                        (what, 0, i)
                    } else {
                        continue;
                    }
                }
            };
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                what.clone(),
                Self::claimed_number(&q, dir),
            );
            if let Claimed::Number { signed, value, .. } = &mut f.claimed {
                // "fell to 0.54%": the level reached, not a negative figure.
                if matches!(what, What::Level { .. }) && q.sign.is_none() {
                    *signed = false;
                    *value = value.abs();
                }
            }
            let (s, subj_item, missing) = self.subject(i, trig_item);
            f.subject = s;
            f.missing = missing;
            // "against the S&P 500's +1.38%": the possessive names the figure's subject.
            let possessor = i
                .checked_sub(1)
                .and_then(|k| self.v.mention(k))
                .filter(|m| m.possessive && m.symbol().is_some());
            if let Some(m) = possessor {
                f.subject = subj_of(m);
                f.missing = None;
            }
            if let Some(b) = sibling_of {
                let base = self.frames[b].clone();
                // ", or 3.8 percent" shares its figure's subject; "the Dow industrials 2.0 percent" names its own.
                let own_name =
                    subj_item.is_some_and(|si| self.v.items[si].tokens.start > base.span.end);
                if !own_name {
                    f.subject = base.subject.clone();
                    f.missing = base.missing.clone();
                }
                if let (
                    Claimed::Number { value, signed, .. },
                    Claimed::Number {
                        value: bv,
                        signed: bs,
                        ..
                    },
                ) = (&mut f.claimed, &base.claimed)
                {
                    if !*signed && *bs && *bv < 0.0 {
                        *value = -value.abs();
                        *signed = true;
                    }
                }
                f.cumulative = base.cumulative;
            }
            // A benchmark: "outperformed the S&P 500 ... by 850 basis points", "its YTD lead over large caps".
            if matches!(f.what, What::Move { .. }) && possessor.is_none() {
                let clause = self.clause(i);
                let bench = (clause.start..i).rev().find(|k| {
                    self.v.mention(*k).is_some_and(|m| m.symbol().is_some())
                        && self.is_benchmark_item(*k)
                });
                if let Some(b) = bench {
                    f.benchmark = self.v.mention(b).map(subj_of);
                    if let Claimed::Number { signed, .. } = &mut f.claimed {
                        *signed = false;
                    }
                }
                f.cumulative |= self.cumulative_at(trig_item);
            }
            // A rate "to 4.005%": a level, not a percent move.
            if matches!(f.what, What::Move { percent: true, .. })
                && !matches!(f.subject, Subj::Symbol(_))
                && matches!(trigger, Some(Trigger::Level { .. }))
                && q.sign.is_none()
            {
                f.reached = true;
            }
            if let (What::Move { percent: true, .. }, Subj::Symbol(sym)) = (&f.what, &f.subject) {
                if is_rate_symbol(sym) && matches!(trigger, Some(Trigger::Level { .. })) {
                    f.what = What::Level {
                        field: FieldHint::Close,
                    };
                    if let Claimed::Number { signed, value, .. } = &mut f.claimed {
                        if q.sign.is_none() {
                            *signed = false;
                            *value = value.abs();
                        }
                    }
                }
            }
            // "up 77 percent from its bottom on March 23, 2020": measured from that day.
            let mut from_items = Vec::new();
            if let What::Move { .. } = f.what {
                if let Some((day, items)) = self.base_day_from(i) {
                    f.when = When::FromDay(day);
                    from_items = items;
                }
            }
            for t in from_items {
                self.use_time(t);
            }
            // An opening gap: "the opening gap ... was 8.3%", "Monday's open ... was 7.4% lower than Friday's close".
            let gap_words = (0..self.n()).any(|k| {
                self.lex(k, "ranked").is_some_and(|(l, _)| l == "gap")
                    && matches!(self.w(k), "gap" | "opening" | "open")
            });
            if gap_words
                && q.unit == QUnit::Percent
                && !matches!(
                    f.what,
                    What::Move {
                        field: FieldHint::High | FieldHint::Low | FieldHint::Either,
                        ..
                    }
                )
            {
                let closed = (0..self.n()).any(|k| self.w(k) == "closed");
                if !closed {
                    f.what = What::Move {
                        percent: true,
                        field: FieldHint::Open,
                    };
                }
            }
            // A percent level of an index is no level at all.
            if let (What::Level { .. }, QUnit::Percent) = (&f.what, q.unit) {
                let rate = matches!(&f.subject, Subj::Symbol(s) if is_rate_symbol(s))
                    || matches!(f.subject, Subj::Spread(..));
                if !rate {
                    f.unread
                        .push(format!("what '{}' measures", self.text(i..i + 1)));
                }
            }
            let start = trig_item.min(i);
            let start = if matches!(f.what, What::Level { .. }) {
                i.min(start.max(i.saturating_sub(1)))
            } else {
                start
            };
            let needs_time = f.when == When::Default;
            let extent = trig_item.min(i)..i.max(trig_item) + 1;
            self.push(f, start..i + 1);
            let before = starts_at
                || matches!(what, What::Level { .. })
                    && (start.saturating_sub(4)..start).any(|k| {
                        matches!(
                            self.w(k),
                            "initial" | "starting" | "prior" | "previous" | "opening"
                        )
                    });
            if needs_time {
                let frame = self.frames.len() - 1;
                self.pending.push(Pending {
                    frame,
                    extent,
                    sibling_of,
                    before,
                    before_day_given: false,
                });
            }
        }
    }

    /// The move frame a figure with its verb left out continues: "gained 2.2
    /// percent for the week, the Dow industrials 2.0 percent".
    fn elided_base(&self, i: usize) -> Option<usize> {
        let clause = self.clause(i);
        let prev_mention = (clause.start..i)
            .rev()
            .take(4)
            .find(|k| self.v.mention(*k).is_some_and(|m| m.symbol().is_some()))?;
        let between_ok = (prev_mention + 1..i).all(|k| {
            self.glue(k)
                || self.lex(k, "instrument_stop").is_some()
                || self.is_tok(k) && self.v.token(k).capitalised
        });
        if !between_ok {
            return None;
        }
        self.frames
            .iter()
            .rposition(|f| f.sentence == self.v.sentence && matches!(f.what, What::Move { .. }))
    }

    /// "from its bottom on March 23, 2020", "from its 12-year closing low on
    /// March 9": the day and the items read.
    fn base_day_from(&self, i: usize) -> Option<(Date, Vec<usize>)> {
        let clause = self.clause(i);
        // "..., measured from the December 31, 2025 close": anywhere after in the clause.
        for k in i + 1..clause.end {
            if self.w(k) == "from"
                && (k > 0 && matches!(self.w(k - 1), "measured" | "counted" | "calculated")
                    || self.w(k + 1) == "the")
            {
                let d = (k + 1..(k + 4).min(clause.end)).find_map(|j| {
                    match self.v.time(j).map(|t| &t.time) {
                        Some(Time::Span {
                            from,
                            grain: Grain::Day,
                            ..
                        }) if matches!(self.w(j + 1), "close" | "closing") => Some((*from, j)),
                        _ => None,
                    }
                });
                if let Some((d, j)) = d {
                    return Some((d, vec![j]));
                }
            }
        }
        if self.w(i + 1) != "from" {
            return None;
        }
        let mut k = i + 2;
        let mut items = Vec::new();
        while k < clause.end && k < i + 9 {
            if let Some(t) = self.v.time(k) {
                match t.time {
                    Time::Span {
                        from,
                        grain: Grain::Day,
                        ..
                    } => {
                        items.push(k);
                        return Some((from, items));
                    }
                    Time::Lookback { .. } => {
                        items.push(k);
                        k += 1;
                        continue;
                    }
                    _ => return None,
                }
            }
            k += 1;
        }
        None
    }

    /// Every digit figure no construction read: unverifiable, saying so.
    pub fn leftovers(&mut self) {
        for i in 0..self.n() {
            if self.used[i] {
                continue;
            }
            let Some(q) = self.qty(i).cloned() else {
                continue;
            };
            if q.word || q.ordinal {
                continue;
            }
            let prev = i.checked_sub(1).map(|k| self.w(k)).unwrap_or("");
            let next = self.w(i + 1);
            if prev == "[" && next == "]"
                || matches!(
                    prev,
                    "figure" | "fig" | "table" | "chart" | "#" | "no" | "no."
                )
            {
                continue;
            }
            if i == 0 && next == "." {
                continue;
            }
            let mut f = Frame::new(
                0..0,
                self.v.sentence,
                What::Level {
                    field: FieldHint::Close,
                },
                Claimed::Number {
                    value: q.value,
                    decimals: q.decimals,
                    hedge: q.hedge,
                    unit: q.unit,
                    signed: false,
                },
            );
            let (s, _, missing) = self.subject(i, i);
            // A table row's bare figure ("| ^RUT | ... | 2,677.74 [1] | +0.12% |")
            // is the row instrument's level: the close of the day.
            let row_level = self.table_row()
                && q.unit == QUnit::Plain
                && q.hedge == Hedge::Exact
                && q.sign.is_none()
                && matches!(s, Subj::Symbol(_))
                && self.cell_is_figure(i);
            f.subject = s;
            f.missing = missing;
            if !row_level {
                f.unread
                    .push(format!("what '{}' measures", self.text(i..i + 1)));
            }
            self.push(f, i..i + 1);
        }
    }

    /// Whether the table cell of item `i` holds the figure and nothing but a
    /// citation or a note in brackets ("2,677.74 [1]", "265.29
    /// (dividend-adjusted close) [2]").
    fn cell_is_figure(&self, i: usize) -> bool {
        let toks = &self.v.doc.tokens;
        let at = self.v.items[i].tokens.clone();
        let cell_start = (0..at.start).rev().find(|&k| toks[k].norm == "|");
        let cell_end = (at.end..toks.len()).find(|&k| toks[k].norm == "|");
        let (Some(a), Some(b)) = (cell_start, cell_end) else {
            return false;
        };
        // Before the figure: nothing; after it: brackets and what they hold.
        let mut depth = 0i32;
        a + 1 == at.start
            && toks[at.end..b].iter().all(|t| {
                match t.norm.as_str() {
                    "(" | "[" => depth += 1,
                    ")" | "]" => depth -= 1,
                    _ => return depth > 0,
                }
                true
            })
    }
}

/// A Treasury yield or policy rate symbol.
pub(crate) fn is_rate_symbol(s: &str) -> bool {
    s.starts_with("DGS")
        || s.starts_with("DFEDTAR")
        || matches!(s, "DFF" | "FEDFUNDS" | "SOFR" | "JP10Y")
}

/// The subject a mention names.
pub fn subj_of(m: &crate::chunk::Mention) -> Subj {
    match &m.kind {
        MentionKind::Instrument { symbol } => Subj::Symbol(symbol.clone()),
        MentionKind::Spread { a, b } => Subj::Spread(a.clone(), b.clone()),
        MentionKind::Coref { kind } => Subj::Coref(*kind),
    }
}

/// The claimed value of a lookback time.
fn lookback_claim(t: &Time) -> Claimed {
    match t {
        Time::Lookback {
            min_days,
            max_days,
            label,
        } => Claimed::Lookback {
            min_days: *min_days,
            max_days: *max_days,
            label: label.clone(),
        },
        _ => Claimed::OnRecord,
    }
}
