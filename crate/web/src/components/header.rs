//! The page header: the name, the tagline, the language switch and the file picker.

use super::use_strings;
use strata_i18n::Lang;
use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The language shown.
    pub lang: Lang,
    /// A language was chosen.
    pub on_lang: Callback<Lang>,
    /// A file was picked.
    pub on_file: Callback<web_sys::File>,
}

/// The header.
#[function_component]
pub fn Header(p: &Props) -> Html {
    let t = use_strings();
    let onchange = {
        let on_file = p.on_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                on_file.emit(f);
            }
            input.set_value("");
        })
    };
    html! {
        <header>
            <h1>{ t.title }</h1>
            <p class="tagline">{ t.tagline }</p>
            <div class="lang-switch" role="group" aria-label={t.language_label}>
                { for Lang::ALL.iter().map(|&l| {
                    let on_lang = p.on_lang.clone();
                    html! {
                        <button type="button" lang={l.tag()} data-lang={l.tag()} aria-pressed={(l == p.lang).to_string()}
                                onclick={Callback::from(move |_| on_lang.emit(l))}>{ l.strings().language_name }</button>
                    }
                }) }
            </div>
            <label class="open">
                { t.open_file }
                <input type="file" accept=".tar,.tar.gz,.tgz,.tar.xz,application/x-tar,application/gzip" {onchange} />
            </label>
        </header>
    }
}
