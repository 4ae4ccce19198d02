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
    let universe = UNIVERSE
        .get_or_init(|| {
            let dir = shared_data_dir()?;
            let loaded = Store::open_in_memory().and_then(|mut store| {
                store.import(std::slice::from_ref(&dir), &crate::ImportOptions::default())?;
                store.universe()
            });
            match loaded {
                Ok(u) => Some(u),
                Err(e) => panic!("importing {} failed: {e}", dir.display()),
            }
        })
        .as_ref();
    if universe.is_none() {
        say_skip();
    }
    universe
}

/// Tells the person running the tests, on every skipped test, that the real
/// data is missing. Written to the process's stderr directly: `eprintln!`
/// would be captured by the test harness and never shown for a passing test.
fn say_skip() {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIP: shared market data not found at {}/../../../shared/market-data; \
         tests on the real data did not run",
        env!("CARGO_MANIFEST_DIR")
    );
}
