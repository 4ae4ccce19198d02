//! Hand-written SVG charts over plain data: a dated line chart (with an
//! optional shaded window, a reference line and a marked point) and a
//! horizontal bar chart, plus the round-tick helpers they use.
//!
//! Every text node is escaped. Charts scale to their container
//! (`width="100%"` with a `viewBox`), so they stay readable on a phone, and
//! each one is an accessible image (`role="img"`, `<title>`, `<desc>`).
//! Long series are thinned to [`MAX_POINTS`] per line, keeping each
//! bucket's lowest and highest point so peaks and troughs survive.

use crate::fmt;
use chrono::Datelike;
use model::display::escape_html;
use model::Date;
use std::fmt::Write as _;

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq, Default)]
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

/// A dashed horizontal line at a fixed value (e.g. 100 on a chart rebased
/// to 100, or 0 on a chart of returns). The value axis always includes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Value the line is drawn at.
    pub value: f64,
    /// Legend label, e.g. "100 = first session shown".
    pub label: String,
}

/// What a line chart draws. Build it with struct update syntax over
/// `LineChart::default()` so new options do not break callers.
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// A dashed reference line.
    pub reference: Option<Reference>,
    /// Text for screen readers (`<desc>`); when empty, the chart describes
    /// its lines and the dates they span.
    pub description: String,
}

/// What a bar chart draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Title drawn at the top.
    pub title: String,
    /// Value-axis label, e.g. "daily return, %".
    pub x_label: String,
    /// Category-axis label, e.g. "fund".
    pub y_label: String,
    /// Bars (sorted largest first when drawn, unless `keep_order`).
    pub bars: Vec<Bar>,
    /// Draw the bars in the given order (e.g. horizons 21, 63, 126, 252
    /// sessions) instead of largest first.
    pub keep_order: bool,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label (e.g. "XLK Technology").
    pub label: String,
    /// Value in percent.
    pub value_pct: f64,
}

/// Most points drawn per line; longer series are thinned by [`thin`].
pub const MAX_POINTS: usize = 800;

const W: f64 = 720.0;
const H: f64 = 380.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 48.0;
/// Room under the plot: date labels, the x-axis caption, the legend.
const BOTTOM: f64 = 80.0;
const FONT_PX: f64 = 12.0;
/// Height of the legend row at the bottom of a line chart.
const LEGEND_ROW: f64 = 22.0;
/// Clearance between a marker's label and the line, px.
const GAP: f64 = 8.0;
/// Approximate advance of one character at 12 px (for layout only).
const CHAR_PX: f64 = 7.0;
const COLORS: [&str; 4] = ["#1f6feb", "#d4760a", "#6e40c9", "#1a7f37"];
const MUTED: &str = "#57606a";
const FONT: &str = "font-family=\"system-ui,-apple-system,Segoe UI,Roboto,sans-serif\"";

/// A sparkline: a tiny line of `values` (oldest first) with no axes and
/// no figures, only a shape, for a ticker card. Decorative next to the
/// card's printed close (`aria-hidden`), titled for a pointer's tooltip.
/// `None` with fewer than two finite values.
pub fn sparkline(label: &str, values: &[f64]) -> Option<String> {
    const SW: f64 = 120.0;
    const SH: f64 = 28.0;
    let pts: Vec<(usize, f64)> = values
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .collect();
    if pts.len() < 2 {
        return None;
    }
    let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let last_idx = (values.len() - 1).max(1) as f64;
    let xy = |(i, v): (usize, f64)| {
        let x = i as f64 / last_idx * (SW - 4.0) + 2.0;
        let y = SH - 2.0 - (v - lo) / span * (SH - 4.0);
        (x, y)
    };
    let mut line = String::new();
    for p in &pts {
        let (x, y) = xy(*p);
        let _ = write!(line, "{x:.1},{y:.1} ");
    }
    let (first, last) = (pts[0].1, pts[pts.len() - 1].1);
    let color = if last >= first { "#1a7f37" } else { "#cf222e" };
    let (ex, ey) = xy(pts[pts.len() - 1]);
    Some(format!(
        "<svg class=\"spark\" viewBox=\"0 0 {SW} {SH}\" width=\"{SW}\" height=\"{SH}\" aria-hidden=\"true\" focusable=\"false\"><title>{}</title><polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{}\"/><circle cx=\"{ex:.1}\" cy=\"{ey:.1}\" r=\"2\" fill=\"{color}\"/></svg>",
        escape_html(label),
        line.trim_end()
    ))
}

