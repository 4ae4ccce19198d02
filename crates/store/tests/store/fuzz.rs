//! A stable-Rust fuzz harness for the file readers, run by `cargo test`
//! for a bounded number of cases (`MARKETPROOF_FUZZ_CASES` raises it, e.g.
//! `MARKETPROOF_FUZZ_CASES=200000 cargo test --release -p store fuzz`).
//!
//! Three drivers, each deterministic (a fixed seed; proptest shrinks a
//! failing case to a small one):
//! - `structured_files_never_break_the_readers`: proptest builds files from
//!   a grammar of headers (every supported layout, unknown names, repeated
//!   columns) and hostile cells (1e-320, 1e20, -1e308, NaN, years 0000 and
//!   9999, unbalanced quotes, NULs, long cells, `\r` line ends);
//! - `mutated_real_files_never_break_the_readers`: byte flips, inserted
//!   tokens, cut and repeated lines over the real files' first 64 KiB;
//! - `fuzzed_imports_leave_a_valid_store_or_none`: whole imports of
//!   generated price files into a store.
//!
//! Every case checks the invariants: no panic; an error is bounded (at most
//! 2 KiB of message) and located within the file; a parsed file has
//! strictly increasing dates in 1800..=2199, as many values as dates, finite
//! values, positive prices; an import either succeeds with consolidated
//! price series free of order-of-magnitude jumps, or fails with the store
//! unchanged. Each driver prints how many cases it ran and what they gave.

use crate::support::{parse_bytes, registry};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeMap;
use std::sync::Mutex;
use store::read::{ParsedFile, ReadContext};
use store::{ReadLimits, StoreError};

/// Cases per driver: `MARKETPROOF_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("MARKETPROOF_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Small limits so that the limit paths are exercised too.
const LIMITS: ReadLimits = ReadLimits {
    max_file_bytes: 1 << 20,
    max_record_bytes: 16 << 10,
    max_cell_bytes: 4 << 10,
};

/// Outcomes by kind, printed at the end of a driver.
#[derive(Default)]
struct Tally {
    runs: usize,
    outcomes: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, outcome: &str) {
        self.runs += 1;
        *self.outcomes.entry(outcome.to_string()).or_default() += 1;
    }

    fn print(&self, driver: &str) {
        use std::io::Write;
        let list: Vec<String> = self
            .outcomes
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        // Straight to stderr: the harness would swallow eprintln! output.
        let _ = writeln!(
            std::io::stderr(),
            "fuzz {driver}: {} executions, 0 panics, 0 invariant failures; outcomes: {}",
            self.runs,
            list.join(", ")
        );
    }
}

/// Parses `bytes` as `rel` with [`LIMITS`] and checks the invariants;
/// returns the outcome's name.
fn parse_and_check(rel: &str, bytes: &[u8]) -> Result<String, String> {
    let reg = registry();
    let ctx = ReadContext {
        path: std::path::Path::new(rel),
        rel_path: rel,
        registry: &reg,
        limits: LIMITS,
    };
    match store::read::parse_bytes(&ctx, bytes) {
        Ok(parsed) => check_parsed(&parsed).map(|()| "ok".to_string()),
        Err(err) => check_error(&err, bytes),
    }
}

fn check_error(err: &StoreError, bytes: &[u8]) -> Result<String, String> {
    let text = err.to_string();
    if text.len() > 2048 {
        return Err(format!(
            "error message of {} bytes: {}",
            text.len(),
            &text[..200]
        ));
    }
    match err {
        StoreError::Input { line, problem, .. } => {
            let lines = bytes
                .iter()
                .filter(|b| **b == b'\n' || **b == b'\r')
                .count() as u64
                + 1;
            if *line > lines {
                return Err(format!("line {line} beyond the {lines} lines: {text}"));
            }
            Ok(problem.as_str().to_string())
        }
        other => Err(format!("not an input error: {other}")),
    }
}

