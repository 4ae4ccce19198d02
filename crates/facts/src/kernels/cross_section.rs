//! Cross-sections: ranking a basket by return over one window.
//!
//! Method `cross_section.return` v1: each member's return over the window
//! (period-return method, own base close), sorted from best to worst (ties
//! keep basket order); breadth is the number of members with a return > 0.

/// One ranked member.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Symbol.
    pub symbol: String,
    /// Return in percent.
    pub return_pct: f64,
}

/// Ranking and breadth of a basket.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossSection {
    /// Members from best to worst.
    pub ranked: Vec<Ranked>,
    /// Members with a return > 0.
    pub n_up: usize,
    /// Members with a return < 0.
    pub n_down: usize,
}

/// Ranks `(symbol, return_pct)` pairs best first.
pub fn rank_members(members: &[(String, f64)]) -> CrossSection {
    let mut ranked: Vec<Ranked> = members
        .iter()
        .map(|(s, r)| Ranked {
            symbol: s.clone(),
            return_pct: *r,
        })
        .collect();
    ranked.sort_by(|a, b| b.return_pct.total_cmp(&a.return_pct));
    CrossSection {
        n_up: members.iter().filter(|(_, r)| *r > 0.0).count(),
        n_down: members.iter().filter(|(_, r)| *r < 0.0).count(),
        ranked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_best_first_with_breadth() {
        let m = vec![
            ("XLK".to_string(), -0.5),
            ("XLI".to_string(), 0.43),
            ("XLE".to_string(), 0.0),
        ];
        let cs = rank_members(&m);
        assert_eq!(cs.ranked[0].symbol, "XLI");
        assert_eq!(cs.ranked[2].symbol, "XLK");
        assert_eq!((cs.n_up, cs.n_down), (1, 1));
    }
}
