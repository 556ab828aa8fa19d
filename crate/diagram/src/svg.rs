//! A scene as a standalone SVG document: every colour and font written on the elements themselves
//! (presentation attributes, so it renders the same in a browser, an `<img>`, a README, resvg), a
//! `<title>` and `<desc>` for screen readers, each item a `<g>` carrying its `data-*` hooks and its
//! tooltip as `<title>`. Every text is escaped: file names, tags and instructions are data, never
//! markup, and the document stays valid XML whatever they contain.

use crate::geom::{num, Point};
use crate::palette::{Palette, Theme};
use crate::scene::{Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun};
use crate::text::{self, Face};
use std::fmt::Write as _;

/// The font stacks the figures name (Latin and CJK faces, then the generic family).
pub const SANS: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
/// The monospace stack.
pub const MONO: &str =
    "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace";

/// How to write a scene.
pub struct SvgOptions<'a> {
    /// Light or dark.
    pub theme: Theme,
    /// The language tag of the words (`en`, `zh-CN`).
    pub lang: &'a str,
    /// Words for the scene's labels, in that language.
    pub words: &'a dyn Fn(&Label) -> String,
}

/// Escapes text for XML content and attribute values. Tab, newline and carriage return become
/// character references (kept exactly); the other C0 controls and U+FFFE/U+FFFF, which XML 1.0
/// cannot carry at all, become their visible symbols (␇), as [`text::visible`] shows them.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An item id as an XML name: characters other than ASCII letters, digits, `-` and `_` become
/// `_xx` (their UTF-8 bytes in hex), so ids stay unique and stable.
pub fn xml_id(id: &str) -> String {
    let mut out = String::from("s-");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "_{b:02x}");
        }
    }
    out
}

/// The CSS colour of `ink` in `palette` (`none` for no ink).
pub fn colour(palette: &Palette, ink: Ink) -> String {
    match ink {
        Ink::None => "none".to_owned(),
        Ink::Background => palette.background.clone(),
        Ink::Surface => palette.surface.clone(),
        Ink::Text => palette.ink.clone(),
        Ink::Muted => palette.muted.clone(),
        Ink::Line => palette.line.clone(),
        Ink::Accent => palette.accent.clone(),
        Ink::Deleted => palette.deleted.clone(),
        Ink::Whiteout => palette.whiteout.clone(),
        Ink::OnWhiteout => palette.on_whiteout.clone(),
        Ink::LayerStrong(k) => palette.layer(k).strong,
        Ink::LayerOnStrong(k) => palette.layer(k).on_strong,
        Ink::LayerFill(k) => palette.layer(k).fill,
        Ink::LayerTop(k) => palette.layer(k).top,
        Ink::LayerSide(k) => palette.layer(k).side,
    }
}

/// The words of a text run, made visible and cut to fit (what both writers draw).
pub fn run_text(run: &TextRun, words: &dyn Fn(&Label) -> String) -> String {
    let raw = match &run.label {
        Label::Text(t) => text::visible(t),
        other => words(other),
    };
    text::fit(&raw, run.max_width, run.size, run.face)
}

/// Where a run's strike-through line goes, for a drawn text of `shown`.
pub fn strike_line(run: &TextRun, shown: &str) -> (Point, Point) {
    let w = text::width(shown, run.size, run.face).min(run.max_width);
    let x0 = match run.anchor {
        Anchor::Start => run.at.x,
        Anchor::Middle => run.at.x - w / 2.0,
        Anchor::End => run.at.x - w,
    };
    let y = run.at.y - run.size * 0.32;
    (Point { x: x0, y }, Point { x: x0 + w, y })
}

/// The three corners of an arrowhead at `to`, pointing from `from`.
pub fn arrowhead(from: Point, to: Point, size: f32) -> [Point; 3] {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let back = Point { x: to.x - ux * size, y: to.y - uy * size };
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    [to, Point { x: back.x + px, y: back.y + py }, Point { x: back.x - px, y: back.y - py }]
}

fn paint_attrs(out: &mut String, palette: &Palette, p: &Paint) {
    let _ = write!(out, " fill=\"{}\"", colour(palette, p.fill));
    if p.stroke != Ink::None && p.stroke_width > 0.0 {
        let _ = write!(out, " stroke=\"{}\" stroke-width=\"{}\"", colour(palette, p.stroke), num(p.stroke_width));
        if let Some(d) = p.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(d), num(d * 0.8));
        }
        out.push_str(" stroke-linejoin=\"round\"");
    }
    if p.opacity < 0.999 {
        let _ = write!(out, " opacity=\"{}\"", num2(p.opacity));
    }
}