fn check_parsed(parsed: &ParsedFile) -> Result<(), String> {
    use chrono::Datelike;
    for s in &parsed.series {
        if s.dates.len() != s.values.len() {
            return Err(format!(
                "{} {}: dates and values differ in length",
                s.symbol, s.field
            ));
        }
        if !s.dates.windows(2).all(|w| w[0] < w[1]) {
            return Err(format!(
                "{} {}: dates not strictly increasing",
                s.symbol, s.field
            ));
        }
        if let Some(d) = s.dates.iter().find(|d| !(1800..=2199).contains(&d.year())) {
            return Err(format!("{} {}: date {d} out of range", s.symbol, s.field));
        }
        if let Some(v) = s.values.iter().find(|v| !v.is_finite()) {
            return Err(format!("{} {}: value {v}", s.symbol, s.field));
        }
        if s.field.must_be_positive() && s.values.iter().any(|v| *v <= 0.0) {
            return Err(format!("{} {}: a price <= 0", s.symbol, s.field));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- grammar

fn rel_path() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "guydekowski_market-lab/SPY.csv",
        "dsturdy_factor-attribution/IWM.csv",
        "hjyssg_tqqq-simulation/^NDX.csv",
        "heliar-k_market-base/rates.csv",
        "heliar-k_market-base/asset_prices.csv",
        "talezadeh_ff-size/F-F_Momentum_Factor.CSV",
        "datasets_s-and-p-500/data.csv",
        "datasets_s-and-p-500-companies/constituents.csv",
        "heliar-k_market-base/statements.csv",
        "elsewhere/ZZZZ.csv",
    ])
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        200 => prop::sample::select(vec![
            "Open", "High", "Low", "Close", "Adj Close", "Volume", "close", "wap", "count",
            "DGS10", "DFF", "SPX", "VIX", "SPX_volume", "Mom", "SP500", "PE10", "Dividend",
            "Symbol", "GICS Sector", "id", "body", "title", "NOPE", "", "Close",
        ])
        .prop_map(str::to_string),
        10 => "[A-Za-z_ ]{1,12}",
        1 => (1usize..6000).prop_map(|n| "H".repeat(n)),
    ]
}

fn date_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        60 => (1990u32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        2 => (1900u32..2030, 1u32..13).prop_map(|(y, m)| format!("{y}{m:02}")),
        1 => prop::sample::select(vec![
            "0000-01-03", "1066-10-14", "9999-12-31", "2023-02-30", "2024/01/05",
            "20240105", "2024-01-05 00:00:00", "2024-01-05T00:00", "", "Price", "Ticker",
            "Date", "date", "\"2024-01-05\"", "1799-12-31", "2200-01-01",
        ])
        .prop_map(str::to_string),
        1 => "[0-9/ -]{0,12}",
    ]
}

fn value_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        2000 => (0.01f64..10_000.0).prop_map(|v| format!("{v:.4}")),
        60 => prop::sample::select(vec![
            "1e-320", "1e20", "-1e308", "1e308", "NaN", "inf", "-inf", "0", "-0", "-3",
            "-99.99", "", "null", "N/A", ".", "\"1,5\"", "\"\"", "\"", "\"unterminated",
            "1e16", "5e-324", "+7", " 42 ", "0x10", "1_000", "\u{feff}1",
        ])
        .prop_map(str::to_string),
        1 => Just("\u{0}".to_string()),
        15 => "[ -~]{0,10}",
        3 => (1usize..6000).prop_map(|n| format!("\"{}\"", "9".repeat(n))),
    ]
}

