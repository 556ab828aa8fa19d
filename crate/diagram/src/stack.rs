//! Figure `stack` (textbook figs 6.3–6.5): an image is a stack of read-only layers.
//!
//! Plates in cabinet projection, base at the bottom, each as thick as its size on a log scale and
//! labelled on its front face with its number and 12-hex id (as `docker pull` prints it); beside
//! each, the instruction that made it (Dockerfile form), its size and its changes. Metadata-only
//! history steps (ENV, EXPOSE, CMD, …) are flags between the plates they sit on and make no plate.
//! The image itself is the object around them all, named by its tags and id.

use crate::geom::{log_thickness, pt, Oblique, Rect};
use crate::plate;
use crate::scene::{text, Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun, ViewKind};
use crate::text::Face;
use strata_core::history::MetadataSteps;
use strata_core::units::human_bytes;
use strata_core::{Image, Verified};

/// What the stack figure shows besides the image.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackParams {
    /// The selected layer.
    pub selected: Option<usize>,
    /// Digests are still being checked (badges show `…`).
    pub verifying: bool,
    /// Only the outer archive has been read: sizes are the stored blobs' (layers not opened yet).
    pub outline: bool,
    /// The canvas width (`None`: [`WIDTH`]). Under [`NARROW`] (a phone) the figure reflows: the
    /// plates fill the width, each one's instruction and facts under it instead of beside it,
    /// the history flags under the plate they follow.
    pub width: Option<f32>,
}

/// Canvas widths under this reflow for a phone.
pub const NARROW: f32 = 700.0;

/// Canvas width.
pub const WIDTH: f32 = 1000.0;
const MARGIN: f32 = 24.0;
const PLATE_X: f32 = 56.0;
const PLATE_W: f32 = 500.0;
const DEPTH: f32 = 72.0;
const GAP: f32 = 12.0;
const FLAG_LINE: f32 = 20.0;
const NOTE_X: f32 = 640.0;

/// What made layer `k`, as a label: its instruction in Dockerfile form, else its history step's
/// comment (a base imported from a tarball often has only that), else "no instruction recorded".
pub fn instruction(image: &Image, k: usize) -> Label {
    let step = image.history.iter().find(|h| h.layer == Some(k));
    let line = image.instruction(k);
    match (line.is_empty(), step.and_then(|s| s.comment.as_deref())) {
        (false, _) => Label::Text(line),
        (true, Some(comment)) => Label::Text(format!("# {comment}")),
        (true, None) => Label::NoInstruction,
    }
}

/// The name an image goes by in a figure: its first tag, else its short id.
pub fn image_name(image: &Image) -> String {
    image.tags.first().cloned().unwrap_or_else(|| image.short_id().to_owned())
}

