//! The instrument registry: every instrument marketproof knows, with the
//! names people write for it.
//!
//! The registry is a data file, `registry.toml` beside this crate's
//! `Cargo.toml`, compiled in. To support a new file or column, add an
//! `[[instrument]]` entry there with its symbol, name, kind, and the file
//! stems (`files`) or wide-table column names (`columns`) that hold it.
//!
//! Numbered families of instruments (the synthetic benchmark universe,
//! `SYN00001` … `SYN05000`) are declared once with a `[[family]]` table
//! ([`Family`]): a prefix, a fixed number of digits, the highest number, a
//! kind and a name template. Their members are not listed one by one: they
//! are materialised on first lookup by [`Registry::by_file_stem`] or
//! [`Registry::get`], and they are deliberately **not** part of
//! [`Registry::instruments`], [`Registry::names`] or [`Registry::resolve`],
//! so that nothing that walks the real instruments (briefs, baskets, the
//! instrument finder of market English) ever meets them.

use crate::Field;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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
    /// A synthetic series (a seeded random walk for benchmarks, never
    /// market data); members of a `[[family]]` such as `SYN00042`.
    Synthetic,
}

impl InstrumentKind {
    /// Every kind, in declaration order.
    pub const ALL: [InstrumentKind; 12] = [
        InstrumentKind::Index,
        InstrumentKind::Etf,
        InstrumentKind::Rate,
        InstrumentKind::Factor,
        InstrumentKind::Portfolio,
        InstrumentKind::Fundamental,
        InstrumentKind::Breadth,
        InstrumentKind::Commodity,
        InstrumentKind::Currency,
        InstrumentKind::Crypto,
        InstrumentKind::Stock,
        InstrumentKind::Synthetic,
    ];

    /// The lowercase name used in TOML, JSON and the store (`etf`).
    pub fn as_str(self) -> &'static str {
        match self {
            InstrumentKind::Index => "index",
            InstrumentKind::Etf => "etf",
            InstrumentKind::Rate => "rate",
            InstrumentKind::Factor => "factor",
            InstrumentKind::Portfolio => "portfolio",
            InstrumentKind::Fundamental => "fundamental",
            InstrumentKind::Breadth => "breadth",
            InstrumentKind::Commodity => "commodity",
            InstrumentKind::Currency => "currency",
            InstrumentKind::Crypto => "crypto",
            InstrumentKind::Stock => "stock",
            InstrumentKind::Synthetic => "synthetic",
        }
    }

    /// Parses [`InstrumentKind::as_str`]'s names.
    pub fn parse(name: &str) -> Option<InstrumentKind> {
        InstrumentKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
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
    /// Calendar days between the end of an observation's period (the day
    /// itself for daily data, the month's last day for monthly data) and its
    /// publication; `None` takes the default for the kind and frequency
    /// ([`Instrument::release_lag_days`]).
    #[serde(default)]
    pub release_lag_days: Option<u32>,
    /// The first day of the instrument's own history, when the store's data
    /// begin much later (the Nasdaq Composite from 1971, the files from
    /// 2016): "ever", "in history" and "since 1990" cannot be decided from
    /// the data alone.
    #[serde(default)]
    pub inception: Option<crate::Date>,
    /// Exchange it trades on, as the provider names it (`NMS`, `NYQ`...),
    /// for instruments learnt from a provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
    /// Currency its prices are quoted in (`USD`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl Instrument {
    /// A bare instrument: `symbol`, named by its symbol, of `kind`, with
    /// every optional field empty (the starting point of an instrument
    /// learnt from a file stem, a wide-table column or a provider).
    pub fn bare(symbol: &str, kind: InstrumentKind) -> Instrument {
        Instrument {
            symbol: symbol.to_string(),
            name: symbol.to_string(),
            kind,
            frequency: Frequency::Daily,
            aliases: Vec::new(),
            files: Vec::new(),
            columns: Vec::new(),
            tracks: None,
            sector: None,
            style: None,
            description: None,
            release_lag_days: None,
            inception: None,
            exchange: None,
            currency: None,
        }
    }

    /// Calendar days after the end of its period at which an observation is
    /// published, so known: the registry's `release_lag_days`, else the
    /// default for the kind and frequency. Defaults: prices, indices,
    /// breadth, synthetic series and daily rates 0 (known at the close: a
    /// market yield, an administered rate); a monthly rate 1 (FRED posts a
    /// monthly average on the first business day after the month); a
    /// Fama-French factor or portfolio 30 (Ken French's library is updated
    /// monthly, about a month after the month ends); a fundamental series
    /// 30 (Shiller's columns override it, `registry.toml`).
    pub fn release_lag_days(&self) -> u32 {
        if let Some(days) = self.release_lag_days {
            return days;
        }
        match (self.kind, self.frequency) {
            (InstrumentKind::Rate, Frequency::Monthly) => 1,
            (InstrumentKind::Factor | InstrumentKind::Portfolio, _) => 30,
            (InstrumentKind::Fundamental, _) => 30,
            _ => 0,
        }
    }

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

    /// Whether this is a synthetic series (a benchmark fixture, not market data).
    pub fn is_synthetic(&self) -> bool {
        self.kind == InstrumentKind::Synthetic
    }
}

