//! The plan: the fact queries a question needs, shown before they run.
//!
//! A question is read by the same reader as the checker's claims
//! ([`lang::question`]): its shape says which slot is empty, its subjects
//! and window what is measured; the reading is lowered onto the query
//! algebra. A plan is data (serde), so a user can read it, edit it (the CLI
//! writes it to a file and reads it back) and run it.

use crate::error::AskError;
use crate::fmt::{period_text, query_window_text};
use crate::suggest;
use lang::chunk::{Grain, Time};
use lang::question::{self, Ask, Decline, FedAsk, Question};
use lang::reader::Reader;
use model::{Basket, Date, Period, Query, Registry, Subject};
use serde::{Deserialize, Serialize};

/// One step of a plan: a query the fact engine answers, with what it is
/// for. Serialised as the query (`{"kind": "series", ...}`) with `label`
/// and `primary` beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The query.
    #[serde(flatten)]
    pub query: Query,
    /// What the step computes for this question, in words.
    #[serde(default)]
    pub label: String,
    /// The reading the question asks for (else one that helps read it).
    #[serde(default)]
    pub primary: bool,
}

/// The shape of a question: which slot it leaves empty. It picks how the
/// answer is phrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// "How did the S&P 500 do in 2025?": a return, or a rate's change.
    Move,
    /// "annualized return over the 10 years through 2025".
    Annualised,
    /// "Where's the VIX now?"
    Level,
    /// "Worst day for the Nasdaq 100 ever?", "Lowest VIX close ever?"
    Extreme,
    /// "When did the S&P 500 last fall 5% in a day?"
    When,
    /// "How many days did the S&P 500 move more than 2% in 2022?"
    Count,
    /// "How many straight down days has the S&P 500 had?"
    Streak,
    /// "What was the Russell 2000's longest winning streak in 2024?"
    LongestStreak,
    /// "Is the Russell 2000 at a record high?"
    IsRecord,
    /// "How long since the S&P 500's last record close?"
    SinceRecord,
    /// "When did the S&P 500 first close above its February 2020 record again?"
    RecordAfter,
    /// "What was the Russell 2000's max drawdown in 2022?"
    Drawdown,
    /// "How volatile was the Russell 2000 in 2020?"
    Volatility,
    /// "Average VIX level in 2025?"
    Mean,
    /// "Did small caps beat large caps in 2025?"
    Compare,
    /// "Worst sector in 2022?"
    Sector,
    /// "How often have small caps beaten large caps over rolling 10-year periods?"
    BaseRate,
    /// "How many times did the Fed hike in 2022?", "When did the Fed last cut?"
    Fed,
}

/// What the question named: the pieces a follow-up or an edit replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slots {
    /// Instruments asked about, canonical symbols, subject first.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// The window the question named, resolved to dates.
    #[serde(default)]
    pub period: Option<Period>,
    /// The window's words, as written.
    #[serde(default)]
    pub window: Option<String>,
    /// For Fed questions: hikes (`1`), cuts (`-1`) or any decision (`0`).
    #[serde(default)]
    pub direction: Option<i8>,
    /// For Fed questions: `count`, `last`, `first` or `range`.
    #[serde(default)]
    pub fed: Option<String>,
    /// For rankings: `highest` or `lowest`.
    #[serde(default)]
    pub order: Option<String>,
}

/// A plan of fact queries for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The question as asked.
    pub question: String,
    /// The earlier questions of the conversation it follows, oldest first.
    #[serde(default)]
    pub context: Vec<String>,
    /// Point-in-time date: no step reads data after it.
    pub as_of: Date,
    /// The question's shape.
    pub intent: Intent,
    /// Opens with "is", "did", "has": answered yes or no first.
    #[serde(default)]
    pub yes_no: bool,
    /// What the question named.
    pub slots: Slots,
    /// The steps, in order, the one the question asks for first.
    pub steps: Vec<Step>,
    /// Readings the reader chose (a word read one way, a default window).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The previous turn of a conversation, for follow-up questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// The previous question's plan (its reading is reused).
    pub previous: Plan,
}

