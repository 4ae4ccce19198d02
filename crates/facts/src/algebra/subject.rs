//! The subject's observations on one date grid: one instrument's series, or
//! two instruments' series on their common dates.
//!
//! Each series is cut at the as-of date with the engine's own cut
//! ([`Engine::cut`]: a monthly series keeps only complete months), so the
//! algebra is point-in-time exactly as the named answers are. The grid keeps
//! every cut it read, so that a Fact cites, per source run, only the dates
//! its computation read.

use crate::answer::Cut;
use crate::{Engine, FactError};
use model::{Date, FactInput, Field, InstrumentKind, Measure, Series, Subject, Unit};

/// How the subject combines its instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One instrument.
    Symbol,
    /// A relative to B: return measures are A's minus B's.
    Relative,
    /// A's level minus B's.
    Spread,
}

/// The series the measure's leaf reads from each instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The price series as [`Engine::price_series`] picks it.
    Price,
    /// One field exactly.
    Field(Field),
    /// The unadjusted close with another field of the same bar (an open, a
    /// high, a low), which only pair with the close they were printed with.
    CloseWith(Field),
}

impl Need {
    /// What the innermost measure of `measure` reads.
    pub(crate) fn of(measure: &Measure) -> Need {
        match measure {
            Measure::Flag { of, .. } | Measure::RunLength { of, .. } => Need::of(of),
            Measure::Level {
                field: model::LevelField::Field(f),
            } => Need::Field(*f),
            Measure::OpenGap => Need::CloseWith(Field::Open),
            Measure::IntradayMove { extreme } => Need::CloseWith(match extreme {
                model::Order::Highest => Field::High,
                model::Order::Lowest => Field::Low,
            }),
            _ => Need::Price,
        }
    }
}

/// One instrument's values on the grid.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// The main series (a price level, or the field asked).
    pub(crate) main: Vec<f64>,
    /// The paired field of [`Need::CloseWith`] (NaN where the bar has none).
    pub(crate) aux: Option<Vec<f64>>,
}

/// The subject's observations.
#[derive(Debug)]
pub(crate) struct Grid<'u> {
    /// How the legs combine.
    pub(crate) shape: Shape,
    /// Canonical symbols, subject first.
    pub(crate) symbols: Vec<String>,
    /// Dates of the grid (common dates for a pair).
    pub(crate) dates: Vec<Date>,
    /// One column per instrument.
    pub(crate) legs: Vec<Column>,
    /// The main field read (of the first instrument).
    pub(crate) field: Field,
    /// The unit of a level of the main series.
    pub(crate) level_unit: Unit,
    /// Whether a series holds one row per month.
    pub(crate) monthly: bool,
    /// Whether an adjusted close was read because there is no close.
    pub(crate) adjusted_close: bool,
    /// Whether the price level was compounded from periodic returns.
    pub(crate) compounded: bool,
    /// Every cut read, for citations.
    cuts: Vec<Cut<'u>>,
}

impl Grid<'_> {
    /// The subject in errors: `^GSPC`, `^RUT relative to ^GSPC`, `DGS10 minus DGS2`.
    pub(crate) fn label(&self) -> String {
        match (self.shape, self.symbols.as_slice()) {
            (Shape::Relative, [a, b]) => format!("{a} relative to {b}"),
            (Shape::Spread, [a, b]) => format!("{a} minus {b}"),
            _ => self.symbols.join(", "),
        }
    }

    /// Citations for grid rows `lo..=hi`: one input per source run of each
    /// series read, over the dates from row `lo` to row `hi`.
    pub(crate) fn cite(&self, engine: &Engine<'_>, lo: usize, hi: usize) -> Vec<FactInput> {
        let (Some(from), Some(to)) = (self.dates.get(lo), self.dates.get(hi)) else {
            return Vec::new();
        };
        self.cuts
            .iter()
            .flat_map(|cut| {
                let d = cut.dates();
                let i0 = d.partition_point(|x| x < from);
                let i1 = d.partition_point(|x| x <= to);
                engine.inputs(cut.series, i0..i1.max(i0))
            })
            .collect()
    }
}

