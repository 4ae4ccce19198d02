//! Property tests: point-in-time, streak and drawdown invariants.

use facts::kernels::{drawdown, streaks};
use facts::Engine;
use model::{
    Date, Direction, Field, Period, Query, RecordKind, Series, SeriesKey, SourceId, Universe,
};
use proptest::prelude::*;

fn day(k: usize) -> Date {
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    start + chrono::Duration::days(k as i64)
}

/// First of the month `k` months after 2010-01-01.
fn month(k: usize) -> Date {
    let (y, m) = (2010 + (k / 12) as i32, (k % 12) as u32 + 1);
    chrono::NaiveDate::from_ymd_opt(y, m, 1).expect("month")
}

/// Months from 2010-01 to 2020-02: the last two (January, February 2020)
/// are incomplete as of every as-of date the property uses.
const MONTHS: usize = 122;

/// `cut`: keep daily rows through `day(cut - 1)`, monthly rows of months
/// complete by then, and documents dated through then: everything a Fact
/// as of `day(cut - 1)` may use.
fn universe(a: &[f64], b: &[f64], cut: Option<usize>) -> Universe {
    let mut u = Universe::default();
    let as_of = cut.map(|c| day(c - 1));
    let mut add = |key: SeriesKey, dates: Vec<Date>, vals: Vec<f64>| {
        let s = Series::from_one_source(key, dates, vals, SourceId(0)).expect("series");
        u.series.insert(s.key().clone(), s);
    };
    for (sym, vals) in [("AAA", a), ("BBB", b)] {
        let n = cut.map_or(vals.len(), |c| c.min(vals.len()));
        let dates: Vec<Date> = (0..n).map(day).collect();
        add(SeriesKey::new(sym, Field::Close), dates, vals[..n].to_vec());
    }
    // Monthly series: CAPE levels and French small-cap returns.
    let complete = |k: &usize| {
        let end = month(k + 1) - chrono::Duration::days(1);
        as_of.is_none_or(|d| end <= d)
    };
    let ks: Vec<usize> = (0..MONTHS).filter(complete).collect();
    let mdates: Vec<Date> = ks.iter().map(|k| month(*k)).collect();
    let cape: Vec<f64> = ks.iter().map(|k| 10.0 + a[k % a.len()]).collect();
    let ret: Vec<f64> = ks.iter().map(|k| b[k % b.len()] - 20.0).collect();
    add(SeriesKey::new("CAPE", Field::Value), mdates.clone(), cape);
    add(SeriesKey::new("FF_ME_LO30", Field::ReturnPct), mdates, ret);
    // Fed target range from `b` (whole percents), a statement the day before
    // every change (the announcement; FRED shows the change the next day).
    let n = cut.map_or(b.len(), |c| c.min(b.len()));
    let hi = |i: usize| f64::from((b[i] as u32) % 3 + 1);
    let dates: Vec<Date> = (0..n).map(day).collect();
    add(
        SeriesKey::new("DFEDTARU", Field::Value),
        dates.clone(),
        (0..n).map(hi).collect(),
    );
    add(
        SeriesKey::new("DFEDTARL", Field::Value),
        dates,
        (0..n).map(|i| hi(i) - 1.0).collect(),
    );
    for i in 1..b.len() {
        let announced = day(i - 1);
        if hi(i) != hi(i - 1) && as_of.is_none_or(|d| announced <= d) {
            u.documents.push(model::series::Document {
                id: format!("s{i}"),
                date: announced,
                title: "FOMC statement".into(),
                url: format!("https://example.org/s{i}.htm"),
                body: format!(
                    "The Committee decided to set the target range for the federal funds rate at {} to {} percent.",
                    hi(i) - 1.0,
                    hi(i)
                ),
                kind: "statement".into(),
                source: SourceId(0),
            });
        }
    }
    u
}

fn prices() -> impl Strategy<Value = Vec<f64>> {
    // Prices on a coarse grid so that equal closes (flat days) happen.
    prop::collection::vec(1u32..40, 30..120).prop_map(|v| v.into_iter().map(f64::from).collect())
}

