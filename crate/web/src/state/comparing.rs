//! Comparing two images in the page: `strata_core::compare` needs the sha256 of copies of one size
//! from layers with different diff_ids, and in the page those bytes come from the file worker,
//! later. So the comparison is made with the digests known so far; each copy it still needs is
//! listed (and drawn as pending, its `content` not yet decided), and once the worker has read them
//! the comparison is made again — the same rows the CLI prints, once every digest is in.

use std::collections::HashMap;
use strata_core::compare::{compare, Comparison, Which};
use strata_core::digest::Digest;
use strata_core::Image;

/// Digests read so far: (side, path) → sha256 hex.
pub type Known = HashMap<(Side, String), String>;

/// A side, as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// A, before.
    A,
    /// B, after.
    B,
}

impl Side {
    fn of(w: Which) -> Side {
        match w {
            Which::A => Side::A,
            Which::B => Side::B,
        }
    }
}

/// The comparison with what is known, and the copies still to read (their rows are pending).
pub fn compare_known(a: &Image, b: &Image, known: &Known) -> (Comparison, Vec<(Side, String)>) {
    let mut missing = Vec::new();
    let result = compare::<std::convert::Infallible>(a, b, |w, path| {
        let side = Side::of(w);
        match known.get(&(side, path.to_owned())).and_then(|h| Digest::sha256_hex(h)) {
            Some(d) => Ok(d),
            None => {
                missing.push((side, path.to_owned()));
                // Two different stand-ins: the row stays (pending) until both are read.
                Ok(Digest::sha256(if side == Side::A { b"a" } else { b"b" }))
            }
        }
    });
    let comparison = match result {
        Ok(c) => c,
        Err(never) => match never {},
    };
    (comparison, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_core::compare::Change;
    use strata_core::sample::{docker_archive, layer_tar, SampleEntry::*};

    fn image(files: &[(&'static str, &[u8])]) -> Image {
        let entries: Vec<_> = files.iter().map(|(p, b)| File(p, b.to_vec(), 0o644)).collect();
        let a =
            strata_core::analyze_bytes(&docker_archive("t:1", &[layer_tar(&entries)], &[("ADD / /", true)], &[], &[]))
                .expect("archive");
        a.images.into_iter().next().expect("image")
    }

    #[test]
    fn copies_of_one_size_are_pending_until_their_digests_are_read() {
        let a = image(&[("same", b"aaaa"), ("edit", b"1111"), ("grow", b"x")]);
        let b = image(&[("same", b"aaaa"), ("edit", b"2222"), ("grow", b"xy")]);
        let (c, missing) = compare_known(&a, &b, &Known::new());
        let mut want: Vec<(Side, String)> =
            ["/edit", "/same"].iter().flat_map(|p| [(Side::A, p.to_string()), (Side::B, p.to_string())]).collect();
        let mut got = missing.clone();
        strata_core::order::sort_by(&mut want, |x, y| x.1.cmp(&y.1).then((x.0 as u8).cmp(&(y.0 as u8))));
        strata_core::order::sort_by(&mut got, |x, y| x.1.cmp(&y.1).then((x.0 as u8).cmp(&(y.0 as u8))));
        assert_eq!(got, want, "different layers, one size: both sides read; /grow needs no reading");
        assert_eq!(c.files.len(), 3, "pending rows are shown");
        let hex = |b: &[u8]| Digest::sha256(b).hex().to_owned();
        let known: Known = [
            ((Side::A, "/same".to_owned()), hex(b"aaaa")),
            ((Side::B, "/same".to_owned()), hex(b"aaaa")),
            ((Side::A, "/edit".to_owned()), hex(b"1111")),
            ((Side::B, "/edit".to_owned()), hex(b"2222")),
        ]
        .into();
        let (c, missing) = compare_known(&a, &b, &known);
        assert!(missing.is_empty());
        let rows: Vec<(&str, Change)> = c.files.iter().map(|f| (f.path.as_str(), f.change)).collect();
        assert_eq!(rows, [("/edit", Change::Changed), ("/grow", Change::Changed)], "/same is the same bytes");
    }
}
