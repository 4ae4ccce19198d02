"""Build questions-new2.jsonl; every value computed here from /work/shared/market-data with the csv module
(mdata.py / qhelp.py, copied from /work/eval-new; mdata drops the weekend rows of asset_prices.csv)."""
import json, datetime as dt
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
import mdata as m, qhelp as h

SPX, IXIC, RUT, NDX, DJI, VIX = m.spx(), m.ixic(), m.rut(), m.ndx(), m.dji(), m.vix()
DGS10, DGS2, DGS30 = m.rseries("DGS10"), m.rseries("DGS2"), m.rseries("DGS30")
FED = m.fed_changes()
AS = "2026-08-21"
Q = []


def add(question, kind, value, unit, tol, also=(), text="", note="", context=None, as_of=AS, alt=None, refuse=False):
    if refuse:
        a = dict(value=None, unit=None, tolerance=None, also=[], text=text)
    else:
        a = dict(value=None if value is None else round(value, 4), unit=unit, tolerance=tol, also=list(also), text=text)
        if alt:
            a["alt"] = alt
    Q.append(dict(id="n2-%03d" % (len(Q) + 1), question=question, as_of=as_of, context=context, kind=kind,
                  answer=a, refuse=refuse, note=note))


def A(value, also=()):
    return dict(value=round(value, 4) if value is not None else None, also=list(also))


# ------------------------------------------------------------------ period returns
def ret(s, d0, d1, q, alt_s=None, alt_base=None, **kw):
    r, a, ca, b, cb = s.ret(d0, d1)
    alt = []
    if alt_s is not None:
        alt.append(A(alt_s.ret(d0, d1)[0]))
    if alt_base is not None:
        alt.append(A(s.ret(alt_base, d1)[0]))
    add(q, "return", r, "percent", 0.01, text="%s %s -> %s: %.2f%% (%.2f -> %.2f)" % (s.name, a, b, r, ca, cb),
        note="close %s / close %s - 1" % (b, a) + ("; alt: %s" % alt if alt else ""), alt=alt or None, **kw)

ret(SPX, "2018-12-31", "2019-12-31", "spx 2019 return?")
ret(RUT, "2022-12-31", "2023-12-31", "how did the russell do in 2023")
ret(IXIC, "2024-09-30", "2024-12-31", "nasdaq q4 2024", alt_s=NDX)
ret(SPX, "2025-06-30", "2025-12-31", "S&P 500 in the back half of 2025?")
ret(NDX, "2026-01-31", "2026-02-28", "ndx feb 2026")
# as of Wed 2026-08-12: last week = Mon 08-03 .. Fri 08-07
ret(SPX, "2026-07-31", "2026-08-07", "how'd spx do last week", as_of="2026-08-12")
# as of Wed 2026-07-15: last week = 07-06..07-10, week before last = 06-29..07-03 (07-03 holiday, ends 07-02)
ret(RUT, "2026-06-26", "2026-07-03", "the Russell 2000 the week before last?", as_of="2026-07-15")
ret(SPX, "2026-05-08", "2026-05-15", "s&p week ending may 15 2026")
ret(SPX, "2024-11-05", AS, "how much is the S&P up since nov 5 2024", alt_base="2024-11-04")
ret(RUT, "2023-12-31", "2024-06-30", "russell h1 2024")
ret(DJI, "2025-05-31", "2025-06-30", "dow in june 2025?")
ret(SPX, "1999-12-31", "2009-12-31", "what did the s&p 500 do from 2000 through 2009, total")

