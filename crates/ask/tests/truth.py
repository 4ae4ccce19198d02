#!/usr/bin/env python3
"""Independent truth for crates/ask/tests/questions.toml.

Reads the CSVs in ../shared/market-data with the csv module only (no code
from marketproof), consolidates series the way DESIGN.md says (priority:
guydekowski > hjyssg > heliar-k > wide tables > dsturdy), computes each
expected value, and writes questions.toml. Run from the workspace root:

    python3 crates/ask/tests/truth.py > crates/ask/tests/questions.toml
"""
import csv, json, math, os, statistics, sys
from datetime import date, timedelta

D = os.path.join(os.path.dirname(__file__), "../../../../shared/market-data")
def p(*a): return os.path.join(D, *a)
def d(s): return date.fromisoformat(s)

def read(path, col, datecol="date", skip=0):
    out = {}
    with open(path) as f:
        r = csv.reader(f)
        rows = list(r)
    head = rows[0]
    ci = head.index(col); di = head.index(datecol)
    for row in rows[1 + skip:]:
        if len(row) <= ci or not row[ci].strip(): continue
        try:
            v = float(row[ci])
        except ValueError:
            continue
        if not math.isfinite(v): continue
        out[d(row[di][:10])] = v
    return out

def merge(*sources):
    m = {}
    for s in reversed(sources):  # first source wins
        m.update(s)
    ks = sorted(m)
    return ks, [m[k] for k in ks]

def ndx(col):
    # yfinance 3-row header: Price,Adj Close,Close,High,...
    out = {}
    with open(p("hjyssg_tqqq-simulation", "^NDX.csv")) as f:
        rows = list(csv.reader(f))
    head = rows[0]
    ci = head.index(col)
    for row in rows[3:]:
        if row[ci]: out[d(row[0])] = float(row[ci])
    return out

