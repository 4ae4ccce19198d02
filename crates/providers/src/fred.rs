//! FRED (Federal Reserve Bank of St. Louis): rates and economic series.
//!
//! **Without a key** — the CSV download every FRED graph offers:
//! `GET {base}/graph/fredgraph.csv?id={SERIES}[&cosd={YYYY-MM-DD}]`, base
//! `https://fred.stlouisfed.org`. Response:
//!
//! ```text
//! observation_date,DGS10
//! 2026-08-20,4.31
//! 2026-08-21,
//! ```
//!
//! (older downloads say `DATE` and write a missing value as `.`; both are
//! read). An unknown series is a 404 (or an HTML page): no such symbol.
//!
//! **With a key** (`FRED_API_KEY`, or the configured key or variable) —
//! the API: `GET {api}/fred/series/observations?series_id={SERIES}&
//! api_key={KEY}&file_type=json[&observation_start=D][&realtime_start=D&
//! realtime_end=D]`, base `https://api.stlouisfed.org`. Response:
//!
//! ```text
//! {"realtime_start":"2026-08-24","realtime_end":"2026-08-24", ...,
//!  "observations":[{"realtime_start":"2026-08-24","realtime_end":"2026-08-24",
//!                   "date":"2026-08-21","value":"4.32"}, {"date":..,"value":"."}]}
//! ```
//!
//! `value` is a string, `"."` when missing. The real-time period
//! (`realtime_start`/`realtime_end`) asks for the values as they were known
//! on those dates (ALFRED vintages), so a rate series can be fetched
//! point-in-time; the period used is part of the provenance URL. The
//! series' metadata (`/fred/series?series_id=..`: `title`, `units`,
//! `frequency_short`) names the instrument and tells a rate (units in
//! percent) from another series. An unknown series is HTTP 400 with
//! `{"error_code":400,"error_message":"Bad Request.  The series does not
//! exist."}`. The key is redacted (`api_key=REDACTED`) in every URL that is
//! printed or stored.
//!
//! Both are converted to `observation_date,{SYMBOL}`, which the store reads
//! as a one-column wide table (`Value` field).

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{Http, Request};
use crate::provider::{encode, fail, instrument, provenance, Fetch, Provider, Target, Window};
use model::{Date, Frequency, InstrumentKind};
use serde::Deserialize;
use std::fmt::Write;

/// Default base of the CSV download.
pub const DEFAULT_BASE: &str = "https://fred.stlouisfed.org";
/// Default base of the API.
pub const DEFAULT_API_BASE: &str = "https://api.stlouisfed.org";

/// FRED.
#[derive(Debug, Clone)]
pub struct Fred {
    /// Base of the CSV download.
    pub base: String,
    /// Base of the API.
    pub api_base: String,
    /// API key; `None` uses the CSV download.
    pub api_key: Option<String>,
    /// Real-time period (`realtime_start`, `realtime_end`) for the API.
    pub realtime: Option<(Date, Date)>,
}

#[derive(Debug, Deserialize)]
struct Observations {
    observations: Vec<Observation>,
}

#[derive(Debug, Deserialize)]
struct Observation {
    date: String,
    value: String,
}

#[derive(Debug, Deserialize)]
struct SeriesList {
    seriess: Vec<SeriesMeta>,
}

#[derive(Debug, Deserialize)]
struct SeriesMeta {
    #[serde(default)]
    title: String,
    #[serde(default)]
    units: String,
    #[serde(default)]
    frequency_short: String,
}

