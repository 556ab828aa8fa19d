//! The app: state in a reducer, the worker and the URL hash handled in effects.

use crate::components::error::ErrorCard;
use crate::components::files::Files;
use crate::components::progress::Progress;
use crate::components::stack::Stack;
use crate::components::summary::Summary;
use std::rc::Rc;
use strata_web::i18n::t;
use strata_web::state::{Action, AppState, Phase, Route, View};
use yew::prelude::*;
#[cfg(target_arch = "wasm32")]
use {strata_web::protocol::TEST_PANIC, wasm_bindgen::JsValue};

#[cfg(target_arch = "wasm32")]
mod worker {
    //! Starting, feeding and terminating the analysis worker.
    use std::cell::RefCell;
    use std::rc::Rc;
    use strata_web::protocol::{decode, FromWorker};
    use strata_web::state::{Action, AppState};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::UseReducerDispatcher;

    /// The live worker, whether it said "ready", whether it is working, and a blob waiting for it.
    #[derive(Default)]
    pub struct Slot {
        pub worker: Option<web_sys::Worker>,
        pub ready: bool,
        pub busy: bool,
        /// Counts the workers started; a worker's messages and errors count only while it is the
        /// current one (a terminated worker's queued events are ignored).
        pub generation: u64,
        pub pending: Option<JsValue>,
    }

    /// Hands `blob` to the worker, starting one if there is none (it takes it once it is ready).
    /// A worker still busy with an earlier archive is stopped: the newest archive wins.
    pub fn start(slot: &Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>, blob: JsValue) {
        {
            let mut s = slot.borrow_mut();
            if s.busy {
                if let Some(w) = s.worker.take() {
                    w.terminate();
                }
                (s.busy, s.ready) = (false, false);
            }
            if let (Some(w), true) = (&s.worker, s.ready) {
                if let Err(e) = w.post_message(&blob) {
                    dispatch.dispatch(Action::Failed(format!("could not hand the file to the worker: {e:?}")));
                }
                (s.ready, s.busy) = (false, true);
                return;
            }
            s.pending = Some(blob);
        }
        spawn(slot, dispatch);
    }

