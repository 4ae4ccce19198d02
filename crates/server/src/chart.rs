//! The instrument page's inline SVG line chart, drawn by hand (no plotting
//! dependency).
//!
//! Long series are thinned to at most [`MAX_POINTS`] by keeping each
//! bucket's lowest and highest point, so peaks and troughs survive. The
//! value axis uses round 1-2-5 steps that enclose the data (scale marks, not
//! figures); the date axis restates the dates of observations.
//!
//! The brief's and the answers' charts come from `report::svg`, whose line
//! chart is not used here: it draws every point (no thinning) and does not
//! describe the series for screen readers.

use crate::html::{esc, fmt_grouped, fmt_points};
use model::Date;
use std::fmt::Write as _;

/// Most points drawn in one polyline.
pub(crate) const MAX_POINTS: usize = 800;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 320.0;
const PAD_RIGHT: f64 = 14.0;
const PAD_TOP: f64 = 14.0;
const PAD_BOTTOM: f64 = 34.0;
const FONT_PX: f64 = 14.0;
/// About this many value ticks.
const TARGET_TICKS: f64 = 5.0;
/// Date labels along the bottom.
const DATE_LABELS: usize = 4;

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

/// A value axis: round bounds enclosing the data and the step between ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    /// Bottom of the axis (a multiple of `step`).
    pub(crate) min: f64,
    /// Top of the axis (a multiple of `step`).
    pub(crate) max: f64,
    /// Distance between ticks: 1, 2 or 5 times a power of ten.
    pub(crate) step: f64,
}

