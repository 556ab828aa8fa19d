//! Content digests (OCI image-spec `descriptor.md#digests`) and a hashing reader.
//!
//! A [`Digest`] is `algorithm:hex`. Two different things are named by digests and must not be confused
//! (go-containerregistry's `Digest()` vs `DiffID()`):
//! - a [`BlobDigest`] names the bytes as stored in the archive (possibly compressed);
//! - a [`DiffId`] names the *uncompressed* layer tar (config `rootfs.diff_ids`, image-spec `config.md`).
//!
//! Digests are checked as the bytes stream past ([`HashingReader`]): there is never a second pass.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::fmt;
use std::io::{self, Read};

/// A parsed content digest such as `sha256:4bfd…`. Only `sha256` can be computed; other algorithms
/// are kept as text so they can be shown and reported as unchecked.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Digest {
    algorithm: String,
    hex: String,
}

impl Digest {
    /// Parses `algorithm:encoded`; returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Digest> {
        let (algorithm, hex) = s.split_once(':')?;
        let ok_alg = !algorithm.is_empty()
            && algorithm.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+._-".contains(&b));
        let ok_hex = !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_alphanumeric() || b"=_-".contains(&b));
        (ok_alg && ok_hex).then(|| Digest { algorithm: algorithm.into(), hex: hex.to_ascii_lowercase() })
    }

    /// A sha256 digest from raw hash bytes.
    pub fn sha256_of_hash(hash: &[u8]) -> Digest {
        Digest { algorithm: "sha256".into(), hex: hash.iter().map(|b| format!("{b:02x}")).collect() }
    }

    /// The sha256 digest of `bytes`.
    pub fn sha256(bytes: &[u8]) -> Digest {
        Digest::sha256_of_hash(&Sha256::digest(bytes))
    }

    /// A sha256 digest from a 64-character hex string, if it is one.
    pub fn sha256_hex(hex: &str) -> Option<Digest> {
        (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Digest { algorithm: "sha256".into(), hex: hex.to_ascii_lowercase() })
    }

    /// The algorithm, e.g. `sha256`.
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    /// The encoded hash.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// The first 12 hex characters, as `docker images` shows IDs.
    pub fn short(&self) -> &str {
        self.hex.get(..12).unwrap_or(&self.hex)
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.algorithm, self.hex)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl From<Digest> for String {
    fn from(d: Digest) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for Digest {
    type Error = String;
    fn try_from(s: String) -> Result<Digest, String> {
        Digest::parse(&s).ok_or_else(|| format!("not a digest: {s}"))
    }
}

macro_rules! digest_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Digest);

        impl $name {
            /// The digest itself.
            pub fn digest(&self) -> &Digest {
                &self.0
            }

            /// The first 12 hex characters (see [`Digest::short`]).
            pub fn short(&self) -> &str {
                self.0.short()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    };
}

digest_newtype!(
    /// The digest of a blob as stored (compressed or not): what manifests and `index.json` name.
    BlobDigest
);

digest_newtype!(
    /// The digest of an uncompressed layer tar: what `rootfs.diff_ids` in an image config names.
    DiffId
);

/// The short form every front end shows for an id or a digest: the algorithm prefix dropped and
/// the first 12 characters kept, as `docker images` and `docker pull` print them
/// (`sha256:4bfd7c178733…` → `4bfd7c178733`). Ids that are no digest (pre-1.10 v1) are cut alike.
pub fn short_id(id: &str) -> &str {
    let hex = id.split_once(':').map_or(id, |(_, h)| h);
    match hex.char_indices().nth(12) {
        Some((end, _)) => hex.get(..end).unwrap_or(hex),
        None => hex,
    }
}

/// A reader that hashes (sha256) and counts every byte that passes through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Option<Sha256>,
    count: u64,
}

impl<R: Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader { inner, hasher: Some(Sha256::new()), count: 0 }
    }

    /// Wraps `inner` to count its bytes only (the digest is computed elsewhere).
    pub fn counting(inner: R) -> Self {
        HashingReader { inner, hasher: None, count: 0 }
    }

    /// Bytes read so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Reads the rest of the stream (so trailing data is hashed too) and returns the digest and the
    /// byte count.
    pub fn finish(mut self) -> io::Result<(Digest, u64)> {
        io::copy(&mut self, &mut io::sink())?;
        let hash = self.hasher.unwrap_or_default().finalize();
        Ok((Digest::sha256_of_hash(&hash), self.count))
    }

    /// Reads the rest of the stream and returns the byte count (no digest).
    pub fn finish_count(mut self) -> io::Result<u64> {
        io::copy(&mut self, &mut io::sink())?;
        Ok(self.count)
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let (Some(hasher), Some(read)) = (self.hasher.as_mut(), buf.get(..n)) {
            hasher.update(read);
        }
        self.count += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let d = Digest::parse("sha256:ABCdef0123").unwrap();
        assert_eq!(d.to_string(), "sha256:abcdef0123");
        assert!(Digest::parse("nocolon").is_none());
        assert!(Digest::parse(":abc").is_none());
        assert!(Digest::parse("sha256:").is_none());
        assert!(Digest::sha256_hex("abc").is_none());
    }

    #[test]
    fn short_ids_as_docker_prints_them() {
        let d = Digest::sha256(b"x");
        assert_eq!(short_id(&d.to_string()), d.short());
        assert_eq!(d.short().len(), 12);
        assert_eq!(DiffId(d.clone()).short(), d.short());
        assert_eq!(short_id("0123456789abcdef"), "0123456789ab");
        assert_eq!(short_id("sha256:abc"), "abc");
        assert_eq!(short_id("sha256:名前名前名前名前名前名前名前"), "名前名前名前名前名前名前");
        assert_eq!(format!("{:?}", BlobDigest(d.clone())), format!("BlobDigest({d})"));
    }

    #[test]
    fn hashing_reader_hashes_everything_including_the_unread_rest() {
        let data = b"hello world".to_vec();
        let mut r = HashingReader::new(&data[..]);
        let mut first = [0u8; 3];
        r.read_exact(&mut first).unwrap();
        let (d, n) = r.finish().unwrap();
        assert_eq!(n, 11);
        assert_eq!(d, Digest::sha256(b"hello world"));
        assert_eq!(d.hex(), "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    }
}
