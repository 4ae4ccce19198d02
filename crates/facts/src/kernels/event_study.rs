//! Event studies: what followed past occurrences of a condition.
//!
//! Method `event_study.forward` v1: for each occurrence at session i (of the
//! measured series), the forward return over h sessions is
//! close[i + h] / close[i] − 1, kept only when i + h is on or before the
//! as-of date (no look-ahead). Per horizon: count, mean, median and hit rate
//! (share of forward returns > 0), in percent.

/// Forward-return horizons in sessions (one month, quarter, half, year).
pub const HORIZONS: [usize; 4] = [21, 63, 126, 252];

/// Summary of forward returns at one horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Horizon {
    /// Sessions ahead.
    pub sessions: usize,
    /// Occurrences with a full forward window.
    pub n: usize,
    /// Mean forward return, percent.
    pub mean_pct: f64,
    /// Median forward return, percent (mean of the two middle values when even).
    pub median_pct: f64,
    /// Share of forward returns > 0, percent.
    pub hit_pct: f64,
}

/// Forward-return summaries for `occurrences` (indices into `closes`).
/// Horizons with no complete forward window are left out.
pub fn forward_returns(closes: &[f64], occurrences: &[usize], horizons: &[usize]) -> Vec<Horizon> {
    let mut out = Vec::new();
    for &h in horizons {
        let mut r: Vec<f64> = occurrences
            .iter()
            .filter(|&&i| i + h < closes.len())
            .map(|&i| (closes[i + h] / closes[i] - 1.0) * 100.0)
            .collect();
        if r.is_empty() {
            continue;
        }
        r.sort_by(f64::total_cmp);
        let n = r.len();
        let median = if n % 2 == 1 {
            r[n / 2]
        } else {
            (r[n / 2 - 1] + r[n / 2]) / 2.0
        };
        out.push(Horizon {
            sessions: h,
            n,
            mean_pct: r.iter().sum::<f64>() / n as f64,
            median_pct: median,
            hit_pct: r.iter().filter(|x| **x > 0.0).count() as f64 / n as f64 * 100.0,
        });
    }
    out
}

/// Sessions where a run of hits first reaches `min_len` (one per run).
pub fn run_reaches(hits: &[bool], min_len: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut len = 0;
    for (i, &h) in hits.iter().enumerate() {
        len = if h { len + 1 } else { 0 };
        if len == min_len.max(1) {
            out.push(i);
        }
    }
    out
}

/// First session of each drawdown episode at or below `pct` (negative,
/// percent) from the running peak; a new peak starts a new episode.
pub fn drawdown_crossings(closes: &[f64], pct: f64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut peak = f64::NEG_INFINITY;
    let mut armed = true;
    for (i, &c) in closes.iter().enumerate() {
        if c > peak {
            peak = c;
            armed = true;
        }
        if armed && (c / peak - 1.0) * 100.0 <= pct {
            out.push(i);
            armed = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_windows_never_look_past_the_end() {
        let c = [100.0, 110.0, 121.0, 99.0];
        let h = forward_returns(&c, &[0, 1, 2], &[1, 2]);
        // h = 1: +10 %, +10 %, −18.18 %; h = 2: +21 %, −10 %.
        assert_eq!(h[0].n, 3);
        assert!((h[0].median_pct - 10.0).abs() < 1e-9);
        assert!((h[0].hit_pct - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(h[1].n, 2);
        assert!((h[1].mean_pct - 5.5).abs() < 1e-9);
        assert_eq!(
            run_reaches(&[false, true, true, true, false, true, true], 2),
            vec![2, 6]
        );
        assert_eq!(
            drawdown_crossings(&[100.0, 85.0, 80.0, 120.0, 100.0], -10.0),
            vec![1, 4]
        );
    }
}
