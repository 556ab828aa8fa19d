//! Structured mutation fuzzing of every decoder that reads untrusted bytes, with a fixed seed.
//!
//! Valid archives (the teaching samples built with `tar::Builder`, the same gzip-compressed whole
//! and per layer, and the small archives of the shared fixtures when present) are mutated the ways
//! real damage and real attacks look: truncations, bit flips, interesting bytes, spliced and
//! duplicated 512-byte headers, tar headers whose size field lies (with the checksum fixed, so the
//! lie gets past it), and JSON documents (manifest, index, config) with values of the wrong type,
//! keys gone, huge numbers and deep nesting. Each case goes through the public `analyze` entry,
//! the header stages and the parallel read; the parallel read must also equal the single pass
//! (the oracle), whatever the input. The worker wire format is decoded from mutated encodings.
//!
//! `cargo test -p strata-core --test fuzz` runs a short, deterministic round (part of the test
//! command). `scripts/fuzz.sh` runs a long one: `STRATA_FUZZ_ITERS` cases per target,
//! `STRATA_FUZZ_SEED` the seed. A crash writes its input to `target/fuzz-crashes/` and fails
//! with the file's name; every crash found becomes a named test in `fuzz_regressions.rs`.

mod common;
mod mutate;

use mutate::Mutator;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use strata_core::progress::{Cancel, NoProgress};
use strata_core::wire::{Decoder, Encoder};
use strata_core::Options;

/// Cases per target: a short round by default, `STRATA_FUZZ_ITERS` for a long one.
fn iterations(short: usize) -> usize {
    std::env::var("STRATA_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(short)
}

fn seed() -> u64 {
    std::env::var("STRATA_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x0057_4241_5441)
}

/// Runs `check` on `input`; a panic saves the input and fails the test, naming the file.
fn run_case(target: &str, input: &[u8], check: impl FnOnce(&[u8])) {
    if catch_unwind(AssertUnwindSafe(|| check(input))).is_err() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
        let _ = std::fs::create_dir_all(&dir);
        let name = format!("{target}-{}.bin", strata_core::Digest::sha256(input).short());
        let _ = std::fs::write(dir.join(&name), input);
        panic!("fuzz target {target} crashed; the input is target/fuzz-crashes/{name} (seed {})", seed());
    }
}

/// Every way the core reads an archive, over `bytes`: the forward pass, the header stages and
/// the parallel read, which must give what the forward pass gives.
pub fn analyze_every_way(bytes: &[u8]) {
    let size = Some(bytes.len() as u64);
    let single = strata_core::analyze(bytes, Options { size, progress: &mut NoProgress, cancel: Cancel::new() })
        .map_err(|e| e.to_string());
    if let Ok(a) = &single {
        // The JSON document of whatever was read is writable.
        let _ = a.to_json_document();
    }
    let open = || Ok::<_, std::io::Error>(Cursor::new(bytes));
    let _ = strata_core::analyze_stages(open, size, &mut |_| {});
    let parallel = strata_core::outline::analyze_parallel(
        open,
        Options { size, progress: &mut NoProgress, cancel: Cancel::new() },
        2,
    )
    .map_err(|e| e.to_string());
    assert_eq!(format!("{single:?}"), format!("{parallel:?}"), "the parallel read differs from the single pass");
}

/// The valid archives mutations start from.
fn seeds() -> Vec<Vec<u8>> {
    mutate::seeds(common::fixtures().as_deref())
}

#[test]
fn fuzz_analyze_over_mutated_archives() {
    let seeds = seeds();
    let mut m = Mutator::new(seed());
    for _ in 0..iterations(1500) {
        let input = m.archive(&seeds);
        run_case("analyze", &input, analyze_every_way);
    }
}

#[test]
fn fuzz_json_documents_inside_otherwise_valid_archives() {
    let seeds = seeds();
    let mut m = Mutator::new(seed() ^ 0x4a53_4f4e);
    for _ in 0..iterations(1000) {
        let input = m.json_documents(&seeds);
        run_case("json", &input, analyze_every_way);
    }
}

#[test]
fn fuzz_the_worker_wire_format() {
    let mut encodings = Vec::new();
    for name in strata_core::sample::names() {
        let Some(bytes) = strata_core::sample::named(name) else { continue };
        let Ok(a) = strata_core::analyze_bytes(&bytes) else { continue };
        for image in &a.images {
            let mut e = Encoder::default();
            e.nodes(&image.tree.nodes);
            encodings.push((0u8, e.bytes));
            for layer in &image.layers {
                let mut e = Encoder::default();
                e.changes(&layer.changes);
                encodings.push((1, e.bytes));
            }
        }
        let blob = strata_core::layer::read_blob(&strata_core::sample::whiteouts()[..], "whiteouts");
        let mut e = Encoder::default();
        e.layer_blob(&blob);
        encodings.push((2, e.bytes));
        let mut e = Encoder::default();
        e.markers(&blob.contents.markers);
        encodings.push((3, e.bytes));
    }
    let mut m = Mutator::new(seed() ^ 0x5749_5245);
    for _ in 0..iterations(3000) {
        let (kind, valid) = m.pick(&encodings).clone();
        let input = m.bytes(&valid);
        run_case("wire", &input, |b| {
            let mut d = Decoder::new(b);
            let _ = match kind {
                0 => d.nodes().map(|_| ()),
                1 => d.changes().map(|_| ()),
                2 => d.layer_blob().map(|_| ()),
                _ => d.markers().map(|_| ()),
            };
        });
    }
}
