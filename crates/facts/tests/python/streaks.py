"""Streak facts of crates/facts/tests/real_data.rs from the raw files
(formerly the untracked exp5.py and relstreak.py).

Relative streak of A vs B: on the sessions common to both, session k
counts when A's return from the previous common session beats B's (up) or
trails it (down). "Longest since": the last earlier run at least as long
that ended before this one began; rank = 1 + completed earlier runs
strictly longer; ties = completed earlier runs of the same length.

    python3 crates/facts/tests/python/streaks.py
"""
from mdata import d, gspc, rut, cut, runs


def grid(a, b, as_of):
    da, db = dict(cut(a, d(as_of))), dict(cut(b, d(as_of)))
    common = sorted(set(da) & set(db))
    return common, [da[x] for x in common], [db[x] for x in common]


def hits_relative(av, bv, up):
    out = [False]
    for k in range(1, len(av)):
        ra, rb = av[k] / av[k - 1], bv[k] / bv[k - 1]
        out.append(ra > rb if up else ra < rb)
    return out


def hits_absolute(v, up):
    return [False] + [(v[k] > v[k - 1]) if up else (v[k] < v[k - 1]) for k in range(1, len(v))]


def describe(label, dates, hits, a=None, b=None):
    i = len(hits) - 1
    n = 0
    while i - n > 0 and hits[i - n]:
        n += 1
    if n == 0:
        print('%s %s: 0' % (label, dates[-1]))
        return
    start = i - n + 1
    done = [r for r in runs(hits[:start])]
    since = [r for r in done if r[1] - r[0] + 1 >= n]
    rank = 1 + sum(1 for r in done if r[1] - r[0] + 1 > n)
    ties = sum(1 for r in done if r[1] - r[0] + 1 == n)
    out = '%s %s: %d from %s, base %s' % (label, dates[-1], n, dates[start], dates[start - 1])
    if since:
        s0, s1 = since[-1]
        out += '; longest since %s..%s (%d)' % (dates[s0], dates[s1], s1 - s0 + 1)
    else:
        out += '; longest on record'
    out += '; rank %d, ties %d, completed %d' % (rank, ties, len(done))
    if a is not None:
        ca = (a[i] / a[start - 1] - 1) * 100
        out += '; A %.4f%% (%.2f points)' % (ca, a[i] - a[start - 1])
        if b is not None:
            cb = (b[i] / b[start - 1] - 1) * 100
            out += ' vs B %.4f%%, spread %.4f pp' % (cb, ca - cb)
    print(out)


def count(dates, hits, min_len, frm):
    found = [(dates[s], dates[e], e - s + 1) for s, e in runs(hits)
             if e - s + 1 >= min_len and dates[e] >= d(frm)]
    print('runs >= %d ending on or after %s to %s: %d, longest %d' % (
        min_len, frm, dates[-1], len(found), max(x[2] for x in found)))
    for x in found:
        print('  %s..%s (%d sessions)' % x)


if __name__ == '__main__':
    r, g = rut(), gspc()
    for day in ['2026-01-14', '2026-01-15', '2026-01-16', '2026-01-22', '2026-01-23']:
        dates, av, bv = grid(r, g, day)
        describe('RUT beats GSPC', dates, hits_relative(av, bv, True), av, bv)
    dates, av, bv = grid(r, g, '2026-01-23')
    describe('RUT trails GSPC', dates, hits_relative(av, bv, False), av, bv)
    for frm, to in [('1987-01-01', '2026-01-16'), ('2000-01-01', '2026-01-31')]:
        dates, av, bv = grid(r, g, to)
        count(dates, hits_relative(av, bv, True), 10, frm)
    for up, day in [(True, '2025-05-02'), (False, '2008-10-09'), (False, '1929-11-13')]:
        s = cut(g, d(day))
        v = [x for _, x in s]
        describe('GSPC %s' % ('up' if up else 'down'), [x for x, _ in s], hits_absolute(v, up), v)
