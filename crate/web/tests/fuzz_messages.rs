//! Structured mutation fuzzing of the messages the page and the workers exchange (the page
//! decodes what a worker posts, the primary decodes what its helpers post, a helper decodes its
//! share): valid encodings of real analyses, progress and failures, then truncated, bit-flipped,
//! spliced. Decoding must never panic. A short round runs in the test command;
//! `STRATA_FUZZ_ITERS` / `STRATA_FUZZ_SEED` make a long one (`scripts/fuzz.sh`).
#![cfg(not(target_arch = "wasm32"))]

use strata_web::failure::Failure;
use strata_web::worker::pool::{share_from_json, HelperMessage};
use strata_web::worker::protocol::{decode, encode, FromWorker};

fn iterations() -> usize {
    std::env::var("STRATA_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(20000)
}

fn damaged(rng: &mut fastrand::Rng, valid: &[u8]) -> Vec<u8> {
    let mut b = valid.to_vec();
    for _ in 0..rng.usize(1..=4) {
        if b.is_empty() {
            b.push(rng.u8(..));
            continue;
        }
        let at = rng.usize(..b.len());
        match rng.u8(..5) {
            0 => b.truncate(at),
            1 => b[at] ^= 1 << rng.u8(..8),
            2 => b[at] = [0, 0xff, 0x7f, 0x80, b'{', b'"', b'0'][rng.usize(..7)],
            3 => {
                let n = rng.usize(1..=32);
                let fill: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
                b.splice(at..at, fill);
            }
            _ => {
                let end = (at + rng.usize(1..=256)).min(b.len());
                b.drain(at..end);
            }
        }
    }
    b
}

#[test]
fn worker_and_helper_messages_never_panic_when_damaged() {
    let seed = std::env::var("STRATA_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x004d_5347_u64);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut valid: Vec<Vec<u8>> = Vec::new();
    for name in strata_core::sample::names() {
        let bytes = strata_core::sample::named(name).unwrap();
        valid.push(encode(FromWorker::Analysis(strata_core::analyze_bytes(&bytes).unwrap())));
        let blob = strata_core::layer::read_blob(&strata_core::sample::whiteouts()[..], name);
        valid.push(HelperMessage::Blob { index: 3, blob: Box::new(blob) }.encode());
    }
    valid.push(encode(FromWorker::Ready));
    valid.push(encode(FromWorker::Progress { bytes_done: 5, bytes_total: Some(9), layers_done: 1 }));
    valid.push(encode(FromWorker::Failed(Failure::NotAFile)));
    valid.push(HelperMessage::Progress { bytes: 77 }.encode());
    for _ in 0..iterations() {
        let pick = rng.usize(..valid.len());
        let input = damaged(&mut rng, &valid[pick]);
        let ok = std::panic::catch_unwind(|| {
            let _ = decode(&input);
            let _ = HelperMessage::decode(&input);
            let _ = share_from_json(&String::from_utf8_lossy(&input));
        });
        assert!(ok.is_ok(), "a damaged message panicked a decoder (seed {seed}): {input:?}");
    }
}
