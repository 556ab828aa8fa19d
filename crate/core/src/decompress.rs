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
}
