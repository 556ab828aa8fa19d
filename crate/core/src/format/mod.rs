//! Which writer wrote the archive, and what images it holds.
//!
//! Formats are recognised by content (which JSON documents exist and what they contain), never by
//! the archive's file name. The result is a list of [`ImageSpec`]s: for each image its tags, its
//! config member and its ordered layer members, with the digests the archive claims for them.
//! - [`docker`]: `manifest.json` (Docker image spec v1.2 `docker save`, skopeo/podman docker-archive,
//!   go-containerregistry/kaniko tarballs, Jib), and pre-1.10 v1 archives (`repositories` + `<id>/json`).
//! - [`oci`]: OCI image layout (`oci-layout`, `index.json`, `blobs/`), image-spec `image-layout.md`,
//!   `image-index.md`, `manifest.md`.
//!
//! Docker 25+ writes both; `manifest.json` is used when it lists images (it carries the short tags
//! `docker images` shows), `index.json` otherwise.

pub mod docker;
pub mod oci;

use crate::digest::{BlobDigest, Digest};
use crate::error::Error;
use crate::model::ArchiveFormat;
use crate::problem::{NotImageReason, Problem, ProblemKind};
use crate::source::Scan;

/// A reference to a layer blob inside the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRef {
    /// The member name holding the blob.
    pub member: String,
    /// The blob digest the archive claims (OCI descriptor, or a `blobs/<alg>/<hex>` path).
    pub expected: Option<BlobDigest>,
    /// A digest read from a file name such as `<hex>.tar`: it names either the blob or the diff_id.
    pub hint: Option<Digest>,
    /// The media type the manifest gives, if any.
    pub media_type: Option<String>,
}

/// Where an image's configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigRef {
    /// A config document member (`<hex>.json`, `blobs/sha256/<hex>`), with the digest the archive
    /// names it by.
    Member {
        /// The member holding the config.
        member: String,
        /// The digest it is named by, if any.
        expected: Option<Digest>,
    },
    /// A pre-1.10 v1 image: its `<id>/json` documents, top layer first.
    V1 {
        /// The top layer's id.
        id: String,
        /// The `<id>/json` members, top layer first.
        layer_docs: Vec<String>,
    },
}

/// One image found in the archive, before its layers are analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSpec {
    /// Tags (`repo:tag`), possibly empty.
    pub tags: Vec<String>,
    /// The configuration.
    pub config: ConfigRef,
    /// Layers, base first.
    pub layers: Vec<LayerRef>,
    /// Platform from the index descriptor, if any (`linux/arm64/v8`).
    pub platform: Option<String>,
}

/// The images of an archive and how it was written.
#[derive(Debug, Clone)]
pub struct Found {
    /// How the archive was written.
    pub format: ArchiveFormat,
    /// The images, in archive order.
    pub images: Vec<ImageSpec>,
    /// Absent platforms, skipped attestations and the like.
    pub problems: Vec<Problem>,
}

impl Found {
    /// No images yet, in an archive written as `format`.
    pub fn new(format: ArchiveFormat) -> Found {
        Found { format, images: Vec::new(), problems: Vec::new() }
    }
}

/// Finds the images described by the archive's documents.
pub fn find_images(scan: &Scan) -> Result<Found, Error> {
    let has_index = scan.doc("index.json").is_some();
    let has_layout = scan.doc("oci-layout").is_some();
    if let Some(found) = docker::from_manifest(scan)? {
        if !found.images.is_empty() || !has_index {
            let format = if has_index || has_layout {
                ArchiveFormat::DockerArchiveOciLayout
            } else {
                ArchiveFormat::DockerArchive
            };
            return Ok(Found { format, ..found });
        }
    }
    if has_index {
        return oci::from_index(scan);
    }
    if let Some(found) = docker::from_repositories(scan)? {
        return Ok(found);
    }
    if scan.doc("manifest.json").is_some() {
        return Err(ProblemKind::NotAnImage { why: NotImageReason::EmptyManifest }.into());
    }
    let examples: Vec<String> = scan.members.iter().take(5).map(|(n, _)| n.clone()).collect();
    let why = if examples.is_empty() {
        NotImageReason::NoFiles
    } else {
        NotImageReason::Holds { count: scan.members.len(), examples }
    };
    Err(ProblemKind::NotAnImage { why }.into())
}

/// A sha256 digest spelled in a member name: `blobs/sha256/<hex>`, `<hex>.json`, `<hex>.tar`,
/// `sha256:<hex>`, `<hex>.tar.gz`.
pub fn digest_in_name(member: &str) -> Option<Digest> {
    if let Some(rest) = member.strip_prefix("blobs/") {
        let (alg, hex) = rest.split_once('/')?;
        return Digest::parse(&format!("{alg}:{hex}"));
    }
    let name = member.rsplit('/').next()?;
    let name = name.strip_prefix("sha256:").unwrap_or(name);
    let stem = name.split('.').next()?;
    Digest::sha256_hex(stem)
}

/// The member name of a blob in an OCI layout.
pub fn blob_member(d: &Digest) -> String {
    format!("blobs/{}/{}", d.algorithm(), d.hex())
}
