//! `marketproof scan [--as-of D] [--top N]`: every daily index, ETF (and
//! synthetic) close in the store scanned in one pass against the S&P 500,
//! ranked by rarity (`scan::universe`). Text prints a table of the top N;
//! JSON prints each row with its instrument, field, source paths and the
//! dates read, its figures and one cited Fact per figure (`scan.*` methods,
//! docs/methods.md). `--format csv` prints every figure of the top N
//! with a header row; `md` a Markdown table.
//!
//! **Rarity** (method `scan.rarity`, printed under the table): the largest
//! of four scores in [0, 1] — a streak's "sessions since one as long" over
//! the series' history (1 = longest on record), the same for the streak
//! against the benchmark, a record close's sessions since the previous
//! record over the history, and in a correction the share of scanned
//! series with a shallower drawdown. Series with under five years of
//! history get no streak or drawdown score (`*`).

use crate::app::{self, GlobalArgs, OutputFormat};
use crate::table::Table;
use model::{Date, Fact, Field};
use scan::universe::{self, ScanRow, UniverseScan};
use serde::Serialize;
use std::fmt::Write;

/// Arguments of `scan`.
#[derive(Debug, clap::Args)]
pub(crate) struct ScanArgs {
    /// Read nothing dated after this day (YYYY-MM-DD) [default: everything].
    #[arg(long, value_parser = app::parse_date)]
    pub(crate) as_of: Option<Date>,
    /// How many series to print, rarest first.
    #[arg(long, default_value_t = 10)]
    pub(crate) top: usize,
    /// The instrument whose close the relative streak is measured against
    /// (an index or fund in the store; `SYN00001` is the market of the
    /// synthetic universe).
    #[arg(long, default_value = scan::universe::BENCHMARK, value_name = "SYMBOL")]
    pub(crate) benchmark: String,
}

#[derive(Serialize)]
struct Output<'a> {
    as_of: Option<Date>,
    benchmark: Option<Benchmark<'a>>,
    scanned: usize,
    observations: usize,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Benchmark<'a> {
    instrument: &'a str,
    field: Field,
    from: Option<Date>,
    to: Option<Date>,
}

#[derive(Serialize)]
struct Row<'a> {
    rank: usize,
    instrument: &'a str,
    name: &'a str,
    kind: model::InstrumentKind,
    field: Field,
    sources: Vec<String>,
    from: Date,
    to: Date,
    sessions: usize,
    close: f64,
    return_1d_pct: Option<f64>,
    return_1m_pct: Option<f64>,
    return_ytd_pct: Option<f64>,
    streak_sessions: i32,
    streak_since_sessions: Option<u32>,
    relative_streak_sessions: Option<i32>,
    relative_streak_since_sessions: Option<u32>,
    record_close: bool,
    sessions_since_record: u32,
    record_gap_sessions: Option<u32>,
    drawdown_pct: f64,
    volatility_20d_pct: Option<f64>,
    sma200_gap_pct: Option<f64>,
    rarity: f64,
    rarity_streak: f64,
    rarity_relative_streak: f64,
    rarity_record: f64,
    rarity_drawdown: f64,
    /// Why the rarity is limited (e.g. "history under 5 years"), if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    rarity_note: Option<&'static str>,
    drawdown_scored: bool,
    /// The series ends before the scan's latest session: its figures are
    /// as of its own last close.
    stale: bool,
    facts: Vec<Fact>,
}

fn pct(x: Option<f64>) -> Option<f64> {
    x.map(|v| v * 100.0)
}

fn row<'a>(universe: &model::Universe, scan: &UniverseScan<'a>, r: &ScanRow<'a>) -> Row<'a> {
    let m = &r.metrics;
    let (from, to) = r.range();
    let rel = m.relative_streak;
    let (series, inst): (&'a model::Series, &'a model::Instrument) = (r.series, r.instrument);
    Row {
        rank: r.rank,
        instrument: &series.key().instrument,
        name: &inst.name,
        kind: inst.kind,
        field: series.key().field,
        sources: universe::source_paths(universe, r.series, 0..r.sessions),
        from,
        to,
        sessions: r.sessions,
        close: m.close,
        return_1d_pct: pct(m.return_1d),
        return_1m_pct: pct(m.return_1m),
        return_ytd_pct: pct(m.return_ytd),
        streak_sessions: m.streak.length_sessions,
        streak_since_sessions: m.streak.since_sessions,
        relative_streak_sessions: rel.map(|s| s.length_sessions),
        relative_streak_since_sessions: rel.and_then(|s| s.since_sessions),
        record_close: m.record_close,
        sessions_since_record: m.sessions_since_record,
        record_gap_sessions: m.record_gap_sessions,
        drawdown_pct: m.drawdown * 100.0,
        volatility_20d_pct: pct(m.volatility_20d),
        sma200_gap_pct: pct(m.sma200_gap),
        rarity: r.rarity.score,
        rarity_streak: r.rarity.streak,
        rarity_relative_streak: r.rarity.relative_streak,
        rarity_record: r.rarity.record,
        rarity_drawdown: r.rarity.drawdown,
        rarity_note: r.rarity.note(),
        drawdown_scored: r.drawdown_scored,
        stale: false,
        facts: universe::facts(universe, scan, r),
    }
}

