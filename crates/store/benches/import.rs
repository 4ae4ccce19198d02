//! Benchmark: import the whole shared market-data folder into a fresh
//! on-disk store (release build). Prints rows/s once before the divan runs.

use std::path::PathBuf;

fn main() {
    let Some(dir) = store::testing::shared_data_dir() else {
        eprintln!("SKIP: shared market data not found; nothing to benchmark");
        return;
    };
    // One timed run for the rows/s figure.
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut store = store::Store::open(&tmp.path().join("store.db")).expect("open store");
    let start = std::time::Instant::now();
    let report = store
        .import(&[dir], &store::ImportOptions::default())
        .expect("import");
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "import: {} observations in {:.3} s = {:.0} rows/s",
        report.observations_added,
        secs,
        report.observations_added as f64 / secs
    );
    divan::main();
}

fn data_dir() -> PathBuf {
    store::testing::shared_data_dir().expect("checked in main")
}

/// Whole folder into a fresh on-disk store.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn import_folder_fresh_disk(bencher: divan::Bencher) {
    let dir = data_dir();
    bencher
        .with_inputs(|| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let store = store::Store::open(&tmp.path().join("store.db")).expect("open");
            (tmp, store)
        })
        .bench_local_values(|(tmp, mut store)| {
            let r = store
                .import(std::slice::from_ref(&dir), &store::ImportOptions::default())
                .expect("import");
            (tmp, r.observations_added)
        });
}

/// Re-import of an unchanged folder (hash check only).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn reimport_unchanged(bencher: divan::Bencher) {
    let dir = data_dir();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut store = store::Store::open(&tmp.path().join("store.db")).expect("open");
    store
        .import(std::slice::from_ref(&dir), &store::ImportOptions::default())
        .expect("import");
    bencher.bench_local(|| {
        store
            .import(std::slice::from_ref(&dir), &store::ImportOptions::default())
            .expect("import")
            .observations_added
    });
}

/// Loading the whole universe from the packed series.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_universe(bencher: divan::Bencher) {
    let dir = data_dir();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut store = store::Store::open(&tmp.path().join("store.db")).expect("open");
    store
        .import(std::slice::from_ref(&dir), &store::ImportOptions::default())
        .expect("import");
    bencher.bench_local(|| store.universe().expect("universe").series.len());
}
