//! Fed funds target-range decisions.
//!
//! Method `rates.decisions` v3: every change in the upper or lower bound of
//! the target range (FRED DFEDTARU / DFEDTARL) is one decision. FRED dates
//! the new range on the day it takes effect (`effective`), usually the day
//! after the FOMC announcement but on the announcement day itself on
//! 2015-12-16 and 2016-12-14, so this kernel only finds the changes; the
//! engine dates each on its announcement (the FOMC statement of the day when
//! the data has one, else the FOMC calendar, `model::fomc`). The size is the
//! change of the upper bound in basis points. The range exists only since
//! 2008-12-16; the first observation is the starting range, not a decision.

use model::Date;

/// One target-range decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// Announcement date: set by the engine from the statement or the FOMC
    /// calendar; [`decisions`] fills in the day before `effective`.
    pub announced: Date,
    /// The first date on which FRED shows the new range.
    pub effective: Date,
    /// Index of the first observation with the new range (in the upper series).
    pub index: usize,
    /// Change in basis points (upper bound).
    pub change_bp: f64,
    /// New lower bound, percent.
    pub lower: f64,
    /// New upper bound, percent.
    pub upper: f64,
    /// Previous lower bound.
    pub prev_lower: f64,
    /// Previous upper bound.
    pub prev_upper: f64,
}

/// Every change of the range. `dates`, `lower`, `upper` are aligned (the
/// engine aligns the two bounds on common dates).
pub fn decisions(dates: &[Date], lower: &[f64], upper: &[f64]) -> Vec<Decision> {
    let n = dates.len().min(lower.len()).min(upper.len());
    let mut out = Vec::new();
    for i in 1..n {
        if lower[i] != lower[i - 1] || upper[i] != upper[i - 1] {
            out.push(Decision {
                announced: dates[i].pred_opt().unwrap_or(dates[i]),
                effective: dates[i],
                index: i,
                change_bp: ((upper[i] - upper[i - 1]) * 100.0 * 100.0).round() / 100.0,
                lower: lower[i],
                upper: upper[i],
                prev_lower: lower[i - 1],
                prev_upper: upper[i - 1],
            });
        }
    }
    out
}

/// The target range `(lower, upper)` in percent that an FOMC statement sets
/// or keeps: the first "X to Y percent" after "target range for the federal
/// funds rate" ("to 3-1/2 to 3-3/4 percent", "at 0 to 1/4 percent"). Numbers
/// are a whole part and/or a fraction joined by any dash (the files carry
/// em dashes and mis-decoded non-breaking hyphens), so every run of digits
/// and slashes in a number token is summed. `None` when the statement names
/// no range (2020-03-23).
pub fn statement_range(body: &str) -> Option<(f64, f64)> {
    let at = body
        .to_ascii_lowercase()
        .find("target range for the federal funds rate")?;
    // ASCII lowercasing keeps byte offsets, so `at` indexes `body`.
    let tail = body.get(at..).unwrap_or(body);
    let toks: Vec<&str> = tail.split_whitespace().collect();
    for k in 3..toks.len() {
        let word = toks[k].trim_matches(|c: char| !c.is_alphanumeric());
        if word.eq_ignore_ascii_case("percent") && toks[k - 2].eq_ignore_ascii_case("to") {
            return Some((range_number(toks[k - 3])?, range_number(toks[k - 1])?));
        }
    }
    None
}

/// "3-1/2" → 3.5, "1/4" → 0.25, "4" → 4.0 (any separator between parts).
fn range_number(token: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut parts = 0;
    for run in token
        .split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter(|r| !r.is_empty())
    {
        parts += 1;
        total += match run.split_once('/') {
            Some((p, q)) => {
                let (p, q): (f64, f64) = (p.parse().ok()?, q.parse().ok()?);
                if q == 0.0 {
                    return None;
                }
                p / q
            }
            None => run.parse::<f64>().ok()?,
        };
    }
    (1..=2).contains(&parts).then_some(total)
}

/// The sentence of `body` that contains "target range" (first one), trimmed.
pub fn target_range_sentence(body: &str) -> Option<String> {
    let lower = body.to_lowercase();
    let at = lower.find("target range")?;
    let start = body[..at].rfind(['.', '\n']).map_or(0, |p| p + 1);
    let end = body[at..].find(". ").map_or(body.len(), |p| at + p + 1);
    Some(body[start..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_are_found_where_the_range_changes() {
        let dates: Vec<Date> = ["2025-09-16", "2025-09-17", "2025-09-18", "2025-09-19"]
            .iter()
            .map(|s| model::parse_iso_date(s).expect("d"))
            .collect();
        let up = [4.5, 4.5, 4.25, 4.25];
        let lo = [4.25, 4.25, 4.0, 4.0];
        let d = decisions(&dates, &lo, &up);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].effective, dates[2]);
        assert_eq!(
            d[0].announced, dates[1],
            "the default before the engine dates it"
        );
        assert_eq!(d[0].change_bp, -25.0);
        let s = target_range_sentence(
            "Uncertainty is elevated. In support of its goals, the Committee decided to lower the target range for the federal funds rate by 1/4 percentage point to 4 to 4-1/4 percent. In considering...",
        );
        assert_eq!(
            s.as_deref(),
            Some("In support of its goals, the Committee decided to lower the target range for the federal funds rate by 1/4 percentage point to 4 to 4-1/4 percent.")
        );
    }

    #[test]
    fn statement_ranges_parse() {
        let r = |s: &str| statement_range(s);
        assert_eq!(
            r("decided to lower the target range for the federal funds rate by 1/4 percentage point to 3-1/2 to 3\u{2014}\u{91}3/4 percent. In"),
            Some((3.5, 3.75))
        );
        assert_eq!(
            r("decided to maintain the target range for the federal funds rate at 1\u{2014}1/2 to 1-3/4 percent."),
            Some((1.5, 1.75))
        );
        assert_eq!(
            r("to lower the target range for the federal funds rate to 0 to 1/4 percent."),
            Some((0.0, 0.25))
        );
        assert_eq!(r("The Committee will purchase securities."), None);
    }
}
