//! Series queries of the algebra end to end (`Engine::series`: cut, grid,
//! measure, window, reducer, Fact) on the longest real series (^GSPC close,
//! ~24.8k sessions from 1927). Run: `cargo bench -p facts --bench algebra`.

use divan::{black_box, Bencher};
use facts::Engine;
use model::{
    Calendar, Date, Field, Measure, Order, Period, Pred, Reduce, SeriesQuery, Subject, Window,
};

fn main() {
    divan::main();
}

fn engine() -> Engine<'static> {
    Engine::new(store::testing::shared_universe().expect("benchmarks need ../shared/market-data"))
}

fn as_of() -> Date {
    model::parse_iso_date("2026-08-21").expect("date")
}

fn year(y: i32) -> Window {
    Window::Period {
        period: Period::Year { year: y },
    }
}

fn gspc(measure: Measure, window: Window, reduce: Reduce) -> SeriesQuery {
    SeriesQuery {
        subject: Subject::symbol("^GSPC"),
        measure,
        window,
        reduce,
        as_of: as_of(),
    }
}

fn run(b: Bencher, q: SeriesQuery) {
    let e = engine();
    e.series(&q).expect("the query answers");
    b.bench(|| e.series(black_box(&q)));
}

/// Highest close ever: the level measure and one pass.
#[divan::bench]
fn max_close_all_history(b: Bencher) {
    run(b, gspc(Measure::price(), Window::All, Reduce::Max));
}

/// Days with |daily return| > 2% in 2022.
#[divan::bench]
fn count_big_moves_in_a_year(b: Bencher) {
    let flag = Measure::flag(Measure::daily_return(), Pred::AbsGt(2.0));
    run(b, gspc(flag, year(2022), Reduce::Count));
}

/// Record intraday highs in 2025 (judged against all history).
#[divan::bench]
fn count_record_highs_in_a_year(b: Bencher) {
    let flag = Measure::flag(Measure::field(Field::High), Pred::NewMax);
    run(b, gspc(flag, year(2025), Reduce::Count));
}

/// Longest losing streak ever.
#[divan::bench]
fn longest_losing_streak(b: Bencher) {
    let run_len = Measure::run(Measure::daily_return(), Pred::Lt(0.0));
    run(b, gspc(run_len, Window::All, Reduce::LongestRun));
}

/// Rank of the day's move among all daily moves.
#[divan::bench]
fn rank_of_the_daily_move(b: Bencher) {
    let rank = Reduce::Rank {
        order: Order::Lowest,
    };
    run(b, gspc(Measure::daily_return(), Window::All, rank));
}

/// Drawdown trough within 2008 from the running peak.
#[divan::bench]
fn drawdown_trough_in_a_year(b: Bencher) {
    run(b, gspc(Measure::Drawdown, year(2008), Reduce::Min));
}

/// The month's return: the highest since when?
#[divan::bench]
fn monthly_return_since(b: Bencher) {
    let since = Reduce::LastAtLeastAsExtreme {
        order: Order::Highest,
    };
    let month = Measure::PeriodReturn {
        calendar: Calendar::Month,
    };
    run(b, gspc(month, Window::session(), since));
}

/// Russell 2000 beating the S&P 500: the longest such run since when
/// (two series aligned on their common sessions)?
#[divan::bench]
fn relative_streak_since(b: Bencher) {
    let q = SeriesQuery {
        subject: Subject::Relative {
            a: "^RUT".into(),
            b: "^GSPC".into(),
        },
        measure: Measure::run(Measure::daily_return(), Pred::Gt(0.0)),
        window: Window::session(),
        reduce: Reduce::LastAtLeastAsExtreme {
            order: Order::Highest,
        },
        as_of: model::parse_iso_date("2026-01-16").expect("date"),
    };
    run(b, q);
}
