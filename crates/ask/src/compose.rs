//! Composing the answer paragraph from Facts.
//!
//! Every number printed here is read from a Fact's value or details (and
//! printed with the same rounding everywhere); each sentence ends with the
//! `[n]` of the Facts it uses. When a Fact is missing, its sentence is left
//! out and the gap is stated by the caller.

use crate::fmt::pp;
use crate::plan::{Intent, Plan, HORIZONS_SESSIONS};
use crate::run::{Chart, ChartSeries};
use chrono::Datelike;
use model::display::{self, ordinal, sentence_level, share, signed_pct};
use model::{Date, Direction, Fact, FactValue, Field, Query, Unit, Universe};

pub(crate) struct Composed {
    pub(crate) paragraph: String,
    pub(crate) chart: Option<Chart>,
    pub(crate) suggestions: Vec<String>,
}

fn name(sym: &str) -> String {
    crate::parse::registry()
        .and_then(|r| r.get(sym))
        .map_or_else(|| sym.to_string(), |i| i.name.clone())
}

/// "the Russell 2000" for indices, "IWM" for funds.
fn the(sym: &str) -> String {
    let inst = crate::parse::registry().and_then(|r| r.get(sym));
    match inst {
        Some(i)
            if matches!(
                i.kind,
                model::InstrumentKind::Etf | model::InstrumentKind::Stock
            ) =>
        {
            i.symbol.clone()
        }
        Some(i)
            if matches!(
                i.kind,
                model::InstrumentKind::Portfolio | model::InstrumentKind::Factor
            ) =>
        {
            format!(
                "the {}",
                i.name
                    .chars()
                    .next()
                    .map_or(String::new(), |c| c.to_lowercase().collect::<String>())
                    + &i.name[i.name.chars().next().map_or(0, char::len_utf8)..]
            )
        }
        Some(i) => format!("the {}", i.name),
        None => sym.to_string(),
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn cite(f: &Fact) -> String {
    format!("[{}]", f.id.trim_start_matches('f'))
}

fn num(f: &Fact, key: &str) -> Option<f64> {
    f.detail(key).and_then(|d| d.value.as_f64())
}
fn int(f: &Fact, key: &str) -> Option<i64> {
    match f.detail(key).map(|d| &d.value) {
        Some(FactValue::Integer(n)) => Some(*n),
        _ => None,
    }
}
fn date(f: &Fact, key: &str) -> Option<Date> {
    f.detail(key).and_then(|d| d.value.as_date())
}
fn text<'f>(f: &'f Fact, key: &str) -> Option<&'f str> {
    match f.detail(key).map(|d| &d.value) {
        Some(FactValue::Text(t)) => Some(t),
        _ => None,
    }
}
fn flag(f: &Fact, key: &str) -> Option<bool> {
    match f.detail(key).map(|d| &d.value) {
        Some(FactValue::Bool(b)) => Some(*b),
        _ => None,
    }
}
fn value_f64(f: &Fact) -> Option<f64> {
    f.value.as_f64()
}

fn sessions(n: i64) -> String {
    if n == 1 {
        "1 session".to_string()
    } else {
        format!("{n} sessions")
    }
}

/// The value of a level Fact as printed.
fn level_value(f: &Fact) -> String {
    match (f.value.as_f64(), f.unit) {
        (Some(x), Unit::Percent) => format!("{x:.2}%"),
        (Some(x), _) => sentence_level(x),
        _ => String::new(),
    }
}

