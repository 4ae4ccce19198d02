//! The daily brief: `/` (latest), `/brief/{date}`, `/brief?date=` (the
//! date picker's form, redirected to `/brief/{date}`) and `/api/v1/brief`.
//!
//! Each brief page carries its navigation: the previous and next sessions
//! of the S&P 500 in the store and a date picker; its ticker cards link to
//! the instrument pages; its recommended topics are one list of links that
//! ask each question as of the brief's date.
//!
//! Briefs are written by `report::write_brief` on the blocking pool and
//! cached per (requested date, data version) with both renderings, so a
//! repeated request is a map lookup and a copy of pre-serialised bytes.

use crate::error::{ApiError, AppError, PageError};
use crate::html::{self, attr, esc};
use crate::state::{AppState, BriefOutcome, RenderedBrief};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use model::Date;
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::Arc;

/// The brief for `date` (`None` = latest), from the cache or written now.
///
/// # Errors
/// 404 when the store cannot support a brief for that date; 500 when the
/// writing task fails.
pub(crate) async fn brief(state: &AppState, date: Option<Date>) -> BriefOutcome {
    if let (Some(date), Some(latest)) = (date, state.latest_date()) {
        if date > latest {
            return Err(AppError::not_found(format!(
                "no brief for {date}: the store's data ends on {latest}; see /brief/{latest}"
            )));
        }
    }
    let slot = state.briefs().slot(&(date, state.data_version_arc()));
    if let Some(done) = slot.get() {
        return done.clone();
    }
    let worker = state.clone();
    tokio::task::spawn_blocking(move || slot.get_or_init(|| write(&worker, date)).clone())
        .await
        .map_err(|e| AppError::Internal(format!("brief task failed: {e}")))?
}

fn write(state: &AppState, date: Option<Date>) -> BriefOutcome {
    let article = report::write_brief(state.universe(), date)
        .map_err(|e| AppError::not_found(format!("no brief: {e}")))?;
    let json = report::render(&article, report::Format::Json);
    let full = report::render(&article, report::Format::Html);
    let mut body = main_content(&full).map_or_else(
        || fallback_body(&article),
        |inner| inner.replacen("<h1>", "<h1 id=\"brief-title\">", 1),
    );
    body = link_tickers(&body, &article.related);
    // The topics are shown once, as links that ask them (below).
    body = without_topics(&body);
    let mut out = date_nav(state, article.date);
    out.push_str(&body);
    out.push_str(&ask_links(&article.topics, article.date));
    Ok(Arc::new(RenderedBrief {
        date: article.date,
        title: article.title.clone(),
        json: json.into(),
        html: out.into(),
    }))
}

/// The sessions before and after `date` in the store (the S&P 500's
/// closes define them), and a date picker that opens any date's brief.
fn date_nav(state: &AppState, date: Date) -> String {
    let sessions = state
        .universe()
        .get("^GSPC", model::Field::Close)
        .map(model::Series::dates)
        .unwrap_or_default();
    let i = sessions.partition_point(|d| *d < date);
    let prev = i.checked_sub(1).and_then(|k| sessions.get(k)).copied();
    let next = sessions
        .get(if sessions.get(i) == Some(&date) {
            i + 1
        } else {
            i
        })
        .copied();
    let (first, last) = (sessions.first().copied(), sessions.last().copied());
    let link = |d: Option<Date>, rel: &str, label: &str| {
        match d {
        Some(d) => format!(
            "<a class=\"{rel}\" rel=\"{rel}\" href=\"/brief/{d}\">{label} <span class=\"nav-date\">{d}</span></a>"
        ),
        None => format!("<span class=\"{rel} disabled\" aria-disabled=\"true\">{label}</span>"),
    }
    };
    let bounds = match (first, last) {
        (Some(a), Some(b)) => format!(" min=\"{a}\" max=\"{b}\""),
        _ => String::new(),
    };
    format!(
        "<nav class=\"date-nav\" aria-label=\"Brief date\">{prev}\
         <form class=\"date-pick\" method=\"get\" action=\"/brief\">\
         <label for=\"brief-date\">Brief for</label>\
         <input type=\"date\" id=\"brief-date\" name=\"date\" value=\"{date}\"{bounds} required>\
         <button type=\"submit\">Open</button></form>{next}</nav>",
        prev = link(prev, "prev", "← Previous"),
        next = link(next, "next", "Next →"),
    )
}

/// Turns each related ticker's symbol into a link to its instrument page.
fn link_tickers(body: &str, related: &[report::Related]) -> String {
    let mut out = body.to_string();
    for r in related {
        let span = format!(
            "<span class=\"sym\" title=\"{}\">{}</span>",
            esc(&r.name),
            esc(&r.symbol)
        );
        let a = format!(
            "<a class=\"sym\" title=\"{}\" href=\"/instrument/{}\">{}</a>",
            esc(&r.name),
            attr(&html::url_segment(&r.symbol)),
            esc(&r.symbol)
        );
        out = out.replacen(&span, &a, 1);
    }
    out
}

/// The body without the renderer's "Recommended topics" list, which the
/// page shows as ask links instead.
fn without_topics(body: &str) -> String {
    const HEAD: &str = "<h2>Recommended topics</h2>";
    let Some(start) = body.find(HEAD) else {
        return body.to_string();
    };
    let end = body[start..]
        .find("</ul>")
        .map_or(start + HEAD.len(), |e| start + e + "</ul>".len());
    format!("{}{}", &body[..start], body[end..].trim_start_matches('\n'))
}

