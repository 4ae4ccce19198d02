//! Reducers: how a window's observations become the answer.
//!
//! The slice functions at the top are the pure kernels (tested on tiny
//! hand-made series); [`reduce`] applies one [`Reduce`] to a measure's
//! window and says what it read, so the Fact's window and citations are
//! exactly those observations. Methods `reduce.<name>` v1 (`docs/methods.md`).
//!
//! Conventions (the open parts of the contract, chosen here):
//! - ties: `Max` / `Min` / `FromExtreme` / `LongestRun` / `MaxDrawdown`
//!   report the earliest observation; `Rank` counts ties against the value
//!   (rank = how many window values are at least as extreme, itself
//!   included), so a value tied with an earlier one never claims the better
//!   rank; the competition rank (1 + strictly more extreme) is the detail
//!   `rank_shared`.
//! - runs: `LongestRun` and `CountRuns` clip runs to the window (a run that
//!   began before the window counts only its sessions inside it, flagged
//!   `run_began_before_window`); `Max` of a `RunLength` measure reads the
//!   run lengths as measured over all history, unclipped.

use super::describe::{self, Words};
use super::measure::{change_unit, Kind, Measured};
use super::subject::{Grid, Shape};
use super::window::{self, Span};
use crate::FactError;
use model::display::ordinal;
use model::fact::Detail;
use model::{Date, FactValue, Order, Reduce, SeriesQuery, Unit};
use std::collections::BTreeMap;

/// Index of the largest (`Highest`) or smallest value; the earliest on ties.
pub(crate) fn extreme_index(values: &[f64], order: Order) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &x) in values.iter().enumerate() {
        let better = best.is_none_or(|b| match order {
            Order::Highest => x > values[b],
            Order::Lowest => x < values[b],
        });
        if better {
            best = Some(i);
        }
    }
    best
}

/// Arithmetic mean; `None` when empty.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Standard deviation, sample (n − 1) or population (n); `None` with fewer
/// than 2 values for a sample or none for a population.
pub(crate) fn std_dev(values: &[f64], sample: bool) -> Option<f64> {
    let n = values.len();
    if n == 0 || (sample && n < 2) {
        return None;
    }
    let m = mean(values)?;
    let ss: f64 = values.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / if sample { n - 1 } else { n } as f64).sqrt())
}

/// Every maximal run of non-zero values, as inclusive index pairs.
pub(crate) fn nonzero_runs(values: &[f64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &x) in values.iter().enumerate() {
        match (x != 0.0, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, values.len() - 1));
    }
    out
}

/// Where a value ranks among values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ranking {
    /// How many values are at least as extreme as it (itself included when
    /// it is among them): ties count against it.
    pub(crate) rank: usize,
    /// 1 + how many are strictly more extreme (ties share the better rank).
    pub(crate) shared: usize,
    /// How many values equal it, itself excluded when it is among them.
    pub(crate) ties: usize,
}

/// Rank of `x` among `values`, 1 = the most extreme in `order`.
pub(crate) fn rank(values: &[f64], x: f64, order: Order) -> Ranking {
    let more = |v: f64| match order {
        Order::Highest => v > x,
        Order::Lowest => v < x,
    };
    let strictly = values.iter().filter(|v| more(**v)).count();
    let equal = values.iter().filter(|v| **v == x).count();
    Ranking {
        rank: (strictly + equal).max(1),
        shared: strictly + 1,
        ties: equal.saturating_sub(1),
    }
}

/// The last index before `i` whose value is at least as extreme as
/// `values[i]` in `order`; for run lengths (`skip_run`), the current run is
/// skipped, so the index found is the end of the last earlier run that
/// reached at least the current length.
pub(crate) fn last_at_least_as_extreme(
    values: &[f64],
    i: usize,
    order: Order,
    skip_run: bool,
) -> Option<usize> {
    let x = *values.get(i)?;
    let end = if skip_run {
        (i + 1).saturating_sub(x.max(0.0) as usize)
    } else {
        i
    };
    values[..end.min(i)].iter().rposition(|&v| match order {
        Order::Highest => v >= x,
        Order::Lowest => v <= x,
    })
}

/// The deepest fall from a running peak within `values`:
/// `(peak, trough, percent)`, percent = trough / peak − 1 in percent (≤ 0);
/// the earliest trough on ties, its peak the first index of the highest
/// value before it. `None` when empty.
pub(crate) fn max_drawdown(values: &[f64]) -> Option<(usize, usize, f64)> {
    let mut peak = 0;
    let mut best: Option<(usize, usize, f64)> = None;
    for (i, &x) in values.iter().enumerate() {
        if x > values[peak] {
            peak = i;
        }
        let dd = (x / values[peak] - 1.0) * 100.0;
        if best.is_none_or(|b| dd < b.2) {
            best = Some((peak, i, dd));
        }
    }
    best
}

