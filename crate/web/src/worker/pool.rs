//! The browser's parallel read (see `strata_core::parallel`): the worker that got the file (the
//! primary) plans the read of a plain-tar archive, starts helper workers (as many as the machine
//! has cores, capped, at least two), hands each a share of the layer blobs, and assembles the
//! analysis from what they send back: each blob as read, in the compact encoding of
//! `strata_core::wire`, and how many bytes they have read. This module is the pure part: the pool
//! size, the shares and the helpers' messages; `super::helpers` runs it.

use strata_core::layer::LayerBlob;
use strata_core::outline::BlobAt;
use strata_core::wire::{Decoder, Encoder};

/// The most helpers one archive gets (more cores than layers to read gain nothing).
pub const MAX_HELPERS: usize = 8;

/// The bytes all helpers together may hold as whole blobs (see [`whole_blob_limit`]).
pub const WHOLE_BLOB_BUDGET: u64 = 512 * 1024 * 1024;

/// The largest blob a helper reads whole, to hash it with the browser's native SHA-256 (Web
/// Crypto digests one buffer, it cannot stream): the budget shared among the helpers, between 64
/// and 128 MiB each. Larger blobs are read in ranges and hashed in WebAssembly.
pub fn whole_blob_limit(helpers: usize) -> u64 {
    (WHOLE_BLOB_BUDGET / helpers.max(1) as u64).clamp(64 << 20, 128 << 20)
}

/// How many helpers to start for `blobs` blobs on a machine with `cores` logical cores: one per
/// core, capped, at least two, never more than blobs. Fewer than two blobs: none (the primary
/// reads alone).
pub fn helpers(cores: usize, blobs: usize) -> usize {
    if blobs < 2 {
        return 0;
    }
    cores.clamp(2, MAX_HELPERS).min(blobs)
}

/// Splits the blobs among `helpers` so that each reads about as many bytes: the largest first, each
/// to the helper with the fewest bytes so far. Returns the blob indexes of each helper.
pub fn shares(blobs: &[BlobAt], helpers: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<(u64, Vec<usize>)> = (0..helpers.max(1)).map(|_| (0, Vec::new())).collect();
    let mut order: Vec<usize> = (0..blobs.len()).collect();
    strata_core::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(blobs.get(i).map_or(0, |b| b.size)));
    for i in order {
        if let Some(least) = out.iter_mut().min_by_key(|(bytes, _)| *bytes) {
            least.0 += blobs.get(i).map_or(0, |b| b.size);
            least.1.push(i);
        }
    }
    out.into_iter().map(|(_, share)| share).filter(|s| !s.is_empty()).collect()
}

/// The share of the blobs' bytes whose digests must still be to come for the structure to be
/// worth building (it takes about as long as the analysis itself): a structure that would land
/// just before the analysis only delays it.
pub const STRUCTURE_WORTH: f64 = 0.25;

/// Whether to build the structure once every blob's entries are in, with `pending` of the
/// blobs' `total` bytes still to be verified (see [`STRUCTURE_WORTH`]).
pub fn structure_worth_building(pending: u64, total: u64) -> bool {
    pending > 0 && pending as f64 >= STRUCTURE_WORTH * total as f64
}

/// A helper → primary message.
#[derive(Debug)]
pub enum HelperMessage {
    /// Blob `index` of the plan, as read: verified, complete.
    Blob {
        /// Its index in the plan.
        index: usize,
        /// What reading it gave.
        blob: Box<LayerBlob>,
    },
    /// Blob `index` parsed whole, its digest still being computed: [`HelperMessage::Digest`] follows.
    Parsed {
        /// Its index in the plan.
        index: usize,
        /// What parsing it gave, unhashed.
        blob: Box<LayerBlob>,
    },
    /// The SHA-256 of the stored bytes of parsed blob `index`.
    Digest {
        /// Its index in the plan.
        index: usize,
        /// The 32 bytes of the hash.
        sha256: Vec<u8>,
    },
    /// The helper has read `bytes` bytes so far.
    Progress {
        /// Bytes read.
        bytes: u64,
    },
}

const BLOB: u8 = b'B';
const PARSED: u8 = b'Q';
const DIGEST: u8 = b'D';
const PROGRESS: u8 = b'P';

impl HelperMessage {
    /// The message as one byte buffer: a tag byte, then the payload.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::default();
        match self {
            HelperMessage::Blob { index, blob } | HelperMessage::Parsed { index, blob } => {
                e.bytes.push(if matches!(self, HelperMessage::Parsed { .. }) { PARSED } else { BLOB });
                e.bytes.extend_from_slice(&(*index as u64).to_le_bytes());
                e.layer_blob(blob);
            }
            HelperMessage::Digest { index, sha256 } => {
                e.bytes.push(DIGEST);
                e.bytes.extend_from_slice(&(*index as u64).to_le_bytes());
                e.bytes.extend_from_slice(sha256);
            }
            HelperMessage::Progress { bytes } => {
                e.bytes.push(PROGRESS);
                e.bytes.extend_from_slice(&bytes.to_le_bytes());
            }
        }
        e.bytes
    }

    /// A message read back (`None` for anything else, e.g. a helper's own "ready").
    pub fn decode(bytes: &[u8]) -> Option<HelperMessage> {
        let (&tag, rest) = bytes.split_first()?;
        let number = rest.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map(u64::from_le_bytes)?;
        let index = usize::try_from(number).ok();
        let blob = || Decoder::new(rest.get(8..)?).layer_blob().ok().map(Box::new);
        match tag {
            BLOB => Some(HelperMessage::Blob { index: index?, blob: blob()? }),
            PARSED => Some(HelperMessage::Parsed { index: index?, blob: blob()? }),
            DIGEST => {
                let sha256 = rest.get(8..).filter(|h| h.len() == 32)?.to_vec();
                Some(HelperMessage::Digest { index: index?, sha256 })
            }
            PROGRESS => Some(HelperMessage::Progress { bytes: number }),
            _ => None,
        }
    }
}

