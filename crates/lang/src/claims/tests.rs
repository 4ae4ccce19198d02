//! Claim-reader tests on sentences written for them and on the two seeds.

use super::*;

fn d(y: i32, m: u32, dd: u32) -> Date {
    Date::from_ymd_opt(y, m, dd).expect("valid date")
}

fn reader() -> Reader {
    Reader::builtin().expect("builtin registry")
}

fn read(text: &str) -> Vec<Claim> {
    reader().read(text, Some(d(2026, 1, 16)))
}

#[test]
fn plain_prose_yields_nothing() {
    for text in [
        "Investors remain cautious ahead of the holidays.",
        "The Other 493 stocks and the 2,000 components of the Russell are now leading.",
        "If unemployment spikes above 4.5%, small caps would suffer.",
        "Small caps benefit from domestic focus and reshoring tailwinds.",
    ] {
        assert!(read(text).is_empty(), "{text}: {:?}", read(text));
    }
}

fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return String::new();
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(name) {
            return std::fs::read_to_string(e.path()).unwrap_or_default();
        }
    }
    String::new()
}

#[test]
#[ignore = "prints the claims of both seeds for inspection"]
fn dump_seeds() {
    for name in ["000", "003"] {
        let text = seed(name);
        for c in reader().read(&text, None) {
            println!(
                "{name} {:?} {:?} subj={:?} as_of={:?} period={:?} claimed={:?} also={:?} q={:?} missing={:?}\n    «{}»",
                c.kind, c.hedge, c.subjects, c.as_of, c.period, c.claimed, c.also, c.queries, c.missing, &text[c.start..c.end]
            );
        }
    }
}

fn one(text: &str) -> Claim {
    let v = read(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.into_iter().next().expect("one claim")
}

#[test]
fn streaks_absolute_relative_and_ordinal() {
    let c = one("As of January 15, 2026, the Russell 2000 has outperformed the S&P 500 for 9 consecutive trading sessions.");
    assert_eq!(c.kind, ClaimKind::Streak);
    assert_eq!(c.claimed, Claimed::Count { n: 9 });
    assert_eq!(
        c.queries,
        [Query::Streak {
            symbol: "^RUT".into(),
            vs: Some("^GSPC".into()),
            direction: Some(Direction::Up),
            as_of: d(2026, 1, 15)
        }]
    );
    let c = one("The S&P 500 fell for a fifth straight session on Thursday.");
    assert_eq!(c.claimed, Claimed::Count { n: 5 });
    assert_eq!(
        c.queries,
        [Query::Streak {
            symbol: "^GSPC".into(),
            vs: None,
            direction: Some(Direction::Down),
            as_of: d(2026, 1, 15)
        }]
    );
    let c = one("Small caps logged a nine-day winning streak against large-caps.");
    assert_eq!(c.subjects, ["^RUT", "^GSPC"]);
}

#[test]
fn moves_returns_and_signs() {
    let c = one("Communication Services declined 1.16% on January 16.");
    assert_eq!(c.kind, ClaimKind::DailyMove);
    assert_eq!(c.subjects, ["XLC"]);
    assert!(matches!(c.claimed, Claimed::Number { value, .. } if value == -1.16));
    let c = one("Year-to-date, the tech-heavy Nasdaq 100 is down 2.5%.");
    assert_eq!(c.kind, ClaimKind::Return);
    assert_eq!(c.period, Some(Period::YearToDate));
    let c = one("The S&P 500 rose 3.2% in November.");
    assert_eq!(
        c.period,
        Some(Period::Month {
            year: 2025,
            month: 11
        })
    );
    let c = one("IWM gained 4.1% over the past month.");
    assert_eq!(
        c.period,
        Some(Period::Between {
            from: d(2025, 12, 17),
            to: d(2026, 1, 16)
        })
    );
}

#[test]
fn levels_records_rates_and_unverifiable() {
    let c = one("The S&P 500 closed at 4,796.56 on January 3, 2022.");
    assert_eq!(c.kind, ClaimKind::Level);
    assert_eq!(c.field, Some(Field::Close));
    let c = one("The Russell 2000 set a record close on Friday.");
    assert_eq!(c.kind, ClaimKind::RecordClose);
    assert_eq!(c.as_of, Some(d(2026, 1, 16)));
    let c = one("The Fed delivered three consecutive quarter-point rate cuts in late 2025.");
    assert_eq!(c.kind, ClaimKind::RateDecisions);
    assert_eq!(c.claimed, Claimed::Count { n: 3 });
    let c = one("The S&P 500 trades at 22 times forward earnings.");
    assert_eq!(c.kind, ClaimKind::Unverifiable);
    assert!(c.missing.as_deref().is_some_and(|m| m.contains("P/E")));
    let c = one("Tesla shares rose 5% on Friday.");
    assert_eq!(c.kind, ClaimKind::Unverifiable);
    assert!(c.missing.as_deref().is_some_and(|m| m.contains("Tesla")));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn reader_never_panics_and_spans_are_in_bounds(s in "\\PC{0,300}") {
        let text = s;
        for c in reader().read(&text, Some(d(2026, 1, 16))) {
            proptest::prop_assert!(c.start <= c.end && c.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        }
    }
}
#[test]
fn impossible_day_makes_the_claim_unverifiable_not_the_previous_date() {
    let claims = read(
        "On January 16, 2026 the Russell 2000 closed higher. The S&P 500 fell 1.5% on February 30, 2026.",
    );
    let c = claims
        .iter()
        .find(|c| c.subjects.first().map(String::as_str) == Some("^GSPC"))
        .expect("the S&P 500 claim is read");
    assert!(c.queries.is_empty(), "{c:?}");
    assert_eq!(c.as_of, None);
    assert_eq!(
        c.missing.as_deref(),
        Some("February 30, 2026 is not a date")
    );
    for text in [
        "The S&P 500 fell 1.5% on 2026-02-30.",
        "The S&P 500 fell 1.5% on 2/30/2026.",
        "The S&P 500 fell 1.5% on 30 February 2026.",
        "The S&P 500 fell 1.5% on June 31.",
    ] {
        let claims = read(text);
        assert!(!claims.is_empty(), "{text}: no claim");
        for c in &claims {
            assert!(c.queries.is_empty(), "{text}: {c:?}");
            assert!(
                c.missing
                    .as_deref()
                    .is_some_and(|m| m.ends_with("is not a date")),
                "{text}: {:?}",
                c.missing
            );
        }
    }
}

#[test]
fn reversed_range_makes_the_claim_unverifiable() {
    let claims = read("The Russell 2000 fell 20% from its high between 2026-01-16 and 1990-01-01.");
    assert!(!claims.is_empty());
    for c in &claims {
        assert!(c.queries.is_empty(), "{c:?}");
        assert_eq!(c.as_of, None);
        assert!(
            c.missing
                .as_deref()
                .is_some_and(|m| m.contains("ends before it starts")),
            "{:?}",
            c.missing
        );
    }
}

#[test]
fn date_problems_are_named_and_dates_are_not_invented() {
    let a = Some(d(2026, 1, 16));
    let p = crate::dates::find_date_problems("on February 30, 2026", a);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].reason, "February 30, 2026 is not a date");
    assert!(crate::dates::find_dates("on February 30, 2026", a).is_empty());
    // "since February 30" is not "since February".
    assert!(crate::dates::find_dates("since February 30, 2026", a).is_empty());
    assert_eq!(
        crate::dates::find_date_problems("since February 30, 2026", a).len(),
        1
    );
    let p = crate::dates::find_date_problems("between 2026-01-16 and 2020-01-01", a);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].reason,
        "the range \"between 2026-01-16 and 2020-01-01\" ends before it starts"
    );
    assert!(crate::dates::find_dates("between 2026-01-16 and 2020-01-01", a).is_empty());
    // Valid days and ordered ranges are not problems.
    for ok in [
        "February 29, 2024",
        "between 2020-01-01 and 2026-01-16",
        "from December to January",
        "in 2025 and 2024",
        "May 31",
    ] {
        assert!(crate::dates::find_date_problems(ok, a).is_empty(), "{ok}");
    }
}

