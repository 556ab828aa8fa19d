//! Detection by content: magic bytes of compression formats and of tar headers.
//!
//! Nothing is decided by file name or media type. Magic numbers: gzip RFC 1952 (`1f 8b`), zstd
//! RFC 8878 (`28 b5 2f fd`), xz (`fd 37 7a 58 5a 00`), and a tar header is recognised by its checksum
//! (POSIX.1-1988 ustar, also valid for v7 and GNU headers).

use serde::{Deserialize, Serialize};
use std::io::{self, Read};

/// How a stream of bytes is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (including multi-member gzip, as eStargz writes it).
    Gzip,
    /// Zstandard.
    Zstd,
    /// xz (LZMA2).
    Xz,
    /// bzip2: recognised, not decoded.
    Bzip2,
}

impl Compression {
    /// The name used in the CLI's JSON (`none`, `gzip`, `zstd`, `xz`, `bzip2`).
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Xz => "xz",
            Compression::Bzip2 => "bzip2",
        }
    }

    /// Detects a compression format from the first bytes of a stream.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
            Compression::Xz
        } else if head.starts_with(b"BZh") && head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
            Compression::Bzip2
        } else {
            Compression::None
        }
    }
}

/// Whether `block` (512 bytes) is a tar header with a valid checksum, or an all-zero end-of-archive
/// block.
pub fn is_tar_block(block: &[u8]) -> bool {
    let Some(block) = block.get(..512) else {
        return false;
    };
    if block.iter().all(|&b| b == 0) {
        return true;
    }
    let Some(field) = block.get(148..156) else {
        return false;
    };
    let text: String =
        field.iter().take_while(|&&b| b != 0 && b != b' ').skip_while(|&&b| b == b' ').map(|&b| b as char).collect();
    let text = text.trim();
    let Ok(stored) = u32::from_str_radix(text, 8) else {
        return false;
    };
    let unsigned: u32 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| if (148..156).contains(&i) { u32::from(b' ') } else { u32::from(b) })
        .sum();
    let signed: i64 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| if (148..156).contains(&i) { i64::from(b' ') } else { i64::from(b as i8) })
        .sum();
    stored == unsigned || i64::from(stored) == signed
}

/// A stream whose first bytes were already read, put back in front.
pub type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads up to `n` bytes from the start of `r` and returns them with a reader that yields the same
/// stream from its beginning (the peeked bytes, then the rest).
pub fn peek<R: Read>(mut r: R, n: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(n);
    (&mut r).take(n as u64).read_to_end(&mut head)?;
    Ok((head.clone(), io::Cursor::new(head).chain(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]), Compression::Zstd);
        assert_eq!(Compression::sniff(b"\xfd7zXZ\x00..."), Compression::Xz);
        assert_eq!(Compression::sniff(b"BZh9"), Compression::Bzip2);
        assert_eq!(Compression::sniff(b"{\"a\":1}"), Compression::None);
    }

    #[test]
    fn recognises_tar_headers_by_checksum() {
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_path("a.txt").unwrap();
        h.set_size(1);
        h.set_cksum();
        b.append(&h, &b"x"[..]).unwrap();
        let bytes = b.into_inner().unwrap();
        assert!(is_tar_block(&bytes[..512]));
        let mut broken = bytes[..512].to_vec();
        broken[0] ^= 1;
        assert!(!is_tar_block(&broken));
        assert!(is_tar_block(&[0u8; 512]));
        assert!(!is_tar_block(b"{\"not\": \"tar\"}"));
    }
}
