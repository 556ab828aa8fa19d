//! Figure `layers` (textbook figs 6.6–6.7): layers with their files, and the image the container sees.
//!
//! One plate per layer, top layer first under the image's band, each holding its copies of the
//! focused directory's children as tiles; subdirectories are group tiles (choosing one focuses it).
//! Every child has one column, the same in every plate, so the copies of a path stand one above the
//! other: a copy a higher layer writes again is drawn *replaced* and joined to the copy that
//! replaces it; a copy a higher layer hides is drawn struck out and *deleted*, joined to the
//! whiteout (or opaque marker) in the layer that holds it. A count states the figure's point:
//! "3 layers · 7 files written · 6 visible". Plates hold a bounded number of tiles, then "+N more".

use crate::crumbs::breadcrumb;
use crate::geom::{pt, Oblique, Rect};
use crate::group::{Cell, Child, DirModel, GroupStats};
use crate::plate;
use crate::scene::{text, Activate, Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun, TileInfo, ViewKind};
use crate::stack::image_name;
use crate::text::Face;
use strata_core::copies::{Copy, Fate};
use strata_core::history::dockerfile_line;
use strata_core::units::{human_bytes, mode_string};
use strata_core::{path, Image};

/// What the layers figure shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayersParams {
    /// The selected layer.
    pub selected_layer: Option<usize>,
    /// The selected path: every copy of it is highlighted.
    pub selected_path: Option<String>,
    /// The canvas width (`None`: [`WIDTH`]). Under [`NARROW`] (a phone) the figure reflows: each
    /// plate's badge, id and instruction above its tiles instead of beside them, the counts under
    /// the breadcrumb, as many tiles a line as fit.
    pub width: Option<f32>,
}

/// Canvas widths under this reflow for a phone.
pub const NARROW: f32 = 700.0;

/// Where a figure of one canvas width puts things.
#[derive(Debug, Clone, Copy)]
struct Geo {
    width: f32,
    narrow: bool,
    /// Where the tiles start, across.
    tiles_x: f32,
    /// The label block above the tiles (narrow), or 0.
    labels_h: f32,
    /// The room for a label's text.
    label_w: f32,
}

impl Geo {
    fn of(width: Option<f32>) -> Geo {
        let width = width.unwrap_or(WIDTH).clamp(320.0, 1600.0);
        let narrow = width < NARROW;
        let (ox, _) = depth_offset();
        if narrow {
            Geo { width, narrow, tiles_x: LABEL_X - 10.0, labels_h: 50.0, label_w: width - MARGIN - ox - LABEL_X }
        } else {
            Geo { width, narrow, tiles_x: TILES_X, labels_h: 0.0, label_w: TILES_X - LABEL_X - 16.0 }
        }
    }

    /// Tiles per line.
    fn per_line(&self) -> usize {
        let (ox, _) = depth_offset();
        let room = self.width - MARGIN - ox - 10.0 - self.tiles_x;
        ((room + TILE_GAP) / (TILE_W + TILE_GAP)).floor().max(1.0) as usize
    }
}

/// Canvas width.
pub const WIDTH: f32 = 1200.0;
const MARGIN: f32 = 24.0;
const LABEL_X: f32 = 44.0;
const TILES_X: f32 = 300.0;
/// Tile size.
pub const TILE_W: f32 = 98.0;
/// Tile size.
pub const TILE_H: f32 = 36.0;
const TILE_GAP: f32 = 8.0;
const PAD: f32 = 10.0;
const BAND_GAP: f32 = 14.0;
const THIN: f32 = 30.0;
const DEPTH: f32 = 28.0;
/// Lines of tiles a plate holds at most.
pub const MAX_LINES: usize = 4;

/// Tiles per line on the default canvas.
pub fn per_line() -> usize {
    Geo::of(None).per_line()
}

fn depth_offset() -> (f32, f32) {
    (Oblique::TEXTBOOK.dx * DEPTH, Oblique::TEXTBOOK.dy * DEPTH)
}

/// What a column of the grid holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// A whiteout of (or an opaque marker in) the focused directory itself.
    Here,
    /// A child (by index into the model's children).
    Child(usize),
    /// A child's whiteouts, when a layer also writes the child (they would share a cell).
    Whiteouts(usize),
    /// "+N more".
    More,
}

