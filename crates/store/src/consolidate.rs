//! Consolidation: one series per (instrument, field) across sources by
//! source priority, with implausible values and weekend rows kept out, and
//! the reconciliation of every source against the consolidated series.
//!
//! Definitions (the tests rely on them):
//! - **Merge.** For each date the observation of the highest-priority source
//!   that has the date wins (`DatasetHint.priority`, lower wins; ties broken
//!   by source path).
//! - **Bad print** (price fields only: open, high, low, close, adjusted
//!   close). A consolidated value at least [`BAD_PRINT_FACTOR`] (10×) above
//!   or below both the median of its [`NEIGHBOURS`] previous values and the
//!   median of its [`NEIGHBOURS`] next values, while those two medians
//!   agree within the same factor, is a bad print: no market moves an
//!   order of magnitude for one day and back. At either end of the series,
//!   where one side is missing, the factor is [`BAD_PRINT_FACTOR_EDGE`]
//!   (100×) against at least three values on the other side. A bad print
//!   is replaced by the next source's value on that date when that value is
//!   plausible, else the date is left out; either way it is reported
//!   ([`Dropped`]) and flagged. A lower-priority value that differs from
//!   the consolidated one by the same factor is reported as dropped too
//!   (it was never used) and left out of the reconciliation statistics.
//!   A level that persists (a split, a rebasing) is never a bad print: its
//!   next values agree with it.
//! - **Weekend rows.** In a daily index, ETF or stock series whose dates are
//!   weekdays (at most [`MAX_WEEKEND_SHARE`] on weekends): when the series
//!   follows the NYSE calendar (at least 98 % of its dates from 1953 on are
//!   NYSE sessions) every weekend row is left out, since the NYSE never
//!   trades on weekends; otherwise a weekend value that repeats the same
//!   source's previous weekday value (a carried-forward copy) is left out
//!   and any other is kept (India's Saturday budget session of 2025-02-01).
//!   In a series that follows the NYSE calendar a row on a weekday holiday
//!   (from 1953 on, e.g. a VIX close on Memorial Day) is left out too.
//!   Every such row is flagged.
//! - **Reconciliation.** Each source is compared with the consolidated
//!   series over the dates where another source supplied the value: one
//!   [`Reconciliation`] per (source used, other source) pair that shares
//!   dates, so the work is linear in the observations, not quadratic in
//!   the sources. A disagreement is a relative difference
//!   |other − used| / |used| above [`TOLERANCE_REL`] (0.5 %).

use model::{Date, SeriesKey, SourceId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Relative difference above which two sources disagree (0.5 %).
pub const TOLERANCE_REL: f64 = 0.005;
/// How many worst disagreements a reconciliation keeps.
pub const WORST_KEPT: usize = 5;
/// A value this many times above or below its neighbours (on both sides)
/// or the consolidated value is a bad print.
pub const BAD_PRINT_FACTOR: f64 = 10.0;
/// The factor at either end of a series, where only one side is known.
pub const BAD_PRINT_FACTOR_EDGE: f64 = 100.0;
/// Values on each side whose median a value is compared with.
pub const NEIGHBOURS: usize = 5;
/// Share of weekend dates up to which a weekday series' weekend
/// observations are treated as exceptions (2 %).
pub const MAX_WEEKEND_SHARE: f64 = 0.02;

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

/// A value kept out of the consolidated series because it is implausible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// Which series.
    pub key: SeriesKey,
    /// The date.
    pub date: Date,
    /// The source that holds the value.
    pub source: SourceId,
    /// Its path.
    pub path: String,
    /// The value dropped.
    pub value: f64,
    /// What it was compared with: the consolidated value on the date, or
    /// the level of its own neighbours.
    pub reference: f64,
    /// Why, in one sentence.
    pub reason: String,
}

/// A weekend observation of a weekday series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeekendPoint {
    pub(crate) day: i32,
    pub(crate) value: f64,
    pub(crate) source: u32,
    /// Left out of the consolidated series.
    pub(crate) left_out: bool,
    /// Why (for the flag's detail).
    pub(crate) why: &'static str,
}

