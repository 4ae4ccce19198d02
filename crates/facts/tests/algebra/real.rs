//! The algebra on the real shared market data, against values computed
//! independently by `crates/facts/tests/python/algebra_expected.py` (plain
//! Python 3, csv module, reading the raw files with the registry's source
//! priority). Each test quotes the script's line it checks.

use super::{assert_close, brief, d, det_bool, det_date, det_num, num};
use facts::{Engine, FactError};
use model::{
    Calendar, Fact, FactValue, Field, Measure, Order, Period, Pred, Reduce, SeriesQuery, Subject,
    Unit, Window,
};

const AS_OF: &str = "2026-08-21";

fn engine() -> Option<Engine<'static>> {
    store::testing::shared_universe().map(Engine::new)
}

fn year(y: i32) -> Window {
    Window::Period {
        period: Period::Year { year: y },
    }
}

fn since(from: &str) -> Window {
    Window::Period {
        period: Period::Since { from: d(from) },
    }
}

fn q(
    subject: Subject,
    measure: Measure,
    window: Window,
    reduce: Reduce,
    as_of: &str,
) -> SeriesQuery {
    SeriesQuery {
        subject,
        measure,
        window,
        reduce,
        as_of: d(as_of),
    }
}

fn gspc(measure: Measure, window: Window, reduce: Reduce, as_of: &str) -> SeriesQuery {
    q(Subject::symbol("^GSPC"), measure, window, reduce, as_of)
}

#[track_caller]
fn fact(e: &Engine<'_>, query: &SeriesQuery) -> Fact {
    e.series(query)
        .unwrap_or_else(|err| panic!("{query:?} failed: {err}"))
}

fn up() -> Measure {
    Measure::run(Measure::daily_return(), Pred::Gt(0.0))
}

fn down() -> Measure {
    Measure::run(Measure::daily_return(), Pred::Lt(0.0))
}

/// `max close 2022 ('2022-01-03', 4796.56005859375) min close 2022 ('2022-10-12', 3577.030029296875)`;
/// `lowest close ever ('2017-11-03', 9.140000343322754)` (VIX).
#[test]
fn max_and_min_close_in_a_window() {
    let Some(e) = engine() else { return };
    let f = fact(&e, &gspc(Measure::price(), year(2022), Reduce::Max, AS_OF));
    assert_eq!(brief(&f), "4796.5601 2022-01-03");
    assert_eq!(f.unit, Unit::Points);
    assert_eq!(f.window, Some((d("2022-01-03"), d("2022-12-30"))));
    assert_eq!(f.method.id, "reduce.max");
    assert_eq!(det_num(&f, "n_obs"), 251.0);
    let f = fact(&e, &gspc(Measure::price(), year(2022), Reduce::Min, AS_OF));
    assert_eq!(brief(&f), "3577.0300 2022-10-12");
    let vix = q(
        Subject::symbol("VIX"),
        Measure::price(),
        Window::All,
        Reduce::Min,
        AS_OF,
    );
    let f = fact(&e, &vix);
    assert_eq!(brief(&f), "9.1400 2017-11-03");
    assert_eq!(f.subjects, vec!["^VIX".to_string()]);
    assert!(f.text.contains("lowest close"), "{}", f.text);
}

/// `record closes in 2025 39`, `record intraday highs in 2025 47`,
/// `record closes 2026-01-01..2026-08-21 29` (^RUT).
#[test]
fn counts_of_record_closes_and_highs() {
    let Some(e) = engine() else { return };
    let closes = Measure::flag(Measure::price(), Pred::NewMax);
    let highs = Measure::flag(Measure::field(Field::High), Pred::NewMax);
    let f = fact(&e, &gspc(closes.clone(), year(2025), Reduce::Count, AS_OF));
    assert_eq!(f.value, FactValue::Integer(39));
    // A record is judged against all history, so the inputs start in 1927.
    assert!(f.inputs.iter().any(|i| i.from == d("1927-12-30")));
    let f = fact(&e, &gspc(highs, year(2025), Reduce::Count, AS_OF));
    assert_eq!(f.value, FactValue::Integer(47));
    assert_eq!(f.method.id, "reduce.count");
    assert!(f.inputs.iter().all(|i| i.field == Field::High));
    let rut = q(
        Subject::symbol("^RUT"),
        closes,
        since("2026-01-01"),
        Reduce::Count,
        AS_OF,
    );
    assert_eq!(fact(&e, &rut).value, FactValue::Integer(29));
}

