//! Issue 13: hostile and careless input. Each test gives the input, the
//! bound that stops it, the message, and checks that the store is exactly
//! as it was.

use crate::support::write;
use model::Field;
use std::path::{Path, PathBuf};
use std::time::Duration;
use store::{FileStatus, ImportOptions, InputProblem, ReadLimits, Store, StoreError};

const SPY: &str = "Date,Close\n2024-01-02,100\n2024-01-03,101\n2024-01-04,102\n";

/// A store holding one good SPY file; returns (tempdir, store path).
fn baseline() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    write(&good, "dsturdy_factor-attribution/SPY.csv", SPY.as_bytes());
    let db = tmp.path().join("store.db");
    let mut s = Store::open(&db).expect("open");
    s.import(&[good], &Default::default()).expect("good import");
    (tmp, db)
}

/// Imports `dir` into the baseline store with `opts`; expects an error and
/// an unchanged store; returns the error.
fn fails_unchanged(db: &Path, dir: &Path, opts: &ImportOptions<'_>) -> StoreError {
    let mut s = Store::open(db).expect("open");
    let digest = s.content_digest().expect("digest");
    let counts = s.counts().expect("counts");
    let err = s
        .import(&[dir.to_path_buf()], opts)
        .expect_err("the import must fail");
    assert_eq!(s.content_digest().expect("digest"), digest, "{err}");
    assert_eq!(s.counts().expect("counts"), counts);
    err
}

fn problem(err: &StoreError) -> (InputProblem, PathBuf, u64, u64, String) {
    match err {
        StoreError::Input {
            problem,
            path,
            line,
            column,
            ..
        } => (*problem, path.clone(), *line, *column, err.to_string()),
        other => panic!("expected an input error, got {other}"),
    }
}

#[cfg(unix)]
#[test]
fn a_csv_symlink_to_dev_zero_is_refused_without_reading() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let link = dir.join("QQQ.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, path, ..) = problem(&err);
    assert_eq!(p, InputProblem::NotAFile);
    assert_eq!(path, link);
    assert!(err.to_string().contains("a character device"), "{err}");
    // Named directly, too.
    let mut s = Store::open(&db).expect("open");
    let err = s
        .import(std::slice::from_ref(&link), &Default::default())
        .expect_err("refused");
    assert_eq!(problem(&err).0, InputProblem::NotAFile);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_csv_is_refused_instead_of_blocking() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let fifo = dir.join("QQQ.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIP: mkfifo is not available");
        return;
    }
    // No writer ever opens the FIFO: reading it would block forever.
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, path, ..) = problem(&err);
    assert_eq!((p, path), (InputProblem::NotAFile, fifo));
    assert!(err.to_string().contains("FIFO"), "{err}");
}

#[test]
fn a_huge_quoted_cell_is_stopped_at_the_cell_limit_with_a_short_message() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    // One quoted cell of 4 MiB that never closes.
    let mut content = b"Date,Close\n2024-01-05,\"".to_vec();
    content.extend(std::iter::repeat_n(b'9', 4 << 20));
    write(&dir, "dsturdy_factor-attribution/QQQ.csv", &content);
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, _, line, column, text) = problem(&err);
    assert_eq!((p, line, column), (InputProblem::CellTooLong, 2, 2));
    assert!(text.len() < 600, "{} bytes: {text}", text.len());
    assert!(text.contains("262144 bytes"), "{text}");
    // A 10 MB header cell: same bound, same short message.
    let mut content = b"Date,".to_vec();
    content.extend(std::iter::repeat_n(b'C', 10_000_000));
    content.extend(b"\n2024-01-05,1\n");
    write(&dir, "dsturdy_factor-attribution/QQQ.csv", &content);
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, _, line, column, text) = problem(&err);
    assert_eq!((p, line, column), (InputProblem::CellTooLong, 1, 2));
    assert!(text.len() < 600, "{} bytes", text.len());
}

#[test]
fn a_long_row_is_stopped_at_the_record_limit() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    let row = format!("2024-01-05{}\n", ",1".repeat(40_000));
    write(
        &dir,
        "dsturdy_factor-attribution/QQQ.csv",
        format!("Date,Close\n{row}").as_bytes(),
    );
    let opts = ImportOptions {
        limits: ReadLimits {
            max_record_bytes: 64 << 10,
            ..ReadLimits::default()
        },
        ..ImportOptions::default()
    };
    let err = fails_unchanged(&db, &dir, &opts);
    let (p, _, line, column, text) = problem(&err);
    assert_eq!((p, line, column), (InputProblem::RecordTooLong, 2, 1));
    assert!(text.contains("--max-record-bytes"), "{text}");
}

