//! Questions outside the data get a plain refusal naming what is missing and
//! the nearest answerable questions; nothing panics on any input.

use ask::{AskError, Format, Plan};
use model::{Date, Registry};
use proptest::prelude::*;

fn as_of() -> Date {
    model::parse_iso_date("2026-01-16").expect("date")
}

fn registry() -> Registry {
    Registry::builtin().expect("builtin registry")
}

fn refusal(q: &str) -> AskError {
    match ask::plan(q, None, as_of(), &registry()) {
        Ok(p) => panic!("{q:?} should be refused, got plan {:?}", p.steps),
        Err(e) => e,
    }
}

/// Whether a refusal is of the expected kind.
type Want = fn(&AskError) -> bool;

#[test]
fn outside_the_data_is_refused_with_suggestions() {
    let cases: &[(&str, Want)] = &[
        ("What is the P/E of the S&P 500?", |e| {
            matches!(e, AskError::OutsideData { .. })
        }),
        ("Is the Nasdaq expensive on forward earnings?", |e| {
            matches!(e, AskError::OutsideData { .. })
        }),
        ("What were fund flows into IWM last week?", |e| {
            matches!(e, AskError::OutsideData { .. })
        }),
        ("What were S&P 500 earnings last quarter?", |e| {
            matches!(e, AskError::OutsideData { .. })
        }),
        ("How did AAPL do this year?", |e| {
            matches!(e, AskError::UnknownInstrument { .. })
        }),
        ("Did NVDA beat the Nasdaq 100 in 2025?", |e| {
            matches!(e, AskError::UnknownInstrument { .. })
        }),
        ("How did Nvidia do in 2025?", |e| {
            matches!(e, AskError::UnknownInstrument { .. })
        }),
        ("How will the Russell 2000 do next year?", |e| {
            matches!(e, AskError::Forecast { .. })
        }),
        ("Should I buy small caps?", |e| {
            matches!(e, AskError::Forecast { .. })
        }),
        ("How did the S&P 500 do on 2027-03-01?", |e| {
            matches!(e, AskError::FutureDate { .. })
        }),
        ("What will the S&P 500 return in 2030?", |e| {
            matches!(e, AskError::Forecast { .. } | AskError::FutureDate { .. })
        }),
        ("How did the S&P 500 do in 1850?", |e| {
            matches!(e, AskError::BeforeData { .. })
        }),
        ("", |e| matches!(e, AskError::Empty { .. })),
        ("   \n\t ", |e| matches!(e, AskError::Empty { .. })),
        ("???", |e| matches!(e, AskError::Empty { .. })),
        ("asdf qwerty zxcv", |e| {
            matches!(e, AskError::NotUnderstood { .. })
        }),
        ("Is it at a record?", |e| {
            matches!(e, AskError::NoInstrument { .. })
        }),
        ("What happened after?", |e| {
            matches!(
                e,
                AskError::NotUnderstood { .. } | AskError::NoInstrument { .. }
            )
        }),
    ];
    for (q, want) in cases {
        let e = refusal(q);
        assert!(want(&e), "{q:?} refused as {e:?}");
        if !matches!(e, AskError::TooLong { .. }) {
            assert!(
                !e.suggestions().is_empty(),
                "{q:?}: refusal without suggestions"
            );
            // Every suggestion is itself answerable.
            for s in e.suggestions() {
                if let Err(err) = ask::plan(s, None, as_of(), &registry()) {
                    panic!("suggestion {s:?} (for {q:?}) does not plan: {err}");
                }
            }
        }
        assert!(!e.to_string().is_empty());
    }
    assert!(matches!(
        refusal(&"x".repeat(5000)),
        AskError::TooLong { len: 5000, .. }
    ));
}

#[test]
fn a_refusal_renders_as_an_answer_with_no_numbers_computed() {
    let reg = registry();
    let u = model::Universe::default();
    let a = ask::ask("What is the P/E of the S&P 500?", None, as_of(), &reg, &u);
    assert!(a.refused);
    assert!(a.facts.is_empty());
    assert!(a.paragraph.contains("P/E"));
    let json: serde_json::Value =
        serde_json::from_str(&ask::render(&a, Format::Json)).expect("json");
    assert_eq!(json["refused"], serde_json::Value::Bool(true));
    assert!(ask::render(&a, Format::Text).contains("CAPE"));
}

#[test]
fn a_date_before_an_instrument_s_data_is_a_stated_gap_not_a_number() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let p = ask::plan(
        "How did the Russell 2000 do in 1950?",
        None,
        as_of(),
        &registry(),
    )
    .expect("plans");
    let a = ask::run(&p, u);
    assert!(a.facts.is_empty());
    assert_eq!(a.missing.len(), 1);
    assert!(
        a.paragraph.contains("no close data for ^RUT"),
        "{}",
        a.paragraph
    );
    // The nearest question names the data's real range (first ^RUT close: 1987-09-10, per the CSV).
    assert!(
        a.suggestions.iter().any(|s| s.contains("1987-09-10")),
        "{:?}",
        a.suggestions
    );
}

#[test]
fn follow_ups_reuse_the_previous_plan() {
    let reg = registry();
    let first = ask::plan(
        "Is the Russell 2000 at a record close?",
        None,
        as_of(),
        &reg,
    )
    .expect("plans");
    let ctx = ask::Conversation::after(&first);
    let second =
        ask::plan("and the Nasdaq 100?", Some(&ctx), as_of(), &reg).expect("follow-up plans");
    assert_eq!(second.intent, first.intent);
    assert_eq!(second.slots.subjects, vec!["^NDX".to_string()]);
    let third = ask::plan(
        "what about as of 2025-04-08?",
        Some(&ask::Conversation::after(&second)),
        as_of(),
        &reg,
    )
    .expect("plans");
    assert_eq!(third.as_of, model::parse_iso_date("2025-04-08").expect("d"));
    assert_eq!(third.slots.subjects, vec!["^NDX".to_string()]);
    // A new question with no instrument keeps the previous ones.
    let fourth =
        ask::plan("How far is it from its high?", Some(&ctx), as_of(), &reg).expect("plans");
    assert_eq!(fourth.intent, ask::Intent::Drawdown);
    assert_eq!(fourth.slots.subjects, vec!["^RUT".to_string()]);
}

