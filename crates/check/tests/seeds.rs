//! The two seed articles, checked against the real data.
//!
//! Every expected value here was computed independently with Python's csv
//! module from the shared market-data files (see
//! `crates/check/tests/truth/truth.py`, whose output is quoted in comments),
//! never by running this code.

use check::{render, render_many, CheckedClaim, Checker, Format, InputFormat, ManyReport, Verdict};
use lang::ClaimKind;

fn seed(prefix: &str) -> Option<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("SKIP: seeds not found at {dir}");
        return None;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(prefix) {
            return Some((name, std::fs::read_to_string(e.path()).ok()?));
        }
    }
    None
}

fn both() -> Option<ManyReport> {
    let u = store::testing::shared_universe()?;
    let checker = Checker::new(u).expect("checker");
    let (a, b) = (seed("000")?, seed("003")?);
    Some(
        checker
            .check_many(
                &[(a.0.as_str(), a.1.as_str()), (b.0.as_str(), b.1.as_str())],
                InputFormat::Auto,
                None,
            )
            .expect("seeds are text"),
    )
}

/// The first claim whose quoted text contains `quote` and has `kind`.
fn find<'a>(
    claims: &'a [CheckedClaim],
    text: &str,
    kind: ClaimKind,
    quote: &str,
) -> &'a CheckedClaim {
    claims
        .iter()
        .find(|c| c.claim.kind == kind && text[c.start..c.end].contains(quote))
        .unwrap_or_else(|| panic!("no {kind:?} claim quoting {quote:?}"))
}

