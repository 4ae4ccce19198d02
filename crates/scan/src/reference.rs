//! Slow, obviously-correct implementations of each scan figure, one function
//! per metric, written straight from the definitions. The fused kernel is
//! tested against these; nothing else should call them.

use crate::kernel::{sample_std, to_u32, Metrics, SeriesRef, Streak};
use crate::{MONTH_SESSIONS, SMA_SESSIONS, VOLATILITY_SESSIONS};
use chrono::Datelike;
use model::Date;

/// Daily returns: `closes[i] / closes[i - 1] - 1` for `i >= 1`.
pub fn daily_returns(closes: &[f64]) -> Vec<f64> {
    closes.windows(2).map(|w| w[1] / w[0] - 1.0).collect()
}

/// Last close over the close `sessions_back` sessions earlier, minus one.
pub fn trailing_return(closes: &[f64], sessions_back: usize) -> Option<f64> {
    let n = closes.len();
    (n > sessions_back).then(|| closes[n - 1] / closes[n - 1 - sessions_back] - 1.0)
}

/// Year-to-date return: last close over the last close dated before January
/// 1 of the last date's year.
pub fn ytd_return(dates: &[Date], closes: &[f64]) -> Option<f64> {
    let last = *dates.last()?;
    let base = dates
        .iter()
        .zip(closes)
        .filter(|(d, _)| d.year() < last.year())
        .map(|(_, c)| *c)
        .next_back()?;
    Some(closes.last()? / base - 1.0)
}

/// A run of equal signs in a sequence: sign (+1/−1/0), first and last index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    sign: i8,
    start: usize,
    end: usize,
}

fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// Splits signs into maximal runs.
fn runs(signs: &[i8]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &s) in signs.iter().enumerate() {
        match out.last_mut() {
            Some(run) if run.sign == s => run.end = i,
            _ => out.push(Run {
                sign: s,
                start: i,
                end: i,
            }),
        }
    }
    out
}

/// The streak of the last run of `signs`, with "longest since": the last
/// earlier run of the same sign and at least the same length.
pub fn streak_of_signs(signs: &[i8]) -> Streak {
    let history_sessions = to_u32(signs.len());
    let all = runs(signs);
    let Some(current) = all.last().copied().filter(|r| r.sign != 0) else {
        return Streak {
            length_sessions: 0,
            since_sessions: None,
            history_sessions,
        };
    };
    let len = current.end - current.start + 1;
    let since = all[..all.len() - 1]
        .iter()
        .rev()
        .find(|r| r.sign == current.sign && r.end - r.start + 1 >= len)
        .map(|r| to_u32(current.end - r.end));
    let len = i32::try_from(len).unwrap_or(i32::MAX);
    Streak {
        length_sessions: if current.sign > 0 { len } else { -len },
        since_sessions: since,
        history_sessions,
    }
}

/// Up/down streak of daily returns ending at the last close.
pub fn streak(closes: &[f64]) -> Streak {
    let signs: Vec<i8> = daily_returns(closes).into_iter().map(sign).collect();
    streak_of_signs(&signs)
}

/// Relative streak of `a` against `b`: both cut to their common dates, the
/// returns from one common date to the next compared.
pub fn relative_streak(a: SeriesRef<'_>, b: SeriesRef<'_>) -> Streak {
    let mut common_a = Vec::new();
    let mut common_b = Vec::new();
    for (da, ca) in a.dates.iter().zip(a.closes) {
        if let Ok(k) = b.dates.binary_search(da) {
            common_a.push(*ca);
            common_b.push(b.closes[k]);
        }
    }
    let ra = daily_returns(&common_a);
    let rb = daily_returns(&common_b);
    let signs: Vec<i8> = ra.iter().zip(&rb).map(|(x, y)| sign(x - y)).collect();
    streak_of_signs(&signs)
}

/// Indices of record closes (above every earlier close, i.e. above the
/// maximum of the earlier closes); the first close is included.
pub fn record_indices(closes: &[f64]) -> Vec<usize> {
    let mut earlier_max = f64::NEG_INFINITY;
    let mut out = Vec::new();
    for (i, &c) in closes.iter().enumerate() {
        if c > earlier_max {
            out.push(i);
        }
        earlier_max = earlier_max.max(c);
    }
    out
}

/// Last close / maximum close − 1.
pub fn drawdown(closes: &[f64]) -> Option<f64> {
    let max = closes.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(closes.last()? / max - 1.0)
}

/// Sample standard deviation of the last `window` daily returns.
pub fn volatility(closes: &[f64], window: usize) -> Option<f64> {
    let r = daily_returns(closes);
    (r.len() >= window).then(|| sample_std(&r[r.len() - window..]))
}

/// Last close / mean of the last `window` closes − 1.
pub fn sma_gap(closes: &[f64], window: usize) -> Option<f64> {
    let n = closes.len();
    (n >= window && window > 0).then(|| {
        let mean = closes[n - window..].iter().sum::<f64>() / window as f64;
        closes[n - 1] / mean - 1.0
    })
}

/// Every figure of [`Metrics`] from the functions above.
pub fn metrics(series: SeriesRef<'_>, benchmark: Option<SeriesRef<'_>>) -> Option<Metrics> {
    let (d, c) = (series.dates, series.closes);
    let n = d.len();
    if n == 0 {
        return None;
    }
    let records = record_indices(c);
    let last_record = *records.last()?;
    let record_close = n >= 2 && last_record == n - 1;
    Some(Metrics {
        sessions: to_u32(n),
        last_date: d[n - 1],
        close: c[n - 1],
        return_1d: trailing_return(c, 1),
        return_1m: trailing_return(c, MONTH_SESSIONS),
        return_ytd: ytd_return(d, c),
        streak: streak(c),
        relative_streak: benchmark.map(|b| relative_streak(series, b)),
        record_close,
        sessions_since_record: to_u32(n - 1 - last_record),
        record_gap_sessions: record_close.then(|| to_u32(n - 1 - records[records.len() - 2])),
        drawdown: drawdown(c)?,
        volatility_20d: volatility(c, VOLATILITY_SESSIONS),
        sma200_gap: sma_gap(c, SMA_SESSIONS),
    })
}
