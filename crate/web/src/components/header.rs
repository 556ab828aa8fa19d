//! The page header: the name, the tagline, the language and theme switches and the file picker.
//! On a phone (under 600 px, in CSS) it is one line: the name, the picker and a menu button
//! (`[data-action=header-menu]`, `aria-expanded`) that shows the tagline and the switches.

use super::use_strings;
use crate::state::theme::ThemeChoice;
use strata_i18n::Lang;
use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The language shown.
    pub lang: Lang,
    /// A language was chosen.
    pub on_lang: Callback<Lang>,
    /// The theme asked for.
    pub theme: ThemeChoice,
    /// A theme was chosen.
    pub on_theme: Callback<ThemeChoice>,
    /// A file was picked.
    pub on_file: Callback<web_sys::File>,
}

/// The header.
#[function_component]
pub fn Header(p: &Props) -> Html {
    let t = use_strings();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
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
        <header class={classes!(open.then_some("menu-open"))}>
            <h1>{ t.title }</h1>
            <button type="button" class="menu-toggle" data-action="header-menu" aria-controls="header-menu"
                    aria-expanded={open.to_string()} onclick={toggle}>
                <span aria-hidden="true">{ "☰" }</span><span class="visually-hidden">{ t.menu }</span>
            </button>
            <div class="header-menu" id="header-menu">
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
            <div class="lang-switch theme-switch" role="group" aria-label={t.theme_label}>
                { for ThemeChoice::ALL.iter().map(|&c| {
                    let on_theme = p.on_theme.clone();
                    let label = match c {
                        ThemeChoice::Auto => t.theme_auto,
                        ThemeChoice::Light => t.theme_light,
                        ThemeChoice::Dark => t.theme_dark,
                    };
                    html! {
                        <button type="button" data-theme-choice={c.key()} aria-pressed={(c == p.theme).to_string()}
                                onclick={Callback::from(move |_| on_theme.emit(c))}>{ label }</button>
                    }
                }) }
            </div>
            </div>
            <label class="open">
                { t.open_file }
                <input type="file" accept=".tar,.tar.gz,.tgz,.tar.xz,application/x-tar,application/gzip" {onchange} />
            </label>
        </header>
    }
}
