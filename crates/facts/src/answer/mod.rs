//! Turns a Query into kernel calls and a Fact.
//!
//! Each submodule answers a family of queries. They share the helpers here:
//! the point-in-time cut, period resolution, citation of inputs from a
//! series' source runs, and number formatting for the Fact's sentence.

mod base_rate;
mod cross;
mod event;
mod prices;
mod rates;
mod streaks;

use crate::{Engine, FactError};
use chrono::{Datelike, NaiveDate};
pub(crate) use cross::members as basket_members;
use model::fact::Detail;
use model::{
    Date, Fact, FactInput, FactValue, Field, Frequency, Method, Period, Query, Series, Unit,
};
use std::collections::BTreeMap;
use std::ops::Range;

pub(crate) fn answer(engine: &Engine<'_>, query: &Query) -> Result<Fact, FactError> {
    let mut fact = dispatch(engine, query)?;
    mark_adjusted(&mut fact);
    Ok(fact)
}

/// What a Fact that read dividend-adjusted closes says about them.
pub(crate) const ADJUSTED_PRICE_BASIS: &str = "dividend-adjusted close";
/// What a return computed from dividend-adjusted closes is.
pub(crate) const ADJUSTED_RETURN_BASIS: &str = "total return";

/// Flags a Fact that read dividend-adjusted closes (`adj_close`), whatever
/// its kind: `adjusted` = true, `price_basis` = "dividend-adjusted close"
/// (a level restated for dividends paid later, not the price the fund
/// traded at), `return_basis` = "total return" (a ratio of adjusted closes
/// reinvests the dividends), and `adjusted_subjects` names the instruments.
/// Renderers print a level as a price only with that label.
fn mark_adjusted(fact: &mut Fact) {
    let mut subjects: Vec<&str> = Vec::new();
    for input in fact.inputs.iter().filter(|i| i.field == Field::AdjClose) {
        if !subjects.contains(&input.instrument.as_str()) {
            subjects.push(&input.instrument);
        }
    }
    if subjects.is_empty() {
        return;
    }
    let subjects = subjects.join(", ");
    let d = &mut fact.details;
    d.insert("adjusted".into(), d_bool(true));
    d.insert("adjusted_subjects".into(), Detail::text(subjects));
    d.insert("price_basis".into(), Detail::text(ADJUSTED_PRICE_BASIS));
    d.insert("return_basis".into(), Detail::text(ADJUSTED_RETURN_BASIS));
}

fn dispatch(engine: &Engine<'_>, query: &Query) -> Result<Fact, FactError> {
    match query {
        Query::Level {
            symbol,
            field,
            as_of,
        } => prices::level(engine, symbol, *field, *as_of),
        Query::Return {
            symbol,
            period,
            as_of,
        } => prices::period_return(engine, symbol, *period, *as_of),
        Query::ReturnRank {
            symbol,
            period,
            against,
            as_of,
        } => prices::return_rank(engine, symbol, *period, *against, *as_of),
        Query::DailyMove { symbol, as_of } => prices::daily_move(engine, symbol, *as_of),
        Query::Gap { symbol, as_of } => prices::gap(engine, symbol, *as_of),
        Query::Streak {
            symbol,
            vs,
            direction,
            as_of,
        } => streaks::streak(engine, symbol, vs.as_deref(), *direction, *as_of),
        Query::StreakCount {
            symbol,
            vs,
            direction,
            min_len,
            from,
            as_of,
        } => streaks::streak_count(
            engine,
            symbol,
            vs.as_deref(),
            *direction,
            *min_len,
            *from,
            *as_of,
        ),
        Query::Record {
            symbol,
            record,
            as_of,
        } => prices::record(engine, symbol, *record, *as_of),
        Query::LowestSince { symbol, as_of } => prices::since(engine, symbol, false, *as_of),
        Query::HighestSince { symbol, as_of } => prices::since(engine, symbol, true, *as_of),
        Query::Volatility {
            symbol,
            period,
            annualised,
            sample,
            as_of,
        } => prices::volatility(engine, symbol, *period, *annualised, *sample, *as_of),
        Query::Drawdown { symbol, as_of } => prices::drawdown(engine, symbol, *as_of),
        Query::MovingAverage {
            symbol,
            window,
            as_of,
        } => prices::moving_average(engine, symbol, *window, *as_of),
        Query::CrossSection {
            basket,
            period,
            as_of,
        } => cross::cross_section(engine, basket, *period, *as_of),
        Query::BaseRate {
            a,
            b,
            window_years,
            from,
            as_of,
        } => base_rate::base_rate(engine, a, b, *window_years, *from, *as_of),
        Query::RateDecisions { from, as_of } => rates::rate_decisions(engine, *from, *as_of),
        Query::ExtremeMove {
            symbol,
            direction,
            from,
            as_of,
        } => prices::extreme_move(engine, symbol, *direction, *from, *as_of),
        Query::EventStudy {
            symbol,
            condition,
            as_of,
        } => event::event_study(engine, symbol, condition, *as_of),
        Query::Change {
            symbol,
            field,
            from,
            as_of,
        } => prices::change(engine, symbol, *field, *from, *as_of),
        Query::ReturnSpread {
            a,
            b,
            period,
            as_of,
        } => prices::return_spread(engine, a, b, *period, *as_of),
        Query::Series(q) => crate::algebra::evaluate(engine, q),
    }
}

