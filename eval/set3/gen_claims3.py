"""Build claims-new3.jsonl: 25 news-style passages (new wording), each numeric claim labelled
supported / contradicted / unverifiable with a true value computed here from the raw CSVs
(mdata.py / qhelp.py: csv-module loaders, no marketproof code).

Conventions (as /work/eval-new): daily move = close / previous close; period return = close(last
session <= end) / close(last session <= start boundary); weekly = Friday close / previous Friday close;
streak = consecutive closes up (down) ending as_of; record = close above every earlier close;
drawdown = close / running max close; "since X" for a move = last earlier session with a move as big
or bigger; "highest/lowest close since X" = last earlier close at or beyond it; "first close above T
since X" = last earlier close above T before the current run; yields/spreads = FRED DGS2/DGS10
(change tolerance 1.5 bp: half a bp of the claim plus 1 bp rounding of two FRED values);
Fed decision = DFEDTARL/DFEDTARU change (effective the day after announcement, the same day on 2008-12-16).
Sources: S&P=GSPC.csv, Nasdaq Comp=heliar IXIC (from 2016-06-28), RUT=hjyssg<2016-06-28 else heliar,
NDX=hjyssg then asset_prices, Dow=asset_prices DJI (from 2024-08-21, weekends dropped), VIX=guydekowski.
"""
import csv, json, os, re
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
import mdata as m, qhelp as h

SPX, IXIC, RUT, NDX, DJI, VIX = m.spx(), m.ixic(), m.rut(), m.ndx(), m.dji(), m.vix()
D10, D2 = m.rseries("DGS10"), m.rseries("DGS2")
RATES = m.rates()
P = []

# ---------------------------------------------------------------- measures
def daily(s, d):
    r, p, c, pd, pc = s.daily(d)
    return r, p, c, "%s %s close %.2f vs prev close %.2f (%s): %+.2f pts, %+.3f%%" % (s.name, d, c, pc, pd, p, r)

def last_as_extreme(s, d):
    i = s.dates.index(d); r = s.c[i] / s.c[i - 1] - 1
    for j in range(i - 1, 0, -1):
        rj = s.c[j] / s.c[j - 1] - 1
        if (rj >= r if r > 0 else rj <= r):
            return s.dates[j], "%s %s %+.2f%%; last earlier session as %s: %s (%+.2f%%)" % (
                s.name, d, r * 100, "good or better" if r > 0 else "bad or worse", s.dates[j], rj * 100)
    return None, "none earlier"

def last_close_beyond(s, d, higher):
    i = s.dates.index(d); c = s.c[i]
    for j in range(i - 1, -1, -1):
        if (s.c[j] >= c if higher else s.c[j] <= c):
            return s.dates[j], "%s close %s %.2f; last earlier close at or %s it: %s (%.2f)" % (
                s.name, d, c, "above" if higher else "below", s.dates[j], s.c[j])
    return None, "none earlier"

def streak(s, d):
    n, dr = h.current_streak(s, d)
    i = s.dates.index(d)
    return n, dr, "%s %s run ending %s: %d sessions from %s" % (s.name, dr, d, n, s.dates[i - n + 1])

def last_run_ge(s, d, n, up=True):
    runs = h.streaks(s, s.dates[1], d, up)
    cur = runs[-1]; assert cur[2] == d
    prev = [r for r in runs[:-1] if r[0] >= n]
    r = prev[-1]
    return r[2], "%s current %s run %d sessions %s..%s; last earlier run of >= %d: %d sessions %s..%s" % (
        s.name, "up" if up else "down", cur[0], cur[1], cur[2], n, r[0], r[1], r[2])

def drawdown(s, d):
    i = s.dates.index(d); pk = max(s.c[:i + 1]); pd = s.dates[s.c.index(pk)]
    dd = (s.c[i] / pk - 1) * 100
    return dd, pd, "%s close %s %.2f vs running max close %.2f on %s: %.3f%%" % (s.name, d, s.c[i], pk, pd, dd)

def is_record(s, d):
    i = s.dates.index(d); pm = max(s.c[:i]); pmd = s.dates[s.c.index(pm)]
    return s.c[i] > pm, "%s close %s %.2f vs highest earlier close %.2f (%s)" % (s.name, d, s.c[i], pm, pmd)

def ret(s, a, b, what=""):
    r, da, ca, db, cb = s.ret(a, b)
    return r, "%s %sclose %s %.2f -> %s %.2f: %+.3f%%" % (s.name, what, da, ca, db, cb, r)

def prev_friday_ret(s, d):
    """week ending d: close d vs last close of the previous ISO week"""
    wk = h.week(d); i = s.dates.index(d)
    j = i
    while h.week(s.dates[j]) == wk: j -= 1
    r = (s.c[i] / s.c[j] - 1) * 100
    return r, "%s week: close %s %.2f -> %s %.2f: %+.3f%%" % (s.name, s.dates[j], s.c[j], d, s.c[i], r)

def month_ret(s, ym):
    for b, x, a0, b0 in h.period_returns(s, h.month):
        if b == ym:
            return x, "%s month %s: close %s %.2f -> %s %.2f: %+.3f%%" % (s.name, ym, a0, s.close(a0), b0, s.close(b0), x)

def year_ret(s, y):
    for b, x, a0, b0 in h.period_returns(s, h.year):
        if b == y:
            return x, "%s year %s: close %s %.2f -> %s %.2f: %+.3f%%" % (s.name, y, a0, s.close(a0), b0, s.close(b0), x)

def first_above_since(s, d, thr):
    i = s.dates.index(d); assert s.c[i] > thr and s.c[i - 1] <= thr
    j = max(k for k in range(i) if s.c[k] > thr)
    return s.dates[j], "%s close %s %.2f (prev %.2f); last earlier close above %g: %s (%.2f)" % (
        s.name, d, s.c[i], s.c[i - 1], thr, s.dates[j], s.c[j])

def y(s, d):
    return s.d[d][0]

def ychg(s, d, base=None):
    i = s.dates.index(d)
    b = base or s.dates[i - 1]
    ch = round((s.d[d][0] - s.d[b][0]) * 100)
    return ch, "FRED %s %s %.2f -> %s %.2f: %+d bp" % (s.name, b, s.d[b][0], d, s.d[d][0], ch)

