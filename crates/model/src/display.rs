//! How numbers, dates and Fact values are printed for a reader: the one
//! home for display formatting, so the brief, the checker, the answers, the
//! CLI and the pages print the same figure the same way.
//!
//! Precision lives with the unit, not with the number: a level or an index
//! move gets two decimals and thousands separators (`6,940.01`), a percent
//! change two decimals and a sign (`+7.89%`), a share one decimal
//! (`62.5%`). Pure text in, text out: no I/O, no locale, no clock.
//!
//! Two signed-percent forms exist on purpose and print different bytes:
//! [`signed_pct`] is the form of Fact sentences and answers (always a sign,
//! no separators: `+0.00%`, `+1234.50%`); [`signed_pct_grouped`] is the
//! brief's (separators, and a value that rounds to zero prints without a
//! sign: `0.00%`, `+1,234.50%`). The brief's number-provenance test parses
//! the second form back.
//!
//! Nothing here panics: NaN and infinities print as `NaN`, `inf`, `-inf`.

use crate::{Date, FactValue, Unit};
use chrono::Datelike;

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Which sign a number gets; the forms differ only around zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `-` for a negative value that does not print as zero, nothing
    /// otherwise: `-3.25`, `7.89`, `0.00` for `-0.001`. Levels on pages and
    /// in the brief.
    MinusIfNonZero,
    /// `-` for every value below zero, even one that prints as zero:
    /// `-3.25`, `7.89`, `-0.00` for `-0.001`. Levels in Fact sentences.
    Minus,
    /// `+` or `-` when the printed value is not zero, nothing on zero:
    /// `+7.89`, `-0.57`, `0.00` for `0.0` and for `-0.001`. The brief's
    /// changes.
    PlusMinusIfNonZero,
    /// `-` below zero, `+` otherwise, also on zero: `+7.89`, `+0.00`,
    /// `-0.00` for `-0.001`. Index moves in points.
    PlusMinus,
}