/// A series cut at the as-of date: only `..n` may be read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cut<'u> {
    pub(crate) series: &'u Series,
    pub(crate) n: usize,
}

impl<'u> Cut<'u> {
    /// Cuts `series` at `as_of`, keeping the first `n` observations (those
    /// known by `as_of`, [`Engine::known_len`]).
    ///
    /// # Errors
    /// [`FactError::NoData`] when `n` is 0.
    fn first(series: &'u Series, n: usize, as_of: Date) -> Result<Cut<'u>, FactError> {
        if n == 0 {
            return Err(FactError::NoData {
                instrument: series.key().instrument.clone(),
                field: series.key().field,
                from: series.first_date().map_or(as_of, |f| f.min(as_of)),
                to: as_of,
            });
        }
        Ok(Cut { series, n })
    }
    pub(crate) fn dates(&self) -> &'u [Date] {
        &self.series.dates()[..self.n]
    }
    pub(crate) fn values(&self) -> &'u [f64] {
        &self.series.values()[..self.n]
    }
    pub(crate) fn last(&self) -> usize {
        self.n - 1
    }
    pub(crate) fn symbol(&self) -> &'u str {
        &self.series.key().instrument
    }
    pub(crate) fn field(&self) -> Field {
        self.series.key().field
    }
    pub(crate) fn date(&self, i: usize) -> Date {
        self.series.dates()[i]
    }
    /// Index of `date`, which must be a session of the cut series.
    ///
    /// # Errors
    /// [`FactError::NotASession`] otherwise.
    pub(crate) fn session(&self, date: Date) -> Result<usize, FactError> {
        self.dates()
            .binary_search(&date)
            .map_err(|_| FactError::NotASession {
                instrument: self.symbol().to_string(),
                date,
            })
    }
    /// Error for too little history.
    pub(crate) fn not_enough(&self, needed: usize) -> FactError {
        FactError::NotEnoughHistory {
            instrument: self.symbol().to_string(),
            needed,
            have: self.n,
        }
    }
}

impl<'u> Engine<'u> {
    /// Citations for indices `range` of `series`: one input per source run.
    pub(crate) fn inputs(&self, series: &Series, range: Range<usize>) -> Vec<FactInput> {
        series
            .source_runs(range)
            .into_iter()
            .map(|(source, from, to)| FactInput {
                instrument: series.key().instrument.clone(),
                field: series.key().field,
                source,
                source_path: self
                    .universe()
                    .source(source)
                    .map_or_else(|| format!("source #{}", source.0), |s| s.path.clone()),
                from,
                to,
            })
            .collect()
    }

