//! `scan::universe` on a small hand-made universe: which series are read,
//! volatility indices out of the drawdown score, and the Facts citing
//! exactly what they read. Expected values are worked out by hand in the
//! comments.

use model::{Date, Field, Registry, Series, SeriesKey, SourceId, SourceInfo, Universe};
use scan::universe::{facts, scan_universe, BENCHMARK};

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid date")
}

fn universe() -> Universe {
    // Monday 2026-08-17 to Friday 2026-08-21.
    let dates: Vec<Date> = [
        "2026-08-17",
        "2026-08-18",
        "2026-08-19",
        "2026-08-20",
        "2026-08-21",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    let mut u = Universe::default();
    let mut add = |sym: &str, field: Field, values: &[f64], source: u32| {
        let key = SeriesKey::new(sym, field);
        let s = Series::from_one_source(
            key.clone(),
            dates.clone(),
            values.to_vec(),
            SourceId(source),
        )
        .expect("valid series");
        u.series.insert(key, s);
        u.sources.push(SourceInfo {
            id: SourceId(source),
            path: format!("{sym}.csv"),
            content_hash: String::new(),
            origin: None,
        });
    };
    add(
        "^GSPC",
        Field::Close,
        &[100.0, 101.0, 102.0, 101.0, 103.0],
        1,
    );
    add("^VIX", Field::Close, &[40.0, 41.0, 30.0, 20.0, 21.0], 2);
    add("IWM", Field::AdjClose, &[50.0, 49.0, 48.0, 47.0, 46.0], 3);
    add("SYN00007", Field::Close, &[10.0, 11.0, 9.0, 8.0, 6.0], 4);
    // A rate and a volume: never scanned.
    add("DGS10", Field::Value, &[4.0, 4.1, 4.2, 4.1, 4.0], 5);
    add("IWM", Field::Volume, &[1e6, 2e6, 3e6, 4e6, 5e6], 6);
    u
}

#[test]
fn scans_daily_index_etf_and_synthetic_closes_only() {
    let u = universe();
    let reg = Registry::builtin().expect("registry");
    let scan = scan_universe(&u, &reg, None, BENCHMARK, 2);
    let mut keys: Vec<String> = scan.rows.iter().map(|r| r.key().to_string()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "IWM adj_close",
            "SYN00007 close",
            "^GSPC close",
            "^VIX close"
        ]
    );
    assert_eq!(scan.scanned, 4);
    assert_eq!(scan.points, 20);
    assert_eq!(
        scan.benchmark
            .map(|(s, n)| (s.key().instrument.as_str(), n)),
        Some(("^GSPC", 5))
    );
    let ranks: Vec<usize> = scan.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [1, 2, 3, 4]);

    let row = |sym: &str| {
        scan.rows
            .iter()
            .find(|r| r.key().instrument == sym)
            .expect("row")
    };
    // ^VIX: 21 / 41 − 1 = −48.8 %, a correction, but a volatility index:
    // no drawdown score.
    let vix = row("^VIX");
    assert!(!vix.drawdown_scored);
    assert_eq!(vix.rarity.drawdown, 0.0);
    assert!((vix.metrics.drawdown - (21.0 / 41.0 - 1.0)).abs() < 1e-15);
    // Every series has 5 closes, under the 1,260-close minimum history of
    // `scan.rarity` v2: no streak or drawdown score, all flagged. (The
    // drawdown share and streak scores are tested in `rank`'s unit tests.)
    assert!(scan.rows.iter().all(|r| r.rarity.short_history));
    assert!(scan
        .rows
        .iter()
        .all(|r| r.rarity.note() == Some("history under 5 years")));
    // SYN00007: 6 / 11 − 1 = −45.5 %, a correction, but too short to score.
    let syn = row("SYN00007");
    assert!(syn.drawdown_scored);
    assert_eq!(syn.rarity.drawdown, 0.0);
    // IWM fell 4 sessions in a row: the longest on record, but too short.
    let iwm = row("IWM");
    assert_eq!(iwm.metrics.streak.length_sessions, -4);
    assert_eq!(iwm.metrics.streak.since_sessions, None);
    assert_eq!((iwm.rarity.streak, iwm.rarity.score), (0.0, 0.0));
    // ^GSPC closed at a record 103, 2 sessions after the record 102 of
    // 08-19, over 4 returns: record score 0.5 (kept on a short history),
    // the highest, so rank 1.
    let gspc = row("^GSPC");
    assert_eq!(gspc.rarity.record, 0.5);
    assert_eq!(gspc.rank, 1);
}

#[test]
fn as_of_cuts_every_series_and_the_benchmark() {
    let u = universe();
    let reg = Registry::builtin().expect("registry");
    let scan = scan_universe(&u, &reg, Some(d("2026-08-19")), BENCHMARK, 1);
    assert_eq!(scan.points, 12);
    assert_eq!(scan.benchmark.map(|(_, n)| n), Some(3));
    for r in &scan.rows {
        assert_eq!(r.metrics.last_date, d("2026-08-19"));
        assert_eq!(r.range(), (d("2026-08-17"), d("2026-08-19")));
    }
    // Before any data: nothing to scan in any series.
    let scan = scan_universe(&u, &reg, Some(d("2026-08-14")), BENCHMARK, 1);
    assert!(scan.rows.is_empty());
    assert!(scan.benchmark.is_none());
}

