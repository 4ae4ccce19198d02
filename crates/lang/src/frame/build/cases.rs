//! Event studies: what followed earlier cases of a condition.
//!
//! | reads | examples |
//! |---|---|
//! | a set of earlier cases, and how many | "the 49 earlier one-day declines of 5.97% or more since 1927", "5 earlier 7-session winning streaks", "3 earlier runs in which the Russell 2000 beat the S&P 500 for 7 sessions in a row", "2 earlier bear markets with a complete forward window", "no earlier record closes", "..., on October 19, 1987 and October 13, 2008" |
//! | a statistic after them, at a horizon | "median return over the next 21 sessions was +6.24%", "higher 21 sessions later in 77.6% of 49 cases", "higher in 4 of 5 cases", "mostly higher 252 sessions later", "a small sample of 5 cases" |
//! | the same over every window of the history | "across all 24,179 windows of 252 sessions, the median return was +9.27% and it was higher in 69.4% of them" |
//!
//! A set named once is carried to the sentences after it ("each earlier
//! case", "the same runs", "of them"); "declines at least as large" takes
//! the size of the day's move stated before it. What the words leave open
//! (which way runs went, how large a decline, whose cases) makes the claim
//! unverifiable, naming it; a statistic at a horizon the words do not give
//! is not read at all.

use super::Builder;
use crate::chunk::{Hedge, QUnit, Time};
use crate::frame::{CaseMeasure, CaseStat, Claimed, Frame, Subj, What};
use model::{Condition, Date, Direction};
use std::ops::Range;

/// A set of earlier cases the text named: whose, and what marks a case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSet {
    /// The instrument whose cases they are, when the text said.
    pub subject: Option<String>,
    /// What marks a case.
    pub condition: Condition,
}

/// A set of cases as written in this sentence.
struct Named {
    /// The items of the phrase ("49 earlier one-day declines of 5.97% or more").
    items: Range<usize>,
    /// The count written before it, with its item ("no" = 0).
    count: Option<(usize, f64)>,
    /// The condition, or what the words leave open.
    condition: Result<Condition, String>,
    /// The instrument a relative run names ("runs in which the Russell 2000 beat ...").
    subject: Option<String>,
    /// "with a complete forward window".
    complete: bool,
}

/// "across all 24,179 windows of 252 sessions".
struct AllWindows {
    items: Range<usize>,
    count: (usize, f64),
    sessions: u32,
}

pub(super) const DOWN_NOUNS: &[&str] = &[
    "declin", "drop", "loss", "fall", "slide", "plung", "tumbl", "decreas", "plummet",
];
pub(super) const UP_NOUNS: &[&str] = &[
    "gain", "rise", "advanc", "jump", "ralli", "surg", "increas", "climb",
];