/// `longest down run ever ('1966-04-22', '1966-05-09', 12)`;
/// `longest up run since 1995-01-01 (clipped) ('1995-08-29', '1995-09-14', 12)`;
/// `longest up run in 2024 ('2024-09-11', '2024-09-19', 7)` (^RUT);
/// `longest relative up run since 2000-01-01 (clipped) ('2026-01-02', '2026-01-22', 14)`.
#[test]
fn longest_streaks_in_a_window_and_since_a_date() {
    let Some(e) = engine() else { return };
    let f = fact(&e, &gspc(down(), Window::All, Reduce::LongestRun, AS_OF));
    assert_eq!(f.value, FactValue::Integer(12));
    assert_eq!(f.unit, Unit::Sessions);
    assert_eq!(det_date(&f, "start"), d("1966-04-22"));
    assert_eq!(det_date(&f, "end"), d("1966-05-09"));
    let f = fact(
        &e,
        &gspc(up(), since("1995-01-01"), Reduce::LongestRun, AS_OF),
    );
    assert_eq!(f.value, FactValue::Integer(12));
    assert_eq!(det_date(&f, "start"), d("1995-08-29"));
    let rut = q(
        Subject::symbol("^RUT"),
        up(),
        year(2024),
        Reduce::LongestRun,
        AS_OF,
    );
    let f = fact(&e, &rut);
    assert_eq!(brief(&f), "7 2024-09-19");
    assert_eq!(det_date(&f, "start"), d("2024-09-11"));
    assert!(!det_bool(&f, "run_began_before_window"));
    let rel = q(
        Subject::Relative {
            a: "^RUT".into(),
            b: "^GSPC".into(),
        },
        up(),
        since("2000-01-01"),
        Reduce::LongestRun,
        AS_OF,
    );
    let f = fact(&e, &rel);
    assert_eq!(brief(&f), "14 2026-01-22");
    assert_eq!(det_date(&f, "start"), d("2026-01-02"));
    assert_eq!(f.subjects, vec!["^RUT".to_string(), "^GSPC".to_string()]);
}

/// `last session with ret <= -5% 2025-04-04`;
/// `last session with |ret| > 5% 2025-04-09 9.515388`.
#[test]
fn last_date_with_a_move_beyond_a_threshold() {
    let Some(e) = engine() else { return };
    let drop = Measure::flag(Measure::daily_return(), Pred::Le(-5.0));
    let f = fact(&e, &gspc(drop, Window::All, Reduce::LastDate, AS_OF));
    assert_eq!(f.value, FactValue::Date(d("2025-04-04")));
    assert_eq!(f.unit, Unit::Date);
    let big = Measure::flag(Measure::daily_return(), Pred::AbsGt(5.0));
    let f = fact(&e, &gspc(big, Window::All, Reduce::LastDate, AS_OF));
    assert_eq!(f.value, FactValue::Date(d("2025-04-09")));
    assert_close(det_num(&f, "tested_value"), 9.515388, 5e-7);
}

/// `days |ret| > 2% in 2022 46`; `worst day 2022 -4.323661 2022-09-13`.
#[test]
fn days_beyond_a_move_and_the_worst_day() {
    let Some(e) = engine() else { return };
    let big = Measure::flag(Measure::daily_return(), Pred::AbsGt(2.0));
    let f = fact(&e, &gspc(big, year(2022), Reduce::Count, AS_OF));
    assert_eq!(f.value, FactValue::Integer(46));
    let f = fact(
        &e,
        &gspc(Measure::daily_return(), year(2022), Reduce::Min, AS_OF),
    );
    assert_eq!(f.unit, Unit::Percent);
    assert_close(num(&f), -4.323661, 5e-7);
    assert_eq!(det_date(&f, "reached_on"), d("2022-09-13"));
}

