"""Build claims-new5.jsonl: news-style passages (new wording), labelled from the raw CSVs with lib4.py measures
(copied from /work/main/eval/set4; csv-module loaders mdata.py/qhelp.py; no marketproof code). Conventions as
gen_claims4.py: daily = close/prev close; weekly = last close of week vs last close of previous week; month/year =
vs last close of previous period; streak = consecutive closes ending on the session named; "since X" = last earlier
session as extreme / close at or beyond; yields FRED DGS2/DGS10 in bp (tol 1.5 bp); Fed range DFEDTARL/U.
Sector ETF daily/weekly moves use the dividend-adjusted closes on days that are not ex-dividend days."""
import sys, json
from helpers5 import *
import claims_lib as lib4
lib4.PREFIX = "N5"
XLE, XLF, XLK = m.etf("XLE"), m.etf("XLF"), m.etf("XLK")
DOW_OLD = "Dow Jones Industrial Average before 2024-08 is not in the files"
SINGLE = "single stocks are not in the files"

def BETWEEN(quote, claimed, kind, true, lo, hi_, note="", expect="supported", word=""):
    ok = lo <= true <= hi_
    return lib4._mk(quote, claimed, kind, ok, true, "supported if %g <= true <= %g (%s)" % (lo, hi_, word), note, expect)

# 1 ---------------------------------------------------------------- 2008-09-29 bailout vote
d = "2008-09-29"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); fr, _, _, fn = daily(XLF, d); rec, recn = is_record(VIX, d); c2, n2 = ychg(D2, d)
add(d, "Equities cratered Monday after the House of Representatives voted down the $700 billion rescue package. The S&P 500 lost 106.85 points, or 8.8%, a slide not seen since the 1987 crash, while the financial-sector SPDR sank 13.2%. The Cboe volatility index settled at 46.72, a record close, and the two-year Treasury yield tumbled 41 basis points. The Dow's 777-point drop was the largest ever in point terms.", [
    NUM("lost 106.85 points", "106.85", "daily_move", p, -1, note=n),
    NUM("or 8.8%", "8.8%", "daily_move", r, -1, note=n),
    DATE("a slide not seen since the 1987 crash", "1987", "rank_since", lx, "1987-10", lxn, pre="the 1987 crash = October 1987; "),
    NUM("the financial-sector SPDR sank 13.2%", "13.2%", "daily_move", fr, -1, note=fn + " (XLF)"),
    EQ("settled at 46.72, a record close", "46.72 record", "record_close", rec and round(VIX.close(d), 2) == 46.72, True, recn),
    NUM("tumbled 41 basis points", "41 basis points", "yield_level", c2, -1, tol=1.5, note=n2),
    U("The Dow's 777-point drop", "777", "daily_move", DOW_OLD),
])

# 2 ---------------------------------------------------------------- 2010-05-06 flash crash
d = "2010-05-06"
r, p, c, n = daily(SPX, d); lo = SPX.d[d][2]; pc = SPX.close("2010-05-05"); lor = (lo / pc - 1) * 100
st, sd, sn = streak(SPX, d); vr, vp, vc, vn = daily(VIX, d); vs, vsn = last_close_beyond(VIX, d, True)
add(d, "In a harrowing few minutes on Thursday afternoon, the S&P 500 was off as much as 8.6% before clawing back much of the damage to finish 3.2% weaker at 1,128.15, a third consecutive decline. The VIX spiked 31.7% to 32.80, its loftiest close in almost a year, having touched 40.71 intraday. Procter & Gamble briefly traded down 37%.", [
    NUM("off as much as 8.6%", "8.6%", "level_intraday", lor, -1, note="SPX %s low %.2f vs prev close %.2f: %.3f%%" % (d, lo, pc, lor)),
    NUM("finish 3.2% weaker", "3.2%", "daily_move", r, -1, note=n),
    NUM("at 1,128.15", "1,128.15", "level_close", c, note=n),
    EQ("a third consecutive decline", "third", "streak", st if sd == "down" else -st, 3, sn),
    NUM("spiked 31.7% to 32.80", "31.7%", "daily_move", vr, note=vn),
    BETWEEN("its loftiest close in almost a year", "almost a year", "rank_since", int(vs.replace("-", "")), 20090506, 20090806, vsn, word="last close at/above within 9-12 months before"),
    NUM("having touched 40.71 intraday", "40.71", "level_intraday", hi(VIX, d), note="VIX %s high %.2f" % (d, hi(VIX, d))),
    U("Procter & Gamble briefly traded down 37%", "37%", "level_intraday", SINGLE),
])

