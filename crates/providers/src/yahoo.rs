//! Yahoo Finance's chart API: daily OHLCV, adjusted closes, dividends and
//! splits for stocks, ETFs and indices (`^GSPC`, `^RUT`, `^VIX`).
//!
//! **Request.** `GET {base}/v8/finance/chart/{symbol}?period1={unix}&
//! period2={unix}&interval=1d&events=div%2Csplit&includeAdjustedClose=true`
//! with a browser-like User-Agent (a bare client gets 429s). `base` is
//! `https://query1.finance.yahoo.com` unless configured. The symbol is
//! percent-encoded (`%5EGSPC`). No key.
//!
//! **Response** (JSON):
//!
//! ```text
//! {"chart":{"result":[{
//!    "meta":{"currency":"USD","symbol":"AAPL","exchangeName":"NMS",
//!            "instrumentType":"EQUITY","longName":"Apple Inc.","gmtoffset":-14400,
//!            "currentTradingPeriod":{"regular":{"start":1756128600,"end":1756152000,..}},..},
//!    "timestamp":[1740493800, ...],                 // bar times, UTC seconds
//!    "events":{"dividends":{"1747056600":{"amount":0.26,"date":1747056600}},
//!              "splits":{"1717767000":{"date":..,"numerator":10,"denominator":1,
//!                                      "splitRatio":"10:1"}}},
//!    "indicators":{"quote":[{"open":[..],"high":[..],"low":[..],"close":[..],
//!                            "volume":[..]}],
//!                  "adjclose":[{"adjclose":[..]}]}}],
//!  "error":null}}
//! ```
//!
//! Arrays are aligned with `timestamp`; any element may be `null` (a bar
//! the feed lacks): a null stays an empty cell, and a bar with no price at
//! all is left out. A bar's date is its timestamp in the exchange's time
//! (`gmtoffset`). `close` is split-adjusted but not dividend-adjusted (as
//! traded since the last split) and is stored as `close`; `adjclose` is
//! split- and dividend-adjusted and is stored as `adj_close`: the two are
//! never mixed. A bar inside the current regular session before its end
//! (`currentTradingPeriod.regular`) is unfinished and left out, so an
//! intraday sync never stores a provisional close. Dividends and splits
//! are reported as events. Two bars on one date (Yahoo sometimes appends a
//! live bar) keep the later.
//!
//! **Errors.** An unknown symbol is HTTP 404 with
//! `{"chart":{"result":null,"error":{"code":"Not Found","description":
//! "No data found, symbol may be delisted"}}}`: no such symbol, never
//! retried. 429 (too many requests) and 5xx are retried by the HTTP layer.

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{Http, Request};
use crate::provider::{
    encode, fail, instrument, ohlcv_csv, provenance, Bar, Fetch, Provider, Target, Window,
};
use model::{Date, InstrumentKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::SystemTime;

/// Default base URL.
pub const DEFAULT_BASE: &str = "https://query1.finance.yahoo.com";

/// The Yahoo chart API.
#[derive(Debug, Clone)]
pub struct Yahoo {
    /// Base URL (no trailing slash).
    pub base: String,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    chart: Chart,
}

#[derive(Debug, Deserialize)]
struct Chart {
    #[serde(default)]
    result: Option<Vec<ChartResult>>,
    #[serde(default)]
    error: Option<ChartError>,
}

#[derive(Debug, Deserialize)]
struct ChartError {
    #[serde(default)]
    code: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
struct ChartResult {
    meta: Meta,
    #[serde(default)]
    timestamp: Vec<i64>,
    #[serde(default)]
    events: Option<Events>,
    indicators: Indicators,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    exchange_name: Option<String>,
    #[serde(default)]
    instrument_type: Option<String>,
    #[serde(default)]
    long_name: Option<String>,
    #[serde(default)]
    short_name: Option<String>,
    #[serde(default)]
    gmtoffset: Option<i64>,
    #[serde(default)]
    current_trading_period: Option<TradingPeriods>,
}

#[derive(Debug, Deserialize)]
struct TradingPeriods {
    #[serde(default)]
    regular: Option<Period>,
}

#[derive(Debug, Deserialize)]
struct Period {
    start: i64,
    end: i64,
}

#[derive(Debug, Default, Deserialize)]
struct Events {
    #[serde(default)]
    dividends: BTreeMap<String, Dividend>,
    #[serde(default)]
    splits: BTreeMap<String, Split>,
}

#[derive(Debug, Deserialize)]
struct Dividend {
    amount: f64,
    date: i64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Split {
    date: i64,
    #[serde(default)]
    numerator: Option<f64>,
    #[serde(default)]
    denominator: Option<f64>,
    #[serde(default)]
    split_ratio: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Indicators {
    #[serde(default)]
    quote: Vec<Quote>,
    #[serde(default)]
    adjclose: Vec<AdjClose>,
}

#[derive(Debug, Default, Deserialize)]
struct Quote {
    #[serde(default)]
    open: Vec<Option<f64>>,
    #[serde(default)]
    high: Vec<Option<f64>>,
    #[serde(default)]
    low: Vec<Option<f64>>,
    #[serde(default)]
    close: Vec<Option<f64>>,
    #[serde(default)]
    volume: Vec<Option<f64>>,
}

#[derive(Debug, Default, Deserialize)]
struct AdjClose {
    #[serde(default)]
    adjclose: Vec<Option<f64>>,
}

fn local_date(ts: i64, offset: i64) -> Option<Date> {
    let days = (ts + offset).div_euclid(86_400);
    chrono::DateTime::from_timestamp(days * 86_400, 0).map(|d| d.date_naive())
}

fn unix(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn kind_of(instrument_type: Option<&str>, symbol: &str) -> InstrumentKind {
    match instrument_type.map(str::to_ascii_uppercase).as_deref() {
        Some("ETF" | "MUTUALFUND") => InstrumentKind::Etf,
        Some("INDEX") => InstrumentKind::Index,
        Some("CURRENCY") => InstrumentKind::Currency,
        Some("CRYPTOCURRENCY") => InstrumentKind::Crypto,
        Some("FUTURE") => InstrumentKind::Commodity,
        _ if symbol.starts_with('^') => InstrumentKind::Index,
        _ => InstrumentKind::Stock,
    }
}

/// What a chart response converts to.
#[derive(Debug)]
pub(crate) struct Converted {
    pub(crate) bars: Vec<Bar>,
    pub(crate) with_adj: bool,
    pub(crate) events: Vec<String>,
    pub(crate) instrument: model::Instrument,
}

/// Reads a chart response body (see the module docs).
pub(crate) fn convert(
    symbol: &str,
    body: &[u8],
    now: SystemTime,
) -> Result<Converted, FetchErrorKind> {
    let env: Envelope = serde_json::from_slice(body)
        .map_err(|e| FetchErrorKind::Malformed(format!("chart JSON: {e}")))?;
    if let Some(err) = env.chart.error {
        return Err(if err.code.eq_ignore_ascii_case("not found") {
            FetchErrorKind::NoSuchSymbol {
                status: 200,
                message: err.description,
            }
        } else {
            FetchErrorKind::Malformed(format!("chart error {}: {}", err.code, err.description))
        });
    }
    let result = env
        .chart
        .result
        .and_then(|r| r.into_iter().next())
        .ok_or_else(|| FetchErrorKind::Malformed("chart.result is empty".into()))?;
    let meta = &result.meta;
    let n = result.timestamp.len();
    let quote = result
        .indicators
        .quote
        .into_iter()
        .next()
        .unwrap_or_default();
    let adj = result.indicators.adjclose.into_iter().next();
    let with_adj = adj.is_some();
    let adj = adj.unwrap_or_default().adjclose;
    let ok_len = |v: &Vec<Option<f64>>| v.is_empty() || v.len() == n;
    if ![
        &quote.open,
        &quote.high,
        &quote.low,
        &quote.close,
        &quote.volume,
        &adj,
    ]
    .into_iter()
    .all(ok_len)
        || (n > 0 && quote.close.is_empty())
    {
        return Err(FetchErrorKind::Malformed(format!(
            "arrays of unequal length: {n} timestamps, {} closes, {} adjusted closes",
            quote.close.len(),
            adj.len()
        )));
    }
    let offset = meta.gmtoffset.unwrap_or(0);
    let now_ts = unix(now);
    let unfinished = meta
        .current_trading_period
        .as_ref()
        .and_then(|p| p.regular.as_ref())
        .filter(|r| now_ts < r.end);
    let at = |v: &Vec<Option<f64>>, i: usize| v.get(i).copied().flatten().filter(|x| x.is_finite());
    let mut bars: Vec<Bar> = Vec::with_capacity(n);
    let mut events = Vec::new();
    for (i, &ts) in result.timestamp.iter().enumerate() {
        let date = local_date(ts, offset)
            .ok_or_else(|| FetchErrorKind::Malformed(format!("timestamp {ts}")))?;
        if let Some(r) = unfinished {
            if ts >= r.start {
                events.push(format!(
                    "left out the unfinished bar of {date} (the session is open)"
                ));
                continue;
            }
        }
        let bar = Bar {
            date,
            open: at(&quote.open, i),
            high: at(&quote.high, i),
            low: at(&quote.low, i),
            close: at(&quote.close, i),
            adj_close: at(&adj, i),
            volume: at(&quote.volume, i),
        };
        if bar.open.is_none() && bar.high.is_none() && bar.low.is_none() && bar.close.is_none() {
            continue;
        }
        match bars.last_mut() {
            Some(last) if last.date == date => *last = bar,
            Some(last) if last.date > date => {
                return Err(FetchErrorKind::Malformed(format!(
                    "timestamps out of order at {date}"
                )))
            }
            _ => bars.push(bar),
        }
    }
    if let Some(ev) = &result.events {
        for d in ev.dividends.values() {
            if let Some(date) = local_date(d.date, offset) {
                events.push(format!("dividend {} on {date}", d.amount));
            }
        }
        for s in ev.splits.values() {
            if let Some(date) = local_date(s.date, offset) {
                let ratio = s.split_ratio.clone().unwrap_or_else(|| {
                    format!(
                        "{}:{}",
                        s.numerator.unwrap_or(1.0),
                        s.denominator.unwrap_or(1.0)
                    )
                });
                events.push(format!("split {ratio} on {date}"));
            }
        }
    }
    let name = meta.long_name.as_deref().or(meta.short_name.as_deref());
    let instrument = instrument(
        symbol,
        kind_of(meta.instrument_type.as_deref(), symbol),
        name,
        meta.exchange_name.as_deref(),
        meta.currency.as_deref(),
    );
    Ok(Converted {
        bars,
        with_adj,
        events,
        instrument,
    })
}

impl Yahoo {
    /// The request for `symbol` (the provider's own symbol) over `window`.
    pub fn request(&self, symbol: &str, window: &Window) -> Request {
        // 1900-01-01, as yfinance asks for "max".
        const EARLIEST: i64 = -2_208_994_789;
        let period1 = window
            .from
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(EARLIEST, |t| t.and_utc().timestamp());
        let period2 = unix(window.now) + 86_400;
        let url = format!(
            "{}/v8/finance/chart/{}?period1={period1}&period2={period2}&interval=1d&\
             events=div%2Csplit&includeAdjustedClose=true",
            self.base,
            encode(symbol)
        );
        Request {
            provider: "yahoo",
            symbol: symbol.to_string(),
            redacted: url.clone(),
            url,
            cacheable: false,
        }
    }

    /// Fetches with a separate stored symbol (`DX-Y.NYB` stored as `DXY`).
    ///
    /// # Errors
    /// As [`Provider::fetch`].
    pub fn fetch_as(
        &self,
        http: &Http,
        symbol: &str,
        stored_as: &str,
        window: &Window,
    ) -> Result<Fetch, FetchError> {
        let req = self.request(symbol, window);
        let resp = http.get(&req).map_err(|mut e| {
            if let FetchErrorKind::Status {
                status: 404,
                message,
            } = &e.kind
            {
                let message = yahoo_error(message).unwrap_or_else(|| message.clone());
                e.kind = FetchErrorKind::NoSuchSymbol {
                    status: 404,
                    message,
                };
            }
            e
        })?;
        let converted = convert(stored_as, &resp.body, window.now)
            .map_err(|kind| fail("yahoo", symbol, Some(&req.redacted), kind))?;
        Ok(Fetch {
            rows: converted.bars.len(),
            fetched: store::Fetched {
                path: self.source_path(stored_as),
                csv: ohlcv_csv(&converted.bars, converted.with_adj, true),
                provenance: provenance(&req, &resp),
                instrument: Some(converted.instrument),
            },
            events: converted.events,
            attempts: resp.attempts,
        })
    }
}

/// The description in Yahoo's error JSON, if the text is one.
fn yahoo_error(text: &str) -> Option<String> {
    let env: Envelope = serde_json::from_str(text).ok()?;
    env.chart
        .error
        .map(|e| format!("{}: {}", e.code, e.description))
}

impl Provider for Yahoo {
    fn id(&self) -> &'static str {
        "yahoo"
    }

    fn source_path(&self, symbol: &str) -> String {
        format!("sync/yahoo/{symbol}.csv")
    }

    fn fetch(&self, http: &Http, target: &Target, window: &Window) -> Result<Fetch, FetchError> {
        self.fetch_as(http, &target.remote, &target.stored, window)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::snippet;

    #[test]
    fn an_error_body_names_the_missing_symbol() {
        let body = r#"{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}"#;
        assert_eq!(
            yahoo_error(body).as_deref(),
            Some("Not Found: No data found, symbol may be delisted")
        );
        let err = convert("ZZZZ", body.as_bytes(), SystemTime::UNIX_EPOCH).expect_err("error");
        assert!(matches!(
            err,
            FetchErrorKind::NoSuchSymbol { status: 200, .. }
        ));
        assert!(snippet(body.as_bytes(), 20).ends_with('…'));
    }

    #[test]
    fn ragged_arrays_are_malformed() {
        let body = r#"{"chart":{"result":[{"meta":{},"timestamp":[1,2],"indicators":{"quote":[{"close":[1.0]}]}}],"error":null}}"#;
        let err = convert("X", body.as_bytes(), SystemTime::UNIX_EPOCH).expect_err("ragged");
        assert!(matches!(err, FetchErrorKind::Malformed(_)), "{err:?}");
    }
}
