//! The file panel's lines as markup ([`strata_web::components::markup`]) parsed by a real browser's
//! HTML parser (headless Chromium): each line comes back as exactly its text, in one item, whatever
//! it holds (markup, quotes, carriage returns, C0 and C1 controls, other scripts).
#![cfg(target_arch = "wasm32")]

use strata_web::components::markup::file_lines;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_line_parses_back_to_its_own_text() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let list = document.create_element("div").expect("an element");
    let lines = [
        "<script>document.title=\"owned\"</script>",
        "<b>bold</b> & 'quoted' \"twice\"",
        "a\rb\r\n",
        "bell\x07 form\x0c escape\x1b del\x7f",
        "next line \u{85} csi \u{9b} nbsp \u{a0}",
        "中文 é 🙂\ttab",
        "&amp; &#13; &lt;",
        "",
    ];
    for line in lines {
        list.set_inner_html(&file_lines(&[line]));
        assert_eq!(list.child_element_count(), 1, "one list: {line:?}");
        assert_eq!(list.text_content().unwrap_or_default(), line, "{line:?}");
    }
    list.set_inner_html(&file_lines(&lines));
    assert_eq!(list.text_content().unwrap_or_default(), lines.concat());
    let first = list.first_element_child().expect("a list");
    assert_eq!((first.tag_name().as_str(), first.child_element_count() as usize), ("OL", lines.len()));
}
