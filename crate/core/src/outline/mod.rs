//! The outline of a plain-tar archive, and the three ways to go on from it.
//!
//! When the outer archive is a plain tar and the source can seek (a file on disk, a `File` in the
//! browser), its members are byte ranges of the file. Reading the outer tar's member headers and
//! its small JSON documents (Docker image spec v1.2 `manifest.json`, OCI image-layout `index.json`)
//! gives the [`Outline`]: images, configs and the layer list, and where each layer blob lies. From
//! there:
//!
//! - [`Outline::analysis`]: the first picture ([`Stage::Outline`]), no layer opened;
//! - [`Outline::structure`] (`outline/structure.rs`): every layer's entry headers, seeking past all file
//!   data: the stack, the changes and the merged tree in a fraction of the time of the full pass
//!   ([`Stage::Structure`]; provisional: digests are unchecked and "modified" rows cannot say whether
//!   the content changed);
//! - [`Outline::into_plan`] (`outline/plan.rs`): the verifying read, each layer blob hashed, decompressed and
//!   parsed on its own by as many readers as there are cores, giving the same [`Analysis`] as the
//!   single forward pass ([`crate::analyze`]).
//!
//! An archive compressed as a whole has no outline; one whose headers do not read cleanly to the
//! end of the file (truncated, damaged) gets no plan: the single pass reads it and reports why.

mod plan;
mod structure;
mod window;

#[cfg(not(target_arch = "wasm32"))]
pub use plan::analyze_parallel;
pub use plan::{plan, read_planned, Plan};
pub use structure::{analyze_stages, analyze_stages_while, FileOffsets};
pub use window::Window;

use crate::analyze::analyze_scan;
use crate::detect::{self, Compression};
use crate::digest::Digest;
use crate::error::Error;
use crate::format::Found;
use crate::layer::{LayerBlob, LayerContents};
use crate::model::{Analysis, Stage};
use crate::source::{self, Doc, MemberKind, Scan};
use std::io::{self, Read, Seek, SeekFrom};

/// A member of the outer archive that may be a layer: where its data starts and how it is packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobAt {
    /// The member's name.
    pub name: String,
    /// The offset of its first data byte in the archive.
    pub data_at: u64,
    /// Its size in bytes.
    pub size: u64,
    /// How it is compressed.
    pub compression: Compression,
}

/// Reads a seekable archive's outer tar by headers: its JSON documents whole, where every other
/// member's data lies (nothing else is read). `Ok(None)` when the archive is compressed as a whole
/// (it cannot be read this way).
pub fn scan_headers<R, F>(open: &F) -> Result<Option<(Scan, Vec<BlobAt>)>, Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let io_err = |e| Error::from_io(None, e);
    let mut outer = open().map_err(io_err)?;
    let mut head = [0u8; 512];
    let n = read_up_to(&mut outer, &mut head).map_err(io_err)?;
    if Compression::sniff(head.get(..n).unwrap_or(&[])) != Compression::None || n < 512 || !detect::is_tar_block(&head)
    {
        return Ok(None);
    }
    outer.seek(SeekFrom::Start(0)).map_err(io_err)?;
    let mut scan = Scan { outer: Some(Compression::None), ..Scan::default() };
    let mut blobs = Vec::new();
    let mut archive = tar::Archive::new(outer);
    let entries = archive.entries_with_seek().map_err(io_err)?;
    for entry in entries {
        let mut entry = entry.map_err(io_err)?;
        let padded = entry.size().checked_next_multiple_of(512).unwrap_or(u64::MAX);
        scan.data_end = scan.data_end.max(entry.raw_file_position().saturating_add(padded));
        let raw = crate::path::decode_lossless(&entry.path_bytes());
        let Some(name) = source::member_name(&raw) else {
            // As the forward pass reports it.
            let kind = crate::problem::ProblemKind::MemberEscapesRoot { name: raw };
            scan.problems.push(crate::problem::Problem::new(kind, None, None));
            continue;
        };
        let kind = entry.header().entry_type();
        if matches!(kind, tar::EntryType::Symlink | tar::EntryType::Link) {
            source::record_link(&mut scan, name, &entry);
            continue;
        }
        if !matches!(kind, tar::EntryType::Regular | tar::EntryType::Continuous) {
            continue;
        }
        let size = entry.size();
        let data_at = entry.raw_file_position();
        scan.members.push((name.clone(), size));
        let mut head = Vec::with_capacity(512);
        (&mut entry).take(512).read_to_end(&mut head).map_err(io_err)?;
        match source::classify(&head, size) {
            MemberKind::Other => continue,
            MemberKind::Doc => {
                let mut bytes = head;
                entry.read_to_end(&mut bytes).map_err(io_err)?;
                let digest = Digest::sha256(&bytes);
                scan.docs.insert(name, Doc { bytes, digest });
            }
            MemberKind::Blob => {
                let compression = Compression::sniff(&head);
                scan.blobs.insert(name.clone(), unread_blob(size, compression));
                blobs.push(BlobAt { name, data_at, size, compression });
            }
        }
    }
    Ok(Some((scan, blobs)))
}

/// A seekable, plain-tar archive read by its outer headers ([`scan_headers`]): the first picture
/// ([`Outline::analysis`]), then either the structure from every layer's headers
/// ([`Outline::structure`]) or the plan of a parallel, verifying read of the layers
/// ([`Outline::into_plan`]), both without reading the outer headers again.
#[derive(Debug)]
pub struct Outline {
    pub(crate) scan: Scan,
    pub(crate) found: Found,
    pub(crate) blobs: Vec<BlobAt>,
    pub(crate) size: Option<u64>,
}

impl Outline {
    /// Reads the outer headers of the archive `open` reads (`size`: its length, when known).
    /// `Ok(None)` when the archive is compressed as a whole or lists no image; `Err` only when the
    /// outer archive cannot be read at all (the full pass then reports it properly).
    pub fn read<R, F>(open: &F, size: Option<u64>) -> Result<Option<Outline>, Error>
    where
        R: Read + Seek,
        F: Fn() -> io::Result<R>,
    {
        let Some((scan, blobs)) = scan_headers(open)? else { return Ok(None) };
        let Ok(found) = crate::format::find_images(&scan) else { return Ok(None) };
        Ok(Some(Outline { scan, found, blobs, size }))
    }

    /// The analysis at [`Stage::Outline`]: images, configs and layer list, no layer opened (`mut`:
    /// the analysis lets layer entries go, and an outline holds none).
    pub fn analysis(&mut self) -> Result<Analysis, Error> {
        let mut outline = analyze_scan(&mut self.scan, self.found.clone(), self.size, Stage::Outline)?;
        // Problems are judged on the full reading; an outline has not opened a single layer.
        outline.problems.clear();
        Ok(outline)
    }
}

/// A layer blob whose contents have not been read.
fn unread_blob(size: u64, compression: Compression) -> LayerBlob {
    LayerBlob {
        blob_digest: None,
        blob_size: size,
        compression,
        diff_id: None,
        tar_size: size,
        contents: LayerContents::default(),
        error: None,
    }
}

fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while let Some(rest) = buf.get_mut(n..).filter(|r| !r.is_empty()) {
        match r.read(rest)? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