/// The method id of a reducer (`docs/methods.md`), version 1.
pub(crate) fn method_id(reduce: &Reduce) -> &'static str {
    match reduce {
        Reduce::Last => "reduce.last",
        Reduce::First => "reduce.first",
        Reduce::Change => "reduce.change",
        Reduce::Return => "reduce.return",
        Reduce::AnnualisedReturn => "reduce.annualised_return",
        Reduce::Max => "reduce.max",
        Reduce::Min => "reduce.min",
        Reduce::Mean => "reduce.mean",
        Reduce::StdDev { .. } => "reduce.std_dev",
        Reduce::Count => "reduce.count",
        Reduce::CountRuns { .. } => "reduce.count_runs",
        Reduce::LongestRun => "reduce.longest_run",
        Reduce::FirstDate => "reduce.first_date",
        Reduce::LastDate => "reduce.last_date",
        Reduce::Rank { .. } => "reduce.rank",
        Reduce::LastAtLeastAsExtreme { .. } => "reduce.last_at_least_as_extreme",
        Reduce::FromExtreme { .. } => "reduce.from_extreme",
        Reduce::MaxDrawdown => "reduce.max_drawdown",
    }
}

/// A reducer's answer.
#[derive(Debug, Clone)]
pub(crate) struct Reduced {
    /// The headline value.
    pub(crate) value: FactValue,
    /// Its unit.
    pub(crate) unit: Unit,
    /// Observations read, inclusive (the Fact's citations): the window's,
    /// plus the base before it or an earlier observation found.
    pub(crate) read: (usize, usize),
    /// Observations the value describes, inclusive (the Fact's window): the
    /// window's own, without the base of a return or a change.
    pub(crate) window: (usize, usize),
    /// Details particular to the reducer.
    pub(crate) details: BTreeMap<String, Detail>,
    /// The sentence.
    pub(crate) text: String,
}

/// How many runs a count lists in its details.
const MAX_LISTED: usize = 50;

fn int(n: usize, unit: Unit) -> Detail {
    Detail::integer(i64::try_from(n).unwrap_or(i64::MAX), unit)
}

fn flag_bool(b: bool) -> Detail {
    Detail {
        value: FactValue::Bool(b),
        unit: Unit::Bool,
    }
}

/// A value of the measure as a Fact value: run lengths and flags are integers.
fn number(x: f64, m: &Measured) -> FactValue {
    match m.kind {
        Kind::Run | Kind::Flag => FactValue::Integer(x as i64),
        Kind::Level | Kind::Value => FactValue::Number(x),
    }
}

fn word(order: Order) -> &'static str {
    match order {
        Order::Highest => "highest",
        Order::Lowest => "lowest",
    }
}

fn invalid(reason: String) -> FactError {
    FactError::InvalidQuery { reason }
}

/// Everything a reducer reads.
pub(crate) struct Input<'a> {
    pub(crate) query: &'a SeriesQuery,
    pub(crate) m: &'a Measured,
    pub(crate) span: Span,
    pub(crate) grid: &'a Grid<'a>,
    pub(crate) words: &'a Words,
}

impl Input<'_> {
    fn date(&self, i: usize) -> Date {
        self.m.dates[i]
    }
    fn value(&self, i: usize) -> f64 {
        self.m.values[i]
    }
    fn window_values(&self) -> &[f64] {
        &self.m.values[self.span.first..=self.span.last]
    }
    /// `from A to B` of the window.
    fn range(&self) -> String {
        format!(
            "from {} to {}",
            self.date(self.span.first),
            self.date(self.span.last)
        )
    }
    /// The base observation before the window.
    fn base(&self) -> Result<usize, FactError> {
        self.span
            .first
            .checked_sub(1)
            .ok_or_else(|| FactError::BeforeData {
                instrument: self.grid.label(),
                data_from: self.date(0),
                window_from: window::start_date(self.query.window, self.query.as_of)
                    .ok()
                    .flatten(),
            })
    }
    fn needs_flags(&self) -> Result<(), FactError> {
        match self.m.kind {
            Kind::Flag | Kind::Run => Ok(()),
            _ => Err(invalid(format!(
                "the {} reducer reads a flag or a run length (where a condition holds), not a {}",
                self.query.reduce.name(),
                self.words.measure
            ))),
        }
    }
    fn needs_level(&self) -> Result<(), FactError> {
        if self.m.kind != Kind::Level || self.grid.shape == Shape::Spread {
            return Err(invalid(format!(
                "the {} reducer reads a positive level (a close, a yield), not a {}",
                self.query.reduce.name(),
                self.words.measure
            )));
        }
        Ok(())
    }
    fn tested_value(&self, i: usize, details: &mut BTreeMap<String, Detail>) {
        if let Some((inner, unit)) = &self.m.inner {
            details.insert("tested_value".into(), Detail::number(inner[i], *unit));
        }
        // A drawdown is read with its peak: "1.65% below the record close of
        // 3,068.42 set on 2026-08-14".
        if self.query.measure == model::Measure::Drawdown {
            let level = super::measure::level_column(self.grid);
            let row = self.m.rows[i];
            if let Some(peak) = (0..=row.min(level.len().saturating_sub(1))).reduce(|a, b| {
                if level[b] > level[a] {
                    b
                } else {
                    a
                }
            }) {
                details.insert(
                    "peak_value".into(),
                    Detail::number(level[peak], self.grid.level_unit),
                );
                details.insert("peak_date".into(), Detail::date(self.grid.dates[peak]));
                details.insert(
                    "value_level".into(),
                    Detail::number(level[row], self.grid.level_unit),
                );
            }
        }
    }
}

