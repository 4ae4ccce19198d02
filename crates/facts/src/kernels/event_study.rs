//! Event studies: what followed past occurrences of a condition.
//!
//! Method `event_study.forward` v1: for each occurrence at session i (of the
//! measured series), the forward return over h sessions is
//! close[i + h] / close[i] − 1, kept only when i + h is on or before the
//! as-of date (no look-ahead). Per horizon: count, mean, median and hit rate
//! (share of forward returns > 0), in percent; the same over every session
//! of the series is the unconditional baseline ([`baseline`]).
//!
//! Occurrences are found with data up to their own date only, so that an
//! event is known on the session it is dated: a streak's occurrence is the
//! session its run *reaches* the length ([`run_reaches`]), not the run's last
//! session (which is only known one session later, when the run breaks).
//!
//! Method `event_study.january` v1 (the January barometer, [`january_years`],
//! [`barometer`]): for each year, January's return (last January close /
//! last close of the previous December − 1) and the February–December return
//! (last December close / last January close − 1); years whose January is
//! strictly above the threshold (below, when negative) against the others.

use chrono::Datelike;
use model::Date;
use std::collections::BTreeMap;

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
    /// Number of forward returns > 0 (so a writer can say "4 of 5").
    pub n_higher: usize,
}

/// Forward return in percent from session `i` over `h` sessions, when
/// session `i + h` is in `closes`.
pub fn forward_return_pct(closes: &[f64], i: usize, h: usize) -> Option<f64> {
    let j = i.checked_add(h)?;
    let (a, b) = (*closes.get(i)?, *closes.get(j)?);
    Some((b / a - 1.0) * 100.0)
}

/// Median (mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// Share of values > 0, percent; `None` when empty.
pub fn hit_pct(values: &[f64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().filter(|x| **x > 0.0).count() as f64 / values.len() as f64 * 100.0)
}

fn summarise(sessions: usize, r: &[f64]) -> Option<Horizon> {
    Some(Horizon {
        sessions,
        n: r.len(),
        mean_pct: r.iter().sum::<f64>() / r.len() as f64,
        median_pct: median(r)?,
        hit_pct: hit_pct(r)?,
        n_higher: r.iter().filter(|x| **x > 0.0).count(),
    })
}

/// Forward-return summaries for `occurrences` (indices into `closes`).
/// Horizons with no complete forward window are left out.
pub fn forward_returns(closes: &[f64], occurrences: &[usize], horizons: &[usize]) -> Vec<Horizon> {
    horizons
        .iter()
        .filter_map(|&h| {
            let r: Vec<f64> = occurrences
                .iter()
                .filter_map(|&i| forward_return_pct(closes, i, h))
                .collect();
            summarise(h, &r)
        })
        .collect()
}

/// The unconditional baseline: forward-return summaries from every session.
pub fn baseline(closes: &[f64], horizons: &[usize]) -> Vec<Horizon> {
    horizons
        .iter()
        .filter_map(|&h| {
            let r: Vec<f64> = (0..closes.len().saturating_sub(h))
                .map(|i| (closes[i + h] / closes[i] - 1.0) * 100.0)
                .collect();
            summarise(h, &r)
        })
        .collect()
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

/// Sessions whose return is ≤ `pct` (negative threshold) or ≥ `pct`
/// (zero or positive), percent.
pub fn daily_moves(closes: &[f64], pct: f64) -> Vec<usize> {
    (1..closes.len())
        .filter(|&i| {
            let r = (closes[i] / closes[i - 1] - 1.0) * 100.0;
            if pct < 0.0 {
                r <= pct
            } else {
                r >= pct
            }
        })
        .collect()
}

/// Record closes: sessions closing above every earlier close (the first
/// session has no earlier close and is not one).
pub fn record_closes(closes: &[f64]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut max = f64::NEG_INFINITY;
    for (i, &c) in closes.iter().enumerate() {
        if c > max {
            if i > 0 {
                out.push(i);
            }
            max = c;
        }
    }
    out
}

/// One drawdown episode past a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Episode {
    /// Index of the running peak close (its first session).
    pub peak: usize,
    /// First session at or below the threshold under that peak.
    pub crossing: usize,
}

