//! A compact binary encoding of merged trees and change lists, for handing an analysis from one
//! thread to another (the browser's worker to its page) without one JSON object per file, and of
//! one layer blob as read (its digests and entries), for a helper worker handing its layers to the
//! worker that assembles the analysis ([`crate::outline`]).
//!
//! Lists of [`Node`]s are sorted by path, so each path is stored as the number of bytes it shares
//! with the previous one plus the rest (front coding); numbers are LEB128 varints. Decoding checks
//! every length and never panics on malformed bytes. Not a storage format: both ends are built
//! from the same source, so there is no version field.

use crate::detect::Compression;
use crate::digest::{BlobDigest, DiffId, Digest};
use crate::error::Error;
use crate::layer::{Entry, EntryKind, LayerBlob, LayerContents, Marker};
use crate::merge::{Change, ChangeKind, Detail, Details, Node};
use crate::problem::ProblemKind;
use std::fmt;

/// Malformed bytes: where decoding stopped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What was wrong.
    pub what: &'static str,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed tree encoding at byte {}: {}", self.at, self.what)
    }
}

impl std::error::Error for WireError {}

/// Appends encoded values to a byte vector.
#[derive(Default)]
pub struct Encoder {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
    prev_path: String,
}

impl Encoder {
    /// An encoder that appends to `bytes`.
    pub fn appending_to(bytes: Vec<u8>) -> Self {
        Encoder { bytes, prev_path: String::new() }
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    fn raw(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.bytes.extend_from_slice(b);
    }

    /// A path, front-coded against the previous path written.
    fn path(&mut self, p: &str) {
        let mut shared = p.bytes().zip(self.prev_path.bytes()).take_while(|(a, b)| a == b).count();
        while !p.is_char_boundary(shared) {
            shared -= 1;
        }
        self.varint(shared as u64);
        self.raw(p.as_bytes().get(shared..).unwrap_or(&[]));
        self.prev_path.clear();
        self.prev_path.push_str(p);
    }

    fn node(&mut self, n: &Node) {
        self.path(&n.path);
        self.bytes.push(kind_code(n.kind));
        self.varint(u64::from(n.mode));
        self.varint(n.uid);
        self.varint(n.gid);
        self.varint(n.size);
        self.opt_text(n.target.as_deref());
        self.varint(n.mtime);
        self.varint(n.layer as u64);
        self.varint(n.shadowed.len() as u64);
        for &s in n.shadowed.iter() {
            self.varint(s as u64);
        }
        self.bytes.push(u8::from(n.implicit));
    }

    /// Writes a list of nodes.
    pub fn nodes(&mut self, nodes: &[Node]) {
        self.varint(nodes.len() as u64);
        for n in nodes {
            self.node(n);
        }
    }

    /// Writes a list of changes.
    pub fn changes(&mut self, changes: &[Change]) {
        self.varint(changes.len() as u64);
        for c in changes {
            self.bytes.push(match c.change {
                ChangeKind::Added => 0,
                ChangeKind::Modified => 1,
                ChangeKind::Deleted => 2,
            });
            self.node(&c.node);
            self.varint(c.detail.len() as u64);
            for d in c.detail.iter() {
                self.bytes.push(detail_code(d));
            }
        }
    }
}

impl Encoder {
    /// Writes a list of whiteout markers (kind byte, then the path, front-coded).
    pub fn markers(&mut self, markers: &[Marker]) {
        self.varint(markers.len() as u64);
        for m in markers {
            let (kind, path) = match m {
                Marker::Whiteout(p) => (0, p),
                Marker::Opaque(p) => (1, p),
            };
            self.bytes.push(kind);
            self.path(path);
        }
    }
}

impl Encoder {
    fn text(&mut self, t: &str) {
        self.raw(t.as_bytes());
    }

    fn opt_text(&mut self, t: Option<&str>) {
        match t {
            None => self.varint(0),
            Some(t) => {
                self.varint(t.len() as u64 + 1);
                self.bytes.extend_from_slice(t.as_bytes());
            }
        }
    }

    fn entry(&mut self, e: &Entry) {
        self.path(&e.path);
        self.bytes.push(kind_code(e.kind));
        self.varint(u64::from(e.mode));
        self.varint(e.uid);
        self.varint(e.gid);
        self.varint(e.size);
        self.opt_text(e.target.as_deref());
        self.varint(e.mtime);
        match e.content {
            None => self.bytes.push(0),
            Some(h) => {
                self.bytes.push(1);
                self.bytes.extend_from_slice(&h.to_le_bytes());
            }
        }
    }

