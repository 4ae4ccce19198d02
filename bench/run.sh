#!/usr/bin/env bash
# Side-by-side benchmark of the marketproof scan against tuned polars and
# DuckDB peers (and the direct polars/pandas translations). See
# bench/README.md. Everything it writes goes to bench/out (git-ignored), the
# Python venv to bench/.venv.
#
# Order of work, per dataset:
#   1. agreement first: every tool exports its figures once; check.py
#      compares each with marketproof's CSV path; any DISAGREE stops the run;
#   2. timing, interleaved: ROUNDS rounds, each running every tool once in
#      turn (A B C ... A B C ...), each tool a fresh process, the 1-minute
#      load average written beside every run; marketproof's CSV run also
#      times the floor (a plain read of the same closes) in the same process;
#   3. summary.py: medians over every sample of every round, ratios, load.
#
# Environment knobs:
#   DATASETS="real syn"   real = the shared market data; syn = 5,000 x 10,000
#                         synthetic series; big = 10,000 x 7,560 (30 years),
#                         marketproof paths and the tuned polars peer only
#   ROUNDS=3              interleaved rounds
#   RUNS=3                compute-only repetitions per process (data in memory)
#   WHOLE_RUNS=1          whole runs (files -> results) per process
#   PEERS="pb_polars pb_polars_ipc pb_duckdb polars pandas"   peers timed (all
#                         are checked); pb_polars_ipc is the tuned polars peer
#                         reading its own store, an Arrow IPC file kept beside
#                         marketproof's (bench/out/stores/<dataset>.arrow)
#   MP_BEFORE=path        another marketproof binary timed beside this one
#                         (fresh `scan` processes), e.g. the build before a change
#   KEEP_STORES=1         keep bench/out/stores/<dataset>.db
#   MARKET_DATA=../shared/market-data
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/out"
VENV="$BENCH/.venv"
ROUNDS="${ROUNDS:-3}"
RUNS="${RUNS:-3}"
WHOLE_RUNS="${WHOLE_RUNS:-1}"
DATASETS="${DATASETS:-real syn}"
PEERS="${PEERS:-pb_polars pb_polars_ipc pb_duckdb polars pandas}"
MARKET_DATA="${MARKET_DATA:-$ROOT/../shared/market-data}"
mkdir -p "$OUT"

# 1. Python peers in a venv.
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas, polars, numpy, duckdb" 2>/dev/null; then
  echo "== creating $VENV (pip install pandas polars numpy duckdb)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pandas polars numpy duckdb
fi
PY="$VENV/bin/python"

# 2. The release driver and the marketproof binary.
echo "== building scan_bench and marketproof (release)" >&2
(cd "$ROOT" && cargo build --release --quiet -p scan --example scan_bench && cargo build --release --quiet -p cli)
SCAN="$ROOT/target/release/examples/scan_bench"
MP="$ROOT/target/release/marketproof"
STORES="$OUT/stores"
mkdir -p "$STORES"

load1() { cut -d' ' -f1 /proc/loadavg; }

# Runs a command, appending one JSON line to $TIMINGS: the tool, the round,
# the load average before and after, and the command's own JSON (stdout).
timed() {
  local tool="$1" round="$2"; shift 2
  local before after json
  before=$(load1)
  json=$("$@")
  after=$(load1)
  printf '{"tool": "%s", "round": %s, "load1_before": %s, "load1_after": %s, "result": %s}\n' \
    "$tool" "$round" "$before" "$after" "$json" >> "$TIMINGS"
}

# A fresh `marketproof scan` process, as a user runs it: wall and CPU time
# and peak RSS from /usr/bin/time.
cli_run() {
  local bin="$1" db="$2" bench="$3" t t0 t1
  t=$(mktemp)
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$t" "$bin" --store "$db" scan --benchmark "$bench" --top 10 --format json > /dev/null
  t1=$(date +%s.%N)
  read -r user sys rss < "$t"
  rm -f "$t"
  awk -v a="$t0" -v b="$t1" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "{\"wall_s\": %.4f, \"cpu_s\": %.2f, \"max_rss_kb\": %d}", b - a, u + s, m }' 
}

# 3. Synthetic universes, once.
gen() {
  local dir="$1" series="$2" sessions="$3"
  if [ "$(ls "$dir" 2>/dev/null | grep -c '^SYN.*\.csv$')" -ne "$series" ]; then
    echo "== generating $series x $sessions synthetic series into $dir" >&2
    rm -rf "$dir"
    "$SCAN" gen --out "$dir" --series "$series" --sessions "$sessions" --seed 20260821 >&2
  fi
}

