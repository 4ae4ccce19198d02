//! Claim checking: the `/check` page and `POST /api/v1/check`.
//!
//! The text is judged by the `check` crate on the snapshot's check
//! workers (threads that built their claim checker once), within bounds
//! ([`crate::config::CheckLimits`]): at most `max_concurrent` checks run
//! at once; a text longer than `piece_bytes` is checked in
//! pieces cut at paragraph, line or sentence ends (each piece with the
//! article's date found in the first), and the work stops between two
//! pieces as soon as the request's deadline passes or the request is
//! dropped (timed out, client gone), or the claims or the report outgrow
//! their limits. The page shows the article with every claim highlighted
//! by verdict, then one card per claim with the claimed and true figures,
//! the explanation, the readings that would make it true, and the Facts
//! behind the verdict.

use crate::config::{CheckLimits, ServeConfig};
use crate::error::{ApiError, AppError, PageError};
use crate::html::{self, esc};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use check::{CheckReport, InputFormat, Verdict};
use model::Date;
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// What every check request shares: the limits and the slots for checks
/// running at once.
#[derive(Debug)]
pub(crate) struct Gate {
    limits: CheckLimits,
    /// Time a check may take, from the request's start.
    deadline: Duration,
    slots: Arc<Semaphore>,
}

impl Gate {
    pub(crate) fn new(config: &ServeConfig) -> Gate {
        Gate {
            limits: config.check,
            deadline: config.request_timeout,
            slots: Arc::new(Semaphore::new(config.check.max_concurrent.max(1))),
        }
    }
}

/// Sets the flag when dropped: the handler's future is dropped when the
/// request times out or the client goes away, and the worker stops.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs the checker over `text` on the blocking pool, within the gate's
/// limits and deadline.
async fn run(
    state: &AppState,
    gate: &Gate,
    text: String,
    format: InputFormat,
    as_of: Option<Date>,
) -> Result<CheckReport, AppError> {
    if text.trim().is_empty() {
        return Err(AppError::bad_request(
            "no text to check: paste an article or load a text file",
        ));
    }
    let deadline = Instant::now() + gate.deadline;
    let slot = tokio::time::timeout_at(deadline.into(), gate.slots.clone().acquire_owned())
        .await
        .map_err(|_| {
            AppError::Rejected(
                StatusCode::TOO_MANY_REQUESTS,
                "the server is busy checking other texts; try again in a moment".into(),
            )
        })?
        .map_err(|e| AppError::Internal(format!("check slots closed: {e}")))?;
    let cancel = Arc::new(AtomicBool::new(false));
    let _cancel_on_drop = CancelOnDrop(cancel.clone());
    let limits = gate.limits;
    let (answer, answered) = tokio::sync::oneshot::channel();
    let flag = cancel.clone();
    let job: crate::state::CheckJob = Box::new(move |checker| {
        // The slot is held by the work, not the request: a dropped request
        // frees it when the work has stopped.
        let _slot = slot;
        let stop = Stop {
            deadline,
            cancel: &flag,
        };
        let _ = answer.send(check_bounded(checker, &text, format, as_of, &limits, &stop));
    });
    state
        .submit_check(limits.max_concurrent, job)
        .map_err(AppError::Internal)?;
    answered
        .await
        .map_err(|_| AppError::Internal("the check worker dropped the job".into()))?
}

/// When the work must stop.
struct Stop<'a> {
    deadline: Instant,
    cancel: &'a AtomicBool,
}

