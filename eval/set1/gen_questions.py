"""Build questions-new.jsonl; every value computed here from /work/shared/market-data with csv."""
import json
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
import mdata as m, qhelp as h
m.DROP_WEEKENDS = False

SPX, IXIC, RUT, NDX, DJI, VIX = m.spx(), m.ixic(), m.rut(), m.ndx(), m.dji(), m.vix()
DGS10, DGS2, DGS30 = m.rseries("DGS10"), m.rseries("DGS2"), m.rseries("DGS30")
FED = m.fed_changes()
AS = "2026-08-21"
Q = []
def add(question, kind, value, unit, tol, also=(), text="", note="", context=None, as_of=AS, alt=None, refuse=False):
    a = None if refuse else dict(value=None if value is None else round(value, 4), unit=unit, tolerance=tol, also=list(also), text=text)
    if alt: a["alt"] = alt
    if refuse: a = dict(value=None, unit=None, tolerance=None, also=[], text=text)
    Q.append(dict(id="new-%03d" % (len(Q) + 1), question=question, as_of=as_of, context=context, kind=kind,
                  answer=a, refuse=refuse, note=note))

def ret(s, d0, d1, q, kind="return", **kw):
    r, a, ca, b, cb = s.ret(d0, d1)
    add(q, kind, r, "percent", 0.01, text="%s %s -> %s: %.2f%% (%.2f -> %.2f)" % (s.name, a, b, r, ca, cb),
        note="close %s / close %s - 1" % (b, a), **kw)

# ---------------- returns
ret(SPX, "2022-12-31", "2023-12-31", "S&P 500 performance in 2023?")
ret(IXIC, "2023-12-31", "2024-12-31", "nasdaq composite return 2024")
ret(RUT, "2025-06-30", "2025-09-30", "How'd the Russell do in Q3 2025?")
ret(SPX, "2020-02-29", "2020-03-31", "S&P change in March 2020?")
r1 = SPX.ret("2020-03-22", "2020-12-31")
ret(SPX, "2020-03-23", "2020-12-31", "What did the S&P 500 return from the March 23, 2020 low to the end of that year?")
ret(DJI, "2025-12-31", AS, "Dow YTD?")
ret(IXIC, "2025-12-31", AS, "How much is the Nasdaq up since the start of 2026?",
    alt=[dict(value=round(NDX.ret("2025-12-31", AS)[0], 4), also=[])])
ret(SPX, "2026-07-17", "2026-07-24", "S&P 500 for the week ending July 24, 2026?")
ret(SPX, "2026-07-31", "2026-08-07", "How did the S&P do the week before last?")
ret(RUT, "2025-04-08", AS, "Russell 2000 gain since the April 8, 2025 low?")
ret(RUT, "2025-12-31", "2026-06-30", "Small caps in the first half of 2026?")
ret(SPX, "2025-08-21", AS, "S&P 500 over the past 12 months?")
ret(SPX, "2018-12-31", "2021-12-31", "Cumulative S&P 500 gain over 2019 through 2021?")
ret(NDX, "2023-12-31", "2024-12-31", "nasdaq 100 2024 return")
ret(IXIC, "2025-03-31", "2025-06-30", "What did the Nasdaq Composite return in the second quarter of 2025?")

# ---------------- daily moves
def day(s, d, q, pts=False, **kw):
    r, p, c, pd, pc = s.daily(d)
    v, unit = (p, "points") if pts else (r, "percent")
    add(q, "daily_move", v, unit, 0.01, text="%s %s: %+.2f%% (%+.2f pts) to %.2f" % (s.name, d, r, p, c),
        note="close %s vs prev close %s %.2f" % (d, pd, pc), **kw)
day(SPX, "2020-03-16", "How much did the S&P drop on March 16, 2020?")
day(IXIC, "2025-04-09", "What did the Nasdaq do on 4/9/2025?", alt=[dict(value=round(NDX.daily("2025-04-09")[0], 4), also=[])])
day(SPX, "2024-08-05", "How many points did the S&P 500 lose on Aug 5 2024?", pts=True)
day(DJI, "2024-11-06", "Dow on Nov. 6, 2024?")

