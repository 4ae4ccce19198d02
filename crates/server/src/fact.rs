//! `/api/v1/fact`: one [`model::Query`] in, one [`model::Fact`] out.
//!
//! POST takes the Query as JSON, exactly as `model::Query` serialises
//! (`{"kind": "streak", "symbol": "^RUT", "vs": "^GSPC", "as_of": "2026-01-16"}`).
//! GET takes the same fields as URL parameters, with a short syntax for
//! periods and baskets (see [`parse_period`]). Either way `as_of` defaults
//! to the subject's last observation (else the last S&P 500 session).

use crate::error::{ApiError, AppError};
use crate::state::AppState;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::Query;
use axum::Extension;
use axum::Json;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Parameters that hold unsigned integers.
const INTEGER_PARAMS: [&str; 4] = ["window", "window_years", "min_len", "n"];
/// Parameters that hold booleans.
const BOOL_PARAMS: [&str; 2] = ["annualised", "sample"];

/// `GET /api/v1/fact?kind=...&symbol=...`.
pub(crate) async fn api_fact_get(
    Extension(state): Extension<AppState>,
    params: Result<Query<BTreeMap<String, String>>, QueryRejection>,
) -> Result<Json<model::Fact>, ApiError> {
    let Query(params) = params.map_err(AppError::from)?;
    let query = query_from_params(&params)?;
    answer(state, query).await
}

/// `POST /api/v1/fact` with a Query as JSON.
pub(crate) async fn api_fact_post(
    Extension(state): Extension<AppState>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<model::Fact>, ApiError> {
    let Json(value) = body.map_err(AppError::from)?;
    if !value.is_object() {
        return Err(AppError::bad_request(
            "the body must be a JSON object such as {\"kind\": \"drawdown\", \"symbol\": \"^GSPC\"}",
        )
        .into());
    }
    answer(state, value).await
}

async fn answer(state: AppState, mut value: Value) -> Result<Json<model::Fact>, ApiError> {
    if let Value::Object(map) = &mut value {
        if !map.contains_key("as_of") || map.get("as_of").is_some_and(Value::is_null) {
            // Default: the subject's last observation, else the store's last date.
            let subject = ["symbol", "a"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str));
            let latest = subject
                .and_then(|s| state.last_date_of(s))
                .or_else(|| state.default_as_of())
                .ok_or_else(|| AppError::not_found("the store holds no data"))?;
            map.insert("as_of".to_string(), json!(latest));
        }
    }
    let query: model::Query = serde_json::from_value(value).map_err(|e| {
        AppError::bad_request(format!(
            "not a valid fact query: {e}; see the Query schema in /api/v1/openapi.json"
        ))
    })?;
    let worker = state.clone();
    let fact = tokio::task::spawn_blocking(move || worker.engine().fact(&query))
        .await
        .map_err(|e| AppError::Internal(format!("fact task failed: {e}")))??;
    Ok(Json(fact))
}

/// Builds the JSON form of a Query from URL parameters.
fn query_from_params(params: &BTreeMap<String, String>) -> Result<Value, AppError> {
    if !params.contains_key("kind") {
        return Err(AppError::bad_request(
            "missing `kind`: e.g. /api/v1/fact?kind=streak&symbol=^RUT&vs=^GSPC",
        ));
    }
    let mut map = Map::new();
    let mut period_n: Option<Value> = None;
    for (name, text) in params {
        let text = text.trim();
        let value = match name.as_str() {
            "period" => parse_period(text)?,
            "basket" => parse_basket(text),
            "condition" => serde_json::from_str(text).map_err(|e| {
                AppError::bad_request(format!(
                    "`condition` must be JSON such as {{\"type\":\"record_close\"}}: {e}"
                ))
            })?,
            "n" => {
                period_n = Some(parse_integer(name, text)?);
                continue;
            }
            n if INTEGER_PARAMS.contains(&n) => parse_integer(name, text)?,
            b if BOOL_PARAMS.contains(&b) => parse_bool(name, text)?,
            "as_of" | "from" | "to" => {
                let date = model::parse_iso_date(text).ok_or_else(|| {
                    AppError::bad_request(format!(
                        "invalid `{name}` date `{text}`: use YYYY-MM-DD, e.g. 2026-01-16"
                    ))
                })?;
                json!(date)
            }
            _ => Value::String(text.to_string()),
        };
        map.insert(name.clone(), value);
    }
    // `n` alone means "the last n sessions".
    if let (Some(n), false) = (period_n, map.contains_key("period")) {
        map.insert("period".into(), json!({"type": "last_sessions", "n": n}));
    }
    Ok(Value::Object(map))
}

fn parse_integer(name: &str, text: &str) -> Result<Value, AppError> {
    text.parse::<u32>().map(Value::from).map_err(|_| {
        AppError::bad_request(format!(
            "`{name}` must be a whole number between 0 and {}, not `{text}`",
            u32::MAX
        ))
    })
}

fn parse_bool(name: &str, text: &str) -> Result<Value, AppError> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(Value::Bool(true)),
        "false" | "0" | "no" => Ok(Value::Bool(false)),
        _ => Err(AppError::bad_request(format!(
            "`{name}` must be true or false, not `{text}`"
        ))),
    }
}