# ------------------------------------------------------------------ daily moves
def day(s, d, q, pts=False, alt_s=None, alt_other_unit=False, **kw):
    r, p, c, pd, pc = s.daily(d)
    v, unit = (p, "points") if pts else (r, "percent")
    alt = []
    if alt_s is not None:
        alt.append(A(alt_s.daily(d)[1 if pts else 0]))
    if alt_other_unit:
        alt.append(A(r if pts else p))
    add(q, "daily_move", v, unit, 0.01, text="%s %s: %+.2f%% (%+.2f pts) to %.2f" % (s.name, d, r, p, c),
        note="close %s vs prev close %s %.2f" % (d, pd, pc) + ("; alt %s" % alt if alt else ""), alt=alt or None, **kw)

day(IXIC, "2020-03-12", "how much did the nasdaq fall on march 12 2020", alt_s=NDX)
day(DJI, "2025-04-09", "how many points did the dow gain on april 9, 2025?", pts=True)
day(SPX, "2024-12-18", "how many points did spx lose on 12/18/2024", pts=True)
day(RUT, "2024-11-06", "russell 2000 % move on nov 6 2024")
day(VIX, "2018-02-05", "how big was the vix spike on feb 5 2018", alt_other_unit=True)

# ------------------------------------------------------------------ levels
def lvl(s, d, q, unit="percent", tol=0.001, **kw):
    add(q, "level", s.close(d), unit, tol, text="%s %s: %.2f" % (s.name, d, s.close(d)), note="close on %s" % d, **kw)

a = DGS10.close_on_or_before("2023-12-31"); b = DGS10.close_on_or_before("2024-12-31")
add("10y yield change in 2024?", "level", b[1] - a[1], "percentage points", 0.001, text="DGS10 %s %.2f -> %s %.2f" % (a + b),
    alt=[A((b[1] - a[1]) * 100)], note="alt in bp")
lvl(DGS10, "2023-10-19", "10y on 2023-10-19?")
lvl(DGS2, "2023-03-08", "where was the 2-year yield on March 8, 2023")
lvl(DGS30, "2023-11-01", "30 yr treasury yield nov 1 2023")
lvl(VIX, "2024-08-05", "vix close 8/5/2024", unit="points", tol=0.01)
lvl(SPX, "2021-12-31", "where did the S&P finish 2021?", unit="points", tol=0.01)
lvl(RUT, "2020-03-18", "russell 2000 close on 3/18/2020", unit="points", tol=0.01)
d = "2023-07-03"; sp = DGS10.close(d) - DGS2.close(d)
add("2s10s on july 3 2023?", "level", sp, "percentage points", 0.001,
    text="DGS10 %.2f - DGS2 %.2f = %.2f" % (DGS10.close(d), DGS2.close(d), sp), alt=[A(sp * 100)], note="alt in bp")

# ------------------------------------------------------------------ when last / first
def when(s, cond, q, last=True, unit="percent", val=None, d0=None, **kw):
    ii = [i for i in range(1, len(s.dates)) if s.dates[i] <= AS and (d0 is None or s.dates[i] >= d0) and cond(i)]
    i = ii[-1] if last else ii[0]
    v = val(i) if val else (s.c[i] / s.c[i - 1] - 1) * 100
    add(q, "when", v, unit, 0.01 if unit != "percent" or val is None else 0.001, also=[s.dates[i]],
        text="%s %s: %s (%.2f)" % (s.name, "last" if last else "first", s.dates[i], v), **kw)

lvl_ = lambda s: (lambda i: s.c[i])
when(VIX, lambda i: VIX.c[i] < 12, "when did the vix last close under 12", unit="points", val=lvl_(VIX))
when(SPX, lambda i: SPX.c[i] < 5000, "last time spx closed below 5000", unit="points", val=lvl_(SPX))
when(SPX, lambda i: SPX.c[i] > 6000, "first time the s&p closed above 6000?", last=False, unit="points", val=lvl_(SPX))
when(DJI, lambda i: DJI.c[i] > 50000, "when did the dow first close above 50,000", last=False, unit="points", val=lvl_(DJI),
     note="DJI only from 2024-08-22 in the data; the Dow was far below 50000 before that")