/// A numbered family of instruments declared by one `[[family]]` table:
/// the members are `prefix` followed by exactly `digits` decimal digits
/// spelling a number from 1 to `count` (`SYN00001` … with `prefix = "SYN"`,
/// `digits = 5`). File stems match case-insensitively; the canonical symbol
/// is the prefix as declared followed by the digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Symbol prefix, e.g. `SYN`: letters only.
    pub prefix: String,
    /// Exact number of digits after the prefix (1–9); zero-padded.
    pub digits: u32,
    /// Highest member number; members are numbered from 1.
    pub count: u32,
    /// Kind of every member.
    pub kind: InstrumentKind,
    /// Sampling frequency of every member.
    #[serde(default)]
    pub frequency: Frequency,
    /// Name template: `{symbol}` becomes the member's symbol and `{n}` its
    /// number without padding, e.g. "Synthetic series {n}".
    pub name: String,
    /// One line describing the family, copied to every member.
    #[serde(default)]
    pub description: Option<String>,
    /// Release lag of every member ([`Instrument::release_lag_days`]).
    #[serde(default)]
    pub release_lag_days: Option<u32>,
}

impl Family {
    /// The member number named by `text` (`SYN00042` → 42), if `text` is the
    /// prefix (any case) followed by exactly [`Family::digits`] digits
    /// spelling 1..=[`Family::count`].
    pub fn number(&self, text: &str) -> Option<u32> {
        let head = text.get(..self.prefix.len())?;
        let tail = text.get(self.prefix.len()..)?;
        if !head.eq_ignore_ascii_case(&self.prefix)
            || tail.len() != self.digits as usize
            || !tail.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let n: u32 = tail.parse().ok()?;
        (1..=self.count).contains(&n).then_some(n)
    }

    /// The canonical symbol of member `n` (`42` → `SYN00042`).
    pub fn symbol(&self, n: u32) -> String {
        format!("{}{:0width$}", self.prefix, n, width = self.digits as usize)
    }

    /// Member `n` as an instrument.
    pub fn member(&self, n: u32) -> Instrument {
        let symbol = self.symbol(n);
        let name = self
            .name
            .replace("{symbol}", &symbol)
            .replace("{n}", &n.to_string());
        Instrument {
            files: vec![symbol.clone()],
            symbol,
            name,
            kind: self.kind,
            frequency: self.frequency,
            aliases: Vec::new(),
            columns: Vec::new(),
            tracks: None,
            sector: None,
            style: None,
            description: self.description.clone(),
            release_lag_days: self.release_lag_days,
            inception: None,
            exchange: None,
            currency: None,
        }
    }

    fn check(&self) -> Result<(), RegistryError> {
        let bad = |reason: &str| RegistryError::Family {
            prefix: self.prefix.clone(),
            reason: reason.to_string(),
        };
        if self.prefix.is_empty() || !self.prefix.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(bad("the prefix must be one or more ASCII letters"));
        }
        if !(1..=9).contains(&self.digits) {
            return Err(bad("`digits` must be 1 to 9"));
        }
        if self.count == 0 || u64::from(self.count) >= 10u64.pow(self.digits) {
            return Err(bad("`count` must be at least 1 and fit in `digits` digits"));
        }
        Ok(())
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
    #[serde(default)]
    family: Vec<Family>,
}

