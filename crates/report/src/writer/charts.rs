//! Charts for the brief: the lead's relative-strength line (or the
//! subject's price line), sector and style bars, and the subject with its
//! record close marked. Lines are drawn from the store's series cut at the
//! date; bars from the same Facts the text cites.

use super::{Cand, Draft, Kind, Writer, SECTORS, STYLES};
use crate::article::Chart;
use crate::phrase::fund_label;
use crate::svg::{self, Bar, BarChart, LineChart, LineSeries, Marker, Reference, Shade};
use crate::{fmt, view};
use model::{Date, Field, Series};

/// Sessions drawn before a streak starts, for context.
const LEAD_IN_SESSIONS: usize = 60;
/// Sessions in a one-year price chart.
const YEAR_SESSIONS: usize = 252;

impl Writer<'_> {
    fn price(&self, symbol: &str) -> Option<&Series> {
        let u = self.book.universe();
        u.get(symbol, Field::Close)
            .or_else(|| u.get(symbol, Field::AdjClose))
    }

    pub(super) fn charts(&mut self, lead: &Cand, _cands: &[Cand], dr: &mut Draft) {
        let d = self.d;
        if lead.kind == Kind::RelStreak {
            if let Some(c) = self.relative_chart(lead) {
                dr.charts.push(c);
            }
        }
        let subject = if lead.subject.starts_with("DFED") {
            "^GSPC".to_string()
        } else {
            lead.subject.clone()
        };
        if let Some(c) = self.price_chart(&subject) {
            dr.charts.push(c);
        }
        for (id, title, basket) in [
            ("sectors", "Sector funds", SECTORS),
            ("styles", "Size and style funds", STYLES),
        ] {
            let moves = self.day_moves(basket);
            if moves.is_empty() {
                continue;
            }
            let bars: Vec<Bar> = moves
                .iter()
                .map(|(s, p, _)| Bar {
                    label: fund_label(self.reg(), s),
                    value_pct: *p,
                })
                .collect();
            let t = format!("{title} on {}", fmt::date(d));
            dr.charts.push(Chart {
                id: id.into(),
                title: t.clone(),
                caption: format!(
                    "{title}: daily return on the date, from close to close; green up, red down."
                ),
                svg: svg::bar_chart(&BarChart {
                    title: t.clone(),
                    x_label: "daily return, %".into(),
                    y_label: "fund".into(),
                    bars,
                    // Sector and style bars read best sorted by the day's move.
                    keep_order: false,
                }),
            });
        }
    }

    fn relative_chart(&self, lead: &Cand) -> Option<Chart> {
        let d = self.d;
        let bench = lead.bench.as_deref()?;
        let a = self.price(&lead.subject)?;
        let b = self.price(bench)?;
        let start = view::window_start(self.f(lead.h))?;
        let (na, nb) = (a.len_as_of(d), b.len_as_of(d));
        let (da, va) = (&a.dates()[..na], &a.values()[..na]);
        let (db, vb) = (&b.dates()[..nb], &b.values()[..nb]);
        // Common dates, from the lead-in before the streak to the date.
        let mut common: Vec<(Date, f64, f64)> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < da.len() && j < db.len() {
            match da[i].cmp(&db[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common.push((da[i], va[i], vb[j]));
                    i += 1;
                    j += 1;
                }
            }
        }
        let k = common.iter().position(|c| c.0 >= start)?;
        let from = k.saturating_sub(LEAD_IN_SESSIONS);
        let window = &common[from..];
        let (_, a0, b0) = *window.first()?;
        let points: Vec<(Date, f64)> = window
            .iter()
            .map(|(dt, x, y)| (*dt, 100.0 * (x / a0) / (y / b0)))
            .collect();
        let an = self.nm(&lead.subject);
        let bn = self.nm(bench);
        let title = format!("{an} relative to {bn}");
        Some(Chart {
            id: "relative-strength".into(),
            title: title.clone(),
            caption: format!(
                "Ratio of {an} to {bn} closes, indexed to one hundred at the first session shown (dashed line): above the line, {an} has done better than {bn} since then. The shaded band is the current streak."
            ),
            svg: svg::line_chart(&LineChart {
                title,
                x_label: "session".into(),
                y_label: "relative strength (start = 100)".into(),
                series: vec![LineSeries {
                    label: format!("{an} / {bn}"),
                    points,
                }],
                shade: Some(Shade {
                    from: start,
                    to: d,
                    label: "streak".into(),
                }),
                reference: Some(Reference {
                    value: 100.0,
                    label: "100 = first session shown".into(),
                }),
                ..LineChart::default()
            }),
        })
    }

    fn price_chart(&mut self, symbol: &str) -> Option<Chart> {
        let d = self.d;
        let s = self.price(symbol)?;
        let n = s.len_as_of(d);
        if n == 0 {
            return None;
        }
        let from = n.saturating_sub(YEAR_SESSIONS);
        let points: Vec<(Date, f64)> = s.dates()[from..n]
            .iter()
            .copied()
            .zip(s.values()[from..n].iter().copied())
            .collect();
        let name = self.nm(symbol);
        // Mark the record close when the date set one, else the day's close.
        let rec = self.ask(model::Query::Record {
            symbol: symbol.into(),
            record: model::RecordKind::Close,
            as_of: d,
        });
        let is_rec = rec.is_some_and(|h| view::is_record(self.f(h)) == Some(true));
        let last = *points.last()?;
        let marker = Marker {
            date: last.0,
            value: last.1,
            label: if is_rec {
                "record close".into()
            } else {
                "last close".into()
            },
        };
        let title = format!("{name}: closes over the past year");
        Some(Chart {
            id: "price".into(),
            title: title.clone(),
            caption: format!(
                "{name} daily closes up to the brief's date; the red dot marks the {}.",
                if is_rec {
                    "record close (not the intraday high)"
                } else {
                    "last close"
                }
            ),
            svg: svg::line_chart(&LineChart {
                title,
                x_label: "session".into(),
                y_label: "close".into(),
                series: vec![LineSeries {
                    label: format!("{name} close"),
                    points,
                }],
                marker: Some(marker),
                ..LineChart::default()
            }),
        })
    }
}