def spread(d):
    v = round((y(D10, d) - y(D2, d)) * 100)
    return v, "FRED DGS10 %.2f minus DGS2 %.2f on %s = %+d bp" % (y(D10, d), y(D2, d), d, v)

def fed_range(d):
    r = RATES[d]
    return "%.2f-%.2f" % (float(r["DFEDTARL"]), float(r["DFEDTARU"]))

# ---------------------------------------------------------------- labels
def dec(s):
    mm = re.search(r"\d[\d,]*(?:\.(\d+))?", s); return len(mm.group(1)) if mm and mm.group(1) else 0
def num(s):
    return float(re.search(r"\d[\d,]*(?:\.\d+)?", s).group(0).replace(",", ""))

def _mk(quote, claimed, kind, ok, true, rule, note, expect):
    v = "supported" if ok else "contradicted"
    assert v == expect, (quote, v, true, note)
    return dict(quote=quote, claimed=claimed, kind=kind, verdict=v,
                true_value=round(true, 4) if isinstance(true, float) else true, rule=rule, note=note)

def NUM(quote, claimed, kind, true, sign=1, tol=None, note="", expect="supported", pre=""):
    """printed figure claimed (sign = direction stated: +1 up/level, -1 down); supported if within tol"""
    c = sign * num(claimed)
    t = tol if tol is not None else 0.5 * 10 ** -dec(claimed)
    ok = abs(true - c) <= t + 1e-9
    rule = pre + "supported if |true - (%s)| <= %g%s" % (("%g" % c), t, " (printed precision)" if tol is None else "")
    return _mk(quote, claimed, kind, ok, true, rule, note, expect)

def BEYOND(quote, claimed, kind, true, bound, below=False, note="", expect="supported", word="more than"):
    ok = true < bound if below else true > bound
    rule = "supported if true %s %g (\"%s\")" % ("<" if below else ">", bound, word)
    return _mk(quote, claimed, kind, ok, true, rule, note, expect)

def EQ(quote, claimed, kind, true, want, note="", expect="supported", pre=""):
    rule = pre + "supported if true == %r" % (want,)
    return _mk(quote, claimed, kind, true == want, true, rule, note, expect)

def DATE(quote, claimed, kind, true, prefix, note="", expect="supported", pre=""):
    what = "is" if len(prefix) == 10 else "falls in"
    rule = pre + "supported if the date %s %s" % (what, prefix)
    return _mk(quote, claimed, kind, bool(true) and true.startswith(prefix), true, rule, note, expect)

def U(quote, claimed, kind, why):
    return dict(quote=quote, claimed=claimed, kind=kind, verdict="unverifiable", true_value="n/a",
                rule=why, note="not decidable from the market-data files: " + why)

def add(as_of, text, claims, source="written for this eval (news style, new wording)"):
    for c in claims:
        assert text.count(c["quote"]) == 1, c["quote"]
    P.append(dict(id="N3-%03d" % (len(P) + 1), text=text, as_of=as_of, published=as_of, source=source, claims=claims))

DOW_OLD = "Dow Jones Industrial Average before 2024-08 is not in the files"
IXIC_OLD = "Nasdaq Composite before 2016-06-28 is not in the files"

# ================================================================ N3-001 2008-09-29 bailout vote fails
d = "2008-09-29"
r, p, c, n = daily(SPX, d); lw, nlw = last_as_extreme(SPX, d)
vr, vp, vc, vn = daily(VIX, d); vrec, vrn = is_record(VIX, d)
add(d, "NEW YORK (Reuters) - Wall Street had one of its bleakest sessions in a generation on Monday after the House of Representatives voted down the $700 billion bank rescue plan. The S&P 500 index plunged 8.8 percent to 1,106.42, its largest one-day percentage decline since the crash of October 1987. The Dow Jones industrial average tumbled 777.68 points, its biggest point drop ever, and the Nasdaq Composite Index slid 9.1 percent. The CBOE Volatility Index, Wall Street's favorite fear barometer, closed at a record 46.72.", [
    NUM("plunged 8.8 percent", "8.8 percent", "daily_move", r, -1, note=n),
    DATE("its largest one-day percentage decline since the crash of October 1987", "October 1987", "rank_since", lw, "1987-10", nlw),
    U("tumbled 777.68 points", "777.68", "daily_move", DOW_OLD),
    U("slid 9.1 percent", "9.1 percent", "daily_move", IXIC_OLD),
    EQ("closed at a record 46.72", "46.72", "record_close", vrec and round(vc, 2) == 46.72, True, "level 46.72 matches the file; " + vrn),
])

# ================================================================ N3-002 2008-10-13 record rally
d = "2008-10-13"
r, p, c, n = daily(SPX, d); lw, nlw = last_as_extreme(SPX, d)
nr, _, _, nn = daily(NDX, d); rr, _, _, rn = daily(RUT, d)
vrec, vrn = is_record(VIX, "2008-10-10")
add(d, "Stocks staged a historic rebound on Monday as governments on both sides of the Atlantic moved to prop up their banks. The S&P 500 rocketed 11.6%, notching its best percentage gain since 1939, and the Nasdaq 100 soared 11.8%. In London, the FTSE 100 jumped 8.3%. The VIX eased from Friday's record close of 69.95.", [
    NUM("rocketed 11.6%", "11.6%", "daily_move", r, note=n),
    DATE("its best percentage gain since 1939", "1939", "rank_since", lw, "1939", nlw),
    NUM("the Nasdaq 100 soared 11.8%", "11.8%", "daily_move", nr, note=nn, expect="contradicted"),
    U("the FTSE 100 jumped 8.3%", "8.3%", "daily_move", "the FTSE 100 is not in the files"),
    EQ("Friday's record close of 69.95", "69.95", "record_close", vrec and round(VIX.close("2008-10-10"), 2) == 69.95, True, "level 69.95 matches the file; " + vrn),
])

