//! The error card: for a file that could not be read, and for a panic (drawn without Yew, since Yew
//! may be what panicked).

use super::use_strings;
use yew::prelude::*;

/// Props of [`ErrorCard`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The sentence, already worded.
    pub message: AttrValue,
}

/// A failure, as an alert.
#[function_component]
pub fn ErrorCard(props: &Props) -> Html {
    let t = use_strings();
    html! {
        <div class="error-card" role="alert">
            <strong>{ t.error_title }</strong>
            <p>{ props.message.clone() }</p>
        </div>
    }
}

/// Adds an error card to the page directly through the DOM, in the language of `t`.
pub fn show_panic_card(message: &str, t: &strata_i18n::Strings) {
    {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(card) = doc.create_element("div") else {
            return;
        };
        card.set_class_name("error-card panic");
        let _ = card.set_attribute("role", "alert");
        card.set_text_content(Some(&format!("{}: {message}. {}", t.error_title, t.panic_reload)));
        if let Some(body) = doc.body() {
            let _ = body.prepend_with_node_1(&card);
        }
    }
}