when(VIX, lambda i: VIX.c[i] > 30, "last time the vix closed above 30?", unit="points", val=lvl_(VIX))
when(RUT, lambda i: RUT.c[i] / RUT.c[i - 1] - 1 <= -0.03, "when did the russell last drop 3% in a day")
when(NDX, lambda i: NDX.c[i] / NDX.c[i - 1] - 1 >= 0.05, "last time the nasdaq 100 gained 5% or more in one session")
when(DGS10, lambda i: DGS10.c[i] < 4, "when was the 10y last below 4%?", unit="percent", val=lvl_(DGS10))

# ------------------------------------------------------------------ counts
def cnt(s, d0, d1, cond, q, alt_s=None, **kw):
    rs = s.returns_in(d0, d1); n = sum(1 for _, r in rs if cond(r))
    alt = None
    if alt_s is not None:
        alt = [A(sum(1 for _, r in alt_s.returns_in(d0, d1) if cond(r)))]
    add(q, "count", n, "sessions", 0, text="%s %d sessions of %d" % (s.name, n, len(rs)), alt=alt,
        note=("alt %s" % alt) if alt else "", **kw)

cnt(IXIC, "2022-01-01", "2022-12-31", lambda r: r < -2, "how many days did the nasdaq fall more than 2% in 2022", alt_s=NDX)
cnt(SPX, "2023-01-01", "2023-12-31", lambda r: r > 1, "how many days did the s&p rise more than 1% in 2023")
vc = sum(1 for d, c in zip(VIX.dates, VIX.c) if d[:4] == "2025" and c > 25)
assert not any(d[:4] == "2025" and abs(c - 25) < 0.005 for d, c in zip(VIX.dates, VIX.c))
add("days vix closed above 25 in 2025?", "count", vc, "sessions", 0, text="%d VIX closes > 25 in 2025 (guydekowski; no close at exactly 25)" % vc)
n = len(h.records(NDX, "2025-01-01", "2025-12-31"))
add("nasdaq 100 record closes in 2025 - how many?", "count", n, "sessions", 0, text="%d NDX record closes in 2025" % n)

# ------------------------------------------------------------------ extremes
def dayext(s, d0, d1, q, best=True, **kw):
    rr = s.returns_in(d0, d1); b = (max if best else min)(rr, key=lambda x: x[1])
    add(q, "extreme", b[1], "percent", 0.01, also=[b[0]], text="%s %s day %s %.2f%%" % (s.name, "best" if best else "worst", b[0], b[1]), **kw)

def lvlext(s, d0, d1, q, low=False, unit="points", tol=0.01, **kw):
    xs = [(d, c) for d, c in zip(s.dates, s.c) if d0 <= d <= d1]
    d, c = (min if low else max)(xs, key=lambda x: x[1])
    add(q, "extreme", c, unit, tol, also=[d], text="%s %s close %s: %.2f" % (s.name, "lowest" if low else "highest", d, c), **kw)

dayext(RUT, "2022-01-01", "2022-12-31", "worst day for the russell in 2022?", best=False)
lvlext(VIX, "2022-01-01", "2022-12-31", "peak vix close in 2022")
dayext(NDX, "2022-01-01", "2022-12-31", "ndx best session of 2022")
lvlext(DGS10, "2020-01-01", "2020-12-31", "lowest 10-year yield in 2020?", low=True, unit="percent", tol=0.001)
mr = [x for x in h.period_returns(IXIC, h.month) if x[0][:4] == "2020"]
b = max(mr, key=lambda x: x[1])
mrn = [x for x in h.period_returns(NDX, h.month) if x[0][:4] == "2020"]
bn = max(mrn, key=lambda x: x[1])
add("nasdaq's best month in 2020", "extreme", b[1], "percent", 0.01, also=[b[0]],
    text="IXIC best month %s %.2f%% (NDX %s %.2f%%)" % (b[0], b[1], bn[0], bn[1]), alt=[A(bn[1], [bn[0]])], note="month-end closes")

