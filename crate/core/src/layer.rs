//! Reading one layer: a (possibly compressed) tar stream → entries and whiteout markers.
//!
//! Implements the OCI image-spec `layer.md` ("Image Layer Filesystem Changeset"): a layer is a tar
//! archive of the files it adds or changes, plus *whiteout* files that delete paths of lower layers:
//! - `.wh.NAME` ([`WHITEOUT_PREFIX`]) hides `NAME` (and everything under it) from lower layers;
//! - `.wh..wh..opq` ([`OPAQUE_MARKER`]) makes its directory *opaque*: everything below that directory
//!   in lower layers is hidden, the directory itself stays.
//!
//! Other `.wh..wh.` names are AUFS bookkeeping (`.wh..wh.plnk`, `.wh..wh.aufs`) and are skipped.
//! Whiteout markers never appear as entries. The layer is read in one streaming pass: blob bytes are
//! hashed (blob digest), decompressed by magic bytes, hashed again (diff_id), and the tar headers parsed;
//! file contents are hashed with xxh3 (to tell "modified" from "identical" later) and never kept.

use crate::decompress::{self, DecodeError};
use crate::detect::Compression;
use crate::digest::{BlobDigest, DiffId, HashingReader};
use crate::error::Error;
use crate::path::{self, PathError};
use crate::problem::ProblemKind;
use serde::{Deserialize, Serialize};
use std::io::{self, Read};

/// The prefix of a whiteout file name (OCI image-spec `layer.md#whiteouts`).
pub const WHITEOUT_PREFIX: &str = ".wh.";
/// The name of the opaque-directory marker (OCI image-spec `layer.md#opaque-whiteout`).
pub const OPAQUE_MARKER: &str = ".wh..wh..opq";
/// Names with this prefix are AUFS metadata, not whiteouts of real files.
pub const AUFS_META_PREFIX: &str = ".wh..wh.";

/// What kind of filesystem object an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// A hard link to another path (in this layer or a lower one).
    Hardlink,
    /// A character device.
    Char,
    /// A block device.
    Block,
    /// A named pipe.
    Fifo,
}

impl EntryKind {
    /// The type letter `ls -l` shows (`-` file, `d`, `l`, `c`, `b`, `p`; `h` for a hardlink entry).
    pub fn ls_char(self) -> char {
        match self {
            EntryKind::File => '-',
            EntryKind::Dir => 'd',
            EntryKind::Symlink => 'l',
            EntryKind::Hardlink => 'h',
            EntryKind::Char => 'c',
            EntryKind::Block => 'b',
            EntryKind::Fifo => 'p',
        }
    }

    /// The name used in the CLI's JSON.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::File => "file",
            EntryKind::Dir => "dir",
            EntryKind::Symlink => "symlink",
            EntryKind::Hardlink => "hardlink",
            EntryKind::Char => "char",
            EntryKind::Block => "block",
            EntryKind::Fifo => "fifo",
        }
    }
}

/// One filesystem entry of a layer (never a whiteout marker, never the root directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Normalized absolute path.
    pub path: String,
    /// What it is.
    pub kind: EntryKind,
    /// Permission bits (`mode & 0o7777`).
    pub mode: u32,
    /// Owner user id.
    pub uid: u64,
    /// Owner group id.
    pub gid: u64,
    /// Size in the tar header (0 for directories, links and devices).
    pub size: u64,
    /// Symlink target (as written), or hardlink target (normalized absolute path).
    pub target: Option<String>,
    /// Modification time in the tar header (seconds since the epoch; 0 when unreadable).
    pub mtime: u64,
    /// xxh3 hash of the file's bytes (regular files only).
    pub content: Option<u64>,
}

/// A whiteout marker found in a layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `.wh.NAME`: hides this path and everything below it.
    Whiteout(String),
    /// `.wh..wh..opq`: hides everything below this directory.
    Opaque(String),
}