# 3 ---------------------------------------------------------------- 2011-08-08 downgrade Monday
d = "2011-08-08"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); rr, _, _, rn = daily(RUT, d); dd, pkd, ddn = drawdown(RUT, d); vr, vp, vc, vn = daily(VIX, d)
add(d, "The first session after S&P stripped Washington of its AAA rating turned into a rout. The S&P 500 plunged 6.7%, the steepest one-day drop since December 2008, and the small-cap Russell 2000 cratered 8.9%, leaving it almost 25% under its late-April peak. The VIX jumped by half. Gold pushed above $1,700 an ounce for the first time.", [
    NUM("plunged 6.7%", "6.7%", "daily_move", r, -1, note=n),
    DATE("the steepest one-day drop since December 2008", "December 2008", "rank_since", lx, "2008-12", lxn),
    NUM("cratered 8.9%", "8.9%", "daily_move", rr, -1, note=rn),
    BETWEEN("almost 25% under its late-April peak", "25%", "drawdown", dd, -25, -24, ddn, word="almost 25% below; peak must be late April 2011"),
    BETWEEN("The VIX jumped by half", "by half", "daily_move", vr, 45, 55, vn, word="by half = +45..+55%"),
    U("Gold pushed above $1,700 an ounce for the first time", "$1,700", "level_intraday", "gold before 2024-08 is not in the files"),
])
assert "2011-04-2" in pkd

# 4 ---------------------------------------------------------------- 2012-09-13 QE3
d = "2012-09-13"
r, p, c, n = daily(SPX, d); ls, lsn = last_close_beyond(SPX, d, True); fr, _, _, fn = daily(XLF, d); c10, n10 = ychg(D10, d)
add(d, "Bernanke's Fed unveiled open-ended purchases of $40 billion a month in mortgage bonds on Thursday and said its policy rate, parked in a band of 0 to 0.25%, would likely stay there at least through mid-2015. Risk assets lapped it up. The S&P 500 added 1.6% to 1,459.99, its best finish since the final day of 2007, and the XLF financials fund outpaced it with a 3.1% rise. The 10-year yield, oddly, slipped 2 basis points.", [
    EQ("a band of 0 to 0.25%", "0 to 0.25%", "fed_rate_level", fed_range(d), "0.00-0.25", "FRED DFEDTARL/U %s = %s" % (d, fed_range(d))),
    U("$40 billion a month in mortgage bonds", "$40 billion", "fed_decision", "Fed balance-sheet operations and pre-2020 statements are not in the files"),
    U("at least through mid-2015", "mid-2015", "fed_decision", "FOMC statements before 2020 are not in the files"),
    NUM("added 1.6% to 1,459.99", "1.6%", "daily_move", r, note=n),
    DATE("its best finish since the final day of 2007", "2007-12-31", "rank_since", ls, "2007-12-31", lsn),
    NUM("with a 3.1% rise", "3.1%", "daily_move", fr, note=fn + " (XLF)", expect="contradicted"),
    NUM("slipped 2 basis points", "2 basis points", "yield_level", c10, -1, tol=1.5, note=n10),
])

