//! What the snapshot holds: instruments, series, sources (API and pages),
//! and the instrument page with its chart and Facts.

use crate::chart;
use crate::error::{ApiError, AppError, PageError};
use crate::html::{self, attr, esc, url_segment};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::response::Html;
use axum::Extension;
use axum::Json;
use chrono::Datelike;
use model::display::{self, fact_value, Audience};
use model::{
    Date, Fact, Field, Instrument, InstrumentKind, Period, Query as FactQuery, RecordKind,
    SeriesKey, SourceId, Universe,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One series of an instrument, summarised.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeriesSummary {
    field: Field,
    from: Option<Date>,
    to: Option<Date>,
    observations: usize,
}

/// What the store holds for one source file.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceStats {
    id: SourceId,
    path: String,
    content_hash: String,
    origin: Option<String>,
    series: Vec<String>,
    observations: usize,
    from: Option<Date>,
    to: Option<Date>,
    documents: usize,
    members: usize,
}

/// Per-source counts and ranges, computed once per snapshot.
pub(crate) fn source_stats(universe: &Universe) -> Vec<SourceStats> {
    let mut stats: BTreeMap<SourceId, SourceStats> = universe
        .sources
        .iter()
        .map(|s| {
            let entry = SourceStats {
                id: s.id,
                path: s.path.clone(),
                content_hash: s.content_hash.clone(),
                origin: s.origin.clone(),
                series: Vec::new(),
                observations: 0,
                from: None,
                to: None,
                documents: 0,
                members: 0,
            };
            (s.id, entry)
        })
        .collect();
    for series in universe.series.values() {
        let mut seen: BTreeSet<SourceId> = BTreeSet::new();
        for (source, from, to) in series.source_runs(0..series.len()) {
            let Some(entry) = stats.get_mut(&source) else {
                continue;
            };
            if seen.insert(source) {
                entry.series.push(series.key().to_string());
            }
            entry.from = Some(entry.from.map_or(from, |d| d.min(from)));
            entry.to = Some(entry.to.map_or(to, |d| d.max(to)));
        }
        for (source, span) in series.source_spans(0..series.len()) {
            if let Some(entry) = stats.get_mut(&source) {
                entry.observations += span.len();
            }
        }
    }
    for doc in &universe.documents {
        if let Some(entry) = stats.get_mut(&doc.source) {
            entry.documents += 1;
        }
    }
    for member in &universe.members {
        if let Some(entry) = stats.get_mut(&member.source) {
            entry.members += 1;
        }
    }
    stats.into_values().collect()
}

/// The instrument symbols with data, each with its series.
fn instrument_series(universe: &Universe) -> BTreeMap<&str, Vec<SeriesSummary>> {
    let mut out: BTreeMap<&str, Vec<SeriesSummary>> = BTreeMap::new();
    for (key, series) in &universe.series {
        out.entry(key.instrument.as_str())
            .or_default()
            .push(SeriesSummary {
                field: key.field,
                from: series.first_date(),
                to: series.last_date(),
                observations: series.len(),
            });
    }
    out
}

fn instrument_json(symbol: &str, info: Option<&Instrument>, series: &[SeriesSummary]) -> Value {
    json!({
        "symbol": symbol,
        "name": info.map_or(symbol, |i| i.name.as_str()),
        "kind": info.map(|i| i.kind),
        "frequency": info.map(|i| i.frequency),
        "aliases": info.map_or(&[][..], |i| i.aliases.as_slice()),
        "tracks": info.and_then(|i| i.tracks.as_deref()),
        "sector": info.and_then(|i| i.sector.as_deref()),
        "style": info.and_then(|i| i.style),
        "description": info.and_then(|i| i.description.as_deref()),
        "series": series,
    })
}

/// `GET /api/v1/health`.
pub(crate) async fn api_health(Extension(state): Extension<AppState>) -> Json<Value> {
    let universe = state.universe();
    Json(json!({
        "status": "ok",
        "data_version": state.data_version(),
        "latest_date": state.latest_date(),
        "latest_session": state.default_as_of(),
        "series": universe.series.len(),
        "sources": universe.sources.len(),
    }))
}

/// `GET /api/v1/instruments`.
pub(crate) async fn api_instruments(Extension(state): Extension<AppState>) -> Json<Value> {
    let registry = state.registry();
    let instruments: Vec<Value> = instrument_series(state.universe())
        .iter()
        .map(|(symbol, series)| instrument_json(symbol, registry.get(symbol), series))
        .collect();
    Json(json!({
        "data_version": state.data_version(),
        "instruments": instruments,
    }))
}

