//! The error that stops reading.
//!
//! [`Error`] is returned when nothing (or nothing more) can be read: the input is not an image
//! archive, the reader failed, the work was cancelled. Errors that stop one layer or one image, but
//! not the whole archive, become a [`Problem`](crate::problem::Problem) of the matching
//! [`ProblemKind`] next to whatever could still be read: the analysis never gives up on the rest
//! of an archive because one part is bad.

use crate::problem::ProblemKind;
use std::fmt;

/// Everything that can stop reading.
#[derive(Debug)]
pub enum Error {
    /// An I/O error from the underlying reader.
    Io {
        /// The member being read, if any.
        member: Option<String>,
        /// The reader's error.
        source: std::io::Error,
    },
    /// The reader was asked to stop (see [`crate::progress::Cancel`]).
    Cancelled,
    /// The input cannot be read (further), for the reason the kind gives: not an archive, not an
    /// image, truncated, a broken JSON document or layer, a compression the core cannot read.
    Unreadable(ProblemKind),
}

impl Error {
    /// The problem this error is reported as.
    pub fn kind(&self) -> ProblemKind {
        match self {
            Error::Io { member, source } => ProblemKind::Io { member: member.clone(), detail: source.to_string() },
            Error::Cancelled => ProblemKind::Cancelled,
            Error::Unreadable(kind) => kind.clone(),
        }
    }

    /// A short, stable, machine-readable code for this error (as in `problems[].code`).
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Maps an I/O error met while reading `member` to the most specific variant.
    pub fn from_io(member: Option<&str>, e: std::io::Error) -> Error {
        let member = member.map(str::to_owned);
        if crate::progress::is_cancel(&e) {
            return Error::Cancelled;
        }
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            return Error::Unreadable(ProblemKind::Truncated { member, detail: e.to_string() });
        }
        Error::Io { member, source: e }
    }
}

impl From<ProblemKind> for Error {
    fn from(kind: ProblemKind) -> Error {
        Error::Unreadable(kind)
    }
}

/// The English sentence of the error's [`ProblemKind`].
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unreadable(kind) => write!(f, "{kind}"),
            other => write!(f, "{}", other.kind()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn io_errors_keep_their_source_and_cancellation_is_recognised_by_type() {
        let e = Error::from_io(Some("a.tar"), std::io::Error::other("disk on fire"));
        assert_eq!(e.code(), "io");
        assert_eq!(e.source().map(ToString::to_string).as_deref(), Some("disk on fire"));
        assert_eq!(e.to_string(), "read error in a.tar: disk on fire");
        let cancelled = Error::from_io(None, crate::progress::cancelled_error());
        assert!(matches!(cancelled, Error::Cancelled), "{cancelled:?}");
        // Wrapped once more (as tar-rs wraps a reader's error), it is still cancellation.
        let wrapped = std::io::Error::other(Wrapper(crate::progress::cancelled_error()));
        assert!(matches!(Error::from_io(None, wrapped), Error::Cancelled));
        let eof = Error::from_io(None, std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
        assert!(matches!(eof, Error::Unreadable(ProblemKind::Truncated { .. })));
        assert!(eof.source().is_none());
    }

    #[derive(Debug)]
    struct Wrapper(std::io::Error);
    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{} when reading", self.0)
        }
    }
    impl std::error::Error for Wrapper {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
}
