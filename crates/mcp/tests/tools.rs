//! The MCP tools called directly (no transport) over the shared market data:
//! each tool answers with the data's figures and citations, and every kind
//! of bad call is an error that says what is wrong. The protocol itself is
//! tested from outside by the official Python client
//! (`crates/cli/tests/mcp_client.rs`).

use mcp::{call, definitions, State, ToolError};
use serde_json::{json, Value};
use std::sync::OnceLock;

fn state() -> Option<&'static State> {
    static STATE: OnceLock<Option<State>> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let universe = store::testing::shared_universe()?;
            Some(State::from_static(universe, &[]).expect("state builds"))
        })
        .as_ref()
}

macro_rules! state_or_skip {
    () => {
        match state() {
            Some(s) => s,
            None => return,
        }
    };
}

fn ok(state: &State, tool: &str, args: Value) -> mcp::ToolOutput {
    match call(state, tool, args.clone()) {
        Ok(out) => out,
        Err(e) => panic!("{tool} {args}: {e}"),
    }
}

fn err(state: &State, tool: &str, args: Value) -> ToolError {
    match call(state, tool, args.clone()) {
        Ok(out) => panic!("{tool} {args} should fail, gave {}", out.text),
        Err(e) => e,
    }
}

#[test]
fn query_gives_the_sp500_close_and_the_russell_relative_streak() {
    let s = state_or_skip!();
    let close = ok(
        s,
        "query",
        json!({"subject":{"type":"symbol","symbol":"S&P 500"},"measure":{"type":"level","field":{"type":"price"}},
               "window":{"type":"period","period":{"type":"day"}},"reduce":{"type":"last"},"as_of":"2026-01-16"}),
    );
    let value = close.structured["fact"]["value"]
        .as_f64()
        .expect("a number");
    assert!((value - 6940.01).abs() < 0.005, "{value}");
    assert_eq!(close.structured["fact"]["subjects"], json!(["^GSPC"]));
    assert_eq!(
        close.structured["citations"][0]["sources"][0]["path"],
        "guydekowski_market-lab/GSPC.csv"
    );
    assert!(close.text.contains("6,940.01"), "{}", close.text);

    let streak = ok(
        s,
        "query",
        json!({"subject":{"type":"relative","a":"^RUT","b":"^GSPC"},
               "measure":{"type":"run_length","of":{"type":"return","sessions":1},"pred":{"type":"gt","x":0}},
               "window":{"type":"period","period":{"type":"day"}},"reduce":{"type":"last"},"as_of":"2026-01-16"}),
    );
    assert_eq!(streak.structured["fact"]["value"], json!(11));
}

#[test]
fn the_schema_examples_parse_and_answer() {
    let s = state_or_skip!();
    for tool in ["query", "fact"] {
        let def = definitions()
            .into_iter()
            .find(|d| d.name == tool)
            .expect("tool listed");
        let examples = def.input_schema["examples"]
            .as_array()
            .expect("examples")
            .clone();
        assert!(examples.len() >= 3, "{tool}");
        for example in examples {
            let out = ok(s, tool, example);
            assert!(out.structured["fact"]["method"]["id"].is_string());
            assert!(!out.structured["citations"][0]["sources"]
                .as_array()
                .expect("sources")
                .is_empty());
        }
    }
}

#[test]
fn fact_takes_aliases_and_defaults_nothing_silently() {
    let s = state_or_skip!();
    let out = ok(
        s,
        "fact",
        json!({"kind":"streak","symbol":"Russell 2000","vs":"S&P 500","as_of":"2026-01-16"}),
    );
    assert_eq!(out.structured["fact"]["value"], json!(11));
    assert_eq!(out.structured["query"]["symbol"], "^RUT");
    let cuts = ok(
        s,
        "fact",
        json!({"kind":"rate_decisions","from":"2025-09-01","as_of":"2025-12-31"}),
    );
    assert!(cuts.text.contains("3 cuts"), "{}", cuts.text);
}

#[test]
fn bad_calls_say_what_is_wrong() {
    let s = state_or_skip!();
    let e = err(
        s,
        "query",
        json!({"subject":{"type":"symbol","symbol":"^GSPC"}}),
    );
    assert!(e.to_string().contains("missing field `measure`"), "{e}");
    let e = err(
        s,
        "query",
        json!({"subject":{"type":"symbol","symbol":"^GSPC"},"measure":{"type":"run_length","of":{"type":"return","sessions":1},"pred":{"type":"bigger","x":0}},
               "window":{"type":"all"},"reduce":{"type":"last"}}),
    );
    assert!(
        e.to_string().contains("measure: unknown variant `bigger`"),
        "{e}"
    );
    let e = err(
        s,
        "fact",
        json!({"kind":"streak","symbol":"NOPE","as_of":"2026-01-16"}),
    );
    assert!(e.to_string().contains("unknown instrument `NOPE`"), "{e}");
    let e = err(
        s,
        "fact",
        json!({"kind":"level","symbol":"^GSPC","field":"close","as_of":"2099-01-01"}),
    );
    assert!(
        e.to_string().contains("after the last date in the store"),
        "{e}"
    );
    let e = err(s, "fact", json!({"symbol":"^GSPC"}));
    assert!(e.to_string().contains("missing `kind`"), "{e}");
    let e = err(s, "series", json!({"symbol":"^GSPC","limit":0}));
    assert!(e.to_string().contains("limit must be"), "{e}");
    let e = err(s, "series", json!({"symbol":"^GSPC","colour":"red"}));
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");
    let e = err(s, "check", json!({"text":"   "}));
    assert!(e.to_string().contains("text is empty"), "{e}");
    let e = err(s, "ask", json!([1, 2]));
    assert!(e.to_string().contains("must be a JSON object"), "{e}");
    let e = err(s, "nosuch", json!({}));
    assert!(matches!(e, ToolError::UnknownTool { .. }), "{e}");
    // The data cannot answer: a typed error naming the data, not a number.
    let e = err(
        s,
        "fact",
        json!({"kind":"return","symbol":"^GSPC","period":{"type":"year","year":1900},"as_of":"2026-01-16"}),
    );
    assert!(matches!(e, ToolError::NoAnswer { .. }), "{e}");
}

