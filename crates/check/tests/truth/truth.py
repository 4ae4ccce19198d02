"""Independent truth for the claim-checker tests, straight from the CSVs.

Run: python3 crates/check/tests/truth/truth.py  (from the workspace root).
Uses only the csv module. Sources are consolidated like the store does:
per date, the lowest-priority-number source wins (registry.toml [[dataset]]).
"""
import csv, math, os, statistics, sys
from datetime import date, timedelta

D = os.path.join(os.path.dirname(__file__), "../../../../../shared/market-data")

def _num(x):
    try:
        v = float(x)
        return v if math.isfinite(v) else None
    except (TypeError, ValueError):
        return None

def _read(path, datecol, cols, skip=0):
    out = {}
    with open(os.path.join(D, path), newline="") as f:
        r = csv.reader(f)
        head = next(r)
        for _ in range(skip):
            next(r)
        idx = {c.lower(): i for i, c in enumerate(head)}
        for row in r:
            if not row or not row[0]:
                continue
            d = date.fromisoformat(row[0][:10])
            vals = {}
            for c in cols:
                i = idx.get(c.lower())
                if i is not None and i < len(row):
                    v = _num(row[i])
                    if v is not None:
                        vals[c.lower()] = v
            if vals:
                out[d] = vals
    return out

