//! Fed funds target-range decision facts.
//!
//! Point-in-time: as of D the FRED range (DFEDTARU / DFEDTARL) is read only
//! through D. FRED dates a new range on its effective day; the decision is
//! dated on its announcement: the day of the FOMC statement that names the
//! new range when the data has one (2020 on), else the FOMC calendar's
//! announcement on or up to three days before the effective day
//! (`model::fomc`: usually the day before, the same day on 2015-12-16 and
//! 2016-12-14), else, outside the calendar, the day before. A decision
//! announced *on* D but effective after D is not yet in FRED as of D; it is
//! taken from the FOMC statement dated D (its "target range for the federal
//! funds rate ... X to Y percent" sentence) and cited to that statement.
//! Without a statement dated D, a same-day decision is not known.

use super::{d_int, d_num, fact};
use crate::kernels::rates::{decisions, statement_range, target_range_sentence, Decision};
use crate::kernels::streaks::common_grid;
use crate::{Engine, FactError};
use model::fact::Detail;
use model::series::Document;
use model::{Date, Fact, FactInput, FactValue, Field, Unit};

const UPPER: &str = "DFEDTARU";
const LOWER: &str = "DFEDTARL";
/// How many decisions a Fact lists in its details.
const MAX_LISTED: usize = 60;

fn range_text(lo: f64, hi: f64) -> String {
    format!("{lo:.2}%–{hi:.2}%")
}

fn decision_text(d: &Decision) -> String {
    let verb = if d.change_bp < 0.0 { "cut" } else { "hike" };
    format!(
        "{}: {verb} of {:.0} bp to {}",
        d.announced,
        d.change_bp.abs(),
        range_text(d.lower, d.upper)
    )
}

/// How a decision's announcement date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatedBy {
    /// An FOMC statement in the data names the new range.
    Statement,
    /// The FOMC calendar (`model::fomc`).
    Schedule,
    /// Neither: the day before FRED's effective date.
    DayBefore,
}

impl DatedBy {
    fn as_str(self) -> &'static str {
        match self {
            DatedBy::Statement => "statement",
            DatedBy::Schedule => "schedule",
            DatedBy::DayBefore => "day_before",
        }
    }
}

fn is_statement(doc: &Document) -> bool {
    doc.kind.eq_ignore_ascii_case("statement")
}

/// The announcement date of a range first in force on `effective`: the
/// latest statement dated up to [`model::fomc::MAX_EFFECT_DELAY_DAYS`] days
/// before it that names the new range, else the calendar's announcement,
/// else the day before.
fn announcement(documents: &[Document], d: &Decision) -> (Date, DatedBy) {
    let earliest = d.effective - chrono::Days::new(model::fomc::MAX_EFFECT_DELAY_DAYS as u64);
    let by_statement = documents
        .iter()
        .filter(|doc| is_statement(doc) && doc.date >= earliest && doc.date <= d.effective)
        .filter(|doc| statement_range(&doc.body) == Some((d.lower, d.upper)))
        .map(|doc| doc.date)
        .max();
    if let Some(date) = by_statement {
        return (date, DatedBy::Statement);
    }
    if let Some(a) = model::fomc::announcement_for(d.effective) {
        return (a.date, DatedBy::Schedule);
    }
    (d.announced, DatedBy::DayBefore)
}