    /// Starts a worker unless one is running: after each job a fresh one is started at once, so
    /// the next archive does not wait for the worker's wasm to compile.
    pub fn spawn(slot: &Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>) {
        let mut s = slot.borrow_mut();
        if s.worker.is_some() {
            return;
        }
        let worker = match web_sys::Worker::new("./worker_loader.js") {
            Ok(w) => w,
            Err(e) => {
                dispatch.dispatch(Action::Failed(format!("could not start the worker: {e:?}")));
                return;
            }
        };
        s.generation += 1;
        let generation = s.generation;
        let current = {
            let slot = slot.clone();
            move || slot.try_borrow().is_ok_and(|s| s.generation == generation && s.worker.is_some())
        };
        let slot2 = slot.clone();
        let d = dispatch.clone();
        let is_current = current.clone();
        let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if !is_current() {
                return;
            }
            let Ok(array) = e.data().dyn_into::<js_sys::Uint8Array>() else {
                return;
            };
            let bytes = array.to_vec();
            drop(array);
            let msg = match decode(&bytes) {
                Ok(m) => m,
                Err(err) => return d.dispatch(Action::Failed(format!("bad message from the worker: {err}"))),
            };
            drop(bytes);
            match msg {
                FromWorker::Ready => {
                    let mut s = slot2.borrow_mut();
                    let pending = s.pending.take();
                    (s.ready, s.busy) = (pending.is_none(), pending.is_some());
                    if let (Some(w), Some(b)) = (&s.worker, pending) {
                        if let Err(e) = w.post_message(&b) {
                            d.dispatch(Action::Failed(format!("could not hand the file to the worker: {e:?}")));
                        }
                    }
                }
                FromWorker::Progress { bytes_done, bytes_total, layers_done } => {
                    d.dispatch(Action::Progress { bytes_done, bytes_total, layers_done })
                }
                FromWorker::Outline { analysis } => d.dispatch(Action::Outline(analysis)),
                FromWorker::Structure { analysis } => d.dispatch(Action::Structure(analysis)),
                FromWorker::Done { analysis } => {
                    // A wasm heap never shrinks: end this worker so its memory goes back to the system.
                    retire(&slot2, d.clone());
                    d.dispatch(Action::Done(analysis))
                }
                FromWorker::Failed { message } => {
                    retire(&slot2, d.clone());
                    d.dispatch(Action::Failed(message))
                }
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let d = dispatch.clone();
        let onerror = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            if current() {
                d.dispatch(Action::Failed(format!("the worker stopped: {}", e.message())));
            }
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        onerror.forget();
        s.worker = Some(worker);
        s.ready = false;
    }

    /// Ends the worker after its job and starts a fresh one for the next archive.
    fn retire(slot: &Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>) {
        if let Ok(mut s) = slot.try_borrow_mut() {
            if let Some(w) = s.worker.take() {
                w.terminate();
            }
            (s.ready, s.busy) = (false, false);
        }
        spawn(slot, dispatch);
    }

    /// Stops the work for real (terminates the worker) and starts a fresh one.
    pub fn cancel(slot: &Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>) {
        {
            let mut s = slot.borrow_mut();
            if let Some(w) = s.worker.take() {
                w.terminate();
            }
            (s.ready, s.busy) = (false, false);
            s.pending = None;
        }
        spawn(slot, dispatch);
    }

    pub fn bytes_blob(bytes: &[u8]) -> Option<web_sys::Blob> {
        let arr = js_sys::Array::new();
        arr.push(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence(&arr).ok()
    }

    pub fn hash() -> String {
        web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
    }

    pub fn set_hash(h: &str) {
        if let Some(w) = web_sys::window() {
            if hash() != h {
                let _ = w.location().set_hash(h);
            }
        }
    }

    /// Fetches `url` (same origin, or CORS; the start-up CSP allows that one origin) and hands the
    /// blob to the worker.
    pub fn fetch_into(slot: Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>, url: String) {
        wasm_bindgen_futures::spawn_local(async move {
            let result: Result<web_sys::Blob, String> = async {
                let window = web_sys::window().ok_or("no window")?;
                let resp = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
                    .await
                    .map_err(|e| format!("could not fetch {url}: {}", js_text(&e)))?;
                let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_owned())?;
                if !resp.ok() {
                    return Err(format!("could not fetch {url}: HTTP {} {}", resp.status(), resp.status_text()));
                }
                let blob = wasm_bindgen_futures::JsFuture::from(resp.blob().map_err(|e| js_text(&e))?)
                    .await
                    .map_err(|e| format!("could not read {url}: {}", js_text(&e)))?;
                blob.dyn_into::<web_sys::Blob>().map_err(|_| "not a blob".to_owned())
            }
            .await;
            match result {
                Ok(blob) => start(&slot, dispatch, blob.into()),
                Err(m) => dispatch.dispatch(Action::Failed(m)),
            }
        });
    }

    fn js_text(v: &JsValue) -> String {
        v.as_string()
            .or_else(|| js_sys::Reflect::get(v, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()))
            .unwrap_or_else(|| format!("{v:?}"))
    }

    pub fn on_hash_change(dispatch: UseReducerDispatcher<AppState>) {
        let Some(w) = web_sys::window() else { return };
        let cb = Closure::<dyn Fn()>::new(move || {
            dispatch.dispatch(Action::Route(strata_web::state::Route::from_hash(&hash())))
        });
        let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod worker {
    //! Native builds (unit tests) have no worker.
    #[derive(Default)]
    pub struct Slot;
}

/// A query parameter of the page's address, if present and not empty.
#[cfg(target_arch = "wasm32")]
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name).filter(|s| !s.is_empty())
}

/// The `?src=` parameter: an archive to fetch (same origin, or another origin that allows CORS).
#[cfg(target_arch = "wasm32")]
pub fn src_param() -> Option<String> {
    query_param("src")
}

/// The route in the address bar when the page opens (a link reproduces the screen).
fn initial_route() -> Route {
    #[cfg(target_arch = "wasm32")]
    return Route::from_hash(&worker::hash());
    #[cfg(not(target_arch = "wasm32"))]
    Route::default()
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState { route: initial_route(), ..AppState::default() });
    let slot = use_mut_ref(worker::Slot::default);
    let dragging = use_state(|| false);

    #[cfg(target_arch = "wasm32")]
    {
        let dispatch = state.dispatcher();
        let slot = slot.clone();
        use_effect_with((), move |_| {
            worker::on_hash_change(dispatch.clone());
            // Test hook for the error card (tests/e2e): a deliberate panic in either thread.
            match query_param("strata-test-panic").as_deref() {
                Some("main") => panic!("test panic requested by ?strata-test-panic=main"),
                Some("worker") => return worker::start(&slot, dispatch, JsValue::from_str(TEST_PANIC)),
                _ => {}
            }
            if let Some(url) = src_param() {
                dispatch.dispatch(Action::Start { name: url.clone(), sample: false });
                worker::fetch_into(slot, dispatch, url);
            } else if let Some(blob) = worker::bytes_blob(&strata_core::sample::teaching_image()) {
                dispatch.dispatch(Action::Start { name: "strata-sample:latest".into(), sample: true });
                worker::start(&slot, dispatch, blob.into());
            }
        });
        let route = state.route.clone();
        use_effect_with(route, |r| worker::set_hash(&r.to_hash()));
    }

