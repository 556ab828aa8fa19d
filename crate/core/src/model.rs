//! The public result of an analysis: the contract the CLI prints (`strata inspect --json`) and the
//! browser app draws. Extend these types; never rename a serialized field.

use crate::config::{HistoryStep, RunConfig};
use crate::detect::Compression;
use crate::digest::{BlobDigest, DiffId};
use crate::layer::Marker;
use crate::merge::{Change, ChangeKind, MergedSummary, MergedTree};
use crate::problem::{Problem, ProblemKind};
use crate::waste::Waste;
use serde::{Deserialize, Serialize};

/// A whole archive, analysed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    /// The archive file itself.
    pub archive: ArchiveInfo,
    /// Images found, in archive order.
    pub images: Vec<Image>,
    /// Everything that went wrong or looked odd; the rest was still analysed. (Not read back from
    /// JSON: the JSON form words a problem, it does not keep its kind.)
    #[serde(skip_deserializing)]
    pub problems: Vec<Problem>,
    /// How far reading got; `complete` is left out of the JSON (it is all the CLI ever prints).
    #[serde(default, skip_serializing_if = "Stage::is_complete")]
    pub stage: Stage,
}

/// How much of an archive an [`Analysis`] has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// The outer archive's headers and documents only: images, configs and the layer list. No
    /// layer has been opened, so layer sizes, entries, changes and the tree are not known.
    Outline,
    /// Every layer's entry headers too: the stack, the changes and the merged tree; digests are
    /// not checked yet, and "modified" cannot tell changed content from an identical copy.
    Structure,
    /// Every byte read and every digest checked.
    #[default]
    Complete,
}

impl Stage {
    /// Whether every byte has been read.
    pub fn is_complete(&self) -> bool {
        *self == Stage::Complete
    }

    /// Whether the layers' headers are known (sizes, changes, the tree).
    pub fn has_layers(self) -> bool {
        self != Stage::Outline
    }
}

/// How the archive was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveFormat {
    /// `docker save` up to Docker 24, skopeo/podman docker-archive, go-containerregistry, Jib:
    /// `manifest.json` (Docker image spec v1.2).
    #[serde(rename = "docker-archive")]
    DockerArchive,
    /// `docker save` of Docker 25+: `manifest.json` and an OCI image layout side by side.
    #[serde(rename = "docker-archive+oci-layout")]
    DockerArchiveOciLayout,
    /// An OCI image layout (`index.json`, `blobs/`) packed as tar.
    #[serde(rename = "oci-archive")]
    OciArchive,
    /// A pre-1.10 `docker save` (`repositories` and `<id>/json`).
    #[serde(rename = "docker-v1")]
    DockerV1,
}

impl ArchiveFormat {
    /// The name in the JSON, e.g. `docker-archive+oci-layout`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveFormat::DockerArchive => "docker-archive",
            ArchiveFormat::DockerArchiveOciLayout => "docker-archive+oci-layout",
            ArchiveFormat::OciArchive => "oci-archive",
            ArchiveFormat::DockerV1 => "docker-v1",
        }
    }
}

/// Facts about the archive file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchiveInfo {
    /// How it was written.
    pub format: ArchiveFormat,
    /// Compression of the archive as a whole.
    pub compression: Compression,
    /// Size of the archive file in bytes, when known.
    pub size: Option<u64>,
}

/// How a layer's digests checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verified {
    /// Every digest the archive names for this layer matches its bytes.
    Ok,
    /// At least one digest does not match.
    Mismatch,
    /// Nothing to check against, or the blob could not be read.
    Unchecked,
}

impl Verified {
    /// `ok`, `mismatch` or `unchecked`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verified::Ok => "ok",
            Verified::Mismatch => "mismatch",
            Verified::Unchecked => "unchecked",
        }
    }
}

/// What an image's digests say, all checks together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestVerdict {
    /// Reading has not finished: nothing has been checked yet.
    Pending,
    /// Every layer's digests match, and no config or manifest digest failed.
    Verified,
    /// At least one digest (of a layer, the config or a manifest) does not match its bytes.
    Mismatch,
    /// Nothing failed, but some layer had nothing to check against or could not be read.
    Unchecked,
}

/// One image of the archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Image {
    /// Tags (`repo:tag`); empty for untagged images.
    pub tags: Vec<String>,
    /// Image id: the config digest (`sha256:…`); for pre-1.10 v1 images, the top layer id.
    pub id: String,
    /// Operating system.
    pub os: Option<String>,
    /// CPU architecture.
    pub architecture: Option<String>,
    /// Architecture variant.
    pub variant: Option<String>,
    /// Creation time (RFC 3339).
    pub created: Option<String>,
    /// Runtime configuration.
    pub config: RunConfig,
    /// Build history, with each step's layer.
    pub history: Vec<HistoryStep>,
    /// Layers, base first.
    pub layers: Vec<Layer>,
    /// Waste figures.
    pub waste: Waste,
    /// Counts over the merged filesystem.
    pub merged: MergedSummary,
    /// The merged filesystem (not part of `inspect --json`; see `strata ls --merged`).
    #[serde(skip)]
    pub tree: MergedTree,
}

