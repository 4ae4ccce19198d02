//! `marketproof completions SHELL` and `marketproof man [COMMAND]`: the
//! shell completion script and the manual page, generated from the same
//! clap definitions as `--help`, so they never drift from the flags.
//!
//! Install (bash): `marketproof completions bash > ~/.local/share/bash-completion/completions/marketproof`;
//! man: `marketproof man > ~/.local/share/man/man1/marketproof.1`.

use crate::app::{self, Cli};
use clap::CommandFactory;

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// A subcommand's page (e.g. `brief`) instead of the main one.
    pub(crate) command: Option<String>,
}

pub(crate) fn completions(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "marketproof", &mut out);
    app::print_text(&String::from_utf8_lossy(&out))
}

pub(crate) fn man(args: &ManArgs) -> anyhow::Result<()> {
    let root = Cli::command();
    let cmd = match &args.command {
        None => root,
        Some(name) => {
            let sub = root
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
                .ok_or_else(|| {
                    let names: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
                    anyhow::anyhow!("no command `{name}`; one of {}", names.join(", "))
                })?;
            sub.bin_name(format!("marketproof {name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    app::print_text(&String::from_utf8_lossy(&out))
}
