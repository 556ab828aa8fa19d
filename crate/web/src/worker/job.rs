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
pub const CHUNK: u64 = 4 * 1024 * 1024;

/// Posts a message as one transferred byte buffer (no copy, no JS object per file).
pub fn post(scope: &web_sys::DedicatedWorkerGlobalScope, msg: FromWorker) {
    post_bytes(scope, encode(msg));
}

/// Posts `bytes` as one transferred buffer (the copy in wasm memory is dropped first).
pub fn post_bytes(scope: &web_sys::DedicatedWorkerGlobalScope, bytes: Vec<u8>) {
    let array = js_sys::Uint8Array::from(&bytes[..]);
    drop(bytes);
    let transfer = js_sys::Array::of1(&array.buffer());
    let _ = scope.post_message_with_transfer(&array, &transfer);
}

/// Runs one job: `data` is the `File` (or `Blob`) the page posted, or a commit
/// (`{commit: {blob, image, upper, createdBy}}`, `upper` the writable layer's entries as JSON),
/// or a file copy to read (`{copy: CopyRequest as JSON, blob}`, [`super::copy`]).
pub fn run(scope: &web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
    if data.as_string().as_deref() == Some(TEST_PANIC) {
        panic!("test panic requested by the page");
    }
    let copy = js_sys::Reflect::get(&data, &JsValue::from_str("copy")).ok().filter(JsValue::is_string);
    if copy.is_some() {
        return super::copy::run(scope, &data);
    }
    let read = js_sys::Reflect::get(&data, &JsValue::from_str("read")).ok().filter(|c| c.is_object());
    if let Some(job) = read {
        return super::helpers::read_share(scope, &job);
    }
    let commit = js_sys::Reflect::get(&data, &JsValue::from_str("commit")).ok().filter(|c| c.is_object());
    if let Some(job) = commit {
        return match committed(&job) {
            Ok(blob) => {
                let _ = scope.post_message(&blob);
                analyse(scope, blob);
            }
            Err(f) => post(scope, FromWorker::Failed(f)),
        };
    }
    let Ok(blob) = data.dyn_into::<web_sys::Blob>() else {
        return post(scope, FromWorker::Failed(Failure::NotAFile));
    };
    analyse(scope, blob);
}

/// Builds the archive of a commit job as a `Blob` of slices of the original and new bytes.
fn committed(job: &JsValue) -> Result<web_sys::Blob, Failure> {
    let get = |k: &str| js_sys::Reflect::get(job, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let blob: web_sys::Blob = get("blob").dyn_into().map_err(|_| Failure::NotAFile)?;
    let image = get("image").as_f64().unwrap_or(0.0) as usize;
    let upper: Vec<strata_core::container::UpperEntry> =
        serde_json::from_slice(get("upper").as_string().unwrap_or_default().as_bytes())
            .map_err(|e| Failure::Commit { detail: e.to_string() })?;
    let created_by = get("createdBy").as_string().unwrap_or_default();
    let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
    let failed = |e: strata_core::commit::CommitError| match e {
        strata_core::commit::CommitError::Compressed => Failure::CommitCompressed,
        other => Failure::Commit { detail: other.to_string() },
    };
    let lower =
        strata_core::commit::read_copies(open, image, &strata_core::upper_tar::copies(&upper)).map_err(failed)?;
    let layer =
        strata_core::upper_tar::layer_tar(&upper, &lower).map_err(|e| Failure::Commit { detail: e.to_string() })?;
    let parts = strata_core::commit::plan(open, image, &layer, &created_by).map_err(failed)?;
    let pieces = js_sys::Array::new();
    for part in parts {
        match part {
            strata_core::commit::Part::Bytes(b) => pieces.push(&js_sys::Uint8Array::from(&b[..])),
            strata_core::commit::Part::Range { start, len } => {
                let slice = blob
                    .slice_with_f64_and_f64(start as f64, (start + len) as f64)
                    .map_err(|e| Failure::Commit { detail: format!("{e:?}") })?;
                pieces.push(&slice)
            }
        };
    }
    web_sys::Blob::new_with_blob_sequence(&pieces).map_err(|e| Failure::Commit { detail: format!("{e:?}") })
}

/// Analyses one archive.
fn analyse(scope: &web_sys::DedicatedWorkerGlobalScope, blob: web_sys::Blob) {
    let source = match BlobSource::new(blob.clone()) {
        Ok(s) => s,
        Err(detail) => return post(scope, FromWorker::Failed(Failure::Internal { detail })),
    };
    let size = source.len();
    // First pictures before the digests (plain-tar archives): the outline as soon as the outer
    // archive's headers are read, then the structure; then the full, verifying read.
    let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
    // A plain tar: once the outline is out, its layers are read by a pool of helper workers, each
    // its own ranges of the file, planned from the same reading of the outer headers. They send
    // each layer's entries before its digest (super::helpers), so the pool posts the structure as
    // soon as every layer is parsed, without a second reading of the file. Read alone (below),
    // the structure comes from a pass over every layer's headers.
    let cores = scope.navigator().hardware_concurrency() as usize;
    let spawned = super::helpers::spawn(super::pool::helpers(cores, usize::MAX));
    // An error here (an unreadable outer archive) is reported by the full pass below.
    let outline = strata_core::outline::Outline::read(&open, Some(size)).ok().flatten();
    let mut spawned = spawned.into_iter().flatten().collect::<Vec<_>>();
    if let Some(mut outline) = outline {
        if let Ok(analysis) = outline.analysis() {
            post(scope, FromWorker::Analysis(analysis));
        }
        let outline = match outline.into_plan() {
            Ok(plan) => {
                let count = super::pool::helpers(cores, plan.blobs().len());
                spawned.drain(count.min(spawned.len())..).for_each(|w| w.terminate());
                match super::helpers::start(scope, blob.clone(), plan, size, std::mem::take(&mut spawned)) {
                    Ok(()) => return,
                    Err(plan) => plan.into_outline(Some(size)),
                }
            }
            Err(outline) => *outline,
        };
        if let Ok(Some(structure)) = outline.structure(&open) {
            post(scope, FromWorker::Analysis(structure));
        }
    }
    // Not needed: end the helpers that were started in hope.
    spawned.iter().for_each(web_sys::Worker::terminate);
    // No outline (a compressed archive), or no helpers (one layer, or no workers here): read alone.
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