pub(crate) fn compose(plan: &Plan, facts: &[Option<Fact>], u: &Universe) -> Composed {
    let got: Vec<&Fact> = facts.iter().flatten().collect();
    let mut out = Composed {
        paragraph: String::new(),
        chart: None,
        suggestions: Vec::new(),
    };
    if got.is_empty() {
        return out;
    }
    let mut sentences: Vec<String> = Vec::new();
    match plan.intent {
        Intent::Streak => {
            for f in &got {
                sentences.push(streak_sentence(plan, f));
            }
            if let Some(f) = got.first() {
                out.chart = streak_chart(u, f);
            }
        }
        Intent::StreakCount => {
            for f in &got {
                sentences.push(streak_count_sentence(f));
            }
        }
        Intent::Record => {
            for f in &got {
                sentences.push(record_sentence(f));
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                252,
                "Close, last 252 sessions",
            );
        }
        Intent::Drawdown => {
            for f in &got {
                sentences.push(drawdown_sentence(f));
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                252,
                "Close, last 252 sessions",
            );
        }
        Intent::LastDecline => {
            for f in &got {
                match f.kind.as_str() {
                    "event_study" => sentences.push(last_decline_sentence(plan, f)),
                    "drawdown" => sentences.push(drawdown_sentence(f)),
                    _ => sentences.push(f.text.clone()),
                }
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                756,
                "Close, last 756 sessions",
            );
        }
        Intent::CrossSection => {
            for f in &got {
                let (s, chart) = cross_section_sentence(f);
                sentences.push(s);
                out.chart = chart;
            }
        }
        Intent::BaseRate => {
            for f in &got {
                sentences.push(base_rate_sentence(f));
                if let (Some(a), Some(b)) = (num(f, "a_annualised_pct"), num(f, "b_annualised_pct"))
                {
                    out.chart = Some(Chart::Bars {
                        title: "Annualised return over the whole span (geometric)".to_string(),
                        bars: f.subjects.iter().map(|s| name(s)).zip([a, b]).collect(),
                        keep_order: true,
                    });
                }
            }
        }
        Intent::RateDecisions => {
            for f in &got {
                sentences.push(rate_sentence(f));
                if let Some((a, b)) = f.window {
                    out.chart = lines_chart(
                        u,
                        &["DFEDTARU".to_string(), "DFEDTARL".to_string()],
                        a,
                        b,
                        false,
                        "Fed funds target range (upper and lower limit)",
                    );
                }
            }
        }
        Intent::ExtremeMove => {
            for f in &got {
                sentences.push(extreme_sentence(f));
            }
        }
        Intent::Compare | Intent::Return | Intent::DailyMove => {
            sentences.extend(return_sentences(plan, &got));
            out.chart = return_chart(u, &got);
        }
        Intent::Level => {
            for f in &got {
                let when = date(f, "date").map_or_else(String::new, |d| format!(" on {d}"));
                let field = text(f, "field").unwrap_or("");
                let _ = field;
                sentences.push(format!(
                    "{} was {}{when} {}.",
                    cap(&the(&f.subjects[0])),
                    level_value(f),
                    cite(f)
                ));
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                252,
                "Last 252 observations",
            );
        }
        Intent::Volatility => {
            for f in &got {
                let (a, b) = f.window.unwrap_or((f.as_of, f.as_of));
                sentences.push(format!(
                    "The annualised volatility of {} (sample standard deviation of daily returns × √252) from {a} to {b} was {} over {} daily returns {}.",
                    the(&f.subjects[0]),
                    value_f64(f).map_or_else(String::new, |x| format!("{x:.2}%")),
                    int(f, "n_returns").unwrap_or(0),
                    cite(f)
                ));
            }
        }
        Intent::MovingAverage => {
            for f in &got {
                sentences.push(ma_sentence(f));
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                252,
                "Close, last 252 sessions",
            );
        }
        Intent::HighLow => {
            for f in &got {
                sentences.push(high_low_sentence(f));
            }
            out.chart = recent_chart(
                u,
                &plan.slots.subjects,
                plan.as_of,
                756,
                "Close, last 756 sessions",
            );
        }
        Intent::ReturnRank => {
            for f in &got {
                sentences.push(rank_sentence(f));
            }
        }
        Intent::EventStudy => {
            for f in &got {
                sentences.push(event_sentence(plan, f));
                out.chart = horizon_chart(f);
            }
        }
        Intent::January => {
            for f in &got {
                sentences.push(january_sentence(f));
            }
        }
        Intent::Gap => {
            for f in &got {
                sentences.push(format!(
                    "{} opened at {} on {}, a gap of {} from the previous close of {} on {} {}.",
                    cap(&the(&f.subjects[0])),
                    num(f, "open").map(sentence_level).unwrap_or_default(),
                    f.as_of,
                    value_f64(f).map(signed_pct).unwrap_or_default(),
                    num(f, "previous_close")
                        .map(sentence_level)
                        .unwrap_or_default(),
                    date(f, "previous_date")
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    cite(f)
                ));
            }
        }
    }
    sentences.retain(|s| !s.is_empty());
    out.paragraph = sentences.join(" ");
    out
}

fn streak_sentence(plan: &Plan, f: &Fact) -> String {
    let len = match f.value {
        FactValue::Integer(n) => n,
        _ => 0,
    };
    let a = the(&f.subjects[0]);
    let b = f.subjects.get(1).map(|s| the(s));
    let dir = text(f, "direction").unwrap_or("none");
    let asked = plan.slots.direction;
    let verb = |up: bool| match (&b, up) {
        (Some(b), true) => format!("outperformed {b}"),
        (Some(b), false) => format!("trailed {b}"),
        (None, true) => "risen".to_string(),
        (None, false) => "fallen".to_string(),
    };
    if len == 0 {
        return format!("{} {}", f.text, cite(f));
    }
    let up = dir == "up";
    let lead = match asked {
        Some(Direction::Up) if !up => format!("No: {} has not, it has {}", a, verb(false)),
        Some(Direction::Down) if up => format!("No: {} has not, it has {}", a, verb(true)),
        _ => format!("{} has {}", cap(&a), verb(up)),
    };
    let (start, end) = (date(f, "start_date"), date(f, "end_date"));
    let end_text = end.map(|d| d.to_string()).unwrap_or_default();
    // A one-session run is a day, not a streak: "on D only", as the fact
    // engine phrases it.
    let mut s = if len == 1 {
        format!("{lead} on {end_text} only")
    } else {
        format!(
            "{lead} for {len} straight sessions, from {} to {end_text}",
            start.map(|d| d.to_string()).unwrap_or_default(),
        )
    };
    if let Some(c) = num(f, "change_pct") {
        match (num(f, "vs_change_pct"), num(f, "spread_pp"), &b) {
            (Some(v), Some(sp), Some(bn)) => s.push_str(&format!(
                " ({} {} vs {} {}, a gap of {})",
                name(&f.subjects[0]),
                signed_pct(c),
                bn.trim_start_matches("the "),
                signed_pct(v),
                pp(sp)
            )),
            _ => s.push_str(&format!(" ({})", signed_pct(c))),
        }
    }
    match (
        flag(f, "longest_on_record"),
        int(f, "longest_since_len"),
        date(f, "longest_since_end"),
    ) {
        (Some(true), _, _) => s.push_str(&format!(
            "; it is the longest such streak on record (data from {})",
            f.inputs
                .iter()
                .map(|i| i.from)
                .min()
                .map(|d| d.to_string())
                .unwrap_or_default()
        )),
        // After a one-session run, "longest since" only names the previous run.
        (_, Some(1), Some(e)) => s.push_str(&format!("; the previous such session was {e}")),
        (_, Some(_), Some(e)) if len == 1 => {
            s.push_str(&format!("; the previous such run ended on {e}"));
        }
        (_, Some(l), Some(e)) => s.push_str(&format!(
            "; the longest such streak since the {}-session run that ended on {e}",
            l
        )),
        _ => {}
    }
    s.push_str(&format!(" {}.", cite(f)));
    s
}