AP = lambda c: read(p("heliar-k_market-base", "asset_prices.csv"), c)
SER = {
    "^GSPC": merge(read(p("guydekowski_market-lab", "GSPC.csv"), "close"), read(p("heliar-k_market-base", "SPX.csv"), "close"), AP("SPX")),
    "^RUT": merge(read(p("hjyssg_tqqq-simulation", "^RUT.csv"), "Close", "Date"), read(p("heliar-k_market-base", "RUT.csv"), "close"), AP("RUT")),
    "^RUT.high": merge(read(p("hjyssg_tqqq-simulation", "^RUT.csv"), "High", "Date"), read(p("heliar-k_market-base", "RUT.csv"), "high")),
    "^GSPC.high": merge(read(p("guydekowski_market-lab", "GSPC.csv"), "high"), read(p("heliar-k_market-base", "SPX.csv"), "high")),
    "^NDX": merge(ndx("Close"), AP("NDX")),
    "^IXIC": merge(read(p("heliar-k_market-base", "IXIC.csv"), "close")),
    "^DJI": merge(AP("DJI")),
    "^VIX": merge(read(p("guydekowski_market-lab", "VIX.csv"), "close"), read(p("datasets_finance-vix", "vix-daily.csv"), "CLOSE", "DATE")),
    "^GSPC.open": merge(read(p("guydekowski_market-lab", "GSPC.csv"), "open"), read(p("heliar-k_market-base", "SPX.csv"), "open")),
}
for e in ["IWM", "SPY", "QQQ", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"]:
    SER[e] = merge(read(p("guydekowski_market-lab", e + ".csv"), "close"))
for e in ["XLB", "XLC", "XLRE", "IJR", "IJS", "IWN", "VB", "VBR", "SPSM", "SFLO", "RSP", "DIA"]:
    SER[e] = merge(read(p("dsturdy_factor-attribution", e + ".csv"), "Close", "Date"))
RATES = p("heliar-k_market-base", "rates.csv")
for c in ["DGS10", "DGS2", "DFEDTARU", "DFEDTARL"]:
    SER[c] = merge(read(RATES, c))

def french(col):
    out = {}
    with open(p("talezadeh_ff-size", "Portfolios_Formed_on_ME.CSV")) as f:
        rows = list(csv.reader(f))
    head = [h.strip() for h in rows[0]]
    ci = head.index(col)
    for row in rows[1:]:
        if not row or not row[0].strip().isdigit() or len(row[0].strip()) != 6:
            break  # first block only: value-weighted returns
        v = float(row[ci])
        if v <= -99.99: continue
        out[date(int(row[0][:4]), int(row[0][4:6]), 1)] = v
    ks = sorted(out)
    return ks, [out[k] for k in ks]
FF = {"FF_ME_LO30": french("Lo 30"), "FF_ME_HI30": french("Hi 30")}

def cut(sym, as_of):
    ds, vs = SER[sym]
    n = sum(1 for x in ds if x <= as_of)
    return ds[:n], vs[:n]

def idx(ds, day): return ds.index(day)

def ret(sym, base_before, last_on_or_before, as_of):
    ds, vs = cut(sym, as_of)
    b = max(i for i, x in enumerate(ds) if x < base_before)
    e = max(i for i, x in enumerate(ds) if x <= last_on_or_before)
    return (vs[e] / vs[b] - 1) * 100, ds[b], ds[e]

def common(a, b, as_of):
    da, va = cut(a, as_of); db, vb = cut(b, as_of)
    mb = dict(zip(db, vb))
    g = [(x, v, mb[x]) for x, v in zip(da, va) if x in mb]
    return [x[0] for x in g], [x[1] for x in g], [x[2] for x in g]

def hits_rel(a, b, up=True):
    h = [False]
    for i in range(1, len(a)):
        ra = a[i] / a[i-1] - 1; rb = b[i] / b[i-1] - 1
        h.append(ra > rb if up else ra < rb)
    return h

def runs(h):
    out = []; s = None
    for i, x in enumerate(h):
        if x and s is None: s = i
        if not x and s is not None: out.append((s, i - 1)); s = None
    if s is not None: out.append((s, len(h) - 1))
    return out

def current_streak(dates, a, b=None):
    n = len(a)
    ra = a[-1] / a[-2] - 1; rb = (b[-1] / b[-2] - 1) if b else 0.0
    up = ra > rb
    h = hits_rel(a, b, up) if b else [False] + [(a[i]/a[i-1]-1 > 0) if up else (a[i]/a[i-1]-1 < 0) for i in range(1, n)]
    k = 0
    while h[n - 1 - k]: k += 1
    start = n - k
    # longest since: last earlier run of >= k that ended before start
    prev = [r for r in runs(h[:start]) if r[1] - r[0] + 1 >= k]
    ls = prev[-1] if prev else None
    base = start - 1
    out = {"value": k, "direction": "up" if up else "down", "start_date": dates[start], "change_pct": (a[-1]/a[base]-1)*100}
    if b: out["vs_change_pct"] = (b[-1]/b[base]-1)*100
    if ls: out["longest_since_len"] = ls[1] - ls[0] + 1; out["longest_since_end"] = dates[ls[1]]
    return out

def fwd(v, i, h):
    return (v[i + h] / v[i] - 1) * 100 if i + h < len(v) else None

def hstats(v, ev, h):
    f = [x for x in (fwd(v, i, h) for i in ev) if x is not None]
    return len(f), statistics.median(f) if f else None, (sum(1 for x in f if x > 0) / len(f) * 100) if f else None

A = d("2026-01-16")
Q = []
def q(question, as_of, plan, checks, context=None, note=""):
    Q.append(dict(q=question, as_of=str(as_of), plan=plan, checks=checks, context=context, note=note))

def ck(step, key, val, tol=None):
    c = {"step": step, "key": key}
    if isinstance(val, bool): c["bool"] = val
    elif isinstance(val, date): c["date"] = str(val)
    elif isinstance(val, int): c["int"] = val
    elif isinstance(val, float): c["num"] = round(val, 6); c["tol"] = tol if tol is not None else 0.006
    else: c["text"] = val
    return c

def streak_q(question, a, b, as_of=A, context=None):
    ds, va, vb = common(a, b, as_of) if b else (*cut(a, as_of), None)
    s = current_streak(ds, va, vb)
    checks = [ck(0, "value", s["value"]), ck(0, "start_date", s["start_date"]), ck(0, "direction", s["direction"]), ck(0, "change_pct", s["change_pct"])]
    if b: checks.append(ck(0, "vs_change_pct", s["vs_change_pct"]))
    if "longest_since_len" in s: checks += [ck(0, "longest_since_len", s["longest_since_len"]), ck(0, "longest_since_end", s["longest_since_end"])]
    q(question, as_of, [{"kind": "streak", "symbol": a, "vs": b, "direction": None, "as_of": str(as_of)}], checks, context)

# --- streaks
streak_q("How long has IWM beaten SPY?", "IWM", "SPY")
streak_q("how long has iwm been beating spy", "IWM", "SPY")
streak_q("and the Nasdaq 100?", "^NDX", "SPY", context="How long has IWM beaten SPY?")
streak_q("How long has the Russell 2000 beaten the S&P 500?", "^RUT", "^GSPC")
streak_q("How many straight sessions has the Nasdaq 100 outperformed the Russell 2000?", "^NDX", "^RUT")
streak_q("How many days in a row has the S&P 500 risen?", "^GSPC", None)
streak_q("how long have small caps been beating large caps as of 2025-11-28?", "^RUT", "^GSPC", as_of=d("2025-11-28"))

# --- streak counts
def count_q(question, a, b, min_len, frm, as_of=A, up=True):
    if b: ds, va, vb = common(a, b, as_of); h = hits_rel(va, vb, up)
    else:
        ds, va = cut(a, as_of); h = [False] + [(va[i]/va[i-1]-1 > 0) if up else (va[i]/va[i-1]-1 < 0) for i in range(1, len(va))]
    f0 = next(i for i, x in enumerate(ds) if x >= frm)
    # runs counted when they end inside the window and reach min_len inside it (facts' count_runs)
    rs = [r for r in runs(h) if r[1] >= f0 and (r[1] - max(r[0], f0) + 1) >= min_len]
    q(question, as_of, [{"kind": "streak_count", "symbol": a, "vs": b, "direction": "up" if up else "down", "min_len": min_len, "from": str(frm), "as_of": str(as_of)}],
      [ck(0, "value", len(rs))] + ([ck(0, "longest_len", max(r[1]-r[0]+1 for r in rs))] if rs else []))
count_q("How many 10-day winning streaks has IWM had against SPY since 2000?", "IWM", "SPY", 10, d("2000-01-01"))
count_q("How many times has the S&P 500 risen 10 days in a row since 1990?", "^GSPC", None, 10, d("1990-01-01"))

# --- last declines (event study on drawdown) + current drawdown
def dd_events(v, pct):
    out = []; peak = 0; crossed = False
    for i in range(1, len(v)):
        if v[i] > v[peak]: peak = i; crossed = False
        elif not crossed and (v[i] / v[peak] - 1) * 100 <= pct: out.append((peak, i)); crossed = True
    return out
def drawdown(v):
    peak = max(range(len(v)), key=lambda i: (v[i], -i))
    return (v[-1] / v[peak] - 1) * 100, peak
def last_decline_q(question, sym, pct, as_of=A):
    ds, v = cut(sym, as_of)
    ev = [e for e in dd_events(v, pct) if e[1] < len(v) - 1]  # a crossing on the as-of session is the current one
    n, med, hit = hstats(v, [i for _, i in ev], 252)
    dd, pk = drawdown(v)
    q(question, as_of, [{"kind": "event_study", "symbol": sym, "condition": {"type": "drawdown", "pct": pct}, "as_of": str(as_of)}, {"kind": "drawdown", "symbol": sym, "as_of": str(as_of)}],
      [ck(0, "value", len(ev)), ck(0, "last_occurrence", ds[ev[-1][1]]), ck(0, "last_peak_date", ds[ev[-1][0]]), ck(0, "fwd252_median_pct", med), ck(0, "fwd252_hit_pct", hit, 0.06), ck(1, "value", dd), ck(1, "peak_date", ds[pk])])
last_decline_q("When did the S&P 500 last fall 10% from its high?", "^GSPC", -10.0)
last_decline_q("When was the last time the Nasdaq 100 dropped 20% from its peak?", "^NDX", -20.0)
last_decline_q("When did the Russell 2000 last enter a correction?", "^RUT", -10.0)

# --- records
def record_q(question, sym, kinds, as_of=A, context=None, plan_as_of=None):
    plan = []; checks = []
    for k, kind in enumerate(kinds):
        plan.append({"kind": "record", "symbol": sym, "record": kind, "as_of": str(as_of)})
        ds, v = cut(sym + (".high" if kind == "intraday_high" else ""), as_of)
        best = max(range(len(v) - 1), key=lambda i: (v[i], i))  # latest max among earlier
        is_rec = v[-1] > max(v[:-1])
        rec = max(range(len(v)), key=lambda i: (v[i], -i))
        checks.append(ck(k, "value", is_rec))
        if is_rec:
            checks.append(ck(k, "previous_record_date", ds[max(range(len(v) - 1), key=lambda i: (v[i], -i))]))
        else:
            checks.append(ck(k, "record_date", ds[rec])); checks.append(ck(k, "sessions_since_record", len(v) - 1 - rec))
    q(question, as_of, plan, checks, context)
record_q("Is the Russell 2000 at a record?", "^RUT", ["close", "intraday_high"])
record_q("Is the Russell 2000 at a record close?", "^RUT", ["close"])
record_q("Was the S&P 500 at an all-time high as of 2025-04-08?", "^GSPC", ["close", "intraday_high"], as_of=d("2025-04-08"))
record_q("Is the S&P 500 at a record close?", "^GSPC", ["close"])
record_q("and the Dow?", "^DJI", ["close"], context="Is the S&P 500 at a record close?")

# --- cross sections
SECTORS = ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]
def day_ret(sym, day):
    ds, v = SER[sym]; i = ds.index(day); return (v[i] / v[i-1] - 1) * 100
