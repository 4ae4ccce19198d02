#!/usr/bin/env bash
# Side-by-side benchmark of the marketproof scan against pandas and polars.
# See bench/README.md. Run from anywhere; everything it writes goes to
# bench/out (git-ignored) and the Python venv to bench/.venv.
#
# Environment knobs:
#   DATASETS="real syn"   which datasets to run (real = the shared market
#                         data; syn = 5,000 x 10,000 synthetic series)
#   RUNS=5                compute-only repetitions per tool (data in memory)
#   PEER_RUNS             compute-only repetitions for pandas/polars (default RUNS)
#   WHOLE_RUNS=5          whole runs (files -> results) per tool; for
#                         marketproof also from its store (store -> results)
#                         and as many fresh `marketproof scan` processes
#   KEEP_STORES=1         keep bench/out/stores/<dataset>.db after the run
#   PANDAS_WHOLE_RUNS     whole runs for pandas (default WHOLE_RUNS)
#   POLARS_WHOLE_RUNS     whole runs for polars (default WHOLE_RUNS)
#   SERIES=5000 SESSIONS=10000 SEED=20260821   synthetic universe size
#   MARKET_DATA=../shared/market-data          real data folder
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/out"
VENV="$BENCH/.venv"
RUNS="${RUNS:-5}"
PEER_RUNS="${PEER_RUNS:-$RUNS}"
WHOLE_RUNS="${WHOLE_RUNS:-5}"
PANDAS_WHOLE_RUNS="${PANDAS_WHOLE_RUNS:-$WHOLE_RUNS}"
POLARS_WHOLE_RUNS="${POLARS_WHOLE_RUNS:-$WHOLE_RUNS}"
DATASETS="${DATASETS:-real syn}"
SERIES="${SERIES:-5000}"
SESSIONS="${SESSIONS:-10000}"
SEED="${SEED:-20260821}"
MARKET_DATA="${MARKET_DATA:-$ROOT/../shared/market-data}"
mkdir -p "$OUT"

# 1. Python peers in a venv.
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas, polars, numpy" 2>/dev/null; then
  echo "== creating $VENV (pip install pandas polars numpy)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pandas polars numpy
fi
PY="$VENV/bin/python"

# 2. The release driver and the marketproof binary.
echo "== building scan_bench and marketproof (release)" >&2
(cd "$ROOT" && cargo build --release --quiet -p scan --example scan_bench && cargo build --release --quiet -p cli)
SCAN="$ROOT/target/release/examples/scan_bench"
MP="$ROOT/target/release/marketproof"
STORES="$OUT/stores"
mkdir -p "$STORES"

# 3. The synthetic universe, once.
SYN="$OUT/syn"
if [[ " $DATASETS " == *" syn "* ]] && [ "$(ls "$SYN" 2>/dev/null | grep -c '^SYN.*\.csv$')" -ne "$SERIES" ]; then
  echo "== generating $SERIES x $SESSIONS synthetic series into $SYN" >&2
  rm -rf "$SYN"
  "$SCAN" gen --out "$SYN" --series "$SERIES" --sessions "$SESSIONS" --seed "$SEED" >&2
fi

# 4. Each dataset: run the three tools (timings + export), then check.
for dataset in $DATASETS; do
  case "$dataset" in
    real)
      DATA=(--data "$MARKET_DATA/guydekowski_market-lab" --data "$MARKET_DATA/dsturdy_factor-attribution")
      BENCHMARK="$MARKET_DATA/guydekowski_market-lab/GSPC.csv"
      # The store holds the whole shared folder (import throughput on every
      # format); `marketproof scan` then reads all its daily index/ETF closes.
      IMPORT=("$MARKET_DATA"); BENCH_SYMBOL="^GSPC" ;;
    syn)
      DATA=(--data "$SYN")
      BENCHMARK="$SYN/SYN00001.csv"
      IMPORT=("$SYN"); BENCH_SYMBOL="SYN00001" ;;
    *) echo "unknown dataset $dataset" >&2; exit 2 ;;
  esac
  dir="$OUT/results/$dataset"
  mkdir -p "$dir"
  echo "== $dataset: marketproof (CSV files)" >&2
  "$SCAN" run "${DATA[@]}" --bench "$BENCHMARK" --runs "$RUNS" --whole-runs "$WHOLE_RUNS" \
    --export "$dir/marketproof.csv" > "$dir/marketproof.json"

  # marketproof's own path: import into a fresh store (rows/s, peak RSS),
  # then load + scan from the store.
  db="$STORES/$dataset.db"
  rm -f "$db" "$db-wal" "$db-shm"
  echo "== $dataset: marketproof import into $db" >&2
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/import.rss" "$MP" --store "$db" --format json import "${IMPORT[@]}" > "$dir/import.report.json"
  t1=$(date +%s.%N)
  "$PY" - "$dir/import.report.json" "$t0" "$t1" "$(cat "$dir/import.rss")" > "$dir/import.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
secs = float(sys.argv[3]) - float(sys.argv[2])
rows = report["observations_added"]
print(json.dumps({"observations": rows, "files": len(report["files"]), "series": report["series"],
                  "seconds": secs, "rows_per_s": rows / secs, "max_rss_kb": int(sys.argv[4])}))
PYEOF
  rm -f "$dir/import.report.json" "$dir/import.rss"
  echo "== $dataset: marketproof from the store" >&2
  "$SCAN" store --db "$db" --bench "$BENCH_SYMBOL" --whole-runs "$WHOLE_RUNS" \
    --export "$dir/marketproof_store.csv" --export-prefix "$(basename "${DATA[1]}")" \
    > "$dir/marketproof_store.json"
  # Fresh processes: `marketproof scan` as a user runs it (open, load, scan, print).
  cli=()
  for _ in $(seq "$WHOLE_RUNS"); do
    t0=$(date +%s.%N)
    "$MP" --store "$db" scan --benchmark "$BENCH_SYMBOL" --top 10 --format json > /dev/null
    t1=$(date +%s.%N)
    cli+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
  done
  echo "{\"cli_s\": [$(IFS=,; echo "${cli[*]}")]}" > "$dir/marketproof_cli.json"

  echo "== $dataset: polars" >&2
  "$PY" "$BENCH/peers/scan.py" --engine polars "${DATA[@]}" --bench "$BENCHMARK" \
    --runs "$PEER_RUNS" --whole-runs "$POLARS_WHOLE_RUNS" --export "$dir/polars.csv" > "$dir/polars.json"
  echo "== $dataset: pandas" >&2
  "$PY" "$BENCH/peers/scan.py" --engine pandas "${DATA[@]}" --bench "$BENCHMARK" \
    --runs "$PEER_RUNS" --whole-runs "$PANDAS_WHOLE_RUNS" --export "$dir/pandas.csv" > "$dir/pandas.json"
  echo "== $dataset: agreement" >&2
  "$PY" "$BENCH/peers/check.py" "$dir/marketproof.csv" "$dir/polars.csv" "$dir/pandas.csv" \
    | tee "$dir/agreement.txt"
  if [ "$dataset" = syn ]; then
    # The store path must give the same figures as the CSV path.
    "$PY" "$BENCH/peers/check.py" "$dir/marketproof.csv" "$dir/marketproof_store.csv" \
      | tee -a "$dir/agreement.txt"
  fi
  [ "${KEEP_STORES:-0}" = 1 ] || rm -f "$db" "$db-wal" "$db-shm"
done

# 5. Summary: medians and ratios.
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$PY" "$BENCH/peers/summary.py" "$OUT/results" $DATASETS
