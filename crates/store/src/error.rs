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
    /// The path is not a regular file (a device, a FIFO, a socket, a folder
    /// named `*.csv`, or a symlink to one of them).
    NotAFile,
    /// A cell is longer than the configured limit.
    CellTooLong,
    /// A record (row) is longer than the configured limit.
    RecordTooLong,
    /// Two columns of one file hold the same instrument and field.
    DuplicateColumn,
    /// A date outside the range that makes sense for the kind of series.
    DateOutOfRange,
    /// A number no market series can hold (e.g. -1e308 for a rate).
    Implausible,
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
            InputProblem::NotAFile => "not_a_file",
            InputProblem::CellTooLong => "cell_too_long",
            InputProblem::RecordTooLong => "record_too_long",
            InputProblem::DuplicateColumn => "duplicate_column",
            InputProblem::DateOutOfRange => "date_out_of_range",
            InputProblem::Implausible => "implausible",
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
    /// One import would read more files or bytes than its limits allow;
    /// nothing was read.
    #[error("{}: {found} {what} to import, above the limit of {limit} per import\n  help: {help}", path.display())]
    TooMuch {
        /// The folder or file given.
        path: PathBuf,
        /// `files` or `bytes`.
        what: &'static str,
        /// How many were found (for files: at least this many).
        found: u64,
        /// The limit.
        limit: u64,
        /// What to do.
        help: &'static str,
    },
    /// Another process holds the store's write lock and did not release it
    /// within the wait allowed.
    #[error("{}", busy_message(path, *waited, writer.as_deref()))]
    Busy {
        /// The store file.
        path: PathBuf,
        /// How long this process waited.
        waited: std::time::Duration,
        /// Who holds the lock, when it said so (pid, command, since when).
        writer: Option<String>,
    },
    /// The import would remove observations (a file replaced by a shorter
    /// or empty version); nothing was written.
    #[error("{}", shrink_message(files))]
    WouldShrink {
        /// Every file that would lose observations.
        files: Vec<Shrink>,
    },
    /// SQLite failed in a way the user can act on (disk full, read-only
    /// file, not a database, a constraint the import broke).
    #[error("{}: {message}\n  help: {help}", path.display())]
    Database {
        /// The store file.
        path: PathBuf,
        /// What happened.
        message: String,
        /// What to do.
        help: String,
        /// SQLite's error.
        #[source]
        source: Box<rusqlite::Error>,
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

/// One file whose new version holds fewer observations than the stored one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Shrink {
    /// Path relative to the imported folder.
    pub path: String,
    /// Observations stored now.
    pub before: usize,
    /// Observations in the new version.
    pub after: usize,
    /// Stored observations (instrument, field, date) the new version lacks.
    pub lost: usize,
}

fn busy_message(
    path: &std::path::Path,
    waited: std::time::Duration,
    writer: Option<&str>,
) -> String {
    let who = writer.map_or_else(
        || "another process (another `marketproof import`?)".to_string(),
        |w| format!("another process ({w})"),
    );
    format!(
        "the store {} is busy: {who} is writing to it, and it was still busy after waiting {:.1} s\n  \
         help: let that import finish and run this again, or wait longer with --busy-timeout SECONDS",
        path.display(),
        waited.as_secs_f64()
    )
}

fn shrink_message(files: &[Shrink]) -> String {
    let lost: usize = files.iter().map(|f| f.lost).sum();
    let mut out = format!(
        "this import would remove {lost} stored observations from {} file{}; nothing was written",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    );
    for f in files.iter().take(10) {
        out.push_str(&format!(
            "\n  {}: {} observations stored, {} in the new version, {} would be lost",
            f.path, f.before, f.after, f.lost
        ));
    }
    if files.len() > 10 {
        out.push_str(&format!("\n  ... and {} more files", files.len() - 10));
    }
    out.push_str(
        "\n  help: if the shorter files are right (a source really was cut back), run the import \
         again with --allow-shrink; otherwise restore the full files",
    );
    out
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

impl StoreError {
    /// Turns a raw SQLite error of the store at `path` into one that names
    /// the file and says what to do; other errors pass through. `waited` is
    /// the busy timeout in force (for [`StoreError::Busy`]).
    pub(crate) fn in_store(
        self,
        path: Option<&std::path::Path>,
        waited: std::time::Duration,
    ) -> StoreError {
        use rusqlite::ErrorCode as C;
        let StoreError::Sql(source) = self else {
            return self;
        };
        let Some(path) = path else {
            return StoreError::Sql(source);
        };
        let (message, help) = match source.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => {
                return StoreError::Busy {
                    path: path.to_path_buf(),
                    waited,
                    writer: crate::writer::read(path),
                }
            }
            Some(C::DiskFull) => (
                "the disk holding the store is full".to_string(),
                "free some space (an import needs room for the data it writes, and its \
                 -wal file grows to about that size) and run it again; nothing was written",
            ),
            Some(C::ReadOnly) => (
                "the store file cannot be written (read-only file or folder)".to_string(),
                "make the file and its folder writable, or pass --store PATH to a writable place",
            ),
            Some(C::CannotOpen | C::PermissionDenied) => (
                "the store file cannot be opened".to_string(),
                "check that its folder exists and that you may read and write it, or pass \
                 --store PATH",
            ),
            Some(C::NotADatabase) => (
                "this file is not a marketproof store (not an SQLite database)".to_string(),
                "pass --store PATH naming a store file, or move this file out of the way",
            ),
            Some(C::DatabaseCorrupt) => (
                "the store file is damaged".to_string(),
                "delete it (with its -wal and -shm files) and import the data again",
            ),
            Some(C::SystemIoFailure) => (
                format!("reading or writing the store failed: {source}"),
                "check the disk and the file system; nothing of this import was kept",
            ),
            Some(C::ConstraintViolation) => (
                format!("the import broke a rule of the store ({source})"),
                "another process may have written the store at the same moment; run the \
                 import again, and report the message if it fails twice",
            ),
            _ => return StoreError::Sql(source),
        };
        StoreError::Database {
            path: path.to_path_buf(),
            message,
            help: help.to_string(),
            source: Box::new(source),
        }
    }
}
