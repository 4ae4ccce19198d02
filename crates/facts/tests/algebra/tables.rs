//! Every reducer and measure on tiny hand-made series, with the expected
//! values worked out by hand in the comments.
//!
//! `AAA` closes on the weekdays from Monday 2024-01-01:
//!
//! | date       | close | daily return % | up | down |
//! |------------|-------|----------------|----|------|
//! | 2024-01-01 | 10    | —              |    |      |
//! | 2024-01-02 | 11    | +10            | ✓  |      |
//! | 2024-01-03 | 12    | +9.0909        | ✓  |      |
//! | 2024-01-04 | 11    | −8.3333        |    | ✓    |
//! | 2024-01-05 | 13    | +18.1818       | ✓  |      |
//! | 2024-01-08 | 13    | 0              |    |      |
//! | 2024-01-09 | 12    | −7.6923        |    | ✓    |
//!
//! `BBB` closes 20 21 21 22 23 22 22 on the same dates (returns +5, 0,
//! +4.7619, +4.5455, −4.3478, 0), so AAA beat BBB on 01-02, 01-03, 01-05
//! and 01-08. `MON` is a sparse series for the calendar measures.

use super::{brief, d};
use facts::Engine;
use model::{
    Calendar, Date, Field, Measure, Order, Period, Pred, Reduce, SeriesKey, SeriesQuery, SourceId,
    Subject, Unit, Universe, Window,
};
use rstest::rstest;

const CLOSE: [f64; 7] = [10.0, 11.0, 12.0, 11.0, 13.0, 13.0, 12.0];
const OPEN: [f64; 7] = [10.0, 10.5, 12.2, 11.5, 12.5, 13.1, 12.9];
const HIGH: [f64; 7] = [10.5, 11.2, 12.5, 12.1, 13.4, 13.3, 13.0];
const LOW: [f64; 7] = [9.5, 10.0, 11.5, 10.8, 11.0, 12.6, 11.9];
const BBB: [f64; 7] = [20.0, 21.0, 21.0, 22.0, 23.0, 22.0, 22.0];

/// `MON`: a few closes around month, quarter, half, year and ISO-week ends.
const MON: [(&str, f64); 10] = [
    ("2023-12-29", 100.0),
    ("2024-01-02", 110.0),
    ("2024-01-31", 121.0),
    ("2024-02-01", 120.0),
    ("2024-02-29", 132.0),
    ("2024-06-28", 99.0),
    ("2024-07-01", 100.0),
    ("2024-12-31", 110.0),
    ("2025-01-02", 121.0),
    ("2025-03-05", 110.0),
];

fn weekdays(n: usize) -> Vec<Date> {
    let mut out = Vec::new();
    let mut day = d("2024-01-01");
    while out.len() < n {
        if chrono::Datelike::weekday(&day).number_from_monday() <= 5 {
            out.push(day);
        }
        day = day.succ_opt().expect("next day");
    }
    out
}

fn universe() -> &'static Universe {
    static U: std::sync::OnceLock<Universe> = std::sync::OnceLock::new();
    U.get_or_init(|| {
        let mut u = Universe::default();
        let mut add = |sym: &str, field: Field, dates: Vec<Date>, values: Vec<f64>| {
            let s = model::Series::from_one_source(
                SeriesKey::new(sym, field),
                dates,
                values,
                SourceId(0),
            )
            .expect("series");
            u.series.insert(s.key().clone(), s);
        };
        let days = weekdays(7);
        add("AAA", Field::Close, days.clone(), CLOSE.to_vec());
        add("AAA", Field::Open, days.clone(), OPEN.to_vec());
        add("AAA", Field::High, days.clone(), HIGH.to_vec());
        add("AAA", Field::Low, days.clone(), LOW.to_vec());
        add("BBB", Field::Close, days.clone(), BBB.to_vec());
        // CCC lacks 2024-01-04: pairs with it use the common dates.
        let ccc: Vec<usize> = vec![0, 1, 2, 4, 5, 6];
        add(
            "CCC",
            Field::Close,
            ccc.iter().map(|&i| days[i]).collect(),
            ccc.iter().map(|&i| BBB[i]).collect(),
        );
        // Only an adjusted close; and monthly returns in percent (French-style).
        add("ADJ", Field::AdjClose, days.clone(), CLOSE.to_vec());
        add(
            "RET",
            Field::ReturnPct,
            [
                "2023-01-01",
                "2023-02-01",
                "2023-03-01",
                "2023-04-01",
                "2023-05-01",
            ]
            .iter()
            .map(|s| d(s))
            .collect(),
            vec![1.0, 2.0, -1.0, 3.0, 5.0],
        );
        add(
            "MON",
            Field::Close,
            MON.iter().map(|(s, _)| d(s)).collect(),
            MON.iter().map(|(_, v)| *v).collect(),
        );
        u
    })
}

