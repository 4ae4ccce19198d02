//! The query algebra evaluated: a [`SeriesQuery`] (subject × measure ×
//! window × reducer) becomes one cited Fact of kind `series`.
//!
//! The steps follow the contract in `model::algebra`:
//! 1. [`subject`]: the subject's series, cut at the as-of date with the
//!    engine's own cut (monthly series keep complete months), on one date
//!    grid (common dates for a pair);
//! 2. [`measure`]: the measure over the whole cut history;
//! 3. [`window`]: the window's observations (and its base, the observation
//!    before them); a window reaching before the data is an error, never a
//!    shorter window;
//! 4. [`reduce`]: the reducer, which also says which observations it read.
//!
//! The Fact's method is the reducer's (`reduce.<name>` v1); the measure's
//! method is the detail `measure_method`. Its inputs cite, per source run,
//! the dates from the first row any read observation depended on (a record
//! or a drawdown depends on all history) to the last one read.

mod describe;
pub(crate) mod measure;
pub(crate) mod reduce;
pub(crate) mod subject;
pub(crate) mod window;

use crate::{Engine, FactError};
use model::fact::Detail;
use model::{Fact, FactValue, Method, SeriesQuery, Unit};

/// Version of every `measure.*` and `reduce.*` method.
pub(crate) const VERSION: u32 = 1;

/// Evaluates one series query.
///
/// # Errors
/// See [`Engine::series`].
pub(crate) fn evaluate(engine: &Engine<'_>, query: &SeriesQuery) -> Result<Fact, FactError> {
    let window_from = window::start_date(query.window, query.as_of)?;
    let grid = subject::grid(
        engine,
        &query.subject,
        subject::Need::of(&query.measure),
        query.as_of,
        window_from,
    )?;
    let m = measure::compute(&query.measure, &grid, query.as_of)?;
    let span = window::locate(&m, &grid, query.window, query.as_of)?;
    let words = describe::Words::new(engine, &grid, &query.measure, &m);
    let reduced = reduce::reduce(&reduce::Input {
        query,
        m: &m,
        span,
        grid: &grid,
        words: &words,
    })?;
    if let FactValue::Number(x) = reduced.value {
        if !x.is_finite() {
            return Err(FactError::InvalidQuery {
                reason: format!(
                    "the {} of the {} is not a finite number",
                    query.reduce.name(),
                    words.measure
                ),
            });
        }
    }
    let (lo, hi) = reduced.read;
    let mut details = reduced.details;
    let mut put = |k: &str, d: Detail| {
        details.entry(k.to_string()).or_insert(d);
    };
    put("measure", Detail::text(query.measure.name()));
    put("reduce", Detail::text(query.reduce.name()));
    put(
        "measure_method",
        Detail::text(format!("{} v{VERSION}", measure::method_id(&query.measure))),
    );
    put(
        "n_obs",
        Detail::integer(i64::try_from(span.len()).unwrap_or(i64::MAX), Unit::Count),
    );
    put("field", Detail::text(grid.field.as_str()));
    if grid.adjusted_close {
        put(
            "adjusted_close",
            Detail {
                value: FactValue::Bool(true),
                unit: Unit::Bool,
            },
        );
    }
    if grid.compounded {
        put(
            "compounded_from_returns",
            Detail {
                value: FactValue::Bool(true),
                unit: Unit::Bool,
            },
        );
    }
    if grid.shape != subject::Shape::Symbol {
        put("grid", Detail::text("the dates common to both series"));
    }
    Ok(Fact {
        id: String::new(),
        kind: "series".to_string(),
        subjects: grid.symbols.clone(),
        as_of: query.as_of,
        window: Some((m.dates[reduced.window.0], m.dates[reduced.window.1])),
        value: reduced.value,
        unit: reduced.unit,
        method: Method::new(reduce::method_id(&query.reduce), VERSION),
        inputs: grid.cite(engine, m.first_row_read(lo, hi), m.rows[hi]),
        details,
        text: reduced.text,
    })
}

impl Engine<'_> {
    /// Evaluates one query of the algebra (subject × measure × window ×
    /// reducer) into a Fact of kind `series`; `docs/methods.md` defines the
    /// `measure.*` and `reduce.*` methods.
    ///
    /// # Errors
    /// [`FactError::UnknownInstrument`], [`FactError::MissingField`] (an
    /// intraday high of a series without highs), [`FactError::BeforeData`]
    /// when the window or its base reaches before the data begin,
    /// [`FactError::NoData`] for a window with no observation,
    /// [`FactError::NotASession`] for a session window on another date,
    /// [`FactError::InvalidPeriod`], and [`FactError::InvalidQuery`] when
    /// the parts do not fit (a return of a spread, a count of runs of a
    /// measure that is not a flag).
    pub fn series(&self, query: &SeriesQuery) -> Result<Fact, FactError> {
        evaluate(self, query)
    }
}
