//! The tools: each a name, a description, a JSON Schema for its arguments,
//! and a plain function of the [`State`] and the argument object that
//! returns text plus structured JSON with citations.
//!
//! Arguments are validated by deserializing them into typed structs (unknown
//! fields rejected) and then against the data (unknown instrument, a date
//! after the store's last one); every failure is a [`ToolError`] whose
//! message says what is wrong and what to do.

use crate::{limit, schema, State};
use model::{Date, Fact, Field, Query, SeriesQuery};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// One tool as listed to clients.
#[derive(Debug, Clone)]
pub struct ToolDef {
    /// Name clients call.
    pub name: &'static str,
    /// Short human title.
    pub title: &'static str,
    /// What it does, for the assistant.
    pub description: &'static str,
    /// JSON Schema of the argument object.
    pub input_schema: Map<String, Value>,
}

/// What a tool returns.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutput {
    /// Human-readable text (Markdown), bounded by [`limit::MAX_TEXT_CHARS`].
    pub text: String,
    /// The structured result (always an object), bounded by [`limit::MAX_JSON_BYTES`].
    pub structured: Value,
}

/// Why a tool call failed. Every message names what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// No tool of that name.
    #[error("unknown tool `{name}`; the tools are: {known}")]
    UnknownTool {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: String,
    },
    /// The arguments do not fit the tool's schema or name something unknown.
    #[error("bad arguments for `{tool}`: {message}")]
    BadArguments {
        /// The tool.
        tool: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The arguments were fine, but the data cannot answer (no data in the
    /// range, not enough history...).
    #[error("`{tool}` could not answer from the data: {message}")]
    NoAnswer {
        /// The tool.
        tool: &'static str,
        /// Why, naming the data that is missing.
        message: String,
    },
    /// A defect inside marketproof (a caught panic, a broken registry).
    #[error("internal error in `{tool}`: {message}")]
    Internal {
        /// The tool.
        tool: String,
        /// What happened.
        message: String,
    },
}

impl ToolError {
    fn bad(tool: &'static str, message: impl Into<String>) -> ToolError {
        ToolError::BadArguments {
            tool,
            message: message.into(),
        }
    }
}

/// Default rows returned by `series`.
pub const SERIES_ROWS_DEFAULT: usize = 250;
/// Most rows `series` returns in one call.
pub const SERIES_ROWS_MAX: usize = 5_000;
/// Default entries returned by `instruments` and `sources`.
pub const LIST_DEFAULT: usize = 50;
/// Most entries `instruments` and `sources` return in one call.
pub const LIST_MAX: usize = 1_000;

// ---------------------------------------------------------------- arguments

/// Arguments of `series`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SeriesArgs {
    /// Instrument symbol or alias ("^GSPC", "S&P 500", "the Russell", "DGS10").
    symbol: String,
    /// Field [default: close, else adjusted close, else value, else return_pct].
    #[schemars(schema_with = "field_schema")]
    field: Option<Field>,
    /// First date, inclusive.
    from: Option<Date>,
    /// Last date, inclusive [default: the end of the series].
    to: Option<Date>,
    /// Most rows to return (the most recent ones); default 250, at most 5000.
    #[schemars(range(min = 1, max = 5000))]
    limit: Option<usize>,
}

/// Arguments of `instruments`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct InstrumentsArgs {
    /// Text to find in a symbol, name or alias ("russell", "small caps",
    /// "treasury"); empty or absent lists every instrument.
    search: Option<String>,
    /// Only instruments of this kind: index, etf, rate, factor, portfolio,
    /// fundamental, breadth, commodity, currency, crypto, stock.
    kind: Option<String>,
    /// Most instruments to return; default 50.
    #[schemars(range(min = 1, max = 1000))]
    limit: Option<usize>,
}

/// Arguments of `sources`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SourcesArgs {
    /// Only the series of this instrument (symbol or alias).
    symbol: Option<String>,
    /// Most series to return; default 50.
    #[schemars(range(min = 1, max = 1000))]
    limit: Option<usize>,
}

