//! Benchmark driver for `bench/run.sh`: generates the synthetic universe and
//! times the scan from files on disk, printing JSON.
//!
//! ```text
//! scan_bench gen --out DIR [--series N] [--sessions N] [--seed S] [--threads T]
//! scan_bench run --data DIR [--data DIR ...] --bench FILE [--runs N]
//!                [--threads T] [--export FILE]
//! scan_bench store --db STORE --bench SYMBOL [--whole-runs N] [--threads T]
//!                [--export FILE --export-prefix FOLDER]
//! ```
//!
//! `store` times the scan from marketproof's own store (imported before with
//! `marketproof import`): each run opens the store, loads the whole universe
//! (`store::Store::universe()`: packed series BLOBs), then scans every daily
//! index, ETF and synthetic close (`scan::universe::scan_universe`, the code
//! behind `marketproof scan`). The export names each series
//! `<FOLDER>/<symbol>` so that `check.py` can compare it with `run`.
//!
//! `run` loads every `*.csv` of the folders that has a `date` and a `close`
//! column (case-insensitive) with a small hand-written reader (exact
//! four-field parse, no CSV quoting: enough for the import format and the
//! Yahoo-style files; a fast path for decimals, `str::parse` otherwise),
//! builds `model::Series`, then scans. Each run is timed as load + compute;
//! `compute` is the scan alone on the loaded series. The symbol of a file is
//! `<folder name>/<file stem>`.

use model::series::SortedDates;
use model::{Date, Field, Series, SeriesKey, SourceId};
use scan::{rank, rarity, scan_all, synth, Benchmark, Metrics, Rarity, SeriesRef};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() {
    if let Err(e) = real_main() {
        eprintln!("scan_bench: {e}");
        std::process::exit(1);
    }
}

struct Args {
    command: String,
    out: Option<PathBuf>,
    data: Vec<PathBuf>,
    bench: Option<PathBuf>,
    export: Option<PathBuf>,
    series: usize,
    sessions: usize,
    seed: u64,
    runs: usize,
    whole_runs: usize,
    threads: usize,
    db: Option<PathBuf>,
    bench_symbol: Option<String>,
    export_prefix: String,
}

fn parse_args() -> Result<Args, Error> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or("usage: scan_bench gen|run ...")?;
    let full = synth::Spec::full();
    let mut a = Args {
        command,
        out: None,
        data: Vec::new(),
        bench: None,
        export: None,
        series: full.series,
        sessions: full.sessions,
        seed: full.seed,
        runs: 5,
        whole_runs: 5,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        db: None,
        bench_symbol: None,
        export_prefix: String::new(),
    };
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => a.out = Some(value.into()),
            "--data" => a.data.push(value.into()),
            "--bench" => {
                a.bench_symbol = Some(value.clone());
                a.bench = Some(value.into());
            }
            "--db" => a.db = Some(value.into()),
            "--export-prefix" => a.export_prefix = value,
            "--export" => a.export = Some(value.into()),
            "--series" => a.series = value.parse()?,
            "--sessions" => a.sessions = value.parse()?,
            "--seed" => a.seed = value.parse()?,
            "--runs" => a.runs = value.parse()?,
            "--whole-runs" => a.whole_runs = value.parse()?,
            "--threads" => a.threads = value.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    Ok(a)
}

fn real_main() -> Result<(), Error> {
    let args = parse_args()?;
    match args.command.as_str() {
        "gen" => generate(&args),
        "run" => run(&args),
        "store" => from_store(&args),
        other => Err(format!("unknown command {other}").into()),
    }
}

/// Runs `f` over `items` on `threads` threads, results in input order.
fn par_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

