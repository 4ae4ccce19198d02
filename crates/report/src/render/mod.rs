//! Renderers: Markdown, self-contained HTML, and JSON. They print text the
//! writer composed; they never format a number of their own, except chart
//! axes inside the SVG, which are drawn from the plotted data.

mod html;
mod markdown;

use crate::article::Article;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown (charts are listed; their SVG is in the HTML and JSON).
    Markdown,
    /// One self-contained HTML file: inline CSS and SVG, no external URL.
    Html,
    /// JSON with the article, its Facts and sources.
    Json,
}

impl Format {
    /// Parses `md`, `markdown`, `html` or `json`.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Renders an article.
pub fn render(article: &Article, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(article),
        Format::Html => html::render(article),
        Format::Json => serde_json::to_string_pretty(article)
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")),
    }
}