/// A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `n`
/// intervals over `[lo, hi]`.
pub fn nice_step(lo: f64, hi: f64, n: usize) -> f64 {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

/// Round tick values inside `[lo, hi]`, about `n` intervals apart (see
/// [`nice_step`]). Each tick is a whole multiple of the step, computed
/// directly (no running sum), so it prints exactly with [`tick_decimals`].
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let step = nice_step(lo, hi, n);
    let first = (lo / step - 1e-9).ceil();
    (0..50)
        .map(|k| (first + f64::from(k)) * step)
        .take_while(|t| *t <= hi + step * 1e-9)
        .collect()
}

/// Decimals that print every multiple of `step` exactly: 250 and 25 → 0,
/// 2.5 → 1, 0.25 and 0.02 → 2 (at most 8).
pub fn tick_decimals(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    for d in 0..8 {
        let scaled = step * 10f64.powi(d);
        if (scaled - scaled.round()).abs() <= 1e-6 * scaled.max(1.0) {
            // `d` is in 0..8: the cast is lossless.
            return d as usize;
        }
    }
    8
}

/// Labels for ticks from [`nice_ticks`]: thousands separators, and as many
/// decimals as the step between them needs.
pub fn tick_labels(ticks: &[f64]) -> Vec<String> {
    let dec = match ticks {
        [a, b, ..] => tick_decimals((b - a).abs()),
        [a] => tick_decimals(a.abs()).min(2),
        [] => 0,
    };
    ticks.iter().map(|t| fmt::number(*t, dec)).collect()
}

/// Indices of the points to draw: all of them when at most `max_points`,
/// else the first, the last and each bucket's lowest and highest point, in
/// order.
pub fn thin(values: &[f64], max_points: usize) -> Vec<usize> {
    let n = values.len();
    if n <= max_points || max_points < 4 {
        return (0..n).collect();
    }
    let n_buckets = max_points / 2 - 1;
    let mut keep = Vec::with_capacity(max_points);
    keep.push(0);
    for b in 0..n_buckets {
        let start = 1 + b * (n - 2) / n_buckets;
        let end = 1 + (b + 1) * (n - 2) / n_buckets;
        if start >= end {
            continue;
        }
        let (mut lo, mut hi) = (start, start);
        for i in start..end {
            if values[i] < values[lo] {
                lo = i;
            }
            if values[i] > values[hi] {
                hi = i;
            }
        }
        keep.push(lo.min(hi));
        if lo != hi {
            keep.push(lo.max(hi));
        }
    }
    keep.push(n - 1);
    keep
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

fn header(out: &mut String, title: &str, description: &str, height: f64) {
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {W} {height}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" role=\"img\" aria-label=\"{t}\" {FONT}>\
<title>{t}</title><desc>{d}</desc><rect width=\"{W}\" height=\"{height}\" fill=\"#ffffff\"/>\
<text x=\"12\" y=\"26\" font-size=\"17\" font-weight=\"600\" fill=\"#1f2328\">{t}</text>",
        t = escape_html(title),
        d = escape_html(description)
    );
}

/// `text` cut to `max` characters, the last one an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Text width estimate in px for layout.
fn text_px(text: &str) -> f64 {
    CHAR_PX * text.chars().count() as f64
}