# ================================================================ N3-003 2010-05-06 flash crash
d = "2010-05-06"
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, d)
lo = SPX.d[d][2]; pc = SPX.close("2010-05-05"); lor = (lo / pc - 1) * 100
vr, vp, vc, vn = daily(VIX, d); vl, vln = last_close_beyond(VIX, d, True)
add(d, "A sudden afternoon plunge briefly erased nearly $1 trillion in market value on Thursday before stocks clawed back part of the loss. The S&P 500 ended down 3.2%, its third straight decline, after having been off more than 8% at its intraday low. At the worst point the Dow was down almost 1,000 points. The VIX spiked to its highest finish since May 2009.", [
    U("nearly $1 trillion in market value", "$1 trillion", "other", "market capitalization is not in the files"),
    NUM("ended down 3.2%", "3.2%", "daily_move", r, -1, note=n),
    EQ("its third straight decline", "third", "streak", st if sd == "down" else -st, 3, sn),
    BEYOND("off more than 8% at its intraday low", "8%", "level_intraday", lor, -8, below=True,
           note="SPX %s low %.2f vs prev close %.2f: %.3f%%" % (d, lo, pc, lor)),
    U("the Dow was down almost 1,000 points", "1,000", "level_intraday", DOW_OLD + " (and it has closes only)"),
    DATE("its highest finish since May 2009", "May 2009", "rank_since", vl, "2009-05", vln),
])

# ================================================================ N3-004 2011-08-08 downgrade
d = "2011-08-08"
r, p, c, n = daily(SPX, d); lw, nlw = last_as_extreme(SPX, d)
rr, rp, rc, rn = daily(RUT, d); ch10, n10 = ychg(D10, d)
vr, vp, vc, vn = daily(VIX, d)
add(d, "In the first session since Standard & Poor's stripped the United States of its top-notch credit rating, investors dumped stocks indiscriminately. The S&P 500 sank 6.7 percent, its steepest fall since October 2008. Smaller companies took an even harder hit, with the Russell 2000 losing 63.67 points. Investors piled into Treasuries, pushing the 10-year yield down 18 basis points to 2.40 percent.", [
    NUM("sank 6.7 percent", "6.7 percent", "daily_move", r, -1, note=n),
    DATE("its steepest fall since October 2008", "October 2008", "rank_since", lw, "2008-10", nlw, expect="contradicted"),
    NUM("losing 63.67 points", "63.67", "daily_move", rp, -1, note=rn),
    NUM("down 18 basis points", "18 basis points", "yield_level", ch10, -1, tol=1.5, note=n10),
    NUM("to 2.40 percent", "2.40 percent", "yield_level", y(D10, d), note="FRED DGS10 on %s = %.2f" % (d, y(D10, d))),
])

# ================================================================ N3-005 2015-08-24 volatility story
d = "2015-08-24"
vc = VIX.close(d); vh = VIX.d[d][1]; s40, s40n = first_above_since(VIX, d, 40)
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, d); dd, pkd, ddn = drawdown(SPX, d)
add(d, "Wall Street's fear gauge screamed on Monday. The CBOE Volatility Index logged its first finish above 40 since 2011, after touching 53.29 in the opening minutes as a selloff in China rippled around the globe; the Shanghai Composite had tumbled 8.5%. The S&P 500 suffered a fifth straight loss and now sits 11% below its May record close.", [
    DATE("its first finish above 40 since 2011", "2011", "rank_since", s40, "2011", s40n),
    NUM("touching 53.29", "53.29", "level_intraday", vh, note="VIX %s high = %.2f" % (d, vh)),
    U("the Shanghai Composite had tumbled 8.5%", "8.5%", "daily_move", "the Shanghai Composite before 2024-08 is not in the files"),
    EQ("a fifth straight loss", "fifth", "streak", st if sd == "down" else -st, 5, sn),
    NUM("11% below its May record close", "11%", "drawdown", dd, -1, note=ddn + " (peak in May: %s)" % (pkd[:7] == "2015-05"),
        pre="peak close 2015-05-21; "),
])

# ================================================================ N3-006 2018-12-26 rebound
d = "2018-12-26"
r, p, c, n = daily(SPX, d); lw, nlw = last_as_extreme(SPX, d); st, sd, sn = streak(SPX, "2018-12-24")
ir, _, _, inn = daily(IXIC, d); rr, _, _, rn = daily(RUT, d)
add(d, "Wall Street roared back from the brink of a bear market on Wednesday. The S&P 500 surged 116.60 points in its best session since March 2009, snapping a four-day losing streak, and the Russell 2000 rallied 4.4%. Amazon jumped 9.4% after the retailer said it had a record holiday season.", [
    NUM("surged 116.60 points", "116.60", "daily_move", p, note=n),
    DATE("its best session since March 2009", "March 2009", "rank_since", lw, "2009-03", nlw),
    EQ("snapping a four-day losing streak", "four-day", "streak", st if sd == "down" else -st, 4, "run snapped = " + sn),
    NUM("the Russell 2000 rallied 4.4%", "4.4%", "daily_move", rr, note=rn, expect="contradicted"),
    U("Amazon jumped 9.4%", "9.4%", "daily_move", "single stocks (Amazon) are not in the files"),
])

# ================================================================ N3-007 2019-03-08 look-back on the 2009 bottom
d = "2019-03-08"
b = "2009-03-09"; bc = SPX.close(b); ll, lln = last_close_beyond(SPX, b, False); dd, pkd, ddn = drawdown(SPX, b)
g, gn = ret(SPX, b, d); st, sd, sn = streak(SPX, d); lr, lrn = last_run_ge(SPX, d, st, up=False)
add(d, "Saturday marks ten years since the bottom of the financial crisis. On March 9, 2009, the S&P 500 closed at 676.53, its lowest close since 1995 and 56.8% below its October 2007 peak. Through Friday's close the index has gained about 305% from that low, while the Nasdaq Composite has risen roughly sixfold. The anniversary comes at a shaky moment, with the S&P 500 on its longest losing streak since November.", [
    NUM("closed at 676.53", "676.53", "level_close", bc, note="SPX %s close = %.2f" % (b, bc)),
    DATE("its lowest close since 1995", "1995", "rank_since", ll, "1995", lln, expect="contradicted"),
    NUM("56.8% below its October 2007 peak", "56.8%", "drawdown", dd, -1, note=ddn),
    NUM("gained about 305%", "305%", "period_return", g, tol=3.05, note=gn, pre="about = within 1% of the figure; "),
    U("risen roughly sixfold", "sixfold", "period_return", IXIC_OLD),
    DATE("its longest losing streak since November", "November", "longest_since", lr, "2018-11", sn + "; " + lrn, pre="November = November 2018; "),
])