fn streak_count_sentence(f: &Fact) -> String {
    let (a, b) = f.window.unwrap_or((f.as_of, f.as_of));
    let n = match f.value {
        FactValue::Integer(n) => n,
        _ => 0,
    };
    let who = the(&f.subjects[0]);
    let up = text(f, "direction") == Some("up");
    let what = match (f.subjects.get(1), up) {
        (Some(bm), true) => format!("{who} outperformed {}", the(bm)),
        (Some(bm), false) => format!("{who} trailed {}", the(bm)),
        (None, true) => format!("{who} rose"),
        (None, false) => format!("{who} fell"),
    };
    let min = int(f, "min_len").unwrap_or(0);
    let mut s = format!("From {a} to {b}, there were {n} streaks of {min} or more straight sessions in which {what}");
    if let (Some(l), Some(st)) = (int(f, "longest_len"), date(f, "longest_start")) {
        s.push_str(&format!("; the longest ran {} from {st}", sessions(l)));
    }
    s.push_str(&format!(" {}.", cite(f)));
    s
}

fn record_sentence(f: &Fact) -> String {
    let is = matches!(f.value, FactValue::Bool(true));
    let what = if f.kind == "record_high" {
        "intraday high"
    } else {
        "close"
    };
    let who = the(&f.subjects[0]);
    let day = date(f, "date").map(|d| d.to_string()).unwrap_or_default();
    let lvl = num(f, "level").map(sentence_level).unwrap_or_default();
    if is {
        let prev = match (
            num(f, "previous_record_level"),
            date(f, "previous_record_date"),
        ) {
            (Some(p), Some(d)) => format!(
                ", above the previous record of {} set on {d}",
                sentence_level(p)
            ),
            _ => String::new(),
        };
        format!(
            "Yes: {who}'s {what} of {lvl} on {day} was a record {what}{prev} {}.",
            cite(f)
        )
    } else {
        format!(
            "No: {who}'s {what} of {lvl} on {day} was not a record {what}; the record {what} is {} set on {}, {} earlier {}.",
            num(f, "record_level").map(sentence_level).unwrap_or_default(),
            date(f, "record_date").map(|d| d.to_string()).unwrap_or_default(),
            sessions(int(f, "sessions_since_record").unwrap_or(0)),
            cite(f)
        )
    }
}

fn drawdown_sentence(f: &Fact) -> String {
    let who = the(&f.subjects[0]);
    let dd = value_f64(f).unwrap_or(0.0);
    let day = date(f, "date").map(|d| d.to_string()).unwrap_or_default();
    let peak = num(f, "peak_close").map(sentence_level).unwrap_or_default();
    let peak_day = date(f, "peak_date")
        .map(|d| d.to_string())
        .unwrap_or_default();
    if dd == 0.0 {
        return format!(
            "{} closed at its peak of {peak} on {day}: no drawdown {}.",
            cap(&who),
            cite(f)
        );
    }
    let mut s = format!(
        "As of {day}, {who} closed {} below its peak close of {peak} set on {peak_day}",
        display::pct(dd.abs(), 2)
    );
    // The state is the Fact's flags; the start dates are only when the
    // drawdown first crossed 10% / 20%, which a later recovery leaves set.
    if flag(f, "in_bear_market") == Some(true) {
        s.push_str(", in a bear market (20% or more below the peak)");
    } else if flag(f, "in_correction") == Some(true) {
        s.push_str(", in a correction (10% or more below the peak)");
    }
    if let Some(b) = date(f, "bear_start") {
        s.push_str(&format!(
            "; it first closed 20% or more below the peak on {b}"
        ));
    } else if let Some(c) = date(f, "correction_start") {
        s.push_str(&format!(
            "; it first closed 10% or more below the peak on {c}"
        ));
    }
    if let (Some(t), Some(td)) = (num(f, "trough_pct"), date(f, "trough_date")) {
        if t < dd {
            s.push_str(&format!(
                "; the lowest close since the peak was {} below it, on {td}",
                display::pct(t.abs(), 2)
            ));
        }
    }
    s.push_str(&format!(" {}.", cite(f)));
    s
}

/// The event-study condition of the plan, in words.
fn condition_words(plan: &Plan) -> String {
    plan.steps
        .iter()
        .find_map(|st| match st.query() {
            Query::EventStudy { condition, .. } => Some(crate::fmt::condition_text(condition)),
            _ => None,
        })
        .unwrap_or_else(|| "the condition".to_string())
}

fn count_of(f: &Fact) -> i64 {
    match f.value {
        FactValue::Integer(n) => n,
        _ => 0,
    }
}

fn data_span(f: &Fact) -> (String, String) {
    let d = |k: &str| date(f, k).map(|d| d.to_string()).unwrap_or_default();
    (d("data_from"), d("data_to"))
}

