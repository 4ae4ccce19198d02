//! Point-in-time, proven from outside (issue 12).
//!
//! For each cut date D, the shared market-data folder is copied as it stood
//! at D (`store::truncate`, [`Knowledge::Published`]: every row dated after
//! D gone, and every cell whose period had not ended or that was not yet
//! published by D, by the registry's release lags, withheld), imported into
//! a fresh store, and compared with the full store: every kind of Fact over
//! many queries as of D, the brief for D as JSON, and the scan as of D. A
//! Fact that read anything not known by D differs between the two stores.
//! Two dates are also cut with [`Knowledge::Dated`] (rows dated after D
//! gone, nothing else).
//!
//! The truncation is the store's own reading of the files with the
//! registry's lags, not the engine's cut; the expected values of the named
//! regression cases are hand computations from the files, quoted beside
//! them.

use facts::{Engine, FactError};
use model::{
    Basket, Condition, Date, Direction, Field, Period, PeriodKind, Query, RecordKind, Universe,
};
use serde_json::Value;
use std::sync::OnceLock;
use store::truncate::{truncate_dir, Knowledge};

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("test date")
}

/// The cut dates: a crash, a crisis week, the December 2015 hike (FRED
/// moved on the announcement day), mid-March and month-end March 2020
/// (monthly rows, release lags, an emergency cut), a decision day with a
/// statement, and the seed articles' date.
const CUTS: &[&str] = &[
    "1987-10-19",
    "2008-10-10",
    "2015-12-16",
    "2020-03-16",
    "2020-03-31",
    "2025-12-10",
    "2026-01-16",
];

fn full() -> Option<&'static Universe> {
    store::testing::shared_universe()
}

/// The folder copied at `cut` and imported into a fresh in-memory store.
fn truncated(cut: Date, knowledge: Knowledge) -> Universe {
    let src = store::testing::shared_data_dir().expect("data checked by full()");
    let dst = tempfile::tempdir().expect("tempdir");
    let registry = model::Registry::builtin().expect("registry");
    truncate_dir(&src, dst.path(), cut, knowledge, &registry).expect("truncate");
    let mut store = store::Store::open_in_memory().expect("store");
    store
        .import(
            &[dst.path().to_path_buf()],
            &store::ImportOptions::default(),
        )
        .unwrap_or_else(|e| panic!("the copy cut at {cut} does not import: {e}"));
    store.universe().expect("universe")
}

