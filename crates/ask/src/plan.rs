//! The plan: the fact queries a question needs, shown before they run.
//!
//! A plan is data (serde), so a user can read it, edit it (the CLI writes it
//! to a file and reads it back) and run it. Its steps are [`model::Query`]s,
//! the one vocabulary the writer and the checker share; the fact engine
//! answers every one of them.

use crate::fmt::{period_text, query_window_text};
use model::{Basket, Condition, Date, Direction, Period, Query, RecordKind};
use serde::{Deserialize, Serialize};

/// One step of a plan: a query the fact engine answers. Serialised as the
/// bare query (`{"kind": "streak", ...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    /// A query the fact engine answers.
    Fact(Query),
}

/// The shape of question a plan answers; it picks how the answer is phrased
/// and what a follow-up reuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// "How long has IWM beaten SPY?" — the current (relative) streak.
    Streak,
    /// "How many 10-day winning streaks since 2000?"
    StreakCount,
    /// "Is the Russell 2000 at a record?"
    Record,
    /// "How far is the Nasdaq from its high?"
    Drawdown,
    /// "When did the S&P 500 last fall 10% from its high?"
    LastDecline,
    /// "How did the sectors do on March 16, 2020?"
    CrossSection,
    /// "How often have small caps beaten large caps over 10-year windows?"
    BaseRate,
    /// "How many times did the Fed cut rates in 2025?"
    RateDecisions,
    /// "What was the worst day for the VIX?"
    ExtremeMove,
    /// "Did the Nasdaq 100 or the Russell 2000 do better in 2025?"
    Compare,
    /// "How did the S&P 500 do in 2025?"
    Return,
    /// "How did the Russell 2000 do on 2026-01-16?"
    DailyMove,
    /// "What is the 10-year Treasury yield?"
    Level,
    /// "How volatile was the S&P 500 in 2025?"
    Volatility,
    /// "Is the S&P 500 above its 200-day moving average?"
    MovingAverage,
    /// "Is the VIX at its lowest since ...?" / "highest since".
    HighLow,
    /// "Was 2025 the best year for the Nasdaq since ...?"
    ReturnRank,
    /// "What happened to small caps after their last 10-day winning streak?"
    EventStudy,
    /// "Does a strong January predict the year for small caps?"
    January,
    /// "Did the S&P 500 gap up on 2026-01-16?"
    Gap,
}

/// What the question named: the pieces a follow-up keeps or replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slots {
    /// Instruments asked about, canonical symbols, subject first.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Benchmark for relative questions.
    #[serde(default)]
    pub benchmark: Option<String>,
    /// The window the question named.
    #[serde(default)]
    pub period: Option<Period>,
    /// The single session the question named ("on March 16, 2020").
    #[serde(default)]
    pub date: Option<Date>,
    /// Direction (winning / losing, gains / declines).
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Minimum streak length in sessions.
    #[serde(default)]
    pub min_len: Option<u32>,
    /// Threshold in percent (a decline of 10% → −10).
    #[serde(default)]
    pub pct: Option<f64>,
    /// Rolling window in years.
    #[serde(default)]
    pub window_years: Option<u32>,
    /// Basket for cross-sections.
    #[serde(default)]
    pub basket: Option<Basket>,
    /// Record close or intraday high; `None` = both.
    #[serde(default)]
    pub record: Option<RecordKind>,
    /// Moving-average window in sessions.
    #[serde(default)]
    pub ma_window: Option<u32>,
    /// Event-study condition.
    #[serde(default)]
    pub condition: Option<Condition>,
    /// Highest (true) or lowest (false) for [`Intent::HighLow`].
    #[serde(default)]
    pub highest: Option<bool>,
}

/// A plan of fact queries for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The question as asked.
    pub question: String,
    /// Point-in-time date: no step reads data after it.
    pub as_of: Date,
    /// The question's shape.
    pub intent: Intent,
    /// What the question named.
    pub slots: Slots,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Readings the planner chose (an ambiguous word, a default window).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The previous turn of a conversation, for follow-up questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// The previous question's plan (its intent and slots are reused).
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

