//! The fact book: asks the engine, remembers answers, and numbers the Facts
//! and sources an article actually prints.
//!
//! Probing a query (to rank candidate stories) does not put its Fact in the
//! article; only [`Book::cite`] does, which gives the Fact its id `f<n>` and
//! returns the citation markers `[n]` of the sources it read.

use crate::article::{MethodNote, Source};
use model::{Date, Fact, FactValue, Query, Universe};
use std::collections::HashMap;

/// A handle to a probed Fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct H(usize);

pub(crate) struct Book<'u> {
    engine: facts::Engine<'u>,
    universe: &'u Universe,
    probed: Vec<Fact>,
    cache: HashMap<String, Option<H>>,
    /// Article fact index of each probed fact, once cited.
    cited: Vec<Option<usize>>,
    order: Vec<H>,
    sources: Vec<Source>,
    source_by_path: HashMap<String, usize>,
}

impl<'u> Book<'u> {
    pub(crate) fn new(universe: &'u Universe) -> Book<'u> {
        Book {
            engine: facts::Engine::new(universe),
            universe,
            probed: Vec::new(),
            cache: HashMap::new(),
            cited: Vec::new(),
            order: Vec::new(),
            sources: Vec::new(),
            source_by_path: HashMap::new(),
        }
    }

    pub(crate) fn universe(&self) -> &'u Universe {
        self.universe
    }

    pub(crate) fn registry(&self) -> Option<&model::Registry> {
        self.engine.registry()
    }

    /// Answers a query, or `None` when the data cannot (the reason is not
    /// needed by the writer: a missing Fact just means a missing sentence).
    pub(crate) fn ask(&mut self, query: Query) -> Option<H> {
        let key = format!("{query:?}");
        if let Some(hit) = self.cache.get(&key) {
            return *hit;
        }
        let answer = match self.engine.fact(&query) {
            Ok(fact) => {
                self.probed.push(fact);
                self.cited.push(None);
                Some(H(self.probed.len() - 1))
            }
            Err(_) => None,
        };
        self.cache.insert(key, answer);
        answer
    }

    pub(crate) fn get(&self, h: H) -> &Fact {
        &self.probed[h.0]
    }

    /// Puts the Fact in the article (once) and returns its citation markers.
    pub(crate) fn cite(&mut self, h: H) -> String {
        if self.cited[h.0].is_none() {
            self.cited[h.0] = Some(self.order.len());
            self.order.push(h);
            let inputs = self.probed[h.0].inputs.clone();
            for input in inputs {
                self.register_source(&input);
            }
        }
        let mut ns: Vec<usize> = self.probed[h.0]
            .inputs
            .iter()
            .filter_map(|i| self.source_by_path.get(&i.source_path))
            .map(|&k| self.sources[k].n)
            .collect();
        ns.sort_unstable();
        ns.dedup();
        let mut out: String = ns.iter().map(|n| format!("[{n}]")).collect();
        out.push_str(&tag_of(self.cited[h.0].map_or(0, |i| i + 1)));
        out
    }

    /// Puts the Fact in the article (once) and returns only its hidden
    /// provenance tag: for text that prints the Fact without a citation
    /// marker (the title).
    pub(crate) fn tag(&mut self, h: H) -> String {
        let _ = self.cite(h);
        tag_of(self.cited[h.0].map_or(0, |i| i + 1))
    }

    /// The id the Fact has (or will have) in the article.
    pub(crate) fn id(&mut self, h: H) -> String {
        let _ = self.cite(h);
        format!("f{}", self.cited[h.0].map_or(0, |i| i + 1))
    }

    fn register_source(&mut self, input: &model::FactInput) {
        match self.source_by_path.get(&input.source_path) {
            Some(&k) => {
                let s = &mut self.sources[k];
                s.from = s.from.min(input.from);
                s.to = s.to.max(input.to);
                if !s.instruments.contains(&input.instrument) {
                    s.instruments.push(input.instrument.clone());
                }
            }
            None => {
                let origin = self
                    .universe
                    .source(input.source)
                    .and_then(|s| s.origin.as_deref())
                    .map(|o| o.split(';').next().unwrap_or(o).trim().to_string());
                self.sources.push(Source {
                    n: self.sources.len() + 1,
                    path: input.source_path.clone(),
                    origin,
                    instruments: vec![input.instrument.clone()],
                    from: input.from,
                    to: input.to,
                });
                self.source_by_path
                    .insert(input.source_path.clone(), self.sources.len() - 1);
            }
        }
    }

    /// The cited Facts with their ids, the sources and the methods used.
    pub(crate) fn finish(self) -> (Vec<Fact>, Vec<Source>, Vec<MethodNote>) {
        let mut facts = Vec::with_capacity(self.order.len());
        let mut methods: Vec<MethodNote> = Vec::new();
        for (i, h) in self.order.iter().enumerate() {
            let mut fact = self.probed[h.0].clone();
            fact.id = format!("f{}", i + 1);
            if !methods
                .iter()
                .any(|m| m.id == fact.method.id && m.version == fact.method.version)
            {
                methods.push(MethodNote {
                    id: fact.method.id.clone(),
                    version: fact.method.version,
                    definition: crate::phrase::method_definition(&fact.method.id),
                });
            }
            facts.push(fact);
        }
        methods.sort_by(|a, b| a.id.cmp(&b.id));
        (facts, self.sources, methods)
    }
}

/// A detail's number, trying several names.
pub(crate) fn num(f: &Fact, names: &[&str]) -> Option<f64> {
    names
        .iter()
        .find_map(|n| f.detail(n).and_then(|d| d.value.as_f64()))
}

/// A detail's date, trying several names.
pub(crate) fn date(f: &Fact, names: &[&str]) -> Option<Date> {
    names
        .iter()
        .find_map(|n| f.detail(n).and_then(|d| d.value.as_date()))
}

/// A detail's text, trying several names.
pub(crate) fn text<'f>(f: &'f Fact, names: &[&str]) -> Option<&'f str> {
    names
        .iter()
        .find_map(|n| match f.detail(n).map(|d| &d.value) {
            Some(FactValue::Text(t)) => Some(t.as_str()),
            _ => None,
        })
}

// Provenance tags: `cite` appends an invisible tag naming the cited Fact's
// id to the citation markers, so that whatever text a citation lands in
// carries the ids of the Facts it prints. `take_facts` removes the tags
// once the article is composed and returns the ids.
const TAG_OPEN: char = '\u{E000}';
const TAG_CLOSE: char = '\u{E001}';

fn tag_of(n: usize) -> String {
    format!("{TAG_OPEN}f{n}{TAG_CLOSE}")
}

/// Removes the provenance tags from `s` and returns the Fact ids they
/// named, in order of first appearance, without repeats.
pub(crate) fn take_facts(s: &mut String) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    if !s.contains(TAG_OPEN) {
        return ids;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find(TAG_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + TAG_OPEN.len_utf8()..];
        match after.find(TAG_CLOSE) {
            Some(j) => {
                let id = &after[..j];
                if !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
                rest = &after[j + TAG_CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    *s = out;
    ids
}

/// Only the provenance tags of `s` (a citation stripped of its markers):
/// for a second Fact whose sources the sentence already cites.
pub(crate) fn tag_only(s: &str) -> String {
    let mut s = s.to_string();
    take_facts(&mut s)
        .into_iter()
        .map(|id| format!("{TAG_OPEN}{id}{TAG_CLOSE}"))
        .collect()
}

/// `s` without its provenance tags.
pub(crate) fn without_tags(s: &str) -> String {
    let mut s = s.to_string();
    let _ = take_facts(&mut s);
    s
}
