//! The HTTP layer every provider shares: one blocking client (`ureq`,
//! rustls with ring), a browser-like User-Agent, a timeout on the whole
//! exchange, a bound on the body, retries with exponential backoff and
//! jitter on transient failures only, a polite minimum interval between
//! requests to the same provider, and an on-disk cache revalidated with
//! `ETag` / `Last-Modified`.
//!
//! **Which failures are retried** ([`retryable_status`], pinned by a test):
//! 408, 425, 429, 500, 502, 503 and 504, a timeout, a connection that
//! failed or broke, and a body cut short. Never: any other 4xx (404 is
//! "no such symbol" at Yahoo, 400 at FRED; 401/403 are keys or bans that a
//! retry cannot fix), an HTML page where data was expected, a body over
//! the limit, a malformed body. `Retry-After` (seconds) is honoured up to
//! the longest backoff.

use crate::error::{snippet, FetchError, FetchErrorKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A browser-like User-Agent: Yahoo answers a bare client with 429s.
pub const BROWSER_USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 \
     (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

/// Whether an HTTP status is worth another try (see the module docs).
pub fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
}

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Longest wait for one whole exchange (connect, headers, body).
    pub timeout: Duration,
    /// Most requests for one fetch (1 + retries).
    pub max_attempts: u32,
    /// First backoff; doubled on each retry, with jitter (50–100 %).
    pub backoff_base: Duration,
    /// Longest backoff (and longest `Retry-After` honoured).
    pub backoff_max: Duration,
    /// Largest response body accepted.
    pub max_body_bytes: u64,
    /// User-Agent header.
    pub user_agent: String,
    /// Folder of the HTTP cache; `None` disables it.
    pub cache_dir: Option<PathBuf>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            timeout: Duration::from_secs(30),
            max_attempts: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(20),
            max_body_bytes: 64 << 20,
            user_agent: BROWSER_USER_AGENT.to_string(),
            cache_dir: None,
        }
    }
}

/// One GET.
#[derive(Debug, Clone)]
pub struct Request {
    /// Provider id.
    pub provider: &'static str,
    /// Symbol, for errors.
    pub symbol: String,
    /// The URL to request (may hold a key).
    pub url: String,
    /// The URL with secrets redacted: what errors, logs and provenance show.
    pub redacted: String,
    /// Whether to keep the body in the HTTP cache (stable URLs: whole
    /// files such as French zips and Cboe's CSV).
    pub cacheable: bool,
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status (200, or 304 when revalidated from the cache).
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
    /// When it arrived.
    pub fetched_at: SystemTime,
    /// Requests made.
    pub attempts: u32,
}

impl Response {
    /// Hex SHA-256 of the body.
    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(&self.body))
    }
}

/// Something the HTTP layer reports while it works (for a progress bar).
#[derive(Debug, Clone, PartialEq)]
pub enum HttpEvent {
    /// A request failed transiently and will be tried again after `wait`.
    Retrying {
        /// Provider.
        provider: &'static str,
        /// Symbol.
        symbol: String,
        /// The attempt that failed (1-based).
        attempt: u32,
        /// Why.
        reason: String,
        /// The wait before the next attempt.
        wait: Duration,
    },
}

/// A callback for [`HttpEvent`]s.
pub type EventSink = Arc<dyn Fn(&HttpEvent) + Send + Sync>;

