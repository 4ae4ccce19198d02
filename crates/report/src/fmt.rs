//! How numbers and dates are printed in the brief: the brief's choice of
//! forms from [`model::display`], where the formatting itself lives. The
//! brief's number-provenance test parses exactly these forms back, so keep
//! the two in step.

use chrono::Datelike;
use model::display;
use model::Date;

pub use model::display::{level, month_name, month_year, share};

/// A number with `decimals` decimals and thousands separators, no sign for
/// positives: `2,677.74`, `-3.25`; a value that rounds to zero prints
/// without a minus sign ([`display::grouped`]).
pub fn number(x: f64, decimals: usize) -> String {
    display::grouped(x, decimals)
}

/// Absolute percent with two decimals: `7.89%`.
pub fn pct_abs(x: f64) -> String {
    display::pct(x.abs(), 2)
}

/// Signed percent with two decimals: `+7.89%`, `-0.57%`, `0.00%`
/// ([`display::signed_pct_grouped`]).
pub fn pct_signed(x: f64) -> String {
    display::signed_pct_grouped(x)
}

/// A count: `1,234`.
pub fn count(n: i64) -> String {
    display::grouped(n as f64, 0)
}

/// A count with its noun, singular for one: `1 session`, `11 sessions`.
pub fn plural(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", count(n))
    }
}

/// A full date: `January 16, 2026`.
pub fn date(d: Date) -> String {
    display::long_date(d)
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
        assert_eq!(plural(1, "session"), "1 session");
        assert_eq!(plural(1_057, "window"), "1,057 windows");
        let d = model::parse_iso_date("2026-01-16").expect("valid date");
        assert_eq!(date(d), "January 16, 2026");
        assert_eq!(month_year(d), "January 2026");
    }
}
