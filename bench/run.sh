#!/usr/bin/env bash
# Side-by-side benchmark of the marketproof scan against pandas and polars.
# See bench/README.md. Run from anywhere; everything it writes goes to
# bench/out (git-ignored) and the Python venv to bench/.venv.
#
# Environment knobs:
#   DATASETS="real syn"   which datasets to run (real = the shared market
#                         data; syn = 5,000 x 10,000 synthetic series)
#   RUNS=5                compute-only repetitions per tool (data in memory)
#   WHOLE_RUNS=5          whole runs (files -> results) per tool
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

# 2. The release driver.
echo "== building scan_bench (release)" >&2
(cd "$ROOT" && cargo build --release --quiet -p scan --example scan_bench)
SCAN="$ROOT/target/release/examples/scan_bench"

# 3. The synthetic universe, once.
SYN="$OUT/syn"
if [[ " $DATASETS " == *" syn "* ]] && [ "$(ls "$SYN" 2>/dev/null | wc -l)" -ne "$SERIES" ]; then
  echo "== generating $SERIES x $SESSIONS synthetic series into $SYN" >&2
  rm -rf "$SYN"
  "$SCAN" gen --out "$SYN" --series "$SERIES" --sessions "$SESSIONS" --seed "$SEED" >&2
fi

# 4. Each dataset: run the three tools (timings + export), then check.
for dataset in $DATASETS; do
  case "$dataset" in
    real)
      DATA=(--data "$MARKET_DATA/guydekowski_market-lab" --data "$MARKET_DATA/dsturdy_factor-attribution")
      BENCHMARK="$MARKET_DATA/guydekowski_market-lab/GSPC.csv" ;;
    syn)
      DATA=(--data "$SYN")
      BENCHMARK="$SYN/SYN00001.csv" ;;
    *) echo "unknown dataset $dataset" >&2; exit 2 ;;
  esac
  dir="$OUT/$dataset"
  mkdir -p "$dir"
  echo "== $dataset: marketproof" >&2
  "$SCAN" run "${DATA[@]}" --bench "$BENCHMARK" --runs "$RUNS" --whole-runs "$WHOLE_RUNS" \
    --export "$dir/marketproof.csv" > "$dir/marketproof.json"
  echo "== $dataset: polars" >&2
  "$PY" "$BENCH/peers/scan.py" --engine polars "${DATA[@]}" --bench "$BENCHMARK" \
    --runs "$RUNS" --whole-runs "$POLARS_WHOLE_RUNS" --export "$dir/polars.csv" > "$dir/polars.json"
  echo "== $dataset: pandas" >&2
  "$PY" "$BENCH/peers/scan.py" --engine pandas "${DATA[@]}" --bench "$BENCHMARK" \
    --runs "$RUNS" --whole-runs "$PANDAS_WHOLE_RUNS" --export "$dir/pandas.csv" > "$dir/pandas.json"
  echo "== $dataset: agreement" >&2
  "$PY" "$BENCH/peers/check.py" "$dir/marketproof.csv" "$dir/polars.csv" "$dir/pandas.csv" \
    | tee "$dir/agreement.txt"
done

# 5. Summary: medians and ratios.
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$PY" "$BENCH/peers/summary.py" "$OUT" $DATASETS
