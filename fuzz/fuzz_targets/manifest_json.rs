//! Any bytes as the manifest.json of an otherwise valid one-layer docker save archive, and as
//! the index.json of an OCI layout.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn archive(name: &str, doc: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let layer = strata_core::sample::layer_tar(&[]);
    for (n, data) in [("l/layer.tar", &layer[..]), ("oci-layout", &br#"{"imageLayoutVersion":"1.0.0"}"#[..]), (name, doc)] {
        let mut h = tar::Header::new_ustar();
        let _ = h.set_path(n);
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        let _ = b.append(&h, data);
    }
    b.into_inner().unwrap_or_default()
}

fuzz_target!(|doc: &[u8]| {
    for name in ["manifest.json", "index.json"] {
        let _ = strata_core::analyze_bytes(&archive(name, doc));
    }
});