#[test]
fn series_is_limited_with_a_note_and_cites_its_files() {
    let s = state_or_skip!();
    let out = ok(
        s,
        "series",
        json!({"symbol":"^GSPC","from":"2026-01-02","to":"2026-01-16","limit":5}),
    );
    let points = out.structured["points"].as_array().expect("points");
    assert_eq!(points.len(), 5);
    assert_eq!(out.structured["observations_in_window"], json!(11));
    assert_eq!(points[4]["date"], "2026-01-16");
    assert!((points[4]["value"].as_f64().expect("value") - 6940.01).abs() < 0.005);
    assert_eq!(points[4]["source"], "guydekowski_market-lab/GSPC.csv");
    assert!(out.structured["note"]
        .as_str()
        .is_some_and(|n| n.contains("last 5 of 11")));
    assert!(!out.structured["citations"]
        .as_array()
        .expect("citations")
        .is_empty());
}

#[test]
fn instruments_and_sources_find_the_russell() {
    let s = state_or_skip!();
    let out = ok(s, "instruments", json!({"search":"the Russell"}));
    assert_eq!(out.structured["instruments"][0]["symbol"], "^RUT");
    let out = ok(s, "instruments", json!({"search":"russell","kind":"etf"}));
    let symbols: Vec<&str> = out.structured["instruments"]
        .as_array()
        .expect("instruments")
        .iter()
        .filter_map(|i| i["symbol"].as_str())
        .collect();
    assert!(symbols.contains(&"IWM"), "{symbols:?}");
    assert!(!symbols.contains(&"^RUT"), "{symbols:?}");
    let out = ok(s, "sources", json!({"symbol":"^GSPC"}));
    let series = out.structured["series"].as_array().expect("series");
    assert!(series
        .iter()
        .any(|r| r["field"] == "close" && r["first"] == "1927-12-30"));
    assert!(!out.structured["source_files"]
        .as_array()
        .expect("files")
        .is_empty());
}

#[test]
fn check_and_ask_answer_with_the_data() {
    let s = state_or_skip!();
    let out = ok(
        s,
        "check",
        json!({"text":"The Federal Reserve's two rate cuts in late 2025 helped. The S&P 500 closed at 6,940.01 on January 16, 2026."}),
    );
    let claims = out.structured["claims"].as_array().expect("claims");
    // The reader prints the actual count as a number; the explanation names the cuts.
    assert!(
        claims.iter().any(|c| c["verdict"] == "contradicted"
            && c["claimed"] == "2"
            && c["actual"] == "3"
            && c["explanation"]
                .as_str()
                .is_some_and(|e| e.contains("(3 cuts, 0 hikes, net -75 bp)"))),
        "{claims:?}"
    );
    assert!(
        claims.iter().any(|c| c["verdict"] == "supported"),
        "{claims:?}"
    );
    let out = ok(
        s,
        "ask",
        json!({"question":"How long has the Russell 2000 beaten the S&P 500?","as_of":"2026-01-16"}),
    );
    assert_eq!(out.structured["refused"], json!(false));
    // python3 over the CSVs: 11 common sessions from 2026-01-02.
    assert!(
        out.structured["answer"]
            .as_str()
            .is_some_and(|p| p.contains("11 consecutive sessions")
                && p.contains("from 2026-01-02 to 2026-01-16")),
        "{}",
        out.structured["answer"]
    );
    assert_eq!(out.structured["facts"][0]["value"], json!(11));
    let out = ok(
        s,
        "ask",
        json!({"question":"What is Apple's P/E ratio?","as_of":"2026-01-16"}),
    );
    assert_eq!(out.structured["refused"], json!(true));
}

#[test]
fn brief_gives_markdown_and_json_without_svg_by_default() {
    let s = state_or_skip!();
    let out = ok(s, "brief", json!({"date":"2026-01-16"}));
    assert!(
        out.text.starts_with("# "),
        "{}",
        &out.text[..200.min(out.text.len())]
    );
    assert_eq!(out.structured["date"], "2026-01-16");
    assert!(!out.structured["facts"]
        .as_array()
        .expect("facts")
        .is_empty());
    assert!(!out.structured["citations"]
        .as_array()
        .expect("citations")
        .is_empty());
    for chart in out.structured["charts"].as_array().expect("charts") {
        assert!(chart.get("svg").is_none());
    }
    assert!(
        serde_json::to_string(&out.structured).expect("json").len()
            <= mcp::limit::MAX_JSON_BYTES + 1_000
    );
}

#[test]
fn huge_input_is_refused_and_big_output_is_truncated_with_a_note() {
    let s = state_or_skip!();
    let huge = "The S&P 500 rose 1%. ".repeat(check::MAX_INPUT_BYTES / 20 + 10);
    let e = err(s, "check", json!({"text": huge}));
    assert!(e.to_string().contains("limit"), "{e}");
    let out = ok(s, "series", json!({"symbol":"^GSPC","limit":5000}));
    assert!(
        serde_json::to_string(&out.structured).expect("json").len()
            <= mcp::limit::MAX_JSON_BYTES + 1_000
    );
    assert!(
        out.structured["truncated"].is_array(),
        "a 5000-row series is cut to fit"
    );
    assert!(out.text.contains("[truncated:"), "the text says it was cut");
}
