import os as _os, sys as _sys
_sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "common"))
from claims_lib import *
WR = h.period_returns(SPX, h.week)
def week_since(s, d, worse=True):
    wr = WR if s is SPX else h.period_returns(s, h.week)
    w = [x for x in wr if x[3] == d][0]
    prev = [x for x in wr if x[3] < d and (x[1] <= w[1] if worse else x[1] >= w[1])]
    return prev[-1][3], "%s week ending %s %+.2f%%; last earlier week as %s: ended %s (%+.2f%%)" % (
        s.name, d, w[1], "bad or worse" if worse else "good or better", prev[-1][3], prev[-1][1])
def week_streak(s, d, up=True):
    wr = h.period_returns(s, h.week); n = 0
    for x in reversed([x for x in wr if x[3] <= d]):
        if (x[1] > 0) == up: n += 1
        else: break
    return n
def hi(s, d): return s.h[s.dates.index(d)]
