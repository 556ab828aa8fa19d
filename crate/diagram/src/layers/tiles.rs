//! The tiles of the layers figure: a copy, a directory (group), a whiteout, the image's copy.

use super::grid::{cell_for, hidden_in};
use super::*;

pub(super) fn tile_info(image: &Image, copy: &Copy<'_>) -> TileInfo {
    let n = copy.node;
    let (state, by) = match copy.fate {
        Fate::Visible => ("visible", None),
        Fate::Replaced { by } => ("replaced", Some(by)),
        Fate::Deleted { by } => ("deleted", Some(by)),
    };
    TileInfo {
        path: n.path.to_string(),
        kind: n.kind.name(),
        size: n.size,
        mode: n.mode_text(),
        owner: n.owner(),
        layer: copy.layer,
        instruction: image.layers.get(copy.layer).and_then(strata_core::Layer::instruction),
        state,
        by,
    }
}

/// A tile's name and its second line; `reserve` px at the end of the second line stay free.
#[allow(clippy::too_many_arguments)]
pub(super) fn two_lines(
    it: &mut Item,
    rect: Rect,
    first: Label,
    second: Label,
    ink: Ink,
    bold: bool,
    strike: bool,
    reserve: f32,
) {
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

pub(super) fn folder(it: &mut Item, rect: Rect, paint: Paint) {
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

pub(super) fn tile(
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

pub(super) fn copy_tile(image: &Image, child: &Child<'_>, copy: &Copy<'_>, name: &str, rect: Rect) -> Item {
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

pub(super) fn group_tile(k: usize, child: &Child<'_>, g: &GroupStats, name: &str, rect: Rect) -> Item {
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

pub(super) fn whiteout_tile(k: usize, hides: &str, marker: &str, opaque: bool, rect: Rect, highlight: bool) -> Item {
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

pub(super) fn image_tile(child: &Child<'_>, name: &str, rect: Rect, highlight: bool) -> Item {
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
