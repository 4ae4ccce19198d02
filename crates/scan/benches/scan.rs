//! Scan compute on synthetic in-memory series (500 × 10,000 sessions, a tenth
//! of the `bench/run.sh` universe). The full-size, side-by-side comparison
//! with pandas and polars is `bench/run.sh`.

use model::series::SortedDates;
use model::{Field, Series, SeriesKey, SourceId};
use scan::{rank, rarity, scan_all, scan_one, synth, Benchmark, SeriesRef};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn universe() -> &'static [Series] {
    static UNIVERSE: OnceLock<Option<Vec<Series>>> = OnceLock::new();
    UNIVERSE
        .get_or_init(|| {
            let spec = synth::Spec {
                series: 500,
                ..synth::Spec::full()
            };
            // One calendar shared by every series, as a loaded store shares it.
            let calendar = SortedDates::new(synth::sessions(&spec)).ok()?;
            let market = synth::market_log_returns(&spec);
            (0..spec.series)
                .map(|i| {
                    let s = synth::generate(&spec, &market, i);
                    let closes = s.ticks.iter().map(|t| synth::close_of_ticks(*t)).collect();
                    Series::on_calendar(
                        SeriesKey::new(s.symbol, Field::Close),
                        &calendar,
                        s.first,
                        closes,
                        &[(0, SourceId(0))],
                    )
                    .ok()
                })
                .collect()
        })
        .as_deref()
        .unwrap_or(&[])
}

#[divan::bench(args = [1, 2])]
fn scan_500_series(bencher: divan::Bencher<'_, '_>, threads: usize) {
    let series = universe();
    let refs: Vec<SeriesRef<'_>> = series.iter().map(SeriesRef::from).collect();
    let bench = Benchmark::new(refs[0]);
    bencher.bench_local(|| {
        let rows = scan_all(divan::black_box(&refs), Some(&bench), threads);
        let order = rank(&rarity(&rows));
        divan::black_box(order)
    });
}

#[divan::bench]
fn scan_one_series_10000_sessions(bencher: divan::Bencher<'_, '_>) {
    let series = universe();
    let refs: Vec<SeriesRef<'_>> = series.iter().map(SeriesRef::from).collect();
    let bench = Benchmark::new(refs[0]);
    let one = refs[1];
    bencher.bench_local(|| scan_one(divan::black_box(one), Some(&bench)));
}
