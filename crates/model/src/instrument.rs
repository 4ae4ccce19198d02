//! The instrument registry: every instrument marketproof knows, with the
//! names people write for it.
//!
//! The registry is a data file, `registry.toml` beside this crate's
//! `Cargo.toml`, compiled in. To support a new file or column, add an
//! `[[instrument]]` entry there with its symbol, name, kind, and the file
//! stems (`files`) or wide-table column names (`columns`) that hold it.

use crate::Field;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What kind of thing an instrument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// A stock index (S&P 500, Russell 2000, VIX...).
    Index,
    /// An exchange-traded fund.
    Etf,
    /// An interest rate or yield, in percent.
    Rate,
    /// A Fama-French factor return series.
    Factor,
    /// A Fama-French portfolio return series (size, size × value).
    Portfolio,
    /// A fundamental series (Shiller's dividends, earnings, CAPE, CPI...).
    Fundamental,
    /// A market-breadth measure (share of members above a moving average).
    Breadth,
    /// A commodity price.
    Commodity,
    /// An exchange rate.
    Currency,
    /// A crypto asset.
    Crypto,
    /// A single stock.
    Stock,
}

/// Sampling frequency of an instrument's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// One observation per trading session.
    #[default]
    Daily,
    /// One observation per month (dated on the first of the month).
    Monthly,
}

/// Size / style classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Small caps, blend.
    Small,
    /// Small caps, value.
    SmallValue,
    /// Small caps, growth.
    SmallGrowth,
    /// Mid caps.
    Mid,
    /// Large caps, blend.
    Large,
    /// Large caps, value.
    LargeValue,
    /// Large caps, growth.
    LargeGrowth,
    /// Equal-weighted large caps.
    EqualWeight,
}

/// One instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Canonical symbol, e.g. `^RUT`, `IWM`, `DGS10`, `FF_ME_LO30`.
    pub symbol: String,
    /// Full name, e.g. "Russell 2000".
    pub name: String,
    /// Kind.
    pub kind: InstrumentKind,
    /// Sampling frequency.
    #[serde(default)]
    pub frequency: Frequency,
    /// Names people write for it ("small caps", "the Russell", "RUT"...).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// File stems (name without extension) of single-instrument files.
    #[serde(default)]
    pub files: Vec<String>,
    /// Column names in wide tables; `stem.column` scopes one to a file.
    #[serde(default)]
    pub columns: Vec<String>,
    /// For an ETF: the canonical symbol of the index it tracks, if in the registry,
    /// else the index's name.
    #[serde(default)]
    pub tracks: Option<String>,
    /// GICS sector, for sector funds.
    #[serde(default)]
    pub sector: Option<String>,
    /// Size / style.
    #[serde(default)]
    pub style: Option<Style>,
    /// One line describing it, for "related tickers".
    #[serde(default)]
    pub description: Option<String>,
}

impl Instrument {
    /// The field a plain price column of this instrument holds when the file
    /// does not say (`adjusted` is the dataset's hint for close-only files).
    pub fn value_field(&self, adjusted: bool) -> Field {
        match self.kind {
            InstrumentKind::Rate | InstrumentKind::Fundamental | InstrumentKind::Breadth => {
                Field::Value
            }
            InstrumentKind::Factor | InstrumentKind::Portfolio => Field::ReturnPct,
            InstrumentKind::Etf | InstrumentKind::Stock if adjusted => Field::AdjClose,
            _ => Field::Close,
        }
    }

    /// Whether this is one of the 11 SPDR sector funds (has a GICS sector).
    pub fn is_sector_fund(&self) -> bool {
        self.kind == InstrumentKind::Etf && self.sector.is_some()
    }
}

/// Facts about a dataset folder that its files cannot tell (from its README).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetHint {
    /// Folder name, e.g. `dsturdy_factor-attribution`, or `folder/file` for one file.
    pub path: String,
    /// Close-only or wide price columns hold dividend-adjusted closes.
    #[serde(default)]
    pub adjusted: bool,
    /// Source priority when series overlap: lower wins.
    pub priority: u32,
    /// Why, in one line.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    dataset: Vec<DatasetHint>,
    instrument: Vec<Instrument>,
}

