//! Instruments learnt from data: a file stem or a wide-table column that no
//! registry entry claims becomes an instrument of its own (named by its
//! symbol until a provider or the user's `instruments.toml` names it),
//! instead of failing the import.
//!
//! The rules are deliberately narrow: a learnt symbol is 1 to 24 ASCII
//! characters — letters, digits and `^ . - _ = &` — with at least one
//! letter, upper-cased (`aapl.csv` holds `AAPL`); text that looks like a
//! member of a numbered family with the wrong number of digits
//! (`SYN000002`) is refused, since it is more likely a typo than a new
//! instrument. Its kind is `index` for a `^` symbol, `rate` for a column of
//! a FRED download (`observation_date` header), else `stock`; the user file
//! can say otherwise.

use model::{Instrument, InstrumentKind, Registry};
use serde::Serialize;

/// An instrument the readers learnt, and where from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learnt {
    /// The new instrument.
    pub instrument: Instrument,
    /// Where it was met: "file stem of dir/AAPL.csv", "column NOPE of
    /// rates.csv", "provider yahoo".
    pub origin: String,
}

/// Longest learnt symbol.
pub const MAX_SYMBOL_LEN: usize = 24;

/// Why `text` cannot name a learnt instrument, if it cannot.
pub fn symbol_problem(text: &str, registry: &Registry) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.len() > MAX_SYMBOL_LEN {
        return Some(format!(
            "a learnt symbol has 1 to {MAX_SYMBOL_LEN} characters"
        ));
    }
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '^' | '.' | '-' | '_' | '=' | '&');
    if !t.chars().all(allowed) {
        return Some("a learnt symbol holds only letters, digits and ^ . - _ = &".to_string());
    }
    if !t.chars().any(|c| c.is_ascii_alphabetic()) {
        return Some("a learnt symbol has at least one letter".to_string());
    }
    for family in registry.families() {
        let head = t.get(..family.prefix.len());
        let tail = t.get(family.prefix.len()..).unwrap_or("");
        if head.is_some_and(|h| h.eq_ignore_ascii_case(&family.prefix))
            && !tail.is_empty()
            && tail.bytes().all(|b| b.is_ascii_digit())
        {
            return Some(format!(
                "it looks like a member of the numbered family {}, which has {} digits \
                 from 1 to {}",
                family.prefix, family.digits, family.count
            ));
        }
    }
    None
}

/// The listed instrument whose canonical symbol is `text` (as written or
/// upper-cased): `^GSPC.csv` and a column `DGS10` need no learning.
pub(crate) fn by_symbol<'r>(registry: &'r Registry, text: &str) -> Option<&'r Instrument> {
    let t = text.trim();
    registry
        .get(t)
        .or_else(|| registry.get(&t.to_ascii_uppercase()))
}

/// The instrument a new file stem or column names, or why it cannot be
/// learnt. `rate` says the column comes from a FRED download.
pub(crate) fn learn(
    text: &str,
    registry: &Registry,
    rate: bool,
    origin: String,
) -> Result<Learnt, String> {
    if let Some(problem) = symbol_problem(text, registry) {
        return Err(problem);
    }
    let symbol = text.trim().to_ascii_uppercase();
    let kind = if symbol.starts_with('^') {
        InstrumentKind::Index
    } else if rate {
        InstrumentKind::Rate
    } else {
        InstrumentKind::Stock
    };
    Ok(Learnt {
        instrument: Instrument::bare(&symbol, kind),
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learnt_symbols_follow_the_rules() {
        let reg = Registry::builtin().expect("registry");
        let ok = |t: &str| learn(t, &reg, false, String::new()).map(|l| l.instrument);
        let aapl = ok("aapl").expect("AAPL");
        assert_eq!(
            (aapl.symbol.as_str(), aapl.kind),
            ("AAPL", InstrumentKind::Stock)
        );
        assert_eq!(ok("^FTSE").expect("index").kind, InstrumentKind::Index);
        assert_eq!(ok("BRK.B").expect("dot").symbol, "BRK.B");
        assert_eq!(ok("EURUSD=X").expect("fx").symbol, "EURUSD=X");
        let rate = learn("t10y2y", &reg, true, String::new()).expect("rate");
        assert_eq!(rate.instrument.kind, InstrumentKind::Rate);
        for bad in [
            "",
            "my prices",
            "1234",
            "SYN000002",
            "syn12",
            "a/b",
            &"X".repeat(25),
        ] {
            assert!(ok(bad).is_err(), "{bad:?} must not be learnt");
        }
    }
}
