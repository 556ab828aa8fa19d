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
mod worker {
    //! Starting, feeding and terminating the analysis worker.
    use std::cell::RefCell;
    use std::rc::Rc;
    use strata_web::protocol::{rebuild, FromWorker};
    use strata_web::state::{Action, AppState};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::UseReducerDispatcher;

    /// The live worker, whether it said "ready", and a blob waiting for it.
    #[derive(Default)]
    pub struct Slot {
        pub worker: Option<web_sys::Worker>,
        pub ready: bool,
        pub pending: Option<web_sys::Blob>,
    }

    pub fn start(slot: &Rc<RefCell<Slot>>, dispatch: UseReducerDispatcher<AppState>, blob: web_sys::Blob) {
        let mut s = slot.borrow_mut();
        if let (Some(w), true) = (&s.worker, s.ready) {
            if let Err(e) = w.post_message(&blob) {
                dispatch.dispatch(Action::Failed(format!("could not hand the file to the worker: {e:?}")));
            }
            return;
        }
        s.pending = Some(blob);
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
        let slot2 = slot.clone();
        let d = dispatch.clone();
        let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Ok(array) = e.data().dyn_into::<js_sys::Uint8Array>() else {
                return;
            };
            let bytes = array.to_vec();
            drop(array);
            let msg: FromWorker = match serde_json::from_slice(&bytes) {
                Ok(m) => m,
                Err(err) => return d.dispatch(Action::Failed(format!("bad message from the worker: {err}"))),
            };
            match msg {
                FromWorker::Ready => {
                    let mut s = slot2.borrow_mut();
                    s.ready = true;
                    let pending = s.pending.take();
                    if let (Some(w), Some(b)) = (&s.worker, pending) {
                        if let Err(e) = w.post_message(&b) {
                            d.dispatch(Action::Failed(format!("could not hand the file to the worker: {e:?}")));
                        }
                    }
                }
                FromWorker::Progress { bytes_done, bytes_total, layers_done } => {
                    d.dispatch(Action::Progress { bytes_done, bytes_total, layers_done })
                }
                FromWorker::Structure { analysis, trees, changes } => {
                    d.dispatch(Action::Structure(rebuild(analysis, trees, changes)))
                }
                FromWorker::Done { analysis, trees, changes } => {
                    // A wasm heap never shrinks: end this worker so its memory goes back to the system.
                    retire(&slot2);
                    d.dispatch(Action::Done(rebuild(analysis, trees, changes)))
                }
                FromWorker::Failed { message } => {
                    retire(&slot2);
                    d.dispatch(Action::Failed(message))
                }
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let d = dispatch.clone();
        let onerror = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            d.dispatch(Action::Failed(format!("the worker stopped: {}", e.message())));
        });
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        onerror.forget();
        s.worker = Some(worker);
        s.ready = false;
    }

    /// Ends the worker after its job; the next archive starts a fresh one.
    fn retire(slot: &Rc<RefCell<Slot>>) {
        if let Ok(mut s) = slot.try_borrow_mut() {
            if let Some(w) = s.worker.take() {
                w.terminate();
            }
            s.ready = false;
        }
    }

    pub fn cancel(slot: &Rc<RefCell<Slot>>) {
        let mut s = slot.borrow_mut();
        if let Some(w) = s.worker.take() {
            w.terminate();
        }
        s.ready = false;
        s.pending = None;
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

    /// The `?src=` parameter, if any.
    pub fn src_param() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search).ok()?.get("src").filter(|s| !s.is_empty())
    }

    /// Fetches `url` (same origin; the page's CSP allows no other) and hands the blob to the worker.
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
                Ok(blob) => start(&slot, dispatch, blob),
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
            if let Some(url) = worker::src_param() {
                dispatch.dispatch(Action::Start { name: url.clone(), sample: false });
                worker::fetch_into(slot, dispatch, url);
            } else if let Some(blob) = worker::bytes_blob(&strata_core::sample::teaching_image()) {
                dispatch.dispatch(Action::Start { name: "strata-sample:latest".into(), sample: true });
                worker::start(&slot, dispatch, blob);
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
            worker::cancel(&slot);
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
    let body = match (&state.phase, &state.analysis) {
        (Phase::Failed(m), _) => html! { <ErrorCard message={AttrValue::from(m.clone())} /> },
        (_, Some(a)) => {
            let problems = (!a.problems.is_empty()).then(|| html! {
                <details class="problems" open={a.problems.iter().any(|p| p.severity == strata_core::Severity::Error)}>
                    <summary role={a.problems.iter().any(|p| p.severity == strata_core::Severity::Error).then_some("alert")}>
                        { format!("{} ({})", t().problems, a.problems.len()) }</summary>
                    <ul>{ for a.problems.iter().map(|p| html! { <li class={format!("{:?}", p.severity).to_lowercase()}>{ p.message.clone() }</li> }) }</ul>
                </details>
            });
            html! {
                <>
                    <Summary analysis={a.clone()} image={route.image} verifying={state.verifying} {on_pick} />
                    { for problems }
                    <div role="tablist" class="tabs">{ tab(View::Stack, t().view_stack) }{ tab(View::Files, t().view_files) }</div>
                    { match route.view {
                        View::Stack => html! { <Stack analysis={a.clone()} image={route.image} verifying={state.verifying} selected={route.layer} on_select={on_select_layer.clone()} /> },
                        View::Files => html! { <Files analysis={a.clone()} image={route.image} layer={route.layer} on_layer={on_select_layer.clone()} /> },
                    } }
                </>
            }
        }
        _ => html! {},
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
            { body }
            <div class="drop-hint" aria-hidden="true">{ t().drop_here }</div>
            <footer>{ t().local_only }</footer>
        </main>
    }
}
