//! The named queries against their algebra readings, on the real data: for
//! a sample of dates, each old `Query` variant and its lowering onto
//! `Query::Series` give the same value (and base, rank or "since" date).
//!
//! | named query | algebra reading |
//! |---|---|
//! | `Level` | `Level(field) / Day / Last` (on a session; `All / Last` on any date) |
//! | `Return` | `Level(Price) / Period / Return` |
//! | `DailyMove` | `Level(Price) / Day / Return`; rank `Return{1} / All / Rank`; "since" `Return{1} / Day / LastAtLeastAsExtreme` |
//! | `Gap` | `OpenGap / Day / Last` |
//! | `Streak` | `RunLength(Return{1} > 0 or < 0) / Day / Last` (on `Relative` for `vs`); "since" `… / LastAtLeastAsExtreme` |
//! | `Record` | `Flag(Level(Price or High), NewMax) / Day / Last` |
//! | `HighestSince` / `LowestSince` | `Level(Price) / All / LastAtLeastAsExtreme` |
//! | `Volatility` | `Return{1} / Period / StdDev` |
//! | `Drawdown` | `Drawdown / Day / Last` |
//! | `ExtremeMove` | `Return{1} / Since(from) or All / Min or Max` |
//! | `Change` | `Level / Since(from + 1 day) / Change` |
//! | `ReturnSpread` | `Relative / Period / Return` |
//!
//! Where the two disagree by design, a test below shows which is right.

use super::d;
use facts::{Engine, FactError};
use model::{
    Date, Direction, Fact, FactValue, Field, Measure, Order, Period, Pred, Query, RecordKind,
    Reduce, SeriesQuery, Subject, Window,
};

fn engine() -> Option<Engine<'static>> {
    store::testing::shared_universe().map(Engine::new)
}

/// Sessions of `symbol` to compare on: a spread over its history plus days
/// that made news.
fn sample(e: &Engine<'_>, symbol: &str, step: usize, news: &[&str]) -> Vec<Date> {
    let s = e.price_series(symbol).expect("series");
    let dates = s.dates();
    let mut out: Vec<Date> = dates.iter().skip(300).step_by(step).copied().collect();
    out.extend(news.iter().map(|x| d(x)));
    out.extend(dates.last().copied());
    out
}

/// Collects disagreements, so one run reports all of them.
#[derive(Default)]
struct Diffs(Vec<String>);