/// Query parameters of `GET /api/v1/series/{symbol}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeriesParams {
    field: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// Parses an optional `YYYY-MM-DD` parameter.
pub(crate) fn parse_date_param(name: &str, value: Option<&str>) -> Result<Option<Date>, AppError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => model::parse_iso_date(text).map(Some).ok_or_else(|| {
            AppError::bad_request(format!(
                "invalid `{name}` date `{text}`: use YYYY-MM-DD, e.g. 2026-01-16"
            ))
        }),
    }
}

/// Resolves a path symbol, or a 404 that says where to find valid ones.
pub(crate) fn resolve(state: &AppState, symbol: &str) -> Result<String, AppError> {
    state.resolve_symbol(symbol).ok_or_else(|| {
        AppError::not_found(format!(
            "unknown instrument `{symbol}`: no data for it in the store; see /instruments \
             (or /api/v1/instruments) for the symbols and names available"
        ))
    })
}

/// The field a price chart of `symbol` shows, as the fact engine picks it.
fn price_field(universe: &Universe, symbol: &str) -> Option<Field> {
    [
        Field::Close,
        Field::AdjClose,
        Field::Value,
        Field::ReturnPct,
    ]
    .into_iter()
    .find(|f| universe.get(symbol, *f).is_some())
}

/// `GET /api/v1/series/{symbol}?field=&from=&to=`.
pub(crate) async fn api_series(
    Extension(state): Extension<AppState>,
    Path(symbol): Path<String>,
    params: Result<Query<SeriesParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(params) = params.map_err(AppError::from)?;
    let universe = state.universe();
    let canonical = resolve(&state, &symbol)?;
    let field = match params.field.as_deref().map(str::trim) {
        None | Some("") => price_field(universe, &canonical),
        Some(name) => Some(Field::parse(name).ok_or_else(|| {
            AppError::bad_request(format!(
                "unknown field `{name}`: use one of {}",
                Field::ALL.map(Field::as_str).join(", ")
            ))
        })?),
    };
    let from = parse_date_param("from", params.from.as_deref())?;
    let to = parse_date_param("to", params.to.as_deref())?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(AppError::bad_request(format!(
                "`from` ({a}) is after `to` ({b}); swap them"
            ))
            .into());
        }
    }
    let available: Vec<&str> = universe
        .series
        .keys()
        .filter(|k| k.instrument == canonical)
        .map(|k| k.field.as_str())
        .collect();
    let series = field
        .and_then(|f| universe.series.get(&SeriesKey::new(canonical.as_str(), f)))
        .ok_or_else(|| {
            AppError::not_found(format!(
                "no `{}` series for {canonical}; available fields: {}",
                field.map_or("price", Field::as_str),
                available.join(", ")
            ))
        })?;
    let dates = series.dates();
    let start = from.map_or(0, |d| dates.partition_point(|x| *x < d));
    let end = to.map_or(dates.len(), |d| dates.partition_point(|x| *x <= d));
    let end = end.max(start);
    let sources: Vec<Value> = series
        .source_runs(start..end)
        .into_iter()
        .map(|(id, a, b)| {
            json!({
                "source": id,
                "path": universe.source(id).map(|s| s.path.as_str()),
                "from": a,
                "to": b,
            })
        })
        .collect();
    Ok(Json(json!({
        "symbol": canonical,
        "name": state.registry().get(&canonical).map(|i| i.name.as_str()),
        "field": series.key().field,
        "from": dates.get(start),
        "to": end.checked_sub(1).and_then(|i| dates.get(i)),
        "observations": end - start,
        "dates": &dates[start..end],
        "values": &series.values()[start..end],
        "sources": sources,
    })))
}

/// `GET /api/v1/sources`.
pub(crate) async fn api_sources(Extension(state): Extension<AppState>) -> Json<Value> {
    Json(json!({
        "data_version": state.data_version(),
        "sources": state.source_stats(),
        "quality_summary": flag_groups(state.flags()),
        "quality": state.flags(),
    }))
}

/// The indices a strategist looks at first, in this order.
const MAIN_INDICES: [&str; 6] = ["^GSPC", "^NDX", "^IXIC", "^DJI", "^RUT", "^VIX"];

