//! Stooq's daily CSV, which now needs an API key: used only when one is
//! configured (`STOOQ_API_KEY`, or `providers.stooq.api_key[_env]`).
//!
//! **Request.** `GET {base}/q/d/l/?s={stooq symbol}&i=d[&d1=YYYYMMDD&d2=YYYYMMDD]&apikey={KEY}`,
//! base `https://stooq.com`. Stooq's symbols differ from ours: `spy.us`,
//! `aapl.us`, `^spx`; a plain ticker is sent as `{ticker}.us` in lower
//! case, anything else as given (the `[symbols]` table of the
//! configuration maps the rest).
//!
//! **Response.** `Date,Open,High,Low,Close,Volume` with ISO dates (prices
//! split- and dividend-adjusted by Stooq, so stored as `sync/stooq/{SYMBOL}.csv`
//! whose close is read as the registry says for the kind). An unknown
//! symbol is the body `No data` with status 200: no such symbol. The key is
//! redacted in every printed or stored URL.

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{Http, Request};
use crate::provider::{encode, fail, provenance, Fetch, Provider, Target, Window};

/// Default base URL.
pub const DEFAULT_BASE: &str = "https://stooq.com";

/// Stooq.
#[derive(Debug, Clone)]
pub struct Stooq {
    /// Base URL.
    pub base: String,
    /// API key (required).
    pub api_key: Option<String>,
}

/// Stooq's name for one of our symbols.
pub fn stooq_symbol(symbol: &str) -> String {
    if symbol.chars().all(|c| c.is_ascii_alphanumeric()) {
        format!("{}.us", symbol.to_ascii_lowercase())
    } else {
        symbol.to_ascii_lowercase()
    }
}

impl Provider for Stooq {
    fn id(&self) -> &'static str {
        "stooq"
    }

    fn source_path(&self, symbol: &str) -> String {
        format!("sync/stooq/{symbol}.csv")
    }

    fn fetch(&self, http: &Http, target: &Target, window: &Window) -> Result<Fetch, FetchError> {
        let symbol = target.stored.as_str();
        let Some(key) = &self.api_key else {
            return Err(fail(
                "stooq",
                symbol,
                None,
                FetchErrorKind::NoKey {
                    help: "Stooq needs an API key: set STOOQ_API_KEY, or api_key / api_key_env \
                           under [providers.stooq] in the configuration"
                        .into(),
                },
            ));
        };
        let mut url = format!("{}/q/d/l/?s={}&i=d", self.base, encode(&target.remote));
        if let Some(from) = window.from {
            url.push_str(&format!("&d1={}", from.format("%Y%m%d")));
        }
        let redacted = format!("{url}&apikey=REDACTED");
        url.push_str(&format!("&apikey={}", encode(key)));
        let req = Request {
            provider: "stooq",
            symbol: symbol.to_string(),
            url,
            redacted,
            cacheable: false,
        };
        let resp = http.get(&req)?;
        let text = String::from_utf8_lossy(&resp.body);
        let err = |k| fail("stooq", symbol, Some(&req.redacted), k);
        if text.trim().eq_ignore_ascii_case("no data") {
            return Err(err(FetchErrorKind::NoSuchSymbol {
                status: resp.status,
                message: "No data".into(),
            }));
        }
        let header = text
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !header.starts_with("date,open,high,low,close") {
            return Err(err(FetchErrorKind::Malformed(format!(
                "expected Date,Open,High,Low,Close,Volume, got `{}`",
                header.chars().take(80).collect::<String>()
            ))));
        }
        let rows = text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        Ok(Fetch {
            rows,
            fetched: store::Fetched {
                path: self.source_path(symbol),
                csv: resp.body.clone(),
                provenance: provenance(&req, &resp),
                instrument: None,
            },
            events: Vec::new(),
            attempts: resp.attempts,
        })
    }
}
