//! The error card: for a file that could not be read, and for a panic (drawn without Yew, since Yew
//! may be what panicked).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub message: AttrValue,
}

#[function_component]
pub fn ErrorCard(props: &Props) -> Html {
    html! {
        <div class="error-card" role="alert">
            <strong>{ crate_strings().error_title }</strong>
            <p>{ props.message.clone() }</p>
        </div>
    }
}

fn crate_strings() -> &'static strata_web::i18n::Strings {
    strata_web::i18n::t()
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
/// Adds an error card to the page directly through the DOM.
pub fn show_panic_card(message: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(card) = doc.create_element("div") else {
            return;
        };
        card.set_class_name("error-card panic");
        let _ = card.set_attribute("role", "alert");
        let t = crate_strings();
        card.set_text_content(Some(&format!("{}: {message}. {}", t.error_title, t.panic_reload)));
        if let Some(body) = doc.body() {
            let _ = body.prepend_with_node_1(&card);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}