/// Draws a dated line chart.
pub fn line_chart(chart: &LineChart) -> String {
    let all: Vec<(Date, f64)> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .filter(|(_, v)| v.is_finite())
        .collect();
    let (Some(d0), Some(d1)) = (all.iter().map(|p| p.0).min(), all.iter().map(|p| p.0).max())
    else {
        let mut out = String::new();
        header(&mut out, &chart.title, "No data to draw.", H);
        out.push_str("<text x=\"360\" y=\"190\" text-anchor=\"middle\">no data</text></svg>");
        return out;
    };
    let description = if chart.description.is_empty() {
        let names: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
        format!(
            "Line chart of {} from {d0} to {d1}.",
            names.join(", ").trim_end()
        )
    } else {
        chart.description.clone()
    };
    let mut out = String::new();
    // Without a legend the last row is dropped.
    let height = if has_legend(chart) { H } else { H - LEGEND_ROW };
    header(&mut out, &chart.title, &description, height);

    let mut lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if let Some(r) = chart.reference.as_ref().filter(|r| r.value.is_finite()) {
        lo = lo.min(r.value);
        hi = hi.max(r.value);
    }
    let span = hi - lo;
    let pad = (span * 0.08).max(hi.abs() * 1e-4).max(1e-6);
    lo -= pad;
    // Head room for a marker's label above the line.
    hi += if chart.marker.is_some() {
        pad.max(span * 0.14)
    } else {
        pad
    };
    let ticks = nice_ticks(lo, hi, 5);
    let labels = tick_labels(&ticks);
    let widest = labels.iter().map(|l| text_px(l)).fold(0.0, f64::max);
    // Room for the rotated y caption, then the tick labels.
    let left = (if chart.y_label.is_empty() { 14.0 } else { 30.0 } + widest + 8.0).max(48.0);
    let span_days = (d1 - d0).num_days().max(1);
    let plot_w = W - left - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let bottom = TOP + plot_h;
    let right = W - RIGHT;
    let x = |d: Date| left + plot_w * (d - d0).num_days() as f64 / span_days as f64;
    let y = |v: f64| TOP + plot_h * (1.0 - (v - lo) / (hi - lo));

    if let Some(shade) = &chart.shade {
        let (a, b) = (x(shade.from.max(d0)), x(shade.to.min(d1)));
        let _ = write!(
            out,
            "<rect class=\"shade\" x=\"{a:.1}\" y=\"{TOP}\" width=\"{w:.1}\" height=\"{plot_h}\" fill=\"#f2cc60\" fill-opacity=\"0.28\"/>",
            w = (b - a).max(2.0)
        );
    }
    // Y grid and labels.
    for (t, label) in ticks.iter().zip(&labels) {
        let _ = write!(
            out,
            "<line x1=\"{left:.1}\" x2=\"{right}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\
<text x=\"{lx:.1}\" y=\"{ty:.1}\" font-size=\"{FONT_PX}\" text-anchor=\"end\" fill=\"{MUTED}\">{label}</text>",
            yy = y(*t),
            lx = left - 6.0,
            ty = y(*t) + 4.0,
            label = escape_html(label)
        );
    }
    if let Some(r) = chart.reference.as_ref().filter(|r| r.value.is_finite()) {
        let _ = write!(
            out,
            "<line class=\"reference\" x1=\"{left:.1}\" x2=\"{right}\" y1=\"{ry:.1}\" y2=\"{ry:.1}\" stroke=\"#1f2328\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>",
            ry = y(r.value)
        );
    }
    // Axes: value axis on the left, date axis at the bottom.
    let _ = write!(
        out,
        "<path class=\"axis\" d=\"M{left:.1},{TOP} V{bottom} H{right}\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"1\"/>"
    );
    // About five date labels, first and last included.
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
        // Every other inner label is minor: a phone's stylesheet hides it.
        let minor = if k % 2 == 1 && k + 1 < n_labels {
            " class=\"tick-minor\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{bottom}\" y2=\"{yt}\" stroke=\"{MUTED}\"/>\
<text{minor} x=\"{xx:.1}\" y=\"{ty}\" font-size=\"{FONT_PX}\" text-anchor=\"{anchor}\" fill=\"{MUTED}\">{label}</text>",
            xx = x(d),
            yt = bottom + 5.0,
            ty = bottom + 19.0,
            label = escape_html(&date_label(d, span_days))
        );
    }
    // Axis captions: the y caption rotated at the left edge; the x caption
    // centred on its own row under the date labels (never on their row).
    let _ = write!(
        out,
        "<text class=\"axis-label y\" transform=\"translate(16 {cy}) rotate(-90)\" font-size=\"{FONT_PX}\" text-anchor=\"middle\" fill=\"{MUTED}\">{l}</text>\
<text class=\"axis-label x\" x=\"{cx:.1}\" y=\"{ty}\" font-size=\"{FONT_PX}\" text-anchor=\"middle\" fill=\"{MUTED}\">{xl}</text>",
        cy = TOP + plot_h / 2.0,
        l = escape_html(&chart.y_label),
        cx = left + plot_w / 2.0,
        ty = bottom + 38.0,
        xl = escape_html(&chart.x_label)
    );
    // Lines, thinned; their screen positions are kept to place the marker label.
    let mut drawn: Vec<(f64, f64)> = Vec::new();
    for (i, s) in chart.series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let pts: Vec<(Date, f64)> = s
            .points
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .collect();
        let values: Vec<f64> = pts.iter().map(|p| p.1).collect();
        let mut path = String::new();
        for j in thin(&values, MAX_POINTS) {
            let (px, py) = (x(pts[j].0), y(pts[j].1));
            drawn.push((px, py));
            let _ = write!(
                path,
                "{}{px:.1},{py:.1}",
                if path.is_empty() { "" } else { " " }
            );
        }
        let _ = write!(
            out,
            "<polyline class=\"line s{i}\" points=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        );
    }
    if let Some(m) = chart.marker.as_ref().filter(|m| m.value.is_finite()) {
        marker(&mut out, m, (x(m.date), y(m.value)), &drawn, (left, bottom));
    }
    legend(&mut out, chart, left);
    out.push_str("</svg>");
    out
}