fn generate(args: &Args) -> Result<(), Error> {
    let out = args.out.as_ref().ok_or("gen needs --out DIR")?;
    std::fs::create_dir_all(out)?;
    let spec = synth::Spec {
        series: args.series,
        sessions: args.sessions,
        seed: args.seed,
        end: synth::Spec::full().end,
    };
    let start = Instant::now();
    let calendar = synth::sessions(&spec);
    let texts = synth::date_texts(&calendar);
    let market = synth::market_log_returns(&spec);
    let indices: Vec<usize> = (0..spec.series).collect();
    let results = par_map(&indices, args.threads, |&i| -> Result<usize, String> {
        let s = synth::generate(&spec, &market, i);
        let mut buf = Vec::with_capacity(s.ticks.len() * 20);
        synth::write_csv(&s, &texts, &mut buf);
        let path = out.join(format!("{}.csv", s.symbol));
        std::fs::write(&path, &buf).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(buf.len())
    });
    let mut bytes = 0usize;
    for r in results {
        bytes += r?;
    }
    println!(
        "{{\"generated\": {}, \"sessions\": {}, \"first\": \"{}\", \"last\": \"{}\", \"bytes\": {bytes}, \"seconds\": {:.3}}}",
        spec.series,
        calendar.len(),
        calendar.first().map(|d| d.to_string()).unwrap_or_default(),
        calendar.last().map(|d| d.to_string()).unwrap_or_default(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// ISO dates seen so far, by (year, month, day): parsing a date is then a
/// few digit reads and a table lookup instead of a calendar computation.
struct DateCache {
    table: Vec<Option<Option<Date>>>,
}

impl DateCache {
    const FIRST_YEAR: u32 = 1800;
    const YEARS: u32 = 400;

    fn new() -> Self {
        DateCache {
            table: vec![None; (Self::YEARS * 512) as usize],
        }
    }

    fn parse(&mut self, text: &[u8]) -> Option<Date> {
        let digit = |b: u8| (b as char).to_digit(10);
        if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
            return model::parse_iso_date(std::str::from_utf8(text).ok()?);
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            text[r]
                .iter()
                .try_fold(0u32, |acc, b| Some(acc * 10 + digit(*b)?))
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(Self::FIRST_YEAR..Self::FIRST_YEAR + Self::YEARS).contains(&y) || m > 15 || d > 31 {
            return None;
        }
        let key = ((y - Self::FIRST_YEAR) * 512 + m * 32 + d) as usize;
        *self.table[key].get_or_insert_with(|| Date::from_ymd_opt(y as i32, m, d))
    }
}

/// Parses a decimal like `123.4567`: exact when the digits fit in 2^53 and
/// there are at most 22 decimals (one correctly rounded division), else
/// `str::parse`.
fn parse_close(text: &[u8]) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut decimals: i32 = -1;
    let mut digits = 0;
    for &b in text {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
                if decimals >= 0 {
                    decimals += 1;
                }
            }
            b'.' if decimals < 0 => decimals = 0,
            _ => return std::str::from_utf8(text).ok()?.trim().parse().ok(),
        }
    }
    if digits == 0 || digits > 19 || mantissa > 1 << 53 || decimals > 22 {
        return std::str::from_utf8(text).ok()?.trim().parse().ok();
    }
    // Powers of ten up to 1e22 are exact doubles.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let scale = POW10[decimals.clamp(0, 22) as usize];
    Some(mantissa as f64 / scale)
}

/// Reads one file into (dates, closes); `Ok(None)` when it has no date or
/// close column.
/// Dates and closes of one file.
type Columns = (Vec<Date>, Vec<f64>);

fn read_file(path: &Path, cache: &mut DateCache) -> Result<Option<Columns>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // As text: `str::split(char)` finds separators with memchr, several
    // bytes at a time, where a byte-slice split looks at every byte.
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.split('\n');
    let header = lines.next().unwrap_or_default();
    let names: Vec<String> = header
        .split(',')
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    let (Some(di), Some(ci)) = (
        names.iter().position(|n| n == "date"),
        names.iter().position(|n| n == "close"),
    ) else {
        return Ok(None);
    };
    let last_field = di.max(ci);
    // Lines of the import format are about 17 bytes.
    let mut dates = Vec::with_capacity(bytes.len() / 16);
    let mut closes = Vec::with_capacity(bytes.len() / 16);
    for (k, line) in lines.enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (mut date, mut close) = (None, None);
        for (f, field) in line.split(',').enumerate().take(last_field + 1) {
            if f == di {
                date = Some(field);
            } else if f == ci {
                close = Some(field);
            }
        }
        let bad = || format!("{}: line {}: bad date or close", path.display(), k + 2);
        dates.push(
            cache
                .parse(date.ok_or_else(bad)?.as_bytes())
                .ok_or_else(bad)?,
        );
        closes.push(parse_close(close.ok_or_else(bad)?.as_bytes()).ok_or_else(bad)?);
    }
    Ok(Some((dates, closes)))
}

fn symbol_of(path: &Path) -> String {
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{parent}/{stem}")
}

