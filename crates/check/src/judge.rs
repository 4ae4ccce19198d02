//! Judging one claim: run its queries, compare within the claim's own
//! precision, and when it fails search a small set of other readings
//! (another window, the open instead of the prior close, close vs intraday,
//! one session stale) for the one that would make it true.

use crate::{CheckedClaim, Verdict};
use facts::{Engine, FactError};
use lang::{Claim, ClaimKind, Claimed, Hedge, NumUnit};
use model::{Date, Direction, Fact, FactValue, Field, Period, Query, RecordKind};

mod wire;

/// Judges one claim.
pub(crate) fn judge(engine: &Engine<'_>, claim: Claim, start: usize, end: usize) -> CheckedClaim {
    let claimed = show_claimed(&claim);
    let mut out = CheckedClaim {
        start,
        end,
        verdict: Verdict::Unverifiable,
        claimed,
        actual: None,
        explanation: String::new(),
        alternatives: Vec::new(),
        facts: Vec::new(),
        claim,
    };
    if out.claim.kind == ClaimKind::Unverifiable {
        out.explanation = format!(
            "Cannot be checked against market data: {}.",
            out.claim
                .missing
                .as_deref()
                .unwrap_or("no data for this figure")
        );
        return out;
    }
    if out.claim.queries.is_empty() {
        out.explanation = format!(
            "Cannot be checked: {}.",
            out.claim
                .missing
                .as_deref()
                .unwrap_or("no date to check it on (pass --as-of)")
        );
        return out;
    }
    let mut facts = Vec::new();
    let queries = out.claim.queries.clone();
    for (k, q) in queries.iter().enumerate() {
        let q = match snap(engine, q) {
            Ok(q) => {
                if k == 0 && out.claim.as_of.is_some() {
                    out.claim.as_of = Some(q.as_of());
                }
                q
            }
            Err(why) => {
                out.explanation = format!("Cannot be checked: {why}.");
                return out;
            }
        };
        match engine.fact(&q) {
            Ok(f) => facts.push(f),
            Err(e) => {
                out.explanation = format!("Cannot be checked: {}.", missing_text(&e));
                return out;
            }
        }
    }
    let j = Judge { engine };
    j.decide(&mut out, facts);
    out
}

struct Judge<'e, 'u> {
    engine: &'e Engine<'u>,
}

fn missing_text(e: &FactError) -> String {
    match e {
        FactError::UnknownInstrument { symbol } => format!("no data for {symbol} in the store"),
        other => other.to_string(),
    }
}

/// The symbol and field whose dates a query reads.
fn subject(q: &Query) -> Option<(&str, Option<Field>)> {
    Some(match q {
        Query::Level { symbol, field, .. } => (symbol.as_str(), Some(*field)),
        Query::Return { symbol, .. }
        | Query::DailyMove { symbol, .. }
        | Query::Streak { symbol, .. }
        | Query::Volatility { symbol, .. }
        | Query::Drawdown { symbol, .. }
        | Query::LowestSince { symbol, .. }
        | Query::HighestSince { symbol, .. }
        | Query::MovingAverage { symbol, .. } => (symbol.as_str(), None),
        // A day's sector moves are read on the sector funds' sessions.
        Query::CrossSection {
            period: Period::Day,
            ..
        } => ("XLK", None),
        Query::Record { symbol, record, .. } => (
            symbol.as_str(),
            Some(if *record == RecordKind::IntradayHigh {
                Field::High
            } else {
                Field::Close
            }),
        ),
        _ => return None,
    })
}

fn set_as_of(q: &Query, d: Date) -> Query {
    let mut q = q.clone();
    match &mut q {
        Query::Level { as_of, .. }
        | Query::Return { as_of, .. }
        | Query::ReturnRank { as_of, .. }
        | Query::DailyMove { as_of, .. }
        | Query::Gap { as_of, .. }
        | Query::Streak { as_of, .. }
        | Query::StreakCount { as_of, .. }
        | Query::Record { as_of, .. }
        | Query::LowestSince { as_of, .. }
        | Query::HighestSince { as_of, .. }
        | Query::Volatility { as_of, .. }
        | Query::Drawdown { as_of, .. }
        | Query::MovingAverage { as_of, .. }
        | Query::CrossSection { as_of, .. }
        | Query::BaseRate { as_of, .. }
        | Query::RateDecisions { as_of, .. }
        | Query::ExtremeMove { as_of, .. }
        | Query::EventStudy { as_of, .. }
        | Query::Change { as_of, .. }
        | Query::ReturnSpread { as_of, .. } => *as_of = d,
        Query::Series(s) => s.as_of = d,
    }
    q
}