# 5 ---------------------------------------------------------------- 2013-06-21 taper tantrum week
d = "2013-06-21"
c10, n10 = ychg(D10, d, "2013-06-14"); w, wn = prev_friday_ret(SPX, d); r20, _, _, n20 = daily(SPX, "2013-06-20"); lx, lxn = last_as_extreme(SPX, "2013-06-20")
i = D10.dates.index(d); j = max(k for k in range(i) if D10.c[k] >= D10.c[i])
add(d, "Bond investors had a week to forget. The benchmark 10-year note's yield finished Friday at 2.52%, a 31-basis-point surge over five sessions that took it to levels last seen in August 2011, after Ben Bernanke sketched out a timetable for tapering. Equities wobbled too: the S&P 500 gave back 2.1% over the week, with Thursday's 2.5% slump the deepest since November 2011.", [
    NUM("finished Friday at 2.52%", "2.52%", "yield_level", y(D10, d), note="FRED DGS10 %s" % d),
    NUM("a 31-basis-point surge", "31", "yield_level", c10, tol=1.5, note=n10, expect="contradicted"),
    DATE("levels last seen in August 2011", "August 2011", "rank_since", D10.dates[j], "2011-08", "DGS10 %s %.2f; last earlier at or above: %s (%.2f)" % (d, D10.c[i], D10.dates[j], D10.c[j])),
    NUM("gave back 2.1% over the week", "2.1%", "period_return", w, -1, note=wn),
    NUM("Thursday's 2.5% slump", "2.5%", "daily_move", r20, -1, note=n20),
    DATE("the deepest since November 2011", "November 2011", "rank_since", lx, "2011-11", lxn),
])

# 6 ---------------------------------------------------------------- 2014-11-28 OPEC Black Friday
d = "2014-11-28"
er, _, _, en = daily(XLE, d); lx, lxn = last_as_extreme(XLE, d); mr_, mrn = month_ret(XLE, "2014-11"); dd, pkd, ddn = drawdown(XLE, d); r, p, c, n = daily(SPX, d)
add(d, "Energy shares were crushed in Friday's holiday-shortened session after OPEC declined to cut output. The Energy Select Sector SPDR fund tumbled 6.4%, its sharpest fall since October 2008, capping a November slide of 8.7% and leaving it more than 20% beneath its June high. The broader S&P 500 dipped a mere 0.3%. U.S. crude settled below $66 a barrel.", [
    NUM("tumbled 6.4%", "6.4%", "daily_move", er, -1, note=en + " (XLE)"),
    DATE("its sharpest fall since October 2008", "October 2008", "rank_since", lx, "2008-10", lxn, expect="contradicted"),
    NUM("a November slide of 8.7%", "8.7%", "period_return", mr_, -1, note=mrn + " (no ex-dividend date in Nov 2014)"),
    BEYOND("more than 20% beneath its June high", "20%", "drawdown", dd, -20, below=True, note=ddn + " (adjusted; as-traded drop is larger)"),
    NUM("dipped a mere 0.3%", "0.3%", "daily_move", r, -1, note=n),
    U("settled below $66 a barrel", "$66", "level_close", "crude oil before 2024-08 is not in the files"),
])
assert pkd.startswith("2014-06")

