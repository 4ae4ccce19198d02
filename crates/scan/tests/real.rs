//! The scan on the real market data: one ETF against the S&P 500 from the raw
//! files (expected values computed independently in Python), and every daily
//! index/ETF close of the imported universe against the reference
//! implementations.

use model::{Date, Field, InstrumentKind, Registry};
use scan::{reference, scan_all, scan_one, Benchmark, SeriesRef, Streak};
use std::path::PathBuf;

/// The shared folder; a printed SKIP without it, a failure under
/// `MARKETPROOF_REQUIRE_DATA=1` (store::testing).
fn market_data() -> Option<PathBuf> {
    store::testing::shared_data_dir()
}

/// The `date` and `close` columns (case-insensitive) of a clean CSV.
fn read_date_close(path: &std::path::Path) -> (Vec<Date>, Vec<f64>) {
    let text = std::fs::read_to_string(path).expect("readable market-data file");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let di = header
        .iter()
        .position(|h| h == "date")
        .expect("date column");
    let ci = header
        .iter()
        .position(|h| h == "close")
        .expect("close column");
    let (mut dates, mut closes) = (Vec::new(), Vec::new());
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        dates.push(model::parse_iso_date(fields[di]).expect("ISO date"));
        closes.push(fields[ci].trim().parse::<f64>().expect("numeric close"));
    }
    (dates, closes)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

#[test]
fn xlk_against_the_sp500_from_the_raw_files() {
    let Some(dir) = market_data() else { return };
    let (d, c) = read_date_close(&dir.join("dsturdy_factor-attribution/XLK.csv"));
    let (bd, bc) = read_date_close(&dir.join("guydekowski_market-lab/GSPC.csv"));
    let bench = Benchmark::new(SeriesRef {
        dates: &bd,
        closes: &bc,
    });
    let m = scan_one(
        SeriesRef {
            dates: &d,
            closes: &c,
        },
        Some(&bench),
    )
    .expect("non-empty");
    // Expected values: tests/python/scan_expected.py (csv module, plain
    // loops, straight from the definitions: runs listed explicitly, records
    // by a running max, statistics.stdev for the volatility); its output is
    // kept in scan_expected.out and re-checked below.
    assert_eq!(m.sessions, 6944);
    assert_eq!(
        m.last_date,
        model::parse_iso_date("2026-08-03").expect("date")
    );
    assert!(close(m.return_1d.expect("1d"), 0.007869914890158425));
    assert!(close(m.return_1m.expect("1m"), -0.021374387776880832));
    assert!(close(m.return_ytd.expect("ytd"), 0.2305391957186136));
    assert_eq!(
        (m.streak.length_sessions, m.streak.since_sessions),
        (1, Some(2))
    );
    let rel = m.relative_streak.expect("benchmark given");
    assert_eq!(
        rel,
        Streak {
            length_sessions: -2,
            since_sessions: Some(3),
            history_sessions: 6943
        }
    );
    assert!(!m.record_close);
    assert_eq!(m.sessions_since_record, 42);
    assert!(close(m.drawdown, -0.10730683087900417));
    assert!(close(m.volatility_20d.expect("vol"), 0.020520827316049615));
    assert!(close(m.sma200_gap.expect("sma"), 0.1381209584335572));
}

#[test]
fn every_daily_index_and_etf_close_of_the_store_matches_the_reference() {
    let Some(universe) = store::testing::shared_universe() else {
        return;
    };
    let registry = Registry::builtin().expect("builtin registry");
    let series: Vec<_> = universe
        .series
        .values()
        .filter(|s| matches!(s.key().field, Field::Close | Field::AdjClose))
        .filter(|s| {
            registry
                .get(&s.key().instrument)
                .is_some_and(|i| matches!(i.kind, InstrumentKind::Index | InstrumentKind::Etf))
        })
        .collect();
    assert!(series.len() >= 20, "only {} index/ETF closes", series.len());
    let gspc = universe.get("^GSPC", Field::Close).expect("^GSPC close");
    let bench = Benchmark::new(SeriesRef::from(gspc));
    let refs: Vec<SeriesRef<'_>> = series.iter().map(|s| SeriesRef::from(*s)).collect();
    let rows = scan_all(&refs, Some(&bench), 2);
    for (s, row) in refs.iter().zip(&rows) {
        let expected = reference::metrics(*s, Some(SeriesRef::from(gspc)));
        let (Some(f), Some(e)) = (row, &expected) else {
            assert_eq!(row.is_none(), expected.is_none());
            continue;
        };
        assert_eq!(f.streak, e.streak);
        assert_eq!(f.relative_streak, e.relative_streak);
        assert_eq!(f.sessions_since_record, e.sessions_since_record);
        assert_eq!(f.record_gap_sessions, e.record_gap_sessions);
        assert_eq!(f.return_ytd.is_some(), e.return_ytd.is_some());
        assert!(close(f.drawdown, e.drawdown));
    }
}

/// The kept derivation of the figures above (and of crates/cli/tests/scan.rs)
/// still prints its kept output.
#[test]
fn the_kept_script_reproduces_its_output() {
    store::testing::check_kept_script(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/scan_expected.py"),
    );
}
