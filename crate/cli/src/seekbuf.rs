//! A read buffer that survives seeks: reading tar headers seeks past every file's data, and
//! `std::io::BufReader` drops its buffer on each seek, so a 10k-file layer cost two system calls
//! per entry. Here a seek only moves the position; a read inside the buffered window is served
//! from memory, and only a read outside it goes to the file: one positioned read (`pread`) of the
//! window, no seek.

use std::io::{self, Read, Seek, SeekFrom};

/// A source read at offsets (a file: `pread` on Unix; an in-memory buffer in tests).
pub trait ReadAt {
    /// Reads into `buf` from `offset`; returns how many bytes were read (0 at the end).
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
    /// The source's length.
    fn len(&mut self) -> io::Result<u64>;
}

impl ReadAt for std::fs::File {
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        #[cfg(unix)]
        {
            std::os::unix::fs::FileExt::read_at(self, buf, offset)
        }
        #[cfg(not(unix))]
        {
            self.seek(SeekFrom::Start(offset))?;
            self.read(buf)
        }
    }

    fn len(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
}

impl<T: AsRef<[u8]>> ReadAt for io::Cursor<T> {
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let data = self.get_ref().as_ref();
        let from = usize::try_from(offset).unwrap_or(usize::MAX).min(data.len());
        let have = data.get(from..).unwrap_or(&[]);
        let n = have.len().min(buf.len());
        buf.get_mut(..n).unwrap_or(&mut []).copy_from_slice(have.get(..n).unwrap_or(&[]));
        Ok(n)
    }

    fn len(&mut self) -> io::Result<u64> {
        Ok(self.get_ref().as_ref().len() as u64)
    }
}

/// Bytes read from the file at a time.
pub const WINDOW: usize = 2 * 1024;

/// A `Read + Seek` that keeps its window across seeks.
pub struct SeekBuf<R> {
    inner: R,
    buf: Vec<u8>,
    /// The file offset of `buf[0]`.
    start: u64,
    /// The position the next read starts at.
    pos: u64,
}

impl<R: ReadAt> SeekBuf<R> {
    /// Wraps `inner` (positioned at its start).
    pub fn new(inner: R) -> Self {
        SeekBuf { inner, buf: Vec::with_capacity(WINDOW), start: 0, pos: 0 }
    }
}

impl<R: ReadAt> Read for SeekBuf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let end = self.start + self.buf.len() as u64;
        if self.pos < self.start || self.pos >= end {
            // A big read goes straight through (a file's bytes), a small one fills the window.
            if out.len() >= WINDOW {
                let n = self.inner.read_at(out, self.pos)?;
                self.pos += n as u64;
                self.buf.clear();
                return Ok(n);
            }
            self.buf.resize(WINDOW, 0);
            let n = self.inner.read_at(&mut self.buf, self.pos)?;
            self.buf.truncate(n);
            self.start = self.pos;
            if n == 0 {
                return Ok(0);
            }
        }
        let at = usize::try_from(self.pos - self.start).unwrap_or(usize::MAX);
        let have = self.buf.get(at..).unwrap_or(&[]);
        let n = have.len().min(out.len());
        out.get_mut(..n).unwrap_or(&mut []).copy_from_slice(have.get(..n).unwrap_or(&[]));
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: ReadAt> Seek for SeekBuf<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            SeekFrom::End(d) => self.inner.len()?.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn reads_what_the_file_holds_at_every_seek() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut r = SeekBuf::new(Cursor::new(data.clone()));
        let mut rng = 12345u64;
        for _ in 0..2000 {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let at = rng >> 33;
            let at = at % 100_100;
            let len = ((rng >> 7) % 40_000) as usize;
            match (rng >> 3) % 3 {
                0 => r.seek(SeekFrom::Start(at)).unwrap(),
                1 => r.seek(SeekFrom::Current(-((at % 50) as i64))).unwrap(),
                _ => r.seek(SeekFrom::End(-((at % 1000) as i64))).unwrap(),
            };
            let pos = r.stream_position().unwrap() as usize;
            let mut got = vec![0; len];
            let mut filled = 0;
            while filled < len {
                let n = r.read(&mut got[filled..]).unwrap();
                if n == 0 {
                    break;
                }
                filled += n;
            }
            let want = data.get(pos..).unwrap_or(&[]);
            assert_eq!(&got[..filled], &want[..filled.min(want.len())]);
            assert_eq!(filled, len.min(want.len()), "at {pos} len {len}");
        }
        assert!(r.seek(SeekFrom::Current(-1_000_000)).is_err());
    }
}
