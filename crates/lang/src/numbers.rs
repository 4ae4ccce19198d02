//! Numbers as people write them in market prose: digits with thousands
//! separators, signs, percents, points, basis points, multiples (`18x`),
//! money, number words ("nine-day", "a quarter point", "two-thirds"),
//! ordinals ("fifth-largest", "11th"), ranges ("3.50%–3.75%", "5.8% to 7%",
//! "between 17% and 22%") and the hedges that widen a claim's tolerance.

use serde::{Deserialize, Serialize};

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumUnit {
    /// A bare number.
    Plain,
    /// Percent (`%`, "percent", "pct").
    Percent,
    /// Percentage points ("pp", "percentage points", "a quarter point" of a rate).
    PercentagePoints,
    /// Basis points ("bp", "bps", "basis points").
    BasisPoints,
    /// Index points ("points", "pts").
    Points,
    /// A multiple ("18x", "18 times").
    Multiple,
    /// Money ("$195.51").
    Money,
    /// An ordinal ("fifth", "11th").
    Ordinal,
    /// A fraction word, as a percent share ("two-thirds" = 66.67).
    Fraction,
}

/// How firmly a figure is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// Stated as is.
    #[default]
    Exact,
    /// "approximately", "about", "roughly", "nearly", "~".
    Approx,
    /// "more than", "over", "at least", "30%+".
    AtLeast,
    /// "less than", "under", "at most", "up to".
    AtMost,
}

/// A number found in text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Num {
    /// Byte offset of the first character (hedge words included).
    pub start: usize,
    /// Byte offset one past the last character (unit included).
    pub end: usize,
    /// The value (for a range, the low end).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Decimals printed (0 for words).
    pub decimals: u8,
    /// Unit.
    pub unit: NumUnit,
    /// Hedge.
    pub hedge: Hedge,
    /// Written as a word ("nine", "two-thirds").
    pub word: bool,
    /// Printed with an explicit sign.
    pub signed: bool,
}

const UNITS: &[(&str, u64)] = &[
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
];

/// Ordinal words and their values (also read by the claim reader).
pub(crate) const ORDINALS: &[(&str, u64)] = &[
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
    ("twentieth", 20),
];

const FRACTIONS: &[(&str, f64)] = &[
    ("two-thirds", 200.0 / 3.0),
    ("two thirds", 200.0 / 3.0),
    ("one-third", 100.0 / 3.0),
    ("a third", 100.0 / 3.0),
    ("one third", 100.0 / 3.0),
    ("three-quarters", 75.0),
    ("three quarters", 75.0),
    ("one-quarter", 25.0),
    ("a quarter of", 25.0),
    ("half of", 50.0),
    ("one-half", 50.0),
    ("a fifth of", 20.0),
    ("two-fifths", 40.0),
    ("three-fifths", 60.0),
];

const HEDGES: &[(&str, Hedge)] = &[
    ("approximately", Hedge::Approx),
    ("approx.", Hedge::Approx),
    ("about", Hedge::Approx),
    ("roughly", Hedge::Approx),
    ("nearly", Hedge::Approx),
    ("almost", Hedge::Approx),
    ("around", Hedge::Approx),
    ("some", Hedge::Approx),
    ("close to", Hedge::Approx),
    ("near", Hedge::Approx),
    ("an estimated", Hedge::Approx),
    ("circa", Hedge::Approx),
    ("~", Hedge::Approx),
    ("just over", Hedge::Approx),
    ("just under", Hedge::Approx),
    ("more than", Hedge::AtLeast),
    ("over", Hedge::AtLeast),
    ("at least", Hedge::AtLeast),
    ("upwards of", Hedge::AtLeast),
    ("in excess of", Hedge::AtLeast),
    ("less than", Hedge::AtMost),
    ("under", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("fewer than", Hedge::AtMost),
    ("up to", Hedge::AtMost),
    ("below", Hedge::AtMost),
];

fn word_value(w: &str) -> Option<u64> {
    // Number words are 3 to 15 letters ("one" .. "seventy-seven"): skip the rest cheaply.
    if !(3..=15).contains(&w.len()) {
        return None;
    }
    if let Some((_, v)) = UNITS.iter().find(|(n, _)| *n == w) {
        return Some(*v);
    }
    if !w.contains('-') {
        return None;
    }
    // twenty-one ... ninety-nine
    let (tens, ones) = w.split_once('-')?;
    let t = UNITS.iter().find(|(n, v)| *n == tens && *v >= 20)?.1;
    let o = UNITS.iter().find(|(n, v)| *n == ones && *v < 10)?.1;
    Some(t + o)
}

/// Lowercase ASCII copy with the same byte length, typographic minus and
/// dashes left as they are (they are multi-byte).
fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

fn is_boundary_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn is_boundary_after(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Reads a digit run at `i` ("2,692.23", "7.88", ".5"): value, decimals, end.
fn read_digits(text: &str, i: usize) -> Option<(f64, u8, usize)> {
    let b = text.as_bytes();
    let mut j = i;
    let mut s = String::new();
    let mut decimals = 0u8;
    let mut seen_dot = false;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            s.push(c as char);
            if seen_dot {
                decimals = decimals.saturating_add(1);
            }
            j += 1;
        } else if c == b','
            && !seen_dot
            && j + 3 < b.len() + 1
            && b.get(j + 1).is_some_and(u8::is_ascii_digit)
            && b.get(j + 2).is_some_and(u8::is_ascii_digit)
            && b.get(j + 3).is_some_and(u8::is_ascii_digit)
            && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
            && !s.is_empty()
        {
            j += 1;
        } else if c == b'.' && !seen_dot && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            s.push('.');
            j += 1;
        } else {
            break;
        }
    }
    if s.is_empty() || s == "." {
        return None;
    }
    s.parse::<f64>().ok().map(|v| (v, decimals, j))
}

fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if c == ' ' || c == '\u{a0}' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Reads a unit after a number at `i`: unit and end.
fn read_unit(lower: &str, i: usize) -> (NumUnit, usize) {
    let rest = &lower[i..];
    if let Some(r) = rest.strip_prefix('%') {
        let _ = r;
        return (NumUnit::Percent, i + 1);
    }
    let j = skip_spaces(lower, i);
    let rest = &lower[j..];
    let table: &[(&str, NumUnit)] = &[
        ("percentage points", NumUnit::PercentagePoints),
        ("percentage point", NumUnit::PercentagePoints),
        ("percentage-point", NumUnit::PercentagePoints),
        ("percent", NumUnit::Percent),
        ("per cent", NumUnit::Percent),
        ("pct", NumUnit::Percent),
        ("pp", NumUnit::PercentagePoints),
        ("basis points", NumUnit::BasisPoints),
        ("basis point", NumUnit::BasisPoints),
        ("basis-point", NumUnit::BasisPoints),
        ("bps", NumUnit::BasisPoints),
        ("bp", NumUnit::BasisPoints),
        ("index points", NumUnit::Points),
        ("points", NumUnit::Points),
        ("point", NumUnit::Points),
        ("pts", NumUnit::Points),
        ("times", NumUnit::Multiple),
    ];
    for (w, u) in table {
        if rest.starts_with(w) && is_boundary_after(lower, j + w.len()) {
            return (*u, j + w.len());
        }
    }
    if rest.starts_with('x') && j == i && is_boundary_after(lower, i + 1) {
        return (NumUnit::Multiple, i + 1);
    }
    if rest.starts_with("-basis-point") {
        return (NumUnit::BasisPoints, j + "-basis-point".len());
    }
    if rest.starts_with("-point") && is_boundary_after(lower, j + 6) {
        return (NumUnit::Points, j + 6);
    }
    (NumUnit::Plain, i)
}

fn hedge_before(lower: &str, start: usize) -> (Hedge, usize) {
    let before = lower[..start].trim_end_matches([' ', '\u{a0}']);
    for (w, h) in HEDGES {
        if before.ends_with(w) {
            let s = before.len() - w.len();
            if *w == "~" || is_boundary_before(lower, s) {
                return (*h, s);
            }
        }
    }
    (Hedge::Exact, start)
}

fn is_range_sep(lower: &str, i: usize) -> Option<usize> {
    let j = skip_spaces(lower, i);
    for sep in ["\u{2013}", "\u{2014}", "-", "to ", "and "] {
        if lower[j..].starts_with(sep) {
            let k = skip_spaces(lower, j + sep.len());
            if lower[k..].starts_with(|c: char| c.is_ascii_digit()) || lower[k..].starts_with('~') {
                return Some(k);
            }
        }
    }
    None
}

