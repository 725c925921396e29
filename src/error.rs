//! The crate's one error type.
//!
//! Every failure a user can cause (bad arguments, malformed CSV or NDJSON, corrupt bytes handed to a
//! decoder, a broken cache file, an HTTP failure) becomes an [`Error`] that says *what* failed and
//! *where* (file, line, byte offset). Decoders return [`Error::Corrupt`] and never panic on input.

use std::fmt;

/// The result type used throughout metricpress.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong, with enough context to act on it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// Bytes handed to a decoder are not a valid encoding (truncated, bit-flipped, hostile).
    Corrupt {
        /// The format being decoded (a rung name, "cache", ...).
        format: &'static str,
        /// Byte offset at which the problem was found, when known.
        offset: Option<usize>,
        /// What was wrong.
        detail: String,
    },
    /// A text input (CSV, NDJSON) could not be parsed.
    Parse {
        /// File name or URL of the input.
        source: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What was wrong, including the column where it applies.
        detail: String,
    },
    /// A data set violates the model's invariants (unsorted labels, length mismatch, ...).
    Invalid(String),
    /// A file-system or network operation failed.
    Io {
        /// The path or URL involved.
        path: String,
        /// The underlying error message.
        detail: String,
    },
    /// A command-line or page setting is not acceptable.
    Usage(String),
    /// A lossless rung decoded to something other than its input.
    Verification {
        /// The rung that failed.
        rung: String,
        /// The first difference found.
        detail: String,
    },
    /// The user asked to stop.
    Cancelled,
}

impl Error {
    /// A decoder found corrupt bytes at `offset`.
    pub fn corrupt_at(format: &'static str, offset: usize, detail: impl Into<String>) -> Self {
        Error::Corrupt {
            format,
            offset: Some(offset),
            detail: detail.into(),
        }
    }

    /// A decoder found corrupt bytes (no precise offset).
    pub fn corrupt(format: &'static str, detail: impl Into<String>) -> Self {
        Error::Corrupt {
            format,
            offset: None,
            detail: detail.into(),
        }
    }

    /// A parse error in `source` at 1-based `line`.
    pub fn parse(source: impl Into<String>, line: Option<u64>, detail: impl Into<String>) -> Self {
        Error::Parse {
            source: source.into(),
            line,
            detail: detail.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<String>, err: impl fmt::Display) -> Self {
        Error::Io {
            path: path.into(),
            detail: err.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Corrupt {
                format,
                offset: Some(o),
                detail,
            } => write!(f, "corrupt {format} data at byte {o}: {detail}"),
            Error::Corrupt {
                format,
                offset: None,
                detail,
            } => write!(f, "corrupt {format} data: {detail}"),
            Error::Parse {
                source,
                line: Some(l),
                detail,
            } => write!(f, "{source}, line {l}: {detail}"),
            Error::Parse {
                source,
                line: None,
                detail,
            } => write!(f, "{source}: {detail}"),
            Error::Invalid(d) => write!(f, "invalid data set: {d}"),
            Error::Io { path, detail } => write!(f, "{path}: {detail}"),
            Error::Usage(d) => write!(f, "{d}"),
            Error::Verification { rung, detail } => {
                write!(f, "rung {rung} did not round-trip: {detail}")
            }
            Error::Cancelled => write!(f, "cancelled"),
        }
    }
}

impl std::error::Error for Error {}
