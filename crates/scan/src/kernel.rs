//! The fused kernel: every figure of [`Metrics`] for one series, as of its
//! last date.
//!
//! In the usual case (no benchmark, or a series that walks in step with
//! its benchmark all along) the figures are read from the end
//! ([`from_end`]): the running maximum in one pass of plain comparisons,
//! the streaks by walking back from the last return only as far as "longest
//! since" needs. The divisions of the daily returns are done for those few
//! dozen returns, not for the whole history, so the pass runs at close to
//! the speed of a plain read of the closes.
//!
//! A series that leaves its benchmark's calendar takes the forward pass
//! ([`walk_forward`]): it keeps a handful of scalars (running maximum, last
//! record, the current run of each streak) plus, per streak direction, a
//! small table of "where did the last run of exactly this length end", and
//! merges the two date lists for the relative streak. While the series is
//! still in step it goes by blocks of 64 sessions ([`in_step`]). The tail
//! figures (20-day volatility, 200-day average) read at most the last 200
//! closes.

use chrono::Datelike;
use model::{Date, Series};
use std::sync::Mutex;

mod from_end;

/// Sessions in "one month" for [`Metrics::return_1m`].
pub const MONTH_SESSIONS: usize = 21;
/// Daily returns in the volatility window of [`Metrics::volatility_20d`].
pub const VOLATILITY_SESSIONS: usize = 20;
/// Closes in the moving average of [`Metrics::sma200_gap`].
pub const SMA_SESSIONS: usize = 200;

/// A series as the kernel reads it: aligned dates and closes.
///
/// Dates must be strictly increasing (as [`Series`] guarantees) and the two
/// slices of equal length; [`scan_one`] reads only the common prefix if not.
#[derive(Debug, Clone, Copy)]
pub struct SeriesRef<'a> {
    /// Session dates, strictly increasing.
    pub dates: &'a [Date],
    /// Closes aligned with `dates`.
    pub closes: &'a [f64],
}

impl<'a> From<&'a Series> for SeriesRef<'a> {
    fn from(series: &'a Series) -> Self {
        SeriesRef {
            dates: series.dates(),
            closes: series.values(),
        }
    }
}

/// The benchmark of the relative streak, with its daily returns computed once
/// for the whole scan.
#[derive(Debug, Clone)]
pub struct Benchmark<'a> {
    dates: &'a [Date],
    closes: &'a [f64],
    /// `returns[j] = closes[j] / closes[j - 1] - 1`; `returns[0]` unused.
    returns: Vec<f64>,
}

impl<'a> Benchmark<'a> {
    /// Prepares `series` as the benchmark.
    pub fn new(series: SeriesRef<'a>) -> Self {
        let n = series.dates.len().min(series.closes.len());
        let closes = &series.closes[..n];
        let mut returns = vec![f64::NAN; n];
        for j in 1..n {
            returns[j] = closes[j] / closes[j - 1] - 1.0;
        }
        Benchmark {
            dates: &series.dates[..n],
            closes,
            returns,
        }
    }
}

impl Benchmark<'_> {
    /// Where `dates` start in the benchmark's calendar, when each of them is
    /// the benchmark's next session (the series walks in step with the
    /// benchmark all along); `None` otherwise or when `dates` is empty.
    fn in_step_offset(&self, dates: &[Date]) -> Option<usize> {
        let first = *dates.first()?;
        let j = self.dates.partition_point(|x| *x < first);
        let window = self.dates.get(j..j.checked_add(dates.len())?)?;
        (common_prefix(dates, window) == dates.len()).then_some(j)
    }
}

/// A streak ending at the series' last session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Streak {
    /// Length in sessions: positive for an up streak (returns > 0, or for a
    /// relative streak the series' return > the benchmark's), negative for a
    /// down streak, 0 when the last return is zero (or equal to the
    /// benchmark's) or there is no return at all.
    pub length_sessions: i32,
    /// "Longest since": sessions from the end of the last earlier streak in
    /// the same direction of at least the same length to the last session.
    /// `None` with a non-zero length means "longest on record"; always `None`
    /// when the length is 0.
    pub since_sessions: Option<u32>,
    /// How many returns the streak was looked for in (sessions − 1, or common
    /// sessions − 1 for a relative streak): the "record" the streak is
    /// compared with.
    pub history_sessions: u32,
}

