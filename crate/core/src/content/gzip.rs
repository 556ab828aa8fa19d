//! Random access into a gzip layer (RFC 1952 members around RFC 1951 deflate), for reading one
//! file after another from the same layer without decompressing it from its first byte each time.
//!
//! A deflate stream cannot be entered in the middle, but a decoder can be copied: a
//! [`Checkpoint`] is the decoder's whole state (its 32 KiB window included, about 43 KiB) at a tar
//! header boundary, with the compressed and the decompressed offsets there. While a layer is
//! scanned for an entry, a checkpoint is kept every [`SPACING`] of output, and every entry seen is
//! noted (path → where its data lies); a later read starts from the last checkpoint before its
//! entry. Memory: one checkpoint per 4 MiB of layer (a 1 GiB layer keeps about 11 MiB) plus the
//! noted entries. The checksums (CRC-32, size) are not checked here: the layer's digest is
//! verified by the analysis.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

/// Output between two checkpoints.
pub const SPACING: u64 = 4 * 1024 * 1024;

/// A decoder state at a tar header boundary.
#[derive(Clone)]
pub struct Checkpoint {
    /// Offset in the compressed blob of the next input byte.
    pub in_pos: u64,
    /// Offset in the decompressed tar.
    pub out_pos: u64,
    /// The decoder, `None` between two gzip members (a fresh one starts there).
    state: Option<Box<InflateState>>,
}

impl std::fmt::Debug for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpoint").field("in_pos", &self.in_pos).field("out_pos", &self.out_pos).finish()
    }
}

/// Decompresses a gzip blob from a checkpoint, counting offsets on both sides.
pub struct Inflater<R> {
    src: R,
    inbuf: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    /// Offset in the blob of `inbuf[in_start]`.
    in_pos: u64,
    /// Bytes of tar delivered so far (from the blob's start).
    out_pos: u64,
    state: Option<Box<InflateState>>,
    done: bool,
    /// Where to keep a checkpoint (a header boundary), and the ones kept.
    pub snap_at: Option<u64>,
    /// Checkpoints taken at `snap_at`.
    pub taken: Vec<Checkpoint>,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("gzip: {what}"))
}

impl<R: Read + Seek> Inflater<R> {
    /// A decoder at the blob's start (its first gzip header is read on the first read).
    pub fn start(src: R) -> Inflater<R> {
        Inflater::resume(src, &Checkpoint { in_pos: 0, out_pos: 0, state: None })
    }

    /// A decoder at `cp` (`src` is sought to its input offset).
    pub fn resume(src: R, cp: &Checkpoint) -> Inflater<R> {
        Inflater {
            src,
            inbuf: vec![0; 64 * 1024],
            in_start: 0,
            in_end: 0,
            eof: false,
            in_pos: cp.in_pos,
            out_pos: cp.out_pos,
            state: cp.state.clone(),
            done: false,
            snap_at: None,
            taken: Vec::new(),
        }
        .sought()
    }

    fn sought(mut self) -> Self {
        if self.src.seek(SeekFrom::Start(self.in_pos)).is_err() {
            self.eof = true;
        }
        self
    }

