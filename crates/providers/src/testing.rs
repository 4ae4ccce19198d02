//! A replay HTTP server for tests and benchmarks: loopback only, started by
//! the test, serving scripted responses (real-format bodies, statuses,
//! delays, bodies cut short) and recording every request. No network.
//!
//! ```no_run
//! use providers::testing::{Replay, Reply};
//! let server = Replay::start().expect("replay server");
//! server.route("/v8/finance/chart/NVDA", vec![Reply::status(429), Reply::json("{}")]);
//! std::env::set_var("MARKETPROOF_YAHOO_URL", server.url());
//! ```

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Content-Type.
    pub content_type: String,
    /// Body.
    pub body: Vec<u8>,
    /// Wait before answering.
    pub delay: Duration,
    /// Send only this many body bytes (the Content-Length still says all of
    /// them), then close: a body cut short.
    pub truncate_at: Option<usize>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// An ETag: a request with `If-None-Match` equal to it gets a 304.
    pub etag: Option<String>,
}

impl Reply {
    /// A 200 with a body and content type.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type: content_type.to_string(),
            body: body.into(),
            delay: Duration::ZERO,
            truncate_at: None,
            headers: Vec::new(),
            etag: None,
        }
    }
    /// A 200 JSON body.
    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("application/json", body)
    }
    /// A 200 CSV body.
    pub fn csv(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("text/csv", body)
    }
    /// A status with a short text body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::ok("text/plain", format!("status {status}"))
        }
    }
    /// This reply with another status.
    pub fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
    /// This reply after a wait.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
    /// This reply cut after `n` body bytes.
    pub fn truncated(mut self, n: usize) -> Reply {
        self.truncate_at = Some(n);
        self
    }
    /// This reply with a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    /// This reply with an ETag (conditional requests get 304).
    pub fn etag(mut self, tag: &str) -> Reply {
        self.etag = Some(tag.to_string());
        self
    }
}

/// A request the server saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Path without the query.
    pub path: String,
    /// The query string.
    pub query: String,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    routes: Mutex<HashMap<String, Vec<Reply>>>,
    seen: Mutex<Vec<Seen>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    stop: AtomicBool,
}

/// The server; stops when dropped.
pub struct Replay {
    addr: std::net::SocketAddr,
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay").field("addr", &self.addr).finish()
    }
}

/// Most connections served at once (each has its thread).
const MAX_CONNECTIONS: usize = 256;

impl Replay {
    /// Starts a server on 127.0.0.1 on a free port.
    ///
    /// # Errors
    /// The bind error.
    pub fn start() -> std::io::Result<Replay> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        let st = state.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if st.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if st.in_flight.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    continue;
                }
                let st = st.clone();
                let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                st.max_in_flight.fetch_max(now, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let _ = serve(stream, &st);
                    st.in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(Replay {
            addr,
            state,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Scripts `path`: the replies in order, the last one repeated.
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        if let Ok(mut routes) = self.state.routes.lock() {
            routes.insert(path.to_string(), replies);
        }
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state
            .seen
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    /// Requests to `path` so far.
    pub fn hits(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }

    /// Forgets the requests seen.
    pub fn clear_seen(&self) {
        if let Ok(mut s) = self.state.seen.lock() {
            s.clear();
        }
    }

    /// The most connections open at once.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk)?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf).to_string();
    let mut lines = text.split("\r\n");
    let target = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: Vec<(String, String)> = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let seen = Seen {
        path: path.clone(),
        query,
        headers,
    };
    let reply = {
        let mut routes = state
            .routes
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?;
        match routes.get_mut(&path) {
            Some(list) if list.len() > 1 => Some(list.remove(0)),
            Some(list) => list.first().cloned(),
            None => None,
        }
    };
    let if_none_match = seen.header("if-none-match").map(str::to_string);
    if let Ok(mut s) = state.seen.lock() {
        s.push(seen);
    }
    let reply = reply.unwrap_or_else(|| Reply::status(404));
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    let not_modified = reply.etag.is_some() && reply.etag == if_none_match;
    let status = if not_modified { 304 } else { reply.status };
    let body: &[u8] = if not_modified { b"" } else { &reply.body };
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        reply.content_type,
        body.len()
    );
    if let Some(tag) = &reply.etag {
        head.push_str(&format!("ETag: {tag}\r\n"));
    }
    for (n, v) in &reply.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    let send = reply.truncate_at.map_or(body.len(), |n| n.min(body.len()));
    stream.write_all(&body[..send])?;
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Both);
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