fn run(subject: Subject, measure: Measure, window: Window, reduce: Reduce, as_of: &str) -> String {
    let q = SeriesQuery {
        subject,
        measure,
        window,
        reduce,
        as_of: d(as_of),
    };
    match Engine::new(universe()).series(&q) {
        Ok(f) => brief(&f),
        Err(e) => format!("{e:?}"),
    }
}

fn aaa(measure: Measure, window: Window, reduce: Reduce, as_of: &str) -> String {
    run(Subject::symbol("AAA"), measure, window, reduce, as_of)
}

fn between(a: &str, b: &str) -> Window {
    Window::between(d(a), d(b))
}

fn since(a: &str) -> Window {
    Window::Period {
        period: Period::Since { from: d(a) },
    }
}

fn last(n: u32) -> Window {
    Window::Period {
        period: Period::LastSessions { n },
    }
}

fn up() -> Measure {
    Measure::run(Measure::daily_return(), Pred::Gt(0.0))
}

fn down() -> Measure {
    Measure::run(Measure::daily_return(), Pred::Lt(0.0))
}

fn rises() -> Measure {
    Measure::flag(Measure::daily_return(), Pred::Gt(0.0))
}

const HIGHEST: Order = Order::Highest;
const LOWEST: Order = Order::Lowest;

