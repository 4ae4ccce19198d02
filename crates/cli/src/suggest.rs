//! "Did you mean": the nearest instrument symbols and names to a name the
//! registry does not know, by Jaro-Winkler similarity over every symbol
//! (with and without its `^`), name and alias.

use model::Registry;

/// Least similarity for a suggestion.
const MIN_SIMILARITY: f64 = 0.84;
/// Suggestions shown at most.
const MAX_SUGGESTIONS: usize = 3;

/// Up to three `(symbol, name)` pairs near `query`, best first.
pub(crate) fn nearest<'r>(registry: &'r Registry, query: &str) -> Vec<(&'r str, &'r str)> {
    let q = normalise(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str, &str)> = Vec::new();
    for inst in registry.instruments() {
        let labels = std::iter::once(inst.symbol.as_str())
            .chain(std::iter::once(inst.name.as_str()))
            .chain(inst.aliases.iter().map(String::as_str));
        let best = labels
            .map(|l| {
                let l = normalise(l);
                let mut s = strsim::jaro_winkler(&q, &l);
                // A prefix of a longer name ("Russel" of "Russell 2000").
                if l.starts_with(&q) && q.len() >= 4 {
                    s = s.max(0.9);
                }
                s
            })
            .fold(0.0_f64, f64::max);
        if best >= MIN_SIMILARITY {
            scored.push((best, &inst.symbol, &inst.name));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, s, n)| (s, n))
        .collect()
}

/// Lower case, `^` and "the " dropped, spaces collapsed.
fn normalise(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.trim_start_matches('^');
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The error for an unknown instrument: what was asked, the nearest
/// symbols, and where to see them all.
pub(crate) fn unknown_instrument(registry: &Registry, name: &str, listing: &str) -> anyhow::Error {
    let near = nearest(registry, name);
    let hint = match near.as_slice() {
        [] => String::new(),
        list => {
            let items: Vec<String> = list.iter().map(|(s, n)| format!("{s} ({n})")).collect();
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            format!("; did you mean {}?", crate::table::or_list(&items))
        }
    };
    anyhow::anyhow!("unknown instrument `{name}`{hint} (`{listing}` lists them all)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_their_instrument() {
        let reg = Registry::builtin().expect("registry");
        let first = |q: &str| nearest(&reg, q).first().map(|x| x.0.to_string());
        assert_eq!(first("RUTT").as_deref(), Some("^RUT"));
        assert_eq!(first("Russel").as_deref(), Some("^RUT"));
        assert_eq!(first("SPX500").as_deref(), Some("^GSPC"));
        assert!(nearest(&reg, "zzzzqqq").is_empty());
    }
}