fn last_decline_sentence(plan: &Plan, f: &Fact) -> String {
    let who = the(&f.subjects[0]);
    let cond = condition_words(plan);
    let n = count_of(f);
    let (from, to) = data_span(f);
    let Some(last) = date(f, "last_occurrence") else {
        return match date(f, "current_occurrence") {
            Some(c) => format!(
                "{} met {cond} on {c}, for the first time in the data from {from} to {to} {}.",
                cap(&who),
                cite(f)
            ),
            None => format!(
                "{} never met {cond} in the data from {from} to {to} {}.",
                cap(&who),
                cite(f)
            ),
        };
    };
    let mut s = format!("{} last met {cond} on {last}", cap(&who));
    if let (Some(p), Some(pd)) = (num(f, "last_peak_close"), date(f, "last_peak_date")) {
        s.push_str(&format!(
            " (the peak close was {} on {pd})",
            sentence_level(p)
        ));
    }
    s.push_str(&format!(
        "; counting once per peak-to-new-peak episode, that has happened {n} times since {from} {}.",
        cite(f)
    ));
    if let Some(c) = date(f, "current_occurrence") {
        s.push_str(&format!(
            " It happened again on {c}, the as-of session, which is not counted {}.",
            cite(f)
        ));
    }
    if let (Some(m), Some(h), Some(k)) = (
        num(f, "fwd252_median_pct"),
        num(f, "fwd252_hit_pct"),
        int(f, "fwd252_n"),
    ) {
        s.push_str(&format!(
            " Over the 252 sessions after those first closes, the median return was {} and {} of {k} were positive — a base rate, not a forecast {}.",
            signed_pct(m),
            share(h),
            cite(f)
        ));
    }
    s
}

