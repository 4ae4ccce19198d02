//! A claim that compares with all of an instrument's history is not decided
//! when the data begin long after the instrument did: the Dow's closes in
//! ../shared/market-data begin on 2024-08-21 (asset_prices.csv), its
//! history in 1896, so "a record close" on 2024-11-08 (a close above every
//! close in the file) is unverifiable, not supported.

use check::{Checker, InputFormat, Verdict};

#[test]
fn a_record_beyond_the_data_s_history_is_not_decided() {
    let Some(u) = store::testing::shared_universe() else {
        eprintln!("skipped: ../shared/market-data is absent");
        return;
    };
    let checker = Checker::new(u).expect("checker");
    let report = checker
        .check(
            "The Dow Jones Industrial Average also closed at a record on Friday.",
            InputFormat::Text,
            model::parse_iso_date("2024-11-08"),
        )
        .expect("text input");
    let record: Vec<_> = report
        .claims
        .iter()
        .filter(|c| c.subjects.iter().any(|s| s == "^DJI"))
        .collect();
    assert!(!record.is_empty(), "no Dow claim in {:#?}", report.claims);
    for c in record {
        assert_eq!(c.verdict, Verdict::Unverifiable, "{c:#?}");
        assert!(c.explanation.contains("history goes back"), "{c:#?}");
    }
}
