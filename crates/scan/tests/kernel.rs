//! The fused kernel against hand-checked tiny series and, on random series,
//! against the per-metric reference implementations.

use model::Date;
use proptest::prelude::*;
use scan::{reference, scan_all, scan_one, Benchmark, Metrics, SeriesRef, Streak};

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid test date")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()) + 1e-15
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Series of the first hand-checked case (11 sessions around new year).
fn case_a() -> (Vec<Date>, Vec<f64>) {
    let dates = [
        "2023-12-18",
        "2023-12-19",
        "2023-12-20",
        "2023-12-21",
        "2023-12-22",
        "2023-12-26",
        "2023-12-27",
        "2023-12-28",
        "2023-12-29",
        "2024-01-02",
        "2024-01-03",
    ];
    let closes = [
        10.0, 11.0, 12.0, 13.0, 12.0, 13.0, 14.0, 13.5, 14.0, 15.0, 16.0,
    ];
    (dates.iter().map(|s| d(s)).collect(), closes.to_vec())
}

#[test]
fn hand_checked_up_streak_record_and_relative_streak() {
    let (dates, closes) = case_a();
    // Benchmark: flat at 100, skips 2023-12-26, has an extra 2024-01-01, and
    // jumps 10 % on the last day.
    let bench_dates: Vec<Date> = dates
        .iter()
        .copied()
        .filter(|x| *x != d("2023-12-26"))
        .chain([d("2024-01-01")])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut bench_closes = vec![100.0; bench_dates.len()];
    *bench_closes.last_mut().expect("non-empty") = 110.0;
    let bench = Benchmark::new(SeriesRef {
        dates: &bench_dates,
        closes: &bench_closes,
    });
    let m = scan_one(
        SeriesRef {
            dates: &dates,
            closes: &closes,
        },
        Some(&bench),
    )
    .expect("non-empty");

    assert_eq!(m.sessions, 11);
    assert_eq!(m.last_date, d("2024-01-03"));
    // Return signs: + + + - + + - + + +. The current up run of 3 ends at
    // close 10; the last earlier up run of >= 3 is the first one, ending at
    // close 3: 7 sessions since.
    assert_eq!(
        m.streak,
        Streak {
            length_sessions: 3,
            since_sessions: Some(7),
            history_sessions: 10
        }
    );
    // Common dates skip 2023-12-26: 10 common closes, 9 relative returns.
    // A: 10 11 12 13 12 14 13.5 14 15 16; B: 100 x 9, 110 (2024-01-01 is
    // not common, so B's common return into 2024-01-02 is 0). Signs of
    // rA - rB: + + + - + - + + -. Current: down run of 1 at position 8; last
    // earlier down run at position 5: 3 sessions since.
    assert_eq!(
        m.relative_streak,
        Some(Streak {
            length_sessions: -1,
            since_sessions: Some(3),
            history_sessions: 9
        })
    );
    // Records at closes 0 (10), 1, 2, 3 (13), 6 (14), 9 (15), 10 (16).
    assert!(m.record_close);
    assert_eq!(m.sessions_since_record, 0);
    assert_eq!(m.record_gap_sessions, Some(1));
    assert_eq!(m.drawdown, 0.0);
    assert!(close(m.return_1d.expect("two sessions"), 16.0 / 15.0 - 1.0));
    // Prior year's last close: 2023-12-29 = 14.
    assert!(close(m.return_ytd.expect("prior year"), 16.0 / 14.0 - 1.0));
    assert_eq!(m.return_1m, None);
    assert_eq!(m.volatility_20d, None);
    assert_eq!(m.sma200_gap, None);
}

