//! Turning what a user hands us into text the reader can read, with a map
//! back to the original bytes so that claims are highlighted where they were
//! written.
//!
//! Accepts UTF-8 (with or without a BOM), UTF-16 with a BOM, plain text,
//! Markdown and HTML. Rejects binary input (NUL bytes, or more than a small
//! share of invalid UTF-8) and anything over [`MAX_INPUT_BYTES`].

use crate::CheckError;
use serde::{Deserialize, Serialize};

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// Share of invalid UTF-8 bytes tolerated (replaced) before input is called binary.
const MAX_INVALID_SHARE: f64 = 0.01;

/// What the input is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Guess from the content.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

/// Text ready for the reader: `plain` with, for every byte of it, the byte
/// offset in `original` it came from.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The decoded input.
    pub original: String,
    /// Markup stripped.
    pub plain: String,
    /// `map[i]` = offset in `original` of plain byte `i`; one extra entry for the end.
    pub map: Vec<usize>,
    /// The format used.
    pub format: InputFormat,
}

impl Prepared {
    /// Maps a plain-text span to the original text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.map.get(start).copied().unwrap_or(self.original.len());
        let b = if end == 0 {
            a
        } else {
            // The end of the last byte: its start plus its length in the original.
            let last = self
                .map
                .get(end - 1)
                .copied()
                .unwrap_or(self.original.len());
            let len = self.original[last..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            (last + len).max(a)
        };
        (a, b.min(self.original.len()))
    }
}

/// Decodes bytes to text.
///
/// # Errors
/// [`CheckError::TooLarge`], [`CheckError::Binary`] or [`CheckError::Empty`].
pub fn decode(bytes: &[u8]) -> Result<String, CheckError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(CheckError::TooLarge {
            bytes: bytes.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    // UTF-16 with a byte-order mark.
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let (a, b) = (c[0], c.get(1).copied().unwrap_or(0));
                if le {
                    u16::from_le_bytes([a, b])
                } else {
                    u16::from_be_bytes([a, b])
                }
            })
            .collect();
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return check_text(text);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(CheckError::Binary {
            reason: format!("a NUL byte at offset {pos}"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_string()),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.matches(char::REPLACEMENT_CHARACTER).count();
            let share = bad as f64 / bytes.len().max(1) as f64;
            if share > MAX_INVALID_SHARE {
                return Err(CheckError::Binary {
                    reason: format!(
                        "{bad} of {} bytes are not valid UTF-8 (save the file as UTF-8)",
                        bytes.len()
                    ),
                });
            }
            check_text(lossy.into_owned())
        }
    }
}

fn check_text(text: String) -> Result<String, CheckError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(CheckError::TooLarge {
            bytes: text.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    if text.contains('\0') {
        return Err(CheckError::Binary {
            reason: "a NUL character".into(),
        });
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > text.chars().count().max(1) && control > 8 {
        return Err(CheckError::Binary {
            reason: format!("{control} control characters"),
        });
    }
    Ok(text)
}

/// Guesses the format of `text`.
pub fn sniff(text: &str) -> InputFormat {
    let head: String = text
        .chars()
        .take(4000)
        .collect::<String>()
        .to_ascii_lowercase();
    let tags = [
        "<html", "<body", "<p>", "<p ", "<div", "<br", "<h1", "<h2", "<li", "<span", "</p>",
        "<article",
    ];
    if tags.iter().any(|t| head.contains(t)) {
        return InputFormat::Html;
    }
    let md = head.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### ") || t.starts_with("> ")
    }) || head.contains("**")
        || head.contains("](");
    if md {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

/// Strips markup, keeping the byte map.
pub fn prepare(original: String, hint: InputFormat) -> Prepared {
    let format = match hint {
        InputFormat::Auto => sniff(&original),
        f => f,
    };
    let mut out = Builder::default();
    match format {
        InputFormat::Html => strip_html(&original, &mut out),
        InputFormat::Markdown => strip_markdown(&original, &mut out),
        _ => {
            for (i, c) in original.char_indices() {
                let c = if c == '\r' { ' ' } else { c };
                out.push(c, i);
            }
        }
    }
    out.map.push(original.len());
    Prepared {
        plain: out.text,
        map: out.map,
        original,
        format,
    }
}

#[derive(Default)]
struct Builder {
    text: String,
    map: Vec<usize>,
}

impl Builder {
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push(at);
        }
    }
    fn newline(&mut self, at: usize) {
        if !self.text.ends_with('\n') {
            self.push('\n', at);
        }
    }
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "hellip" => '\u{2026}',
        "minus" => '\u{2212}',
        "times" => '\u{d7}',
        "asymp" => '\u{2248}',
        "tilde" => '~',
        "dollar" => '$',
        "percnt" => '%',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    })
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "title",
    "hr",
    "pre",
    "dt",
    "dd",
];