impl Scale {
    /// The scale for data in `[lo, hi]` with about `target` intervals.
    pub(crate) fn new(lo: f64, hi: f64, target: f64) -> Scale {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            // A flat line: open a small window around it.
            let pad = (lo.abs() * 0.01).max(1e-6);
            (lo - pad, hi + pad)
        };
        let raw = (hi - lo) / target.max(1.0);
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        Scale {
            min: (lo / step + 1e-9).floor() * step,
            max: (hi / step - 1e-9).ceil() * step,
            step,
        }
    }

    /// The tick values from `min` to `max`.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round();
        // At most a few dozen ticks; the cast is of a small positive count.
        let n = if n.is_finite() {
            n.clamp(0.0, 50.0) as usize
        } else {
            0
        };
        (0..=n).map(|k| self.min + self.step * k as f64).collect()
    }

    /// Decimals that print every tick exactly.
    pub(crate) fn decimals(&self) -> usize {
        if self.step >= 1.0 {
            0
        } else {
            // step < 1: 0.5 → 1, 0.02 → 2, 0.001 → 3.
            let d = (-self.step.log10()).ceil();
            if d.is_finite() {
                d.clamp(1.0, 8.0) as usize
            } else {
                2
            }
        }
    }
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
    let scale = Scale::new(lo, hi, TARGET_TICKS);
    let ticks = scale.ticks();
    let decimals = scale.decimals();
    let tick_labels: Vec<String> = ticks.iter().map(|t| fmt_grouped(*t, decimals)).collect();
    // Room for the longest tick label (about 0.6 em per character).
    let widest = tick_labels
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(1);
    let pad_left = (widest as f64 * FONT_PX * 0.6 + 16.0).max(48.0);
    let plot_w = WIDTH - pad_left - PAD_RIGHT;
    let plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM;
    let bottom = PAD_TOP + plot_h;
    let right = WIDTH - PAD_RIGHT;
    let x = |i: usize| pad_left + plot_w * i as f64 / (n - 1) as f64;
    let y = |v: f64| PAD_TOP + plot_h * (1.0 - (v - scale.min) / (scale.max - scale.min));

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
         xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" \
         font-size=\"{FONT_PX}\">\
         <title id=\"chart-title\">{label}</title>\
         <desc id=\"chart-desc\">{label} from {first} to {last}; lowest shown {lo_txt}, highest shown {hi_txt}.</desc>",
        label = esc(label),
        lo_txt = fmt_points(lo),
        hi_txt = fmt_points(hi),
    );
    // Horizontal grid lines at the round levels, labelled on the left.
    for (t, text) in ticks.iter().zip(&tick_labels) {
        let gy = y(*t);
        let _ = write!(
            svg,
            "<line x1=\"{pad_left:.1}\" x2=\"{right}\" y1=\"{gy:.1}\" y2=\"{gy:.1}\" stroke=\"#e2dfd8\" stroke-width=\"1\"/>\
             <text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#444\">{text}</text>",
            tx = pad_left - 8.0,
            ty = gy + FONT_PX * 0.35,
        );
    }
    // A zero line when the axis crosses zero (returns), then the axes.
    if scale.min < 0.0 && scale.max > 0.0 {
        let zy = y(0.0);
        let _ = write!(
            svg,
            "<line class=\"zero\" x1=\"{pad_left:.1}\" x2=\"{right}\" y1=\"{zy:.1}\" y2=\"{zy:.1}\" \
             stroke=\"#6b6860\" stroke-width=\"1\"/>"
        );
    }
    let _ = write!(
        svg,
        "<path class=\"axis\" d=\"M{pad_left:.1},{PAD_TOP} V{bottom} H{right}\" fill=\"none\" \
         stroke=\"#6b6860\" stroke-width=\"1\"/>"
    );
    // Dates of evenly spaced observations under the axis, first and last included.
    let labels = DATE_LABELS.min(n);
    for k in 0..labels {
        let i = k * (n - 1) / (labels - 1).max(1);
        let anchor = match k {
            0 => "start",
            _ if k + 1 == labels => "end",
            _ => "middle",
        };
        let xi = x(i);
        let _ = write!(
            svg,
            "<line x1=\"{xi:.1}\" x2=\"{xi:.1}\" y1=\"{bottom}\" y2=\"{tick}\" stroke=\"#6b6860\"/>\
             <text x=\"{xi:.1}\" y=\"{ty}\" text-anchor=\"{anchor}\" fill=\"#444\">{date}</text>",
            tick = bottom + 5.0,
            ty = bottom + 5.0 + FONT_PX,
            date = dates[i],
        );
    }
    let mut points = String::new();
    for i in thin(values, MAX_POINTS) {
        if values[i].is_finite() {
            let _ = write!(points, "{:.1},{:.1} ", x(i), y(values[i]));
        }
    }
    let stroke = if trend == "up" { "#116329" } else { "#a4161a" };
    let _ = write!(
        svg,
        "<polyline class=\"line {trend}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.8\" \
         stroke-linejoin=\"round\" points=\"{points}\"/></svg>",
        points = points.trim_end(),
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
    fn scales_use_round_one_two_five_steps_that_enclose_the_data() {
        // The ^RUT one-year range of the review: 2,274.10 to 3,068.42.
        // (3068.42 - 2274.10) / 5 = 158.9 → step 200; floor(2274.10 / 200)
        // = 11 → 2,200; ceil(3068.42 / 200) = 16 → 3,200.
        let s = Scale::new(2274.10, 3068.42, 5.0);
        assert_eq!((s.min, s.max, s.step), (2200.0, 3200.0, 200.0));
        assert_eq!(
            s.ticks(),
            vec![2200.0, 2400.0, 2600.0, 2800.0, 3000.0, 3200.0]
        );
        assert_eq!(s.decimals(), 0);
        // Rates: 3.58 to 4.33 → raw step 0.15 → 0.2, from 3.4 to 4.4.
        let s = Scale::new(3.58, 4.33, 5.0);
        assert!((s.step - 0.2).abs() < 1e-12, "{s:?}");
        assert!(
            (s.min - 3.4).abs() < 1e-9 && (s.max - 4.4).abs() < 1e-9,
            "{s:?}"
        );
        assert_eq!(s.decimals(), 1);
        // Returns across zero: -2.3 to 1.7 → raw 0.8 → step 1, -3 to 2.
        let s = Scale::new(-2.3, 1.7, 5.0);
        assert_eq!((s.min, s.max, s.step), (-3.0, 2.0, 1.0));
        // Bounds already on a step stay put; a flat line still gets a range.
        assert_eq!(Scale::new(100.0, 200.0, 5.0).ticks().len(), 6);
        let flat = Scale::new(5.0, 5.0, 5.0);
        assert!(flat.min < 5.0 && flat.max > 5.0, "{flat:?}");
        assert_eq!(Scale::new(0.012, 0.019, 5.0).decimals(), 3);
    }

    #[test]
    fn chart_escapes_label_and_draws_axes_and_a_line() {
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
        assert!(svg.contains("class=\"axis\""));
        // 10 to 12 in steps of 0.5: round labels, not the data's extremes.
        for tick in [">10.0<", ">11.0<", ">12.0<"] {
            assert!(svg.contains(tick), "tick {tick}: {svg}");
        }
        assert!(svg.contains(">2026-01-02<") && svg.contains(">2026-01-06<"));
        assert!(!svg.contains("class=\"zero\""));
        assert!(line_chart("x", &[d("2026-01-02")], &[1.0]).contains("Not enough data"));
    }
}
