//! The bytes of one copy, read from the archive.
//!
//! [`ArchiveFiles::open`] reads what it needs to find layers: for a plain outer tar (every
//! `docker save`), its member headers and JSON documents only (as [`crate::outline`] does), so a
//! layer is a byte range of the file; for an archive compressed as a whole, one forward pass that
//! keeps the documents and skips everything else. [`ArchiveFiles::read`] then reads one entry of
//! one layer:
//! - a plain layer in a plain archive: its tar headers are read seeking past every file's data, and
//!   the entry's bytes are read as a range: no other layer and no other file is read;
//! - a gzip layer: decompressed up to the entry, keeping checkpoints ([`super::gzip`]) and noting
//!   every entry on the way, so a later read of the same layer starts from the last checkpoint
//!   before its entry, not from the layer's first byte;
//! - a zstd/xz layer: decompressed from its first byte up to the entry (a stream has no random
//!   access); in an archive compressed as a whole, the outer stream is decompressed up to the
//!   layer too.
//!
//! The bytes go to a `Write` as they are read: memory is bounded by the 64 KiB buffer, whatever the
//! file's size. Every byte is hashed (sha256), and only the first `keep` bytes are written, so a
//! caller can show the start of a large file with the whole copy's digest.
//!
//! A layer tar listing a path twice: the last entry wins (as in the merged tree) in a plain layer;
//! in a compressed one, the first is read (finding the last would mean decompressing the layer to
//! its end every time).

use super::gzip::{GzIndex, Inflater, Noted, Tap, SPACING};
use crate::digest::Digest;
use crate::error::Error;
use crate::format::{self, Found};
use crate::layer;
use crate::outline::{scan_headers, BlobAt, Window};
use crate::path;
use crate::source::{self, Doc, MemberKind, Scan};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::fmt;
use std::io::{self, Read, Seek, SeekFrom, Write};

/// The most hard links followed inside one layer.
const MAX_HARDLINK_HOPS: usize = 40;

/// How one copy was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRead {
    /// The copy's size (its tar header's).
    pub size: u64,
    /// How many bytes were written (at most `keep`).
    pub written: u64,
    /// sha256 of the whole copy.
    pub sha256: Digest,
}

