//! Problems: everything the core reports next to an analysis, as typed kinds.
//!
//! A [`ProblemKind`] holds the facts of one problem (which member, which path, which digests). Its
//! stable machine code ([`ProblemKind::code`]), its severity and its English sentence are derived
//! from it; front ends word a problem in their own language from the kind itself. The JSON form of a
//! [`Problem`] (`strata inspect --json`, `problems[]`) is `{severity, code, message, image, layer}`.

use crate::detect::Compression;
use crate::digest::Digest;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the user asked for could not be read or is wrong (a missing layer, a bad digest).
    Error,
    /// Something odd that does not change the analysis much (an unreferenced blob, a dangling whiteout).
    Warning,
}

impl Severity {
    /// `error` or `warning`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which of an image's digests a [`ProblemKind::DigestMismatch`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigestCheck {
    /// A layer's uncompressed tar against the config's `rootfs.diff_ids` entry.
    DiffId,
    /// A layer's stored blob against the digest the manifest names it by.
    Blob,
    /// A layer's stored blob against the digest spelled in its member name (`<hex>.tar`).
    FileName,
    /// The image config document against the digest it is named by.
    Config,
    /// An image manifest against the digest its index names it by.
    Manifest,
}

impl DigestCheck {
    /// The words the English message uses.
    pub fn as_str(self) -> &'static str {
        match self {
            DigestCheck::DiffId => "diff_id",
            DigestCheck::Blob => "blob",
            DigestCheck::FileName => "file name",
            DigestCheck::Config => "config",
            DigestCheck::Manifest => "manifest",
        }
    }
}

/// Why a file is not an image archive at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
pub enum NotArchiveReason {
    /// The file has no bytes.
    Empty,
    /// Its first 512 bytes are no tar header (and no known compression either).
    NotTar,
    /// It is compressed, but what is inside is not a tar archive.
    CompressedNotTar {
        /// The outer compression.
        compression: Compression,
    },
    /// It starts like zstd but the stream cannot be opened.
    BrokenZstd {
        /// The decoder's words.
        detail: String,
    },
}

/// Why a tar archive holds no container image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
pub enum NotImageReason {
    /// The archive holds no files.
    NoFiles,
    /// Its `manifest.json` lists no images.
    EmptyManifest,
    /// It has no `index.json` to read.
    NoIndex,
    /// It holds other files.
    Holds {
        /// How many files.
        count: usize,
        /// The first few of their names.
        examples: Vec<String>,
    },
}

impl fmt::Display for NotArchiveReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotArchiveReason::Empty => write!(f, "the file is empty"),
            NotArchiveReason::NotTar => write!(f, "its first 512 bytes are not a tar header"),
            NotArchiveReason::CompressedNotTar { compression } => {
                write!(f, "it is {}-compressed, but what is inside is not a tar archive", compression.name())
            }
            NotArchiveReason::BrokenZstd { detail } => write!(f, "broken zstd stream: {detail}"),
        }
    }
}

impl fmt::Display for NotImageReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotImageReason::NoFiles => write!(f, "the archive holds no files"),
            NotImageReason::EmptyManifest => write!(f, "its manifest.json lists no images"),
            NotImageReason::NoIndex => write!(f, "no index.json"),
            NotImageReason::Holds { count, examples } => {
                write!(f, "it holds {count} files such as {}", examples.join(", "))
            }
        }
    }
}

