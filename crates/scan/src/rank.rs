//! Ranking the scan by rarity: which series did something it has not done
//! in a long time.
//!
//! Definition (method `scan.rarity` v2). For a series with `h` daily returns
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
//! `rarity = max` of the four.
//!
//! Minimum history: a series with fewer than [`MIN_HISTORY_SESSIONS`]
//! closes (about five years) gets no streak, relative-streak or drawdown
//! score and is left out of the drawdown population: on one or two years a
//! "longest since" is weak evidence, and a young series in a correction
//! beats almost every long one on the drawdown share. Such a series is
//! still scanned and keeps its record score, but is flagged
//! ([`Rarity::short_history`], note [`SHORT_HISTORY_NOTE`]) and [`rank`]
//! puts it after every series with the full history. Within each group
//! [`rank`] sorts by rarity, highest first, ties by input order.
//!
//! [`rarity_with`] leaves chosen series out of the drawdown score (score 0,
//! and not part of the population the share is taken over): a volatility
//! index such as the VIX is "in drawdown" most of the time by construction,
//! so its drawdown says nothing rare.

use crate::kernel::{Metrics, Streak};

/// Drawdown at or below which a series is in a correction.
pub const CORRECTION: f64 = -0.10;

/// Closes a series needs for a streak, relative-streak or drawdown score:
/// five years of 252 sessions.
pub const MIN_HISTORY_SESSIONS: u32 = 1260;

/// Why a series with [`Rarity::short_history`] ranks after the others.
pub const SHORT_HISTORY_NOTE: &str = "history under 5 years";

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
    /// Fewer closes than the minimum history: no streak, relative-streak or
    /// drawdown score, ranked after the series with the full history.
    pub short_history: bool,
}

impl Rarity {
    /// The reason the rarity is partial, if it is ([`SHORT_HISTORY_NOTE`]).
    pub fn note(&self) -> Option<&'static str> {
        self.short_history.then_some(SHORT_HISTORY_NOTE)
    }
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
    rarity_with_min_history(rows, drawdown_scored, MIN_HISTORY_SESSIONS)
}

/// [`rarity_with`] with another minimum history than
/// [`MIN_HISTORY_SESSIONS`] (in closes; the relative streak needs as many
/// common closes with the benchmark).
pub fn rarity_with_min_history(
    rows: &[Option<Metrics>],
    drawdown_scored: impl Fn(usize) -> bool,
    min_history_sessions: u32,
) -> Vec<Rarity> {
    let long = |m: &Metrics| m.sessions >= min_history_sessions;
    let mut drawdowns: Vec<f64> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| drawdown_scored(*i))
        .filter_map(|(_, m)| m.as_ref().filter(|m| long(m)).map(|m| m.drawdown))
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
            let short_history = !long(m);
            let streak = if short_history {
                0.0
            } else {
                streak_score(&m.streak)
            };
            // `history_sessions` counts returns: common closes − 1.
            let relative_streak = m
                .relative_streak
                .as_ref()
                .filter(|r| r.history_sessions.saturating_add(1) >= min_history_sessions)
                .map_or(0.0, streak_score);
            let record = match m.record_gap_sessions {
                Some(gap) if history > 0.0 => f64::from(gap) / history,
                _ => 0.0,
            };
            let drawdown = if m.drawdown <= CORRECTION && drawdown_scored(i) && !short_history {
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
                short_history,
            }
        })
        .collect()
}

