//! Printing an answer: plain text, JSON, or self-contained HTML with an
//! inline SVG chart.

use crate::run::{Answer, Chart};
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

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(a: &Answer) -> String {
    let mut out = String::from("<section class=\"mp-answer\">\n");
    out.push_str(&format!("<h2>{}</h2>\n", esc(&a.question)));
    if let Some(p) = &a.plan {
        out.push_str(&format!(
            "<p class=\"as-of\">As of {}</p>\n<ol class=\"plan\">\n",
            p.as_of
        ));
        for s in &p.steps {
            out.push_str(&format!(
                "<li>{} <code>{}</code> — {}; {}</li>\n",
                esc(&s.describe()),
                esc(&s.kind()),
                esc(&s.instruments().join(", ")),
                esc(&s.window_text())
            ));
        }
        out.push_str("</ol>\n");
        for n in &p.notes {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(n)));
        }
    }
    out.push_str(&format!("<p class=\"answer\">{}</p>\n", esc(&a.paragraph)));
    if let Some(c) = &a.chart {
        out.push_str(&svg(c));
        out.push('\n');
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
                        esc(&s.instrument),
                        s.field,
                        s.from,
                        s.to,
                        esc(&s.path)
                    )
                })
                .collect();
            out.push_str(&format!(
                "<li id=\"{}\">{} — {}</li>\n",
                esc(&c.fact),
                esc(&c.method),
                srcs.join("; ")
            ));
        }
        out.push_str("</ol>\n");
    }
    if !a.suggestions.is_empty() {
        out.push_str("<ul class=\"suggestions\">\n");
        for s in &a.suggestions {
            out.push_str(&format!("<li>{}</li>\n", esc(s)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

const W: f64 = 560.0;
const H: f64 = 220.0;
const PAD: f64 = 30.0;
const COLORS: [&str; 4] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

/// A small inline SVG of a chart (no external resources).
pub(crate) fn svg(chart: &Chart) -> String {
    match chart {
        Chart::Lines { title, series } => {
            let pts: Vec<f64> = series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.1))
                .filter(|v| v.is_finite())
                .collect();
            let (lo, hi) = pts
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(*v), b.max(*v))
                });
            let span = if hi > lo { hi - lo } else { 1.0 };
            let mut out = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
                esc(title),
                esc(title)
            );
            out.push_str(&format!(
                "<text x=\"{PAD}\" y=\"16\" font-size=\"12\">{}</text>",
                esc(title)
            ));
            for (k, s) in series.iter().enumerate() {
                let n = s.points.len().max(2) - 1;
                let path: Vec<String> = s
                    .points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.1.is_finite())
                    .map(|(i, p)| {
                        let x = PAD + (W - 2.0 * PAD) * i as f64 / n as f64;
                        let y = H - PAD - (H - 2.0 * PAD) * (p.1 - lo) / span;
                        format!("{x:.1},{y:.1}")
                    })
                    .collect();
                let color = COLORS[k % COLORS.len()];
                out.push_str(&format!(
                    "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{}\"/>",
                    path.join(" ")
                ));
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{color}\">{}</text>",
                    PAD + 150.0 * k as f64,
                    H - 8.0,
                    esc(&s.label)
                ));
                if let (Some(first), Some(last)) = (s.points.first(), s.points.last()) {
                    if k == 0 {
                        out.push_str(&format!(
                            "<text x=\"{PAD}\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
                            H - PAD + 12.0,
                            first.0,
                            W - PAD,
                            H - PAD + 12.0,
                            last.0
                        ));
                    }
                }
            }
            out.push_str("</svg>");
            out
        }
        Chart::Bars { title, bars } => {
            let h = (bars.len() as f64 * 18.0 + 40.0).max(60.0);
            let max = bars
                .iter()
                .map(|b| b.1.abs())
                .fold(0.0_f64, f64::max)
                .max(1e-9);
            let mid = W / 2.0 + 40.0;
            let half = W / 2.0 - 60.0;
            let mut out = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
                esc(title),
                esc(title)
            );
            out.push_str(&format!(
                "<text x=\"10\" y=\"16\" font-size=\"12\">{}</text>",
                esc(title)
            ));
            for (i, (label, v)) in bars.iter().enumerate() {
                let y = 28.0 + i as f64 * 18.0;
                let len = half * v.abs() / max;
                let x = if *v >= 0.0 { mid } else { mid - len };
                let color = if *v >= 0.0 { "#2ca02c" } else { "#d62728" };
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"14\" fill=\"{color}\"/>",
                    mid - half - 6.0,
                    y + 11.0,
                    esc(label)
                ));
            }
            out.push_str(&format!(
                "<line x1=\"{mid}\" y1=\"24\" x2=\"{mid}\" y2=\"{}\" stroke=\"#555\"/>",
                h - 8.0
            ));
            out.push_str("</svg>");
            out
        }
    }
}
