"""Build claims-new.jsonl: news-style passages, each labelled claim with a verdict and true value computed here."""
import json, re
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
import mdata as m, qhelp as h
m.DROP_WEEKENDS = False
SPX, IXIC, RUT, NDX, DJI, VIX = m.spx(), m.ixic(), m.rut(), m.ndx(), m.dji(), m.vix()
D10, D2 = m.rseries("DGS10"), m.rseries("DGS2")
FED = m.fed_changes()
P = []

def dec(s):
    s = re.search(r"\d[\d,]*(?:\.(\d+))?", s); return len(s.group(1)) if s and s.group(1) else 0
def num(s):
    return float(re.search(r"\d[\d,]*(?:\.\d+)?", s).group(0).replace(",", ""))
def verdict(claimed, true, mode="exact", sign=None):
    """claimed: printed figure; true: signed truth; sign: +1/-1 direction the text states (None = level)"""
    if sign is not None and true * sign < 0:
        return "contradicted", "direction wrong"
    c, t = num(claimed), abs(true) if sign is not None else true
    half = 0.5 * 10 ** -dec(claimed) + 1e-9
    if mode == "exact": ok, rule = abs(t - c) <= half, "supported if |true - %s| <= %g (printed precision)" % (c, half)
    elif mode == "about": ok, rule = abs(t - c) <= max(half, 0.05 * c), "about: within max(printed precision, 5%%) of %s" % c
    elif mode == "nearly": ok, rule = 0.9 * c <= t <= c + half, "nearly: 0.9*%s <= true <= %s" % (c, c)
    elif mode == "more": ok, rule = t > c, "more than: true > %s" % c
    return ("supported" if ok else "contradicted"), rule

def C(quote, claimed, kind, true, mode="exact", sign=None, note="", verdict_=None, rule=None):
    if verdict_ is None:
        vd, rl = verdict(claimed, true, mode, sign)
    else:
        vd, rl = verdict_, rule or ""
    return dict(quote=quote, claimed=claimed, kind=kind, verdict=vd, true_value=round(true, 4) if isinstance(true, float) else true,
                rule=rl, note=note)
def U(quote, claimed, kind, why):
    return dict(quote=quote, claimed=claimed, kind=kind, verdict="unverifiable", true_value="n/a", rule=why, note="not decidable from the market-data files: " + why)
def B(quote, claimed, kind, ok, true, note):
    return dict(quote=quote, claimed=claimed, kind=kind, verdict="supported" if ok else "contradicted", true_value=true, rule="supported if true", note=note)
def add(as_of, text, claims, source="written for this eval (news style)"):
    for c in claims:
        assert c["quote"] in text, c["quote"]
    P.append(dict(id="N%03d" % (len(P) + 1), text=text, as_of=as_of, published=as_of, source=source, claims=claims))
def dm(s, d): r, p, c, pd, pc = s.daily(d); return r, p, c
def last_worse(s, d):
    i = s.dates.index(d); r = s.c[i] / s.c[i-1] - 1
    for j in range(i - 1, 0, -1):
        rj = s.c[j] / s.c[j-1] - 1
        if (rj >= r if r > 0 else rj <= r): return s.dates[j]

# N001 2025-04-03 tariff rout
r, p, c = dm(SPX, "2025-04-03"); nr, np_, nc = dm(IXIC, "2025-04-03"); dr, dp, dc = dm(DJI, "2025-04-03")
lw = last_worse(SPX, "2025-04-03")
add("2025-04-03", "NEW YORK, April 3 (Reuters) - Wall Street's main indexes suffered their steepest losses in five years on Thursday after sweeping U.S. tariffs stoked fears of a global trade war. The S&P 500 lost 274.45 points, or 4.84%, to end at 5,396.52, its biggest one-day percentage drop since June 2020. The tech-heavy Nasdaq Composite slid 1,050.44 points, or 5.97%, to 16,550.61, while the blue-chip Dow shed 1,679.39 points, or 3.98%, to 40,545.93.", [
    C("lost 274.45 points", "274.45", "daily_move", p, sign=-1),
    C("or 4.84%", "4.84%", "daily_move", r, sign=-1),
    C("to end at 5,396.52", "5,396.52", "level_close", c),
    B("its biggest one-day percentage drop since June 2020", "since June 2020", "longest_since", lw[:7] == "2020-06", lw, "last worse S&P day before 2025-04-03: %s" % lw),
    C("slid 1,050.44 points", "1,050.44", "daily_move", np_, sign=-1),
    C("or 5.97%", "5.97%", "daily_move", nr, sign=-1),
    C("to 16,550.61", "16,550.61", "level_close", nc),
    C("shed 1,679.39 points", "1,679.39", "daily_move", dp, sign=-1, note="DJI from heliar-k asset_prices"),
    C("or 3.98%", "3.98%", "daily_move", dr, sign=-1),
    C("to 40,545.93", "40,545.93", "level_close", dc)])

