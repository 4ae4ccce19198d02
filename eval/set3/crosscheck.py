"""Second-copy cross-check of key values behind the labels (plain csv reads, no mdata)."""
import csv
import os
B = os.environ.get("MARKET_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "market-data")) + "/"
def load(path, dcol, ccol, extra=None):
    out = {}
    for r in csv.DictReader(open(B + path)):
        try: out[r[dcol][:10]] = float(r[ccol])
        except (ValueError, KeyError): pass
    return out
spx2 = load("heliar-k_market-base/SPX.csv", "date", "close")
spx1 = load("guydekowski_market-lab/GSPC.csv", "date", "close")
vix2 = load("datasets_finance-vix/vix-daily.csv", "DATE", "CLOSE")
vixh2 = load("datasets_finance-vix/vix-daily.csv", "DATE", "HIGH")
rutA = load("hjyssg_tqqq-simulation/^RUT.csv", "Date", "Close")
rutB = load("heliar-k_market-base/RUT.csv", "date", "close")
def pct(s, a, b): return (s[b] / s[a] - 1) * 100
print("VIX 2nd copy:", {d: vix2.get(d) for d in ["2008-09-29", "1998-10-08", "2008-10-10", "2008-10-09", "2010-05-06", "2009-05-15", "2015-08-24", "2011-10-04", "2026-03-27", "2026-03-26", "2025-04-22"]}, "high 2015-08-24", vixh2.get("2015-08-24"))
print("VIX max close before 2008-09-29:", max(v for d, v in vix2.items() if d < "2008-09-29"))
print("VIX closes >30 between 2025-04-23 and 2026-03-26:", [(d, v) for d, v in sorted(vix2.items()) if "2025-04-23" <= d <= "2026-03-26" and v > 30])
print("VIX closes >40 between 2011-10-05 and 2015-08-23:", [(d, v) for d, v in sorted(vix2.items()) if "2011-10-05" <= d <= "2015-08-23" and v > 40])
print("VIX >= 32.80 between 2009-05-16 and 2010-05-05:", [(d, v) for d, v in sorted(vix2.items()) if "2009-05-16" <= d <= "2010-05-05" and v >= 32.8])
for a, b in [("2018-12-24", "2018-12-26"), ("2020-03-23", "2020-03-24"), ("2025-05-01", "2025-05-02"), ("2026-06-01", "2026-06-02"), ("2026-07-31", "2026-08-07"), ("2024-11-01", "2024-11-08"), ("2025-12-31", "2026-04-30"), ("2026-03-31", "2026-04-30"), ("2021-12-31", "2022-12-30"), ("2020-12-31", "2021-12-31"), ("2020-02-19", "2020-03-24"), ("2025-02-19", "2025-05-02"), ("2026-01-27", "2026-03-27")]:
    print("SPX %s->%s GSPC %+.3f heliar %+.3f" % (a, b, pct(spx1, a, b), pct(spx2, a, b)))
print("heliar SPX records 2021:", end=" ")
mx = max(v for d, v in spx2.items() if d < "2021-01-01"); n = 0
for d in sorted(spx2):
    if d >= "2021-01-01" and d <= "2021-12-31" and spx2[d] > mx: n += 1
    if d <= "2021-12-31": mx = max(mx, spx2[d])
print(n)
mx = 0; n = 0
for d in sorted(spx2):
    if "2026-05-01" <= d <= "2026-05-31" and spx2[d] > mx: n += 1
    mx = max(mx, spx2[d])
print("heliar SPX records May 2026:", n)
def run(s, d, up):
    ds = sorted(x for x in s if x <= d); k = 0
    for i in range(len(ds) - 1, 0, -1):
        if (s[ds[i]] > s[ds[i - 1]]) == up and s[ds[i]] != s[ds[i - 1]]: k += 1
        else: break
    return k
print("heliar SPX runs: up 2025-05-02", run(spx2, "2025-05-02", True), "up 2026-06-02", run(spx2, "2026-06-02", True), "down 2018-12-24", run(spx2, "2018-12-24", False), "down 2019-03-08", run(spx2, "2019-03-08", False), "down 2026-03-27", run(spx2, "2026-03-27", False))
print("heliar SPX up runs >= 9 between 2025-05-03 and 2026-05-19:", [d for d in sorted(spx2) if "2025-05-03" <= d <= "2026-05-19" and run(spx2, d, True) >= 9])
for a, b in [("2018-12-24", "2018-12-26"), ("2020-03-23", "2020-03-24"), ("2020-10-30", "2020-11-30"), ("2024-06-28", "2024-07-31"), ("2024-07-10", "2024-07-11")]:
    print("RUT %s->%s hjyssg %+.3f heliar %+.3f" % (a, b, pct(rutA, a, b), pct(rutB, a, b)))
print("RUT 2024-07-11 - best since: ", [(d, round(pct(rutB, p, d), 2)) for p, d in zip(sorted(rutB), sorted(rutB)[1:]) if "2023-11-01" <= d <= "2024-07-10" and pct(rutB, p, d) >= 3.572])
print("RUT 2024-11-08 daily vs hjyssg? n/a; RUT pts 2020-03-24 heliar", rutB["2020-03-24"] - rutB["2020-03-23"], "2011-08-08 hjyssg", rutA["2011-08-08"] - rutA["2011-08-05"])
