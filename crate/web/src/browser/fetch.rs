//! Fetching `?src=`: same origin, or another origin that allows CORS (the start-up CSP allows that
//! one origin only, see [`super::csp`]).

use crate::failure::Failure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Fetches `url` as a `Blob` (the worker then reads it in ranges like a dropped file).
pub async fn fetch_blob(url: &str) -> Result<web_sys::Blob, Failure> {
    let failed = |detail: String| Failure::Fetch { url: url.to_owned(), detail };
    let window = web_sys::window().ok_or_else(|| failed("no window".into()))?;
    let resp =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| failed(js_text(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| failed("not a response".into()))?;
    if !resp.ok() {
        return Err(Failure::FetchStatus { url: url.to_owned(), status: resp.status(), text: resp.status_text() });
    }
    let blob = wasm_bindgen_futures::JsFuture::from(resp.blob().map_err(|e| failed(js_text(&e)))?)
        .await
        .map_err(|e| failed(js_text(&e)))?;
    blob.dyn_into::<web_sys::Blob>().map_err(|_| failed("not a blob".into()))
}

/// A JS error's message (or its debug form).
pub fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| js_sys::Reflect::get(v, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{v:?}"))
}
