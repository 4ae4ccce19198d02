//! Claim checking: the `/check` page and `POST /api/v1/check`.
//!
//! The text is judged by the `check` crate on the blocking pool. The page
//! shows the article with every claim highlighted by verdict, then one card
//! per claim with the claimed and true figures, the explanation, the
//! readings that would make it true, and the Facts behind the verdict.

use crate::error::{ApiError, AppError, PageError};
use crate::html::{self, esc};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use check::{CheckReport, InputFormat, Verdict};
use model::Date;
use serde::Deserialize;
use std::fmt::Write as _;

/// Runs the checker over `text` on the blocking pool.
async fn run(
    state: &AppState,
    text: String,
    format: InputFormat,
    as_of: Option<Date>,
) -> Result<CheckReport, AppError> {
    if text.trim().is_empty() {
        return Err(AppError::bad_request(
            "no text to check: paste an article or load a text file",
        ));
    }
    let worker = state.clone();
    tokio::task::spawn_blocking(move || {
        let checker = worker.checker().map_err(AppError::Internal)?;
        checker
            .check(&text, format, as_of)
            .map_err(|e| AppError::bad_request(format!("cannot check this input: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("check task failed: {e}")))?
}

fn parse_format(text: Option<&str>) -> Result<InputFormat, AppError> {
    match text.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "auto") => Ok(InputFormat::Auto),
        Some("text" | "txt" | "plain") => Ok(InputFormat::Text),
        Some("markdown" | "md") => Ok(InputFormat::Markdown),
        Some("html") => Ok(InputFormat::Html),
        Some(other) => Err(AppError::bad_request(format!(
            "unknown format `{other}`: use auto, text, markdown or html"
        ))),
    }
}

fn parse_as_of(text: Option<&str>) -> Result<Option<Date>, AppError> {
    crate::data::parse_date_param("as_of", text)
}

// ---------------------------------------------------------------- page

/// Fields of the `/check` form.
#[derive(Debug, Deserialize)]
pub(crate) struct CheckForm {
    #[serde(default)]
    text: String,
    as_of: Option<String>,
    format: Option<String>,
}

/// `GET /check`: the empty form.
pub(crate) async fn form_page() -> Html<String> {
    let body = format!(
        "<h1>Check an article</h1><p>Paste a market article (plain text, Markdown or HTML) \
         or load a text file. Every numeric claim is recomputed from the data and marked \
         <strong>supported</strong>, <strong>contradicted</strong> (with the true figure) or \
         <strong>unverifiable</strong> (with what is missing).</p>{}",
        form("", "")
    );
    html::page("Check an article", "/check", &body)
}

fn form(text: &str, as_of: &str) -> String {
    format!(
        "<form id=\"check-form\" method=\"post\" action=\"/check\">\
         <div class=\"field\"><label for=\"check-text\">Article text</label>\
         <textarea id=\"check-text\" name=\"text\" required rows=\"14\" \
         aria-describedby=\"check-text-hint\">{text}</textarea>\
         <p class=\"hint\" id=\"check-text-hint\">Up to 1 MB. Claims such as “the Russell 2000 \
         beat the S&amp;P 500 for 11 straight sessions” or “up 7.88% since Dec. 1”.</p></div>\
         <div class=\"field\"><label for=\"check-file\">Or load a file</label>\
         <input type=\"file\" id=\"check-file\" accept=\".txt,.md,.markdown,.html,.htm,text/*\" \
         aria-describedby=\"check-file-status\">\
         <p class=\"hint\" id=\"check-file-status\" role=\"status\">The file is read in your \
         browser and placed in the text box.</p></div>\
         <div class=\"field\"><label for=\"check-as-of\">As of (optional)</label>\
         <input type=\"date\" id=\"check-as-of\" name=\"as_of\" value=\"{as_of}\" \
         aria-describedby=\"check-as-of-hint\">\
         <p class=\"hint\" id=\"check-as-of-hint\">The article's date, for “today” and \
         “on Friday”; default: the dateline in the text.</p></div>\
         <button type=\"submit\">Check claims</button></form>",
        text = esc(text),
        as_of = html::attr(as_of),
    )
}

/// `POST /check`: the annotated result, with the form again below.
pub(crate) async fn submit_page(
    State(state): State<AppState>,
    form_data: Result<Form<CheckForm>, FormRejection>,
) -> Result<Html<String>, PageError> {
    let Form(input) = form_data.map_err(AppError::from)?;
    let as_of = parse_as_of(input.as_of.as_deref())?;
    let format = parse_format(input.format.as_deref())?;
    let report = run(&state, input.text.clone(), format, as_of).await?;
    let mut body = String::from("<h1>Claim check</h1>");
    body.push_str(&report_html(&report));
    body.push_str("<h2>Check another text</h2>");
    body.push_str(&form(
        &input.text,
        input.as_of.as_deref().unwrap_or_default(),
    ));
    Ok(html::page("Claim check", "/check", &body))
}

fn verdict_class(verdict: Verdict) -> String {
    format!("verdict-{}", verdict.as_str())
}

/// The report as HTML: summary, highlighted article, one card per claim.
fn report_html(report: &CheckReport) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<section id=\"check-result\" aria-labelledby=\"check-summary\">\
         <p id=\"check-summary\" class=\"meta\">{n} claims{as_of}: \
         <span class=\"up\">{s} supported</span>, <span class=\"down\">{c} contradicted</span>, \
         {u} unverifiable.</p>",
        n = report.claims.len(),
        as_of = report
            .as_of
            .map_or_else(String::new, |d| format!(" read as of {d}")),
        s = report.count(Verdict::Supported),
        c = report.count(Verdict::Contradicted),
        u = report.count(Verdict::Unverifiable),
    );

    // The article with claims highlighted in text order (overlaps clipped).
    out.push_str("<h2>Article</h2><div class=\"article\" id=\"check-article\">");
    let text = &report.text;
    let mut order: Vec<usize> = (0..report.claims.len()).collect();
    order.sort_by_key(|&i| (report.claims[i].start, report.claims[i].end));
    let mut pos = 0;
    for i in order {
        let claim = &report.claims[i];
        let (start, end) = (claim.start.max(pos), claim.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&paragraphs(&text[pos..start]));
        let _ = write!(
            out,
            "<a href=\"#claim-{n}\" class=\"mark-link\"><mark class=\"{class}\" title=\"{title}\">{t}</mark></a>",
            n = i + 1,
            class = verdict_class(claim.verdict),
            title = html::attr(&format!("{}: claimed {}", claim.verdict.as_str(), claim.claimed)),
            t = esc(&text[start..end]),
        );
        pos = end;
    }
    out.push_str(&paragraphs(text.get(pos..).unwrap_or_default()));
    out.push_str("</div>");

    out.push_str("<h2>Claims</h2>");
    if report.claims.is_empty() {
        out.push_str(
            "<p class=\"muted\">No numeric market claim was found. Claims name an instrument and \
             a figure: a level, a return, a streak, a record, a rate decision.</p>",
        );
    }
    out.push_str("<ol class=\"claims\" id=\"claims\">");
    for (i, claim) in report.claims.iter().enumerate() {
        let _ = write!(
            out,
            "<li class=\"claim {class}\" id=\"claim-{n}\"><p><span class=\"verdict\">{verdict}</span> \
             <q>{quote}</q></p><p>Claimed <strong>{claimed}</strong>{actual}.</p>\
             <p class=\"explanation\">{explanation}</p>",
            class = verdict_class(claim.verdict),
            n = i + 1,
            verdict = claim.verdict.as_str(),
            quote = esc(text.get(claim.start..claim.end).unwrap_or(&claim.claim.text)),
            claimed = esc(&claim.claimed),
            actual = claim.actual.as_deref().map_or_else(String::new, |a| format!(
                "; the data says <strong class=\"actual\">{}</strong>",
                esc(a)
            )),
            explanation = esc(&claim.explanation),
        );
        if !claim.alternatives.is_empty() {
            out.push_str("<p>Readings that would make it true:</p><ul class=\"alternatives\">");
            for alt in &claim.alternatives {
                let _ = write!(out, "<li>{}</li>", esc(alt));
            }
            out.push_str("</ul>");
        }
        if !claim.facts.is_empty() {
            out.push_str("<ul class=\"facts\">");
            for fact in &claim.facts {
                out.push_str(&html::fact_item(&fact.id, fact));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></section>");
    out
}

/// Escaped text with blank lines as paragraph breaks and single newlines
/// kept (the article is shown as written).
fn paragraphs(text: &str) -> String {
    esc(text).replace("\n\n", "<br><br>").replace('\n', "<br>")
}

// ---------------------------------------------------------------- API

/// JSON body of `POST /api/v1/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckRequest {
    text: String,
    as_of: Option<String>,
    format: Option<String>,
}

/// Query parameters of `POST /api/v1/check` with a raw text body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckParams {
    as_of: Option<String>,
    format: Option<String>,
}

/// `POST /api/v1/check`: a JSON body `{"text", "as_of"?, "format"?}`, or the
/// article itself as the body (text/plain, text/markdown, text/html) with
/// `?as_of=` in the URL. Answers the report as the CLI's `--format json`.
pub(crate) async fn api(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<CheckParams>, QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(AppError::from)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (text, as_of, format) = if content_type.starts_with("application/json") {
        let request: CheckRequest = serde_json::from_slice(&body).map_err(|e| {
            AppError::bad_request(format!(
                "the body must be JSON like {{\"text\": \"...\", \"as_of\": \"2026-01-16\"}}: {e}"
            ))
        })?;
        (request.text, request.as_of, request.format)
    } else {
        let text = String::from_utf8(body.to_vec()).map_err(|_| {
            AppError::bad_request("the body is not UTF-8 text; send the article as text or JSON")
        })?;
        let hint = if content_type.starts_with("text/html") {
            Some("html".to_string())
        } else if content_type.starts_with("text/markdown") {
            Some("markdown".to_string())
        } else {
            params.format.clone()
        };
        (text, params.as_of.clone(), hint)
    };
    let as_of = parse_as_of(as_of.as_deref())?;
    let format = parse_format(format.as_deref())?;
    let report = run(&state, text, format, as_of).await?;
    let json = check::render(&report, check::Format::Json);
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}
