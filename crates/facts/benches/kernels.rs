//! Kernel benchmarks on the longest real series (^GSPC close, ~24.8k
//! sessions from 1927), plus a few end-to-end `Engine::fact` calls.
//! Run: `cargo bench -p facts --bench kernels`.

use divan::{black_box, Bencher};
use facts::kernels::{
    base_rate, cross_section, drawdown, moves, moving_average, rates, records, returns, streaks,
    volatility,
};
use facts::Engine;
use model::{Date, Direction, Field, Query, Universe};

fn main() {
    divan::main();
}

fn universe() -> &'static Universe {
    store::testing::shared_universe().expect("benchmarks need ../shared/market-data")
}

fn gspc() -> (&'static [Date], &'static [f64]) {
    let s = universe().get("^GSPC", Field::Close).expect("^GSPC close");
    (s.dates(), s.values())
}

#[divan::bench]
fn daily_returns(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| returns::daily_returns(black_box(c)));
}

#[divan::bench]
fn monthly_period_history(b: Bencher) {
    let (d, c) = gspc();
    let as_of = *d.last().expect("dates");
    b.bench(|| {
        returns::period_history(
            black_box(d),
            black_box(c),
            returns::CalendarKind::Month,
            None,
            None,
            as_of,
        )
    });
}

#[divan::bench]
fn streak_up_stats(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| {
        let hits = streaks::up_hits(black_box(c));
        streaks::streak_stats(&hits, hits.len() - 1)
    });
}

#[divan::bench]
fn streak_relative_rut_vs_gspc(b: Bencher) {
    let (gd, gc) = gspc();
    let r = universe().get("^RUT", Field::Close).expect("^RUT");
    b.bench(|| {
        let g = streaks::common_grid(r.dates(), r.values(), black_box(gd), black_box(gc));
        let hits = streaks::relative_hits(&g.a, &g.b, true);
        streaks::streak_stats(&hits, hits.len() - 1)
    });
}

#[divan::bench]
fn record_status(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| records::record_status(black_box(c), c.len() - 1));
}

#[divan::bench]
fn lowest_since(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| records::lowest_since(black_box(c), c.len() - 1));
}

#[divan::bench]
fn daily_move_rank(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| moves::daily_move(black_box(c), c.len() - 1));
}

#[divan::bench]
fn volatility_all_returns(b: Bencher) {
    let (_, c) = gspc();
    let r = returns::daily_returns(c);
    b.bench(|| volatility::std_dev_pct(black_box(&r), true, true));
}

#[divan::bench]
fn drawdown_series(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| drawdown::drawdown_series_pct(black_box(c)));
}

#[divan::bench]
fn drawdown_at_last(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| drawdown::drawdown_at(black_box(c), c.len() - 1));
}

#[divan::bench]
fn sma_200(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| moving_average::sma(black_box(c), 200));
}

#[divan::bench]
fn ma_position_200(b: Bencher) {
    let (_, c) = gspc();
    b.bench(|| moving_average::ma_position(black_box(c), 200, c.len() - 1));
}

#[divan::bench]
fn cross_section_rank_11(b: Bencher) {
    let members: Vec<(String, f64)> = (0..11)
        .map(|k| (format!("X{k}"), (k as f64 * 0.37).sin()))
        .collect();
    b.bench(|| cross_section::rank_members(black_box(&members)));
}

#[divan::bench]
fn base_rate_french_size_10y(b: Bencher) {
    let u = universe();
    let a = u.get("FF_ME_LO30", Field::ReturnPct).expect("FF_ME_LO30");
    let z = u.get("FF_ME_HI30", Field::ReturnPct).expect("FF_ME_HI30");
    b.bench(|| {
        base_rate::rolling_base_rate(a.dates(), black_box(a.values()), black_box(z.values()), 120)
    });
}

#[divan::bench]
fn monthly_from_daily(b: Bencher) {
    let (d, c) = gspc();
    b.bench(|| base_rate::monthly_returns_from_daily(black_box(d), black_box(c)));
}

#[divan::bench]
fn rate_decisions(b: Bencher) {
    let u = universe();
    let up = u.get("DFEDTARU", Field::Value).expect("DFEDTARU");
    let lo = u.get("DFEDTARL", Field::Value).expect("DFEDTARL");
    b.bench(|| {
        rates::decisions(
            black_box(up.dates()),
            black_box(lo.values()),
            black_box(up.values()),
        )
    });
}

fn as_of() -> Date {
    model::parse_iso_date("2026-01-16").expect("date")
}

#[divan::bench]
fn engine_relative_streak(b: Bencher) {
    let e = Engine::new(universe());
    let q = Query::Streak {
        symbol: "^RUT".into(),
        vs: Some("^GSPC".into()),
        direction: Some(Direction::Up),
        as_of: as_of(),
    };
    b.bench(|| e.fact(black_box(&q)));
}

#[divan::bench]
fn engine_daily_move(b: Bencher) {
    let e = Engine::new(universe());
    let q = Query::DailyMove {
        symbol: "^GSPC".into(),
        as_of: as_of(),
    };
    b.bench(|| e.fact(black_box(&q)));
}

#[divan::bench]
fn engine_sector_cross_section(b: Bencher) {
    let e = Engine::new(universe());
    let q = Query::CrossSection {
        basket: model::Basket::Sectors,
        period: model::Period::Day,
        as_of: as_of(),
    };
    b.bench(|| e.fact(black_box(&q)));
}
