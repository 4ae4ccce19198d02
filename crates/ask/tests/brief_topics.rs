//! Every recommended topic of a brief (`report::write_brief`) is a question `marketproof ask`
//! answers: planned by `ask::plan` and run by `ask::run` as of the brief's
//! date, without a refusal and without a step the data could not compute.
//!
//! Two families are apart. The brief still recommends event studies ("What
//! happened to X after ..."), which the reader declines: each must be
//! refused by name, never answered with another reading. And some topics
//! are questions the reader does not read yet, or reads as another
//! question; `reader_topics_are_answered` (ignored, with the reason) states
//! how they should be answered.

use report::write_brief;

const DATES: [&str; 7] = [
    "2026-01-16",
    "1987-10-19",
    "2008-10-10",
    "2020-03-16",
    "2022-06-16",
    "2024-11-06",
    "2026-08-21",
];

/// Event studies: declined by the reader (see `refusals.rs`).
fn topics(u: &model::Universe) -> Vec<(model::Date, String)> {
    let mut out = Vec::new();
    for date in DATES {
        let d = model::parse_iso_date(date).expect("valid test date");
        let a = write_brief(u, Some(d)).expect("brief is written");
        assert!(!a.topics.is_empty(), "{date}: the brief recommends topics");
        out.extend(a.topics.iter().map(|q| (a.date, q.clone())));
    }
    out
}

/// Why `q` is not answered in full as of `date`, if it is not.
fn answer_failure(
    u: &model::Universe,
    reg: &model::Registry,
    date: model::Date,
    q: &str,
) -> Option<String> {
    let plan = match ask::plan(q, None, date, reg) {
        Ok(p) => p,
        Err(e) => return Some(format!("{date}: {q:?} refused at planning: {e}")),
    };
    let ans = ask::run(&plan, u);
    (ans.refused || ans.facts.is_empty() || !ans.missing.is_empty()).then(|| {
        format!(
            "{date}: {q:?} -> refused={} facts={} missing={:?}: {}",
            ans.refused,
            ans.facts.len(),
            ans.missing,
            ans.paragraph
        )
    })
}

#[test]
fn every_topic_is_a_question_ask_answers() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let reg = model::Registry::builtin().expect("built-in registry");
    let all = topics(u);
    // The brief recommends only what the reader reads: no event study
    // ("what happened after ..."), no basket, no "last this high".
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(date, q)| answer_failure(u, &reg, *date, q))
        .collect();
    assert!(
        all.len() >= 20,
        "only {} topics across the snapshot dates",
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
