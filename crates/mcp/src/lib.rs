//! marketproof for AI assistants: a Model Context Protocol server over stdio
//! (`marketproof mcp`), built on the official Rust SDK, `rmcp`.
//!
//! An assistant that connects gets tools whose every number is a cited
//! [`model::Fact`]: `query` (the query algebra, subject × measure × window ×
//! reducer), `fact` (the named [`model::Query`] kinds), `series`,
//! `instruments`, `sources`, `check` (claims in any text, judged against
//! the data), `ask` (a question → plan → cited answer or a refusal) and
//! `brief` (the day's article); and resources: the day's brief and the
//! methods document.
//!
//! The tools themselves ([`tools`]) are plain functions of a [`State`] and a
//! JSON argument object, so they are tested without a transport; [`server`]
//! only adapts them to MCP.
//!
//! **Architecture invariants:** no file or network I/O but stdin/stdout; the
//! universe is an immutable snapshot loaded once by the caller; a bad
//! argument is an error result that says what is wrong, never a panic (a
//! panic inside a tool is caught and reported as an internal error); every
//! output is bounded ([`limit`]).

pub mod limit;
mod schema;
pub mod server;
pub mod tools;

pub use server::serve_stdio;
pub use tools::{call, definitions, ToolDef, ToolError, ToolOutput};

use model::{Date, Field, Registry, Universe};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum McpError {
    /// The built-in instrument registry does not parse (a build defect).
    #[error("instrument registry: {0}")]
    Registry(String),
    /// The async runtime could not start.
    #[error("starting the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    /// The MCP session failed (initialisation or transport).
    #[error("MCP session: {0}")]
    Session(String),
}

/// The `docs/methods.md` text as it was at build time (empty when absent).
pub const METHODS_MD: &str = include_str!(concat!(env!("OUT_DIR"), "/methods.md"));

/// What every tool reads: one immutable snapshot of the store.
///
/// **Invariant:** it never changes while the server runs (a new import means
/// a new process), so the checker and briefs built from it can be cached.
#[derive(Debug)]
pub struct State {
    universe: &'static Universe,
    registry: Registry,
    flag_counts: BTreeMap<(String, Field), usize>,
    latest: Option<Date>,
    checker: OnceLock<Result<check::Checker<'static>, String>>,
}

impl State {
    /// Builds the state over a loaded universe and the store's data-quality
    /// flags. The universe is leaked on purpose: the server serves one
    /// snapshot until the process exits, and tools borrow it freely.
    ///
    /// # Errors
    /// [`McpError::Registry`] when the built-in registry does not parse.
    pub fn new(universe: Universe, flags: &[store::Flag]) -> Result<State, McpError> {
        State::from_static(Box::leak(Box::new(universe)), flags)
    }

    /// Builds the state over a universe that lives for the whole process
    /// (e.g. the store's shared test universe).
    ///
    /// # Errors
    /// [`McpError::Registry`] when the built-in registry does not parse.
    pub fn from_static(
        universe: &'static Universe,
        flags: &[store::Flag],
    ) -> Result<State, McpError> {
        let registry = Registry::builtin().map_err(|e| McpError::Registry(e.to_string()))?;
        let mut flag_counts = BTreeMap::new();
        for f in flags {
            *flag_counts
                .entry((f.instrument.clone(), f.field))
                .or_insert(0) += 1;
        }
        let latest = universe
            .get("^GSPC", Field::Close)
            .and_then(|s| s.last_date())
            .or_else(|| universe.last_date());
        Ok(State {
            universe,
            registry,
            flag_counts,
            latest,
            checker: OnceLock::new(),
        })
    }

    /// The universe.
    pub fn universe(&self) -> &'static Universe {
        self.universe
    }

    /// The instrument registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The latest session in the store (the last S&P 500 close, else the
    /// last date of any series): the default as-of date.
    pub fn latest(&self) -> Option<Date> {
        self.latest
    }

    /// The claim checker over the snapshot, built on first use.
    pub(crate) fn checker(&self) -> Result<&check::Checker<'static>, String> {
        self.checker
            .get_or_init(|| check::Checker::new(self.universe).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Quality flags counted per series.
    pub(crate) fn flag_count(&self, instrument: &str, field: Field) -> usize {
        self.flag_counts
            .get(&(instrument.to_string(), field))
            .copied()
            .unwrap_or(0)
    }
}
