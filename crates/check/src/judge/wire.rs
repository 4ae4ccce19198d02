//! Verdicts for the wire-copy phrase families (see `lang::claims::wire`):
//! each reads the Fact the claim's query returned and compares the detail
//! the phrase is about (a "since" date, a rank, a leader, a change in basis
//! points, a side of a moving average...).

use super::{dates, det_date, det_num, num, shift, within, Judge};
use crate::{CheckedClaim, Verdict};
use chrono::Datelike;
use lang::{Claim, Claimed, SinceRef};
use model::{Date, Direction, Fact, FactValue, Field, Period, Query, RecordKind};

fn yes(ok: bool) -> Verdict {
    if ok {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    }
}

fn det_text<'f>(f: &'f Fact, k: &str) -> Option<&'f str> {
    match f.detail(k).map(|d| &d.value) {
        Some(FactValue::Text(t)) => Some(t.as_str()),
        _ => None,
    }
}

fn det_bool(f: &Fact, k: &str) -> Option<bool> {
    match f.detail(k).map(|d| &d.value) {
        Some(FactValue::Bool(b)) => Some(*b),
        _ => None,
    }
}

fn since_of(c: &Claim) -> Option<&SinceRef> {
    match &c.claimed {
        Claimed::Since { since } => Some(since),
        _ => None,
    }
}

fn count_of(c: &Claim) -> Option<i64> {
    match &c.claimed {
        Claimed::Count { n } => Some(*n),
        _ => None,
    }
}

fn role_of(c: &Claim) -> &str {
    match c.also.get("role") {
        Some(Claimed::Symbol { symbol }) => symbol.as_str(),
        _ => "",
    }
}

/// A period label from the fact engine ("2020", "2020-03", "2020-Q1",
/// "1970-H1") as the first day it covers.
fn label_date(label: &str) -> Option<Date> {
    let year: i32 = label.get(..4)?.parse().ok()?;
    let rest = label.get(5..).unwrap_or("");
    let month = if let Some(q) = rest.strip_prefix('Q') {
        q.parse::<u32>().ok().map_or(1, |q| q * 3 - 2)
    } else if let Some(h) = rest.strip_prefix('H') {
        if h == "2" {
            7
        } else {
            1
        }
    } else {
        rest.parse::<u32>().unwrap_or(1)
    };
    Date::from_ymd_opt(year, month, 1)
}

/// The first day of a period, for changes over a window.
fn period_start(p: Period, as_of: Date) -> Option<Date> {
    match p {
        Period::Between { from, .. } | Period::Since { from } => Some(from),
        Period::YearToDate => Date::from_ymd_opt(as_of.year(), 1, 1),
        Period::QuarterToDate => {
            Date::from_ymd_opt(as_of.year(), (as_of.month() - 1) / 3 * 3 + 1, 1)
        }
        Period::MonthToDate => Date::from_ymd_opt(as_of.year(), as_of.month(), 1),
        Period::Year { year } => Date::from_ymd_opt(year, 1, 1),
        Period::Half { year, half } => Date::from_ymd_opt(year, if half == 2 { 7 } else { 1 }, 1),
        Period::Quarter { year, quarter } => {
            Date::from_ymd_opt(year, u32::from(quarter) * 3 - 2, 1)
        }
        Period::Month { year, month } => Date::from_ymd_opt(year, month, 1),
        Period::LastSessions { .. } | Period::Day => None,
    }
}

