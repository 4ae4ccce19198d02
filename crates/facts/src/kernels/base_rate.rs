//! Base rates over rolling windows of monthly returns.
//!
//! Method `base_rate.rolling` v1: given two aligned monthly return columns in
//! percent (A and B, on their common months), every window of `window_months`
//! consecutive months (step one month) compounds A and B
//! (∏(1 + r/100) − 1); the base rate is the share of windows in which A
//! compounded more than B. Over the whole span it also reports
//! - the arithmetic mean annual difference: mean of monthly (A − B) × 12, and
//! - the geometric difference: A's annualised compound return minus B's
//!   (∏(1 + r/100)^(12/n) − 1), in percent a year;
//! - the mean over windows of the annualised difference per window.
//!
//! Windows never span a gap: months must be consecutive calendar months.
//! Method `base_rate.monthly_from_daily` v1: a daily close series becomes
//! monthly returns from the last close of each calendar month.

use chrono::Datelike;
use model::Date;

/// Result of a rolling base-rate computation.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseRate {
    /// Number of windows.
    pub n_windows: usize,
    /// Windows in which A compounded more than B.
    pub n_a_wins: usize,
    /// Share of windows A won, in percent.
    pub share_pct: f64,
    /// Mean over windows of (A annualised − B annualised), percent a year.
    pub mean_window_diff_pct: f64,
    /// Mean monthly difference × 12 over the whole span, percent a year.
    pub arithmetic_diff_pct: f64,
    /// A annualised compound − B annualised compound over the whole span.
    pub geometric_diff_pct: f64,
    /// A annualised compound return over the whole span, percent.
    pub a_annualised_pct: f64,
    /// B annualised compound return over the whole span, percent.
    pub b_annualised_pct: f64,
    /// Index (in the inputs) of the first and last month used.
    pub span: (usize, usize),
    /// Index of the first month of the first and of the last window.
    pub first_window_start: usize,
    /// Index of the first month of the last window.
    pub last_window_start: usize,
}