#[rstest]
// Last / First: the window's last or first observation.
#[case::last(
    Measure::price(),
    Window::All,
    Reduce::Last,
    "2024-01-09",
    "12.0000 2024-01-09"
)]
#[case::first(
    Measure::price(),
    Window::All,
    Reduce::First,
    "2024-01-09",
    "10.0000 2024-01-01"
)]
// Max / Min with the date; 13 is reached twice, the earliest is reported.
#[case::max_tie_earliest(
    Measure::price(),
    Window::All,
    Reduce::Max,
    "2024-01-09",
    "13.0000 2024-01-05"
)]
#[case::min(
    Measure::price(),
    Window::All,
    Reduce::Min,
    "2024-01-09",
    "10.0000 2024-01-01"
)]
// Mean of 10 11 12 11 13 13 12 = 82 / 7.
#[case::mean(Measure::price(), Window::All, Reduce::Mean, "2024-01-09", "11.7143")]
// Change and return from the base (01-02, 11) to the last (01-09, 12).
#[case::change(
    Measure::price(),
    between("2024-01-03", "2024-01-09"),
    Reduce::Change,
    "2024-01-09",
    "1.0000 2024-01-09"
)]
#[case::return_(
    Measure::price(),
    between("2024-01-03", "2024-01-09"),
    Reduce::Return,
    "2024-01-09",
    "9.0909 2024-01-09"
)]
// The session's return: 12 / 13 − 1.
#[case::day_return(
    Measure::price(),
    Window::session(),
    Reduce::Return,
    "2024-01-09",
    "-7.6923 2024-01-09"
)]
// Six of the last six sessions from the base 10: 12 / 10 − 1.
#[case::last_sessions(
    Measure::price(),
    last(6),
    Reduce::Return,
    "2024-01-09",
    "20.0000 2024-01-09"
)]
// Count: observations for a plain measure, holding flags for a flag.
#[case::count_obs(Measure::daily_return(), Window::All, Reduce::Count, "2024-01-09", "6")]
#[case::count_flags(rises(), Window::All, Reduce::Count, "2024-01-09", "3")]
#[case::count_runs(up(), Window::All, Reduce::CountRuns { min_len: 1 }, "2024-01-09", "2")]
#[case::count_runs_min_2(up(), Window::All, Reduce::CountRuns { min_len: 2 }, "2024-01-09", "1")]
#[case::longest_run(up(), Window::All, Reduce::LongestRun, "2024-01-09", "2 2024-01-03")]
#[case::first_date(
    Measure::flag(Measure::daily_return(), Pred::Lt(0.0)),
    Window::All,
    Reduce::FirstDate,
    "2024-01-09",
    "2024-01-04 2024-01-04"
)]
#[case::last_date(
    Measure::flag(Measure::daily_return(), Pred::Lt(0.0)),
    Window::All,
    Reduce::LastDate,
    "2024-01-09",
    "2024-01-09 2024-01-09"
)]
#[case::last_date_none(Measure::flag(Measure::daily_return(), Pred::Lt(-50.0)), Window::All, Reduce::LastDate, "2024-01-09", "none")]
// Rank of 12 among 10 11 12 11 13 13 12: four values are ≥ 12 (ties count
// against it), five are ≤ 12.
#[case::rank_highest(Measure::price(), Window::All, Reduce::Rank { order: HIGHEST }, "2024-01-09", "4 2024-01-09")]
#[case::rank_lowest(Measure::price(), Window::All, Reduce::Rank { order: LOWEST }, "2024-01-09", "5 2024-01-09")]
// The highest since: the last earlier close ≥ 12 is 01-08 (13).
#[case::since(Measure::price(), Window::All, Reduce::LastAtLeastAsExtreme { order: HIGHEST }, "2024-01-09", "2024-01-08 2024-01-09")]
// 13 on 01-05 is above everything before: on record, dated at the data's first date.
#[case::since_on_record(Measure::price(), Window::session(), Reduce::LastAtLeastAsExtreme { order: HIGHEST }, "2024-01-05", "2024-01-01 2024-01-05")]
// 12 against the high 13 (01-05): 12 / 13 − 1.
#[case::from_extreme(Measure::price(), Window::session(), Reduce::FromExtreme { extreme: HIGHEST, within: Window::All }, "2024-01-09", "-7.6923 2024-01-09")]
// The window's own peak: 12 (01-03) to 11 (01-04) is −8.33 %, deeper than 13 to 12.
#[case::max_drawdown(
    Measure::price(),
    Window::All,
    Reduce::MaxDrawdown,
    "2024-01-09",
    "-8.3333 2024-01-04"
)]
#[case::drawdown_min(
    Measure::Drawdown,
    Window::All,
    Reduce::Min,
    "2024-01-09",
    "-8.3333 2024-01-04"
)]
// Sample standard deviation of the six daily returns (Python statistics.stdev).
#[case::std_dev(Measure::daily_return(), Window::All, Reduce::StdDev { annualised: false, sample: true }, "2024-01-09", "10.6452")]
#[case::std_dev_population(Measure::daily_return(), Window::All, Reduce::StdDev { annualised: false, sample: false }, "2024-01-09", "9.7177")]
#[case::std_dev_annualised(Measure::daily_return(), Window::All, Reduce::StdDev { annualised: true, sample: true }, "2024-01-09", "168.9870")]
fn reducers(
    #[case] measure: Measure,
    #[case] window: Window,
    #[case] reduce: Reduce,
    #[case] as_of: &str,
    #[case] expected: &str,
) {
    assert_eq!(aaa(measure, window, reduce, as_of), expected);
}

