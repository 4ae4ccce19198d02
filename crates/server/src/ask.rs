//! Questions: the `/ask` page and `POST /api/v1/ask`.
//!
//! A question is planned by the `ask` crate (the plan is shown first), run
//! against the snapshot on the blocking pool, and answered with citations.
//! Follow-ups ("and the Nasdaq 100?") reuse the previous plan: the page
//! carries it in a hidden field (and the script mirrors it in
//! localStorage); API clients send back the `context` they received.

use crate::error::{ApiError, AppError, PageError};
use crate::html::{self, attr, esc};
use crate::state::AppState;
use ask::{Answer, AskError, Conversation};
use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::extract::{Form, Query};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use axum::Json;
use model::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Write as _;

/// Previous turns kept in the page's transcript.
const MAX_TURNS: usize = 6;
/// Longest answer text kept per previous turn (characters).
const MAX_TURN_CHARS: usize = 2000;

/// Plans and runs `question` on the blocking pool. An empty or over-long
/// question is a 400; a question the data cannot answer is a refusal
/// [`Answer`] that says what is missing and what can be asked instead.
async fn run(
    state: &AppState,
    question: String,
    context: Option<Conversation>,
    as_of: Option<Date>,
) -> Result<Answer, AppError> {
    let as_of = match as_of {
        Some(date) => date,
        None => state
            .default_as_of()
            .ok_or_else(|| AppError::not_found("the store holds no data"))?,
    };
    let worker = state.clone();
    tokio::task::spawn_blocking(move || {
        match ask::plan(&question, context.as_ref(), as_of, worker.registry()) {
            Ok(plan) => Ok(ask::run(&plan, worker.universe())),
            Err(err @ (AskError::Empty { .. } | AskError::TooLong { .. })) => {
                Err(AppError::bad_request(err.to_string()))
            }
            Err(err) => Ok(Answer::refusal(&question, as_of, &err)),
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("ask task failed: {e}")))?
}

fn parse_context(text: Option<&str>) -> Result<Option<Conversation>, AppError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(json) => serde_json::from_str(json).map(Some).map_err(|e| {
            AppError::bad_request(format!(
                "the conversation context is not valid (start a new conversation): {e}"
            ))
        }),
    }
}

// ---------------------------------------------------------------- page

/// One earlier turn shown in the transcript.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Turn {
    q: String,
    a: String,
}

/// Fields of the `/ask` form.
#[derive(Debug, Deserialize)]
pub(crate) struct AskForm {
    #[serde(default)]
    question: String,
    context: Option<String>,
    history: Option<String>,
    as_of: Option<String>,
}

/// Query parameters of `GET /ask`.
#[derive(Debug, Deserialize)]
pub(crate) struct AskParams {
    q: Option<String>,
    as_of: Option<String>,
}

/// `GET /ask`, or `GET /ask?q=...` to ask a question by link.
pub(crate) async fn get_page(
    Extension(state): Extension<AppState>,
    params: Result<Query<AskParams>, QueryRejection>,
) -> Result<Html<String>, PageError> {
    let Query(params) = params.map_err(AppError::from)?;
    let as_of = crate::data::parse_date_param("as_of", params.as_of.as_deref())?;
    match params.q.filter(|q| !q.trim().is_empty()) {
        Some(question) => answer_page(&state, question, None, Vec::new(), as_of).await,
        None => {
            let body = format!(
                "<h1>Ask</h1><p>Ask about the data in plain English. marketproof shows the \
                 plan of computations first, then answers with every figure cited.</p>{}",
                form("", "", "", as_of)
            );
            Ok(html::page("Ask", "/ask", &body))
        }
    }
}

/// `POST /ask`.
pub(crate) async fn post_page(
    Extension(state): Extension<AppState>,
    form_data: Result<Form<AskForm>, FormRejection>,
) -> Result<Html<String>, PageError> {
    let Form(input) = form_data.map_err(AppError::from)?;
    let context = parse_context(input.context.as_deref())?;
    let history: Vec<Turn> = match input.history.as_deref().map(str::trim) {
        None | Some("") => Vec::new(),
        // A damaged transcript is only display: drop it rather than fail.
        Some(json) => serde_json::from_str(json).unwrap_or_default(),
    };
    let as_of = crate::data::parse_date_param("as_of", input.as_of.as_deref())?;
    answer_page(&state, input.question, context, history, as_of).await
}