# N002 2025-04-04
r, p, c = dm(SPX, "2025-04-04"); two = SPX.ret("2025-04-02", "2025-04-04")[0]; dr, dp, dc = dm(DJI, "2025-04-04"); nr = dm(IXIC, "2025-04-04")[0]
i = IXIC.dates.index("2025-04-04"); ndd = (IXIC.c[i] / max(IXIC.c[:i]) - 1) * 100
vi = VIX.dates.index("2025-04-04"); vj = max(k for k in range(vi) if VIX.c[k] >= VIX.c[vi])
add("2025-04-04", "The S&P 500 plunged nearly 6% Friday, bringing its two-day loss to more than 10%. The Dow dropped 2,231 points, and the Nasdaq fell 5.8%, confirming the index is in a bear market. Wall Street's fear gauge, the VIX, jumped to 45.31, its highest close since April 2020.", [
    C("plunged nearly 6%", "6%", "daily_move", r, "nearly", sign=-1),
    C("two-day loss to more than 10%", "10%", "period_return", two, "more", sign=-1, note="close 2025-04-04 / close 2025-04-02"),
    C("dropped 2,231 points", "2,231", "daily_move", dp, sign=-1),
    C("the Nasdaq fell 5.8%", "5.8%", "daily_move", nr, sign=-1),
    B("confirming the index is in a bear market", "bear market", "drawdown", ndd <= -20, round(ndd, 4), "IXIC close vs record close: %.2f%%" % ndd),
    C("jumped to 45.31", "45.31", "level_close", VIX.c[vi]),
    B("its highest close since April 2020", "since April 2020", "longest_since", VIX.dates[vj][:7] == "2020-04", VIX.dates[vj], "last VIX close >= 45.31 before: %s %.2f" % (VIX.dates[vj], VIX.c[vj]))])

# N003 2025-04-09
r, p, c = dm(SPX, "2025-04-09"); dr, dp, dc = dm(DJI, "2025-04-09"); nr = dm(IXIC, "2025-04-09")[0]
lw = last_worse(SPX, "2025-04-09")
rank = 1 + sum(1 for d, x in SPX.returns_in("1945-09-02", "2025-04-08") if x > r)
add("2025-04-09", "Stocks skyrocketed Wednesday after the White House paused most tariffs. The S&P 500 surged 9.5% to close at 5,456.90, notching its best day since 2008 (the third-largest gain since World War II). The Nasdaq Composite jumped 12.2%, its second-best day on record, and the Dow rallied 2,962.86 points, or 7.87%.", [
    C("surged 9.5%", "9.5%", "daily_move", r, sign=1),
    C("close at 5,456.90", "5,456.90", "level_close", c),
    B("its best day since 2008", "since 2008", "longest_since", lw[:4] == "2008", lw, "last better S&P day: %s" % lw),
    B("the third-largest gain since World War II", "third-largest", "rank_since", rank == 3, rank, "rank of 2025-04-09 among S&P daily gains since 1945-09-02"),
    C("The Nasdaq Composite jumped 12.2%", "12.2%", "daily_move", nr, sign=1),
    U("its second-best day on record", "second-best", "rank_since", "Nasdaq Composite before 2016-06-28 is not in the files"),
    C("rallied 2,962.86 points", "2,962.86", "daily_move", dp, sign=1),
    C("or 7.87%", "7.87%", "daily_move", dr, sign=1)])