fn value(c: &CheckedClaim) -> f64 {
    c.facts
        .first()
        .and_then(|f| f.value.as_f64())
        .unwrap_or(f64::NAN)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn seed_000_claims_are_judged_right() {
    let Some(many) = both() else { return };
    let r = &many.reports[0];
    let t = &r.text;
    assert_eq!(r.as_of, model::parse_iso_date("2026-01-17"), "dateline");

    // Relative streak RUT > GSPC ending 2026-01-16 = 11 (2026-01-02..01-16).
    let c = find(&r.claims, t, ClaimKind::Streak, "11-day outperformance");
    assert_eq!(c.verdict, Verdict::Supported);
    assert!(close(value(c), 11.0, 0.0));
    // "...11-day streak spanning December 1, 2025, through January 16": right length, wrong start.
    let c = find(&r.claims, t, ClaimKind::Streak, "11-day streak");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(c.explanation.contains("2026-01-02"), "{}", c.explanation);

    // Record close 2677.74 > 2674.56 (2026-01-15); record high 2692.23 > 2689.28.
    assert_eq!(
        find(&r.claims, t, ClaimKind::RecordClose, "record-setting close").verdict,
        Verdict::Supported
    );
    assert_eq!(
        find(&r.claims, t, ClaimKind::RecordHigh, "Record High").verdict,
        Verdict::Supported
    );
    // 2,692.23 is the intraday high of 2026-01-16, not the close (2677.74).
    let c = find(&r.claims, t, ClaimKind::Level, "2,692.23");
    assert_eq!(c.verdict, Verdict::Supported);
    assert!(close(value(c), 2692.23, 0.005));

    // Return 2025-12-01..2026-01-16 from the close of 2025-11-28 (2500.43): +7.0912%, +177.31 points.
    // 7.88% / 195.51 points = close 2677.74 vs the open of 2025-12-01 (2482.23): +7.876%.
    let c = find(&r.claims, t, ClaimKind::Return, "7.88%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 7.0912, 0.001));
    assert!(
        c.alternatives
            .iter()
            .any(|a| a.contains("open of 2025-12-01")),
        "{:?}",
        c.alternatives
    );

    // Sample stdev of 33 daily returns 2025-12-01..2026-01-16 = 0.8966%;
    // the population stdev of the 32 returns from 2025-12-02 = 0.8572% matches 0.86%.
    let c = find(&r.claims, t, ClaimKind::Volatility, "0.86%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 0.8966, 0.0005));
    assert!(
        c.alternatives
            .iter()
            .any(|a| a.contains("population") && a.contains("2025-12-02")),
        "{:?}",
        c.alternatives
    );

    // SPDR sector ETFs on 2026-01-16 (close / previous close - 1):
    // XLI +0.6756, XLF +0.1287, XLP -0.3156, XLRE +1.2230 (adj), XLC -0.8949 (adj),
    // XLY -0.3260, XLV -0.7773, XLK +0.1100. Every figure in the seed is wrong.
    let sectors = [
        ("0.43%", 0.6756),
        ("+0.30%", 0.1287),
        ("+0.25%", -0.3156),
        ("+0.18%", 1.2230),
        ("1.16%", -0.8949),
        ("0.79%", -0.3260),
        ("0.69%", -0.7773),
        ("0.51%", 0.1100),
    ];
    for (quote, truth) in sectors {
        let c = find(&r.claims, t, ClaimKind::DailyMove, quote);
        assert_eq!(c.verdict, Verdict::Contradicted, "{quote}");
        assert!(
            close(value(c), truth, 0.0006),
            "{quote}: {} vs {truth}",
            value(c)
        );
    }

    // Three cuts in late 2025 (announced 2025-09-17, 10-29, 12-10), not two.
    let c = find(&r.claims, t, ClaimKind::RateDecisions, "two rate cuts");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(
        c.actual.as_deref().is_some_and(|a| a.starts_with('3')),
        "{:?}",
        c.actual
    );

    // French Lo 30 vs Hi 30, 10-year windows from 1927-01: 721 of 1051 = 68.60% ("two-thirds": supported);
    // whole-span excess 1.51 pp/yr geometric, 3.59 pp/yr arithmetic (2.85%: contradicted).
    let c = find(&r.claims, t, ClaimKind::BaseRateShare, "two-thirds");
    assert_eq!(c.verdict, Verdict::Supported);
    assert!(close(value(c), 68.6013, 0.01));
    let c = find(&r.claims, t, ClaimKind::BaseRateExcess, "2.85%");
    assert_eq!(c.verdict, Verdict::Contradicted);

    // What the data cannot decide is unverifiable, with the missing data named.
    for quote in [
        "18 times forward earnings",
        "approximately 40%",
        "17% and 22%",
    ] {
        let c = r
            .claims
            .iter()
            .find(|c| t[c.start..c.end].contains(quote))
            .unwrap_or_else(|| panic!("no claim quoting {quote}"));
        assert_eq!(c.verdict, Verdict::Unverifiable, "{quote}");
        assert!(c.explanation.contains("no "), "{}", c.explanation);
    }
}

#[test]
fn seed_003_claims_are_judged_right() {
    let Some(many) = both() else { return };
    let r = &many.reports[1];
    let t = &r.text;
    assert_eq!(r.as_of, model::parse_iso_date("2026-01-16"), "dateline");

    // Relative streak ending 2026-01-15 = 10 (2026-01-02..01-15); 9 was the length on 2026-01-14.
    let c = find(
        &r.claims,
        t,
        ClaimKind::Streak,
        "9 consecutive trading sessions",
    );
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 10.0, 0.0));
    assert!(
        c.alternatives.iter().any(|a| a.contains("2026-01-14")),
        "{:?}",
        c.alternatives
    );
    // Longest since: the previous relative streak of >= 10 sessions ended 2008-06-06 (13 sessions), not 1990.
    let c = find(&r.claims, t, ClaimKind::StreakLongestSince, "since 1990");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(
        c.actual
            .as_deref()
            .is_some_and(|a| a.contains("2008-06-06")),
        "{:?}",
        c.actual
    );
    // "By mid-January 2026 ... 9 straight days": as of 2026-01-15, 10.
    let c = find(&r.claims, t, ClaimKind::Streak, "9-Day");
    assert_eq!(c.verdict, Verdict::Contradicted);

    // Three 25 bp cuts in September, October and December 2025; range 3.50%-3.75% on 2026-01-16.
    assert_eq!(
        find(
            &r.claims,
            t,
            ClaimKind::RateDecisions,
            "three Federal Reserve rate cuts"
        )
        .verdict,
        Verdict::Supported
    );
    assert_eq!(
        find(&r.claims, t, ClaimKind::RateDecisions, "0.25% rate cuts").verdict,
        Verdict::Supported
    );
    assert_eq!(
        find(&r.claims, t, ClaimKind::FedRange, "3.50%–3.75%").verdict,
        Verdict::Supported
    );
    assert_eq!(
        find(&r.claims, t, ClaimKind::FedRange, "3.50%-3.75%").verdict,
        Verdict::Supported
    );

    // RUT YTD to 2026-01-16: 2677.74 / 2481.91 - 1 = +7.8903%, outside "5.8% to 7%".
    let c = find(&r.claims, t, ClaimKind::Return, "5.8% to 7%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 7.8903, 0.001));
    // NDX YTD to 2026-01-16: +1.1066%, not -1.4%.
    let c = find(&r.claims, t, ClaimKind::Return, "-1.4%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 1.1066, 0.001));

    for quote in ["18x forward earnings", "40% of Russell 2000 debt", "80%"] {
        let c = r
            .claims
            .iter()
            .find(|c| t[c.start..c.end].contains(quote))
            .unwrap_or_else(|| panic!("no claim quoting {quote}"));
        assert_eq!(c.verdict, Verdict::Unverifiable, "{quote}");
    }
    // The conditional "unemployment spikes above 4.5%" is not a claim.
    assert!(!r.claims.iter().any(|c| t[c.start..c.end].contains("4.5%")));
}

#[test]
fn seeds_contradict_each_other() {
    let Some(many) = both() else { return };
    let kinds: Vec<(&str, &str)> = many
        .conflicts
        .iter()
        .map(|c| (c.kind.as_str(), c.description.as_str()))
        .collect();
    // 11 sessions on 2026-01-16 vs 9 on 2026-01-15: one session apart, so at most 10 would agree.
    assert!(
        kinds
            .iter()
            .any(|(k, d)| *k == "streak" && d.contains("11 sessions") && d.contains("9 sessions")),
        "{kinds:?}"
    );
    // Two vs three cuts in late 2025.
    assert!(
        kinds
            .iter()
            .any(|(k, d)| *k == "rate_decisions" && d.contains("2 cuts") && d.contains("3 cuts")),
        "{kinds:?}"
    );
    let text = render_many(&many, Format::Text);
    assert!(text.contains("CONFLICTS BETWEEN ARTICLES"));
}

#[test]
fn renderers_escape_and_carry_every_claim() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let checker = Checker::new(u).expect("checker");
    let html_in = "<html><body><h1>Test &amp; <script>alert(1)</script></h1><p>The S&amp;P 500 fell 9.5% on Monday, March 16, 2020 <b>\"quoted\" <i>&lt;b&gt;</i></b>.</p></body></html>";
    let r = checker
        .check(
            html_in,
            InputFormat::Auto,
            model::parse_iso_date("2020-03-16"),
        )
        .expect("html is text");
    assert_eq!(r.claims.len(), 1, "{:?}", r.claims);
    assert_eq!(&r.text[r.claims[0].start..r.claims[0].end], "9.5%");
    let html = render(&r, Format::Html);
    assert!(!html.contains("<script>alert"), "script echoed unescaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<mark class=\"contradicted\""));
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, Format::Json)).expect("valid JSON");
    assert_eq!(json["claims"][0]["verdict"], "contradicted");
    assert_eq!(json["claims"][0]["kind"], "daily_move");
    assert!(json["claims"][0]["citations"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert!(render(&r, Format::Markdown).contains("| 1 |"));
    assert!(render(&r, Format::Text).contains("contradicted"));
}

#[test]
#[ignore = "prints the seed reports for inspection"]
fn print_seed_reports() {
    let Some(many) = both() else { return };
    println!("{}", render_many(&many, Format::Text));
}
