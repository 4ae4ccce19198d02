//! Bounding what a tool returns: an assistant's context is small, and a
//! whole series or a brief with its SVG charts is not.
//!
//! Text is cut at a character boundary with a note saying how much was
//! left out; JSON is shrunk by halving its largest array or string until it
//! fits, so it stays valid JSON, and every cut is listed in a `truncated`
//! note at the top level.

use serde_json::Value;
use std::collections::BTreeMap;

/// Most characters of text content one tool result carries.
pub const MAX_TEXT_CHARS: usize = 60_000;

/// Most bytes of structured (JSON) content one tool result carries.
pub const MAX_JSON_BYTES: usize = 120_000;

/// Cuts `text` to at most `max_chars` characters, appending a note that
/// says how many were left out and how to get the rest.
pub fn text(text: &str, max_chars: usize, how_to_get_more: &str) -> String {
    let n_chars = text.chars().count();
    if n_chars <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!(
        "{cut}\n\n[truncated: {} of {n_chars} characters left out; {how_to_get_more}]",
        n_chars - max_chars
    )
}

/// Shrinks `value` until its JSON is at most `max_bytes` long by halving the
/// largest array (keeping its first half) or string, and returns one note
/// per cut, e.g. `points: kept 250 of 1000 items`. When the value is an
/// object and anything was cut, the notes are also put under `truncated`.
pub fn json(value: &mut Value, max_bytes: usize) -> Vec<String> {
    // Original lengths per path, so a note says "of N" even after several halvings.
    let mut original: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    // Each round at least halves one node; 64 rounds cut anything of realistic size.
    for _ in 0..64 {
        if size(value) <= max_bytes {
            break;
        }
        let Some((path, _)) = largest(value, String::new()) else {
            break;
        };
        let Some(node) = pointer_mut(value, &path) else {
            break;
        };
        match node {
            Value::Array(items) => {
                original.entry(path.clone()).or_insert(items.len());
                let keep = items.len() / 2;
                items.truncate(keep);
                kept.insert(path, (keep, true));
            }
            Value::String(s) => {
                let n = s.chars().count();
                original.entry(path.clone()).or_insert(n);
                let keep = n / 2;
                *s = s.chars().take(keep).collect();
                kept.insert(path, (keep, false));
            }
            _ => break,
        }
    }
    let notes: Vec<String> = kept
        .iter()
        .map(|(path, (keep, is_array))| {
            let of = original.get(path).copied().unwrap_or(*keep);
            let what = if *is_array { "items" } else { "characters" };
            let name = if path.is_empty() { "/" } else { path.as_str() };
            format!("{name}: kept {keep} of {of} {what}")
        })
        .collect();
    if !notes.is_empty() {
        if let Value::Object(map) = value {
            map.insert(
                "truncated".to_string(),
                Value::Array(notes.iter().cloned().map(Value::String).collect()),
            );
        }
    }
    notes
}

fn size(value: &Value) -> usize {
    serde_json::to_string(value).map_or(0, |s| s.len())
}

/// The JSON pointer and size of the largest array (of two or more items)
/// or long string (over 200 characters) in `value`.
fn largest(value: &Value, path: String) -> Option<(String, usize)> {
    let own = match value {
        Value::Array(items) if items.len() >= 2 => Some((path.clone(), size(value))),
        Value::String(s) if s.len() > 200 => Some((path.clone(), s.len())),
        _ => None,
    };
    let children: Box<dyn Iterator<Item = (String, &Value)>> = match value {
        Value::Array(items) => Box::new(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}/{i}"), v)),
        ),
        Value::Object(map) => Box::new(
            map.iter()
                .map(|(k, v)| (format!("{path}/{}", escape_pointer(k)), v)),
        ),
        _ => Box::new(std::iter::empty()),
    };
    let mut best = own;
    for (child_path, child) in children {
        if let Some(candidate) = largest(child, child_path) {
            // Prefer the parent array on ties: cutting it removes the most.
            if best.as_ref().is_none_or(|b| candidate.1 > b.1) {
                best = Some(candidate);
            }
        }
    }
    best
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn pointer_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    if path.is_empty() {
        Some(value)
    } else {
        value.pointer_mut(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_text_is_unchanged_and_long_text_says_what_was_cut() {
        assert_eq!(text("abc", 10, "ask for less"), "abc");
        let cut = text("abcdefghij", 4, "ask for less");
        assert!(cut.starts_with("abcd\n"), "{cut}");
        assert!(cut.contains("6 of 10 characters left out; ask for less"));
    }

    #[test]
    fn json_is_halved_until_it_fits_and_stays_valid() {
        let points: Vec<Value> = (0..1000).map(|i| json!({"i": i})).collect();
        let mut v = json!({"name": "x", "points": points});
        let notes = json(&mut v, 2_000);
        assert!(serde_json::to_string(&v).expect("json").len() <= 2_200);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("/points: kept "), "{notes:?}");
        assert!(notes[0].ends_with(" of 1000 items"), "{notes:?}");
        assert_eq!(v["name"], "x");
        assert!(v["truncated"].is_array());
    }

    #[test]
    fn small_json_is_untouched() {
        let mut v = json!({"a": [1, 2, 3]});
        assert!(json(&mut v, 1_000).is_empty());
        assert_eq!(v, json!({"a": [1, 2, 3]}));
    }
}
