//! Claim frames, phrase → reading, one row per mechanism of the frame
//! builder (Duckling-style: each rule with the examples that test it).
//! These rows are a development set written with the rules; the measure of
//! generality is `../shared/eval` (see ARCHITECTURE.md).
//!
//! Each row: the text, the article's date, and for every claim the reader
//! finds, `kind "quote" [subjects] claimed | measure reduce window as_of`
//! (the primary reading), or `| UNREAD what` when a part was not read.

use lang::reader::{Claim, Reader};

fn describe(c: &Claim, text: &str) -> String {
    let head = format!(
        "{} {:?} {:?} {}",
        c.kind,
        &text[c.start..c.end],
        c.subjects,
        c.claimed.describe()
    );
    if !c.unread.is_empty() {
        return format!("{head} | UNREAD {}", c.unread.join("; "));
    }
    if let Some(m) = &c.missing {
        return format!("{head} | MISSING {m}");
    }
    let Some(r) = c.readings.iter().find(|r| r.primary) else {
        return format!("{head} | no reading");
    };
    let q = serde_json::to_value(&r.query).unwrap_or_default();
    let window = match &q["window"]["period"] {
        // A decisions query carries its own start: from..as_of.
        serde_json::Value::Null if q["from"].is_string() => {
            format!("{}..", q["from"].as_str().unwrap_or(""))
        }
        serde_json::Value::Null => q["window"]["type"].as_str().unwrap_or("").to_string(),
        p => match (p["from"].as_str(), p["to"].as_str()) {
            (Some(a), Some(b)) => format!("{a}..{b}"),
            _ => p["type"].as_str().unwrap_or("").to_string(),
        },
    };
    format!(
        "{head} | {} {} {window} {}",
        q["measure"]["type"]
            .as_str()
            .unwrap_or(q["kind"].as_str().unwrap_or("")),
        q["reduce"]["type"].as_str().unwrap_or(""),
        q["as_of"].as_str().unwrap_or("")
    )
}