#[test]
fn a_plan_round_trips_through_json_and_toml_text_for_editing() {
    let reg = registry();
    let p = ask::plan(
        "What happened to small caps after their last 10-day winning streak against large caps?",
        None,
        as_of(),
        &reg,
    )
    .expect("plans");
    let json = serde_json::to_string_pretty(&p).expect("serialises");
    let back: Plan = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, p);
    // A user edit: 5-session streaks instead of 10.
    let edited = json.replace("\"min_len\": 10", "\"min_len\": 5");
    let e: Plan = serde_json::from_str(&edited).expect("edited plan parses");
    assert_ne!(e.steps, p.steps);
}

#[test]
fn the_plan_is_shown_as_numbered_steps() {
    let reg = registry();
    let p = ask::plan(
        "When did the S&P 500 last fall 10% from its high?",
        None,
        as_of(),
        &reg,
    )
    .expect("plans");
    expect_test::expect![[r#"
        Plan for: When did the S&P 500 last fall 10% from its high?
        As of 2026-01-16
          1. event study: past occurrences of a first close 10% or more below the running peak and forward returns over 21/63/126/252 sessions [event_study] — instruments: ^GSPC; window: all data through 2026-01-16
          2. drawdown from the running peak close [drawdown] — instruments: ^GSPC; window: all data through 2026-01-16
    "#]]
    .assert_eq(&p.render_text());
}

#[test]
fn case_folding_that_changes_byte_lengths_does_not_panic() {
    let reg = registry();
    for q in [
        "İİİ as of 2025-04-08 is the S&P 500 at a record?",
        "ẞ ǅ İ 2024 Σ",
        "Is the VIX İ at its lowest since 2024?",
        "İİİİİİİİ How did the Russell 2000 do?",
    ] {
        let _ = ask::plan(q, None, as_of(), &reg);
    }
}

#[test]
fn impossible_questions_are_refused_not_replaced_by_defaults() {
    let cases: &[(&str, &str)] = &[
        (
            "What happened to the S&P 500 after it rose 4294967296 days in a row?",
            "4294967296 days is out of range",
        ),
        (
            "How did the S&P 500 do between 2026-01-16 and 2020-01-01?",
            "ends before it starts",
        ),
        (
            "How did the S&P 500 do on February 30, 2026?",
            "February 30, 2026 is not a date",
        ),
        (
            "How often has the Russell 2000 beaten the S&P 500 over 4000000000-year windows?",
            "4000000000 years is out of range",
        ),
        (
            "How did the S&P 500 do in the year 0?",
            "the year 0 is not a year",
        ),
        (
            "How long has the VIX beaten the VIX?",
            "compare an instrument with a different one",
        ),
    ];
    for (q, want) in cases {
        let e = refusal(q);
        assert!(
            matches!(e, AskError::Invalid { .. }),
            "{q:?}: want Invalid, got {e:?}"
        );
        let msg = e.to_string();
        assert!(msg.contains(want), "{q:?}: {msg:?} does not say {want:?}");
        assert!(!e.suggestions().is_empty(), "{q:?}: no suggestions");
    }
}

#[test]
fn non_ascii_case_folding_keeps_the_window_out_of_instrument_names() {
    // "İ" lowercases to three bytes: spans from the lowercased text used to
    // land inside "Russell 2000" and read the year 2000 as the window.
    let p = ask::plan(
        "İİİİİİİİ How did the Russell 2000 do?",
        None,
        as_of(),
        &registry(),
    )
    .expect("a plan");
    let text = p.render_text();
    assert!(!text.contains("2000-01-01"), "{text}");
    assert!(!text.contains("calendar year 2000"), "{text}");
    assert_eq!(
        p.slots.period,
        ask::plan("How did the Russell 2000 do?", None, as_of(), &registry())
            .expect("a plan")
            .slots
            .period
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,200}") {
        let _ = ask::plan(&s, None, as_of(), &registry());
    }

    #[test]
    fn random_market_words_never_panic(words in proptest::collection::vec(prop::sample::select(vec![
        "how", "long", "has", "IWM", "beaten", "SPY", "the", "Russell", "2000", "S&P", "500", "record", "since", "1927",
        "10-day", "streak", "after", "what", "happened", "sectors", "on", "2026-01-16", "Fed", "cut", "in", "2025",
        "worst", "day", "VIX", "or", "better", "10%", "from", "high", "January", "predict", "as", "of", "2020-03-16",
        "and", "?", "rolling", "10-year", "windows", "how", "often", "moving", "average", "200-day", "Q3", "ytd",
        "between", "2024-01-01", "ü", "📈", "\u{0}", "—", "’", "9999-99-99", "-5%", "1e308", "0-day",
    ]), 0..16)) {
        let q = words.join(" ");
        let reg = registry();
        if let Ok(p) = ask::plan(&q, None, as_of(), &reg) {
            let _ = p.render_text();
            // Running on an empty universe states gaps, never panics.
            let a = ask::run(&p, &model::Universe::default());
            prop_assert!(a.facts.is_empty());
            let _ = ask::render(&a, Format::Html);
        }
    }
}