fn needs_own_whiteout_column(c: &Child<'_>) -> bool {
    c.cells.iter().any(|w| {
        matches!(w, Cell::Whiteout { .. })
            && c.cells.iter().any(|o| o.layer() == w.layer() && !matches!(o, Cell::Whiteout { .. }))
    })
}

/// The columns of the grid and how many children did not fit.
fn columns(model: &DirModel<'_>, geo: &Geo) -> (Vec<Column>, usize) {
    let capacity = geo.per_line() * MAX_LINES;
    let mut budget = capacity;
    loop {
        let picked = model.pick(budget);
        let mut cols = Vec::new();
        if !model.here.is_empty() {
            cols.push(Column::Here);
        }
        for &i in &picked {
            cols.push(Column::Child(i));
            if model.children.get(i).is_some_and(needs_own_whiteout_column) {
                cols.push(Column::Whiteouts(i));
            }
        }
        let hidden = model.children.len() - picked.len();
        if hidden > 0 {
            cols.push(Column::More);
        }
        if cols.len() <= capacity || budget == 0 {
            return (cols, hidden);
        }
        budget -= (cols.len() - capacity).min(budget);
    }
}

/// A band of the figure: the image's, or a layer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Band {
    Image,
    Layer(usize),
}

/// Lays out the layers figure of directory `model.focus` of `image`.
pub fn scene(image: &Image, model: &DirModel<'_>, params: &LayersParams) -> Scene {
    let (ox, oy) = depth_offset();
    let geo = Geo::of(params.width);
    let width = geo.width;
    let (cols, _hidden) = columns(model, &geo);
    let per = geo.per_line();
    let lines = cols.len().div_ceil(per).max(1);
    let full_h = geo.labels_h + PAD * 2.0 + lines as f32 * (TILE_H + TILE_GAP) - TILE_GAP;
    let band_w = width - 2.0 * MARGIN - ox;
    let cell_at = |col: usize, band_top: f32| {
        let (line, x) = (col / per, col % per);
        Rect::new(
            geo.tiles_x + x as f32 * (TILE_W + TILE_GAP),
            band_top + geo.labels_h + PAD + line as f32 * (TILE_H + TILE_GAP),
            TILE_W,
            TILE_H,
        )
    };
    let selected_path = params.selected_path.as_deref();
    let mut bands: Vec<Item> = Vec::new();
    let mut links: Vec<Item> = Vec::new();
    let mut header = breadcrumb(&model.focus, width);
    // The counts: top right, or under the breadcrumb on a phone.
    let counts_w = 420.0f32.min(width - 2.0 * MARGIN);
    let counts_y = if geo.narrow { MARGIN + 28.0 } else { MARGIN };
    let mut counts = Item::new("figure-counts", Rect::new(width - MARGIN - counts_w, counts_y, counts_w, 26.0));
    counts.data.push(("data-testid", "figure-counts".to_owned()));
    counts.data.push(("data-layers", model.layers.to_string()));
    counts.data.push(("data-written", model.written.to_string()));
    counts.data.push(("data-visible", model.visible.to_string()));
    counts.shapes.push(Shape::Text(TextRun {
        anchor: Anchor::End,
        bold: true,
        ..text(pt(width - MARGIN, counts_y + 18.0), model.counts(), 14.0, Face::Sans, Ink::Text, counts_w)
    }));
    header.push(counts);

    // Where each band's cells are, for the connectors: (band, column) → cell rect.
    let mut placed: Vec<(Band, usize, Rect)> = Vec::new();
    let mut y = MARGIN + 46.0 - oy + if geo.narrow { 26.0 } else { 0.0 };
    let order: Vec<Band> = std::iter::once(Band::Image).chain((0..model.layers).rev().map(Band::Layer)).collect();
    for (row, band) in order.iter().enumerate() {
        let occupied: Vec<usize> = (0..cols.len()).filter(|&c| has_cell(model, &cols, *band, c)).collect();
        let h = if occupied.is_empty() && *band != Band::Image { THIN } else { full_h };
        let front = Rect::new(MARGIN, y, band_w, h);
        let mut plate = band_item(image, *band, front, h == THIN, params.selected_layer, &geo);
        for c in occupied {
            let rect = cell_at(c, y);
            placed.push((*band, c, rect));
            let nav = Some((row * lines + c / per, c % per));
            if let Some(mut it) = tile(image, model, &cols, *band, c, rect, selected_path) {
                it.nav = nav;
                plate.children.push(it);
            }
        }
        bands.push(plate);
        y += h + BAND_GAP - oy;
    }
    // Connectors: from each replaced copy up to the copy that replaces it, from each deleted copy
    // up to the whiteout (or the plate) that hides it.
    for (band, c, rect) in &placed {
        let (Band::Layer(k), Some(Column::Child(i))) = (band, cols.get(*c)) else { continue };
        let Some(child) = model.children.get(*i) else { continue };
        for cell in child.cells.iter().filter(|x| x.layer() == *k) {
            let Cell::Copy(copy) = cell else { continue };
            let (by, kind, ink) = match copy.fate {
                Fate::Visible => continue,
                Fate::Replaced { by } => (by, "replaced", Ink::Muted),
                Fate::Deleted { by } => (by, "deleted", Ink::Deleted),
            };
            let target = placed
                .iter()
                .find(|(b, col, _)| {
                    *b == Band::Layer(by) && (*col == *c || cols.get(*col) == Some(&Column::Whiteouts(*i)))
                })
                .map(|(_, _, r)| *r);
            let band_bottom = bands.iter().find(|b| b.layer == Some(by)).map(|b| b.bounds.bottom());
            let to_y = target.map(|r| r.bottom()).or(band_bottom).unwrap_or(rect.y - 10.0);
            let to_x = target.map_or(rect.x + rect.w / 2.0, |r| r.x + r.w / 2.0);
            let mut it = Item::new(format!("link-{k}-{}", child.path), Rect::new(rect.x, to_y, rect.w, rect.y - to_y));
            it.layer = Some(*k);
            it.data.push(("data-link", kind.to_owned()));
            it.data.push(("data-link-from", k.to_string()));
            it.data.push(("data-link-to", by.to_string()));
            it.shapes.push(Shape::Line {
                from: pt(rect.x + rect.w / 2.0, rect.y),
                to: pt(to_x, to_y + 2.0),
                ink,
                width: 1.5,
                dash: Some(if kind == "deleted" { 2.5 } else { 4.0 }),
                arrow: true,
            });
            links.push(it);
        }
    }
    let height = y - BAND_GAP + oy + MARGIN;
    let mut items = header;
    items.extend(bands);
    items.extend(links);
    if geo.narrow {
        // A phone draws the canvas at its size: no text under 11 px (a tile's second line, its
        // badge), cut to the same room.
        fn at_least(it: &mut Item) {
            for s in &mut it.shapes {
                if let Shape::Text(run) = s {
                    run.size = run.size.max(11.0);
                }
            }
            it.children.iter_mut().for_each(at_least);
        }
        items.iter_mut().for_each(at_least);
    }
    Scene {
        view: ViewKind::Layers,
        width,
        height,
        title: Label::Title { view: ViewKind::Layers, image: image_name(image), focus: Some(model.focus.clone()) },
        desc: Label::Desc {
            view: ViewKind::Layers,
            layers: model.layers,
            written: model.written,
            visible: model.visible,
        },
        items,
    }
}

