//! Real `Worker`s for [`crate::worker::client::Client`]: each carries its generation into the
//! events it raises, so the client can ignore workers it has already ended.

use super::fetch::js_text;
use crate::worker::client::Workers;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a worker raised: a message's bytes, or an error event's message.
pub enum WorkerEvent {
    /// A message (one transferred byte buffer, see [`crate::worker::protocol`]).
    Message(Vec<u8>),
    /// An `error` event.
    Error(String),
    /// A committed image's archive (a `Blob` made of slices of the original and new bytes).
    Committed(web_sys::Blob),
}

/// Starts workers running the page's own module (`www/worker.js`) and sends their events to one handler.
pub struct BrowserWorkers {
    on_event: Rc<dyn Fn(u64, WorkerEvent)>,
}

impl BrowserWorkers {
    /// Workers whose events go to `on_event(generation, event)`.
    pub fn new(on_event: Rc<dyn Fn(u64, WorkerEvent)>) -> Self {
        BrowserWorkers { on_event }
    }
}

/// A running worker with its event handlers (dropped with it).
pub struct Handle {
    worker: web_sys::Worker,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Workers for BrowserWorkers {
    type Handle = Handle;
    type Job = JsValue;

    fn spawn(&mut self, generation: u64) -> Result<Handle, String> {
        let worker = crate::worker::entry::spawn().map_err(|e| js_text(&e))?;
        let on_event = self.on_event.clone();
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if let Some(array) = data.dyn_ref::<js_sys::Uint8Array>() {
                on_event(generation, WorkerEvent::Message(array.to_vec()));
            } else if let Ok(blob) = data.dyn_into::<web_sys::Blob>() {
                on_event(generation, WorkerEvent::Committed(blob));
            }
        });
        let on_event = self.on_event.clone();
        let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            on_event(generation, WorkerEvent::Error(e.message()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Handle { worker, _on_message: on_message, _on_error: on_error })
    }

    fn post(&mut self, worker: &Handle, job: &JsValue) -> Result<(), String> {
        worker.worker.post_message(job).map_err(|e| js_text(&e))
    }

    fn terminate(&mut self, worker: Handle) {
        worker.worker.set_onmessage(None);
        worker.worker.set_onerror(None);
        worker.worker.terminate();
    }
}