#[rstest]
// A run that began before the window (01-02..01-03): LongestRun and
// CountRuns clip it to the window (1 session on 01-03), Max of the run
// length reads it whole (2).
#[case::clipped_longest(
    up(),
    between("2024-01-03", "2024-01-09"),
    Reduce::LongestRun,
    "2024-01-09",
    "1 2024-01-03"
)]
#[case::clipped_count(up(), between("2024-01-03", "2024-01-09"), Reduce::CountRuns { min_len: 2 }, "2024-01-09", "0")]
#[case::unclipped_max(
    up(),
    between("2024-01-03", "2024-01-09"),
    Reduce::Max,
    "2024-01-09",
    "2 2024-01-03"
)]
// A run going on past the window's end is cut at the window's last day.
#[case::run_at_end(
    up(),
    between("2024-01-02", "2024-01-02"),
    Reduce::LongestRun,
    "2024-01-09",
    "1 2024-01-02"
)]
// One observation.
#[case::one_obs_max(
    Measure::price(),
    Window::session(),
    Reduce::Max,
    "2024-01-09",
    "12.0000 2024-01-09"
)]
#[case::one_obs_rank(Measure::price(), Window::session(), Reduce::Rank { order: HIGHEST }, "2024-01-09", "1 2024-01-09")]
#[case::one_obs_sample_sd(Measure::daily_return(), Window::session(), Reduce::StdDev { annualised: false, sample: true }, "2024-01-09", "NotEnoughHistory { instrument: \"AAA\", needed: 2, have: 1 }")]
#[case::one_obs_population_sd(Measure::daily_return(), Window::session(), Reduce::StdDev { annualised: false, sample: false }, "2024-01-09", "0.0000")]
// An empty window (a weekend).
#[case::empty(
    Measure::price(),
    between("2024-01-06", "2024-01-07"),
    Reduce::Last,
    "2024-01-09",
    "NoData { instrument: \"AAA\", field: Close, from: 2024-01-06, to: 2024-01-07 }"
)]
// Windows reaching before the data: never shortened.
#[case::before_first_date(
    Measure::price(),
    between("2023-12-25", "2024-01-05"),
    Reduce::Max,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-01, window_from: Some(2023-12-25) }"
)]
#[case::before_first_return(
    Measure::daily_return(),
    since("2024-01-01"),
    Reduce::Max,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-02, window_from: Some(2024-01-01) }"
)]
#[case::first_session_return(
    Measure::daily_return(),
    between("2024-01-01", "2024-01-01"),
    Reduce::Last,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-02, window_from: Some(2024-01-01) }"
)]
#[case::sma_before_data(Measure::SmaGap { sessions: 3 }, between("2024-01-02", "2024-01-05"), Reduce::Last, "2024-01-09", "BeforeData { instrument: \"AAA\", data_from: 2024-01-03, window_from: Some(2024-01-02) }")]
#[case::no_base(
    Measure::price(),
    since("2024-01-01"),
    Reduce::Return,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-01, window_from: Some(2024-01-01) }"
)]
#[case::too_many_sessions(
    Measure::price(),
    last(8),
    Reduce::Last,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-01, window_from: None }"
)]
#[case::no_base_sessions(
    Measure::price(),
    last(7),
    Reduce::Return,
    "2024-01-09",
    "BeforeData { instrument: \"AAA\", data_from: 2024-01-01, window_from: None }"
)]
// As of the first session the daily return has no observation at all.
#[case::no_return_yet(
    Measure::daily_return(),
    Window::session(),
    Reduce::Last,
    "2024-01-01",
    "NotEnoughHistory { instrument: \"AAA\", needed: 2, have: 1 }"
)]
// Runs that are not current.
#[case::no_current_run(up(), Window::session(), Reduce::LastAtLeastAsExtreme { order: HIGHEST }, "2024-01-08", "no current run 2024-01-08")]
fn edges(
    #[case] measure: Measure,
    #[case] window: Window,
    #[case] reduce: Reduce,
    #[case] as_of: &str,
    #[case] expected: &str,
) {
    assert_eq!(aaa(measure, window, reduce, as_of), expected);
}

#[rstest]
// Current run 2 on 01-03 (from 01-02): none earlier ⇒ on record, dated at
// the measure's first date (01-02, the first daily return).
#[case::run_on_record(up(), "2024-01-03", "2024-01-02 2024-01-03")]
// Current run 1 on 01-05: the earlier run 01-02..01-03 (2) reached it.
#[case::run_since(up(), "2024-01-05", "2024-01-03 2024-01-05")]
// Down run 1 on 01-09: the earlier down run ended on 01-04.
#[case::down_run_since(down(), "2024-01-09", "2024-01-04 2024-01-09")]
fn since_on_runs(#[case] measure: Measure, #[case] as_of: &str, #[case] expected: &str) {
    let reduce = Reduce::LastAtLeastAsExtreme { order: HIGHEST };
    assert_eq!(aaa(measure, Window::session(), reduce, as_of), expected);
}

