//! Binding what a frame leaves to its context: coreference ("it", "the
//! index", "stocks"), subjects carried from the clause or sentence before
//! (a participle clause, a bullet), windows named by anaphora ("during the
//! same period", "since then"), and the period of a cumulative move ("the
//! index is up almost 17%" after "this year").
//!
//! Rules, in order, for a subject:
//! 1. an instrument written in the frame's clause wins (read by `build`);
//! 2. "it", "its", "the index", "the benchmark" → the first instrument named
//!    in the same sentence before it, else the first instrument (the
//!    subject) of the nearest sentence before that names one; a spread the
//!    previous claim was about ("the 2-year to 10-year inversion ... It");
//! 3. "stocks", "the market", "Wall Street" → the last broad equity index
//!    or fund named before, else the S&P 500, and the verdict says so;
//! 4. nothing written → the previous frame's subject in the same
//!    paragraph, else the last instrument named before;
//! 5. "the index" with nothing named anywhere before → the S&P 500, said
//!    in the verdict; otherwise unreadable.
//!
//! A move in the present or perfect tense ("is up", "has gained") with no
//! window of its own takes the window of the claim before it in the same
//! paragraph; with none it is unreadable, never the day's move.

use super::{Frame, Subj, What, When};
use crate::chunk::{Chunks, CorefKind, MentionKind, Time};
use crate::text::Doc;
use model::{InstrumentKind, Registry};

/// Equity benchmarks "the market" can refer to.
const BROAD: &[&str] = &[
    "^GSPC", "^DJI", "^IXIC", "^NDX", "^RUT", "SPY", "QQQ", "IWM", "DIA", "RSP",
];

/// The lead index when a text names none.
const LEAD: &str = "^GSPC";

struct Ctx<'a> {
    doc: &'a Doc,
    chunks: &'a Chunks,
    registry: &'a Registry,
}

impl Ctx<'_> {
    fn sentence_of(&self, token: usize) -> usize {
        self.doc
            .sentences
            .iter()
            .position(|s| s.tokens.contains(&token))
            .unwrap_or(0)
    }

    /// The instrument a market term names: the last broad one before, else the lead.
    fn market(&self, at: usize) -> (String, bool) {
        let broad = self
            .chunks
            .mentions
            .iter()
            .rev()
            .filter(|m| m.tokens.end <= at)
            .find_map(|m| m.symbol().filter(|s| BROAD.contains(s)).map(str::to_string));
        match broad {
            Some(s) => (s, false),
            None => (LEAD.to_string(), true),
        }
    }

    /// Whether the coreference term at token `at` says "benchmark".
    fn says_benchmark(&self, at: usize) -> bool {
        self.chunks
            .mentions
            .iter()
            .find(|m| m.tokens.start == at)
            .is_some_and(|m| {
                self.doc.tokens[m.tokens.clone()]
                    .iter()
                    .any(|t| t.norm.starts_with("benchmark"))
            })
    }

    /// Whether `symbol` is named before token `at`.
    fn names_before(&self, symbol: &str, at: usize) -> bool {
        self.chunks
            .mentions
            .iter()
            .any(|m| m.tokens.end <= at && m.symbol() == Some(symbol))
    }

    /// Whether `symbol` can be what a term of `kind` refers to.
    fn fits(&self, subj: &Subj, kind: CorefKind) -> bool {
        let symbol = match subj {
            Subj::Symbol(s) => s.as_str(),
            Subj::Spread(..) => return matches!(kind, CorefKind::Pronoun | CorefKind::Rate),
            _ => return false,
        };
        let k = self.registry.get(symbol).map(|i| i.kind);
        match kind {
            CorefKind::Index => !matches!(k, Some(InstrumentKind::Etf | InstrumentKind::Rate)),
            CorefKind::Fund => matches!(k, Some(InstrumentKind::Etf)),
            CorefKind::Rate => matches!(k, Some(InstrumentKind::Rate)),
            CorefKind::Pronoun | CorefKind::Market => true,
        }
    }

    /// Resolves a mention to a subject, following coreference (bounded).
    fn resolve_mention(&self, k: usize, depth: u8) -> Option<Subj> {
        let m = &self.chunks.mentions[k];
        match &m.kind {
            MentionKind::Instrument { symbol } => Some(Subj::Symbol(symbol.clone())),
            MentionKind::Spread { a, b } => Some(Subj::Spread(a.clone(), b.clone())),
            MentionKind::Coref {
                kind: CorefKind::Market,
            } => Some(Subj::Symbol(self.market(m.tokens.start).0)),
            MentionKind::Coref {
                kind: CorefKind::Index,
            } if self.says_benchmark(m.tokens.start) && self.names_before(LEAD, m.tokens.start) => {
                Some(Subj::Symbol(LEAD.to_string()))
            }
            MentionKind::Coref { kind } if depth < 4 => {
                self.antecedent(m.tokens.start, depth + 1, *kind)
            }
            MentionKind::Coref { .. } => None,
        }
    }

    /// The first instrument named after token `at` in its sentence ("The last
    /// time such a streak occurred was in 2022 when the Nasdaq 100 ...").
    fn later_in_sentence(&self, at: usize) -> Option<Subj> {
        let sent = &self.doc.sentences[self.sentence_of(at)];
        self.chunks
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.tokens.start >= at && m.tokens.end <= sent.tokens.end)
            .find_map(|(k, _)| self.resolve_mention(k, 0))
    }

    /// The last time named before token `at` in its paragraph, for "since
    /// then" and "the same period".
    fn last_time_before(&self, at: usize, paragraph: usize) -> Option<Time> {
        self.chunks
            .times
            .iter()
            .rev()
            .filter(|t| t.tokens.end <= at)
            .filter(|t| self.doc.sentences[self.sentence_of(t.tokens.start)].paragraph == paragraph)
            .find(|t| {
                matches!(
                    t.time,
                    Time::Span { .. } | Time::Since { .. } | Time::ToDate { .. }
                )
            })
            .map(|t| t.time.clone())
    }

    /// The antecedent of a term of `kind` at token `at`: the first fitting
    /// mention of its sentence before it, else of the nearest sentence before.
    fn antecedent(&self, at: usize, depth: u8, kind: CorefKind) -> Option<Subj> {
        let s = self.sentence_of(at);
        let in_range = |lo: usize, hi: usize| -> Option<Subj> {
            self.chunks
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.tokens.start >= lo && m.tokens.end <= hi)
                .find_map(|(k, _)| {
                    self.resolve_mention(k, depth)
                        .filter(|subj| self.fits(subj, kind))
                })
        };
        let sent = &self.doc.sentences[s];
        if let Some(sym) = in_range(sent.tokens.start, at) {
            return Some(sym);
        }
        for p in (0..s).rev() {
            let prev = &self.doc.sentences[p];
            if let Some(sym) = in_range(prev.tokens.start, prev.tokens.end) {
                return Some(sym);
            }
        }
        None
    }
}

