//! `marketproof mcp`: serve marketproof to an AI assistant over the Model
//! Context Protocol on stdin/stdout (tools: query, fact, series,
//! instruments, sources, check, ask, brief; resources: the brief and the
//! methods). The universe is loaded once; stdout carries only protocol
//! messages, so progress and errors go to stderr.

use crate::app::{self, GlobalArgs};
use anyhow::Context;

/// Arguments of `mcp`.
#[derive(Debug, clap::Args)]
pub(crate) struct McpArgs {}

pub(crate) fn run(global: &GlobalArgs, _args: &McpArgs) -> anyhow::Result<()> {
    let (store, universe) = app::open_universe(global)?;
    let flags = store.flags().context("reading the data-quality flags")?;
    drop(store);
    let state = ::mcp::State::new(universe, &flags)?;
    ::mcp::serve_stdio(state).context("serving MCP on stdio")?;
    Ok(())
}
