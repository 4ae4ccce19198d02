"""Independent check of the event studies (`event_study.forward`,
`event_study.january`) and of `move.extreme`, from the raw CSVs.

Plain Python 3 + csv. Consolidation as the brief states: ^RUT close =
hjyssg_tqqq-simulation/^RUT.csv through 2024-08-02, then
heliar-k_market-base/RUT.csv; ^GSPC = guydekowski_market-lab/GSPC.csv;
FF_ME_LO30 = talezadeh_ff-size/Portfolios_Formed_on_ME.CSV "Lo 30" (first,
value-weighted block; monthly returns in percent, compounded into an index).
Run from anywhere:
    python3 crates/facts/tests/python/event_study.py
The numbers it prints are hard-coded in crates/facts/tests/real_data.rs.

It also computes the streak study with the "run end" event date that
crates/ask used (event = a completed run's last session) to show why it
was dropped: the session after the event is, by construction, never a hit.
"""
import csv, os, statistics
from datetime import date

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../../shared/market-data/')
AS_OF = '2026-01-16'
H = (21, 63, 126, 252)

def read(path, datecol, col):
    out = {}
    with open(D + path) as f:
        for row in csv.DictReader(f):
            v = row.get(col, '')
            if v in ('', None, 'null'):
                continue
            out[row[datecol][:10]] = float(v)
    return out

def gspc():
    return sorted(read('guydekowski_market-lab/GSPC.csv', 'date', 'close').items())

def rut():
    a = {k: v for k, v in read('hjyssg_tqqq-simulation/^RUT.csv', 'Date', 'Close').items() if k <= '2024-08-02'}
    b = {k: v for k, v in read('heliar-k_market-base/RUT.csv', 'date', 'close').items() if k > '2024-08-02'}
    a.update(b)
    return sorted(a.items())

def ff_lo30():
    out = []
    with open(D + 'talezadeh_ff-size/Portfolios_Formed_on_ME.CSV') as f:
        rows = list(csv.reader(f))
    ci = [h.strip() for h in rows[0]].index('Lo 30')
    for row in rows[1:]:
        if not row or len(row[0].strip()) != 6 or not row[0].strip().isdigit():
            break
        out.append(('%s-%s-01' % (row[0][:4], row[0][4:6]), float(row[ci])))
    return out

def cut(s, as_of=AS_OF):
    return [x for x in s if x[0] <= as_of]

def fwd(c, i, h):
    return (c[i + h] / c[i] - 1) * 100 if i + h < len(c) else None

def stats(c, occ, label):
    for h in H:
        rs = [x for x in (fwd(c, i, h) for i in occ) if x is not None]
        if rs:
            print('  %s h%-3d n %4d mean %.6f median %.6f hit %.6f' % (
                label, h, len(rs), sum(rs) / len(rs), statistics.median(rs),
                sum(1 for x in rs if x > 0) / len(rs) * 100))

def study(name, d, c, occ):
    """Occurrences exclude the as-of session (the current one)."""
    occ = [i for i in occ if i < len(c) - 1]
    print(name, 'n', len(occ), 'first', d[occ[0]], 'last', d[occ[-1]])
    stats(c, occ, 'occ')
    for h in H:
        x = fwd(c, occ[-1], h)
        if x is not None:
            print('  last h%d %.6f' % (h, x))
    return occ

def baseline(c):
    stats(c, list(range(len(c))), 'all')

def runs(hits):
    out, s = [], None
    for i, h in enumerate(hits):
        if h and s is None: s = i
        if not h and s is not None: out.append((s, i - 1)); s = None
    if s is not None: out.append((s, len(hits) - 1))
    return out

def relative_streak_study(min_len):
    a = cut(rut()); g = dict(cut(gspc())); r = dict(a)
    common = sorted(set(g) & set(r))
    hits = [False] + [r[common[k]] / r[common[k-1]] > g[common[k]] / g[common[k-1]]
                      for k in range(1, len(common))]
    rs = runs(hits)
    last = len(hits) - 1
    done = [x for x in rs if x[1] != last and x[1] - x[0] + 1 >= min_len]
    cur = [x for x in rs if x[1] == last]
    d = [x for x, _ in a]; c = [v for _, v in a]
    reach = [d.index(common[s + min_len - 1]) for s, _ in done]
    print('relative streak RUT>GSPC >=', min_len, 'runs', [(common[s], common[e], e - s + 1) for s, e in done])
    print('  longest', max(done, key=lambda x: x[1] - x[0]) and [(common[s], common[e], e - s + 1) for s, e in [max(done, key=lambda x: (x[1] - x[0], -x[0]))]])
    if cur and cur[0][1] - cur[0][0] + 1 >= min_len:
        s, e = cur[0]
        print('  ongoing start', common[s], 'len', e - s + 1, 'reached', common[s + min_len - 1])
    study('  [reach] RUT beat GSPC %d sessions' % min_len, d, c, reach)
    ends = [d.index(common[e]) for _, e in done]
    study('  [run end, as ask had it]', d, c, ends)
    # The session after a run's end is never a hit: RUT's return <= GSPC's.
    nxt = [(r[common[e + 1]] / r[common[e]]) - (g[common[e + 1]] / g[common[e]]) for _, e in done]
    print('  RUT minus GSPC return on the session after each run end (all <= 0):', ['%.4f%%' % (x * 100) for x in nxt])
    baseline(c)

