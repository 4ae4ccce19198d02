//! Lexicons as data: the words the reader knows, in TOML files compiled in.
//!
//! Each file maps a *category* (a table such as `[move]`) to *labels* (its
//! keys, such as `up`) and each label to a list of phrases. Phrases are
//! matched by word stems from the tokenizer's Snowball stemmer, so a word is
//! listed once in any of its regular forms ("climb" also matches "climbed",
//! "climbing"); hyphens and spaces are alike. The files:
//!
//! - `measures.toml`: moves, levels, streaks, records, superlatives, nouns
//!   of measured quantities, Fed policy words;
//! - `time.toml`: words the time recogniser reads (relative days, period
//!   nouns, lookback words, time of day);
//! - `quantity.toml`: hedges and units;
//! - `words.toml`: glue and filler words a question may contain without
//!   changing its meaning, coreference terms, and topics the data cannot
//!   decide (with what is missing);
//! - `events.toml`: named market events and their dates ("Black Monday");
//! - `question.toml`: question words (what is asked, comparisons, windows
//!   such as "rolling", follow-up openers such as "and what about").
//!
//! To add a word, add it to the right list; the recogniser that reads the
//! category has a table test to which the new form should be added.

use crate::text::{stem, tokenize, TokKind, Token};
use std::collections::HashMap;
use std::sync::OnceLock;

const FILES: &[(&str, &str)] = &[
    ("measures.toml", include_str!("measures.toml")),
    ("time.toml", include_str!("time.toml")),
    ("quantity.toml", include_str!("quantity.toml")),
    ("words.toml", include_str!("words.toml")),
    ("events.toml", include_str!("events.toml")),
    ("question.toml", include_str!("question.toml")),
];

/// One phrase of a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Phrase {
    stems: Vec<String>,
    category: String,
    label: String,
}

/// A match of a lexicon phrase in a token slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'l> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The label within the category (e.g. `up` in `[move]`).
    pub label: &'l str,
}

/// Every lexicon, indexed by the first stem of each phrase.
#[derive(Debug)]
pub struct Lexicon {
    by_first: HashMap<String, Vec<Phrase>, foldhash::fast::RandomState>,
    n_phrases: usize,
}

/// The lexicons compiled into the binary.
///
/// # Panics
/// Never at run time for a released build: a malformed lexicon file fails
/// the lexicon's own test (`lexicons_load`) first.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| match Lexicon::load() {
        Ok(l) => l,
        Err(e) => panic!("a compiled-in lexicon is malformed: {e}"),
    })
}

/// Stems of a phrase as the tokenizer reads it, hyphens dropped.
pub fn phrase_stems(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .into_iter()
        .filter(|t| t.norm != "-")
        .map(|t| {
            if t.kind == TokKind::Word {
                stem(&t.norm)
            } else {
                t.norm
            }
        })
        .collect()
}

