//! Vetting a draft: every sentence goes through the claim checker, and only
//! sentences whose every figure the data supports are kept.
//!
//! A sentence is **kept** when each numeric claim the checker reads in it is
//! supported and every other number in it is a date part or is the value of
//! one of those claims' Facts at its printed precision; its citation markers
//! are then ours, `[fN]` for the Facts that support it (the brief's ids when
//! the brief has the same Fact). Otherwise it is **replaced** by the Facts'
//! own sentences for the Facts the model cited (the brief's wording, which
//! the engine wrote), or **removed** when it cited none the brief has; both
//! are listed in the redline with what the model wrote and what the data says.

use check::{CheckReport, Checker, Verdict};
use model::{Date, Fact, FactValue};
use report::Article;
use serde::Serialize;

/// What became of one sentence of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Every figure in it is supported; kept with our citations.
    Kept,
    /// Replaced by the brief's own sentences for the Facts it cited.
    Replaced,
    /// Removed: a figure is wrong or unreadable and it cited no Fact of the brief.
    Removed,
}

impl Action {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Kept => "kept",
            Action::Replaced => "replaced",
            Action::Removed => "removed",
        }
    }
}

/// One claim the checker read in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimNote {
    /// The words of the claim.
    pub quote: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The value claimed, as printed.
    pub claimed: String,
    /// What the data says, when it has a value.
    pub actual: Option<String>,
    /// Why.
    pub explanation: String,
}

/// One sentence of the draft and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceReport {
    /// The section it was in.
    pub section: String,
    /// The sentence as the model wrote it (its citation markers included).
    pub written: String,
    /// Kept, replaced or removed.
    pub action: Action,
    /// Why it was not kept (each wrong or unreadable figure).
    pub reasons: Vec<String>,
    /// The claims the checker read in it.
    pub claims: Vec<ClaimNote>,
    /// What the article says in its place (`None` when removed).
    pub now: Option<String>,
    /// Fact ids cited by `now`.
    pub cites: Vec<String>,
}

/// A section of the vetted draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VettedSection {
    /// Heading.
    pub heading: String,
    /// Paragraphs, each sentence with its citations.
    pub paragraphs: Vec<String>,
}

/// The vetted draft: the article that survives and the redline of what did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vetted {
    /// The session.
    pub date: Date,
    /// The brief's title.
    pub title: String,
    /// The model that wrote the draft.
    pub model: String,
    /// The surviving article.
    pub sections: Vec<VettedSection>,
    /// Every sentence of the draft, in order.
    pub sentences: Vec<SentenceReport>,
    /// Every Fact the article cites: the brief's (same ids) and any other
    /// Fact the checker computed to support a sentence (ids `d1`, `d2`...).
    pub facts: Vec<Fact>,
}

impl Vetted {
    /// How many sentences were kept, replaced, removed.
    pub fn count(&self, action: Action) -> usize {
        self.sentences.iter().filter(|s| s.action == action).count()
    }
}

/// A sentence as parsed: its text without citation markers and the Fact ids
/// the model cited.
#[derive(Debug, Clone, PartialEq)]
struct Sentence {
    written: String,
    text: String,
    cited: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Paragraph {
    prefix: String,
    sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq)]
struct Section {
    heading: String,
    paragraphs: Vec<Paragraph>,
}

