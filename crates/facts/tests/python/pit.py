"""Point-in-time values of the issue-12 regression tests
(crates/facts/tests/real_data.rs `regression_issue12_*`,
`monthly_levels_use_months_complete_and_published`, and
crates/report/tests/point_in_time.rs) from the raw files.

An observation is known as of D once its period has ended and it has been
published: period end + lag <= D, the period being the day of a daily row
and the calendar month of a monthly one. The lags are the registry's
(crates/model/registry.toml, docs/methods.md), written out here:
"""
from mdata import d, rate, shiller, french, etf, known

LAGS = {  # series: (lag in days, monthly)
    'FEDFUNDS': (1, True), 'JP10Y': (30, True), 'DFF': (1, False), 'DGS10': (0, False),
    'Consumer Price Index': (15, True), 'Earnings': (120, True), 'PE10': (120, True),
}


def latest(name, series, as_of):
    lag, monthly = LAGS[name]
    k = known(series, d(as_of), lag, monthly)
    x, v = k[-1]
    print('%s as of %s: %s on %s (lag %d days, %s)' % (name, as_of, v, x, lag, 'monthly' if monthly else 'daily'))


if __name__ == '__main__':
    for as_of in ['2020-03-16', '2020-03-31', '2020-04-01']:
        latest('FEDFUNDS', rate('FEDFUNDS'), as_of)
    for as_of in ['2020-03-16', '2020-03-30']:
        latest('JP10Y', rate('JP10Y'), as_of)
    for as_of in ['2020-03-16', '2020-03-17', '2020-03-31']:
        latest('DFF', rate('DFF'), as_of)
    latest('DGS10', rate('DGS10'), '2020-03-16')
    for as_of in ['2020-03-31', '2020-04-15']:
        latest('Consumer Price Index', shiller('Consumer Price Index'), as_of)
    latest('Earnings', shiller('Earnings'), '2020-03-31')
    for as_of in ['2020-03-16', '2020-03-28', '2020-03-31']:
        latest('PE10', shiller('PE10'), as_of)
    lo30 = french('Portfolios_Formed_on_ME.CSV', 'Lo 30')
    k = known(lo30, d('2020-03-31'), 30, True)
    print('French Lo 30 as of 2020-03-31: %s for %s' % (k[-1][1], k[-1][0]))
    spy = dict(etf('SPY'))
    a, b = spy[d('2019-12-31')], spy[d('2020-03-16')]
    print('SPY adjusted close 2020-03-16: %.4f; YTD from 2019-12-31 (%.4f): %.4f%%' % (b, a, (b / a - 1) * 100))
