//! Integration tests of the daily brief on the real market data.
//!
//! Expected figures were computed independently with Python 3's csv module
//! from the files in `../shared/market-data` (scripts quoted in comments):
//! consolidated ^RUT = hjyssg_tqqq-simulation/^RUT.csv through 2024-08-02,
//! then heliar-k_market-base/RUT.csv; ^GSPC = guydekowski_market-lab/GSPC.csv.

use model::display::MONTHS;
use model::{Date, Fact, FactValue, Universe};
use report::{render, write_brief, Article, Format};
use serde_json::Value;
use std::collections::BTreeSet;

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid test date")
}

fn universe() -> Option<&'static Universe> {
    store::testing::shared_universe()
}

fn brief(u: &Universe, date: &str) -> Article {
    write_brief(u, Some(d(date))).expect("brief is written")
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn num(f: &Fact, name: &str) -> Option<f64> {
    f.detail(name).and_then(|x| x.value.as_f64())
}

fn date_detail(f: &Fact, name: &str) -> Option<Date> {
    f.detail(name).and_then(|x| x.value.as_date())
}

/// The article's Fact of `kind` about `subjects` (exact list).
fn fact<'a>(a: &'a Article, kind: &str, subjects: &[&str]) -> Vec<&'a Fact> {
    a.facts
        .iter()
        .filter(|f| {
            f.kind == kind
                && f.subjects
                    .iter()
                    .map(String::as_str)
                    .eq(subjects.iter().copied())
        })
        .collect()
}

