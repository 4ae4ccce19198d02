//! One sync run: plan each target's window from the store, fetch them
//! concurrently (bounded), refetch the whole history of a source whose
//! short fetch restated the past, and write every good fetch in one
//! transaction through the store's import path.
//!
//! **Windows.** A source never fetched: the whole history (or `--since`).
//! A stored source: from its last date less `overlap_sessions` NYSE
//! sessions, so that a changed recent close is seen; `--since` overrides.
//! When such a short fetch restates a stored value (a dividend changes
//! every earlier adjusted close; a split every earlier close), the source
//! is fetched again from its first stored date so that the new version is
//! whole, and the store archives the old version.
//!
//! **Failures.** A fetch that fails (after the retries its failure allows)
//! or whose body the store's readers refuse leaves its source as it was;
//! the error names the provider, the symbol, the status and the URL; the
//! other targets go on; [`SyncReport::partial`] says so (the CLI exits 3).

use crate::config::Config;
use crate::error::{FetchError, FetchErrorKind, SyncError};
use crate::http::{EventSink, Http, HttpEvent, HttpSettings};
use crate::provider::{Fetch, Provider, Target, Window};
use crate::{cboe, fred, french, stooq, yahoo};
use model::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use store::{FetchOptions, SourceChange, Store};

/// Options of one run.
#[derive(Clone)]
pub struct SyncOptions {
    /// First date to fetch for every target (overrides the incremental window).
    pub since: Option<Date>,
    /// The time of the run.
    pub now: SystemTime,
    /// Progress callback.
    pub progress: Option<ProgressSink>,
}

/// A callback for [`SyncEvent`]s.
pub type ProgressSink = Arc<dyn Fn(&SyncEvent) + Send + Sync>;

impl std::fmt::Debug for SyncOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncOptions")
            .field("since", &self.since)
            .field("now", &self.now)
            .finish()
    }
}

/// What a run reports while it works.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncEvent {
    /// Fetches about to start.
    Start {
        /// How many.
        targets: usize,
    },
    /// One fetch ended.
    Fetched {
        /// Provider.
        provider: &'static str,
        /// Our symbol.
        symbol: String,
        /// Whether it succeeded.
        ok: bool,
    },
    /// A retry (see [`HttpEvent::Retrying`]).
    Http(HttpEvent),
    /// Writing to the store.
    Writing,
}

/// What happened to one target.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Written (or found unchanged).
    Stored {
        /// New, extended, unchanged, restated.
        change: SourceChange,
        /// Observations added.
        added: usize,
        /// First and last added date.
        added_range: Option<(Date, Date)>,
        /// Stored values changed or left out by the provider.
        restated_count: usize,
        /// The first of them.
        restated: Vec<store::Restated>,
        /// Source version after the run.
        version: u32,
        /// Whether the whole history was fetched again after a restatement.
        refetched_whole: bool,
    },
    /// The provider had no rows in the window (nothing to store).
    Empty,
    /// The fetch failed; the source is as it was.
    Failed {
        /// Stable kind name.
        kind: String,
        /// HTTP status, if the provider answered.
        status: Option<u16>,
        /// The full message (provider, symbol, status, URL).
        message: String,
    },
    /// The store's readers refused the converted body; nothing written.
    Rejected {
        /// The reader's message.
        message: String,
    },
}

/// One target's line in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    /// Provider.
    pub provider: &'static str,
    /// Our symbol (or French dataset).
    pub symbol: String,
    /// The provider's symbol.
    pub remote: String,
    /// The stored source path.
    pub path: String,
    /// The first date asked for (`None`: the whole history).
    pub from: Option<Date>,
    /// Rows in the response.
    pub rows: usize,
    /// Requests made.
    pub attempts: u32,
    /// Dividends, splits, left-out bars.
    pub events: Vec<String>,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The report of a run.
#[derive(Debug, Clone, Serialize)]
pub struct SyncReport {
    /// One line per target, in the order asked.
    pub items: Vec<ItemReport>,
    /// Observations added over all sources.
    pub observations_added: usize,
    /// Instruments learnt or renamed from provider metadata.
    pub learnt: Vec<String>,
    /// Whether the store was written.
    pub written: bool,
    /// Whether some target failed or was rejected.
    pub partial: bool,
    /// Whether every target failed or was rejected.
    pub failed: bool,
}

/// The providers, built from the configuration.
pub struct Providers {
    by_id: HashMap<&'static str, Box<dyn Provider>>,
    enabled: HashMap<&'static str, bool>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers")
            .field("enabled", &self.enabled)
            .finish()
    }
}

