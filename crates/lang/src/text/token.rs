//! The one tokenizer: words, numbers and punctuation with byte spans into the
//! text, a normalised form (lowercase; curly quotes, dashes and the minus
//! sign folded) and a stem from the Snowball English stemmer, so that the
//! lexicons list a word once ("climb" matches "climbed", "climbing").
//!
//! Numbers are single tokens with their thousands separators and decimals
//! ("1,527.46"); signs, `%`, `$` and hyphens are tokens of their own, and
//! whether whitespace separates a token from the one before is kept, so the
//! chunkers can tell "-2.21%" from "- 2.21 %" and "seven-day" from "seven - day".

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokKind {
    /// Letters (and `&`, `'` inside: "S&P", "Poor's").
    Word,
    /// Digits, with thousands separators and a decimal part.
    Number,
    /// Anything else, one character at a time.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the first character in the text.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
    /// Lowercase, with typographic variants folded (’ → ', – — − → -).
    pub norm: String,
    /// Snowball stem of `norm` for words; `norm` otherwise.
    pub stem: String,
    /// Whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
    /// A line break (or the start of the text) precedes the token.
    pub newline_before: bool,
    /// The first character is uppercase (a name, a ticker, a sentence start).
    pub capitalised: bool,
    /// Every letter is uppercase and there are at least two ("SPY", "VIX").
    pub all_caps: bool,
}

impl Token {
    /// The token is this word (normalised form).
    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }
    /// The token is a number.
    pub fn is_number(&self) -> bool {
        self.kind == TokKind::Number
    }
    /// The token is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    /// The value of a number token ("1,527.46" → 1527.46).
    pub fn number(&self) -> Option<f64> {
        if self.kind != TokKind::Number {
            return None;
        }
        self.norm.replace(',', "").parse().ok()
    }
    /// Decimals printed by a number token.
    pub fn decimals(&self) -> u8 {
        match self.norm.split_once('.') {
            Some((_, d)) => u8::try_from(d.len()).unwrap_or(u8::MAX),
            None => 0,
        }
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stem of one lowercase word, as the tokenizer computes it.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// Folds typographic variants to ASCII where it matters for reading:
/// curly quotes, dashes and the minus sign, non-breaking spaces.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00a0}' | '\u{2009}' | '\u{202f}' => ' ',
        c => c,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut space_before = true;
    let mut newline_before = true;
    while i < chars.len() {
        let (start, raw) = chars[i];
        let c = fold_char(raw);
        if c.is_whitespace() {
            space_before = true;
            newline_before |= c == '\n';
            i += 1;
            continue;
        }
        let (kind, j) = if c.is_ascii_digit() {
            (TokKind::Number, scan_number(&chars, i))
        } else if is_word_char(c) {
            (TokKind::Word, scan_word(&chars, i))
        } else {
            (TokKind::Punct, i + 1)
        };
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let raw_text = &text[start..end];
        let norm: String = raw_text
            .chars()
            .map(fold_char)
            .flat_map(char::to_lowercase)
            .collect();
        let stem = if kind == TokKind::Word {
            stem(&norm)
        } else {
            norm.clone()
        };
        let letters: Vec<char> = caps_core(raw_text)
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        out.push(Token {
            start,
            end,
            kind,
            stem,
            space_before,
            newline_before,
            capitalised: raw_text.chars().next().is_some_and(char::is_uppercase),
            all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
            norm,
        });
        space_before = false;
        newline_before = false;
        i = j;
    }
    drop_entity_remnants(&mut out);
    split_glued_names(text, &mut out);
    out
}

