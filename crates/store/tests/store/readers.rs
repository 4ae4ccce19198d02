//! Every reader against the real files. Expected counts and values come
//! from Python `csv` snippets, e.g. for GSPC.csv:
//! `r=list(csv.reader(open(f))); len(r)-1, r[1], r[-1]`.

use crate::support::{d, parse_bytes, parse_real, series};
use model::Field;
use store::read::Format;

#[test]
fn ohlcv_gspc_lowercase_header() {
    let Some(f) = parse_real("guydekowski_market-lab/GSPC.csv") else {
        return;
    };
    assert_eq!(f.format, Format::Ohlcv);
    // Python: 24777 data rows, first 1927-12-30 close 17.65999984741211,
    // last 2026-08-21 close 7674.3701171875 volume 2737363000.
    let close = series(&f, "^GSPC", Field::Close);
    assert_eq!(close.dates.len(), 24777);
    assert_eq!(close.dates[0], d("1927-12-30"));
    assert_eq!(close.values[0], 17.65999984741211);
    assert_eq!(*close.dates.last().expect("rows"), d("2026-08-21"));
    assert_eq!(*close.values.last().expect("rows"), 7674.3701171875);
    let vol = series(&f, "^GSPC", Field::Volume);
    assert_eq!(*vol.values.last().expect("rows"), 2737363000.0);
    // 1935-04-16 close 8.220000267028809 (the bad print).
    let i = close.dates.binary_search(&d("1935-04-16")).expect("date");
    assert_eq!(close.values[i], 8.220000267028809);
    assert_eq!(f.series.len(), 5);
}

#[test]
fn adj_close_is_its_own_field() {
    let Some(f) = parse_real("hjyssg_tqqq-simulation/^RUT.csv") else {
        return;
    };
    // Python: 9297 rows; 1987-09-10 Close 168.97000122070312 = Adj Close;
    // last 2024-08-02 Close 2109.31005859375.
    let close = series(&f, "^RUT", Field::Close);
    let adj = series(&f, "^RUT", Field::AdjClose);
    assert_eq!(close.dates.len(), 9297);
    assert_eq!(adj.dates.len(), 9297);
    assert_eq!(close.values[0], 168.97000122070312);
    assert_eq!(*close.values.last().expect("rows"), 2109.31005859375);
}

#[test]
fn yfinance_three_row_header() {
    let Some(f) = parse_real("hjyssg_tqqq-simulation/^NDX.csv") else {
        return;
    };
    assert_eq!(f.format, Format::YFinance);
    // Python (skipping the Ticker and Date rows): 10181 rows, 1985-10-01
    // Adj Close 112.13999938964844 High 112.16000366210938, last 2026-02-27
    // Close 24960.0390625 Volume 9552610000.
    let close = series(&f, "^NDX", Field::Close);
    assert_eq!(close.dates.len(), 10181);
    assert_eq!(close.dates[0], d("1985-10-01"));
    assert_eq!(
        series(&f, "^NDX", Field::AdjClose).values[0],
        112.13999938964844
    );
    assert_eq!(
        series(&f, "^NDX", Field::High).values[0],
        112.16000366210938
    );
    assert_eq!(*close.values.last().expect("rows"), 24960.0390625);
    assert_eq!(
        *series(&f, "^NDX", Field::Volume)
            .values
            .last()
            .expect("rows"),
        9552610000.0
    );
}

#[test]
fn close_only_uses_the_dataset_adjusted_hint() {
    let Some(f) = parse_real("dsturdy_factor-attribution/IWM.csv") else {
        return;
    };
    assert_eq!(f.format, Format::CloseOnly);
    // Python: 6584 rows, first 2000-05-26 32.590633392333984, last 2026-08-03 295.635009765625.
    let adj = series(&f, "IWM", Field::AdjClose);
    assert_eq!(adj.dates.len(), 6584);
    assert_eq!(adj.values[0], 32.590633392333984);
    assert_eq!(*adj.values.last().expect("rows"), 295.635009765625);
    assert_eq!(
        f.series.len(),
        1,
        "no unadjusted close from an adjusted file"
    );
}

#[test]
fn upper_case_header_with_crlf() {
    let Some(f) = parse_real("datasets_finance-vix/vix-daily.csv") else {
        return;
    };
    // Python: 9235 rows, last 2026-07-23 CLOSE 18.70 HIGH 20.31.
    let close = series(&f, "^VIX", Field::Close);
    assert_eq!(close.dates.len(), 9235);
    assert_eq!(*close.dates.last().expect("rows"), d("2026-07-23"));
    assert_eq!(*close.values.last().expect("rows"), 18.7);
    assert_eq!(
        *series(&f, "^VIX", Field::High).values.last().expect("rows"),
        20.31
    );
}

