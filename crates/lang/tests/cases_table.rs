//! Event-study claims (`frame/build/cases.rs`), phrase → reading: a set of
//! earlier cases (its condition and count), the statistics after them at a
//! horizon, the unconditional base rate, and what the words leave open.
//! A development set written with the rules; `../shared/eval` (the round
//! trip of the briefs, the news claims) measures how far they generalise.
//!
//! Each row: the text, the article's date, and for every claim
//! `"quote" [subjects] claimed | condition | statistic`, or `| UNREAD what`.

use lang::frame::What;
use lang::reader::{Claim, Reader};

fn describe(c: &Claim, text: &str) -> String {
    let head = format!(
        "{:?} {:?} {}",
        &text[c.start..c.end],
        c.subjects,
        c.claimed.describe()
    );
    if !c.unread.is_empty() {
        return format!("{head} | UNREAD {}", c.unread.join("; "));
    }
    match &c.frame.what {
        What::Cases { condition, stat } => {
            let cond = serde_json::to_string(condition).unwrap_or_default();
            let dates: Vec<String> = stat.dates.iter().map(|d| d.to_string()).collect();
            let on = c
                .frame
                .on
                .map_or(String::new(), |(a, b)| format!(" | history from {a}..{b}"));
            let listed = if dates.is_empty() {
                String::new()
            } else {
                format!(" | on {}", dates.join(" "))
            };
            format!("{head} | {cond} | {}{on}{listed}", stat.describe())
        }
        _ => format!("{head} | {}", c.kind),
    }
}

