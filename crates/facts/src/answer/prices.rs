//! Single-instrument price facts: levels, returns and their rank, daily
//! moves, gaps, records, "since", volatility, drawdowns, moving averages.

use super::{
    d_bool, d_int, d_num, fact, resolve_period, window_in, Cut, Resolved, ADJUSTED_PRICE_BASIS,
    ADJUSTED_RETURN_BASIS,
};
use crate::kernels::{drawdown as dd, moves, moving_average as ma, records, returns, volatility};
use crate::{Engine, FactError};
use chrono::Datelike;
use model::display::{largest, ordinal, sentence_level, signed_pct};
use model::fact::Detail;
use model::{Date, Fact, FactValue, Field, InstrumentKind, Period, PeriodKind, RecordKind, Unit};

/// A "highest/lowest since" reaching back this many sessions or fewer
/// (about a month) is not worth a clause.
const SINCE_MIN_SESSIONS: usize = 21;

/// "second", "third"… for small ranks, the ordinal beyond.
fn ordinal_word(n: i64) -> String {
    const WORDS: [&str; 10] = [
        "", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    match usize::try_from(n) {
        Ok(k @ 2..=9) => WORDS[k].to_string(),
        _ => ordinal(n),
    }
}

fn value_unit(engine: &Engine<'_>, symbol: &str, field: Field) -> Unit {
    match field {
        Field::Volume => Unit::Count,
        Field::ReturnPct => Unit::Percent,
        Field::Value => {
            let kind = engine
                .registry()
                .and_then(|r| r.get(symbol))
                .map(|i| i.kind);
            if matches!(kind, Some(InstrumentKind::Rate)) {
                Unit::Percent
            } else {
                Unit::Points
            }
        }
        _ => Unit::Points,
    }
}

/// `Query::Level`: the last observation on or before as-of, its rank among
/// all earlier observations, and "highest/lowest since".
pub(crate) fn level(
    engine: &Engine<'_>,
    symbol: &str,
    field: Field,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.field_cut(symbol, field, as_of)?;
    let (v, i) = (cut.values(), cut.last());
    let sym = cut.symbol().to_string();
    let unit = value_unit(engine, &sym, field);
    let mut f = fact(
        "level",
        vec![sym.clone()],
        as_of,
        FactValue::Number(v[i]),
        unit,
        ("level.observation", 3),
    );
    f.window = Some((cut.date(i), cut.date(i)));
    f.inputs = engine.inputs(cut.series, 0..cut.n);
    f.details.insert("date".into(), Detail::date(cut.date(i)));
    let rank_high = returns::rank_desc(&v[..i], v[i]);
    let rank_low = returns::rank_asc(&v[..i], v[i]);
    f.details
        .insert("rank_high".into(), d_int(rank_high, Unit::Rank));
    f.details
        .insert("rank_low".into(), d_int(rank_low, Unit::Rank));
    f.details
        .insert("n_observations".into(), d_int(cut.n, Unit::Count));
    let hs = records::highest_since(v, i);
    let ls = records::lowest_since(v, i);
    if let Some(j) = hs {
        f.details
            .insert("highest_since".into(), Detail::date(cut.date(j)));
    }
    if let Some(j) = ls {
        f.details
            .insert("lowest_since".into(), Detail::date(cut.date(j)));
    }
    let name = engine.name(&sym);
    let shown = match unit {
        Unit::Percent => format!("{:.2}%", v[i]),
        _ => sentence_level(v[i]),
    };
    let monthly = engine.frequency(cut.series, as_of) == model::Frequency::Monthly;
    let lag = engine.release_lag_days(cut.series);
    let mut text = if field == Field::AdjClose {
        // A restated level: say so, and give the as-traded close when the
        // store has one for the same day.
        let traded = engine
            .universe()
            .get(&sym, Field::Close)
            .and_then(|c| c.value_on(cut.date(i)));
        if let Some(t) = traded {
            f.details
                .insert("as_traded_close".into(), d_num(t, Unit::Points));
        }
        format!(
            "{name}'s {ADJUSTED_PRICE_BASIS} was {shown} on {} (restated for dividends paid later, not the price it traded at{})",
            cut.date(i),
            traded.map_or_else(String::new, |t| format!("; as traded: {}", sentence_level(t)))
        )
    } else if monthly {
        format!(
            "{name} {field} was {shown} for {}",
            cut.date(i).format("%B %Y")
        )
    } else {
        format!("{name} {field} was {shown} on {}", cut.date(i))
    };
    if monthly {
        f.details
            .insert("frequency".into(), Detail::text("monthly"));
        text.push_str(&format!(
            " (the latest month complete and published by {as_of})"
        ));
    } else if lag > 0 && cut.date(i) != as_of {
        text.push_str(&format!(
            " (the latest observation published by {as_of}, {lag} day{} after its date)",
            if lag == 1 { "" } else { "s" }
        ));
    } else if cut.date(i) != as_of {
        text.push_str(&format!(" (the last observation on or before {as_of})"));
    }
    if lag > 0 {
        f.details
            .insert("release_lag_days".into(), d_int(lag as usize, Unit::Count));
    }
    // "Since" only when it reaches past a meaningful horizon: "the highest
    // since" the previous session says nothing (it is true of any close
    // just below yesterday's record).
    let far = |j: usize| i - j > SINCE_MIN_SESSIONS;
    match (hs, ls) {
        (None, _) if i > 0 => text.push_str(", the highest on record"),
        (Some(j), _) if rank_high <= rank_low && far(j) => {
            text.push_str(&format!(", the highest since {}", cut.date(j)))
        }
        (Some(_), _) if rank_high <= rank_low && rank_high <= 10 => text.push_str(&format!(
            ", the {}-highest on record",
            ordinal_word(rank_high as i64)
        )),
        (_, None) if i > 0 && rank_low < rank_high => text.push_str(", the lowest on record"),
        (_, Some(j)) if rank_low < rank_high && far(j) => {
            text.push_str(&format!(", the lowest since {}", cut.date(j)))
        }
        _ => {}
    }
    f.text = format!("{text}.");
    Ok(f)
}

/// `Query::Change`: the level on `as_of` minus the level on `from` (each the
/// last observation on or before its date), read through [`level`] so both
/// numbers are exactly those of the `level.observation` Facts.
pub(crate) fn change(
    engine: &Engine<'_>,
    symbol: &str,
    field: Option<Field>,
    from: Date,
    as_of: Date,
) -> Result<Fact, FactError> {
    if from > as_of {
        return Err(FactError::InvalidPeriod {
            reason: format!("the change starts on {from}, after the as-of date {as_of}"),
        });
    }
    let field = match field {
        Some(f) => f,
        // The price field as of the start: chosen by what was known then.
        None => engine.price_cut(symbol, from)?.field(),
    };
    let end = level(engine, symbol, field, as_of)?;
    let start = level(engine, symbol, field, from)?;
    let number = |f: &Fact| match f.value {
        FactValue::Number(x) => x,
        _ => f64::NAN,
    };
    let (v0, v1) = (number(&start), number(&end));
    let day = |f: &Fact| f.window.map_or(f.as_of, |w| w.0);
    let (d0, d1) = (day(&start), day(&end));
    let cut = engine.field_cut(symbol, field, as_of)?;
    let i0 = cut.session(d0)?;
    let sym = cut.symbol().to_string();
    let level_unit = end.unit;
    let rate = level_unit == Unit::Percent;
    let unit = match level_unit {
        Unit::Percent => Unit::PercentagePoints,
        other => other,
    };
    let delta = v1 - v0;
    let mut f = fact(
        "change",
        vec![sym.clone()],
        as_of,
        FactValue::Number(delta),
        unit,
        ("change.level", 2),
    );
    f.window = Some((d0, d1));
    f.inputs = engine.inputs(cut.series, i0..cut.n);
    f.details.insert("from_date".into(), Detail::date(d0));
    f.details.insert("from_value".into(), d_num(v0, level_unit));
    f.details.insert("to_date".into(), Detail::date(d1));
    f.details.insert("to_value".into(), d_num(v1, level_unit));
    f.details
        .insert("field".into(), Detail::text(field.as_str()));
    if rate {
        f.details
            .insert("bp".into(), d_num(delta * 100.0, Unit::BasisPoints));
    }
    if v0 != 0.0 && !rate {
        f.details
            .insert("pct".into(), d_num((v1 / v0 - 1.0) * 100.0, Unit::Percent));
    }
    let name = engine.name(&sym);
    f.text = if rate {
        format!(
            "{name} {field} changed by {:+.2} percentage points ({:+.0} bp), from {v0:.2}% on {d0} to {v1:.2}% on {d1}.",
            delta,
            delta * 100.0
        )
    } else {
        format!(
            "{name} {field} changed by {}, from {} on {d0} to {} on {d1}.",
            engine.signed_change(&sym, delta),
            sentence_level(v0),
            sentence_level(v1)
        )
    };
    Ok(f)
}

/// `Query::ReturnSpread`: A's period return minus B's, each computed by
/// [`period_return`] so both are exactly the `return.period` Facts.
pub(crate) fn return_spread(
    engine: &Engine<'_>,
    a: &str,
    b: &str,
    period: Period,
    as_of: Date,
) -> Result<Fact, FactError> {
    let fa = period_return(engine, a, period, as_of)?;
    let fb = period_return(engine, b, period, as_of)?;
    let number = |f: &Fact| match f.value {
        FactValue::Number(x) => x,
        _ => f64::NAN,
    };
    let (ra, rb) = (number(&fa), number(&fb));
    let spread = ra - rb;
    let rel = ((1.0 + ra / 100.0) / (1.0 + rb / 100.0) - 1.0) * 100.0;
    let (sa, sb) = (fa.subjects[0].clone(), fb.subjects[0].clone());
    let mut f = fact(
        "return_spread",
        vec![sa.clone(), sb.clone()],
        as_of,
        FactValue::Number(spread),
        Unit::PercentagePoints,
        ("return.spread", 1),
    );
    f.window = fa.window;
    f.inputs = fa.inputs.iter().chain(&fb.inputs).cloned().collect();
    f.details
        .insert("return_a".into(), d_num(ra, Unit::Percent));
    f.details
        .insert("return_b".into(), d_num(rb, Unit::Percent));
    f.details
        .insert("relative_pct".into(), d_num(rel, Unit::Percent));
    for (suffix, g) in [("a", &fa), ("b", &fb)] {
        for key in ["base_date", "first_session", "end_date"] {
            if let Some(d) = g.details.get(key) {
                f.details.insert(format!("{key}_{suffix}"), d.clone());
            }
        }
    }
    let base = |g: &Fact| {
        g.details
            .get("base_date")
            .map(|d| match &d.value {
                FactValue::Date(x) => format!(" (base {x})"),
                _ => String::new(),
            })
            .unwrap_or_default()
    };
    f.text = format!(
        "{} returned {}{} and {} {}{}: a spread of {:+.2} percentage points (relative return {}).",
        engine.name(&sa),
        signed_pct(ra),
        base(&fa),
        engine.name(&sb),
        signed_pct(rb),
        base(&fb),
        spread,
        signed_pct(rel),
    );
    Ok(f)
}

/// `Query::Return`.
pub(crate) fn period_return(
    engine: &Engine<'_>,
    symbol: &str,
    period: Period,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let resolved = resolve_period(period, as_of)?;
    let w = window_in(&cut, resolved, as_of)?;
    let v = cut.values();
    if cut.field() == Field::ReturnPct {
        return compounded_return(engine, &cut, w, as_of);
    }
    let r = returns::return_pct(v, w.base, w.last);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "return",
        vec![sym.clone()],
        as_of,
        FactValue::Number(r),
        Unit::Percent,
        ("return.period", 3),
    );
    f.window = Some((cut.date(w.first), cut.date(w.last)));
    f.inputs = engine.inputs(cut.series, w.base..w.last + 1);
    let pts = v[w.last] - v[w.base];
    f.details.insert("points".into(), d_num(pts, Unit::Points));
    f.details
        .insert("base_date".into(), Detail::date(cut.date(w.base)));
    f.details
        .insert("base_close".into(), d_num(v[w.base], Unit::Points));
    f.details
        .insert("end_date".into(), Detail::date(cut.date(w.last)));
    f.details
        .insert("end_close".into(), d_num(v[w.last], Unit::Points));
    f.details
        .insert("first_session".into(), Detail::date(cut.date(w.first)));
    f.details.insert(
        "sessions".into(),
        d_int(w.last + 1 - w.first, Unit::Sessions),
    );
    let complete = match resolved {
        Resolved::Calendar { nominal_end, .. } => nominal_end <= as_of,
        _ => true,
    };
    f.details.insert("complete".into(), d_bool(complete));
    f.details
        .insert("field".into(), Detail::text(cut.field().as_str()));
    let points = if cut.field() == Field::AdjClose {
        format!(
            "a {ADJUSTED_RETURN_BASIS}; {} in adjusted prices",
            engine.signed_change(&sym, pts)
        )
    } else {
        engine.signed_change(&sym, pts)
    };
    f.text = format!(
        "{} returned {} ({points}) from {} to {}, measured from the {} of {} on {}.",
        engine.name(&sym),
        signed_pct(r),
        cut.date(w.first),
        cut.date(w.last),
        field_words(cut.field()),
        sentence_level(v[w.base]),
        cut.date(w.base),
    );
    Ok(f)
}

