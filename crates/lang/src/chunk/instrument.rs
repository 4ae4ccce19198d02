//! Instruments named in text, and the terms that refer back to one.
//!
//! Names, aliases and tickers come from the registry. They are matched with
//! one Aho-Corasick automaton over the tokens' stems ("small caps" and
//! "small-cap" alike, "Russell 2,000" = "Russell 2000", "the Index's" =
//! "the index"), longest match first; tickers ("SPY", "COMP") only as
//! written in capitals. Registry aliases that are everyday words ("energy",
//! "gold") or context terms are listed in `words.toml` (`[instrument_stop]`)
//! and never matched alone.
//!
//! Three rules go beyond the registry:
//! - a bare Treasury tenor ("the 10-year", "2-year to 10-year", "10s and
//!   2s") names the yield only where yield words or another tenor surround
//!   it, so "a five-year low" stays a time;
//! - "the S&P ETF", "the ETF representing the S&P 500" name the registry's
//!   ETF that tracks the index;
//! - coreference terms from `words.toml` (`[coref]`): "it", "the index",
//!   "stocks", "the market" become [`MentionKind::Coref`] mentions that the
//!   frame builder resolves.

use crate::lexicon::{lexicon, phrase_stems};
use crate::text::{TokKind, Token};
use aho_corasick::{AhoCorasick, MatchKind};
use model::Registry;
use std::ops::Range;

/// What a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// A registry instrument (canonical symbol).
    Instrument {
        /// Canonical symbol.
        symbol: String,
    },
    /// A yield spread: the longer tenor minus the shorter ("the 2-year to
    /// 10-year inversion", "the spread between the 10s and 7s", "2s10s").
    Spread {
        /// The longer tenor.
        a: String,
        /// The shorter tenor.
        b: String,
    },
    /// A term that refers to an instrument named elsewhere.
    Coref {
        /// `pronoun` ("it"), `index` ("the index") or `market` ("stocks").
        kind: CorefKind,
    },
}

/// Which instrument a coreference term refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CorefKind {
    /// "it", "its": the last instrument named.
    Pronoun,
    /// "the index", "the benchmark", "the gauge": an index named before.
    Index,
    /// "the fund", "the ETF": a fund named before.
    Fund,
    /// "the yield", "the rate": a rate named before.
    Rate,
    /// "stocks", "the market", "Wall Street": the last broad equity index
    /// named, else the article's lead index (the S&P 500).
    Market,
}

/// One instrument (or coreference term) in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range.
    pub tokens: Range<usize>,
    /// What it names.
    pub kind: MentionKind,
    /// Followed by "'s" ("the VIX's 44 percent jump").
    pub possessive: bool,
}

