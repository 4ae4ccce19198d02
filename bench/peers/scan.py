#!/usr/bin/env python3
"""The marketproof scan written the way a quant would in pandas or polars.

Same inputs as `cargo run --release -p scan --example scan_bench -- run`:
every `*.csv` of the --data folders that has a `date` and a `close` column
(case-insensitive); the symbol of a file is `<folder name>/<file stem>`.
Same figures, same definitions (DESIGN.md "Definitions"; crates/scan docs),
same export columns, so that bench/peers/check.py can compare them.

    scan.py --engine pandas|polars --data DIR [--data DIR ...] --bench FILE
            [--runs N] [--whole-runs N] [--export FILE]

Timing: each whole run reads the files into the engine's in-memory form and
scans (files on disk, page cache warm); then the scan alone is repeated
--runs times on the frame already in memory. Prints JSON like scan_bench.

pandas: a wide DataFrame (one column per series, union of dates); the scan
loops over the columns with vectorised pandas/numpy operations inside each
(pct_change, cummax, tail std/mean, run lengths with numpy), the way
per-series analytics are usually written. polars: a long DataFrame
(sid, date, close) and one lazy query of window (`over`) and group-by
expressions, no Python loop over series.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

MONTH = 21
VOL = 20
SMA = 200
CORRECTION = -0.10
MIN_HISTORY = 1260  # closes: five years of 252 sessions (rank.rs MIN_HISTORY_SESSIONS)

COLUMNS = [
    "symbol", "sessions", "last_date", "close", "return_1d", "return_1m",
    "return_ytd", "streak", "streak_since", "rel_streak", "rel_since",
    "record_close", "sessions_since_record", "record_gap", "drawdown",
    "volatility_20d", "sma200_gap", "rarity",
]


def symbol_of(path):
    parent = os.path.basename(os.path.dirname(os.path.abspath(path)))
    stem = os.path.splitext(os.path.basename(path))[0]
    return f"{parent}/{stem}"


def list_files(dirs):
    files = []
    for d in dirs:
        for name in os.listdir(d):
            if name.lower().endswith(".csv"):
                files.append(os.path.join(d, name))
    files.sort(key=symbol_of)
    return files


def date_close_columns(path):
    with open(path, newline="") as f:
        header = f.readline().strip().split(",")
    lower = [h.strip().lower() for h in header]
    if "date" not in lower or "close" not in lower:
        return None
    return header[lower.index("date")], header[lower.index("close")]


# --------------------------------------------------------------------------
# Shared: run lengths and "longest since" on a sign array, and rarity.


def streak_of_signs(sign):
    """(signed length, sessions since the last earlier run of the same sign
    and at least the same length, or None) for the last run of `sign`."""
    m = len(sign)
    if m == 0 or sign[-1] == 0:
        return 0, None
    change = np.empty(m, dtype=bool)
    change[0] = True
    np.not_equal(sign[1:], sign[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    ends = np.empty_like(starts)
    ends[:-1] = starts[1:] - 1
    ends[-1] = m - 1
    lengths = ends - starts + 1
    dirs = sign[starts]
    length, d = lengths[-1], dirs[-1]
    prior = np.flatnonzero((dirs[:-1] == d) & (lengths[:-1] >= length))
    since = int(m - 1 - ends[prior[-1]]) if len(prior) else None
    return int(d * length), since


def streak_score(length, since, history):
    if length == 0 or history == 0:
        return 0.0
    if since is None:
        return 1.0
    return since / history


def add_rarity(rows):
    """rows: list of dicts with the scan figures; adds 'rarity' and 'short'
    in place. Rarity v2 (crates/scan/src/rank.rs): a series with fewer than
    MIN_HISTORY closes gets no streak, relative-streak or drawdown score and
    is left out of the drawdown population; the relative streak needs as
    many common closes (rel_history + 1) with the benchmark."""
    long = [r["sessions"] >= MIN_HISTORY for r in rows]
    drawdowns = np.sort(np.array([r["drawdown"] for r, ok in zip(rows, long) if ok], dtype=float))
    total = len(drawdowns)
    for r, ok in zip(rows, long):
        history = r["sessions"] - 1
        s1 = streak_score(r["streak"], r["streak_since"], history) if ok else 0.0
        s2 = 0.0
        if r["rel_streak"] is not None and r["rel_history"] + 1 >= MIN_HISTORY:
            s2 = streak_score(r["rel_streak"], r["rel_since"], r["rel_history"])
        s3 = r["record_gap"] / history if r["record_gap"] is not None and history > 0 else 0.0
        s4 = 0.0
        if r["drawdown"] <= CORRECTION and ok:
            at_or_deeper = np.searchsorted(drawdowns, r["drawdown"], side="right")
            s4 = (total - at_or_deeper) / total
        r["rarity"] = max(s1, s2, s3, s4)
        r["short"] = not ok
    return rows


# --------------------------------------------------------------------------
# pandas


def pandas_load(files):
    import pandas as pd

    columns = {}
    for path in files:
        cols = date_close_columns(path)
        if cols is None:
            continue
        date_col, close_col = cols
        frame = pd.read_csv(path, usecols=[date_col, close_col])
        index = pd.DatetimeIndex(pd.to_datetime(frame[date_col], format="%Y-%m-%d"), name="date")
        columns[symbol_of(path)] = pd.Series(frame[close_col].to_numpy(dtype=float), index=index)
    return pd.concat(columns, axis=1, sort=True)


def pandas_scan_one(symbol, s, bench):
    import pandas as pd

    n = len(s)
    last = s.iloc[-1]
    returns = s.pct_change().iloc[1:]
    row = {"symbol": symbol, "sessions": n, "last_date": s.index[-1].date().isoformat(), "close": last}
    row["return_1d"] = last / s.iloc[-2] - 1.0 if n >= 2 else None
    row["return_1m"] = last / s.iloc[-1 - MONTH] - 1.0 if n > MONTH else None
    before = s[s.index < pd.Timestamp(s.index[-1].year, 1, 1)]
    row["return_ytd"] = last / before.iloc[-1] - 1.0 if len(before) else None

    row["streak"], row["streak_since"] = streak_of_signs(np.sign(returns.to_numpy()))

    if bench is not None:
        joined = pd.concat([s, bench], axis=1, join="inner")
        common = joined.pct_change().iloc[1:]
        diff = (common.iloc[:, 0] - common.iloc[:, 1]).to_numpy()
        row["rel_streak"], row["rel_since"] = streak_of_signs(np.sign(diff))
        row["rel_history"] = len(diff)
    else:
        row["rel_streak"] = row["rel_since"] = row["rel_history"] = None

    running_max = s.cummax()
    is_record = (s > running_max.shift(1)).to_numpy(copy=True)
    is_record[0] = True
    records = np.flatnonzero(is_record)
    row["record_close"] = n >= 2 and records[-1] == n - 1
    row["sessions_since_record"] = int(n - 1 - records[-1])
    row["record_gap"] = int(records[-1] - records[-2]) if row["record_close"] else None
    row["drawdown"] = last / running_max.iloc[-1] - 1.0
    row["volatility_20d"] = returns.iloc[-VOL:].std() if n > VOL else None
    row["sma200_gap"] = last / s.iloc[-SMA:].mean() - 1.0 if n >= SMA else None
    return row


def pandas_scan(wide, bench_symbol):
    bench = wide[bench_symbol].dropna() if bench_symbol in wide.columns else None
    rows = [pandas_scan_one(sym, wide[sym].dropna(), bench) for sym in wide.columns]
    return add_rarity([r for r in rows if r["sessions"] > 0])


# --------------------------------------------------------------------------
# polars


def polars_load(files):
    import polars as pl

    frames, names = [], []
    for path in files:
        cols = date_close_columns(path)
        if cols is None:
            continue
        date_col, close_col = cols
        frame = pl.read_csv(
            path,
            columns=[date_col, close_col],
            schema_overrides={date_col: pl.Utf8, close_col: pl.Float64},
        )
        frames.append(
            frame.select(
                pl.lit(len(names), dtype=pl.UInt32).alias("sid"),
                pl.col(date_col).str.to_date("%Y-%m-%d").alias("date"),
                pl.col(close_col).alias("close"),
            )
        )
        names.append(symbol_of(path))
    return pl.concat(frames, rechunk=True).sort("sid", "date"), names


def polars_streaks(lf, sign_expr, position):
    """Per sid: current run's signed length and sessions since the last
    earlier run of the same sign and at least the same length.

    Columnar: runs are delimited by comparing each row with its neighbours
    (a change of sign or of series), a run's start position is forward-filled
    and its length read at its last row; no group-by over the runs."""
    import polars as pl

    sid = pl.col("sid")
    pos = pl.col(position)
    rows = lf.select(sid, pos.alias("pos"), sign_expr.alias("sign")).with_columns(
        start=pl.when(((pl.col("sign") != pl.col("sign").shift(1)) | (sid != sid.shift(1))).fill_null(True))
        .then(pl.col("pos"))
        .forward_fill(),
        is_end=((pl.col("sign") != pl.col("sign").shift(-1)) | (sid != sid.shift(-1))).fill_null(True),
    ).with_columns(length=pl.col("pos") - pl.col("start") + 1)
    current = rows.group_by("sid").agg(
        cur_sign=pl.col("sign").last(),
        cur_len=pl.col("length").last(),
        cur_start=pl.col("start").last(),
        cur_end=pl.col("pos").last(),
    )
    prior = (
        rows.filter(pl.col("is_end"))
        .join(current, on="sid")
        .filter(
            (pl.col("pos") < pl.col("cur_start"))
            & (pl.col("sign") == pl.col("cur_sign"))
            & (pl.col("length") >= pl.col("cur_len"))
        )
        .group_by("sid")
        .agg(prior_end=pl.col("pos").max())
    )
    return current.join(prior, on="sid", how="left").select(
        "sid",
        streak=pl.when(pl.col("cur_sign") == 0)
        .then(0)
        .otherwise(pl.col("cur_sign").cast(pl.Int64) * pl.col("cur_len").cast(pl.Int64)),
        since=pl.when(pl.col("cur_sign") != 0).then(pl.col("cur_end") - pl.col("prior_end")),
    )


def polars_scan(frame, names, bench_symbol):
    import polars as pl

    same_series = pl.col("sid") == pl.col("sid").shift(1)
    row = pl.int_range(pl.len())
    # Position within the series: row number minus the series' first row
    # (forward-filled; cheaper than int_range().over("sid")).
    position = row - pl.when(~same_series.fill_null(False)).then(row).forward_fill()
    lf = frame.lazy().with_columns(
        idx=position,
        ret=pl.when(same_series).then(pl.col("close") / pl.col("close").shift(1) - 1.0),
    )
    year_start = pl.date(pl.col("date").last().dt.year(), 1, 1)
    n = pl.len()
    summary = lf.group_by("sid").agg(
        sessions=n,
        last_date=pl.col("date").last(),
        close=pl.col("close").last(),
        return_1d=pl.when(n >= 2).then(pl.col("close").last() / pl.col("close").shift(1).last() - 1.0),
        return_1m=pl.col("close").last() / pl.col("close").shift(MONTH).last() - 1.0,
        return_ytd=pl.col("close").last() / pl.col("close").filter(pl.col("date") < year_start).last() - 1.0,
        # The last record close is where the maximum was first reached; when
        # it is the last close, the record before it is where the maximum of
        # the earlier closes was first reached.
        last_record=pl.col("close").arg_max(),
        previous_record=pl.col("close").head(pl.len() - 1).arg_max(),
        drawdown=pl.col("close").last() / pl.col("close").max() - 1.0,
        volatility_20d=pl.when(n > VOL).then(pl.col("ret").tail(VOL).std()),
        sma200_gap=pl.when(n >= SMA).then(pl.col("close").last() / pl.col("close").tail(SMA).mean() - 1.0),
    )
    returns = lf.filter(pl.col("ret").is_not_null())
    streak = polars_streaks(returns, pl.col("ret").sign(), "idx")

    parts = [summary, streak.rename({"streak": "streak", "since": "streak_since"})]
    bench_sid = names.index(bench_symbol) if bench_symbol in names else None
    if bench_sid is not None:
        bench = frame.lazy().filter(pl.col("sid") == bench_sid).select("date", bclose="close")
        common = (
            frame.lazy()
            .join(bench, on="date", how="inner", maintain_order="left")
            .with_columns(
                cidx=position,
                ra=pl.when(same_series).then(pl.col("close") / pl.col("close").shift(1) - 1.0),
                rb=pl.when(same_series).then(pl.col("bclose") / pl.col("bclose").shift(1) - 1.0),
            )
            .filter(pl.col("ra").is_not_null())
        )
        rel = polars_streaks(common, (pl.col("ra") - pl.col("rb")).sign(), "cidx").rename(
            {"streak": "rel_streak", "since": "rel_since"}
        )
        history = common.group_by("sid").agg(rel_history=pl.len())
        parts += [rel, history]

    out = parts[0]
    for p in parts[1:]:
        out = out.join(p, on="sid", how="left")
    out = out.sort("sid").collect()

    rows = []
    for r in out.iter_rows(named=True):
        n_ = r["sessions"]
        record_close = n_ >= 2 and r["last_record"] == n_ - 1
        rel_streak = r.get("rel_streak")
        rows.append(
            {
                "symbol": names[r["sid"]],
                "sessions": n_,
                "last_date": r["last_date"].isoformat(),
                "close": r["close"],
                "return_1d": r["return_1d"],
                "return_1m": r["return_1m"],
                "return_ytd": r["return_ytd"],
                "streak": int(r["streak"]) if r["streak"] is not None else 0,
                "streak_since": r["streak_since"],
                # No common return at all: a zero relative streak, as in Rust.
                "rel_streak": (int(rel_streak) if rel_streak is not None else 0) if bench_sid is not None else None,
                "rel_since": r.get("rel_since"),
                "rel_history": r.get("rel_history") or 0,
                "record_close": record_close,
                "sessions_since_record": n_ - 1 - r["last_record"],
                "record_gap": r["last_record"] - r["previous_record"] if record_close else None,
                "drawdown": r["drawdown"],
                "volatility_20d": r["volatility_20d"],
                "sma200_gap": r["sma200_gap"],
            }
        )
    return add_rarity(rows)


# --------------------------------------------------------------------------


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (float, np.floating)):
        if v != v:
            return ""
        return repr(float(v))
    return str(int(v)) if isinstance(v, (int, np.integer)) else str(v)


def export(rows, path):
    with open(path, "w") as f:
        f.write(",".join(COLUMNS) + "\n")
        for r in rows:
            f.write(",".join(fmt(r[c]) for c in COLUMNS) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["pandas", "polars"], required=True)
    ap.add_argument("--data", action="append", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--whole-runs", type=int, default=5)
    ap.add_argument("--export")
    args = ap.parse_args()

    files = list_files(args.data)
    bench_symbol = symbol_of(args.bench)
    if args.engine == "pandas":
        load = pandas_load
        compute = lambda data: pandas_scan(data, bench_symbol)  # noqa: E731
    else:
        load = polars_load
        compute = lambda data: polars_scan(data[0], data[1], bench_symbol)  # noqa: E731

    load_s, whole_s, compute_s, whole_cpu_s, compute_cpu_s = [], [], [], [], []
    data = rows = None
    for _ in range(max(1, args.whole_runs)):
        data = rows = None
        t0, c0 = time.perf_counter(), time.process_time()
        data = load(files)
        t1 = time.perf_counter()
        rows = compute(data)
        t2 = time.perf_counter()
        load_s.append(t1 - t0)
        whole_s.append(t2 - t0)
        whole_cpu_s.append(time.process_time() - c0)
    for _ in range(max(1, args.runs)):
        rows = None
        t0, c0 = time.perf_counter(), time.process_time()
        rows = compute(data)
        compute_s.append(time.perf_counter() - t0)
        compute_cpu_s.append(time.process_time() - c0)

    if args.export:
        export(rows, args.export)
    import pandas
    import polars

    med = lambda xs: float(np.median(xs))  # noqa: E731
    # Full history first, then rarity (highest first), ties by input order.
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["short"], -rows[i]["rarity"]))
    print(
        json.dumps(
            {
                "tool": args.engine,
                "version": pandas.__version__ if args.engine == "pandas" else polars.__version__,
                "series": len(rows),
                "points": int(sum(r["sessions"] for r in rows)),
                "load_s": [round(x, 4) for x in load_s],
                "compute_s": [round(x, 4) for x in compute_s],
                "whole_s": [round(x, 4) for x in whole_s],
                "compute_cpu_s": [round(x, 4) for x in compute_cpu_s],
                "whole_cpu_s": [round(x, 4) for x in whole_cpu_s],
                "median_load_s": med(load_s),
                "median_compute_s": med(compute_s),
                "median_whole_s": med(whole_s),
                "median_compute_cpu_s": med(compute_cpu_s),
                "median_whole_cpu_s": med(whole_cpu_s),
                "top10": [rows[i]["symbol"] for i in order[:10]],
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