def cs_q(question, members, basket, period, as_of, rets, extra_checks=(), plan_as_of=None):
    up = sum(1 for r in rets.values() if r > 0)
    lead = max(rets, key=rets.get); lag = min(rets, key=rets.get)
    checks = [ck(0, "value", up), ck(0, "leader", lead), ck(0, "laggard", lag)] + [ck(0, "return_pct." + s, r) for s, r in rets.items()]
    q(question, plan_as_of or as_of, [{"kind": "cross_section", "basket": basket, "period": period, "as_of": str(as_of)}], checks + list(extra_checks))
for day, text in [("2020-03-16", "How did the sectors do on March 16, 2020?"), ("2026-01-16", "How did the sectors do on 2026-01-16?")]:
    cs_q(text, SECTORS, {"type": "sectors"}, {"type": "day"}, d(day), {s: day_ret(s, d(day)) for s in SECTORS})
cs_q("Which sector did best in 2025?", SECTORS, {"type": "sectors"}, {"type": "year", "year": 2025}, d("2025-12-31"),
     {s: ret(s, d("2025-01-01"), d("2025-12-31"), d("2025-12-31"))[0] for s in SECTORS}, plan_as_of=A)
INDICES = ["^GSPC", "^RUT", "^NDX", "^IXIC", "^DJI"]
cs_q("How did the major indices do on 2026-01-16?", INDICES, {"type": "indices"}, {"type": "day"}, A, {s: day_ret(s, A) for s in INDICES})