impl Providers {
    /// Every provider with the configured base URLs and keys.
    pub fn from_config(cfg: &Config) -> Providers {
        let mut by_id: HashMap<&'static str, Box<dyn Provider>> = HashMap::new();
        by_id.insert(
            "yahoo",
            Box::new(yahoo::Yahoo {
                base: cfg.base_url("yahoo"),
            }),
        );
        by_id.insert(
            "fred",
            Box::new(fred::Fred {
                base: cfg.base_url("fred"),
                api_base: cfg.base_url("fred_api"),
                api_key: cfg.api_key("fred"),
                realtime: cfg.fred_realtime(),
            }),
        );
        by_id.insert(
            "french",
            Box::new(french::French {
                base: cfg.base_url("french"),
            }),
        );
        by_id.insert(
            "cboe",
            Box::new(cboe::Cboe {
                base: cfg.base_url("cboe"),
            }),
        );
        by_id.insert(
            "stooq",
            Box::new(stooq::Stooq {
                base: cfg.base_url("stooq"),
                api_key: cfg.api_key("stooq"),
            }),
        );
        let enabled = ["yahoo", "fred", "french", "cboe", "stooq"]
            .into_iter()
            .map(|id| (id, cfg.enabled(id)))
            .collect();
        Providers { by_id, enabled }
    }

    /// The provider with this id.
    pub fn get(&self, id: &str) -> Option<&dyn Provider> {
        self.by_id.get(id).map(AsRef::as_ref)
    }
}

/// The HTTP settings of a configuration.
pub fn http_settings(cfg: &Config, cache_dir: Option<std::path::PathBuf>) -> HttpSettings {
    HttpSettings {
        timeout: Duration::from_secs_f64(cfg.sync.timeout_secs),
        max_attempts: cfg.sync.max_attempts,
        backoff_base: Duration::from_millis(cfg.sync.backoff_ms),
        backoff_max: Duration::from_millis(cfg.sync.max_backoff_ms),
        max_body_bytes: cfg.sync.max_response_bytes,
        cache_dir: cfg.cache_dir.clone().or(cache_dir),
        ..HttpSettings::default()
    }
}

struct Job {
    target: Target,
    from: Option<Date>,
}

fn fetch_all(
    http: &Http,
    providers: &Providers,
    jobs: &[Job],
    now: SystemTime,
    concurrency: usize,
    progress: Option<&(dyn Fn(&SyncEvent) + Send + Sync)>,
) -> Vec<Result<Fetch, FetchError>> {
    let slots: Vec<Mutex<Option<Result<Fetch, FetchError>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = concurrency.clamp(1, 64).min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let t = &job.target;
                let result = match providers.get(t.provider) {
                    _ if !providers.enabled.get(t.provider).copied().unwrap_or(true) => {
                        Err(FetchError {
                            provider: t.provider.to_string(),
                            symbol: t.stored.clone(),
                            url: None,
                            attempts: 0,
                            kind: FetchErrorKind::Disabled,
                        })
                    }
                    Some(p) => p.fetch(
                        http,
                        t,
                        &Window {
                            from: job.from,
                            now,
                        },
                    ),
                    None => Err(FetchError {
                        provider: t.provider.to_string(),
                        symbol: t.stored.clone(),
                        url: None,
                        attempts: 0,
                        kind: FetchErrorKind::Unsupported("no such provider".into()),
                    }),
                };
                if let Some(p) = progress {
                    p(&SyncEvent::Fetched {
                        provider: t.provider,
                        symbol: t.stored.clone(),
                        ok: result.is_ok(),
                    });
                }
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(jobs)
        .map(|(slot, job)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(FetchError {
                    provider: job.target.provider.to_string(),
                    symbol: job.target.stored.clone(),
                    url: None,
                    attempts: 0,
                    kind: FetchErrorKind::Connection("the fetching thread stopped".into()),
                })
            })
        })
        .collect()
}

/// `n` NYSE sessions before `date`.
fn sessions_before(date: Date, n: u32) -> Date {
    (0..n).fold(date, |d, _| model::calendar::prev_session(d))
}

