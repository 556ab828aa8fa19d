//! Decompressing a stream by its [`Compression`]: gzip (RFC 1952, every member, as eStargz writes
//! it), Zstandard (RFC 8878) and xz (the .xz file format 1.2, LZMA2).
//!
//! One decoder of each kind, over a `dyn Read`: the decoders are compiled once, not once per
//! reader type they are handed (in WebAssembly each copy of an xz decoder is 7 KB the page
//! downloads; there were a dozen). A decoder reads its input in chunks, so the indirection costs
//! one call per chunk.

use crate::detect::Compression;
use std::io::Read;

/// Why a stream cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The zstd frame header is broken (the decoder's message).
    Zstd(String),
    /// bzip2 is recognised, not decoded.
    Bzip2,
}

/// The decompressed stream of `input`, compressed as `compression` (`None`: `input` itself).
pub fn decoder<'a>(compression: Compression, input: Box<dyn Read + 'a>) -> Result<Box<dyn Read + 'a>, DecodeError> {
    Ok(match compression {
        Compression::None => input,
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new(input, true)),
        Compression::Zstd => {
            Box::new(ruzstd::decoding::StreamingDecoder::new(input).map_err(|e| DecodeError::Zstd(e.to_string()))?)
        }
        Compression::Bzip2 => return Err(DecodeError::Bzip2),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn decode(c: Compression, bytes: Vec<u8>) -> Result<Vec<u8>, DecodeError> {
        let mut out = Vec::new();
        decoder(c, Box::new(std::io::Cursor::new(bytes)))?.read_to_end(&mut out).unwrap();
        Ok(out)
    }

    #[test]
    fn each_format_decodes_and_gzip_reads_every_member() {
        let gz = |s: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(s).unwrap();
            e.finish().unwrap()
        };
        let mut two = gz(b"ab");
        two.extend(gz(b"cd"));
        assert_eq!(decode(Compression::Gzip, two).unwrap(), b"abcd");
        assert_eq!(decode(Compression::None, b"plain".to_vec()).unwrap(), b"plain");
        assert_eq!(decode(Compression::Bzip2, b"BZh9".to_vec()), Err(DecodeError::Bzip2));
        assert!(matches!(decode(Compression::Zstd, vec![0x28, 0xb5, 0x2f, 0xfd, 0xff]), Err(DecodeError::Zstd(_))));
    }

    /// "usr/lib/strata " 40 times, as `xz -9` writes it (an LZMA2 chunk with matches, CRC64).
    const XZ: &[u8] = &[
        0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x00, 0x21, 0x01, 0x1c, 0x00,
        0x00, 0x00, 0x10, 0xcf, 0x58, 0xcc, 0xe0, 0x02, 0x57, 0x00, 0x1a, 0x5d, 0x00, 0x3a, 0x9c, 0xca, 0x8b, 0x09,
        0x80, 0xc1, 0x31, 0xd1, 0x55, 0xc6, 0xd5, 0x8b, 0xa8, 0xd2, 0x74, 0xef, 0x40, 0x73, 0x6b, 0xbf, 0xec, 0x43,
        0xf6, 0x80, 0x00, 0x00, 0x00, 0x00, 0x59, 0xf4, 0xee, 0x61, 0xa3, 0x39, 0x95, 0x96, 0x00, 0x01, 0x36, 0xd8,
        0x04, 0x00, 0x00, 0x00, 0xa2, 0x93, 0x91, 0x27, 0xb1, 0xc4, 0x67, 0xfb, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x59, 0x5a,
    ];
    /// The same 600 bytes as `zstd -19` writes them (a compressed block with sequences).
    const ZSTD: &[u8] = &[
        0x28, 0xb5, 0x2f, 0xfd, 0x64, 0x58, 0x01, 0xb5, 0x00, 0x00, 0x78, 0x75, 0x73, 0x72, 0x2f, 0x6c, 0x69, 0x62,
        0x2f, 0x73, 0x74, 0x72, 0x61, 0x74, 0x61, 0x20, 0x01, 0x00, 0x46, 0xa4, 0x9a, 0x75, 0x7d, 0xb3, 0x3e, 0x0c,
    ];

    /// Real streams of the two decoders no encoder here can make (written by the xz and zstd
    /// tools) decode to their bytes; a cut stream is an error, not short output.
    #[test]
    fn xz_and_zstd_streams_decode() {
        let want = "usr/lib/strata ".repeat(40).into_bytes();
        assert_eq!(decode(Compression::Xz, XZ.to_vec()).unwrap(), want);
        assert_eq!(decode(Compression::Zstd, ZSTD.to_vec()).unwrap(), want);
        for (c, bytes) in [(Compression::Xz, XZ), (Compression::Zstd, ZSTD)] {
            let cut = bytes[..bytes.len() - 6].to_vec();
            let mut out = Vec::new();
            let read = decoder(c, Box::new(std::io::Cursor::new(cut))).map(|mut d| d.read_to_end(&mut out));
            assert!(!matches!(read, Ok(Ok(_))), "{c:?}: a cut stream read as {} bytes", out.len());
        }
    }
}
