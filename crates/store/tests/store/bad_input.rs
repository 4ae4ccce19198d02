//! Broken copies of files: each import fails with a located error and
//! leaves the store exactly as it was. Also idempotence and replacement.

use crate::support::write;
use model::Field;
use std::path::PathBuf;
use store::{FileStatus, InputProblem, Store, StoreError};

const GOOD: &str = "date,open,high,low,close,volume\n\
2024-01-02,10,11,9,10.5,100\n\
2024-01-03,10.5,12,10,11.5,200\n\
2024-01-04,11.5,12,11,11.0,300\n";

/// A store with one good file imported; returns (tempdir, store path).
fn baseline() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    write(&good, "guydekowski_market-lab/SPY.csv", GOOD.as_bytes());
    let db = tmp.path().join("store.db");
    let mut s = Store::open(&db).expect("open");
    s.import(&[good], &Default::default()).expect("good import");
    (tmp, db)
}

/// Imports a folder holding a valid changed SPY.csv plus `rel` with
/// `content`; expects `problem` at `line`:`column` and an unchanged store.
fn rejects(rel: &str, content: &[u8], problem: InputProblem, line: u64, column: u64) -> StoreError {
    let (tmp, db) = baseline();
    let bad = tmp.path().join("bad");
    // A valid change that must not be written either.
    write(
        &bad,
        "guydekowski_market-lab/SPY.csv",
        format!("{GOOD}2024-01-05,11,12,10,11.2,400\n").as_bytes(),
    );
    let bad_path = write(&bad, rel, content);
    let mut s = Store::open(&db).expect("open");
    let (counts, digest) = (
        s.counts().expect("counts"),
        s.content_digest().expect("digest"),
    );
    let err = s
        .import(&[bad], &Default::default())
        .expect_err("bad input must fail");
    match &err {
        StoreError::Input {
            path,
            line: l,
            column: c,
            problem: p,
            help,
            ..
        } => {
            assert_eq!(*p, problem, "{err}");
            assert_eq!(path, &bad_path, "{err}");
            assert_eq!((*l, *c), (line, column), "{err}");
            assert!(!help.is_empty());
        }
        other => panic!("expected an input error, got {other}"),
    }
    assert_eq!(s.counts().expect("counts"), counts);
    assert_eq!(s.content_digest().expect("digest"), digest);
    drop(s);
    let s = Store::open(&db).expect("reopen");
    assert_eq!(s.content_digest().expect("digest"), digest);
    err
}

fn ohlcv(extra: &str) -> Vec<u8> {
    format!("{GOOD}{extra}").into_bytes()
}

#[test]
fn truncated_last_line() {
    let err = rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-05,11,1"),
        InputProblem::FieldCount,
        5,
        4,
    );
    assert!(err.to_string().contains("cut off"), "{err}");
}

#[test]
fn text_in_a_number_column() {
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-05,11,12,10,n/a?,400\n"),
        InputProblem::NotANumber,
        5,
        5,
    );
}

#[test]
fn duplicate_date_with_a_different_value() {
    let err = rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-03,10.5,12,10,99,200\n"),
        InputProblem::DuplicateDate,
        5,
        5,
    );
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn duplicate_identical_row_is_fine() {
    let p = crate::support::parse_bytes(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-03,10.5,12,10,11.5,200\n"),
    )
    .expect("identical duplicate loads");
    assert_eq!(
        crate::support::series(&p, "QQQ", Field::AdjClose)
            .values
            .len(),
        3
    );
}

#[test]
fn negative_and_zero_prices() {
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-05,11,12,10,-3,400\n"),
        InputProblem::NonPositive,
        5,
        5,
    );
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2024-01-05,0,12,10,11,400\n"),
        InputProblem::NonPositive,
        5,
        2,
    );
}

#[test]
fn impossible_date() {
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        &ohlcv("2023-02-30,11,12,10,11,400\n"),
        InputProblem::BadDate,
        5,
        1,
    );
}

#[test]
fn empty_file() {
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        b"",
        InputProblem::Empty,
        0,
        0,
    );
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    rejects(
        "guydekowski_market-lab/QQQ.csv",
        &garbage,
        InputProblem::Binary,
        1,
        0,
    );
}

#[test]
fn a_stem_or_column_that_cannot_be_a_symbol_says_how_to_name_it() {
    let err = rejects(
        "guydekowski_market-lab/my prices.csv",
        GOOD.as_bytes(),
        InputProblem::UnknownSymbol,
        0,
        0,
    );
    let text = err.to_string();
    assert!(
        text.contains("instruments.toml") && text.contains("files = [\"my prices\"]"),
        "{text}"
    );
    let err = rejects(
        "heliar-k_market-base/rates.csv",
        b"date,DGS10,NO PE\n2024-01-02,4.0,1\n",
        InputProblem::UnknownSymbol,
        1,
        3,
    );
    assert!(err.to_string().contains("columns = [\"NO PE\"]"), "{err}");
}