#[test]
fn heliar_index_files_skip_meaningless_columns() {
    let Some(f) = parse_real("heliar-k_market-base/RUT.csv") else {
        return;
    };
    let fields: Vec<Field> = f.series.iter().map(|s| s.field).collect();
    assert_eq!(fields, [Field::Open, Field::High, Field::Low, Field::Close]);
    assert!(f.notes.iter().any(|n| n.contains("`wap`")));
    assert!(f.notes.iter().any(|n| n.contains("`count`")));
}

#[test]
fn fred_wide_table_with_sparse_cells() {
    let Some(f) = parse_real("heliar-k_market-base/rates.csv") else {
        return;
    };
    assert_eq!(f.format, Format::Wide);
    // Python: non-empty cells per column: DFEDTARU 6458 (2008-12-16 0.25 ..
    // 2026-08-21 3.75, sum 10043.25), DGS10 16144 (sum 93733.18),
    // FEDFUNDS 865 (1954-07-01 0.8 .. 2026-07-01 3.63).
    let up = series(&f, "DFEDTARU", Field::Value);
    assert_eq!(up.dates.len(), 6458);
    assert_eq!((up.dates[0], up.values[0]), (d("2008-12-16"), 0.25));
    assert!((up.values.iter().sum::<f64>() - 10043.25).abs() < 1e-6);
    let ten = series(&f, "DGS10", Field::Value);
    assert_eq!(ten.dates.len(), 16144);
    assert!((ten.values.iter().sum::<f64>() - 93733.18).abs() < 1e-6);
    let ff = series(&f, "FEDFUNDS", Field::Value);
    assert_eq!(ff.dates.len(), 865);
    assert_eq!(*ff.dates.last().expect("rows"), d("2026-07-01"));
}

#[test]
fn wide_table_with_volume_columns_and_adjusted_etfs() {
    let Some(f) = parse_real("heliar-k_market-base/asset_prices.csv") else {
        return;
    };
    // Python: SPX 504 non-empty cells (2024-08-22 .. 2026-08-21), SPX_volume 502.
    assert_eq!(series(&f, "^GSPC", Field::Close).dates.len(), 504);
    assert_eq!(series(&f, "^GSPC", Field::Volume).dates.len(), 502);
    // ETFs in this file are adjusted (registry dataset hint); indices are closes.
    assert!(f
        .series
        .iter()
        .any(|s| s.symbol == "TLT" && s.field == Field::AdjClose));
    assert!(!f
        .series
        .iter()
        .any(|s| s.symbol == "TLT" && s.field == Field::Close));
}

#[test]
fn french_first_table_only() {
    let Some(f) = parse_real("talezadeh_ff-size/F-F_Momentum_Factor.CSV") else {
        return;
    };
    assert_eq!(f.format, Format::French);
    // Python: rows before the first blank line: 1170, 192701 0.36 .. 202406
    // 0.98, sum 735.13; the "Annual Factors" section after it is skipped.
    let mom = series(&f, "FF_MOM", Field::ReturnPct);
    assert_eq!(mom.dates.len(), 1170);
    assert_eq!((mom.dates[0], mom.values[0]), (d("1927-01-01"), 0.36));
    assert_eq!(*mom.dates.last().expect("rows"), d("2024-06-01"));
    assert!((mom.values.iter().sum::<f64>() - 735.13).abs() < 1e-6);
    assert!(f.notes.iter().any(|n| n.contains("Annual Factors")));

    let Some(f) = parse_real("talezadeh_ff-size/6_Portfolios_2x3.CSV") else {
        return;
    };
    // Python: first table 1176 rows, last 202406, SMALL LoBM sum 1146.0969;
    // the second table (200605..) after the blank lines is skipped.
    let small = series(&f, "FF_SMALL_LOBM", Field::ReturnPct);
    assert_eq!(small.dates.len(), 1176);
    assert!((small.values.iter().sum::<f64>() - 1146.0969).abs() < 1e-6);
    assert!(f.notes.iter().any(|n| n.contains("200605")));
}

#[test]
fn french_missing_marker_is_no_observation() {
    let Some(f) = parse_real("talezadeh_ff-size/Portfolios_Formed_on_ME.CSV") else {
        return;
    };
    // Python: `<= 0` is -99.99 on every row (no series); Lo 10 has 1176
    // values summing to 1562.35.
    assert!(!f.series.iter().any(|s| s.symbol == "FF_ME_NEG"));
    let lo = series(&f, "FF_ME_D1", Field::ReturnPct);
    assert_eq!(lo.dates.len(), 1176);
    assert!((lo.values.iter().sum::<f64>() - 1562.35).abs() < 1e-6);
}

