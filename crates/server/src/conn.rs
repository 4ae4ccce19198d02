//! Connections: the accept loop and the bounds a client cannot wear down.
//!
//! - At most [`ServeConfig::max_connections`] connections are served at
//!   once; one more is answered `503` with `Retry-After` and closed at
//!   once, so a flood of idle sockets cannot exhaust file descriptors.
//! - A client has [`ServeConfig::header_read_timeout`] to send a request's
//!   headers, counted from the connection's start or the end of the
//!   previous response (hyper's header timer): a connection that sends
//!   nothing, or half a header, is closed.
//! - A connection with no request running and no byte read or written for
//!   [`ServeConfig::idle_timeout`] is closed (a keep-alive connection
//!   nobody uses, a client that stops reading its response).
//! - On shutdown every connection is asked to finish its request and
//!   close; the server waits at most [`crate::config::SHUTDOWN_GRACE`].

use crate::config::{ServeConfig, SHUTDOWN_GRACE};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

/// Serves `router` on `listener` until `shutdown` resolves.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    router: Router,
    config: &ServeConfig,
    shutdown: impl std::future::Future<Output = ()>,
    stop: watch::Sender<bool>,
) {
    let max = config.max_connections.max(1);
    let permits = Arc::new(Semaphore::new(max));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before
                    // it was accepted: wait a moment instead of spinning.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tracing::warn!(%peer, max, "connection limit reached; answering 503");
            tokio::spawn(refuse(stream));
            continue;
        };
        let router = router.clone();
        let config = config.clone();
        let stop = stop.subscribe();
        tokio::spawn(async move {
            serve_connection(stream, router, &config, stop).await;
            drop(permit);
        });
    }
    let _ = stop.send(true);
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    if tokio::time::timeout(SHUTDOWN_GRACE, permits.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period; closing them");
    }
}

/// Answers a connection over the limit with a 503 and closes it.
async fn refuse(stream: TcpStream) {
    let body = "{\"error\": \"the server has as many connections open as it allows; try \
                again in a moment\", \"status\": 503}";
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    // A few hundred bytes fit in any socket buffer: one write, then close.
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        if stream.writable().await.is_ok() {
            let _ = stream.try_write(response.as_bytes());
        }
    })
    .await;
}

/// What a connection did last, shared by its stream, its service and its
/// watchdog.
#[derive(Debug)]
struct Activity {
    start: Instant,
    /// Milliseconds from `start` to the last byte read or written.
    last_ms: AtomicU64,
    /// Requests whose handler is running.
    in_flight: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Duration {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(now.saturating_sub(self.last_ms.load(Ordering::Relaxed)))
    }
}

/// A TCP stream that records when bytes move.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        poll
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Counts a running request for as long as it lives.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn enter(activity: &Arc<Activity>) -> InFlight {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(activity.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
        self.0.touch();
    }
}

async fn serve_connection(
    stream: TcpStream,
    router: Router,
    config: &ServeConfig,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity {
        start: Instant::now(),
        last_ms: AtomicU64::new(0),
        in_flight: AtomicUsize::new(0),
    });
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let service_activity = activity.clone();
    let service =
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let router = router.clone();
            let guard = InFlight::enter(&service_activity);
            async move {
                let response =
                    tower::ServiceExt::oneshot(router, request.map(axum::body::Body::new)).await;
                drop(guard);
                response
            }
        });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .keep_alive(true);
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    let idle = config.idle_timeout;
    let tick = (idle / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
    let mut ticker = tokio::time::interval(tick);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut closing = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%err, "connection ended with an error");
                }
                break;
            }
            _ = stop.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
            _ = ticker.tick() => {
                let idle_now = activity.in_flight.load(Ordering::Relaxed) == 0
                    && activity.idle_for() >= idle;
                if idle_now {
                    // Nothing running and nothing moving: close now (a
                    // graceful shutdown would wait for a client that
                    // stopped reading).
                    tracing::debug!(idle_s = idle.as_secs_f64(), "closing an idle connection");
                    break;
                }
            }
        }
    }
}
