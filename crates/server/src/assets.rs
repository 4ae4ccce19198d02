//! The stylesheet and script, compiled in: no files are served from disk.

use axum::http::header;
use axum::response::IntoResponse;

/// The stylesheet.
pub(crate) const STYLE_CSS: &str = include_str!("../assets/style.css");
/// The script (progressive enhancement only).
pub(crate) const APP_JS: &str = include_str!("../assets/app.js");

/// A short hash of both assets, appended to their URLs so that browsers may
/// cache them forever and still see a new build.
pub(crate) const VERSION: &str = {
    const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        h
    }
    const H: u64 = fnv(
        fnv(0xcbf2_9ce4_8422_2325, STYLE_CSS.as_bytes()),
        APP_JS.as_bytes(),
    );
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const BYTES: [u8; 8] = {
        let mut out = [0u8; 8];
        let mut i = 0;
        while i < 8 {
            out[i] = HEX[((H >> (60 - 4 * i)) & 0xf) as usize];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => "0",
    }
};

const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// `GET /static/style.css`.
pub(crate) async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_FOREVER),
        ],
        STYLE_CSS,
    )
}

/// `GET /static/app.js`.
pub(crate) async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_FOREVER),
        ],
        APP_JS,
    )
}