/// The inside of the renderer's `<main>` element: the article without its
/// standalone document shell (whose inline `<style>` our CSP would block).
fn main_content(document: &str) -> Option<String> {
    let start = document.find("<main>")? + "<main>".len();
    let end = document.rfind("</main>")?;
    (start <= end).then(|| {
        format!(
            "<article class=\"brief-body\">{}</article>",
            &document[start..end]
        )
    })
}

/// A plain rendering used only if the report's HTML shape changes.
fn fallback_body(article: &report::Article) -> String {
    let mut out = format!(
        "<article class=\"brief-body\"><h1 id=\"brief-title\">{}</h1><p class=\"meta\">{}</p><ul>",
        esc(&article.title),
        article.date
    );
    for point in &article.key_points {
        let _ = write!(out, "<li>{}</li>", esc(point));
    }
    out.push_str("</ul></article>");
    out
}

/// Each recommended topic as a link that asks it as of the brief's date
/// (a question about "the streak" means the streak on that day).
fn ask_links(topics: &[String], date: Date) -> String {
    if topics.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"ask-topics\" aria-labelledby=\"ask-topics-title\">\
         <h2 id=\"ask-topics-title\">Recommended topics: ask marketproof</h2><ul>",
    );
    for topic in topics {
        let _ = write!(
            out,
            "<li><a href=\"/ask?q={}&amp;as_of={date}\">{}</a></li>",
            attr(&query_encode(topic)),
            esc(topic)
        );
    }
    out.push_str("</ul></section>");
    out
}

/// Percent-encodes a query-string value.
pub(crate) fn query_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn parse_date(text: &str) -> Result<Date, AppError> {
    model::parse_iso_date(text).ok_or_else(|| {
        AppError::bad_request(format!(
            "invalid date `{text}`: use YYYY-MM-DD, e.g. /brief/2026-01-16"
        ))
    })
}

fn page(brief: &RenderedBrief) -> Html<String> {
    let body = format!(
        "{}<p class=\"muted\">Brief for {} · <a href=\"/api/v1/brief?date={}\">JSON</a></p>",
        brief.html, brief.date, brief.date
    );
    html::page(&brief.title, "/", &body)
}

/// `GET /`: the latest brief.
pub(crate) async fn latest_page(
    Extension(state): Extension<AppState>,
) -> Result<Html<String>, PageError> {
    let brief = brief(&state, None).await?;
    Ok(page(&brief))
}

/// Query parameters of `GET /brief` (the date picker).
#[derive(Debug, Deserialize)]
pub(crate) struct PickParams {
    date: Option<String>,
}

/// `GET /brief?date=YYYY-MM-DD`: the date picker's form; redirects to
/// `/brief/{date}` (the latest brief without a date).
pub(crate) async fn pick_page(
    params: Result<Query<PickParams>, QueryRejection>,
) -> Result<Response, PageError> {
    let Query(params) = params.map_err(AppError::from)?;
    let target = match params.date.as_deref().map(str::trim) {
        None | Some("") => "/".to_string(),
        Some(text) => format!("/brief/{}", parse_date(text)?),
    };
    Ok(axum::response::Redirect::to(&target).into_response())
}

/// `GET /brief/{date}`.
pub(crate) async fn dated_page(
    Extension(state): Extension<AppState>,
    Path(date): Path<String>,
) -> Result<Html<String>, PageError> {
    let date = parse_date(&date)?;
    let brief = brief(&state, Some(date)).await?;
    Ok(page(&brief))
}

/// Query parameters of `GET /api/v1/brief`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BriefParams {
    date: Option<String>,
}

/// `GET /api/v1/brief?date=YYYY-MM-DD`: the article as the CLI's
/// `--format json` prints it.
pub(crate) async fn api(
    Extension(state): Extension<AppState>,
    params: Result<Query<BriefParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(AppError::from)?;
    let date = match params.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(parse_date(text)?),
    };
    let brief = brief(&state, date).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        brief.json.clone(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_the_article_from_the_document_shell() {
        let doc = "<html><head><style>x</style></head><body>\n<main>\n<h1>T</h1>\n</main>\n</body>";
        assert_eq!(
            main_content(doc).as_deref(),
            Some("<article class=\"brief-body\">\n<h1>T</h1>\n</article>")
        );
        assert_eq!(main_content("<p>no main</p>"), None);
    }

    #[test]
    fn topics_become_escaped_ask_links_dated_by_the_brief() {
        let date = model::parse_iso_date("2026-01-16").expect("date");
        let html = ask_links(
            &["How long has <RUT> beaten the S&P 500?".to_string()],
            date,
        );
        assert!(html.contains(
            "href=\"/ask?q=How+long+has+%3CRUT%3E+beaten+the+S%26P+500%3F&amp;as_of=2026-01-16\""
        ));
        assert!(html.contains("How long has &lt;RUT&gt; beaten the S&amp;P 500?"));
    }

    #[test]
    fn the_topics_list_is_dropped_once() {
        let body = "<p>a</p><h2>Recommended topics</h2>\n<ul class=\"topics\"><li>q</li></ul>\n<h2>Sources</h2>";
        assert_eq!(without_topics(body), "<p>a</p><h2>Sources</h2>");
    }
}