# --- base rates
def base_rate(da, a, db, b, years, frm=None):
    mb = dict(zip(db, b))
    rows = [(x, a[i], mb[x]) for i, x in enumerate(da) if x in mb and (frm is None or x >= frm)]
    w = years * 12; n = len(rows); wins = 0; nw = 0
    for s in range(0, n - w + 1):
        ga = 1.0; gb = 1.0
        for _, ra, rb in rows[s:s + w]: ga *= 1 + ra / 100; gb *= 1 + rb / 100
        nw += 1; wins += ga > gb
    return nw, wins, wins / nw * 100
def monthly_from_daily(sym, as_of):
    ds, v = cut(sym, as_of)
    ends = [i for i in range(len(ds)) if i + 1 == len(ds) or (ds[i+1].year, ds[i+1].month) != (ds[i].year, ds[i].month)]
    out = [(date(ds[j].year, ds[j].month, 1), (v[j] / v[i] - 1) * 100) for i, j in zip(ends, ends[1:])]
    # complete months only: month end on or before as-of
    out = [(m, r) for m, r in out if (date(m.year + (m.month == 12), m.month % 12 + 1, 1) - timedelta(days=1)) <= as_of]
    return [m for m, _ in out], [r for _, r in out]
nw, wins, share = base_rate(*FF["FF_ME_LO30"], *FF["FF_ME_HI30"], 10, date(1927, 1, 1))
q("How often have small caps beaten large caps over 10-year windows since 1927?", A,
  [{"kind": "base_rate", "a": "FF_ME_LO30", "b": "FF_ME_HI30", "window_years": 10, "from": "1927-01-01", "as_of": str(A)}],
  [ck(0, "value", share, 0.01), ck(0, "n_windows", nw), ck(0, "n_a_wins", wins)])
nw, wins, share = base_rate(*FF["FF_ME_LO30"], *FF["FF_ME_HI30"], 20)
q("What share of rolling 20-year periods did small caps beat large caps?", A,
  [{"kind": "base_rate", "a": "FF_ME_LO30", "b": "FF_ME_HI30", "window_years": 20, "from": None, "as_of": str(A)}],
  [ck(0, "value", share, 0.01), ck(0, "n_windows", nw), ck(0, "n_a_wins", wins)])
ma, ra_ = monthly_from_daily("^RUT", A); mb_, rb_ = monthly_from_daily("^GSPC", A)
nw, wins, share = base_rate(ma, ra_, mb_, rb_, 5)
q("How often has the Russell 2000 beaten the S&P 500 over 5-year windows?", A,
  [{"kind": "base_rate", "a": "^RUT", "b": "^GSPC", "window_years": 5, "from": None, "as_of": str(A)}],
  [ck(0, "value", share, 0.01), ck(0, "n_windows", nw), ck(0, "n_a_wins", wins)])