/// `Query::Return` on a series of periodic returns (French portfolios): the
/// returns of the periods in the window compounded, ∏(1 + r/100) − 1.
fn compounded_return(
    engine: &Engine<'_>,
    cut: &Cut<'_>,
    w: returns::WindowIdx,
    as_of: Date,
) -> Result<Fact, FactError> {
    let v = cut.values();
    let growth: f64 = v[w.first..=w.last]
        .iter()
        .map(|r| 1.0 + r / 100.0)
        .product();
    let r = (growth - 1.0) * 100.0;
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "return",
        vec![sym.clone()],
        as_of,
        FactValue::Number(r),
        Unit::Percent,
        ("return.period", 3),
    );
    f.window = Some((cut.date(w.first), cut.date(w.last)));
    f.inputs = engine.inputs(cut.series, w.first..w.last + 1);
    f.details
        .insert("end_date".into(), Detail::date(cut.date(w.last)));
    f.details
        .insert("first_session".into(), Detail::date(cut.date(w.first)));
    f.details.insert(
        "sessions".into(),
        d_int(w.last + 1 - w.first, Unit::Sessions),
    );
    f.details.insert("complete".into(), d_bool(true));
    f.details
        .insert("field".into(), Detail::text(cut.field().as_str()));
    f.text = format!(
        "{} returned {} from {} to {}, compounding {} periodic returns.",
        engine.name(&sym),
        signed_pct(r),
        cut.date(w.first),
        cut.date(w.last),
        w.last + 1 - w.first,
    );
    Ok(f)
}

