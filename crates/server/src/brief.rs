//! The daily brief: `/` (latest), `/brief/{date}` and `/api/v1/brief`.
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
    body.push_str(&ask_links(&article.topics));
    Ok(Arc::new(RenderedBrief {
        date: article.date,
        title: article.title.clone(),
        json: json.into(),
        html: body.into(),
    }))
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

/// Each recommended topic as a link that asks it.
fn ask_links(topics: &[String]) -> String {
    if topics.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"ask-topics\" aria-labelledby=\"ask-topics-title\">\
         <h2 id=\"ask-topics-title\">Ask marketproof</h2><ul>",
    );
    for topic in topics {
        let _ = write!(
            out,
            "<li><a href=\"/ask?q={}\">{}</a></li>",
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
    fn topics_become_escaped_ask_links() {
        let html = ask_links(&["How long has <RUT> beaten the S&P 500?".to_string()]);
        assert!(html.contains("href=\"/ask?q=How+long+has+%3CRUT%3E+beaten+the+S%26P+500%3F\""));
        assert!(html.contains("How long has &lt;RUT&gt; beaten the S&amp;P 500?"));
    }
}
