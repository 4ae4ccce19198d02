//! Text into tokens, sentences, clauses and paragraphs.
//!
//! A sentence ends at `.`, `!` or `?` unless the word before is an
//! abbreviation ("Jan.", "U.S.", "p.m.") and what follows is not a new
//! sentence; every line break ends a sentence and starts a paragraph when a
//! blank line or a bullet marks it. Clauses split a sentence at `;`, `:`,
//! spaced dashes and the conjunctions that start a new statement
//! (", while", ", and the ..."); they are soft barriers for the frame builder:
//! a number looks for its measure, subject and window in its own clause
//! first.

mod token;

pub use token::{fold_char, stem, tokenize, TokKind, Token};

use std::ops::Range;

/// A tokenized text with its sentences.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// The sentences, in text order.
    pub sentences: Vec<Sentence>,
}

/// One sentence: a range of tokens and its clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Token range.
    pub tokens: Range<usize>,
    /// Paragraph number (a blank line, a bullet or a heading starts one).
    pub paragraph: usize,
    /// Clause ranges of tokens, covering the sentence in order.
    pub clauses: Vec<Range<usize>>,
}

impl Doc {
    /// Tokenizes `text` and finds its sentences and clauses.
    pub fn new(text: &str) -> Doc {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        Doc { tokens, sentences }
    }

    /// Byte span of a token range in the text.
    pub fn span(&self, range: &Range<usize>) -> (usize, usize) {
        if range.is_empty() {
            let at = self.tokens.get(range.start).map_or(0, |t| t.start);
            return (at, at);
        }
        (
            self.tokens[range.start].start,
            self.tokens[range.end - 1].end,
        )
    }

    /// Index of the sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        self.sentences.iter().position(|s| s.tokens.contains(&i))
    }
}

/// Abbreviations after which a `.` does not end a sentence (lowercase, no dot).
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u", "s",
    "k", "e", "g", "i", "vs", "inc", "co", "corp", "dr", "mr", "mrs", "ms", "st", "no", "approx",
    "est", "ltd", "jr", "sr", "etc", "fig", "al", "p", "m", "a", "n", "y",
];

fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut start = 0usize;
    let close = |s: usize, e: usize, p: usize, out: &mut Vec<Sentence>| {
        if s < e {
            out.push(Sentence {
                tokens: s..e,
                paragraph: p,
                clauses: split_clauses(tokens, s..e),
            });
        }
    };
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if i > 0 && t.newline_before {
            if i > start {
                close(start, i, paragraph, &mut out);
                start = i;
            }
            // Also after a line that ended its sentence with a full stop.
            if starts_paragraph(text, tokens, i) {
                paragraph += 1;
            }
        }
        if matches!(t.norm.as_str(), "." | "!" | "?") && ends_sentence(tokens, i) {
            close(start, i + 1, paragraph, &mut out);
            start = i + 1;
        }
    }
    close(start, tokens.len(), paragraph, &mut out);
    out
}

/// A blank line, a bullet ("-", "*", "•") or a Markdown heading starts a paragraph.
fn starts_paragraph(text: &str, tokens: &[Token], i: usize) -> bool {
    let prev_end = tokens[i - 1].end;
    let gap = &text[prev_end..tokens[i].start];
    gap.matches('\n').count() >= 2 || matches!(tokens[i].norm.as_str(), "-" | "*" | "•" | "#")
}

fn ends_sentence(tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return true;
    };
    if next.newline_before {
        return true;
    }
    // "5.2%." then "The": a capitalised word, a quote or a bracket after a space.
    let starts_new = next.space_before
        && (next.capitalised || matches!(next.norm.as_str(), "\"" | "(" | "[" | "-"));
    let prev = i.checked_sub(1).map(|k| &tokens[k]);
    let abbreviation =
        prev.filter(|p| p.kind == TokKind::Word && ABBREVIATIONS.contains(&p.norm.as_str()));
    match abbreviation {
        // "Jan. 16", "U.S. Federal Reserve", "4:15 p.m. in New York" go on;
        // after initials ("U.S.", "p.m.") a sentence opener starts a new one.
        Some(p) => {
            starts_new && p.norm.len() == 1 && SENTENCE_OPENERS.contains(&next.norm.as_str())
        }
        None => starts_new,
    }
}