/// Removes citation markers (`[f3]`, `[f3, f7]`, `[f3][f7]`) and returns
/// the text and the ids.
fn strip_markers(s: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(s.len());
    let mut ids = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        let close = after.find(']');
        let inner = close.map(|c| &after[1..c]);
        let parsed: Option<Vec<String>> = inner.and_then(|inner| {
            let parts: Vec<String> = inner.split(',').map(|p| p.trim().to_string()).collect();
            let ok = !parts.is_empty()
                && parts.iter().all(|p| {
                    p.len() >= 2
                        && (p.starts_with('f') || p.starts_with('d'))
                        && p[1..].chars().all(|c| c.is_ascii_digit())
                });
            ok.then_some(parts)
        });
        match (parsed, close) {
            (Some(parts), Some(c)) => {
                out.push_str(before.trim_end_matches(' '));
                for p in parts {
                    if !ids.contains(&p) {
                        ids.push(p);
                    }
                }
                rest = &after[c + 1..];
            }
            _ => {
                out.push_str(before);
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    (out.trim().to_string(), ids)
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "inc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mr", "ms", "dr", "st", "no", "u.s", "etc", "approx", "corp", "co",
];

/// Splits a paragraph into sentences at `.`, `!` or `?` followed by a space
/// and a capital, a digit or a quote — not after an abbreviation or inside
/// a decimal. Markers that follow the period are moved before the split.
fn split_sentences(p: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Citation markers right after the stop belong to this sentence.
        let mut j = i + 1;
        let mut end_byte = at + c.len_utf8();
        loop {
            while chars.get(j).is_some_and(|(_, c)| *c == ' ') {
                j += 1;
            }
            if chars.get(j).is_some_and(|(_, c)| *c == '[') {
                let close = chars[j..].iter().position(|(_, c)| *c == ']');
                match close {
                    Some(k) if k < 16 => {
                        end_byte = chars[j + k].0 + 1;
                        j += k + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            break;
        }
        let Some(&(_, next)) = chars.get(j) else {
            continue;
        };
        if j == i + 1 {
            continue; // no space after the stop: a decimal point or an abbreviation like U.S.
        }
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '(' | '*'))
        {
            continue;
        }
        if c == '.' {
            let word: String = p[start..at]
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("")
                .to_lowercase();
            if ABBREVIATIONS.contains(&word.as_str()) || (word.len() == 1 && word != "%") {
                continue;
            }
        }
        out.push(p[start..end_byte].trim().to_string());
        start = chars.get(j).map_or(p.len(), |(b, _)| *b);
    }
    let tail = p[start..].trim();
    if !tail.is_empty() {
        out.push(tail.to_string());
    }
    out
}

/// Parses the model's Markdown into sections of paragraphs of sentences.
fn parse(draft: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: String::new(),
        paragraphs: Vec::new(),
    }];
    let mut buffer: Vec<String> = Vec::new();
    let mut prefix = String::new();
    fn flush(sections: &mut [Section], buffer: &mut Vec<String>, prefix: &mut String) {
        if buffer.is_empty() {
            return;
        }
        let joined = buffer.join(" ");
        buffer.clear();
        let sentences = split_sentences(&joined)
            .into_iter()
            .map(|written| {
                let (text, cited) = strip_markers(&written);
                Sentence {
                    written,
                    text,
                    cited,
                }
            })
            .filter(|s| !s.text.is_empty())
            .collect();
        if let Some(section) = sections.last_mut() {
            section.paragraphs.push(Paragraph {
                prefix: std::mem::take(prefix),
                sentences,
            });
        }
    }
    for line in draft.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut sections, &mut buffer, &mut prefix);
            continue;
        }
        if let Some(h) = trimmed.strip_prefix('#') {
            flush(&mut sections, &mut buffer, &mut prefix);
            let heading = h.trim_start_matches('#').trim();
            let (heading, _) = strip_markers(heading);
            sections.push(Section {
                heading,
                paragraphs: Vec::new(),
            });
            continue;
        }
        let bullet = ["- ", "* ", "• "]
            .iter()
            .find(|b| trimmed.starts_with(**b))
            .map(|b| (*b, &trimmed[b.len()..]));
        if let Some((_, rest)) = bullet {
            flush(&mut sections, &mut buffer, &mut prefix);
            prefix = "- ".to_string();
            buffer.push(rest.to_string());
            flush(&mut sections, &mut buffer, &mut prefix);
            continue;
        }
        buffer.push(trimmed.to_string());
    }
    flush(&mut sections, &mut buffer, &mut prefix);
    sections.retain(|s| !s.heading.is_empty() || !s.paragraphs.is_empty());
    sections
}

/// A number written in a sentence: its byte span, value and decimals.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Number {
    start: usize,
    end: usize,
    value: f64,
    decimals: u32,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Index and product names that contain numbers.
const NAME_PREFIXES: &[&str] = &[
    "s&p ",
    "russell ",
    "nasdaq ",
    "nasdaq-",
    "wilshire ",
    "dow ",
];

