//! marketproof behind AI assistants, from outside: the MCP server, checked
//! drafts (`draft`, `brief --narrate`) against a recorded loopback
//! endpoint, and `check --redline` on a seed article.
//!
//! `marketproof mcp` is driven by the official Python MCP client
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

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marketproof"))
}

/// The recorded draft of the 2026-01-16 brief (planted errors included).
const DRAFT: &str = include_str!("../../draft/tests/drafts/2026-01-16.md");

fn run(args: &[&str]) -> (bool, String, String) {
    let out = bin()
        .env_remove("MARKETPROOF_LLM_URL")
        .env_remove("MARKETPROOF_LLM_MODEL")
        .args(args)
        .output()
        .expect("run marketproof");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn draft_keeps_only_supported_sentences_and_lists_the_rest() {
    let Some(data) = store::testing::shared_data_dir() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let (db, data) = (db.to_string_lossy(), data.to_string_lossy());
    let server = draft::testing::RecordedEndpoint::start(vec![DRAFT.to_string()]);
    let (ok, out, err) = run(&[
        "--store",
        &db,
        "--data",
        &data,
        "draft",
        "--date",
        "2026-01-16",
        "--llm-url",
        &server.base_url,
        "--llm-model",
        "recorded",
    ]);
    assert!(ok, "{err}");
    let (article, redline) = out.split_once("## Redline").expect("a redline section");
    assert!(
        // Cited by a brief Fact (f…) or by the Fact the checker computed (d…).
        article.contains("11 straight sessions [f1]")
            || article.contains("11 straight sessions, its longest such run since 2008 [d1]"),
        "{article}"
    );
    assert!(article.contains("## Facts cited"), "{article}");
    for wrong in ["7.88%", "2,692.23", "two rate cuts", "18 times"] {
        assert!(!article.contains(wrong), "`{wrong}` reached the article");
        assert!(
            redline.contains(wrong),
            "`{wrong}` is listed in the redline"
        );
    }
    assert!(err.contains("kept") && err.contains("replaced"), "{err}");

    // brief --narrate: the brief with the vetted body, then the redline.
    let server = draft::testing::RecordedEndpoint::start(vec![DRAFT.to_string()]);
    let (ok, out, err) = run(&[
        "--store",
        &db,
        "brief",
        "--date",
        "2026-01-16",
        "--narrate",
        "--llm-url",
        &server.base_url,
        "--llm-model",
        "recorded",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("# The Russell 2000"),
        "{}",
        &out[..200.min(out.len())]
    );
    assert!(
        out.contains("Leadership was broad") && out.contains("## Redline"),
        "{out}"
    );
}

#[test]
fn draft_without_an_endpoint_sends_nothing_and_says_how_to_configure_one() {
    let (ok, _out, err) = run(&["draft", "--date", "2026-01-16"]);
    assert!(!ok);
    assert!(
        err.contains("no LLM endpoint configured") && err.contains("--llm-url"),
        "{err}"
    );
}

#[test]
fn redline_marks_the_seed_article() {
    let (Some(data), Some(seeds)) = (
        store::testing::shared_data_dir(),
        store::testing::shared_seeds_dir(),
    ) else {
        return;
    };
    let seed = seeds.join("000_33f7b87f54cb98cf.txt");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let (db, data, seed) = (
        db.to_string_lossy(),
        data.to_string_lossy(),
        seed.to_string_lossy(),
    );
    let (ok, md, err) = run(&[
        "--store",
        &db,
        "--data",
        &data,
        "check",
        "--redline",
        &seed,
        "--format",
        "md",
    ]);
    assert!(ok, "{err}");
    // What the reader reads: the two cuts (three in the data) and the 0.86%
    // volatility (0.90% over the window the sentence before names).
    assert!(
        md.contains("Federal Reserve’s ~~two~~ **[✗") && md.contains(": data: 3]**"),
        "{md}"
    );
    assert!(md.contains("~~0.86%~~ **[✗"), "{md}");
    let (ok, html, err) = run(&[
        "--store",
        &db,
        "check",
        "--redline",
        &seed,
        "--format",
        "html",
    ]);
    assert!(ok, "{err}");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<mark class=\"contradicted\""));
    let (ok, _, err) = run(&[
        "--store",
        &db,
        "check",
        "--redline",
        &seed,
        "--format",
        "json",
    ]);
    assert!(
        !ok && err.contains("--redline prints Markdown or HTML"),
        "{err}"
    );
}