/// Lays out the stack figure of `image`.
pub fn scene(image: &Image, params: &StackParams) -> Scene {
    let width = params.width.unwrap_or(WIDTH).clamp(320.0, 1600.0);
    let narrow = width < NARROW;
    let depth = if narrow { DEPTH / 2.0 } else { DEPTH };
    let proj = Oblique::TEXTBOOK;
    let (ox, oy) = (proj.dx * depth, proj.dy * depth);
    // Where the plates are, and the notes beside them (under them on a phone).
    let (plate_x, plate_w, note_x) = if narrow {
        let x = MARGIN + 14.0;
        (x, width - MARGIN - 14.0 - ox - x, x + 18.0)
    } else {
        (PLATE_X, PLATE_W, NOTE_X)
    };
    let note_w = width - MARGIN - 16.0 - note_x;
    let meta = MetadataSteps::of(image);
    let mut items = Vec::new();

    // The image: its name and facts; the frame around everything is drawn once the height is known.
    let head_y = MARGIN + 34.0;
    let mut head = Item::new("image", Rect::new(MARGIN, MARGIN, width - 2.0 * MARGIN, 56.0));
    head.data.push(("data-image-id", image.id.clone()));
    head.shapes.push(Shape::Text(TextRun {
        bold: true,
        ..text(
            pt(MARGIN + 18.0, head_y),
            Label::Text(image_name(image)),
            19.0,
            Face::Sans,
            Ink::Text,
            (width - 2.0 * MARGIN - 36.0).min(560.0),
        )
    }));
    let facts = Label::ImageFacts { layers: image.layers.len(), size: human_bytes(image.merged.size) };
    head.shapes.push(Shape::Text(text(
        pt(MARGIN + 18.0, head_y + 22.0),
        Label::Text(image.short_id().to_owned()),
        13.0,
        Face::Mono,
        Ink::Muted,
        120.0,
    )));
    let facts_w = (width - MARGIN - 16.0 - (MARGIN + 128.0)).min(420.0);
    head.shapes.push(Shape::Text(text(
        pt(MARGIN + 128.0, head_y + 22.0),
        facts,
        13.0,
        Face::Sans,
        Ink::Muted,
        facts_w,
    )));

    let mut y = head_y + 48.0;
    let flag = |items: &mut Vec<Item>, y: &mut f32, steps: &[usize], key: String| {
        for (n, &i) in steps.iter().rev().enumerate() {
            let Some(step) = image.history.get(i) else { continue };
            let base = *y + FLAG_LINE - 6.0;
            let mut it = Item::new(format!("{key}-{n}"), Rect::new(note_x - 24.0, *y, note_w + 24.0, FLAG_LINE));
            it.data.push(("data-history-step", i.to_string()));
            // A pennant on a pole, then the step and "no layer".
            it.shapes.push(Shape::Line {
                from: pt(note_x - 16.0, base + 3.0),
                to: pt(note_x - 16.0, base - 12.0),
                ink: Ink::Muted,
                width: 1.2,
                dash: None,
                arrow: false,
            });
            it.shapes.push(Shape::Polygon {
                points: vec![
                    pt(note_x - 15.5, base - 12.0),
                    pt(note_x - 6.0, base - 9.0),
                    pt(note_x - 15.5, base - 6.0),
                ],
                paint: Paint::fill(Ink::Muted),
            });
            let line = step.instruction();
            let w = crate::text::width(&line, 12.0, Face::Mono).min(note_w - 90.0);
            it.shapes.push(Shape::Text(text(
                pt(note_x, base),
                Label::Text(line),
                12.0,
                Face::Mono,
                Ink::Muted,
                note_w - 90.0,
            )));
            it.shapes.push(Shape::Text(text(
                pt(note_x + w + 8.0, base),
                Label::NoLayer,
                11.0,
                Face::Sans,
                Ink::Muted,
                80.0,
            )));
            it.tooltip = Some(Label::Text(step.created_by.clone()));
            items.push(it);
            *y += FLAG_LINE;
        }
    };
    for layer in image.layers.iter().rev() {
        let k = layer.index;
        flag(&mut items, &mut y, meta.on(k), format!("flag-{k}"));
        let bytes = if params.outline { layer.blob_size } else { layer.size };
        let t = log_thickness(bytes, 26.0, 58.0).round();
        let front = Rect::new(plate_x, y - oy + 4.0, plate_w, t);
        let (_, side) = proj.faces(front, depth);
        let selected = params.selected == Some(k);
        let mut shapes = Vec::new();
        let bounds = plate::oblique(&mut shapes, front, depth, k, selected);
        let mut it = plate::item(image, k, bounds, selected);
        it.nav = Some((image.layers.len() - 1 - k, 0));
        it.shapes = shapes;
        let mid = front.y + front.h / 2.0;
        plate::chip(&mut it.shapes, Rect::new(front.x + 16.0, mid - 11.0, 40.0, 22.0), k, 14.0, 1.0);
        let id = layer.diff_id.as_ref().map(|d| d.short().to_owned()).unwrap_or_else(|| "?".to_owned());
        // A phone's plate is narrower: its id a size smaller, so the size still fits beside it.
        let (id_x, id_px) = if narrow { (60.0, 13.0) } else { (68.0, 15.0) };
        it.shapes.push(Shape::Text(text(
            pt(front.x + id_x, mid + 5.0),
            Label::Text(id.clone()),
            id_px,
            Face::Mono,
            Ink::Text,
            150.0,
        )));
        let size = human_bytes(bytes);
        it.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::End,
            ..text(
                pt(front.right() - if narrow { 30.0 } else { 34.0 }, mid + 5.0),
                Label::Text(size.clone()),
                if narrow { 12.0 } else { 13.0 },
                Face::Sans,
                Ink::Text,
                200.0,
            )
        }));
        let badge = match layer.verified {
            _ if params.verifying => "…",
            Verified::Ok => "✓",
            Verified::Mismatch => "✗",
            Verified::Unchecked => "–",
        };
        let badge_ink =
            if layer.verified == Verified::Mismatch && !params.verifying { Ink::Deleted } else { Ink::Text };
        it.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::Middle,
            class: Some("verified"),
            ..text(
                pt(front.right() - 16.0, mid + 5.0),
                Label::Text(badge.to_owned()),
                14.0,
                Face::Sans,
                badge_ink,
                20.0,
            )
        }));
        // Beside the plate: the instruction, then size and changes, joined by a leader.
        let made = instruction(image, k);
        let instruction = match &made {
            Label::Text(t) => t.clone(),
            _ => String::new(),
        };
        // Beside the plate, joined by a leader; on a phone, under it.
        let note_y = if narrow { front.bottom() + 17.0 } else { mid - 2.0 };
        if !narrow {
            it.shapes.push(Shape::Line {
                from: pt(side[0].x + ox * 0.5 + 6.0, mid + oy * 0.5),
                to: pt(note_x - 8.0, mid),
                ink: Ink::Line,
                width: 1.0,
                dash: None,
                arrow: false,
            });
        }
        it.shapes.push(Shape::Text(TextRun {
            bold: selected,
            ..text(pt(note_x, note_y), made, 13.0, Face::Mono, Ink::Text, note_w)
        }));
        let facts = Label::PlateFacts {
            size: size.clone(),
            changes: (!params.outline).then_some([layer.added, layer.modified, layer.deleted]),
            shared: layer.shared,
        };
        it.shapes.push(Shape::Text(text(pt(note_x, note_y + 17.0), facts, 12.0, Face::Sans, Ink::Muted, note_w)));
        it.tooltip = Some(Label::Plate {
            layer: k,
            id,
            size,
            changes: [layer.added, layer.modified, layer.deleted],
            instruction,
        });
        items.push(it);
        y = if narrow { note_y + 17.0 + 10.0 + GAP } else { front.bottom() + GAP };
    }
    flag(&mut items, &mut y, &meta.before_base, "flag-base".to_owned());
    let height = y + MARGIN + 8.0;
    let mut frame = Item::new("image-frame", Rect::new(MARGIN, MARGIN, width - 2.0 * MARGIN, height - 2.0 * MARGIN));
    frame.shapes.push(Shape::Rect {
        rect: frame.bounds,
        rx: 10.0,
        paint: Paint::outlined(Ink::None, Ink::Line, 1.5).dashed(6.0),
    });
    frame.shapes.push(Shape::Rect {
        rect: Rect::new(width - MARGIN - 96.0, MARGIN - 10.0, 80.0, 20.0),
        rx: 10.0,
        paint: Paint::outlined(Ink::Background, Ink::Line, 1.0),
    });
    frame.shapes.push(Shape::Text(TextRun {
        anchor: Anchor::Middle,
        ..text(pt(width - MARGIN - 56.0, MARGIN + 4.0), Label::Image, 12.0, Face::Sans, Ink::Muted, 72.0)
    }));
    items.insert(0, head);
    items.insert(0, frame);
    let steps = image.history.iter().filter(|h| h.empty_layer).count();
    Scene {
        view: ViewKind::Stack,
        width,
        height,
        title: Label::Title { view: ViewKind::Stack, image: image_name(image), focus: None },
        desc: Label::Desc { view: ViewKind::Stack, layers: image.layers.len(), written: steps, visible: 0 },
        items,
    }
}