SOURCES = {
    "^GSPC": [("guydekowski_market-lab/GSPC.csv", 0, None), ("heliar-k_market-base/SPX.csv", 0, None), ("heliar-k_market-base/asset_prices.csv", 0, "SPX")],
    "^RUT": [("hjyssg_tqqq-simulation/^RUT.csv", 0, None), ("heliar-k_market-base/RUT.csv", 0, None), ("heliar-k_market-base/asset_prices.csv", 0, "RUT")],
    "^NDX": [("hjyssg_tqqq-simulation/^NDX.csv", 2, None), ("heliar-k_market-base/asset_prices.csv", 0, "NDX")],
    "^IXIC": [("heliar-k_market-base/IXIC.csv", 0, None)],
    "^VIX": [("guydekowski_market-lab/VIX.csv", 0, None), ("datasets_finance-vix/vix-daily.csv", 0, None)],
}
for etf in ["IWM", "SPY", "QQQ", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"]:
    SOURCES[etf] = [(f"guydekowski_market-lab/{etf}.csv", 0, None)]

_cache = {}

def ohlc(sym):
    """date -> {open, high, low, close} consolidated (priority order)."""
    if sym in _cache:
        return _cache[sym]
    merged = {}
    for path, skip, col in SOURCES[sym]:
        if col:
            part = {d: {"close": v[col.lower()]} for d, v in _read(path, "date", [col], skip).items()}
        else:
            part = _read(path, "date", ["open", "high", "low", "close"], skip)
        for d, v in part.items():
            if d not in merged:
                merged[d] = v
    _cache[sym] = dict(sorted(merged.items()))
    return _cache[sym]

def adj(sym):
    """dividend-adjusted closes (dsturdy, pool_prices) for ETFs missing from guydekowski."""
    merged = {}
    pool = _read("heliar-k_market-base/pool_prices.csv", "date", [sym])
    for d, v in pool.items():
        merged[d] = v[sym.lower()]
    p = f"dsturdy_factor-attribution/{sym}.csv"
    if os.path.exists(os.path.join(D, p)):
        for d, v in _read(p, "date", ["close"]).items():
            merged.setdefault(d, v["close"])
    return dict(sorted(merged.items()))

def closes(sym, as_of=None):
    s = ohlc(sym) if sym in SOURCES else {d: {"close": c} for d, c in adj(sym).items()}
    return [(d, v["close"]) for d, v in s.items() if "close" in v and (as_of is None or d <= as_of)]

def rets(sym, as_of=None):
    c = closes(sym, as_of)
    return [(c[i][0], c[i][1] / c[i - 1][1] - 1) for i in range(1, len(c))]

def period_return(sym, start, end):
    """close at last session <= end / close at last session before start - 1."""
    c = closes(sym, end)
    base = [x for x in c if x[0] < start][-1]
    last = c[-1]
    return (last[1] / base[1] - 1) * 100, last[1] - base[1], base[0], last[0]

def rel_streaks(a, b, as_of):
    ra = dict(rets(a, as_of)); rb = dict(rets(b, as_of))
    days = sorted(set(ra) & set(rb))
    runs = []  # (start, end, length, sign)
    cur = None
    for d in days:
        s = 1 if ra[d] > rb[d] else (-1 if ra[d] < rb[d] else 0)
        if cur and cur[3] == s and s != 0:
            cur = (cur[0], d, cur[2] + 1, s)
        else:
            if cur: runs.append(cur)
            cur = (d, d, 1, s)
    runs.append(cur)
    return runs

def abs_streaks(sym, as_of):
    runs = []; cur = None
    for d, r in rets(sym, as_of):
        s = 1 if r > 0 else (-1 if r < 0 else 0)
        if cur and cur[3] == s and s != 0:
            cur = (cur[0], d, cur[2] + 1, s)
        else:
            if cur: runs.append(cur)
            cur = (d, d, 1, s)
    runs.append(cur)
    return runs

def longest_since(runs):
    """last earlier run (same sign) of at least the same length that ended before this one began."""
    last = runs[-1]
    for r in reversed(runs[:-1]):
        if r[3] == last[3] and r[2] >= last[2]:
            return r
    return None

def vol(sym, start, end, sample=True):
    r = [x for d, x in rets(sym, end) if d >= start]
    return (statistics.stdev(r) if sample else statistics.pstdev(r)) * 100, len(r)

def record_close(sym, as_of):
    c = closes(sym, as_of)
    return c[-1][1] > max(x for _, x in c[:-1])

def record_high(sym, as_of):
    s = [(d, v) for d, v in ohlc(sym).items() if d <= as_of and "high" in v]
    return s[-1][1]["high"] > max(v["high"] for _, v in s[:-1]), s[-1][1]["high"], max(v["high"] for _, v in s[:-1])

def day_move(sym, d):
    r = dict(rets(sym, d))
    return r[d] * 100

def rate_changes(start, end):
    rows = _read("heliar-k_market-base/rates.csv", "date", ["DFEDTARL", "DFEDTARU"])
    prev = None; out = []
    for d, v in sorted(rows.items()):
        if "dfedtarl" not in v: continue
        cur = (v["dfedtarl"], v["dfedtaru"])
        if prev and cur != prev and start <= d <= end:
            out.append((d, prev, cur))
        prev = cur
    return out

def french(col):
    """monthly returns (%), first table of Portfolios_Formed_on_ME.CSV (value-weighted)."""
    path = os.path.join(D, "talezadeh_ff-size/Portfolios_Formed_on_ME.CSV")
    out = []
    with open(path, newline="") as f:
        r = csv.reader(f)
        head = None
        for row in r:
            if not row: 
                if head and out: break
                continue
            if head is None:
                if len(row) > 3 and row[1].strip() == "<= 0":
                    head = [c.strip() for c in row]
                continue
            k = row[0].strip()
            if len(k) != 6 or not k.isdigit():
                if out: break
                continue
            out.append((k, float(row[head.index(col)])))
    return out

def base_rate(a_col, b_col, years, from_ym="192607"):
    a = dict(french(a_col)); b = dict(french(b_col))
    keys = [k for k in sorted(set(a) & set(b)) if k >= from_ym]
    n = years * 12
    wins = 0; tot = 0; diffs = []
    for i in range(0, len(keys) - n + 1):
        ga = math.prod(1 + a[k] / 100 for k in keys[i:i + n])
        gb = math.prod(1 + b[k] / 100 for k in keys[i:i + n])
        tot += 1; wins += ga > gb
    ga = math.prod(1 + a[k] / 100 for k in keys); gb = math.prod(1 + b[k] / 100 for k in keys)
    yrs = len(keys) / 12
    geo = ((ga ** (1 / yrs)) - (gb ** (1 / yrs))) * 100
    ar = (statistics.mean(a[k] for k in keys) - statistics.mean(b[k] for k in keys)) * 12
    return wins / tot * 100, tot, geo, ar

if __name__ == "__main__":
    d = date
    print("== seeds ==")
    for as_of in [d(2026, 1, 15), d(2026, 1, 16)]:
        runs = rel_streaks("^RUT", "^GSPC", as_of)
        ls = longest_since(runs)
        print("rel streak RUT>SPX as of", as_of, runs[-1], "longest since", ls)
    print("record close 2026-01-16", record_close("^RUT", d(2026, 1, 16)), closes("^RUT", d(2026,1,16))[-1])
    print("record high 2026-01-16", record_high("^RUT", d(2026, 1, 16)))
    for s in [d(2025, 12, 1), d(2025, 12, 2), d(2025, 12, 31), d(2026, 1, 1), d(2025, 11, 1), d(2025, 12, 15), d(2025,12,30), d(2026,1,2)]:
        print("RUT return from", s, "to 2026-01-16", period_return("^RUT", s, d(2026, 1, 16)))
    print("vol RUT 12-01..01-16 sample/pop", vol("^RUT", d(2025, 12, 1), d(2026, 1, 16)), vol("^RUT", d(2025, 12, 1), d(2026, 1, 16), False))
    for etf, name in [("XLI","Industrials"),("XLF","Financials"),("XLP","Staples"),("XLRE","Real estate"),("XLC","Comm"),("XLY","Discretionary"),("XLV","Health"),("XLK","Tech"),("XLE","Energy"),("XLU","Utilities"),("XLB","Materials")]:
        if etf in SOURCES:
            print(etf, name, "close", round(day_move(etf, d(2026, 1, 16)), 4))
        else:
            a = adj(etf); ks = sorted(k for k in a if k <= d(2026,1,16))
            print(etf, name, "adj", round((a[ks[-1]] / a[ks[-2]] - 1) * 100, 4), ks[-1])
    print("rate changes 2025", rate_changes(d(2025, 1, 1), d(2026, 1, 16)))
    print("RUT YTD", period_return("^RUT", d(2026, 1, 1), d(2026, 1, 16)))
    print("NDX YTD", period_return("^NDX", d(2026, 1, 1), d(2026, 1, 16)))
    print("IXIC YTD", period_return("^IXIC", d(2026, 1, 1), d(2026, 1, 16)))
    print("QQQ YTD", period_return("QQQ", d(2026, 1, 1), d(2026, 1, 16)))
    print("SPX YTD", period_return("^GSPC", d(2026, 1, 1), d(2026, 1, 16)))
    print("SPX 12-01..01-16", period_return("^GSPC", d(2025, 12, 1), d(2026, 1, 16)))
    for a, b in [("Lo 30", "Hi 30"), ("Lo 10", "Hi 10"), ("Lo 20", "Hi 20")]:
        print("base rate 10y", a, b, base_rate(a, b, 10), "from 1927:", base_rate(a, b, 10, "192701"))
