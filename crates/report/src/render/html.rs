//! Self-contained HTML: one file, CSS in a `<style>` block, charts as inline
//! SVG, no external URL. All article text is escaped.

use crate::article::Article;
use crate::fmt;
use model::display::escape_html;
use std::fmt::Write as _;

const CSS: &str = r#"
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#ffffff;--soft:#f6f8fa;--up:#1a7f37;--down:#cf222e;--accent:#1f6feb}
*{box-sizing:border-box}
body{margin:0;background:var(--soft);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:780px;margin:0 auto;background:var(--bg);padding:28px 22px 40px}
h1{font-size:1.7rem;line-height:1.25;margin:.2em 0 .4em}
h2{font-size:1.2rem;margin:1.8em 0 .5em;padding-bottom:.25em;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.2em 0 .3em}
p{margin:.6em 0}
.tags{display:flex;flex-wrap:wrap;gap:6px;margin:.4em 0 .8em;padding:0;list-style:none}
.tags li{background:#ddf4ff;color:#0550ae;border-radius:12px;padding:1px 10px;font-size:.85rem}
.meta{color:var(--muted);font-size:.95rem}
.badge{display:inline-block;border-radius:4px;padding:1px 9px;font-weight:600;color:#fff}
.Bullish{background:var(--up)}.Bearish{background:var(--down)}.Mixed{background:#9a6700}
.reasons{font-size:.95rem;color:var(--muted)}
.tickers{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px;margin:.6em 0}
.ticker{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.ticker .sym{font-weight:700}.ticker .role{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-left:6px}
.ticker .last{float:right;font-variant-numeric:tabular-nums}
.ticker .why{font-size:.88rem;color:var(--muted);margin-top:4px}
.keypoints{background:#fff8c5;border-left:4px solid #d4a72c;padding:8px 14px 8px 30px;border-radius:4px}
figure{margin:1.2em 0;border:1px solid var(--line);border-radius:8px;padding:8px}
figcaption{font-size:.85rem;color:var(--muted);padding:4px 6px}
sup a{color:var(--accent);text-decoration:none;font-size:.75em}
.gaps li,.sources li,.methods li{font-size:.9rem}
.sources code,.methods code{font-size:.85em;word-break:break-all}
.disclaimer{margin-top:2em;font-size:.82rem;color:var(--muted);border-top:1px solid var(--line);padding-top:1em}
@media (max-width:480px){main{padding:18px 14px}h1{font-size:1.4rem}body{font-size:15px}}
"#;

/// Inline SVG in HTML needs no namespace; dropping it keeps the page free
/// of any URL.
fn inline_svg(svg: &str) -> String {
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// Escapes text and turns `[n]` markers into links to the sources list.
fn text(s: &str) -> String {
    let escaped = escape_html(s);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let close = after.find(']');
        let inner = close.map(|c| &after[1..c]);
        match inner {
            Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                let _ = write!(out, "<sup><a href=\"#src-{n}\">[{n}]</a></sup>");
                rest = &after[n.len() + 2..];
            }
            _ => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn list(out: &mut String, class: &str, items: &[String]) {
    let _ = write!(out, "<ul class=\"{class}\">");
    for i in items {
        let _ = write!(out, "<li>{}</li>", text(i));
    }
    out.push_str("</ul>\n");
}

pub(crate) fn render(a: &Article) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape_html(&a.title)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\"><span class=\"badge {l}\">{l}</span> · {m} · <time datetime=\"{iso}\">{d}</time></p>",
        l = a.sentiment.label.as_str(),
        m = escape_html(&a.market),
        iso = a.date,
        d = escape_html(&fmt::date(a.date))
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape_html(&a.title));
    out.push_str("<ul class=\"tags\">");
    for t in &a.tags {
        let _ = write!(out, "<li>{}</li>", escape_html(t));
    }
    out.push_str("</ul>\n");
    if !a.sentiment.reasons.is_empty() {
        list(&mut out, "reasons", &a.sentiment.reasons);
    }
    if !a.related.is_empty() {
        out.push_str("<h2>Related tickers</h2>\n<div class=\"tickers\">");
        for r in &a.related {
            let last = match (&r.last, &r.last_note) {
                (Some(l), _) => format!(
                    "<span class=\"last\">{} {}</span>",
                    escape_html(&l.text),
                    text(&l.cite)
                ),
                (None, Some(note)) => format!(
                    "<span class=\"last\" title=\"{n}\">— <small>({n})</small></span>",
                    n = escape_html(note)
                ),
                (None, None) => String::new(),
            };
            let _ = write!(
                out,
                "<div class=\"ticker\">{last}<span class=\"sym\" title=\"{name}\">{sym}</span><span class=\"role\">{role}</span><div class=\"why\">{why}</div></div>",
                name = escape_html(&r.name),
                sym = escape_html(&r.symbol),
                role = r.role.as_str(),
                why = text(&r.why)
            );
        }
        out.push_str("</div>\n");
    }
    if !a.key_points.is_empty() {
        out.push_str("<h2>Key points</h2>\n");
        list(&mut out, "keypoints", &a.key_points);
    }
    let mut charts = a.charts.iter();
    for (i, s) in a.sections.iter().enumerate() {
        let _ = writeln!(out, "<h2>{}. {}</h2>", i + 1, escape_html(&s.heading));
        for p in &s.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", text(p));
        }
        // One chart after each of the first sections keeps figures near the text.
        if let Some(c) = charts.next() {
            let _ = writeln!(
                out,
                "<figure id=\"{}\">{}<figcaption>{}</figcaption></figure>",
                escape_html(&c.id),
                inline_svg(&c.svg),
                escape_html(&c.caption)
            );
        }
    }
    for c in charts {
        let _ = writeln!(
            out,
            "<figure id=\"{}\">{}<figcaption>{}</figcaption></figure>",
            escape_html(&c.id),
            inline_svg(&c.svg),
            escape_html(&c.caption)
        );
    }
    if !a.risks.is_empty() || !a.opportunities.is_empty() {
        out.push_str("<h2>Risks and opportunities</h2>\n");
        if !a.risks.is_empty() {
            out.push_str("<h3>Risks</h3>\n");
            list(&mut out, "risks", &a.risks);
        }
        if !a.opportunities.is_empty() {
            out.push_str("<h3>Opportunities</h3>\n");
            list(&mut out, "opportunities", &a.opportunities);
        }
    }
    if !a.summary.is_empty() {
        out.push_str("<h2>Key information summary</h2>\n");
        list(&mut out, "summary", &a.summary);
    }
    if !a.gaps.is_empty() {
        out.push_str("<h2>Not covered: missing data</h2>\n<ul class=\"gaps\">");
        for g in &a.gaps {
            let _ = write!(
                out,
                "<li><strong>{}</strong>: {}</li>",
                escape_html(&g.topic),
                escape_html(&g.needs)
            );
        }
        out.push_str("</ul>\n");
    }
    if !a.topics.is_empty() {
        out.push_str("<h2>Recommended topics</h2>\n");
        list(&mut out, "topics", &a.topics);
    }
    out.push_str("<h2>Sources</h2>\n<ol class=\"sources\">");
    for s in &a.sources {
        let origin = s
            .origin
            .as_deref()
            .map_or(String::new(), |o| format!(" ({})", escape_html(o)));
        let _ = write!(
            out,
            "<li id=\"src-{n}\"><code>{p}</code>{origin}: {i}, {f} to {t}</li>",
            n = s.n,
            p = escape_html(&s.path),
            i = escape_html(&s.instruments.join(", ")),
            f = s.from,
            t = s.to
        );
    }
    out.push_str("</ol>\n<h2>Methods</h2>\n<ul class=\"methods\">");
    for m in &a.methods {
        let _ = write!(
            out,
            "<li><code>{}</code> v{}: {}</li>",
            escape_html(&m.id),
            m.version,
            escape_html(&m.definition)
        );
    }
    out.push_str("</ul>\n");
    let _ = writeln!(
        out,
        "<p class=\"disclaimer\">{}</p>",
        escape_html(&a.disclaimer)
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_links_and_text_is_escaped() {
        assert_eq!(
            text("S&P fell 1.00% [2][10] [x]"),
            "S&amp;P fell 1.00% <sup><a href=\"#src-2\">[2]</a></sup><sup><a href=\"#src-10\">[10]</a></sup> [x]"
        );
        assert_eq!(text("<script>"), "&lt;script&gt;");
    }
}
