//! Quantities: a number as written (digits, words, fractions, ordinals, a
//! range), its unit (percent, points, percentage points, basis points,
//! dollars, "times"), its sign when printed, its printed precision and the
//! hedge that widens or bounds it ("about", "more than", "nearly", "10%+").
//!
//! Numbers that a name or a time expression already holds ("S&P 500",
//! "2022", "the past 12 sessions") never reach this recogniser.

use crate::lexicon::lexicon;
use crate::text::{TokKind, Token};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QUnit {
    /// A bare number: a level, index points or a count, from context.
    Plain,
    /// Percent.
    Percent,
    /// Index points (written "points").
    Points,
    /// Percentage points.
    PercentagePoints,
    /// Basis points.
    BasisPoints,
    /// Dollars (written `$` or "dollars").
    Dollars,
    /// A count of occurrences ("30 times").
    Times,
}

/// How firmly a figure is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// As printed: within half a unit of the last printed digit.
    #[default]
    Exact,
    /// "about", "approximately", "~": within one unit of the last significant digit.
    Approx,
    /// "almost", "nearly": up to the figure (half a unit over), one unit under.
    Almost,
    /// "more than", "over", "north of": strictly beyond the figure.
    MoreThan,
    /// "at least", "or more", "10%+": the figure or beyond.
    AtLeast,
    /// "less than", "under": strictly short of the figure.
    LessThan,
    /// "at most", "up to", "within": the figure or short of it.
    AtMost,
    /// "just over": beyond, by at most one unit.
    JustOver,
    /// "just under": short, by at most one unit.
    JustUnder,
    /// "a hair above": the figure to 0.05 % beyond.
    HairAbove,
}

impl Hedge {
    fn from_label(label: &str) -> Hedge {
        match label {
            "approx" => Hedge::Approx,
            "almost" => Hedge::Almost,
            "more_than" => Hedge::MoreThan,
            "at_least" => Hedge::AtLeast,
            "less_than" => Hedge::LessThan,
            "at_most" => Hedge::AtMost,
            "just_over" => Hedge::JustOver,
            "just_under" => Hedge::JustUnder,
            "hair_above" => Hedge::HairAbove,
            _ => Hedge::Exact,
        }
    }
}

/// A number found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Tokens, hedge and unit included.
    pub tokens: Range<usize>,
    /// The value (for a range, the low end), unit applied ("$500bn" = 5e11).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Decimals printed (0 for words).
    pub decimals: u8,
    /// Unit.
    pub unit: QUnit,
    /// Hedge.
    pub hedge: Hedge,
    /// Printed sign: `Some(-1)` for "-2.21%", `Some(1)` for "+1.22%".
    pub sign: Option<i8>,
    /// Written in words ("seven", "half a").
    pub word: bool,
    /// An ordinal ("third", "11th", "fifth-worst").
    pub ordinal: bool,
}

impl Quantity {
    /// The signed value, when a sign was printed.
    pub fn signed(&self) -> f64 {
        match self.sign {
            Some(s) if s < 0 => -self.value.abs(),
            _ => self.value,
        }
    }
}

const SMALL: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
];

/// Ordinal words and their values.
pub const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