#[test]
fn hand_checked_down_streak_longest_on_record_and_flat_day() {
    let dates: Vec<Date> = [
        "2024-03-04",
        "2024-03-05",
        "2024-03-06",
        "2024-03-07",
        "2024-03-08",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    let closes = [5.0, 6.0, 5.5, 5.0, 4.5];
    let m = scan_one(
        SeriesRef {
            dates: &dates,
            closes: &closes,
        },
        None,
    )
    .expect("non-empty");
    // Signs + - - -: a down streak of 3, none as long before.
    assert_eq!(
        m.streak,
        Streak {
            length_sessions: -3,
            since_sessions: None,
            history_sessions: 4
        }
    );
    assert_eq!(m.relative_streak, None);
    assert!(!m.record_close);
    assert_eq!(m.sessions_since_record, 3);
    assert_eq!(m.record_gap_sessions, None);
    assert!(close(m.drawdown, 4.5 / 6.0 - 1.0));
    // The series starts in the last date's year: no YTD base.
    assert_eq!(m.return_ytd, None);

    let flat = scan_one(
        SeriesRef {
            dates: &dates[..3],
            closes: &[1.0, 2.0, 2.0],
        },
        None,
    )
    .expect("non-empty");
    assert_eq!(flat.streak.length_sessions, 0);
    assert_eq!(flat.streak.since_sessions, None);
    // 2.0 is not above the earlier 2.0: the record is one session old.
    assert!(!flat.record_close);
    assert_eq!(flat.sessions_since_record, 1);
}

#[test]
fn hand_checked_volatility_and_moving_average() {
    // 250 sessions alternating 100, 110: returns alternate +0.1 and -1/11.
    let dates = model::calendar::sessions_between(d("2023-01-02"), d("2024-12-31"));
    let dates = &dates[..250];
    let closes: Vec<f64> = (0..250)
        .map(|i| if i % 2 == 0 { 100.0 } else { 110.0 })
        .collect();
    let m = scan_one(
        SeriesRef {
            dates,
            closes: &closes,
        },
        None,
    )
    .expect("non-empty");
    // Last 20 returns: ten of each sign; mean (0.1 - 1/11) / 2, every
    // deviation ±(0.1 + 1/11) / 2, so std = (0.1 + 1/11) / 2 * sqrt(20/19).
    // Python: statistics.stdev of the 20 returns = 0.097934297244492
    assert!(close(
        m.volatility_20d.expect("enough returns"),
        0.097_934_297_244_492
    ));
    // Last 200 closes: 100 of each, mean 105; last close (index 249) is 110.
    assert!(close(
        m.sma200_gap.expect("enough closes"),
        110.0 / 105.0 - 1.0
    ));
    // 21 sessions back from index 249 is index 228: 100.
    assert!(close(m.return_1m.expect("enough closes"), 0.1));
    // Alternating signs: every run has length 1, the last up run of length
    // >= 1 before the current one ended 2 sessions ago.
    assert_eq!(m.streak.length_sessions, 1);
    assert_eq!(m.streak.since_sessions, Some(2));
}

/// A series of `runs` (length, up?) from 100, 1 % a session, on weekdays.
fn runs_series(runs: &[(usize, bool)]) -> (Vec<Date>, Vec<f64>) {
    let mut closes = vec![100.0];
    for &(n, up) in runs {
        for _ in 0..n {
            let last = *closes.last().expect("non-empty");
            closes.push(if up { last * 1.01 } else { last * 0.99 });
        }
    }
    let dates = model::calendar::sessions_between(d("2020-01-01"), d("2021-12-31"));
    (dates[..closes.len()].to_vec(), closes)
}

#[test]
fn long_runs_share_the_last_bucket_and_longer_streaks_take_the_slow_path() {
    // 70 up, 2 down, 40 up: the last earlier up run of >= 40 is the first,
    // which ended 40 + 2 = 42 sessions before the last.
    let (dates, closes) = runs_series(&[(70, true), (2, false), (40, true)]);
    let m = scan_one(
        SeriesRef {
            dates: &dates,
            closes: &closes,
        },
        None,
    )
    .expect("non-empty");
    assert_eq!(m.streak.length_sessions, 40);
    assert_eq!(m.streak.since_sessions, Some(42));

    // 70 up, 3 down, 66 up, 1 down, 68 up: the current 68 is longer than the
    // 66 but not the 70, which ended 68 + 1 + 66 + 3 = 138 sessions earlier.
    let (dates, closes) =
        runs_series(&[(70, true), (3, false), (66, true), (1, false), (68, true)]);
    let m = scan_one(
        SeriesRef {
            dates: &dates,
            closes: &closes,
        },
        None,
    )
    .expect("non-empty");
    assert_eq!(m.streak.length_sessions, 68);
    assert_eq!(m.streak.since_sessions, Some(138));

    // Against a flat benchmark the relative streak is the same run.
    let flat = vec![50.0; dates.len()];
    let bench = Benchmark::new(SeriesRef {
        dates: &dates,
        closes: &flat,
    });
    let m = scan_one(
        SeriesRef {
            dates: &dates,
            closes: &closes,
        },
        Some(&bench),
    )
    .expect("non-empty");
    assert_eq!(
        m.relative_streak,
        Some(Streak {
            length_sessions: 68,
            since_sessions: Some(138),
            history_sessions: 208
        })
    );
}

/// Random strictly increasing dates from 2019-12-20 with gaps of 1..=4 days.
fn dates_strategy(max_len: usize) -> impl Strategy<Value = Vec<Date>> {
    prop::collection::vec(1u64..=4, 0..max_len).prop_map(|gaps| {
        let mut day = d("2019-12-20");
        gaps.into_iter()
            .map(|g| {
                day = day + chrono::Days::new(g);
                day
            })
            .collect()
    })
}

/// Closes that often repeat (flat days, ties with the benchmark) and
/// sometimes move continuously.
fn closes_strategy(len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![(1u32..6).prop_map(|k| f64::from(k) * 0.5), (0.1f64..1000.0),],
        len,
    )
}

