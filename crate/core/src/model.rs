//! The public result of an analysis: the contract the CLI prints (`strata inspect --json`) and the
//! browser app draws. Extend these types; never rename a serialized field.

use crate::config::{HistoryStep, RunConfig};
use crate::error::Problem;
use crate::merge::{Change, ChangeKind, MergedSummary, MergedTree, Node};
use crate::waste::Waste;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole archive, analysed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    /// The archive file itself.
    pub archive: ArchiveInfo,
    /// Images found, in archive order.
    pub images: Vec<Image>,
    /// Everything that went wrong or looked odd; the rest was still analysed.
    pub problems: Vec<Problem>,
}

/// Facts about the archive file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchiveInfo {
    /// Layout: `docker-archive`, `docker-archive+oci-layout`, `oci-archive` or `docker-v1`.
    pub format: String,
    /// Compression of the archive as a whole: `none`, `gzip`, `xz`, `zstd`.
    pub compression: String,
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
    pub diff_id: Option<String>,
    /// Digest of the stored blob.
    pub digest: Option<String>,
    /// Media type from the manifest, if it names one.
    pub media_type: Option<String>,
    /// Compression found by magic bytes: `none`, `gzip`, `zstd`, `xz`.
    pub compression: Option<String>,
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
}

impl Image {
    /// The merged filesystem as it stood after layer `k` ("everything up to layer K"), replayed from
    /// the layers' changes; for the top layer it equals [`Image::tree`].
    pub fn tree_at(&self, k: usize) -> Vec<Node> {
        let mut visible: BTreeMap<&str, &Node> = BTreeMap::new();
        for layer in self.layers.iter().take(k.saturating_add(1)) {
            for c in &layer.changes {
                match c.change {
                    ChangeKind::Deleted => {
                        visible.remove(c.node.path.as_str());
                    }
                    ChangeKind::Added | ChangeKind::Modified => {
                        visible.insert(c.node.path.as_str(), &c.node);
                    }
                }
            }
        }
        let mut nodes: Vec<Node> = visible.into_values().cloned().collect();
        nodes.sort_by(|a, b| crate::path::tree_order(&a.path, &b.path));
        nodes
    }

    /// `os/architecture[/variant]`, e.g. `linux/arm64/v8` (empty when the config names none).
    pub fn platform(&self) -> String {
        [self.os.as_deref(), self.architecture.as_deref(), self.variant.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/")
    }
}

impl Layer {
    /// Counts the change rows of each kind into `added`, `modified`, `deleted`.
    pub fn count_changes(&mut self) {
        let count = |k| self.changes.iter().filter(|c| c.change == k).count();
        (self.added, self.modified, self.deleted) =
            (count(ChangeKind::Added), count(ChangeKind::Modified), count(ChangeKind::Deleted));
    }
}
