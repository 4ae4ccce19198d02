//! Phrasing: names, verbs and method definitions. Numbers are never
//! written here; callers pass in text that `fmt` printed from a Fact.

use model::Registry;

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

/// The name as it reads inside a sentence: "the Russell 2000" for an
/// index or another named series, the bare symbol for a fund ("IWM").
pub(crate) fn the_name(reg: Option<&Registry>, symbol: &str) -> String {
    let n = name(reg, symbol);
    if n == symbol {
        n
    } else {
        format!("the {n}")
    }
}

/// Short names of the indices funds track, for fund labels.
fn index_short(symbol: &str) -> Option<&'static str> {
    match symbol {
        "^GSPC" => Some("S&P 500"),
        "^RUT" => Some("Russell 2000"),
        "^NDX" => Some("Nasdaq 100"),
        "^DJI" => Some("Dow"),
        _ => None,
    }
}

/// Label of a fund for charts and lists: "XLK Information Technology",
/// "IWM Russell 2000", "IJS small-cap value".
pub(crate) fn fund_label(reg: Option<&Registry>, symbol: &str) -> String {
    let inst = reg.and_then(|r| r.get(symbol));
    match inst {
        Some(i) => match (
            &i.sector,
            i.tracks.as_deref().and_then(index_short),
            i.style,
        ) {
            (Some(sector), _, _) => format!("{symbol} {sector}"),
            (None, Some(ix), _) => format!("{symbol} {ix}"),
            (None, None, Some(style)) => format!("{symbol} {}", style_name(style)),
            _ => symbol.to_string(),
        },
        None => symbol.to_string(),
    }
}

/// A fund named with what it holds, as prose: "the real estate fund
/// XLRE", "the small-cap value fund IJS", "IWM" when nothing is known.
pub(crate) fn fund_phrase(reg: Option<&Registry>, symbol: &str) -> String {
    let inst = reg.and_then(|r| r.get(symbol));
    match inst {
        Some(i) => match (&i.sector, i.style) {
            (Some(sector), _) => format!("the {} fund {symbol}", sector.to_lowercase()),
            (None, Some(style)) => format!("the {} fund {symbol}", style_name(style)),
            _ => symbol.to_string(),
        },
        None => symbol.to_string(),
    }
}

/// Plain-English name of a size/style bucket.
pub(crate) fn style_name(style: model::Style) -> &'static str {
    match style {
        model::Style::Small => "small-cap",
        model::Style::SmallValue => "small-cap value",
        model::Style::SmallGrowth => "small-cap growth",
        model::Style::Mid => "mid-cap",
        model::Style::Large => "large-cap",
        model::Style::LargeValue => "large-cap value",
        model::Style::LargeGrowth => "large-cap growth",
        model::Style::EqualWeight => "equal-weight S&P 500",
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

/// Verb for a move of this sign: "rose" / "fell", "surged" / "plunged"
/// for a big move. One verb per case, so every brief reads the same way
pub(crate) fn move_verb(pct: f64, big: bool) -> &'static str {
    match (pct > 0.0, pct < 0.0, big) {
        (true, _, true) => "surged",
        (true, _, false) => "rose",
        (_, true, true) => "plunged",
        (_, true, false) => "fell",
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
