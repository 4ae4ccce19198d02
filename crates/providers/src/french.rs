//! Ken French's data library: monthly factor and portfolio returns.
//!
//! **Request.** `GET {base}/pub/faculty/ken.french/ftp/{DATASET}_CSV.zip`,
//! base `https://mba.tuck.dartmouth.edu`; `DATASET` is the file stem the
//! registry's columns are scoped to (`F-F_Research_Data_Factors`,
//! `Portfolios_Formed_on_ME`, `F-F_Momentum_Factor`, `6_Portfolios_2x3`).
//! The URL is stable, so the response is kept in the HTTP cache and
//! revalidated with `ETag` / `Last-Modified`.
//!
//! **Response.** A zip archive holding one CSV, `{DATASET}.CSV`
//! (deflated): a few lines of preamble, then the first table — a header
//! whose first cell is empty (`,Mkt-RF,SMB,HML,RF`), rows `YYYYMM,` with
//! percent returns padded with spaces, `-99.99` for missing — then a blank
//! line and further tables (annual returns, other weightings). The first
//! table is kept, its header's first cell named `date`, and stored as
//! `sync/french/{DATASET}.CSV`, which the store reads as a Ken French file.
//!
//! The zip is read here (end of central directory, central directory,
//! local header, deflate or stored), with every size bounded and the
//! CRC-32 checked.

use crate::error::{FetchError, FetchErrorKind};
use crate::http::{Http, Request};
use crate::provider::{fail, provenance, Fetch, Provider, Target, Window};
use std::io::Read;

/// Default base URL.
pub const DEFAULT_BASE: &str = "https://mba.tuck.dartmouth.edu";

/// Largest uncompressed CSV read from an archive.
const MAX_UNZIPPED_BYTES: u64 = 64 << 20;

/// Ken French's data library.
#[derive(Debug, Clone)]
pub struct French {
    /// Base URL.
    pub base: String,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The first `*.csv` member of a zip archive: (name, bytes).
pub(crate) fn unzip_csv(zip: &[u8]) -> Result<(String, Vec<u8>), FetchErrorKind> {
    let bad = |what: &str| FetchErrorKind::Malformed(format!("zip archive: {what}"));
    // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
    let lo = zip.len().saturating_sub(22 + 65_535);
    let eocd = (lo..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(zip, i) == Some(0x0605_4b50))
        .ok_or_else(|| bad("no end of central directory (not a zip, or cut short)"))?;
    let entries = u16_at(zip, eocd + 10).ok_or_else(|| bad("end record"))?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(|| bad("end record"))? as usize;
    for _ in 0..entries {
        if u32_at(zip, at) != Some(0x0201_4b50) {
            return Err(bad("central directory entry"));
        }
        let method = u16_at(zip, at + 10).ok_or_else(|| bad("entry"))?;
        let crc = u32_at(zip, at + 16).ok_or_else(|| bad("entry"))?;
        let csize = u32_at(zip, at + 20).ok_or_else(|| bad("entry"))? as usize;
        let usize_ = u64::from(u32_at(zip, at + 24).ok_or_else(|| bad("entry"))?);
        let name_len = u16_at(zip, at + 28).ok_or_else(|| bad("entry"))? as usize;
        let extra_len = u16_at(zip, at + 30).ok_or_else(|| bad("entry"))? as usize;
        let comment_len = u16_at(zip, at + 32).ok_or_else(|| bad("entry"))? as usize;
        let local = u32_at(zip, at + 42).ok_or_else(|| bad("entry"))? as usize;
        let name = zip
            .get(at + 46..at + 46 + name_len)
            .map(|n| String::from_utf8_lossy(n).to_string())
            .ok_or_else(|| bad("entry name"))?;
        at += 46 + name_len + extra_len + comment_len;
        if !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        if usize_ > MAX_UNZIPPED_BYTES {
            return Err(FetchErrorKind::TooLarge {
                limit: MAX_UNZIPPED_BYTES,
            });
        }
        if u32_at(zip, local) != Some(0x0403_4b50) {
            return Err(bad("local header"));
        }
        let lname = u16_at(zip, local + 26).ok_or_else(|| bad("local header"))? as usize;
        let lextra = u16_at(zip, local + 28).ok_or_else(|| bad("local header"))? as usize;
        let start = local + 30 + lname + lextra;
        let data = zip
            .get(start..start + csize)
            .ok_or_else(|| bad("member data cut short"))?;
        let mut out = Vec::with_capacity(usize::try_from(usize_).unwrap_or(0));
        match method {
            0 => out.extend_from_slice(data),
            8 => {
                flate2::read::DeflateDecoder::new(data)
                    .take(MAX_UNZIPPED_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| bad(&format!("inflate: {e}")))?;
            }
            m => return Err(bad(&format!("compression method {m}"))),
        }
        if out.len() as u64 != usize_ {
            return Err(bad("member size does not match the directory"));
        }
        let mut check = flate2::Crc::new();
        check.update(&out);
        if check.sum() != crc {
            return Err(bad("CRC-32 mismatch"));
        }
        return Ok((name, out));
    }
    Err(bad("no CSV member"))
}

/// The first table of a French CSV, with `date` as its first header cell.
pub(crate) fn first_table(csv: &[u8]) -> Result<(Vec<u8>, usize), FetchErrorKind> {
    let text = String::from_utf8_lossy(csv);
    let mut lines = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with(','));
    let header = lines
        .next()
        .ok_or_else(|| FetchErrorKind::Malformed("no table header (`,Mkt-RF,...`)".into()))?;
    let mut out = format!("date{}\n", header.trim_start());
    let mut rows = 0;
    for line in lines {
        let first = line.split(',').next().unwrap_or("").trim();
        if line.trim().is_empty()
            || !(first.len() == 6 && first.bytes().all(|b| b.is_ascii_digit()))
        {
            break;
        }
        out.push_str(line.trim_end());
        out.push('\n');
        rows += 1;
    }
    if rows == 0 {
        return Err(FetchErrorKind::Malformed(
            "the first table has no monthly rows".into(),
        ));
    }
    Ok((out.into_bytes(), rows))
}

