"""Build claims-new4.jsonl: 18 news-style passages (new wording), labelled from the raw CSVs with the
measures in lib4.py (copied from /work/eval-new3/gen_claims3.py; csv-module loaders mdata.py/qhelp.py, no
marketproof code). Conventions as gen_claims3.py: daily = close/prev close; weekly = last close of the week vs
last close of the previous week; month/year/YTD = vs last close of the previous period; streak = consecutive
closes up (down) ending as_of; "since X" = last earlier session/close/week as extreme or beyond; intraday
"since" = last earlier session high at or above; yields FRED DGS2/DGS10 in bp (tolerance 1.5 bp);
VIX 2014-10-15 close differs between sources (25.27 vs 26.25), so it is not claimed.
Fed range = DFEDTARL/DFEDTARU (effective the day after the announcement; same day 2015-12-16).
"""
import sys, json
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
from claims_lib import *
import claims_lib as lib4
lib4.PREFIX = "N4"

DOW_OLD = "Dow Jones Industrial Average before 2024-08 is not in the files"
IXIC_OLD = "Nasdaq Composite before 2016-06-28 is not in the files"
WR = h.period_returns(SPX, h.week)

def week_since(s, d, worse=True):
    wr = WR if s is SPX else h.period_returns(s, h.week)
    w = [x for x in wr if x[3] == d][0]
    prev = [x for x in wr if x[3] < d and (x[1] <= w[1] if worse else x[1] >= w[1])]
    return prev[-1][3], "%s week ending %s %+.2f%%; last earlier week as %s: ended %s (%+.2f%%)" % (
        s.name, d, w[1], "bad or worse" if worse else "good or better", prev[-1][3], prev[-1][1])

def ihigh_since(s, d):
    i = s.dates.index(d); hv = s.h[i]
    for j in range(i - 1, -1, -1):
        if s.h[j] and s.h[j] >= hv:
            return s.dates[j], "%s %s high %.2f; last earlier session high at or above: %s (%.2f)" % (s.name, d, hv, s.dates[j], s.h[j])

def week_streak(s, d):
    wr = h.period_returns(s, h.week); n = 0
    for x in reversed([x for x in wr if x[3] <= d]):
        if x[1] > 0: n += 1
        else: break
    return n

def hi(s, d): return s.h[s.dates.index(d)]

# ======================================================= 1. 2009-03-23 Geithner plan rally
d = "2009-03-23"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); rr, _, _, rn = daily(RUT, d); dd, pkd, ddn = drawdown(SPX, d)
add(d, "Wall Street notched its biggest advance in five months on Monday after the Treasury unveiled a plan to rid banks of toxic assets. The S&P 500 vaulted 7.1% to 822.92, its strongest session since October 2008, while the small-cap Russell 2000 did even better, surging 8.4%. Lenders led the charge, with the KBW Bank Index soaring 19.6%. Even so, the benchmark still sits more than 45% below its October 2007 peak.", [
    NUM("vaulted 7.1%", "7.1%", "daily_move", r, note=n),
    NUM("to 822.92", "822.92", "level_close", c, note=n),
    DATE("its strongest session since October 2008", "October 2008", "rank_since", lx, "2008-10", lxn),
    NUM("surging 8.4%", "8.4%", "daily_move", rr, note=rn),
    U("the KBW Bank Index soaring 19.6%", "19.6%", "daily_move", "the KBW Bank Index is not in the files"),
    BEYOND("more than 45% below its October 2007 peak", "45%", "drawdown", dd, -45, below=True, note=ddn + " (peak %s)" % pkd),
])

# ======================================================= 2. 2008-10-10 worst week
d = "2008-10-10"
w, wn = prev_friday_ret(SPX, d); ws, wsn = week_since(SPX, d); st, sd, sn = streak(SPX, d); vm, vmn = ret(VIX, "2008-09-10", d)
add(d, "It was a week investors will not soon forget. The S&P 500 shed 18.2% over five sessions, its worst week since 1933, and Friday's decline was the gauge's ninth straight loss. Volatility exploded, with the VIX nearly tripling in a month. Overseas, Japan's Nikkei average plunged 24% for the week.", [
    NUM("shed 18.2% over five sessions", "18.2%", "period_return", w, -1, note=wn),
    DATE("its worst week since 1933", "1933", "rank_since", ws, "1933", wsn),
    EQ("the gauge's ninth straight loss", "ninth", "streak", st if sd == "down" else -st, 9, sn, expect="contradicted"),
    BEYOND("the VIX nearly tripling in a month", "tripling", "period_return", vm, 300, below=True, note=vmn,
           word="nearly (between 2.5x and 3x)", expect="supported"),
    U("plunged 24% for the week", "24%", "period_return", "the Nikkei average of 2008 is not in the files"),
])
P[-1]["claims"][3]["rule"] = "nearly tripling: supported if the VIX rose between +150% and +200% over the month (true +185%)"
assert 150 < vm < 200

