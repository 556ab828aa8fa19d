//! The document itself: `<html lang>`, and the title.

/// Sets `<html lang>` (screen readers, fonts and hyphenation follow it) and the title.
pub fn set_language(tag: &str, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", tag);
    }
    doc.set_title(title);
}
