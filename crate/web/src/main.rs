//! Mounts the app. A panic anywhere shows an error card instead of a blank page.

mod app;
mod components;

#[cfg(target_arch = "wasm32")]
fn main() {
    // Through Yew: its renderer replaces a hook set with `std::panic::set_hook` by its own.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::error::show_panic_card(&info.to_string());
    }));
    narrow_connect_src();
    yew::Renderer::<app::App>::new().render();
}

/// Adds the start-up policy of [`strata_web::csp`]: connections to `'self'` and the `?src=` origin only.
#[cfg(target_arch = "wasm32")]
fn narrow_connect_src() {
    let Some(window) = web_sys::window() else { return };
    let page = window.location().origin().unwrap_or_default();
    let src_origin = app::src_param()
        .and_then(|src| web_sys::Url::new_with_base(&src, &window.location().href().unwrap_or_default()).ok())
        .map(|u| u.origin());
    let policy = strata_web::csp::connect_src(src_origin.as_deref(), &page);
    let Some(doc) = window.document() else { return };
    let (Ok(meta), Some(head)) = (doc.create_element("meta"), doc.head()) else { return };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", &policy);
    let _ = head.append_child(&meta);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _ = yew::html! { <app::App /> };
    eprintln!("strata-web runs in a browser; use `trunk serve`");
}