#[test]
fn claims_table() {
    let reader = Reader::builtin().expect("builtin registry");
    let cases: &[(&str, &str, &[&str])] = &[
        // A Saturday article's undated move is Friday's session.
        (
            "Technology retreated 0.51% as the sector lagged.",
            "2026-01-17",
            &[r#"daily_move "retreated 0.51%" ["XLK"] -0.51% | level return day 2026-01-16"#],
        ),
        // Capitalised sector names near "sector(s)" name the SPDR funds; a
        // colon ends the comparison "lagged", so what follows is a subject.
        (
            "Growth sectors lagged: Communication Services declined 1.16%, Consumer Cyclical fell 0.79%.",
            "2026-01-16",
            &[
                r#"daily_move "declined 1.16%" ["XLC"] -1.16% | level return day 2026-01-16"#,
                r#"daily_move "fell 0.79%" ["XLY"] -0.79% | level return day 2026-01-16"#,
            ],
        ),
        // Outside a sector table, "technology" is a theme, not the fund.
        (
            "Investors piled into technology, and the S&P 500 rose 1.2% on Friday.",
            "2026-01-16",
            &[r#"daily_move "rose 1.2%" ["^GSPC"] 1.2% | level return day 2026-01-16"#],
        ),
        // A leading plus is a sign; a signed percent after "at" is a move.
        (
            "In the sector table, Real Estate finished at +0.18% on January 16.",
            "2026-01-17",
            &[r#"daily_move "at +0.18%" ["XLRE"] 0.18% | level return day 2026-01-16"#],
        ),
        // An opening "During ... spanning X through Y" is the window of the
        // move; "(equivalent to N in index points)" is its change in points.
        (
            "During the 11-day streak spanning December 1, 2025, through January 16, 2026, the Russell 2000 gained approximately 7.88% (equivalent to $195.51 in index points).",
            "2026-01-17",
            &[
                r#"streak "11-day streak" ["^RUT"] 11 | UNREAD what the run of '11-day streak' counts"#,
                r#"period_return "gained approximately 7.88%" ["^RUT"] about 7.88% | level return 2025-12-01..2026-01-16 2026-01-16"#,
                r#"period_return "$195.51" ["^RUT"] 195.51 | level change 2025-12-01..2026-01-16 2026-01-16"#,
            ],
        ),
        // A hyphenated duration is not a figure; an outperformance streak
        // with its benchmark is a relative run.
        (
            "Russell 2000 Achieves Record High Amid 11-Day Outperformance Streak Against S&P 500",
            "2026-01-17",
            &[r#"streak "11-Day Outperformance Streak" ["^RUT", "^GSPC"] 11 | run_length last day 2026-01-16"#],
        ),
        // ... and without one, what the run counts is not read.
        (
            "The 11-day outperformance streak carries significance.",
            "2026-01-17",
            &[r#"streak "11-day outperformance streak" [] 11 | UNREAD what the run of '11-day outperformance streak' counts; who the claim is about"#],
        ),
        // Fed counts: a cardinal before a decision noun, the Fed named, in
        // a sentence that is also about markets; "late 2025" is Sep–Dec.
        (
            "The Federal Reserve's two rate cuts in late 2025 have helped small-cap stocks.",
            "2026-01-17",
            &[r#"fed_count "two" ["DFEDTARU", "DFEDTARL"] 2 | rate_decisions  2025-09-01.. 2025-12-31"#],
        ),
        // A copula right after the name is a level; "was 2% higher" is not.
        (
            "The 10-year Treasury yield was 4.24% on January 16, 2026.",
            "2026-01-16",
            &[r#"level "was 4.24%" ["DGS10"] 4.24% | level last day 2026-01-16"#],
        ),
        (
            "The S&P 500 was 2% higher on the week.",
            "2026-01-16",
            &[r#"period_return "2%" ["^GSPC"] 2% | level return 2026-01-12..2026-01-16 2026-01-16"#],
        ),
        // A time after "and" opens the next predicate.
        (
            "The S&P 500 rose 0.4% to 7,674.37 and ended the week down 1.4%.",
            "2026-08-21",
            &[
                r#"daily_move "rose 0.4%" ["^GSPC"] 0.4% | level return day 2026-08-21"#,
                r#"level "to 7,674.37" ["^GSPC"] 7674.37 | level last day 2026-08-21"#,
                r#"period_return "down 1.4%" ["^GSPC"] -1.4% | level return 2026-08-17..2026-08-21 2026-08-21"#,
            ],
        ),
        // A level reached is never negative, whatever the verb.
        (
            "The benchmark 10-year yield fell to 0.54% on March 9, 2020.",
            "2020-03-09",
            &[r#"level "to 0.54%" ["DGS10"] 0.54% | level last day 2020-03-09"#],
        ),
        // Crossings are not read as moves or levels.
        (
            "The VIX jumped above 30 on August 5, 2024.",
            "2024-08-05",
            &[r#"level "jumped above 30" ["^VIX"] more than 30 | UNREAD the crossing 'jumped above 30'"#],
        ),
        // A calendar period ranked "since" is the one the sentence names.
        (
            "The S&P 500 lost 38.5% in 2008, its worst year since the 1930s.",
            "2009-01-02",
            &[
                r#"period_return "lost 38.5%" ["^GSPC"] -38.5% | level return 2008-01-01..2008-12-31 2008-12-31"#,
                r#"since "worst year since the 1930s" ["^GSPC"] since 1930-01-01..1939-12-31 | period_return last_at_least_as_extreme all 2008-12-31"#,
            ],
        ),
        // "during intraday trading" makes an all-time high the intraday one.
        (
            "The Russell 2000 hit a new all-time high of 2,692.23 on January 16, 2026, during intraday trading.",
            "2026-01-17",
            &[
                r#"record "hit a new all-time high" ["^RUT"] yes | flag last day 2026-01-16"#,
                r#"extreme "a new all-time high of 2,692.23 on January 16, 2026" ["^RUT"] 2692.23 | level max all 2026-01-17"#,
            ],
        ),
        // Each Fed decision of a list takes the day written right after its size.
        (
            "The Federal Reserve's cuts were 50 basis points on September 18, 2024 and 25 basis points on November 7, 2024.",
            "2025-04-04",
            &[
                r#"fed_decision "50 basis points" ["DFEDTARU", "DFEDTARL"] -50 bp | rate_decisions  2024-09-18.. 2024-09-19"#,
                r#"fed_decision "25 basis points" ["DFEDTARU", "DFEDTARL"] -25 bp | rate_decisions  2024-11-07.. 2024-11-08"#,
            ],
        ),
        // A month's value that is also the last one published on a day.
        (
            "The S&P 500's Cyclically adjusted P/E ratio (Shiller PE10) was 16.16 for May 1987, the latest month published by October 19, 1987.",
            "1987-10-19",
            &[
                r#"level "was 16.16" ["CAPE"] 16.16 | level last all 1987-10-19"#,
            ],
        ),
        // A rate's value for a day is read as of the article's date.
        (
            "The effective federal funds rate was 1.23% on March 10, 2003.",
            "2003-03-11",
            &[
                r#"level "was 1.23%" ["DFF"] 1.23% | level last 2003-03-10..2003-03-10 2003-03-11"#,
            ],
        ),
        // A fund's rank takes its own move's day, and the basket its paragraph names.
        (
            "On August 5, 2024, all 11 sector funds fell. The industrials fund XLI fell 1.74% and held up best.",
            "2024-08-05",
            &[
                r#"breadth "11 sector funds fell" ["XLK"] 11 | cross_section   2024-08-05"#,
                r#"daily_move "fell 1.74%" ["XLI"] -1.74% | level return day 2024-08-05"#,
                r#"cross_rank "held up best" ["XLI"]  | cross_section   2024-08-05"#,
            ],
        ),
        // A day named again inside a range is read once.
        (
            "After the last one-day move at least this large ended on March 16, 2020, the S&P 500 rose 16.65% from the March 16, 2020 close to April 15, 2020.",
            "2025-04-04",
            &[
                r#"period_return "rose 16.65%" ["^GSPC"] 16.65% | level return 2020-03-17..2020-04-15 2020-04-15"#,
            ],
        ),
        // Rolling-window base rates: small and large caps as size portfolios.
        (
            "In Ken French's size portfolios, small caps compounded faster than large caps in 84.6% of the 649 rolling 10-year windows between July 1926 and June 1990. Small caps compounded 2.46 percentage points a year faster than large caps from July 1926 to June 1990, a geometric average.",
            "1990-08-23",
            &[
                r#"base_rate "84.6%" ["FF_ME_LO30", "FF_ME_HI30"] 84.6% | base_rate   1990-08-23"#,
                r#"base_rate "649" ["FF_ME_LO30", "FF_ME_HI30"] 649 | base_rate   1990-08-23"#,
                r#"base_rate "2.46 percentage points" ["FF_ME_LO30", "FF_ME_HI30"] 2.46 pp | base_rate   1990-08-23"#,
            ],
        ),
        // Without the kind of average, the yearly difference is not read.
        (
            "Small caps compounded 2.46 percentage points a year faster than large caps from July 1926 to June 1990.",
            "1990-08-23",
            &[
                r#"base_rate "2.46 percentage points" ["FF_ME_LO30", "FF_ME_HI30"] 2.46 pp | UNREAD which average (geometric or arithmetic)"#,
            ],
        ),
        // A rank among the window's moves of one direction, and how many.
        (
            "The Russell 2000's decline ranks 5th among 314 daily declines since September 10, 1987.",
            "1990-08-23",
            &[
                r#"rank "ranks 5th among" ["^RUT"] rank 5 | return rank 1987-09-10..1990-08-23 1990-08-23"#,
                r#"count "314 daily declines since September 10, 1987" ["^RUT"] 314 | flag count 1987-09-11..1990-08-23 1990-08-23"#,
            ],
        ),
        // A negated record is claimed as no; a record that dates from a day was set on it.
        (
            "The Russell 2000 did not set a record close on March 24, 2020; the Russell 2000's record close of 1,740.75 dates from August 31, 2018.",
            "2020-03-24",
            &[
                r#"record "set a record close" ["^RUT"] no | flag last day 2020-03-24"#,
                r#"extreme "record close of 1,740.75 dates from August 31, 2018" ["^RUT"] 1740.75 | level max all 2020-03-24"#,
            ],
        ),
        // "topped" is a verb, not the superlative "top".
        (
            "The S&P 500's record close topped the previous record close of 1,527.35 set on March 23, 2000.",
            "2000-03-24",
            &[
                r#"extreme "the previous record close of 1,527.35 set on March 23, 2000" ["^GSPC"] 1527.35 | level max all 2000-03-23"#,
            ],
        ),
        // A contrast clause without a time shares the window of the move before it.
        (
            "After the last run at least this long ended on June 6, 2008, the Russell 2000 fell 7.79% from the June 6, 2008 close to July 8, 2008, while the S&P 500 fell 6.39%.",
            "2026-01-16",
            &[
                r#"period_return "fell 7.79%" ["^RUT"] -7.79% | level return 2008-06-07..2008-07-08 2008-07-08"#,
                r#"period_return "fell 6.39%" ["^GSPC"] -6.39% | level return 2008-06-07..2008-07-08 2008-07-08"#,
            ],
        ),
        // "has beaten" names a benchmark; an earlier streak dated by its last day.
        (
            "The Russell 2000 has beaten the S&P 500 for 11 sessions in a row, the longest such run since a 13-session streak that ended on June 6, 2008.",
            "2026-01-16",
            &[
                r#"streak "11 sessions in a row" ["^RUT", "^GSPC"] 11 | run_length last day 2026-01-16"#,
                r#"since "longest such run since a 13-session streak that ended on June 6, 2008" ["^RUT", "^GSPC"] since 2008-06-06 | run_length last_at_least_as_extreme all 2026-01-16"#,
                r#"streak "13-session streak" ["^RUT", "^GSPC"] 13 | run_length last day 2008-06-06"#,
            ],
        ),
        // After a verb, "up to" is a particle and the level reached; a rate's
        // "fell to" is a level once its subject is known.
        (
            "Treasury yields were mixed: the two-year note's yield fell to 3.51%, while the 10-year yield edged up to 3.70%.",
            "2024-09-18",
            &[
                r#"level "to 3.51%" ["DGS2"] 3.51% | level last day 2024-09-18"#,
                r#"level "to 3.70%" ["DGS10"] 3.70% | level last day 2024-09-18"#,
            ],
        ),
        // "by a quarter point": a Fed decision of 25 basis points.
        (
            "The Fed lowered its key rate by a quarter point to a range of 4.25%-4.5%.",
            "2024-12-18",
            &[
                r#"fed_decision "quarter point" ["DFEDTARU", "DFEDTARL"] -25 bp | rate_decisions  2024-12-18.. 2024-12-18"#,
                r#"fed_range "4.25%-4.5%" ["DFEDTARU", "DFEDTARL"] 4.25–4.50% | rate_decisions  2024-12-18.. 2024-12-18"#,
            ],
        ),
        // "closing above N for the first time since D": the last earlier
        // close beyond the level.
        (
            "The Nasdaq finished above 20,000 for the first time since July.",
            "2024-12-11",
            &[
                r#"level "finished above 20,000" ["^IXIC"] more than 20000 | level last day 2024-12-11"#,
                r#"since "for the first time since July." ["^IXIC"] since 2024-07-01..2024-07-31 | flag last_at_least_as_extreme all 2024-12-11"#,
            ],
        ),
        // "more than doubled" (a two-word hedge); "gave up" falls; "the gauge of expected
        // volatility" is the VIX; a window after "and <participle>" is that
        // predicate's.
        (
            "The VIX more than doubled on Monday.",
            "2018-02-05",
            &[
                r#"daily_move "more than doubled" ["^VIX"] more than 100% | level return day 2018-02-05"#,
            ],
        ),
        (
            "The Russell 2000 gave up 4.2% for the week.",
            "2024-08-02",
            &[
                r#"period_return "up 4.2%" ["^RUT"] -4.2% | level return 2024-07-29..2024-08-02 2024-08-02"#,
            ],
        ),
        (
            "The gauge of expected volatility eased 1.2 points to 16.5.",
            "2024-08-16",
            &[
                r#"daily_move "eased 1.2 points" ["^VIX"] -1.2 points | level change day 2024-08-16"#,
                r#"level "to 16.5" ["^VIX"] 16.5 | level last day 2024-08-16"#,
            ],
        ),
        (
            "The Dow sank 2.1%, shedding 800 points and erasing its gain for the year.",
            "2024-08-05",
            &[
                r#"daily_move "sank 2.1%" ["^DJI"] -2.1% | level return day 2024-08-05"#,
                r#"daily_move "shedding 800 points" ["^DJI"] -800 points | UNREAD for the year"#,
            ],
        ),
        // What follows "a day after" (and its appositive) is about the session before.
        (
            "The Dow jumped 2%, a day after closing at 38,500, its lowest level since March.",
            "2024-08-06",
            &[
                r#"daily_move "jumped 2%" ["^DJI"] 2% | level return day 2024-08-06"#,
                r#"level "at 38,500" ["^DJI"] 38500 | level last day 2024-08-05"#,
                r#"since "lowest level since March." ["^DJI"] since 2024-03-01..2024-03-31 | level last_at_least_as_extreme all 2024-08-05"#,
            ],
        ),
        // A "before" of another clause does not move a streak to the session before.
        (
            "Traders sold before the Fed meeting, and the Nasdaq fell 2.4%, a fourth straight decline.",
            "2024-07-25",
            &[
                r#"daily_move "fell 2.4%" ["^IXIC"] -2.4% | level return day 2024-07-25"#,
                r#"streak "fourth straight" ["^IXIC"] 4 | run_length last day 2024-07-25"#,
            ],
        ),
        // A rate's moves are ranked by their change, not by a percent of the yield.
        (
            "The 2-year Treasury yield sank on Monday, its biggest one-day fall since October 1987.",
            "2023-03-13",
            &[
                r#"since "biggest one-day fall since October 1987" ["DGS2"] since 1987-10-01..1987-10-31 | change last_at_least_as_extreme all 2023-03-13"#,
            ],
        ),
        // Figures that are no market data are left out ($ market value, a
        // ratio, a count of jobs), and a number left out still keeps a
        // later window from the claim before it.
        // "The benchmark" is the S&P 500 once it is named; a comparison
        // participle shares the window of the move before it; a threshold in
        // another instrument's clause is not the streak's; "later this
        // year" is no window.
        (
            "A late slide wiped out about $2 trillion in market value, and decliners beat advancers by a 3-to-1 margin.",
            "2024-08-05",
            &[],
        ),
        (
            "The Nasdaq rose 1% after employers added 250,000 jobs in September.",
            "2024-10-04",
            &[
                r#"daily_move "rose 1%" ["^IXIC"] 1% | UNREAD September."#,
            ],
        ),
        (
            "The Nasdaq Composite dropped 3.4% while the S&P 500 fell 3%. The benchmark is 8.5% below its July record.",
            "2024-08-05",
            &[
                r#"daily_move "dropped 3.4%" ["^IXIC"] -3.4% | level return day 2024-08-05"#,
                r#"daily_move "fell 3%" ["^GSPC"] -3% | level return day 2024-08-05"#,
                r#"drawdown "8.5% below its July record" ["^GSPC"] -8.5% | drawdown last day 2024-08-05"#,
            ],
        ),
        (
            "The Nasdaq 100 climbed 5.4% this month, beating the S&P 500 by about 2.5 percentage points.",
            "2024-07-31",
            &[
                r#"period_return "climbed 5.4%" ["^NDX"] 5.4% | level return 2024-07-01..2024-07-31 2024-07-31"#,
                r#"period_return "beating the S&P 500 by about 2.5 percentage points" ["^NDX", "^GSPC"] about 2.5 pp | level return 2024-07-01..2024-07-31 2024-07-31"#,
            ],
        ),
        (
            "The VIX closed above 20 on Friday as the Dow fell for a third day.",
            "2024-07-26",
            &[
                r#"level "closed above 20" ["^VIX"] more than 20 | level last day 2024-07-26"#,
                r#"streak "third day" ["^DJI"] 3 | run_length last day 2024-07-26"#,
            ],
        ),
        (
            "Treasuries sold off as traders bet the Fed could cut later this year. The 10-year yield rose 6 basis points to 4.25%.",
            "2024-04-10",
            &[
                r#"daily_move "rose 6 basis points" ["DGS10"] 6 bp | level change day 2024-04-10"#,
                r#"level "to 4.25%" ["DGS10"] 4.25% | level last day 2024-04-10"#,
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