# ======================================================= 3. 2011-08-05 week before the downgrade
d = "2011-08-05"
w, wn = prev_friday_ret(SPX, d); ws, wsn = week_since(SPX, d); y10 = y(D10, d); c10, n10 = ychg(D10, d, "2011-07-29")
add(d, "The S&P 500 ended a punishing week 7.2% lower, its worst week since October 2008, as fears of a double-dip recession and Europe's debt crisis gripped markets. Treasuries were the place to hide: the 10-year yield finished the week at 2.58%, down 22 basis points from a week earlier.", [
    NUM("ended a punishing week 7.2% lower", "7.2%", "period_return", w, -1, note=wn),
    DATE("its worst week since October 2008", "October 2008", "rank_since", ws, "2008-10", wsn, expect="contradicted"),
    NUM("finished the week at 2.58%", "2.58%", "yield_level", y10, note="FRED DGS10 %s = %.2f" % (d, y10)),
    NUM("down 22 basis points from a week earlier", "22 basis points", "yield_level", c10, -1, tol=1.5, note=n10, expect="contradicted"),
])

# ======================================================= 4. 2014-10-15 volatility spike
d = "2014-10-15"
vr, vp, vc, vn = daily(VIX, d); vh = hi(VIX, d); vhs, vhsn = ihigh_since(VIX, d)
r, p, c, n = daily(SPX, d); lo = SPX.d[d][2]; pc = SPX.close("2014-10-14"); lor = (lo / pc - 1) * 100
ls, lsn = last_close_beyond(SPX, d, False); rr, _, _, rn = daily(RUT, d)
add(d, "Wall Street's fear gauge briefly topped 31 on Wednesday, its highest intraday level since 2011, before settling well off the day's peak. At its session low the S&P 500 had been down as much as 3%; it ended 0.8% lower at 1,862.49, its lowest finish since March. Small caps bucked the selloff, with the Russell 2000 rising 1%. The 10-year Treasury yield briefly dipped below 1.9% in a frantic morning.", [
    BEYOND("briefly topped 31", "31", "level_intraday", vh, 31, note="VIX %s high = %.2f" % (d, vh), word="topped"),
    DATE("its highest intraday level since 2011", "2011", "rank_since", vhs, "2011", vhsn),
    NUM("down as much as 3%", "3%", "level_intraday", lor, -1, note="SPX %s low %.2f vs prev close %.2f: %.3f%%" % (d, lo, pc, lor)),
    NUM("ended 0.8% lower at 1,862.49", "0.8%", "daily_move", r, -1, note=n),
    DATE("its lowest finish since March", "2014-03", "rank_since", ls, "2014-03", lsn, expect="contradicted", pre="March = March 2014; "),
    NUM("the Russell 2000 rising 1%", "1%", "daily_move", rr, note=rn),
    U("briefly dipped below 1.9%", "1.9%", "yield_level", "intraday Treasury yields are not in the files (FRED daily only)"),
])

# ======================================================= 5. 2015-12-16 liftoff
d = "2015-12-16"
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, d); c2, n2 = ychg(D2, d)
add(d, "The Federal Reserve raised interest rates on Wednesday for the first time in nearly a decade, moving its target for the federal funds rate to a range of 0.25% to 0.5%. Investors cheered the clarity: the S&P 500 climbed 1.5%, notching a third straight gain, and the two-year Treasury yield edged up 4 basis points.", [
    U("for the first time in nearly a decade", "nearly a decade", "fed_decision", "the Fed target before 2008-12-16 is not in the files"),
    EQ("a range of 0.25% to 0.5%", "0.25% to 0.5%", "fed_rate_level", fed_range(d), "0.25-0.50",
       "FRED DFEDTARL/DFEDTARU on 2015-12-16 (effective the same day) = %s (day before %s)" % (fed_range(d), fed_range("2015-12-15"))),
    NUM("climbed 1.5%", "1.5%", "daily_move", r, note=n),
    EQ("notching a third straight gain", "third", "streak", st if sd == "up" else -st, 3, sn),
    NUM("edged up 4 basis points", "4 basis points", "yield_level", c2, tol=1.5, note=n2),
])

