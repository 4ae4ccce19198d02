//! End-to-end cost of a typical question (plan + run + render) on the real
//! data, universe already loaded.

use model::Registry;

fn main() {
    divan::main();
}

fn as_of() -> model::Date {
    model::parse_iso_date("2026-01-16").unwrap_or_default()
}

#[divan::bench(args = [
    "How long has the Russell 2000 beaten the S&P 500?",
    "How did the sectors do on 2026-01-16?",
    "What happened to small caps after their last 10-day winning streak against large caps?",
    "How often have small caps beaten large caps over 10-year windows since 1927?",
])]
fn ask_end_to_end(bencher: divan::Bencher, question: &str) {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let Ok(registry) = Registry::builtin() else {
        return;
    };
    bencher.bench(|| {
        let Ok(plan) = ask::plan(divan::black_box(question), None, as_of(), &registry) else {
            return String::new();
        };
        let answer = ask::run(&plan, universe);
        ask::render(&answer, ask::Format::Html)
    });
}

#[divan::bench]
fn plan_only(bencher: divan::Bencher) {
    let Ok(registry) = Registry::builtin() else {
        return;
    };
    bencher.bench(|| {
        ask::plan(
            divan::black_box("How long has IWM beaten SPY?"),
            None,
            as_of(),
            &registry,
        )
    });
}
