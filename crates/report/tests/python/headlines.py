"""Figures of crates/report/tests/brief.rs `headlines_say_only_what_holds_on_the_day`
(formerly the untracked /tmp/rv/dd.py), from the raw files with the readers
of crates/facts/tests/python/mdata.py (csv module only).

Drawdown = close / running maximum close - 1; a correction is -10 % or
worse, a bear market -20 % or worse, on the day itself. "Best session since
X": X is the last earlier session whose return was at least as high.

    python3 crates/report/tests/python/headlines.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../facts/tests/python'))
from mdata import d, gspc, read, merge, cut, rate


def ndx():
    return merge(read('hjyssg_tqqq-simulation/^NDX.csv', 'Close', header_rows=3),
                 read('heliar-k_market-base/asset_prices.csv', 'NDX'))


def drawdown(name, series, day):
    s = cut(series, d(day))
    peak = max(range(len(s)), key=lambda i: (s[i][1], -i))
    dd = s[-1][1] / s[peak][1] - 1
    first = lambda t: next((x for x, v in s[peak:] if v / s[peak][1] - 1 <= t), None)
    print('%s %s: close %.2f, %.6f%% below the %s peak %.2f; first at -10%%: %s, at -20%%: %s' % (
        name, day, s[-1][1], -dd * 100, s[peak][0], s[peak][1], first(-0.10), first(-0.20)))


def move(name, series, day):
    s = cut(series, d(day))
    r = [s[i][1] / s[i - 1][1] - 1 for i in range(1, len(s))]
    since = next((s[i + 1][0] for i in range(len(r) - 2, -1, -1) if r[i] >= r[-1]), None)
    print('%s %s: %+.4f%%, best since %s' % (name, day, r[-1] * 100, since))


if __name__ == '__main__':
    n, g = ndx(), gspc()
    drawdown('^NDX', n, '2026-08-04')
    drawdown('^GSPC', g, '2008-07-10')
    drawdown('^GSPC', g, '2008-07-17')
    move('^GSPC', g, '2026-08-04')
    move('^GSPC', g, '2008-07-10')
    move('^GSPC', g, '2008-07-17')
    up, lo = dict(rate('DFEDTARU')), dict(rate('DFEDTARL'))
    for x in ['2022-06-15', '2022-06-16']:
        print('target range on %s: %.2f-%.2f' % (x, lo[d(x)], up[d(x)]))