/// Every figure of the scan for one series, as of its last date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Number of sessions (observations) in the series.
    pub sessions: u32,
    /// Last date: the as-of date of every figure.
    pub last_date: Date,
    /// Last close.
    pub close: f64,
    /// Last close / previous session's close − 1; `None` with one session.
    pub return_1d: Option<f64>,
    /// Last close / the close [`MONTH_SESSIONS`] sessions earlier − 1.
    pub return_1m: Option<f64>,
    /// Last close / the last close of the prior calendar year − 1; `None` when
    /// the series starts in the last date's year.
    pub return_ytd: Option<f64>,
    /// Up/down streak of daily returns ending at the last session.
    pub streak: Streak,
    /// Relative streak against the benchmark on common dates: both series
    /// are cut to the dates they share and the returns compared are from one
    /// common date to the next. `None` without a benchmark.
    pub relative_streak: Option<Streak>,
    /// Whether the last close is above every earlier close (needs at least
    /// two sessions).
    pub record_close: bool,
    /// Sessions since the last record close (0 when the last close is one);
    /// the first close counts as a record.
    pub sessions_since_record: u32,
    /// When the last close is a record: sessions since the record close
    /// before it (the first close counts as a record). `None` otherwise.
    pub record_gap_sessions: Option<u32>,
    /// Last close / running maximum close − 1 (≤ 0).
    pub drawdown: f64,
    /// Sample standard deviation of the last [`VOLATILITY_SESSIONS`] daily
    /// returns (not annualised).
    pub volatility_20d: Option<f64>,
    /// Last close / mean of the last [`SMA_SESSIONS`] closes − 1.
    pub sma200_gap: Option<f64>,
}

/// Run lengths at or above this share the last bucket of a [`RunTable`]; a
/// current streak this long (never seen in daily returns; possible in a
/// series that rises every day) is resolved by a slow second pass.
const LONG_RUN: usize = 63;
/// Buckets per direction.
const BUCKETS: usize = LONG_RUN + 1;

// Directions; down is 1.
const UP: usize = 0;
const FLAT: usize = 2;

/// Where finished runs ended: `table[dir * BUCKETS + len]` = 1 + end
/// position of the last finished run of `dir` with exactly `len` (or
/// `>= LONG_RUN` in the last bucket); 0 = none. 256 slots so that an index
/// masked with 255 needs no bounds check; flat runs are never read, so the
/// flat bucket 0 doubles as the write sink.
type RunTable = [u32; 256];
const SINK: usize = FLAT * BUCKETS;

/// Direction of a return (or of a return difference): up, down or flat
/// (zero or NaN), without a data-dependent branch.
#[inline(always)]
fn direction(x: f64) -> usize {
    FLAT - 2 * usize::from(x > 0.0) - usize::from(x < 0.0)
}

/// The current run over a sequence of returns. Kept apart from its
/// [`RunTable`] so that these scalars stay in registers in the hot loop.
#[derive(Clone, Copy)]
struct Run {
    dir: usize,
    len: u32,
}

impl Run {
    /// Starts as an empty flat run, so that the first return needs no
    /// special case (a flat run is never reported).
    fn new() -> Self {
        Run { dir: FLAT, len: 0 }
    }
}

/// Appends the direction of the return at position `pos` to `run`,
/// recording in `table` the run it ends, if any.
#[inline(always)]
fn push(run: &mut Run, table: &mut RunTable, dir: usize, pos: u32) {
    // Branch-free on purpose: the direction flips about every other
    // session, so a branch on "did the run end" would mispredict half the
    // time (and LLVM turns an `if` here into one). `keep` is all ones while
    // the run goes on; the table store is unconditional, into the sink slot
    // when no run ended.
    let keep = 0usize.wrapping_sub(usize::from(dir == run.dir));
    let ended_slot = run.dir * BUCKETS + (run.len as usize).min(LONG_RUN);
    let slot = (ended_slot & !keep) | (SINK & keep);
    table[slot & 255] = pos;
    run.len = (run.len & keep as u32) + 1;
    run.dir = dir;
}

/// The streak formed by the current (unfinished) run after `count` returns;
/// `None` when it is [`LONG_RUN`] or longer, for the caller to resolve with
/// a slow pass.
fn finish(run: Run, table: &RunTable, count: u32) -> Option<Streak> {
    let history_sessions = count;
    if run.len == 0 || run.dir >= FLAT {
        return Some(Streak {
            length_sessions: 0,
            since_sessions: None,
            history_sessions,
        });
    }
    let len = run.len as usize;
    if len >= LONG_RUN {
        return None;
    }
    let base = run.dir * BUCKETS;
    let best = table[base + len..base + BUCKETS]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let length = i32::try_from(run.len).unwrap_or(i32::MAX);
    Some(Streak {
        length_sessions: if run.dir == UP { length } else { -length },
        // best = end + 1; last position = count - 1.
        since_sessions: (best > 0).then(|| count - best),
        history_sessions,
    })
}

