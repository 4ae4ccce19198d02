//! Serves the web app without the CLI, for manual checks and the load
//! benchmark: `cargo run -p server --release --example serve -- [ADDR] [STORE]`.
//! Without STORE it imports the shared market-data folder into memory.

use std::net::SocketAddr;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    server::init_logging();
    let mut args = std::env::args().skip(1);
    let addr: SocketAddr = args
        .next()
        .unwrap_or_else(|| server::DEFAULT_ADDR.to_string())
        .parse()?;
    let state = match args.next() {
        Some(path) => server::load(std::path::Path::new(&path)).await?,
        None => {
            let universe = tokio::task::spawn_blocking(store::testing::shared_universe)
                .await?
                .ok_or("no shared market data folder; pass a store path")?;
            server::AppState::from_static(universe, Vec::new())?
        }
    };
    server::serve(state, addr).await?;
    Ok(())
}