/// Everything read from one layer's tar stream.
#[derive(Debug, Clone, Default)]
pub struct LayerContents {
    /// Entries in tar order, markers and the root excluded.
    pub entries: Vec<Entry>,
    /// Whiteout markers in tar order.
    pub markers: Vec<Marker>,
    /// Number of tar entries, everything included (as `tar -t` counts them).
    pub entry_count: u64,
    /// Sum of the entries' header sizes (dive's layer size).
    pub size: u64,
    /// Things worth a warning (escaping paths, unknown entry types).
    pub warnings: Vec<ProblemKind>,
}

/// The result of reading one layer blob.
#[derive(Debug)]
pub struct LayerBlob {
    /// sha256 of the stored bytes.
    pub blob_digest: Option<BlobDigest>,
    /// Stored size in bytes.
    pub blob_size: u64,
    /// Compression found by magic bytes.
    pub compression: Compression,
    /// sha256 of the uncompressed tar (the diff_id), if it could be decompressed to the end.
    pub diff_id: Option<DiffId>,
    /// Uncompressed tar size.
    pub tar_size: u64,
    /// Entries and markers (as many as could be read).
    pub contents: LayerContents,
    /// What stopped the reading early, if anything.
    pub error: Option<Error>,
}

/// Reads a layer blob from `raw` (its stored bytes, to the end) in one pass. Never fails: whatever
/// could be read is returned with the error that stopped it.
pub fn read_blob<R: Read>(mut raw: R, member: &str) -> LayerBlob {
    read_blob_hashing(&mut raw, member, true)
}

/// [`read_blob`] without the digest of the stored bytes: `blob_digest` (and, uncompressed, the
/// `diff_id`) stay `None` until [`LayerBlob::with_stored_digest`] gives the digest computed
/// elsewhere (the browser's native SHA-256 over the same bytes, which is several times faster
/// than SHA-256 in WebAssembly). Everything else is read exactly as [`read_blob`] reads it.
pub fn read_blob_unhashed<R: Read>(mut raw: R, member: &str) -> LayerBlob {
    read_blob_hashing(&mut raw, member, false)
}

impl LayerBlob {
    /// Completes a blob read by [`read_blob_unhashed`] with the sha256 of the same stored bytes:
    /// the result equals what [`read_blob`] returns for them.
    pub fn with_stored_digest(mut self, digest: BlobDigest) -> LayerBlob {
        if self.compression == Compression::None && self.error.is_none() {
            self.diff_id = Some(DiffId(digest.digest().clone()));
        }
        self.blob_digest = Some(digest);
        self
    }
}

/// Over a `dyn Read`, so that the layer reader (and the tar parser in it) is compiled once, not
/// once for every kind of reader a blob arrives through (three in the page's module, 6 KB each).
fn read_blob_hashing(raw: &mut dyn Read, member: &str, hash_stored: bool) -> LayerBlob {
    // Whole reads: a damaged compressed stream then stops at the same point whichever way its
    // bytes arrive (the forward pass's tar entry, the parallel read's window, the browser's buffer).
    let raw = WholeReads(raw);
    let mut blob = if hash_stored { HashingReader::new(raw) } else { HashingReader::counting(raw) };
    let mut head = Vec::with_capacity(8);
    let mut error = None;
    if let Err(e) = (&mut blob).take(6).read_to_end(&mut head) {
        error = Some(Error::from_io(Some(member), e));
    }
    let compression = Compression::sniff(&head);
    let mut contents = LayerContents::default();
    let mut diff_id = None;
    let mut tar_size = 0;
    if error.is_none() {
        let mut prefixed = io::Cursor::new(head).chain(&mut blob);
        // `Ok(None)`: already parsed (uncompressed). `Ok(Some(r))`: the decompressed stream.
        let decoded: Result<Option<Box<dyn Read + '_>>, Error> = match compression {
            Compression::None => {
                // Uncompressed: the diff_id is the blob digest; hash the bytes once, not twice.
                parse_tar(&mut prefixed, member, &mut contents).map(|()| None)
            }
            other => {
                decompress::decoder(other, Box::new(prefixed)).map(Some).map_err(|e| layer_decode_error(e, member))
            }
        };
        match decoded {
            Ok(None) => {}
            Ok(Some(decoded)) => {
                let mut diff = HashingReader::new(decoded);
                if let Err(e) = parse_tar(&mut diff, member, &mut contents) {
                    error = Some(e);
                }
                if error.is_none() {
                    match diff.finish() {
                        Ok((d, n)) => {
                            diff_id = Some(DiffId(d));
                            tar_size = n;
                        }
                        Err(e) => error = Some(decode_error(member, compression, e)),
                    }
                } else {
                    tar_size = diff.count();
                }
            }
            Err(e) => error = Some(e),
        }
    }
    let finished = if hash_stored {
        blob.finish().map(|(d, n)| (Some(BlobDigest(d)), n))
    } else {
        blob.finish_count().map(|n| (None, n))
    };
    let (blob_digest, blob_size) = match finished {
        Ok(done) => done,
        Err(e) => {
            error.get_or_insert(Error::from_io(Some(member), e));
            (None, 0)
        }
    };
    if compression == Compression::None {
        tar_size = blob_size;
        if error.is_none() {
            // An uncompressed layer's tar is its blob: the same bytes, so the same digest.
            diff_id = blob_digest.as_ref().map(|b| DiffId(b.digest().clone()));
        }
    }
    LayerBlob { blob_digest, blob_size, compression, diff_id, tar_size, contents, error }
}

