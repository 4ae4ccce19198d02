//! The errors of fetching: every one names the provider, the symbol, the
//! URL (secrets redacted) and, for an HTTP answer, the status.

use std::fmt;

/// What went wrong with one fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// The provider says the symbol does not exist (Yahoo's 404 and its
    /// `"Not Found"` error JSON, FRED's 400 "series does not exist",
    /// Stooq's "No data"). Never retried.
    NoSuchSymbol {
        /// HTTP status.
        status: u16,
        /// The provider's own words.
        message: String,
    },
    /// Any other HTTP status that is not a success, after the retries
    /// that status allows.
    Status {
        /// HTTP status.
        status: u16,
        /// The start of the body, for the reader.
        message: String,
    },
    /// No response within the timeout (after the retries).
    Timeout,
    /// The connection failed or broke (after the retries).
    Connection(String),
    /// The body ended before its declared length (after the retries).
    Truncated(String),
    /// The body is larger than the limit.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// An HTML page came back where data was expected (a consent page, an
    /// error page, a captive portal).
    Html,
    /// The body is not in the documented format.
    Malformed(String),
    /// The provider needs an API key and none is configured.
    NoKey {
        /// Where a key can be put.
        help: String,
    },
    /// The provider is switched off in the configuration.
    Disabled,
    /// The symbol cannot be fetched from this provider (e.g. a French
    /// factor without a dataset).
    Unsupported(String),
}

/// One failed fetch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FetchError {
    /// Provider id (`yahoo`, `fred`, ...).
    pub provider: String,
    /// The symbol asked for.
    pub symbol: String,
    /// The URL (secrets redacted), when a request was made.
    pub url: Option<String>,
    /// Requests made (1 + retries).
    pub attempts: u32,
    /// What went wrong.
    pub kind: FetchErrorKind,
}

impl FetchError {
    /// The HTTP status, when the provider answered.
    pub fn status(&self) -> Option<u16> {
        match &self.kind {
            FetchErrorKind::NoSuchSymbol { status, .. } | FetchErrorKind::Status { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// A short stable name of the kind, for JSON.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            FetchErrorKind::NoSuchSymbol { .. } => "no_such_symbol",
            FetchErrorKind::Status { .. } => "status",
            FetchErrorKind::Timeout => "timeout",
            FetchErrorKind::Connection(_) => "connection",
            FetchErrorKind::Truncated(_) => "truncated",
            FetchErrorKind::TooLarge { .. } => "too_large",
            FetchErrorKind::Html => "html",
            FetchErrorKind::Malformed(_) => "malformed",
            FetchErrorKind::NoKey { .. } => "no_key",
            FetchErrorKind::Disabled => "disabled",
            FetchErrorKind::Unsupported(_) => "unsupported",
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.provider, self.symbol)?;
        match &self.kind {
            FetchErrorKind::NoSuchSymbol { status, message } => {
                write!(f, "HTTP {status}: no such symbol ({message})")?
            }
            FetchErrorKind::Status { status, message } => {
                write!(f, "HTTP {status}").and_then(|()| {
                    if message.is_empty() {
                        Ok(())
                    } else {
                        write!(f, " ({message})")
                    }
                })?
            }
            FetchErrorKind::Timeout => f.write_str("no response within the timeout")?,
            FetchErrorKind::Connection(e) => write!(f, "connection failed: {e}")?,
            FetchErrorKind::Truncated(e) => write!(f, "the response was cut short: {e}")?,
            FetchErrorKind::TooLarge { limit } => {
                write!(f, "the response is larger than the limit of {limit} bytes")?
            }
            FetchErrorKind::Html => {
                f.write_str("an HTML page came back instead of data (a consent or error page?)")?
            }
            FetchErrorKind::Malformed(e) => {
                write!(f, "the response is not in the expected format: {e}")?
            }
            FetchErrorKind::NoKey { help } => write!(f, "an API key is needed: {help}")?,
            FetchErrorKind::Disabled => {
                f.write_str("the provider is disabled in the configuration")?
            }
            FetchErrorKind::Unsupported(e) => f.write_str(e)?,
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        if let Some(url) = &self.url {
            write!(f, " [{url}]")?;
        }
        Ok(())
    }
}

/// Why a whole sync could not run (a bad configuration, the store).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// The configuration file is wrong.
    #[error("configuration {path}: {message}")]
    Config {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A symbol on the command line cannot be planned.
    #[error("{0}")]
    Target(String),
    /// The store failed (nothing was written).
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(String),
}

/// Keeps at most `n` characters of `text`, on one line, for messages.
pub(crate) fn snippet(text: &[u8], n: usize) -> String {
    let s = String::from_utf8_lossy(text);
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &one[..i]),
        None => one,
    }
}