/// Arguments of `check`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CheckArgs {
    /// The article or answer to check: plain text, Markdown or HTML.
    #[schemars(length(min = 1))]
    text: String,
    /// The text's date, for "on Friday", "year to date"... [default: the
    /// dateline found in the text].
    as_of: Option<Date>,
}

/// Arguments of `ask`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AskArgs {
    /// The question, e.g. "How long has the Russell 2000 beaten the S&P 500?".
    #[schemars(length(min = 1))]
    question: String,
    /// Answer as of this date [default: the latest session in the store].
    as_of: Option<Date>,
}

/// Arguments of `brief`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct BriefArgs {
    /// The session to write about [default: the latest session in the store].
    date: Option<Date>,
    /// Include the charts' SVG documents in the JSON (large); default false.
    include_charts: Option<bool>,
}

fn field_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::Schema::try_from(schema::field()).unwrap_or_default()
}

// ---------------------------------------------------------------- definitions

/// Every tool, in the order clients list them.
pub fn definitions() -> Vec<ToolDef> {
    vec![
        ToolDef {
            name: "query",
            title: "Query the data (subject × measure × window × reducer)",
            description: "Compute one number or date about one series with marketproof's query algebra: a subject (one instrument, A relative to B, or a spread) × a measure (level, N-session return or change, drawdown, gap to a moving average, period returns, a flag or the run length of a condition) × a window (one session, a period, all history) × a reducer (last, change, return, max/min with date, mean, std_dev, count, longest run, rank, \"last time at least as extreme\"...). Returns a Fact: value, unit, method, the sources and dates read, and one sentence stating it. Point-in-time: nothing after as_of is read.",
            input_schema: object(schema::query_tool()),
        },
        ToolDef {
            name: "fact",
            title: "Compute a named Fact",
            description: "Compute one named Fact (level, return, return_rank, daily_move, gap, streak, streak_count, record, lowest_since, highest_since, volatility, drawdown, moving_average, cross_section, base_rate, rate_decisions, extreme_move, change, return_spread). Returns the Fact with its method, sources and a sentence. Example: {\"kind\":\"streak\",\"symbol\":\"^RUT\",\"vs\":\"^GSPC\",\"as_of\":\"2026-01-16\"}.",
            input_schema: object(schema::fact_tool()),
        },
        ToolDef {
            name: "series",
            title: "Read a series",
            description: "The observations of one series (date, value, source file), most recent last, limited to `limit` rows (the most recent ones when there are more).",
            input_schema: derived::<SeriesArgs>(),
        },
        ToolDef {
            name: "instruments",
            title: "Find instruments",
            description: "Search the instrument registry by symbol, name or alias (\"russell\", \"small caps\", \"10-year\"): canonical symbol, name, kind, aliases, what an ETF tracks, and which fields the store holds with their first and last dates.",
            input_schema: derived::<InstrumentsArgs>(),
        },
        ToolDef {
            name: "sources",
            title: "List series and source files",
            description: "Every consolidated series in the store (instrument, field, rows, first and last date, data-quality flags, the source files it came from), optionally for one instrument, and the source files with their content hashes and origins.",
            input_schema: derived::<SourcesArgs>(),
        },
        ToolDef {
            name: "check",
            title: "Check the numbers in a text",
            description: "Find every numeric market claim in a text (an article, another assistant's answer) and judge each against the data: supported (within the claim's printed precision), contradicted (with the true value and, when one exists, the reading that would make it true) or unverifiable (saying what is missing). Every verdict cites the Facts it rests on.",
            input_schema: derived::<CheckArgs>(),
        },
        ToolDef {
            name: "ask",
            title: "Ask a question",
            description: "Answer a question about the market data: the plan of fact queries, then a paragraph in which every number is a cited Fact; or a refusal that says what data is missing and suggests questions that can be answered.",
            input_schema: derived::<AskArgs>(),
        },
        ToolDef {
            name: "brief",
            title: "The day's market brief",
            description: "The market article for a session, written from the data alone: Markdown text and the article as JSON (title, key points, sections with the ids of the Facts each paragraph prints, risks, related tickers, every Fact, numbered sources, methods).",
            input_schema: derived::<BriefArgs>(),
        },
    ]
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn derived<T: JsonSchema>() -> Map<String, Value> {
    let mut map = object(schemars::schema_for!(T).to_value());
    // Clients want a plain object schema; the title repeats the Rust type name.
    map.remove("title");
    map.remove("$schema");
    map
}

// ---------------------------------------------------------------- dispatch

/// Calls tool `name` with `arguments` (a JSON object, or null for none).
///
/// # Errors
/// [`ToolError`] naming the unknown tool, the bad argument, or the data
/// that cannot answer.
pub fn call(state: &State, name: &str, arguments: Value) -> Result<ToolOutput, ToolError> {
    let args = match arguments {
        Value::Null => Value::Object(Map::new()),
        Value::Object(_) => arguments,
        other => {
            return Err(ToolError::BadArguments {
                tool: static_name(name),
                message: format!("arguments must be a JSON object, not {}", kind_of(&other)),
            })
        }
    };
    let mut out = match name {
        "query" => query(state, args),
        "fact" => fact(state, args),
        "series" => series(state, parse("series", args)?),
        "instruments" => instruments(state, parse("instruments", args)?),
        "sources" => sources(state, parse("sources", args)?),
        "check" => check_text(state, parse("check", args)?),
        "ask" => ask_question(state, parse("ask", args)?),
        "brief" => brief(state, parse("brief", args)?),
        _ => Err(ToolError::UnknownTool {
            name: name.to_string(),
            known: definitions()
                .iter()
                .map(|d| d.name)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }?;
    limit::json(&mut out.structured, limit::MAX_JSON_BYTES);
    out.text = limit::text(
        &out.text,
        limit::MAX_TEXT_CHARS,
        "the structured result has the data; ask for a narrower window or a lower limit",
    );
    Ok(out)
}

fn static_name(name: &str) -> &'static str {
    definitions()
        .into_iter()
        .map(|d| d.name)
        .find(|n| *n == name)
        .unwrap_or("tool")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Deserializes arguments, naming the path of the first bad one
/// (`measure.pred: unknown variant ...`).
fn parse<T: serde::de::DeserializeOwned>(tool: &'static str, args: Value) -> Result<T, ToolError> {
    serde_path_to_error::deserialize(args).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            ToolError::bad(tool, inner.to_string())
        } else {
            ToolError::bad(tool, format!("{path}: {inner}"))
        }
    })
}