    /// Writes one layer blob as read: its digests, sizes and compression, its entries (tar order)
    /// and markers, and the warnings and error met (as problem kinds, in JSON: they are rare).
    pub fn layer_blob(&mut self, b: &LayerBlob) {
        self.opt_text(b.blob_digest.as_ref().map(|d| d.digest().to_string()).as_deref());
        self.varint(b.blob_size);
        self.bytes.push(compression_code(b.compression));
        self.opt_text(b.diff_id.as_ref().map(|d| d.digest().to_string()).as_deref());
        self.varint(b.tar_size);
        let c = &b.contents;
        self.varint(c.entry_count);
        self.varint(c.size);
        self.varint(c.entries.len() as u64);
        for e in &c.entries {
            self.entry(e);
        }
        self.markers(&c.markers);
        self.text(&serde_json::to_string(&c.warnings).unwrap_or_else(|_| "[]".into()));
        let error = b.error.as_ref().map(|e| serde_json::to_string(&e.kind()).unwrap_or_default());
        self.opt_text(error.as_deref());
    }
}

/// Reads values written by an [`Encoder`].
pub struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
    prev_path: String,
}

impl<'a> Decoder<'a> {
    /// Reads from the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Decoder { bytes, pos: 0, prev_path: String::new() }
    }

    /// Whether every byte has been read.
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn fail<T>(&self, what: &'static str) -> Result<T, WireError> {
        Err(WireError { at: self.pos, what })
    }

    fn byte(&mut self) -> Result<u8, WireError> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => self.fail("unexpected end"),
        }
    }

    fn varint(&mut self) -> Result<u64, WireError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.fail("varint too long")
    }

    fn usize(&mut self) -> Result<usize, WireError> {
        let v = self.varint()?;
        usize::try_from(v).or_else(|_| self.fail("number too large"))
    }

    /// A count of items that each take at least one byte (so a bad count cannot reserve too much).
    fn count(&mut self) -> Result<usize, WireError> {
        let n = self.usize()?;
        if n > self.bytes.len().saturating_sub(self.pos) {
            return self.fail("count larger than the remaining bytes");
        }
        Ok(n)
    }

    fn slice(&mut self, len: usize) -> Result<&'a [u8], WireError> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        match end.and_then(|e| self.bytes.get(self.pos..e)) {
            Some(s) => {
                self.pos += len;
                Ok(s)
            }
            None => self.fail("length past the end"),
        }
    }

    fn string(&mut self, len: usize) -> Result<String, WireError> {
        let s = self.slice(len)?;
        match std::str::from_utf8(s) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => self.fail("text is not UTF-8"),
        }
    }

    fn path(&mut self) -> Result<String, WireError> {
        let shared = self.usize()?;
        let len = self.usize()?;
        // The suffix is checked against the bytes left before anything is allocated for it.
        let rest = self.slice(len)?;
        let Some(prefix) = self.prev_path.get(..shared) else {
            return self.fail("shared prefix longer than the previous path");
        };
        let Ok(rest) = std::str::from_utf8(rest) else {
            return self.fail("text is not UTF-8");
        };
        let mut p = String::with_capacity(prefix.len() + rest.len());
        p.push_str(prefix);
        p.push_str(rest);
        self.prev_path.clear();
        self.prev_path.push_str(&p);
        Ok(p)
    }

    fn node(&mut self) -> Result<Node, WireError> {
        let path = self.path()?;
        let kind = match kind_from(self.byte()?) {
            Some(k) => k,
            None => return self.fail("unknown entry kind"),
        };
        let mode = u32::try_from(self.varint()?).or_else(|_| self.fail("mode too large"))?;
        let (uid, gid, size) = (self.varint()?, self.varint()?, self.varint()?);
        let target = self.opt_text()?;
        let mtime = self.varint()?;
        let layer = self.usize()?;
        let n = self.count()?;
        let shadowed = (0..n).map(|_| self.usize()).collect::<Result<Vec<_>, _>>()?;
        let implicit = self.byte()? != 0;
        let mut node = Node::new(path, kind, mode, uid, gid, size, target, layer, shadowed, implicit);
        node.mtime = mtime;
        Ok(node)
    }

    /// Reads a list of nodes.
    pub fn nodes(&mut self) -> Result<Vec<Node>, WireError> {
        let n = self.count()?;
        (0..n).map(|_| self.node()).collect()
    }

    /// Reads a list of changes.
    pub fn changes(&mut self) -> Result<Vec<Change>, WireError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let change = match self.byte()? {
                0 => ChangeKind::Added,
                1 => ChangeKind::Modified,
                2 => ChangeKind::Deleted,
                _ => return self.fail("unknown change kind"),
            };
            let node = self.node()?;
            let k = self.count()?;
            let mut detail = Details::NONE;
            for _ in 0..k {
                match detail_from(self.byte()?) {
                    Some(d) => detail.insert(d),
                    None => return self.fail("unknown change detail"),
                }
            }
            out.push(Change { change, node, detail });
        }
        Ok(out)
    }
}

