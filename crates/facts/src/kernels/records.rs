//! Records and "highest/lowest since".
//!
//! Method `record.close` v1 / `record.high` v1: session `i` is a record when
//! its value (close, or intraday high) is strictly above every earlier value
//! of the same series. The previous record is the earliest session at which
//! the highest earlier value was reached. Record close and record intraday
//! high are different facts and are never mixed.
//!
//! Method `level.since` v1: "lowest close since X" — X is the last earlier
//! session whose close is ≤ today's; "highest close since X" — the last
//! earlier session whose close is ≥ today's; none means on record.

/// Record status of one session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordStatus {
    /// Whether `values[i]` is above every earlier value.
    pub is_record: bool,
    /// Index of the highest earlier value (first time reached), if any.
    pub previous_record: Option<usize>,
    /// Index of the latest record up to and including `i` (i itself when a record).
    pub latest_record: usize,
    /// Sessions from the latest record to `i` (0 when `i` is a record).
    pub sessions_since_record: usize,
}

/// Record status of `values[i]`, reading `values[..=i]` only.
///
/// # Panics
/// Never for `i < values.len()`; callers check that bound.
pub fn record_status(values: &[f64], i: usize) -> RecordStatus {
    let mut prev: Option<usize> = None;
    for (j, &v) in values[..i].iter().enumerate() {
        if prev.is_none_or(|p| v > values[p]) {
            prev = Some(j);
        }
    }
    let is_record = prev.is_none_or(|p| values[i] > values[p]);
    let latest = if is_record { i } else { prev.unwrap_or(i) };
    RecordStatus {
        is_record,
        previous_record: prev,
        latest_record: latest,
        sessions_since_record: i - latest,
    }
}

/// Last index `j < i` with `values[j] <= values[i]` ("lowest since").
pub fn lowest_since(values: &[f64], i: usize) -> Option<usize> {
    values[..i].iter().rposition(|v| *v <= values[i])
}

/// Last index `j < i` with `values[j] >= values[i]` ("highest since").
pub fn highest_since(values: &[f64], i: usize) -> Option<usize> {
    values[..i].iter().rposition(|v| *v >= values[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_since() {
        let v = [1.0, 3.0, 2.0, 3.0, 4.0, 2.5];
        assert!(record_status(&v, 0).is_record);
        let s = record_status(&v, 3);
        assert!(!s.is_record, "equal to the record is not a record");
        assert_eq!(s.previous_record, Some(1));
        assert_eq!(s.sessions_since_record, 2);
        let s = record_status(&v, 4);
        assert!(s.is_record);
        assert_eq!(s.previous_record, Some(1));
        assert_eq!(lowest_since(&v, 5), Some(2));
        assert_eq!(highest_since(&v, 5), Some(4));
        assert_eq!(highest_since(&v, 4), None);
    }
}
