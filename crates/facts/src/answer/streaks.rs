//! Streak facts: absolute and relative streaks, and streak counts.

use super::{d_bool, d_int, d_num, fact, Cut};
use crate::kernels::streaks as k;
use crate::{Engine, FactError};
use model::display::signed_pct;
use model::fact::Detail;
use model::{Date, Direction, Fact, FactInput, FactValue, Unit};

/// The hit grid a streak query reads: dates, A's and B's closes on them,
/// and the citations for what was read.
struct Grid {
    dates: Vec<Date>,
    a: Vec<f64>,
    b: Option<Vec<f64>>,
    a_sym: String,
    b_sym: Option<String>,
    inputs: Vec<FactInput>,
}

fn grid(
    engine: &Engine<'_>,
    symbol: &str,
    vs: Option<&str>,
    as_of: Date,
) -> Result<Grid, FactError> {
    let a = engine.price_cut(symbol, as_of)?;
    match vs {
        None => Ok(Grid {
            dates: a.dates().to_vec(),
            a: a.values().to_vec(),
            b: None,
            a_sym: a.symbol().to_string(),
            b_sym: None,
            inputs: engine.inputs(a.series, 0..a.n),
        }),
        Some(vs) => {
            let b: Cut<'_> = engine.price_cut(vs, as_of)?;
            let g = k::common_grid(a.dates(), a.values(), b.dates(), b.values());
            if g.dates.len() < 2 {
                return Err(FactError::NotEnoughHistory {
                    instrument: format!("{} and {}", a.symbol(), b.symbol()),
                    needed: 2,
                    have: g.dates.len(),
                });
            }
            let (a0, a1) = (g.a_idx[0], g.a_idx[g.a_idx.len() - 1]);
            let (b0, b1) = (g.b_idx[0], g.b_idx[g.b_idx.len() - 1]);
            let mut inputs = engine.inputs(a.series, a0..a1 + 1);
            inputs.extend(engine.inputs(b.series, b0..b1 + 1));
            Ok(Grid {
                dates: g.dates,
                a: g.a,
                b: Some(g.b),
                a_sym: a.symbol().to_string(),
                b_sym: Some(b.symbol().to_string()),
                inputs,
            })
        }
    }
}

impl Grid {
    fn hits(&self, up: bool) -> Vec<bool> {
        match &self.b {
            Some(b) => k::relative_hits(&self.a, b, up),
            None if up => k::up_hits(&self.a),
            None => k::down_hits(&self.a),
        }
    }
    /// The direction of the last session's move (relative or absolute).
    fn last_direction(&self) -> Option<Direction> {
        let n = self.a.len();
        if n < 2 {
            return None;
        }
        let ra = self.a[n - 1] / self.a[n - 2] - 1.0;
        let rb = self.b.as_ref().map_or(0.0, |b| b[n - 1] / b[n - 2] - 1.0);
        if ra > rb {
            Some(Direction::Up)
        } else if ra < rb {
            Some(Direction::Down)
        } else {
            None
        }
    }
    fn subjects(&self) -> Vec<String> {
        std::iter::once(self.a_sym.clone())
            .chain(self.b_sym.clone())
            .collect()
    }
    fn describe(&self, engine: &Engine<'_>, dir: Direction) -> String {
        let a = engine.name(&self.a_sym);
        match (&self.b_sym, dir) {
            (Some(b), Direction::Up) => format!("{a} outperformed {}", engine.name(b)),
            (Some(b), Direction::Down) => format!("{a} underperformed {}", engine.name(b)),
            (None, Direction::Up) => format!("{a} rose"),
            (None, Direction::Down) => format!("{a} fell"),
        }
    }
    fn method(&self) -> &'static str {
        if self.b.is_some() {
            "streak.relative"
        } else {
            "streak.absolute"
        }
    }
}