/// The numbers in `s` that are figures: not part of a date, not in a name.
fn figures(s: &str) -> Vec<Number> {
    let bytes = s.as_bytes();
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || ((bytes[end] == b',' || bytes[end] == b'.')
                    && end + 1 < bytes.len()
                    && bytes[end + 1].is_ascii_digit()))
        {
            end += 1;
        }
        i = end;
        let token = &s[start..end];
        // ISO dates 2026-01-16 and ranges of them.
        if token.len() == 4 && bytes.get(end) == Some(&b'-') && bytes.get(end + 3) == Some(&b'-') {
            i = (end + 6).min(bytes.len());
            continue;
        }
        let clean = token.replace(',', "");
        let Ok(value) = clean.parse::<f64>() else {
            continue;
        };
        let decimals = clean
            .split_once('.')
            .map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0));
        let before = &lower[..start];
        if NAME_PREFIXES.iter().any(|p| before.ends_with(p)) {
            continue;
        }
        let after = &lower[end..];
        if [
            "-year treasury",
            "-year yield",
            "-year note",
            "-day moving",
            "-day average",
        ]
        .iter()
        .any(|p| after.starts_with(p))
        {
            continue;
        }
        let prev_words: Vec<&str> = before
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .rev()
            .take(3)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let after_month = prev_words.first().is_some_and(|w| MONTHS.contains(w));
        let is_day = decimals == 0 && (1.0..=31.0).contains(&value);
        let day_then_month = is_day
            && after
                .trim_start()
                .split(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| MONTHS.contains(&w));
        if is_day && (after_month || day_then_month) {
            continue;
        }
        let is_year = decimals == 0 && !token.contains(',') && (1800.0..=2100.0).contains(&value);
        let year_words = [
            "in", "of", "late", "early", "mid", "during", "through", "from", "to", "and", "by",
            "for", "until", "q1", "q2", "q3", "q4", "fiscal", "year",
        ];
        if is_year
            && !after.starts_with('%')
            && (prev_words.iter().any(|w| MONTHS.contains(w))
                || prev_words.first().is_some_and(|w| year_words.contains(w)))
        {
            continue;
        }
        out.push(Number {
            start,
            end,
            value,
            decimals,
        });
    }
    out
}

/// Whether `x` printed with `decimals` decimals is `value` rounded the same way.
fn same_at_precision(x: f64, decimals: u32, value: f64) -> bool {
    let half = 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0)) + 1e-9;
    (x - value).abs() <= half || (x - value.abs()).abs() <= half
}

/// Every numeric value of a Fact: its value and its numeric details.
fn fact_numbers(fact: &Fact) -> Vec<f64> {
    let mut out: Vec<f64> = fact.value.as_f64().into_iter().collect();
    if let FactValue::Range { low, high } = fact.value {
        out.extend([low, high]);
    }
    out.extend(fact.details.values().filter_map(|d| d.value.as_f64()));
    out
}

/// The same Fact in the brief, if it has it.
fn brief_id(article: &Article, fact: &Fact) -> Option<String> {
    article
        .facts
        .iter()
        .find(|b| {
            b.text == fact.text
                || (b.kind == fact.kind
                    && b.subjects == fact.subjects
                    && b.window == fact.window
                    && match (b.value.as_f64(), fact.value.as_f64()) {
                        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                        _ => b.value == fact.value,
                    })
        })
        .map(|b| b.id.clone())
}

/// Puts citation markers before a sentence's final stop.
fn with_markers(text: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return text.to_string();
    }
    let markers: String = ids.iter().map(|id| format!("[{id}]")).collect();
    let trimmed = text.trim_end();
    match trimmed.char_indices().last() {
        Some((at, c)) if matches!(c, '.' | '!' | '?') => {
            format!("{} {markers}{c}", trimmed[..at].trim_end())
        }
        _ => format!("{trimmed} {markers}"),
    }
}

/// The text checked: sections and paragraphs as Markdown, with each
/// sentence's byte span in it.
fn layout(sections: &[Section]) -> (String, Vec<(usize, usize)>) {
    let mut doc = String::new();
    let mut spans = Vec::new();
    for s in sections {
        if !s.heading.is_empty() {
            doc.push_str("## ");
            doc.push_str(&s.heading);
            doc.push_str("\n\n");
        }
        for p in &s.paragraphs {
            for (k, sentence) in p.sentences.iter().enumerate() {
                if k > 0 {
                    doc.push(' ');
                }
                let start = doc.len();
                doc.push_str(&sentence.text);
                spans.push((start, doc.len()));
            }
            doc.push_str("\n\n");
        }
    }
    (doc, spans)
}

/// What the checker found in one sentence.
struct Judged<'r> {
    notes: Vec<ClaimNote>,
    reasons: Vec<String>,
    supported: Vec<&'r check::CheckedClaim>,
}