fn strip_html(src: &str, out: &mut Builder) {
    let lower = src.to_ascii_lowercase();
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        if rest.starts_with("<!--") {
            i = lower[i..].find("-->").map_or(src.len(), |k| i + k + 3);
            continue;
        }
        if rest.starts_with('<') {
            // The '>' (ASCII, so a char boundary), else the end of the text.
            let close = lower[i..].find('>').map(|k| i + k);
            let end = close.map_or(src.len(), |k| k + 1);
            let tag = lower[i + 1..close.unwrap_or(src.len()).max(i + 1)]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("")
                .to_string();
            if (tag == "script" || tag == "style") && !lower[i + 1..].starts_with('/') {
                let close = format!("</{tag}");
                i = lower[end..].find(&close).map_or(src.len(), |k| {
                    let j = end + k;
                    lower[j..].find('>').map_or(src.len(), |m| j + m + 1)
                });
                continue;
            }
            if BLOCK_TAGS.contains(&tag.as_str()) {
                out.newline(i);
            }
            i = end;
            continue;
        }
        if rest.starts_with('&') {
            let mut cap = rest.len().min(12);
            while !rest.is_char_boundary(cap) {
                cap -= 1;
            }
            if let Some(semi) = rest[..cap].find(';') {
                if let Some(c) = entity(&rest[1..semi]) {
                    out.push(c, i);
                    i += semi + 1;
                    continue;
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        let c = if c == '\r' { ' ' } else { c };
        out.push(c, i);
        i += c.len_utf8().max(1);
        while !src.is_char_boundary(i) {
            i += 1;
        }
    }
}

fn strip_markdown(src: &str, out: &mut Builder) {
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let mut i = line_start;
        let end = line_start + line.len();
        // Leading markers: headings, quotes, bullets.
        // Indentation only: a blank line's newline is kept, so paragraphs stay apart.
        let trimmed = line.trim_start_matches([' ', '\t']);
        let mut skip = line.len() - trimmed.len();
        for marker in [
            "###### ", "##### ", "#### ", "### ", "## ", "# ", "> ", "- ", "* ", "+ ",
        ] {
            if trimmed.starts_with(marker) {
                skip += marker.len();
                break;
            }
        }
        for k in 0..skip {
            if src.as_bytes()[line_start + k] == b' ' {
                out.push(' ', line_start + k);
            }
        }
        i += skip;
        while i < end {
            let rest = &src[i..end];
            if rest.starts_with("**") || rest.starts_with("__") {
                i += 2;
                continue;
            }
            if rest.starts_with('`') {
                i += 1;
                continue;
            }
            // [text](url) → text
            if rest.starts_with('[') {
                if let Some(close) = rest.find("](") {
                    if let Some(paren) = rest[close..].find(')') {
                        let text_end = i + close;
                        for (k, c) in src[i + 1..text_end].char_indices() {
                            out.push(c, i + 1 + k);
                        }
                        i = i + close + paren + 1;
                        continue;
                    }
                }
            }
            let prev = src[..i].chars().next_back();
            let c = rest.chars().next().unwrap_or(' ');
            // Single * or _ as emphasis (not inside words or numbers).
            if (c == '*' || c == '_') && prev.is_none_or(|p| !p.is_alphanumeric()) {
                i += 1;
                continue;
            }
            if (c == '*' || c == '_')
                && rest[1..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
            {
                i += 1;
                continue;
            }
            let c = if c == '\r' { ' ' } else { c };
            out.push(c, i);
            i += c.len_utf8().max(1);
        }
        line_start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped_with_offsets() {
        let src = "<p>The <b>Russell&nbsp;2000</b> rose 1.2%&mdash;a gain.</p><script>x=1</script>"
            .to_string();
        let p = prepare(src, InputFormat::Auto);
        assert_eq!(p.format, InputFormat::Html);
        assert_eq!(p.plain.trim(), "The Russell 2000 rose 1.2%\u{2014}a gain.");
        let at = p.plain.find("1.2%").expect("number kept");
        let (a, b) = p.original_span(at, at + 4);
        assert_eq!(&p.original[a..b], "1.2%");
    }

    #[test]
    fn markdown_is_stripped_with_offsets() {
        let src = "# Title\n\n**The S&P 500** rose [1.2%](http://x) on *Friday*.\n".to_string();
        let p = prepare(src, InputFormat::Auto);
        assert_eq!(p.format, InputFormat::Markdown);
        assert!(
            p.plain.contains("The S&P 500 rose 1.2% on Friday."),
            "{}",
            p.plain
        );
        let at = p.plain.find("1.2%").expect("number kept");
        let (a, b) = p.original_span(at, at + 4);
        assert_eq!(&p.original[a..b], "1.2%");
    }

    #[test]
    fn an_unclosed_tag_before_a_wide_char_is_kept_whole() {
        // Found by the random-text property test: no '>' after '<' and a
        // four-byte character at the end.
        let p = prepare("a <p b\u{1F574}".to_string(), InputFormat::Html);
        assert!(p.plain.starts_with('a'), "{:?}", p.plain);
    }

    #[test]
    fn bad_bytes_are_clear_errors() {
        assert!(matches!(
            decode(b"abc\0def"),
            Err(CheckError::Binary { .. })
        ));
        let latin: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0xE9 } else { b'a' })
            .collect();
        assert!(matches!(decode(&latin), Err(CheckError::Binary { .. })));
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode(&big), Err(CheckError::TooLarge { .. })));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("S&P".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).ok().as_deref(), Some("S&P"));
        assert_eq!(decode(b"\xEF\xBB\xBFhi").ok().as_deref(), Some("hi"));
    }
}