# ================================================================ N3-008 2020-03-24 covid rebound
d = "2020-03-24"
r, p, c, n = daily(SPX, d); lw, nlw = last_as_extreme(SPX, d)
mc = SPX.close("2020-03-23"); ml, mln = last_close_beyond(SPX, "2020-03-23", False)
dd, pkd, ddn = drawdown(SPX, d); rr, rp, rc, rn = daily(RUT, d); vc = VIX.close(d)
add(d, "Stocks posted their best day in more than a decade on Tuesday as Washington neared a deal on a massive relief package. The S&P 500 soared 9.4%, its biggest one-day gain since October 2008, a day after closing at 2,237.40, its lowest level since late 2016. Even after the jump, the benchmark remains 31% below its Feb. 19 record. The Russell 2000 added 94.14 points.", [
    NUM("soared 9.4%", "9.4%", "daily_move", r, note=n),
    DATE("its biggest one-day gain since October 2008", "October 2008", "rank_since", lw, "2008-10", nlw),
    NUM("closing at 2,237.40", "2,237.40", "level_close", mc, note="SPX 2020-03-23 (Monday) close = %.2f" % mc),
    DATE("its lowest level since late 2016", "late 2016", "rank_since", ml, "2016-1", mln, pre="late 2016 = Oct-Dec 2016; "),
    NUM("remains 31% below its Feb. 19 record", "31%", "drawdown", dd, -1, note=ddn, expect="contradicted"),
    NUM("added 94.14 points", "94.14", "daily_move", rp, note=rn),
])

# ================================================================ N3-009 2020-11-30 small caps' November
d = "2020-11-30"
rm, rmn = month_ret(RUT, "2020-11"); sm, smn = month_ret(SPX, "2020-11"); im, imn = month_ret(IXIC, "2020-11")
novs = [(b, x) for b, x, _, _ in h.period_returns(SPX, h.month) if b.endswith("-11") and b < "2020-11" and x >= sm]
vm, vmn = month_ret(VIX, "2020-11")
add(d, "Small caps closed out a November for the history books. The Russell 2000 soared 18.3% this month, outpacing the S&P 500 by roughly 7.5 percentage points, even though the large-cap benchmark was having its best November since 1928.", [
    NUM("soared 18.3% this month", "18.3%", "period_return", rm, note=rmn),
    NUM("by roughly 7.5 percentage points", "7.5", "period_return", rm - sm, tol=0.1, note="RUT %.3f%% minus SPX %.3f%%" % (rm, sm),
        pre="roughly: within 0.1 pp; "),
    DATE("its best November since 1928", "1928", "rank_since", novs[-1][0] if novs else None, "1928",
         "SPX November 2020 %+.2f%%; Novembers as good or better: %s" % (sm, novs)),
])

# ================================================================ N3-010 2021-12-31 records story
d = "2021-12-31"
yr21, yn = year_ret(SPX, "2021")
yrs = h.period_returns(SPX, h.year); run = 0
for b, x, _, _ in reversed(yrs):
    if b > "2021": continue
    if x > 0: run += 1
    else: break
import collections
rc_ = collections.Counter(dd_[:4] for dd_, _ in h.records(SPX, "1928-01-01", "2021-12-31"))
more = [yy for yy in sorted(rc_) if yy < "2021" and rc_[yy] >= rc_["2021"]]
low = min(SPX.c[SPX.idx("2020-03-01"):SPX.idx("2020-03-31") + 1]); dbl = SPX.close(d) / low
ir, irn = year_ret(IXIC, "2021"); rr, rrn = year_ret(RUT, "2021")
add(d, "It was a year of records. The S&P 500 wrapped up 2021 with a 26.9% gain, its fourth straight yearly advance, after setting 70 all-time closing highs along the way, the most in any year since 1995.", [
    NUM("a 26.9% gain", "26.9%", "period_return", yr21, note=yn),
    EQ("its fourth straight yearly advance", "fourth", "streak", run, 4, "consecutive up calendar years ending 2021: %d (%s)" % (
        run, ", ".join("%s %+.1f" % (b, x) for b, x, _, _ in yrs if "2017" <= b <= "2021")), expect="contradicted"),
    EQ("setting 70 all-time closing highs", "70", "count", rc_["2021"], 70, "SPX record closes in 2021: %d" % rc_["2021"]),
    DATE("the most in any year since 1995", "1995", "rank_since", more[-1], "1995", "years with >= %d record closes before 2021: %s" % (
        rc_["2021"], [(yy, rc_[yy]) for yy in more])),
])

# ================================================================ N3-011 2022-11-02 Fed day
d = "2022-11-02"
fc = [x for x in m.fed_changes() if x[0] <= "2022-11-03"]
hike = round((fc[-1][2] - fc[-1][1]) * 100)
run75 = 0
for x in reversed(fc):
    if round((x[2] - x[1]) * 100) == 75: run75 += 1
    else: break
