//! The configuration file (TOML): the store path, the watchlist, the
//! providers (base URLs, keys or the variables that hold them, politeness)
//! and the sync limits. Every field is optional.
//!
//! ```toml
//! store = "/home/me/.local/share/marketproof/store.db"
//! watchlist = ["^GSPC", "^RUT", "SPY", "NVDA", "DGS10", "fred:T10Y2Y"]
//!
//! [sync]
//! overlap_sessions = 5      # sessions fetched again to catch restatements
//! concurrency = 4           # requests in flight at once, all providers
//! timeout_secs = 30         # one whole HTTP exchange
//! max_attempts = 3          # 1 + retries of 429/5xx/timeouts
//! backoff_ms = 500          # first backoff, doubled each retry, with jitter
//! max_backoff_ms = 20000
//! max_response_bytes = 67108864
//!
//! [providers.yahoo]
//! base_url = "https://query1.finance.yahoo.com"
//! min_interval_ms = 500     # polite gap between two requests
//!
//! [providers.fred]
//! api_key_env = "FRED_API_KEY"   # or api_key = "..."
//!
//! [providers.stooq]
//! api_key_env = "STOOQ_API_KEY"
//!
//! [symbols]                 # our symbol = "provider:their symbol"
//! DXY = "yahoo:DX-Y.NYB"
//! ```
//!
//! A provider's base URL is, in order: the environment variable
//! `MARKETPROOF_<PROVIDER>_URL` (`MARKETPROOF_YAHOO_URL`,
//! `MARKETPROOF_FRED_URL`, `MARKETPROOF_FRED_API_URL`,
//! `MARKETPROOF_FRENCH_URL`, `MARKETPROOF_CBOE_URL`,
//! `MARKETPROOF_STOOQ_URL`), the file's `base_url`, the default.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// Provider ids, in the order they are listed.
pub const PROVIDERS: [&str; 6] = ["yahoo", "fred", "fred_api", "french", "cboe", "stooq"];

/// The configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The store database.
    #[serde(default)]
    pub store: Option<PathBuf>,
    /// The HTTP cache folder.
    #[serde(default)]
    pub cache_dir: Option<PathBuf>,
    /// What `sync` (without symbols) and `brief --sync` fetch.
    #[serde(default)]
    pub watchlist: Option<Vec<String>>,
    /// Limits of a sync.
    #[serde(default)]
    pub sync: SyncSettings,
    /// Per provider.
    #[serde(default)]
    pub providers: BTreeMap<String, ProviderSettings>,
    /// Our symbol → `provider:their symbol`.
    #[serde(default)]
    pub symbols: BTreeMap<String, String>,
}

/// The `[sync]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncSettings {
    /// Sessions before the last stored one fetched again.
    pub overlap_sessions: u32,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Seconds for one whole HTTP exchange (fractions allowed).
    pub timeout_secs: f64,
    /// Requests per fetch (1 + retries).
    pub max_attempts: u32,
    /// First backoff in milliseconds.
    pub backoff_ms: u64,
    /// Longest backoff in milliseconds.
    pub max_backoff_ms: u64,
    /// Largest response body.
    pub max_response_bytes: u64,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            overlap_sessions: 5,
            concurrency: 4,
            timeout_secs: 30.0,
            max_attempts: 3,
            backoff_ms: 500,
            max_backoff_ms: 20_000,
            max_response_bytes: 64 << 20,
        }
    }
}

/// A `[providers.NAME]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    /// Base URL.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The key itself (prefer `api_key_env`).
    #[serde(default)]
    pub api_key: Option<String>,
    /// The environment variable holding the key.
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// Minimum milliseconds between two requests to this provider.
    #[serde(default)]
    pub min_interval_ms: Option<u64>,
    /// `false` switches the provider off.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// FRED API only: `realtime_start` (values as known from this date).
    #[serde(default)]
    pub realtime_start: Option<String>,
    /// FRED API only: `realtime_end`.
    #[serde(default)]
    pub realtime_end: Option<String>,
}

