//! Lowering a question: its shape becomes the algebra queries that answer
//! it — the reading its words ask for first, then the readings that help
//! to read the answer (the other peak definition of a drawdown, both legs
//! of a comparison, the record a "first record after" refers to).

use super::{Ask, FedAsk, Question};
use crate::chunk::{Grain, Time};
use crate::frame::lower::{series, NotSupported, Reading};
use chrono::Duration;
use model::{Basket, Date, Field, Measure, Order, Period, Pred, Query, Reduce, Subject, Window};

/// A question's window: `(window, as_of, words)`.
pub fn window(time: Option<&Time>, as_of: Date) -> Result<(Window, Date, String), NotSupported> {
    let clip = |d: Date| d.min(as_of);
    Ok(match time {
        None => (Window::session(), as_of, format!("the session of {as_of}")),
        Some(Time::Span {
            from,
            to,
            grain: Grain::Day,
            ..
        }) if from == to => (
            Window::session(),
            clip(*from),
            format!("the session of {from}"),
        ),
        // The window selects; the question's date stays the point in time, so
        // a monthly value published after the month is still read.
        Some(Time::Span { from, to, .. }) => (
            Window::between(*from, clip(*to)),
            as_of,
            format!("from {from} to {}", clip(*to)),
        ),
        Some(Time::ToDate { from, .. }) => (
            Window::between(*from, as_of),
            as_of,
            format!("from {from} to {as_of}"),
        ),
        // "since March 23, 2020": from that day's close; "since 2020": from the year's start.
        Some(Time::Since {
            from,
            grain: Grain::Day,
            ..
        }) => (
            Window::between(*from + Duration::days(1), as_of),
            as_of,
            format!("from the {from} close to {as_of}"),
        ),
        Some(Time::Since { from, .. }) => (
            Window::between(*from, as_of),
            as_of,
            format!("from {from} to {as_of}"),
        ),
        Some(Time::Sessions { n, end }) => {
            let end = end.map_or(as_of, clip);
            (
                Window::Period {
                    period: Period::LastSessions { n: *n },
                },
                end,
                format!("the {n} sessions to {end}"),
            )
        }
        Some(Time::Ever) => (Window::All, as_of, "all history".to_string()),
        Some(Time::Clock { .. } | Time::Lookback { .. } | Time::Anaphor { .. }) => {
            return Err(NotSupported {
                what: "this period".into(),
            })
        }
    })
}

fn reading(query: Query, label: impl Into<String>, primary: bool) -> Reading {
    Reading {
        query,
        scale: 1.0,
        label: label.into(),
        primary,
        on: None,
        fed: None,
        cross: false,
        cases: None,
        rolling: None,
    }
}

fn is_rate(registry: &model::Registry, s: &Subject) -> bool {
    match s {
        Subject::Spread { .. } => true,
        Subject::Symbol { symbol } => registry
            .get(symbol)
            .is_some_and(|i| i.kind == model::InstrumentKind::Rate),
        Subject::Relative { .. } => false,
    }
}