for dataset in $DATASETS; do
  peers="$PEERS"
  case "$dataset" in
    real)
      DATA=(--data "$MARKET_DATA/guydekowski_market-lab" --data "$MARKET_DATA/dsturdy_factor-attribution")
      BENCHMARK="$MARKET_DATA/guydekowski_market-lab/GSPC.csv"
      IMPORT=("$MARKET_DATA"); BENCH_SYMBOL="^GSPC" ;;
    syn)
      gen "$OUT/syn" 5000 10000
      DATA=(--data "$OUT/syn")
      BENCHMARK="$OUT/syn/SYN00001.csv"
      IMPORT=("$OUT/syn"); BENCH_SYMBOL="SYN00001" ;;
    big)
      gen "$OUT/big" 10000 7560
      DATA=(--data "$OUT/big")
      BENCHMARK="$OUT/big/SYN00001.csv"
      IMPORT=("$OUT/big"); BENCH_SYMBOL="SYN00001"
      peers="pb_polars pb_polars_ipc" ;;
    *) echo "unknown dataset $dataset" >&2; exit 2 ;;
  esac
  dir="$OUT/results/$dataset"
  rm -rf "$dir"
  mkdir -p "$dir"
  TIMINGS="$dir/timings.jsonl"

  # The store: a fresh import (rows/s, peak RSS).
  db="$STORES/$dataset.db"
  rm -f "$db" "$db-wal" "$db-shm" "$STORES/$dataset.arrow" "$STORES/$dataset.arrow.names.json"
  echo "== $dataset: marketproof import into $db (load $(load1))" >&2
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/import.rss" "$MP" --store "$db" --format json import "${IMPORT[@]}" > "$dir/import.report.json"
  t1=$(date +%s.%N)
  "$PY" - "$dir/import.report.json" "$t0" "$t1" "$(cat "$dir/import.rss")" "$(load1)" > "$dir/import.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
secs = float(sys.argv[3]) - float(sys.argv[2])
rows = report["observations_added"]
print(json.dumps({"observations": rows, "files": len(report["files"]), "series": report["series"],
                  "seconds": secs, "rows_per_s": rows / secs, "max_rss_kb": int(sys.argv[4]),
                  "load1_after": float(sys.argv[5])}))
PYEOF
  rm -f "$dir/import.report.json" "$dir/import.rss"

  # Agreement first: one export per tool, each compared with marketproof's.
  echo "== $dataset: agreement (load $(load1))" >&2
  "$SCAN" run "${DATA[@]}" --bench "$BENCHMARK" --runs 1 --whole-runs 1 --export "$dir/marketproof.csv" > /dev/null
  others=()
  if [ "$dataset" != real ]; then
    # The store holds exactly the synthetic files: its figures must match.
    "$SCAN" store --db "$db" --bench "$BENCH_SYMBOL" --whole-runs 1 \
      --export "$dir/marketproof_store.csv" --export-prefix "$(basename "${DATA[1]}")" > /dev/null
    others+=("$dir/marketproof_store.csv")
  fi
  for peer in $PEERS; do
    case "$peer" in
      pb_polars|pb_duckdb) cmd=("$PY" "$BENCH/peers/$peer.py") ;;
      pb_polars_ipc) cmd=("$PY" "$BENCH/peers/pb_polars.py" --tool polars-ipc --ipc "$STORES/$dataset.arrow") ;;
      polars|pandas) cmd=("$PY" "$BENCH/peers/scan.py" --engine "$peer") ;;
    esac
    [[ " $peers " == *" $peer "* ]] || continue
    "${cmd[@]}" "${DATA[@]}" --bench "$BENCHMARK" --runs 1 --whole-runs 1 --export "$dir/$peer.csv" > /dev/null
    others+=("$dir/$peer.csv")
  done
  if ! "$PY" "$BENCH/peers/check.py" "$dir/marketproof.csv" "${others[@]}" | tee "$dir/agreement.txt"; then
    echo "== $dataset: DISAGREE, no timing" >&2
    exit 1
  fi

  # Timing, interleaved.
  for round in $(seq "$ROUNDS"); do
    echo "== $dataset: round $round of $ROUNDS (load $(load1))" >&2
    timed marketproof "$round" "$SCAN" run "${DATA[@]}" --bench "$BENCHMARK" --runs "$RUNS" --whole-runs "$WHOLE_RUNS"
    timed marketproof_store "$round" "$SCAN" store --db "$db" --bench "$BENCH_SYMBOL" --whole-runs "$RUNS"
    timed marketproof_cli "$round" cli_run "$MP" "$db" "$BENCH_SYMBOL"
    if [ -n "${MP_BEFORE:-}" ]; then
      timed marketproof_cli_before "$round" cli_run "$MP_BEFORE" "$db" "$BENCH_SYMBOL"
    fi
    for peer in $peers; do
      case "$peer" in
        pb_polars|pb_duckdb) cmd=("$PY" "$BENCH/peers/$peer.py") ;;
        pb_polars_ipc) cmd=("$PY" "$BENCH/peers/pb_polars.py" --tool polars-ipc --ipc "$STORES/$dataset.arrow") ;;
        polars|pandas) cmd=("$PY" "$BENCH/peers/scan.py" --engine "$peer") ;;
      esac
      timed "$peer" "$round" "${cmd[@]}" "${DATA[@]}" --bench "$BENCHMARK" --runs "$RUNS" --whole-runs "$WHOLE_RUNS"
    done
    timed marketproof_cli "$round" cli_run "$MP" "$db" "$BENCH_SYMBOL"
    if [ -n "${MP_BEFORE:-}" ]; then
      timed marketproof_cli_before "$round" cli_run "$MP_BEFORE" "$db" "$BENCH_SYMBOL"
    fi
  done
  [ "${KEEP_STORES:-0}" = 1 ] || rm -f "$db" "$db-wal" "$db-shm" "$STORES/$dataset.arrow" "$STORES/$dataset.arrow.names.json"
done

# 4. Summary: medians and ratios.
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$PY" "$BENCH/peers/summary.py" "$OUT/results" $DATASETS
