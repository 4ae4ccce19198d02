//! Phrasing: names, deterministic choice among phrasings, method
//! definitions. Numbers are never written here; callers pass in text that
//! `fmt` printed from a Fact.

use model::Registry;

/// FNV-1a hash of a key, used to pick a phrasing deterministically.
pub(crate) fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Picks one of `options` by the hash of `key`.
pub(crate) fn pick<'a>(key: &str, options: &[&'a str]) -> &'a str {
    match options.len() {
        0 => "",
        n => options[(hash(key) % n as u64) as usize],
    }
}

/// Display name of a symbol: the registry name for indices, the symbol for
/// funds ("XLK"), the symbol itself when unknown.
pub(crate) fn name(reg: Option<&Registry>, symbol: &str) -> String {
    match reg.and_then(|r| r.get(symbol)) {
        Some(i) if i.kind == model::InstrumentKind::Index => i.name.clone(),
        Some(i)
            if matches!(
                i.kind,
                model::InstrumentKind::Rate
                    | model::InstrumentKind::Breadth
                    | model::InstrumentKind::Fundamental
                    | model::InstrumentKind::Portfolio
            ) =>
        {
            i.name.clone()
        }
        Some(_) => symbol.to_string(),
        None => symbol.to_string(),
    }
}

/// Label of a fund for charts and lists: "XLK Technology".
pub(crate) fn fund_label(reg: Option<&Registry>, symbol: &str) -> String {
    let inst = reg.and_then(|r| r.get(symbol));
    match inst {
        Some(i) => match (&i.sector, i.style) {
            (Some(sector), _) => format!("{symbol} {sector}"),
            (None, Some(style)) => format!("{symbol} {}", style_name(style)),
            _ => symbol.to_string(),
        },
        None => symbol.to_string(),
    }
}

/// Plain-English name of a size/style bucket.
pub(crate) fn style_name(style: model::Style) -> &'static str {
    match style {
        model::Style::Small => "small caps",
        model::Style::SmallValue => "small-cap value",
        model::Style::SmallGrowth => "small-cap growth",
        model::Style::Mid => "mid caps",
        model::Style::Large => "large caps",
        model::Style::LargeValue => "large-cap value",
        model::Style::LargeGrowth => "large-cap growth",
        model::Style::EqualWeight => "equal-weight large caps",
    }
}

/// Upper-cases the first letter.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Verb for a move of this sign, varied by `key`.
pub(crate) fn move_verb(key: &str, pct: f64, big: bool) -> &'static str {
    match (pct > 0.0, pct < 0.0, big) {
        (true, _, true) => pick(key, &["surged", "jumped", "soared"]),
        (true, _, false) => pick(key, &["rose", "gained", "added", "climbed"]),
        (_, true, true) => pick(key, &["plunged", "tumbled", "sank"]),
        (_, true, false) => pick(key, &["fell", "slipped", "lost", "eased"]),
        _ => "was unchanged",
    }
}

/// One-line definition of a method id, for the methods appendix.
pub(crate) fn method_definition(id: &str) -> String {
    let text = match id {
        i if i.starts_with("streak.relative") => {
            "consecutive common sessions in which A's daily return beat B's (or trailed it); \"longest since X\" is the last earlier streak at least as long that ended before this one began"
        }
        i if i.starts_with("streak.count") => "number of streaks of at least a given length in a window",
        i if i.starts_with("streak") => {
            "consecutive sessions with a daily return above zero (up) or below zero (down); an unchanged session breaks the streak"
        }
        i if i.starts_with("record.close") => "a close above every earlier close of the series",
        i if i.starts_with("record.high") => {
            "an intraday high above every earlier intraday high (kept apart from record closes)"
        }
        i if i.starts_with("record") => "a value above every earlier value of the series",
        i if i.starts_with("level.since") => {
            "\"highest/lowest since X\": X is the last earlier session whose close was at least as high (low)"
        }
        i if i.starts_with("level") => "the last observation on or before the date",
        i if i.starts_with("move.gap") => "open / previous session's close − 1",
        i if i.starts_with("move") => {
            "close / previous session's close − 1, ranked among all earlier moves in the same direction"
        }
        i if i.starts_with("return.rank") => "a period's return ranked among all periods of the same kind",
        i if i.starts_with("return") => {
            "close at the end / close on the last session before the window − 1, also in index points"
        }
        i if i.starts_with("volatility") => {
            "sample standard deviation of daily returns in the window (annualised by √252 where stated)"
        }
        i if i.starts_with("drawdown") => {
            "close / running maximum close − 1; correction at −10 % or worse, bear market at −20 % or worse"
        }
        i if i.starts_with("ma") || i.starts_with("moving_average") => {
            "simple average of the last N closes; position of the close against it and the last cross"
        }
        i if i.starts_with("cross_section") => "instruments of a basket ranked by return over the period",
        i if i.starts_with("base_rate") => {
            "share of rolling N-year windows (monthly returns) in which A compounded more than B, with the mean annual difference"
        }
        i if i.starts_with("rates") || i.starts_with("fed") => {
            "changes in the Fed funds target range, dated on the announcement (the FOMC statement, else the FOMC calendar)"
        }
        i if i.starts_with("event") => {
            "forward returns after each earlier occurrence of the condition, from the close of the day it occurred"
        }
        _ => "see docs/methods.md",
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_is_deterministic_and_spread() {
        let opts = ["a", "b", "c"];
        assert_eq!(
            pick("streak:2026-01-16", &opts),
            pick("streak:2026-01-16", &opts)
        );
        let seen: std::collections::BTreeSet<&str> =
            (0..50).map(|i| pick(&format!("k{i}"), &opts)).collect();
        assert_eq!(seen.len(), 3, "all phrasings get used");
    }
}
