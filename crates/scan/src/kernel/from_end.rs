//! The figures read from the end of a series, for the usual case: a series
//! with no benchmark, or one that walks in step with its benchmark all
//! along.
//!
//! Only the running maximum needs every close, and it needs no division:
//! [`peak`] takes it in one pass of plain comparisons, in blocks, walking
//! close by close only the block where the maximum was first reached. The
//! streaks are found from the last return backwards: the current run, then
//! the runs before it until the first one in the same direction and at
//! least as long ("longest since"). In daily returns that is a few dozen
//! returns for most series; a streak that is the longest on record walks
//! back to the first close.
//!
//! The results are the same, bit for bit, as the forward pass of
//! [`super::walk_forward`] (a property test holds the two together).

use super::{direction, to_u32, Records, Streak, FLAT, UP};

/// Closes per block of [`peak`].
const PEAK_BLOCK: usize = 256;
/// Lanes of the block maximum (four SSE2 registers).
const LANES: usize = 8;

/// The running maximum of `c` as the forward pass takes it (start at the
/// first close; a close replaces it only when strictly greater) and where
/// it was first reached (the last record close). `None` when `c` is empty.
pub(super) fn peak(c: &[f64]) -> Option<(f64, usize)> {
    let first = *c.first()?;
    let mut max = first;
    // The block where the maximum was last raised, and the maximum before it.
    let mut raised: Option<(usize, f64)> = None;
    for (k, block) in c.chunks(PEAK_BLOCK).enumerate() {
        let m = block_max(block, max);
        if m > max {
            raised = Some((k * PEAK_BLOCK, max));
            max = m;
        }
    }
    let Some((start, before)) = raised else {
        return Some((first, 0));
    };
    // The block walked close by close, as the forward pass does.
    let mut max = before;
    let mut at = start;
    for (i, x) in c[start..].iter().take(PEAK_BLOCK).enumerate() {
        if *x > max {
            max = *x;
            at = start + i;
        }
    }
    Some((max, at))
}

/// The larger of `floor` and every close of `block` greater than it (NaN
/// never is), in [`LANES`] independent lanes so that the comparisons
/// vectorise.
#[inline(always)]
fn block_max(block: &[f64], floor: f64) -> f64 {
    let mut lanes = [floor; LANES];
    let mut words = block.chunks_exact(LANES);
    for word in &mut words {
        for (lane, x) in lanes.iter_mut().zip(word) {
            *lane = if *x > *lane { *x } else { *lane };
        }
    }
    for x in words.remainder() {
        lanes[0] = if *x > lanes[0] { *x } else { lanes[0] };
    }
    lanes
        .iter()
        .fold(floor, |acc, lane| if *lane > acc { *lane } else { acc })
}

/// The records of `c` (non-empty) for [`super::Metrics`]: the running
/// maximum, the last record close, and when that is the last close, the
/// record before it.
pub(super) fn records(c: &[f64]) -> Records {
    let n = c.len();
    let Some((max, last)) = peak(&c[..n.saturating_sub(1)]) else {
        // One close: it is the first record.
        return Records {
            running_max: c.first().copied().unwrap_or(f64::NAN),
            last: 0,
            previous: 0,
        };
    };
    if c[n - 1] > max {
        Records {
            running_max: c[n - 1],
            last: n - 1,
            previous: last,
        }
    } else {
        Records {
            running_max: max,
            last,
            // Read only when the last close is a record.
            previous: last,
        }
    }
}

/// Directions of returns [`streak`] computes at a time, as a bit mask.
const RUN_BLOCK: usize = 64;

