//! The marketproof web app and JSON API.
//!
//! [`app`] builds the axum [`Router`](axum::Router) over an [`AppState`] (an
//! in-memory snapshot of the store, the fact engine over it, and a cache of
//! computed briefs); [`serve`] binds it to an address and runs it until
//! ctrl-c or SIGTERM, finishing in-flight requests first. [`run`] also
//! watches the store and swaps in a new snapshot when an import changes
//! its data version ([`Live`]).
//!
//! **Architecture invariants:**
//! - Only this crate knows HTTP. Handlers translate requests into the same
//!   calls the CLI makes (`facts::Engine::fact`, the brief writer, the claim
//!   checker, the planner) and render their results; no market figure is computed
//!   here that a Fact did not produce (charts draw stored observations;
//!   their value axes carry round scale marks, not figures).
//! - A data snapshot is immutable; a request uses the one in service when it
//!   starts, and every response names it (`x-data-version`). Slow work
//!   runs off the async workers: briefs and questions on the blocking pool,
//!   claim checks on the snapshot's check workers, which stop at the
//!   request's deadline ([`config`]).
//! - Bounded ([`config`]; `conn.rs`): connections, header time, idle
//!   time, request time, bodies, request targets, claims and report size.
//! - A web page cannot make the server work: a cross-site `POST` is
//!   refused (`Sec-Fetch-Site`, `Origin`), and an API body a page could send
//!   without a CORS preflight (`text/plain`, a form) needs the
//!   `x-marketproof` header.
//! - Nothing is served from the filesystem: the stylesheet and script are
//!   compiled in.
//! - Every echoed string is escaped; every error a client can cause is a 4xx
//!   with a message saying what to fix; a 5xx body never carries detail.
//!
//! Pages: `/` (latest brief), `/brief/{date}`, `/brief?date=`, `/instruments`,
//! `/instrument/{symbol}`, `/check`, `/ask`, `/sources`, `/methods`. API
//! under `/api/v1`, documented by the OpenAPI document at
//! `/api/v1/openapi.json`.

mod ask;
mod assets;
mod brief;
mod cache;
mod chart;
mod check;
pub mod config;
mod conn;
mod data;
mod error;
mod fact;
mod html;
mod markdown;
mod methods;
mod middleware;
mod openapi;
mod state;
#[cfg(test)]
mod tests;

pub use config::{CheckLimits, ServeConfig};
pub use error::ServerError;
pub use middleware::{
    CLIENT_HEADER, DATA_VERSION_HEADER, MAX_BODY_BYTES, MAX_QUERY_BYTES, MAX_URI_BYTES,
    REQUEST_TIMEOUT,
};
pub use state::{data_version, AppState, Live, BRIEF_CACHE_ENTRIES};

use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};

/// The default listening address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Every API route as `(method, path)` in OpenAPI path syntax. The OpenAPI
/// document must describe each of them (checked by a test).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/health"),
    ("post", "/api/v1/ask"),
    ("get", "/api/v1/brief"),
    ("post", "/api/v1/check"),
    ("get", "/api/v1/instruments"),
    ("get", "/api/v1/series/{symbol}"),
    ("get", "/api/v1/sources"),
    ("get", "/api/v1/fact"),
    ("post", "/api/v1/fact"),
    ("get", "/api/v1/openapi.json"),
];

/// Builds the application over one snapshot with the default limits:
/// pages, API, static assets and middleware.
pub fn app(state: AppState) -> Router {
    app_with(Live::new(state), &ServeConfig::default())
}

/// Builds the application over the snapshot in service in `live`.
pub fn app_with(live: Live, config: &ServeConfig) -> Router {
    let api = Router::new()
        .route("/health", get(data::api_health))
        .route("/brief", get(brief::api))
        .route("/ask", post(ask::api))
        .route("/check", post(check::api))
        .route("/instruments", get(data::api_instruments))
        .route("/series/{symbol}", get(data::api_series))
        .route("/sources", get(data::api_sources))
        .route("/fact", get(fact::api_fact_get).post(fact::api_fact_post))
        .route("/openapi.json", get(openapi::document));

    let pages = Router::new()
        .route("/", get(brief::latest_page))
        .route("/brief", get(brief::pick_page))
        .route("/brief/{date}", get(brief::dated_page))
        .route("/instruments", get(data::instruments_page))
        .route("/instrument/{symbol}", get(data::instrument_page))
        .route("/check", get(check::form_page).post(check::submit_page))
        .route("/ask", get(ask::get_page).post(ask::post_page))
        .route("/sources", get(data::sources_page))
        .route("/methods", get(methods::page))
        .route("/static/style.css", get(assets::style))
        .route("/static/app.js", get(assets::script));

    let gate = Arc::new(check::Gate::new(config));
    // Outermost: every response, errors included, names the snapshot used.
    with_layers(
        pages.nest("/api/v1", api).layer(axum::Extension(gate)),
        config.request_timeout,
    )
    .layer(axum::middleware::from_fn_with_state(
        live,
        middleware::snapshot,
    ))
}

/// Wraps routes in the middleware stack, from the outside in: request logs,
/// security headers and error rendering, the request-target limit, the
/// cross-site guard, the timeout, the body limit, and the panic backstop.
fn with_layers(router: Router, timeout: std::time::Duration) -> Router {
    router
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(axum::middleware::from_fn(middleware::guard_cross_site))
        .layer(axum::middleware::from_fn(middleware::limit_uri))
        .layer(axum::middleware::from_fn(middleware::finish))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
}

