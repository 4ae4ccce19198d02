//! The redline: the checked text given back whole, with each numeric claim
//! marked where it stands — supported, contradicted (with the figure the
//! data gives) or unverifiable (with what is missing) — as Markdown or as
//! one self-contained HTML page (`marketproof check --redline`).
//!
//! Reads only [`CheckReport`]'s public fields (`text` and each claim's
//! `start`, `end`, `verdict`, `claimed`, `actual`, `explanation`), so it
//! renders any report the checker produces. Everything echoed into HTML is
//! escaped.

use crate::{CheckReport, CheckedClaim, Verdict};
use model::display::escape_html;

/// How a redline is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RedlineFormat {
    /// Markdown: supported claims in bold with ✓n, contradicted ones struck
    /// through with ✗n and the data's figure, unverifiable ones in italics
    /// with ?n; a numbered list of the claims follows the text.
    Markdown,
    /// One self-contained HTML page: the text with `<mark>`ed claims
    /// (`<del>`/`<ins>` for contradicted ones), then the numbered list.
    Html,
}

/// One claim placed in the text: its number (1-based, text order), the
/// span it marks (empty when it overlaps an earlier claim or is not on
/// character boundaries) and the claim.
struct Placed<'r> {
    n: usize,
    span: Option<(usize, usize)>,
    claim: &'r CheckedClaim,
}

fn place(report: &CheckReport) -> Vec<Placed<'_>> {
    let mut order: Vec<&CheckedClaim> = report.claims.iter().collect();
    order.sort_by_key(|c| (c.start, c.end));
    let mut placed = Vec::with_capacity(order.len());
    let mut covered_to = 0;
    for (i, claim) in order.into_iter().enumerate() {
        let ok = claim.start < claim.end
            && claim.start >= covered_to
            && report.text.get(claim.start..claim.end).is_some();
        let span = ok.then_some((claim.start, claim.end));
        if ok {
            covered_to = claim.end;
        }
        placed.push(Placed {
            n: i + 1,
            span,
            claim,
        });
    }
    placed
}

fn symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✓",
        Verdict::Contradicted => "✗",
        Verdict::Unverifiable => "?",
    }
}

/// One line summing up the verdicts.
fn summary(report: &CheckReport) -> String {
    format!(
        "{} numeric claims: {} supported, {} contradicted, {} unverifiable.",
        report.claims.len(),
        report.count(Verdict::Supported),
        report.count(Verdict::Contradicted),
        report.count(Verdict::Unverifiable),
    )
}

/// Renders the redline of `report`.
pub fn redline(report: &CheckReport, format: RedlineFormat) -> String {
    match format {
        RedlineFormat::Markdown => markdown(report),
        RedlineFormat::Html => html(report),
    }
}

