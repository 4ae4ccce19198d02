//! The market scan: for every series, as of its last date, the figures a
//! daily note starts from, computed in one fused pass per series and ranked
//! by rarity.
//!
//! Per series ([`Metrics`]): 1-day, 1-month (21 sessions) and year-to-date
//! returns; the current up/down streak and the relative streak against a
//! benchmark, each with "longest since"; the record-close flag and the
//! sessions since the last record close; the drawdown from the running peak;
//! 20-day volatility (sample standard deviation of daily returns, not
//! annualised); and the gap to the 200-day simple moving average. The
//! definitions are the ones in DESIGN.md "Definitions"; the exact choices the
//! contract leaves open are documented on each field of [`Metrics`].
//!
//! The kernels are pure functions over slices ([`scan_one`]); [`scan_all`]
//! runs them over many series on a few threads (`std::thread::scope`), and
//! [`rank()`] orders the results by [`rarity`]. [`reference`](mod@reference) holds the slow,
//! obviously-correct per-metric implementations the fused kernel is tested
//! against, and [`synth`] the seeded synthetic universe used for the
//! benchmarks in `bench/`. [`universe`] scans a whole [`model::Universe`]
//! (the daily index, ETF and synthetic closes of the store, against the
//! S&P 500) and turns each ranked row into cited [`model::Fact`]s.

mod kernel;
pub mod rank;
pub mod reference;
pub mod synth;
pub mod universe;

pub use kernel::{
    scan_all, scan_one, Benchmark, Metrics, SeriesRef, Streak, MONTH_SESSIONS, SMA_SESSIONS,
    VOLATILITY_SESSIONS,
};
pub use rank::{
    rank, rarity, rarity_with, rarity_with_min_history, Rarity, MIN_HISTORY_SESSIONS,
    SHORT_HISTORY_NOTE,
};
