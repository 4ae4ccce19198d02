#!/usr/bin/env python3
"""Prints the medians and ratios of a bench/run.sh run as Markdown tables.

    summary.py RESULTS_DIR DATASET [DATASET ...]

Reads RESULTS_DIR/DATASET/timings.jsonl (one line per timed process: tool,
round, 1-minute load average before and after, the tool's JSON) plus
agreement.txt and import.json. Every median is taken over all samples of
all rounds. Ratios are the other tool's time divided by marketproof's.
"""

import json
import os
import statistics
import sys

PEER_NAMES = {
    "pb_polars": "polars, tuned (pb_polars.py)",
    "pb_duckdb": "DuckDB SQL (pb_duckdb.py)",
    "polars": "polars, direct translation (scan.py)",
    "pandas": "pandas, direct translation (scan.py)",
}


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def samples(lines, tool, key):
    out = []
    for line in lines:
        if line["tool"] == tool and key in line["result"]:
            v = line["result"][key]
            out.extend(v if isinstance(v, list) else [v])
    return out


def loads(lines, tool=None):
    xs = [x for line in lines if tool is None or line["tool"] == tool
          for x in (line["load1_before"], line["load1_after"])]
    return (min(xs), med(xs), max(xs)) if xs else (float("nan"),) * 3


def s(x, digits=3):
    return "" if x != x else f"{x:.{digits}f}"


def r(a, b):
    return "" if not b or a != a or b != b else f"{a / b:.1f}×"