/// The streak ending at the last of `count` returns, with "longest since":
/// walking back from the end only as far as the last earlier run in the
/// same direction and at least as long.
///
/// `fill(lo, out)` writes the directions (up, down or flat, as
/// [`direction`]) of returns `lo..lo + out.len()`. The walk asks for them
/// by blocks of [`RUN_BLOCK`] from the end, so that the divisions of a
/// block overlap, and visits the block's runs through a bit mask of where
/// the direction changes, without a branch per return.
pub(super) fn streak(count: usize, fill: impl Fn(usize, &mut [u8])) -> Streak {
    let history_sessions = to_u32(count);
    let flat = Streak {
        length_sessions: 0,
        since_sessions: None,
        history_sessions,
    };
    let Some(last) = count.checked_sub(1) else {
        return flat;
    };
    let mut search = Search {
        last,
        current: None,
    };
    let mut dirs = [0u8; RUN_BLOCK];
    // The run in progress, walking back: its direction and last position.
    let mut run: Option<(u8, usize)> = None;
    let mut since = None;
    let mut hi = count;
    'blocks: while hi > 0 {
        let lo = hi.saturating_sub(RUN_BLOCK);
        let block = &mut dirs[..hi - lo];
        fill(lo, block);
        let top = block[block.len() - 1];
        run = match run {
            None if usize::from(top) == FLAT => return flat,
            None => Some((top, last)),
            // The block's last return starts a new run: the one in
            // progress started at `hi`.
            Some((dir, end)) if dir != top => {
                since = search.run(dir, hi, end);
                if since.is_some() {
                    break 'blocks;
                }
                Some((top, hi - 1))
            }
            kept => kept,
        };
        // Bit k: the direction changes between returns lo + k - 1 and lo + k.
        let mut changes = 0u64;
        for (k, pair) in block.windows(2).enumerate() {
            changes |= u64::from(pair[0] != pair[1]) << (k + 1);
        }
        while changes != 0 {
            let k = 63 - changes.leading_zeros() as usize;
            changes &= !(1u64 << k);
            if let Some((dir, end)) = run {
                since = search.run(dir, lo + k, end);
                if since.is_some() {
                    break 'blocks;
                }
            }
            run = Some((block[k - 1], lo + k - 1));
        }
        hi = lo;
    }
    if since.is_none() {
        // The earliest run starts at the first return.
        if let Some((dir, end)) = run {
            since = search.run(dir, 0, end);
        }
    }
    let Some((dir, len)) = search.current else {
        return flat;
    };
    let len = i32::try_from(len).unwrap_or(i32::MAX);
    Streak {
        length_sessions: if usize::from(dir) == UP { len } else { -len },
        since_sessions: since,
        history_sessions,
    }
}

/// The runs [`streak`] has walked back over, latest first.
struct Search {
    /// Position of the last return.
    last: usize,
    /// The current streak (the latest run): direction and length.
    current: Option<(u8, usize)>,
}

impl Search {
    /// Takes the complete run of returns `start..=end` in `dir`; once it is
    /// the earlier run "longest since" looks for, the sessions since it.
    fn run(&mut self, dir: u8, start: usize, end: usize) -> Option<u32> {
        let len = end - start + 1;
        match self.current {
            None => {
                self.current = Some((dir, len));
                None
            }
            Some((d, l)) => (dir == d && len >= l).then(|| to_u32(self.last - end)),
        }
    }
}

/// The daily streak of `c`: return `k` is `c[k + 1] / c[k] - 1`.
pub(super) fn daily_streak(c: &[f64]) -> Streak {
    streak(c.len().saturating_sub(1), |lo, out| {
        let (prev, next) = (&c[lo..], &c[lo + 1..]);
        for ((o, x), p) in out.iter_mut().zip(next).zip(prev) {
            *o = direction(x / p - 1.0) as u8;
        }
    })
}

