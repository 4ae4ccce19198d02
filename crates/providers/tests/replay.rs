//! `marketproof sync` against a loopback replay server serving real-format
//! bodies (`tests/fixtures/README.md`): every case asserts what the store
//! holds afterwards, and that a failure changed nothing.

use model::{Date, Field};
use providers::testing::{Replay, Reply};
use providers::{Config, Outcome, SyncOptions, SyncReport};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use store::{SourceChange, Store};

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("date")
}

/// A configuration pointing every provider at `server`, fast retries.
fn config(server: &Replay, extra: &str) -> Config {
    let mut sync = vec![
        ("timeout_secs", "2.0"),
        ("max_attempts", "3"),
        ("backoff_ms", "10"),
        ("max_backoff_ms", "50"),
        ("concurrency", "4"),
    ];
    if let Some(rest) = extra.strip_prefix("sync:") {
        for line in rest.lines() {
            if let Some((k, v)) = line.split_once(" = ") {
                sync.retain(|(key, _)| *key != k);
                sync.push((k, v));
            }
        }
    }
    let mut text = String::from("[sync]\n");
    for (k, v) in sync {
        text.push_str(&format!("{k} = {v}\n"));
    }
    for p in ["yahoo", "fred", "fred_api", "french", "cboe", "stooq"] {
        text.push_str(&format!(
            "[providers.{p}]\nbase_url = \"{}\"\nmin_interval_ms = 0\n",
            server.url()
        ));
        if (p == "fred" || p == "stooq") && extra.contains(&format!("{p}_key")) {
            text.push_str("api_key = \"test-key-123\"\n");
        }
    }
    Config::from_toml(&text).expect("test config")
}

struct Run {
    _tmp: tempfile::TempDir,
    store: Store,
    cache: PathBuf,
}

fn fresh() -> Run {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&tmp.path().join("store.db")).expect("store");
    let cache = tmp.path().join("cache");
    Run {
        _tmp: tmp,
        store,
        cache,
    }
}

/// 2025-08-25 15:40 UTC: during the session of the AAPL fixture's last bar.
fn during_aapl_session() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_756_140_000)
}

fn sync(run: &mut Run, cfg: &Config, symbols: &[&str], now: SystemTime) -> SyncReport {
    let targets: Vec<_> = symbols
        .iter()
        .map(|s| providers::plan::resolve(s, run.store.registry(), cfg).expect("plan"))
        .collect();
    let opts = SyncOptions {
        since: None,
        now,
        progress: None,
    };
    providers::run(
        &mut run.store,
        &targets,
        cfg,
        Some(run.cache.clone()),
        &opts,
    )
    .expect("sync run")
}

fn outcome<'r>(report: &'r SyncReport, symbol: &str) -> &'r Outcome {
    &report
        .items
        .iter()
        .find(|i| i.symbol == symbol)
        .unwrap_or_else(|| panic!("no item {symbol} in {report:#?}"))
        .outcome
}

fn failed(report: &SyncReport, symbol: &str) -> (String, Option<u16>, String) {
    match outcome(report, symbol) {
        Outcome::Failed {
            kind,
            status,
            message,
        } => (kind.clone(), *status, message.clone()),
        other => panic!("{symbol}: expected a failure, got {other:?}"),
    }
}

fn serve_aapl(server: &Replay) {
    server.route(
        "/v8/finance/chart/AAPL",
        vec![Reply::json(fixture("yahoo/chart_AAPL_6mo.json"))],
    );
}

