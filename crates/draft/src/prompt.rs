//! What the model is given: the brief's Facts as JSON (ids, values, units,
//! windows, the sentence that states each) and the section plan (headings,
//! and which Facts each section printed), with instructions to write prose
//! that uses only those figures and cites Fact ids.

use crate::llm::Message;
use model::{Fact, FactValue};
use report::Article;
use serde_json::{json, Value};

/// The instructions: restate, do not invent; cite every figure.
pub const SYSTEM_PROMPT: &str = "You write short, plain market notes for professional readers. \
You are given a day's Facts, each computed from market data, and a plan of sections. \
Write the note in Markdown: one `## ` heading per planned section, in order, each followed by one or two short paragraphs. \
Rules: every number you write must be the value of one of the given Facts (or one of its details), with its date; \
after each sentence that states a number, cite the Fact ids in square brackets, e.g. [f3] or [f3][f7]; \
do not write any figure that is not in the Facts (no valuations, earnings, flows, forecasts or targets); \
do not round a figure differently from the Fact's own sentence. Output only the note.";

/// The compact JSON form of one Fact for the prompt.
pub fn fact_json(fact: &Fact) -> Value {
    let details: serde_json::Map<String, Value> = fact
        .details
        .iter()
        .filter(|(_, d)| !matches!(d.value, FactValue::Text(_)))
        .map(|(k, d)| (k.clone(), json!({"value": d.value, "unit": d.unit})))
        .collect();
    json!({
        "id": fact.id,
        "kind": fact.kind,
        "subjects": fact.subjects,
        "as_of": fact.as_of,
        "window": fact.window,
        "value": fact.value,
        "unit": fact.unit,
        "details": details,
        "sentence": fact.text,
    })
}

/// The section plan: each section's heading and the ids of the Facts it printed.
pub fn plan_json(article: &Article) -> Value {
    let mut sections: Vec<Value> = Vec::new();
    if !article.key_points.is_empty() {
        let ids: Vec<&String> = article.key_point_facts.iter().flatten().collect();
        sections.push(json!({"heading": "Key points", "facts": dedup(ids)}));
    }
    for s in &article.sections {
        let ids: Vec<&String> = s.paragraph_facts.iter().flatten().collect();
        sections.push(json!({"heading": s.heading, "facts": dedup(ids)}));
    }
    json!(sections)
}

fn dedup(ids: Vec<&String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// The messages sent to the endpoint for `article`.
pub fn messages(article: &Article) -> Vec<Message> {
    let facts: Vec<Value> = article.facts.iter().map(fact_json).collect();
    let user = json!({
        "date": article.date,
        "market": article.market,
        "title": article.title,
        "sections": plan_json(article),
        "facts": facts,
    });
    vec![
        Message::new("system", SYSTEM_PROMPT),
        Message::new(
            "user",
            format!(
                "Write the market note for {} from these Facts and this plan.\n\n{}",
                article.date,
                serde_json::to_string_pretty(&user).unwrap_or_default()
            ),
        ),
    ]
}