/// The shared client.
pub struct Http {
    agent: ureq::Agent,
    direct: ureq::Agent,
    settings: HttpSettings,
    intervals: HashMap<&'static str, Duration>,
    next_slot: Mutex<HashMap<&'static str, Instant>>,
    events: Option<EventSink>,
    jitter: AtomicU64,
    cache_lock: Mutex<()>,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("settings", &self.settings)
            .field("intervals", &self.intervals)
            .finish()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Whether a URL names this machine (the tests' replay server): such
/// requests never go through a proxy from the environment.
fn is_loopback(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    rest.starts_with("127.") || rest.starts_with("localhost") || rest.starts_with("[::1]")
}

/// What one attempt gave.
enum Attempt {
    Done(Response),
    Retry(String, Option<Duration>, FetchErrorKind),
    Fail(FetchErrorKind),
}

impl Http {
    /// Builds the client. `intervals` is the minimum time between two
    /// requests to each provider.
    pub fn new(
        settings: HttpSettings,
        intervals: HashMap<&'static str, Duration>,
        events: Option<EventSink>,
    ) -> Http {
        let build = |proxy_from_env: bool| -> ureq::Agent {
            let mut cfg = ureq::Agent::config_builder()
                .timeout_global(Some(settings.timeout))
                .http_status_as_error(false)
                .user_agent(settings.user_agent.as_str())
                .max_redirects(5);
            if !proxy_from_env {
                cfg = cfg.proxy(None);
            }
            cfg.build().into()
        };
        let seed = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0x9e37_79b9, |d| d.as_nanos() as u64)
            | 1;
        Http {
            agent: build(true),
            direct: build(false),
            settings,
            intervals,
            next_slot: Mutex::new(HashMap::new()),
            events,
            jitter: AtomicU64::new(seed),
            cache_lock: Mutex::new(()),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// A number in [0.5, 1.0) for jitter (xorshift; quality is irrelevant).
    fn jitter(&self) -> f64 {
        let mut x = self.jitter.load(Ordering::Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.jitter.store(x, Ordering::Relaxed);
        0.5 + (x >> 11) as f64 / (1u64 << 53) as f64 / 2.0
    }

    /// The backoff before attempt `attempt + 1`.
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .settings
            .backoff_base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let wait = exp.min(self.settings.backoff_max).mul_f64(self.jitter());
        match retry_after {
            Some(ra) => wait.max(ra.min(self.settings.backoff_max)),
            None => wait,
        }
    }

    /// Waits for the provider's next request slot (the polite interval).
    fn wait_turn(&self, provider: &'static str) {
        let Some(interval) = self.intervals.get(provider).copied() else {
            return;
        };
        if interval.is_zero() {
            return;
        }
        let wait = {
            let Ok(mut slots) = self.next_slot.lock() else {
                return;
            };
            let now = Instant::now();
            let slot = slots.entry(provider).or_insert(now);
            let start = (*slot).max(now);
            *slot = start + interval;
            start - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    /// GETs `req.url`, retrying transient failures.
    ///
    /// # Errors
    /// A [`FetchError`] naming the provider, symbol, redacted URL and
    /// status; [`FetchErrorKind::Status`] for a non-success status (the
    /// provider maps its "no such symbol" statuses).
    pub fn get(&self, req: &Request) -> Result<Response, FetchError> {
        let error = |kind: FetchErrorKind, attempts: u32| FetchError {
            provider: req.provider.to_string(),
            symbol: req.symbol.clone(),
            url: Some(req.redacted.clone()),
            attempts,
            kind,
        };
        let cached = if req.cacheable {
            self.cache_read(&req.url)
        } else {
            None
        };
        let max = self.settings.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.wait_turn(req.provider);
            match self.attempt(req, cached.as_ref(), attempt) {
                Attempt::Done(resp) => return Ok(resp),
                Attempt::Fail(kind) => return Err(error(kind, attempt)),
                Attempt::Retry(reason, retry_after, kind) => {
                    if attempt >= max {
                        return Err(error(kind, attempt));
                    }
                    let wait = self.backoff(attempt, retry_after);
                    if let Some(sink) = &self.events {
                        sink(&HttpEvent::Retrying {
                            provider: req.provider,
                            symbol: req.symbol.clone(),
                            attempt,
                            reason,
                            wait,
                        });
                    }
                    std::thread::sleep(wait);
                }
            }
        }
    }

    fn attempt(&self, req: &Request, cached: Option<&CacheEntry>, attempt: u32) -> Attempt {
        let agent = if is_loopback(&req.url) {
            &self.direct
        } else {
            &self.agent
        };
        let mut builder = agent.get(&req.url);
        if let Some(entry) = cached {
            if let Some(etag) = &entry.etag {
                builder = builder.header("If-None-Match", etag.as_str());
            }
            if let Some(lm) = &entry.last_modified {
                builder = builder.header("If-Modified-Since", lm.as_str());
            }
        }
        let mut resp = match builder.call() {
            Ok(r) => r,
            Err(e) => return transport(e),
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let content_type = header("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if status == 304 {
            if let Some(entry) = cached {
                return Attempt::Done(Response {
                    status,
                    body: entry.body.clone(),
                    fetched_at: SystemTime::now(),
                    attempts: attempt,
                });
            }
        }
        let limit = self.settings.max_body_bytes;
        let body = match resp.body_mut().with_config().limit(limit).read_to_vec() {
            Ok(b) => b,
            Err(e) => {
                return match e {
                    ureq::Error::BodyExceedsLimit(_) => {
                        Attempt::Fail(FetchErrorKind::TooLarge { limit })
                    }
                    other => transport(other),
                }
            }
        };
        if !(200..300).contains(&status) {
            let message = snippet(&body, 160);
            let kind = FetchErrorKind::Status {
                status,
                message: message.clone(),
            };
            return if retryable_status(status) {
                Attempt::Retry(format!("HTTP {status}"), retry_after, kind)
            } else {
                Attempt::Fail(kind)
            };
        }
        if looks_like_html(&content_type, &body) {
            return Attempt::Fail(FetchErrorKind::Html);
        }
        if req.cacheable && (etag.is_some() || last_modified.is_some()) {
            self.cache_write(&req.url, &req.redacted, etag, last_modified, &body);
        }
        Attempt::Done(Response {
            status,
            body,
            fetched_at: SystemTime::now(),
            attempts: attempt,
        })
    }
}

fn transport(e: ureq::Error) -> Attempt {
    match e {
        ureq::Error::Timeout(t) => {
            Attempt::Retry(format!("timeout ({t})"), None, FetchErrorKind::Timeout)
        }
        ureq::Error::Io(io) => {
            let text = io.to_string();
            let kind = match io.kind() {
                std::io::ErrorKind::UnexpectedEof => FetchErrorKind::Truncated(text.clone()),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    FetchErrorKind::Timeout
                }
                _ => FetchErrorKind::Connection(text.clone()),
            };
            Attempt::Retry(text, None, kind)
        }
        ureq::Error::Protocol(p) => {
            let text = p.to_string();
            Attempt::Retry(text.clone(), None, FetchErrorKind::Truncated(text))
        }
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
            let text = e.to_string();
            Attempt::Retry(text.clone(), None, FetchErrorKind::Connection(text))
        }
        other => Attempt::Fail(FetchErrorKind::Connection(other.to_string())),
    }
}

fn looks_like_html(content_type: &str, body: &[u8]) -> bool {
    if content_type.starts_with("text/html") {
        return true;
    }
    let head: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// A cached response.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct CacheMeta {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
}

#[derive(Debug, Clone)]
struct CacheEntry {
    etag: Option<String>,
    last_modified: Option<String>,
    body: Vec<u8>,
}

impl Http {
    fn cache_paths(&self, url: &str) -> Option<(PathBuf, PathBuf)> {
        let dir = self.settings.cache_dir.as_ref()?;
        let key = hex(&Sha256::digest(url.as_bytes()));
        Some((
            dir.join(format!("{key}.meta")),
            dir.join(format!("{key}.body")),
        ))
    }

    fn cache_read(&self, url: &str) -> Option<CacheEntry> {
        let (meta, body) = self.cache_paths(url)?;
        let _guard = self.cache_lock.lock().ok()?;
        let meta: CacheMeta = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        let len = std::fs::metadata(&body).ok()?.len();
        if len > self.settings.max_body_bytes {
            return None;
        }
        Some(CacheEntry {
            etag: meta.etag,
            last_modified: meta.last_modified,
            body: std::fs::read(body).ok()?,
        })
    }

    /// Best effort: a cache that cannot be written is no cache.
    fn cache_write(
        &self,
        url: &str,
        redacted: &str,
        etag: Option<String>,
        last_modified: Option<String>,
        body: &[u8],
    ) {
        let Some((meta_path, body_path)) = self.cache_paths(url) else {
            return;
        };
        let Ok(_guard) = self.cache_lock.lock() else {
            return;
        };
        if let Some(dir) = meta_path.parent() {
            if std::fs::create_dir_all(dir).is_err() {
                return;
            }
        }
        let meta = CacheMeta {
            url: redacted.to_string(),
            etag,
            last_modified,
        };
        let Ok(text) = serde_json::to_vec(&meta) else {
            return;
        };
        // Body first: a meta file never points at a missing body.
        let tmp = body_path.with_extension("body.tmp");
        if std::fs::write(&tmp, body).is_ok() && std::fs::rename(&tmp, &body_path).is_ok() {
            let _ = std::fs::write(meta_path, text);
        }
    }
}

/// RFC 3339 UTC, to the second.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_statuses_are_retried() {
        for status in [408, 425, 429, 500, 502, 503, 504] {
            assert!(retryable_status(status), "{status} is transient");
        }
        for status in [
            200, 204, 301, 304, 400, 401, 403, 404, 405, 410, 422, 451, 501, 505,
        ] {
            assert!(!retryable_status(status), "{status} must not be retried");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_ceiling() {
        let http = Http::new(
            HttpSettings {
                backoff_base: Duration::from_millis(100),
                backoff_max: Duration::from_millis(1000),
                ..HttpSettings::default()
            },
            HashMap::new(),
            None,
        );
        for attempt in 1..=8u32 {
            let full = Duration::from_millis(100 * (1u64 << (attempt - 1)))
                .min(Duration::from_millis(1000));
            let wait = http.backoff(attempt, None);
            assert!(
                wait >= full / 2 && wait <= full,
                "attempt {attempt}: {wait:?} vs {full:?}"
            );
        }
        // Retry-After wins when longer, up to the ceiling.
        assert!(http.backoff(1, Some(Duration::from_secs(1))) >= Duration::from_secs(1));
        assert!(http.backoff(1, Some(Duration::from_secs(60))) <= Duration::from_secs(1));
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("text/html; charset=utf-8", b"{}"));
        assert!(looks_like_html("", b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html("application/json", b"<html><body>consent"));
        assert!(!looks_like_html("application/json", b"{\"chart\":{}}"));
    }

    #[test]
    fn timestamps_print_as_rfc3339() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_756_139_915);
        assert_eq!(rfc3339(t), "2025-08-25T16:38:35Z");
    }
}
