import csv, json, os, re
import collections
BAD = []
import mdata as m, qhelp as h

# The id prefix of the passages ("N4" -> "N4-001"); set by each generator.
PREFIX = "N"

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
    if v != expect: BAD.append((quote, v, true, note))
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
    P.append(dict(id="%s-%03d" % (PREFIX, len(P) + 1), text=text, as_of=as_of, published=as_of, source=source, claims=claims))

