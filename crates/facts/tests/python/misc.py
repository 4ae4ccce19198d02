"""The sector cross-section, level changes and the return spread of
crates/facts/tests/real_data.rs, and the figures of `fact_text_reads_well`,
from the raw files.

    python3 crates/facts/tests/python/misc.py
"""
from mdata import d, gspc, rut, etf, rate, cut

SECTORS = ['XLB', 'XLC', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLRE', 'XLU', 'XLV', 'XLY']


def day_return(series, day):
    s = cut(series, d(day))
    assert s[-1][0] == d(day)
    return (s[-1][1] / s[-2][1] - 1) * 100


def level(series, day):
    return cut(series, d(day))[-1]


if __name__ == '__main__':
    rs = sorted(((day_return(etf(s), '2026-01-16'), s) for s in SECTORS), reverse=True)
    print('sectors 2026-01-16: up %d of %d; %s' % (
        sum(r > 0 for r, _ in rs), len(rs), ', '.join('%s %+.4f%%' % (s, r) for r, s in rs)))
    dgs10 = rate('DGS10')
    for frm in ['2026-01-02', '2026-01-01']:
        (x0, v0), (x1, v1) = level(dgs10, frm), level(dgs10, '2026-01-16')
        print('DGS10 %s %.2f (%s) -> %s %.2f: %+.2f pp' % (frm, v0, x0, x1, v1, v1 - v0))
    g = gspc()
    (x0, v0), (x1, v1) = level(g, '2025-12-31'), level(g, '2026-01-16')
    print('^GSPC %s %r -> %s %r: %r points' % (x0, v0, x1, v1, v1 - v0))
    r = rut()
    ra = (level(r, '2026-01-16')[1] / level(r, '2026-01-01')[1] - 1) * 100
    rb = (level(g, '2026-01-16')[1] / level(g, '2026-01-01')[1] - 1) * 100
    print('return 2026-01-02..01-16: ^RUT %r%%, ^GSPC %r%%, spread %r pp, relative %r%%' % (
        ra, rb, ra - rb, ((1 + ra / 100) / (1 + rb / 100) - 1) * 100))
    x = day_return(g, '1987-10-19')
    print('^GSPC 1987-10-19: %.2f%% (%.2f points)' % (x, level(g, '1987-10-19')[1] - level(g, '1987-10-16')[1]))