impl Provider for French {
    fn id(&self) -> &'static str {
        "french"
    }

    fn whole_history(&self) -> bool {
        true
    }

    fn source_path(&self, dataset: &str) -> String {
        format!("sync/french/{dataset}.CSV")
    }

    fn fetch(&self, http: &Http, target: &Target, _window: &Window) -> Result<Fetch, FetchError> {
        let dataset = target.remote.as_str();
        let url = format!("{}/pub/faculty/ken.french/ftp/{dataset}_CSV.zip", self.base);
        let req = Request {
            provider: "french",
            symbol: dataset.to_string(),
            redacted: url.clone(),
            url,
            cacheable: true,
        };
        let resp = http.get(&req).map_err(|mut e| {
            if let FetchErrorKind::Status {
                status: 404,
                message,
            } = &e.kind
            {
                e.kind = FetchErrorKind::NoSuchSymbol {
                    status: 404,
                    message: message.clone(),
                };
            }
            e
        })?;
        let err = |k| fail("french", dataset, Some(&req.redacted), k);
        let (_name, csv) = unzip_csv(&resp.body).map_err(err)?;
        let (csv, rows) = first_table(&csv).map_err(err)?;
        Ok(Fetch {
            rows,
            fetched: store::Fetched {
                path: self.source_path(dataset),
                csv,
                provenance: provenance(&req, &resp),
                instrument: None,
            },
            events: Vec::new(),
            attempts: resp.attempts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_table_is_kept() {
        let csv = b"This file was created by CMPT_ME_BEME_RETS using the 202406 CRSP database.\r\n\
The 1-month TBill return is from Ibbotson and Associates, Inc.\r\n\r\n\
,Mkt-RF,SMB,HML,RF\r\n\
192607,    2.96,   -2.56,   -2.43,    0.22\r\n\
192608,    2.64,   -1.17,    3.82,    0.25\r\n\r\n\
 Annual Factors: January-December \r\n\
,Mkt-RF,SMB,HML,RF\r\n\
  1927,   29.47,   -2.04,   -4.54,    3.12\r\n";
        let (out, rows) = first_table(csv).expect("table");
        assert_eq!(rows, 2);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "date,Mkt-RF,SMB,HML,RF\n192607,    2.96,   -2.56,   -2.43,    0.22\n192608,    2.64,   -1.17,    3.82,    0.25\n"
        );
    }

    #[test]
    fn broken_archives_are_malformed() {
        assert!(unzip_csv(b"PK\x03\x04 not really").is_err());
        assert!(unzip_csv(b"").is_err());
    }
}