#[test]
fn brief_2026_01_16_leads_with_the_small_cap_streak_and_its_figures() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-01-16");
    let md = render(&a, Format::Markdown);

    // Relative streak. Python: daily returns on the common ^RUT/^GSPC dates,
    // flag r_RUT > r_GSPC, runs of flags: the run ending 2026-01-16 has 11
    // sessions (2026-01-02..01-16); the last earlier run of >= 11 is
    // 2008-05-20..2008-06-06 (13 sessions). Six runs of >= 11 in all
    // (11, 11, 12, 12, 13, 16), counting the current one.
    let streak = fact(&a, "streak", &["^RUT", "^GSPC"]);
    let streak = streak.first().expect("the relative streak is cited");
    assert_eq!(streak.value, FactValue::Integer(11));
    assert_eq!(streak.window, Some((d("2026-01-02"), d("2026-01-16"))));
    assert_eq!(
        date_detail(streak, "longest_since_end"),
        Some(d("2008-06-06"))
    );
    assert_eq!(num(streak, "longest_since_len"), Some(13.0));
    assert!(
        a.title.contains("11") && a.title.contains("2008"),
        "{}",
        a.title
    );
    assert!(a.title.contains("Russell 2000") && a.title.contains("S&P 500"));
    assert!(md.contains("11 straight sessions"));
    assert!(md.contains("13-session streak that ended on June 6, 2008"));
    assert!(md.contains(
        "the Russell 2000 has beaten the S&P 500 for at least 11 sessions in a row 6 times"
    ));
    // The lead paragraph says what happened, the size of the move and what
    // has tended to follow, in regular sentences the checker can read.
    assert_eq!(
        a.lead,
        "The Russell 2000 beat the S&P 500 for 11 straight sessions through January 16, 2026, \
         the longest such run since a 13-session streak that ended on June 6, 2008 [1][2][3]. \
         The Russell 2000 rose 7.89% from the December 31, 2025 close to January 16, 2026, \
         while the S&P 500 rose 1.38% [2][3]. History offers a base rate, not a forecast: after \
         the 5 earlier runs in which the Russell 2000 beat the S&P 500 for 11 sessions in a row \
         since 1987, the Russell 2000 was higher 21 sessions later in 4 of 5 cases and 252 \
         sessions later in 1 of 5 cases [1][2][3]."
    );

    // Record close, not the intraday high. Python: close 2026-01-16 =
    // 2677.74 > max earlier close 2674.56 (2026-01-15); high 2692.23 >
    // max earlier high 2689.28.
    let rec = fact(&a, "record_close", &["^RUT"]);
    let rec = rec.first().expect("record close cited");
    assert_eq!(rec.value, FactValue::Bool(true));
    assert!(close(num(rec, "level").expect("level"), 2677.74, 1e-6));
    assert!(close(
        num(rec, "previous_record_level").expect("prev"),
        2674.56,
        1e-6
    ));
    assert_eq!(
        date_detail(rec, "previous_record_date"),
        Some(d("2026-01-15"))
    );
    assert!(md.contains("closed at a record 2,677.74 on January 16, 2026"));
    assert!(md.contains("topped the previous record close of 2,674.56 set on January 15, 2026"));
    let high = fact(&a, "record_high", &["^RUT"]);
    assert!(high
        .first()
        .is_some_and(|h| close(num(h, "level").unwrap_or(0.0), 2692.23, 1e-6)));
    assert!(md.contains("intraday high of 2,692.23"));

    // Window gain. Python: 2677.74 / 2481.91 (2025-12-31 close) - 1 =
    // 7.8903 %, +195.83 points; ^GSPC over the same window +1.3806 %.
    let rets = fact(&a, "return", &["^RUT"]);
    let win = rets
        .iter()
        .find(|f| f.window.is_some_and(|w| w.0 == d("2026-01-02")))
        .expect("window return cited");
    assert!(close(win.value.as_f64().expect("pct"), 7.8903, 5e-4));
    assert!(close(num(win, "points").expect("points"), 195.83, 1e-6));
    assert_eq!(date_detail(win, "base_date"), Some(d("2025-12-31")));
    assert!(md.contains("rose 7.89% from the December 31, 2025 close to January 16, 2026"));
    assert!(md.contains("while the S&P 500 rose 1.38%"));

    // Volatility. Python: statistics.stdev of the 11 daily returns
    // 2026-01-02..01-16 = 0.59855 %, against the past 252 sessions'.
    let vols = fact(&a, "volatility", &["^RUT"]);
    assert!(vols
        .iter()
        .any(|f| close(f.value.as_f64().unwrap_or(0.0), 0.59855, 1e-4)));
    assert!(md.contains(
        "The standard deviation of the Russell 2000's daily returns was 0.60% over the past 11 sessions."
    ));

    // Sector and style moves on the day. Python: close/prev close - 1 from
    // guydekowski (XLI, XLE, XLV) and dsturdy (XLRE, XLC, XLB, IJS) files.
    // The sector paragraph prints them from one cross-section Fact (one
    // citation run); the cards print the funds' own daily-move Facts.
    let cs = a
        .facts
        .iter()
        .find(|f| f.kind == "cross_section")
        .expect("the sector cross-section is cited");
    for (sym, want) in [
        ("XLRE", 1.2230),
        ("XLI", 0.6756),
        ("XLE", 0.1680),
        ("XLC", -0.8949),
        ("XLV", -0.7773),
        ("XLB", -0.5719),
    ] {
        let got = num(cs, &format!("return_pct.{sym}")).unwrap_or(f64::NAN);
        assert!(close(got, want, 5e-4), "{sym}: {got} vs {want}");
    }
    for (sym, want) in [
        ("XLRE", 1.2230),
        ("XLC", -0.8949),
        ("IJS", -0.5303),
        ("IWM", 0.0942),
    ] {
        let m = fact(&a, "daily_move", &[sym]);
        let got = m.first().and_then(|f| f.value.as_f64()).unwrap_or(f64::NAN);
        assert!(close(got, want, 5e-4), "{sym}: {got} vs {want}");
    }
    assert!(md.contains(
        "The real estate fund XLRE rose 1.22% and led, while the communication services fund XLC fell 0.89% and lagged"
    ));
    assert!(md.contains("On January 16, 2026, 5 of 11 sector funds rose and 6 fell."));

    // Fed path. Python over rates.csv: DFEDTARU/DFEDTARL change on
    // 2025-09-18, 10-30, 12-11 (announced the day before), each -25 bp,
    // to 3.50-3.75.
    let fed = fact(&a, "rate_decisions", &["DFEDTARU", "DFEDTARL"]);
    let fed = fed.first().expect("rate path cited");
    assert_eq!(fed.value, FactValue::Integer(3));
    for (k, day) in [(1, "2025-09-17"), (2, "2025-10-29"), (3, "2025-12-10")] {
        assert_eq!(
            date_detail(fed, &format!("decision{k:02}_date")),
            Some(d(day))
        );
        assert_eq!(num(fed, &format!("decision{k:02}_bp")), Some(-25.0));
    }
    assert!(md.contains("cut rates 3 times"));
    assert!(md.contains("the federal funds target range was 3.50–3.75% on January 16, 2026"));
    assert!(md.contains(
        "cuts of 25 basis points each came on September 17, 2025, October 29, 2025 and December 10, 2025"
    ));

    // Size premium. Python over Portfolios_Formed_on_ME.CSV (Lo 30 vs Hi 30,
    // 1926-07..2024-06): 1057 rolling 120-month windows, Lo 30 compounded
    // more in 727 (68.78 %); whole-span geometric annual difference 1.4205
    // points, arithmetic (mean monthly difference x 12) 3.4884.
    let base = fact(&a, "base_rate", &["FF_ME_LO30", "FF_ME_HI30"]);
    let base = base.first().expect("base rate cited");
    assert!(close(base.value.as_f64().expect("share"), 68.7796, 1e-3));
    assert_eq!(num(base, "n_windows"), Some(1057.0));
    assert_eq!(num(base, "n_a_wins"), Some(727.0));
    assert!(close(
        num(base, "geometric_diff_pct").expect("geo"),
        1.4205,
        1e-3
    ));
    assert!(close(
        num(base, "arithmetic_diff_pct").expect("arith"),
        3.4884,
        1e-3
    ));
    assert!(md.contains("68.8% of the 1,057 rolling 10-year windows"));
    // The window is printed as the Fact states it: `window_years` = 10
    // (the query's 10 years, 120 months).
    assert_eq!(num(base, "window_years"), Some(10.0));
    assert_eq!(num(base, "window_months"), Some(120.0));
    assert!(!md.contains("120-month"), "one wording of the window");

    // Event study, a base rate after earlier runs of >= 11 sessions of
    // ^RUT beating ^GSPC. Python (csv module, consolidated ^RUT as above):
    // on the common sessions flag r_RUT > r_GSPC; an occurrence is the
    // session on which a run first reaches 11, the current run (from
    // 2026-01-02) excluded: 1991-02-04, 1996-04-30, 2000-06-09, 2001-12-17,
    // 2008-06-04. Forward return over h sessions of ^RUT's own calendar,
    // close[i + h] / close[i] - 1, kept when i + h <= 2026-01-16:
    //   h    n  median %   mean %   hit %
    //   21   5   1.2771    1.5016   80
    //   63   5   2.4166    2.6943   60
    //   126  5  -3.5463   -8.3823   20
    //   252  5  -3.0838   -2.6665   20
    // ^GSPC over the same sessions: medians 1.6425, 1.5418, -7.7834,
    // -13.9030 (hit 80, 60, 40, 40).
    let es = fact(&a, "event_study", &["^RUT", "^GSPC"]);
    let es = es.first().expect("event study cited");
    assert_eq!(es.value, FactValue::Integer(5));
    for (k, day) in [
        (1, "1991-02-04"),
        (2, "1996-04-30"),
        (3, "2000-06-09"),
        (4, "2001-12-17"),
        (5, "2008-06-04"),
    ] {
        assert_eq!(date_detail(es, &format!("occurrence{k:02}")), Some(d(day)));
    }
    for (h, median, mean, hit) in [
        (21, 1.2771, 1.5016, 80.0),
        (63, 2.4166, 2.6943, 60.0),
        (126, -3.5463, -8.3823, 20.0),
        (252, -3.0838, -2.6665, 20.0),
    ] {
        assert_eq!(num(es, &format!("fwd{h}_n")), Some(5.0), "n at {h}");
        // The horizon is a detail value of its own, in sessions.
        assert_eq!(num(es, &format!("fwd{h}_sessions")), Some(f64::from(h)));
        let got = |k: &str| num(es, &format!("fwd{h}_{k}")).unwrap_or(f64::NAN);
        assert!(close(got("median_pct"), median, 1e-4), "median at {h}");
        assert!(close(got("mean_pct"), mean, 1e-4), "mean at {h}");
        assert!(close(got("hit_pct"), hit, 1e-9), "hit rate at {h}");
    }
    let es_b = fact(&a, "event_study", &["^GSPC", "^RUT"]);
    let es_b = es_b.first().expect("benchmark event study cited");
    for (h, median) in [(21, 1.6425), (63, 1.5418), (126, -7.7834), (252, -13.9030)] {
        let got = num(es_b, &format!("fwd{h}_median_pct")).unwrap_or(f64::NAN);
        assert!(close(got, median, 1e-4), "S&P 500 median at {h}: {got}");
    }
    assert!(md.contains("hold 5 earlier runs of 11 sessions or more, on February 4, 1991, April 30, 1996, June 9, 2000, December 17, 2001 and June 4, 2008"));
    // Small samples as counts ("4 of 5"), never "80.0% of 5 cases".
    assert!(md.contains("the Russell 2000's median return over the next 21 sessions, about a month, was +1.28%, and the Russell 2000 was higher in 4 of 5 cases"));
    assert!(md.contains("The Russell 2000's median return over the next 63 sessions, about three months, was +2.42%, and the Russell 2000 was higher in 3 of 5 cases"));
    assert!(md.contains("over the next 126 sessions, about six months, was -3.55%, and the Russell 2000 was higher in 1 of 5 cases"));
    assert!(md.contains("over the next 252 sessions, about a year, was -3.08%, and the Russell 2000 was higher in 1 of 5 cases"));
    assert!(!md.contains("% of 5 cases"), "{md}");
    assert!(md.contains("That is a small sample of 5 cases"));
    assert!(md.contains("-13.90% over the next 252 sessions"));
    assert!(md.contains("History offers a base rate, not a forecast"));
    for (h, k) in [(21, 4.0), (63, 3.0), (126, 1.0), (252, 1.0)] {
        assert_eq!(
            num(es, &format!("fwd{h}_n_higher")),
            Some(k),
            "n higher at {h}"
        );
    }
    // Unconditional base rate. Python: every 252-session window of ^RUT
    // 1987-09-10..2026-01-16: n = 9410, median +10.1724 %, 70.69 % higher.
    assert_eq!(num(es, "fwd252_all_n"), Some(9410.0));
    assert!(close(
        num(es, "fwd252_all_median_pct").unwrap_or(f64::NAN),
        10.1724,
        1e-4
    ));
    assert!(close(
        num(es, "fwd252_all_hit_pct").unwrap_or(f64::NAN),
        70.6908,
        1e-3
    ));
    assert!(md.contains("across all 9,410 windows of 252 sessions since September 10, 1987, the Russell 2000's median return was +10.17% and the Russell 2000 was higher in 70.7% of them"));

    // What followed the 2008 streak. Python: ^RUT close 2008-07-08 /
    // 2008-06-06 - 1 = -7.787 %; ^GSPC -6.392 %.
    assert!(md.contains("the Russell 2000 fell 7.79% from the June 6, 2008 close to July 8, 2008, while the S&P 500 fell 6.39%"));

    // Anatomy.
    assert_eq!(a.sentiment.label.as_str(), "Mixed");
    assert!(a.tags.iter().any(|t| t == "#small_cap_analysis"));
    // The store has IWM only as dividend-adjusted closes (guydekowski
    // IWM.csv, priority 10: 265.2881164550781 on 2026-01-16), restated with
    // later dividends: the "last" price says so (issue 12), on every date
    // alike, whether or not the file runs on after it.
    let iwm = a
        .related
        .iter()
        .find(|r| r.symbol == "IWM")
        .expect("IWM is related");
    assert_eq!(
        iwm.last.as_ref().map(|l| l.text.as_str()),
        Some("265.29 (dividend-adjusted close)")
    );
    assert!(md.contains("| 265.29 (dividend-adjusted close) ["), "{md}");
    // Every card shows the day's change (a Fact) and a sparkline.
    assert_eq!(iwm.change.as_ref().map(|c| c.text.as_str()), Some("+0.09%"));
    for r in &a.related {
        let c = r.change.as_ref().expect("a day's change on every card");
        assert!(a.facts.iter().any(|f| f.id == c.fact), "{}", r.symbol);
        assert!(r
            .spark
            .as_deref()
            .is_some_and(|s| s.starts_with("<svg class=\"spark\"")));
    }
    assert!(a.topics.iter().all(|t| t.ends_with('?')));
    assert!(a
        .topics
        .iter()
        .any(|t| t.contains("How long has the Russell 2000 beaten the S&P 500")));
    assert!(!a.gaps.is_empty(), "missing data is named");
    assert!(a.charts.iter().any(|c| c.id == "relative-strength"));
}

