//! One module per subcommand, and the dispatcher.

pub(crate) mod ask;
pub(crate) mod brief;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod draft;
pub(crate) mod fact;
pub(crate) mod flags;
pub(crate) mod import;
pub(crate) mod mcp;
pub(crate) mod scan;
pub(crate) mod series;
pub(crate) mod serve;
pub(crate) mod sources;
pub(crate) mod sync;
pub(crate) mod truncate;

use crate::app::{Cli, Command};

/// Runs the chosen subcommand.
pub(crate) fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Import(args) => import::run(&cli.global, args),
        Command::Sources(args) => sources::run(&cli.global, args),
        Command::Series(args) => series::run(&cli.global, args),
        Command::Flags(args) => flags::run(&cli.global, args),
        Command::Fact(args) => fact::run(&cli.global, args),
        Command::Brief(args) => brief::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Draft(args) => draft::run(&cli.global, args),
        Command::Ask(args) => ask::run(&cli.global, args),
        Command::Serve(args) => serve::run(&cli.global, args),
        Command::Mcp(args) => mcp::run(&cli.global, args),
        Command::Scan(args) => scan::run(&cli.global, args),
        Command::Sync(args) => sync::run(&cli.global, args),
        Command::Truncate(args) => truncate::run(&cli.global, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}