fn parse_basket(text: &str) -> Value {
    match text.to_ascii_lowercase().as_str() {
        "sectors" | "styles" | "indices" => json!({ "type": text.to_ascii_lowercase() }),
        _ => {
            let symbols: Vec<&str> = text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            json!({ "type": "custom", "symbols": symbols })
        }
    }
}

/// Parses the short period syntax of GET requests:
/// `ytd`, `qtd`, `mtd`, `day`, `last:20`, `since:2026-01-02`,
/// `2025-12-01..2026-01-16`, `2025`, `2025-H1`, `2025-Q4`, `2025-12`, or a
/// JSON object in `model::Period`'s own form.
///
/// # Errors
/// A 400 listing the accepted forms when none matches.
pub(crate) fn parse_period(text: &str) -> Result<Value, AppError> {
    let bad = || {
        AppError::bad_request(format!(
            "unknown period `{text}`: use ytd, qtd, mtd, day, last:N, since:YYYY-MM-DD, \
             YYYY-MM-DD..YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q4, YYYY-MM, or a JSON Period"
        ))
    };
    let lower = text.trim().to_ascii_lowercase();
    if lower.starts_with('{') {
        return serde_json::from_str(text).map_err(|_| bad());
    }
    let simple = match lower.as_str() {
        "ytd" => Some("year_to_date"),
        "qtd" => Some("quarter_to_date"),
        "mtd" => Some("month_to_date"),
        "day" => Some("day"),
        _ => None,
    };
    if let Some(kind) = simple {
        return Ok(json!({ "type": kind }));
    }
    if let Some(n) = lower.strip_prefix("last:") {
        let n: u32 = n.parse().map_err(|_| bad())?;
        return Ok(json!({ "type": "last_sessions", "n": n }));
    }
    if let Some(from) = lower.strip_prefix("since:") {
        let from = model::parse_iso_date(from).ok_or_else(bad)?;
        return Ok(json!({ "type": "since", "from": from }));
    }
    if let Some((a, b)) = lower.split_once("..") {
        let from = model::parse_iso_date(a).ok_or_else(bad)?;
        let to = model::parse_iso_date(b).ok_or_else(bad)?;
        return Ok(json!({ "type": "between", "from": from, "to": to }));
    }
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    if let Some(y) = year(&lower) {
        return Ok(json!({ "type": "year", "year": y }));
    }
    let (y, rest) = lower.split_at(lower.len().min(4));
    let y = year(y).ok_or_else(bad)?;
    let dashed = rest.starts_with('-');
    let rest = rest.trim_start_matches('-');
    if let Some(h) = rest.strip_prefix('h') {
        let half: u8 = h
            .parse()
            .ok()
            .filter(|h| (1..=2).contains(h))
            .ok_or_else(bad)?;
        return Ok(json!({ "type": "half", "year": y, "half": half }));
    }
    if let Some(q) = rest.strip_prefix('q') {
        let quarter: u8 = q
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(bad)?;
        return Ok(json!({ "type": "quarter", "year": y, "quarter": quarter }));
    }
    let month: u32 = Some(rest)
        .filter(|m| dashed && m.len() == 2)
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(bad)?;
    Ok(json!({ "type": "month", "year": y, "month": month }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Date, Period};

    fn period(text: &str) -> Period {
        let value = parse_period(text).expect("period parses");
        serde_json::from_value(value).expect("valid model::Period")
    }

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("valid date")
    }

    #[test]
    fn short_period_syntax_maps_onto_model_periods() {
        assert_eq!(period("ytd"), Period::YearToDate);
        assert_eq!(period("MTD"), Period::MonthToDate);
        assert_eq!(period("last:20"), Period::LastSessions { n: 20 });
        assert_eq!(
            period("since:2026-01-02"),
            Period::Since {
                from: d("2026-01-02")
            }
        );
        assert_eq!(
            period("2025-12-01..2026-01-16"),
            Period::Between {
                from: d("2025-12-01"),
                to: d("2026-01-16")
            }
        );
        assert_eq!(period("2025"), Period::Year { year: 2025 });
        assert_eq!(
            period("2025-H1"),
            Period::Half {
                year: 2025,
                half: 1
            }
        );
        assert_eq!(
            period("2025q4"),
            Period::Quarter {
                year: 2025,
                quarter: 4
            }
        );
        assert_eq!(
            period("2025-12"),
            Period::Month {
                year: 2025,
                month: 12
            }
        );
        for bad in [
            "",
            "2025-13",
            "2025-Q5",
            "last:x",
            "since:2026-02-30",
            "soon",
            "20251",
        ] {
            assert!(parse_period(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn url_parameters_become_a_query() {
        let params: BTreeMap<String, String> = [
            ("kind", "volatility"),
            ("symbol", "^GSPC"),
            ("period", "last:21"),
            ("annualised", "true"),
            ("sample", "1"),
            ("as_of", "2026-01-16"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let query: model::Query =
            serde_json::from_value(query_from_params(&params).expect("builds")).expect("valid");
        assert_eq!(
            query,
            model::Query::Volatility {
                symbol: "^GSPC".into(),
                period: Period::LastSessions { n: 21 },
                annualised: true,
                sample: true,
                as_of: d("2026-01-16"),
            }
        );
    }
}
