//! The two seed articles, checked against the real data.
//!
//! Every expected value here was computed independently with Python's csv
//! module from the shared market-data files (see
//! `crates/check/tests/truth/truth.py`, whose output is quoted in comments),
//! never by running this code.

use check::{render, render_many, CheckedClaim, Checker, Format, InputFormat, ManyReport, Verdict};

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
fn find<'a>(claims: &'a [CheckedClaim], text: &str, kind: &str, quote: &str) -> &'a CheckedClaim {
    claims
        .iter()
        .find(|c| c.kind == kind && text[c.start..c.end].contains(quote))
        .unwrap_or_else(|| panic!("no {kind} claim quoting {quote:?}"))
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
    let c = find(&r.claims, t, "streak", "11-Day Outperformance Streak");
    assert_eq!(c.verdict, Verdict::Supported, "{}", c.explanation);
    assert!(close(value(c), 11.0, 0.0));
    // "The 11-day outperformance streak" later: the run named before where
    // the paragraph names it, else unread; never a run of plain gains.
    let later: Vec<&CheckedClaim> = r
        .claims
        .iter()
        .filter(|c| t[c.start..c.end].contains("11-day outperformance streak"))
        .collect();
    assert!(later.iter().any(|c| c.verdict == Verdict::Supported));
    assert!(later.iter().all(|c| c.verdict != Verdict::Contradicted));

    // 2,692.23 is the intraday high of 2026-01-16, not the close (2677.74).
    let c = find(&r.claims, t, "level", "2,692.23");
    assert_eq!(c.verdict, Verdict::Supported, "{}", c.explanation);
    assert!(c
        .facts
        .iter()
        .any(|f| f.value.as_f64().is_some_and(|v| close(v, 2692.23, 0.005))));

    // "During the 11-day streak spanning December 1, 2025, through January 16,
    // 2026, the Russell 2000 gained approximately 7.88% (equivalent to $195.51
    // in index points)": from the close of 2025-11-28 (2500.43), +7.0912%,
    // +177.31 points.
    let c = find(&r.claims, t, "period_return", "7.88%");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(close(value(c), 7.0912, 0.001), "{}", value(c));
    let c = find(&r.claims, t, "period_return", "195.51");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(close(value(c), 177.31, 0.005), "{}", value(c));

    // Sample stdev of 33 daily returns 2025-12-01..2026-01-16 = 0.8966%;
    // "the daily volatility during this period" takes the period named before.
    let c = find(&r.claims, t, "volatility", "0.86%");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(close(value(c), 0.8966, 0.0005), "{}", value(c));

    // SPDR sector ETFs on 2026-01-16 (close / previous close - 1):
    // XLI +0.6756, XLF +0.1287, XLP -0.3156, XLRE +1.2230 (adj), XLC -0.8949 (adj),
    // XLY -0.3260, XLV -0.7773, XLK +0.1100. Every figure in the seed is wrong.
    // The article is dated Saturday 2026-01-17: undated moves are Friday's.
    let sectors = [
        ("0.43%", "XLI", 0.6756),
        ("+0.30%", "XLF", 0.1287),
        ("+0.25%", "XLP", -0.3156),
        ("+0.18%", "XLRE", 1.2230),
        ("1.16%", "XLC", -0.8949),
        ("0.79%", "XLY", -0.3260),
        ("0.69%", "XLV", -0.7773),
        ("0.51%", "XLK", 0.1100),
    ];
    for (quote, symbol, truth) in sectors {
        let c = find(&r.claims, t, "daily_move", quote);
        assert_eq!(
            c.verdict,
            Verdict::Contradicted,
            "{quote}: {}",
            c.explanation
        );
        assert_eq!(c.subjects, [symbol], "{quote}");
        assert!(
            close(value(c), truth, 0.0006),
            "{quote}: {} vs {truth}",
            value(c)
        );
    }

    // Three cuts in late 2025 (announced 2025-09-17, 10-29, 12-10), not two.
    let c = find(&r.claims, t, "fed_count", "two");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(
        c.actual.as_deref().is_some_and(|a| a.starts_with('3')),
        "{:?}",
        c.actual
    );

    // "outperformed large-caps by an average of 2.85% annually since 1927":
    // the Russell data begin in 1987, so the claim is not decided.
    let c = find(&r.claims, t, "period_return", "2.85%");
    assert_eq!(c.verdict, Verdict::Unverifiable);
    assert!(c.explanation.contains("1927"), "{}", c.explanation);

    // What the data cannot decide is unverifiable, with the missing data named.
    for quote in ["approximately 72%", "17% and 22%", "near 31"] {
        let c = r
            .claims
            .iter()
            .find(|c| t[c.start..c.end].contains(quote))
            .unwrap_or_else(|| panic!("no claim quoting {quote}"));
        assert_eq!(c.verdict, Verdict::Unverifiable, "{quote}");
        assert!(c.explanation.contains("no "), "{}", c.explanation);
    }
    // Figures of another kind read as levels are far off the index's scale:
    // not contradicted, but left unverifiable, saying why.
    let c = find(&r.claims, t, "level", "of 18");
    assert_eq!(c.verdict, Verdict::Unverifiable, "{}", c.explanation);
    assert!(
        c.explanation.contains("not on the scale"),
        "{}",
        c.explanation
    );
    // No claim of the seed is contradicted on a misreading: every
    // contradiction above is one the Python truth confirms.
    let contradicted = r
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Contradicted)
        .count();
    assert_eq!(contradicted, 12, "{}", render(r, Format::Text));
}

