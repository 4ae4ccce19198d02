"""Figures the pages of crates/server/tests/http.rs show, from the raw files
with the readers of crates/facts/tests/python/mdata.py (csv module only):
the S&P 500 on 2026-08-21 (the latest session: the home page's brief and
the instrument page) and the Russell 2000's streak of the 2026-01-16 brief.

    python3 crates/server/tests/python/pages.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../facts/tests/python'))
from mdata import d, gspc, rut, cut, runs

if __name__ == '__main__':
    s = cut(gspc(), d('2026-08-21'))
    c = [v for _, v in s]
    r = [c[i] / c[i - 1] - 1 for i in range(1, len(c))]
    since = next(s[i + 1][0] for i in range(len(r) - 2, -1, -1) if r[i] >= r[-1])
    best = max(range(len(c)), key=lambda i: (c[i], -i))
    print('^GSPC 2026-08-21: close %.2f, %+.2f%% on the day, best session since %s' % (c[-1], r[-1] * 100, since))
    print('  record close %.2f on %s, %d sessions earlier, %.2f%% below it; %d sessions' % (
        c[best], s[best][0], len(c) - 1 - best, (c[-1] / c[best] - 1) * 100, len(c)))
    g, rr = dict(cut(gspc(), d('2026-01-16'))), dict(cut(rut(), d('2026-01-16')))
    common = sorted(set(g) & set(rr))
    hits = [False] + [rr[common[k]] / rr[common[k - 1]] > g[common[k]] / g[common[k - 1]] for k in range(1, len(common))]
    start, end = runs(hits)[-1]
    print('^RUT beat ^GSPC for %d sessions, %s..%s' % (end - start + 1, common[start], common[end]))
