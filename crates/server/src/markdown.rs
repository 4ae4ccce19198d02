//! A small Markdown-to-HTML renderer for the methods document.
//!
//! It covers what our docs use: headings, paragraphs, bullet and numbered
//! lists (with continuation lines), fenced code, pipe tables, and inline
//! code, bold, italics and links. All text is escaped first, so the output
//! can never carry markup that was not produced here. Links are kept only
//! for `http(s)://`, `/` and `#` targets.

use crate::html::{attr, esc};
use std::fmt::Write as _;

/// Renders `text` to HTML. Headings get ids from their text.
pub(crate) fn to_html(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if !paragraph.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(&paragraph.join(" ")));
            paragraph.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut out);
            i += 1;
        } else if trimmed.starts_with("```") {
            flush(&mut paragraph, &mut out);
            i += 1;
            let mut code = String::new();
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push_str(lines[i]);
                code.push('\n');
                i += 1;
            }
            i += 1;
            let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(&code));
        } else if let Some((level, title)) = heading(trimmed) {
            flush(&mut paragraph, &mut out);
            let _ = writeln!(
                out,
                "<h{level} id=\"{}\">{}</h{level}>",
                attr(&slug(title)),
                inline(title)
            );
            i += 1;
        } else if trimmed.starts_with('|') {
            flush(&mut paragraph, &mut out);
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            out.push_str(&table(&lines[start..i]));
        } else if list_item(trimmed).is_some() {
            flush(&mut paragraph, &mut out);
            let ordered = list_item(trimmed).is_some_and(|(o, _)| o);
            let mut items: Vec<String> = Vec::new();
            while i < lines.len() {
                let t = lines[i].trim();
                if let Some((_, rest)) = list_item(t) {
                    items.push(rest.to_string());
                } else if !t.is_empty() && lines[i].starts_with(' ') && !items.is_empty() {
                    if let Some(last) = items.last_mut() {
                        last.push(' ');
                        last.push_str(t);
                    }
                } else {
                    break;
                }
                i += 1;
            }
            let tag = if ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", inline(&item));
            }
            let _ = writeln!(out, "</{tag}>");
        } else {
            paragraph.push(trimmed);
            i += 1;
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = line.get(level..)?;
    ((1..=6).contains(&level) && rest.starts_with(' ')).then(|| (level, rest.trim()))
}

/// `(ordered, text)` when the line starts a list item.
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return Some((true, rest));
        }
    }
    None
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn table(lines: &[&str]) -> String {
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let is_rule = |line: &str| line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
    let mut out = String::from("<div class=\"table-wrap\"><table>");
    let mut rows = lines.iter();
    if let Some(head) = rows.next() {
        out.push_str("<thead><tr>");
        for c in cells(head) {
            let _ = write!(out, "<th scope=\"col\">{}</th>", inline(&c));
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in rows.filter(|r| !is_rule(r)) {
        out.push_str("<tr>");
        for c in cells(row) {
            let _ = write!(out, "<td>{}</td>", inline(&c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// Inline markup on escaped text: `code`, **bold**, *italics*, [links](url).
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find(['`', '*', '[']) {
        out.push_str(&esc(&rest[..pos]));
        let tail = &rest[pos..];
        if let Some(body) = tail.strip_prefix('`') {
            if let Some(end) = body.find('`') {
                let _ = write!(out, "<code>{}</code>", esc(&body[..end]));
                rest = &body[end + 1..];
                continue;
            }
        } else if let Some(body) = tail.strip_prefix("**") {
            if let Some(end) = body.find("**") {
                let _ = write!(out, "<strong>{}</strong>", inline(&body[..end]));
                rest = &body[end + 2..];
                continue;
            }
        } else if let Some(body) = tail.strip_prefix('*') {
            if let Some(end) = body.find('*').filter(|e| *e > 0) {
                let _ = write!(out, "<em>{}</em>", inline(&body[..end]));
                rest = &body[end + 1..];
                continue;
            }
        } else if let Some(body) = tail.strip_prefix('[') {
            if let Some((label, after)) = body.split_once("](") {
                if let Some((url, after)) = after.split_once(')') {
                    let safe = url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with('/')
                        || url.starts_with('#');
                    if safe && !label.contains(']') {
                        let _ = write!(out, "<a href=\"{}\">{}</a>", attr(url), inline(label));
                    } else {
                        out.push_str(&inline(label));
                    }
                    rest = after;
                    continue;
                }
            }
        }
        // Not markup: emit the character literally.
        let c = tail.chars().next().map_or(1, char::len_utf8);
        out.push_str(&esc(&tail[..c]));
        rest = &tail[c..];
    }
    out.push_str(&esc(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_common_blocks() {
        let html = to_html(
            "# Methods\n\nA *streak* is `up`\nacross lines.\n\n- one\n  continued\n- **two**\n\n\
             1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx < y\n```\n",
        );
        assert!(html.contains("<h1 id=\"methods\">Methods</h1>"), "{html}");
        assert!(html.contains("<p>A <em>streak</em> is <code>up</code> across lines.</p>"));
        assert!(html.contains("<ul><li>one continued</li><li><strong>two</strong></li></ul>"));
        assert!(html.contains("<ol><li>first</li><li>second</li></ol>"));
        assert!(html.contains("<th scope=\"col\">a</th>") && html.contains("<td>2</td>"));
        assert!(html.contains("<pre><code>x &lt; y\n</code></pre>"));
    }

    #[test]
    fn never_passes_markup_or_unsafe_links_through() {
        let html = to_html("<script>x</script> [a](javascript:alert(1)) [b](/methods)");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("javascript:\""));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<a href=\"/methods\">b</a>"));
    }
}
