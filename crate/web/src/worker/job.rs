//! What the worker does with one file: reads it through `FileReaderSync` in 4 MiB ranges and runs
//! strata-core over it, posting an outline and the structure first (plain archives), progress, and
//! then the complete analysis (see [`super::protocol`]). Cancel = the page terminates the worker
//! (the only way to stop synchronous work for real).

use super::file_reader::{BlobSource, FileReader, RangeSource};
use super::protocol::{encode, FromWorker, TEST_PANIC};
use crate::failure::Failure;
use strata_core::progress::{Cancel, ProgressEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Bytes per `FileReaderSync` call while reading forward (see [`FileReader`]).
const CHUNK: u64 = 4 * 1024 * 1024;

/// Posts a message as one transferred byte buffer (no copy, no JS object per file).
pub fn post(scope: &web_sys::DedicatedWorkerGlobalScope, msg: FromWorker) {
    let bytes = encode(msg);
    let array = js_sys::Uint8Array::from(&bytes[..]);
    drop(bytes);
    let transfer = js_sys::Array::of1(&array.buffer());
    let _ = scope.post_message_with_transfer(&array, &transfer);
}

/// Runs one job: `data` is the `File` (or `Blob`) the page posted.
pub fn run(scope: &web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
    if data.as_string().as_deref() == Some(TEST_PANIC) {
        panic!("test panic requested by the page");
    }
    let Ok(blob) = data.dyn_into::<web_sys::Blob>() else {
        return post(scope, FromWorker::Failed(Failure::NotAFile));
    };
    let source = match BlobSource::new(blob.clone()) {
        Ok(s) => s,
        Err(detail) => return post(scope, FromWorker::Failed(Failure::Internal { detail })),
    };
    let size = source.len();
    // First pictures from headers only (plain-tar archives): the outline as soon as the outer
    // archive's headers are read, then the structure; then the full, verifying pass.
    let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
    // An error here (an unreadable outer archive) is reported by the full pass below.
    let _ = strata_core::analyze_stages(open, Some(size), &mut |analysis| post(scope, FromWorker::Analysis(analysis)));
    let reader = FileReader::new(source, CHUNK);
    // At most ten progress messages a second (each one re-renders the page), plus one per layer.
    let (mut last_post, mut last_layers) = (0.0, u64::MAX);
    let mut progress = |p: ProgressEvent| {
        let now = js_sys::Date::now();
        if now - last_post < 100.0 && p.layers_done == last_layers {
            return;
        }
        (last_post, last_layers) = (now, p.layers_done);
        let ProgressEvent { bytes_done, bytes_total, layers_done } = p;
        post(scope, FromWorker::Progress { bytes_done, bytes_total, layers_done })
    };
    let options = strata_core::Options { size: Some(size), progress: &mut progress, cancel: Cancel::new() };
    match strata_core::analyze(reader, options) {
        Ok(analysis) => post(scope, FromWorker::Analysis(analysis)),
        Err(e) => post(scope, FromWorker::Failed(Failure::Unreadable { kind: e.kind() })),
    }
}
