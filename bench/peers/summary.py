#!/usr/bin/env python3
"""Prints the medians and ratios of a bench/run.sh run as a Markdown table.

    summary.py OUT_DIR DATASET [DATASET ...]
"""

import json
import os
import sys

TOOLS = ["marketproof", "polars", "pandas"]


def main(argv):
    out = argv[1]
    for dataset in argv[2:]:
        results = {}
        for tool in TOOLS:
            path = os.path.join(out, dataset, f"{tool}.json")
            if os.path.exists(path):
                with open(path) as f:
                    results[tool] = json.load(f)
        if "marketproof" not in results:
            continue
        mp = results["marketproof"]
        print(f"\n### {dataset}: {mp['series']} series, {mp['points']:,} closes\n")
        print("| tool | compute (s) | compute CPU (s) | whole run (s) | whole CPU (s) | compute ratio | whole ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for tool in TOOLS:
            r = results.get(tool)
            if r is None:
                continue
            ratio_c = r["median_compute_s"] / mp["median_compute_s"] if mp["median_compute_s"] else float("nan")
            ratio_w = r["median_whole_s"] / mp["median_whole_s"] if mp["median_whole_s"] else float("nan")
            print(
                f"| {tool} | {r['median_compute_s']:.4f} | {r['median_compute_cpu_s']:.3f} | "
                f"{r['median_whole_s']:.3f} | {r['median_whole_cpu_s']:.2f} | {ratio_c:.1f}x | {ratio_w:.1f}x |"
            )
        print(f"\nruns: compute {len(mp['compute_s'])}, whole {len(mp['whole_s'])} (marketproof); "
              + ", ".join(f"{t} compute {len(results[t]['compute_s'])} / whole {len(results[t]['whole_s'])}"
                          for t in TOOLS[1:] if t in results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