/// Groups of the instruments page, in order: (heading, kinds).
const GROUPS: [(&str, &[InstrumentKind]); 6] = [
    ("Indices", &[InstrumentKind::Index]),
    ("Funds", &[InstrumentKind::Etf]),
    ("Rates", &[InstrumentKind::Rate]),
    (
        "Breadth, valuation and fundamentals",
        &[InstrumentKind::Breadth, InstrumentKind::Fundamental],
    ),
    (
        "Factor and portfolio returns",
        &[InstrumentKind::Factor, InstrumentKind::Portfolio],
    ),
    (
        "Commodities, currencies, crypto and stocks",
        &[
            InstrumentKind::Commodity,
            InstrumentKind::Currency,
            InstrumentKind::Crypto,
            InstrumentKind::Stock,
        ],
    ),
];

/// The instruments page's body: a search box (filtering as you type, and
/// by `?q=` without JavaScript), then one table per group, main indices
/// first, each row with the last value and the day's move (both Facts)
/// and the data's range. Synthetic benchmark series are left out.
fn instruments_body(state: &AppState, query: &str) -> String {
    let registry = state.registry();
    let engine = state.engine();
    let q = query.trim().to_lowercase();
    let series = instrument_series(state.universe());
    let rank = |sym: &str| {
        MAIN_INDICES
            .iter()
            .position(|m| *m == sym)
            .unwrap_or(MAIN_INDICES.len())
    };
    let mut body = format!(
        "<form class=\"search\" method=\"get\" action=\"/instruments\" role=\"search\">\
         <label for=\"instrument-search\">Find an instrument</label>\
         <input type=\"search\" id=\"instrument-search\" name=\"q\" value=\"{}\" \
         placeholder=\"Symbol or name: Russell, XLK, 10-year\" autocomplete=\"off\">\
         <button type=\"submit\">Search</button></form>",
        attr(query)
    );
    let mut shown = 0;
    for (heading, kinds) in GROUPS {
        let mut members: Vec<(&str, &Vec<SeriesSummary>, Option<&Instrument>)> = series
            .iter()
            .map(|(sym, s)| (*sym, s, registry.get(sym)))
            .filter(|(_, _, info)| info.is_some_and(|i| kinds.contains(&i.kind)))
            .filter(|(sym, _, info)| {
                q.is_empty()
                    || sym.to_lowercase().contains(&q)
                    || info.is_some_and(|i| {
                        i.name.to_lowercase().contains(&q)
                            || i.aliases.iter().any(|a| a.to_lowercase().contains(&q))
                    })
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        members.sort_by_key(|(sym, _, _)| (rank(sym), *sym));
        let mut rows = String::new();
        for (symbol, list, info) in &members {
            let to = list.iter().filter_map(|s| s.to).max();
            let field = price_field(state.universe(), symbol);
            let as_of = to.unwrap_or_default();
            let last = field.and_then(|f| {
                engine
                    .fact(&FactQuery::Level {
                        symbol: symbol.to_string(),
                        field: f,
                        as_of,
                    })
                    .ok()
            });
            let last_txt = last
                .as_ref()
                .map_or(String::new(), |f| match f.value.as_f64() {
                    Some(x) if f.unit == model::Unit::Percent => display::pct(x, 2),
                    Some(x) => display::level(x),
                    None => String::new(),
                });
            let daily = info.is_some_and(|i| i.frequency == model::Frequency::Daily)
                && matches!(field, Some(Field::Close | Field::AdjClose));
            let day = daily
                .then(|| {
                    engine
                        .fact(&FactQuery::DailyMove {
                            symbol: symbol.to_string(),
                            as_of,
                        })
                        .ok()
                })
                .flatten()
                .and_then(|f| f.value.as_f64());
            let (day_txt, day_class) = match day {
                Some(p) if p > 0.0 => (display::signed_pct_grouped(p), " up"),
                Some(p) if p < 0.0 => (display::signed_pct_grouped(p), " down"),
                Some(p) => (display::signed_pct_grouped(p), ""),
                None => (String::new(), ""),
            };
            let aliases = info.map_or(String::new(), |i| i.aliases.join(" | "));
            let _ = write!(
                rows,
                "<tr data-search=\"{search}\"><td><a href=\"/instrument/{href}\">{sym}</a></td>\
                 <td>{name}</td><td class=\"num\">{last}</td><td class=\"num{day_class}\">{day}</td>\
                 <td>{to}</td></tr>",
                search = attr(&format!(
                    "{} {} {}",
                    symbol.to_lowercase(),
                    info.map_or(String::new(), |i| i.name.to_lowercase()),
                    aliases.to_lowercase()
                )),
                href = attr(&url_segment(symbol)),
                sym = esc(symbol),
                name = esc(info.map_or("", |i| i.name.as_str())),
                last = esc(&last_txt),
                day = esc(&day_txt),
                to = to.map_or_else(String::new, |d| d.to_string()),
            );
            shown += 1;
        }
        let id = heading
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-");
        let _ = write!(
            body,
            "<section class=\"instrument-group\" aria-labelledby=\"g-{id}\"><h2 id=\"g-{id}\">{heading}</h2>\
             <div class=\"table-wrap\"><table class=\"instruments\"><thead><tr>\
             <th scope=\"col\">Symbol</th><th scope=\"col\">Name</th>\
             <th scope=\"col\" class=\"num\">Last</th><th scope=\"col\" class=\"num\">Day</th>\
             <th scope=\"col\">Data through</th></tr></thead><tbody>{rows}</tbody></table></div></section>"
        );
    }
    if shown == 0 {
        let _ = write!(
            body,
            "<p class=\"muted\" id=\"no-match\">No instrument matches “{}”.</p>",
            esc(query)
        );
    }
    body
}

/// Query parameters of `GET /instruments`.
#[derive(Debug, Deserialize)]
pub(crate) struct InstrumentsParams {
    q: Option<String>,
}

/// `GET /instruments?q=`: every instrument with data, grouped, main
/// indices first, with its last value and day's move; the list without a
/// query is cached per snapshot.
pub(crate) async fn instruments_page(
    Extension(state): Extension<AppState>,
    params: Result<Query<InstrumentsParams>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = params.map_err(AppError::from)?;
    let q = params.q.unwrap_or_default();
    let worker = state.clone();
    let list = if q.trim().is_empty() {
        let slot = state.instrument_pages().slot(&(String::new(), "list"));
        match slot.get() {
            Some(done) => done.clone(),
            None => tokio::task::spawn_blocking(move || {
                slot.get_or_init(|| Ok(("".into(), instruments_body(&worker, "").into())))
                    .clone()
            })
            .await
            .map_err(|e| AppError::Internal(format!("instruments task failed: {e}")))?,
        }
        .map(|(_, body)| body.to_string())?
    } else {
        let q2 = q.clone();
        tokio::task::spawn_blocking(move || instruments_body(&worker, &q2))
            .await
            .map_err(|e| AppError::Internal(format!("instruments task failed: {e}")))?
    };
    let body = format!(
        "<h1>Instruments</h1><p>Every instrument with data in the store, the main indices \
         first. Open one for its chart and its Facts; the last value and the day's move are \
         Facts as of each series' last date.</p>{list}"
    );
    Ok(html::page("Instruments", "/instruments", &body))
}

/// `GET /sources`.
pub(crate) async fn sources_page(Extension(state): Extension<AppState>) -> Html<String> {
    let mut rows = String::new();
    for s in state.source_stats() {
        let range = match (s.from, s.to) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => String::new(),
        };
        let series = if s.series.len() > 6 {
            format!(
                "{} and {} more",
                s.series[..6].join(", "),
                s.series.len() - 6
            )
        } else {
            s.series.join(", ")
        };
        let extra = match (s.documents, s.members) {
            (0, 0) => String::new(),
            (d, 0) => format!(" · {d} documents"),
            (0, m) => format!(" · {m} members"),
            (d, m) => format!(" · {d} documents, {m} members"),
        };
        let _ = write!(
            rows,
            "<tr><td class=\"file\"><span class=\"path\">{path}</span>{origin}</td>\
             <td class=\"range\">{range}</td><td class=\"num\">{obs}</td>\
             <td class=\"series\">{series}{extra}</td><td class=\"hash\"><code title=\"{hash}\">{short}</code></td></tr>",
            path = esc(&s.path),
            obs = s.observations,
            series = esc(&series),
            hash = attr(&s.content_hash),
            short = esc(s.content_hash.get(..12).unwrap_or(&s.content_hash)),
            origin = s.origin.as_deref().map_or_else(String::new, |o| format!(
                "<span class=\"origin muted\">{}</span>",
                esc(o)
            )),
        );
    }
    let mut body = format!(
        "<h1>Sources</h1><p>The files imported into the store, what each contributed, and its \
         content hash. Data version <code id=\"data-version\">{}</code>.</p>\
         <div class=\"table-wrap wide\"><table id=\"sources\"><thead><tr><th scope=\"col\">File</th>\
         <th scope=\"col\">Range</th><th scope=\"col\" class=\"num\">Observations</th>\
         <th scope=\"col\">Series</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>{rows}\
         </tbody></table></div>",
        esc(state.data_version())
    );
    body.push_str("<h2 id=\"quality\">Quality flags</h2>");
    body.push_str(&flags_table(state.flags()));
    html::page("Sources", "/sources", &body)
}

/// Flags grouped by instrument, field and kind.
#[derive(Debug, Serialize)]
pub(crate) struct FlagGroup<'a> {
    instrument: &'a str,
    field: Field,
    kind: &'static str,
    count: usize,
    first: Date,
    last: Date,
    example: &'a str,
}