fn cross_section_sentence(f: &Fact) -> (String, Option<Chart>) {
    let n = int(f, "n_members").unwrap_or(0);
    let up = int(f, "n_up").unwrap_or(0);
    let basket = text(f, "basket").unwrap_or("members");
    let basket_words = match basket {
        "sectors" => "sector ETFs",
        "styles" => "size and style ETFs",
        "indices" => "indices",
        _ => "instruments",
    };
    let when = match f.window {
        Some((a, b)) if a == b => format!("On {b}"),
        Some((a, b)) => format!("From {a} to {b}"),
        None => format!("As of {}", f.as_of),
    };
    let mut ranked: Vec<(String, f64)> = f
        .details
        .iter()
        .filter_map(|(k, d)| {
            k.strip_prefix("return_pct.")
                .and_then(|s| d.value.as_f64().map(|x| (s.to_string(), x)))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let label = |s: &str| {
        let inst = crate::parse::registry().and_then(|r| r.get(s));
        match inst.and_then(|i| i.sector.clone()) {
            Some(sector) => format!("{sector} ({s})"),
            None => format!("{} ({s})", name(s)),
        }
    };
    let mut s = format!("{when}, {up} of {n} {basket_words} rose");
    if let (Some(first), Some(last)) = (ranked.first(), ranked.last()) {
        s.push_str(&format!(
            "; {} did best with {} and {} did worst with {}",
            label(&first.0),
            signed_pct(first.1),
            label(&last.0),
            signed_pct(last.1)
        ));
    }
    let list: Vec<String> = ranked
        .iter()
        .map(|(sym, r)| format!("{sym} {}", signed_pct(*r)))
        .collect();
    s.push_str(&format!(
        " (all, best first: {}) {}.",
        list.join(", "),
        cite(f)
    ));
    // The Fact states no count of the members without data (`n_members`
    // counts those with data), so none is printed.
    if text(f, "missing").is_some() {
        s.push_str(
            " Some members had no data for the window (listed in the fact's `missing` detail).",
        );
    }
    let chart = Chart::Bars {
        title: format!("{when}: return by {}", basket_words.trim_end_matches('s')),
        bars: ranked,
        keep_order: false,
    };
    (s, Some(chart))
}

fn base_rate_sentence(f: &Fact) -> String {
    let (a, b) = (the(&f.subjects[0]), the(&f.subjects[1]));
    // The window as the Fact states it (`window_years`); no figure otherwise.
    let window = int(f, "window_years").map_or_else(String::new, |y| format!("{y}-year "));
    let months = |k: &str| {
        date(f, k)
            .map(|d| format!("{}-{:02}", d.year(), d.month()))
            .unwrap_or_default()
    };
    let mut s = format!(
        "Over {} rolling {window}windows starting from {} to {} (one-month steps), {a} compounded more than {b} in {} of them, {} {}.",
        int(f, "n_windows").unwrap_or(0),
        months("first_window_start"),
        months("last_window_start"),
        int(f, "n_a_wins").unwrap_or(0),
        value_f64(f).map(share).unwrap_or_default(),
        cite(f)
    );
    if let (Some(x), Some(y), Some(g)) = (
        num(f, "a_annualised_pct"),
        num(f, "b_annualised_pct"),
        num(f, "geometric_diff_pct"),
    ) {
        s.push_str(&format!(
            " Over the whole span ({} to {}), {a} compounded at {} a year against {} for {b}, a difference of {} a year {}.",
            months("first_month"),
            months("last_month"),
            format_args!("{x:.2}%"),
            format_args!("{y:.2}%"),
            pp(g),
            cite(f)
        ));
    }
    s
}

fn rate_sentence(f: &Fact) -> String {
    let (from, to) = f.window.unwrap_or((f.as_of, f.as_of));
    let n = match f.value {
        FactValue::Integer(n) => n,
        _ => 0,
    };
    let range = match f.detail("range").map(|d| &d.value) {
        Some(FactValue::Range { low, high }) => format!("{low:.2}%–{high:.2}%"),
        _ => String::new(),
    };
    let range_day = date(f, "range_date")
        .map(|d| d.to_string())
        .unwrap_or_default();
    if n == 0 {
        return format!(
            "The Fed did not change its target range from {from} to {to}; the range was {range} on {range_day} {}.",
            cite(f)
        );
    }
    let cuts = int(f, "n_cuts").unwrap_or(0);
    let hikes = int(f, "n_hikes").unwrap_or(0);
    let mut listed = Vec::new();
    for k in 1..=n {
        let key = format!("decision{k:02}");
        if let (Some(d), Some(bp)) = (
            date(f, &format!("{key}_date")),
            num(f, &format!("{key}_bp")),
        ) {
            listed.push(format!(
                "{d} ({}{:.0} bp)",
                if bp < 0.0 { "−" } else { "+" },
                bp.abs()
            ));
        }
    }
    let counts = match (cuts, hikes) {
        (c, 0) => format!(
            "cut its target range {c} time{}",
            if c == 1 { "" } else { "s" }
        ),
        (0, h) => format!(
            "raised its target range {h} time{}",
            if h == 1 { "" } else { "s" }
        ),
        (c, h) => format!("changed its target range {n} times ({c} cuts, {h} hikes)"),
    };
    let mut s = format!(
        "From {from} to {to}, the Fed {counts}, dated on the announcement: {}; net {:+.0} bp",
        listed.join(", "),
        num(f, "net_bp").unwrap_or(0.0)
    );
    s.push_str(&format!(
        ", leaving the range at {range} on {range_day} {}.",
        cite(f)
    ));
    if (1..=n).any(|k| f.detail(&format!("decision{k:02}_statement")).is_some()) {
        s.push_str(&format!(
            " Where the FOMC statement of the day is in the data, its target-range sentence corroborates the decision {}.",
            cite(f)
        ));
    }
    s
}

fn extreme_sentence(f: &Fact) -> String {
    let down = value_f64(f).is_some_and(|x| x < 0.0);
    let word = if down {
        "worst day (largest one-day percentage decline)"
    } else {
        "best day (largest one-day percentage gain)"
    };
    let (a, b) = f.window.unwrap_or((f.as_of, f.as_of));
    format!(
        "{}'s {word} from {a} to {b} was {}: {} from {} to {} {}.",
        cap(&the(&f.subjects[0])),
        date(f, "date").map(|d| d.to_string()).unwrap_or_default(),
        value_f64(f).map(signed_pct).unwrap_or_default(),
        num(f, "previous_close")
            .map(sentence_level)
            .unwrap_or_default(),
        num(f, "close").map(sentence_level).unwrap_or_default(),
        cite(f)
    )
}

fn return_sentences(plan: &Plan, got: &[&Fact]) -> Vec<String> {
    let mut out = Vec::new();
    for f in got {
        let who = cap(&the(&f.subjects[0]));
        let r = value_f64(f).map(signed_pct).unwrap_or_default();
        if f.kind == "daily_move" {
            let mut s = format!(
                "On {}, {} moved {r} ({} points) to close at {}",
                f.as_of,
                the(&f.subjects[0]),
                num(f, "points")
                    .map(|p| format!("{p:+.2}"))
                    .unwrap_or_default(),
                num(f, "close").map(sentence_level).unwrap_or_default()
            );
            if let (Some(rank), Some(nr), Some(dir)) =
                (int(f, "rank"), int(f, "n_ranked"), text(f, "direction"))
            {
                s.push_str(&format!(
                    ", the {} largest {dir} of {nr} in its history",
                    ordinal(rank)
                ));
            }
            s.push_str(&format!(" {}.", cite(f)));
            out.push(s);
        } else {
            let (first, last) = (date(f, "first_session"), date(f, "end_date"));
            let mut s =
                format!(
                "{who} returned {r} ({} points) from {} to {}, measured from the close of {} on {}",
                num(f, "points").map(|p| format!("{p:+.2}")).unwrap_or_default(),
                first.map(|d| d.to_string()).unwrap_or_default(),
                last.map(|d| d.to_string()).unwrap_or_default(),
                num(f, "base_close").map(sentence_level).unwrap_or_default(),
                date(f, "base_date").map(|d| d.to_string()).unwrap_or_default()
            );
            if text(f, "field") == Some("adj_close") {
                s.push_str(" (dividend-adjusted closes)");
            }
            if flag(f, "complete") == Some(false) {
                s.push_str("; the period is not over yet");
            }
            s.push_str(&format!(" {}.", cite(f)));
            out.push(s);
        }
    }
    if plan.intent == Intent::Compare && got.len() >= 2 {
        let mut ranked: Vec<&&Fact> = got.iter().filter(|f| value_f64(f).is_some()).collect();
        ranked.sort_by(|a, b| {
            value_f64(b)
                .unwrap_or(0.0)
                .total_cmp(&value_f64(a).unwrap_or(0.0))
        });
        if let (Some(best), Some(worst)) = (ranked.first(), ranked.last()) {
            let cites: String = ranked.iter().map(|f| cite(f)).collect();
            let same_window = got.windows(2).all(|w| w[0].window == w[1].window);
            let lead = format!(
                "{} did better: {} against {} for {}{} {cites}.",
                cap(&the(&best.subjects[0])),
                value_f64(best).map(signed_pct).unwrap_or_default(),
                value_f64(worst).map(signed_pct).unwrap_or_default(),
                the(&worst.subjects[0]),
                if same_window {
                    ""
                } else {
                    " (over slightly different sessions, see below)"
                }
            );
            out.insert(0, lead);
        }
    }
    out
}

fn ma_sentence(f: &Fact) -> String {
    let above = flag(f, "above").unwrap_or(false);
    let w = int(f, "window_sessions").unwrap_or(0);
    let mut s = format!(
        "{} closed at {} on {}, {} its {w}-day moving average of {} ({} from it)",
        cap(&the(&f.subjects[0])),
        num(f, "close").map(sentence_level).unwrap_or_default(),
        date(f, "date").map(|d| d.to_string()).unwrap_or_default(),
        if above { "above" } else { "below" },
        value_f64(f).map(sentence_level).unwrap_or_default(),
        num(f, "distance_pct").map(signed_pct).unwrap_or_default()
    );
    if let (Some(c), Some(k)) = (date(f, "cross_date"), int(f, "sessions_on_side")) {
        s.push_str(&format!(
            "; it has closed {} it for {} since {c}",
            if above { "above" } else { "below" },
            sessions(k)
        ));
    }
    s.push_str(&format!(" {}.", cite(f)));
    s
}

fn high_low_sentence(f: &Fact) -> String {
    let word = if f.kind == "highest_since" {
        "highest"
    } else {
        "lowest"
    };
    let who = the(&f.subjects[0]);
    let lvl = num(f, "level").map(sentence_level).unwrap_or_default();
    let day = date(f, "date").map(|d| d.to_string()).unwrap_or_default();
    match f.value {
        FactValue::Date(since) => {
            format!(
            "{}'s close of {lvl} on {day} was its {word} since {since}, when it closed at {} {}.",
            cap(&who),
            num(f, "since_level").map(sentence_level).unwrap_or_default(),
            cite(f)
        )
        }
        _ => format!(
            "{}'s close of {lvl} on {day} was its {word} on record {}.",
            cap(&who),
            cite(f)
        ),
    }
}

fn rank_sentence(f: &Fact) -> String {
    let who = the(&f.subjects[0]);
    let mut s = format!(
        "{}'s {} return in {} ranks {} best of {} ({} worst)",
        cap(&who),
        num(f, "return_pct").map(signed_pct).unwrap_or_default(),
        text(f, "period").unwrap_or(""),
        ordinal(int(f, "rank_best").unwrap_or(0)),
        int(f, "n_periods").unwrap_or(0),
        ordinal(int(f, "rank_worst").unwrap_or(0))
    );
    let best_first = int(f, "rank_best") <= int(f, "rank_worst");
    if best_first {
        match (text(f, "best_since"), num(f, "best_since_return_pct")) {
            (Some(p), Some(r)) => s.push_str(&format!("; the best since {p} ({})", signed_pct(r))),
            _ => s.push_str("; the best on record"),
        }
    } else {
        match (text(f, "worst_since"), num(f, "worst_since_return_pct")) {
            (Some(p), Some(r)) => s.push_str(&format!("; the worst since {p} ({})", signed_pct(r))),
            _ => s.push_str("; the worst on record"),
        }
    }
    if flag(f, "complete") == Some(false) {
        s.push_str(" (the period is not over yet)");
    }
    s.push_str(&format!(" {}.", cite(f)));
    s
}

fn event_sentence(plan: &Plan, f: &Fact) -> String {
    let who = the(&f.subjects[0]);
    let cond = condition_words(plan);
    let n = count_of(f);
    let c = cite(f);
    let (from, to) = data_span(f);
    let min_len = int(f, "min_len");
    let mut s = match (
        date(f, "last_occurrence"),
        int(f, "last_len"),
        date(f, "last_start"),
        date(f, "last_end"),
        min_len,
    ) {
        (Some(last), Some(l), Some(st), Some(end), Some(k)) => format!(
            "{}'s last earlier {} ran {} from {st} to {end}; it reached {} on {last} {c}.",
            cap(&who),
            cond.strip_prefix("a ").unwrap_or(&cond),
            sessions(l),
            sessions(k)
        ),
        (Some(last), ..) => {
            format!("The last earlier occurrence of {cond} for {who} was on {last} {c}.")
        }
        (None, ..) => format!(
            "{} had no earlier occurrence of {cond} in the data from {from} to {to} {c}.",
            cap(&who)
        ),
    };
    if date(f, "last_occurrence").is_some() {
        let after: Vec<String> = HORIZONS_SESSIONS
            .iter()
            .filter_map(|h| {
                num(f, &format!("fwd{h}_last_pct"))
                    .map(|r| format!("{} over {h} sessions", signed_pct(r)))
            })
            .collect();
        if after.is_empty() {
            s.push_str(" Too few sessions have passed since then to measure what followed.");
        } else {
            let when = if min_len.is_some() {
                "From that session"
            } else {
                "After it"
            };
            s.push_str(&format!(
                " {when}, {} returned {} {c}.",
                who,
                after.join(", ")
            ));
        }
    }
    match (date(f, "ongoing_start"), int(f, "ongoing_len"), date(f, "current_occurrence")) {
        (Some(st), Some(l), Some(cur)) => s.push_str(&format!(
            " A new run of {} that began on {st} was still going on {} (it reached the length on {cur}); it is not counted {c}.",
            sessions(l),
            f.as_of
        )),
        (_, _, Some(cur)) => s.push_str(&format!(
            " The session of {cur} is itself an occurrence; it is the current one and is not counted {c}."
        )),
        _ => {}
    }
    let stats: Vec<String> = HORIZONS_SESSIONS
        .iter()
        .filter_map(|h| {
            let m = num(f, &format!("fwd{h}_median_pct"))?;
            let hr = num(f, &format!("fwd{h}_hit_pct"))?;
            let k = int(f, &format!("fwd{h}_n"))?;
            Some(format!(
                "{h} sessions: median {}, positive {} of {k} times",
                signed_pct(m),
                share(hr)
            ))
        })
        .collect();
    if !stats.is_empty() {
        let measured = if min_len.is_some() {
            ", measured from the session each run reached the length"
        } else {
            ""
        };
        s.push_str(&format!(
            " Across all {n} earlier occurrences since {from}{measured}, forward returns were — {} {c}.",
            stats.join("; ")
        ));
        if let (Some(m), Some(hr)) = (
            num(f, "fwd252_all_median_pct"),
            num(f, "fwd252_all_hit_pct"),
        ) {
            s.push_str(&format!(
                " For comparison, over any 252 sessions the median was {} and {} were positive {c}.",
                signed_pct(m),
                share(hr)
            ));
        }
    }
    s.push_str(" This is a base rate of what happened before, not a forecast.");
    s
}

fn january_sentence(f: &Fact) -> String {
    let who = the(&f.subjects[0]);
    let c = cite(f);
    let thr = num(f, "threshold_pct").unwrap_or(0.0);
    let cmp = if thr < 0.0 { "below" } else { "above" };
    let mut s = format!(
        "In {} complete years of {who} ({}–{}), January returned {cmp} {thr:.1}% in {} of them {c}.",
        int(f, "n_years").unwrap_or(0),
        int(f, "first_year").unwrap_or(0),
        int(f, "last_year").unwrap_or(0),
        int(f, "n_signal").unwrap_or(0),
    );
    if let (Some(h), Some(m)) = (
        num(f, "signal_rest_up_pct"),
        num(f, "signal_rest_median_pct"),
    ) {
        s.push_str(&format!(
            " In those years February–December rose {} of the time (median {})",
            share(h),
            signed_pct(m)
        ));
        if let (Some(h2), Some(m2)) = (num(f, "other_rest_up_pct"), num(f, "other_rest_median_pct"))
        {
            s.push_str(&format!(
                ", against {} (median {}) in the other {} years",
                share(h2),
                signed_pct(m2),
                int(f, "n_other").unwrap_or(0)
            ));
        }
        s.push_str(&format!(" {c}."));
    }
    if let Some(a) = num(f, "agree_pct") {
        s.push_str(&format!(
            " January's sign matched the rest of the year's in {} of years {c}.",
            share(a)
        ));
    }
    if let (Some(y), Some(j)) = (int(f, "latest_year"), num(f, "latest_january_pct")) {
        s.push_str(&format!(" January {y} returned {} {c}.", signed_pct(j)));
    }
    s.push_str(" This is a base rate of past years, not a forecast.");
    s
}

fn price_series<'u>(u: &'u Universe, sym: &str) -> Option<&'u model::Series> {
    [Field::Close, Field::AdjClose, Field::Value]
        .into_iter()
        .find_map(|f| u.get(sym, f))
}