/// The cell of layer `k` in a child's column (its whiteouts may have a column of their own).
fn cell_for<'m, 'a>(child: &'m Child<'a>, own_whiteout_column: bool, k: usize) -> Option<&'m Cell<'a>> {
    let is_wh = |x: &Cell<'_>| matches!(x, Cell::Whiteout { .. });
    match own_whiteout_column {
        true => child.cells.iter().find(|x| x.layer() == k && is_wh(x)),
        false => {
            let own = needs_own_whiteout_column(child);
            child.cells.iter().find(|x| x.layer() == k && !(own && is_wh(x)))
        }
    }
}

fn has_cell(model: &DirModel<'_>, cols: &[Column], band: Band, c: usize) -> bool {
    let in_layer = |k: usize| match cols.get(c) {
        Some(Column::Here) => model.here.iter().any(|(l, _)| *l == k),
        Some(Column::Child(i)) => model.children.get(*i).is_some_and(|ch| cell_for(ch, false, k).is_some()),
        Some(Column::Whiteouts(i)) => model.children.get(*i).is_some_and(|ch| cell_for(ch, true, k).is_some()),
        Some(Column::More) => true,
        None => false,
    };
    match band {
        Band::Image => match cols.get(c) {
            Some(Column::Child(i)) => model.children.get(*i).is_some_and(|ch| ch.merged.is_some()),
            Some(Column::More) => true,
            _ => false,
        },
        Band::Layer(k) => {
            in_layer(k) && !(cols.get(c) == Some(&Column::More) && hidden_in(model, cols, Band::Layer(k)) == 0)
        }
    }
}

