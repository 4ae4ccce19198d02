//! The question table (`questions.toml`): for each question, the expected
//! plan (compared as data) and values worked out independently in Python
//! (`truth.py`, csv module only) from the files in `../shared/market-data`.
//! Also checks that every number in each answer paragraph comes from a Fact.

use ask::{Conversation, Format, Plan, Step};
use model::{Date, Fact, FactValue, Registry};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Table {
    question: Vec<Question>,
}

#[derive(Debug, Deserialize)]
struct Question {
    q: String,
    as_of: String,
    #[serde(default)]
    context: Option<String>,
    plan: String,
    #[serde(default)]
    check: Vec<Check>,
}

#[derive(Debug, Deserialize)]
struct Check {
    step: usize,
    key: String,
    #[serde(default)]
    num: Option<f64>,
    #[serde(default)]
    tol: Option<f64>,
    #[serde(default)]
    int: Option<i64>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    bool: Option<bool>,
}

fn table() -> Table {
    let text = include_str!("questions.toml");
    toml::from_str(text).expect("questions.toml parses")
}

fn date(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid date in questions.toml")
}

fn registry() -> Registry {
    Registry::builtin().expect("builtin registry")
}

fn plan_of(reg: &Registry, q: &Question) -> Result<Plan, ask::AskError> {
    let as_of = date(&q.as_of);
    let ctx = q.context.as_ref().map(|c| {
        let prev = ask::plan(c, None, as_of, reg).expect("context question plans");
        Conversation::after(&prev)
    });
    ask::plan(&q.q, ctx.as_ref(), as_of, reg)
}

