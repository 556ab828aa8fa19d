//! Figure `sizes`: where the bytes are. A squarified treemap ([`crate::treemap`]) of a directory of
//! the image, from [`strata_core::sizes`]: each rectangle's area is proportional to its bytes (the
//! regular files at or under it, hard links counted once), files are coloured by the layer of the
//! copy (the layer colours of every figure), directories are frames named in a band across their
//! top, drawn up to three levels deep where there is room. Children too small to read are drawn
//! as one "rest" rectangle, so a level's rectangles always add up to its directory.
//!
//! In `stored` mode every copy every layer stores is drawn, and the copies a container cannot see
//! (replaced or deleted by a higher layer) are hatched: the bytes an image carries for nothing.
//!
//! The nodes are the rectangles themselves (`hooks_on_rect`): `data-path`, `data-bytes`,
//! `data-kind` (`dir` | `file`), `data-layer` for files; the rest `data-testid="sizes-rest"` with
//! `data-bytes` and `data-count`. Under the map, a legend of the layers (one entry per layer, the
//! bytes it provides here, its instruction) selects a layer: the others' files fade.

use crate::crumbs::breadcrumb;
use crate::geom::{pt, Point, Rect};
use crate::scene::{text, Activate, Ink, Item, Label, Paint, Scene, Shape, SizeTip, TextRun, ViewKind};
use crate::stack::{image_name, instruction};
use crate::text::{visible, Face};
use strata_core::copies::Fate;
use strata_core::sizes::{image_bytes, size_tree, SizeKind, SizeMode, SizeNode};
use strata_core::units::human_bytes;
use strata_core::Image;

/// What the size map shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SizesParams {
    /// Merged (what the container sees) or stored (every copy).
    pub mode: SizeMode,
    /// A layer to pick out (the legend's filter): other layers' files fade.
    pub layer: Option<usize>,
    /// A selected path (outlined).
    pub selected_path: Option<String>,
    /// The canvas width (`None`: [`WIDTH`]); a phone asks for its own, so text keeps its size.
    pub width: Option<f32>,
    /// Colour by change instead of by layer (the compare view): each differing path of the image
    /// shown (B) and how; a path not listed is the same in both images.
    pub changes: Option<std::rc::Rc<std::collections::BTreeMap<String, strata_core::compare::Change>>>,
    /// With `changes`: only the paths added or changed (and the directories above them), each
    /// directory's bytes the sum of what is kept, so a small change in a big image gets the room
    /// to be seen; the legend then has no `same` entry.
    pub changed_only: bool,
}

impl From<&crate::FigureParams> for SizesParams {
    /// The size map a screen's parameters ask for (its mode, layer, selected path and width);
    /// the page's view, its export and `strata diagram --view sizes` all take this one.
    fn from(p: &crate::FigureParams) -> SizesParams {
        SizesParams {
            mode: p.size_mode,
            layer: p.selected_layer,
            selected_path: p.selected_path.clone(),
            width: p.width,
            changes: None,
            changed_only: false,
        }
    }
}

