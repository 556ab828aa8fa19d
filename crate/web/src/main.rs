//! Mounts the app. A panic anywhere shows an error card instead of a blank page.

mod app;
mod components;

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        components::error::show_panic_card(&info.to_string());
    }));
    yew::Renderer::<app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _ = yew::html! { <app::App /> };
    eprintln!("strata-web runs in a browser; use `trunk serve`");
}
