#!/usr/bin/env python3
"""Independent truth for crates/ask/tests/questions.toml.

Reads the CSVs in ../shared/market-data with the csv module only (no code
from marketproof), consolidates series the way DESIGN.md says (priority:
guydekowski > hjyssg > heliar-k > wide tables > dsturdy), computes each
expected value, and writes questions.toml. Run from the workspace root:

    python3 crates/ask/tests/truth.py > crates/ask/tests/questions.toml

Each question states the plan the reader should make (steps of the query
algebra, the one the question asks for marked primary) and values of the
Facts that answer it. A question with `reader = "..."` is one the reader
does not read yet (a refusal, or a reading of another question): the main
tests skip it and the `reader_*` tests in questions.rs, ignored with the
reason, state the right reading.
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
# A session is a day the NYSE was open (DESIGN.md): the store leaves out rows
# on exchange holidays, which the VIX file carries (2025-01-20, 2025-07-04...).
# The S&P 500's own closes are the calendar.
NYSE = set(SER["^GSPC"][0])
SER["^VIX"] = merge({x: v for x, v in zip(*SER["^VIX"]) if x in NYSE})
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

def up_hits(v):
    return [False] + [v[i] / v[i-1] - 1 > 0 for i in range(1, len(v))]

A = d("2026-01-16")
Q = []
def q(question, as_of, plan, checks, context=None, note="", reader=None):
    Q.append(dict(q=question, as_of=str(as_of), plan=plan, checks=checks, context=context, note=note, reader=reader))

def ck(step, key, val, tol=None):
    c = {"step": step, "key": key}
    if isinstance(val, bool): c["bool"] = val
    elif isinstance(val, date): c["date"] = str(val)
    elif isinstance(val, int): c["int"] = val
    elif isinstance(val, float): c["num"] = round(val, 6); c["tol"] = tol if tol is not None else 0.006
    else: c["text"] = val
    return c

# --- the query algebra, as the plan's JSON (crates/model/src/algebra.rs)
def SYM(s): return {"type": "symbol", "symbol": s}
def REL(a, b): return {"type": "relative", "a": a, "b": b}
PRICE = {"type": "level", "field": {"type": "price"}}
HIGH = {"type": "level", "field": {"type": "field", "field": "high"}}
DAILY = {"type": "return", "sessions": 1}
DRAWDOWN = {"type": "drawdown"}
UP_RUN = {"type": "run_length", "of": DAILY, "pred": {"type": "gt", "x": 0.0}}
BELOW_PEAK_RUN = {"type": "run_length", "of": DRAWDOWN, "pred": {"type": "lt", "x": 0.0}}
def RECORD(level=PRICE): return {"type": "flag", "of": level, "pred": {"type": "new_max"}}
def FLAG(of, pred, x): return {"type": "flag", "of": of, "pred": {"type": pred, "x": x}}
DAY = {"type": "period", "period": {"type": "day"}}
ALL = {"type": "all"}
def between(a, b): return {"type": "period", "period": {"type": "between", "from": str(a), "to": str(b)}}
def R(kind, **kw): return dict({"type": kind}, **kw)
def series(subject, measure, window, reduce, as_of=A, primary=True):
    return {"kind": "series", "subject": subject, "measure": measure, "window": window, "reduce": reduce, "as_of": str(as_of), "primary": primary}

# --- streaks: the run of up sessions ending at the as-of session
def up_run_q(question, a, b, as_of=A, context=None, reader=None):
    if b:
        ds, va, vb = common(a, b, as_of)
        h = hits_rel(va, vb, True)
        last = ((va[-1] / va[-2]) / (vb[-1] / vb[-2]) - 1) * 100  # the ratio's daily return
    else:
        ds, va = cut(a, as_of)
        h = up_hits(va)
        last = (va[-1] / va[-2] - 1) * 100
    k = 0
    while h[len(h) - 1 - k]: k += 1
    checks = [ck(0, "value", k), ck(0, "reached_on", ds[-1]), ck(0, "tested_value", last)]
    if k: checks.append(ck(0, "run_start", ds[len(h) - k]))
    q(question, as_of, [series(REL(a, b) if b else SYM(a), UP_RUN, DAY, R("last"), as_of)], checks, context, reader=reader)
up_run_q("How long has IWM beaten SPY?", "IWM", "SPY")
up_run_q("how long has iwm been beating spy", "IWM", "SPY")
up_run_q("How long has the Russell 2000 beaten the S&P 500?", "^RUT", "^GSPC")
# The Nasdaq 100 underperformed the Russell 2000 on 2026-01-16: no run is current.
up_run_q("How many straight sessions has the Nasdaq 100 outperformed the Russell 2000?", "^NDX", "^RUT")
# The S&P 500 fell on 2026-01-16: no run of up sessions is current.
up_run_q("How many days in a row has the S&P 500 risen?", "^GSPC", None)
up_run_q("how long have small caps been beating large caps as of 2025-11-28?", "^RUT", "^GSPC", as_of=d("2025-11-28"))
# A follow-up replaces the subject and keeps the benchmark it was read against.
up_run_q("and the Nasdaq 100?", "^NDX", "SPY", context="How long has IWM beaten SPY?", reader="follow_up_keeps_the_benchmark")

def longest_run_q(question, sym, frm, to, as_of=A):
    ds, v = cut(sym, as_of)
    h = up_hits(v)
    i0 = next(i for i, x in enumerate(ds) if x >= frm); i1 = max(i for i, x in enumerate(ds) if x <= to)
    rs = runs([x if i0 <= i <= i1 else False for i, x in enumerate(h)])
    best = max(r[1] - r[0] + 1 for r in rs)
    first = next(r for r in rs if r[1] - r[0] + 1 == best)
    q(question, as_of, [series(SYM(sym), UP_RUN, between(frm, to), R("longest_run"), as_of)],
      [ck(0, "value", best), ck(0, "start", ds[first[0]]), ck(0, "end", ds[first[1]]), ck(0, "ties", sum(1 for r in rs if r[1] - r[0] + 1 == best) - 1)])
longest_run_q("What was the Russell 2000's longest winning streak in 2024?", "^RUT", d("2024-01-01"), d("2024-12-31"))

# --- counts of runs of at least N sessions (not read yet: no plan stated)
def count_runs_q(question, a, b, min_len, frm, as_of=A):
    if b: ds, va, vb = common(a, b, as_of); h = hits_rel(va, vb, True)
    else: ds, va = cut(a, as_of); h = up_hits(va)
    f0 = next(i for i, x in enumerate(ds) if x >= frm)
    # runs counted when they end inside the window and reach min_len inside it
    rs = [r for r in runs(h) if r[1] >= f0 and (r[1] - max(r[0], f0) + 1) >= min_len]
    q(question, as_of, None, [ck(0, "value", len(rs))], reader="count_runs")
count_runs_q("How many 10-day winning streaks has IWM had against SPY since 2000?", "IWM", "SPY", 10, d("2000-01-01"))
count_runs_q("How many times has the S&P 500 risen 10 days in a row since 1990?", "^GSPC", None, 10, d("1990-01-01"))

# --- falls from the running peak
def dd_events(v, pct):
    """(peak, crossing) for each first close `pct` or more below the running peak."""
    out = []; peak = 0; crossed = False
    for i in range(1, len(v)):
        if v[i] > v[peak]: peak = i; crossed = False
        elif not crossed and (v[i] / v[peak] - 1) * 100 <= pct: out.append((peak, i)); crossed = True
    return out
def last_decline_q(question, sym, pct, as_of=A):
    ds, v = cut(sym, as_of)
    q(question, as_of, None, [ck(0, "value", ds[dd_events(v, pct)[-1][1]])], reader="fall_from_the_peak")
last_decline_q("When did the S&P 500 last fall 10% from its high?", "^GSPC", -10.0)
last_decline_q("When was the last time the Nasdaq 100 dropped 20% from its peak?", "^NDX", -20.0)
last_decline_q("When did the Russell 2000 last enter a correction?", "^RUT", -10.0)

def peak(v):
    return max(range(len(v)), key=lambda i: (v[i], -i))  # the first session at the record
def distance_q(question, sym, as_of=A, reader=None):
    ds, v = cut(sym, as_of); pk = peak(v)
    q(question, as_of, [series(SYM(sym), DRAWDOWN, DAY, R("last"), as_of)],
      [ck(0, "value", (v[-1] / v[pk] - 1) * 100), ck(0, "peak_date", ds[pk])], reader=reader)
distance_q("How far below its record is the Nasdaq?", "^IXIC")
distance_q("How far is the Nasdaq from its high?", "^IXIC", reader="how_far_from_the_high")

def running_drawdown(v):
    out = []; best = v[0]
    for x in v: best = max(best, x); out.append((x / best - 1) * 100)
    return out
def deepest_q(question, sym, frm, to, as_of=A):
    ds, v = cut(sym, as_of)
    i0 = next(i for i, x in enumerate(ds) if x >= frm); i1 = max(i for i, x in enumerate(ds) if x <= to)
    dd = running_drawdown(v)
    t = min(range(i0, i1 + 1), key=lambda i: (dd[i], i))
    pk = peak(v[:t + 1])
    plan = [series(SYM(sym), DRAWDOWN, DAY if frm == to else between(frm, to), R("min"), as_of)]
    checks = [ck(0, "value", dd[t]), ck(0, "reached_on", ds[t]), ck(0, "peak_date", ds[pk])]
    plan.append(series(SYM(sym), PRICE, DAY if frm == to else between(frm, to), R("max_drawdown"), as_of, primary=False))
    if frm != to:
        # the fall from the window's own peak: the deepest close below an earlier close of the window
        best = (0.0, i0, i0); top = i0
        for i in range(i0, i1 + 1):
            if v[i] > v[top]: top = i
            r = (v[i] / v[top] - 1) * 100
            if r < best[0]: best = (r, top, i)
        checks += [ck(1, "value", best[0]), ck(1, "peak_date", ds[best[1]]), ck(1, "trough_date", ds[best[2]])]
    q(question, as_of if frm != to else A, plan, checks)
deepest_q("What was the Russell 2000's max drawdown in 2022?", "^RUT", d("2022-01-01"), d("2022-12-31"))
# "as of 2025-04-08" is the window: the drawdown on that session (a correction is 10% or more).
deepest_q("Is the Nasdaq 100 in a correction as of 2025-04-08?", "^NDX", d("2025-04-08"), d("2025-04-08"), as_of=d("2025-04-08"))

# --- records
def record_q(question, sym, as_of=A, context=None, reader=None, asked=None):
    ds, v = cut(sym, as_of); pk = peak(v)
    is_rec = v[-1] > max(v[:-1])
    checks = [ck(0, "value", is_rec), ck(1, "value", (v[-1] / v[pk] - 1) * 100), ck(1, "peak_date", ds[pk])]
    q(question, asked or as_of, [series(SYM(sym), RECORD(), DAY, R("last"), as_of), series(SYM(sym), DRAWDOWN, DAY, R("last"), as_of, primary=False)],
      checks, context, reader=reader)
record_q("Is the Russell 2000 at a record?", "^RUT")
record_q("Is the Russell 2000 at a record close?", "^RUT")
record_q("Was the S&P 500 at an all-time high?", "^GSPC", as_of=d("2025-04-08"))
record_q("Was the S&P 500 at an all-time high as of 2025-04-08?", "^GSPC", as_of=d("2025-04-08"), reader="a_dated_record")
record_q("Is the S&P 500 at a record close?", "^GSPC")
record_q("and the Dow?", "^DJI", context="Is the S&P 500 at a record close?")

def record_count_q(question, sym, frm, to, as_of=A):
    plan = []; checks = []
    for k, (key, level) in enumerate([("", PRICE), (".high", HIGH)]):
        ds, v = cut(sym + key, as_of)
        hits = [ds[i] for i in range(1, len(v)) if frm <= ds[i] <= to and v[i] > max(v[:i])]
        plan.append(series(SYM(sym), RECORD(level), between(frm, to), R("count"), as_of, primary=k == 0))
        checks += [ck(k, "value", len(hits)), ck(k, "first_on", hits[0]), ck(k, "last_on", hits[-1])]
    q(question, as_of, plan, checks)
record_count_q("How many record closes has the S&P 500 had in 2025?", "^GSPC", d("2025-01-01"), d("2025-12-31"))

def since_record_q(question, sym, as_of=A):
    ds, v = cut(sym, as_of)
    last = max(i for i in range(1, len(v)) if v[i] > max(v[:i]))
    q(question, as_of, [series(SYM(sym), RECORD(), ALL, R("last_date"), as_of), series(SYM(sym), BELOW_PEAK_RUN, DAY, R("last"), as_of, primary=False)],
      [ck(0, "value", ds[last]), ck(1, "value", len(v) - 1 - last), ck(1, "run_start", ds[last + 1])])
since_record_q("How long has it been since the S&P 500's last record close?", "^GSPC")

def last_this_high_q(question, sym, as_of):
    ds, v = cut(sym, as_of); i = len(v) - 1
    j = next(k for k in range(i - 1, -1, -1) if v[k] >= v[i])
    q(question, as_of, None, [ck(0, "value", ds[j])], reader="last_this_high")
last_this_high_q("When was the S&P 500 last this high?", "^GSPC", d("2025-04-08"))

# --- cross sections
SECTORS = ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]
INDICES = ["^GSPC", "^RUT", "^NDX", "^IXIC", "^DJI"]
def day_ret(sym, day):
    ds, v = SER[sym]; i = ds.index(day); return (v[i] / v[i-1] - 1) * 100
def cs_q(question, basket, period, as_of, rets, asked=None, reader=None):
    up = sum(1 for r in rets.values() if r > 0)
    lead = max(rets, key=rets.get); lag = min(rets, key=rets.get)
    checks = [ck(0, "value", up), ck(0, "n_up", up), ck(0, "leader", lead), ck(0, "laggard", lag)] + [ck(0, "return_pct." + s, r) for s, r in rets.items()]
    q(question, asked or as_of, [{"kind": "cross_section", "basket": {"type": basket}, "period": period, "as_of": str(as_of), "primary": True}], checks, reader=reader)
for day, text in [("2020-03-16", "Which sector did worst on March 16, 2020?"), ("2026-01-16", "What was the best sector on 2026-01-16?")]:
    cs_q(text, "sectors", {"type": "day"}, d(day), {s: day_ret(s, d(day)) for s in SECTORS}, asked=A)
cs_q("Which sector did best in 2025?", "sectors", {"type": "between", "from": "2025-01-01", "to": "2025-12-31"}, A,
     {s: ret(s, d("2025-01-01"), d("2025-12-31"), d("2025-12-31"))[0] for s in SECTORS})
# "How did the sectors do": every fund's return, the same query without a best or worst.
for day, text in [("2020-03-16", "How did the sectors do on March 16, 2020?"), ("2026-01-16", "How did the sectors do on 2026-01-16?")]:
    cs_q(text, "sectors", {"type": "day"}, d(day), {s: day_ret(s, d(day)) for s in SECTORS}, asked=A, reader="every_member_of_a_basket")
cs_q("How did the major indices do on 2026-01-16?", "indices", {"type": "day"}, A, {s: day_ret(s, A) for s in INDICES}, reader="every_member_of_a_basket")

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
def base_rate_q(question, a, b, years, frm=None, reader=None):
    if a in FF: nw, wins, share = base_rate(*FF[a], *FF[b], years, frm)
    else: nw, wins, share = base_rate(*monthly_from_daily(a, A), *monthly_from_daily(b, A), years, frm)
    q(question, A, [{"kind": "base_rate", "a": a, "b": b, "window_years": years, "from": str(frm) if frm else None, "as_of": str(A), "primary": True}],
      [ck(0, "value", share, 0.01), ck(0, "n_windows", nw), ck(0, "n_a_wins", wins)], reader=reader)
# Before the indices' data, small and large caps are the Fama-French size portfolios.
base_rate_q("How often have small caps beaten large caps over 10-year windows since 1927?", "FF_ME_LO30", "FF_ME_HI30", 10, date(1927, 1, 1))
base_rate_q("How often have small caps beaten large caps over rolling 20-year periods?", "^RUT", "^GSPC", 20)
base_rate_q("What share of rolling 20-year periods did small caps beat large caps?", "^RUT", "^GSPC", 20, reader="share_of_rolling_periods")
base_rate_q("How often has the Russell 2000 beaten the S&P 500 over 5-year windows?", "^RUT", "^GSPC", 5)

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
    q(question, plan_as_of, [{"kind": "rate_decisions", "from": str(frm) if frm else None, "as_of": str(as_of), "primary": True}], checks,
      note=f"range on {as_of}: {g[-1][2]:.2f}-{g[-1][1]:.2f}")
fed_q("How many times did the Fed cut rates in 2025, and to what range?", d("2025-01-01"), d("2025-12-31"))
fed_q("How many times did the Fed cut rates in 2025?", d("2025-01-01"), d("2025-12-31"))
fed_q("How many times did the FOMC hike in 2022?", d("2022-01-01"), d("2022-12-31"))
fed_q("When did the Fed last cut rates?", None, A)

# --- daily moves: extremes, the last of a kind, counts
def extreme_q(question, sym, up, frm, to, as_of=A):
    ds, v = cut(sym, min(to, as_of) if to else as_of)
    s = 1 if frm is None else max(1, next(i for i, x in enumerate(ds) if x >= frm))
    rs = [((v[i]/v[i-1]-1)*100, i) for i in range(s, len(v))]
    r, i = (max if up else min)(rs, key=lambda t: (t[0], -t[1]) if up else (t[0], t[1]))
    window = ALL if frm is None else between(frm, to or as_of)
    q(question, as_of, [series(SYM(sym), DAILY, window, R("max" if up else "min"), as_of)], [ck(0, "value", r), ck(0, "reached_on", ds[i])])
extreme_q("What was the worst day for the VIX?", "^VIX", False, None, None)
extreme_q("What was the best day ever for the S&P 500?", "^GSPC", True, None, None)
extreme_q("What was the Russell 2000's biggest one-day drop since 2020?", "^RUT", False, d("2020-01-01"), None)
extreme_q("What was the worst day for the Nasdaq 100 in 2025?", "^NDX", False, d("2025-01-01"), d("2025-12-31"))

def last_move_q(question, sym, pct, as_of=A):
    ds, v = cut(sym, as_of)
    i = max(i for i in range(1, len(v)) if (v[i]/v[i-1]-1)*100 <= pct)
    q(question, as_of, [series(SYM(sym), FLAG(DAILY, "le", pct), ALL, R("last_date"), as_of)],
      [ck(0, "value", ds[i]), ck(0, "tested_value", (v[i]/v[i-1]-1)*100)])
last_move_q("When did the S&P 500 last fall 5% in a day?", "^GSPC", -5.0)

def big_moves_q(question, sym, pct, frm, to, as_of=A):
    ds, v = cut(sym, as_of)
    n = sum(1 for i in range(1, len(v)) if frm <= ds[i] <= to and abs((v[i]/v[i-1]-1)*100) > pct)
    q(question, as_of, [series(SYM(sym), FLAG(DAILY, "abs_gt", pct), between(frm, to), R("count"), as_of)], [ck(0, "value", n)])
big_moves_q("How many days did the S&P 500 move more than 2% either way in 2022?", "^GSPC", 2.0, d("2022-01-01"), d("2022-12-31"))

def gap_q(question, sym, day):
    ds, o = SER[sym + ".open"]; dc, c = SER[sym]
    q(question, day, None, [ck(0, "value", (o[ds.index(day)] / c[dc.index(day) - 1] - 1) * 100)], reader="opening_gap")
gap_q("Did the S&P 500 gap up on 2026-01-16?", "^GSPC", A)

# --- returns and comparisons
def ret_step(sym, frm, to, as_of=A, primary=True): return series(SYM(sym), PRICE, between(frm, to), R("return"), as_of, primary)
def ret_checks(k, sym, base_before, last, as_of=A):
    r, b, e = ret(sym, base_before, last, as_of)
    return [ck(k, "value", r), ck(k, "base_date", b), ck(k, "reached_on", e)]
def compare_q(question, a, b, frm, to, context=None):
    ds, va, vb = common(a, b, A)
    i0 = max(i for i, x in enumerate(ds) if x < frm); i1 = max(i for i, x in enumerate(ds) if x <= to)
    ra = (va[i1] / va[i0] - 1) * 100; rb = (vb[i1] / vb[i0] - 1) * 100
    q(question, A, [series(REL(a, b), PRICE, between(frm, to), R("return")), ret_step(a, frm, to, primary=False), ret_step(b, frm, to, primary=False)],
      [ck(0, "value", ra - rb), ck(0, "return_a", ra), ck(0, "return_b", rb), ck(0, "base_date", ds[i0]), ck(0, "reached_on", ds[i1])]
      + ret_checks(1, a, frm, to) + ret_checks(2, b, frm, to), context)
# "A or B" asks which one: answered with both returns, not yes or no.
compare_q("Did the Nasdaq 100 or the Russell 2000 do better in 2025?", "^NDX", "^RUT", d("2025-01-01"), d("2025-12-31"))
compare_q("what about 2024?", "^NDX", "^RUT", d("2024-01-01"), d("2024-12-31"), context="Did the Nasdaq 100 or the Russell 2000 do better in 2025?")
compare_q("Did small caps beat large caps in 2025?", "^RUT", "^GSPC", d("2025-01-01"), d("2025-12-31"))
# "since 2025-01-01": from that day's close (the last close before 2025-01-02).
compare_q("Compare IWM and SPY since 2025-01-01", "IWM", "SPY", d("2025-01-02"), A)

def ret_q(question, sym, frm, to, alt_from=None, reader=None):
    plan = [ret_step(sym, frm, to)]; checks = ret_checks(0, sym, frm, to)
    if alt_from:  # "between June 1 and ...": the base may also be June 1's close
        plan.append(ret_step(sym, alt_from, to, primary=False)); checks += ret_checks(1, sym, alt_from, to)
    q(question, A, plan, checks, reader=reader)
ret_q("How did the S&P 500 do in 2025?", "^GSPC", d("2025-01-01"), d("2025-12-31"))
ret_q("How has the Russell 2000 done year to date?", "^RUT", d("2026-01-01"), A)
# A brief's topic: "as of" dates the question, the window stays the year to date.
ret_q("What is the Russell 2000's year-to-date return as of 2026-01-16?", "^RUT", d("2026-01-01"), A, reader="year_to_date_as_of")
ret_q("What was the S&P 500's return between 2025-12-01 and 2026-01-16?", "^GSPC", d("2025-12-01"), A, alt_from=d("2025-12-02"))
ret_q("How much has IWM gained since 2025-04-08?", "IWM", d("2025-04-09"), A)
ret_q("How did the S&P 500 do in the first half of 2025?", "^GSPC", d("2025-01-01"), d("2025-06-30"))
ret_q("How did small caps do in Q3 2025?", "^RUT", d("2025-07-01"), d("2025-09-30"))
ret_q("How did the Nasdaq 100 do last month?", "^NDX", d("2025-12-01"), d("2025-12-31"))

def annualised_q(question, sym, frm, to):
    r, b, e = ret(sym, frm, to, A)
    ds, v = cut(sym, A)
    days = (e - b).days
    cagr = ((1 + r / 100) ** (365.25 / days) - 1) * 100
    q(question, A, [series(SYM(sym), PRICE, between(frm, to), R("annualised_return"))],
      [ck(0, "value", cagr), ck(0, "cumulative", r), ck(0, "base_date", b), ck(0, "reached_on", e)])
annualised_q("What's the S&P 500's annualized return over the 10 years through 2025?", "^GSPC", d("2016-01-01"), d("2025-12-31"))

def change_q(question, sym, frm, to):
    ds, v = cut(sym, A)
    b = max(i for i, x in enumerate(ds) if x < frm); e = max(i for i, x in enumerate(ds) if x <= to)
    q(question, A, [series(SYM(sym), PRICE, between(frm, to), R("change"))],
      [ck(0, "value", v[e] - v[b], 0.0001), ck(0, "base_date", ds[b]), ck(0, "reached_on", ds[e])])
change_q("How much did the 10-year yield rise in 2022?", "DGS10", d("2022-01-01"), d("2022-12-31"))

def day_q(question, sym, day):
    ds, v = SER[sym]; i = ds.index(day)
    q(question, A, [series(SYM(sym), PRICE, DAY, R("return"), day)], [ck(0, "value", (v[i]/v[i-1]-1)*100), ck(0, "base_date", ds[i-1])])
day_q("How did the Dow do on 2026-01-16?", "^DJI", A)
day_q("How did the Russell 2000 do on April 9, 2025?", "^RUT", d("2025-04-09"))
day_q("What did the VIX do on 2020-03-16?", "^VIX", d("2020-03-16"))

# --- levels
def lvl_q(question, sym, as_of, window, reader=None):
    ds, v = cut(sym, as_of)
    q(question, A, [series(SYM(sym), PRICE, window, R("last"), as_of)], [ck(0, "value", v[-1], 0.0001), ck(0, "reached_on", ds[-1])], reader=reader)
lvl_q("What is the 10-year Treasury yield?", "DGS10", A, ALL)
lvl_q("What was the 2-year yield on 2025-12-31?", "DGS2", d("2025-12-31"), DAY)
lvl_q("What was the S&P 500's close on 2026-01-16?", "^GSPC", A, DAY)
lvl_q("Where did the S&P 500 close on 2026-01-16?", "^GSPC", A, DAY)

def mean_q(question, sym, frm, to, reader=None):
    ds, v = cut(sym, A)
    xs = [x for x, t in zip(v, ds) if frm <= t <= to]
    q(question, A, [series(SYM(sym), PRICE, between(frm, to), R("mean"))], [ck(0, "value", sum(xs) / len(xs)), ck(0, "n_obs", len(xs))], reader=reader)
mean_q("Average VIX level in 2025?", "^VIX", d("2025-01-01"), d("2025-12-31"))
mean_q("What was the average VIX level in 2025?", "^VIX", d("2025-01-01"), d("2025-12-31"), reader="an_average_level")

def lowest_q(question, sym, frm):
    ds, v = cut(sym, A)
    i = min((k for k, t in enumerate(ds) if t >= frm), key=lambda k: (v[k], k))
    q(question, A, [series(SYM(sym), PRICE, between(frm, A), R("min"))], [ck(0, "value", v[i], 0.0001), ck(0, "reached_on", ds[i])])
# "at its lowest since 2024": the lowest close since 2024 and its date (not today's).
lowest_q("Is the VIX at its lowest since 2024?", "^VIX", d("2024-01-01"))

# --- volatility
ds, v = cut("^GSPC", d("2025-12-31"))
i0 = next(i for i, x in enumerate(ds) if x >= d("2025-01-01"))
rr = [v[i]/v[i-1]-1 for i in range(i0, len(v))]
q("How volatile was the S&P 500 in 2025?", A,
  [series(SYM("^GSPC"), DAILY, between(d("2025-01-01"), d("2025-12-31")), R("std_dev", annualised=True, sample=True))],
  [ck(0, "value", statistics.stdev(rr) * math.sqrt(252) * 100), ck(0, "n_obs", len(rr))])

print("# Questions for crates/ask/tests/questions.rs, with truth computed by")
print("# crates/ask/tests/truth.py from the CSVs in ../shared/market-data (csv module,")
print("# consolidation by source priority), never by running marketproof.")
print("# `plan` is the expected list of steps (JSON); `checks` read a Fact's value")
print("# (`key = \"value\"`) or a detail, for the step's Fact. `reader` names a")
print("# reading the reader does not make yet (see questions.rs).\n")
for e in Q:
    print("[[question]]")
    print(f"q = {json.dumps(e['q'])}")
    print(f"as_of = \"{e['as_of']}\"")
    if e["context"]: print(f"context = {json.dumps(e['context'])}")
    if e["note"]: print(f"note = {json.dumps(e['note'])}")
    if e["reader"]: print(f"reader = {json.dumps(e['reader'])}")
    if e["plan"] is not None: print(f"plan = '''{json.dumps(e['plan'])}'''")
    for c in e["checks"]:
        print("[[question.check]]")
        for k, val in c.items():
            print(f"{k} = {json.dumps(val)}")
    print()
print(f"# {len(Q)} questions, {sum(1 for e in Q if e['reader'])} not read yet", file=sys.stderr)