impl Conversation {
    /// A conversation whose last turn was `plan`.
    pub fn after(plan: &Plan) -> Conversation {
        Conversation {
            previous: plan.clone(),
        }
    }
}

/// Trading sessions in the forward horizons of an event study (the fact
/// engine's).
pub const HORIZONS_SESSIONS: [usize; 4] = facts::kernels::event_study::HORIZONS;

/// The reader for `registry`. Building one compiles every name into
/// automata (about 4 ms), so the last one is kept for the process and
/// rebuilt only when the registry changes (a user's or a sync's instruments).
fn reader_for(registry: &Registry) -> std::sync::Arc<Reader> {
    use std::hash::{Hash, Hasher};
    use std::sync::{Arc, Mutex};
    static LAST: Mutex<Option<(u64, Arc<Reader>)>> = Mutex::new(None);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for i in registry.instruments() {
        i.symbol.hash(&mut h);
        i.name.hash(&mut h);
        i.aliases.hash(&mut h);
    }
    let key = h.finish();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, r)) = last.as_ref() {
        if *k == key {
            return Arc::clone(r);
        }
    }
    let r = Arc::new(Reader::new(registry.clone()));
    *last = Some((key, Arc::clone(&r)));
    r
}

/// Reads `question` (after `context`) and plans its steps.
pub(crate) fn plan(
    text: &str,
    context: Option<&Conversation>,
    as_of: Date,
    registry: &Registry,
) -> Result<Plan, AskError> {
    let reader = reader_for(registry);
    let mut chain: Vec<String> = Vec::new();
    let mut previous: Option<Question> = None;
    if let Some(c) = context {
        chain.extend(c.previous.context.iter().cloned());
        chain.push(c.previous.question.clone());
        for q in &chain {
            previous = question::read(&reader, q, c.previous.as_of, previous.as_ref()).ok();
        }
    }
    let q = question::read(&reader, text, as_of, previous.as_ref())
        .map_err(|d| refusal(d, text, as_of))?;
    let mut plan = from_question(text, &q, &reader, as_of)?;
    if q.follow_up {
        plan.context = chain;
    }
    Ok(plan)
}