// ---------------------------------------------------------------- helpers

impl State {
    fn as_of_or_latest(&self, tool: &'static str, as_of: Option<Date>) -> Result<Date, ToolError> {
        let latest = self.latest().ok_or_else(|| ToolError::NoAnswer {
            tool,
            message: "the store is empty: import data first (`marketproof import DIR`)".into(),
        })?;
        match as_of {
            None => Ok(latest),
            Some(d) => {
                let last_any = self.universe().last_date().unwrap_or(latest);
                if d > last_any {
                    Err(ToolError::bad(
                        tool,
                        format!(
                            "as_of {d} is after the last date in the store ({last_any}); \
                             nothing is known about it yet"
                        ),
                    ))
                } else {
                    Ok(d)
                }
            }
        }
    }

    /// The canonical symbol of a symbol or alias known to the store.
    fn known_symbol(&self, tool: &'static str, name: &str) -> Result<String, ToolError> {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err(ToolError::bad(tool, "an instrument symbol is empty"));
        }
        let engine = facts::Engine::new(self.universe());
        let canonical = engine.canonical(trimmed);
        if Field::ALL
            .iter()
            .any(|f| self.universe().get(&canonical, *f).is_some())
        {
            return Ok(canonical);
        }
        let upper = trimmed.to_uppercase();
        if upper != trimmed {
            let canonical = engine.canonical(&upper);
            if Field::ALL
                .iter()
                .any(|f| self.universe().get(&canonical, *f).is_some())
            {
                return Ok(canonical);
            }
        }
        Err(ToolError::bad(
            tool,
            format!(
                "unknown instrument `{trimmed}`: no series for it in the store; \
                 the `instruments` tool searches symbols, names and aliases"
            ),
        ))
    }
}