# ---------------- extremes
mr = h.period_returns(SPX, h.month)
b = max(mr, key=lambda x: x[1])
add("Best month ever for the S&P 500?", "extreme", b[1], "percent", 0.01, also=[b[0]], text="best month %s %.2f%%" % (b[0], b[1]), note="month-end closes")
yr = [x for x in h.period_returns(SPX, h.year) if "1950" <= x[0] <= "2025"]
w = min(yr, key=lambda x: x[1])
add("Worst calendar year for the S&P since 1950?", "extreme", w[1], "percent", 0.01, also=[], text="worst year %s %.2f%%" % (w[0], w[1]), note="year-end closes, years 1950-2025; answer year %s" % w[0])
def hi(s, d0, d1, q, low=False, **kw):
    xs = [(d, c) for d, c in zip(s.dates, s.c) if d0 <= d <= d1]
    d, c = (min if low else max)(xs, key=lambda x: x[1])
    add(q, "extreme", c, "points", 0.01, also=[d], text="%s %s close %s: %.2f" % (s.name, "lowest" if low else "highest", d, c), **kw)
hi(RUT, "2021-01-01", "2021-12-31", "Highest close for the Russell 2000 in 2021?")
hi(SPX, "2022-01-01", "2022-12-31", "Lowest S&P 500 close of 2022?", low=True)
hi(IXIC, "2016-06-28", AS, "Nasdaq composite all-time closing high?")
rr = RUT.returns_in("2020-01-01", "2020-12-31"); b = max(rr, key=lambda x: x[1])
add("Best day for the Russell 2000 in 2020?", "extreme", b[1], "percent", 0.01, also=[b[0]], text="RUT best day 2020 %s %.2f%%" % b)
wr = [x for x in h.period_returns(SPX, h.week) if x[3][:4] == "2020"]; w = min(wr, key=lambda x: x[1])
add("worst week of 2020 for the S&P?", "extreme", w[1], "percent", 0.01, also=[w[3]], text="week ending %s: %.2f%% (from %s)" % (w[3], w[1], w[2]), note="Friday-to-Friday (last session of ISO week) closes")

# ---------------- when last
def last_when(s, cond, q, unit="percent", val=None, **kw):
    i = max(i for i in range(1, len(s.dates)) if s.dates[i] <= AS and cond(i))
    v = val(i) if val else (s.c[i] / s.c[i-1] - 1) * 100
    add(q, "when_last", v, unit, 0.01, also=[s.dates[i]], text="%s last: %s (%.2f)" % (s.name, s.dates[i], v), **kw)
last_when(SPX, lambda i: SPX.c[i] / SPX.c[i-1] - 1 >= 0.03, "When was the last time the S&P 500 rose 3% in a day?")
last_when(VIX, lambda i: VIX.c[i] > 40, "Last time VIX closed above 40?", unit="points", val=lambda i: VIX.c[i])
last_when(IXIC, lambda i: IXIC.c[i] / IXIC.c[i-1] - 1 <= -0.04, "When did the Nasdaq Composite last drop 4% or more?")

# ---------------- counts
def cnt(s, d0, d1, cond, q, **kw):
    rs = s.returns_in(d0, d1); n = sum(1 for _, r in rs if cond(r))
    add(q, "count", n, "sessions", 0, text="%s %d sessions of %d" % (s.name, n, len(rs)), **kw)
cnt(SPX, "2024-01-01", "2024-12-31", lambda r: r < -1, "How many 1% down days did the S&P have in 2024?", note="daily return < -1%")
n = len(h.records(SPX, "2024-01-01", "2024-12-31"))
add("Number of S&P 500 record closes in 2024?", "count", n, "sessions", 0, text="%d record closes" % n, note="close above every earlier close")
vc = sum(1 for d, c in zip(VIX.dates, VIX.c) if "2022" == d[:4] and c > 30)
add("How many sessions did the VIX close above 30 in 2022?", "count", vc, "sessions", 0, text="%d" % vc)
cnt(SPX, "2025-01-01", "2025-12-31", lambda r: r > 0, "How many up days for the S&P in 2025?")

# ---------------- streaks
n, sg = h.current_streak(SPX, "2026-05-29")
add("Is the S&P on a winning streak?", "streak", n, "sessions", 0, as_of="2026-05-29", text="%d straight %s sessions as of 2026-05-29" % (n, sg))
runs = h.streaks(IXIC, "2025-01-01", "2025-12-31", up=False); b = max(runs)
add("Longest losing streak for the Nasdaq Composite in 2025?", "streak", b[0], "sessions", 0, also=[b[2]], text="%d sessions %s..%s" % b)
runs = h.streaks(SPX, "2023-01-01", "2023-12-31"); b = max(runs)
add("Longest S&P win streak in 2023?", "streak", b[0], "sessions", 0, also=[b[2]], text="%d sessions %s..%s" % b)