/// Converts a `fredgraph.csv` body to `observation_date,{symbol}`.
pub(crate) fn convert_csv(symbol: &str, body: &[u8]) -> Result<(Vec<u8>, usize), FetchErrorKind> {
    let text = std::str::from_utf8(body)
        .map_err(|_| FetchErrorKind::Malformed("the CSV is not UTF-8".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    let mut cells = header.split(',');
    let first = cells.next().unwrap_or("").trim().to_ascii_lowercase();
    if !(first == "observation_date" || first == "date") || cells.count() != 1 {
        return Err(FetchErrorKind::Malformed(format!(
            "expected the header `observation_date,{symbol}`, got `{}`",
            header.chars().take(80).collect::<String>()
        )));
    }
    let mut out = format!("observation_date,{symbol}\n");
    let mut rows = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let (date, value) = line
            .split_once(',')
            .ok_or_else(|| FetchErrorKind::Malformed(format!("row `{line}`")))?;
        let value = value.trim();
        let value = if value == "." { "" } else { value };
        let _ = writeln!(out, "{},{value}", date.trim());
        rows += 1;
    }
    Ok((out.into_bytes(), rows))
}

/// Converts an API observations body to `observation_date,{symbol}`.
pub(crate) fn convert_json(symbol: &str, body: &[u8]) -> Result<(Vec<u8>, usize), FetchErrorKind> {
    let obs: Observations = serde_json::from_slice(body)
        .map_err(|e| FetchErrorKind::Malformed(format!("observations JSON: {e}")))?;
    let mut out = format!("observation_date,{symbol}\n");
    for o in &obs.observations {
        let value = if o.value.trim() == "." {
            ""
        } else {
            o.value.trim()
        };
        let _ = writeln!(out, "{},{value}", o.date.trim());
    }
    Ok((out.into_bytes(), obs.observations.len()))
}

fn redact(url: &str) -> String {
    match url.find("api_key=") {
        Some(i) => {
            let rest = &url[i + "api_key=".len()..];
            let end = rest
                .find('&')
                .map_or(url.len(), |j| i + "api_key=".len() + j);
            format!("{}api_key=REDACTED{}", &url[..i], &url[end..])
        }
        None => url.to_string(),
    }
}

fn no_such(e: &mut FetchError) {
    if let FetchErrorKind::Status { status, message } = &e.kind {
        if matches!(*status, 400 | 404) {
            e.kind = FetchErrorKind::NoSuchSymbol {
                status: *status,
                message: message.clone(),
            };
        }
    }
}

impl Fred {
    fn api_request(&self, key: &str, path: &str, symbol: &str, extra: &str) -> Request {
        let url = format!(
            "{}/fred/{path}?series_id={}&api_key={}&file_type=json{extra}",
            self.api_base,
            encode(symbol),
            encode(key)
        );
        Request {
            provider: "fred",
            symbol: symbol.to_string(),
            redacted: redact(&url),
            url,
            cacheable: false,
        }
    }

    fn fetch_api(
        &self,
        http: &Http,
        key: &str,
        symbol: &str,
        window: &Window,
    ) -> Result<Fetch, FetchError> {
        let mut extra = String::new();
        if let Some(from) = window.from {
            let _ = write!(extra, "&observation_start={from}");
        }
        if let Some((a, b)) = self.realtime {
            let _ = write!(extra, "&realtime_start={a}&realtime_end={b}");
        }
        let req = self.api_request(key, "series/observations", symbol, &extra);
        let resp = http.get(&req).map_err(|mut e| {
            no_such(&mut e);
            e
        })?;
        let (csv, rows) = convert_json(symbol, &resp.body)
            .map_err(|k| fail("fred", symbol, Some(&req.redacted), k))?;
        // The metadata names the instrument; a failure here costs only the name.
        let meta_req = self.api_request(key, "series", symbol, "");
        let (meta, meta_attempts) = match http.get(&meta_req) {
            Ok(r) => (
                serde_json::from_slice::<SeriesList>(&r.body)
                    .ok()
                    .and_then(|l| l.seriess.into_iter().next()),
                r.attempts,
            ),
            Err(e) => (None, e.attempts),
        };
        let inst = match meta {
            Some(m) => {
                let kind = if m.units.to_ascii_lowercase().contains("percent") {
                    InstrumentKind::Rate
                } else {
                    InstrumentKind::Fundamental
                };
                let mut inst = instrument(symbol, kind, Some(&m.title), None, None);
                inst.frequency = if m.frequency_short.eq_ignore_ascii_case("M") {
                    Frequency::Monthly
                } else {
                    Frequency::Daily
                };
                if kind == InstrumentKind::Fundamental && inst.frequency == Frequency::Daily {
                    inst.release_lag_days = Some(1);
                }
                Some(inst)
            }
            None => None,
        };
        Ok(Fetch {
            rows,
            fetched: store::Fetched {
                path: self.source_path(symbol),
                csv,
                provenance: provenance(&req, &resp),
                instrument: inst,
            },
            events: Vec::new(),
            attempts: resp.attempts + meta_attempts,
        })
    }

    fn fetch_csv(&self, http: &Http, symbol: &str, window: &Window) -> Result<Fetch, FetchError> {
        let mut url = format!("{}/graph/fredgraph.csv?id={}", self.base, encode(symbol));
        if let Some(from) = window.from {
            let _ = write!(url, "&cosd={from}");
        }
        let req = Request {
            provider: "fred",
            symbol: symbol.to_string(),
            redacted: url.clone(),
            url,
            cacheable: window.from.is_none(),
        };
        let resp = http.get(&req).map_err(|mut e| {
            no_such(&mut e);
            e
        })?;
        let (csv, rows) = convert_csv(symbol, &resp.body)
            .map_err(|k| fail("fred", symbol, Some(&req.redacted), k))?;
        Ok(Fetch {
            rows,
            fetched: store::Fetched {
                path: self.source_path(symbol),
                csv,
                provenance: provenance(&req, &resp),
                instrument: None,
            },
            events: Vec::new(),
            attempts: resp.attempts,
        })
    }
}

impl Provider for Fred {
    fn id(&self) -> &'static str {
        "fred"
    }

    fn source_path(&self, symbol: &str) -> String {
        format!("sync/fred/{symbol}.csv")
    }

    fn fetch(&self, http: &Http, target: &Target, window: &Window) -> Result<Fetch, FetchError> {
        match &self.api_key {
            Some(key) => self.fetch_api(http, key, &target.remote, window),
            None => self.fetch_csv(http, &target.remote, window),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_csv_layouts_convert() {
        let (csv, rows) = convert_csv(
            "DGS10",
            b"observation_date,DGS10\n2026-08-20,4.31\n2026-08-21,\n",
        )
        .expect("new layout");
        assert_eq!(rows, 2);
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "observation_date,DGS10\n2026-08-20,4.31\n2026-08-21,\n"
        );
        let (csv, _) = convert_csv(
            "DGS10",
            b"DATE,DGS10\r\n2026-08-20,4.31\r\n2026-08-21,.\r\n",
        )
        .expect("old layout");
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "observation_date,DGS10\n2026-08-20,4.31\n2026-08-21,\n"
        );
        assert!(convert_csv("DGS10", b"<html>").is_err());
    }

    #[test]
    fn the_api_key_never_shows() {
        let fred = Fred {
            base: DEFAULT_BASE.into(),
            api_base: DEFAULT_API_BASE.into(),
            api_key: Some("abcd1234".into()),
            realtime: None,
        };
        let req = fred.api_request(
            "abcd1234",
            "series/observations",
            "DGS10",
            "&observation_start=2026-08-01",
        );
        assert!(req.url.contains("api_key=abcd1234"));
        assert_eq!(
            req.redacted,
            "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&api_key=REDACTED&file_type=json&observation_start=2026-08-01"
        );
    }

    #[test]
    fn api_observations_convert_with_missing_values() {
        let body = br#"{"realtime_start":"2026-08-24","realtime_end":"2026-08-24","observation_start":"2026-08-20","observations":[{"realtime_start":"2026-08-24","realtime_end":"2026-08-24","date":"2026-08-20","value":"4.31"},{"realtime_start":"2026-08-24","realtime_end":"2026-08-24","date":"2026-08-21","value":"."}]}"#;
        let (csv, rows) = convert_json("DGS10", body).expect("json");
        assert_eq!(rows, 2);
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "observation_date,DGS10\n2026-08-20,4.31\n2026-08-21,\n"
        );
    }
}
