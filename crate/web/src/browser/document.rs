//! The document itself: `<html lang>`, and the title.

/// Sets `<html lang>` (screen readers, fonts and hyphenation follow it) and the title.
pub fn set_language(tag: &str, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", tag);
    }
    doc.set_title(title);
}

/// Registers the service worker next to the page (`./sw.js`: the app then works offline; see
/// `www/sw.js`). Nothing happens where service workers are unavailable (a `file:` page, private
/// modes).
pub fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    // Absent outside secure contexts (a plain-http host other than localhost).
    let present = js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into()).is_ok_and(|v| v.is_object());
    if present {
        let _ = w.navigator().service_worker().register("./sw.js");
    }
}

/// Sets `<html data-theme>` (`light` or `dark`): the stylesheet's colours follow it.
pub fn set_theme(theme: &str) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Whether the system asks for reduced motion (`prefers-reduced-motion: reduce`).
pub fn prefers_reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

/// Whether the system prefers a dark theme.
pub fn prefers_dark() -> bool {
    media_matches("(prefers-color-scheme: dark)")
}

fn media_matches(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

/// Calls `f(i, n)` for i = 1..=n, one call every `ms` milliseconds.
pub fn frames(n: u32, ms: i32, f: impl Fn(u32, u32) + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let f = std::rc::Rc::new(f);
    for i in 1..=n {
        let f = f.clone();
        let cb = Closure::once_into_js(move || f(i, n));
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms * i as i32);
    }
}

/// Calls `f(dark)` whenever the system's preferred theme changes.
pub fn on_theme_change(f: impl Fn(bool) + 'static) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(list) = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    else {
        return;
    };
    let watched = list.clone();
    let cb = Closure::<dyn Fn()>::new(move || f(watched.matches()));
    let _ = list.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
    // Lives as long as the page.
    cb.forget();
}

/// A timer that calls back once after a delay, and is cancelled when dropped.
pub struct Timeout {
    id: i32,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timeout {
    /// Calls `f` once after `ms` milliseconds (unless dropped first).
    pub fn new(ms: i32, f: impl FnOnce() + 'static) -> Option<Timeout> {
        use wasm_bindgen::JsCast;
        let mut f = Some(f);
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
            .ok()?;
        Some(Timeout { id, _callback: callback })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}

/// The window's inner width in CSS pixels; `None` when hidden, or outside a browser (natively, where the page's
/// logic is tested: the figures then take their default width).
pub fn viewport_width() -> Option<f64> {
    // A hidden frame (an embed in a closed tab) has no width: not a phone's.
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?.inner_width().ok()?.as_f64().filter(|w| *w > 0.0);
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// The window's inner height in CSS pixels; `None` when hidden or outside a browser.
pub fn viewport_height() -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?.inner_height().ok()?.as_f64().filter(|h| *h > 0.0);
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// A length in whole px the style sheet sets on `:root` (a custom property such as
/// `--presenter-chrome: 210px`); `None` outside a browser, or when it is not set so. Read as an
/// integer: parsing a float would add the standard library's float tables (12 KB) to the module.
pub fn root_css_px(property: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        let window = web_sys::window()?;
        let root = window.document()?.document_element()?;
        let value = window.get_computed_style(&root).ok()??.get_property_value(property).ok()?;
        value.trim().strip_suffix("px")?.trim().parse::<u32>().ok().map(f64::from)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = property;
        None
    }
}

/// Enters or leaves full screen.
pub fn toggle_fullscreen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

/// A listener on the window ([`on_page_key`], [`on_resize`]); dropping it removes the listener.
pub struct WindowListener {
    event: &'static str,
    cb: wasm_bindgen::JsValue,
}

impl WindowListener {
    fn add(event: &'static str, cb: wasm_bindgen::JsValue) -> WindowListener {
        use wasm_bindgen::JsCast;
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(event, cb.unchecked_ref());
        }
        WindowListener { event, cb }
    }

    /// Keeps the listener for the page's lifetime.
    pub fn forever(self) {
        std::mem::forget(self);
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(self.event, self.cb.unchecked_ref());
        }
    }
}

/// Calls `f` whenever the window is resized (a phone turned, a window dragged).
pub fn on_resize(f: impl Fn() + 'static) -> WindowListener {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f).into_js_value();
    WindowListener::add("resize", cb)
}

/// Calls `f` for every key pressed outside a text field or a control that acts on it itself, with
/// what `takes(key)` says: when true, the key's default action (Space scrolling) is stopped.
pub fn on_page_key(f: impl Fn(String) + 'static, takes: impl Fn(&str) -> bool + 'static) -> WindowListener {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let cb = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        let tag =
            e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase());
        match tag.as_deref() {
            Some("input" | "select" | "textarea") => return,
            Some("button") if key == "Enter" || key == " " => return,
            _ => {}
        }
        if takes(&key) {
            e.prevent_default();
        }
        f(key);
    });
    WindowListener::add("keydown", cb.into_js_value())
}