impl Lexicon {
    fn load() -> Result<Lexicon, String> {
        let mut by_first: HashMap<String, Vec<Phrase>, foldhash::fast::RandomState> =
            HashMap::default();
        let mut n_phrases = 0;
        for (file, text) in FILES {
            let table: toml::Table = text.parse().map_err(|e| format!("{file}: {e}"))?;
            for (category, labels) in &table {
                let labels = labels
                    .as_table()
                    .ok_or_else(|| format!("{file}: [{category}] is not a table"))?;
                for (label, phrases) in labels {
                    let phrases = phrases
                        .as_array()
                        .ok_or_else(|| format!("{file}: {category}.{label} is not a list"))?;
                    for p in phrases {
                        let p = p.as_str().ok_or_else(|| {
                            format!("{file}: {category}.{label} holds a non-string")
                        })?;
                        let stems = phrase_stems(p);
                        let Some(first) = stems.first().cloned() else {
                            return Err(format!("{file}: {category}.{label}: empty phrase"));
                        };
                        n_phrases += 1;
                        by_first.entry(first).or_default().push(Phrase {
                            stems,
                            category: category.clone(),
                            label: label.clone(),
                        });
                    }
                }
            }
        }
        // Longest phrases first, so the first match at a position is the longest.
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.stems.len()));
        }
        Ok(Lexicon {
            by_first,
            n_phrases,
        })
    }

    /// How many phrases the lexicons hold.
    pub fn len(&self) -> usize {
        self.n_phrases
    }

    /// The lexicons hold no phrase (never, for the compiled-in ones).
    pub fn is_empty(&self) -> bool {
        self.n_phrases == 0
    }

    /// The longest phrase of `category` starting at token `i` of `tokens`
    /// (and ending before `limit`).
    pub fn longest<'l>(
        &'l self,
        tokens: &[Token],
        i: usize,
        limit: usize,
        category: &str,
    ) -> Option<Hit<'l>> {
        let first = tokens.get(i)?;
        let list = self.by_first.get(&first.stem)?;
        list.iter()
            .filter(|p| p.category == category)
            .find_map(|p| match_at(tokens, i, limit, &p.stems).map(|end| (end, p)))
            .map(|(end, p)| Hit {
                start: i,
                end,
                label: &p.label,
            })
    }

    /// Every category with a phrase starting at token `i`, longest first:
    /// `(category, hit)`.
    pub fn all_at<'l>(
        &'l self,
        tokens: &[Token],
        i: usize,
        limit: usize,
    ) -> Vec<(&'l str, Hit<'l>)> {
        let Some(first) = tokens.get(i) else {
            return Vec::new();
        };
        let Some(list) = self.by_first.get(&first.stem) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|p| {
                match_at(tokens, i, limit, &p.stems).map(|end| {
                    (
                        p.category.as_str(),
                        Hit {
                            start: i,
                            end,
                            label: &p.label,
                        },
                    )
                })
            })
            .collect()
    }

    /// Every phrase of `category`, as stems.
    pub fn phrases(&self, category: &str) -> Vec<&[String]> {
        self.by_first
            .values()
            .flatten()
            .filter(|p| p.category == category)
            .map(|p| p.stems.as_slice())
            .collect()
    }

    /// Every phrase of `category` with its label, as stems.
    pub fn labelled(&self, category: &str) -> Vec<(&[String], &str)> {
        self.by_first
            .values()
            .flatten()
            .filter(|p| p.category == category)
            .map(|p| (p.stems.as_slice(), p.label.as_str()))
            .collect()
    }

    /// Whether the single token `t` is a phrase of `category` on its own.
    pub fn is(&self, t: &Token, category: &str) -> Option<&str> {
        self.by_first.get(&t.stem)?.iter().find_map(|p| {
            (p.category == category && p.stems.len() == 1).then_some(p.label.as_str())
        })
    }
}

/// Matches `stems` at token `i`, skipping hyphen tokens; returns the end.
fn match_at(tokens: &[Token], i: usize, limit: usize, stems: &[String]) -> Option<usize> {
    let mut k = i;
    for s in stems {
        while k < limit && tokens[k].norm == "-" && k > i {
            k += 1;
        }
        if k >= limit || tokens[k].stem != *s && tokens[k].norm != *s {
            return None;
        }
        k += 1;
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        let lex = Lexicon::load().unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.len() > 300, "{} phrases", lex.len());
    }

    #[test]
    fn word_forms_match_by_stem() {
        let lex = lexicon();
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("surging", "move", Some("up")),
            ("surged", "move", Some("up")),
            ("fell", "move", Some("down")),
            ("losses", "move", Some("down")),
            ("climbing", "move", Some("up")),
            ("streaks", "streak", Some("words")),
            ("in a row", "streak", Some("words")),
            ("all-time high", "record", Some("words")),
            ("all time highs", "record", Some("words")),
            ("banana", "move", None),
        ];
        for (text, category, want) in cases {
            let tokens = tokenize(text);
            let got = lex
                .longest(&tokens, 0, tokens.len(), category)
                .map(|h| h.label);
            assert_eq!(got, *want, "{text}");
        }
    }
}
