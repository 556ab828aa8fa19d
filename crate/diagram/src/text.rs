//! Label fitting without a font engine: an estimate of how wide a text is, and cutting it to fit.
//!
//! The figures use a sans-serif face for words and a monospace face for ids, paths and
//! instructions. Widths are estimated per character in ems (wide for CJK and full-width forms,
//! narrow for punctuation), the same estimate in the SVG writer and in the page, so a label is cut
//! at the same place in both. A cut label ends in `…`; the whole text stays in the shape's tooltip.

/// Which face a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Words.
    Sans,
    /// Ids, paths, instructions.
    Mono,
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF |
        0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 |
        0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// The width of one character in ems.
fn em(c: char, face: Face) -> f32 {
    if is_wide(c) {
        return 1.0;
    }
    if c.is_control() {
        return 0.0;
    }
    match face {
        Face::Mono => 0.6,
        Face::Sans => match c {
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' | '@' => 0.85,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.62,
            _ => 0.54,
        },
    }
}

/// The estimated width of `text` at `size` px.
pub fn width(text: &str, size: f32, face: Face) -> f32 {
    text.chars().map(|c| em(c, face)).sum::<f32>() * size
}

/// `text` cut (with `…`) to fit in `max` px at `size`; the whole text when it fits.
pub fn fit(text: &str, max: f32, size: f32, face: Face) -> String {
    if width(text, size, face) <= max {
        return text.to_owned();
    }
    let budget = max - em('…', face) * size;
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += em(c, face) * size;
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_scripts_are_wider_and_cut_labels_fit() {
        assert!(width("镜像层", 12.0, Face::Sans) > width("layer", 12.0, Face::Sans));
        assert_eq!(width("abcd", 10.0, Face::Mono), 24.0);
        assert_eq!(fit("short", 100.0, 12.0, Face::Mono), "short");
        let cut = fit("RUN apt-get install -y python3 python3-pip", 120.0, 12.0, Face::Mono);
        assert!(cut.ends_with('…') && width(&cut, 12.0, Face::Mono) <= 120.0, "{cut}");
        let zh = fit("截至镜像层 12 的文件系统", 60.0, 12.0, Face::Sans);
        assert!(zh.ends_with('…') && width(&zh, 12.0, Face::Sans) <= 60.0, "{zh}");
        assert_eq!(fit("x", 1.0, 12.0, Face::Sans), "…");
    }
}

/// `text` made safe to show: control characters become their visible symbols (␀…␟, ␡) and
/// bidirectional controls (which could reorder what is shown) become `⟨U+202E⟩`-style marks, so a
/// name always reads as what it is. Markup needs no treatment here: writers escape it.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            n @ 0x00..=0x1F => out.push(char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}')),
            0x7F => out.push('\u{2421}'),
            n @ (0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0x061C) => {
                out.push_str(&format!("\u{27E8}U+{n:04X}\u{27E9}"));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod visible_tests {
    use super::visible;

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        assert_eq!(visible("a\nb\x1b"), "a\u{240A}b\u{241B}");
        assert_eq!(visible("evil\u{202E}txt.exe"), "evil⟨U+202E⟩txt.exe");
        assert_eq!(visible("<script>&\"名前\""), "<script>&\"名前\"");
    }
}
