"""Return ranks of crates/facts/tests/real_data.rs `return_ranks` from the
raw files (formerly the untracked exp4.py).

Every calendar period of the kind with a base close (the close of the last
session before it; a series' first period has none) has a return = last
close in the period / base − 1. A period is complete when its calendar end
is on or before the as-of date. Rank (best) = 1 + periods in the pool with
a strictly higher return, the pool being every complete period plus the
ranked one; "best since" = the last earlier period with a return at least
as high ("worst since": at most as low). Halves compare with halves of the
same number; year-to-date stretches cut each year at the as-of month-day.

    python3 crates/facts/tests/python/ranks.py
"""
from datetime import date
from mdata import d, gspc, rut, cut, month_end


def periods(series, as_of, kind, only_half=None, ytd=None):
    s = cut(series, as_of)
    dates = [x for x, _ in s]
    closes = [v for _, v in s]

    def key(x):
        if kind == 'month':
            return (x.year, x.month)
        if kind == 'quarter':
            return (x.year, (x.month - 1) // 3 + 1)
        if kind == 'half':
            return (x.year, 1 if x.month <= 6 else 2)
        return (x.year, 1)

    def end(k):
        y, n = k
        if kind == 'month':
            return month_end(date(y, n, 1))
        if kind == 'quarter':
            return month_end(date(y, n * 3, 1))
        if kind == 'half':
            return month_end(date(y, n * 6, 1))
        if ytd:
            return date(y, ytd[0], ytd[1])
        return date(y, 12, 31)

    out = []
    i = 0
    while i < len(dates):
        k = key(dates[i])
        j = i
        while j + 1 < len(dates) and key(dates[j + 1]) == k:
            j += 1
        last = j
        if ytd:
            stop = end(k)
            last = max((m for m in range(i, j + 1) if dates[m] <= stop), default=None)
        if i > 0 and last is not None and (only_half is None or k[1] == only_half):
            out.append((k, closes[last] / closes[i - 1] * 100 - 100, end(k) <= as_of))
        i = j + 1
    return out


def label(kind, k):
    y, n = k
    return {'month': '%d-%02d' % (y, n), 'quarter': '%d-Q%d' % (y, n), 'half': '%d-H%d' % (y, n)}.get(kind, str(y))


def rank(name, series, kind, target, as_of, only_half=None, ytd=None):
    ps = periods(series, d(as_of), kind, only_half, ytd)
    pos = next(i for i, p in enumerate(ps) if p[0] == target)
    r = ps[pos][1]
    pool = [p[1] for i, p in enumerate(ps) if p[2] or i == pos]
    best = 1 + sum(1 for x in pool if x > r)
    worst = 1 + sum(1 for x in pool if x < r)
    best_since = next((label(kind, p[0]) for p in reversed(ps[:pos]) if p[1] >= r), None)
    worst_since = next((label(kind, p[0]) for p in reversed(ps[:pos]) if p[1] <= r), None)
    print('rank %s %s %s as of %s: %.4f%% best %d worst %d of %d; best since %s; worst since %s' % (
        name, kind, label(kind, target), as_of, r, best, worst, len(pool), best_since, worst_since))


if __name__ == '__main__':
    g, r = gspc(), rut()
    rank('^GSPC', g, 'year', (1931, 1), '2026-08-21')
    rank('^GSPC', g, 'year', (2008, 1), '2026-08-21')
    rank('^GSPC', g, 'month', (1933, 4), '2026-08-21')
    rank('^GSPC', g, 'quarter', (2020, 2), '2020-06-30')
    rank('^RUT', r, 'half', (2025, 2), '2025-12-31', only_half=2)
    rank('^RUT', r, 'year', (2026, 1), '2026-01-16', ytd=(1, 16))
