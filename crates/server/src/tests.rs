//! Middleware tests on a small router: the panic backstop and the timeout,
//! which no real route can be made to trigger.

use crate::with_layers;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use std::time::Duration;
use tower::ServiceExt;

#[allow(clippy::panic)]
async fn boom() -> &'static str {
    panic!("secret detail that must not leak")
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "late"
}

fn router() -> Router {
    let routes = Router::new()
        .route("/api/v1/boom", get(boom))
        .route("/boom", get(boom))
        .route("/api/v1/slow", get(slow));
    with_layers(routes, Duration::from_millis(50))
}

async fn call(uri: &str) -> (StatusCode, String, String) {
    let response = router()
        .oneshot(
            Request::get(uri)
                .body(Body::empty())
                .expect("valid request"),
        )
        .await
        .expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body reads");
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn a_panic_becomes_a_generic_500_without_detail() {
    let (status, content_type, body) = call("/api/v1/boom").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(v["status"], 500);
    assert_eq!(v["error"], crate::error::INTERNAL_MESSAGE);
    assert!(!body.contains("secret"));

    let (status, content_type, body) = call("/boom").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(!body.contains("secret"));
}

#[tokio::test]
async fn a_slow_request_times_out_with_408() {
    let (status, _, body) = call("/api/v1/slow").await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(v["status"], 408);
    assert!(v["error"]
        .as_str()
        .is_some_and(|m| m.contains("longer than")));
}