async fn answer_page(
    state: &AppState,
    question: String,
    context: Option<Conversation>,
    mut history: Vec<Turn>,
    as_of: Option<Date>,
) -> Result<Html<String>, PageError> {
    let answer = run(state, question.clone(), context.clone(), as_of).await?;
    let mut body = String::from("<h1>Ask</h1><div class=\"chat\" id=\"ask-chat\">");
    for turn in history.iter().rev().take(MAX_TURNS).rev() {
        let _ = write!(
            body,
            "<div class=\"turn earlier\"><p class=\"question\">{}</p><p>{}</p></div>",
            esc(&turn.q),
            esc(&turn.a)
        );
    }
    body.push_str(&answer_html(&answer));
    body.push_str("</div>");

    // The next turn's context: this plan, or the previous one after a refusal.
    let next = answer.plan.as_ref().map(Conversation::after).or(context);
    let context_json = next
        .and_then(|c| serde_json::to_string(&c).ok())
        .unwrap_or_default();
    history.push(Turn {
        q: question,
        a: answer.paragraph.chars().take(MAX_TURN_CHARS).collect(),
    });
    let skip = history.len().saturating_sub(MAX_TURNS);
    let history_json = serde_json::to_string(&history[skip..]).unwrap_or_default();
    // The as-of date the reader chose stays for follow-ups (empty = latest).
    body.push_str(&form("", &context_json, &history_json, as_of));
    Ok(html::page("Ask", "/ask", &body))
}

fn form(question: &str, context: &str, history: &str, as_of: Option<Date>) -> String {
    let follow = if context.is_empty() {
        ""
    } else {
        " Follow-ups such as “and the Nasdaq 100?” reuse the last question."
    };
    let reset = if context.is_empty() {
        String::new()
    } else {
        "<a class=\"button secondary\" id=\"ask-reset\" href=\"/ask\">New conversation</a>"
            .to_string()
    };
    format!(
        "<form id=\"ask-form\" method=\"post\" action=\"/ask\">\
         <div class=\"field\"><label for=\"ask-question\">Your question</label>\
         <input type=\"text\" id=\"ask-question\" name=\"question\" value=\"{q}\" required \
         maxlength=\"500\" autocomplete=\"off\" aria-describedby=\"ask-hint\">\
         <p class=\"hint\" id=\"ask-hint\">For example: “How long has the Russell 2000 beaten \
         the S&amp;P 500?”, “What is the S&amp;P 500's drawdown?”, “How did the sectors do \
         this year?”.{follow}</p></div>\
         <div class=\"field\"><label for=\"ask-as-of\">As of (optional)</label>\
         <input type=\"date\" id=\"ask-as-of\" name=\"as_of\" value=\"{as_of}\" \
         aria-describedby=\"ask-as-of-hint\">\
         <p class=\"hint\" id=\"ask-as-of-hint\">Answer as the data stood at the close of \
         this day; default: the latest session.</p></div>\
         <input type=\"hidden\" id=\"ask-context\" name=\"context\" value=\"{c}\">\
         <input type=\"hidden\" id=\"ask-history\" name=\"history\" value=\"{h}\">\
         <button type=\"submit\">Ask</button> {reset}</form>",
        q = attr(question),
        c = attr(context),
        h = attr(history),
        as_of = as_of.map_or_else(String::new, |d| d.to_string()),
    )
}