impl Stop<'_> {
    fn check(&self) -> Result<(), AppError> {
        if self.cancel.load(Ordering::Relaxed) || Instant::now() >= self.deadline {
            return Err(AppError::Rejected(
                StatusCode::REQUEST_TIMEOUT,
                "checking this text took longer than the server allows and was stopped; check a \
                 shorter text, or use `marketproof check` on the command line"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// Counts the bytes a value serialises to, without keeping them.
#[derive(Default)]
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn too_big(message: String) -> AppError {
    AppError::Rejected(StatusCode::PAYLOAD_TOO_LARGE, message)
}

/// Checks `text` piece by piece within `limits`, stopping at `stop`.
fn check_bounded(
    checker: &check::Checker<'_>,
    text: &str,
    hint: InputFormat,
    as_of: Option<Date>,
    limits: &CheckLimits,
    stop: &Stop<'_>,
) -> Result<CheckReport, AppError> {
    let bad_input =
        |e: check::CheckError| AppError::bad_request(format!("cannot check this input: {e}"));
    // Decoding checks size and binary content once, on the whole text.
    let text = check::input::decode(text.as_bytes()).map_err(bad_input)?;
    let format = match hint {
        InputFormat::Auto => check::input::sniff(&text),
        other => other,
    };
    let mut claims = Vec::new();
    let mut bytes = text.len();
    let mut article_date = as_of;
    for (k, (offset, piece)) in pieces(&text, limits.piece_bytes.max(1024), format)
        .into_iter()
        .enumerate()
    {
        stop.check()?;
        let report = checker
            .check(piece, format, article_date)
            .map_err(bad_input)?;
        if k == 0 {
            article_date = report.as_of;
        }
        for mut claim in report.claims {
            claim.start += offset;
            claim.end += offset;
            let mut counter = Counter::default();
            let _ = serde_json::to_writer(&mut counter, &claim);
            bytes += counter.0;
            claims.push(claim);
        }
        if claims.len() > limits.max_claims {
            return Err(too_big(format!(
                "this text holds more than {} numeric claims, the most one request may check; \
                 check it in parts, or use `marketproof check` on the command line",
                limits.max_claims
            )));
        }
        if bytes > limits.max_response_bytes {
            return Err(too_big(format!(
                "the report for this text would be larger than {} bytes, the most one request \
                 may produce; check it in parts, or use `marketproof check` on the command line",
                limits.max_response_bytes
            )));
        }
    }
    let mut n = 0;
    for claim in &mut claims {
        for fact in &mut claim.facts {
            n += 1;
            fact.id = format!("f{n}");
        }
    }
    Ok(CheckReport {
        name: None,
        as_of: article_date,
        format,
        text,
        claims,
        conflicts: Vec::new(),
    })
}

/// Cuts `text` into pieces of at most `max` bytes, each with its offset:
/// at the last paragraph break in the window's second half, else the last
/// line break, else the last sentence end, else (HTML) after the last tag,
/// else the last space, else a character boundary. A text of at most
/// `max` bytes is one piece.
fn pieces(text: &str, max: usize, format: InputFormat) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        let half = window.len() / 2;
        let after = |pattern: &str| {
            window
                .rfind(pattern)
                .map(|i| i + pattern.len())
                .filter(|i| *i > half)
        };
        let sentence = || {
            [". ", "! ", "? ", ".\t"]
                .iter()
                .filter_map(|p| after(p))
                .max()
        };
        let cut = after("\n\n")
            .or_else(|| after("\n"))
            .or_else(sentence)
            .or_else(|| (format == InputFormat::Html).then(|| after(">")).flatten())
            .or_else(|| after(" "))
            .unwrap_or(window.len())
            .max(1);
        let mut cut = start + cut;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push((start, &text[start..cut]));
        start = cut;
    }
    out.push((start, &text[start..]));
    out
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
    Extension(state): Extension<AppState>,
    Extension(gate): Extension<Arc<Gate>>,
    form_data: Result<Form<CheckForm>, FormRejection>,
) -> Result<Html<String>, PageError> {
    let Form(input) = form_data.map_err(AppError::from)?;
    let as_of = parse_as_of(input.as_of.as_deref())?;
    let format = parse_format(input.format.as_deref())?;
    let report = run(&state, &gate, input.text.clone(), format, as_of).await?;
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
            quote = esc(text.get(claim.start..claim.end).unwrap_or(&claim.text)),
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
    Extension(state): Extension<AppState>,
    Extension(gate): Extension<Arc<Gate>>,
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
    let report = run(&state, &gate, text, format, as_of).await?;
    let json = check::render(&report, check::Format::Json);
    if json.len() > gate.limits.max_response_bytes {
        return Err(too_big(format!(
            "the report for this text is larger than {} bytes, the most one request may \
             produce; check it in parts, or use `marketproof check` on the command line",
            gate.limits.max_response_bytes
        ))
        .into());
    }
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[cfg(test)]
mod tests {
    use super::{pieces, InputFormat};

    fn joined(parts: &[(usize, &str)]) -> String {
        parts.iter().map(|(_, p)| *p).collect()
    }

    #[test]
    fn pieces_cover_the_text_within_the_size_and_cut_at_paragraphs() {
        let text =
            "First paragraph, one sentence.\n\nSecond one. It has two.\n\nThird.\n\n".repeat(40);
        let parts = pieces(&text, 200, InputFormat::Text);
        assert_eq!(joined(&parts), text);
        for (offset, part) in &parts {
            assert!(part.len() <= 200, "{}", part.len());
            assert_eq!(&text[*offset..*offset + part.len()], *part);
        }
        assert!(parts[..parts.len() - 1]
            .iter()
            .all(|(_, p)| p.ends_with("\n\n")));
        // One long sentence with no breaks: cut at spaces, never inside a
        // multi-byte character.
        let text = "é rose 1.2% ".repeat(100);
        let parts = pieces(&text, 64, InputFormat::Text);
        assert_eq!(joined(&parts), text);
        assert!(parts.iter().all(|(_, p)| p.len() <= 64 && !p.is_empty()));
        // No space at all.
        let text = "é".repeat(100);
        let parts = pieces(&text, 7, InputFormat::Text);
        assert_eq!(joined(&parts), text);
        // A short text is one piece.
        assert_eq!(pieces("abc", 64, InputFormat::Text), [(0, "abc")]);
    }
}