/// How a series is consolidated.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rules {
    /// Drop bad prints (price fields).
    pub(crate) bad_prints: bool,
    /// A daily index, ETF or stock series: handle weekend rows.
    pub(crate) weekdays: bool,
}

/// The consolidation of one series.
#[derive(Debug, Default)]
pub(crate) struct Consolidated {
    pub(crate) merged: Merged,
    pub(crate) dropped: Vec<Dropped>,
    pub(crate) weekend: Vec<WeekendPoint>,
    pub(crate) reconciliation: Vec<Reconciliation>,
}

/// Where a merged point came from: the rank of its source in priority
/// order, its index in that source, and where the day's values of every
/// source start in the merge's sorted list. A lone source's series has no
/// origins (every point is its own).
type Origin = (u32, u32, u32);

/// Merges, cleans and reconciles the sources of `key`. `inputs` may be in
/// any order and is left sorted by priority; a lone source's days and
/// values are moved out (left empty), not copied.
pub(crate) fn consolidate(key: &SeriesKey, inputs: &mut [SourceObs], rules: Rules) -> Consolidated {
    inputs.sort_by(|a, b| (a.priority, &a.path).cmp(&(b.priority, &b.path)));
    let mut out = Consolidated::default();
    let lone = inputs.len() == 1;
    let (mut merged, mut origins, all) = if let [only] = inputs {
        let n = only.days.len();
        let merged = Merged {
            sources: vec![only.source.0; n],
            days: std::mem::take(&mut only.days),
            values: std::mem::take(&mut only.values),
        };
        // No origins for a lone source: every point is its own (tens of
        // millions of points would cost 12 bytes each for nothing).
        debug_assert_eq!(merged.days.len(), n);
        (merged, Vec::new(), Vec::new())
    } else {
        merge(inputs)
    };
    if rules.weekdays {
        // The same source's previous observation (a lone source's values
        // were moved into `merged`).
        let prev_of = |i: usize| -> Option<f64> {
            if lone {
                return i.checked_sub(1).map(|p| merged.values[p]);
            }
            let (rank, idx, _) = origins[i];
            let prev = (idx as usize).checked_sub(1)?;
            inputs[rank as usize].values.get(prev).copied()
        };
        let (points, keep) = weekend_points(&merged, prev_of);
        if !points.is_empty() {
            retain(&mut merged, &mut origins, &keep);
        }
        out.weekend = points;
    }
    if rules.bad_prints {
        // A bad print next to another can hide behind it (a neighbour
        // median that is itself off): look again once the first are fixed.
        for _ in 0..NEIGHBOURS {
            let fixes = bad_prints(&merged.values, |point| {
                let start = origins.get(point).map_or(u32::MAX, |o| o.2);
                candidates(inputs, &all, merged.days[point], start)
            });
            if fixes.is_empty() {
                break;
            }
            apply_fixes(
                key,
                inputs,
                &mut merged,
                &mut origins,
                fixes,
                &mut out.dropped,
            );
        }
    }
    out.reconciliation = reconcile(key, inputs, &merged, rules.bad_prints, &mut out.dropped);
    out.merged = merged;
    out
}

/// Every source's value on `day`, in priority order, from the merge's
/// sorted list starting at `start` (none for a lone source).
fn candidates(
    inputs: &[SourceObs],
    all: &[(i32, u32, u32)],
    day: i32,
    start: u32,
) -> Vec<(f64, Origin)> {
    let Some(group) = all.get(start as usize..) else {
        return Vec::new();
    };
    group
        .iter()
        .take_while(|(d, _, _)| *d == day)
        .map(|&(_, rank, idx)| {
            (
                inputs[rank as usize].values[idx as usize],
                (rank, idx, start),
            )
        })
        .collect()
}

