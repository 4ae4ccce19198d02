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
.ticker{display:grid;grid-template-columns:minmax(0,1fr) auto;column-gap:8px;align-items:start}
.ticker .sym{grid-column:1;grid-row:1}.ticker .role{grid-column:1;grid-row:2;margin-left:0}
.ticker .last{grid-column:2;grid-row:1/span 2;text-align:right;font-variant-numeric:tabular-nums}
.ticker .why,.ticker .spark{grid-column:1/-1}
.ticker .chg{display:block;font-size:.85rem}.ticker .chg.up{color:var(--up)}.ticker .chg.down{color:var(--down)}
.ticker .basis{display:block;font-size:.72rem;color:var(--muted)}
.ticker .spark{display:block;margin-top:4px;width:100%;max-width:160px;height:auto}
.lead{font-size:1.08rem;line-height:1.55}
.note{background:#ddf4ff;border-left:4px solid var(--accent);padding:6px 12px;border-radius:4px}
.ticker .why{font-size:.88rem;color:var(--muted);margin-top:4px}
.keypoints{background:#fff8c5;border-left:4px solid #d4a72c;padding:8px 14px 8px 30px;border-radius:4px}
figure{margin:1.2em 0;border:1px solid var(--line);border-radius:8px;padding:8px}
figcaption{font-size:.85rem;color:var(--muted);padding:4px 6px}
sup a{color:var(--accent);text-decoration:none;font-size:.75em}
.gaps li,.sources li,.methods li{font-size:.9rem}
.sources code,.methods code{font-size:.85em;word-break:break-all}
.disclaimer{margin-top:2em;font-size:.82rem;color:var(--muted);border-top:1px solid var(--line);padding-top:1em}
figure svg{display:block;width:100%;height:auto}
@media (max-width:480px){main{padding:18px 14px}h1{font-size:1.4rem}body{font-size:15px}
figure svg .tick-minor{display:none}figure svg:not(.spark) text{font-size:19px}}
"#;

/// Inline SVG in HTML needs no namespace; dropping it keeps the page free
/// of any URL.
fn inline_svg(svg: &str) -> String {
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// Escapes text and turns `[n]` markers into links to the sources list;
/// a run of three or more consecutive numbers ("[11][12]…[21]") prints as
/// one range, "[11–21]", linked to its first source.
pub(crate) fn text(s: &str) -> String {
    let s = compress_runs(s);
    text_links(&s)
}

/// Rewrites runs like `[11][12][13]` as `[11–13]` (three or more
/// consecutive numbers); anything else is left as it is.
fn compress_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        // Collect a run of adjacent [n] markers.
        let mut ns: Vec<usize> = Vec::new();
        let mut tail = &rest[open..];
        while let Some(inner) = tail.strip_prefix('[') {
            match inner.split_once(']') {
                Some((n, after)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    match n.parse() {
                        Ok(v) => ns.push(v),
                        Err(_) => break,
                    }
                    tail = after;
                }
                _ => break,
            }
        }
        if ns.is_empty() {
            out.push('[');
            rest = &rest[open + 1..];
            continue;
        }
        let mut i = 0;
        while i < ns.len() {
            let mut j = i;
            while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
                j += 1;
            }
            if j - i >= 2 {
                let _ = write!(out, "[{}–{}]", ns[i], ns[j]);
            } else {
                for n in &ns[i..=j] {
                    let _ = write!(out, "[{n}]");
                }
            }
            i = j + 1;
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Escapes text and links `[n]` and `[a–b]` markers to the sources list.
fn text_links(s: &str) -> String {
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
            Some(n)
                if n.split_once('–').is_some_and(|(x, y)| {
                    !x.is_empty()
                        && !y.is_empty()
                        && x.chars().all(|c| c.is_ascii_digit())
                        && y.chars().all(|c| c.is_ascii_digit())
                }) =>
            {
                let first = n.split('–').next().unwrap_or(n);
                let _ = write!(
                    out,
                    "<sup><a href=\"#src-{first}\" title=\"sources {n}\">[{n}]</a></sup>"
                );
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

/// One related ticker as a card: symbol, role, the last close (with its
/// basis or date under it), the day's move in colour, a sparkline, and the
/// line on why it is related.
pub(crate) fn ticker_card(r: &crate::article::Related) -> String {
    let last = match (&r.last, &r.last_note) {
        (Some(l), _) => {
            let (price, basis) = match l.text.split_once(" (") {
                Some((p, b)) => (p.to_string(), Some(b.trim_end_matches(')').to_string())),
                None => (l.text.clone(), None),
            };
            format!(
                "<span class=\"price\">{} {}</span>{}",
                escape_html(&price),
                text(&l.cite),
                basis.map_or(String::new(), |b| format!(
                    "<span class=\"basis\">{}</span>",
                    escape_html(&b)
                ))
            )
        }
        (None, Some(note)) => format!("— <small>({})</small>", escape_html(note)),
        (None, None) => String::new(),
    };
    let change = r.change.as_ref().map_or(String::new(), |c| {
        let dir = if c.text.starts_with('-') {
            " down"
        } else if c.text.starts_with('+') {
            " up"
        } else {
            ""
        };
        format!(
            "<span class=\"chg{dir}\">{} {}</span>",
            escape_html(&c.text),
            text(&c.cite)
        )
    });
    format!(
        "<div class=\"ticker\" data-symbol=\"{sym}\"><span class=\"last\">{last}{change}</span><span class=\"sym\" title=\"{name}\">{sym}</span><span class=\"role\">{role}</span><div class=\"why\">{why}</div>{spark}</div>",
        name = escape_html(&r.name),
        sym = escape_html(&r.symbol),
        role = r.role.as_str(),
        why = text(&r.why),
        spark = r.spark.as_deref().unwrap_or_default()
    )
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
    if let Some(note) = &a.session_note {
        let _ = writeln!(
            out,
            "<p class=\"note session-note\" role=\"note\">{}</p>",
            escape_html(note)
        );
    }
    if !a.lead.is_empty() {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", text(&a.lead));
    }
    if !a.sentiment.reasons.is_empty() {
        list(&mut out, "reasons", &a.sentiment.reasons);
    }
    if !a.related.is_empty() {
        out.push_str("<h2>Related tickers</h2>\n<div class=\"tickers\">");
        for r in &a.related {
            out.push_str(&ticker_card(r));
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
    fn runs_of_markers_print_as_ranges() {
        assert_eq!(
            compress_runs("a [11][12][13][14] b [2][3] c [5][7][8][9]"),
            "a [11–14] b [2][3] c [5][7–9]"
        );
        assert!(text("x [1][2][3]").contains("href=\"#src-1\" title=\"sources 1–3\">[1–3]"));
    }

    #[test]
    fn markers_become_links_and_text_is_escaped() {
        assert_eq!(
            text("S&P fell 1.00% [2][10] [x]"),
            "S&amp;P fell 1.00% <sup><a href=\"#src-2\">[2]</a></sup><sup><a href=\"#src-10\">[10]</a></sup> [x]"
        );
        assert_eq!(text("<script>"), "&lt;script&gt;");
    }
}