# ---------------- drawdowns
dd = h.max_dd(SPX, "2020-01-01", "2020-12-31")
add("Max drawdown of the S&P 500 in 2020?", "drawdown", dd[0], "percent", 0.01, also=[dd[1]], text="%.2f%% to %s from %s %.2f" % dd)
i = NDX.idx(AS); pk = max(NDX.c[:i+1]); pkd = NDX.dates[NDX.c.index(pk)]
v = (NDX.c[i] / pk - 1) * 100
add("How far is the Nasdaq 100 off its high?", "drawdown", v, "percent", 0.01, also=[], text="NDX %.2f vs record %.2f (%s): %.2f%%" % (NDX.c[i], pk, pkd, v), note="close vs record close")
i = SPX.idx("2025-04-21"); pk = max(SPX.c[:i+1]); v = (SPX.c[i] / pk - 1) * 100
add("How far below its peak is the S&P right now?", "drawdown", v, "percent", 0.01, as_of="2025-04-21", text="%.2f vs %.2f: %.2f%%" % (SPX.c[i], pk, v))

# ---------------- volatility
v = m.vol(IXIC.returns_in("2022-01-01", "2022-12-31"))
add("Realized vol for the Nasdaq Composite in 2022?", "volatility", v, "percent", 0.02, text="annualised %.2f%%" % v)
v = m.vol(SPX.returns_in("2017-01-01", "2017-12-31"))
add("S&P 500 annualized volatility in 2017?", "volatility", v, "percent", 0.02, text="annualised %.2f%%" % v)

# ---------------- comparisons
def comp(a, b, d0, d1, q):
    ra = a.ret(d0, d1)[0]; rb = b.ret(d0, d1)[0]
    add(q, "comparison", ra, "percent", 0.01, also=[round(rb, 4)], text="%s %.2f%% vs %s %.2f%%" % (a.name, ra, b.name, rb))
comp(IXIC, SPX, "2022-12-31", "2023-12-31", "Nasdaq vs S&P in 2023 - which did better?")
comp(RUT, NDX, "2023-12-31", "2024-12-31", "Did the Russell 2000 outperform the Nasdaq 100 in 2024?")
comp(m.etf("XLE"), m.etf("XLK"), "2021-12-31", "2022-12-31", "XLE vs XLK in 2022?")