/// Running maximum and record closes.
#[derive(Clone, Copy)]
struct Records {
    running_max: f64,
    last: usize,
    previous: usize,
}

impl Records {
    #[inline(always)]
    fn push(&mut self, i: usize, close: f64) {
        if close > self.running_max {
            self.running_max = close;
            self.previous = self.last;
            self.last = i;
        }
    }
}

/// Positions a block of the in-step path handles at once.
const BLOCK: usize = 64;

/// The length of the common prefix of two date slices.
fn common_prefix(a: &[Date], b: &[Date]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    // The series of a loaded store share their calendars: the same memory
    // needs no comparison.
    if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
        return n;
    }
    let mut done = 0;
    for (x, y) in a.chunks(BLOCK).zip(b.chunks(BLOCK)) {
        if x != y {
            return done + x.iter().zip(y).take_while(|(p, q)| p == q).count();
        }
        done += x.len();
    }
    done
}

/// The directions of one block of returns, after the direction of the
/// return before the block: `dirs[0]` is that direction, `dirs[1 + k]` the
/// block's `k`-th (8 spare bytes so that the last word read stays inside).
type BlockDirs = [u8; BLOCK + 8];

/// The run tracker of [`push`] over a block of `len` directions whose first
/// return is at position `first_pos`, with `dirs[0] == run.dir` (see
/// [`BlockDirs`]). Same result as pushing them one by one, but the table is
/// written only where a run ends: the run boundaries of the block are found
/// as a bit mask (eight directions per word compared with the word one
/// byte earlier), then visited bit by bit.
#[inline(always)]
fn track_block(run: &mut Run, table: &mut RunTable, dirs: &BlockDirs, len: usize, first_pos: u32) {
    let mut mask = 0u64;
    for w in 0..BLOCK / 8 {
        let word = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&dirs[at..at + 8]);
            u64::from_le_bytes(b)
        };
        // A byte of `x` is non-zero where the direction changes; directions
        // are below 4, so its two low bits say so.
        let x = word(8 * w + 1) ^ word(8 * w);
        let ones = (x | (x >> 1)) & 0x0101_0101_0101_0101;
        // Gathers bit 0 of byte i into bit 56 + i.
        mask |= (ones.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * w);
    }
    if len < BLOCK {
        mask &= (1u64 << len) - 1;
    }
    // The current run started `run.len` returns before the block.
    let mut run_start = -i64::from(run.len);
    let mut dir = run.dir;
    while mask != 0 {
        let k = mask.trailing_zeros() as usize;
        let ended_len = usize::try_from(k as i64 - run_start).unwrap_or(LONG_RUN);
        table[(dir * BUCKETS + ended_len.min(LONG_RUN)) & 255] = first_pos + k as u32;
        dir = usize::from(dirs[1 + k]);
        run_start = k as i64;
        mask &= mask - 1;
    }
    run.len = u32::try_from(len as i64 - run_start).unwrap_or(u32::MAX);
    run.dir = dir;
}

/// The in-step path of [`scan_one`]: positions `1..br.len()` of the closes
/// `c`, whose dates are the benchmark's and whose benchmark returns are
/// `br`. In blocks: the returns and their directions first (no loop-carried
/// state, so the divisions overlap), then the record check (a comparison
/// with the running maximum; the closes are walked one by one only when the
/// block holds a new maximum), then the two run trackers ([`track_block`]),
/// the daily one and the relative one; returns their runs.
fn in_step(
    c: &[f64],
    br: &[f64],
    trackers: [(Run, &mut RunTable); 2],
    records: &mut Records,
) -> (Run, Run) {
    // The runs are locals (not behind references that the table stores
    // might alias), so that they stay in registers.
    let [(mut run, table), (mut rel_run, rel_table)] = trackers;
    let mut dirs: BlockDirs = [0; BLOCK + 8];
    let mut rel_dirs: BlockDirs = [0; BLOCK + 8];
    let end = br.len().min(c.len());
    let mut start = 1;
    while start < end {
        let stop = (start + BLOCK).min(end);
        let cur = &c[start..stop];
        let prev = &c[start - 1..stop - 1];
        let bench = &br[start..stop];
        dirs[0] = run.dir as u8;
        rel_dirs[0] = rel_run.dir as u8;
        for (k, ((x, p), b)) in cur.iter().zip(prev).zip(bench).enumerate() {
            let r = x / p - 1.0;
            dirs[1 + k] = direction(r) as u8;
            rel_dirs[1 + k] = direction(r - b) as u8;
        }
        let mut new_max = false;
        for x in cur {
            new_max |= *x > records.running_max;
        }
        if new_max {
            for (k, x) in cur.iter().enumerate() {
                records.push(start + k, *x);
            }
        }
        // Both return sequences are at position start - 1 at the block's start.
        let first = (start - 1) as u32;
        track_block(&mut run, table, &dirs, cur.len(), first);
        track_block(&mut rel_run, rel_table, &rel_dirs, cur.len(), first);
        start = stop;
    }
    (run, rel_run)
}

