//! One module per subcommand, and the dispatcher.

pub(crate) mod flags;
pub(crate) mod import;
pub(crate) mod series;
pub(crate) mod sources;

use crate::app::{Cli, Command};

/// Runs the chosen subcommand.
pub(crate) fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Import(args) => import::run(&cli.global, args),
        Command::Sources(args) => sources::run(&cli.global, args),
        Command::Series(args) => series::run(&cli.global, args),
        Command::Flags(args) => flags::run(&cli.global, args),
    }
}
