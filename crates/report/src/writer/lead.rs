//! The lead: title, the opening paragraph's first sentences (what happened
//! and why it is unusual), the body paragraphs that only the lead's story
//! has, and the topics it suggests.
//!
//! **Writing rules** (shared with `context.rs`): every sentence that prints
//! a figure names its instrument and carries an explicit date or window
//! ("on January 16, 2026", "from the December 31, 2025 close to January
//! 16, 2026", "over the next 21 sessions"); one plain verb per direction
//! ("rose", "fell"; "surged", "plunged" for big moves); no figure in
//! parentheses; a figure is printed once where it matters, not restated in
//! every part of the article.

use super::{Cand, Draft, Kind, Writer};
use crate::phrase::{capitalise, move_verb};
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
            Kind::VixHigh => self.lead_vix(lead, dr),
            Kind::Bear | Kind::Correction => self.lead_drawdown(lead, dr, perf),
            Kind::MaCross => self.lead_ma(lead, dr),
            Kind::Fed => self.lead_fed(lead, dr),
        }
    }

    fn lead_rel_streak(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
        let b = lead.bench.as_deref().map_or(String::new(), |b| self.the(b));
        let Some(len) = view::streak_len(&f) else {
            return;
        };
        let up = view::streak_up(&f).unwrap_or(true);
        let c = self.book.cite(lead.h);
        let len_s = fmt::count(len);
        let (beat, beats) = if up {
            ("beat", "beats")
        } else {
            ("trailed", "trails")
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
        dr.lead.push(format!(
            "{} {beat} {b} for {len_s} straight sessions through {}, {since_clause} {c}.",
            capitalise(&a),
            fmt::date(d)
        ));
        dr.title = format!(
            "{} {beats} {b} for {len_s} straight sessions, the longest run {}",
            capitalise(&a),
            since_short(since, d)
        );
        dr.story = format!(
            "{a}'s run of daily {} against {b}",
            if up {
                "outperformance"
            } else {
                "underperformance"
            }
        );
        dr.summary.push(format!(
            "Streak: {a} has {} {b} for {len_s} sessions in a row, {} {c}.",
            if up { "beaten" } else { "trailed" },
            match since {
                Some(x) => format!("the longest run since {}", fmt::year(x)),
                None => "the longest run on record".to_string(),
            }
        ));
        dr.tag("market_rotation");
        let verb_q = if up { "beaten" } else { "trailed" };
        dr.topic(format!("How long has {a} {verb_q} {b}?"));
        if up {
            dr.topic(format!("What was {a}'s longest streak of beating {b}?"));
        }
        // The window: the subject's and the benchmark's return over it.
        let start = view::window_start(&f);
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
                let s = self.window_returns(ra, rb);
                dr.lead.push(s);
                self.note_return(dr, ra);
                if let Some(rb) = rb {
                    self.note_return(dr, rb);
                }
            }
            // How calm the run was: its volatility against the past year's.
            let vd = self.ask(Query::Volatility {
                symbol: lead.subject.clone(),
                period,
                annualised: false,
                sample: true,
                as_of: d,
            });
            let vy = self.ask(Query::Volatility {
                symbol: lead.subject.clone(),
                period: Period::LastSessions { n: 252 },
                annualised: false,
                sample: true,
                as_of: d,
            });
            if let Some(vd) = vd {
                let v = self.f(vd).value.as_f64().unwrap_or(0.0);
                let cv = self.book.cite(vd);
                let mut s = format!(
                    "The standard deviation of {a}'s daily returns was {} over the past {len_s} sessions.",
                    fmt::pct_abs(v)
                );
                if let Some(vy) = vy {
                    let y = self.f(vy).value.as_f64().unwrap_or(0.0);
                    let tag = self.book.tag(vy);
                    let calm = if v < y { "calmer" } else { "rougher" };
                    s.push_str(&format!(
                        " Over the past 252 sessions, the standard deviation of {a}'s daily returns was {}{tag}: the run was a {calm} ride than usual.",
                        fmt::pct_abs(y)
                    ));
                }
                perf.push(match s.strip_suffix('.') {
                    Some(body) => format!("{body} {cv}."),
                    None => s,
                });
            }
            self.topic_window(dr, &lead.subject);
        }
        self.record_sentences(&lead.subject.clone(), dr, perf);
    }

    /// "The Russell 2000 rose 7.89% from the December 31, 2025 close to
    /// January 16, 2026, while the S&P 500 rose 1.38%", from two
    /// `return.period` Facts over the same window.
    pub(super) fn window_returns(
        &mut self,
        ra: crate::book::H,
        rb: Option<crate::book::H>,
    ) -> String {
        let d = self.d;
        let fa = self.f(ra).clone();
        let ca = self.book.cite(ra);
        let a = self.the(&fa.subjects[0]);
        let pa = fa.value.as_f64().unwrap_or(0.0);
        let from = view::ret_base_date(&fa).map_or(String::new(), |b| {
            format!(" from the {} close", fmt::date(b))
        });
        let end = crate::book::date(&fa, &["end_date"]).unwrap_or(d);
        let mut s = format!(
            "{} {} {}{from} to {}",
            capitalise(&a),
            move_verb(pa, false),
            fmt::pct_abs(pa),
            fmt::date(end)
        );
        let mut cites = ca;
        if let Some(rb) = rb {
            let fb = self.f(rb).clone();
            let cb = self.book.cite(rb);
            let pb = fb.value.as_f64().unwrap_or(0.0);
            s.push_str(&format!(
                ", while {} {} {}",
                self.the(&fb.subjects[0]),
                move_verb(pb, false),
                fmt::pct_abs(pb)
            ));
            cites = merge_cites(&cites, &cb);
        }
        format!("{s} {cites}.")
    }

    /// Remembers that a return was printed, so the year-to-date sentence
    /// does not print the same figure again.
    fn note_return(&mut self, dr: &mut Draft, h: crate::book::H) {
        let f = self.f(h);
        if let (Some(base), Some(sym)) = (view::ret_base_date(f), f.subjects.first()) {
            dr.said_returns.push((sym.clone(), base));
        }
    }

    fn topic_window(&mut self, dr: &mut Draft, subject: &str) {
        let a = self.the(subject);
        dr.topic(format!(
            "What is {a}'s year-to-date return as of {}?",
            self.d
        ));
    }

    /// The record close (a key point when it is news) and, kept apart, the
    /// record intraday high.
    pub(super) fn record_sentences(
        &mut self,
        symbol: &str,
        dr: &mut Draft,
        perf: &mut Vec<String>,
    ) {
        let d = self.d;
        let a = self.the(symbol);
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
        let high = rh.map(|rh| {
            let fh = self.f(rh).clone();
            (fh, self.book.cite(rh))
        });
        if view::is_record(&f) == Some(true) {
            let level = view::record_level(&f).map(fmt::level).unwrap_or_default();
            let intraday = match &high {
                Some((fh, ch)) if view::is_record(fh) == Some(true) => {
                    let lvl = view::record_level(fh).map(fmt::level).unwrap_or_default();
                    let ch = if crate::book::without_tags(ch) == crate::book::without_tags(&c) {
                        crate::book::tag_only(ch)
                    } else {
                        format!(" {ch}")
                    };
                    format!(", and {a}'s intraday high of {lvl} was also a record high{ch}")
                }
                _ => String::new(),
            };
            dr.key_points.push(format!(
                "{} closed at a record {level} on {}{intraday} {c}.",
                capitalise(&a),
                fmt::date(d)
            ));
            match (
                view::previous_record_level(&f),
                view::previous_record_date(&f),
            ) {
                (Some(p), Some(pd)) => perf.push(format!(
                    "{}'s record close topped the previous record close of {} set on {} {c}.",
                    capitalise(&a),
                    fmt::level(p),
                    fmt::date(pd)
                )),
                (None, Some(pd)) => perf.push(format!(
                    "{}'s record close topped the previous record close set on {} {c}.",
                    capitalise(&a),
                    fmt::date(pd)
                )),
                _ => {}
            }
            dr.tag("record_close");
            dr.at_record = true;
        } else if dr.record_gap_said {
            // The lead said how far below its record the close is.
        } else if let Some(pd) = view::previous_record_date(&f) {
            let prev = view::previous_record_level(&f)
                .map_or(String::new(), |p| format!(" of {}", fmt::level(p)));
            perf.push(format!(
                "{} did not set a record close on {}; {a}'s record close{prev} dates from {} {c}.",
                capitalise(&a),
                fmt::date(d),
                fmt::date(pd)
            ));
        }
    }

    fn lead_abs_streak(&mut self, lead: &Cand, dr: &mut Draft, _perf: &mut [String]) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
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
        dr.lead.push(format!(
            "{} {verb} for {len_s} straight sessions through {}, {since_clause} {c}.",
            capitalise(&a),
            fmt::date(d)
        ));
        dr.title = format!(
            "{} {} for {len_s} straight sessions, its longest {word} streak {}",
            capitalise(&a),
            if up { "rises" } else { "falls" },
            since_short(since, d)
        );
        dr.story = format!("{a}'s {word} streak");
        dr.summary.push(format!(
            "Streak: {a} {verb} for {len_s} sessions in a row {c}."
        ));
        if let Some(start) = view::window_start(&f) {
            if let Some(r) = self.ask(Query::Return {
                symbol: lead.subject.clone(),
                period: Period::Between { from: start, to: d },
                as_of: d,
            }) {
                let s = self.window_returns(r, None);
                dr.lead.push(s);
                self.note_return(dr, r);
            }
        }
        dr.topic(format!(
            "What was {a}'s longest {} streak ever?",
            if up { "winning" } else { "losing" }
        ));
    }

    fn lead_daily_move(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
        let Some(p) = view::move_pct(&f) else {
            return;
        };
        let c = self.book.cite(lead.h);
        let big = lead.rarity_years >= 1.0;
        let verb = move_verb(p, big || p.abs() >= 3.0);
        let side = if p < 0.0 { "decline" } else { "gain" };
        let close = self
            .ask(Query::Level {
                symbol: lead.subject.clone(),
                field: Field::Close,
                as_of: d,
            })
            .map(|h| {
                let v = view::level(self.f(h)).unwrap_or(0.0);
                let tag = self.book.tag(h);
                format!(" to close at {}{tag}", fmt::level(v))
            })
            .unwrap_or_default();
        dr.lead.push(format!(
            "{} {verb} {} on {}{close} {c}.",
            capitalise(&a),
            fmt::pct_abs(p),
            fmt::date(d)
        ));
        // "Since" only past a meaningful horizon (about a month of sessions).
        let since = view::move_since(&f).filter(|&x| self.since_matters(&lead.subject, x));
        match since {
            Some(x) => dr.lead.push(format!(
                "That was {a}'s biggest one-day {side} since {} {c}.",
                fmt::date(x)
            )),
            None if view::move_since(&f).is_none() => {
                if let Some(s) = view::history_start(&f) {
                    dr.lead.push(format!(
                        "That was {a}'s biggest one-day {side} in a history that starts on {} {c}.",
                        fmt::date(s)
                    ));
                }
            }
            None => {}
        }
        if let (Some(r), Some(n)) = (view::move_rank(&f), view::move_n_ranked(&f)) {
            if r <= 20 && r > 1 {
                let start = view::history_start(&f).map_or(" in the record".to_string(), |s| {
                    format!(" since {}", fmt::date(s))
                });
                dr.lead.push(format!(
                    "{}'s {side} ranks {} among {} daily {side}s{start} {c}.",
                    capitalise(&a),
                    model::display::ordinal(r),
                    fmt::count(n)
                ));
            }
        }
        let noun = if p < 0.0 { "worst" } else { "best" };
        dr.title = match since {
            Some(x) => format!(
                "{} {verb} {}, its {noun} day {}",
                capitalise(&a),
                fmt::pct_abs(p),
                since_short(Some(x), d)
            ),
            None if view::move_since(&f).is_none() && big => format!(
                "{} {verb} {}, its {noun} day on record",
                capitalise(&a),
                fmt::pct_abs(p)
            ),
            None => format!(
                "Markets on {}: {a} {verb} {}",
                fmt::date(d),
                fmt::pct_abs(p)
            ),
        };
        dr.story = format!(
            "{a}'s {} on the day",
            if p < 0.0 { "decline" } else { "gain" }
        );
        dr.summary.push(match since {
            Some(x) => format!(
                "The day: {a} had its biggest one-day {side} since {} on {} {c}.",
                fmt::year(x),
                fmt::date(d)
            ),
            None => format!(
                "The day: {a} {verb} {} on {} {c}.",
                fmt::pct_abs(p),
                fmt::date(d)
            ),
        });
        dr.lead_move = Some(lead.subject.clone());
        if since.is_none() && !big {
            // An ordinary day: where the index stands matters more than
            // the move itself. How far from its record, and the year so far.
            self.record_gap_sentence(&lead.subject, dr);
            if let Some(h) = self.ask(Query::Return {
                symbol: lead.subject.clone(),
                period: Period::YearToDate,
                as_of: d,
            }) {
                let f = self.f(h).clone();
                let p = f.value.as_f64().unwrap_or(0.0);
                let c = self.book.cite(h);
                dr.lead.push(format!(
                    "{} {} {} year to date through {} {c}.",
                    capitalise(&a),
                    if p >= 0.0 { "rose" } else { "fell" },
                    fmt::pct_abs(p),
                    fmt::date(d)
                ));
                self.note_return(dr, h);
            }
        }
        if big {
            dr.topic(format!(
                "What was {a}'s {} day ever?",
                if p < 0.0 { "worst" } else { "best" }
            ));
        }
        if p > 0.0 {
            self.record_sentences(&lead.subject.clone(), dr, perf);
        }
    }

    fn lead_level(&mut self, lead: &Cand, dr: &mut Draft, perf: &mut Vec<String>) {
        let d = self.d;
        let a = self.the(&lead.subject);
        match lead.kind {
            Kind::Record => {
                let f = self.f(lead.h).clone();
                let level = view::record_level(&f).map(fmt::level).unwrap_or_default();
                let c = self.book.cite(lead.h);
                let prev = view::previous_record_date(&f);
                dr.title = match prev {
                    Some(p) if lead.rarity_years >= 1.0 => format!(
                        "{} closes at a record {level}, its first since {}",
                        capitalise(&a),
                        fmt::month_year(p)
                    ),
                    _ => format!("{} closes at a record {level}", capitalise(&a)),
                };
                let prev_txt = match (view::previous_record_level(&f), prev) {
                    (Some(pl), Some(pd)) => format!(
                        ", topping the previous record close of {} set on {}",
                        fmt::level(pl),
                        fmt::date(pd)
                    ),
                    _ => String::new(),
                };
                dr.lead.push(format!(
                    "{} closed at a record {level} on {}{prev_txt} {c}.",
                    capitalise(&a),
                    fmt::date(d)
                ));
                dr.story = format!("{a}'s record close");
                dr.at_record = true;
                self.day_move_sentence(&lead.subject, dr);
                // The intraday high, kept apart from the close.
                if let Some(rh) = self.ask(Query::Record {
                    symbol: lead.subject.clone(),
                    record: RecordKind::IntradayHigh,
                    as_of: d,
                }) {
                    let fh = self.f(rh).clone();
                    let ch = self.book.cite(rh);
                    let lvl = view::record_level(&fh).map(fmt::level).unwrap_or_default();
                    if view::is_record(&fh) == Some(true) {
                        perf.push(format!(
                            "{}'s intraday high of {lvl} on {} was also a record high {ch}.",
                            capitalise(&a),
                            fmt::date(d)
                        ));
                    } else if let Some(hd) = view::previous_record_date(&fh) {
                        perf.push(format!(
                            "{}'s record intraday high still dates from {} {ch}.",
                            capitalise(&a),
                            fmt::date(hd)
                        ));
                    }
                }
                dr.summary.push(format!(
                    "Record: {a} closed at a record on {} {c}.",
                    fmt::date(d)
                ));
                dr.tag("record_close");
                dr.topic(format!("How many record closes has {a} had this year?"));
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
                        (fmt::level(v), self.book.tag(h))
                    });
                let (lvl, tag) = close.unwrap_or_default();
                let since_txt =
                    since.map_or("on record".into(), |x| format!("since {}", fmt::date(x)));
                dr.lead.push(format!(
                    "{} closed at {lvl}{tag} on {}, its {word} close {since_txt} {c}.",
                    capitalise(&a),
                    fmt::date(d)
                ));
                dr.title = format!(
                    "{} closes at its {word} level {}",
                    capitalise(&a),
                    since.map_or("on record".into(), |x| format!(
                        "since {}",
                        fmt::month_year(x)
                    ))
                );
                dr.story = format!("{a}'s {word} close in years");
                dr.summary.push(format!(
                    "Level: {a} closed at its {word} level {since_txt} {c}."
                ));
                self.day_move_sentence(&lead.subject, dr);
                dr.topic(format!(
                    "What was {a}'s {} close ever?",
                    if high { "highest" } else { "lowest" }
                ));
            }
        }
    }

    /// "The S&P 500 closed 1.60% below its record close of August 13,
    /// 2026." from the subject's drawdown Fact, when it is below its record.
    fn record_gap_sentence(&mut self, symbol: &str, dr: &mut Draft) {
        let d = self.d;
        let Some(h) = self.ask(Query::Drawdown {
            symbol: symbol.into(),
            as_of: d,
        }) else {
            return;
        };
        let f = self.f(h).clone();
        let (Some(dd), Some(peak)) = (view::drawdown_pct(&f), view::drawdown_peak(&f)) else {
            return;
        };
        if dd >= 0.0 || peak >= d {
            return;
        }
        let c = self.book.cite(h);
        dr.lead.push(format!(
            "On {}, {} stood {} below its record close of {} {c}.",
            fmt::date(d),
            self.the(symbol),
            fmt::pct_abs(dd),
            fmt::date(peak)
        ));
        dr.record_gap_said = true;
    }

    /// "The S&P 500 rose 1.20% on <date>." for the lead's subject, when the
    /// lead itself is not the move.
    fn day_move_sentence(&mut self, symbol: &str, dr: &mut Draft) {
        let d = self.d;
        if let Some(mv) = self.ask(Query::DailyMove {
            symbol: symbol.into(),
            as_of: d,
        }) {
            let p = view::move_pct(self.f(mv)).unwrap_or(0.0);
            let cm = self.book.cite(mv);
            dr.lead.push(format!(
                "{} {} {} on {} {cm}.",
                capitalise(&self.the(symbol)),
                move_verb(p, p.abs() >= 3.0),
                fmt::pct_abs(p),
                fmt::date(d)
            ));
            dr.lead_move = Some(symbol.to_string());
        }
    }

    fn lead_vix(&mut self, lead: &Cand, dr: &mut Draft) {
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
                (fmt::level(v), self.book.tag(h))
            });
        let (lvl, lvl_tag) = lvl.unwrap_or_default();
        let since_txt = match (since, view::history_start(&f)) {
            (Some(x), _) => format!("its highest close since {}", fmt::date(x)),
            (None, Some(s)) => format!(
                "its highest close in a history that starts on {}",
                fmt::date(s)
            ),
            _ => "its highest close on record".into(),
        };
        dr.lead.push(format!(
            "The VIX, Wall Street's fear gauge, closed at {lvl}{lvl_tag} on {}, {since_txt} {c}.",
            fmt::date(d)
        ));
        dr.title = format!(
            "Fear spikes: the VIX closes at {lvl}{lvl_tag}, {}",
            since.map_or("a record close".into(), |x| format!(
                "highest since {}",
                fmt::month_year(x)
            ))
        );
        dr.story = "the jump in implied volatility".into();
        dr.summary.push(format!(
            "Fear: the VIX closed at its highest level {} {c}.",
            since.map_or("on record".to_string(), |x| format!(
                "since {}",
                fmt::month_year(x)
            ))
        ));
        dr.vix_said = true;
        dr.tag("vix");
        dr.topic("What was the VIX's highest close ever?".into());
    }

    fn lead_drawdown(&mut self, lead: &Cand, dr: &mut Draft, _perf: &mut [String]) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
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
        let peak_txt = peak.map_or(" its peak".to_string(), |p| {
            format!(" its record close of {}", fmt::date(p))
        });
        // "Is in" only while the close is still past the threshold (the
        // Fact's flag); otherwise say when it entered and where it stands.
        let still = view::drawdown_in_state(&f, bear) == Some(true);
        let cross_txt = match (still, crossed) {
            (true, Some(x)) => format!(
                ", in a {state} by the usual definition since it first closed past the threshold on {}",
                fmt::date(x)
            ),
            (false, Some(x)) => format!(
                ", having first closed past the {state} threshold on {} before recovering part of the decline",
                fmt::date(x)
            ),
            _ => String::new(),
        };
        dr.lead.push(format!(
            "On {}, {a} closed {} below{peak_txt}{cross_txt} {c}.",
            fmt::date(d),
            fmt::pct_abs(dd)
        ));
        dr.title = match (still, crossed) {
            (false, Some(x)) => format!(
                "{} entered a {state} on {} and is now {} below its peak",
                capitalise(&a),
                fmt::date(x),
                fmt::pct_abs(dd)
            ),
            (false, None) => format!(
                "{} stands {} below its peak",
                capitalise(&a),
                fmt::pct_abs(dd)
            ),
            (true, _) => format!(
                "{} is in a {state}: {} below its peak",
                capitalise(&a),
                fmt::pct_abs(dd)
            ),
        };
        dr.story = format!("{a}'s slide into a {state}");
        dr.summary
            .push(format!("Drawdown: {a} is in a {state} {c}."));
        dr.topic(format!("How far is {a} below its record high?"));
        self.day_move_sentence(&lead.subject, dr);
        if let Some(ls) = self.ask(Query::LowestSince {
            symbol: lead.subject.clone(),
            as_of: d,
        }) {
            let since = view::since_date(self.f(ls));
            if let Some(x) = since.filter(|&x| self.since_matters(&lead.subject, x)) {
                let cl = self.book.cite(ls);
                dr.lead.push(format!(
                    "The close on {} was {a}'s lowest since {} {cl}.",
                    fmt::date(d),
                    fmt::date(x)
                ));
            }
        }
    }

    fn lead_ma(&mut self, lead: &Cand, dr: &mut Draft) {
        let d = self.d;
        let f = self.f(lead.h).clone();
        let a = self.the(&lead.subject);
        let c = self.book.cite(lead.h);
        let above = view::ma_above(&f).unwrap_or(true);
        let win = view::ma_window(&f).map_or("long-term".to_string(), |w| {
            format!("{}-day", fmt::count(w))
        });
        let ma = view::level(&f).map(fmt::level).unwrap_or_default();
        let side = if above { "above" } else { "below" };
        dr.lead.push(format!(
            "{} closed {side} its {win} moving average of {ma} on {}, crossing it that day {c}.",
            capitalise(&a),
            fmt::date(d)
        ));
        dr.title = format!("{} crosses {side} its {win} moving average", capitalise(&a));
        dr.story = format!("{a}'s cross {side} its {win} moving average");
        dr.summary.push(format!(
            "Trend: {a} crossed {side} its {win} moving average on {} {c}.",
            fmt::date(d)
        ));
        dr.tag("technical_analysis");
        dr.topic(format!("How far is {a} below its record high?"));
        self.day_move_sentence(&lead.subject, dr);
    }

    fn lead_fed(&mut self, lead: &Cand, dr: &mut Draft) {
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
        dr.lead.push(format!(
            "The Federal Reserve {verb} its federal funds target range by {} basis points{range} on {} {c}.",
            fmt::number(bp.abs(), 0),
            fmt::date(date)
        ));
        dr.title = format!(
            "The Fed {verb_now} rates by {} basis points{range}",
            fmt::number(bp.abs(), 0)
        );
        dr.story = format!(
            "the Fed's rate {}",
            if bp < 0.0 { "cut" } else { "increase" }
        );
        dr.summary.push(format!(
            "The Fed: the Federal Reserve {verb} rates on {} {c}.",
            fmt::date(date)
        ));
        dr.fed_said = true;
        dr.tag("fed_policy");
        self.day_move_sentence("^GSPC", dr);
    }
}

/// "since 2008", or "since August 4" within the same year, or "on record".
pub(super) fn since_short(since: Option<model::Date>, d: model::Date) -> String {
    use chrono::Datelike;
    match since {
        Some(x) if x.year() == d.year() => format!("since {} {}", fmt::month_name(x), x.day()),
        Some(x) => format!("since {}", fmt::year(x)),
        None => "on record".to_string(),
    }
}

/// Citation markers of two Facts as one run (sorted, no repeats), with
/// both Facts' provenance tags.
pub(super) fn merge_cites(a: &str, b: &str) -> String {
    let mut ns: Vec<usize> = Vec::new();
    let mut tags = String::new();
    for s in [a, b] {
        let plain = crate::book::without_tags(s);
        for piece in plain.split('[').skip(1) {
            if let Some((n, _)) = piece.split_once(']') {
                if let Ok(n) = n.parse::<usize>() {
                    ns.push(n);
                }
            }
        }
        tags.push_str(&crate::book::tag_only(s));
    }
    ns.sort_unstable();
    ns.dedup();
    let mut out: String = ns.iter().map(|n| format!("[{n}]")).collect();
    out.push_str(&tags);
    out
}