impl Builder<'_> {
    /// The first token's normalised form of any item (a mention's first word too).
    pub(super) fn norm(&self, i: usize) -> &str {
        match self.v.items.get(i) {
            Some(it) => &self.v.doc.tokens[it.tokens.start].norm,
            None => "",
        }
    }

    pub(super) fn stem(&self, i: usize) -> &str {
        self.v.stem(i)
    }

    /// A whole number written as digits, not a percent: a count or a horizon.
    pub(super) fn plain_count(&self, i: usize) -> Option<f64> {
        let q = self.qty(i)?;
        (q.unit == QUnit::Plain && !q.ordinal && q.value.fract() == 0.0 && q.value >= 0.0)
            .then_some(q.value)
    }

    /// Reads event-study claims (see the module doc).
    pub fn cases(&mut self) {
        let named = (0..self.n())
            .filter(|&c| matches!(self.w(c), "earlier" | "previous" | "prior"))
            .find_map(|c| self.case_set_at(c));
        let all = self.all_windows();
        let reference = self.case_reference();
        let carried = self.carry.cases.clone();
        let has_stat = (0..self.n()).any(|i| self.stat_cue(i));
        if named.is_none()
            && all.is_none()
            && reference.is_none()
            && !(carried.is_some() && has_stat)
        {
            return;
        }
        let mut consumed: Vec<Range<usize>> = Vec::new();
        // The set the statistics of this sentence are about.
        let condition: Result<Condition, String> = match &named {
            Some(n) => n.condition.clone(),
            None => carried
                .as_ref()
                .map(|c| c.condition.clone())
                .ok_or_else(|| "which earlier cases the figures are about".to_string()),
        };
        let set_subject = named
            .as_ref()
            .and_then(|n| n.subject.clone())
            .or_else(|| self.sentence_symbol())
            .or_else(|| carried.as_ref().and_then(|c| c.subject.clone()))
            .or_else(|| self.carry.day_move.as_ref().map(|(s, _)| s.clone()));
        if let Ok(c) = &condition {
            if named.is_some() {
                self.carry.cases = Some(CaseSet {
                    subject: set_subject.clone(),
                    condition: c.clone(),
                });
            }
        }
        if let Some(r) = reference {
            consumed.push(r);
        }
        // The history the text says it counted from ("since 1927").
        let since = self.since_time();
        let on = since.map(|(i, from, to)| {
            consumed.push(i..i + 1);
            (from, to)
        });
        let subj_of = |s: &Option<String>| s.clone().map_or(Subj::Carried, Subj::Symbol);
        if let Some(n) = &named {
            consumed.push(n.items.clone());
            if let Some((item, value)) = n.count {
                let dates = self.listed_dates(n.items.end, &mut consumed);
                let stat = CaseStat {
                    measure: CaseMeasure::Count {
                        complete: n.complete,
                    },
                    sessions: 0,
                    all_windows: false,
                    dates,
                };
                self.case_frame(
                    item,
                    subj_of(&set_subject),
                    &condition,
                    stat,
                    count_claim(value),
                    on,
                );
            }
        }
        if let Some(a) = &all {
            consumed.push(a.items.clone());
            let stat = CaseStat {
                measure: CaseMeasure::Count { complete: false },
                sessions: a.sessions,
                all_windows: true,
                dates: Vec::new(),
            };
            self.case_frame(
                a.count.0,
                subj_of(&set_subject),
                &condition,
                stat,
                count_claim(a.count.1),
                on,
            );
        }
        let all_sessions = all.as_ref().map(|a| a.sessions);
        self.medians(&condition, &set_subject, all_sessions, on, &mut consumed);
        self.shares(&condition, &set_subject, all_sessions, on, &mut consumed);
        self.sample_size(&condition, &set_subject, on, &mut consumed);
        self.attach_consumed(&consumed, |w| matches!(w, What::Cases { .. }));
    }

    /// Every phrase a construction read (`consumed`, item ranges) is taken,
    /// its times used, and it belongs to the sentence's first frame of the
    /// construction's kind, so coverage finds nothing unread in it.
    pub(super) fn attach_consumed(&mut self, consumed: &[Range<usize>], kind: fn(&What) -> bool) {
        let tokens: Vec<Range<usize>> = consumed
            .iter()
            .map(|r| self.items_tokens(r.clone()))
            .collect();
        for r in consumed {
            self.mark(r.clone());
            for i in r.clone() {
                self.use_time(i);
            }
        }
        let sentence = self.v.sentence;
        if let Some(f) = self
            .frames
            .iter_mut()
            .find(|f| f.sentence == sentence && kind(&f.what))
        {
            f.consumed.extend(tokens);
        }
    }

    /// A claim about the cases, anchored on item `anchor`.
    fn case_frame(
        &mut self,
        anchor: usize,
        subject: Subj,
        condition: &Result<Condition, String>,
        stat: CaseStat,
        claimed: Claimed,
        on: Option<(Date, Date)>,
    ) {
        let (cond, unread) = match condition {
            Ok(c) => (c.clone(), None),
            // Any condition stands in: the claim is unread and never lowered.
            Err(why) => (Condition::RecordClose, Some(why.clone())),
        };
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Cases {
                condition: cond,
                stat,
            },
            claimed,
        );
        f.subject = subject;
        f.on = on;
        f.unread.extend(unread);
        self.push(f, anchor..anchor + 1);
    }

    /// The set named at cue `c` ("earlier", "previous", "prior").
    fn case_set_at(&self, c: usize) -> Option<Named> {
        let (count, start) = match c.checked_sub(1) {
            Some(k) if self.plain_count(k).is_some() && !self.used[k] => {
                (self.plain_count(k).map(|v| (k, v)), k)
            }
            Some(k) if self.w(k) == "no" => (Some((k, 0.0)), k),
            _ => (None, c),
        };
        let (condition, mut end, subject) = self.condition_at(c + 1)?;
        let mut complete = false;
        if self.w(end) == "with"
            && self.w(end + 1) == "a"
            && self.w(end + 2) == "complete"
            && self.w(end + 3) == "forward"
            && self.stem(end + 4) == "window"
        {
            complete = true;
            end += 5;
        }
        Some(Named {
            items: start..end,
            count,
            condition,
            subject,
            complete,
        })
    }

    /// The condition a noun phrase at `k` names: the condition (or what is
    /// left open), the item after the phrase, and an instrument it names.
    #[allow(clippy::type_complexity)]
    fn condition_at(&self, k: usize) -> Option<(Result<Condition, String>, usize, Option<String>)> {
        // "one-day declines of 5.97% or more", "daily gains at least as large"
        let after_day = if self.qty(k).is_some_and(|q| q.value == 1.0 && q.word)
            && self.w(k + 1) == "-"
            && matches!(self.stem(k + 2), "day" | "session")
        {
            Some(k + 3)
        } else if matches!(self.w(k), "daily" | "single-day" | "one-day") {
            Some(k + 1)
        } else {
            None
        };
        if let Some(j) = after_day {
            // A set of cases is plural: "the previous one-day decline" is one day.
            if !self.w(j).ends_with('s') {
                return None;
            }
            let dir: i8 = if DOWN_NOUNS.contains(&self.stem(j)) {
                -1
            } else if UP_NOUNS.contains(&self.stem(j)) {
                1
            } else {
                return None;
            };
            let noun = self.w(j).to_string();
            return Some(self.move_threshold(j + 1, dir, &noun));
        }
        // "7-session winning streaks"
        if let Some(n) = self.plain_count(k) {
            if self.w(k + 1) == "-"
                && matches!(self.stem(k + 2), "day" | "session")
                && matches!(self.w(k + 3), "winning" | "losing")
                && matches!(self.w(k + 4), "streaks" | "runs")
            {
                let direction = if self.w(k + 3) == "winning" {
                    Direction::Up
                } else {
                    Direction::Down
                };
                let condition = Condition::Streak {
                    vs: None,
                    direction,
                    min_len: n as u32,
                };
                return Some((Ok(condition), k + 5, None));
            }
        }
        // "runs of 7 sessions or more": which way is carried from the set named before.
        if matches!(self.w(k), "runs" | "streaks") && self.w(k + 1) == "of" {
            let n = self.plain_count(k + 2)?;
            if !matches!(self.stem(k + 3), "session" | "day") {
                return None;
            }
            let mut end = k + 4;
            if self.w(end) == "or" && matches!(self.w(end + 1), "more" | "longer") {
                end += 2;
            }
            let carried = self.carry.cases.as_ref().and_then(|c| match &c.condition {
                Condition::Streak { min_len, .. } if f64::from(*min_len) == n => {
                    Some((c.condition.clone(), c.subject.clone()))
                }
                _ => None,
            });
            return Some(match carried {
                Some((c, s)) => (Ok(c), end, s),
                None => (
                    Err(format!("which way the runs of {n} sessions went")),
                    end,
                    None,
                ),
            });
        }
        // "runs in which the Russell 2000 beat the S&P 500 for 7 sessions in a row"
        if self.w(k) == "runs" && self.w(k + 1) == "in" && self.w(k + 2) == "which" {
            return self.relative_runs(k + 3);
        }
        // "bear markets", "corrections", "first closes in bear-market territory below a peak"
        if self.w(k) == "bear" && self.norm(k + 1) == "markets" {
            return Some((Ok(Condition::Drawdown { pct: -20.0 }), k + 2, None));
        }
        if self.w(k) == "corrections" {
            return Some((Ok(Condition::Drawdown { pct: -10.0 }), k + 1, None));
        }
        if self.qty(k).is_some_and(|q| q.ordinal && q.value == 1.0)
            && self.w(k + 1) == "closes"
            && self.w(k + 2) == "in"
        {
            let (pct, mut end) = if self.w(k + 3) == "bear"
                && self.w(k + 4) == "-"
                && self.norm(k + 5).starts_with("market")
            {
                (-20.0, k + 6)
            } else if self.w(k + 3) == "correction" {
                (-10.0, k + 4)
            } else {
                return None;
            };
            if self.w(end) != "territory" {
                return None;
            }
            end += 1;
            if self.w(end) == "below"
                && matches!(self.w(end + 1), "a" | "its" | "the")
                && self.stem(end + 2) == "peak"
            {
                end += 3;
            }
            return Some((Ok(Condition::Drawdown { pct }), end, None));
        }
        // "record closes"
        if self.w(k) == "record" && self.w(k + 1) == "closes" {
            return Some((Ok(Condition::RecordClose), k + 2, None));
        }
        None
    }

    /// The size of a one-day move condition after its noun at `j`: "of 5.97%
    /// or more", or "at least as large" (the day's move stated before).
    fn move_threshold(
        &self,
        j: usize,
        dir: i8,
        noun: &str,
    ) -> (Result<Condition, String>, usize, Option<String>) {
        if self.w(j) == "of" {
            if let Some(q) = self.qty(j + 1).filter(|q| q.unit == QUnit::Percent) {
                let mut end = j + 2;
                let or_more =
                    self.w(end) == "or" && matches!(self.w(end + 1), "more" | "worse" | "greater");
                if or_more {
                    end += 2;
                }
                if matches!(q.hedge, Hedge::AtLeast | Hedge::MoreThan) || or_more {
                    let pct = f64::from(dir) * q.value.abs();
                    return (Ok(Condition::DailyMove { pct }), end, None);
                }
                return (
                    Err(format!(
                        "whether the one-day {noun} of {}% are at least that large",
                        q.value
                    )),
                    end,
                    None,
                );
            }
        }
        // "at least as large", "as large", "that large", "this big"
        let mut k = j;
        if self.w(k) == "at" && self.w(k + 1) == "least" {
            k += 2;
        }
        if matches!(self.w(k), "as" | "that" | "this")
            && matches!(self.w(k + 1), "large" | "big" | "steep" | "deep" | "sharp")
        {
            let end = k + 2;
            let carried = self.carry.cases.as_ref().and_then(|c| match c.condition {
                Condition::DailyMove { pct } if pct.signum() == f64::from(dir) => {
                    Some((c.condition.clone(), c.subject.clone()))
                }
                _ => None,
            });
            let from_day = self.carry.day_move.as_ref().and_then(|(s, v)| {
                (v.signum() == f64::from(dir)).then(|| {
                    (
                        Condition::DailyMove {
                            pct: (v * 100.0).round() / 100.0,
                        },
                        Some(s.clone()),
                    )
                })
            });
            return match carried.or(from_day) {
                Some((c, s)) => (Ok(c), end, s),
                None => (
                    Err(format!(
                        "what the one-day {noun} 'at least as large' are measured against"
                    )),
                    end,
                    None,
                ),
            };
        }
        (Err(format!("how large the one-day {noun} were")), j, None)
    }

    /// "the Russell 2000 beat the S&P 500 for 7 sessions in a row" at `k`.
    fn relative_runs(
        &self,
        k: usize,
    ) -> Option<(Result<Condition, String>, usize, Option<String>)> {
        let skip_the = |i: usize| if self.w(i) == "the" { i + 1 } else { i };
        let a_at = skip_the(k);
        let a = self.v.mention(a_at)?.symbol()?.to_string();
        let verb = a_at + 1;
        let direction = match self.stem(verb) {
            "beat" | "outperform" | "outpac" | "led" => Direction::Up,
            "trail" | "lag" | "underperform" => Direction::Down,
            _ => return None,
        };
        let b_at = skip_the(verb + 1);
        let b = self.v.mention(b_at)?.symbol()?.to_string();
        if self.w(b_at + 1) != "for" {
            return None;
        }
        let n = self.plain_count(b_at + 2)?;
        if !matches!(self.stem(b_at + 3), "session" | "day") {
            return None;
        }
        let mut end = b_at + 4;
        if self.w(end) == "in" && self.w(end + 1) == "a" && self.w(end + 2) == "row" {
            end += 3;
        }
        let condition = Condition::Streak {
            vs: Some(b),
            direction,
            min_len: n as u32,
        };
        Some((Ok(condition), end, Some(a)))
    }

    /// "across all 24,179 windows of 252 sessions".
    fn all_windows(&self) -> Option<AllWindows> {
        (1..self.n()).find_map(|w| {
            if self.stem(w) != "window" || self.w(w + 1) != "of" {
                return None;
            }
            let count = self.plain_count(w - 1)?;
            let sessions = self.plain_count(w + 2)?;
            if !matches!(self.stem(w + 3), "session" | "day") {
                return None;
            }
            let mut start = w - 1;
            while start > 0 && matches!(self.w(start - 1), "all" | "across" | "over" | "the" | "of")
            {
                start -= 1;
            }
            Some(AllWindows {
                items: start..w + 4,
                count: (w - 1, count),
                sessions: sessions as u32,
            })
        })
    }

    /// Words that refer back to the set named before: "measured from the
    /// close of each earlier case", "after the same runs".
    fn case_reference(&self) -> Option<Range<usize>> {
        (0..self.n()).find_map(|i| {
            let case_noun = |k: usize| {
                matches!(
                    self.stem(k),
                    "case" | "run" | "episod" | "occurr" | "instanc"
                )
            };
            // "the same runs", "those cases"
            if self.w(i) == "same" && case_noun(i + 1) {
                let start = if i > 0 && self.w(i - 1) == "the" {
                    i - 1
                } else {
                    i
                };
                return Some(start..i + 2);
            }
            // "measured from the close of each earlier case": the origin the
            // engine measures from (the close of the day of the case, the
            // session a run reached its length, the first close past a threshold).
            if self.w(i) == "each" && self.w(i + 1) == "earlier" {
                let clause = self.clause(i);
                let lead = (clause.start..i).any(|k| matches!(self.w(k), "measured" | "counted"));
                let origin = (clause.start..i).any(|k| self.stem(k) == "close")
                    || (clause.start..i).any(|k| self.stem(k) == "session")
                        && (i..clause.end).any(|k| self.w(k) == "reached");
                if lead && origin {
                    return Some(clause);
                }
            }
            None
        })
    }

    /// Whether item `i` opens a statistic over cases.
    fn stat_cue(&self, i: usize) -> bool {
        matches!(self.w(i), "median" | "mean" | "average") && self.is_return_word(i + 1)
            || matches!(self.w(i), "higher" | "lower")
                && (self.w(i + 1) == "in" || self.horizon_at(i + 1).is_some())
            || self.w(i) == "sample" && self.w(i + 1) == "of"
    }

    fn is_return_word(&self, i: usize) -> bool {
        matches!(
            self.stem(i),
            "return" | "chang" | "gain" | "perform" | "move"
        )
    }

    /// The instrument mentioned nearest before item `i` in its clause.
    fn symbol_before(&self, i: usize) -> Option<String> {
        let clause = self.clause(i);
        (clause.start..i).rev().take(6).find_map(|k| {
            self.v
                .mention(k)
                .and_then(|m| m.symbol())
                .map(str::to_string)
        })
    }

    /// The one instrument the sentence names, when it names one.
    fn sentence_symbol(&self) -> Option<String> {
        let mut syms = (0..self.n()).filter_map(|k| self.v.mention(k).and_then(|m| m.symbol()));
        let first = syms.next()?;
        syms.all(|s| s == first).then(|| first.to_string())
    }

    /// A "since" time the sentence has, unread by any other claim.
    fn since_time(&self) -> Option<(usize, Date, Date)> {
        (0..self.n()).find_map(|i| match self.v.time(i)?.time {
            Time::Since { from, to, .. } if !self.used[i] => Some((i, from, to)),
            _ => None,
        })
    }

    /// ", on October 19, 1987, October 26, 1987 and October 13, 2008" after `end`.
    fn listed_dates(&self, end: usize, consumed: &mut Vec<Range<usize>>) -> Vec<Date> {
        let mut k = end;
        if self.w(k) == "," {
            k += 1;
        }
        if self.w(k) != "on" {
            return Vec::new();
        }
        let start = k;
        k += 1;
        let mut dates = Vec::new();
        while let Some(t) = self.v.time(k) {
            let Time::Span { from, to, .. } = t.time else {
                break;
            };
            if from != to {
                break;
            }
            dates.push(from);
            k += 1;
            if matches!(self.w(k), "," | "and") {
                k += 1;
                if self.w(k) == "and" {
                    k += 1;
                }
            } else {
                break;
            }
        }
        if !dates.is_empty() {
            consumed.push(start..k);
        }
        dates
    }

    /// A forward horizon at item `i`: "over the next 21 sessions", "21
    /// sessions later", "252 sessions after" (with an appositive ", about a
    /// month,"): the sessions and the items.
    fn horizon_at(&self, i: usize) -> Option<(u32, Range<usize>)> {
        let (n, mut range) = if let Some(t) = self.v.time(i) {
            let Time::Sessions { n, .. } = t.time else {
                return None;
            };
            let last = &self.v.doc.tokens[t.tokens.end - 1].norm;
            if !matches!(last.as_str(), "later" | "after") {
                return None;
            }
            (n, i..i + 1)
        } else {
            let mut start = i;
            let mut k = i;
            if matches!(self.w(k), "over" | "in" | "during") {
                k += 1;
            }
            if self.w(k) == "the" {
                k += 1;
            }
            let next = matches!(self.w(k), "next" | "following");
            if next {
                k += 1;
            } else {
                start = k;
            }
            let n = self.plain_count(k)?;
            if !matches!(self.stem(k + 1), "session" | "day") {
                return None;
            }
            let mut end = k + 2;
            if !next {
                if !matches!(self.w(end), "later" | "after") {
                    return None;
                }
                end += 1;
            }
            (n as u32, start..end)
        };
        // ", about a month,"
        if self.w(range.end) == "," && matches!(self.w(range.end + 1), "about" | "roughly" | "or") {
            if let Some(close) =
                (range.end + 2..(range.end + 7).min(self.n())).find(|&k| self.w(k) == ",")
            {
                range.end = close + 1;
            }
        }
        Some((n, range))
    }

    /// The nearest horizon before item `at` in the sentence.
    fn horizon_before(&self, at: usize) -> Option<(u32, Range<usize>)> {
        let mut best = None;
        let mut i = 0;
        while i < at {
            if let Some((n, r)) = self.horizon_at(i) {
                if r.end <= at + 1 {
                    best = Some((n, r.clone()));
                }
                i = r.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        best
    }

    /// "median return over the next 21 sessions ... was +6.24%", "median
    /// return was +1.20% over the next 21 sessions and +5.00% over the next 252".
    fn medians(
        &mut self,
        condition: &Result<Condition, String>,
        set_subject: &Option<String>,
        all_sessions: Option<u32>,
        on: Option<(Date, Date)>,
        consumed: &mut Vec<Range<usize>>,
    ) {
        let mut m = 0;
        while m < self.n() {
            if !(matches!(self.w(m), "median" | "mean" | "average") && self.is_return_word(m + 1)) {
                m += 1;
                continue;
            }
            let measure = if self.w(m) == "median" {
                CaseMeasure::Median
            } else {
                CaseMeasure::Mean
            };
            let subject = self.symbol_before(m).or_else(|| set_subject.clone());
            let condition = self.condition_for(condition, &subject);
            consumed.push(m..m + 2);
            let mut v = m + 2;
            while v < self.n() {
                if self.stat_cue(v) && v != m {
                    break;
                }
                let Some(q) = self.qty(v).filter(|q| q.unit == QUnit::Percent).cloned() else {
                    v += 1;
                    continue;
                };
                if self.used[v] {
                    v += 1;
                    continue;
                }
                let after = self.horizon_at(v + 1);
                let between = self.horizon_in(m + 2..v);
                let (sessions, all) = match (&after, &between, all_sessions) {
                    (Some((n, r)), _, _) => {
                        consumed.push(r.clone());
                        (*n, false)
                    }
                    (None, Some((n, r)), _) => {
                        consumed.push(r.clone());
                        (*n, false)
                    }
                    (None, None, Some(n)) => (n, true),
                    _ => {
                        v += 1;
                        continue;
                    }
                };
                let stat = CaseStat {
                    measure,
                    sessions,
                    all_windows: all,
                    dates: Vec::new(),
                };
                let claimed = Self::claimed_number(&q, 0);
                self.case_frame(
                    v,
                    subject.clone().map_or(Subj::Carried, Subj::Symbol),
                    &condition,
                    stat,
                    claimed,
                    on,
                );
                v = after.map_or(v + 1, |(_, r)| r.end);
            }
            m = v;
        }
    }

    /// The first horizon within `range`.
    fn horizon_in(&self, range: Range<usize>) -> Option<(u32, Range<usize>)> {
        range
            .clone()
            .find_map(|i| self.horizon_at(i).filter(|(_, r)| r.end <= range.end + 1))
    }

    /// The condition for a statistic about `subject`: the set's own, or for
    /// the benchmark of a relative run, the same runs seen from the
    /// benchmark ("after the same runs, the S&P 500's median return").
    fn condition_for(
        &self,
        condition: &Result<Condition, String>,
        subject: &Option<String>,
    ) -> Result<Condition, String> {
        let set = self.carry.cases.as_ref();
        match (condition, subject, set) {
            (
                Ok(Condition::Streak {
                    vs: Some(b),
                    direction,
                    min_len,
                }),
                Some(s),
                Some(set),
            ) if s == b && set.subject.is_some() => Ok(Condition::Streak {
                vs: set.subject.clone(),
                direction: match direction {
                    Direction::Up => Direction::Down,
                    Direction::Down => Direction::Up,
                },
                min_len: *min_len,
            }),
            (Ok(_), Some(s), Some(set)) if set.subject.as_ref().is_some_and(|x| x != s) => {
                Err(format!("whose cases the figures for {s} follow"))
            }
            (c, _, _) => c.clone(),
        }
    }

    /// "higher in 77.6% of 49 cases", "higher 21 sessions later in 4 of 5
    /// cases and 252 sessions later in ...", "higher in 69.4% of them",
    /// "mostly higher 21 sessions later".
    fn shares(
        &mut self,
        condition: &Result<Condition, String>,
        set_subject: &Option<String>,
        all_sessions: Option<u32>,
        on: Option<(Date, Date)>,
        consumed: &mut Vec<Range<usize>>,
    ) {
        let mut h = 0;
        while h < self.n() {
            let higher = match self.w(h) {
                "higher" => true,
                "lower" => false,
                _ => {
                    h += 1;
                    continue;
                }
            };
            let subject = self.symbol_before(h).or_else(|| set_subject.clone());
            let condition = self.condition_for(condition, &subject);
            let subj = subject.clone().map_or(Subj::Carried, Subj::Symbol);
            // "as often lower as higher": half and half.
            let even = h >= 4
                && self.w(h - 1) == "as"
                && matches!(self.w(h - 2), "lower" | "higher")
                && self.w(h - 3) == "often"
                && self.w(h - 4) == "as";
            let mostly = h > 0 && self.w(h - 1) == "mostly" || even;
            let mut j = h + 1;
            let mut first = true;
            loop {
                let here = self.horizon_at(j);
                if let Some((_, r)) = &here {
                    j = r.end;
                }
                let before = if first { self.horizon_before(h) } else { None };
                let (sessions, all, hz) = match (&here, &before, all_sessions) {
                    (Some((n, r)), _, _) => (*n, false, Some(r.clone())),
                    (None, Some((n, r)), _) => (*n, false, Some(r.clone())),
                    (None, None, Some(n)) => (n, true, None),
                    _ => break,
                };
                if mostly {
                    if here.is_none() {
                        break;
                    }
                    consumed.extend(hz);
                    consumed.push(if even { h - 4..h + 1 } else { h - 1..h + 1 });
                    let stat = CaseStat {
                        measure: if even {
                            CaseMeasure::Even
                        } else {
                            CaseMeasure::Mostly { higher }
                        },
                        sessions,
                        all_windows: all,
                        dates: Vec::new(),
                    };
                    self.case_frame(h, subj.clone(), &condition, stat, Claimed::Yes, on);
                } else {
                    // "in 77.6% of 49 cases" / "in 4 of 5 cases" / "in 69.4% of them"
                    if self.w(j) != "in" || self.w(j + 2) != "of" {
                        break;
                    }
                    let Some(q) = self.qty(j + 1).cloned() else {
                        break;
                    };
                    let whole = self.plain_count(j + 3).filter(|_| {
                        matches!(
                            self.stem(j + 4),
                            "case" | "window" | "episod" | "run" | "instanc"
                        )
                    });
                    let them = matches!(self.norm(j + 3), "them" | "those" | "these");
                    if whole.is_none() && !them {
                        break;
                    }
                    consumed.extend(hz);
                    consumed.push(h..h + 1);
                    let end = if whole.is_some() { j + 5 } else { j + 4 };
                    consumed.push(j..end);
                    let measure = if q.unit == QUnit::Percent {
                        CaseMeasure::Share { higher }
                    } else {
                        CaseMeasure::Number { higher }
                    };
                    let stat = CaseStat {
                        measure,
                        sessions,
                        all_windows: all,
                        dates: Vec::new(),
                    };
                    self.case_frame(
                        j + 1,
                        subj.clone(),
                        &condition,
                        stat.clone(),
                        Self::claimed_number(&q, 0),
                        on,
                    );
                    if let Some(n) = whole {
                        let cases = CaseStat {
                            measure: CaseMeasure::Cases,
                            ..stat
                        };
                        self.case_frame(j + 3, subj.clone(), &condition, cases, count_claim(n), on);
                    }
                    j = end;
                }
                // "... and 252 sessions later in 67.3% of 49 cases"
                if self.w(j) == "and" && self.horizon_at(j + 1).is_some() {
                    j += 1;
                    first = false;
                    continue;
                }
                break;
            }
            h = j.max(h + 1);
        }
    }

    /// "a small sample of 5 cases".
    fn sample_size(
        &mut self,
        condition: &Result<Condition, String>,
        set_subject: &Option<String>,
        on: Option<(Date, Date)>,
        consumed: &mut Vec<Range<usize>>,
    ) {
        for s in 0..self.n() {
            if !(self.w(s) == "sample" && self.w(s + 1) == "of") {
                continue;
            }
            let Some(n) = self.plain_count(s + 2) else {
                continue;
            };
            if self.used[s + 2] || !matches!(self.stem(s + 3), "case" | "episod" | "run") {
                continue;
            }
            consumed.push(s..s + 4);
            let stat = CaseStat {
                measure: CaseMeasure::Count { complete: true },
                sessions: 0,
                all_windows: false,
                dates: Vec::new(),
            };
            let subj = set_subject.clone().map_or(Subj::Carried, Subj::Symbol);
            self.case_frame(s + 2, subj, condition, stat, count_claim(n), on);
        }
    }
}

/// A count as claimed.
fn count_claim(value: f64) -> Claimed {
    Claimed::Number {
        value,
        decimals: 0,
        hedge: Hedge::Exact,
        unit: QUnit::Plain,
        signed: false,
    }
}
