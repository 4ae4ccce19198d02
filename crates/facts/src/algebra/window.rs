//! Windows: which of a measure's observations a reducer reads.
//!
//! A window resolves to an inclusive range of observation indices; its base
//! is the observation just before the first one (index `first − 1`).
//! Periods are resolved against the as-of date by the named answers' own
//! [`resolve_period`], so "2024", "Q3", "year to date" and "the last 20
//! sessions" mean the same thing in both.
//!
//! A window never shrinks silently: one that starts before the measure's
//! data begin (before the series' first date, or on a row whose value needs
//! data before it, such as the first session's return) is a
//! [`FactError::BeforeData`] carrying the data's first date and the
//! window's start. A window of the last N observations with fewer than N
//! is the same error without a start date.

use super::measure::Measured;
use super::subject::Grid;
use crate::answer::{resolve_period, Resolved};
use crate::FactError;
use model::{Date, Window};

/// Observations `first..=last` of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// First observation in the window.
    pub(crate) first: usize,
    /// Last observation in the window.
    pub(crate) last: usize,
}

impl Span {
    /// Number of observations.
    pub(crate) fn len(self) -> usize {
        self.last + 1 - self.first
    }
}

/// The first calendar day of a window, when it has one (for errors).
///
/// # Errors
/// [`FactError::InvalidPeriod`] for an impossible period.
pub(crate) fn start_date(window: Window, as_of: Date) -> Result<Option<Date>, FactError> {
    Ok(match window {
        Window::All => None,
        Window::Period { period } => match resolve_period(period, as_of)? {
            Resolved::Calendar { from, .. } => Some(from),
            Resolved::Day => Some(as_of),
            Resolved::LastSessions(_) => None,
        },
    })
}

/// Locates `window` among the observations of `m`.
///
/// # Errors
/// [`FactError::BeforeData`] (see the module docs), [`FactError::NoData`]
/// when no observation falls in a calendar window, [`FactError::NotASession`]
/// for a session window on a date that is not one, [`FactError::InvalidPeriod`].
pub(crate) fn locate(
    m: &Measured,
    grid: &Grid<'_>,
    window: Window,
    as_of: Date,
) -> Result<Span, FactError> {
    let before_data = |window_from: Option<Date>| FactError::BeforeData {
        instrument: grid.label(),
        data_from: grid
            .dates
            .get(m.covered_row)
            .or(m.dates.first())
            .copied()
            .unwrap_or(as_of),
        window_from,
    };
    let n = m.len();
    if n == 0 {
        return Err(before_data(start_date(window, as_of)?));
    }
    let period = match window {
        Window::All => {
            return Ok(Span {
                first: 0,
                last: n - 1,
            })
        }
        Window::Period { period } => period,
    };
    match resolve_period(period, as_of)? {
        Resolved::Calendar { from, to, .. } => {
            let row_from = grid.dates.partition_point(|d| *d < from);
            if grid.dates.first().is_none_or(|d0| from < *d0) || row_from < m.covered_row {
                return Err(before_data(Some(from)));
            }
            let first = m.dates.partition_point(|d| *d < from);
            let end = m.dates.partition_point(|d| *d <= to);
            if first >= end {
                return Err(FactError::NoData {
                    instrument: grid.label(),
                    field: grid.field,
                    from,
                    to,
                });
            }
            Ok(Span {
                first,
                last: end - 1,
            })
        }
        Resolved::LastSessions(k) => {
            if n < k {
                return Err(before_data(None));
            }
            Ok(Span {
                first: n - k,
                last: n - 1,
            })
        }
        Resolved::Day => match m.dates.binary_search(&as_of) {
            Ok(i) => Ok(Span { first: i, last: i }),
            Err(_) => match grid.dates.binary_search(&as_of) {
                Ok(row) if row < m.covered_row => Err(before_data(Some(as_of))),
                Ok(_) => Err(FactError::NoData {
                    instrument: grid.label(),
                    field: grid.field,
                    from: as_of,
                    to: as_of,
                }),
                Err(_) => Err(FactError::NotASession {
                    instrument: grid.label(),
                    date: as_of,
                }),
            },
        },
    }
}
