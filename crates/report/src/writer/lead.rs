//! The lead: title, opening paragraph, first key point and topics for
//! each kind of story.

use super::{Cand, Draft, Kind, Writer};
use crate::phrase::{capitalise, move_verb, pick};
use crate::{fmt, view};
use model::{Field, Period, Query, RecordKind};

impl Writer<'_> {
    pub(super) fn lead_paragraphs(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        match lead.kind {
            Kind::RelStreak => self.lead_rel_streak(lead, dr, perf),
            Kind::AbsStreak => self.lead_abs_streak(lead, dr, perf),
            Kind::DailyMove => self.lead_daily_move(lead, dr, perf),
            Kind::Record | Kind::HighestSince | Kind::LowestSince => {
                self.lead_level(lead, dr, perf)
            }
            Kind::VixHigh => self.lead_vix(lead, dr, perf),
            Kind::Bear | Kind::Correction => self.lead_drawdown(lead, dr, perf),
            Kind::MaCross => self.lead_ma(lead, dr, perf),
            Kind::Fed => self.lead_fed(lead, dr, perf),
        }
    }

    fn lead_rel_streak(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let b = lead.bench.as_deref().map_or(String::new(), |b| self.nm(b));
        let Some(len) = view::streak_len(&f) else {
            return;
        };
        let up = view::streak_up(&f).unwrap_or(true);
        let c = self.book.cite(lead.h);
        let len_s = fmt::count(len);
        let k = format!("rel{}", self.key);
        let beat = if up {
            pick(&k, &["outperformed", "beat", "out-returned"])
        } else {
            pick(&k, &["trailed", "lagged", "underperformed"])
        };
        let since = view::longest_since(&f);
        let since_clause = match (since, view::longest_since_len(&f)) {
            (Some(x), Some(n)) => format!(
                "the longest such run since a {}-session streak that ended on {}",
                fmt::count(n),
                fmt::date(x)
            ),
            (Some(x), None) => format!("the longest such run since {}", fmt::date(x)),
            (None, _) => match view::history_start(&f) {
                Some(s) => format!(
                    "the longest such run in their common history, which starts on {}",
                    fmt::date(s)
                ),
                None => "the longest such run on record".to_string(),
            },
        };
        perf.push(format!(
            "The {a} {beat} the {b} on a daily basis for {len_s} straight sessions through {}, {since_clause} {c}.",
            fmt::date(d)
        ));
        let since_short = since_short(since, d);
        dr.title = match crate::phrase::hash(&k) % 3 {
            0 => format!("The {a} {beat} the {b} for {len_s} straight sessions, longest run {since_short}"),
            1 => format!("{len_s} sessions in a row: the {a}'s streak against the {b} is the longest {since_short}"),
            _ => format!("The {a} extends its streak against the {b} to {len_s} sessions, longest {since_short}"),
        };
        dr.key_points.push(format!(
            "The {a} has {beat} the {b} for {len_s} consecutive sessions, {since_clause} {c}."
        ));
        dr.summary.push(format!(
            "Streak: {len_s} sessions of the {a} {} the {b} {c}.",
            if up { "beating" } else { "trailing" }
        ));
        dr.tag("market_rotation");
        let start = view::window_start(&f);
        let verb_q = if up { "beaten" } else { "trailed" };
        dr.topic(format!("How long has the {a} {verb_q} the {b}?"));
        dr.topic(format!(
            "What happened to the {a} after its last {len_s}-session {} streak against the {b}?",
            if up { "winning" } else { "losing" }
        ));
        // The window: gain, points, volatility, against the benchmark.
        if let (Some(start), Some(bench)) = (start, lead.bench.clone()) {
            let period = Period::Between { from: start, to: d };
            let ra = self.ask(Query::Return {
                symbol: lead.subject.clone(),
                period,
                as_of: d,
            });
            let rb = self.ask(Query::Return {
                symbol: bench.clone(),
                period,
                as_of: d,
            });
            if let Some(ra) = ra {
                let fa = self.f(ra).clone();
                let ca = self.book.cite(ra);
                let pa = fa.value.as_f64().unwrap_or(0.0);
                let pts = view::ret_points(&fa).map_or(String::new(), |p| {
                    format!(" ({} points)", fmt::level(p.abs()))
                });
                let base = view::ret_base_date(&fa).map_or(String::new(), |b| {
                    format!(", measured from the {} close", fmt::date(b))
                });
                let mut s = format!(
                    "Over the streak, which began on {}, the {a} {} {}{pts}{base} {ca}",
                    fmt::date(start),
                    move_verb(&format!("w{k}"), pa, false),
                    fmt::pct_abs(pa)
                );
                if let Some(rb) = rb {
                    let fb = self.f(rb).clone();
                    let cb = self.book.cite(rb);
                    let pb = fb.value.as_f64().unwrap_or(0.0);
                    s.push_str(&format!(
                        ", {} the {b}'s {} {cb}",
                        pick(&format!("vs{k}"), &["against", "compared with", "versus"]),
                        fmt::pct_signed(pb)
                    ));
                }
                s.push('.');
                perf.push(s);
                dr.key_points.push(format!(
                    "Since {}, the {a} is {} {} {ca}.",
                    fmt::date(start),
                    if pa >= 0.0 { "up" } else { "down" },
                    fmt::pct_abs(pa)
                ));
                dr.summary.push(format!(
                    "Window {} to {}: {a} {} {ca}.",
                    fmt::date(start),
                    fmt::date(d),
                    fmt::pct_signed(pa)
                ));
            }
            let vd = self.ask(Query::Volatility {
                symbol: lead.subject.clone(),
                period,
                annualised: false,
                sample: true,
                as_of: d,
            });
            let va = self.ask(Query::Volatility {
                symbol: lead.subject.clone(),
                period,
                annualised: true,
                sample: true,
                as_of: d,
            });
            if let Some(vd) = vd {
                let v = self.f(vd).value.as_f64().unwrap_or(0.0);
                let cv = self.book.cite(vd);
                let ann = va.map(|va| {
                    let x = self.f(va).value.as_f64().unwrap_or(0.0);
                    let c = self.book.cite(va);
                    // Same sources: no second marker, but keep the Fact's tag.
                    let c = if crate::book::without_tags(&c) == crate::book::without_tags(&cv) {
                        self.book.tag(va)
                    } else {
                        format!(" {c}")
                    };
                    format!(" ({} annualised{c})", fmt::pct_abs(x))
                });
                perf.push(format!(
                    "{} the sample standard deviation of the {a}'s daily returns over the window was {}{} {cv}.",
                    pick(&format!("vol{k}"), &["Measured day by day,", "As for the ride,", "In terms of volatility,"]),
                    fmt::pct_abs(v),
                    ann.unwrap_or_default()
                ));
                dr.summary.push(format!(
                    "Volatility over the window: {} a day {cv}.",
                    fmt::pct_abs(v)
                ));
            }
            self.topic_window(dr, &lead.subject);
        }
        self.record_sentences(&lead.subject.clone(), dr, perf, true);
    }

    fn topic_window(&mut self, dr: &mut Draft, subject: &str) {
        let a = self.nm(subject);
        dr.topic(format!(
            "What is the {a}'s year-to-date return as of {}?",
            self.d
        ));
    }

    /// Record close (and, kept apart, record intraday high) sentences.
    pub(super) fn record_sentences(
        &mut self,
        symbol: &str,
        dr: &mut Draft,
        perf: &mut Vec<String>,
        key_point: bool,
    ) {
        let d = self.d;
        let a = self.nm(symbol);
        let Some(rc) = self.ask(Query::Record {
            symbol: symbol.into(),
            record: RecordKind::Close,
            as_of: d,
        }) else {
            return;
        };
        let f = self.f(rc).clone();
        let rh = self.ask(Query::Record {
            symbol: symbol.into(),
            record: RecordKind::IntradayHigh,
            as_of: d,
        });
        let c = self.book.cite(rc);
        let k = format!("rec{symbol}{}", self.key);
        if view::is_record(&f) == Some(true) {
            let level = view::record_level(&f).map(fmt::level).unwrap_or_default();
            let prev = match (
                view::previous_record_level(&f),
                view::previous_record_date(&f),
            ) {
                (Some(p), Some(pd)) => format!(
                    ", above the previous record close of {} set on {}",
                    fmt::level(p),
                    fmt::date(pd)
                ),
                (None, Some(pd)) => format!(
                    ", topping the previous record close set on {}",
                    fmt::date(pd)
                ),
                _ => String::new(),
            };
            perf.push(format!(
                "{} {a} {} at a record {level}{prev} {c}.",
                pick(&k, &["On the day, the", "The", "That left the"]),
                pick(&format!("v{k}"), &["closed", "finished", "ended"])
            ));
            if key_point {
                dr.key_points.push(format!(
                    "Record close: the {a} finished at {level} on {}, a record close (not just an intraday high) {c}.",
                    fmt::date(d)
                ));
            }
            dr.summary
                .push(format!("Record close for the {a}: {level} {c}."));
            dr.tag("record_close");
        } else if let Some(pd) = view::previous_record_date(&f) {
            let prev = view::previous_record_level(&f)
                .map_or(String::new(), |p| format!(" of {}", fmt::level(p)));
            perf.push(format!(
                "The {a} did not set a record close; its record close{prev} dates from {} {c}.",
                fmt::date(pd)
            ));
        }
        if let Some(rh) = rh {
            let fh = self.f(rh).clone();
            let ch = self.book.cite(rh);
            let lvl = view::record_level(&fh).map(fmt::level).unwrap_or_default();
            if view::is_record(&fh) == Some(true) {
                perf.push(format!(
                    "Kept apart from the close: its intraday high of {lvl} was also a record high {ch}."
                ));
            } else if let Some(pd) = view::previous_record_date(&fh) {
                perf.push(format!(
                    "Its intraday record high still dates from {} {ch}.",
                    fmt::date(pd)
                ));
            }
        }
    }

    fn lead_abs_streak(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let Some(len) = view::streak_len(&f) else {
            return;
        };
        let up = view::streak_up(&f).unwrap_or(true);
        let c = self.book.cite(lead.h);
        let len_s = fmt::count(len);
        let word = if up { "winning" } else { "losing" };
        let verb = if up { "rose" } else { "fell" };
        let since = view::longest_since(&f);
        let since_clause = match since {
            Some(x) => format!("its longest {word} streak since {}", fmt::date(x)),
            None => format!("its longest {word} streak on record"),
        };
        perf.push(format!(
            "The {a} {verb} for {len_s} straight sessions through {}, {since_clause} {c}.",
            fmt::date(d)
        ));
        let since_short = since_short(since, d);
        dr.title = format!(
            "The {a} {verb} for {len_s} straight sessions, its longest {word} streak {since_short}"
        );
        dr.key_points.push(format!(
            "{} {c}.",
            capitalise(&format!(
                "the {a} {verb} for {len_s} sessions in a row, {since_clause}"
            ))
        ));
        dr.summary
            .push(format!("{word} streak: {len_s} sessions {c}."));
        if let Some(start) = view::window_start(&f) {
            if let Some(r) = self.ask(Query::Return {
                symbol: lead.subject.clone(),
                period: Period::Between { from: start, to: d },
                as_of: d,
            }) {
                let fr = self.f(r).clone();
                let cr = self.book.cite(r);
                let p = fr.value.as_f64().unwrap_or(0.0);
                perf.push(format!(
                    "Across the streak, which began on {}, the {a} {} {} {cr}.",
                    fmt::date(start),
                    move_verb(&self.key, p, false),
                    fmt::pct_abs(p)
                ));
            }
        }
        dr.topic(format!(
            "How often has the {a} {verb} {len_s} sessions in a row?"
        ));
    }

    fn lead_daily_move(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let Some(p) = view::move_pct(&f) else {
            return;
        };
        let c = self.book.cite(lead.h);
        let big = lead.rarity_years >= 1.0;
        let k = format!("dm{}", self.key);
        let verb = move_verb(&k, p, big);
        let side = if p < 0.0 { "decline" } else { "gain" };
        let pts = view::move_points(&f).map_or(String::new(), |x| {
            format!(" ({} points)", fmt::level(x.abs()))
        });
        let close = self
            .ask(Query::Level {
                symbol: lead.subject.clone(),
                field: Field::Close,
                as_of: d,
            })
            .map(|h| {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                let ch = self.book.cite(h);
                format!(" to close at {} {ch}", fmt::level(v))
            })
            .unwrap_or_default();
        let since = view::move_since(&f);
        // A larger move in the previous session makes "since" empty.
        let trivial = since.is_some_and(|x| self.since_is_empty(&lead.subject, x));
        let since_clause = match since {
            Some(_) if trivial => String::new(),
            Some(x) => format!(", its biggest one-day {side} since {}", fmt::date(x)),
            None => match view::history_start(&f) {
                Some(s) => format!(
                    ", the biggest one-day {side} in its history, which starts on {}",
                    fmt::date(s)
                ),
                None => format!(", its biggest one-day {side} on record"),
            },
        };
        let rank = match (view::move_rank(&f), view::move_n_ranked(&f)) {
            (Some(r), Some(n)) if r <= 20 => format!(
                " It ranks number {} among {} daily {side}s in the record {c}.",
                fmt::count(r),
                fmt::count(n)
            ),
            _ => String::new(),
        };
        perf.push(format!(
            "The {a} {verb} {} on {}{pts}{close}{since_clause} {c}.{rank}",
            fmt::pct_abs(p),
            fmt::date(d)
        ));
        let since_short = since_short(since, d);
        let noun = if p < 0.0 { "worst" } else { "best" };
        dr.title = match (big, crate::phrase::hash(&k) % 2) {
            (false, _) if trivial => format!(
                "Markets on {}: the {a} {verb} {}",
                fmt::date(d),
                fmt::pct_abs(p)
            ),
            (true, 0) => format!(
                "The {a} {verb} {}, its {noun} day {since_short}",
                fmt::pct_abs(p)
            ),
            (true, _) => format!(
                "{} day: the {a} {verb} {}, the {noun} session {since_short}",
                if p < 0.0 { "Brutal" } else { "Banner" },
                fmt::pct_abs(p)
            ),
            (false, _) => format!(
                "Markets on {}: the {a} {verb} {}, its {noun} session {since_short}",
                fmt::date(d),
                fmt::pct_abs(p)
            ),
        };
        dr.key_points.push(format!(
            "The {a} {verb} {}{since_clause} {c}.",
            fmt::pct_abs(p)
        ));
        dr.summary
            .push(format!("{a} daily move: {} {c}.", fmt::pct_signed(p)));
        dr.topic(format!(
            "What were the {a}'s biggest daily moves before {}?",
            d
        ));
        if p > 0.0 {
            self.record_sentences(&lead.subject.clone(), dr, perf, false);
        }
    }

    fn lead_level(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let a = self.nm(&lead.subject);
        match lead.kind {
            Kind::Record => {
                let f = self.f(lead.h).clone();
                let level = view::record_level(&f).map(fmt::level).unwrap_or_default();
                let c = self.book.cite(lead.h);
                let prev = view::previous_record_date(&f);
                dr.title = match prev {
                    Some(p) if lead.rarity_years >= 1.0 => format!(
                        "The {a} closes at a record {level}, its first since {}",
                        fmt::month_year(p)
                    ),
                    _ => format!("The {a} closes at a record {level}"),
                };
                dr.key_points.push(format!(
                    "The {a} closed at a record {level} on {} {c}.",
                    fmt::date(d)
                ));
                self.record_sentences(&lead.subject.clone(), dr, perf, false);
                if let Some(mv) = self.ask(Query::DailyMove {
                    symbol: lead.subject.clone(),
                    as_of: d,
                }) {
                    let p = view::move_pct(self.f(mv)).unwrap_or(0.0);
                    let cm = self.book.cite(mv);
                    perf.push(format!("The day's move was {} {cm}.", fmt::pct_signed(p)));
                }
                dr.topic(format!("Is the {a} at a record close on {d}?"));
            }
            _ => {
                let f = self.f(lead.h).clone();
                let c = self.book.cite(lead.h);
                let high = lead.kind == Kind::HighestSince;
                let word = if high { "highest" } else { "lowest" };
                let since = view::since_date(&f);
                let close = self
                    .ask(Query::Level {
                        symbol: lead.subject.clone(),
                        field: Field::Close,
                        as_of: d,
                    })
                    .map(|h| {
                        let v = view::level(self.f(h)).unwrap_or(0.0);
                        let ch = self.book.cite(h);
                        (fmt::level(v), ch)
                    });
                let (lvl, cl) = close.unwrap_or_default();
                let since_txt =
                    since.map_or("on record".into(), |x| format!("since {}", fmt::date(x)));
                perf.push(format!(
                    "The {a} closed at {lvl} on {} {cl}, its {word} close {since_txt} {c}.",
                    fmt::date(d)
                ));
                dr.title = format!(
                    "The {a} closes at its {word} level {}",
                    since.map_or("on record".into(), |x| format!(
                        "since {}",
                        fmt::month_year(x)
                    ))
                );
                dr.key_points.push(format!(
                    "{} close: the {a} ended at its {word} close {since_txt} {c}.",
                    capitalise(word)
                ));
                if let Some(mv) = self.ask(Query::DailyMove {
                    symbol: lead.subject.clone(),
                    as_of: d,
                }) {
                    let p = view::move_pct(self.f(mv)).unwrap_or(0.0);
                    let cm = self.book.cite(mv);
                    perf.push(format!(
                        "On the day it {} {} {cm}.",
                        move_verb(&self.key, p, false),
                        fmt::pct_abs(p)
                    ));
                }
                dr.topic(format!(
                    "When was the {a} last this {}?",
                    if high { "high" } else { "low" }
                ));
            }
        }
    }

    fn lead_vix(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let c = self.book.cite(lead.h);
        let since = view::since_date(&f);
        let lvl = self
            .ask(Query::Level {
                symbol: "^VIX".into(),
                field: Field::Close,
                as_of: d,
            })
            .map(|h| {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                (fmt::level(v), self.book.cite(h), self.book.tag(h))
            });
        let (lvl, cl, lvl_tag) = lvl.unwrap_or_default();
        let since_txt = match (since, view::history_start(&f)) {
            (Some(x), _) => format!("its highest close since {}", fmt::date(x)),
            (None, Some(s)) => format!(
                "its highest close in a history that starts on {}",
                fmt::date(s)
            ),
            _ => "its highest close on record".into(),
        };
        perf.push(format!(
            "Wall Street's fear gauge, the Cboe Volatility Index (VIX), closed at {lvl} on {} {cl}, {since_txt} {c}.",
            fmt::date(d)
        ));
        dr.title = format!(
            "Fear spikes: the VIX closes at {lvl}{lvl_tag}, {}",
            since.map_or("a record close".into(), |x| format!(
                "highest since {}",
                fmt::month_year(x)
            ))
        );
        dr.key_points
            .push(format!("The VIX closed at {lvl}, {since_txt} {c}."));
        dr.tag("vix");
        dr.topic("When was the VIX last this high?".into());
    }

    fn lead_drawdown(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let c = self.book.cite(lead.h);
        let dd = view::drawdown_pct(&f).unwrap_or(0.0);
        let peak = view::drawdown_peak(&f);
        let bear = lead.kind == Kind::Bear;
        let crossed = if bear {
            view::bear_start(&f)
        } else {
            view::correction_start(&f)
        };
        let state = if bear { "bear market" } else { "correction" };
        let peak_txt = peak.map_or(String::new(), |p| format!(" its {} peak", fmt::date(p)));
        let cross_txt = crossed.map_or(String::new(), |x| {
            if view::drawdown_in_state(&f, bear) == Some(true) {
                format!(", a {state} by the usual definition since it first closed past the threshold on {}", fmt::date(x))
            } else {
                format!(", having first closed past the {state} threshold on {} before recovering part of the decline", fmt::date(x))
            }
        });
        perf.push(format!(
            "The {a} closed {} below{peak_txt} on {}{cross_txt} {c}.",
            fmt::pct_abs(dd),
            fmt::date(d)
        ));
        // "Is in" only while the close is still past the threshold (the
        // Fact's flag); otherwise say when it entered and where it stands.
        let still = view::drawdown_in_state(&f, bear) == Some(true);
        match (still, crossed) {
            (false, Some(x)) => {
                dr.title = format!(
                    "The {a} entered a {state} on {} and is now {} below its peak",
                    fmt::date(x),
                    fmt::pct_abs(dd)
                );
                dr.key_points.push(format!(
                    "The {a} entered a {state} on {} and now stands {} below its high {c}.",
                    fmt::date(x),
                    fmt::pct_abs(dd)
                ));
            }
            (false, None) => {
                dr.title = format!("The {a} stands {} below its peak", fmt::pct_abs(dd));
                dr.key_points.push(format!(
                    "The {a} stands {} below its high {c}.",
                    fmt::pct_abs(dd)
                ));
            }
            (true, _) => {
                dr.title = format!(
                    "The {a} is in a {state}: {} below its peak",
                    fmt::pct_abs(dd)
                );
                dr.key_points.push(format!(
                    "{} {c}.",
                    capitalise(&format!(
                        "the {a} stands {} below its high, in a {state}",
                        fmt::pct_abs(dd)
                    ))
                ));
            }
        }
        dr.summary
            .push(format!("Drawdown of the {a}: {} {c}.", fmt::pct_signed(dd)));
        dr.topic(format!("How far is the {a} below its peak on {d}?"));
        if let Some(mv) = self.ask(Query::DailyMove {
            symbol: lead.subject.clone(),
            as_of: d,
        }) {
            let p = view::move_pct(self.f(mv)).unwrap_or(0.0);
            let cm = self.book.cite(mv);
            perf.push(format!(
                "On the day the {a} {} {} {cm}.",
                move_verb(&self.key, p, p.abs() >= 3.0),
                fmt::pct_abs(p)
            ));
        }
        if let Some(ls) = self.ask(Query::LowestSince {
            symbol: lead.subject.clone(),
            as_of: d,
        }) {
            let since = view::since_date(self.f(ls));
            if let Some(x) = since.filter(|&x| !self.since_is_empty(&lead.subject, x)) {
                let cl = self.book.cite(ls);
                perf.push(format!(
                    "It was the {a}'s lowest close since {} {cl}.",
                    fmt::date(x)
                ));
            }
        }
    }

    fn lead_ma(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.nm(&lead.subject);
        let c = self.book.cite(lead.h);
        let above = view::ma_above(&f).unwrap_or(true);
        let win = view::ma_window(&f).map_or("long-term".to_string(), |w| {
            format!("{}-day", fmt::count(w))
        });
        let ma = view::level(&f).map(fmt::level).unwrap_or_default();
        let side = if above { "above" } else { "below" };
        perf.push(format!(
            "The {a} closed {side} its {win} moving average ({ma}) on {}, crossing it that day {c}.",
            fmt::date(d)
        ));
        dr.title = format!("The {a} crosses {side} its {win} moving average");
        dr.key_points.push(format!(
            "The {a} crossed {side} its {win} moving average {c}."
        ));
        dr.tag("technical_analysis");
        dr.topic(format!("Is the {a} above its moving average on {d}?"));
    }

    fn lead_fed(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let f = self.f(lead.h).clone();
        let c = self.book.cite(lead.h);
        let Some((date, bp)) = view::rate_changes(&f).last().copied() else {
            return;
        };
        // Past tense for the body, present tense for the headline.
        let (verb, verb_now) = if bp < 0.0 {
            ("cut", "cuts")
        } else {
            ("raised", "raises")
        };
        let range = view::rate_range(&f).map_or(String::new(), |(l, u)| {
            format!(" to {}–{}", fmt::number(l, 2), fmt::pct_abs(u))
        });
        perf.push(format!(
            "The Federal Reserve {verb} its federal funds target range by {} basis points{range}, announced on {} {c}.",
            fmt::number(bp.abs(), 0),
            fmt::date(date)
        ));
        dr.title = format!(
            "The Fed {verb_now} rates by {} basis points{range}",
            fmt::number(bp.abs(), 0)
        );
        dr.key_points.push(format!(
            "The Fed {verb} rates by {} basis points on {} {c}.",
            fmt::number(bp.abs(), 0),
            fmt::date(date)
        ));
        dr.tag("fed_policy");
    }
}

/// "since 2008", or "since August 4" within the same year, or "on record".
fn since_short(since: Option<model::Date>, d: model::Date) -> String {
    use chrono::Datelike;
    match since {
        Some(x) if x.year() == d.year() => format!("since {} {}", fmt::month_name(x), x.day()),
        Some(x) => format!("since {}", fmt::year(x)),
        None => "on record".to_string(),
    }
}