impl Judge<'_, '_> {
    /// "Worst day since 1987": the last earlier session with a move at least as large.
    pub(super) fn move_since(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(since) = since_of(c) else { return };
        let r = num(f).unwrap_or(0.0);
        let (adj, key) = if r < 0.0 {
            ("worst", "worst_since")
        } else {
            ("best", "best_since")
        };
        let dir_ok = match c.direction {
            Some(Direction::Down) => r < 0.0,
            Some(Direction::Up) => r > 0.0,
            None => r != 0.0,
        };
        let found = det_date(f, key);
        out.verdict = yes(dir_ok && since.accepts(found, f.as_of));
        let first = f.inputs.iter().map(|i| i.from).min();
        out.actual = Some(match found {
            Some(d) => format!("{r:+.2}%, its {adj} day since {d}"),
            None => format!(
                "{r:+.2}%, its {adj} day on record (data from {})",
                first.map_or_else(|| "?".into(), |d| d.to_string())
            ),
        });
        out.explanation = if dir_ok {
            f.text.clone()
        } else {
            format!(
                "The day was a {}, not a {}. {}",
                if r < 0.0 { "decline" } else { "gain" },
                if r < 0.0 { "gain" } else { "decline" },
                f.text
            )
        };
    }

    /// "Its fifth-largest decline ever": the move's rank among moves of its sign.
    pub(super) fn move_rank(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(n) = count_of(c) else { return };
        let r = num(f).unwrap_or(0.0);
        let rank = det_num(f, "rank").unwrap_or(0.0);
        let of = det_num(f, "n_ranked").unwrap_or(0.0);
        let dir_ok = match c.direction {
            Some(Direction::Down) => r < 0.0,
            Some(Direction::Up) => r > 0.0,
            None => r != 0.0,
        };
        out.verdict = yes(dir_ok && (rank - n as f64).abs() < 0.5);
        let what = if r < 0.0 { "decline" } else { "gain" };
        out.actual = Some(format!("{r:+.2}%, rank {rank:.0} of {of:.0} {what}s"));
        out.explanation = f.text.clone();
    }

    /// "Its best month since 2020": the last earlier period at least as good.
    pub(super) fn period_rank(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(since) = since_of(c) else { return };
        let r = det_num(f, "return_pct").unwrap_or(f64::NAN);
        let best = match c.direction {
            Some(Direction::Up) => true,
            Some(Direction::Down) => false,
            None => r >= 0.0,
        };
        let (key, adj) = if best {
            ("best_since", "best")
        } else {
            ("worst_since", "worst")
        };
        let label = det_text(f, key);
        let found = label.and_then(label_date);
        let period = det_text(f, "period").unwrap_or("");
        out.verdict = yes(since.accepts(found, f.as_of));
        out.actual = Some(match label {
            Some(l) => format!("{period}: {r:+.2}%, its {adj} since {l}"),
            None => format!("{period}: {r:+.2}%, its {adj} on record"),
        });
        out.explanation = f.text.clone();
    }

    /// "40 such streaks since 1928": streaks of at least the named length.
    pub(super) fn streak_count(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(n) = count_of(c) else { return };
        let count = num(f).unwrap_or(0.0) as i64;
        // Whether the current streak is among those counted: the last listed run ends on the window's last day.
        let end = f.window.map(|w| w.1);
        let last_listed = (count <= 50)
            .then(|| det_text(f, &format!("streak{count:02}")))
            .flatten()
            .and_then(|t| t.split("..").nth(1))
            .and_then(|t| t.get(..10))
            .and_then(model::parse_iso_date);
        let current = i64::from(last_listed.is_some() && last_listed == end);
        let exclusive = c.also.contains_key("exclusive");
        let (primary, other, label_other) = if exclusive {
            (count - current, count, "including the current streak")
        } else {
            (count, count - current, "not counting the current streak")
        };
        out.verdict = yes(primary == n);
        out.actual = Some(format!(
            "{primary} streaks{}",
            if current == 1 {
                if exclusive {
                    " before the current one"
                } else {
                    ", the current one included"
                }
            } else {
                ""
            }
        ));
        out.explanation = f.text.clone();
        if primary != n && other == n && current == 1 {
            out.alternatives
                .push(format!("{n} matches the count {label_other} ({other})"));
        }
    }