/// Judges the sentence at `span` of the checked text: the verdict of each
/// claim in it, and each number that no supported claim accounts for.
fn judge<'r>(report: &'r CheckReport, span: (usize, usize), text: &str) -> Judged<'r> {
    let (s_start, s_end) = span;
    let claims: Vec<&check::CheckedClaim> = report
        .claims
        .iter()
        .filter(|c| c.start >= s_start && c.end <= s_end)
        .collect();
    let notes: Vec<ClaimNote> = claims
        .iter()
        .map(|c| ClaimNote {
            quote: report.text.get(c.start..c.end).unwrap_or("").to_string(),
            verdict: c.verdict,
            claimed: c.claimed.clone(),
            actual: c.actual.clone(),
            explanation: c.explanation.clone(),
        })
        .collect();
    let mut reasons: Vec<String> = Vec::new();
    for (c, note) in claims.iter().zip(&notes) {
        match c.verdict {
            Verdict::Supported => {}
            Verdict::Contradicted => reasons.push(format!(
                "contradicted: “{}” claims {}, the data says {}",
                note.quote,
                c.claimed,
                c.actual.as_deref().unwrap_or("otherwise")
            )),
            Verdict::Unverifiable => {
                reasons.push(format!("unverifiable: “{}”: {}", note.quote, c.explanation))
            }
        }
    }
    let supported: Vec<&check::CheckedClaim> = claims
        .iter()
        .copied()
        .filter(|c| c.verdict == Verdict::Supported)
        .collect();
    for n in figures(text) {
        let (abs_start, abs_end) = (s_start + n.start, s_start + n.end);
        let in_claim = claims
            .iter()
            .any(|c| abs_start < c.end && abs_end > c.start);
        let matches_fact = supported.iter().any(|c| {
            c.facts
                .iter()
                .flat_map(fact_numbers)
                .any(|v| same_at_precision(n.value, n.decimals, v))
        });
        if !in_claim && !matches_fact {
            reasons.push(format!(
                "unreadable: `{}` is not a figure the checker could read and verify",
                &text[n.start..n.end]
            ));
        }
    }
    Judged {
        notes,
        reasons,
        supported,
    }
}

