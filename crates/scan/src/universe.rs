//! Scanning a whole [`Universe`]: which series are scanned, against which
//! benchmark, and the ranked rows with their provenance (instrument, field,
//! source files and the dates read), plus one [`Fact`] per figure so that
//! every printed number can be traced.
//!
//! Scanned: every daily `close` and `adj_close` series of an index, an ETF
//! or a synthetic instrument (`[[family]]` members of the registry), each
//! cut at the as-of date when one is given. The benchmark of the relative
//! streak is the S&P 500 close by default ([`BENCHMARK`]; the synthetic
//! universe's market is `SYN00001`), cut at the same date.
//! Volatility indices ([`is_volatility_index`]) are left out of the
//! drawdown score ([`crate::rank::rarity_with`]).

use crate::kernel::{scan_all, Benchmark, Metrics, SeriesRef, Streak};
use crate::rank::{rank, rarity_with, Rarity};
use chrono::Datelike;
use model::fact::Detail;
use model::{
    Date, Fact, FactInput, FactValue, Field, Frequency, Instrument, InstrumentKind, Method,
    Registry, Series, SeriesKey, Unit, Universe,
};
use std::collections::BTreeMap;

/// Instrument whose close is the default benchmark of the relative streak.
pub const BENCHMARK: &str = "^GSPC";

/// Version of every `scan.*` method but `scan.rarity` (docs/methods.md).
pub const METHOD_VERSION: u32 = 1;

/// Version of `scan.rarity` (docs/methods.md): v2 adds the minimum history
/// ([`crate::rank::MIN_HISTORY_SESSIONS`]).
pub const RARITY_METHOD_VERSION: u32 = 2;

/// Whether the scan reads this series: a daily close or adjusted close of
/// an index, an ETF or a synthetic instrument.
pub fn is_scanned(instrument: &Instrument, field: Field) -> bool {
    matches!(field, Field::Close | Field::AdjClose)
        && instrument.frequency == Frequency::Daily
        && matches!(
            instrument.kind,
            InstrumentKind::Index | InstrumentKind::Etf | InstrumentKind::Synthetic
        )
}

/// A volatility index (VIX, MOVE, VolDex, TailDex): an index whose name,
/// aliases or registry description say "volatility". Its level
/// mean-reverts, so a deep drawdown from a spike is its normal state.
pub fn is_volatility_index(instrument: &Instrument) -> bool {
    let says = |text: &str| text.to_ascii_lowercase().contains("volatility");
    instrument.kind == InstrumentKind::Index
        && (says(&instrument.name)
            || instrument.aliases.iter().any(|a| says(a))
            || instrument.description.as_deref().is_some_and(says))
}

/// One scanned series in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanRow<'u> {
    /// 1-based rank by rarity.
    pub rank: usize,
    /// The series read.
    pub series: &'u Series,
    /// Its instrument.
    pub instrument: &'u Instrument,
    /// Observations read: `series` cut at the as-of date.
    pub sessions: usize,
    /// Every figure, as of the last date read.
    pub metrics: Metrics,
    /// The rarity score and its parts.
    pub rarity: Rarity,
    /// Whether the drawdown counted in the rarity (false for volatility indices).
    pub drawdown_scored: bool,
}

impl ScanRow<'_> {
    /// The series key (instrument and field).
    pub fn key(&self) -> &SeriesKey {
        self.series.key()
    }

    /// First and last date read.
    pub fn range(&self) -> (Date, Date) {
        let dates = &self.series.dates()[..self.sessions];
        (
            dates.first().copied().unwrap_or(self.metrics.last_date),
            self.metrics.last_date,
        )
    }
}

/// The result of [`scan_universe`].
#[derive(Debug, Clone)]
pub struct UniverseScan<'u> {
    /// The cut-off date, if one was given.
    pub as_of: Option<Date>,
    /// The benchmark series, cut at `as_of` (`sessions` observations).
    pub benchmark: Option<(&'u Series, usize)>,
    /// Series scanned.
    pub scanned: usize,
    /// Observations read over all scanned series.
    pub points: usize,
    /// Every scanned series with at least one observation, by rank.
    pub rows: Vec<ScanRow<'u>>,
}

