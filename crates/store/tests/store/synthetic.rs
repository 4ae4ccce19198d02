//! Synthetic series (`[[family]]` SYN members) import like any close-only
//! file; and a store of schema version 1 (one row per observation) is
//! converted in place when opened.

use crate::support::{d, write};
use model::{Field, InstrumentKind};
use store::{InputProblem, Store, StoreError};

/// Three business days of closes per file; values chosen by hand.
const SYN1: &str = "Date,Close\n2026-08-19,100.0000\n2026-08-20,101.5000\n2026-08-21,99.2500\n";
const SYN2: &str = "Date,Close\n2026-08-20,50.1250\n2026-08-21,50.0000\n";
const SYN42: &str =
    "Date,Close\n2026-08-18,7.0000\n2026-08-19,7.5000\n2026-08-20,7.2500\n2026-08-21,7.1250\n";

#[test]
fn synthetic_files_import_as_synthetic_close_series() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("syn");
    write(&dir, "SYN00001.csv", SYN1.as_bytes());
    write(&dir, "SYN00002.csv", SYN2.as_bytes());
    // The family matches file stems case-insensitively.
    write(&dir, "syn00042.csv", SYN42.as_bytes());
    let mut s = Store::open(&tmp.path().join("store.db")).expect("open");
    let r = s
        .import(std::slice::from_ref(&dir), &Default::default())
        .expect("synthetic files import");
    assert_eq!(r.observations_added, 3 + 2 + 4);
    assert_eq!(r.series, 3);
    assert_eq!(s.counts().expect("counts").observations, 9);

    let u = s.universe().expect("universe");
    let one = u.get("SYN00001", Field::Close).expect("SYN00001 close");
    assert_eq!(
        one.dates(),
        [d("2026-08-19"), d("2026-08-20"), d("2026-08-21")]
    );
    assert_eq!(one.values(), [100.0, 101.5, 99.25]);
    let forty_two = u.get("SYN00042", Field::Close).expect("SYN00042 close");
    assert_eq!(forty_two.values(), [7.0, 7.5, 7.25, 7.125]);
    let src = u
        .source(forty_two.source_at(0).expect("point"))
        .expect("source");
    assert_eq!(src.path, "syn00042.csv");

    let inst = s.registry().get("SYN00042").expect("family member");
    assert_eq!(inst.kind, InstrumentKind::Synthetic);
    // Nothing synthetic among the listed instruments that briefs and
    // baskets walk.
    assert!(s.registry().instruments().iter().all(|i| !i.is_synthetic()));

    let summaries = s.series_summaries().expect("summaries");
    let two = summaries
        .iter()
        .find(|x| x.instrument == "SYN00002")
        .expect("SYN00002 summary");
    assert_eq!(
        (two.rows, two.first, two.last),
        (2, Some(d("2026-08-20")), Some(d("2026-08-21")))
    );
}

#[test]
fn a_stem_outside_the_family_fails_the_whole_import() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("syn");
    write(&dir, "SYN00001.csv", SYN1.as_bytes());
    // Six digits: not a member of the five-digit family.
    write(&dir, "SYN000002.csv", SYN2.as_bytes());
    let mut s = Store::open(&tmp.path().join("store.db")).expect("open");
    let before = s.content_digest().expect("digest");
    let err = s
        .import(std::slice::from_ref(&dir), &Default::default())
        .expect_err("unknown stem");
    match err {
        StoreError::Input { problem, .. } => assert_eq!(problem, InputProblem::UnknownSymbol),
        other => panic!("expected an input error, got {other}"),
    }
    assert_eq!(s.content_digest().expect("digest"), before);
    assert_eq!(s.counts().expect("counts").observations, 0);
}

#[test]
fn a_version_1_store_is_converted_when_opened() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("syn");
    write(&dir, "SYN00001.csv", SYN1.as_bytes());
    write(&dir, "SYN00042.csv", SYN42.as_bytes());
    let db = tmp.path().join("store.db");
    let digest = {
        let mut s = Store::open(&db).expect("open");
        s.import(std::slice::from_ref(&dir), &Default::default())
            .expect("import");
        s.content_digest().expect("digest")
    };
    // Rewrite the file as version 1 had it: one row per observation.
    {
        let conn = rusqlite::Connection::open(&db).expect("sqlite");
        conn.execute_batch(
            "CREATE TABLE observations(
                source_id INTEGER NOT NULL, instrument_id INTEGER NOT NULL,
                field INTEGER NOT NULL, date INTEGER NOT NULL, value REAL NOT NULL,
                PRIMARY KEY(source_id, instrument_id, field, date)) WITHOUT ROWID;",
        )
        .expect("v1 table");
        let field: i64 = conn
            .query_row("SELECT DISTINCT field FROM source_series", [], |r| r.get(0))
            .expect("one field");
        let ids: Vec<(i64, i64, String)> = {
            let mut stmt = conn
                .prepare(
                    "SELECT o.source_id, o.instrument_id, i.symbol FROM source_series o
                     JOIN instruments i ON i.id = o.instrument_id",
                )
                .expect("prepare");
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("query");
            rows.collect::<Result<_, _>>().expect("rows")
        };
        assert_eq!(ids.len(), 2);
        for (source, inst, symbol) in ids {
            let text = if symbol == "SYN00001" { SYN1 } else { SYN42 };
            for line in text.lines().skip(1) {
                let (date, close) = line.split_once(',').expect("two cells");
                // Days since 1970-01-01, as SQLite's julianday computes them.
                conn.execute(
                    "INSERT INTO observations VALUES (?1, ?2, ?3,
                     CAST(julianday(?4) - julianday('1970-01-01') AS INTEGER), ?5)",
                    rusqlite::params![
                        source,
                        inst,
                        field,
                        date,
                        close.parse::<f64>().expect("num")
                    ],
                )
                .expect("v1 row");
            }
        }
        conn.execute_batch(
            "DROP TABLE source_series;
             UPDATE meta SET value = '1' WHERE key = 'schema_version';",
        )
        .expect("downgrade");
    }
    let s = Store::open(&db).expect("a version-1 store opens");
    assert_eq!(s.content_digest().expect("digest"), digest);
    assert_eq!(s.counts().expect("counts").observations, 7);
    let u = s.universe().expect("universe");
    assert_eq!(
        u.get("SYN00042", Field::Close).expect("series").values(),
        [7.0, 7.5, 7.25, 7.125]
    );
}
