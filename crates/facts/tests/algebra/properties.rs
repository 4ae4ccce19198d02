//! The algebra is point-in-time: a series query as of D gives the same
//! Fact (or the same error) on the full universe as on the universe whose
//! series stop at D (daily rows after D removed, monthly rows of months not
//! complete by D removed), for random series and random queries.

use super::d;
use facts::Engine;
use model::{
    Calendar, Date, Field, Measure, Order, Period, Pred, Reduce, Series, SeriesKey, SeriesQuery,
    SourceId, Subject, Universe, Window,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Weekdays from Monday 2023-11-27, so that weeks, months, quarters and a
/// new year fall inside the random series.
fn weekdays(n: usize) -> Vec<Date> {
    let mut out = Vec::with_capacity(n);
    let mut day = d("2023-11-27");
    while out.len() < n {
        if chrono::Datelike::weekday(&day).number_from_monday() <= 5 {
            out.push(day);
        }
        day = day.succ_opt().expect("next day");
    }
    out
}

/// First days of the months from January 2015 (a monthly series).
fn months(n: usize) -> Vec<Date> {
    (0..n)
        .map(|k| {
            chrono::NaiveDate::from_ymd_opt(2015 + (k / 12) as i32, (k % 12) as u32 + 1, 1)
                .expect("month")
        })
        .collect()
}

/// The universe as of `cut` (everything when `None`).
fn universe(a: &[f64], b: &[f64], cut: Option<Date>) -> Universe {
    let mut u = Universe::default();
    let mut add = |sym: &str, field: Field, dates: Vec<Date>, values: Vec<f64>| {
        let s = Series::from_one_source(SeriesKey::new(sym, field), dates, values, SourceId(0))
            .expect("series");
        let s = match cut {
            Some(day) => s.truncated(day),
            None => s,
        };
        u.series.insert(s.key().clone(), s);
    };
    let days = weekdays(a.len());
    add("AAA", Field::Close, days.clone(), a.to_vec());
    // Opens and highs on most days, not all.
    let some: Vec<usize> = (0..a.len()).filter(|i| i % 5 != 3).collect();
    add(
        "AAA",
        Field::Open,
        some.iter().map(|&i| days[i]).collect(),
        some.iter().map(|&i| a[i] + 0.5).collect(),
    );
    add(
        "AAA",
        Field::High,
        some.iter().map(|&i| days[i]).collect(),
        some.iter().map(|&i| a[i] + 1.0).collect(),
    );
    // BBB misses every seventh day: pairs read the common dates.
    let bdays: Vec<usize> = (0..b.len().min(days.len()))
        .filter(|i| i % 7 != 6)
        .collect();
    add(
        "BBB",
        Field::Close,
        bdays.iter().map(|&i| days[i]).collect(),
        bdays.iter().map(|&i| b[i]).collect(),
    );
    // A monthly series keeps only the months complete by the cut.
    let mdates = months(120);
    let complete = |m: &Date| {
        cut.is_none_or(|day| {
            let next = chrono::Datelike::with_day(m, 28).expect("day") + chrono::Duration::days(4);
            let end =
                chrono::Datelike::with_day(&next, 1).expect("first") - chrono::Duration::days(1);
            end <= day
        })
    };
    let kept: Vec<usize> = (0..mdates.len())
        .filter(|k| complete(&mdates[*k]))
        .collect();
    let mut u2 = u;
    let s = Series::from_one_source(
        SeriesKey::new("MMM", Field::Value),
        kept.iter().map(|&k| mdates[k]).collect(),
        kept.iter().map(|&k| a[k % a.len()] + 10.0).collect(),
        SourceId(1),
    )
    .expect("monthly");
    u2.series.insert(s.key().clone(), s);
    u2
}

fn prices() -> impl Strategy<Value = Vec<f64>> {
    // A coarse grid, so that ties, flat days and records all happen.
    prop::collection::vec(1u32..40, 80..160).prop_map(|v| v.into_iter().map(f64::from).collect())
}

fn subjects() -> impl Strategy<Value = Subject> {
    select(vec![
        Subject::symbol("AAA"),
        Subject::symbol("MMM"),
        Subject::Relative {
            a: "AAA".into(),
            b: "BBB".into(),
        },
        Subject::Spread {
            a: "AAA".into(),
            b: "BBB".into(),
        },
    ])
}

fn measures() -> impl Strategy<Value = Measure> {
    let week = Measure::PeriodReturn {
        calendar: Calendar::Week,
    };
    select(vec![
        Measure::price(),
        Measure::field(Field::High),
        Measure::daily_return(),
        Measure::Return { sessions: 3 },
        Measure::Change { sessions: 2 },
        Measure::OpenGap,
        Measure::IntradayMove {
            extreme: Order::Highest,
        },
        Measure::Drawdown,
        Measure::SmaGap { sessions: 5 },
        week.clone(),
        Measure::PeriodReturn {
            calendar: Calendar::Month,
        },
        Measure::PeriodReturn {
            calendar: Calendar::Quarter,
        },
        Measure::PeriodReturn {
            calendar: Calendar::YearToDate,
        },
        Measure::PeriodReturn {
            calendar: Calendar::MonthOfYear { month: 1 },
        },
        Measure::PeriodChange {
            calendar: Calendar::HalfOfYear { half: 2 },
        },
        Measure::flag(Measure::daily_return(), Pred::AbsGt(10.0)),
        Measure::flag(Measure::price(), Pred::NewMax),
        Measure::flag(Measure::price(), Pred::NewMin),
        Measure::run(Measure::daily_return(), Pred::Gt(0.0)),
        Measure::run(week, Pred::Lt(0.0)),
    ])
}

fn windows(days: Vec<Date>) -> impl Strategy<Value = Window> {
    let pick = select(days);
    prop_oneof![
        Just(Window::All),
        Just(Window::session()),
        (1u32..40).prop_map(|n| Window::Period {
            period: Period::LastSessions { n }
        }),
        pick.clone().prop_map(|from| Window::Period {
            period: Period::Since { from }
        }),
        (pick.clone(), pick).prop_map(|(a, b)| Window::between(a.min(b), a.max(b))),
        Just(Window::Period {
            period: Period::Year { year: 2024 }
        }),
        Just(Window::Period {
            period: Period::YearToDate
        }),
        Just(Window::Period {
            period: Period::QuarterToDate
        }),
        Just(Window::Period {
            period: Period::Month {
                year: 2024,
                month: 1
            }
        }),
    ]
}

fn reducers() -> impl Strategy<Value = Reduce> {
    select(vec![
        Reduce::Last,
        Reduce::First,
        Reduce::Change,
        Reduce::Return,
        Reduce::Max,
        Reduce::Min,
        Reduce::Mean,
        Reduce::StdDev {
            annualised: true,
            sample: true,
        },
        Reduce::Count,
        Reduce::CountRuns { min_len: 2 },
        Reduce::LongestRun,
        Reduce::FirstDate,
        Reduce::LastDate,
        Reduce::Rank {
            order: Order::Lowest,
        },
        Reduce::LastAtLeastAsExtreme {
            order: Order::Highest,
        },
        Reduce::FromExtreme {
            extreme: Order::Highest,
            within: Window::Period {
                period: Period::LastSessions { n: 10 },
            },
        },
        Reduce::MaxDrawdown,
    ])
}

fn case() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, usize, SeriesQuery)> {
    (prices(), prices()).prop_flat_map(|(a, b)| {
        let days = weekdays(a.len());
        let n = a.len();
        (
            Just(a),
            Just(b),
            5..n,
            subjects(),
            measures(),
            windows(days),
            reducers(),
        )
            .prop_map(|(a, b, at, subject, measure, window, reduce)| {
                let as_of = weekdays(at + 1)[at];
                let q = SeriesQuery {
                    subject,
                    measure,
                    window,
                    reduce,
                    as_of,
                };
                (a, b, at, q)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Removing everything after D leaves every series query as of D unchanged.
    #[test]
    fn series_queries_are_point_in_time((a, b, _at, q) in case()) {
        let full = universe(&a, &b, None);
        let cut = universe(&a, &b, Some(q.as_of));
        let x = Engine::new(&full).series(&q);
        let y = Engine::new(&cut).series(&q);
        prop_assert_eq!(x, y, "query {:?}", q);
    }
}

/// The generator reaches answers, not only refusals (about a third answer;
/// the others are refused combinations, such as a return of a drawdown, a
/// year that starts after the as-of date, or a series without opens).
#[test]
fn the_generator_mostly_answers() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let mut answered = 0;
    for _ in 0..300 {
        let (a, b, _, q) = strategy.new_tree(&mut runner).expect("tree").current();
        let u = universe(&a, &b, None);
        answered += usize::from(Engine::new(&u).series(&q).is_ok());
    }
    assert!(
        answered > 60,
        "only {answered} of 300 random queries answered"
    );
}
