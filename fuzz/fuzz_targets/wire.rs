//! Any bytes through the worker wire decoders: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use strata_core::wire::Decoder;

fuzz_target!(|bytes: &[u8]| {
    let _ = Decoder::new(bytes).nodes();
    let _ = Decoder::new(bytes).changes();
    let _ = Decoder::new(bytes).markers();
    let _ = Decoder::new(bytes).layer_blob();
});