/// The queries that answer `q`, the one its words ask for first.
///
/// # Errors
/// [`NotSupported`] when a part of the reading has no query (a window of
/// all history for a sector ranking, a comparison of spreads).
pub fn lower(q: &Question, registry: &model::Registry) -> Result<Vec<Reading>, NotSupported> {
    let (w, as_of, words) = window(q.time.as_ref(), q.as_of)?;
    let mut out = Vec::new();
    match &q.ask {
        Ask::Fed(ask) => {
            let span = q.time.as_ref().and_then(crate::chunk::time::span_of);
            let (from, end) = match (ask, span) {
                (FedAsk::Count(_) | FedAsk::First(_), Some((from, to))) => {
                    (Some(from), to.min(q.as_of))
                }
                (FedAsk::Count(_) | FedAsk::First(_), None) => {
                    return Err(NotSupported {
                        what: "a count of Fed decisions without a period".into(),
                    })
                }
                (_, Some((_, to))) => (None, to.min(q.as_of)),
                (_, None) => (None, q.as_of),
            };
            out.push(reading(
                Query::RateDecisions { from, as_of: end },
                "the Fed's target-range decisions",
                true,
            ));
        }
        Ask::CrossRank { .. } => {
            let Window::Period { period } = w else {
                return Err(NotSupported {
                    what: "a sector ranking over all history".into(),
                });
            };
            let mut r = reading(
                Query::CrossSection {
                    basket: Basket::Sectors,
                    period,
                    as_of,
                },
                format!("the sector funds ranked by return, {words}"),
                true,
            );
            r.cross = true;
            out.push(r);
        }
        Ask::BaseRate { years } => {
            let [Subject::Symbol { symbol: a }, Subject::Symbol { symbol: b }] =
                q.subjects.as_slice()
            else {
                return Err(NotSupported {
                    what: "a base rate of anything but two instruments".into(),
                });
            };
            let from = q
                .time
                .as_ref()
                .and_then(crate::chunk::time::span_of)
                .map(|s| s.0);
            out.push(reading(
                Query::BaseRate {
                    a: a.clone(),
                    b: b.clone(),
                    window_years: *years,
                    from,
                    as_of,
                },
                format!("how often {a} compounded more than {b} over rolling {years}-year windows"),
                true,
            ));
        }
        Ask::Compare { annualised } => {
            let [Subject::Symbol { symbol: a }, Subject::Symbol { symbol: b }] =
                q.subjects.as_slice()
            else {
                return Err(NotSupported {
                    what: "a comparison of anything but two instruments".into(),
                });
            };
            let long = match w {
                Window::Period {
                    period: Period::Between { from, to },
                } => (to - from).num_days() > 3 * 365,
                Window::All => true,
                _ => false,
            };
            let rel = Subject::Relative {
                a: a.clone(),
                b: b.clone(),
            };
            let reduce = if *annualised {
                Reduce::AnnualisedReturn
            } else {
                Reduce::Return
            };
            out.push(reading(
                series(&rel, Measure::price(), w, reduce, as_of),
                format!("{a} against {b}, {words}"),
                true,
            ));
            for s in [a, b] {
                out.push(reading(
                    series(
                        &Subject::symbol(s.clone()),
                        Measure::price(),
                        w,
                        Reduce::Return,
                        as_of,
                    ),
                    format!("{s}, {words}"),
                    false,
                ));
            }
            if long && !*annualised {
                out.push(reading(
                    series(&rel, Measure::price(), w, Reduce::AnnualisedReturn, as_of),
                    format!("{a} against {b}, a year, {words}"),
                    false,
                ));
            }
        }
        _ => {
            if q.subjects.is_empty() {
                return Err(NotSupported {
                    what: "who the question is about".into(),
                });
            }
            for (k, s) in q.subjects.iter().enumerate() {
                one(
                    q,
                    s,
                    k == 0,
                    w,
                    as_of,
                    &words,
                    is_rate(registry, s),
                    &mut out,
                )?;
            }
        }
    }
    Ok(out)
}