/// Every problem the core can report, with its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The outer file is not a tar archive (nor a compressed one).
    NotAnArchive {
        /// What was found instead.
        why: NotArchiveReason,
    },
    /// A tar file that holds no `manifest.json`, `index.json` or `repositories`.
    NotAnImage {
        /// What it holds instead.
        why: NotImageReason,
    },
    /// The archive ends inside a member or a header.
    Truncated {
        /// The member that was being read, if any.
        member: Option<String>,
        /// The reader's words.
        detail: String,
    },
    /// A member ends before its declared size (the archive was cut).
    MemberCut {
        /// The member.
        member: String,
        /// Bytes that could be read.
        read: u64,
        /// Bytes its header declares.
        size: u64,
    },
    /// The outer archive's tar headers stop making sense.
    BrokenStructure {
        /// The member being read, if any.
        member: Option<String>,
        /// The tar reader's words.
        detail: String,
    },
    /// The underlying reader failed.
    Io {
        /// The member that was being read, if any.
        member: Option<String>,
        /// The reader's words.
        detail: String,
    },
    /// The work was stopped on request.
    Cancelled,
    /// A JSON document could not be parsed, or has the wrong shape.
    BadJson {
        /// The document's member name.
        member: String,
        /// The parser's words.
        detail: String,
    },
    /// `manifest.json` is JSON, but not a list of images.
    ManifestNotAList,
    /// A member that an image needs is not in the archive.
    MissingBlob {
        /// The member name the image refers to.
        member: String,
    },
    /// A digest did not match the bytes it names.
    DigestMismatch {
        /// Which digest.
        what: DigestCheck,
        /// The digest the archive claims.
        expected: Digest,
        /// The digest of the bytes.
        actual: Digest,
    },
    /// A compression format the core cannot read (bzip2).
    UnsupportedCompression {
        /// The layer's member; `None` for the archive as a whole.
        member: Option<String>,
        /// The format.
        compression: Compression,
    },
    /// A layer's tar stream is broken.
    BadLayer {
        /// The layer's member name.
        member: String,
        /// The reader's words.
        detail: String,
    },
    /// A layer's compressed stream is corrupt.
    CorruptStream {
        /// The layer's member name.
        member: String,
        /// Its compression.
        compression: Compression,
        /// The decoder's words.
        detail: String,
    },
    /// The config lists a different number of diff_ids than the manifest lists layers.
    LayerCountMismatch {
        /// Entries of `rootfs.diff_ids`.
        config: usize,
        /// Layers in the manifest.
        manifest: usize,
    },
    /// The history's non-empty steps do not map one to one onto the layers.
    HistoryMismatch,
    /// A `manifest.json` entry names no config; it was skipped.
    BadManifest {
        /// Position of the entry (0-based).
        entry: usize,
    },
    /// The parent chain of a v1 image loops.
    BadParentChain {
        /// The image's top layer id.
        id: String,
    },
    /// Indexes nested deeper than the core follows.
    IndexTooDeep {
        /// The index document.
        member: String,
    },
    /// An index descriptor without a valid digest.
    BadDescriptor {
        /// The index document.
        member: String,
    },
    /// A build-provenance (attestation) manifest, which is not an image, was skipped.
    AttestationSkipped {
        /// The manifest's digest.
        digest: Digest,
    },
    /// A manifest an index names is not in the archive (typically another platform).
    AbsentManifest {
        /// The manifest's digest.
        digest: Digest,
        /// The platform the index gives it, if any.
        platform: Option<String>,
    },
    /// A manifest without a config descriptor was skipped.
    NoConfigDescriptor {
        /// The manifest document.
        member: String,
    },
    /// An OCI artifact that is not an image was skipped.
    ArtifactSkipped {
        /// The artifact's config digest.
        digest: Digest,
        /// Its artifact or config media type.
        artifact_type: String,
    },
    /// A layer entry of a tar type the core does not know was skipped.
    UnknownEntryType {
        /// The layer's member name.
        member: String,
        /// The tar type flag.
        entry_type: char,
    },
    /// A layer entry whose path climbs above the root was left out.
    EntryEscapesRoot {
        /// The layer's member name.
        member: String,
        /// The entry's path as written.
        path: String,
    },
    /// An archive member whose name climbs above the archive root was skipped.
    MemberEscapesRoot {
        /// The member's name as written.
        name: String,
    },
    /// A hardlink with an empty or escaping target was left out.
    BadHardlink {
        /// The layer's member name.
        member: String,
        /// The hardlink's path.
        path: String,
    },
    /// A whiteout for a path that no lower layer has.
    DanglingWhiteout {
        /// The layer holding the whiteout.
        layer: usize,
        /// The path it deletes.
        path: String,
    },
    /// A hardlink to a path that does not exist.
    DanglingHardlink {
        /// The layer holding the hardlink.
        layer: usize,
        /// The hardlink's path.
        path: String,
        /// The path it points to.
        target: String,
    },
}