/// `Query::ReturnRank`: rank among all periods of the same calendar kind.
pub(crate) fn return_rank(
    engine: &Engine<'_>,
    symbol: &str,
    period: Period,
    against: PeriodKind,
    as_of: Date,
) -> Result<Fact, FactError> {
    use returns::CalendarKind as K;
    let cut = engine.price_cut(symbol, as_of)?;
    let mismatch = || {
        FactError::InvalidPeriod {
        reason: format!(
            "{period} cannot be ranked against {against}: rank a calendar month, quarter, half, year or year to date against periods of the same kind"
        ),
    }
    };
    // (kind, year, number, only_number, ytd_end)
    let (kind, year, number, only, ytd_end) = match (period, against) {
        (Period::Month { year, month }, PeriodKind::Month) => (K::Month, year, month, None, None),
        (Period::MonthToDate, PeriodKind::Month) => {
            (K::Month, as_of.year(), as_of.month(), None, None)
        }
        (Period::Quarter { year, quarter }, PeriodKind::Quarter) => {
            (K::Quarter, year, u32::from(quarter), None, None)
        }
        (Period::QuarterToDate, PeriodKind::Quarter) => (
            K::Quarter,
            as_of.year(),
            (as_of.month() - 1) / 3 + 1,
            None,
            None,
        ),
        (Period::Half { year, half }, PeriodKind::Half) => {
            (K::Half, year, u32::from(half), Some(u32::from(half)), None)
        }
        (Period::Year { year }, PeriodKind::Year) => (K::Year, year, 1, None, None),
        (Period::YearToDate, PeriodKind::YearToDate | PeriodKind::Year) => {
            let ytd = (against == PeriodKind::YearToDate).then(|| (as_of.month(), as_of.day()));
            (K::Year, as_of.year(), 1, None, ytd)
        }
        (Period::Day, PeriodKind::Day) => return daily_move(engine, symbol, as_of),
        _ => return Err(mismatch()),
    };
    if number == 0 || number > 12 / kind.months() {
        return Err(FactError::InvalidPeriod {
            reason: format!("period number {number} out of range"),
        });
    }
    let (dates, v) = (cut.dates(), cut.values());
    let history = returns::period_history(dates, v, kind, only, ytd_end, as_of);
    let target_pos = history
        .iter()
        .position(|p| p.year == year && p.number == number)
        .ok_or_else(|| {
            let (from, to) = kind.span(year, number).unwrap_or((as_of, as_of));
            FactError::NoData {
                instrument: cut.symbol().to_string(),
                field: cut.field(),
                from,
                to,
            }
        })?;
    let target = history[target_pos].clone();
    if target.idx.first > target.idx.last || kind.span(year, number).is_some_and(|s| s.0 > as_of) {
        return Err(mismatch());
    }
    // Rank among complete periods plus the target itself.
    let pool: Vec<&returns::PeriodReturn> = history
        .iter()
        .enumerate()
        .filter(|(k, p)| p.complete || *k == target_pos)
        .map(|(_, p)| p)
        .collect();
    let values: Vec<f64> = pool.iter().map(|p| p.return_pct).collect();
    let rank_best = returns::rank_desc(&values, target.return_pct);
    let rank_worst = returns::rank_asc(&values, target.return_pct);
    let earlier = &history[..target_pos];
    let best_since = earlier
        .iter()
        .rev()
        .find(|p| p.return_pct >= target.return_pct);
    let worst_since = earlier
        .iter()
        .rev()
        .find(|p| p.return_pct <= target.return_pct);
    let sym = cut.symbol().to_string();
    let label = if ytd_end.is_some() {
        format!("{year} to {:02}-{:02}", as_of.month(), as_of.day())
    } else {
        kind.label(year, number)
    };
    let mut f = fact(
        "return_rank",
        vec![sym.clone()],
        as_of,
        FactValue::Integer(rank_best as i64),
        Unit::Rank,
        ("return.rank", 2),
    );
    f.window = Some((dates[target.idx.first], dates[target.idx.last]));
    let first_read = history.first().map_or(target.idx.base, |p| p.idx.base);
    f.inputs = engine.inputs(cut.series, first_read..cut.n);
    f.details
        .insert("return_pct".into(), d_num(target.return_pct, Unit::Percent));
    f.details
        .insert("period".into(), Detail::text(label.clone()));
    f.details
        .insert("rank_best".into(), d_int(rank_best, Unit::Rank));
    f.details
        .insert("rank_worst".into(), d_int(rank_worst, Unit::Rank));
    f.details
        .insert("n_periods".into(), d_int(pool.len(), Unit::Count));
    f.details.insert("complete".into(), d_bool(target.complete));
    f.details
        .insert("base_date".into(), Detail::date(dates[target.idx.base]));
    let fmt_p = |p: &returns::PeriodReturn| {
        if ytd_end.is_some() {
            format!("{}", p.year)
        } else {
            kind.label(p.year, p.number)
        }
    };
    if let Some(p) = best_since {
        f.details
            .insert("best_since".into(), Detail::text(fmt_p(p)));
        f.details.insert(
            "best_since_return_pct".into(),
            d_num(p.return_pct, Unit::Percent),
        );
    }
    if let Some(p) = worst_since {
        f.details
            .insert("worst_since".into(), Detail::text(fmt_p(p)));
        f.details.insert(
            "worst_since_return_pct".into(),
            d_num(p.return_pct, Unit::Percent),
        );
    }
    let what = match kind {
        K::Month => "month",
        K::Quarter => "quarter",
        K::Half if number == 1 => "first half",
        K::Half => "second half",
        K::Year if ytd_end.is_some() => "year-to-date stretch",
        K::Year => "year",
    };
    let name = engine.name(&sym);
    let tail = if rank_best <= rank_worst {
        match best_since {
            Some(p) => format!("its best {what} since {}", fmt_p(p)),
            None => format!("its best {what} on record"),
        }
    } else {
        match worst_since {
            Some(p) => format!("its worst {what} since {}", fmt_p(p)),
            None => format!("its worst {what} on record"),
        }
    };
    f.text = format!(
        "{name}'s {} in {label} ranks {} best of {} ({} worst); {tail}.",
        signed_pct(target.return_pct),
        ordinal(rank_best as i64),
        pool.len(),
        ordinal(rank_worst as i64),
    );
    Ok(f)
}

