//! The OpenAPI 3 document for `/api/v1`, written by hand.
//!
//! A test checks that every route in [`crate::API_ROUTES`] is described here
//! with its method, and that every path described here is served.

use axum::Json;
use serde_json::{json, Value};

fn error_responses(codes: &[u16]) -> Value {
    let mut map = serde_json::Map::new();
    for code in codes {
        let description = match code {
            400 => "Invalid parameters; the message says which and how to fix them.",
            404 => "Unknown instrument or date, or no data for it.",
            408 => "The request took longer than the server's time limit.",
            403 => "Cross-site request refused (Sec-Fetch-Site or Origin names another site).",
            413 => "Request body over the 1 MiB limit, or (check) more claims or a larger report than one request may hold.",
            414 => "Request target (path and query) over the limit.",
            415 => "Body is not JSON (send Content-Type: application/json), or a text/plain or form body without the x-marketproof header.",
            429 => "Too many checks running; try again in a moment.",
            _ => "Error.",
        };
        map.insert(
            code.to_string(),
            json!({
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
            }),
        );
    }
    Value::Object(map)
}

fn ok(description: &str, schema: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}
    })
}

fn with_errors(ok_response: Value, codes: &[u16]) -> Value {
    let mut responses = error_responses(codes);
    if let Value::Object(map) = &mut responses {
        map.insert("200".into(), ok_response);
    }
    responses
}

fn date_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
           "schema": {"type": "string", "format": "date"}})
}

/// The whole document.
pub(crate) fn document_value() -> Value {
    let fact_params: Vec<Value> = [
        ("kind", "Query kind: level, return, return_rank, daily_move, gap, streak, streak_count, record, lowest_since, highest_since, volatility, drawdown, moving_average, cross_section, base_rate, rate_decisions, event_study."),
        ("symbol", "Instrument symbol or alias (e.g. ^RUT, SPX, small caps)."),
        ("vs", "Benchmark for relative streaks."),
        ("field", "Field for level queries (close, high, value...)."),
        ("period", "ytd, qtd, mtd, day, last:N, since:YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q4, YYYY-MM, or a JSON Period."),
        ("direction", "up or down."),
        ("record", "close or intraday_high."),
        ("against", "Period kind a return is ranked against: day, month, quarter, half, year, year_to_date."),
        ("window", "Moving-average window in sessions."),
        ("annualised", "true to annualise volatility (× √252)."),
        ("sample", "true for the sample standard deviation (n − 1)."),
        ("min_len", "Minimum streak length for streak_count."),
        ("basket", "sectors, styles, indices, or a comma-separated list of symbols."),
        ("a", "Instrument A of a base rate."),
        ("b", "Instrument B of a base rate."),
        ("window_years", "Rolling window of a base rate, in years."),
        ("condition", "Event-study condition as JSON, e.g. {\"type\":\"record_close\"}."),
    ]
    .iter()
    .map(|(name, description)| {
        json!({"name": name, "in": "query", "required": *name == "kind", "description": description,
               "schema": {"type": "string"}})
    })
    .chain([
        date_param("as_of", "Point-in-time date; defaults to the latest date in the store."),
        date_param("from", "Start of the window where the query has one."),
    ])
    .collect();

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "marketproof API",
            "version": "1",
            "description": "Facts computed from imported market data, each with its method and cited inputs. \
                            Errors are JSON {\"error\": message, \"status\": code}. Request bodies are limited \
                            to 1 MiB, query strings to 2 KiB, and each request to 10 s."
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/health": {"get": {
                "summary": "Liveness and the snapshot's data version.",
                "responses": with_errors(ok("Status.", "Health"), &[])
            }},
            "/api/v1/brief": {"get": {
                "summary": "The daily brief (an article whose every figure is a cited Fact), as the CLI's --format json prints it.",
                "parameters": [date_param("date", "Session to write about; default: the latest. A non-session date means the last session before it.")],
                "responses": with_errors(ok("The article.", "Article"), &[400, 404, 408])
            }},
            "/api/v1/ask": {"post": {
                "summary": "Answer a market question: the plan of fact queries, then a paragraph whose every figure is cited.",
                "description": "A question outside the data is answered with refused: true, what is missing, and suggestions. Send the returned `context` with a follow-up question (\"and the Nasdaq 100?\").",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AskRequest"}}}},
                "responses": with_errors(ok("The answer.", "Answer"), &[400, 403, 408, 413, 415])
            }},
            "/api/v1/check": {"post": {
                "summary": "Check the numeric claims of an article against the data.",
                "description": "Send JSON {\"text\", \"as_of\"?, \"format\"?} or the article itself as a text/markdown or text/html body, or a text/plain body with the header `x-marketproof: 1` (then as_of and format go in the URL). At most 1,000 claims and an 8 MiB report per request; a text over 16 KiB is checked in pieces cut at paragraph ends, and the work stops at the request's time limit.",
                "parameters": [
                    date_param("as_of", "Raw-body requests only: the article's date for relative dates."),
                    {"name": "format", "in": "query", "required": false, "description": "Raw-body requests only: auto, text, markdown or html.", "schema": {"type": "string"}}
                ],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
                    "text/plain": {"schema": {"type": "string"}}
                }},
                "responses": with_errors(ok("Verdict per claim.", "CheckReport"), &[400, 403, 408, 413, 415, 429])
            }},
            "/api/v1/instruments": {"get": {
                "summary": "Instruments with data, with registry metadata and their series.",
                "responses": with_errors(ok("Instrument list.", "Instruments"), &[])
            }},
            "/api/v1/series/{symbol}": {"get": {
                "summary": "One series, optionally cut to a date range, with its source runs.",
                "parameters": [
                    {"name": "symbol", "in": "path", "required": true, "description": "Symbol or alias; URL-encode ^ as %5E.", "schema": {"type": "string"}},
                    {"name": "field", "in": "query", "required": false, "description": "open, high, low, close, adj_close, volume, value or return_pct; default: the price field.", "schema": {"type": "string"}},
                    date_param("from", "First date (inclusive)."),
                    date_param("to", "Last date (inclusive).")
                ],
                "responses": with_errors(ok("The series.", "Series"), &[400, 404])
            }},
            "/api/v1/sources": {"get": {
                "summary": "Imported source files with hashes, ranges and data-quality flags.",
                "responses": with_errors(ok("Sources.", "Sources"), &[])
            }},
            "/api/v1/fact": {
                "get": {
                    "summary": "Compute one Fact from URL parameters.",
                    "parameters": fact_params,
                    "responses": with_errors(ok("The Fact.", "Fact"), &[400, 404])
                },
                "post": {
                    "summary": "Compute one Fact from a Query in JSON (as_of optional).",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Query"}}}},
                    "responses": with_errors(ok("The Fact.", "Fact"), &[400, 404, 413, 415])
                }
            },
            "/api/v1/openapi.json": {"get": {
                "summary": "This document.",
                "responses": {"200": {"description": "OpenAPI 3 document.", "content": {"application/json": {}}}}
            }}
        },
        "components": {"schemas": schemas()}
    })
}

