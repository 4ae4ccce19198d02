//! Tables for the listing commands (`sources`, `series`, `flags`, `scan`):
//! one set of rows printed as aligned text, Markdown, CSV with a header row
//! (for pandas, polars or Excel) or a self-contained HTML page.

use crate::app::OutputFormat;
use model::display::escape_html;
use std::fmt::Write as _;

/// A table: a title (HTML page title and Markdown heading), column names,
/// and rows of cells already printed as text.
pub(crate) struct Table {
    pub(crate) title: String,
    pub(crate) headers: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<String>>,
    /// Columns aligned right in text, Markdown and HTML (numbers).
    pub(crate) numeric: Vec<bool>,
}

impl Table {
    /// A table with the given columns; `numeric` marks right-aligned ones.
    pub(crate) fn new(title: impl Into<String>, columns: &[(&'static str, bool)]) -> Table {
        Table {
            title: title.into(),
            headers: columns.iter().map(|c| c.0).collect(),
            numeric: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many cells as columns).
    pub(crate) fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    /// The table in `format` (text, md, csv or html).
    pub(crate) fn render(&self, format: OutputFormat) -> String {
        match format {
            OutputFormat::Md => self.markdown(),
            OutputFormat::Csv => self.csv(),
            OutputFormat::Html => self.html(),
            OutputFormat::Text | OutputFormat::Json => self.text(),
        }
    }

    fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate() {
                w[i] = w[i].max(c.chars().count());
            }
        }
        w
    }

    /// Aligned columns separated by two spaces; the last column unpadded.
    pub(crate) fn text(&self) -> String {
        let w = self.widths();
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                let pad = w[i].saturating_sub(c.chars().count());
                if i + 1 == cells.len() && !self.numeric[i] {
                    s.push_str(c);
                } else if self.numeric[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
            }
            s.trim_end().to_string()
        };
        let headers: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        let mut out = line(&headers);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }

    fn markdown(&self) -> String {
        let cell = |c: &str| c.replace('|', "\\|");
        let mut out = format!("## {}\n\n|", self.title);
        for h in &self.headers {
            let _ = write!(out, " {h} |");
        }
        out.push_str("\n|");
        for n in &self.numeric {
            out.push_str(if *n { "---:|" } else { "---|" });
        }
        out.push('\n');
        for row in &self.rows {
            out.push('|');
            for c in row {
                let _ = write!(out, " {} |", cell(c));
            }
            out.push('\n');
        }
        out
    }

    fn csv(&self) -> String {
        let field = |c: &str| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        };
        let mut out = String::new();
        let headers: Vec<String> = self.headers.iter().map(|h| field(h)).collect();
        out.push_str(&headers.join(","));
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    fn html(&self) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{t}</title>\n<style>body{{font:15px/1.5 system-ui,sans-serif;margin:1rem}}\
             table{{border-collapse:collapse}}th,td{{padding:.2rem .6rem;border-bottom:1px solid #ddd;\
             text-align:left}}td.num,th.num{{text-align:right;font-variant-numeric:tabular-nums}}</style>\n\
             </head>\n<body>\n<h1>{t}</h1>\n<table>\n<thead><tr>",
            t = escape_html(&self.title)
        );
        for (h, n) in self.headers.iter().zip(&self.numeric) {
            let class = if *n { " class=\"num\"" } else { "" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape_html(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            out.push_str("<tr>");
            for (c, n) in row.iter().zip(&self.numeric) {
                let class = if *n { " class=\"num\"" } else { "" };
                let _ = write!(out, "<td{class}>{}</td>", escape_html(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
        out
    }
}

/// "a", "a or b", "a, b or c".
pub(crate) fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A stored value printed without float noise: a value that is exactly an
/// `f32` (the data's own precision, 6940.009765625) prints as the shortest
/// decimal that reads back to it (6940.01); anything else as the shortest
/// `f64` decimal.
pub(crate) fn clean_number(v: f64) -> String {
    let narrow = v as f32;
    if v.is_finite() && f64::from(narrow) == v {
        narrow.to_string()
    } else {
        v.to_string()
    }
}

/// [`clean_number`] as a number for JSON: the same decimal, read as `f64`.
pub(crate) fn clean_value(v: f64) -> f64 {
    clean_number(v).parse().unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(
            "Demo",
            &[("date", false), ("value", true), ("source", false)],
        );
        t.push(vec![
            "2026-01-16".into(),
            "6940.01".into(),
            "a,b.csv".into(),
        ]);
        t.push(vec![
            "2026-01-15".into(),
            "12.5".into(),
            "say \"hi\"".into(),
        ]);
        t
    }

    #[test]
    fn csv_has_a_header_and_quotes_what_needs_it() {
        assert_eq!(
            table().render(OutputFormat::Csv),
            "date,value,source\n2026-01-16,6940.01,\"a,b.csv\"\n2026-01-15,12.5,\"say \"\"hi\"\"\"\n"
        );
    }

    #[test]
    fn markdown_and_html_and_text() {
        let md = table().render(OutputFormat::Md);
        assert!(md.starts_with("## Demo\n\n| date | value | source |\n|---|---:|---|\n"));
        let html = table().render(OutputFormat::Html);
        assert!(
            html.contains("<td class=\"num\">6940.01</td>") && html.contains("say &quot;hi&quot;")
        );
        assert_eq!(
            table().render(OutputFormat::Text),
            "date          value  source\n2026-01-16  6940.01  a,b.csv\n2026-01-15     12.5  say \"hi\"\n"
        );
    }

    #[test]
    fn stored_floats_print_without_noise() {
        assert_eq!(clean_number(6940.009765625), "6940.01");
        assert_eq!(clean_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(clean_number(4.69), "4.69");
        assert_eq!(clean_value(6940.009765625), 6940.01);
        assert_eq!(or_list(&["text", "json", "csv"]), "text, json or csv");
    }
}