/// `Query::DailyMove`.
pub(crate) fn daily_move(
    engine: &Engine<'_>,
    symbol: &str,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let i = cut.session(as_of)?;
    if i == 0 {
        return Err(FactError::NoBase {
            instrument: cut.symbol().to_string(),
            field: cut.field(),
            before: as_of,
        });
    }
    let v = cut.values();
    let m = moves::daily_move(v, i);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "daily_move",
        vec![sym.clone()],
        as_of,
        FactValue::Number(m.return_pct),
        Unit::Percent,
        ("move.daily", 1),
    );
    f.window = Some((as_of, as_of));
    f.inputs = engine.inputs(cut.series, 0..i + 1);
    f.details
        .insert("points".into(), d_num(m.points, Unit::Points));
    f.details.insert("close".into(), d_num(v[i], Unit::Points));
    f.details
        .insert("previous_close".into(), d_num(v[i - 1], Unit::Points));
    f.details
        .insert("previous_date".into(), Detail::date(cut.date(i - 1)));
    f.details
        .insert("field".into(), Detail::text(cut.field().as_str()));
    let name = engine.name(&sym);
    let dir = if m.return_pct < 0.0 {
        "decline"
    } else {
        "gain"
    };
    if m.rank > 0 {
        f.details.insert("rank".into(), d_int(m.rank, Unit::Rank));
        f.details
            .insert("n_ranked".into(), d_int(m.n_ranked, Unit::Count));
        f.details.insert("direction".into(), Detail::text(dir));
    }
    let since_key = if m.return_pct < 0.0 {
        "worst_since"
    } else {
        "best_since"
    };
    if let Some(j) = m.since {
        f.details
            .insert(since_key.into(), Detail::date(cut.date(j)));
    }
    let mut text = if cut.field() == Field::AdjClose {
        format!(
            "{name} moved {} (a {ADJUSTED_RETURN_BASIS}; {} in adjusted prices) on {as_of}, to a {ADJUSTED_PRICE_BASIS} of {}",
            signed_pct(m.return_pct),
            engine.signed_change(&sym, m.points),
            sentence_level(v[i])
        )
    } else {
        format!(
            "{name} moved {} ({}) on {as_of}, closing at {}",
            signed_pct(m.return_pct),
            engine.signed_change(&sym, m.points),
            sentence_level(v[i])
        )
    };
    if m.rank > 0 {
        let adj = if m.return_pct < 0.0 { "worst" } else { "best" };
        text.push_str(&format!(
            "; {} {dir} among {} since {}",
            largest(m.rank as i64),
            model::display::grouped(m.n_ranked as f64, 0),
            cut.date(0)
        ));
        match m.since {
            Some(j) => text.push_str(&format!(", its {adj} day since {}", cut.date(j))),
            None => text.push_str(&format!(", its {adj} day on record")),
        }
    }
    f.text = format!("{text}.");
    Ok(f)
}