fn schemas() -> Value {
    json!({
        "Error": {
            "type": "object", "required": ["error", "status"],
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}
        },
        "Article": {
            "type": "object",
            "description": "report::Article: title, date, market, tags, sentiment, related tickers, key points, sections, risks, opportunities, summary, charts (inline SVG), topics, gaps, facts, numbered sources, methods, disclaimer.",
            "required": ["title", "date", "facts", "sources"],
            "properties": {
                "title": {"type": "string"}, "date": {"type": "string", "format": "date"},
                "market": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "sentiment": {"type": "object"},
                "related": {"type": "array", "items": {"type": "object"}},
                "key_points": {"type": "array", "items": {"type": "string"}},
                "sections": {"type": "array", "items": {"type": "object"}},
                "risks": {"type": "array", "items": {"type": "string"}},
                "opportunities": {"type": "array", "items": {"type": "string"}},
                "summary": {"type": "array", "items": {"type": "string"}},
                "charts": {"type": "array", "items": {"type": "object"}},
                "topics": {"type": "array", "items": {"type": "string"}},
                "gaps": {"type": "array", "items": {"type": "object"}},
                "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}},
                "sources": {"type": "array", "items": {"type": "object"}},
                "methods": {"type": "array", "items": {"type": "object"}},
                "disclaimer": {"type": "string"}
            }
        },
        "AskRequest": {
            "type": "object", "required": ["question"],
            "properties": {
                "question": {"type": "string", "maxLength": 500},
                "context": {"type": "object", "nullable": true, "description": "The `context` of the previous answer, for follow-ups."},
                "as_of": {"type": "string", "format": "date", "description": "Default: the last S&P 500 session."}
            }
        },
        "Answer": {
            "type": "object",
            "properties": {
                "question": {"type": "string"},
                "as_of": {"type": "string", "format": "date", "nullable": true},
                "intent": {"type": "string", "nullable": true},
                "plan": {"type": "array", "items": {"type": "object"}, "description": "The steps: fact queries in the Query vocabulary."},
                "notes": {"type": "array", "items": {"type": "string"}},
                "answer": {"type": "string", "description": "The paragraph; [n] markers refer to citations."},
                "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}},
                "citations": {"type": "array", "items": {"type": "object"}},
                "missing": {"type": "array", "items": {"type": "string"}},
                "suggestions": {"type": "array", "items": {"type": "string"}},
                "refused": {"type": "boolean"},
                "context": {"type": "object", "nullable": true}
            }
        },
        "CheckRequest": {
            "type": "object", "required": ["text"],
            "properties": {
                "text": {"type": "string", "description": "The article: plain text, Markdown or HTML."},
                "as_of": {"type": "string", "format": "date", "description": "The article's date, for relative dates; default: its dateline."},
                "format": {"type": "string", "enum": ["auto", "text", "markdown", "html"]}
            }
        },
        "CheckReport": {
            "type": "object",
            "description": "check::render(.., Json): the article's claims in text order, each with verdict (supported, contradicted, unverifiable), claimed and actual values, explanation, alternatives and the Facts it rests on.",
            "additionalProperties": true
        },
        "Health": {
            "type": "object",
            "properties": {
                "status": {"type": "string"}, "data_version": {"type": "string"},
                "latest_date": {"type": "string", "format": "date", "nullable": true, "description": "Last date of any series."},
                "latest_session": {"type": "string", "format": "date", "nullable": true, "description": "Last S&P 500 close: the default as-of date of briefs and questions."},
                "series": {"type": "integer"}, "sources": {"type": "integer"}
            }
        },
        "SeriesSummary": {
            "type": "object",
            "properties": {
                "field": {"type": "string"}, "from": {"type": "string", "format": "date"},
                "to": {"type": "string", "format": "date"}, "observations": {"type": "integer"}
            }
        },
        "Instruments": {
            "type": "object",
            "properties": {
                "data_version": {"type": "string"},
                "instruments": {"type": "array", "items": {
                    "type": "object",
                    "properties": {
                        "symbol": {"type": "string"}, "name": {"type": "string"},
                        "kind": {"type": "string", "nullable": true},
                        "frequency": {"type": "string", "nullable": true},
                        "aliases": {"type": "array", "items": {"type": "string"}},
                        "tracks": {"type": "string", "nullable": true},
                        "sector": {"type": "string", "nullable": true},
                        "style": {"type": "string", "nullable": true},
                        "description": {"type": "string", "nullable": true},
                        "series": {"type": "array", "items": {"$ref": "#/components/schemas/SeriesSummary"}}
                    }
                }}
            }
        },
        "Series": {
            "type": "object",
            "properties": {
                "symbol": {"type": "string"}, "name": {"type": "string", "nullable": true},
                "field": {"type": "string"},
                "from": {"type": "string", "format": "date", "nullable": true},
                "to": {"type": "string", "format": "date", "nullable": true},
                "observations": {"type": "integer"},
                "dates": {"type": "array", "items": {"type": "string", "format": "date"}},
                "values": {"type": "array", "items": {"type": "number"}},
                "sources": {"type": "array", "items": {"type": "object", "properties": {
                    "source": {"type": "integer"}, "path": {"type": "string"},
                    "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}
                }}}
            }
        },
        "Sources": {
            "type": "object",
            "properties": {
                "data_version": {"type": "string"},
                "sources": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "path": {"type": "string"}, "content_hash": {"type": "string"},
                    "origin": {"type": "string", "nullable": true},
                    "series": {"type": "array", "items": {"type": "string"}},
                    "observations": {"type": "integer"},
                    "from": {"type": "string", "format": "date", "nullable": true},
                    "to": {"type": "string", "format": "date", "nullable": true},
                    "documents": {"type": "integer"}, "members": {"type": "integer"}
                }}},
                "quality": {"type": "array", "items": {"type": "object"}}
            }
        },
        "Query": {
            "type": "object", "required": ["kind"],
            "description": "A model::Query: `kind` selects the variant (snake_case), the other fields are the variant's. Periods are tagged objects such as {\"type\": \"year_to_date\"} or {\"type\": \"between\", \"from\": \"2025-12-01\", \"to\": \"2026-01-16\"}.",
            "properties": {"kind": {"type": "string"}, "symbol": {"type": "string"}, "as_of": {"type": "string", "format": "date"}},
            "additionalProperties": true,
            "example": {"kind": "streak", "symbol": "^RUT", "vs": "^GSPC", "direction": null, "as_of": "2026-01-16"}
        },
        "Fact": {
            "type": "object",
            "required": ["kind", "subjects", "as_of", "value", "unit", "method", "inputs", "text"],
            "properties": {
                "id": {"type": "string"}, "kind": {"type": "string"},
                "subjects": {"type": "array", "items": {"type": "string"}},
                "as_of": {"type": "string", "format": "date"},
                "window": {"type": "array", "items": {"type": "string", "format": "date"}, "nullable": true},
                "value": {"description": "A number, integer, date, boolean, {low, high} range or text."},
                "unit": {"type": "string"},
                "method": {"type": "object", "properties": {"id": {"type": "string"}, "version": {"type": "integer"}}},
                "inputs": {"type": "array", "items": {"type": "object", "properties": {
                    "instrument": {"type": "string"}, "field": {"type": "string"}, "source": {"type": "integer"},
                    "source_path": {"type": "string"}, "from": {"type": "string", "format": "date"},
                    "to": {"type": "string", "format": "date"}
                }}},
                "details": {"type": "object", "additionalProperties": {"type": "object"}},
                "text": {"type": "string"}
            }
        }
    })
}

/// `GET /api/v1/openapi.json`.
pub(crate) async fn document() -> Json<Value> {
    Json(document_value())
}