#[test]
fn other_regimes_lead_with_their_own_stories() {
    let Some(u) = universe() else { return };
    let cases = [
        ("1987-10-19", ["S&P 500", "20.47%", "on record"]),
        ("2008-10-10", ["VIX", "69.95", "record"]),
        ("2020-03-16", ["S&P 500", "11.98%", "since 1987"]),
        ("2022-06-16", ["S&P 500", "bear market", "23.55%"]),
        ("2024-11-06", ["S&P 500", "2.53%", "since 2022"]),
        (
            "2026-08-21",
            ["Markets on August 21, 2026", "S&P 500", "0.43%"],
        ),
    ];
    let mut titles = BTreeSet::new();
    for (date, needles) in cases {
        let a = brief(u, date);
        for n in needles {
            assert!(a.title.contains(n), "{date}: {:?} lacks {n:?}", a.title);
        }
        assert!(titles.insert(a.title.clone()), "titles differ");
        assert!(!a.sections.is_empty() && !a.facts.is_empty() && !a.sources.is_empty());
    }
}

// ---- every number comes from a Fact -----------------------------------

/// Numbers and ISO dates anywhere in the Facts' JSON (values, details,
/// windows, inputs), except method versions and source ids. Detail names
/// are not read: a number counts only as a value.
fn fact_values(json: &Value) -> (Vec<f64>, BTreeSet<Date>) {
    fn walk(v: &Value, key: &str, nums: &mut Vec<f64>, dates: &mut BTreeSet<Date>) {
        match v {
            Value::Number(n) if key != "version" && key != "source" => {
                nums.extend(n.as_f64());
            }
            Value::String(s) => {
                if let Some(x) = model::parse_iso_date(s) {
                    dates.insert(x);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, key, nums, dates)),
            Value::Object(map) => {
                for (k, i) in map {
                    walk(i, k, nums, dates);
                }
            }
            _ => {}
        }
    }
    let (mut nums, mut dates) = (Vec::new(), BTreeSet::new());
    if let Some(facts) = json.get("facts") {
        walk(facts, "", &mut nums, &mut dates);
    }
    (nums, dates)
}