/// The citation of each Fact: method and the sources and dates it read.
pub(crate) fn citations(facts: &[Fact]) -> Vec<Value> {
    facts
        .iter()
        .map(|f| {
            json!({
                "fact": f.id,
                "method": format!("{} v{}", f.method.id, f.method.version),
                "sources": f.inputs.iter().map(|i| json!({
                    "instrument": i.instrument,
                    "field": i.field,
                    "path": i.source_path,
                    "from": i.from,
                    "to": i.to,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn fact_output(mut fact: Fact, query: &Query) -> ToolOutput {
    fact.id = "f1".to_string();
    let text = facts::format_fact_text(&fact);
    let citation = citations(std::slice::from_ref(&fact));
    ToolOutput {
        text,
        structured: json!({
            "fact": fact,
            "query": query,
            "citations": citation,
        }),
    }
}

fn fact_error(tool: &'static str, err: &facts::FactError) -> ToolError {
    let message = err.to_string();
    match err {
        facts::FactError::UnknownInstrument { .. } | facts::FactError::InvalidPeriod { .. } => {
            ToolError::bad(tool, message)
        }
        _ => ToolError::NoAnswer { tool, message },
    }
}

// ---------------------------------------------------------------- tools

fn query(state: &State, mut args: Value) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "query";
    let as_of = match args.get("as_of") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse::<Date>(TOOL, v.clone()).map_err(|_| {
            ToolError::bad(TOOL, format!("as_of must be a YYYY-MM-DD date, not {v}"))
        })?),
    };
    let as_of = state.as_of_or_latest(TOOL, as_of)?;
    if let Value::Object(map) = &mut args {
        map.insert("as_of".into(), json!(as_of));
    }
    let mut q: SeriesQuery = parse(TOOL, args)?;
    q.subject = match q.subject {
        model::Subject::Symbol { symbol } => model::Subject::Symbol {
            symbol: state.known_symbol(TOOL, &symbol)?,
        },
        model::Subject::Relative { a, b } => model::Subject::Relative {
            a: state.known_symbol(TOOL, &a)?,
            b: state.known_symbol(TOOL, &b)?,
        },
        model::Subject::Spread { a, b } => model::Subject::Spread {
            a: state.known_symbol(TOOL, &a)?,
            b: state.known_symbol(TOOL, &b)?,
        },
    };
    let engine = facts::Engine::new(state.universe());
    let fact = engine.series(&q).map_err(|e| fact_error(TOOL, &e))?;
    Ok(fact_output(fact, &Query::Series(q)))
}

fn fact(state: &State, mut args: Value) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "fact";
    let Some(map) = args.as_object_mut() else {
        return Err(ToolError::bad(TOOL, "arguments must be an object"));
    };
    let kind =
        match map.get("kind") {
            Some(Value::String(k)) => k.clone(),
            _ => return Err(ToolError::bad(
                TOOL,
                "missing `kind` (level, return, streak, record, volatility, ... — see the schema)",
            )),
        };
    let as_of = match map.get("as_of") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse::<Date>(TOOL, v.clone()).map_err(|_| {
            ToolError::bad(TOOL, format!("as_of must be a YYYY-MM-DD date, not {v}"))
        })?),
    };
    let as_of = state.as_of_or_latest(TOOL, as_of)?;
    map.insert("as_of".into(), json!(as_of));
    // Resolve aliases in the instrument fields before the engine sees them.
    for key in ["symbol", "vs", "a", "b"] {
        if let Some(Value::String(s)) = map.get(key) {
            let canonical = state.known_symbol(TOOL, s)?;
            map.insert(key.into(), Value::String(canonical));
        }
    }
    let query: Query = parse(TOOL, args).map_err(|e| match e {
        ToolError::BadArguments { tool, message } => ToolError::BadArguments {
            tool,
            message: format!(
                "{message} (kind `{kind}`; the tool's schema lists each kind's fields)"
            ),
        },
        other => other,
    })?;
    let engine = facts::Engine::new(state.universe());
    let fact = engine.fact(&query).map_err(|e| fact_error(TOOL, &e))?;
    Ok(fact_output(fact, &query))
}

fn series(state: &State, args: SeriesArgs) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "series";
    let symbol = state.known_symbol(TOOL, &args.symbol)?;
    let limit = args.limit.unwrap_or(SERIES_ROWS_DEFAULT);
    if limit == 0 || limit > SERIES_ROWS_MAX {
        return Err(ToolError::bad(
            TOOL,
            format!("limit must be 1..={SERIES_ROWS_MAX}, not {limit}"),
        ));
    }
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if to < from {
            return Err(ToolError::bad(
                TOOL,
                format!("to {to} is before from {from}"),
            ));
        }
    }
    let fields = match args.field {
        Some(f) => vec![f],
        None => vec![
            Field::Close,
            Field::AdjClose,
            Field::Value,
            Field::ReturnPct,
        ],
    };
    let universe = state.universe();
    let Some(series) = fields.iter().find_map(|f| universe.get(&symbol, *f)) else {
        let have: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| universe.get(&symbol, **f).is_some())
            .map(|f| f.as_str())
            .collect();
        return Err(ToolError::bad(
            TOOL,
            format!(
                "{symbol} has no {} series; it has: {}",
                fields
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join("/"),
                have.join(", ")
            ),
        ));
    };
    let lo = args
        .from
        .map_or(0, |d| series.dates().partition_point(|x| *x < d));
    let hi = args
        .to
        .map_or(series.len(), |d| series.len_as_of(d))
        .max(lo);
    let n_in_window = hi - lo;
    let start = hi.saturating_sub(limit).max(lo);
    let path = |id: model::SourceId| universe.source(id).map_or("?", |s| s.path.as_str());
    let points: Vec<Value> = (start..hi)
        .map(|i| json!({"date": series.dates()[i], "value": series.values()[i], "source": series.source_at(i).map_or("?", path)}))
        .collect();
    let sources: Vec<Value> = series
        .source_runs(start..hi)
        .into_iter()
        .map(|(id, from, to)| json!({"path": path(id), "from": from, "to": to}))
        .collect();
    let name = state
        .registry()
        .get(&symbol)
        .map_or(symbol.clone(), |i| i.name.clone());
    let field = series.key().field;
    let mut text = format!("# {symbol} ({name}) {field}\n");
    if start > lo {
        text.push_str(&format!(
            "(the last {} of {n_in_window} observations in the window; ask with from/to or a higher limit for others)\n",
            hi - start
        ));
    }
    for i in start..hi {
        text.push_str(&format!("{}\t{}\n", series.dates()[i], series.values()[i]));
    }
    let mut structured = json!({
        "instrument": symbol,
        "name": name,
        "field": field,
        "observations_in_window": n_in_window,
        "returned": hi - start,
        "points": points,
        "citations": sources,
    });
    if start > lo {
        structured["note"] = json!(format!(
            "limited to the last {} of {n_in_window} observations (limit {limit}, at most {SERIES_ROWS_MAX})",
            hi - start
        ));
    }
    Ok(ToolOutput { text, structured })
}