# N004 2024-08-05
r, p, c = dm(SPX, "2024-08-05"); lw = last_worse(SPX, "2024-08-05")
dd = (SPX.close("2024-08-05") / SPX.close("2024-07-16") - 1) * 100
vr, vp, vc = dm(VIX, "2024-08-05"); vh = VIX.d["2024-08-05"][1]
add("2024-08-05", "Extending a global rout sparked by fears of a U.S. recession, the S&P 500 fell 3.00% to 5,186.33 on Monday, its biggest one-day drop since September 2022. The index has now lost 8.5% from its July 16 record close. The Cboe Volatility index, Wall Street's fear gauge, closed up 15.18 points at 38.57, after hitting 65.73 earlier in the session. Japan's Nikkei plunged 12.4%.", [
    C("fell 3.00%", "3.00%", "daily_move", r, sign=-1),
    C("to 5,186.33", "5,186.33", "level_close", c),
    B("its biggest one-day drop since September 2022", "since September 2022", "longest_since", lw[:7] == "2022-09", lw, "last worse: %s" % lw),
    C("lost 8.5% from its July 16 record close", "8.5%", "drawdown", dd, sign=-1, note="close 2024-08-05 / close 2024-07-16 (record) - 1"),
    C("closed up 15.18 points", "15.18", "daily_move", vp, sign=1),
    C("at 38.57", "38.57", "level_close", vc),
    C("hitting 65.73 earlier in the session", "65.73", "level_intraday", vh, note="VIX high 2024-08-05"),
    U("Japan's Nikkei plunged 12.4%", "12.4%", "daily_move", "Nikkei before 2024-08-21 is not in the files")])

