//! Which provider fetches what: from a symbol as the user wrote it to a
//! [`Target`].
//!
//! In order: an explicit `provider:symbol` (`fred:T10Y2Y`, `yahoo:NVDA`,
//! `french:F-F_Momentum_Factor`, `cboe:VIX`, `stooq:SPY`); the
//! configuration's `[symbols]` table; a few built-in mappings (`DXY` is
//! `DX-Y.NYB` at Yahoo, `MOVE` is `^MOVE`); then the registry: a rate goes
//! to FRED, a Fama-French factor or portfolio to Ken French's dataset that
//! holds it (the stem its registry column is scoped to), any other listed
//! or learnt instrument — and any symbol the registry does not know — to
//! Yahoo. Shiller's and breadth series come only from files.

use crate::config::Config;
use crate::provider::Target;
use model::{InstrumentKind, Registry};

const BUILTIN_MAP: &[(&str, &str, &str)] =
    &[("DXY", "yahoo", "DX-Y.NYB"), ("MOVE", "yahoo", "^MOVE")];

fn provider_id(name: &str) -> Option<&'static str> {
    ["yahoo", "fred", "french", "cboe", "stooq"]
        .into_iter()
        .find(|p| p.eq_ignore_ascii_case(name))
}

/// The target of an explicit `provider:symbol`, stored under `stored`
/// (`None`: derived from the provider's symbol).
fn explicit(
    provider: &'static str,
    remote: &str,
    stored: Option<&str>,
    registry: &Registry,
) -> Target {
    let remote = remote.trim().to_string();
    let stored = match (stored, provider) {
        (Some(s), _) => s.to_string(),
        (None, "french") => remote.clone(),
        (None, "cboe") => format!("^{}", remote.trim_start_matches('^').to_ascii_uppercase()),
        (None, _) => registry
            .get(&remote)
            .or_else(|| registry.get(&remote.to_ascii_uppercase()))
            .map_or_else(|| remote.to_ascii_uppercase(), |i| i.symbol.clone()),
    };
    let remote = match provider {
        "stooq" if stored == remote.to_ascii_uppercase() => crate::stooq::stooq_symbol(&remote),
        "fred" => remote.to_ascii_uppercase(),
        _ => remote,
    };
    Target {
        provider,
        remote,
        stored,
    }
}

/// The French dataset that holds a factor or portfolio (the stem of its
/// scoped registry column).
fn french_dataset(inst: &model::Instrument) -> Option<String> {
    inst.columns
        .iter()
        .find_map(|c| c.split_once('.').map(|(stem, _)| stem.to_string()))
}

/// Plans one symbol as the user wrote it.
///
/// # Errors
/// Why it cannot be fetched (an unknown provider, a series that only
/// comes from files, text that cannot be a symbol).
pub fn resolve(text: &str, registry: &Registry, cfg: &Config) -> Result<Target, String> {
    let text = text.trim();
    if let Some((prov, rest)) = text.split_once(':') {
        let provider = provider_id(prov).ok_or_else(|| {
            format!("unknown provider `{prov}` in `{text}`; use yahoo, fred, french, cboe or stooq")
        })?;
        if rest.trim().is_empty() {
            return Err(format!("`{text}` names no symbol after the provider"));
        }
        return Ok(explicit(provider, rest, None, registry));
    }
    let inst = registry.resolve(text).or_else(|| registry.get(text));
    let ours = inst.map_or_else(|| text.to_ascii_uppercase(), |i| i.symbol.clone());
    if let Some(mapped) = cfg.symbols.get(&ours).or_else(|| cfg.symbols.get(text)) {
        let (prov, remote) = mapped
            .split_once(':')
            .ok_or_else(|| format!("[symbols] {ours} = \"{mapped}\": write \"provider:symbol\""))?;
        let provider = provider_id(prov)
            .ok_or_else(|| format!("[symbols] {ours}: unknown provider `{prov}`"))?;
        return Ok(explicit(provider, remote, Some(&ours), registry));
    }
    if let Some((_, provider, remote)) = BUILTIN_MAP.iter().find(|(s, _, _)| *s == ours) {
        let provider = provider_id(provider).unwrap_or("yahoo");
        return Ok(explicit(provider, remote, Some(&ours), registry));
    }
    match inst {
        Some(i) if i.kind == InstrumentKind::Rate => {
            Ok(explicit("fred", &i.symbol, Some(&i.symbol), registry))
        }
        Some(i) if matches!(i.kind, InstrumentKind::Factor | InstrumentKind::Portfolio) => {
            let dataset = french_dataset(i)
                .ok_or_else(|| format!("{}: no Ken French dataset is known for it", i.symbol))?;
            Ok(explicit("french", &dataset, None, registry))
        }
        Some(i)
            if matches!(
                i.kind,
                InstrumentKind::Fundamental | InstrumentKind::Breadth | InstrumentKind::Synthetic
            ) =>
        {
            Err(format!(
                "{} ({}) comes from files only; import them, or map it to a provider under \
                 [symbols] in the configuration",
                i.symbol, i.name
            ))
        }
        Some(i) => Ok(explicit("yahoo", &i.symbol, Some(&i.symbol), registry)),
        None => {
            if let Some(problem) = store::read::learn::symbol_problem(text, registry) {
                return Err(format!("`{text}` cannot be a symbol: {problem}"));
            }
            Ok(explicit("yahoo", text, Some(&ours), registry))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> Result<(String, String, String), String> {
        let reg = Registry::builtin().expect("registry");
        let cfg = Config::from_toml("[symbols]\nGOLD = \"yahoo:GC=F\"\n").expect("config");
        resolve(text, &reg, &cfg).map(|t| (t.provider.to_string(), t.remote, t.stored))
    }

    #[test]
    fn symbols_go_to_the_provider_that_has_them() {
        let t = |p: &str, r: &str, s: &str| Ok((p.to_string(), r.to_string(), s.to_string()));
        assert_eq!(plan("NVDA"), t("yahoo", "NVDA", "NVDA"));
        assert_eq!(plan("nvda"), t("yahoo", "nvda", "NVDA"));
        assert_eq!(plan("^GSPC"), t("yahoo", "^GSPC", "^GSPC"));
        assert_eq!(plan("the Russell"), t("yahoo", "^RUT", "^RUT"));
        assert_eq!(plan("DGS10"), t("fred", "DGS10", "DGS10"));
        assert_eq!(plan("fred:t10y2y"), t("fred", "T10Y2Y", "T10Y2Y"));
        assert_eq!(
            plan("SMB"),
            t(
                "french",
                "F-F_Research_Data_Factors",
                "F-F_Research_Data_Factors"
            )
        );
        assert_eq!(plan("cboe:VIX"), t("cboe", "VIX", "^VIX"));
        assert_eq!(plan("stooq:SPY"), t("stooq", "spy.us", "SPY"));
        assert_eq!(plan("DXY"), t("yahoo", "DX-Y.NYB", "DXY"));
        assert_eq!(plan("GOLD"), t("yahoo", "GC=F", "GOLD"));
        assert!(plan("CAPE").is_err());
        assert!(plan("bad name").is_err());
        assert!(plan("nasdaq:AAPL").is_err());
    }
}
