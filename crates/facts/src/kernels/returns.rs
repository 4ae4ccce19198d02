//! Period returns and the calendar arithmetic behind them.
//!
//! Method `return.period` v1: the return over a window is the close at the
//! window's last session divided by the close at the last session *before*
//! the window's first session (the base), minus one; also in index points
//! (end close − base close). Year to date therefore uses the prior year's
//! last close as its base, month to date the prior month's, and so on.

use chrono::{Datelike, NaiveDate};
use model::Date;

/// A window located in a series: the base index and the window's first and
/// last session indices (`base + 1 == first`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowIdx {
    /// Index of the base close (last session before the window).
    pub base: usize,
    /// Index of the window's first session.
    pub first: usize,
    /// Index of the window's last session.
    pub last: usize,
}

/// Why a window could not be located.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowError {
    /// No session falls inside `[from, to]`.
    NoSession,
    /// The window starts at the series' first observation: no base close.
    NoBase,
}

/// Locates the calendar window `[from, to]` in sorted `dates`.
///
/// # Errors
/// [`WindowError::NoSession`] when no date falls inside the window,
/// [`WindowError::NoBase`] when no date precedes the window's first session.
pub fn locate_window(dates: &[Date], from: Date, to: Date) -> Result<WindowIdx, WindowError> {
    let first = dates.partition_point(|d| *d < from);
    let end = dates.partition_point(|d| *d <= to);
    if first >= end {
        return Err(WindowError::NoSession);
    }
    if first == 0 {
        return Err(WindowError::NoBase);
    }
    Ok(WindowIdx {
        base: first - 1,
        first,
        last: end - 1,
    })
}

/// Simple return between two closes, as a fraction (0.05 = 5 %).
pub fn simple_return(base: f64, end: f64) -> f64 {
    end / base - 1.0
}

/// Return of `closes[last]` over `closes[base]` in percent.
pub fn return_pct(closes: &[f64], base: usize, last: usize) -> f64 {
    simple_return(closes[base], closes[last]) * 100.0
}

/// Daily returns as fractions: element `i` is `closes[i + 1] / closes[i] − 1`.
pub fn daily_returns(closes: &[f64]) -> Vec<f64> {
    closes.windows(2).map(|w| w[1] / w[0] - 1.0).collect()
}

/// First day of a month.
pub fn month_start(year: i32, month: u32) -> Option<Date> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// Last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<Date> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

/// Calendar span of months `first_month..=last_month` of `year`.
pub fn month_span(year: i32, first_month: u32, last_month: u32) -> Option<(Date, Date)> {
    Some((
        month_start(year, first_month)?,
        month_end(year, last_month)?,
    ))
}

/// A calendar period kind used to enumerate history for ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Half-years.
    Half,
    /// Years.
    Year,
}

impl CalendarKind {
    /// Months per period.
    pub fn months(self) -> u32 {
        match self {
            CalendarKind::Month => 1,
            CalendarKind::Quarter => 3,
            CalendarKind::Half => 6,
            CalendarKind::Year => 12,
        }
    }

    /// The period (1-based number within the year) containing `date`.
    pub fn number_of(self, date: Date) -> u32 {
        (date.month() - 1) / self.months() + 1
    }

    /// Calendar span of period `number` of `year`.
    pub fn span(self, year: i32, number: u32) -> Option<(Date, Date)> {
        let m = self.months();
        month_span(year, (number - 1) * m + 1, number * m)
    }

    /// A label such as `2025-H1`, `2025-Q3`, `2025-07`, `2025`.
    pub fn label(self, year: i32, number: u32) -> String {
        match self {
            CalendarKind::Month => format!("{year}-{number:02}"),
            CalendarKind::Quarter => format!("{year}-Q{number}"),
            CalendarKind::Half => format!("{year}-H{number}"),
            CalendarKind::Year => format!("{year}"),
        }
    }
}

