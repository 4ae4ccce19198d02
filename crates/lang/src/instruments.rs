//! Finding instruments in text: the longest registry name, alias or ticker
//! at word boundaries.
//!
//! Tickers (all-uppercase aliases such as `IWM`, `SPX`) match only as written;
//! names and aliases match case-insensitively, with hyphens, spaces and
//! apostrophes treated alike ("small-caps" = "small caps") and a leading
//! "the" optional. A few aliases that are also everyday words ("won",
//! "pound", "momentum") are not scanned for in running text.

use model::Registry;
use std::borrow::Cow;
use std::collections::HashMap;

/// One instrument named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Canonical symbol.
    pub symbol: String,
}

/// Aliases never scanned for in running text: everyday words.
const NOT_IN_PROSE: &[&str] = &[
    "won",
    "pound",
    "cable",
    "mom",
    "momentum",
    "rf",
    "communication",
    "communications",
    "ether",
    "euro",
    "dollar",
    "the dollar",
    "nifty",
    "the broader market",
    "banks",
    "policy rate",
    "the policy rate",
    "energy",
    "materials",
    "silver",
    "gold",
    "oil",
    "crude",
    "copper",
    "discretionary",
    "staples",
    "yen",
    "yuan",
    "sterling",
    "tech",
    "high yield",
    "investment grade",
    "size factor",
    "value factor",
    "small value",
    "small growth",
    "large value",
    "large growth",
    "small blend",
    "large blend",
    "big value",
    "big growth",
    "big blend",
    "trailing earnings",
    "real earnings",
    "real dividends",
    "consumer prices",
];

#[derive(Debug, Clone)]
struct Alias {
    words: Vec<String>,
    case_sensitive: bool,
    symbol: String,
}

/// Scans text for instruments. Build once per registry, reuse for every text.
#[derive(Debug, Clone)]
pub struct InstrumentFinder {
    by_first: HashMap<String, Vec<Alias>>,
}

/// A word of text: byte span and lowercase form (borrowed when already lowercase).
#[derive(Debug, Clone)]
pub(crate) struct Word<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) lower: Cow<'a, str>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&' || c == '^'
}

/// Splits text into words (letters, digits, `&`, `^`; digits joined across
/// `.` and `,`), with byte spans.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_word_char(c) {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            let joins_digits = (d == '.' || d == ',')
                && j > 0
                && bytes[j - 1].is_ascii_digit()
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
            if is_word_char(d) || joins_digits {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let w = &text[start..end];
        let lower = if w.chars().any(char::is_uppercase) {
            Cow::Owned(w.to_lowercase())
        } else {
            Cow::Borrowed(w)
        };
        out.push(Word { start, end, lower });
    }
    out
}

fn is_ticker(alias: &str) -> bool {
    let core = alias.trim_start_matches('^');
    (2..=6).contains(&core.len())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && core.chars().any(|c| c.is_ascii_uppercase())
}

