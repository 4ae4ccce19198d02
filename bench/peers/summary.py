#!/usr/bin/env python3
"""Prints the medians and ratios of a bench/run.sh run as Markdown tables.

    summary.py RESULTS_DIR DATASET [DATASET ...]

Per dataset: compute (data in memory) and whole run (files on disk ->
ranked results) for marketproof, polars and pandas; marketproof's whole run
also from its own store (load + compute), and as fresh `marketproof scan`
processes; then the import into the store (rows/s, peak RSS). Ratios are
other tool / marketproof.
"""

import json
import os
import statistics
import sys

TOOLS = ["marketproof", "polars", "pandas"]


def load(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return None


def ratio(a, b):
    return a / b if b else float("nan")


def main(argv):
    out = argv[1]
    for dataset in argv[2:]:
        d = os.path.join(out, dataset)
        results = {t: r for t in TOOLS if (r := load(os.path.join(d, f"{t}.json")))}
        if "marketproof" not in results:
            continue
        mp = results["marketproof"]
        store = load(os.path.join(d, "marketproof_store.json"))
        cli = load(os.path.join(d, "marketproof_cli.json"))
        imp = load(os.path.join(d, "import.json"))
        print(f"\n### {dataset}: {mp['series']} series, {mp['points']:,} closes\n")
        print("| tool | compute wall (s) | compute CPU (s) | whole wall (s) | whole CPU (s) "
              "| compute ratio wall / CPU | whole ratio wall / CPU |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for tool in TOOLS:
            r = results.get(tool)
            if r is None:
                continue
            print(
                f"| {tool} | {r['median_compute_s']:.4f} | {r['median_compute_cpu_s']:.3f} | "
                f"{r['median_whole_s']:.3f} | {r['median_whole_cpu_s']:.2f} | "
                f"{ratio(r['median_compute_s'], mp['median_compute_s']):.1f}x / "
                f"{ratio(r['median_compute_cpu_s'], mp['median_compute_cpu_s']):.1f}x | "
                f"{ratio(r['median_whole_s'], mp['median_whole_s']):.1f}x / "
                f"{ratio(r['median_whole_cpu_s'], mp['median_whole_cpu_s']):.1f}x |"
            )
        print(f"\nruns: compute {len(mp['compute_s'])}, whole {len(mp['whole_s'])} (marketproof); "
              + ", ".join(f"{t} compute {len(results[t]['compute_s'])} / whole {len(results[t]['whole_s'])}"
                          for t in TOOLS[1:] if t in results))
        if store:
            print(f"\n#### From marketproof's store ({store['series']} series, {store['points']:,} closes)\n")
            print("| marketproof from the store | load wall (s) | load CPU (s) | compute wall (s) "
                  "| whole wall (s) | whole CPU (s) | polars whole ÷ | pandas whole ÷ |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
            pw = results.get("polars", {}).get("median_whole_s", float("nan"))
            pdw = results.get("pandas", {}).get("median_whole_s", float("nan"))
            pwc = results.get("polars", {}).get("median_whole_cpu_s", float("nan"))
            pdwc = results.get("pandas", {}).get("median_whole_cpu_s", float("nan"))
            print(
                f"| median of {len(store['whole_s'])} in-process runs | {store['median_load_s']:.3f} | "
                f"{store['median_load_cpu_s']:.2f} | {store['median_compute_s']:.3f} | "
                f"{store['median_whole_s']:.3f} | {store['median_whole_cpu_s']:.2f} | "
                f"{ratio(pw, store['median_whole_s']):.1f}x wall / {ratio(pwc, store['median_whole_cpu_s']):.1f}x CPU | "
                f"{ratio(pdw, store['median_whole_s']):.1f}x wall / {ratio(pdwc, store['median_whole_cpu_s']):.1f}x CPU |"
            )
            print(f"| first run (fresh process) | {store['load_s'][0]:.3f} | {store['load_cpu_s'][0]:.2f} | "
                  f"{store['compute_s'][0]:.3f} | {store['whole_s'][0]:.3f} | {store['whole_cpu_s'][0]:.2f} | "
                  f"{ratio(pw, store['whole_s'][0]):.1f}x wall | {ratio(pdw, store['whole_s'][0]):.1f}x wall |")
            if cli:
                c = statistics.median(cli["cli_s"])
                print(f"| `marketproof scan` process (median of {len(cli['cli_s'])}) | | | | {c:.3f} | | "
                      f"{ratio(pw, c):.1f}x wall | {ratio(pdw, c):.1f}x wall |")
        if imp:
            print(f"\n#### Import into a fresh store\n")
            print("| files | observations | series | wall (s) | rows/s | peak RSS (MB) |")
            print("|---:|---:|---:|---:|---:|---:|")
            print(f"| {imp['files']:,} | {imp['observations']:,} | {imp['series']:,} | {imp['seconds']:.2f} | "
                  f"{imp['rows_per_s']:,.0f} | {imp['max_rss_kb'] / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
