//! Inline SVG line charts, drawn by hand (no plotting dependency).
//!
//! Long series are thinned to at most [`MAX_POINTS`] by keeping each
//! bucket's lowest and highest point, so peaks and troughs survive.
//! Axis labels restate data points (first and last date, lowest and highest
//! value shown); they are not computed figures.

use crate::html::{esc, fmt_points};
use model::Date;
use std::fmt::Write as _;

/// Most points drawn in one polyline.
pub(crate) const MAX_POINTS: usize = 800;

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 320.0;
const PAD_LEFT: f64 = 70.0;
const PAD_RIGHT: f64 = 12.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 28.0;

/// Indices of the points to draw: all of them when few, else each bucket's
/// extremes in date order.
pub(crate) fn thin(values: &[f64], max_points: usize) -> Vec<usize> {
    let n = values.len();
    if n <= max_points || max_points < 4 {
        return (0..n).collect();
    }
    let n_buckets = max_points / 2;
    let mut keep = Vec::with_capacity(max_points + 2);
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

/// An accessible SVG line chart of `values` against `dates` (same length,
/// dates increasing). `label` names the series for screen readers.
pub(crate) fn line_chart(label: &str, dates: &[Date], values: &[f64]) -> String {
    let n = dates.len().min(values.len());
    if n < 2 {
        return format!(
            "<p class=\"muted\">Not enough data to draw {}.</p>",
            esc(label)
        );
    }
    let (dates, values) = (&dates[..n], &values[..n]);
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return format!(
            "<p class=\"muted\">No finite values to draw {}.</p>",
            esc(label)
        );
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let plot_w = WIDTH - PAD_LEFT - PAD_RIGHT;
    let plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM;
    let x = |i: usize| PAD_LEFT + plot_w * i as f64 / (n - 1) as f64;
    let y = |v: f64| PAD_TOP + plot_h * (1.0 - (v - lo) / span);

    let mut points = String::new();
    for i in thin(values, MAX_POINTS) {
        if values[i].is_finite() {
            let _ = write!(points, "{:.1},{:.1} ", x(i), y(values[i]));
        }
    }
    let (first, last) = (dates[0], dates[n - 1]);
    let trend = if values[n - 1] >= values[0] {
        "up"
    } else {
        "down"
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"chart-title\">{label}</title>\
         <desc id=\"chart-desc\">{label} from {first} to {last}; lowest shown {lo_txt}, highest shown {hi_txt}.</desc>",
        label = esc(label),
        lo_txt = fmt_points(lo),
        hi_txt = fmt_points(hi),
    );
    // Four horizontal grid lines with their levels.
    for k in 0..=3 {
        let v = lo + span * f64::from(k) / 3.0;
        let gy = y(v);
        let _ = write!(
            svg,
            "<line x1=\"{PAD_LEFT}\" x2=\"{x2}\" y1=\"{gy:.1}\" y2=\"{gy:.1}\" stroke=\"#e2dfd8\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{ty:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">{txt}</text>",
            x2 = WIDTH - PAD_RIGHT,
            tx = PAD_LEFT - 6.0,
            ty = gy + 4.0,
            txt = fmt_points(v),
        );
    }
    let stroke = if trend == "up" { "#116329" } else { "#a4161a" };
    let _ = write!(
        svg,
        "<polyline class=\"line {trend}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.6\" \
         stroke-linejoin=\"round\" points=\"{points}\"/>\
         <text x=\"{PAD_LEFT}\" y=\"{by}\" font-size=\"12\" fill=\"#555\">{first}</text>\
         <text x=\"{rx}\" y=\"{by}\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">{last}</text></svg>",
        points = points.trim_end(),
        by = HEIGHT - 8.0,
        rx = WIDTH - PAD_RIGHT,
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_ends_and_extremes_in_order() {
        let values: Vec<f64> = (0..10_000).map(|i| f64::from(i % 97)).collect();
        let keep = thin(&values, 100);
        assert!(keep.len() <= 102, "kept {}", keep.len());
        assert_eq!(keep.first(), Some(&0));
        assert_eq!(keep.last(), Some(&9_999));
        assert!(keep.windows(2).all(|w| w[0] < w[1]), "indices increase");
        // The global maximum (96) survives thinning.
        assert!(keep.iter().any(|&i| values[i] == 96.0));
        assert_eq!(thin(&[1.0, 2.0, 3.0], 100), vec![0, 1, 2]);
    }

    #[test]
    fn chart_escapes_label_and_draws_a_line() {
        let d = |s: &str| model::parse_iso_date(s).expect("valid date");
        let svg = line_chart(
            "<b>X</b>",
            &[d("2026-01-02"), d("2026-01-05"), d("2026-01-06")],
            &[10.0, 12.0, 11.0],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("&lt;b&gt;X&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("<polyline class=\"line up\""));
        assert!(svg.contains("2026-01-02") && svg.contains("2026-01-06"));
        assert!(line_chart("x", &[d("2026-01-02")], &[1.0]).contains("Not enough data"));
    }
}
