//! The shared application state: an immutable data snapshot, the fact
//! engine over it, and the cache of computed briefs.
//!
//! **Invariant:** the snapshot never changes while the server runs, so
//! everything derived from it (briefs, the data version) can be cached
//! without invalidation. A new import means a new process.

use crate::cache::Cache;
use crate::error::ServerError;
use facts::Engine;
use model::{Date, Registry, Universe};
use std::sync::{Arc, OnceLock};

/// How many computed briefs are kept in memory (one per requested date).
pub const BRIEF_CACHE_ENTRIES: usize = 64;

/// One entry of the brief cache: the pre-serialised JSON and the HTML body
/// fragment, so that a cached request does no work beyond a lookup.
#[derive(Debug, Clone)]
pub(crate) struct RenderedBrief {
    /// The date the brief is written for.
    pub(crate) date: Date,
    /// The title, for the page `<title>`.
    pub(crate) title: String,
    /// JSON as the CLI's `--format json` prints it.
    pub(crate) json: axum::body::Bytes,
    /// HTML fragment for the page body.
    pub(crate) html: Arc<str>,
}

/// Key of the brief cache: the requested date (`None` = latest) and the data
/// version the brief was computed from.
pub(crate) type BriefKey = (Option<Date>, Arc<str>);

/// A cached brief outcome: a rendered brief, or the client error it gave.
pub(crate) type BriefOutcome = Result<Arc<RenderedBrief>, crate::error::AppError>;

/// Shared, cheaply clonable state handed to every handler.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    universe: &'static Universe,
    engine: Engine<'static>,
    registry: Registry,
    data_version: Arc<str>,
    briefs: Cache<BriefKey, BriefOutcome>,
    flags: Vec<store::Flag>,
    sources: Vec<crate::data::SourceStats>,
    checker: OnceLock<Result<check::Checker<'static>, String>>,
    instrument_pages: Cache<(String, &'static str), InstrumentPage>,
}

/// A rendered instrument page (title, body) or the client error it gave.
pub(crate) type InstrumentPage = Result<(Arc<str>, Arc<str>), crate::error::AppError>;

/// How many rendered instrument pages (symbol × range) are kept.
const INSTRUMENT_CACHE_ENTRIES: usize = 256;

impl AppState {
    /// Builds the state over a loaded universe and the store's data-quality
    /// flags.
    ///
    /// The universe is moved into a snapshot that lives for the rest of the
    /// process (it is leaked on purpose: the server serves one snapshot until
    /// it exits, and handlers borrow it without reference counting).
    ///
    /// # Errors
    /// [`ServerError::Registry`] when the built-in instrument registry does
    /// not parse (a build defect, caught by the model crate's tests).
    pub fn new(universe: Universe, flags: Vec<store::Flag>) -> Result<AppState, ServerError> {
        AppState::from_static(Box::leak(Box::new(universe)), flags)
    }

    /// Builds the state over a universe that already lives for the whole
    /// process, e.g. the store's shared test universe.
    ///
    /// # Errors
    /// As [`AppState::new`].
    pub fn from_static(
        universe: &'static Universe,
        flags: Vec<store::Flag>,
    ) -> Result<AppState, ServerError> {
        let registry = Registry::builtin().map_err(ServerError::Registry)?;
        let engine = Engine::with_registry(universe, registry.clone());
        let data_version = data_version(universe).into();
        Ok(AppState {
            inner: Arc::new(Inner {
                universe,
                engine,
                registry,
                data_version,
                briefs: Cache::new(BRIEF_CACHE_ENTRIES),
                flags,
                sources: crate::data::source_stats(universe),
                checker: OnceLock::new(),
                instrument_pages: Cache::new(INSTRUMENT_CACHE_ENTRIES),
            }),
        })
    }

