//! HTML building blocks: escaping, the page layout, and Fact rendering.
//!
//! **Invariant:** every string that did not come from this crate's own
//! literals goes through [`esc`] (or [`attr`]) before it reaches a page.
//! Pages load one stylesheet and one script from `/static/`; the Content
//! Security Policy forbids inline scripts, so nothing echoed can run.

use axum::response::Html;
use model::{Fact, FactValue, Unit};
use std::fmt::Write as _;

/// Escapes text for an HTML text node or a quoted attribute value
/// (`& < > " '`): the report crate's escaper, shared so that the brief and
/// the pages escape alike.
pub(crate) use report::svg::escape as esc;

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

/// Formats a value with its unit as it is printed to a reader.
pub(crate) fn fmt_value(value: &FactValue, unit: Unit) -> String {
    match value {
        FactValue::Number(x) => match unit {
            Unit::Percent => format!("{x:+.2}%"),
            Unit::Share => format!("{x:.1}%"),
            Unit::PercentagePoints => format!("{x:+.2} pp"),
            Unit::BasisPoints => format!("{x:+.0} bp"),
            Unit::Points => fmt_points(*x),
            Unit::Ratio => format!("{x:.2}"),
            _ => format!("{x:.2}"),
        },
        FactValue::Integer(n) => match unit {
            Unit::Sessions => plural(*n, "session"),
            Unit::Months => plural(*n, "month"),
            Unit::Years => plural(*n, "year"),
            Unit::Rank => format!("#{n}"),
            _ => n.to_string(),
        },
        FactValue::Date(d) => d.to_string(),
        FactValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        FactValue::Range { low, high } => format!("{low:.2}%–{high:.2}%"),
        FactValue::Text(t) => t.clone(),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A level with thousands separators and two decimals: `6,940.01`.
pub(crate) fn fmt_points(x: f64) -> String {
    fmt_grouped(x, 2)
}

/// A number with thousands separators and `decimals` decimals: `2,400`,
/// `3.40`. A value that rounds to zero prints without a minus sign.
pub(crate) fn fmt_grouped(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + decimals + 2);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(frac) = frac {
        grouped.push('.');
        grouped.push_str(frac);
    }
    let zero = text.bytes().all(|b| b == b'0' || b == b'.');
    let sign = if x < 0.0 && !zero { "-" } else { "" };
    format!("{sign}{grouped}")
}

/// One Fact as a list item: value, sentence, and a disclosure with the
/// method, the details and the cited inputs.
pub(crate) fn fact_item(label: &str, fact: &Fact) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<li class=\"fact\" data-kind=\"{kind}\"><span class=\"fact-label\">{label}</span> \
         <span class=\"fact-value\">{value}</span>\
         <p class=\"fact-text\">{text}</p><details><summary>How this was computed</summary>\
         <p>Method <code>{method}</code> v{version}, as of {as_of}.</p>",
        kind = attr(&fact.kind),
        label = esc(label),
        value = esc(&fmt_value(&fact.value, fact.unit)),
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
                esc(&fmt_value(&detail.value, detail.unit))
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

    #[test]
    fn groups_thousands() {
        assert_eq!(fmt_points(6940.013), "6,940.01");
        assert_eq!(fmt_points(123.0), "123.00");
        assert_eq!(fmt_points(-1_234_567.891), "-1,234,567.89");
        assert_eq!(fmt_points(0.5), "0.50");
        assert_eq!(fmt_grouped(2400.0, 0), "2,400");
        assert_eq!(fmt_grouped(-0.001, 2), "0.00");
        assert_eq!(fmt_grouped(3.4000000000000004, 1), "3.4");
        assert_eq!(fmt_grouped(-1234.5, 1), "-1,234.5");
    }
}