/// The readings for one subject.
#[allow(clippy::too_many_arguments)]
fn one(
    q: &Question,
    s: &Subject,
    first: bool,
    w: Window,
    as_of: Date,
    words: &str,
    rate: bool,
    out: &mut Vec<Reading>,
) -> Result<(), NotSupported> {
    let primary = first;
    let session = Window::session();
    let all_or = |w: Window| if q.time.is_none() { Window::All } else { w };
    match &q.ask {
        Ask::Move if rate => {
            out.push(reading(
                series(s, Measure::price(), w, Reduce::Change, as_of),
                format!("the change, {words}"),
                primary,
            ));
        }
        Ask::Move => {
            out.push(reading(
                series(s, Measure::price(), w, Reduce::Return, as_of),
                format!("the return, {words}"),
                primary,
            ));
            // "between June 1 and August 31": the base may also be June 1's close.
            if let Some(Time::Span {
                from,
                to,
                range: true,
                ..
            }) = &q.time
            {
                let alt = Window::between(*from + Duration::days(1), (*to).min(q.as_of));
                out.push(reading(
                    series(s, Measure::price(), alt, Reduce::Return, as_of),
                    format!("from the {from} close"),
                    false,
                ));
            }
        }
        Ask::Annualised => {
            out.push(reading(
                series(s, Measure::price(), w, Reduce::AnnualisedReturn, as_of),
                format!("the annualised return, {words}"),
                primary,
            ));
        }
        Ask::Level { .. } => {
            // "now": the last value on or before the question's date (a yield
            // is published a day late, a monthly series later still).
            let w = if q.time.is_none() { Window::All } else { w };
            out.push(reading(
                series(s, Measure::price(), w, Reduce::Last, as_of),
                format!("the level, {words}"),
                primary,
            ));
        }
        Ask::Extreme { measure, order } => {
            let reduce = if *order == Order::Highest {
                Reduce::Max
            } else {
                Reduce::Min
            };
            out.push(reading(
                series(s, measure.clone(), w, reduce, as_of),
                format!(
                    "the {} {}, {words}",
                    if *order == Order::Highest {
                        "highest"
                    } else {
                        "lowest"
                    },
                    measure.name()
                ),
                primary,
            ));
        }
        Ask::When { flag, last } => {
            let reduce = if *last {
                Reduce::LastDate
            } else {
                Reduce::FirstDate
            };
            out.push(reading(
                series(s, flag.clone(), all_or(w), reduce, as_of),
                if *last {
                    "the last date"
                } else {
                    "the first date"
                },
                primary,
            ));
        }
        Ask::Count { flag } => {
            out.push(reading(
                series(s, flag.clone(), w, Reduce::Count, as_of),
                format!("how many, {words}"),
                primary,
            ));
            // "record highs": record closes first, intraday record highs too.
            if let Measure::Flag {
                of,
                pred: Pred::NewMax,
            } = flag
            {
                if **of == Measure::price() {
                    let high = Measure::flag(Measure::field(Field::High), Pred::NewMax);
                    out.push(reading(
                        series(s, high, w, Reduce::Count, as_of),
                        format!("intraday record highs, {words}"),
                        false,
                    ));
                }
            }
        }
        Ask::Streak { run } => {
            out.push(reading(
                series(s, run.clone(), session, Reduce::Last, as_of),
                format!("the run ending {as_of}"),
                primary,
            ));
        }
        Ask::LongestStreak { run } => {
            out.push(reading(
                series(s, run.clone(), w, Reduce::LongestRun, as_of),
                format!("the longest run, {words}"),
                primary,
            ));
        }
        Ask::IsRecord { field } => {
            let level = if *field == Field::Close {
                Measure::price()
            } else {
                Measure::field(*field)
            };
            let flag = Measure::flag(level, Pred::NewMax);
            out.push(reading(
                series(s, flag, session, Reduce::Last, as_of),
                format!("a record on {as_of}"),
                primary,
            ));
            out.push(reading(
                series(s, Measure::Drawdown, session, Reduce::Last, as_of),
                "the distance below the record close",
                false,
            ));
        }
        Ask::SinceRecord => {
            let record = Measure::flag(Measure::price(), Pred::NewMax);
            out.push(reading(
                series(s, record, Window::All, Reduce::LastDate, as_of),
                "the last record close",
                primary,
            ));
            out.push(reading(
                series(
                    s,
                    Measure::run(Measure::Drawdown, Pred::Lt(0.0)),
                    session,
                    Reduce::Last,
                    as_of,
                ),
                "sessions since then",
                false,
            ));
        }
        Ask::RecordAfter { record_end } => {
            let Some(Time::Span { to, .. } | Time::Since { to, .. }) = &q.time else {
                return Err(NotSupported {
                    what: "the period the record is after".into(),
                });
            };
            let after = *to + Duration::days(1);
            if after > q.as_of {
                return Err(NotSupported {
                    what: "a record after the as-of date".into(),
                });
            }
            let record = Measure::flag(Measure::price(), Pred::NewMax);
            out.push(reading(
                series(
                    s,
                    record,
                    Window::between(after, q.as_of),
                    Reduce::FirstDate,
                    q.as_of,
                ),
                format!("the first record close after {to}"),
                primary,
            ));
            let standing = record_end.unwrap_or(*to);
            out.push(reading(
                series(s, Measure::price(), Window::All, Reduce::Max, standing),
                format!("the record close standing at {standing}"),
                false,
            ));
        }
        Ask::Mean => {
            out.push(reading(
                series(s, Measure::price(), w, Reduce::Mean, as_of),
                format!("the average level, {words}"),
                primary,
            ));
        }
        Ask::Drawdown => match q.time {
            None => out.push(reading(
                series(s, Measure::Drawdown, session, Reduce::Last, as_of),
                "the distance below the running peak",
                primary,
            )),
            Some(_) => {
                out.push(reading(
                    series(s, Measure::Drawdown, w, Reduce::Min, as_of),
                    format!("the deepest fall from the running peak, {words}"),
                    primary,
                ));
                out.push(reading(
                    series(s, Measure::price(), w, Reduce::MaxDrawdown, as_of),
                    format!("the deepest fall from the window's own peak, {words}"),
                    false,
                ));
            }
        },
        Ask::Volatility => {
            out.push(reading(
                series(
                    s,
                    Measure::daily_return(),
                    w,
                    Reduce::StdDev {
                        annualised: true,
                        sample: true,
                    },
                    as_of,
                ),
                format!("annualised volatility, {words}"),
                primary,
            ));
        }
        Ask::Fed(_) | Ask::CrossRank { .. } | Ask::BaseRate { .. } | Ask::Compare { .. } => {}
    }
    Ok(())
}