pub(crate) fn run(global: &GlobalArgs, args: &ScanArgs) -> anyhow::Result<()> {
    let format = app::resolve_format(
        global,
        "scan",
        None,
        &[
            OutputFormat::Text,
            OutputFormat::Json,
            OutputFormat::Csv,
            OutputFormat::Md,
        ],
    )?;
    let (store, universe) = app::open_universe(global)?;
    if universe.series.is_empty() {
        anyhow::bail!(
            "no daily index or ETF closes in the store; import data first with `marketproof import DIR`"
        );
    }
    let latest = app::latest_session(&universe);
    if let (Some(as_of), Some(last)) = (args.as_of, latest) {
        if as_of > last {
            anyhow::bail!(
                "--as-of {as_of} is after the latest session in the store ({last}); \
                 pick a date up to {last} or import newer data"
            );
        }
    }
    // The benchmark must be a daily close the store holds.
    let registry = store.registry();
    let bench = registry
        .resolve(&args.benchmark)
        .or_else(|| registry.get(&args.benchmark))
        .or_else(|| registry.by_file_stem(&args.benchmark))
        .map(|i| i.symbol.clone())
        .ok_or_else(|| {
            crate::suggest::unknown_instrument(registry, &args.benchmark, "marketproof sources")
        })?;
    if universe.get(&bench, Field::Close).is_none()
        && universe.get(&bench, Field::AdjClose).is_none()
    {
        anyhow::bail!(
            "--benchmark {}: the store has no daily closes for it; use an index or fund that \
             `marketproof sources` lists with a close field",
            args.benchmark
        );
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let scan = universe::scan_universe(&universe, store.registry(), args.as_of, &bench, threads);
    if scan.scanned == 0 {
        anyhow::bail!(
            "no daily index or ETF closes in the store; import data first with `marketproof import DIR`"
        );
    }
    let top = &scan.rows[..args.top.min(scan.rows.len())];
    // The scan's own latest session: a series ending before it is stale.
    let newest = scan.rows.iter().map(|r| r.metrics.last_date).max();
    match format {
        OutputFormat::Json => {
            let out = Output {
                as_of: scan.as_of,
                benchmark: scan.benchmark.map(|(s, n)| Benchmark {
                    instrument: &s.key().instrument,
                    field: s.key().field,
                    from: s.dates().first().copied(),
                    to: s.dates()[..n].last().copied(),
                }),
                scanned: scan.scanned,
                observations: scan.points,
                rows: top
                    .iter()
                    .map(|r| {
                        let mut x = row(&universe, &scan, r);
                        x.stale = newest.is_some_and(|n| r.metrics.last_date < n);
                        x
                    })
                    .collect(),
            };
            app::print_json(&out)
        }
        OutputFormat::Csv | OutputFormat::Md => {
            app::print_text(&table(&scan, top, newest).render(format))
        }
        _ => app::print_text(&render(&universe, &scan, top, newest)),
    }
}

/// The top rows as a table for CSV and Markdown: one column per figure,
/// percentages in percent, a `stale` column.
fn table(scan: &UniverseScan<'_>, top: &[ScanRow<'_>], newest: Option<Date>) -> Table {
    let mut t = Table::new(
        match scan.as_of {
            Some(d) => format!("Scan as of {d}, rarest first"),
            None => "Scan, rarest first".to_string(),
        },
        &[
            ("rank", true),
            ("symbol", false),
            ("field", false),
            ("last_date", false),
            ("stale", false),
            ("close", true),
            ("rarity", true),
            ("return_1d_pct", true),
            ("return_1m_pct", true),
            ("return_ytd_pct", true),
            ("streak_sessions", true),
            ("relative_streak_sessions", true),
            ("record_close", false),
            ("drawdown_pct", true),
            ("volatility_20d_pct", true),
            ("sma200_gap_pct", true),
        ],
    );
    let pct = |x: Option<f64>| x.map_or(String::new(), |v| format!("{:.4}", v * 100.0));
    for r in top {
        let m = &r.metrics;
        t.push(vec![
            r.rank.to_string(),
            r.key().instrument.clone(),
            r.key().field.as_str().to_string(),
            m.last_date.to_string(),
            newest.is_some_and(|n| m.last_date < n).to_string(),
            crate::table::clean_number(m.close),
            format!("{:.4}", r.rarity.score),
            pct(m.return_1d),
            pct(m.return_1m),
            pct(m.return_ytd),
            m.streak.length_sessions.to_string(),
            m.relative_streak
                .map_or(String::new(), |s| s.length_sessions.to_string()),
            m.record_close.to_string(),
            format!("{:.4}", m.drawdown * 100.0),
            pct(m.volatility_20d),
            pct(m.sma200_gap),
        ]);
    }
    t
}

