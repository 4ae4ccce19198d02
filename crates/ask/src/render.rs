//! Printing an answer: plain text, JSON, or self-contained HTML with an
//! inline SVG chart.

use crate::run::{Answer, Chart};
use model::display::escape_html;
use model::{FactValue, Unit};
use report::svg::{bar_chart, line_chart, Bar, BarChart, LineChart, LineSeries, Reference, Shade};
use serde::{Deserialize, Serialize};

/// Output format of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Human text for a terminal.
    #[default]
    Text,
    /// `{"question","plan":[...],"answer","facts":[...],"citations":[...]}`.
    Json,
    /// A self-contained HTML fragment with an inline SVG chart.
    Html,
}

/// Renders an answer.
pub fn render(answer: &Answer, format: Format) -> String {
    match format {
        Format::Text => text(answer),
        Format::Json => json(answer),
        Format::Html => html(answer),
    }
}

fn text(a: &Answer) -> String {
    let mut out = String::new();
    if let Some(p) = &a.plan {
        out.push_str(&p.render_text());
        out.push('\n');
    }
    out.push_str(&a.paragraph);
    out.push('\n');
    if !a.citations.is_empty() {
        out.push_str("\nSources:\n");
        for c in &a.citations {
            out.push_str(&format!("[{}] {}\n", c.number, c.method));
            for s in &c.sources {
                out.push_str(&format!(
                    "    {} {} {}..{} — {}\n",
                    s.instrument, s.field, s.from, s.to, s.path
                ));
            }
        }
    }
    if !a.suggestions.is_empty() {
        out.push_str("\nYou could ask instead:\n");
        for s in &a.suggestions {
            out.push_str(&format!("  - {s}\n"));
        }
    }
    out
}