#[test]
fn a_normal_response_stores_ohlcv_adjusted_closes_and_provenance() {
    let server = Replay::start().expect("server");
    serve_aapl(&server);
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    assert!(!report.partial && report.written, "{report:#?}");
    let item = &report.items[0];
    assert_eq!(
        (item.provider, item.path.as_str()),
        ("yahoo", "sync/yahoo/AAPL.csv")
    );
    // 126 bars, the last one unfinished (the session was open): 125 stored.
    assert_eq!(item.rows, 125);
    assert!(
        item.events
            .iter()
            .any(|e| e == "dividend 0.26 on 2025-05-12"),
        "{:?}",
        item.events
    );
    assert!(item
        .events
        .iter()
        .any(|e| e.contains("unfinished bar of 2025-08-25")));
    match &item.outcome {
        Outcome::Stored { change, added, .. } => {
            assert_eq!(*change, SourceChange::New);
            // open, high, low, close, adj close and volume of 125 bars.
            assert_eq!(*added, 125 * 6);
        }
        other => panic!("{other:?}"),
    }
    // The request: the documented query and a browser-like User-Agent.
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].query.contains("interval=1d") && seen[0].query.contains("events=div%2Csplit"));
    assert!(seen[0].query.starts_with("period1=-2208994789&period2="));
    assert!(seen[0]
        .header("user-agent")
        .is_some_and(|ua| ua.starts_with("Mozilla/5.0")));
    // The store: as-traded and adjusted closes apart, exact values.
    let u = run.store.universe().expect("universe");
    let close = u.get("AAPL", Field::Close).expect("close");
    let adj = u.get("AAPL", Field::AdjClose).expect("adj close");
    assert_eq!((close.len(), adj.len()), (125, 125));
    assert_eq!(close.first_date(), Some(d("2025-02-25")));
    assert_eq!(close.last_date(), Some(d("2025-08-22")));
    assert_eq!(close.value_on(d("2025-02-25")), Some(247.0399932861328));
    assert_eq!(adj.value_on(d("2025-02-25")), Some(246.43678283691406));
    assert_eq!(
        close.value_on(d("2025-08-22")),
        adj.value_on(d("2025-08-22"))
    );
    // The instrument, learnt from Yahoo's metadata.
    let aapl = run.store.registry().get("AAPL").expect("AAPL learnt");
    assert_eq!(aapl.name, "Apple Inc.");
    assert_eq!(aapl.kind, model::InstrumentKind::Stock);
    assert_eq!(
        (aapl.exchange.as_deref(), aapl.currency.as_deref()),
        (Some("NMS"), Some("USD"))
    );
    // Provenance: provider, URL, fetch time, response hash.
    let source = u
        .sources
        .iter()
        .find(|s| s.path == "sync/yahoo/AAPL.csv")
        .expect("source");
    let origin = source.origin.as_deref().unwrap_or("");
    assert!(
        origin.starts_with(&format!(
            "yahoo {}/v8/finance/chart/AAPL?period1=",
            server.url()
        )),
        "{origin}"
    );
    assert!(
        origin.contains(", fetched 20")
            && origin.contains("HTTP 200, 14962 bytes, sha256 4bb2155325f4513f"),
        "{origin}"
    );
}