#[test]
fn wire_families_read_their_queries() {
    let c = one("The S&P 500 posted its worst session since March 2020 on Friday.");
    assert_eq!(c.kind, ClaimKind::MoveSince);
    assert_eq!(
        c.claimed,
        Claimed::Since {
            since: SinceRef::Month {
                year: 2020,
                month: 3
            }
        }
    );
    assert_eq!(
        c.queries,
        [Query::DailyMove {
            symbol: "^GSPC".into(),
            as_of: d(2026, 1, 16)
        }]
    );
    let c = one("It was the Nasdaq's fifth-largest decline ever.");
    assert_eq!(
        (c.kind, c.claimed.clone()),
        (ClaimKind::MoveRank, Claimed::Count { n: 5 })
    );
    assert_eq!(c.direction, Some(Direction::Down));
    let c = one("The Russell 2000 closed at a three-month low.");
    assert_eq!(c.kind, ClaimKind::HighLowSince);
    assert!(matches!(
        c.claimed,
        Claimed::Since {
            since: SinceRef::Lookback { days: 90, .. }
        }
    ));
    assert!(matches!(c.queries[0], Query::LowestSince { .. }));
    let c = one("Energy was the only sector to fall.");
    assert_eq!(c.kind, ClaimKind::SectorRank);
    assert_eq!(
        c.claimed,
        Claimed::Symbol {
            symbol: "XLE".into()
        }
    );
    let c = one("The S&P 500 closed below its 200-day moving average.");
    assert_eq!(c.kind, ClaimKind::MaPosition);
    assert!(matches!(
        c.queries[0],
        Query::MovingAverage { window: 200, .. }
    ));
    let c = one("The Nasdaq entered a correction on Thursday.");
    assert_eq!(c.kind, ClaimKind::DrawdownState);
    assert_eq!(c.as_of, Some(d(2026, 1, 15)));
}

#[test]
fn wire_numbers_are_read_once() {
    // The yield change in basis points and the level it reached are two claims.
    let v = read("The 10-year yield rose 12 basis points to 4.25% on Friday.");
    let kinds: Vec<ClaimKind> = v.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ClaimKind::RateChange, ClaimKind::Level]);
    assert!(matches!(v[0].claimed, Claimed::Number { value, .. } if value == 12.0));
    // A spread in percentage points is not a return.
    let c = one("Small caps outperformed the S&P 500 by 5 percentage points in 2025.");
    assert_eq!(c.kind, ClaimKind::ReturnSpread);
    assert_eq!(c.subjects, ["^RUT", "^GSPC"]);
    // A threshold is not a level or a move.
    let c = one("Two-year yields fell below 4% on Friday.");
    assert_eq!(c.kind, ClaimKind::LevelCross);
    assert_eq!(c.direction, Some(Direction::Down));
    // A multiple is not a count of times.
    let v = read("The S&P 500 trades at 22 times forward earnings, a record.");
    assert!(v.iter().all(|c| c.kind != ClaimKind::RecordCount), "{v:?}");
}
