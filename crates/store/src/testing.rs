//! Helpers for other crates' tests: the real market data imported once per
//! test process into an in-memory store.

use crate::Store;
use model::Universe;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The shared market-data folder beside the workspace
/// (`<workspace>/../shared/market-data`), if it exists.
pub fn shared_data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/market-data"
    ));
    dir.is_dir().then_some(dir)
}

/// The whole shared market-data folder as a [`Universe`], imported once per
/// process. Prints a skip message and returns `None` if the folder is absent.
///
/// # Panics
/// If the folder exists but does not import: that is a bug to see, not skip.
pub fn shared_universe() -> Option<&'static Universe> {
    static UNIVERSE: OnceLock<Option<Universe>> = OnceLock::new();
    UNIVERSE
        .get_or_init(|| {
            let Some(dir) = shared_data_dir() else {
                eprintln!(
                    "SKIP: shared market data not found at {}/../../../shared/market-data",
                    env!("CARGO_MANIFEST_DIR")
                );
                return None;
            };
            let loaded = Store::open_in_memory().and_then(|mut store| {
                store.import(std::slice::from_ref(&dir), &crate::ImportOptions::default())?;
                store.universe()
            });
            match loaded {
                Ok(u) => Some(u),
                Err(e) => panic!("importing {} failed: {e}", dir.display()),
            }
        })
        .as_ref()
}
