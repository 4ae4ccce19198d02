//! The HTML brief: stable snapshots, self-contained (no external URL, no
//! script), accessible charts (every SVG has a `<title>` and axis labels),
//! and every piece of text escaped — including text that reaches the page
//! from the data (a source path) and from every field of an Article.

use model::{Date, Field, SeriesKey, SourceId, SourceInfo, Universe};
use report::{render, write_brief, Article, Format};

const DATES: [&str; 7] = [
    "2026-01-16",
    "1987-10-19",
    "2008-10-10",
    "2020-03-16",
    "2022-06-16",
    "2024-11-06",
    "2026-08-21",
];

const HOSTILE: &str = "<script>alert(1)</script>\"'&";
const HOSTILE_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid test date")
}

/// Checks a rendered page; returns what is wrong with it.
fn problems(html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let lower = html.to_ascii_lowercase();
    if !lower.starts_with("<!doctype html>") {
        bad.push("no doctype".into());
    }
    // Sources are plain text (paths and `github:` origins), so no URL at all.
    for needle in [
        "http://", "https://", "<script", "<link", "<iframe", " src=", "url(",
    ] {
        if lower.contains(needle) {
            bad.push(format!("contains {needle:?}"));
        }
    }
    let n_svg = html.matches("<svg").count();
    if n_svg != html.matches("</svg>").count() {
        bad.push("unbalanced <svg>".into());
    }
    for (i, svg) in html.split("<svg").skip(1).enumerate() {
        let svg = svg.split("</svg>").next().unwrap_or("");
        // A ticker card's sparkline is a decorative shape beside the
        // printed close (aria-hidden): a title, no axes.
        if svg.starts_with(" class=\"spark\"") {
            if !svg.contains("aria-hidden=\"true\"") || !svg.contains("<title>") {
                bad.push(format!("sparkline #{i} is not hidden and titled"));
            }
            continue;
        }
        let title = svg
            .split_once("<title>")
            .and_then(|(_, r)| r.split_once("</title>"))
            .map(|(t, _)| t.trim());
        if title.is_none_or(str::is_empty) {
            bad.push(format!("svg #{i} has no <title>"));
        }
        for axis in ["axis-label x", "axis-label y"] {
            let label = svg
                .split_once(&format!("class=\"{axis}\""))
                .and_then(|(_, r)| r.split_once('>'))
                .and_then(|(_, r)| r.split_once("</text>"))
                .map(|(t, _)| t.trim());
            if label.is_none_or(str::is_empty) {
                bad.push(format!("svg #{i} has no {axis}"));
            }
        }
    }
    bad
}

#[test]
fn html_is_self_contained_and_charts_are_labelled_on_every_date() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    for date in DATES {
        let a = write_brief(u, Some(d(date))).expect("brief is written");
        let html = render(&a, Format::Html);
        let bad = problems(&html);
        assert!(bad.is_empty(), "{date}: {bad:?}");
        assert_eq!(
            html.matches("<svg").count() - html.matches("<svg class=\"spark\"").count(),
            a.charts.len(),
            "{date}: one inline SVG per chart"
        );
        assert!(!a.charts.is_empty(), "{date}: the brief has charts");
    }
}

#[test]
fn the_checker_itself_catches_a_script_a_url_and_an_untitled_chart() {
    let page = "<!DOCTYPE html><p><a href=\"https://x.test\">x</a></p>\
<script src=\"a.js\"></script><svg viewBox=\"0 0 1 1\"><text class=\"axis-label x\">date</text></svg>";
    let bad = problems(page);
    for want in [
        "contains \"https://\"",
        "contains \"<script\"",
        "contains \" src=\"",
        "svg #0 has no <title>",
        "svg #0 has no axis-label y",
    ] {
        assert!(bad.iter().any(|b| b == want), "{want} not caught: {bad:?}");
    }
}

#[test]
fn html_snapshots_stay_stable() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let cases = [
        (
            "2026-01-16",
            expect_test::expect_file!["snapshots/brief-2026-01-16.html"],
        ),
        (
            "2022-06-16",
            expect_test::expect_file!["snapshots/brief-2022-06-16.html"],
        ),
    ];
    for (date, expect) in cases {
        let a = write_brief(u, Some(d(date))).expect("brief is written");
        expect.assert_eq(&render(&a, Format::Html));
    }
}

/// A tiny universe: 300 sessions of ^GSPC from one source whose path and
/// origin carry markup, as a hostile or careless import might.
fn hostile_universe() -> Universe {
    let source = SourceId(1);
    let mut dates = Vec::new();
    let mut day = d("2024-01-01");
    while dates.len() < 300 {
        if chrono::Datelike::weekday(&day).number_from_monday() <= 5 {
            dates.push(day);
        }
        day = day.succ_opt().expect("next day");
    }
    // A gentle zig-zag uptrend, so there are moves of both signs.
    let values: Vec<f64> = (0..dates.len())
        .map(|i| 4000.0 + i as f64 * 2.0 + if i % 3 == 0 { -5.0 } else { 3.0 })
        .collect();
    let key = SeriesKey::new("^GSPC", Field::Close);
    let series =
        model::Series::from_one_source(key.clone(), dates, values, source).expect("valid series");
    let mut u = Universe::default();
    u.series.insert(key, series);
    u.sources.push(SourceInfo {
        id: source,
        path: format!("evil/{HOSTILE}.csv"),
        content_hash: "0".repeat(64),
        origin: Some(format!("{HOSTILE} <img onerror=alert(1)>")),
    });
    u
}

