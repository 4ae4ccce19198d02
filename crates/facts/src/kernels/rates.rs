//! Fed funds target-range decisions.
//!
//! Method `rates.decisions` v1: every change in the upper or lower bound of
//! the target range (FRED DFEDTARU / DFEDTARL) is one decision. FRED dates
//! the new range on the day it takes effect, the day after the FOMC
//! announcement, so a decision is dated on the *previous calendar day* of
//! the change date (2025-09-18 in FRED → announced 2025-09-17). The size is
//! the change of the upper bound in basis points. The range exists only
//! since 2008-12-16; the first observation is the starting range, not a
//! decision.

use model::Date;

/// One target-range decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// Announcement date (FRED change date − 1 day).
    pub announced: Date,
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
    fn decisions_are_dated_the_day_before_the_change() {
        let dates: Vec<Date> = ["2025-09-16", "2025-09-17", "2025-09-18", "2025-09-19"]
            .iter()
            .map(|s| model::parse_iso_date(s).expect("d"))
            .collect();
        let up = [4.5, 4.5, 4.25, 4.25];
        let lo = [4.25, 4.25, 4.0, 4.0];
        let d = decisions(&dates, &lo, &up);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].announced, dates[1]);
        assert_eq!(d[0].change_bp, -25.0);
        let s = target_range_sentence(
            "Uncertainty is elevated. In support of its goals, the Committee decided to lower the target range for the federal funds rate by 1/4 percentage point to 4 to 4-1/4 percent. In considering...",
        );
        assert_eq!(
            s.as_deref(),
            Some("In support of its goals, the Committee decided to lower the target range for the federal funds rate by 1/4 percentage point to 4 to 4-1/4 percent.")
        );
    }
}