# ======================================================= 6. 2016-11-30 small caps' November
d = "2016-11-30"
rm, rmn = month_ret(RUT, "2016-11"); sm, smn = month_ret(SPX, "2016-11")
better = [(b, x) for b, x, _, _ in h.period_returns(RUT, h.month) if b < "2016-11" and x >= rm]
runs = h.streaks(RUT, "2016-11-01", d)
add(d, "Small caps capped a blistering November. The Russell 2000 closed the month at 1,322.34, up 11% for the month and its biggest monthly gain since October 2011, well more than triple the S&P 500's 3.7% advance. The post-election rally included a 15-session winning streak for the small-cap index.", [
    NUM("closed the month at 1,322.34", "1,322.34", "level_close", RUT.close(d), note="RUT close %s" % d),
    NUM("up 11% for the month", "11%", "period_return", rm, note=rmn),
    DATE("its biggest monthly gain since October 2011", "October 2011", "rank_since", better[-1][0], "2011-10", "RUT months as good or better: %s" % better[-3:]),
    NUM("the S&P 500's 3.7% advance", "3.7%", "period_return", sm, note=smn, expect="contradicted"),
    EQ("a 15-session winning streak", "15", "streak", max(x[0] for x in runs), 15, "RUT up runs in Nov 2016: %s" % runs),
])

# ======================================================= 7. 2018-02-05 Volmageddon
d = "2018-02-05"
vr, vp, vc, vn = daily(VIX, d); vs, vsn = last_close_beyond(VIX, d, True); r, p, c, n = daily(SPX, d)
worst_pts = min((SPX.c[i] - SPX.c[i - 1], SPX.dates[i]) for i in range(1, SPX.dates.index(d)))
ytd, ytdn = ret(SPX, "2017-12-31", d); ir, _, _, inn = daily(IXIC, d)
add(d, "Volatility roared back with a vengeance on Monday. The Cboe Volatility Index more than doubled, jumping 20.01 points to 37.32, its highest close since August 2015. The S&P 500 sank 4.1%, shedding 113.19 points in its largest point decline ever and erasing its gain for 2018. The Nasdaq Composite lost 3.8%, and an exchange-traded note that bets against volatility lost more than 80% after the bell.", [
    BEYOND("more than doubled", "doubled", "daily_move", vr, 100, note=vn),
    NUM("jumping 20.01 points", "20.01", "daily_move", vp, note=vn),
    DATE("its highest close since August 2015", "August 2015", "rank_since", vs, "2015-08", vsn),
    NUM("sank 4.1%", "4.1%", "daily_move", r, -1, note=n),
    EQ("shedding 113.19 points in its largest point decline ever", "113.19", "daily_move", round(p, 2) == -113.19 and p < worst_pts[0], True,
       "SPX %s %+.2f pts; largest earlier point drop %+.2f on %s" % (d, p, worst_pts[0], worst_pts[1])),
    EQ("erasing its gain for 2018", "ytd", "period_return", ytd < 0, True, ytdn + " (YTD now negative)"),
    NUM("The Nasdaq Composite lost 3.8%", "3.8%", "daily_move", ir, -1, note=inn),
    U("lost more than 80% after the bell", "80%", "other", "exchange-traded notes (XIV) and after-hours prices are not in the files"),
])