/// Text inside Markdown emphasis: no line breaks (emphasis cannot span
/// paragraphs) and no characters that would close it early.
fn md_inline(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('~', "\\~")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn markdown(report: &CheckReport) -> String {
    let placed = place(report);
    let mut out = String::new();
    out.push_str("# Redline");
    if let Some(name) = &report.name {
        out.push_str(&format!(": {}", md_inline(name)));
    }
    out.push_str("\n\n");
    if let Some(d) = report.as_of {
        out.push_str(&format!("Checked as of {d}. "));
    }
    out.push_str(&summary(report));
    out.push_str(
        "\nMarks: **claim** [✓n] supported; ~~claim~~ [✗n: the data's figure] contradicted; \
         _claim_ [?n] unverifiable.\n\n---\n\n",
    );
    let mut at = 0;
    let mut spans: Vec<&Placed<'_>> = placed.iter().filter(|p| p.span.is_some()).collect();
    spans.sort_by_key(|p| p.span.map(|s| s.0));
    for p in spans {
        let Some((start, end)) = p.span else { continue };
        out.push_str(report.text.get(at..start).unwrap_or(""));
        let quote = md_inline(report.text.get(start..end).unwrap_or(""));
        let c = p.claim;
        match c.verdict {
            Verdict::Supported => out.push_str(&format!("**{quote}** [✓{}]", p.n)),
            Verdict::Contradicted => {
                let truth = c.actual.as_deref().map_or_else(
                    || "see below".to_string(),
                    |a| format!("data: {}", md_inline(a)),
                );
                out.push_str(&format!("~~{quote}~~ **[✗{}: {truth}]**", p.n));
            }
            Verdict::Unverifiable => out.push_str(&format!("_{quote}_ [?{}]", p.n)),
        }
        at = end;
    }
    out.push_str(report.text.get(at..).unwrap_or(""));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\n---\n\n## Claims\n\n");
    if placed.is_empty() {
        out.push_str("No numeric claims were found.\n");
    }
    for p in &placed {
        let c = p.claim;
        let quote = report
            .text
            .get(c.start..c.end)
            .map_or_else(|| md_inline(&c.claimed), md_inline);
        out.push_str(&format!(
            "{}. {} **{}** “{}”",
            p.n,
            symbol(c.verdict),
            c.verdict.as_str(),
            quote
        ));
        if let (Verdict::Contradicted, Some(actual)) = (c.verdict, &c.actual) {
            out.push_str(&format!(
                ": claimed {}, the data says {}",
                md_inline(&c.claimed),
                md_inline(actual)
            ));
        }
        out.push_str(&format!(". {}\n", md_inline(&c.explanation)));
    }
    out
}

fn html(report: &CheckReport) -> String {
    let placed = place(report);
    let title = report
        .name
        .as_deref()
        .map_or_else(|| "Redline".to_string(), |n| format!("Redline: {n}"));
    let mut body = String::new();
    let mut at = 0;
    let mut spans: Vec<&Placed<'_>> = placed.iter().filter(|p| p.span.is_some()).collect();
    spans.sort_by_key(|p| p.span.map(|s| s.0));
    for p in spans {
        let Some((start, end)) = p.span else { continue };
        body.push_str(&escape_html(report.text.get(at..start).unwrap_or("")));
        let quote = escape_html(report.text.get(start..end).unwrap_or(""));
        let c = p.claim;
        let tip = escape_html(&c.explanation);
        let class = c.verdict.as_str();
        match c.verdict {
            Verdict::Contradicted => {
                let truth = c.actual.as_deref().map_or_else(String::new, |a| {
                    format!(" <ins>{}</ins>", escape_html(a))
                });
                body.push_str(&format!(
                    "<mark class=\"{class}\" title=\"{tip}\"><del>{quote}</del>{truth}<sup><a href=\"#c{n}\">✗{n}</a></sup></mark>",
                    n = p.n
                ));
            }
            _ => body.push_str(&format!(
                "<mark class=\"{class}\" title=\"{tip}\">{quote}<sup><a href=\"#c{n}\">{s}{n}</a></sup></mark>",
                n = p.n,
                s = symbol(c.verdict)
            )),
        }
        at = end;
    }
    body.push_str(&escape_html(report.text.get(at..).unwrap_or("")));
    let mut list = String::new();
    for p in &placed {
        let c = p.claim;
        let quote = report.text.get(c.start..c.end).unwrap_or(&c.claimed);
        let truth = match (c.verdict, &c.actual) {
            (Verdict::Contradicted, Some(a)) => format!(
                ": claimed {}, the data says <strong>{}</strong>",
                escape_html(&c.claimed),
                escape_html(a)
            ),
            _ => String::new(),
        };
        list.push_str(&format!(
            "<li id=\"c{n}\" class=\"{class}\">{s} <strong>{class}</strong> “{q}”{truth}. {e}</li>\n",
            n = p.n,
            class = c.verdict.as_str(),
            s = symbol(c.verdict),
            q = escape_html(quote),
            e = escape_html(&c.explanation),
        ));
    }
    let as_of = report
        .as_of
        .map_or_else(String::new, |d| format!("Checked as of {d}. "));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>\
body{{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}}\
.text{{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:1rem}}\
mark{{padding:0 .15em;border-radius:.2em}}\
mark.supported{{background:#d9f2dc}}mark.contradicted{{background:#fbd9d6}}mark.unverifiable{{background:#ececec}}\
del{{color:#8a1c12}}ins{{text-decoration:none;font-weight:600;color:#14532d;margin-left:.25em}}\
sup a{{text-decoration:none;color:inherit;font-size:.75em;margin-left:.1em}}\
li.supported{{color:#14532d}}li.contradicted{{color:#8a1c12}}li{{margin:.3em 0}}\
</style></head><body>\n<h1>{title_h}</h1>\n<p>{as_of}{summary}</p>\n\
<div class=\"text\">{body}</div>\n<h2>Claims</h2>\n<ol>\n{list}</ol>\n</body></html>\n",
        title = escape_html(&title),
        title_h = escape_html(&title),
        summary = escape_html(&summary(report)),
    )
}