# N005 2020-03-16
r, p, c = dm(SPX, "2020-03-16"); lw = last_worse(SPX, "2020-03-16"); vc = VIX.close("2020-03-16")
rec = vc > max(VIX.c[:VIX.dates.index("2020-03-16")])
add("2020-03-16", "The Dow Jones Industrial Average plunged nearly 3,000 points, or 12.9%, on Monday as coronavirus fears gripped markets. The S&P 500 sank 12%, its worst day since the 1987 crash, to 2,386.13. The VIX closed at a record 82.69.", [
    U("plunged nearly 3,000 points", "3,000", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    U("or 12.9%", "12.9%", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    C("sank 12%", "12%", "daily_move", r, sign=-1),
    B("its worst day since the 1987 crash", "since 1987", "longest_since", lw[:4] == "1987", lw, "last worse: %s" % lw),
    C("to 2,386.13", "2,386.13", "level_close", c),
    B("closed at a record", "record", "record_close", rec, rec, "VIX 82.69 vs previous max close %.2f" % max(VIX.c[:VIX.dates.index("2020-03-16")])),
    C("a record 82.69", "82.69", "level_close", vc)])

# N006 2024-01-19
r, p, c = dm(SPX, "2024-01-19"); prev = h.records(SPX, "2021-01-01", "2024-01-18")[-1]
add("2024-01-19", "The S&P 500 closed at a record on Friday, topping its previous high from January 2022. The broad index climbed 1.23% to finish at 4,839.81. The Nasdaq Composite advanced 1.7%, while the Russell 2000 added about 1%.", [
    B("closed at a record", "record", "record_close", c > max(SPX.c[:SPX.dates.index("2024-01-19")]), True, "close above all earlier closes"),
    B("its previous high from January 2022", "January 2022", "record_close", prev[0][:7] == "2022-01", prev[0], "previous record close %s %.2f" % prev),
    C("climbed 1.23%", "1.23%", "daily_move", r, sign=1),
    C("finish at 4,839.81", "4,839.81", "level_close", c),
    C("advanced 1.7%", "1.7%", "daily_move", dm(IXIC, "2024-01-19")[0], sign=1),
    C("added about 1%", "1%", "daily_move", dm(RUT, "2024-01-19")[0], "about", sign=1)])

# N007 2023-11-08 streaks
st = h.current_streak(SPX, "2023-11-08")[0]; stn = h.current_streak(IXIC, "2023-11-08")[0]
prior = [x for x in h.streaks(SPX, "1990-01-01", "2023-10-29") if x[0] >= st][-1]
add("2023-11-08", "The S&P 500 eked out a gain of 0.1% on Wednesday, notching its eighth straight winning session, its longest winning streak in two years. The Nasdaq rose for a ninth day in a row.", [
    C("a gain of 0.1%", "0.1%", "daily_move", dm(SPX, "2023-11-08")[0], sign=1),
    C("its eighth straight winning session", "eighth", "streak", float(st), note="consecutive up closes to 2023-11-08", verdict_="supported" if st == 8 else "contradicted"),
    B("its longest winning streak in two years", "two years", "longest_since", prior[2][:7] == "2021-11", prior[2], "previous streak of >= 8: %s..%s" % (prior[1], prior[2])),
    C("rose for a ninth day in a row", "ninth", "streak", float(stn), verdict_="supported" if stn == 9 else "contradicted")])

# N008 2023 annual
sp = SPX.ret("2022-12-31", "2023-12-31")[0]; nq = IXIC.ret("2022-12-31", "2023-12-31")[0]; ru = RUT.ret("2022-12-31", "2023-12-31")[0]
add("2023-12-29", "For the year, the S&P 500 gained 24.2%, while the tech-heavy Nasdaq soared 43.4%, its best year since 2020. The blue-chip Dow rose 13.7% in 2023, and the small-cap Russell 2000 advanced 16.9%.", [
    C("the S&P 500 gained 24.2%", "24.2%", "period_return", sp, sign=1),
    C("soared 43.4%", "43.4%", "period_return", nq, sign=1),
    B("its best year since 2020", "since 2020", "longest_since", IXIC.ret("2019-12-31", "2020-12-31")[0] >= nq > max(IXIC.ret("2020-12-31", "2021-12-31")[0], IXIC.ret("2021-12-31", "2022-12-31")[0]), "2020", "IXIC 2020 +43.64, 2021 +21.39, 2022 -33.10"),
    U("rose 13.7% in 2023", "13.7%", "period_return", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    C("advanced 16.9%", "16.9%", "period_return", ru, sign=1, note="true RUT 2023 = %.2f%%" % ru)])

# N009 yields 2023-10-19
add("2023-10-19", "The yield on the benchmark 10-year Treasury note rose 7 basis points to 4.98%, after briefly topping 5% for the first time since 2007. The two-year yield slipped to 5.14%.", [
    C("rose 7 basis points", "7", "yield_change", (D10.close("2023-10-19") - D10.close("2023-10-18")) * 100, sign=1, note="DGS10 4.91 -> 4.98"),
    C("to 4.98%", "4.98%", "yield_level", D10.close("2023-10-19")),
    U("briefly topping 5% for the first time since 2007", "5%", "yield_level", "intraday yields are not in the files"),
    C("slipped to 5.14%", "5.14%", "yield_level", D2.close("2023-10-19"))])

# N010 2s10s 2022-07-06
sp_ = (D10.close("2022-07-06") - D2.close("2022-07-06")) * 100
add("2022-07-06", "The two-year Treasury yield rose to 2.97% on Wednesday, above the 10-year yield at 2.93%, inverting the curve by 4 basis points.", [
    C("rose to 2.97%", "2.97%", "yield_level", D2.close("2022-07-06")),
    C("the 10-year yield at 2.93%", "2.93%", "yield_level", D10.close("2022-07-06")),
    C("inverting the curve by 4 basis points", "4", "spread", sp_, sign=-1, note="DGS10-DGS2 in bp")])

# Fed
def fed_at(ann):
    import datetime as dt
    eff = (dt.date.fromisoformat(ann) + dt.timedelta(days=1)).isoformat()
    return [x for x in FED if x[0] == eff][0]
f = fed_at("2022-06-15")
add("2022-06-15", "The Federal Reserve on Wednesday raised its benchmark rate by three-quarters of a percentage point to a range of 1.5% to 1.75%, its biggest hike since 1994.", [
    B("raised its benchmark rate by three-quarters of a percentage point", "0.75", "fed_decision", f[2] - f[1] == 0.75, f[2] - f[1], "DFEDTARU %.2f -> %.2f" % (f[1], f[2])),
    C("a range of 1.5% to 1.75%", "1.5%", "fed_rate_level", f[3], note="range %.2f-%.2f" % (f[3], f[2])),
    U("its biggest hike since 1994", "since 1994", "fed_decision", "Fed target before 2008-12 is not in the files")])
f = fed_at("2024-09-18"); prevcut = [x for x in FED if x[2] < x[1] and x[0] < "2024-09-19"][-1]
add("2024-09-18", "The Fed cut rates by half a percentage point, to a target range of 4.75%-5.00%, its first reduction since March 2020.", [
    B("cut rates by half a percentage point", "0.5", "fed_decision", f[1] - f[2] == 0.5, f[1] - f[2], "DFEDTARU %.2f -> %.2f" % (f[1], f[2])),
    C("a target range of 4.75%-5.00%", "4.75%", "fed_rate_level", f[3], note="range %.2f-%.2f" % (f[3], f[2])),
    B("its first reduction since March 2020", "since March 2020", "fed_decision", prevcut[0][:7] == "2020-03", prevcut[0], "previous cut effective %s" % prevcut[0])])
f = fed_at("2025-12-10")
add("2025-12-10", "The central bank trimmed rates by 25 basis points for the third meeting in a row, bringing the federal funds range to 3.50%-3.75%.", [
    C("trimmed rates by 25 basis points", "25", "fed_decision", (f[1] - f[2]) * 100, sign=1),
    B("for the third meeting in a row", "third", "fed_decision", True, 3, "cuts announced 2025-09-17, 2025-10-29, 2025-12-10: three consecutive FOMC meetings"),
    C("the federal funds range to 3.50%-3.75%", "3.50%", "fed_rate_level", f[3], note="range %.2f-%.2f" % (f[3], f[2]))])

# N014 2022-09-13 CPI day (one wrong Nasdaq figure)
r, p, c = dm(SPX, "2022-09-13"); lw = last_worse(SPX, "2022-09-13")
add("2022-09-13", "Stocks tumbled after a hotter-than-expected inflation report. The S&P 500 fell 4.3%, or 177.72 points, to 3,932.69, its worst day since June 2020. The Nasdaq Composite slid 5.5%, and the Dow lost 1,276 points, or 3.9%.", [
    C("fell 4.3%", "4.3%", "daily_move", r, sign=-1),
    C("or 177.72 points", "177.72", "daily_move", p, sign=-1),
    C("to 3,932.69", "3,932.69", "level_close", c),
    B("its worst day since June 2020", "since June 2020", "longest_since", lw[:7] == "2020-06", lw, "last worse: %s" % lw),
    C("The Nasdaq Composite slid 5.5%", "5.5%", "daily_move", dm(IXIC, "2022-09-13")[0], sign=-1),
    U("the Dow lost 1,276 points", "1,276", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    U("or 3.9%", "3.9%", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files")])

# N015 2025-03-10 coreference "the index"
nr = dm(IXIC, "2025-03-10")[0]; lw = last_worse(IXIC, "2025-03-10"); ytd = IXIC.ret("2024-12-31", "2025-03-10")[0]
i = SPX.dates.index("2025-03-10"); j = max(k for k in range(i) if SPX.c[k] <= SPX.c[i])
add("2025-03-10", "The Nasdaq tumbled 4% on Monday, its steepest one-day drop since September 2022, leaving the index down more than 9% for the year. The S&P 500 lost 2.7% to 5,614.56, its lowest close since September.", [
    C("tumbled 4%", "4%", "daily_move", nr, sign=-1),
    B("its steepest one-day drop since September 2022", "since September 2022", "longest_since", lw[:7] == "2022-09", lw, "last worse IXIC day: %s" % lw),
    C("down more than 9% for the year", "9%", "period_return", ytd, "more", sign=-1, note="IXIC YTD: close 2025-03-10 / 2024-12-31"),
    C("lost 2.7%", "2.7%", "daily_move", dm(SPX, "2025-03-10")[0], sign=-1),
    C("to 5,614.56", "5,614.56", "level_close", SPX.close("2025-03-10")),
    B("its lowest close since September", "since September", "longest_since", SPX.dates[j][:7] == "2024-09", SPX.dates[j], "last close <= 5614.56: %s" % SPX.dates[j])])

# N016 March 2025 / Q1
mr = h.period_returns(SPX, h.month); k = [x[0] for x in mr].index("2025-03"); prevw = [x for x in mr[:k] if x[1] <= mr[k][1]][-1]
add("2025-03-31", "For March, the S&P 500 lost 5.8%, its worst month since December 2022, and the Nasdaq shed 8.2%. For the quarter, the benchmark index fell 4.6%.", [
    C("the S&P 500 lost 5.8%", "5.8%", "period_return", mr[k][1], sign=-1),
    B("its worst month since December 2022", "since December 2022", "longest_since", prevw[0] == "2022-12", prevw[0], "last worse month: %s %.2f%%" % (prevw[0], prevw[1])),
    C("the Nasdaq shed 8.2%", "8.2%", "period_return", IXIC.ret("2025-02-28", "2025-03-31")[0], sign=-1),
    C("the benchmark index fell 4.6%", "4.6%", "period_return", SPX.ret("2024-12-31", "2025-03-31")[0], sign=-1)])

# N017 weekly wrap 2026-08-21
wr = h.period_returns(RUT, h.week)
add("2026-08-21", "Stocks rebounded on Friday, but the major averages still posted weekly losses. The S&P 500 rose 0.4% to 7,674.37 and ended the week down 1.4%. The Dow climbed 517.80 points, or nearly 1%. The Nasdaq Composite slipped 2.1% for the week, and the small-cap Russell 2000 fell 1.6% (its first weekly decline in four weeks).", [
    C("rose 0.4%", "0.4%", "daily_move", dm(SPX, "2026-08-21")[0], sign=1),
    C("to 7,674.37", "7,674.37", "level_close", SPX.close("2026-08-21")),
    C("ended the week down 1.4%", "1.4%", "period_return", SPX.ret("2026-08-14", "2026-08-21")[0], sign=-1),
    C("climbed 517.80 points", "517.80", "daily_move", dm(DJI, "2026-08-21")[1], sign=1),
    C("or nearly 1%", "1%", "daily_move", dm(DJI, "2026-08-21")[0], "nearly", sign=1),
    C("slipped 2.1% for the week", "2.1%", "period_return", IXIC.ret("2026-08-14", "2026-08-21")[0], sign=-1),
    C("the small-cap Russell 2000 fell 1.6%", "1.6%", "period_return", RUT.ret("2026-08-14", "2026-08-21")[0], sign=-1),
    B("its first weekly decline in four weeks", "four weeks", "streak", wr[-2][1] > 0 and wr[-3][1] > 0 and wr[-4][1] > 0 and wr[-5][1] < 0, [round(x[1], 2) for x in wr[-5:]], "RUT weekly returns W30..W34")])

# N018 2026-06-05
nr = dm(IXIC, "2026-06-05")[0]; lw = last_worse(IXIC, "2026-06-05"); vr, vp, vc = dm(VIX, "2026-06-05")
add("2026-06-05", "The Nasdaq sank 4.2% on Friday, its worst session since April 2025, as chip stocks tumbled; Nvidia dropped 7%. The S&P 500 fell 2.6%, and the VIX jumped more than 6 points to 21.51.", [
    C("sank 4.2%", "4.2%", "daily_move", nr, sign=-1),
    B("its worst session since April 2025", "since April 2025", "longest_since", lw[:7] == "2025-04", lw, "last worse: %s" % lw),
    U("Nvidia dropped 7%", "7%", "daily_move", "single-stock prices are not in the files"),
    C("The S&P 500 fell 2.6%", "2.6%", "daily_move", dm(SPX, "2026-06-05")[0], sign=-1),
    C("jumped more than 6 points", "6", "daily_move", vp, "more", sign=1),
    C("to 21.51", "21.51", "level_close", vc)])

# N019 2026-08-20 intraday time + wrong close
r, p, c = dm(DJI, "2026-08-20")
add("2026-08-20", "By 2:30 p.m. ET, the Dow was down 450 points. It closed down 703.84 points, or 1.3%, at 52,759.21. The S&P 500 lost 0.87% to 7,614.16.", [
    U("the Dow was down 450 points", "450", "daily_move", "intraday prices at a time of day are not in the files"),
    C("closed down 703.84 points", "703.84", "daily_move", p, sign=-1),
    C("or 1.3%", "1.3%", "daily_move", r, sign=-1),
    C("at 52,759.21", "52,759.21", "level_close", c),
    C("lost 0.87%", "0.87%", "daily_move", dm(SPX, "2026-08-20")[0], sign=-1),
    C("to 7,614.16", "7,614.16", "level_close", SPX.close("2026-08-20"), note="true close 7641.16 (digits transposed)")])

# N020 2025-04-08 drawdown + streak
dd = (SPX.close("2025-04-08") / SPX.close("2025-02-19") - 1) * 100
add("2025-04-08", "After an early rally faded, the S&P 500 fell 1.6% on Tuesday for a fourth straight loss. The index closed 18.9% below its Feb. 19 record, just shy of the 20% threshold that defines a bear market.", [
    C("fell 1.6%", "1.6%", "daily_move", dm(SPX, "2025-04-08")[0], sign=-1),
    C("for a fourth straight loss", "fourth", "streak", float(h.current_streak(SPX, "2025-04-08")[0]), verdict_="supported" if h.current_streak(SPX, "2025-04-08") == (4, "down") else "contradicted"),
    C("closed 18.9% below its Feb. 19 record", "18.9%", "drawdown", dd, sign=-1)])

# N021 2026-08-13 records (wrong count)
recs = [d for d, c_ in h.records(SPX, "2026-08-01", "2026-08-13")]
add("2026-08-13", "The S&P 500 rose 0.65% to a fresh record of 7,798.99 on Thursday, its fourth record close of August.", [
    C("rose 0.65%", "0.65%", "daily_move", dm(SPX, "2026-08-13")[0], sign=1),
    C("a fresh record of 7,798.99", "7,798.99", "level_close", SPX.close("2026-08-13")),
    C("its fourth record close of August", "fourth", "count", float(len(recs)), verdict_="supported" if len(recs) == 4 else "contradicted", note="record closes Aug 2026: %s" % recs)])

# N022 July 2026 (wrong RUT)
add("2026-07-31", "The S&P 500 finished July little changed, down 0.1%, while the Russell 2000 jumped 2.9% for the month.", [
    C("down 0.1%", "0.1%", "period_return", SPX.ret("2026-06-30", "2026-07-31")[0], sign=-1),
    C("jumped 2.9% for the month", "2.9%", "period_return", RUT.ret("2026-06-30", "2026-07-31")[0], sign=1, note="true RUT July 2026 = %.2f%%" % RUT.ret("2026-06-30", "2026-07-31")[0])])

# N023 VIX low 2017-11-03
vc = VIX.close("2017-11-03"); lowest = vc <= min(VIX.c[:VIX.dates.index("2017-11-03")])
add("2017-11-03", "The Cboe Volatility Index, known as Wall Street's fear gauge, closed at 9.14 on Friday, its lowest close on record.", [
    C("closed at 9.14", "9.14", "level_close", vc),
    B("its lowest close on record", "lowest", "record_close", lowest, lowest, "VIX close vs all earlier closes since 1990")])

# N024 1987
r, p, c = dm(SPX, "1987-10-19")
add("1987-10-19", "On Oct. 19, 1987, the S&P 500 plunged 20.5%, while the Dow Jones industrials dropped 508 points, or 22.6%, the largest one-day percentage decline in the blue-chip index's history.", [
    C("plunged 20.5%", "20.5%", "daily_move", r, sign=-1),
    U("dropped 508 points", "508", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    U("or 22.6%", "22.6%", "daily_move", "Dow Jones Industrial Average before 2024-08 is not in the files")])

# N025 2024-12-18 Fed day
r, p, c = dm(DJI, "2024-12-18"); st = h.current_streak(DJI, "2024-12-18"); f = fed_at("2024-12-18")
add("2024-12-18", "Stocks slumped after the Fed signaled fewer cuts next year. The Dow fell more than 1,100 points, or 2.6%, its 10th straight decline and the longest losing streak since 1974. The S&P 500 dropped nearly 3%. The Fed lowered its key rate by a quarter point to a range of 4.25%-4.5%.", [
    C("fell more than 1,100 points", "1,100", "daily_move", p, "more", sign=-1),
    C("or 2.6%", "2.6%", "daily_move", r, sign=-1),
    C("its 10th straight decline", "10", "streak", float(st[0]), verdict_="supported" if st == (10, "down") else "contradicted", note="DJI (asset_prices) down closes"),
    U("the longest losing streak since 1974", "since 1974", "longest_since", "Dow Jones Industrial Average before 2024-08 is not in the files"),
    C("dropped nearly 3%", "3%", "daily_move", dm(SPX, "2024-12-18")[0], "nearly", sign=-1),
    B("lowered its key rate by a quarter point", "0.25", "fed_decision", f[1] - f[2] == 0.25, f[1] - f[2], "DFEDTARU %.2f -> %.2f" % (f[1], f[2])),
    C("a range of 4.25%-4.5%", "4.25%", "fed_rate_level", f[3])])

# N026 single stock / earnings / sector ETF
add("2026-08-21", "Shares of Walmart fell 4.5% after the retailer reported quarterly earnings of 68 cents a share. The Consumer Staples Select Sector SPDR Fund (XLP) gained 0.8%.", [
    U("Shares of Walmart fell 4.5%", "4.5%", "daily_move", "single-stock prices are not in the files"),
    U("earnings of 68 cents a share", "68", "other", "company earnings are not in the files"),
    C("gained 0.8%", "0.8%", "daily_move", m.etf("XLP").daily("2026-08-21")[0], sign=1)])

# N027 yields over a year / spread now
d10a, d10b = D10.close_on_or_before("2021-12-31")[1], D10.close_on_or_before("2022-12-31")[1]
add("2022-12-30", "The 10-year Treasury yield ended 2022 at 3.88%, up about 236 basis points for the year, its biggest annual increase in decades. The gap between two- and 10-year yields stood at minus 53 basis points.", [
    C("ended 2022 at 3.88%", "3.88%", "yield_level", d10b),
    C("up about 236 basis points", "236", "yield_change", (d10b - d10a) * 100, "about", sign=1),
    C("minus 53 basis points", "53", "spread", (D10.close("2022-12-30") - D2.close("2022-12-30")) * 100, sign=-1)])


# N028 wrong yield level on Fed day
add("2024-09-18", "Treasury yields were mixed: the two-year note's yield fell to 3.51%, while the 10-year yield edged up to 3.70%.", [
    C("fell to 3.51%", "3.51%", "yield_level", D2.close("2024-09-18"), note="true DGS2 %.2f" % D2.close("2024-09-18")),
    C("edged up to 3.70%", "3.70%", "yield_level", D10.close("2024-09-18"))])
# N029 YTD and distance from record, 2026-08-21
i = NDX.idx("2026-08-21"); ndd = (NDX.c[i] / max(NDX.c[:i]) - 1) * 100
add("2026-08-21", "Year to date, the S&P 500 is up 12.1%, and the Russell 2000 has gained more than 25%. The Nasdaq 100, meanwhile, sits about 4% below its June 2 record.", [
    C("the S&P 500 is up 12.1%", "12.1%", "period_return", SPX.ret("2025-12-31", "2026-08-21")[0], sign=1),
    C("has gained more than 25%", "25%", "period_return", RUT.ret("2025-12-31", "2026-08-21")[0], "more", sign=1),
    C("sits about 4% below its June 2 record", "4%", "drawdown", ndd, "about", sign=-1, note="NDX close vs record close 2026-06-02")])

with open("claims-new.jsonl", "w") as fo:
    for p in P: fo.write(json.dumps(p) + "\n")
n = 0
for p in P:
    for c in p["claims"]:
        n += 1
        print(p["id"], c["verdict"][:5], c["kind"], "|", c["quote"], "|", c["true_value"])
print(len(P), "passages", n, "claims")