fn dir_word(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// `Query::Streak`.
pub(crate) fn streak(
    engine: &Engine<'_>,
    symbol: &str,
    vs: Option<&str>,
    direction: Option<Direction>,
    as_of: Date,
) -> Result<Fact, FactError> {
    let g = grid(engine, symbol, vs, as_of)?;
    if g.a.len() < 2 {
        return Err(FactError::NotEnoughHistory {
            instrument: g.a_sym.clone(),
            needed: 2,
            have: g.a.len(),
        });
    }
    let end = g.a.len() - 1;
    let dir = direction.or_else(|| g.last_direction());
    let mut f = fact(
        "streak",
        g.subjects(),
        as_of,
        FactValue::Integer(0),
        Unit::Sessions,
        (g.method(), 1),
    );
    f.inputs = g.inputs.clone();
    f.details.insert("date".into(), Detail::date(g.dates[end]));
    if g.b.is_some() {
        f.details.insert(
            "grid".into(),
            Detail::text("returns on the sessions common to both series"),
        );
    }
    let Some(dir) = dir else {
        f.window = Some((g.dates[end], g.dates[end]));
        f.text = format!(
            "No streak is running as of {}: the last session's {} was exactly flat.",
            g.dates[end],
            if g.b.is_some() {
                "relative return"
            } else {
                "return"
            }
        );
        f.details.insert("direction".into(), Detail::text("none"));
        return Ok(f);
    };
    f.details
        .insert("direction".into(), Detail::text(dir_word(dir)));
    let hits = g.hits(dir == Direction::Up);
    let s = k::streak_stats(&hits, end);
    let what = g.describe(engine, dir);
    let Some(run) = s.current else {
        f.window = Some((g.dates[end], g.dates[end]));
        f.text = format!(
            "No {} streak is running as of {}: on that session the condition ({what}) did not hold.",
            dir_word(dir),
            g.dates[end]
        );
        return Ok(f);
    };
    let len = run.len();
    f.value = FactValue::Integer(len as i64);
    f.window = Some((g.dates[run.start], g.dates[run.end]));
    let base = run.start - 1;
    let a_chg = (g.a[run.end] / g.a[base] - 1.0) * 100.0;
    f.details
        .insert("start_date".into(), Detail::date(g.dates[run.start]));
    f.details
        .insert("end_date".into(), Detail::date(g.dates[run.end]));
    f.details
        .insert("base_date".into(), Detail::date(g.dates[base]));
    f.details
        .insert("change_pct".into(), d_num(a_chg, Unit::Percent));
    f.details.insert(
        "change_points".into(),
        d_num(g.a[run.end] - g.a[base], Unit::Points),
    );
    // A change read from dividend-adjusted closes is a total return.
    let total = |sym: &str| {
        if g.inputs
            .iter()
            .any(|i| i.instrument == sym && i.field == model::Field::AdjClose)
        {
            format!(" {}", super::ADJUSTED_RETURN_BASIS)
        } else {
            String::new()
        }
    };
    let mut change_text = format!(
        "{} {}{}",
        engine.name(&g.a_sym),
        signed_pct(a_chg),
        total(&g.a_sym)
    );
    if let (Some(b), Some(bs)) = (&g.b, &g.b_sym) {
        let b_chg = (b[run.end] / b[base] - 1.0) * 100.0;
        f.details
            .insert("vs_change_pct".into(), d_num(b_chg, Unit::Percent));
        f.details.insert(
            "spread_pp".into(),
            d_num(a_chg - b_chg, Unit::PercentagePoints),
        );
        change_text.push_str(&format!(
            " vs {} {}{}, a gap of {:+.2} percentage points",
            engine.name(bs),
            signed_pct(b_chg),
            total(bs),
            a_chg - b_chg
        ));
    }
    f.details.insert("rank".into(), d_int(s.rank, Unit::Rank));
    f.details.insert("ties".into(), d_int(s.ties, Unit::Count));
    f.details
        .insert("n_completed".into(), d_int(s.n_completed, Unit::Count));
    f.details.insert(
        "longest_on_record".into(),
        d_bool(s.longest_since.is_none()),
    );
    if let Some(l) = s.longest_completed {
        f.details.insert(
            "longest_completed_len".into(),
            d_int(l.len(), Unit::Sessions),
        );
        f.details
            .insert("longest_completed_end".into(), Detail::date(g.dates[l.end]));
    }
    let since_text = match s.longest_since {
        Some(x) => {
            f.details
                .insert("longest_since_start".into(), Detail::date(g.dates[x.start]));
            f.details
                .insert("longest_since_end".into(), Detail::date(g.dates[x.end]));
            f.details
                .insert("longest_since_len".into(), d_int(x.len(), Unit::Sessions));
            format!(
                "the longest such streak since the {}-session run of {} to {}",
                x.len(),
                g.dates[x.start],
                g.dates[x.end]
            )
        }
        None => format!("the longest such streak on record (since {})", g.dates[0]),
    };
    // A one-session "streak" is just the day's move: say so, and skip a
    // "longest since" that any earlier day would satisfy.
    f.text = if len == 1 {
        format!(
            "{what} on {} only ({change_text}, from the close of {}); the run is one session long.",
            g.dates[run.end], g.dates[base]
        )
    } else {
        format!(
            "{what} for {len} straight sessions from {} to {} ({change_text}, from the close of {}), {since_text}.",
            g.dates[run.start], g.dates[run.end], g.dates[base]
        )
    };
    Ok(f)
}

/// How many runs a count Fact lists in its details.
const MAX_LISTED: usize = 50;

/// `Query::StreakCount`.
pub(crate) fn streak_count(
    engine: &Engine<'_>,
    symbol: &str,
    vs: Option<&str>,
    direction: Direction,
    min_len: u32,
    from: Option<Date>,
    as_of: Date,
) -> Result<Fact, FactError> {
    let g = grid(engine, symbol, vs, as_of)?;
    if g.a.len() < 2 {
        return Err(FactError::NotEnoughHistory {
            instrument: g.a_sym.clone(),
            needed: 2,
            have: g.a.len(),
        });
    }
    let end = g.a.len() - 1;
    let from_idx = from.map_or(0, |d| g.dates.partition_point(|x| *x < d));
    if from_idx > end {
        return Err(FactError::NoData {
            instrument: g.a_sym.clone(),
            field: model::Field::Close,
            from: from.unwrap_or(as_of),
            to: as_of,
        });
    }
    let hits = g.hits(direction == Direction::Up);
    let found = k::count_runs(&hits, min_len as usize, from_idx, end);
    let mut f = fact(
        "streak_count",
        g.subjects(),
        as_of,
        FactValue::Integer(found.len() as i64),
        Unit::Count,
        ("streak.count", 1),
    );
    f.window = Some((g.dates[from_idx], g.dates[end]));
    f.inputs = g.inputs.clone();
    f.details
        .insert("direction".into(), Detail::text(dir_word(direction)));
    f.details
        .insert("min_len".into(), d_int(min_len as usize, Unit::Sessions));
    for (n, r) in found.iter().enumerate().take(MAX_LISTED) {
        f.details.insert(
            format!("streak{:02}", n + 1),
            Detail::text(format!(
                "{}..{} ({} sessions)",
                g.dates[r.start],
                g.dates[r.end],
                r.len()
            )),
        );
    }
    if let Some(l) = found
        .iter()
        .copied()
        .reduce(|a, b| if b.len() > a.len() { b } else { a })
    {
        f.details
            .insert("longest_len".into(), d_int(l.len(), Unit::Sessions));
        f.details
            .insert("longest_start".into(), Detail::date(g.dates[l.start]));
    }
    f.text = format!(
        "From {} to {}, there were {} streaks of {} or more sessions in which {}.",
        g.dates[from_idx],
        g.dates[end],
        found.len(),
        min_len.max(1),
        g.describe(engine, direction)
    );
    Ok(f)
}
