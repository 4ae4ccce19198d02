//! Printing a vetted draft: the surviving article with its Facts cited and
//! the redline of every sentence that was replaced or removed (Markdown or
//! JSON), and the brief with its body written by the model
//! ([`narrated_article`], for `brief --narrate`).

use crate::vet::{Action, Vetted};
use model::Fact;
use report::{Article, Section, Source};
use serde_json::json;

fn citation_line(f: &Fact) -> String {
    let sources: Vec<String> = f
        .inputs
        .iter()
        .map(|i| format!("{} {} {}..{}", i.source_path, i.field, i.from, i.to))
        .collect();
    format!(
        "- **[{}]** {} ({} v{}; {})\n",
        f.id,
        f.text,
        f.method.id,
        f.method.version,
        sources.join("; ")
    )
}

fn header(v: &Vetted) -> String {
    format!(
        "*{}. Drafted by `{}`; every sentence checked against the data by marketproof: \
         {} kept, {} replaced with the brief's own sentence, {} removed (see the redline).*\n",
        v.date,
        v.model,
        v.count(Action::Kept),
        v.count(Action::Replaced),
        v.count(Action::Removed),
    )
}

/// The redline: each sentence that was not kept, what the model wrote and
/// what the data says.
pub fn redline_markdown(v: &Vetted) -> String {
    let mut out = String::from("## Redline\n\n");
    let changed: Vec<_> = v
        .sentences
        .iter()
        .filter(|s| s.action != Action::Kept)
        .collect();
    if changed.is_empty() {
        out.push_str("Every sentence of the draft was supported by the data.\n");
        return out;
    }
    for (i, s) in changed.iter().enumerate() {
        out.push_str(&format!(
            "{}. **{}** — the model wrote: “{}”\n",
            i + 1,
            s.action.as_str(),
            s.written
        ));
        for r in &s.reasons {
            out.push_str(&format!("   - {r}\n"));
        }
        match &s.now {
            Some(now) => out.push_str(&format!("   - now: “{now}”\n")),
            None => out.push_str("   - removed: it cited no Fact of the brief to restate\n"),
        }
    }
    out
}

/// The vetted draft as Markdown: the article, the Facts cited, the redline.
pub fn markdown(v: &Vetted) -> String {
    let mut out = format!("# {}\n\n{}\n", v.title, header(v));
    for s in &v.sections {
        if !s.heading.is_empty() {
            out.push_str(&format!("## {}\n\n", s.heading));
        }
        for p in &s.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    out.push_str("## Facts cited\n\n");
    for f in &v.facts {
        out.push_str(&citation_line(f));
    }
    out.push('\n');
    out.push_str(&redline_markdown(v));
    out
}

/// The vetted draft as JSON (with the model's raw text).
pub fn json(v: &Vetted, raw: &str) -> String {
    let doc = json!({
        "date": v.date,
        "title": v.title,
        "model": v.model,
        "summary": {
            "sentences": v.sentences.len(),
            "kept": v.count(Action::Kept),
            "replaced": v.count(Action::Replaced),
            "removed": v.count(Action::Removed),
        },
        "sections": v.sections,
        "facts": v.facts,
        "sentences": v.sentences,
        "raw": raw,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The brief `article` with its body sections replaced by the vetted
/// draft's, each `[fN]`/`[dN]` marker turned into the article's own
/// source markers `[n]` (sources the brief did not cite are added) and the
/// Facts the draft cites added to the article's Facts. The title, key
/// points, related tickers, charts, risks and summary stay the brief's.
pub fn narrated_article(article: &Article, v: &Vetted) -> Article {
    let mut a = article.clone();
    if v.sections.is_empty() {
        return a;
    }
    for f in &v.facts {
        if !a.facts.iter().any(|x| x.id == f.id) {
            a.facts.push(f.clone());
        }
    }
    let mut marker_of = std::collections::BTreeMap::new();
    for f in &v.facts {
        let mut numbers: Vec<usize> = Vec::new();
        for input in &f.inputs {
            let n = match a.sources.iter().find(|s| s.path == input.source_path) {
                Some(s) => s.n,
                None => {
                    let n = a.sources.len() + 1;
                    a.sources.push(Source {
                        n,
                        path: input.source_path.clone(),
                        origin: None,
                        instruments: vec![input.instrument.clone()],
                        from: input.from,
                        to: input.to,
                    });
                    n
                }
            };
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        let markers: String = numbers.iter().map(|n| format!("[{n}]")).collect();
        marker_of.insert(format!("[{}]", f.id), markers);
    }
    a.sections = v
        .sections
        .iter()
        .map(|s| {
            let mut paragraphs = Vec::new();
            let mut paragraph_facts = Vec::new();
            for p in &s.paragraphs {
                let mut text = p.clone();
                let mut ids = Vec::new();
                for (marker, sources) in &marker_of {
                    if text.contains(marker.as_str()) {
                        ids.push(marker.trim_matches(['[', ']']).to_string());
                        text = text.replace(marker.as_str(), sources);
                    }
                }
                paragraphs.push(text);
                paragraph_facts.push(ids);
            }
            Section {
                heading: s.heading.clone(),
                paragraphs,
                paragraph_facts,
            }
        })
        .collect();
    a
}
