//! Cross-section facts: ranking a basket by return.
//!
//! Representation: the value is the breadth (members up); details hold
//! `n_members`, `n_up`, `n_down`, `leader`, `laggard`, one `rankNN` text per
//! member best first (`"XLI +0.43%"`), one `return_pct.SYM` number per member,
//! and `missing` listing members without data for the window (never filled).

use super::{d_int, d_num, fact, prices::member_return};
use crate::kernels::cross_section::rank_members;
use crate::{Engine, FactError};
use model::display::signed_pct;
use model::fact::Detail;
use model::{Basket, Date, Fact, FactValue, Period, Unit};

/// Size and style ETFs of `Basket::Styles`.
pub(crate) const STYLES: [&str; 12] = [
    "IWM", "IJR", "IJS", "IWN", "VB", "VBR", "SPSM", "SFLO", "RSP", "SPY", "QQQ", "DIA",
];
/// Indices of `Basket::Indices`.
pub(crate) const INDICES: [&str; 5] = ["^GSPC", "^RUT", "^NDX", "^IXIC", "^DJI"];

/// The members of a basket, in a stable order.
pub(crate) fn members(engine: &Engine<'_>, basket: &Basket) -> Vec<String> {
    match basket {
        Basket::Sectors => engine.registry().map_or_else(Vec::new, |r| {
            r.instruments()
                .iter()
                .filter(|i| i.is_sector_fund())
                .map(|i| i.symbol.clone())
                .collect()
        }),
        Basket::Styles => STYLES.iter().map(|s| s.to_string()).collect(),
        Basket::Indices => INDICES.iter().map(|s| s.to_string()).collect(),
        Basket::Custom(list) => list.iter().map(|s| engine.canonical(s)).collect(),
    }
}

fn basket_name(basket: &Basket) -> String {
    match basket {
        Basket::Sectors => "sectors".into(),
        Basket::Styles => "styles".into(),
        Basket::Indices => "indices".into(),
        Basket::Custom(list) => list.join(","),
    }
}

/// `Query::CrossSection`.
pub(crate) fn cross_section(
    engine: &Engine<'_>,
    basket: &Basket,
    period: Period,
    as_of: Date,
) -> Result<Fact, FactError> {
    let symbols = members(engine, basket);
    let mut got: Vec<(String, f64)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut inputs = Vec::new();
    let mut window: Option<(Date, Date)> = None;
    for sym in &symbols {
        let res = engine
            .price_cut(sym, as_of)
            .and_then(|cut| member_return(&cut, period, as_of).map(|r| (cut, r)));
        match res {
            Ok((cut, (w, r))) => {
                got.push((cut.symbol().to_string(), r));
                inputs.extend(engine.inputs(cut.series, w.base..w.last + 1));
                let (a, b) = (cut.date(w.first), cut.date(w.last));
                window = Some(window.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
            }
            // An instrument with nothing known by as-of reads the same
            // whether the store has its later data or not.
            Err(FactError::UnknownInstrument { .. } | FactError::NoData { .. }) => {
                missing.push(format!("{sym}: no data known by {as_of}"))
            }
            Err(e) => missing.push(format!("{sym}: {e}")),
        }
    }
    if got.is_empty() {
        return Err(FactError::EmptyBasket {
            basket: basket_name(basket),
        });
    }
    let cs = rank_members(&got);
    let mut f = fact(
        "cross_section",
        cs.ranked.iter().map(|r| r.symbol.clone()).collect(),
        as_of,
        FactValue::Integer(cs.n_up as i64),
        Unit::Count,
        ("cross_section.return", 1),
    );
    f.window = window;
    f.inputs = inputs;
    f.details
        .insert("basket".into(), Detail::text(basket_name(basket)));
    f.details
        .insert("n_members".into(), d_int(got.len(), Unit::Count));
    f.details.insert("n_up".into(), d_int(cs.n_up, Unit::Count));
    f.details
        .insert("n_down".into(), d_int(cs.n_down, Unit::Count));
    for (k, r) in cs.ranked.iter().enumerate() {
        f.details.insert(
            format!("rank{:02}", k + 1),
            Detail::text(format!("{} {}", r.symbol, signed_pct(r.return_pct))),
        );
        f.details.insert(
            format!("return_pct.{}", r.symbol),
            d_num(r.return_pct, Unit::Percent),
        );
    }
    let (lead, lag) = (&cs.ranked[0], &cs.ranked[cs.ranked.len() - 1]);
    f.details
        .insert("leader".into(), Detail::text(lead.symbol.clone()));
    f.details
        .insert("laggard".into(), Detail::text(lag.symbol.clone()));
    if !missing.is_empty() {
        f.details
            .insert("missing".into(), Detail::text(missing.join("; ")));
    }
    let when = match window {
        Some((a, b)) if a == b => format!("on {b}"),
        Some((a, b)) => format!("from {a} to {b}"),
        None => String::new(),
    };
    f.text = format!(
        "{} of {} {} rose {when}; {} led ({}) and {} lagged ({}){}.",
        cs.n_up,
        got.len(),
        basket_name(basket),
        engine.name(&lead.symbol),
        signed_pct(lead.return_pct),
        engine.name(&lag.symbol),
        signed_pct(lag.return_pct),
        if missing.is_empty() {
            String::new()
        } else {
            format!("; {} without data", missing.len())
        }
    );
    Ok(f)
}