# 7 ---------------------------------------------------------------- 2016-06-24 Brexit
d = "2016-06-24"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); nr, _, _, nn = daily(NDX, d); vr, vp, vc, vn = daily(VIX, d); vx, vxn = last_as_extreme(VIX, d); c10, n10 = ychg(D10, d)
add(d, "Britain's surprise vote to quit the European Union sent shockwaves across Wall Street on Friday. The S&P 500 slumped 3.6% to 2,037.41, its biggest decline in ten months, while the Nasdaq 100 gave up 4.6%. The VIX soared 49%, the largest one-day jump since August 2011. Sterling fell to a 31-year low against the dollar, and the 10-year Treasury yield dropped 17 basis points.", [
    NUM("slumped 3.6% to 2,037.41", "3.6%", "daily_move", r, -1, note=n),
    DATE("its biggest decline in ten months", "ten months", "rank_since", lx, "2015-08", lxn, pre="ten months before 2016-06 = August 2015; "),
    NUM("the Nasdaq 100 gave up 4.6%", "4.6%", "daily_move", nr, -1, note=nn, expect="contradicted"),
    NUM("The VIX soared 49%", "49%", "daily_move", vr, note=vn),
    DATE("the largest one-day jump since August 2011", "August 2011", "rank_since", vx, "2011-08", vxn),
    U("Sterling fell to a 31-year low", "31-year", "rank_since", "sterling before 2024-08 is not in the files"),
    NUM("dropped 17 basis points", "17 basis points", "yield_level", c10, -1, tol=1.5, note=n10),
])

# 8 ---------------------------------------------------------------- 2018-12-26 after Christmas Eve
d = "2018-12-26"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); ir, _, _, inn = daily(IXIC, d)
ls, lsn = last_close_beyond(SPX, "2018-12-24", False); st, sd, sn = streak(SPX, "2018-12-24"); dd, pkd, ddn = drawdown(SPX, "2018-12-24")
add(d, "Wall Street stormed back on Wednesday from a bruising Christmas Eve. The S&P 500 rocketed 4.96%, its largest one-day percentage gain since March 2009, and the Nasdaq Composite jumped 5.8%; the Dow vaulted more than 1,000 points. On Monday the benchmark had ended at its lowest level since April 2017, capping a five-session skid and leaving it 19.8% below its Sept. 20 record.", [
    NUM("rocketed 4.96%", "4.96%", "daily_move", r, note=n),
    DATE("its largest one-day percentage gain since March 2009", "March 2009", "rank_since", lx, "2009-03", lxn),
    NUM("the Nasdaq Composite jumped 5.8%", "5.8%", "daily_move", ir, note=inn),
    U("the Dow vaulted more than 1,000 points", "1,000", "daily_move", DOW_OLD),
    DATE("its lowest level since April 2017", "April 2017", "rank_since", ls, "2017-04", lsn),
    EQ("capping a five-session skid", "five", "streak", st if sd == "down" else -st, 5, sn, expect="contradicted"),
    NUM("19.8% below its Sept. 20 record", "19.8%", "drawdown", dd, -1, note=ddn),
])
assert pkd == "2018-09-20"

# 9 ---------------------------------------------------------------- 2019-12-31 year recap
d = "2019-12-31"
yr_, yrn = year_ret(SPX, "2019"); better = [b for b, x, _, _ in h.period_returns(SPX, h.year) if b < "2019" and x >= yr_]
ix, ixn = year_ret(IXIC, "2019"); rx, rxn = year_ret(RUT, "2019"); c10, n10 = ychg(D10, d, "2018-12-31")
cuts = [x for x in m.fed_changes() if x[0].startswith("2019")]
add(d, "The S&P 500 put a bow on 2019 with a 28.9% annual advance, its strongest calendar year since 2013, adding roughly $5.6 trillion in market value. The Nasdaq Composite did better still, climbing 35.2%, and the small-cap Russell 2000 tacked on 25.5%. The 10-year yield ended the year at 1.92%, 77 basis points below where it started, after the Fed cut rates three times leaving the target band at 1.5%-1.75%.", [
    NUM("a 28.9% annual advance", "28.9%", "period_return", yr_, note=yrn),
    DATE("its strongest calendar year since 2013", "2013", "rank_since", better[-1], "2013", "SPX years as good or better before 2019: %s" % better[-3:]),
    U("roughly $5.6 trillion in market value", "$5.6 trillion", "other", "market capitalisation is not in the files"),
    NUM("climbing 35.2%", "35.2%", "period_return", ix, note=ixn),
    NUM("tacked on 25.5%", "25.5%", "period_return", rx, note=rxn, expect="contradicted"),
    NUM("ended the year at 1.92%", "1.92%", "yield_level", y(D10, d), note="FRED DGS10 %s" % d),
    NUM("77 basis points below where it started", "77", "yield_level", c10, -1, tol=1.5, note=n10),
    EQ("the Fed cut rates three times", "three", "fed_decision", len(cuts), 3, "target changes in 2019: %s" % cuts),
    EQ("1.5%-1.75%", "1.5%-1.75%", "fed_rate_level", fed_range(d), "1.50-1.75", "FRED DFEDTARL/U %s" % d),
])