fn list_limit(tool: &'static str, limit: Option<usize>) -> Result<usize, ToolError> {
    let n = limit.unwrap_or(LIST_DEFAULT);
    if n == 0 || n > LIST_MAX {
        return Err(ToolError::bad(
            tool,
            format!("limit must be 1..={LIST_MAX}, not {n}"),
        ));
    }
    Ok(n)
}

fn instruments(state: &State, args: InstrumentsArgs) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "instruments";
    let limit = list_limit(TOOL, args.limit)?;
    let needle = args
        .search
        .as_deref()
        .map(|s| s.trim().to_lowercase())
        .unwrap_or_default();
    let kind = args.kind.as_deref().map(|k| k.trim().to_lowercase());
    let registry = state.registry();
    // The exact resolution of the text (an alias such as "the Russell") first.
    let exact = registry.resolve(&needle).map(|i| i.symbol.clone());
    let universe = state.universe();
    let mut matches: Vec<&model::Instrument> = registry
        .instruments()
        .iter()
        .filter(|i| {
            needle.is_empty()
                || exact.as_deref() == Some(i.symbol.as_str())
                || i.symbol.to_lowercase().contains(&needle)
                || i.name.to_lowercase().contains(&needle)
                || i.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
        })
        .filter(|i| {
            kind.as_deref()
                .is_none_or(|k| serde_json::to_value(i.kind).is_ok_and(|v| v.as_str() == Some(k)))
        })
        .collect();
    matches.sort_by_key(|i| exact.as_deref() != Some(i.symbol.as_str()));
    let total = matches.len();
    matches.truncate(limit);
    let mut text = String::new();
    let items: Vec<Value> = matches
        .iter()
        .map(|i| {
            let fields: Vec<Value> = Field::ALL
                .iter()
                .filter_map(|f| universe.get(&i.symbol, *f).map(|s| (f, s)))
                .map(|(f, s)| json!({"field": f, "rows": s.len(), "first": s.first_date(), "last": s.last_date()}))
                .collect();
            text.push_str(&format!("{}\t{}\t{:?}\n", i.symbol, i.name, i.kind));
            json!({
                "symbol": i.symbol,
                "name": i.name,
                "kind": i.kind,
                "aliases": i.aliases,
                "tracks": i.tracks,
                "sector": i.sector,
                "style": i.style,
                "description": i.description,
                "in_store": !fields.is_empty(),
                "fields": fields,
            })
        })
        .collect();
    if items.is_empty() {
        text.push_str("no instrument matches; try a shorter search (\"russell\", \"treasury\")\n");
    } else if total > items.len() {
        text.push_str(&format!(
            "({} of {total} shown; raise limit or narrow the search)\n",
            items.len()
        ));
    }
    Ok(ToolOutput {
        text,
        structured: json!({"matches": total, "returned": items.len(), "instruments": items}),
    })
}