/// Scans every series [`is_scanned`] selects, cut at `as_of`, against the
/// close of `benchmark` (e.g. [`BENCHMARK`]; no relative streak when the
/// store has no such close), on `threads` threads, and ranks them by rarity.
pub fn scan_universe<'u>(
    universe: &'u Universe,
    registry: &'u Registry,
    as_of: Option<Date>,
    benchmark: &str,
    threads: usize,
) -> UniverseScan<'u> {
    let cut = |s: &Series| as_of.map_or(s.len(), |d| s.len_as_of(d));
    let picked: Vec<(&Series, &Instrument, usize)> = universe
        .series
        .values()
        .filter_map(|s| {
            let inst = registry.get(&s.key().instrument)?;
            // One series per instrument: the as-printed close when the store
            // has it, the adjusted close only for instruments without one
            // (^RUT's Adj Close column, which stops in 2024, is not scanned).
            let has_close = s.key().field == Field::AdjClose
                && universe.get(&s.key().instrument, Field::Close).is_some();
            (is_scanned(inst, s.key().field) && !has_close).then(|| (s, inst, cut(s)))
        })
        .collect();
    let bench_series = universe
        .get(benchmark, Field::Close)
        .map(|s| (s, cut(s)))
        .filter(|(_, n)| *n > 0);
    let benchmark = bench_series.map(|(s, n)| {
        Benchmark::new(SeriesRef {
            dates: &s.dates()[..n],
            closes: &s.values()[..n],
        })
    });
    let refs: Vec<SeriesRef<'_>> = picked
        .iter()
        .map(|(s, _, n)| SeriesRef {
            dates: &s.dates()[..*n],
            closes: &s.values()[..*n],
        })
        .collect();
    let metrics = scan_all(&refs, benchmark.as_ref(), threads);
    let scored: Vec<bool> = picked
        .iter()
        .map(|(_, inst, _)| !is_volatility_index(inst))
        .collect();
    let rarities = rarity_with(&metrics, |i| scored[i]);
    let order = rank(&rarities);
    let mut rows = Vec::with_capacity(order.len());
    for i in order {
        let Some(m) = metrics[i] else { continue };
        let (series, instrument, sessions) = picked[i];
        rows.push(ScanRow {
            rank: rows.len() + 1,
            series,
            instrument,
            sessions,
            metrics: m,
            rarity: rarities[i],
            drawdown_scored: scored[i],
        });
    }
    UniverseScan {
        as_of,
        benchmark: bench_series,
        scanned: picked.len(),
        points: picked.iter().map(|(_, _, n)| n).sum(),
        rows,
    }
}