# 10 --------------------------------------------------------------- 2020-03-16 COVID crash
d = "2020-03-16"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); ir, _, _, inn = daily(IXIC, d); rr, _, _, rn = daily(RUT, d)
rec, recn = is_record(VIX, d); dd, pkd, ddn = drawdown(SPX, d)
fc = [x for x in m.fed_changes() if x[0] == d][0]
add(d, "Stocks suffered their worst rout since Black Monday in 1987 after the Fed's emergency Sunday cut, a whole 100 basis points, took its policy rate to a range of zero to 0.25%. The S&P 500 tumbled 12%, the Nasdaq Composite sank 12.3% and the Russell 2000 collapsed 14.3%. Wall Street's fear barometer closed at 82.69, eclipsing its November 2008 peak, and the benchmark now sits almost 30% beneath its Feb. 19 all-time high.", [
    DATE("their worst rout since Black Monday in 1987", "1987-10-19", "rank_since", lx, "1987-10-19", lxn),
    EQ("a whole 100 basis points", "100 bp", "fed_decision", round((fc[1] - fc[2]) * 100), 100, "upper %.2f -> %.2f effective %s" % (fc[1], fc[2], d)),
    EQ("a range of zero to 0.25%", "0 to 0.25%", "fed_rate_level", fed_range(d), "0.00-0.25", "FRED DFEDTARL/U %s" % d),
    NUM("The S&P 500 tumbled 12%", "12%", "daily_move", r, -1, note=n),
    NUM("the Nasdaq Composite sank 12.3%", "12.3%", "daily_move", ir, -1, note=inn),
    NUM("the Russell 2000 collapsed 14.3%", "14.3%", "daily_move", rr, -1, note=rn),
    EQ("closed at 82.69, eclipsing its November 2008 peak", "82.69 record", "record_close", rec and round(VIX.close(d), 2) == 82.69, True, recn),
    BETWEEN("almost 30% beneath its Feb. 19 all-time high", "30%", "drawdown", dd, -30, -29, ddn, word="almost 30%"),
])
assert pkd == "2020-02-19"

# 11 --------------------------------------------------------------- 2020-11-09 vaccine Monday
d = "2020-11-09"
fr, _, _, fn = daily(XLF, d); er, _, _, en = daily(XLE, d); lx, lxn = last_as_extreme(XLE, d); r, p, c, n = daily(SPX, d)
i = SPX.dates.index(d); ph = max(SPX.h[:i]); rr, _, _, rn = daily(RUT, d); nr, _, _, nn = daily(NDX, d); c10, n10 = ychg(D10, d)
add(d, "Pfizer's vaccine news ignited a violent rotation on Monday. Financials and energy led, the XLF jumping 8.2% and the XLE 14.3%, the latter's biggest one-day pop since March. The S&P 500 touched an intraday record of 3,645.99 before ending up 1.2%, the Russell 2000 climbed 3.7%, and the Nasdaq 100 fell 2.2% as stay-at-home favorites were dumped. The 10-year yield leapt 13 basis points to 0.96%.", [
    NUM("the XLF jumping 8.2%", "8.2%", "daily_move", fr, note=fn),
    NUM("the XLE 14.3%", "14.3%", "daily_move", er, note=en),
    DATE("the latter's biggest one-day pop since March", "2020-03", "rank_since", lx, "2020-03", lxn, pre="March = March 2020; "),
    EQ("an intraday record of 3,645.99", "3,645.99", "record_intraday", round(SPX.h[i], 2) == 3645.99 and SPX.h[i] > ph, True, "SPX %s high %.2f vs highest earlier high %.2f" % (d, SPX.h[i], ph)),
    NUM("ending up 1.2%", "1.2%", "daily_move", r, note=n),
    NUM("the Russell 2000 climbed 3.7%", "3.7%", "daily_move", rr, note=rn, expect="contradicted"),
    NUM("the Nasdaq 100 fell 2.2%", "2.2%", "daily_move", nr, -1, note=nn),
    NUM("leapt 13 basis points to 0.96%", "13 basis points", "yield_level", c10, tol=1.5, note=n10),
])