/// One instrument's cut series for a need.
struct Leg<'u> {
    main: Cut<'u>,
    aux: Option<Cut<'u>>,
}

/// Builds the grid of `subject` for a measure whose leaf reads `need`.
///
/// # Errors
/// [`FactError::UnknownInstrument`], [`FactError::MissingField`],
/// [`FactError::BeforeData`] when the as-of date precedes the data,
/// [`FactError::NoData`] when a pair has no common date,
/// [`FactError::InvalidQuery`] for a spread of two different units.
pub(crate) fn grid<'u>(
    engine: &Engine<'u>,
    subject: &Subject,
    need: Need,
    as_of: Date,
    window_from: Option<Date>,
) -> Result<Grid<'u>, FactError> {
    let (shape, symbols) = match subject {
        Subject::Symbol { symbol } => (Shape::Symbol, vec![engine.canonical(symbol)]),
        Subject::Relative { a, b } => (
            Shape::Relative,
            vec![engine.canonical(a), engine.canonical(b)],
        ),
        Subject::Spread { a, b } => (
            Shape::Spread,
            vec![engine.canonical(a), engine.canonical(b)],
        ),
    };
    let legs = symbols
        .iter()
        .map(|s| leg(engine, s, need, as_of, window_from))
        .collect::<Result<Vec<_>, _>>()?;
    let units: Vec<Unit> = legs
        .iter()
        .map(|l| level_unit(engine, l.main.symbol(), l.main.field()))
        .collect();
    if shape == Shape::Spread && units.first() != units.last() {
        return Err(FactError::InvalidQuery {
            reason: format!(
                "a spread of {} and {} subtracts levels in different units",
                symbols[0], symbols[1]
            ),
        });
    }
    let first = &legs[0];
    let compounded = need == Need::Price && first.main.field() == Field::ReturnPct;
    let mut grid = Grid {
        shape,
        symbols: symbols.clone(),
        dates: Vec::new(),
        legs: Vec::new(),
        field: first.main.field(),
        level_unit: if compounded { Unit::Points } else { units[0] },
        monthly: legs
            .iter()
            .any(|l| engine.frequency(l.main.series, as_of) == model::Frequency::Monthly),
        adjusted_close: legs.iter().any(|l| l.main.field() == Field::AdjClose),
        compounded,
        cuts: Vec::new(),
    };
    // Rows of each leg on the grid: all of them for one instrument, the
    // common dates for a pair (a merge walk over two sorted columns).
    let rows: Vec<Vec<usize>> = match legs.as_slice() {
        [a, b] => common_rows(a.main.dates(), b.main.dates()),
        _ => vec![(0..first.main.n).collect()],
    };
    let Some(common) = rows.first().filter(|r| !r.is_empty()) else {
        return Err(FactError::NoData {
            instrument: grid.label(),
            field: first.main.field(),
            from: first.main.dates().first().copied().unwrap_or(as_of),
            to: as_of,
        });
    };
    grid.dates = common.iter().map(|&i| first.main.date(i)).collect();
    for (leg, rows) in legs.iter().zip(&rows) {
        let values = leg.main.values();
        let raw: Vec<f64> = rows.iter().map(|&i| values[i]).collect();
        let main = if need == Need::Price && leg.main.field() == Field::ReturnPct {
            growth_index(&raw)
        } else {
            raw
        };
        let aux = leg
            .aux
            .map(|aux| aligned(&grid.dates, aux.dates(), aux.values()));
        grid.legs.push(Column { main, aux });
        grid.cuts.push(leg.main);
        grid.cuts.extend(leg.aux);
    }
    Ok(grid)
}

/// Rows of A and of B on the dates both have.
fn common_rows(a: &[Date], b: &[Date]) -> Vec<Vec<usize>> {
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                ra.push(i);
                rb.push(j);
                i += 1;
                j += 1;
            }
        }
    }
    vec![ra, rb]
}