/// `Query::Gap`: open vs the previous session's close.
/// `Query::ExtremeMove`: method `move.extreme` v1.
pub(crate) fn extreme_move(
    engine: &Engine<'_>,
    symbol: &str,
    direction: model::Direction,
    from: Option<Date>,
    as_of: Date,
) -> Result<Fact, FactError> {
    if let Some(f) = from.filter(|f| *f > as_of) {
        return Err(FactError::InvalidPeriod {
            reason: format!("the window starts on {f}, after the as-of date {as_of}"),
        });
    }
    let cut = engine.price_cut(symbol, as_of)?;
    if cut.field() == Field::ReturnPct {
        return Err(FactError::Unsupported {
            what: format!(
                "daily moves of {}, which has periodic returns, not closes",
                cut.symbol()
            ),
        });
    }
    if cut.n < 2 {
        return Err(cut.not_enough(2));
    }
    let (dates, closes) = (cut.dates(), cut.values());
    let start = from.map_or(1, |f| dates.partition_point(|d| *d < f)).max(1);
    let up = direction == model::Direction::Up;
    let (i, r) = moves::extreme_move(closes, start, up).ok_or_else(|| FactError::NoData {
        instrument: cut.symbol().to_string(),
        field: cut.field(),
        from: from.unwrap_or(dates[0]),
        to: as_of,
    })?;
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "extreme_move",
        vec![sym.clone()],
        as_of,
        FactValue::Number(r),
        Unit::Percent,
        ("move.extreme", 1),
    );
    let last = cut.last();
    f.window = Some((dates[start], dates[last]));
    // The first session's return reads the close before it.
    f.inputs = engine.inputs(cut.series, start - 1..cut.n);
    let word = if up { "gain" } else { "decline" };
    let d = &mut f.details;
    d.insert("date".into(), Detail::date(dates[i]));
    d.insert("previous_date".into(), Detail::date(dates[i - 1]));
    d.insert("close".into(), d_num(closes[i], Unit::Points));
    d.insert("previous_close".into(), d_num(closes[i - 1], Unit::Points));
    d.insert(
        "points".into(),
        d_num(closes[i] - closes[i - 1], Unit::Points),
    );
    d.insert("n_sessions".into(), d_int(cut.n - start, Unit::Count));
    d.insert("searched_from".into(), Detail::date(dates[start]));
    d.insert("direction".into(), Detail::text(word));
    d.insert("field".into(), Detail::text(cut.field().as_str()));
    f.text = format!(
        "The largest one-day {word} of {} ({}) from {} to {} was {} on {}, from {} to {}.",
        engine.name(&sym),
        field_words(cut.field()),
        dates[start],
        dates[last],
        signed_pct(r),
        dates[i],
        sentence_level(closes[i - 1]),
        sentence_level(closes[i])
    );
    Ok(f)
}

