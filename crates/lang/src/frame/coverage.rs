//! Coverage: the reader accounts for every time expression and hard
//! qualifier in a sentence. One that no frame read is attached to the
//! nearest frame of its clause (else of its sentence), which becomes
//! unverifiable, naming the part it could not read — never checked as if
//! the part were not there.
//!
//! Hard qualifiers: a time expression (a date, a period, "since ...", "in
//! three years", "ever"), an intraday time ("at one point", "at 11 a.m."),
//! a superlative left over, "such", "excluding", "except". A time that
//! names the article's own dateline ("NEW YORK, Aug 14 —") or the close
//! ("at 4:15 p.m.") is not a qualifier.

use super::{Frame, When};
use crate::chunk::{Chunks, Time};
use crate::lexicon::lexicon;
use crate::text::Doc;
use model::Date;

/// Marks frames of sentence `s` that leave a hard qualifier unread.
pub fn check(
    doc: &Doc,
    chunks: &Chunks,
    source: &str,
    s: usize,
    time_used: &[bool],
    dateline: Date,
    frames: &mut [Frame],
) {
    let sent = &doc.sentences[s];
    let in_sentence: Vec<usize> = (0..frames.len())
        .filter(|k| frames[*k].sentence == s)
        .collect();
    if in_sentence.is_empty() {
        return;
    }
    let text = |r: std::ops::Range<usize>| -> String {
        if r.is_empty() {
            return String::new();
        }
        source
            .get(doc.tokens[r.start].start..doc.tokens[r.end - 1].end)
            .unwrap_or("")
            .to_string()
    };
    let mut leftovers: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (k, t) in chunks.times.iter().enumerate() {
        if t.tokens.start < sent.tokens.start
            || t.tokens.start >= sent.tokens.end
            || time_used.get(k).copied().unwrap_or(false)
        {
            continue;
        }
        if is_dateline(doc, t.tokens.start, sent.tokens.start) {
            continue;
        }
        match &t.time {
            Time::Clock { close: true } => continue,
            Time::Span { from, to, .. } if *from == *to && *from == dateline => {
                // The article's own day: the default of every frame.
                continue;
            }
            _ => {}
        }
        // The same day named again in the sentence and read there ("After the
        // last such move ended on March 16, 2020, it rose 16.65% from the
        // March 16, 2020 close"): nothing new to read.
        let words = |r: &std::ops::Range<usize>| -> Vec<&str> {
            doc.tokens[r.clone()]
                .iter()
                .map(|t| t.norm.as_str())
                .collect()
        };
        let day_words = words(&t.tokens);
        let repeated = matches!(&t.time, Time::Span { from, to, .. } if from == to)
            && chunks.times.iter().enumerate().any(|(k2, t2)| {
                k2 != k
                    && t2.tokens.start >= sent.tokens.start
                    && t2.tokens.start < sent.tokens.end
                    && time_used.get(k2).copied().unwrap_or(false)
                    && words(&t2.tokens)
                        .windows(day_words.len())
                        .any(|w| w == day_words.as_slice())
            });
        if repeated {
            continue;
        }
        leftovers.push((t.tokens.clone(), text(t.tokens.clone())));
    }
    // Hard qualifier words no frame consumed.
    let lex = lexicon();
    let consumed = |i: usize| {
        frames
            .iter()
            .any(|f| f.sentence == s && f.consumed.iter().any(|r| r.contains(&i)))
    };
    for i in sent.tokens.clone() {
        if chunks.taken[i] || consumed(i) {
            continue;
        }
        let t = &doc.tokens[i];
        // Words that change what a figure measures: an aggregate over many
        // cases ("median", "average"), a future window ("next", "following"),
        // a base rate ("cases", "windows").
        let hard = matches!(
            t.norm.as_str(),
            "such"
                | "excluding"
                | "except"
                | "intraday"
                | "respectively"
                | "median"
                | "mean"
                | "average"
                | "next"
                | "following"
                | "cases"
                | "windows"
                | "typically"
                | "historically"
        ) || lex.is(t, "superlative").is_some()
            // "topped the previous record": the verb, not the superlative "top".
            && !matches!(t.norm.as_str(), "most" | "top" | "tops" | "topped" | "topping");
        if hard {
            leftovers.push((i..i + 1, t.norm.clone()));
        }
    }
    for (r, what) in leftovers {
        // The nearest frame in the same clause, else in the sentence.
        let clause = sent
            .clauses
            .iter()
            .find(|c| c.contains(&r.start))
            .cloned()
            .unwrap_or(sent.tokens.clone());
        let dist = |f: &Frame| {
            if f.span.end <= r.start {
                r.start - f.span.end
            } else {
                f.span.start.saturating_sub(r.end)
            }
        };
        let candidates: Vec<usize> = in_sentence
            .iter()
            .copied()
            .filter(|k| clause.contains(&frames[*k].span.start))
            .collect();
        // In a table row each cell stands alone: a word in the "Why" cell
        // ("Best sector fund on the day.") does not qualify the figures.
        let table_row = doc.tokens[sent.tokens.start].norm == "|";
        let pool = if candidates.is_empty() && !table_row {
            in_sentence.clone()
        } else {
            candidates
        };
        let Some(best) = pool.into_iter().min_by_key(|k| dist(&frames[*k])) else {
            continue;
        };
        let f = &mut frames[best];
        // A frame that read a window of its own keeps it; a stray time then
        // only matters when the frame fell back to the default day.
        let defaulted = matches!(f.when, When::Default) && f.anchor.is_none();
        let time = chunks.times.iter().find(|t| t.tokens == r).map(|t| &t.time);
        let window_kind = matches!(
            time,
            Some(
                Time::Span { .. }
                    | Time::ToDate { .. }
                    | Time::Sessions { .. }
                    | Time::Since { .. }
                    | Time::Clock { close: false }
            )
        );
        // A stray time belongs to a frame only when it is close: in the same
        // comma-delimited stretch, or within four words.
        let (lo, hi) = if r.start >= f.span.end {
            (f.span.end, r.start)
        } else {
            (r.end, f.span.start)
        };
        let near = hi.saturating_sub(lo) <= 4
            || !doc.tokens[lo.min(hi)..hi.max(lo)]
                .iter()
                .any(|t| t.norm == ",");
        let same_clause = clause.contains(&f.span.start);
        if time.is_some() && (!near || !(defaulted || window_kind && same_clause))
            || time.is_none() && !near
        {
            continue;
        }
        f.unread.push(what);
    }
}

/// "NEW YORK, Aug 14 —", "(Bloomberg) --": a date right after a capitalised
/// place at the start of a paragraph is the article's dateline.
fn is_dateline(doc: &Doc, at: usize, sentence_start: usize) -> bool {
    if at > sentence_start + 5 {
        return false;
    }
    let before = &doc.tokens[sentence_start..at];
    !before.is_empty()
        && before.iter().any(|t| t.all_caps)
        && before
            .iter()
            .all(|t| t.all_caps || t.kind == crate::text::TokKind::Punct || t.capitalised)
}
