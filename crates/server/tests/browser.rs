//! End-to-end test in headless Chromium: serves the real app on an
//! ephemeral loopback port over the shared market data, then runs
//! `e2e/e2e.py` (Python Playwright driving Debian's `/usr/bin/chromium`),
//! which reads the brief, checks the seed article, asks a question, opens an
//! instrument and writes screenshots to `docs/screenshots/`.
//!
//! Without Chromium, Playwright or the shared data the test prints why and
//! skips, unless `MARKETPROOF_REQUIRE_BROWSER=1` (set by CI after installing
//! them), in which case it fails. `CHROMIUM` overrides the browser path,
//! `MARKETPROOF_E2E_PYTHON` the interpreter, `MARKETPROOF_SCREENSHOTS` the
//! output folder.

use server::{app, AppState};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the whole browser script may take before it is killed.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(300);

/// The workspace root (two levels above `crates/server`).
fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Whether a missing prerequisite is a failure rather than a skip.
fn browser_required() -> bool {
    std::env::var("MARKETPROOF_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Skips (printing `why`) or, when the browser test is required, fails.
fn skip(why: &str) {
    assert!(
        !browser_required(),
        "MARKETPROOF_REQUIRE_BROWSER=1 but {why}"
    );
    eprintln!("SKIP browser test: {why}");
}

/// The Python interpreter to run the script with: the override, else the
/// project venv (`e2e/.venv`), else `python3` from PATH.
fn python(root: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("MARKETPROOF_E2E_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = root.join("e2e/.venv/bin/python");
    if venv.is_file() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// Whether `python` can import the script's packages.
fn has_packages(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import playwright.sync_api, PIL"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The app state over the shared data, with quality flags computed as the
/// store computes them on import.
fn state(universe: &'static model::Universe) -> AppState {
    let registry = model::Registry::builtin().expect("built-in registry parses");
    let flags = universe
        .series
        .values()
        .flat_map(|s| store::quality::flag_series(s, registry.get(&s.key().instrument)))
        .collect();
    AppState::from_static(universe, flags).expect("state builds")
}

/// Waits for `child`, killing it after `timeout`.
fn wait_with_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("polling the browser script") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn pages_work_in_headless_chromium() {
    let root = repo_root();
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        skip(&format!(
            "{} not found; install Debian's chromium (apt-get install -y chromium)",
            chromium.display()
        ));
        return;
    }
    let python = python(&root);
    if !has_packages(&python) {
        skip(&format!(
            "{} cannot import playwright and PIL; run python3 -m venv e2e/.venv && \
             e2e/.venv/bin/pip install -r e2e/requirements.txt",
            python.display()
        ));
        return;
    }
    let Some(universe) = store::testing::shared_universe() else {
        skip("no shared market data at ../shared/market-data");
        return;
    };
    let state = state(universe);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime starts");
    // Port 0: the kernel picks a free port, so parallel runs never collide.
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("binding a loopback port");
    let addr = listener.local_addr().expect("bound address");
    let server = runtime.spawn(async move { axum::serve(listener, app(state)).await });

    let out = std::env::var_os("MARKETPROOF_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/screenshots"));
    let base_url = format!("http://{addr}");
    eprintln!(
        "browser test: serving {base_url}, screenshots to {}",
        out.display()
    );
    let mut child = Command::new(&python)
        .arg(root.join("e2e/e2e.py"))
        .arg("--base-url")
        .arg(&base_url)
        .arg("--out")
        .arg(&out)
        .arg("--chromium")
        .arg(&chromium)
        .current_dir(&root)
        .stdin(Stdio::null())
        .spawn()
        .expect("starting e2e/e2e.py");
    let status = wait_with_timeout(&mut child, SCRIPT_TIMEOUT);

    server.abort();
    runtime.shutdown_timeout(Duration::from_secs(5));

    let Some(status) = status else {
        panic!("e2e/e2e.py did not finish within {SCRIPT_TIMEOUT:?}");
    };
    match status.code() {
        Some(0) => {}
        // The script found its own prerequisites missing (it printed which).
        Some(2) => skip("e2e/e2e.py reported a missing prerequisite (see above)"),
        _ => panic!("e2e/e2e.py failed ({status}); its output above says which check"),
    }
}