/// The values and dates of the Facts with the given ids only.
fn values_of(json: &Value, ids: &[&str]) -> (Vec<f64>, BTreeSet<Date>) {
    let picked: Vec<Value> = json["facts"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter(|f| f["id"].as_str().is_some_and(|id| ids.contains(&id)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    fact_values(&serde_json::json!({ "facts": picked }))
}

/// Every printed text of the JSON with the Fact ids it says it prints:
/// (where, text, ids).
fn texts_with_facts(json: &Value) -> Vec<(String, String, Vec<String>)> {
    fn ids(v: &Value) -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }
    let mut out = Vec::new();
    let mut list = |what: &str, texts: &Value, facts: &Value| {
        let texts = texts.as_array().cloned().unwrap_or_default();
        let facts = facts.as_array().cloned().unwrap_or_default();
        assert_eq!(texts.len(), facts.len(), "{what}: one fact list per text");
        for (i, (t, f)) in texts.iter().zip(&facts).enumerate() {
            out.push((
                format!("{what}[{i}]"),
                t.as_str().unwrap_or_default().to_string(),
                ids(f),
            ));
        }
    };
    list(
        "lead",
        &Value::Array(vec![json["lead"].clone()]),
        &Value::Array(vec![json["lead_facts"].clone()]),
    );
    list("key_points", &json["key_points"], &json["key_point_facts"]);
    list("risks", &json["risks"], &json["risk_facts"]);
    list(
        "opportunities",
        &json["opportunities"],
        &json["opportunity_facts"],
    );
    list("summary", &json["summary"], &json["summary_facts"]);
    list(
        "sentiment.reasons",
        &json["sentiment"]["reasons"],
        &json["sentiment"]["reason_facts"],
    );
    for (k, s) in json["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        list(
            &format!("sections[{k}].paragraphs"),
            &s["paragraphs"],
            &s["paragraph_facts"],
        );
    }
    out.push((
        "title".into(),
        json["title"].as_str().unwrap_or_default().to_string(),
        ids(&json["title_facts"]),
    ));
    for (k, r) in json["related"].as_array().into_iter().flatten().enumerate() {
        out.push((
            format!("related[{k}].why"),
            r["why"].as_str().unwrap_or_default().to_string(),
            ids(&r["why_facts"]),
        ));
    }
    out
}

/// Checks each printed text against the Facts that text references (not
/// the whole article's). Returns (where, offending token).
fn unexplained_by_text(json: &Value) -> Vec<(String, String)> {
    let mut bad = Vec::new();
    for (what, text, ids) in texts_with_facts(json) {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let (nums, dates) = values_of(json, &ids);
        for t in unexplained(&text, &nums, &dates) {
            bad.push((what.clone(), t));
        }
    }
    bad
}

/// Checks every number in the Markdown body against the Facts. Returns the
/// offending tokens.
fn unexplained_numbers(md: &str, json: &Value) -> Vec<String> {
    let (nums, dates) = fact_values(json);
    // The appendix (source paths, commit ids, method versions) is not prose.
    let body = md.split("\n## Sources").next().unwrap_or(md);
    let mut text = String::new();
    for line in body.lines() {
        // The note on a non-session date restates the user's request.
        if line.starts_with("> Note:") {
            continue;
        }
        // Section numbering "## 3. Heading" is layout, not a claim.
        let line = match line.strip_prefix("## ") {
            Some(rest) => rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(". "),
            None => line,
        };
        text.push_str(line);
        text.push('\n');
    }
    unexplained(&text, &nums, &dates)
}

/// The numbers and dates of `text` that match none of `nums`/`dates`: a
/// number printed with a sign must match a value with that sign; an
/// unsigned one may match either sign (prose says "fell 2%"). Matching is
/// at the printed precision.
fn unexplained(text: &str, nums: &[f64], dates: &BTreeSet<Date>) -> Vec<String> {
    let years: BTreeSet<i32> = dates.iter().map(chrono::Datelike::year).collect();
    let months: BTreeSet<(i32, u32)> = dates
        .iter()
        .map(|x| (chrono::Datelike::year(x), chrono::Datelike::month(x)))
        .collect();
    // Citation markers [n].
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(']') {
            Some(j) if j > 0 && after[..j].chars().all(|c| c.is_ascii_digit()) => {
                rest = &after[j + 1..]
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let mut text = out;
    // Instrument names and aliases from the registry ("Russell 2000").
    let reg = model::Registry::builtin().expect("registry");
    let mut names: Vec<String> = reg
        .instruments()
        .iter()
        .flat_map(|i| std::iter::once(i.name.clone()).chain(i.aliases.iter().cloned()))
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in &names {
        text = text.replace(n.as_str(), " NAME ");
        text = text.replace(n.to_lowercase().as_str(), " NAME ");
    }
    let mut bad = Vec::new();
    // Dates: "Month D, YYYY", "Month D" and "Month YYYY", and ISO dates.
    let chars: Vec<char> = text.chars().collect();
    let s: String = chars.iter().collect();
    let mut cleaned = s.clone();
    for (mi, m) in MONTHS.iter().enumerate() {
        let mut from = 0;
        while let Some(pos) = s[from..].find(m) {
            let start = from + pos;
            let tail = &s[start + m.len()..];
            from = start + m.len();
            let t = tail.trim_start_matches(' ');
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                continue;
            }
            let n: u32 = digits.parse().unwrap_or(0);
            let after = &t[digits.len()..];
            let (matched, ok) = if n >= 1000 {
                // Month YYYY
                (
                    format!("{m} {digits}"),
                    months.contains(&(n as i32, mi as u32 + 1)),
                )
            } else if let Some(y) = after
                .strip_prefix(", ")
                .and_then(|r| r.get(..4))
                .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
            {
                let date = Date::from_ymd_opt(y.parse().unwrap_or(0), mi as u32 + 1, n);
                (
                    format!("{m} {digits}, {y}"),
                    date.is_some_and(|x| dates.contains(&x)),
                )
            } else {
                // Month D without a year: same month and day as a Fact date.
                let ok = dates.iter().any(|x| {
                    chrono::Datelike::month(x) == mi as u32 + 1 && chrono::Datelike::day(x) == n
                });
                (format!("{m} {digits}"), ok)
            };
            if !ok {
                bad.push(matched.clone());
            }
            cleaned = cleaned.replacen(&matched, " DATE ", 1);
        }
    }
    let text = cleaned;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            let prev = if i == 0 { b' ' } else { b[i - 1] };
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_digit() || b[j] == b',' || b[j] == b'.' || b[j] == b'-')
            {
                j += 1;
            }
            let next = if j < b.len() { b[j] } else { b' ' };
            let token = text[i..j].trim_end_matches([',', '.', '-']).to_string();
            i = j;
            // Digits glued to letters are identifiers (FF_ME_LO30, PE10, #russell_2000).
            if prev.is_ascii_alphabetic()
                || prev == b'_'
                || prev == b'^'
                || next.is_ascii_alphabetic()
                || next == b'_'
            {
                continue;
            }
            // ISO date.
            if token.len() == 10 && token.as_bytes()[4] == b'-' {
                if !model::parse_iso_date(&token).is_some_and(|x| dates.contains(&x)) {
                    bad.push(token);
                }
                continue;
            }
            let plain = token.replace(',', "");
            let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len());
            let Ok(x) = plain.parse::<f64>() else {
                bad.push(token);
                continue;
            };
            let tol = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
            // A sign printed right before the number (not a hyphen in a word).
            let sign = match (prev, start.checked_sub(2).map(|k| b[k])) {
                (b'-', before) if !before.is_some_and(|c| c.is_ascii_alphanumeric()) => -1.0,
                (b'+', _) => 1.0,
                _ => 0.0,
            };
            let from_fact = nums.iter().any(|v| {
                if sign == 0.0 {
                    (v.abs() - x).abs() <= tol
                } else {
                    (v - sign * x).abs() <= tol && (x == 0.0 || v.signum() == sign)
                }
            });
            let is_year = decimals == 0 && !token.contains(',') && years.contains(&(x as i32));
            if !from_fact && !is_year {
                bad.push(token);
            }
        } else {
            i += 1;
        }
    }
    bad
}