fn render(
    universe: &model::Universe,
    scan: &UniverseScan<'_>,
    top: &[ScanRow<'_>],
    newest: Option<Date>,
) -> String {
    let mut out = String::new();
    let bench = scan.benchmark.map_or_else(
        || "no benchmark close in the store".to_string(),
        |(s, _)| format!("relative to {} {}", s.key().instrument, s.key().field),
    );
    let _ = writeln!(
        out,
        "{} series scanned ({} closes){}, {bench}; rarest first:\n",
        scan.scanned,
        app::thousands(scan.points),
        scan.as_of
            .map_or_else(String::new, |d| format!(" as of {d}"))
    );
    let _ = writeln!(
        out,
        "{:>4} {:<10} {:<9} {:<11} {:>6} {:>8} {:>8} {:>8} {:>12} {:>12} {:>9} {:>8} {:>7} {:>8}",
        "rank",
        "symbol",
        "field",
        "last",
        "rarity",
        "1d %",
        "1m %",
        "ytd %",
        "streak",
        "relative",
        "record",
        "drawdn %",
        "vol %",
        "sma200 %"
    );
    let num = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{:+.2}", v * 100.0));
    let streak = |len: i32, since: Option<u32>| {
        if len == 0 {
            "0".to_string()
        } else {
            match since {
                Some(k) => format!("{len:+} ({k})"),
                None => format!("{len:+} (rec)"),
            }
        }
    };
    for r in top {
        let m = &r.metrics;
        let record = match (m.record_close, m.record_gap_sessions) {
            (true, Some(g)) => format!("new ({g})"),
            (true, None) => "new".to_string(),
            (false, _) => format!("-{}", m.sessions_since_record),
        };
        let stale = newest.is_some_and(|n| m.last_date < n);
        let _ = writeln!(
            out,
            "{:>4} {:<10} {:<9} {:<11} {:>6} {:>8} {:>8} {:>8} {:>12} {:>12} {:>9} {:>8.2} {:>7} {:>8}",
            r.rank,
            r.key().instrument,
            r.key().field.as_str(),
            format!("{}{}", m.last_date, if stale { "!" } else { "" }),
            // A `*` marks a rarity limited by a short history (see the footer).
            format!(
                "{:.3}{}",
                r.rarity.score,
                if r.rarity.note().is_some() { "*" } else { "" }
            ),
            num(m.return_1d),
            num(m.return_1m),
            num(m.return_ytd),
            streak(m.streak.length_sessions, m.streak.since_sessions),
            m.relative_streak.map_or_else(
                || "-".to_string(),
                |s| streak(s.length_sessions, s.since_sessions)
            ),
            record,
            m.drawdown * 100.0,
            m.volatility_20d
                .map_or_else(|| "-".to_string(), |v| format!("{:.2}", v * 100.0)),
            num(m.sma200_gap),
        );
    }
    let _ = writeln!(
        out,
        "\nstreak: sessions in a row (+ up, - down) and, in brackets, sessions since a streak as long \
         (rec = longest on record); record: `new (g)` = record close g sessions after the previous \
         one, `-k` = k sessions since the last record close; vol: 20-session standard deviation of \
         daily returns (not annualised). Volatility indices are left out of the drawdown score. \
         rarity*: {}, so no streak or drawdown score.",
        scan::rank::SHORT_HISTORY_NOTE
    );
    let _ = writeln!(
        out,
        "\nrarity (method scan.rarity, docs/methods.md): from 0 (ordinary) to 1 (not seen in the \
         series' history), the largest of four scores: streak = sessions since a streak as long \
         over the sessions of history (1 = longest on record); relative = the same against the \
         benchmark; record = for a record close, sessions since the previous record over the \
         history; drawdown = in a correction, the share of scanned series with a shallower \
         drawdown. The table is ranked by it."
    );
    if let Some(n) = newest {
        if top.iter().any(|r| r.metrics.last_date < n) {
            let _ = writeln!(
                out,
                "last!: the series ends before the scan's latest session ({n}); its figures are as of its own last close."
            );
        }
    }
    let _ = writeln!(out, "\nsources:");
    for r in top {
        let (from, to) = r.range();
        let _ = writeln!(
            out,
            "  {} {}: {from}..{to}, {}",
            r.key().instrument,
            r.key().field.as_str(),
            universe::source_paths(universe, r.series, 0..r.sessions).join(", ")
        );
    }
    let _ = writeln!(
        out,
        "\n`--format json` prints every figure with its Fact (method, inputs, sources)."
    );
    out
}