pub(crate) fn gap(engine: &Engine<'_>, symbol: &str, as_of: Date) -> Result<Fact, FactError> {
    let open = engine.field_cut(symbol, Field::Open, as_of)?;
    let close = engine.field_cut(symbol, Field::Close, as_of)?;
    let oi = open.session(as_of)?;
    let ci = close.dates().partition_point(|d| *d < as_of);
    if ci == 0 {
        return Err(FactError::NoBase {
            instrument: close.symbol().to_string(),
            field: Field::Close,
            before: as_of,
        });
    }
    let prev = ci - 1;
    let (o, c) = (open.values()[oi], close.values()[prev]);
    let g = moves::gap_pct(o, c);
    let sym = open.symbol().to_string();
    let mut f = fact(
        "gap",
        vec![sym.clone()],
        as_of,
        FactValue::Number(g),
        Unit::Percent,
        ("move.gap", 1),
    );
    f.window = Some((close.date(prev), as_of));
    f.inputs = engine.inputs(close.series, prev..prev + 1);
    f.inputs.extend(engine.inputs(open.series, oi..oi + 1));
    f.details.insert("open".into(), d_num(o, Unit::Points));
    f.details
        .insert("previous_close".into(), d_num(c, Unit::Points));
    f.details
        .insert("previous_date".into(), Detail::date(close.date(prev)));
    f.details
        .insert("points".into(), d_num(o - c, Unit::Points));
    f.text = format!(
        "{} opened at {} on {as_of}, a gap of {} ({}) from the previous close of {} on {}.",
        engine.name(&sym),
        sentence_level(o),
        signed_pct(g),
        engine.signed_change(&sym, o - c),
        sentence_level(c),
        close.date(prev)
    );
    Ok(f)
}

/// `Query::Record`: record close or record intraday high, kept apart.
pub(crate) fn record(
    engine: &Engine<'_>,
    symbol: &str,
    kind: RecordKind,
    as_of: Date,
) -> Result<Fact, FactError> {
    let (cut, method, what) = match kind {
        RecordKind::Close => {
            let cut = engine.price_cut(symbol, as_of)?;
            (cut, "record.close", close_words(cut.field()))
        }
        RecordKind::IntradayHigh => (
            engine.field_cut(symbol, Field::High, as_of)?,
            "record.high",
            "intraday high",
        ),
    };
    let (v, i) = (cut.values(), cut.last());
    let s = records::record_status(v, i);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        if kind == RecordKind::Close {
            "record_close"
        } else {
            "record_high"
        },
        vec![sym.clone()],
        as_of,
        FactValue::Bool(s.is_record),
        Unit::Bool,
        (method, 1),
    );
    f.window = Some((cut.date(0), cut.date(i)));
    f.inputs = engine.inputs(cut.series, 0..cut.n);
    f.details.insert("date".into(), Detail::date(cut.date(i)));
    f.details.insert("level".into(), d_num(v[i], Unit::Points));
    f.details
        .insert("field".into(), Detail::text(cut.field().as_str()));
    f.details.insert(
        "record_date".into(),
        Detail::date(cut.date(s.latest_record)),
    );
    f.details.insert(
        "record_level".into(),
        d_num(v[s.latest_record], Unit::Points),
    );
    f.details.insert(
        "sessions_since_record".into(),
        d_int(s.sessions_since_record, Unit::Sessions),
    );
    if let Some(p) = s.previous_record {
        f.details
            .insert("previous_record_date".into(), Detail::date(cut.date(p)));
        f.details
            .insert("previous_record_level".into(), d_num(v[p], Unit::Points));
        f.details.insert(
            "vs_previous_record_pct".into(),
            d_num((v[i] / v[p] - 1.0) * 100.0, Unit::Percent),
        );
    }
    let name = engine.name(&sym);
    let day = cut.date(i);
    f.text = match (s.is_record, s.previous_record) {
        (true, Some(p)) => format!(
            "{name}'s {what} of {} on {day} was a record {what}, above the previous record of {} set on {}.",
            sentence_level(v[i]),
            sentence_level(v[p]),
            cut.date(p)
        ),
        (true, None) => format!("{name}'s {what} of {} on {day} is its first observation.", sentence_level(v[i])),
        (false, _) => format!(
            "{name}'s {what} of {} on {day} was not a record {what}: the record is {} set on {}, {} sessions earlier ({} below it).",
            sentence_level(v[i]),
            sentence_level(v[s.latest_record]),
            cut.date(s.latest_record),
            s.sessions_since_record,
            signed_pct((v[i] / v[s.latest_record] - 1.0) * 100.0),
        ),
    };
    Ok(f)
}