    /// The display name of an instrument ("Russell 2000"), else its symbol.
    pub(crate) fn name(&self, symbol: &str) -> String {
        self.registry()
            .and_then(|r| r.get(symbol))
            .map_or_else(|| symbol.to_string(), |i| i.name.clone())
    }

    /// A change in the instrument's own unit: index points for an index,
    /// dollars for a fund, a stock, a commodity or a crypto asset
    /// (`+19.57 points` would misname an ETF's dollars).
    pub(crate) fn signed_change(&self, symbol: &str, x: f64) -> String {
        use model::InstrumentKind as K;
        let kind = self.registry().and_then(|r| r.get(symbol)).map(|i| i.kind);
        match kind {
            Some(K::Etf | K::Stock | K::Commodity | K::Crypto) => model::display::signed_dollars(x),
            Some(K::Currency) => model::display::number(x, 4, model::display::Sign::PlusMinus),
            _ => model::display::signed_points(x),
        }
    }

    /// The sampling frequency of `series` as of `as_of`, from the spacing of
    /// its dates on or before `as_of`: monthly when the last gaps (up to
    /// 12) all span at least 28 days, daily otherwise. With
    /// fewer than two gaps to look at, the registry's `frequency` is the
    /// hint (daily for instruments outside the registry). The registry is
    /// never the only guard: a monthly file under a daily entry is still
    /// read as monthly.
    pub fn frequency(&self, series: &Series, as_of: Date) -> Frequency {
        let dates = &series.dates()[..series.len_as_of(as_of)];
        let tail = &dates[dates.len().saturating_sub(FREQUENCY_GAPS + 1)..];
        if tail.len() >= 3 {
            return if tail.windows(2).all(|w| (w[1] - w[0]).num_days() >= 28) {
                Frequency::Monthly
            } else {
                Frequency::Daily
            };
        }
        self.registry()
            .and_then(|r| r.get(&series.key().instrument))
            .map_or(Frequency::Daily, |i| i.frequency)
    }

    /// Calendar days between the end of an observation's period and its
    /// publication, from the registry (`release_lag_days`, else the default
    /// for the instrument's kind); 0 for instruments outside the registry.
    pub fn release_lag_days(&self, series: &Series) -> u32 {
        self.registry()
            .and_then(|r| r.get(&series.key().instrument))
            .map_or(0, |i| i.release_lag_days())
    }

    /// How many leading observations of `series` are known as of `as_of`:
    /// an observation is known once its period has ended and it has been
    /// published, `period end + release lag ≤ as_of`. The period of a daily
    /// observation is its day; of a monthly one ([`Engine::frequency`]),
    /// its calendar month, because a monthly row summarises the whole month
    /// (as of 2020-03-16, FEDFUNDS' March average is not known; February's,
    /// published 2020-03-01, is). This is the point-in-time cut of every
    /// Fact.
    pub fn known_len(&self, series: &Series, as_of: Date) -> usize {
        let lag = chrono::Days::new(u64::from(self.release_lag_days(series)));
        let monthly = self.frequency(series, as_of) == Frequency::Monthly;
        series.dates().partition_point(|d| {
            let end = if monthly {
                crate::kernels::returns::month_end(d.year(), d.month()).unwrap_or(*d)
            } else {
                *d
            };
            end.checked_add_days(lag)
                .is_some_and(|known| known <= as_of)
        })
    }

    /// `series` cut at `as_of`, point-in-time: only the observations known
    /// by then ([`Engine::known_len`]).
    pub(crate) fn cut(&self, series: &'u Series, as_of: Date) -> Result<Cut<'u>, FactError> {
        Cut::first(series, self.known_len(series, as_of), as_of)
    }

    /// The price series cut at `as_of`.
    ///
    /// The field is chosen as of `as_of` too: the first of `Close`,
    /// `AdjClose`, `Value`, `ReturnPct` with an observation known by then, so
    /// that a close series that starts later cannot decide which series an
    /// earlier Fact reads.
    pub(crate) fn price_cut(&self, symbol: &str, as_of: Date) -> Result<Cut<'u>, FactError> {
        let first = self.price_series(symbol)?;
        let symbol = first.key().instrument.clone();
        let known = [
            Field::Close,
            Field::AdjClose,
            Field::Value,
            Field::ReturnPct,
        ]
        .into_iter()
        .filter_map(|field| self.universe().get(&symbol, field))
        .find(|s| self.known_len(s, as_of) > 0);
        self.cut(known.unwrap_or(first), as_of)
    }

