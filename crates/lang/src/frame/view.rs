//! One sentence as a sequence of items: chunks (a mention, a time, a
//! quantity) and the single tokens between them, with clause boundaries.
//! The constructions walk items, never characters.

use crate::chunk::{Chunks, Mention, Quantity, TimeChunk};
use crate::lexicon::{lexicon, Hit};
use crate::text::{Doc, Token};
use std::ops::Range;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `chunks.mentions[i]`.
    Mention(usize),
    /// `chunks.times[i]`.
    Time(usize),
    /// `chunks.quantities[i]`.
    Qty(usize),
    /// A single token no chunk holds.
    Tok,
}

/// One item of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Tokens.
    pub tokens: Range<usize>,
    /// What it is.
    pub kind: ItemKind,
    /// Index of the clause it is in.
    pub clause: usize,
}

/// A sentence seen as items.
#[derive(Debug)]
pub struct View<'d> {
    /// The document.
    pub doc: &'d Doc,
    /// Its chunks.
    pub chunks: &'d Chunks,
    /// Index of the sentence.
    pub sentence: usize,
    /// Items in order.
    pub items: Vec<Item>,
    /// Item ranges of the clauses.
    pub clauses: Vec<Range<usize>>,
}

impl<'d> View<'d> {
    /// The items of sentence `s`.
    pub fn new(doc: &'d Doc, chunks: &'d Chunks, s: usize) -> View<'d> {
        let sent = &doc.sentences[s];
        let mut items = Vec::new();
        let mut clauses = Vec::new();
        for (ci, clause) in sent.clauses.iter().enumerate() {
            let first_item = items.len();
            let mut t = clause.start;
            while t < clause.end {
                let (kind, end) = if let Some((k, m)) = chunks
                    .mentions
                    .iter()
                    .enumerate()
                    .find(|(_, m)| m.tokens.start == t)
                {
                    (ItemKind::Mention(k), m.tokens.end)
                } else if let Some((k, c)) = chunks
                    .times
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.tokens.start == t)
                {
                    (ItemKind::Time(k), c.tokens.end)
                } else if let Some((k, q)) = chunks
                    .quantities
                    .iter()
                    .enumerate()
                    .find(|(_, q)| q.tokens.start == t)
                {
                    (ItemKind::Qty(k), q.tokens.end)
                } else {
                    (ItemKind::Tok, t + 1)
                };
                // A chunk never crosses a clause boundary in the view.
                let end = end.min(sent.tokens.end).max(t + 1);
                items.push(Item {
                    tokens: t..end,
                    kind,
                    clause: ci,
                });
                t = end;
            }
            clauses.push(first_item..items.len());
        }
        View {
            doc,
            chunks,
            sentence: s,
            items,
            clauses,
        }
    }

    /// The first token of item `i`.
    pub fn token(&self, i: usize) -> &'d Token {
        &self.doc.tokens[self.items[i].tokens.start]
    }

    /// The normalised word of a single-token item (or of a one-word
    /// coreference term such as "its"), else "".
    pub fn word(&self, i: usize) -> &'d str {
        match self.items.get(i) {
            Some(it) if it.kind == ItemKind::Tok => &self.doc.tokens[it.tokens.start].norm,
            Some(it)
                if it.tokens.len() == 1
                    && self.mention(i).is_some_and(|m| m.symbol().is_none()) =>
            {
                &self.doc.tokens[it.tokens.start].norm
            }
            _ => "",
        }
    }

    /// The stem of a single-token item, else "".
    pub fn stem(&self, i: usize) -> &'d str {
        match self.items.get(i) {
            Some(it) if it.kind == ItemKind::Tok => &self.doc.tokens[it.tokens.start].stem,
            _ => "",
        }
    }

    /// The mention at item `i`.
    pub fn mention(&self, i: usize) -> Option<&'d Mention> {
        match self.items.get(i)?.kind {
            ItemKind::Mention(k) => self.chunks.mentions.get(k),
            _ => None,
        }
    }

    /// The time at item `i`.
    pub fn time(&self, i: usize) -> Option<&'d TimeChunk> {
        match self.items.get(i)?.kind {
            ItemKind::Time(k) => self.chunks.times.get(k),
            _ => None,
        }
    }

    /// The quantity at item `i`.
    pub fn qty(&self, i: usize) -> Option<&'d Quantity> {
        match self.items.get(i)?.kind {
            ItemKind::Qty(k) => self.chunks.quantities.get(k),
            _ => None,
        }
    }

    /// A lexicon phrase of `category` starting at item `i` and running over
    /// single-token items only; returns the hit and the item after it.
    pub fn lex(&self, i: usize, category: &str) -> Option<(Hit<'static>, usize)> {
        let it = self.items.get(i)?;
        if it.kind != ItemKind::Tok {
            return None;
        }
        let mut j = i;
        while j < self.items.len() && self.items[j].kind == ItemKind::Tok {
            j += 1;
        }
        let limit = self.items[j - 1].tokens.end;
        let hit = lexicon().longest(&self.doc.tokens, it.tokens.start, limit, category)?;
        let after = (i..j)
            .find(|k| self.items[*k].tokens.start >= hit.end)
            .unwrap_or(j);
        Some((hit, after))
    }

    /// The label of a single-word phrase of `category` at item `i`.
    pub fn label(&self, i: usize, category: &str) -> Option<&'static str> {
        self.lex(i, category)
            .filter(|(h, _)| h.end == self.items[i].tokens.end)
            .map(|(h, _)| h.label)
    }

    /// The item range of the clause holding item `i`.
    pub fn clause_of(&self, i: usize) -> Range<usize> {
        let c = self.items[i].clause;
        self.clauses[c].clone()
    }

    /// Byte span of items `range`.
    pub fn span(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        self.items[range.start].tokens.start..self.items[range.end - 1].tokens.end
    }

    /// The text of a token range.
    pub fn text(&self, tokens: Range<usize>, source: &str) -> String {
        if tokens.is_empty() {
            return String::new();
        }
        let a = self.doc.tokens[tokens.start].start;
        let b = self.doc.tokens[tokens.end - 1].end;
        source.get(a..b).unwrap_or("").to_string()
    }
}