#[rstest]
// Open 12.9 on 01-09 over the close 13 of 01-08.
#[case::open_gap(Measure::OpenGap, "2024-01-09", "-0.7692 2024-01-09")]
// High 13.4 on 01-05 over the close 11 of 01-04; low 11.9 on 01-09 over 13.
#[case::intraday_high(Measure::IntradayMove { extreme: HIGHEST }, "2024-01-05", "21.8182 2024-01-05")]
#[case::intraday_low(Measure::IntradayMove { extreme: LOWEST }, "2024-01-09", "-8.4615 2024-01-09")]
// Two sessions back: 12 / 13 (01-05) − 1; a change of one session: 12 − 13.
#[case::return_2(Measure::Return { sessions: 2 }, "2024-01-09", "-7.6923 2024-01-09")]
#[case::change_1(Measure::Change { sessions: 1 }, "2024-01-09", "-1.0000 2024-01-09")]
// The 3-session average of 13 13 12 is 12.667: 12 / 12.667 − 1.
#[case::sma_gap(Measure::SmaGap { sessions: 3 }, "2024-01-09", "-5.2632 2024-01-09")]
#[case::drawdown(Measure::Drawdown, "2024-01-09", "-7.6923 2024-01-09")]
#[case::high_level(Measure::field(Field::High), "2024-01-09", "13.0000 2024-01-09")]
// Records: 13 on 01-08 equals the record of 01-05, so it is not one.
#[case::record_close(
    Measure::flag(Measure::price(), Pred::NewMax),
    "2024-01-05",
    "true 2024-01-05"
)]
#[case::tied_record_close(
    Measure::flag(Measure::price(), Pred::NewMax),
    "2024-01-08",
    "false 2024-01-08"
)]
#[case::record_high(
    Measure::flag(Measure::field(Field::High), Pred::NewMax),
    "2024-01-05",
    "true 2024-01-05"
)]
#[case::record_low(
    Measure::flag(Measure::price(), Pred::NewMin),
    "2024-01-04",
    "false 2024-01-04"
)]
#[case::abs_ge(
    Measure::flag(Measure::daily_return(), Pred::AbsGe(7.6923)),
    "2024-01-09",
    "true 2024-01-09"
)]
#[case::run_length(up(), "2024-01-03", "2 2024-01-03")]
#[case::run_zero(up(), "2024-01-04", "0 2024-01-04")]
fn measures_on_the_session(#[case] measure: Measure, #[case] as_of: &str, #[case] expected: &str) {
    assert_eq!(
        aaa(measure, Window::session(), Reduce::Last, as_of),
        expected
    );
}

fn mon(measure: Measure, window: Window, reduce: Reduce) -> String {
    run(
        Subject::symbol("MON"),
        measure,
        window,
        reduce,
        "2025-03-05",
    )
}

fn periodic(calendar: Calendar) -> Measure {
    Measure::PeriodReturn { calendar }
}