fn flag_groups(flags: &[store::Flag]) -> Vec<FlagGroup<'_>> {
    let mut groups: BTreeMap<(&str, Field, &'static str), FlagGroup<'_>> = BTreeMap::new();
    for flag in flags {
        let key = (flag.instrument.as_str(), flag.field, flag.kind.as_str());
        let group = groups.entry(key).or_insert_with(|| FlagGroup {
            instrument: &flag.instrument,
            field: flag.field,
            kind: flag.kind.as_str(),
            count: 0,
            first: flag.date,
            last: flag.end_date,
            example: &flag.detail,
        });
        group.count += 1;
        group.first = group.first.min(flag.date);
        group.last = group.last.max(flag.end_date);
    }
    groups.into_values().collect()
}

fn flags_table(flags: &[store::Flag]) -> String {
    if flags.is_empty() {
        return "<p class=\"muted\">No data-quality flags were recorded for this snapshot.</p>"
            .to_string();
    }
    let mut rows = String::new();
    for g in flag_groups(flags) {
        let _ = write!(
            rows,
            "<tr><td><a href=\"/instrument/{href}\">{sym}</a> {field}</td><td>{kind}</td>\
             <td class=\"num\">{count}</td><td>{first} – {last}</td><td>{example}</td></tr>",
            href = attr(&url_segment(g.instrument)),
            sym = esc(g.instrument),
            field = esc(g.field.as_str()),
            kind = esc(&g.kind.replace('_', " ")),
            count = g.count,
            first = g.first,
            last = g.last,
            example = esc(g.example),
        );
    }
    format!(
        "<p>{} flags: gaps against the NYSE calendar, spikes reversed the next day, stale \
         repeated closes and non-positive prices. They mark observations to treat with \
         care.</p><div class=\"table-wrap\"><table id=\"flags\">\
         <thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Kind</th>\
         <th scope=\"col\" class=\"num\">Count</th><th scope=\"col\">Dates</th>\
         <th scope=\"col\">Example</th></tr></thead><tbody>{rows}</tbody></table></div>",
        flags.len()
    )
}