/// Children a band holds that did not fit.
fn hidden_in(model: &DirModel<'_>, cols: &[Column], band: Band) -> usize {
    model
        .children
        .iter()
        .enumerate()
        .filter(|(i, _)| !cols.contains(&Column::Child(*i)))
        .filter(|(_, ch)| match band {
            Band::Image => ch.merged.is_some(),
            Band::Layer(k) => ch.cells.iter().any(|x| x.layer() == k),
        })
        .count()
}

fn band_item(image: &Image, band: Band, front: Rect, thin: bool, selected: Option<usize>, geo: &Geo) -> Item {
    let (top, side) = Oblique::TEXTBOOK.faces(front, DEPTH);
    let mut it = Item::new(
        match band {
            Band::Image => "band-image".to_owned(),
            Band::Layer(k) => format!("plate-{k}"),
        },
        Rect::around(&[pt(front.x, top[3].y), pt(side[2].x, front.bottom())]),
    );
    // The labels' middle: beside the tiles, or in the block above them on a phone.
    let mid = if geo.narrow && !thin { front.y + 26.0 } else { front.y + front.h.min(56.0) / 2.0 };
    match band {
        Band::Image => {
            it.data.push(("data-band", "image".to_owned()));
            it.shapes
                .push(Shape::Polygon { points: top.to_vec(), paint: Paint::outlined(Ink::Surface, Ink::Text, 1.5) });
            it.shapes.push(Shape::Polygon { points: side.to_vec(), paint: Paint::outlined(Ink::Line, Ink::Text, 1.5) });
            it.shapes.push(Shape::Rect { rect: front, rx: 0.0, paint: Paint::outlined(Ink::Surface, Ink::Text, 1.5) });
            it.shapes.push(Shape::Text(TextRun {
                bold: true,
                ..text(
                    pt(LABEL_X - 10.0, mid - 3.0),
                    Label::Text(image_name(image)),
                    14.0,
                    Face::Sans,
                    Ink::Text,
                    geo.label_w,
                )
            }));
            it.shapes.push(Shape::Text(text(
                pt(LABEL_X - 10.0, mid + 15.0),
                Label::ContainerSees,
                12.0,
                Face::Sans,
                Ink::Muted,
                geo.label_w,
            )));
        }
        Band::Layer(k) => {
            let layer = image.layers.get(k);
            let mut plate = plate::item(image, k, it.bounds, selected == Some(k));
            plate::oblique(&mut plate.shapes, front, DEPTH, k, plate.selected);
            it = plate;
            let chip_y = if thin { front.y + front.h / 2.0 - 10.0 } else { mid - 19.0 };
            plate::chip(&mut it.shapes, Rect::new(LABEL_X - 10.0, chip_y, 38.0, 20.0), k, 13.0, 1.0);
            let id = layer.and_then(|l| l.diff_id.as_ref()).map(|d| d.short().to_owned()).unwrap_or_default();
            it.shapes.push(Shape::Text(text(
                pt(LABEL_X + 36.0, chip_y + 15.0),
                Label::Text(id),
                13.0,
                Face::Mono,
                Ink::Text,
                110.0,
            )));
            let line = crate::stack::instruction(image, k);
            if thin && geo.narrow {
                // A phone: the id, then that it changes nothing here (its instruction is in the
                // stack figure and the plate's tooltip).
                it.shapes.push(Shape::Text(text(
                    pt(LABEL_X + 150.0, chip_y + 15.0),
                    Label::NothingHere,
                    12.0,
                    Face::Sans,
                    Ink::Muted,
                    geo.width - MARGIN - 20.0 - (LABEL_X + 150.0),
                )));
            } else if thin {
                it.shapes.push(Shape::Text(text(
                    pt(LABEL_X + 140.0, chip_y + 15.0),
                    line,
                    11.0,
                    Face::Mono,
                    Ink::Muted,
                    TILES_X - LABEL_X - 150.0,
                )));
                it.shapes.push(Shape::Text(text(
                    pt(TILES_X, chip_y + 15.0),
                    Label::NothingHere,
                    12.0,
                    Face::Sans,
                    Ink::Muted,
                    400.0,
                )));
            } else {
                it.shapes.push(Shape::Text(text(
                    pt(LABEL_X - 10.0, chip_y + 38.0),
                    line,
                    11.5,
                    Face::Mono,
                    Ink::Muted,
                    geo.label_w,
                )));
            }
        }
    }
    it
}

