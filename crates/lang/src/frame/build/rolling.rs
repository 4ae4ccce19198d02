//! Rolling-window base rates: how often one instrument compounded more than
//! another over every N-year window, and by how much a year over the span.
//!
//! | reads | examples |
//! |---|---|
//! | the share of windows, and how many | "small caps compounded faster than large caps in 68.8% of the 1,057 rolling 10-year windows between July 1926 and June 2024" |
//! | most windows | "they beat large caps in most rolling 10-year windows since 1926" |
//! | the yearly difference over the span | "Small caps compounded 1.42 percentage points a year faster than large caps from July 1926 to June 2024, a geometric average" |
//!
//! "Small caps" and "large caps" compared over rolling multi-year windows
//! are read as Ken French's size portfolios (the smallest and largest 30%
//! of US stocks), the only size data reaching back that far; the verdict
//! says so. An index named as such ("the Russell 2000") is kept.

use super::Builder;
use crate::chunk::{QUnit, Time};
use crate::frame::{Claimed, Frame, RollingStat, Subj, What};
use model::Date;
use std::ops::Range;

/// The registry's size portfolios (Ken French, value-weighted).
const SMALL: &str = "FF_ME_LO30";
const LARGE: &str = "FF_ME_HI30";

impl Builder<'_> {
    /// Reads rolling-window base-rate claims (see the module doc).
    pub fn rolling(&mut self) {
        let Some((a, b, verb)) = self.compared_pair() else {
            return;
        };
        let mut consumed: Vec<Range<usize>> = Vec::new();
        let frames_before = self.frames.len();
        let (window_item, window) = match self.text_window() {
            Some((k, span)) => (Some(k), Some(span)),
            None => (None, None),
        };
        // "in 68.8% of the 1,057 rolling 10-year windows", "in most rolling 10-year windows"
        for r in 0..self.n() {
            if self.w(r) != "rolling" {
                continue;
            }
            let Some(years) = self.plain_count(r + 1) else {
                continue;
            };
            if !(self.w(r + 2) == "-"
                && self.stem(r + 3) == "year"
                && matches!(self.stem(r + 4), "window" | "period"))
            {
                continue;
            }
            consumed.push(r..r + 5);
            let years = years as u32;
            // Before: "in P% of the N", "in most".
            let mut k = r;
            let count = k
                .checked_sub(1)
                .and_then(|c| self.plain_count(c).map(|n| (c, n)));
            if count.is_some() {
                k -= 1;
            }
            if k > 0 && self.w(k - 1) == "the" {
                k -= 1;
            }
            if k >= 2 && self.w(k - 1) == "most" && self.w(k - 2) == "in" {
                consumed.push(k - 2..k);
                self.rolling_frame(
                    k - 1,
                    &a,
                    &b,
                    years,
                    RollingStat::Most,
                    Claimed::Yes,
                    window,
                );
            } else if k >= 3 && self.w(k - 1) == "of" && self.w(k - 3) == "in" {
                let Some(q) = self
                    .qty(k - 2)
                    .filter(|q| q.unit == QUnit::Percent)
                    .cloned()
                else {
                    continue;
                };
                consumed.push(k - 3..k);
                let claimed = Self::claimed_number(&q, 0);
                self.rolling_frame(k - 2, &a, &b, years, RollingStat::Share, claimed, window);
                if let Some((c, n)) = count {
                    let claimed = Claimed::Number {
                        value: n,
                        decimals: 0,
                        hedge: crate::chunk::Hedge::Exact,
                        unit: QUnit::Plain,
                        signed: false,
                    };
                    self.rolling_frame(c, &a, &b, years, RollingStat::Windows, claimed, window);
                }
            }
        }
        // "compounded 1.42 percentage points a year faster than large caps, a geometric average"
        for i in 0..self.n() {
            let Some(q) = self
                .qty(i)
                .filter(|q| q.unit == QUnit::PercentagePoints)
                .cloned()
            else {
                continue;
            };
            if self.used[i] || !(self.w(i + 1) == "a" && self.stem(i + 2) == "year") {
                continue;
            }
            let sign = match self.w(i + 3) {
                "faster" | "more" | "better" => 1,
                "slower" | "less" | "worse" => -1,
                _ => continue,
            };
            consumed.push(verb..verb + 1);
            consumed.push(i + 1..i + 4);
            let average = (0..self.n()).find_map(|k| match self.w(k) {
                "geometric" => Some((k, RollingStat::GeometricDiff)),
                "arithmetic" => Some((k, RollingStat::ArithmeticDiff)),
                _ => None,
            });
            let mut claimed = Self::claimed_number(&q, sign);
            if let Claimed::Number { signed, .. } = &mut claimed {
                *signed = true;
            }
            match average {
                Some((k, stat)) => {
                    consumed.push(k..k + 2);
                    self.rolling_frame(i, &a, &b, 0, stat, claimed, window);
                }
                None => {
                    self.rolling_frame(i, &a, &b, 0, RollingStat::GeometricDiff, claimed, window);
                    if let Some(f) = self.frames.last_mut() {
                        f.unread
                            .push("which average (geometric or arithmetic)".into());
                    }
                }
            }
        }
        // Nothing read: the sentence's time is left to the other constructions.
        if self.frames.len() == frames_before {
            return;
        }
        if let Some(k) = window_item {
            consumed.push(k..k + 1);
        }
        self.attach_consumed(&consumed, |w| matches!(w, What::Rolling { .. }));
    }

    /// "small caps compounded faster than large caps", "they beat large
    /// caps": the two instruments compared (as size portfolios when named
    /// by size) and the verb's item.
    fn compared_pair(&self) -> Option<(String, String, usize)> {
        let verb = (0..self.n()).find(|&k| {
            matches!(
                self.stem(k),
                "compound" | "beat" | "outperform" | "outpac" | "trail" | "lag" | "underperform"
            )
        })?;
        let size = |k: usize| -> Option<String> {
            let m = self.v.mention(k)?;
            let text = self.text(k..k + 1).to_lowercase();
            let by_size = |word: &str| text.contains(word) && text.contains("cap");
            match m.symbol() {
                Some(_) if by_size("small") => Some(SMALL.to_string()),
                Some(_) if by_size("large") => Some(LARGE.to_string()),
                Some(s) => Some(s.to_string()),
                None => None,
            }
        };
        let a = (0..verb).rev().find_map(|k| {
            size(k).or_else(|| {
                // "they beat large caps" after "favours small caps:".
                (self.v.mention(k).is_some() && self.norm(k) == "they")
                    .then(|| (0..k).rev().find_map(size))
                    .flatten()
            })
        })?;
        let b = (verb + 1..self.n()).find_map(size)?;
        // Only size portfolios have rolling windows reaching back to the 1920s.
        (a != b && (a == SMALL || a == LARGE) && (b == SMALL || b == LARGE)).then_some((a, b, verb))
    }

    /// "between July 1926 and June 2024", "from July 1926 to June 2024",
    /// "since 1926": the span the text says the windows cover.
    fn text_window(&self) -> Option<(usize, (Date, Date))> {
        (0..self.n()).find_map(|k| match self.v.time(k)?.time {
            Time::Span { from, to, .. } | Time::Since { from, to, .. } => Some((k, (from, to))),
            _ => None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn rolling_frame(
        &mut self,
        anchor: usize,
        a: &str,
        b: &str,
        years: u32,
        stat: RollingStat,
        claimed: Claimed,
        window: Option<(Date, Date)>,
    ) {
        let mut f = Frame::new(
            0..0,
            self.v.sentence,
            What::Rolling {
                b: b.to_string(),
                years,
                stat,
            },
            claimed,
        );
        f.subject = Subj::Symbol(a.to_string());
        f.benchmark = Some(Subj::Symbol(b.to_string()));
        f.on = window;
        f.notes.push(format!(
            "small and large caps over rolling windows read as Ken French's size portfolios ({SMALL}, {LARGE})"
        ));
        self.push(f, anchor..anchor + 1);
    }
}