#[rstest]
// Months (Dec 2023 has no month before it and is dropped): Jan 2024 121/100,
// Feb 132/121, Jun 99/132, Jul 100/99, Dec 110/100, Jan 2025 121/110, Mar
// 2025 110/121 (to date).
#[case::months(periodic(Calendar::Month), Window::All, Reduce::Count, "7")]
#[case::worst_month(
    periodic(Calendar::Month),
    Window::All,
    Reduce::Min,
    "-25.0000 2024-06-28"
)]
#[case::months_in_2024(periodic(Calendar::Month), Window::Period { period: Period::Year { year: 2024 } }, Reduce::Count, "5")]
// Quarters: Q1 2024 132/100, Q2 99/132, Q3 100/99, Q4 110/100, Q1 2025 110/110.
#[case::quarters(
    periodic(Calendar::Quarter),
    Window::All,
    Reduce::Max,
    "32.0000 2024-02-29"
)]
#[case::current_quarter(
    periodic(Calendar::Quarter),
    Window::All,
    Reduce::Last,
    "0.0000 2025-03-05"
)]
// Halves: H1 2024 99/100, H2 110/99, H1 2025 110/110.
#[case::halves(
    periodic(Calendar::Half),
    Window::All,
    Reduce::First,
    "-1.0000 2024-06-28"
)]
#[case::second_halves(periodic(Calendar::HalfOfYear { half: 2 }), Window::All, Reduce::Count, "1")]
#[case::years(
    periodic(Calendar::Year),
    Window::All,
    Reduce::First,
    "10.0000 2024-12-31"
)]
// Januarys: 2024 +21 %, 2025 +10 %.
#[case::januarys(periodic(Calendar::MonthOfYear { month: 1 }), Window::All, Reduce::Min, "10.0000 2025-01-02")]
// Year to date at March 5: 2024 to 02-29 (132/100), 2025 to 03-05 (110/110).
#[case::ytd(
    periodic(Calendar::YearToDate),
    Window::All,
    Reduce::Max,
    "32.0000 2024-02-29"
)]
#[case::ytd_now(
    periodic(Calendar::YearToDate),
    Window::All,
    Reduce::Last,
    "0.0000 2025-03-05"
)]
// ISO weeks: 2024-12-31 and 2025-01-02 are both 2025-W01, 121 over the
// last close of the week before (06-28 … no: 07-01, 100).
#[case::weeks(periodic(Calendar::Week), Window::All, Reduce::Count, "7")]
#[case::week_across_new_year(
    periodic(Calendar::Week),
    Window::All,
    Reduce::Max,
    "21.0000 2025-01-02"
)]
// 2024-01-31 and 02-01 share a week: 120 over 110 (01-02).
#[case::week_dated_at_its_last_day(
    periodic(Calendar::Week),
    between("2024-01-29", "2024-02-04"),
    Reduce::Last,
    "9.0909 2024-02-01"
)]
#[case::year_change(Measure::PeriodChange { calendar: Calendar::Year }, Window::All, Reduce::First, "10.0000 2024-12-31")]
#[case::month_13(periodic(Calendar::MonthOfYear { month: 13 }), Window::All, Reduce::Count, "InvalidPeriod { reason: \"month 13 (must be 1 to 12)\" }")]
fn calendar_periods(
    #[case] measure: Measure,
    #[case] window: Window,
    #[case] reduce: Reduce,
    #[case] expected: &str,
) {
    assert_eq!(mon(measure, window, reduce), expected);
}

/// Runs of monthly values count months; of weekly values, weeks (a count).
#[test]
fn run_units_follow_the_observations() {
    let q = |calendar| SeriesQuery {
        subject: Subject::symbol("MON"),
        measure: Measure::run(periodic(calendar), Pred::Gt(0.0)),
        window: Window::All,
        reduce: Reduce::LongestRun,
        as_of: d("2025-03-05"),
    };
    let e = Engine::new(universe());
    let f = e.series(&q(Calendar::Month)).expect("months");
    // Jan and Feb 2024 rose; so did Jul, Dec 2024 and Jan 2025 (3 in a row).
    assert_eq!(brief(&f), "3 2025-01-02");
    assert_eq!(f.unit, Unit::Months);
    let f = e.series(&q(Calendar::Week)).expect("weeks");
    assert_eq!(f.unit, Unit::Count);
}

fn pair_relative() -> Subject {
    Subject::Relative {
        a: "AAA".into(),
        b: "BBB".into(),
    }
}

fn pair_spread() -> Subject {
    Subject::Spread {
        a: "AAA".into(),
        b: "BBB".into(),
    }
}