/// The multi-source merge: the merged points, their origins, and every
/// observation as (day, rank, index), sorted.
fn merge(inputs: &[SourceObs]) -> (Merged, Vec<Origin>, Vec<(i32, u32, u32)>) {
    let total: usize = inputs.iter().map(|s| s.days.len()).sum();
    let mut all: Vec<(i32, u32, u32)> = Vec::with_capacity(total);
    for (rank, s) in inputs.iter().enumerate() {
        let rank = rank as u32;
        all.extend(s.days.iter().enumerate().map(|(i, d)| (*d, rank, i as u32)));
    }
    all.sort_unstable();
    let mut out = Merged::default();
    let mut origins = Vec::new();
    for (k, &(day, rank, idx)) in all.iter().enumerate() {
        if out.days.last() == Some(&day) {
            continue;
        }
        let s = &inputs[rank as usize];
        out.days.push(day);
        out.values.push(s.values[idx as usize]);
        out.sources.push(s.source.0);
        origins.push((rank, idx, k as u32));
    }
    (out, origins, all)
}

/// 1970-01-01 (day 0) was a Thursday: (day + 3) mod 7 is 0 for Monday.
pub(crate) fn is_weekend(day: i32) -> bool {
    (day + 3).rem_euclid(7) >= 5
}

/// Finds the weekend rows of a weekday series and which to keep (module
/// rules). `prev_of(i)` is the previous value of point `i`'s source.
fn weekend_points(
    merged: &Merged,
    prev_of: impl Fn(usize) -> Option<f64>,
) -> (Vec<WeekendPoint>, Vec<bool>) {
    let weekend = merged.days.iter().filter(|d| is_weekend(**d)).count();
    if weekend as f64 > MAX_WEEKEND_SHARE * merged.days.len() as f64 {
        return (Vec::new(), Vec::new());
    }
    let nyse = follows_nyse(&merged.days);
    // A weekday the NYSE was closed (a holiday from 1953 on): an index close
    // there is a stale copy of the session before.
    let start = calendar_start();
    let holiday = |day: i32| {
        nyse && !is_weekend(day)
            && crate::db::days_to_date_fast(day)
                .is_some_and(|d| d >= start && !model::calendar::is_session(d))
    };
    let off = merged
        .days
        .iter()
        .filter(|d| is_weekend(**d) || holiday(**d))
        .count();
    if off == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut points = Vec::with_capacity(off);
    let mut keep = vec![true; merged.days.len()];
    for (i, &day) in merged.days.iter().enumerate() {
        if holiday(day) {
            keep[i] = false;
            points.push(WeekendPoint {
                day,
                value: merged.values[i],
                source: merged.sources[i],
                left_out: true,
                why: "an exchange holiday (the NYSE was closed); left out",
            });
            continue;
        }
        if !is_weekend(day) {
            continue;
        }
        let value = merged.values[i];
        let repeat =
            prev_of(i).is_some_and(|prev| (value - prev).abs() <= 1e-4 * prev.abs().max(1.0));
        let (left_out, why) = if nyse {
            (
                true,
                "the series follows the NYSE calendar, which has no weekend sessions; left out",
            )
        } else if repeat {
            (
                true,
                "repeats the source's previous weekday value; left out",
            )
        } else {
            (false, "a new value (a weekend session?); kept")
        };
        keep[i] = !left_out;
        points.push(WeekendPoint {
            day,
            value,
            source: merged.sources[i],
            left_out,
            why,
        });
    }
    (points, keep)
}

/// Whether at least 98 % of the dates from 1953 on are NYSE sessions.
fn follows_nyse(days: &[i32]) -> bool {
    let dates: Vec<Date> = days
        .iter()
        .filter_map(|d| crate::db::days_to_date_fast(*d))
        .filter(|d| *d >= calendar_start())
        .collect();
    if dates.len() < 20 {
        // Too short to tell from its dates: an index, ETF or stock series
        // is taken to be a US one.
        return true;
    }
    let sessions = dates
        .iter()
        .filter(|d| model::calendar::is_session(**d))
        .count();
    sessions as f64 >= crate::quality::GAP_MIN_SESSION_SHARE * dates.len() as f64
}