/// Scans one series as of its last date; `None` when it is empty.
///
/// `benchmark` is the series the relative streak is measured against
/// (`None`: no relative streak).
pub fn scan_one(series: SeriesRef<'_>, benchmark: Option<&Benchmark<'_>>) -> Option<Metrics> {
    let n = series.dates.len().min(series.closes.len());
    if n == 0 {
        return None;
    }
    let d = &series.dates[..n];
    let c = &series.closes[..n];

    // The usual case reads the streaks from the end and the records in one
    // pass of comparisons ([`from_end`]); a series that leaves its
    // benchmark's calendar takes the forward pass, which merges the dates.
    let Walked {
        streak,
        relative_streak,
        records,
    } = match benchmark {
        None => Walked {
            streak: from_end::daily_streak(c),
            relative_streak: None,
            records: from_end::records(c),
        },
        Some(b) => match b.in_step_offset(d) {
            Some(j) => Walked {
                streak: from_end::daily_streak(c),
                relative_streak: Some(from_end::relative_streak(c, &b.returns[j..j + n])),
                records: from_end::records(c),
            },
            None => walk_forward(d, c, b),
        },
    };

    let last = c[n - 1];
    let ratio = |k: usize| last / c[k] - 1.0;
    let return_1d = (n >= 2).then(|| ratio(n - 2));
    let return_1m = (n > MONTH_SESSIONS).then(|| ratio(n - 1 - MONTH_SESSIONS));
    let last_date = d[n - 1];
    let return_ytd = Date::from_ymd_opt(last_date.year(), 1, 1)
        .map(|jan1| d.partition_point(|x| *x < jan1))
        .and_then(|k| (k > 0).then(|| ratio(k - 1)));

    let volatility_20d = (n > VOLATILITY_SESSIONS).then(|| {
        let mut returns = [0.0f64; VOLATILITY_SESSIONS];
        for (k, slot) in returns.iter_mut().enumerate() {
            let i = n - VOLATILITY_SESSIONS + k;
            *slot = c[i] / c[i - 1] - 1.0;
        }
        sample_std(&returns)
    });
    let sma200_gap = (n >= SMA_SESSIONS).then(|| {
        let sum: f64 = c[n - SMA_SESSIONS..].iter().sum();
        last / (sum / SMA_SESSIONS as f64) - 1.0
    });

    let record_close = n >= 2 && records.last == n - 1;
    Some(Metrics {
        sessions: to_u32(n),
        last_date,
        close: last,
        return_1d,
        return_1m,
        return_ytd,
        streak,
        relative_streak,
        record_close,
        sessions_since_record: to_u32(n - 1 - records.last),
        record_gap_sessions: record_close.then(|| to_u32(records.last - records.previous)),
        drawdown: last / records.running_max - 1.0,
        volatility_20d,
        sma200_gap,
    })
}

/// The streaks and records of one series.
struct Walked {
    streak: Streak,
    relative_streak: Option<Streak>,
    records: Records,
}

