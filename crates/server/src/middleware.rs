//! Cross-cutting request handling: the snapshot a request uses, size
//! limits, the cross-site guard, security headers, and one error format for
//! every error response, whoever produced it.
//!
//! Errors raised by handlers are already rendered ([`crate::error::Rendered`]).
//! Everything else (an unknown route, a wrong method, a body over the limit,
//! a timeout, a caught panic, an extractor rejection) is rewritten here: JSON
//! `{"error", "status"}` under `/api/`, an HTML page elsewhere. A 5xx body is
//! always the generic message.

use crate::error::{html_error, json_error, Rendered, INTERNAL_MESSAGE};
use crate::state::Live;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
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

/// Response header naming the data version a response was computed from.
pub const DATA_VERSION_HEADER: &str = "x-data-version";
/// Request header that API clients send with a body a web page could also
/// send without a CORS preflight (`text/plain`, a form); any value.
pub const CLIENT_HEADER: &str = "x-marketproof";

/// Longest plain-text rejection body kept as the error message.
const MAX_REJECTION_TEXT: usize = 1024;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Gives the request the snapshot in service (it keeps it to the end,
/// even if a reload swaps in another) and names its data version in the
/// response.
pub(crate) async fn snapshot(
    State(live): State<Live>,
    mut request: Request,
    next: Next,
) -> Response {
    let state = live.current();
    let version = HeaderValue::from_str(state.data_version()).ok();
    request.extensions_mut().insert(state);
    let mut response = next.run(request).await;
    if let Some(version) = version {
        response.headers_mut().insert(DATA_VERSION_HEADER, version);
    }
    response
}

/// Refuses what a web page on another site could make a browser send: a
/// cross-site `POST` (by `Sec-Fetch-Site`, else by an `Origin` that is not
/// this server), and an API body that needs no CORS preflight (no content
/// type, `text/plain`, a form) to an API `POST` route without the
/// [`CLIENT_HEADER`] header. The app's own form posts are same-origin and
/// pass.
pub(crate) async fn guard_cross_site(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let api = is_api(request.uri().path());
    let headers = request.headers();
    if let Some(why) = cross_site(headers) {
        let message = format!(
            "cross-site request refused: {why}; marketproof accepts POST requests from its own \
             pages and from programs (which send no Origin header)"
        );
        return error_response(api, StatusCode::FORBIDDEN, &message);
    }
    let post_route = *request.method() == Method::POST
        && crate::API_ROUTES
            .iter()
            .any(|(m, p)| *m == "post" && *p == request.uri().path());
    if post_route && simple_body(headers) && !headers.contains_key(CLIENT_HEADER) {
        let message = format!(
            "send JSON (content-type: application/json), or add the header `{CLIENT_HEADER}: 1` \
             to a text/plain or form body: a web page could send such a body to this server \
             without the user's consent"
        );
        return error_response(api, StatusCode::UNSUPPORTED_MEDIA_TYPE, &message);
    }
    next.run(request).await
}

/// Why the request comes from another site, if it does.
fn cross_site(headers: &HeaderMap) -> Option<String> {
    let text = |name: header::HeaderName| {
        headers.get(name).map(|v| {
            v.to_str()
                .unwrap_or("(not text)")
                .trim()
                .to_ascii_lowercase()
        })
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return match site.as_str() {
            "same-origin" | "none" => None,
            other => Some(format!("Sec-Fetch-Site is `{}`", short(other))),
        };
    }
    let origin = text(header::ORIGIN)?;
    let host = text(header::HOST).unwrap_or_default();
    let same = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|rest| !host.is_empty() && rest == host);
    (!same).then(|| format!("Origin `{}` is not this server", short(&origin)))
}

/// A header value cut for a message.
fn short(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Whether the body is one a page can send without a CORS preflight.
fn simple_body(headers: &HeaderMap) -> bool {
    let Some(content_type) = headers.get(header::CONTENT_TYPE) else {
        return true;
    };
    let essence = content_type
        .to_str()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "" | "text/plain" | "application/x-www-form-urlencoded" | "multipart/form-data"
    )
}

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
    // `same-origin`: no referrer leaves for other sites, and the app's own
    // form posts carry their Origin (checked by `guard_cross_site`).
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
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
            return "the request took longer than the server allows and was stopped; narrow \
                    the date range or the question, or shorten the text"
                .to_string()
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