# ======================================================= 8. 2019-08-14 curve scare
d = "2019-08-14"
c10, n10 = ychg(D10, d); sp, spn = spread(d); r, p, c, n = daily(SPX, d)
yr_days = [(x, dd_) for dd_, x in SPX.returns_in("2019-01-01", d)]; worst19 = min(yr_days)
add(d, "The bond market flashed a recession warning on Wednesday. The yield on the 10-year Treasury note sank 9 basis points to end a hair above the two-year yield, after the curve briefly inverted during the session for the first time since 2007. Stocks tumbled, with the S&P 500 losing 2.9% in its worst day of the year, and the Dow shedding 800.49 points.", [
    NUM("sank 9 basis points", "9 basis points", "yield_level", c10, -1, tol=1.5, note=n10),
    EQ("end a hair above the two-year yield", "a hair above", "spread", 0 < sp <= 2, True, spn + " (a hair above = 1-2 bp)"),
    U("the curve briefly inverted during the session", "inverted", "spread", "intraday Treasury yields are not in the files (FRED daily only)"),
    NUM("losing 2.9%", "2.9%", "daily_move", r, -1, note=n),
    EQ("its worst day of the year", "worst of year", "rank_since", worst19[1] == d, True,
       "SPX %s %.2f%%; worst 2019 session through %s: %s (%.2f%%)" % (d, r, d, worst19[1], worst19[0]), expect="contradicted"),
    U("the Dow shedding 800.49 points", "800.49", "daily_move", DOW_OLD),
])

# ======================================================= 9. 2017-10-19 Black Monday at 30
d = "2017-10-19"; b = "1987-10-19"
br, bp, bc, bn = daily(SPX, b); worse = [x for x in SPX.returns_in("1927-01-01", "1987-10-16") if x[1] <= br]
c = SPX.close(d); mult = c / bc
add(d, "Thirty years ago today, the S&P 500 suffered its worst day ever, collapsing 20.5% in a single session. The index has come a long way since: it closed Thursday at 2,562.10, more than 11 times its Black Monday finish of 224.84. The Dow's 22.6% plunge that day still stands as its largest one-day percentage drop.", [
    EQ("suffered its worst day ever", "worst ever", "rank_since", len(worse) == 0, True, bn + "; earlier sessions as bad or worse since 1927-12-30: %d" % len(worse)),
    NUM("collapsing 20.5% in a single session", "20.5%", "daily_move", br, -1, note=bn),
    NUM("closed Thursday at 2,562.10", "2,562.10", "level_close", c, note="SPX close %s = %.2f" % (d, c)),
    BEYOND("more than 11 times", "11 times", "ratio", mult, 11, note="%.2f / %.2f = %.3f" % (c, bc, mult)),
    NUM("its Black Monday finish of 224.84", "224.84", "level_close", bc, note=bn),
    U("The Dow's 22.6% plunge", "22.6%", "daily_move", DOW_OLD),
])

# ======================================================= 10. 2020-06-08 S&P turns positive
d = "2020-06-08"
r, p, c, n = daily(SPX, d); ytd, ytdn = ret(SPX, "2019-12-31", d); fl, fln = ret(SPX, "2020-03-23", d)
rec, recn = is_record(IXIC, d); ist, isd, isn = streak(IXIC, d); rr, _, _, rn = daily(RUT, d)
add(d, "The S&P 500 clawed back the last of its 2020 losses on Monday, rising 1.2% to 3,232.39 and turning positive for the year. The benchmark has rallied 44.5% from its March 23 low. The tech-heavy Nasdaq set a record close of 9,924.75, its third straight gain, and the Russell 2000 climbed 2%.", [
    NUM("rising 1.2% to 3,232.39", "1.2%", "daily_move", r, note=n),
    EQ("turning positive for the year", "positive ytd", "period_return", ytd > 0, True, ytdn),
    NUM("rallied 44.5% from its March 23 low", "44.5%", "period_return", fl, note=fln),
    EQ("a record close of 9,924.75", "9,924.75", "record_close", rec and round(IXIC.close(d), 2) == 9924.75, True, recn),
    EQ("its third straight gain", "third", "streak", ist if isd == "up" else -ist, 3, isn, expect="contradicted"),
    NUM("the Russell 2000 climbed 2%", "2%", "daily_move", rr, note=rn),
])

