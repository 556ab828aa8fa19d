//! How a copy is shown: as text lines, a hex dump, an image, or "empty", decided from its first
//! bytes (the page keeps at most [`SHOWN`] bytes of a copy; the digest covers the whole copy).
//!
//! Text means valid UTF-8 with no NUL byte in the first 8 KiB (the rule `git` and `grep` use to
//! call a file binary, plus the encoding check); a multi-byte character cut by the [`SHOWN`] limit
//! does not make a file binary. Images are told by their magic numbers (PNG, JPEG, GIF, WebP); SVG
//! is text and is shown as text, never drawn.

use serde::{Deserialize, Serialize};

/// The most bytes of a copy the page shows (the rest is downloaded, never shown).
pub const SHOWN: u64 = 1024 * 1024;

/// How many leading bytes are checked for NUL.
const SNIFF: usize = 8 * 1024;

/// How a copy's bytes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shown {
    /// Valid UTF-8, no NUL in the first 8 KiB: lines.
    Text,
    /// Anything else: a hex dump.
    Hex,
    /// A raster image, with its media type (`image/png`, …).
    Image(&'static str),
    /// No bytes.
    Empty,
}

/// How to show a copy whose first bytes are `head` (at most [`SHOWN`] of them).
pub fn classify(head: &[u8]) -> Shown {
    if head.is_empty() {
        return Shown::Empty;
    }
    if let Some(mime) = image_type(head) {
        return Shown::Image(mime);
    }
    let sniffed = head.get(..SNIFF).unwrap_or(head);
    if sniffed.contains(&0) {
        return Shown::Hex;
    }
    match std::str::from_utf8(head) {
        Ok(_) => Shown::Text,
        // Cut inside a character at the end (at most 3 bytes of a 4-byte sequence): still text.
        Err(e) if e.error_len().is_none() && head.len() - e.valid_up_to() < 4 => Shown::Text,
        Err(_) => Shown::Hex,
    }
}

/// The media type of a PNG, JPEG, GIF or WebP, from its magic number.
pub fn image_type(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else {
        None
    }
}

/// The text of a copy classified [`Shown::Text`] (a cut last character dropped).
pub fn text(head: &[u8]) -> &str {
    match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => head.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or(""),
    }
}

/// The lines of a text, each exactly as written without its `\n` (a `\r` before it is kept: it is
/// in the file). A final newline ends the last line; it does not start an empty one.
pub fn lines(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    body.split('\n').collect()
}

/// The lines of the first bytes of a copy: with `cut` (the copy goes on past them), a last line
/// the cut ends inside is left out, so every line shown is a whole line of the file.
pub fn shown_lines(text: &str, cut: bool) -> Vec<&str> {
    let mut all = lines(text);
    if cut && !text.ends_with('\n') {
        all.pop();
    }
    all
}

/// Bytes per hex dump row.
pub const HEX_ROW: usize = 16;

/// One row of a hex dump as `hexdump -C` prints it: the offset (8 hex digits), 16 bytes in two
/// groups of eight, and the printable ASCII between bars (`.` for the rest):
/// `00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|`.
/// A short last row is padded so the bars line up.
pub fn hex_row(offset: u64, bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(50);
    for i in 0..HEX_ROW {
        if i == 8 {
            hex.push(' ');
        }
        match bytes.get(i) {
            Some(b) => hex.push_str(&format!("{b:02x} ")),
            None => hex.push_str("   "),
        }
    }
    let ascii: String =
        bytes.iter().take(HEX_ROW).map(|&b| if (0x20..0x7f).contains(&b) { char::from(b) } else { '.' }).collect();
    format!("{offset:08x}  {hex} |{ascii}|")
}

/// The hex dump of `bytes` (which start at offset 0 of the copy), one row per 16 bytes.
pub fn hex_rows(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes.chunks(HEX_ROW).enumerate().map(|(i, c)| hex_row((i * HEX_ROW) as u64, c))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_cut_text_shows_whole_lines_only() {
        assert_eq!(shown_lines("a\nb\npart", true), ["a", "b"]);
        assert_eq!(shown_lines("a\nb\n", true), ["a", "b"]);
        assert_eq!(shown_lines("a\nb\nlast", false), ["a", "b", "last"]);
    }

    use super::*;

    #[test]
    fn kinds_from_the_first_bytes() {
        assert_eq!(classify(b""), Shown::Empty);
        assert_eq!(classify(b"[app]\nport = 8080\n"), Shown::Text);
        assert_eq!(classify("中文\n".as_bytes()), Shown::Text);
        assert_eq!(classify(&"中文".as_bytes()[..4]), Shown::Text, "a character cut by the limit");
        assert_eq!(classify(b"\x7fELF\x02\x01\x01\x00\x00"), Shown::Hex);
        assert_eq!(classify(b"caf\xe9 latin-1\n"), Shown::Hex, "not UTF-8");
        assert_eq!(classify(b"\x89PNG\r\n\x1a\n\0\0"), Shown::Image("image/png"));
        assert_eq!(classify(b"\xff\xd8\xff\xe0"), Shown::Image("image/jpeg"));
        assert_eq!(classify(b"GIF89a.."), Shown::Image("image/gif"));
        assert_eq!(classify(b"RIFF\0\0\0\0WEBPVP8 "), Shown::Image("image/webp"));
        assert_eq!(classify(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), Shown::Text, "SVG is text");
        let mut late_nul = vec![b'a'; SNIFF + 10];
        late_nul.push(0);
        assert_eq!(classify(&late_nul), Shown::Text, "a NUL past 8 KiB is valid UTF-8 text");
    }

    #[test]
    fn lines_are_exact() {
        assert_eq!(lines("a\nb\n"), vec!["a", "b"]);
        assert_eq!(lines("a\nb"), vec!["a", "b"]);
        assert_eq!(lines("a\r\n\n  c"), vec!["a\r", "", "  c"]);
        assert_eq!(lines("\n"), vec![""]);
        assert!(lines("").is_empty());
        assert_eq!(text(&"中文".as_bytes()[..4]), "中");
    }

    #[test]
    fn hex_rows_match_hexdump_c() {
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>";
        let rows: Vec<String> = hex_rows(elf).collect();
        assert_eq!(rows[0], "00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|");
        assert_eq!(rows[1], "00000010  03 00 3e                                          |..>|");
        assert_eq!(rows[1].find('|'), rows[0].find('|'), "bars line up");
    }
}