/// Why the registry could not be built.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The TOML did not parse.
    #[error("instrument registry: {0}")]
    Parse(#[from] toml::de::Error),
    /// Two entries claim the same name.
    #[error("instrument registry: `{name}` is claimed by both {first} and {second}; each symbol, alias, file stem and column must name one instrument")]
    Duplicate {
        /// The clashing name.
        name: String,
        /// First instrument.
        first: String,
        /// Second instrument.
        second: String,
    },
}

/// The instrument registry with lookups by symbol, alias, file stem and column.
#[derive(Debug, Clone)]
pub struct Registry {
    instruments: Vec<Instrument>,
    datasets: Vec<DatasetHint>,
    by_name: HashMap<String, usize>,
    by_file: HashMap<String, usize>,
    by_column: HashMap<String, usize>,
}

/// The registry file compiled into the binary.
pub const BUILTIN_REGISTRY: &str = include_str!("../registry.toml");

/// Normalises a name for lookup: lowercase, single spaces, no leading "the",
/// typographic apostrophes and dashes folded.
pub fn normalize_name(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            _ => c,
        })
        .collect();
    let lower = folded.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

impl Registry {
    /// The built-in registry.
    ///
    /// # Errors
    /// Only if the compiled-in file is broken, which a unit test rules out.
    pub fn builtin() -> Result<Registry, RegistryError> {
        Registry::from_toml(BUILTIN_REGISTRY)
    }

    /// Parses a registry from TOML text.
    ///
    /// # Errors
    /// [`RegistryError`] on a parse error or a name claimed twice.
    pub fn from_toml(text: &str) -> Result<Registry, RegistryError> {
        let file: RegistryFile = toml::from_str(text)?;
        let mut reg = Registry {
            instruments: file.instrument,
            datasets: file.dataset,
            by_name: HashMap::new(),
            by_file: HashMap::new(),
            by_column: HashMap::new(),
        };
        for (idx, inst) in reg.instruments.iter().enumerate() {
            let names = std::iter::once(&inst.symbol)
                .chain(std::iter::once(&inst.name))
                .chain(inst.aliases.iter());
            for name in names {
                insert_unique(
                    &mut reg.by_name,
                    normalize_name(name),
                    idx,
                    &reg.instruments,
                )?;
            }
            for stem in &inst.files {
                insert_unique(&mut reg.by_file, stem.to_lowercase(), idx, &reg.instruments)?;
            }
            for col in &inst.columns {
                insert_unique(
                    &mut reg.by_column,
                    col.trim().to_lowercase(),
                    idx,
                    &reg.instruments,
                )?;
            }
        }
        Ok(reg)
    }

    /// Every instrument, in file order.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// Dataset hints, in file order.
    pub fn datasets(&self) -> &[DatasetHint] {
        &self.datasets
    }

    /// The hint for a file at `rel_path` (relative to the imported folder):
    /// a `folder/file` hint wins over a `folder` hint.
    pub fn dataset_hint(&self, rel_path: &str) -> Option<&DatasetHint> {
        let rel = rel_path.replace('\\', "/");
        self.datasets
            .iter()
            .filter(|h| rel == h.path || rel.starts_with(&format!("{}/", h.path)))
            .max_by_key(|h| h.path.len())
    }

    /// The instrument with this canonical symbol.
    pub fn get(&self, symbol: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.symbol == symbol)
    }

    /// Resolves a symbol, name or alias as people write it ("the Russell",
    /// "SPX", "small caps"). Case- and spacing-insensitive.
    pub fn resolve(&self, name: &str) -> Option<&Instrument> {
        self.by_name
            .get(&normalize_name(name))
            .map(|&i| &self.instruments[i])
    }

    /// Every alias (normalised) with its instrument, for text scanners.
    pub fn names(&self) -> impl Iterator<Item = (&str, &Instrument)> {
        self.by_name
            .iter()
            .map(|(name, &i)| (name.as_str(), &self.instruments[i]))
    }

    /// The instrument held by a single-instrument file with this stem
    /// (file name without extension), e.g. `GSPC`, `^RUT`, `vix-daily`.
    pub fn by_file_stem(&self, stem: &str) -> Option<&Instrument> {
        self.by_file
            .get(&stem.to_lowercase())
            .map(|&i| &self.instruments[i])
    }

    /// The instrument held by a wide-table column; `stem.column` scoped
    /// entries win over bare column names.
    pub fn by_column(&self, file_stem: &str, column: &str) -> Option<&Instrument> {
        let col = column.trim().to_lowercase();
        let scoped = format!("{}.{}", file_stem.to_lowercase(), col);
        self.by_column
            .get(&scoped)
            .or_else(|| self.by_column.get(&col))
            .map(|&i| &self.instruments[i])
    }
}

