//! Every recommended topic of a brief (`report::write_brief`) is a question `marketproof ask`
//! answers: planned by `ask::plan` and run by `ask::run` as of the brief's
//! date, without a refusal and without a step the data could not compute.

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

#[test]
fn every_topic_is_a_question_ask_answers() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let reg = model::Registry::builtin().expect("built-in registry");
    let mut failures = Vec::new();
    let mut asked = 0;
    for date in DATES {
        let d = model::parse_iso_date(date).expect("valid test date");
        let a = write_brief(u, Some(d)).expect("brief is written");
        assert!(!a.topics.is_empty(), "{date}: the brief recommends topics");
        for q in &a.topics {
            asked += 1;
            let plan = match ask::plan(q, None, a.date, &reg) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(format!("{date}: {q:?} refused at planning: {e}"));
                    continue;
                }
            };
            let ans = ask::run(&plan, u);
            if ans.refused || ans.facts.is_empty() || !ans.missing.is_empty() {
                failures.push(format!(
                    "{date}: {q:?} -> refused={} facts={} missing={:?}: {}",
                    ans.refused,
                    ans.facts.len(),
                    ans.missing,
                    ans.paragraph
                ));
            }
        }
    }
    assert!(asked >= 20, "only {asked} topics across the snapshot dates");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
