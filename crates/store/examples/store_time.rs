//! Times the store on a folder, for `bench/run.sh` and profiling (release):
//!
//! ```text
//! store_time import DB DIR [DIR ...]   # import into DB, print rows/s
//! store_time load DB [RUNS]            # Store::open + universe(), RUNS times
//! ```
//!
//! Prints one JSON object on stdout.

use std::path::PathBuf;
use std::time::Instant;

type Error = Box<dyn std::error::Error>;

fn main() {
    if let Err(e) = real_main() {
        eprintln!("store_time: {e}");
        std::process::exit(1);
    }
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn real_main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("import") if args.len() >= 3 => {
            let db = PathBuf::from(&args[1]);
            let dirs: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
            let start = Instant::now();
            let mut store = store::Store::open(&db)?;
            let report = store.import(&dirs, &store::ImportOptions::default())?;
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{{\"observations\": {}, \"series\": {}, \"seconds\": {secs:.3}, \"rows_per_s\": {:.0}}}",
                report.observations_added,
                report.series,
                report.observations_added as f64 / secs
            );
            Ok(())
        }
        Some("load") if args.len() >= 2 => {
            let db = PathBuf::from(&args[1]);
            let runs: usize = args.get(2).map_or(Ok(5), |r| r.parse())?;
            let mut secs = Vec::new();
            let (mut series, mut points) = (0, 0);
            for _ in 0..runs.max(1) {
                let start = Instant::now();
                let store = store::Store::open(&db)?;
                let universe = store.universe()?;
                secs.push(start.elapsed().as_secs_f64());
                series = universe.series.len();
                points = universe
                    .series
                    .values()
                    .map(model::Series::len)
                    .sum::<usize>();
            }
            let list: Vec<String> = secs.iter().map(|s| format!("{s:.4}")).collect();
            println!(
                "{{\"series\": {series}, \"points\": {points}, \"load_s\": [{}], \"median_load_s\": {:.4}}}",
                list.join(", "),
                median(&secs)
            );
            Ok(())
        }
        _ => Err("usage: store_time import DB DIR [DIR ...] | store_time load DB [RUNS]".into()),
    }
}
