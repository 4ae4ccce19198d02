//! Hand-written SVG charts over plain data: a dated line chart (with an
//! optional shaded window and a marked point) and a horizontal bar chart.
//!
//! Every text node is escaped. Charts scale to their container
//! (`width="100%"` with a `viewBox`), so they stay readable on a phone.

use crate::fmt;
use chrono::Datelike;
use model::Date;
use std::fmt::Write as _;

/// Escapes text for SVG and HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// Legend label.
    pub label: String,
    /// Dated points, sorted by date.
    pub points: Vec<(Date, f64)>,
}

/// A marked point with a label (e.g. a record close).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Date of the point.
    pub date: Date,
    /// Value of the point.
    pub value: f64,
    /// Label drawn next to it.
    pub label: String,
}

/// A shaded date window with a label (e.g. a streak).
#[derive(Debug, Clone, PartialEq)]
pub struct Shade {
    /// First date.
    pub from: Date,
    /// Last date.
    pub to: Date,
    /// Legend label.
    pub label: String,
}

/// What a line chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title drawn at the top.
    pub title: String,
    /// X-axis label.
    pub x_label: String,
    /// Y-axis label.
    pub y_label: String,
    /// Lines, drawn in order.
    pub series: Vec<LineSeries>,
    /// A shaded window.
    pub shade: Option<Shade>,
    /// A marked point.
    pub marker: Option<Marker>,
}

/// What a bar chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title drawn at the top.
    pub title: String,
    /// Value-axis label, e.g. "daily return, %".
    pub x_label: String,
    /// Category-axis label, e.g. "fund".
    pub y_label: String,
    /// Bars (sorted largest first when drawn).
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label (e.g. "XLK Technology").
    pub label: String,
    /// Value in percent.
    pub value_pct: f64,
}

const W: f64 = 720.0;
const H: f64 = 380.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 70.0;
const COLORS: [&str; 4] = ["#1f6feb", "#d4760a", "#6e40c9", "#1a7f37"];
const FONT: &str = "font-family=\"system-ui,-apple-system,Segoe UI,Roboto,sans-serif\"";

/// Round tick values covering `[lo, hi]`, about `n` of them.
fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut ticks = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + step * 1e-9 && ticks.len() < 50 {
        ticks.push(t);
        t += step;
    }
    ticks
}

fn decimals_for(ticks: &[f64]) -> usize {
    let step = match ticks {
        [a, b, ..] => (b - a).abs(),
        _ => 1.0,
    };
    if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    }
}

fn date_label(d: Date, span_days: i64) -> String {
    if span_days > 3 * 366 {
        d.year().to_string()
    } else if span_days > 120 {
        format!("{} {}", &fmt::month_name(d)[..3], d.year())
    } else {
        format!("{} {}", &fmt::month_name(d)[..3], d.day())
    }
}

fn header(out: &mut String, title: &str, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" width=\"100%\" role=\"img\" aria-label=\"{t}\" {FONT}>\
<title>{t}</title><rect width=\"{W}\" height=\"{height}\" fill=\"#ffffff\"/>\
<text x=\"{LEFT}\" y=\"26\" font-size=\"17\" font-weight=\"600\" fill=\"#1f2328\">{t}</text>",
        t = escape(title)
    );
}

