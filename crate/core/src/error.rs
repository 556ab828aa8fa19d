//! Errors and problems.
//!
//! [`Error`] is the one error type of the core: every variant is matchable and carries the context a
//! user needs to act (which image, which layer, which archive member). Errors that stop one layer or
//! one image, but not the whole archive, are turned into a [`Problem`] and reported next to whatever
//! could still be read: the analysis never gives up on the rest of an archive because one part is bad.

use serde::Serialize;
use std::fmt;

/// Everything that can go wrong while reading an archive.
#[derive(Debug)]
pub enum Error {
    /// The outer file is not a tar archive (nor a gzip/xz/zstd-compressed one).
    NotAnArchive { detail: String },
    /// The archive is a tar file but holds no `manifest.json`, `index.json` or `repositories`.
    NotAnImage { detail: String },
    /// The archive ended in the middle of a member or a header.
    Truncated { member: Option<String>, detail: String },
    /// An I/O error from the underlying reader.
    Io { member: Option<String>, source: std::io::Error },
    /// The reader was asked to stop (see [`crate::progress::Cancel`]).
    Cancelled,
    /// A JSON document (manifest, index, config) could not be parsed.
    BadJson { member: String, detail: String },
    /// A member that an image needs is not in the archive.
    MissingBlob { image: Option<usize>, layer: Option<usize>, member: String },
    /// A digest did not match the bytes it names.
    DigestMismatch { image: Option<usize>, layer: Option<usize>, what: &'static str, expected: String, actual: String },
    /// A compression format the core cannot read.
    UnsupportedCompression { member: String, detail: String },
    /// A layer's tar stream is broken.
    BadLayer { member: String, detail: String },
}

impl Error {
    /// A short, stable, machine-readable code for this error (used in `problems[].code`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotAnArchive { .. } => "not-an-archive",
            Error::NotAnImage { .. } => "not-an-image",
            Error::Truncated { .. } => "truncated",
            Error::Io { .. } => "io",
            Error::Cancelled => "cancelled",
            Error::BadJson { .. } => "bad-json",
            Error::MissingBlob { .. } => "missing-blob",
            Error::DigestMismatch { .. } => "digest-mismatch",
            Error::UnsupportedCompression { .. } => "unsupported-compression",
            Error::BadLayer { .. } => "bad-layer",
        }
    }

    /// Maps an I/O error met while reading `member` to the most specific variant.
    pub fn from_io(member: Option<&str>, e: std::io::Error) -> Error {
        let member = member.map(str::to_owned);
        if crate::progress::is_cancel(&e) {
            return Error::Cancelled;
        }
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            return Error::Truncated { member, detail: e.to_string() };
        }
        Error::Io { member, source: e }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ctx = |image: &Option<usize>, layer: &Option<usize>| match (image, layer) {
            (Some(i), Some(l)) => format!("image {i}, layer {l}: "),
            (Some(i), None) => format!("image {i}: "),
            (None, Some(l)) => format!("layer {l}: "),
            (None, None) => String::new(),
        };
        match self {
            Error::NotAnArchive { detail } => write!(
                f,
                "not an image archive: {detail} (expected the tar file written by `docker save`, \
                 `podman save`, `skopeo copy` or an OCI image layout, optionally gzip/xz compressed)"
            ),
            Error::NotAnImage { detail } => write!(
                f,
                "this tar file is not a container image: {detail} (no manifest.json, index.json or repositories)"
            ),
            Error::Truncated { member: Some(m), detail } => {
                write!(f, "the archive is truncated inside {m}: {detail}")
            }
            Error::Truncated { member: None, detail } => write!(f, "the archive is truncated: {detail}"),
            Error::Io { member: Some(m), source } => write!(f, "read error in {m}: {source}"),
            Error::Io { member: None, source } => write!(f, "read error: {source}"),
            Error::Cancelled => write!(f, "cancelled"),
            Error::BadJson { member, detail } => {
                write!(f, "{member} is not valid JSON of the expected shape: {detail}")
            }
            Error::MissingBlob { image, layer, member } => {
                write!(f, "{}{member} is referenced but not in the archive", ctx(image, layer))
            }
            Error::DigestMismatch { image, layer, what, expected, actual } => write!(
                f,
                "{}{what} digest mismatch: expected {expected}, the bytes hash to {actual}",
                ctx(image, layer)
            ),
            Error::UnsupportedCompression { member, detail } => {
                write!(f, "{member}: unsupported compression: {detail}")
            }
            Error::BadLayer { member, detail } => write!(f, "{member}: broken layer tar: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the user asked for could not be read or is wrong (a missing layer, a bad digest).
    Error,
    /// Something odd that does not change the analysis much (an unreferenced blob, a dangling whiteout).
    Warning,
}

/// Something reported next to the analysis, not instead of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `digest-mismatch`.
    pub code: String,
    /// A sentence a user can act on.
    pub message: String,
    /// The image (index into `images`) it concerns, if any.
    pub image: Option<usize>,
    /// The layer (index within the image) it concerns, if any.
    pub layer: Option<usize>,
}

impl Problem {
    /// A problem made from an [`Error`].
    pub fn from_error(e: &Error, image: Option<usize>, layer: Option<usize>) -> Problem {
        Problem { severity: Severity::Error, code: e.code().into(), message: e.to_string(), image, layer }
    }

    /// A warning with a code and a message.
    pub fn warning(code: &str, message: impl Into<String>, image: Option<usize>, layer: Option<usize>) -> Problem {
        Problem { severity: Severity::Warning, code: code.into(), message: message.into(), image, layer }
    }

    /// An error-severity problem with a code and a message.
    pub fn error(code: &str, message: impl Into<String>, image: Option<usize>, layer: Option<usize>) -> Problem {
        Problem { severity: Severity::Error, code: code.into(), message: message.into(), image, layer }
    }
}