#[test]
fn seed_003_claims_are_judged_right() {
    let Some(many) = both() else { return };
    let r = &many.reports[1];
    let t = &r.text;
    assert_eq!(r.as_of, model::parse_iso_date("2026-01-16"), "dateline");

    // Relative streak ending 2026-01-15 = 10 (2026-01-02..01-15); 9 was the length on 2026-01-14.
    let c = find(&r.claims, t, "streak", "9 consecutive trading sessions");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(close(value(c), 10.0, 0.0));
    // Longest since: the previous relative streak of >= 10 sessions ended 2008-06-06 (13 sessions), not 1990.
    let c = find(&r.claims, t, "since", "not seen since 1990");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(
        c.actual
            .as_deref()
            .is_some_and(|a| a.contains("2008-06-06")),
        "{:?}",
        c.actual
    );
    // The headline "9-Day Streak", as of 2026-01-16: 11.
    let c = find(&r.claims, t, "streak", "9-Day");
    assert_eq!(c.verdict, Verdict::Contradicted, "{}", c.explanation);
    assert!(close(value(c), 11.0, 0.0));

    // Three 25 bp cuts in September, October and December 2025; range 3.50%-3.75% on 2026-01-16.
    let c = r
        .claims
        .iter()
        .filter(|c| c.kind == "fed_count")
        .collect::<Vec<_>>();
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c.iter().all(|c| c.verdict == Verdict::Supported), "{c:?}");
    assert_eq!(
        find(&r.claims, t, "fed_range", "3.50%–3.75%").verdict,
        Verdict::Supported
    );

    // RUT YTD to 2026-01-16: 2677.74 / 2481.91 - 1 = +7.8903%, outside "5.8% to 7%".
    let c = find(&r.claims, t, "period_return", "5.8% to 7%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 7.8903, 0.001));
    // NDX YTD to 2026-01-16: +1.1066%, not -1.4%.
    let c = find(&r.claims, t, "period_return", "-1.4%");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(close(value(c), 1.1066, 0.001));

    for quote in ["roughly 18", "30%+", "to ~20%", "at 22"] {
        let c = r
            .claims
            .iter()
            .find(|c| t[c.start..c.end].contains(quote))
            .unwrap_or_else(|| panic!("no claim quoting {quote}"));
        assert_eq!(c.verdict, Verdict::Unverifiable, "{quote}");
    }
    // The conditional "unemployment spikes above 4.5%" is never judged.
    assert!(r
        .claims
        .iter()
        .filter(|c| t[c.start..c.end].contains("4.5%"))
        .all(|c| c.verdict == Verdict::Unverifiable));
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
            .any(|(k, d)| *k == "streak" && d.contains("\"11\"") && d.contains("\"9\"")),
        "{kinds:?}"
    );
    // Two vs three cuts in late 2025.
    assert!(
        kinds
            .iter()
            .any(|(k, d)| *k == "fed_count" && d.contains("\"2\"") && d.contains("\"3\"")),
        "{kinds:?}"
    );
    // Only these two: figures the reader left unread ("18 times forward
    // earnings", "at 22") conflict with nothing.
    assert_eq!(kinds.len(), 2, "{kinds:?}");
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
    assert_eq!(&r.text[r.claims[0].start..r.claims[0].end], "fell 9.5%");
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
