//! Issue 14 from the outside: `marketproof sync` against a loopback replay
//! server (`MARKETPROOF_YAHOO_URL`), then `fact` and `brief` on the synced
//! instruments, `import` of an unknown stem, exit codes.

use providers::testing::{Replay, Reply};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../providers/tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Env {
    tmp: tempfile::TempDir,
    server: Replay,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().expect("tempdir");
        let server = Replay::start().expect("replay server");
        // A configuration with fast retries and no politeness gap.
        let config = tmp.path().join("marketproof");
        std::fs::create_dir_all(&config).expect("config dir");
        std::fs::write(
            config.join("config.toml"),
            "watchlist = [\"^GSPC\", \"NVDA\"]\n[sync]\nbackoff_ms = 10\n\
             [providers.yahoo]\nmin_interval_ms = 0\n",
        )
        .expect("config");
        Env { tmp, server }
    }

    fn db(&self) -> PathBuf {
        self.tmp.path().join("store.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_marketproof"))
            .arg("--store")
            .arg(self.db())
            .args(args)
            .env("MARKETPROOF_YAHOO_URL", self.server.url())
            .env("XDG_CONFIG_HOME", self.tmp.path())
            .env("XDG_CACHE_HOME", self.tmp.path().join("cache"))
            .env_remove("FRED_API_KEY")
            .output()
            .expect("run marketproof")
    }
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn sync_nvda_then_facts_cite_the_provider_and_fetch_time() {
    let env = Env::new();
    env.server.route(
        "/v8/finance/chart/NVDA",
        vec![Reply::json(fixture("yahoo/chart_NVDA_split.json"))],
    );
    let out = env.run(&["sync", "NVDA"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("yahoo  NVDA       new        +"),
        "{stdout}"
    );
    assert!(stdout.contains("split 10:1 on 2024-06-10"), "{stdout}");
    assert!(
        stdout.contains("new instruments from provider metadata: NVDA"),
        "{stdout}"
    );

    // NVDA's record close: 131.88 on 2024-06-14, cited to the fetch.
    let out = env.run(&["fact", "record", "NVDA"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("131.88"), "{stdout}");
    assert!(stdout.contains("from sync/yahoo/NVDA.csv"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "source sync/yahoo/NVDA.csv: yahoo {}/v8/finance/chart/NVDA?period1=",
            env.server.url()
        )) && stdout.contains(", fetched 20"),
        "{stdout}"
    );
    // The drawdown from it, and the JSON Fact names the instrument.
    let out = env.run(&["fact", "drawdown", "NVDA"]);
    assert!(out.status.success(), "{:?}", text(&out));

    // A re-run adds nothing.
    let out = env.run(&["sync", "NVDA"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    assert!(
        stdout.contains("unchanged  nothing new") && stdout.contains(", 0 observations added"),
        "{stdout}"
    );

    // An unknown symbol beside a good one: exit 3 (partial), the error names
    // provider, symbol and status.
    env.server.route(
        "/v8/finance/chart/ZZZZ",
        vec![Reply::json(fixture("yahoo/not_found.json")).with_status(404)],
    );
    let out = env.run(&["sync", "NVDA", "ZZZZ"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("FAILED     yahoo ZZZZ: HTTP 404: no such symbol"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 of 2 targets failed (partial)"),
        "{stderr}"
    );
    // Only failures: exit 1.
    let out = env.run(&["sync", "ZZZZ"]);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
}

#[test]
fn brief_sync_writes_the_brief_from_fresh_data() {
    let env = Env::new();
    // The S&P 500 path serves a real chart body (the AAPL fixture's bars).
    env.server.route(
        "/v8/finance/chart/%5EGSPC",
        vec![Reply::json(fixture("yahoo/chart_AAPL_6mo.json"))],
    );
    env.server.route(
        "/v8/finance/chart/NVDA",
        vec![Reply::json(fixture("yahoo/chart_NVDA_split.json"))],
    );
    let out = env.run(&["brief", "--sync"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("sync: 2 sources"), "{stderr}");
    assert!(stdout.contains("## Sources"), "{stdout}");
    assert!(
        stdout.contains("`sync/yahoo/^GSPC.csv` (yahoo "),
        "{stdout}"
    );
    assert!(stdout.contains(", fetched 20"), "{stdout}");
}

#[test]
fn import_of_an_unknown_stem_registers_the_instrument() {
    let env = Env::new();
    let dir = env.tmp.path().join("mine");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("AAPL.csv"),
        "Date,Open,High,Low,Close,Volume\n2025-08-20,229.98,230.47,225.77,226.01,42263900\n\
         2025-08-21,226.27,226.52,223.78,224.90,30621200\n2025-08-22,226.17,229.09,225.41,227.76,42477800\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("instruments.toml"),
        "[[instrument]]\nsymbol = \"AAPL\"\nname = \"Apple\"\naliases = [\"Apple Inc\"]\n",
    )
    .expect("user registry");
    let data = dir.to_string_lossy().to_string();
    let out = env.run(&["import", &data]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("AAPL (stock), from the file stem of AAPL.csv"),
        "{stdout}"
    );
    // The user file names it (aliases work) and the engine answers on it.
    let out = env.run(&["--data", &data, "fact", "level", "Apple Inc"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("227.76"), "{stdout}");
}