fn calendar_start() -> Date {
    Date::from_ymd_opt(model::calendar::FIRST_YEAR, 1, 1).unwrap_or(Date::MIN)
}

fn retain(merged: &mut Merged, origins: &mut Vec<Origin>, keep: &[bool]) {
    let mut k = 0;
    merged.days.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    k = 0;
    merged.values.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    k = 0;
    merged.sources.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    k = 0;
    origins.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// How many times `a` is above or below `b` (∞ when either is not positive).
fn factor(a: f64, b: f64) -> f64 {
    if a <= 0.0 || b <= 0.0 {
        return f64::INFINITY;
    }
    let r = a / b;
    if r >= 1.0 {
        r
    } else {
        1.0 / r
    }
}

fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// What to do with a bad print at a merged index.
#[derive(Debug)]
struct Fix {
    index: usize,
    reference: f64,
    why: String,
    /// A plausible value of another source for the same date.
    replacement: Option<(f64, Origin)>,
}

/// Finds bad prints (module rules). `candidates(i)` lists every source's
/// value on point `i`'s date, in priority order (empty for a lone source).
fn bad_prints(values: &[f64], candidates: impl Fn(usize) -> Vec<(f64, Origin)>) -> Vec<Fix> {
    let n = values.len();
    if n < 3 {
        return Vec::new();
    }
    // Only a point next to a 10× jump can be one; a flagged point's
    // neighbours are looked at too (runs of bad values).
    let mut todo: Vec<usize> = (0..n)
        .filter(|&i| {
            (i > 0 && factor(values[i], values[i - 1]) >= BAD_PRINT_FACTOR)
                || (i + 1 < n && factor(values[i], values[i + 1]) >= BAD_PRINT_FACTOR)
        })
        .collect();
    let mut seen = vec![false; n];
    for &i in &todo {
        seen[i] = true;
    }
    let mut fixes = Vec::new();
    while let Some(i) = todo.pop() {
        let v = values[i];
        let before = &values[i.saturating_sub(NEIGHBOURS)..i];
        let after = &values[i + 1..(i + 1 + NEIGHBOURS).min(n)];
        let (reference, why) = match (median(before), median(after)) {
            (Some(a), Some(b)) => {
                if factor(a, b) >= BAD_PRINT_FACTOR
                    || factor(v, a) < BAD_PRINT_FACTOR
                    || factor(v, b) < BAD_PRINT_FACTOR
                {
                    continue;
                }
                (
                    a,
                    format!(
                        "{} times {} its neighbours (median {a} of the {} values before, \
                         {b} of the {} after)",
                        round_factor(factor(v, a)),
                        if v > a { "above" } else { "below" },
                        before.len(),
                        after.len()
                    ),
                )
            }
            (Some(a), None) | (None, Some(a)) => {
                let side = if before.is_empty() { after } else { before };
                if side.len() < 3 || factor(v, a) < BAD_PRINT_FACTOR_EDGE {
                    continue;
                }
                (
                    a,
                    format!(
                        "{} times {} its {} neighbours at the {} of the series (median {a})",
                        round_factor(factor(v, a)),
                        if v > a { "above" } else { "below" },
                        side.len(),
                        if before.is_empty() { "start" } else { "end" },
                    ),
                )
            }
            (None, None) => continue,
        };
        let replacement = candidates(i)
            .into_iter()
            .skip(1)
            .find(|(c, _)| factor(*c, reference) < BAD_PRINT_FACTOR);
        fixes.push(Fix {
            index: i,
            reference,
            why,
            replacement,
        });
        for j in [i.wrapping_sub(1), i + 1] {
            if j < n && !seen[j] {
                seen[j] = true;
                todo.push(j);
            }
        }
    }
    fixes.sort_by_key(|f| f.index);
    fixes
}

/// A factor for a message: `12`, `3.4e15`.
fn round_factor(f: f64) -> String {
    if f.is_infinite() {
        "infinitely many".to_string()
    } else if f < 1e6 {
        format!("{f:.0}")
    } else {
        format!("{f:.1e}")
    }
}

fn apply_fixes(
    key: &SeriesKey,
    inputs: &[SourceObs],
    merged: &mut Merged,
    origins: &mut Vec<Origin>,
    fixes: Vec<Fix>,
    dropped: &mut Vec<Dropped>,
) {
    if fixes.is_empty() {
        return;
    }
    let mut keep = vec![true; merged.days.len()];
    for fix in fixes {
        let i = fix.index;
        let rank = origins.get(i).map_or(0, |o| o.0);
        let source = &inputs[rank as usize];
        let value = merged.values[i];
        let Some(date) = crate::db::days_to_date(merged.days[i]) else {
            continue;
        };
        let reason = match fix.replacement {
            Some((replacement, origin)) => {
                let other = &inputs[origin.0 as usize];
                merged.values[i] = replacement;
                merged.sources[i] = other.source.0;
                origins[i] = origin;
                format!(
                    "{}; the value of {} ({replacement}) is used instead",
                    fix.why, other.path
                )
            }
            None => {
                keep[i] = false;
                format!("{}; the date is left out", fix.why)
            }
        };
        dropped.push(Dropped {
            key: key.clone(),
            date,
            source: source.source,
            path: source.path.clone(),
            value,
            reference: fix.reference,
            reason: format!("bad print: {reason}"),
        });
    }
    retain(merged, origins, &keep);
}

/// One disagreement between two sources on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The date.
    pub date: Date,
    /// Value in the consolidated series (the one used).
    pub value_used: f64,
    /// Value in the other source.
    pub value_other: f64,
    /// |other − used| / |used|.
    pub rel_diff: f64,
}

