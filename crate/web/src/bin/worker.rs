//! The Web Worker: receives a `Blob`/`File`, reads it through `FileReaderSync` in 4 MiB ranges and
//! runs strata-core over it, posting an outline, the structure, progress and then the result
//! (see [`strata_web::protocol`]).
//! Cancel = the page terminates this worker (the only way to stop synchronous work for real).

#[cfg(target_arch = "wasm32")]
fn main() {
    use strata_core::progress::{Cancel, ProgressEvent};
    use strata_core::Stage;
    use strata_web::file_reader::{BlobSource, FileReader};
    use strata_web::protocol::{encode, FromWorker};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Posts a message as one transferred byte buffer (no copy, no JS object per file).
    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, msg: &FromWorker) {
        let bytes = encode(msg);
        let array = js_sys::Uint8Array::from(&bytes[..]);
        drop(bytes);
        let transfer = js_sys::Array::of1(&array.buffer());
        let _ = scope.post_message_with_transfer(&array, &transfer);
    }

    /// Bytes per `FileReaderSync` call while reading forward (see [`FileReader`]).
    const CHUNK: u64 = 4 * 1024 * 1024;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    {
        let scope = scope.clone();
        std::panic::set_hook(Box::new(move |info| {
            post(&scope, &FromWorker::Failed { message: format!("internal error (please report): {info}") });
        }));
    }
    let handler_scope = scope.clone();
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let scope = &handler_scope;
        if e.data().as_string().as_deref() == Some(strata_web::protocol::TEST_PANIC) {
            panic!("test panic requested by the page");
        }
        let Ok(blob) = e.data().dyn_into::<web_sys::Blob>() else {
            post(scope, &FromWorker::Failed { message: "the worker was sent something that is not a file".into() });
            return;
        };
        let source = match BlobSource::new(blob.clone()) {
            Ok(s) => s,
            Err(m) => return post(scope, &FromWorker::Failed { message: m }),
        };
        let size = strata_web::file_reader::RangeSource::len(&source);
        // First pictures from headers only (plain-tar archives): the outline as soon as the outer
        // archive's headers are read, then the structure; then the full, verifying pass.
        let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
        // An error here (an unreadable outer archive) is reported by the full pass below.
        let _ = strata_core::analyze_stages(open, Some(size), &mut |stage| match stage {
            Stage::Outline(analysis) => post(scope, &FromWorker::Outline { analysis }),
            Stage::Structure(analysis) => post(scope, &FromWorker::Structure { analysis }),
        });
        let reader = FileReader::new(source, CHUNK);
        // At most ten progress messages a second (each one re-renders the page), plus one per layer.
        let (mut last_post, mut last_layers) = (0.0, u64::MAX);
        let mut progress = |p: ProgressEvent| {
            let now = js_sys::Date::now();
            if now - last_post < 100.0 && p.layers_done == last_layers {
                return;
            }
            (last_post, last_layers) = (now, p.layers_done);
            post(
                scope,
                &FromWorker::Progress {
                    bytes_done: p.bytes_done,
                    bytes_total: p.bytes_total,
                    layers_done: p.layers_done,
                },
            )
        };
        let options = strata_core::Options { size: Some(size), progress: &mut progress, cancel: Cancel::new() };
        match strata_core::analyze(reader, options) {
            Ok(analysis) => post(scope, &FromWorker::Done { analysis }),
            Err(e) => post(scope, &FromWorker::Failed { message: e.to_string() }),
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &FromWorker::Ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker only runs in a browser; build it with trunk");
}