fn tile_info(image: &Image, copy: &Copy<'_>) -> TileInfo {
    let n = copy.node;
    let (state, by) = match copy.fate {
        Fate::Visible => ("visible", None),
        Fate::Replaced { by } => ("replaced", Some(by)),
        Fate::Deleted { by } => ("deleted", Some(by)),
    };
    TileInfo {
        path: n.path.clone(),
        kind: n.kind.name(),
        size: n.size,
        mode: mode_string(n.kind, n.mode),
        owner: format!("{}:{}", n.uid, n.gid),
        layer: copy.layer,
        instruction: image.layers.get(copy.layer).and_then(|l| l.created_by.as_deref()).map(dockerfile_line),
        state,
        by,
    }
}

/// A tile's name and its second line; `reserve` px at the end of the second line stay free.
#[allow(clippy::too_many_arguments)]
fn two_lines(it: &mut Item, rect: Rect, first: Label, second: Label, ink: Ink, bold: bool, strike: bool, reserve: f32) {
    it.shapes.push(Shape::Text(TextRun {
        bold,
        strike,
        ..text(pt(rect.x + 7.0, rect.y + 15.0), first, 11.5, Face::Mono, ink, rect.w - 12.0)
    }));
    it.shapes.push(Shape::Text(text(
        pt(rect.x + 7.0, rect.y + 29.0),
        second,
        9.0,
        Face::Sans,
        Ink::Muted,
        rect.w - 12.0 - reserve,
    )));
}

fn folder(it: &mut Item, rect: Rect, paint: Paint) {
    it.shapes.push(Shape::Polygon {
        points: vec![
            pt(rect.x, rect.y + 4.0),
            pt(rect.x + 4.0, rect.y),
            pt(rect.x + 30.0, rect.y),
            pt(rect.x + 34.0, rect.y + 4.0),
        ],
        paint,
    });
    it.shapes.push(Shape::Rect { rect: Rect::new(rect.x, rect.y + 4.0, rect.w, rect.h - 4.0), rx: 3.0, paint });
}