# 12 --------------------------------------------------------------- 2022-09-13 CPI shock
d = "2022-09-13"
r, p, c, n = daily(SPX, d); ir, _, _, inn = daily(IXIC, d); lx, lxn = last_as_extreme(IXIC, d); kr, _, _, kn = daily(XLK, d); c2, n2 = ychg(D2, d)
add(d, "A hotter-than-expected inflation print blindsided investors on Tuesday. The S&P 500 plunged 4.3%, the Nasdaq Composite cratered 5.2% in its worst session since June 2020, and the technology SPDR, XLK, lost 5.3%. The Dow shed 1,276 points. At the short end, the two-year yield climbed 17 basis points to 3.85%.", [
    NUM("The S&P 500 plunged 4.3%", "4.3%", "daily_move", r, -1, note=n),
    NUM("cratered 5.2%", "5.2%", "daily_move", ir, -1, note=inn),
    DATE("its worst session since June 2020", "June 2020", "rank_since", lx, "2020-06", lxn),
    NUM("XLK, lost 5.3%", "5.3%", "daily_move", kr, -1, note=kn),
    U("The Dow shed 1,276 points", "1,276", "daily_move", DOW_OLD),
    NUM("climbed 17 basis points", "17 basis points", "yield_level", c2, tol=1.5, note=n2),
    NUM("to 3.85%", "3.85%", "yield_level", y(D2, d), note="FRED DGS2 %s" % d, expect="contradicted"),
])

# 13 --------------------------------------------------------------- 2023-07-31 July recap
d = "2023-07-31"
jm, jmn = month_ret(SPX, "2023-07"); mr_ = [(b, round(x, 2)) for b, x, _, _ in h.period_returns(SPX, h.month) if "2022-12" <= b <= "2023-07"]
nm = 0
for b, x in reversed(mr_):
    if x > 0: nm += 1
    else: break
ytd, ytdn = ret(SPX, "2022-12-31", d); im, imn = month_ret(IXIC, "2023-07"); iy, iyn = ret(IXIC, "2022-12-31", d); rm, rmn = month_ret(RUT, "2023-07")
fc = [x for x in m.fed_changes() if x[0] == "2023-07-27"][0]
add(d, "July is in the books, and bulls had little to complain about. The S&P 500 tacked on 3.1% for the month, a sixth monthly gain in a row, lifting its 2023 advance to 19.5%. The Nasdaq Composite rose 4%, taking its year-to-date surge to 37.1%, the best first seven months for the index since 1975. The Russell 2000 outpaced both with a 6.1% July gain. Policymakers had added a quarter point on July 26, to a range of 5.25% to 5.5%.", [
    NUM("tacked on 3.1% for the month", "3.1%", "period_return", jm, note=jmn),
    EQ("a sixth monthly gain in a row", "sixth", "streak", nm, 6, "SPX monthly returns: %s" % mr_, expect="contradicted"),
    NUM("lifting its 2023 advance to 19.5%", "19.5%", "period_return", ytd, note=ytdn),
    NUM("The Nasdaq Composite rose 4%", "4%", "period_return", im, note=imn),
    NUM("its year-to-date surge to 37.1%", "37.1%", "period_return", iy, note=iyn),
    U("the best first seven months for the index since 1975", "since 1975", "rank_since", "Nasdaq Composite before 2016-06-28 is not in the files"),
    NUM("a 6.1% July gain", "6.1%", "period_return", rm, note=rmn),
    EQ("added a quarter point on July 26", "25 bp", "fed_decision", round((fc[2] - fc[1]) * 100), 25, "upper %.2f -> %.2f effective 2023-07-27" % (fc[1], fc[2])),
    EQ("a range of 5.25% to 5.5%", "5.25% to 5.5%", "fed_rate_level", fed_range(d), "5.25-5.50", "FRED DFEDTARL/U %s" % d),
])

