//! Lowering: a frame becomes the queries that decide it — the reading its
//! words say first, then the other common readings they do not exclude
//! (the base of a range on its first day or the day before; a high that may
//! be the close or the intraday high; volatility from a sample or the
//! population). The checker keeps a claim contradicted only when every
//! reading contradicts it.

use super::{CaseStat, Claimed, FedWhat, FieldHint, Frame, RollingStat, Subj, What, When};
use crate::chunk::{Grain, QUnit, Time};
use chrono::Duration;
use model::{
    Date, Field, InstrumentKind, Measure, Order, Period, Pred, Query, Reduce, Registry,
    SeriesQuery, Subject, Window,
};

/// One way to decide a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The query.
    pub query: Query,
    /// The Fact's value times this is compared with the claim (pp → bp: 100).
    pub scale: f64,
    /// What the reading is, in words, for the verdict.
    pub label: String,
    /// The reading the words say first (else an alternative they allow).
    pub primary: bool,
    /// The extreme (or the found date) must fall within these days.
    pub on: Option<(Date, Date)>,
    /// For Fed claims: which part of the decisions Fact is compared.
    pub fed: Option<FedWhat>,
    /// A cross-section: the subject must be the leader (or laggard).
    pub cross: bool,
    /// For event studies: which statistic of the Fact is compared.
    pub cases: Option<CaseStat>,
    /// For rolling-window base rates: which statistic of the Fact is compared.
    pub rolling: Option<RollingStat>,
}

/// Why a frame cannot be lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSupported {
    /// What the reader could not turn into a query.
    pub what: String,
}

/// The last exchange session on or before `day`: the session an article
/// dated on a weekend or holiday speaks of when it names no day.
fn last_session(day: Date) -> Date {
    if model::calendar::is_session(day) {
        day
    } else {
        model::calendar::prev_session(day)
    }
}

/// The day a frame speaks of (its window's last day).
pub fn frame_day(f: &Frame, dateline: Date) -> Date {
    if let Some(d) = f.anchor {
        return d;
    }
    match &f.when {
        When::Default => last_session(dateline),
        When::FromDay(_) => dateline,
        When::SessionBefore(d) => model::calendar::prev_session(*d),
        When::Time(t) => match t {
            Time::Span {
                from,
                to,
                grain: Grain::Day,
                ..
            } if from == to => *from,
            Time::Span { to, .. } => (*to).min(dateline),
            Time::Sessions { end: Some(e), .. } => *e,
            _ => dateline,
        },
    }
}

/// The window of a frame's move, level or aggregate, with alternatives:
/// `(window, as_of, label)`.
fn windows(f: &Frame, dateline: Date) -> Result<Vec<(Window, Date, String)>, NotSupported> {
    let day = frame_day(f, dateline);
    let w = |p: Period| Window::Period { period: p };
    Ok(match &f.when {
        When::Default => {
            let label = if day == dateline {
                format!("the session of {dateline}")
            } else {
                // A Saturday article's "fell 0.8%" speaks of Friday's session.
                format!("the session of {day}, the last before the article's date {dateline}")
            };
            vec![(w(Period::Day), day, label)]
        }
        When::SessionBefore(d) => {
            vec![(
                w(Period::Day),
                model::calendar::prev_session(*d),
                format!("the session before {d}"),
            )]
        }
        When::FromDay(d) => vec![(
            Window::between(*d + Duration::days(1), dateline),
            dateline,
            format!("from the {d} close to {dateline}"),
        )],
        When::Time(t) => match t {
            Time::Span {
                from,
                to,
                grain: Grain::Day,
                ..
            } if from == to => {
                vec![(w(Period::Day), *from, format!("the session of {from}"))]
            }
            Time::Span {
                from, to, range, ..
            } => {
                let to = (*to).min(dateline);
                let mut out = vec![(
                    Window::between(*from, to),
                    to,
                    format!("from the close before {from} to {to}"),
                )];
                if *range {
                    out.push((
                        Window::between(*from + Duration::days(1), to),
                        to,
                        format!("from the {from} close to {to}"),
                    ));
                }
                out
            }
            Time::ToDate { from, .. } => vec![(
                Window::between(*from, dateline),
                dateline,
                format!("from the close before {from} to {dateline}"),
            )],
            Time::Sessions { n, end } => {
                let end = end.unwrap_or(dateline);
                vec![(
                    w(Period::LastSessions { n: *n }),
                    end,
                    format!("the {n} sessions to {end}"),
                )]
            }
            Time::Since { from, .. } => vec![
                (
                    Window::between(*from + Duration::days(1), dateline),
                    dateline,
                    format!("from the {from} close to {dateline}"),
                ),
                (
                    Window::between(*from, dateline),
                    dateline,
                    format!("from the close before {from} to {dateline}"),
                ),
            ],
            Time::Ever => vec![(Window::All, day, "all history".to_string())],
            Time::Clock { .. } => vec![(
                w(Period::Day),
                dateline,
                format!("the session of {dateline}"),
            )],
            Time::Lookback { label, .. } => {
                return Err(NotSupported {
                    what: format!("a move over '{label}'"),
                })
            }
            Time::Anaphor { .. } => {
                return Err(NotSupported {
                    what: "the period referred to".into(),
                })
            }
        },
    })
}

