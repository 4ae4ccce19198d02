//! Where articles contradict each other: the same kind of claim about the
//! same subjects and period with values that cannot both be true.
//!
//! Streak lengths stated on different dates are compared after allowing for
//! the sessions in between (a 9-session streak on Thursday is a 10-session
//! streak on Friday, not 11).

use crate::{CheckReport, Verdict};
use lang::chunk::Hedge;
use lang::frame::Claimed;
use model::{Date, Universe};
use serde::{Deserialize, Serialize};

/// One contradiction between two articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Claim kind.
    pub kind: String,
    /// Subjects.
    pub subjects: Vec<String>,
    /// First article and claim index in its report.
    pub a: (String, usize),
    /// Second article and claim index.
    pub b: (String, usize),
    /// The two claims side by side.
    pub description: String,
    /// Which side the data supports, when it does.
    pub resolution: Option<String>,
}

fn sessions_between(universe: &Universe, symbol: &str, a: Date, b: Date) -> i64 {
    let series = [model::Field::Close, model::Field::AdjClose]
        .iter()
        .find_map(|f| universe.get(symbol, *f));
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let n = match series {
        Some(s) => s.dates().iter().filter(|d| **d > lo && **d <= hi).count() as i64,
        None => model::calendar::sessions_between(lo.succ_opt().unwrap_or(lo), hi).len() as i64,
    };
    if a <= b {
        n
    } else {
        -n
    }
}

fn number(c: &Claimed) -> Option<(f64, f64, bool)> {
    match c {
        Claimed::Number { value, hedge, .. } => Some((*value, *value, *hedge == Hedge::Exact)),
        Claimed::Range { low, high, .. } => Some((*low, *high, true)),
        Claimed::Rank { n } => Some((f64::from(*n), f64::from(*n), true)),
        _ => None,
    }
}

/// Finds the conflicts between every pair of articles.
pub fn find(reports: &[CheckReport], universe: &Universe) -> Vec<Conflict> {
    let mut out: Vec<(Conflict, String)> = Vec::new();
    for (ia, ra) in reports.iter().enumerate() {
        for rb in reports.iter().skip(ia + 1) {
            for (ka, a) in ra.claims.iter().enumerate() {
                for (kb, b) in rb.claims.iter().enumerate() {
                    if a.kind != b.kind || a.subjects != b.subjects || a.subjects.is_empty() {
                        continue;
                    }
                    // A figure the reader did not read ("18 times forward
                    // earnings" left unverifiable) conflicts with nothing.
                    if [a, b].iter().any(|c| misread(c)) {
                        continue;
                    }
                    let (Some((la, ha, exact_a)), Some((lb, hb, exact_b))) =
                        (number(&a.claimed_value), number(&b.claimed_value))
                    else {
                        continue;
                    };
                    let same_measure = match (&a.reading, &b.reading) {
                        (Some(ra), Some(rb)) => {
                            ra.measure == rb.measure && ra.reducer == rb.reducer
                        }
                        _ => false,
                    };
                    if !same_measure {
                        continue;
                    }
                    let conflict = match a.kind.as_str() {
                        "streak" => {
                            if (a.day - b.day).num_days().abs() > 10 {
                                continue;
                            }
                            let gap = sessions_between(universe, &a.subjects[0], a.day, b.day);
                            (lb - la - gap as f64).abs() > 0.5
                        }
                        "fed_count" => {
                            a.reading.as_ref().map(|r| &r.window)
                                == b.reading.as_ref().map(|r| &r.window)
                                && (la - lb).abs() > 0.5
                        }
                        _ => {
                            a.day == b.day
                                && a.reading.as_ref().map(|r| &r.window)
                                    == b.reading.as_ref().map(|r| &r.window)
                                && exact_a
                                && exact_b
                                && (ha < lb - 1e-9 || hb < la - 1e-9)
                        }
                    };
                    if !conflict {
                        continue;
                    }
                    let name_a = ra.name.clone().unwrap_or_else(|| "article 1".into());
                    let name_b = rb.name.clone().unwrap_or_else(|| "article 2".into());
                    let description = format!(
                        "{name_a}: \"{}\" (as of {}) vs {name_b}: \"{}\" (as of {})",
                        a.claimed, a.day, b.claimed, b.day,
                    );
                    let resolution = match (a.verdict, b.verdict) {
                        (Verdict::Supported, Verdict::Contradicted) => {
                            Some(format!("the data supports {name_a}"))
                        }
                        (Verdict::Contradicted, Verdict::Supported) => {
                            Some(format!("the data supports {name_b}"))
                        }
                        (Verdict::Contradicted, Verdict::Contradicted) => Some(format!(
                            "the data supports neither: {}",
                            a.actual.clone().unwrap_or_default()
                        )),
                        _ => None,
                    };
                    let key = format!("{}|{:?}|{la}|{ha}|{lb}|{hb}", a.kind.as_str(), a.subjects);
                    out.push((
                        Conflict {
                            kind: a.kind.as_str().to_string(),
                            subjects: a.subjects.clone(),
                            a: (name_a, ka),
                            b: (name_b, kb),
                            description,
                            resolution,
                        },
                        key,
                    ));
                }
            }
        }
    }
    dedupe(out)
}

/// One conflict per pair of distinct claimed values.
fn dedupe(v: Vec<(Conflict, String)>) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (c, key) in v {
        if !keys.contains(&key) {
            keys.push(key);
            out.push(c);
        }
    }
    out
}

/// A claim left unverifiable because the reader could not read it, or read
/// a figure far off the scale of what it measured.
fn misread(c: &crate::CheckedClaim) -> bool {
    c.verdict == Verdict::Unverifiable
        && (c.explanation.starts_with("Could not read") || c.explanation.starts_with("Not checked"))
}
