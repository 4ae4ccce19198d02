//! `marketproof scan [--as-of D] [--top N]`: every daily index, ETF (and
//! synthetic) close in the store scanned in one pass against the S&P 500,
//! ranked by rarity (`scan::universe`). Text prints a table of the top N;
//! JSON prints each row with its instrument, field, source paths and the
//! dates read, its figures and one cited Fact per figure (`scan.*` methods,
//! docs/methods.md).

use crate::app::{self, GlobalArgs, OutputFormat};
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
    /// (`SYN00001` is the market of the synthetic universe).
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
        facts: universe::facts(universe, scan, r),
    }
}

pub(crate) fn run(global: &GlobalArgs, args: &ScanArgs) -> anyhow::Result<()> {
    let (store, universe) = app::open_universe(global)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let scan = universe::scan_universe(
        &universe,
        store.registry(),
        args.as_of,
        &args.benchmark,
        threads,
    );
    if scan.scanned == 0 {
        anyhow::bail!(
            "no daily index or ETF closes in the store; import data first with `marketproof import DIR`"
        );
    }
    let top = &scan.rows[..args.top.min(scan.rows.len())];
    match global.format {
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
                rows: top.iter().map(|r| row(&universe, &scan, r)).collect(),
            };
            app::print_json(&out)
        }
        OutputFormat::Text | OutputFormat::Md | OutputFormat::Html => {
            app::print_text(&render(&universe, &scan, top))
        }
    }
}

fn render(universe: &model::Universe, scan: &UniverseScan<'_>, top: &[ScanRow<'_>]) -> String {
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
        "{:>4} {:<10} {:<9} {:<10} {:>6} {:>8} {:>8} {:>8} {:>12} {:>12} {:>9} {:>8} {:>7} {:>8}",
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
        let _ = writeln!(
            out,
            "{:>4} {:<10} {:<9} {:<10} {:>6} {:>8} {:>8} {:>8} {:>12} {:>12} {:>9} {:>8.2} {:>7} {:>8}",
            r.rank,
            r.key().instrument,
            r.key().field.as_str(),
            m.last_date,
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