fn tile(
    image: &Image,
    model: &DirModel<'_>,
    cols: &[Column],
    band: Band,
    c: usize,
    rect: Rect,
    selected_path: Option<&str>,
) -> Option<Item> {
    let column = *cols.get(c)?;
    let band_key = match band {
        Band::Image => "image".to_owned(),
        Band::Layer(k) => k.to_string(),
    };
    if column == Column::More {
        let n = hidden_in(model, cols, band);
        let mut it = Item::new(format!("more-{band_key}"), rect);
        it.data.push(("data-more", n.to_string()));
        it.data.push(("data-band", band_key));
        it.shapes.push(Shape::Rect { rect, rx: 4.0, paint: Paint::outlined(Ink::None, Ink::Muted, 1.2).dashed(3.0) });
        it.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::Middle,
            ..text(pt(rect.x + rect.w / 2.0, rect.y + 22.0), Label::More(n), 12.0, Face::Sans, Ink::Muted, rect.w - 8.0)
        }));
        return Some(it);
    }
    if column == Column::Here {
        let Band::Layer(k) = band else { return None };
        let focus = &model.focus;
        let opaque = model.here.iter().find(|(l, _)| *l == k).is_some_and(|(_, o)| *o);
        let marker = if opaque { ".wh..wh..opq".to_owned() } else { format!("../.wh.{}", path::file_name(focus)) };
        return Some(whiteout_tile(k, focus, &marker, opaque, rect, selected_path == Some(focus.as_str())));
    }
    let (Column::Child(i) | Column::Whiteouts(i)) = column else { return None };
    let child = model.children.get(i)?;
    let highlight = selected_path == Some(child.path.as_str());
    let name = crate::text::visible(&child.name);
    let Band::Layer(k) = band else {
        return Some(image_tile(child, &name, rect, highlight));
    };
    let cell = cell_for(child, column == Column::Whiteouts(i), k)?;
    let mut it = match cell {
        Cell::Whiteout { opaque, .. } => {
            let marker = if *opaque { format!("{name}/.wh..wh..opq") } else { format!(".wh.{name}") };
            return Some(whiteout_tile(k, &child.path, &marker, *opaque, rect, highlight));
        }
        Cell::Group(g) => group_tile(k, child, g, &name, rect),
        Cell::Copy(copy) => copy_tile(image, child, copy, &name, rect),
    };
    if highlight {
        it.selected = true;
        it.shapes.push(Shape::Rect { rect, rx: 4.0, paint: Paint::outlined(Ink::None, Ink::Accent, 3.0) });
    }
    Some(it)
}

fn copy_tile(image: &Image, child: &Child<'_>, copy: &Copy<'_>, name: &str, rect: Rect) -> Item {
    let k = copy.layer;
    let mut it = Item::new(format!("tile-{k}-{}", child.path), rect);
    it.layer = Some(k);
    it.data.push(("data-tile-path", child.path.clone()));
    it.data.push(("data-layer", k.to_string()));
    it.data.push(("data-state", copy.fate.as_str().to_owned()));
    it.activate = Some(Activate::Path(child.path.clone()));
    it.tooltip = Some(Label::Tile(Box::new(tile_info(image, copy))));
    let size = Label::Text(human_bytes(copy.node.size));
    match copy.fate {
        Fate::Visible => {
            it.shapes.push(Shape::Rect {
                rect,
                rx: 4.0,
                paint: Paint::outlined(Ink::Background, Ink::LayerStrong(k), 1.4),
            });
            two_lines(&mut it, rect, Label::Text(name.to_owned()), size, Ink::Text, false, false, 0.0);
        }
        Fate::Replaced { by } => {
            it.data.push(("data-by", by.to_string()));
            it.shapes.push(Shape::Rect {
                rect,
                rx: 4.0,
                paint: Paint::outlined(Ink::LayerFill(k), Ink::LayerStrong(k), 1.4).dashed(4.0),
            });
            two_lines(
                &mut it,
                rect,
                Label::Text(name.to_owned()),
                Label::ReplacedBy(by),
                Ink::Muted,
                false,
                false,
                0.0,
            );
        }
        Fate::Deleted { by } => {
            it.data.push(("data-by", by.to_string()));
            it.shapes.push(Shape::Rect {
                rect,
                rx: 4.0,
                paint: Paint::outlined(Ink::LayerFill(k), Ink::Deleted, 1.4).dashed(2.5),
            });
            two_lines(&mut it, rect, Label::Text(name.to_owned()), Label::DeletedBy(by), Ink::Muted, false, true, 0.0);
        }
    }
    it
}

fn group_tile(k: usize, child: &Child<'_>, g: &GroupStats, name: &str, rect: Rect) -> Item {
    let mut it = Item::new(format!("group-{k}-{}", child.path), rect);
    it.layer = Some(k);
    it.data.push(("data-group-path", child.path.clone()));
    it.data.push(("data-layer", k.to_string()));
    it.data.push(("data-count", g.files.to_string()));
    it.data.push(("data-bytes", g.bytes.to_string()));
    it.data.push(("data-state", if g.shown { "visible" } else { "hidden" }.to_owned()));
    it.activate = Some(Activate::Directory(child.path.clone()));
    let paint = if g.shown {
        Paint::outlined(Ink::Background, Ink::LayerStrong(k), 1.4)
    } else {
        Paint::outlined(Ink::LayerFill(k), Ink::Deleted, 1.4).dashed(2.5)
    };
    folder(&mut it, rect, paint);
    let facts = Label::GroupFacts { files: g.files, bytes: human_bytes(g.bytes), deletes: g.deletes };
    let ink = if g.shown { Ink::Text } else { Ink::Muted };
    two_lines(
        &mut it,
        Rect::new(rect.x, rect.y + 2.0, rect.w, rect.h),
        Label::Text(format!("{name}/")),
        facts,
        ink,
        true,
        !g.shown,
        0.0,
    );
    it
}