#[test]
fn cases_table() {
    let reader = Reader::builtin().expect("builtin registry");
    let cases: &[(&str, &str, &[&str])] = &[
        // A count of earlier cases with an explicit size, then a share at
        // each horizon written before it; "and 252 sessions later" goes on.
        (
            "After the 49 earlier one-day declines of 5.97% or more since 1927, the S&P 500 was higher 21 sessions later in 77.6% of 49 cases and 252 sessions later in 67.3% of 49 cases.",
            "2025-04-04",
            &[
                r#""49" ["^GSPC"] 49 | {"type":"daily_move","pct":-5.97} | how many earlier cases | history from 1927-01-01..1927-12-31"#,
                r#""77.6%" ["^GSPC"] 77.6% | {"type":"daily_move","pct":-5.97} | the share higher 21 sessions after each earlier case | history from 1927-01-01..1927-12-31"#,
                r#""49" ["^GSPC"] 49 | {"type":"daily_move","pct":-5.97} | how many cases have a window of 21 sessions | history from 1927-01-01..1927-12-31"#,
                r#""67.3%" ["^GSPC"] 67.3% | {"type":"daily_move","pct":-5.97} | the share higher 252 sessions after each earlier case | history from 1927-01-01..1927-12-31"#,
                r#""49" ["^GSPC"] 49 | {"type":"daily_move","pct":-5.97} | how many cases have a window of 252 sessions | history from 1927-01-01..1927-12-31"#,
            ],
        ),
        // "at least as large" takes the day's move stated before.
        (
            "The S&P 500 plunged 5.97% on April 4, 2025. The data since December 30, 1927 hold 49 earlier one-day declines at least as large.",
            "2025-04-04",
            &[
                r#""plunged 5.97%" ["^GSPC"] -5.97% | daily_move"#,
                r#""49" ["^GSPC"] 49 | {"type":"daily_move","pct":-5.97} | how many earlier cases | history from 1927-12-30..1927-12-30"#,
            ],
        ),
        // Statistics carried to the next sentence; the appositive "about a month".
        (
            "The data since December 30, 1927 hold 49 earlier one-day declines of 5.97% or more. Measured from the close of each earlier case, the S&P 500's median return over the next 21 sessions, about a month, was +6.24%, and the S&P 500 was higher in 77.6% of 49 cases.",
            "2025-04-04",
            &[
                r#""49" [] 49 | UNREAD who the claim is about"#,
                r#""+6.24%" ["^GSPC"] 6.24% | {"type":"daily_move","pct":-5.97} | the median return 21 sessions after each earlier case"#,
                r#""77.6%" ["^GSPC"] 77.6% | {"type":"daily_move","pct":-5.97} | the share higher 21 sessions after each earlier case"#,
                r#""49" ["^GSPC"] 49 | {"type":"daily_move","pct":-5.97} | how many cases have a window of 21 sessions"#,
            ],
        ),
        // The unconditional base rate: every window of the history.
        (
            "After 9 earlier one-day declines of 5% or more, the S&P 500 was higher in 5 of 9 cases. For scale, across all 24,179 windows of 252 sessions since December 30, 1927, the S&P 500's median return was +9.27% and the S&P 500 was higher in 69.4% of them.",
            "2025-04-04",
            &[
                r#""9" ["^GSPC"] 9 | {"type":"daily_move","pct":-5.0} | how many earlier cases"#,
                r#""5" ["^GSPC"] 5 | UNREAD 'higher in' (a statistic over other periods)"#,
                r#""9" ["^GSPC"] 9 | UNREAD what '9' measures; cases"#,
                r#""24,179" ["^GSPC"] 24179 | {"type":"daily_move","pct":-5.0} | how many 252-session windows the history holds | history from 1927-12-30..1927-12-30"#,
                r#""+9.27%" ["^GSPC"] 9.27% | {"type":"daily_move","pct":-5.0} | the median return over every 252-session window of the history | history from 1927-12-30..1927-12-30"#,
                r#""69.4%" ["^GSPC"] 69.4% | {"type":"daily_move","pct":-5.0} | the share higher over every 252-session window of the history | history from 1927-12-30..1927-12-30"#,
            ],
        ),
        // A relative run, and the benchmark after the same runs.
        (
            "After the 5 earlier runs in which the Russell 2000 beat the S&P 500 for 11 sessions in a row, the Russell 2000 was higher 21 sessions later in 4 of 5 cases. After the same runs, the S&P 500's median return was +1.64% over the next 21 sessions.",
            "2026-01-16",
            &[
                r#""5" ["^RUT"] 5 | {"type":"streak","vs":"^GSPC","direction":"up","min_len":11} | how many earlier cases"#,
                r#""4" ["^RUT"] 4 | {"type":"streak","vs":"^GSPC","direction":"up","min_len":11} | how many were higher 21 sessions after each earlier case"#,
                r#""5" ["^RUT"] 5 | {"type":"streak","vs":"^GSPC","direction":"up","min_len":11} | how many cases have a window of 21 sessions"#,
                r#""+1.64%" ["^GSPC"] 1.64% | {"type":"streak","vs":"^RUT","direction":"down","min_len":11} | the median return 21 sessions after each earlier case"#,
            ],
        ),
        // Winning streaks, listed cases, "mostly higher".
        (
            "The data hold 2 earlier 9-session winning streaks, on May 1, 1995 and June 2, 2003. After 2 earlier 9-session winning streaks, the Nasdaq 100 was mostly higher 252 sessions later.",
            "2026-01-16",
            &[
                r#""2" [] 2 | UNREAD who the claim is about"#,
                r#""2" ["^NDX"] 2 | {"type":"streak","vs":null,"direction":"up","min_len":9} | how many earlier cases"#,
                r#""higher" ["^NDX"] yes | {"type":"streak","vs":null,"direction":"up","min_len":9} | whether most were higher 252 sessions after each earlier case"#,
            ],
        ),
        // Bear markets with a complete forward window; a small sample.
        (
            "The data since September 10, 1987 hold 7 earlier bear markets with a complete forward window. That is a small sample of 7 cases.",
            "2018-12-24",
            &[
                r#""7" [] 7 | UNREAD who the claim is about"#,
                r#""7" [] 7 | UNREAD who the claim is about"#,
            ],
        ),
        // What the words leave open: which way "runs of 7 sessions" went,
        // and declines "at least as large" as nothing stated.
        (
            "The data hold 5 earlier runs of 7 sessions or more. The data hold 3 earlier one-day declines at least as large.",
            "2026-01-16",
            &[
                r#""5" [] 5 | UNREAD which way the runs of 7 sessions went; who the claim is about"#,
                r#""3" [] 3 | UNREAD what the one-day declines 'at least as large' are measured against"#,
            ],
        ),
        // One earlier case is not a set: "the previous record close of X".
        (
            "The Russell 2000's record close topped the previous record close of 2,674.56 set on January 15, 2026.",
            "2026-01-16",
            &[
                r#""the previous record close of 2,674.56 set on January 15, 2026" ["^RUT"] 2674.56 | extreme"#,
            ],
        ),
        // Half and half: "as often lower as higher".
        (
            "After 2 earlier one-day declines of 4% or more, the Nasdaq 100 was as often lower as higher 21 sessions later.",
            "2025-04-04",
            &[
                r#""2" ["^NDX"] 2 | {"type":"daily_move","pct":-4.0} | how many earlier cases"#,
                r#""higher" ["^NDX"] yes | {"type":"daily_move","pct":-4.0} | whether half were higher 21 sessions after each earlier case"#,
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (text, dateline, want) in cases {
        let d = model::parse_iso_date(dateline).expect("date");
        let got: Vec<String> = reader
            .read(text, d)
            .iter()
            .map(|c| describe(c, text))
            .collect();
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        if got != want {
            failures.push(format!("{text}\n  got:  {got:#?}\n  want: {want:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
