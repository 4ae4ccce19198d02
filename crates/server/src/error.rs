//! Errors: [`ServerError`] for starting the server, [`AppError`] for a
//! request that cannot be served.
//!
//! Client errors keep their status and a message that says what was wrong
//! and how to fix it. Internal errors are logged with their detail and
//! answered with a generic body: nothing a client sends is echoed from an
//! internal failure. API routes answer `{"error": message, "status": code}`;
//! pages answer an HTML page with the same message, escaped.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why the server could not start or stopped abnormally.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The address could not be bound (in use, not permitted...).
    #[error("cannot listen on {addr}: {source}; pick another address with --addr")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("server stopped: {0}")]
    Serve(#[source] std::io::Error),
    /// No store at the path given.
    #[error("no store at {path}: import data first (marketproof import DIR) or pass --data DIR")]
    NoStore {
        /// The path looked at.
        path: std::path::PathBuf,
    },
    /// The store could not be read.
    #[error("cannot load the store: {0}")]
    Store(#[from] store::StoreError),
    /// Loading was interrupted (the loading task panicked or was cancelled).
    #[error("loading the store was interrupted: {0}")]
    Load(String),
    /// The built-in instrument registry did not load.
    #[error(transparent)]
    Registry(#[from] model::RegistryError),
}

/// A request that cannot be answered as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AppError {
    /// Malformed or invalid parameters (400).
    BadRequest(String),
    /// Unknown symbol, date or page (404).
    NotFound(String),
    /// A request the framework rejected (malformed body, wrong content
    /// type, body too large...), with the rejection's 4xx status.
    Rejected(StatusCode, String),
    /// Something failed on our side (500). The detail is logged, never sent.
    Internal(String),
}

impl AppError {
    /// A 400 with this message.
    pub(crate) fn bad_request(message: impl Into<String>) -> AppError {
        AppError::BadRequest(message.into())
    }

    /// A 404 with this message.
    pub(crate) fn not_found(message: impl Into<String>) -> AppError {
        AppError::NotFound(message.into())
    }

    /// A framework rejection; kept as a client error whatever its status.
    /// A well-formed body with wrong fields (axum's 422) is a 400 here, as
    /// every other bad parameter is.
    pub(crate) fn rejected(status: StatusCode, message: String) -> AppError {
        if status.is_client_error() && status != StatusCode::UNPROCESSABLE_ENTITY {
            AppError::Rejected(status, message)
        } else {
            AppError::BadRequest(message)
        }
    }

    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Rejected(status, _) => *status,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message a client may see.
    pub(crate) fn public_message(&self) -> &str {
        match self {
            AppError::BadRequest(m) | AppError::NotFound(m) | AppError::Rejected(_, m) => m,
            AppError::Internal(_) => INTERNAL_MESSAGE,
        }
    }

    fn log(&self) {
        if let AppError::Internal(detail) = self {
            tracing::error!(detail = %detail, "internal error");
        }
    }
}

/// The body of every 500: no detail leaves the server.
pub(crate) const INTERNAL_MESSAGE: &str =
    "internal error: the request could not be completed; it has been logged";

impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> AppError {
        AppError::rejected(rejection.status(), rejection.body_text())
    }
}

impl From<axum::extract::rejection::FormRejection> for AppError {
    fn from(rejection: axum::extract::rejection::FormRejection) -> AppError {
        AppError::rejected(rejection.status(), rejection.body_text())
    }
}

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> AppError {
        AppError::rejected(rejection.status(), rejection.body_text())
    }
}

impl From<facts::FactError> for AppError {
    fn from(err: facts::FactError) -> AppError {
        use facts::FactError as E;
        let message = err.to_string();
        match err {
            E::UnknownInstrument { .. }
            | E::NoData { .. }
            | E::NotEnoughHistory { .. }
            | E::NotASession { .. }
            | E::EmptyBasket { .. } => AppError::NotFound(message),
            _ => AppError::BadRequest(message),
        }
    }
}

/// Marks a response whose body is already in our error format, so the
/// error-normalising middleware leaves it alone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rendered;

/// An [`AppError`] answered as JSON (API routes).
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> ApiError {
        ApiError(err)
    }
}

impl From<facts::FactError> for ApiError {
    fn from(err: facts::FactError) -> ApiError {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        json_error(self.0.status(), self.0.public_message())
    }
}

/// The JSON error body `{"error": message, "status": code}`.
pub(crate) fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "status": status.as_u16() });
    let mut res = (status, axum::Json(body)).into_response();
    res.extensions_mut().insert(Rendered);
    res
}

/// An [`AppError`] answered as an HTML page (web routes).
#[derive(Debug)]
pub(crate) struct PageError(pub(crate) AppError);

impl From<AppError> for PageError {
    fn from(err: AppError) -> PageError {
        PageError(err)
    }
}

impl From<facts::FactError> for PageError {
    fn from(err: facts::FactError) -> PageError {
        PageError(err.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        html_error(self.0.status(), self.0.public_message())
    }
}

/// An HTML error page with the (escaped) message.
pub(crate) fn html_error(status: StatusCode, message: &str) -> Response {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let body = format!(
        "<h1 id=\"error-title\">{}</h1>\n<p class=\"error-message\" role=\"alert\">{}</p>\n\
         <p><a href=\"/\">Latest brief</a> · <a href=\"/instruments\">Instruments</a> · \
         <a href=\"/sources\">Sources</a></p>",
        crate::html::esc(&title),
        crate::html::esc(message)
    );
    let mut res = (status, crate::html::page(&title, "", &body)).into_response();
    res.extensions_mut().insert(Rendered);
    res
}
