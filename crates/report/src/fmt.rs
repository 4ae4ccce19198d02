//! How numbers and dates are printed in the brief (and by other crates that
//! print the same figures, so every page formats them alike). The brief's
//! number-provenance test parses exactly these forms back, so keep the two
//! in step.

use chrono::Datelike;
use model::Date;

/// A number with `decimals` decimals and thousands separators, no sign for
/// positives: `2,677.74`, `-3.25`.
pub fn number(x: f64, decimals: usize) -> String {
    let raw = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match raw.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (raw.clone(), None),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    // A value that rounds to zero prints without a minus sign.
    let is_zero = raw.chars().all(|c| c == '0' || c == '.');
    let sign = if x < 0.0 && !is_zero { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Absolute percent with two decimals: `7.89%`.
pub fn pct_abs(x: f64) -> String {
    format!("{}%", number(x.abs(), 2))
}

/// Signed percent with two decimals: `+7.89%`, `-0.57%`.
pub fn pct_signed(x: f64) -> String {
    let s = number(x, 2);
    if x >= 0.0 || !s.starts_with('-') {
        if s.chars().all(|c| c == '0' || c == '.') {
            return format!("{s}%");
        }
        if x > 0.0 {
            return format!("+{s}%");
        }
    }
    format!("{s}%")
}

/// A price or index level: `2,677.74`.
pub fn level(x: f64) -> String {
    number(x, 2)
}

/// A share of a whole: `68.8%`.
pub fn share(x: f64) -> String {
    format!("{}%", number(x, 1))
}

/// A count.
pub fn count(n: i64) -> String {
    number(n as f64, 0)
}

const MONTHS: [&str; 12] = [
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

/// English month name of a date.
pub fn month_name(d: Date) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// A full date: `January 16, 2026`.
pub fn date(d: Date) -> String {
    format!("{} {}, {}", month_name(d), d.day(), d.year())
}

/// A month and year: `December 2025`.
pub fn month_year(d: Date) -> String {
    format!("{} {}", month_name(d), d.year())
}

/// A year: `2008`.
pub fn year(d: Date) -> String {
    d.year().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_with_separators_and_fixed_decimals() {
        assert_eq!(number(2677.7399, 2), "2,677.74");
        assert_eq!(number(-1234567.0, 0), "-1,234,567");
        assert_eq!(number(-0.001, 2), "0.00");
        assert_eq!(pct_signed(7.8903), "+7.89%");
        assert_eq!(pct_signed(-0.5719), "-0.57%");
        assert_eq!(pct_abs(-0.5719), "0.57%");
        assert_eq!(share(68.7796), "68.8%");
        assert_eq!(count(11), "11");
        let d = model::parse_iso_date("2026-01-16").expect("valid date");
        assert_eq!(date(d), "January 16, 2026");
        assert_eq!(month_year(d), "January 2026");
    }
}