/// `tree` cut down to the paths `changes` lists (the directories above them kept as frames);
/// `None` when nothing under it changed.
fn only_changed(
    n: &SizeNode,
    changes: &std::collections::BTreeMap<String, strata_core::compare::Change>,
) -> Option<SizeNode> {
    if n.kind == SizeKind::File {
        return changes.contains_key(&n.path).then(|| n.clone());
    }
    let children: Vec<SizeNode> = n.children.iter().filter_map(|c| only_changed(c, changes)).collect();
    if children.is_empty() && !changes.contains_key(&n.path) {
        return None;
    }
    let mut kept = SizeNode { children: Vec::new(), ..n.clone() };
    kept.bytes = children.iter().map(|c| c.bytes).sum();
    kept.files = children.iter().map(|c| c.files).sum();
    // Most bytes first, as the size tree orders them.
    kept.children = children;
    strata_core::order::sort_by(&mut kept.children, |a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
    Some(kept)
}

/// A path's change in the map by change: `added`, `changed` or `same`.
fn change_of(params: &SizesParams, path: &str) -> Option<(&'static str, Ink)> {
    use strata_core::compare::Change;
    let changes = params.changes.as_ref()?;
    Some(match changes.get(path) {
        Some(Change::Added) => ("added", Ink::Added),
        Some(Change::Changed) => ("changed", Ink::Changed),
        _ => ("same", Ink::Surface),
    })
}

/// Canvas width by default.
pub const WIDTH: f32 = 1000.0;
const MARGIN: f32 = 24.0;

/// The map's rectangle on a canvas `width` wide: the width less the margins, about 0.59 as high
/// (560 px at the default width), at least 320.
pub fn map_rect(width: f32) -> Rect {
    let w = width - 2.0 * MARGIN;
    Rect::new(MARGIN, 84.0, w, (w * 0.59).clamp(320.0, 560.0).round())
}
/// Levels drawn below the focused directory, at most (where there is room).
const DEPTH: usize = 6;
/// A directory's name band.
const BAND: f32 = 16.0;
/// Children kept at the focused level, and below it.
const MAX_TOP: usize = 60;
const MAX_DEEP: usize = 30;
/// The smallest area (px²) a child is drawn with, at the focused level and below it.
const MIN_TOP: f64 = 16.0 * 16.0;
const MIN_DEEP: f64 = 10.0 * 10.0;
const LEGEND_W: f32 = 238.0;
const LEGEND_H: f32 = 24.0;
const HATCH: f32 = 9.0;

/// Lays out the size map of directory `focus` of `image`.
pub fn scene(image: &Image, focus: &str, params: &SizesParams) -> Scene {
    scene_of(image, size_tree(image, focus, params.mode).as_ref(), focus, params)
}

/// Lays out the size map of `tree`, the size tree of `focus` in `params.mode` (as
/// [`size_tree`] makes it; `None` when there is no such directory), so a caller that shows the
/// same numbers elsewhere builds the tree once.
pub fn scene_of(image: &Image, tree: Option<&SizeNode>, focus: &str, params: &SizesParams) -> Scene {
    let pruned;
    let tree = match (&params.changes, params.changed_only) {
        (Some(changes), true) => {
            pruned = tree.and_then(|t| only_changed(t, changes));
            pruned.as_ref()
        }
        _ => tree,
    };
    let width = params.width.unwrap_or(WIDTH).clamp(320.0, 1600.0);
    let area = map_rect(width);
    let total = image_bytes(image, params.mode);
    let mut items = breadcrumb(focus, width);
    let (bytes, files) = tree.as_ref().map_or((0, 0), |t| (t.bytes, t.files));
    let mut facts = Item::new("sizes-facts", Rect::new(MARGIN, 56.0, area.w, 20.0));
    facts.data.push(("data-testid", "sizes-facts".to_owned()));
    facts.data.push(("data-bytes", bytes.to_string()));
    facts.data.push(("data-files", files.to_string()));
    facts.data.push(("data-mode", params.mode.key().to_owned()));
    facts.shapes.push(Shape::Text(text(
        pt(MARGIN, 72.0),
        Label::SizesFacts { bytes: human_bytes(bytes), files, mode: params.mode },
        13.0,
        Face::Sans,
        Ink::Muted,
        area.w,
    )));
    items.push(facts);

    let mut map = Item::new("sizes-map", area);
    map.hooks_on_rect = true;
    map.data.push(("data-testid", "sizes-map".to_owned()));
    map.data.push(("data-path", focus.to_owned()));
    map.data.push(("data-bytes", bytes.to_string()));
    map.data.push(("data-kind", "dir".to_owned()));
    map.data.push(("data-files", files.to_string()));
    map.data.push(("data-mode", params.mode.key().to_owned()));
    map.shapes.push(Shape::Rect { rect: area, rx: 0.0, paint: Paint::outlined(Ink::Surface, Ink::Line, 1.0) });
    let empty_note = match &tree {
        Some(t) if t.bytes > 0 => {
            let mut ctx = Ctx { image, params, total, out: Vec::new(), nav: 0 };
            let note = ctx.level(t, area, 1, area.y);
            map.children = ctx.out;
            note
        }
        _ => {
            map.shapes.push(Shape::Text(TextRun {
                anchor: crate::scene::Anchor::Middle,
                ..text(
                    pt(area.x + area.w / 2.0, area.y + area.h / 2.0),
                    Label::SizesNothing,
                    15.0,
                    Face::Sans,
                    Ink::Muted,
                    area.w,
                )
            }));
            tree.as_ref().map(|t| (t.children.len(), 0)).filter(|(n, _)| *n > 0)
        }
    };
    items.push(map);
    let mut y = area.bottom() + 8.0;
    if let Some((count, bytes)) = empty_note {
        // The children of no bytes: the rest of the focused level, below the map.
        let r = Rect::new(MARGIN, y, 132.0, 14.0);
        let mut it = Item::new("sizes-rest", r);
        it.hooks_on_rect = true;
        it.data.push(("data-testid", "sizes-rest".to_owned()));
        it.data.push(("data-rest-of", focus.to_owned()));
        it.data.push(("data-bytes", bytes.to_string()));
        it.data.push(("data-count", count.to_string()));
        it.data.push(("data-kind", "rest".to_owned()));
        it.shapes.push(Shape::Rect {
            rect: r,
            rx: 3.0,
            paint: Paint::outlined(Ink::Surface, Ink::Muted, 1.0).dashed(3.0),
        });
        it.shapes.push(Shape::Text(text(
            pt(r.x + 6.0, r.y + 11.0),
            Label::SizesEmpty(count),
            10.0,
            Face::Sans,
            Ink::Muted,
            r.w - 8.0,
        )));
        items.push(it);
        y += 22.0;
    }
    y += 4.0;
    let per = ((area.w / LEGEND_W).floor() as usize).max(1);
    let rows = if params.changes.is_some() {
        let bytes = change_bytes(tree, params);
        let shown = if params.changed_only { 2 } else { CHANGE_KEYS.len() };
        for (k, (key, ink, change)) in CHANGE_KEYS.iter().take(shown).enumerate() {
            let (row, col) = (k / per, k % per);
            let r =
                Rect::new(MARGIN + col as f32 * LEGEND_W, y + row as f32 * LEGEND_H, LEGEND_W - 8.0, LEGEND_H - 4.0);
            items.push(change_entry(key, *ink, *change, bytes[k], r));
        }
        shown.div_ceil(per)
    } else {
        let provided = layer_bytes(tree, image.layers.len());
        for k in 0..image.layers.len() {
            let (row, col) = (k / per, k % per);
            let r =
                Rect::new(MARGIN + col as f32 * LEGEND_W, y + row as f32 * LEGEND_H, LEGEND_W - 8.0, LEGEND_H - 4.0);
            items.push(legend_entry(image, k, r, provided.get(k).copied().unwrap_or(0), params.layer == Some(k)));
        }
        image.layers.len().div_ceil(per)
    };
    let height = y + rows as f32 * LEGEND_H + MARGIN;
    Scene {
        view: ViewKind::Sizes,
        width,
        height,
        title: Label::Title { view: ViewKind::Sizes, image: image_name(image), focus: Some(focus.to_owned()) },
        desc: Label::Desc { view: ViewKind::Sizes, layers: image.layers.len(), written: files as usize, visible: 0 },
        items,
    }
}

/// The legend of the map by change.
const CHANGE_KEYS: [(&str, Ink, Option<strata_core::compare::Change>); 3] = [
    ("added", Ink::Added, Some(strata_core::compare::Change::Added)),
    ("changed", Ink::Changed, Some(strata_core::compare::Change::Changed)),
    ("same", Ink::Surface, None),
];

/// Bytes of the tree's files added, changed and the same (in [`CHANGE_KEYS`] order).
fn change_bytes(tree: Option<&SizeNode>, params: &SizesParams) -> [u64; 3] {
    fn walk(n: &SizeNode, params: &SizesParams, out: &mut [u64; 3]) {
        if n.kind == SizeKind::File {
            let k = match change_of(params, &n.path).map(|c| c.0) {
                Some("added") => 0,
                Some("changed") => 1,
                _ => 2,
            };
            out[k] += n.bytes;
        } else {
            n.children.iter().for_each(|c| walk(c, params, out));
        }
    }
    let mut out = [0; 3];
    if let Some(t) = tree {
        walk(t, params, &mut out);
    }
    out
}

fn change_entry(
    key: &'static str,
    ink: Ink,
    change: Option<strata_core::compare::Change>,
    bytes: u64,
    r: Rect,
) -> Item {
    let mut it = Item::new(format!("change-{key}"), r);
    it.data.push(("data-legend-change", key.to_owned()));
    it.data.push(("data-bytes", bytes.to_string()));
    let swatch = Rect::new(r.x + 2.0, r.y + 2.0, 30.0, r.h - 4.0);
    it.shapes.push(Shape::Rect { rect: swatch, rx: 3.0, paint: Paint::outlined(ink, Ink::Line, 1.0) });
    if change == Some(strata_core::compare::Change::Changed) {
        hatch(&mut it.shapes, swatch, Ink::Muted);
    }
    it.shapes.push(Shape::Text(text(
        pt(r.x + 38.0, r.y + 14.0),
        Label::SizesChange { change, bytes: human_bytes(bytes) },
        11.0,
        Face::Sans,
        Ink::Text,
        r.w - 40.0,
    )));
    it
}

/// Bytes each layer's files hold in the tree.
fn layer_bytes(tree: Option<&SizeNode>, layers: usize) -> Vec<u64> {
    fn walk(n: &SizeNode, out: &mut [u64]) {
        match (n.kind, n.layer) {
            (SizeKind::File, Some(k)) => {
                if let Some(b) = out.get_mut(k) {
                    *b += n.bytes;
                }
            }
            _ => n.children.iter().for_each(|c| walk(c, out)),
        }
    }
    let mut out = vec![0; layers];
    if let Some(t) = tree {
        walk(t, &mut out);
    }
    out
}

fn legend_entry(image: &Image, k: usize, r: Rect, bytes: u64, selected: bool) -> Item {
    let mut it = crate::plate::item(image, k, r, selected);
    it.id = format!("legend-{k}");
    it.data.push(("data-legend", k.to_string()));
    it.data.push(("data-bytes", bytes.to_string()));
    it.nav = Some((2, k));
    it.tooltip = Some(instruction(image, k));
    if selected {
        it.shapes.push(Shape::Rect { rect: r, rx: 4.0, paint: Paint::outlined(Ink::None, Ink::Accent, 2.0) });
    }
    crate::plate::chip(&mut it.shapes, Rect::new(r.x + 2.0, r.y + 2.0, 30.0, r.h - 4.0), k, 11.0, 1.0);
    let size = human_bytes(bytes);
    let sw = crate::text::width(&size, 11.0, Face::Sans) + 8.0;
    it.shapes.push(Shape::Text(text(pt(r.x + 38.0, r.y + 14.0), Label::Text(size), 11.0, Face::Sans, Ink::Text, sw)));
    it.shapes.push(Shape::Text(text(
        pt(r.x + 38.0 + sw, r.y + 14.0),
        instruction(image, k),
        11.0,
        Face::Mono,
        Ink::Muted,
        (r.w - 40.0 - sw).max(0.0),
    )));
    it
}

struct Ctx<'a> {
    image: &'a Image,
    params: &'a SizesParams,
    total: u64,
    out: Vec<Item>,
    nav: usize,
}

