//! The reader: text in, claims out, through the stages of this crate —
//! tokens and clauses ([`crate::text`]), chunks per dimension
//! ([`crate::chunk`]), frames per clause ([`crate::frame::build`]),
//! coreference and carried windows ([`crate::frame::resolve`]), coverage
//! ([`crate::frame::coverage`]) and lowering onto the query algebra
//! ([`crate::frame::lower`]).

use crate::chunk::{Chunks, Grain, Hedge, InstrumentFinder, QUnit, Time};
use crate::frame::build::{Builder, Carry};
use crate::frame::lower::{frame_day, lower, Reading};
use crate::frame::{coverage, resolve, Claimed, FedWhat, FieldHint, Frame, Subj, View, What, When};
use crate::text::Doc;
use model::{Date, Registry, RegistryError};
use serde::Serialize;

/// Reads claims and questions; build once (it indexes the registry's
/// aliases) and reuse.
#[derive(Debug, Clone)]
pub struct Reader {
    finder: InstrumentFinder,
    question_finder: InstrumentFinder,
    registry: Registry,
}

/// One claim as read, with the readings that decide it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Byte offset of the claim's phrase in the text read.
    pub start: usize,
    /// Byte offset one past the phrase.
    pub end: usize,
    /// Byte span of the whole sentence.
    pub sentence: (usize, usize),
    /// The sentence.
    pub text: String,
    /// What kind of claim, for grouping ("daily_move", "level", "since"...).
    pub kind: &'static str,
    /// Canonical symbols, subject first.
    pub subjects: Vec<String>,
    /// The claimed value.
    pub claimed: Claimed,
    /// The day the claim speaks of.
    pub day: Date,
    /// The frame as read.
    pub frame: Frame,
    /// The readings, primary first; empty when unreadable or unverifiable.
    pub readings: Vec<Reading>,
    /// Parts the reader could not read: the claim is unverifiable.
    pub unread: Vec<String>,
    /// Data the claim needs that the store cannot hold.
    pub missing: Option<String>,
    /// What the reader assumed, said with the verdict.
    pub notes: Vec<String>,
}

/// The reading of a claim shown to users: subject × measure × window × reducer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingView {
    /// Subject.
    pub subject: String,
    /// Measure.
    pub measure: String,
    /// Window.
    pub window: String,
    /// Reducer.
    pub reducer: String,
}

impl Reader {
    /// A reader over the compiled-in registry.
    ///
    /// # Errors
    /// Only if the compiled-in registry is broken.
    pub fn builtin() -> Result<Reader, RegistryError> {
        Ok(Reader::new(Registry::builtin()?))
    }