    /// "The sixth record close this year": record closes counted session by session.
    pub(super) fn record_count(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(n) = count_of(c) else { return };
        let sym = &c.subjects[0];
        let Some(Period::Between { from, .. }) = c.period else {
            out.explanation = "Cannot be checked: no window to count record closes in.".into();
            return;
        };
        let to = det_date(f, "date").unwrap_or(f.as_of);
        let Some(ds) = dates(self.engine, sym, Some(Field::Close)) else {
            return;
        };
        let a = ds.partition_point(|d| *d < from);
        let b = ds.partition_point(|d| *d <= to);
        if b.saturating_sub(a) > 400 {
            out.verdict = Verdict::Unverifiable;
            out.explanation = format!(
                "Cannot be checked: {} sessions from {from} to {to} are too many to count record closes one by one.",
                b - a
            );
            return;
        }
        let mut records = Vec::new();
        for d in &ds[a..b] {
            let q = Query::Record {
                symbol: sym.clone(),
                record: RecordKind::Close,
                as_of: *d,
            };
            if let Ok(g) = self.engine.fact(&q) {
                if matches!(g.value, FactValue::Bool(true)) {
                    records.push(g);
                }
            }
        }
        let count = records.len() as i64;
        let today = matches!(f.value, FactValue::Bool(true));
        let ordinal = c.also.contains_key("ordinal");
        out.verdict = yes(count == n && (!ordinal || today));
        let listed: Vec<String> = records.iter().map(|g| g.as_of.to_string()).collect();
        out.actual = Some(format!("{count} record closes from {from} to {to}"));
        out.explanation = format!(
            "{sym} set {count} record closes from {from} to {to}{}{}",
            if listed.is_empty() {
                ".".to_string()
            } else {
                format!(": {}.", listed.join(", "))
            },
            if ordinal && !today {
                format!(" {to} itself was not a record close.")
            } else {
                String::new()
            }
        );
        out.facts.extend(records.into_iter().take(30));
    }

    /// "Highest close since March 2020", "a three-month low".
    pub(super) fn high_low(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let Some(since) = since_of(c) else { return };
        let found = f.value.as_date();
        let date = det_date(f, "date").unwrap_or(f.as_of);
        out.verdict = yes(since.accepts(found, date));
        let word = if f.kind == "highest_since" {
            "highest"
        } else {
            "lowest"
        };
        let level = det_num(f, "level").unwrap_or(f64::NAN);
        out.actual = Some(match found {
            Some(d) => format!("{level:.2} on {date}, the {word} since {d}"),
            None => format!("{level:.2} on {date}, the {word} on record"),
        });
        out.explanation = f.text.clone();
    }

