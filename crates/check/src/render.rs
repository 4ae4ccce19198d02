//! Rendering a check: a text table, JSON, Markdown, and self-contained HTML
//! that shows the article with every claim highlighted by verdict (details on
//! hover and on click). Everything echoed from the input is HTML-escaped.

use crate::{CheckReport, CheckedClaim, ManyReport, Verdict};
use model::display::escape_html;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A plain-text table.
    Text,
    /// JSON.
    Json,
    /// Self-contained HTML.
    Html,
    /// Markdown.
    Markdown,
}

impl Format {
    /// Parses `text`, `json`, `html`, `md`/`markdown`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "html" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Renders one report.
pub fn render(report: &CheckReport, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => serde_json::to_string_pretty(&json_value(report)).unwrap_or_default(),
        Format::Html => html(std::slice::from_ref(report), &report.conflicts),
        Format::Markdown => markdown(report),
    }
}

/// Renders several reports and their conflicts.
pub fn render_many(many: &ManyReport, format: Format) -> String {
    match format {
        Format::Json => {
            let v = json!({
                "articles": many.reports.iter().map(json_value).collect::<Vec<_>>(),
                "conflicts": many.conflicts,
            });
            serde_json::to_string_pretty(&v).unwrap_or_default()
        }
        Format::Html => html(&many.reports, &many.conflicts),
        Format::Text | Format::Markdown => {
            let mut out = String::new();
            for r in &many.reports {
                out.push_str(&render(r, format));
                out.push('\n');
            }
            out.push_str(if format == Format::Markdown {
                "## Conflicts between articles\n\n"
            } else {
                "CONFLICTS BETWEEN ARTICLES\n"
            });
            if many.conflicts.is_empty() {
                out.push_str("none\n");
            }
            for c in &many.conflicts {
                out.push_str(&format!(
                    "{}- {} [{}]: {}{}\n",
                    "",
                    c.kind,
                    c.subjects.join(" vs "),
                    c.description,
                    c.resolution
                        .as_ref()
                        .map_or_else(String::new, |r| format!(" — {r}"))
                ));
            }
            out
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippet(r: &CheckReport, c: &CheckedClaim) -> String {
    let s = r.text.get(c.start..c.end).unwrap_or("");
    let s = one_line(s);
    if s.chars().count() > 48 {
        format!("{}…", s.chars().take(47).collect::<String>())
    } else {
        s
    }
}

fn text(r: &CheckReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}as of {}: {} claims — {} supported, {} contradicted, {} unverifiable\n",
        r.name
            .as_ref()
            .map_or_else(String::new, |n| format!("{n}  ")),
        r.as_of
            .map_or_else(|| "(no date)".to_string(), |d| d.to_string()),
        r.claims.len(),
        r.count(Verdict::Supported),
        r.count(Verdict::Contradicted),
        r.count(Verdict::Unverifiable)
    ));
    for (i, c) in r.claims.iter().enumerate() {
        let mark = match c.verdict {
            Verdict::Supported => "OK ",
            Verdict::Contradicted => "NO ",
            Verdict::Unverifiable => "?? ",
        };
        out.push_str(&format!(
            "{:>3}. {mark}{:<13} {:<48} claimed {} | actual {}\n     {}\n",
            i + 1,
            c.verdict.as_str(),
            snippet(r, c),
            c.claimed,
            c.actual.as_deref().unwrap_or("—"),
            one_line(&c.explanation)
        ));
        for a in &c.alternatives {
            out.push_str(&format!("     ↳ {a}\n"));
        }
    }
    out
}

fn citations(c: &CheckedClaim) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for f in &c.facts {
        for i in &f.inputs {
            let s = format!(
                "[{}] {} {} {}..{} from {}",
                f.id, i.instrument, i.field, i.from, i.to, i.source_path
            );
            if !v.contains(&s) {
                v.push(s);
            }
        }
    }
    v
}

fn json_value(r: &CheckReport) -> serde_json::Value {
    let claims: Vec<serde_json::Value> = r
        .claims
        .iter()
        .map(|c| {
            json!({
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "quote": r.text.get(c.start..c.end).unwrap_or(""),
                "kind": c.kind,
                "subjects": c.subjects,
                "as_of": c.day,
                "claimed": c.claimed,
                "claimed_value": c.claimed_value,
                "reading": c.reading,
                "tolerance": c.tolerance,
                "notes": c.notes,
                "actual": c.actual,
                "verdict": c.verdict,
                "explanation": c.explanation,
                "alternatives": c.alternatives,
                "facts": c.facts,
                "citations": citations(c),
            })
        })
        .collect();
    json!({
        "name": r.name,
        "as_of": r.as_of,
        "format": r.format,
        "summary": {
            "claims": r.claims.len(),
            "supported": r.count(Verdict::Supported),
            "contradicted": r.count(Verdict::Contradicted),
            "unverifiable": r.count(Verdict::Unverifiable),
        },
        "claims": claims,
        "conflicts": r.conflicts,
    })
}