fn queries(as_of: Date) -> Vec<Query> {
    vec![
        Query::Streak {
            symbol: "AAA".into(),
            vs: Some("BBB".into()),
            direction: None,
            as_of,
        },
        Query::Streak {
            symbol: "AAA".into(),
            vs: None,
            direction: Some(Direction::Up),
            as_of,
        },
        Query::StreakCount {
            symbol: "AAA".into(),
            vs: None,
            direction: Direction::Down,
            min_len: 2,
            from: None,
            as_of,
        },
        Query::Record {
            symbol: "AAA".into(),
            record: RecordKind::Close,
            as_of,
        },
        Query::Drawdown {
            symbol: "AAA".into(),
            as_of,
        },
        Query::MovingAverage {
            symbol: "AAA".into(),
            window: 5,
            as_of,
        },
        Query::Return {
            symbol: "AAA".into(),
            period: Period::LastSessions { n: 5 },
            as_of,
        },
        Query::LowestSince {
            symbol: "AAA".into(),
            as_of,
        },
        Query::Level {
            symbol: "AAA".into(),
            field: Field::Close,
            as_of,
        },
        Query::EventStudy {
            symbol: "AAA".into(),
            condition: model::Condition::DailyMove { pct: -5.0 },
            as_of,
        },
        Query::EventStudy {
            symbol: "AAA".into(),
            condition: model::Condition::Streak {
                vs: Some("BBB".into()),
                direction: Direction::Up,
                min_len: 2,
            },
            as_of,
        },
        Query::EventStudy {
            symbol: "AAA".into(),
            condition: model::Condition::Drawdown { pct: -10.0 },
            as_of,
        },
        Query::EventStudy {
            symbol: "AAA".into(),
            condition: model::Condition::RecordClose,
            as_of,
        },
        Query::EventStudy {
            symbol: "AAA".into(),
            condition: model::Condition::January { pct: 0.0 },
            as_of,
        },
        Query::ExtremeMove {
            symbol: "AAA".into(),
            direction: Direction::Down,
            from: None,
            as_of,
        },
        Query::ExtremeMove {
            symbol: "AAA".into(),
            direction: Direction::Up,
            from: Some(day(5)),
            as_of,
        },
        Query::Volatility {
            symbol: "AAA".into(),
            period: Period::LastSessions { n: 10 },
            annualised: true,
            sample: true,
            as_of,
        },
        Query::Level {
            symbol: "CAPE".into(),
            field: Field::Value,
            as_of,
        },
        Query::HighestSince {
            symbol: "CAPE".into(),
            as_of,
        },
        Query::Return {
            symbol: "FF_ME_LO30".into(),
            period: Period::Since { from: month(100) },
            as_of,
        },
        Query::Return {
            symbol: "FF_ME_LO30".into(),
            period: Period::LastSessions { n: 3 },
            as_of,
        },
        Query::RateDecisions { from: None, as_of },
        Query::RateDecisions {
            from: Some(day(5)),
            as_of,
        },
        Query::CrossSection {
            basket: model::Basket::Custom(vec!["AAA".into(), "BBB".into()]),
            period: Period::LastSessions { n: 5 },
            as_of,
        },
        Query::CrossSection {
            basket: model::Basket::Custom(vec!["AAA".into(), "FF_ME_LO30".into()]),
            period: Period::YearToDate,
            as_of,
        },
        Query::Change {
            symbol: "AAA".into(),
            field: None,
            from: day(3),
            as_of,
        },
        Query::Change {
            symbol: "CAPE".into(),
            field: Some(Field::Value),
            from: month(100),
            as_of,
        },
        Query::ReturnSpread {
            a: "AAA".into(),
            b: "BBB".into(),
            period: Period::LastSessions { n: 5 },
            as_of,
        },
        Query::ReturnSpread {
            a: "AAA".into(),
            b: "BBB".into(),
            period: Period::Since { from: day(2) },
            as_of,
        },
    ]
}

proptest! {
    /// Removing every observation after D leaves every Fact as of D unchanged.
    #[test]
    fn facts_are_point_in_time(a in prices(), b in prices(), at in 12usize..30) {
        let full = universe(&a, &b, None);
        let cut = universe(&a, &b, Some(at + 1));
        let (ef, ec) = (Engine::new(&full), Engine::new(&cut));
        for q in queries(day(at)) {
            let (x, y) = (ef.fact(&q), ec.fact(&q));
            prop_assert_eq!(x, y, "query {:?}", q);
        }
    }

    /// Every day of a streak has the sign; the day before the streak breaks it.
    #[test]
    fn streak_days_have_the_sign(a in prices(), end_frac in 0.0f64..1.0) {
        let up = streaks::up_hits(&a);
        let end = 1 + ((a.len() - 2) as f64 * end_frac) as usize;
        let s = streaks::streak_stats(&up, end);
        if let Some(run) = s.current {
            for i in run.start..=run.end {
                prop_assert!(a[i] > a[i - 1]);
            }
            prop_assert!(run.start == 1 || a[run.start - 1] <= a[run.start - 2]);
            if let Some(x) = s.longest_since {
                prop_assert!(x.len() >= run.len() && x.end < run.start);
            }
        } else {
            prop_assert!(a[end] <= a[end - 1]);
        }
    }

    /// A flat series has no streak of either kind.
    #[test]
    fn flat_series_has_no_streak(level in 1.0f64..1000.0, n in 2usize..200) {
        let a = vec![level; n];
        prop_assert!(streaks::runs(&streaks::up_hits(&a)).is_empty());
        prop_assert!(streaks::runs(&streaks::down_hits(&a)).is_empty());
        prop_assert!(streaks::runs(&streaks::relative_hits(&a, &a, true)).is_empty());
    }

    /// Drawdowns are ≤ 0 and exactly 0 at running peaks.
    #[test]
    fn drawdown_invariants(a in prices()) {
        let dd = drawdown::drawdown_series_pct(&a);
        let mut peak = f64::NEG_INFINITY;
        for (i, &c) in a.iter().enumerate() {
            prop_assert!(dd[i] <= 0.0);
            if c >= peak {
                prop_assert_eq!(dd[i], 0.0);
                peak = c;
            }
            let at = drawdown::drawdown_at(&a, i);
            prop_assert!((at.drawdown_pct - dd[i]).abs() < 1e-9);
            prop_assert!(at.trough_pct <= at.drawdown_pct);
        }
    }
}
