//! The fact engine: answers a [`model::Query`] with a cited [`model::Fact`].
//!
//! **Architecture invariant:** this crate is pure. It does no I/O and reads no
//! clock; everything it knows comes from the [`model::Universe`] it is given.
//! Every answer is point-in-time: a Fact as of D reads only observations
//! known by D, dated on or before it, with their period over (a monthly row
//! once its month has ended) and published (the instrument's release lag):
//! series are cut with [`Engine::known_len`] before any kernel runs.
//!
//! The numeric work lives in [`kernels`], pure functions over slices, each
//! documented with the method it implements (`docs/methods.md`). The
//! [`Engine`] picks the series, cuts them at the as-of date, runs the kernels
//! and turns their results into Facts with inputs, details and a sentence.
//! [`Engine::series`] evaluates the query algebra ([`model::SeriesQuery`]:
//! subject × measure × window × reducer) the same way.

mod algebra;
mod answer;
mod error;
pub mod kernels;
mod text;

pub use error::FactError;
pub use text::format_fact_text;

use model::{Field, Registry, Series, Universe};

/// Every method the engine can put in a Fact, as `(id, version)`; each is
/// defined in `docs/methods.md` (a test checks both that the page defines
/// every one and that the engine's sources name no other).
pub const METHODS: &[(&str, u32)] = &[
    ("level.observation", 3),
    ("level.since", 3),
    ("return.period", 3),
    ("return.rank", 2),
    ("return.spread", 1),
    ("change.level", 2),
    ("move.daily", 1),
    ("move.gap", 1),
    ("move.extreme", 1),
    ("streak.absolute", 1),
    ("streak.relative", 1),
    ("streak.count", 1),
    ("record.close", 1),
    ("record.high", 1),
    ("volatility.std", 1),
    ("drawdown.close", 1),
    ("ma.simple", 1),
    ("cross_section.return", 1),
    ("base_rate.rolling", 2),
    ("rates.decisions", 3),
    ("event_study.forward", 1),
    ("event_study.january", 2),
    ("measure.level", 1),
    ("measure.return", 1),
    ("measure.log_return", 1),
    ("measure.change", 1),
    ("measure.open_gap", 1),
    ("measure.intraday_move", 1),
    ("measure.drawdown", 1),
    ("measure.sma_gap", 1),
    ("measure.period_return", 1),
    ("measure.period_change", 1),
    ("measure.flag", 1),
    ("measure.run_length", 1),
    ("reduce.last", 1),
    ("reduce.first", 1),
    ("reduce.change", 1),
    ("reduce.return", 1),
    ("reduce.annualised_return", 1),
    ("reduce.max", 1),
    ("reduce.min", 1),
    ("reduce.mean", 1),
    ("reduce.std_dev", 1),
    ("reduce.count", 1),
    ("reduce.count_runs", 1),
    ("reduce.longest_run", 1),
    ("reduce.first_date", 1),
    ("reduce.last_date", 1),
    ("reduce.rank", 1),
    ("reduce.last_at_least_as_extreme", 1),
    ("reduce.from_extreme", 1),
    ("reduce.max_drawdown", 1),
];

/// Answers fact queries over one universe of consolidated series.
#[derive(Debug)]
pub struct Engine<'u> {
    universe: &'u Universe,
    registry: Option<std::sync::Arc<Registry>>,
}

impl<'u> Engine<'u> {
    /// Builds an engine over `universe` with the registry the universe was
    /// read with ([`Universe::registry`]: built-in plus learnt and user
    /// instruments), else the built-in instrument registry.
    pub fn new(universe: &'u Universe) -> Engine<'u> {
        let registry = match &universe.registry {
            Some(reg) => Some(reg.clone()),
            None => Registry::builtin().ok().map(std::sync::Arc::new),
        };
        Engine { universe, registry }
    }

    /// Builds an engine with an explicit registry (used for baskets and names).
    pub fn with_registry(universe: &'u Universe, registry: Registry) -> Engine<'u> {
        Engine {
            universe,
            registry: Some(std::sync::Arc::new(registry)),
        }
    }

    /// Builds an engine with a shared registry (no copy of it).
    pub fn with_shared_registry(
        universe: &'u Universe,
        registry: std::sync::Arc<Registry>,
    ) -> Engine<'u> {
        Engine {
            universe,
            registry: Some(registry),
        }
    }

    /// The universe the engine reads.
    pub fn universe(&self) -> &'u Universe {
        self.universe
    }

    /// The instrument registry, if it loaded.
    pub fn registry(&self) -> Option<&Registry> {
        self.registry.as_deref()
    }

    /// Answers one query.
    ///
    /// # Errors
    /// A [`FactError`] naming the data that is missing (unknown instrument,
    /// no observation in a range, too little history, a date that is not a
    /// session of the series) or why the query cannot be answered.
    pub fn fact(&self, query: &model::Query) -> Result<model::Fact, FactError> {
        answer::answer(self, query)
    }

    /// Picks the series an instrument's price kernels read: `Close` if
    /// present, else `AdjClose`, else `Value`, else `ReturnPct`.
    ///
    /// # Errors
    /// [`FactError::UnknownInstrument`] when the universe holds none of them.
    pub fn price_series(&self, symbol: &str) -> Result<&'u Series, FactError> {
        let symbol = self.canonical(symbol);
        [
            Field::Close,
            Field::AdjClose,
            Field::Value,
            Field::ReturnPct,
        ]
        .into_iter()
        .find_map(|field| self.universe.get(&symbol, field))
        .ok_or(FactError::UnknownInstrument { symbol })
    }

    /// The canonical symbols of a basket's members, in a stable order
    /// (sectors: the registry's sector funds; styles and indices: fixed lists).
    pub fn basket_members(&self, basket: &model::Basket) -> Vec<String> {
        answer::basket_members(self, basket)
    }

    /// The canonical symbol for `symbol`: itself when the universe has a
    /// series under that name, else the registry's resolution of it as an
    /// alias ("SPX" → "^GSPC"), else itself.
    pub fn canonical(&self, symbol: &str) -> String {
        let known = self
            .universe
            .series
            .range(model::SeriesKey::new(symbol, Field::Open)..)
            .next()
            .is_some_and(|(k, _)| k.instrument == symbol);
        if known {
            return symbol.to_string();
        }
        self.registry
            .as_ref()
            .and_then(|r| r.resolve(symbol))
            .map_or_else(|| symbol.to_string(), |i| i.symbol.clone())
    }
}