/// A number with `decimals` decimals, thousands separators and the given
/// [`Sign`]: `number(-1234.5, 2, Sign::Minus)` is `-1,234.50`. NaN prints
/// as `NaN` (never signed), infinities as `inf` with the sign rule applied.
pub fn number(x: f64, decimals: usize, sign: Sign) -> String {
    let digits = if x.is_nan() {
        return "NaN".to_string();
    } else if x.is_infinite() {
        "inf".to_string()
    } else {
        format!("{:.*}", decimals, x.abs())
    };
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits.as_str(), None),
    };
    let zero = prints_as_zero(&digits);
    let prefix = match sign {
        Sign::MinusIfNonZero => (x < 0.0 && !zero).then_some('-'),
        Sign::Minus => (x < 0.0).then_some('-'),
        Sign::PlusMinusIfNonZero if zero => None,
        Sign::PlusMinusIfNonZero | Sign::PlusMinus => Some(if x < 0.0 { '-' } else { '+' }),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.extend(prefix);
    let n_digits = int.len();
    for (idx, c) in int.chars().enumerate() {
        if idx > 0 && c.is_ascii_digit() && (n_digits - idx).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A number with `decimals` decimals and thousands separators, a minus sign
/// only when the printed value is not zero ([`Sign::MinusIfNonZero`]):
/// `2,677.74`, `-3.25`, `0.00` for `-0.001`.
pub fn grouped(x: f64, decimals: usize) -> String {
    number(x, decimals, Sign::MinusIfNonZero)
}

/// Whether printed digits (and a point) are all zero.
fn prints_as_zero(digits: &str) -> bool {
    digits.chars().all(|c| matches!(c, '0' | '.'))
}

/// A price, index or yield level: two decimals with separators, `6,940.01`.
pub fn level(x: f64) -> String {
    grouped(x, 2)
}

/// A level as Fact sentences and answers print it: like [`level`], but a
/// negative value that rounds to zero keeps its minus sign
/// ([`Sign::Minus`]): `6,940.01`, `-0.00` for `-0.001`.
pub fn sentence_level(x: f64) -> String {
    number(x, 2, Sign::Minus)
}

/// An unsigned percent with `decimals` decimals and separators: `4.69%`,
/// `-3.25%` for a negative value (pass `x.abs()` for a size).
pub fn pct(x: f64, decimals: usize) -> String {
    format!("{}%", grouped(x, decimals))
}

/// A share of a whole: one decimal, `68.8%`.
pub fn share(x: f64) -> String {
    pct(x, 1)
}

/// A percent change as Fact sentences and answers print it: two decimals,
/// always a sign, no separators: `+7.89%`, `-0.57%`, `+0.00%`, `+1234.50%`.
pub fn signed_pct(x: f64) -> String {
    format!("{x:+.2}%")
}

/// A percent change as the brief prints it: two decimals with separators,
/// `+` only when the printed value is a positive non-zero: `+7.89%`,
/// `-0.57%`, `0.00%` (for `0.0` and for `-0.001`), `+1,234.50%`.
pub fn signed_pct_grouped(x: f64) -> String {
    format!("{}%", number(x, 2, Sign::PlusMinusIfNonZero))
}

/// An index move in points: two decimals with separators and always a sign
/// ([`Sign::PlusMinus`]): `+94.50 points`, `-1,234.57 points`, `+0.00 points`.
pub fn signed_points(x: f64) -> String {
    format!("{} points", number(x, 2, Sign::PlusMinus))
}

/// A price change in dollars: two decimals with separators and always a
/// sign, the sign before the currency: `+$19.57`, `-$2,174.96`.
pub fn signed_dollars(x: f64) -> String {
    let n = number(x, 2, Sign::PlusMinus);
    match n.split_at_checked(1) {
        Some((sign @ ("+" | "-"), rest)) => format!("{sign}${rest}"),
        _ => format!("${n}"),
    }
}

/// "the largest", "the 2nd-largest": a rank among moves, the first without
/// its ordinal.
pub fn largest(rank: i64) -> String {
    if rank == 1 {
        "the largest".to_string()
    } else {
        format!("the {}-largest", ordinal(rank))
    }
}

/// An English ordinal: `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`,
/// `21st`, `112th`.
pub fn ordinal(n: i64) -> String {
    let magnitude = n.unsigned_abs();
    let suffix = match (magnitude % 10, magnitude % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The English month name of a date: `January`.
pub fn month_name(date: Date) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// A full date: `January 16, 2026`.
pub fn long_date(date: Date) -> String {
    format!("{} {}, {}", month_name(date), date.day(), date.year())
}

/// A month and year: `December 2025`.
pub fn month_year(date: Date) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// Escapes text for an HTML or SVG text node or a quoted attribute value:
/// `& < > " '`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Who a Fact value is printed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A reader's page: levels with separators, shares with one decimal,
    /// other numbers with two, counts with singular or plural nouns.
    Reader,
    /// The CLI's plain `fact` dump: no separators, shares with two decimals,
    /// unitless numbers with four, counts with plural nouns.
    Plain,
}

/// A Fact value with its unit: `+7.89%`, `6,940.01` (reader) or `6940.01`
/// (plain), `+0.25 pp`, `-25 bp`, `3 sessions`, `#2`, `2026-01-16`, `yes`,
/// `3.50%–3.75%`.
pub fn fact_value(value: &FactValue, unit: Unit, audience: Audience) -> String {
    match value {
        FactValue::Number(x) => match (unit, audience) {
            (Unit::Percent, _) => signed_pct(*x),
            (Unit::PercentagePoints, _) => format!("{x:+.2} pp"),
            (Unit::BasisPoints, _) => format!("{x:+.0} bp"),
            (Unit::Share, Audience::Reader) => format!("{x:.1}%"),
            (Unit::Share, Audience::Plain) => format!("{x:.2}%"),
            (Unit::Points, Audience::Reader) => level(*x),
            (_, Audience::Reader) | (Unit::Points, Audience::Plain) => format!("{x:.2}"),
            (_, Audience::Plain) => format!("{x:.4}"),
        },
        FactValue::Integer(n) => match unit {
            Unit::Sessions => counted(*n, "session", audience),
            Unit::Months => counted(*n, "month", audience),
            Unit::Years => counted(*n, "year", audience),
            Unit::Rank => format!("#{n}"),
            _ => n.to_string(),
        },
        FactValue::Date(d) => d.to_string(),
        FactValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        FactValue::Range { low, high } => format!("{low:.2}%–{high:.2}%"),
        FactValue::Text(t) => t.clone(),
    }
}

/// `1 session`, `3 sessions` for a reader; the plain dump always says
/// `sessions`.
fn counted(n: i64, noun: &str, audience: Audience) -> String {
    if n == 1 && audience == Audience::Reader {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        crate::parse_iso_date(text).expect("valid test date")
    }

    #[test]
    fn grouped_places_separators_and_rounds() {
        assert_eq!(grouped(6940.014, 2), "6,940.01");
        assert_eq!(grouped(2677.7399, 2), "2,677.74");
        assert_eq!(grouped(123.0, 2), "123.00");
        assert_eq!(grouped(999.0, 2), "999.00");
        assert_eq!(grouped(1000.0, 2), "1,000.00");
        assert_eq!(grouped(-1_234_567.5, 2), "-1,234,567.50");
        assert_eq!(grouped(-1_234_567.0, 0), "-1,234,567");
        assert_eq!(grouped(123_456.0, 0), "123,456");
        assert_eq!(grouped(0.5, 2), "0.50");
        assert_eq!(grouped(68.7796, 1), "68.8");
        // Rounding carries into a fourth integer digit, which then needs a
        // separator (999.995 is stored as 999.99500000000000455…, Python's
        // `Decimal(999.995)`, so it rounds up).
        assert_eq!(grouped(999.995, 2), "1,000.00");
        assert_eq!(grouped(999.996, 2), "1,000.00");
        assert_eq!(grouped(-999.996, 2), "-1,000.00");
        assert_eq!(grouped(9_999.5, 0), "10,000");
    }

    #[test]
    fn zero_prints_without_a_sign() {
        assert_eq!(grouped(0.0, 2), "0.00");
        assert_eq!(grouped(-0.0, 2), "0.00");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(grouped(-0.4, 0), "0");
        assert_eq!(grouped(-0.006, 2), "-0.01");
    }

    #[test]
    fn signs_differ_only_around_zero() {
        let forms = |x: f64| {
            [
                Sign::MinusIfNonZero,
                Sign::Minus,
                Sign::PlusMinusIfNonZero,
                Sign::PlusMinus,
            ]
            .map(|sign| number(x, 2, sign))
        };
        assert_eq!(
            forms(1234.5),
            ["1,234.50", "1,234.50", "+1,234.50", "+1,234.50"]
        );
        assert_eq!(
            forms(-1234.5),
            ["-1,234.50", "-1,234.50", "-1,234.50", "-1,234.50"]
        );
        assert_eq!(forms(0.0), ["0.00", "0.00", "0.00", "+0.00"]);
        assert_eq!(forms(-0.0), ["0.00", "0.00", "0.00", "+0.00"]);
        assert_eq!(forms(0.004), ["0.00", "0.00", "0.00", "+0.00"]);
        assert_eq!(forms(-0.001), ["0.00", "-0.00", "0.00", "-0.00"]);
        assert_eq!(forms(f64::NAN), ["NaN", "NaN", "NaN", "NaN"]);
        assert_eq!(forms(f64::INFINITY), ["inf", "inf", "+inf", "+inf"]);
        assert_eq!(forms(f64::NEG_INFINITY), ["-inf", "-inf", "-inf", "-inf"]);
    }

    #[test]
    fn non_finite_numbers_print_without_panicking() {
        assert_eq!(grouped(f64::NAN, 2), "NaN");
        assert_eq!(grouped(f64::INFINITY, 2), "inf");
        assert_eq!(grouped(f64::NEG_INFINITY, 0), "-inf");
        assert_eq!(level(f64::NAN), "NaN");
        assert_eq!(sentence_level(f64::NAN), "NaN");
        assert_eq!(signed_pct_grouped(f64::NAN), "NaN%");
        assert_eq!(signed_pct_grouped(f64::INFINITY), "+inf%");
        assert_eq!(signed_pct_grouped(f64::NEG_INFINITY), "-inf%");
        assert_eq!(signed_points(f64::NEG_INFINITY), "-inf points");
        assert_eq!(signed_pct(f64::INFINITY), "+inf%");
        assert_eq!(share(f64::NAN), "NaN%");
    }

    #[test]
    fn levels() {
        assert_eq!(level(6940.014), "6,940.01");
        assert_eq!(level(-1_234_567.891), "-1,234,567.89");
        assert_eq!(level(-0.001), "0.00");
        assert_eq!(sentence_level(6940.014), "6,940.01");
        assert_eq!(sentence_level(123.0), "123.00");
        assert_eq!(sentence_level(-1_234_567.5), "-1,234,567.50");
        assert_eq!(sentence_level(-0.001), "-0.00");
        assert_eq!(sentence_level(-0.0), "0.00");
    }

    #[test]
    fn percents_and_points() {
        assert_eq!(pct(4.6904, 2), "4.69%");
        assert_eq!(pct(0.5719, 2), "0.57%");
        assert_eq!(pct(1234.5, 2), "1,234.50%");
        assert_eq!(share(68.7796), "68.8%");
        assert_eq!(share(62.5), "62.5%");

        assert_eq!(signed_pct(7.8903), "+7.89%");
        assert_eq!(signed_pct(-0.5719), "-0.57%");
        assert_eq!(signed_pct(0.0), "+0.00%");
        assert_eq!(signed_pct(1234.5), "+1234.50%");

        assert_eq!(signed_pct_grouped(7.8903), "+7.89%");
        assert_eq!(signed_pct_grouped(-0.5719), "-0.57%");
        assert_eq!(signed_pct_grouped(0.0), "0.00%");
        assert_eq!(signed_pct_grouped(0.004), "0.00%");
        assert_eq!(signed_pct_grouped(-0.004), "0.00%");
        assert_eq!(signed_pct_grouped(1234.5), "+1,234.50%");

        assert_eq!(signed_points(94.5), "+94.50 points");
        assert_eq!(signed_points(-94.5), "-94.50 points");
        assert_eq!(signed_points(-1234.567), "-1,234.57 points");
        assert_eq!(signed_dollars(19.571), "+$19.57");
        assert_eq!(signed_dollars(-2174.96), "-$2,174.96");
        assert_eq!(largest(1), "the largest");
        assert_eq!(largest(2), "the 2nd-largest");
        assert_eq!(signed_points(0.0), "+0.00 points");
        assert_eq!(signed_points(-0.0), "+0.00 points");
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 6, 10, 11, 12, 13, 21, 22, 23, 101, 111, 112, 0]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "6th", "10th", "11th", "12th", "13th", "21st", "22nd",
                "23rd", "101st", "111th", "112th", "0th"
            ]
        );
        assert_eq!(ordinal(-1), "-1st");
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(long_date(day("2026-01-16")), "January 16, 2026");
        assert_eq!(long_date(day("2022-06-01")), "June 1, 2022");
        assert_eq!(month_year(day("2025-12-31")), "December 2025");
        assert_eq!(month_name(day("2024-09-30")), "September");
        assert_eq!(MONTHS[4], "May");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape_html("S&P 500 — ok"), "S&amp;P 500 — ok");
    }

    #[test]
    fn fact_values_for_readers_and_the_plain_dump() {
        let n = |x| FactValue::Number(x);
        let reader = |v: FactValue, u| fact_value(&v, u, Audience::Reader);
        let plain = |v: FactValue, u| fact_value(&v, u, Audience::Plain);
        assert_eq!(reader(n(4.6904), Unit::Percent), "+4.69%");
        assert_eq!(plain(n(4.6904), Unit::Percent), "+4.69%");
        assert_eq!(reader(n(6940.013), Unit::Points), "6,940.01");
        assert_eq!(plain(n(6940.013), Unit::Points), "6940.01");
        assert_eq!(reader(n(62.54), Unit::Share), "62.5%");
        assert_eq!(plain(n(62.54), Unit::Share), "62.54%");
        assert_eq!(reader(n(0.123_456), Unit::Ratio), "0.12");
        assert_eq!(plain(n(0.123_456), Unit::Ratio), "0.1235");
        assert_eq!(reader(n(-0.25), Unit::PercentagePoints), "-0.25 pp");
        assert_eq!(reader(n(-25.0), Unit::BasisPoints), "-25 bp");
        assert_eq!(reader(FactValue::Integer(1), Unit::Sessions), "1 session");
        assert_eq!(plain(FactValue::Integer(1), Unit::Sessions), "1 sessions");
        assert_eq!(reader(FactValue::Integer(3), Unit::Years), "3 years");
        assert_eq!(reader(FactValue::Integer(2), Unit::Rank), "#2");
        assert_eq!(reader(FactValue::Bool(true), Unit::Bool), "yes");
        assert_eq!(
            reader(
                FactValue::Range {
                    low: 3.5,
                    high: 3.75
                },
                Unit::Text
            ),
            "3.50%–3.75%"
        );
        assert_eq!(reader(n(f64::NAN), Unit::Points), "NaN");
    }
}
