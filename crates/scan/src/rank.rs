//! Ranking the scan by rarity: which series did something it has not done
//! in a long time.
//!
//! Definition (method `scan.rarity` v1). For a series with `h` daily returns
//! (`h = sessions − 1`), four scores in `[0, 1]`:
//!
//! - **streak**: 0 without a streak; otherwise `since / h`, where `since` is
//!   [`Streak::since_sessions`], and 1 for the longest streak on record;
//! - **relative streak**: the same on the common-date returns against the
//!   benchmark (`h` = common sessions − 1);
//! - **record**: when the last close is a record close, the sessions since
//!   the previous record close over `h` (a new high after years below the
//!   old one scores near 1, a new high the day after another near 0); else 0;
//! - **drawdown**: when the series is in a correction (drawdown ≤ −10 %), the
//!   share of the scanned series whose drawdown is strictly shallower; else 0.
//!
//! `rarity = max` of the four. [`rank`] sorts by rarity, highest first, ties
//! by input order.
//!
//! [`rarity_with`] leaves chosen series out of the drawdown score (score 0,
//! and not part of the population the share is taken over): a volatility
//! index such as the VIX is "in drawdown" most of the time by construction,
//! so its drawdown says nothing rare.

use crate::kernel::{Metrics, Streak};

/// Drawdown at or below which a series is in a correction.
pub const CORRECTION: f64 = -0.10;

/// The rarity of one series and its four parts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rarity {
    /// `max` of the four scores.
    pub score: f64,
    /// Streak score.
    pub streak: f64,
    /// Relative-streak score.
    pub relative_streak: f64,
    /// Record-close score.
    pub record: f64,
    /// Drawdown score.
    pub drawdown: f64,
}

fn streak_score(s: &Streak) -> f64 {
    if s.length_sessions == 0 || s.history_sessions == 0 {
        return 0.0;
    }
    match s.since_sessions {
        None => 1.0,
        Some(since) => f64::from(since) / f64::from(s.history_sessions),
    }
}

/// Rarity of every scanned series (`None` rows get the default, all zero).
pub fn rarity(rows: &[Option<Metrics>]) -> Vec<Rarity> {
    rarity_with(rows, |_| true)
}

/// [`rarity`] with the drawdown score only for the rows where
/// `drawdown_scored(index)` is true; the others get a drawdown score of 0
/// and are left out of the drawdown population.
pub fn rarity_with(
    rows: &[Option<Metrics>],
    drawdown_scored: impl Fn(usize) -> bool,
) -> Vec<Rarity> {
    let mut drawdowns: Vec<f64> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| drawdown_scored(*i))
        .filter_map(|(_, m)| m.as_ref().map(|m| m.drawdown))
        .collect();
    drawdowns.sort_by(f64::total_cmp);
    let total = drawdowns.len() as f64;
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let Some(m) = row else {
                return Rarity::default();
            };
            let history = f64::from(m.sessions.saturating_sub(1));
            let streak = streak_score(&m.streak);
            let relative_streak = m.relative_streak.as_ref().map_or(0.0, streak_score);
            let record = match m.record_gap_sessions {
                Some(gap) if history > 0.0 => f64::from(gap) / history,
                _ => 0.0,
            };
            let drawdown = if m.drawdown <= CORRECTION && drawdown_scored(i) {
                // Series with a drawdown strictly greater (shallower).
                let at_or_deeper = drawdowns.partition_point(|x| *x <= m.drawdown);
                (drawdowns.len() - at_or_deeper) as f64 / total
            } else {
                0.0
            };
            Rarity {
                score: streak.max(relative_streak).max(record).max(drawdown),
                streak,
                relative_streak,
                record,
                drawdown,
            }
        })
        .collect()
}

/// Indices of `rarities` ordered by score, highest first; ties keep input
/// order.
pub fn rank(rarities: &[Rarity]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rarities.len()).collect();
    order.sort_by(|a, b| rarities[*b].score.total_cmp(&rarities[*a].score));
    order
}