fn file() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    let ending = prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"]);
    // Half the files have a header that fits their path (deeper checks:
    // values, dates, duplicates); the others have any header.
    let coherent = prop::sample::select(vec![
        (
            "guydekowski_market-lab/SPY.csv",
            vec!["Open", "High", "Low", "Close", "Volume"],
        ),
        ("dsturdy_factor-attribution/IWM.csv", vec!["Close"]),
        (
            "hjyssg_tqqq-simulation/^RUT.csv",
            vec!["Open", "High", "Low", "Close", "Adj Close", "Volume"],
        ),
        ("heliar-k_market-base/rates.csv", vec!["DGS10", "DFF"]),
        (
            "heliar-k_market-base/asset_prices.csv",
            vec!["SPX", "SPX_volume", "VIX"],
        ),
        ("talezadeh_ff-size/F-F_Momentum_Factor.CSV", vec!["Mom"]),
    ])
    .prop_map(|(rel, names)| {
        (
            rel,
            names.into_iter().map(str::to_string).collect::<Vec<_>>(),
        )
    });
    let layout = prop_oneof![
        1 => coherent,
        1 => (rel_path(), prop::collection::vec(header_name(), 1..8)),
    ];
    let header_and_rows = layout.prop_flat_map(|(rel, header)| {
        let n = header.len();
        // Mostly rows as wide as the header; sometimes not.
        let width = prop_oneof![9 => Just(n), 1 => 0..n + 3];
        let row = width.prop_flat_map(|w| (date_cell(), prop::collection::vec(value_cell(), w)));
        (Just(rel), Just(header), prop::collection::vec(row, 0..40))
    });
    (
        prop::bool::weighted(0.1),
        prop::sample::select(vec![
            "date", "Date", "date", "Date", "", "Price", "id", "Symbol",
        ]),
        header_and_rows,
        ending,
        any::<bool>(),
    )
        .prop_map(|(bom, first, (rel, header, rows), ending, trailing)| {
            let mut out = Vec::new();
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(first.as_bytes());
            for h in &header {
                out.push(b',');
                out.extend_from_slice(h.as_bytes());
            }
            for (date, cells) in rows {
                out.extend_from_slice(ending.as_bytes());
                out.extend_from_slice(date.as_bytes());
                for c in cells {
                    out.push(b',');
                    out.extend_from_slice(c.as_bytes());
                }
            }
            if trailing {
                out.extend_from_slice(ending.as_bytes());
            }
            (rel, out)
        })
}

/// Found by the structured fuzzer: a table dated by month (read as a Ken
/// French table) with a column learnt as a price, holding a 0.
#[test]
fn a_price_column_in_a_monthly_table_is_held_to_the_price_rule() {
    let bytes = b"date,VIX,NOPE\n190001,0.0100,0.0100\n1990-01-01,0.0100,0\n";
    parse_and_check("heliar-k_market-base/rates.csv", bytes).expect("valid or a clear error");
}

#[test]
fn structured_files_never_break_the_readers() {
    let tally = Mutex::new(Tally::default());
    let mut runner = TestRunner::new(Config {
        cases: cases(1000),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&file(), |(rel, bytes)| {
        let outcome = parse_and_check(rel, &bytes).map_err(TestCaseError::fail)?;
        tally.lock().expect("tally").add(&outcome);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    tally.lock().expect("tally").print("structured");
}

// ---------------------------------------------------------------- mutations

/// xorshift64*: a tiny deterministic generator for the mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "1e-320",
    "1e20",
    "-1e308",
    "NaN",
    ",",
    "\"",
    "\n",
    "\r",
    "\0",
    "0000-01-01",
    "9999-12-31",
    "-5",
    "0",
    "Close",
    "Date",
    ",,,,",
    "\"\"",
    "\u{feff}",
    "é",
];

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 => bytes.truncate(at),
            3 => {
                // Repeat the line holding `at`.
                let start = bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |k| k + 1);
                let end = bytes[at..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |k| at + k);
                let line: Vec<u8> = bytes[start..end].to_vec();
                bytes.splice(start..start, line.into_iter().chain([b'\n']));
            }
            4 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let n = rng.below(6000);
                bytes.splice(at..at, std::iter::repeat_n(b'7', n));
            }
        }
    }
}

