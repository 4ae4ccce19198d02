//! Judging one claim: evaluate each of its readings (the one its words say
//! first, then the other common readings they allow), compare with the
//! claimed value within the claim's printed precision and hedge, and say
//! which reading decided the verdict.
//!
//! - **supported**: a reading's Fact agrees; when it is not the primary
//!   reading, the explanation names the reading that matched;
//! - **contradicted**: every reading the data can evaluate disagrees; the
//!   primary reading's true figure is given, with the others';
//! - **unverifiable**: the reader could not read part of the claim, the
//!   claim needs data no series holds, or no reading can be evaluated —
//!   saying which.

use crate::{CheckedClaim, Verdict};
use facts::{Engine, FactError};
use lang::chunk::{Hedge, QUnit};
use lang::frame::lower::Reading;
use lang::frame::{CaseMeasure, CaseStat, Claimed, FedWhat, RollingStat};
use lang::reader::{Claim, ReadingView};
use model::{Date, Fact, FactValue, Period, Query, Reduce, Window};

/// Judges one claim.
pub(crate) fn judge(engine: &Engine<'_>, claim: Claim, start: usize, end: usize) -> CheckedClaim {
    let mut out = CheckedClaim {
        start,
        end,
        kind: claim.kind.to_string(),
        subjects: claim.subjects.clone(),
        text: claim.text.clone(),
        day: claim.day,
        claimed_value: claim.claimed.clone(),
        verdict: Verdict::Unverifiable,
        claimed: claim.claimed.describe(),
        actual: None,
        explanation: String::new(),
        alternatives: Vec::new(),
        facts: Vec::new(),
        reading: claim.readings.first().map(view),
        tolerance: tolerance_text(&claim.claimed),
        notes: claim.notes.clone(),
    };
    if let Some(missing) = &claim.missing {
        out.explanation = format!("Cannot be checked against market data: {missing}.");
        return out;
    }
    if !claim.unread.is_empty() {
        out.explanation = format!(
            "Could not read {}; not checked rather than checked as a different claim.",
            claim
                .unread
                .iter()
                .map(|u| format!("'{u}'"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return out;
    }
    let mut first_error: Option<String> = None;
    let mut primary_result: Option<(Fact, bool, String)> = None;
    let mut others: Vec<(Reading, Fact, bool, String)> = Vec::new();
    for r in &claim.readings {
        let fact = match evaluate(engine, r) {
            Ok(f) => f,
            Err(why) => {
                if r.primary && first_error.is_none() {
                    first_error = Some(why);
                }
                continue;
            }
        };
        let compared = if r.cross {
            compare_cross(engine, &claim, &fact)
        } else {
            compare(&claim.claimed, &fact, r)
        };
        let Some((ok, actual)) = compared else {
            if r.primary && first_error.is_none() {
                first_error = Some(format!(
                    "the data's {} cannot be compared with '{}'",
                    fact.kind,
                    claim.claimed.describe()
                ));
            }
            continue;
        };
        if r.primary {
            primary_result = Some((fact, ok, actual));
        } else {
            others.push((r.clone(), fact, ok, actual));
        }
    }
    let sign = |s: String| s;
    match primary_result {
        Some((fact, true, actual)) => {
            out.verdict = Verdict::Supported;
            out.actual = Some(actual);
            out.explanation = sign(fact.text.clone());
            out.facts.push(fact);
        }
        Some((fact, false, actual)) => {
            if let Some((r, f2, _, a2)) = others.iter().find(|o| o.2) {
                out.verdict = Verdict::Supported;
                out.actual = Some(a2.clone());
                out.explanation = format!(
                    "{} (read as {}; the first reading, {}, gives {actual})",
                    f2.text,
                    r.label,
                    claim.readings.first().map_or("", |p| p.label.as_str())
                );
                out.alternatives.push(format!(
                    "{} gives {actual}",
                    claim.readings.first().map_or("", |p| p.label.as_str())
                ));
                out.facts.push(f2.clone());
                out.facts.push(fact);
            } else if let Some(why) = implausible(&claim, &fact) {
                // Far off the scale of what the reading measures: the text
                // most likely meant something else, so no verdict on it.
                out.actual = Some(actual);
                out.explanation = format!(
                    "Not checked: {why}; the reader most likely misread what the figure measures ({}).",
                    fact.text
                );
                out.facts.push(fact);
            } else {
                out.verdict = Verdict::Contradicted;
                out.explanation = format!(
                    "The data give {actual}, not {}: {}",
                    claim.claimed.describe(),
                    fact.text
                );
                out.actual = Some(actual);
                for (r, f, _, a) in &others {
                    out.alternatives.push(format!("{}: {a}", r.label));
                    out.facts.push(f.clone());
                }
                out.facts.insert(0, fact);
            }
        }
        None => {
            if let Some((r, f, _, a)) = others.iter().find(|o| o.2) {
                out.verdict = Verdict::Supported;
                out.actual = Some(a.clone());
                out.explanation = format!("{} (read as {})", f.text, r.label);
                out.facts.push(f.clone());
            } else {
                out.explanation = format!(
                    "Cannot be checked: {}.",
                    first_error.unwrap_or_else(|| "no reading could be evaluated".into())
                );
            }
        }
    }
    out
}

/// "The Nasdaq fell 12 percent, its largest percentage drop in history",
/// with the day misread: when a move of a sentence is left unverifiable as
/// off the scale of its day, the other claims of that sentence about the
/// same subject and day are in doubt too, and are not contradicted.
pub(crate) fn share_doubt(claims: &mut [CheckedClaim]) {
    let doubtful: Vec<(String, Date, Vec<String>)> = claims
        .iter()
        .filter(|c| {
            c.verdict == Verdict::Unverifiable
                && c.explanation.starts_with("Not checked: a one-day move")
        })
        .map(|c| (c.text.clone(), c.day, c.subjects.clone()))
        .collect();
    for c in claims.iter_mut() {
        let shared = doubtful
            .iter()
            .any(|(t, d, s)| *t == c.text && *d == c.day && *s == c.subjects);
        if shared && c.verdict == Verdict::Contradicted {
            c.verdict = Verdict::Unverifiable;
            c.explanation = format!(
                "Not checked: the move this sentence reports is off the scale of the day it was read as ({}), so that day is in doubt; {}",
                c.day, c.explanation
            );
        }
    }
}

/// Whether a claimed figure is so far from what its reading measures that
/// the reading, not the figure, is likely wrong: a level under half or over
/// twice the true level ("trades at 18 times earnings" read as the index at
/// 18), or a one-day move several times the day's move and at least 3%
/// ("gained 7.88%" over weeks, read as one day). Such claims are left
/// unverifiable, saying why, rather than contradicted.
fn implausible(claim: &Claim, fact: &Fact) -> Option<String> {
    let Claimed::Number { value, unit, .. } = &claim.claimed else {
        return None;
    };
    let truth = fact.value.as_f64()?;
    let claimed = value.abs();
    match claim.kind {
        "level" if truth.abs() > 0.0 => {
            let ratio = claimed / truth.abs();
            (!(0.5..=2.0).contains(&ratio)).then(|| {
                format!(
                    "{} is not on the scale of the level it was read as ({truth:.2})",
                    claim.claimed.describe()
                )
            })
        }
        "daily_move" if *unit == QUnit::Percent => {
            (claimed >= 3.0 && claimed >= 3.0 * truth.abs().max(0.5)).then(|| {
                format!(
                    "a one-day move of {} is several times the day's move ({truth:.2}%)",
                    claim.claimed.describe()
                )
            })
        }
        _ => None,
    }
}

/// An error when `sym`'s data begin more than a year after the instrument
/// did: a comparison with all its history cannot be made.
fn short_history(engine: &Engine<'_>, sym: &str) -> Result<(), String> {
    let inception = engine
        .registry()
        .and_then(|reg| reg.get(sym))
        .and_then(|i| i.inception);
    let first = engine.price_series(sym).ok().and_then(|s| s.first_date());
    if let (Some(inception), Some(first)) = (inception, first) {
        if (first - inception).num_days() > 365 {
            return Err(format!("{sym}'s history goes back to {inception} but the data begin on {first}, so a comparison with all its history cannot be made"));
        }
    }
    Ok(())
}

/// Whether a measure tests for a record (a value beyond every earlier one).
fn measure_has_record(m: &model::Measure) -> bool {
    use model::{Measure, Pred};
    match m {
        Measure::Flag { of, pred } | Measure::RunLength { of, pred } => {
            matches!(pred, Pred::NewMax | Pred::NewMin) || measure_has_record(of)
        }
        _ => false,
    }
}

/// Evaluates one reading; a day that is not in the data is an error, never
/// an older day silently used, and "ever" over data that begin long after
/// the instrument's own history is not decided.
fn evaluate(engine: &Engine<'_>, r: &Reading) -> Result<Fact, String> {
    let fact = engine.fact(&r.query).map_err(|e| missing_text(&e))?;
    if let Query::Series(q) = &r.query {
        // A comparison with all of an instrument's history needs all of it:
        // a rank or an extreme over all the data, or a "since" that found
        // nothing within the data, says nothing when the data begin long
        // after the instrument did.
        let since_found = matches!(q.reduce, Reduce::LastAtLeastAsExtreme { .. })
            && !fact
                .detail("on_record")
                .is_some_and(|d| matches!(d.value, FactValue::Bool(true)));
        let whole_history = !since_found
            && (matches!(q.window, Window::All)
                || matches!(q.reduce, Reduce::LastAtLeastAsExtreme { .. }));
        // A record ("above every earlier close") compares with all history too.
        let record = measure_has_record(&q.measure);
        if whole_history || record {
            for sym in q.subject.symbols() {
                short_history(engine, sym)?;
            }
        }
    }
    if let Query::Record { symbol, .. }
    | Query::HighestSince { symbol, .. }
    | Query::LowestSince { symbol, .. } = &r.query
    {
        short_history(engine, symbol)?;
    }
    if let Query::Series(q) = &r.query {
        let one_day = matches!(
            q.window,
            Window::Period {
                period: Period::Day
            }
        );
        if one_day {
            if let Some((_, last)) = fact.window {
                let asked = q.as_of;
                if last != asked && model::calendar::is_session(asked) {
                    return Err(format!(
                        "no data for {} on {asked} (the last observation before is {last})",
                        q.subject.symbols().join(" vs ")
                    ));
                }
            }
        }
    }
    Ok(fact)
}

fn missing_text(e: &FactError) -> String {
    match e {
        FactError::UnknownInstrument { symbol } => format!("no data for {symbol} in the store"),
        other => other.to_string(),
    }
}

/// The tolerance a claim is read with, in words.
fn tolerance_text(c: &Claimed) -> Option<String> {
    let Claimed::Number {
        decimals, hedge, ..
    } = c
    else {
        return None;
    };
    let half = 0.5 * 10f64.powi(-i32::from(*decimals));
    Some(match hedge {
        Hedge::Exact => format!("within {half} (printed precision)"),
        Hedge::Approx => "within one unit of the last significant digit (\"about\")".into(),
        Hedge::Almost => "up to the figure, at most one unit under (\"almost\")".into(),
        Hedge::MoreThan => "beyond the figure (\"more than\")".into(),
        Hedge::AtLeast => "the figure or beyond (\"at least\")".into(),
        Hedge::LessThan => "short of the figure (\"less than\")".into(),
        Hedge::AtMost => "the figure or short of it (\"at most\", \"within\")".into(),
        Hedge::JustOver => "beyond the figure by at most one unit (\"just over\")".into(),
        Hedge::JustUnder => "short of the figure by at most one unit (\"just under\")".into(),
        Hedge::HairAbove => "the figure to 0.05% above it (\"a hair above\")".into(),
    })
}

/// One unit of the last significant digit of a printed figure: 0.1 for
/// "19.3", 1 for "31", 10 for "70" and "850".
fn significant_unit(value: f64, decimals: u8) -> f64 {
    if decimals > 0 {
        return 10f64.powi(-i32::from(decimals));
    }
    let mut v = value.abs().round() as i64;
    let mut unit = 1.0;
    while v >= 10 && v % 10 == 0 {
        v /= 10;
        unit *= 10.0;
    }
    unit
}

/// Whether a number agrees with a claimed figure under its hedge.
fn agrees(truth: f64, value: f64, decimals: u8, hedge: Hedge, signed: bool, quantum: f64) -> bool {
    let half = 0.5 * 10f64.powi(-i32::from(decimals)) + quantum;
    let unit = 10f64.powi(-i32::from(decimals));
    let eps = 1e-9;
    let (t, v) = if signed {
        (truth, value)
    } else {
        (truth.abs(), value.abs())
    };
    // Hedged bounds compare magnitudes in the claimed direction.
    let same_side = !signed || value == 0.0 || truth.signum() == value.signum() || truth == 0.0;
    let (ta, va) = (t.abs(), v.abs());
    // "turned positive", "closed above its average": the sign alone.
    if signed && value == 0.0 {
        return match hedge {
            Hedge::MoreThan | Hedge::AtLeast => truth > 0.0,
            Hedge::LessThan | Hedge::AtMost => truth < 0.0,
            _ => truth.abs() <= half + eps,
        };
    }
    match hedge {
        Hedge::Exact => (t - v).abs() <= half + eps,
        Hedge::Approx => {
            (t - v).abs() <= significant_unit(value, decimals).max(half) + quantum + eps
        }
        // "almost 24%": up to one unit under; "almost doubled", "nearly 600
        // points": one unit of the last significant digit, at most 15%.
        Hedge::Almost => {
            let under = significant_unit(value, decimals).min(va * 0.15).max(unit);
            same_side && ta >= va - under - quantum - eps && ta <= va + half + eps
        }
        Hedge::MoreThan => same_side && ta > va - quantum - eps,
        Hedge::AtLeast => same_side && ta >= va - half - eps,
        Hedge::LessThan => same_side && ta < va + quantum + eps,
        Hedge::AtMost => same_side && ta <= va + half + eps,
        Hedge::JustOver => same_side && ta > va - eps && ta <= va + unit + quantum + eps,
        Hedge::JustUnder => same_side && ta < va + eps && ta >= va - unit - quantum - eps,
        Hedge::HairAbove => t >= v - half - eps && t <= v * 1.0005 + half + eps,
    }
}

/// The data's own rounding: rates are published to 0.01, so a level is
/// known to ±0.005 and a change of two levels to ±0.01.
fn quantum(fact: &Fact, r: &Reading) -> f64 {
    let rate = fact.inputs.iter().any(|i| i.field == model::Field::Value);
    if !rate {
        return 0.0;
    }
    let q = match &r.query {
        Query::Series(s)
            if matches!(s.reduce, Reduce::Change)
                || matches!(s.subject, model::Subject::Spread { .. }) =>
        {
            0.01
        }
        _ => 0.005,
    };
    q * r.scale
}

fn fmt_num(x: f64, decimals: u8) -> String {
    let d = usize::from(decimals.clamp(2, 4));
    format!("{x:.d$}")
}

/// Compares a claimed value with a Fact under a reading: `Some((agrees,
/// the true value in words))`, or `None` when they cannot be compared.
fn compare(claimed: &Claimed, fact: &Fact, r: &Reading) -> Option<(bool, String)> {
    if let Some(what) = r.fed {
        return compare_fed(claimed, fact, what);
    }
    if let Some(stat) = &r.cases {
        return compare_cases(claimed, fact, stat, r.on);
    }
    if let Some(stat) = r.rolling {
        return compare_rolling(claimed, fact, stat, r.on);
    }
    // "its all-time high of X on D": the extreme must have been reached on D.
    let on_ok = match r.on {
        Some((from, to)) => fact
            .detail("reached_on")
            .and_then(|d| d.value.as_date())
            .is_none_or(|d| d >= from && d <= to),
        None => true,
    };
    match claimed {
        Claimed::Number {
            value,
            decimals,
            hedge,
            unit,
            signed,
        } => {
            let x = fact.value.as_f64()? * r.scale;
            let q = quantum(fact, r);
            let ok = agrees(x, *value, *decimals, *hedge, *signed, q) && on_ok;
            let u = match unit {
                QUnit::Percent => "%",
                QUnit::BasisPoints => " bp",
                QUnit::PercentagePoints => " pp",
                _ => "",
            };
            let mut actual = format!("{}{u}", fmt_num(x, *decimals));
            if !on_ok {
                if let Some(d) = fact.detail("reached_on").and_then(|d| d.value.as_date()) {
                    actual.push_str(&format!(", reached on {d}"));
                }
            }
            Some((ok, actual))
        }
        Claimed::Range { low, high, .. } => {
            let x = fact.value.as_f64()?;
            let ok = (x - *low).abs() < 0.005 && (x - *high).abs() < 0.005;
            Some((ok, fmt_num(x, 2)))
        }
        Claimed::Date { from, to } => {
            let (found, on_record) = found_date(fact);
            match found {
                Some(d) if !on_record => Some((d >= *from && d <= *to, format!("{d}"))),
                _ => Some((
                    false,
                    format!(
                        "nothing as extreme since the data begin ({})",
                        found.map_or_else(String::new, |d| d.to_string())
                    ),
                )),
            }
        }
        Claimed::Lookback {
            min_days,
            max_days,
            label,
        } => {
            let (found, on_record) = found_date(fact);
            let day = fact.as_of;
            match found {
                Some(d) if !on_record => {
                    let days = (day - d).num_days();
                    Some((
                        days >= *min_days && days <= *max_days,
                        format!("{d} ({days} days before; \"{label}\")"),
                    ))
                }
                _ => Some((
                    *max_days > 365 * 200,
                    "nothing as extreme in the whole history".to_string(),
                )),
            }
        }
        Claimed::OnRecord => {
            let (found, on_record) = found_date(fact);
            Some((
                on_record,
                if on_record {
                    "the most extreme on record".to_string()
                } else {
                    format!(
                        "as extreme on {}",
                        found.map_or_else(String::new, |d| d.to_string())
                    )
                },
            ))
        }
        Claimed::Yes | Claimed::No => {
            let yes = match &fact.value {
                FactValue::Bool(b) => *b,
                v => v.as_f64().is_some_and(|x| x != 0.0),
            };
            let claimed_yes = matches!(claimed, Claimed::Yes);
            Some((
                yes == claimed_yes,
                if yes { "yes".into() } else { "no".into() },
            ))
        }
        Claimed::Rank { n } => {
            let x = fact.value.as_f64()?;
            Some((
                (x - f64::from(*n)).abs() < 0.5,
                format!("rank {}", x as i64),
            ))
        }
        Claimed::Symbol { symbol } => {
            let v = match &fact.value {
                FactValue::Text(t) => t.clone(),
                _ => return None,
            };
            Some((v == *symbol, v))
        }
    }
}

/// The date a "since" Fact found, and whether it found none (on record).
/// For a run, the day it began ("inverted since July 6, 2022").
fn found_date(fact: &Fact) -> (Option<Date>, bool) {
    let on_record = fact
        .detail("on_record")
        .is_some_and(|d| matches!(d.value, FactValue::Bool(true)));
    let d = fact
        .value
        .as_date()
        .or_else(|| fact.detail("run_start").and_then(|d| d.value.as_date()))
        .or_else(|| fact.detail("reached_on").and_then(|d| d.value.as_date()));
    (d, on_record)
}

/// A cross-section claim: the subject led (or lagged) the basket.
fn compare_cross(engine: &Engine<'_>, claim: &Claim, fact: &Fact) -> Option<(bool, String)> {
    if let lang::frame::What::Breadth { up, of } = claim.frame.what {
        // "nine of the 11 sectors" where the data rank 9 funds: the text
        // counts a basket the data do not have.
        if of.is_some_and(|m| m as usize != fact.subjects.len()) {
            return None;
        }
        let key = if up { "n_up" } else { "n_down" };
        let n = fact.detail(key)?.value.as_f64()?;
        let Claimed::Number { value, .. } = claim.claimed else {
            return None;
        };
        // "6 of 8 sector funds rose" where the data rank those 8: decided.
        let counted = of.is_some_and(|m| m as usize == fact.subjects.len());
        if !counted && !basket_decided(engine, fact, &model::Basket::Sectors)? {
            return None;
        }
        return Some((
            (n - value).abs() < 0.5,
            format!("{n:.0} {}", if up { "rose" } else { "fell" }),
        ));
    }
    let lang::frame::What::CrossRank { order, basket } = &claim.frame.what else {
        return None;
    };
    let order = *order;
    let key = if order == model::Order::Highest {
        "leader"
    } else {
        "laggard"
    };
    let FactValue::Text(top) = &fact.detail(key)?.value else {
        return None;
    };
    let subject = claim.subjects.first()?;
    if !basket_decided(engine, fact, basket)? {
        return None;
    }
    Some((
        top == subject,
        format!("{top} {}", if key == "leader" { "led" } else { "lagged" }),
    ))
}

/// Whether a cross-section decides a claim about its whole basket: a fund
/// without data on the window could have led or changed the count, unless
/// it did not exist yet (its data begin after the window).
fn basket_decided(engine: &Engine<'_>, fact: &Fact, basket: &model::Basket) -> Option<bool> {
    let window_start = fact.window.map(|(a, _)| a)?;
    let ranked: Vec<&str> = fact.subjects.iter().map(String::as_str).collect();
    for member in engine.basket_members(basket) {
        if ranked.contains(&member.as_str()) {
            continue;
        }
        let first = engine
            .price_series(&member)
            .ok()
            .and_then(|s| s.first_date());
        if first.is_none_or(|f| f <= window_start) {
            return Some(false);
        }
    }
    Some(true)
}

/// Compares a rolling-window base-rate claim with the base-rate Fact, over
/// the span the text names (`on`: its first and last months must be the
/// Fact's).
fn compare_rolling(
    claimed: &Claimed,
    fact: &Fact,
    stat: RollingStat,
    on: Option<(Date, Date)>,
) -> Option<(bool, String)> {
    use chrono::Datelike;
    let (first, last) = fact.window?;
    if let Some((from, to)) = on {
        let month = |d: Date| (d.year(), d.month());
        // "since 1926": the first month in that year; "between July 1926 and
        // June 2024": the first and last months themselves.
        let starts = first >= from && first <= to || month(first) == month(from);
        let ends = to - from < chrono::Duration::days(366) || month(last) == month(to);
        if !(starts && ends) {
            return None;
        }
    }
    let num = |key: &str| fact.detail(key).and_then(|d| d.value.as_f64());
    let truth = match stat {
        RollingStat::Share => fact.value.as_f64()?,
        RollingStat::Windows => num("n_windows")?,
        RollingStat::GeometricDiff => num("geometric_diff_pct")?,
        RollingStat::ArithmeticDiff => num("arithmetic_diff_pct")?,
        RollingStat::Most => {
            let share = fact.value.as_f64()?;
            return Some((share > 50.0, format!("{share:.1}% of the windows")));
        }
    };
    compare_statistic(claimed, truth)
}

/// A claimed figure against a statistic of a Fact (no data rounding):
/// whether it agrees under its printed precision and hedge, and the true
/// figure in the claim's unit.
fn compare_statistic(claimed: &Claimed, truth: f64) -> Option<(bool, String)> {
    let Claimed::Number {
        value,
        decimals,
        hedge,
        signed,
        unit,
    } = claimed
    else {
        return None;
    };
    let ok = agrees(truth, *value, *decimals, *hedge, *signed, 0.0);
    let figure = if *decimals == 0 && truth.fract() == 0.0 {
        format!("{truth:.0}")
    } else {
        fmt_num(truth, *decimals)
    };
    let u = match unit {
        QUnit::Percent => "%",
        QUnit::PercentagePoints => " pp",
        _ => "",
    };
    Some((ok, format!("{figure}{u}")))
}

/// Compares a claim about earlier cases with the event-study Fact: the
/// statistic the words name, at the horizon they give, over the history
/// they say (`on`: the first day the history may start).
fn compare_cases(
    claimed: &Claimed,
    fact: &Fact,
    stat: &CaseStat,
    on: Option<(Date, Date)>,
) -> Option<(bool, String)> {
    // "since 1950" over data that begin in 1927 counts other cases: not decided.
    if let Some((from, to)) = on {
        let start = fact.window?.0;
        if start < from || start > to {
            return None;
        }
    }
    let h = stat.sessions;
    let all = if stat.all_windows { "_all" } else { "" };
    let num = |key: String| fact.detail(&key).and_then(|d| d.value.as_f64());
    let n_at = || num(format!("fwd{h}{all}_n"));
    let higher_at = |higher: bool| {
        let n = n_at()?;
        let up = num(format!("fwd{h}{all}_n_higher"))?;
        Some(if higher { up } else { n - up })
    };
    let truth = match stat.measure {
        CaseMeasure::Count { complete: false } if stat.all_windows => n_at()?,
        CaseMeasure::Count { complete: false } => fact.value.as_f64()?,
        // The most cases any horizon follows to its end.
        CaseMeasure::Count { complete: true } => fact
            .details
            .iter()
            .filter(|(k, _)| k.starts_with("fwd") && k.ends_with("_n") && !k.contains("_all"))
            .filter_map(|(_, d)| d.value.as_f64())
            .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))))?,
        CaseMeasure::Cases => n_at()?,
        CaseMeasure::Median => num(format!("fwd{h}{all}_median_pct"))?,
        CaseMeasure::Mean => num(format!("fwd{h}{all}_mean_pct"))?,
        CaseMeasure::Share { higher } => {
            let n = n_at()?;
            if n == 0.0 {
                return None;
            }
            100.0 * higher_at(higher)? / n
        }
        CaseMeasure::Number { higher } => higher_at(higher)?,
        CaseMeasure::Even => {
            let n = n_at()?;
            let up = higher_at(true)?;
            return Some((2.0 * up == n, format!("{up:.0} of {n:.0} cases higher")));
        }
        CaseMeasure::Mostly { higher } => {
            let n = n_at()?;
            if n == 0.0 {
                return None;
            }
            let share = 100.0 * higher_at(higher)? / n;
            return Some((
                share > 50.0,
                format!(
                    "{share:.1}% of {n:.0} cases {}",
                    if higher { "higher" } else { "lower" }
                ),
            ));
        }
    };
    let (mut ok, mut actual) = compare_statistic(claimed, truth)?;
    // "on October 19, 1987 and October 13, 2008": the cases themselves.
    if !stat.dates.is_empty() {
        let found: Vec<Date> = fact
            .details
            .iter()
            .filter(|(k, _)| k.starts_with("occurrence"))
            .filter_map(|(_, d)| d.value.as_date())
            .collect();
        if found != stat.dates {
            ok = false;
            let listed: Vec<String> = found.iter().map(Date::to_string).collect();
            actual.push_str(&format!(", on {}", listed.join(", ")));
        }
    }
    Some((ok, actual))
}