#[test]
fn error_messages_quote_a_short_excerpt_of_a_bad_cell() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    let cell = "x".repeat(5000);
    write(
        &dir,
        "dsturdy_factor-attribution/QQQ.csv",
        format!("Date,Close\n2024-01-05,{cell}\n").as_bytes(),
    );
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, _, line, column, text) = problem(&err);
    assert_eq!((p, line, column), (InputProblem::NotANumber, 2, 2));
    assert!(text.contains("…` (5000 bytes)"), "{text}");
    assert!(text.len() < 400, "{text}");
}

#[test]
fn one_run_reads_at_most_max_files_and_max_total_bytes() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("many");
    for k in 0..5 {
        write(&dir, &format!("d{k}/SPY.csv"), SPY.as_bytes());
    }
    let opts = ImportOptions {
        max_files: 3,
        ..ImportOptions::default()
    };
    let err = fails_unchanged(&db, &dir, &opts);
    assert!(
        matches!(
            err,
            StoreError::TooMuch {
                what: "files",
                limit: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("--max-files"), "{err}");
    let opts = ImportOptions {
        max_total_bytes: 100,
        ..ImportOptions::default()
    };
    let err = fails_unchanged(&db, &dir, &opts);
    assert!(
        matches!(err, StoreError::TooMuch { what: "bytes", found, limit: 100, .. } if found == 5 * SPY.len() as u64),
        "{err}"
    );
    // A file above the per-file limit is not read.
    let opts = ImportOptions {
        limits: ReadLimits {
            max_file_bytes: 10,
            ..ReadLimits::default()
        },
        ..ImportOptions::default()
    };
    let err = fails_unchanged(&db, &dir, &opts);
    assert_eq!(problem(&err).0, InputProblem::TooLarge);
}

#[test]
fn a_repeated_column_is_a_located_error_not_an_sql_constraint() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    let path = write(
        &dir,
        "dsturdy_factor-attribution/QQQ.csv",
        b"Date,Close,Close\n2024-01-05,1,1\n",
    );
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, at, line, column, text) = problem(&err);
    assert_eq!(
        (p, at, line, column),
        (InputProblem::DuplicateColumn, path, 1, 3)
    );
    assert!(text.contains("both hold QQQ adj_close"), "{text}");
    assert!(!text.contains("UNIQUE"), "{text}");
}

#[test]
fn dates_outside_the_sane_years_are_errors() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    for (date, line) in [("0000-01-03", 3), ("1066-10-14", 3), ("9999-12-31", 3)] {
        write(
            &dir,
            "dsturdy_factor-attribution/QQQ.csv",
            format!("Date,Close\n2024-01-05,1\n{date},2\n").as_bytes(),
        );
        let err = fails_unchanged(&db, &dir, &Default::default());
        let (p, _, l, c, text) = problem(&err);
        assert_eq!((p, l, c), (InputProblem::DateOutOfRange, line, 1), "{text}");
        assert!(text.contains("1800..=2199"), "{text}");
    }
    // A monthly Ken French file dated 1066.
    write(
        &dir,
        "talezadeh_ff-size/F-F_Momentum_Factor.CSV",
        b"date,Mom\n192701,0.36\n106602,-2.14\n",
    );
    std::fs::remove_file(dir.join("dsturdy_factor-attribution/QQQ.csv")).expect("rm");
    let err = fails_unchanged(&db, &dir, &Default::default());
    assert_eq!(problem(&err).0, InputProblem::DateOutOfRange, "{err}");
}

#[test]
fn absurd_magnitudes_of_values_and_volumes_are_errors() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("bad");
    // Shiller's data.csv layout with a -1e308 long rate.
    write(
        &dir,
        "datasets_s-and-p-500/data.csv",
        b"Date,SP500,Dividend,Earnings,Consumer Price Index,Long Interest Rate,Real Price,Real Dividend,Real Earnings,PE10\n\
1871-01-01,4.44,0.26,0.4,12.46,5.32,89.0,5.21,8.02,0\n\
1871-02-01,4.5,0.26,0.4,12.84,-1e308,87.53,5.06,7.78,0\n",
    );
    let err = fails_unchanged(&db, &dir, &Default::default());
    let (p, _, line, column, text) = problem(&err);
    assert_eq!(
        (p, line, column),
        (InputProblem::Implausible, 3, 6),
        "{text}"
    );
    std::fs::remove_file(dir.join("datasets_s-and-p-500/data.csv")).expect("rm");
    write(
        &dir,
        "guydekowski_market-lab/QQQ.csv",
        b"date,open,high,low,close,volume\n2024-01-05,1,1,1,1,1e16\n",
    );
    let err = fails_unchanged(&db, &dir, &Default::default());
    assert_eq!(problem(&err).0, InputProblem::Implausible, "{err}");
}

