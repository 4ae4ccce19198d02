#!/usr/bin/env bash
# Interleaved A/B of the product path between builds (not a test): per
# round and per build, in turn, two fresh `marketproof scan --format json`
# processes (wall, CPU, peak RSS from /usr/bin/time) and one `scan_bench
# store` process (load, compute, whole and the floor, in one process) over
# each store, the 1-minute load average written before and after every run.
#
#   BUILDS="before=/tmp/mp-old:/tmp/sb-old after=target/release/marketproof:target/release/examples/scan_bench" \
#   STORES="syn=/tmp/syn.db big=/tmp/big.db" ROUNDS=5 bench/product_ab.sh > ab.jsonl
#   python3 bench/peers/product_summary.py ab.jsonl
#
# Each build is TAG=MARKETPROOF_BINARY:SCAN_BENCH_BINARY (copy the binaries
# of each build aside first). The stores come from `scan_bench gen` and
# `marketproof import` (bench/README.md) and must hold SYN00001.
set -euo pipefail

BUILDS="${BUILDS:?TAG=marketproof:scan_bench ...}"
STORES="${STORES:?NAME=path.db ...}"
ROUNDS="${ROUNDS:-5}"
WHOLE_RUNS="${WHOLE_RUNS:-5}"

load1() { cut -d' ' -f1 /proc/loadavg; }

cli() { # tag store binary db
    local t t0 t1 l0 user sys rss
    t=$(mktemp)
    l0=$(load1)
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S %M' -o "$t" "$3" --store "$4" scan --benchmark SYN00001 \
        --top 10 --format json >/dev/null
    t1=$(date +%s.%N)
    read -r user sys rss <"$t"
    rm -f "$t"
    awk -v tag="$1" -v store="$2" -v l0="$l0" -v l1="$(load1)" -v a="$t0" -v b="$t1" \
        -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN { printf "{\"kind\": \"cli\", \"tag\": \"%s\", \"store\": \"%s\", \"wall_s\": %.4f, \"cpu_s\": %.2f, \"max_rss_kb\": %d, \"load0\": %s, \"load1\": %s}\n", tag, store, b - a, u + s, m, l0, l1 }'
}

store() { # tag store binary db
    local l0 j
    l0=$(load1)
    j=$("$3" store --db "$4" --bench SYN00001 --whole-runs "$WHOLE_RUNS")
    printf '{"kind": "store", "tag": "%s", "store": "%s", "load0": %s, "load1": %s, "result": %s}\n' \
        "$1" "$2" "$l0" "$(load1)" "$j"
}

for round in $(seq "$ROUNDS"); do
    for build in $BUILDS; do
        tag="${build%%=*}"
        bins="${build#*=}"
        mp="${bins%%:*}"
        sb="${bins#*:}"
        for s in $STORES; do
            name="${s%%=*}"
            db="${s#*=}"
            cli "$tag" "$name" "$mp" "$db"
            cli "$tag" "$name" "$mp" "$db"
            store "$tag" "$name" "$sb" "$db"
        done
    done
    echo "round $round done" >&2
done