impl InstrumentFinder {
    /// Builds the finder from every symbol, name and alias in the registry.
    pub fn new(registry: &Registry) -> InstrumentFinder {
        let mut by_first: HashMap<String, Vec<Alias>> = HashMap::new();
        for inst in registry.instruments() {
            let names = std::iter::once(&inst.symbol)
                .chain(std::iter::once(&inst.name))
                .chain(inst.aliases.iter());
            for name in names {
                let norm = model::instrument::normalize_name(name);
                if NOT_IN_PROSE.contains(&norm.as_str()) {
                    continue;
                }
                let case_sensitive = is_ticker(name);
                let ws: Vec<String> = words(&norm)
                    .into_iter()
                    .map(|w| w.lower.into_owned())
                    .collect();
                let Some(first) = ws.first().cloned() else {
                    continue;
                };
                let ws = if case_sensitive {
                    words(name.trim())
                        .into_iter()
                        .map(|w| text_of(name.trim(), &w))
                        .collect()
                } else {
                    ws
                };
                let list = by_first.entry(first).or_default();
                if !list
                    .iter()
                    .any(|a| a.words == ws && a.case_sensitive == case_sensitive)
                {
                    list.push(Alias {
                        words: ws,
                        case_sensitive,
                        symbol: inst.symbol.clone(),
                    });
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|a| std::cmp::Reverse(a.words.len()));
        }
        InstrumentFinder { by_first }
    }

    /// Every instrument mention, left to right, longest match first, no overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let ws = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let mut best: Option<(usize, &Alias)> = None;
            if let Some(cands) = self.by_first.get(ws[i].lower.as_ref()) {
                for a in cands {
                    if best.is_some_and(|(n, _)| n >= a.words.len()) {
                        break;
                    }
                    if self.matches_at(text, &ws, i, a) {
                        best = Some((a.words.len(), a));
                    }
                }
            }
            // "10-year" alone names the Treasury only as "the 10-year" or before yield words.
            if let Some((n, a)) = best.filter(|(n, a)| !bare_tenor_in_prose(&ws, i, *n, a)) {
                out.push(Mention {
                    start: ws[i].start,
                    end: ws[i + n - 1].end,
                    symbol: a.symbol.clone(),
                });
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    fn matches_at(&self, text: &str, ws: &[Word], i: usize, a: &Alias) -> bool {
        if i + a.words.len() > ws.len() {
            return false;
        }
        for (k, aw) in a.words.iter().enumerate() {
            let w = &ws[i + k];
            if a.case_sensitive {
                if text[w.start..w.end] != **aw {
                    return false;
                }
            } else if *w.lower != **aw {
                return false;
            }
            if k > 0 {
                // Only spaces, hyphens, apostrophes or an abbreviation's dot between words.
                let gap = &text[ws[i + k - 1].end..w.start];
                if gap.chars().count() > 3
                    || !gap.chars().all(|c| {
                        c == ' '
                            || c == '-'
                            || c == '\''
                            || c == '\u{2019}'
                            || c == '.'
                            || c == '\u{2011}'
                    })
                {
                    return false;
                }
            }
        }
        // A ticker followed by a lowercase-joined word is a word, not a ticker.
        true
    }
}

fn bare_tenor_in_prose(ws: &[Word], i: usize, n: usize, a: &Alias) -> bool {
    let number_word = a.words[0].chars().all(|c| c.is_ascii_digit())
        || matches!(
            a.words[0].as_str(),
            "one" | "two" | "three" | "five" | "six" | "seven" | "ten" | "twenty" | "thirty"
        );
    let bare = n == 2 && number_word && a.words[1] == "year";
    if !bare {
        return false;
    }
    let after = ws.get(i + n).map(|w| w.lower.as_ref());
    let before_the = i > 0 && ws[i - 1].lower == "the";
    let yieldish = matches!(
        after,
        Some(
            "yield"
                | "yields"
                | "treasury"
                | "treasuries"
                | "note"
                | "notes"
                | "bond"
                | "bonds"
                | "rate"
                | "rates"
        )
    );
    !(yieldish
        || (before_the
            && !matches!(
                after,
                Some(
                    "window"
                        | "windows"
                        | "period"
                        | "periods"
                        | "stretch"
                        | "span"
                        | "average"
                        | "high"
                        | "low"
                        | "run"
                        | "streak"
                        | "lag"
                        | "trend"
                        | "horizon"
                )
            )))
}

fn text_of(text: &str, w: &Word) -> String {
    text[w.start..w.end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> InstrumentFinder {
        let reg = Registry::builtin().expect("builtin registry");
        InstrumentFinder::new(&reg)
    }

    fn syms(text: &str) -> Vec<String> {
        finder().find(text).into_iter().map(|m| m.symbol).collect()
    }

    #[test]
    fn names_aliases_and_tickers() {
        assert_eq!(syms("small caps beat large-caps"), ["^RUT", "^GSPC"]);
        assert_eq!(syms("The Russell 2000’s record close"), ["^RUT"]);
        assert_eq!(syms("IWM and the S&P"), ["IWM", "^GSPC"]);
        assert_eq!(syms("the tech-heavy Nasdaq 100 fell"), ["^NDX"]);
        assert_eq!(syms("Wall Street's fear gauge jumped"), ["^VIX"]);
        assert_eq!(syms("Consumer Defensive at +0.25%"), ["XLP"]);
        assert_eq!(syms("the 10-year Treasury yield rose"), ["DGS10"]);
        assert_eq!(syms("the iShares Russell 2000 ETF (IWM)"), ["IWM", "IWM"]);
    }

    #[test]
    fn tickers_are_case_sensitive_and_words_are_not_tickers() {
        assert!(syms("iwm is not written like this").is_empty());
        assert!(syms("the team won and will pound the table").is_empty());
        assert_eq!(syms("Industrials led; Healthcare dropped"), ["XLI", "XLV"]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "Rally — the Russell 2000 rose";
        let m = &finder().find(text)[0];
        assert_eq!(&text[m.start..m.end], "Russell 2000");
    }
}