/// The marker's dot and its label: above the line where the label's width
/// meets it (or below when there is no room above), a few pixels clear of
/// it, kept inside the plot; a thin leader joins a label set apart.
fn marker(
    out: &mut String,
    m: &Marker,
    (mx, my): (f64, f64),
    drawn: &[(f64, f64)],
    (left, bottom): (f64, f64),
) {
    let w = text_px(&m.label) + 4.0;
    let right = W - RIGHT;
    // Anchor toward the middle of the plot so the label stays inside it.
    let (x0, x1, anchor, tx) = if mx > left + (right - left) * 0.6 {
        let x1 = (mx + 4.0).min(right);
        (x1 - w, x1, "end", x1)
    } else {
        let x0 = (mx - 4.0).max(left);
        (x0, x0 + w, "start", x0)
    };
    let near = drawn
        .iter()
        .filter(|(px, _)| *px >= x0 - 4.0 && *px <= x1 + 4.0)
        .map(|p| p.1);
    let top_py = near.clone().fold(my, f64::min);
    let low_py = near.fold(my, f64::max);
    let above = top_py - GAP; // baseline of a label above the line
    let below = low_py + GAP + FONT_PX; // baseline of a label below it
    let ty = if above - FONT_PX >= TOP {
        above
    } else if below <= bottom - 4.0 {
        below
    } else {
        // No clear room: the side with more space, clamped inside the plot.
        if above - TOP > bottom - below {
            above.max(TOP + FONT_PX)
        } else {
            below.min(bottom - 4.0)
        }
    };
    let _ = write!(
        out,
        "<circle class=\"marker\" cx=\"{mx:.1}\" cy=\"{my:.1}\" r=\"5\" fill=\"#cf222e\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
    );
    // The label's nearest edge to the dot, vertically.
    let edge = if ty < my { ty + 3.0 } else { ty - FONT_PX };
    if (edge - my).abs() > 14.0 {
        let _ = write!(
            out,
            "<line class=\"leader\" x1=\"{mx:.1}\" x2=\"{mx:.1}\" y1=\"{a:.1}\" y2=\"{edge:.1}\" stroke=\"#cf222e\" stroke-width=\"1\"/>",
            a = if ty < my { my - 6.0 } else { my + 6.0 }
        );
    }
    let _ = write!(
        out,
        "<text class=\"marker-label\" x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"{FONT_PX}\" font-weight=\"600\" text-anchor=\"{anchor}\" fill=\"#cf222e\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{l}</text>",
        l = escape_html(&m.label)
    );
}

