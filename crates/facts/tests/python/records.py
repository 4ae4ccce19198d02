"""Records, moving averages and levels of crates/facts/tests/real_data.rs
from the raw files (formerly the untracked exp2.py).

    python3 crates/facts/tests/python/records.py
"""
from mdata import d, gspc, rut, vix, cut


def record(name, series, day):
    s = cut(series, d(day))
    vals = [v for _, v in s]
    last = vals[-1]
    prev_max = max(vals[:-1])
    prev_at = next(x for x, v in s[:-1] if v == prev_max)
    is_rec = last > prev_max
    # The latest record up to the day (a close above every earlier one).
    best, latest = float('-inf'), None
    for i, v in enumerate(vals):
        if v > best:
            best, latest = v, i
    print('record %s %s: %.6f record=%s previous %.6f on %s; latest record %s %.6f, %d sessions ago' % (
        name, day, last, is_rec, prev_max, prev_at, s[latest][0], vals[latest], len(vals) - 1 - latest))


def moving_average(day, n=200):
    s = cut(gspc(), d(day))
    closes = [v for _, v in s]
    ma = lambda i: sum(closes[i - n + 1:i + 1]) / n
    side = lambda i: closes[i] > ma(i)
    i = len(closes) - 1
    now = side(i)
    j = i
    while j - 1 >= n - 1 and side(j - 1) == now:
        j -= 1
    k = j - 1
    while k >= n - 1 and side(k) != now:
        k -= 1
    print('ma200 ^GSPC %s: %.6f distance %.4f%% %s since %s; previous same side %s' % (
        day, ma(i), (closes[i] / ma(i) - 1) * 100, 'above' if now else 'below', s[j][0],
        s[k][0] if k >= n - 1 else None))


def level(name, series, day):
    s = cut(series, d(day))
    vals = [v for _, v in s]
    x = vals[-1]
    rank_high = 1 + sum(1 for v in vals[:-1] if v > x)
    hs = next((s[i][0] for i in range(len(s) - 2, -1, -1) if vals[i] >= x), None)
    ls = next((s[i][0] for i in range(len(s) - 2, -1, -1) if vals[i] <= x), None)
    print('level %s %s: %.4f rank_high %d of %d; highest since %s; lowest since %s' % (
        name, day, x, rank_high, len(vals), hs, ls))


if __name__ == '__main__':
    r, g = rut(), gspc()
    record('^RUT close', r, '2026-01-16')
    record('^RUT high', rut('high'), '2026-01-16')
    record('^GSPC close', g, '2026-01-16')
    record('^GSPC high', gspc('high'), '2026-01-16')
    record('^RUT close', r, '2026-01-23')
    for day in ['2025-03-10', '2026-01-16', '2022-01-21', '1987-10-19']:
        moving_average(day)
    v = vix()
    level('^VIX', v, '2020-03-16')
    level('^VIX', v, '2025-04-08')
    level('^GSPC', g, '2020-03-23')
    level('^GSPC', g, '2009-03-09')