def daily_move_study(name, s, pct):
    s = cut(s); d = [x for x, _ in s]; c = [v for _, v in s]
    occ = [i for i in range(1, len(c)) if ((c[i] / c[i-1] - 1) * 100 <= pct if pct < 0 else (c[i] / c[i-1] - 1) * 100 >= pct)]
    study('%s daily move %s' % (name, pct), d, c, occ)

def drawdown_study(name, s, pct):
    s = cut(s); d = [x for x, _ in s]; c = [v for _, v in s]
    occ, peaks = [], []
    peak, armed = 0, True
    for i in range(len(c)):
        if c[i] > c[peak]: peak, armed = i, True
        if armed and (c[i] / c[peak] - 1) * 100 <= pct:
            occ.append(i); peaks.append(peak); armed = False
    occ2 = study('%s drawdown %s' % (name, pct), d, c, occ)
    p = peaks[len(occ2) - 1]
    print('  last peak', d[p], '%.6f' % c[p])

def record_study(name, s):
    s = cut(s); d = [x for x, _ in s]; c = [v for _, v in s]
    occ, best = [], c[0]
    for i in range(1, len(c)):
        if c[i] > best: occ.append(i)
        best = max(best, c[i])
    print('%s record close on the as-of session: %s' % (name, occ[-1] == len(c) - 1))
    study('%s record close' % name, d, c, occ)

def january(name, s, monthly, pct=0.0):
    if monthly:
        lvl, out = 100.0, []
        for k, r in s:
            lvl *= 1 + r / 100; out.append((k, lvl))
        s = out
    s = cut(s); d = [x for x, _ in s]; c = [v for _, v in s]
    last = {}
    for i, x in enumerate(d):
        last[(int(x[:4]), int(x[5:7]))] = i
    yrs = []
    for (y, m) in sorted(last):
        if m != 1 or (y - 1, 12) not in last or '%d-01-31' % y > AS_OF: continue
        j = (c[last[(y, 1)]] / c[last[(y - 1, 12)]] - 1) * 100
        rest = (c[last[(y, 12)]] / c[last[(y, 1)]] - 1) * 100 if (y, 12) in last and '%d-12-31' % y <= AS_OF else None
        yrs.append((y, j, rest, last[(y, 1)]))
    comp = [t for t in yrs if t[2] is not None]
    sig = [t for t in comp if t[1] > pct]; oth = [t for t in comp if not t[1] > pct]
    up = lambda g: sum(1 for t in g if t[2] > 0) / len(g) * 100
    agree = sum(1 for t in comp if (t[2] > 0) == (t[1] > 0)) / len(comp) * 100
    print('%s January > %s: years %d (%d-%d) signal %d other %d' % (name, pct, len(comp), comp[0][0], comp[-1][0], len(sig), len(oth)))
    print('  signal rest up %.6f median %.6f; other rest up %.6f median %.6f; all up %.6f; agree %.6f' % (
        up(sig), statistics.median([t[2] for t in sig]), up(oth), statistics.median([t[2] for t in oth]), up(comp), agree))
    print('  latest year %d January %.6f' % (yrs[-1][0], yrs[-1][1]))
    if not monthly:
        study('  %s January forward (last January session)' % name, d, c, [t[3] for t in sig])

def extreme(name, s, up, frm=None, as_of=AS_OF):
    s = cut(s, as_of); d = [x for x, _ in s]; c = [v for _, v in s]
    st = 1 if frm is None else max(1, next(i for i, x in enumerate(d) if x >= frm))
    rs = [((c[i] / c[i-1] - 1) * 100, i) for i in range(st, len(c))]
    best = rs[0]
    for r in rs[1:]:
        if (r[0] > best[0]) if up else (r[0] < best[0]): best = r
    r, i = best
    print('extreme %s %s from %s to %s: %.6f on %s (%s %.6f -> %.6f) n %d' % (
        name, 'up' if up else 'down', frm, as_of, r, d[i], d[i-1], c[i-1], c[i], len(rs)))

if __name__ == '__main__':
    relative_streak_study(10)
    daily_move_study('GSPC', gspc(), -7.0)
    drawdown_study('GSPC', gspc(), -10.0)
    drawdown_study('GSPC', gspc(), -20.0)
    drawdown_study('RUT', rut(), -10.0)
    record_study('GSPC', gspc())
    record_study('RUT', rut())
    january('FF_ME_LO30', ff_lo30(), True)
    january('GSPC', gspc(), False)
    january('RUT', rut(), False)
    extreme('GSPC', gspc(), True)
    extreme('GSPC', gspc(), False)
    extreme('RUT', rut(), False, '2020-01-01')
    extreme('RUT', rut(), True, '2025-01-01', '2025-12-31')
