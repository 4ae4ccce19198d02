//! Helpers for other crates' tests: the real data imported once per test
//! process into an in-memory store, and the one rule for skipping.
//!
//! A test that needs `../shared/market-data` (or `../shared/seeds`) and does
//! not find it skips, saying so on stderr; with `MARKETPROOF_REQUIRE_DATA=1`
//! (set by `.ci/run`) it fails instead, so that CI cannot stay green with
//! every real-data test skipped. Every data-dependent test goes through
//! [`shared_data_dir`], [`shared_universe`], [`shared_seeds_dir`] or
//! [`skip`].

use crate::Store;
use model::Universe;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The environment variable that turns a data-dependent skip into a failure.
pub const REQUIRE_DATA_VAR: &str = "MARKETPROOF_REQUIRE_DATA";

/// Whether skipping for missing data is forbidden (`MARKETPROOF_REQUIRE_DATA=1`).
pub fn data_required() -> bool {
    std::env::var(REQUIRE_DATA_VAR).is_ok_and(|v| v.trim() == "1")
}

/// Skips a data-dependent test: prints why to the process's stderr (not
/// through the test harness, which hides a passing test's output), or
/// panics when [`data_required`].
///
/// # Panics
/// With `MARKETPROOF_REQUIRE_DATA=1`: a skipped test is a failure then.
pub fn skip(why: &str) {
    let message = skip_message(data_required(), why);
    if data_required() {
        panic!("{message}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// What [`skip`] says: a SKIP line, or the failure under the variable.
fn skip_message(required: bool, why: &str) -> String {
    if required {
        format!("{REQUIRE_DATA_VAR}=1 forbids skipping: {why}")
    } else {
        format!("SKIP: {why} (set {REQUIRE_DATA_VAR}=1 to make this a failure)")
    }
}

/// A folder of `../shared` beside the workspace, if it exists; else a
/// [`skip`] (a failure under `MARKETPROOF_REQUIRE_DATA=1`).
fn shared(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    skip(&format!(
        "{} not found; the tests that read it did not run",
        dir.display()
    ));
    None
}

/// The shared market-data folder beside the workspace
/// (`<workspace>/../shared/market-data`), if it exists.
///
/// # Panics
/// When it is absent and `MARKETPROOF_REQUIRE_DATA=1`.
pub fn shared_data_dir() -> Option<PathBuf> {
    shared("market-data")
}

/// The seed articles beside the workspace (`<workspace>/../shared/seeds`).
///
/// # Panics
/// When they are absent and `MARKETPROOF_REQUIRE_DATA=1`.
pub fn shared_seeds_dir() -> Option<PathBuf> {
    shared("seeds")
}

/// The whole shared market-data folder as a [`Universe`], imported once per
/// process. Skips (see [`skip`]) and returns `None` if the folder is absent.
///
/// # Panics
/// If the folder exists but does not import: that is a bug to see, not
/// skip; and when it is absent under `MARKETPROOF_REQUIRE_DATA=1`.
pub fn shared_universe() -> Option<&'static Universe> {
    static UNIVERSE: OnceLock<Option<Universe>> = OnceLock::new();
    UNIVERSE
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
        .as_ref()
        .or_else(|| {
            // Every skipped test says so, not only the first.
            skip("shared market data not found; tests on the real data did not run");
            None
        })
}

/// Runs a kept derivation (a Python 3 script beside a test) and checks that
/// it still prints the output kept beside it (`script.out`): the figures a
/// test hard-codes come from that output. Skips (see [`skip`]) without the
/// market data or without `python3`.
///
/// # Panics
/// When the script fails or prints anything else than its kept output.
pub fn check_kept_script(script: &std::path::Path) {
    if shared_data_dir().is_none() {
        return;
    }
    let out = match std::process::Command::new("python3")
        .arg(script)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            skip(&format!(
                "python3 cannot run ({e}); {} not checked",
                script.display()
            ));
            return;
        }
    };
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = std::fs::read_to_string(script.with_extension("out"))
        .unwrap_or_else(|e| panic!("{}: no kept output ({e})", script.display()));
    assert!(
        String::from_utf8_lossy(&out.stdout) == kept,
        "{} no longer prints its kept output {}:\n{}",
        script.display(),
        script.with_extension("out").display(),
        String::from_utf8_lossy(&out.stdout)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_required_skip_is_a_failure_message() {
        assert!(skip_message(false, "no data").starts_with("SKIP: no data"));
        assert_eq!(
            skip_message(true, "no data"),
            "MARKETPROOF_REQUIRE_DATA=1 forbids skipping: no data"
        );
    }

    #[test]
    fn skip_panics_when_data_is_required() {
        // Run in a child process so the variable does not leak into other tests.
        if std::env::var_os("MARKETPROOF_SKIP_CHILD").is_some() {
            skip("child");
            return;
        }
        let exe = std::env::current_exe().expect("test binary");
        let run = |required: &str| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "testing::tests::skip_panics_when_data_is_required",
                ])
                .env("MARKETPROOF_SKIP_CHILD", "1")
                .env(REQUIRE_DATA_VAR, required)
                .output()
                .expect("child test runs")
        };
        assert!(run("0").status.success(), "a plain skip passes");
        let out = run("1");
        assert!(!out.status.success(), "a required skip fails");
    }
}
