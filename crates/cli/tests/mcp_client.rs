//! `marketproof mcp` driven from outside by the official Python MCP client
//! (`e2e/mcp_client.py`, the `mcp` package from PyPI): it starts the server
//! over stdio with a fresh store and the shared market data, lists the
//! tools and resources, calls every tool asserting on the data's figures,
//! and checks that malformed calls get errors while the server keeps
//! answering.
//!
//! Without the `mcp` package or the shared data the test prints why and
//! skips, unless `MARKETPROOF_REQUIRE_MCP_CLIENT=1` (set by CI after
//! installing it), in which case it fails. `MARKETPROOF_E2E_PYTHON`
//! overrides the interpreter (default: `e2e/.venv/bin/python`, else python3).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the client script may take before it is killed.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(300);

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

fn client_required() -> bool {
    std::env::var("MARKETPROOF_REQUIRE_MCP_CLIENT").is_ok_and(|v| v == "1")
}

fn skip(why: &str) {
    assert!(
        !client_required(),
        "MARKETPROOF_REQUIRE_MCP_CLIENT=1 but {why}"
    );
    eprintln!("SKIP MCP client test: {why}");
}

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

#[test]
fn the_official_python_client_calls_every_tool() {
    let root = repo_root();
    let python = python(&root);
    let has_mcp = Command::new(&python)
        .args(["-c", "from mcp import Client, StdioServerParameters"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_mcp {
        skip(&format!(
            "{} cannot import the `mcp` package; run python3 -m venv e2e/.venv && \
             e2e/.venv/bin/pip install -r e2e/requirements-mcp.txt",
            python.display()
        ));
        return;
    }
    let Some(data) = store::testing::shared_data_dir() else {
        skip("no shared market data at ../shared/market-data");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store.db");
    let mut child = Command::new(&python)
        .arg(root.join("e2e/mcp_client.py"))
        .arg("--marketproof")
        .arg(env!("CARGO_BIN_EXE_marketproof"))
        .arg("--store")
        .arg(&store)
        .arg("--data")
        .arg(&data)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .spawn()
        .expect("starting e2e/mcp_client.py");
    let deadline = Instant::now() + SCRIPT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("polling the client") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("e2e/mcp_client.py did not finish within {SCRIPT_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    match status.code() {
        Some(0) => {}
        Some(2) => skip("e2e/mcp_client.py reported a missing prerequisite (see above)"),
        _ => panic!("e2e/mcp_client.py failed ({status}); its output above says which check"),
    }
}