/// The paths of the sources of `series[range]`, in order of first use.
pub fn source_paths(
    universe: &Universe,
    series: &Series,
    range: std::ops::Range<usize>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (id, _, _) in series.source_runs(range) {
        let path = universe
            .source(id)
            .map_or_else(|| format!("source {}", id.0), |s| s.path.clone());
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

/// Fact inputs for `series[range]`: one per run of a single source.
fn inputs(universe: &Universe, series: &Series, range: std::ops::Range<usize>) -> Vec<FactInput> {
    series
        .source_runs(range)
        .into_iter()
        .map(|(source, from, to)| FactInput {
            instrument: series.key().instrument.clone(),
            field: series.key().field,
            source,
            source_path: universe
                .source(source)
                .map_or_else(String::new, |s| s.path.clone()),
            from,
            to,
        })
        .collect()
}

fn pct(x: f64) -> f64 {
    x * 100.0
}

fn sessions_word(n: i64) -> &'static str {
    if n == 1 {
        "session"
    } else {
        "sessions"
    }
}

/// One [`Fact`] per figure of `row` (methods `scan.*` v1, `scan.rarity` v2, in
/// docs/methods.md), each citing exactly the observations it read: the
/// last two closes for the daily return, the last 22 for the one-month
/// return, from the prior year's last close for year-to-date, the whole
/// history for streaks, records and drawdown, the last 21 closes for
/// volatility and the last 200 for the moving-average gap; the relative
/// streak also cites the benchmark.
pub fn facts(universe: &Universe, scan: &UniverseScan<'_>, row: &ScanRow<'_>) -> Vec<Fact> {
    let m = &row.metrics;
    let s = row.series;
    let n = row.sessions;
    let sym = s.key().instrument.clone();
    let dates = &s.dates()[..n];
    let as_of = m.last_date;
    let mk = |kind: &str,
              method: &str,
              from: usize,
              value: FactValue,
              unit: Unit,
              text: String,
              details: BTreeMap<String, Detail>| Fact {
        id: String::new(),
        kind: kind.to_string(),
        subjects: vec![sym.clone()],
        as_of,
        window: Some((dates[from], as_of)),
        value,
        unit,
        method: Method::new(method, METHOD_VERSION),
        inputs: inputs(universe, s, from..n),
        details,
        text,
    };
    let name = &row.instrument.name;
    let mut out = Vec::new();
    let returns = [
        ("return_1d", m.return_1d, n.checked_sub(2), "1-day return"),
        (
            "return_1m",
            m.return_1m,
            n.checked_sub(crate::MONTH_SESSIONS + 1),
            "1-month (21-session) return",
        ),
        (
            "return_ytd",
            m.return_ytd,
            ytd_base(dates),
            "year-to-date return",
        ),
    ];
    for (kind, value, base, label) in returns {
        let (Some(v), Some(base)) = (value, base) else {
            continue;
        };
        let mut details = BTreeMap::new();
        details.insert("base_date".into(), Detail::date(dates[base]));
        details.insert(
            "base_close".into(),
            Detail::number(s.values()[base], Unit::Points),
        );
        details.insert("close".into(), Detail::number(m.close, Unit::Points));
        out.push(mk(
            kind,
            "scan.return",
            base,
            FactValue::Number(pct(v)),
            Unit::Percent,
            format!(
                "{name}'s {label} to {as_of} was {:+.2}% (from {} on {}).",
                pct(v),
                s.values()[base],
                dates[base]
            ),
            details,
        ));
    }
    let streak_fact = |kind: &str, st: &Streak, vs: Option<&str>| -> Option<Fact> {
        if st.length_sessions == 0 {
            return None;
        }
        let len = i64::from(st.length_sessions);
        let start = n.checked_sub(usize::try_from(len.unsigned_abs()).ok()? + 1)?;
        let mut details = BTreeMap::new();
        details.insert(
            "history_sessions".into(),
            Detail::integer(i64::from(st.history_sessions), Unit::Sessions),
        );
        let since = match st.since_sessions {
            Some(k) => {
                details.insert(
                    "since_sessions".into(),
                    Detail::integer(i64::from(k), Unit::Sessions),
                );
                format!("the longest in {k} sessions")
            }
            None => {
                details.insert("on_record".into(), Detail::text("true"));
                "the longest on record".to_string()
            }
        };
        let what = match (vs, len > 0) {
            (None, true) => "rose".to_string(),
            (None, false) => "fell".to_string(),
            (Some(b), true) => format!("beat {b}"),
            (Some(b), false) => format!("lagged {b}"),
        };
        let mut fact = mk(
            kind,
            "scan.streak",
            0,
            FactValue::Integer(len),
            Unit::Sessions,
            format!(
                "{name} {what} {} {} in a row to {as_of}, {since}.",
                len.abs(),
                sessions_word(len.abs())
            ),
            details,
        );
        fact.window = Some((dates[start + 1], as_of));
        if let (Some(b), Some((bs, bn))) = (vs, scan.benchmark) {
            fact.subjects.push(b.to_string());
            let bn = bs.len_as_of(as_of).min(bn);
            fact.inputs.extend(inputs(universe, bs, 0..bn));
        }
        Some(fact)
    };
    out.extend(streak_fact("streak", &m.streak, None));
    if let Some(rel) = &m.relative_streak {
        let bench = scan.benchmark.map(|(b, _)| b.key().instrument.as_str());
        out.extend(streak_fact("relative_streak", rel, bench));
    }
    let mut details = BTreeMap::new();
    details.insert(
        "sessions_since_record".into(),
        Detail::integer(i64::from(m.sessions_since_record), Unit::Sessions),
    );
    let record_date = n
        .checked_sub(1 + m.sessions_since_record as usize)
        .map(|i| dates[i]);
    if let Some(d) = record_date {
        details.insert("record_date".into(), Detail::date(d));
    }
    if let Some(gap) = m.record_gap_sessions {
        details.insert(
            "previous_record_gap_sessions".into(),
            Detail::integer(i64::from(gap), Unit::Sessions),
        );
    }
    out.push(mk(
        "record_close",
        "scan.record",
        0,
        FactValue::Bool(m.record_close),
        Unit::Bool,
        if m.record_close {
            match m.record_gap_sessions {
                Some(g) => format!(
                    "{name} closed at a record {} on {as_of}, {g} sessions after the previous record close.",
                    m.close
                ),
                None => format!("{name} closed at a record {} on {as_of}.", m.close),
            }
        } else {
            format!(
                "{name} closed at {} on {as_of}, {} sessions after its record close{}.",
                m.close,
                m.sessions_since_record,
                record_date.map_or_else(String::new, |d| format!(" of {d}"))
            )
        },
        details,
    ));
    out.push(mk(
        "drawdown",
        "scan.drawdown",
        0,
        FactValue::Number(pct(m.drawdown)),
        Unit::Percent,
        format!(
            "{name} closed {:.2}% below its record close on {as_of}.",
            -pct(m.drawdown)
        ),
        BTreeMap::new(),
    ));
    if let (Some(v), Some(from)) = (
        m.volatility_20d,
        n.checked_sub(crate::VOLATILITY_SESSIONS + 1),
    ) {
        out.push(mk(
            "volatility_20d",
            "scan.volatility",
            from,
            FactValue::Number(pct(v)),
            Unit::Percent,
            format!(
                "{name}'s daily returns over the 20 sessions to {as_of} had a standard deviation of {:.2}% (not annualised).",
                pct(v)
            ),
            BTreeMap::new(),
        ));
    }
    if let (Some(v), Some(from)) = (m.sma200_gap, n.checked_sub(crate::SMA_SESSIONS)) {
        out.push(mk(
            "sma200_gap",
            "scan.sma_gap",
            from,
            FactValue::Number(pct(v)),
            Unit::Percent,
            format!(
                "{name} closed {:.2}% {} its 200-session average on {as_of}.",
                pct(v).abs(),
                if v >= 0.0 { "above" } else { "below" }
            ),
            BTreeMap::new(),
        ));
    }
    let r = &row.rarity;
    let mut details = BTreeMap::new();
    for (k, v) in [
        ("streak_score", r.streak),
        ("relative_streak_score", r.relative_streak),
        ("record_score", r.record),
        ("drawdown_score", r.drawdown),
    ] {
        details.insert(k.into(), Detail::number(v, Unit::Ratio));
    }
    details.insert(
        "rank".into(),
        Detail::integer(i64::try_from(row.rank).unwrap_or(i64::MAX), Unit::Rank),
    );
    details.insert(
        "drawdown_scored".into(),
        Detail::text(if row.drawdown_scored { "true" } else { "false" }),
    );
    if let Some(note) = r.note() {
        details.insert("rarity_note".into(), Detail::text(note));
    }
    let mut rarity = mk(
        "rarity",
        "scan.rarity",
        0,
        FactValue::Number(r.score),
        Unit::Ratio,
        format!(
            "{name} ranks {} of {} scanned series by rarity on {as_of} (score {:.3}{}).",
            row.rank,
            scan.rows.len(),
            r.score,
            r.note().map_or_else(String::new, |n| format!(
                "; {n}: no streak or drawdown score, ranked after the longer series"
            ))
        ),
        details,
    );
    rarity.method = Method::new("scan.rarity", RARITY_METHOD_VERSION);
    out.push(rarity);
    if s.key().field == Field::AdjClose {
        mark_adjusted(&mut out);
    }
    out
}

/// Flags Facts read from dividend-adjusted closes as the fact engine does
/// (docs/methods.md): `adjusted`, `price_basis` (a level restated for
/// dividends paid later, not the price it traded at), `return_basis` (a
/// ratio of adjusted closes is a total return); a return's sentence says
/// "total return" and names the adjusted base close.
fn mark_adjusted(facts: &mut [Fact]) {
    for f in facts {
        f.details.insert(
            "adjusted".into(),
            Detail {
                value: FactValue::Bool(true),
                unit: Unit::Bool,
            },
        );
        f.details.insert(
            "price_basis".into(),
            Detail::text("dividend-adjusted close"),
        );
        f.details
            .insert("return_basis".into(), Detail::text("total return"));
        if f.method.id == "scan.return" {
            f.text = f
                .text
                .replacen(" return to ", " total return to ", 1)
                .replacen("(from ", "(from the dividend-adjusted close ", 1);
        }
    }
}

/// Index of the last close of the year before the last date's year, if the
/// series has one.
fn ytd_base(dates: &[Date]) -> Option<usize> {
    let last = dates.last()?;
    let jan1 = Date::from_ymd_opt(last.year(), 1, 1)?;
    dates.partition_point(|d| *d < jan1).checked_sub(1)
}
