//! What every figure draws for a layer the same way: its plate (hooks and activation; in cabinet
//! projection, its faces and coloured band) and its chip, the layer number on the layer's colour.

use crate::geom::{pt, Oblique, Rect};
use crate::scene::{text, Activate, Anchor, Ink, Item, Label, Paint, Shape, TextRun};
use crate::text::Face;
use strata_core::Image;

/// The item of layer `k`'s plate at `bounds`: `data-layer-index`, `data-diff-id`, selecting it
/// selects the layer.
pub fn item(image: &Image, k: usize, bounds: Rect, selected: bool) -> Item {
    let mut it = Item::new(format!("plate-{k}"), bounds);
    it.layer = Some(k);
    it.data.push(("data-layer-index", k.to_string()));
    let diff = image.layers.get(k).and_then(|l| l.diff_id.as_ref()).map(ToString::to_string).unwrap_or_default();
    it.data.push(("data-diff-id", diff));
    it.activate = Some(Activate::Layer(k));
    it.selected = selected;
    it
}

/// A plate in cabinet projection: front face `front`, `depth` deep, in layer `k`'s tints, with the
/// layer's colour as a band down its left edge; outlined in the accent colour when selected.
/// Returns the plate's bounds.
pub fn oblique(shapes: &mut Vec<Shape>, front: Rect, depth: f32, k: usize, selected: bool) -> Rect {
    let (top, side) = Oblique::TEXTBOOK.faces(front, depth);
    let (outline, w) = if selected { (Ink::Accent, 3.0) } else { (Ink::LayerStrong(k), 1.2) };
    shapes.push(Shape::Polygon { points: top.to_vec(), paint: Paint::outlined(Ink::LayerTop(k), outline, w) });
    shapes.push(Shape::Polygon { points: side.to_vec(), paint: Paint::outlined(Ink::LayerSide(k), outline, w) });
    shapes.push(Shape::Rect { rect: front, rx: 0.0, paint: Paint::outlined(Ink::LayerFill(k), outline, w) });
    shapes.push(Shape::Rect {
        rect: Rect::new(front.x, front.y, 6.0, front.h),
        rx: 0.0,
        paint: Paint::fill(Ink::LayerStrong(k)),
    });
    Rect::around(&[pt(front.x, top[3].y), pt(side[2].x, front.bottom())])
}

/// Layer `k`'s chip: `L{k}` (bold, `size` px) centred on the layer's colour in `rect`.
pub fn chip(shapes: &mut Vec<Shape>, rect: Rect, k: usize, size: f32, opacity: f32) {
    let rx = (rect.h / 5.0).round().clamp(2.0, 4.0);
    shapes.push(Shape::Rect { rect, rx, paint: Paint::fill(Ink::LayerStrong(k)).faded(opacity) });
    let at = pt(rect.x + rect.w / 2.0, rect.y + rect.h / 2.0 + size * 0.36);
    shapes.push(Shape::Text(TextRun {
        bold: true,
        anchor: Anchor::Middle,
        ..text(at, Label::Text(format!("L{k}")), size, Face::Sans, Ink::LayerOnStrong(k), rect.w - 2.0)
    }));
}