# --- event studies
def streak_study_q(question, a, b, min_len, as_of=A):
    ds, va, vb = common(a, b, as_of)
    h = hits_rel(va, vb, True)
    rs = [r for r in runs(h) if r[1] - r[0] + 1 >= min_len and r[1] != len(h) - 1]
    sd, sv = cut(a, as_of)
    # The event is the session each run reached min_len (known on that day),
    # not the run's last session (known only when the run breaks).
    ev = [sd.index(ds[r[0] + min_len - 1]) for r in rs]
    last = rs[-1]
    checks = [ck(0, "value", len(rs)), ck(0, "last_start", ds[last[0]]), ck(0, "last_len", last[1] - last[0] + 1), ck(0, "last_end", ds[last[1]]), ck(0, "last_occurrence", ds[last[0] + min_len - 1])]
    for hz in (21, 63, 126, 252):
        n, med, hit = hstats(sv, ev, hz)
        checks += [ck(0, f"fwd{hz}_n", n), ck(0, f"fwd{hz}_median_pct", med), ck(0, f"fwd{hz}_hit_pct", hit, 0.06)]
        lf = fwd(sv, ev[-1], hz)
        if lf is not None: checks.append(ck(0, f"fwd{hz}_last_pct", lf))
    q(question, as_of, [{"kind": "event_study", "symbol": a, "condition": {"type": "streak", "vs": b, "direction": "up", "min_len": min_len}, "as_of": str(as_of)}], checks)
streak_study_q("What happened to small caps after their last 10-day winning streak against large caps?", "^RUT", "^GSPC", 10)
streak_study_q("What happened to IWM after it beat SPY 8 days in a row?", "IWM", "SPY", 8)
def move_study_q(question, sym, pct, as_of=A):
    ds, v = cut(sym, as_of)
    # An occurrence on the as-of session is the current one, not counted.
    ev = [i for i in range(1, len(v) - 1) if ((v[i]/v[i-1]-1)*100 <= pct if pct < 0 else (v[i]/v[i-1]-1)*100 >= pct)]
    checks = [ck(0, "value", len(ev)), ck(0, "last_occurrence", ds[ev[-1]])]
    for hz in (21, 252):
        n, med, hit = hstats(v, ev, hz)
        checks += [ck(0, f"fwd{hz}_n", n), ck(0, f"fwd{hz}_median_pct", med), ck(0, f"fwd{hz}_hit_pct", hit, 0.06)]
    q(question, as_of, [{"kind": "event_study", "symbol": sym, "condition": {"type": "daily_move", "pct": pct}, "as_of": str(as_of)}], checks)
move_study_q("What happened to the S&P 500 after a one-day drop of 5% or more?", "^GSPC", -5.0)
move_study_q("How did the Russell 2000 do after a daily gain of 5% or more, historically?", "^RUT", 5.0)
def record_study_q(question, sym, as_of=A):
    ds, v = cut(sym, as_of)
    ev = []; best = v[0]
    for i in range(1, len(v)):
        if v[i] > best and i < len(v) - 1: ev.append(i)  # the as-of session is the current one
        best = max(best, v[i])
    checks = [ck(0, "value", len(ev)), ck(0, "last_occurrence", ds[ev[-1]])]
    for hz in (63, 252):
        n, med, hit = hstats(v, ev, hz)
        checks += [ck(0, f"fwd{hz}_n", n), ck(0, f"fwd{hz}_median_pct", med), ck(0, f"fwd{hz}_hit_pct", hit, 0.06)]
    q(question, as_of, [{"kind": "event_study", "symbol": sym, "condition": {"type": "record_close"}, "as_of": str(as_of)}], checks)
record_study_q("What happened to the Nasdaq 100 after record closes?", "^NDX")

