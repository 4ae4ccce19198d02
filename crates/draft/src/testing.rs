//! A recorded OpenAI-compatible endpoint for tests: a tiny HTTP server on a
//! loopback port that answers each `POST …/chat/completions` with the next
//! recorded draft, keeps the request bodies for assertions, and stops by
//! itself after its last answer or after a deadline. No model runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the server waits for requests before it stops on its own.
const LIFETIME: Duration = Duration::from_secs(120);

/// A running recorded endpoint.
#[derive(Debug)]
pub struct RecordedEndpoint {
    /// Base URL to give as `--llm-url`, e.g. `http://127.0.0.1:41234/v1`.
    pub base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RecordedEndpoint {
    /// Starts a server that answers with `drafts`, one per request, in order.
    ///
    /// # Panics
    /// If no loopback port can be bound (a broken test machine).
    pub fn start(drafts: Vec<String>) -> RecordedEndpoint {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding a loopback port");
        let addr = listener.local_addr().expect("bound address");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + LIFETIME;
            let mut answers = drafts.into_iter();
            while Instant::now() < deadline {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let mut reader = BufReader::new(stream);
                let mut content_length = 0usize;
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        content_length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0u8; content_length.min(16 << 20)];
                let _ = reader.read_exact(&mut body);
                if let Ok(mut r) = seen.lock() {
                    r.push(String::from_utf8_lossy(&body).into_owned());
                }
                let Some(draft) = answers.next() else {
                    break;
                };
                let json = serde_json::json!({
                    "id": "recorded",
                    "object": "chat.completion",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": draft}}],
                })
                .to_string();
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                    json.len()
                );
                let _ = stream.flush();
                if answers.len() == 0 {
                    break;
                }
            }
        });
        RecordedEndpoint {
            base_url: format!("http://{addr}/v1"),
            requests,
            thread: Some(thread),
        }
    }

    /// The request bodies received so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for RecordedEndpoint {
    fn drop(&mut self) {
        // The thread ends after its last answer or its deadline; do not wait
        // for the deadline when a test ended early.
        drop(self.thread.take());
    }
}