/// A number word's value ("seven" → 7).
pub fn number_word(word: &str) -> Option<u32> {
    SMALL.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// An ordinal word's value ("third" → 3, "11th" → 11).
pub fn ordinal_word(word: &str) -> Option<u32> {
    if let Some((_, n)) = ORDINALS.iter().find(|(w, _)| *w == word) {
        return Some(*n);
    }
    None
}

/// Numbers at token `i`, as written: (value, decimals, end, word, ordinal).
fn number_at(tokens: &[Token], i: usize, limit: usize) -> Option<(f64, u8, usize, bool, bool)> {
    let t = tokens.get(i).filter(|_| i < limit)?;
    if t.kind == TokKind::Number {
        let v = t.number()?;
        let mut end = i + 1;
        // Ordinal suffix: "11th", "23rd", "31st", "2nd".
        if let Some(s) = tokens.get(end).filter(|s| !s.space_before && end < limit) {
            if matches!(s.norm.as_str(), "th" | "st" | "nd" | "rd") {
                return Some((v, 0, end + 1, false, true));
            }
        }
        // "9 1/2"
        if let (Some(a), Some(sl), Some(b)) =
            (tokens.get(end), tokens.get(end + 1), tokens.get(end + 2))
        {
            if end + 2 < limit
                && a.is_number()
                && a.space_before
                && sl.norm == "/"
                && !sl.space_before
                && b.is_number()
                && !b.space_before
            {
                if let (Some(n), Some(d)) = (a.number(), b.number()) {
                    if d > n && d > 0.0 && d <= 16.0 {
                        end += 3;
                        return Some((v + n / d, 2, end, false, false));
                    }
                }
            }
        }
        return Some((v, t.decimals(), end, false, false));
    }
    if t.kind != TokKind::Word {
        return None;
    }
    // Fractions: "half a", "a half", "three-quarters of a", "a quarter".
    let word = t.norm.as_str();
    if let Some(n) = ordinal_word(word) {
        return Some((f64::from(n), 0, i + 1, true, true));
    }
    if word == "half" {
        let mut end = i + 1;
        if tokens
            .get(end)
            .is_some_and(|a| a.norm == "a" || a.norm == "an")
            && end < limit
        {
            end += 1;
        }
        return Some((0.5, 0, end, true, false));
    }
    if word == "quarter" {
        return Some((0.25, 0, i + 1, true, false));
    }
    if let Some(n) = number_word(word) {
        // "three-quarters of a", "twenty-one", "one hundred"
        let mut value = f64::from(n);
        let mut end = i + 1;
        if let (Some(h), Some(w)) = (tokens.get(end), tokens.get(end + 1)) {
            if h.norm == "-" && !h.space_before && end + 1 < limit {
                if w.norm == "quarters" || w.norm == "quarter" {
                    value /= 4.0;
                    end += 2;
                    if tokens.get(end).is_some_and(|o| o.norm == "of")
                        && tokens.get(end + 1).is_some_and(|a| a.norm == "a")
                    {
                        end += 2;
                    }
                    return Some((value, 2, end, true, false));
                }
                if let Some(u) = number_word(&w.norm).filter(|u| *u < 10 && n >= 20) {
                    value += f64::from(u);
                    end += 2;
                } else if let Some(u) = ordinal_word(&w.norm).filter(|u| *u < 10 && n >= 20) {
                    return Some((value + f64::from(u), 0, end + 2, true, true));
                }
            }
        }
        if tokens.get(end).is_some_and(|h| h.norm == "hundred") && end < limit {
            value *= 100.0;
            end += 1;
        }
        return Some((value, 0, end, true, false));
    }
    None
}

/// Things counted in news that the market data do not hold: a number
/// followed by one of them is not an index figure ("177,000 jobs").
const COUNTED_NOUNS: &[&str] = &[
    "jobs",
    "job",
    "workers",
    "employees",
    "people",
    "companies",
    "firms",
    "stocks",
    "issues",
    "contracts",
    "barrels",
    "homes",
    "positions",
    "layoffs",
    "households",
    "shareholders",
    "customers",
    "users",
    "accounts",
    "record",
    "records",
];

/// Whether `q` can be a figure of the market data: not a dollar amount of a
/// million or more (a market value or a deal), not one side of a ratio
/// ("a 1.1-to-1 margin"), not a count of things the data do not hold
/// ("177,000 jobs", "11 record closes"). The reader leaves the others out,
/// so no claim is checked against a figure of another kind.
pub fn is_market_figure(q: &Quantity, tokens: &[Token]) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    if q.unit == QUnit::Dollars && q.value.abs() >= 1e6 {
        return false;
    }
    let end = q.tokens.end;
    let start = q.tokens.start;
    // "1.1-to-1", "2 to 1" before "margin"/"ratio"; the right side too.
    let ratio_after = (word(end) == "-" && word(end + 1) == "to" && word(end + 2) == "-")
        || (word(end) == "to" && matches!(word(end + 2), "margin" | "ratio"));
    let ratio_before = start >= 2
        && word(start - 1) == "-"
        && word(start - 2) == "to"
        && start >= 3
        && word(start - 3) == "-";
    if ratio_after || ratio_before {
        return false;
    }
    if matches!(q.unit, QUnit::Plain) && !q.ordinal && COUNTED_NOUNS.contains(&word(end)) {
        return false;
    }
    true
}

