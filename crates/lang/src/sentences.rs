//! Splitting text into sentences with byte offsets, without breaking at
//! decimals ("7.88"), abbreviations ("Jan.", "U.S.", "e.g.") or initials.
//! Every line break ends a sentence too (bullets and headings are lines).

/// A sentence: its byte span in the text and its paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the line (paragraph) it is in.
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "e.g", "i.e", "vs", "inc", "co", "corp", "dr", "mr", "mrs", "ms", "st", "no", "approx",
    "est", "ltd", "jr", "sr", "etc", "fig", "al",
];

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut start = 0usize;
    let b = text.as_bytes();
    let push = |s: usize, e: usize, p: usize, out: &mut Vec<Sentence>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if seg.trim().is_empty() {
            return;
        }
        out.push(Sentence {
            start: s + lead,
            end: e - trail,
            paragraph: p,
        });
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            push(start, i, paragraph, &mut out);
            paragraph += 1;
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            let next = text[i + 1..].chars().next();
            let after_ok = next.is_none_or(char::is_whitespace)
                || next.is_some_and(|n| {
                    n == '"' || n == '\u{201d}' || n == ')' || n == '\'' || n == '\u{2019}'
                });
            let word_before: String = text[..i]
                .chars()
                .rev()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
                .to_lowercase();
            let is_abbrev = c == b'.'
                && (ABBREVIATIONS.contains(&word_before.as_str())
                    || (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_alphabetic)));
            // The next word starting lowercase or with a digit continues the sentence after an abbreviation.
            if after_ok && !is_abbrev {
                let mut e = i + 1;
                while e < b.len() && matches!(b[e], b'"' | b')' | b'\'') {
                    e += 1;
                }
                push(start, e, paragraph, &mut out);
                start = e;
                i = e;
                continue;
            }
        }
        i += 1;
    }
    push(start, b.len(), paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends_only() {
        let text =
            "The Russell gained 7.88% on Jan. 16 in the U.S. market. Then it fell.\nA bullet line";
        let s: Vec<&str> = sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            s,
            [
                "The Russell gained 7.88% on Jan. 16 in the U.S. market.",
                "Then it fell.",
                "A bullet line"
            ]
        );
        assert_eq!(sentences(text)[2].paragraph, 1);
    }
}