impl ProblemKind {
    /// A short, stable, machine-readable code (`problems[].code` in the JSON).
    pub fn code(&self) -> &'static str {
        use ProblemKind::*;
        match self {
            NotAnArchive { .. } => "not-an-archive",
            NotAnImage { .. } | NoConfigDescriptor { .. } => "not-an-image",
            Truncated { .. } | MemberCut { .. } | BrokenStructure { .. } => "truncated",
            Io { .. } => "io",
            Cancelled => "cancelled",
            BadJson { .. } | ManifestNotAList => "bad-json",
            MissingBlob { .. } => "missing-blob",
            DigestMismatch { .. } => "digest-mismatch",
            UnsupportedCompression { .. } => "unsupported-compression",
            BadLayer { .. } | CorruptStream { .. } => "bad-layer",
            LayerCountMismatch { .. } => "layer-count-mismatch",
            HistoryMismatch => "history-mismatch",
            BadManifest { .. } => "bad-manifest",
            BadParentChain { .. } => "bad-parent-chain",
            IndexTooDeep { .. } => "index-too-deep",
            BadDescriptor { .. } => "bad-descriptor",
            AttestationSkipped { .. } => "attestation-skipped",
            AbsentManifest { .. } => "absent-manifest",
            ArtifactSkipped { .. } => "artifact-skipped",
            UnknownEntryType { .. } => "unknown-entry-type",
            EntryEscapesRoot { .. } | MemberEscapesRoot { .. } => "path-escapes-root",
            BadHardlink { .. } => "bad-hardlink",
            DanglingWhiteout { .. } => "dangling-whiteout",
            DanglingHardlink { .. } => "dangling-hardlink",
        }
    }

    /// How bad it is: errors are things asked for that could not be read or are wrong.
    pub fn severity(&self) -> Severity {
        use ProblemKind::*;
        match self {
            NotAnArchive { .. }
            | NotAnImage { .. }
            | Truncated { .. }
            | MemberCut { .. }
            | BrokenStructure { .. }
            | Io { .. }
            | Cancelled
            | BadJson { .. }
            | ManifestNotAList
            | MissingBlob { .. }
            | DigestMismatch { .. }
            | UnsupportedCompression { .. }
            | BadLayer { .. }
            | CorruptStream { .. }
            | LayerCountMismatch { .. }
            | BadManifest { .. }
            | BadParentChain { .. }
            | IndexTooDeep { .. } => Severity::Error,
            HistoryMismatch
            | BadDescriptor { .. }
            | AttestationSkipped { .. }
            | AbsentManifest { .. }
            | NoConfigDescriptor { .. }
            | ArtifactSkipped { .. }
            | UnknownEntryType { .. }
            | EntryEscapesRoot { .. }
            | MemberEscapesRoot { .. }
            | BadHardlink { .. }
            | DanglingWhiteout { .. }
            | DanglingHardlink { .. } => Severity::Warning,
        }
    }

    /// Whether the English message starts with the image and layer it concerns.
    fn located(&self) -> bool {
        matches!(self, ProblemKind::MissingBlob { .. } | ProblemKind::DigestMismatch { .. })
    }
}

/// The English sentence (the CLI's words; without the "image i, layer l: " context a [`Problem`] adds).
impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        match self {
            NotAnArchive { why } => write!(
                f,
                "not an image archive: {why} (expected the tar file written by `docker save`, \
                 `podman save`, `skopeo copy` or an OCI image layout, optionally gzip/xz compressed)"
            ),
            NotAnImage { why } => write!(
                f,
                "this tar file is not a container image: {why} (no manifest.json, index.json or repositories)"
            ),
            Truncated { member: Some(m), detail } => write!(f, "the archive is truncated inside {m}: {detail}"),
            Truncated { member: None, detail } => write!(f, "the archive is truncated: {detail}"),
            MemberCut { member, read, size } => {
                write!(f, "the archive is truncated inside {member}: {member} ends after {read} of its {size} bytes")
            }
            BrokenStructure { member: Some(m), detail } => {
                write!(f, "the archive is truncated inside {m}: the archive's tar structure is broken: {detail}")
            }
            BrokenStructure { member: None, detail } => {
                write!(f, "the archive is truncated: the archive's tar structure is broken: {detail}")
            }
            Io { member: Some(m), detail } => write!(f, "read error in {m}: {detail}"),
            Io { member: None, detail } => write!(f, "read error: {detail}"),
            Cancelled => write!(f, "cancelled"),
            BadJson { member, detail } => write!(f, "{member} is not valid JSON of the expected shape: {detail}"),
            ManifestNotAList => {
                write!(f, "manifest.json is not valid JSON of the expected shape: expected a list of images")
            }
            MissingBlob { member } => write!(f, "{member} is referenced but not in the archive"),
            DigestMismatch { what, expected, actual } => {
                write!(f, "{} digest mismatch: expected {expected}, the bytes hash to {actual}", what.as_str())
            }
            UnsupportedCompression { member: Some(m), compression } => write!(
                f,
                "{m}: unsupported compression: {} layers are not supported by the OCI image spec",
                compression.name()
            ),
            UnsupportedCompression { member: None, compression } => write!(
                f,
                "the archive: unsupported compression: {}; decompress it first ({}) or save it again with gzip",
                compression.name(),
                if *compression == Compression::Bzip2 { "bunzip2" } else { "with its own tool" }
            ),
            BadLayer { member, detail } => write!(f, "{member}: broken layer tar: {detail}"),
            CorruptStream { member, compression, detail } => {
                write!(f, "{member}: broken layer tar: {} stream is corrupt: {detail}", compression.name())
            }
            LayerCountMismatch { config, manifest } => {
                write!(f, "the config lists {config} diff_ids but the manifest {manifest} layers")
            }
            HistoryMismatch => write!(
                f,
                "the history's non-empty steps do not match the layers one to one; instructions may be misplaced"
            ),
            BadManifest { entry } => write!(f, "manifest.json entry {entry} names no Config; skipped"),
            BadParentChain { id } => write!(f, "the parent chain of {id} loops"),
            IndexTooDeep { member } => write!(f, "{member}: indexes nested too deep"),
            BadDescriptor { member } => write!(f, "{member}: a descriptor has no valid digest"),
            AttestationSkipped { digest } => {
                write!(f, "skipped attestation manifest {} (build provenance, not an image)", digest.short())
            }
            AbsentManifest { digest, platform } => {
                let what = platform.as_deref().map(|p| format!(" for {p}")).unwrap_or_default();
                write!(f, "the manifest{what} ({digest}) is not in the archive; only the images present are shown")
            }
            NoConfigDescriptor { member } => write!(f, "{member} has no config descriptor; skipped"),
            ArtifactSkipped { digest, artifact_type } => {
                write!(f, "skipped {} (an OCI artifact of type {artifact_type}, not an image)", digest.short())
            }
            UnknownEntryType { member, entry_type } => {
                write!(f, "{member}: skipped a tar entry of type {entry_type:?}")
            }
            EntryEscapesRoot { member, path } => {
                write!(f, "{member}: entry {path:?} escapes the root and was left out")
            }
            MemberEscapesRoot { name } => {
                write!(f, "archive member {name:?} escapes the archive root and was skipped")
            }
            BadHardlink { member, path } => {
                write!(f, "{member}: hardlink {path} has an empty or escaping target and was left out")
            }
            DanglingWhiteout { layer, path } => write!(f, "layer {layer} deletes {path}, which no lower layer has"),
            DanglingHardlink { layer, path, target } => {
                write!(f, "layer {layer}: hardlink {path} points to {target}, which does not exist")
            }
        }
    }
}