/// Dates of the series a query reads.
fn dates<'u>(engine: &Engine<'u>, symbol: &str, field: Option<Field>) -> Option<&'u [Date]> {
    let sym = engine.canonical(symbol);
    let s = match field {
        Some(f) => engine
            .universe()
            .get(&sym, f)
            .or_else(|| engine.price_series(&sym).ok()),
        None => engine.price_series(&sym).ok(),
    }?;
    Some(s.dates())
}

/// Moves the as-of date to the subject's last session on or before it, and
/// refuses dates outside the data.
fn snap(engine: &Engine<'_>, q: &Query) -> Result<Query, String> {
    let Some((sym, field)) = subject(q) else {
        return Ok(q.clone());
    };
    let Some(ds) = dates(engine, sym, field) else {
        return Err(format!("no data for {sym} in the store"));
    };
    let (Some(first), Some(last)) = (ds.first(), ds.last()) else {
        return Err(format!("no data for {sym} in the store"));
    };
    let as_of = q.as_of();
    if as_of < *first {
        return Err(format!(
            "{as_of} is before the data for {sym}, which starts on {first}"
        ));
    }
    if as_of > *last + chrono::Duration::days(4) {
        return Err(format!(
            "{as_of} is after the data for {sym}, which ends on {last}"
        ));
    }
    let i = ds.partition_point(|d| *d <= as_of);
    let d = ds[i.saturating_sub(1)];
    Ok(set_as_of(q, d))
}

/// The session `k` sessions before (negative) or after `d` in the subject's data.
fn shift(engine: &Engine<'_>, symbol: &str, d: Date, k: i64) -> Option<Date> {
    let ds = dates(engine, symbol, None)?;
    let i = ds.partition_point(|x| *x <= d).checked_sub(1)?;
    let j = i as i64 + k;
    (0..ds.len() as i64).contains(&j).then(|| ds[j as usize])
}

/// Half a unit of the last printed digit.
fn half_ulp(decimals: u8) -> f64 {
    0.5 * 10f64.powi(-i32::from(decimals))
}

/// Tolerance for a number from its printed precision and hedge.
fn tolerance(value: f64, decimals: u8, hedge: Hedge, fraction: bool) -> f64 {
    if fraction {
        return if hedge == Hedge::Approx { 7.0 } else { 5.0 };
    }
    let half = half_ulp(decimals) + 1e-9;
    match hedge {
        Hedge::Approx => half
            .max(10f64.powi(-i32::from(decimals)))
            .max(0.03 * value.abs()),
        _ => half,
    }
}

/// Whether `actual` satisfies the claimed value.
fn within(c: &Claimed, hedge: Hedge, actual: f64) -> bool {
    match c {
        Claimed::Number {
            value,
            decimals,
            fraction,
            ..
        } => {
            let t = tolerance(*value, *decimals, hedge, *fraction);
            match hedge {
                Hedge::AtLeast => actual >= value - t,
                Hedge::AtMost => actual <= value + t,
                _ => (actual - value).abs() <= t,
            }
        }
        Claimed::Range {
            low,
            high,
            decimals,
            ..
        } => {
            let t = tolerance(high.abs().max(low.abs()), *decimals, hedge, false);
            actual >= low - t && actual <= high + t
        }
        Claimed::Count { n } => {
            let n = *n as f64;
            match hedge {
                Hedge::Approx => (actual - n).abs() <= (0.1 * n).max(1.0),
                Hedge::AtLeast => actual >= n,
                Hedge::AtMost => actual <= n,
                Hedge::Exact => (actual - n).abs() < 0.5,
            }
        }
        _ => false,
    }
}

fn decimals_of(c: &Claimed) -> usize {
    match c {
        Claimed::Number { decimals, .. } | Claimed::Range { decimals, .. } => {
            usize::from(*decimals).max(2)
        }
        _ => 2,
    }
}

fn unit_sign(unit: NumUnit) -> &'static str {
    match unit {
        NumUnit::Percent => "%",
        NumUnit::PercentagePoints => " pp",
        NumUnit::BasisPoints => " bp",
        NumUnit::Multiple => "x",
        NumUnit::Fraction => "% (as a share)",
        _ => "",
    }
}

