//! Saving what is shown: a blob or a text as a download, an SVG rendered to a PNG through a
//! canvas, and a link copied to the clipboard.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `blob` as a download named `file_name`.
pub fn save_blob(blob: &web_sys::Blob, file_name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = link {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // After the click has started the download.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
}

/// Offers `text` (of type `mime`) as a download named `file_name`.
pub fn save_text(text: &str, mime: &str, file_name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        save_blob(&blob, file_name);
    }
}

/// Renders `svg` (a standalone SVG with `width` and `height`) at `scale` times its size into a
/// canvas and offers it as a PNG named `file_name`; `done(false)` when it could not be drawn.
pub fn save_png(svg: &str, scale: f64, file_name: &str, done: impl FnOnce(bool) + 'static) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return done(false) };
    let Some(img) = doc.create_element("img").ok().and_then(|e| e.dyn_into::<web_sys::HtmlImageElement>().ok()) else {
        return done(false);
    };
    let name = file_name.to_owned();
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |ok: bool| {
            if let Some(f) = done.borrow_mut().take() {
                f(ok)
            }
        }
    };
    let on_error = {
        let finish = finish.clone();
        Closure::once_into_js(move || finish(false))
    };
    let drawn = img.clone();
    let on_load = Closure::once_into_js(move || {
        let (w, h) = (f64::from(drawn.natural_width()) * scale, f64::from(drawn.natural_height()) * scale);
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else { return finish(false) };
        canvas.set_width(w.round() as u32);
        canvas.set_height(h.round() as u32);
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let Some(ctx) = ctx else { return finish(false) };
        if ctx.draw_image_with_html_image_element_and_dw_and_dh(&drawn, 0.0, 0.0, w, h).is_err() {
            return finish(false);
        }
        let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| match blob {
            Some(b) => {
                save_blob(&b, &name);
                finish(true)
            }
            None => finish(false),
        });
        if canvas.to_blob(on_blob.unchecked_ref()).is_err() {
            // The closure is dropped with the failed call; nothing else to do.
        }
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    // A data: URL (the page's CSP allows `img-src data:`, not blob:).
    let encoded = js_sys::encode_uri_component(svg);
    img.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
}

/// Copies `text` to the clipboard; `done(true)` once it is there.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = web_sys::window() else { return done(false) };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}