    /// A given field's series cut at `as_of`.
    pub(crate) fn field_cut(
        &self,
        symbol: &str,
        field: Field,
        as_of: Date,
    ) -> Result<Cut<'u>, FactError> {
        let symbol = self.canonical(symbol);
        let series = self.universe().get(&symbol, field).ok_or_else(|| {
            if self.price_series(&symbol).is_ok() {
                FactError::NoData {
                    instrument: symbol.clone(),
                    field,
                    from: as_of,
                    to: as_of,
                }
            } else {
                FactError::UnknownInstrument {
                    symbol: symbol.clone(),
                }
            }
        })?;
        self.cut(series, as_of)
    }
}

/// How many of a series' last gaps [`Engine::frequency`] reads.
pub(crate) const FREQUENCY_GAPS: usize = 12;

/// Starts a Fact; callers add details and the sentence.
pub(crate) fn fact(
    kind: &str,
    subjects: Vec<String>,
    as_of: Date,
    value: FactValue,
    unit: Unit,
    method: (&str, u32),
) -> Fact {
    Fact {
        id: String::new(),
        kind: kind.to_string(),
        subjects,
        as_of,
        window: None,
        value,
        unit,
        method: Method::new(method.0, method.1),
        inputs: Vec::new(),
        details: BTreeMap::new(),
        text: String::new(),
    }
}

/// Shorthand detail constructors.
pub(crate) fn d_num(x: f64, unit: Unit) -> Detail {
    Detail::number(x, unit)
}
pub(crate) fn d_int(n: usize, unit: Unit) -> Detail {
    Detail::integer(i64::try_from(n).unwrap_or(i64::MAX), unit)
}
pub(crate) fn d_bool(b: bool) -> Detail {
    Detail {
        value: FactValue::Bool(b),
        unit: Unit::Bool,
    }
}

/// A calendar window `[from, to]` resolved from a period, or a count of
/// trailing sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// Calendar dates, both inclusive; `to` is already capped at as-of.
    Calendar {
        from: Date,
        to: Date,
        /// The period's own calendar end (after as-of when incomplete).
        nominal_end: Date,
    },
    /// The last `n` sessions up to as-of.
    LastSessions(usize),
    /// The session on the as-of date.
    Day,
}

fn ymd(y: i32, m: u32, d: u32) -> Result<Date, FactError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| FactError::InvalidPeriod {
        reason: format!("{y:04}-{m:02}-{d:02} is not a date"),
    })
}

fn span(from: Date, nominal_end: Date, as_of: Date) -> Result<Resolved, FactError> {
    if from > as_of {
        return Err(FactError::InvalidPeriod {
            reason: format!("the window starts on {from}, after the as-of date {as_of}"),
        });
    }
    Ok(Resolved::Calendar {
        from,
        to: nominal_end.min(as_of),
        nominal_end,
    })
}

