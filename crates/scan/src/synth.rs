//! A seeded synthetic universe, for measuring scale only (never for facts).
//!
//! Series `SYN00001` is the "market": a random walk of daily log returns with
//! about 1 % daily volatility, a small drift and fat-ish tails (one session
//! in fifty has three times the usual move). Every other series is
//! `beta × market + idiosyncratic`, with a total daily volatility drawn
//! between 1 % and 2 %. A quarter of the series list later than the first
//! session (at a random session, keeping at least a year of history), like
//! real instruments do. Sessions come from [`model::calendar`].
//!
//! Closes are kept as integer ticks of 1/10,000 so that the in-memory closes
//! are exactly the numbers a CSV reader gets back from the four-decimal text
//! ([`close_of_ticks`] is a correctly rounded division, as is parsing the
//! decimal).

use chrono::Datelike;
use model::calendar;
use model::Date;

/// Ticks per unit of price.
pub const TICKS_PER_UNIT: i64 = 10_000;

/// Size and seed of a synthetic universe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of series, the market included.
    pub series: usize,
    /// Sessions in the calendar (the longest series).
    pub sessions: usize,
    /// Seed of every random draw.
    pub seed: u64,
    /// Last session of the calendar.
    pub end: Date,
}

impl Spec {
    /// The benchmark size: 5,000 series × 10,000 sessions ending 2026-08-21.
    pub fn full() -> Spec {
        Spec {
            series: 5_000,
            sessions: 10_000,
            seed: 20_260_821,
            end: Date::from_ymd_opt(2026, 8, 21).unwrap_or_default(),
        }
    }
}

/// One synthetic series: it starts at calendar session `first` and has one
/// close (in ticks) per session from there to the end of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSeries {
    /// `SYN00001`, `SYN00002`, ...
    pub symbol: String,
    /// Index of the first session in the calendar.
    pub first: usize,
    /// Closes in ticks of 1/[`TICKS_PER_UNIT`].
    pub ticks: Vec<i64>,
}

/// The close a tick count stands for.
pub fn close_of_ticks(ticks: i64) -> f64 {
    ticks as f64 / TICKS_PER_UNIT as f64
}

/// Symbol of series number `index` (0-based): `SYN00001` for 0.
pub fn symbol(index: usize) -> String {
    format!("SYN{:05}", index + 1)
}

/// The last `spec.sessions` NYSE sessions up to `spec.end`.
pub fn sessions(spec: &Spec) -> Vec<Date> {
    // Generous span: ~252 sessions a year, plus slack for holidays.
    let years = spec.sessions / 240 + 2;
    let years = i32::try_from(years).unwrap_or(i32::MAX);
    let start = Date::from_ymd_opt(spec.end.year() - years, 1, 1).unwrap_or(Date::MIN);
    let all = calendar::sessions_between(start, spec.end);
    all[all.len().saturating_sub(spec.sessions)..].to_vec()
}

/// SplitMix64: small, fast, good enough for a benchmark's random walk.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next_u64();
        r
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller, one of the pair).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    /// Fat-ish tails: a normal, three times wider one session in fifty.
    fn shock(&mut self) -> f64 {
        let z = self.normal();
        if self.uniform() < 0.02 {
            3.0 * z
        } else {
            z
        }
    }
}

const MARKET_VOL: f64 = 0.01;
const DRIFT: f64 = 0.0003;

/// The market's daily log returns, one per calendar session (the first is 0).
pub fn market_log_returns(spec: &Spec) -> Vec<f64> {
    let mut rng = Rng::new(spec.seed, u64::MAX);
    let mut out = Vec::with_capacity(spec.sessions);
    for k in 0..spec.sessions {
        out.push(if k == 0 {
            0.0
        } else {
            DRIFT + MARKET_VOL * rng.shock()
        });
    }
    out
}

/// Series number `index` (0-based) given the market's log returns.
/// Deterministic in (seed, index): series can be generated in any order or
/// in parallel.
pub fn generate(spec: &Spec, market: &[f64], index: usize) -> SynthSeries {
    let mut rng = Rng::new(spec.seed, index as u64);
    let sessions = spec.sessions.min(market.len());
    let (beta, idio_vol, first) = if index == 0 {
        (1.0, 0.0, 0)
    } else {
        let total_vol = 0.01 + 0.01 * rng.uniform();
        let beta = 0.5 + rng.uniform();
        let systematic = beta * MARKET_VOL;
        let idio = (total_vol * total_vol - systematic * systematic)
            .max((0.3 * total_vol).powi(2))
            .sqrt();
        let first = if rng.uniform() < 0.25 {
            let latest = sessions.saturating_sub(260).max(1);
            (rng.uniform() * latest as f64) as usize
        } else {
            0
        };
        (beta, idio, first)
    };
    let mut log_price = (100.0 * (0.2 + 4.8 * rng.uniform())).ln();
    let mut ticks = Vec::with_capacity(sessions.saturating_sub(first));
    for (k, m) in market.iter().enumerate().take(sessions).skip(first) {
        if k > first {
            log_price += beta * m + idio_vol * rng.shock();
        }
        let t = (log_price.exp() * TICKS_PER_UNIT as f64).round() as i64;
        ticks.push(t.max(1));
    }
    SynthSeries {
        symbol: symbol(index),
        first,
        ticks,
    }
}

/// The calendar's dates as ISO text, formatted once for [`write_csv`].
pub fn date_texts(calendar: &[Date]) -> Vec<String> {
    calendar
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect()
}

/// Appends one series in the `Date,Close` import format to `out`;
/// `dates` is [`date_texts`] of the calendar.
pub fn write_csv(series: &SynthSeries, dates: &[String], out: &mut Vec<u8>) {
    use std::io::Write;
    out.extend_from_slice(b"Date,Close\n");
    for (t, d) in series
        .ticks
        .iter()
        .zip(&dates[series.first.min(dates.len())..])
    {
        let _ = writeln!(out, "{d},{}.{:04}", t / TICKS_PER_UNIT, t % TICKS_PER_UNIT);
    }
}
