//! `marketproof fact KIND ...`: compute one Fact and print its value, the
//! sentence that states it and its citation (`--format json`: the Fact).
//!
//! Each kind maps its flags onto one [`model::Query`]; `fact query JSON`
//! takes a query in the engine's own JSON form.

use crate::app::{self, GlobalArgs, OutputFormat};
use anyhow::{bail, Context};
use chrono::Datelike;
use model::{Basket, Date, Direction, Field, Period, PeriodKind, Query, RecordKind};

/// Flags every fact kind takes.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct AsOf {
    /// The point-in-time date [default: the latest date in the store].
    #[arg(long, value_parser = app::parse_date)]
    as_of: Option<Date>,
}

/// A window: `--from/--to` dates or a named `--period`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Window {
    /// First session of the window (the base is the close before it).
    #[arg(long, value_parser = app::parse_date)]
    from: Option<Date>,
    /// Last session of the window [default: the as-of date].
    #[arg(long, value_parser = app::parse_date)]
    to: Option<Date>,
    /// A named window: day, ytd, qtd, mtd, last:N, year:YYYY, h1:YYYY,
    /// h2:YYYY, q1:YYYY..q4:YYYY, month:YYYY-MM.
    #[arg(long, value_parser = parse_period)]
    period: Option<Period>,
}

