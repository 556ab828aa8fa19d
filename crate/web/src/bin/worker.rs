//! The Web Worker: receives a `Blob`/`File`, reads it through `FileReaderSync` in 1 MiB ranges and
//! runs strata-core over it, posting progress and then the result as JSON text.
//! Cancel = the page terminates this worker (the only way to stop synchronous work for real).

#[cfg(target_arch = "wasm32")]
fn main() {
    use strata_core::progress::{Cancel, ProgressEvent};
    use strata_web::file_reader::{BlobSource, FileReader};
    use strata_web::protocol::{done, structure, FromWorker};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Posts a message as UTF-8 JSON bytes, transferring the buffer (no copy, no UTF-16 string).
    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, msg: &FromWorker) {
        if let Ok(bytes) = serde_json::to_vec(msg) {
            let array = js_sys::Uint8Array::from(&bytes[..]);
            drop(bytes);
            let transfer = js_sys::Array::of1(&array.buffer());
            let _ = scope.post_message_with_transfer(&array, &transfer);
        }
    }

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
        let Ok(blob) = e.data().dyn_into::<web_sys::Blob>() else {
            post(scope, &FromWorker::Failed { message: "the worker was sent something that is not a file".into() });
            return;
        };
        let source = match BlobSource::new(blob.clone()) {
            Ok(s) => s,
            Err(m) => return post(scope, &FromWorker::Failed { message: m }),
        };
        let size = strata_web::file_reader::RangeSource::len(&source);
        // First a picture from headers only (plain-tar archives), then the full, verifying pass.
        let open =
            || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, 1024 * 1024)).map_err(std::io::Error::other);
        if let Ok(Some(quick)) = strata_core::analyze_structure(open, Some(size)) {
            post(scope, &structure(quick));
        }
        let reader = FileReader::new(source, 1024 * 1024);
        let mut progress = |p: ProgressEvent| {
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
            Ok(a) => post(scope, &done(a)),
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