/// Escaped text with `[n]` citation markers linked to the citation list.
fn cited(text: &str) -> String {
    let escaped = esc(text);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let digits: String = after[1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && after[1 + digits.len()..].starts_with(']') {
            let _ = write!(out, "<sup><a href=\"#cite-{digits}\">[{digits}]</a></sup>");
            rest = &after[digits.len() + 2..];
        } else {
            out.push('[');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

fn answer_html(answer: &Answer) -> String {
    let mut out = format!(
        "<div class=\"turn current\"><p class=\"question\" id=\"ask-question-echo\">{}</p>",
        esc(&answer.question)
    );
    out.push_str("<section id=\"ask-plan\" aria-labelledby=\"ask-plan-title\"><h2 id=\"ask-plan-title\">Plan</h2>");
    match &answer.plan {
        Some(plan) => {
            let _ = write!(out, "<p class=\"meta\">As of {}.</p><ol>", plan.as_of);
            for step in &plan.steps {
                let _ = write!(
                    out,
                    "<li>{} <code>{}</code> — {}; {}</li>",
                    esc(&step.describe()),
                    esc(&step.kind()),
                    esc(&step.instruments().join(", ")),
                    esc(&step.window_text())
                );
            }
            out.push_str("</ol>");
            for note in &plan.notes {
                let _ = write!(out, "<p class=\"hint\">{}</p>", esc(note));
            }
        }
        None => out.push_str(
            "<p class=\"muted\">No plan: the question cannot be answered from the data.</p>",
        ),
    }
    out.push_str("</section>");

    let _ = write!(
        out,
        "<section id=\"ask-answer\" class=\"{class}\" aria-labelledby=\"ask-answer-title\" aria-live=\"polite\">\
         <h2 id=\"ask-answer-title\">Answer</h2><p class=\"answer\">{}</p>",
        cited(&answer.paragraph),
        class = if answer.refused { "refused" } else { "answered" },
    );
    // The same chart `marketproof ask --format html` draws.
    if let Some(svg) = ask::chart_svg(answer) {
        let _ = write!(out, "<figure class=\"chart\">{svg}</figure>");
    }
    if !answer.missing.is_empty() && !answer.refused {
        out.push_str("<p>Not computed:</p><ul class=\"missing\">");
        for m in &answer.missing {
            let _ = write!(out, "<li>{}</li>", esc(m));
        }
        out.push_str("</ul>");
    }
    if !answer.citations.is_empty() {
        out.push_str("<h3>Sources</h3><ol class=\"citations\">");
        for c in &answer.citations {
            let sources: Vec<String> = c
                .sources
                .iter()
                .map(|s| {
                    format!(
                        "{} {} {} – {}, <span class=\"source\">{}</span>",
                        esc(&s.instrument),
                        esc(s.field.as_str()),
                        s.from,
                        s.to,
                        esc(&s.path)
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<li id=\"cite-{}\" value=\"{}\"><code>{}</code> ({}): {}</li>",
                c.number,
                c.number,
                esc(&c.method),
                esc(&c.fact),
                sources.join("; ")
            );
        }
        out.push_str("</ol>");
    }
    if !answer.suggestions.is_empty() {
        out.push_str("<h3>You could ask</h3><ul class=\"suggestions\">");
        for s in &answer.suggestions {
            let _ = write!(
                out,
                "<li><a href=\"/ask?q={}\">{}</a></li>",
                attr(&crate::brief::query_encode(s)),
                esc(s)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section></div>");
    out
}

// ---------------------------------------------------------------- API

/// JSON body of `POST /api/v1/ask`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AskRequest {
    question: String,
    #[serde(default)]
    context: Option<Value>,
    as_of: Option<String>,
}

/// `POST /api/v1/ask`: `{"question", "context"?, "as_of"?}` → the answer as
/// the CLI's `--format json` prints it, plus `context` to send with a
/// follow-up question.
pub(crate) async fn api(
    Extension(state): Extension<AppState>,
    body: Result<Json<AskRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(request) = body.map_err(AppError::from)?;
    let context = match request.context {
        None | Some(Value::Null) => None,
        Some(value) => Some(serde_json::from_value::<Conversation>(value).map_err(|e| {
            AppError::bad_request(format!(
                "`context` must be the `context` of a previous answer: {e}"
            ))
        })?),
    };
    let as_of = crate::data::parse_date_param("as_of", request.as_of.as_deref())?;
    let answer = run(&state, request.question, context.clone(), as_of).await?;
    let rendered = ask::render(&answer, ask::Format::Json);
    let mut value: Value = serde_json::from_str(&rendered)
        .map_err(|e| AppError::Internal(format!("ask JSON did not parse: {e}")))?;
    let next = answer.plan.as_ref().map(Conversation::after).or(context);
    if let Value::Object(map) = &mut value {
        map.insert(
            "context".to_string(),
            serde_json::to_value(next).unwrap_or(Value::Null),
        );
    }
    Ok(Json(value).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_markers_become_links_and_text_stays_escaped() {
        assert_eq!(
            cited("up 3% [1] vs <b> [x] [12]"),
            "up 3% <sup><a href=\"#cite-1\">[1]</a></sup> vs &lt;b&gt; [x] \
             <sup><a href=\"#cite-12\">[12]</a></sup>"
        );
        assert_eq!(cited("[3"), "[3");
    }

    #[test]
    fn the_form_has_a_labelled_as_of_date_that_is_kept() {
        let blank = form("", "", "", None);
        assert!(blank.contains("<label for=\"ask-as-of\">"), "{blank}");
        assert!(blank.contains("type=\"date\" id=\"ask-as-of\" name=\"as_of\" value=\"\""));
        let date = model::parse_iso_date("2026-01-16");
        let kept = form("", "{}", "[]", date);
        assert!(
            kept.contains("name=\"as_of\" value=\"2026-01-16\""),
            "{kept}"
        );
    }

    #[test]
    fn the_answer_page_draws_asks_chart_in_a_figure() {
        let d = |s: &str| model::parse_iso_date(s).expect("valid date");
        let mut answer = Answer::refusal(
            "q",
            d("2026-01-16"),
            &AskError::Empty {
                suggestions: Vec::new(),
            },
        );
        assert!(
            !answer_html(&answer).contains("<figure"),
            "no chart, no figure"
        );
        answer.chart = Some(ask::Chart::Bars {
            title: "Sectors".to_string(),
            bars: vec![("XLE".to_string(), 4.5), ("XLC".to_string(), -1.25)],
            keep_order: false,
        });
        let svg = ask::chart_svg(&answer).expect("a bar chart");
        let page = answer_html(&answer);
        assert!(
            page.contains(&format!("<figure class=\"chart\">{svg}</figure>")),
            "{page}"
        );
        assert!(svg.contains(">XLE<") && svg.contains("+4.50%") && svg.contains("-1.25%"));
    }
}