/// Indices of `rarities`: the series with the full history first, then the
/// [`Rarity::short_history`] ones; each group by score, highest first; ties
/// keep input order.
pub fn rank(rarities: &[Rarity]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rarities.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&rarities[*a], &rarities[*b]);
        a.short_history
            .cmp(&b.short_history)
            .then_with(|| b.score.total_cmp(&a.score))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::{scan_all, SeriesRef};

    /// `n` weekday-free consecutive dates from 2000-01-01 (the kernel only
    /// needs them sorted and unique).
    fn dates(n: usize) -> Vec<model::Date> {
        let start = model::Date::from_ymd_opt(2000, 1, 1).expect("valid date");
        (0..n)
            .map(|i| start + chrono::Days::new(i as u64))
            .collect()
    }

    /// Hand-made universe, no benchmark:
    /// - `young`: 300 closes rising 100 → 399, then 40 % down over the last
    ///   day: drawdown −40 %, the deepest of the three, and a 1-session down
    ///   streak that is the longest on record (no earlier down day);
    /// - `old`: 5,040 closes (20 years of 252) alternating up and down, then
    ///   3 up sessions in a row: the longest up streak on record (the
    ///   alternation never makes 2), streak score 1; drawdown 0;
    /// - `flat`: 5,040 closes rising every other day (100, 100, 101, 101,
    ///   …): at its record, drawdown 0.
    fn universe() -> Vec<Vec<f64>> {
        let mut young: Vec<f64> = (0..299).map(|i| 100.0 + f64::from(i)).collect();
        young.push(398.0 * 0.6);
        let mut old: Vec<f64> = (0..5037)
            .map(|i| if i % 2 == 0 { 100.0 } else { 101.0 })
            .collect();
        // 5037 closes end at index 5036 (even: 100.0); three rises follow.
        old.extend([102.0, 103.0, 104.0]);
        let flat: Vec<f64> = (0..5040).map(|i| 100.0 + f64::from(i / 2)).collect();
        vec![young, old, flat]
    }

    fn scan(closes: &[Vec<f64>]) -> Vec<Option<Metrics>> {
        let ds: Vec<Vec<model::Date>> = closes.iter().map(|c| dates(c.len())).collect();
        let refs: Vec<SeriesRef<'_>> = closes
            .iter()
            .zip(&ds)
            .map(|(c, d)| SeriesRef {
                dates: d,
                closes: c,
            })
            .collect();
        scan_all(&refs, None, 1)
    }

    #[test]
    fn a_short_deep_drawdown_does_not_outrank_a_long_rare_streak() {
        let closes = universe();
        let rows = scan(&closes);
        let r = rarity(&rows);
        // young: 300 < 1,260 closes: no streak or drawdown score, flagged.
        assert!(r[0].short_history);
        assert_eq!(r[0].note(), Some("history under 5 years"));
        assert_eq!((r[0].streak, r[0].drawdown), (0.0, 0.0));
        // old: +3 sessions, the longest up streak on record: score 1.
        let old = rows[1].expect("old scanned");
        assert_eq!(old.streak.length_sessions, 3);
        assert_eq!(old.streak.since_sessions, None);
        assert!(!r[1].short_history);
        assert_eq!(r[1].note(), None);
        assert_eq!(r[1].streak, 1.0);
        assert_eq!(r[1].score, 1.0);
        let order = rank(&r);
        assert_eq!(order[0], 1, "{r:?}");
        assert_eq!(order[2], 0, "{r:?}");

        // Without the minimum (v1 behaviour) the young series' drawdown
        // would score: of the three drawdowns (−40 %, 0 %, 0 %) two are
        // strictly shallower, 2/3, and its 1-session down streak is the
        // longest on record, 1.
        let v1 = rarity_with_min_history(&rows, |_| true, 0);
        assert!(!v1[0].short_history);
        assert!((v1[0].drawdown - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(v1[0].streak, 1.0);
    }

    #[test]
    fn short_series_are_left_out_of_the_drawdown_population() {
        // Two 1,260-close series in corrections (−20 %, −30 %) and one short
        // series at −50 %: the −20 % one has no shallower long series (0/2),
        // the −30 % one has one (1/2); the short one counts for neither.
        let mk = |n: usize, last: f64| {
            let mut c = vec![100.0; n - 1];
            c.push(last);
            c
        };
        let closes = vec![mk(1260, 80.0), mk(1260, 70.0), mk(1259, 50.0)];
        let r = rarity(&scan(&closes));
        assert_eq!(r[0].drawdown, 0.0);
        assert_eq!(r[1].drawdown, 0.5);
        assert!(!r[0].short_history && !r[1].short_history);
        assert!(r[2].short_history);
        assert_eq!(r[2].drawdown, 0.0);
    }
}