fn list_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                files.push(path);
            }
        }
    }
    files.sort_by_key(|p| symbol_of(p));
    Ok(files)
}

/// Loads every file on `threads` threads into `model::Series`.
fn load(files: &[PathBuf], threads: usize) -> Result<Vec<(String, Series)>, Error> {
    let chunks: Vec<&[PathBuf]> = files.chunks(16).collect();
    let parsed = par_map(&chunks, threads, |chunk| {
        let mut cache = DateCache::new();
        chunk
            .iter()
            .map(|p| read_file(p, &mut cache).map(|r| (symbol_of(p), r)))
            .collect::<Vec<_>>()
    });
    let mut out = Vec::with_capacity(files.len());
    let mut calendars = Calendars::default();
    for item in parsed.into_iter().flatten() {
        let (symbol, result) = item?;
        let Some((dates, closes)) = result else {
            continue;
        };
        let key = SeriesKey::new(symbol.clone(), Field::Close);
        let series = match calendars.find(&dates) {
            Some((calendar, start)) => {
                Series::on_calendar(key, &calendar, start, closes, &[(0, SourceId(0))])?
            }
            None => {
                let calendar = SortedDates::new(dates)
                    .map_err(|date| format!("{symbol}: dates out of order at {date}"))?;
                calendars.add(&calendar);
                Series::on_calendar(key, &calendar, 0, closes, &[(0, SourceId(0))])?
            }
        };
        out.push((symbol, series));
    }
    Ok(out)
}

/// The calendars of the series loaded so far (at most [`Calendars::MAX`]),
/// so that series trading on the same sessions share one copy of their
/// dates, as `store::Store::universe` shares them.
#[derive(Default)]
struct Calendars(Vec<SortedDates>);

impl Calendars {
    const MAX: usize = 32;

    /// A calendar holding `dates` as a run of its sessions, and where.
    fn find(&self, dates: &[Date]) -> Option<(SortedDates, usize)> {
        let first = *dates.first()?;
        self.0.iter().find_map(|calendar| {
            let all = calendar.as_slice();
            let start = all.partition_point(|d| *d < first);
            let window = all.get(start..start.checked_add(dates.len())?)?;
            (window == dates).then(|| (calendar.clone(), start))
        })
    }

    fn add(&mut self, calendar: &SortedDates) {
        if self.0.len() < Self::MAX && !calendar.is_empty() {
            self.0.push(calendar.clone());
        }
    }
}

/// The scan as timed: benchmark preparation, every series, rarity, ranking.
fn compute(
    loaded: &[(String, Series)],
    bench: &str,
    threads: usize,
) -> (Vec<Option<Metrics>>, Vec<Rarity>, Vec<usize>) {
    let refs: Vec<SeriesRef<'_>> = loaded.iter().map(|(_, s)| SeriesRef::from(s)).collect();
    let benchmark = loaded
        .iter()
        .find(|(sym, _)| sym == bench)
        .map(|(_, s)| Benchmark::new(SeriesRef::from(s)));
    let rows = scan_all(&refs, benchmark.as_ref(), threads);
    let rarities = rarity(&rows);
    let order = rank(&rarities);
    (rows, rarities, order)
}

/// CPU time of the process (all threads, user + system) from
/// `/proc/self/stat`, in seconds; 0 where that file does not exist. Its
/// resolution is one clock tick (10 ms).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |k: usize| {
        fields
            .get(k)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
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

/// Sum of `xs` in eight independent lanes: the adds keep up with memory,
/// so the time is the time to stream the bytes in.
fn sum_lanes(xs: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 8];
    let chunks = xs.chunks_exact(8);
    let tail: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for (lane, x) in lanes.iter_mut().zip(c) {
            *lane += x;
        }
    }
    lanes.iter().sum::<f64>() + tail
}

/// The measured floor: a plain sequential read of the same closes the scan
/// reads (every series' values, series spread over `threads` threads as the
/// scan spreads them), nothing computed but a sum. Seconds.
fn read_floor(columns: &[&[f64]], threads: usize) -> f64 {
    let t0 = Instant::now();
    let sums = par_map(columns, threads, |c| sum_lanes(c));
    let elapsed = t0.elapsed().as_secs_f64();
    std::hint::black_box(sums);
    elapsed
}