/// One period's return in a history.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodReturn {
    /// Year.
    pub year: i32,
    /// Number within the year (month 1..12, quarter 1..4, half 1..2, 1 for years).
    pub number: u32,
    /// Window indices.
    pub idx: WindowIdx,
    /// Return in percent.
    pub return_pct: f64,
    /// Whether the period's calendar end is on or before the last date.
    pub complete: bool,
}

/// Method `return.history` v1: every calendar period of `kind` that has a
/// base close (the first period of the series has none and is skipped), with
/// its return in percent. When `only_number` is set, keeps only periods with
/// that number (e.g. first halves). When `ytd_end` is `(month, day)`, each
/// year's window is cut at that calendar point (year-to-date comparisons).
/// A period is complete when its calendar end is on or before `as_of`.
pub fn period_history(
    dates: &[Date],
    closes: &[f64],
    kind: CalendarKind,
    only_number: Option<u32>,
    ytd_end: Option<(u32, u32)>,
    as_of: Date,
) -> Vec<PeriodReturn> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return out;
    };
    let per_year = 12 / kind.months();
    for year in first.year()..=last.year() {
        for number in 1..=per_year {
            if only_number.is_some_and(|n| n != number) {
                continue;
            }
            let Some((from, mut to)) = kind.span(year, number) else {
                continue;
            };
            if let Some((m, d)) = ytd_end {
                // Feb 29 in a non-leap year falls back to Feb 28.
                to = NaiveDate::from_ymd_opt(year, m, d)
                    .or_else(|| NaiveDate::from_ymd_opt(year, m, d.saturating_sub(1)))
                    .unwrap_or(to);
            }
            let Ok(idx) = locate_window(dates, from, to) else {
                continue;
            };
            out.push(PeriodReturn {
                year,
                number,
                idx,
                return_pct: return_pct(closes, idx.base, idx.last),
                complete: to <= as_of,
            });
        }
    }
    out
}

/// Rank of `value` among `values`, 1 = largest, ties share the best rank
/// (1 + the number of strictly larger values).
pub fn rank_desc(values: &[f64], value: f64) -> usize {
    1 + values.iter().filter(|v| **v > value).count()
}

/// Rank of `value` among `values`, 1 = smallest (1 + strictly smaller).
pub fn rank_asc(values: &[f64], value: f64) -> usize {
    1 + values.iter().filter(|v| **v < value).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("test date")
    }

    #[test]
    fn window_uses_the_close_before_the_first_session() {
        let dates = [
            d("2025-12-30"),
            d("2025-12-31"),
            d("2026-01-02"),
            d("2026-01-05"),
        ];
        let closes = [99.0, 100.0, 101.0, 110.0];
        let w = locate_window(&dates, d("2026-01-01"), d("2026-01-05")).expect("window");
        assert_eq!(
            w,
            WindowIdx {
                base: 1,
                first: 2,
                last: 3
            }
        );
        assert!((return_pct(&closes, w.base, w.last) - 10.0).abs() < 1e-12);
        assert_eq!(
            locate_window(&dates, d("2025-12-30"), d("2026-01-05")),
            Err(WindowError::NoBase)
        );
        assert_eq!(
            locate_window(&dates, d("2026-01-06"), d("2026-01-09")),
            Err(WindowError::NoSession)
        );
    }

    #[test]
    fn history_of_halves() {
        let dates = [
            d("2024-12-31"),
            d("2025-03-31"),
            d("2025-06-30"),
            d("2025-07-01"),
            d("2025-12-31"),
        ];
        let closes = [100.0, 90.0, 120.0, 121.0, 132.0];
        let h = period_history(
            &dates,
            &closes,
            CalendarKind::Half,
            None,
            None,
            d("2025-12-31"),
        );
        assert_eq!(h.len(), 2);
        assert!((h[0].return_pct - 20.0).abs() < 1e-9);
        assert!((h[1].return_pct - 10.0).abs() < 1e-9);
        assert!(h.iter().all(|p| p.complete));
        assert_eq!(rank_desc(&[20.0, 10.0, 20.0], 20.0), 1);
        assert_eq!(rank_asc(&[20.0, 10.0, 5.0], 20.0), 3);
    }
}
