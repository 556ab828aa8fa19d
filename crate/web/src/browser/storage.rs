//! What the page remembers between visits: the language and the theme chosen with the switches.

const LANG_KEY: &str = "strata.lang";
const THEME_KEY: &str = "strata.theme";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language tag chosen last time, if any.
pub fn remembered_lang() -> Option<String> {
    local()?.get_item(LANG_KEY).ok().flatten()
}

/// Remembers a language tag (silently does nothing where storage is off).
pub fn remember_lang(tag: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(LANG_KEY, tag);
    }
}

/// The theme (`auto`, `light`, `dark`) chosen last time, if any.
pub fn remembered_theme() -> Option<String> {
    local()?.get_item(THEME_KEY).ok().flatten()
}

/// Remembers a theme choice.
pub fn remember_theme(key: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(THEME_KEY, key);
    }
}