/// Compares a Fed claim with the decisions Fact.
fn compare_fed(claimed: &Claimed, fact: &Fact, what: FedWhat) -> Option<(bool, String)> {
    match (what, claimed) {
        (FedWhat::Range | FedWhat::PriorRange, Claimed::Range { low, high, .. }) => {
            let FactValue::Range { low: lo, high: hi } = fact.detail("range")?.value else {
                return None;
            };
            let ok = (lo - low).abs() < 0.005 && (hi - high).abs() < 0.005;
            Some((ok, format!("{lo:.2}%–{hi:.2}%")))
        }
        (FedWhat::Change, Claimed::Number { value, signed, .. }) => {
            let n = fact.value.as_f64()? as i64;
            // A statement was due that day and the data as of it do not show
            // the decision yet: not comparable, so not contradicted.
            if n == 0 && fact.detail("pending_announcement").is_some() {
                return None;
            }
            if n != 1 {
                return Some((
                    false,
                    if n == 0 {
                        "no decision announced that day".into()
                    } else {
                        format!("{n} decisions")
                    },
                ));
            }
            let bp = fact.detail("decision01_bp")?.value.as_f64()?;
            let ok = if *signed {
                (bp - value).abs() < 0.5
            } else {
                (bp.abs() - value.abs()).abs() < 0.5
            };
            Some((ok, format!("{bp:+.0} bp")))
        }
        (
            FedWhat::Since(kind),
            Claimed::Lookback {
                min_days,
                max_days,
                label,
            },
        ) => {
            // The previous decision of the same kind before the day's.
            let day = fact.as_of;
            let mut prev: Option<Date> = None;
            for k in 1..=99 {
                let key = format!("decision{k:02}");
                let (Some(d), Some(bp)) = (
                    fact.detail(&format!("{key}_date"))
                        .and_then(|d| d.value.as_date()),
                    fact.detail(&format!("{key}_bp"))
                        .and_then(|d| d.value.as_f64()),
                ) else {
                    break;
                };
                let same = (kind < 0 && bp < 0.0) || (kind > 0 && bp > 0.0) || kind == 0;
                if d < day && same {
                    prev = Some(d);
                }
            }
            let first = fact.window.map(|(f, _)| f);
            match prev {
                Some(d) => {
                    let days = (day - d).num_days();
                    Some((
                        days >= *min_days && days <= *max_days,
                        format!("the previous one on {d}, {days} days before (\"{label}\")"),
                    ))
                }
                None => {
                    // Nothing earlier in the data: decided only when the data reach back far enough.
                    let covered = first.is_some_and(|f| (day - f).num_days() >= *max_days);
                    if covered {
                        Some((false, "no earlier one in the data".into()))
                    } else {
                        None
                    }
                }
            }
        }
        (FedWhat::Consecutive(kind), Claimed::Number { value, .. }) => {
            // Meetings in a row with the same decision, up to the day's meeting.
            let day = fact.as_of;
            let mut decided: Vec<(Date, f64)> = Vec::new();
            for k in 1..=99 {
                let key = format!("decision{k:02}");
                let (Some(d), Some(bp)) = (
                    fact.detail(&format!("{key}_date"))
                        .and_then(|d| d.value.as_date()),
                    fact.detail(&format!("{key}_bp"))
                        .and_then(|d| d.value.as_f64()),
                ) else {
                    break;
                };
                decided.push((d, bp));
            }
            let first = fact.window.map(|(f, _)| f)?;
            let meetings: Vec<Date> = model::fomc::announcements()
                .iter()
                .filter(|a| {
                    a.date <= day
                        && a.date >= first
                        && (a.scheduled || decided.iter().any(|(d, _)| *d == a.date))
                })
                .map(|a| a.date)
                .collect();
            let kind_of = |m: Date| {
                decided
                    .iter()
                    .find(|(d, _)| *d == m)
                    .map_or(0i8, |(_, bp)| if *bp > 0.0 { 1 } else { -1 })
            };
            let mut n = 0;
            for m in meetings.iter().rev() {
                if kind_of(*m) != kind {
                    break;
                }
                n += 1;
            }
            if n as usize == meetings.len() {
                // The run reaches back to the start of the data: its length is not known.
                return None;
            }
            Some((
                (f64::from(n) - value).abs() < 0.5,
                format!("{n} meetings in a row"),
            ))
        }
        (FedWhat::Count(kind), Claimed::Number { value, .. }) => {
            let n = match kind {
                k if k < 0 => fact.detail("n_cuts")?.value.as_f64()?,
                k if k > 0 => fact.detail("n_hikes")?.value.as_f64()?,
                _ => fact.value.as_f64()?,
            };
            Some(((n - value).abs() < 0.5, format!("{n:.0}")))
        }
        _ => None,
    }
}

