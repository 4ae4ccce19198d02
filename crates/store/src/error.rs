//! The store's error type.
//!
//! Every problem found in an input file is a [`StoreError::Input`] that names
//! the file, the 1-based line and column, what is wrong and what to do about
//! it, so that a user can fix the file without reading our code.

use std::fmt;
use std::path::PathBuf;

/// What is wrong with an input file; carried by [`StoreError::Input`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    /// The file has no bytes (or no header line).
    Empty,
    /// The file is not text (NUL bytes or invalid UTF-8 in the header).
    Binary,
    /// The file is larger than the configured limit.
    TooLarge,
    /// The header matches none of the supported formats.
    UnknownFormat,
    /// A file stem or column names no instrument in the registry.
    UnknownSymbol,
    /// A row has fewer or more fields than the header (often a truncated last line).
    FieldCount,
    /// A cell that must hold a number holds text.
    NotANumber,
    /// A date cell is not a valid calendar date (e.g. 2023-02-30).
    BadDate,
    /// The same date appears twice in one file with different values.
    DuplicateDate,
    /// A price (or volume) is zero or negative.
    NonPositive,
    /// The CSV syntax itself is broken (e.g. an unterminated quote).
    Syntax,
}

impl InputProblem {
    /// A short stable name, used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            InputProblem::Empty => "empty",
            InputProblem::Binary => "binary",
            InputProblem::TooLarge => "too_large",
            InputProblem::UnknownFormat => "unknown_format",
            InputProblem::UnknownSymbol => "unknown_symbol",
            InputProblem::FieldCount => "field_count",
            InputProblem::NotANumber => "not_a_number",
            InputProblem::BadDate => "bad_date",
            InputProblem::DuplicateDate => "duplicate_date",
            InputProblem::NonPositive => "non_positive",
            InputProblem::Syntax => "syntax",
        }
    }
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors from reading files, importing them and querying the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A problem in an input file, located to the cell.
    #[error("{}:{line}:{column}: {message}\n  help: {help}", path.display())]
    Input {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when the problem concerns the whole file).
        line: u64,
        /// 1-based column (0 when the problem concerns the whole line or file).
        column: u64,
        /// Machine-readable kind.
        problem: InputProblem,
        /// What is wrong, in one sentence.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// Reading a file or folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The SQLite database failed.
    #[error("store database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The store file holds data this version cannot read.
    #[error("store database is corrupt or from another version: {0}")]
    Corrupt(String),
    /// The instrument registry is broken.
    #[error(transparent)]
    Registry(#[from] model::RegistryError),
    /// A consolidated series broke the Series invariant (a bug).
    #[error(transparent)]
    Series(#[from] model::series::SeriesError),
    /// A symbol asked for is not in the registry.
    #[error("unknown instrument `{0}`; see crates/model/registry.toml for the symbols and aliases marketproof knows")]
    UnknownInstrument(String),
}

impl StoreError {
    /// The input problem kind, if this is an input error.
    pub fn input_problem(&self) -> Option<InputProblem> {
        match self {
            StoreError::Input { problem, .. } => Some(*problem),
            _ => None,
        }
    }
}

/// Builds an [`StoreError::Input`].
pub(crate) fn input_error(
    path: &std::path::Path,
    line: u64,
    column: u64,
    problem: InputProblem,
    message: impl Into<String>,
    help: impl Into<String>,
) -> StoreError {
    StoreError::Input {
        path: path.to_path_buf(),
        line,
        column,
        problem,
        message: message.into(),
        help: help.into(),
    }
}
