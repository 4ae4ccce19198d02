//! Consolidation: one series per (instrument, field) across sources by
//! source priority, and the reconciliation report of overlapping sources.
//!
//! For each date the observation of the highest-priority source that has
//! the date wins (`DatasetHint.priority`, lower wins; ties broken by source
//! path). Every pair of sources of one series is compared over the dates
//! they share: a disagreement is a relative difference
//! |a − b| / |b| above [`TOLERANCE_REL`] (0.5 %), `b` being the
//! higher-priority source.

use model::{Date, SeriesKey, SourceId};
use serde::Serialize;

/// Relative difference above which two sources disagree (0.5 %).
pub const TOLERANCE_REL: f64 = 0.005;
/// How many worst disagreements a reconciliation keeps.
pub const WORST_KEPT: usize = 5;

/// Observations of one series from one source, sorted by day.
#[derive(Debug, Clone)]
pub(crate) struct SourceObs {
    pub(crate) source: SourceId,
    pub(crate) priority: u32,
    pub(crate) path: String,
    /// Days since 1970-01-01, strictly increasing.
    pub(crate) days: Vec<i32>,
    pub(crate) values: Vec<f64>,
}

/// One consolidated series in day numbers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Merged {
    pub(crate) days: Vec<i32>,
    pub(crate) values: Vec<f64>,
    pub(crate) sources: Vec<u32>,
}

/// Merges sources by priority. `inputs` may be in any order. A lone
/// source's days and values are moved out (left empty), not copied.
pub(crate) fn merge(inputs: &mut [SourceObs]) -> Merged {
    inputs.sort_by(|a, b| (a.priority, &a.path).cmp(&(b.priority, &b.path)));
    if let [only] = inputs {
        return Merged {
            sources: vec![only.source.0; only.days.len()],
            days: std::mem::take(&mut only.days),
            values: std::mem::take(&mut only.values),
        };
    }
    // (day, rank, index in source)
    let total: usize = inputs.iter().map(|s| s.days.len()).sum();
    let mut all: Vec<(i32, u32, u32)> = Vec::with_capacity(total);
    for (rank, s) in inputs.iter().enumerate() {
        let rank = rank as u32;
        all.extend(s.days.iter().enumerate().map(|(i, d)| (*d, rank, i as u32)));
    }
    all.sort_unstable();
    let mut out = Merged::default();
    for (day, rank, idx) in all {
        if out.days.last() == Some(&day) {
            continue;
        }
        let s = &inputs[rank as usize];
        out.days.push(day);
        out.values.push(s.values[idx as usize]);
        out.sources.push(s.source.0);
    }
    out
}

/// Share of weekend dates up to which a weekday series' weekend
/// observations are treated as exceptions (2 %).
pub const MAX_WEEKEND_SHARE: f64 = 0.02;

/// A weekend observation of a weekday series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeekendPoint {
    pub(crate) day: i32,
    pub(crate) value: f64,
    pub(crate) source: u32,
    /// It repeats the previous weekday's value (within 1e-4 relative) and
    /// was removed from the series.
    pub(crate) carried_forward: bool,
}

/// Finds weekend observations in a series that otherwise trades on
/// weekdays only (at most [`MAX_WEEKEND_SHARE`] of its dates fall on a
/// weekend). yfinance wide tables carry Friday's close into some Saturdays
/// and Sundays: such repeats of the previous weekday's value are removed;
/// other weekend values (e.g. India's Saturday budget session of
/// 2025-02-01) are kept. The caller flags every point returned.
pub(crate) fn weekend_points(merged: &mut Merged) -> Vec<WeekendPoint> {
    // 1970-01-01 (day 0) was a Thursday: (day + 3) mod 7 is 0 for Monday.
    let is_weekend = |d: i32| (d + 3).rem_euclid(7) >= 5;
    let weekend = merged.days.iter().filter(|d| is_weekend(**d)).count();
    if weekend == 0 || weekend as f64 > MAX_WEEKEND_SHARE * merged.days.len() as f64 {
        return Vec::new();
    }
    let mut points = Vec::with_capacity(weekend);
    let mut kept = Merged::default();
    let mut last_weekday: Option<f64> = None;
    for i in 0..merged.days.len() {
        let (day, value, source) = (merged.days[i], merged.values[i], merged.sources[i]);
        if !is_weekend(day) {
            last_weekday = Some(value);
        } else {
            let carried_forward =
                last_weekday.is_some_and(|prev| (value - prev).abs() <= 1e-4 * prev.abs().max(1.0));
            points.push(WeekendPoint {
                day,
                value,
                source,
                carried_forward,
            });
            if carried_forward {
                continue;
            }
        }
        kept.days.push(day);
        kept.values.push(value);
        kept.sources.push(source);
    }
    *merged = kept;
    points
}

/// One disagreement between two sources on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The date.
    pub date: Date,
    /// Value in the higher-priority source (the one used).
    pub value_used: f64,
    /// Value in the other source.
    pub value_other: f64,
    /// |other − used| / |used|.
    pub rel_diff: f64,
}

/// How two sources of one series compare over their common dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    /// Which series.
    pub key: SeriesKey,
    /// Higher-priority source (its values are used).
    pub source_used: SourceId,
    /// Its path.
    pub path_used: String,
    /// Lower-priority source.
    pub source_other: SourceId,
    /// Its path.
    pub path_other: String,
    /// Number of common dates.
    pub overlap: usize,
    /// First common date.
    pub first: Option<Date>,
    /// Last common date.
    pub last: Option<Date>,
    /// Common dates whose relative difference exceeds [`TOLERANCE_REL`].
    pub disagreements: usize,
    /// Mean relative difference over the common dates.
    pub mean_rel_diff: f64,
    /// Largest relative difference.
    pub max_rel_diff: f64,
    /// The worst disagreements (at most [`WORST_KEPT`]), worst first.
    pub worst: Vec<Disagreement>,
    /// The tolerance used.
    pub tolerance_rel: f64,
}