#[rstest]
// A's daily return minus B's, in percentage points: −7.6923 − 0.
#[case::relative_move(
    pair_relative(),
    Measure::daily_return(),
    Window::session(),
    Reduce::Last,
    "-7.6923 2024-01-09"
)]
// A beat B on 01-02, 01-03 and on 01-05, 01-08: two runs of 2, the earliest reported.
#[case::relative_streak(
    pair_relative(),
    Measure::run(Measure::daily_return(), Pred::Gt(0.0)),
    Window::All,
    Reduce::LongestRun,
    "2 2024-01-03"
)]
// A returned 12/11 − 1 = 9.0909 %, B 22/21 − 1 = 4.7619 %: 4.3290 pp.
#[case::relative_return(
    pair_relative(),
    Measure::price(),
    between("2024-01-03", "2024-01-09"),
    Reduce::Return,
    "4.3290 2024-01-09"
)]
#[case::relative_level_is_the_ratio(
    pair_relative(),
    Measure::price(),
    Window::All,
    Reduce::Last,
    "0.5455 2024-01-09"
)]
#[case::relative_change_refused(pair_relative(), Measure::Change { sessions: 1 }, Window::All, Reduce::Last, "InvalidQuery { reason: \"the change measure is not defined for AAA relative to BBB: two instruments' changes in their own units do not subtract (use a return, or a spread)\" }")]
// Spread A − B: −10 −10 −9 −11 −10 −9 −10.
#[case::spread_max(
    pair_spread(),
    Measure::price(),
    Window::All,
    Reduce::Max,
    "-9.0000 2024-01-03"
)]
#[case::spread_change(pair_spread(), Measure::Change { sessions: 1 }, Window::session(), Reduce::Last, "-1.0000 2024-01-09")]
#[case::spread_return_refused(pair_spread(), Measure::daily_return(), Window::All, Reduce::Last, "InvalidQuery { reason: \"the return measure is not defined for AAA minus BBB: a spread can be zero or negative, so it has no return (use a change)\" }")]
#[case::spread_drawdown_refused(pair_spread(), Measure::Drawdown, Window::All, Reduce::Min, "InvalidQuery { reason: \"the drawdown measure is not defined for AAA minus BBB: a spread can be zero or negative, so it has no drawdown\" }")]
// CCC lacks 01-04: on the common dates, 01-05's returns are from 01-03
// (A 13/12 − 1 = 8.3333 %, CCC 23/21 − 1 = 9.5238 %).
#[case::common_dates(Subject::Relative { a: "AAA".into(), b: "CCC".into() }, Measure::daily_return(), Window::session(), Reduce::Last, "-1.1905 2024-01-05")]
fn pairs(
    #[case] subject: Subject,
    #[case] measure: Measure,
    #[case] window: Window,
    #[case] reduce: Reduce,
    #[case] expected: &str,
) {
    let as_of = if window == Window::session() && expected.contains("2024-01-05") {
        "2024-01-05"
    } else {
        "2024-01-09"
    };
    assert_eq!(run(subject, measure, window, reduce, as_of), expected);
}

#[rstest]
#[case::return_of_a_return(Measure::daily_return(), Reduce::Return, "InvalidQuery { reason: \"the return reducer reads a positive level (a close, a yield), not a daily return\" }")]
#[case::runs_of_a_level(Measure::price(), Reduce::CountRuns { min_len: 2 }, "InvalidQuery { reason: \"the count_runs reducer reads a flag or a run length (where a condition holds), not a close\" }")]
#[case::zero_sessions(Measure::Return { sessions: 0 }, Reduce::Last, "InvalidQuery { reason: \"the return measure is not defined for AAA: a length of 0 sessions\" }")]
#[case::no_highs(
    Measure::field(Field::Volume),
    Reduce::Max,
    "MissingField { instrument: \"AAA\", field: Volume }"
)]
fn refusals(#[case] measure: Measure, #[case] reduce: Reduce, #[case] expected: &str) {
    assert_eq!(aaa(measure, Window::All, reduce, "2024-01-09"), expected);
}

#[test]
fn unknown_instruments_and_non_sessions() {
    let e = Engine::new(universe());
    let q = |subject: Subject, as_of: &str| SeriesQuery {
        subject,
        measure: Measure::price(),
        window: Window::session(),
        reduce: Reduce::Last,
        as_of: d(as_of),
    };
    assert!(matches!(
        e.series(&q(Subject::symbol("ZZZ"), "2024-01-09")),
        Err(facts::FactError::UnknownInstrument { .. })
    ));
    assert!(matches!(
        e.series(&q(Subject::symbol("AAA"), "2024-01-06")),
        Err(facts::FactError::NotASession { .. })
    ));
    // As of a date before the data: the data's first date and the date asked.
    assert_eq!(
        e.series(&q(Subject::symbol("AAA"), "2023-12-29")),
        Err(facts::FactError::BeforeData {
            instrument: "AAA".into(),
            data_from: d("2024-01-01"),
            window_from: Some(d("2023-12-29")),
        })
    );
}

