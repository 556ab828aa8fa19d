//! Every crash or divergence the fuzz tests (`fuzz.rs`) found, as a named test over an input
//! built in memory.

mod common;
mod mutate;

use std::io::Cursor;
use strata_core::progress::{Cancel, NoProgress};
use strata_core::Options;

/// The single pass and the parallel read of `bytes`, as text.
fn single_and_parallel(bytes: &[u8]) -> (String, String) {
    let size = Some(bytes.len() as u64);
    let single = strata_core::analyze(bytes, Options { size, progress: &mut NoProgress, cancel: Cancel::new() })
        .map_err(|e| e.to_string());
    let open = || Ok::<_, std::io::Error>(Cursor::new(bytes));
    let parallel = strata_core::outline::analyze_parallel(
        open,
        Options { size, progress: &mut NoProgress, cancel: Cancel::new() },
        2,
    )
    .map_err(|e| e.to_string());
    (format!("{single:?}"), format!("{parallel:?}"))
}

/// Found by `fuzz_analyze_over_mutated_archives` (seed 374773732417): a member that is neither a
/// layer nor a document, whose data runs past the end of the file. The single pass reports the
/// truncated archive ("unexpected EOF during skip"); the parallel plan only checked layers and
/// documents, so it read the rest and reported nothing.
#[test]
fn a_truncated_member_that_is_not_a_layer_is_reported_by_the_parallel_read_too() {
    let mut bytes = strata_core::sample::teaching_image();
    // Drop the end-of-archive blocks, then add a member claiming 64 KiB with 100 bytes present.
    while bytes.len() >= 512 && bytes[bytes.len() - 512..].iter().all(|&b| b == 0) {
        bytes.truncate(bytes.len() - 512);
    }
    let mut h = tar::Header::new_ustar();
    h.set_path("extra.bin").unwrap();
    h.set_size(64 * 1024);
    h.set_mode(0o644);
    h.set_cksum();
    bytes.extend_from_slice(h.as_bytes());
    bytes.extend_from_slice(&[7; 100]);
    let (single, parallel) = single_and_parallel(&bytes);
    assert!(single.contains("BrokenStructure"), "{single}");
    assert_eq!(single, parallel);
}

/// A layer tar holding a small file `/small`, then a header for `/big` whose size field claims
/// `size` bytes (GNU base-256 past 8 GiB), with none of the data.
fn lying_layer(size: u64) -> Vec<u8> {
    let mut small = tar::Builder::new(Vec::new());
    let mut sh = tar::Header::new_ustar();
    sh.set_size(4);
    sh.set_mode(0o644);
    small.append_data(&mut sh, "small", &b"four"[..]).unwrap();
    let mut layer = small.into_inner().unwrap();
    layer.truncate(layer.len() - 1024);
    let mut h = tar::Header::new_gnu();
    h.set_path("big").unwrap();
    h.set_size(size);
    h.set_mode(0o644);
    h.set_cksum();
    layer.extend_from_slice(h.as_bytes());
    layer.extend_from_slice(&[0; 1024]);
    layer
}

/// Found by `fuzz_analyze_over_mutated_archives` (debug build, seed 374773732417): a header
/// claiming a file of more than `i64::MAX` bytes, next to ordinary files, overflowed the waste
/// sums (a panic with overflow checks, a wrapped number without). The sums saturate now.
#[test]
fn files_claiming_near_i64_max_bytes_in_two_layers_do_not_overflow_the_waste_sums() {
    let layers = [lying_layer(u64::MAX - 7), lying_layer(i64::MAX as u64 - 1)];
    let bytes = strata_core::sample::docker_archive(
        "lies:latest",
        &layers,
        &[("ADD big /", true), ("ADD big /", true)],
        &[],
        &[],
    );
    let a = strata_core::analyze_bytes(&bytes).expect("an analysis of what could be read");
    let waste = &a.images[0].waste;
    assert!(waste.efficiency.is_finite() && (0.0..=1.0).contains(&waste.efficiency), "{waste:?}");
    let (single, parallel) = single_and_parallel(&bytes);
    assert_eq!(single, parallel);
}

/// Found by `fuzz_analyze_over_mutated_archives` (seed 3, from a small OCI archive of the shared
/// fixtures with a damaged gzip layer): the single pass read one entry of the layer and the
/// parallel read none, because where the inflater stopped depended on how its input arrived. A
/// blob is now read in whole reads, so both stop at the same place. The case is made again from
/// the same seed (it is a mutated fixture, so it is not stored here).
#[test]
fn a_damaged_gzip_layer_reads_the_same_in_the_single_pass_and_the_parallel_read() {
    let Some(dir) = common::fixtures() else { return };
    let seeds = mutate::seeds(Some(&dir));
    let mut m = mutate::Mutator::new(3);
    let case = (0..5000).map(|_| m.archive(&seeds)).find(|c| strata_core::Digest::sha256(c).short() == "635e418c8fa6");
    let Some(case) = case else {
        panic!("the case is no longer made by seed 3 (the mutations or the fixtures changed): find it again")
    };
    let (single, parallel) = single_and_parallel(&case);
    assert!(single.contains("corrupt deflate stream"), "{single}");
    assert_eq!(single, parallel);
}