/// Finds every number in `text`, left to right. Offsets are bytes into `text`.
pub fn find_numbers(text: &str) -> Vec<Num> {
    let lo = lower(text);
    let b = lo.as_bytes();
    let mut out: Vec<Num> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !lo.is_char_boundary(i) {
            i += 1;
            continue;
        }
        // Fractions.
        if is_boundary_before(&lo, i) {
            if let Some((w, v)) = FRACTIONS.iter().find(|(w, _)| lo[i..].starts_with(w)) {
                let (hedge, s) = hedge_before(&lo, i);
                out.push(Num {
                    start: s,
                    end: i + w.len(),
                    value: *v,
                    high: None,
                    decimals: 0,
                    unit: NumUnit::Fraction,
                    hedge,
                    word: true,
                    signed: false,
                });
                i += w.len();
                continue;
            }
            if lo[i..].starts_with("a quarter point")
                || lo[i..].starts_with("a quarter-point")
                || lo[i..].starts_with("quarter-point")
                || lo[i..].starts_with("quarter point")
            {
                let len = if lo[i..].starts_with("a ") { 15 } else { 13 };
                out.push(Num {
                    start: i,
                    end: i + len,
                    value: 0.25,
                    high: None,
                    decimals: 2,
                    unit: NumUnit::PercentagePoints,
                    hedge: Hedge::Exact,
                    word: true,
                    signed: false,
                });
                i += len;
                continue;
            }
            if lo[i..].starts_with("half a point")
                || lo[i..].starts_with("half-point")
                || lo[i..].starts_with("half a percentage point")
            {
                let len = if lo[i..].starts_with("half a percentage point") {
                    23
                } else if lo[i..].starts_with("half a point") {
                    12
                } else {
                    10
                };
                out.push(Num {
                    start: i,
                    end: i + len,
                    value: 0.5,
                    high: None,
                    decimals: 1,
                    unit: NumUnit::PercentagePoints,
                    hedge: Hedge::Exact,
                    word: true,
                    signed: false,
                });
                i += len;
                continue;
            }
        }
        let c = b[i];
        if c.is_ascii_alphabetic() && is_boundary_before(&lo, i) {
            let end = lo[i..]
                .find(|ch: char| !(ch.is_ascii_alphabetic() || ch == '-'))
                .map_or(lo.len(), |k| i + k);
            let token = &lo[i..end];
            // "nine-day": take the number part before a hyphen.
            let (num_part, num_end) = match token.split_once('-') {
                Some((a, rest)) if word_value(token).is_none() && !a.is_empty() => {
                    let _ = rest;
                    (a, i + a.len())
                }
                _ => (token, end),
            };
            if let Some(v) = word_value(num_part) {
                let (hedge, s) = hedge_before(&lo, i);
                let (unit, uend) = read_unit(&lo, num_end);
                out.push(Num {
                    start: s,
                    end: uend.max(num_end),
                    value: v as f64,
                    high: None,
                    decimals: 0,
                    unit,
                    hedge,
                    word: true,
                    signed: false,
                });
                i = num_end;
                continue;
            }
            if let Some((_, v)) = ORDINALS.iter().find(|(n, _)| *n == num_part) {
                out.push(Num {
                    start: i,
                    end: num_end,
                    value: *v as f64,
                    high: None,
                    decimals: 0,
                    unit: NumUnit::Ordinal,
                    hedge: Hedge::Exact,
                    word: true,
                    signed: false,
                });
                i = num_end;
                continue;
            }
            i = end.max(i + 1);
            continue;
        }
        if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            if !is_boundary_before(&lo, i) {
                // Part of a word like "S&P500" or "PE10".
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                    i += 1;
                }
                continue;
            }
            let Some((v, decimals, mut j)) = read_digits(&lo, i) else {
                i += 1;
                continue;
            };
            let mut start = i;
            let mut value = v;
            let mut signed = false;
            // Sign and money before.
            let before = &lo[..i];
            let mut unit = NumUnit::Plain;
            let mut pre = before;
            if pre.ends_with('$') {
                unit = NumUnit::Money;
                pre = &pre[..pre.len() - 1];
                start -= 1;
            }
            for (sgn, neg) in [("-", true), ("\u{2212}", true), ("+", false)] {
                if pre.ends_with(sgn) {
                    let s = pre.len() - sgn.len();
                    // A hyphen after a digit is a range, not a sign.
                    let prev = pre[..s].chars().next_back();
                    if prev.is_none_or(|p| !p.is_alphanumeric() && p != '%') {
                        signed = true;
                        if neg {
                            value = -value;
                        }
                        start = s;
                    }
                }
            }
            // Ordinal suffix.
            let ordinal = ["st", "nd", "rd", "th"]
                .iter()
                .any(|suf| lo[j..].starts_with(suf) && is_boundary_after(&lo, j + 2));
            if ordinal && decimals == 0 {
                out.push(Num {
                    start,
                    end: j + 2,
                    value,
                    high: None,
                    decimals: 0,
                    unit: NumUnit::Ordinal,
                    hedge: Hedge::Exact,
                    word: false,
                    signed: false,
                });
                i = j + 2;
                continue;
            }
            if unit == NumUnit::Plain {
                let (u, e) = read_unit(&lo, j);
                unit = u;
                j = e;
            }
            let (mut hedge, hstart) = hedge_before(&lo, start);
            if hstart < start {
                start = hstart;
            }
            // "30%+" means at least.
            if lo[j..].starts_with('+') {
                hedge = Hedge::AtLeast;
                j += 1;
            }
            // A range: "3.50%–3.75%", "5.8% to 7%", "17-22%", "22x–26x".
            let mut high = None;
            let mut high_decimals = decimals;
            if let Some(k) = is_range_sep(&lo, j) {
                let k2 = if lo[k..].starts_with('~') { k + 1 } else { k };
                if let Some((v2, d2, e2)) = read_digits(&lo, k2) {
                    let (u2, e3) = read_unit(&lo, e2);
                    let sep = &lo[j..k];
                    let dash = sep.contains(['-', '\u{2013}', '\u{2014}']);
                    let compatible = u2 == unit
                        || (unit == NumUnit::Plain && u2 != NumUnit::Plain)
                        || (u2 == NumUnit::Plain && dash);
                    let head = lo[..start].trim_end();
                    let ok_sep = if sep.contains("and") {
                        head.ends_with("between")
                    } else if sep.contains("to") {
                        !head.ends_with("from")
                    } else {
                        true
                    };
                    if compatible && ok_sep && v2 >= value {
                        if unit == NumUnit::Plain {
                            unit = u2;
                        }
                        high = Some(v2);
                        high_decimals = d2;
                        j = e3;
                    }
                }
            }
            out.push(Num {
                start,
                end: j,
                value,
                high,
                decimals: decimals.max(high_decimals),
                unit,
                hedge,
                word: false,
                signed,
            });
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Num {
        let v = find_numbers(text);
        assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
        v.into_iter().next().expect("one number")
    }

    #[test]
    fn digits_units_and_signs() {
        let n = one("gained approximately 7.88% over");
        assert_eq!(
            (n.value, n.decimals, n.unit, n.hedge),
            (7.88, 2, NumUnit::Percent, Hedge::Approx)
        );
        let n = one("a high of 2,692.23 on");
        assert_eq!((n.value, n.decimals, n.unit), (2692.23, 2, NumUnit::Plain));
        let n = one("negative (-1.4%).");
        assert_eq!((n.value, n.signed), (-1.4, true));
        let n = one("at +0.30% and");
        assert_eq!((n.value, n.decimals, n.signed), (0.30, 2, true));
        let n = one("($195.51 in index points)");
        assert_eq!((n.value, n.unit), (195.51, NumUnit::Money));
        let n = one("cut by 25 basis points");
        assert_eq!((n.value, n.unit), (25.0, NumUnit::BasisPoints));
        let n = one("trading at 18x forward");
        assert_eq!(n.unit, NumUnit::Multiple);
        let n = one("growth of 30%+ in");
        assert_eq!(n.hedge, Hedge::AtLeast);
    }

    #[test]
    fn words_ordinals_fractions() {
        let n = one("a nine-day streak");
        assert_eq!((n.value, n.word), (9.0, true));
        let n = one("the fifth-largest decline");
        assert_eq!((n.value, n.unit), (5.0, NumUnit::Ordinal));
        let n = one("the 11th straight session");
        assert_eq!((n.value, n.unit), (11.0, NumUnit::Ordinal));
        let n = one("in approximately two-thirds of windows");
        assert_eq!((n.unit, n.hedge), (NumUnit::Fraction, Hedge::Approx));
        let n = one("a quarter point cut");
        assert_eq!((n.value, n.unit), (0.25, NumUnit::PercentagePoints));
        let n = one("twenty-one sessions");
        assert_eq!(n.value, 21.0);
    }

    #[test]
    fn ranges() {
        for (text, lo, hi) in [
            ("the 3.50%–3.75% range", 3.5, 3.75),
            ("to ~3.50%-3.75%)", 3.5, 3.75),
            ("surged approximately 5.8% to 7%, while", 5.8, 7.0),
            ("to 17%–22% growth", 17.0, 22.0),
            ("(17-22% growth", 17.0, 22.0),
            ("between 17% and 22%", 17.0, 22.0),
        ] {
            let n = one(text);
            assert_eq!((n.value, n.high), (lo, Some(hi)), "{text}");
            assert_eq!(n.unit, NumUnit::Percent, "{text}");
        }
    }

    #[test]
    fn no_numbers_in_words() {
        assert!(find_numbers("the S&P500 and PE10").is_empty());
        assert!(find_numbers("nothing here").is_empty());
    }
}