/// `values` (dated `dates`) on the grid's dates, NaN where absent.
fn aligned(grid: &[Date], dates: &[Date], values: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(grid.len());
    let mut j = 0;
    for d in grid {
        while j < dates.len() && dates[j] < *d {
            j += 1;
        }
        out.push(if dates.get(j) == Some(d) {
            values[j]
        } else {
            f64::NAN
        });
    }
    out
}

/// A level from periodic returns in percent: 100 × ∏(1 + r/100), so that
/// a return over a window of such levels is the compounded return.
fn growth_index(returns_pct: &[f64]) -> Vec<f64> {
    let mut level = 100.0;
    returns_pct
        .iter()
        .map(|r| {
            level *= 1.0 + r / 100.0;
            level
        })
        .collect()
}

/// The unit a level of `field` is quoted in.
fn level_unit(engine: &Engine<'_>, symbol: &str, field: Field) -> Unit {
    match field {
        Field::Volume => Unit::Count,
        Field::ReturnPct => Unit::Percent,
        Field::Value => {
            let kind = engine
                .registry()
                .and_then(|r| r.get(symbol))
                .map(|i| i.kind);
            if kind == Some(InstrumentKind::Rate) {
                Unit::Percent
            } else {
                Unit::Points
            }
        }
        _ => Unit::Points,
    }
}

fn leg<'u>(
    engine: &Engine<'u>,
    symbol: &str,
    need: Need,
    as_of: Date,
    window_from: Option<Date>,
) -> Result<Leg<'u>, FactError> {
    let field_series = |field: Field| -> Result<&'u Series, FactError> {
        engine.universe().get(symbol, field).ok_or_else(|| {
            if engine.price_series(symbol).is_ok() {
                FactError::MissingField {
                    instrument: symbol.to_string(),
                    field,
                }
            } else {
                FactError::UnknownInstrument {
                    symbol: symbol.to_string(),
                }
            }
        })
    };
    let cut = |series: &'u Series| -> Result<Cut<'u>, FactError> {
        engine
            .cut(series, as_of)
            .map_err(|e| match series.first_date() {
                // The series exists but nothing of it is readable as of D: the
                // question reaches before its data.
                Some(first) => FactError::BeforeData {
                    instrument: symbol.to_string(),
                    data_from: first,
                    window_from: window_from.or(Some(as_of)),
                },
                None => e,
            })
    };
    // The price series is chosen as of the date too (`Engine::price_cut`),
    // so a close series that starts later cannot decide what an earlier
    // Fact reads; a bar measure (the open, the high) is read beside it, so
    // a fund with only dividend-adjusted closes gaps against its own
    // (equally adjusted) opens.
    let price = || -> Result<Cut<'u>, FactError> {
        engine.price_cut(symbol, as_of).map_err(|e| match e {
            FactError::NoData { .. } => match engine
                .price_series(symbol)
                .ok()
                .and_then(|s| s.first_date())
            {
                Some(first) => FactError::BeforeData {
                    instrument: symbol.to_string(),
                    data_from: first,
                    window_from: window_from.or(Some(as_of)),
                },
                None => e,
            },
            other => other,
        })
    };
    match need {
        Need::Price => Ok(Leg {
            main: price()?,
            aux: None,
        }),
        Need::Field(f) => Ok(Leg {
            main: cut(field_series(f)?)?,
            aux: None,
        }),
        Need::CloseWith(f) => Ok(Leg {
            main: price()?,
            aux: Some(cut(field_series(f)?)?),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("date")
    }

    #[test]
    fn common_rows_and_alignment() {
        let a = [d("2024-01-02"), d("2024-01-03"), d("2024-01-05")];
        let b = [d("2024-01-03"), d("2024-01-04"), d("2024-01-05")];
        assert_eq!(common_rows(&a, &b), vec![vec![1, 2], vec![0, 2]]);
        let v = aligned(&a, &b, &[1.0, 2.0, 3.0]);
        assert!(v[0].is_nan());
        assert_eq!(&v[1..], &[1.0, 3.0]);
    }

    #[test]
    fn growth_index_compounds() {
        let g = growth_index(&[10.0, -10.0]);
        assert!((g[0] - 110.0).abs() < 1e-12);
        assert!((g[1] - 99.0).abs() < 1e-12);
    }
}
