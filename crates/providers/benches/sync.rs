//! Syncing 100 symbols from the loopback replay server into a fresh store:
//! throughput, and that the number of requests in flight never passes the
//! configured concurrency. `cargo bench -p providers --bench sync`
//! (`-- --symbols N --bars N --concurrency N --runs N` to change the shape).
//!
//! Each symbol's body is a chart API response in the layout of the real
//! AAPL fixture: `bars` weekday bars of a seeded random walk, with adjusted
//! closes, volumes and one dividend.

use providers::testing::{Replay, Reply};
use providers::{Config, SyncOptions};
use std::time::{Duration, Instant, SystemTime};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn body(symbol: &str, seed: u64, bars: usize) -> String {
    let mut x = seed | 1;
    let mut rnd = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    // Weekdays from 2015-01-05 (a Monday), 13:30 UTC.
    let mut ts = Vec::with_capacity(bars);
    let mut t = 1_420_464_600i64;
    while ts.len() < bars {
        let weekday = ((t / 86_400) + 4) % 7; // 0 = Sunday
        if (1..=5).contains(&weekday) {
            ts.push(t);
        }
        t += 86_400;
    }
    let mut close = 50.0 + 100.0 * rnd();
    let (mut o, mut h, mut l, mut c, mut a, mut v) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..bars {
        let open = close;
        close *= 1.0 + (rnd() - 0.5) * 0.04;
        o.push(open);
        h.push(open.max(close) * 1.005);
        l.push(open.min(close) * 0.995);
        c.push(close);
        a.push(close * 0.99);
        v.push((1e6 + 1e7 * rnd()).round());
    }
    serde_json::json!({"chart":{"result":[{
        "meta":{"currency":"USD","symbol":symbol,"exchangeName":"NMS","instrumentType":"EQUITY",
                "longName":format!("Benchmark {symbol}"),"gmtoffset":-14400},
        "timestamp":ts,
        "events":{"dividends":{ts[bars/2].to_string():{"amount":0.5,"date":ts[bars/2]}}},
        "indicators":{"quote":[{"open":o,"high":h,"low":l,"close":c,"volume":v}],
                      "adjclose":[{"adjclose":a}]}}],"error":null}})
    .to_string()
}

fn main() {
    let n_symbols = arg("--symbols", 100);
    let bars = arg("--bars", 2520);
    let concurrency = arg("--concurrency", 4);
    let runs = arg("--runs", 3);
    let server = Replay::start().expect("replay server");
    let symbols: Vec<String> = (0..n_symbols).map(|i| format!("BENCH{i:03}")).collect();
    let mut bytes = 0usize;
    for (i, s) in symbols.iter().enumerate() {
        let b = body(s, 0x9e37_79b9_7f4a_7c15 ^ i as u64, bars);
        bytes += b.len();
        // A little server-side latency, as a real provider has.
        server.route(
            &format!("/v8/finance/chart/{s}"),
            vec![Reply::json(b).delayed(Duration::from_millis(20))],
        );
    }
    let cfg = Config::from_toml(&format!(
        "[sync]\nconcurrency = {concurrency}\n[providers.yahoo]\nbase_url = \"{}\"\nmin_interval_ms = 0\n",
        server.url()
    ))
    .expect("config");
    println!(
        "sync of {n_symbols} symbols x {bars} bars ({:.1} MB of chart JSON) from the replay server, \
         concurrency {concurrency}, 20 ms server latency",
        bytes as f64 / 1e6
    );
    for run in 1..=runs {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = store::Store::open(&tmp.path().join("store.db")).expect("store");
        let targets: Vec<_> = symbols
            .iter()
            .map(|s| providers::plan::resolve(s, store.registry(), &cfg).expect("plan"))
            .collect();
        let opts = SyncOptions {
            since: None,
            now: SystemTime::now(),
            progress: None,
        };
        let t0 = Instant::now();
        let report = providers::run(&mut store, &targets, &cfg, None, &opts).expect("sync");
        let first = t0.elapsed();
        assert!(!report.partial, "{report:#?}");
        let t1 = Instant::now();
        let again = providers::run(&mut store, &targets, &cfg, None, &opts).expect("resync");
        let second = t1.elapsed();
        assert_eq!(again.observations_added, 0);
        let max = server.max_in_flight();
        assert!(
            max <= concurrency,
            "{max} requests in flight, limit {concurrency}"
        );
        println!(
            "run {run}: first sync {:.2} s ({:.0} symbols/s, {:.2} M observations/s, {} observations); \
             re-sync with nothing new {:.2} s; most requests in flight {max} (limit {concurrency})",
            first.as_secs_f64(),
            n_symbols as f64 / first.as_secs_f64(),
            report.observations_added as f64 / first.as_secs_f64() / 1e6,
            report.observations_added,
            second.as_secs_f64(),
        );
    }
}