    /// Sector leader, laggard, the only sector up or down, and breadth.
    pub(super) fn sector(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let role = role_of(c).to_string();
        let leader = det_text(f, "leader").unwrap_or("").to_string();
        let laggard = det_text(f, "laggard").unwrap_or("").to_string();
        let n_up = det_num(f, "n_up").unwrap_or(f64::NAN);
        let n_down = det_num(f, "n_down").unwrap_or(f64::NAN);
        let members = det_num(f, "n_members").unwrap_or(f64::NAN);
        let ret = |s: &str| det_num(f, &format!("return_pct.{s}"));
        let show = |s: &str| ret(s).map_or_else(|| s.to_string(), |r| format!("{s} {r:+.2}%"));
        let note = " (sectors are read as the 11 Select Sector SPDR funds)";
        let missing = det_text(f, "missing");
        match (role.as_str(), &c.claimed) {
            ("leader" | "laggard" | "only_up" | "only_down", Claimed::Symbol { symbol }) => {
                let ok = match role.as_str() {
                    "leader" => leader == *symbol,
                    "laggard" => laggard == *symbol,
                    "only_up" => leader == *symbol && n_up == 1.0,
                    _ => laggard == *symbol && n_down == 1.0,
                };
                out.verdict = yes(ok);
                out.actual = Some(match role.as_str() {
                    "leader" => format!("leader {}", show(&leader)),
                    "laggard" => format!("laggard {}", show(&laggard)),
                    "only_up" => format!("{n_up:.0} up; leader {}", show(&leader)),
                    _ => format!("{n_down:.0} down; laggard {}", show(&laggard)),
                });
                if !ok {
                    if let Some(r) = ret(symbol) {
                        out.explanation = format!("{symbol} moved {r:+.2}%. ");
                    }
                }
            }
            (_, Claimed::Count { n }) => {
                let got = if role == "n_up" { n_up } else { n_down };
                let want = if *n < 0 { members } else { *n as f64 };
                let total = match c.also.get("total") {
                    Some(Claimed::Count { n }) => Some(*n as f64),
                    _ => None,
                };
                if total.is_some_and(|t| t != members) && missing.is_some() {
                    out.verdict = Verdict::Unverifiable;
                    out.explanation = format!(
                        "Cannot be checked: only {members:.0} sector funds have data for that window ({}).",
                        missing.unwrap_or("")
                    );
                    return;
                }
                out.verdict = yes((got - want).abs() < 0.5);
                out.actual = Some(format!(
                    "{got:.0} of {members:.0} {}",
                    if role == "n_up" { "rose" } else { "fell" }
                ));
            }
            _ => return,
        }
        out.explanation.push_str(&f.text);
        out.explanation.push_str(note);
    }

    /// "The 10-year yield rose 12 basis points": the change in the rate's
    /// value from the previous observation (or the last one before the window).
    pub(super) fn rate_change(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let sym = &c.subjects[0];
        let Some(d1) = det_date(f, "date") else {
            return;
        };
        let base = match c.period.and_then(|p| period_start(p, d1)) {
            Some(start) => dates(self.engine, sym, Some(Field::Value)).and_then(|ds| {
                let i = ds.partition_point(|d| *d < start);
                i.checked_sub(1).map(|i| ds[i])
            }),
            None => shift(self.engine, sym, d1, -1),
        };
        let Some(d0) = base else {
            out.explanation =
                "Cannot be checked: no earlier observation to measure the change from.".into();
            return;
        };
        let Some(g) = self.fact(&Query::Change {
            symbol: sym.clone(),
            field: Some(Field::Value),
            from: d0,
            as_of: d1,
        }) else {
            return;
        };
        let (Some(bp_raw), Some(v0), Some(d0), Some(v1), Some(d1)) = (
            det_num(&g, "bp"),
            det_num(&g, "from_value"),
            det_date(&g, "from_date"),
            det_num(&g, "to_value"),
            det_date(&g, "to_date"),
        ) else {
            return;
        };
        // Float noise off (0.05 pp × 100 = 4.999…): compare the printed bp.
        let bp = (bp_raw * 1e6).round() / 1e6;
        out.verdict = yes(within(&c.claimed, c.hedge, bp));
        out.actual = Some(format!("{bp:+.0} bp ({v0:.2}% on {d0} → {v1:.2}% on {d1})"));
        out.explanation = format!(
            "{sym} was {v0:.2}% on {d0} and {v1:.2}% on {d1}: a change of {bp:+.0} basis points."
        );
        out.facts.push(g);
        if out.verdict == Verdict::Contradicted && c.period.is_none() {
            // One observation stale: the change into the previous day.
            if let Some(dm) = shift(self.engine, sym, d0, -1) {
                if let Some(h) = self.fact(&Query::Change {
                    symbol: sym.clone(),
                    field: Some(Field::Value),
                    from: dm,
                    as_of: d0,
                }) {
                    let alt = (det_num(&h, "bp").unwrap_or(f64::NAN) * 1e6).round() / 1e6;
                    let from = det_date(&h, "from_date").unwrap_or(dm);
                    if within(&c.claimed, c.hedge, alt) {
                        out.alternatives.push(format!(
                            "{} matches the change from {from} to {d0} ({alt:+.0} bp)",
                            out.claimed
                        ));
                        out.facts.push(h);
                    }
                }
            }
        }
    }

