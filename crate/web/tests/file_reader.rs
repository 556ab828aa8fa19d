//! The worker's file reader in a real browser (a dedicated worker in headless Chromium, where
//! `FileReaderSync` exists): random ranges, short reads, seeks, and a file larger than the buffer.
#![cfg(target_arch = "wasm32")]

use std::io::{Read, Seek, SeekFrom};
use strata_web::worker::file_reader::{BlobSource, FileReader};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

fn data(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8).collect()
}

#[wasm_bindgen_test]
fn reads_a_file_larger_than_its_buffer() {
    let d = data(3 * 1024 * 1024 + 17);
    let mut r = FileReader::new(BlobSource::new(blob(&d)).unwrap(), 64 * 1024);
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    assert_eq!(out.len(), d.len());
    assert!(out == d);
}

#[wasm_bindgen_test]
fn random_ranges_and_short_reads_match_the_bytes() {
    let d = data(200_000);
    let mut r = FileReader::new(BlobSource::new(blob(&d)).unwrap(), 4096);
    let mut state: u64 = 42;
    for _ in 0..200 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let start = (state >> 33) as usize % d.len();
        let len = 1 + (state >> 13) as usize % 9000;
        r.seek(SeekFrom::Start(start as u64)).unwrap();
        let mut buf = vec![0u8; len];
        let mut got = 0;
        while got < len {
            let want = (1 + (state as usize >> 3) % 700).min(len - got);
            let n = r.read(&mut buf[got..got + want]).unwrap();
            if n == 0 {
                break;
            }
            got += n;
        }
        let end = (start + len).min(d.len());
        assert_eq!(&buf[..got], &d[start..end]);
    }
}

#[wasm_bindgen_test]
fn the_core_reads_the_sample_through_a_blob() {
    let sample = strata_core::sample::teaching_image();
    let reader = FileReader::new(BlobSource::new(blob(&sample)).unwrap(), 1000);
    let a = strata_core::analyze(
        reader,
        strata_core::Options {
            size: Some(sample.len() as u64),
            progress: &mut strata_core::progress::NoProgress,
            cancel: strata_core::progress::Cancel::new(),
        },
    )
    .unwrap();
    assert_eq!(a.images[0].layers.len(), 3);
}
