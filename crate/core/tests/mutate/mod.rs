//! The mutations of the fuzz tests: generic byte damage, tar-aware damage (lying sizes with a
//! fixed checksum, spliced and duplicated headers) and JSON-aware damage, from a seeded generator
//! (fastrand: small, well kept, reproducible from a seed).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;

/// A seeded source of mutations.
pub struct Mutator {
    rng: fastrand::Rng,
}

/// Bytes that tend to matter to parsers.
const INTERESTING: [u8; 10] = [0, 0xff, 0x7f, 0x80, b'0', b'7', b' ', b'/', b'{', b'"'];

impl Mutator {
    /// A generator from `seed`: the same seed, the same cases.
    pub fn new(seed: u64) -> Mutator {
        Mutator { rng: fastrand::Rng::with_seed(seed) }
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    /// A copy of one of `seeds` with one to four archive mutations.
    pub fn archive(&mut self, seeds: &[Vec<u8>]) -> Vec<u8> {
        let mut b = self.pick(seeds).clone();
        for _ in 0..self.rng.usize(1..=4) {
            match self.rng.u8(..8) {
                0 => self.lie_about_a_size(&mut b),
                1 => self.splice_a_header(&mut b),
                2 => self.duplicate_a_header(&mut b),
                3 => self.damage_a_header_field(&mut b),
                _ => self.damage(&mut b),
            }
        }
        b
    }

    /// A copy of `valid` with one to four generic mutations.
    pub fn bytes(&mut self, valid: &[u8]) -> Vec<u8> {
        let mut b = valid.to_vec();
        for _ in 0..self.rng.usize(1..=4) {
            self.damage(&mut b);
        }
        b
    }

    /// One of `seeds` (a plain tar) rebuilt with its JSON documents mutated, the tar itself valid.
    pub fn json_documents(&mut self, seeds: &[Vec<u8>]) -> Vec<u8> {
        let seed = self.pick(seeds).clone();
        let mut out = tar::Builder::new(Vec::new());
        let mut archive = tar::Archive::new(&seed[..]);
        let Ok(entries) = archive.entries() else { return seed };
        for entry in entries {
            let Ok(mut entry) = entry else { break };
            let mut header = entry.header().clone();
            let mut data = Vec::new();
            if entry.read_to_end(&mut data).is_err() {
                break;
            }
            let is_json = data.first().is_some_and(|&c| c == b'{' || c == b'[');
            if is_json && self.rng.u8(..3) > 0 {
                data = self.json(&data);
            }
            header.set_size(data.len() as u64);
            header.set_cksum();
            if out.append(&header, &data[..]).is_err() {
                break;
            }
        }
        out.into_inner().unwrap_or(seed)
    }

    /// A JSON document with one to three structural mutations (or, rarely, raw byte damage).
    fn json(&mut self, doc: &[u8]) -> Vec<u8> {
        let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(doc) else { return doc.to_vec() };
        if self.rng.u8(..10) == 0 {
            let mut b = doc.to_vec();
            self.damage(&mut b);
            return b;
        }
        for _ in 0..self.rng.usize(1..=3) {
            self.mutate_value(&mut v, 0);
        }
        serde_json::to_vec(&v).unwrap_or_else(|_| doc.to_vec())
    }

    fn mutate_value(&mut self, v: &mut serde_json::Value, depth: usize) {
        use serde_json::Value;
        let descend = depth < 6 && self.rng.bool();
        match v {
            Value::Object(map) if descend && !map.is_empty() => {
                let key = map.keys().nth(self.rng.usize(..map.len())).cloned().unwrap_or_default();
                if self.rng.u8(..4) == 0 {
                    map.remove(&key);
                } else if let Some(child) = map.get_mut(&key) {
                    self.mutate_value(child, depth + 1);
                }
            }
            Value::Array(items) if descend && !items.is_empty() => {
                let i = self.rng.usize(..items.len());
                match self.rng.u8(..4) {
                    0 => {
                        items.remove(i);
                    }
                    1 => {
                        let copy = items[i].clone();
                        items.insert(i, copy);
                    }
                    _ => self.mutate_value(&mut items[i], depth + 1),
                }
            }
            _ => *v = self.strange_value(v),
        }
    }

    /// A value of another type, or a strange one of the same.
    fn strange_value(&mut self, was: &serde_json::Value) -> serde_json::Value {
        use serde_json::{json, Value};
        match self.rng.u8(..12) {
            0 => Value::Null,
            1 => json!(-1),
            2 => json!(u64::MAX),
            3 => json!(1e308),
            4 => json!(""),
            5 => json!("../../../etc/passwd"),
            6 => json!("sha256:"),
            7 => json!(format!("sha256:{}", "0".repeat(64))),
            8 => json!([]),
            9 => json!({}),
            10 => {
                // Deep nesting.
                let mut deep = json!(1);
                for _ in 0..self.rng.usize(10..200) {
                    deep = json!([deep]);
                }
                deep
            }
            _ => match was {
                Value::String(s) => json!(s.repeat(self.rng.usize(2..50))),
                other => json!([other.clone(), other.clone()]),
            },
        }
    }

    /// Generic damage: truncation, bit flips, interesting bytes, inserted or deleted ranges.
    pub fn damage(&mut self, b: &mut Vec<u8>) {
        if b.is_empty() {
            b.push(self.rng.u8(..));
            return;
        }
        let at = self.rng.usize(..b.len());
        match self.rng.u8(..6) {
            0 => b.truncate(at),
            1 => {
                for _ in 0..self.rng.usize(1..=8) {
                    let i = self.rng.usize(..b.len());
                    b[i] ^= 1 << self.rng.u8(..8);
                }
            }
            2 => b[at] = *self.pick(&INTERESTING),
            3 => {
                let n = self.rng.usize(1..=64);
                let fill: Vec<u8> = (0..n).map(|_| self.rng.u8(..)).collect();
                b.splice(at..at, fill);
            }
            4 => {
                let end = (at + self.rng.usize(1..=1024)).min(b.len());
                b.drain(at..end);
            }
            _ => {
                let end = (at + self.rng.usize(1..=512)).min(b.len());
                let copy = b[at..end].to_vec();
                let to = self.rng.usize(..=b.len());
                b.splice(to..to, copy);
            }
        }
    }

    /// Offsets of the ustar headers at 512-byte boundaries.
    fn headers(b: &[u8]) -> Vec<usize> {
        (0..b.len() / 512).map(|i| i * 512).filter(|&o| b.get(o + 257..o + 262) == Some(&b"ustar"[..])).collect()
    }

    /// Rewrites one header's size field (a lie: zero, small, huge, past the end, garbage or
    /// base-256) and fixes its checksum so that the lie is believed.
    fn lie_about_a_size(&mut self, b: &mut [u8]) {
        let headers = Self::headers(b);
        let Some(&at) = headers.get(self.rng.usize(..headers.len().max(1))) else { return };
        let field: Vec<u8> = match self.rng.u8(..6) {
            0 => b"00000000000\0".to_vec(),
            1 => format!("{:011o}\0", self.rng.u64(1..4096)).into_bytes(),
            2 => b"77777777777\0".to_vec(),
            3 => format!("{:011o}\0", b.len() as u64 + self.rng.u64(1..1 << 20)).into_bytes(),
            4 => b"9z9z9z9z9z9\0".to_vec(),
            _ => {
                let mut f = vec![0x80u8];
                f.extend((0..11).map(|_| self.rng.u8(..)));
                f
            }
        };
        b[at + 124..at + 136].copy_from_slice(&field[..12]);
        fix_checksum(&mut b[at..at + 512]);
    }

    /// Damages one field of one header (name, mode, type, link name, magic), checksum fixed.
    fn damage_a_header_field(&mut self, b: &mut [u8]) {
        let headers = Self::headers(b);
        let Some(&at) = headers.get(self.rng.usize(..headers.len().max(1))) else { return };
        let (start, len) = *self.pick(&[(0, 100), (100, 8), (156, 1), (157, 100), (257, 8), (345, 155)]);
        for i in 0..len {
            if self.rng.u8(..4) == 0 {
                b[at + start + i] = *self.pick(&INTERESTING);
            }
        }
        if self.rng.u8(..4) == 0 {
            b[at + 156] = *self.pick(b"0125LKxgSZ");
        }
        fix_checksum(&mut b[at..at + 512]);
    }

    /// Copies one header block over another.
    fn splice_a_header(&mut self, b: &mut [u8]) {
        let headers = Self::headers(b);
        if headers.len() < 2 {
            return;
        }
        let (from, to) = (*self.pick(&headers), *self.pick(&headers));
        let block = b[from..from + 512].to_vec();
        b[to..to + 512].copy_from_slice(&block);
    }

    /// Inserts a copy of a header block before another.
    fn duplicate_a_header(&mut self, b: &mut Vec<u8>) {
        let headers = Self::headers(b);
        if headers.is_empty() {
            return;
        }
        let (from, to) = (*self.pick(&headers), *self.pick(&headers));
        let block = b[from..from + 512].to_vec();
        b.splice(to..to, block);
    }
}

/// Sets a tar header's checksum field from its bytes.
fn fix_checksum(h: &mut [u8]) {
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&x| u32::from(x)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
}

/// `bytes` gzip-compressed (an archive compressed as a whole).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// A plain-tar archive with every `*.tar` member (its layers) gzip-compressed.
pub fn gzip_layers(archive: &[u8]) -> Vec<u8> {
    let mut out = tar::Builder::new(Vec::new());
    let mut a = tar::Archive::new(archive);
    for entry in a.entries().into_iter().flatten().flatten() {
        let mut entry = entry;
        let mut header = entry.header().clone();
        let name = entry.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let mut data = Vec::new();
        if entry.read_to_end(&mut data).is_err() {
            break;
        }
        if name.ends_with(".tar") {
            data = gzip(&data);
        }
        header.set_size(data.len() as u64);
        header.set_cksum();
        let _ = out.append(&header, &data[..]);
    }
    out.into_inner().unwrap_or_default()
}

/// The valid archives mutations start from: the teaching samples, one gzip-compressed whole and
/// one with gzip layers, and the small archives (at most 256 KiB) under `fixtures` when given.
pub fn seeds(fixtures: Option<&Path>) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = strata_core::sample::CATALOGUE.iter().map(|s| (s.build)()).collect();
    out.push(gzip(&strata_core::sample::teaching_image()));
    out.push(gzip_layers(&strata_core::sample::two_layers()));
    if let Some(dir) = fixtures {
        // The small real archives: OCI layouts, zstd and gzip layers, symlinked layers, v1 formats.
        for f in crate::common::fixture_archives(dir) {
            if std::fs::metadata(&f).is_ok_and(|m| m.len() <= 256 * 1024) {
                out.extend(std::fs::read(&f).ok());
            }
        }
    }
    out
}