/// Vets `draft` (the model's Markdown) against the data, for the brief `article`.
///
/// # Errors
/// [`check::CheckError`] when the draft is too large or not text.
pub fn vet(
    draft: &str,
    article: &Article,
    checker: &Checker<'_>,
    model: &str,
) -> Result<Vetted, check::CheckError> {
    let sections = parse(draft);
    let (doc, spans) = layout(&sections);
    let report: CheckReport =
        checker.check(&doc, check::InputFormat::Markdown, Some(article.date))?;
    // Each sentence with its section, its paragraph and the paragraph's
    // index (which groups the surviving sentences back into paragraphs).
    let sentences: Vec<(&Section, &Paragraph, usize, &Sentence)> = sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(move |p| (s, p)))
        .enumerate()
        .flat_map(|(p_idx, (s, p))| p.sentences.iter().map(move |x| (s, p, p_idx, x)))
        .collect();
    let judged: Vec<Judged<'_>> = sentences
        .iter()
        .zip(&spans)
        .map(|((_, _, _, sentence), span)| judge(&report, *span, &sentence.text))
        .collect();
    // The brief's Facts that kept sentences state: restating them in place
    // of a rejected sentence would only repeat them.
    let kept_ids: Vec<String> = judged
        .iter()
        .filter(|j| j.reasons.is_empty())
        .flat_map(|j| j.supported.iter().flat_map(|c| c.facts.iter()))
        .filter_map(|f| brief_id(article, f))
        .collect();
    let mut facts: Vec<Fact> = Vec::new();
    let mut cite = |fact: &Fact| -> String {
        if let Some(id) = brief_id(article, fact) {
            if !facts.iter().any(|f| f.id == id) {
                if let Some(b) = article.facts.iter().find(|b| b.id == id) {
                    facts.push(b.clone());
                }
            }
            return id;
        }
        if let Some(existing) = facts
            .iter()
            .find(|f| f.text == fact.text && f.id.starts_with('d'))
        {
            return existing.id.clone();
        }
        let n = facts.iter().filter(|f| f.id.starts_with('d')).count() + 1;
        let mut f = fact.clone();
        f.id = format!("d{n}");
        let id = f.id.clone();
        facts.push(f);
        id
    };
    let mut restated: Vec<String> = Vec::new();
    let mut reports = Vec::new();
    let mut out_sections: Vec<VettedSection> = Vec::new();
    let mut current: Option<(usize, Vec<String>)> = None;
    for ((section, paragraph, p_idx, sentence), j) in sentences.iter().zip(judged) {
        let Judged {
            notes,
            mut reasons,
            supported,
        } = j;
        let (action, now, cites) = if reasons.is_empty() {
            let mut ids: Vec<String> = Vec::new();
            for f in supported.iter().flat_map(|c| c.facts.iter()) {
                let id = cite(f);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            (Action::Kept, Some(with_markers(&sentence.text, &ids)), ids)
        } else {
            let mut parts = Vec::new();
            let mut ids = Vec::new();
            for id in &sentence.cited {
                let Some(f) = article.facts.iter().find(|f| &f.id == id) else {
                    continue;
                };
                if restated.contains(id) || kept_ids.contains(id) {
                    continue;
                }
                restated.push(id.clone());
                cite(f);
                parts.push(with_markers(&f.text, std::slice::from_ref(id)));
                ids.push(id.clone());
            }
            if parts.is_empty() {
                if sentence.cited.iter().any(|id| kept_ids.contains(id)) {
                    reasons.push("its Facts are stated by a sentence that was kept".into());
                }
                (Action::Removed, None, Vec::new())
            } else {
                (Action::Replaced, Some(parts.join(" ")), ids)
            }
        };
        // Group the surviving sentences back into their paragraphs and sections.
        let key = *p_idx;
        if current.as_ref().is_none_or(|(k, _)| *k != key) {
            if let Some((_, texts)) = current.take() {
                if let Some(s) = out_sections.last_mut() {
                    if !texts.is_empty() {
                        s.paragraphs.push(texts.join(" "));
                    }
                }
            }
            if out_sections
                .last()
                .is_none_or(|s| s.heading != section.heading)
                || out_sections.is_empty()
            {
                out_sections.push(VettedSection {
                    heading: section.heading.clone(),
                    paragraphs: Vec::new(),
                });
            }
            current = Some((key, Vec::new()));
        }
        if let (Some((_, texts)), Some(text)) = (current.as_mut(), &now) {
            texts.push(if texts.is_empty() {
                format!("{}{text}", paragraph.prefix)
            } else {
                text.clone()
            });
        }
        reports.push(SentenceReport {
            section: section.heading.clone(),
            written: sentence.written.clone(),
            action,
            reasons,
            claims: notes,
            now,
            cites,
        });
    }
    if let Some((_, texts)) = current.take() {
        if let Some(s) = out_sections.last_mut() {
            if !texts.is_empty() {
                s.paragraphs.push(texts.join(" "));
            }
        }
    }
    out_sections.retain(|s| !s.paragraphs.is_empty());
    facts.sort_by_key(|f| {
        let (letter, n) = f.id.split_at(1);
        (letter != "f", n.parse::<usize>().unwrap_or(usize::MAX))
    });
    Ok(Vetted {
        date: article.date,
        title: article.title.clone(),
        model: model.to_string(),
        sections: out_sections,
        sentences: reports,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_stripped_and_collected() {
        let (text, ids) = strip_markers("It rose 7.89% [f2][f3]. Then [f4, f5] and [note].");
        assert_eq!(text, "It rose 7.89%. Then and [note].");
        assert_eq!(ids, vec!["f2", "f3", "f4", "f5"]);
    }

    #[test]
    fn sentences_split_at_stops_not_decimals_or_abbreviations() {
        let s = split_sentences(
            "The U.S. index rose 1.5% on Jan. 16 [f1]. It was a record. [f2] Then 3 cuts followed.",
        );
        assert_eq!(
            s,
            vec![
                "The U.S. index rose 1.5% on Jan. 16 [f1].",
                "It was a record. [f2]",
                "Then 3 cuts followed."
            ]
        );
    }

    #[test]
    fn figures_skip_dates_years_and_names() {
        let n: Vec<f64> = figures(
            "The S&P 500 and Russell 2000 rose 7.88% from December 1, 2025 to 2026-01-16, \
             in 2025 the 10-year Treasury yield, since 1990, 18 times earnings",
        )
        .iter()
        .map(|n| n.value)
        .collect();
        assert_eq!(n, vec![7.88, 1990.0, 18.0]);
    }

    #[test]
    fn precision_is_the_printed_one() {
        assert!(same_at_precision(2677.74, 2, 2677.7399));
        assert!(!same_at_precision(2692.23, 2, 2677.74));
        assert!(same_at_precision(11.0, 0, 11.0));
        assert!(same_at_precision(0.9, 2, -0.9));
    }

    #[test]
    fn markers_go_before_the_stop() {
        assert_eq!(
            with_markers("It rose.", &["f1".into(), "d2".into()]),
            "It rose [f1][d2]."
        );
        assert_eq!(with_markers("It rose", &["f1".into()]), "It rose [f1]");
    }
}
