//! Question shapes, question → parse, one row per shape or refusal (with a
//! follow-up row where a shape has one). A development set written with the
//! rules; the measure is `../shared/eval/questions-dev.jsonl` and the
//! scorers (see ARCHITECTURE.md). These rows use other wording than the
//! evaluation questions on purpose.
//!
//! Each row: the question, the date it is asked on, the question before it
//! (or ""), and `Ask | subjects | window` or `DECLINE why`.

use lang::question::{self, Question};
use lang::reader::Reader;
use model::Subject;

fn subjects(q: &Question) -> String {
    q.subjects
        .iter()
        .map(|s| match s {
            Subject::Symbol { symbol } => symbol.clone(),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn window(q: &Question) -> String {
    use lang::chunk::Time;
    match &q.time {
        None => "-".into(),
        Some(Time::Span { from, to, .. }) => format!("{from}..{to}"),
        Some(Time::ToDate { from, .. }) => format!("{from}..to date"),
        Some(Time::Ever) => "ever".into(),
        Some(Time::Sessions { n, end }) => format!(
            "last {n} sessions{}",
            end.map(|e| format!(" to {e}")).unwrap_or_default()
        ),
        Some(other) => format!("{other:?}"),
    }
}

fn parse(reader: &Reader, text: &str, as_of: &str, previous: &str) -> String {
    let d = model::parse_iso_date(as_of).expect("date");
    let prev = (!previous.is_empty())
        .then(|| question::read(reader, previous, d, None).ok())
        .flatten();
    match question::read(reader, text, d, prev.as_ref()) {
        Ok(q) => format!("{:?} | {} | {}", q.ask, subjects(&q), window(&q)),
        Err(e) => format!("DECLINE {e:?}"),
    }
}

#[test]
fn questions_table() {
    let reader = Reader::builtin().expect("builtin registry");
    let cases: &[(&str, &str, &str, &str)] = &[
        // Moves over a named window.
        ("How did the Nasdaq 100 fare in 2023?", "2026-08-21", "", "Move | ^NDX | 2023-01-01..2023-12-31"),
        ("what's spx done ytd", "2026-08-21", "", "Move | ^GSPC | 2026-01-01..to date"),
        // "How'd", "How's" open a question as "how did", "how is"; "cumulative" adds nothing to a return.
        ("How'd the Russell do in Q3 2025?", "2026-08-21", "", "Move | ^RUT | 2025-07-01..2025-09-30"),
        ("Cumulative S&P 500 gain over 2019 through 2021?", "2026-08-21", "", "Move | ^GSPC | 2019-01-01..2021-12-31"),
        // A follow-up keeps the subject and takes the new window.
        ("and in 2022?", "2026-08-21", "How did the Nasdaq 100 fare in 2023?", "Move | ^NDX | 2022-01-01..2022-12-31"),
        // Annualised returns.
        ("What was the Dow's annualized return for the five years 2015 through 2019?", "2026-08-21", "", "Annualised | ^DJI | 2015-01-01..2019-12-31"),
        // Extremes, records and when.
        ("What was the Russell 2000's worst day ever?", "2026-08-21", "", "Extreme { measure: Return { sessions: 1 }, order: Lowest } | ^RUT | ever"),
        ("When did the Nasdaq 100 last drop 4% in a session?", "2026-08-21", "", "When { flag: Flag { of: Return { sessions: 1 }, pred: Le(-4.0) }, last: true } | ^NDX | -"),
        // Counts.
        ("How many sessions did the Dow move more than 1% either way in 2023?", "2026-08-21", "", "Count { flag: Flag { of: Return { sessions: 1 }, pred: AbsGt(1.0) } } | ^DJI | 2023-01-01..2023-12-31"),
        // Comparisons.
        ("Did the Russell 2000 beat the S&P 500 in 2024?", "2026-08-21", "", "Compare { annualised: false } | ^RUT,^GSPC | 2024-01-01..2024-12-31"),
        // Levels, drawdowns, volatility, streaks, rates.
        ("Where did the 2-year yield close on March 13, 2023?", "2026-08-21", "", "Level { field: Close } | DGS2 | 2023-03-13..2023-03-13"),
        ("How deep was the Nasdaq 100's drawdown in 2022?", "2026-08-21", "", "Drawdown | ^NDX | 2022-01-01..2022-12-31"),
        ("How volatile was the Russell 2000 in 2020?", "2026-08-21", "", "Volatility | ^RUT | 2020-01-01..2020-12-31"),
        ("What's the Dow's longest losing streak in 2022?", "2026-08-21", "", "LongestStreak { run: RunLength { of: Return { sessions: 1 }, pred: Lt(0.0) } } | ^DJI | 2022-01-01..2022-12-31"),
        ("How many times did the Fed cut rates in 2020?", "2026-08-21", "", "Fed(Count(-1)) |  | 2020-01-01..2020-12-31"),
        // A question that opens with "last time" or "first time" asks when.
        ("The last time the Nasdaq closed below 10,000?", "2026-08-21", "", "When { flag: Flag { of: Level { field: Price }, pred: Lt(10000.0) }, last: true } | ^IXIC | -"),
        ("First time the Dow closed above 40,000?", "2026-08-21", "", "When { flag: Flag { of: Level { field: Price }, pred: Gt(40000.0) }, last: false } | ^DJI | -"),
        // "When ... last gain 5%" with no period anywhere: one day's move (noted);
        // a period noun ("in a month", "rally") leaves the period unread.
        ("When did the Russell 2000 last gain 5% or more?", "2026-08-21", "", "When { flag: Flag { of: Return { sessions: 1 }, pred: Ge(5.0) }, last: true } | ^RUT | -"),
        ("When did the Nasdaq last drop 10% in a month?", "2026-08-21", "", "DECLINE Ambiguous"),
        ("When did the S&P 500 last rally 20%?", "2026-08-21", "", "DECLINE Ambiguous"),
        // "How many points": a move in the unit asked, not a count.
        ("How many points did the Dow gain on November 6, 2024?", "2026-08-21", "", "Move | ^DJI | 2024-11-06..2024-11-06"),
        ("How many basis points did the 10-year yield rise in 2022?", "2026-08-21", "", "Move | DGS10 | 2022-01-01..2022-12-31"),
        // A level-like series and a day alone ask its level; an index, its move.
        ("2-year yield on June 3, 2024?", "2026-08-21", "", "Level { field: Close } | DGS2 | 2024-06-03..2024-06-03"),
        ("VIX on March 16, 2020?", "2026-08-21", "", "Level { field: Close } | ^VIX | 2020-03-16..2020-03-16"),
        ("Dow on March 16, 2020?", "2026-08-21", "", "Move | ^DJI | 2020-03-16..2020-03-16"),
        // A question that opens with its counted noun asks how many.
        ("Trading days the S&P 500 fell more than 2% in 2022?", "2026-08-21", "", "Count { flag: Flag { of: Return { sessions: 1 }, pred: Lt(-2.0) } } | ^GSPC | 2022-01-01..2022-12-31"),
        // A level word and a day, with no direction: the level.
        ("S&P 500 price on Jan 3, 2022", "2026-08-21", "", "Level { field: Close } | ^GSPC | 2022-01-03..2022-01-03"),
        ("Dow closed up on March 16, 2020?", "2026-08-21", "", "Move | ^DJI | 2020-03-16..2020-03-16"),
        // How much the Fed moved, or a bare "Fed hike" with a window: the
        // window's decisions, whose answer gives their total.
        ("How much did the Fed cut rates in 2020?", "2026-08-21", "", "Fed(Count(-1)) |  | 2020-01-01..2020-12-31"),
        ("Did the Fed hike in March 2022?", "2026-08-21", "", "Fed(Count(1)) |  | 2022-03-01..2022-03-31"),
        // Weeks named by their neighbour or their last day.
        ("Nasdaq in the week before last?", "2026-08-21", "", "Move | ^IXIC | 2026-08-03..2026-08-07"),
        ("Dow for the week ended July 17, 2026?", "2026-08-21", "", "Move | ^DJI | 2026-07-11..2026-07-17"),
        // A bare tenor in a question is the yield.
        ("10y change ytd?", "2026-08-21", "", "Move | DGS10 | 2026-01-01..to date"),
        // Refusals: forecasts, topics the data cannot decide, unknown names,
        // a window after the date asked on, words not read.
        ("Will the S&P 500 rise next month?", "2026-08-21", "", "DECLINE Forecast"),
        ("What is the forward P/E of the Russell 2000?", "2026-08-21", "", "DECLINE"),
        ("How did Tesla do in 2024?", "2026-08-21", "", "DECLINE"),
        ("How did the S&P 500 do in 2027?", "2026-08-21", "", "DECLINE Future"),
        ("How did the S&P 500 do after the Fed's dot plot surprise?", "2026-08-21", "", "DECLINE"),
    ];
    let mut failures = Vec::new();
    for (text, as_of, previous, want) in cases {
        let got = parse(&reader, text, as_of, previous);
        // A refusal row names the kind of refusal (or any refusal).
        let ok = if let Some(kind) = want.strip_prefix("DECLINE") {
            got.starts_with("DECLINE") && got.contains(kind.trim())
        } else {
            got == *want
        };
        if !ok {
            failures.push(format!("{text}\n  got:  {got}\n  want: {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
