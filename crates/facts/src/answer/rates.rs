//! Fed funds target-range decision facts.
//!
//! Point-in-time: as of D the FRED range (DFEDTARU / DFEDTARL) is read only
//! through D. FRED dates a new range on its effective day, the day after the
//! announcement, so a change first visible on FRED date T is a decision
//! announced on T − 1. A decision announced *on* D is not yet in FRED as of
//! D; it is taken from the FOMC statement dated D (its "target range for the
//! federal funds rate ... X to Y percent" sentence) and cited to that
//! statement. Without a statement dated D, a same-day decision is not known.

use super::{d_int, d_num, fact};
use crate::kernels::rates::{decisions, statement_range, target_range_sentence, Decision};
use crate::kernels::streaks::common_grid;
use crate::{Engine, FactError};
use model::fact::Detail;
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
    let first = upper.first_date().ok_or(FactError::NoData {
        instrument: UPPER.to_string(),
        field: Field::Value,
        from: from.unwrap_or(as_of),
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
    let mut all: Vec<Decision> = decisions(&g.dates, &g.b, &g.a);
    // The range FRED shows in force on as-of (its last observation ≤ as-of).
    let (mut lo, mut hi) = (g.b[last], g.a[last]);
    let mut range_date = g.dates[last];
    // A decision announced on as-of itself: only the statement of the day says so.
    let same_day = u.documents.iter().find_map(|doc| {
        (doc.date == as_of && doc.kind.eq_ignore_ascii_case("statement"))
            .then(|| statement_range(&doc.body))
            .flatten()
    });
    if let Some((new_lo, new_hi)) = same_day {
        if (new_lo, new_hi) != (lo, hi) && all.last().is_none_or(|d| d.announced < as_of) {
            all.push(Decision {
                announced: as_of,
                index: g.dates.len(),
                change_bp: ((new_hi - hi) * 100.0 * 100.0).round() / 100.0,
                lower: new_lo,
                upper: new_hi,
                prev_lower: lo,
                prev_upper: hi,
            });
            (lo, hi) = (new_lo, new_hi);
            range_date = as_of;
        }
    }
    let in_window: Vec<&Decision> = all.iter().filter(|d| d.announced >= from).collect();
    let cuts = in_window.iter().filter(|d| d.change_bp < 0.0).count();
    let hikes = in_window.iter().filter(|d| d.change_bp > 0.0).count();
    let net_bp: f64 = in_window.iter().map(|d| d.change_bp).sum();
    let mut f = fact(
        "rate_decisions",
        vec![UPPER.to_string(), LOWER.to_string()],
        as_of,
        FactValue::Integer(in_window.len() as i64),
        Unit::Count,
        ("rates.decisions", 2),
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
        if let Some(first_in) = in_window.iter().find(|d| same(d)) {
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
    for (k, d) in in_window.iter().enumerate().take(MAX_LISTED) {
        let key = format!("decision{:02}", k + 1);
        f.details
            .insert(key.clone(), Detail::text(decision_text(d)));
        f.details
            .insert(format!("{key}_date"), Detail::date(d.announced));
        f.details
            .insert(format!("{key}_bp"), d_num(d.change_bp, Unit::BasisPoints));
        // The statement of the day (minutes carry the meeting date but are
        // released weeks later, so they never corroborate a decision).
        let same_day = || u.documents.iter().filter(|doc| doc.date == d.announced);
        let doc = same_day()
            .filter(|doc| doc.kind.eq_ignore_ascii_case("statement"))
            .chain(same_day().filter(|doc| {
                !doc.kind.eq_ignore_ascii_case("statement")
                    && !doc.kind.to_lowercase().contains("minutes")
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
        .map(|d| {
            let verb = if d.change_bp < 0.0 { "cut" } else { "hike" };
            format!("{} ({verb} {:.0} bp)", d.announced, d.change_bp.abs())
        })
        .collect();
    f.text = if in_window.is_empty() {
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
    Ok(f)
}
