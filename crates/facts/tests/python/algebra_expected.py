"""Independent computation of the query algebra's real-data expectations.

Plain Python 3 (csv module only), reading the raw files in
../shared/market-data with the registry's source priority (first listed wins
on a date; a weekday series drops its rare weekend rows, as the store does).
It does not translate the Rust code: each figure is computed the direct way
(a loop over closes, a running maximum, a scan for runs). Run from anywhere:
    python3 crates/facts/tests/python/algebra_expected.py
The numbers it prints are hard-coded in crates/facts/tests/algebra.rs.
"""
import csv, datetime, math, os

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../../shared/market-data/')
AS_OF = '2026-08-21'


def read(path, datecol, col):
    out = {}
    with open(D + path) as f:
        for row in csv.DictReader(f):
            v = (row.get(col) or '').strip()
            if v in ('', '.', 'null'):
                continue
            out[row[datecol][:10]] = float(v)
    return out


def merge(*srcs):
    """First source wins on a date; weekend rows dropped when they are rare."""
    out = {}
    for s in reversed(srcs):
        out.update(s)
    weekend = [d for d in out if datetime.date.fromisoformat(d).weekday() >= 5]
    if weekend and len(weekend) <= 0.02 * len(out):
        for d in weekend:
            del out[d]
    return sorted(out.items())


def gspc(col='close'):
    srcs = [read('guydekowski_market-lab/GSPC.csv', 'date', col),
            read('heliar-k_market-base/SPX.csv', 'date', col)]
    if col == 'close':
        srcs.append(read('heliar-k_market-base/asset_prices.csv', 'date', 'SPX'))
    return merge(*srcs)


def rut(col='Close'):
    srcs = [read('hjyssg_tqqq-simulation/^RUT.csv', 'Date', col),
            read('heliar-k_market-base/RUT.csv', 'date', col.lower())]
    if col == 'Close':
        srcs.append(read('heliar-k_market-base/asset_prices.csv', 'date', 'RUT'))
    return merge(*srcs)


def vix():
    return merge(read('guydekowski_market-lab/VIX.csv', 'date', 'close'),
                 read('datasets_finance-vix/vix-daily.csv', 'DATE', 'CLOSE'))


def rate(col):
    return merge(read('heliar-k_market-base/rates.csv', 'date', col))


def cut(s, as_of=AS_OF):
    return [(d, v) for d, v in s if d <= as_of]


def daily(s):
    """(date, return in percent) for every session after the first."""
    return [(s[i][0], (s[i][1] / s[i - 1][1] - 1) * 100) for i in range(1, len(s))]


def inside(rows, a, b):
    return [(d, v) for d, v in rows if a <= d <= b]


def runs(flags):
    """Maximal runs of True in a list of (date, bool): (start, end, length)."""
    out, start, n = [], None, 0
    for k, (d, f) in enumerate(flags):
        if f:
            if start is None:
                start, n = d, 0
            n += 1
            end = d
        elif start is not None:
            out.append((start, end, n))
            start = None
    if start is not None:
        out.append((start, end, n))
    return out


def longest(rs):
    best = None
    for r in rs:
        if best is None or r[2] > best[2]:
            best = r
    return best


def period_return(s, a, b):
    """Last close on or before b over the last close before a, minus 1, in %."""
    base = [v for d, v in s if d < a][-1]
    end = [(d, v) for d, v in s if d <= b][-1]
    return (end[1] / base - 1) * 100, [d for d, _ in s if d < a][-1], end[0]


def records(s):
    """Dates whose value is above every earlier value (the first counts)."""
    out, best = [], -math.inf
    for d, v in s:
        if v > best:
            out.append(d)
        best = max(best, v)
    return out


def show(*a):
    print(*a)


