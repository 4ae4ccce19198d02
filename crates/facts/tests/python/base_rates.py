"""Base rates of crates/facts/tests/real_data.rs from the raw files
(formerly part of the untracked exp3.py).

Monthly returns in percent of A and B on their common months (a month
counts once it ended and, for Ken French's files, was published: 30 days
after its end). Every window of N x 12 consecutive months compounds A and
B; the value is the share of windows where A compounded more.
mean_window_diff = mean over windows of A's minus B's annualised return;
arithmetic = mean monthly A - B, x 12; geometric = A's minus B's
annualised compound return over the whole span. Daily closes become
monthly returns from month-end closes.

    python3 crates/facts/tests/python/base_rates.py
"""
from datetime import date
from mdata import d, gspc, rut, french, known, cut


def stats(label, a, b, years=10, frm=None):
    da, db = dict(a), dict(b)
    months = sorted(set(da) & set(db))
    if frm:
        months = [m for m in months if m >= d(frm)]
    n = years * 12
    wins, diffs = 0, []
    for i in range(len(months) - n + 1):
        w = months[i:i + n]
        ga = gb = 1.0
        for m in w:
            ga *= 1 + da[m] / 100
            gb *= 1 + db[m] / 100
        wins += ga > gb
        diffs.append((ga ** (12 / n) - gb ** (12 / n)) * 100)
    ga = gb = 1.0
    for m in months:
        ga *= 1 + da[m] / 100
        gb *= 1 + db[m] / 100
    ann_a = (ga ** (12 / len(months)) - 1) * 100
    ann_b = (gb ** (12 / len(months)) - 1) * 100
    arith = sum(da[m] - db[m] for m in months) / len(months) * 12
    print('%s: months %d (from %s) windows %d wins %d = %.6f%%; mean window diff %.6f; arithmetic %.6f; geometric %.6f (A %.6f, B %.6f)' % (
        label, len(months), months[0], len(diffs), wins, wins / len(diffs) * 100,
        sum(diffs) / len(diffs), arith, ann_a - ann_b, ann_a, ann_b))


def monthly_from_daily(series):
    """{first of month: return %} from month-end closes."""
    ends = {}
    for x, v in series:
        ends[(x.year, x.month)] = v
    keys = sorted(ends)
    return [(date(y, m, 1), (ends[(y, m)] / ends[keys[i - 1]] - 1) * 100)
            for i, (y, m) in enumerate(keys) if i > 0]


if __name__ == '__main__':
    as_of = d('2024-12-31')
    ff = lambda col: known(french('Portfolios_Formed_on_ME.CSV', col), as_of, lag_days=30, monthly=True)
    stats('Lo 30 vs Hi 30 as of 2024-12-31', ff('Lo 30'), ff('Hi 30'))
    stats('Lo 30 vs Hi 30 since 1927', ff('Lo 30'), ff('Hi 30'), frm='1927-01-01')
    stats('Lo 10 vs Hi 10', ff('Lo 10'), ff('Hi 10'))
    as_of = d('2026-01-16')
    complete = lambda s: known(monthly_from_daily(cut(s, as_of)), as_of, monthly=True)
    stats('^RUT vs ^GSPC as of 2026-01-16', complete(rut()), complete(gspc()))
