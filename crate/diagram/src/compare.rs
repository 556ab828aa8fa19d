//! Figure `compare`: two images side by side, A ("before") on the left and B ("after") on the
//! right, each a stack of read-only layers with the base at the bottom (as the stack figure draws
//! one image), and every layer the two share (the same `DiffId`, `strata_core::compare`) joined
//! across by a band: a rebuilt base shows as shared, a changed step and everything above it as
//! each side's own.
//!
//! Hooks: plates `data-layer-index` (the layer in its image), `data-diff-id`, `data-side` (`a` |
//! `b`), `data-in` (`both` | `a` | `b`); joins `data-link="shared"` with `data-diff-id`,
//! `data-from` (A's layer) and `data-to` (B's layer).

use crate::geom::{pt, Rect};
use crate::plate::chip;
use crate::scene::{text, Activate, Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun, ViewKind};
use crate::stack::{image_name, instruction};
use crate::text::Face;
use strata_core::compare::{In, LayerRow};
use strata_core::units::human_bytes;
use strata_core::Image;

/// Canvas width.
pub const WIDTH: f32 = 1000.0;
const MARGIN: f32 = 24.0;
const COL_W: f32 = 380.0;
const PLATE_H: f32 = 40.0;
const GAP: f32 = 8.0;
const HEAD: f32 = 64.0;
/// Canvas widths under this reflow for a phone: narrower columns, each plate on two lines (badge
/// and size, then the instruction), no text under 11 px.
pub const NARROW: f32 = 700.0;
/// The join's width between the columns on a phone.
const NARROW_JOIN: f32 = 46.0;

/// Lays out the compare figure of `a` (before) and `b` (after) from their layer rows, on a canvas
/// `width` wide (`None`: [`WIDTH`]).
pub fn scene(a: &Image, b: &Image, rows: &[LayerRow], width: Option<f32>) -> Scene {
    let width = width.unwrap_or(WIDTH).clamp(320.0, 1600.0);
    let narrow = width < NARROW;
    let col_w = if narrow { (width - 2.0 * MARGIN - NARROW_JOIN) / 2.0 } else { COL_W };
    let plate_h = if narrow { 50.0 } else { PLATE_H };
    let column_x = |side: In| if side == In::A { MARGIN } else { width - MARGIN - col_w };
    let mut items = Vec::new();
    let levels = a.layers.len().max(b.layers.len()).max(1);
    let height = MARGIN + HEAD + levels as f32 * (plate_h + GAP) + MARGIN;
    // Plate k of an image sits k levels above the bottom.
    let plate_y = |k: usize| height - MARGIN - (k + 1) as f32 * (plate_h + GAP) + GAP;
    for (side, img) in [(In::A, a), (In::B, b)] {
        let x = column_x(side);
        let mut head = Item::new(format!("side-{}", key(side)), Rect::new(x, MARGIN, col_w, HEAD - 12.0));
        head.data.push(("data-side", key(side).to_owned()));
        head.data.push(("data-image-id", img.id.clone()));
        head.shapes.push(Shape::Text(text(
            pt(x, MARGIN + 16.0),
            Label::CompareSide { after: side == In::B },
            13.0,
            Face::Sans,
            Ink::Muted,
            col_w,
        )));
        head.shapes.push(Shape::Text(TextRun {
            bold: true,
            ..text(
                pt(x, MARGIN + 38.0),
                Label::Text(crate::text::visible(&image_name(img))),
                17.0,
                Face::Sans,
                Ink::Text,
                col_w,
            )
        }));
        items.push(head);
        for layer in &img.layers {
            let k = layer.index;
            let row = rows.iter().find(|r| if side == In::A { r.a == Some(k) } else { r.b == Some(k) });
            let within = row.map_or(side, |r| r.within);
            let rect = Rect::new(x, plate_y(k), col_w, plate_h);
            // A shared layer is drawn in B's colour on both sides, so the pair reads as one.
            let colour = match (side, row) {
                (In::A, Some(r)) if r.within == In::Both => r.b.unwrap_or(k),
                _ => k,
            };
            let mut it = Item::new(format!("plate-{}-{k}", key(side)), rect);
            it.layer = Some(k);
            it.data.push(("data-layer-index", k.to_string()));
            it.data.push(("data-diff-id", layer.diff_id.as_ref().map(ToString::to_string).unwrap_or_default()));
            it.data.push(("data-side", key(side).to_owned()));
            it.data.push(("data-in", key(within).to_owned()));
            it.tooltip = Some(instruction(img, k));
            it.nav = Some((levels - 1 - k, usize::from(side == In::B)));
            it.activate = Some(Activate::Layer(k));
            let paint = if within == In::Both {
                Paint::outlined(Ink::LayerFill(colour), Ink::LayerStrong(colour), 1.2)
            } else {
                Paint::outlined(Ink::Surface, Ink::LayerStrong(colour), 1.6).dashed(5.0)
            };
            it.shapes.push(Shape::Rect { rect, rx: 3.0, paint });
            chip(&mut it.shapes, Rect::new(x + 6.0, rect.y + 8.0, 34.0, 24.0), k, 12.0, 1.0);
            let size = human_bytes(layer.size);
            let sw = crate::text::width(&size, 11.0, Face::Sans);
            it.shapes.push(Shape::Text(TextRun {
                anchor: Anchor::End,
                ..text(pt(x + col_w - 8.0, rect.y + 25.0), Label::Text(size), 11.0, Face::Sans, Ink::Muted, sw + 2.0)
            }));
            // Beside the badge, or on a phone on a line of its own under it.
            let (at, room) = if narrow {
                (pt(x + 6.0, rect.y + 44.0), col_w - 12.0)
            } else {
                (pt(x + 48.0, rect.y + 25.0), (col_w - 48.0 - sw - 18.0).max(0.0))
            };
            it.shapes.push(Shape::Text(text(at, instruction(img, k), 11.0, Face::Mono, Ink::Text, room)));
            items.push(it);
        }
    }
    // The joins between shared layers.
    for r in rows.iter().filter(|r| r.within == In::Both) {
        let (Some(ka), Some(kb)) = (r.a, r.b) else { continue };
        let (ya, yb) = (plate_y(ka), plate_y(kb));
        let (xa, xb) = (column_x(In::A) + col_w, column_x(In::B));
        let top = ya.min(yb);
        let bounds = Rect::new(xa, top, xb - xa, (ya.max(yb) - top) + plate_h);
        let mut it = Item::new(format!("join-{ka}-{kb}"), bounds);
        it.data.push(("data-link", "shared".to_owned()));
        it.data.push(("data-diff-id", r.diff_id.clone()));
        it.data.push(("data-from", ka.to_string()));
        it.data.push(("data-to", kb.to_string()));
        it.shapes.push(Shape::Polygon {
            points: vec![pt(xa, ya + 6.0), pt(xb, yb + 6.0), pt(xb, yb + plate_h - 6.0), pt(xa, ya + plate_h - 6.0)],
            paint: Paint::fill(Ink::LayerTop(kb)),
        });
        it.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::Middle,
            ..text(
                pt((xa + xb) / 2.0, (ya + yb) / 2.0 + plate_h / 2.0 + 4.0),
                Label::Shared,
                11.0,
                Face::Sans,
                Ink::Muted,
                xb - xa - 8.0,
            )
        }));
        items.push(it);
    }
    let shared = rows.iter().filter(|r| r.within == In::Both).count();
    Scene {
        view: ViewKind::Compare,
        width,
        height,
        title: Label::Title {
            view: ViewKind::Compare,
            image: format!("{} → {}", image_name(a), image_name(b)),
            focus: None,
        },
        desc: Label::Desc { view: ViewKind::Compare, layers: rows.len(), written: shared, visible: 0 },
        items,
    }
}

