//! The page's analysis session in the browser: the worker client, the archive being shown (kept
//! as the `Blob`/`File` it came as, never read into the page), and the jobs on it: open, cancel,
//! commit a container layer (the worker builds the new archive from slices of the old one) and
//! download the committed image.

use crate::browser::workers::{BrowserWorkers, WorkerEvent};
use crate::failure::Failure;
use crate::state::{Action, AppState};
use crate::worker::client::{on_message, Client, Signal};
use crate::worker::protocol::{decode, ends_job};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::UseReducerDispatcher;

/// The session: the client (once started) and the archive shown.
#[derive(Default)]
pub struct Session {
    client: RefCell<Option<Client<BrowserWorkers>>>,
    source: RefCell<Option<web_sys::Blob>>,
    /// Counts the archives shown, so the file worker knows when its kept layout is stale.
    source_id: std::cell::Cell<u64>,
    copies: crate::browser::copies::Copies,
}

impl Session {
    fn set_source(&self, blob: web_sys::Blob) {
        *self.source.borrow_mut() = Some(blob);
        self.source_id.set(self.source_id.get() + 1);
    }

    /// Reads a copy of a file out of the archive shown (the file worker).
    pub fn read_copy(&self, ask: crate::state::copy::CopyAsk, done: yew::Callback<crate::state::copy::CopyAnswer>) {
        match self.source.borrow().as_ref() {
            Some(source) => self.copies.ask(source, self.source_id.get(), ask, done),
            None => done.emit(crate::state::copy::CopyAnswer::Failed("no archive is open".to_owned())),
        }
    }
}

/// A shared session.
pub type Shared = Rc<Session>;

/// Starts the client (and its spare worker); worker events become actions.
pub fn start(session: &Shared, dispatch: UseReducerDispatcher<AppState>) {
    let weak = Rc::downgrade(session);
    let d = dispatch.clone();
    let on_event: Rc<dyn Fn(u64, WorkerEvent)> = Rc::new(move |generation, event| {
        if let Some(session) = weak.upgrade() {
            on_event(&session, &d, generation, event);
        }
    });
    let mut c = Client::new(BrowserWorkers::new(on_event));
    let warm = c.warm_up();
    *session.client.borrow_mut() = Some(c);
    if let Err(f) = warm {
        dispatch.dispatch(Action::Failed(f));
    }
}

fn on_event(session: &Shared, dispatch: &UseReducerDispatcher<AppState>, generation: u64, event: WorkerEvent) {
    let (signal, action) = match event {
        WorkerEvent::Message(bytes) if ends_job(&bytes) => {
            // A job's last message ends its worker before it is decoded: the worker's heap (as
            // large as the analysis it built; a wasm heap never shrinks) is given back while the
            // page builds its own copy, so the two never add up.
            let outcome = decide(session, generation, Some(Signal::Finished));
            let action = match decode(&bytes) {
                Ok(msg) => on_message(msg).1,
                Err(detail) => Some(Action::Failed(Failure::BadMessage { detail })),
            };
            drop(bytes);
            return apply(dispatch, outcome, action);
        }
        WorkerEvent::Message(bytes) => match decode(&bytes) {
            Ok(msg) => on_message(msg),
            Err(detail) => (Some(Signal::Crashed), Some(Action::Failed(Failure::BadMessage { detail }))),
        },
        WorkerEvent::Error(detail) => (Some(Signal::Crashed), Some(Action::Failed(Failure::WorkerStopped { detail }))),
        WorkerEvent::Committed(blob) => {
            let current = session.client.borrow().as_ref().is_some_and(|c| c.generation() == generation);
            if current {
                session.set_source(blob);
                dispatch.dispatch(Action::Committed);
            }
            return;
        }
    };
    let outcome = decide(session, generation, signal);
    apply(dispatch, outcome, action);
}

/// Tells the client `signal` from worker `generation`: whether it came from the current worker.
/// Decided under the borrow; the caller dispatches after it.
fn decide(session: &Shared, generation: u64, signal: Option<Signal>) -> Option<Result<bool, Failure>> {
    let Ok(mut guard) = session.client.try_borrow_mut() else { return None };
    let c = guard.as_mut()?;
    Some(match signal {
        Some(s) => c.signal(generation, s),
        None => Ok(generation == c.generation()),
    })
}

fn apply(dispatch: &UseReducerDispatcher<AppState>, outcome: Option<Result<bool, Failure>>, action: Option<Action>) {
    match outcome {
        Some(Ok(true)) => {
            if let Some(a) = action {
                dispatch.dispatch(a);
            }
        }
        Some(Ok(false)) | None => {}
        Some(Err(f)) => dispatch.dispatch(Action::Failed(f)),
    }
}

/// Hands a job to the client.
fn submit(session: &Shared, dispatch: &UseReducerDispatcher<AppState>, job: JsValue) {
    let result = session.client.borrow_mut().as_mut().map(|c| c.submit(job));
    if let Some(Err(f)) = result {
        dispatch.dispatch(Action::Failed(f));
    }
}

/// Shows the archive `blob` (a dropped `File`, a fetched `Blob`, a sample built in memory).
pub fn open(
    session: &Shared,
    dispatch: &UseReducerDispatcher<AppState>,
    name: String,
    blob: web_sys::Blob,
    sample: bool,
) {
    dispatch.dispatch(Action::Start { name, sample });
    session.set_source(blob.clone());
    submit(session, dispatch, blob.into());
}

/// The error-card test hook: asks the worker to panic.
pub fn test_panic(session: &Shared, dispatch: &UseReducerDispatcher<AppState>) {
    submit(session, dispatch, JsValue::from_str(crate::worker::protocol::TEST_PANIC));
}

/// Stops the running job.
pub fn cancel(session: &Shared, dispatch: &UseReducerDispatcher<AppState>) {
    let result = session.client.borrow_mut().as_mut().map(Client::cancel);
    if let Some(Err(f)) = result {
        dispatch.dispatch(Action::Failed(f));
    }
}

/// Commits a container's writable layer (`upper`, its entries as JSON, made by `created_by`) on
/// top of image `image` of the archive shown: the worker reads the lower copies of copied-up files,
/// writes the layer tar and the new archive, and shows it.
pub fn commit(
    session: &Shared,
    dispatch: &UseReducerDispatcher<AppState>,
    name: String,
    image: usize,
    upper: &str,
    created_by: &str,
) {
    let Some(source) = session.source.borrow().clone() else { return };
    let job = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&job, &JsValue::from_str(k), v);
    };
    set("blob", &source);
    set("image", &JsValue::from_f64(image as f64));
    set("upper", &JsValue::from_str(upper));
    set("createdBy", &JsValue::from_str(created_by));
    let wrapper = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&wrapper, &JsValue::from_str("commit"), &job);
    dispatch.dispatch(Action::Start { name, sample: false });
    submit(session, dispatch, wrapper.into());
}

/// Saves the archive shown (after a commit: the committed image) as `file_name`.
pub fn download(session: &Shared, file_name: &str) {
    if let Some(blob) = session.source.borrow().clone() {
        crate::browser::export::save_blob(&blob, file_name);
    }
}

/// A blob of bytes built in memory (a sample).
pub fn bytes_blob(bytes: &[u8]) -> Option<web_sys::Blob> {
    let arr = js_sys::Array::new();
    arr.push(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&arr).ok()
}
