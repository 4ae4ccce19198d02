//! JSON Schemas for the model's query types, written by hand: `model` stays
//! free of schema derives, and an assistant gets descriptions and examples
//! that say what each variant means. They describe exactly the serde form of
//! `model::SeriesQuery` and `model::Query` (a test deserializes every
//! example given here).

use serde_json::{json, Value};

/// A `YYYY-MM-DD` date.
pub(crate) fn date(description: &str) -> Value {
    json!({"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": description})
}

fn symbol(description: &str) -> Value {
    json!({"type": "string", "minLength": 1, "description": description})
}

/// The fields a series can hold.
pub(crate) fn field() -> Value {
    let names: Vec<&str> = model::Field::ALL.iter().map(|f| f.as_str()).collect();
    json!({"type": "string", "enum": names,
           "description": "A series field: open, high, low, close (as printed), adj_close (dividend-adjusted), volume, value (rates, ratios), return_pct (monthly factor returns)."})
}

/// `model::Period`, resolved against the query's as-of date.
pub(crate) fn period() -> Value {
    let year = json!({"type": "integer", "minimum": 1800, "maximum": 2100});
    json!({
        "description": "A window of time ending at or before the as-of date. The base of a return is the last close before the window's first session.",
        "oneOf": [
            {"type": "object", "properties": {"type": {"const": "between"}, "from": date("first session"), "to": date("last session")}, "required": ["type", "from", "to"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "since"}, "from": date("first session")}, "required": ["type", "from"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"enum": ["year_to_date", "quarter_to_date", "month_to_date", "day"]}}, "required": ["type"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "year"}, "year": year}, "required": ["type", "year"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "half"}, "year": year, "half": {"type": "integer", "minimum": 1, "maximum": 2}}, "required": ["type", "year", "half"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "quarter"}, "year": year, "quarter": {"type": "integer", "minimum": 1, "maximum": 4}}, "required": ["type", "year", "quarter"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "month"}, "year": year, "month": {"type": "integer", "minimum": 1, "maximum": 12}}, "required": ["type", "year", "month"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "last_sessions"}, "n": {"type": "integer", "minimum": 1}}, "required": ["type", "n"], "additionalProperties": false}
        ]
    })
}

/// `model::Subject`.
pub(crate) fn subject() -> Value {
    json!({
        "description": "Whose series: one instrument, A relative to B (return measures are A's minus B's, in percentage points), or the spread A − B of two levels. Symbols are canonical (e.g. ^GSPC, ^RUT, IWM, DGS10) or aliases (\"S&P 500\", \"Russell 2000\"); the instruments tool finds them.",
        "oneOf": [
            {"type": "object", "properties": {"type": {"const": "symbol"}, "symbol": symbol("instrument")}, "required": ["type", "symbol"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"enum": ["relative", "spread"]}, "a": symbol("instrument A"), "b": symbol("instrument B, the benchmark")}, "required": ["type", "a", "b"], "additionalProperties": false}
        ]
    })
}

fn pred() -> Value {
    json!({
        "description": "A condition on the inner measure's value: gt/ge/lt/le/abs_gt/abs_ge compare with x; new_max/new_min hold where the value exceeds every earlier one (a record).",
        "oneOf": [
            {"type": "object", "properties": {"type": {"enum": ["gt", "ge", "lt", "le", "abs_gt", "abs_ge"]}, "x": {"type": "number"}}, "required": ["type", "x"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"enum": ["new_max", "new_min"]}}, "required": ["type"], "additionalProperties": false}
        ]
    })
}

fn calendar() -> Value {
    json!({
        "oneOf": [
            {"type": "object", "properties": {"type": {"enum": ["week", "month", "quarter", "half", "year", "year_to_date"]}}, "required": ["type"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "month_of_year"}, "month": {"type": "integer", "minimum": 1, "maximum": 12}}, "required": ["type", "month"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "half_of_year"}, "half": {"type": "integer", "minimum": 1, "maximum": 2}}, "required": ["type", "half"], "additionalProperties": false}
        ]
    })
}