/// Why a copy could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum ReadError {
    /// The archive holds no such image.
    NoImage {
        /// The image asked for.
        image: usize,
    },
    /// The image has no such layer.
    NoLayer {
        /// The layer asked for.
        layer: usize,
    },
    /// The layer's blob is not in the archive.
    MissingBlob {
        /// The member the manifest names.
        member: String,
    },
    /// The layer's tar has no entry at the path.
    NoEntry {
        /// The layer.
        layer: usize,
        /// The path.
        path: String,
    },
    /// The entry is not a regular file (or a hard link to one).
    NotAFile {
        /// The path.
        path: String,
    },
    /// Hard links inside the layer point at each other.
    HardlinkLoop {
        /// The path.
        path: String,
    },
    /// The layer ends (or breaks) inside the file's bytes.
    Truncated {
        /// The path.
        path: String,
        /// Bytes read.
        read: u64,
        /// Bytes the header claims.
        size: u64,
    },
    /// The archive or the layer cannot be read.
    Unreadable {
        /// What the reader said.
        detail: String,
    },
    /// Writing the bytes out failed (a closed pipe).
    Write {
        /// What the writer said.
        detail: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NoImage { image } => write!(f, "the archive has no image {image}"),
            ReadError::NoLayer { layer } => write!(f, "the image has no layer {layer}"),
            ReadError::MissingBlob { member } => write!(f, "the layer's blob {member} is not in the archive"),
            ReadError::NoEntry { layer, path } => write!(f, "{path}: layer {layer}'s tar has no entry for it"),
            ReadError::NotAFile { path } => write!(f, "{path}: not a regular file"),
            ReadError::HardlinkLoop { path } => write!(f, "{path}: hard links in the layer point at each other"),
            ReadError::Truncated { path, read, size } => {
                write!(f, "{path}: the layer ends after {read} of its {size} bytes")
            }
            ReadError::Unreadable { detail } => write!(f, "{detail}"),
            ReadError::Write { detail } => write!(f, "cannot write: {detail}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<Error> for ReadError {
    fn from(e: Error) -> ReadError {
        ReadError::Unreadable { detail: e.to_string() }
    }
}

fn unreadable(e: io::Error) -> ReadError {
    ReadError::Unreadable { detail: e.to_string() }
}

/// How layers are reached.
#[derive(Debug)]
enum Layout {
    /// A plain outer tar: each layer is a byte range.
    Ranges(Vec<BlobAt>),
    /// Compressed as a whole: each read decompresses the outer stream up to the layer.
    Stream,
}

/// An archive opened for reading files out of its layers (see the module docs).
#[derive(Debug)]
pub struct ArchiveFiles<F> {
    open: F,
    scan: Scan,
    found: Found,
    layout: Layout,
    /// What has been learnt of each gzip layer read so far, by blob member.
    gzip: std::cell::RefCell<std::collections::HashMap<String, GzIndex>>,
}

impl<R, F> ArchiveFiles<F>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    /// Reads where the layers of the archive `open` reads lie.
    pub fn open(open: F) -> Result<ArchiveFiles<F>, Error> {
        let (scan, layout) = match scan_headers(&open)? {
            Some((scan, blobs)) => (scan, Layout::Ranges(blobs)),
            None => (scan_documents(open().map_err(|e| Error::from_io(None, e))?)?, Layout::Stream),
        };
        let found = format::find_images(&scan)?;
        Ok(ArchiveFiles { open, scan, found, layout, gzip: Default::default() })
    }

    /// How many images the archive holds.
    pub fn images(&self) -> usize {
        self.found.images.len()
    }

    /// Reads the entry at `entry_path` of layer `layer` of image `image`: every byte is hashed and
    /// the first `keep` are written to `out` (a hard link is read as its target in the layer).
    pub fn read(
        &self,
        image: usize,
        layer: usize,
        entry_path: &str,
        out: &mut dyn Write,
        keep: u64,
    ) -> Result<CopyRead, ReadError> {
        let spec = self.found.images.get(image).ok_or(ReadError::NoImage { image })?;
        let lref = spec.layers.get(layer).ok_or(ReadError::NoLayer { layer })?;
        let member = self.scan.resolve(&lref.member).to_owned();
        let mut wanted = path::normalize_str(entry_path).unwrap_or_else(|_| "/".to_owned());
        for _ in 0..MAX_HARDLINK_HOPS {
            let found = match &self.layout {
                Layout::Ranges(blobs) => {
                    let at = blobs
                        .iter()
                        .find(|b| b.name == member)
                        .ok_or_else(|| ReadError::MissingBlob { member: lref.member.clone() })?;
                    self.read_range(at, &wanted, out, keep)?
                }
                Layout::Stream => self.read_streamed(&member, &wanted, out, keep)?,
            };
            match found {
                Found1::Copy(read) => return Ok(read),
                Found1::Hardlink(target) => wanted = target,
                Found1::NotAFile => return Err(ReadError::NotAFile { path: wanted }),
                Found1::Absent => return Err(ReadError::NoEntry { layer, path: wanted }),
            }
        }
        Err(ReadError::HardlinkLoop { path: entry_path.to_owned() })
    }

    fn read_range(&self, at: &BlobAt, wanted: &str, out: &mut dyn Write, keep: u64) -> Result<Found1, ReadError> {
        let window = Window::new((self.open)().map_err(unreadable)?, at.data_at, at.size).map_err(unreadable)?;
        if at.compression == crate::detect::Compression::Gzip {
            return self.read_gzip(at, wanted, out, keep);
        }
        if at.compression != crate::detect::Compression::None {
            let stream = layer::tar_stream(window, &at.name)?;
            return find_first(stream, wanted, out, keep);
        }
        // Plain: headers only, seeking past data; the last entry of the path wins.
        let mut last: Option<(u64, u64, Found1)> = None;
        {
            let mut archive = tar::Archive::new(window);
            for entry in archive.entries_with_seek().map_err(unreadable)? {
                let entry = entry.map_err(unreadable)?;
                if path::normalize(&entry.path_bytes()).ok().as_deref() != Some(wanted) {
                    continue;
                }
                let kind = classify(&entry);
                last = Some((entry.raw_file_position(), entry.size(), kind));
            }
        }
        match last {
            None => Ok(Found1::Absent),
            Some((pos, size, Found1::Copy(_))) => {
                let mut window =
                    Window::new((self.open)().map_err(unreadable)?, at.data_at, at.size).map_err(unreadable)?;
                window.seek(SeekFrom::Start(pos)).map_err(unreadable)?;
                copy(window.take(size), size, wanted, out, keep).map(Found1::Copy)
            }
            Some((_, _, other)) => Ok(other),
        }
    }

    /// A gzip layer's entry: from what is noted of the layer when it was seen before, else by
    /// scanning on from the last checkpoint (noting entries and keeping checkpoints on the way).
    fn read_gzip(&self, at: &BlobAt, wanted: &str, out: &mut dyn Write, keep: u64) -> Result<Found1, ReadError> {
        let window = || Window::new((self.open)().map_err(unreadable)?, at.data_at, at.size).map_err(unreadable);
        let mut all = self.gzip.try_borrow_mut().map_err(|_| ReadError::Unreadable { detail: "busy".into() })?;
        let index = all.entry(at.name.clone()).or_insert_with(GzIndex::new);
        if let Some(noted) = index.noted.get(wanted).cloned() {
            return match noted {
                Noted::File { data, size } => {
                    let cp = index
                        .before(data)
                        .cloned()
                        .ok_or_else(|| ReadError::Unreadable { detail: "no gzip checkpoint".into() })?;
                    let mut inflater = Inflater::resume(window()?, &cp);
                    let skip = data - cp.out_pos;
                    let skipped = io::copy(&mut (&mut inflater).take(skip), &mut io::sink()).map_err(unreadable)?;
                    if skipped != skip {
                        return Err(ReadError::Truncated { path: wanted.to_owned(), read: 0, size });
                    }
                    copy(inflater.take(size), size, wanted, out, keep).map(Found1::Copy)
                }
                Noted::Hardlink(target) => Ok(Found1::Hardlink(target)),
                Noted::Other => Ok(Found1::NotAFile),
            };
        }
        if index.complete {
            return Ok(Found1::Absent);
        }
        let cp = index
            .checkpoints
            .last()
            .cloned()
            .ok_or_else(|| ReadError::Unreadable { detail: "no gzip checkpoint".into() })?;
        let (base, mut last) = (cp.out_pos, cp.out_pos);
        let inflater = std::cell::RefCell::new(Inflater::resume(window()?, &cp));
        let mut archive = tar::Archive::new(Tap(&inflater));
        let found = (|| {
            for entry in archive.entries().map_err(unreadable)? {
                let entry = entry.map_err(unreadable)?;
                let data = base.saturating_add(entry.raw_file_position());
                let size = entry.size();
                let next = data.saturating_add(size.checked_next_multiple_of(512).unwrap_or(u64::MAX));
                if let Ok(mut i) = inflater.try_borrow_mut() {
                    index.checkpoints.append(&mut i.taken);
                    if next.saturating_sub(last) >= SPACING {
                        i.snap_at = Some(next);
                        last = next;
                    }
                }
                if data < index.scanned_to {
                    continue;
                }
                index.scanned_to = next;
                let Ok(path) = path::normalize(&entry.path_bytes()) else { continue };
                let noted = match classify(&entry) {
                    Found1::Copy(_) => Noted::File { data, size },
                    Found1::Hardlink(t) => Noted::Hardlink(t),
                    _ => Noted::Other,
                };
                let first = !index.noted.contains_key(&path);
                if first {
                    index.noted.insert(path.clone(), noted.clone());
                }
                if first && path == wanted {
                    return match noted {
                        Noted::File { .. } => copy(entry, size, wanted, out, keep).map(Found1::Copy).map(Some),
                        Noted::Hardlink(t) => Ok(Some(Found1::Hardlink(t))),
                        Noted::Other => Ok(Some(Found1::NotAFile)),
                    };
                }
            }
            Ok(None)
        })();
        if let Ok(mut i) = inflater.try_borrow_mut() {
            index.checkpoints.append(&mut i.taken);
        }
        match found? {
            Some(f) => Ok(f),
            None => {
                index.complete = true;
                Ok(Found1::Absent)
            }
        }
    }

    /// How many checkpoints are kept for the gzip layers read so far (for tests and benchmarks).
    pub fn gzip_checkpoints(&self) -> usize {
        self.gzip.try_borrow().map_or(0, |g| g.values().map(|i| i.checkpoints.len()).sum())
    }

    fn read_streamed(&self, member: &str, wanted: &str, out: &mut dyn Write, keep: u64) -> Result<Found1, ReadError> {
        let outer = layer::tar_stream((self.open)().map_err(unreadable)?, "the archive")?;
        let mut archive = tar::Archive::new(outer);
        for entry in archive.entries().map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            let name = source::member_name(&path::decode_lossless(&entry.path_bytes()));
            if name.as_deref() == Some(member) && entry.header().entry_type().is_file() {
                let stream = layer::tar_stream(entry, member)?;
                return find_first(stream, wanted, out, keep);
            }
        }
        Err(ReadError::MissingBlob { member: member.to_owned() })
    }
}