/// `2008 trough from the running peak -51.925375 2008-11-20 peak 2007-10-09`;
/// `2008 trough from 2008's own peak -48.005750 peak 2008-01-02 trough 2008-11-20`.
/// The two peak definitions: `Drawdown` + `Min` (the running peak of all
/// history) and `Level` + `MaxDrawdown` (the window's own peak).
#[test]
fn drawdown_trough_within_a_window_both_peaks() {
    let Some(e) = engine() else { return };
    let f = fact(&e, &gspc(Measure::Drawdown, year(2008), Reduce::Min, AS_OF));
    assert_close(num(&f), -51.925375, 5e-7);
    assert_eq!(det_date(&f, "reached_on"), d("2008-11-20"));
    assert_eq!(
        f.detail("measure_method").map(|m| m.value.clone()),
        Some(FactValue::Text("measure.drawdown v1".into()))
    );
    let f = fact(
        &e,
        &gspc(Measure::price(), year(2008), Reduce::MaxDrawdown, AS_OF),
    );
    assert_close(num(&f), -48.005750, 5e-7);
    assert_eq!(det_date(&f, "peak_date"), d("2008-01-02"));
    assert_eq!(det_date(&f, "trough_date"), d("2008-11-20"));
    assert_eq!(f.method.id, "reduce.max_drawdown");
}

/// `return 2022 -19.442827 base 2021-12-31`, `return 2025-Q1 -4.586820 base
/// 2024-12-31`, `return 2020-03 -12.511928 base 2020-02-28`, `return 2022-H1
/// -20.578330`, `return since 2020-03-23 232.956041 base 2020-03-20`,
/// `return YTD 2026 12.108248 base 2025-12-31`, `return last 20 sessions
/// 3.540082 base 2026-07-24`, ^RUT `return 2024-06-01..2024-08-31 7.125162
/// base 2024-05-31 end 2024-08-30`.
#[test]
fn returns_over_every_period_shape() {
    let Some(e) = engine() else { return };
    let ret = |period: Period, as_of: &str| {
        fact(
            &e,
            &gspc(
                Measure::price(),
                Window::Period { period },
                Reduce::Return,
                as_of,
            ),
        )
    };
    let cases = [
        (Period::Year { year: 2022 }, AS_OF, -19.442827, "2021-12-31"),
        (
            Period::Quarter {
                year: 2025,
                quarter: 1,
            },
            AS_OF,
            -4.586820,
            "2024-12-31",
        ),
        (
            Period::Month {
                year: 2020,
                month: 3,
            },
            AS_OF,
            -12.511928,
            "2020-02-28",
        ),
        (
            Period::Half {
                year: 2022,
                half: 1,
            },
            AS_OF,
            -20.578330,
            "2021-12-31",
        ),
        (
            Period::Since {
                from: d("2020-03-23"),
            },
            AS_OF,
            232.956041,
            "2020-03-20",
        ),
        (Period::YearToDate, AS_OF, 12.108248, "2025-12-31"),
        (
            Period::LastSessions { n: 20 },
            AS_OF,
            3.540082,
            "2026-07-24",
        ),
    ];
    for (period, as_of, expected, base) in cases {
        let f = ret(period, as_of);
        assert_close(num(&f), expected, 5e-6);
        assert_eq!(det_date(&f, "base_date"), d(base), "{period:?}");
        assert_eq!(f.unit, Unit::Percent);
        assert_eq!(f.method.id, "reduce.return");
    }
    let rut = q(
        Subject::symbol("^RUT"),
        Measure::price(),
        Window::between(d("2024-06-01"), d("2024-08-31")),
        Reduce::Return,
        AS_OF,
    );
    let f = fact(&e, &rut);
    assert_close(num(&f), 7.125162, 5e-6);
    assert_eq!(det_date(&f, "base_date"), d("2024-05-31"));
    assert_eq!(f.window, Some((d("2024-06-03"), d("2024-08-30"))));
    // The base close is read, and cited.
    assert_eq!(f.inputs.first().map(|i| i.from), Some(d("2024-05-31")));
    assert_eq!(f.inputs.last().map(|i| i.to), Some(d("2024-08-30")));
}

/// `2020-03-16 return -11.984055 rank among 23159: 3`.
#[test]
fn rank_of_a_daily_move() {
    let Some(e) = engine() else { return };
    let f = fact(
        &e,
        &gspc(
            Measure::daily_return(),
            Window::All,
            Reduce::Rank {
                order: Order::Lowest,
            },
            "2020-03-16",
        ),
    );
    assert_eq!(f.value, FactValue::Integer(3));
    assert_eq!(f.unit, Unit::Rank);
    assert_eq!(det_num(&f, "n_ranked"), 23159.0);
    assert_close(det_num(&f, "ranked_value"), -11.984055, 5e-7);
}