/// Finds quantities in tokens not `taken` by other chunks.
pub fn find(tokens: &[Token], taken: &[bool]) -> Vec<Quantity> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let limit = (i..tokens.len())
            .find(|k| taken[*k])
            .unwrap_or(tokens.len());
        // Hedge before: "more than 20 percent", "~1.1%".
        let (hedge, num_start) = match lex.longest(tokens, i, limit, "hedge") {
            // "+0.30%": a leading plus is a sign; only "10%+" after is a hedge.
            Some(h) if tokens[i].norm == "+" && h.end == i + 1 => (Hedge::Exact, i),
            // "edged up to 3.70%", "moved up to 5%": after a verb "up" is a
            // particle and "to" marks the level reached, not "at most".
            Some(_)
                if tokens[i].norm == "up"
                    && tokens.get(i + 1).is_some_and(|t| t.norm == "to")
                    && i > 0
                    && (lex.is(&tokens[i - 1], "move").is_some()
                        || matches!(
                            tokens[i - 1].stem.as_str(),
                            "edg" | "tick" | "inch" | "crept" | "creep" | "move" | "drift"
                        )) =>
            {
                i += 1;
                continue;
            }
            Some(h)
                if number_at(tokens, h.end, limit).is_some()
                    || (tokens
                        .get(h.end)
                        .is_some_and(|t| t.norm == "$" || t.norm == "-" || t.norm == "+")
                        && number_at(tokens, h.end + 1, limit).is_some()) =>
            {
                (Hedge::from_label(h.label), h.end)
            }
            _ => (Hedge::Exact, i),
        };
        let mut k = num_start;
        let mut sign = None;
        let mut dollars = false;
        // Sign and currency: "-2.21%", "+1.22%", "$4,704.73", "-$5".
        while let Some(t) = tokens.get(k).filter(|_| k < limit) {
            let next_glued = tokens.get(k + 1).is_some_and(|n| !n.space_before);
            match t.norm.as_str() {
                "-" | "+"
                    if next_glued
                        && sign.is_none()
                        && (k == 0 || tokens[k].space_before || !tokens[k - 1].is_word()) =>
                {
                    sign = Some(if t.norm == "-" { -1 } else { 1 });
                    k += 1;
                }
                "$" if next_glued => {
                    dollars = true;
                    k += 1;
                }
                _ => break,
            }
        }
        let Some((value, decimals, mut end, word, ordinal)) = number_at(tokens, k, limit) else {
            i += 1;
            continue;
        };
        if !word && is_identifier(tokens, k, end) {
            i = end;
            continue;
        }
        // The figure starts at its hedge, sign or currency symbol.
        let start = if hedge != Hedge::Exact || sign.is_some() || dollars {
            i
        } else {
            k
        };
        let mut q = Quantity {
            tokens: start..end,
            value,
            high: None,
            decimals,
            unit: if dollars {
                QUnit::Dollars
            } else {
                QUnit::Plain
            },
            hedge,
            sign,
            word,
            ordinal,
        };
        end = read_unit(tokens, end, limit, &mut q);
        // Range: "3% to 3.25%", "3.50%-3.75%", "5.25-5.50 percent", "between 17% and 22%".
        end = read_range(tokens, end, limit, &mut q);
        // Hedge after: "0.25 per cent or more", "10%+".
        if let Some(h) = lex.longest(tokens, end, limit, "hedge") {
            if matches!(h.label, "at_least" | "at_most")
                && (tokens[end].norm != "+" || !tokens[end].space_before)
            {
                q.hedge = Hedge::from_label(h.label);
                end = h.end;
            }
        }
        q.tokens = q.tokens.start..end;
        out.push(q);
        i = end;
    }
    out
}

/// Letters that may follow a number without a space and still leave it a
/// figure: units, ordinals, decades, multiples.
const GLUED_SUFFIXES: &[&str] = &[
    "%", "bp", "bps", "pp", "ppt", "x", "th", "st", "nd", "rd", "bn", "b", "m", "k", "t", "tn",
    "s", "pts", "pt", "y", "yr", "d", "w", "q", "h",
];

