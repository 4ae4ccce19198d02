//! Base-rate facts over rolling N-year windows.

use super::{d_int, d_num, fact, Cut};
use crate::kernels::base_rate as k;
use crate::kernels::returns::month_end;
use crate::{Engine, FactError};
use chrono::{Datelike, NaiveDate};
use model::fact::Detail;
use model::{Date, Fact, FactInput, FactValue, Field, Unit};

/// Monthly returns of one instrument: `(first day of month, return_pct)`,
/// complete months only (a month counts once its calendar end is ≤ as-of,
/// because a monthly return is not known before the month ends).
struct Monthly<'u> {
    symbol: String,
    months: Vec<(Date, f64)>,
    cut: Cut<'u>,
    /// Index in the cut series of each month's observation.
    idx: Vec<usize>,
    from_daily: bool,
}

fn first_of_month(d: Date) -> Date {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d)
}

fn complete(d: Date, as_of: Date) -> bool {
    month_end(d.year(), d.month()).is_some_and(|e| e <= as_of)
}

fn monthly<'u>(engine: &Engine<'u>, symbol: &str, as_of: Date) -> Result<Monthly<'u>, FactError> {
    let sym = engine.canonical(symbol);
    if let Some(series) = engine.universe().get(&sym, Field::ReturnPct) {
        let cut = engine.cut(series, as_of)?;
        let mut months = Vec::new();
        let mut idx = Vec::new();
        for (i, (d, r)) in cut.dates().iter().zip(cut.values()).enumerate() {
            if complete(*d, as_of) {
                months.push((first_of_month(*d), *r));
                idx.push(i);
            }
        }
        return Ok(Monthly {
            symbol: sym,
            months,
            cut,
            idx,
            from_daily: false,
        });
    }
    let cut = engine.price_cut(&sym, as_of)?;
    let mut months = Vec::new();
    let mut idx = Vec::new();
    for (d, r, i) in k::monthly_returns_from_daily(cut.dates(), cut.values()) {
        if complete(d, as_of) {
            months.push((first_of_month(d), r));
            idx.push(i);
        }
    }
    Ok(Monthly {
        symbol: sym,
        months,
        cut,
        idx,
        from_daily: true,
    })
}

/// `Query::BaseRate`.
pub(crate) fn base_rate(
    engine: &Engine<'_>,
    a: &str,
    b: &str,
    window_years: u32,
    from: Option<Date>,
    as_of: Date,
) -> Result<Fact, FactError> {
    let ma = monthly(engine, a, as_of)?;
    let mb = monthly(engine, b, as_of)?;
    let start = from.map(first_of_month);
    // Common months (merge walk), from `from` on.
    let (mut i, mut j) = (0, 0);
    let (mut dates, mut ra, mut rb, mut ia, mut ib) = (vec![], vec![], vec![], vec![], vec![]);
    while i < ma.months.len() && j < mb.months.len() {
        let (da, db) = (ma.months[i].0, mb.months[j].0);
        if da < db {
            i += 1;
        } else if db < da {
            j += 1;
        } else {
            if start.is_none_or(|s| da >= s) {
                dates.push(da);
                ra.push(ma.months[i].1);
                rb.push(mb.months[j].1);
                ia.push(ma.idx[i]);
                ib.push(mb.idx[j]);
            }
            i += 1;
            j += 1;
        }
    }
    let window_months = window_years as usize * 12;
    if window_years == 0 {
        return Err(FactError::InvalidPeriod {
            reason: "a window of 0 years".into(),
        });
    }
    let r = k::rolling_base_rate(&dates, &ra, &rb, window_months).ok_or_else(|| {
        FactError::NotEnoughHistory {
            instrument: format!("{} and {}", ma.symbol, mb.symbol),
            needed: window_months,
            have: dates.len(),
        }
    })?;
    let mut f = fact(
        "base_rate",
        vec![ma.symbol.clone(), mb.symbol.clone()],
        as_of,
        FactValue::Number(r.share_pct),
        Unit::Share,
        ("base_rate.rolling", 2),
    );
    let (first, last) = (dates[0], dates[dates.len() - 1]);
    let last_end = month_end(last.year(), last.month()).unwrap_or(last);
    f.window = Some((first, last_end));
    let mut inputs: Vec<FactInput> = engine.inputs(ma.cut.series, ia[0]..ia[ia.len() - 1] + 1);
    inputs.extend(engine.inputs(mb.cut.series, ib[0]..ib[ib.len() - 1] + 1));
    f.inputs = inputs;
    f.details.insert(
        "window_years".into(),
        Detail::integer(i64::from(window_years), Unit::Years),
    );
    f.details
        .insert("window_months".into(), d_int(window_months, Unit::Months));
    f.details
        .insert("n_windows".into(), d_int(r.n_windows, Unit::Count));
    f.details
        .insert("n_a_wins".into(), d_int(r.n_a_wins, Unit::Count));
    f.details
        .insert("n_months".into(), d_int(dates.len(), Unit::Months));
    f.details.insert("first_month".into(), Detail::date(first));
    f.details.insert("last_month".into(), Detail::date(last));
    f.details.insert(
        "first_window_start".into(),
        Detail::date(dates[r.first_window_start]),
    );
    f.details.insert(
        "last_window_start".into(),
        Detail::date(dates[r.last_window_start]),
    );
    f.details.insert(
        "mean_window_diff_pct".into(),
        d_num(r.mean_window_diff_pct, Unit::PercentagePoints),
    );
    f.details.insert(
        "arithmetic_diff_pct".into(),
        d_num(r.arithmetic_diff_pct, Unit::PercentagePoints),
    );
    f.details.insert(
        "geometric_diff_pct".into(),
        d_num(r.geometric_diff_pct, Unit::PercentagePoints),
    );
    f.details.insert(
        "a_annualised_pct".into(),
        d_num(r.a_annualised_pct, Unit::Percent),
    );
    f.details.insert(
        "b_annualised_pct".into(),
        d_num(r.b_annualised_pct, Unit::Percent),
    );
    let source = if ma.from_daily || mb.from_daily {
        "monthly returns from month-end closes"
    } else {
        "monthly returns"
    };
    f.details.insert("data".into(), Detail::text(source));
    let (an, bn) = (engine.name(&ma.symbol), engine.name(&mb.symbol));
    f.text = format!(
        "Over {} rolling {window_years}-year windows ({} to {}, step one month), {an} compounded more than {bn} in {} ({:.1}%); over the whole span it returned {:+.2} percentage points a year more (geometric: {:.2}% vs {:.2}% annualised; arithmetic mean of monthly differences × 12: {:+.2}).",
        r.n_windows,
        first.format("%Y-%m"),
        last.format("%Y-%m"),
        r.n_a_wins,
        r.share_pct,
        r.geometric_diff_pct,
        r.a_annualised_pct,
        r.b_annualised_pct,
        r.arithmetic_diff_pct,
    );
    Ok(f)
}