#[test]
fn nulls_inside_the_arrays_a_split_and_a_dividend() {
    let server = Replay::start().expect("server");
    server.route(
        "/v8/finance/chart/NVDA",
        vec![Reply::json(fixture("yahoo/chart_NVDA_split.json"))],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let after = SystemTime::UNIX_EPOCH + Duration::from_secs(1_718_600_000);
    let report = sync(&mut run, &cfg, &["NVDA"], after);
    let item = &report.items[0];
    assert!(matches!(item.outcome, Outcome::Stored { .. }), "{item:#?}");
    assert!(
        item.events
            .contains(&"split 10:1 on 2024-06-10".to_string()),
        "{:?}",
        item.events
    );
    assert!(item
        .events
        .contains(&"dividend 0.01 on 2024-06-11".to_string()));
    let u = run.store.universe().expect("universe");
    let close = u.get("NVDA", Field::Close).expect("close");
    // 10 timestamps; 2024-06-07 is null throughout and is left out.
    assert_eq!(close.len(), 9);
    assert_eq!(close.index_of(d("2024-06-07")), None);
    // 2024-06-06 has a close and nothing else.
    assert_eq!(close.value_on(d("2024-06-06")), Some(120.99800109863281));
    let open = u.get("NVDA", Field::Open).expect("open");
    assert_eq!((open.len(), open.index_of(d("2024-06-06"))), (8, None));
    assert_eq!(u.get("NVDA", Field::Volume).map(|s| s.len()), Some(8));
    // Split-adjusted closes as Yahoo gives them; the dividend only in the
    // adjusted closes before 2024-06-11.
    let adj = u.get("NVDA", Field::AdjClose).expect("adj");
    assert_eq!(close.value_on(d("2024-06-03")), Some(115.0));
    assert!(adj
        .value_on(d("2024-06-03"))
        .is_some_and(|a| a < 115.0 && a > 114.98));
    assert_eq!(
        adj.value_on(d("2024-06-11")),
        close.value_on(d("2024-06-11"))
    );
    let nvda = run.store.registry().get("NVDA").expect("learnt");
    assert_eq!(nvda.name, "NVIDIA Corporation");
}

#[test]
fn an_unknown_symbol_is_never_retried_and_changes_nothing() {
    let server = Replay::start().expect("server");
    server.route(
        "/v8/finance/chart/ZZZZ",
        vec![Reply::json(fixture("yahoo/not_found.json")).with_status(404)],
    );
    server.route(
        "/v8/finance/chart/QQQQ",
        vec![Reply::json(fixture("yahoo/not_found.json"))],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let before = run.store.content_digest().expect("digest");
    let report = sync(&mut run, &cfg, &["ZZZZ", "QQQQ"], during_aapl_session());
    let (kind, status, message) = failed(&report, "ZZZZ");
    assert_eq!((kind.as_str(), status), ("no_such_symbol", Some(404)));
    assert!(
        message.starts_with("yahoo ZZZZ: HTTP 404: no such symbol (Not Found: No data found"),
        "{message}"
    );
    assert!(
        message.contains(&format!("[{}/v8/finance/chart/ZZZZ?", server.url())),
        "{message}"
    );
    // Yahoo's error JSON with a 200 says the same.
    let (kind, status, _) = failed(&report, "QQQQ");
    assert_eq!((kind.as_str(), status), ("no_such_symbol", Some(200)));
    assert_eq!(server.hits("/v8/finance/chart/ZZZZ"), 1);
    assert!(report.partial && report.failed && !report.written);
    assert_eq!(run.store.content_digest().expect("digest"), before);
    assert!(run.store.registry().get("ZZZZ").is_none());
}

#[test]
fn too_many_requests_then_success() {
    let server = Replay::start().expect("server");
    server.route(
        "/v8/finance/chart/AAPL",
        vec![
            Reply::status(429).header("Retry-After", "0"),
            Reply::json(fixture("yahoo/chart_AAPL_6mo.json")),
        ],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    assert_eq!(server.hits("/v8/finance/chart/AAPL"), 2);
    assert_eq!(report.items[0].attempts, 2);
    assert!(!report.partial);
    let u = run.store.universe().expect("universe");
    assert_eq!(u.get("AAPL", Field::Close).map(|s| s.len()), Some(125));
}

#[test]
fn a_server_error_three_times_gives_up_and_the_rest_goes_on() {
    let server = Replay::start().expect("server");
    server.route("/v8/finance/chart/NVDA", vec![Reply::status(500)]);
    serve_aapl(&server);
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["NVDA", "AAPL"], during_aapl_session());
    let (kind, status, message) = failed(&report, "NVDA");
    assert_eq!((kind.as_str(), status), ("status", Some(500)));
    assert!(
        message.starts_with("yahoo NVDA: HTTP 500") && message.contains("after 3 attempts"),
        "{message}"
    );
    assert_eq!(server.hits("/v8/finance/chart/NVDA"), 3);
    // The run went on: AAPL is stored, NVDA is not; the run is partial.
    assert!(report.partial && !report.failed && report.written);
    let u = run.store.universe().expect("universe");
    assert!(u.get("AAPL", Field::Close).is_some());
    assert!(u.series.keys().all(|k| k.instrument == "AAPL"));
    assert!(run.store.registry().get("NVDA").is_none());
}

fn assert_fails_and_changes_nothing(reply: Reply, want_kind: &str, want_hits: usize, extra: &str) {
    let server = Replay::start().expect("server");
    serve_aapl(&server);
    let cfg = config(&server, extra);
    let mut run = fresh();
    sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    let before = (
        run.store.content_digest().expect("digest"),
        run.store.counts().expect("counts"),
    );
    server.route("/v8/finance/chart/AAPL", vec![reply]);
    server.clear_seen();
    let report = sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    let (kind, _, message) = failed(&report, "AAPL");
    assert_eq!(kind, want_kind, "{message}");
    assert!(message.starts_with("yahoo AAPL: "), "{message}");
    assert_eq!(
        server.hits("/v8/finance/chart/AAPL"),
        want_hits,
        "{message}"
    );
    assert!(report.failed && !report.written);
    let after = (
        run.store.content_digest().expect("digest"),
        run.store.counts().expect("counts"),
    );
    assert_eq!(after, before);
}

#[test]
fn a_truncated_body_is_retried_then_fails_without_a_trace() {
    let body = fixture("yahoo/chart_AAPL_6mo.json");
    assert_fails_and_changes_nothing(Reply::json(body).truncated(1000), "truncated", 3, "");
}

#[test]
fn a_complete_body_that_is_cut_json_is_malformed() {
    let body = fixture("yahoo/chart_AAPL_6mo.json");
    assert_fails_and_changes_nothing(Reply::json(body[..1000].to_vec()), "malformed", 1, "");
}

#[test]
fn html_instead_of_json_is_refused_at_once() {
    let page = Reply::ok("text/html; charset=utf-8", fixture("other/consent.html"));
    assert_fails_and_changes_nothing(page, "html", 1, "");
}

#[test]
fn a_slow_response_past_the_timeout_gives_up() {
    let slow =
        Reply::json(fixture("yahoo/chart_AAPL_6mo.json")).delayed(Duration::from_millis(900));
    assert_fails_and_changes_nothing(
        slow,
        "timeout",
        2,
        "sync:timeout_secs = 0.3\nmax_attempts = 2",
    );
}

#[test]
fn a_rerun_adds_nothing_and_a_restated_close_is_kept_and_reported() {
    let server = Replay::start().expect("server");
    serve_aapl(&server);
    let cfg = config(&server, "");
    let mut run = fresh();
    sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    let digest = run.store.content_digest().expect("digest");
    // Again: only the overlap is asked for, and nothing changes.
    server.clear_seen();
    let report = sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    match &report.items[0].outcome {
        Outcome::Stored {
            change,
            added,
            restated_count,
            ..
        } => {
            assert_eq!(
                (*change, *added, *restated_count),
                (SourceChange::Unchanged, 0, 0)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        report.items[0].from,
        Some(d("2025-08-15")),
        "5 sessions before 2025-08-22"
    );
    let p1 = chrono::NaiveDate::from_ymd_opt(2025, 8, 15)
        .and_then(|x| x.and_hms_opt(0, 0, 0))
        .map(|x| x.and_utc().timestamp())
        .expect("ts");
    assert!(server.seen()[0]
        .query
        .starts_with(&format!("period1={p1}&")));
    assert!(!report.written && report.observations_added == 0);
    assert_eq!(run.store.content_digest().expect("digest"), digest);
    // The provider restates the close of 2025-08-18 (230.88999938964844).
    let text = String::from_utf8(fixture("yahoo/chart_AAPL_6mo.json")).expect("utf8");
    let restated = text.replacen(
        "230.88999938964844,230.55999755859375",
        "230.5,230.55999755859375",
        1,
    );
    assert_ne!(restated, text);
    server.route("/v8/finance/chart/AAPL", vec![Reply::json(restated)]);
    server.clear_seen();
    let report = sync(&mut run, &cfg, &["AAPL"], during_aapl_session());
    // The short fetch saw it; the whole history was fetched again.
    assert_eq!(server.hits("/v8/finance/chart/AAPL"), 2);
    match &report.items[0].outcome {
        Outcome::Stored {
            change,
            restated_count,
            restated,
            version,
            refetched_whole,
            ..
        } => {
            assert_eq!(
                (*change, *restated_count, *version, *refetched_whole),
                (SourceChange::Restated, 1, 2, true)
            );
            assert_eq!(restated[0].date, d("2025-08-18"));
            assert_eq!(restated[0].field, Field::Close);
            assert_eq!(
                (restated[0].before, restated[0].after),
                (230.88999938964844, Some(230.5))
            );
        }
        other => panic!("{other:?}"),
    }
    let u = run.store.universe().expect("universe");
    assert_eq!(
        u.get("AAPL", Field::Close)
            .and_then(|s| s.value_on(d("2025-08-18"))),
        Some(230.5)
    );
    // The first version is kept.
    let versions = run.store.source_versions().expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (versions[0].path.as_str(), versions[0].version),
        ("sync/yahoo/AAPL.csv", 1)
    );
    assert_eq!(versions[0].observations, 750);
}

#[test]
fn fred_csv_and_a_series_outside_the_registry() {
    let server = Replay::start().expect("server");
    server.route(
        "/graph/fredgraph.csv",
        vec![Reply::csv(fixture("fred/fredgraph_DGS10.csv"))],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["DGS10"], during_aapl_session());
    assert!(!report.partial, "{report:#?}");
    assert!(server.seen()[0].query.starts_with("id=DGS10"));
    let u = run.store.universe().expect("universe");
    let s = u.get("DGS10", Field::Value).expect("DGS10");
    assert_eq!((s.len(), s.value_on(d("2025-08-22"))), (5, Some(4.26)));
    // An unknown series becomes a rate.
    server.route(
        "/graph/fredgraph.csv",
        vec![Reply::csv(fixture("fred/fredgraph_T10Y2Y.csv"))],
    );
    let report = sync(&mut run, &cfg, &["fred:T10Y2Y"], during_aapl_session());
    assert_eq!(report.learnt, ["T10Y2Y"]);
    let inst = run.store.registry().get("T10Y2Y").expect("learnt");
    assert_eq!(inst.kind, model::InstrumentKind::Rate);
    let u = run.store.universe().expect("universe");
    assert_eq!(u.get("T10Y2Y", Field::Value).map(|s| s.len()), Some(5));
}

#[test]
fn the_fred_api_with_a_key_redacts_it() {
    let server = Replay::start().expect("server");
    server.route(
        "/fred/series/observations",
        vec![Reply::json(fixture("fred/api_observations_DGS10.json"))],
    );
    server.route(
        "/fred/series",
        vec![Reply::json(fixture("fred/api_series_DGS10.json"))],
    );
    let cfg = config(&server, "fred_key");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["DGS10"], during_aapl_session());
    assert!(!report.partial, "{report:#?}");
    let seen = server.seen();
    assert!(
        seen.iter()
            .any(|s| s.path == "/fred/series/observations"
                && s.query.contains("api_key=test-key-123"))
    );
    let u = run.store.universe().expect("universe");
    assert_eq!(u.get("DGS10", Field::Value).map(|s| s.len()), Some(2));
    let origin = u.sources[0].origin.clone().unwrap_or_default();
    assert!(
        origin.contains("api_key=REDACTED") && !origin.contains("test-key-123"),
        "{origin}"
    );
    // An unknown series: 400, no such symbol, not retried.
    server.route(
        "/fred/series/observations",
        vec![Reply::json(fixture("fred/api_bad_series.json")).with_status(400)],
    );
    server.clear_seen();
    let report = sync(&mut run, &cfg, &["fred:NOSUCH"], during_aapl_session());
    let (kind, status, message) = failed(&report, "NOSUCH");
    assert_eq!((kind.as_str(), status), ("no_such_symbol", Some(400)));
    assert!(!message.contains("test-key-123"), "{message}");
    assert_eq!(server.hits("/fred/series/observations"), 1);
}

#[test]
fn a_french_zip_and_the_http_cache() {
    let server = Replay::start().expect("server");
    let path = "/pub/faculty/ken.french/ftp/F-F_Research_Data_Factors_CSV.zip";
    server.route(
        path,
        vec![Reply::ok(
            "application/x-zip-compressed",
            fixture("french/F-F_Research_Data_Factors_CSV.zip"),
        )
        .etag("\"ff-202406\"")],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["SMB"], during_aapl_session());
    assert!(!report.partial, "{report:#?}");
    let u = run.store.universe().expect("universe");
    let smb = u.get("FF_SMB", Field::ReturnPct).expect("SMB");
    assert_eq!((smb.len(), smb.value_on(d("1926-07-01"))), (6, Some(-2.56)));
    assert_eq!(
        u.get("FF_MKT_RF", Field::ReturnPct)
            .and_then(|s| s.value_on(d("1926-12-01"))),
        Some(2.62)
    );
    // Again: revalidated with the ETag, a 304, nothing written.
    let digest = run.store.content_digest().expect("digest");
    server.clear_seen();
    let report = sync(&mut run, &cfg, &["FF_HML"], during_aapl_session());
    assert_eq!(
        server.seen()[0].header("if-none-match"),
        Some("\"ff-202406\"")
    );
    assert!(matches!(
        report.items[0].outcome,
        Outcome::Stored {
            change: SourceChange::Unchanged,
            ..
        }
    ));
    assert_eq!(run.store.content_digest().expect("digest"), digest);
}

#[test]
fn the_cboe_vix_history() {
    let server = Replay::start().expect("server");
    server.route(
        "/api/global/us_indices/daily_prices/VIX_History.csv",
        vec![Reply::csv(fixture("cboe/VIX_History.csv"))],
    );
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["cboe:VIX"], during_aapl_session());
    assert!(!report.partial, "{report:#?}");
    let u = run.store.universe().expect("universe");
    let vix = u.get("^VIX", Field::Close).expect("VIX");
    assert_eq!((vix.len(), vix.value_on(d("2025-08-22"))), (5, Some(14.22)));
}

#[test]
fn stooq_needs_a_key() {
    let server = Replay::start().expect("server");
    let cfg = config(&server, "");
    let mut run = fresh();
    let report = sync(&mut run, &cfg, &["stooq:SPY"], during_aapl_session());
    let (kind, _, message) = failed(&report, "SPY");
    assert_eq!(kind, "no_key");
    assert!(message.contains("STOOQ_API_KEY"), "{message}");
    assert!(server.seen().is_empty());
    // With a key: the documented CSV, the key redacted.
    server.route(
        "/q/d/l/",
        vec![Reply::csv("Date,Open,High,Low,Close,Volume\n2025-08-21,635.1,637.2,631.3,635.55,61000000\n2025-08-22,637.0,646.5,636.1,645.31,84000000\n")],
    );
    let cfg = config(&server, "stooq_key");
    let report = sync(&mut run, &cfg, &["stooq:SPY"], during_aapl_session());
    assert!(!report.partial, "{report:#?}");
    assert!(server.seen()[0].query.starts_with("s=spy.us&i=d"));
    let u = run.store.universe().expect("universe");
    let origin = u.sources[0].origin.clone().unwrap_or_default();
    assert!(origin.contains("apikey=REDACTED") && !origin.contains("test-key-123"));
}

/// The one test that talks to the real providers: skipped unless
/// `MARKETPROOF_LIVE=1`.
#[test]
fn live_providers_answer() {
    if std::env::var("MARKETPROOF_LIVE").ok().as_deref() != Some("1") {
        eprintln!("skipped: live_providers_answer talks to the real providers; set MARKETPROOF_LIVE=1 to run it");
        return;
    }
    let cfg = Config::default();
    let mut run = fresh();
    let report = sync(
        &mut run,
        &cfg,
        &["^GSPC", "NVDA", "DGS10", "SMB", "cboe:VIX"],
        SystemTime::now(),
    );
    for item in &report.items {
        eprintln!("{} {}: {:?}", item.provider, item.symbol, item.outcome);
    }
    assert!(!report.failed, "{report:#?}");
    let u = run.store.universe().expect("universe");
    assert!(u.get("NVDA", Field::Close).is_some_and(|s| s.len() > 1000));
}