# 14 --------------------------------------------------------------- 2024-11-06 election
d = "2024-11-06"
rr, _, _, rn = daily(RUT, d); ls, lsn = last_close_beyond(RUT, d, True); r, p, c, n = daily(SPX, d); rec, recn = is_record(SPX, d)
dr, dp, dc, dn = daily(DJI, d); c10, n10 = ychg(D10, d); vr, vp, vc, vn = daily(VIX, d)
add(d, "Small caps went on a tear the day after the presidential election. The Russell 2000 soared 5.8% to 2,392.92, its highest close since January 2022, as investors bet on deregulation and tax cuts. The S&P 500 rallied 2.5% to a record 5,929.04, and the Dow Jones Industrial Average jumped 1,508 points, or 3.6%. The 10-year yield slid 16 basis points, while the VIX sank by a fifth. Tesla surged 14.8%.", [
    NUM("soared 5.8% to 2,392.92", "5.8%", "daily_move", rr, note=rn),
    DATE("its highest close since January 2022", "January 2022", "rank_since", ls, "2022-01", lsn, expect="contradicted"),
    NUM("rallied 2.5%", "2.5%", "daily_move", r, note=n),
    EQ("a record 5,929.04", "5,929.04", "record_close", rec and round(c, 2) == 5929.04, True, recn),
    NUM("jumped 1,508 points", "1,508", "daily_move", dp, note=dn + " (asset_prices DJI)"),
    NUM("or 3.6%", "3.6%", "daily_move", dr, note=dn),
    NUM("slid 16 basis points", "16 basis points", "yield_level", c10, -1, tol=1.5, note=n10, expect="contradicted"),
    BETWEEN("the VIX sank by a fifth", "a fifth", "daily_move", vr, -22, -18, vn, word="by a fifth = -18..-22%"),
    U("Tesla surged 14.8%", "14.8%", "daily_move", SINGLE),
])

# 15 --------------------------------------------------------------- 2025-12-31 year recap
d = "2025-12-31"
yr_, yrn = year_ret(SPX, "2025"); yrs = [(b, round(x, 2)) for b, x, _, _ in h.period_returns(SPX, h.year) if "2021" <= b <= "2025"]
ndd = 0
for b, x in reversed(yrs):
    if x >= 10: ndd += 1
    else: break
