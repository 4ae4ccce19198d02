//! Every method the engine can emit is listed in `facts::METHODS` and
//! defined in `docs/methods.md`.

const DOC: &str = include_str!("../../../docs/methods.md");

/// Sources of the modules that build Facts (every method id is a literal there).
const SOURCES: &[(&str, &str)] = &[
    ("answer/mod.rs", include_str!("../src/answer/mod.rs")),
    (
        "answer/base_rate.rs",
        include_str!("../src/answer/base_rate.rs"),
    ),
    ("answer/cross.rs", include_str!("../src/answer/cross.rs")),
    ("answer/event.rs", include_str!("../src/answer/event.rs")),
    ("answer/prices.rs", include_str!("../src/answer/prices.rs")),
    ("answer/rates.rs", include_str!("../src/answer/rates.rs")),
    (
        "answer/streaks.rs",
        include_str!("../src/answer/streaks.rs"),
    ),
    (
        "algebra/measure.rs",
        include_str!("../src/algebra/measure.rs"),
    ),
    (
        "algebra/reduce.rs",
        include_str!("../src/algebra/reduce.rs"),
    ),
];

/// The `## ...` headings of the methods page.
fn headings() -> Vec<&'static str> {
    DOC.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn every_method_is_defined_in_the_docs() {
    let heads = headings();
    let missing: Vec<String> = facts::METHODS
        .iter()
        .map(|(id, v)| format!("{id} v{v}"))
        .filter(|m| {
            !heads.iter().any(|h| {
                h.split([',', '/'])
                    .any(|part| part.trim().trim_start_matches("## ").trim() == m)
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/methods.md has no `## ` heading for: {missing:?}"
    );
}

/// `"word.word"` string literals: the shape of a method id.
fn method_like_literals(src: &str) -> Vec<String> {
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| {
            let mut parts = lit.split('.');
            let ok = |p: Option<&str>| {
                p.is_some_and(|p| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
            };
            ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_engine_names_no_method_outside_the_list() {
    let known: Vec<&str> = facts::METHODS.iter().map(|(id, _)| *id).collect();
    let mut found = 0;
    for (file, src) in SOURCES {
        for lit in method_like_literals(src) {
            found += 1;
            assert!(
                known.contains(&lit.as_str()),
                "{file} names method `{lit}`, which facts::METHODS does not list"
            );
        }
    }
    // The scan sees the literals (guards against a scan that finds nothing).
    assert!(
        found >= facts::METHODS.len(),
        "only {found} method literals found"
    );
    let mut ids = known.clone();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), known.len(), "a method is listed twice");
}

/// `("id", N)` literals in the sources: the method and version a Fact gets.
fn versioned_literals(src: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find("(\"") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find('"') else { break };
        let id = &rest[..end];
        let tail = rest[end + 1..].trim_start();
        let Some(tail) = tail.strip_prefix(',') else {
            continue;
        };
        let digits: String = tail
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let closed = tail.trim_start()[digits.len()..]
            .trim_start()
            .starts_with(')');
        if let (false, true, Ok(v)) = (digits.is_empty(), closed, digits.parse()) {
            out.push((id.to_string(), v));
        }
    }
    out
}

/// A bumped version is bumped everywhere: the Fact's literal, `METHODS` and
/// the heading of `docs/methods.md` agree.
#[test]
fn versions_agree_between_sources_list_and_docs() {
    let mut found = 0;
    for (file, src) in SOURCES {
        for (id, v) in versioned_literals(src) {
            let Some((_, listed)) = facts::METHODS.iter().find(|(m, _)| *m == id) else {
                continue;
            };
            found += 1;
            assert_eq!(
                *listed, v,
                "{file}: ({id:?}, {v}) but METHODS says v{listed}"
            );
        }
    }
    assert!(found >= 15, "only {found} versioned literals found");
}