/// A user registry file (`instruments.toml` in the data folder or the
/// configuration folder): names, aliases, sectors and styles for any
/// instrument, without a rebuild. Laid over a registry with
/// [`Registry::with_user`].
///
/// ```toml
/// [[instrument]]
/// symbol = "NVDA"
/// name = "NVIDIA"
/// aliases = ["Nvidia", "NVIDIA Corp"]
/// sector = "Information Technology"
/// style = "large_growth"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRegistry {
    /// The entries, in file order.
    #[serde(default)]
    pub instrument: Vec<UserInstrument>,
}

impl UserRegistry {
    /// Parses a user registry file.
    ///
    /// # Errors
    /// [`RegistryError::Parse`] on TOML or field errors (unknown fields
    /// are refused, so a misspelt field does not pass unnoticed).
    pub fn from_toml(text: &str) -> Result<UserRegistry, RegistryError> {
        Ok(toml::from_str(text)?)
    }

    /// This file's entries followed by `later`'s (a later entry for the
    /// same symbol sets its fields after this one's).
    pub fn chain(mut self, later: UserRegistry) -> UserRegistry {
        self.instrument.extend(later.instrument);
        self
    }
}

/// One entry of a [`UserRegistry`]: a symbol and the fields to set or add.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserInstrument {
    /// Canonical symbol (`NVDA`, `^GSPC`).
    pub symbol: String,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Kind (default for a new symbol: `stock`).
    #[serde(default)]
    pub kind: Option<InstrumentKind>,
    /// Sampling frequency.
    #[serde(default)]
    pub frequency: Option<Frequency>,
    /// Names people write for it (added to the known ones).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// File stems that hold it (added).
    #[serde(default)]
    pub files: Vec<String>,
    /// Wide-table columns that hold it (added).
    #[serde(default)]
    pub columns: Vec<String>,
    /// GICS sector.
    #[serde(default)]
    pub sector: Option<String>,
    /// Size / style.
    #[serde(default)]
    pub style: Option<Style>,
    /// One line describing it.
    #[serde(default)]
    pub description: Option<String>,
    /// For an ETF: what it tracks.
    #[serde(default)]
    pub tracks: Option<String>,
    /// Exchange.
    #[serde(default)]
    pub exchange: Option<String>,
    /// Quote currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Release lag in calendar days.
    #[serde(default)]
    pub release_lag_days: Option<u32>,
}

impl UserInstrument {
    fn apply(&self, inst: &mut Instrument) {
        fn set<T: Clone>(slot: &mut T, value: Option<&T>) {
            if let Some(v) = value {
                *slot = v.clone();
            }
        }
        fn add(list: &mut Vec<String>, more: &[String]) {
            for m in more {
                if !list.contains(m) {
                    list.push(m.clone());
                }
            }
        }
        set(&mut inst.name, self.name.as_ref());
        set(&mut inst.kind, self.kind.as_ref());
        set(&mut inst.frequency, self.frequency.as_ref());
        add(&mut inst.aliases, &self.aliases);
        add(&mut inst.files, &self.files);
        add(&mut inst.columns, &self.columns);
        let some = |v: &Option<String>| v.clone();
        if self.sector.is_some() {
            inst.sector = some(&self.sector);
        }
        if self.style.is_some() {
            inst.style = self.style;
        }
        if self.description.is_some() {
            inst.description = some(&self.description);
        }
        if self.tracks.is_some() {
            inst.tracks = some(&self.tracks);
        }
        if self.exchange.is_some() {
            inst.exchange = some(&self.exchange);
        }
        if self.currency.is_some() {
            inst.currency = some(&self.currency);
        }
        if self.release_lag_days.is_some() {
            inst.release_lag_days = self.release_lag_days;
        }
    }
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
    /// A `[[family]]` table is malformed or overlaps another name.
    #[error("instrument registry: family `{prefix}`: {reason}")]
    Family {
        /// The family's prefix.
        prefix: String,
        /// What is wrong.
        reason: String,
    },
}