/// Builds the steps of an intent from its slots.
pub(crate) fn build_steps(intent: Intent, s: &Slots, as_of: Date) -> Vec<Step> {
    let subj = |k: usize| s.subjects.get(k).cloned().unwrap_or_default();
    let period = s.period;
    // A question about one day is asked as of that day.
    let at = s.date.map_or(as_of, |d| d.min(as_of));
    let end_of = |p: Option<Period>| -> Date {
        match p {
            Some(Period::Year { year }) => {
                Date::from_ymd_opt(year, 12, 31).map_or(as_of, |d| d.min(as_of))
            }
            Some(Period::Between { to, .. }) => to.min(as_of),
            Some(Period::Month { year, month }) => {
                lang::dates::month_end(year, month).map_or(as_of, |d| d.min(as_of))
            }
            Some(Period::Quarter { year, quarter }) => {
                lang::dates::month_end(year, u32::from(quarter) * 3).map_or(as_of, |d| d.min(as_of))
            }
            Some(Period::Half { year, half }) => {
                lang::dates::month_end(year, if half == 1 { 6 } else { 12 })
                    .map_or(as_of, |d| d.min(as_of))
            }
            _ => as_of,
        }
    };
    let start_of = |p: Option<Period>| -> Option<Date> {
        match p {
            Some(Period::Year { year }) => Date::from_ymd_opt(year, 1, 1),
            Some(Period::Between { from, .. }) | Some(Period::Since { from }) => Some(from),
            Some(Period::Month { year, month }) => Date::from_ymd_opt(year, month, 1),
            Some(Period::Quarter { year, quarter }) => {
                Date::from_ymd_opt(year, u32::from(quarter) * 3 - 2, 1)
            }
            Some(Period::Half { year, half }) => {
                Date::from_ymd_opt(year, if half == 1 { 1 } else { 7 }, 1)
            }
            Some(Period::YearToDate) => Date::from_ymd_opt(chrono::Datelike::year(&as_of), 1, 1),
            _ => None,
        }
    };
    let window = |p: Option<Period>| -> Period {
        match (s.date, p) {
            (Some(_), _) => Period::Day,
            (None, Some(p)) => p,
            (None, None) => Period::YearToDate,
        }
    };
    let q = |query: Query| Step::Fact(query);
    match intent {
        // Whichever streak is current: "how long has A beaten B" is answered
        // even when A is now trailing.
        Intent::Streak => vec![q(Query::Streak {
            symbol: subj(0),
            vs: s.benchmark.clone(),
            direction: None,
            as_of: at,
        })],
        Intent::StreakCount => vec![q(Query::StreakCount {
            symbol: subj(0),
            vs: s.benchmark.clone(),
            direction: s.direction.unwrap_or(Direction::Up),
            min_len: s.min_len.unwrap_or(10),
            from: start_of(period),
            as_of: end_of(period),
        })],
        Intent::Record => {
            let kinds: Vec<RecordKind> = match s.record {
                Some(k) => vec![k],
                None => vec![RecordKind::Close, RecordKind::IntradayHigh],
            };
            s.subjects
                .iter()
                .flat_map(|sym| {
                    kinds.iter().map(move |k| {
                        q(Query::Record {
                            symbol: sym.clone(),
                            record: *k,
                            as_of: at,
                        })
                    })
                })
                .collect()
        }
        Intent::Drawdown => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::Drawdown {
                    symbol: sym.clone(),
                    as_of: at,
                })
            })
            .collect(),
        Intent::LastDecline => vec![
            q(Query::EventStudy {
                symbol: subj(0),
                condition: Condition::Drawdown {
                    pct: s.pct.unwrap_or(-10.0),
                },
                as_of: at,
            }),
            q(Query::Drawdown {
                symbol: subj(0),
                as_of: at,
            }),
        ],
        Intent::CrossSection => vec![q(Query::CrossSection {
            basket: s.basket.clone().unwrap_or(Basket::Sectors),
            period: window(period),
            as_of: if s.date.is_some() { at } else { end_of(period) },
        })],
        Intent::BaseRate => vec![q(Query::BaseRate {
            a: subj(0),
            b: s.benchmark.clone().unwrap_or_default(),
            window_years: s.window_years.unwrap_or(10),
            from: start_of(period),
            as_of: end_of(period),
        })],
        Intent::RateDecisions => vec![q(Query::RateDecisions {
            from: start_of(period),
            as_of: end_of(period),
        })],
        Intent::ExtremeMove => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::ExtremeMove {
                    symbol: sym.clone(),
                    direction: s.direction.unwrap_or(Direction::Down),
                    from: start_of(period),
                    as_of: end_of(period),
                })
            })
            .collect(),
        Intent::Compare | Intent::Return => {
            let p = window(period);
            if matches!(p, Period::Day) {
                s.subjects
                    .iter()
                    .map(|sym| {
                        q(Query::DailyMove {
                            symbol: sym.clone(),
                            as_of: at,
                        })
                    })
                    .collect()
            } else {
                s.subjects
                    .iter()
                    .map(|sym| {
                        q(Query::Return {
                            symbol: sym.clone(),
                            period: p,
                            as_of,
                        })
                    })
                    .collect()
            }
        }
        Intent::DailyMove => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::DailyMove {
                    symbol: sym.clone(),
                    as_of: at,
                })
            })
            .collect(),
        Intent::Level => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::Level {
                    symbol: sym.clone(),
                    field: crate::parse::level_field(sym),
                    as_of: end_of(period).min(at),
                })
            })
            .collect(),
        Intent::Volatility => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::Volatility {
                    symbol: sym.clone(),
                    period: period.unwrap_or(Period::LastSessions { n: 21 }),
                    annualised: true,
                    sample: true,
                    as_of,
                })
            })
            .collect(),
        Intent::MovingAverage => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::MovingAverage {
                    symbol: sym.clone(),
                    window: s.ma_window.unwrap_or(200),
                    as_of: at,
                })
            })
            .collect(),
        Intent::HighLow => s
            .subjects
            .iter()
            .map(|sym| {
                if s.highest.unwrap_or(true) {
                    q(Query::HighestSince {
                        symbol: sym.clone(),
                        as_of: at,
                    })
                } else {
                    q(Query::LowestSince {
                        symbol: sym.clone(),
                        as_of: at,
                    })
                }
            })
            .collect(),
        Intent::ReturnRank => s
            .subjects
            .iter()
            .map(|sym| {
                let p = period.unwrap_or(Period::YearToDate);
                q(Query::ReturnRank {
                    symbol: sym.clone(),
                    period: p,
                    against: crate::parse::rank_kind(p),
                    as_of,
                })
            })
            .collect(),
        Intent::EventStudy | Intent::January => s
            .subjects
            .iter()
            .take(1)
            .map(|sym| {
                q(Query::EventStudy {
                    symbol: sym.clone(),
                    condition: s.condition.clone().unwrap_or(Condition::RecordClose),
                    as_of: at,
                })
            })
            .collect(),
        Intent::Gap => s
            .subjects
            .iter()
            .map(|sym| {
                q(Query::Gap {
                    symbol: sym.clone(),
                    as_of: at,
                })
            })
            .collect(),
    }
}