/// `Query::LowestSince` / `Query::HighestSince`.
pub(crate) fn since(
    engine: &Engine<'_>,
    symbol: &str,
    highest: bool,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let (v, i) = (cut.values(), cut.last());
    let j = if highest {
        records::highest_since(v, i)
    } else {
        records::lowest_since(v, i)
    };
    let sym = cut.symbol().to_string();
    let (kind, word) = if highest {
        ("highest_since", "highest")
    } else {
        ("lowest_since", "lowest")
    };
    let value = j.map_or_else(
        || FactValue::Text("on record".into()),
        |j| FactValue::Date(cut.date(j)),
    );
    let unit = if j.is_some() { Unit::Date } else { Unit::Text };
    let mut f = fact(
        kind,
        vec![sym.clone()],
        as_of,
        value,
        unit,
        ("level.since", 3),
    );
    let from = j.unwrap_or(0);
    f.window = Some((cut.date(from), cut.date(i)));
    f.inputs = engine.inputs(cut.series, from..cut.n);
    f.details.insert("date".into(), Detail::date(cut.date(i)));
    f.details.insert("level".into(), d_num(v[i], Unit::Points));
    f.details.insert("on_record".into(), d_bool(j.is_none()));
    let name = engine.name(&sym);
    f.text = match j {
        Some(j) => {
            f.details
                .insert("since_level".into(), d_num(v[j], Unit::Points));
            f.details
                .insert("sessions_since".into(), d_int(i - j, Unit::Sessions));
            format!(
                "{name}'s {} of {} on {} was its {word} since {} ({}).",
                field_words(cut.field()),
                sentence_level(v[i]),
                cut.date(i),
                cut.date(j),
                sentence_level(v[j])
            )
        }
        None => format!(
            "{name}'s {} of {} on {} was its {word} on record (since {}).",
            field_words(cut.field()),
            sentence_level(v[i]),
            cut.date(i),
            cut.date(0)
        ),
    };
    Ok(f)
}

/// `Query::Volatility`.
pub(crate) fn volatility(
    engine: &Engine<'_>,
    symbol: &str,
    period: Period,
    annualised: bool,
    sample: bool,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let w = window_in(&cut, resolve_period(period, as_of)?, as_of)?;
    let rets = returns::daily_returns(&cut.values()[w.base..=w.last]);
    let sd = volatility::std_dev_pct(&rets, sample, annualised)
        .ok_or_else(|| cut.not_enough(if sample { 3 } else { 2 }))?;
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "volatility",
        vec![sym.clone()],
        as_of,
        FactValue::Number(sd),
        Unit::Percent,
        ("volatility.std", 1),
    );
    f.window = Some((cut.date(w.first), cut.date(w.last)));
    f.inputs = engine.inputs(cut.series, w.base..w.last + 1);
    f.details
        .insert("n_returns".into(), d_int(rets.len(), Unit::Count));
    f.details.insert("sample".into(), d_bool(sample));
    f.details.insert("annualised".into(), d_bool(annualised));
    f.details
        .insert("base_date".into(), Detail::date(cut.date(w.base)));
    let kind = format!(
        "{}{} standard deviation of daily returns",
        if annualised {
            "annualised (×√252) "
        } else {
            "daily "
        },
        if sample { "sample" } else { "population" }
    );
    f.details
        .insert("definition".into(), Detail::text(kind.clone()));
    f.text = format!(
        "The {kind} of {} from {} to {} ({} returns) was {:.2}%.",
        engine.name(&sym),
        cut.date(w.first),
        cut.date(w.last),
        rets.len(),
        sd
    );
    Ok(f)
}