/// A number that is part of an identifier, not a figure: a commit hash
/// ("f23898667d87"), a version ("v3"), a file or URL path
/// ("s-and-p-500/data.csv", "github:...@..."), a method id.
fn is_identifier(tokens: &[Token], start: usize, end: usize) -> bool {
    let first = &tokens[start];
    let before = start.checked_sub(1).map(|k| &tokens[k]);
    let after = tokens.get(end);
    // Glued to a letter before: "v3", "f238...".
    if !first.space_before && before.is_some_and(|b| b.is_word()) {
        return true;
    }
    // Glued to letters after that are not a unit: "641b0b", "7bcd".
    if let Some(a) = after.filter(|a| !a.space_before && a.is_word()) {
        if !GLUED_SUFFIXES.contains(&a.norm.as_str())
            || tokens
                .get(end + 1)
                .is_some_and(|n| !n.space_before && (n.is_word() || n.is_number()))
        {
            return true;
        }
    }
    // A citation marker "[3]" or a list number "21." / "1." at a line start.
    if before.is_some_and(|b| b.norm == "[") && after.is_some_and(|a| a.norm == "]") {
        return true;
    }
    if first.newline_before && after.is_some_and(|a| a.norm == "." || a.norm == ")") {
        return true;
    }
    if before.is_some_and(|b| b.norm == "#") {
        return true;
    }
    // A formula: "close / previous close − 1", "a × b".
    if start >= 2 && first.space_before {
        let op = &tokens[start - 1];
        let left = &tokens[start - 2];
        let glue = matches!(
            left.norm.as_str(),
            "or" | "at"
                | "to"
                | "of"
                | "by"
                | "from"
                | "was"
                | "is"
                | "were"
                | "are"
                | "be"
                | "and"
                | "than"
                | "down"
                | "up"
        );
        if matches!(op.norm.as_str(), "-" | "/" | "×" | "*" | "+")
            && op.space_before
            && left.is_word()
            && !glue
        {
            return true;
        }
    }
    // Inside a path or an address: glued to "/", "_", "@", ":" or a file dot.
    let path_mark = |t: &Token| matches!(t.norm.as_str(), "/" | "_" | "@" | "\\" | "=");
    if before.is_some_and(|b| {
        !first.space_before
            && (path_mark(b)
                || b.norm == "-"
                    && start >= 2
                    && !tokens[start - 1].space_before
                    && tokens[start - 2].is_word()
                    && !tokens[start - 2].space_before
                    && start >= 3
                    && tokens[start - 3].norm == "-")
    }) {
        return true;
    }
    if after.is_some_and(|a| {
        !a.space_before
            && (path_mark(a)
                || a.norm == "."
                    && tokens
                        .get(end + 1)
                        .is_some_and(|n| !n.space_before && n.is_word()))
    }) {
        return true;
    }
    false
}

/// Reads a unit after the number; returns the new end.
fn read_unit(tokens: &[Token], end: usize, limit: usize, q: &mut Quantity) -> usize {
    let lex = lexicon();
    let Some(h) = lex.longest(tokens, end, limit, "unit") else {
        return end;
    };
    // "bn"/"m" glued to a number, or a word unit after a space.
    let unit = match h.label {
        "percent" => QUnit::Percent,
        "points" => QUnit::Points,
        "percentage_points" => QUnit::PercentagePoints,
        "basis_points" => QUnit::BasisPoints,
        "dollars" => QUnit::Dollars,
        "times" if !q.ordinal => QUnit::Times,
        "billion" | "million" | "trillion" => {
            let m = match h.label {
                "billion" => 1e9,
                "million" => 1e6,
                _ => 1e12,
            };
            q.value *= m;
            return read_unit(tokens, h.end, limit, q);
        }
        _ => return end,
    };
    // "a percentage point" after "half a" / "three-quarters of a" is fine;
    // "times" must follow directly.
    q.unit = if q.unit == QUnit::Dollars {
        QUnit::Dollars
    } else {
        unit
    };
    h.end
}

