//! Frames: what one claim (or question) says, slot by slot, before it is
//! lowered onto the query algebra.
//!
//! A frame is built per clause around an *anchor* — a quantity ("fell 6.7
//! percent"), a superlative with its reference ("the lowest close since
//! April 1997"), an ordinal rank, a record word — by the constructions in
//! [`build`]. Each construction fills the slots it can read: the measure
//! ([`What`]), the subject, the window ([`When`]) and the claimed value;
//! [`resolve`] binds coreference ("it", "the index", "stocks") and carries
//! windows ("during the same period"); [`coverage`] marks a frame
//! unreadable when a hard qualifier next to it was left unread; [`lower`]
//! turns a frame into the query (and the alternative readings the writer's
//! words allow) that decides it.

pub mod build;
pub mod coverage;
pub mod lower;
pub mod resolve;
mod view;

pub use view::{Item, ItemKind, View};

use crate::chunk::{CorefKind, Grain, Hedge, QUnit, Time};
use model::{Date, Field, Measure, Order};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Who a claim is about, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subj {
    /// A registry instrument.
    Symbol(String),
    /// A yield spread: the first minus the second.
    Spread(String, String),
    /// A coreference term to bind ("it", "the index", "stocks").
    Coref(CorefKind),
    /// A noun phrase that names something else ("oil prices", "futures"):
    /// the claim cannot be checked; the text says what it names.
    Other(String),
    /// The Federal Reserve (policy-rate claims).
    Fed,
    /// Nothing written: carried from the sentence or paragraph before.
    Carried,
}

/// Which field a level reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldHint {
    /// The close (or the series' value).
    Close,
    /// The intraday high.
    High,
    /// The intraday low.
    Low,
    /// The open.
    Open,
    /// A high or low not said to be intraday or closing: the close first,
    /// the intraday extreme as an alternative reading.
    Either,
}

impl FieldHint {
    /// The field read first.
    pub fn field(self) -> Field {
        match self {
            FieldHint::High => Field::High,
            FieldHint::Low => Field::Low,
            FieldHint::Open => Field::Open,
            FieldHint::Close | FieldHint::Either => Field::Close,
        }
    }
}

/// What a Fed claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FedWhat {
    /// The size of the decision announced in the window, in basis points.
    Change,
    /// The target range in force after the window's last decision.
    Range,
    /// The target range in force before the window's decision ("its prior range").
    PriorRange,
    /// How many cuts (`-1`), hikes (`1`) or any decisions (`0`) in the window.
    Count(i8),
    /// How many meetings in a row with the same decision (hold `0`, hike `1`, cut `-1`).
    Consecutive(i8),
    /// How long since the previous decision of the same kind ("the first cut in four years").
    Since(i8),
}

/// What a frame measures.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// The move over the window: a return in percent, or a change in the
    /// series' units (index points, percentage points, basis points).
    Move {
        /// In percent (a return) or in units (a change).
        percent: bool,
        /// The field the move ends on ("rose as much as 0.5%" = the high).
        field: FieldHint,
    },
    /// A level at the window's end.
    Level {
        /// Which field.
        field: FieldHint,
    },
    /// The most extreme level in the window, and the date it was reached
    /// ("its all-time high of 1,527.46 on March 24, 2000").
    Extreme {
        /// Highest or lowest.
        order: Order,
        /// Which field.
        field: FieldHint,
    },
    /// The window's last session set a record ("closed at a record").
    Record {
        /// Close or intraday high.
        field: FieldHint,
    },
    /// The last earlier time the measure was at least as extreme ("the
    /// biggest drop since 1987"); the claimed value is a reference in time.
    Since {
        /// The measure compared.
        measure: Measure,
        /// Which end is extreme.
        order: Order,
    },
    /// When the most extreme value of a measure was reached ("The
    /// worst-ever first half was in 1970"); the claimed value is a date.
    ExtremeWhen {
        /// The measure.
        measure: Measure,
        /// Highest or lowest.
        order: Order,
    },
    /// The first date the flag held ("crossed 600 on Nov. 17, 1995").
    FirstDate {
        /// The flag.
        measure: Measure,
    },
    /// The rank of the last value among the window's ("the third worst").
    Rank {
        /// The measure ranked.
        measure: Measure,
        /// Which end ranks first.
        order: Order,
    },
    /// The length of the run ending at the window's end ("seven straight sessions").
    Streak {
        /// The run-length measure.
        measure: Measure,
    },
    /// How many observations (or runs) in the window have a flag.
    Count {
        /// The flag (or any measure: then how many observations).
        measure: Measure,
        /// Count runs of at least this length instead of observations.
        runs: Option<u32>,
    },
    /// Distance below a peak: the running peak, or the highest close within
    /// a named window ("down 14% from its highs set last November").
    Drawdown {
        /// Where the peak is looked for (`None` = the running peak).
        peak: Option<(Date, Date)>,
    },
    /// Standard deviation of daily returns.
    Volatility {
        /// Annualised (× √252) when the words say volatility; daily when they
        /// say "standard deviation of daily returns".
        annualised: bool,
    },
    /// The mean level over the window ("its long-term average").
    Mean,
    /// A Fed policy-rate claim.
    Fed(FedWhat),
    /// The close against its N-session simple moving average, in percent
    /// ("9.19% above its 200-day moving average"; "closed above" alone claims > 0).
    SmaGap {
        /// Length of the average in sessions.
        sessions: u32,
    },
    /// How many funds of a basket rose (`up`) or fell over the window ("5
    /// sector funds rose and 6 fell").
    Breadth {
        /// Rose (else fell).
        up: bool,
        /// The basket's size as written ("1 of 9 sector funds", "nine of the 11 sectors").
        of: Option<u32>,
    },
    /// The fund that led (`Highest`) or lagged in a basket over the window.
    CrossRank {
        /// Best or worst.
        order: Order,
        /// The funds ranked (sector funds, size and style funds).
        basket: model::Basket,
    },
    /// A rolling-window base rate of the subject against `b` ("small caps
    /// compounded faster than large caps in 68.8% of the rolling 10-year
    /// windows").
    Rolling {
        /// The instrument compared with.
        b: String,
        /// Window length in years (0 when the claim is about the whole span).
        years: u32,
        /// Which statistic.
        stat: RollingStat,
    },
    /// A statistic of what followed earlier cases of a condition (an event
    /// study: "after the 49 earlier one-day declines of 5.97% or more, the
    /// S&P 500 was higher 21 sessions later in 77.6% of 49 cases").
    Cases {
        /// The condition that marks a case.
        condition: model::Condition,
        /// Which statistic.
        stat: CaseStat,
    },
}

