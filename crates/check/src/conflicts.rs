//! Where articles contradict each other: the same kind of claim about the
//! same subjects and period with values that cannot both be true.
//!
//! Streak lengths stated on different dates are compared after allowing for
//! the sessions in between (a 9-session streak on Thursday is a 10-session
//! streak on Friday, not 11).

use crate::{CheckReport, Verdict};
use lang::{ClaimKind, Claimed};
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

fn number(c: &Claimed) -> Option<(f64, f64)> {
    match c {
        Claimed::Number { value, .. } => Some((*value, *value)),
        Claimed::Range { low, high, .. } => Some((*low, *high)),
        Claimed::Count { n } => Some((*n as f64, *n as f64)),
        Claimed::Year { year } => Some((f64::from(*year), f64::from(*year))),
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
                    let (ca, cb) = (&a.claim, &b.claim);
                    if ca.kind != cb.kind
                        || ca.subjects != cb.subjects
                        || ca.kind == ClaimKind::Unverifiable
                    {
                        continue;
                    }
                    let (Some((la, ha)), Some((lb, hb))) =
                        (number(&ca.claimed), number(&cb.claimed))
                    else {
                        continue;
                    };
                    let conflict = match ca.kind {
                        ClaimKind::Streak => {
                            let (Some(da), Some(db)) = (ca.as_of, cb.as_of) else {
                                continue;
                            };
                            if (da - db).num_days().abs() > 10 {
                                continue;
                            }
                            let gap = sessions_between(universe, &ca.subjects[0], da, db);
                            (lb - la - gap as f64).abs() > 0.5
                        }
                        ClaimKind::RateDecisions => {
                            let overlap = match (ca.period, cb.period) {
                                (
                                    Some(model::Period::Between { from: fa, to: ta }),
                                    Some(model::Period::Between { from: fb, to: tb }),
                                ) => fa <= tb && fb <= ta,
                                _ => false,
                            };
                            overlap && ca.direction == cb.direction && (la - lb).abs() > 0.5
                        }
                        ClaimKind::StreakLongestSince => false,
                        _ => {
                            ca.as_of == cb.as_of
                                && ca.period == cb.period
                                && (ha < lb - 1e-9 || hb < la - 1e-9)
                                && !(ca.hedge != lang::Hedge::Exact
                                    || cb.hedge != lang::Hedge::Exact)
                                && (ha - lb).abs() > 0.0
                        }
                    };
                    if !conflict {
                        continue;
                    }
                    let name_a = ra.name.clone().unwrap_or_else(|| "article 1".into());
                    let name_b = rb.name.clone().unwrap_or_else(|| "article 2".into());
                    let description = format!(
                        "{name_a}: \"{}\" ({}) vs {name_b}: \"{}\" ({})",
                        a.claimed,
                        ca.as_of.map_or_else(String::new, |d| format!("as of {d}")),
                        b.claimed,
                        cb.as_of.map_or_else(String::new, |d| format!("as of {d}")),
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
                    let key = format!("{}|{:?}|{la}|{ha}|{lb}|{hb}", ca.kind.as_str(), ca.subjects);
                    out.push((
                        Conflict {
                            kind: ca.kind.as_str().to_string(),
                            subjects: ca.subjects.clone(),
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
