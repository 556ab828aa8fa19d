//! What the page remembers between visits: the language chosen with the switch.

const LANG_KEY: &str = "strata.lang";

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
