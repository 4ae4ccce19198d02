import mdata as m
from collections import OrderedDict
import datetime as dt

def streaks(s, d0, d1, up=True):
    """runs of consecutive up (down) sessions whose dates lie in [d0,d1]: list of (len, start, end)"""
    runs = []; cur = None
    for d, r in s.returns_in(d0, d1):
        ok = r > 0 if up else r < 0
        if ok:
            cur = [cur[0] + 1, cur[1], d] if cur else [1, d, d]
        else:
            if cur: runs.append(tuple(cur)); cur = None
    if cur: runs.append(tuple(cur))
    return runs

def current_streak(s, asof):
    i = s.idx(asof); n = 0
    sign = None
    while i > 0:
        r = s.c[i] / s.c[i-1] - 1
        sg = r > 0
        if sign is None: sign = sg
        if sg != sign or r == 0: break
        n += 1; i -= 1
    return n, ("up" if sign else "down")

def records(s, d0, d1):
    mx = -1e18; out = []
    for d, c in zip(s.dates, s.c):
        if c > mx:
            if d0 <= d <= d1 and mx > 0: out.append((d, c))
            mx = c
    return out

def max_dd(s, d0, d1):
    """max drawdown of closes in [d0,d1] measured from the running all-time peak"""
    pk = -1; pkd = None; worst = (0, None, None, None)
    for d, c in zip(s.dates, s.c):
        if d > d1: break
        if c > pk: pk, pkd = c, d
        if d >= d0:
            dd = (c / pk - 1) * 100
            if dd < worst[0]: worst = (dd, d, pkd, pk)
    return worst

def max_dd_in(s, d0, d1):
    """peak within the window only"""
    pk = -1; pkd = None; worst = (0, None, None, None)
    for d, c in zip(s.dates, s.c):
        if d < d0 or d > d1: continue
        if c > pk: pk, pkd = c, d
        dd = (c / pk - 1) * 100
        if dd < worst[0]: worst = (dd, d, pkd, pk)
    return worst

def period_ends(s, key):
    """last close of each period key(date)->label; returns OrderedDict label->(date, close)"""
    out = OrderedDict()
    for d, c in zip(s.dates, s.c):
        out[key(d)] = (d, c)
    return out

def period_returns(s, key):
    pe = period_ends(s, key); ks = list(pe); out = []
    for a, b in zip(ks, ks[1:]):
        out.append((b, (pe[b][1] / pe[a][1] - 1) * 100, pe[a][0], pe[b][0]))
    return out

month = lambda d: d[:7]
year = lambda d: d[:4]
def week(d):
    y, w, _ = dt.date.fromisoformat(d).isocalendar(); return "%d-W%02d" % (y, w)