def january_q(question, sym, monthly, as_of=A):
    if monthly:
        ms, rs = FF[sym]; lvl = 100.0; ds = []; v = []
        for m, r in zip(ms, rs): lvl *= 1 + r / 100; ds.append(m); v.append(lvl)
    else:
        ds, v = cut(sym, as_of)
    last = {}
    for i, x in enumerate(ds):
        if x <= as_of: last[(x.year, x.month)] = i
    yrs = []
    for (y, m) in sorted(last):
        if m != 1 or (y - 1, 12) not in last or date(y, 1, 31) > as_of: continue
        j = (v[last[(y, 1)]] / v[last[(y - 1, 12)]] - 1) * 100
        rest = (v[last[(y, 12)]] / v[last[(y, 1)]] - 1) * 100 if (y, 12) in last and date(y, 12, 31) <= as_of else None
        yrs.append((y, j, rest))
    comp = [t for t in yrs if t[2] is not None]
    sig = [t for t in comp if t[1] > 0]; oth = [t for t in comp if not t[1] > 0]
    up = lambda g: sum(1 for t in g if t[2] > 0) / len(g) * 100
    checks = [ck(0, "n_years", len(comp)), ck(0, "value", len(sig)), ck(0, "signal_rest_up_pct", up(sig), 0.06), ck(0, "other_rest_up_pct", up(oth), 0.06),
              ck(0, "signal_rest_median_pct", statistics.median([t[2] for t in sig])), ck(0, "latest_january_pct", yrs[-1][1])]
    q(question, as_of, [{"kind": "event_study", "symbol": sym, "condition": {"type": "january", "pct": 0.0}, "as_of": str(as_of)}], checks)
january_q("Does a strong January predict the year for small caps?", "FF_ME_LO30", True)
january_q("Does a good January predict the rest of the year for the S&P 500?", "^GSPC", False)

# --- Fed
# FOMC announcement dates (crates/model/fomc.toml, the Fed's meeting
# calendars). FRED moves the range on the day it takes effect: usually the
# day after the announcement, the same day on 2015-12-16 and 2016-12-14.
import re
FOMC = sorted(date.fromisoformat(x) for x in re.findall(r'"(\d{4}-\d{2}-\d{2})"',
              open(os.path.join(os.path.dirname(__file__), "../../model/fomc.toml")).read()))
def announced(effective):
    near = [a for a in FOMC if effective - timedelta(days=3) <= a <= effective]
    return near[-1] if near else effective - timedelta(days=1)

def fed_q(question, frm, as_of, plan_as_of=A):
    du, vu = SER["DFEDTARU"]; dl, vl = SER["DFEDTARL"]
    ml = dict(zip(dl, vl))
    g = [(x, u, ml[x]) for x, u in zip(du, vu) if x in ml and x <= as_of + timedelta(days=1)]
    dec = []
    for i in range(1, len(g)):
        if g[i][1] != g[i-1][1] or g[i][2] != g[i-1][2]:
            ann = announced(g[i][0])
            if ann <= as_of: dec.append((ann, (g[i][1] - g[i-1][1]) * 100))
    win = [x for x in dec if frm is None or x[0] >= frm]
    cuts = sum(1 for x in win if x[1] < 0); hikes = sum(1 for x in win if x[1] > 0)
    checks = [ck(0, "value", len(win)), ck(0, "n_cuts", cuts), ck(0, "n_hikes", hikes), ck(0, "net_bp", float(sum(x[1] for x in win)), 0.01)]
    if win: checks.append(ck(0, "decision01_date", win[0][0]))
    checks.append(ck(0, "latest_decision_date", dec[-1][0]))
    q(question, plan_as_of, [{"kind": "rate_decisions", "from": str(frm) if frm else None, "as_of": str(as_of)}], checks,
      note=f"range on {as_of}: {g[-1][2]:.2f}-{g[-1][1]:.2f}")
fed_q("How many times did the Fed cut rates in 2025, and to what range?", d("2025-01-01"), d("2025-12-31"))
fed_q("How many times did the Fed cut rates in 2025?", d("2025-01-01"), d("2025-12-31"))
fed_q("How many times did the FOMC hike in 2022?", d("2022-01-01"), d("2022-12-31"))
fed_q("When did the Fed last cut rates?", None, A)

# --- extremes
def extreme_q(question, sym, up, frm, as_of, plan_frm=None):
    ds, v = cut(sym, as_of)
    s = 1 if frm is None else max(1, next(i for i, x in enumerate(ds) if x >= frm))
    rs = [((v[i]/v[i-1]-1)*100, i) for i in range(s, len(v))]
    r, i = (max if up else min)(rs, key=lambda t: (t[0], -t[1]) if up else (t[0], t[1]))
    q(question, A, [{"kind": "extreme_move", "symbol": sym, "direction": "up" if up else "down", "from": str(frm) if frm else None, "as_of": str(as_of)}],
      [ck(0, "value", r), ck(0, "date", ds[i])])