/// The reading a verdict shows: subject × measure × window × reducer.
pub(crate) fn view(r: &Reading) -> ReadingView {
    match &r.query {
        Query::Series(q) => ReadingView {
            subject: match &q.subject {
                model::Subject::Symbol { symbol } => symbol.clone(),
                model::Subject::Relative { a, b } => format!("{a} relative to {b}"),
                model::Subject::Spread { a, b } => format!("{a} minus {b}"),
            },
            measure: serde_json::to_string(&q.measure).unwrap_or_default(),
            window: match q.window {
                Window::All => format!("all history to {}", q.as_of),
                Window::Period { period } => format!(
                    "{} as of {}",
                    serde_json::to_string(&period).unwrap_or_default(),
                    q.as_of
                ),
            },
            reducer: q.reduce.name().to_string(),
        },
        Query::EventStudy {
            symbol,
            condition,
            as_of,
        } => ReadingView {
            subject: symbol.clone(),
            measure: serde_json::to_string(condition).unwrap_or_default(),
            window: format!("all history to {as_of}"),
            reducer: r.cases.as_ref().map_or_else(
                || "event_study".to_string(),
                lang::frame::CaseStat::describe,
            ),
        },
        Query::BaseRate {
            a,
            b,
            window_years,
            as_of,
            ..
        } => ReadingView {
            subject: format!("{a} against {b}"),
            measure: format!("compounded return over rolling {window_years}-year windows"),
            window: format!("all history to {as_of}"),
            reducer: r
                .rolling
                .map_or_else(|| "base_rate".to_string(), |s| format!("{s:?}")),
        },
        other => ReadingView {
            subject: "Fed target range".into(),
            measure: "decisions".into(),
            window: format!("as of {}", other.as_of()),
            reducer: serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
                .unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_table() {
        // (truth, claimed, decimals, hedge, signed) -> agrees
        let cases: &[(f64, f64, u8, Hedge, bool, bool)] = &[
            (-20.47, -20.0, 0, Hedge::MoreThan, true, true),
            (-19.9, -20.0, 0, Hedge::MoreThan, true, false),
            (-4.92, -5.0, 0, Hedge::Almost, true, true),
            (-23.40, -24.0, 0, Hedge::Almost, true, true),
            (16.70, 17.0, 0, Hedge::Almost, true, true),
            (17.6, 17.0, 0, Hedge::Almost, true, false),
            (30.57, 31.0, 0, Hedge::Approx, true, true),
            (13.21, 11.0, 0, Hedge::Approx, true, false),
            (74.04, 70.0, 0, Hedge::Approx, true, true),
            (855.2, 850.0, 0, Hedge::Approx, false, true),
            (19.256, 19.3, 1, Hedge::Approx, false, true),
            (-1.1412, -1.1, 1, Hedge::Approx, true, true),
            (2000.02, 2000.0, 0, Hedge::HairAbove, false, true),
            (1.674, 2.0, 0, Hedge::LessThan, true, true),
            (-3.837, -3.8, 1, Hedge::Exact, true, true),
            (3.837, -3.8, 1, Hedge::Exact, true, false),
            (-57.86, -57.86, 2, Hedge::Exact, true, true),
            (-41.60, -41.68, 2, Hedge::Exact, true, false),
        ];
        for (truth, value, decimals, hedge, signed, want) in cases {
            assert_eq!(
                agrees(*truth, *value, *decimals, *hedge, *signed, 0.0),
                *want,
                "{truth} vs {hedge:?} {value}"
            );
        }
    }
}
