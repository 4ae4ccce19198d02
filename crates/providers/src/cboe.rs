//! Cboe's index history files (the VIX and its siblings).
//!
//! **Request.** `GET {base}/api/global/us_indices/daily_prices/{NAME}_History.csv`,
//! base `https://cdn.cboe.com`, `NAME` the index without its caret (`VIX`,
//! `VIX9D`, `VVIX`). The whole history every time; the URL is stable, so the
//! body is kept in the HTTP cache and revalidated.
//!
//! **Response.**
//!
//! ```text
//! DATE,OPEN,HIGH,LOW,CLOSE
//! 01/02/1990,17.240000,17.240000,17.240000,17.240000
//! ```
//!
//! Dates are `MM/DD/YYYY`; converted to `Date,Open,High,Low,Close` with ISO
//! dates and stored as `sync/cboe/^{NAME}.csv` (the stem names the index).

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{Http, Request};
use crate::provider::{fail, ohlcv_csv, provenance, Bar, Fetch, Provider, Target, Window};
use model::Date;

/// Default base URL.
pub const DEFAULT_BASE: &str = "https://cdn.cboe.com";

/// Cboe.
#[derive(Debug, Clone)]
pub struct Cboe {
    /// Base URL.
    pub base: String,
}

fn us_date(text: &str) -> Option<Date> {
    let mut it = text.trim().split('/');
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    let y: i32 = it.next()?.parse().ok()?;
    Date::from_ymd_opt(y, m, d)
}

/// Converts Cboe's CSV to bars.
pub(crate) fn convert(body: &[u8]) -> Result<Vec<Bar>, FetchErrorKind> {
    let text =
        std::str::from_utf8(body).map_err(|_| FetchErrorKind::Malformed("not UTF-8".into()))?;
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("").trim().to_ascii_uppercase();
    if header != "DATE,OPEN,HIGH,LOW,CLOSE" {
        return Err(FetchErrorKind::Malformed(format!(
            "expected the header DATE,OPEN,HIGH,LOW,CLOSE, got `{}`",
            header.chars().take(80).collect::<String>()
        )));
    }
    let mut bars = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        let date = cells.first().and_then(|c| us_date(c));
        let (Some(date), 5) = (date, cells.len()) else {
            return Err(FetchErrorKind::Malformed(format!("row `{line}`")));
        };
        let num = |i: usize| {
            cells[i]
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
        };
        bars.push(Bar {
            date,
            open: num(1),
            high: num(2),
            low: num(3),
            close: num(4),
            adj_close: None,
            volume: None,
        });
    }
    Ok(bars)
}

impl Provider for Cboe {
    fn id(&self) -> &'static str {
        "cboe"
    }

    fn whole_history(&self) -> bool {
        true
    }

    fn source_path(&self, symbol: &str) -> String {
        format!("sync/cboe/^{}.csv", symbol.trim_start_matches('^'))
    }

    fn fetch(&self, http: &Http, target: &Target, _window: &Window) -> Result<Fetch, FetchError> {
        let symbol = target.stored.as_str();
        let name = target.remote.trim_start_matches('^');
        let url = format!(
            "{}/api/global/us_indices/daily_prices/{name}_History.csv",
            self.base
        );
        let req = Request {
            provider: "cboe",
            symbol: symbol.to_string(),
            redacted: url.clone(),
            url,
            cacheable: true,
        };
        let resp = http.get(&req).map_err(|mut e| {
            if let FetchErrorKind::Status {
                status: 403 | 404,
                message,
            } = &e.kind
            {
                e.kind = FetchErrorKind::NoSuchSymbol {
                    status: e.status().unwrap_or(404),
                    message: message.clone(),
                };
            }
            e
        })?;
        let bars = convert(&resp.body).map_err(|k| fail("cboe", symbol, Some(&req.redacted), k))?;
        Ok(Fetch {
            rows: bars.len(),
            fetched: store::Fetched {
                path: self.source_path(symbol),
                csv: ohlcv_csv(&bars, false, false),
                provenance: provenance(&req, &resp),
                instrument: None,
            },
            events: Vec::new(),
            attempts: resp.attempts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_dates_become_iso() {
        let bars = convert(
            b"DATE,OPEN,HIGH,LOW,CLOSE\n01/02/1990,17.240000,17.240000,17.240000,17.240000\n",
        )
        .expect("csv");
        assert_eq!(bars[0].date.to_string(), "1990-01-02");
        assert_eq!(bars[0].close, Some(17.24));
        assert!(convert(b"<html>").is_err());
    }
}