fn sources(state: &State, args: SourcesArgs) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "sources";
    let limit = list_limit(TOOL, args.limit)?;
    let only = match &args.symbol {
        Some(s) => Some(state.known_symbol(TOOL, s)?),
        None => None,
    };
    let universe = state.universe();
    let selected: Vec<&model::Series> = universe
        .series
        .values()
        .filter(|s| only.as_deref().is_none_or(|o| s.key().instrument == o))
        .collect();
    let total = selected.len();
    let mut used_sources = std::collections::BTreeSet::new();
    let mut text = String::new();
    let rows: Vec<Value> = selected
        .iter()
        .take(limit)
        .map(|s| {
            let mut ids: Vec<model::SourceId> =
                s.source_spans(0..s.len()).map(|(id, _)| id).collect();
            ids.sort_unstable();
            ids.dedup();
            used_sources.extend(ids.iter().copied());
            let paths: Vec<&str> = ids
                .iter()
                .filter_map(|id| universe.source(*id).map(|x| x.path.as_str()))
                .collect();
            let key = s.key();
            text.push_str(&format!(
                "{}\t{}\t{} rows\t{}..{}\t{}\n",
                key.instrument,
                key.field,
                s.len(),
                s.first_date().map(|d| d.to_string()).unwrap_or_default(),
                s.last_date().map(|d| d.to_string()).unwrap_or_default(),
                paths.join(", ")
            ));
            json!({
                "instrument": key.instrument,
                "field": key.field,
                "rows": s.len(),
                "first": s.first_date(),
                "last": s.last_date(),
                "flags": state.flag_count(&key.instrument, key.field),
                "sources": paths,
            })
        })
        .collect();
    let files: Vec<Value> = universe
        .sources
        .iter()
        .filter(|s| only.is_none() || used_sources.contains(&s.id))
        .take(limit)
        .map(
            |s| json!({"id": s.id.0, "path": s.path, "sha256": s.content_hash, "origin": s.origin}),
        )
        .collect();
    if total > rows.len() {
        text.push_str(&format!(
            "({} of {total} series shown; pass symbol or raise limit)\n",
            rows.len()
        ));
    }
    Ok(ToolOutput {
        text,
        structured: json!({
            "series_total": total,
            "returned": rows.len(),
            "series": rows,
            "source_files_total": if only.is_some() { used_sources.len() } else { universe.sources.len() },
            "source_files": files,
        }),
    })
}