    /// The data snapshot.
    pub fn universe(&self) -> &'static Universe {
        self.inner.universe
    }

    /// The fact engine over the snapshot.
    pub fn engine(&self) -> &Engine<'static> {
        &self.inner.engine
    }

    /// The instrument registry.
    pub fn registry(&self) -> &Registry {
        &self.inner.registry
    }

    /// Hex digest of the sources' content hashes: changes whenever any
    /// imported file changes, and keys every cache.
    pub fn data_version(&self) -> &str {
        &self.inner.data_version
    }

    pub(crate) fn data_version_arc(&self) -> Arc<str> {
        self.inner.data_version.clone()
    }

    pub(crate) fn briefs(&self) -> &Cache<BriefKey, BriefOutcome> {
        &self.inner.briefs
    }

    pub(crate) fn source_stats(&self) -> &[crate::data::SourceStats] {
        &self.inner.sources
    }

    pub(crate) fn instrument_pages(&self) -> &Cache<(String, &'static str), InstrumentPage> {
        &self.inner.instrument_pages
    }

    /// The claim checker over the snapshot, built on first use (it indexes
    /// the registry's aliases once).
    pub(crate) fn checker(&self) -> Result<&check::Checker<'static>, String> {
        self.inner
            .checker
            .get_or_init(|| check::Checker::new(self.inner.universe).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The store's data-quality flags.
    pub fn flags(&self) -> &[store::Flag] {
        &self.inner.flags
    }

    /// Resolves what a client typed (a symbol or an alias such as "SPX" or
    /// "small caps") to a canonical symbol that has data in the snapshot.
    pub(crate) fn resolve_symbol(&self, text: &str) -> Option<String> {
        let text = text.trim();
        let has_data = |symbol: &str| {
            self.inner
                .universe
                .series
                .range(model::SeriesKey::new(symbol, model::Field::Open)..)
                .next()
                .is_some_and(|(k, _)| k.instrument == symbol)
        };
        if has_data(text) {
            return Some(text.to_string());
        }
        let upper = text.to_uppercase();
        if has_data(&upper) {
            return Some(upper);
        }
        let caret = format!("^{upper}");
        if has_data(&caret) {
            return Some(caret);
        }
        self.inner
            .registry
            .resolve(text)
            .map(|i| i.symbol.clone())
            .filter(|s| has_data(s))
    }

    /// The date questions are asked as of by default: the last S&P 500
    /// close (the latest equity session), else the last date of any series.
    pub(crate) fn default_as_of(&self) -> Option<Date> {
        self.inner
            .universe
            .get("^GSPC", model::Field::Close)
            .and_then(model::Series::last_date)
            .or_else(|| self.latest_date())
    }

    /// The last date of `symbol`'s price series (as the fact engine picks
    /// it), when the symbol resolves.
    pub(crate) fn last_date_of(&self, symbol: &str) -> Option<Date> {
        let symbol = self.resolve_symbol(symbol)?;
        [
            model::Field::Close,
            model::Field::AdjClose,
            model::Field::Value,
            model::Field::ReturnPct,
        ]
        .into_iter()
        .find_map(|f| self.inner.universe.get(&symbol, f))
        .and_then(model::Series::last_date)
    }

    /// The last date in the snapshot, if it holds any data.
    pub(crate) fn latest_date(&self) -> Option<Date> {
        self.inner.universe.last_date()
    }
}

/// FNV-1a 64 over the sorted content hashes: stable across runs and
/// platforms, and cheap; collisions only cost a stale cache entry in a new
/// process, which never happens since the cache is in memory.
fn data_version(universe: &Universe) -> String {
    let mut hashes: Vec<&str> = universe
        .sources
        .iter()
        .map(|s| s.content_hash.as_str())
        .collect();
    hashes.sort_unstable();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for text in hashes {
        for b in text.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{SourceId, SourceInfo};

    fn source(id: u32, hash: &str) -> SourceInfo {
        SourceInfo {
            id: SourceId(id),
            path: format!("f{id}.csv"),
            content_hash: hash.to_string(),
            origin: None,
        }
    }

    #[test]
    fn data_version_ignores_source_order_and_tracks_content() {
        let a = Universe {
            sources: vec![source(0, "aa"), source(1, "bb")],
            ..Universe::default()
        };
        let b = Universe {
            sources: vec![source(1, "bb"), source(0, "aa")],
            ..Universe::default()
        };
        let c = Universe {
            sources: vec![source(0, "aa"), source(1, "bc")],
            ..Universe::default()
        };
        assert_eq!(data_version(&a), data_version(&b));
        assert_ne!(data_version(&a), data_version(&c));
        // FNV-1a 64 of the empty input is the offset basis.
        assert_eq!(data_version(&Universe::default()), "cbf29ce484222325");
    }
}