/// Compares every pair of sources of one series (call after [`merge`],
/// which sorts `inputs` by priority).
pub(crate) fn reconcile(key: &SeriesKey, inputs: &[SourceObs]) -> Vec<Reconciliation> {
    let mut out = Vec::new();
    for (i, a) in inputs.iter().enumerate() {
        for b in &inputs[i + 1..] {
            if let Some(r) = compare(key, a, b) {
                out.push(r);
            }
        }
    }
    out
}

fn compare(key: &SeriesKey, used: &SourceObs, other: &SourceObs) -> Option<Reconciliation> {
    let (mut i, mut j) = (0, 0);
    let mut overlap = 0usize;
    let (mut first, mut last) = (None, None);
    let mut disagreements = 0usize;
    let mut sum_rel = 0.0;
    let mut max_rel: f64 = 0.0;
    let mut worst: Vec<Disagreement> = Vec::new();
    while i < used.days.len() && j < other.days.len() {
        let (da, db) = (used.days[i], other.days[j]);
        if da < db {
            i += 1;
            continue;
        }
        if db < da {
            j += 1;
            continue;
        }
        let (va, vb) = (used.values[i], other.values[j]);
        let rel = if va == vb {
            0.0
        } else if va == 0.0 {
            f64::INFINITY
        } else {
            ((vb - va) / va).abs()
        };
        overlap += 1;
        if first.is_none() {
            first = Some(da);
        }
        last = Some(da);
        if rel.is_finite() {
            sum_rel += rel;
        }
        max_rel = max_rel.max(rel);
        if rel > TOLERANCE_REL {
            disagreements += 1;
            if let Some(date) = crate::db::days_to_date(da) {
                worst.push(Disagreement {
                    date,
                    value_used: va,
                    value_other: vb,
                    rel_diff: rel,
                });
                if worst.len() > 4 * WORST_KEPT {
                    keep_worst(&mut worst);
                }
            }
        }
        i += 1;
        j += 1;
    }
    if overlap == 0 {
        return None;
    }
    keep_worst(&mut worst);
    Some(Reconciliation {
        key: key.clone(),
        source_used: used.source,
        path_used: used.path.clone(),
        source_other: other.source,
        path_other: other.path.clone(),
        overlap,
        first: first.and_then(crate::db::days_to_date),
        last: last.and_then(crate::db::days_to_date),
        disagreements,
        mean_rel_diff: sum_rel / overlap as f64,
        max_rel_diff: max_rel,
        worst,
        tolerance_rel: TOLERANCE_REL,
    })
}

fn keep_worst(worst: &mut Vec<Disagreement>) {
    worst.sort_by(|a, b| b.rel_diff.total_cmp(&a.rel_diff).then(a.date.cmp(&b.date)));
    worst.truncate(WORST_KEPT);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(source: u32, priority: u32, days: &[i32], values: &[f64]) -> SourceObs {
        SourceObs {
            source: SourceId(source),
            priority,
            path: format!("s{source}.csv"),
            days: days.to_vec(),
            values: values.to_vec(),
        }
    }

    #[test]
    fn higher_priority_wins_each_date_and_gaps_fill_from_others() {
        let mut inputs = vec![
            obs(2, 30, &[3, 4, 5, 6], &[30.0, 40.0, 50.0, 60.0]),
            obs(1, 10, &[1, 2, 3, 4], &[1.0, 2.0, 3.0, 4.02]),
        ];
        let m = merge(&mut inputs);
        assert_eq!(m.days, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(m.values, vec![1.0, 2.0, 3.0, 4.02, 50.0, 60.0]);
        assert_eq!(m.sources, vec![1, 1, 1, 1, 2, 2]);
        let mut weekends = Merged {
            days: (0..100).collect(),
            values: vec![1.0; 100],
            sources: vec![1; 100],
        };
        // Days 0..100 from Thursday 1970-01-01 hold 28 weekend days: too many
        // to be exceptions, so nothing is touched.
        assert!(weekend_points(&mut weekends).is_empty());
        // Day 2 is Saturday 1970-01-03 (repeats Friday's 5.0: removed) and
        // day 3 Sunday 1970-01-04 (a new value: kept).
        let mut days: Vec<i32> = (0..200).filter(|d| (d + 3) % 7 < 5).collect();
        days.extend([2, 3]);
        days.sort_unstable();
        let values: Vec<f64> = days
            .iter()
            .map(|d| if *d == 3 { 7.0 } else { 5.0 })
            .collect();
        let mut two = Merged {
            sources: vec![1; days.len()],
            days,
            values,
        };
        let n = two.days.len();
        let points = weekend_points(&mut two);
        assert_eq!(points.len(), 2);
        assert!(points[0].carried_forward && !points[1].carried_forward);
        assert_eq!(two.days.len(), n - 1);
        assert!(two.days.contains(&3) && !two.days.contains(&2));
        let key = SeriesKey::new("X", model::Field::Close);
        let r = reconcile(&key, &inputs);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].overlap, 2);
        assert_eq!(r[0].disagreements, 2);
        assert_eq!(r[0].source_used, SourceId(1));
        // day 3: |30-3|/3 = 9; day 4: |40-4.02|/4.02.
        assert!((r[0].max_rel_diff - 9.0).abs() < 1e-12);
    }
}