/// Draws a dated line chart.
pub fn line_chart(chart: &LineChart) -> String {
    let mut out = String::new();
    header(&mut out, &chart.title, H);
    let all: Vec<(Date, f64)> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .filter(|(_, v)| v.is_finite())
        .collect();
    let (Some(d0), Some(d1)) = (all.iter().map(|p| p.0).min(), all.iter().map(|p| p.0).max())
    else {
        out.push_str("<text x=\"360\" y=\"190\" text-anchor=\"middle\">no data</text></svg>");
        return out;
    };
    let mut lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 1e-4).max(1e-6);
    lo -= pad;
    hi += pad;
    let span_days = (d1 - d0).num_days().max(1);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |d: Date| LEFT + plot_w * (d - d0).num_days() as f64 / span_days as f64;
    let y = |v: f64| TOP + plot_h * (1.0 - (v - lo) / (hi - lo));

    if let Some(shade) = &chart.shade {
        let (a, b) = (x(shade.from.max(d0)), x(shade.to.min(d1)));
        let _ = write!(
            out,
            "<rect x=\"{a:.1}\" y=\"{TOP}\" width=\"{w:.1}\" height=\"{plot_h}\" fill=\"#f2cc60\" fill-opacity=\"0.28\"/>",
            w = (b - a).max(2.0)
        );
    }
    // Y grid and labels.
    let ticks = nice_ticks(lo, hi, 5);
    let dec = decimals_for(&ticks);
    for t in &ticks {
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\
<text x=\"{lx}\" y=\"{ty:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#57606a\">{label}</text>",
            x2 = W - RIGHT,
            yy = y(*t),
            lx = LEFT - 6.0,
            ty = y(*t) + 4.0,
            label = escape(&fmt::number(*t, dec))
        );
    }
    // X axis with about five date labels.
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{yb}\" y2=\"{yb}\" stroke=\"#57606a\"/>",
        x2 = W - RIGHT,
        yb = TOP + plot_h
    );
    let mut dates: Vec<Date> = all.iter().map(|p| p.0).collect();
    dates.sort_unstable();
    dates.dedup();
    let n_labels = 5usize.min(dates.len());
    for k in 0..n_labels {
        let idx = if n_labels == 1 {
            0
        } else {
            k * (dates.len() - 1) / (n_labels - 1)
        };
        let d = dates[idx];
        let anchor = match k {
            0 => "start",
            _ if k + 1 == n_labels => "end",
            _ => "middle",
        };
        let _ = write!(
            out,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{yb}\" y2=\"{yt}\" stroke=\"#57606a\"/>\
<text x=\"{xx:.1}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"{anchor}\" fill=\"#57606a\">{label}</text>",
            xx = x(d),
            yb = TOP + plot_h,
            yt = TOP + plot_h + 5.0,
            ty = TOP + plot_h + 20.0,
            label = escape(&date_label(d, span_days))
        );
    }
    let _ = write!(
        out,
        "<text class=\"axis-label y\" transform=\"translate(16 {cy}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">{l}</text>\
<text class=\"axis-label x\" x=\"{xr}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"end\" fill=\"#57606a\">{xl}</text>",
        cy = TOP + plot_h / 2.0,
        l = escape(&chart.y_label),
        xr = W - RIGHT,
        ty = TOP + plot_h + 36.0,
        xl = escape(&chart.x_label)
    );
    // Lines.
    for (i, s) in chart.series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let mut path = String::new();
        for (j, (d, v)) in s.points.iter().filter(|p| p.1.is_finite()).enumerate() {
            let _ = write!(
                path,
                "{}{:.1},{:.1}",
                if j == 0 { "M" } else { " L" },
                x(*d),
                y(*v)
            );
        }
        let _ = write!(
            out,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        );
    }
    if let Some(m) = &chart.marker {
        let (mx, my) = (x(m.date), y(m.value));
        let anchor = if mx > W * 0.7 { "end" } else { "start" };
        let dx = if anchor == "end" { -8.0 } else { 8.0 };
        let _ = write!(
            out,
            "<circle cx=\"{mx:.1}\" cy=\"{my:.1}\" r=\"5\" fill=\"#cf222e\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\
<text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"{anchor}\" fill=\"#cf222e\">{l}</text>",
            tx = mx + dx,
            ty = (my - 8.0).max(TOP + 12.0),
            l = escape(&m.label)
        );
    }
    // Legend under the axis.
    let mut lx = LEFT;
    let ly = H - 18.0;
    for (i, s) in chart.series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let _ = write!(
            out,
            "<rect x=\"{lx}\" y=\"{ry}\" width=\"14\" height=\"4\" fill=\"{color}\"/>\
<text x=\"{tx}\" y=\"{ly}\" font-size=\"12\" fill=\"#1f2328\">{l}</text>",
            ry = ly - 6.0,
            tx = lx + 20.0,
            l = escape(&s.label)
        );
        lx += 30.0 + 7.0 * s.label.chars().count() as f64;
    }
    if let Some(shade) = &chart.shade {
        let _ = write!(
            out,
            "<rect x=\"{lx}\" y=\"{ry}\" width=\"14\" height=\"10\" fill=\"#f2cc60\" fill-opacity=\"0.5\"/>\
<text x=\"{tx}\" y=\"{ly}\" font-size=\"12\" fill=\"#1f2328\">{l}</text>",
            ry = ly - 9.0,
            tx = lx + 20.0,
            l = escape(&shade.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// Draws horizontal bars of percent values, largest first, positive in
/// green and negative in red, with the value printed at each bar.
pub fn bar_chart(chart: &BarChart) -> String {
    let title = chart.title.as_str();
    let mut bars: Vec<&Bar> = chart
        .bars
        .iter()
        .filter(|b| b.value_pct.is_finite())
        .collect();
    bars.sort_by(|a, b| b.value_pct.total_cmp(&a.value_pct));
    let row = 26.0;
    let height = TOP + row * bars.len() as f64 + 44.0;
    let mut out = String::new();
    header(&mut out, title, height);
    let label_w = 210.0;
    let value_w = 64.0;
    let x0 = label_w;
    let plot_w = W - label_w - value_w - RIGHT;
    let max_abs = bars
        .iter()
        .map(|b| b.value_pct.abs())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let any_neg = bars.iter().any(|b| b.value_pct < 0.0);
    let any_pos = bars.iter().any(|b| b.value_pct > 0.0);
    // Zero line position: centred when both signs occur.
    let zero = match (any_neg, any_pos) {
        (true, true) => x0 + plot_w / 2.0,
        (true, false) => x0 + plot_w,
        _ => x0,
    };
    let scale = if any_neg && any_pos {
        plot_w / 2.0 / max_abs
    } else {
        plot_w / max_abs
    };
    for (i, b) in bars.iter().enumerate() {
        let yy = TOP + row * i as f64;
        let len = b.value_pct.abs() * scale;
        let (bx, color) = if b.value_pct >= 0.0 {
            (zero, "#1a7f37")
        } else {
            (zero - len, "#cf222e")
        };
        let _ = write!(
            out,
            "<text x=\"{lx}\" y=\"{ty:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1f2328\">{l}</text>\
<rect x=\"{bx:.1}\" y=\"{ry:.1}\" width=\"{w:.1}\" height=\"{h}\" rx=\"2\" fill=\"{color}\"/>\
<text x=\"{vx:.1}\" y=\"{ty:.1}\" font-size=\"12\" fill=\"#1f2328\">{v}</text>",
            lx = label_w - 8.0,
            ty = yy + 17.0,
            l = escape(&b.label),
            ry = yy + 5.0,
            w = len.max(1.0),
            h = row - 9.0,
            vx = W - RIGHT - value_w + 6.0,
            v = escape(&fmt::pct_signed(b.value_pct))
        );
    }
    let yb = TOP + row * bars.len() as f64;
    let _ = write!(
        out,
        "<line x1=\"{zero:.1}\" x2=\"{zero:.1}\" y1=\"{TOP}\" y2=\"{yb}\" stroke=\"#57606a\"/>\
<text x=\"{zero:.1}\" y=\"{ty}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">0%</text>\
<text class=\"axis-label x\" x=\"{W2}\" y=\"{ty2}\" font-size=\"12\" text-anchor=\"end\" fill=\"#57606a\">{xl}</text>\
<text class=\"axis-label y\" transform=\"translate(12 {cy:.1}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">{yl}</text>",
        ty = yb + 16.0,
        W2 = W - RIGHT,
        ty2 = yb + 34.0,
        xl = escape(&chart.x_label),
        cy = TOP + (yb - TOP) / 2.0,
        yl = escape(&chart.y_label)
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("valid date")
    }

    #[test]
    fn text_is_escaped_and_ticks_are_round() {
        assert_eq!(
            escape("S&P <500> \"x\""),
            "S&amp;P &lt;500&gt; &quot;x&quot;"
        );
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let chart = LineChart {
            title: "A & B".into(),
            x_label: "date".into(),
            y_label: "ratio".into(),
            series: vec![LineSeries {
                label: "<x>".into(),
                points: vec![(d("2026-01-02"), 1.0), (d("2026-01-16"), 2.0)],
            }],
            shade: Some(Shade {
                from: d("2026-01-05"),
                to: d("2026-01-16"),
                label: "streak".into(),
            }),
            marker: None,
        };
        let svg = line_chart(&chart);
        assert!(svg.contains("<title>A &amp; B</title>") && svg.contains("&lt;x&gt;"));
        assert!(!svg.contains("<x>"));
        let bars = bar_chart(&BarChart {
            title: "t".into(),
            x_label: "daily return, %".into(),
            y_label: "fund".into(),
            bars: vec![
                Bar {
                    label: "up".into(),
                    value_pct: 1.0,
                },
                Bar {
                    label: "down".into(),
                    value_pct: -0.5,
                },
            ],
        });
        for svg in [&svg, &bars] {
            assert!(svg.contains("<title>"), "every chart has a title element");
            assert_eq!(
                svg.matches("class=\"axis-label").count(),
                2,
                "two axis labels"
            );
        }
        assert!(bars.contains("#1a7f37") && bars.contains("#cf222e"));
        assert!(bars.contains("+1.00%") && bars.contains("-0.50%"));
    }
}