def main():
    g = cut(gspc())
    gr = daily(g)

    show('== S&P 500 (^GSPC), as of', AS_OF)
    y22 = inside(g, '2022-01-01', '2022-12-31')
    hi = max(y22, key=lambda x: x[1]); lo = min(y22, key=lambda x: x[1])
    show('max close 2022', hi, 'min close 2022', lo)
    show('days |ret| > 2% in 2022', sum(1 for d, r in gr if d[:4] == '2022' and abs(r) > 2))
    worst = min(inside(gr, '2022-01-01', '2022-12-31'), key=lambda x: x[1])
    show('worst day 2022 %.6f' % worst[1], worst[0])
    rec = records(g)
    show('record closes in 2025', sum(1 for d in rec if d[:4] == '2025'))
    rech = records(cut(gspc('high')))
    show('record intraday highs in 2025', sum(1 for d in rech if d[:4] == '2025'))
    down = [(d, r < 0) for d, r in gr]
    up = [(d, r > 0) for d, r in gr]
    show('longest down run ever', longest(runs(down)))
    # In a window, runs are clipped to it.
    show('longest up run since 1995-01-01 (clipped)',
         longest(runs([x for x in up if x[0] >= '1995-01-01'])))
    show('last session with ret <= -5%', [d for d, r in gr if r <= -5][-1])
    last_big = [(d, r) for d, r in gr if abs(r) > 5][-1]
    show('last session with |ret| > 5%% %s %.6f' % last_big)

    # Drawdown within 2008: from the running (all-time) peak, and from 2008's own peak.
    peak, trough = None, None
    run_max = -math.inf
    for d, v in g:
        if v > run_max:
            run_max, peak_d = v, d
        if '2008-01-01' <= d <= '2008-12-31':
            dd = (v / run_max - 1) * 100
            if trough is None or dd < trough[1]:
                trough = (d, dd, peak_d, run_max)
    show('2008 trough from the running peak %.6f' % trough[1], trough[0], 'peak', trough[2], trough[3])
    w = inside(g, '2008-01-01', '2008-12-31')
    best, pk = None, w[0]
    for d, v in w:
        if v > pk[1]:
            pk = (d, v)
        dd = (v / pk[1] - 1) * 100
        if best is None or dd < best[0]:
            best = (dd, pk[0], d)
    show("2008 trough from 2008's own peak %.6f" % best[0], 'peak', best[1], 'trough', best[2])

    show('return 2022 %.6f base %s end %s' % period_return(g, '2022-01-01', '2022-12-31'))
    show('return 2025-Q1 %.6f base %s end %s' % period_return(g, '2025-01-01', '2025-03-31'))
    show('return 2020-03 %.6f base %s end %s' % period_return(g, '2020-03-01', '2020-03-31'))
    show('return 2022-H1 %.6f base %s end %s' % period_return(g, '2022-01-01', '2022-06-30'))
    show('return since 2020-03-23 %.6f base %s end %s' % period_return(g, '2020-03-23', AS_OF))
    show('return YTD 2026 %.6f base %s end %s' % period_return(g, '2026-01-01', AS_OF))
    show('return last 20 sessions %.6f base %s end %s'
         % ((g[-1][1] / g[-21][1] - 1) * 100, g[-21][0], g[-1][0]))

    # Rank of 2020-03-16's return among all daily returns to that day
    # (1 = lowest; ties count against it).
    upto = [r for d, r in gr if d <= '2020-03-16']
    x = dict(gr)['2020-03-16']
    show('2020-03-16 return %.6f rank among %d: %d' % (x, len(upto), sum(1 for r in upto if r <= x)))

    # "Since": the last earlier value at least as extreme.
    def since(rows, day, highest):
        i = [d for d, _ in rows].index(day)
        x = rows[i][1]
        for d, v in reversed(rows[:i]):
            if (v >= x if highest else v <= x):
                return d, v, x
        return None, None, x
    show('2025-04-09 daily gain %.6f, highest since' % since(gr, '2025-04-09', True)[2],
         since(gr, '2025-04-09', True)[:2])
    show('2022-10-12 close lowest since', since(g, '2022-10-12', False))
    # Monthly returns: each month's last close over the previous month's last close.
    ends = {}
    for d, v in cut(g, '2020-03-31'):
        ends[d[:7]] = (d, v)
    months = sorted(ends.values())
    mret = [(months[k][0], (months[k][1] / months[k - 1][1] - 1) * 100) for k in range(1, len(months))]
    show('March 2020 monthly return %.6f, lowest since' % mret[-1][1], since(mret, mret[-1][0], False)[:2])
    show('2022-10-12 close vs 2022 high %.6f' % ((dict(g)['2022-10-12'] / hi[1] - 1) * 100))
    rs = [r / 100 for d, r in gr if d[:4] == '2022']
    m = sum(rs) / len(rs)
    sd = math.sqrt(sum((r - m) ** 2 for r in rs) / (len(rs) - 1)) * 100
    show('2022 vol: sample sd of daily returns %.6f, annualised %.6f (n=%d)' % (sd, sd * math.sqrt(252), len(rs)))

    show('== Russell 2000 (^RUT)')
    r = cut(rut())
    rr = daily(r)
    show('record closes 2026-01-01..%s' % AS_OF, sum(1 for d in records(r) if d >= '2026-01-01'))
    show('longest up run in 2024', longest(runs([(d, x > 0) for d, x in rr if d[:4] == '2024'])))
    show('return 2024-06-01..2024-08-31 %.6f base %s end %s' % period_return(r, '2024-06-01', '2024-08-31'))

    show('== Russell 2000 relative to the S&P 500 (common sessions)')
    gd, rd = dict(g), dict(r)
    common = sorted(set(gd) & set(rd))
    rel = [(common[k], rd[common[k]] / rd[common[k - 1]] - 1 > gd[common[k]] / gd[common[k - 1]] - 1)
           for k in range(1, len(common))]
    show('longest relative up run since 2000-01-01 (clipped)',
         longest(runs([x for x in rel if x[0] >= '2000-01-01'])))
    upto = [x for x in rel if x[0] <= '2026-01-16']
    rsn = runs(upto)
    cur = rsn[-1]
    before = [x for x in rsn[:-1] if x[2] >= cur[2]]
    show('relative run on 2026-01-16', cur, 'longest since', before[-1])
    ra = period_return([(d, rd[d]) for d in common], '2025-01-01', '2025-12-31')
    ga = period_return([(d, gd[d]) for d in common], '2025-01-01', '2025-12-31')
    show('2025 returns RUT %.6f GSPC %.6f spread %.6f' % (ra[0], ga[0], ra[0] - ga[0]))

    show('== VIX')
    v = cut(vix())
    show('lowest close ever', min(v, key=lambda x: x[1]))

    show('== 10-year minus 2-year Treasury yield (common dates)')
    t10, t2 = dict(cut(rate('DGS10'))), dict(cut(rate('DGS2')))
    sp = sorted((d, t10[d] - t2[d]) for d in set(t10) & set(t2))
    show('spread on 2024-08-30 %.6f' % dict(sp)['2024-08-30'])
    m23 = min(inside(sp, '2023-01-01', '2023-12-31'), key=lambda x: x[1])
    show('min spread 2023 %.6f' % m23[1], m23[0])
    show('last date with the spread below 0', [d for d, x in sp if x < 0][-1])

    show('== 10-year yield, weekly changes (ISO weeks, dated at their last observation)')
    y = cut(rate('DGS10'))
    weeks = {}
    for d, x in y:
        iso = datetime.date.fromisoformat(d).isocalendar()
        weeks[(iso[0], iso[1])] = (d, x)
    wk = sorted(weeks.values())
    wchg = [(wk[k][0], wk[k][1] - wk[k - 1][1]) for k in range(1, len(wk))]
    show('longest run of weekly rises', longest(runs([(d, c > 0) for d, c in wchg])))
    show('longest run of weekly rises in 2024 (clipped)',
         longest(runs([(d, c > 0) for d, c in wchg if d[:4] == '2024'])))


if __name__ == '__main__':
    main()