# ------------------------------------------------------------------ drawdowns
def mdd(s, d0, d1, q, **kw):
    dd = h.max_dd(s, d0, d1); di = h.max_dd_in(s, d0, d1)
    alt = [A(di[0], [di[1]])] if abs(di[0] - dd[0]) > 0.005 else None
    add(q, "drawdown", dd[0], "percent", 0.01, also=[dd[1]], text="%.2f%% to %s from %s %.2f" % dd, alt=alt,
        note="from the running all-time peak" + ("; alt from the in-year peak: %.2f%% %s from %s" % di[:3] if alt else " (= in-year peak)"), **kw)

mdd(NDX, "2020-01-01", "2020-12-31", "ndx max drawdown 2020")
mdd(SPX, "2018-01-01", "2018-12-31", "how big was the s&p's 2018 drawdown, peak to trough?")
i = RUT.idx("2025-04-08"); pk = max(RUT.c[:i + 1]); pkd = RUT.dates[RUT.c.index(pk)]; v = (RUT.c[i] / pk - 1) * 100
add("how far below its record is the russell 2000", "drawdown", v, "percent", 0.01, as_of="2025-04-08",
    text="RUT %.2f on %s vs record %.2f (%s): %.2f%%" % (RUT.c[i], RUT.dates[i], pk, pkd, v))
mdd(IXIC, "2022-01-01", "2022-12-31", "deepest drawdown for the nasdaq composite in 2022")

# ------------------------------------------------------------------ streaks
def longest(s, d0, d1, up, q, **kw):
    runs = h.streaks(s, d0, d1, up=up); b = max(r[0] for r in runs)
    ends = [r for r in runs if r[0] == b]
    also = [ends[0][2]] if len(ends) == 1 else []
    add(q, "streak", b, "sessions", 0, also=also, text="%d sessions: %s" % (b, ends),
        note="" if also else "several runs of this length: no date required", **kw)

longest(SPX, "2024-01-01", "2024-12-31", False, "longest losing streak for the S&P in 2024")
longest(RUT, "2023-01-01", "2023-12-31", True, "russell 2000 longest win streak 2023?")
n1, sg1 = h.current_streak(IXIC, "2026-04-15"); n2, sg2 = h.current_streak(NDX, "2026-04-15")
assert (n1, sg1) == (n2, sg2)
add("how many days in a row has the nasdaq been up", "streak", n1, "sessions", 0, as_of="2026-04-15",
    text="IXIC and NDX: %d straight %s sessions as of 2026-04-15" % (n1, sg1))
n1, sg1 = h.current_streak(NDX, "2026-07-29")
add("is the nasdaq 100 on a losing streak? how long", "streak", n1, "sessions", 0, as_of="2026-07-29",
    text="NDX %d straight %s sessions as of 2026-07-29" % (n1, sg1))

# ------------------------------------------------------------------ volatility
def vol(s, d0, d1, q, **kw):
    rs = s.returns_in(d0, d1); v = m.vol(rs)
    add(q, "volatility", v, "percent", 0.02, text="annualised %.2f%% (%d daily returns)" % (v, len(rs)), **kw)

vol(SPX, "2022-01-01", "2022-12-31", "realized vol spx 2022")
vol(NDX, "2008-01-01", "2008-12-31", "how volatile was the nasdaq 100 in 2008")

# ------------------------------------------------------------------ comparisons
def comp(a, b, d0, d1, q, alt_b=None, **kw):
    ra = a.ret(d0, d1)[0]; rb = b.ret(d0, d1)[0]
    alt = [A(ra - rb)]
    if alt_b is not None:
        rc = alt_b.ret(d0, d1)[0]
        alt.append(A(ra, [round(rc, 4)]))
    add(q, "comparison", ra, "percent", 0.01, also=[round(rb, 4)], text="%s %.2f%% vs %s %.2f%%" % (a.name, ra, b.name, rb),
        alt=alt, note="alt: the spread alone" + ("; or vs %s" % alt_b.name if alt_b else ""), **kw)

