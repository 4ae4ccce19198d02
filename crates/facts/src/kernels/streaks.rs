//! Streaks: runs of consecutive sessions that meet a condition.
//!
//! Method `streak.absolute` v1: session `i` counts for an up (down) streak
//! when `closes[i] / closes[i − 1] − 1` is > 0 (< 0); an unchanged session
//! breaks both kinds. Method `streak.relative` v1: on the grid of sessions
//! common to A and B, session `k` counts when A's return from the previous
//! common session is greater (less) than B's; equal returns break it. Both
//! returns are computed on that common grid, so a session only one of the
//! two series has is skipped, not counted.
//!
//! A streak's "hit" vector has one flag per session; flag 0 is always false
//! because the first session has no return. A [`Run`] is a maximal block of
//! true flags; its change is measured from the close *before* its first day.
//!
//! "Longest since" (DESIGN.md): the last earlier streak of at least the same
//! length that ended before this one began; none means longest on record.

use model::Date;

/// A maximal run of hits, as inclusive session indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First session of the run.
    pub start: usize,
    /// Last session of the run.
    pub end: usize,
}

impl Run {
    /// Number of sessions in the run.
    pub fn len(&self) -> usize {
        self.end + 1 - self.start
    }
    /// Whether the run is empty (never true for runs from [`runs`]).
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }
}

/// Up-day flags: `closes[i] > closes[i − 1]`.
pub fn up_hits(closes: &[f64]) -> Vec<bool> {
    hits_by(closes, |r| r > 0.0)
}

/// Down-day flags: `closes[i] < closes[i − 1]`.
pub fn down_hits(closes: &[f64]) -> Vec<bool> {
    hits_by(closes, |r| r < 0.0)
}

fn hits_by(closes: &[f64], keep: impl Fn(f64) -> bool) -> Vec<bool> {
    let mut hits = Vec::with_capacity(closes.len());
    if !closes.is_empty() {
        hits.push(false);
    }
    hits.extend(closes.windows(2).map(|w| keep(w[1] / w[0] - 1.0)));
    hits
}

/// Relative flags on aligned closes: A's return beats B's (`up`) or trails it.
pub fn relative_hits(a: &[f64], b: &[f64], up: bool) -> Vec<bool> {
    let n = a.len().min(b.len());
    let mut hits = Vec::with_capacity(n);
    if n > 0 {
        hits.push(false);
    }
    for i in 1..n {
        let ra = a[i] / a[i - 1] - 1.0;
        let rb = b[i] / b[i - 1] - 1.0;
        hits.push(if up { ra > rb } else { ra < rb });
    }
    hits
}

/// Two series aligned on their common dates, with each point's index in its
/// own series (for citing exactly what was read).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommonGrid {
    /// Common dates.
    pub dates: Vec<Date>,
    /// A's values on the common dates.
    pub a: Vec<f64>,
    /// B's values on the common dates.
    pub b: Vec<f64>,
    /// Index in A's series of each common date.
    pub a_idx: Vec<usize>,
    /// Index in B's series of each common date.
    pub b_idx: Vec<usize>,
}

/// Intersects two sorted date columns (a merge walk, O(n + m)).
pub fn common_grid(dates_a: &[Date], a: &[f64], dates_b: &[Date], b: &[f64]) -> CommonGrid {
    let mut grid = CommonGrid::default();
    let (mut i, mut j) = (0, 0);
    while i < dates_a.len() && j < dates_b.len() {
        match dates_a[i].cmp(&dates_b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                grid.dates.push(dates_a[i]);
                grid.a.push(a[i]);
                grid.b.push(b[j]);
                grid.a_idx.push(i);
                grid.b_idx.push(j);
                i += 1;
                j += 1;
            }
        }
    }
    grid
}

/// Every maximal run of true flags, in order.
pub fn runs(hits: &[bool]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &h) in hits.iter().enumerate() {
        match (h, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Run {
                    start: s,
                    end: i - 1,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Run {
            start: s,
            end: hits.len() - 1,
        });
    }
    out
}

/// Length of the run of true flags ending at `end` (0 when `hits[end]` is false).
pub fn run_length_ending_at(hits: &[bool], end: usize) -> usize {
    hits[..=end].iter().rev().take_while(|h| **h).count()
}

