//! `/methods`: the definitions every Fact's method refers to.
//!
//! Renders `docs/methods.md` (embedded at build time by `build.rs`) when the
//! workspace has it, else the definitions contract from the design brief.

use crate::html;
use crate::markdown;
use axum::response::Html;

/// `docs/methods.md` as it was at build time (empty when absent).
const METHODS_MD: &str = include_str!(concat!(env!("OUT_DIR"), "/methods.md"));
/// The definitions contract, used when `docs/methods.md` is absent.
const DEFINITIONS_MD: &str = include_str!("../assets/definitions.md");

/// The Markdown shown on `/methods`.
pub(crate) fn methods_markdown() -> &'static str {
    if METHODS_MD.trim().is_empty() {
        DEFINITIONS_MD
    } else {
        METHODS_MD
    }
}

/// `GET /methods`: the definitions for a reader, without the code map
/// (source paths and function names are for developers; they stay in
/// `docs/methods.md`).
pub(crate) async fn page() -> Html<String> {
    let body = format!(
        "<article id=\"method-definitions\" class=\"methods\">{}</article>",
        markdown::to_html(&for_readers(methods_markdown()))
    );
    html::page("Methods", "/methods", &body)
}

/// Sections that record how the code evolved, not what a method does.
const DEVELOPER_SECTIONS: [&str; 1] = ["## Event study: streak dating"];

/// `docs/methods.md` for a reader: developer-history sections dropped,
/// sentences that only say where code lives dropped, and parenthesised
/// code references (`` (`crates/facts`) ``, `` (`Engine::price_series`) ``)
/// removed from the rest.
pub(crate) fn for_readers(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut skipping = false;
    for block in md.split("\n\n") {
        let first = block.lines().next().unwrap_or("");
        if first.starts_with("## ") {
            skipping = DEVELOPER_SECTIONS.iter().any(|h| first.starts_with(h));
        }
        if skipping {
            continue;
        }
        let cleaned = strip_code_refs(block);
        // A sentence whose point is a source path goes.
        let kept: Vec<&str> = split_sentences(&cleaned)
            .into_iter()
            .filter(|s| !is_code_ref_sentence(s))
            .collect();
        let text = drop_inline_code_refs(&kept.join(" "));
        if text.trim().is_empty() {
            continue;
        }
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    out
}

/// Whether inline code names a place in the source tree.
fn is_code_ref(code: &str) -> bool {
    code.starts_with("crates/")
        || code.contains("::")
        || code.ends_with(".rs")
        || code.ends_with(".py")
        || code.ends_with(".toml")
}

/// Removes `` (`crates/x`) `` and `` (`A::b`, `C::d`) `` parentheticals
/// whose every item is a code reference; keeps the rest of the text.
fn strip_code_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (`") {
        let after = &rest[open + 2..];
        let Some(close) = after.find(')') else {
            break;
        };
        let inner = &after[..close];
        let items: Vec<&str> = inner.split(", ").collect();
        let all_code = items.iter().all(|i| {
            let i = i.trim();
            i.starts_with('`') && i.ends_with('`') && is_code_ref(i.trim_matches('`'))
        });
        if all_code {
            out.push_str(&rest[..open]);
        } else {
            out.push_str(&rest[..open + 2 + close + 1]);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Any code reference left inside a sentence: "`crates/model/fomc.toml`: "
/// goes with its colon, "in `crates/…`" reads "in the fact engine", a bare
/// one goes.
fn drop_inline_code_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            break;
        };
        let code = &after[..close];
        let mut tail = &after[close + 1..];
        if is_code_ref(code) {
            let before = &rest[..open];
            if before.ends_with("in ") {
                out.push_str(before);
                out.push_str("the fact engine");
            } else {
                out.push_str(before.trim_end_matches(['(', ' ']));
                if before.ends_with('(') {
                    out.push_str(" (");
                }
                tail = tail.strip_prefix(": ").unwrap_or(tail);
                if before.ends_with(' ') && !before.ends_with("( ") {
                    out.push(' ');
                }
            }
        } else {
            out.push_str(&rest[..open + 1 + close + 1]);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Sentences of a prose block (a heading, list or code block is one piece).
fn split_sentences(block: &str) -> Vec<&str> {
    let structural = block.starts_with('#')
        || block.starts_with("- ")
        || block.starts_with("1. ")
        || block.starts_with("```")
        || block.starts_with('|');
    if structural {
        return vec![block];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = block.as_bytes();
    for i in 0..bytes.len() {
        let end_of_sentence = bytes[i] == b'.'
            && bytes.get(i + 1).is_some_and(|b| *b == b' ' || *b == b'\n')
            && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        if end_of_sentence {
            out.push(&block[start..=i]);
            start = i + 2;
        }
    }
    out.push(&block[start..]);
    out
}

/// A sentence that only says where code lives ("The kernels live in
/// `crates/facts/src/kernels/`.").
fn is_code_ref_sentence(sentence: &str) -> bool {
    let s = sentence.trim();
    (s.contains("`crates/") || s.contains("::")) && (s.contains(" live in ") || s.len() < 90)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_page_names_no_code() {
        let page = for_readers(methods_markdown());
        for internal in [
            "crates/facts",
            "Engine::price_series",
            "Engine::known_len",
            "crates/ask",
        ] {
            assert!(!page.contains(internal), "{internal} on the methods page");
        }
        // The definitions themselves stay.
        assert!(page.contains("## return.period v3"));
        assert!(page.contains("close / previous session"), "{page}");
    }

    #[test]
    fn code_parentheticals_go_and_other_ones_stay() {
        assert_eq!(
            strip_code_refs("pure (`crates/facts`) and (`close`, else `value`) (`A::b`, `C::d`)."),
            "pure and (`close`, else `value`)."
        );
    }
}
