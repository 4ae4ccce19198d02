//! Composing the answer paragraph from Facts.
//!
//! The answer opens with what the question asked — yes or no, the figure,
//! the date — and every number in it is read from a Fact's value or
//! details, each sentence ending with the `[n]` of the Facts it uses. The
//! Facts that help read the answer (both legs of a comparison, the other
//! peak definition of a drawdown) follow. A Fact that could not be computed
//! is left out and the gap is stated by the caller.

use crate::plan::{Intent, Plan, Step};
use crate::run::{Chart, ChartSeries};
use model::display::{share, signed_pct};
use model::{Date, Fact, FactValue, Field, Registry, Universe};

pub(crate) struct Composed {
    pub(crate) paragraph: String,
    pub(crate) chart: Option<Chart>,
    pub(crate) suggestions: Vec<String>,
}

fn registry() -> Option<&'static Registry> {
    static REGISTRY: std::sync::OnceLock<Option<Registry>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().ok()).as_ref()
}

fn name(sym: &str) -> String {
    registry()
        .and_then(|r| r.get(sym))
        .map_or_else(|| sym.to_string(), |i| i.name.clone())
}

fn cite(f: &Fact) -> String {
    format!("[{}]", f.id.trim_start_matches('f'))
}

fn num(f: &Fact, key: &str) -> Option<f64> {
    f.detail(key).and_then(|d| d.value.as_f64())
}
fn int(f: &Fact, key: &str) -> Option<i64> {
    match f.detail(key).map(|d| &d.value) {
        Some(FactValue::Integer(n)) => Some(*n),
        _ => None,
    }
}
fn date(f: &Fact, key: &str) -> Option<Date> {
    f.detail(key).and_then(|d| d.value.as_date())
}
fn text<'f>(f: &'f Fact, key: &str) -> Option<&'f str> {
    match f.detail(key).map(|d| &d.value) {
        Some(FactValue::Text(t)) => Some(t),
        _ => None,
    }
}

/// The Fact's own sentence with its citation.
fn said(f: &Fact) -> String {
    let t = f.text.trim_end_matches('.');
    format!("{t} {}.", cite(f))
}

/// Whether a flag Fact holds (a record on the day).
fn holds(f: &Fact) -> Option<bool> {
    match f.value {
        FactValue::Bool(b) => Some(b),
        FactValue::Integer(n) => Some(n != 0),
        FactValue::Number(x) => Some(x != 0.0),
        _ => None,
    }
}

