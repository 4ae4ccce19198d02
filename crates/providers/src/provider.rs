//! The one trait every provider implements, and what they share: the
//! fetch window, the result, provenance, and the CSV the store reads.

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{rfc3339, Http, Request, Response};
use model::{Date, Instrument};
use std::fmt::Write;
use std::time::SystemTime;

/// What to fetch.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// First date wanted; `None` means the whole history.
    pub from: Option<Date>,
    /// The time of the run (the end of the window): `period2` at Yahoo,
    /// and what tells an unfinished session's bar from a closed one.
    pub now: SystemTime,
}

/// One successful fetch.
#[derive(Debug, Clone)]
pub struct Fetch {
    /// What the store will read.
    pub fetched: store::Fetched,
    /// Data rows in the converted body.
    pub rows: usize,
    /// Corporate actions and other events the response reported
    /// (dividends, splits), one line each, and what the conversion left
    /// out on purpose (an unfinished bar).
    pub events: Vec<String>,
    /// Requests made (including retries and metadata requests).
    pub attempts: u32,
}

/// A data provider: how to ask for a symbol's history and how to read the
/// answer. Each implementation documents its request and response formats.
pub trait Provider: Send + Sync {
    /// Short id: `yahoo`, `fred`, `french`, `cboe`, `stooq`.
    fn id(&self) -> &'static str;
    /// Whether every response holds the whole history (Ken French, Cboe,
    /// FRED's CSV): the window's start is then not sent.
    fn whole_history(&self) -> bool {
        false
    }
    /// The stored source path for `symbol`: `sync/<id>/<file>`.
    fn source_path(&self, symbol: &str) -> String;
    /// Fetches `target` over `window`.
    ///
    /// # Errors
    /// A [`FetchError`] naming the provider, symbol, URL and status.
    fn fetch(&self, http: &Http, target: &Target, window: &Window) -> Result<Fetch, FetchError>;
}

/// One thing to fetch: the provider, its name for the data, and the
/// symbol (or dataset) it is stored as.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Target {
    /// Provider id.
    pub provider: &'static str,
    /// The provider's symbol (`DX-Y.NYB`, `spy.us`, `VIX`, a FRED series id,
    /// a French dataset).
    pub remote: String,
    /// Our symbol, the stem of the stored source (`DXY`, `SPY`, `^VIX`);
    /// for a French dataset, the dataset.
    pub stored: String,
}

/// An error of `provider` about `symbol` with no request behind it.
pub(crate) fn fail(
    provider: &str,
    symbol: &str,
    url: Option<&str>,
    kind: FetchErrorKind,
) -> FetchError {
    FetchError {
        provider: provider.to_string(),
        symbol: symbol.to_string(),
        url: url.map(str::to_string),
        attempts: 1,
        kind,
    }
}

/// The provenance of a response.
pub(crate) fn provenance(req: &Request, resp: &Response) -> store::Provenance {
    store::Provenance {
        provider: req.provider.to_string(),
        url: req.redacted.clone(),
        fetched_at: rfc3339(resp.fetched_at),
        response_sha256: resp.sha256(),
        response_bytes: resp.body.len() as u64,
        http_status: resp.status,
    }
}

/// Percent-encodes a path segment or query value (RFC 3986 unreserved
/// characters kept).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One daily bar; `None` where the provider sent null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bar {
    pub(crate) date: Date,
    pub(crate) open: Option<f64>,
    pub(crate) high: Option<f64>,
    pub(crate) low: Option<f64>,
    pub(crate) close: Option<f64>,
    pub(crate) adj_close: Option<f64>,
    pub(crate) volume: Option<f64>,
}

/// The OHLCV CSV the store's readers know: `Date,Open,High,Low,Close[,Adj
/// Close],Volume`, empty cells for nulls, numbers printed exactly (the
/// shortest text that reads back as the same f64).
pub(crate) fn ohlcv_csv(bars: &[Bar], with_adj: bool, with_volume: bool) -> Vec<u8> {
    let mut out = String::from("Date,Open,High,Low,Close");
    if with_adj {
        out.push_str(",Adj Close");
    }
    if with_volume {
        out.push_str(",Volume");
    }
    out.push('\n');
    let cell = |out: &mut String, v: Option<f64>| {
        out.push(',');
        if let Some(v) = v {
            let _ = write!(out, "{v}");
        }
    };
    for b in bars {
        let _ = write!(out, "{}", b.date.format("%Y-%m-%d"));
        cell(&mut out, b.open);
        cell(&mut out, b.high);
        cell(&mut out, b.low);
        cell(&mut out, b.close);
        if with_adj {
            cell(&mut out, b.adj_close);
        }
        if with_volume {
            cell(&mut out, b.volume);
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// A provider's metadata as a learnt instrument.
pub(crate) fn instrument(
    symbol: &str,
    kind: model::InstrumentKind,
    name: Option<&str>,
    exchange: Option<&str>,
    currency: Option<&str>,
) -> Instrument {
    let mut inst = Instrument::bare(symbol, kind);
    if let Some(n) = name.map(str::trim).filter(|n| !n.is_empty()) {
        inst.name = n.to_string();
    }
    inst.exchange = exchange.map(str::to_string);
    inst.currency = currency.map(str::to_string);
    inst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_unreserved_characters() {
        assert_eq!(encode("^GSPC"), "%5EGSPC");
        assert_eq!(encode("EURUSD=X"), "EURUSD%3DX");
        assert_eq!(encode("BRK.B"), "BRK.B");
    }

    #[test]
    fn csv_prints_nulls_as_empty_cells_and_numbers_exactly() {
        let d = model::parse_iso_date("2025-08-22").expect("date");
        let bars = [Bar {
            date: d,
            open: Some(226.17),
            high: None,
            low: Some(0.1 + 0.2),
            close: Some(227.75999450683594),
            adj_close: Some(227.75999450683594),
            volume: Some(42_263_900.0),
        }];
        let csv = String::from_utf8(ohlcv_csv(&bars, true, true)).expect("utf8");
        assert_eq!(
            csv,
            "Date,Open,High,Low,Close,Adj Close,Volume\n\
             2025-08-22,226.17,,0.30000000000000004,227.75999450683594,227.75999450683594,42263900\n"
        );
    }
}
