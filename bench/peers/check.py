#!/usr/bin/env python3
"""Checks that scan exports agree, series by series and figure by figure.

    check.py REFERENCE.csv OTHER.csv [OTHER.csv ...]

Integers, flags and dates must be equal; floats must agree to 1e-9 relative
(|a - b| <= 1e-9 * max(|a|, |b|) + 1e-12: the absolute floor only matters
for figures that are differences of nearly equal numbers, such as a close
next to its 200-day average). Empty (no value) must match empty. Exits 1 on
any disagreement, printing the first few.
"""

import csv
import sys

FLOATS = {"close", "return_1d", "return_1m", "return_ytd", "drawdown", "volatility_20d", "sma200_gap", "rarity"}
REL, ABS = 1e-9, 1e-12


def load(path):
    with open(path, newline="") as f:
        return {row["symbol"]: row for row in csv.DictReader(f)}


def same(column, a, b):
    if a == "" or b == "":
        return a == b
    if column in FLOATS:
        x, y = float(a), float(b)
        return abs(x - y) <= REL * max(abs(x), abs(y)) + ABS
    return a == b


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    reference = load(argv[1])
    failures = 0
    for other_path in argv[2:]:
        other = load(other_path)
        bad = []
        if set(reference) != set(other):
            missing = sorted(set(reference) ^ set(other))[:5]
            bad.append(f"series differ, e.g. {missing}")
        compared = 0
        for symbol, row in reference.items():
            if symbol not in other:
                continue
            for column, value in row.items():
                compared += 1
                if not same(column, value, other[symbol].get(column, "")):
                    bad.append(f"{symbol} {column}: {value} vs {other[symbol].get(column)}")
        status = "AGREE" if not bad else f"DISAGREE ({len(bad)})"
        print(f"{argv[1]} vs {other_path}: {len(reference)} series, {compared} values: {status}")
        for line in bad[:10]:
            print("  " + line)
        failures += len(bad)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