/// Binds subjects and windows of `frames` (in text order) in place.
/// `time_used` says which of `chunks.times` a frame read.
pub fn resolve(
    doc: &Doc,
    chunks: &Chunks,
    registry: &Registry,
    time_used: &[bool],
    frames: &mut [Frame],
) {
    resolve_in_order(doc, chunks, registry, time_used, frames);
    // "the two-year note's yield fell to 3.51%": once the subject is known
    // to be a rate, the level it reached is a level, not a percent move.
    for f in frames.iter_mut() {
        let rate = matches!(&f.subject, Subj::Symbol(s) if super::build::is_rate_symbol(s));
        if f.reached && rate && matches!(f.what, What::Move { percent: true, .. }) {
            f.what = What::Level {
                field: super::FieldHint::Close,
            };
            if let super::Claimed::Number { signed, value, .. } = &mut f.claimed {
                *signed = false;
                *value = value.abs();
            }
        }
    }
    // "The two-year yield tumbled 47 basis points, its steepest one-day
    // drop since October 1987": a rate's moves are ranked by their change
    // (basis points), not by a percent of the yield.
    for f in frames.iter_mut() {
        let rate = matches!(&f.subject, Subj::Symbol(s) if super::build::is_rate_symbol(s));
        if let (true, What::Since { measure, .. }) = (rate, &mut f.what) {
            if *measure == model::Measure::daily_return() {
                *measure = model::Measure::Change { sessions: 1 };
            }
        }
    }
    // "XLU fell the most. It fell ~1.1% from March 23 to March 30.": a ranking
    // named before its window takes the next claim's window in the paragraph.
    for k in 0..frames.len() {
        let unwindowed = matches!(
            frames[k].what,
            What::CrossRank { .. } | What::Breadth { .. }
        ) && frames[k]
            .unread
            .iter()
            .any(|u| u.starts_with("over what period the funds"));
        if !unwindowed {
            continue;
        }
        let paragraph = doc
            .sentences
            .get(frames[k].sentence)
            .map_or(0, |s| s.paragraph);
        let next = frames[k + 1..].iter().find(|f| {
            doc.sentences.get(f.sentence).map_or(0, |s| s.paragraph) == paragraph
                && matches!(f.when, When::Time(Time::Span { .. } | Time::ToDate { .. }))
        });
        if let Some(w) = next.map(|f| f.when.clone()) {
            frames[k].when = w;
            frames[k]
                .unread
                .retain(|u| !u.starts_with("over what period the funds"));
        }
    }
}