/// Each drawdown episode at or below `pct` (negative, percent) from the
/// running peak: its peak and first crossing. A new peak (a close strictly
/// above the running maximum) starts a new episode.
pub fn drawdown_episodes(closes: &[f64], pct: f64) -> Vec<Episode> {
    let mut out = Vec::new();
    let mut peak = 0;
    let mut armed = true;
    for (i, &c) in closes.iter().enumerate() {
        if c > closes[peak] {
            peak = i;
            armed = true;
        }
        if armed && (c / closes[peak] - 1.0) * 100.0 <= pct {
            out.push(Episode { peak, crossing: i });
            armed = false;
        }
    }
    out
}

/// First session of each drawdown episode at or below `pct` (negative,
/// percent) from the running peak; a new peak starts a new episode.
pub fn drawdown_crossings(closes: &[f64], pct: f64) -> Vec<usize> {
    drawdown_episodes(closes, pct)
        .into_iter()
        .map(|e| e.crossing)
        .collect()
}

/// A return series in percent compounded into an index starting at 100
/// (before the first return).
pub fn compound_index(returns_pct: &[f64]) -> Vec<f64> {
    let mut level = 100.0;
    returns_pct
        .iter()
        .map(|r| {
            level *= 1.0 + r / 100.0;
            level
        })
        .collect()
}

/// One year of a January study.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JanuaryYear {
    /// The year.
    pub year: i32,
    /// January's return, percent.
    pub january_pct: f64,
    /// February–December return, percent (`None` until the year is over and
    /// its December is in the data).
    pub rest_pct: Option<f64>,
    /// Index of the previous December's last observation (the base).
    pub base_idx: usize,
    /// Index of the last January observation.
    pub january_idx: usize,
}

/// January and February–December returns from closes (or a compounded
/// index). A year counts once its January is over (31 January ≤ `as_of`)
/// and the previous December is in the data; `rest_pct` needs 31 December
/// ≤ `as_of` and a December observation.
pub fn january_years(dates: &[Date], levels: &[f64], as_of: Date) -> Vec<JanuaryYear> {
    // Last observation index of each (year, month).
    let mut last_of: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for (i, d) in dates.iter().enumerate().take(levels.len()) {
        last_of.insert((d.year(), d.month()), i);
    }
    let mut out = Vec::new();
    for (&(y, m), &jan) in &last_of {
        if m != 1 || Date::from_ymd_opt(y, 1, 31).is_none_or(|e| e > as_of) {
            continue;
        }
        let Some(&dec0) = last_of.get(&(y - 1, 12)) else {
            continue;
        };
        let year_over = Date::from_ymd_opt(y, 12, 31).is_some_and(|e| e <= as_of);
        let rest_pct = last_of
            .get(&(y, 12))
            .filter(|_| year_over)
            .map(|&dec| (levels[dec] / levels[jan] - 1.0) * 100.0);
        out.push(JanuaryYear {
            year: y,
            january_pct: (levels[jan] / levels[dec0] - 1.0) * 100.0,
            rest_pct,
            base_idx: dec0,
            january_idx: jan,
        });
    }
    out
}

/// Whether a January return is a signal: strictly above `pct` (strictly
/// below when `pct` is negative).
pub fn january_signal(january_pct: f64, pct: f64) -> bool {
    if pct < 0.0 {
        january_pct < pct
    } else {
        january_pct > pct
    }
}

/// The January barometer over complete years.
#[derive(Debug, Clone, PartialEq)]
pub struct Barometer {
    /// Complete years (January and February–December both known).
    pub n_years: usize,
    /// Complete years whose January was a signal.
    pub n_signal: usize,
    /// February–December returns after a signal January, percent.
    pub signal_rest_pct: Vec<f64>,
    /// February–December returns in the other complete years, percent.
    pub other_rest_pct: Vec<f64>,
    /// Years in which January's sign (> 0) matched February–December's.
    pub n_agree: usize,
}