fn num2(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    format!("{r}")
}

fn points(ps: &[Point]) -> String {
    ps.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ")
}

fn shape(out: &mut String, palette: &Palette, words: &dyn Fn(&Label) -> String, s: &Shape) {
    match s {
        Shape::Rect { rect, rx, paint } => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h)
            );
            if *rx > 0.0 {
                let _ = write!(out, " rx=\"{}\"", num(*rx));
            }
            paint_attrs(out, palette, paint);
            out.push_str("/>");
        }
        Shape::Polygon { points: ps, paint } => {
            let _ = write!(out, "<polygon points=\"{}\"", points(ps));
            paint_attrs(out, palette, paint);
            out.push_str("/>");
        }
        Shape::Line { from, to, ink, width, dash, arrow } => {
            let c = colour(palette, *ink);
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{c}\" stroke-width=\"{}\"",
                num(from.x),
                num(from.y),
                num(to.x),
                num(to.y),
                num(*width)
            );
            if let Some(d) = dash {
                let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(*d), num(*d));
            }
            out.push_str("/>");
            if *arrow {
                let _ = write!(out, "<polygon points=\"{}\" fill=\"{c}\"/>", points(&arrowhead(*from, *to, 7.0)));
            }
        }
        Shape::Text(run) => {
            let shown = run_text(run, words);
            let _ =
                write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"{}\"", num(run.at.x), num(run.at.y), num(run.size));
            if run.face == Face::Mono {
                let _ = write!(out, " font-family=\"{}\"", escape(MONO));
            }
            if run.bold {
                out.push_str(" font-weight=\"700\"");
            }
            match run.anchor {
                Anchor::Start => {}
                Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
                Anchor::End => out.push_str(" text-anchor=\"end\""),
            }
            let _ = write!(out, " fill=\"{}\"", colour(palette, run.ink));
            if let Some(c) = run.class {
                let _ = write!(out, " class=\"{c}\"");
            }
            let _ = write!(out, ">{}</text>", escape(&shown));
            if run.strike {
                let (a, b) = strike_line(run, &shown);
                let _ = write!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                    num(a.x),
                    num(a.y),
                    num(b.x),
                    num(b.y),
                    colour(palette, Ink::Deleted)
                );
            }
        }
    }
}

fn item(out: &mut String, palette: &Palette, words: &dyn Fn(&Label) -> String, it: &Item) {
    let _ = write!(out, "<g id=\"{}\"", xml_id(&it.id));
    for (k, v) in &it.data {
        let _ = write!(out, " data-{k}=\"{}\"", escape(v));
    }
    if it.selected {
        out.push_str(" data-selected=\"true\"");
    }
    out.push('>');
    if let Some(t) = &it.tooltip {
        let _ = write!(out, "<title>{}</title>", escape(&text::visible(&words(t))));
    }
    for s in &it.shapes {
        shape(out, palette, words, s);
    }
    for child in &it.children {
        item(out, palette, words, child);
    }
    out.push_str("</g>\n");
}

/// Writes `scene` as a standalone SVG document.
pub fn to_svg(scene: &Scene, options: &SvgOptions<'_>) -> String {
    let palette = Palette::new(options.theme);
    let words = options.words;
    let (w, h) = (num(scene.width), num(scene.height.ceil()));
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-labelledby=\"strata-title strata-desc\" lang=\"{}\" data-view=\"{}\" data-theme=\"{}\" font-family=\"{}\" \
         font-size=\"12\" fill=\"{}\">",
        escape(options.lang),
        scene.view.key(),
        options.theme.as_str(),
        escape(SANS),
        palette.ink
    );
    let _ = writeln!(out, "<title id=\"strata-title\">{}</title>", escape(&text::visible(&words(&scene.title))));
    let _ = writeln!(out, "<desc id=\"strata-desc\">{}</desc>", escape(&text::visible(&words(&scene.desc))));
    let _ = writeln!(out, "<rect width=\"{w}\" height=\"{h}\" fill=\"{}\"/>", palette.background);
    for it in &scene.items {
        item(&mut out, &palette, words, it);
    }
    out.push_str("</svg>\n");
    out
}