/// Resolves a period against the as-of date.
///
/// # Errors
/// [`FactError::InvalidPeriod`] for impossible periods (month 13, a window
/// that ends before it starts or starts after as-of).
pub(crate) fn resolve_period(period: Period, as_of: Date) -> Result<Resolved, FactError> {
    let month_end = |y: i32, m: u32| {
        crate::kernels::returns::month_end(y, m).ok_or_else(|| FactError::InvalidPeriod {
            reason: format!("{y}-{m:02} is not a month"),
        })
    };
    match period {
        Period::Between { from, to } => {
            if to < from {
                return Err(FactError::InvalidPeriod {
                    reason: format!("the window ends on {to}, before it starts on {from}"),
                });
            }
            span(from, to, as_of)
        }
        Period::Since { from } => span(from, as_of, as_of),
        Period::YearToDate => span(ymd(as_of.year(), 1, 1)?, as_of, as_of),
        Period::QuarterToDate => {
            let q0 = (as_of.month() - 1) / 3 * 3 + 1;
            span(ymd(as_of.year(), q0, 1)?, as_of, as_of)
        }
        Period::MonthToDate => span(ymd(as_of.year(), as_of.month(), 1)?, as_of, as_of),
        Period::Year { year } => span(ymd(year, 1, 1)?, ymd(year, 12, 31)?, as_of),
        Period::Half { year, half } => match half {
            1 => span(ymd(year, 1, 1)?, ymd(year, 6, 30)?, as_of),
            2 => span(ymd(year, 7, 1)?, ymd(year, 12, 31)?, as_of),
            _ => Err(FactError::InvalidPeriod {
                reason: format!("half {half} (must be 1 or 2)"),
            }),
        },
        Period::Quarter { year, quarter } => {
            if !(1..=4).contains(&quarter) {
                return Err(FactError::InvalidPeriod {
                    reason: format!("quarter {quarter} (must be 1 to 4)"),
                });
            }
            let m0 = u32::from(quarter - 1) * 3 + 1;
            span(ymd(year, m0, 1)?, month_end(year, m0 + 2)?, as_of)
        }
        Period::Month { year, month } => span(ymd(year, month, 1)?, month_end(year, month)?, as_of),
        Period::LastSessions { n } => {
            if n == 0 {
                return Err(FactError::InvalidPeriod {
                    reason: "a window of 0 sessions".to_string(),
                });
            }
            Ok(Resolved::LastSessions(n as usize))
        }
        Period::Day => Ok(Resolved::Day),
    }
}

/// The window indices of a resolved period in a cut series.
///
/// # Errors
/// [`FactError::NoData`] when no session falls in the window,
/// [`FactError::NotEnoughHistory`] when there is no base close before it,
/// [`FactError::NotASession`] for a `Day` that is not a session.
pub(crate) fn window_in(
    cut: &Cut<'_>,
    resolved: Resolved,
    as_of: Date,
) -> Result<crate::kernels::returns::WindowIdx, FactError> {
    use crate::kernels::returns::{locate_window, WindowError, WindowIdx};
    match resolved {
        Resolved::Calendar { from, to, .. } => {
            locate_window(cut.dates(), from, to).map_err(|e| match e {
                WindowError::NoSession => FactError::NoData {
                    instrument: cut.symbol().to_string(),
                    field: cut.field(),
                    from,
                    to,
                },
                WindowError::NoBase => FactError::NoBase {
                    instrument: cut.symbol().to_string(),
                    field: cut.field(),
                    before: from,
                },
            })
        }
        Resolved::LastSessions(n) => {
            if cut.n < n + 1 {
                return Err(cut.not_enough(n + 1));
            }
            let last = cut.last();
            Ok(WindowIdx {
                base: last - n,
                first: last + 1 - n,
                last,
            })
        }
        Resolved::Day => {
            let i = cut.session(as_of)?;
            if i == 0 {
                return Err(FactError::NoBase {
                    instrument: cut.symbol().to_string(),
                    field: cut.field(),
                    before: as_of,
                });
            }
            Ok(WindowIdx {
                base: i - 1,
                first: i,
                last: i,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_resolve() {
        let as_of = model::parse_iso_date("2026-01-16").expect("d");
        let r = resolve_period(Period::YearToDate, as_of).expect("ytd");
        assert_eq!(
            r,
            Resolved::Calendar {
                from: model::parse_iso_date("2026-01-01").expect("d"),
                to: as_of,
                nominal_end: as_of
            }
        );
        assert!(resolve_period(
            Period::Month {
                year: 2025,
                month: 13
            },
            as_of
        )
        .is_err());
        assert!(resolve_period(Period::Year { year: 2027 }, as_of).is_err());
    }
}