/// `2025-04-09 daily gain 9.515388, highest since ('2008-10-28', 10.789...)`;
/// `2022-10-12 close lowest since ('2020-11-20', 3557.54...)`;
/// `relative run on 2026-01-16 (.., 11) longest since ('2008-05-20', '2008-06-06', 13)`;
/// `March 2020 monthly return -12.511928, lowest since ('2008-10-31', -16.94...)`.
#[test]
fn since_for_a_move_a_close_a_run_and_a_monthly_return() {
    let Some(e) = engine() else { return };
    let highest = Reduce::LastAtLeastAsExtreme {
        order: Order::Highest,
    };
    let lowest = Reduce::LastAtLeastAsExtreme {
        order: Order::Lowest,
    };
    let f = fact(
        &e,
        &gspc(
            Measure::daily_return(),
            Window::session(),
            highest,
            "2025-04-09",
        ),
    );
    assert_eq!(f.value, FactValue::Date(d("2008-10-28")));
    assert_close(det_num(&f, "since_value"), 10.789006, 5e-7);
    assert!(!det_bool(&f, "on_record"));
    let f = fact(
        &e,
        &gspc(Measure::price(), Window::session(), lowest, "2022-10-12"),
    );
    assert_eq!(f.value, FactValue::Date(d("2020-11-20")));
    assert_close(det_num(&f, "since_value"), 3557.540039, 5e-6);
    let rel = q(
        Subject::Relative {
            a: "^RUT".into(),
            b: "^GSPC".into(),
        },
        up(),
        Window::session(),
        highest,
        "2026-01-16",
    );
    let f = fact(&e, &rel);
    assert_eq!(f.value, FactValue::Date(d("2008-06-06")));
    assert_eq!(det_num(&f, "run_len"), 11.0);
    assert_eq!(det_num(&f, "since_run_len"), 13.0);
    assert_eq!(det_date(&f, "since_run_start"), d("2008-05-20"));
    assert!(
        f.text.contains("13-session run that ended on 2008-06-06"),
        "{}",
        f.text
    );
    let monthly = Measure::PeriodReturn {
        calendar: Calendar::Month,
    };
    let f = fact(&e, &gspc(monthly, Window::session(), lowest, "2020-03-31"));
    assert_eq!(f.value, FactValue::Date(d("2008-10-31")));
    assert_close(det_num(&f, "compared_value"), -12.511928, 5e-6);
    assert_close(det_num(&f, "since_value"), -16.942452, 5e-6);
    assert_eq!(
        f.detail("sessions_between").map(|x| x.unit),
        Some(Unit::Months)
    );
}

/// `2022-10-12 close vs 2022 high -25.425097`; `2022 vol: sample sd of
/// daily returns 1.522789, annualised 24.173530 (n=251)`.
#[test]
fn from_the_year_high_and_volatility() {
    let Some(e) = engine() else { return };
    let f = fact(
        &e,
        &gspc(
            Measure::price(),
            Window::session(),
            Reduce::FromExtreme {
                extreme: Order::Highest,
                within: year(2022),
            },
            "2022-10-12",
        ),
    );
    assert_close(num(&f), -25.425097, 5e-6);
    assert_eq!(det_date(&f, "extreme_date"), d("2022-01-03"));
    let f = fact(
        &e,
        &gspc(
            Measure::daily_return(),
            year(2022),
            Reduce::StdDev {
                annualised: true,
                sample: true,
            },
            AS_OF,
        ),
    );
    assert_close(num(&f), 24.173530, 5e-6);
    assert_eq!(det_num(&f, "n_obs"), 251.0);
}