#[test]
fn markup_in_the_data_reaches_the_page_escaped() {
    let u = hostile_universe();
    let a = write_brief(&u, None).expect("brief over the tiny universe");
    assert!(
        a.sources.iter().any(|s| s.path.contains("<script>")),
        "the hostile path is cited: {:?}",
        a.sources
    );
    let html = render(&a, Format::Html);
    assert!(problems(&html).is_empty(), "{:?}", problems(&html));
    assert!(!html.contains("<img"), "origin markup is escaped");
    assert!(
        html.contains(HOSTILE_ESCAPED),
        "the path is printed, escaped"
    );
}

#[test]
fn every_text_field_of_an_article_is_escaped() {
    let u = hostile_universe();
    let mut a: Article = write_brief(&u, None).expect("brief over the tiny universe");
    let h = HOSTILE.to_string();
    a.title = h.clone();
    a.market = h.clone();
    a.tags = vec![h.clone()];
    a.sentiment.reasons = vec![h.clone()];
    a.related = vec![report::Related {
        symbol: h.clone(),
        name: h.clone(),
        role: report::Role::Subject,
        why: h.clone(),
        why_facts: vec![],
        last: Some(report::FactRef {
            fact: "f1".into(),
            text: h.clone(),
            cite: h.clone(),
        }),
        last_note: Some(h.clone()),
        change: Some(report::FactRef {
            fact: "f1".into(),
            text: h.clone(),
            cite: h.clone(),
        }),
        spark: None,
    }];
    a.lead = h.clone();
    a.session_note = Some(h.clone());
    a.key_points = vec![h.clone()];
    a.sections = vec![report::Section {
        heading: h.clone(),
        paragraphs: vec![h.clone()],
        paragraph_facts: vec![vec![]],
    }];
    a.risks = vec![h.clone()];
    a.opportunities = vec![h.clone()];
    a.summary = vec![h.clone()];
    a.charts = vec![report::Chart {
        id: h.clone(),
        title: h.clone(),
        caption: h.clone(),
        svg: report::svg::line_chart(&report::svg::LineChart {
            title: h.clone(),
            x_label: h.clone(),
            y_label: h.clone(),
            series: vec![report::svg::LineSeries {
                label: h.clone(),
                points: vec![(d("2026-01-02"), 1.0), (d("2026-01-16"), 2.0)],
            }],
            marker: Some(report::svg::Marker {
                date: d("2026-01-16"),
                value: 2.0,
                label: h.clone(),
            }),
            reference: Some(report::svg::Reference {
                value: 1.0,
                label: h.clone(),
            }),
            description: h.clone(),
            ..report::svg::LineChart::default()
        }),
    }];
    a.topics = vec![h.clone()];
    a.gaps = vec![report::Gap {
        topic: h.clone(),
        needs: h.clone(),
    }];
    for s in &mut a.sources {
        s.path = h.clone();
        s.origin = Some(h.clone());
        s.instruments = vec![h.clone()];
    }
    for m in &mut a.methods {
        m.id = h.clone();
        m.definition = h.clone();
    }
    a.disclaimer = h.clone();
    let html = render(&a, Format::Html);
    assert!(!html.contains("<script"), "no raw script tag");
    assert!(!html.contains("alert(1)</script>"));
    // The page <title>, h1, market, tag, reason, ticker (symbol, name, why,
    // last), key point, heading, paragraph, risk, opportunity, summary,
    // chart (id, caption, SVG title, title element, axis labels, legend,
    // marker), topic, gap (topic, needs), disclaimer, sources and methods.
    let escaped = html.matches(HOSTILE_ESCAPED).count();
    assert!(escaped >= 31, "only {escaped} escaped copies");
    assert!(problems(&html).is_empty(), "{:?}", problems(&html));
}

#[test]
fn regression_issue15_ticker_cards_show_price_change_and_sparkline() {
    let Some(u) = store::testing::shared_universe() else {
        return;
    };
    let a = write_brief(u, Some(d("2026-01-16"))).expect("brief is written");
    let html = render(&a, Format::Html);
    // IWM: the adjusted close, labelled, its day's change coloured, a line.
    let card = html
        .split("<div class=\"ticker\" data-symbol=\"IWM\">")
        .nth(1)
        .and_then(|r| r.split("</div></div>").next())
        .expect("an IWM card");
    assert!(card.contains("<span class=\"price\">265.29"), "{card}");
    assert!(
        card.contains("<span class=\"basis\">dividend-adjusted close</span>"),
        "{card}"
    );
    assert!(card.contains("<span class=\"chg up\">+0.09%"), "{card}");
    assert!(card.contains("<svg class=\"spark\""), "{card}");
    assert!(
        !html.contains("no as-printed close"),
        "no card without a price"
    );
    // The lead paragraph comes first, and a long citation run is one range.
    assert!(html.contains("<p class=\"lead\">The Russell 2000 beat the S&amp;P 500"));
    assert!(
        html.contains("[10–20]</a></sup>"),
        "the sector paragraph's sources as a range"
    );
    let most = html
        .split("<p")
        .map(|p| {
            p.split("</p>")
                .next()
                .unwrap_or("")
                .matches("<sup>")
                .count()
        })
        .max()
        .unwrap_or(0);
    assert!(most <= 6, "a paragraph with {most} citations");
}