/// `Query::RateDecisions`.
pub(crate) fn rate_decisions(
    engine: &Engine<'_>,
    from: Option<Date>,
    as_of: Date,
) -> Result<Fact, FactError> {
    let u = engine.universe();
    let upper = u
        .get(UPPER, Field::Value)
        .ok_or(FactError::UnknownInstrument {
            symbol: UPPER.to_string(),
        })?;
    let lower = u
        .get(LOWER, Field::Value)
        .ok_or(FactError::UnknownInstrument {
            symbol: LOWER.to_string(),
        })?;
    // The first observation known by as-of (a later start is not known then).
    let first = upper
        .first_date()
        .filter(|f| *f <= as_of)
        .ok_or(FactError::NoData {
            instrument: UPPER.to_string(),
            field: Field::Value,
            from: from.unwrap_or(as_of).min(as_of),
            to: as_of,
        })?;
    let from = from.unwrap_or(first);
    if from < first || as_of < first {
        return Err(FactError::NoData {
            instrument: UPPER.to_string(),
            field: Field::Value,
            from: from.min(as_of),
            to: first.pred_opt().unwrap_or(first),
        });
    }
    if from > as_of {
        return Err(FactError::InvalidPeriod {
            reason: format!("the window starts on {from}, after the as-of date {as_of}"),
        });
    }
    let (nu, nl) = (upper.len_as_of(as_of), lower.len_as_of(as_of));
    let g = common_grid(
        &upper.dates()[..nu],
        &upper.values()[..nu],
        &lower.dates()[..nl],
        &lower.values()[..nl],
    );
    let last = g.dates.len().checked_sub(1).ok_or(FactError::NoData {
        instrument: UPPER.to_string(),
        field: Field::Value,
        from,
        to: as_of,
    })?;
    let mut all: Vec<(Decision, DatedBy)> = decisions(&g.dates, &g.b, &g.a)
        .into_iter()
        .map(|mut d| {
            let (date, by) = announcement(&u.documents, &d);
            d.announced = date;
            (d, by)
        })
        .collect();
    // The range FRED shows in force on as-of (its last observation ≤ as-of).
    let (mut lo, mut hi) = (g.b[last], g.a[last]);
    let mut range_date = g.dates[last];
    // A decision announced on as-of itself: only the statement of the day says so.
    let same_day = u.documents.iter().find_map(|doc| {
        (doc.date == as_of && is_statement(doc))
            .then(|| statement_range(&doc.body))
            .flatten()
    });
    if let Some((new_lo, new_hi)) = same_day {
        if (new_lo, new_hi) != (lo, hi) && all.last().is_none_or(|d| d.0.announced < as_of) {
            let effective = as_of.succ_opt().unwrap_or(as_of);
            all.push((
                Decision {
                    announced: as_of,
                    effective,
                    index: g.dates.len(),
                    change_bp: ((new_hi - hi) * 100.0 * 100.0).round() / 100.0,
                    lower: new_lo,
                    upper: new_hi,
                    prev_lower: lo,
                    prev_upper: hi,
                },
                DatedBy::Statement,
            ));
            (lo, hi) = (new_lo, new_hi);
            range_date = as_of;
        }
    }
    // An FOMC announcement due on as-of whose outcome the data does not show
    // yet (no statement of the day, FRED not moved by as-of).
    let pending = model::fomc::on(as_of).filter(|_| {
        !u.documents
            .iter()
            .any(|doc| doc.date == as_of && is_statement(doc))
            && all.last().is_none_or(|d| d.0.announced < as_of)
    });
    let dated_by: Vec<DatedBy> = all.iter().map(|d| d.1).collect();
    let all: Vec<Decision> = all.into_iter().map(|d| d.0).collect();
    let in_window: Vec<(&Decision, DatedBy)> = all
        .iter()
        .zip(dated_by)
        .filter(|(d, _)| d.announced >= from)
        .collect();
    let cuts = in_window.iter().filter(|d| d.0.change_bp < 0.0).count();
    let hikes = in_window.iter().filter(|d| d.0.change_bp > 0.0).count();
    let net_bp: f64 = in_window.iter().map(|d| d.0.change_bp).sum();
    let mut f = fact(
        "rate_decisions",
        vec![UPPER.to_string(), LOWER.to_string()],
        as_of,
        FactValue::Integer(in_window.len() as i64),
        Unit::Count,
        ("rates.decisions", 3),
    );
    f.window = Some((from, as_of));
    // The kernel read both bounds from the start (to know the range before
    // the window) through as-of.
    let mut inputs: Vec<FactInput> = engine.inputs(upper, 0..nu);
    inputs.extend(engine.inputs(lower, 0..nl));
    f.details.insert("n_cuts".into(), d_int(cuts, Unit::Count));
    f.details
        .insert("n_hikes".into(), d_int(hikes, Unit::Count));
    f.details
        .insert("net_bp".into(), d_num(net_bp, Unit::BasisPoints));
    f.details.insert(
        "range".into(),
        Detail {
            value: FactValue::Range { low: lo, high: hi },
            unit: Unit::Percent,
        },
    );
    f.details
        .insert("range_date".into(), Detail::date(range_date));
    if let Some(latest) = all.last() {
        f.details.insert(
            "latest_decision".into(),
            Detail::text(decision_text(latest)),
        );
        f.details.insert(
            "latest_decision_date".into(),
            Detail::date(latest.announced),
        );
    }
    // "First cut since": for the first cut (hike) in the window, the last earlier one.
    for (name, is_cut) in [("cut", true), ("hike", false)] {
        let same = |d: &&Decision| (d.change_bp < 0.0) == is_cut;
        if let Some((first_in, _)) = in_window.iter().find(|d| same(&d.0)) {
            if let Some(prev) = all
                .iter()
                .filter(|d| d.announced < first_in.announced)
                .rev()
                .find(same)
            {
                f.details
                    .insert(format!("first_{name}_since"), Detail::date(prev.announced));
            }
        }
    }
    if let Some(a) = pending {
        f.details
            .insert("pending_announcement".into(), Detail::date(a.date));
    }
    for (k, (d, by)) in in_window.iter().enumerate().take(MAX_LISTED) {
        let key = format!("decision{:02}", k + 1);
        f.details
            .insert(format!("{key}_dated_by"), Detail::text(by.as_str()));
        f.details
            .insert(format!("{key}_effective"), Detail::date(d.effective));
        f.details
            .insert(key.clone(), Detail::text(decision_text(d)));
        f.details
            .insert(format!("{key}_date"), Detail::date(d.announced));
        f.details
            .insert(format!("{key}_bp"), d_num(d.change_bp, Unit::BasisPoints));
        // The statement of the day (minutes carry the meeting date but are
        // released weeks later, so they never corroborate a decision).
        let same_day = || u.documents.iter().filter(|doc| doc.date == d.announced);
        let doc =
            same_day()
                .filter(|doc| is_statement(doc))
                .chain(same_day().filter(|doc| {
                    !is_statement(doc) && !doc.kind.to_lowercase().contains("minutes")
                }))
                .find_map(|doc| target_range_sentence(&doc.body).map(|s| (doc, s)));
        if let Some((doc, sentence)) = doc {
            f.details
                .insert(format!("{key}_statement"), Detail::text(sentence));
            f.details
                .insert(format!("{key}_url"), Detail::text(doc.url.clone()));
            inputs.push(FactInput {
                instrument: "FOMC".to_string(),
                field: Field::Value,
                source: doc.source,
                source_path: u
                    .source(doc.source)
                    .map_or_else(|| doc.url.clone(), |s| s.path.clone()),
                from: doc.date,
                to: doc.date,
            });
        }
    }
    f.inputs = inputs;
    let listed: Vec<String> = in_window
        .iter()
        .map(|(d, _)| {
            let verb = if d.change_bp < 0.0 { "cut" } else { "hike" };
            format!("{} ({verb} {:.0} bp)", d.announced, d.change_bp.abs())
        })
        .collect();
    let mut text = if in_window.is_empty() {
        format!(
            "The Fed made no change to its target range from {from} to {as_of}; the range was {}.",
            range_text(lo, hi)
        )
    } else {
        format!(
            "From {from} to {as_of} the Fed changed its target range {} times ({cuts} cuts, {hikes} hikes, net {net_bp:+.0} bp): {}; the range stands at {}.",
            in_window.len(),
            listed.join(", "),
            range_text(lo, hi)
        )
    };
    if let Some(a) = pending {
        text.push_str(&format!(
            " An FOMC statement was due on {}; the data as of that day does not show its decision.",
            a.date
        ));
    }
    f.text = text;
    Ok(f)
}