/// The forward pass over a non-empty series `d`, `c` against benchmark `b`:
/// in blocks while the series walks in step with it ([`in_step`]), then
/// merging the two date lists, with the run tables giving "longest since".
fn walk_forward(d: &[Date], c: &[f64], b: &Benchmark<'_>) -> Walked {
    let n = c.len();
    let mut run = Run::new();
    let mut table: RunTable = [0; 256];
    let mut records = Records {
        running_max: c[0],
        last: 0,
        previous: 0,
    };
    let mut rel_run = Run::new();
    let mut rel_table: RunTable = [0; 256];
    // Relative returns seen (common sessions − 1).
    let mut rel_count = 0u32;

    let (bd, bc, br) = (b.dates, b.closes, &b.returns[..]);
    let mut j = bd.partition_point(|x| *x < d[0]);
    // Last common date as (index in series, index in benchmark).
    let mut common: Option<(usize, usize)> = None;
    let mut i = 1;
    if j < bd.len() && bd[j] == d[0] {
        // While the series walks in step with the benchmark, the
        // common-date returns are the daily returns, the benchmark's
        // computed once for all series.
        let lim = n.min(bd.len() - j);
        i = common_prefix(&d[..lim], &bd[j..j + lim]);
        (run, rel_run) = in_step(
            c,
            &br[j..j + i],
            [(run, &mut table), (rel_run, &mut rel_table)],
            &mut records,
        );
        rel_count = (i - 1) as u32;
        common = Some((i - 1, j + i - 1));
        j += i;
    }
    // Then merge the two date lists.
    while i < n {
        let r = c[i] / c[i - 1] - 1.0;
        push(&mut run, &mut table, direction(r), (i - 1) as u32);
        records.push(i, c[i]);
        while j < bd.len() && bd[j] < d[i] {
            j += 1;
        }
        if j < bd.len() && bd[j] == d[i] {
            if let Some((ip, jp)) = common {
                // Returns from one common date to the next.
                let ra = if ip + 1 == i { r } else { c[i] / c[ip] - 1.0 };
                let rb = if jp + 1 == j {
                    br[j]
                } else {
                    bc[j] / bc[jp] - 1.0
                };
                push(&mut rel_run, &mut rel_table, direction(ra - rb), rel_count);
                rel_count += 1;
            }
            common = Some((i, j));
            j += 1;
        }
        i += 1;
    }

    Walked {
        streak: finish(run, &table, to_u32(n - 1)).unwrap_or_else(|| from_end::daily_streak(c)),
        relative_streak: Some(finish(rel_run, &rel_table, rel_count).unwrap_or_else(|| {
            let b = SeriesRef {
                dates: b.dates,
                closes: b.closes,
            };
            crate::reference::relative_streak(
                SeriesRef {
                    dates: d,
                    closes: c,
                },
                b,
            )
        })),
        records,
    }
}

/// The forward pass for any series, with or without a benchmark: what
/// [`scan_one`] computes by [`from_end`] in the usual case, for the tests
/// that hold the two together.
#[cfg(test)]
fn forward_figures(d: &[Date], c: &[f64], b: Option<&Benchmark<'_>>) -> Walked {
    let Some(b) = b else {
        let mut run = Run::new();
        let mut table: RunTable = [0; 256];
        let mut records = Records {
            running_max: c[0],
            last: 0,
            previous: 0,
        };
        for i in 1..c.len() {
            let r = c[i] / c[i - 1] - 1.0;
            push(&mut run, &mut table, direction(r), (i - 1) as u32);
            records.push(i, c[i]);
        }
        return Walked {
            streak: finish(run, &table, to_u32(c.len() - 1))
                .unwrap_or_else(|| crate::reference::streak(c)),
            relative_streak: None,
            records,
        };
    };
    walk_forward(d, c, b)
}

/// Sample standard deviation (n − 1 in the denominator), two-pass.
pub(crate) fn sample_std(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let ss: f64 = x.iter().map(|v| (v - mean) * (v - mean)).sum();
    (ss / (n - 1.0)).sqrt()
}

pub(crate) fn to_u32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// Scans every series on `threads` threads (at least one), in input order.
///
/// Work is handed out in chunks of 64 series so that uneven lengths balance
/// across threads.
pub fn scan_all(
    series: &[SeriesRef<'_>],
    benchmark: Option<&Benchmark<'_>>,
    threads: usize,
) -> Vec<Option<Metrics>> {
    const CHUNK: usize = 64;
    let mut out: Vec<Option<Metrics>> = vec![None; series.len()];
    let threads = threads.max(1);
    if threads == 1 || series.len() <= CHUNK {
        for (slot, s) in out.iter_mut().zip(series) {
            *slot = scan_one(*s, benchmark);
        }
        return out;
    }
    let work = Mutex::new(series.chunks(CHUNK).zip(out.chunks_mut(CHUNK)));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let next = match work.lock() {
                    Ok(mut it) => it.next(),
                    Err(_) => None,
                };
                let Some((inputs, outputs)) = next else {
                    break;
                };
                for (slot, s) in outputs.iter_mut().zip(inputs) {
                    *slot = scan_one(*s, benchmark);
                }
            });
        }
    });
    out
}