/// How a source compares with the consolidated series over the dates
/// where another source's value was used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    /// Which series.
    pub key: SeriesKey,
    /// The source whose values were used on these dates.
    pub source_used: SourceId,
    /// Its path.
    pub path_used: String,
    /// The source compared with it.
    pub source_other: SourceId,
    /// Its path.
    pub path_other: String,
    /// Number of common dates.
    pub overlap: usize,
    /// First common date.
    pub first: Option<Date>,
    /// Last common date.
    pub last: Option<Date>,
    /// Common dates whose relative difference exceeds [`TOLERANCE_REL`]
    /// (dropped values included).
    pub disagreements: usize,
    /// Values of the other source kept out as implausible (an order of
    /// magnitude off; listed in the import's `dropped`), left out of the
    /// mean and maximum.
    #[serde(default)]
    pub dropped: usize,
    /// Mean relative difference over the common dates.
    pub mean_rel_diff: f64,
    /// Largest relative difference.
    pub max_rel_diff: f64,
    /// The worst disagreements (at most [`WORST_KEPT`]), worst first.
    pub worst: Vec<Disagreement>,
    /// The tolerance used.
    pub tolerance_rel: f64,
}

#[derive(Default)]
struct Tally {
    overlap: usize,
    first: Option<i32>,
    last: Option<i32>,
    disagreements: usize,
    dropped: usize,
    sum_rel: f64,
    max_rel: f64,
    worst: Vec<Disagreement>,
}