/// "S&Pclosed", "NASDAQended": a name in capitals run into the next word
/// when a space was lost. Split where three or more lowercase letters
/// follow two or more capitals (or `&`).
fn split_glued_names(text: &str, tokens: &mut Vec<Token>) {
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        if t.kind != TokKind::Word {
            k += 1;
            continue;
        }
        let raw = &text[t.start..t.end];
        let chars: Vec<(usize, char)> = raw.char_indices().collect();
        let caps = chars
            .iter()
            .take_while(|(_, c)| c.is_uppercase() || *c == '&')
            .count();
        let rest = chars.len() - caps;
        let lower_rest = chars[caps..].iter().all(|(_, c)| c.is_lowercase());
        if caps >= 2 && rest >= 3 && lower_rest && raw.contains('&') {
            let cut = t.start + chars[caps].0;
            let make = |start: usize, end: usize, space_before: bool, newline_before: bool| {
                let raw = &text[start..end];
                let norm: String = raw
                    .chars()
                    .map(fold_char)
                    .flat_map(char::to_lowercase)
                    .collect();
                let letters: Vec<char> = caps_core(raw)
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect();
                Token {
                    start,
                    end,
                    kind: TokKind::Word,
                    stem: stem(&norm),
                    space_before,
                    newline_before,
                    capitalised: raw.chars().next().is_some_and(char::is_uppercase),
                    all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
                    norm,
                }
            };
            let a = make(t.start, cut, t.space_before, t.newline_before);
            let b = make(cut, t.end, true, false);
            tokens[k] = a;
            tokens.insert(k + 1, b);
            k += 2;
        } else {
            k += 1;
        }
    }
}

/// Digits with `,` between groups of three and one `.` before decimals.
fn scan_number(chars: &[(usize, char)], mut i: usize) -> usize {
    let digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    while digit(i) {
        i += 1;
    }
    // Thousands groups: ",ddd" not followed by another digit.
    loop {
        let sep = chars.get(i).map(|(_, c)| *c);
        if sep == Some(',') && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
            i += 4;
        } else {
            break;
        }
    }
    if chars.get(i).map(|(_, c)| *c) == Some('.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    i
}

/// Letters, with `&` and `'` inside a word ("S&P", "Poor's", "Lehman's").
fn scan_word(chars: &[(usize, char)], mut i: usize) -> usize {
    let letter = |k: usize| chars.get(k).is_some_and(|(_, c)| is_word_char(*c));
    while letter(i) {
        i += 1;
        let inner = chars.get(i).map(|(_, c)| fold_char(*c));
        if matches!(inner, Some('&') | Some('\'')) && letter(i + 1) {
            i += 1;
        }
    }
    i
}

/// "S&P; 500" is the remnant of a badly unescaped "S&amp;P 500": a `;`
/// glued to a word that holds `&` is dropped.
fn drop_entity_remnants(tokens: &mut Vec<Token>) {
    let mut k = 1;
    while k < tokens.len() {
        if tokens[k].norm == ";" && !tokens[k].space_before && tokens[k - 1].norm.contains('&') {
            tokens.remove(k);
        } else {
            k += 1;
        }
    }
}

/// A word without its possessive "'s", for telling tickers ("XLE's") from words.
fn caps_core(raw: &str) -> &str {
    raw.strip_suffix("'s")
        .or_else(|| raw.strip_suffix("\u{2019}s"))
        .unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        tokenize(text)
            .iter()
            .map(|t| {
                let sp = if t.space_before { " " } else { "" };
                format!("{sp}{}", t.norm)
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn tokens_table() {
        let cases: &[(&str, &str)] = &[
            (
                "The S&P 500 fell 1,527.46",
                " the| s&p| 500| fell| 1,527.46",
            ),
            ("down -2.21%.", " down| -|2.21|%|."),
            ("a seven-day streak", " a| seven|-|day| streak"),
            ("Poor\u{2019}s 500", " poor's| 500"),
            ("3.50%\u{2013}3.75%", " 3.50|%|-|3.75|%"),
            ("The S&P; 500 Index", " the| s&p| 500| index"),
            ("1,09 and 1,092 months", " 1|,|09| and| 1,092| months"),
            ("the S&Pclosed at 882.92", " the| s&p| closed| at| 882.92"),
            ("9/11", " 9|/|11"),
        ];
        for (text, want) in cases {
            assert_eq!(show(text), *want, "{text}");
        }
    }

    #[test]
    fn stems_join_word_forms() {
        for (a, b) in [
            ("climbed", "climbing"),
            ("surged", "surge"),
            ("declines", "declined"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Le\u{2019}s \u{2212}3% move";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}