extreme_q("What was the worst day for the VIX?", "^VIX", False, None, A)
extreme_q("What was the best day ever for the S&P 500?", "^GSPC", True, None, A)
extreme_q("What was the Russell 2000's biggest one-day drop since 2020?", "^RUT", False, d("2020-01-01"), A)
extreme_q("What was the worst day for the Nasdaq 100 in 2025?", "^NDX", False, d("2025-01-01"), d("2025-12-31"))

# --- returns and comparisons
def ret_plan(sym, period, as_of=A): return {"kind": "return", "symbol": sym, "period": period, "as_of": str(as_of)}
def ret_checks(k, sym, base_before, last, as_of=A):
    r, b, e = ret(sym, base_before, last, as_of)
    return [ck(k, "value", r), ck(k, "base_date", b), ck(k, "end_date", e)]
y25 = {"type": "year", "year": 2025}; y24 = {"type": "year", "year": 2024}
q("Did the Nasdaq 100 or the Russell 2000 do better in 2025?", A, [ret_plan("^NDX", y25), ret_plan("^RUT", y25)],
  ret_checks(0, "^NDX", d("2025-01-01"), d("2025-12-31")) + ret_checks(1, "^RUT", d("2025-01-01"), d("2025-12-31")))
q("what about 2024?", A, [ret_plan("^NDX", y24), ret_plan("^RUT", y24)],
  ret_checks(0, "^NDX", d("2024-01-01"), d("2024-12-31")) + ret_checks(1, "^RUT", d("2024-01-01"), d("2024-12-31")),
  context="Did the Nasdaq 100 or the Russell 2000 do better in 2025?")
q("How did the S&P 500 do in 2025?", A, [ret_plan("^GSPC", y25)], ret_checks(0, "^GSPC", d("2025-01-01"), d("2025-12-31")))
q("How has the Russell 2000 done year to date?", A, [ret_plan("^RUT", {"type": "year_to_date"})], ret_checks(0, "^RUT", d("2026-01-01"), A))
q("What was the S&P 500's return between 2025-12-01 and 2026-01-16?", A, [ret_plan("^GSPC", {"type": "between", "from": "2025-12-01", "to": "2026-01-16"})], ret_checks(0, "^GSPC", d("2025-12-01"), A))
q("How much has IWM gained since 2025-04-08?", A, [ret_plan("IWM", {"type": "since", "from": "2025-04-08"})], ret_checks(0, "IWM", d("2025-04-08"), A))
q("How did the S&P 500 do in the first half of 2025?", A, [ret_plan("^GSPC", {"type": "half", "year": 2025, "half": 1})], ret_checks(0, "^GSPC", d("2025-01-01"), d("2025-06-30")))
q("How did small caps do in Q3 2025?", A, [ret_plan("^RUT", {"type": "quarter", "year": 2025, "quarter": 3})], ret_checks(0, "^RUT", d("2025-07-01"), d("2025-09-30")))
q("How did the Nasdaq 100 do last month?", A, [ret_plan("^NDX", {"type": "month", "year": 2025, "month": 12})], ret_checks(0, "^NDX", d("2025-12-01"), d("2025-12-31")))
q("Compare IWM and SPY since 2025-01-01", A, [ret_plan("IWM", {"type": "since", "from": "2025-01-01"}), ret_plan("SPY", {"type": "since", "from": "2025-01-01"})],
  ret_checks(0, "IWM", d("2025-01-01"), A) + ret_checks(1, "SPY", d("2025-01-01"), A))

def dm_q(question, sym, day):
    ds, v = SER[sym]; i = ds.index(day)
    q(question, A, [{"kind": "daily_move", "symbol": sym, "as_of": str(day)}], [ck(0, "value", (v[i]/v[i-1]-1)*100), ck(0, "previous_date", ds[i-1])])
dm_q("How did the Dow do on 2026-01-16?", "^DJI", A)
dm_q("How did the Russell 2000 do on April 9, 2025?", "^RUT", d("2025-04-09"))
dm_q("What did the VIX do on 2020-03-16?", "^VIX", d("2020-03-16"))

# --- levels
def lvl_q(question, sym, field, as_of, plan_as_of=A):
    ds, v = cut(sym, as_of)
    q(question, plan_as_of, [{"kind": "level", "symbol": sym, "field": field, "as_of": str(as_of)}], [ck(0, "value", v[-1], 0.0001), ck(0, "date", ds[-1])])
lvl_q("What is the 10-year Treasury yield?", "DGS10", "value", A)
lvl_q("What was the 2-year yield on 2025-12-31?", "DGS2", "value", d("2025-12-31"))
lvl_q("Where did the S&P 500 close on 2026-01-16?", "^GSPC", "close", A)

