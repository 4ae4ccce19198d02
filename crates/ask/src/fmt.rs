//! Printing periods, queries and percentage-point changes in answers and
//! plans; numbers and dates come from [`model::display`].

use chrono::Datelike;
use model::{Basket, Condition, Date, Direction, Period, Query, RecordKind};

/// A period in words, resolved against `as_of` where relative.
pub(crate) fn period_text(p: Period, as_of: Date) -> String {
    match p {
        Period::Between { from, to } => format!("{from} to {to}"),
        Period::Since { from } => format!("since {from}"),
        Period::YearToDate => format!("{} year to date", as_of.year()),
        Period::QuarterToDate => "quarter to date".to_string(),
        Period::MonthToDate => "month to date".to_string(),
        Period::Year { year } => format!("{year}"),
        Period::Half { year, half } => format!("H{half} {year}"),
        Period::Quarter { year, quarter } => format!("Q{quarter} {year}"),
        Period::Month { year, month } => format!("{year}-{month:02}"),
        Period::LastSessions { n } => format!("the last {n} sessions"),
        Period::Day => format!("{as_of}"),
    }
}

fn dir_text(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// The window a query reads, in words.
pub(crate) fn query_window_text(q: &Query) -> String {
    match q {
        Query::Return { period, as_of, .. }
        | Query::ReturnRank { period, as_of, .. }
        | Query::Volatility { period, as_of, .. }
        | Query::CrossSection { period, as_of, .. } => match period {
            Period::Day => format!("the session of {as_of}"),
            p => format!("{} (as of {as_of})", period_text(*p, *as_of)),
        },
        Query::DailyMove { as_of, .. } | Query::Gap { as_of, .. } => {
            format!("the session of {as_of}")
        }
        Query::Level { as_of, .. } => format!("last observation on or before {as_of}"),
        Query::StreakCount { from, as_of, .. }
        | Query::BaseRate { from, as_of, .. }
        | Query::ExtremeMove { from, as_of, .. }
        | Query::RateDecisions { from, as_of } => match from {
            Some(f) => format!("{f} to {as_of}"),
            None => format!("start of data to {as_of}"),
        },
        Query::MovingAverage { window, as_of, .. } => format!("{window} sessions to {as_of}"),
        Query::Streak { as_of, .. }
        | Query::Record { as_of, .. }
        | Query::LowestSince { as_of, .. }
        | Query::HighestSince { as_of, .. }
        | Query::Drawdown { as_of, .. }
        | Query::EventStudy { as_of, .. } => format!("all data through {as_of}"),
        Query::Change { from, as_of, .. } => {
            format!("last observations on or before {from} and {as_of}")
        }
        Query::ReturnSpread { period, as_of, .. } => match period {
            Period::Day => format!("the session of {as_of}"),
            p => format!("{} (as of {as_of})", period_text(*p, *as_of)),
        },
        Query::Series(q) => match q.window {
            model::Window::All => format!("all data through {}", q.as_of),
            model::Window::Period {
                period: Period::Day,
            } => {
                format!("the session of {}", q.as_of)
            }
            model::Window::Period { period } => {
                format!("{} (as of {})", period_text(period, q.as_of), q.as_of)
            }
        },
    }
}

/// What a query computes, in words.
pub(crate) fn describe_query(q: &Query) -> String {
    match q {
        Query::Level { field, .. } => format!("{field} level"),
        Query::Return { .. } => "period return (% and points)".to_string(),
        Query::ReturnRank { against, .. } => {
            format!("rank of the period's return among all {against:?} periods").to_lowercase()
        }
        Query::DailyMove { .. } => "the day's move and its rank in history".to_string(),
        Query::Gap { .. } => "opening gap vs the previous close".to_string(),
        Query::Streak { vs, direction, .. } => {
            let d = direction.map_or(String::new(), |d| format!("{} ", dir_text(d)));
            match vs {
                Some(b) => format!("current {d}streak of daily relative returns vs {b}"),
                None => format!("current {d}streak of daily returns"),
            }
        }
        Query::StreakCount {
            vs,
            direction,
            min_len,
            ..
        } => match vs {
            Some(b) => format!("count of {} streaks of {min_len}+ sessions vs {b}", dir_text(*direction)),
            None => format!("count of {} streaks of {min_len}+ sessions", dir_text(*direction)),
        },
        Query::Record { record, .. } => match record {
            RecordKind::Close => "record close check".to_string(),
            RecordKind::IntradayHigh => "record intraday high check".to_string(),
        },
        Query::LowestSince { .. } => "lowest close since".to_string(),
        Query::HighestSince { .. } => "highest close since".to_string(),
        Query::Volatility { .. } => "annualised sample volatility of daily returns".to_string(),
        Query::Drawdown { .. } => "drawdown from the running peak close".to_string(),
        Query::MovingAverage { window, .. } => format!("{window}-day simple moving average and the close's position"),
        Query::CrossSection { basket, .. } => format!("rank {} by return", basket_text(basket)),
        Query::BaseRate { window_years, .. } => {
            format!("share of rolling {window_years}-year windows (monthly steps) in which the first compounded more")
        }
        Query::RateDecisions { .. } => "Fed target-range changes, dated on the announcement".to_string(),
        Query::ExtremeMove { direction, .. } => match direction {
            Direction::Down => "largest one-day percentage decline of the close".to_string(),
            Direction::Up => "largest one-day percentage gain of the close".to_string(),
        },
        Query::EventStudy {
            condition: Condition::January { pct },
            ..
        } => format!(
            "January barometer: February–December returns after Januarys {} {pct:.1}% vs the other years",
            if *pct < 0.0 { "below" } else { "above" }
        ),
        Query::EventStudy { condition, .. } => format!(
            "event study: past occurrences of {} and forward returns over 21/63/126/252 sessions",
            condition_text(condition)
        ),
        Query::Change { field, .. } => match field {
            Some(f) => format!("change of the {f} level between two dates"),
            None => "change of the level between two dates".to_string(),
        },
        Query::ReturnSpread { .. } => {
            "return of the first minus return of the second (percentage points)".to_string()
        }
        Query::Series(q) => format!("{} of the {}", q.reduce.name(), q.measure.name()),
    }
}

/// A basket in words.
pub(crate) fn basket_text(b: &Basket) -> String {
    match b {
        Basket::Sectors => "the 11 sector ETFs".to_string(),
        Basket::Styles => "the size and style ETFs".to_string(),
        Basket::Indices => "the major US indices".to_string(),
        Basket::Custom(list) => list.join(", "),
    }
}

fn short_name(sym: &str) -> String {
    model::Registry::builtin()
        .ok()
        .and_then(|r| r.get(sym).cloned())
        .map_or_else(|| sym.to_string(), |i| format!("the {}", i.name))
}

/// An event-study condition in words.
pub(crate) fn condition_text(c: &Condition) -> String {
    match c {
        Condition::Streak {
            vs,
            direction,
            min_len,
        } => {
            let word = match direction {
                Direction::Up => "winning",
                Direction::Down => "losing",
            };
            match vs {
                Some(b) => format!(
                    "a {word} streak of {min_len}+ sessions against {}",
                    short_name(b)
                ),
                None => format!("a {word} streak of {min_len}+ sessions"),
            }
        }
        Condition::DailyMove { pct } => {
            if *pct < 0.0 {
                format!("a one-day decline of {:.1}% or more", pct.abs())
            } else {
                format!("a one-day gain of {pct:.1}% or more")
            }
        }
        Condition::Drawdown { pct } => format!(
            "a first close {:.0}% or more below the running peak",
            pct.abs()
        ),
        Condition::RecordClose => "a record close".to_string(),
        Condition::January { pct } => {
            if *pct < 0.0 {
                format!("a January return below {pct:.1}%")
            } else {
                format!("a January return above {pct:.1}%")
            }
        }
    }
}
