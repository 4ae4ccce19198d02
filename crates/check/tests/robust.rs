//! Malformed input never panics: random strings and bytes get a report or a
//! clear error.

use check::{Checker, InputFormat};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,400}") {
        let u = model::Universe::default();
        let checker = Checker::new(&u).expect("checker");
        let _ = checker.check(&s, InputFormat::Auto, model::parse_iso_date("2026-01-16"));
    }

    #[test]
    fn market_flavoured_noise_never_panics(parts in proptest::collection::vec(prop::sample::select(vec![
        "The S&P 500", "small caps", "rose", "fell", "7.88%", "-1.4%", "3.50%–3.75%", "on Friday", "since 1990",
        "11-day", "streak", "record close", "<b>", "</p>", "&amp;", "**", "[x](y)", "January 16, 2026", "Jan.", "\u{2019}s",
        "two rate cuts", "approximately", "~", "2,692.23", "YTD", "€", "\n", " ", ".", "(", ")", "x", "VIX", "IWM",
    ]), 0..40)) {
        let text: String = parts.concat();
        let u = model::Universe::default();
        let checker = Checker::new(&u).expect("checker");
        for hint in [InputFormat::Auto, InputFormat::Html, InputFormat::Markdown, InputFormat::Text] {
            let r = checker.check(&text, hint, None);
            if let Ok(r) = r {
                for c in &r.claims {
                    prop_assert!(c.start <= c.end && c.end <= r.text.len());
                    prop_assert!(r.text.is_char_boundary(c.start) && r.text.is_char_boundary(c.end));
                }
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let u = model::Universe::default();
        let checker = Checker::new(&u).expect("checker");
        let _ = checker.check_bytes(&bytes, InputFormat::Auto, None);
    }
}