/// Compares every source's observations with the consolidated value on
/// the dates another source supplied. Linear: one binary search per
/// observation. A value an order of magnitude off (price fields) is also
/// reported as dropped.
fn reconcile(
    key: &SeriesKey,
    inputs: &[SourceObs],
    merged: &Merged,
    bad_prints: bool,
    dropped: &mut Vec<Dropped>,
) -> Vec<Reconciliation> {
    if inputs.len() < 2 {
        return Vec::new();
    }
    let rank_of: BTreeMap<u32, usize> = inputs
        .iter()
        .enumerate()
        .map(|(rank, s)| (s.source.0, rank))
        .collect();
    // Bad prints already reported (replaced in the consolidated series).
    let reported: std::collections::HashSet<(u32, Date)> =
        dropped.iter().map(|d| (d.source.0, d.date)).collect();
    let mut tallies: BTreeMap<(usize, usize), Tally> = BTreeMap::new();
    for (rank, s) in inputs.iter().enumerate() {
        let Some(&first) = s.days.first() else {
            continue;
        };
        let mut j = merged.days.partition_point(|d| *d < first);
        for (i, &day) in s.days.iter().enumerate() {
            j += merged.days[j..].partition_point(|d| *d < day);
            if merged.days.get(j) != Some(&day) || merged.sources[j] == s.source.0 {
                continue;
            }
            let (used, other) = (merged.values[j], s.values[i]);
            let used_rank = rank_of.get(&merged.sources[j]).copied().unwrap_or(0);
            let t = tallies.entry((used_rank, rank)).or_default();
            t.overlap += 1;
            t.first.get_or_insert(day);
            t.last = Some(day);
            let rel = if used == other {
                0.0
            } else if used == 0.0 {
                f64::INFINITY
            } else {
                ((other - used) / used).abs()
            };
            if rel > TOLERANCE_REL {
                t.disagreements += 1;
            }
            if bad_prints && factor(other, used) >= BAD_PRINT_FACTOR {
                t.dropped += 1;
                let date = crate::db::days_to_date(day);
                if let Some(date) = date.filter(|d| !reported.contains(&(s.source.0, *d))) {
                    dropped.push(Dropped {
                        key: key.clone(),
                        date,
                        source: s.source,
                        path: s.path.clone(),
                        value: other,
                        reference: used,
                        reason: format!(
                            "never used: {} times {} the consolidated value {used} (from {})",
                            round_factor(factor(other, used)),
                            if other > used { "above" } else { "below" },
                            inputs[used_rank].path
                        ),
                    });
                }
                continue;
            }
            if rel.is_finite() {
                t.sum_rel += rel;
            }
            t.max_rel = t.max_rel.max(rel);
            if rel > TOLERANCE_REL {
                if let Some(date) = crate::db::days_to_date(day) {
                    t.worst.push(Disagreement {
                        date,
                        value_used: used,
                        value_other: other,
                        rel_diff: rel,
                    });
                    if t.worst.len() > 4 * WORST_KEPT {
                        keep_worst(&mut t.worst);
                    }
                }
            }
        }
    }
    tallies
        .into_iter()
        .map(|((used, other), mut t)| {
            keep_worst(&mut t.worst);
            let counted = t.overlap - t.dropped;
            Reconciliation {
                key: key.clone(),
                source_used: inputs[used].source,
                path_used: inputs[used].path.clone(),
                source_other: inputs[other].source,
                path_other: inputs[other].path.clone(),
                overlap: t.overlap,
                first: t.first.and_then(crate::db::days_to_date),
                last: t.last.and_then(crate::db::days_to_date),
                disagreements: t.disagreements,
                dropped: t.dropped,
                mean_rel_diff: if counted == 0 {
                    0.0
                } else {
                    t.sum_rel / counted as f64
                },
                max_rel_diff: t.max_rel,
                worst: t.worst,
                tolerance_rel: TOLERANCE_REL,
            }
        })
        .collect()
}

fn keep_worst(worst: &mut Vec<Disagreement>) {
    worst.sort_by(|a, b| b.rel_diff.total_cmp(&a.rel_diff).then(a.date.cmp(&b.date)));
    worst.truncate(WORST_KEPT);
}