#[test]
fn a_header_only_replacement_stops_and_says_how_many_rows_would_go() {
    let (tmp, db) = baseline();
    let good = tmp.path().join("good");
    write(&good, "dsturdy_factor-attribution/SPY.csv", b"Date,Close\n");
    let err = fails_unchanged(&db, &good, &Default::default());
    let StoreError::WouldShrink { files } = &err else {
        panic!("expected WouldShrink, got {err}");
    };
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].before, files[0].after, files[0].lost),
        (3, 0, 3),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("would remove 3 stored observations"),
        "{text}"
    );
    assert!(text.contains("--allow-shrink"), "{text}");
    // A shorter file loses one date, even with a new one added.
    write(
        &good,
        "dsturdy_factor-attribution/SPY.csv",
        b"Date,Close\n2024-01-03,101\n2024-01-04,102\n2024-01-05,103\n",
    );
    let err = fails_unchanged(&db, &good, &Default::default());
    assert!(
        matches!(&err, StoreError::WouldShrink { files } if files[0].lost == 1),
        "{err}"
    );
    // Asked for, the shrink happens.
    let mut s = Store::open(&db).expect("open");
    let opts = ImportOptions {
        allow_shrink: true,
        ..ImportOptions::default()
    };
    let r = s.import(&[good], &opts).expect("allowed");
    assert_eq!((r.observations_added, r.observations_removed), (3, 3));
    assert_eq!(r.files[0].status, FileStatus::Replaced);
    let spy = s
        .series("SPY", Field::AdjClose)
        .expect("read")
        .expect("SPY");
    assert_eq!(spy.len(), 3);
}

#[test]
fn two_imports_started_at_once_on_a_new_store_both_succeed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    for k in 0..20 {
        write(&dir, &format!("d{k:02}/SPY.csv"), SPY.as_bytes());
    }
    let db = tmp.path().join("new.db");
    let barrier = std::sync::Barrier::new(2);
    let results: Vec<Result<store::ImportReport, StoreError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    let mut s = Store::open(&db)?;
                    s.import(std::slice::from_ref(&dir), &Default::default())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    for r in &results {
        assert!(r.is_ok(), "{:?}", r.as_ref().err().map(ToString::to_string));
    }
    let s = Store::open(&db).expect("open");
    assert_eq!(s.sources().expect("sources").len(), 20);
    assert!(s.integrity_check().expect("check"));
    // One import wrote everything; the other found it unchanged (or both
    // wrote nothing twice).
    let added: usize = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|r| r.observations_added)
        .sum();
    assert_eq!(added, 60);
}

#[test]
fn a_writer_holding_the_lock_makes_a_bounded_clear_busy_error() {
    let (tmp, db) = baseline();
    let dir = tmp.path().join("more");
    write(&dir, "dsturdy_factor-attribution/QQQ.csv", SPY.as_bytes());
    // Another process (here: a raw connection) holds the write lock; its
    // writer file names pid 1, which is always alive.
    let other = rusqlite::Connection::open(&db).expect("open raw");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    std::fs::write(
        tmp.path().join("store.db-writer"),
        "pid 1 `marketproof import big-folder`, since 2026-01-01 00:00:00 UTC\n",
    )
    .expect("writer file");
    let mut s = Store::open(&db).expect("open");
    s.set_busy_timeout(Duration::from_millis(400))
        .expect("timeout");
    let digest = s.content_digest().expect("digest");
    let waits = std::sync::Mutex::new(Vec::new());
    let progress = |p: &store::Progress| {
        if let store::Progress::Waiting { writer } = p {
            waits.lock().expect("lock").push(writer.clone());
        }
    };
    let opts = ImportOptions {
        progress: Some(&progress),
        ..ImportOptions::default()
    };
    let started = std::time::Instant::now();
    let err = s.import(&[dir], &opts).expect_err("busy");
    assert!(started.elapsed() < Duration::from_secs(5));
    let StoreError::Busy { path, writer, .. } = &err else {
        panic!("expected Busy, got {err}");
    };
    assert_eq!(path, &db);
    assert!(
        writer.as_deref().is_some_and(|w| w.starts_with("pid 1 ")),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("is busy") && text.contains("--busy-timeout"),
        "{text}"
    );
    assert!(!text.contains("database is locked"), "{text}");
    assert_eq!(
        waits.lock().expect("lock").len(),
        1,
        "the wait was announced"
    );
    other.execute_batch("ROLLBACK").expect("unlock");
    assert_eq!(s.content_digest().expect("digest"), digest);
}