impl Ctx<'_> {
    /// Lays out `dir`'s children in `rect` (children labels start below `floor`, under the bands
    /// above them). Returns, at the focused level, the children of no bytes that are not drawn
    /// (count, bytes) when the rest is not drawn in the map.
    fn level(&mut self, dir: &SizeNode, rect: Rect, depth: usize, floor: f32) -> Option<(usize, u64)> {
        let (max, min) = if depth == 1 { (MAX_TOP, MIN_TOP) } else { (MAX_DEEP, MIN_DEEP) };
        let scale = rect.w as f64 * rect.h as f64 / dir.bytes.max(1) as f64;
        let mut kept: Vec<&SizeNode> = Vec::new();
        let (mut rest_n, mut rest_b) = (0usize, 0u64);
        for c in &dir.children {
            if kept.len() < max && c.bytes > 0 && c.bytes as f64 * scale >= min {
                kept.push(c);
            } else {
                rest_n += 1;
                rest_b += c.bytes;
            }
        }
        // The rest takes its place among the kept children by size.
        let rest_at = kept.iter().position(|c| c.bytes < rest_b).unwrap_or(kept.len());
        let mut values: Vec<u64> = kept.iter().map(|c| c.bytes).collect();
        if rest_b > 0 {
            values.insert(rest_at, rest_b);
        }
        let rects = crate::treemap::squarify(&values, rect);
        let mut at = 0;
        for (i, r) in rects.into_iter().enumerate() {
            if rest_b > 0 && i == rest_at {
                self.rest(dir, r, rest_n, rest_b, depth, floor);
                continue;
            }
            let Some(c) = kept.get(at) else { break };
            at += 1;
            self.node(c, dir.bytes, r, depth, floor);
        }
        (depth == 1 && rest_n > 0 && rest_b == 0).then_some((rest_n, 0))
    }

    fn node(&mut self, n: &SizeNode, parent_bytes: u64, r: Rect, depth: usize, floor: f32) {
        let stored = self.params.mode == SizeMode::Stored;
        let mut it = Item::new(
            match (stored, n.kind, n.layer) {
                (true, SizeKind::File, Some(k)) => format!("size-{k}-{}", n.path),
                _ => format!("size-{}", n.path),
            },
            r,
        );
        it.hooks_on_rect = true;
        it.layer = n.layer;
        it.data.push(("data-path", n.path.clone()));
        it.data.push(("data-bytes", n.bytes.to_string()));
        it.data.push(("data-kind", n.kind.as_str().to_owned()));
        it.data.push(("data-files", n.files.to_string()));
        it.data.push(("data-depth", depth.to_string()));
        if let Some(k) = n.layer {
            it.data.push(("data-layer", k.to_string()));
        }
        if let Some((change, _)) = change_of(self.params, &n.path) {
            it.data.push(("data-change", change.to_owned()));
        }
        if stored && n.kind == SizeKind::File {
            it.data.push(("data-state", n.fate.as_str().to_owned()));
            if let Fate::Replaced { by } | Fate::Deleted { by } = n.fate {
                it.data.push(("data-by", by.to_string()));
            }
        }
        it.tooltip = Some(self.tip(n, parent_bytes));
        it.selected = self.params.selected_path.as_deref() == Some(n.path.as_str());
        if depth == 1 {
            it.nav = Some((1, self.nav));
            self.nav += 1;
        }
        let top = r.y.max(floor);
        match n.kind {
            SizeKind::File => {
                it.activate = Some(Activate::Path(n.path.clone()));
                let k = n.layer.unwrap_or(0);
                let faded = self.params.layer.is_some_and(|l| l != k);
                let fill = change_of(self.params, &n.path).map_or(Ink::LayerFill(k), |c| c.1);
                let paint = Paint::outlined(fill, Ink::Background, 1.0);
                it.shapes.push(Shape::Rect { rect: r, rx: 0.0, paint: if faded { paint.faded(0.3) } else { paint } });
                // Changed copies are hatched too, so added and changed differ by more than hue.
                if change_of(self.params, &n.path).is_some_and(|c| c.0 == "changed") {
                    hatch(&mut it.shapes, r, Ink::Muted);
                }
                if n.fate != Fate::Visible {
                    let ink = if matches!(n.fate, Fate::Deleted { .. }) { Ink::Deleted } else { Ink::Muted };
                    hatch(&mut it.shapes, r, ink);
                }
                if it.selected {
                    it.shapes.push(Shape::Rect {
                        rect: inset(r, 1.5),
                        rx: 0.0,
                        paint: Paint::outlined(Ink::None, Ink::Accent, 3.0),
                    });
                }
                labels(&mut it.shapes, n, r, top, false);
                self.out.push(it);
            }
            SizeKind::Dir => {
                it.activate = Some(Activate::Directory(n.path.clone()));
                it.shapes.push(Shape::Rect {
                    rect: r,
                    rx: 0.0,
                    paint: Paint::outlined(Ink::Surface, Ink::Background, 1.0),
                });
                self.out.push(it);
                let open = depth < DEPTH && r.w >= 44.0 && r.bottom() - top >= BAND + 24.0;
                // A directory holding only a directory is named with it (`opt/sdk/bin/`), as
                // one frame, so a chain does not stack empty bands.
                let (mut inner, mut name) = (n, format!("{}/", visible(&n.name)));
                while let [only] = inner.children.as_slice() {
                    if only.kind != SizeKind::Dir {
                        break;
                    }
                    inner = only;
                    name.push_str(&format!("{}/", visible(&only.name)));
                }
                if open {
                    self.level(inner, r, depth + 1, top + BAND);
                }
                // The frame and its band, over the children.
                let mut frame = Item::new(format!("frame-{}", n.path), r);
                frame.tooltip = Some(self.tip(n, parent_bytes));
                frame.activate = Some(Activate::Directory(n.path.clone()));
                frame.shapes.push(Shape::Rect {
                    rect: inset(r, 0.75),
                    rx: 0.0,
                    paint: Paint::outlined(Ink::None, if it_selected(self, n) { Ink::Accent } else { Ink::Text }, 1.5),
                });
                if r.w >= 30.0 && r.bottom() - top >= BAND {
                    frame.shapes.push(Shape::Rect {
                        rect: Rect::new(r.x + 1.5, top + 1.5, (r.w - 3.0).max(0.0), BAND - 1.5),
                        rx: 0.0,
                        paint: Paint::fill(Ink::Surface).faded(0.92),
                    });
                    let size = human_bytes(n.bytes);
                    let nw = crate::text::width(&name, 11.0, Face::Mono);
                    let room = r.w - 8.0;
                    frame.shapes.push(Shape::Text(TextRun {
                        bold: true,
                        ..text(pt(r.x + 4.0, top + 12.0), Label::Text(name), 11.0, Face::Mono, Ink::Text, room)
                    }));
                    let sw = crate::text::width(&size, 10.0, Face::Sans);
                    if nw + 8.0 + sw <= room {
                        frame.shapes.push(Shape::Text(text(
                            pt(r.x + 4.0 + nw + 8.0, top + 12.0),
                            Label::Text(size),
                            10.0,
                            Face::Sans,
                            Ink::Muted,
                            sw + 2.0,
                        )));
                    }
                }
                if !open && r.bottom() - top < BAND {
                    labels(&mut frame.shapes, n, r, top, true);
                }
                self.out.push(frame);
            }
        }
    }

    /// The children of `dir` too small to draw, as one rectangle.
    fn rest(&mut self, dir: &SizeNode, r: Rect, count: usize, bytes: u64, depth: usize, floor: f32) {
        let mut it = Item::new(format!("rest-{}", dir.path), r);
        it.hooks_on_rect = true;
        if depth == 1 {
            it.data.push(("data-testid", "sizes-rest".to_owned()));
        }
        it.data.push(("data-rest-of", dir.path.clone()));
        it.data.push(("data-bytes", bytes.to_string()));
        it.data.push(("data-count", count.to_string()));
        it.data.push(("data-kind", "rest".to_owned()));
        it.tooltip = Some(Label::Size(Box::new(SizeTip {
            path: dir.path.clone(),
            kind: "rest",
            bytes,
            parent: dir.bytes,
            image: self.total,
            files: count as u64,
            layer: None,
            instruction: None,
            state: "visible",
            by: None,
        })));
        it.shapes.push(Shape::Rect { rect: r, rx: 0.0, paint: Paint::outlined(Ink::Background, Ink::Line, 1.0) });
        hatch(&mut it.shapes, r, Ink::Line);
        let top = r.y.max(floor);
        if r.w >= 44.0 && r.bottom() - top >= 16.0 {
            it.shapes.push(Shape::Text(text(
                pt(r.x + 4.0, top + 12.0),
                Label::SizesRest(count),
                10.0,
                Face::Sans,
                Ink::Muted,
                r.w - 8.0,
            )));
        }
        self.out.push(it);
    }

    fn tip(&self, n: &SizeNode, parent_bytes: u64) -> Label {
        let instruction = n
            .layer
            .and_then(|k| self.image.layers.get(k))
            .and_then(strata_core::Layer::instruction)
            .filter(|s| !s.is_empty());
        Label::Size(Box::new(SizeTip {
            path: n.path.clone(),
            kind: n.kind.as_str(),
            bytes: n.bytes,
            parent: parent_bytes,
            image: self.total,
            files: n.files,
            layer: n.layer,
            instruction,
            state: n.fate.as_str(),
            by: match n.fate {
                Fate::Replaced { by } | Fate::Deleted { by } => Some(by),
                Fate::Visible => None,
            },
        }))
    }
}