pub(crate) fn compose(plan: &Plan, facts: &[Option<Fact>], u: &Universe) -> Composed {
    let pairs: Vec<(&Step, &Fact)> = plan
        .steps
        .iter()
        .zip(facts)
        .filter_map(|(s, f)| f.as_ref().map(|f| (s, f)))
        .collect();
    let primary: Vec<&Fact> = pairs
        .iter()
        .filter(|(s, _)| s.primary)
        .map(|(_, f)| *f)
        .collect();
    let mut out = Composed {
        paragraph: String::new(),
        chart: None,
        suggestions: Vec::new(),
    };
    let mut used: Vec<&str> = Vec::new();
    let mut lead: Vec<String> = Vec::new();
    match plan.intent {
        Intent::Fed => {
            if let Some(f) = primary.first() {
                lead.push(fed(plan, f));
                used.push(&f.id);
            }
        }
        Intent::Sector => {
            if let Some(f) = primary.first() {
                let (s, chart) = sector(plan, f);
                lead.push(s);
                out.chart = chart;
                used.push(&f.id);
            }
        }
        Intent::BaseRate => {
            if let Some(f) = primary.first() {
                lead.push(base_rate(f));
                used.push(&f.id);
            }
        }
        Intent::IsRecord => {
            if let Some(f) = primary.first() {
                let yes = holds(f).unwrap_or(false);
                let distance = pairs.iter().find(|(s, _)| !s.primary).map(|(_, f)| *f);
                let mut s = format!("{}: {}", if yes { "Yes" } else { "No" }, said(f));
                if let Some(d) = distance.filter(|_| !yes) {
                    s.push(' ');
                    s.push_str(&said(d));
                    used.push(&d.id);
                }
                lead.push(s);
                used.push(&f.id);
            }
        }
        Intent::Compare => {
            if let Some(f) = primary.first() {
                let spread = f.value.as_f64();
                let head = match (plan.yes_no, spread) {
                    (true, Some(x)) => format!("{}: ", if x > 0.0 { "Yes" } else { "No" }),
                    _ => String::new(),
                };
                lead.push(format!("{head}{}", said(f)));
                used.push(&f.id);
                out.chart = compare_chart(u, f);
            }
        }
        _ => {
            for f in &primary {
                lead.push(said(f));
                used.push(&f.id);
            }
            if matches!(plan.intent, Intent::Move) && !primary.is_empty() {
                out.chart = return_chart(u, &primary);
            }
        }
    }
    let mut also: Vec<String> = Vec::new();
    for (s, f) in &pairs {
        if used.contains(&f.id.as_str()) {
            continue;
        }
        let label = s.label.trim();
        also.push(if label.is_empty() {
            said(f)
        } else {
            format!("{} — {}", cap(label), said(f))
        });
    }
    let mut paragraph = lead.join(" ");
    if !also.is_empty() {
        paragraph.push_str(if paragraph.is_empty() { "" } else { " Also: " });
        paragraph.push_str(&also.join(" "));
    }
    for n in &plan.notes {
        paragraph.push_str(&format!(" (Read: {n}.)"));
    }
    out.paragraph = paragraph;
    out
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The Fed's decisions as the question asks: a count, the last or first
/// of a kind, or the range in force.
fn fed(plan: &Plan, f: &Fact) -> String {
    let dir = plan.slots.direction.unwrap_or(0);
    let what = plan.slots.fed.as_deref().unwrap_or("count");
    let n = match f.value {
        FactValue::Integer(n) => n,
        _ => 0,
    };
    let kind = |bp: f64| (dir == 0 && bp != 0.0) || (dir > 0 && bp > 0.0) || (dir < 0 && bp < 0.0);
    let decisions: Vec<(Date, f64, String)> = (1..=n)
        .filter_map(|k| {
            let key = format!("decision{k:02}");
            Some((
                date(f, &format!("{key}_date"))?,
                num(f, &format!("{key}_bp"))?,
                text(f, &key).unwrap_or("").to_string(),
            ))
        })
        .filter(|(_, bp, _)| kind(*bp))
        .collect();
    let noun = match dir {
        1 => ("hike", "hikes"),
        -1 => ("cut", "cuts"),
        _ => ("change of the target range", "changes of the target range"),
    };
    let (from, to) = f.window.unwrap_or((f.as_of, f.as_of));
    let range = match f.detail("range").map(|d| &d.value) {
        Some(FactValue::Range { low, high }) => format!("{low:.2}%–{high:.2}%"),
        _ => String::new(),
    };
    match what {
        "last" | "first" => {
            let pick = if what == "last" {
                decisions.last()
            } else {
                decisions.first()
            };
            match pick {
                Some((d, _, t)) => format!(
                    "The {} {} from {from} to {to} was announced on {d}: {} {}.",
                    if what == "last" { "last" } else { "first" },
                    noun.0,
                    t.split_once(": ").map_or(t.as_str(), |x| x.1),
                    cite(f)
                ),
                None => format!(
                    "The Fed made no {} from {from} to {to} {}.",
                    noun.1,
                    cite(f)
                ),
            }
        }
        "range" => format!(
            "The Fed's target range stood at {range} on {} {}.",
            date(f, "range_date")
                .map(|d| d.to_string())
                .unwrap_or_default(),
            cite(f)
        ),
        _ => {
            let listed: Vec<String> = decisions.iter().map(|(_, _, t)| t.clone()).collect();
            let total: f64 = decisions.iter().map(|d| d.1).sum();
            let count = decisions.len();
            let mut s = format!(
                "The Fed announced {count} {} from {from} to {to}",
                if count == 1 { noun.0 } else { noun.1 }
            );
            if count > 0 {
                s.push_str(&format!(
                    ": {}; {:+.0} bp in total",
                    listed.join("; "),
                    total
                ));
            }
            s.push_str(&format!(" {}.", cite(f)));
            s
        }
    }
}

/// The best or worst sector fund, with every fund's return.
fn sector(plan: &Plan, f: &Fact) -> (String, Option<Chart>) {
    let mut ranked: Vec<(String, f64)> = f
        .details
        .iter()
        .filter_map(|(k, d)| {
            k.strip_prefix("return_pct.")
                .and_then(|s| d.value.as_f64().map(|x| (s.to_string(), x)))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let label = |s: &str| {
        let inst = registry().and_then(|r| r.get(s));
        match inst.and_then(|i| i.sector.clone()) {
            Some(sector) => format!("{sector} ({s})"),
            None => format!("{} ({s})", name(s)),
        }
    };
    let when = match f.window {
        Some((a, b)) if a == b => format!("on {b}"),
        Some((a, b)) => format!("from {a} to {b}"),
        None => format!("as of {}", f.as_of),
    };
    let best = plan.slots.order.as_deref() != Some("lowest");
    let pick = if best { ranked.first() } else { ranked.last() };
    let mut s = match pick {
        Some((sym, r)) => format!(
            "The {} sector fund {when} was {}, {} {}.",
            if best { "best" } else { "worst" },
            label(sym),
            signed_pct(*r),
            cite(f)
        ),
        None => format!("No sector fund had data {when} {}.", cite(f)),
    };
    let list: Vec<String> = ranked
        .iter()
        .map(|(sym, r)| format!("{sym} {}", signed_pct(*r)))
        .collect();
    if !list.is_empty() {
        s.push_str(&format!(
            " All, best first: {} {}.",
            list.join(", "),
            cite(f)
        ));
    }
    let chart = Chart::Bars {
        title: format!("Return by sector fund, {when}"),
        bars: ranked,
        keep_order: false,
    };
    (s, Some(chart))
}

fn base_rate(f: &Fact) -> String {
    let (a, b) = (name(&f.subjects[0]), name(&f.subjects[1]));
    let window = int(f, "window_years").map_or_else(String::new, |y| format!("{y}-year "));
    let month = |k: &str| {
        date(f, k)
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_default()
    };
    let mut s = format!(
        "Over {} rolling {window}windows starting from {} to {} (one-month steps), {a} compounded more than {b} in {} of them, {} {}.",
        int(f, "n_windows").unwrap_or(0),
        month("first_window_start"),
        month("last_window_start"),
        int(f, "n_a_wins").unwrap_or(0),
        f.value.as_f64().map(share).unwrap_or_default(),
        cite(f)
    );
    if let (Some(x), Some(y)) = (num(f, "a_annualised_pct"), num(f, "b_annualised_pct")) {
        s.push_str(&format!(
            " Over the whole span ({} to {}), {a} compounded at {x:.2}% a year against {y:.2}% for {b} {}.",
            month("first_month"),
            month("last_month"),
            cite(f)
        ));
    }
    s.push_str(" This is a base rate of the past, not a forecast.");
    s
}

fn price_series<'u>(u: &'u Universe, sym: &str) -> Option<&'u model::Series> {
    [Field::Close, Field::AdjClose, Field::Value]
        .into_iter()
        .find_map(|f| u.get(sym, f))
}

/// Lines of the subjects' prices from `from` to `to`, rebased to 100.
fn lines_chart(u: &Universe, syms: &[String], from: Date, to: Date, title: &str) -> Option<Chart> {
    let mut series = Vec::new();
    for sym in syms {
        let Some(s) = price_series(u, sym) else {
            continue;
        };
        let a = s.dates().partition_point(|d| *d < from);
        let b = s.len_as_of(to);
        if b <= a + 1 {
            continue;
        }
        let base = s.values()[a];
        let points: Vec<(Date, f64)> = s.dates()[a..b]
            .iter()
            .zip(&s.values()[a..b])
            .map(|(d, v)| (*d, if base != 0.0 { v / base * 100.0 } else { *v }))
            .collect();
        series.push(ChartSeries {
            label: name(sym),
            points,
        });
    }
    (!series.is_empty()).then(|| Chart::Lines {
        title: title.to_string(),
        series,
        reference: Some(100.0),
    })
}

fn return_chart(u: &Universe, got: &[&Fact]) -> Option<Chart> {
    let f = got.first()?;
    let from = date(f, "base_date")?;
    let to = date(f, "reached_on")?;
    if from == to || (to - from).num_days() < 5 {
        return None;
    }
    let syms: Vec<String> = got
        .iter()
        .filter_map(|f| f.subjects.first().cloned())
        .collect();
    lines_chart(u, &syms, from, to, "Rebased to 100 at the base close")
}

fn compare_chart(u: &Universe, f: &Fact) -> Option<Chart> {
    let from = date(f, "base_date")?;
    let to = date(f, "reached_on")?;
    lines_chart(u, &f.subjects, from, to, "Rebased to 100 at the base close")
}
