//! The server's limits, with their defaults; every one is configurable
//! ([`ServeConfig`]; the CLI's `serve` flags set the main ones).

use std::time::Duration;

/// Default time for a client to send a request's headers, counted from
/// the connection's start or the end of the previous response.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time a connection may stay open with no request running and no
/// byte read or written (a keep-alive connection nobody uses, a client
/// that stops reading a response).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Default number of connections served at once; more are answered 503
/// and closed.
pub const MAX_CONNECTIONS: usize = 256;
/// Default time between two looks at the store for a newer data version.
pub const RELOAD_INTERVAL: Duration = Duration::from_secs(2);
/// Default most claims one check request may hold.
pub const MAX_CHECK_CLAIMS: usize = 1000;
/// Default largest check report (JSON or HTML) a request may produce.
pub const MAX_CHECK_RESPONSE_BYTES: usize = 8 << 20;
/// Texts longer than this are checked in pieces of at most this size (cut
/// at paragraph, line or sentence ends), so that a request can be stopped
/// between two pieces.
pub const CHECK_PIECE_BYTES: usize = 16 << 10;
/// Default number of check requests worked on at once (the others wait,
/// within their deadline).
pub const MAX_CONCURRENT_CHECKS: usize = 2;
/// How long shutting down waits for open connections to finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// What one server allows.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// See [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// See [`IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// See [`MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// Time allowed for one request, work included (then 408, and the
    /// work stops).
    pub request_timeout: Duration,
    /// See [`RELOAD_INTERVAL`]; `None` serves the first snapshot forever.
    pub reload_interval: Option<Duration>,
    /// Limits of claim checking.
    pub check: CheckLimits,
}

/// Limits of claim checking (`POST /check`, `POST /api/v1/check`).
#[derive(Debug, Clone, Copy)]
pub struct CheckLimits {
    /// See [`MAX_CHECK_CLAIMS`].
    pub max_claims: usize,
    /// See [`MAX_CHECK_RESPONSE_BYTES`].
    pub max_response_bytes: usize,
    /// See [`CHECK_PIECE_BYTES`].
    pub piece_bytes: usize,
    /// See [`MAX_CONCURRENT_CHECKS`].
    pub max_concurrent: usize,
}

impl Default for CheckLimits {
    fn default() -> Self {
        CheckLimits {
            max_claims: MAX_CHECK_CLAIMS,
            max_response_bytes: MAX_CHECK_RESPONSE_BYTES,
            piece_bytes: CHECK_PIECE_BYTES,
            max_concurrent: MAX_CONCURRENT_CHECKS,
        }
    }
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_read_timeout: HEADER_READ_TIMEOUT,
            idle_timeout: IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            request_timeout: crate::REQUEST_TIMEOUT,
            reload_interval: Some(RELOAD_INTERVAL),
            check: CheckLimits::default(),
        }
    }
}
