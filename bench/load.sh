#!/usr/bin/env bash
# Load benchmark of the web server (not a test): requests/s and p99 latency
# for the cached brief JSON and the brief page, 64 connections on loopback.
#
#   bench/load.sh                 # imports ../shared/market-data in memory
#   STORE=path/to/store.db bench/load.sh
#   DURATION=30s CONNECTIONS=128 bench/load.sh
#
# Needs wrk (Debian: apt-get install -y wrk). Builds the `serve` example of
# crates/server in release mode, starts it, warms the brief cache, runs wrk
# against each URL, prints a summary table and stops the server it started.
set -euo pipefail

cd "$(dirname "$0")/.."
ADDR="${ADDR:-127.0.0.1:8097}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
STORE="${STORE:-}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk not found: apt-get install -y wrk" >&2
    exit 1
fi

cargo build --release -p server --example serve
BIN=target/release/examples/serve

RUST_LOG=warn "$BIN" "$ADDR" ${STORE:+"$STORE"} >/tmp/marketproof-load-server.log 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

echo "waiting for the server on $ADDR (pid $SERVER_PID) to load the data..."
for _ in $(seq 1 300); do
    if curl -fsS "http://$ADDR/api/v1/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "server exited:" >&2; cat /tmp/marketproof-load-server.log >&2; exit 1
    fi
    sleep 0.5
done
curl -fsS "http://$ADDR/api/v1/health"; echo

# Warm the brief cache (the first brief is written, then served from memory).
curl -fsS -o /dev/null -w "first brief JSON: %{time_total}s\n" "http://$ADDR/api/v1/brief"
curl -fsS -o /dev/null -w "first brief page: %{time_total}s\n" "http://$ADDR/"

declare -a NAMES=("cached brief JSON" "brief page (HTML)" "instrument page")
declare -a URLS=("http://$ADDR/api/v1/brief" "http://$ADDR/" "http://$ADDR/instrument/%5EGSPC?range=1y")
SUMMARY=""
for i in "${!URLS[@]}"; do
    echo
    echo "== ${NAMES[$i]}: ${URLS[$i]}"
    OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${URLS[$i]}")
    echo "$OUT"
    RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
    P99=$(echo "$OUT" | awk '$1 == "99%" {print $2}')
    ERRS=$(echo "$OUT" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    SUMMARY+=$(printf "%-20s %12s req/s   p99 %8s   %s" "${NAMES[$i]}" "$RPS" "$P99" "$ERRS")$'\n'
done

echo
echo "== summary ($CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $(nproc) cores)"
printf "%s" "$SUMMARY"
