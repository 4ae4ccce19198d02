//! Everything around the lead: the day's snapshot, rates, breadth, sector
//! and style rotation, durability, valuation, related tickers, sentiment,
//! risks and opportunities. The writing rules are in `lead.rs`.

use super::lead::merge_cites;
use super::{Cand, Draft, Kind, Writer, SECTORS, STYLES};
use crate::article::{FactRef, Gap, Related, Role};
use crate::book::H;
use crate::phrase::{capitalise, fund_phrase, move_verb};
use crate::{fmt, view};
use model::{Basket, Condition, Date, Direction, Field, Period, Query};

/// Below this many cases the sample is called small.
const SMALL_SAMPLE: i64 = 10;
/// Up to this many cases an event study's counts are printed as "4 of 5",
/// beyond it as a share ("53.7% of 462 cases").
const COUNT_MAX: i64 = 20;
/// A monthly valuation reading older than its publication lag plus this
/// many days is too old to describe the market of the day.
const STALE_VALUATION_DAYS: i64 = 92;
/// Sessions in a sparkline (about three months).
const SPARK_SESSIONS: usize = 63;

impl Writer<'_> {
    /// The day across the main indices, year-to-date returns, the VIX and
    /// the sentiment signals.
    pub(super) fn snapshot(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let mut parts = Vec::new();
        for ix in ["^GSPC", "^NDX", "^RUT", "^DJI"] {
            if !self.has_session(ix) {
                continue;
            }
            // The lead already stated its subject's move.
            let said = dr.lead_move.as_deref() == Some(ix);
            if let Some(h) = self.ask(Query::DailyMove {
                symbol: ix.into(),
                as_of: d,
            }) {
                let p = view::move_pct(self.f(h)).unwrap_or(0.0);
                let c = self.book.cite(h);
                let verb = move_verb(p, p.abs() >= 3.0);
                if !said {
                    parts.push(format!("{} {verb} {} {c}", self.the(ix), fmt::pct_abs(p)));
                }
                if ix == "^GSPC" {
                    dr.sentiment_score += if p > 0.0 {
                        1
                    } else if p < 0.0 {
                        -1
                    } else {
                        0
                    };
                    let reason = if said {
                        // The figure is in the lead: name the direction only.
                        format!(
                            "The S&P 500 {} on the day{}.",
                            if p < 0.0 { "fell" } else { "rose" },
                            crate::book::tag_only(&c)
                        )
                    } else {
                        format!("The S&P 500 {verb} {} on the day {c}.", fmt::pct_abs(p))
                    };
                    dr.reasons.push(reason);
                }
            }
        }
        if !parts.is_empty() {
            let others = if dr.lead_move.is_some() {
                "Among the other major indices on"
            } else {
                "Among the major indices on"
            };
            perf.push(format!("{others} {}, {}.", fmt::date(d), join_and(&parts)));
            dr.topic(format!("How did the Nasdaq 100 do on {d}?"));
        }
        // Year to date for the subject and its benchmark, unless the lead
        // printed the same return already.
        let mut syms = vec![lead.subject.clone()];
        if let Some(b) = &lead.bench {
            syms.push(b.clone());
        }
        if !syms.iter().any(|s| s == "^GSPC") && lead.kind != Kind::VixHigh {
            syms.push("^GSPC".into());
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
                let f = self.f(h).clone();
                let base = view::ret_base_date(&f);
                if base.is_some_and(|b| dr.said_returns.iter().any(|x| x.0 == s && x.1 == b)) {
                    continue;
                }
                let p = f.value.as_f64().unwrap_or(0.0);
                let c = self.book.cite(h);
                perf.push(format!(
                    "{} {} {} year to date through {} {c}.",
                    capitalise(&self.the(&s)),
                    if p >= 0.0 { "rose" } else { "fell" },
                    fmt::pct_abs(p),
                    fmt::date(d)
                ));
                if let Some(b) = base {
                    dr.said_returns.push((s.clone(), b));
                }
            }
        }
        if !dr.vix_said && self.has_session("^VIX") {
            if let Some(h) = self.ask(Query::Level {
                symbol: "^VIX".into(),
                field: Field::Close,
                as_of: d,
            }) {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                let c = self.book.cite(h);
                perf.push(format!(
                    "The VIX closed at {} on {} {c}.",
                    fmt::level(v),
                    fmt::date(d)
                ));
                if v >= 30.0 {
                    dr.sentiment_score -= 1;
                    dr.reasons
                        .push(format!("The VIX is elevated at {} {c}.", fmt::level(v)));
                    dr.risks.push(format!(
                        "Implied volatility is high: option buyers are paying up for protection against further swings {}.",
                        crate::book::tag_only(&c)
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
                let side = if above { "above" } else { "below" };
                let dist = view::ma_distance(&f)
                    .map_or(String::new(), |x| format!("{} ", fmt::pct_abs(x)));
                dr.sentiment_score += if above { 1 } else { -1 };
                dr.reasons.push(format!(
                    "The S&P 500 closed {dist}{side} its {}-day moving average on {} {c}.",
                    fmt::count(win),
                    fmt::date(d)
                ));
                if above {
                    dr.opportunities.push(format!(
                        "Trend: the S&P 500 is above its {}-day moving average, the usual line between an uptrend and a downtrend {c}.",
                        fmt::count(win)
                    ));
                } else {
                    dr.risks.push(format!(
                        "Trend: the S&P 500 is below its {}-day moving average, the usual line between an uptrend and a downtrend {c}.",
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
                let peak = view::drawdown_peak(&f);
                let lead_is_drawdown =
                    lead.subject == "^GSPC" && matches!(lead.kind, Kind::Bear | Kind::Correction);
                if dd <= -10.0 && !lead_is_drawdown {
                    let c = self.book.cite(h);
                    dr.sentiment_score -= 1;
                    let peak_txt =
                        peak.map_or(String::new(), |p| format!(" its {} peak", fmt::date(p)));
                    dr.reasons.push(format!(
                        "The S&P 500 closed {} below{peak_txt} on {} {c}.",
                        fmt::pct_abs(dd),
                        fmt::date(d)
                    ));
                    dr.risks.push(format!(
                        "Drawdown: the S&P 500 is in {}, well below its record close {c}.",
                        if dd <= -20.0 {
                            "a bear market"
                        } else {
                            "correction territory"
                        }
                    ));
                } else if dd < 0.0 && !dr.at_record && !lead_is_drawdown {
                    // An ordinary day's risk: the record is not regained.
                    if let Some(p) = peak.filter(|p| *p < d) {
                        let c = self.book.cite(h);
                        dr.risks.push(format!(
                            "The S&P 500 has yet to regain its record close of {} {c}.",
                            fmt::date(p)
                        ));
                    }
                }
            }
        }
        match lead.kind {
            Kind::RelStreak | Kind::Record | Kind::HighestSince => {
                let up =
                    lead.kind != Kind::RelStreak || view::streak_up(self.f(lead.h)).unwrap_or(true);
                let tag = self.book.tag(lead.h);
                dr.sentiment_score += if up { 1 } else { -1 };
                dr.reasons.push(format!(
                    "The lead story is one of {}: {}{tag}.",
                    if up { "strength" } else { "weakness" },
                    dr.story
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
    /// target-range data starts) and the 10-year yield, dated.
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
                let (verb, noun) = if cuts {
                    ("cut rates", if n == 1 { "cut" } else { "cuts" })
                } else if hikes {
                    (
                        "raised rates",
                        if n == 1 { "increase" } else { "increases" },
                    )
                } else {
                    ("changed rates", if n == 1 { "change" } else { "changes" })
                };
                let times = if n == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", fmt::count(n))
                };
                let to = range_txt.clone().map_or(String::new(), |r| {
                    format!(
                        ", and the federal funds target range was {r} on {}",
                        fmt::date(d)
                    )
                });
                if !dr.fed_said {
                    dr.key_points.push(format!(
                        "The Federal Reserve {verb} {times} in the past twelve months{to} {c}."
                    ));
                }
                let dates: Vec<String> = changes.iter().map(|(dt, _)| fmt::date(*dt)).collect();
                let same = changes.windows(2).all(|w| w[0].1 == w[1].1);
                let sizes = if same {
                    changes.first().map_or(String::new(), |(_, bp)| {
                        if n == 1 {
                            format!(" of {} basis points", fmt::number(bp.abs(), 0))
                        } else {
                            format!(" of {} basis points each", fmt::number(bp.abs(), 0))
                        }
                    })
                } else {
                    String::new()
                };
                let list = if same {
                    join_and(&dates)
                } else {
                    let each: Vec<String> = changes
                        .iter()
                        .map(|(dt, bp)| {
                            format!(
                                "{} basis points on {}",
                                fmt::number(bp.abs(), 0),
                                fmt::date(*dt)
                            )
                        })
                        .collect();
                    join_and(&each)
                };
                paras.push(if same {
                    format!("The Federal Reserve's {noun}{sizes} came on {list} {c}.")
                } else {
                    format!("The Federal Reserve's {noun} were {list} {c}.")
                });
                dr.summary.push(format!(
                    "Rates: the Federal Reserve {verb} {times} in the past twelve months {c}."
                ));
                dr.tag("fed_policy");
                dr.topic(format!(
                    "How many times did the Fed {} rates in the past year?",
                    if hikes { "raise" } else { "cut" }
                ));
                said = true;
            } else if let Some(r) = range_txt {
                paras.push(format!(
                    "The Federal Reserve left its target range unchanged over the past twelve months; the federal funds target range was {r} on {} {c}.",
                    fmt::date(d)
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
                let f = self.f(h).clone();
                let v = view::level(&f).unwrap_or(0.0);
                let c = self.book.cite(h);
                let on = crate::book::date(&f, &["date"]).unwrap_or(d);
                paras.push(format!(
                    "The {} was {} on {} {c}; the store's Fed target-range series starts later, so no decisions are dated here.",
                    self.nm("DFF").to_lowercase(),
                    fmt::pct_abs(v),
                    fmt::date(on)
                ));
            }
        }
        if let Some(h) = self.ask(Query::Level {
            symbol: "DGS10".into(),
            field: Field::Value,
            as_of: d,
        }) {
            let f = self.f(h).clone();
            let on = crate::book::date(&f, &["date"]).unwrap_or(d);
            // Only a same-week observation describes the day.
            if (d - on).num_days() <= 7 {
                let v = view::level(&f).unwrap_or(0.0);
                let c = self.book.cite(h);
                let when = if on == d {
                    format!("on {}", fmt::date(d))
                } else {
                    format!(
                        "on {}, the latest reading published by {}",
                        fmt::date(on),
                        fmt::date(d)
                    )
                };
                let y = self.the("DGS10");
                let mut sentences = vec![format!(
                    "{} was {} {when}.",
                    capitalise(&y),
                    fmt::pct_abs(v)
                )];
                let mut cites = c.clone();
                // The change this year, once the year is a month old.
                let year_end =
                    chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&d) - 1, 12, 31);
                if let Some(ye) = year_end.filter(|ye| (on - *ye).num_days() >= 30) {
                    if let Some(hc) = self.ask(Query::Change {
                        symbol: "DGS10".into(),
                        field: Some(Field::Value),
                        from: ye,
                        as_of: d,
                    }) {
                        let fc = self.f(hc).clone();
                        let delta = fc.value.as_f64().unwrap_or(0.0);
                        let cc = self.book.cite(hc);
                        // "Year to date": from the last reading of the
                        // year before, unambiguous for a level (a "from
                        // <date>" would read as a return's base).
                        sentences.push(format!(
                            "{} {} {} percentage points year to date through {}.",
                            capitalise(&y),
                            if delta >= 0.0 { "rose" } else { "fell" },
                            fmt::number(delta.abs(), 2),
                            fmt::date(on)
                        ));
                        if delta >= 0.25 {
                            dr.risks.push(format!(
                                "Rates: {y} has risen this year, which makes bonds a stiffer competitor for stocks {cc}."
                            ));
                        }
                        cites = merge_cites(&cites, &cc);
                    }
                }
                paras.push(cite_last(&sentences, &cites));
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
                "The share of S&P 500 members above their 200-day moving average was {} on {} {c}.",
                fmt::share(v),
                fmt::date(d)
            ));
            if v >= 60.0 {
                dr.opportunities.push(format!(
                    "Breadth: most S&P 500 members are above their 200-day moving average, so the advance is not carried by a few stocks {c}."
                ));
            } else if v <= 40.0 {
                dr.risks.push(format!(
                    "Breadth: most S&P 500 members are below their 200-day moving average {c}."
                ));
            }
        }
    }

    /// Sector and style fund moves on the day: the sector split from one
    /// cross-section Fact (one citation run for the paragraph), the funds
    /// with no close that day named with the date of their last one.
    pub(super) fn rotation(&mut self, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        let sectors = self.day_moves(SECTORS);
        let cs = if sectors.is_empty() {
            None
        } else {
            self.ask(Query::CrossSection {
                basket: Basket::Sectors,
                period: Period::Day,
                as_of: d,
            })
        };
        match cs {
            None => dr.gaps.push(Gap {
                topic: "Sector moves".into(),
                needs:
                    "sector fund prices for this date; the store's sector ETF histories start later"
                        .into(),
            }),
            Some(h) => {
                let f = self.f(h).clone();
                let c = self.book.cite(h);
                let up = crate::book::num(&f, &["n_up"]).unwrap_or(0.0) as i64;
                let down = crate::book::num(&f, &["n_down"]).unwrap_or(0.0) as i64;
                let n = crate::book::num(&f, &["n_members"]).unwrap_or(0.0) as i64;
                let ranked: Vec<(String, f64)> = (1..=n)
                    .filter_map(|k| {
                        let t = crate::book::text(&f, &[&format!("rank{k:02}")])?;
                        let sym = t.split_whitespace().next()?.to_string();
                        let p = crate::book::num(&f, &[&format!("return_pct.{sym}")])?;
                        Some((sym, p))
                    })
                    .collect();
                let phrase = |w: &Self, (sym, p): &(String, f64)| {
                    format!(
                        "{} {} {}",
                        fund_phrase(w.reg(), sym),
                        move_verb(*p, false),
                        fmt::pct_abs(*p)
                    )
                };
                let split = match (up, down) {
                    (_, 0) => format!("all {} sector funds rose", fmt::count(n)),
                    (0, _) => format!("all {} sector funds fell", fmt::count(n)),
                    _ => format!(
                        "{} of {} sector funds rose and {} fell",
                        fmt::count(up),
                        fmt::count(n),
                        fmt::count(down)
                    ),
                };
                let mut sentences = vec![format!("On {}, {split}.", fmt::date(d))];
                if let (Some(best), Some(worst)) = (ranked.first(), ranked.last()) {
                    sentences.push(format!(
                        "{} and {}, while {} and {}.",
                        capitalise(&phrase(self, best)),
                        best_words(best.1),
                        phrase(self, worst),
                        worst_words(worst.1)
                    ));
                    dr.key_points.push(format!(
                        "Sector funds on {}: {split}; {} did best and {} did worst {}.",
                        fmt::date(d),
                        fund_phrase(self.reg(), &best.0),
                        fund_phrase(self.reg(), &worst.0),
                        self.cite_moves(&[&best.0, &worst.0]) + &crate::book::tag_only(&c)
                    ));
                    if worst.1 < 0.0 {
                        let lag = fund_phrase(self.reg(), &worst.0);
                        dr.risk_sector = Some(format!(
                            "Rotation: {lag} was the weakest sector fund on {}{}.",
                            fmt::date(d),
                            crate::book::tag_only(&c)
                        ));
                    }
                }
                if ranked.len() >= 6 {
                    let (b2, w2) = (&ranked[1], &ranked[ranked.len() - 2]);
                    sentences.push(format!(
                        "Behind them, {} and {}.",
                        phrase(self, b2),
                        phrase(self, w2)
                    ));
                }
                paras.push(cite_last(&sentences, &c));
                // Funds without a close on the date: named, with the date
                // of their last close, never silently dropped.
                let missing: Vec<&str> = SECTORS
                    .iter()
                    .copied()
                    .filter(|s| !ranked.iter().any(|r| r.0 == *s))
                    .collect();
                self.missing_funds(&missing, "sector", paras);
                dr.tag("sector_rotation");
                dr.topic(format!("Which sector fund did best on {d}?"));
            }
        }
        let styles = self.day_moves(STYLES);
        if styles.len() >= 2 {
            let mut s = styles;
            s.sort_by(|a, b| b.1.total_cmp(&a.1));
            let (best, worst) = (&s[0], &s[s.len() - 1]);
            let cb = self.book.cite(best.2);
            let cw = self.book.cite(worst.2);
            paras.push(format!(
                "Among size and style funds on {}, {} {} {} and {}, while {} {} {} and {} {}.",
                fmt::date(d),
                fund_phrase(self.reg(), &best.0),
                move_verb(best.1, false),
                fmt::pct_abs(best.1),
                best_words(best.1),
                fund_phrase(self.reg(), &worst.0),
                move_verb(worst.1, false),
                fmt::pct_abs(worst.1),
                worst_words(worst.1),
                merge_cites(&cb, &cw)
            ));
            dr.tag("style_rotation");
        }
    }

    /// "XLB, XLC and XLRE had no close on August 21, 2026; their last
    /// close in the store is from August 3, 2026." Each date is the
    /// `date` of a `level` Fact, cited.
    fn missing_funds(&mut self, symbols: &[&str], what: &str, paras: &mut Vec<String>) {
        let d = self.d;
        let mut by_date: Vec<(Date, Vec<String>, String)> = Vec::new();
        for &sym in symbols {
            let u = self.book.universe();
            let field = if u.get(sym, Field::Close).is_some() {
                Field::Close
            } else if u.get(sym, Field::AdjClose).is_some() {
                Field::AdjClose
            } else {
                continue;
            };
            let Some(h) = self.ask(Query::Level {
                symbol: sym.into(),
                field,
                as_of: d,
            }) else {
                continue;
            };
            let on = crate::book::date(self.f(h), &["date"]);
            let c = self.book.cite(h);
            let Some(on) = on.filter(|on| *on < d) else {
                continue;
            };
            match by_date.iter_mut().find(|x| x.0 == on) {
                Some(x) => {
                    x.1.push(sym.to_string());
                    x.2 = merge_cites(&x.2, &c);
                }
                None => by_date.push((on, vec![sym.to_string()], c)),
            }
        }
        for (on, syms, c) in by_date {
            let (them, their) = if syms.len() == 1 {
                ("it", "its")
            } else {
                ("them", "their")
            };
            let _ = them;
            paras.push(format!(
                "Left out: the {what} {} {} had no close on {}; {their} last close in the store is from {} {c}.",
                if syms.len() == 1 { "fund" } else { "funds" },
                join_and(&syms),
                fmt::date(d),
                fmt::date(on)
            ));
        }
    }

    /// The citation markers of the daily-move Facts of `symbols`, as one run.
    fn cite_moves(&mut self, symbols: &[&str]) -> String {
        let mut out = String::new();
        for s in symbols {
            if let Some(h) = self.ask(Query::DailyMove {
                symbol: (*s).into(),
                as_of: self.d,
            }) {
                let c = self.book.cite(h);
                out = merge_cites(&out, &c);
            }
        }
        out
    }

    /// Daily moves of funds that traded on the date: (symbol, pct, fact).
    pub(super) fn day_moves(&mut self, symbols: &[&str]) -> Vec<(String, f64, H)> {
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
        if !(small(self, &lead.subject) || lead.bench.as_deref().is_some_and(|b| small(self, b))) {
            return;
        }
        let Some(h) = self.ask(Query::BaseRate {
            a: "FF_ME_LO30".into(),
            b: "FF_ME_HI30".into(),
            window_years: 10,
            from: None,
            as_of: d,
        }) else {
            return;
        };
        let f = self.f(h).clone();
        let Some(share) = view::base_share(&f) else {
            return;
        };
        let c = self.book.cite(h);
        // The window as the Fact states it: its `window_years` detail, else
        // its months (never a rounded restatement).
        let yrs = match (view::base_window_years(&f), view::base_window_months(&f)) {
            (Some(y), _) => format!("{}-year", fmt::count(y)),
            (None, Some(m)) => format!("{}-month", fmt::count(m)),
            (None, None) => "multi-year".to_string(),
        };
        let n =
            view::base_windows(&f).map_or(String::new(), |n| format!(" of the {}", fmt::count(n)));
        let span = f.window.map_or(String::new(), |(a, b)| {
            format!(" between {} and {}", fmt::month_year(a), fmt::month_year(b))
        });
        let mut s = format!(
            "In Ken French's size portfolios, small caps compounded faster than large caps in {}{n} rolling {yrs} windows{span} {c}.",
            fmt::share(share)
        );
        if let Some(g) = view::base_geo_diff(&f) {
            let whole = f.window.map_or("the whole span".to_string(), |(a, b)| {
                format!("from {} to {}", fmt::month_year(a), fmt::month_year(b))
            });
            s.push_str(&format!(
                " Small caps compounded {} percentage points a year {} than large caps {whole}, a geometric average {c}.",
                fmt::number(g.abs(), 2),
                if g >= 0.0 { "faster" } else { "slower" }
            ));
        }
        paras.push(s);
        let since = f
            .window
            .map(|w| fmt::year(w.0))
            .or_else(|| view::history_start(&f).map(fmt::year));
        if share >= 50.0 {
            dr.opportunities.push(format!(
                "The long view favours small caps: they beat large caps in most rolling {yrs} windows{} {c}.",
                since.as_ref().map_or(String::new(), |y| format!(" since {y}"))
            ));
        } else {
            dr.risks.push(format!(
                "The long view does not favour small caps: they beat large caps in fewer than half of rolling {yrs} windows {c}."
            ));
        }
        if let Some(y) = since {
            dr.topic(format!(
                "How often have small caps beaten large caps over {yrs} windows since {y}?"
            ));
        }
        dr.tag("size_premium");
    }

    /// What followed earlier events like the lead, from the engine's event
    /// study: per horizon the number of cases, the median forward return and
    /// how many were higher. A base rate, never a forecast; the lead
    /// paragraph gets the first and last horizons in one sentence.
    fn event_study(&mut self, lead: &Cand, dr: &mut Draft, paras: &mut Vec<String>) {
        // An ordinary day has no "similar events" worth a base rate.
        if lead.rarity_years < 1.0 {
            return;
        }
        let d = self.d;
        let lf = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
        let b = lead.bench.as_deref().map(|b| self.the(b));
        let (cond, many, short) = match lead.kind {
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
                let many = match (&b, vs.is_some(), up) {
                    (Some(b), true, true) => {
                        format!("runs in which {a} beat {b} for {n} sessions in a row")
                    }
                    (Some(b), true, false) => {
                        format!("runs in which {a} trailed {b} for {n} sessions in a row")
                    }
                    (_, _, true) => format!("{n}-session winning streaks"),
                    (_, _, false) => format!("{n}-session losing streaks"),
                };
                (
                    Condition::Streak {
                        vs,
                        direction: if up { Direction::Up } else { Direction::Down },
                        min_len: u32::try_from(len).unwrap_or(u32::MAX),
                    },
                    many,
                    format!("runs of {n} sessions or more"),
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
                    format!("one-day {word}s of {} or more", fmt::pct_abs(p)),
                    format!("one-day {word}s at least as large"),
                )
            }
            Kind::Bear => (
                Condition::Drawdown { pct: -20.0 },
                "first closes in bear-market territory below a peak".into(),
                "bear markets".into(),
            ),
            Kind::Correction => (
                Condition::Drawdown { pct: -10.0 },
                "first closes in correction territory below a peak".into(),
                "corrections".into(),
            ),
            Kind::Record => (
                Condition::RecordClose,
                "record closes".into(),
                "record closes".into(),
            ),
            _ => {
                dr.gaps.push(Gap {
                    topic: "Event study".into(),
                    needs: format!(
                        "what followed earlier events like this one for the {}: the fact engine has no event-study condition for this kind of event yet",
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
                    "The data{since} hold no earlier {many} for {a}, so there is no base rate to report {c}."
                )
            } else {
                format!(
                    "The data{since} hold {} earlier {many} for {a}, none long enough ago for a complete forward window {c}.",
                    fmt::count(n)
                )
            });
            return;
        };
        let last = *horizons.last().unwrap_or(&first);
        let most = horizons.iter().map(|h| h.n).max().unwrap_or(first.n);
        let cases = view::event_dates(&f);
        // The Fact's count can include a case too recent to follow forward
        // (the current drawdown episode); say so rather than mix the two.
        let qualifier = if view::event_count(&f) == Some(most) {
            ""
        } else {
            " with a complete forward window"
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
        // The lead states the condition in full; the body names it short.
        let mut p = format!(
            "The data{since} hold {} earlier {short}{qualifier}",
            fmt::count(most)
        );
        if most < SMALL_SAMPLE && cases.len() as i64 == most {
            let ds: Vec<String> = cases.iter().map(|x| fmt::date(*x)).collect();
            p.push_str(&format!(", on {}", join_and(&ds)));
        }
        p.push('.');
        paras.push(cite_last(&[p], &c));
        let mut sentences = Vec::new();
        for (k, hz) in horizons.iter().enumerate() {
            let about =
                horizon_words(hz.sessions).map_or(String::new(), |w| format!(", about {w},"));
            let lead_in = if k == 0 {
                format!("Measured from {from}, {a}'s median return over the next")
            } else {
                format!("{}'s median return over the next", capitalise(&a))
            };
            sentences.push(format!(
                "{lead_in} {} sessions{about} was {}, and {a} was higher in {}.",
                fmt::count(hz.sessions),
                fmt::pct_signed(hz.median_pct),
                cases_phrase(hz)
            ));
        }
        paras.push(cite_last(&sentences, &c));
        if most < SMALL_SAMPLE {
            paras.push(if most == 1 {
                format!("That is a single case: it shows what happened once, not what will {c}.")
            } else {
                format!(
                    "That is a small sample of {}: it shows what has happened, not what will {c}.",
                    fmt::plural(most, "case")
                )
            });
        }
        // The lead paragraph's last sentence: the base rate in one line.
        let first_last = if last.sessions == first.sessions {
            format!(
                "{a} was higher {} sessions later in {}",
                fmt::count(first.sessions),
                cases_phrase(&first)
            )
        } else {
            format!(
                "{a} was higher {} sessions later in {} and {} sessions later in {}",
                fmt::count(first.sessions),
                cases_phrase(&first),
                fmt::count(last.sessions),
                cases_phrase(&last)
            )
        };
        dr.follow = Some(format!(
            "History offers a base rate, not a forecast: after the {} earlier {many}{qualifier}{}, {first_last} {c}.",
            fmt::count(most),
            start.map_or(String::new(), |s| format!(" since {}", fmt::year(s)))
        ));
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
                let ends: Vec<String> = [hbz.first(), hbz.last().filter(|_| hbz.len() > 1)]
                    .into_iter()
                    .flatten()
                    .map(|hz| {
                        format!(
                            "{} over the next {} sessions",
                            fmt::pct_signed(hz.median_pct),
                            fmt::count(hz.sessions)
                        )
                    })
                    .collect();
                if !ends.is_empty() {
                    let cb = self.book.cite(hb);
                    paras.push(format!(
                        "After the same runs, {}'s median return was {} {cb}.",
                        self.the(&bench),
                        join_and(&ends)
                    ));
                }
            }
        }
        // The unconditional base rate over the same history, for scale.
        if let Some(all) = view::event_baseline(&f)
            .into_iter()
            .find(|x| x.sessions == last.sessions)
        {
            paras.push(format!(
                "For scale, across all {} windows of {} sessions{since}, {a}'s median return was {} and {a} was higher in {} of them {c}.",
                fmt::count(all.n),
                fmt::count(all.sessions),
                fmt::pct_signed(all.median_pct),
                fmt::share(all.hit_pct)
            ));
        }
        // Risk or opportunity, by sign and by majority: a negative median is
        // never an opportunity.
        let line = format!(
            "Base rate, not a forecast: {} sessions after earlier {short}, {a} was higher in {} {c}.",
            fmt::count(last.sessions),
            cases_phrase(&last)
        );
        if last.median_pct > 0.0 && last.hit_pct > 50.0 {
            dr.opportunities.push(line);
        } else {
            dr.risks.push(line);
        }
        let word = |hz: &view::EventHorizon| match hz.hit_pct {
            x if x > 50.0 => "mostly higher",
            x if x < 50.0 => "mostly lower",
            _ => "as often lower as higher",
        };
        dr.summary.push(if last.sessions == first.sessions {
            format!(
                "History: after {} earlier {short}{qualifier}, {a} was {} {} sessions later {c}.",
                fmt::count(most),
                word(&first),
                fmt::count(first.sessions)
            )
        } else {
            format!(
                "History: after {} earlier {short}{qualifier}, {a} was {} {} sessions later and {} {} sessions later {c}.",
                fmt::count(most),
                word(&first),
                fmt::count(first.sessions),
                word(&last),
                fmt::count(last.sessions)
            )
        });
        dr.topic(match &cond {
            // The lead already asks what followed its last streak.
            Condition::Streak { vs: Some(_), .. } => return,
            // The reader declines event studies ("what happened after ..."):
            // the topic asks what it reads about the same event.
            Condition::Streak { direction, .. } => format!(
                "What was {a}'s longest {} streak ever?",
                if *direction == Direction::Up {
                    "winning"
                } else {
                    "losing"
                }
            ),
            Condition::DailyMove { .. } => {
                let p = view::move_pct(&lf).unwrap_or(0.0);
                format!(
                    "What was {a}'s {} day ever?",
                    if p < 0.0 { "worst" } else { "best" }
                )
            }
            Condition::RecordClose => format!("How many record closes has {a} had this year?"),
            _ => format!("How far is {a} below its record high?"),
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
        let a = self.the(&lead.subject);
        let what = match (lead.kind, lead.bench.as_deref(), up) {
            (Kind::RelStreak, Some(b), true) => format!("has beaten {}", self.the(b)),
            (Kind::RelStreak, Some(b), false) => format!("has trailed {}", self.the(b)),
            (_, _, true) => "has risen".to_string(),
            (_, _, false) => "has fallen".to_string(),
        };
        let n = n.round() as i64;
        paras.push(if n <= 1 {
            format!(
                "This is the first time {a} {what} for at least {} sessions in a row{start} {c}.",
                fmt::count(len)
            )
        } else {
            format!(
                "Counting this one, {a} {what} for at least {} sessions in a row {} times{start} {c}.",
                fmt::count(len),
                fmt::count(n)
            )
        });
    }

    /// The session after `date` and the one `n` sessions later, in the
    /// symbol's own calendar; `None` when the series does not reach that far
    /// by the brief's date.
    fn sessions_after(&self, symbol: &str, date: Date, n: usize) -> Option<(Date, Date)> {
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
            Kind::RelStreak => (view::longest_since(&f), "the last run at least this long"),
            Kind::AbsStreak => (
                view::longest_since(&f),
                "the last streak at least this long",
            ),
            Kind::DailyMove => (
                view::move_since(&f).filter(|&x| self.since_matters(&lead.subject, x)),
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
        let a = self.the(&lead.subject);
        let base = view::ret_base_date(&fa).unwrap_or(last);
        let end = crate::book::date(&fa, &["end_date"]).unwrap_or(to);
        let mut s = format!(
            "After {what} ended on {}, {a} {} {} from the {} close to {}",
            fmt::date(last),
            move_verb(pa, false),
            fmt::pct_abs(pa),
            fmt::date(base),
            fmt::date(end)
        );
        let mut cites = ca.clone();
        if let Some(b) = lead.bench.clone() {
            if let Some(rb) = self.ask(Query::Return {
                symbol: b.clone(),
                period,
                as_of: to,
            }) {
                let pb = self.f(rb).value.as_f64().unwrap_or(0.0);
                let cb = self.book.cite(rb);
                s.push_str(&format!(
                    ", while {} {} {}",
                    self.the(&b),
                    move_verb(pb, false),
                    fmt::pct_abs(pb)
                ));
                cites = merge_cites(&cites, &cb);
            }
        }
        s.push_str(&format!(
            " {cites}. One case is an anecdote, not a base rate."
        ));
        paras.push(s);
        let line = format!(
            "The last time, in {}, {a} {} over the following month {ca}.",
            fmt::month_year(last),
            if pa < 0.0 { "fell" } else { "rose" }
        );
        if pa < 0.0 {
            dr.risks.push(line);
        } else {
            dr.opportunities.push(line);
        }
    }

    /// Trailing valuation from Shiller's data, when a reading recent
    /// enough to describe the day covers the date; an old reading is
    /// named, dated, under "Not covered" instead.
    pub(super) fn valuation(&mut self, dr: &mut Draft, paras: &mut Vec<String>) {
        let d = self.d;
        let Some(h) = self.ask(Query::Level {
            symbol: "CAPE".into(),
            field: Field::Value,
            as_of: d,
        }) else {
            return;
        };
        let f = self.f(h).clone();
        let Some(v) = view::level(&f) else {
            return;
        };
        let obs = crate::book::date(&f, &["date"]).or_else(|| f.inputs.iter().map(|i| i.to).max());
        let c = self.book.cite(h);
        // Shiller's months are published with a lag: a reading is stale
        // only when it is older than the lag allows by more than a quarter.
        let lag = crate::book::num(&f, &["release_lag_days"]).unwrap_or(0.0) as i64;
        let stale = obs.is_none_or(|o| (d - o).num_days() > lag + STALE_VALUATION_DAYS);
        if stale {
            dr.gaps.push(Gap {
                topic: "Valuation".into(),
                needs: format!(
                    "a current P/E: the store's latest Shiller CAPE is for {}, too old to describe {} {c}",
                    obs.map_or("an unknown month".to_string(), fmt::month_year),
                    fmt::month_year(d)
                ),
            });
            return;
        }
        // A Fact cut by a release lag says so: later months are in the
        // store but were not published by the date.
        let latest = if f.detail("release_lag_days").is_some() {
            format!("the latest month published by {}", fmt::date(d))
        } else {
            "the latest month in the store".to_string()
        };
        paras.push(format!(
            "The S&P 500's {} was {} for {}, {latest} {c}. Forward multiples are not in the store.",
            self.nm("CAPE"),
            fmt::number(v, 2),
            obs.map_or(String::new(), fmt::month_year),
        ));
    }

    /// Related tickers with their role, a line on why, the last close, the
    /// day's move and a sparkline.
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
                format!("The benchmark {} is measured against.", self.the(&subj))
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
                    format!("Exchange-traded fund that tracks {}.", self.the(ix)),
                ));
            }
        }
        if subj == "^GSPC" || subj == "^VIX" || subj.starts_with("DFED") {
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
            if let Some((sym, _, _)) = x {
                list.push((
                    sym.clone(),
                    Role::Sector,
                    format!("{word} sector fund on the day."),
                ));
            }
        }
        for (sym, role, why) in list {
            let last = self.last_close(&sym);
            let change = self.day_change(&sym);
            let spark = self.spark(&sym);
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
                last_note: None,
                change,
                spark,
            });
        }
    }

    /// The ticker's close as of the date. A Fact flagged `adjusted` (it read
    /// dividend-adjusted closes, restated with dividends paid later, not the
    /// price the fund traded at) is printed with its `price_basis`, on every
    /// date alike; a close from an earlier session carries its date.
    fn last_close(&mut self, sym: &str) -> Option<FactRef> {
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
                let v = view::level(f)?;
                let basis = match f.detail("price_basis").map(|b| &b.value) {
                    Some(model::FactValue::Text(t)) => Some(t.clone()),
                    _ => None,
                };
                let on = crate::book::date(f, &["date"]).filter(|on| *on != d);
                let note: Vec<String> = [basis, on.map(fmt::date)].into_iter().flatten().collect();
                let note = if note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", note.join(", "))
                };
                let id = self.book.id(h);
                return Some(FactRef {
                    fact: id,
                    text: format!("{}{note}", fmt::level(v)),
                    cite: self.book.cite(h),
                });
            }
        }
        None
    }

    /// The day's move of a ticker that traded on the date.
    fn day_change(&mut self, sym: &str) -> Option<FactRef> {
        if !self.has_session(sym) {
            return None;
        }
        let h = self.ask(Query::DailyMove {
            symbol: sym.into(),
            as_of: self.d,
        })?;
        let p = view::move_pct(self.f(h))?;
        let id = self.book.id(h);
        Some(FactRef {
            fact: id,
            text: fmt::pct_signed(p),
            cite: self.book.cite(h),
        })
    }

    /// A sparkline of the ticker's closes over the past three months.
    fn spark(&self, sym: &str) -> Option<String> {
        let u = self.book.universe();
        let s = u
            .get(sym, Field::Close)
            .or_else(|| u.get(sym, Field::AdjClose))?;
        let n = s.len_as_of(self.d);
        let from = n.saturating_sub(SPARK_SESSIONS);
        let values = &s.values()[from..n];
        let label = format!("{} closes over the past three months", self.nm(sym));
        crate::svg::sparkline(&label, values)
    }

    /// Completes the risks and opportunities: every brief gets both sides
    /// when the data have them.
    pub(super) fn sentiment(&mut self, _lead: &Cand, dr: &mut Draft) {
        if let Some(r) = dr.risk_sector.take() {
            if dr.risks.len() < 2 {
                dr.risks.push(r);
            }
        }
    }
}