n22 = sum(1 for x in fc if x[0][:4] == "2022" and x[2] > x[1])
r, p, c, n = daily(SPX, d); ir, _, _, inn = daily(IXIC, d); ch2, n2 = ychg(D2, d)
add(d, "The Federal Reserve on Wednesday raised its benchmark interest rate by three-quarters of a percentage point for a third consecutive meeting, lifting the federal funds rate to a target range of 3.75% to 4%, the highest level since January 2008. It was the central bank's sixth rate increase this year. Stocks sank after Chair Jerome Powell said it was premature to think about pausing: the S&P 500 dropped 2.5%.", [
    EQ("raised its benchmark interest rate by three-quarters of a percentage point", "75", "fed_decision", hike, 75,
       "target range %s before, %s after (effective 2022-11-03): %+d bp" % (fed_range("2022-11-02"), fed_range("2022-11-03"), hike)),
    EQ("for a third consecutive meeting", "third", "count", run75, 3, "consecutive 75 bp hikes ending 2022-11-03: %d (%s)" % (
        run75, ", ".join("%s %+d" % (x[0], round((x[2] - x[1]) * 100)) for x in fc if x[0] >= "2022-03-01")), expect="contradicted"),
    EQ("a target range of 3.75% to 4%", "3.75% to 4%", "fed_rate_level", fed_range("2022-11-03"), "3.75-4.00",
       "FRED DFEDTARL/DFEDTARU on 2022-11-03 (day after announcement) = %s" % fed_range("2022-11-03")),
    U("the highest level since January 2008", "since January 2008", "fed_rate_level", "needs the target rate before 2008-12-16, which is not in the files"),
    EQ("sixth rate increase this year", "sixth", "count", n22, 6, "target-range increases effective in 2022 through 2022-11-03: %d" % n22),
    NUM("dropped 2.5%", "2.5%", "daily_move", r, -1, note=n),
])

# ================================================================ N3-012 2022-12-30 look-back at 2022
d = "2022-12-30"
y22, y22n = year_ret(SPX, "2022")
worse = [b for b, x, _, _ in yrs if b < "2022" and x <= y22]
losing = [b for b, x, _, _ in yrs if b < "2022" and x < 0]
i22, i22n = year_ret(IXIC, "2022"); r22, r22n = year_ret(RUT, "2022"); dd, pkd, ddn = drawdown(SPX, d)
add(d, "Good riddance, 2022. The S&P 500 lost 19.4% this year, its worst annual showing since 2008 and its first losing year since 2018. The Nasdaq Composite fared far worse, shedding 33.1% as rate-sensitive tech shares were crushed. The benchmark finished the year nearly 20% below its record close.", [
    NUM("lost 19.4% this year", "19.4%", "period_return", y22, -1, note=y22n),
    DATE("its worst annual showing since 2008", "2008", "rank_since", worse[-1], "2008", "last earlier year as bad or worse than %.2f%%: %s" % (y22, worse[-1])),
    DATE("its first losing year since 2018", "2018", "rank_since", losing[-1], "2018", "last earlier down year: %s" % losing[-1]),
    NUM("shedding 33.1%", "33.1%", "period_return", i22, -1, note=i22n),
    BEYOND("nearly 20% below its record close", "20%", "drawdown", dd, -21, note=ddn, word="nearly 20%: -21 < true <= -20"),
])
# fix the "nearly" rule to a two-sided bound
P[-1]["claims"][4]["rule"] = "supported if -21 < true <= -19.5 (\"nearly 20%\")"
assert -21 < dd <= -19.5

# ================================================================ N3-013 2023-03-13 SVB rates story
d = "2023-03-13"
ch2, n2 = ychg(D2, d)
i2 = D2.dates.index(d); j2 = max(k for k in range(1, i2) if D2.c[k] - D2.c[k - 1] <= D2.c[i2] - D2.c[i2 - 1])
three, n3 = ychg(D2, d, D2.dates[i2 - 3])
ch10, n10 = ychg(D10, d); sp, spn = spread(d)
add(d, "Treasury yields plunged on Monday as the collapse of Silicon Valley Bank sent investors scrambling for safety and traders slashed bets on further Fed hikes. The two-year yield tumbled 47 basis points to 4.03%, its steepest one-day drop since October 1987, and has fallen more than a full percentage point in three sessions. The 10-year yield fell less, leaving the 2s10s curve inverted by 48 basis points. Shares of First Republic Bank sank 62%.", [
    NUM("tumbled 47 basis points", "47 basis points", "yield_level", ch2, -1, tol=1.5, note=n2, expect="contradicted"),
    NUM("to 4.03%", "4.03%", "yield_level", y(D2, d), note="FRED DGS2 on %s = %.2f" % (d, y(D2, d))),
    DATE("its steepest one-day drop since October 1987", "October 1987", "rank_since", D2.dates[j2], "1987-10",
         "DGS2 %s %+d bp; last earlier day as bad or worse: %s (%+d bp)" % (d, ch2, D2.dates[j2], round((D2.c[j2] - D2.c[j2 - 1]) * 100))),
    BEYOND("fallen more than a full percentage point in three sessions", "a full percentage point", "yield_level", three, -100, below=True, note=n3),
    NUM("inverted by 48 basis points", "48 basis points", "spread", sp, -1, tol=1.5, note=spn),
    U("Shares of First Republic Bank sank 62%", "62%", "daily_move", "single stocks (First Republic) are not in the files"),
])

# ================================================================ N3-014 2024-07-11 rotation day
d = "2024-07-11"
rr, rp, rc, rn = daily(RUT, d); rlw, rlwn = last_as_extreme(RUT, d)
sr, _, _, sn_ = daily(SPX, d); ir, _, _, inn = daily(IXIC, d); ist, isd, isn = streak(IXIC, "2024-07-10")
add(d, "Investors dumped megacap tech and piled into small caps on Thursday after a cooler-than-expected consumer price report. The Russell 2000 jumped 3.6%, its best day since November, while the Nasdaq Composite fell, snapping a seven-day winning streak, as Nvidia dropped 5.6%.", [
    NUM("jumped 3.6%", "3.6%", "daily_move", rr, note=rn),
    DATE("its best day since November", "November", "rank_since", rlw, "2023-11", rlwn, pre="November = November 2023; "),
    EQ("snapping a seven-day winning streak", "seven-day", "streak", ist if isd == "up" else -ist, 7, "run snapped = " + isn),
    U("Nvidia dropped 5.6%", "5.6%", "daily_move", "single stocks (Nvidia) are not in the files"),
])