    /// "Fell below 4%", "jumped above 30", "closed above 6,000 for the first time".
    pub(super) fn level_cross(&self, out: &mut CheckedClaim, c: &Claim, facts: &[Fact]) {
        let Some(f) = facts.first() else { return };
        let Claimed::Number { value: th, .. } = c.claimed else {
            return;
        };
        let sym = &c.subjects[0];
        let field = c.field.unwrap_or(Field::Close);
        let (Some(v), Some(d)) = (num(f), det_date(f, "date")) else {
            return;
        };
        let up = c.direction == Some(Direction::Up);
        let on_side = |x: f64| if up { x > th } else { x < th };
        let side_ok = on_side(v);
        let word = if up { "above" } else { "below" };
        let mut why = vec![format!("{sym} {field} was {v:.2} on {d}")];
        let mut ok = side_ok;
        if c.also.contains_key("cross") {
            let prev = shift(self.engine, sym, d, -1).and_then(|p| {
                self.fact(&Query::Level {
                    symbol: sym.clone(),
                    field,
                    as_of: p,
                })
            });
            if let Some(g) = prev {
                let pv = num(&g).unwrap_or(f64::NAN);
                let crossed = !on_side(pv);
                why.push(format!(
                    "{pv:.2} the session before ({})",
                    det_date(&g, "date").map_or_else(String::new, |x| x.to_string())
                ));
                if !crossed && side_ok {
                    why.push(format!("so it was already {word} {th} before that day"));
                }
                ok &= crossed;
                out.facts.push(g);
            }
        }
        if c.also.contains_key("first_ever") {
            if let Some(r) = facts.get(1) {
                let prev_max = det_num(r, "previous_record_level");
                let first = prev_max.is_none_or(|m| m <= th);
                if let Some(m) = prev_max {
                    why.push(format!(
                        "its highest earlier close was {m:.2} on {}",
                        det_date(r, "previous_record_date")
                            .map_or_else(String::new, |x| x.to_string())
                    ));
                }
                ok &= first;
            }
        }
        out.verdict = yes(ok);
        out.actual = Some(format!("{v:.2} on {d}"));
        out.explanation = format!("{}.", why.join("; "));
    }

    /// "Outperformed the S&P 500 by 5 percentage points": A's return minus
    /// B's, as the `return.spread` Fact computes it.
    pub(super) fn spread(&self, out: &mut CheckedClaim, c: &Claim, facts: &[Fact]) {
        let (Some(fa), Some(fb)) = (facts.first(), facts.get(1)) else {
            out.explanation = "Cannot be checked: one of the two returns is missing.".into();
            return;
        };
        // The two returns were each snapped to their own last session; a
        // session-day spread needs the same session for both.
        let period = c.period.unwrap_or(Period::Day);
        if period == Period::Day && fa.as_of != fb.as_of {
            out.explanation = format!(
                "Cannot be checked: {} and {} have no common session on that day ({} vs {}).",
                c.subjects[0], c.subjects[1], fa.as_of, fb.as_of
            );
            return;
        }
        let Some(g) = self.fact(&Query::ReturnSpread {
            a: c.subjects[0].clone(),
            b: c.subjects[1].clone(),
            period,
            as_of: fa.as_of.max(fb.as_of),
        }) else {
            out.explanation = "Cannot be checked: the return spread could not be computed.".into();
            return;
        };
        let (Some(spread), Some(ra), Some(rb)) =
            (num(&g), det_num(&g, "return_a"), det_num(&g, "return_b"))
        else {
            return;
        };
        out.verdict = yes(within(&c.claimed, c.hedge, spread));
        out.actual = Some(format!(
            "{spread:+.2} pp ({} {ra:+.2}% vs {} {rb:+.2}%)",
            c.subjects[0], c.subjects[1]
        ));
        out.explanation = g.text.clone();
        if out.verdict == Verdict::Contradicted {
            if let Some(rel) = det_num(&g, "relative_pct") {
                if within(&c.claimed, c.hedge, rel) {
                    out.alternatives.push(format!(
                        "{} matches the relative return (1 + A) / (1 + B) − 1 = {rel:+.2}%",
                        out.claimed
                    ));
                }
            }
        }
        out.facts.push(g);
    }