fn insert_unique(
    map: &mut HashMap<String, usize>,
    key: String,
    idx: usize,
    instruments: &[Instrument],
) -> Result<(), RegistryError> {
    match map.get(&key) {
        Some(&other) if other != idx => Err(RegistryError::Duplicate {
            name: key,
            first: instruments[other].symbol.clone(),
            second: instruments[idx].symbol.clone(),
        }),
        _ => {
            map.insert(key, idx);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        match Registry::builtin() {
            Ok(r) => r,
            Err(e) => panic!("builtin registry is broken: {e}"),
        }
    }

    #[test]
    fn aliases_people_write_resolve() {
        let reg = registry();
        let cases = [
            ("small caps", "^RUT"),
            ("the Russell", "^RUT"),
            ("RUT", "^RUT"),
            ("^RUT", "^RUT"),
            ("Russell 2000", "^RUT"),
            ("the S&P", "^GSPC"),
            ("SPX", "^GSPC"),
            ("^GSPC", "^GSPC"),
            ("large caps", "^GSPC"),
            ("the Nasdaq", "^IXIC"),
            ("the Nasdaq 100", "^NDX"),
            ("the VIX", "^VIX"),
            ("Wall Street's fear gauge", "^VIX"),
            ("the Dow", "^DJI"),
            ("the Fed funds rate", "DFF"),
            ("10-year Treasury yield", "DGS10"),
            ("iwm", "IWM"),
            ("Technology", "XLK"),
            ("Consumer Defensive", "XLP"),
            ("CAPE", "CAPE"),
            ("SMB", "FF_SMB"),
        ];
        for (name, want) in cases {
            let got = reg.resolve(name).map(|i| i.symbol.as_str());
            assert_eq!(got, Some(want), "resolving {name:?}");
        }
        assert!(reg.resolve("Tesla").is_none());
    }

    #[test]
    fn files_and_columns_map_to_instruments() {
        let reg = registry();
        assert_eq!(
            reg.by_file_stem("GSPC").map(|i| i.symbol.as_str()),
            Some("^GSPC")
        );
        assert_eq!(
            reg.by_file_stem("SPX").map(|i| i.symbol.as_str()),
            Some("^GSPC")
        );
        assert_eq!(
            reg.by_file_stem("^RUT").map(|i| i.symbol.as_str()),
            Some("^RUT")
        );
        assert_eq!(
            reg.by_file_stem("vix-daily").map(|i| i.symbol.as_str()),
            Some("^VIX")
        );
        assert_eq!(
            reg.by_column("asset_prices", "RUT")
                .map(|i| i.symbol.as_str()),
            Some("^RUT")
        );
        assert_eq!(
            reg.by_column("rates", "DFEDTARU")
                .map(|i| i.symbol.as_str()),
            Some("DFEDTARU")
        );
        assert_eq!(
            reg.by_column("Portfolios_Formed_on_ME", "Lo 10")
                .map(|i| i.symbol.as_str()),
            Some("FF_ME_D1")
        );
        assert_eq!(
            reg.by_column("F-F_Momentum_Factor", "Mom   ")
                .map(|i| i.symbol.as_str()),
            Some("FF_MOM")
        );
    }

    #[test]
    fn sector_funds_are_the_eleven_spdrs() {
        let reg = registry();
        let mut sectors: Vec<&str> = reg
            .instruments()
            .iter()
            .filter(|i| i.is_sector_fund())
            .map(|i| i.symbol.as_str())
            .collect();
        sectors.sort_unstable();
        assert_eq!(
            sectors,
            ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]
        );
    }

    #[test]
    fn dataset_hints_pick_the_most_specific() {
        let reg = registry();
        let hint = reg.dataset_hint("dsturdy_factor-attribution/IWM.csv");
        assert!(hint.is_some_and(|h| h.adjusted));
        let hint = reg.dataset_hint("guydekowski_market-lab/IWM.csv");
        assert!(hint.is_some_and(|h| !h.adjusted));
    }
}