/// `Query::Drawdown`.
pub(crate) fn drawdown(engine: &Engine<'_>, symbol: &str, as_of: Date) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let (v, i) = (cut.values(), cut.last());
    let d = dd::drawdown_at(v, i);
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "drawdown",
        vec![sym.clone()],
        as_of,
        FactValue::Number(d.drawdown_pct),
        Unit::Percent,
        ("drawdown.close", 1),
    );
    f.window = Some((cut.date(d.peak), cut.date(i)));
    f.inputs = engine.inputs(cut.series, 0..cut.n);
    f.details.insert("date".into(), Detail::date(cut.date(i)));
    f.details
        .insert("peak_date".into(), Detail::date(cut.date(d.peak)));
    f.details
        .insert("peak_close".into(), d_num(v[d.peak], Unit::Points));
    f.details
        .insert("trough_date".into(), Detail::date(cut.date(d.trough)));
    f.details
        .insert("trough_pct".into(), d_num(d.trough_pct, Unit::Percent));
    f.details.insert(
        "in_correction".into(),
        d_bool(d.drawdown_pct <= dd::CORRECTION_PCT),
    );
    f.details.insert(
        "in_bear_market".into(),
        d_bool(d.drawdown_pct <= dd::BEAR_PCT),
    );
    if let Some(c) = d.correction_start {
        f.details
            .insert("correction_start".into(), Detail::date(cut.date(c)));
    }
    if let Some(b) = d.bear_start {
        f.details
            .insert("bear_start".into(), Detail::date(cut.date(b)));
    }
    let name = engine.name(&sym);
    let mut text = format!(
        "{name} closed {} below its peak {} of {} on {} as of {}",
        signed_pct(d.drawdown_pct).trim_start_matches('-'),
        close_words(cut.field()),
        sentence_level(v[d.peak]),
        cut.date(d.peak),
        cut.date(i)
    );
    if d.drawdown_pct == 0.0 {
        text = format!(
            "{name} closed at its peak ({}) on {}",
            sentence_level(v[i]),
            cut.date(i)
        );
    }
    if let Some(b) = d.bear_start {
        text.push_str(&format!(
            "; it first closed 20% or more below the peak on {}",
            cut.date(b)
        ));
    } else if let Some(c) = d.correction_start {
        text.push_str(&format!(
            "; it first closed 10% or more below the peak on {}",
            cut.date(c)
        ));
    }
    f.text = format!("{text}.");
    Ok(f)
}

/// `Query::MovingAverage`.
pub(crate) fn moving_average(
    engine: &Engine<'_>,
    symbol: &str,
    window: u32,
    as_of: Date,
) -> Result<Fact, FactError> {
    let cut = engine.price_cut(symbol, as_of)?;
    let w = window as usize;
    if w == 0 {
        return Err(FactError::InvalidPeriod {
            reason: "a moving average over 0 sessions".into(),
        });
    }
    let (v, i) = (cut.values(), cut.last());
    let p = ma::ma_position(v, w, i).ok_or_else(|| cut.not_enough(w))?;
    let sym = cut.symbol().to_string();
    let mut f = fact(
        "moving_average",
        vec![sym.clone()],
        as_of,
        FactValue::Number(p.ma),
        Unit::Points,
        ("ma.simple", 1),
    );
    f.window = Some((cut.date(i + 1 - w), cut.date(i)));
    f.inputs = engine.inputs(cut.series, 0..cut.n);
    f.details
        .insert("window_sessions".into(), d_int(w, Unit::Sessions));
    f.details.insert("date".into(), Detail::date(cut.date(i)));
    f.details.insert("close".into(), d_num(v[i], Unit::Points));
    f.details
        .insert("distance_pct".into(), d_num(p.distance_pct, Unit::Percent));
    f.details.insert("above".into(), d_bool(p.above));
    let side = if p.above { "above" } else { "below" };
    if let Some(s) = p.side_since {
        f.details
            .insert("cross_date".into(), Detail::date(cut.date(s)));
        f.details.insert(
            "cross_direction".into(),
            Detail::text(if p.above { "up" } else { "down" }),
        );
        f.details
            .insert("sessions_on_side".into(), d_int(i + 1 - s, Unit::Sessions));
    }
    if let Some(x) = p.previous_same_side {
        f.details
            .insert("previous_same_side".into(), Detail::date(cut.date(x)));
    }
    let name = engine.name(&sym);
    let mut text = format!(
        "{name} closed at {}{} on {}, {} its {w}-day moving average of {} ({})",
        if cut.field() == Field::AdjClose {
            "a dividend-adjusted "
        } else {
            ""
        },
        sentence_level(v[i]),
        cut.date(i),
        side,
        sentence_level(p.ma),
        signed_pct(p.distance_pct)
    );
    match (p.side_since, p.previous_same_side) {
        (Some(s), Some(x)) if s == i => text.push_str(&format!(
            "; its first close {side} it since {}",
            cut.date(x)
        )),
        (Some(s), _) => text.push_str(&format!("; {side} it since {}", cut.date(s))),
        _ => {}
    }
    f.text = format!("{text}.");
    Ok(f)
}

/// A cut's window for cross-sections (shared with `cross`).
pub(crate) fn member_return(
    cut: &Cut<'_>,
    period: Period,
    as_of: Date,
) -> Result<(returns::WindowIdx, f64), FactError> {
    let w = window_in(cut, resolve_period(period, as_of)?, as_of)?;
    Ok((w, returns::return_pct(cut.values(), w.base, w.last)))
}

/// "close", or "dividend-adjusted close" for an adjusted series.
fn close_words(field: model::Field) -> &'static str {
    if field == Field::AdjClose {
        ADJUSTED_PRICE_BASIS
    } else {
        "close"
    }
}

/// How a base field reads in a sentence: "close", "dividend-adjusted close", "value".
fn field_words(field: model::Field) -> &'static str {
    match field {
        model::Field::Close => "close",
        model::Field::AdjClose => ADJUSTED_PRICE_BASIS,
        model::Field::ReturnPct => "return",
        _ => "value",
    }
}
