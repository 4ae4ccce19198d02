//! The corpus in `corpus.toml`: sentences in varied styles, each with the
//! verdict and true value computed independently in Python from the CSVs.
//!
//! The corpus was written together with the first checker's rules, so it is
//! a development set, not a measure of generality (that is
//! `../shared/eval`). What this test holds the reader to:
//!
//! - **no confident wrong verdict**: a sentence whose claim is supported is
//!   never contradicted, and the other way round; a sentence with no claim
//!   is never judged;
//! - **a floor on what it reads**: at least the share of cases measured when
//!   the reader was rewritten are judged right, with the true value.
//!
//! A case is right when one claim of the sentence has the expected verdict
//! and, where the case gives a true value, a Fact of that claim has it.

use check::{CheckedClaim, Checker, InputFormat, Verdict};
use serde::Deserialize;

/// Cases judged right (112 of 164) when the reader was rewritten (issue 11);
/// the rest are unverifiable, saying what was not read.
const RIGHT_AT_LEAST: usize = 110;

#[derive(Debug, Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    as_of: String,
    /// The claim's kind in the first checker's words (documentation only:
    /// the reader's kinds differ).
    kind: String,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    actual: Option<f64>,
    #[serde(default)]
    note: Option<String>,
    /// A substring the verdict's true figure must contain (a "since" date, a leader).
    #[serde(default)]
    actual_text: Option<String>,
    /// A substring the explanation must contain (why a claim is unverifiable).
    #[serde(default)]
    explanation: Option<String>,
}

fn verdict(name: &str) -> Verdict {
    match name {
        "supported" => Verdict::Supported,
        "contradicted" => Verdict::Contradicted,
        _ => Verdict::Unverifiable,
    }
}

/// The reader's claim kinds that read what a case's kind (the first
/// checker's name) names; `None`: any.
fn kinds(old: &str) -> Option<&'static [&'static str]> {
    Some(match old {
        "daily_move" => &["daily_move"],
        "drawdown" | "drawdown_state" => &["drawdown"],
        "fed_range" => &["fed_range"],
        "high_low_since" | "move_since" | "streak_longest_since" => &["since"],
        "level" => &["level", "extreme"],
        "level_cross" => &["daily_move", "level", "level_intraday", "first_date"],
        "ma_first_since" | "ma_position" => &["moving_average", "since", "count"],
        "move_rank" => &["rank"],
        "period_rank_since" => &["since", "rank"],
        "rate_change" => &["daily_move", "period_return", "fed_change"],
        "rate_decisions" => &["fed_count", "fed_change", "fed_range", "fed_since"],
        "record_close" | "record_high" => &["record", "extreme"],
        "record_count" | "streak_count" => &["count", "record"],
        "return" | "return_spread" => &["period_return", "daily_move"],
        "sector_breadth" => &["breadth", "count"],
        "sector_rank" => &["cross_rank"],
        "streak" => &["streak"],
        "volatility" => &["volatility"],
        "base_rate_share" => &["base_rate", "level"],
        _ => return None,
    })
}

/// Whether claim `c` is the case's claim judged as the case says; `facts`
/// are every Fact of the sentence (a compound claim's figure may sit in
/// its other part).
fn right(case: &Case, c: &CheckedClaim, facts: &[f64]) -> bool {
    let want = verdict(case.verdict.as_deref().unwrap_or("unverifiable"));
    if c.verdict != want {
        return false;
    }
    if let Some(w) = &case.explanation {
        if !c.explanation.contains(w.as_str()) {
            return false;
        }
    }
    if let Some(w) = &case.actual_text {
        if !c.actual.as_deref().is_some_and(|a| a.contains(w.as_str())) {
            return false;
        }
    }
    if let Some(w) = case.actual {
        let tol = 0.01_f64.max(w.abs() * 0.0005);
        let in_facts = c
            .facts
            .iter()
            .filter_map(|f| f.value.as_f64())
            .chain(facts.iter().copied())
            .any(|g| (g - w).abs() <= tol || (g * 100.0 - w).abs() <= tol);
        // A count of decisions is printed first in the true figure ("3 cuts").
        let in_actual = c
            .actual
            .as_deref()
            .and_then(|a| a.split_whitespace().next())
            .and_then(|n| n.trim_end_matches('%').parse::<f64>().ok())
            .is_some_and(|g| (g - w).abs() <= tol);
        if !(in_facts || in_actual) {
            return false;
        }
    }
    true
}

#[test]
fn corpus_verdicts_and_values() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let checker = Checker::new(u).expect("checker");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus.toml"))
        .expect("corpus file");
    let corpus: Corpus = toml::from_str(&text).expect("corpus parses");
    assert!(
        corpus.case.len() >= 60,
        "corpus has {} cases",
        corpus.case.len()
    );
    let mut wrong_confident = Vec::new();
    let mut not_right = Vec::new();
    let mut n_right = 0;
    for (i, case) in corpus.case.iter().enumerate() {
        let as_of = model::parse_iso_date(&case.as_of);
        let report = checker
            .check(&case.text, InputFormat::Text, as_of)
            .expect("corpus text is text");
        let confident = |c: &&CheckedClaim| c.verdict != Verdict::Unverifiable;
        if case.kind == "none" {
            match report.claims.iter().find(confident) {
                Some(c) => wrong_confident.push(format!(
                    "#{i} {:?}: no claim expected, judged {} {:?}",
                    case.text, c.kind, c.verdict
                )),
                None => n_right += 1,
            }
            continue;
        }
        let ours =
            |c: &&CheckedClaim| kinds(&case.kind).is_none_or(|k| k.contains(&c.kind.as_str()));
        let facts: Vec<f64> = report
            .claims
            .iter()
            .flat_map(|c| c.facts.iter().filter_map(|f| f.value.as_f64()))
            .collect();
        if report
            .claims
            .iter()
            .filter(ours)
            .any(|c| right(case, c, &facts))
        {
            n_right += 1;
            continue;
        }
        let want = verdict(case.verdict.as_deref().unwrap_or("unverifiable"));
        let opposite = report
            .claims
            .iter()
            .filter(ours)
            .filter(confident)
            .find(|c| {
                c.verdict != want && want != Verdict::Unverifiable
                    || want == Verdict::Unverifiable && c.verdict == Verdict::Supported
            });
        let line = format!(
            "#{i} {:?}: want {want:?} ({}); got {:?}",
            case.text,
            case.note.as_deref().unwrap_or(""),
            report
                .claims
                .iter()
                .map(|c| (c.kind.as_str(), c.verdict, c.actual.clone()))
                .collect::<Vec<_>>()
        );
        match opposite {
            Some(_) => wrong_confident.push(line),
            None => not_right.push(line),
        }
    }
    let total = corpus.case.len();
    println!(
        "corpus: {n_right} of {total} right, {} wrong-confident, {} not read\n{}",
        wrong_confident.len(),
        not_right.len(),
        not_right.join("\n")
    );
    assert!(
        wrong_confident.is_empty(),
        "{} confident wrong verdicts:\n{}",
        wrong_confident.len(),
        wrong_confident.join("\n")
    );
    assert!(
        n_right >= RIGHT_AT_LEAST,
        "{n_right} of {total} right, fewer than {RIGHT_AT_LEAST}"
    );
}