/// Which statistic of a rolling-window base rate a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollingStat {
    /// The share of windows in which A compounded more than B, in percent.
    Share,
    /// How many windows.
    Windows,
    /// Most windows (the share above half); claimed as yes.
    Most,
    /// A's annualised return minus B's over the span, percentage points.
    GeometricDiff,
    /// The mean monthly difference × 12 over the span, percentage points.
    ArithmeticDiff,
}

/// Which statistic of an event study a claim states.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStat {
    /// The statistic.
    pub measure: CaseMeasure,
    /// The forward horizon in sessions (0 for a count of cases).
    pub sessions: u32,
    /// Over every window of that length in the history, not only after
    /// the cases ("across all 24,179 windows of 252 sessions").
    pub all_windows: bool,
    /// The cases' dates as listed ("on October 19, 1987 and October 13, 2008").
    pub dates: Vec<Date>,
}

impl CaseStat {
    /// The statistic in words ("the median return 21 sessions later").
    pub fn describe(&self) -> String {
        let h = self.sessions;
        let over = if self.all_windows {
            format!("over every {h}-session window of the history")
        } else {
            format!("{h} sessions after each earlier case")
        };
        let way = |higher: bool| if higher { "higher" } else { "lower" };
        match self.measure {
            CaseMeasure::Count { complete: false } if self.all_windows => {
                format!("how many {h}-session windows the history holds")
            }
            CaseMeasure::Count { complete: false } => "how many earlier cases".into(),
            CaseMeasure::Count { complete: true } => {
                "how many earlier cases with a complete forward window".into()
            }
            CaseMeasure::Cases => format!("how many cases have a window of {h} sessions"),
            CaseMeasure::Median => format!("the median return {over}"),
            CaseMeasure::Mean => format!("the mean return {over}"),
            CaseMeasure::Share { higher } => format!("the share {} {over}", way(higher)),
            CaseMeasure::Number { higher } => format!("how many were {} {over}", way(higher)),
            CaseMeasure::Mostly { higher } => format!("whether most were {} {over}", way(higher)),
            CaseMeasure::Even => format!("whether half were higher {over}"),
        }
    }
}

/// The statistic of a [`CaseStat`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CaseMeasure {
    /// How many earlier cases; `complete`: only those with a complete
    /// forward window.
    Count {
        /// "with a complete forward window".
        complete: bool,
    },
    /// How many cases have a complete window at the horizon ("of 49 cases").
    Cases,
    /// The median forward return, in percent.
    Median,
    /// The mean forward return, in percent.
    Mean,
    /// The share of cases higher (`higher`) or lower at the horizon, in percent.
    Share {
        /// Higher (else lower).
        higher: bool,
    },
    /// How many cases were higher (or lower) at the horizon ("in 4 of 5 cases").
    Number {
        /// Higher (else lower).
        higher: bool,
    },
    /// Mostly higher (or lower): the share beyond one half; claimed as yes.
    Mostly {
        /// Higher (else lower).
        higher: bool,
    },
    /// "as often lower as higher": exactly half higher; claimed as yes.
    Even,
}