fn resolve_in_order(
    doc: &Doc,
    chunks: &Chunks,
    registry: &Registry,
    time_used: &[bool],
    frames: &mut [Frame],
) {
    let framed: std::collections::BTreeSet<usize> = frames.iter().map(|f| f.sentence).collect();
    let ctx = Ctx {
        doc,
        chunks,
        registry,
    };
    let name = |s: &str| {
        registry
            .get(s)
            .map_or_else(|| s.to_string(), |i| i.name.clone())
    };
    let mut prev: Option<(usize, Subj)> = None; // (paragraph, subject)
    let mut prev_when: Option<(usize, When)> = None;
    let mut prev_frame: Option<(usize, Subj)> = None; // (sentence, subject)
                                                      // The last streak: (paragraph, (measure, benchmark, subject, when, anchor)).
    #[allow(clippy::type_complexity)]
    let mut prev_streak: Option<(
        usize,
        (
            model::Measure,
            Option<Subj>,
            Subj,
            When,
            Option<model::Date>,
        ),
    )> = None;
    for f in frames.iter_mut() {
        let paragraph = doc.sentences.get(f.sentence).map_or(0, |s| s.paragraph);
        let at = f.span.start;
        let coref_token = chunks
            .mentions
            .iter()
            .rev()
            .find(|m| m.tokens.start <= at && matches!(m.kind, MentionKind::Coref { .. }))
            .map_or(at, |m| m.tokens.start);
        let bound = match &f.subject {
            Subj::Coref(
                kind @ (CorefKind::Pronoun | CorefKind::Index | CorefKind::Fund | CorefKind::Rate),
            ) => {
                let spread = match &prev {
                    Some((p, s @ Subj::Spread(..))) if *p == paragraph => Some(s.clone()),
                    _ => None,
                };
                // "its" refers to the subject of the claim just before in the same sentence.
                let same_sentence = prev_frame
                    .as_ref()
                    .filter(|(s, subj)| {
                        *s == f.sentence
                            && matches!(subj, Subj::Symbol(_))
                            && *kind == CorefKind::Pronoun
                    })
                    .map(|(_, subj)| subj.clone());
                // "the benchmark" in a passage that names the S&P 500 is
                // the S&P 500, whatever index was named last.
                let benchmark = (*kind == CorefKind::Index
                    && ctx.says_benchmark(coref_token)
                    && ctx.names_before(LEAD, coref_token))
                .then(|| Subj::Symbol(LEAD.to_string()));
                let antecedent = benchmark.or_else(|| ctx.antecedent(coref_token, 0, *kind));
                match (spread, same_sentence, antecedent) {
                    (Some(s), _, _) => Some(s),
                    (None, Some(s), _) => Some(s),
                    (None, None, Some(subj)) => Some(subj),
                    (None, None, None) if *kind == CorefKind::Index => {
                        f.notes.push(format!(
                            "\"the index\" read as the {}: no index is named before it",
                            name(LEAD)
                        ));
                        Some(Subj::Symbol(LEAD.to_string()))
                    }
                    (None, None, None) => None,
                }
            }
            Subj::Coref(CorefKind::Market) => {
                let (sym, lead) = ctx.market(at);
                f.notes.push(if lead {
                    format!("\"the market\" read as the {}, the lead index", name(&sym))
                } else {
                    format!("\"the market\" read as the {}, named before", name(&sym))
                });
                Some(Subj::Symbol(sym))
            }
            Subj::Carried => prev
                .as_ref()
                .filter(|(p, _)| *p == paragraph)
                .map(|(_, s)| s.clone())
                .or_else(|| ctx.antecedent(at, 0, CorefKind::Pronoun))
                .or_else(|| ctx.later_in_sentence(at)),
            _ => None,
        };
        if let Some(b) = bound {
            f.subject = b;
        } else if matches!(f.subject, Subj::Carried | Subj::Coref(_)) {
            f.unread.push("who the claim is about".to_string());
        }
        if let Some(Subj::Coref(k)) = &f.benchmark {
            f.benchmark = ctx.antecedent(at, 0, *k);
        }
        // Windows named by anaphora.
        let carried = prev_when
            .clone()
            .filter(|(p, _)| *p == paragraph)
            .map(|(_, w)| w);
        if let When::Time(Time::Anaphor { since }) = f.when {
            // An anaphor ("During the same period, ...") may open a paragraph:
            // it then names the window of the paragraph before.
            let named = ctx.last_time_before(at, paragraph).or_else(|| {
                paragraph
                    .checked_sub(1)
                    .and_then(|p| ctx.last_time_before(at, p))
            });
            let carried = carried.clone().or_else(|| {
                prev_when
                    .clone()
                    .filter(|(p, _)| *p + 1 == paragraph)
                    .map(|(_, w)| w)
            });
            match (since, named, carried) {
                // "since then": from the day named before.
                (
                    true,
                    Some(
                        Time::Span {
                            from,
                            grain: crate::chunk::Grain::Day,
                            ..
                        }
                        | Time::Since { from, .. },
                    ),
                    _,
                ) => f.when = When::FromDay(from),
                (true, _, Some(When::FromDay(d))) => f.when = When::FromDay(d),
                // "the same period": the period named before.
                (false, Some(t @ (Time::Span { .. } | Time::ToDate { .. })), _) => {
                    f.when = When::Time(t)
                }
                (false, _, Some(w)) => f.when = w,
                _ => f.unread.push(if since {
                    "since when (\"since then\")".into()
                } else {
                    "which period (\"the same period\")".into()
                }),
            }
        }
        // "This marked the longest streak since ...", "This streak matches a feat
        // not achieved since ...": the run of the claim just before.
        if let What::Since {
            measure: model::Measure::RunLength { .. },
            order,
        } = f.what.clone()
        {
            if let Some((_, pf)) = prev_streak.as_ref().filter(|(p, _)| *p == paragraph) {
                f.what = What::Since {
                    measure: pf.0.clone(),
                    order,
                };
                if f.benchmark.is_none() {
                    f.benchmark = pf.1.clone();
                }
                if matches!(f.subject, Subj::Carried)
                    || f.notes.iter().any(|n| n.starts_with("the run of"))
                {
                    f.subject = pf.2.clone();
                }
                f.when = pf.3.clone();
                f.anchor = pf.4;
            }
        }
        // The paragraph's period: a period named in an earlier sentence of the
        // paragraph that made no claim of its own ("It was a roller coaster
        // ride for the stock market in the first half of the year.").
        let topic = chunks
            .times
            .iter()
            .enumerate()
            .rev()
            .filter(|(k, t)| t.tokens.end <= at && !time_used.get(*k).copied().unwrap_or(true))
            .filter(|(_, t)| {
                let s = ctx.sentence_of(t.tokens.start);
                s < f.sentence && doc.sentences[s].paragraph == paragraph && !framed.contains(&s)
            })
            .find(|(_, t)| matches!(t.time, Time::ToDate { .. }) || matches!(t.time, Time::Span { grain, .. } if grain != crate::chunk::Grain::Day))
            .map(|(_, t)| When::Time(t.time.clone()));
        // "It was the largest gainer among the sector funds": over the window named before.
        if f.when == When::Default
            && matches!(f.what, What::CrossRank { .. } | What::Breadth { .. })
        {
            match carried.clone() {
                Some(w) => f.when = w,
                None => f
                    .unread
                    .push("over what period the funds are ranked".into()),
            }
        }
        // A move with no window of its own: cumulative ("is up") takes the
        // paragraph's window; a past-tense one takes the paragraph's period.
        if f.when == When::Default && matches!(f.what, What::Move { .. }) {
            if f.cumulative {
                match carried.or(topic) {
                    Some(w) => f.when = w,
                    None => f.unread.push(
                        "over what period (the move is cumulative: \"is up\", \"has gained\")"
                            .into(),
                    ),
                }
            } else if let Some(When::Time(t)) = topic {
                // A past-tense move takes only a period the sentence just before
                // was about ("in the first half of the year"), not a month or a day.
                let broad = matches!(
                    t,
                    Time::ToDate { .. }
                        | Time::Span {
                            grain: crate::chunk::Grain::Half
                                | crate::chunk::Grain::Quarter
                                | crate::chunk::Grain::Year,
                            ..
                        }
                );
                let adjacent = chunks
                    .times
                    .iter()
                    .find(|c| c.time == t)
                    .is_some_and(|c| ctx.sentence_of(c.tokens.start) + 1 == f.sentence);
                if broad && adjacent {
                    f.when = When::Time(t);
                    f.notes
                        .push("the period named in the sentence before".into());
                }
            }
        }
        if !matches!(f.subject, Subj::Other(_)) {
            prev = Some((paragraph, f.subject.clone()));
        }
        prev_frame = Some((f.sentence, f.subject.clone()));
        if let What::Streak { measure } = &f.what {
            prev_streak = Some((
                paragraph,
                (
                    measure.clone(),
                    f.benchmark.clone(),
                    f.subject.clone(),
                    f.when.clone(),
                    f.anchor,
                ),
            ));
        }
        if matches!(
            f.when,
            When::Time(
                Time::Span { .. }
                    | Time::ToDate { .. }
                    | Time::Since { .. }
                    | Time::Sessions { .. }
            ) | When::FromDay(_)
        ) && matches!(
            f.what,
            What::Move { .. } | What::Count { .. } | What::Volatility { .. }
        ) {
            prev_when = Some((paragraph, f.when.clone()));
        }
    }
}
