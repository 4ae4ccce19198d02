//! End-to-end tests of the `marketproof` binary: import, sources, series,
//! bad input exit codes, and an importer killed mid-way.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marketproof"))
}

fn data_dir() -> Option<PathBuf> {
    let dir = store::testing::shared_data_dir();
    if dir.is_none() {
        eprintln!("SKIP: ../shared/market-data not found; CLI data tests skipped");
    }
    dir
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run marketproof")
}

fn ok_json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "marketproof {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn import_sources_series_and_reimport() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("store.db");
    let report = ok_json(&["--store", s(&db), "--format", "json", "import", s(&data)]);
    assert!(report["observations_added"].as_u64().expect("count") > 1_000_000);

    let sources = ok_json(&["--store", s(&db), "sources", "--format", "json"]);
    let find = |sym: &str, field: &str| {
        sources
            .as_array()
            .expect("array")
            .iter()
            .find(|r| r["instrument"] == sym && r["field"] == field)
            .unwrap_or_else(|| panic!("no {sym} {field} in sources"))
            .clone()
    };
    // Python: the Russell 2000 close spans 1987-09-10..2026-08-21 from
    // ^RUT.csv, RUT.csv (and asset_prices.csv); the S&P 500 starts 1927-12-30.
    let rut = find("^RUT", "close");
    assert_eq!(rut["first"], "1987-09-10");
    assert_eq!(rut["last"], "2026-08-21");
    assert_eq!(rut["sources"][0], "hjyssg_tqqq-simulation/^RUT.csv");
    assert_eq!(rut["sources"][1], "heliar-k_market-base/RUT.csv");
    assert_eq!(find("^GSPC", "close")["first"], "1927-12-30");

    // Aliases resolve; Python: RUT.csv closes 2024-08-05 2039.16, 2024-08-06 2064.3 (grep RUT.csv);
    // ^RUT.csv 2024-08-02 2109.31005859375.
    let series = ok_json(&[
        "--store",
        s(&db),
        "--format",
        "json",
        "series",
        "the Russell",
        "--from",
        "2024-08-02",
        "--to",
        "2024-08-06",
    ]);
    assert_eq!(series["instrument"], "^RUT");
    let points = series["points"].as_array().expect("points");
    let got: Vec<(&str, f64)> = points
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date"),
                p["value"].as_f64().expect("value"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 2109.31005859375 in the file (a float32 print): the value as
            // the data's precision holds it, without the noise (issue 15).
            ("2024-08-02", 2109.31),
            ("2024-08-05", 2039.16),
            ("2024-08-06", 2064.3)
        ]
    );

    let again = ok_json(&["--store", s(&db), "--format", "json", "import", s(&data)]);
    assert_eq!(again["observations_added"], 0);
    assert_eq!(again["rebuilt"], false);
}

#[test]
fn data_flag_imports_on_first_use() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("fresh/store.db");
    let flags = ok_json(&[
        "--store",
        s(&db),
        "--data",
        s(&data),
        "--format",
        "json",
        "flags",
        "SPX",
    ]);
    let spikes: Vec<&str> = flags
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["kind"] == "spike")
        .map(|f| f["date"].as_str().expect("date"))
        .collect();
    assert!(spikes.contains(&"1935-04-16"), "{spikes:?}");
}

