//! An embedded figure's side of its host page: telling the parent frame the height and that the
//! figure is ready (`postMessage`), and hearing it ask for a new measure.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Posts `{type, …fields}` to the parent frame (any origin: it says nothing private, only sizes).
pub fn post_to_parent(kind: &str, fields: &[(&str, f64)]) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &(*k).into(), &(*v).into());
    }
    let _ = parent.post_message(&message, "*");
}

/// Tells the parent `element`'s height.
pub fn post_height(element: &web_sys::Element) {
    post_to_parent("strata:height", &[("height", element.get_bounding_client_rect().height().ceil())]);
}

/// Calls `f(height)` with `element`'s height now and whenever it changes.
pub fn observe_height(element: &web_sys::Element, f: impl Fn(f64) + 'static) -> Option<web_sys::ResizeObserver> {
    let watched = element.clone();
    let cb = Closure::<dyn Fn()>::new(move || f(watched.get_bounding_client_rect().height().ceil()));
    let observer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    // Lives as long as the page.
    cb.forget();
    Some(observer)
}

/// Calls `f()` whenever the parent asks for a new measure (`{type: "strata:measure"}`).
pub fn on_measure_request(f: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let kind = js_sys::Reflect::get(&e.data(), &"type".into()).ok().and_then(|v| v.as_string());
        if kind.as_deref() == Some("strata:measure") {
            f();
        }
    });
    let _ = w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
    cb.forget();
}
