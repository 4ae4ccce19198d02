"""Price facts of crates/facts/tests/real_data.rs (daily moves, the gap,
period returns, volatility, drawdowns) from the raw files.

    python3 crates/facts/tests/python/prices.py
(Kept derivation; formerly the untracked exp1.py.)
"""
import math, statistics
from mdata import d, gspc, rut, cut, read


def daily_move(series, day):
    s = cut(series, d(day))
    closes = [v for _, v in s]
    dates = [x for x, _ in s]
    assert dates[-1] == d(day), day
    r = [closes[i] / closes[i - 1] - 1 for i in range(1, len(closes))]
    x = r[-1]
    if x < 0:
        pool = [y for y in r if y < 0]
        rank = 1 + sum(1 for y in pool if y < x)
        since = next((dates[i + 1] for i in range(len(r) - 2, -1, -1) if r[i] <= x), None)
        word = 'worst_since'
    else:
        pool = [y for y in r if y > 0]
        rank = 1 + sum(1 for y in pool if y > x)
        since = next((dates[i + 1] for i in range(len(r) - 2, -1, -1) if r[i] >= x), None)
        word = 'best_since'
    print('move ^GSPC %s: %.4f%% points %.4f rank %d of %d %s %s' % (
        day, x * 100, closes[-1] - closes[-2], rank, len(pool), word, since))


def gap(day):
    opens = dict(gspc('open'))
    closes = cut(gspc(), d(day))
    prev_date, prev = closes[-2]
    o = opens[d(day)]
    print('gap ^GSPC %s: open %.2f previous close %.2f on %s -> %.4f%%' % (
        day, o, prev, prev_date, (o / prev - 1) * 100))


def period_return(name, series, frm, to, as_of):
    s = cut(series, min(d(to), d(as_of)))
    base = [(x, v) for x, v in s if x < d(frm)][-1]
    end = s[-1]
    print('return %s %s..%s: base %s %.2f -> %s %.2f = %.4f%% (%.4f points)' % (
        name, frm, to, base[0], base[1], end[0], end[1], (end[1] / base[1] - 1) * 100, end[1] - base[1]))


def volatility(frm, to, annualised, sample):
    s = cut(gspc(), d(to))
    base = [i for i, (x, _) in enumerate(s) if x < d(frm)][-1]
    closes = [v for _, v in s[base:]]
    r = [closes[i] / closes[i - 1] - 1 for i in range(1, len(closes))]
    sd = (statistics.stdev(r) if sample else statistics.pstdev(r)) * 100
    if annualised:
        sd *= math.sqrt(252)
    print('volatility ^GSPC %s..%s annualised=%s sample=%s: %.6f%% over %d returns' % (
        frm, to, annualised, sample, sd, len(r)))


def drawdown(day):
    s = cut(gspc(), d(day))
    peak = max(range(len(s)), key=lambda i: (s[i][1], -i))
    after = s[peak:]
    corr = next((x for x, v in after if v / s[peak][1] - 1 <= -0.10), None)
    bear = next((x for x, v in after if v / s[peak][1] - 1 <= -0.20), None)
    print('drawdown ^GSPC %s: %.4f%% peak %s %.2f correction %s bear %s' % (
        day, (s[-1][1] / s[peak][1] - 1) * 100, s[peak][0], s[peak][1], corr, bear))


if __name__ == '__main__':
    g = gspc()
    for day in ['1987-10-19', '2008-10-15', '2008-10-13', '2020-03-16', '1933-03-15', '2025-04-09']:
        daily_move(g, day)
    gap('2020-03-16')
    r = rut()
    period_return('^RUT', r, '2026-01-01', '2026-01-16', '2026-01-16')
    period_return('^RUT', r, '2025-12-01', '2026-01-16', '2026-01-16')
    period_return('^GSPC', g, '1931-01-01', '1931-12-31', '1932-06-30')
    period_return('^GSPC', g, '2008-01-01', '2008-12-31', '2026-01-16')
    period_return('^GSPC', g, '2025-01-01', '2025-06-30', '2025-12-31')
    volatility('2008-01-01', '2008-12-31', True, True)
    volatility('2020-03-01', '2020-03-31', False, False)
    volatility('1932-01-01', '1932-12-31', True, True)
    for day in ['2009-03-09', '2020-03-23', '1932-06-01', '2026-01-16']:
        drawdown(day)
