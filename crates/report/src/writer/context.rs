//! Everything around the lead: the day's snapshot, rates, breadth, sector
//! and style rotation, durability, valuation, related tickers, sentiment,
//! risks and opportunities.

use super::{Cand, Draft, Kind, Writer, SECTORS, STYLES};
use crate::article::{FactRef, Gap, Related, Role};
use crate::phrase::{capitalise, fund_label, move_verb, pick};
use crate::{fmt, view};
use model::{Basket, Condition, Direction, Field, Period, Query};

impl Writer<'_> {
    /// The day across the main indices, year-to-date returns, the VIX.
    pub(super) fn snapshot(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let mut parts = Vec::new();
        for ix in ["^GSPC", "^NDX", "^RUT", "^DJI"] {
            // The lead already stated its subject's move.
            let said = lead.subject == ix
                && matches!(
                    lead.kind,
                    Kind::DailyMove
                        | Kind::Bear
                        | Kind::Correction
                        | Kind::Record
                        | Kind::HighestSince
                        | Kind::LowestSince
                );
            if !self.has_session(ix) {
                continue;
            }
            if let Some(h) = self.ask(Query::DailyMove {
                symbol: ix.into(),
                as_of: d,
            }) {
                let p = view::move_pct(self.f(h)).unwrap_or(0.0);
                let c = self.book.cite(h);
                let verb = move_verb(&format!("{ix}{}", self.key), p, p.abs() >= 3.0);
                if !said {
                    parts.push(format!(
                        "the {} {verb} {} {c}",
                        self.nm(ix),
                        fmt::pct_abs(p)
                    ));
                }
                if ix == "^GSPC" {
                    dr.sentiment_score += if p > 0.0 {
                        1
                    } else if p < 0.0 {
                        -1
                    } else {
                        0
                    };
                    dr.reasons.push(format!(
                        "The S&P 500 {verb} {} on the day {c}.",
                        fmt::pct_abs(p)
                    ));
                }
            }
        }
        if !parts.is_empty() {
            let lead_in = pick(
                &format!("snap{}", self.key),
                &[
                    "Across the market,",
                    "Elsewhere,",
                    "Among the major indices,",
                ],
            );
            perf.push(format!("{lead_in} {}.", join_and(&parts)));
            dr.topic(format!("How did the major indices do on {d}?"));
        }
        // Year to date for the subject and its benchmark.
        let mut ytd = Vec::new();
        let mut syms = vec![lead.subject.clone()];
        if let Some(b) = &lead.bench {
            syms.push(b.clone());
        }
        for s in syms {
            if s.starts_with("DFED") || s == "^VIX" {
                continue;
            }
            if let Some(h) = self.ask(Query::Return {
                symbol: s.clone(),
                period: Period::YearToDate,
                as_of: d,
            }) {
                let p = self.f(h).value.as_f64().unwrap_or(0.0);
                let c = self.book.cite(h);
                ytd.push(format!(
                    "the {} is {} {} {c}",
                    self.nm(&s),
                    if p >= 0.0 { "up" } else { "down" },
                    fmt::pct_abs(p)
                ));
            }
        }
        if !ytd.is_empty() {
            perf.push(format!("Year to date, {}.", join_and(&ytd)));
        }
        if lead.kind != Kind::VixHigh && self.has_session("^VIX") {
            if let Some(h) = self.ask(Query::Level {
                symbol: "^VIX".into(),
                field: Field::Close,
                as_of: d,
            }) {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                let c = self.book.cite(h);
                perf.push(format!("The VIX closed at {} {c}.", fmt::level(v)));
                if v >= 30.0 {
                    dr.sentiment_score -= 1;
                    dr.reasons
                        .push(format!("The VIX is elevated at {} {c}.", fmt::level(v)));
                    dr.risks.push(format!(
                        "Implied volatility is high: the VIX closed at {} {c}.",
                        fmt::level(v)
                    ));
                } else if v <= 15.0 {
                    dr.sentiment_score += 1;
                    dr.reasons
                        .push(format!("The VIX is subdued at {} {c}.", fmt::level(v)));
                }
            }
        }
        // Trend and drawdown of the S&P 500 as sentiment signals.
        if let Some(h) = self.ask(Query::MovingAverage {
            symbol: "^GSPC".into(),
            window: 200,
            as_of: d,
        }) {
            let f = self.f(h).clone();
            if let (Some(above), Some(win)) = (view::ma_above(&f), view::ma_window(&f)) {
                let c = self.book.cite(h);
                let dist = view::ma_distance(&f).map_or(String::new(), |x| {
                    format!(
                        " ({} {})",
                        fmt::pct_abs(x),
                        if above { "above" } else { "below" }
                    )
                });
                dr.sentiment_score += if above { 1 } else { -1 };
                dr.reasons.push(format!(
                    "The S&P 500 closed {} its {}-day moving average{dist} {c}.",
                    if above { "above" } else { "below" },
                    fmt::count(win)
                ));
                if !above {
                    dr.risks.push(format!(
                        "Trend: the S&P 500 sits below its {}-day moving average{dist} {c}.",
                        fmt::count(win)
                    ));
                }
            }
        }
        if let Some(h) = self.ask(Query::Drawdown {
            symbol: "^GSPC".into(),
            as_of: d,
        }) {
            let f = self.f(h).clone();
            if let Some(dd) = view::drawdown_pct(&f) {
                if dd <= -10.0 {
                    let c = self.book.cite(h);
                    dr.sentiment_score -= 1;
                    let peak = view::drawdown_peak(&f)
                        .map_or(String::new(), |p| format!(" its {} peak", fmt::date(p)));
                    dr.reasons.push(format!(
                        "The S&P 500 is {} below{peak} {c}.",
                        fmt::pct_abs(dd)
                    ));
                    dr.risks.push(format!(
                        "Drawdown: the S&P 500 closed {} below{peak} {c}.",
                        fmt::pct_abs(dd)
                    ));
                }
            }
        }
        match lead.kind {
            Kind::RelStreak | Kind::Record | Kind::HighestSince => {
                let up =
                    lead.kind != Kind::RelStreak || view::streak_up(self.f(lead.h)).unwrap_or(true);
                let c = self.book.cite(lead.h);
                dr.sentiment_score += if up { 1 } else { -1 };
                dr.reasons.push(format!(
                    "The lead story is one of {}: {} {c}.",
                    if up { "strength" } else { "weakness" },
                    dr.key_points.first().map_or(String::new(), |k| {
                        let k = strip_marks(k);
                        let k = k.trim_end_matches('.');
                        k.strip_prefix("The ")
                            .map_or(k.to_string(), |r| format!("the {r}"))
                    })
                ));
            }
            Kind::LowestSince | Kind::Bear | Kind::Correction | Kind::VixHigh => {
                dr.sentiment_score -= 1;
            }
            Kind::DailyMove | Kind::AbsStreak => {
                let f = self.f(lead.h).clone();
                let neg = view::move_pct(&f).is_some_and(|p| p < 0.0)
                    || view::streak_up(&f) == Some(false);
                if lead.subject != "^GSPC" {
                    dr.sentiment_score += if neg { -1 } else { 1 };
                }
            }
            _ => {}
        }
    }

    /// The Fed's path over the past year (or the effective rate before the
    /// target-range data starts) and the 10-year yield.
    pub(super) fn rates(&mut self, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        let from = d.checked_sub_days(chrono::Days::new(365));
        let mut said = false;
        if let Some(h) = self.ask(Query::RateDecisions { from, as_of: d }) {
            let f = self.f(h).clone();
            let changes = view::rate_changes(&f);
            let range = view::rate_range(&f);
            let c = self.book.cite(h);
            let range_txt =
                range.map(|(l, u)| format!("{}–{}", fmt::number(l, 2), fmt::pct_abs(u)));
            if !changes.is_empty() {
                let n = f
                    .value
                    .as_f64()
                    .map(|x| x.round() as i64)
                    .unwrap_or(changes.len() as i64);
                let cuts = changes.iter().all(|(_, bp)| *bp < 0.0);
                let hikes = changes.iter().all(|(_, bp)| *bp > 0.0);
                let verb = if cuts {
                    "cut rates"
                } else if hikes {
                    "raised rates"
                } else {
                    "changed rates"
                };
                let list: Vec<String> = changes
                    .iter()
                    .map(|(dt, bp)| {
                        format!(
                            "{} ({}{} bp)",
                            fmt::date(*dt),
                            if *bp < 0.0 { "-" } else { "+" },
                            fmt::number(bp.abs(), 0)
                        )
                    })
                    .collect();
                let times = if n == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", fmt::count(n))
                };
                let to = range_txt.clone().map_or(String::new(), |r| {
                    format!(", taking the federal funds target range to {r}")
                });
                paras.push(format!(
                    "Rates: the Federal Reserve {verb} {times} in the past twelve months, on {}{to} {c}.",
                    join_and(&list)
                ));
                dr.key_points.push(format!(
                    "The Fed {verb} {times} in the past twelve months{to} {c}."
                ));
                dr.summary.push(format!(
                    "Fed path: {}{} {c}.",
                    list.join(", "),
                    range_txt.map_or(String::new(), |r| format!("; target range now {r}"))
                ));
                dr.tag("fed_policy");
                dr.topic(format!(
                    "How many times did the Fed {} rates in the past year?",
                    if hikes { "raise" } else { "cut" }
                ));
                said = true;
            } else if let Some(r) = range_txt {
                paras.push(format!(
                    "Rates: the Federal Reserve left its target range unchanged over the past year, at {r} {c}."
                ));
                dr.topic("When did the Fed last cut rates?".into());
                said = true;
            }
        }
        if !said {
            if let Some(h) = self.ask(Query::Level {
                symbol: "DFF".into(),
                field: Field::Value,
                as_of: d,
            }) {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                let c = self.book.cite(h);
                paras.push(format!(
                    "Rates: the {} stood at {} {c}; the store's Fed target-range series starts later, so no decisions are dated here.",
                    self.nm("DFF").to_lowercase(),
                    fmt::pct_abs(v)
                ));
            }
        }
        if let Some(h) = self.ask(Query::Level {
            symbol: "DGS10".into(),
            field: Field::Value,
            as_of: d,
        }) {
            let f = self.f(h).clone();
            // Only a same-week observation describes the day.
            if f.inputs.iter().any(|i| (d - i.to).num_days() <= 7) {
                let v = view::level(&f).unwrap_or(0.0);
                let c = self.book.cite(h);
                paras.push(format!(
                    "The {} was {} {c}.",
                    self.nm("DGS10"),
                    fmt::pct_abs(v)
                ));
            }
        }
    }

    /// Share of S&P 500 members above their 200-day average, when the store
    /// has it for the date.
    pub(super) fn breadth(&mut self, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        let covered = self
            .book
            .universe()
            .get("ABV200", Field::Value)
            .is_some_and(|s| s.first_date().is_some_and(|f| f <= d) && s.index_of(d).is_some());
        if !covered {
            dr.gaps.push(Gap {
                topic: "Breadth".into(),
                needs: "the share of S&P 500 members above their moving averages (abv.csv) does not cover this date; constituent-level prices would fill it".into(),
            });
            return;
        }
        if let Some(h) = self.ask(Query::Level {
            symbol: "ABV200".into(),
            field: Field::Value,
            as_of: d,
        }) {
            let v = view::level(self.f(h)).unwrap_or(0.0);
            let c = self.book.cite(h);
            paras.push(format!(
                "Breadth: the {} was {} {c}.",
                self.nm("ABV200").to_lowercase().replace("s&p", "S&P"),
                fmt::share(v)
            ));
        }
    }

    /// Sector and style fund moves on the day.
    pub(super) fn rotation(&mut self, lead: &Cand, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        let sectors = self.day_moves(SECTORS);
        if sectors.is_empty() {
            dr.gaps.push(Gap {
                topic: "Sector moves".into(),
                needs:
                    "sector fund prices for this date; the store's sector ETF histories start later"
                        .into(),
            });
        } else {
            let mut s = sectors.clone();
            s.sort_by(|a, b| b.1.total_cmp(&a.1));
            let fmt_one = |w: &mut Self, (sym, p, h): &(String, f64, crate::book::H)| {
                let c = w.book.cite(*h);
                format!("{} {} {c}", fund_label(w.reg(), sym), fmt::pct_signed(*p))
            };
            let top: Vec<String> = s.iter().take(3).map(|x| fmt_one(self, x)).collect();
            let bottom: Vec<String> = s.iter().rev().take(3).map(|x| fmt_one(self, x)).collect();
            let breadth = self
                .ask(Query::CrossSection {
                    basket: Basket::Sectors,
                    period: Period::Day,
                    as_of: d,
                })
                .and_then(|h| {
                    let f = self.f(h).clone();
                    let up = crate::book::num(&f, &["n_up"])?;
                    let down = crate::book::num(&f, &["n_down"])?;
                    let c = self.book.cite(h);
                    Some(format!(
                        " {} sector funds rose and {} fell {c}.",
                        fmt::count(up as i64),
                        fmt::count(down as i64)
                    ))
                })
                .unwrap_or_default();
            paras.push(format!(
                "Sector rotation on {}: {} led, while {} lagged.{breadth}",
                fmt::date(d),
                join_and(&top),
                join_and(&bottom)
            ));
            if let (Some(best), Some(worst)) = (s.first(), s.last()) {
                let cb = self.book.cite(best.2);
                let cw = self.book.cite(worst.2);
                dr.key_points.push(format!(
                    "Sectors: {} was the day's best sector fund at {} {cb}, {} the worst at {} {cw}.",
                    fund_label(self.reg(), &best.0),
                    fmt::pct_signed(best.1),
                    fund_label(self.reg(), &worst.0),
                    fmt::pct_signed(worst.1)
                ));
            }
            dr.tag("sector_rotation");
            dr.topic(format!("How did the sectors do on {d}?"));
        }
        let styles = self.day_moves(STYLES);
        if !styles.is_empty() {
            let mut s = styles;
            s.sort_by(|a, b| b.1.total_cmp(&a.1));
            let items: Vec<String> = s
                .iter()
                .map(|(sym, p, h)| {
                    let c = self.book.cite(*h);
                    format!(
                        "{} {} {c}",
                        fund_label(self.reg(), sym),
                        fmt::pct_signed(*p)
                    )
                })
                .collect();
            paras.push(format!(
                "Size and style funds on the day, best to worst: {}.",
                items.join("; ")
            ));
            dr.tag("style_rotation");
        }
        let _ = lead;
    }

    /// Daily moves of funds that traded on the date: (symbol, pct, fact).
    pub(super) fn day_moves(&mut self, symbols: &[&str]) -> Vec<(String, f64, crate::book::H)> {
        let d = self.d;
        let mut out = Vec::new();
        for &s in symbols {
            if !self.has_session(s) {
                continue;
            }
            if let Some(h) = self.ask(Query::DailyMove {
                symbol: s.into(),
                as_of: d,
            }) {
                if let Some(p) = view::move_pct(self.f(h)) {
                    out.push((s.to_string(), p, h));
                }
            }
        }
        out
    }

    /// Base rates and event studies: what history says about durability.
    pub(super) fn durability(&mut self, lead: &Cand, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        // The lead's own record first, then the long view.
        self.streak_count(lead, paras);
        self.event_study(lead, dr, paras);
        self.after_last(lead, dr, paras);
        let small = |w: &Self, s: &str| {
            w.reg()
                .and_then(|r| r.get(s))
                .and_then(|i| i.style)
                .is_some_and(|st| {
                    matches!(
                        st,
                        model::Style::Small | model::Style::SmallValue | model::Style::SmallGrowth
                    )
                })
        };
        if small(self, &lead.subject) || lead.bench.as_deref().is_some_and(|b| small(self, b)) {
            if let Some(h) = self.ask(Query::BaseRate {
                a: "FF_ME_LO30".into(),
                b: "FF_ME_HI30".into(),
                window_years: 10,
                from: None,
                as_of: d,
            }) {
                let f = self.f(h).clone();
                if let Some(share) = view::base_share(&f) {
                    let c = self.book.cite(h);
                    // The window as the Fact states it: its `window_years`
                    // detail, else its months (never a rounded restatement).
                    let yrs = match (view::base_window_years(&f), view::base_window_months(&f)) {
                        (Some(y), _) => format!("{}-year", fmt::count(y)),
                        (None, Some(m)) => format!("{}-month", fmt::count(m)),
                        (None, None) => "multi-year".to_string(),
                    };
                    let n = view::base_windows(&f)
                        .map_or(String::new(), |n| format!(" of the {}", fmt::count(n)));
                    let span = f.window.map_or(String::new(), |(a, b)| {
                        format!(" between {} and {}", fmt::month_year(a), fmt::month_year(b))
                    });
                    // Say what each number is: the window mean is an
                    // average over windows; the geometric/arithmetic gaps are
                    // whole-span figures, not averages over windows.
                    let mean = view::base_mean_window_diff(&f).map_or(String::new(), |m| {
                        format!(
                            "; in the average window small caps' annualised return was {} percentage points a year {} large caps'",
                            fmt::number(m.abs(), 2),
                            if m >= 0.0 { "above" } else { "below" }
                        )
                    });
                    let whole = f.window.map_or("the whole span".to_string(), |(a, b)| {
                        format!(
                            "the whole {}–{} span",
                            fmt::month_year(a),
                            fmt::month_year(b)
                        )
                    });
                    let faster = |g: f64| if g >= 0.0 { "faster" } else { "slower" };
                    let diff = match (view::base_geo_diff(&f), view::base_arith_diff(&f)) {
                        (Some(g), Some(a)) => format!(
                            "{mean}; over {whole} small caps compounded {} percentage points a year {} (geometric; {} arithmetic)",
                            fmt::number(g.abs(), 2),
                            faster(g),
                            fmt::number(a, 2)
                        ),
                        (Some(g), None) => format!(
                            "{mean}; over {whole} small caps compounded {} percentage points a year {} (geometric)",
                            fmt::number(g.abs(), 2),
                            faster(g)
                        ),
                        _ => mean,
                    };
                    paras.push(format!(
                        "The long view: in Ken French's size portfolios, small caps (FF_ME_LO30) compounded faster than large caps (FF_ME_HI30) in {}{n} rolling {yrs} windows{span}{diff} {c}.",
                        fmt::share(share)
                    ));
                    dr.opportunities.push(format!(
                        "History favours patience with small caps: they beat large caps in {} of rolling {yrs} windows {c}.",
                        fmt::share(share)
                    ));
                    dr.summary.push(format!(
                        "Size premium base rate: {} of {yrs} windows {c}.",
                        fmt::share(share)
                    ));
                    let since = f
                        .window
                        .map(|w| fmt::year(w.0))
                        .or_else(|| view::history_start(&f).map(fmt::year));
                    if let Some(y) = since {
                        dr.topic(format!(
                            "How often have small caps beaten large caps over {yrs} windows since {y}?"
                        ));
                    }
                    dr.tag("size_premium");
                }
            }
        }
    }

    /// What followed earlier events like the lead, from the engine's event
    /// study: per horizon the number of cases, the median forward return and
    /// the share that were higher. A base rate, never a forecast.
    fn event_study(&mut self, lead: &Cand, dr: &mut Draft, paras: &mut Vec<String>) {
        // An ordinary day has no "similar events" worth a base rate.
        if lead.rarity_years < 1.0 {
            return;
        }
        let d = self.d;
        let lf = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let b = lead.bench.as_deref().map(|b| self.nm(b));
        let (cond, one, many) = match lead.kind {
            Kind::RelStreak | Kind::AbsStreak => {
                let (Some(len), up) = (view::streak_len(&lf), view::streak_up(&lf).unwrap_or(true))
                else {
                    return;
                };
                let n = fmt::count(len);
                let vs = if lead.kind == Kind::RelStreak {
                    lead.bench.clone()
                } else {
                    None
                };
                let (one, many) = match (&b, vs.is_some(), up) {
                    (Some(b), true, true) => (
                        format!("run in which the {a} beat the {b} for {n} sessions in a row"),
                        format!("runs in which the {a} beat the {b} for {n} sessions in a row"),
                    ),
                    (Some(b), true, false) => (
                        format!("run in which the {a} trailed the {b} for {n} sessions in a row"),
                        format!("runs in which the {a} trailed the {b} for {n} sessions in a row"),
                    ),
                    (_, _, true) => (
                        format!("{n}-session winning streak"),
                        format!("{n}-session winning streaks"),
                    ),
                    (_, _, false) => (
                        format!("{n}-session losing streak"),
                        format!("{n}-session losing streaks"),
                    ),
                };
                (
                    Condition::Streak {
                        vs,
                        direction: if up { Direction::Up } else { Direction::Down },
                        min_len: u32::try_from(len).unwrap_or(u32::MAX),
                    },
                    one,
                    many,
                )
            }
            Kind::DailyMove => {
                let Some(p) = view::move_pct(&lf) else {
                    return;
                };
                // The threshold is the move as printed, so the text and the
                // condition agree.
                let pct = (p * 100.0).round() / 100.0;
                let word = if p < 0.0 { "decline" } else { "gain" };
                (
                    Condition::DailyMove { pct },
                    format!("one-day {word} of {} or more", fmt::pct_abs(p)),
                    format!("one-day {word}s of {} or more", fmt::pct_abs(p)),
                )
            }
            Kind::Bear => (
                Condition::Drawdown { pct: -20.0 },
                "first close in bear-market territory below a peak".into(),
                "first closes in bear-market territory below a peak".into(),
            ),
            Kind::Correction => (
                Condition::Drawdown { pct: -10.0 },
                "first close in correction territory below a peak".into(),
                "first closes in correction territory below a peak".into(),
            ),
            Kind::Record => (
                Condition::RecordClose,
                "record close".into(),
                "record closes".into(),
            ),
            _ => {
                dr.gaps.push(Gap {
                    topic: "Event study".into(),
                    needs: format!(
                        "an event-study condition for this kind of event (a {} high); the fact engine's event studies cover streaks, daily moves, drawdowns, record closes and January returns",
                        self.nm(&lead.subject)
                    ),
                });
                return;
            }
        };
        let Some(h) = self.ask(Query::EventStudy {
            symbol: lead.subject.clone(),
            condition: cond.clone(),
            as_of: d,
        }) else {
            return;
        };
        let f = self.f(h).clone();
        let c = self.book.cite(h);
        let horizons = view::event_horizons(&f);
        let start = f.window.map(|w| w.0).or_else(|| view::history_start(&f));
        let since = start.map_or(String::new(), |s| format!(" since {}", fmt::date(s)));
        let Some(first) = horizons.first().copied() else {
            let n = view::event_count(&f).unwrap_or(0);
            paras.push(if n == 0 {
                format!(
                    "What history says: the data{since} hold no earlier {one} for the {a}, so there is no base rate to report {c}."
                )
            } else {
                format!(
                    "What history says: the {a} had {} earlier {many}{since}, none long enough ago for a complete forward window {c}.",
                    fmt::count(n)
                )
            });
            return;
        };
        let from = match lead.kind {
            Kind::RelStreak | Kind::AbsStreak => {
                "the session on which each earlier run reached that length"
            }
            Kind::Bear | Kind::Correction => {
                "the first close of each earlier episode past the threshold"
            }
            _ => "the close of each earlier case",
        };
        let parts: Vec<String> = horizons
            .iter()
            .enumerate()
            .map(|(i, hz)| {
                let about =
                    horizon_words(hz.sessions).map_or(String::new(), |w| format!("about {w}; "));
                let cases = if i == 0 {
                    format!(
                        "higher in {} of {} cases",
                        fmt::share(hz.hit_pct),
                        fmt::count(hz.n)
                    )
                } else {
                    format!("{} of {}", fmt::share(hz.hit_pct), fmt::count(hz.n))
                };
                format!(
                    "{} over the next {} sessions ({about}{cases})",
                    fmt::pct_signed(hz.median_pct),
                    fmt::count(hz.sessions)
                )
            })
            .collect();
        let most = horizons.iter().map(|h| h.n).max().unwrap_or(first.n);
        let cases = view::event_dates(&f);
        // The Fact's count can include a case too recent to follow forward
        // (the current drawdown episode); say so rather than mix the two.
        let qualifier = if view::event_count(&f) == Some(most) {
            ""
        } else {
            " with a complete forward window"
        };
        let listed = if most < 10 && cases.len() as i64 == most {
            let ds: Vec<String> = cases.iter().map(|x| fmt::date(*x)).collect();
            format!(" ({})", join_and(&ds))
        } else {
            String::new()
        };
        paras.push(format!(
            "What followed similar events, as a base rate rather than a forecast: the data{since} hold {} earlier {many}{qualifier}{listed}. Measured from {from}, the {a}'s median return was {} {c}.",
            fmt::count(most),
            join_and(&parts)
        ));
        if most < 10 {
            paras.push(format!(
                "That rests on only {} cases: a thin record that shows what has happened, not what will {c}.",
                fmt::count(most)
            ));
        }
        // The benchmark after the same events, for a relative streak.
        if let (
            Kind::RelStreak,
            Some(bench),
            Condition::Streak {
                direction, min_len, ..
            },
        ) = (lead.kind, lead.bench.clone(), &cond)
        {
            let flipped = Condition::Streak {
                vs: Some(lead.subject.clone()),
                direction: if *direction == Direction::Up {
                    Direction::Down
                } else {
                    Direction::Up
                },
                min_len: *min_len,
            };
            if let Some(hb) = self.ask(Query::EventStudy {
                symbol: bench.clone(),
                condition: flipped,
                as_of: d,
            }) {
                let fb = self.f(hb).clone();
                let hbz = view::event_horizons(&fb);
                if !hbz.is_empty() {
                    let cb = self.book.cite(hb);
                    let parts: Vec<String> = hbz
                        .iter()
                        .map(|hz| {
                            format!(
                                "{} over {} sessions",
                                fmt::pct_signed(hz.median_pct),
                                fmt::count(hz.sessions)
                            )
                        })
                        .collect();
                    paras.push(format!(
                        "Over the same windows, the {}'s median return was {} {cb}.",
                        self.nm(&bench),
                        join_and(&parts)
                    ));
                }
            }
        }
        let last = *horizons.last().unwrap_or(&first);
        // The unconditional base rate over the same history, for scale.
        if let Some(all) = view::event_baseline(&f)
            .into_iter()
            .find(|x| x.sessions == last.sessions)
        {
            paras.push(format!(
                "For scale, across all {} windows of {} sessions in the same history, the {a}'s median return was {} and {} were higher {c}.",
                fmt::count(all.n),
                fmt::count(all.sessions),
                fmt::pct_signed(all.median_pct),
                fmt::share(all.hit_pct)
            ));
        }
        let line = format!(
            "Base rate, not a forecast: after earlier {many}, the {a} was higher {} sessions later in {} of {} cases, with a median of {} {c}.",
            fmt::count(last.sessions),
            fmt::share(last.hit_pct),
            fmt::count(last.n),
            fmt::pct_signed(last.median_pct)
        );
        if last.hit_pct >= 50.0 {
            dr.opportunities.push(line);
        } else {
            dr.risks.push(line);
        }
        let ends: Vec<String> = [
            Some(first),
            horizons
                .last()
                .copied()
                .filter(|h| h.sessions != first.sessions),
        ]
        .into_iter()
        .flatten()
        .map(|hz| {
            format!(
                "{} after {} sessions",
                fmt::pct_signed(hz.median_pct),
                fmt::count(hz.sessions)
            )
        })
        .collect();
        dr.summary.push(format!(
            "Event study (base rate, not a forecast): after {} earlier {many}, the median return was {} {c}.",
            fmt::count(most),
            join_and(&ends)
        ));
        dr.topic(match (&cond, &b) {
            // The lead already asks what followed its last streak.
            (Condition::Streak { vs: Some(_), .. }, _) => return,
            (
                Condition::Streak {
                    direction, min_len, ..
                },
                _,
            ) => format!(
                "What happened to the {a} after it {} {} days in a row?",
                if *direction == Direction::Up {
                    "rose"
                } else {
                    "fell"
                },
                fmt::count(i64::from(*min_len))
            ),
            (Condition::DailyMove { .. }, _) => {
                let p = view::move_pct(&lf).unwrap_or(0.0);
                format!(
                    "What happened to the {a} after a one-day {} of {} or more?",
                    if p < 0.0 { "drop" } else { "gain" },
                    fmt::pct_abs(p)
                )
            }
            (Condition::RecordClose, _) => format!("What happened to the {a} after record closes?"),
            _ => format!("When did the {a} last enter a bear market?"),
        });
    }

    /// How many streaks at least as long the pair has had.
    fn streak_count(&mut self, lead: &Cand, paras: &mut Vec<String>) {
        if !matches!(lead.kind, Kind::RelStreak | Kind::AbsStreak) {
            return;
        }
        let f = self.f(lead.h).clone();
        let (Some(len), Some(up)) = (view::streak_len(&f), view::streak_up(&f)) else {
            return;
        };
        let Some(h) = self.ask(Query::StreakCount {
            symbol: lead.subject.clone(),
            vs: if lead.kind == Kind::RelStreak {
                lead.bench.clone()
            } else {
                None
            },
            direction: if up { Direction::Up } else { Direction::Down },
            min_len: len as u32,
            from: None,
            as_of: self.d,
        }) else {
            return;
        };
        let fc = self.f(h).clone();
        let Some(n) = fc.value.as_f64() else {
            return;
        };
        let c = self.book.cite(h);
        let start =
            view::history_start(&fc).map_or(String::new(), |s| format!(" since {}", fmt::date(s)));
        paras.push(format!(
            "Rarity: counting this one, there have been {} streaks of at least {} sessions{start} {c}.",
            fmt::count(n.round() as i64),
            fmt::count(len)
        ));
    }

    /// The session after `date` and the one `n` sessions later, in the
    /// symbol's own calendar; `None` when the series does not reach that far
    /// by the brief's date.
    fn sessions_after(
        &self,
        symbol: &str,
        date: model::Date,
        n: usize,
    ) -> Option<(model::Date, model::Date)> {
        let u = self.book.universe();
        let s = u
            .get(symbol, Field::Close)
            .or_else(|| u.get(symbol, Field::AdjClose))?;
        let i = s.len_as_of(date);
        let dates = &s.dates()[..s.len_as_of(self.d)];
        Some((*dates.get(i)?, *dates.get(i + n - 1)?))
    }

    /// What followed the last comparable event: the subject's (and the
    /// benchmark's) return over the month after it.
    fn after_last(&mut self, lead: &Cand, dr: &mut Draft, paras: &mut Vec<String>) {
        const MONTH_SESSIONS: usize = 21;
        let f = self.f(lead.h).clone();
        let (last, what) = match lead.kind {
            Kind::RelStreak => (
                view::longest_since(&f),
                "the last relative streak at least this long",
            ),
            Kind::AbsStreak => (
                view::longest_since(&f),
                "the last streak at least this long",
            ),
            Kind::DailyMove => (
                view::move_since(&f),
                "the last one-day move at least this large",
            ),
            _ => (None, ""),
        };
        let Some(last) = last else {
            return;
        };
        let Some((from, to)) = self.sessions_after(&lead.subject, last, MONTH_SESSIONS) else {
            return;
        };
        let period = Period::Between { from, to };
        let Some(ra) = self.ask(Query::Return {
            symbol: lead.subject.clone(),
            period,
            as_of: to,
        }) else {
            return;
        };
        let fa = self.f(ra).clone();
        let pa = fa.value.as_f64().unwrap_or(0.0);
        let ca = self.book.cite(ra);
        let a = self.nm(&lead.subject);
        let first = crate::book::date(&fa, &["first_session"]).unwrap_or(from);
        let end = crate::book::date(&fa, &["end_date"]).unwrap_or(to);
        let mut s = format!(
            "After {what} ended on {}, the {a} {} {} over the following month ({} to {}) {ca}",
            fmt::date(last),
            move_verb(&format!("after{}", self.key), pa, pa.abs() >= 5.0),
            fmt::pct_abs(pa),
            fmt::date(first),
            fmt::date(end)
        );
        if let Some(b) = lead.bench.clone() {
            if let Some(rb) = self.ask(Query::Return {
                symbol: b.clone(),
                period,
                as_of: to,
            }) {
                let pb = self.f(rb).value.as_f64().unwrap_or(0.0);
                let cb = self.book.cite(rb);
                s.push_str(&format!(
                    ", against {} for the {} {cb}",
                    fmt::pct_signed(pb),
                    self.nm(&b)
                ));
            }
        }
        s.push_str(". One case is an anecdote, not a base rate.");
        paras.push(s);
        let line = format!(
            "After {what} ({}), the {a} moved {} over the next month {ca}.",
            fmt::date(last),
            fmt::pct_signed(pa)
        );
        if pa < 0.0 {
            dr.risks.push(line);
        } else {
            dr.opportunities.push(line);
        }
    }

    /// Trailing valuation from Shiller's data, when it covers the date.
    pub(super) fn valuation(&mut self, _dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        if let Some(h) = self.ask(Query::Level {
            symbol: "CAPE".into(),
            field: Field::Value,
            as_of: d,
        }) {
            let f = self.f(h).clone();
            let Some(v) = view::level(&f) else {
                return;
            };
            let obs = f.inputs.iter().map(|i| i.to).max();
            let c = self.book.cite(h);
            // A Fact cut by a release lag says so: later months are in the
            // store but were not published by the date.
            let latest = if f.detail("release_lag_days").is_some() {
                format!("the latest reading published by {}", fmt::date(d))
            } else {
                "the latest reading in the store".to_string()
            };
            paras.push(format!(
                "On trailing earnings, the S&P 500's {} was {}{}, {latest} {c}. Forward multiples are not in the store.",
                self.nm("CAPE"),
                fmt::number(v, 2),
                obs.map_or(String::new(), |o| format!(" in {}", fmt::month_year(o)))
            ));
        }
    }

    /// Related tickers with their role, a line on why, and a last close.
    pub(super) fn related(&mut self, lead: &Cand, dr: &mut Draft) {
        let mut list: Vec<(String, Role, String)> = Vec::new();
        let subj = lead.subject.clone();
        if !subj.starts_with("DFED") {
            list.push((
                subj.clone(),
                Role::Subject,
                "The instrument this brief leads with.".into(),
            ));
        }
        if let Some(b) = &lead.bench {
            let why = if subj == "^VIX" {
                format!(
                    "The index whose option prices the {} is computed from.",
                    self.nm(&subj)
                )
            } else {
                format!("The benchmark the {} is measured against.", self.nm(&subj))
            };
            list.push((b.clone(), Role::Benchmark, why));
        } else if subj != "^GSPC" {
            list.push((
                "^GSPC".into(),
                Role::Benchmark,
                "The broad US large-cap benchmark.".into(),
            ));
        }
        let proxies = [
            ("^RUT", "IWM"),
            ("^GSPC", "SPY"),
            ("^NDX", "QQQ"),
            ("^DJI", "DIA"),
        ];
        let named: Vec<String> = list.iter().map(|x| x.0.clone()).collect();
        for (ix, etf) in proxies {
            if named.iter().any(|s| s == ix) && self.has_session(etf) {
                list.push((
                    etf.into(),
                    Role::Proxy,
                    format!("Exchange-traded fund that tracks the {}.", self.nm(ix)),
                ));
            }
        }
        if subj == "^GSPC" || subj == "^VIX" {
            for (ix, why) in [
                (
                    "^RUT",
                    "Small-cap index: shows whether the move was broad across sizes.",
                ),
                (
                    "^NDX",
                    "Large-cap growth index: shows how the tech-heavy names fared.",
                ),
            ] {
                if self.has_session(ix) {
                    list.push((ix.into(), Role::Style, why.into()));
                }
            }
        }
        let small = lead.subject == "^RUT" || lead.subject == "IWM";
        if small && self.has_session("IJS") {
            list.push((
                "IJS".into(),
                Role::Style,
                "Small-cap value fund: shows whether the move carries a value tilt.".into(),
            ));
        }
        let sectors = self.day_moves(SECTORS);
        let best = sectors.iter().max_by(|a, b| a.1.total_cmp(&b.1)).cloned();
        let worst = sectors.iter().min_by(|a, b| a.1.total_cmp(&b.1)).cloned();
        for (x, word) in [(best, "Best"), (worst, "Weakest")] {
            if let Some((sym, p, h)) = x {
                let c = self.book.cite(h);
                list.push((
                    sym.clone(),
                    Role::Sector,
                    format!("{word} sector fund on the day, {} {c}.", fmt::pct_signed(p)),
                ));
            }
        }
        for (sym, role, why) in list {
            let (last, last_note) = self.last_close(&sym);
            dr.related.push(Related {
                name: self
                    .reg()
                    .and_then(|r| r.get(&sym))
                    .map_or(sym.clone(), |i| i.name.clone()),
                symbol: sym,
                role,
                why,
                why_facts: Vec::new(),
                last,
                last_note,
            });
        }
        let _ = capitalise("");
    }

    /// The ticker's close as of the date. A Fact flagged `adjusted` (it read
    /// dividend-adjusted closes, restated with dividends paid later, not the
    /// price the fund traded at) is printed with its `price_basis`, on every
    /// date alike: whether the series runs on after the date is not known
    /// on it.
    fn last_close(&mut self, sym: &str) -> (Option<FactRef>, Option<String>) {
        let d = self.d;
        for field in [Field::Close, Field::AdjClose] {
            if self.book.universe().get(sym, field).is_none() {
                continue;
            }
            if let Some(h) = self.ask(Query::Level {
                symbol: sym.into(),
                field,
                as_of: d,
            }) {
                let f = self.f(h);
                let Some(v) = view::level(f) else {
                    return (None, None);
                };
                let basis = match f.detail("price_basis").map(|b| &b.value) {
                    Some(model::FactValue::Text(t)) => format!(" ({t})"),
                    _ => String::new(),
                };
                let id = self.book.id(h);
                return (
                    Some(FactRef {
                        fact: id,
                        text: format!("{}{basis}", fmt::level(v)),
                        cite: self.book.cite(h),
                    }),
                    None,
                );
            }
        }
        (None, None)
    }

    /// Closes the sentiment reasons (signals were gathered along the way).
    pub(super) fn sentiment(&mut self, _lead: &Cand, dr: &mut Draft) {
        if dr.risks.is_empty() {
            if let Some(k) = dr.summary.iter().find(|s| s.starts_with("Volatility")) {
                dr.risks.push(format!("Momentum can reverse quickly. {k}"));
            }
        }
    }
}

/// Plain words for a forward horizon in sessions (a trading month is
/// about 21 sessions).
fn horizon_words(sessions: i64) -> Option<&'static str> {
    match sessions {
        21 => Some("a month"),
        63 => Some("three months"),
        126 => Some("six months"),
        252 => Some("a year"),
        _ => None,
    }
}

/// "a, b and c".
pub(super) fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Drops citation markers from a sentence.
pub(super) fn strip_marks(s: &str) -> String {
    let s = crate::book::without_tags(s);
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) if rest[i + 1..i + j].chars().all(|c| c.is_ascii_digit()) => {
                rest = &rest[i + j + 1..]
            }
            _ => {
                out.push('[');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out.replace(" .", ".").trim().to_string()
}