/// The plan of a question as read.
fn from_question(text: &str, q: &Question, reader: &Reader, as_of: Date) -> Result<Plan, AskError> {
    let readings =
        question::lower::lower(q, reader.registry()).map_err(|e| AskError::NotUnderstood {
            suggestions: suggest::generic(as_of),
            what: Some(format!("cannot compute {}", e.what)),
        })?;
    let steps = readings
        .into_iter()
        .map(|r| Step {
            query: r.query,
            label: r.label,
            primary: r.primary,
        })
        .collect();
    let (intent, fed, direction, order) = intent_of(&q.ask);
    let slots = Slots {
        subjects: q
            .subjects
            .iter()
            .flat_map(|s| {
                s.symbols()
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect(),
        period: q.time.as_ref().and_then(|t| period_of(t, as_of)),
        window: q.time_text.clone(),
        direction,
        fed,
        order,
    };
    // "Did the Nasdaq 100 or the Russell 2000 do better?" asks which one,
    // not whether: it opens with "did" but is not answered yes or no.
    let choice = matches!(q.ask, Ask::Compare { .. })
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("or"));
    let yes_no = !choice
        && text.split_whitespace().next().is_some_and(|w| {
            [
                "is", "are", "was", "were", "did", "does", "do", "has", "have", "had",
            ]
            .contains(&w.to_lowercase().as_str())
        });
    Ok(Plan {
        question: text.to_string(),
        context: Vec::new(),
        as_of,
        intent,
        yes_no,
        slots,
        steps,
        notes: q.notes.clone(),
    })
}

fn intent_of(ask: &Ask) -> (Intent, Option<String>, Option<i8>, Option<String>) {
    let order = |o: &model::Order| {
        Some(
            if *o == model::Order::Highest {
                "highest"
            } else {
                "lowest"
            }
            .to_string(),
        )
    };
    match ask {
        Ask::Move => (Intent::Move, None, None, None),
        Ask::Annualised => (Intent::Annualised, None, None, None),
        Ask::Level { .. } => (Intent::Level, None, None, None),
        Ask::Extreme { order: o, .. } => (Intent::Extreme, None, None, order(o)),
        Ask::When { .. } => (Intent::When, None, None, None),
        Ask::Count { .. } => (Intent::Count, None, None, None),
        Ask::Streak { .. } => (Intent::Streak, None, None, None),
        Ask::LongestStreak { .. } => (Intent::LongestStreak, None, None, None),
        Ask::IsRecord { .. } => (Intent::IsRecord, None, None, None),
        Ask::SinceRecord => (Intent::SinceRecord, None, None, None),
        Ask::RecordAfter { .. } => (Intent::RecordAfter, None, None, None),
        Ask::Mean => (Intent::Mean, None, None, None),
        Ask::Drawdown => (Intent::Drawdown, None, None, None),
        Ask::Volatility => (Intent::Volatility, None, None, None),
        Ask::Compare { .. } => (Intent::Compare, None, None, None),
        Ask::CrossRank { order: o } => (Intent::Sector, None, None, order(o)),
        Ask::BaseRate { .. } => (Intent::BaseRate, None, None, None),
        Ask::Fed(f) => {
            let (what, dir) = match f {
                FedAsk::Count(d) => ("count", *d),
                FedAsk::Last(d) => ("last", *d),
                FedAsk::First(d) => ("first", *d),
                FedAsk::Range => ("range", 0),
            };
            (Intent::Fed, Some(what.to_string()), Some(dir), None)
        }
    }
}

/// A window as a [`Period`] of dates (for the plan's slots).
fn period_of(t: &Time, as_of: Date) -> Option<Period> {
    Some(match t {
        Time::Span {
            from,
            to,
            grain: Grain::Day,
            ..
        } if from == to => Period::Between {
            from: *from,
            to: *to,
        },
        Time::Span { from, to, .. } => Period::Between {
            from: *from,
            to: (*to).min(as_of),
        },
        Time::ToDate { from, .. } | Time::Since { from, .. } => Period::Since { from: *from },
        Time::Sessions { n, .. } => Period::LastSessions { n: *n },
        _ => return None,
    })
}

/// The refusal for a question the reader declined.
fn refusal(d: Decline, text: &str, as_of: Date) -> AskError {
    match d {
        Decline::Empty => AskError::Empty {
            suggestions: suggest::generic(as_of),
        },
        Decline::Forecast { .. } => AskError::Forecast {
            suggestions: suggest::generic(as_of),
        },
        Decline::TooLong { len } => AskError::TooLong {
            len,
            max: question::MAX_QUESTION_CHARS,
        },
        Decline::Topic { missing, words } => AskError::OutsideData {
            what: format!("'{words}'"),
            have: missing,
            suggestions: suggest::generic(as_of),
        },
        Decline::UnknownName { name } => AskError::UnknownInstrument {
            name,
            suggestions: suggest::generic(as_of),
        },
        Decline::NoSubject => AskError::NoInstrument {
            suggestions: suggest::generic(as_of),
        },
        Decline::Future { date } => AskError::FutureDate {
            date,
            as_of,
            suggestions: suggest::generic(as_of),
        },
        Decline::Unread { words } => AskError::NotUnderstood {
            what: Some(format!(
                "could not read {} in \"{}\"",
                words
                    .iter()
                    .map(|w| format!("'{w}'"))
                    .collect::<Vec<_>>()
                    .join(", "),
                text.trim()
            )),
            suggestions: suggest::generic(as_of),
        },
        Decline::Ambiguous { what } => AskError::NotUnderstood {
            what: Some(what),
            suggestions: suggest::generic(as_of),
        },
        Decline::NoShape => AskError::NotUnderstood {
            what: Some(
                "nothing in it says what to measure (a return, a level, a record, a streak...)"
                    .into(),
            ),
            suggestions: suggest::generic(as_of),
        },
    }
}

impl Step {
    /// The query the step runs.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The step's point-in-time date.
    pub fn as_of(&self) -> Date {
        self.query.as_of()
    }

    /// The query's kind as printed in a plan (`series`, `cross_section`...).
    pub fn kind(&self) -> String {
        serde_json::to_value(&self.query)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_string)))
            .unwrap_or_default()
    }

    /// The instruments the step reads.
    pub fn instruments(&self) -> Vec<String> {
        match &self.query {
            Query::Series(q) => q
                .subject
                .symbols()
                .into_iter()
                .map(str::to_string)
                .collect(),
            Query::CrossSection { basket, .. } => match basket {
                Basket::Custom(list) => list.clone(),
                Basket::Sectors => vec!["the 11 sector ETFs".to_string()],
                Basket::Styles => vec!["the size and style ETFs".to_string()],
                Basket::Indices => vec!["the major US indices".to_string()],
            },
            Query::BaseRate { a, b, .. } | Query::ReturnSpread { a, b, .. } => {
                vec![a.clone(), b.clone()]
            }
            Query::RateDecisions { .. } => {
                vec![
                    "DFEDTARL".to_string(),
                    "DFEDTARU".to_string(),
                    "FOMC statements".to_string(),
                ]
            }
            Query::Level { symbol, .. }
            | Query::Return { symbol, .. }
            | Query::ReturnRank { symbol, .. }
            | Query::DailyMove { symbol, .. }
            | Query::Gap { symbol, .. }
            | Query::Record { symbol, .. }
            | Query::LowestSince { symbol, .. }
            | Query::HighestSince { symbol, .. }
            | Query::Volatility { symbol, .. }
            | Query::Drawdown { symbol, .. }
            | Query::ExtremeMove { symbol, .. }
            | Query::Change { symbol, .. }
            | Query::MovingAverage { symbol, .. }
            | Query::EventStudy { symbol, .. } => vec![symbol.clone()],
            Query::Streak { symbol, vs, .. } | Query::StreakCount { symbol, vs, .. } => {
                std::iter::once(symbol.clone()).chain(vs.clone()).collect()
            }
        }
    }

    /// What the step computes, in words.
    pub fn describe(&self) -> String {
        if self.label.is_empty() {
            crate::fmt::describe_query(&self.query)
        } else {
            format!(
                "{} ({})",
                self.label,
                crate::fmt::describe_query(&self.query)
            )
        }
    }

    /// The window the step reads, in words.
    pub fn window_text(&self) -> String {
        query_window_text(&self.query)
    }
}