/// A share as the helper's job carries it: `[index, data_at, size, name]` per blob, in JSON.
pub fn share_json(blobs: &[BlobAt], share: &[usize]) -> String {
    let rows: Vec<(usize, u64, u64, &str)> =
        share.iter().filter_map(|&i| blobs.get(i).map(|b| (i, b.data_at, b.size, b.name.as_str()))).collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

/// A share read back: each blob's index in the plan and where it lies.
pub fn share_from_json(text: &str) -> Option<Vec<(usize, BlobAt)>> {
    let rows: Vec<(usize, u64, u64, String)> = serde_json::from_slice(text.as_bytes()).ok()?;
    Some(
        rows.into_iter()
            .map(|(i, data_at, size, name)| {
                (i, BlobAt { name, data_at, size, compression: strata_core::Compression::None })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(name: &str, size: u64) -> BlobAt {
        BlobAt { name: name.into(), data_at: 512, size, compression: strata_core::Compression::None }
    }

    #[test]
    fn pool_sizes_and_balanced_shares() {
        assert_eq!((helpers(1, 10), helpers(2, 10), helpers(12, 10), helpers(12, 3), helpers(8, 1)), (2, 2, 8, 3, 0));
        let blobs = [blob("a", 10), blob("b", 100), blob("c", 60), blob("d", 50), blob("e", 5)];
        let s = shares(&blobs, 2);
        let bytes: Vec<u64> = s.iter().map(|sh| sh.iter().map(|&i| blobs[i].size).sum()).collect();
        assert_eq!(bytes, [115, 110], "{s:?}");
        let mut all: Vec<usize> = s.concat();
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3, 4], "every blob once");
        assert_eq!(shares(&blobs[..1], 4).len(), 1, "no empty shares");
        let json = share_json(&blobs, &s[0]);
        let back = share_from_json(&json).unwrap();
        assert_eq!(back.iter().map(|(i, b)| (*i, b.size, b.name.clone())).collect::<Vec<_>>()[0], (1, 100, "b".into()));
        assert_eq!(share_from_json("nope"), None);
    }

    #[test]
    fn the_structure_is_built_only_with_a_quarter_or_more_still_to_verify() {
        assert!(structure_worth_building(588, 1188), "the skewed archive's large layer still hashing");
        assert!(structure_worth_building(300, 1200));
        assert!(!structure_worth_building(60, 1188), "the last two layers of the even archive");
        assert!(!structure_worth_building(0, 1188), "everything verified: the analysis is next");
        assert!(!structure_worth_building(0, 0));
    }

    #[test]
    fn whole_blobs_stay_within_the_budget_and_between_64_and_128_mib() {
        const MIB: u64 = 1 << 20;
        assert_eq!([1, 2, 4, 8, 16].map(whole_blob_limit), [128 * MIB, 128 * MIB, 128 * MIB, 64 * MIB, 64 * MIB]);
        assert!((1..=MAX_HELPERS).all(|h| whole_blob_limit(h) * h as u64 <= WHOLE_BLOB_BUDGET));
    }

    #[test]
    fn helper_messages_round_trip_and_strangers_are_none() {
        let bytes = strata_core::sample::replace();
        let blob = strata_core::layer::read_blob(&bytes[..0], "empty");
        let m = HelperMessage::Blob { index: 7, blob: Box::new(blob) };
        match HelperMessage::decode(&m.encode()) {
            Some(HelperMessage::Blob { index: 7, blob }) => assert_eq!(blob.blob_size, 0),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            HelperMessage::decode(&HelperMessage::Progress { bytes: 99 }.encode()),
            Some(HelperMessage::Progress { bytes: 99 })
        ));
        let blob = || Box::new(strata_core::layer::read_blob(&bytes[..0], "empty"));
        let parsed = HelperMessage::Parsed { index: 4, blob: blob() };
        assert_eq!(format!("{:?}", HelperMessage::decode(&parsed.encode())), format!("{:?}", Some(parsed)));
        let digest = HelperMessage::Digest { index: 5, sha256: (0..32).collect() };
        assert_eq!(format!("{:?}", HelperMessage::decode(&digest.encode())), format!("{:?}", Some(digest)));
        let short = HelperMessage::Digest { index: 5, sha256: vec![1; 31] };
        assert!(HelperMessage::decode(&short.encode()).is_none(), "a digest is 32 bytes");
        assert!(HelperMessage::decode(b"").is_none() && HelperMessage::decode(b"Xabcdefgh").is_none());
        assert!(HelperMessage::decode(&m.encode()[..12]).is_none(), "a cut blob is no message");
    }
}