    /// A reader over `registry`.
    pub fn new(registry: Registry) -> Reader {
        Reader {
            finder: InstrumentFinder::new(&registry),
            question_finder: InstrumentFinder::for_questions(&registry),
            registry,
        }
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The instrument finder.
    pub fn finder(&self) -> &InstrumentFinder {
        &self.finder
    }

    /// The instrument finder for questions (sector words are names).
    pub fn question_finder(&self) -> &InstrumentFinder {
        &self.question_finder
    }

    /// The article's date: `as_of` when given, else the first full date
    /// (with a year) in its head (the first dozen paragraphs, at most 400
    /// tokens).
    pub fn article_date(&self, text: &str, as_of: Option<Date>) -> Option<Date> {
        if as_of.is_some() {
            return as_of;
        }
        let doc = Doc::new(text);
        let probe = model::parse_iso_date("2100-01-01")?;
        let chunks = Chunks::find(&doc, &self.finder, probe);
        // The dateline sits in the head: after a title, tags or a byline, but
        // before the body (the first dozen paragraphs, the first 400 tokens).
        let first_para_end = doc
            .sentences
            .iter()
            .take_while(|s| s.paragraph <= 12)
            .map(|s| s.tokens.end)
            .max()
            .unwrap_or(0)
            .min(400);
        chunks
            .times
            .iter()
            .filter(|t| t.tokens.start < first_para_end)
            .find_map(|t| match t.time {
                Time::Span {
                    from,
                    to,
                    grain: Grain::Day,
                    ..
                } if from == to
                    && doc.tokens[t.tokens.clone()]
                        .iter()
                        .any(|k| k.norm.len() == 4 && k.is_number()) =>
                {
                    Some(from)
                }
                _ => None,
            })
    }

    /// Reads every claim of `text`, as of `dateline` (the session the
    /// article reports on).
    pub fn read(&self, text: &str, dateline: Date) -> Vec<Claim> {
        let doc = Doc::new(text);
        let chunks = Chunks::find(&doc, &self.finder, dateline);
        let mut frames: Vec<Frame> = Vec::new();
        // "a plan to buy bonds by the middle of 2009": a deadline after the
        // dateline is nobody's window; no claim reads it.
        let mut time_used: Vec<bool> = chunks
            .times
            .iter()
            .map(|t| {
                let lead = t
                    .tokens
                    .start
                    .checked_sub(1)
                    .map(|k| doc.tokens[k].norm.as_str());
                matches!(lead, Some("by" | "until" | "later"))
                    && crate::chunk::time::span_of(&t.time).is_some_and(|(from, _)| from > dateline)
            })
            .collect();
        let mut fed_paragraph: Option<usize> = None;
        let mut carry = Carry::default();
        for s in 0..doc.sentences.len() {
            let view = View::new(&doc, &chunks, s);
            let mut builder = Builder::new(&view, text, dateline, time_used.clone());
            let paragraph = doc.sentences[s].paragraph;
            builder.fed_context = fed_paragraph == Some(paragraph);
            builder.carry = std::mem::take(&mut carry);
            if builder.is_fed_sentence() {
                fed_paragraph = Some(paragraph);
            }
            let (fs, used, handed_on) = builder.run();
            carry = handed_on;
            // A question asks; it claims nothing ("What happened to the Russell 2000 after ...?").
            let question = doc.sentences[s]
                .tokens
                .clone()
                .last()
                .is_some_and(|k| doc.tokens[k].norm == "?");
            // A method's definition ("drawdown.close v1: close / running
            // maximum close − 1; correction at −10 % or worse") defines, it
            // claims nothing.
            if question || is_definition(&doc, s) {
                time_used = used;
                continue;
            }
            time_used = used;
            frames.extend(fs);
        }
        for s in 0..doc.sentences.len() {
            coverage::check(&doc, &chunks, text, s, &time_used, dateline, &mut frames);
        }
        resolve::resolve(&doc, &chunks, &self.registry, &time_used, &mut frames);
        frames
            .into_iter()
            .map(|f| self.claim(&doc, text, f, dateline))
            .collect()
    }

    fn claim(&self, doc: &Doc, text: &str, f: Frame, dateline: Date) -> Claim {
        let (start, end) = if f.span.is_empty() {
            (0, 0)
        } else {
            (
                doc.tokens[f.span.start].start,
                doc.tokens[f.span.end - 1].end,
            )
        };
        let sent = &doc.sentences[f.sentence];
        let sentence = doc.span(&sent.tokens);
        let day = frame_day(&f, dateline);
        let mut unread = f.unread.clone();
        if day > dateline {
            unread.push(format!("a date after the article's date ({dateline})"));
        }
        let mut missing = f.missing.clone();
        let readings = if unread.is_empty() && missing.is_none() {
            match lower(&f, &self.registry, dateline) {
                Ok(r) => r,
                Err(e) => {
                    if matches!(f.subject, Subj::Other(_)) && missing.is_none() {
                        missing = Some(format!("no data for {}", e.what));
                    } else {
                        unread.push(e.what);
                    }
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        let subjects = match (&f.subject, &f.benchmark) {
            (Subj::Symbol(s), Some(Subj::Symbol(b))) => vec![s.clone(), b.clone()],
            (Subj::Symbol(s), _) => vec![s.clone()],
            (Subj::Spread(a, b), _) => vec![a.clone(), b.clone()],
            (Subj::Fed, _) => vec!["DFEDTARU".into(), "DFEDTARL".into()],
            _ => Vec::new(),
        };
        Claim {
            start,
            end,
            sentence,
            text: text.get(sentence.0..sentence.1).unwrap_or("").to_string(),
            kind: kind_of(&f),
            subjects,
            claimed: f.claimed.clone(),
            day,
            notes: f.notes.clone(),
            frame: f,
            readings,
            unread,
            missing,
        }
    }
}

/// A short name for what a frame claims.
pub fn kind_of(f: &Frame) -> &'static str {
    let one_day = matches!(f.when, When::Default | When::SessionBefore(_))
        || matches!(
            f.when,
            When::Time(Time::Span {
                grain: Grain::Day,
                ..
            })
        );
    match &f.what {
        What::Move {
            field: FieldHint::Open,
            ..
        } => "gap_open",
        What::Move {
            field: FieldHint::High | FieldHint::Low | FieldHint::Either,
            ..
        } => "intraday_move",
        What::Move { .. } if one_day => "daily_move",
        What::Move { .. } => "period_return",
        What::Level {
            field: FieldHint::High | FieldHint::Low,
        } => "level_intraday",
        What::Level { .. } => "level",
        What::Extreme { .. } => "extreme",
        What::Record { .. } => "record",
        What::Since { .. } => "since",
        What::FirstDate { .. } => "first_date",
        What::ExtremeWhen { .. } => "extreme_when",
        What::Rank { .. } => "rank",
        What::Streak { .. } => "streak",
        What::Count { .. } => "count",
        What::Drawdown { .. } => "drawdown",
        What::Volatility { .. } => "volatility",
        What::Mean => "mean",
        What::Fed(FedWhat::Change) => "fed_decision",
        What::Fed(FedWhat::Range | FedWhat::PriorRange) => "fed_range",
        What::Fed(_) => "fed_count",
        What::CrossRank { .. } => "cross_rank",
        What::SmaGap { .. } => "moving_average",
        What::Breadth { .. } => "breadth",
        What::Cases { .. } => "event_study",
        What::Rolling { .. } => "base_rate",
    }
}

impl Claimed {
    /// The claimed value as the writer printed it, plainly.
    pub fn describe(&self) -> String {
        match self {
            Claimed::Number {
                value,
                decimals,
                hedge,
                unit,
                ..
            } => {
                let d = usize::from(*decimals);
                let n = format!("{value:.d$}");
                let u = match unit {
                    QUnit::Percent => "%",
                    QUnit::BasisPoints => " bp",
                    QUnit::PercentagePoints => " pp",
                    QUnit::Points => " points",
                    QUnit::Times => " times",
                    QUnit::Dollars | QUnit::Plain => "",
                };
                let h = match hedge {
                    Hedge::Exact => "",
                    Hedge::Approx => "about ",
                    Hedge::Almost => "almost ",
                    Hedge::MoreThan => "more than ",
                    Hedge::AtLeast => "at least ",
                    Hedge::LessThan => "less than ",
                    Hedge::AtMost => "at most ",
                    Hedge::JustOver => "just over ",
                    Hedge::JustUnder => "just under ",
                    Hedge::HairAbove => "a hair above ",
                };
                format!("{h}{n}{u}")
            }
            Claimed::Range {
                low,
                high,
                decimals,
            } => {
                let d = usize::from(*decimals);
                format!("{low:.d$}–{high:.d$}%")
            }
            Claimed::Date { from, to } if from == to => format!("since {from}"),
            Claimed::Date { from, to } => format!("since {from}..{to}"),
            Claimed::Lookback { label, .. } => label.clone(),
            Claimed::OnRecord => "on record".into(),
            Claimed::Yes => "yes".into(),
            Claimed::No => "no".into(),
            Claimed::Rank { n } => format!("rank {n}"),
            Claimed::Symbol { symbol } => symbol.clone(),
        }
    }
}

/// Whether sentence `s` opens like a method's definition: a dotted id, a
/// version, a colon ("volatility.std v1: ...").
fn is_definition(doc: &Doc, s: usize) -> bool {
    let t = &doc.tokens[doc.sentences[s].tokens.clone()];
    let word = |k: usize| t.get(k).map(|x| x.norm.as_str());
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    // The token after a version ("v1", or "v" then "1") at `k`.
    let version = |k: usize| -> Option<usize> {
        let w = word(k)?;
        if w.len() > 1 && w.starts_with('v') && digits(&w[1..]) {
            Some(k + 1)
        } else if w == "v" && word(k + 1).is_some_and(digits) {
            Some(k + 2)
        } else {
            None
        }
    };
    // id "." id ["." id] version ":"
    if word(1) != Some(".") {
        return false;
    }
    let after_id = if word(3) == Some(".") { 5 } else { 3 };
    version(after_id).is_some_and(|k| word(k) == Some(":"))
}