/// Reads one consistent snapshot of the store (read-only, in one read
/// transaction, so an import committing meanwhile is seen whole or not at
/// all).
fn read_snapshot(store: &store::Store) -> Result<AppState, ServerError> {
    let (universe, flags) = store.load_snapshot()?;
    AppState::new(universe, flags)
}

/// Loads the store at `path` into a snapshot (universe and quality flags)
/// on the blocking pool, so it may be called from async code.
///
/// # Errors
/// [`ServerError::NoStore`] when `path` does not exist (the store is never
/// created here), [`ServerError::Store`] when it cannot be read.
pub async fn load(path: &std::path::Path) -> Result<AppState, ServerError> {
    if !path.is_file() {
        return Err(ServerError::NoStore {
            path: path.to_path_buf(),
        });
    }
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || read_snapshot(&store::Store::open_read_only(&path)?))
        .await
        .map_err(|e| ServerError::Load(e.to_string()))?
}

/// Serves [`app`] on `addr` with the default limits and no reload until
/// ctrl-c or SIGTERM, then stops accepting connections and lets in-flight
/// requests finish.
///
/// # Errors
/// [`ServerError::Bind`] when the address cannot be bound.
pub async fn serve(state: AppState, addr: SocketAddr) -> Result<(), ServerError> {
    let config = ServeConfig {
        reload_interval: None,
        ..ServeConfig::default()
    };
    serve_with(Live::new(state), addr, config, None, shutdown_signal()).await
}

/// Serves `live` on `addr` within `config`'s limits until `shutdown`
/// resolves. With a `store` path and a reload interval, the store is
/// looked at every interval and a newer data version is loaded and put in
/// service (requests running keep theirs).
///
/// # Errors
/// [`ServerError::Bind`] when the address cannot be bound.
pub async fn serve_with(
    live: Live,
    addr: SocketAddr,
    config: ServeConfig,
    store: Option<std::path::PathBuf>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    serve_listener(live, listener, config, store, shutdown).await
}

/// As [`serve_with`] on a bound listener (tests bind port 0 first).
///
/// # Errors
/// None today; the `Result` leaves room for serve-time failures.
pub async fn serve_listener(
    live: Live,
    listener: tokio::net::TcpListener,
    config: ServeConfig,
    store: Option<std::path::PathBuf>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServerError> {
    let local = listener
        .local_addr()
        .map_or_else(|_| "?".to_string(), |a| a.to_string());
    let current = live.current();
    tracing::info!(
        addr = %local,
        data_version = current.data_version(),
        series = current.universe().series.len(),
        max_connections = config.max_connections,
        header_read_timeout_s = config.header_read_timeout.as_secs_f64(),
        idle_timeout_s = config.idle_timeout.as_secs_f64(),
        "marketproof listening on http://{local}/"
    );
    drop(current);
    let (stop, _) = tokio::sync::watch::channel(false);
    if let (Some(path), Some(every)) = (store, config.reload_interval) {
        tokio::spawn(watch_store(live.clone(), path, every, stop.subscribe()));
    }
    let router = app_with(live, &config);
    conn::accept_loop(listener, router, &config, shutdown, stop).await;
    tracing::info!("server stopped");
    Ok(())
}

/// Looks at the store every `every`; loads and serves a newer data version.
async fn watch_store(
    live: Live,
    path: std::path::PathBuf,
    every: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticker.tick().await;
    let mut held: Option<store::Store> = None;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stop.changed() => return,
        }
        let serving = live.current().data_version().to_string();
        let path_now = path.clone();
        let store = held.take();
        let looked = tokio::task::spawn_blocking(move || {
            let store = match store {
                Some(s) => s,
                None => store::Store::open_read_only(&path_now)?,
            };
            let version = data_version(&store.sources()?);
            let fresh = if version == serving {
                None
            } else {
                Some(read_snapshot(&store)?)
            };
            Ok::<_, ServerError>((store, fresh))
        })
        .await;
        match looked {
            Ok(Ok((store, fresh))) => {
                held = Some(store);
                if let Some(state) = fresh {
                    tracing::info!(
                        from = %live.current().data_version(),
                        to = %state.data_version(),
                        series = state.universe().series.len(),
                        "the store changed: serving the new data version"
                    );
                    live.replace(state);
                }
            }
            Ok(Err(err)) => {
                tracing::warn!(%err, "cannot look at the store; still serving the loaded data");
            }
            Err(err) => tracing::warn!(%err, "the store watcher failed; still serving"),
        }
    }
}

/// For a synchronous caller (the CLI): builds a multi-threaded runtime,
/// loads the store at `store_path` and serves it on `addr` within
/// `config` (reloading it when it changes) until ctrl-c or SIGTERM.
///
/// # Errors
/// As [`load`] and [`serve_with`]; [`ServerError::Serve`] when the runtime
/// cannot start.
pub fn run(
    store_path: &std::path::Path,
    addr: SocketAddr,
    config: &ServeConfig,
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Serve)?;
    runtime.block_on(async {
        let state = load(store_path).await?;
        serve_with(
            Live::new(state),
            addr,
            config.clone(),
            Some(store_path.to_path_buf()),
            shutdown_signal(),
        )
        .await
    })
}

/// Resolves on ctrl-c or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(%err, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}

/// Installs a plain-text log subscriber on stderr. The level comes from
/// `RUST_LOG` when it is a bare level (`error`, `warn`, `info`, `debug`,
/// `trace`), else `info`. Does nothing if a subscriber is already set.
pub fn init_logging() {
    let level = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.parse::<tracing_subscriber::filter::LevelFilter>().ok())
        .unwrap_or(tracing_subscriber::filter::LevelFilter::INFO);
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