/// The relative streak of `c` against benchmark returns `br` on the same
/// sessions (`br[s]` is the benchmark's return on the session of `c[s]`).
pub(super) fn relative_streak(c: &[f64], br: &[f64]) -> Streak {
    let count = c.len().min(br.len()).saturating_sub(1);
    streak(count, |lo, out| {
        let (prev, next, bench) = (&c[lo..], &c[lo + 1..], &br[lo + 1..]);
        for (((o, x), p), b) in out.iter_mut().zip(next).zip(prev).zip(bench) {
            *o = direction((x / p - 1.0) - b) as u8;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{forward_figures, Benchmark, SeriesRef, Walked};
    use super::*;
    use model::Date;
    use proptest::prelude::*;

    /// Closes in runs: rises, falls, flat days, NaN and levels drawn at
    /// random (ties, new records, long runs past the run table's last
    /// bucket, maxima in any block of [`peak`]).
    fn closes_strategy() -> impl Strategy<Value = Vec<f64>> {
        let step = (0u8..6, 1usize..80, 0.1f64..1000.0);
        prop::collection::vec(step, 1..40).prop_map(|steps| {
            let mut closes: Vec<f64> = Vec::new();
            for (kind, len, level) in steps {
                for _ in 0..len {
                    let prev = closes.last().copied().unwrap_or(level);
                    closes.push(match kind {
                        0 => prev * 1.01,
                        1 => prev * 0.99,
                        2 => prev,
                        3 => f64::NAN,
                        4 => (level * 2.0).round() / 2.0,
                        _ => level,
                    });
                }
            }
            closes
        })
    }

    fn same(a: &Walked, b: &Walked, n: usize) -> Result<(), TestCaseError> {
        prop_assert_eq!(a.streak, b.streak);
        prop_assert_eq!(a.relative_streak, b.relative_streak);
        prop_assert_eq!(
            a.records.running_max.to_bits(),
            b.records.running_max.to_bits()
        );
        prop_assert_eq!(a.records.last, b.records.last);
        if n >= 2 && a.records.last == n - 1 {
            prop_assert_eq!(a.records.previous, b.records.previous);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Read from the end, the streaks and records are the forward
        /// pass's, bit for bit: alone and against a benchmark on the same
        /// calendar (starting `lead` sessions before the series).
        #[test]
        fn from_the_end_is_the_forward_pass(
            closes in closes_strategy(),
            bench in closes_strategy(),
            lead in 0usize..300,
        ) {
            let n = closes.len();
            let base = Date::from_ymd_opt(1990, 1, 1).unwrap_or_default();
            let calendar: Vec<Date> = (0..(lead + n).max(bench.len()))
                .map(|k| base + chrono::Days::new(k as u64))
                .collect();
            let bench_closes: Vec<f64> = (0..calendar.len())
                .map(|k| bench[k % bench.len()])
                .collect();
            let dates = &calendar[lead..lead + n];

            let alone = Walked {
                streak: daily_streak(&closes),
                relative_streak: None,
                records: records(&closes),
            };
            same(&alone, &forward_figures(dates, &closes, None), n)?;

            let b = Benchmark::new(SeriesRef { dates: &calendar, closes: &bench_closes });
            prop_assert_eq!(b.in_step_offset(dates), Some(lead));
            let relative = Walked {
                relative_streak: Some(relative_streak(&closes, &b.returns[lead..lead + n])),
                ..alone
            };
            same(&relative, &forward_figures(dates, &closes, Some(&b)), n)?;
        }
    }

    #[test]
    fn peak_takes_the_first_of_equal_maxima_and_ignores_nan() {
        assert_eq!(peak(&[]), None);
        assert_eq!(peak(&[2.0, 1.0]), Some((2.0, 0)));
        let mut c = vec![1.0; 1000];
        c[300] = f64::NAN;
        c[700] = 5.0;
        c[900] = 5.0;
        assert_eq!(peak(&c), Some((5.0, 700)));
        // Maxima on either edge of a block.
        for at in [PEAK_BLOCK - 1, PEAK_BLOCK, 2 * PEAK_BLOCK, 999] {
            let mut c = vec![1.0; 1000];
            c[at] = 9.0;
            assert_eq!(peak(&c), Some((9.0, at)));
        }
        // A first close of NaN is never exceeded, as in the forward pass.
        let r = peak(&[f64::NAN, 3.0]).map(|(m, at)| (m.is_nan(), at));
        assert_eq!(r, Some((true, 0)));
    }
}