# ================================================================ N3-015 2024-07-31 July small vs large
d = "2024-07-31"
rm, rmn = month_ret(RUT, "2024-07"); sm, smn = month_ret(SPX, "2024-07"); im, imn = month_ret(IXIC, "2024-07")
r, p, c, n = daily(SPX, d)
add(d, "July was the month small caps finally woke up. The Russell 2000 jumped 12.1% this month, beating the S&P 500's 1.1% advance by about 9 percentage points as traders bet on imminent rate cuts. The Nasdaq Composite slipped less than 1% for the month despite a 2.6% surge on Wednesday.", [
    NUM("jumped 12.1% this month", "12.1%", "period_return", rm, note=rmn, expect="contradicted"),
    NUM("the S&P 500's 1.1% advance", "1.1%", "period_return", sm, note=smn),
    NUM("by about 9 percentage points", "9", "period_return", rm - sm, note="RUT %.3f%% minus SPX %.3f%%" % (rm, sm)),
    BEYOND("slipped less than 1% for the month", "1%", "period_return", im, -1, note=imn, word="slipped less than 1%: -1 < true < 0"),
])
P[-1]["claims"][3]["rule"] = "supported if -1 < true < 0 (\"slipped less than 1%\")"
assert -1 < im < 0
# the 2.6% surge of the Nasdaq on Wednesday
ir, _, _, inn = daily(IXIC, d)
P[-1]["claims"].insert(4, NUM("a 2.6% surge on Wednesday", "2.6%", "daily_move", ir, note=inn))

# ================================================================ N3-016 2024-11-08 post-election week
d = "2024-11-08"
r, p, c, n = daily(SPX, d); rec, recn = is_record(SPX, d); w, wn = prev_friday_ret(SPX, d)
wk24 = [(b, x) for b, x, _, e in h.period_returns(SPX, h.week) if e[:4] == "2024" and e < d and x >= w]
irec, irecn = is_record(IXIC, d); dw, dwn = prev_friday_ret(DJI, d); dc = DJI.close(d)
rw, rwn = prev_friday_ret(RUT, d)
rbest = [e for b, x, _, e in h.period_returns(RUT, h.week) if e < d and x >= rw]
add(d, "Stocks capped a blockbuster post-election week with more records on Friday. The S&P 500 ended at a record close of 5,995.54 and gained 4.7% for the week, its best weekly performance of the year, while the Dow advanced 4.6% over the week and also closed at a record. Roughly 15 billion shares changed hands on U.S. exchanges.", [
    EQ("a record close of 5,995.54", "5,995.54", "record_close", rec and round(c, 2) == 5995.54, True, "level matches; " + recn),
    NUM("gained 4.7% for the week", "4.7%", "period_return", w, note=wn),
    EQ("its best weekly performance of the year", "best of the year", "rank_since", len(wk24) == 0, True,
       "earlier 2024 weeks with a gain >= %.2f%%: %s" % (w, wk24)),
    NUM("the Dow advanced 4.6% over the week", "4.6%", "period_return", dw, note=dwn),
    U("also closed at a record", "record", "record_close", DOW_OLD + " (the file starts 2024-08-21, so an all-time high cannot be checked)"),
    U("Roughly 15 billion shares changed hands", "15 billion", "other", "exchange-wide share volume is not in the files"),
])

# ================================================================ N3-017 2024-09-06 curve un-inverts
d = "2024-09-06"
ch2, n2 = ychg(D2, d); sp, spn = spread(d); w2, w2n = ychg(D2, d, "2024-08-30")
sprd = {x: round((D10.d[x][0] - D2.d[x][0]) * 100) for x in D10.d if x in D2.d}
runs = []; cur = None
for x in sorted(sprd):
    if sprd[x] < 0: cur = [cur[0], x, cur[2] + 1] if cur else [x, x, 1]
    elif cur: runs.append(cur); cur = None
longest = max(runs, key=lambda t: t[2]); before = max((t for t in runs if t[0] < "2022"), key=lambda t: t[2])
add(d, "The Treasury yield curve is right side up again. The two-year yield fell 9 basis points on Friday, slipping below the 10-year yield and leaving the spread between them at a positive 6 basis points. The curve had been inverted since July 2022, the longest such stretch in data going back to 1976. Over the week the two-year yield dropped 35 basis points, and fed funds futures now price roughly a 30% chance of a half-point cut this month.", [
    NUM("fell 9 basis points on Friday", "9 basis points", "yield_level", ch2, -1, tol=1.5, note=n2),
    NUM("a positive 6 basis points", "6 basis points", "spread", sp, tol=1.5, note=spn),
    DATE("inverted since July 2022", "July 2022", "spread", longest[0] if longest[1] >= "2024-08" else None, "2022-07",
         "DGS10-DGS2 < 0 on every day from %s to %s (%d days; turned >= 0 after); the one-day dips of 2024-09-03/05 not counted" % tuple(longest)),
    EQ("the longest such stretch in data going back to 1976", "longest", "longest_since", longest[0] == "2022-07-06", True,
       "inversion runs: 2022-07-06.. %d days; longest earlier %s..%s %d days" % (longest[2], before[0], before[1], before[2])),
    NUM("dropped 35 basis points", "35 basis points", "yield_level", w2, -1, tol=1.5, note=w2n, expect="contradicted"),
    U("roughly a 30% chance of a half-point cut", "30%", "other", "fed funds futures / rate probabilities are not in the files"),
])

# ================================================================ N3-018 2025-05-02 nine-day streak
d = "2025-05-02"
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, d); lr, lrn = last_run_ge(SPX, d, 9)
a2 = SPX.close("2025-04-02"); dst, dsd, dsn = streak(DJI, d); dr, dp, dc, dn = daily(DJI, d); dd, pkd, ddn = drawdown(SPX, d)
add(d, "The S&P 500 closed at 5,686.67 on Friday, notching a ninth consecutive gain, its longest winning streak since 2004. The rally has now erased all of the index's losses since the April 2 tariff announcement. The Dow also rose for a tenth day, adding 564.47 points, after employers added 177,000 jobs in April. Still, the S&P 500 remains about 7% below its February record.", [
    NUM("closed at 5,686.67", "5,686.67", "level_close", c, note="SPX %s close = %.2f" % (d, c)),
    EQ("a ninth consecutive gain", "ninth", "streak", st if sd == "up" else -st, 9, sn),
    DATE("its longest winning streak since 2004", "2004", "longest_since", lr, "2004", lrn),
    EQ("erased all of the index's losses since the April 2 tariff announcement", "April 2", "period_return", c >= a2, True,
       "SPX close 2025-05-02 %.2f vs 2025-04-02 close %.2f" % (c, a2)),
    EQ("rose for a tenth day", "tenth", "streak", dst if dsd == "up" else -dst, 10, dsn + " (DJI, asset_prices)", expect="contradicted"),
    NUM("adding 564.47 points", "564.47", "daily_move", dp, note=dn),
    U("employers added 177,000 jobs", "177,000", "other", "payrolls are not in the files"),
    NUM("about 7% below its February record", "7%", "drawdown", dd, -1, note=ddn),
])

