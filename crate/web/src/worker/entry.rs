//! The worker's entry point. The page and its workers run one WebAssembly module: `www/worker.js`
//! starts the page's own module in a module worker, whose `main` sees no `window` and calls
//! [`start`]. It says "ready", then runs each job it is sent ([`super::job`]). A panic is posted
//! as an internal error before the worker dies.

use super::job::{post, run};
use super::protocol::FromWorker;
use crate::failure::Failure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Whether this thread is a worker (no `window`): the module's `main` then runs [`start`].
pub fn in_worker() -> bool {
    js_sys::global().dyn_ref::<web_sys::Window>().is_none()
}

/// Makes this worker run jobs: installs the panic hook and the message handler, then says ready.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    {
        let scope = scope.clone();
        std::panic::set_hook(Box::new(move |info| {
            post(&scope, FromWorker::Failed(Failure::Internal { detail: info.to_string() }));
        }));
    }
    let handler_scope = scope.clone();
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        run(&handler_scope, e.data());
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    post(&scope, FromWorker::Ready);
}

/// Starts a worker running this module (`www/worker.js`, a module worker).
pub fn spawn() -> Result<web_sys::Worker, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options("./worker.js", &options)
}