#[test]
fn every_number_in_the_markdown_comes_from_a_fact() {
    let Some(u) = universe() else { return };
    for date in [
        "2026-01-16",
        "1987-10-19",
        "2008-10-10",
        "2020-03-16",
        "2022-06-16",
        "2024-11-06",
        "2026-08-21",
    ] {
        let a = brief(u, date);
        let md = render(&a, Format::Markdown);
        let json: Value = serde_json::from_str(&render(&a, Format::Json)).expect("valid JSON");
        let bad = unexplained_numbers(&md, &json);
        assert!(bad.is_empty(), "{date}: numbers not from a Fact: {bad:?}");
        let bad = unexplained_by_text(&json);
        assert!(
            bad.is_empty(),
            "{date}: numbers not from a Fact the text references: {bad:?}"
        );
        assert!(
            !render(&a, Format::Json).contains('\u{E000}'),
            "{date}: a provenance tag leaked"
        );
    }
}

#[test]
fn the_per_text_check_catches_a_number_from_another_paragraph() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-01-16");
    let mut json: Value = serde_json::from_str(&render(&a, Format::Json)).expect("valid JSON");
    assert!(unexplained_by_text(&json).is_empty());
    // Dropping a key point's references leaves its numbers unexplained,
    // although other texts' Facts still hold them.
    json["key_point_facts"][0] = serde_json::json!([]);
    let bad = unexplained_by_text(&json);
    assert!(bad.iter().any(|(w, _)| w == "key_points[0]"), "{bad:?}");
    // Signs: a signed number must match the value's sign; an unsigned one
    // matches either ("fell 5.00%").
    let none = BTreeSet::new();
    assert_eq!(unexplained("up +5.00% today", &[-5.0], &none), ["5.00"]);
    assert!(unexplained("down -5.00% today", &[-5.0], &none).is_empty());
    assert!(unexplained("fell 5.00% today", &[-5.0], &none).is_empty());
    assert_eq!(unexplained("down -5.00% today", &[5.0], &none), ["5.00"]);
}

