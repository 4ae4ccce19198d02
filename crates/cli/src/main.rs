//! The `marketproof` binary: a thin command line over the library crates.
//!
//! `main` parses the arguments, runs one subcommand and turns its `Result`
//! into an exit code, printing the error chain once. Each subcommand lives
//! in its own module under `cmd/`; shared plumbing (global flags, opening
//! the store and the universe, output) is in `app`.

mod app;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = app::Cli::parse();
    match cmd::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if app::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            if let Some(partial) = err.downcast_ref::<cmd::sync::Partial>() {
                // Some sources failed, the rest were stored: exit 3.
                eprintln!("{partial}");
                return ExitCode::from(3);
            }
            if cli.global.format == app::OutputFormat::Json {
                // Programs asked for JSON: give them the error as JSON too.
                let causes: Vec<String> = err.chain().map(ToString::to_string).collect();
                let doc = serde_json::json!({ "error": format!("{err:#}"), "causes": causes });
                eprintln!("{doc}");
            } else {
                eprintln!("error: {err:#}");
            }
            ExitCode::FAILURE
        }
    }
}