impl Mention {
    /// The symbol, for an instrument.
    pub fn symbol(&self) -> Option<&str> {
        match &self.kind {
            MentionKind::Instrument { symbol } => Some(symbol),
            MentionKind::Spread { .. } | MentionKind::Coref { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    symbol: String,
    /// The alias as written, for tickers matched only in capitals.
    ticker: Option<String>,
    n_keys: usize,
    /// A sector word kept out of running text ("energy", "technology"),
    /// which names its sector fund only as a capitalised sector name near
    /// the word "sector" ("Technology retreated 0.51%" in a sector table).
    sector_name: bool,
}

/// Finds instruments in tokens. Build once per registry, reuse for every text.
#[derive(Debug, Clone)]
pub struct InstrumentFinder {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// (ETF symbol, index it tracks), for "the S&P ETF".
    trackers: Vec<(String, String)>,
    /// Reading a question: tickers in lower case ("spx ytd") and bare
    /// tenors ("10y change") are names.
    question: bool,
}

/// The key a token contributes to the matched text, or `None` to skip it
/// (hyphens, apostrophes and a possessive "s").
fn key(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    match t.kind {
        TokKind::Number => Some(t.norm.replace(',', "")),
        TokKind::Word => {
            let after_number = i > 0 && !t.space_before && tokens[i - 1].is_number();
            if t.norm == "s" && !t.space_before && i > 0 && tokens[i - 1].norm == "'" {
                None
            } else if matches!(t.norm.as_str(), "yr" | "yrs") || (t.norm == "y" && after_number) {
                // "10yr", "2y": the tenor abbreviations of "10-year", "2-year".
                Some("year".to_string())
            } else if t.norm == "mo" && after_number {
                Some("month".to_string())
            } else {
                Some(t.stem.clone())
            }
        }
        TokKind::Punct => match t.norm.as_str() {
            "-" | "'" | "." => None,
            p => Some(p.to_string()),
        },
    }
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
    ///
    /// # Panics
    /// Never: the automaton is built from a bounded set of short patterns.
    pub fn new(registry: &Registry) -> InstrumentFinder {
        InstrumentFinder::with_stop(registry, &["always", "text"], false)
    }

    /// A finder for questions: sector and commodity words name their
    /// instruments ("How did utilities do?"), which running text does not.
    pub fn for_questions(registry: &Registry) -> InstrumentFinder {
        InstrumentFinder::with_stop(registry, &["always"], true)
    }

    fn with_stop(registry: &Registry, stop_labels: &[&str], question: bool) -> InstrumentFinder {
        let lex = lexicon();
        let stopped = |label: &str| -> Vec<Vec<String>> {
            lex.labelled("instrument_stop")
                .into_iter()
                .filter(|(_, l)| *l == label && stop_labels.contains(l))
                .map(|(p, _)| p.to_vec())
                .collect()
        };
        let (stop, stop_text) = (stopped("always"), stopped("text"));
        let mut keys: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut trackers = Vec::new();
        for inst in registry.instruments() {
            if let Some(t) = &inst.tracks {
                trackers.push((inst.symbol.clone(), t.clone()));
            }
            let names = std::iter::once(&inst.symbol)
                .chain(std::iter::once(&inst.name))
                .chain(inst.aliases.iter());
            for name in names {
                let mut stems = phrase_stems(name);
                if stems.first().is_some_and(|s| s == "the") {
                    stems.remove(0);
                }
                if stems.is_empty() || stop.contains(&stems) {
                    continue;
                }
                let sector_name = stop_text.contains(&stems);
                if sector_name && !inst.is_sector_fund() {
                    continue;
                }
                let k = format!(" {}", stems.join(" "));
                let ticker = is_ticker(name).then(|| name.trim().to_string());
                if keys
                    .iter()
                    .zip(&patterns)
                    .any(|(kk, p): (&String, &Pattern)| *kk == k && p.ticker == ticker)
                {
                    continue;
                }
                keys.push(k);
                patterns.push(Pattern {
                    symbol: inst.symbol.clone(),
                    ticker,
                    n_keys: stems.len(),
                    sector_name,
                });
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .expect("instrument aliases build an automaton");
        InstrumentFinder {
            automaton,
            patterns,
            trackers,
            question,
        }
    }

    /// Every mention in `tokens`, left to right, longest first, no overlaps.
    pub fn find(&self, tokens: &[Token]) -> Vec<Mention> {
        // The matched text: " key key key", with the token of each key.
        let mut text = String::new();
        let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte in text, token)
        for i in 0..tokens.len() {
            if let Some(k) = key(tokens, i) {
                starts.push((text.len(), i));
                text.push(' ');
                text.push_str(&k);
            }
        }
        let token_at = |byte: usize| {
            starts
                .binary_search_by_key(&byte, |(b, _)| *b)
                .ok()
                .map(|k| (k, starts[k].1))
        };
        // Longest aligned match per starting key.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; starts.len()]; // (n_keys, pattern)
        for m in self.automaton.find_overlapping_iter(&text) {
            let end_ok = m.end() == text.len() || text.as_bytes()[m.end()] == b' ';
            let Some((k, tok)) = token_at(m.start()) else {
                continue;
            };
            let p = &self.patterns[m.pattern().as_usize()];
            if !end_ok {
                continue;
            }
            if p.ticker.is_some() {
                // Tickers only as written in capitals ("SPY", not "spy").
                let last = starts[k + p.n_keys - 1].1;
                // In a question, "spx" or "ndx" too, unless it is an English word.
                let lower_ok = |t: &Token| {
                    self.question && lexicon().all_at(std::slice::from_ref(t), 0, 1).is_empty()
                };
                let ok = tokens[tok..=last].iter().all(|t| {
                    t.kind != TokKind::Word
                        || t.all_caps
                        || (t.norm.len() == 1 && t.capitalised)
                        || lower_ok(t)
                });
                // Keys are stems, and "XLY" stems to "xli": a one-word ticker
                // must be the ticker as written.
                let written = tokens[tok].norm.trim_end_matches("'s");
                let same = p.n_keys > 1
                    || p.ticker.as_deref().is_some_and(|tk| {
                        tk.trim_start_matches('^')
                            .eq_ignore_ascii_case(written.trim_start_matches('^'))
                    });
                if !ok || !same {
                    continue;
                }
            }
            if p.sector_name && !sector_name_at(tokens, tok, starts[k + p.n_keys - 1].1 + 1) {
                continue;
            }
            if best[k].is_none_or(|(n, _)| p.n_keys > n) {
                best[k] = Some((p.n_keys, m.pattern().as_usize()));
            }
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < starts.len() {
            if let Some((n, p)) = best[k] {
                let first = starts[k].1;
                let last = starts[k + n - 1].1;
                let mut end = last + 1;
                let symbol = self.patterns[p].symbol.clone();
                let plural = tokens[first].is_number()
                    && tokens[first..end]
                        .iter()
                        .any(|t| matches!(t.norm.as_str(), "years" | "months"));
                // In a question a bare tenor is the yield ("10y change ytd"),
                // unless a time noun follows ("rolling 10-year periods").
                let time_noun_after = tokens.get(end).is_some_and(|t| {
                    matches!(
                        t.stem.as_str(),
                        "period"
                            | "window"
                            | "stretch"
                            | "span"
                            | "horizon"
                            | "run"
                            | "streak"
                            | "rolling"
                            | "low"
                            | "high"
                            | "bull"
                            | "bear"
                            | "return"
                            | "averag"
                            | "cagr"
                            | "annual"
                    )
                });
                if (!self.question && bare_tenor_outside_yields(tokens, first, end, &symbol))
                    || (self.question
                        && (plural
                            || (time_noun_after && tokens[first].is_number() && end - first <= 3)))
                    || longer_unknown_name(tokens, end)
                {
                    k += 1;
                    continue;
                }
                // "the Cboe VIX Index's": a trailing head noun belongs to the name.
                // "the tech-heavy Nasdaq Composite": so does a capitalised "Composite".
                if tokens
                    .get(end)
                    .is_some_and(|t| t.stem == "index" || t.stem == "composit" && t.capitalised)
                {
                    end += 1;
                }
                let glued = tokens[end - 1].norm.ends_with("'s");
                let possessive = glued || possessive_at(tokens, end);
                if possessive && !glued {
                    end += 2;
                }
                out.push(Mention {
                    tokens: first..end,
                    kind: MentionKind::Instrument { symbol },
                    possessive,
                });
                k += n;
                while k < starts.len() && starts[k].1 < end {
                    k += 1;
                }
            } else {
                k += 1;
            }
        }
        self.add_tenor_pairs(tokens, &mut out);
        self.add_trackers(tokens, &mut out);
        add_corefs(tokens, &mut out);
        out.sort_by_key(|m| m.tokens.start);
        // "the average VIX level": a term right before a name modifies it;
        // in a question "the average" is the statistic, never the Dow.
        let starts: Vec<usize> = out.iter().map(|m| m.tokens.start).collect();
        out.retain(|m| {
            let MentionKind::Coref { .. } = m.kind else {
                return true;
            };
            let before_name = starts.contains(&m.tokens.end);
            let average = tokens[m.tokens.end - 1].norm.starts_with("average");
            !(before_name || self.question && average)
        });
        absorb_parenthesized(tokens, &mut out);
        join_spreads(tokens, &mut out);
        out
    }

    /// "10s and 2s", "2s10s", "the 2-year to 10-year": tenors next to another tenor.
    fn add_tenor_pairs(&self, tokens: &[Token], out: &mut Vec<Mention>) {
        let taken = |i: usize, out: &Vec<Mention>| out.iter().any(|m| m.tokens.contains(&i));
        for i in 0..tokens.len() {
            if taken(i, out) {
                continue;
            }
            if let Some((sym, end)) = tenor_at(tokens, i) {
                let near_other = tenor_near(tokens, i, end);
                if near_other {
                    out.push(Mention {
                        tokens: i..end,
                        kind: MentionKind::Instrument { symbol: sym },
                        possessive: false,
                    });
                }
            }
        }
    }

    /// "the S&P ETF", "the ETF representing the S&P 500": the tracking fund.
    fn add_trackers(&self, tokens: &[Token], out: &mut [Mention]) {
        for m in out.iter_mut() {
            let Some(index) = m.symbol().map(str::to_string) else {
                continue;
            };
            let after = tokens.get(m.tokens.end);
            let before = m.tokens.start.checked_sub(1).and_then(|k| {
                // "the ETF representing the S&P 500"
                let w = &tokens[k];
                let w = if w.norm == "the" {
                    k.checked_sub(1).map(|k| &tokens[k])
                } else {
                    Some(w)
                };
                w.filter(|w| {
                    matches!(
                        w.stem.as_str(),
                        "repres" | "track" | "mirror" | "follow" | "for"
                    )
                })
            });
            let etf_after = after.is_some_and(|t| matches!(t.norm.as_str(), "etf" | "fund"));
            let etf_before = before.is_some()
                && tokens[..m.tokens.start]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|t| matches!(t.norm.as_str(), "etf" | "fund"));
            if !(etf_after || etf_before) {
                continue;
            }
            if let Some((etf, _)) = self.trackers.iter().find(|(_, t)| *t == index) {
                m.kind = MentionKind::Instrument {
                    symbol: etf.clone(),
                };
                if etf_after {
                    m.tokens.end += 1;
                }
            }
        }
    }
}

/// A sector name as a sector table writes it: every word capitalised
/// ("Health Care", "Technology"), with "sector" or "sectors" within 80
/// tokens. Elsewhere "technology" or "energy" is a theme, not the fund.
fn sector_name_at(tokens: &[Token], first: usize, end: usize) -> bool {
    const NEAR: usize = 80;
    let capitalised = tokens[first..end]
        .iter()
        .all(|t| !t.is_word() || t.capitalised);
    let lo = first.saturating_sub(NEAR);
    let hi = (end + NEAR).min(tokens.len());
    capitalised && tokens[lo..hi].iter().any(|t| t.stem == "sector")
}

/// "S&P 400 midcap index", "Russell 3000 Index": an alias followed by a
/// number that continues the name is another instrument, not this one.
fn longer_unknown_name(tokens: &[Token], end: usize) -> bool {
    let (Some(n), Some(after)) = (tokens.get(end), tokens.get(end + 1)) else {
        return false;
    };
    let last = &tokens[end - 1];
    n.is_number()
        && !n.norm.contains('.')
        && last.is_word()
        && after.is_word()
        && (matches!(
            after.stem.as_str(),
            "index" | "midcap" | "smallcap" | "composit" | "growth" | "valu" | "equal"
        ) || after.capitalised)
}

/// Years to maturity of a Treasury yield symbol.
fn tenor_years(symbol: &str) -> Option<f64> {
    let t = symbol.strip_prefix("DGS")?;
    match t.strip_suffix("MO") {
        Some(m) => m.parse::<f64>().ok().map(|m| m / 12.0),
        None => t.parse().ok(),
    }
}

/// Two Treasury yields joined by "to", "and", "-" or nothing, with a spread
/// word next to them ("inversion", "spread", "curve") or "between" before:
/// one spread mention, the longer tenor minus the shorter.
fn join_spreads(tokens: &[Token], out: &mut Vec<Mention>) {
    let spread_word = |t: &Token| {
        matches!(
            t.stem.as_str(),
            "spread" | "invers" | "curv" | "invert" | "gap" | "differ" | "steepen" | "flatten"
        )
    };
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let (Some(ya), Some(yb)) = (
            a.symbol().and_then(tenor_years),
            b.symbol().and_then(tenor_years),
        ) else {
            k += 1;
            continue;
        };
        let between = &tokens[a.tokens.end..b.tokens.start];
        let joined = between.len() <= 2
            && between.iter().all(|t| {
                matches!(
                    t.norm.as_str(),
                    "to" | "and" | "-" | "/" | "the" | "vs" | "versus"
                )
            });
        let before = &tokens[a.tokens.start.saturating_sub(6)..a.tokens.start];
        let after = &tokens[b.tokens.end..(b.tokens.end + 3).min(tokens.len())];
        // "2s10s" written as one word is the spread's own name.
        let glued = between.is_empty() && !tokens[b.tokens.start].space_before;
        let context = glued
            || before.iter().any(|t| t.norm == "between" || spread_word(t))
            || after.iter().any(spread_word);
        if !(joined && context) || (ya - yb).abs() < 1e-9 {
            k += 1;
            continue;
        }
        let (long, short) = if ya > yb {
            (a.symbol(), b.symbol())
        } else {
            (b.symbol(), a.symbol())
        };
        let (Some(long), Some(short)) = (long.map(str::to_string), short.map(str::to_string))
        else {
            k += 1;
            continue;
        };
        let span = a.tokens.start..b.tokens.end;
        out[k] = Mention {
            tokens: span,
            kind: MentionKind::Spread { a: long, b: short },
            possessive: b.possessive,
        };
        out.remove(k + 1);
        k += 1;
    }
}

/// "the S&P 500 Index (SPY) (VFINX)", "the Russell 2000 (RUT)": tickers in
/// parentheses right after a name restate it; the name is the mention.
fn absorb_parenthesized(tokens: &[Token], out: &mut Vec<Mention>) {
    // Unknown tickers in parentheses after a name: "(VFINX)", "(COMP-INDEX)".
    for m in out.iter_mut().filter(|m| m.symbol().is_some()) {
        loop {
            let open = m.tokens.end;
            if tokens.get(open).is_none_or(|t| t.norm != "(") {
                break;
            }
            let close = (open + 1..(open + 5).min(tokens.len())).find(|j| tokens[*j].norm == ")");
            let Some(close) = close else { break };
            let inner = &tokens[open + 1..close];
            let tickerish = !inner.is_empty()
                && inner.iter().all(|t| {
                    t.all_caps
                        || t.norm == "-"
                        || t.norm == "."
                        || t.is_number()
                        || t.norm == "s"
                        || (t.is_word() && t.capitalised && t.norm.len() <= 5)
                });
            if !tickerish {
                break;
            }
            m.tokens.end = close + 1;
        }
    }
    let mut k = 1;
    while k < out.len() {
        let prev_end = out[k - 1].tokens.end;
        let m = &out[k];
        let open = m
            .tokens
            .start
            .checked_sub(1)
            .filter(|o| *o >= prev_end && tokens[*o].norm == "(");
        let close = tokens.get(m.tokens.end).is_some_and(|t| t.norm == ")");
        let glued = open.is_some_and(|o| {
            (prev_end..o).all(|j| tokens[j].norm == ")" || tokens[j].norm == "(") || o == prev_end
        });
        if open.is_some() && close && glued && out[k - 1].symbol().is_some() && m.symbol().is_some()
        {
            let end = m.tokens.end + 1;
            out[k - 1].tokens.end = end;
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

fn possessive_at(tokens: &[Token], i: usize) -> bool {
    matches!((tokens.get(i), tokens.get(i + 1)), (Some(a), Some(b))
        if a.norm == "'" && b.norm == "s" && !a.space_before && !b.space_before)
}

/// Treasury tenors: years (and months for bills) with a FRED series.
fn tenor_symbol(n: u32, unit: &str) -> Option<&'static str> {
    match (unit, n) {
        ("year", 1) => Some("DGS1"),
        ("year", 2) => Some("DGS2"),
        ("year", 3) => Some("DGS3"),
        ("year", 5) => Some("DGS5"),
        ("year", 7) => Some("DGS7"),
        ("year", 10) => Some("DGS10"),
        ("year", 20) => Some("DGS20"),
        ("year", 30) => Some("DGS30"),
        ("month", 1) => Some("DGS1MO"),
        ("month", 3) => Some("DGS3MO"),
        ("month", 6) => Some("DGS6MO"),
        _ => None,
    }
}

/// A tenor at `i`: "10-year", "3-month", "10s"; returns (symbol, end).
fn tenor_at(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let n: u32 = tokens.get(i)?.norm.parse().ok()?;
    let mut k = i + 1;
    if tokens
        .get(k)
        .is_some_and(|t| t.norm == "-" && !t.space_before)
    {
        k += 1;
    }
    let unit = tokens.get(k)?;
    if unit.space_before && k == i + 1 && unit.norm != "s" {
        return None;
    }
    let u = match unit.norm.as_str() {
        "year" | "yr" => "year",
        "y" if !unit.space_before => "year",
        "month" | "mo" => "month",
        "s" if k == i + 1 && !unit.space_before => "year",
        _ => return None,
    };
    tenor_symbol(n, u).map(|s| (s.to_string(), k + 1))
}

/// Another tenor within a few tokens ("2-year to 10-year", "10s and 7s", "2s10s").
fn tenor_near(tokens: &[Token], start: usize, end: usize) -> bool {
    let after = (end..(end + 3).min(tokens.len())).any(|j| tenor_at(tokens, j).is_some());
    let before = (start.saturating_sub(4)..start)
        .any(|j| tenor_at(tokens, j).is_some_and(|(_, e)| e <= start));
    after || before
}

/// "10-year" names the yield only before yield words, or as "the 10-year"
/// not followed by a time noun ("the 10-year stretch").
fn bare_tenor_outside_yields(tokens: &[Token], start: usize, end: usize, symbol: &str) -> bool {
    if !symbol.starts_with("DGS") {
        return false;
    }
    let bare = end - start <= 3 && tokens[start].is_number();
    if !bare {
        return false;
    }
    // A yield word inside the name ("10yr yield") makes it no bare tenor.
    if tokens[start..end]
        .iter()
        .any(|t| matches!(t.stem.as_str(), "yield" | "treasuri" | "note" | "bond"))
    {
        return false;
    }
    // "the 10 years through 2025" is a span of time; the yield is "the 10-year".
    if tokens[start..end]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "years" | "months"))
    {
        return true;
    }
    let after = tokens.get(end).map(|t| t.stem.as_str());
    let yieldish = matches!(
        after,
        Some("yield" | "treasuri" | "treasuryi" | "note" | "bond" | "rate" | "bill" | "govern")
    );
    let before_the = start > 0 && tokens[start - 1].norm == "the";
    let time_noun = matches!(
        after,
        Some(
            "window"
                | "period"
                | "stretch"
                | "span"
                | "averag"
                | "high"
                | "low"
                | "run"
                | "streak"
                | "lag"
                | "trend"
                | "horizon"
                | "declin"
                | "bull"
                | "bear"
                | "rang"
                | "record"
                | "peak"
                | "bottom"
                | "rout"
                | "slump"
                | "ralli"
        )
    );
    !(yieldish || before_the && !time_noun || tenor_near(tokens, start, end))
}

fn add_corefs(tokens: &[Token], out: &mut Vec<Mention>) {
    let lex = lexicon();
    let mut i = 0;
    while i < tokens.len() {
        if out.iter().any(|m| m.tokens.contains(&i)) {
            i += 1;
            continue;
        }
        if let Some(hit) = lex.longest(tokens, i, tokens.len(), "coref") {
            // A coref phrase must not run into an instrument ("the index of
            // small capitalization stocks" is fine; "stocks" inside "small-cap
            // stocks" was matched as the instrument already).
            // "the ETF representing the S&P 500" names the fund through the index.
            let describes = tokens.get(hit.end).is_some_and(|t| {
                matches!(t.stem.as_str(), "repres" | "track" | "mirror" | "follow")
            });
            let overlaps = out
                .iter()
                .any(|m| m.tokens.start < hit.end && hit.start < m.tokens.end);
            // "a bear market", "the bull market": a phase of the market, not a name for it.
            let phase =
                hit.start > 0 && matches!(tokens[hit.start - 1].stem.as_str(), "bear" | "bull");
            if !overlaps && !describes && !phase {
                let kind = match hit.label {
                    "pronoun" => CorefKind::Pronoun,
                    "index" => CorefKind::Index,
                    "fund" => CorefKind::Fund,
                    "rate" => CorefKind::Rate,
                    _ => CorefKind::Market,
                };
                let possessive = possessive_at(tokens, hit.end) || tokens[i].norm == "its";
                let end = if possessive_at(tokens, hit.end) {
                    hit.end + 2
                } else {
                    hit.end
                };
                out.push(Mention {
                    tokens: hit.start..end,
                    kind: MentionKind::Coref { kind },
                    possessive,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn finder() -> InstrumentFinder {
        let reg = Registry::builtin().expect("builtin registry");
        InstrumentFinder::new(&reg)
    }

    fn read(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        finder()
            .find(&tokens)
            .into_iter()
            .map(|m| {
                let span = &text[tokens[m.tokens.start].start..tokens[m.tokens.end - 1].end];
                let what = match &m.kind {
                    MentionKind::Instrument { symbol } => symbol.clone(),
                    MentionKind::Spread { a, b } => format!("{a}-{b}"),
                    MentionKind::Coref { kind } => format!("{kind:?}"),
                };
                format!("{span}={what}{}", if m.possessive { "'s" } else { "" })
            })
            .collect()
    }

    #[test]
    fn mentions_table() {
        let cases: &[(&str, &[&str])] = &[
            ("small caps beat large-caps", &["small caps=^RUT", "large-caps=^GSPC"]),
            ("The Russell 2,000 index rose", &["Russell 2,000 index=^RUT"]),
            ("The S&P; 500 Index rose", &["S&P; 500 Index=^GSPC"]),
            ("the S&Pclosed at 882.92", &["S&P=^GSPC"]),
            ("The Cboe VIX Index's 44 percent jump", &["Cboe VIX Index's=^VIX's"]),
            ("the Russell 2000's lead", &["Russell 2000's=^RUT's"]),
            ("IWM and the S&P", &["IWM=IWM", "S&P=^GSPC"]),
            // Keys are stems ("xly" stems to "xli"): a ticker is matched as written.
            ("XLY fell while XLI rose", &["XLY=XLY", "XLI=XLI"]),
            ("The tech-heavy Nasdaq Composite fell", &["tech-heavy Nasdaq Composite=^IXIC"]),
            (
                "In the sector table, Consumer Discretionary fell and Health Care rose",
                &["Consumer Discretionary=XLY", "Health Care=XLV"],
            ),
            ("iwm is lowercase", &[]),
            ("COMP, -2.21%", &["COMP=^IXIC"]),
            ("The Nasdaq -100 index", &["Nasdaq -100 index=^NDX"]),
            ("The 10-year yield rose", &["10-year yield=DGS10"]),
            ("a five-year low of 13.30", &[]),
            ("a 12-year closing low", &[]),
            ("The 10-year is also up", &["10-year=DGS10"]),
            ("the spread between the 10s and 7s", &["10s and 7s=DGS10-DGS7"]),
            ("The 2-year to 10-year inversion", &["2-year to 10-year=DGS10-DGS2"]),
            ("the gap between the US 10-year treasury yield (10s) and the 2-year treasury yield (2s) has", &["10-year treasury yield (10s) and the 2-year treasury yield (2s)=DGS10-DGS2"]),
            ("The worst opening gap for the S&P ETF", &["S&P ETF=SPY"]),
            ("the ETF representing the S&P 500 was", &["S&P 500=SPY"]),
            ("Stocks posted their worst day", &["Stocks=Market", "their=Pronoun"]),
            ("It fell ~1.1% as the index slid", &["It=Pronoun", "the index=Index"]),
            ("energy and gold rallied", &[]),
            ("Wall Street's fear gauge rose", &["Wall Street's fear gauge=^VIX"]),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), *want, "{text}");
        }
    }
}