/// The subject of a frame as the algebra's [`Subject`].
fn subject(f: &Frame) -> Result<Subject, NotSupported> {
    let one = match &f.subject {
        Subj::Symbol(s) => s.clone(),
        Subj::Spread(a, b) => {
            return Ok(Subject::Spread {
                a: a.clone(),
                b: b.clone(),
            })
        }
        Subj::Other(what) => {
            return Err(NotSupported {
                what: format!("'{what}'"),
            })
        }
        Subj::Fed => "DFEDTARU".to_string(),
        Subj::Coref(_) | Subj::Carried => {
            return Err(NotSupported {
                what: "who the claim is about".into(),
            })
        }
    };
    match &f.benchmark {
        Some(Subj::Symbol(b)) if *b != one => Ok(Subject::Relative {
            a: one,
            b: b.clone(),
        }),
        _ => Ok(Subject::symbol(one)),
    }
}

/// A series query: subject × measure × window × reducer, as of a date.
pub(crate) fn series(
    subject: &Subject,
    measure: Measure,
    window: Window,
    reduce: Reduce,
    as_of: Date,
) -> Query {
    Query::Series(SeriesQuery {
        subject: subject.clone(),
        measure,
        window,
        reduce,
        as_of,
    })
}

fn reading(query: Query, label: String, primary: bool) -> Reading {
    Reading {
        query,
        scale: 1.0,
        label,
        primary,
        on: None,
        fed: None,
        cross: false,
        cases: None,
        rolling: None,
    }
}

fn is_rate(registry: &Registry, subject: &Subject) -> bool {
    subject
        .symbols()
        .first()
        .and_then(|s| registry.get(s))
        .is_some_and(|i| i.kind == InstrumentKind::Rate)
}

