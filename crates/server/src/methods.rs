//! `/methods`: the definitions every Fact's method refers to.
//!
//! Renders `docs/methods.md` (embedded at build time by `build.rs`) when the
//! workspace has it, else the definitions contract from the design brief.

use crate::html;
use crate::markdown;
use axum::response::Html;

/// `docs/methods.md` as it was at build time (empty when absent).
const METHODS_MD: &str = include_str!(concat!(env!("OUT_DIR"), "/methods.md"));
/// The definitions contract, used when `docs/methods.md` is absent.
const DEFINITIONS_MD: &str = include_str!("../assets/definitions.md");

/// The Markdown shown on `/methods`.
pub(crate) fn methods_markdown() -> &'static str {
    if METHODS_MD.trim().is_empty() {
        DEFINITIONS_MD
    } else {
        METHODS_MD
    }
}

/// `GET /methods`.
pub(crate) async fn page() -> Html<String> {
    let body = format!(
        "<article id=\"methods\" class=\"methods\">{}</article>",
        markdown::to_html(methods_markdown())
    );
    html::page("Methods", "/methods", &body)
}