    let start_file = {
        let dispatch = state.dispatcher();
        let slot = slot.clone();
        Callback::from(move |file: web_sys::File| {
            dispatch.dispatch(Action::Start { name: file.name(), sample: false });
            #[cfg(target_arch = "wasm32")]
            worker::start(&slot, dispatch.clone(), file.into());
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&slot, file);
        })
    };
    let on_cancel = {
        let dispatch = state.dispatcher();
        let slot = slot.clone();
        Callback::from(move |_| {
            #[cfg(target_arch = "wasm32")]
            worker::cancel(&slot, dispatch.clone());
            let _ = &slot;
            dispatch.dispatch(Action::Cancelled);
        })
    };
    let onchange = {
        let start_file = start_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                start_file.emit(f);
            }
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let start_file = start_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                start_file.emit(f);
            }
        })
    };
    let set_route = {
        let dispatch = state.dispatcher();
        move |f: Rc<dyn Fn(&mut Route)>, route: Route| {
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                let mut r = route.clone();
                f(&mut r);
                dispatch.dispatch(Action::Route(r));
            })
        }
    };
    let route = state.route.clone();
    let tab = |view: View, label: &'static str| {
        let cb: Callback<MouseEvent> = set_route(Rc::new(move |r: &mut Route| r.view = view), route.clone());
        html! { <button role="tab" aria-selected={(route.view == view).to_string()} onclick={cb}>{ label }</button> }
    };
    let on_select_layer = {
        let dispatch = state.dispatcher();
        let route = route.clone();
        Callback::from(move |l: Option<usize>| dispatch.dispatch(Action::Route(Route { layer: l, ..route.clone() })))
    };
    let on_pick = {
        let dispatch = state.dispatcher();
        let route = route.clone();
        Callback::from(move |i: usize| {
            dispatch.dispatch(Action::Route(Route { image: i, layer: None, path: None, ..route.clone() }))
        })
    };
    let error = match &state.phase {
        Phase::Failed(m) => html! { <ErrorCard message={AttrValue::from(m.clone())} /> },
        _ => html! {},
    };
    let body = match &state.analysis {
        Some(a) => {
            let problems = (!a.problems.is_empty()).then(|| html! {
                <details class="problems" open={a.problems.iter().any(|p| p.severity == strata_core::Severity::Error)}>
                    <summary role={a.problems.iter().any(|p| p.severity == strata_core::Severity::Error).then_some("alert")}>
                        { format!("{} ({})", t().problems, a.problems.len()) }</summary>
                    <ul>{ for a.problems.iter().map(|p| html! { <li class={format!("{:?}", p.severity).to_lowercase()}>{ p.message.clone() }</li> }) }</ul>
                </details>
            });
            html! {
                <>
                    <Summary analysis={a.clone()} image={route.image} verifying={state.verifying()} stage={state.stage} {on_pick} />
                    { for problems }
                    <div role="tablist" class="tabs">{ tab(View::Stack, t().view_stack) }{ tab(View::Files, t().view_files) }</div>
                    { match route.view {
                        View::Stack => html! { <Stack analysis={a.clone()} image={route.image} verifying={state.verifying()} stage={state.stage} selected={route.layer} on_select={on_select_layer.clone()} /> },
                        View::Files => html! { <Files analysis={a.clone()} image={route.image} stage={state.stage} layer={route.layer} on_layer={on_select_layer.clone()} /> },
                    } }
                </>
            }
        }
        None => html! {},
    };
    let progress = match &state.phase {
        Phase::Loading { name, bytes_done, bytes_total, layers_done } => html! {
            <Progress name={AttrValue::from(name.clone())} bytes_done={*bytes_done} bytes_total={*bytes_total}
                      layers_done={*layers_done} on_cancel={on_cancel.clone()} />
        },
        _ => html! {},
    };
    html! {
        <main class={classes!("app", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <header>
                <h1>{ t().title }</h1>
                <p class="tagline">{ t().tagline }</p>
                <label class="open">
                    { t().open_file }
                    <input type="file" accept=".tar,.tar.gz,.tgz,.tar.xz,application/x-tar,application/gzip" {onchange} />
                </label>
            </header>
            { if state.is_sample && state.phase == Phase::Ready { html! { <p class="note">{ t().sample_note }</p> } } else { html! {} } }
            { progress }
            { error }
            { body }
            <div class="drop-hint" aria-hidden="true">{ t().drop_here }</div>
            <footer>{ t().local_only }</footer>
        </main>
    }
}