fn whiteout_tile(k: usize, hides: &str, marker: &str, opaque: bool, rect: Rect, highlight: bool) -> Item {
    let mut it = Item::new(format!("whiteout-{k}-{hides}"), rect);
    it.layer = Some(k);
    it.data.push(("data-tile-path", hides.to_owned()));
    it.data.push(("data-layer", k.to_string()));
    it.data.push(("data-state", "whiteout".to_owned()));
    it.data.push(("data-whiteout", if opaque { "opaque" } else { "file" }.to_owned()));
    it.activate = Some(Activate::Path(hides.to_owned()));
    it.tooltip = Some(Label::WhiteoutOf(hides.to_owned()));
    it.selected = highlight;
    let stroke = if highlight { Ink::Accent } else { Ink::Whiteout };
    it.shapes.push(Shape::Rect {
        rect,
        rx: 4.0,
        paint: Paint::outlined(Ink::Whiteout, stroke, if highlight { 3.0 } else { 1.0 }),
    });
    it.shapes.push(Shape::Text(text(
        pt(rect.x + 6.0, rect.y + 15.0),
        Label::Text(crate::text::visible(marker)),
        10.5,
        Face::Mono,
        Ink::OnWhiteout,
        rect.w - 10.0,
    )));
    let kind = if opaque { Label::Opaque } else { Label::Whiteout };
    it.shapes.push(Shape::Text(text(
        pt(rect.x + 7.0, rect.y + 29.0),
        kind,
        9.5,
        Face::Sans,
        Ink::OnWhiteout,
        rect.w - 12.0,
    )));
    it
}

fn image_tile(child: &Child<'_>, name: &str, rect: Rect, highlight: bool) -> Item {
    let mut it = Item::new(format!("merged-{}", child.path), rect);
    it.data.push(("data-merged-path", child.path.clone()));
    let Some(node) = child.merged else { return it };
    let p = node.layer;
    it.data.push(("data-provider", p.to_string()));
    it.tooltip = Some(Label::Region { path: child.path.clone(), layer: p });
    let stroke = if highlight { Ink::Accent } else { Ink::LayerStrong(p) };
    let width = if highlight { 3.0 } else { 1.4 };
    it.selected = highlight;
    if child.is_dir && node.kind == strata_core::layer::EntryKind::Dir {
        it.data.push(("data-count", child.merged_files.to_string()));
        it.activate = Some(Activate::Directory(child.path.clone()));
        folder(&mut it, rect, Paint::outlined(Ink::LayerFill(p), stroke, width));
        let facts = Label::GroupFacts { files: child.merged_files, bytes: human_bytes(child.merged_bytes), deletes: 0 };
        two_lines(
            &mut it,
            Rect::new(rect.x, rect.y + 2.0, rect.w, rect.h),
            Label::Text(format!("{name}/")),
            facts,
            Ink::Text,
            true,
            false,
            24.0,
        );
    } else {
        it.activate = Some(Activate::Path(child.path.clone()));
        it.shapes.push(Shape::Rect { rect, rx: 4.0, paint: Paint::outlined(Ink::LayerFill(p), stroke, width) });
        two_lines(
            &mut it,
            rect,
            Label::Text(name.to_owned()),
            Label::Text(human_bytes(node.size)),
            Ink::Text,
            false,
            false,
            24.0,
        );
    }
    // The provider's number beside its colour, in the second line's corner.
    plate::chip(&mut it.shapes, Rect::new(rect.right() - 25.0, rect.bottom() - 15.0, 22.0, 12.0), p, 8.5, 1.0);
    it
}