/// The instrument registry with lookups by symbol, alias, file stem and column.
#[derive(Debug, Clone)]
pub struct Registry {
    instruments: Vec<Instrument>,
    datasets: Vec<DatasetHint>,
    /// Listed instruments by exact symbol (the first of a symbol listed twice).
    by_symbol: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_file: HashMap<String, usize>,
    by_column: HashMap<String, usize>,
    families: Vec<Family>,
    /// Per family, per member number: the member once looked up. The slot
    /// table is allocated on the family's first lookup (16 bytes a slot).
    members: Vec<OnceLock<Box<[MemberSlot]>>>,
}

/// A lazily built family member (boxed: an empty slot costs 16 bytes).
type MemberSlot = OnceLock<Box<Instrument>>;

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
        Registry::build(file.instrument, file.dataset, file.family, usize::MAX)
    }

    /// Indexes `instruments` by name, file stem and column. A name claimed
    /// twice is an error, except that an instrument at `lenient_from` or
    /// later (learnt from a file or a provider, not written by anyone)
    /// quietly gives up a name already taken: the earlier claim wins.
    fn build(
        instruments: Vec<Instrument>,
        datasets: Vec<DatasetHint>,
        families: Vec<Family>,
        lenient_from: usize,
    ) -> Result<Registry, RegistryError> {
        let mut reg = Registry {
            instruments,
            datasets,
            by_symbol: HashMap::new(),
            by_name: HashMap::new(),
            by_file: HashMap::new(),
            by_column: HashMap::new(),
            members: families.iter().map(|_| OnceLock::new()).collect(),
            families,
        };
        reg.check_families()?;
        for (idx, inst) in reg.instruments.iter().enumerate() {
            reg.by_symbol.entry(inst.symbol.clone()).or_insert(idx);
            let lenient = idx >= lenient_from;
            let names = std::iter::once(&inst.symbol)
                .chain(std::iter::once(&inst.name))
                .chain(inst.aliases.iter());
            for name in names {
                insert_unique(
                    &mut reg.by_name,
                    normalize_name(name),
                    idx,
                    &reg.instruments,
                    lenient,
                )?;
            }
            for stem in &inst.files {
                insert_unique(
                    &mut reg.by_file,
                    stem.to_lowercase(),
                    idx,
                    &reg.instruments,
                    lenient,
                )?;
            }
            for col in &inst.columns {
                insert_unique(
                    &mut reg.by_column,
                    col.trim().to_lowercase(),
                    idx,
                    &reg.instruments,
                    lenient,
                )?;
            }
        }
        Ok(reg)
    }

    /// A copy of this registry that also knows `learnt`: instruments that
    /// the store learnt from file stems, wide-table columns and providers.
    /// An instrument whose symbol is already known is skipped (the known
    /// entry wins), and so is any name, file stem or column of a learnt
    /// instrument that already names another one. Family members are
    /// never added (they exist on lookup).
    ///
    /// # Errors
    /// Only [`RegistryError::Family`] if this registry's families are
    /// malformed, which [`Registry::builtin`] rules out.
    pub fn with_instruments(
        &self,
        learnt: impl IntoIterator<Item = Instrument>,
    ) -> Result<Registry, RegistryError> {
        let mut instruments = self.instruments.clone();
        let lenient_from = instruments.len();
        let mut added: HashSet<String> = HashSet::new();
        for inst in learnt {
            if self.get(&inst.symbol).is_some()
                || self.family_member(&inst.symbol).is_some()
                || !added.insert(inst.symbol.clone())
            {
                continue;
            }
            instruments.push(inst);
        }
        Registry::build(
            instruments,
            self.datasets.clone(),
            self.families.clone(),
            lenient_from,
        )
    }

    /// A copy of this registry with a user registry file laid over it
    /// ([`UserRegistry`], `instruments.toml`): an entry whose symbol is
    /// known sets the fields it gives (name, kind, sector, style, ...) and
    /// adds its aliases, file stems and columns; an entry with a new symbol
    /// adds an instrument (kind `stock` and named by its symbol unless it
    /// says otherwise).
    ///
    /// # Errors
    /// [`RegistryError::Duplicate`] when a name, file stem or column of the
    /// user file already names another instrument (the message names both).
    pub fn with_user(&self, user: &UserRegistry) -> Result<Registry, RegistryError> {
        let mut instruments = self.instruments.clone();
        for entry in &user.instrument {
            let idx = match instruments.iter().position(|i| i.symbol == entry.symbol) {
                Some(idx) => idx,
                None => {
                    if self.family_member(&entry.symbol).is_some() {
                        return Err(RegistryError::Family {
                            prefix: entry.symbol.clone(),
                            reason: "a user entry cannot name a member of a numbered family".into(),
                        });
                    }
                    instruments.push(Instrument::bare(
                        &entry.symbol,
                        entry.kind.unwrap_or(InstrumentKind::Stock),
                    ));
                    instruments.len() - 1
                }
            };
            entry.apply(&mut instruments[idx]);
        }
        Registry::build(
            instruments,
            self.datasets.clone(),
            self.families.clone(),
            usize::MAX,
        )
    }

    /// Every listed (`[[instrument]]`) instrument, in file order. Members of
    /// a `[[family]]` are not included: they exist only on lookup.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// The `[[family]]` declarations, in file order.
    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// The family member with this symbol or file stem (case-insensitive
    /// prefix), built on first lookup and kept for the registry's lifetime.
    pub fn family_member(&self, name: &str) -> Option<&Instrument> {
        self.families.iter().enumerate().find_map(|(f, family)| {
            let n = family.number(name)?;
            let slots = self.members[f]
                .get_or_init(|| (0..family.count).map(|_| OnceLock::new()).collect());
            let slot = slots.get(usize::try_from(n - 1).ok()?)?;
            Some(&**slot.get_or_init(|| Box::new(family.member(n))))
        })
    }

    /// Rejects malformed families and families whose pattern would also
    /// match a listed instrument's symbol or file stem, or another family.
    fn check_families(&self) -> Result<(), RegistryError> {
        for (i, family) in self.families.iter().enumerate() {
            family.check()?;
            for other in &self.families[..i] {
                let (a, b) = (family.prefix.to_lowercase(), other.prefix.to_lowercase());
                if a.starts_with(&b) || b.starts_with(&a) {
                    return Err(RegistryError::Family {
                        prefix: family.prefix.clone(),
                        reason: format!("its prefix overlaps family `{}`", other.prefix),
                    });
                }
            }
            for inst in &self.instruments {
                let clash = std::iter::once(&inst.symbol)
                    .chain(inst.files.iter())
                    .find(|name| family.number(name).is_some());
                if let Some(name) = clash {
                    return Err(RegistryError::Duplicate {
                        name: name.clone(),
                        first: inst.symbol.clone(),
                        second: format!("family {}", family.prefix),
                    });
                }
            }
        }
        Ok(())
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

    /// The instrument with this canonical symbol, listed or a family member.
    pub fn get(&self, symbol: &str) -> Option<&Instrument> {
        self.by_symbol
            .get(symbol)
            .map(|&i| &self.instruments[i])
            .or_else(|| self.family_member(symbol).filter(|i| i.symbol == symbol))
    }

    /// Resolves a symbol, name or alias as people write it ("the Russell",
    /// "SPX", "small caps"). Case- and spacing-insensitive. Listed
    /// instruments only: family members (synthetic series) never resolve
    /// from prose.
    pub fn resolve(&self, name: &str) -> Option<&Instrument> {
        self.by_name
            .get(&normalize_name(name))
            .map(|&i| &self.instruments[i])
    }

    /// Every alias (normalised) with its instrument, for text scanners
    /// (listed instruments only).
    pub fn names(&self) -> impl Iterator<Item = (&str, &Instrument)> {
        self.by_name
            .iter()
            .map(|(name, &i)| (name.as_str(), &self.instruments[i]))
    }

    /// The instrument held by a single-instrument file with this stem
    /// (file name without extension), e.g. `GSPC`, `^RUT`, `vix-daily`, or
    /// a family member such as `SYN00042`.
    pub fn by_file_stem(&self, stem: &str) -> Option<&Instrument> {
        self.by_file
            .get(&stem.to_lowercase())
            .map(|&i| &self.instruments[i])
            .or_else(|| self.family_member(stem))
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
    lenient: bool,
) -> Result<(), RegistryError> {
    match map.get(&key) {
        Some(&other) if other != idx && lenient => Ok(()),
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
        // The folder hint (priority 30, not adjusted) against the file hint
        // of the wide yfinance table in the same folder (priority 40, adjusted).
        let hint = reg.dataset_hint("heliar-k_market-base/RUT.csv");
        assert!(hint.is_some_and(|h| !h.adjusted && h.priority == 30));
        let hint = reg.dataset_hint("heliar-k_market-base/asset_prices.csv");
        assert!(hint.is_some_and(|h| h.adjusted && h.priority == 40));
    }

    #[test]
    fn synthetic_family_members_resolve_from_file_stems_only() {
        let reg = registry();
        let inst = reg
            .by_file_stem("SYN00042")
            .expect("SYN00042 is a family member");
        assert_eq!(inst.symbol, "SYN00042");
        assert_eq!(inst.name, "Synthetic series 42");
        assert_eq!(inst.kind, InstrumentKind::Synthetic);
        assert!(inst.is_synthetic());
        assert_eq!(inst.value_field(false), Field::Close);
        // Lower-case stems match; the symbol keeps the declared prefix.
        let lower = reg.by_file_stem("syn00042").expect("case-insensitive stem");
        assert_eq!(lower.symbol, "SYN00042");
        // The same member is handed out on every lookup.
        assert!(std::ptr::eq(inst, lower));
        assert!(reg.get("SYN00042").is_some_and(|i| std::ptr::eq(i, inst)));
        assert!(reg.get("syn00042").is_none(), "symbols are exact");
        assert_eq!(
            reg.by_file_stem("SYN99999").map(|i| i.symbol.as_str()),
            Some("SYN99999")
        );
        // Wrong digit counts, zero and other text are not members.
        for stem in [
            "SYN00000",
            "SYN0042",
            "SYN000042",
            "SYN",
            "SYN0004a",
            "SYNX0042",
            "XSYN00042",
        ] {
            assert!(reg.by_file_stem(stem).is_none(), "{stem} must not resolve");
        }
        // Never in the listed instruments, the names or alias resolution.
        assert!(reg.instruments().iter().all(|i| !i.is_synthetic()));
        assert!(reg.names().all(|(_, i)| !i.is_synthetic()));
        assert!(reg.resolve("SYN00042").is_none());
        assert!(reg.resolve("Synthetic series 42").is_none());
        assert_eq!(reg.families().len(), 1);
        // Real stems still win and still resolve.
        assert_eq!(
            reg.by_file_stem("GSPC").map(|i| i.symbol.as_str()),
            Some("^GSPC")
        );
    }

    #[test]
    fn synthetic_kind_serialises_as_synthetic() {
        let json = serde_json::to_string(&InstrumentKind::Synthetic).expect("serialise");
        assert_eq!(json, "\"synthetic\"");
    }

    #[test]
    fn malformed_or_clashing_families_are_rejected() {
        let inst = |files: &str| {
            format!(
                "[[instrument]]\nsymbol = \"ABC\"\nname = \"Abc\"\nkind = \"index\"\nfiles = [{files}]\n"
            )
        };
        let fam = |prefix: &str, digits: u32, count: u32| {
            format!(
                "[[family]]\nprefix = \"{prefix}\"\ndigits = {digits}\ncount = {count}\nkind = \"synthetic\"\nname = \"S {{n}}\"\n"
            )
        };
        let ok = format!("{}{}", inst("\"ABC\""), fam("SYN", 3, 999));
        let reg = Registry::from_toml(&ok).expect("valid registry");
        assert_eq!(
            reg.by_file_stem("SYN007").map(|i| i.name.as_str()),
            Some("S 7")
        );
        let cases = [
            // A listed file stem inside the family's pattern.
            format!("{}{}", inst("\"SYN123\""), fam("SYN", 3, 999)),
            // count does not fit in the digits.
            format!("{}{}", inst("\"ABC\""), fam("SYN", 3, 1000)),
            format!("{}{}", inst("\"ABC\""), fam("SYN", 0, 1)),
            format!("{}{}", inst("\"ABC\""), fam("S1", 3, 10)),
            // Overlapping prefixes.
            format!(
                "{}{}{}",
                inst("\"ABC\""),
                fam("SYN", 3, 10),
                fam("SY", 4, 10)
            ),
        ];
        for text in cases {
            assert!(Registry::from_toml(&text).is_err(), "accepted:\n{text}");
        }
    }
}
