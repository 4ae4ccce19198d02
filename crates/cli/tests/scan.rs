//! End-to-end tests of `marketproof scan` on the real market data.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marketproof"))
}

fn data_dir() -> Option<PathBuf> {
    let dir = store::testing::shared_data_dir();
    if dir.is_none() {
        eprintln!("SKIP: ../shared/market-data not found; scan tests skipped");
    }
    dir
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run marketproof")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-12)
}

#[test]
fn scan_ranks_the_real_closes_and_cites_every_figure() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("store.db");
    let out = run(&["--store", s(&db), "import", s(&data)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = run(&[
        "--store",
        s(&db),
        "scan",
        "--as-of",
        "2026-08-21",
        "--top",
        "200",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["benchmark"]["instrument"], "^GSPC");
    let rows = v["rows"].as_array().expect("rows");
    assert!(rows.len() >= 30, "only {} rows", rows.len());
    assert_eq!(rows.len() as u64, v["scanned"].as_u64().expect("scanned"));

    // `scan.rarity` v2: a series under 1,260 closes (5 years) has no streak
    // or drawdown score, says why in its rarity Fact, and ranks after every
    // series with the full history. Ranked by rarity within each group,
    // highest first, ranks 1..n.
    let short = |r: &serde_json::Value| {
        let fact = r["facts"]
            .as_array()
            .expect("facts")
            .iter()
            .find(|f| f["kind"] == "rarity")
            .expect("rarity fact");
        assert_eq!(fact["method"]["version"], 2, "{fact}");
        let note = &fact["details"]["rarity_note"];
        let is_short = r["sessions"].as_u64().expect("sessions") < 1260;
        assert_eq!(is_short, !note.is_null(), "{r}");
        if is_short {
            assert_eq!(note["value"], "history under 5 years", "{note}");
            assert_eq!(r["rarity_streak"], 0.0);
            assert_eq!(r["rarity_relative_streak"], 0.0);
            assert_eq!(r["rarity_drawdown"], 0.0);
        }
        is_short
    };
    assert!(!short(&rows[0]), "the real store has long series");
    for (i, pair) in rows.windows(2).enumerate() {
        assert_eq!(pair[0]["rank"].as_u64(), Some(i as u64 + 1));
        let (a, b) = (pair[0]["rarity"].as_f64(), pair[1]["rarity"].as_f64());
        match (short(&pair[0]), short(&pair[1])) {
            (true, false) => panic!("short history ranked before a long one: {pair:?}"),
            (false, true) => {}
            _ => assert!(a.expect("rarity") >= b.expect("rarity")),
        }
    }

    // Only daily index and ETF closes (no rates, factors, synthetic series).
    for r in rows {
        assert!(matches!(r["kind"].as_str(), Some("index" | "etf")), "{r}");
        assert!(
            matches!(r["field"].as_str(), Some("close" | "adj_close")),
            "{r}"
        );
        // Every figure is a Fact of a documented `scan.*` method whose
        // inputs are the row's own series and sources (the relative streak
        // also cites the benchmark).
        let sources: Vec<&str> = r["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|x| x.as_str().expect("path"))
            .collect();
        assert!(!sources.is_empty());
        let facts = r["facts"].as_array().expect("facts");
        assert!(facts.len() >= 4, "{r}");
        for f in facts {
            let method = f["method"]["id"].as_str().expect("method id");
            assert!(
                [
                    "scan.return",
                    "scan.streak",
                    "scan.record",
                    "scan.drawdown",
                    "scan.volatility",
                    "scan.sma_gap",
                    "scan.rarity"
                ]
                .contains(&method),
                "{method}"
            );
            let inputs = f["inputs"].as_array().expect("inputs");
            assert!(!inputs.is_empty());
            for input in inputs {
                let own = input["instrument"] == r["instrument"];
                assert!(own || input["instrument"] == "^GSPC", "{input}");
                if own {
                    let path = input["source_path"].as_str().expect("path");
                    assert!(sources.contains(&path), "{path} not in {sources:?}");
                    assert!(input["from"].as_str() >= r["from"].as_str());
                    assert!(input["to"].as_str() <= r["to"].as_str());
                }
            }
        }
    }

    let find = |sym: &str| {
        rows.iter()
            .find(|r| r["instrument"] == sym && r["field"] == "close")
            .unwrap_or_else(|| panic!("no {sym} close row"))
    };
    // crates/scan/tests/python/scan_expected.py (Python 3, csv module) on
    // guydekowski_market-lab/GSPC.csv (the highest-priority S&P 500 source),
    // closes up to 2026-08-21; output kept in scan_expected.out:
    //   n = 24777 sessions from 1927-12-30; c[-1] = 7674.3701171875
    //   c[-1]/c[-2]-1 = 0.004346193543703691; c[-1]/c[-22]-1 = 0.03591516535705641
    //   ytd from 2025-12-31: 0.12108248005076327; streak +1 (one up day)
    //   c[-1]/max(c)-1 = -0.01597900669733132; record close 2026-08-13, 6 sessions ago
    //   statistics.stdev(last 20 returns) = 0.00832062053204546
    //   c[-1]/mean(last 200 closes)-1 = 0.08154856544063738
    let g = find("^GSPC");
    assert_eq!(
        g["sources"],
        serde_json::json!(["guydekowski_market-lab/GSPC.csv"])
    );
    assert_eq!(
        (g["from"].as_str(), g["to"].as_str()),
        (Some("1927-12-30"), Some("2026-08-21"))
    );
    assert_eq!(g["sessions"], 24777);
    assert!(close(g["close"].as_f64().expect("close"), 7674.3701171875));
    let pct = |k: &str| g[k].as_f64().unwrap_or(f64::NAN);
    assert!(close(pct("return_1d_pct"), 0.4346193543703691));
    assert!(close(pct("return_1m_pct"), 3.591516535705641));
    assert!(close(pct("return_ytd_pct"), 12.108248005076327));
    assert!(close(pct("drawdown_pct"), -1.597900669733132));
    assert!(close(pct("volatility_20d_pct"), 0.832062053204546));
    assert!(close(pct("sma200_gap_pct"), 8.154856544063738));
    assert_eq!(g["streak_sessions"], 1);
    assert_eq!(g["record_close"], false);
    assert_eq!(g["sessions_since_record"], 6);
    // The benchmark against itself: never ahead, never behind.
    assert_eq!(g["relative_streak_sessions"], 0);
    let record = g["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .find(|f| f["kind"] == "record_close")
        .expect("record fact");
    assert_eq!(record["details"]["record_date"]["value"], "2026-08-13");

    // Volatility indices are left out of the drawdown score.
    let vix = find("^VIX");
    assert_eq!(vix["drawdown_scored"], false);
    assert_eq!(vix["rarity_drawdown"], 0.0);
    assert!(vix["drawdown_pct"].as_f64().expect("drawdown") < -10.0);

    // Text: a summary line, then exactly --top ranked lines.
    let out = run(&[
        "--store",
        s(&db),
        "scan",
        "--as-of",
        "2026-08-21",
        "--top",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let ranked: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(ranked.len(), 3, "{text}");
    assert!(ranked[0].contains(rows[0]["instrument"].as_str().expect("symbol")));
}

#[test]
fn scan_of_an_empty_store_says_to_import_first() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("empty.db");
    let out = run(&["--store", s(&db), "scan"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("marketproof import"), "{err}");
}