/// Words that open a sentence after an abbreviation's dot.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "for",
    "meanwhile",
    "however",
    "stocks",
    "shares",
    "investors",
    "we",
    "they",
];

/// Words that start a new statement after a comma.
const CLAUSE_CONJUNCTIONS: &[&str] = &["while", "whereas", "but", "although", "though", "and"];

/// Words after which a spaced dash does not break a clause ("at — 1.51%").
const BEFORE_DASH_NO_BREAK: &[&str] = &["at", "to", "of", "by", "from", "was", "is", "about"];

fn split_clauses(tokens: &[Token], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let t = &tokens[i];
        let next = tokens.get(i + 1).filter(|_| i + 1 < range.end);
        let spaced_dash = t.norm == "-" && t.space_before && next.is_some_and(|n| n.space_before);
        let dash_breaks = spaced_dash
            && !(i > 0 && BEFORE_DASH_NO_BREAK.contains(&tokens[i - 1].norm.as_str()))
            && !next.is_some_and(|n| {
                matches!(n.norm.as_str(), "or" | "and") || n.kind == TokKind::Number
            });
        // "|" separates the cells of a Markdown table.
        let hard = matches!(t.norm.as_str(), ";" | ":" | "|") || dash_breaks;
        // ", while", ", but", ", and": a new statement after a comma.
        let soft =
            t.norm == "," && next.is_some_and(|n| CLAUSE_CONJUNCTIONS.contains(&n.norm.as_str()));
        // "... and the CBOE Vix ...", "while the Nasdaq ...": a new subject.
        let bare = i > start
            && matches!(t.norm.as_str(), "while" | "and" | "but")
            && !tokens[i - 1].norm.eq(",")
            && next.is_some_and(|n| n.norm == "the" || n.capitalised)
            && tokens
                .get(i + 2)
                .is_some_and(|n2| n2.capitalised || n2.kind == TokKind::Number)
            && i - start >= 4;
        if (hard || soft) && i > start {
            out.push(start..i);
            start = i + 1;
        } else if bare {
            out.push(start..i);
            start = i;
        }
        i += 1;
    }
    if start < range.end {
        out.push(start..range.end);
    }
    if out.is_empty() {
        out.push(range);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.sentences
            .iter()
            .map(|s| {
                let (a, b) = doc.span(&s.tokens);
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn sentences_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "On Jan. 17, 1991, oil fell. The S&P 500 rose 3.7 percent.",
                &["On Jan. 17, 1991, oil fell.", "The S&P 500 rose 3.7 percent."],
            ),
            (
                "U.S. stocks fell 1.1%. Bonds rose.",
                &["U.S. stocks fell 1.1%.", "Bonds rose."],
            ),
            (
                "jumped 35 percent at 4:15 p.m. in New York, the highest close since July 2010.",
                &["jumped 35 percent at 4:15 p.m. in New York, the highest close since July 2010."],
            ),
            (
                "today to 11862.13\n\n--Up for two days\n\n--Up 317.22 points",
                &["today to 11862.13", "--Up for two days", "--Up 317.22 points"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sentences_of(text), *want, "{text}");
        }
    }

    #[test]
    fn clauses_split_at_semicolons_dashes_and_while() {
        let text = "The Russell rose 2.06 to 349.3; the Wilshire jumped 74.1 \u{2014} a record, while the Nasdaq fell 1.7%.";
        let doc = Doc::new(text);
        let s = &doc.sentences[0];
        let clauses: Vec<String> = s
            .clauses
            .iter()
            .map(|c| {
                let (a, b) = doc.span(c);
                text[a..b].to_string()
            })
            .collect();
        assert_eq!(
            clauses,
            [
                "The Russell rose 2.06 to 349.3",
                "the Wilshire jumped 74.1",
                "a record",
                "while the Nasdaq fell 1.7%."
            ]
        );
    }
}