impl Decoder<'_> {
    /// Reads a list of whiteout markers.
    pub fn markers(&mut self) -> Result<Vec<Marker>, WireError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = self.byte()?;
            let path = self.path()?;
            out.push(match kind {
                0 => Marker::Whiteout(path),
                1 => Marker::Opaque(path),
                _ => return self.fail("unknown marker kind"),
            });
        }
        Ok(out)
    }
}

impl Decoder<'_> {
    fn opt_text(&mut self) -> Result<Option<String>, WireError> {
        match self.usize()? {
            0 => Ok(None),
            n => self.string(n - 1).map(Some),
        }
    }

    fn text(&mut self) -> Result<String, WireError> {
        let n = self.usize()?;
        self.string(n)
    }

    fn digest(&mut self) -> Result<Option<Digest>, WireError> {
        match self.opt_text()? {
            None => Ok(None),
            Some(t) => Digest::parse(&t).map(Some).map_or_else(|| self.fail("not a digest"), Ok),
        }
    }

    fn entry(&mut self) -> Result<Entry, WireError> {
        let path = self.path()?;
        let Some(kind) = kind_from(self.byte()?) else { return self.fail("unknown entry kind") };
        let mode = u32::try_from(self.varint()?).or_else(|_| self.fail("mode too large"))?;
        let (uid, gid, size) = (self.varint()?, self.varint()?, self.varint()?);
        let target = self.opt_text()?;
        let mtime = self.varint()?;
        let content = match self.byte()? {
            0 => None,
            _ => {
                let raw = self.slice(8)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(raw);
                Some(u64::from_le_bytes(b))
            }
        };
        Ok(Entry { path, kind, mode, uid, gid, size, target, mtime, content })
    }

    /// Reads a layer blob written by [`Encoder::layer_blob`].
    pub fn layer_blob(&mut self) -> Result<LayerBlob, WireError> {
        let blob_digest = self.digest()?.map(BlobDigest);
        let blob_size = self.varint()?;
        let Some(compression) = compression_from(self.byte()?) else { return self.fail("unknown compression") };
        let diff_id = self.digest()?.map(DiffId);
        let tar_size = self.varint()?;
        let (entry_count, size) = (self.varint()?, self.varint()?);
        let n = self.count()?;
        let entries = (0..n).map(|_| self.entry()).collect::<Result<Vec<_>, _>>()?;
        let markers = self.markers()?;
        let warnings: Vec<ProblemKind> =
            serde_json::from_slice(self.text()?.as_bytes()).map_or_else(|_| self.fail("bad warnings"), Ok)?;
        let error = match self.opt_text()? {
            None => None,
            Some(t) => Some(Error::Unreadable(
                serde_json::from_slice(t.as_bytes()).map_or_else(|_| self.fail("bad error"), Ok)?,
            )),
        };
        let contents = LayerContents { entries, markers, entry_count, size, warnings };
        Ok(LayerBlob { blob_digest, blob_size, compression, diff_id, tar_size, contents, error })
    }
}

const COMPRESSIONS: [Compression; 5] =
    [Compression::None, Compression::Gzip, Compression::Zstd, Compression::Xz, Compression::Bzip2];

fn compression_code(c: Compression) -> u8 {
    COMPRESSIONS.iter().position(|&x| x == c).unwrap_or(0) as u8
}

fn compression_from(b: u8) -> Option<Compression> {
    COMPRESSIONS.get(usize::from(b)).copied()
}

const KINDS: [EntryKind; 7] = [
    EntryKind::File,
    EntryKind::Dir,
    EntryKind::Symlink,
    EntryKind::Hardlink,
    EntryKind::Char,
    EntryKind::Block,
    EntryKind::Fifo,
];

const DETAILS: [Detail; 7] =
    [Detail::Content, Detail::Size, Detail::Type, Detail::Mode, Detail::Owner, Detail::Target, Detail::Identical];

fn kind_code(k: EntryKind) -> u8 {
    KINDS.iter().position(|&x| x == k).unwrap_or(0) as u8
}

