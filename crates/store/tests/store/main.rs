//! Integration tests of the store: readers on the real files, the
//! consolidation and reconciliation, quality flags, bad input, synthetic
//! (family) series and the conversion of a version-1 store.
//!
//! Expected values were computed independently from the files with small
//! Python 3 `csv` snippets (quoted in comments), never by running this code.

mod bad_input;
mod fuzz;
mod hardening;
mod merge;
mod readers;
mod support;
mod synthetic;
mod truncate;