/// Another source's value on `day` within [`TOLERANCE_REL`] of `value`:
/// its path, if one confirms it.
pub(crate) fn confirmed_by(
    inputs: &[SourceObs],
    day: i32,
    value: f64,
    source: u32,
) -> Option<&str> {
    inputs
        .iter()
        .filter(|s| s.source.0 != source)
        .find(|s| {
            s.days
                .binary_search(&day)
                .is_ok_and(|k| ((s.values[k] - value) / value).abs() <= TOLERANCE_REL)
        })
        .map(|s| s.path.as_str())
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

    fn key() -> SeriesKey {
        SeriesKey::new("X", model::Field::Close)
    }

    const PRICES: Rules = Rules {
        bad_prints: true,
        weekdays: false,
    };

    /// Weekdays from Monday 1970-01-05 (day 4).
    fn weekdays(n: usize) -> Vec<i32> {
        (4..).filter(|d| !is_weekend(*d)).take(n).collect()
    }

    #[test]
    fn higher_priority_wins_each_date_and_gaps_fill_from_others() {
        let mut inputs = vec![
            obs(2, 30, &[3, 4, 5, 6], &[30.0, 40.0, 50.0, 60.0]),
            obs(1, 10, &[1, 2, 3, 4], &[1.0, 2.0, 3.0, 4.02]),
        ];
        let c = consolidate(&key(), &mut inputs, Rules::default());
        assert_eq!(c.merged.days, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(c.merged.values, vec![1.0, 2.0, 3.0, 4.02, 50.0, 60.0]);
        assert_eq!(c.merged.sources, vec![1, 1, 1, 1, 2, 2]);
        assert_eq!(c.reconciliation.len(), 1);
        let r = &c.reconciliation[0];
        assert_eq!((r.overlap, r.disagreements), (2, 2));
        assert_eq!(r.source_used, SourceId(1));
        // day 3: |30-3|/3 = 9; day 4: |40-4.02|/4.02.
        assert!((r.max_rel_diff - 9.0).abs() < 1e-12);
    }

    #[test]
    fn each_source_is_compared_with_the_consolidated_series_not_every_other_source() {
        // Ten sources holding the same five days: nine comparisons (each
        // with the winner), not 45 pairs.
        let days = [1, 2, 3, 4, 5];
        let mut inputs: Vec<SourceObs> = (0..10)
            .map(|k| obs(k, 10 + k, &days, &[100.0, 101.0, 102.0, 103.0, 104.0]))
            .collect();
        let c = consolidate(&key(), &mut inputs, PRICES);
        assert_eq!(c.reconciliation.len(), 9);
        assert!(c
            .reconciliation
            .iter()
            .all(|r| r.source_used == SourceId(0)));
        assert!(c.reconciliation.iter().all(|r| r.overlap == 5));
    }

    #[test]
    fn a_lone_bad_print_is_left_out_and_a_persisting_level_is_kept() {
        let days = weekdays(30);
        let mut values: Vec<f64> = (0..30).map(|i| 4000.0 + f64::from(i)).collect();
        values[10] = 1e-320;
        values[20] = 1e20;
        let mut inputs = vec![obs(1, 10, &days, &values)];
        let c = consolidate(&key(), &mut inputs, PRICES);
        assert_eq!(c.merged.days.len(), 28);
        assert!(!c.merged.days.contains(&days[10]) && !c.merged.days.contains(&days[20]));
        assert_eq!(c.dropped.len(), 2);
        assert_eq!(c.dropped[0].value, 1e-320);
        assert!(
            c.dropped[0].reason.contains("below its neighbours"),
            "{:?}",
            c.dropped[0]
        );
        assert!(
            c.dropped[1].reason.contains("the date is left out"),
            "{:?}",
            c.dropped[1]
        );
        // A 1:10 split that persists is a level, not a print.
        let split: Vec<f64> = (0..30).map(|i| if i < 15 { 100.0 } else { 10.0 }).collect();
        let mut inputs = vec![obs(1, 10, &days, &split)];
        let c = consolidate(&key(), &mut inputs, PRICES);
        assert!(c.dropped.is_empty(), "{:?}", c.dropped);
        assert_eq!(c.merged.days.len(), 30);
        // A run of two bad values, and one at the end of the series.
        let mut values: Vec<f64> = (0..30).map(|i| 50.0 + f64::from(i) * 0.1).collect();
        values[5] = 5e6;
        values[6] = 5e6;
        values[29] = 0.0001;
        let mut inputs = vec![obs(1, 10, &days, &values)];
        let c = consolidate(&key(), &mut inputs, PRICES);
        let dates: Vec<Date> = c.dropped.iter().map(|d| d.date).collect();
        assert_eq!(dates.len(), 3, "{:?}", c.dropped);
        assert!(c.dropped[2].reason.contains("end of the series"));
    }

    #[test]
    fn a_bad_print_in_the_first_source_is_replaced_by_the_agreeing_one() {
        let days = weekdays(20);
        let good: Vec<f64> = (0..20).map(|i| 20.0 + f64::from(i)).collect();
        let mut bad = good.clone();
        bad[7] = 2e4;
        let mut inputs = vec![obs(1, 10, &days, &bad), obs(2, 20, &days, &good)];
        let c = consolidate(&key(), &mut inputs, PRICES);
        assert_eq!(c.merged.values, good);
        assert_eq!(c.merged.sources[7], 2);
        assert_eq!(c.dropped.len(), 1);
        assert!(c.dropped[0].reason.contains("s2.csv"), "{:?}", c.dropped[0]);
        // The bad value is not in the reconciliation statistics.
        let r = &c.reconciliation;
        assert!(r.iter().all(|r| r.max_rel_diff < 1.0), "{r:?}");
        // A lower-priority source's absurd value is reported, never used.
        let mut low = good.clone();
        low[3] = 1e-300;
        let mut inputs = vec![obs(1, 10, &days, &good), obs(2, 20, &days, &low)];
        let c = consolidate(&key(), &mut inputs, PRICES);
        assert_eq!(c.merged.values, good);
        assert_eq!(c.dropped.len(), 1);
        assert!(c.dropped[0].reason.starts_with("never used"));
        assert_eq!(c.reconciliation[0].dropped, 1);
        assert_eq!(c.reconciliation[0].max_rel_diff, 0.0);
    }

    #[test]
    fn weekend_rows_of_a_us_series_go_and_a_foreign_special_session_stays() {
        let rules = Rules {
            bad_prints: true,
            weekdays: true,
        };
        // NYSE sessions of 2024 and a Saturday with a new value: the NYSE
        // never trades on a Saturday, so the row goes.
        let start = crate::db::date_to_days(model::parse_iso_date("2024-01-01").expect("date"));
        let mut days: Vec<i32> = (start..start + 366)
            .filter(|d| crate::db::days_to_date(*d).is_some_and(model::calendar::is_session))
            .collect();
        let saturday = start + 12; // 2024-01-13
        days.push(saturday);
        days.sort_unstable();
        let values: Vec<f64> = days.iter().map(|d| 100.0 + f64::from(*d - start)).collect();
        let mut inputs = vec![obs(1, 10, &days, &values)];
        let c = consolidate(&key(), &mut inputs, rules);
        assert_eq!(c.weekend.len(), 1);
        assert!(c.weekend[0].left_out);
        assert!(!c.merged.days.contains(&saturday));
        // Weekdays of 2024 including NYSE holidays (a foreign index): a
        // repeated Saturday goes, a new Saturday value stays.
        let mut days: Vec<i32> = (start..start + 366).filter(|d| !is_weekend(*d)).collect();
        let (sat_repeat, sat_new) = (start + 5, start + 12); // 2024-01-06 and 01-13
        days.extend([sat_repeat, sat_new]);
        days.sort_unstable();
        let values: Vec<f64> = days
            .iter()
            .map(|d| match *d {
                d if d == sat_repeat => 104.0, // Friday's value
                d if d == sat_new => 150.0,
                d => 100.0 + f64::from(d - start),
            })
            .collect();
        let mut inputs = vec![obs(1, 10, &days, &values)];
        let c = consolidate(&key(), &mut inputs, rules);
        let left: Vec<(i32, bool)> = c.weekend.iter().map(|w| (w.day, w.left_out)).collect();
        assert_eq!(left, [(sat_repeat, true), (sat_new, false)]);
    }
}