/// A reader that fills every buffer it is given, unless the stream ends (or fails) first.
struct WholeReads<R>(R);

impl<R: Read> Read for WholeReads<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while let Some(rest) = buf.get_mut(n..).filter(|r| !r.is_empty()) {
            match self.0.read(rest) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if n == 0 => return Err(e),
                // Give what was read; the error comes again on the next read.
                Err(_) => break,
            }
        }
        Ok(n)
    }
}

/// The uncompressed tar stream of a layer blob `raw` (its stored bytes), decompressed by magic
/// bytes.
pub fn tar_stream<'a, R: Read + 'a>(raw: R, member: &str) -> Result<Box<dyn Read + 'a>, Error> {
    let mut raw = raw;
    let mut head = Vec::with_capacity(8);
    (&mut raw).take(6).read_to_end(&mut head).map_err(|e| Error::from_io(Some(member), e))?;
    let prefixed = io::Cursor::new(head.clone()).chain(raw);
    decompress::decoder(Compression::sniff(&head), Box::new(prefixed)).map_err(|e| layer_decode_error(e, member))
}

/// A layer blob that cannot be decoded, as the problem it is.
fn layer_decode_error(e: DecodeError, member: &str) -> Error {
    match e {
        DecodeError::Zstd(e) => ProblemKind::BadLayer { member: member.into(), detail: format!("zstd: {e}") }.into(),
        DecodeError::Bzip2 => {
            ProblemKind::UnsupportedCompression { member: Some(member.into()), compression: Compression::Bzip2 }.into()
        }
    }
}

fn decode_error(member: &str, compression: Compression, e: io::Error) -> Error {
    match Error::from_io(Some(member), e) {
        Error::Io { source, .. } => {
            ProblemKind::CorruptStream { member: member.into(), compression, detail: source.to_string() }.into()
        }
        other => other,
    }
}

/// Parses a plain tar stream into `out`, streaming (file data is hashed, never stored).
pub fn parse_tar<R: Read>(r: R, member: &str, out: &mut LayerContents) -> Result<(), Error> {
    let mut archive = tar::Archive::new(r);
    let entries = archive.entries().map_err(|e| tar_error(member, e))?;
    let read = collect_entries(entries, member, out, true, None);
    // Kept for the whole analysis: no growth slack.
    out.entries.shrink_to_fit();
    out.markers.shrink_to_fit();
    read
}

/// Reads only the headers of a seekable plain tar (file data is skipped by seeking, not read), for
/// a quick first picture; entries get no content hash.
pub fn parse_tar_headers<R: Read + io::Seek>(r: R, member: &str, out: &mut LayerContents) -> Result<(), Error> {
    let mut archive = tar::Archive::new(r);
    let entries = archive.entries_with_seek().map_err(|e| tar_error(member, e))?;
    collect_entries(entries, member, out, false, None)
}

/// Where each regular file's bytes lie in a layer tar: normalized path → (offset of its data in
/// the tar, size); a path listed twice is the last entry's, as the merge takes it.
pub type DataOffsets = std::collections::HashMap<String, (u64, u64)>;

