//! The corpus in `corpus.toml`: sentences in varied styles, each with the
//! verdict and true value computed independently in Python from the CSVs.

use check::{Checker, InputFormat, Verdict};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    as_of: String,
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
    let mut failures = Vec::new();
    for (i, case) in corpus.case.iter().enumerate() {
        let as_of = model::parse_iso_date(&case.as_of);
        let report = checker
            .check(&case.text, InputFormat::Text, as_of)
            .expect("corpus text is text");
        if case.kind == "none" {
            if !report.claims.is_empty() {
                failures.push(format!(
                    "#{i} {:?}: expected no claim, got {:?}",
                    case.text,
                    report
                        .claims
                        .iter()
                        .map(|c| c.claim.kind)
                        .collect::<Vec<_>>()
                ));
            }
            continue;
        }
        let Some(c) = report
            .claims
            .iter()
            .find(|c| c.claim.kind.as_str() == case.kind)
        else {
            failures.push(format!(
                "#{i} {:?}: no {} claim (got {:?})",
                case.text,
                case.kind,
                report
                    .claims
                    .iter()
                    .map(|c| (c.claim.kind, c.verdict))
                    .collect::<Vec<_>>()
            ));
            continue;
        };
        let want = verdict(case.verdict.as_deref().unwrap_or("unverifiable"));
        if c.verdict != want {
            failures.push(format!(
                "#{i} {:?}: verdict {:?}, want {want:?} ({}; {})",
                case.text,
                c.verdict,
                c.explanation,
                case.note.as_deref().unwrap_or("")
            ));
            continue;
        }
        if let Some(want) = &case.explanation {
            if !c.explanation.contains(want.as_str()) {
                failures.push(format!(
                    "#{i} {:?}: explanation {:?} does not contain {want:?}",
                    case.text, c.explanation
                ));
                continue;
            }
        }
        if let Some(want) = &case.actual_text {
            if !c
                .actual
                .as_deref()
                .is_some_and(|a| a.contains(want.as_str()))
            {
                failures.push(format!(
                    "#{i} {:?}: actual {:?} does not contain {want:?} ({})",
                    case.text,
                    c.actual,
                    case.note.as_deref().unwrap_or("")
                ));
                continue;
            }
        }
        if let Some(want) = case.actual {
            let got = if case.kind == "rate_decisions" {
                c.actual
                    .as_deref()
                    .and_then(|a| a.split_whitespace().next())
                    .and_then(|n| n.parse::<f64>().ok())
            } else {
                c.facts.first().and_then(|f| f.value.as_f64())
            };
            let ok = got.is_some_and(|g| (g - want).abs() <= 0.01_f64.max(want.abs() * 0.0005));
            if !ok {
                failures.push(format!(
                    "#{i} {:?}: actual {got:?}, want {want} ({})",
                    case.text,
                    case.note.as_deref().unwrap_or("")
                ));
            }
        }
    }
    let total = corpus.case.len();
    println!("corpus: {} of {total} cases pass", total - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {total} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