impl Plan {
    /// The plan as numbered text lines (query, instruments, window), for the
    /// user to confirm before it runs.
    pub fn render_text(&self) -> String {
        let mut out = format!("Plan for: {}\nAs of {}\n", self.question.trim(), self.as_of);
        if !self.context.is_empty() {
            out.push_str(&format!("  following: {}\n", self.context.join(" → ")));
        }
        for (k, step) in self.steps.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {}{} [{}] — instruments: {}; window: {}\n",
                k + 1,
                if step.primary { "" } else { "(also) " },
                step.describe(),
                step.kind(),
                step.instruments().join(", "),
                step.window_text()
            ));
        }
        for note in &self.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        out
    }

    /// The plan's window in words (the question's period, if any).
    pub fn period_text(&self) -> Option<String> {
        self.slots.period.map(|p| period_text(p, self.as_of))
    }

    /// Re-reads the question with the edited slots: the subjects and the
    /// window in [`Plan::slots`] replace what the question named.
    pub fn rebuild(&mut self) {
        let Ok(registry) = Registry::builtin() else {
            return;
        };
        let reader = reader_for(&registry);
        let mut previous = None;
        for q in &self.context {
            previous = question::read(&reader, q, self.as_of, previous.as_ref()).ok();
        }
        let Ok(mut q) = question::read(&reader, &self.question, self.as_of, previous.as_ref())
        else {
            return;
        };
        if !self.slots.subjects.is_empty() && q.subjects.len() == self.slots.subjects.len() {
            q.subjects = self
                .slots
                .subjects
                .iter()
                .cloned()
                .map(Subject::symbol)
                .collect();
        }
        if let Some(Period::Between { from, to }) = self.slots.period {
            q.time = Some(Time::Span {
                from,
                to,
                grain: Grain::Span,
                range: false,
            });
        }
        if let Ok(p) = from_question(&self.question, &q, &reader, self.as_of) {
            let context = std::mem::take(&mut self.context);
            *self = p;
            self.context = context;
        }
    }
}