#[test]
fn the_number_check_catches_an_invented_figure() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-01-16");
    let json: Value = serde_json::from_str(&render(&a, Format::Json)).expect("valid JSON");
    let invented = "Small caps trade at 18.37 times earnings, up 12.345% since March 3, 1999.\n";
    let md = render(&a, Format::Markdown).replacen(
        "\n## Sources",
        &format!("\n{invented}\n## Sources"),
        1,
    );
    let bad = unexplained_numbers(&md, &json);
    assert!(bad.contains(&"18.37".to_string()), "{bad:?}");
    assert!(bad.contains(&"12.345".to_string()), "{bad:?}");
    assert!(bad.contains(&"March 3, 1999".to_string()), "{bad:?}");
}

// ---- formats --------------------------------------------------------------

#[test]
fn json_has_the_documented_shape_and_html_is_self_contained() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-01-16");
    let json: Value = serde_json::from_str(&render(&a, Format::Json)).expect("valid JSON");
    for key in [
        "title",
        "date",
        "tags",
        "sentiment",
        "related",
        "key_points",
        "sections",
        "charts",
        "facts",
        "sources",
        "topics",
    ] {
        assert!(json.get(key).is_some(), "JSON lacks {key}");
    }
    assert_eq!(json["date"], "2026-01-16");
    assert!(json["sentiment"]["label"].is_string() && json["sentiment"]["reasons"].is_array());
    let rel = &json["related"][0];
    for key in ["symbol", "role", "why", "last"] {
        assert!(rel.get(key).is_some(), "related lacks {key}");
    }
    assert!(
        json["sections"][0]["heading"].is_string() && json["sections"][0]["paragraphs"].is_array()
    );
    // Every [n] cites a listed source, and every fact id is unique.
    let n_sources = a.sources.len();
    let md = render(&a, Format::Markdown);
    for piece in md.split('[').skip(1) {
        if let Some((n, _)) = piece.split_once(']') {
            if let Ok(n) = n.parse::<usize>() {
                assert!((1..=n_sources).contains(&n), "citation [{n}] has no source");
            }
        }
    }
    let ids: BTreeSet<&str> = a.facts.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), a.facts.len());
    for r in &a.related {
        if let Some(l) = &r.last {
            assert!(
                ids.contains(l.fact.as_str()),
                "related {} cites a missing fact",
                r.symbol
            );
        }
    }

    let html = render(&a, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external URL"
    );
    assert!(!html.contains("<script") && !html.contains("<link"));
    assert_eq!(
        html.matches("<svg").count() - html.matches("<svg class=\"spark\"").count(),
        a.charts.len()
    );
    assert_eq!(
        html.matches("<svg class=\"spark\"").count(),
        a.related.len(),
        "one sparkline per ticker card"
    );
    assert!(
        html.contains("S&amp;P 500") && !html.contains("S&P 500"),
        "text is escaped"
    );
    assert!(html.contains("name=\"viewport\""));
}