/// Query parameters of `GET /instrument/{symbol}`.
#[derive(Debug, Deserialize)]
pub(crate) struct InstrumentParams {
    range: Option<String>,
}

/// The chart ranges offered: (parameter, label, months back; 0 = all).
const RANGES: [(&str, &str, u32); 5] = [
    ("1m", "1M", 1),
    ("6m", "6M", 6),
    ("1y", "1Y", 12),
    ("5y", "5Y", 60),
    ("max", "Max", 0),
];

/// `GET /instrument/{symbol}?range=1m|6m|1y|5y|max`.
pub(crate) async fn instrument_page(
    Extension(state): Extension<AppState>,
    Path(symbol): Path<String>,
    params: Result<Query<InstrumentParams>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = params.map_err(AppError::from)?;
    let range = params.range.as_deref().unwrap_or("1y").to_ascii_lowercase();
    let Some(&(range_key, range_label, months)) = RANGES.iter().find(|r| r.0 == range) else {
        return Err(AppError::bad_request(format!(
            "unknown range `{range}`: use one of 1m, 6m, 1y, 5y, max"
        ))
        .into());
    };
    let canonical = resolve(&state, &symbol)?;
    // The snapshot never changes, so a rendered page is cached per range.
    let slot = state
        .instrument_pages()
        .slot(&(canonical.clone(), range_key));
    let rendered = match slot.get() {
        Some(done) => done.clone(),
        None => {
            let worker = state.clone();
            tokio::task::spawn_blocking(move || {
                slot.get_or_init(|| {
                    instrument_body(&worker, &canonical, range_key, range_label, months)
                        .map(|(title, body)| (title.into(), body.into()))
                })
                .clone()
            })
            .await
            .map_err(|e| AppError::Internal(format!("instrument page task failed: {e}")))?
        }
    };
    let (title, body) = rendered?;
    Ok(html::page(&title, "/instruments", &body))
}

