//! Markdown rendering.

use crate::article::Article;
use crate::fmt;
use std::fmt::Write as _;

/// Escapes the characters that would break a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn render(a: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", a.title);
    let _ = writeln!(out, "{}\n", a.tags.join(" "));
    let _ = writeln!(
        out,
        "**{}** · {} · {}\n",
        a.sentiment.label.as_str(),
        a.market,
        fmt::date(a.date)
    );
    if let Some(note) = &a.session_note {
        let _ = writeln!(out, "> Note: {note}\n");
    }
    if !a.lead.is_empty() {
        let _ = writeln!(out, "{}\n", a.lead);
    }
    if !a.sentiment.reasons.is_empty() {
        out.push_str("Why this label:\n\n");
        for r in &a.sentiment.reasons {
            let _ = writeln!(out, "- {r}");
        }
        out.push('\n');
    }
    if !a.related.is_empty() {
        out.push_str(
            "## Related tickers\n\n| Ticker | Role | Why | Last | Day |\n|---|---|---|---|---|\n",
        );
        for r in &a.related {
            let last = match (&r.last, &r.last_note) {
                (Some(l), _) => format!("{} {}", l.text, l.cite),
                (None, Some(note)) => format!("— ({note})"),
                (None, None) => "n/a".to_string(),
            };
            let day = r
                .change
                .as_ref()
                .map_or("n/a".to_string(), |c| format!("{} {}", c.text, c.cite));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&r.symbol),
                r.role.as_str(),
                cell(&r.why),
                cell(&last),
                cell(&day)
            );
        }
        out.push('\n');
    }
    if !a.key_points.is_empty() {
        out.push_str("## Key points\n\n");
        for k in &a.key_points {
            let _ = writeln!(out, "- {k}");
        }
        out.push('\n');
    }
    for (i, s) in a.sections.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, s.heading);
        for p in &s.paragraphs {
            let _ = writeln!(out, "{p}\n");
        }
    }
    if !a.risks.is_empty() || !a.opportunities.is_empty() {
        out.push_str("## Risks and opportunities\n\n");
        if !a.risks.is_empty() {
            out.push_str("**Risks**\n\n");
            for r in &a.risks {
                let _ = writeln!(out, "- {r}");
            }
            out.push('\n');
        }
        if !a.opportunities.is_empty() {
            out.push_str("**Opportunities**\n\n");
            for r in &a.opportunities {
                let _ = writeln!(out, "- {r}");
            }
            out.push('\n');
        }
    }
    if !a.summary.is_empty() {
        out.push_str("## Key information summary\n\n");
        for s in &a.summary {
            let _ = writeln!(out, "- {s}");
        }
        out.push('\n');
    }
    if !a.charts.is_empty() {
        out.push_str("## Charts\n\n");
        for c in &a.charts {
            let _ = writeln!(out, "- **{}**: {}", c.title, c.caption);
        }
        out.push_str("\nThe charts are drawn as SVG in the HTML and JSON output.\n\n");
    }
    if !a.gaps.is_empty() {
        out.push_str("## Not covered: missing data\n\n");
        for g in &a.gaps {
            let _ = writeln!(out, "- **{}**: {}", g.topic, g.needs);
        }
        out.push('\n');
    }
    if !a.topics.is_empty() {
        out.push_str("## Recommended topics\n\n");
        for t in &a.topics {
            let _ = writeln!(out, "- {t}");
        }
        out.push('\n');
    }
    out.push_str("## Sources\n\n");
    for s in &a.sources {
        let origin = s
            .origin
            .as_deref()
            .map_or(String::new(), |o| format!(" ({o})"));
        let _ = writeln!(
            out,
            "{}. `{}`{}: {}, {} to {}",
            s.n,
            s.path,
            origin,
            s.instruments.join(", "),
            s.from,
            s.to
        );
    }
    out.push_str("\n## Methods\n\n");
    for m in &a.methods {
        let _ = writeln!(out, "- `{}` v{}: {}", m.id, m.version, m.definition);
    }
    let _ = writeln!(out, "\n---\n\n*{}*", a.disclaimer);
    out
}