# ================================================================ N3-019 2026-03-27 VIX above 30
d = "2026-03-27"
vr, vp, vc, vn = daily(VIX, d); s30, s30n = first_above_since(VIX, d, 30)
st, sd, sn = streak(SPX, d); r, p, c, n = daily(SPX, d); ll, lln = last_close_beyond(SPX, d, False)
dd, pkd, ddn = drawdown(SPX, d); nw, nwn = prev_friday_ret(NDX, d)
add(d, "Volatility returned with a vengeance on Friday. The Cboe Volatility Index jumped to 31.05, closing above 30 for the first time since March 2020, as the S&P 500 fell for a second day. The benchmark's close was its lowest since August and left it 8.7% below its January record.", [
    NUM("to 31.05", "31.05", "level_close", vc, note="VIX %s close = %.2f" % (d, vc)),
    DATE("closing above 30 for the first time since March 2020", "March 2020", "rank_since", s30, "2020-03", s30n, expect="contradicted"),
    EQ("fell for a second day", "second", "streak", st if sd == "down" else -st, 2, sn),
    DATE("its lowest since August", "August", "rank_since", ll, "2025-08", lln, pre="August = August 2025; "),
    NUM("8.7% below its January record", "8.7%", "drawdown", dd, -1, note=ddn + " (January: %s)" % (pkd[:7] == "2026-01")),
])

# ================================================================ N3-020 2026-04-30 April wrap
d = "2026-04-30"
sm, smn = month_ret(SPX, "2026-04")
better = [b for b, x, _, _ in h.period_returns(SPX, h.month) if b < "2026-04" and x >= sm]
r, p, c, n = daily(SPX, d); rec, recn = is_record(SPX, d); im, imn = month_ret(IXIC, "2026-04")
rm, rmn = month_ret(RUT, "2026-04"); ytd, ytdn = ret(SPX, "2025-12-31", d)
add(d, "What a difference a month makes. The S&P 500 rallied 10.4% in April, its best month since November 2020, and capped it off on Thursday with a record close of 7,209.01. The benchmark is now up 6.3% year to date.", [
    NUM("rallied 10.4% in April", "10.4%", "period_return", sm, note=smn),
    DATE("its best month since November 2020", "November 2020", "rank_since", better[-1], "2020-11", "last earlier month as good or better: %s" % better[-1]),
    EQ("a record close of 7,209.01", "7,209.01", "record_close", rec and round(c, 2) == 7209.01, True, "level matches; " + recn),
    NUM("up 6.3% year to date", "6.3%", "period_return", ytd, note=ytdn, expect="contradicted"),
])

# ================================================================ N3-021 2026-06-02 records pile up
d = "2026-06-02"
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, d); lr, lrn = last_run_ge(SPX, d, 9)
nmay = len([x for x in h.records(SPX, "2026-05-01", "2026-05-31")])
ist, isd, isn = streak(IXIC, d); irec, irecn = is_record(IXIC, d)
abv = {}
with open(os.path.join(m.D, "heliar-k_market-base/abv.csv")) as f:
    for row in csv.DictReader(f): abv[row["date"]] = float(row["ABV200"])
add(d, "The records keep piling up. The S&P 500 edged up 0.1% on Tuesday for its ninth straight gain, the longest such run since May 2025, after notching 11 record closes in May alone. Beneath the surface, breadth is thinner: only about 54% of S&P 500 members trade above their 200-day moving averages. Advancing issues outnumbered decliners by a narrow 1.1-to-1 margin on the NYSE.", [
    NUM("edged up 0.1%", "0.1%", "daily_move", r, note=n),
    EQ("its ninth straight gain", "ninth", "streak", st if sd == "up" else -st, 9, sn),
    DATE("the longest such run since May 2025", "May 2025", "longest_since", lr, "2025-05", lrn),
    EQ("11 record closes in May alone", "11", "count", nmay, 11, "SPX record closes 2026-05-01..2026-05-31: %d" % nmay),
    NUM("only about 54% of S&P 500 members", "54%", "other", abv[d], note="abv.csv ABV200 on %s = %.2f%%" % (d, abv[d])),
    U("a narrow 1.1-to-1 margin", "1.1-to-1", "other", "NYSE advance/decline counts are not in the files"),
])

# ================================================================ N3-022 2026-07-29 Fed holds
d = "2026-07-29"
csv.field_size_limit(10 ** 9)
stm = sorted({row["date"] for row in csv.DictReader(open(os.path.join(m.D, "heliar-k_market-base/statements.csv"))) if row["kind"] == "statement"})
stm = ["%s-%s-%s" % (x[:4], x[4:6], x[6:]) for x in stm]
holds = 0
for x in reversed([x for x in stm if x <= d]):
    nxt = sorted(k for k in RATES if k > x and RATES[k].get("DFEDTARU"))[0]
    if fed_range(nxt) == fed_range(x): holds += 1
    else: last_move = x; break
