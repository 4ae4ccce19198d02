//! Drawdowns from the running peak.
//!
//! Method `drawdown.close` v1: drawdown at session i is close[i] / max(close[..=i]) − 1
//! (percent, ≤ 0). The peak is the earliest session at which that running
//! maximum was reached. Within the current drawdown (since the peak), the
//! correction start is the first close at or below −10 % and the bear-market
//! start the first close at or below −20 %; the trough is the lowest close
//! since the peak.

/// Correction threshold in percent.
pub const CORRECTION_PCT: f64 = -10.0;
/// Bear-market threshold in percent.
pub const BEAR_PCT: f64 = -20.0;

/// The drawdown at one session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawdown {
    /// Drawdown in percent (≤ 0).
    pub drawdown_pct: f64,
    /// Index of the running peak.
    pub peak: usize,
    /// Index of the lowest close since the peak.
    pub trough: usize,
    /// Drawdown at the trough, percent.
    pub trough_pct: f64,
    /// First close at or below −10 % since the peak.
    pub correction_start: Option<usize>,
    /// First close at or below −20 % since the peak.
    pub bear_start: Option<usize>,
}

/// Drawdown series in percent: `close / running max − 1`.
pub fn drawdown_series_pct(closes: &[f64]) -> Vec<f64> {
    let mut peak = f64::NEG_INFINITY;
    closes
        .iter()
        .map(|&c| {
            peak = peak.max(c);
            (c / peak - 1.0) * 100.0
        })
        .collect()
}

/// First index at or after `from` (up to `i`) whose drawdown from `closes[peak]` is ≤ `pct`.
fn first_at_or_below(closes: &[f64], peak: usize, i: usize, pct: f64) -> Option<usize> {
    (peak..=i).find(|&j| (closes[j] / closes[peak] - 1.0) * 100.0 <= pct)
}

/// The drawdown at session `i`, reading `closes[..=i]` only.
pub fn drawdown_at(closes: &[f64], i: usize) -> Drawdown {
    let mut peak = 0;
    for j in 1..=i {
        if closes[j] > closes[peak] {
            peak = j;
        }
    }
    let mut trough = peak;
    for j in peak..=i {
        if closes[j] < closes[trough] {
            trough = j;
        }
    }
    Drawdown {
        drawdown_pct: (closes[i] / closes[peak] - 1.0) * 100.0,
        peak,
        trough,
        trough_pct: (closes[trough] / closes[peak] - 1.0) * 100.0,
        correction_start: first_at_or_below(closes, peak, i, CORRECTION_PCT),
        bear_start: first_at_or_below(closes, peak, i, BEAR_PCT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correction_and_bear_starts() {
        let c = [100.0, 120.0, 110.0, 107.0, 95.0, 100.0];
        let d = drawdown_at(&c, 5);
        assert_eq!(d.peak, 1);
        assert_eq!(d.correction_start, Some(3), "107/120 − 1 = −10.8 %");
        assert_eq!(d.bear_start, Some(4), "95/120 − 1 = −20.8 %");
        assert_eq!(d.trough, 4);
        assert!((d.drawdown_pct - (100.0 / 120.0 - 1.0) * 100.0).abs() < 1e-12);
        let s = drawdown_series_pct(&c);
        assert_eq!(s[1], 0.0);
        assert!(s.iter().all(|x| *x <= 0.0));
    }
}