impl Config {
    /// Parses a configuration file's text.
    ///
    /// # Errors
    /// The TOML error, naming the line and the unknown or mistyped field.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        let cfg: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        for name in cfg.providers.keys() {
            if !PROVIDERS.contains(&name.as_str()) {
                return Err(format!(
                    "unknown provider [providers.{name}]; known: {}",
                    PROVIDERS.join(", ")
                ));
            }
        }
        if cfg.sync.concurrency == 0 || cfg.sync.concurrency > 64 {
            return Err("sync.concurrency must be 1 to 64".into());
        }
        if !(cfg.sync.timeout_secs.is_finite() && cfg.sync.timeout_secs > 0.0) {
            return Err("sync.timeout_secs must be a positive number".into());
        }
        if cfg.sync.max_attempts == 0 || cfg.sync.max_attempts > 10 {
            return Err("sync.max_attempts must be 1 to 10".into());
        }
        Ok(cfg)
    }

    fn provider(&self, id: &str) -> Option<&ProviderSettings> {
        self.providers.get(id)
    }

    /// The base URL of provider `id` (env, file, default; no trailing `/`).
    pub fn base_url(&self, id: &str) -> String {
        let env = format!("MARKETPROOF_{}_URL", id.to_ascii_uppercase());
        let from_env = std::env::var(env).ok().filter(|v| !v.trim().is_empty());
        let url = from_env
            .or_else(|| self.provider(id).and_then(|p| p.base_url.clone()))
            .unwrap_or_else(|| default_base(id).to_string());
        url.trim().trim_end_matches('/').to_string()
    }

    /// The API key of provider `id`: `api_key`, else the variable
    /// `api_key_env` names, else the usual variable (`FRED_API_KEY`,
    /// `STOOQ_API_KEY`).
    pub fn api_key(&self, id: &str) -> Option<String> {
        let p = self.provider(id);
        if let Some(key) = p.and_then(|p| p.api_key.clone()).filter(|k| !k.is_empty()) {
            return Some(key);
        }
        let var = p
            .and_then(|p| p.api_key_env.clone())
            .unwrap_or_else(|| format!("{}_API_KEY", id.to_ascii_uppercase()));
        std::env::var(var).ok().filter(|k| !k.trim().is_empty())
    }

    /// Whether provider `id` is on.
    pub fn enabled(&self, id: &str) -> bool {
        self.provider(id).and_then(|p| p.enabled).unwrap_or(true)
    }

    /// The polite gap between two requests to provider `id`.
    pub fn min_interval(&self, id: &str) -> Duration {
        let default = match id {
            "yahoo" | "fred" | "fred_api" => 500,
            _ => 1000,
        };
        Duration::from_millis(
            self.provider(id)
                .and_then(|p| p.min_interval_ms)
                .unwrap_or(default),
        )
    }

    /// FRED's real-time period, when both ends are set.
    pub fn fred_realtime(&self) -> Option<(model::Date, model::Date)> {
        let p = self.provider("fred")?;
        let a = model::parse_iso_date(p.realtime_start.as_deref()?)?;
        let b = model::parse_iso_date(p.realtime_end.as_deref()?)?;
        Some((a, b))
    }
}

/// The default base URL of provider `id`.
pub fn default_base(id: &str) -> &'static str {
    match id {
        "yahoo" => crate::yahoo::DEFAULT_BASE,
        "fred" => crate::fred::DEFAULT_BASE,
        "fred_api" => crate::fred::DEFAULT_API_BASE,
        "french" => crate::french::DEFAULT_BASE,
        "cboe" => crate::cboe::DEFAULT_BASE,
        _ => crate::stooq::DEFAULT_BASE,
    }
}

/// The watchlist when the configuration has none: what the daily brief
/// reads (the indices, the funds it names, the Fed's range and the yields
/// it quotes).
pub const DEFAULT_WATCHLIST: &[&str] = &[
    "^GSPC", "^RUT", "^IXIC", "^NDX", "^DJI", "^VIX", "SPY", "IWM", "QQQ", "XLB", "XLC", "XLE",
    "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY", "DFF", "DFEDTARL", "DFEDTARU", "DGS2",
    "DGS10",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses() {
        let text = "store = \"/tmp/s.db\"\nwatchlist = [\"^GSPC\", \"NVDA\"]\n\
                    [sync]\nconcurrency = 2\ntimeout_secs = 0.5\n\
                    [providers.yahoo]\nbase_url = \"http://127.0.0.1:9/\"\nmin_interval_ms = 0\n\
                    [providers.fred]\napi_key = \"k\"\nrealtime_start = \"2026-01-02\"\nrealtime_end = \"2026-01-02\"\n\
                    [symbols]\nDXY = \"yahoo:DX-Y.NYB\"\n";
        let cfg = Config::from_toml(text).expect("config");
        assert_eq!(cfg.sync.concurrency, 2);
        assert_eq!(cfg.sync.overlap_sessions, 5);
        assert_eq!(cfg.min_interval("yahoo"), Duration::ZERO);
        assert_eq!(cfg.api_key("fred").as_deref(), Some("k"));
        assert!(cfg.fred_realtime().is_some());
        assert_eq!(
            cfg.symbols.get("DXY").map(String::as_str),
            Some("yahoo:DX-Y.NYB")
        );
        assert!(Config::from_toml("[providers.yahooo]\n").is_err());
        assert!(Config::from_toml("[sync]\nconcurrency = 0\n").is_err());
        assert!(Config::from_toml("typo = 1\n").is_err());
    }
}