def dataset(root, name):
    path = os.path.join(root, name, "timings.jsonl")
    if not os.path.exists(path):
        print(f"## {name}: no timings\n")
        return
    with open(path) as f:
        lines = [json.loads(x) for x in f if x.strip()]
    rounds = max(line["round"] for line in lines)
    lo, mid, hi = loads(lines)
    mp = {k: med(samples(lines, "marketproof", k)) for k in
          ("compute_s", "compute_cpu_s", "whole_s", "whole_cpu_s", "floor_s", "load_s")}
    bytes_ = samples(lines, "marketproof", "floor_bytes")
    floor = mp["floor_s"]
    st = {k: med(samples(lines, "marketproof_store", k)) for k in
          ("load_s", "load_cpu_s", "compute_s", "compute_cpu_s", "whole_s", "whole_cpu_s", "floor_s")}
    cli = {k: med(samples(lines, "marketproof_cli", k)) for k in ("wall_s", "cpu_s", "max_rss_kb")}
    cli_before = {k: med(samples(lines, "marketproof_cli_before", k)) for k in ("wall_s", "cpu_s", "max_rss_kb")}
    points = samples(lines, "marketproof", "points")
    series = samples(lines, "marketproof", "series")
    print(f"## {name}: {series[0]:,} series, {points[0]:,} closes\n" if points else f"## {name}\n")
    print(f"{rounds} interleaved rounds; 1-minute load average over the runs "
          f"{lo:.2f}–{hi:.2f} (median {mid:.2f}) on {os.cpu_count()} CPUs.\n")
    agreement = os.path.join(root, name, "agreement.txt")
    if os.path.exists(agreement):
        print("Agreement (checked before timing):\n")
        for line in open(agreement):
            if " vs " in line:
                a, rest = line.strip().split(" vs ", 1)
                print(f"- {os.path.basename(a)} vs {rest.replace(os.path.dirname(a) + '/', '')}")
        print()

    print("| tool | compute wall (s) | compute CPU (s) | whole from CSV wall (s) | whole CPU (s) | "
          "compute ÷ marketproof wall / CPU | whole ÷ marketproof wall / CPU | load (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| marketproof (CSV path) | {s(mp['compute_s'])} | {s(mp['compute_cpu_s'], 2)} | {s(mp['whole_s'])} | "
          f"{s(mp['whole_cpu_s'], 2)} | 1 | 1 | {loads(lines, 'marketproof')[1]:.2f} |")
    peers = [t for t in PEER_NAMES if any(line["tool"] == t for line in lines)]
    pk = {}
    for t in peers:
        pk[t] = {k: med(samples(lines, t, k)) for k in ("compute_s", "compute_cpu_s", "whole_s", "whole_cpu_s", "load_s")}
        p = pk[t]
        print(f"| {PEER_NAMES[t]} | {s(p['compute_s'])} | {s(p['compute_cpu_s'], 2)} | {s(p['whole_s'])} | "
              f"{s(p['whole_cpu_s'], 2)} | {r(p['compute_s'], mp['compute_s'])} / {r(p['compute_cpu_s'], mp['compute_cpu_s'])} | "
              f"{r(p['whole_s'], mp['whole_s'])} / {r(p['whole_cpu_s'], mp['whole_cpu_s'])} | {loads(lines, t)[1]:.2f} |")
    print()

    tuned = pk.get("pb_polars")
    print("| marketproof from its store | wall (s) | CPU (s) | tuned polars whole from CSV ÷ |")
    print("|---|---:|---:|---:|")
    tw = tuned["whole_s"] if tuned else float("nan")
    print(f"| load (open + `Store::universe`), in one process | {s(st['load_s'])} | {s(st['load_cpu_s'], 2)} | |")
    print(f"| compute (`scan_universe`: pick, scan, rank) | {s(st['compute_s'])} | {s(st['compute_cpu_s'], 2)} | |")
    print(f"| whole: load + compute, in one process | {s(st['whole_s'])} | {s(st['whole_cpu_s'], 2)} | {r(tw, st['whole_s'])} |")
    print(f"| fresh `marketproof scan --format json` process | {s(cli['wall_s'])} | {s(cli['cpu_s'], 2)} | {r(tw, cli['wall_s'])} |")
    if cli_before["wall_s"] == cli_before["wall_s"]:
        print(f"| the same, build before this change (`MP_BEFORE`) | {s(cli_before['wall_s'])} | {s(cli_before['cpu_s'], 2)} | |")
    ipc = {k: med(samples(lines, "pb_polars_ipc", k)) for k in ("load_s", "whole_s", "whole_cpu_s", "compute_s")}
    if ipc["whole_s"] == ipc["whole_s"]:
        print(f"| tuned polars from its own Arrow IPC file: load (`read_ipc`) | {s(ipc['load_s'])} | | |")
        print(f"| tuned polars from its own Arrow IPC file: whole, one process "
              f"(÷ marketproof whole from its store: {r(ipc['whole_s'], st['whole_s'])} wall, "
              f"{r(ipc['whole_cpu_s'], st['whole_cpu_s'])} CPU) | {s(ipc['whole_s'])} | {s(ipc['whole_cpu_s'], 2)} | |")
    print()
    print(f"Peak RSS of the `marketproof scan` process: {cli['max_rss_kb'] / 1024:.0f} MB"
          + (f" (before: {cli_before['max_rss_kb'] / 1024:.0f} MB)" if cli_before["max_rss_kb"] == cli_before["max_rss_kb"] else "") + ".\n")

    if bytes_:
        gb = bytes_[0] / 1e9
        print("| the floor: a plain read of the same closes | s | GB/s | path ÷ floor |")
        print("|---|---:|---:|---:|")
        print(f"| sum of every close, {gb * 1000:.0f} MB, 2 threads (median of {len(samples(lines, 'marketproof', 'floor_s'))}) "
              f"| {s(floor, 4)} | {gb / floor:.1f} | 1 |")
        print(f"| marketproof compute (CSV path, in memory) | {s(mp['compute_s'])} | | {r(mp['compute_s'], floor)} |")
        print(f"| marketproof compute from the store (`scan_universe`) | {s(st['compute_s'])} | | {r(st['compute_s'], floor)} |")
        own = [c / f for line in lines if line["tool"] == "marketproof_store"
               for c, f in zip(line["result"].get("compute_s", []), line["result"].get("floor_s", [])) if f]
        if own:
            print(f"| the same ÷ the floor read in its own process, run by run (median of {len(own)}; "
                  f"that floor's median {s(st['floor_s'], 4)} s) | | | {med(own):.1f}× |")
        print(f"| marketproof whole from the store, one process | {s(st['whole_s'])} | | {r(st['whole_s'], floor)} |")
        print(f"| fresh `marketproof scan` process | {s(cli['wall_s'])} | | {r(cli['wall_s'], floor)} |")
        if tuned:
            print(f"| tuned polars compute | {s(tuned['compute_s'])} | | {r(tuned['compute_s'], floor)} |")
        print()

    imp = os.path.join(root, name, "import.json")
    if os.path.exists(imp):
        j = json.load(open(imp))
        print(f"Import: {j['files']:,} files, {j['observations']:,} observations, {j['series']:,} series in "
              f"{j['seconds']:.2f} s ({j['rows_per_s'] / 1e6:.1f} M rows/s), peak RSS {j['max_rss_kb'] / 1024:.0f} MB, "
              f"load {j.get('load1_after', float('nan')):.2f} after.\n")


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    for name in argv[2:]:
        dataset(argv[1], name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