# ======================================================= 11. 2021-01-29 meme-stock week
d = "2021-01-29"
w, wn = prev_friday_ret(SPX, d); ws, wsn = week_since(SPX, d); r, p, c, n = daily(SPX, d); jan, jann = month_ret(SPX, "2021-01")
vc27 = VIX.close("2021-01-27"); vs, vsn = last_close_beyond(VIX, "2021-01-27", True)
add(d, "Stocks logged their worst week since October as a retail-trading frenzy in heavily shorted names rattled Wall Street. The S&P 500 lost 3.3% for the week, including a 1.9% drop on Friday, leaving it down 1.1% for January. GameStop shares rocketed about 400% over the five days. The VIX had jumped to 37.21 on Wednesday, its highest close since late October.", [
    DATE("their worst week since October", "2020-10", "rank_since", ws, "2020-10", wsn, pre="October = October 2020; "),
    NUM("lost 3.3% for the week", "3.3%", "period_return", w, -1, note=wn),
    NUM("a 1.9% drop on Friday", "1.9%", "daily_move", r, -1, note=n),
    NUM("down 1.1% for January", "1.1%", "period_return", jan, -1, note=jann),
    U("rocketed about 400% over the five days", "400%", "period_return", "single stocks (GameStop) are not in the files"),
    NUM("jumped to 37.21 on Wednesday", "37.21", "level_close", vc27, note="VIX close 2021-01-27 = %.2f" % vc27),
    DATE("its highest close since late October", "2020-10-2", "rank_since", vs, "2020-10", vsn, pre="late October = October 2020 (2nd half); "),
])

# ======================================================= 12. 2022-06-13 bear market
d = "2022-06-13"
r, p, c, n = daily(SPX, d); dd, pkd, ddn = drawdown(SPX, d); st, sd, sn = streak(SPX, d); ls, lsn = last_close_beyond(SPX, d, False)
c2, n2 = ychg(D2, d)
add(d, "The S&P 500 slid into a bear market on Monday, tumbling 3.9% to close 21.8% below its January 3 record. It was the benchmark's fourth straight loss and left it at its lowest finish since January 2021. Short-dated Treasuries were hammered, with the two-year yield jumping 28 basis points to 3.40%. Bitcoin sank 15% to below $23,000.", [
    NUM("tumbling 3.9%", "3.9%", "daily_move", r, -1, note=n),
    NUM("21.8% below its January 3 record", "21.8%", "drawdown", dd, -1, note=ddn),
    EQ("the benchmark's fourth straight loss", "fourth", "streak", st if sd == "down" else -st, 4, sn),
    DATE("its lowest finish since January 2021", "January 2021", "rank_since", ls, "2021-01", lsn),
    NUM("jumping 28 basis points", "28 basis points", "yield_level", c2, tol=1.5, note=n2, expect="contradicted"),
    NUM("to 3.40%", "3.40%", "yield_level", y(D2, d), note="FRED DGS2 %s = %.2f" % (d, y(D2, d))),
    U("Bitcoin sank 15%", "15%", "daily_move", "bitcoin before 2024-08 is not in the files"),
])

# ======================================================= 13. 2022-06-15 75 bp
d = "2022-06-15"
fc = [x for x in m.fed_changes() if x[0] <= "2022-06-16"]; hike = round((fc[-1][2] - fc[-1][1]) * 100)
r, p, c, n = daily(SPX, d); st, sd, sn = streak(SPX, "2022-06-14"); c2, n2 = ychg(D2, d)
add(d, "The Fed delivered its biggest rate increase since 1994 on Wednesday, lifting its benchmark by 75 basis points to a range of 1.5% to 1.75%. Stocks rallied as Chair Powell said such large moves would not be common: the S&P 500 gained 1.5%, snapping a five-day losing streak. The two-year Treasury yield fell 25 basis points.", [
    U("its biggest rate increase since 1994", "since 1994", "fed_decision", "the Fed target before 2008-12-16 is not in the files"),
    EQ("lifting its benchmark by 75 basis points", "75", "fed_decision", hike, 75, "target range %s -> %s (effective 2022-06-16)" % (fed_range(d), fed_range("2022-06-16"))),
    EQ("a range of 1.5% to 1.75%", "1.5% to 1.75%", "fed_rate_level", fed_range("2022-06-16"), "1.50-1.75", "FRED DFEDTARL/U 2022-06-16 = %s" % fed_range("2022-06-16")),
    NUM("the S&P 500 gained 1.5%", "1.5%", "daily_move", r, note=n),
    EQ("snapping a five-day losing streak", "five-day", "streak", st if sd == "down" else -st, 5, "run snapped = " + sn),
    NUM("fell 25 basis points", "25 basis points", "yield_level", c2, -1, tol=1.5, note=n2),
])