/// [`parse_tar_headers`], also noting where each regular file's data lies, so one of them can be
/// read afterwards without walking the headers again.
pub fn parse_tar_headers_noting<R: Read + io::Seek>(
    r: R,
    member: &str,
    out: &mut LayerContents,
    offsets: &mut DataOffsets,
) -> Result<(), Error> {
    let mut archive = tar::Archive::new(r);
    let entries = archive.entries_with_seek().map_err(|e| tar_error(member, e))?;
    collect_entries(entries, member, out, false, Some(offsets))
}

fn collect_entries<R: Read>(
    entries: tar::Entries<'_, R>,
    member: &str,
    out: &mut LayerContents,
    hash_contents: bool,
    mut offsets: Option<&mut DataOffsets>,
) -> Result<(), Error> {
    for entry in entries {
        let mut entry = entry.map_err(|e| tar_error(member, e))?;
        out.entry_count += 1;
        let size = entry.size();
        out.size = out.size.saturating_add(size);
        let header = entry.header();
        let kind = match header.entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => EntryKind::File,
            tar::EntryType::Directory => EntryKind::Dir,
            tar::EntryType::Symlink => EntryKind::Symlink,
            tar::EntryType::Link => EntryKind::Hardlink,
            tar::EntryType::Char => EntryKind::Char,
            tar::EntryType::Block => EntryKind::Block,
            tar::EntryType::Fifo => EntryKind::Fifo,
            other => {
                out.warnings
                    .push(ProblemKind::UnknownEntryType { member: member.into(), entry_type: other.as_byte() as char });
                continue;
            }
        };
        let mode = header.mode().unwrap_or(0o644) & 0o7777;
        let uid = header.uid().unwrap_or(0);
        let mtime = header.mtime().unwrap_or(0);
        let gid = header.gid().unwrap_or(0);
        let raw_path = entry.path_bytes().into_owned();
        let path = match path::normalize(&raw_path) {
            Ok(p) => p,
            Err(PathError::EscapesRoot) => {
                out.warnings.push(ProblemKind::EntryEscapesRoot {
                    member: member.into(),
                    path: path::decode_lossless(&raw_path),
                });
                continue;
            }
        };
        if path == "/" {
            continue;
        }
        let name = path::file_name(&path);
        if let Some(hidden) = name.strip_prefix(WHITEOUT_PREFIX) {
            let dir = path::parent(&path).to_owned();
            if name == OPAQUE_MARKER {
                out.markers.push(Marker::Opaque(dir));
            } else if !name.starts_with(AUFS_META_PREFIX) && !hidden.is_empty() {
                out.markers.push(Marker::Whiteout(path::join(&dir, hidden)));
            }
            continue;
        }
        let target = match kind {
            EntryKind::Symlink => entry.link_name_bytes().map(|b| path::decode_lossless(&b)),
            EntryKind::Hardlink => match entry.link_name_bytes().map(|b| path::normalize(&b)) {
                Some(Ok(t)) => Some(t),
                Some(Err(_)) | None => {
                    out.warnings.push(ProblemKind::BadHardlink { member: member.into(), path });
                    continue;
                }
            },
            _ => None,
        };
        let content = if kind == EntryKind::File && hash_contents {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            let mut buf = [0u8; 16 * 1024];
            loop {
                let n = entry.read(&mut buf).map_err(|e| tar_error(member, e))?;
                if n == 0 {
                    break;
                }
                hasher.update(buf.get(..n).unwrap_or(&[]));
            }
            Some(hasher.digest())
        } else {
            None
        };
        if let (EntryKind::File, Some(o)) = (kind, offsets.as_deref_mut()) {
            o.insert(path.clone(), (entry.raw_file_position(), size));
        }
        out.entries.push(Entry { path, kind, mode, uid, gid, size, target, mtime, content });
    }
    Ok(())
}

fn tar_error(member: &str, e: io::Error) -> Error {
    match Error::from_io(Some(member), e) {
        Error::Io { source, .. } => ProblemKind::BadLayer { member: member.into(), detail: source.to_string() }.into(),
        other => other,
    }
}