# ---------------- Fed (announcement = effective date - 1 day, except 2015-12-16 / 2016-12-14)
import datetime as dt
def ann(d):
    if d in ("2015-12-16", "2016-12-14"): return d
    return (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()
cuts20 = [ann(d) for d, o, n_, l in FED if o > n_ and d[:4] == "2020"]
add("How many rate cuts in 2020?", "rates", len(cuts20), "decisions", 0, text="%s" % cuts20, note="DFEDTARU changes; 2020-03-03 and 2020-03-15 (effective 03-04, 03-16)")
lh = [x for x in FED if x[2] > x[1]][-1]
add("When was the last Fed hike?", "rates", lh[2], "percent", 0.001, also=[ann(lh[0]), lh[3]], text="hike announced %s to %.2f-%.2f" % (ann(lh[0]), lh[3], lh[2]))
R = m.rates()
def rng(d):
    ds = max(x for x in R if x <= d and R[x].get("DFEDTARU")); return float(R[ds]["DFEDTARL"]), float(R[ds]["DFEDTARU"])
lo, up = rng("2019-06-01")
add("Fed funds target range on 2019-06-01?", "rates", up, "percent", 0.001, also=[lo], text="%.2f-%.2f" % (lo, up))
c25 = [x for x in FED if x[2] < x[1] and x[0][:4] == "2025"]
add("How many times did the Fed cut in 2025?", "rates", len(c25), "decisions", 0, text=str(c25))
f24 = [x for x in FED if x[2] < x[1] and x[0][:4] == "2024"][0]
add("When did the Fed first cut in 2024, and by how much?", "rates", (f24[1] - f24[2]) * 100, "bp", 0, also=[ann(f24[0])], text="%s: %d bp to %.2f-%.2f" % (ann(f24[0]), (f24[1]-f24[2])*100, f24[3], f24[2]), alt=[dict(value=0.5, also=[ann(f24[0])])])

# ---------------- yields
def lvl(s, d, q, **kw):
    add(q, "rates", s.close(d), "percent", 0.001, text="%s %s: %.2f" % (s.name, d, s.close(d)), **kw)
lvl(DGS10, "2020-03-09", "10yr yield on 2020-03-09?")
a = DGS2.close_on_or_before("2022-12-31"); b = DGS2.close_on_or_before("2023-12-31")
add("How much did the 2-year yield change in 2023?", "rates", b[1] - a[1], "percentage points", 0.001, text="%s %.2f -> %s %.2f" % (a + b), alt=[dict(value=round((b[1]-a[1])*100, 4), also=[])])
d = "2022-12-30"; sp = DGS10.close(d) - DGS2.close(d)
add("2s10s spread at the end of 2022?", "rates", sp, "percentage points", 0.001, text="%.2f - %.2f = %.2f" % (DGS10.close(d), DGS2.close(d), sp), alt=[dict(value=round(sp*100, 4), also=[])])
d30 = DGS30.close_on_or_before(AS)
add("30-year yield now?", "rates", d30[1], "percent", 0.001, text="DGS30 %s %.2f" % d30)

# ---------------- VIX
lvl(VIX, "2020-03-16", "VIX close on March 16 2020?")
hi(VIX, "2025-01-01", "2025-12-31", "Highest VIX close in 2025?")
xs = [c for d, c in zip(VIX.dates, VIX.c) if d[:4] == "2024"]
add("Average VIX in 2024?", "volatility", sum(xs) / len(xs), "points", 0.01, text="mean of %d closes" % len(xs))

# ---------------- follow-ups
r = IXIC.ret("2021-12-31", "2022-12-31")[0]
add("what about the nasdaq?", "followup", r, "percent", 0.01, context="How did the S&P 500 do in 2022?", text="Nasdaq Composite 2022 %.2f%%" % r,
    alt=[dict(value=round(NDX.ret("2021-12-31", "2022-12-31")[0], 4), also=[])])
rr = SPX.returns_in("2020-01-01", "2020-12-31"); b = max(rr, key=lambda x: x[1])
add("and the best?", "followup", b[1], "percent", 0.01, also=[b[0]], context="Worst day for the S&P in 2020?", text="best day 2020 %s %.2f%%" % b)
lvl(DGS2, "2024-01-02", "and the 2-year?", kind="followup") if False else None
add("and the 2-year?", "followup", DGS2.close("2024-01-02"), "percent", 0.001, context="What was the 10-year yield on Jan 2, 2024?", text="DGS2 2024-01-02 %.2f" % DGS2.close("2024-01-02"))
c19 = [x for x in FED if x[2] < x[1] and x[0][:4] == "2019"]
add("and 2019?", "followup", len(c19), "decisions", 0, context="How many times did the Fed cut in 2020?", text=str(c19))
dd = h.max_dd(RUT, "2018-01-01", "2018-12-31")
add("how about 2018?", "followup", dd[0], "percent", 0.01, also=[dd[1]], context="Russell 2000 max drawdown in 2020?", text="%.2f%% to %s from %s %.2f" % dd,
    alt=[dict(value=round(h.max_dd_in(RUT, "2018-01-01", "2018-12-31")[0], 4), also=[])])

# ---------------- refusals
for q, why in [("Where will the S&P be at the end of next year?", "forecast"),
               ("What's Nvidia's P/E?", "single-stock valuation not held"),
               ("How did ZZQX do this year?", "unknown ticker"),
               ("S&P 500 return in September 2026?", "window after the as-of date 2026-08-21"),
               ("What's Microsoft's dividend yield?", "single-stock data not held"),
               ("Will the Fed cut in September?", "forecast"),
               ("How did the Dow do in 2015?", "Dow only from 2024-08"),
               ("Nasdaq 100 forward earnings growth estimate?", "estimates not held"),
               ("What will the 10-year yield be next month?", "forecast")]:
    add(q, "refuse", None, None, None, refuse=True, text=why)

with open("questions-new.jsonl", "w") as f:
    for q in Q: f.write(json.dumps(q) + "\n")
for q in Q: print(q["id"], q["question"], "|", q["answer"]["value"], q["answer"]["also"], "|", q["answer"]["text"])
