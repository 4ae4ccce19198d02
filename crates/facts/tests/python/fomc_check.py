"""Fed decisions of crates/facts/tests/real_data.rs from the raw files
(formerly /tmp/fomc_check.py and part of exp3.py).

1. Every change of FRED's target range (rates.csv DFEDTARL/DFEDTARU) with
   its announcement: the latest date of crates/model/fomc.toml (the Fed's
   meeting calendars) on or up to 3 days before the day FRED shows the new
   range. Checks that each is the day before, or the day itself.
2. Every kind=statement row of statements.csv: the range it names (the
   first "X to Y percent" after "target range for the federal funds rate")
   against FRED's range on the first date after the statement.

    python3 crates/facts/tests/python/fomc_check.py
"""
import csv, os, re, sys
from datetime import date, timedelta
from mdata import d, path, rate

csv.field_size_limit(sys.maxsize)
HERE = os.path.dirname(os.path.abspath(__file__))
CAL = sorted(date.fromisoformat(x) for x in re.findall(
    r'"(\d{4}-\d{2}-\d{2})"', open(os.path.join(HERE, '../../../model/fomc.toml')).read()))


def changes():
    up, lo = dict(rate('DFEDTARU')), dict(rate('DFEDTARL'))
    days = sorted(set(up) & set(lo))
    out = []
    for a, b in zip(days, days[1:]):
        if (up[a], lo[a]) != (up[b], lo[b]):
            near = [x for x in CAL if b - timedelta(days=3) <= x <= b]
            out.append((b, near[-1] if near else None, (up[b] - up[a]) * 100, lo[b], up[b]))
    return days[0], out


def number(tok):
    parts = [p for p in re.split(r'[^0-9/]+', tok) if p]
    total = 0.0
    for p in parts:
        if '/' in p:
            n, q = p.split('/')
            total += int(n) / int(q)
        else:
            total += int(p)
    return total if 1 <= len(parts) <= 2 else None


def statement_range(body):
    at = body.lower().find('target range for the federal funds rate')
    if at < 0:
        return None
    toks = body[at:].split()
    for k in range(3, len(toks)):
        if re.sub(r'\W', '', toks[k]).lower() == 'percent' and toks[k - 2].lower() == 'to':
            return number(toks[k - 3]), number(toks[k - 1])
    return None


if __name__ == '__main__':
    first, ch = changes()
    print('range from %s; %d changes' % (first, len(ch)))
    for eff, ann, bp, lo, hi in ch:
        lag = (eff - ann).days if ann else None
        print('  effective %s announced %s (%s) %+.0f bp to %.2f-%.2f' % (
            eff, ann, {0: 'same day', 1: 'day before'}.get(lag, 'NOT IN CALENDAR'), bp, lo, hi))
    for y0, y1 in [('2025-01-01', '2025-12-31'), ('2022-01-01', '2022-12-31'), ('2015-01-01', '2016-12-31'),
                   ('2020-03-01', '2020-03-31')]:
        w = [c for c in ch if d(y0) <= c[1] <= d(y1)]
        print('%s..%s: %d decisions, %d cuts, %d hikes, net %+.0f bp: %s' % (
            y0, y1, len(w), sum(c[2] < 0 for c in w), sum(c[2] > 0 for c in w), sum(c[2] for c in w),
            ', '.join('%s %+.0f' % (c[1], c[2]) for c in w)))
    cuts = [c[1] for c in ch if c[2] < 0]
    print('cut before 2025-09-17:', max(x for x in cuts if x < d('2025-09-17')))
    up, lo = rate('DFEDTARU'), rate('DFEDTARL')
    checked, none = 0, []
    with open(path('heliar-k_market-base/statements.csv'), newline='') as f:
        for row in csv.DictReader(f):
            if row['kind'] != 'statement':
                continue
            day = date(int(row['date'][:4]), int(row['date'][4:6]), int(row['date'][6:]))
            after_u = [v for x, v in up if x > day]
            after_l = [v for x, v in lo if x > day]
            if not after_u:
                continue
            r = statement_range(row['body'])
            if r is None:
                none.append(day)
                continue
            assert r == (after_l[0], after_u[0]), (day, r, after_l[0], after_u[0])
            checked += 1
    print('statements matching the next FRED range: %d; naming no range: %s' % (checked, none))
