"""Summarises bench/product_ab.sh output: medians per build and store.

Usage: python3 bench/peers/product_summary.py ab.jsonl
"""

import json
import statistics
import sys


def main(path):
    rows = [json.loads(line) for line in open(path)]
    keys = []
    for r in rows:
        if (r["tag"], r["store"]) not in keys:
            keys.append((r["tag"], r["store"]))
    med = statistics.median
    print("| build | store | fresh scan wall (s) | CPU (s) | peak RSS (MB) | first load (s) "
          "| load, reload (s) | compute wall / CPU (s) | whole wall / CPU (s) | floor (s) | load average |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for tag, store in keys:
        cli = [r for r in rows if r["kind"] == "cli" and (r["tag"], r["store"]) == (tag, store)]
        sb = [r["result"] for r in rows if r["kind"] == "store" and (r["tag"], r["store"]) == (tag, store)]
        every = lambda k: [x for r in sb for x in r[k]]
        loads = [r[k] for r in rows if (r["tag"], r["store"]) == (tag, store) for k in ("load0", "load1")]
        print(
            f"| {tag} | {store} | {med(r['wall_s'] for r in cli):.3f} | {med(r['cpu_s'] for r in cli):.2f} "
            f"| {med(r['max_rss_kb'] for r in cli) / 1024:.0f} | {med(r['load_s'][0] for r in sb):.3f} "
            f"| {med(x for r in sb for x in r['load_s'][1:]):.3f} "
            f"| {med(every('compute_s')):.3f} / {med(every('compute_cpu_s')):.2f} "
            f"| {med(every('whole_s')):.3f} / {med(every('whole_cpu_s')):.2f} "
            f"| {med(every('floor_s')):.4f} | {min(loads):.2f}–{max(loads):.2f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