fn order() -> Value {
    json!({"type": "string", "enum": ["highest", "lowest"]})
}

/// The measures that take no inner measure.
fn simple_measures() -> Vec<Value> {
    let sessions = json!({"type": "integer", "minimum": 1});
    vec![
        json!({"type": "object", "description": "A field's level: {\"type\":\"price\"} is the close (else adjusted close, else value); {\"type\":\"field\",\"field\":\"high\"} one field exactly.",
               "properties": {"type": {"const": "level"}, "field": {"oneOf": [
                   {"type": "object", "properties": {"type": {"const": "price"}}, "required": ["type"], "additionalProperties": false},
                   {"type": "object", "properties": {"type": {"const": "field"}, "field": field()}, "required": ["type", "field"], "additionalProperties": false}]}},
               "required": ["type", "field"], "additionalProperties": false}),
        json!({"type": "object", "description": "Return in percent over `sessions` sessions ending at each session (1 = the daily return); change: the same in the series' own units.",
               "properties": {"type": {"enum": ["return", "change"]}, "sessions": sessions.clone()}, "required": ["type", "sessions"], "additionalProperties": false}),
        json!({"type": "object", "description": "open_gap: open over the previous close − 1, in percent; drawdown: close over the running maximum close − 1, in percent.",
               "properties": {"type": {"enum": ["open_gap", "drawdown"]}}, "required": ["type"], "additionalProperties": false}),
        json!({"type": "object", "description": "The intraday high (highest) or low (lowest) over the previous close − 1, in percent.",
               "properties": {"type": {"const": "intraday_move"}, "extreme": order()}, "required": ["type", "extreme"], "additionalProperties": false}),
        json!({"type": "object", "description": "Close over its simple moving average of `sessions` sessions − 1, in percent.",
               "properties": {"type": {"const": "sma_gap"}, "sessions": sessions}, "required": ["type", "sessions"], "additionalProperties": false}),
        json!({"type": "object", "description": "The return (or change) of each calendar period, one value per period; the current period counts to date.",
               "properties": {"type": {"enum": ["period_return", "period_change"]}, "calendar": calendar()}, "required": ["type", "calendar"], "additionalProperties": false}),
    ]
}

/// `model::Measure` (flags and run lengths take one simple measure inside).
pub(crate) fn measure() -> Value {
    let inner = json!({"description": "The measure tested (any measure but flag and run_length).", "oneOf": simple_measures()});
    let mut all = simple_measures();
    all.push(json!({"type": "object", "description": "flag: 1 where `pred` holds of `of`, else 0; run_length: how many consecutive observations up to each one `pred` has held (a streak).",
                    "properties": {"type": {"enum": ["flag", "run_length"]}, "of": inner, "pred": pred()}, "required": ["type", "of", "pred"], "additionalProperties": false}));
    json!({"description": "The value each observation of the subject carries.", "oneOf": all})
}

/// `model::Window`.
pub(crate) fn window() -> Value {
    json!({
        "description": "Which observations count: {\"type\":\"all\"} (all history up to as_of) or {\"type\":\"period\",\"period\":PERIOD}; {\"type\":\"period\",\"period\":{\"type\":\"day\"}} is the as-of session alone.",
        "oneOf": [
            {"type": "object", "properties": {"type": {"const": "all"}}, "required": ["type"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "period"}, "period": period()}, "required": ["type", "period"], "additionalProperties": false}
        ]
    })
}