fn kind_from(b: u8) -> Option<EntryKind> {
    KINDS.get(usize::from(b)).copied()
}

fn detail_code(d: Detail) -> u8 {
    DETAILS.iter().position(|&x| x == d).unwrap_or(0) as u8
}

fn detail_from(b: u8) -> Option<Detail> {
    DETAILS.get(usize::from(b)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::teaching_image;

    /// Compared as JSON: the content fingerprint (not part of any output) stays behind.
    fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
        serde_json::to_value(v).unwrap_or_default()
    }

    #[test]
    fn layer_blobs_round_trip_and_cut_ones_are_errors() {
        let mut blobs: Vec<LayerBlob> = Vec::new();
        let bytes = teaching_image();
        let open = || Ok::<_, std::io::Error>(std::io::Cursor::new(bytes.clone()));
        let plan = crate::outline::plan(&open, None).expect("a plain tar");
        let (count, cancel) = (std::sync::atomic::AtomicU64::new(0), crate::progress::Cancel::new());
        for at in plan.blobs() {
            blobs.push(crate::outline::read_planned(&open, at, &count, &cancel));
        }
        let broken = crate::layer::read_blob(&b"\x1f\x8b\x08\x00 not really gzip"[..], "bad.tar.gz");
        assert!(broken.error.is_some());
        blobs.push(broken);
        for b in &blobs {
            let mut e = Encoder::default();
            e.layer_blob(b);
            let back = Decoder::new(&e.bytes).layer_blob().expect("decodes");
            assert_eq!(format!("{:?}", back.contents), format!("{:?}", b.contents));
            assert_eq!(
                (&back.blob_digest, back.blob_size, back.compression),
                (&b.blob_digest, b.blob_size, b.compression)
            );
            assert_eq!((&back.diff_id, back.tar_size), (&b.diff_id, b.tar_size));
            assert_eq!(back.error.map(|e| e.kind()), b.error.as_ref().map(Error::kind));
            for cut in 0..e.bytes.len() {
                assert!(Decoder::new(&e.bytes[..cut]).layer_blob().is_err(), "cut at {cut}");
            }
        }
    }

    #[test]
    fn trees_and_changes_round_trip_and_malformed_bytes_are_errors() {
        let a = crate::analyze_bytes(&teaching_image()).expect("sample");
        let img = &a.images[0];
        let mut e = Encoder::default();
        e.nodes(&img.tree.nodes);
        let json_len = serde_json::to_vec(&img.tree.nodes).map(|v| v.len()).unwrap_or(0);
        assert!(e.bytes.len() * 3 < json_len, "{} bytes against {json_len} as JSON", e.bytes.len());
        for l in &img.layers {
            e.changes(&l.changes);
        }
        let markers = vec![Marker::Whiteout("/app/cache".into()), Marker::Opaque("/opt/é".into())];
        e.markers(&markers);
        let mut odd = img.tree.nodes.clone();
        odd[0].path = "/é/ü".into();
        odd[1].path = "/é/û".into();
        odd[1].target = Some("../x".into());
        e.nodes(&odd);
        let bytes = e.bytes;

        let mut d = Decoder::new(&bytes);
        assert_eq!(json(&d.nodes().expect("tree")), json(&img.tree.nodes));
        for l in &img.layers {
            assert_eq!(json(&d.changes().expect("changes")), json(&l.changes));
        }
        assert_eq!(d.markers().expect("markers"), markers);
        assert_eq!(json(&d.nodes().expect("odd paths")), json(&odd));
        assert!(d.is_at_end());

        for cut in 0..bytes.len() {
            let mut d = Decoder::new(&bytes[..cut]);
            let r = d.nodes().and_then(|_| d.changes()).and_then(|_| d.changes()).and_then(|_| d.changes());
            let _ =
                r.and_then(|_| d.markers()).and_then(|_| d.nodes()).expect_err("a cut encoding must not decode whole");
        }
        // A path whose suffix length claims far more than the buffer holds: an error, no allocation.
        let mut huge = Vec::new();
        huge.extend_from_slice(&[1, 0]); // one node, shared prefix 0
        huge.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]); // suffix length ~2^55
        assert_eq!(Decoder::new(&huge).nodes().map_err(|e| e.what), Err("length past the end"));

        let mut flipped = bytes.clone();
        for i in 0..flipped.len() {
            flipped[i] ^= 0xff;
            let mut d = Decoder::new(&flipped);
            let _ = d.nodes().and_then(|_| d.changes());
            flipped[i] ^= 0xff;
        }
    }
}