/// When a frame speaks of.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// Nothing written: the dateline's session (or the carried window).
    Default,
    /// A time expression.
    Time(Time),
    /// A move measured from a named day's close ("up 77 percent from its
    /// bottom on March 23, 2020"): base on `from`, to the dateline.
    FromDay(Date),
    /// The session before a day ("snapped a seven-day winning streak",
    /// "entering trading on Tuesday").
    SessionBefore(Date),
}

/// The value a claim states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Claimed {
    /// A number with its printed precision.
    Number {
        /// The value, signed as the words say.
        value: f64,
        /// Decimals printed.
        decimals: u8,
        /// How firmly it is stated.
        hedge: Hedge,
        /// Its unit as written.
        unit: QUnit,
        /// The sign comes from the words ("fell", "-2.21%"), so it is claimed too.
        signed: bool,
    },
    /// A range "low to high" (a target range).
    Range {
        /// Low end.
        low: f64,
        /// High end.
        high: f64,
        /// Decimals printed.
        decimals: u8,
    },
    /// A reference in time for a "since" claim, at the precision written.
    Date {
        /// First day the reference allows.
        from: Date,
        /// Last day it allows.
        to: Date,
    },
    /// How far back a "since" reaches ("in three years", "a five-year low").
    Lookback {
        /// Fewest days.
        min_days: i64,
        /// Most days.
        max_days: i64,
        /// As written.
        label: String,
    },
    /// Nothing earlier was as extreme ("ever", "on record").
    OnRecord,
    /// The claim holds (a record was set, "turned positive").
    Yes,
    /// The claim says it did not hold ("did not set a record close").
    No,
    /// A rank (1 = the most extreme).
    Rank {
        /// The rank.
        n: u32,
    },
    /// An instrument named as the answer ("XLE was the largest gainer").
    Symbol {
        /// Canonical symbol.
        symbol: String,
    },
}

/// One claim as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Tokens of the claim's phrase.
    pub span: Range<usize>,
    /// Index of the sentence.
    pub sentence: usize,
    /// The subject as read.
    pub subject: Subj,
    /// A benchmark ("beat the S&P 500", "its outperformance over X").
    pub benchmark: Option<Subj>,
    /// What is measured.
    pub what: What,
    /// When.
    pub when: When,
    /// The claimed value.
    pub claimed: Claimed,
    /// A date the claim also states: "its all-time high of X on D" — the
    /// extreme must have been reached then.
    pub on: Option<(Date, Date)>,
    /// Parts of the text the reader could not read, which make the claim
    /// unverifiable.
    pub unread: Vec<String>,
    /// Data the claim needs that no series holds (a topic the data cannot decide).
    pub missing: Option<String>,
    /// What the reader assumed, said in the verdict ("'stocks' read as the S&P 500").
    pub notes: Vec<String>,
    /// Tokens the frame consumed (for coverage).
    pub consumed: Vec<Range<usize>>,
    /// The day a since, rank, streak or record claim is about, when its
    /// window is separate ("its third-biggest loss ever" on March 16, 2020).
    pub anchor: Option<Date>,
    /// Written in the present or perfect tense ("is up 17%", "has gained"):
    /// a cumulative move that needs a period, never the day's move by default.
    pub cumulative: bool,
    /// "16.16 for May 1987, the latest month published by October 19,
    /// 1987": the value is also the last one known on this day.
    pub latest_by: Option<Date>,
    /// A move written with the level it reached ("fell to 3.51%") whose
    /// subject was not known when it was read: a rate's is a level.
    pub reached: bool,
}

impl Frame {
    /// A frame with the given anchor, measure and value; other slots empty.
    pub fn new(span: Range<usize>, sentence: usize, what: What, claimed: Claimed) -> Frame {
        Frame {
            consumed: vec![span.clone()],
            span,
            sentence,
            subject: Subj::Carried,
            benchmark: None,
            what,
            when: When::Default,
            claimed,
            on: None,
            unread: Vec::new(),
            missing: None,
            notes: Vec::new(),
            anchor: None,
            cumulative: false,
            latest_by: None,
            reached: false,
        }
    }
}

/// The calendar grain of a time, for ranking periods of the same shape.
pub fn grain_of(time: &Time) -> Option<Grain> {
    match time {
        Time::Span { grain, .. } | Time::Since { grain, .. } | Time::ToDate { grain, .. } => {
            Some(*grain)
        }
        _ => None,
    }
}
