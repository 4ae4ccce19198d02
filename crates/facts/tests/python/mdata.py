"""Shared readers for the kept derivations (Python 3 standard library only).

Reads the raw files of ../shared/market-data with the csv module, never
marketproof's code. Series are consolidated the way the registry's dataset
priorities say (crates/model/registry.toml, lower wins on a date):
guydekowski 10 > hjyssg 20 > heliar-k 30 > heliar-k wide tables 40 >
dsturdy 50 > datasets_finance-vix 60 > datasets/talezadeh 70.
"""
import csv, os
from datetime import date, timedelta

D = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                  '../../../../../shared/market-data'))


def path(rel):
    return os.path.join(D, rel)


def d(s):
    return date.fromisoformat(s)


def read(rel, col, datecol='date', header_rows=1, missing=()):
    """{date: float} of one column; empty, `null` and `missing` cells skipped."""
    out = {}
    with open(path(rel), newline='') as f:
        rows = list(csv.reader(f))
    head = [h.strip() for h in rows[0]]
    low = [h.lower() for h in head]
    ci = head.index(col) if col in head else low.index(col.lower())
    di = low.index(datecol.lower()) if datecol.lower() in low else 0
    for row in rows[header_rows:]:
        if len(row) <= ci:
            continue
        cell = row[ci].strip()
        if cell in ('', 'null') or cell in missing:
            continue
        out[date.fromisoformat(row[di].strip()[:10])] = float(cell)
    return out


def merge(*sources):
    """One series from sources listed by priority (the first wins on a date),
    without the weekend rows that repeat the previous weekday's value (the
    yfinance wide tables carry Friday's close into some weekends; the store
    drops those from a series that otherwise trades on weekdays)."""
    out = {}
    for s in reversed(sources):
        out.update(s)
    items = sorted(out.items())
    weekend = sum(1 for x, _ in items if x.weekday() >= 5)
    if weekend == 0 or weekend > 0.02 * len(items):
        return items
    kept, last_weekday = [], None
    for x, v in items:
        if x.weekday() < 5:
            last_weekday = v
        elif last_weekday is not None and abs(v - last_weekday) <= 1e-4 * max(abs(last_weekday), 1.0):
            continue
        kept.append((x, v))
    return kept


def gspc(col='close'):
    if col == 'close':
        return merge(read('guydekowski_market-lab/GSPC.csv', 'close'),
                     read('heliar-k_market-base/SPX.csv', 'close'),
                     read('heliar-k_market-base/asset_prices.csv', 'SPX'))
    return merge(read('guydekowski_market-lab/GSPC.csv', col),
                 read('heliar-k_market-base/SPX.csv', col))


def rut(col='close'):
    if col == 'close':
        return merge(read('hjyssg_tqqq-simulation/^RUT.csv', 'Close'),
                     read('heliar-k_market-base/RUT.csv', 'close'),
                     read('heliar-k_market-base/asset_prices.csv', 'RUT'))
    return merge(read('hjyssg_tqqq-simulation/^RUT.csv', col.capitalize()),
                 read('heliar-k_market-base/RUT.csv', col))


def vix():
    return merge(read('guydekowski_market-lab/VIX.csv', 'close'),
                 read('datasets_finance-vix/vix-daily.csv', 'CLOSE', datecol='DATE'))


def etf(sym):
    """An ETF's dividend-adjusted close (every ETF file of the folder is)."""
    sources = []
    if os.path.exists(path('guydekowski_market-lab/%s.csv' % sym)):
        sources.append(read('guydekowski_market-lab/%s.csv' % sym, 'close'))
    with open(path('heliar-k_market-base/pool_prices.csv')) as f:
        if sym in next(csv.reader(f)):
            sources.append(read('heliar-k_market-base/pool_prices.csv', sym))
    if os.path.exists(path('dsturdy_factor-attribution/%s.csv' % sym)):
        sources.append(read('dsturdy_factor-attribution/%s.csv' % sym, 'Close', datecol='Date'))
    return merge(*sources)


def rate(col):
    return sorted(read('heliar-k_market-base/rates.csv', col).items())


def shiller(col):
    """Shiller's data.csv column; zeros mean not yet published."""
    return sorted(read('datasets_s-and-p-500/data.csv', col, datecol='Date', missing=('0.0', '0')).items())


def french(rel, col):
    """First table of a Ken French CSV: {first day of month: return %}."""
    out = {}
    with open(path('talezadeh_ff-size/' + rel), newline='') as f:
        rows = list(csv.reader(f))
    head = [h.strip() for h in rows[0]]
    ci = head.index(col)
    for row in rows[1:]:
        if not row or not row[0].strip():
            break
        v = float(row[ci])
        if v in (-99.99, -999.0):
            continue
        ym = row[0].strip()
        out[date(int(ym[:4]), int(ym[4:]), 1)] = v
    return sorted(out.items())


def cut(series, as_of):
    return [(x, v) for x, v in series if x <= as_of]


def month_end(x):
    nxt = date(x.year + (x.month == 12), x.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def known(series, as_of, lag_days=0, monthly=False):
    """The observations known by as_of: period end + lag <= as_of."""
    end = month_end if monthly else (lambda x: x)
    return [(x, v) for x, v in series if end(x) + timedelta(days=lag_days) <= as_of]


def returns(closes):
    return [closes[i] / closes[i - 1] - 1 for i in range(1, len(closes))]


def runs(hits):
    """(start, end) index pairs of runs of True."""
    out, s = [], None
    for k, h in enumerate(hits):
        if h and s is None:
            s = k
        if not h and s is not None:
            out.append((s, k - 1))
            s = None
    if s is not None:
        out.append((s, len(hits) - 1))
    return out