/// Applies the query's reducer.
///
/// # Errors
/// [`FactError::InvalidQuery`] when the reducer does not apply to the
/// measure, [`FactError::BeforeData`] when a base or a reference window
/// reaches before the data, [`FactError::NotEnoughHistory`] for a standard
/// deviation of too few values.
pub(crate) fn reduce(input: &Input<'_>) -> Result<Reduced, FactError> {
    let (m, span, w) = (input.m, input.span, input.words);
    let mut details = BTreeMap::new();
    let window_read = (span.first, span.last);
    let out = |value, unit, read: (usize, usize), details, text| Reduced {
        value,
        unit,
        read,
        window: read,
        details,
        text,
    };
    match input.query.reduce {
        Reduce::Last | Reduce::First => {
            let i = if input.query.reduce == Reduce::Last {
                span.last
            } else {
                span.first
            };
            let (x, d) = (input.value(i), input.date(i));
            details.insert("reached_on".into(), Detail::date(d));
            input.tested_value(i, &mut details);
            let (value, unit, text) = match m.kind {
                Kind::Flag => (
                    FactValue::Bool(x != 0.0),
                    Unit::Bool,
                    format!(
                        "{} {} {} on {d}.",
                        w.subject,
                        if x != 0.0 { "had" } else { "did not have" },
                        w.condition()
                    ),
                ),
                Kind::Run => {
                    let len = x as usize;
                    let text = if len == 0 {
                        format!(
                            "{} did not have {} on {d}: no run is current.",
                            w.subject,
                            w.condition()
                        )
                    } else {
                        let start = input.date(i + 1 - len);
                        details.insert("run_start".into(), Detail::date(start));
                        format!(
                            "{} had {len} consecutive {} with {} from {start} to {d}.",
                            w.subject,
                            if len == 1 { w.noun.0 } else { w.noun.1 },
                            w.condition()
                        )
                    };
                    (number(x, m), m.unit, text)
                }
                _ => (
                    number(x, m),
                    m.unit,
                    format!(
                        "{} on {d} was {}.",
                        w.possessive(),
                        describe::of_measure(x, m)
                    ),
                ),
            };
            Ok(out(value, unit, (i, i), details, text))
        }
        Reduce::Change => {
            let (b, i) = (input.base()?, span.last);
            let (x0, x1) = (input.value(b), input.value(i));
            let unit = change_unit(m.unit);
            let delta = x1 - x0;
            details.insert("base_date".into(), Detail::date(input.date(b)));
            details.insert("base_value".into(), Detail::number(x0, m.unit));
            details.insert("end_value".into(), Detail::number(x1, m.unit));
            details.insert("reached_on".into(), Detail::date(input.date(i)));
            if unit == Unit::PercentagePoints {
                details.insert(
                    "bp".into(),
                    Detail::number(delta * 100.0, Unit::BasisPoints),
                );
            }
            let text = format!(
                "{} changed by {} from {} on {} to {} on {}.",
                w.possessive(),
                describe::value(delta, unit),
                describe::of_measure(x0, m),
                input.date(b),
                describe::of_measure(x1, m),
                input.date(i)
            );
            // The base is read but is not part of the window it measures from.
            let mut r = out(number(delta, m), unit, (b, i), details, text);
            r.window = (span.first, i);
            Ok(r)
        }
        Reduce::Return => {
            input.needs_level()?;
            let (b, i) = (input.base()?, span.last);
            let (x0, x1) = (input.value(b), input.value(i));
            details.insert("base_date".into(), Detail::date(input.date(b)));
            details.insert("base_value".into(), Detail::number(x0, m.unit));
            details.insert("end_value".into(), Detail::number(x1, m.unit));
            details.insert("reached_on".into(), Detail::date(input.date(i)));
            details.insert("sessions".into(), int(span.len(), m.step.run_unit()));
            let from_to = format!("from {} to {}", input.date(span.first), input.date(i));
            if let Some([a, bl]) = &m.legs {
                let pct = |l: &[f64]| (l[i] / l[b] - 1.0) * 100.0;
                let (ra, rb) = (pct(a), pct(bl));
                let spread = ra - rb;
                let relative = ((1.0 + ra / 100.0) / (1.0 + rb / 100.0) - 1.0) * 100.0;
                details.insert("return_a".into(), Detail::number(ra, Unit::Percent));
                details.insert("return_b".into(), Detail::number(rb, Unit::Percent));
                details.insert(
                    "relative_pct".into(),
                    Detail::number(relative, Unit::Percent),
                );
                let text = format!(
                    "{} returned {} and {} {} {from_to}, measured from their closes on {} (sessions common to both): a spread of {spread:+.2} percentage points.",
                    w.names[0],
                    describe::value(ra, Unit::Percent),
                    w.names[1],
                    describe::value(rb, Unit::Percent),
                    input.date(b),
                );
                let mut r = out(
                    FactValue::Number(spread),
                    Unit::PercentagePoints,
                    (b, i),
                    details,
                    text,
                );
                r.window = (span.first, i);
                return Ok(r);
            }
            if x0 <= 0.0 {
                return Err(invalid(format!(
                    "a return from a level of {x0} on {} is not defined",
                    input.date(b)
                )));
            }
            let r = (x1 / x0 - 1.0) * 100.0;
            let mut text = format!(
                "{} returned {}",
                w.subject,
                describe::value(r, Unit::Percent)
            );
            if !input.grid.compounded {
                details.insert("points".into(), Detail::number(x1 - x0, m.unit));
                if m.unit == Unit::Points {
                    text.push_str(&format!(" ({})", model::display::signed_points(x1 - x0)));
                }
            }
            text.push_str(&format!(
                " {from_to}, measured from the {} of {} on {}.",
                w.measure,
                describe::level(x0, m.unit),
                input.date(b)
            ));
            let mut r = out(FactValue::Number(r), Unit::Percent, (b, i), details, text);
            r.window = (span.first, i);
            Ok(r)
        }
        Reduce::AnnualisedReturn => {
            input.needs_level()?;
            let (b, i) = (input.base()?, span.last);
            let (d0, d1) = (input.date(b), input.date(i));
            let years = (d1 - d0).num_days() as f64 / 365.25;
            if years <= 0.0 {
                return Err(invalid(
                    "an annualised return needs a window longer than one day".into(),
                ));
            }
            let yearly = |x0: f64, x1: f64| ((x1 / x0).powf(1.0 / years) - 1.0) * 100.0;
            details.insert("base_date".into(), Detail::date(d0));
            details.insert("reached_on".into(), Detail::date(d1));
            details.insert("years".into(), Detail::number(years, Unit::Years));
            let from_to = format!("from {} to {d1}", input.date(span.first));
            if let Some([a, bl]) = &m.legs {
                if a[b] <= 0.0 || bl[b] <= 0.0 {
                    return Err(invalid(format!(
                        "a return from a level at or below 0 on {d0} is not defined"
                    )));
                }
                let (ya, yb) = (yearly(a[b], a[i]), yearly(bl[b], bl[i]));
                let cum = |l: &[f64]| (l[i] / l[b] - 1.0) * 100.0;
                details.insert("annualised_a".into(), Detail::number(ya, Unit::Percent));
                details.insert("annualised_b".into(), Detail::number(yb, Unit::Percent));
                details.insert("return_a".into(), Detail::number(cum(a), Unit::Percent));
                details.insert("return_b".into(), Detail::number(cum(bl), Unit::Percent));
                let text = format!(
                    "{} returned {} a year and {} {} a year {from_to} ({years:.2} years, measured from their closes on {d0}): a spread of {:+.2} percentage points a year.",
                    w.names[0],
                    describe::value(ya, Unit::Percent),
                    w.names[1],
                    describe::value(yb, Unit::Percent),
                    ya - yb,
                );
                let mut r = out(
                    FactValue::Number(ya - yb),
                    Unit::PercentagePoints,
                    (b, i),
                    details,
                    text,
                );
                r.window = (span.first, i);
                return Ok(r);
            }
            let (x0, x1) = (input.value(b), input.value(i));
            if x0 <= 0.0 {
                return Err(invalid(format!(
                    "a return from a level of {x0} on {d0} is not defined"
                )));
            }
            let y = yearly(x0, x1);
            let cumulative = (x1 / x0 - 1.0) * 100.0;
            details.insert("base_value".into(), Detail::number(x0, m.unit));
            details.insert("end_value".into(), Detail::number(x1, m.unit));
            details.insert(
                "cumulative".into(),
                Detail::number(cumulative, Unit::Percent),
            );
            let text = format!(
                "{} returned {} a year {from_to} ({} cumulative over {years:.2} years), measured from the {} of {} on {d0}.",
                w.subject,
                describe::value(y, Unit::Percent),
                describe::value(cumulative, Unit::Percent),
                w.measure,
                describe::level(x0, m.unit),
            );
            let mut r = out(FactValue::Number(y), Unit::Percent, (b, i), details, text);
            r.window = (span.first, i);
            Ok(r)
        }
        Reduce::Max | Reduce::Min => {
            let order = if input.query.reduce == Reduce::Max {
                Order::Highest
            } else {
                Order::Lowest
            };
            let i =
                span.first + extreme_index(input.window_values(), order).unwrap_or(span.len() - 1);
            let (x, d) = (input.value(i), input.date(i));
            details.insert("reached_on".into(), Detail::date(d));
            input.tested_value(i, &mut details);
            let text = format!(
                "{}'s {} {} {} was {} on {d}.",
                w.subject,
                word(order),
                w.measure,
                input.range(),
                describe::of_measure(x, m)
            );
            Ok(out(number(x, m), m.unit, window_read, details, text))
        }
        Reduce::Mean => {
            let x = mean(input.window_values()).unwrap_or(f64::NAN);
            let (value, unit, text) = if m.kind == Kind::Flag {
                let share = x * 100.0;
                (
                    FactValue::Number(share),
                    Unit::Share,
                    format!(
                        "{} had {} on {share:.1}% of the {} {} {}.",
                        w.subject,
                        w.condition(),
                        span.len(),
                        w.noun.1,
                        input.range()
                    ),
                )
            } else {
                (
                    FactValue::Number(x),
                    m.unit,
                    format!(
                        "The mean {} of {} {} ({} {}) was {}.",
                        w.measure,
                        w.subject,
                        input.range(),
                        span.len(),
                        w.noun.1,
                        describe::value(x, m.unit)
                    ),
                )
            };
            Ok(out(value, unit, window_read, details, text))
        }
        Reduce::StdDev { annualised, sample } => {
            let sd = std_dev(input.window_values(), sample).ok_or_else(|| {
                FactError::NotEnoughHistory {
                    instrument: input.grid.label(),
                    needed: if sample { 2 } else { 1 },
                    have: span.len(),
                }
            })?;
            let factor = if annualised {
                m.step.per_year().sqrt()
            } else {
                1.0
            };
            let definition = format!(
                "{}{} standard deviation of the {}{}",
                if annualised {
                    format!("annualised (×√{}) ", m.step.per_year())
                } else {
                    String::new()
                },
                if sample { "sample" } else { "population" },
                w.measure,
                match input.query.measure {
                    model::Measure::Return { .. } => " (simple returns)",
                    model::Measure::LogReturn { .. } => " (log returns)",
                    _ => "",
                }
            );
            details.insert("sample".into(), flag_bool(sample));
            details.insert("annualised".into(), flag_bool(annualised));
            details.insert(
                "annualisation_factor".into(),
                Detail::number(factor, Unit::Ratio),
            );
            details.insert("definition".into(), Detail::text(definition.clone()));
            let value = sd * factor;
            let text = format!(
                "The {definition} of {} {} ({} {}) was {}.",
                w.subject,
                input.range(),
                span.len(),
                w.noun.1,
                describe::level(value, m.unit)
            );
            Ok(out(
                FactValue::Number(value),
                m.unit,
                window_read,
                details,
                text,
            ))
        }
        Reduce::Count => {
            let values = input.window_values();
            let flags = matches!(m.kind, Kind::Flag | Kind::Run);
            let k = if flags {
                values.iter().filter(|x| **x != 0.0).count()
            } else {
                values.len()
            };
            let text = if flags {
                if let Some(last) = values.iter().rposition(|x| *x != 0.0) {
                    details.insert(
                        "last_on".into(),
                        Detail::date(input.date(span.first + last)),
                    );
                }
                if let Some(first) = values.iter().position(|x| *x != 0.0) {
                    details.insert(
                        "first_on".into(),
                        Detail::date(input.date(span.first + first)),
                    );
                }
                format!(
                    "{} had {k} {} with {} {} (of {} {}).",
                    w.subject,
                    if k == 1 { w.noun.0 } else { w.noun.1 },
                    w.condition(),
                    input.range(),
                    span.len(),
                    w.noun.1
                )
            } else {
                format!(
                    "{} has {k} observations of its {} {}.",
                    w.subject,
                    w.measure,
                    input.range()
                )
            };
            Ok(out(
                FactValue::Integer(k as i64),
                Unit::Count,
                window_read,
                details,
                text,
            ))
        }
        Reduce::CountRuns { min_len } => {
            input.needs_flags()?;
            let min_len = (min_len as usize).max(1);
            let runs: Vec<(usize, usize)> = nonzero_runs(input.window_values())
                .into_iter()
                .filter(|(s, e)| e + 1 - s >= min_len)
                .collect();
            details.insert("min_len".into(), int(min_len, m.step.run_unit()));
            for (k, (s, e)) in runs.iter().enumerate().take(MAX_LISTED) {
                details.insert(
                    format!("run{:02}", k + 1),
                    Detail::text(format!(
                        "{}..{} ({} {})",
                        input.date(span.first + s),
                        input.date(span.first + e),
                        e + 1 - s,
                        w.noun.1
                    )),
                );
            }
            if let Some((s, e)) =
                runs.iter()
                    .copied()
                    .reduce(|a, b| if b.1 - b.0 > a.1 - a.0 { b } else { a })
            {
                details.insert("longest_len".into(), int(e + 1 - s, m.step.run_unit()));
                details.insert(
                    "longest_start".into(),
                    Detail::date(input.date(span.first + s)),
                );
            }
            let text = format!(
                "{}, {} had {} runs of {min_len} or more consecutive {} with {} (runs clipped to the window).",
                capitalise(&input.range()),
                w.subject,
                runs.len(),
                w.noun.1,
                w.condition()
            );
            Ok(out(
                FactValue::Integer(runs.len() as i64),
                Unit::Count,
                window_read,
                details,
                text,
            ))
        }
        Reduce::LongestRun => {
            input.needs_flags()?;
            let runs = nonzero_runs(input.window_values());
            let unit = m.step.run_unit();
            let longest = runs
                .iter()
                .copied()
                .reduce(|a, b| if b.1 - b.0 > a.1 - a.0 { b } else { a });
            let Some((s, e)) = longest else {
                let text = format!(
                    "{} had no {} with {} {}.",
                    w.subject,
                    w.noun.0,
                    w.condition(),
                    input.range()
                );
                return Ok(out(FactValue::Integer(0), unit, window_read, details, text));
            };
            let len = e + 1 - s;
            let (start, end) = (span.first + s, span.first + e);
            details.insert("start".into(), Detail::date(input.date(start)));
            details.insert("end".into(), Detail::date(input.date(end)));
            details.insert("reached_on".into(), Detail::date(input.date(end)));
            details.insert(
                "ties".into(),
                int(
                    runs.iter().filter(|r| r.1 - r.0 == e - s).count() - 1,
                    Unit::Count,
                ),
            );
            let began_before = s == 0 && start > 0 && m.values[start - 1] != 0.0;
            details.insert("run_began_before_window".into(), flag_bool(began_before));
            let text = format!(
                "{}'s longest run of consecutive {} with {} {} was {len} {}, from {} to {}{}.",
                w.subject,
                w.noun.1,
                w.condition(),
                input.range(),
                if len == 1 { w.noun.0 } else { w.noun.1 },
                input.date(start),
                input.date(end),
                if began_before {
                    " (the run began before the window; only its part inside counts)"
                } else {
                    ""
                }
            );
            Ok(out(
                FactValue::Integer(len as i64),
                unit,
                window_read,
                details,
                text,
            ))
        }
        Reduce::FirstDate | Reduce::LastDate => {
            input.needs_flags()?;
            let values = input.window_values();
            let first = input.query.reduce == Reduce::FirstDate;
            let found = if first {
                values.iter().position(|x| *x != 0.0)
            } else {
                values.iter().rposition(|x| *x != 0.0)
            };
            let which = if first { "first" } else { "last" };
            details.insert("found".into(), flag_bool(found.is_some()));
            let Some(k) = found else {
                let text = format!(
                    "No {} {} had {} for {}.",
                    w.noun.0,
                    input.range(),
                    w.condition(),
                    w.subject
                );
                return Ok(out(
                    FactValue::Text("none".into()),
                    Unit::Text,
                    window_read,
                    details,
                    text,
                ));
            };
            let i = span.first + k;
            let d = input.date(i);
            details.insert("reached_on".into(), Detail::date(d));
            input.tested_value(i, &mut details);
            let shown = m
                .inner
                .as_ref()
                .map(|(inner, unit)| format!(" ({})", describe::value(inner[i], *unit)))
                .unwrap_or_default();
            let text = format!(
                "The {which} {} {} on which {} had {} was {d}{shown}.",
                w.noun.0,
                input.range(),
                w.subject,
                w.condition()
            );
            let read = if first {
                (span.first, i)
            } else {
                (i, span.last)
            };
            Ok(out(FactValue::Date(d), Unit::Date, read, details, text))
        }
        Reduce::Rank { order } => {
            let i = span.last;
            let x = input.value(i);
            let r = rank(input.window_values(), x, order);
            details.insert("reached_on".into(), Detail::date(input.date(i)));
            details.insert("ranked_value".into(), Detail::number(x, m.unit));
            details.insert("n_ranked".into(), int(span.len(), Unit::Count));
            details.insert("rank_shared".into(), int(r.shared, Unit::Rank));
            details.insert("ties".into(), int(r.ties, Unit::Count));
            let text = format!(
                "{} of {} on {} ranks {} {} of the {} {} {}{}.",
                w.possessive(),
                describe::of_measure(x, m),
                input.date(i),
                ordinal(r.rank as i64),
                word(order),
                span.len(),
                w.noun.1,
                input.range(),
                match r.ties {
                    0 => String::new(),
                    t => format!(" ({t} tied with it; ties count against it)"),
                }
            );
            Ok(out(
                FactValue::Integer(r.rank as i64),
                Unit::Rank,
                window_read,
                details,
                text,
            ))
        }
        Reduce::LastAtLeastAsExtreme { order } => last_at_least(input, order),
        Reduce::FromExtreme { extreme, within } => {
            input.needs_level()?;
            let i = span.last;
            let reference = window::locate(m, input.grid, within, input.query.as_of)?;
            if reference.first > i {
                return Err(invalid(format!(
                    "the reference window begins on {}, after the value on {}",
                    input.date(reference.first),
                    input.date(i)
                )));
            }
            // The reference extreme is looked for up to the value's own date.
            let last = reference.last.min(i);
            let j = reference.first
                + extreme_index(&m.values[reference.first..=last], extreme).unwrap_or(0);
            let (x, e) = (input.value(i), input.value(j));
            if e <= 0.0 {
                return Err(invalid(format!(
                    "a percentage from a level of {e} on {} is not defined",
                    input.date(j)
                )));
            }
            let pct = (x / e - 1.0) * 100.0;
            details.insert("reached_on".into(), Detail::date(input.date(i)));
            details.insert("value_level".into(), Detail::number(x, m.unit));
            details.insert("extreme_date".into(), Detail::date(input.date(j)));
            details.insert("extreme_value".into(), Detail::number(e, m.unit));
            details.insert(
                "within_from".into(),
                Detail::date(input.date(reference.first)),
            );
            details.insert("within_to".into(), Detail::date(input.date(last)));
            let text = format!(
                "{} of {} on {} was {} from its {} {} of {} on {} (looked for from {} to {}).",
                w.possessive(),
                describe::level(x, m.unit),
                input.date(i),
                describe::value(pct, Unit::Percent),
                word(extreme),
                w.measure,
                describe::level(e, m.unit),
                input.date(j),
                input.date(reference.first),
                input.date(last)
            );
            Ok(out(
                FactValue::Number(pct),
                Unit::Percent,
                (reference.first.min(span.first), i),
                details,
                text,
            ))
        }
        Reduce::MaxDrawdown => {
            input.needs_level()?;
            let (p, t, pct) = max_drawdown(input.window_values()).unwrap_or((0, 0, 0.0));
            let (p, t) = (span.first + p, span.first + t);
            details.insert("peak_date".into(), Detail::date(input.date(p)));
            details.insert("peak_value".into(), Detail::number(input.value(p), m.unit));
            details.insert("trough_date".into(), Detail::date(input.date(t)));
            details.insert(
                "trough_value".into(),
                Detail::number(input.value(t), m.unit),
            );
            details.insert("reached_on".into(), Detail::date(input.date(t)));
            let text = if pct < 0.0 {
                format!(
                    "The deepest fall of {} {}, measured from the window's own peak, was {}: from {} on {} to {} on {}.",
                    w.possessive(),
                    input.range(),
                    describe::value(pct, Unit::Percent),
                    describe::level(input.value(p), m.unit),
                    input.date(p),
                    describe::level(input.value(t), m.unit),
                    input.date(t)
                )
            } else {
                format!(
                    "{} never fell below an earlier value of the window {}.",
                    w.possessive(),
                    input.range()
                )
            };
            Ok(out(
                FactValue::Number(pct),
                Unit::Percent,
                window_read,
                details,
                text,
            ))
        }
    }
}

