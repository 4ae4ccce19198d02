//! The marketproof web app and JSON API.
//!
//! [`app`] builds the axum [`Router`](axum::Router) over an [`AppState`] (an
//! in-memory snapshot of the store, the fact engine over it, and a cache of
//! computed briefs); [`serve`] binds it to an address and runs it until
//! ctrl-c or SIGTERM, finishing in-flight requests first.
//!
//! **Architecture invariants:**
//! - Only this crate knows HTTP. Handlers translate requests into the same
//!   calls the CLI makes (`facts::Engine::fact`, the brief writer, the claim
//!   checker, the planner) and render their results; no market figure is computed
//!   here that a Fact did not produce (charts draw stored observations;
//!   their value axes carry round scale marks, not figures).
//! - The data snapshot is immutable; slow work (writing a brief) runs on the
//!   blocking pool, never on the async workers.
//! - Nothing is served from the filesystem: the stylesheet and script are
//!   compiled in.
//! - Every echoed string is escaped; every error a client can cause is a 4xx
//!   with a message saying what to fix; a 5xx body never carries detail.
//!
//! Pages: `/` (latest brief), `/brief/{date}`, `/instruments`,
//! `/instrument/{symbol}`, `/check`, `/ask`, `/sources`, `/methods`. API
//! under `/api/v1`, documented by the OpenAPI document at
//! `/api/v1/openapi.json`.

mod ask;
mod assets;
mod brief;
mod cache;
mod chart;
mod check;
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

pub use error::ServerError;
pub use middleware::{MAX_BODY_BYTES, MAX_QUERY_BYTES, MAX_URI_BYTES, REQUEST_TIMEOUT};
pub use state::{AppState, BRIEF_CACHE_ENTRIES};

use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
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

/// Builds the application: pages, API, static assets and middleware.
pub fn app(state: AppState) -> Router {
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
        .route("/brief/{date}", get(brief::dated_page))
        .route("/instruments", get(data::instruments_page))
        .route("/instrument/{symbol}", get(data::instrument_page))
        .route("/check", get(check::form_page).post(check::submit_page))
        .route("/ask", get(ask::get_page).post(ask::post_page))
        .route("/sources", get(data::sources_page))
        .route("/methods", get(methods::page))
        .route("/static/style.css", get(assets::style))
        .route("/static/app.js", get(assets::script));

    with_layers(
        pages.nest("/api/v1", api).with_state(state),
        REQUEST_TIMEOUT,
    )
}

/// Wraps routes in the middleware stack, from the outside in: request logs,
/// security headers and error rendering, the request-target limit, the
/// timeout, the body limit, and the panic backstop.
fn with_layers(router: Router, timeout: std::time::Duration) -> Router {
    router
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(axum::middleware::from_fn(middleware::limit_uri))
        .layer(axum::middleware::from_fn(middleware::finish))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
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
    let loaded = tokio::task::spawn_blocking(move || {
        let store = store::Store::open(&path)?;
        let universe = store.universe()?;
        let flags = store.flags()?;
        Ok::<_, store::StoreError>((universe, flags))
    })
    .await
    .map_err(|e| ServerError::Load(e.to_string()))?;
    let (universe, flags) = loaded?;
    AppState::new(universe, flags)
}

/// Serves [`app`] on `addr` until ctrl-c or SIGTERM, then stops accepting
/// connections and lets in-flight requests finish.
///
/// # Errors
/// [`ServerError::Bind`] when the address cannot be bound;
/// [`ServerError::Serve`] when the server fails while running.
pub async fn serve(state: AppState, addr: SocketAddr) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!(
        addr = %local,
        data_version = state.data_version(),
        series = state.universe().series.len(),
        "marketproof listening on http://{local}/"
    );
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(ServerError::Serve)?;
    tracing::info!("server stopped");
    Ok(())
}

/// For a synchronous caller (the CLI): builds a multi-threaded runtime,
/// loads the store at `store_path` and serves it on `addr` until ctrl-c or
/// SIGTERM.
///
/// # Errors
/// As [`load`] and [`serve`]; [`ServerError::Serve`] when the runtime cannot
/// start.
pub fn run(store_path: &std::path::Path, addr: SocketAddr) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Serve)?;
    runtime.block_on(async {
        let state = load(store_path).await?;
        serve(state, addr).await
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
