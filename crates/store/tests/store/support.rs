//! Shared helpers: the real data folder, parsing one real file, temp folders.

use model::{Date, Field, Registry};
use std::path::{Path, PathBuf};
use store::read::{ParsedFile, ParsedSeries};

pub(crate) fn data_dir() -> Option<PathBuf> {
    let dir = store::testing::shared_data_dir();
    if dir.is_none() {
        eprintln!("SKIP: ../shared/market-data not found; real-data tests skipped");
    }
    dir
}

pub(crate) fn registry() -> Registry {
    Registry::builtin().expect("builtin registry parses")
}

/// Parses `rel` (relative to the shared data folder).
pub(crate) fn parse_real(rel: &str) -> Option<ParsedFile> {
    let dir = data_dir()?;
    let path = dir.join(rel);
    Some(store::read::parse_file(&path, rel, &registry()).expect("real file parses"))
}

pub(crate) fn series<'a>(file: &'a ParsedFile, symbol: &str, field: Field) -> &'a ParsedSeries {
    file.series
        .iter()
        .find(|s| s.symbol == symbol && s.field == field)
        .unwrap_or_else(|| panic!("{} has no {symbol} {field}", file.rel_path))
}

pub(crate) fn d(s: &str) -> Date {
    model::parse_iso_date(s).expect("valid test date")
}

/// Writes `content` to `root/rel`, creating folders.
pub(crate) fn write(root: &Path, rel: &str, content: &[u8]) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    std::fs::write(&path, content).expect("write test file");
    path
}

/// Parses synthetic bytes as if they were `rel`.
pub(crate) fn parse_bytes(rel: &str, bytes: &[u8]) -> Result<ParsedFile, store::StoreError> {
    let reg = registry();
    let ctx = store::read::ReadContext {
        path: Path::new(rel),
        rel_path: rel,
        registry: &reg,
        limits: store::ReadLimits::default(),
    };
    store::read::parse_bytes(&ctx, bytes)
}