/// Every query kind, over indices, ETFs (adjusted closes), daily and
/// monthly rates, Shiller's and Ken French's monthly series.
fn queries(as_of: Date) -> Vec<Query> {
    use chrono::Datelike;
    let y = as_of.year();
    let prices = ["^GSPC", "^RUT", "^NDX", "^VIX", "SPY", "IWM", "XLK"];
    let levels: &[(&str, Field)] = &[
        ("^GSPC", Field::Close),
        ("^GSPC", Field::High),
        ("SPY", Field::AdjClose),
        ("DGS10", Field::Value),
        ("DFF", Field::Value),
        ("FEDFUNDS", Field::Value),
        ("JP10Y", Field::Value),
        ("DFEDTARU", Field::Value),
        ("CPI", Field::Value),
        ("CAPE", Field::Value),
        ("SHILLER_SP500", Field::Value),
        ("SHILLER_EARNINGS", Field::Value),
        ("SOFR", Field::Value),
        ("ABV200", Field::Value),
        ("FF_ME_LO30", Field::ReturnPct),
        ("FF_MKT_RF", Field::ReturnPct),
    ];
    let mut q = Vec::new();
    for (symbol, field) in levels {
        q.push(Query::Level {
            symbol: (*symbol).into(),
            field: *field,
            as_of,
        });
        q.push(Query::Change {
            symbol: (*symbol).into(),
            field: Some(*field),
            from: d(&format!("{}-01-01", y - 1)),
            as_of,
        });
    }
    let monthly = ["FEDFUNDS", "CPI", "CAPE", "FF_ME_LO30", "FF_MKT_RF"];
    for symbol in prices.iter().chain(&monthly) {
        let s = || (*symbol).to_string();
        for period in [
            Period::YearToDate,
            Period::MonthToDate,
            Period::Year { year: y - 1 },
            Period::Month {
                year: y,
                month: as_of.month(),
            },
            Period::LastSessions { n: 5 },
            Period::Day,
        ] {
            q.push(Query::Return {
                symbol: s(),
                period,
                as_of,
            });
        }
        q.push(Query::ReturnRank {
            symbol: s(),
            period: Period::MonthToDate,
            against: PeriodKind::Month,
            as_of,
        });
        q.push(Query::ReturnRank {
            symbol: s(),
            period: Period::YearToDate,
            against: PeriodKind::YearToDate,
            as_of,
        });
        q.push(Query::DailyMove { symbol: s(), as_of });
        q.push(Query::Gap { symbol: s(), as_of });
        q.push(Query::Streak {
            symbol: s(),
            vs: None,
            direction: None,
            as_of,
        });
        q.push(Query::Streak {
            symbol: s(),
            vs: Some("^GSPC".into()),
            direction: None,
            as_of,
        });
        q.push(Query::StreakCount {
            symbol: s(),
            vs: None,
            direction: Direction::Up,
            min_len: 5,
            from: Some(d(&format!("{}-01-01", y - 5))),
            as_of,
        });
        for record in [RecordKind::Close, RecordKind::IntradayHigh] {
            q.push(Query::Record {
                symbol: s(),
                record,
                as_of,
            });
        }
        q.push(Query::LowestSince { symbol: s(), as_of });
        q.push(Query::HighestSince { symbol: s(), as_of });
        q.push(Query::Volatility {
            symbol: s(),
            period: Period::LastSessions { n: 20 },
            annualised: true,
            sample: true,
            as_of,
        });
        q.push(Query::Drawdown { symbol: s(), as_of });
        q.push(Query::MovingAverage {
            symbol: s(),
            window: 200,
            as_of,
        });
        q.push(Query::ExtremeMove {
            symbol: s(),
            direction: Direction::Down,
            from: Some(d(&format!("{}-01-01", y - 1))),
            as_of,
        });
        for condition in [
            Condition::DailyMove { pct: -4.0 },
            Condition::Drawdown { pct: -10.0 },
            Condition::RecordClose,
            Condition::January { pct: 0.0 },
            Condition::Streak {
                vs: Some("^GSPC".into()),
                direction: Direction::Up,
                min_len: 7,
            },
        ] {
            q.push(Query::EventStudy {
                symbol: s(),
                condition,
                as_of,
            });
        }
    }
    for basket in [Basket::Sectors, Basket::Styles, Basket::Indices] {
        q.push(Query::CrossSection {
            basket,
            period: Period::Day,
            as_of,
        });
    }
    for (a, b) in [
        ("FF_ME_LO30", "FF_ME_HI30"),
        ("^RUT", "^GSPC"),
        ("IWM", "SPY"),
    ] {
        q.push(Query::BaseRate {
            a: a.into(),
            b: b.into(),
            window_years: 10,
            from: None,
            as_of,
        });
        q.push(Query::ReturnSpread {
            a: a.into(),
            b: b.into(),
            period: Period::YearToDate,
            as_of,
        });
    }
    q.push(Query::RateDecisions { from: None, as_of });
    q.push(Query::RateDecisions {
        from: Some(d(&format!("{}-01-01", y))),
        as_of,
    });
    q
}

/// A Fact (or its error) as JSON, without the store's source ids: the two
/// stores number their sources differently when the copy has fewer files.
fn outcome(e: &Engine<'_>, q: &Query) -> Value {
    match e.fact(q) {
        Ok(f) => {
            let mut v = serde_json::to_value(&f).expect("fact json");
            strip_source_ids(&mut v);
            v
        }
        // An instrument of which nothing is known by D is absent from the
        // copy (`UnknownInstrument`) while the full store has its later
        // series (`NoData` up to D): both say that nothing is known, and are
        // compared as such. This is the one difference allowed.
        Err(FactError::UnknownInstrument { symbol }) => {
            Value::String(format!("error: nothing known of {symbol}"))
        }
        Err(FactError::NoData { instrument, to, .. })
            if to == q_as_of(q) && nothing_at_all(e, &instrument, to) =>
        {
            Value::String(format!("error: nothing known of {instrument}"))
        }
        Err(err) => Value::String(format!("error: {err}")),
    }
}

/// The as-of date of a query.
fn q_as_of(q: &Query) -> Date {
    let v = serde_json::to_value(q).expect("query json");
    v.get("as_of")
        .and_then(Value::as_str)
        .and_then(model::parse_iso_date)
        .expect("every query has an as-of date")
}

/// Whether nothing at all of `symbol` is known by `as_of` (every series of
/// the instrument starts later).
fn nothing_at_all(e: &Engine<'_>, symbol: &str, as_of: Date) -> bool {
    let symbol = e.canonical(symbol);
    e.universe()
        .series
        .values()
        .filter(|s| s.key().instrument == symbol)
        .all(|s| e.known_len(s, as_of) == 0)
}