fn key(side: In) -> &'static str {
    match side {
        In::Both => "both",
        In::A => "a",
        In::B => "b",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_layers_are_joined_and_nothing_overlaps() {
        let an = strata_core::analyze_bytes(&strata_core::sample::shared_base()).expect("sample");
        let (a, b) = (&an.images[0], &an.images[1]);
        let c = strata_core::compare::compare::<()>(a, b, |_, _| Ok(strata_core::digest::Digest::sha256(b"")))
            .expect("compare");
        for width in [None, Some(342.0)] {
            let s = scene(a, b, &c.layers, width);
            let plates: Vec<&Item> =
                s.all().filter(|i| i.data("side").is_some() && i.data("layer-index").is_some()).collect();
            assert_eq!(plates.len(), a.layers.len() + b.layers.len());
            let joins: Vec<&Item> = s.all().filter(|i| i.data("link") == Some("shared")).collect();
            assert_eq!(joins.len(), c.layers.iter().filter(|l| l.within == In::Both).count());
            assert!(!joins.is_empty(), "the sample's images share their base");
            let canvas = Rect::new(0.0, 0.0, s.width, s.height);
            for (i, p) in plates.iter().enumerate() {
                assert!(canvas.contains(&p.bounds), "{}", p.id);
                for q in plates.iter().skip(i + 1) {
                    assert!(!p.bounds.overlaps(&q.bounds), "{} overlaps {}", p.id, q.id);
                }
            }
            let svg = crate::svg::to_svg(
                &s,
                &crate::svg::SvgOptions { theme: crate::Theme::Light, lang: "en", words: &|l| format!("{l:?}") },
            );
            assert!(svg.contains("data-link=\"shared\"") && svg.contains("data-view=\"compare\""));
        }
    }
}
