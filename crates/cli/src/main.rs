//! The `marketproof` binary: the command line of the store, the fact
//! engine, the brief writer, the checker and the question answerer.
//!
//! `main` parses the arguments, runs one subcommand and turns its `Result`
//! into an exit code, printing the error chain once. Each subcommand lives
//! in its own module under `cmd/`; shared plumbing (global flags, opening
//! the store and the universe, output) is in `app`.

mod app;
mod cmd;
mod suggest;
mod table;

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
            if let Some(exit) = err.downcast_ref::<app::ExitWith>() {
                eprintln!("{}", exit.message);
                return ExitCode::from(exit.code);
            }
            if cli.global.format == Some(app::OutputFormat::Json) {
                // Programs asked for JSON: give them the error as JSON too.
                let causes: Vec<String> = err.chain().map(ToString::to_string).collect();
                let doc = serde_json::json!({ "error": message(&err), "causes": causes });
                eprintln!("{doc}");
            } else {
                eprintln!("error: {}", message(&err));
            }
            ExitCode::FAILURE
        }
    }
}

/// The error chain as one line, each cause once: a library error whose
/// message already quotes its source ("…: No such file or directory (os
/// error 2)") does not get that source printed a second time.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_cause_is_printed_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let err = anyhow::Error::new(io)
            .context("/proc/nope: No such file")
            .context("opening store /proc/nope/store.db");
        assert_eq!(
            super::message(&err),
            "opening store /proc/nope/store.db: /proc/nope: No such file"
        );
    }
}
