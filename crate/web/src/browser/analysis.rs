//! The page's analysis client in the browser: real workers, their events turned into actions.

use crate::browser::workers::{BrowserWorkers, WorkerEvent};
use crate::failure::Failure;
use crate::state::{Action, AppState};
use crate::worker::client::{on_message, Client, Signal};
use crate::worker::protocol::decode;
use std::cell::RefCell;
use std::rc::Rc;
use yew::UseReducerDispatcher;

/// The client, once the app has started it.
pub type Shared = Rc<RefCell<Option<Client<BrowserWorkers>>>>;

/// Starts the client (and its spare worker); worker events become actions.
pub fn start(client: &Shared, dispatch: UseReducerDispatcher<AppState>) {
    let weak = Rc::downgrade(client);
    let d = dispatch.clone();
    let on_event: Rc<dyn Fn(u64, WorkerEvent)> = Rc::new(move |generation, event| {
        if let Some(client) = weak.upgrade() {
            on_event(&client, &d, generation, event);
        }
    });
    let mut c = Client::new(BrowserWorkers::new(on_event));
    let warm = c.warm_up();
    *client.borrow_mut() = Some(c);
    if let Err(f) = warm {
        dispatch.dispatch(Action::Failed(f));
    }
}

fn on_event(client: &Shared, dispatch: &UseReducerDispatcher<AppState>, generation: u64, event: WorkerEvent) {
    let (signal, action) = match event {
        WorkerEvent::Message(bytes) => match decode(&bytes) {
            Ok(msg) => on_message(msg),
            Err(detail) => (Some(Signal::Crashed), Some(Action::Failed(Failure::BadMessage { detail }))),
        },
        WorkerEvent::Error(detail) => (Some(Signal::Crashed), Some(Action::Failed(Failure::WorkerStopped { detail }))),
    };
    // Decide under the borrow, dispatch after it.
    let outcome = {
        let Ok(mut guard) = client.try_borrow_mut() else { return };
        let Some(c) = guard.as_mut() else { return };
        match signal {
            Some(s) => c.signal(generation, s),
            None => Ok(generation == c.generation()),
        }
    };
    match outcome {
        Ok(true) => {
            if let Some(a) = action {
                dispatch.dispatch(a);
            }
        }
        Ok(false) => {}
        Err(f) => dispatch.dispatch(Action::Failed(f)),
    }
}

/// Hands a job (a `File`/`Blob`, or the test-panic string) to the client.
pub fn submit(client: &Shared, dispatch: &UseReducerDispatcher<AppState>, job: wasm_bindgen::JsValue) {
    let result = client.borrow_mut().as_mut().map(|c| c.submit(job));
    if let Some(Err(f)) = result {
        dispatch.dispatch(Action::Failed(f));
    }
}

/// Stops the running job.
pub fn cancel(client: &Shared, dispatch: &UseReducerDispatcher<AppState>) {
    let result = client.borrow_mut().as_mut().map(Client::cancel);
    if let Some(Err(f)) = result {
        dispatch.dispatch(Action::Failed(f));
    }
}

/// A blob of bytes built in memory (the sample).
pub fn bytes_blob(bytes: &[u8]) -> Option<web_sys::Blob> {
    let arr = js_sys::Array::new();
    arr.push(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&arr).ok()
}
