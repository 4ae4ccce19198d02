//! `marketproof serve [--addr 127.0.0.1:8080]`: the web app and JSON API
//! over the store (imported first from `--data` when given), reloaded when
//! an import changes it.

use crate::app::{self, GlobalArgs};
use std::net::SocketAddr;
use std::time::Duration;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = server::DEFAULT_ADDR)]
    pub(crate) addr: SocketAddr,
    /// Connections served at once; more are answered 503.
    #[arg(long, value_name = "N", default_value_t = server::config::MAX_CONNECTIONS)]
    pub(crate) max_connections: usize,
    /// Seconds a client has to send a request's headers.
    #[arg(long, value_name = "SECONDS", default_value_t = server::config::HEADER_READ_TIMEOUT.as_secs_f64())]
    pub(crate) header_timeout: f64,
    /// Seconds a connection may stay open with nothing running or moving.
    #[arg(long, value_name = "SECONDS", default_value_t = server::config::IDLE_TIMEOUT.as_secs_f64())]
    pub(crate) idle_timeout: f64,
    /// Seconds one request may take, work included.
    #[arg(long, value_name = "SECONDS", default_value_t = server::REQUEST_TIMEOUT.as_secs_f64())]
    pub(crate) request_timeout: f64,
    /// Seconds between two looks at the store for new data (0: never).
    #[arg(long, value_name = "SECONDS", default_value_t = server::config::RELOAD_INTERVAL.as_secs_f64())]
    pub(crate) reload_every: f64,
    /// Most claims one check request may hold.
    #[arg(long, value_name = "N", default_value_t = server::config::MAX_CHECK_CLAIMS)]
    pub(crate) max_check_claims: usize,
}

fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| anyhow::anyhow!("--{flag} must be a number of seconds >= 0"))
}

pub(crate) fn run(global: &GlobalArgs, args: &ServeArgs) -> anyhow::Result<()> {
    app::resolve_format(global, "serve", None, &[app::OutputFormat::Text])?;
    // -q: warnings only; -v: request logs; -vv: debug (RUST_LOG wins).
    if std::env::var_os("RUST_LOG").is_none() {
        let level = match (global.quiet, global.verbose) {
            (true, _) => "warn",
            (false, 0 | 1) => "info",
            (false, _) => "debug",
        };
        std::env::set_var("RUST_LOG", level);
    }
    let reload = seconds("reload-every", args.reload_every)?;
    let config = server::ServeConfig {
        header_read_timeout: seconds("header-timeout", args.header_timeout)?,
        idle_timeout: seconds("idle-timeout", args.idle_timeout)?,
        max_connections: args.max_connections.max(1),
        request_timeout: seconds("request-timeout", args.request_timeout)?,
        reload_interval: (!reload.is_zero()).then_some(reload),
        check: server::CheckLimits {
            max_claims: args.max_check_claims,
            ..server::CheckLimits::default()
        },
    };
    // Import --data (if given) and close the store; the server opens its own.
    let store = app::open_store(global)?;
    let path = store
        .path()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| global.store.clone().unwrap_or_else(app::default_store_path));
    drop(store);
    server::init_logging();
    global.note(&format!(
        "marketproof: serving http://{} (ctrl-c to stop)",
        args.addr
    ));
    server::run(&path, args.addr, &config)?;
    Ok(())
}
