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
        Ink::Added => palette.added.clone(),
        Ink::Changed => palette.changed.clone(),
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

/// One SVG element a shape becomes: its tag, its attributes (unescaped) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// `rect`, `polygon`, `line` or `text`.
    pub tag: &'static str,
    /// Attributes in order, values unescaped.
    pub attrs: Vec<(&'static str, String)>,
    /// A text element's words (already made visible and cut to fit).
    pub text: Option<String>,
}

fn paint_attrs(attrs: &mut Vec<(&'static str, String)>, palette: &Palette, p: &Paint) {
    attrs.push(("fill", colour(palette, p.fill)));
    if p.stroke != Ink::None && p.stroke_width > 0.0 {
        attrs.push(("stroke", colour(palette, p.stroke)));
        attrs.push(("stroke-width", num(p.stroke_width)));
        if let Some(d) = p.dash {
            attrs.push(("stroke-dasharray", format!("{} {}", num(d), num(d * 0.8))));
        }
        attrs.push(("stroke-linejoin", "round".to_owned()));
    }
    if p.opacity < 0.999 {
        attrs.push(("opacity", num2(p.opacity)));
    }
}

fn num2(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    format!("{r}")
}

fn points(ps: &[Point]) -> String {
    ps.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ")
}

fn el(tag: &'static str, attrs: Vec<(&'static str, String)>) -> Element {
    Element { tag, attrs, text: None }
}

/// The elements a shape becomes in `palette`, with `words` for its labels (what both writers draw).
pub fn elements(s: &Shape, palette: &Palette, words: &dyn Fn(&Label) -> String) -> Vec<Element> {
    match s {
        Shape::Rect { rect, rx, paint } => {
            let mut a = vec![("x", num(rect.x)), ("y", num(rect.y)), ("width", num(rect.w)), ("height", num(rect.h))];
            if *rx > 0.0 {
                a.push(("rx", num(*rx)));
            }
            paint_attrs(&mut a, palette, paint);
            vec![el("rect", a)]
        }
        Shape::Polygon { points: ps, paint } => {
            let mut a = vec![("points", points(ps))];
            paint_attrs(&mut a, palette, paint);
            vec![el("polygon", a)]
        }
        Shape::Line { from, to, ink, width, dash, arrow } => {
            let c = colour(palette, *ink);
            let mut a = vec![
                ("x1", num(from.x)),
                ("y1", num(from.y)),
                ("x2", num(to.x)),
                ("y2", num(to.y)),
                ("stroke", c.clone()),
                ("stroke-width", num(*width)),
            ];
            if let Some(d) = dash {
                a.push(("stroke-dasharray", format!("{} {}", num(*d), num(*d))));
            }
            let mut out = vec![el("line", a)];
            if *arrow {
                out.push(el("polygon", vec![("points", points(&arrowhead(*from, *to, 7.0))), ("fill", c)]));
            }
            out
        }
        Shape::Text(run) => {
            let shown = run_text(run, words);
            let mut a = vec![("x", num(run.at.x)), ("y", num(run.at.y)), ("font-size", num(run.size))];
            if run.face == Face::Mono {
                a.push(("font-family", MONO.to_owned()));
            }
            if run.bold {
                a.push(("font-weight", "700".to_owned()));
            }
            match run.anchor {
                Anchor::Start => {}
                Anchor::Middle => a.push(("text-anchor", "middle".to_owned())),
                Anchor::End => a.push(("text-anchor", "end".to_owned())),
            }
            a.push(("fill", colour(palette, run.ink)));
            if let Some(c) = run.class {
                a.push(("class", c.to_owned()));
            }
            let mut out = vec![];
            if run.strike {
                let (p, q) = strike_line(run, &shown);
                out.push(Element { tag: "text", attrs: a, text: Some(shown) });
                out.push(el(
                    "line",
                    vec![
                        ("x1", num(p.x)),
                        ("y1", num(p.y)),
                        ("x2", num(q.x)),
                        ("y2", num(q.y)),
                        ("stroke", colour(palette, Ink::Deleted)),
                        ("stroke-width", "1.2".to_owned()),
                    ],
                ));
            } else {
                out.push(Element { tag: "text", attrs: a, text: Some(shown) });
            }
            out
        }
    }
}

fn write_element(out: &mut String, e: &Element) {
    let _ = write!(out, "<{}", e.tag);
    for (k, v) in &e.attrs {
        let _ = write!(out, " {k}=\"{}\"", escape(v));
    }
    match &e.text {
        Some(t) => {
            let _ = write!(out, ">{}</{}>", escape(t), e.tag);
        }
        None => out.push_str("/>"),
    }
}

fn item(out: &mut String, palette: &Palette, words: &dyn Fn(&Label) -> String, it: &Item) {
    let _ = write!(out, "<g id=\"{}\"", xml_id(&it.id));
    if !it.hooks_on_rect {
        for (k, v) in &it.data {
            let _ = write!(out, " {k}=\"{}\"", escape(v));
        }
    }
    if it.selected {
        out.push_str(" data-selected=\"true\"");
    }
    out.push('>');
    if let Some(t) = &it.tooltip {
        let _ = write!(out, "<title>{}</title>", escape(&text::visible(&words(t))));
    }
    let mut hooks = it.hooks_on_rect;
    for s in &it.shapes {
        for mut e in elements(s, palette, words) {
            if hooks && e.tag == "rect" {
                e.attrs.extend(it.data.iter().map(|(k, v)| (*k, v.clone())));
                hooks = false;
            }
            write_element(out, &e);
        }
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