fn show_claimed(c: &Claim) -> String {
    let hedge = match c.hedge {
        Hedge::Approx => "about ",
        Hedge::AtLeast => "at least ",
        Hedge::AtMost => "at most ",
        Hedge::Exact => "",
    };
    let main = match &c.claimed {
        Claimed::Number {
            value,
            decimals,
            unit,
            fraction,
        } => {
            if *fraction {
                format!("{hedge}{value:.1}% (as a share)")
            } else {
                format!(
                    "{hedge}{value:.*}{}",
                    usize::from(*decimals),
                    unit_sign(*unit)
                )
            }
        }
        Claimed::Range {
            low,
            high,
            decimals,
            unit,
        } => {
            let d = usize::from(*decimals);
            format!(
                "{hedge}{low:.d$}{u}\u{2013}{high:.d$}{u}",
                u = unit_sign(*unit)
            )
        }
        Claimed::Count { n } => match c.kind {
            ClaimKind::RateDecisions => format!(
                "{hedge}{n} {}",
                if c.direction == Some(Direction::Up) {
                    "hikes"
                } else {
                    "cuts"
                }
            ),
            ClaimKind::StreakCount => format!("{hedge}{n} streaks"),
            ClaimKind::RecordCount if c.also.contains_key("ordinal") => {
                format!("record close number {n}")
            }
            ClaimKind::RecordCount => format!("{n} record closes"),
            ClaimKind::MoveRank => format!(
                "rank {n} among {}",
                match c.direction {
                    Some(Direction::Up) => "gains",
                    Some(Direction::Down) => "declines",
                    None => "moves",
                }
            ),
            ClaimKind::SectorBreadth if *n < 0 => "all sectors".to_string(),
            ClaimKind::SectorBreadth => format!("{n} sectors"),
            _ => format!("{hedge}{n} sessions"),
        },
        Claimed::Since { since } => {
            let what = match c.kind {
                ClaimKind::MoveSince => match c.direction {
                    Some(Direction::Up) => "best day ",
                    Some(Direction::Down) => "worst day ",
                    None => "largest move ",
                },
                ClaimKind::HighLowSince => match c.direction {
                    Some(Direction::Up) => "highest ",
                    _ => "lowest ",
                },
                ClaimKind::PeriodRankSince => match c.direction {
                    Some(Direction::Down) => "worst ",
                    _ => "best ",
                },
                ClaimKind::MaFirstSince => "first close on this side ",
                _ => "",
            };
            format!("{what}{}", since.describe())
        }
        Claimed::Symbol { symbol } => {
            let role = match c.also.get("role") {
                Some(Claimed::Symbol { symbol }) => symbol.as_str(),
                _ => "",
            };
            match role {
                "leader" => format!("{symbol} led"),
                "laggard" => format!("{symbol} lagged"),
                "only_up" => format!("{symbol} the only sector up"),
                "only_down" => format!("{symbol} the only sector down"),
                _ => symbol.clone(),
            }
        }
        Claimed::Year { year } => format!("longest since {year}"),
        Claimed::Date { date } => date.to_string(),
        Claimed::Yes => match c.kind {
            ClaimKind::RecordClose => "a record close".into(),
            ClaimKind::RecordHigh => "a record (intraday) high".into(),
            ClaimKind::DrawdownState => {
                let state = match c.also.get("state") {
                    Some(Claimed::Symbol { symbol }) if symbol == "bear" => "a bear market",
                    _ => "a correction",
                };
                if c.also.contains_key("entered") {
                    format!("entered {state}")
                } else {
                    format!("in {state}")
                }
            }
            ClaimKind::MaPosition => {
                let n = match c.also.get("window") {
                    Some(Claimed::Count { n }) => *n,
                    _ => 0,
                };
                let side = if c.direction == Some(Direction::Up) {
                    "above"
                } else {
                    "below"
                };
                if c.also.contains_key("cross") {
                    format!("crossed {side} its {n}-day average")
                } else {
                    format!("{side} its {n}-day average")
                }
            }
            _ => "yes".into(),
        },
        Claimed::Months { months } => months
            .iter()
            .map(|(y, m)| format!("{y}-{m:02}"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut extra = Vec::new();
    if let Some(Claimed::Number {
        value, decimals, ..
    }) = c.also.get("points")
    {
        extra.push(format!("{value:.*} points", usize::from(*decimals)));
    }
    if let Some(Claimed::Date { date }) = c.also.get("start") {
        extra.push(format!("starting {date}"));
    }
    if let Some(Claimed::Number { value, .. }) = c.also.get("size_bp") {
        extra.push(format!("{value:.0} bp each"));
    }
    if let Some(Claimed::Months { months }) = c.also.get("months") {
        extra.push(format!(
            "in {}",
            months
                .iter()
                .map(|(y, m)| format!("{y}-{m:02}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if extra.is_empty() {
        main
    } else {
        format!("{main} ({})", extra.join(", "))
    }
}

fn num(f: &Fact) -> Option<f64> {
    f.value.as_f64()
}
fn det_num(f: &Fact, k: &str) -> Option<f64> {
    f.detail(k).and_then(|d| d.value.as_f64())
}
fn det_date(f: &Fact, k: &str) -> Option<Date> {
    f.detail(k).and_then(|d| d.value.as_date())
}

fn fmt(x: f64, d: usize) -> String {
    format!("{x:.d$}")
}

impl Judge<'_, '_> {
    fn fact(&self, q: &Query) -> Option<Fact> {
        let q = snap(self.engine, q).ok()?;
        self.engine.fact(&q).ok()
    }

    fn decide(&self, out: &mut CheckedClaim, facts: Vec<Fact>) {
        let j = self;
        let c = out.claim.clone();
        let Some(f) = facts.first().cloned() else {
            return;
        };
        out.facts = facts.clone();
        let yes = |ok: bool| {
            if ok {
                Verdict::Supported
            } else {
                Verdict::Contradicted
            }
        };
        match c.kind {
            ClaimKind::Return | ClaimKind::DailyMove => self.moves(out, &c, &f),
            ClaimKind::Level => {
                let a = num(&f).unwrap_or(f64::NAN);
                let d = decimals_of(&c.claimed);
                let date = det_date(&f, "date").unwrap_or(f.as_of);
                let field = c.field.unwrap_or(Field::Close);
                out.actual = Some(fmt(a, d));
                out.verdict = yes(within(&c.claimed, c.hedge, a));
                out.explanation =
                    format!("{} {} on {date} was {}.", c.subjects[0], field, fmt(a, d));
                if out.verdict == Verdict::Contradicted {
                    self.level_alternatives(out, &c, date);
                }
            }
            ClaimKind::RecordClose | ClaimKind::RecordHigh => {
                let is = matches!(f.value, FactValue::Bool(true));
                out.verdict = yes(is);
                let date = det_date(&f, "date").unwrap_or(f.as_of);
                let level = det_num(&f, "level").unwrap_or(f64::NAN);
                let what = if c.kind == ClaimKind::RecordClose {
                    "close"
                } else {
                    "intraday high"
                };
                out.actual = Some(if is {
                    format!("record {what} {level:.2}")
                } else {
                    format!("not a record {what}")
                });
                out.explanation = f.text.clone();
                if !is {
                    let other = if c.kind == ClaimKind::RecordClose {
                        RecordKind::IntradayHigh
                    } else {
                        RecordKind::Close
                    };
                    let q = Query::Record {
                        symbol: c.subjects[0].clone(),
                        record: other,
                        as_of: date,
                    };
                    if let Some(g) = self.fact(&q) {
                        if matches!(g.value, FactValue::Bool(true)) {
                            out.alternatives.push(format!(
                                "{date} was a record {} instead",
                                if other == RecordKind::Close {
                                    "close"
                                } else {
                                    "intraday high"
                                }
                            ));
                            out.facts.push(g);
                        }
                    }
                }
            }
            ClaimKind::Streak => self.streak(out, &c, &f),
            ClaimKind::StreakLongestSince => {
                let len = num(&f).unwrap_or(0.0) as i64;
                let Claimed::Year { year } = c.claimed else {
                    return;
                };
                let on_record = matches!(
                    f.detail("longest_on_record").map(|d| &d.value),
                    Some(FactValue::Bool(true))
                );
                match det_date(&f, "longest_since_end") {
                    Some(end) => {
                        let y = chrono::Datelike::year(&end);
                        out.verdict = yes(y == year);
                        out.actual = Some(format!("longest since {end}"));
                        out.explanation = format!(
                            "The {len}-session streak is the longest since the {}-session run that ended on {end} ({}).",
                            det_num(&f, "longest_since_len").unwrap_or(0.0),
                            f.text
                        );
                    }
                    None if on_record => {
                        out.verdict = Verdict::Contradicted;
                        out.actual = Some("longest on record".into());
                        out.explanation = format!(
                            "The {len}-session streak is the longest in the data. {}",
                            f.text
                        );
                    }
                    None => {
                        out.explanation =
                            "The fact engine did not say since when the streak is the longest."
                                .into();
                    }
                }
            }
            ClaimKind::Volatility => {
                let a = num(&f).unwrap_or(f64::NAN);
                out.actual = Some(fmt(a, decimals_of(&c.claimed)) + "%");
                out.verdict = yes(within(&c.claimed, c.hedge, a));
                out.explanation = f.text.clone();
                if out.verdict == Verdict::Contradicted {
                    self.vol_alternatives(out, &c);
                }
            }
            ClaimKind::Drawdown => {
                let a = num(&f).unwrap_or(f64::NAN);
                out.actual = Some(fmt(a, decimals_of(&c.claimed)) + "%");
                let peak_ok = j.drawdown_peak_ok(&c, &f);
                out.verdict = yes(within(&c.claimed, c.hedge, a) && peak_ok);
                out.explanation = if peak_ok {
                    f.text.clone()
                } else {
                    format!(
                        "The running peak was on {}, not in the month named. {}",
                        det_date(&f, "peak_date").map_or_else(String::new, |d| d.to_string()),
                        f.text
                    )
                };
            }
            ClaimKind::MoveSince => j.move_since(out, &c, &f),
            ClaimKind::MoveRank => j.move_rank(out, &c, &f),
            ClaimKind::PeriodRankSince => j.period_rank(out, &c, &f),
            ClaimKind::StreakCount => j.streak_count(out, &c, &f),
            ClaimKind::RecordCount => j.record_count(out, &c, &f),
            ClaimKind::HighLowSince => j.high_low(out, &c, &f),
            ClaimKind::SectorRank | ClaimKind::SectorBreadth => j.sector(out, &c, &f),
            ClaimKind::RateChange => j.rate_change(out, &c, &f),
            ClaimKind::LevelCross => j.level_cross(out, &c, &facts),
            ClaimKind::ReturnSpread => j.spread(out, &c, &facts),
            ClaimKind::DrawdownState => j.drawdown_state(out, &c, &f),
            ClaimKind::MaPosition | ClaimKind::MaFirstSince => j.moving_average(out, &c, &f),
            ClaimKind::RateDecisions => self.rates(out, &c, &f),
            ClaimKind::FedRange => {
                let lo = num(&f).unwrap_or(f64::NAN);
                let hi = facts.get(1).and_then(num).unwrap_or(f64::NAN);
                let ok = match c.claimed {
                    Claimed::Range {
                        low,
                        high,
                        decimals,
                        ..
                    } => {
                        let t = half_ulp(decimals) + 1e-9;
                        (lo - low).abs() <= t && (hi - high).abs() <= t
                    }
                    _ => false,
                };
                let date = det_date(&f, "date").unwrap_or(f.as_of);
                out.verdict = yes(ok);
                out.actual = Some(format!("{lo:.2}%\u{2013}{hi:.2}%"));
                out.explanation = format!("The Fed funds target range in force on {date} was {lo:.2}%\u{2013}{hi:.2}% (FRED DFEDTARL/DFEDTARU).");
            }
            ClaimKind::BaseRateShare => {
                let a = num(&f).unwrap_or(f64::NAN);
                out.actual = Some(format!("{a:.1}% of windows"));
                out.verdict = yes(within(&c.claimed, c.hedge, a));
                out.explanation = format!("{}{}", f.text, mapped_note(&c));
            }
            ClaimKind::BaseRateExcess => {
                let geo = det_num(&f, "geometric_diff_pct").unwrap_or(f64::NAN);
                let ari = det_num(&f, "arithmetic_diff_pct").unwrap_or(f64::NAN);
                let ok_geo = within(&c.claimed, c.hedge, geo);
                let ok_ari = within(&c.claimed, c.hedge, ari);
                out.verdict = yes(ok_geo || ok_ari);
                out.actual = Some(format!(
                    "{geo:.2} pp a year geometric, {ari:.2} pp arithmetic"
                ));
                out.explanation = format!(
                    "Over the whole span the small-cap portfolio beat the large-cap one by {geo:.2} points a year compounded (geometric) or {ari:.2} points a year (arithmetic mean of monthly differences × 12).{}",
                    mapped_note(&c)
                );
                if !(ok_geo || ok_ari) {
                    self.base_rate_alternatives(out, &c);
                }
            }
            ClaimKind::Unverifiable => {}
        }
    }

    fn moves(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let a = num(f).unwrap_or(f64::NAN);
        let d = decimals_of(&c.claimed);
        let pts = det_num(f, "points");
        let ok_pct = within(&c.claimed, c.hedge, a);
        let claimed_pts = match c.also.get("points") {
            Some(Claimed::Number {
                value, decimals, ..
            }) => Some((*value, *decimals)),
            _ => None,
        };
        let ok_pts = match (claimed_pts, pts) {
            (Some((v, dec)), Some(p)) => (p - v).abs() <= tolerance(v, dec, c.hedge, false),
            _ => true,
        };
        out.actual = Some(match (claimed_pts, pts) {
            (Some(_), Some(p)) => format!("{a:+.d$}% ({p:+.2} points)"),
            _ => format!("{a:+.d$}%"),
        });
        out.verdict = if ok_pct && ok_pts {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        };
        out.explanation = f.text.clone();
        if out.verdict == Verdict::Contradicted {
            self.move_alternatives(out, c, f, claimed_pts);
        }
    }

    fn matches(
        &self,
        c: &Claim,
        claimed_pts: Option<(f64, u8)>,
        pct: f64,
        pts: Option<f64>,
    ) -> bool {
        let ok_pct = within(&c.claimed, c.hedge, pct);
        let ok_pts = match (claimed_pts, pts) {
            (Some((v, dec)), Some(p)) => {
                (p - v).abs() <= tolerance(v, dec, Hedge::Exact, false).max(half_ulp(dec) * 2.0)
            }
            _ => true,
        };
        ok_pct && ok_pts
    }

    fn move_alternatives(
        &self,
        out: &mut CheckedClaim,
        c: &Claim,
        f: &Fact,
        claimed_pts: Option<(f64, u8)>,
    ) {
        let sym = &c.subjects[0];
        let as_of = det_date(f, "end_date").unwrap_or(f.as_of);
        let d = decimals_of(&c.claimed);
        let mut alts: Vec<(String, Fact)> = Vec::new();
        let try_q = |label: &dyn Fn(&Fact) -> String, q: Query, alts: &mut Vec<(String, Fact)>| {
            if let Some(g) = self.fact(&q) {
                if let Some(p) = num(&g) {
                    if self.matches(c, claimed_pts, p, det_num(&g, "points")) {
                        alts.push((label(&g), g));
                    } else if claimed_pts.is_some() && self.matches(c, None, p, None) {
                        alts.push((
                            format!("{} (the percent only; the points differ)", label(&g)),
                            g,
                        ));
                    }
                }
            }
        };
        // A range is wide: other windows falling inside it prove nothing.
        let precise = matches!(c.claimed, Claimed::Number { .. });
        let window_text = |g: &Fact| {
            let (a, b) = g.window.unwrap_or((g.as_of, g.as_of));
            format!(
                "{:+.d$}% ({:+.2} points) over {a}..{b}, measured from the close of {}",
                num(g).unwrap_or(f64::NAN),
                det_num(g, "points").unwrap_or(f64::NAN),
                det_date(g, "base_date").map_or_else(String::new, |x| x.to_string())
            )
        };
        match c.kind {
            ClaimKind::Return => {
                // Base on the open of the first session instead of the prior close.
                if let (Some(first), Some(end_close)) =
                    (det_date(f, "first_session"), det_num(f, "end_close"))
                {
                    if let Some(open) = self.fact(&Query::Level {
                        symbol: sym.clone(),
                        field: Field::Open,
                        as_of: first,
                    }) {
                        if let (Some(o), Some(od)) = (num(&open), det_date(&open, "date")) {
                            if od == first && o > 0.0 {
                                let p = (end_close / o - 1.0) * 100.0;
                                if self.matches(c, claimed_pts, p, Some(end_close - o)) {
                                    // No Fact measures a return from the open, so
                                    // the reading is named without a figure of
                                    // the checker's own.
                                    out.alternatives.push(format!(
                                        "alternative reading: {} matches a return measured from the open of {first} instead of the close of {}",
                                        out.claimed,
                                        det_date(f, "base_date").map_or_else(String::new, |x| x.to_string())
                                    ));
                                    out.facts.push(open);
                                }
                            }
                        }
                    }
                }
                // Other windows ending on the same day.
                let mut periods = vec![
                    Period::YearToDate,
                    Period::MonthToDate,
                    Period::QuarterToDate,
                ];
                if let Some(first) = det_date(f, "first_session") {
                    for k in [-2i64, -1, 1, 2] {
                        if let Some(s) = shift(self.engine, sym, first, k) {
                            periods.push(Period::Between { from: s, to: as_of });
                        }
                    }
                }
                for p in periods {
                    if c.period == Some(p) || !precise {
                        continue;
                    }
                    try_q(
                        &window_text,
                        Query::Return {
                            symbol: sym.clone(),
                            period: p,
                            as_of,
                        },
                        &mut alts,
                    );
                }
                // One session stale.
                if let (Some(p), Some(prev)) = (c.period, shift(self.engine, sym, as_of, -1)) {
                    let p = match p {
                        Period::Between { from, .. } => Period::Between { from, to: prev },
                        other => other,
                    };
                    try_q(
                        &window_text,
                        Query::Return {
                            symbol: sym.clone(),
                            period: p,
                            as_of: prev,
                        },
                        &mut alts,
                    );
                }
            }
            ClaimKind::DailyMove => {
                for k in [-1i64, -2, 1] {
                    if let Some(day) = shift(self.engine, sym, as_of, k) {
                        let label = |g: &Fact| {
                            format!(
                                "{:+.d$}% was the move on {}",
                                num(g).unwrap_or(f64::NAN),
                                g.as_of
                            )
                        };
                        try_q(
                            &label,
                            Query::DailyMove {
                                symbol: sym.clone(),
                                as_of: day,
                            },
                            &mut alts,
                        );
                    }
                }
            }
            _ => {}
        }
        let mut seen = Vec::new();
        for (text, g) in alts.into_iter().take(3) {
            if seen.contains(&text) {
                continue;
            }
            seen.push(text.clone());
            out.alternatives
                .push(format!("{} matches {text}", out.claimed));
            out.facts.push(g);
        }
    }

    fn level_alternatives(&self, out: &mut CheckedClaim, c: &Claim, date: Date) {
        let sym = &c.subjects[0];
        for field in [Field::Close, Field::High, Field::Low, Field::Open] {
            if Some(field) == c.field {
                continue;
            }
            if let Some(g) = self.fact(&Query::Level {
                symbol: sym.clone(),
                field,
                as_of: date,
            }) {
                if det_date(&g, "date") == Some(date)
                    && num(&g).is_some_and(|a| within(&c.claimed, c.hedge, a))
                {
                    out.alternatives.push(format!(
                        "{} is the {field} of {date}, not the {}",
                        out.claimed,
                        c.field.unwrap_or(Field::Close)
                    ));
                    out.facts.push(g);
                }
            }
        }
        for k in [-1i64, 1] {
            if let Some(day) = shift(self.engine, sym, date, k) {
                if let Some(g) = self.fact(&Query::Level {
                    symbol: sym.clone(),
                    field: c.field.unwrap_or(Field::Close),
                    as_of: day,
                }) {
                    if num(&g).is_some_and(|a| within(&c.claimed, c.hedge, a)) {
                        out.alternatives.push(format!(
                            "{} matches the {} of {day}",
                            out.claimed,
                            c.field.unwrap_or(Field::Close)
                        ));
                        out.facts.push(g);
                    }
                }
            }
        }
    }

    fn streak(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let len = num(f).unwrap_or(0.0);
        let start = det_date(f, "start_date");
        let end = det_date(f, "end_date")
            .or_else(|| det_date(f, "date"))
            .unwrap_or(f.as_of);
        let ok_len = within(&c.claimed, c.hedge, len);
        let ok_start = match (c.also.get("start"), start) {
            (Some(Claimed::Date { date }), Some(s)) => {
                s == *date || shift(self.engine, &c.subjects[0], *date, 0) == Some(s)
            }
            _ => true,
        };
        out.verdict = if ok_len && ok_start {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        };
        out.actual = Some(match start {
            Some(s) => format!("{len} sessions ({s}..{end})"),
            None => format!("{len} sessions"),
        });
        out.explanation = f.text.clone();
        if ok_len && !ok_start {
            if let (Some(Claimed::Date { date }), Some(s)) = (c.also.get("start"), start) {
                out.explanation = format!(
                    "The length is right but the streak began on {s}, not {date}. {}",
                    f.text
                );
            }
        }
        if !ok_len {
            let sym = &c.subjects[0];
            for k in [-1i64, -2, -3, 1] {
                let Some(day) = shift(self.engine, sym, end, k) else {
                    continue;
                };
                let q = Query::Streak {
                    symbol: sym.clone(),
                    vs: c.subjects.get(1).cloned(),
                    direction: c.direction,
                    as_of: day,
                };
                if let Some(g) = self.fact(&q) {
                    if num(&g).is_some_and(|l| within(&c.claimed, c.hedge, l)) {
                        let stale = if k < 0 {
                            format!("{} session(s) stale", -k)
                        } else {
                            "one session ahead".into()
                        };
                        out.alternatives.push(format!(
                            "{} matches the streak as of {day} ({stale})",
                            out.claimed
                        ));
                        out.facts.push(g);
                        break;
                    }
                }
            }
        }
    }

    fn vol_alternatives(&self, out: &mut CheckedClaim, c: &Claim) {
        let Some(Query::Volatility {
            symbol,
            period,
            annualised,
            sample,
            as_of,
        }) = c.queries.first().cloned()
        else {
            return;
        };
        let mut cands: Vec<(Query, String)> = vec![
            (
                Query::Volatility {
                    symbol: symbol.clone(),
                    period,
                    annualised,
                    sample: !sample,
                    as_of,
                },
                format!(
                    "the {} standard deviation",
                    if sample { "population" } else { "sample" }
                ),
            ),
            (
                Query::Volatility {
                    symbol: symbol.clone(),
                    period,
                    annualised: !annualised,
                    sample,
                    as_of,
                },
                if annualised {
                    "the daily (not annualised) figure".into()
                } else {
                    "the annualised figure".into()
                },
            ),
        ];
        if let Period::Between { from, to } = period {
            for k in [1i64, -1] {
                if let Some(s) = shift(self.engine, &symbol, from, k) {
                    for smp in [sample, !sample] {
                        cands.push((
                            Query::Volatility {
                                symbol: symbol.clone(),
                                period: Period::Between { from: s, to },
                                annualised,
                                sample: smp,
                                as_of,
                            },
                            format!(
                                "the {} standard deviation of returns from {s} to {to}",
                                if smp { "sample" } else { "population" }
                            ),
                        ));
                    }
                }
            }
        }
        for (q, label) in cands {
            if let Some(g) = self.fact(&q) {
                if let Some(v) = num(&g) {
                    if within(&c.claimed, c.hedge, v) {
                        out.alternatives
                            .push(format!("{} matches {label} ({v:.3}%)", out.claimed));
                        out.facts.push(g);
                        if out.alternatives.len() >= 2 {
                            return;
                        }
                    }
                }
            }
        }
    }

    fn rates(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let hike = c.direction == Some(Direction::Up);
        let n = det_num(f, if hike { "n_hikes" } else { "n_cuts" }).unwrap_or(f64::NAN);
        let ok_n = within(&c.claimed, c.hedge, n);
        let mut decisions: Vec<(Date, f64, String)> = Vec::new();
        for k in 1..=40 {
            let key = format!("decision{k:02}");
            let (Some(d), Some(bp)) = (
                det_date(f, &format!("{key}_date")),
                det_num(f, &format!("{key}_bp")),
            ) else {
                break;
            };
            if (bp > 0.0) == hike {
                let text = f.detail(&key).and_then(|x| match &x.value {
                    FactValue::Text(t) => Some(t.clone()),
                    _ => None,
                });
                decisions.push((d, bp, text.unwrap_or_default()));
            }
        }
        let ok_size = match c.also.get("size_bp") {
            Some(Claimed::Number { value, .. }) => decisions
                .iter()
                .all(|(_, bp, _)| (bp.abs() - value).abs() < 0.5),
            _ => true,
        };
        let ok_months = match c.also.get("months") {
            Some(Claimed::Months { months }) => {
                let got: Vec<(i32, u32)> = decisions
                    .iter()
                    .map(|(d, _, _)| (chrono::Datelike::year(d), chrono::Datelike::month(d)))
                    .collect();
                got == *months
            }
            _ => true,
        };
        out.verdict = if ok_n && ok_size && ok_months {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        };
        let (from, to) = f.window.unwrap_or((f.as_of, f.as_of));
        let list = decisions
            .iter()
            .map(|(d, bp, _)| format!("{d} ({bp:+.0} bp)"))
            .collect::<Vec<_>>()
            .join(", ");
        out.actual = Some(format!("{n} {}", if hike { "hikes" } else { "cuts" }));
        out.explanation = format!(
            "From {from} to {to} the Fed announced {n} {}: {}.",
            if hike { "hikes" } else { "cuts" },
            if list.is_empty() {
                "none".to_string()
            } else {
                list
            }
        );
    }

    fn base_rate_alternatives(&self, out: &mut CheckedClaim, c: &Claim) {
        let Some(Query::BaseRate {
            window_years,
            from,
            as_of,
            ..
        }) = c.queries.first().cloned()
        else {
            return;
        };
        for (a, b, label) in [
            ("FF_ME_D1", "FF_ME_D10", "smallest vs largest size decile"),
            ("FF_ME_Q1", "FF_ME_Q5", "smallest vs largest size quintile"),
        ] {
            if let Some(g) = self.fact(&Query::BaseRate {
                a: a.into(),
                b: b.into(),
                window_years,
                from,
                as_of,
            }) {
                for key in ["geometric_diff_pct", "arithmetic_diff_pct"] {
                    if let Some(v) = det_num(&g, key) {
                        if within(&c.claimed, c.hedge, v) {
                            out.alternatives.push(format!(
                                "{} matches the {label} ({}, {v:.2} pp a year)",
                                out.claimed,
                                key.trim_end_matches("_diff_pct")
                            ));
                            out.facts.push(g.clone());
                        }
                    }
                }
            }
        }
    }
}

fn mapped_note(c: &Claim) -> &'static str {
    if c.also.contains_key("mapped") {
        " (Small and large caps over decades are read as Ken French's bottom-30% and top-30% size portfolios; the Russell 2000 starts in 1987.)"
    } else {
        ""
    }
}
