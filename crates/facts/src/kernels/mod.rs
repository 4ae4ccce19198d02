//! Pure kernels over slices. Each function documents the method it
//! implements; ids and versions are listed in `docs/methods.md`.
//!
//! Kernels take closes (`&[f64]`) and, where calendars matter, the aligned
//! dates (`&[Date]`). They never look past the slices they are given: the
//! engine cuts every series at the as-of date first.

pub mod base_rate;
pub mod cross_section;
pub mod drawdown;
pub mod event_study;
pub mod moves;
pub mod moving_average;
pub mod rates;
pub mod records;
pub mod returns;
pub mod streaks;
pub mod volatility;