fn instrument_body(
    state: &AppState,
    symbol: &str,
    range_key: &str,
    range_label: &str,
    months: u32,
) -> Result<(String, String), AppError> {
    let universe = state.universe();
    let registry = state.registry();
    let info = registry.get(symbol);
    let name = info.map_or(symbol, |i| i.name.as_str());
    let field = price_field(universe, symbol)
        .ok_or_else(|| AppError::not_found(format!("no price series for {symbol}")))?;
    let series = universe
        .get(symbol, field)
        .ok_or_else(|| AppError::not_found(format!("no price series for {symbol}")))?;
    let as_of = series
        .last_date()
        .ok_or_else(|| AppError::not_found(format!("the {symbol} series is empty")))?;
    let dates = series.dates();
    let start = if months == 0 {
        0
    } else {
        let cut = as_of
            .checked_sub_months(chrono::Months::new(months))
            .unwrap_or(as_of);
        dates.partition_point(|d| *d < cut)
    };

    let mut body = String::new();
    let _ = write!(
        body,
        "<h1 id=\"instrument-title\">{name} <span class=\"muted\">{sym}</span></h1>\
         <p class=\"meta\">{desc}Data through {as_of} ({field}).</p>",
        name = esc(name),
        sym = esc(symbol),
        desc = info
            .and_then(|i| i.description.as_deref())
            .map_or_else(String::new, |d| format!("{} ", esc(d))),
        field = esc(field.as_str()),
    );

    // Range selector: plain links, so it works without JS and by keyboard.
    body.push_str("<nav aria-label=\"Chart range\"><ul class=\"ranges\">");
    for (key, label, _) in RANGES {
        let current = if key == range_key {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            body,
            "<li><a href=\"/instrument/{}?range={key}\"{current}>{label}</a></li>",
            attr(&url_segment(symbol))
        );
    }
    body.push_str("</ul></nav>");

    let engine = state.engine();
    // A rate or yield is a level in percent: its change is in percentage
    // points (two Level facts), never a "return".
    let is_rate = info.is_some_and(|i| i.kind == InstrumentKind::Rate);
    let chart_label = format!("{name} {}, {range_label}", field.as_str());
    let caption = if is_rate {
        match dates.get(start) {
            Some(from) if start + 1 < dates.len() => {
                match level_change(state, symbol, field, *from, as_of) {
                    Ok(change) => format!(
                        "{range_label}: <span class=\"fact-value-inline\">{}</span> — {}",
                        esc(&change.value_text()),
                        esc(&change.sentence())
                    ),
                    Err(err) => format!(
                        "{range_label} change not available: {}",
                        esc(&err.to_string())
                    ),
                }
            }
            _ => format!("{range_label}: too few observations for a change."),
        }
    } else {
        // A return over a series of returns means nothing: no caption figure then.
        let range_return = (field != Field::ReturnPct)
            .then(|| dates.get(start + 1))
            .flatten()
            .map(|from| FactQuery::Return {
                symbol: symbol.to_string(),
                period: Period::Since { from: *from },
                as_of,
            });
        match range_return.as_ref().map(|q| engine.fact(q)) {
            Some(Ok(fact)) => format!(
                "{range_label}: <span class=\"fact-value-inline\">{}</span> — {}",
                esc(&fact_value(&fact.value, fact.unit, Audience::Reader)),
                esc(&fact.text)
            ),
            Some(Err(err)) => format!(
                "{range_label} return not available: {}",
                esc(&err.to_string())
            ),
            None if field == Field::ReturnPct => {
                format!("{range_label}: each point is one period's return, in percent.")
            }
            None => format!("{range_label}: too few observations for a return."),
        }
    };
    let (plotted, y_label) = if is_rate {
        (chart::Values::Rate, "percent")
    } else if field == Field::ReturnPct {
        (chart::Values::Returns, "return, %")
    } else if field == Field::AdjClose {
        (chart::Values::Levels, "adjusted close")
    } else {
        (chart::Values::Levels, field.as_str())
    };
    let _ = write!(
        body,
        "<figure class=\"chart\" id=\"price-chart\">{}<figcaption>{caption}</figcaption></figure>",
        chart::line_chart(
            &chart_label,
            y_label,
            &dates[start..],
            &series.values()[start..],
            plotted
        )
    );

    let (last_label, record_label) = if is_rate {
        ("Last value", "Highest value")
    } else {
        ("Last close", "Record close")
    };
    let mut queries: Vec<(&str, FactQuery)> = vec![
        (
            last_label,
            FactQuery::Level {
                symbol: symbol.to_string(),
                field,
                as_of,
            },
        ),
        (
            record_label,
            FactQuery::Record {
                symbol: symbol.to_string(),
                record: RecordKind::Close,
                as_of,
            },
        ),
        (
            "Current streak",
            FactQuery::Streak {
                symbol: symbol.to_string(),
                vs: None,
                direction: None,
                as_of,
            },
        ),
    ];
    // A yield's fall from its peak in percent, or its "return", would read
    // as a price's: a rate gets its change in points below instead.
    if !is_rate {
        queries.push((
            "Drawdown",
            FactQuery::Drawdown {
                symbol: symbol.to_string(),
                as_of,
            },
        ));
        queries.push((
            "Year to date",
            FactQuery::Return {
                symbol: symbol.to_string(),
                period: Period::YearToDate,
                as_of,
            },
        ));
    }
    if universe.get(symbol, Field::High).is_some() {
        queries.insert(
            2,
            (
                "Record intraday high",
                FactQuery::Record {
                    symbol: symbol.to_string(),
                    record: RecordKind::IntradayHigh,
                    as_of,
                },
            ),
        );
    }
    let daily = info.is_none_or(|i| i.frequency == model::Frequency::Daily);
    if daily {
        queries.push((
            "200-session average",
            FactQuery::MovingAverage {
                symbol: symbol.to_string(),
                window: 200,
                as_of,
            },
        ));
        queries.push((
            "Volatility, 1 year (annualised)",
            FactQuery::Volatility {
                symbol: symbol.to_string(),
                period: Period::LastSessions { n: 252 },
                annualised: true,
                sample: true,
                as_of,
            },
        ));
    }
    body.push_str("<h2>Facts</h2><ul class=\"facts\" id=\"instrument-facts\">");
    for (label, query) in &queries {
        if is_rate && matches!(query, FactQuery::Level { .. }) {
            // A level, not a change: no sign.
            body.push_str(&match state.engine().fact(query) {
                Ok(fact) => match fact.value.as_f64() {
                    Some(x) if fact.unit == model::Unit::Percent => {
                        html::fact_item_valued(label, &fact, &display::pct(x, 2))
                    }
                    _ => html::fact_item(label, &fact),
                },
                Err(err) => html::missing_item(label, &err.to_string()),
            });
        } else {
            body.push_str(&fact_or_missing(state, label, query));
        }
    }
    if is_rate {
        // The change this year: the last observation of last year and the latest.
        let year_end = chrono::NaiveDate::from_ymd_opt(as_of.year() - 1, 12, 31);
        let label = "Change this year";
        body.push_str(
            &match year_end.map(|from| level_change(state, symbol, field, from, as_of)) {
                Some(Ok(change)) => change.item(label),
                Some(Err(err)) => html::missing_item(label, &err.to_string()),
                None => html::missing_item(label, "no year end before the data"),
            },
        );
    }
    body.push_str("</ul>");

    // Related: the benchmark it is measured against, what it tracks, what tracks it.
    let mut related: Vec<(String, String)> = Vec::new();
    let benchmark = "^GSPC";
    let equity = info.is_none_or(|i| {
        matches!(
            i.kind,
            InstrumentKind::Index | InstrumentKind::Etf | InstrumentKind::Stock
        )
    });
    if symbol != benchmark && equity && universe.get(benchmark, Field::Close).is_some() {
        let query = FactQuery::Streak {
            symbol: symbol.to_string(),
            vs: Some(benchmark.to_string()),
            direction: None,
            as_of,
        };
        body.push_str("<h2>Related facts</h2><ul class=\"facts\" id=\"related-facts\">");
        body.push_str(&fact_or_missing(state, "Streak vs the S&P 500", &query));
        body.push_str("</ul>");
        related.push((benchmark.to_string(), "benchmark".to_string()));
    }
    if let Some(tracks) = info.and_then(|i| i.tracks.as_deref()) {
        if state.resolve_symbol(tracks).is_some() {
            related.push((tracks.to_string(), "tracks".to_string()));
        }
    }
    for other in registry.instruments() {
        if other.tracks.as_deref() == Some(symbol) && state.resolve_symbol(&other.symbol).is_some()
        {
            related.push((other.symbol.clone(), "tracks this".to_string()));
        }
    }
    if !related.is_empty() {
        body.push_str("<h2>Related instruments</h2><ul id=\"related-instruments\">");
        for (sym, role) in related {
            let other_name = registry.get(&sym).map_or(sym.as_str(), |i| i.name.as_str());
            let _ = write!(
                body,
                "<li><a href=\"/instrument/{}\">{}</a> ({}) — {}</li>",
                attr(&url_segment(&sym)),
                esc(other_name),
                esc(&sym),
                esc(&role)
            );
        }
        body.push_str("</ul>");
    }
    let _ = write!(
        body,
        "<p class=\"muted\">Data: <a href=\"/api/v1/series/{0}?field={1}\">JSON</a>.</p>",
        attr(&url_segment(symbol)),
        field.as_str()
    );
    Ok((format!("{name} ({symbol})"), body))
}