fn strip_source_ids(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("source");
            map.remove("content_hash");
            for x in map.values_mut() {
                strip_source_ids(x);
            }
        }
        Value::Array(xs) => xs.iter_mut().for_each(strip_source_ids),
        _ => {}
    }
}

/// The Facts of the two universes agree on every query; returns how many
/// were compared and how many of them were errors in both.
fn compare_facts(full: &Universe, cut: &Universe, as_of: Date) -> (usize, usize) {
    let (ef, ec) = (Engine::new(full), Engine::new(cut));
    let mut errors = 0;
    let qs = queries(as_of);
    for q in &qs {
        let (a, b) = (outcome(&ef, q), outcome(&ec, q));
        assert!(
            a == b,
            "as of {as_of}, {q:?}:\nfull store:      {a}\ntruncated copy: {b}"
        );
        errors += usize::from(a.is_string());
    }
    (qs.len(), errors)
}

fn brief_json(u: &Universe, as_of: Date) -> Value {
    match report::write_brief(u, Some(as_of)) {
        Ok(article) => {
            let text = report::render(&article, report::Format::Json);
            let mut v: Value = serde_json::from_str(&text).expect("brief json");
            strip_source_ids(&mut v);
            v
        }
        Err(e) => Value::String(format!("error: {e}")),
    }
}

fn scan_json(u: &Universe, as_of: Date) -> Value {
    let registry = model::Registry::builtin().expect("registry");
    let s = scan::universe::scan_universe(u, &registry, Some(as_of), "^GSPC", 1);
    let facts: Vec<model::Fact> = s
        .rows
        .iter()
        .flat_map(|row| scan::universe::facts(u, &s, row))
        .collect();
    let mut v = serde_json::to_value(&facts).expect("scan json");
    strip_source_ids(&mut v);
    v
}

/// The first place two JSON documents differ, for a readable failure.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let (u, v) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if let Some(p) = first_difference(u, v, &format!("{path}.{k}")) {
                    return Some(p);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                if let Some(p) = first_difference(u, v, &format!("{path}[{i}]")) {
                    return Some(p);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: {} vs {} items", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

#[track_caller]
fn assert_same(what: &str, a: &Value, b: &Value) {
    if let Some(diff) = first_difference(a, b, "") {
        panic!("{what}: the full store and the truncated copy differ at {diff}");
    }
}

/// The truncated copies, built once per process (each takes a few seconds).
fn copies() -> &'static Vec<(Date, Universe)> {
    static COPIES: OnceLock<Vec<(Date, Universe)>> = OnceLock::new();
    COPIES.get_or_init(|| {
        CUTS.iter()
            .map(|c| (d(c), truncated(d(c), Knowledge::Published)))
            .collect()
    })
}

#[test]
fn every_fact_kind_is_the_same_from_a_copy_cut_at_the_as_of_date() {
    let Some(full) = full() else { return };
    let mut n = 0;
    let mut answered = 0;
    for (cut, copy) in copies() {
        let (compared, errors) = compare_facts(full, copy, *cut);
        n += compared;
        answered += compared - errors;
    }
    // Most queries have an answer (errors, e.g. no ETF in 1987, must agree too).
    assert!(n >= CUTS.len() * 350, "only {n} queries compared");
    eprintln!("{n} queries compared, {answered} answered");
    assert!(answered * 2 >= n, "only {answered} of {n} queries answered");
}

#[test]
fn the_brief_is_the_same_from_a_copy_cut_at_its_date() {
    let Some(full) = full() else { return };
    for (cut, copy) in copies() {
        let a = brief_json(full, *cut);
        assert!(!a.is_string(), "no brief for {cut}: {a}");
        assert_same(&format!("brief of {cut}"), &a, &brief_json(copy, *cut));
    }
}

#[test]
fn the_scan_is_the_same_from_a_copy_cut_at_its_date() {
    let Some(full) = full() else { return };
    for (cut, copy) in copies() {
        let a = scan_json(full, *cut);
        assert!(
            a.as_array().is_some_and(|x| !x.is_empty()),
            "no scan for {cut}"
        );
        assert_same(&format!("scan as of {cut}"), &a, &scan_json(copy, *cut));
    }
}

