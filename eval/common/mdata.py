"""Independent loaders for /work/shared/market-data (csv module only)."""
import csv, math, os
import os as _os
# asset_prices.csv repeats Friday's close on some weekend rows (2026-08);
# set1 was labelled with them, the later sets without.
DROP_WEEKENDS = True
D = _os.environ.get("MARKET_DATA", _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "..", "..", "shared", "market-data"))

def _ohlc(path, dcol="date", ccol="close", hcol="high", lcol="low", skip=0):
    out = {}
    with open(os.path.join(D, path)) as f:
        r = csv.reader(f)
        rows = list(r)
    hdr = rows[0]
    if skip:
        hdr = ["Date"] + hdr[1:]  # yfinance header
        rows = rows[skip:]
    else:
        rows = rows[1:]
    ix = {h: i for i, h in enumerate(hdr)}
    for row in rows:
        if not row or not row[ix[ccol]]:
            continue
        try:
            c = float(row[ix[ccol]])
        except ValueError:
            continue
        h = float(row[ix[hcol]]) if hcol in ix and row[ix[hcol]] else None
        l = float(row[ix[lcol]]) if lcol in ix and row[ix[lcol]] else None
        out[row[ix[dcol]][:10]] = (c, h, l)
    return out

def _wide(col):
    out = {}
    with open(os.path.join(D, "heliar-k_market-base/asset_prices.csv")) as f:
        for row in csv.DictReader(f):
            v = row.get(col)
            if v:
                import datetime as _dt
                if DROP_WEEKENDS and _dt.date.fromisoformat(row["date"]).weekday() >= 5:
                    continue  # weekend rows repeat Friday's close (asset_prices quirk, 2026-08)
                out[row["date"]] = (float(v), None, None)
    return out

class S:
    def __init__(self, name, data):
        self.name = name
        self.d = dict(sorted(data.items()))
        self.dates = list(self.d)
        self.c = [self.d[x][0] for x in self.dates]
        self.h = [self.d[x][1] for x in self.dates]
    def idx(self, date):  # index of last session <= date
        import bisect
        return bisect.bisect_right(self.dates, date) - 1
    def close(self, date):
        return self.d[date][0]
    def close_on_or_before(self, date):
        i = self.idx(date); return self.dates[i], self.c[i]
    def ret(self, d0, d1):
        """close at last session <= d1 over close at last session <= d0"""
        a, ca = self.close_on_or_before(d0); b, cb = self.close_on_or_before(d1)
        return (cb / ca - 1) * 100, a, ca, b, cb
    def daily(self, date):
        i = self.dates.index(date)
        return (self.c[i] / self.c[i-1] - 1) * 100, self.c[i] - self.c[i-1], self.c[i], self.dates[i-1], self.c[i-1]
    def returns_in(self, d0, d1):
        """(date, pct) for sessions d0<=date<=d1 (first uses previous close)"""
        out = []
        for i in range(1, len(self.dates)):
            if d0 <= self.dates[i] <= d1:
                out.append((self.dates[i], (self.c[i] / self.c[i-1] - 1) * 100))
        return out

def spx():
    return S("S&P 500", _ohlc("guydekowski_market-lab/GSPC.csv"))
def ixic():
    return S("Nasdaq Composite", _ohlc("heliar-k_market-base/IXIC.csv"))
def rut():
    a = _ohlc("hjyssg_tqqq-simulation/^RUT.csv", dcol="Date", ccol="Close", hcol="High", lcol="Low")
    b = _ohlc("heliar-k_market-base/RUT.csv")
    m = {k: v for k, v in a.items() if k < "2016-06-28"}
    m.update(b)
    return S("Russell 2000", m)
def ndx():
    a = _ohlc("hjyssg_tqqq-simulation/^NDX.csv", dcol="Date", ccol="Close", hcol="High", lcol="Low", skip=3)
    b = _wide("NDX")
    m = dict(a); 
    for k, v in b.items():
        if k > max(a): m[k] = v
    return S("Nasdaq 100", m)
def dji():
    return S("Dow", _wide("DJI"))
def vix():
    return S("VIX", _ohlc("guydekowski_market-lab/VIX.csv"))
def etf(t):
    return S(t, _ohlc("guydekowski_market-lab/%s.csv" % t))

def rates():
    out = {}
    with open(os.path.join(D, "heliar-k_market-base/rates.csv")) as f:
        for row in csv.DictReader(f):
            out[row["date"]] = row
    return out

def rseries(col):
    r = rates()
    return S(col, {d: (float(v[col]), None, None) for d, v in r.items() if v.get(col) not in (None, "", ".")})

def fed_changes():
    """list of (effective_date, old_upper, new_upper, new_lower) from DFEDTARU"""
    r = rates()
    prev = None; out = []
    for d in sorted(r):
        u = r[d].get("DFEDTARU"); l = r[d].get("DFEDTARL")
        if not u: continue
        u = float(u); l = float(l)
        if prev is not None and u != prev:
            out.append((d, prev, u, l))
        prev = u
    return out

def vol(rets):
    x = [r for _, r in rets]
    m = sum(x) / len(x)
    return math.sqrt(sum((v - m) ** 2 for v in x) / (len(x) - 1)) * math.sqrt(252)
