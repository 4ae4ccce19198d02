//! The instrument page's line chart, drawn by `report::svg` like the
//! brief's and the answers' charts: one chart implementation (round ticks
//! whose labels carry the decimals of their step, long series thinned to
//! `report::svg::MAX_POINTS` keeping each bucket's extremes, an accessible
//! `role="img"` with `<title>` and `<desc>`).

use crate::html::esc;
use model::Date;
use report::svg::{LineChart, LineSeries, Reference};

/// What the plotted values are, for the axis caption and the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Values {
    /// Prices or index levels.
    Levels,
    /// A rate or yield, in percent.
    Rate,
    /// Periodic returns in percent (drawn with a line at zero).
    Returns,
}

/// An accessible SVG line chart of `values` against `dates` (same length,
/// dates increasing). `label` titles the chart and names it for screen
/// readers; `y_label` captions the value axis.
pub(crate) fn line_chart(
    label: &str,
    y_label: &str,
    dates: &[Date],
    values: &[f64],
    kind: Values,
) -> String {
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
    let (first, last) = (dates[0], dates[n - 1]);
    let trend = if values[n - 1] >= values[0] {
        "up"
    } else {
        "down"
    };
    // No figures in the text: a number printed on a page comes from a Fact
    // (the page's fact list); the axis ticks are presentation only.
    let description = format!("{label} from {first} to {last}; {trend} over the range.");
    let reference = (kind == Values::Returns).then(|| Reference {
        value: 0.0,
        label: "zero".to_string(),
    });
    report::svg::line_chart(&LineChart {
        title: label.to_string(),
        x_label: "date".to_string(),
        y_label: y_label.to_string(),
        series: vec![LineSeries {
            label: label.to_string(),
            points: dates.iter().copied().zip(values.iter().copied()).collect(),
        }],
        reference,
        description,
        ..LineChart::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("valid date")
    }

    #[test]
    fn chart_escapes_label_and_draws_axes_and_a_line() {
        let svg = line_chart(
            "<b>X</b>",
            "close",
            &[d("2026-01-02"), d("2026-01-05"), d("2026-01-06")],
            &[10.0, 12.0, 11.0],
            Values::Levels,
        );
        assert!(svg.starts_with("<svg viewBox="));
        assert!(svg.contains("&lt;b&gt;X&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("<polyline class=\"line"));
        assert!(svg.contains("class=\"axis\"") && svg.contains("role=\"img\""));
        assert!(svg.contains(
            "<desc>&lt;b&gt;X&lt;/b&gt; from 2026-01-02 to 2026-01-06; up over the range.</desc>"
        ));
        // 10 to 12 padded: round ticks 0.5 apart, printed with one decimal.
        for tick in [">10.0<", ">10.5<", ">11.0<", ">12.0<"] {
            assert!(svg.contains(tick), "tick {tick}: {svg}");
        }
        assert!(!svg.contains("class=\"reference\""));
        assert!(
            line_chart("x", "close", &[d("2026-01-02")], &[1.0], Values::Levels)
                .contains("Not enough data")
        );
    }

    #[test]
    fn returns_get_a_zero_line_and_the_description_prints_no_figures() {
        let dates = [d("2026-01-30"), d("2026-02-27"), d("2026-03-31")];
        let svg = line_chart("r", "return, %", &dates, &[-1.5, 2.0, 0.5], Values::Returns);
        assert!(svg.contains("class=\"reference\"") && svg.contains(">zero<"));
        let svg = line_chart("y", "percent", &dates, &[4.1, 4.3, 4.2], Values::Rate);
        assert!(
            svg.contains("<desc>y from 2026-01-30 to 2026-03-31; up over the range.</desc>"),
            "{svg}"
        );
        assert!(!svg.contains("shown"), "{svg}");
    }
}