#[test]
fn mutated_real_files_never_break_the_readers() {
    let Some(dir) = crate::support::data_dir() else {
        return;
    };
    let files = [
        "guydekowski_market-lab/SPY.csv",
        "guydekowski_market-lab/VIX.csv",
        "hjyssg_tqqq-simulation/^NDX.csv",
        "hjyssg_tqqq-simulation/^RUT.csv",
        "dsturdy_factor-attribution/IWM.csv",
        "datasets_finance-vix/vix-daily.csv",
        "heliar-k_market-base/rates.csv",
        "heliar-k_market-base/asset_prices.csv",
        "heliar-k_market-base/statements.csv",
        "talezadeh_ff-size/Portfolios_Formed_on_ME.CSV",
        "datasets_s-and-p-500/data.csv",
        "datasets_s-and-p-500-companies/constituents.csv",
    ];
    let originals: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|rel| {
            let mut bytes = std::fs::read(dir.join(rel)).expect("real file");
            bytes.truncate(64 << 10);
            (*rel, bytes)
        })
        .collect();
    let mut rng = Rng(0x5EED_2026_0821);
    let mut tally = Tally::default();
    for _ in 0..cases(800) {
        let (rel, original) = &originals[rng.below(originals.len())];
        let mut bytes = original.clone();
        mutate(&mut rng, &mut bytes);
        match parse_and_check(rel, &bytes) {
            Ok(outcome) => tally.add(&outcome),
            Err(why) => {
                let path = std::env::temp_dir().join("marketproof-fuzz-finding.csv");
                let _ = std::fs::write(&path, &bytes);
                panic!("{rel}: {why} (input written to {})", path.display());
            }
        }
    }
    tally.print("mutations");
}

// ---------------------------------------------------------------- imports

fn price_file() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        20 => (90.0f64..110.0).prop_map(|v| format!("{v:.2}")),
        1 => prop::sample::select(vec!["1e-320", "1e20", "0.0001", "5e9", ""])
            .prop_map(str::to_string),
    ];
    prop::collection::vec(value, 5..60).prop_map(|values| {
        let mut out = String::from("Date,Close\n");
        let start = model::parse_iso_date("2024-01-01").expect("date");
        for (k, v) in values.iter().enumerate() {
            let d = start + chrono::Days::new(k as u64);
            out.push_str(&format!("{d},{v}\n"));
        }
        out
    })
}

#[test]
fn fuzzed_imports_leave_a_valid_store_or_none() {
    let tally = Mutex::new(Tally::default());
    let mut runner = TestRunner::new(Config {
        cases: cases(150),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&prop::collection::vec(price_file(), 1..4), |files| {
        let tmp = tempfile::tempdir().expect("tempdir");
        for (k, content) in files.iter().enumerate() {
            crate::support::write(tmp.path(), &format!("src{k}/SPY.csv"), content.as_bytes());
        }
        let mut s = store::Store::open_in_memory().expect("open");
        let digest = s.content_digest().expect("digest");
        match s.import(&[tmp.path().to_path_buf()], &Default::default()) {
            Ok(report) => {
                let spy = s.series("SPY", model::Field::Close).expect("read");
                if let Some(spy) = spy {
                    let v = spy.values();
                    prop_assert!(v.iter().all(|x| x.is_finite() && *x > 0.0));
                    // No interior point an order of magnitude off both sides.
                    for w in v.windows(3) {
                        let off = |a: f64, b: f64| (a / b).max(b / a) >= 10.0;
                        prop_assert!(
                            !(off(w[1], w[0]) && off(w[1], w[2]) && !off(w[0], w[2])),
                            "{w:?} survived; dropped {:?}",
                            report.dropped
                        );
                    }
                }
                let name = if report.dropped.is_empty() {
                    "ok"
                } else {
                    "ok_with_dropped"
                };
                tally.lock().expect("tally").add(name);
            }
            Err(err) => {
                prop_assert_eq!(s.content_digest().expect("digest"), digest);
                let outcome = err
                    .input_problem()
                    .map_or_else(|| "other_error".to_string(), |p| p.as_str().to_string());
                tally.lock().expect("tally").add(&outcome);
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    tally.lock().expect("tally").print("imports");
}

#[test]
fn the_parse_helper_agrees_with_the_bounded_one() {
    // The support helper (default limits) and the fuzz one read a good
    // file alike.
    let bytes = b"Date,Close\n2024-01-02,1\n";
    let a = parse_bytes("dsturdy_factor-attribution/SPY.csv", bytes).expect("parses");
    assert_eq!(
        parse_and_check("dsturdy_factor-attribution/SPY.csv", bytes),
        Ok("ok".to_string())
    );
    assert_eq!(a.series.len(), 1);
}