/// What a layer's tar holds at a path.
#[derive(Debug)]
enum Found1 {
    Copy(CopyRead),
    Hardlink(String),
    NotAFile,
    Absent,
}

fn classify<R: Read>(entry: &tar::Entry<'_, R>) -> Found1 {
    let header = entry.header();
    match header.entry_type() {
        tar::EntryType::Regular | tar::EntryType::Continuous => {
            Found1::Copy(CopyRead { size: 0, written: 0, sha256: Digest::sha256(b"") })
        }
        tar::EntryType::Link => {
            let target = entry.link_name_bytes().map(|b| path::decode_lossless(&b)).unwrap_or_default();
            Found1::Hardlink(path::normalize_str(&target).unwrap_or_else(|_| "/".to_owned()))
        }
        _ => Found1::NotAFile,
    }
}

/// Streams a layer's tar to the first entry at `wanted` and reads it.
fn find_first<T: Read>(stream: T, wanted: &str, out: &mut dyn Write, keep: u64) -> Result<Found1, ReadError> {
    let mut archive = tar::Archive::new(stream);
    for entry in archive.entries().map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        if path::normalize(&entry.path_bytes()).ok().as_deref() != Some(wanted) {
            continue;
        }
        return match classify(&entry) {
            Found1::Copy(_) => {
                let size = entry.size();
                copy(entry, size, wanted, out, keep).map(Found1::Copy)
            }
            other => Ok(other),
        };
    }
    Ok(Found1::Absent)
}

