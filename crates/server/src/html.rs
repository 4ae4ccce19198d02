//! HTML building blocks: escaping, the page layout, and Fact rendering.
//!
//! **Invariant:** every string that did not come from this crate's own
//! literals goes through [`esc`] (or [`attr`]) before it reaches a page.
//! Pages load one stylesheet and one script from `/static/`; the Content
//! Security Policy forbids inline scripts, so nothing echoed can run.

use axum::response::Html;
use model::display::{fact_value, Audience};
use model::{Fact, Unit};
use std::fmt::Write as _;

/// Escapes text for an HTML text node or a quoted attribute value
/// (`& < > " '`): the shared escaper, so that the brief, the check and
/// answer pages and these pages escape alike.
pub(crate) use model::display::escape_html as esc;

/// Escapes text for a quoted attribute value (same rules as [`esc`]).
pub(crate) fn attr(text: &str) -> String {
    esc(text)
}

/// Percent-encodes a path segment (symbols such as `^GSPC`).
pub(crate) fn url_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The navigation entries: (path, label).
const NAV: [(&str, &str); 6] = [
    ("/", "Brief"),
    ("/instruments", "Instruments"),
    ("/check", "Check"),
    ("/ask", "Ask"),
    ("/sources", "Sources"),
    ("/methods", "Methods"),
];

/// A complete page: `title` is plain text (escaped here), `active` is the
/// navigation path to highlight, `body` is trusted HTML built by this crate.
pub(crate) fn page(title: &str, active: &str, body: &str) -> Html<String> {
    let mut nav = String::new();
    for (path, label) in NAV {
        let current = if path == active {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(nav, "<li><a href=\"{path}\"{current}>{label}</a></li>");
    }
    Html(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · marketproof</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"/static/style.css?v={v}\">\n\
         <script src=\"/static/app.js?v={v}\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to content</a>\n\
         <header class=\"site\"><a class=\"brand\" href=\"/\">marketproof</a>\n\
         <nav aria-label=\"Main\"><ul>{nav}</ul></nav></header>\n\
         <main id=\"main\" tabindex=\"-1\">\n{body}\n</main>\n\
         <footer class=\"site\"><p>Every figure is computed from the imported data by a named \
         method; see <a href=\"/methods\">Methods</a> and <a href=\"/sources\">Sources</a>. \
         Not investment advice.</p></footer>\n</body>\n</html>\n",
        title = esc(title),
        v = crate::assets::VERSION,
    ))
}

/// One Fact as a list item: value, sentence, and a disclosure with the
/// method, the details and the cited inputs.
pub(crate) fn fact_item(label: &str, fact: &Fact) -> String {
    let value = match (fact.kind.as_str(), fact.value.as_f64()) {
        // A volatility is a size, never a signed change.
        ("volatility", Some(x)) if fact.unit == Unit::Percent => format!("{x:.2}%"),
        _ => fact_value(&fact.value, fact.unit, Audience::Reader),
    };
    fact_item_valued(label, fact, &value)
}

/// [`fact_item`] with the value printed as `value` (a rate's level without
/// a sign, say).
pub(crate) fn fact_item_valued(label: &str, fact: &Fact, value: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<li class=\"fact\" data-kind=\"{kind}\"><span class=\"fact-label\">{label}</span> \
         <span class=\"fact-value\">{value}</span>\
         <p class=\"fact-text\">{text}</p><details><summary>How this was computed</summary>\
         <p>Method <code>{method}</code> v{version}, as of {as_of}.</p>",
        kind = attr(&fact.kind),
        label = esc(label),
        value = esc(value),
        text = esc(&fact.text),
        method = esc(&fact.method.id),
        version = fact.method.version,
        as_of = fact.as_of,
    );
    if !fact.details.is_empty() {
        out.push_str("<dl class=\"details\">");
        for (name, detail) in &fact.details {
            let _ = write!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                esc(&name.replace('_', " ")),
                esc(&fact_value(&detail.value, detail.unit, Audience::Reader))
            );
        }
        out.push_str("</dl>");
    }
    out.push_str(&inputs_list(fact));
    out.push_str("</details></li>");
    out
}

/// The cited inputs of a Fact as an ordered list.
pub(crate) fn inputs_list(fact: &Fact) -> String {
    if fact.inputs.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ol class=\"inputs\">");
    for input in &fact.inputs {
        let _ = write!(
            out,
            "<li>{} {} {} – {}, <span class=\"source\">{}</span></li>",
            esc(&input.instrument),
            esc(input.field.as_str()),
            input.from,
            input.to,
            esc(&input.source_path)
        );
    }
    out.push_str("</ol>");
    out
}

/// A list item saying why a Fact is missing (the engine's error message).
pub(crate) fn missing_item(label: &str, reason: &str) -> String {
    format!(
        "<li class=\"fact missing\"><span class=\"fact-label\">{}</span> \
         <span class=\"fact-value\">n/a</span><p class=\"fact-text\">{}</p></li>",
        esc(label),
        esc(reason)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn encodes_symbols_for_paths() {
        assert_eq!(url_segment("^GSPC"), "%5EGSPC");
        assert_eq!(url_segment("FF_ME_LO30"), "FF_ME_LO30");
        assert_eq!(url_segment("a/../b"), "a%2F..%2Fb");
    }
}