/// `spread on 2024-08-30 0.000000`, `min spread 2023 -1.080000 2023-07-03`,
/// `last date with the spread below 0 2024-09-05`.
#[test]
fn yield_spread_levels() {
    let Some(e) = engine() else { return };
    let spread = || Subject::Spread {
        a: "DGS10".into(),
        b: "DGS2".into(),
    };
    let f = fact(
        &e,
        &q(
            spread(),
            Measure::price(),
            Window::session(),
            Reduce::Last,
            "2024-08-30",
        ),
    );
    assert_close(num(&f), 0.0, 1e-9);
    assert_eq!(f.unit, Unit::PercentagePoints);
    let f = fact(
        &e,
        &q(spread(), Measure::price(), year(2023), Reduce::Min, AS_OF),
    );
    assert_close(num(&f), -1.08, 1e-9);
    assert_eq!(det_date(&f, "reached_on"), d("2023-07-03"));
    let inverted = Measure::flag(Measure::price(), Pred::Lt(0.0));
    let f = fact(
        &e,
        &q(spread(), inverted, Window::All, Reduce::LastDate, AS_OF),
    );
    assert_eq!(f.value, FactValue::Date(d("2024-09-05")));
    // A spread has no return: refused, not computed.
    let err = e
        .series(&q(
            spread(),
            Measure::price(),
            year(2023),
            Reduce::Return,
            AS_OF,
        ))
        .expect_err("no return of a spread");
    assert!(matches!(err, FactError::InvalidQuery { .. }), "{err}");
}

/// `longest run of weekly rises ('2022-08-05', '2022-10-21', 12)`;
/// `longest run of weekly rises in 2024 (clipped) ('2024-04-05', '2024-04-26', 4)`.
#[test]
fn weekly_yield_changes_run_length() {
    let Some(e) = engine() else { return };
    let rises = Measure::run(
        Measure::PeriodChange {
            calendar: Calendar::Week,
        },
        Pred::Gt(0.0),
    );
    let ten = |window| {
        q(
            Subject::symbol("DGS10"),
            rises.clone(),
            window,
            Reduce::LongestRun,
            AS_OF,
        )
    };
    let f = fact(&e, &ten(Window::All));
    assert_eq!(f.value, FactValue::Integer(12));
    assert_eq!(det_date(&f, "start"), d("2022-08-05"));
    assert_eq!(det_date(&f, "end"), d("2022-10-21"));
    let f = fact(&e, &ten(year(2024)));
    assert_eq!(brief(&f), "4 2024-04-26");
    assert_eq!(det_date(&f, "start"), d("2024-04-05"));
}

/// The window reaches before the data: an error carrying the data's first
/// date and the window's start, never a shortened window (^RUT's data
/// begin on 1987-09-10, the S&P 500's on 1927-12-30).
#[test]
fn windows_before_the_data_are_refused() {
    let Some(e) = engine() else { return };
    let rut = q(
        Subject::symbol("^RUT"),
        Measure::price(),
        year(1987),
        Reduce::Max,
        AS_OF,
    );
    assert_eq!(
        e.series(&rut),
        Err(FactError::BeforeData {
            instrument: "^RUT".into(),
            data_from: d("1987-09-10"),
            window_from: Some(d("1987-01-01")),
        })
    );
    // The first session has no return: a window from it reaches before the data.
    let first = gspc(
        Measure::daily_return(),
        since("1927-12-30"),
        Reduce::Min,
        AS_OF,
    );
    assert!(matches!(
        e.series(&first),
        Err(FactError::BeforeData { data_from, .. }) if data_from == d("1928-01-03")
    ));
    let early = gspc(Measure::price(), Window::All, Reduce::Last, "1900-01-01");
    assert!(matches!(
        e.series(&early),
        Err(FactError::BeforeData { data_from, .. }) if data_from == d("1927-12-30")
    ));
    // DGS10 has no intraday highs: the error names the instrument and the field.
    let highs = q(
        Subject::symbol("DGS10"),
        Measure::field(Field::High),
        Window::All,
        Reduce::Max,
        AS_OF,
    );
    assert_eq!(
        e.series(&highs),
        Err(FactError::MissingField {
            instrument: "DGS10".into(),
            field: Field::High,
        })
    );
}

/// Monthly series are cut at what is known (`Engine::known_len`): a month
/// counts once it has ended and its release lag (120 days for CAPE) has
/// passed, so as of 2020-03-16 CAPE reads October 2019 (28.84 in the
/// Shiller file), not February 2020 (30.73, published months later).
#[test]
fn monthly_series_are_cut_at_complete_months() {
    let Some(e) = engine() else { return };
    let cape = q(
        Subject::symbol("CAPE"),
        Measure::price(),
        Window::All,
        Reduce::Last,
        "2020-03-16",
    );
    let f = fact(&e, &cape);
    assert_eq!(brief(&f), "28.8400 2019-10-01");
    assert!(f.inputs.iter().all(|i| i.to <= d("2019-10-01")));
}
