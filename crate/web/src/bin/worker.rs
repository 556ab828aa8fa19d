//! The Web Worker's entry point: says "ready", then runs each file it is sent
//! ([`strata_web::worker::job`]). A panic is posted as an internal error before the worker dies.

#[cfg(target_arch = "wasm32")]
fn main() {
    use strata_web::failure::Failure;
    use strata_web::worker::job::{post, run};
    use strata_web::worker::protocol::FromWorker;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

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

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker only runs in a browser; build it with trunk");
}