fn it_selected(ctx: &Ctx<'_>, n: &SizeNode) -> bool {
    ctx.params.selected_path.as_deref() == Some(n.path.as_str())
}

fn inset(r: Rect, d: f32) -> Rect {
    Rect::new(r.x + d, r.y + d, (r.w - 2.0 * d).max(0.0), (r.h - 2.0 * d).max(0.0))
}

/// A leaf's name and size, from `top` down, where they fit.
fn labels(shapes: &mut Vec<Shape>, n: &SizeNode, r: Rect, top: f32, dir: bool) {
    let room = r.bottom() - top;
    if r.w < 30.0 || room < 14.0 {
        return;
    }
    let name = if dir { format!("{}/", visible(&n.name)) } else { visible(&n.name) };
    shapes.push(Shape::Text(text(
        pt(r.x + 4.0, top + 12.0),
        Label::Text(name),
        11.0,
        Face::Mono,
        Ink::Text,
        r.w - 8.0,
    )));
    if room >= 28.0 {
        shapes.push(Shape::Text(text(
            pt(r.x + 4.0, top + 25.0),
            Label::Text(human_bytes(n.bytes)),
            10.0,
            Face::Sans,
            Ink::Muted,
            r.w - 8.0,
        )));
    }
}

/// Diagonal hatching across `r` (the copies a container cannot see).
fn hatch(shapes: &mut Vec<Shape>, r: Rect, ink: Ink) {
    let span = r.w + r.h;
    let mut t = HATCH;
    while t < span {
        let a: Point = if t <= r.w { pt(r.x + t, r.y) } else { pt(r.right(), r.y + t - r.w) };
        let b: Point = if t <= r.h { pt(r.x, r.y + t) } else { pt(r.x + t - r.h, r.bottom()) };
        shapes.push(Shape::Line { from: a, to: b, ink, width: 0.75, dash: None, arrow: false });
        t += HATCH;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(s: &Scene) -> Vec<&Item> {
        s.all().filter(|i| i.data("path").is_some() && i.id != "sizes-map").collect()
    }

    #[test]
    fn the_focused_level_adds_up_and_areas_follow_bytes() {
        let a = strata_core::analyze_bytes(&strata_core::sample::waste()).expect("sample");
        let img = &a.images[0];
        for mode in SizeMode::ALL {
            let s = scene(img, "/", &SizesParams { mode, ..Default::default() });
            let map = s.item("sizes-map").expect("map");
            let total: u64 = map.data("bytes").and_then(|b| b.parse().ok()).expect("bytes");
            assert_eq!(total, image_bytes(img, mode));
            let top: u64 = nodes(&s)
                .iter()
                .filter(|i| i.data("depth") == Some("1"))
                .chain(s.all().filter(|i| i.data("testid") == Some("sizes-rest")).collect::<Vec<_>>().iter())
                .map(|i| i.data("bytes").and_then(|b| b.parse::<u64>().ok()).unwrap_or(0))
                .sum();
            assert_eq!(top, total, "{mode:?}: the focused level adds up");
            let unit = (map.bounds.w * map.bounds.h) as f64 / total as f64;
            for it in s.all().filter(|i| i.data("kind").is_some() && i.bounds.w >= 20.0 && i.bounds.h >= 20.0) {
                let b: f64 = it.data("bytes").and_then(|b| b.parse().ok()).unwrap_or(0.0);
                let area = (it.bounds.w * it.bounds.h) as f64;
                assert!((area - b * unit).abs() <= 0.03 * b * unit, "{mode:?} {}: {area} vs {}", it.id, b * unit);
            }
        }
        let stored = scene(img, "/", &SizesParams { mode: SizeMode::Stored, ..Default::default() });
        let sdk = stored.all().find(|i| i.data("path") == Some("/tmp/sdk.tar.gz")).expect("the deleted download");
        assert_eq!((sdk.data("state"), sdk.data("by"), sdk.data("layer")), (Some("deleted"), Some("2"), Some("1")));
        let merged = scene(img, "/", &SizesParams::default());
        assert!(merged.all().all(|i| i.data("path") != Some("/tmp/sdk.tar.gz")));
        // A phone's canvas: everything inside it, the same nodes.
        let phone = scene(img, "/", &SizesParams { width: Some(360.0), ..Default::default() });
        assert_eq!(phone.width, 360.0);
        let canvas = Rect::new(0.0, 0.0, phone.width, phone.height);
        assert!(phone.all().all(|i| canvas.contains(&i.bounds)), "inside the canvas");
        let paths = |s: &Scene| s.all().filter_map(|i| i.data("path").map(str::to_owned)).collect::<Vec<_>>();
        assert_eq!(paths(&phone), paths(&merged));
    }

    #[test]
    fn by_change_each_file_is_coloured_and_hooked_by_its_change_and_the_legend_adds_up() {
        use strata_core::compare::Change;
        let a = strata_core::analyze_bytes(&strata_core::sample::waste()).expect("sample");
        let img = &a.images[0];
        let files: Vec<&strata_core::merge::Node> =
            img.tree.nodes.iter().filter(|n| n.kind == strata_core::layer::EntryKind::File && n.size > 0).collect();
        assert!(files.len() >= 2, "the sample has files to mark");
        let changes: std::collections::BTreeMap<String, Change> =
            [(files[0].path.to_string(), Change::Added), (files[1].path.to_string(), Change::Changed)].into();
        let params = SizesParams { changes: Some(std::rc::Rc::new(changes.clone())), ..Default::default() };
        let s = scene(img, "/", &params);
        let mut seen = 0;
        for it in s.all().filter(|i| i.data("kind") == Some("file")) {
            let path = it.data("path").expect("path");
            let (want, ink) = match changes.get(path) {
                Some(Change::Added) => ("added", Ink::Added),
                Some(Change::Changed) => ("changed", Ink::Changed),
                _ => ("same", Ink::Surface),
            };
            assert_eq!(it.data("change"), Some(want), "{path}");
            let filled = it.shapes.iter().any(|sh| matches!(sh, Shape::Rect { paint, .. } if paint.fill == ink));
            assert!(filled, "{path} is painted {ink:?}");
            seen += usize::from(want != "same");
        }
        assert_eq!(seen, 2, "both marked files are drawn");
        let hatched = |it: &Item| it.shapes.iter().any(|sh| matches!(sh, Shape::Line { .. }));
        for it in s.all().filter(|i| i.data("kind") == Some("file")) {
            assert_eq!(hatched(it), it.data("change") == Some("changed"), "only changed copies are hatched");
        }
        let legend: u64 = s
            .all()
            .filter(|i| i.data("legend-change").is_some())
            .map(|i| i.data("bytes").and_then(|b| b.parse::<u64>().ok()).unwrap_or(0))
            .sum();
        assert_eq!(legend, image_bytes(img, SizeMode::Merged), "added + changed + same = the image's bytes");
        let added = s.all().find(|i| i.data("legend-change") == Some("added")).expect("added entry");
        assert_eq!(added.data("bytes"), Some(files[0].size.to_string().as_str()));
        assert!(s.all().all(|i| i.data("legend").is_none()), "no layer legend in the map by change");
    }

    #[test]
    fn changed_only_keeps_the_changed_paths_and_their_directories_and_they_fill_the_map() {
        use strata_core::compare::Change;
        let a = strata_core::analyze_bytes(&strata_core::sample::waste()).expect("sample");
        let img = &a.images[0];
        // The smallest non-empty file: a sliver (or not drawn) in the whole map.
        let small = img
            .tree
            .nodes
            .iter()
            .filter(|n| n.kind == strata_core::layer::EntryKind::File && n.size > 0)
            .min_by_key(|n| n.size)
            .expect("a file");
        let changes: std::collections::BTreeMap<String, Change> = [(small.path.to_string(), Change::Changed)].into();
        let rc = std::rc::Rc::new(changes);
        let only = SizesParams { changes: Some(rc.clone()), changed_only: true, ..Default::default() };
        let s = scene(img, "/", &only);
        let files: Vec<&Item> = s.all().filter(|i| i.data("kind") == Some("file")).collect();
        assert_eq!(files.len(), 1, "only the changed file");
        assert_eq!(files[0].data("path"), Some(small.path.as_str()));
        assert_eq!(files[0].data("change"), Some("changed"));
        let map = s.all().find(|i| i.data("testid") == Some("sizes-map")).expect("map");
        assert_eq!(map.data("bytes"), Some(small.size.to_string().as_str()), "the map is of the changed bytes");
        // Its rectangle is the deepest frame's inside: most of the map, however small the file.
        assert!(files[0].bounds.w * files[0].bounds.h > 0.3 * map.bounds.w * map.bounds.h, "{:?}", files[0].bounds);
        for it in s.all().filter(|i| i.data("kind") == Some("dir")) {
            let p = it.data("path").expect("path");
            assert!(p == "/" || small.path.starts_with(&format!("{p}/")), "{p} is above the changed file");
        }
        let keys: Vec<&str> = s.all().filter_map(|i| i.data("legend-change")).collect();
        assert_eq!(keys, ["added", "changed"], "no `same` entry");
        // Nothing changed under the focus: the map says so instead of drawing the image.
        let none = SizesParams {
            changes: Some(std::rc::Rc::new(Default::default())),
            changed_only: true,
            ..Default::default()
        };
        let empty = scene(img, "/", &none);
        assert!(empty.all().all(|i| i.data("kind") != Some("file")));
        let whole = scene(img, "/", &SizesParams { changes: Some(rc), ..Default::default() });
        assert!(whole.all().filter(|i| i.data("kind") == Some("file")).count() > 1);
    }
}