#[test]
fn sqlite_failures_name_the_store_file_and_what_to_do() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("not-a-store.db");
    std::fs::write(&path, vec![b'x'; 8192]).expect("write");
    let err = Store::open(&path).expect_err("not a database");
    let text = err.to_string();
    assert!(
        matches!(err, StoreError::Database { .. }) && text.contains("not a marketproof store"),
        "{text}"
    );
    assert!(text.contains(&path.display().to_string()), "{text}");
    let err = Store::open_read_only(&tmp.path().join("missing.db")).expect_err("missing");
    assert!(err.to_string().contains("cannot be opened"), "{err}");
}

/// The real S&P 500 file with one close replaced by `bad`, beside SPX.csv.
fn sp500_with(bad: &str, date: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let data = crate::support::data_dir()?;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let gspc = std::fs::read_to_string(data.join("guydekowski_market-lab/GSPC.csv")).expect("read");
    let mut hit = false;
    let edited: String = gspc
        .lines()
        .map(|l| {
            if l.starts_with(date) {
                hit = true;
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[4] = bad;
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(hit, "{date} in GSPC.csv");
    write(&dir, "guydekowski_market-lab/GSPC.csv", edited.as_bytes());
    let spx = std::fs::read(data.join("heliar-k_market-base/SPX.csv")).expect("read");
    write(&dir, "heliar-k_market-base/SPX.csv", &spx);
    Some((tmp, dir))
}

#[test]
fn an_absurd_close_in_one_sp500_file_is_dropped_and_the_agreeing_file_used() {
    for bad in ["1e-320", "1e20"] {
        let Some((_tmp, dir)) = sp500_with(bad, "2020-03-16") else {
            return;
        };
        let mut s = Store::open_in_memory().expect("open");
        let r = s.import(&[dir], &Default::default()).expect("import");
        let gspc = s
            .series("^GSPC", Field::Close)
            .expect("read")
            .expect("^GSPC");
        // python3: SPX.csv close on 2020-03-16 = 2386.13.
        assert_eq!(
            gspc.value_on(crate::support::d("2020-03-16")),
            Some(2386.13)
        );
        let dropped: Vec<_> = r
            .dropped
            .iter()
            .filter(|d| d.key.instrument == "^GSPC")
            .collect();
        assert_eq!(dropped.len(), 1, "{dropped:?}");
        assert_eq!(dropped[0].value, bad.parse::<f64>().expect("number"));
        assert!(dropped[0].path.ends_with("GSPC.csv"));
        assert!(
            dropped[0]
                .reason
                .contains("SPX.csv (2386.13) is used instead"),
            "{:?}",
            dropped[0]
        );
        let flags = s.flags().expect("flags");
        assert!(flags.iter().any(|f| f.kind == store::FlagKind::BadPrint
            && f.instrument == "^GSPC"
            && f.date == crate::support::d("2020-03-16")));
        // No daily move of the consolidated close is near -100 % or +1e16 %.
        let v = gspc.values();
        let worst = v
            .windows(2)
            .map(|w| (w[1] / w[0] - 1.0).abs())
            .fold(0.0, f64::max);
        assert!(worst < 0.25, "worst daily move {worst}");
        // The reconciliation leaves the dropped value out of its figures.
        let rec = r
            .reconciliation
            .iter()
            .find(|r| r.key.instrument == "^GSPC" && r.key.field == Field::Close)
            .expect("reconciliation");
        assert!(
            rec.max_rel_diff.is_finite() && rec.max_rel_diff < 0.01,
            "{rec:?}"
        );
    }
    // Before 2016 only GSPC.csv has the S&P 500: the date is left out.
    let Some((_tmp, dir)) = sp500_with("1e-320", "1987-10-20") else {
        return;
    };
    let mut s = Store::open_in_memory().expect("open");
    let r = s.import(&[dir], &Default::default()).expect("import");
    let gspc = s
        .series("^GSPC", Field::Close)
        .expect("read")
        .expect("^GSPC");
    assert_eq!(gspc.value_on(crate::support::d("1987-10-20")), None);
    assert!(r
        .dropped
        .iter()
        .any(|d| d.reason.contains("the date is left out")));
}

#[cfg(unix)]
#[test]
fn truncating_a_folder_reads_only_regular_files_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("src");
    write(&src, "dsturdy_factor-attribution/SPY.csv", SPY.as_bytes());
    let link = src.join("dsturdy_factor-attribution/QQQ.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let err = store::truncate::truncate_dir(
        &src,
        &tmp.path().join("dst"),
        crate::support::d("2024-01-03"),
        store::truncate::Knowledge::Dated,
        &crate::support::registry(),
    )
    .expect_err("refused");
    let (p, path, ..) = problem(&err);
    assert_eq!((p, path), (InputProblem::NotAFile, link));
}
