//! The outer archive: one forward pass over its members.
//!
//! A `docker save` file is a tar archive (POSIX.1-2001 pax / GNU), possibly gzip- or xz-compressed
//! as a whole. A compressed stream cannot seek, and writers order members freely (layers may come
//! before `manifest.json`), so the archive is read in a single forward pass that classifies each
//! member by its content as it streams past:
//! - small JSON documents (manifests, indexes, configs, `repositories`, `oci-layout`) are kept, with
//!   their sha256;
//! - anything that starts like a tar header or a gzip/zstd/xz stream is read as a layer blob
//!   ([`crate::layer::read_blob`]): entries are kept, bytes are hashed and dropped;
//! - symlink and hardlink members (skopeo's `<id>/layer.tar -> ../<diffid>.tar`) are kept as aliases.
//!
//! Memory therefore grows with the number of tar entries, never with the archive's bytes.

use crate::decompress::{self, DecodeError};
use crate::detect::{self, Compression};
use crate::digest::Digest;
use crate::error::Error;
use crate::layer::{self, LayerBlob};
use crate::path;
use crate::problem::{NotArchiveReason, Problem, ProblemKind};
use crate::progress::{CountingReader, Tracker};
use std::collections::BTreeMap;
use std::io::Read;

/// The largest JSON document kept in memory (image configs with long histories stay far below).
pub const MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// A small document member kept whole.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The member's bytes.
    pub bytes: Vec<u8>,
    /// sha256 of the bytes.
    pub digest: Digest,
}

/// What the forward pass found in the archive.
#[derive(Debug, Default)]
pub struct Scan {
    /// Compression of the archive as a whole.
    pub outer: Option<Compression>,
    /// JSON documents by member name.
    pub docs: BTreeMap<String, Doc>,
    /// Layer-like blobs by member name.
    pub blobs: BTreeMap<String, LayerBlob>,
    /// Link members: name → the member name it points to.
    pub links: BTreeMap<String, String>,
    /// Every regular member name with its size, in archive order.
    pub members: Vec<(String, u64)>,
    /// Warnings met on the way.
    pub problems: Vec<Problem>,
    /// What stopped the pass before the end of the archive, if anything.
    pub stopped: Option<Error>,
    /// Where the data of the last member ends, padding included, as the headers say (set by the
    /// header pass, [`crate::outline::scan_headers`]; a larger value than the file's length is a
    /// truncated archive).
    pub data_end: u64,
}

impl Scan {
    /// Follows link members from `name` to a regular member name (at most 16 hops).
    pub fn resolve<'a>(&'a self, name: &'a str) -> &'a str {
        let mut cur = name;
        for _ in 0..16 {
            match self.links.get(cur) {
                Some(next) => cur = next,
                None => break,
            }
        }
        cur
    }

    /// The document at `name` (following links).
    pub fn doc(&self, name: &str) -> Option<&Doc> {
        self.docs.get(self.resolve(&member_name(name)?))
    }

    /// The layer blob at `name` (following links).
    pub fn blob(&self, name: &str) -> Option<&LayerBlob> {
        self.blobs.get(self.resolve(&member_name(name)?))
    }
}

/// Normalizes an archive member name (`./a/b`, `/a/b`, `a/b/` → `a/b`); `None` if it escapes.
pub fn member_name(raw: &str) -> Option<String> {
    path::normalize_str(raw).ok().map(|p| p.trim_start_matches('/').to_owned())
}

/// Reads the whole archive from `input` in one forward pass.
///
/// Returns `Err` only when nothing useful can be read: the input is not a (compressed) tar file, or
/// the work was cancelled. A truncated or damaged archive returns what was read, with
/// [`Scan::stopped`] set.
pub fn scan<R: Read>(input: R, tracker: &Tracker<'_>) -> Result<Scan, Error> {
    let counted = CountingReader::new(input, tracker);
    let (head, counted) = detect::peek(counted, 6).map_err(|e| cancel_or(tracker, Error::from_io(None, e)))?;
    let outer = Compression::sniff(&head);
    let decoded = decompress::decoder(outer, Box::new(counted)).map_err(|e| match e {
        DecodeError::Zstd(detail) => {
            Error::from(ProblemKind::NotAnArchive { why: NotArchiveReason::BrokenZstd { detail } })
        }
        DecodeError::Bzip2 => {
            ProblemKind::UnsupportedCompression { member: None, compression: Compression::Bzip2 }.into()
        }
    })?;
    let (block, decoded) = detect::peek(decoded, 512).map_err(|e| cancel_or(tracker, Error::from_io(None, e)))?;
    if block.is_empty() {
        return Err(ProblemKind::NotAnArchive { why: NotArchiveReason::Empty }.into());
    }
    if block.len() < 512 || !detect::is_tar_block(&block) {
        let why = match outer {
            Compression::None => NotArchiveReason::NotTar,
            compression => NotArchiveReason::CompressedNotTar { compression },
        };
        return Err(ProblemKind::NotAnArchive { why }.into());
    }
    let mut scan = Scan { outer: Some(outer), ..Scan::default() };
    let mut archive = tar::Archive::new(decoded);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => return Err(cancel_or(tracker, Error::from_io(None, e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                scan.stopped = Some(cancel_or(tracker, outer_error(None, e)));
                break;
            }
        };
        if let Err(e) = visit_member(entry, &mut scan, tracker) {
            scan.stopped = Some(cancel_or(tracker, e));
            break;
        }
    }
    if tracker.is_cancelled() {
        return Err(Error::Cancelled);
    }
    tracker.report();
    Ok(scan)
}