fn has_legend(chart: &LineChart) -> bool {
    chart.series.len() > 1 || chart.reference.is_some() || chart.shade.is_some()
}

/// The legend on the last row: lines, the reference line, the shade. A
/// single line with nothing else to explain needs none (the title names it).
fn legend(out: &mut String, chart: &LineChart, left: f64) {
    if !has_legend(chart) {
        return;
    }
    let mut lx = left;
    let ly = H - 10.0;
    for (i, s) in chart.series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"{ry}\" width=\"14\" height=\"4\" fill=\"{color}\"/>\
<text x=\"{tx:.1}\" y=\"{ly}\" font-size=\"{FONT_PX}\" fill=\"#1f2328\">{l}</text>",
            ry = ly - 6.0,
            tx = lx + 20.0,
            l = escape_html(&s.label)
        );
        lx += 34.0 + text_px(&s.label);
    }
    if let Some(r) = &chart.reference {
        let _ = write!(
            out,
            "<line x1=\"{lx:.1}\" x2=\"{x2:.1}\" y1=\"{ry}\" y2=\"{ry}\" stroke=\"#1f2328\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\
<text x=\"{tx:.1}\" y=\"{ly}\" font-size=\"{FONT_PX}\" fill=\"#1f2328\">{l}</text>",
            x2 = lx + 14.0,
            ry = ly - 4.0,
            tx = lx + 20.0,
            l = escape_html(&r.label)
        );
        lx += 34.0 + text_px(&r.label);
    }
    if let Some(shade) = &chart.shade {
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"{ry}\" width=\"14\" height=\"10\" fill=\"#f2cc60\" fill-opacity=\"0.5\"/>\
<text x=\"{tx:.1}\" y=\"{ly}\" font-size=\"{FONT_PX}\" fill=\"#1f2328\">{l}</text>",
            ry = ly - 9.0,
            tx = lx + 20.0,
            l = escape_html(&shade.label)
        );
    }
}

