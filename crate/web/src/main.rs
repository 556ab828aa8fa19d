//! Mounts the app, or in a worker (`www/worker.js` starts this same module there) runs the
//! worker's jobs. A panic anywhere shows an error card instead of a blank page.

#[cfg(target_arch = "wasm32")]
fn main() {
    use strata_web::{app, browser, components, worker};
    if worker::entry::in_worker() {
        worker::entry::start();
        return;
    }
    // Through Yew: its renderer replaces a hook set with `std::panic::set_hook` by its own.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::error::show_panic_card(&info.to_string(), app::shown_lang().strings());
    }));
    browser::csp::install(browser::location::query_param("src").as_deref());
    browser::document::register_service_worker();
    if browser::location::query_param("notes").is_some() {
        let props = components::notes::Props { lang: app::initial_lang() };
        yew::Renderer::<components::notes::NotesPage>::with_props(props).render();
        return;
    }
    if app::is_embed() {
        yew::Renderer::<app::embed::EmbedApp>::new().render();
        return;
    }
    yew::Renderer::<app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _ = yew::html! { <strata_web::app::App /> };
    eprintln!("strata-web runs in a browser; use `trunk serve`");
}