/// The kinds of Fact the command line can ask for.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum FactCommand {
    /// A field's value on a date (close, high, low, a rate...).
    Level {
        /// Instrument symbol or alias.
        symbol: String,
        /// Field [default: close for prices, value for rates and other levels].
        #[arg(long, value_parser = parse_field)]
        field: Option<Field>,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Period return in % and index points.
    Return {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        window: Window,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Rank a period's return against all periods of its kind.
    Rank {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        window: Window,
        /// What to rank against: day, month, quarter, half, year, ytd.
        #[arg(long, value_parser = parse_period_kind)]
        against: PeriodKind,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// The day's move and its rank among all daily moves.
    Move {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Opening gap: open vs previous close.
    Gap {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// The current streak (absolute, or relative with --vs) and its "longest since".
    Streak {
        /// Instrument symbol or alias.
        symbol: String,
        /// Benchmark for a relative streak.
        #[arg(long)]
        vs: Option<String>,
        /// up or down [default: whichever streak is current].
        #[arg(long, value_parser = parse_direction)]
        direction: Option<Direction>,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// How many streaks of at least N sessions in a window.
    StreakCount {
        /// Instrument symbol or alias.
        symbol: String,
        /// Benchmark for relative streaks.
        #[arg(long)]
        vs: Option<String>,
        /// up or down.
        #[arg(long, default_value = "up", value_parser = parse_direction)]
        direction: Direction,
        /// Minimum length in sessions.
        #[arg(long)]
        min_len: u32,
        /// Start of the window [default: start of data].
        #[arg(long, value_parser = app::parse_date)]
        from: Option<Date>,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Record close (or --intraday record high) as of a date.
    Record {
        /// Instrument symbol or alias.
        symbol: String,
        /// The intraday-high record instead of the record close.
        #[arg(long)]
        intraday: bool,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// "Lowest close since": the last earlier close at or below today's.
    LowestSince {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// "Highest close since": the last earlier close at or above today's.
    HighestSince {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Standard deviation of daily returns over a window.
    Volatility {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        window: Window,
        /// Multiply by √252.
        #[arg(long)]
        annualised: bool,
        /// Population (n) instead of sample (n − 1) standard deviation.
        #[arg(long)]
        population: bool,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Drawdown from the running peak; correction and bear start dates.
    Drawdown {
        /// Instrument symbol or alias.
        symbol: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Simple moving average, the close's position and the last cross.
    Ma {
        /// Instrument symbol or alias.
        symbol: String,
        /// Window in sessions.
        #[arg(long, default_value_t = 200)]
        window: u32,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Rank a basket (sectors, styles, indices, or a comma list) by return.
    Sectors {
        /// sectors, styles, indices, or SYMBOL,SYMBOL,...
        basket: String,
        #[command(flatten)]
        window: Window,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Rolling N-year base rate: how often A compounded more than B.
    BaseRate {
        /// Instrument A (e.g. FF_ME_LO30, "small caps (French bottom 30%)").
        a: String,
        /// Instrument B (e.g. FF_ME_HI30).
        b: String,
        /// Window length in years.
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// First month considered [default: start of data].
        #[arg(long, value_parser = app::parse_date)]
        from: Option<Date>,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Fed target-range decisions in a window.
    Fed {
        /// First day considered [default: start of data].
        #[arg(long, value_parser = app::parse_date)]
        from: Option<Date>,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Any query in the engine's JSON form, e.g. '{"kind":"drawdown","symbol":"^GSPC","as_of":"2022-06-16"}'.
    Query {
        /// The query as JSON.
        json: String,
    },
}

pub(crate) fn run(global: &GlobalArgs, command: &FactCommand) -> anyhow::Result<()> {
    let format = app::resolve_format(
        global,
        "fact",
        None,
        &[OutputFormat::Text, OutputFormat::Json, OutputFormat::Md],
    )?;
    let (store, universe) = app::open_universe(global)?;
    let latest = app::latest_session(&universe).context(
        "the store is empty: import data first (`marketproof import DIR` or --data DIR)",
    )?;
    let query = to_query(command, latest, &universe)?;
    let engine = facts::Engine::new(&universe);
    let mut fact = engine
        .fact(&query)
        .map_err(|e| explain(&e, &universe, store.registry()))
        .with_context(|| format!("computing {}", describe(&query)))?;
    fact.id = "f1".to_string();
    match format {
        OutputFormat::Json => app::print_json(&fact),
        OutputFormat::Md => app::print_text(&markdown(&fact)),
        _ => {
            let mut text = facts::format_fact_text(&fact);
            // Where each cited source came from (provider, URL, fetch time
            // for synced sources; the repository for imported folders).
            let mut paths: Vec<&str> = fact.inputs.iter().map(|i| i.source_path.as_str()).collect();
            paths.dedup();
            for path in paths {
                if let Some(origin) = universe
                    .sources
                    .iter()
                    .find(|s| s.path == path)
                    .and_then(|s| s.origin.as_deref())
                {
                    text.push_str(&format!("  source {path}: {origin}\n"));
                }
            }
            app::print_text(&text)
        }
    }
}

/// A Fact as Markdown: the value in bold, its sentence, the method and the
/// cited inputs as a list.
fn markdown(fact: &model::Fact) -> String {
    use std::fmt::Write as _;
    let value =
        model::display::fact_value(&fact.value, fact.unit, model::display::Audience::Reader);
    let mut out = format!(
        "**{value}** — {}\n\n- Method: `{}` v{}, as of {}\n",
        fact.text, fact.method.id, fact.method.version, fact.as_of
    );
    for (name, d) in &fact.details {
        let _ = writeln!(
            out,
            "- {}: {}",
            name.replace('_', " "),
            model::display::fact_value(&d.value, d.unit, model::display::Audience::Reader)
        );
    }
    out.push_str("\nSources:\n\n");
    for (i, input) in fact.inputs.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} {} {} to {}, `{}`",
            i + 1,
            input.instrument,
            input.field.as_str(),
            input.from,
            input.to,
            input.source_path
        );
    }
    out
}

/// The engine's error in the user's terms: an unknown instrument with the
/// nearest names, a date outside the data with the range the data covers.
fn explain(
    err: &facts::FactError,
    universe: &model::Universe,
    registry: &model::Registry,
) -> anyhow::Error {
    match err {
        facts::FactError::UnknownInstrument { symbol } => {
            crate::suggest::unknown_instrument(registry, symbol, "marketproof sources")
        }
        facts::FactError::NoData {
            instrument, field, ..
        } => {
            let span = universe
                .get(instrument, *field)
                .and_then(|s| Some((s.first_date()?, s.last_date()?)));
            match span {
                Some((a, b)) => anyhow::anyhow!(
                    "{err}; the store's {instrument} {field} series runs from {a} to {b}"
                ),
                None => anyhow::anyhow!("{err}"),
            }
        }
        other => anyhow::anyhow!("{other}"),
    }
}

/// What a query asks, in words, for error messages ("the streak of AAPL
/// as of 2026-08-21"), never its JSON.
fn describe(query: &Query) -> String {
    match query {
        Query::Level {
            symbol,
            field,
            as_of,
        } => format!("the {field} of {symbol} on {as_of}"),
        Query::Return {
            symbol,
            period,
            as_of,
        } => format!("the return of {symbol} over {period} (as of {as_of})"),
        Query::ReturnRank {
            symbol,
            period,
            against,
            as_of,
        } => format!("the rank of {symbol}'s return over {period} among {against} (as of {as_of})"),
        Query::DailyMove { symbol, as_of } => format!("the move of {symbol} on {as_of}"),
        Query::Gap { symbol, as_of } => format!("the opening gap of {symbol} on {as_of}"),
        Query::Streak {
            symbol, vs, as_of, ..
        } => match vs {
            Some(b) => format!("the streak of {symbol} against {b} as of {as_of}"),
            None => format!("the streak of {symbol} as of {as_of}"),
        },
        Query::StreakCount {
            symbol,
            min_len,
            as_of,
            ..
        } => format!("the streaks of at least {min_len} sessions of {symbol} up to {as_of}"),
        Query::Record { symbol, as_of, .. } => format!("the record of {symbol} as of {as_of}"),
        Query::LowestSince { symbol, as_of } => {
            format!("how low {symbol} closed on {as_of}")
        }
        Query::HighestSince { symbol, as_of } => {
            format!("how high {symbol} closed on {as_of}")
        }
        Query::Volatility {
            symbol,
            period,
            as_of,
            ..
        } => format!("the volatility of {symbol} over {period} (as of {as_of})"),
        Query::Drawdown { symbol, as_of } => format!("the drawdown of {symbol} on {as_of}"),
        Query::MovingAverage {
            symbol,
            window,
            as_of,
        } => format!("the {window}-session moving average of {symbol} on {as_of}"),
        Query::CrossSection { period, as_of, .. } => {
            format!("the basket's returns over {period} (as of {as_of})")
        }
        Query::BaseRate {
            a,
            b,
            window_years,
            as_of,
            ..
        } => format!("how often {a} beat {b} over {window_years}-year windows up to {as_of}"),
        Query::RateDecisions { as_of, .. } => {
            format!("the Fed's target-range decisions up to {as_of}")
        }
        other => {
            let kind = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
                .unwrap_or_else(|| "the fact".to_string());
            format!("the {} fact", kind.replace('_', " "))
        }
    }
}

fn to_query(
    command: &FactCommand,
    latest: Date,
    universe: &model::Universe,
) -> anyhow::Result<Query> {
    let at = |a: &AsOf| a.as_of.unwrap_or(latest);
    let query = match command {
        FactCommand::Level {
            symbol,
            field,
            as_of,
        } => Query::Level {
            symbol: symbol.clone(),
            field: field.unwrap_or_else(|| default_level_field(universe, symbol)),
            as_of: at(as_of),
        },
        FactCommand::Return {
            symbol,
            window,
            as_of,
        } => {
            let (period, as_of) = window.resolve(at(as_of))?;
            Query::Return {
                symbol: symbol.clone(),
                period,
                as_of,
            }
        }
        FactCommand::Rank {
            symbol,
            window,
            against,
            as_of,
        } => {
            let (period, as_of) = window.resolve(at(as_of))?;
            Query::ReturnRank {
                symbol: symbol.clone(),
                period,
                against: *against,
                as_of,
            }
        }
        FactCommand::Move { symbol, as_of } => Query::DailyMove {
            symbol: symbol.clone(),
            as_of: at(as_of),
        },
        FactCommand::Gap { symbol, as_of } => Query::Gap {
            symbol: symbol.clone(),
            as_of: at(as_of),
        },
        FactCommand::Streak {
            symbol,
            vs,
            direction,
            as_of,
        } => Query::Streak {
            symbol: symbol.clone(),
            vs: vs.clone(),
            direction: *direction,
            as_of: at(as_of),
        },
        FactCommand::StreakCount {
            symbol,
            vs,
            direction,
            min_len,
            from,
            as_of,
        } => Query::StreakCount {
            symbol: symbol.clone(),
            vs: vs.clone(),
            direction: *direction,
            min_len: *min_len,
            from: *from,
            as_of: at(as_of),
        },
        FactCommand::Record {
            symbol,
            intraday,
            as_of,
        } => Query::Record {
            symbol: symbol.clone(),
            record: if *intraday {
                RecordKind::IntradayHigh
            } else {
                RecordKind::Close
            },
            as_of: at(as_of),
        },
        FactCommand::LowestSince { symbol, as_of } => Query::LowestSince {
            symbol: symbol.clone(),
            as_of: at(as_of),
        },
        FactCommand::HighestSince { symbol, as_of } => Query::HighestSince {
            symbol: symbol.clone(),
            as_of: at(as_of),
        },
        FactCommand::Volatility {
            symbol,
            window,
            annualised,
            population,
            as_of,
        } => {
            let (period, as_of) = window.resolve(at(as_of))?;
            Query::Volatility {
                symbol: symbol.clone(),
                period,
                annualised: *annualised,
                sample: !*population,
                as_of,
            }
        }
        FactCommand::Drawdown { symbol, as_of } => Query::Drawdown {
            symbol: symbol.clone(),
            as_of: at(as_of),
        },
        FactCommand::Ma {
            symbol,
            window,
            as_of,
        } => Query::MovingAverage {
            symbol: symbol.clone(),
            window: *window,
            as_of: at(as_of),
        },
        FactCommand::Sectors {
            basket,
            window,
            as_of,
        } => {
            let (period, as_of) = window.resolve(at(as_of))?;
            Query::CrossSection {
                basket: parse_basket(basket),
                period,
                as_of,
            }
        }
        FactCommand::BaseRate {
            a,
            b,
            years,
            from,
            as_of,
        } => Query::BaseRate {
            a: a.clone(),
            b: b.clone(),
            window_years: *years,
            from: *from,
            as_of: at(as_of),
        },
        FactCommand::Fed { from, as_of } => Query::RateDecisions {
            from: *from,
            as_of: at(as_of),
        },
        FactCommand::Query { json } => serde_json::from_str(json).context(
            "the query is not valid JSON for a marketproof Query (see `marketproof fact --help`)",
        )?,
    };
    Ok(query)
}

impl Window {
    /// The period and the as-of date it implies (`--to` ends the window).
    fn resolve(&self, as_of: Date) -> anyhow::Result<(Period, Date)> {
        match (self.period, self.from, self.to) {
            (Some(_), Some(_), _) => bail!("give either --period or --from/--to, not both"),
            (Some(p), None, to) => Ok((p, to.unwrap_or(as_of))),
            (None, Some(from), Some(to)) => {
                if to < from {
                    bail!("--to {to} is before --from {from}");
                }
                Ok((Period::Between { from, to }, to))
            }
            (None, Some(from), None) => Ok((Period::Since { from }, as_of)),
            (None, None, to) => Ok((Period::Day, to.unwrap_or(as_of))),
        }
    }
}

/// The field a plain `fact level SYMBOL` reads: the first of close,
/// adjusted close, value and return that the instrument has.
fn default_level_field(universe: &model::Universe, symbol: &str) -> Field {
    let engine_symbol = facts::Engine::new(universe).canonical(symbol);
    [
        Field::Close,
        Field::AdjClose,
        Field::Value,
        Field::ReturnPct,
    ]
    .into_iter()
    .find(|f| universe.get(&engine_symbol, *f).is_some())
    .unwrap_or(Field::Close)
}

fn parse_field(s: &str) -> Result<Field, String> {
    Field::parse(&s.to_lowercase().replace([' ', '-'], "_"))
        .ok_or_else(|| format!("unknown field `{s}`"))
}

fn parse_direction(s: &str) -> Result<Direction, String> {
    match s.to_lowercase().as_str() {
        "up" | "gain" | "gains" => Ok(Direction::Up),
        "down" | "loss" | "losses" => Ok(Direction::Down),
        _ => Err(format!("`{s}`: use up or down")),
    }
}

fn parse_period_kind(s: &str) -> Result<PeriodKind, String> {
    match s.to_lowercase().as_str() {
        "day" => Ok(PeriodKind::Day),
        "month" => Ok(PeriodKind::Month),
        "quarter" => Ok(PeriodKind::Quarter),
        "half" => Ok(PeriodKind::Half),
        "year" => Ok(PeriodKind::Year),
        "ytd" => Ok(PeriodKind::YearToDate),
        _ => Err(format!("`{s}`: use day, month, quarter, half, year or ytd")),
    }
}

fn parse_basket(s: &str) -> Basket {
    match s.to_lowercase().as_str() {
        "sectors" => Basket::Sectors,
        "styles" => Basket::Styles,
        "indices" | "indexes" => Basket::Indices,
        _ => Basket::Custom(
            s.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        ),
    }
}

/// Parses `day`, `ytd`, `qtd`, `mtd`, `last:N`, `year:YYYY`, `h1:YYYY`,
/// `h2:YYYY`, `q1:YYYY`..`q4:YYYY`, `month:YYYY-MM`, `since:YYYY-MM-DD`.
fn parse_period(s: &str) -> Result<Period, String> {
    let lower = s.trim().to_lowercase();
    let bad = || {
        format!(
            "`{s}` is not a period: use day, ytd, qtd, mtd, last:N, year:YYYY, h1:YYYY, h2:YYYY, \
             q1:YYYY..q4:YYYY, month:YYYY-MM or since:YYYY-MM-DD"
        )
    };
    let year = |t: &str| t.parse::<i32>().map_err(|_| bad());
    match lower.split_once(':') {
        None => match lower.as_str() {
            "day" => Ok(Period::Day),
            "ytd" => Ok(Period::YearToDate),
            "qtd" => Ok(Period::QuarterToDate),
            "mtd" => Ok(Period::MonthToDate),
            _ => Err(bad()),
        },
        Some(("last", n)) => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(|n| Period::LastSessions { n })
            .ok_or_else(bad),
        Some(("year", y)) => Ok(Period::Year { year: year(y)? }),
        Some(("h1", y)) => Ok(Period::Half {
            year: year(y)?,
            half: 1,
        }),
        Some(("h2", y)) => Ok(Period::Half {
            year: year(y)?,
            half: 2,
        }),
        Some((q, y)) if q.len() == 2 && q.starts_with('q') => {
            let quarter = q[1..].parse::<u8>().ok().filter(|q| (1..=4).contains(q));
            quarter
                .map(|quarter| -> Result<Period, String> {
                    Ok(Period::Quarter {
                        year: year(y)?,
                        quarter,
                    })
                })
                .ok_or_else(bad)?
        }
        Some(("month", ym)) => {
            let d = model::parse_iso_date(&format!("{ym}-01")).ok_or_else(bad)?;
            Ok(Period::Month {
                year: d.year(),
                month: d.month(),
            })
        }
        Some(("since", d)) => model::parse_iso_date(d)
            .map(|from| Period::Since { from })
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_periods_parse() {
        assert_eq!(parse_period("ytd"), Ok(Period::YearToDate));
        assert_eq!(parse_period("last:20"), Ok(Period::LastSessions { n: 20 }));
        assert_eq!(
            parse_period("h1:2025"),
            Ok(Period::Half {
                year: 2025,
                half: 1
            })
        );
        assert_eq!(
            parse_period("q4:2008"),
            Ok(Period::Quarter {
                year: 2008,
                quarter: 4
            })
        );
        assert_eq!(
            parse_period("month:2020-03"),
            Ok(Period::Month {
                year: 2020,
                month: 3
            })
        );
        assert!(parse_period("q5:2020").is_err());
        assert!(parse_period("last:0").is_err());
        assert!(parse_period("yesterday").is_err());
    }
}