#[test]
fn shiller_zeros_are_not_published() {
    let Some(f) = parse_real("datasets_s-and-p-500/data.csv") else {
        return;
    };
    assert_eq!(f.format, Format::Shiller);
    // Python: non-zero PE10 cells 1713 (1881-01-01 18.47 .. 2023-09-01 30.81);
    // SP500 1866 (.. 2026-06-01 7450.03).
    let cape = series(&f, "CAPE", Field::Value);
    assert_eq!(cape.dates.len(), 1713);
    assert_eq!((cape.dates[0], cape.values[0]), (d("1881-01-01"), 18.47));
    assert_eq!(*cape.dates.last().expect("rows"), d("2023-09-01"));
    let px = series(&f, "SHILLER_SP500", Field::Value);
    assert_eq!(px.dates.len(), 1866);
    assert_eq!(*px.values.last().expect("rows"), 7450.03);
}

#[test]
fn constituents_and_statements() {
    let Some(f) = parse_real("datasets_s-and-p-500-companies/constituents.csv") else {
        return;
    };
    // Python: 503 rows; first MMM 3M Industrials.
    assert_eq!(f.format, Format::Members);
    assert_eq!(f.members.len(), 503);
    assert_eq!(f.members[0].symbol, "MMM");
    assert_eq!(f.members[0].sector, "Industrials");
    assert_eq!(f.members[0].index, "^GSPC");
    let Some(f) = parse_real("heliar-k_market-base/sp500_components.csv") else {
        return;
    };
    assert_eq!(f.members.len(), 503);
    let Some(f) = parse_real("heliar-k_market-base/statements.csv") else {
        return;
    };
    // Python csv.DictReader: 135 records; sorted by (date, id) the first is
    // monetary20200129a (20200129, body 2156 chars), the last monetary20260729a.
    assert_eq!(f.format, Format::Documents);
    assert_eq!(f.documents.len(), 135);
    assert_eq!(f.documents[0].id, "monetary20200129a");
    assert_eq!(f.documents[0].date, d("2020-01-29"));
    assert_eq!(f.documents[0].body.chars().count(), 2156);
    assert_eq!(f.documents[134].id, "monetary20260729a");
}

#[test]
fn newest_first_crlf_bom_and_extra_columns_load() {
    let text = "\u{feff}Date,Open,High,Low,Close,Volume,Note\r\n\
                2024-01-04,3,4,2,3.5,100,x\r\n\
                2024-01-03,2,3,1,2.5,100,y\r\n\
                2024-01-02,1,2,0.5,1.5,100,z\r\n";
    let f = parse_bytes("guydekowski_market-lab/SPY.csv", text.as_bytes()).expect("loads");
    // That folder's ETF closes are dividend-adjusted (registry dataset hint).
    let close = series(&f, "SPY", Field::AdjClose);
    assert_eq!(
        close.dates,
        [d("2024-01-02"), d("2024-01-03"), d("2024-01-04")]
    );
    assert_eq!(close.values, [1.5, 2.5, 3.5]);
    assert!(f.notes.iter().any(|n| n.contains("`Note`")));
}

#[test]
fn rates_and_returns_may_be_negative() {
    let f = parse_bytes("x/rates.csv", b"date,DGS10,JP10Y\n2016-07-01,1.4,-0.25\n")
        .expect("negative yields load");
    assert_eq!(series(&f, "JP10Y", Field::Value).values, [-0.25]);
}

#[test]
fn ohlcv_close_follows_the_dataset_hint_unless_adj_close_is_printed() {
    let text = "date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,100\n";
    // guydekowski ETF files: `close` is adjusted (hint), so it is stored as adj_close.
    let f = parse_bytes("guydekowski_market-lab/IWM.csv", text.as_bytes()).expect("loads");
    assert_eq!(series(&f, "IWM", Field::AdjClose).values, [1.5]);
    // An index in the same folder keeps its close: indices are not adjusted.
    let f = parse_bytes("guydekowski_market-lab/GSPC.csv", text.as_bytes()).expect("loads");
    assert_eq!(series(&f, "^GSPC", Field::Close).values, [1.5]);
    // A file that prints `Adj Close` beside `Close` keeps both apart.
    let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,100\n";
    let f = parse_bytes("guydekowski_market-lab/IWM.csv", text.as_bytes()).expect("loads");
    assert_eq!(series(&f, "IWM", Field::Close).values, [1.5]);
    assert_eq!(series(&f, "IWM", Field::AdjClose).values, [1.4]);
}