# ======================================================= 14. 2023-03-13 SVB
d = "2023-03-13"
c2, n2 = ychg(D2, d); c3, n3 = ychg(D2, d, "2023-03-08"); rr, _, _, rn = daily(RUT, d); rst, rsd, rsn = streak(RUT, d)
vc = VIX.close(d); vs, vsn = last_close_beyond(VIX, d, True)
add(d, "Treasuries staged a stunning rally on Monday after the collapse of Silicon Valley Bank. The two-year yield plunged 57 basis points to 4.03%, bringing its decline over three sessions to more than 100 basis points. The Russell 2000 shed 1.6% for a third session of losses, while the VIX climbed to 26.52, its highest close since October. Shares of First Republic Bank sank 62%.", [
    NUM("plunged 57 basis points", "57 basis points", "yield_level", c2, -1, tol=1.5, note=n2),
    NUM("to 4.03%", "4.03%", "yield_level", y(D2, d), note="FRED DGS2 %s = %.2f" % (d, y(D2, d))),
    BEYOND("more than 100 basis points", "100 basis points", "yield_level", c3, -100, below=True, note=n3),
    NUM("shed 1.6%", "1.6%", "daily_move", rr, -1, note=rn),
    EQ("a third session of losses", "third", "streak", rst if rsd == "down" else -rst, 3, rsn),
    NUM("climbed to 26.52", "26.52", "level_close", vc, note="VIX close %s = %.2f" % (d, vc)),
    DATE("its highest close since October", "2022-10", "rank_since", vs, "2022-10", vsn, pre="October = October 2022; "),
    U("First Republic Bank sank 62%", "62%", "daily_move", "single stocks are not in the files"),
])

# ======================================================= 15. 2024-08-05 yen-carry unwind
d = "2024-08-05"
vr, vp, vc, vn = daily(VIX, d); vh = hi(VIX, d); vhs, vhsn = ihigh_since(VIX, d)
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); st, sd, sn = streak(SPX, d); rr, _, _, rn = daily(RUT, d)
add(d, "The VIX briefly spiked above 65 early Monday, its highest intraday reading since March 2020, before ending at 38.57, up 65%. The S&P 500 fell 3%, its worst session since September 2022 and a third session of declines, and the Russell 2000 dropped 3.6%. In Tokyo, the Nikkei 225 plunged 12.4%, its worst day since 1987.", [
    BEYOND("briefly spiked above 65", "65", "level_intraday", vh, 65, note="VIX %s high = %.2f" % (d, vh), word="above"),
    DATE("its highest intraday reading since March 2020", "March 2020", "rank_since", vhs, "2020-03", vhsn),
    NUM("ending at 38.57", "38.57", "level_close", vc, note=vn),
    NUM("up 65%", "65%", "daily_move", vr, note=vn),
    NUM("The S&P 500 fell 3%", "3%", "daily_move", r, -1, note=n),
    DATE("its worst session since September 2022", "September 2022", "rank_since", lx, "2022-09", lxn),
    EQ("a third session of declines", "third", "streak", st if sd == "down" else -st, 3, sn),
    NUM("the Russell 2000 dropped 3.6%", "3.6%", "daily_move", rr, -1, note=rn, expect="contradicted"),
    U("the Nikkei 225 plunged 12.4%", "12.4%", "daily_move", "the Nikkei 225 is not in the files"),
])

# ======================================================= 16. 2025-04-09 tariff pause
d = "2025-04-09"
r, p, c, n = daily(SPX, d); lx, lxn = last_as_extreme(SPX, d); ir, _, _, inn = daily(IXIC, d); dr, dp, dc, dn = daily(DJI, d)
vr, vp, vc, vn = daily(VIX, d)
add(d, "Stocks staged one of the biggest rallies in history on Wednesday after the White House paused most of its new tariffs. The S&P 500 leapt 9.5%, its best day since October 2008, while the tech-heavy Nasdaq Composite soared 12.5% and the blue-chip Dow jumped 2,962.86 points, or 7.9%. The VIX tumbled 35.8% to 33.62. Roughly 30 billion shares changed hands, the heaviest volume on record.", [
    NUM("leapt 9.5%", "9.5%", "daily_move", r, note=n),
    DATE("its best day since October 2008", "October 2008", "rank_since", lx, "2008-10", lxn),
    NUM("soared 12.5%", "12.5%", "daily_move", ir, note=inn, expect="contradicted"),
    NUM("jumped 2,962.86 points", "2,962.86", "daily_move", dp, note=dn + " (asset_prices DJI)"),
    NUM("or 7.9%", "7.9%", "daily_move", dr, note=dn),
    NUM("tumbled 35.8% to 33.62", "35.8%", "daily_move", vr, -1, note=vn),
    U("Roughly 30 billion shares changed hands", "30 billion", "other", "exchange volume is not in the files"),
])