/// The change in a rate between two dates: one `change.level` Fact (the
/// last observation on or before each date); every number printed with it
/// is the Fact's value or one of its details.
struct LevelChange {
    fact: Fact,
}

impl LevelChange {
    /// The change as printed: `-0.35 pp`.
    fn value_text(&self) -> String {
        fact_value(&self.fact.value, self.fact.unit, Audience::Reader)
    }

    /// "From 5.04% on D0 to 4.69% on D1 (percentage points: the difference of the two observations)."
    fn sentence(&self) -> String {
        let f = &self.fact;
        let level = |value: &str, date: &str| {
            let when = f
                .detail(date)
                .and_then(|d| d.value.as_date())
                .map_or_else(String::new, |d| d.to_string());
            let x = f
                .detail(value)
                .and_then(|d| d.value.as_f64())
                .map_or_else(String::new, |x| display::pct(x, 2));
            format!("{x} on {when}")
        };
        format!(
            "from {} to {}; a change in percentage points (the difference of the two observations), not a return.",
            level("from_value", "from_date"),
            level("to_value", "to_date")
        )
    }

    /// A fact list item citing the change Fact.
    fn item(&self, label: &str) -> String {
        format!(
            "<li class=\"fact\" data-kind=\"{}\"><span class=\"fact-label\">{}</span> \
             <span class=\"fact-value\">{}</span><p class=\"fact-text\">{}</p>\
             <details><summary>How this was computed</summary><p>Method <code>{}</code> v{}, \
             as of {}: {}</p>{}</details></li>",
            attr(&self.fact.kind),
            esc(label),
            esc(&self.value_text()),
            esc(&upper_first(&self.sentence())),
            esc(&self.fact.method.id),
            self.fact.method.version,
            self.fact.as_of,
            esc(&self.fact.text),
            html::inputs_list(&self.fact)
        )
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The `change.level` Fact of `symbol` from the last observation on or
/// before `from` to the last on or before `to`.
fn level_change(
    state: &AppState,
    symbol: &str,
    field: Field,
    from: Date,
    to: Date,
) -> Result<LevelChange, facts::FactError> {
    let fact = state.engine().fact(&FactQuery::Change {
        symbol: symbol.to_string(),
        field: Some(field),
        from,
        as_of: to,
    })?;
    Ok(LevelChange { fact })
}

fn fact_or_missing(state: &AppState, label: &str, query: &FactQuery) -> String {
    match state.engine().fact(query) {
        Ok(fact) => html::fact_item(label, &fact),
        Err(err) => html::missing_item(label, &err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_page_prints_levels_unsigned_and_changes_in_points() {
        let Some(universe) = store::testing::shared_universe() else {
            eprintln!("SKIP: no shared market data; rate page test not run");
            return;
        };
        let state = AppState::from_static(universe, Vec::new()).expect("state builds");
        let (_, body) = instrument_body(&state, "DGS10", "1y", "1Y", 12).expect("page renders");
        // Python (csv module) over heliar-k_market-base/rates.csv, DGS10
        // column, blanks skipped: last value 4.69 on 2026-08-20; first
        // observation on or after 2025-08-20 is 4.29 (2025-08-20), so the
        // 1Y change is +0.40 points; last of 2025 is 4.18 (2025-12-31),
        // so the change this year is +0.51 points.
        for label in ["Last value", "Highest value", "Change this year"] {
            assert!(body.contains(label), "label {label}");
        }
        assert!(!body.contains("Last close") && !body.contains("Record close"));
        assert!(
            body.contains("<span class=\"fact-value\">4.69%</span>"),
            "{body}"
        );
        assert!(!body.contains("+4.69%"), "a level is not signed");
        assert!(
            body.contains(
                "1Y: <span class=\"fact-value-inline\">+0.40 pp</span> — from 4.29% on 2025-08-20 to 4.69% on 2026-08-20"
            ),
            "{body}"
        );
        assert!(
            body.contains("<span class=\"fact-value\">+0.51 pp</span>"),
            "{body}"
        );
        assert!(body.contains("From 4.18% on 2025-12-31"), "{body}");
        // A drawdown or a return of a yield is not a meaningful figure.
        assert!(!body.contains(">Drawdown<") && !body.contains(">Year to date<"));
        assert!(!body.contains("+14.93%"), "volatility is not signed");
        assert!(!body.contains("returned"), "a rate has no return");
    }
}
