//! `marketproof serve [--addr 127.0.0.1:8080]`: the web app and JSON API
//! over the store (imported first from `--data` when given).

use crate::app::{self, GlobalArgs};
use std::net::SocketAddr;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = server::DEFAULT_ADDR)]
    pub(crate) addr: SocketAddr,
}

pub(crate) fn run(global: &GlobalArgs, args: &ServeArgs) -> anyhow::Result<()> {
    // Import --data (if given) and close the store; the server opens its own.
    let store = app::open_store(global)?;
    let path = store
        .path()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| global.store.clone().unwrap_or_else(app::default_store_path));
    drop(store);
    server::init_logging();
    eprintln!("marketproof: serving http://{} (ctrl-c to stop)", args.addr);
    server::run(&path, args.addr)?;
    Ok(())
}