/// Reads the high end of a range; returns the new end.
fn read_range(tokens: &[Token], end: usize, limit: usize, q: &mut Quantity) -> usize {
    let Some(sep) = tokens.get(end).filter(|_| end < limit) else {
        return end;
    };
    let dash = sep.norm == "-";
    let to = matches!(sep.norm.as_str(), "to" | "and");
    if !(dash || to) {
        return end;
    }
    let mut k = end + 1;
    if tokens.get(k).is_some_and(|t| t.norm == "$") {
        k += 1;
    }
    let Some((high, dec, hend, _, false)) = number_at(tokens, k, limit) else {
        return end;
    };
    if q.ordinal {
        return end;
    }
    let mut hq = Quantity {
        tokens: k..hend,
        value: high,
        high: None,
        decimals: dec,
        unit: QUnit::Plain,
        hedge: Hedge::Exact,
        sign: None,
        word: false,
        ordinal: false,
    };
    let after = read_unit(tokens, hend, limit, &mut hq);
    // Both ends in the same unit (or the unit only after the second): a range.
    let same_unit = hq.unit == q.unit || q.unit == QUnit::Plain;
    let plausible = high > q.value && (high - q.value) <= q.value.abs().max(1.0) * 2.0;
    if !same_unit || !plausible || (to && hq.unit == QUnit::Plain && q.unit == QUnit::Plain) {
        return end;
    }
    if q.unit == QUnit::Plain {
        q.unit = hq.unit;
    }
    q.high = Some(high);
    q.decimals = q.decimals.max(dec);
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn read(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let taken = vec![false; tokens.len()];
        find(&tokens, &taken)
            .into_iter()
            .map(|q| {
                let mut s = format!("{}", q.value);
                if let Some(h) = q.high {
                    s.push_str(&format!("..{h}"));
                }
                s.push_str(&format!(" {:?}", q.unit));
                if q.hedge != Hedge::Exact {
                    s.push_str(&format!(" {:?}", q.hedge));
                }
                if let Some(sg) = q.sign {
                    s.push_str(&format!(" sign{sg}"));
                }
                if q.ordinal {
                    s.push_str(" ordinal");
                }
                s.push_str(&format!(" d{}", q.decimals));
                s
            })
            .collect()
    }

    #[test]
    fn quantities_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "lost more than 20 percent, falling 57.86",
                &["20 Percent MoreThan d0", "57.86 Plain d2"],
            ),
            ("COMP, -2.21%", &["2.21 Percent sign-1 d2"]),
            ("rose 1,527.46 points", &["1527.46 Points d2"]),
            (
                "by three-quarters of a percentage point",
                &["0.75 PercentagePoints d2"],
            ),
            ("by half a percentage point", &["0.5 PercentagePoints d0"]),
            ("a range of 3% to 3.25%", &["3..3.25 Percent d2"]),
            ("to 3.50%-3.75%", &["3.5..3.75 Percent d2"]),
            ("at 5.25-5.50 percent", &["5.25..5.5 Percent d2"]),
            ("It fell ~1.1%", &["1.1 Percent Approx d1"]),
            ("fallen 10%+ in a month", &["10 Percent AtLeast d0"]),
            ("Financial Services at +0.30%", &["0.3 Percent sign1 d2"]),
            (
                "moves of 0.25 per cent or more",
                &["0.25 Percent AtLeast d2"],
            ),
            ("the third worst", &["3 Plain ordinal d0"]),
            ("its 23rd worst month", &["23 Plain ordinal d0"]),
            ("seven red sessions", &["7 Plain d0"]),
            ("at $4,704.73", &["4704.73 Dollars d2"]),
            (
                "for the first time in 9 1/2 years",
                &["1 Plain ordinal d0", "9.5 Plain d2"],
            ),
            ("by 25 basis points", &["25 BasisPoints d0"]),
            ("north of 5%", &["5 Percent MoreThan d0"]),
            ("30 times this year", &["30 Times d0"]),
            ("up 0.122 percentage point", &["0.122 PercentagePoints d3"]),
            (
                "github:datasets/s-and-p-500 @ f23898667d8764ea9e8a641b0b4",
                &[],
            ),
            ("level.observation v3: the last", &[]),
            ("rose 5bp to 3.2%", &["5 BasisPoints d0", "3.2 Percent d1"]),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), *want, "{text}");
        }
    }
}
