//! Issue 13: a server that cannot be worn down. Connections (real loopback
//! sockets): header-read and idle timeouts, the connection limit, shutdown.
//! Requests (`oneshot`): the data version of every response and reloads,
//! the cross-site guard, and the bounds of claim checking (claims, report
//! size, deadline with the work stopped).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use model::{SourceId, SourceInfo, Universe};
use server::{app, app_with, AppState, CheckLimits, Live, ServeConfig};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// A snapshot with no series and one source of the given content hash.
fn tiny(hash: &str) -> AppState {
    let universe = Universe {
        sources: vec![SourceInfo {
            id: SourceId(1),
            path: "x/SPY.csv".into(),
            content_hash: hash.into(),
            origin: None,
        }],
        ..Universe::default()
    };
    AppState::new(universe, Vec::new()).expect("state")
}

/// The real data's snapshot, or `None` (with a SKIP) without it.
fn real() -> Option<AppState> {
    let universe = store::testing::shared_universe()?;
    Some(AppState::from_static(universe, Vec::new()).expect("state"))
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: axum::Router, request: Request<Body>) -> Reply {
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

// ---------------------------------------------------------------- data version

#[tokio::test]
async fn every_response_names_its_data_version_and_a_reload_swaps_it() {
    let a = tiny("aaaa");
    let b = tiny("bbbb");
    assert_ne!(a.data_version(), b.data_version());
    let live = Live::new(a.clone());
    let router = app_with(live.clone(), &ServeConfig::default());
    for uri in ["/api/v1/health", "/nope", "/static/style.css"] {
        let reply = send(router.clone(), get(uri)).await;
        assert_eq!(
            reply.headers[server::DATA_VERSION_HEADER],
            a.data_version(),
            "{uri}"
        );
    }
    live.replace(b.clone());
    let reply = send(router.clone(), get("/api/v1/health")).await;
    assert_eq!(reply.headers[server::DATA_VERSION_HEADER], b.data_version());
    assert!(reply.body.contains(b.data_version()), "{}", reply.body);
}

/// A store with one SPY file; returns (tempdir, store path, data folder).
fn store_with(closes: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    write_spy(&data, closes);
    let db = tmp.path().join("store.db");
    store::Store::open(&db)
        .expect("open")
        .import(std::slice::from_ref(&data), &Default::default())
        .expect("import");
    (tmp, db, data)
}

fn write_spy(data: &std::path::Path, closes: &[&str]) {
    let dir = data.join("dsturdy_factor-attribution");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut text = String::from("Date,Close\n");
    for (k, c) in closes.iter().enumerate() {
        text.push_str(&format!("2024-01-{:02},{c}\n", k + 2));
    }
    std::fs::write(dir.join("SPY.csv"), text).expect("write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_while_serving_is_picked_up_without_a_restart() {
    let (_tmp, db, data) = store_with(&["100", "101"]);
    let state = server::load(&db).await.expect("load");
    let first = state.data_version().to_string();
    let config = ServeConfig {
        reload_interval: Some(Duration::from_millis(100)),
        ..ServeConfig::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve_listener(
        Live::new(state),
        listener,
        config,
        Some(db.clone()),
        async {
            let _ = stop_rx.await;
        },
    ));
    let version = move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        out.lines()
            .find_map(|l| l.strip_prefix("x-data-version: "))
            .map(str::to_string)
            .expect("data version header")
    };
    assert_eq!(
        tokio::task::spawn_blocking(version).await.expect("join"),
        first
    );
    // An import by another process (here: another connection).
    write_spy(&data, &["100", "101", "102"]);
    let db2 = db.clone();
    tokio::task::spawn_blocking(move || {
        store::Store::open(&db2)
            .expect("open")
            .import(&[data], &Default::default())
            .expect("import")
    })
    .await
    .expect("join");
    let started = Instant::now();
    loop {
        let now = tokio::task::spawn_blocking(version).await.expect("join");
        if now != first {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no reload");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop_tx.send(());
    server.await.expect("join").expect("served");
}

// ---------------------------------------------------------------- cross-site

const ARTICLE: &str = "The S&P 500 closed at 6,940.01 on January 16, 2026.";

fn form_post(uri: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut builder = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:8080");
    for (k, v) in extra {
        builder = builder.header(*k, *v);
    }
    builder
        .body(Body::from(
            "text=The+S%26P+500+closed+at+6%2C940.01+on+January+16%2C+2026.",
        ))
        .expect("request")
}

#[tokio::test]
async fn a_web_page_on_another_site_cannot_make_the_server_work() {
    let state = tiny("aaaa");
    // Another site's form, in a browser that sends fetch metadata.
    let reply = send(
        app(state.clone()),
        form_post("/check", &[("sec-fetch-site", "cross-site")]),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert!(
        reply.body.contains("cross-site request refused"),
        "{}",
        reply.body
    );
    // ... in an older browser: by its Origin.
    let reply = send(
        app(state.clone()),
        form_post("/api/v1/check", &[("origin", "http://evil.example")]),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert!(reply.body.contains("evil.example"), "{}", reply.body);
    let reply = send(app(state.clone()), form_post("/ask", &[("origin", "null")])).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // A body a page can send without a preflight, with no Origin at all.
    for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
        let mut builder = Request::post("/api/v1/check");
        if !content_type.is_empty() {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        let reply = send(
            app(state.clone()),
            builder.body(Body::from(ARTICLE)).expect("request"),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert!(reply.body.contains(server::CLIENT_HEADER), "{}", reply.body);
    }
}

#[tokio::test]
async fn the_apps_own_form_and_api_clients_still_work() {
    let Some(state) = real() else { return };
    // The app's own form: same-origin by fetch metadata, or by Origin.
    for extra in [
        &[("sec-fetch-site", "same-origin")][..],
        &[("origin", "http://127.0.0.1:8080")][..],
        &[][..],
    ] {
        let reply = send(app(state.clone()), form_post("/check", extra)).await;
        assert_eq!(reply.status, StatusCode::OK, "{extra:?}: {}", reply.body);
        assert!(reply.body.contains("verdict-supported"), "{extra:?}");
    }
    // Programs: JSON, or text with the client header.
    let json = serde_json::json!({ "text": ARTICLE }).to_string();
    let request = Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json))
        .expect("request");
    assert_eq!(
        send(app(state.clone()), request).await.status,
        StatusCode::OK
    );
    let request = Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(server::CLIENT_HEADER, "1")
        .body(Body::from(ARTICLE))
        .expect("request");
    assert_eq!(send(app(state), request).await.status, StatusCode::OK);
}

// ---------------------------------------------------------------- check bounds

/// `n` paragraphs of claims (three claims each).
fn claim_dense(n: usize) -> String {
    let paragraph = "On January 16, 2026 the S&P 500 rose 1.2% to 6,940.01. The Nasdaq 100 \
                     fell 2.3% on Friday. Small caps are up 7.88% since Dec. 1.\n\n";
    paragraph.repeat(n)
}

fn check_json(text: &str) -> Request<Body> {
    Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({ "text": text, "as_of": "2026-01-16" }).to_string(),
        ))
        .expect("request")
}

fn with_check(limits: CheckLimits, request_timeout: Duration) -> ServeConfig {
    ServeConfig {
        request_timeout,
        check: limits,
        ..ServeConfig::default()
    }
}

#[tokio::test]
async fn a_long_text_is_checked_in_pieces_with_the_same_verdicts() {
    let Some(state) = real() else { return };
    let one = claim_dense(1);
    let small = send(app(state.clone()), check_json(&one)).await;
    assert_eq!(small.status, StatusCode::OK, "{}", small.body);
    let small: serde_json::Value = serde_json::from_str(&small.body).expect("json");
    let per = small["claims"].as_array().expect("claims").len();
    assert!(per >= 2, "{small}");
    // 40 copies (about 6 KB) in pieces of 1 KiB.
    let config = with_check(
        CheckLimits {
            piece_bytes: 1024,
            ..CheckLimits::default()
        },
        Duration::from_secs(60),
    );
    let text = claim_dense(40);
    let reply = send(app_with(Live::new(state), &config), check_json(&text)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    let claims = v["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 40 * per);
    for (k, c) in claims.iter().enumerate() {
        let expected = &small["claims"][k % per];
        assert_eq!(c["verdict"], expected["verdict"], "claim {k}");
        assert_eq!(c["quote"], expected["quote"], "claim {k}");
        let (start, end) = (
            c["start"].as_u64().expect("start") as usize,
            c["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            Some(c["quote"].as_str().expect("quote")),
            text.get(start..end)
        );
    }
    // Fact ids are numbered through the whole report.
    let ids: Vec<&str> = claims
        .iter()
        .flat_map(|c| c["facts"].as_array().expect("facts"))
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert_eq!(ids.first(), Some(&"f1"));
    assert_eq!(
        ids.last().map(|s| s.to_string()),
        Some(format!("f{}", ids.len()))
    );
}

#[tokio::test]
async fn claims_and_report_size_are_bounded() {
    let Some(state) = real() else { return };
    let config = with_check(
        CheckLimits {
            max_claims: 30,
            piece_bytes: 2048,
            ..CheckLimits::default()
        },
        Duration::from_secs(60),
    );
    let started = Instant::now();
    let reply = send(
        app_with(Live::new(state.clone()), &config),
        check_json(&claim_dense(2000)),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("more than 30 numeric claims"),
        "{}",
        reply.body
    );
    // It stopped after a few pieces, not after 2,000 paragraphs.
    assert!(started.elapsed() < Duration::from_secs(30));
    let config = with_check(
        CheckLimits {
            max_response_bytes: 20_000,
            ..CheckLimits::default()
        },
        Duration::from_secs(60),
    );
    let reply = send(
        app_with(Live::new(state), &config),
        check_json(&claim_dense(30)),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("larger than 20000 bytes"),
        "{}",
        reply.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_check_stops_working() {
    let Some(state) = real() else { return };
    // One check at a time, 1.5 s each; a text that would take far longer.
    let config = with_check(
        CheckLimits {
            max_concurrent: 1,
            max_claims: usize::MAX,
            max_response_bytes: usize::MAX,
            piece_bytes: 4096,
        },
        Duration::from_millis(1500),
    );
    let router = app_with(Live::new(state), &config);
    let started = Instant::now();
    let reply = send(router.clone(), check_json(&claim_dense(4000))).await;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT, "{}", reply.body);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The only check slot is free again soon: the work stopped at the next
    // piece instead of running on.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let reply = send(router, check_json(ARTICLE)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

// ---------------------------------------------------------------- connections

/// Serves a tiny snapshot on an ephemeral port; returns the address and a
/// handle that stops the server.
async fn serve_tiny(
    config: ServeConfig,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        server::serve_listener(Live::new(tiny("aaaa")), listener, config, None, async {
            let _ = stop_rx.await;
        })
        .await
    });
    (addr, stop_tx)
}

/// Whether the server closed `stream` within `within` (reads to EOF).
fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<(Duration, String)> {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    while started.elapsed() < within {
        match stream.read(&mut buf) {
            Ok(0) => return Some((started.elapsed(), String::from_utf8_lossy(&seen).into())),
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some((started.elapsed(), String::from_utf8_lossy(&seen).into()))
            }
            Err(_) => {}
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_half_sent_connections_are_closed_after_the_header_timeout() {
    let config = ServeConfig {
        header_read_timeout: Duration::from_millis(400),
        idle_timeout: Duration::from_secs(60),
        ..ServeConfig::default()
    };
    let (addr, _stop) = serve_tiny(config).await;
    tokio::task::spawn_blocking(move || {
        let mut streams: Vec<TcpStream> = (0..20)
            .map(|k| {
                let mut s = TcpStream::connect(addr).expect("connect");
                if k % 2 == 1 {
                    s.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
                        .expect("partial header");
                }
                s
            })
            .collect();
        for (k, s) in streams.iter_mut().enumerate() {
            let closed = closed_within(s, Duration::from_secs(5));
            assert!(closed.is_some(), "connection {k} still open");
        }
    })
    .await
    .expect("join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let config = ServeConfig {
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_millis(500),
        ..ServeConfig::default()
    };
    let (addr, _stop) = serve_tiny(config).await;
    tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("request");
        let (after, seen) = closed_within(&mut s, Duration::from_secs(5)).expect("closed");
        assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
        assert!(
            after >= Duration::from_millis(400),
            "closed after {after:?}"
        );
    })
    .await
    .expect("join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_limit_get_503_and_are_closed() {
    let config = ServeConfig {
        max_connections: 4,
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        ..ServeConfig::default()
    };
    let (addr, stop) = serve_tiny(config).await;
    tokio::task::spawn_blocking(move || {
        let held: Vec<TcpStream> = (0..4)
            .map(|_| TcpStream::connect(addr).expect("connect"))
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        let mut extra = TcpStream::connect(addr).expect("connect");
        let (_, seen) = closed_within(&mut extra, Duration::from_secs(5)).expect("closed");
        assert!(seen.starts_with("HTTP/1.1 503"), "{seen}");
        assert!(seen.contains("retry-after: 1"), "{seen}");
        drop(held);
        // Room again once they are gone.
        std::thread::sleep(Duration::from_millis(300));
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("request");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    })
    .await
    .expect("join");
    let _ = stop.send(());
}