fn lines_chart(
    u: &Universe,
    syms: &[String],
    from: Date,
    to: Date,
    rebase: bool,
    title: &str,
) -> Option<Chart> {
    let mut series = Vec::new();
    for sym in syms {
        let Some(s) = price_series(u, sym) else {
            continue;
        };
        let a = s.dates().partition_point(|d| *d < from);
        let b = s.len_as_of(to);
        if b <= a + 1 {
            continue;
        }
        let base = s.values()[a];
        let points: Vec<(Date, f64)> = s.dates()[a..b]
            .iter()
            .zip(&s.values()[a..b])
            .map(|(d, v)| {
                (
                    *d,
                    if rebase && base != 0.0 {
                        v / base * 100.0
                    } else {
                        *v
                    },
                )
            })
            .collect();
        series.push(ChartSeries {
            label: name(sym),
            points,
        });
    }
    (!series.is_empty()).then(|| Chart::Lines {
        title: title.to_string(),
        series,
        reference: rebase.then_some(100.0),
    })
}

fn recent_chart(
    u: &Universe,
    syms: &[String],
    as_of: Date,
    n: usize,
    title: &str,
) -> Option<Chart> {
    let sym = syms.first()?;
    let s = price_series(u, sym)?;
    let end = s.len_as_of(as_of);
    let start = end.saturating_sub(n);
    let from = *s.dates().get(start)?;
    lines_chart(
        u,
        &syms[..1],
        from,
        as_of,
        false,
        &format!("{}: {title}", name(sym)),
    )
}

