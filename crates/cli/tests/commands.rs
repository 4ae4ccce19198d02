//! End-to-end tests of the commands built on Facts: `fact`, `brief`,
//! `check` and `ask`, run as the real binary over one imported store.
//!
//! Expected values come from the kept derivations in
//! crates/facts/tests/python/ (each assertion names its script), computed
//! with Python's csv module from the files in ../shared/market-data (the Russell 2000 close consolidated from
//! hjyssg_tqqq-simulation/^RUT.csv through 2024-08-02, then
//! heliar-k_market-base/RUT.csv; the S&P 500 from guydekowski_market-lab/GSPC.csv).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marketproof"))
}

/// A store with the shared data imported, or `None` (with a message) when
/// ../shared/market-data is absent.
fn imported_store(tmp: &Path) -> Option<PathBuf> {
    let Some(data) = store::testing::shared_data_dir() else {
        eprintln!("SKIP: ../shared/market-data not found; command tests skipped");
        return None;
    };
    let db = tmp.join("store.db");
    let out = bin()
        .args(["--store", s(&db), "import", s(&data)])
        .output()
        .expect("run marketproof import");
    assert!(out.status.success(), "import failed: {}", stderr(&out));
    Some(db)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = bin()
        .args(["--store", s(db)])
        .args(args)
        .output()
        .expect("run marketproof");
    assert!(
        out.status.success(),
        "marketproof {args:?} failed: {}",
        stderr(&out)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let text = run_ok(db, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"))
}

/// A seed article by its name's prefix; `None` (a printed SKIP, or a
/// failure under `MARKETPROOF_REQUIRE_DATA=1`) without `../shared/seeds`.
fn seed(name: &str) -> Option<PathBuf> {
    let dir = store::testing::shared_seeds_dir()?;
    let found = std::fs::read_dir(&dir)
        .expect("seeds folder readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        });
    Some(found.unwrap_or_else(|| panic!("no seed {name}* in {}", dir.display())))
}

#[test]
fn fact_brief_check_and_ask_from_one_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(db) = imported_store(tmp.path()) else {
        return;
    };

    // fact: Python gives an 11-session relative streak of ^RUT over ^GSPC
    // ending 2026-01-16, begun 2026-01-02; the last earlier streak of at
    // least 11 sessions ended 2008-06-06.
    let streak = json(
        &db,
        &[
            "--format",
            "json",
            "fact",
            "streak",
            "^RUT",
            "--vs",
            "^GSPC",
            "--as-of",
            "2026-01-16",
        ],
    );
    assert_eq!(streak["value"], 11);
    assert_eq!(streak["kind"], "streak");
    let inputs = streak["inputs"].as_array().expect("inputs");
    assert!(inputs.iter().any(|i| i["source_path"]
        .as_str()
        .is_some_and(|p| p.ends_with("RUT.csv"))));
    let text = run_ok(
        &db,
        &[
            "fact",
            "streak",
            "the Russell",
            "--vs",
            "SPX",
            "--as-of",
            "2026-01-16",
        ],
    );
    assert!(
        text.contains("2008-06-06"),
        "longest-since date missing: {text}"
    );

    // fact return: 2677.74 / 2481.91 - 1 = 7.8903 %, +195.83 points.
    let ret = json(
        &db,
        &[
            "--format",
            "json",
            "fact",
            "return",
            "^RUT",
            "--from",
            "2026-01-02",
            "--to",
            "2026-01-16",
        ],
    );
    let pct = ret["value"].as_f64().expect("number");
    assert!((pct - 7.890294).abs() < 1e-4, "return {pct}");

    // fact move: the S&P 500 fell 20.4669 % on 1987-10-19.
    let mv = json(
        &db,
        &[
            "--format",
            "json",
            "fact",
            "move",
            "S&P 500",
            "--as-of",
            "1987-10-19",
        ],
    );
    assert!((mv["value"].as_f64().expect("number") + 20.466931).abs() < 1e-4);

    // fact fed: three cuts announced in 2025.
    let fed = json(
        &db,
        &[
            "--format",
            "json",
            "fact",
            "fed",
            "--from",
            "2025-01-01",
            "--as-of",
            "2025-12-31",
        ],
    );
    // crates/facts/tests/python/fomc_check.py: 2025-09-17, 2025-10-29 and
    // 2025-12-10, each −25 bp, to 3.50–3.75 %.
    assert_eq!(fed["kind"], "rate_decisions");
    assert_eq!(fed["value"], 3, "{fed}");
    assert_eq!(fed["details"]["n_cuts"]["value"], 3);
    assert_eq!(fed["details"]["net_bp"]["value"], -75.0);
    for (k, date) in ["2025-09-17", "2025-10-29", "2025-12-10"]
        .iter()
        .enumerate()
    {
        assert_eq!(
            fed["details"][format!("decision{:02}_date", k + 1)]["value"],
            *date,
            "{fed}"
        );
    }
    assert_eq!(
        fed["details"]["range"]["value"],
        serde_json::json!({"low": 3.5, "high": 3.75})
    );

    // fact level on a rate reads its value without --field: rates.csv has
    // DGS10 = 4.24 on 2026-01-16.
    let level = json(
        &db,
        &[
            "--format",
            "json",
            "fact",
            "level",
            "DGS10",
            "--as-of",
            "2026-01-16",
        ],
    );
    assert!(
        (level["value"].as_f64().expect("number") - 4.24).abs() < 1e-9,
        "{level}"
    );

    // A brief for a date after the data is an error, not the latest brief.
    let out = bin()
        .args(["--store", s(&db), "brief", "--date", "2099-01-01"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("after the latest session"),
        "{}",
        stderr(&out)
    );

    // A bad query gets a clear error and a non-zero exit.
    let out = bin()
        .args([
            "--store",
            s(&db),
            "fact",
            "return",
            "NOSUCH",
            "--period",
            "ytd",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("NOSUCH"), "{}", stderr(&out));
    // With --format json the error is JSON too.
    let out = bin()
        .args([
            "--store",
            s(&db),
            "--format",
            "json",
            "fact",
            "move",
            "NOSUCH",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err: serde_json::Value =
        serde_json::from_str(stderr(&out).trim()).expect("a JSON error on stderr");
    assert!(
        err["error"].as_str().is_some_and(|e| e.contains("NOSUCH")),
        "{err}"
    );

    // brief: Markdown to stdout, JSON with Facts, HTML to a file.
    // The title states the streak of crates/facts/tests/python/streaks.py:
    // 11 sessions (2026-01-02..01-16), longest since 2008-05-20..06-06.
    let md = run_ok(&db, &["brief", "--date", "2026-01-16"]);
    assert!(
        md.starts_with(
            "# The Russell 2000 beats the S&P 500 for 11 straight sessions, the longest run since 2008\n"
        ),
        "{md}"
    );
    let article = json(&db, &["--format", "json", "brief", "--date", "2026-01-16"]);
    assert!(!article["facts"].as_array().expect("facts").is_empty());
    assert!(!article["sources"].as_array().expect("sources").is_empty());
    let html_path = tmp.path().join("brief.html");
    run_ok(
        &db,
        &[
            "--format",
            "html",
            "brief",
            "--date",
            "2026-01-16",
            "--out",
            s(&html_path),
        ],
    );
    let html = std::fs::read_to_string(&html_path).expect("html written");
    assert!(html.contains("<svg"), "no chart in the HTML");
    assert!(!html.contains("<script src"), "HTML must be self-contained");

    // check: both seeds, with their conflicts listed.
    if let (Some(a), Some(b)) = (seed("000_"), seed("003_")) {
        let report = json(&db, &["--format", "json", "check", s(&a), s(&b)]);
        let conflicts = report["conflicts"].as_array().expect("conflicts");
        assert!(conflicts.len() >= 2, "{conflicts:?}");
        let one = json(&db, &["--format", "json", "check", s(&b)]);
        let claims = one["claims"].as_array().expect("claims");
        assert!(claims.iter().any(|c| c["verdict"] == "contradicted"));
        assert!(claims.iter().any(|c| c["verdict"] == "supported"));
    }
    // check from stdin.
    let mut child = bin()
        .args(["--store", s(&db), "check", "-", "--as-of", "1987-10-20"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn check");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"The S&P 500 plunged 20.5% on October 19, 1987.")
            .expect("write");
    }
    let out = child.wait_with_output().expect("check output");
    assert!(out.status.success(), "{}", stderr(&out));
    // prices.py: −20.4669 % on 1987-10-19; 20.5 % holds at its precision.
    let text = String::from_utf8_lossy(&out.stdout);
    // (The figures, not the layout: the checker's report is being rewritten.)
    assert!(
        text.contains("1 supported") && text.contains("0 contradicted"),
        "{text}"
    );
    assert!(text.contains("-20.47%"), "{text}");

    // ask: the plan, then the answer; --plan-only stops before running.
    let plan = run_ok(
        &db,
        &[
            "ask",
            "How long has the Russell 2000 beaten the S&P 500?",
            "--plan-only",
            "--as-of",
            "2026-01-16",
        ],
    );
    assert!(
        plan.contains("1. the run ending 2026-01-16 (last of the run_length) [series]")
            && plan.contains("instruments: ^RUT, ^GSPC"),
        "{plan}"
    );
    assert!(
        !plan.contains("consecutive") && !plan.contains("[1]"),
        "the plan runs nothing: {plan}"
    );
    let answer = json(
        &db,
        &[
            "--format",
            "json",
            "ask",
            "How long has the Russell 2000 beaten the S&P 500?",
            "--yes",
            "--as-of",
            "2026-01-16",
        ],
    );
    // streaks.py: 11 sessions from 2026-01-02.
    let text = answer["answer"].as_str().expect("answer");
    for figure in [
        "11 consecutive sessions",
        "from 2026-01-02 to 2026-01-16",
        "[1]",
    ] {
        assert!(text.contains(figure), "no `{figure}` in: {text}");
    }
    assert_eq!(answer["facts"][0]["value"], 11, "{answer}");
    assert_eq!(
        answer["facts"][0]["details"]["run_start"]["value"], "2026-01-02",
        "{answer}"
    );

    // A follow-up through a conversation file.
    let ctx = tmp.path().join("conversation.json");
    run_ok(
        &db,
        &[
            "ask",
            "What was the Russell 2000's return in 2025?",
            "--yes",
            "--context",
            s(&ctx),
        ],
    );
    let follow = json(
        &db,
        &[
            "--format",
            "json",
            "ask",
            "and the Nasdaq 100?",
            "--yes",
            "--context",
            s(&ctx),
        ],
    );
    assert!(
        serde_json::to_string(&follow["facts"])
            .expect("json")
            .contains("^NDX"),
        "{follow}"
    );
    // crates/ask/tests/truth.py: the Nasdaq 100 returned +20.1677 % in 2025.
    assert_eq!(follow["facts"][0]["subjects"], serde_json::json!(["^NDX"]));
    let ndx = follow["facts"][0]["value"].as_f64().expect("number");
    assert!((ndx - 20.167739).abs() < 1e-3, "{follow}");

    // A question outside the data is refused, without a number.
    let refusal = json(
        &db,
        &[
            "--format",
            "json",
            "ask",
            "What is the forward P/E of the S&P 500?",
        ],
    );
    assert_eq!(refusal["refused"], true, "{refusal}");
}

// ---- issue 15: the CLI as a user meets it -----------------------------------

fn run_err(db: &Path, args: &[&str]) -> (i32, String) {
    let out = bin()
        .args(["--store", s(db)])
        .args(args)
        .output()
        .expect("run marketproof");
    assert!(!out.status.success(), "marketproof {args:?} should fail");
    (out.status.code().unwrap_or(-1), stderr(&out))
}

#[test]
fn regression_issue15_messages_formats_and_exit_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(db) = imported_store(tmp.path()) else {
        return;
    };
    // Did you mean: the nearest symbols and names.
    let (_, e) = run_err(&db, &["sources", "RUTT"]);
    assert_eq!(
        e.trim(),
        "error: unknown instrument `RUTT`; did you mean ^RUT (Russell 2000)? (`marketproof sources` lists them all)"
    );
    let (_, e) = run_err(&db, &["series", "Russel"]);
    assert!(e.contains("did you mean ^RUT (Russell 2000)"), "{e}");
    let (_, e) = run_err(&db, &["fact", "streak", "RUTT"]);
    assert!(e.contains("did you mean ^RUT"), "{e}");
    // Errors in words, never the query's JSON or a Rust debug print.
    let (_, e) = run_err(&db, &["fact", "streak", "AAPL"]);
    assert!(
        e.starts_with(
            "error: computing the streak of AAPL as of 2026-08-21: unknown instrument `AAPL`"
        ),
        "{e}"
    );
    let (_, e) = run_err(
        &db,
        &[
            "fact",
            "rank",
            "^GSPC",
            "--period",
            "last:5",
            "--against",
            "month",
        ],
    );
    assert!(!e.contains("LastSessions") && !e.contains("{\""), "{e}");
    assert!(
        e.contains("the last 5 sessions cannot be ranked against months"),
        "{e}"
    );
    let (_, e) = run_err(&db, &["fact", "fed", "--as-of", "1950-01-01"]);
    assert!(
        !e.contains("rate_decisions") && e.contains("runs from 2008-12-16"),
        "{e}"
    );
    // Every format is honoured or refused.
    let (_, e) = run_err(&db, &["import", "--format", "md", "/no/such/dir"]);
    assert!(
        e.contains("`import` prints text or json; --format md is not supported"),
        "{e}"
    );
    let (_, e) = run_err(&db, &["import", "/no/such/dir"]);
    assert!(e.contains("no such file or folder: /no/such/dir"), "{e}");
    let (_, e) = run_err(&db, &["ask", "--format", "md", "How did the S&P 500 do?"]);
    assert!(e.contains("`ask` prints text, json or html"), "{e}");
    let out_md = tmp.path().join("brief.md");
    let (_, e) = run_err(
        &db,
        &[
            "brief",
            "--out",
            s(&out_md),
            "--format",
            "html",
            "--date",
            "2026-01-16",
        ],
    );
    assert!(e.contains("does not match --out"), "{e}");
    // --out picks the format from its extension.
    let out_html = tmp.path().join("brief.html");
    run_ok(
        &db,
        &["brief", "--out", s(&out_html), "--date", "2026-01-16"],
    );
    let html = std::fs::read_to_string(&out_html).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    // CSV with a header row, values without float noise (GSPC.csv holds
    // 6940.009765625 for 2026-01-16).
    let csv = run_ok(
        &db,
        &[
            "series",
            "^GSPC",
            "--from",
            "2026-01-15",
            "--to",
            "2026-01-16",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv,
        "date,value,source\n2026-01-15,6944.47,guydekowski_market-lab/GSPC.csv\n2026-01-16,6940.01,guydekowski_market-lab/GSPC.csv\n"
    );
    let text = run_ok(
        &db,
        &[
            "series",
            "^GSPC",
            "--from",
            "2026-01-16",
            "--to",
            "2026-01-16",
        ],
    );
    assert!(
        text.contains("2026-01-16\t6940.01\t") && !text.contains("6940.0097"),
        "{text}"
    );
    let (_, e) = run_err(
        &db,
        &[
            "series",
            "^GSPC",
            "--from",
            "2026-01-16",
            "--to",
            "2026-01-01",
        ],
    );
    assert!(
        e.contains("--from 2026-01-16 is after --to 2026-01-01"),
        "{e}"
    );
    for fmt in ["md", "html", "csv"] {
        let out = run_ok(&db, &["sources", "^RUT", "--format", fmt]);
        assert!(out.contains("^RUT"), "{fmt}: {out}");
    }
    let md = run_ok(
        &db,
        &[
            "fact",
            "move",
            "^GSPC",
            "--as-of",
            "2026-01-16",
            "--format",
            "md",
        ],
    );
    assert!(md.starts_with("**-0.06%**"), "{md}");
    // scan: stale series marked, impossible dates and benchmarks refused,
    // rarity defined, CSV with a header.
    let (_, e) = run_err(&db, &["scan", "--as-of", "2030-01-01"]);
    assert!(
        e.contains("after the latest session in the store (2026-08-21)"),
        "{e}"
    );
    let (_, e) = run_err(&db, &["scan", "--benchmark", "AAPL"]);
    assert!(e.contains("unknown instrument `AAPL`"), "{e}");
    let scan = run_ok(&db, &["scan", "--top", "60"]);
    assert!(scan.contains("rarity (method scan.rarity"), "{scan}");
    assert!(
        scan.contains("2026-08-03!"),
        "a stale series is marked: {scan}"
    );
    let csv = run_ok(&db, &["scan", "--top", "3", "--format", "csv"]);
    assert!(
        csv.starts_with("rank,symbol,field,last_date,stale,close,rarity,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
    // A non-session date: the brief says which session it covers.
    let out = bin()
        .args(["--store", s(&db), "brief", "--date", "2026-01-18"])
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("> Note: January 18, 2026 was a Sunday, not a trading session"),
        "{md}"
    );
    assert!(stderr(&out).contains("note: January 18, 2026 was a Sunday"));
    // -q keeps stderr quiet.
    let out = bin()
        .args(["-q", "--store", s(&db), "brief", "--date", "2026-01-18"])
        .output()
        .expect("run");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn regression_issue15_check_fail_on_exit_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(db) = imported_store(tmp.path()) else {
        return;
    };
    // GSPC.csv: the S&P 500 closed at 6,940.01 on January 16, 2026.
    let good = tmp.path().join("good.md");
    std::fs::write(
        &good,
        "On January 16, 2026, the S&P 500 closed at 6,940.01.\n",
    )
    .expect("write");
    let bad = tmp.path().join("bad.md");
    std::fs::write(
        &bad,
        "On January 16, 2026, the S&P 500 closed at 7,940.01.\n",
    )
    .expect("write");
    run_ok(&db, &["check", s(&good), "--fail-on", "contradicted"]);
    let out = bin()
        .args([
            "--store",
            s(&db),
            "check",
            s(&bad),
            "--fail-on",
            "contradicted",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("check: 1 contradicted of 1 claims (--fail-on contradicted)"));
    assert!(!out.stdout.is_empty(), "the report is printed either way");
    // Without --fail-on a contradiction is a result, not a failure.
    run_ok(&db, &["check", s(&bad)]);
}

#[test]
fn regression_issue15_version_help_completions_and_man() {
    let out = bin().arg("--version").output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "marketproof 0.1.0"
    );
    let help =
        String::from_utf8_lossy(&bin().arg("--help").output().expect("run").stdout).into_owned();
    assert!(
        help.contains("Market insight where every number can be checked."),
        "{help}"
    );
    assert!(
        help.contains("--fail-on contradicted") && help.contains("-q, --quiet"),
        "{help}"
    );
    assert!(!help.contains("thin command line"), "{help}");
    let bash = bin().args(["completions", "bash"]).output().expect("run");
    assert!(String::from_utf8_lossy(&bash.stdout).contains("_marketproof()"));
    let man = bin().args(["man"]).output().expect("run");
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH marketproof"));
    let man = bin().args(["man", "brief"]).output().expect("run");
    assert!(man.status.success());
    // An OS error is printed once, not once per layer that quotes it.
    let out = bin()
        .args(["--store", "/proc/no-such-dir/store.db", "sources"])
        .output()
        .expect("run");
    assert_eq!(
        stderr(&out).matches("(os error 2)").count(),
        1,
        "{}",
        stderr(&out)
    );
}