# --- volatility, moving averages, drawdowns, since
ds, v = cut("^GSPC", d("2025-12-31"))
i0 = next(i for i, x in enumerate(ds) if x >= d("2025-01-01"))
rr = [v[i]/v[i-1]-1 for i in range(i0, len(v))]
q("How volatile was the S&P 500 in 2025?", A, [{"kind": "volatility", "symbol": "^GSPC", "period": y25, "annualised": True, "sample": True, "as_of": str(A)}],
  [ck(0, "value", statistics.stdev(rr) * math.sqrt(252) * 100), ck(0, "n_returns", len(rr))])
def ma_q(question, sym, w, as_of):
    ds, v = cut(sym, as_of); m = sum(v[-w:]) / w
    q(question, as_of, [{"kind": "moving_average", "symbol": sym, "window": w, "as_of": str(as_of)}], [ck(0, "value", m, 0.01), ck(0, "above", v[-1] > m)])
ma_q("Is the S&P 500 above its 200-day moving average?", "^GSPC", 200, A)
ma_q("Is the Russell 2000 above its 50-day moving average as of 2025-04-08?", "^RUT", 50, d("2025-04-08"))
def dd_q(question, sym, as_of):
    ds, v = cut(sym, as_of); dd, pk = drawdown(v)
    ev = dd_events(v, -10.0)
    checks = [ck(0, "value", dd), ck(0, "peak_date", ds[pk])]
    if dd <= -10:
        cs = next(i for i in range(pk, len(v)) if (v[i]/v[pk]-1)*100 <= -10)
        checks.append(ck(0, "correction_start", ds[cs]))
    q(question, as_of, [{"kind": "drawdown", "symbol": sym, "as_of": str(as_of)}], checks)
dd_q("How far is the Nasdaq from its high?", "^IXIC", A)
dd_q("Is the Nasdaq 100 in a correction as of 2025-04-08?", "^NDX", d("2025-04-08"))
def since_q(question, sym, highest, as_of=A):
    ds, v = cut(sym, as_of); i = len(v) - 1
    j = next((k for k in range(i - 1, -1, -1) if (v[k] >= v[i] if highest else v[k] <= v[i])), None)
    q(question, as_of, [{"kind": "highest_since" if highest else "lowest_since", "symbol": sym, "as_of": str(as_of)}], [ck(0, "value", ds[j])])
since_q("Is the VIX at its lowest since 2024?", "^VIX", False)
since_q("When was the S&P 500 last this high?", "^GSPC", True, as_of=d("2025-04-08"))

# --- rank, gap, CAPE
def year_returns(sym, as_of):
    ds, v = cut(sym, as_of); last = {}
    for i, x in enumerate(ds): last[x.year] = i
    ys = sorted(last)
    return {y: (v[last[y]] / v[last[y - 1]] - 1) * 100 for y in ys if y - 1 in last and date(y, 12, 31) <= as_of}
yr = year_returns("^NDX", A)
rank = 1 + sum(1 for r in yr.values() if r > yr[2025])
q("Was 2025 the best year for the Nasdaq 100 since 2023?", A, [{"kind": "return_rank", "symbol": "^NDX", "period": y25, "against": "year", "as_of": str(A)}],
  [ck(0, "value", rank), ck(0, "return_pct", yr[2025]), ck(0, "n_periods", len(yr))])
ds, o = SER["^GSPC.open"]; dc, c = SER["^GSPC"]
q("Did the S&P 500 gap up on 2026-01-16?", A, [{"kind": "gap", "symbol": "^GSPC", "as_of": str(A)}],
  [ck(0, "value", (o[ds.index(A)] / c[dc.index(A) - 1] - 1) * 100)])

print("# Questions for crates/ask/tests/questions.rs, with truth computed by")
print("# crates/ask/tests/truth.py from the CSVs in ../shared/market-data (csv module,")
print("# consolidation by source priority), never by running marketproof.")
print("# `plan` is the expected list of steps (JSON); `checks` read a Fact's value")
print("# (`key = \"value\"`) or a detail, for the step's Fact.\n")
for e in Q:
    print("[[question]]")
    print(f"q = {json.dumps(e['q'])}")
    print(f"as_of = \"{e['as_of']}\"")
    if e["context"]: print(f"context = {json.dumps(e['context'])}")
    if e["note"]: print(f"note = {json.dumps(e['note'])}")
    print(f"plan = '''{json.dumps(e['plan'])}'''")
    for c in e["checks"]:
        print("[[question.check]]")
        for k, val in c.items():
            print(f"{k} = {json.dumps(val)}")
    print()
print(f"# {len(Q)} questions", file=sys.stderr)
