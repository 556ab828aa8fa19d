//! The page's analysis session in the browser: the worker client, the archive being shown (kept
//! as the `Blob`/`File` it came as, never read into the page), and the jobs on it: open, cancel,
//! commit a container layer (the worker builds the new archive from slices of the old one) and
//! download the committed image.

use crate::browser::workers::{BrowserWorkers, WorkerEvent};
use crate::failure::Failure;
use crate::state::{Action, AppState};
use crate::worker::client::{on_message, Client, Signal};
use crate::worker::protocol::{decode, ends_job, FromWorker};
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

/// What a worker's message means for a session: the client's signal and the page's action.
type Meaning = fn(FromWorker) -> (Option<Signal>, Option<Action>);

/// Starts the client (and its spare worker); worker events become actions.
pub fn start(session: &Shared, dispatch: UseReducerDispatcher<AppState>) {
    start_as(session, dispatch, on_message);
}

/// Starts the session of the second archive (the compare view's A): its complete analysis,
/// progress and failure become the `Other…` actions; the pictures on the way are not shown.
pub fn start_other(session: &Shared, dispatch: UseReducerDispatcher<AppState>) {
    start_as(session, dispatch, other_meaning);
}

/// [`on_message`] for the second archive.
pub fn other_meaning(msg: FromWorker) -> (Option<Signal>, Option<Action>) {
    let (signal, action) = on_message(msg);
    let action = match action {
        Some(Action::Show(a)) if a.stage.is_complete() => Some(Action::OtherShown(a)),
        Some(Action::Progress { bytes_done, bytes_total, .. }) => {
            Some(Action::OtherProgress { bytes_done, bytes_total })
        }
        Some(Action::Failed(f)) => Some(Action::OtherFailed(f)),
        _ => None,
    };
    (signal, action)
}

fn start_as(session: &Shared, dispatch: UseReducerDispatcher<AppState>, meaning: Meaning) {
    let weak = Rc::downgrade(session);
    let d = dispatch.clone();
    let on_event: Rc<dyn Fn(u64, WorkerEvent)> = Rc::new(move |generation, event| {
        if let Some(session) = weak.upgrade() {
            on_event(&session, &d, generation, event, meaning);
        }
    });
    let mut c = Client::new(BrowserWorkers::new(on_event));
    let warm = c.warm_up();
    *session.client.borrow_mut() = Some(c);
    if let Err(f) = warm {
        dispatch.dispatch(Action::Failed(f));
    }
}

fn on_event(
    session: &Shared,
    dispatch: &UseReducerDispatcher<AppState>,
    generation: u64,
    event: WorkerEvent,
    meaning: Meaning,
) {
    let (signal, action) = match event {
        WorkerEvent::Message(bytes) if ends_job(&bytes) => {
            // A job's last message ends its worker before it is decoded: the worker's heap (as
            // large as the analysis it built; a wasm heap never shrinks) is given back while the
            // page builds its own copy, so the two never add up.
            let outcome = decide(session, generation, Some(Signal::Finished));
            let action = match decode(&bytes) {
                Ok(msg) => meaning(msg).1,
                Err(detail) => meaning(FromWorker::Failed(Failure::BadMessage { detail })).1,
            };
            drop(bytes);
            return apply(dispatch, outcome, action, meaning);
        }
        WorkerEvent::Message(bytes) => match decode(&bytes) {
            Ok(msg) => meaning(msg),
            Err(detail) => (Some(Signal::Crashed), meaning(FromWorker::Failed(Failure::BadMessage { detail })).1),
        },
        WorkerEvent::Error(detail) => {
            (Some(Signal::Crashed), meaning(FromWorker::Failed(Failure::WorkerStopped { detail })).1)
        }
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
    apply(dispatch, outcome, action, meaning);
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

fn apply(
    dispatch: &UseReducerDispatcher<AppState>,
    outcome: Option<Result<bool, Failure>>,
    action: Option<Action>,
    meaning: Meaning,
) {
    match outcome {
        Some(Ok(true)) => {
            if let Some(a) = action {
                dispatch.dispatch(a);
            }
        }
        Some(Ok(false)) | None => {}
        Some(Err(f)) => {
            if let Some(a) = meaning(FromWorker::Failed(f)).1 {
                dispatch.dispatch(a);
            }
        }
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

/// Reads `blob` as the second archive, the compare view's A.
pub fn open_other(session: &Shared, dispatch: &UseReducerDispatcher<AppState>, name: String, blob: web_sys::Blob) {
    dispatch.dispatch(Action::OtherStart(name));
    session.set_source(blob.clone());
    let result = session.client.borrow_mut().as_mut().map(|c| c.submit(blob.into()));
    if let Some(Err(f)) = result {
        dispatch.dispatch(Action::OtherFailed(f));
    }
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