/// Something reported next to the analysis, not instead of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What went wrong, with its data.
    pub kind: ProblemKind,
    /// The image (index into `images`) it concerns, if any.
    pub image: Option<usize>,
    /// The layer (index within the image) it concerns, if any.
    pub layer: Option<usize>,
}

impl Problem {
    /// A problem about `image` and `layer` (either may be unknown).
    pub fn new(kind: ProblemKind, image: Option<usize>, layer: Option<usize>) -> Problem {
        Problem { kind, image, layer }
    }

    /// Error or warning (derived from the kind).
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// The stable machine code (derived from the kind).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The English sentence, as the CLI prints it.
    pub fn message(&self) -> String {
        if !self.kind.located() {
            return self.kind.to_string();
        }
        let at = match (self.image, self.layer) {
            (Some(i), Some(l)) => format!("image {i}, layer {l}: "),
            (Some(i), None) => format!("image {i}: "),
            (None, Some(l)) => format!("layer {l}: "),
            (None, None) => String::new(),
        };
        format!("{at}{}", self.kind)
    }
}

/// The JSON contract: `{severity, code, message, image, layer}`.
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Problem", 5)?;
        s.serialize_field("severity", &self.severity())?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("image", &self.image)?;
        s.serialize_field("layer", &self.layer)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_the_contract_shape_and_located_messages_say_where() {
        let d = |h: &str| Digest::sha256_hex(&h.repeat(64)).unwrap_or_else(|| Digest::sha256(b""));
        let p = Problem::new(
            ProblemKind::DigestMismatch { what: DigestCheck::DiffId, expected: d("a"), actual: d("b") },
            Some(0),
            Some(2),
        );
        let v = serde_json::to_value(&p).unwrap_or_default();
        assert_eq!(v["severity"], "error");
        assert_eq!(v["code"], "digest-mismatch");
        assert_eq!(v["image"], 0);
        assert_eq!(v["layer"], 2);
        let msg = v["message"].as_str().unwrap_or_default();
        assert!(msg.starts_with("image 0, layer 2: diff_id digest mismatch: expected sha256:aaaa"), "{msg}");
        let keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys.len(), 5);

        let w = Problem::new(ProblemKind::DanglingWhiteout { layer: 3, path: "/x".into() }, Some(0), Some(3));
        assert_eq!(w.severity(), Severity::Warning);
        assert_eq!(w.message(), "layer 3 deletes /x, which no lower layer has", "no location prefix");
        assert_eq!(ProblemKind::MemberEscapesRoot { name: "../a".into() }.code(), "path-escapes-root");
        assert_eq!(ProblemKind::NoConfigDescriptor { member: "m".into() }.severity(), Severity::Warning);
    }

    #[test]
    fn kinds_round_trip_through_their_own_serde_form() {
        let k = ProblemKind::AbsentManifest { digest: Digest::sha256(b"x"), platform: Some("linux/arm64".into()) };
        let json = serde_json::to_string(&k).unwrap_or_default();
        assert!(json.contains("\"kind\":\"absent-manifest\""), "{json}");
        assert_eq!(serde_json::from_str::<ProblemKind>(&json).ok(), Some(k));
    }
}
