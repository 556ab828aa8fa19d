//! The file worker: one worker kept for reading copies of files out of the archive shown
//! ([`crate::worker::copy`]), apart from the analysis workers (which end with their job). It is
//! started on the first request and reused, so a second file costs a range read, not a start-up.
//! Answers are matched to requests by id; a download comes back as a `Blob` and is saved.

use crate::browser::fetch::js_text;
use crate::state::copy::{CopyAnswer, CopyAsk};
use crate::worker::protocol::{decode, CopyRequest, FromWorker};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// The worker and what waits on it.
#[derive(Default)]
pub struct Copies {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Default)]
struct Inner {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    waiting: HashMap<u64, Callback<CopyAnswer>>,
    downloads: Vec<(String, Callback<CopyAnswer>)>,
    next_id: u64,
}

struct Worker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Copies {
    /// Reads `ask` from `source` (archive number `source_id`: the worker keeps that archive's
    /// layout until another number comes); `done` gets the answer.
    pub fn ask(&self, source: &web_sys::Blob, source_id: u64, ask: CopyAsk, done: Callback<CopyAnswer>) {
        let mut inner = self.inner.borrow_mut();
        inner.next_id += 1;
        let request = CopyRequest {
            id: inner.next_id,
            source: source_id,
            image: ask.image,
            layer: ask.layer,
            entry: ask.entry,
            keep: ask.keep,
            download: ask.download.is_some(),
        };
        match ask.download {
            Some(name) => inner.downloads.push((name, done)),
            None => {
                inner.waiting.insert(request.id, done);
            }
        }
        let job = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&job, &"copy".into(), &serde_json::to_string(&request).unwrap_or_default().into());
        let _ = js_sys::Reflect::set(&job, &"blob".into(), source);
        if inner.worker.is_none() {
            match spawn(&self.inner) {
                Ok(w) => inner.worker = Some(w),
                Err(e) => {
                    drop(inner);
                    return self.fail_all(&e);
                }
            }
        }
        if inner.ready {
            if let Some(w) = &inner.worker {
                let _ = w.worker.post_message(&job);
            }
        } else {
            inner.queue.push(job.into());
        }
    }

    fn fail_all(&self, why: &str) {
        fail_all(&self.inner, why);
    }
}

fn fail_all(inner: &Rc<RefCell<Inner>>, why: &str) {
    let (waiting, downloads) = {
        let mut i = inner.borrow_mut();
        if let Some(w) = i.worker.take() {
            w.worker.terminate();
        }
        i.ready = false;
        i.queue.clear();
        (std::mem::take(&mut i.waiting), std::mem::take(&mut i.downloads))
    };
    for done in waiting.into_values().chain(downloads.into_iter().map(|(_, d)| d)) {
        done.emit(CopyAnswer::Failed(why.to_owned()));
    }
}

fn spawn(inner: &Rc<RefCell<Inner>>) -> Result<Worker, String> {
    let worker = crate::worker::entry::spawn().map_err(|e| js_text(&e))?;
    let weak = Rc::downgrade(inner);
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(inner) = weak.upgrade() else { return };
        on_message(&inner, e.data());
    });
    let weak = Rc::downgrade(inner);
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        if let Some(inner) = weak.upgrade() {
            fail_all(&inner, &e.message());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Worker { worker, _on_message: on_message, _on_error: on_error })
}

fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
    if let Ok(blob) = data.clone().dyn_into::<web_sys::Blob>() {
        let first = {
            let mut i = inner.borrow_mut();
            (!i.downloads.is_empty()).then(|| i.downloads.remove(0))
        };
        if let Some((name, done)) = first {
            crate::browser::export::save_blob(&blob, &name);
            done.emit(CopyAnswer::Read { size: blob.size() as u64, sha256: String::new(), head: Rc::default() });
        }
        return;
    }
    let Some(array) = data.dyn_ref::<js_sys::Uint8Array>() else { return };
    match decode(&array.to_vec()) {
        Ok(FromWorker::Ready) => {
            let mut i = inner.borrow_mut();
            i.ready = true;
            let queue = std::mem::take(&mut i.queue);
            if let Some(w) = &i.worker {
                for job in queue {
                    let _ = w.worker.post_message(&job);
                }
            }
        }
        Ok(FromWorker::Copy { id, size, sha256, head }) => {
            let done = inner.borrow_mut().waiting.remove(&id);
            if let Some(done) = done {
                done.emit(CopyAnswer::Read { size, sha256, head: Rc::new(head) });
            }
        }
        Ok(FromWorker::CopyFailed { id, reason }) => {
            let (done, download) = {
                let mut i = inner.borrow_mut();
                let d = i.waiting.remove(&id);
                let dl = if d.is_none() && !i.downloads.is_empty() { Some(i.downloads.remove(0).1) } else { None };
                (d, dl)
            };
            if let Some(done) = done.or(download) {
                done.emit(CopyAnswer::Failed(reason));
            }
        }
        // A panic in the worker (its hook posts an internal failure): every request fails with it.
        Ok(FromWorker::Failed(f)) => fail_all(inner, &format!("{f:?}")),
        Ok(_) => {}
        Err(e) => fail_all(inner, &e),
    }
}
