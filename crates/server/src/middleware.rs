//! Cross-cutting request handling: size limits, security headers, and one
//! error format for every error response, whoever produced it.
//!
//! Errors raised by handlers are already rendered ([`crate::error::Rendered`]).
//! Everything else (an unknown route, a wrong method, a body over the limit,
//! a timeout, a caught panic, an extractor rejection) is rewritten here: JSON
//! `{"error", "status"}` under `/api/`, an HTML page elsewhere. A 5xx body is
//! always the generic message.

use crate::error::{html_error, json_error, Rendered, INTERNAL_MESSAGE};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Largest request body accepted (bytes); beyond it the answer is 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Longest request target (path and query) accepted; beyond it, 414.
pub const MAX_URI_BYTES: usize = 4096;
/// Longest query string accepted; beyond it, 414.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Time allowed for one request; beyond it, 408.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Longest plain-text rejection body kept as the error message.
const MAX_REJECTION_TEXT: usize = 1024;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Rejects over-long request targets before any routing or parsing.
pub(crate) async fn limit_uri(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let target_len = uri.path_and_query().map_or(0, |pq| pq.as_str().len());
    let query_len = uri.query().map_or(0, str::len);
    if target_len > MAX_URI_BYTES || query_len > MAX_QUERY_BYTES {
        let message = format!(
            "request target too long: at most {MAX_URI_BYTES} bytes of path and query and \
             {MAX_QUERY_BYTES} bytes of query; send large inputs in a POST body"
        );
        return error_response(
            is_api(request.uri().path()),
            StatusCode::URI_TOO_LONG,
            &message,
        );
    }
    next.run(request).await
}

/// Adds security headers and rewrites unrendered error responses.
pub(crate) async fn finish(request: Request, next: Next) -> Response {
    let api = is_api(request.uri().path());
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let status = response.status();
    if (status.is_client_error() || status.is_server_error())
        && response.extensions().get::<Rendered>().is_none()
    {
        let message = message_for(status, &path, response).await;
        response = error_response(api, status, &message);
    }
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn error_response(api: bool, status: StatusCode, message: &str) -> Response {
    if api {
        json_error(status, message)
    } else {
        html_error(status, message)
    }
}

/// The message for an error response that no handler rendered.
async fn message_for(status: StatusCode, path: &str, response: Response) -> String {
    if status.is_server_error() {
        return INTERNAL_MESSAGE.to_string();
    }
    match status {
        StatusCode::NOT_FOUND => {
            let hint = if is_api(path) {
                "see /api/v1/openapi.json for the API's routes"
            } else {
                "try the latest brief at /, the instrument list at /instruments, or /sources"
            };
            return format!("no such page: {path}; {hint}");
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            return format!(
                "method not allowed on {path}; see /api/v1/openapi.json for the methods each \
                 route accepts"
            )
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            return format!(
                "request body too large: the limit is {MAX_BODY_BYTES} bytes (1 MiB); send a \
                 shorter text"
            )
        }
        StatusCode::REQUEST_TIMEOUT => {
            return format!(
                "the request took longer than {} s and was stopped; narrow the date range or \
                 the question",
                REQUEST_TIMEOUT.as_secs()
            )
        }
        _ => {}
    }
    // Extractor rejections carry a useful plain-text reason; keep it.
    let is_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if is_text {
        let body: Body = response.into_body();
        if let Ok(bytes) = axum::body::to_bytes(body, MAX_REJECTION_TEXT).await {
            let text = String::from_utf8_lossy(&bytes).trim().to_string();
            if !text.is_empty() {
                return text;
            }
        }
    }
    status
        .canonical_reason()
        .unwrap_or("bad request")
        .to_lowercase()
}

/// Turns a panic caught by `CatchPanicLayer` into a plain 500 (rewritten to
/// the generic body by [`finish`]) after logging it.
pub(crate) fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic payload)");
    tracing::error!(panic = %detail, "handler panicked");
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}