fn run(args: &Args) -> Result<(), Error> {
    let bench_path = args.bench.as_ref().ok_or("run needs --bench FILE")?;
    let bench = symbol_of(bench_path);
    let files = list_files(&args.data)?;
    let (mut load_s, mut compute_s, mut whole_s) = (Vec::new(), Vec::new(), Vec::new());
    let (mut whole_cpu_s, mut compute_cpu_s) = (Vec::new(), Vec::new());
    let mut last = None;
    // Whole runs: files on disk (page cache warm) to ranked results.
    for _ in 0..args.whole_runs.max(1) {
        drop(last.take());
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let loaded = load(&files, args.threads)?;
        let t1 = Instant::now();
        let result = compute(&loaded, &bench, args.threads);
        let t2 = Instant::now();
        load_s.push((t1 - t0).as_secs_f64());
        whole_s.push((t2 - t0).as_secs_f64());
        whole_cpu_s.push(cpu_seconds() - c0);
        last = Some((loaded, result));
    }
    let Some((loaded, _)) = last else {
        return Err("no run".into());
    };
    // Compute alone on the series already in memory, each run after a run
    // of the floor (a plain read of the same closes).
    let columns: Vec<&[f64]> = loaded.iter().map(|(_, s)| s.values()).collect();
    let floor_bytes: usize = columns.iter().map(|c| std::mem::size_of_val(*c)).sum();
    let mut floor_s = Vec::new();
    let mut result = None;
    for _ in 0..args.runs.max(1) {
        floor_s.push(read_floor(&columns, args.threads));
        drop(result.take());
        let (t0, c0) = (Instant::now(), cpu_seconds());
        result = Some(compute(&loaded, &bench, args.threads));
        compute_s.push(t0.elapsed().as_secs_f64());
        compute_cpu_s.push(cpu_seconds() - c0);
    }
    let Some((rows, rarities, order)) = result else {
        return Err("no run".into());
    };
    let points: usize = loaded.iter().map(|(_, s)| s.len()).sum();
    if let Some(path) = &args.export {
        std::fs::write(path, export(&loaded, &rows, &rarities))?;
    }
    let top: Vec<String> = order
        .iter()
        .take(10)
        .map(|&i| format!("\"{}\"", loaded[i].0))
        .collect();
    let list = |xs: &[f64]| {
        xs.iter()
            .map(|x| format!("{x:.4}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "{{\"tool\": \"marketproof\", \"threads\": {}, \"series\": {}, \"points\": {points}, \
         \"load_s\": [{}], \"compute_s\": [{}], \"whole_s\": [{}], \
         \"compute_cpu_s\": [{}], \"whole_cpu_s\": [{}], \
         \"median_load_s\": {:.4}, \"median_compute_s\": {:.4}, \"median_whole_s\": {:.4}, \
         \"median_compute_cpu_s\": {:.4}, \"median_whole_cpu_s\": {:.4}, \
         \"floor_bytes\": {floor_bytes}, \"floor_s\": [{}], \"median_floor_s\": {:.4}, \
         \"top10\": [{}]}}",
        args.threads,
        loaded.len(),
        list(&load_s),
        list(&compute_s),
        list(&whole_s),
        list(&compute_cpu_s),
        list(&whole_cpu_s),
        median(&load_s),
        median(&compute_s),
        median(&whole_s),
        median(&compute_cpu_s),
        median(&whole_cpu_s),
        list(&floor_s),
        median(&floor_s),
        top.join(", ")
    );
    Ok(())
}

/// The agreement CSV shared with `bench/peers/scan.py`.
fn export(loaded: &[(String, Series)], rows: &[Option<Metrics>], rarities: &[Rarity]) -> String {
    export_rows(
        loaded
            .iter()
            .zip(rows)
            .zip(rarities)
            .filter_map(|(((symbol, _), row), r)| row.as_ref().map(|m| (symbol.clone(), *m, *r))),
    )
}

/// The agreement CSV from (symbol, figures, rarity) rows.
fn export_rows(rows: impl Iterator<Item = (String, Metrics, Rarity)>) -> String {
    let mut out = String::from(
        "symbol,sessions,last_date,close,return_1d,return_1m,return_ytd,streak,streak_since,\
         rel_streak,rel_since,record_close,sessions_since_record,record_gap,drawdown,\
         volatility_20d,sma200_gap,rarity\n",
    );
    let f = |x: Option<f64>| x.map(|v| format!("{v:?}")).unwrap_or_default();
    let u = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    for (symbol, m, r) in rows {
        let rel = m.relative_streak;
        let _ = writeln!(
            out,
            "{symbol},{},{},{:?},{},{},{},{},{},{},{},{},{},{},{:?},{},{},{:?}",
            m.sessions,
            m.last_date,
            m.close,
            f(m.return_1d),
            f(m.return_1m),
            f(m.return_ytd),
            m.streak.length_sessions,
            u(m.streak.since_sessions),
            rel.map(|s| s.length_sessions.to_string())
                .unwrap_or_default(),
            u(rel.and_then(|s| s.since_sessions)),
            u8::from(m.record_close),
            m.sessions_since_record,
            u(m.record_gap_sessions),
            m.drawdown,
            f(m.volatility_20d),
            f(m.sma200_gap),
            r.score
        );
    }
    out
}

/// Whole runs from the store: open, load the universe, scan, rank.
fn from_store(args: &Args) -> Result<(), Error> {
    let db = args.db.as_ref().ok_or("store needs --db STORE")?;
    let bench = args
        .bench_symbol
        .as_deref()
        .ok_or("store needs --bench SYMBOL")?;
    let (mut load_s, mut compute_s, mut whole_s) = (Vec::new(), Vec::new(), Vec::new());
    let (mut load_cpu_s, mut compute_cpu_s, mut whole_cpu_s) = (Vec::new(), Vec::new(), Vec::new());
    let mut floor_s = Vec::new();
    let mut summary = (0usize, 0usize, Vec::new());
    for run in 0..args.whole_runs.max(1) {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let store = store::Store::open(db)?;
        let universe = store.universe()?;
        // The floor on the loaded universe, timed apart from the run.
        let columns: Vec<&[f64]> = universe.series.values().map(|s| s.values()).collect();
        let floor_time = read_floor(&columns, args.threads);
        drop(columns);
        let (t1, c1) = (Instant::now(), cpu_seconds());
        let scan =
            scan::universe::scan_universe(&universe, store.registry(), None, bench, args.threads);
        let (t2, c2) = (Instant::now(), cpu_seconds());
        load_s.push((t1 - t0).as_secs_f64() - floor_time);
        compute_s.push((t2 - t1).as_secs_f64());
        whole_s.push((t2 - t0).as_secs_f64() - floor_time);
        floor_s.push(floor_time);
        load_cpu_s.push(c1 - c0);
        compute_cpu_s.push(c2 - c1);
        whole_cpu_s.push(c2 - c0);
        if run == 0 {
            if let Some(path) = &args.export {
                let prefix = &args.export_prefix;
                std::fs::write(
                    path,
                    export_rows(scan.rows.iter().map(|r| {
                        (
                            format!("{prefix}/{}", r.key().instrument),
                            r.metrics,
                            r.rarity,
                        )
                    })),
                )?;
            }
            summary = (
                scan.rows.len(),
                scan.points,
                scan.rows
                    .iter()
                    .take(10)
                    .map(|r| format!("\"{}\"", r.key().instrument))
                    .collect(),
            );
        }
        // Freeing the universe is part of a process's run too.
        drop(scan);
        drop(universe);
    }
    let list = |xs: &[f64]| {
        xs.iter()
            .map(|x| format!("{x:.4}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "{{\"tool\": \"marketproof-store\", \"threads\": {}, \"series\": {}, \"points\": {}, \
         \"load_s\": [{}], \"compute_s\": [{}], \"whole_s\": [{}], \
         \"load_cpu_s\": [{}], \"compute_cpu_s\": [{}], \"whole_cpu_s\": [{}], \
         \"median_load_s\": {:.4}, \"median_compute_s\": {:.4}, \"median_whole_s\": {:.4}, \
         \"median_load_cpu_s\": {:.4}, \"median_compute_cpu_s\": {:.4}, \"median_whole_cpu_s\": {:.4}, \
         \"floor_s\": [{}], \"median_floor_s\": {:.4}, \
         \"top10\": [{}]}}",
        args.threads,
        summary.0,
        summary.1,
        list(&load_s),
        list(&compute_s),
        list(&whole_s),
        list(&load_cpu_s),
        list(&compute_cpu_s),
        list(&whole_cpu_s),
        median(&load_s),
        median(&compute_s),
        median(&whole_s),
        median(&load_cpu_s),
        median(&compute_cpu_s),
        median(&whole_cpu_s),
        list(&floor_s),
        median(&floor_s),
        summary.2.join(", ")
    );
    Ok(())
}