/// How the best of a basket did: "led" when it rose, "held up best" when
/// everything fell.
fn best_words(pct: f64) -> &'static str {
    if pct > 0.0 {
        "led"
    } else {
        "held up best"
    }
}

/// How the worst of a basket did: "lagged" when it fell, "gained the
/// least" when everything rose.
fn worst_words(pct: f64) -> &'static str {
    if pct < 0.0 {
        "lagged"
    } else {
        "gained the least"
    }
}

/// "4 of 5 cases" for a small sample (when the Fact counts the cases that
/// were higher), else "53.7% of 462 cases".
fn cases_phrase(hz: &view::EventHorizon) -> String {
    match hz.n_higher {
        Some(k) if hz.n <= COUNT_MAX => {
            format!("{} of {}", fmt::count(k), fmt::plural(hz.n, "case"))
        }
        _ => format!(
            "{} of {}",
            fmt::share(hz.hit_pct),
            fmt::plural(hz.n, "case")
        ),
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

/// Sentences as one paragraph, the citation before the last full stop:
/// "A. B. C [1][2]."
fn cite_last(sentences: &[String], cite: &str) -> String {
    let text = sentences.join(" ");
    match text.strip_suffix('.') {
        Some(body) => format!("{body} {cite}."),
        None => format!("{text} {cite}"),
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