/// `model::Reduce`.
pub(crate) fn reduce() -> Value {
    let simple = [
        "last",
        "first",
        "change",
        "return",
        "max",
        "min",
        "mean",
        "count",
        "longest_run",
        "first_date",
        "last_date",
        "max_drawdown",
    ];
    json!({
        "description": "How the window's values become the answer. last/first: the value at the window's end/start; change/return: last vs the base before the window; max/min with the date; mean; std_dev; count (observations, or flags that hold); count_runs; longest_run; first_date/last_date where a flag holds; rank of the last value; last_at_least_as_extreme (\"the biggest drop since …\"); from_extreme (\"down 14% from its high\"); max_drawdown.",
        "oneOf": [
            {"type": "object", "properties": {"type": {"enum": simple}}, "required": ["type"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "std_dev"}, "annualised": {"type": "boolean", "description": "× √252"}, "sample": {"type": "boolean", "description": "n − 1 (true) or n"}}, "required": ["type", "annualised", "sample"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "count_runs"}, "min_len": {"type": "integer", "minimum": 1}}, "required": ["type", "min_len"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"enum": ["rank", "last_at_least_as_extreme"]}, "order": order()}, "required": ["type", "order"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "from_extreme"}, "extreme": order(), "within": {"type": "object", "description": "a window, as `window`"}}, "required": ["type", "extreme", "within"], "additionalProperties": false}
        ]
    })
}

/// The input schema of the `query` tool: a `model::SeriesQuery` whose
/// `as_of` may be left out (the latest session).
pub(crate) fn query_tool() -> Value {
    json!({
        "type": "object",
        "properties": {
            "subject": subject(),
            "measure": measure(),
            "window": window(),
            "reduce": reduce(),
            "as_of": date("Point-in-time date: nothing after it is read, and it ends the window [default: the latest session in the store].")
        },
        "required": ["subject", "measure", "window", "reduce"],
        "additionalProperties": false,
        "examples": QUERY_EXAMPLES.iter().filter_map(|e| serde_json::from_str::<Value>(e).ok()).collect::<Vec<_>>()
    })
}

/// Examples of `query` arguments (each is tested to parse and answer).
pub(crate) const QUERY_EXAMPLES: &[&str] = &[
    // The S&P 500's close on 2026-01-16.
    r#"{"subject":{"type":"symbol","symbol":"^GSPC"},"measure":{"type":"level","field":{"type":"price"}},"window":{"type":"period","period":{"type":"day"}},"reduce":{"type":"last"},"as_of":"2026-01-16"}"#,
    // How many sessions in a row the Russell 2000 has beaten the S&P 500.
    r#"{"subject":{"type":"relative","a":"^RUT","b":"^GSPC"},"measure":{"type":"run_length","of":{"type":"return","sessions":1},"pred":{"type":"gt","x":0}},"window":{"type":"period","period":{"type":"day"}},"reduce":{"type":"last"},"as_of":"2026-01-16"}"#,
    // The S&P 500's worst day of 2022, with its date.
    r#"{"subject":{"type":"symbol","symbol":"^GSPC"},"measure":{"type":"return","sessions":1},"window":{"type":"period","period":{"type":"year","year":2022}},"reduce":{"type":"min"},"as_of":"2022-12-30"}"#,
];

fn kind(name: &str, description: &str, props: Value, required: &[&str]) -> Value {
    let mut properties = json!({"kind": {"const": name}, "as_of": date("point-in-time date [default: the latest session]")});
    if let (Some(p), Some(extra)) = (properties.as_object_mut(), props.as_object()) {
        for (k, v) in extra {
            p.insert(k.clone(), v.clone());
        }
    }
    let mut req = vec!["kind"];
    req.extend_from_slice(required);
    json!({"type": "object", "description": description, "properties": properties, "required": req, "additionalProperties": false})
}

