//! Checking both seed articles against the warm shared universe.

use check::{Checker, InputFormat};

fn main() {
    divan::main();
}

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    Some((
                        e.file_name().to_string_lossy().to_string(),
                        std::fs::read_to_string(e.path()).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[divan::bench(sample_count = 20)]
fn check_both_seeds(bencher: divan::Bencher) {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let checker = Checker::new(u).expect("checker");
    let docs = seeds();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    bencher.bench_local(|| checker.check_many(divan::black_box(&refs), InputFormat::Auto, None));
}

#[divan::bench(sample_count = 20)]
fn read_claims_only(bencher: divan::Bencher) {
    let reader = lang::Reader::builtin().expect("registry");
    let docs = seeds();
    // The seeds' datelines (2026-01-17 and 2026-01-16), found as `check` finds them.
    let fallback = model::parse_iso_date("2026-01-16").expect("date");
    let dated: Vec<(model::Date, &str)> = docs
        .iter()
        .map(|(_, t)| (reader.article_date(t, None).unwrap_or(fallback), t.as_str()))
        .collect();
    bencher.bench_local(|| {
        dated
            .iter()
            .map(|(d, t)| reader.read(divan::black_box(t), *d).len())
            .sum::<usize>()
    });
}