fn check_text(state: &State, args: CheckArgs) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "check";
    if args.text.trim().is_empty() {
        return Err(ToolError::bad(TOOL, "text is empty"));
    }
    if let Some(d) = args.as_of {
        state.as_of_or_latest(TOOL, Some(d))?;
    }
    let checker = state.checker().map_err(|message| ToolError::Internal {
        tool: TOOL.into(),
        message,
    })?;
    let report = checker
        .check(&args.text, check::InputFormat::Auto, args.as_of)
        .map_err(|e| ToolError::bad(TOOL, e.to_string()))?;
    let structured: Value = serde_json::from_str(&check::render(&report, check::Format::Json))
        .map_err(|e| ToolError::Internal {
            tool: TOOL.into(),
            message: format!("rendering the report as JSON: {e}"),
        })?;
    Ok(ToolOutput {
        text: check::render(&report, check::Format::Markdown),
        structured,
    })
}

fn ask_question(state: &State, args: AskArgs) -> Result<ToolOutput, ToolError> {
    const TOOL: &str = "ask";
    if args.question.trim().is_empty() {
        return Err(ToolError::bad(TOOL, "question is empty"));
    }
    let as_of = state.as_of_or_latest(TOOL, args.as_of)?;
    let answer = ask::ask(
        &args.question,
        None,
        as_of,
        state.registry(),
        state.universe(),
    );
    let structured: Value = serde_json::from_str(&ask::render(&answer, ask::Format::Json))
        .map_err(|e| ToolError::Internal {
            tool: TOOL.into(),
            message: format!("rendering the answer as JSON: {e}"),
        })?;
    Ok(ToolOutput {
        text: ask::render(&answer, ask::Format::Text),
        structured,
    })
}

/// The brief for `date` as Markdown and as JSON (charts' SVG dropped unless
/// asked for), shared by the `brief` tool and the brief resources.
pub(crate) fn brief_documents(
    state: &State,
    date: Option<Date>,
    include_charts: bool,
) -> Result<(String, Value), ToolError> {
    const TOOL: &str = "brief";
    let date = match date {
        Some(d) => Some(state.as_of_or_latest(TOOL, Some(d))?),
        None => None,
    };
    let article = report::write_brief(state.universe(), date).map_err(|e| ToolError::NoAnswer {
        tool: TOOL,
        message: e.to_string(),
    })?;
    let markdown = report::render(&article, report::Format::Markdown);
    let mut json: Value = serde_json::from_str(&report::render(&article, report::Format::Json))
        .map_err(|e| ToolError::Internal {
            tool: TOOL.into(),
            message: format!("rendering the brief as JSON: {e}"),
        })?;
    if !include_charts {
        if let Some(Value::Array(charts)) = json.get_mut("charts") {
            for chart in charts {
                if let Some(map) = chart.as_object_mut() {
                    map.remove("svg");
                }
            }
        }
    }
    Ok((markdown, json))
}

fn brief(state: &State, args: BriefArgs) -> Result<ToolOutput, ToolError> {
    let (markdown, mut json) =
        brief_documents(state, args.date, args.include_charts.unwrap_or(false))?;
    if let Some(facts) = json.get("facts").and_then(|f| f.as_array()) {
        let facts: Vec<Fact> = facts
            .iter()
            .filter_map(|f| serde_json::from_value(f.clone()).ok())
            .collect();
        json["citations"] = Value::Array(citations(&facts));
    }
    Ok(ToolOutput {
        text: markdown,
        structured: json,
    })
}