comp(SPX, NDX, "2020-12-31", "2021-12-31", "spx vs ndx 2021")
comp(RUT, SPX, "2023-12-31", "2024-12-31", "small caps vs large caps in 2024?")
comp(DJI, IXIC, "2024-12-31", "2025-12-31", "which did better in 2025, the dow or the nasdaq?", alt_b=NDX)

# ------------------------------------------------------------------ Fed (announcement = effective - 1 day, except 2015-12-16 / 2016-12-14)
def ann(d):
    if d in ("2015-12-16", "2016-12-14"):
        return d
    return (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()

c24 = [ann(x[0]) for x in FED if x[2] < x[1] and ann(x[0])[:4] == "2024"]
add("how many cuts in 2024", "fed", len(c24), "decisions", 0, text="cuts announced %s" % c24)
lh = [x for x in FED if x[2] > x[1]][-1]
add("last time the fed raised rates?", "fed", None, "date", 0.01, also=[ann(lh[0])],
    text="last hike announced %s to %.2f-%.2f (effective %s)" % (ann(lh[0]), lh[3], lh[2], lh[0]))
h23 = [ann(x[0]) for x in FED if x[2] > x[1] and ann(x[0])[:4] == "2023"]
add("fed hikes in 2023, how many?", "fed", len(h23), "decisions", 0, text="hikes announced %s" % h23)
R = m.rates()
ds = max(x for x in R if x <= "2020-03-20" and R[x].get("DFEDTARU"))
lo, up = float(R[ds]["DFEDTARL"]), float(R[ds]["DFEDTARU"])
add("what was the fed funds target on 2020-03-20", "fed", up, "percent", 0.001, also=[lo], text="%.2f-%.2f (row %s)" % (lo, up, ds))
c19 = [x for x in FED if x[2] < x[1] and ann(x[0])[:4] == "2019"]
add("when did the fed start cutting in 2019?", "fed", None, "date", 0.01, also=[ann(c19[0][0])],
    text="first 2019 cut announced %s (effective %s) %.2f -> %.2f" % (ann(c19[0][0]), c19[0][0], c19[0][1], c19[0][2]))
h22 = [x for x in FED if x[2] > x[1] and ann(x[0])[:4] == "2022"]
tot = sum(x[2] - x[1] for x in h22)
add("total fed tightening in 2022 in bp", "fed", tot * 100, "bp", 0, text="%d hikes, %.0f bp: %s" % (len(h22), tot * 100, [(ann(x[0]), x[2]) for x in h22]),
    alt=[A(tot)], note="alt in percentage points")

# ------------------------------------------------------------------ refusals
for q, why in [("will spx hit 8000 by year end?", "forecast"),
               ("aapl close yesterday?", "no single stocks"),
               ("amazon p/e ratio", "no single-stock valuation"),
               ("spx price at 10:30am on 8/5/2024", "no intraday (time-of-day) prices, only daily OHLC"),
               ("how did it do?", "no subject, no context"),
               ("DAX return 2023", "no DAX series"),
               ("what will the fed do in december", "forecast"),
               ("russell 2000 return in 2027", "future year"),
               ("tesla's performance in 2024", "no single stocks"),
               ("vix close on oct 19 1987", "VIX data start 1990-01-02")]:
    add(q, "refuse", None, None, None, refuse=True, text=why)

with open("questions-new2.jsonl", "w") as f:
    for q in Q:
        f.write(json.dumps(q) + "\n")
for q in Q:
    a = q["answer"]
    print(q["id"], q["as_of"] if q["as_of"] != AS else "", q["question"], "|", a["value"], a["also"], a.get("alt", ""), "|", a["text"])