/// Copies `size` bytes of `r`, hashing them all and writing the first `keep` to `out`.
fn copy<T: Read>(mut r: T, size: u64, wanted: &str, out: &mut dyn Write, keep: u64) -> Result<CopyRead, ReadError> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let (mut read, mut written) = (0u64, 0u64);
    let truncated = |read| ReadError::Truncated { path: wanted.to_owned(), read, size };
    while read < size {
        let want = usize::try_from((size - read).min(buf.len() as u64)).unwrap_or(buf.len());
        let Some(part) = buf.get_mut(..want) else { break };
        let n = match r.read(part) {
            Ok(0) => return Err(truncated(read)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(truncated(read)),
        };
        let got = part.get(..n).unwrap_or(&[]);
        hasher.update(got);
        if written < keep {
            let take = usize::try_from((keep - written).min(n as u64)).unwrap_or(n);
            out.write_all(got.get(..take).unwrap_or(&[])).map_err(|e| ReadError::Write { detail: e.to_string() })?;
            written += take as u64;
        }
        read += n as u64;
    }
    out.flush().map_err(|e| ReadError::Write { detail: e.to_string() })?;
    Ok(CopyRead { size, written, sha256: Digest::sha256_of_hash(&hasher.finalize()) })
}

/// One forward pass over an archive compressed as a whole: its documents and links, nothing else.
fn scan_documents<R: Read>(raw: R) -> Result<Scan, Error> {
    let decoded = layer::tar_stream(raw, "the archive")?;
    let mut scan = Scan::default();
    let mut archive = tar::Archive::new(decoded);
    let io_err = |e| Error::from_io(None, e);
    for entry in archive.entries().map_err(io_err)? {
        let Ok(mut entry) = entry else { break };
        let Some(name) = source::member_name(&path::decode_lossless(&entry.path_bytes())) else { continue };
        let kind = entry.header().entry_type();
        if matches!(kind, tar::EntryType::Symlink | tar::EntryType::Link) {
            source::record_link(&mut scan, name, &entry);
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let size = entry.size();
        scan.members.push((name.clone(), size));
        let mut head = Vec::with_capacity(512);
        (&mut entry).take(512).read_to_end(&mut head).map_err(io_err)?;
        if source::classify(&head, size) == MemberKind::Doc {
            let mut bytes = head;
            entry.read_to_end(&mut bytes).map_err(io_err)?;
            let digest = Digest::sha256(&bytes);
            scan.docs.insert(name, Doc { bytes, digest });
        }
    }
    Ok(scan)
}