    /// Bytes of tar delivered so far.
    pub fn out_pos(&self) -> u64 {
        self.out_pos
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.in_start < self.in_end || self.eof {
            return Ok(());
        }
        self.in_start = 0;
        self.in_end = 0;
        loop {
            match self.src.read(&mut self.inbuf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.in_end = n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The next input byte, consumed.
    fn byte(&mut self) -> io::Result<Option<u8>> {
        self.fill()?;
        if self.in_start >= self.in_end {
            return Ok(None);
        }
        let b = self.inbuf.get(self.in_start).copied();
        self.in_start += 1;
        self.in_pos += 1;
        Ok(b)
    }

    fn need(&mut self) -> io::Result<u8> {
        self.byte()?.ok_or_else(|| bad("the header is cut short"))
    }

    /// Reads a member's header; `false` at the end of the blob (no further member).
    fn header(&mut self) -> io::Result<bool> {
        let Some(id1) = self.byte()? else { return Ok(false) };
        let (id2, method, flags) = (self.need()?, self.need()?, self.need()?);
        if id1 != 0x1f || id2 != 0x8b || method != 8 {
            // Trailing zeros after the last member are not another member.
            if id1 == 0 {
                return Ok(false);
            }
            return Err(bad("not a gzip member"));
        }
        for _ in 0..6 {
            self.need()?; // mtime, xfl, os
        }
        if flags & 0x04 != 0 {
            let len = u16::from(self.need()?) | (u16::from(self.need()?) << 8);
            for _ in 0..len {
                self.need()?;
            }
        }
        for bit in [0x08u8, 0x10] {
            if flags & bit != 0 {
                while self.need()? != 0 {}
            }
        }
        if flags & 0x02 != 0 {
            self.need()?;
            self.need()?;
        }
        Ok(true)
    }

    /// A checkpoint here (only at a boundary: nothing of the current read pending).
    fn checkpoint(&self) -> Checkpoint {
        Checkpoint { in_pos: self.in_pos, out_pos: self.out_pos, state: self.state.clone() }
    }
}

impl<R: Read + Seek> Read for Inflater<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.snap_at == Some(self.out_pos) {
            self.snap_at = None;
            let cp = self.checkpoint();
            self.taken.push(cp);
        }
        while !self.done && !out.is_empty() {
            if self.state.is_none() {
                if !self.header()? {
                    self.done = true;
                    break;
                }
                self.state = Some(InflateState::new_boxed(DataFormat::Raw));
            }
            self.fill()?;
            let input = self.inbuf.get(self.in_start..self.in_end).unwrap_or(&[]);
            let Some(state) = self.state.as_mut() else { break };
            let r = inflate(state, input, out, MZFlush::None);
            self.in_start += r.bytes_consumed;
            self.in_pos += r.bytes_consumed as u64;
            self.out_pos += r.bytes_written as u64;
            match r.status {
                Ok(MZStatus::StreamEnd) => {
                    // The member's trailer (CRC-32, size), then maybe another member.
                    for _ in 0..8 {
                        self.need()?;
                    }
                    self.state = None;
                }
                Ok(_) | Err(MZError::Buf) => {}
                Err(_) => return Err(bad("corrupt deflate data")),
            }
            if r.bytes_written > 0 {
                return Ok(r.bytes_written);
            }
            if r.bytes_consumed == 0 && self.state.is_some() {
                if self.in_start < self.in_end {
                    return Err(bad("the decoder makes no progress"));
                }
                if self.eof {
                    return Err(bad("the stream ends inside a member"));
                }
            }
        }
        Ok(0)
    }
}

/// What a layer's tar holds at a path (the first entry there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Noted {
    /// A regular file: its data's offset in the tar and its size.
    File {
        /// Offset of the data in the decompressed tar.
        data: u64,
        /// Size.
        size: u64,
    },
    /// A hard link to this path (normalized).
    Hardlink(String),
    /// Anything else.
    Other,
}

/// What has been learnt of one gzip layer: checkpoints and the entries seen so far.
#[derive(Debug, Default)]
pub struct GzIndex {
    /// Checkpoints by output offset (the first is the blob's start).
    pub checkpoints: Vec<Checkpoint>,
    /// Entries seen, by normalized path (the first one of a path).
    pub noted: HashMap<String, Noted>,
    /// Output offset of the header after the last entry noted.
    pub scanned_to: u64,
    /// The whole layer has been scanned.
    pub complete: bool,
}

impl GzIndex {
    /// Nothing learnt yet.
    pub fn new() -> GzIndex {
        GzIndex {
            checkpoints: vec![Checkpoint { in_pos: 0, out_pos: 0, state: None }],
            noted: HashMap::new(),
            scanned_to: 0,
            complete: false,
        }
    }

    /// The last checkpoint at or before output offset `at`.
    pub fn before(&self, at: u64) -> Option<&Checkpoint> {
        self.checkpoints.iter().rev().find(|c| c.out_pos <= at)
    }
}

/// A `Read` over an inflater another part of the code also looks at between reads (to take
/// checkpoints while a tar reader reads through it).
pub struct Tap<'a, R>(pub &'a std::cell::RefCell<Inflater<R>>);

impl<R: Read + Seek> Read for Tap<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.0.try_borrow_mut().map_err(|_| io::Error::other("the inflater is busy"))?.read(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn gz(data: &[u8], members: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let step = data.len().div_ceil(members.max(1)).max(1);
        for part in data.chunks(step) {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(part).unwrap();
            out.extend(e.finish().unwrap());
        }
        out
    }

    #[test]
    fn a_checkpoint_resumes_where_it_was_taken() {
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 % 7 + b'a').collect();
        for members in [1, 3] {
            let blob = gz(&data, members);
            let mut inf = Inflater::start(Cursor::new(blob.clone()));
            let mut first = vec![0u8; 1_234_567];
            inf.read_exact(&mut first).unwrap();
            assert_eq!(first, data[..1_234_567]);
            inf.snap_at = Some(inf.out_pos());
            let mut one = [0u8; 1];
            inf.read_exact(&mut one).unwrap();
            let cp = inf.taken.pop().expect("a checkpoint");
            assert_eq!(cp.out_pos, 1_234_567);
            let mut rest = Vec::new();
            Inflater::resume(Cursor::new(blob.clone()), &cp).read_to_end(&mut rest).unwrap();
            assert_eq!(rest, data[1_234_567..], "{members} member(s)");
            let mut all = Vec::new();
            Inflater::start(Cursor::new(blob)).read_to_end(&mut all).unwrap();
            assert_eq!(all, data);
        }
        let cut = gz(&data, 1);
        let mut out = Vec::new();
        assert!(Inflater::start(Cursor::new(cut[..cut.len() / 2].to_vec())).read_to_end(&mut out).is_err());
        assert!(Inflater::start(Cursor::new(b"not gzip at all".to_vec())).read_to_end(&mut out).is_err());
    }
}