fn md_escape(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn markdown(r: &CheckReport) -> String {
    let mut out = format!(
        "## Claim check{}\n\nAs of {}: {} claims — **{} supported**, **{} contradicted**, {} unverifiable.\n\n| # | Claim | Verdict | Claimed | Actual | Why |\n|---|---|---|---|---|---|\n",
        r.name.as_ref().map_or_else(String::new, |n| format!(": {}", md_escape(n))),
        r.as_of.map_or_else(|| "(no date)".to_string(), |d| d.to_string()),
        r.claims.len(),
        r.count(Verdict::Supported),
        r.count(Verdict::Contradicted),
        r.count(Verdict::Unverifiable)
    );
    for (i, c) in r.claims.iter().enumerate() {
        let mut why = c.explanation.clone();
        for a in &c.alternatives {
            why.push_str(&format!(" ↳ {a}."));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            md_escape(&snippet(r, c)),
            c.verdict.as_str(),
            md_escape(&c.claimed),
            md_escape(c.actual.as_deref().unwrap_or("—")),
            md_escape(&why)
        ));
    }
    out
}

const STYLE: &str = "body{font:15px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
pre.article{white-space:pre-wrap;font:inherit;background:#fafafa;border:1px solid #ddd;padding:1rem}\
mark{padding:0 .1em;border-radius:3px;cursor:pointer}mark.supported{background:#c8f0c8}mark.contradicted{background:#f8c4c4}\
mark.unverifiable{background:#e6e6e6}details{margin:.3rem 0}summary{cursor:pointer}.supported b{color:#176b17}.contradicted b{color:#a11}\
.unverifiable b{color:#555}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .4rem;vertical-align:top}";

fn html(reports: &[CheckReport], conflicts: &[crate::Conflict]) -> String {
    let mut out = format!("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>marketproof claim check</title><style>{STYLE}</style></head><body>\n");
    for (ri, r) in reports.iter().enumerate() {
        out.push_str(&format!(
            "<h2>{}</h2>\n<p>As of {}: {} claims — {} supported, {} contradicted, {} unverifiable.</p>\n<pre class=\"article\">",
            escape_html(r.name.as_deref().unwrap_or("Claim check")),
            r.as_of.map_or_else(|| "(no date)".to_string(), |d| d.to_string()),
            r.claims.len(),
            r.count(Verdict::Supported),
            r.count(Verdict::Contradicted),
            r.count(Verdict::Unverifiable)
        ));
        // Highlights in text order, overlaps clipped.
        let mut order: Vec<usize> = (0..r.claims.len()).collect();
        order.sort_by_key(|&i| (r.claims[i].start, r.claims[i].end));
        let mut pos = 0usize;
        for i in order {
            let c = &r.claims[i];
            let (s, e) = (c.start.max(pos), c.end);
            if s >= e
                || !r.text.is_char_boundary(s)
                || !r.text.is_char_boundary(e)
                || e > r.text.len()
            {
                continue;
            }
            out.push_str(&escape_html(&r.text[pos..s]));
            let title = format!(
                "{}: claimed {}; actual {}. {}",
                c.verdict.as_str(),
                c.claimed,
                c.actual.as_deref().unwrap_or("—"),
                one_line(&c.explanation)
            );
            out.push_str(&format!(
                "<a href=\"#c{ri}-{i}\"><mark class=\"{}\" title=\"{}\">{}</mark></a>",
                c.verdict.as_str(),
                escape_html(&title),
                escape_html(&r.text[s..e])
            ));
            pos = e;
        }
        out.push_str(&escape_html(r.text.get(pos..).unwrap_or("")));
        out.push_str("</pre>\n<h3>Claims</h3>\n");
        for (i, c) in r.claims.iter().enumerate() {
            out.push_str(&format!(
                "<details id=\"c{ri}-{i}\" class=\"{}\"><summary><b>{}</b> — {} (claimed {}, actual {})</summary><p>{}</p>",
                c.verdict.as_str(),
                c.verdict.as_str(),
                escape_html(&snippet(r, c)),
                escape_html(&c.claimed),
                escape_html(c.actual.as_deref().unwrap_or("—")),
                escape_html(&c.explanation)
            ));
            if !c.alternatives.is_empty() {
                out.push_str("<ul>");
                for a in &c.alternatives {
                    out.push_str(&format!("<li>{}</li>", escape_html(a)));
                }
                out.push_str("</ul>");
            }
            let cites = citations(c);
            if !cites.is_empty() {
                out.push_str("<p><small>");
                out.push_str(
                    &cites
                        .iter()
                        .map(|x| escape_html(x))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                );
                out.push_str("</small></p>");
            }
            out.push_str("</details>\n");
        }
    }
    if !conflicts.is_empty() {
        out.push_str("<h2>Conflicts between articles</h2>\n<ul>\n");
        for c in conflicts {
            out.push_str(&format!(
                "<li><b>{}</b> [{}]: {}{}</li>\n",
                escape_html(&c.kind),
                escape_html(&c.subjects.join(" vs ")),
                escape_html(&c.description),
                c.resolution
                    .as_ref()
                    .map_or_else(String::new, |r| format!(" — {}", escape_html(r)))
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}
