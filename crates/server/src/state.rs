//! The application state: [`AppState`], one immutable data snapshot with
//! the caches derived from it, and [`Live`], the snapshot in service, which
//! a reload swaps for a newer one.
//!
//! **Invariant:** a snapshot never changes; everything derived from it
//! (briefs, instrument pages, the data version) is cached in it without
//! invalidation. A request takes the snapshot in service when it starts
//! and uses that one to the end (its `x-data-version` header names it);
//! after a reload, requests already running finish on the old snapshot,
//! which is freed with the last of them.

use crate::cache::Cache;
use crate::error::ServerError;
use facts::Engine;
use model::{Date, Registry, Universe};
use std::sync::{Arc, RwLock};

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

/// One data snapshot and what is derived from it; cheaply clonable, handed
/// to every handler.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

/// The universe of a snapshot: borrowed for the whole process (tests, the
/// shared test universe) or shared (loaded from a store, freed with the
/// snapshot and its check workers).
#[derive(Debug, Clone)]
enum Snapshot {
    Static(&'static Universe),
    Shared(Arc<Universe>),
}

impl Snapshot {
    fn get(&self) -> &Universe {
        match self {
            Snapshot::Static(u) => u,
            Snapshot::Shared(u) => u,
        }
    }
}

/// Work for a check worker: runs with the worker's claim checker.
pub(crate) type CheckJob = Box<dyn FnOnce(&check::Checker<'_>) + Send>;

/// The snapshot's check workers: threads that each built one claim checker
/// (the registry's alias index) over the snapshot and take jobs from a
/// shared queue. They end when the snapshot is dropped (its sender goes).
#[derive(Debug)]
struct CheckWorkers {
    jobs: std::sync::mpsc::Sender<CheckJob>,
}

impl CheckWorkers {
    fn start(universe: &Snapshot, threads: usize) -> Result<CheckWorkers, String> {
        let (jobs, queue) = std::sync::mpsc::channel::<CheckJob>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for k in 0..threads.max(1) {
            let universe = universe.clone();
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("check-{k}"))
                .spawn(move || {
                    let checker = match check::Checker::new(universe.get()) {
                        Ok(c) => c,
                        Err(e) => {
                            tracing::error!(%e, "cannot build the claim checker");
                            return;
                        }
                    };
                    loop {
                        let job = {
                            let queue = queue
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            queue.recv()
                        };
                        let Ok(job) = job else { return };
                        // A panic in the checker is a bug; the job's answer
                        // channel is dropped (a 500) and the worker goes on.
                        let run = std::panic::AssertUnwindSafe(|| job(&checker));
                        if std::panic::catch_unwind(run).is_err() {
                            tracing::error!("a claim check panicked");
                        }
                    }
                })
                .map_err(|e| format!("cannot start a check worker: {e}"))?;
        }
        Ok(CheckWorkers { jobs })
    }
}

#[derive(Debug)]
struct Inner {
    universe: Snapshot,
    checkers: std::sync::OnceLock<Result<CheckWorkers, String>>,
    registry: Arc<Registry>,
    data_version: Arc<str>,
    briefs: Cache<BriefKey, BriefOutcome>,
    flags: Vec<store::Flag>,
    sources: Vec<crate::data::SourceStats>,
    instrument_pages: Cache<(String, &'static str), InstrumentPage>,
}

/// A rendered instrument page (title, body) or the client error it gave.
pub(crate) type InstrumentPage = Result<(Arc<str>, Arc<str>), crate::error::AppError>;

/// How many rendered instrument pages (symbol × range) are kept.
const INSTRUMENT_CACHE_ENTRIES: usize = 256;

impl AppState {
    /// Builds the state over a loaded universe and the store's data-quality
    /// flags. The universe is freed when the last clone of the state (and
    /// the last request using it) is gone.
    ///
    /// # Errors
    /// [`ServerError::Registry`] when the built-in instrument registry does
    /// not parse (a build defect, caught by the model crate's tests).
    pub fn new(universe: Universe, flags: Vec<store::Flag>) -> Result<AppState, ServerError> {
        AppState::build(Snapshot::Shared(Arc::new(universe)), flags)
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
        AppState::build(Snapshot::Static(universe), flags)
    }

    fn build(universe: Snapshot, flags: Vec<store::Flag>) -> Result<AppState, ServerError> {
        // The registry the store read the snapshot with (learnt and user
        // instruments included), else the built-in one.
        let registry = match &universe.get().registry {
            Some(reg) => reg.clone(),
            None => Arc::new(Registry::builtin().map_err(ServerError::Registry)?),
        };
        let data_version = data_version(&universe.get().sources).into();
        let sources = crate::data::source_stats(universe.get());
        Ok(AppState {
            inner: Arc::new(Inner {
                universe,
                checkers: std::sync::OnceLock::new(),
                registry,
                data_version,
                briefs: Cache::new(BRIEF_CACHE_ENTRIES),
                flags,
                sources,
                instrument_pages: Cache::new(INSTRUMENT_CACHE_ENTRIES),
            }),
        })
    }

    /// The data snapshot.
    pub fn universe(&self) -> &Universe {
        self.inner.universe.get()
    }

    /// The fact engine over the snapshot (cheap: a reference and the
    /// registry).
    pub fn engine(&self) -> Engine<'_> {
        Engine::with_shared_registry(self.universe(), self.inner.registry.clone())
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

    /// Runs `job` on one of the snapshot's check workers (started on first
    /// use, `threads` of them, each with its own claim checker built once).
    pub(crate) fn submit_check(&self, threads: usize, job: CheckJob) -> Result<(), String> {
        let workers = self
            .inner
            .checkers
            .get_or_init(|| CheckWorkers::start(&self.inner.universe, threads))
            .as_ref()
            .map_err(Clone::clone)?;
        workers
            .jobs
            .send(job)
            .map_err(|_| "the check workers stopped".to_string())
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
            self.universe()
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
        self.universe()
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
        .find_map(|f| self.universe().get(&symbol, f))
        .and_then(model::Series::last_date)
    }

    /// The last date in the snapshot, if it holds any data.
    pub(crate) fn latest_date(&self) -> Option<Date> {
        self.universe().last_date()
    }
}

/// The snapshot in service, swapped by a reload. Cloning shares it.
#[derive(Clone, Debug)]
pub struct Live {
    current: Arc<RwLock<AppState>>,
}

impl Live {
    /// Serves `state` until [`Live::replace`].
    pub fn new(state: AppState) -> Live {
        Live {
            current: Arc::new(RwLock::new(state)),
        }
    }

    /// The snapshot in service now.
    pub fn current(&self) -> AppState {
        // A panic cannot leave a half-written AppState behind (the write is
        // one assignment), so a poisoned lock is still good to read.
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Puts `state` in service; requests already running keep theirs.
    pub fn replace(&self, state: AppState) {
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = state;
    }
}

impl From<AppState> for Live {
    fn from(state: AppState) -> Live {
        Live::new(state)
    }
}

/// The data version of a set of sources: FNV-1a 64 over the sorted content
/// hashes, stable across runs and platforms, and cheap. It changes
/// whenever an imported file changes, and keys every cache.
pub fn data_version(sources: &[model::SourceInfo]) -> String {
    let mut hashes: Vec<&str> = sources.iter().map(|s| s.content_hash.as_str()).collect();
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
        assert_eq!(data_version(&a.sources), data_version(&b.sources));
        assert_ne!(data_version(&a.sources), data_version(&c.sources));
        // FNV-1a 64 of the empty input is the offset basis.
        assert_eq!(data_version(&[]), "cbf29ce484222325");
    }
}