/// Issue 14: an unknown stem (`AAPL.csv`) or wide-table column becomes an
/// instrument stored in the store, kept across opens, and named by the
/// user's registry file when it has an entry.
#[test]
fn unknown_stems_and_columns_become_instruments() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("mine");
    write(&dir, "AAPL.csv", GOOD.as_bytes());
    write(
        &dir,
        "wide.csv",
        b"date,DGS10,NVDA\n2024-01-02,4.0,48.1\n2024-01-03,4.1,47.5\n",
    );
    let db = tmp.path().join("store.db");
    {
        let mut s = Store::open(&db).expect("open");
        let report = s
            .import(std::slice::from_ref(&dir), &Default::default())
            .expect("import learns AAPL and NVDA");
        let learnt: Vec<(&str, &str)> = report
            .learnt
            .iter()
            .map(|l| (l.instrument.symbol.as_str(), l.origin.as_str()))
            .collect();
        assert_eq!(
            learnt,
            [
                ("AAPL", "file stem of AAPL.csv"),
                ("NVDA", "column `NVDA` of wide.csv")
            ]
        );
        assert!(s.registry().get("AAPL").is_some());
    }
    let mut s = Store::open(&db).expect("reopen");
    let aapl = s.registry().get("AAPL").expect("learnt AAPL is stored");
    assert_eq!(
        (aapl.name.as_str(), aapl.kind),
        ("AAPL", model::InstrumentKind::Stock)
    );
    let u = s.universe().expect("universe");
    assert_eq!(u.get("AAPL", Field::Close).map(|x| x.len()), Some(3));
    assert_eq!(u.get("NVDA", Field::Close).map(|x| x.len()), Some(2));
    assert!(u.registry().is_some_and(|r| r.get("NVDA").is_some()));
    // The user's file names them and gives aliases, without a rebuild.
    let user = model::UserRegistry::from_toml(
        "[[instrument]]\nsymbol = \"AAPL\"\nname = \"Apple\"\naliases = [\"Apple Inc\"]\nsector = \"Information Technology\"\n",
    )
    .expect("user file");
    s.set_user_registry(user).expect("user registry");
    assert_eq!(
        s.registry().resolve("apple inc").map(|i| i.symbol.as_str()),
        Some("AAPL")
    );
    let u = s.universe().expect("universe");
    assert_eq!(
        u.registry()
            .and_then(|r| r.get("AAPL"))
            .map(|i| i.name.as_str()),
        Some("Apple")
    );
    // A second import of the same folder learns nothing more.
    let report = s
        .import(std::slice::from_ref(&dir), &Default::default())
        .expect("reimport");
    assert!(report.learnt.is_empty() && !report.rebuilt);
}

#[test]
fn huge_sparse_file_is_rejected_without_reading_it() {
    let (tmp, db) = baseline();
    let bad = tmp.path().join("bad");
    let path = bad.join("guydekowski_market-lab/QQQ.csv");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(3 << 30).expect("3 GB sparse file");
    drop(f);
    let mut s = Store::open(&db).expect("open");
    let digest = s.content_digest().expect("digest");
    let err = s
        .import(&[bad], &Default::default())
        .expect_err("too large");
    assert_eq!(err.input_problem(), Some(InputProblem::TooLarge), "{err}");
    assert_eq!(s.content_digest().expect("digest"), digest);
}

fn close_on(s: &Store, date: &str) -> Option<f64> {
    s.series("SPY", Field::AdjClose)
        .expect("series")
        .and_then(|x| x.value_on(crate::support::d(date)))
}

#[test]
fn reimport_is_idempotent_and_a_changed_file_replaces_its_rows() {
    let (tmp, db) = baseline();
    let good = tmp.path().join("good");
    let mut s = Store::open(&db).expect("open");
    let before = s.content_digest().expect("digest");
    let r = s
        .import(std::slice::from_ref(&good), &Default::default())
        .expect("again");
    assert_eq!(r.observations_added, 0);
    assert!(!r.rebuilt);
    assert!(r.files.iter().all(|f| f.status == FileStatus::Unchanged));
    assert_eq!(s.content_digest().expect("digest"), before);

    write(
        &good,
        "guydekowski_market-lab/SPY.csv",
        GOOD.replace("11.0,300", "11.25,300").as_bytes(),
    );
    let r = s.import(&[good], &Default::default()).expect("changed");
    assert_eq!(r.files[0].status, FileStatus::Replaced);
    assert_eq!((r.observations_added, r.observations_removed), (15, 15));
    assert_eq!(close_on(&s, "2024-01-04"), Some(11.25));
    assert_eq!(s.counts().expect("counts").observations, 15);
    assert_eq!(s.sources().expect("sources").len(), 1);
}

#[test]
fn a_single_file_keeps_its_folder_in_the_source_path() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = write(
        tmp.path(),
        "dsturdy_factor-attribution/IWM.csv",
        b"Date,Close\n2024-01-02,100\n",
    );
    let mut s = Store::open_in_memory().expect("open");
    s.import(&[file], &Default::default()).expect("import");
    assert_eq!(
        s.sources().expect("sources")[0].path,
        "dsturdy_factor-attribution/IWM.csv"
    );
    // The dataset hint applies: dsturdy closes are adjusted.
    assert!(s.series("IWM", Field::AdjClose).expect("series").is_some());
}