dr, dp, dc, dn = daily(DJI, d); dlw, dlwn = last_as_extreme(DJI, d); r, p, c, n = daily(SPX, d)
ist, isd, isn = streak(IXIC, d); ch10, n10 = ychg(D10, d); sp, spn = spread(d)
add(d, "The Federal Reserve left interest rates unchanged on Wednesday for a fifth consecutive meeting, keeping the federal funds rate in a range of 3.50% to 3.75%. Stocks slid after the decision: the Dow Jones Industrial Average fell 1,153.18 points, its worst day since April 2025, and the Nasdaq Composite declined for a fifth straight session. The 10-year Treasury yield rose 6 basis points to 4.67%.", [
    EQ("for a fifth consecutive meeting", "fifth", "count", holds, 5, "FOMC statements %s: unchanged range at each of the last %d (last move %s)" % (
        [x for x in stm if x >= "2025-12-01" and x <= d], holds, last_move)),
    EQ("a range of 3.50% to 3.75%", "3.50% to 3.75%", "fed_rate_level", fed_range("2026-07-30"), "3.50-3.75", "FRED DFEDTARL/DFEDTARU on 2026-07-30 = %s" % fed_range("2026-07-30")),
    NUM("fell 1,153.18 points", "1,153.18", "daily_move", dp, -1, note=dn),
    DATE("its worst day since April 2025", "April 2025", "rank_since", dlw, "2025-04", dlwn),
    EQ("declined for a fifth straight session", "fifth", "streak", ist if isd == "down" else -ist, 5, isn, expect="contradicted"),
    NUM("rose 6 basis points", "6 basis points", "yield_level", ch10, tol=1.5, note=n10),
    NUM("to 4.67%", "4.67%", "yield_level", y(D10, d), note="FRED DGS10 on %s = %.2f" % (d, y(D10, d))),
])

# ================================================================ N3-023 2026-08-07 weekly recap
d = "2026-08-07"
w, wn = prev_friday_ret(SPX, d); rec, recn = is_record(SPX, d); c = SPX.close(d)
bw = [e for b, x, _, e in h.period_returns(SPX, h.week) if e < d and x >= w]
iw, iwn = prev_friday_ret(IXIC, d); rw, rwn = prev_friday_ret(RUT, d); dw, dwn = prev_friday_ret(DJI, d)
vr, vp, vc, vn = daily(VIX, d); vw, vwn = prev_friday_ret(VIX, d)
add(d, "Wall Street wrapped up its best week since April. The S&P 500 climbed 3.6% this week, finishing Friday at a record 7,757.64, while the Nasdaq Composite jumped 5.2%. The VIX edged up to 14.90.", [
    DATE("its best week since April", "April", "rank_since", bw[-1], "2026-04", "SPX week %+.2f%%; last earlier week as good or better ended %s" % (w, bw[-1]), pre="April = April 2026; "),
    NUM("climbed 3.6% this week", "3.6%", "period_return", w, note=wn),
    EQ("a record 7,757.64", "7,757.64", "record_close", rec and round(c, 2) == 7757.64, True, "level matches; " + recn),
    NUM("the Nasdaq Composite jumped 5.2%", "5.2%", "period_return", iw, note=iwn),
    EQ("edged up to 14.90", "14.90", "daily_move", vr > 0 and round(vc, 2) == 14.90, True,
       "level 14.90 matches but the VIX fell: day %+.2f%% (%s); week %+.2f%%" % (vr, vn, vw), expect="contradicted"),
])
P[-1]["claims"][-1]["true_value"] = round(vr, 4)
P[-1]["claims"][-1]["rule"] = "direction: supported if the VIX rose on the day (level 14.90 matches); true = daily % change"

# ================================================================ N3-024 2013-06-24 taper tantrum
d = "2013-06-24"
ch10, n10 = ychg(D10, d); hl, hln = last_close_beyond(D10, d, True)
may, mayn = ychg(D10, d, "2013-04-30"); r, p, c, n = daily(SPX, d); dd, pkd, ddn = drawdown(SPX, d)
add(d, "The bond rout deepened on Monday as investors digested the Fed's signal that it could start scaling back its bond buying later this year. The yield on the 10-year Treasury note rose 5 basis points to 2.57%, its highest close since August 2011, and is up more than 95 basis points since the start of May. Stocks fell again, leaving the S&P 500 5.8% below its May 21 record close.", [
    NUM("rose 5 basis points", "5 basis points", "yield_level", ch10, tol=1.5, note=n10),
    NUM("to 2.57%", "2.57%", "yield_level", y(D10, d), note="FRED DGS10 on %s = %.2f" % (d, y(D10, d))),
    DATE("its highest close since August 2011", "August 2011", "rank_since", hl, "2011-08", hln.replace("close", "value")),
    BEYOND("up more than 95 basis points since the start of May", "95 basis points", "yield_level", may, 95, note=mayn, expect="contradicted"),
    NUM("5.8% below its May 21 record close", "5.8%", "drawdown", dd, -1, note=ddn + " (peak date %s)" % pkd),
])
assert pkd == "2013-05-21"

# ================================================================ N3-025 2008-12-16 Fed goes to zero
d = "2008-12-16"
r, p, c, n = daily(SPX, d); rr, _, _, rn = daily(RUT, d); ch10, n10 = ychg(D10, d)
add(d, "The Federal Reserve cut its target for the federal funds rate to a range of zero to 0.25 percent on Tuesday and pledged to use every tool at its disposal to revive the economy. The reduction, from a previous target of 1 percent, was deeper than many economists had expected, and stocks soared, with the S&P 500 jumping 5.1 percent, while the 10-year Treasury yield sank 16 basis points.", [
    EQ("a range of zero to 0.25 percent", "zero to 0.25 percent", "fed_rate_level", fed_range(d), "0.00-0.25",
       "FRED DFEDTARL/DFEDTARU on 2008-12-16 (first day of the range series, effective the day of the announcement) = %s" % fed_range(d)),
    U("from a previous target of 1 percent", "1 percent", "fed_rate_level", "the target before 2008-12-16 is not in the files (the range series starts that day)"),
    NUM("jumping 5.1 percent", "5.1 percent", "daily_move", r, note=n),
    NUM("sank 16 basis points", "16 basis points", "yield_level", ch10, -1, tol=1.5, note=n10),
])

# ---------------------------------------------------------------- write
with open("claims-new3.jsonl", "w") as f:
    for p_ in P:
        f.write(json.dumps(p_) + "\n")
cnt = collections.Counter(c_["verdict"] for p_ in P for c_ in p_["claims"])
print(len(P), "passages", sum(cnt.values()), "claims", dict(cnt))
