//! Claims about what followed earlier cases (event studies) are judged on
//! the statistic they name, at the horizon they give, over the history they
//! say. Expected values from `python3 crates/check/tests/truth/truth.py
//! events` (csv module, GSPC.csv, the as-of session excluded):
//! 49 earlier one-day declines of 5.97% or more since 1927-12-30 as of
//! 2025-04-04; 21 sessions later n=49, median +6.2396%, higher 77.5510%;
//! 252 sessions later median +17.7565%, higher 67.3469%; every 252-session
//! window: 24,179, median +9.2715%, higher 69.3949%.

use check::{Checker, InputFormat, Verdict};

fn check(text: &str) -> Option<Vec<check::CheckedClaim>> {
    let Some(u) = store::testing::shared_universe() else {
        eprintln!("skipped: ../shared/market-data is absent");
        return None;
    };
    let checker = Checker::new(u).expect("checker");
    let report = checker
        .check(text, InputFormat::Text, model::parse_iso_date("2025-04-04"))
        .expect("text input");
    Some(report.claims)
}

/// The claims whose value is `claimed` as printed by the checker ("49", "6.24%").
fn claims_of<'a>(claims: &'a [check::CheckedClaim], claimed: &str) -> Vec<&'a check::CheckedClaim> {
    let found: Vec<_> = claims.iter().filter(|c| c.claimed == claimed).collect();
    assert!(!found.is_empty(), "no claim {claimed:?} in {claims:#?}");
    found
}

#[test]
fn event_study_statistics_are_checked() {
    let Some(claims) = check(
        "The S&P 500 plunged 5.97% on April 4, 2025. \
         The data since December 30, 1927 hold 49 earlier one-day declines at least as large. \
         Measured from the close of each earlier case, the S&P 500's median return over the next 21 sessions was +6.24%, \
         and the S&P 500 was higher in 80% of 49 cases. \
         The S&P 500's median return over the next 252 sessions was +17.76%. \
         Across all 24,179 windows of 252 sessions since December 30, 1927, the S&P 500's median return was +9.27% \
         and the S&P 500 was higher in 69.4% of them.",
    ) else {
        return;
    };
    // The count, and "of 49 cases" (the cases with a 21-session window).
    let supported = ["49", "6.24%", "17.76%", "24179", "9.27%", "69.4%"];
    for q in supported {
        for c in claims_of(&claims, q) {
            assert_eq!(c.verdict, Verdict::Supported, "{q}: {c:#?}");
            assert_eq!(c.kind, "event_study", "{q}");
        }
    }
    assert_eq!(claims_of(&claims, "49").len(), 2);
    // 38 of 49 were higher: 77.6%, not 80%.
    let c = claims_of(&claims, "80%")[0];
    assert_eq!(c.verdict, Verdict::Contradicted, "{c:#?}");
    assert_eq!(c.actual.as_deref(), Some("77.55%"));
}

#[test]
fn a_history_the_data_do_not_start_with_is_not_decided() {
    // The data begin in 1927: counted "since 1950", the cases are others.
    let Some(claims) = check(
        "The S&P 500 plunged 5.97% on April 4, 2025. Since 1950 the data hold 30 earlier one-day declines at least as large.",
    ) else {
        return;
    };
    let c = claims_of(&claims, "30")[0];
    assert_eq!(c.verdict, Verdict::Unverifiable, "{c:#?}");
}