impl Diffs {
    fn number(&mut self, what: &str, old: Option<f64>, new: Option<f64>) {
        let same = match (old, new) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.0
                .push(format!("{what}: named {old:?}, algebra {new:?}"));
        }
    }
    fn value<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, old: T, new: T) {
        if old != new {
            self.0
                .push(format!("{what}: named {old:?}, algebra {new:?}"));
        }
    }
    /// Both answered, or both refused.
    fn both(
        &mut self,
        what: &str,
        old: &Result<Fact, FactError>,
        new: &Result<Fact, FactError>,
    ) -> bool {
        match (old, new) {
            (Ok(_), Ok(_)) => true,
            (Err(_), Err(_)) => false,
            (Ok(_), Err(e)) => {
                self.0
                    .push(format!("{what}: named answered, algebra refused: {e}"));
                false
            }
            (Err(e), Ok(f)) => {
                self.0.push(format!(
                    "{what}: named refused ({e}), algebra answered {:?}",
                    f.value
                ));
                false
            }
        }
    }
    #[track_caller]
    fn assert_none(&self, n_checks: usize) {
        assert!(
            self.0.is_empty(),
            "{} of {n_checks} comparisons differ:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

fn value(f: &Fact) -> Option<f64> {
    f.value.as_f64()
}

fn detail_f64(f: &Fact, k: &str) -> Option<f64> {
    f.detail(k).and_then(|x| x.value.as_f64())
}

fn detail_date(f: &Fact, k: &str) -> Option<Date> {
    f.detail(k).and_then(|x| x.value.as_date())
}

fn series(
    e: &Engine<'_>,
    subject: Subject,
    measure: Measure,
    window: Window,
    reduce: Reduce,
    as_of: Date,
) -> Result<Fact, FactError> {
    e.fact(&Query::Series(SeriesQuery {
        subject,
        measure,
        window,
        reduce,
        as_of,
    }))
}

fn periods(day: Date) -> Vec<Period> {
    use chrono::Datelike;
    let y = day.year();
    vec![
        Period::Day,
        Period::LastSessions { n: 20 },
        Period::MonthToDate,
        Period::QuarterToDate,
        Period::YearToDate,
        Period::Year { year: y - 1 },
        Period::Half {
            year: y - 1,
            half: 2,
        },
        Period::Quarter {
            year: y - 1,
            quarter: 4,
        },
        Period::Month {
            year: y - 1,
            month: 12,
        },
        Period::Since {
            from: day - chrono::Duration::days(400),
        },
        Period::Between {
            from: day - chrono::Duration::days(200),
            to: day - chrono::Duration::days(100),
        },
    ]
}

const ALL_TIME: Reduce = Reduce::LastAtLeastAsExtreme {
    order: Order::Highest,
};

/// `Level`, `Return`, `DailyMove`, `Record`, "since", `Drawdown`,
/// `Volatility`, `ExtremeMove`, `Change` on one instrument.
fn compare_prices(
    e: &Engine<'_>,
    symbol: &str,
    days: &[Date],
    highs: bool,
    diffs: &mut Diffs,
) -> usize {
    let mut n = 0;
    let sym = || Subject::symbol(symbol);
    for &day in days {
        let tag = |what: &str| format!("{symbol} {day} {what}");
        // Level.
        let field = e.price_series(symbol).expect("price").key().field;
        let old = e.fact(&Query::Level {
            symbol: symbol.into(),
            field,
            as_of: day,
        });
        let new = series(
            e,
            sym(),
            Measure::field(field),
            Window::session(),
            Reduce::Last,
            day,
        );
        if diffs.both(&tag("level"), &old, &new) {
            diffs.number(
                &tag("level"),
                old.ok().as_ref().and_then(value),
                new.ok().as_ref().and_then(value),
            );
        }
        n += 1;
        // Return over every period shape.
        for period in periods(day) {
            let old = e.fact(&Query::Return {
                symbol: symbol.into(),
                period,
                as_of: day,
            });
            let new = series(
                e,
                sym(),
                Measure::price(),
                Window::Period { period },
                Reduce::Return,
                day,
            );
            let what = tag(&format!("return {period:?}"));
            if diffs.both(&what, &old, &new) {
                let (old, new) = (old.expect("ok"), new.expect("ok"));
                diffs.number(&what, value(&old), value(&new));
                diffs.value(
                    &what,
                    detail_date(&old, "base_date"),
                    detail_date(&new, "base_date"),
                );
            }
            n += 1;
        }
        // Daily move, its rank and its "since".
        let old = e.fact(&Query::DailyMove {
            symbol: symbol.into(),
            as_of: day,
        });
        let new = series(
            e,
            sym(),
            Measure::price(),
            Window::session(),
            Reduce::Return,
            day,
        );
        if diffs.both(&tag("daily move"), &old, &new) {
            let (old, new) = (old.expect("ok"), new.expect("ok"));
            diffs.number(&tag("daily move"), value(&old), value(&new));
            let r = value(&old).unwrap_or(0.0);
            let order = if r < 0.0 {
                Order::Lowest
            } else {
                Order::Highest
            };
            if r != 0.0 {
                let rank = series(
                    e,
                    sym(),
                    Measure::daily_return(),
                    Window::All,
                    Reduce::Rank { order },
                    day,
                )
                .expect("rank");
                // Ties: the named rank shares the better rank, the algebra's
                // counts ties against the value (`rank_shared` is the former).
                diffs.number(
                    &tag("daily move rank"),
                    detail_f64(&old, "rank"),
                    detail_f64(&rank, "rank_shared"),
                );
                diffs.number(
                    &tag("daily move rank ties"),
                    value(&rank),
                    Some(
                        detail_f64(&rank, "rank_shared").unwrap_or(0.0)
                            + detail_f64(&rank, "ties").unwrap_or(0.0),
                    ),
                );
                let since = series(
                    e,
                    sym(),
                    Measure::daily_return(),
                    Window::session(),
                    Reduce::LastAtLeastAsExtreme { order },
                    day,
                )
                .expect("since");
                let key = if r < 0.0 { "worst_since" } else { "best_since" };
                let on_record = matches!(
                    since.detail("on_record").map(|x| &x.value),
                    Some(FactValue::Bool(true))
                );
                diffs.value(
                    &tag("daily move since"),
                    detail_date(&old, key),
                    (!on_record).then(|| since.value.as_date()).flatten(),
                );
                n += 2;
            }
        }
        n += 1;
        // Record close and record intraday high.
        let kinds: &[(RecordKind, Measure)] = if highs {
            &[
                (RecordKind::Close, Measure::price()),
                (RecordKind::IntradayHigh, Measure::field(Field::High)),
            ]
        } else {
            &[(RecordKind::Close, Measure::price())]
        };
        for (kind, level) in kinds {
            let old = e.fact(&Query::Record {
                symbol: symbol.into(),
                record: *kind,
                as_of: day,
            });
            let new = series(
                e,
                sym(),
                Measure::flag(level.clone(), Pred::NewMax),
                Window::session(),
                Reduce::Last,
                day,
            );
            let what = tag(&format!("record {kind:?}"));
            if diffs.both(&what, &old, &new) {
                diffs.value(&what, old.expect("ok").value, new.expect("ok").value);
            }
            n += 1;
        }
        // Highest / lowest since.
        for (order, highest) in [(Order::Highest, true), (Order::Lowest, false)] {
            let query = if highest {
                Query::HighestSince {
                    symbol: symbol.into(),
                    as_of: day,
                }
            } else {
                Query::LowestSince {
                    symbol: symbol.into(),
                    as_of: day,
                }
            };
            let old = e.fact(&query);
            let new = series(
                e,
                sym(),
                Measure::price(),
                Window::All,
                Reduce::LastAtLeastAsExtreme { order },
                day,
            );
            let what = tag(&format!("since {order:?}"));
            if diffs.both(&what, &old, &new) {
                let (old, new) = (old.expect("ok"), new.expect("ok"));
                diffs.value(
                    &what,
                    old.detail("on_record").cloned(),
                    new.detail("on_record").cloned(),
                );
                if let FactValue::Date(x) = old.value {
                    diffs.value(&what, Some(x), new.value.as_date());
                }
            }
            n += 1;
        }
        // Drawdown.
        let old = e.fact(&Query::Drawdown {
            symbol: symbol.into(),
            as_of: day,
        });
        let new = series(
            e,
            sym(),
            Measure::Drawdown,
            Window::session(),
            Reduce::Last,
            day,
        );
        if diffs.both(&tag("drawdown"), &old, &new) {
            diffs.number(
                &tag("drawdown"),
                old.ok().as_ref().and_then(value),
                new.ok().as_ref().and_then(value),
            );
        }
        n += 1;
        // Volatility.
        for period in [
            Period::YearToDate,
            Period::LastSessions { n: 20 },
            Period::Day,
        ] {
            for (annualised, sample) in [(true, true), (false, false)] {
                let old = e.fact(&Query::Volatility {
                    symbol: symbol.into(),
                    period,
                    annualised,
                    sample,
                    as_of: day,
                });
                let new = series(
                    e,
                    sym(),
                    Measure::daily_return(),
                    Window::Period { period },
                    Reduce::StdDev { annualised, sample },
                    day,
                );
                let what = tag(&format!("volatility {period:?} {annualised} {sample}"));
                if diffs.both(&what, &old, &new) {
                    diffs.number(
                        &what,
                        old.ok().as_ref().and_then(value),
                        new.ok().as_ref().and_then(value),
                    );
                }
                n += 1;
            }
        }
        // Extreme moves, over all history and over the last year.
        for (direction, reduce) in [(Direction::Down, Reduce::Min), (Direction::Up, Reduce::Max)] {
            let year_ago = day - chrono::Duration::days(365);
            for from in [None, Some(year_ago)] {
                let old = e.fact(&Query::ExtremeMove {
                    symbol: symbol.into(),
                    direction,
                    from,
                    as_of: day,
                });
                let window = match from {
                    None => Window::All,
                    Some(from) => Window::Period {
                        period: Period::Since { from },
                    },
                };
                let new = series(e, sym(), Measure::daily_return(), window, reduce, day);
                let what = tag(&format!("extreme move {direction:?} {from:?}"));
                if diffs.both(&what, &old, &new) {
                    let (old, new) = (old.expect("ok"), new.expect("ok"));
                    diffs.number(&what, value(&old), value(&new));
                    diffs.value(
                        &what,
                        detail_date(&old, "date"),
                        detail_date(&new, "reached_on"),
                    );
                }
                n += 1;
            }
        }
        // Change since a month ago: the base is the last observation on or
        // before `from`, so the window starts the day after it.
        let from = day - chrono::Duration::days(30);
        let old = e.fact(&Query::Change {
            symbol: symbol.into(),
            field: None,
            from,
            as_of: day,
        });
        let new = series(
            e,
            sym(),
            Measure::price(),
            Window::Period {
                period: Period::Since {
                    from: from + chrono::Duration::days(1),
                },
            },
            Reduce::Change,
            day,
        );
        if diffs.both(&tag("change"), &old, &new) {
            let (old, new) = (old.expect("ok"), new.expect("ok"));
            diffs.number(&tag("change"), value(&old), value(&new));
            diffs.value(
                &tag("change"),
                detail_date(&old, "from_date"),
                detail_date(&new, "base_date"),
            );
        }
        n += 1;
        let _ = ALL_TIME;
    }
    n
}

#[test]
fn price_queries_equal_their_algebra_readings() {
    let Some(e) = engine() else { return };
    let mut diffs = Diffs::default();
    let mut n = 0;
    let news = [
        "1987-10-19",
        "2008-10-15",
        "2020-03-16",
        "2025-04-09",
        "2026-01-16",
    ];
    n += compare_prices(
        &e,
        "^GSPC",
        &sample(&e, "^GSPC", 1500, &news),
        true,
        &mut diffs,
    );
    n += compare_prices(
        &e,
        "^RUT",
        &sample(&e, "^RUT", 900, &["2024-09-19", "2026-01-16"]),
        true,
        &mut diffs,
    );
    n += compare_prices(
        &e,
        "^VIX",
        &sample(&e, "^VIX", 1200, &["2017-11-03"]),
        true,
        &mut diffs,
    );
    n += compare_prices(
        &e,
        "DGS10",
        &sample(&e, "DGS10", 1500, &["2023-10-19"]),
        false,
        &mut diffs,
    );
    n += compare_prices(&e, "XLK", &sample(&e, "XLK", 1500, &[]), false, &mut diffs);
    diffs.assert_none(n);
}

/// `Gap` and both kinds of `Streak` (absolute and relative), with their
/// "longest since".
#[test]
fn gaps_and_streaks_equal_their_algebra_readings() {
    let Some(e) = engine() else { return };
    let mut diffs = Diffs::default();
    let mut n = 0;
    let days = sample(
        &e,
        "^RUT",
        700,
        &["2024-09-19", "2026-01-15", "2026-01-16", "2026-01-22"],
    );
    for &day in &days {
        for (symbol, vs) in [("^GSPC", None), ("^RUT", None), ("^RUT", Some("^GSPC"))] {
            let subject = match vs {
                None => Subject::symbol(symbol),
                Some(b) => Subject::Relative {
                    a: symbol.into(),
                    b: b.into(),
                },
            };
            for (direction, pred) in [
                (Direction::Up, Pred::Gt(0.0)),
                (Direction::Down, Pred::Lt(0.0)),
            ] {
                let old = e.fact(&Query::Streak {
                    symbol: symbol.into(),
                    vs: vs.map(str::to_string),
                    direction: Some(direction),
                    as_of: day,
                });
                let run = Measure::run(Measure::daily_return(), pred);
                let new = series(
                    &e,
                    subject.clone(),
                    run.clone(),
                    Window::session(),
                    Reduce::Last,
                    day,
                );
                let what = format!("{symbol} vs {vs:?} {day} streak {direction:?}");
                if diffs.both(&what, &old, &new) {
                    let (old, new) = (old.expect("ok"), new.expect("ok"));
                    diffs.value(&what, old.value.clone(), new.value.clone());
                    if old.value != FactValue::Integer(0) {
                        diffs.value(
                            &what,
                            detail_date(&old, "start_date"),
                            detail_date(&new, "run_start"),
                        );
                        let since =
                            series(&e, subject.clone(), run, Window::session(), ALL_TIME, day)
                                .expect("since");
                        let end = detail_date(&old, "longest_since_end");
                        let on_record = since.detail("on_record").map(|x| x.value.clone());
                        diffs.value(
                            &what,
                            end.is_none()
                                .then_some(FactValue::Bool(true))
                                .or(Some(FactValue::Bool(false))),
                            on_record,
                        );
                        if end.is_some() {
                            diffs.value(&what, end, since.value.as_date());
                        }
                    }
                }
                n += 1;
            }
        }
        let old = e.fact(&Query::Gap {
            symbol: "^GSPC".into(),
            as_of: day,
        });
        let new = series(
            &e,
            Subject::symbol("^GSPC"),
            Measure::OpenGap,
            Window::session(),
            Reduce::Last,
            day,
        );
        let what = format!("^GSPC {day} gap");
        if diffs.both(&what, &old, &new) {
            diffs.number(
                &what,
                old.ok().as_ref().and_then(value),
                new.ok().as_ref().and_then(value),
            );
        }
        n += 1;
    }
    diffs.assert_none(n);
}

/// `ReturnSpread` = `Relative / Period / Return`, and `Change` of a yield.
#[test]
fn spreads_and_rate_changes_equal_their_algebra_readings() {
    let Some(e) = engine() else { return };
    let mut diffs = Diffs::default();
    let mut n = 0;
    for &day in &sample(&e, "^RUT", 600, &["2026-01-16"]) {
        for period in periods(day) {
            let old = e.fact(&Query::ReturnSpread {
                a: "^RUT".into(),
                b: "^GSPC".into(),
                period,
                as_of: day,
            });
            let new = series(
                &e,
                Subject::Relative {
                    a: "^RUT".into(),
                    b: "^GSPC".into(),
                },
                Measure::price(),
                Window::Period { period },
                Reduce::Return,
                day,
            );
            let what = format!("^RUT - ^GSPC {day} {period:?}");
            if diffs.both(&what, &old, &new) {
                let (old, new) = (old.expect("ok"), new.expect("ok"));
                diffs.number(&what, value(&old), value(&new));
                diffs.number(
                    &what,
                    detail_f64(&old, "return_a"),
                    detail_f64(&new, "return_a"),
                );
                diffs.number(
                    &what,
                    detail_f64(&old, "return_b"),
                    detail_f64(&new, "return_b"),
                );
            }
            n += 1;
        }
    }
    for &day in &sample(&e, "DGS2", 2000, &["2024-09-05"]) {
        let from = day - chrono::Duration::days(91);
        let old = e.fact(&Query::Change {
            symbol: "DGS2".into(),
            field: Some(Field::Value),
            from,
            as_of: day,
        });
        let new = series(
            &e,
            Subject::symbol("DGS2"),
            Measure::field(Field::Value),
            Window::Period {
                period: Period::Since {
                    from: from + chrono::Duration::days(1),
                },
            },
            Reduce::Change,
            day,
        );
        let what = format!("DGS2 {day} change");
        if diffs.both(&what, &old, &new) {
            let (old, new) = (old.expect("ok"), new.expect("ok"));
            diffs.number(&what, value(&old), value(&new));
            diffs.value(&what, old.unit, new.unit);
            diffs.number(&what, detail_f64(&old, "bp"), detail_f64(&new, "bp"));
        }
        n += 1;
    }
    diffs.assert_none(n);
}

/// Where the named answers and the algebra differ by design.
#[test]
fn deliberate_differences() {
    let Some(e) = engine() else { return };
    let rut = || Subject::symbol("^RUT");
    // 1. A window before the data. `ExtremeMove` from 1980 silently starts at
    // ^RUT's second session (1987-09-11); the algebra refuses, naming the
    // first date, so "the worst day since 1980" is unverifiable, not answered
    // on seven fewer years.
    let old = e
        .fact(&Query::ExtremeMove {
            symbol: "^RUT".into(),
            direction: Direction::Down,
            from: Some(d("1980-01-01")),
            as_of: d("2026-08-21"),
        })
        .expect("the named query answers");
    assert_eq!(detail_date(&old, "searched_from"), Some(d("1987-09-11")));
    let new = series(
        &e,
        rut(),
        Measure::daily_return(),
        Window::Period {
            period: Period::Since {
                from: d("1980-01-01"),
            },
        },
        Reduce::Min,
        d("2026-08-21"),
    );
    assert_eq!(
        new.map(|f| f.value),
        Err(FactError::BeforeData {
            instrument: "^RUT".into(),
            data_from: d("1987-09-11"),
            window_from: Some(d("1980-01-01")),
        })
    );
    // 2. Ties in a rank. On 2026-08-20 the 10-year yield's daily rise has
    // equal rises in its history (yields move in steps of 0.01):
    // `move.daily` gives the shared (better) rank, the algebra counts the
    // ties against it.
    let day = d("2026-08-20");
    let old = e
        .fact(&Query::DailyMove {
            symbol: "DGS10".into(),
            as_of: day,
        })
        .expect("move");
    assert!(value(&old) > Some(0.0));
    let new = series(
        &e,
        Subject::symbol("DGS10"),
        Measure::daily_return(),
        Window::All,
        Reduce::Rank {
            order: Order::Highest,
        },
        day,
    )
    .expect("rank");
    assert_eq!(detail_f64(&old, "rank"), detail_f64(&new, "rank_shared"));
    assert!(detail_f64(&new, "ties").unwrap_or(0.0) >= 1.0);
    assert!(value(&new) > detail_f64(&old, "rank"));
    // 3. A date that is not a session. `Level` reads the last observation
    // on or before it; `Day` is the session on the as-of date, so the
    // reading is `All / Last`.
    let saturday = d("2026-08-22");
    let old = e
        .fact(&Query::Level {
            symbol: "^GSPC".into(),
            field: Field::Close,
            as_of: saturday,
        })
        .expect("level");
    let day = series(
        &e,
        Subject::symbol("^GSPC"),
        Measure::price(),
        Window::session(),
        Reduce::Last,
        saturday,
    );
    assert!(matches!(day, Err(FactError::NotASession { .. })));
    let all = series(
        &e,
        Subject::symbol("^GSPC"),
        Measure::price(),
        Window::All,
        Reduce::Last,
        saturday,
    )
    .expect("last");
    assert_eq!(old.value, all.value);
    // 4. Runs that began before the window. `StreakCount` counts the
    // 2026-01-02..01-22 run of ^RUT beating ^GSPC (14 sessions) from
    // 2026-01-12 in full; `CountRuns` clips it to its 9 sessions from
    // 2026-01-12, short of 10.
    let old = e
        .fact(&Query::StreakCount {
            symbol: "^RUT".into(),
            vs: Some("^GSPC".into()),
            direction: Direction::Up,
            min_len: 10,
            from: Some(d("2026-01-12")),
            as_of: d("2026-08-21"),
        })
        .expect("count");
    assert_eq!(old.value, FactValue::Integer(1));
    let new = series(
        &e,
        Subject::Relative {
            a: "^RUT".into(),
            b: "^GSPC".into(),
        },
        Measure::run(Measure::daily_return(), Pred::Gt(0.0)),
        Window::Period {
            period: Period::Since {
                from: d("2026-01-12"),
            },
        },
        Reduce::CountRuns { min_len: 10 },
        d("2026-08-21"),
    )
    .expect("runs");
    assert_eq!(new.value, FactValue::Integer(0));
}