/// The Fact's common shape: kind, method, the measure's method, window,
/// details, inputs cut at what was read, and a sentence.
#[test]
fn facts_carry_their_reading() {
    let e = Engine::new(universe());
    let f = e
        .series(&SeriesQuery {
            subject: Subject::symbol("AAA"),
            measure: Measure::price(),
            window: between("2024-01-03", "2024-01-09"),
            reduce: Reduce::Return,
            as_of: d("2024-01-09"),
        })
        .expect("return");
    assert_eq!(f.kind, "series");
    assert_eq!(f.subjects, vec!["AAA".to_string()]);
    assert_eq!(
        (f.method.id.as_str(), f.method.version),
        ("reduce.return", 1)
    );
    assert_eq!(f.unit, Unit::Percent);
    assert_eq!(f.window, Some((d("2024-01-03"), d("2024-01-09"))));
    let text = |k: &str| match f.detail(k).map(|x| &x.value) {
        Some(model::FactValue::Text(t)) => t.clone(),
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(text("measure"), "level");
    assert_eq!(text("reduce"), "return");
    assert_eq!(text("measure_method"), "measure.level v1");
    assert_eq!(super::det_date(&f, "base_date"), d("2024-01-02"));
    assert_eq!(super::det_num(&f, "base_value"), 11.0);
    assert_eq!(super::det_num(&f, "n_obs"), 5.0);
    // The base close and the window are cited, nothing before or after.
    assert_eq!(f.inputs.len(), 1);
    assert_eq!(
        (f.inputs[0].from, f.inputs[0].to),
        (d("2024-01-02"), d("2024-01-09"))
    );
    assert_eq!(
        f.text,
        "AAA returned +9.09% (+1.00 points) from 2024-01-03 to 2024-01-09, measured from the close of 11.00 on 2024-01-02."
    );
}

/// Without a close, the adjusted close is read and the Fact says so; a
/// series of monthly returns is compounded into a level (and cut at the
/// months complete by the as-of date: May 2023 is not, on 2023-05-15).
#[test]
fn adjusted_closes_and_periodic_returns() {
    let e = Engine::new(universe());
    let f = e
        .series(&SeriesQuery {
            subject: Subject::symbol("ADJ"),
            measure: Measure::price(),
            window: Window::All,
            reduce: Reduce::Max,
            as_of: d("2024-01-09"),
        })
        .expect("adjusted");
    assert_eq!(brief(&f), "13.0000 2024-01-05");
    assert_eq!(
        f.detail("adjusted_close").map(|x| x.value.clone()),
        Some(model::FactValue::Bool(true))
    );
    assert!(f.inputs.iter().all(|i| i.field == Field::AdjClose));
    let q = |measure: Measure, window: Window, reduce: Reduce| SeriesQuery {
        subject: Subject::symbol("RET"),
        measure,
        window,
        reduce,
        as_of: d("2023-05-15"),
    };
    // February to April: 1.02 × 0.99 × 1.03 − 1.
    let f = e
        .series(&q(
            Measure::price(),
            between("2023-02-01", "2023-04-30"),
            Reduce::Return,
        ))
        .expect("compounded");
    super::assert_close(super::num(&f), (1.02 * 0.99 * 1.03 - 1.0) * 100.0, 1e-9);
    assert!(super::det_bool(&f, "compounded_from_returns"));
    // The raw field is the monthly return itself; April is the last complete month.
    let f = e
        .series(&q(
            Measure::field(Field::ReturnPct),
            Window::All,
            Reduce::Last,
        ))
        .expect("raw");
    assert_eq!(brief(&f), "3.0000 2023-04-01");
    assert_eq!(f.unit, Unit::Percent);
    // Its runs count months.
    let f = e
        .series(&q(
            Measure::run(Measure::field(Field::ReturnPct), Pred::Gt(0.0)),
            Window::All,
            Reduce::LongestRun,
        ))
        .expect("runs");
    assert_eq!(brief(&f), "2 2023-02-01");
    assert_eq!(f.unit, Unit::Months);
}