/// Draws horizontal bars of percent values, positive in green and negative
/// in red, with the value printed at each bar: largest first, or in the
/// given order when `keep_order` is set.
pub fn bar_chart(chart: &BarChart) -> String {
    let title = chart.title.as_str();
    let mut bars: Vec<&Bar> = chart
        .bars
        .iter()
        .filter(|b| b.value_pct.is_finite())
        .collect();
    if !chart.keep_order {
        bars.sort_by(|a, b| b.value_pct.total_cmp(&a.value_pct));
    }
    let row = 26.0;
    let height = TOP + row * bars.len() as f64 + 44.0;
    let names: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    let description = format!(
        "Bar chart of {}: {}.",
        if chart.x_label.is_empty() {
            "values"
        } else {
            chart.x_label.as_str()
        },
        names.join(", ")
    );
    let mut out = String::new();
    header(&mut out, title, &description, height);
    // Room for the longest label (13 px text), within limits; a longer
    // label is shortened with an ellipsis (its full text stays in <desc>).
    let max_label_chars = 48;
    let widest = bars
        .iter()
        .map(|b| b.label.chars().count().min(max_label_chars))
        .max()
        .unwrap_or(0);
    let label_w = (widest as f64 * 7.6 + 16.0).clamp(120.0, 380.0);
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
<text x=\"{vx:.1}\" y=\"{ty:.1}\" font-size=\"{FONT_PX}\" fill=\"#1f2328\">{v}</text>",
            lx = label_w - 8.0,
            ty = yy + 17.0,
            l = escape_html(&shorten(&b.label, max_label_chars)),
            ry = yy + 5.0,
            w = len.max(1.0),
            h = row - 9.0,
            vx = W - RIGHT - value_w + 6.0,
            v = escape_html(&fmt::pct_signed(b.value_pct))
        );
    }
    let yb = TOP + row * bars.len() as f64;
    let _ = write!(
        out,
        "<line x1=\"{zero:.1}\" x2=\"{zero:.1}\" y1=\"{TOP}\" y2=\"{yb}\" stroke=\"{MUTED}\"/>\
<text x=\"{zero:.1}\" y=\"{ty}\" font-size=\"{FONT_PX}\" text-anchor=\"middle\" fill=\"{MUTED}\">0%</text>\
<text class=\"axis-label x\" x=\"{W2}\" y=\"{ty2}\" font-size=\"{FONT_PX}\" text-anchor=\"end\" fill=\"{MUTED}\">{xl}</text>\
<text class=\"axis-label y\" transform=\"translate(12 {cy:.1}) rotate(-90)\" font-size=\"{FONT_PX}\" text-anchor=\"middle\" fill=\"{MUTED}\">{yl}</text>",
        ty = yb + 16.0,
        W2 = W - RIGHT,
        ty2 = yb + 34.0,
        xl = escape_html(&chart.x_label),
        cy = TOP + (yb - TOP) / 2.0,
        yl = escape_html(&chart.y_label)
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

    /// The text of every `<text>` element.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>'))
            .filter_map(|(_, rest)| rest.split_once("</text>"))
            .map(|(inner, _)| inner.to_string())
            .collect()
    }

    /// An attribute's numeric value in one element's markup.
    fn attr_num(el: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        el.split_once(&key)
            .and_then(|(_, r)| r.split_once('"'))
            .and_then(|(v, _)| v.parse().ok())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn text_is_escaped_and_ticks_are_round() {
        assert_eq!(
            escape_html("S&P <500> \"x\""),
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
            ..LineChart::default()
        };
        let svg = line_chart(&chart);
        assert!(svg.contains("<title>A &amp; B</title>") && svg.contains("&lt;x&gt;"));
        assert!(svg.contains("<desc>Line chart of &lt;x&gt; from 2026-01-02 to 2026-01-16.</desc>"));
        assert!(svg.starts_with("<svg viewBox=") && svg.contains("role=\"img\""));
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
            keep_order: false,
        });
        for svg in [&svg, &bars] {
            assert!(svg.contains("<title>"), "every chart has a title element");
            assert!(svg.contains("<desc>"), "every chart has a description");
            assert_eq!(
                svg.matches("class=\"axis-label").count(),
                2,
                "two axis labels"
            );
        }
        assert!(bars.contains("#1a7f37") && bars.contains("#cf222e"));
        assert!(bars.contains("+1.00%") && bars.contains("-0.50%"));
    }

    #[test]
    fn tick_labels_carry_the_decimals_of_their_step() {
        // Steps chosen by nice_step: span / 5 rounded up to 1, 2, 2.5 or 5
        // times a power of ten.
        let cases: [(f64, f64, f64, &[&str]); 5] = [
            // 2.5 step: 102.5 and 107.5 must not print as 102 and 108.
            (
                100.0,
                112.0,
                2.5,
                &["100.0", "102.5", "105.0", "107.5", "110.0"],
            ),
            (0.0, 1.1, 0.25, &["0.00", "0.25", "0.50", "0.75", "1.00"]),
            (0.0, 110.0, 25.0, &["0", "25", "50", "75", "100"]),
            (
                1000.0,
                2100.0,
                250.0,
                &["1,000", "1,250", "1,500", "1,750", "2,000"],
            ),
            (3.97, 4.06, 0.02, &["3.98", "4.00", "4.02", "4.04", "4.06"]),
        ];
        for (lo, hi, step, want) in cases {
            let got_step = nice_step(lo, hi, 5);
            assert!(
                (got_step - step).abs() < 1e-12,
                "{lo}..{hi}: step {got_step}"
            );
            let ticks = nice_ticks(lo, hi, 5);
            let labels = tick_labels(&ticks);
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(labels, want, "{lo}..{hi}");
            assert!(ticks.iter().all(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9));
        }
        for (step, dec) in [
            (0.25, 2),
            (2.5, 1),
            (25.0, 0),
            (250.0, 0),
            (0.02, 2),
            (0.1 * 3.0, 1),
        ] {
            assert_eq!(tick_decimals(step), dec, "step {step}");
        }
        // Labels on a drawn chart: 100 to 110, padded by 8% either side
        // (99.2 to 110.8, span / 5 = 2.32), draws ticks 2.5 apart.
        let points: Vec<(Date, f64)> = [100.0, 104.0, 110.0]
            .iter()
            .zip(["2026-01-02", "2026-01-05", "2026-01-06"])
            .map(|(v, s)| (d(s), *v))
            .collect();
        let svg = line_chart(&LineChart {
            title: "t".into(),
            series: vec![LineSeries {
                label: "x".into(),
                points,
            }],
            ..LineChart::default()
        });
        let t = texts(&svg);
        assert!(
            t.iter().any(|s| s == "102.5") && t.iter().any(|s| s == "107.5"),
            "{t:?}"
        );
    }

    #[test]
    fn reference_line_marker_label_and_captions_stay_clear() {
        // A rising line ending at its high: the label must sit above or
        // below the line where it spans, not on it.
        let points: Vec<(Date, f64)> = (0..60)
            .map(|i| {
                (
                    d("2026-01-01") + chrono::Days::new(i),
                    95.0 + (i as f64) * 0.3,
                )
            })
            .collect();
        let last = *points.last().expect("points");
        let svg = line_chart(&LineChart {
            title: "Rebased".into(),
            x_label: "session".into(),
            y_label: "relative strength (start = 100)".into(),
            series: vec![LineSeries {
                label: "A / B".into(),
                points,
            }],
            marker: Some(Marker {
                date: last.0,
                value: last.1,
                label: "record close".into(),
            }),
            reference: Some(Reference {
                value: 100.0,
                label: "100 = start".into(),
            }),
            ..LineChart::default()
        });
        assert!(svg.contains("class=\"reference\"") && svg.contains(">100 = start<"));
        let line_el = svg.split("<polyline").nth(1).expect("a line");
        let pts: Vec<(f64, f64)> = line_el
            .split_once("points=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(p, _)| {
                p.split(' ')
                    .filter_map(|xy| xy.split_once(','))
                    .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                    .collect()
            })
            .expect("points");
        let label_el = svg.split("class=\"marker-label\"").nth(1).expect("label");
        let (lx, ly) = (attr_num(label_el, "x"), attr_num(label_el, "y"));
        // End-anchored: the label spans about 12 characters left of lx.
        let (x0, x1) = (lx - 7.0 * 12.0, lx);
        for (px, py) in pts.iter().filter(|(px, _)| *px >= x0 && *px <= x1) {
            // The glyphs occupy [ly - 12, ly + 3]; the line must be clear of them.
            assert!(
                *py > ly + 3.0 || *py < ly - 12.0,
                "line at ({px},{py}) under label at {ly}"
            );
        }
        assert!(
            (TOP + 12.0..=H - BOTTOM).contains(&ly),
            "label inside the plot: {ly}"
        );
        // The x caption has its own row below the date labels' row.
        let caption = svg
            .split("class=\"axis-label x\"")
            .nth(1)
            .expect("x caption");
        let date_row = H - BOTTOM + 19.0;
        assert!(
            attr_num(caption, "y") - date_row >= FONT_PX + 4.0,
            "caption row clear of dates"
        );
        assert!(svg.contains(">session<"));
        // The value axis includes the reference even when the data do not.
        let t = texts(&svg);
        assert!(t.iter().any(|s| s == "100"), "{t:?}");
    }

    #[test]
    fn bars_keep_their_order_when_asked() {
        let bars: Vec<Bar> = [
            ("21 sessions", 1.0),
            ("63 sessions", -2.0),
            ("126 sessions", 3.0),
        ]
        .iter()
        .map(|(l, v)| Bar {
            label: (*l).into(),
            value_pct: *v,
        })
        .collect();
        let order = |svg: &str| -> Vec<String> {
            texts(svg)
                .into_iter()
                .filter(|t| t.ends_with("sessions"))
                .collect()
        };
        let kept = bar_chart(&BarChart {
            title: "h".into(),
            bars: bars.clone(),
            keep_order: true,
            ..BarChart::default()
        });
        assert_eq!(order(&kept), ["21 sessions", "63 sessions", "126 sessions"]);
        let sorted = bar_chart(&BarChart {
            title: "h".into(),
            bars,
            ..BarChart::default()
        });
        assert_eq!(
            order(&sorted),
            ["126 sessions", "21 sessions", "63 sessions"]
        );
        // Long labels get the room they need, up to a limit, then an ellipsis.
        let long = "the smallest 30% of US stocks by market equity (value-weighted)";
        let svg = bar_chart(&BarChart {
            title: "t".into(),
            bars: vec![Bar {
                label: long.into(),
                value_pct: 11.53,
            }],
            ..BarChart::default()
        });
        let shown = texts(&svg)
            .into_iter()
            .find(|t| t.starts_with("the smallest"))
            .expect("label drawn");
        assert_eq!(shown.chars().count(), 48, "{shown}");
        assert!(
            shown.ends_with('…')
                && svg.contains(&format!("<desc>Bar chart of values: {long}.</desc>"))
        );
        let label_el = svg.split("text-anchor=\"end\"").next().expect("svg");
        let x = label_el
            .rsplit(" x=\"")
            .next()
            .and_then(|r| r.split('"').next());
        assert_eq!(
            x.and_then(|v| v.parse::<f64>().ok()),
            Some(372.0),
            "label column 380 px wide"
        );
    }

    #[test]
    fn long_series_are_thinned_keeping_ends_and_extremes() {
        let values: Vec<f64> = (0..10_000).map(|i| f64::from(i % 97)).collect();
        let keep = thin(&values, 100);
        assert!(keep.len() <= 100, "kept {}", keep.len());
        assert_eq!(keep.first(), Some(&0));
        assert_eq!(keep.last(), Some(&9_999));
        assert!(keep.windows(2).all(|w| w[0] < w[1]), "indices increase");
        assert!(keep.iter().any(|&i| values[i] == 96.0));
        assert_eq!(thin(&[1.0, 2.0, 3.0], 100), vec![0, 1, 2]);
        let points: Vec<(Date, f64)> = (0..5000u64)
            .map(|i| (d("2000-01-03") + chrono::Days::new(i), values[i as usize]))
            .collect();
        let svg = line_chart(&LineChart {
            title: "long".into(),
            series: vec![LineSeries {
                label: "x".into(),
                points,
            }],
            ..LineChart::default()
        });
        let drawn = svg
            .split("points=\"")
            .nth(1)
            .and_then(|r| r.split_once('"'))
            .map_or(0, |(p, _)| p.split(' ').count());
        assert!(
            drawn <= MAX_POINTS && drawn > MAX_POINTS / 2,
            "drew {drawn}"
        );
    }
}