#[test]
fn every_question_plans_as_expected() {
    let reg = registry();
    let t = table();
    assert!(t.question.len() >= 50, "at least 50 questions");
    let mut failures = Vec::new();
    for q in &t.question {
        let want: Vec<Step> =
            serde_json::from_str(&q.plan).expect("expected plan is valid JSON steps");
        match plan_of(&reg, q) {
            Ok(p) if p.steps == want => {}
            Ok(p) => failures.push(format!(
                "{}\n   want {}\n   got  {}",
                q.q,
                q.plan,
                serde_json::to_string(&p.steps).unwrap_or_default()
            )),
            Err(e) => failures.push(format!("{}: refused: {e}", q.q)),
        }
    }
    println!(
        "plans: {} of {} as expected",
        t.question.len() - failures.len(),
        t.question.len()
    );
    assert!(
        failures.is_empty(),
        "{} plans differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn fact_value<'f>(f: &'f Fact, key: &str) -> Option<&'f FactValue> {
    if key == "value" {
        Some(&f.value)
    } else {
        f.detail(key).map(|d| &d.value)
    }
}

fn check_one(f: &Fact, c: &Check) -> Result<(), String> {
    let v = fact_value(f, &c.key).ok_or_else(|| format!("no `{}` in fact {}", c.key, f.kind))?;
    let ok = match (c.num, c.int, &c.date, &c.text, c.bool) {
        (Some(x), ..) => v
            .as_f64()
            .is_some_and(|y| (x - y).abs() <= c.tol.unwrap_or(0.006)),
        (_, Some(n), ..) => *v == FactValue::Integer(n),
        (_, _, Some(d), ..) => v.as_date() == Some(date(d)),
        (_, _, _, Some(t), _) => *v == FactValue::Text(t.clone()),
        (_, _, _, _, Some(b)) => *v == FactValue::Bool(b),
        _ => return Err(format!("check `{}` states no expected value", c.key)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` = {:?}, want {:?}",
            c.key,
            v,
            (c.num, c.int, &c.date, &c.text, c.bool)
        ))
    }
}

/// Every number printed in `text`, as written (sign and thousands separators
/// dropped), outside ISO dates, citation markers and instrument names.
fn numbers_in(text: &str, reg: &Registry) -> Vec<String> {
    let mut t = text.to_string();
    let mut names: Vec<String> = reg
        .instruments()
        .iter()
        .flat_map(|i| std::iter::once(i.name.clone()).chain(std::iter::once(i.symbol.clone())))
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        t = t.replace(&n, " ");
    }
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || ((b[i] == b'.' || b[i] == b',')
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            let tok = &t[s..i];
            let prev = if s > 0 { b[s - 1] } else { b' ' };
            let next = b.get(i).copied().unwrap_or(b' ');
            // ISO dates and YYYY-MM months, citation markers [n].
            let in_date =
                (tok.len() == 4 && next == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                    || (prev == b'-' && s >= 5 && b[s - 5..s - 1].iter().all(u8::is_ascii_digit))
                    || (prev == b'-'
                        && s >= 3
                        && b[s - 3..s - 1].iter().all(u8::is_ascii_digit)
                        && s >= 8);
            let cite = prev == b'[' && next == b']';
            if !in_date && !cite {
                out.push(tok.replace(',', ""));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn allowed_numbers(plan: &Plan, facts: &[Fact]) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    let mut add = |x: f64| {
        for s in [
            format!("{x:.2}"),
            format!("{x:.1}"),
            format!("{x:.0}"),
            format!("{:.2}", x.abs()),
            format!("{:.1}", x.abs()),
            format!("{:.0}", x.abs()),
        ] {
            set.insert(s.trim_start_matches('-').to_string());
        }
    };
    let add_value = |v: &FactValue, add: &mut dyn FnMut(f64)| match v {
        FactValue::Number(x) => add(*x),
        FactValue::Integer(n) => add(*n as f64),
        FactValue::Range { low, high } => {
            add(*low);
            add(*high);
        }
        FactValue::Date(d) => {
            use chrono::Datelike;
            add(f64::from(d.year()));
        }
        _ => {}
    };
    for f in facts {
        add_value(&f.value, &mut add);
        for d in f.details.values() {
            add_value(&d.value, &mut add);
        }
    }
    // The plan's own parameters (streak length, window years, horizons, threshold).
    let params = serde_json::to_string(&plan.steps).unwrap_or_default();
    for tok in params.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        if let Ok(x) = tok.parse::<f64>() {
            add(x);
        }
    }
    // Horizons, and the correction / bear-market thresholds of DESIGN.md's definitions.
    for h in ask::HORIZONS_SESSIONS.into_iter().chain([10, 20]) {
        add(h as f64);
    }
    set
}

#[test]
fn every_question_answers_with_python_truth() {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let reg = registry();
    let t = table();
    let mut failures = Vec::new();
    let mut passed = 0;
    for q in &t.question {
        let plan = match plan_of(&reg, q) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: refused: {e}", q.q));
                continue;
            }
        };
        let answer = ask::run(&plan, universe);
        let mut errs = Vec::new();
        if !answer.missing.is_empty() {
            errs.push(format!("missing: {:?}", answer.missing));
        } else {
            for c in &q.check {
                match answer.facts.get(c.step) {
                    Some(f) => {
                        if let Err(e) = check_one(f, c) {
                            errs.push(format!("step {}: {e}", c.step));
                        }
                    }
                    None => errs.push(format!("no fact for step {}", c.step)),
                }
            }
        }
        // Every number in the paragraph comes from a Fact (or the plan's parameters).
        let allowed = allowed_numbers(&plan, &answer.facts);
        for n in numbers_in(&answer.paragraph, &reg) {
            if !allowed.contains(&n) {
                errs.push(format!(
                    "paragraph prints {n}, which no Fact holds: {}",
                    answer.paragraph
                ));
            }
        }
        if answer.paragraph.is_empty() || answer.citations.len() != answer.facts.len() {
            errs.push("empty paragraph or citations".to_string());
        }
        // Renders in every format, and the JSON carries the contract's keys.
        let json: serde_json::Value =
            serde_json::from_str(&ask::render(&answer, Format::Json)).expect("json renders");
        for key in ["question", "plan", "answer", "facts", "citations"] {
            if json.get(key).is_none() {
                errs.push(format!("JSON lacks `{key}`"));
            }
        }
        let html = ask::render(&answer, Format::Html);
        if !html.contains("<section") {
            errs.push("HTML lacks its section".to_string());
        }
        if errs.is_empty() {
            passed += 1;
        } else {
            failures.push(format!("{}\n   {}", q.q, errs.join("\n   ")));
        }
    }
    println!(
        "answers: {passed} of {} match the Python truth",
        t.question.len()
    );
    assert!(
        failures.is_empty(),
        "{} questions failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
