//! Quick first pictures of an archive, before every byte is hashed.
//!
//! When the outer archive is a plain tar and the source can seek (a file on disk, a `File` in the
//! browser), the outline (images, configs, layer list) is known after reading the outer tar's member
//! headers and its small JSON documents (Docker image spec v1.2 `manifest.json`, OCI image-layout
//! `index.json`). When the layers are plain tars too, the structure follows from each layer's entry
//! headers, seeking past all file data: the stack, the changes and the merged tree in a fraction of
//! the time of the full pass, which then follows to verify digests and tell identical copies from
//! changed ones. Both pictures are provisional: digests are unchecked and "modified" rows cannot say
//! whether the content changed (no content is read).

use crate::analyze::analyze_scan;
use crate::detect::{self, Compression};
use crate::digest::Digest;
use crate::error::Error;
use crate::format::Found;
use crate::layer::{self, LayerBlob, LayerContents};
use crate::model::{Analysis, Stage};
use crate::parallel::Plan;
use crate::source::{self, Doc, MemberKind, Scan};
use std::io::{self, Read, Seek, SeekFrom};

/// A window `[start, start + len)` of a seekable reader, itself seekable.
pub struct Window<R> {
    inner: R,
    start: u64,
    len: u64,
    pos: u64,
}

impl<R: Read + Seek> Window<R> {
    /// The bytes `[start, start + len)` of `inner`.
    pub fn new(mut inner: R, start: u64, len: u64) -> io::Result<Self> {
        inner.seek(SeekFrom::Start(start))?;
        Ok(Window { inner, start, len, pos: 0 })
    }
}

impl<R: Read + Seek> Read for Window<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let n = (buf.len() as u64).min(left) as usize;
        if n == 0 {
            return Ok(0);
        }
        let got = match buf.get_mut(..n) {
            Some(part) => self.inner.read(part)?,
            None => 0,
        };
        self.pos += got as u64;
        Ok(got)
    }
}

impl<R: Read + Seek> Seek for Window<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => n as i128,
            SeekFrom::End(d) => self.len as i128 + d as i128,
            SeekFrom::Current(d) => self.pos as i128 + d as i128,
        };
        if target < 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "seek before the window"));
        }
        self.pos = target as u64;
        self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
        Ok(self.pos)
    }
}

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

/// Reads a seekable, plain-tar archive by headers in two steps, handing each picture to `emit` as
/// soon as it is known: first an analysis at [`Stage::Outline`] (after the outer archive's headers
/// and its JSON documents: a handful of reads even for a multi-GB archive), then one at
/// [`Stage::Structure`] (after every layer's entry headers; only when every layer is a plain tar).
///
/// Returns `Ok(())` without emitting anything when the archive is compressed; an `Err` only when the
/// outer archive cannot be read at all (the full pass then reports it properly).
pub fn analyze_stages<R, F>(open: F, size: Option<u64>, emit: &mut dyn FnMut(Analysis)) -> Result<(), Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    analyze_stages_while(open, size, &mut |a| {
        emit(a);
        true
    })
}

/// [`analyze_stages`], stopping after the outline when `emit` returns `false` for it.
pub fn analyze_stages_while<R, F>(
    open: F,
    size: Option<u64>,
    emit: &mut dyn FnMut(Analysis) -> bool,
) -> Result<(), Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let Some(outline) = Outline::read(&open, size)? else { return Ok(()) };
    if !emit(outline.analysis()?) {
        return Ok(());
    }
    if let Some(structure) = outline.structure(&open)? {
        emit(structure);
    }
    Ok(())
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

    /// The analysis at [`Stage::Outline`]: images, configs and layer list, no layer opened.
    pub fn analysis(&self) -> Result<Analysis, Error> {
        let mut outline = analyze_scan(&self.scan, self.found.clone(), self.size, Stage::Outline)?;
        // Problems are judged on the full reading; an outline has not opened a single layer.
        outline.problems.clear();
        Ok(outline)
    }

    /// The plan of a parallel read (see [`crate::parallel::plan`]); the outline back when there is
    /// none (a member runs past the end of the file, a document is cut short).
    pub fn into_plan(self) -> Result<Plan, Box<Outline>> {
        crate::parallel::plan_outline(self)
    }

    /// The analysis at [`Stage::Structure`], from every layer's entry headers (file data is sought
    /// past); `Ok(None)` when a layer is compressed or its headers do not read cleanly.
    pub fn structure<R, F>(self, open: &F) -> Result<Option<Analysis>, Error>
    where
        R: Read + Seek,
        F: Fn() -> io::Result<R>,
    {
        Ok(self.structure_noting(open)?.map(|(a, _)| a))
    }

    /// [`Outline::structure`], with where every regular file's bytes lie in the archive (so one
    /// can be read at once, as `strata cat` does).
    pub fn structure_noting<R, F>(mut self, open: &F) -> Result<Option<(Analysis, FileOffsets)>, Error>
    where
        R: Read + Seek,
        F: Fn() -> io::Result<R>,
    {
        let mut noted: std::collections::HashMap<String, (u64, layer::DataOffsets)> = Default::default();
        let io_err = |e| Error::from_io(None, e);
        let scan = &mut self.scan;
        let used: std::collections::HashSet<String> =
            self.found.images.iter().flat_map(|i| &i.layers).map(|l| scan.resolve(&l.member).to_owned()).collect();
        for at in self.blobs.iter().filter(|b| used.contains(&b.name)) {
            if at.compression != Compression::None {
                return Ok(None);
            }
            let mut contents = LayerContents::default();
            let mut offsets = layer::DataOffsets::new();
            if at.size > 0 {
                let window = Window::new(open().map_err(io_err)?, at.data_at, at.size).map_err(io_err)?;
                if layer::parse_tar_headers_noting(window, &at.name, &mut contents, &mut offsets).is_err() {
                    return Ok(None);
                }
            }
            noted.insert(at.name.clone(), (at.data_at, offsets));
            if let Some(blob) = scan.blobs.get_mut(&at.name) {
                blob.contents = contents;
            }
        }
        let members: Vec<Vec<String>> = self
            .found
            .images
            .iter()
            .map(|i| i.layers.iter().map(|l| self.scan.resolve(&l.member).to_owned()).collect())
            .collect();
        let analysis = analyze_scan(&self.scan, self.found, self.size, Stage::Structure)?;
        Ok(Some((analysis, FileOffsets { members, layers: noted })))
    }
}

/// Where the regular files of a plain archive's plain layers lie (from
/// [`Outline::structure_noting`]).
#[derive(Debug, Default)]
pub struct FileOffsets {
    /// The blob member of each image's layers.
    members: Vec<Vec<String>>,
    /// Per blob member: where its data starts in the archive, and its files' offsets in it.
    layers: std::collections::HashMap<String, (u64, layer::DataOffsets)>,
}

impl FileOffsets {
    /// The archive offset and size of the regular file at `path` (normalized) in layer `layer` of
    /// image `image`, if that layer's tar holds one there.
    pub fn get(&self, image: usize, layer: usize, path: &str) -> Option<(u64, u64)> {
        let member = self.members.get(image)?.get(layer)?;
        let (start, files) = self.layers.get(member)?;
        files.get(path).and_then(|(at, size)| Some((start.checked_add(*at)?, *size)))
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
