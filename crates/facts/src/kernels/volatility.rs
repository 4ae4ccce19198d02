//! Volatility of daily returns.
//!
//! Method `volatility.std` v1: the standard deviation of the daily returns
//! (close / previous close − 1) of the window's sessions — the first return
//! is the window's first session over the base close before it — sample
//! (divisor n − 1) or population (divisor n), in percent; annualised by
//! multiplying by √252 when asked. Which one was used is stated in the Fact.

/// Trading sessions per year used to annualise.
pub const SESSIONS_PER_YEAR: f64 = 252.0;

/// Standard deviation of `returns` (fractions) in percent; `None` with fewer
/// than 2 returns for a sample, or none for a population.
pub fn std_dev_pct(returns: &[f64], sample: bool, annualised: bool) -> Option<f64> {
    let n = returns.len();
    if n == 0 || (sample && n < 2) {
        return None;
    }
    let mean = returns.iter().sum::<f64>() / n as f64;
    let ss: f64 = returns.iter().map(|r| (r - mean) * (r - mean)).sum();
    let divisor = if sample { n - 1 } else { n } as f64;
    let sd = (ss / divisor).sqrt() * 100.0;
    Some(if annualised {
        sd * SESSIONS_PER_YEAR.sqrt()
    } else {
        sd
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_and_population() {
        let r = [0.01, -0.01, 0.02, 0.0];
        // mean 0.005; squared deviations sum 0.0005 (hand).
        let pop = std_dev_pct(&r, false, false).expect("pop");
        let samp = std_dev_pct(&r, true, false).expect("sample");
        assert!((pop - (0.0005f64 / 4.0).sqrt() * 100.0).abs() < 1e-12);
        assert!((samp - (0.0005f64 / 3.0).sqrt() * 100.0).abs() < 1e-12);
        let ann = std_dev_pct(&r, true, true).expect("ann");
        assert!((ann - samp * 252f64.sqrt()).abs() < 1e-12);
        assert_eq!(std_dev_pct(&[0.01], true, false), None);
    }
}