/// The input schema of the `fact` tool: one named `model::Query` kind,
/// tagged by `kind`, whose `as_of` may be left out.
pub(crate) fn fact_tool() -> Value {
    let sym = || symbol("instrument symbol or alias");
    let vs = || symbol("benchmark, for a relative streak");
    let dir = || json!({"type": "string", "enum": ["up", "down"]});
    let from = || date("first session considered [default: start of data]");
    let variants = vec![
        kind("level", "A field's value on a date (close, high, a rate...).", json!({"symbol": sym(), "field": field()}), &["symbol", "field"]),
        kind("return", "Period return in percent and index points.", json!({"symbol": sym(), "period": period()}), &["symbol", "period"]),
        kind("return_rank", "Rank of a period's return among all periods of a kind.", json!({"symbol": sym(), "period": period(), "against": {"type": "string", "enum": ["day", "month", "quarter", "half", "year", "year_to_date"]}}), &["symbol", "period", "against"]),
        kind("daily_move", "The day's move and its rank among all daily moves.", json!({"symbol": sym()}), &["symbol"]),
        kind("gap", "Opening gap: open vs previous close.", json!({"symbol": sym()}), &["symbol"]),
        kind("streak", "The current streak ending at as_of (relative to `vs` when given) and the last earlier one as long.", json!({"symbol": sym(), "vs": vs(), "direction": dir()}), &["symbol"]),
        kind("streak_count", "How many streaks of at least min_len sessions in a window.", json!({"symbol": sym(), "vs": vs(), "direction": dir(), "min_len": {"type": "integer", "minimum": 1}, "from": from()}), &["symbol", "direction", "min_len"]),
        kind("record", "Record close or record intraday high as of a date.", json!({"symbol": sym(), "record": {"type": "string", "enum": ["close", "intraday_high"]}}), &["symbol", "record"]),
        kind("lowest_since", "The last earlier close at or below today's.", json!({"symbol": sym()}), &["symbol"]),
        kind("highest_since", "The last earlier close at or above today's.", json!({"symbol": sym()}), &["symbol"]),
        kind("volatility", "Standard deviation of daily returns over a window.", json!({"symbol": sym(), "period": period(), "annualised": {"type": "boolean"}, "sample": {"type": "boolean"}}), &["symbol", "period", "annualised", "sample"]),
        kind("drawdown", "Drawdown from the running peak; correction and bear start dates.", json!({"symbol": sym()}), &["symbol"]),
        kind("moving_average", "Simple moving average, the close's position and the last cross.", json!({"symbol": sym(), "window": {"type": "integer", "minimum": 1}}), &["symbol", "window"]),
        kind("cross_section", "Rank a basket by return over a period.", json!({"basket": {"oneOf": [
            {"type": "object", "properties": {"type": {"enum": ["sectors", "styles", "indices"]}}, "required": ["type"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "custom"}, "symbols": {"type": "array", "items": {"type": "string"}, "minItems": 1}}, "required": ["type", "symbols"], "additionalProperties": false}]}, "period": period()}), &["basket", "period"]),
        kind("base_rate", "Rolling N-year base rate: how often A compounded more than B.", json!({"a": sym(), "b": sym(), "window_years": {"type": "integer", "minimum": 1}, "from": from()}), &["a", "b", "window_years"]),
        kind("rate_decisions", "Fed target-range decisions in a window.", json!({"from": from()}), &[]),
        kind("extreme_move", "The largest one-day gain (up) or decline (down) from `from` to as_of.", json!({"symbol": sym(), "direction": dir(), "from": from()}), &["symbol", "direction"]),
        kind("change", "Change of a level between the last observation on or before `from` and the last on or before as_of, in the field's units.", json!({"symbol": sym(), "field": field(), "from": date("the earlier date")}), &["symbol", "from"]),
        kind("return_spread", "A's period return minus B's, in percentage points.", json!({"a": sym(), "b": sym(), "period": period()}), &["a", "b", "period"]),
    ];
    json!({
        "type": "object",
        "description": "One named fact query, tagged by `kind`. For any one-series reduction (max, min, count, runs, ranks, \"since\"), use the query tool.",
        "oneOf": variants,
        "required": ["kind"],
        "examples": FACT_EXAMPLES.iter().filter_map(|e| serde_json::from_str::<Value>(e).ok()).collect::<Vec<_>>()
    })
}

/// Examples of `fact` arguments (each is tested to parse and answer).
pub(crate) const FACT_EXAMPLES: &[&str] = &[
    r#"{"kind":"streak","symbol":"^RUT","vs":"^GSPC","as_of":"2026-01-16"}"#,
    r#"{"kind":"return","symbol":"^RUT","period":{"type":"between","from":"2026-01-02","to":"2026-01-16"},"as_of":"2026-01-16"}"#,
    r#"{"kind":"rate_decisions","from":"2025-01-01","as_of":"2025-12-31"}"#,
    r#"{"kind":"record","symbol":"^RUT","record":"close","as_of":"2026-01-16"}"#,
];