mdd = h.max_dd(SPX, "2025-01-01", d); recs = h.records(SPX, "2025-01-01", d); ix, ixn = year_ret(IXIC, "2025"); dj, djn = ret(DJI, "2024-12-31", d)
cuts = [x for x in m.fed_changes() if x[0].startswith("2025")]; c2, n2 = ychg(D2, d, "2024-12-31")
add(d, "The S&P 500 closed the books on 2025 at 6,845.50, up 16.4% on the year for a third straight double-digit gain, despite an April tariff shock that at one point had it nearly 19% off its Feb. 19 peak. The index notched 39 record closes across the twelve months. The Nasdaq Composite outran it with a 20.4% advance, while the Dow added 15%. The Fed trimmed rates at each of its final three meetings, to 3.5%-3.75%, and the two-year yield fell 78 basis points in 2025.", [
    NUM("closed the books on 2025 at 6,845.50", "6,845.50", "level_close", SPX.close(d), note="SPX close %s" % d),
    NUM("up 16.4% on the year", "16.4%", "period_return", yr_, note=yrn),
    EQ("a third straight double-digit gain", "third", "streak", ndd, 3, "SPX yearly returns: %s" % yrs),
    BETWEEN("nearly 19% off its Feb. 19 peak", "19%", "drawdown", mdd[0], -19, -18, "max drawdown 2025: %.2f%% on %s from %s peak %.2f" % mdd, word="nearly 19%"),
    EQ("39 record closes", "39", "count", len(recs), 39, "SPX record closes in 2025: %d (first %s, last %s)" % (len(recs), recs[0][0], recs[-1][0])),
    NUM("a 20.4% advance", "20.4%", "period_return", ix, note=ixn),
    NUM("the Dow added 15%", "15%", "period_return", dj, note=djn, expect="contradicted"),
    EQ("each of its final three meetings", "three cuts", "fed_decision", len(cuts), 3, "target changes in 2025: %s" % cuts),
    EQ("to 3.5%-3.75%", "3.5%-3.75%", "fed_rate_level", fed_range(d), "3.50-3.75", "FRED DFEDTARL/U %s" % d),
    NUM("fell 78 basis points in 2025", "78", "yield_level", c2, -1, tol=1.5, note=n2),
])
assert mdd[2] == "2025-02-19"

# 16 --------------------------------------------------------------- 2026-08-14 weekly sectors
d = "2026-08-14"
ew, ewn = prev_friday_ret(XLE, d); es, esn = week_since(XLE, d, False); w, wn = prev_friday_ret(SPX, d); ws_ = week_streak(SPX, d)
r, p, c, n = daily(SPX, d); rec13, rec13n = is_record(SPX, "2026-08-13"); djw, djwn = prev_friday_ret(DJI, d); c10, n10 = ychg(D10, d)
print("XLE week since", esn)
add(d, "Energy stole the show in the week to Aug. 14, the XLE fund surging 7.7%. The S&P 500 eked out a 0.4% gain, its third straight weekly advance, though it slipped 0.2% on Friday, a day after setting a record close. The Dow lost 1.1% for the week. Exxon Mobil rallied 9%. The 10-year yield firmed 5 basis points Friday to 4.68%.", [
    NUM("the XLE fund surging 7.7%", "7.7%", "period_return", ew, note=ewn),
    NUM("eked out a 0.4% gain", "0.4%", "period_return", w, note=wn),
    EQ("its third straight weekly advance", "third", "streak", ws_, 3, "SPX consecutive up weeks ending %s: %d" % (d, ws_)),
    NUM("it slipped 0.2% on Friday", "0.2%", "daily_move", r, -1, note=n),
    EQ("a day after setting a record close", "record 2026-08-13", "record_close", rec13, True, rec13n),
    NUM("The Dow lost 1.1% for the week", "1.1%", "period_return", djw, -1, note=djwn, expect="contradicted"),
    U("Exxon Mobil rallied 9%", "9%", "period_return", SINGLE),
    NUM("firmed 5 basis points Friday", "5 basis points", "yield_level", c10, tol=1.5, note=n10),
    NUM("to 4.68%", "4.68%", "yield_level", y(D10, d), note="FRED DGS10 %s" % d),
])

with open("claims-new5.jsonl", "w") as f:
    for p_ in P:
        f.write(json.dumps(p_) + "\n")
cnt = collections.Counter(c_["verdict"] for p_ in P for c_ in p_["claims"])
print(len(P), "passages", sum(cnt.values()), "claims", dict(cnt))
for b_ in lib4.BAD: print("BAD", b_)