fn streak_chart(u: &Universe, f: &Fact) -> Option<Chart> {
    let start = date(f, "base_date").or(f.window.map(|w| w.0))?;
    let end = f.window.map_or(f.as_of, |w| w.1);
    // Show the streak with as many sessions before it for context (at least 20).
    let s = price_series(u, &f.subjects[0])?;
    let i = s.dates().partition_point(|d| *d < start);
    let len = match f.value {
        FactValue::Integer(n) => usize::try_from(n).unwrap_or(0),
        _ => 0,
    };
    let from = *s.dates().get(i.saturating_sub(len.max(20)))?;
    let rebase = f.subjects.len() > 1;
    lines_chart(
        u,
        &f.subjects,
        from,
        end,
        rebase,
        if rebase { "Rebased to 100" } else { "Close" },
    )
}

fn return_chart(u: &Universe, got: &[&Fact]) -> Option<Chart> {
    let f = got.first()?;
    if f.kind == "daily_move" {
        return None;
    }
    let from = date(f, "base_date")?;
    let to = date(f, "end_date")?;
    let syms: Vec<String> = got.iter().map(|f| f.subjects[0].clone()).collect();
    lines_chart(u, &syms, from, to, true, "Rebased to 100 at the base close")
}

fn horizon_chart(f: &Fact) -> Option<Chart> {
    let bars: Vec<(String, f64)> = HORIZONS_SESSIONS
        .iter()
        .filter_map(|h| num(f, &format!("fwd{h}_median_pct")).map(|m| (format!("{h} sessions"), m)))
        .collect();
    (!bars.is_empty()).then(|| Chart::Bars {
        title: "Median forward return after past occurrences".to_string(),
        bars,
        // Horizons read in time order: 21, 63, 126, 252 sessions.
        keep_order: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::fact::Detail;

    fn d(s: &str) -> Date {
        model::parse_iso_date(s).expect("valid date")
    }

    /// A relative streak Fact as the engine writes it (details by name).
    fn streak_fact(len: i64, start: &str, end: &str, since: Option<(i64, &str)>) -> Fact {
        let mut details = std::collections::BTreeMap::new();
        details.insert("direction".to_string(), Detail::text("down"));
        details.insert("start_date".to_string(), Detail::date(d(start)));
        details.insert("end_date".to_string(), Detail::date(d(end)));
        if let Some((l, e)) = since {
            details.insert(
                "longest_since_len".to_string(),
                Detail::integer(l, Unit::Sessions),
            );
            details.insert("longest_since_end".to_string(), Detail::date(d(e)));
        }
        Fact {
            id: "f1".to_string(),
            kind: "streak".to_string(),
            subjects: vec!["^RUT".to_string(), "^GSPC".to_string()],
            as_of: d(end),
            window: Some((d(start), d(end))),
            value: FactValue::Integer(len),
            unit: Unit::Sessions,
            method: model::Method::new("streak.relative", 1),
            inputs: Vec::new(),
            details,
            text: String::new(),
        }
    }

    /// A drawdown Fact as the engine writes it: 4.41% below a peak, after
    /// a correction that began on 2026-07-29 and has since ended.
    fn drawdown_fact(in_correction: bool) -> Fact {
        let mut details = std::collections::BTreeMap::new();
        details.insert("date".to_string(), Detail::date(d("2026-08-21")));
        details.insert("peak_date".to_string(), Detail::date(d("2026-06-01")));
        details.insert(
            "peak_close".to_string(),
            Detail::number(20000.0, Unit::Points),
        );
        details.insert(
            "correction_start".to_string(),
            Detail::date(d("2026-07-29")),
        );
        let flag = |b: bool| Detail {
            value: FactValue::Bool(b),
            unit: Unit::Bool,
        };
        details.insert("in_correction".to_string(), flag(in_correction));
        details.insert("in_bear_market".to_string(), flag(false));
        Fact {
            id: "f1".to_string(),
            kind: "drawdown".to_string(),
            subjects: vec!["^NDX".to_string()],
            as_of: d("2026-08-21"),
            window: Some((d("2026-06-01"), d("2026-08-21"))),
            value: FactValue::Number(if in_correction { -12.0 } else { -4.41 }),
            unit: Unit::Percent,
            method: model::Method::new("drawdown.close", 1),
            inputs: Vec::new(),
            details,
            text: String::new(),
        }
    }

    #[test]
    fn drawdown_state_follows_the_fact_flags_not_the_start_date() {
        let out = drawdown_sentence(&drawdown_fact(false));
        assert!(!out.contains("in a correction"), "{out}");
        assert!(
            out.contains("it first closed 10% or more below the peak on 2026-07-29"),
            "{out}"
        );
        let inside = drawdown_sentence(&drawdown_fact(true));
        assert!(
            inside.contains("in a correction (10% or more below the peak)"),
            "{inside}"
        );
    }

    fn plan() -> Plan {
        Plan {
            question: "and the S&P 500?".to_string(),
            as_of: d("2026-08-21"),
            intent: Intent::Streak,
            slots: crate::plan::Slots::default(),
            steps: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_one_session_run_is_worded_as_a_day_not_a_streak() {
        let one = streak_sentence(
            &plan(),
            &streak_fact(1, "2026-08-21", "2026-08-21", Some((1, "2026-08-19"))),
        );
        assert!(one.contains("on 2026-08-21 only"), "{one}");
        assert!(
            one.contains("the previous such session was 2026-08-19"),
            "{one}"
        );
        assert!(
            !one.contains("1 straight sessions") && !one.contains("1-session run"),
            "{one}"
        );
        let longer_before = streak_sentence(
            &plan(),
            &streak_fact(1, "2026-08-21", "2026-08-21", Some((4, "2026-08-14"))),
        );
        assert!(
            longer_before.contains("the previous such run ended on 2026-08-14"),
            "{longer_before}"
        );
        let many = streak_sentence(
            &plan(),
            &streak_fact(3, "2026-08-19", "2026-08-21", Some((5, "2026-07-02"))),
        );
        assert!(
            many.contains("for 3 straight sessions, from 2026-08-19 to 2026-08-21")
                && many.contains("since the 5-session run that ended on 2026-07-02"),
            "{many}"
        );
    }
}
