//! Benchmark: many small files of one instrument (issue 13). Each source
//! is reconciled with the consolidated series, not with every other
//! source, so the time grows linearly with the number of files (release:
//! `cargo bench -p store --bench many_files`).

fn main() {
    divan::main();
}

/// `n` folders each holding `SPY.csv` with the same 50 weekdays.
fn folder(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let start = model::parse_iso_date("2024-01-01").expect("date");
    let days: Vec<model::Date> = (0..80u64)
        .map(|k| start + chrono::Days::new(k))
        .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
        .take(50)
        .collect();
    for k in 0..n {
        let dir = tmp.path().join(format!("d{k:05}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut text = String::from("Date,Close\n");
        for (i, d) in days.iter().enumerate() {
            let wiggle = ((k * 31 + i * 17) % 200) as f64 / 100_000.0;
            text.push_str(&format!(
                "{d},{:.4}\n",
                100.0 * (1.0 + wiggle) + i as f64 * 0.1
            ));
        }
        std::fs::write(dir.join("SPY.csv"), text).expect("write");
    }
    tmp
}

/// Fresh on-disk store, `n` files of one instrument.
#[divan::bench(args = [250, 1000, 4000], sample_count = 3, sample_size = 1)]
fn import_files_of_one_instrument(bencher: divan::Bencher, n: usize) {
    let data = folder(n);
    bencher
        .with_inputs(|| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let store = store::Store::open(&tmp.path().join("store.db")).expect("open");
            (tmp, store)
        })
        .bench_local_values(|(tmp, mut store)| {
            let r = store
                .import(
                    &[data.path().to_path_buf()],
                    &store::ImportOptions::default(),
                )
                .expect("import");
            assert_eq!(r.reconciliation.len(), n - 1);
            (tmp, r.observations_added)
        });
}
