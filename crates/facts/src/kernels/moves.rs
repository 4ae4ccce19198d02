//! Daily moves, their rank in history, and opening gaps.
//!
//! Method `move.daily` v1: the day's return is close / previous session's
//! close − 1 (percent) and close − previous close (points). Its rank is
//! among all daily returns up to and including the day: a decline is ranked
//! among declines by size (1 = largest decline, 1 + the number of strictly
//! larger declines), a gain among gains. "Worst day since X": X is the last
//! earlier session whose return was ≤ this one (for a gain, "best day since":
//! ≥ this one).
//!
//! Method `move.gap` v1: open / previous session's close − 1.
//!
//! Method `move.extreme` v1: the session with the lowest (largest decline)
//! or highest (largest gain) daily return among sessions `start..` of the
//! cut series; ties go to the earliest session.

/// A daily move and its place in history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyMove {
    /// Return in percent.
    pub return_pct: f64,
    /// Change in points.
    pub points: f64,
    /// Rank among declines (when negative) or gains (when positive); 0 when unchanged.
    pub rank: usize,
    /// Number of declines (negative move) or gains (positive move) ranked against.
    pub n_ranked: usize,
    /// Last earlier session index with a return at least as extreme in the same direction.
    pub since: Option<usize>,
}

/// The move into session `i` (`i >= 1`), reading `closes[..=i]` only.
pub fn daily_move(closes: &[f64], i: usize) -> DailyMove {
    let ret = |j: usize| closes[j] / closes[j - 1] - 1.0;
    let r = ret(i);
    // One pass for the counts, one backward scan for "since".
    let (mut n_ranked, mut more_extreme) = (0, 0);
    for j in 1..=i {
        let x = ret(j);
        if r < 0.0 && x < 0.0 || r > 0.0 && x > 0.0 {
            n_ranked += 1;
        }
        if r < 0.0 && x < r || r > 0.0 && x > r {
            more_extreme += 1;
        }
    }
    let since = if r < 0.0 {
        (1..i).rev().find(|&j| ret(j) <= r)
    } else if r > 0.0 {
        (1..i).rev().find(|&j| ret(j) >= r)
    } else {
        None
    };
    let rank = if r == 0.0 { 0 } else { 1 + more_extreme };
    DailyMove {
        return_pct: r * 100.0,
        points: closes[i] - closes[i - 1],
        rank,
        n_ranked: if r == 0.0 { 0 } else { n_ranked },
        since,
    }
}

/// The session in `start.max(1)..closes.len()` with the lowest (`up` =
/// false) or highest (`up` = true) daily return, and that return in percent;
/// the earliest wins a tie. `None` when the range holds no session with a
/// previous close.
pub fn extreme_move(closes: &[f64], start: usize, up: bool) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for i in start.max(1)..closes.len() {
        let r = (closes[i] / closes[i - 1] - 1.0) * 100.0;
        let better = match best {
            None => true,
            Some((_, b)) => (up && r > b) || (!up && r < b),
        };
        if better {
            best = Some((i, r));
        }
    }
    best
}

/// Opening gap in percent: `open / previous_close − 1`.
pub fn gap_pct(open: f64, previous_close: f64) -> f64 {
    (open / previous_close - 1.0) * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_declines_and_gains_separately() {
        let c = [100.0, 90.0, 99.0, 94.05, 103.455, 98.0];
        // returns: -10 %, +10 %, -5 %, +10 %, -5.27 %
        let m = daily_move(&c, 3);
        assert!((m.return_pct + 5.0).abs() < 1e-9);
        assert_eq!((m.rank, m.n_ranked, m.since), (2, 2, Some(1)));
        let m = daily_move(&c, 4);
        assert_eq!(
            (m.rank, m.n_ranked, m.since),
            (1, 2, Some(2)),
            "tie counts as since"
        );
        let m = daily_move(&c, 5);
        assert_eq!((m.rank, m.n_ranked, m.since), (2, 3, Some(1)));
        assert!((gap_pct(101.0, 100.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn extreme_moves_take_the_earliest_tie() {
        // returns (exact in binary): −50 %, +100 %, −50 %, +50 %
        let c = [100.0, 50.0, 100.0, 50.0, 75.0];
        let (i, r) = extreme_move(&c, 0, false).expect("a decline");
        assert_eq!(i, 1);
        assert!((r + 50.0).abs() < 1e-9);
        assert_eq!(extreme_move(&c, 2, false).map(|x| x.0), Some(3));
        assert_eq!(extreme_move(&c, 0, true).map(|x| x.0), Some(2));
        assert_eq!(extreme_move(&c, 5, true), None);
        assert_eq!(extreme_move(&[100.0], 0, true), None);
    }
}
