"""Expected scan figures of crates/scan/tests/real.rs (XLK against the S&P
500) and crates/cli/tests/scan.rs (the S&P 500 as of 2026-08-21), from the
raw files with the csv module and plain loops, straight from the
definitions of docs/methods.md "Scan methods" (runs listed explicitly,
records by a running maximum, statistics.stdev for the volatility).

    python3 crates/scan/tests/python/scan_expected.py
"""
import csv, os, statistics

D = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                  '../../../../../shared/market-data'))


def date_close(rel):
    with open(os.path.join(D, rel), newline='') as f:
        rows = list(csv.reader(f))
    low = [h.strip().lower() for h in rows[0]]
    di, ci = low.index('date'), low.index('close')
    return [(r[di][:10], float(r[ci])) for r in rows[1:] if r and r[ci].strip()]


def sign(x):
    return (x > 0) - (x < 0)


def streak(rets):
    """(signed length, sessions since the end of the last earlier run in
    the same direction at least as long, or None)."""
    if not rets or sign(rets[-1]) == 0:
        return 0, None
    s = sign(rets[-1])
    n = 0
    while n < len(rets) and sign(rets[-1 - n]) == s:
        n += 1
    start = len(rets) - n
    runs, k = [], 0
    while k < start:
        if sign(rets[k]) == s:
            j = k
            while j + 1 < start and sign(rets[j + 1]) == s:
                j += 1
            runs.append((k, j))
            k = j + 1
        else:
            k += 1
    longer = [r for r in runs if r[1] - r[0] + 1 >= n]
    since = (len(rets) - 1 - longer[-1][1]) if longer else None
    return s * n, since


def metrics(name, series, bench=None):
    dates = [x for x, _ in series]
    c = [v for _, v in series]
    rets = [c[i] / c[i - 1] - 1 for i in range(1, len(c))]
    year = dates[-1][:4]
    prior = [v for x, v in series if x[:4] < year]
    run_max, last_rec = float('-inf'), 0
    for i, v in enumerate(c):
        if v > run_max:
            run_max, last_rec = v, i
    print('%s: sessions %d, last %s close %r' % (name, len(c), dates[-1], c[-1]))
    print('  return_1d %r, return_1m %r, return_ytd %r' % (
        rets[-1], c[-1] / c[-22] - 1, c[-1] / prior[-1] - 1 if prior else None))
    print('  streak %s' % (streak(rets),))
    if bench is not None:
        b = dict(bench)
        common = [(x, v, b[x]) for x, v in series if x in b]
        rel = [(common[i][1] / common[i - 1][1]) - (common[i][2] / common[i - 1][2])
               for i in range(1, len(common))]
        print('  relative streak %s over %d returns' % (streak(rel), len(rel)))
    print('  record close %s, sessions since record %d (record %s)' % (
        last_rec == len(c) - 1 and len(c) > 1, len(c) - 1 - last_rec, dates[last_rec]))
    print('  drawdown %r' % (c[-1] / max(c) - 1))
    print('  volatility_20d %r' % statistics.stdev(rets[-20:]))
    print('  sma200_gap %r' % (c[-1] / (sum(c[-200:]) / 200) - 1))


if __name__ == '__main__':
    gspc = date_close('guydekowski_market-lab/GSPC.csv')
    metrics('XLK (dsturdy) vs ^GSPC', date_close('dsturdy_factor-attribution/XLK.csv'), gspc)
    metrics('^GSPC (guydekowski) vs itself', gspc, gspc)