// ---- snapshots ------------------------------------------------------------

#[test]
fn markdown_snapshots_stay_stable() {
    let Some(u) = universe() else { return };
    let cases = [
        (
            "2026-01-16",
            expect_test::expect_file!["snapshots/brief-2026-01-16.md"],
        ),
        (
            "1987-10-19",
            expect_test::expect_file!["snapshots/brief-1987-10-19.md"],
        ),
        (
            "2008-10-10",
            expect_test::expect_file!["snapshots/brief-2008-10-10.md"],
        ),
        (
            "2020-03-16",
            expect_test::expect_file!["snapshots/brief-2020-03-16.md"],
        ),
        (
            "2022-06-16",
            expect_test::expect_file!["snapshots/brief-2022-06-16.md"],
        ),
        (
            "2024-11-06",
            expect_test::expect_file!["snapshots/brief-2024-11-06.md"],
        ),
        (
            "2026-08-21",
            expect_test::expect_file!["snapshots/brief-2026-08-21.md"],
        ),
    ];
    for (date, expect) in cases {
        expect.assert_eq(&render(&brief(u, date), Format::Markdown));
    }
}

#[test]
fn default_date_is_the_latest_session_and_bad_dates_error() {
    let Some(u) = universe() else { return };
    let a = write_brief(u, None).expect("latest brief");
    assert_eq!(a.date, d("2026-08-21"));
    // A Saturday means the Friday before.
    assert_eq!(brief(u, "2026-01-17").date, d("2026-01-16"));
    assert!(write_brief(u, Some(d("1900-01-01"))).is_err());
}

// ---- headlines say only what holds on the day -------------------------------

#[test]
fn headlines_say_only_what_holds_on_the_day() {
    let Some(u) = universe() else { return };
    // tests/python/headlines.py (output kept in headlines.out): on
    // 2026-08-04 the Nasdaq 100 closed 3.024858 % below its 2026-06-02 peak
    // (it had first closed 10 % below on 2026-07-29), and the S&P 500 rose
    // 1.7896 %, its best session since 2026-04-08; on 2008-07-10 the S&P 500
    // closed 19.918858 % below its 2007-10-09 peak of 1,565.15 (first 20 %
    // below on 2008-07-09) and rose 0.6990 %, best since 2008-07-08. Both
    // indices had crossed the threshold days before but were back above it,
    // so neither headline may say "in a correction" / "in a bear market".
    let a = brief(u, "2026-08-04");
    assert_eq!(
        a.title,
        "The S&P 500 rose 1.79%, its best day since April 8"
    );
    let md = render(&a, Format::Markdown);
    assert!(!md.contains("is in a correction"), "{md}");
    // "since" the previous session says nothing.
    assert!(!md.contains("since August 3, 2026"), "{md}");
    let a = brief(u, "2008-07-10");
    // Best since July 8, two sessions back: no "since" at all (issue 15).
    assert_eq!(a.title, "Markets on July 10, 2008: the S&P 500 rose 0.70%");
    let dd = fact(&a, "drawdown", &["^GSPC"]);
    let dd = dd.first().expect("the S&P 500's drawdown is in the brief");
    assert!(close(
        dd.value.as_f64().unwrap_or(f64::NAN),
        -19.918858,
        1e-6
    ));
    assert_eq!(date_detail(dd, "peak_date"), Some(d("2007-10-09")));
    assert_eq!(date_detail(dd, "bear_start"), Some(d("2008-07-09")));
    assert_eq!(
        dd.detail("in_bear_market").map(|x| &x.value),
        Some(&FactValue::Bool(false))
    );
    let md = render(&a, Format::Markdown);
    assert!(!md.contains("is in a bear market"), "{md}");
    // 2008-07-17: +1.2013 %, best since 07-16, the previous session: no
    // "since" clause at all.
    let a = brief(u, "2008-07-17");
    assert_eq!(a.title, "Markets on July 17, 2008: the S&P 500 rose 1.20%");
    // Verb forms in a Fed headline: the 75 bp hike of 2022-06-15 (FRED:
    // 0.75–1.00 on 06-15, 1.50–1.75 on 06-16).
    let a = brief(u, "2022-06-22");
    assert_eq!(
        a.title,
        "The Fed raises rates by 75 basis points to 1.50–1.75%"
    );
}

/// The kept derivation of the figures above still prints its kept output.
#[test]
fn the_kept_script_reproduces_its_output() {
    store::testing::check_kept_script(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/headlines.py"),
    );
}

// ---- issue 15: an editor's brief --------------------------------------------

