//! Simple moving averages and crosses.
//!
//! Method `ma.simple` v1: the N-day simple moving average at session i is the
//! mean of closes[i − N + 1 ..= i] (it includes the day). The close is above
//! the average when close > MA and below otherwise (equal counts as below).
//! The current side began at the first session of the current run of
//! sessions on that side (the last cross); "first close below the 200-day
//! since X": X is the last earlier session on the same side before that run.

/// Simple moving averages: element `k` is the mean of `closes[k ..k + window]`,
/// i.e. the average ending at session `k + window − 1`. Empty when too short.
pub fn sma(closes: &[f64], window: usize) -> Vec<f64> {
    if window == 0 || closes.len() < window {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(closes.len() + 1 - window);
    let mut sum: f64 = closes[..window].iter().sum();
    out.push(sum / window as f64);
    for k in window..closes.len() {
        sum += closes[k] - closes[k - window];
        out.push(sum / window as f64);
    }
    out
}

/// Where the close stands against its moving average at session `i`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaPosition {
    /// The average at `i`.
    pub ma: f64,
    /// Close above the average (strictly).
    pub above: bool,
    /// Close vs average in percent.
    pub distance_pct: f64,
    /// First session of the current run on this side (the last cross), if a
    /// cross happened since the average exists.
    pub side_since: Option<usize>,
    /// Last session before that run that was on the same side.
    pub previous_same_side: Option<usize>,
}

/// Position of `closes[i]` vs its `window`-session average, reading `closes[..=i]`.
/// `None` when fewer than `window` closes exist up to `i`.
pub fn ma_position(closes: &[f64], window: usize, i: usize) -> Option<MaPosition> {
    let closes = &closes[..=i];
    let avgs = sma(closes, window);
    let last = avgs.len().checked_sub(1)?;
    let offset = window - 1;
    let side = |k: usize| closes[k + offset] > avgs[k];
    let above = side(last);
    let mut k = last;
    while k > 0 && side(k - 1) == above {
        k -= 1;
    }
    let side_since = (k > 0).then_some(k + offset);
    let previous_same_side = if k > 0 {
        (0..k - 1)
            .rev()
            .find(|&j| side(j) == above)
            .map(|j| j + offset)
    } else {
        None
    };
    let ma = avgs[last];
    Some(MaPosition {
        ma,
        above,
        distance_pct: (closes[i] / ma - 1.0) * 100.0,
        side_since,
        previous_same_side,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sma_and_cross() {
        let c = [1.0, 2.0, 3.0, 4.0, 1.0, 1.0, 5.0];
        assert_eq!(sma(&c, 3), vec![2.0, 3.0, 8.0 / 3.0, 2.0, 7.0 / 3.0]);
        // sides (close > ma): idx2 3>2 T, idx3 4>3 T, idx4 1>2.67 F, idx5 1>2 F, idx6 5>2.33 T
        let p = ma_position(&c, 3, 6).expect("enough");
        assert!(p.above);
        assert_eq!(p.side_since, Some(6));
        assert_eq!(p.previous_same_side, Some(3));
        let p = ma_position(&c, 3, 5).expect("enough");
        assert!(!p.above);
        assert_eq!(p.side_since, Some(4));
        assert_eq!(p.previous_same_side, None);
        assert!(ma_position(&c, 3, 1).is_none());
    }
}