/// Runs one sync of `targets` into `store`.
///
/// # Errors
/// [`SyncError::Store`] when the store cannot be read or written (then
/// nothing was written). Failed fetches are not errors: they are in the
/// report.
pub fn run(
    store: &mut Store,
    targets: &[Target],
    cfg: &Config,
    cache_dir: Option<std::path::PathBuf>,
    opts: &SyncOptions,
) -> Result<SyncReport, SyncError> {
    let providers = Providers::from_config(cfg);
    let sink: Option<EventSink> = opts.progress.clone().map(|p| {
        let sink: EventSink = Arc::new(move |e: &HttpEvent| p(&SyncEvent::Http(e.clone())));
        sink
    });
    let intervals = ["yahoo", "fred", "french", "cboe", "stooq"]
        .into_iter()
        .map(|id| (id, cfg.min_interval(id)))
        .collect();
    let http = Http::new(http_settings(cfg, cache_dir), intervals, sink);
    let progress = opts.progress.as_deref();

    // One job per stored source, in the order asked.
    let mut jobs: Vec<Job> = Vec::new();
    let mut summaries = Vec::new();
    for t in targets {
        let Some(provider) = providers.get(t.provider) else {
            continue;
        };
        let path = provider.source_path(&t.stored);
        if jobs.iter().any(|j| {
            j.target.provider == t.provider
                && providers
                    .get(j.target.provider)
                    .map(|p| p.source_path(&j.target.stored))
                    == Some(path.clone())
        }) {
            continue;
        }
        let summary = store.source_summary(&path)?;
        let from = if provider.whole_history() {
            None
        } else {
            opts.since.or_else(|| {
                summary
                    .as_ref()
                    .and_then(|s| s.last)
                    .map(|last| sessions_before(last, cfg.sync.overlap_sessions))
            })
        };
        jobs.push(Job {
            target: t.clone(),
            from,
        });
        summaries.push(summary);
    }
    if let Some(p) = progress {
        p(&SyncEvent::Start {
            targets: jobs.len(),
        });
    }
    let mut results = fetch_all(
        &http,
        &providers,
        &jobs,
        opts.now,
        cfg.sync.concurrency,
        progress,
    );

    // A short fetch that restates the past: fetch the whole history again.
    let fetch_opts = FetchOptions::default();
    let mut again: Vec<(usize, Job)> = Vec::new();
    for (i, (job, result)) in jobs.iter().zip(&results).enumerate() {
        let (Ok(fetch), Some(summary)) = (result, &summaries[i]) else {
            continue;
        };
        let starts_later = match (job.from, summary.first) {
            (Some(from), Some(first)) => from > first,
            _ => false,
        };
        if !starts_later || fetch.rows == 0 {
            continue;
        }
        if let Ok(diff) = store.diff_fetched(&fetch.fetched, &fetch_opts) {
            if diff.restated_count > 0 {
                again.push((
                    i,
                    Job {
                        target: job.target.clone(),
                        from: if opts.since.is_some() {
                            opts.since
                        } else {
                            summary.first
                        },
                    },
                ));
            }
        }
    }
    let mut refetched = vec![false; jobs.len()];
    if !again.is_empty() {
        let again_jobs: Vec<Job> = again
            .iter()
            .map(|(_, j)| Job {
                target: j.target.clone(),
                from: j.from,
            })
            .collect();
        let second = fetch_all(
            &http,
            &providers,
            &again_jobs,
            opts.now,
            cfg.sync.concurrency,
            progress,
        );
        for ((i, job), result) in again.into_iter().zip(second) {
            jobs[i].from = job.from;
            refetched[i] = true;
            results[i] = result;
        }
    }

    // Write every good, non-empty fetch in one transaction.
    let mut batch = Vec::new();
    for f in results.iter().flatten() {
        if f.rows > 0 {
            batch.push(f.fetched.clone());
        }
    }
    let applied = if batch.is_empty() {
        None
    } else {
        if let Some(p) = progress {
            p(&SyncEvent::Writing);
        }
        Some(store.apply_fetched(batch, &fetch_opts)?)
    };

    let mut report = SyncReport {
        items: Vec::new(),
        observations_added: applied.as_ref().map_or(0, |a| a.observations_added),
        learnt: applied.as_ref().map_or_else(Vec::new, |a| {
            a.learnt
                .iter()
                .map(|l| l.instrument.symbol.clone())
                .collect()
        }),
        written: applied.as_ref().is_some_and(|a| a.rebuilt),
        partial: false,
        failed: false,
    };
    let mut n_bad = 0;
    for (i, (job, result)) in jobs.iter().zip(results).enumerate() {
        let t = &job.target;
        let path = providers
            .get(t.provider)
            .map_or_else(String::new, |p| p.source_path(&t.stored));
        let (rows, attempts, events, outcome) = match result {
            Err(e) => (
                0,
                e.attempts,
                Vec::new(),
                Outcome::Failed {
                    kind: e.kind_name().to_string(),
                    status: e.status(),
                    message: e.to_string(),
                },
            ),
            Ok(f) if f.rows == 0 => (0, f.attempts, f.events, Outcome::Empty),
            Ok(f) => {
                let applied = applied.as_ref();
                let rejected = applied.and_then(|a| a.rejected.iter().find(|(p, _)| *p == path));
                let stored = applied.and_then(|a| a.sources.iter().find(|s| s.path == path));
                let outcome = match (rejected, stored) {
                    (Some((_, e)), _) => Outcome::Rejected {
                        message: e.to_string(),
                    },
                    (None, Some(s)) => Outcome::Stored {
                        change: s.change,
                        added: s.diff.added,
                        added_range: s.diff.added_range,
                        restated_count: s.diff.restated_count,
                        restated: s.diff.restated.clone(),
                        version: s.version,
                        refetched_whole: refetched[i],
                    },
                    (None, None) => Outcome::Empty,
                };
                (f.rows, f.attempts, f.events, outcome)
            }
        };
        if matches!(outcome, Outcome::Failed { .. } | Outcome::Rejected { .. }) {
            n_bad += 1;
        }
        report.items.push(ItemReport {
            provider: t.provider,
            symbol: t.stored.clone(),
            remote: t.remote.clone(),
            path,
            from: job.from,
            rows,
            attempts,
            events,
            outcome,
        });
    }
    report.partial = n_bad > 0;
    report.failed = n_bad > 0 && n_bad == report.items.len();
    Ok(report)
}
