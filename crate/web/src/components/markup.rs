//! Long lists drawn as one piece of markup the browser parses, not as one Yew node per row.
//!
//! A copy's first MiB can hold 60,000 lines of text. Measured on the built page (headless
//! Chromium, this project's 2-core machine, 2026-12-07), from asking for a 2.3 MB text file to its
//! lines on screen: 5.3 s at first, 3 s of it laying out every line and 1 s of script building
//! 120,000 Yew nodes. Now 0.55 s: the lines are one string parsed by the browser (0.2 s of
//! script), in lists of [`LINES_PER_LIST`] of which only those on screen are laid out
//! (`content-visibility` in `www/style.css`). The markup is what the nodes were, in several lists.
//! Every text is escaped here ([`escape_text`]), so a file's bytes are only ever text: `<script>`
//! in a file shows as `<script>`.

use yew::{AttrValue, Html};

/// `text` as HTML character data, exactly: `&`, `<`, `>`, the quotes and the C0 controls but tab
/// and newline escaped (as numeric references: the parser would turn a raw carriage return into a
/// line feed). C1 controls stay raw: as references the parser would read them as Windows-1252
/// (`&#133;` is `…`). Not the figures' [`strata_diagram::svg::escape`], which shows controls as
/// visible symbols: the file panel shows a file's text as it is.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if u32::from(c) < 0x20 => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// Lines per numbered list in [`file_lines`].
pub const LINES_PER_LIST: usize = 256;

/// A text's lines as numbered lists of [`LINES_PER_LIST`] lines each (`<ol class="file-text"
/// start="N">`), each line `<li><span data-testid="file-line">LINE</span></li>`. Several lists,
/// not one: the style sheet lays out only the lists on screen (`content-visibility`), which on a
/// single list item would clip its number (drawn outside it) and restart the numbering at each
/// item (it contains the item's counters); a list's numbers lie inside the list.
pub fn file_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 48).sum());
    for (k, list) in lines.chunks(LINES_PER_LIST).enumerate() {
        out.push_str(&format!(r#"<ol class="file-text" start="{}">"#, k * LINES_PER_LIST + 1));
        for line in list {
            out.push_str(r#"<li><span data-testid="file-line">"#);
            escape_text(line, &mut out);
            out.push_str("</span></li>");
        }
        out.push_str("</ol>");
    }
    out
}

/// Markup made by this module, as Yew content.
pub fn html(markup: AttrValue) -> Html {
    Html::from_html_unchecked(markup)
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
    fn c0_controls_are_references_and_tabs_c1_controls_and_other_scripts_stay() {
        let mut out = String::new();
        escape_text("a\rb\x0c\tc 中文 é\u{85}", &mut out);
        assert_eq!(out, "a&#13;b&#12;\tc 中文 é\u{85}", "C1 controls stay raw");
    }

    #[test]
    fn one_item_per_line_even_empty_ones() {
        let markup = file_lines(&["<b>bold</b>", "", "x"]);
        assert_eq!(
            markup,
            concat!(
                r#"<ol class="file-text" start="1">"#,
                r#"<li><span data-testid="file-line">&lt;b&gt;bold&lt;/b&gt;</span></li>"#,
                r#"<li><span data-testid="file-line"></span></li>"#,
                r#"<li><span data-testid="file-line">x</span></li>"#,
                "</ol>",
            )
        );
        assert_eq!(file_lines(&[]), "");
    }

    #[test]
    fn long_texts_are_lists_numbered_on_from_each_other() {
        let lines = vec!["line"; 2 * LINES_PER_LIST + 1];
        let markup = file_lines(&lines);
        let starts: Vec<&str> = markup.split(r#"start=""#).skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(starts, ["1", "257", "513"]);
        assert_eq!(markup.matches("data-testid=\"file-line\"").count(), lines.len());
        assert_eq!(markup.matches("<ol ").count(), markup.matches("</ol>").count());
    }
}