/// The body of the Markdown an editor reads: from the title to the charts
/// list, without the related-tickers table (a table of data) and the title
/// (a headline may restate the lead's figure).
fn prose(md: &str) -> String {
    let body = md.split("\n## Charts").next().unwrap_or(md);
    body.lines()
        .filter(|l| !l.starts_with('|') && !l.starts_with("# "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decimal figures (`7.89%`, `2,677.74`) in `text`, with their counts.
fn figure_counts(text: &str) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
                i += 1;
            }
            let tok = text[start..i].trim_end_matches([',', '.']);
            if tok.contains('.') {
                *out.entry(tok.to_string()).or_insert(0) += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn regression_issue15_each_figure_is_printed_at_most_twice() {
    let Some(u) = universe() else { return };
    for date in ["2026-01-16", "2026-08-21", "2020-03-16", "2022-06-16"] {
        let md = render(&brief(u, date), Format::Markdown);
        let over: Vec<(String, usize)> = figure_counts(&prose(&md))
            .into_iter()
            .filter(|(_, n)| *n > 2)
            .collect();
        assert!(over.is_empty(), "{date}: figures repeated: {over:?}\n{md}");
    }
    // The window return of the 2026-01-16 lead, 7.89%, four times before.
    let md = render(&brief(u, "2026-01-16"), Format::Markdown);
    assert_eq!(figure_counts(&prose(&md)).get("7.89"), Some(&1));
}

#[test]
fn regression_issue15_small_samples_print_as_counts() {
    let Some(u) = universe() else { return };
    for date in ["2026-01-16", "2020-03-16", "2022-06-16", "2024-11-06"] {
        let md = render(&brief(u, date), Format::Markdown);
        for n in 1..=20 {
            for bad in [format!("% of {n} case"), format!("% of the {n} case")] {
                assert!(!md.contains(&bad), "{date}: {bad:?} in\n{md}");
            }
        }
        assert!(
            !md.contains(" 1 cases") && !md.contains(" 1 sessions"),
            "{date}"
        );
    }
    // 11 bear-market starts (2022-06-16): "8 of 11", not "72.7% of 11".
    let md = render(&brief(u, "2022-06-16"), Format::Markdown);
    assert!(md.contains("higher in 8 of 11 cases"), "{md}");
}

#[test]
fn regression_issue15_stale_values_are_dated_and_missing_ones_named() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-08-21");
    let md = render(&a, Format::Markdown);
    // heliar-k rates.csv: DGS10 4.69 on 2026-08-20, published the next day.
    assert!(md.contains(
        "The 10-year Treasury yield was 4.69% on August 20, 2026, the latest reading published by August 21, 2026"
    ), "{md}");
    // XLB, XLC and XLRE (dsturdy) end on 2026-08-03: named, not dropped.
    assert!(md.contains(
        "Left out: the sector funds XLB, XLC and XLRE had no close on August 21, 2026; their last close in the store is from August 3, 2026"
    ), "{md}");
    assert!(md.contains("6 of 8 sector funds rose and 2 fell"));
    // Shiller's CAPE ends in September 2023: a gap, not a valuation section.
    assert!(!a.sections.iter().any(|s| s.heading == "Valuation"), "{md}");
    assert!(a.gaps.iter().any(|g| g.topic == "Valuation"
        && g.needs
            .contains("the store's latest Shiller CAPE is for September 2023")));
    // A fresh CAPE still gets its section (2008: September 2008, published).
    let a = brief(u, "2008-10-10");
    assert!(a.sections.iter().any(|s| s.heading == "Valuation"));
}

#[test]
fn regression_issue15_since_only_past_a_meaningful_horizon() {
    let Some(u) = universe() else { return };
    // 2026-08-21: best day since August 13 (6 sessions back): no "since".
    let a = brief(u, "2026-08-21");
    let md = render(&a, Format::Markdown);
    assert!(!md.contains("since August 13"), "{md}");
    // 2026-01-20, a down day: no "highest since" the session before.
    let md = render(&brief(u, "2026-01-20"), Format::Markdown);
    assert!(!md.contains("since January 16, 2026"), "{md}");
}

#[test]
fn regression_issue15_phrasing() {
    let Some(u) = universe() else { return };
    for date in [
        "2026-01-16",
        "2026-08-21",
        "1987-10-19",
        "2022-06-16",
        "2022-06-22",
    ] {
        let a = brief(u, date);
        let md = render(&a, Format::Markdown);
        for bad in [
            " 1 sessions",
            "1st-largest",
            "large-cap value",
            "The Gold",
            "The IWM",
            "The SPY",
            "Counting this one, The",
            " .",
        ] {
            assert!(!md.contains(bad), "{date}: {bad:?} in\n{md}");
        }
        // A negative median is never an opportunity.
        for o in &a.opportunities {
            assert!(!o.contains("median of -"), "{date}: {o}");
        }
        // Every brief weighs both sides.
        assert!(!a.risks.is_empty(), "{date}: no risks");
    }
    let a = brief(u, "2026-08-21");
    assert!(!a.opportunities.is_empty());
    // DIA is labelled by the index it tracks.
    let md = render(&brief(u, "2022-06-16"), Format::Markdown);
    assert!(md.contains("the large-cap fund DIA"), "{md}");
}

#[test]
fn regression_issue15_a_non_session_date_says_which_session_it_shows() {
    let Some(u) = universe() else { return };
    let a = brief(u, "2026-01-18");
    assert_eq!(a.date, d("2026-01-16"));
    assert_eq!(
        a.session_note.as_deref(),
        Some("January 18, 2026 was a Sunday, not a trading session; this brief covers the last session before it, January 16, 2026.")
    );
    let a = brief(u, "2026-01-19");
    assert_eq!(
        a.session_note.as_deref(),
        Some("January 19, 2026 was an exchange holiday (Martin Luther King Jr. Day), not a trading session; this brief covers the last session before it, January 16, 2026.")
    );
    let md = render(&a, Format::Markdown);
    assert!(md.contains("> Note: January 19, 2026 was an exchange holiday"));
    assert!(brief(u, "2026-01-16").session_note.is_none());
}