/// Lowers a frame to its readings, primary first.
///
/// # Errors
/// [`NotSupported`] naming what has no query (a move over a lookback, an
/// unbound subject).
pub fn lower(f: &Frame, registry: &Registry, dateline: Date) -> Result<Vec<Reading>, NotSupported> {
    let day = frame_day(f, dateline);
    if let What::Fed(what) = f.what {
        return Ok(fed(f, what, dateline));
    }
    if let What::Breadth { .. } = f.what {
        let mut out = Vec::new();
        for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
            let Window::Period { period } = window else {
                continue;
            };
            let mut r = reading(
                Query::CrossSection {
                    basket: model::Basket::Sectors,
                    period,
                    as_of,
                },
                format!("the sector funds up and down, {label}"),
                k == 0,
            );
            r.cross = true;
            out.push(r);
        }
        return Ok(out);
    }
    if let (What::Rolling { b, years, stat }, Subj::Symbol(a)) = (&f.what, &f.subject) {
        let mut r = reading(
            Query::BaseRate {
                a: a.clone(),
                b: b.clone(),
                // The span's yearly difference does not depend on the window.
                window_years: (*years).max(1),
                from: None,
                as_of: dateline,
            },
            format!("rolling {years}-year windows of {a} against {b}: {stat:?}"),
            true,
        );
        r.on = f.on;
        r.rolling = Some(*stat);
        return Ok(vec![r]);
    }
    if let What::Cases { condition, stat } = &f.what {
        let Subject::Symbol { symbol } = subject(f)? else {
            return Err(NotSupported {
                what: "whose cases these are".into(),
            });
        };
        let mut r = reading(
            Query::EventStudy {
                symbol,
                condition: condition.clone(),
                as_of: dateline,
            },
            format!("an event study: {}", stat.describe()),
            true,
        );
        r.on = f.on;
        r.cases = Some(stat.clone());
        return Ok(vec![r]);
    }
    let subj = subject(f)?;
    let rate = is_rate(registry, &subj) || matches!(subj, Subject::Spread { .. });
    let unit_scale = |claimed: &Claimed| match claimed {
        Claimed::Number {
            unit: QUnit::BasisPoints,
            ..
        } => 100.0,
        _ => 1.0,
    };
    let mut out = Vec::new();
    match &f.what {
        What::Move { percent, field } => {
            for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
                let primary = k == 0;
                let q = match (field, percent) {
                    (FieldHint::Open, true) => series(
                        &subj,
                        Measure::OpenGap,
                        Window::session(),
                        Reduce::Last,
                        as_of,
                    ),
                    (FieldHint::High | FieldHint::Low | FieldHint::Either, true) => {
                        let extreme = if *field == FieldHint::Low {
                            Order::Lowest
                        } else {
                            Order::Highest
                        };
                        series(
                            &subj,
                            Measure::IntradayMove { extreme },
                            Window::session(),
                            Reduce::Last,
                            as_of,
                        )
                    }
                    (
                        FieldHint::High | FieldHint::Low | FieldHint::Either | FieldHint::Open,
                        false,
                    ) => {
                        return Err(NotSupported {
                            what: "an intraday move in points".into(),
                        })
                    }
                    (_, true) if rate => {
                        return Err(NotSupported {
                            what: "a percent move of a rate (relative or in points?)".into(),
                        })
                    }
                    (_, true) => series(&subj, Measure::price(), window, Reduce::Return, as_of),
                    // A lead of A over B in basis or percentage points is the difference of their returns.
                    (_, false) if matches!(subj, Subject::Relative { .. }) => {
                        if !matches!(
                            f.claimed,
                            Claimed::Number {
                                unit: QUnit::BasisPoints | QUnit::PercentagePoints,
                                ..
                            }
                        ) {
                            return Err(NotSupported {
                                what: "a lead over a benchmark in index points".into(),
                            });
                        }
                        series(&subj, Measure::price(), window, Reduce::Return, as_of)
                    }
                    (_, false) => series(&subj, Measure::price(), window, Reduce::Change, as_of),
                };
                let mut r = reading(q, label, primary);
                r.scale = unit_scale(&f.claimed);
                out.push(r);
            }
        }
        What::Level { field } => {
            let measure = match field {
                FieldHint::Close | FieldHint::Either => Measure::price(),
                other => Measure::field(other.field()),
            };
            // "for May 1987, the latest month published by October 19, 1987":
            // the last value known that day, which must be May 1987's.
            if let (Some(by), When::Time(Time::Span { from, to, .. })) = (f.latest_by, &f.when) {
                let mut r = reading(
                    series(&subj, measure.clone(), Window::All, Reduce::Last, by),
                    format!("the last value published by {by}, for {from}..{to}"),
                    true,
                );
                r.on = Some((*from, *to));
                r.scale = unit_scale(&f.claimed);
                out.push(r);
                return Ok(out);
            }
            for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
                // A rate's value for a day is published the day after: read
                // it as of the article's date, which knows it, not as of the
                // day itself, which does not yet.
                let (window, as_of) = match window {
                    Window::Period {
                        period: Period::Day,
                    } if rate && as_of < dateline => (Window::between(as_of, as_of), dateline),
                    w => (w, as_of),
                };
                let span = matches!(
                    window,
                    Window::Period {
                        period: Period::Between { .. }
                    }
                );
                let mut r = reading(
                    series(&subj, measure.clone(), window, Reduce::Last, as_of),
                    label.clone(),
                    k == 0,
                );
                r.scale = unit_scale(&f.claimed);
                out.push(r);
                // A level in a stretch of days ("at the beginning of this month"): its first session too.
                if span
                    && k == 0
                    && matches!(
                        f.when,
                        When::Time(Time::Span {
                            grain: Grain::EarlyMonth | Grain::MidMonth | Grain::LateMonth,
                            ..
                        })
                    )
                {
                    let mut r = reading(
                        series(&subj, measure.clone(), window, Reduce::First, as_of),
                        format!("{label}, first session"),
                        false,
                    );
                    r.scale = unit_scale(&f.claimed);
                    out.push(r);
                }
            }
            if *field == FieldHint::Either {
                out.push(reading(
                    series(
                        &subj,
                        Measure::field(Field::High),
                        Window::session(),
                        Reduce::Last,
                        day,
                    ),
                    "the intraday high".into(),
                    false,
                ));
            }
        }
        What::Extreme { order, field } => {
            let reduce = if *order == Order::Highest {
                Reduce::Max
            } else {
                Reduce::Min
            };
            // "Friday's record close of 69.95": an extreme on one day is the
            // extreme of all history up to that day.
            let one_day = match &f.when {
                When::Time(Time::Span { from, to, .. }) if from == to => Some(*to),
                _ => None,
            };
            let window = match &f.when {
                When::Time(Time::Ever) => Window::All,
                When::SessionBefore(_) => Window::All,
                _ if one_day.is_some() => Window::All,
                _ => windows(f, dateline)?
                    .first()
                    .map(|w| w.0)
                    .unwrap_or(Window::All),
            };
            let as_of = match (&f.when, one_day) {
                (When::SessionBefore(d), _) => model::calendar::prev_session(*d),
                (_, Some(d)) => d,
                _ => day,
            };
            let fields: Vec<(Measure, &str)> = match field {
                FieldHint::Either => vec![
                    (Measure::price(), "close"),
                    (
                        Measure::field(if *order == Order::Highest {
                            Field::High
                        } else {
                            Field::Low
                        }),
                        "intraday",
                    ),
                ],
                FieldHint::Close => vec![(Measure::price(), "close")],
                other => vec![(Measure::field(other.field()), "intraday")],
            };
            for (k, (m, name)) in fields.into_iter().enumerate() {
                let mut r = reading(
                    series(&subj, m, window, reduce, as_of),
                    format!(
                        "the {} {name}",
                        if *order == Order::Highest {
                            "highest"
                        } else {
                            "lowest"
                        }
                    ),
                    k == 0,
                );
                r.on = f.on;
                out.push(r);
            }
        }
        What::Record { field } => {
            let m = Measure::flag(
                Measure::field(if *field == FieldHint::High {
                    Field::High
                } else {
                    Field::Close
                }),
                Pred::NewMax,
            );
            out.push(reading(
                series(&subj, m, Window::session(), Reduce::Last, day),
                format!("a record on {day}"),
                true,
            ));
        }
        What::Since { measure, order } => {
            out.push(reading(
                series(
                    &subj,
                    measure.clone(),
                    Window::All,
                    Reduce::LastAtLeastAsExtreme { order: *order },
                    day,
                ),
                format!("the last earlier time at least as extreme, before {day}"),
                true,
            ));
            // A level "since" is often of the intraday high or low too.
            if let Measure::Level { .. } = measure {
                let f2 = if *order == Order::Highest {
                    Field::High
                } else {
                    Field::Low
                };
                out.push(reading(
                    series(
                        &subj,
                        Measure::field(f2),
                        Window::All,
                        Reduce::LastAtLeastAsExtreme { order: *order },
                        day,
                    ),
                    "the intraday extreme".into(),
                    false,
                ));
            }
        }
        What::ExtremeWhen { measure, order } => {
            let reduce = if *order == Order::Highest {
                Reduce::Max
            } else {
                Reduce::Min
            };
            out.push(reading(
                series(&subj, measure.clone(), Window::All, reduce, day),
                "when the extreme was reached".into(),
                true,
            ));
        }
        What::FirstDate { measure } => {
            out.push(reading(
                series(&subj, measure.clone(), Window::All, Reduce::FirstDate, day),
                "the first time".into(),
                true,
            ));
        }
        What::Rank { measure, order } => {
            let window = match &f.when {
                When::Time(Time::Ever) | When::Default => Window::All,
                When::Time(Time::Span { from, to, .. }) => Window::between(*from, (*to).min(day)),
                When::Time(Time::Since { from, .. }) => Window::between(*from, day),
                _ => Window::All,
            };
            out.push(reading(
                series(
                    &subj,
                    measure.clone(),
                    window,
                    Reduce::Rank { order: *order },
                    day,
                ),
                "the rank among the window's values".into(),
                true,
            ));
            // "since September 10, 1987", the first close of the data: the
            // moves from that close on.
            if let When::Time(Time::Since { from, .. }) = &f.when {
                out.push(reading(
                    series(
                        &subj,
                        measure.clone(),
                        Window::between(*from + Duration::days(1), day),
                        Reduce::Rank { order: *order },
                        day,
                    ),
                    format!("the rank among the values from the {from} close"),
                    false,
                ));
            }
        }
        What::Streak { measure } => {
            out.push(reading(
                series(&subj, measure.clone(), Window::session(), Reduce::Last, day),
                format!("the run ending {day}"),
                true,
            ));
        }
        What::Count { measure, runs } => {
            let reduce = match runs {
                Some(n) => Reduce::CountRuns { min_len: *n },
                None => Reduce::Count,
            };
            for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
                out.push(reading(
                    series(&subj, measure.clone(), window, reduce, as_of),
                    label,
                    k == 0,
                ));
            }
        }
        What::Drawdown { peak } => match peak {
            None => out.push(reading(
                series(
                    &subj,
                    Measure::Drawdown,
                    Window::session(),
                    Reduce::Last,
                    day,
                ),
                "the drawdown from the running peak".into(),
                true,
            )),
            Some((from, to)) => {
                let within = Window::between(*from, (*to).min(day));
                out.push(reading(
                    series(
                        &subj,
                        Measure::price(),
                        Window::session(),
                        Reduce::FromExtreme {
                            extreme: Order::Highest,
                            within,
                        },
                        day,
                    ),
                    format!("below the highest close between {from} and {to}"),
                    true,
                ));
                out.push(reading(
                    series(
                        &subj,
                        Measure::Drawdown,
                        Window::session(),
                        Reduce::Last,
                        day,
                    ),
                    "the drawdown from the running peak".into(),
                    false,
                ));
            }
        },
        What::Volatility { annualised } => {
            for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
                if k > 0 {
                    break;
                }
                out.push(reading(
                    series(
                        &subj,
                        Measure::daily_return(),
                        window,
                        Reduce::StdDev {
                            annualised: *annualised,
                            sample: true,
                        },
                        as_of,
                    ),
                    label.clone(),
                    true,
                ));
                out.push(reading(
                    series(
                        &subj,
                        Measure::LogReturn { sessions: 1 },
                        window,
                        Reduce::StdDev {
                            annualised: *annualised,
                            sample: true,
                        },
                        as_of,
                    ),
                    format!("{label}, log returns"),
                    false,
                ));
                out.push(reading(
                    series(
                        &subj,
                        Measure::daily_return(),
                        window,
                        Reduce::StdDev {
                            annualised: *annualised,
                            sample: false,
                        },
                        as_of,
                    ),
                    format!("{label}, population deviation"),
                    false,
                ));
            }
        }
        What::Mean => {
            let (window, as_of, label) = windows(f, dateline)?.remove(0);
            out.push(reading(
                series(&subj, Measure::price(), window, Reduce::Mean, as_of),
                label,
                true,
            ));
        }
        What::CrossRank { basket, .. } => {
            let funds = match basket {
                model::Basket::Styles => "size and style funds",
                _ => "sector funds",
            };
            for (k, (window, as_of, label)) in windows(f, dateline)?.into_iter().enumerate() {
                let period = match window {
                    Window::Period { period } => period,
                    Window::All => {
                        return Err(NotSupported {
                            what: "a ranking over all history".into(),
                        })
                    }
                };
                let mut r = reading(
                    Query::CrossSection {
                        basket: basket.clone(),
                        period,
                        as_of,
                    },
                    format!("the {funds} ranked by return, {label}"),
                    k == 0,
                );
                r.cross = true;
                out.push(r);
            }
        }
        What::SmaGap { sessions } => {
            out.push(reading(
                series(
                    &subj,
                    Measure::SmaGap {
                        sessions: *sessions,
                    },
                    Window::session(),
                    Reduce::Last,
                    day,
                ),
                format!("the close against its {sessions}-session average on {day}"),
                true,
            ));
        }
        // Lowered before the subject is resolved (they have none of their own).
        What::Breadth { .. } | What::Fed(_) | What::Cases { .. } | What::Rolling { .. } => {}
    }
    if out.is_empty() {
        return Err(NotSupported {
            what: "this kind of claim".into(),
        });
    }
    Ok(out)
}

