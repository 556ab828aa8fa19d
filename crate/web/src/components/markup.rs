//! Long lists drawn as one piece of markup the browser parses, not as one Yew node per row.
//!
//! A copy's first MiB can hold 60,000 lines of text. Measured on the built page (headless
//! Chromium, this project's 2-core machine, 2026-12-07), from asking for a 2.3 MB text file to its
//! lines on screen: 5.3 s at first, 3 s of it laying out every line; with only the lines on screen
//! laid out (`content-visibility` in `www/style.css`) 3.9 s, 1.0 s of it script building Yew nodes;
//! with the lines as one string parsed by the browser, 2.7 s and 0.25 s of script. The markup is
//! the same the nodes were. Every text is escaped here ([`escape_text`]), so a file's bytes are
//! only ever text: `<script>` in a file shows as `<script>`.

use yew::{AttrValue, Html};

/// `text` as HTML character data: `&`, `<`, `>`, the quotes and every control character (as a
/// numeric reference: the HTML parser would turn a carriage return into a line feed) escaped.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// The list items of a text's lines: `<li><span data-testid="file-line">LINE</span></li>` each.
pub fn file_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 48).sum());
    for line in lines {
        out.push_str(r#"<li><span data-testid="file-line">"#);
        escape_text(line, &mut out);
        out.push_str("</span></li>");
    }
    out
}

/// Markup made by this module, as Yew content.
pub fn html(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_file_stays_text() {
        let mut out = String::new();
        escape_text(r#"<script>alert("x" & 'y')</script>"#, &mut out);
        assert_eq!(out, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    }

    #[test]
    fn control_characters_are_references_and_tabs_and_other_scripts_stay() {
        let mut out = String::new();
        escape_text("a\rb\x0c\tc 中文 é", &mut out);
        assert_eq!(out, "a&#13;b&#12;\tc 中文 é");
    }

    #[test]
    fn one_item_per_line_even_empty_ones() {
        let markup = file_lines(&["<b>bold</b>", "", "x"]);
        assert_eq!(
            markup,
            concat!(
                r#"<li><span data-testid="file-line">&lt;b&gt;bold&lt;/b&gt;</span></li>"#,
                r#"<li><span data-testid="file-line"></span></li>"#,
                r#"<li><span data-testid="file-line">x</span></li>"#,
            )
        );
        assert_eq!(file_lines(&[]), "");
    }
}
