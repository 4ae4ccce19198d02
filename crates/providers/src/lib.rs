//! Fresh data from public providers into the store (`marketproof sync`).
//!
//! Each provider is a small module behind one trait ([`Provider`]), its
//! request and response formats documented in the module:
//! [`yahoo`] (the chart API: OHLCV, adjusted closes, dividends, splits),
//! [`fred`] (`fredgraph.csv` without a key, the API with `FRED_API_KEY`,
//! real-time periods), [`french`] (Ken French's zips), [`cboe`] (the VIX
//! history CSV), [`stooq`] (only with a key). [`http`] is what they share:
//! timeouts, bounded bodies, retries with backoff and jitter on transient
//! failures only, a polite interval per provider, an on-disk cache
//! revalidated with `ETag` / `Last-Modified`. [`plan`] maps a symbol to the
//! provider that has it, [`sync`] runs a whole sync into the store, and
//! [`config`] reads the configuration file. [`testing`] is the loopback
//! replay server the tests and the benchmark use.
//!
//! **Architecture invariant:** a provider never writes to the store: it
//! converts a response into a CSV the store's readers know, with its
//! [`store::Provenance`], and the store reads, checks, merges and writes it
//! through its import path, all or nothing. Only this crate (and the
//! server, for its own socket) speaks HTTP.

pub mod cboe;
pub mod config;
pub mod error;
pub mod fred;
pub mod french;
pub mod http;
pub mod plan;
pub mod provider;
pub mod stooq;
pub mod sync;
pub mod testing;
pub mod yahoo;

pub use config::Config;
pub use error::{FetchError, FetchErrorKind, SyncError};
pub use provider::{Fetch, Provider, Target, Window};
pub use sync::{run, ItemReport, Outcome, SyncEvent, SyncOptions, SyncReport};