fn series_strategy(max_len: usize) -> impl Strategy<Value = (Vec<Date>, Vec<f64>)> {
    dates_strategy(max_len).prop_flat_map(|dates| {
        let n = dates.len();
        (Just(dates), closes_strategy(n))
    })
}

fn assert_same(fused: &Option<Metrics>, expected: &Option<Metrics>) -> Result<(), TestCaseError> {
    let (Some(f), Some(e)) = (fused, expected) else {
        prop_assert_eq!(fused.is_none(), expected.is_none());
        return Ok(());
    };
    prop_assert_eq!(f.sessions, e.sessions);
    prop_assert_eq!(f.last_date, e.last_date);
    prop_assert_eq!(f.close, e.close);
    prop_assert!(close_opt(f.return_1d, e.return_1d));
    prop_assert!(close_opt(f.return_1m, e.return_1m));
    prop_assert!(close_opt(f.return_ytd, e.return_ytd));
    prop_assert_eq!(f.streak, e.streak);
    prop_assert_eq!(f.relative_streak, e.relative_streak);
    prop_assert_eq!(f.record_close, e.record_close);
    prop_assert_eq!(f.sessions_since_record, e.sessions_since_record);
    prop_assert_eq!(f.record_gap_sessions, e.record_gap_sessions);
    prop_assert!(close(f.drawdown, e.drawdown));
    prop_assert!(close_opt(f.volatility_20d, e.volatility_20d));
    prop_assert!(close_opt(f.sma200_gap, e.sma200_gap));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fused_kernel_matches_reference(
        (dates, closes) in series_strategy(320),
        (bench_dates, bench_closes) in series_strategy(320),
        with_bench in any::<bool>(),
    ) {
        let series = SeriesRef { dates: &dates, closes: &closes };
        let bench_ref = SeriesRef { dates: &bench_dates, closes: &bench_closes };
        let bench = Benchmark::new(bench_ref);
        let fused = scan_one(series, with_bench.then_some(&bench));
        let expected = reference::metrics(series, with_bench.then_some(bench_ref));
        assert_same(&fused, &expected)?;
    }

    /// Series that walk in step with the benchmark for a while and then skip
    /// or add sessions: the fast path hands over to the merge.
    #[test]
    fn fused_kernel_matches_reference_near_the_benchmark_calendar(
        (bench_dates, bench_closes) in series_strategy(320),
        start in 0usize..40,
        keep in prop::collection::vec(0u8..20, 320),
        extra in prop::collection::vec(any::<bool>(), 320),
        closes in closes_strategy(700),
    ) {
        // Keep 19 of 20 benchmark dates; now and then add the day after.
        let mut dates = Vec::new();
        for (k, day) in bench_dates.iter().enumerate().skip(start) {
            if keep[k] != 0 {
                dates.push(*day);
            }
            let next = *day + chrono::Days::new(1);
            if extra[k] && keep[k] % 7 == 1 && bench_dates.get(k + 1).is_none_or(|b| *b > next) {
                dates.push(next);
            }
        }
        let closes = &closes[..dates.len()];
        let series = SeriesRef { dates: &dates, closes };
        let bench_ref = SeriesRef { dates: &bench_dates, closes: &bench_closes };
        let bench = Benchmark::new(bench_ref);
        let fused = scan_one(series, Some(&bench));
        let expected = reference::metrics(series, Some(bench_ref));
        assert_same(&fused, &expected)?;
    }

    /// Series on the benchmark's own calendar, long enough for many blocks
    /// of the in-step path, with runs that cross blocks and runs longer
    /// than the run table's last bucket: the dates both as a range of the
    /// benchmark's (the same memory, as a loaded store shares them) and as
    /// a copy.
    #[test]
    fn fused_kernel_matches_reference_on_the_benchmark_calendar(
        (bench_dates, bench_closes) in series_strategy(700),
        start in 0usize..100,
        steps in prop::collection::vec((0u8..4, 1usize..90), 1..40),
        first in 1u32..5,
    ) {
        let dates = &bench_dates[start.min(bench_dates.len())..];
        // Runs of rises, falls, flat days and ties with the benchmark.
        let mut closes = Vec::with_capacity(dates.len());
        let mut close = f64::from(first);
        let offset = start.min(bench_dates.len());
        'fill: for (kind, len) in steps.iter().cycle() {
            for _ in 0..*len {
                if closes.len() == dates.len() {
                    break 'fill;
                }
                close = match kind {
                    0 => close * 1.01,
                    1 => close * 0.99,
                    2 => close,
                    _ => {
                        let k = offset + closes.len();
                        match (closes.last(), k.checked_sub(1)) {
                            (Some(prev), Some(j)) => prev * (bench_closes[k] / bench_closes[j]),
                            _ => close,
                        }
                    }
                };
                closes.push(close);
            }
        }
        let bench_ref = SeriesRef { dates: &bench_dates, closes: &bench_closes };
        let bench = Benchmark::new(bench_ref);
        let copy = dates.to_vec();
        for dates in [dates, &copy[..]] {
            let series = SeriesRef { dates, closes: &closes };
            let fused = scan_one(series, Some(&bench));
            let expected = reference::metrics(series, Some(bench_ref));
            assert_same(&fused, &expected)?;
        }
    }

    #[test]
    fn scan_all_is_scan_one_in_order(
        many in prop::collection::vec(series_strategy(120), 0..150),
        threads in 1usize..4,
    ) {
        let refs: Vec<SeriesRef<'_>> = many
            .iter()
            .map(|(dates, closes)| SeriesRef { dates, closes })
            .collect();
        let bench = refs.first().map(|b| Benchmark::new(*b));
        let all = scan_all(&refs, bench.as_ref(), threads);
        prop_assert_eq!(all.len(), refs.len());
        for (row, s) in all.iter().zip(&refs) {
            prop_assert_eq!(row, &scan_one(*s, bench.as_ref()));
        }
    }
}
