"""Independent computation of the facts crate's real-data expectations.

Plain Python 3 + csv, reading the raw files in ../shared/market-data with the
registry's source priority (first listed wins on a date). Run from anywhere:
    python3 crates/facts/tests/python/expected.py
The numbers it prints are hard-coded in crates/facts/tests/real_data.rs.
"""
import csv, os, statistics

D = os.path.join(os.path.dirname(__file__), '../../../../../shared/market-data/')

def read(path, datecol, col):
    out = {}
    with open(D + path) as f:
        for row in csv.DictReader(f):
            v = row.get(col, '')
            if v in ('', None, 'null'):
                continue
            out[row[datecol][:10]] = float(v)
    return out

def merge(*srcs):
    out = {}
    for s in reversed(srcs):
        out.update(s)
    return sorted(out.items())

def gspc():
    return merge(read('guydekowski_market-lab/GSPC.csv', 'date', 'close'),
                 read('heliar-k_market-base/SPX.csv', 'date', 'close'),
                 read('heliar-k_market-base/asset_prices.csv', 'date', 'SPX'))

def rut():
    return merge(read('hjyssg_tqqq-simulation/^RUT.csv', 'Date', 'Close'),
                 read('heliar-k_market-base/RUT.csv', 'date', 'close'),
                 read('heliar-k_market-base/asset_prices.csv', 'date', 'RUT'))

def cut(series, as_of):
    return [(d, v) for d, v in series if d <= as_of]

def relative_streak(as_of):
    g = dict(cut(gspc(), as_of)); r = dict(cut(rut(), as_of))
    common = sorted(set(g) & set(r))
    hits = [False] + [r[common[k]] / r[common[k-1]] > g[common[k]] / g[common[k-1]]
                      for k in range(1, len(common))]
    i = len(common) - 1; n = 0
    while i - n > 0 and hits[i - n]:
        n += 1
    start = i - n + 1
    runs, s = [], None
    for k, h in enumerate(hits[:start]):
        if h and s is None: s = k
        if not h and s is not None: runs.append((s, k - 1)); s = None
    if s is not None: runs.append((s, start - 1))
    since = [x for x in runs if x[1] - x[0] + 1 >= n]
    base = common[start - 1]
    print('relative streak', as_of, 'len', n, 'start', common[start], 'base', base,
          'RUT %.4f%%' % ((r[common[i]] / r[base] - 1) * 100),
          'longest since', (common[since[-1][0]], common[since[-1][1]]) if since else None)

def forward(closes, occ, horizons=(21, 63, 126, 252)):
    for h in horizons:
        rs = [(closes[i + h] / closes[i] - 1) * 100 for i in occ if i + h < len(closes)]
        if rs:
            print('  h', h, 'n', len(rs), 'mean %.6f' % (sum(rs) / len(rs)),
                  'median %.6f' % statistics.median(rs),
                  'hit %.6f' % (sum(1 for x in rs if x > 0) / len(rs) * 100))

def event_daily_move(as_of, pct):
    s = cut(gspc(), as_of); c = [v for _, v in s]; d = [x for x, _ in s]
    occ = [i for i in range(1, len(c) - 1) if (c[i] / c[i-1] - 1) * 100 <= pct]
    print('event GSPC daily move <=', pct, as_of, 'n', len(occ), 'first', d[occ[0]], 'last', d[occ[-1]])
    forward(c, occ)

def event_relative_streak(as_of, min_len):
    g = dict(cut(gspc(), as_of)); rs = cut(rut(), as_of); r = dict(rs)
    common = sorted(set(g) & set(r))
    hits = [False] + [r[common[k]] / r[common[k-1]] > g[common[k]] / g[common[k-1]]
                      for k in range(1, len(common))]
    e = len(hits) - 1; n = 0
    while e - n > 0 and hits[e - n]:
        n += 1
    current_start = e - n + 1
    occ_dates, run = [], 0
    for k, h in enumerate(hits):
        run = run + 1 if h else 0
        if run == min_len and k < current_start:
            occ_dates.append(common[k])
    rd = [x for x, _ in rs]; rc = [v for _, v in rs]
    occ = [rd.index(x) for x in occ_dates]
    print('event RUT beats GSPC', min_len, 'sessions', as_of, 'n', len(occ), occ_dates)
    forward(rc, occ)

if __name__ == '__main__':
    for day in ['2026-01-14', '2026-01-15', '2026-01-16', '2026-01-22']:
        relative_streak(day)
    event_daily_move('2026-01-16', -7.0)
    event_relative_streak('2026-01-16', 10)
