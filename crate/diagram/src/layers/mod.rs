//! Figure `layers` (textbook figs 6.6–6.7): layers with their files, and the image the container sees.
//!
//! One plate per layer, top layer first under the image's band, each holding its copies of the
//! focused directory's children as tiles; subdirectories are group tiles (choosing one focuses it).
//! Every child has one column, the same in every plate, so the copies of a path stand one above the
//! other: a copy a higher layer writes again is drawn *replaced* and joined to the copy that
//! replaces it; a copy a higher layer hides is drawn struck out and *deleted*, joined to the
//! whiteout (or opaque marker) in the layer that holds it. A count states the figure's point:
//! "3 layers · 7 files written · 6 visible". Plates hold a bounded number of tiles, then "+N more".

mod band;
mod grid;
mod links;
mod tiles;

use band::band_item;
use grid::{columns, has_cell, Band, Column};
use tiles::tile;

use crate::crumbs::breadcrumb;
use crate::geom::{pt, Oblique, Rect};
use crate::group::{Cell, Child, DirModel, GroupStats};
use crate::plate;
use crate::scene::{text, Activate, Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun, TileInfo, ViewKind};
use crate::stack::image_name;
use crate::text::Face;
use strata_core::copies::{Copy, Fate};
use strata_core::units::human_bytes;
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
    let links = links::links(model, &cols, &placed, &bands);
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