# ======================================================= 17. 2026-06-30 first-half recap
d = "2026-06-30"
h1, h1n = ret(SPX, "2025-12-31", d); q2, q2n = ret(SPX, "2026-03-31", d); jm, jmn = month_ret(SPX, "2026-06")
ih1, ih1n = ret(IXIC, "2025-12-31", d); rjm, rjmn = month_ret(RUT, "2026-06"); r, p, c, n = daily(SPX, d)
add(d, "The S&P 500 wrapped up the first half of 2026 with a 9.6% gain after a 0.8% rise on Tuesday, having surged 14.9% in the second quarter alone. Still, the gauge slipped 1.1% in June, snapping its monthly winning streak, while the tech-heavy Nasdaq Composite gave up 2.8% for the month. Small caps were the standout, the Russell 2000 gaining 3.6% in June.", [
    NUM("a 9.6% gain", "9.6%", "period_return", h1, note=h1n),
    NUM("a 0.8% rise on Tuesday", "0.8%", "daily_move", r, note=n),
    NUM("surged 14.9% in the second quarter", "14.9%", "period_return", q2, note=q2n),
    NUM("slipped 1.1% in June", "1.1%", "period_return", jm, -1, note=jmn),
    NUM("gave up 2.8% for the month", "2.8%", "period_return", h.period_returns(IXIC, h.month)[-1][1] if False else month_ret(IXIC, "2026-06")[0], -1, note=month_ret(IXIC, "2026-06")[1]),
    NUM("the Russell 2000 gaining 3.6% in June", "3.6%", "period_return", rjm, note=rjmn),
])
mr = [(b, round(x, 2)) for b, x, _, _ in h.period_returns(SPX, h.month) if "2026-01" <= b <= "2026-06"]
P[-1]["claims"].insert(4, EQ("snapping its monthly winning streak", "snapped", "streak", mr[-2][1] > 0 and mr[-1][1] < 0, True, "SPX 2026 monthly returns: %s" % mr))

# ======================================================= 18. 2026-08-21 weekly wrap
d = "2026-08-21"
r, p, c, n = daily(SPX, d); w, wn = prev_friday_ret(SPX, d); ws_ = week_streak(SPX, "2026-08-14"); ytd, ytdn = ret(SPX, "2025-12-31", d)
iw, iwn = prev_friday_ret(IXIC, d); vr, vp, vc, vn = daily(VIX, d)
add(d, "As of Friday's close, the S&P 500 stood at 7,674.37 after a 0.4% bounce on the day, but the blue-chip index still shed 1.4% for the week, snapping a four-week winning streak and trimming its year-to-date gain to 12.1%. The tech-heavy Nasdaq fared worse, losing 2.1% on the week. The gauge of expected volatility eased 0.88 point to 15.13 on Friday.", [
    NUM("stood at 7,674.37", "7,674.37", "level_close", c, note=n),
    NUM("a 0.4% bounce on the day", "0.4%", "daily_move", r, note=n),
    NUM("still shed 1.4% for the week", "1.4%", "period_return", w, -1, note=wn),
    EQ("snapping a four-week winning streak", "four-week", "streak", ws_, 4, "SPX consecutive up weeks ending 2026-08-14: %d (weeks %s)" % (
        ws_, [(x[3], round(x[1], 2)) for x in WR if "2026-07-10" <= x[3] <= d]), expect="contradicted"),
    NUM("trimming its year-to-date gain to 12.1%", "12.1%", "period_return", ytd, note=ytdn),
    NUM("losing 2.1% on the week", "2.1%", "period_return", iw, -1, note=iwn),
    NUM("eased 0.88 point to 15.13", "0.88", "daily_move", vp, -1, note=vn),
])

with open("claims-new4.jsonl", "w") as f:
    for p_ in P:
        f.write(json.dumps(p_) + "\n")
cnt = collections.Counter(c_["verdict"] for p_ in P for c_ in p_["claims"])
print(len(P), "passages", sum(cnt.values()), "claims", dict(cnt))
for b_ in lib4.BAD: print("BAD", b_)