/// One layer of an image.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Layer {
    /// Position in the image, 0 = base.
    pub index: usize,
    /// Digest of the uncompressed tar (from the config; computed when the config has none).
    pub diff_id: Option<DiffId>,
    /// Digest of the stored blob.
    pub digest: Option<BlobDigest>,
    /// Media type from the manifest, if it names one.
    pub media_type: Option<String>,
    /// Compression found by magic bytes (none when the blob is absent).
    pub compression: Option<Compression>,
    /// Stored blob size in bytes.
    pub blob_size: u64,
    /// Uncompressed tar size in bytes.
    pub tar_size: u64,
    /// Sum of the entries' sizes (as dive counts a layer).
    pub size: u64,
    /// Number of tar entries.
    pub entries: u64,
    /// The history step that made the layer.
    pub created_by: Option<String>,
    /// Digest verification.
    pub verified: Verified,
    /// Paths added.
    pub added: usize,
    /// Paths modified.
    pub modified: usize,
    /// Paths deleted.
    pub deleted: usize,
    /// True when another image of the archive has this layer too.
    pub shared: bool,
    /// `.wh.NAME` whiteout markers in the layer tar.
    pub whiteouts: u64,
    /// `.wh..wh..opq` opaque-directory markers in the layer tar.
    pub opaque_dirs: u64,
    /// Symlink entries in the layer tar.
    pub symlinks: u64,
    /// Hardlink entries in the layer tar.
    pub hardlinks: u64,
    /// The changes, row by row (not part of `inspect --json`; see `strata ls --layer`).
    #[serde(skip)]
    pub changes: Vec<Change>,
    /// The whiteout and opaque markers the layer tar holds, in tar order (not part of the JSON;
    /// the figures draw each one in the layer that holds it).
    #[serde(skip)]
    pub markers: Vec<Marker>,
}

impl Image {
    /// `os/architecture[/variant]`, e.g. `linux/arm64/v8` (empty when the config names none).
    pub fn platform(&self) -> String {
        [self.os.as_deref(), self.architecture.as_deref(), self.variant.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The image id as `docker images` shows it (12 hex characters).
    pub fn short_id(&self) -> &str {
        crate::digest::short_id(&self.id)
    }

    /// The instruction that made layer `k` as a Dockerfile line ([`Layer::instruction`]); empty
    /// for a layer with no history step or no such layer. The one spelling every figure, table,
    /// caption and CLI listing shows.
    pub fn instruction(&self, k: usize) -> String {
        self.layers.get(k).and_then(Layer::instruction).unwrap_or_default()
    }
}

impl Analysis {
    /// The JSON document `strata inspect --json` prints (pretty, with a final newline); the page
    /// exports the same bytes.
    pub fn to_json_document(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// [`Analysis::to_json_document`] written to `out` as it is made.
    pub fn write_json_document<W: std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// What the digests of image `image` say: its layers' checks, and any config or manifest digest
    /// that failed for it (or for the archive as a whole). [`DigestVerdict::Pending`] until reading
    /// is complete.
    pub fn digest_verdict(&self, image: usize) -> DigestVerdict {
        let Some(img) = self.images.get(image) else { return DigestVerdict::Unchecked };
        if !self.stage.is_complete() {
            return DigestVerdict::Pending;
        }
        let failed_elsewhere = self
            .problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::DigestMismatch { .. }) && p.image.is_none_or(|i| i == image));
        if failed_elsewhere || img.layers.iter().any(|l| l.verified == Verified::Mismatch) {
            DigestVerdict::Mismatch
        } else if img.layers.iter().all(|l| l.verified == Verified::Ok) {
            DigestVerdict::Verified
        } else {
            DigestVerdict::Unchecked
        }
    }
}

impl Layer {
    /// The instruction that made this layer as a Dockerfile line
    /// ([`crate::history::dockerfile_line`] of its history step), if it has a step.
    pub fn instruction(&self) -> Option<String> {
        self.created_by.as_deref().map(crate::history::dockerfile_line)
    }

    /// Counts the change rows of each kind into `added`, `modified`, `deleted`.
    pub fn count_changes(&mut self) {
        let count = |k| self.changes.iter().filter(|c| c.change == k).count();
        (self.added, self.modified, self.deleted) =
            (count(ChangeKind::Added), count(ChangeKind::Modified), count(ChangeKind::Deleted));
    }
}
