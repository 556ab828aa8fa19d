//! A plate of the layers figure: the image's band or a layer's, with its badge, id and instruction.

use super::*;

pub(super) fn band_item(
    image: &Image,
    band: Band,
    front: Rect,
    thin: bool,
    selected: Option<usize>,
    geo: &Geo,
) -> Item {
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
