//! Running a plan: each step becomes a Fact (or a stated gap), then the
//! answer paragraph is composed from those Facts only.

use crate::plan::{Plan, Step};
use crate::AskError;
use facts::Engine;
use model::{Date, Fact, FactInput, Field, Universe};
use serde::{Deserialize, Serialize};

/// One source a Fact read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedSource {
    /// Instrument.
    pub instrument: String,
    /// Field.
    pub field: Field,
    /// Source file path.
    pub path: String,
    /// First date read.
    pub from: Date,
    /// Last date read.
    pub to: Date,
}

/// The citation of one Fact: `[n]` in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Number printed in the paragraph, `[1]`.
    pub number: usize,
    /// The Fact's id (`f1`).
    pub fact: String,
    /// Method id and version, e.g. `streak.relative v1`.
    pub method: String,
    /// Sources and date ranges read.
    pub sources: Vec<CitedSource>,
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSeries {
    /// Legend label.
    pub label: String,
    /// Points (date, value).
    pub points: Vec<(Date, f64)>,
}

/// A small chart for the HTML answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Chart {
    /// Lines over time (relative lines rebased to 100 at the first point).
    Lines {
        /// Title.
        title: String,
        /// The lines.
        series: Vec<ChartSeries>,
        /// A value drawn as a dashed reference line (100 on a rebased chart).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<f64>,
    },
    /// Horizontal bars (e.g. sector returns), values from Facts.
    Bars {
        /// Title.
        title: String,
        /// (label, value in percent).
        bars: Vec<(String, f64)>,
        /// Draw the bars in the given order (horizons, A then B) rather
        /// than largest first.
        #[serde(default)]
        keep_order: bool,
    },
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The question as asked.
    pub question: String,
    /// The plan that ran (`None` when the question was refused).
    pub plan: Option<Plan>,
    /// The answer paragraph; every number in it comes from a Fact.
    pub paragraph: String,
    /// The Facts, numbered `f1`, `f2`...
    pub facts: Vec<Fact>,
    /// One citation per Fact.
    pub citations: Vec<Citation>,
    /// Steps that could not be computed, and why.
    pub missing: Vec<String>,
    /// Nearest questions that can be answered (for refusals and gaps).
    pub suggestions: Vec<String>,
    /// A chart, when one helps.
    pub chart: Option<Chart>,
    /// Whether the question was refused.
    pub refused: bool,
}

impl Answer {
    /// The answer to a refused question: what is missing and what can be asked.
    pub fn refusal(question: &str, as_of: Date, err: &AskError) -> Answer {
        let _ = as_of;
        Answer {
            question: question.to_string(),
            plan: None,
            paragraph: format!("I can't answer that from the data: {err}."),
            facts: Vec::new(),
            citations: Vec::new(),
            missing: vec![err.to_string()],
            suggestions: err.suggestions().to_vec(),
            chart: None,
            refused: true,
        }
    }
}

/// Runs every step of `plan` against `universe` and composes the answer.
///
/// Never fails: a step the data cannot answer becomes a line in
/// [`Answer::missing`] with the reason, and the paragraph says so.
pub fn run(plan: &Plan, universe: &Universe) -> Answer {
    let engine = Engine::new(universe);
    let mut facts: Vec<Option<Fact>> = Vec::with_capacity(plan.steps.len());
    let mut missing = Vec::new();
    for step in &plan.steps {
        match run_step(&engine, step) {
            Ok(f) => facts.push(Some(f)),
            Err(why) => {
                missing.push(format!(
                    "{} ({}): {why}",
                    step.describe(),
                    step.instruments().join(", ")
                ));
                facts.push(None);
            }
        }
    }
    // Number the facts in step order.
    let mut k = 0;
    for f in facts.iter_mut().flatten() {
        k += 1;
        f.id = format!("f{k}");
    }
    let composed = crate::compose::compose(plan, &facts, universe);
    let mut suggestions = composed.suggestions;
    if !missing.is_empty() && suggestions.is_empty() {
        suggestions = gap_suggestions(plan, universe);
    }
    let facts: Vec<Fact> = facts.into_iter().flatten().collect();
    let citations = facts
        .iter()
        .enumerate()
        .map(|(i, f)| Citation {
            number: i + 1,
            fact: f.id.clone(),
            method: format!("{} v{}", f.method.id, f.method.version),
            sources: dedup_sources(&f.inputs),
        })
        .collect();
    let mut paragraph = composed.paragraph;
    let refused = facts.is_empty() && !missing.is_empty();
    if !missing.is_empty() {
        let gaps: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
        if paragraph.is_empty() {
            paragraph = format!("The data cannot answer this: {}.", gaps.join("; "));
        } else {
            paragraph.push_str(&format!(" Not computed: {}.", gaps.join("; ")));
        }
    }
    Answer {
        question: plan.question.clone(),
        plan: Some(plan.clone()),
        paragraph,
        facts,
        citations,
        missing,
        suggestions,
        chart: composed.chart,
        refused,
    }
}

fn dedup_sources(inputs: &[FactInput]) -> Vec<CitedSource> {
    let mut out: Vec<CitedSource> = Vec::new();
    for i in inputs {
        let c = CitedSource {
            instrument: i.instrument.clone(),
            field: i.field,
            path: i.source_path.clone(),
            from: i.from,
            to: i.to,
        };
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn gap_suggestions(plan: &Plan, universe: &Universe) -> Vec<String> {
    let mut out = Vec::new();
    for sym in plan.slots.subjects.iter().take(2) {
        let span = [
            Field::Close,
            Field::AdjClose,
            Field::Value,
            Field::ReturnPct,
        ]
        .into_iter()
        .find_map(|f| universe.get(sym, f))
        .and_then(|s| Some((s.first_date()?, s.last_date()?)));
        match span {
            Some((a, b)) => out.extend(crate::suggest::about(sym, a, b).into_iter().take(1)),
            None => out.push(format!(
                "{sym} has no data in the store; try \"Is the S&P 500 at a record close?\""
            )),
        }
    }
    out.extend(crate::suggest::generic(plan.as_of).into_iter().take(2));
    out
}

fn run_step(engine: &Engine<'_>, step: &Step) -> Result<Fact, String> {
    engine.fact(step.query()).map_err(|e| e.to_string())
}