impl Step {
    /// The query the step runs.
    pub fn query(&self) -> &Query {
        match self {
            Step::Fact(q) => q,
        }
    }

    /// The step's point-in-time date.
    pub fn as_of(&self) -> Date {
        self.query().as_of()
    }

    /// The query's kind as printed in a plan (`streak`, `return`...).
    pub fn kind(&self) -> String {
        serde_json::to_value(self.query())
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_string)))
            .unwrap_or_default()
    }

    /// The instruments the step reads.
    pub fn instruments(&self) -> Vec<String> {
        match self.query() {
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
            | Query::MovingAverage { symbol, .. } => vec![symbol.clone()],
            Query::Streak { symbol, vs, .. } | Query::StreakCount { symbol, vs, .. } => {
                std::iter::once(symbol.clone()).chain(vs.clone()).collect()
            }
            Query::EventStudy {
                symbol, condition, ..
            } => {
                let mut v = vec![symbol.clone()];
                if let Condition::Streak { vs: Some(b), .. } = condition {
                    v.push(b.clone());
                }
                v
            }
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
            Query::Series(q) => q
                .subject
                .symbols()
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    }

    /// What the step computes, in words.
    pub fn describe(&self) -> String {
        crate::fmt::describe_query(self.query())
    }

    /// The window the step reads, in words.
    pub fn window_text(&self) -> String {
        query_window_text(self.query())
    }
}

impl Plan {
    /// The plan as numbered text lines (query, instruments, window), for the
    /// user to confirm before it runs.
    pub fn render_text(&self) -> String {
        let mut out = format!("Plan for: {}\nAs of {}\n", self.question.trim(), self.as_of);
        for (k, step) in self.steps.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {} [{}] — instruments: {}; window: {}\n",
                k + 1,
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

    /// Rebuilds the steps from the intent and slots (after editing slots).
    pub fn rebuild(&mut self) {
        self.steps = build_steps(self.intent, &self.slots, self.as_of);
    }
}
