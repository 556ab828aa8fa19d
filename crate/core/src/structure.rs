//! A quick first picture of an uncompressed archive, before every byte is hashed.
//!
//! When the archive and its layers are plain tar and the source can seek (a file on disk, a `File`
//! in the browser), the structure is known after reading only headers: the outer tar's member
//! headers, the small JSON documents, and each layer's entry headers, seeking past all file data.
//! That gives the image, its layers and its merged tree in a fraction of the time of the full pass,
//! which then follows to verify digests and tell identical copies from changed ones. The quick
//! picture is provisional: digests are unchecked and "modified" rows cannot say whether the content
//! changed (no content is read).

use crate::analyze::analyze_scan;
use crate::detect::{self, Compression};
use crate::digest::Digest;
use crate::error::Error;
use crate::layer::{self, LayerBlob, LayerContents};
use crate::model::Analysis;
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
        let got = self.inner.read(&mut buf[..n])?;
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

/// Reads the structure of a plain-tar archive with plain-tar layers by headers only.
///
/// `open` returns a fresh reader over the whole archive each time it is called. Returns `Ok(None)`
/// when the quick picture is not possible (a compressed archive or a compressed layer): the full
/// pass ([`crate::analyze`]) is then the only one.
pub fn analyze_structure<R, F>(open: F, size: Option<u64>) -> Result<Option<Analysis>, Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let io_err = |e| Error::from_io(None, e);
    let mut outer = open().map_err(io_err)?;
    let mut head = [0u8; 512];
    let n = read_up_to(&mut outer, &mut head).map_err(io_err)?;
    if Compression::sniff(&head[..n]) != Compression::None || n < 512 || !detect::is_tar_block(&head) {
        return Ok(None);
    }
    outer.seek(SeekFrom::Start(0)).map_err(io_err)?;
    let mut scan = Scan { outer: Some(Compression::None), ..Scan::default() };
    let mut archive = tar::Archive::new(outer);
    let entries = archive.entries_with_seek().map_err(io_err)?;
    for entry in entries {
        let mut entry = entry.map_err(io_err)?;
        let raw = crate::path::decode_lossless(&entry.path_bytes());
        let Some(name) = source::member_name(&raw) else { continue };
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
                continue;
            }
            MemberKind::Blob => {}
        }
        let compression = Compression::sniff(&head);
        let mut contents = LayerContents::default();
        let mut error = None;
        if compression == Compression::None && size > 0 {
            let window = Window::new(open().map_err(io_err)?, data_at, size).map_err(io_err)?;
            if let Err(e) = layer::parse_tar_headers(window, &name, &mut contents) {
                error = Some(e);
            }
        }
        let blob = LayerBlob {
            blob_digest: None,
            blob_size: size,
            compression,
            diff_id: None,
            tar_size: size,
            contents,
            error,
        };
        scan.blobs.insert(name, blob);
    }
    let found = crate::format::find_images(&scan)?;
    let all_plain = found
        .images
        .iter()
        .flat_map(|i| &i.layers)
        .all(|l| scan.blob(&l.member).is_some_and(|b| b.compression == Compression::None && b.error.is_none()));
    if !all_plain {
        return Ok(None);
    }
    analyze_scan(&scan, found, size).map(Some)
}

fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
