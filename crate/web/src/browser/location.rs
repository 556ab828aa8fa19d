//! The page's address: the hash (the route) and the query (`?src=`, `?lang=`).

/// The hash, `#…` included (empty when there is none).
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Sets the hash unless it already is `h` (so no `hashchange` loops).
pub fn set_hash(h: &str) {
    if let Some(w) = web_sys::window() {
        if hash() != h {
            let _ = w.location().set_hash(h);
        }
    }
}

/// A query parameter of the page's address, if present and not empty.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name).filter(|s| !s.is_empty())
}

/// Every query parameter of the page's address, decoded, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return Vec::new() };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return Vec::new() };
    let mut out = Vec::new();
    if let Ok(Some(it)) = js_sys::try_iter(&params) {
        for pair in it.flatten() {
            let pair = js_sys::Array::from(&pair);
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out.push((k, v));
            }
        }
    }
    out
}

/// The page's address without query and hash (`https://host/app/`).
pub fn base() -> String {
    let Some(l) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
}

/// Replaces (or adds) a query parameter without reloading or adding a history entry.
pub fn replace_query_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(url) = web_sys::Url::new(&window.location().href().unwrap_or_default()) else { return };
    url.search_params().set(name, value);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Calls `f` with the new hash whenever it changes (links, the back button).
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn()>::new(move || f(hash()));
    let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    // Lives as long as the page.
    cb.forget();
}
