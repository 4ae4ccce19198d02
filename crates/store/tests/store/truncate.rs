//! The truncation tool on the real folder: byte-compatible copies that the
//! importer reads, and nothing known after the cut.

use crate::support::{d, data_dir, registry};
use store::truncate::{truncate_dir, Knowledge};
use store::{ImportOptions, Store};

fn files(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .to_string();
                out.push((rel, std::fs::read(&path).expect("read")));
            }
        }
    }
    out.sort();
    out
}

/// Cut after every date in the folder, both rules copy every byte: the
/// tool writes each kept record exactly as it was read.
#[test]
fn a_cut_after_the_data_copies_the_folder_byte_for_byte() {
    let Some(src) = data_dir() else { return };
    let want = files(&src);
    for knowledge in [Knowledge::Dated, Knowledge::Published] {
        let dst = tempfile::tempdir().expect("tempdir");
        let report =
            truncate_dir(&src, dst.path(), d("2100-01-01"), knowledge, &registry()).expect("cut");
        assert!(report.files_left_out.is_empty(), "{report:?}");
        assert_eq!(report.records_dropped, 0);
        assert_eq!(report.cells_withheld, 0);
        let got = files(dst.path());
        assert_eq!(got.len(), want.len());
        for ((gr, gb), (wr, wb)) in got.iter().zip(&want) {
            assert_eq!(gr, wr);
            assert!(gb == wb, "{gr} differs after a cut past its last date");
        }
    }
}

/// A copy cut at 2020-03-16 imports, holds nothing dated after the cut,
/// and holds no monthly row whose month (plus its release lag) was not over.
#[test]
fn a_truncated_copy_imports_and_ends_at_the_cut() {
    let Some(src) = data_dir() else { return };
    let cut = d("2020-03-16");
    let dst = tempfile::tempdir().expect("tempdir");
    let report =
        truncate_dir(&src, dst.path(), cut, Knowledge::Published, &registry()).expect("cut");
    // Nothing of heliar-k's indices (from 2016) is gone; its breadth file
    // (from 2025-06-10) and pool table (from 2025-08-22) are.
    assert!(report
        .files_left_out
        .contains(&"heliar-k_market-base/abv.csv".to_string()));
    assert!(!report
        .files_left_out
        .contains(&"heliar-k_market-base/SPX.csv".to_string()));
    let mut store = Store::open_in_memory().expect("store");
    store
        .import(&[dst.path().to_path_buf()], &ImportOptions::default())
        .expect("the truncated copy imports");
    let u = store.universe().expect("universe");
    for s in u.series.values() {
        let last = s.last_date().expect("non-empty");
        assert!(last <= cut, "{} ends on {last}", s.key());
    }
    let last = |sym: &str| {
        u.get(sym, model::Field::Value)
            .and_then(|s| s.last_date())
            .map(|x| x.to_string())
    };
    // FEDFUNDS: February's average (posted 03-01); March's is not over.
    assert_eq!(last("FEDFUNDS").as_deref(), Some("2020-02-01"));
    // DFF is posted the next day: the 03-15 value, not 03-16's.
    assert_eq!(last("DFF").as_deref(), Some("2020-03-15"));
    // Shiller CPI: February's is posted mid-March (15 days after the month).
    assert_eq!(last("CPI").as_deref(), Some("2020-02-01"));
    // Shiller earnings: about four months after the month (120 days).
    assert_eq!(last("SHILLER_EARNINGS").as_deref(), Some("2019-10-01"));
    // Ken French: February's return is posted 30 days after February.
    let ff = u
        .get("FF_ME_LO30", model::Field::ReturnPct)
        .and_then(|s| s.last_date())
        .map(|x| x.to_string());
    assert_eq!(ff.as_deref(), Some("2020-01-01"));
    // FOMC statements: the 2020-03-15 statement is known, nothing later.
    assert_eq!(
        u.documents.iter().map(|doc| doc.date).max(),
        Some(d("2020-03-15"))
    );
}