/// Splits the complete years of `years` by [`january_signal`].
pub fn barometer(years: &[JanuaryYear], pct: f64) -> Barometer {
    let mut b = Barometer {
        n_years: 0,
        n_signal: 0,
        signal_rest_pct: Vec::new(),
        other_rest_pct: Vec::new(),
        n_agree: 0,
    };
    for y in years {
        let Some(rest) = y.rest_pct else { continue };
        b.n_years += 1;
        if (rest > 0.0) == (y.january_pct > 0.0) {
            b.n_agree += 1;
        }
        if january_signal(y.january_pct, pct) {
            b.n_signal += 1;
            b.signal_rest_pct.push(rest);
        } else {
            b.other_rest_pct.push(rest);
        }
    }
    b
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
        // Baseline from every session: h = 2 has +21 % and −10 % only.
        let b = baseline(&c, &[2, 4]);
        assert_eq!(b.len(), 1, "no 4-session window in 4 closes");
        assert_eq!(b[0].n, 2);
        assert!((b[0].median_pct - 5.5).abs() < 1e-9);
        assert!(forward_return_pct(&c, 1, 2).is_some_and(|r| (r + 10.0).abs() < 1e-9));
        assert_eq!(forward_return_pct(&c, 2, 2), None);
        assert_eq!(
            run_reaches(&[false, true, true, true, false, true, true], 2),
            vec![2, 6]
        );
        assert_eq!(
            drawdown_crossings(&[100.0, 85.0, 80.0, 120.0, 100.0], -10.0),
            vec![1, 4]
        );
    }

    #[test]
    fn occurrences_on_hand_made_series() {
        // Hand check: 100, 89 (−11 %), 95, 110 (record), 98 (−10.9 % from 110).
        let c = [100.0, 89.0, 95.0, 110.0, 98.0];
        assert_eq!(
            drawdown_episodes(&c, -10.0),
            vec![
                Episode {
                    peak: 0,
                    crossing: 1
                },
                Episode {
                    peak: 3,
                    crossing: 4
                }
            ]
        );
        assert_eq!(record_closes(&c), vec![3]);
        assert_eq!(daily_moves(&c, -10.0), vec![1, 4]);
        assert_eq!(daily_moves(&c, 15.0), vec![3]);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        let idx = compound_index(&[10.0, -10.0]);
        assert!((idx[1] - 99.0).abs() < 1e-9);
    }

    #[test]
    fn january_barometer_by_hand() {
        let d = |s: &str| model::parse_iso_date(s).expect("date");
        let dates = [
            d("2020-12-31"),
            d("2021-01-29"),
            d("2021-12-31"),
            d("2022-01-31"),
            d("2022-12-30"),
            d("2023-01-31"),
        ];
        let levels = [100.0, 105.0, 126.0, 113.4, 90.72, 95.256];
        // 2021: Jan +5 %, rest +20 %; 2022: Jan −10 %, rest −20 %;
        // 2023: Jan +5 %, rest unknown (year not over).
        let ys = january_years(&dates, &levels, d("2023-02-15"));
        assert_eq!(ys.len(), 3);
        assert!((ys[0].january_pct - 5.0).abs() < 1e-9);
        assert!((ys[1].rest_pct.expect("2022 over") + 20.0).abs() < 1e-9);
        assert_eq!(ys[2].rest_pct, None);
        let b = barometer(&ys, 0.0);
        assert_eq!((b.n_years, b.n_signal, b.n_agree), (2, 1, 2));
        // January 2023 not over on 2023-01-20: not a year yet.
        assert_eq!(january_years(&dates, &levels, d("2023-01-20")).len(), 2);
        assert!(!january_signal(0.0, 0.0), "a flat January is not above 0 %");
        assert!(january_signal(-3.0, -2.0));
    }
}