fn cancel_or(tracker: &Tracker<'_>, e: Error) -> Error {
    if tracker.is_cancelled() {
        Error::Cancelled
    } else {
        e
    }
}

fn outer_error(member: Option<&str>, e: std::io::Error) -> Error {
    match Error::from_io(member, e) {
        Error::Io { member, source } if source.kind() == std::io::ErrorKind::Other => {
            ProblemKind::BrokenStructure { member, detail: source.to_string() }.into()
        }
        other => other,
    }
}

/// What an archive member is, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    /// A JSON document small enough to keep (manifest, index, config, `repositories`, `oci-layout`).
    Doc,
    /// Something that starts like a tar stream or a compressed one: a layer blob (or an empty file).
    Blob,
    /// Anything else (`VERSION` files and the like).
    Other,
}

/// Classifies a member from up to 512 of its first bytes and its size.
pub fn classify(head: &[u8], size: u64) -> MemberKind {
    let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
    if size == 0 {
        MemberKind::Blob
    } else if matches!(first, Some(b'{') | Some(b'[')) && size <= MAX_DOC_BYTES {
        MemberKind::Doc
    } else if Compression::sniff(head) != Compression::None || (head.len() == 512 && detect::is_tar_block(head)) {
        MemberKind::Blob
    } else {
        MemberKind::Other
    }
}

/// Records a symlink or hardlink member as an alias of the member it points to (a symlink's target
/// is relative to its own directory; a hardlink's is an archive path).
pub fn record_link<R: Read>(scan: &mut Scan, name: String, entry: &tar::Entry<'_, R>) {
    let target = entry.link_name_bytes().map(|b| path::decode_lossless(&b)).unwrap_or_default();
    let joined = if entry.header().entry_type() == tar::EntryType::Symlink && !target.starts_with('/') {
        format!("{}/{}", path::parent(&format!("/{name}")), target)
    } else {
        target
    };
    if let Some(t) = member_name(&joined) {
        scan.links.insert(name, t);
    }
}

fn visit_member<R: Read>(mut entry: tar::Entry<'_, R>, scan: &mut Scan, tracker: &Tracker<'_>) -> Result<(), Error> {
    let raw_name = path::decode_lossless(&entry.path_bytes());
    let Some(name) = member_name(&raw_name) else {
        scan.problems.push(Problem::new(ProblemKind::MemberEscapesRoot { name: raw_name }, None, None));
        return Ok(());
    };
    let kind = entry.header().entry_type();
    match kind {
        tar::EntryType::Symlink | tar::EntryType::Link => {
            record_link(scan, name, &entry);
            return Ok(());
        }
        tar::EntryType::Regular | tar::EntryType::Continuous => {}
        _ => return Ok(()),
    }
    let size = entry.size();
    scan.members.push((name.clone(), size));
    let mut head = Vec::with_capacity(512);
    (&mut entry).take(512).read_to_end(&mut head).map_err(|e| outer_error(Some(&name), e))?;
    match classify(&head, size) {
        MemberKind::Other => {}
        MemberKind::Doc => {
            let mut bytes = head;
            entry.read_to_end(&mut bytes).map_err(|e| outer_error(Some(&name), e))?;
            let digest = Digest::sha256(&bytes);
            scan.docs.insert(name, Doc { bytes, digest });
        }
        MemberKind::Blob if size == 0 => {
            scan.blobs.insert(name.clone(), layer::read_blob(&[][..], &name));
        }
        MemberKind::Blob => {
            let blob = layer::read_blob(std::io::Cursor::new(head).chain(&mut entry), &name);
            if tracker.is_cancelled() {
                return Err(Error::Cancelled);
            }
            if blob.blob_size < size {
                let cut = ProblemKind::MemberCut { member: name.clone(), read: blob.blob_size, size };
                scan.blobs.insert(name, blob);
                return Err(cut.into());
            }
            scan.blobs.insert(name, blob);
            tracker.layer_done();
        }
    }
    Ok(())
}
