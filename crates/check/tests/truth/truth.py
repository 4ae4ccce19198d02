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


# ---------- wire-copy phrase families (corpus section "wire") ----------

def rate(col):
    """FRED daily series from rates.csv: [(date, value)] skipping blanks."""
    rows = _read("heliar-k_market-base/rates.csv", "date", [col])
    return [(d, v[col.lower()]) for d, v in sorted(rows.items()) if col.lower() in v]

def move_rank_since(sym, d):
    """the day's move, its rank among moves of its sign, and the last earlier day at least as extreme."""
    r = rets(sym, d)
    assert r[-1][0] == d, (sym, d, r[-1])
    x = r[-1][1]
    same = [v for _, v in r if (v < 0 if x < 0 else v > 0)]
    rank = 1 + sum(1 for v in same if (v < x if x < 0 else v > x))
    since = next((dd for dd, v in reversed(r[:-1]) if (v <= x if x < 0 else v >= x)), None)
    return round(x * 100, 4), rank, len(same), since

def _pkey(d, kind):
    return {"year": (d.year, 1), "half": (d.year, 1 if d.month <= 6 else 2),
            "quarter": (d.year, (d.month - 1) // 3 + 1), "month": (d.year, d.month)}[kind]

def period_history(sym, kind, as_of, half=None):
    """[(key, return %)]: last close in the period / last close before it - 1."""
    c = closes(sym, as_of)
    last = {}
    order = []
    for d, v in c:
        k = _pkey(d, kind)
        if k not in last:
            order.append(k)
        last[k] = v
    out = []
    for i in range(1, len(order)):
        k = order[i]
        if half and k[1] != half:
            continue
        out.append((k, (last[k] / last[order[i - 1]] - 1) * 100))
    return out

def period_since(sym, kind, key, as_of, best):
    h = period_history(sym, kind, as_of, half=key[1] if kind == "half" else None)
    i = [k for k, _ in h].index(key)
    x = h[i][1]
    since = next((k for k, v in reversed(h[:i]) if (v >= x if best else v <= x)), None)
    return round(x, 4), since

def streak_count(sym, up, min_len, start, as_of):
    """runs of up (down) days of at least min_len ending on or after start (current run included)."""
    runs = [r for r in abs_streaks(sym, as_of) if r[3] == (1 if up else -1)]
    return sum(1 for r in runs if r[2] >= min_len and r[1] >= start)

def record_closes(sym, start, end):
    c = closes(sym, end)
    out, m = [], float("-inf")
    for d, v in c:
        if v > m:
            if d >= start and m != float("-inf"):
                out.append(d)
            m = v
    return out

def high_low_since(series, high):
    """series [(date, v)] up to the day: last earlier date with v >= (<=) today's."""
    d, x = series[-1]
    return next((dd for dd, v in reversed(series[:-1]) if (v >= x if high else v <= x)), None), x

SECTORS = ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]

def sector_returns(start, end):
    """{sym: return %} from the last close before start to the last close on or before end."""
    out = {}
    for s in SECTORS:
        c = closes(s, end)
        base = [x for x in c if x[0] < start]
        win = [x for x in c if start <= x[0] <= end]
        if base and win:
            out[s] = (win[-1][1] / base[-1][1] - 1) * 100
    return out

def level_on(series, d):
    s = [x for x in series if x[0] <= d]
    return s[-1], s[-2]

def drawdown(sym, d):
    c = closes(sym, d)
    peak = max(range(len(c)), key=lambda i: (c[i][1], -i))
    dd = (c[-1][1] / c[peak][1] - 1) * 100
    corr = next((c[j][0] for j in range(peak, len(c)) if (c[j][1] / c[peak][1] - 1) * 100 <= -10), None)
    bear = next((c[j][0] for j in range(peak, len(c)) if (c[j][1] / c[peak][1] - 1) * 100 <= -20), None)
    return round(dd, 4), c[peak][0], corr, bear

def ma_position(sym, n, d):
    c = closes(sym, d)
    side = []
    for i in range(n - 1, len(c)):
        m = sum(v for _, v in c[i - n + 1:i + 1]) / n
        side.append((c[i][0], c[i][1] > m, m))
    cur = side[-1][1]
    k = len(side) - 1
    while k > 0 and side[k - 1][1] == cur:
        k -= 1
    cross = side[k][0] if k > 0 else None
    prev = next((side[j][0] for j in range(k - 2, -1, -1) if side[j][1] == cur), None) if k > 0 else None
    return cur, round(side[-1][2], 2), cross, prev

def wire():
    d = date
    print("== wire ==")
    for sym, day in [("^GSPC", d(2020, 3, 16)), ("^GSPC", d(1987, 10, 19)), ("^RUT", d(2020, 3, 16)),
                     ("^GSPC", d(2025, 4, 4)), ("^NDX", d(2022, 11, 10)), ("^GSPC", d(2020, 3, 24)),
                     ("^GSPC", d(1931, 10, 6)), ("^GSPC", d(1933, 3, 15)), ("^IXIC", d(2022, 9, 13)),
                     ("^GSPC", d(2025, 4, 9)), ("QQQ", d(2025, 4, 9)), ("^RUT", d(2008, 11, 24)),
                     ("^GSPC", d(1940, 5, 14)), ("^GSPC", d(1962, 5, 28)), ("^VIX", d(2024, 8, 5))]:
        print("move", sym, day, move_rank_since(sym, day))
    print("year 2008 worst since", period_since("^GSPC", "year", (2008, 1), d(2008, 12, 31), False))
    print("H1 2022 worst since", period_since("^GSPC", "half", (2022, 1), d(2022, 6, 30), False))
    print("RUT 2024-11 best since", period_since("^RUT", "month", (2024, 11), d(2024, 11, 30), True))
    print("NDX 2020-04 best since", period_since("^NDX", "month", (2020, 4), d(2020, 4, 30), True))
    print("GSPC 1954 best since", period_since("^GSPC", "year", (1954, 1), d(1954, 12, 31), True))
    print("GSPC 2020-Q2 best since", period_since("^GSPC", "quarter", (2020, 2), d(2020, 6, 30), True))
    print("streaks GSPC up>=8 since 1928 to 2023-11-08", streak_count("^GSPC", True, 8, d(1928, 1, 1), d(2023, 11, 8)))
    print("streaks GSPC up>=8 since 1928 to 2023-11-08, 9+", streak_count("^GSPC", True, 9, d(1928, 1, 1), d(2023, 11, 8)))
    print("streaks NDX up>=11 all to 2025-09-15", streak_count("^NDX", True, 11, d(1900, 1, 1), d(2025, 9, 15)), abs_streaks("^NDX", d(2025, 9, 15))[-1])
    print("streaks RUT up>=15 since 1987 to 2016-11-25", streak_count("^RUT", True, 15, d(1900, 1, 1), d(2016, 11, 25)))
    print("GSPC down>=5 streaks since 2000 to 2025-01-10?", abs_streaks("^GSPC", d(2025, 1, 10))[-1])
    for yr, end in [(2024, d(2024, 12, 6)), (2026, d(2026, 1, 16)), (2021, d(2021, 12, 31)), (1995, d(1995, 12, 31))]:
        r = record_closes("^GSPC", d(yr, 1, 1), end)
        print("GSPC records", yr, "to", end, len(r), r[-3:])
    r = record_closes("^IXIC", d(2024, 1, 1), d(2024, 12, 31)); print("IXIC records 2024", len(r), r[:12])
    r = record_closes("^RUT", d(2025, 1, 1), d(2026, 1, 16)); print("RUT records 2025-26", len(r), r[-6:])
    for sym, day, high in [("^GSPC", d(2022, 10, 12), False), ("^VIX", d(2024, 8, 5), True), ("^RUT", d(2025, 4, 8), False),
                           ("^GSPC", d(1932, 6, 1), False), ("^GSPC", d(2009, 3, 9), False), ("^NDX", d(2025, 4, 4), False),
                           ("IWM", d(2026, 1, 16), True)]:
        print("since", sym, day, "high" if high else "low", high_low_since(closes(sym, day), high))
    for col, day, high in [("DGS10", d(2023, 10, 19), True), ("DGS2", d(2023, 3, 13), False), ("DGS10", d(2020, 3, 9), False), ("DGS30", d(2023, 10, 19), True)]:
        s = [x for x in rate(col) if x[0] <= day]
        print("since", col, day, high_low_since(s, high))
    for day in [d(2026, 1, 16), d(2020, 3, 16), d(2024, 11, 6), d(2008, 10, 13), d(2022, 9, 13), d(2025, 4, 9)]:
        r = sector_returns(day, day)
        srt = sorted(r.items(), key=lambda x: -x[1])
        print("sectors", day, "n", len(r), "up", sum(v > 0 for v in r.values()), "down", sum(v < 0 for v in r.values()), [(k, round(v, 2)) for k, v in srt])
    r = sector_returns(d(2022, 1, 1), d(2022, 12, 31)); print("sectors 2022", sorted(((k, round(v, 2)) for k, v in r.items()), key=lambda x: -x[1]))
    for col, day in [("DGS10", d(2023, 10, 19)), ("DGS2", d(2023, 3, 13)), ("DGS10", d(2022, 9, 28)), ("DGS2", d(2023, 11, 1)),
                     ("DGS10", d(1987, 10, 20)), ("DGS2", d(2024, 8, 5)), ("DGS10", d(2008, 11, 25)), ("DGS10", d(2020, 3, 9))]:
        print("rate", col, level_on(rate(col), day))
    for sym, day in [("^VIX", d(2024, 8, 5)), ("^GSPC", d(2024, 2, 9)), ("^GSPC", d(2024, 11, 8)), ("^GSPC", d(2024, 11, 11)),
                     ("^GSPC", d(1998, 2, 2)), ("^VIX", d(2020, 3, 16)), ("^VIX", d(2022, 3, 7))]:
        c = closes(sym, day)
        print("cross", sym, day, c[-1], c[-2], "max earlier", max(v for _, v in c[:-1]))
    for a, b, y in [("^NDX", "^GSPC", 2023), ("^RUT", "^GSPC", 2024), ("^RUT", "^GSPC", 2016), ("QQQ", "SPY", 2022), ("^GSPC", "^RUT", 1999)]:
        ra = period_return(a, d(y, 1, 1), d(y, 12, 31))[0]; rb = period_return(b, d(y, 1, 1), d(y, 12, 31))[0]
        print("spread", a, b, y, round(ra, 4), round(rb, 4), round(ra - rb, 4))
    ra = period_return("^RUT", d(2024, 11, 1), d(2024, 11, 30))[0]; rb = period_return("^GSPC", d(2024, 11, 1), d(2024, 11, 30))[0]
    print("spread RUT GSPC 2024-11", round(ra, 4), round(rb, 4), round(ra - rb, 4))
    for sym, day in [("^GSPC", d(2022, 6, 13)), ("^RUT", d(2026, 1, 16)), ("^IXIC", d(2025, 3, 10)), ("^NDX", d(2025, 4, 8)),
                     ("^GSPC", d(1987, 10, 19)), ("^GSPC", d(1929, 10, 29)), ("^GSPC", d(2020, 3, 12)), ("^GSPC", d(2025, 3, 13)), ("^RUT", d(2025, 4, 8))]:
        print("drawdown", sym, day, drawdown(sym, day))
    for sym, n, day in [("^RUT", 50, d(2026, 1, 16)), ("^GSPC", 200, d(2022, 1, 21)), ("^GSPC", 200, d(2025, 3, 10)),
                        ("^GSPC", 200, d(1998, 8, 4)), ("^IXIC", 50, d(2026, 1, 16)), ("^GSPC", 200, d(1973, 1, 29))]:
        print("ma", sym, n, day, ma_position(sym, n, day))

if __name__ == "__main__" and "wire" in sys.argv:
    wire()

# ---------- event studies (check/tests/event_claims.rs) ----------

def event_study(sym, pct, as_of, horizons=(21, 63, 126, 252)):
    """Earlier sessions whose one-day return is at or beyond pct% (the as-of
    session excluded), and per horizon h the cases with a close h sessions
    later (on or before as-of): n, median forward return %, share higher %.
    Also every h-session window of the history (the unconditional rate)."""
    c = closes(sym, as_of)
    last = len(c) - 1
    occ = [i for i in range(1, last) if (c[i][1] / c[i - 1][1] - 1) * 100 <= pct + 1e-12]
    out = {"count": len(occ), "first": c[0][0]}
    for h in horizons:
        f = [(c[i + h][1] / c[i][1] - 1) * 100 for i in occ if i + h <= last]
        a = [(c[i + h][1] / c[i][1] - 1) * 100 for i in range(0, last - h + 1)]
        out[h] = (len(f), statistics.median(f) if f else None, 100 * sum(x > 0 for x in f) / len(f) if f else None,
                  len(a), statistics.median(a), 100 * sum(x > 0 for x in a) / len(a))
    return out

if __name__ == "__main__" and "events" in sys.argv:
    e = event_study("^GSPC", -5.97, date(2025, 4, 4))
    print("event ^GSPC <= -5.97% as of 2025-04-04: count", e["count"], "history from", e["first"])
    for h in (21, 63, 126, 252):
        n, med, hit, an, amed, ahit = e[h]
        print(f"  h={h}: n={n} median={med:.4f} higher={hit:.4f} | all windows n={an} median={amed:.4f} higher={ahit:.4f}")