/// With only the rows dated after D removed (no release lags), the Facts
/// still agree: the engine does not read the next day either.
#[test]
fn facts_agree_with_a_copy_cut_by_date_alone() {
    let Some(full) = full() else { return };
    for cut in ["2015-12-16", "2020-03-16"] {
        let copy = truncated(d(cut), Knowledge::Dated);
        compare_facts(full, &copy, d(cut));
    }
}

// ---- the cases of issue 12, on the truncated copies --------------------

fn copy_at(cut: &str) -> &'static Universe {
    &copies()
        .iter()
        .find(|(c, _)| *c == d(cut))
        .expect("a listed cut")
        .1
}

fn level(u: &Universe, symbol: &str, as_of: &str) -> model::Fact {
    Engine::new(u)
        .fact(&Query::Level {
            symbol: symbol.into(),
            field: Field::Value,
            as_of: d(as_of),
        })
        .expect("level")
}

/// Issue 12, case 1: FRED's FEDFUNDS row dated 2020-03-01 is March's
/// average (0.65); on 2020-03-16 only February's (1.58, rates.csv line
/// 2020-02-01) was complete. From the copy and from the full store alike.
#[test]
fn regression_issue12_monthly_average_is_not_read_mid_month() {
    let Some(full) = full() else { return };
    for u in [full, copy_at("2020-03-16")] {
        let f = level(u, "FEDFUNDS", "2020-03-16");
        assert_eq!(f.value.as_f64(), Some(1.58));
        assert_eq!(
            f.detail("date").and_then(|x| x.value.as_date()),
            Some(d("2020-02-01"))
        );
    }
}

/// Issue 12, case 3: FRED moved the range on 2015-12-16, the announcement
/// day (rates.csv: DFEDTARU 0.25 on 12-15, 0.5 on 12-16): the hike is
/// dated 2015-12-16, and as of 2015-12-15 nothing of it is known.
#[test]
fn regression_issue12_the_december_2015_hike_is_dated_on_its_announcement() {
    let Some(full) = full() else { return };
    let q = |as_of: &str| Query::RateDecisions {
        from: Some(d("2015-01-01")),
        as_of: d(as_of),
    };
    for u in [full, copy_at("2015-12-16")] {
        let f = Engine::new(u).fact(&q("2015-12-16")).expect("decisions");
        assert_eq!(f.value.as_f64(), Some(1.0));
        assert_eq!(
            f.detail("decision01_date").and_then(|x| x.value.as_date()),
            Some(d("2015-12-16"))
        );
    }
    let f = Engine::new(full).fact(&q("2015-12-15")).expect("decisions");
    assert_eq!(f.value.as_f64(), Some(0.0));
    assert!(f.detail("latest_decision_date").is_none(), "{f:#?}");
}

/// Issue 12, case 4: as of 2020-03-31 no March CPI (published mid-April),
/// Shiller earnings (months later) or French return (a month later) is
/// read. data.csv: CPI 258.68 on 2020-02-01; earnings 137.28 on 2019-11-01
/// (11-30 + 120 days = 2020-03-29 ≤ 03-31; December's 12-31 + 120 is in
/// April). Portfolios_Formed_on_ME.CSV: Lo 30 −7.79 for 202002 (02-29 + 30
/// days = 03-30), −23.55 for 202003 not yet. rates.csv: DFF 0.08 dated
/// 2020-03-31 is published on 04-01, so 0.09 dated 03-30 is the latest.
#[test]
fn regression_issue12_release_lags_hold_back_unpublished_numbers() {
    let Some(full) = full() else { return };
    for u in [full, copy_at("2020-03-31")] {
        let date = |f: &model::Fact| f.detail("date").and_then(|x| x.value.as_date());
        let f = level(u, "CPI", "2020-03-31");
        assert_eq!(f.value.as_f64(), Some(258.68));
        assert_eq!(date(&f), Some(d("2020-02-01")));
        let f = level(u, "SHILLER_EARNINGS", "2020-03-31");
        assert_eq!(f.value.as_f64(), Some(137.28));
        assert_eq!(date(&f), Some(d("2019-11-01")));
        let f = level(u, "DFF", "2020-03-31");
        assert_eq!(f.value.as_f64(), Some(0.09));
        assert_eq!(date(&f), Some(d("2020-03-30")));
        let f = Engine::new(u)
            .fact(&Query::Level {
                symbol: "FF_ME_LO30".into(),
                field: Field::ReturnPct,
                as_of: d("2020-03-31"),
            })
            .expect("french");
        assert_eq!(f.value.as_f64(), Some(-7.79));
        assert_eq!(date(&f), Some(d("2020-02-01")));
    }
}