#[test]
fn bad_input_exits_non_zero_and_names_file_line_column() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("guydekowski_market-lab");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("SPY.csv"),
        "date,open,high,low,close,volume\n2024-01-02,1,2,1,1.5,10\n2024-01-03,1,2,1,abc,10\n",
    )
    .expect("write");
    let db = tmp.path().join("store.db");
    let out = run(&["--store", s(&db), "import", s(tmp.path())]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SPY.csv:3:5"), "{err}");
    assert!(err.contains("not a number"), "{err}");
    assert_eq!(
        err.matches("not a number").count(),
        1,
        "error printed once: {err}"
    );

    let out = run(&["--store", s(&db), "series", "no such thing"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--store", s(&db), "series", "SPY", "--from", "2023-02-30"]);
    assert_ne!(out.status.code(), Some(0));
}

fn snapshot(db: &Path) -> (bool, store::StoreCounts, String) {
    let st = store::Store::open(db).expect("store opens after a kill");
    (
        st.integrity_check().expect("integrity_check runs"),
        st.counts().expect("counts"),
        st.content_digest().expect("digest"),
    )
}

#[test]
#[cfg(unix)]
fn killed_import_leaves_old_or_new_data() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    // Old state: one folder imported. New state: the whole folder.
    let old_dir = data.join("guydekowski_market-lab");
    let db = tmp.path().join("store.db");
    let status = bin()
        .args(["--store", s(&db), "import", s(&old_dir)])
        .output()
        .expect("run");
    assert!(status.status.success());
    let old = snapshot(&db);
    assert!(old.0);

    // Reference run of the new import on a copy, timed.
    let ref_db = tmp.path().join("ref.db");
    std::fs::copy(&db, &ref_db).expect("copy store");
    let start = Instant::now();
    let out = bin()
        .args(["--store", s(&ref_db), "import", s(&data)])
        .output()
        .expect("run");
    assert!(out.status.success());
    let full = start.elapsed();
    let new = snapshot(&ref_db);
    assert_ne!(old.2, new.2);

    let mut seen_old = 0;
    for fraction in [0.15, 0.4, 0.6, 0.75, 0.9, 0.97] {
        let mut child = bin()
            .args(["--store", s(&db), "import", s(&data)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now = snapshot(&db);
        assert!(now.0, "integrity_check failed after a kill at {fraction}");
        if now.2 == old.2 {
            assert_eq!(now.1, old.1);
            seen_old += 1;
        } else {
            assert_eq!(
                now.2, new.2,
                "store is neither old nor new after a kill at {fraction}"
            );
            assert_eq!(now.1, new.1);
            break; // the import completed; later kills would only see "new"
        }
    }
    assert!(
        seen_old > 0,
        "no kill landed before the commit; the test proved nothing"
    );
}

/// The hidden `truncate` command writes the folder as it stood at a date
/// (store::truncate): as of 2020-03-16 the breadth file (from 2025-06-10)
/// is left out, and the copy's FEDFUNDS ends with February's average
/// (rates.csv 2020-02-01: 1.58; March's is not over).
#[test]
fn truncate_writes_the_folder_as_it_stood() {
    let Some(data) = data_dir() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let copy = tmp.path().join("copy");
    let report = ok_json(&[
        "--format",
        "json",
        "truncate",
        s(&data),
        s(&copy),
        "--as-of",
        "2020-03-16",
    ]);
    let left_out = report["files_left_out"].as_array().expect("list");
    assert!(left_out.contains(&serde_json::json!("heliar-k_market-base/abv.csv")));
    let db = tmp.path().join("copy.db");
    let series = ok_json(&[
        "--store",
        s(&db),
        "--data",
        s(&copy),
        "--format",
        "json",
        "series",
        "FEDFUNDS",
        "--from",
        "2020-01-01",
    ]);
    let text = series.to_string();
    assert!(
        text.contains("2020-02-01") && text.contains("1.58"),
        "{text}"
    );
    assert!(!text.contains("2020-03-01"), "{text}");
}

#[test]
fn an_import_that_would_drop_rows_stops_unless_allowed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("store.db");
    let dir = tmp.path().join("data/dsturdy_factor-attribution");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("SPY.csv");
    std::fs::write(&file, "Date,Close\n2024-01-02,100\n2024-01-03,101\n").expect("write");
    let data = tmp.path().join("data");
    assert!(run(&["--store", s(&db), "import", s(&data)])
        .status
        .success());
    // The file is replaced by its header line.
    std::fs::write(&file, "Date,Close\n").expect("write");
    let out = run(&["--store", s(&db), "import", s(&data)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("would remove 2 stored observations"), "{err}");
    assert!(err.contains("--allow-shrink"), "{err}");
    let series = ok_json(&["--store", s(&db), "--format", "json", "series", "SPY"]);
    assert_eq!(series["points"].as_array().expect("points").len(), 2);
    let out = run(&["--store", s(&db), "import", "--allow-shrink", s(&data)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 removed"));
}

#[test]
fn import_limits_are_flags_with_clear_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("store.db");
    let dir = tmp.path().join("data");
    for k in 0..3 {
        let sub = dir.join(format!("d{k}"));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join("SPY.csv"), "Date,Close\n2024-01-02,100\n").expect("write");
    }
    let out = run(&["--store", s(&db), "import", "--max-files", "2", s(&dir)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("above the limit of 2 per import"), "{err}");
    let out = run(&[
        "--store",
        s(&db),
        "import",
        "--max-cell-bytes",
        "4",
        s(&dir),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cell") && err.contains("--max-cell-bytes"),
        "{err}"
    );
}
