//! Numbers a verdict prints that are derived from two observations (a yield
//! change, a return spread) come from one Fact computed by the engine from
//! one query of the algebra (`reduce.change` over the yield, `reduce.return`
//! over "A relative to B"), and that Fact is in the verdict's list.
//! Expected values computed in Python 3 (csv module) from the shared files.

use check::{Checker, InputFormat, Verdict};

fn check_one(text: &str, as_of: &str, kind: &str) -> Option<check::CheckedClaim> {
    let Some(u) = store::testing::shared_universe() else {
        eprintln!("skipped: ../shared/market-data is absent");
        return None;
    };
    let checker = Checker::new(u).expect("checker");
    let report = checker
        .check(text, InputFormat::Text, model::parse_iso_date(as_of))
        .expect("text input");
    let c = report
        .claims
        .into_iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} claim in {text:?}"));
    Some(c)
}

/// DGS2 (heliar-k rates.csv): 4.60 on 2023-03-10, 4.03 on 2023-03-13: −57 bp.
#[test]
fn yield_change_is_a_change_fact() {
    let Some(c) = check_one(
        "Two-year yields fell 57 basis points on March 13, 2023 as Silicon Valley Bank collapsed.",
        "2023-03-13",
        "daily_move",
    ) else {
        return;
    };
    assert_eq!(c.verdict, Verdict::Supported, "{}", c.explanation);
    assert_eq!(c.subjects, ["DGS2"]);
    let f = c
        .facts
        .iter()
        .find(|f| f.method.id == "reduce.change")
        .expect("a reduce.change fact in the verdict");
    let pp = f.value.as_f64().expect("number");
    assert!((pp - -0.57).abs() < 1e-9, "change {pp} pp");
    assert!(c.actual.as_deref().is_some_and(|a| a.starts_with("-57")));
}

/// ^RUT 2024 +10.0189 %, ^GSPC +23.3090 %: −13.2901 pp (corpus note).
#[test]
fn return_spread_is_a_spread_fact() {
    let Some(c) = check_one(
        "The Russell 2000 trailed the S&P 500 by 11 percentage points in 2024.",
        "2025-01-02",
        "period_return",
    ) else {
        return;
    };
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert_eq!(c.subjects, ["^RUT", "^GSPC"]);
    let f = c
        .facts
        .iter()
        .find(|f| f.method.id == "reduce.return")
        .expect("a reduce.return fact in the verdict");
    let v = f.value.as_f64().expect("number");
    assert!((v - -13.2901).abs() < 1e-4, "spread {v}");
    assert!(c
        .actual
        .as_deref()
        .is_some_and(|a| a.starts_with("-13.29 pp")));
}
