//! The query algebra (`Engine::series`): tables over tiny hand-made series
//! (`tables`), values on the real files against an independent Python
//! derivation (`real`), the named queries against their algebra readings
//! (`equivalence`), and the point-in-time property (`properties`).

mod equivalence;
mod properties;
mod real;
mod tables;

use model::{Date, Fact, FactValue};

pub(crate) fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("test date")
}

/// The value and, when there is one, the date it was reached: `"7 2024-09-19"`.
pub(crate) fn brief(f: &Fact) -> String {
    let value = match &f.value {
        FactValue::Number(x) => format!("{x:.4}"),
        FactValue::Integer(n) => n.to_string(),
        FactValue::Date(d) => d.to_string(),
        FactValue::Bool(b) => b.to_string(),
        FactValue::Text(t) => t.clone(),
        FactValue::Range { low, high } => format!("{low}..{high}"),
    };
    match f.detail("reached_on").and_then(|r| r.value.as_date()) {
        Some(on) => format!("{value} {on}"),
        None => value,
    }
}

pub(crate) fn num(f: &Fact) -> f64 {
    f.value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {f:#?}"))
}

pub(crate) fn det_num(f: &Fact, k: &str) -> f64 {
    f.detail(k)
        .and_then(|x| x.value.as_f64())
        .unwrap_or_else(|| panic!("numeric detail {k} missing in {f:#?}"))
}

pub(crate) fn det_date(f: &Fact, k: &str) -> Date {
    f.detail(k)
        .and_then(|x| x.value.as_date())
        .unwrap_or_else(|| panic!("date detail {k} missing in {f:#?}"))
}

pub(crate) fn det_bool(f: &Fact, k: &str) -> bool {
    match f.detail(k).map(|x| &x.value) {
        Some(FactValue::Bool(b)) => *b,
        other => panic!("bool detail {k} is {other:?} in {f:#?}"),
    }
}

#[track_caller]
pub(crate) fn assert_close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} != {b} (tol {tol})");
}