/// `LastAtLeastAsExtreme`: "the biggest drop since …", "the longest streak since …".
fn last_at_least(input: &Input<'_>, order: Order) -> Result<Reduced, FactError> {
    let (m, w) = (input.m, input.words);
    let i = input.span.last;
    let x = input.value(i);
    let runs = m.kind == Kind::Run;
    let mut details = BTreeMap::new();
    details.insert("reached_on".into(), Detail::date(input.date(i)));
    details.insert("compared_value".into(), Detail::number(x, m.unit));
    let step_unit = m.step.run_unit();
    if runs && x == 0.0 {
        details.insert("run_len".into(), int(0, step_unit));
        let text = format!(
            "{} did not have {} on {}: no run is current.",
            w.subject,
            w.condition(),
            input.date(i)
        );
        return Ok(Reduced {
            value: FactValue::Text("no current run".into()),
            unit: Unit::Text,
            read: (i, i),
            window: (i, i),
            details,
            text,
        });
    }
    let found = last_at_least_as_extreme(&m.values, i, order, runs);
    details.insert("on_record".into(), flag_bool(found.is_none()));
    let d = input.date(i);
    let Some(j) = found else {
        let d0 = input.date(0);
        let text = if runs {
            format!(
                "{}'s run of {} consecutive {} with {} up to {d} was the longest on record (data from {d0}).",
                w.subject,
                x as usize,
                w.noun.1,
                w.condition()
            )
        } else {
            format!(
                "{} of {} on {d} was the {} since the data begin on {d0} (on record).",
                w.possessive(),
                describe::of_measure(x, m),
                word(order)
            )
        };
        if runs {
            details.insert("run_len".into(), int(x as usize, step_unit));
        }
        return Ok(Reduced {
            value: FactValue::Date(d0),
            unit: Unit::Date,
            read: (0, i),
            window: (0, i),
            details,
            text,
        });
    };
    let dj = input.date(j);
    details.insert("since_value".into(), Detail::number(input.value(j), m.unit));
    details.insert("sessions_between".into(), int(i - j, step_unit));
    details.insert(
        "days_between".into(),
        Detail::integer((d - dj).num_days(), Unit::Count),
    );
    let text = if runs {
        let (len, since_len) = (x as usize, input.value(j) as usize);
        details.insert("run_len".into(), int(len, step_unit));
        details.insert("since_run_len".into(), int(since_len, step_unit));
        details.insert(
            "since_run_start".into(),
            Detail::date(input.date(j + 1 - since_len.max(1))),
        );
        format!(
            "{}'s run of {len} consecutive {} with {} up to {d} was the longest since a {since_len}-{} run that ended on {dj}.",
            w.subject,
            w.noun.1,
            w.condition(),
            w.noun.0
        )
    } else {
        format!(
            "{} of {} on {d} was the {} since {dj} ({}), {} {} earlier.",
            w.possessive(),
            describe::of_measure(x, m),
            word(order),
            describe::of_measure(input.value(j), m),
            i - j,
            w.noun.1
        )
    };
    Ok(Reduced {
        value: FactValue::Date(dj),
        unit: Unit::Date,
        read: (j, i),
        window: (j, i),
        details,
        text,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::empty(&[], Order::Highest, None)]
    #[case::earliest_tie(&[1.0, 3.0, 2.0, 3.0], Order::Highest, Some(1))]
    #[case::lowest(&[1.0, 3.0, 0.5, 0.5], Order::Lowest, Some(2))]
    fn extremes(#[case] values: &[f64], #[case] order: Order, #[case] expected: Option<usize>) {
        assert_eq!(extreme_index(values, order), expected);
    }

    #[rstest]
    #[case::none(&[0.0, 0.0], vec![])]
    #[case::edges(&[1.0, 1.0, 0.0, 2.0], vec![(0, 1), (3, 3)])]
    #[case::all(&[3.0, 4.0, 5.0], vec![(0, 2)])]
    fn runs(#[case] values: &[f64], #[case] expected: Vec<(usize, usize)>) {
        assert_eq!(nonzero_runs(values), expected);
    }

    #[rstest]
    // 12 among 10 11 12 11 13 13 12: four at least as high, one tie.
    #[case::ties_count_against(&[10.0, 11.0, 12.0, 11.0, 13.0, 13.0, 12.0], 12.0, Order::Highest, (4, 3, 1))]
    #[case::lowest(&[10.0, 11.0, 12.0], 10.0, Order::Lowest, (1, 1, 0))]
    #[case::alone(&[5.0], 5.0, Order::Highest, (1, 1, 0))]
    fn ranks(
        #[case] values: &[f64],
        #[case] x: f64,
        #[case] order: Order,
        #[case] expected: (usize, usize, usize),
    ) {
        let r = rank(values, x, order);
        assert_eq!((r.rank, r.shared, r.ties), expected);
    }

    #[rstest]
    #[case::level(&[3.0, 1.0, 2.0, 2.0], 3, Order::Highest, false, Some(2))]
    #[case::on_record(&[1.0, 2.0, 3.0], 2, Order::Highest, false, None)]
    #[case::lowest(&[1.0, 5.0, 4.0, 2.0], 3, Order::Lowest, false, Some(0))]
    // Run lengths 1 2 0 1 2 3 0 1 2: the run of 2 ending at 8 skips itself
    // (7, 8) and finds the end of the run of 3 at 5.
    #[case::run_skips_itself(&[1.0, 2.0, 0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0], 8, Order::Highest, true, Some(5))]
    #[case::run_on_record(&[1.0, 2.0, 0.0, 1.0, 2.0, 3.0], 5, Order::Highest, true, None)]
    fn since(
        #[case] values: &[f64],
        #[case] i: usize,
        #[case] order: Order,
        #[case] skip_run: bool,
        #[case] expected: Option<usize>,
    ) {
        assert_eq!(
            last_at_least_as_extreme(values, i, order, skip_run),
            expected
        );
    }

    #[rstest]
    #[case::empty(&[], None)]
    #[case::rising(&[1.0, 2.0, 3.0], Some((0, 0, 0.0)))]
    // 120 → 90 is −25 %, deeper than 100 → 80 (−20 %) before the new peak.
    #[case::deepest(&[100.0, 80.0, 120.0, 90.0, 95.0], Some((2, 3, -25.0)))]
    fn drawdowns(#[case] values: &[f64], #[case] expected: Option<(usize, usize, f64)>) {
        assert_eq!(max_drawdown(values), expected);
    }

    #[test]
    fn spread_of_values() {
        assert_eq!(std_dev(&[1.0], true), None);
        assert_eq!(std_dev(&[], false), None);
        assert_eq!(std_dev(&[2.0, 4.0], false), Some(1.0));
        assert_eq!(mean(&[]), None);
    }
}