fn month_number(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn annualised_pct(growth: f64, months: usize) -> f64 {
    (growth.powf(12.0 / months as f64) - 1.0) * 100.0
}

/// The last run of consecutive calendar months in `dates` (index range).
pub fn last_consecutive_run(dates: &[Date]) -> std::ops::Range<usize> {
    let mut start = 0;
    for i in 1..dates.len() {
        if month_number(dates[i]) != month_number(dates[i - 1]) + 1 {
            start = i;
        }
    }
    start..dates.len()
}

/// Rolling base rate of A over B. `dates` are the months (any day within the
/// month) shared by `a` and `b` (percent returns). Returns `None` when fewer
/// than `window_months` consecutive months exist.
pub fn rolling_base_rate(
    dates: &[Date],
    a: &[f64],
    b: &[f64],
    window_months: usize,
) -> Option<BaseRate> {
    let n = dates.len().min(a.len()).min(b.len());
    if window_months == 0 || n < window_months {
        return None;
    }
    // Prefix sums of log growth make each window O(1).
    let mut la = vec![0.0; n + 1];
    let mut lb = vec![0.0; n + 1];
    for i in 0..n {
        la[i + 1] = la[i] + (1.0 + a[i] / 100.0).ln();
        lb[i + 1] = lb[i] + (1.0 + b[i] / 100.0).ln();
    }
    let mut gap_before = vec![false; n];
    for i in 1..n {
        gap_before[i] = month_number(dates[i]) != month_number(dates[i - 1]) + 1;
    }
    let mut gaps = vec![0usize; n + 1];
    for i in 0..n {
        gaps[i + 1] = gaps[i] + usize::from(gap_before[i]);
    }
    let (mut n_windows, mut wins, mut diff_sum) = (0usize, 0usize, 0.0);
    let (mut first_start, mut last_start) = (None, 0);
    for s in 0..=n - window_months {
        let e = s + window_months;
        // A gap inside the window (between s and e − 1) disqualifies it.
        if gaps[e] - gaps[s + 1] > 0 {
            continue;
        }
        let ga = la[e] - la[s];
        let gb = lb[e] - lb[s];
        n_windows += 1;
        if ga > gb {
            wins += 1;
        }
        diff_sum +=
            annualised_pct(ga.exp(), window_months) - annualised_pct(gb.exp(), window_months);
        first_start.get_or_insert(s);
        last_start = s;
    }
    let first_start = first_start?;
    let arithmetic = (0..n).map(|i| a[i] - b[i]).sum::<f64>() / n as f64 * 12.0;
    let a_ann = annualised_pct(la[n].exp(), n);
    let b_ann = annualised_pct(lb[n].exp(), n);
    Some(BaseRate {
        n_windows,
        n_a_wins: wins,
        share_pct: wins as f64 / n_windows as f64 * 100.0,
        mean_window_diff_pct: diff_sum / n_windows as f64,
        arithmetic_diff_pct: arithmetic,
        geometric_diff_pct: a_ann - b_ann,
        a_annualised_pct: a_ann,
        b_annualised_pct: b_ann,
        span: (0, n - 1),
        first_window_start: first_start,
        last_window_start: last_start,
    })
}

/// Monthly returns in percent from daily closes: for each calendar month
/// after the first, last close of the month / last close of the previous
/// month − 1. Returns `(month's last session date, return_pct, index of
/// that session)`; the first month only serves as a base.
pub fn monthly_returns_from_daily(dates: &[Date], closes: &[f64]) -> Vec<(Date, f64, usize)> {
    let mut ends: Vec<usize> = Vec::new();
    for i in 0..dates.len() {
        let last_of_month = dates
            .get(i + 1)
            .is_none_or(|next| month_number(*next) != month_number(dates[i]));
        if last_of_month {
            ends.push(i);
        }
    }
    ends.windows(2)
        .map(|w| {
            (
                dates[w[1]],
                (closes[w[1]] / closes[w[0]] - 1.0) * 100.0,
                w[1],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Date {
        chrono::NaiveDate::from_ymd_opt(y, mo, 1).expect("month")
    }

    #[test]
    fn rolling_windows_count_wins() {
        let dates: Vec<Date> = (1..=4).map(|k| m(2000, k)).collect();
        let a = [10.0, 0.0, 0.0, 0.0];
        let b = [0.0, 5.0, 5.0, 5.0];
        let r = rolling_base_rate(&dates, &a, &b, 2).expect("windows");
        // windows: (10,0) vs (0,5): A; (0,0) vs (5,5): B; (0,0) vs (5,5): B.
        assert_eq!((r.n_windows, r.n_a_wins), (3, 1));
        assert!((r.arithmetic_diff_pct - (10.0 - 15.0) / 4.0 * 12.0).abs() < 1e-9);
    }

    #[test]
    fn windows_skip_gaps() {
        let dates = vec![m(2000, 1), m(2000, 2), m(2000, 4), m(2000, 5)];
        let r = rolling_base_rate(&dates, &[1.0; 4], &[0.0; 4], 2).expect("windows");
        assert_eq!(r.n_windows, 2);
    }

    #[test]
    fn month_ends_from_daily() {
        let dates = [
            chrono::NaiveDate::from_ymd_opt(2000, 1, 30).expect("d"),
            chrono::NaiveDate::from_ymd_opt(2000, 1, 31).expect("d"),
            chrono::NaiveDate::from_ymd_opt(2000, 2, 28).expect("d"),
            chrono::NaiveDate::from_ymd_opt(2000, 3, 1).expect("d"),
        ];
        let m = monthly_returns_from_daily(&dates, &[1.0, 2.0, 3.0, 6.0]);
        assert_eq!(m.len(), 2);
        assert!((m[0].1 - 50.0).abs() < 1e-12);
        assert!((m[1].1 - 100.0).abs() < 1e-12);
    }
}