/// Fed claims read the decisions Fact over the right window.
fn fed(f: &Frame, what: FedWhat, dateline: Date) -> Vec<Reading> {
    let day = frame_day(f, dateline);
    // The range a decision sets shows in the data the session after its
    // announcement: read as of then when the article's date allows.
    let after = model::calendar::next_session(day).min(dateline).max(day);
    let (from, as_of) = match what {
        FedWhat::Change => (Some(day), after),
        FedWhat::Range => (Some(day), day),
        FedWhat::PriorRange => (Some(day - Duration::days(1)), day - Duration::days(1)),
        FedWhat::Count(_) => match &f.when {
            When::Time(Time::Span { from, to, .. }) => (Some(*from), (*to).min(dateline)),
            When::Time(Time::ToDate { from, .. }) => (Some(*from), dateline),
            When::Time(Time::Since { from, .. }) => (Some(*from), dateline),
            _ => (
                Some(
                    model::parse_iso_date(&format!("{}-01-01", chrono::Datelike::year(&day)))
                        .unwrap_or(day),
                ),
                day,
            ),
        },
        FedWhat::Consecutive(_) => (None, day),
        FedWhat::Since(_) => (None, day),
    };
    let mut r = reading(
        Query::RateDecisions { from, as_of },
        "the Fed's target-range decisions (FRED DFEDTARU/DFEDTARL)".into(),
        true,
    );
    r.fed = Some(what);
    let mut out = vec![r];
    // "in the past twelve months" on 2025-09-18: a decision announced on
    // 2024-09-18 is a year back to the day, and writers count it; the
    // reading that includes that day is an alternative.
    if let (
        FedWhat::Count(_),
        When::Time(Time::Span {
            grain: Grain::Span,
            from: start,
            ..
        }),
    ) = (what, &f.when)
    {
        let mut wider = reading(
            Query::RateDecisions {
                from: Some(*start - Duration::days(1)),
                as_of,
            },
            format!(
                "the Fed's decisions counted from {}, that day included",
                *start - Duration::days(1)
            ),
            false,
        );
        wider.fed = Some(what);
        out.push(wider);
    }
    out
}