fn json(a: &Answer) -> String {
    let plan: Vec<serde_json::Value> = a
        .plan
        .iter()
        .flat_map(|p| p.steps.iter())
        .map(|s| serde_json::to_value(s).unwrap_or(serde_json::Value::Null))
        .collect();
    let v = serde_json::json!({
        "question": a.question,
        "as_of": a.plan.as_ref().map(|p| p.as_of.to_string()),
        "intent": a.plan.as_ref().map(|p| p.intent),
        "plan": plan,
        "notes": a.plan.as_ref().map(|p| p.notes.clone()).unwrap_or_default(),
        "answer": a.paragraph,
        "facts": a.facts,
        "citations": a.citations,
        "missing": a.missing,
        "suggestions": a.suggestions,
        "refused": a.refused,
    });
    serde_json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn html(a: &Answer) -> String {
    let mut out = String::from("<section class=\"mp-answer\">\n");
    out.push_str(&format!("<h2>{}</h2>\n", escape_html(&a.question)));
    if let Some(p) = &a.plan {
        out.push_str(&format!(
            "<p class=\"as-of\">As of {}</p>\n<ol class=\"plan\">\n",
            p.as_of
        ));
        for s in &p.steps {
            out.push_str(&format!(
                "<li>{} <code>{}</code> — {}; {}</li>\n",
                escape_html(&s.describe()),
                escape_html(&s.kind()),
                escape_html(&s.instruments().join(", ")),
                escape_html(&s.window_text())
            ));
        }
        out.push_str("</ol>\n");
        for n in &p.notes {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", escape_html(n)));
        }
    }
    out.push_str(&format!(
        "<p class=\"answer\">{}</p>\n",
        escape_html(&a.paragraph)
    ));
    if let Some(svg) = chart_svg(a) {
        out.push_str("<figure class=\"chart\">");
        out.push_str(&svg);
        out.push_str("</figure>\n");
    }
    if !a.citations.is_empty() {
        out.push_str("<ol class=\"sources\">\n");
        for c in &a.citations {
            let srcs: Vec<String> = c
                .sources
                .iter()
                .map(|s| {
                    format!(
                        "{} {} {}..{} ({})",
                        escape_html(&s.instrument),
                        s.field,
                        s.from,
                        s.to,
                        escape_html(&s.path)
                    )
                })
                .collect();
            out.push_str(&format!(
                "<li id=\"{}\">{} — {}</li>\n",
                escape_html(&c.fact),
                escape_html(&c.method),
                srcs.join("; ")
            ));
        }
        out.push_str("</ol>\n");
    }
    if !a.suggestions.is_empty() {
        out.push_str("<ul class=\"suggestions\">\n");
        for s in &a.suggestions {
            out.push_str(&format!("<li>{}</li>\n", escape_html(s)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The answer's chart as an inline SVG, drawn by `report::svg` like the
/// brief's charts (round value ticks that carry the decimals of their step,
/// a dated axis, a legend, a dashed line at 100 on a rebased chart, and the
/// sessions of a streak Fact shaded). The web app's `/ask` page and
/// `marketproof ask --format html` both draw the chart with this function.
/// `None` when the answer has no chart or nothing to draw.
pub fn chart_svg(answer: &Answer) -> Option<String> {
    match answer.chart.as_ref()? {
        Chart::Lines {
            title,
            series,
            reference,
        } => {
            let lines: Vec<LineSeries> = series
                .iter()
                .filter(|s| s.points.len() >= 2)
                .map(|s| LineSeries {
                    label: s.label.clone(),
                    points: s.points.clone(),
                })
                .collect();
            let first = lines.first()?;
            // Name the lines in the title unless the planner already did.
            let title = if title.contains(&first.label) {
                title.clone()
            } else {
                let names: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
                format!("{}: {}", names.join(" vs "), lower_first(title))
            };
            let shade = answer
                .facts
                .iter()
                .find(|f| f.kind == "streak")
                .and_then(|f| {
                    let (from, to) = f.window?;
                    let n = match f.value {
                        FactValue::Integer(n) if f.unit == Unit::Sessions => n,
                        _ => return None,
                    };
                    let label = if n == 1 {
                        "streak, 1 session".to_string()
                    } else {
                        format!("streak, {n} sessions")
                    };
                    Some(Shade { from, to, label })
                });
            let rebased = reference.is_some_and(|r| (r - 100.0).abs() < 1e-9);
            Some(line_chart(&LineChart {
                title,
                x_label: "session".to_string(),
                y_label: if rebased {
                    "rebased (first session = 100)".to_string()
                } else {
                    "close".to_string()
                },
                series: lines,
                shade,
                reference: reference.map(|value| Reference {
                    value,
                    label: if rebased {
                        "100 = first session shown".to_string()
                    } else {
                        "reference".to_string()
                    },
                }),
                ..LineChart::default()
            }))
        }
        Chart::Bars {
            title,
            bars,
            keep_order,
        } => (!bars.is_empty()).then(|| {
            bar_chart(&BarChart {
                title: title.clone(),
                x_label: "return, %".to_string(),
                y_label: String::new(),
                bars: bars
                    .iter()
                    .map(|(label, value_pct)| Bar {
                        label: label.clone(),
                        value_pct: *value_pct,
                    })
                    .collect(),
                keep_order: *keep_order,
            })
        }),
    }
}

/// `text` with its first letter in lower case ("Rebased to 100" after a colon).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::ChartSeries;
    use crate::AskError;

    fn d(s: &str) -> model::Date {
        model::parse_iso_date(s).expect("valid date")
    }

    #[test]
    fn answer_charts_are_drawn_by_report_with_baseline_and_streak() {
        let mut answer = Answer::refusal(
            "q",
            d("2026-01-16"),
            &AskError::Empty {
                suggestions: Vec::new(),
            },
        );
        assert_eq!(chart_svg(&answer), None, "no chart, no figure");
        let line = |label: &str, values: [f64; 3]| ChartSeries {
            label: label.to_string(),
            points: vec![
                (d("2026-01-14"), values[0]),
                (d("2026-01-15"), values[1]),
                (d("2026-01-16"), values[2]),
            ],
        };
        answer.chart = Some(Chart::Lines {
            title: "Rebased to 100".to_string(),
            series: vec![
                line("Russell 2000", [100.0, 101.0, 103.0]),
                line("S&P 500", [100.0, 100.5, 100.2]),
            ],
            reference: Some(100.0),
        });
        answer.facts = vec![model::Fact {
            id: "f1".to_string(),
            kind: "streak".to_string(),
            subjects: vec!["^RUT".to_string(), "^GSPC".to_string()],
            as_of: d("2026-01-16"),
            window: Some((d("2026-01-15"), d("2026-01-16"))),
            value: FactValue::Integer(2),
            unit: Unit::Sessions,
            method: model::Method::new("streak.relative", 1),
            inputs: Vec::new(),
            details: std::collections::BTreeMap::new(),
            text: String::new(),
        }];
        let svg = chart_svg(&answer).expect("a chart");
        assert!(svg.starts_with("<svg viewBox="), "{svg}");
        assert!(
            svg.contains("Russell 2000 vs S&amp;P 500: rebased to 100"),
            "{svg}"
        );
        assert!(svg.contains("streak, 2 sessions") && svg.contains("class=\"shade\""));
        assert!(svg.contains("class=\"reference\"") && svg.contains("100 = first session shown"));
        assert!(svg.contains("class=\"axis-label y\"") && svg.contains("class=\"axis\""));
        // The HTML answer embeds the same chart.
        let html = render(&answer, Format::Html);
        assert!(
            html.contains(&svg),
            "the HTML answer draws chart_svg's chart"
        );

        answer.chart = Some(Chart::Bars {
            title: "Median forward return after past occurrences".to_string(),
            bars: vec![
                ("21 sessions".to_string(), -1.0),
                ("63 sessions".to_string(), 2.5),
                ("126 sessions".to_string(), 0.5),
            ],
            keep_order: true,
        });
        let svg = chart_svg(&answer).expect("a bar chart");
        let at = |s: &str| svg.find(s).unwrap_or(usize::MAX);
        assert!(
            at(">21 sessions<") < at(">63 sessions<") && at(">63 sessions<") < at(">126 sessions<")
        );
        assert!(svg.contains("+2.50%") && svg.contains("-1.00%"), "{svg}");
    }
}