/// The current streak at a session and how it compares with history.
#[derive(Debug, Clone, PartialEq)]
pub struct StreakStats {
    /// The streak ending at the session; `None` when the session breaks it.
    pub current: Option<Run>,
    /// Last earlier streak of at least the same length that ended before the
    /// current one began (`None` with a current streak: longest on record).
    pub longest_since: Option<Run>,
    /// 1 + number of completed earlier streaks strictly longer.
    pub rank: usize,
    /// Completed earlier streaks of exactly the same length.
    pub ties: usize,
    /// Completed earlier streaks (those that ended before the current began).
    pub n_completed: usize,
    /// Longest completed earlier streak, if any.
    pub longest_completed: Option<Run>,
}

/// Method `streak.stats` v1: the streak ending at `end`, its "longest since",
/// and its rank among all streaks that ended before it began. Reads
/// `hits[..=end]` only.
pub fn streak_stats(hits: &[bool], end: usize) -> StreakStats {
    let hits = &hits[..=end];
    let len = run_length_ending_at(hits, end);
    let current = (len > 0).then(|| Run {
        start: end + 1 - len,
        end,
    });
    let before = current.map_or(end + 1, |c| c.start);
    let completed: Vec<Run> = runs(&hits[..before.min(hits.len())]);
    let longest_since = if len > 0 {
        completed.iter().rev().find(|r| r.len() >= len).copied()
    } else {
        None
    };
    let rank = 1 + completed.iter().filter(|r| r.len() > len).count();
    let ties = completed.iter().filter(|r| r.len() == len).count();
    let longest_completed =
        completed
            .iter()
            .copied()
            .reduce(|best, r| if r.len() > best.len() { r } else { best });
    StreakStats {
        current,
        longest_since,
        rank,
        ties,
        n_completed: completed.len(),
        longest_completed,
    }
}

/// Method `streak.count` v1: runs of at least `min_len` flags, computed on
/// `hits[..=end]`, whose last session is at or after `from`. A run still
/// going at `end` counts with its length so far; a run that began before
/// `from` counts with its full length.
pub fn count_runs(hits: &[bool], min_len: usize, from: usize, end: usize) -> Vec<Run> {
    runs(&hits[..=end])
        .into_iter()
        .filter(|r| r.end >= from && r.len() >= min_len.max(1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_day_breaks_a_streak() {
        let closes = [10.0, 11.0, 12.0, 12.0, 13.0, 14.0, 15.0];
        let up = up_hits(&closes);
        assert_eq!(up, vec![false, true, true, false, true, true, true]);
        let s = streak_stats(&up, 6);
        assert_eq!(s.current, Some(Run { start: 4, end: 6 }));
        assert_eq!(
            s.longest_since, None,
            "3 > the earlier 2: longest on record"
        );
        assert_eq!(s.rank, 1);
        let s = streak_stats(&up, 5);
        assert_eq!(s.current.map(|r| r.len()), Some(2));
        assert_eq!(s.longest_since, Some(Run { start: 1, end: 2 }));
        assert_eq!(s.ties, 1);
        let s = streak_stats(&up, 3);
        assert_eq!(s.current, None);
        assert!(down_hits(&closes).iter().all(|h| !h));
    }

    #[test]
    fn relative_streak_on_common_grid() {
        let da = [1, 2, 3, 5].map(|d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).expect("d"));
        let db = [1, 3, 4, 5].map(|d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).expect("d"));
        let g = common_grid(&da, &[1.0, 5.0, 2.0, 2.2], &db, &[1.0, 1.0, 9.0, 1.05]);
        assert_eq!(g.dates.len(), 3);
        assert_eq!(g.a_idx, vec![0, 2, 3]);
        assert_eq!(g.b_idx, vec![0, 1, 3]);
        // A: +100 %, +10 %; B: 0 %, +5 %.
        assert_eq!(relative_hits(&g.a, &g.b, true), vec![false, true, true]);
        assert_eq!(
            count_runs(&relative_hits(&g.a, &g.b, true), 2, 0, 2).len(),
            1
        );
    }
}