#[test]
fn every_fact_cites_what_it_read() {
    let u = universe();
    let reg = Registry::builtin().expect("registry");
    let scan = scan_universe(&u, &reg, None, BENCHMARK, 1);
    let iwm = scan
        .rows
        .iter()
        .find(|r| r.key().instrument == "IWM")
        .expect("IWM");
    let fs = facts(&u, &scan, iwm);
    let fact = |kind: &str| {
        fs.iter()
            .find(|f| f.kind == kind)
            .unwrap_or_else(|| panic!("{kind}"))
    };

    // 46 / 47 − 1 = −2.1277 %, reading the closes of 08-20 and 08-21 only.
    let r1 = fact("return_1d");
    assert_eq!(r1.method.id, "scan.return");
    assert!((r1.value.as_f64().expect("number") - (46.0 / 47.0 - 1.0) * 100.0).abs() < 1e-12);
    assert_eq!(r1.inputs.len(), 1);
    assert_eq!(r1.inputs[0].source_path, "IWM.csv");
    assert_eq!(r1.inputs[0].field, Field::AdjClose);
    assert_eq!(
        (r1.inputs[0].from, r1.inputs[0].to),
        (d("2026-08-20"), d("2026-08-21"))
    );
    // Too short for a one-month return, volatility or 200-session average.
    assert!(fs.iter().all(|f| !matches!(
        f.kind.as_str(),
        "return_1m" | "volatility_20d" | "sma200_gap"
    )));

    // The streak: −4 sessions from 08-18, reading the whole series.
    let st = fact("streak");
    assert_eq!(st.value, model::FactValue::Integer(-4));
    assert_eq!(st.window, Some((d("2026-08-18"), d("2026-08-21"))));
    assert_eq!(
        (st.inputs[0].from, st.inputs[0].to),
        (d("2026-08-17"), d("2026-08-21"))
    );
    assert!(st.text.contains("fell 4 sessions in a row"), "{}", st.text);

    // The relative streak also cites the benchmark. IWM's returns are all
    // below ^GSPC's, even on 08-20 when both fell (−2.08 % vs −0.98 %), so
    // IWM lagged for 4 sessions.
    let rel = fact("relative_streak");
    assert_eq!(rel.subjects, ["IWM", "^GSPC"]);
    assert_eq!(rel.value, model::FactValue::Integer(-4));
    assert!(rel
        .inputs
        .iter()
        .any(|i| i.instrument == "^GSPC" && i.source_path == "^GSPC.csv"));

    // Drawdown: 46 / 50 − 1 = −8 %.
    let dd = fact("drawdown");
    assert!((dd.value.as_f64().expect("number") + 8.0).abs() < 1e-12);
    assert!(fs.iter().all(|f| f.method.id.starts_with("scan.")
        && f.method.version == if f.method.id == "scan.rarity" { 2 } else { 1 }));
    // The rarity Fact states why it is partial.
    let rarity = fact("rarity");
    assert_eq!(
        rarity.details.get("rarity_note"),
        Some(&model::fact::Detail::text("history under 5 years"))
    );
    assert!(
        rarity.text.contains("history under 5 years"),
        "{}",
        rarity.text
    );
}

#[test]
fn an_instrument_with_a_close_is_not_scanned_twice() {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let registry = model::Registry::builtin().expect("registry");
    let scan = scan::universe::scan_universe(universe, &registry, None, "^GSPC", 1);
    let rut: Vec<_> = scan
        .rows
        .iter()
        .filter(|r| r.series.key().instrument == "^RUT")
        .map(|r| r.series.key().field)
        .collect();
    // ^RUT has a consolidated close to 2026-08-21 and an adjusted close (from
    // ^RUT.csv's Adj Close column) that stops on 2024-08-02: only the close counts.
    assert_eq!(rut, [model::Field::Close]);
}

/// Issue 12, case 5, in the scan: SPY's closes are dividend-adjusted
/// (guydekowski SPY.csv): its Facts say so and its returns are total
/// returns; the S&P 500's are not flagged.
#[test]
fn adjusted_closes_are_flagged_in_the_scan() {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let registry = model::Registry::builtin().expect("registry");
    let as_of = model::parse_iso_date("2020-03-16").expect("date");
    let scan = scan::universe::scan_universe(universe, &registry, Some(as_of), "^GSPC", 1);
    let facts_of = |sym: &str| {
        let row = scan
            .rows
            .iter()
            .find(|r| r.series.key().instrument == sym)
            .expect("scanned");
        scan::universe::facts(universe, &scan, row)
    };
    let spy = facts_of("SPY");
    assert!(spy.iter().all(|f| f.detail("adjusted").is_some()));
    let ytd = spy
        .iter()
        .find(|f| f.kind == "return_ytd")
        .expect("SPY ytd");
    assert!(
        ytd.text.contains("year-to-date total return")
            && ytd.text.contains("from the dividend-adjusted close"),
        "{}",
        ytd.text
    );
    assert!(facts_of("^GSPC")
        .iter()
        .all(|f| f.detail("adjusted").is_none()));
}