    /// "Entered a correction", "is in a bear market" (close ≤ −10 % / −20 % from the running peak).
    pub(super) fn drawdown_state(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let bear =
            matches!(c.also.get("state"), Some(Claimed::Symbol { symbol }) if symbol == "bear");
        let (flag, start_key, word, pct) = if bear {
            ("in_bear_market", "bear_start", "bear market", 20)
        } else {
            ("in_correction", "correction_start", "correction", 10)
        };
        let inside = det_bool(f, flag).unwrap_or(false);
        let start = det_date(f, start_key);
        let date = det_date(f, "date").unwrap_or(f.as_of);
        let dd = num(f).unwrap_or(f64::NAN);
        let entered = c.also.contains_key("entered");
        let start_ok = !entered
            || match (c.period, start) {
                (Some(Period::Between { from, to }), Some(s)) => s >= from && s <= to,
                (_, Some(s)) => s == date,
                _ => false,
            };
        out.verdict = yes(inside && start_ok);
        out.actual = Some(match (inside, start) {
            (true, Some(s)) => format!("{dd:.2}% from the peak; in a {word} since {s}"),
            _ => format!("{dd:.2}% from the peak; not in a {word}"),
        });
        out.explanation = format!(
            "{}{} (definition: a close {pct}% or more below the running peak close.)",
            if inside && !start_ok {
                format!(
                    "It entered the {word} on {}, not on {date}. ",
                    start.map_or_else(String::new, |s| s.to_string())
                )
            } else {
                String::new()
            },
            f.text
        );
    }

    /// "Closed below its 200-day moving average (for the first time since May)".
    pub(super) fn moving_average(&self, out: &mut CheckedClaim, c: &Claim, f: &Fact) {
        let above = det_bool(f, "above").unwrap_or(false);
        let date = det_date(f, "date").unwrap_or(f.as_of);
        let cross_date = det_date(f, "cross_date");
        let side_ok = above == (c.direction == Some(Direction::Up));
        let cross = c.also.contains_key("cross") || since_of(c).is_some();
        let cross_ok = !cross || cross_date == Some(date);
        let mut ok = side_ok && cross_ok;
        let ma = num(f).unwrap_or(f64::NAN);
        let side = if above { "above" } else { "below" };
        let mut actual = format!("{side} its average ({ma:.2}) on {date}");
        if let Some(x) = cross_date {
            actual.push_str(&format!(", on that side since {x}"));
        }
        if let Some(since) = since_of(c) {
            let prev = det_date(f, "previous_same_side");
            ok &= since.accepts(prev, date);
            actual = match prev {
                Some(p) if cross_ok => format!("{actual}; the previous close {side} it was on {p}"),
                None if cross_ok => format!("{actual}; the first close {side} it on record"),
                _ => actual,
            };
        }
        out.verdict = yes(ok);
        out.actual = Some(actual);
        out.explanation = f.text.clone();
    }

    /// "Down 22% from its January peak": the peak's month, when named.
    pub(super) fn drawdown_peak_ok(&self, c: &Claim, f: &Fact) -> bool {
        match (c.also.get("peak"), det_date(f, "peak_date")) {
            (Some(Claimed::Since { since }), Some(p)) => since.accepts(Some(p), f.as_of),
            _ => true,
        }
    }
}
