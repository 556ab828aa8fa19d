//! Figure `union` (textbook fig 6.8): the system's view. The image's layers, an exploded isometric
//! stack of read-only plates (overlayfs' lower layers, `lowerdir`), over one plane: the merged view
//! (`merged`) that a container sees, each region of it coloured by the layer that provides it.
//!
//! Each plate holds its copies of the focused directory's children on the same grid as the plane;
//! a dotted line drops from each copy the container sees to its region. `lift` (0–1) moves the
//! plates from the plane (0: collapsed into the union) to the exploded stack (1).

use crate::crumbs::breadcrumb;
use crate::geom::{pt, Isometric, Point, Rect};
use crate::group::{Cell, Child, DirModel};
use crate::scene::{text, Activate, Anchor, Ink, Item, Label, Paint, Scene, Shape, TextRun, ViewKind};
use crate::stack::image_name;
use crate::text::Face;
use strata_core::copies::Fate;
use strata_core::Image;

/// What the union figure shows.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionParams {
    /// 0 = the plates lie on the plane (the union), 1 = fully lifted apart.
    pub lift: f32,
    /// A layer to highlight (the plate of a hovered region, or the selected layer).
    pub highlight: Option<usize>,
    /// The selected path.
    pub selected_path: Option<String>,
    /// The canvas width (`None`: [`WIDTH`]). Under [`NARROW`] (a phone) the figure reflows: no
    /// label column, each plate's badge, id and names at its left corner over the plates, the
    /// plane's name under it, no text under 11 px.
    pub width: Option<f32>,
    /// The height the figure aims at, as a share of its width (`None`: a tall figure, about
    /// [`STACK_PX`] of stack). A projector's card is wide and short: drawn for its shape, the
    /// figure fills it and its text is not shrunk to fit the height.
    pub aspect: Option<f32>,
}

impl Default for UnionParams {
    fn default() -> Self {
        UnionParams { lift: 1.0, highlight: None, selected_path: None, width: None, aspect: None }
    }
}

/// A region's badge baseline below its centre.
const BADGE_DY: f32 = 11.5;

/// A region's name: the child's, made visible, a directory's with `/`.
fn region_name(c: &Child<'_>) -> String {
    crate::text::visible(&c.name) + if c.is_dir { "/" } else { "" }
}

/// Canvas widths under this reflow for a phone.
pub const NARROW: f32 = 700.0;

/// Canvas width.
pub const WIDTH: f32 = 1000.0;
const MARGIN: f32 = 24.0;
const LABELS_W: f32 = 230.0;
/// Regions the plane holds at most (then "+N more").
pub const MAX_REGIONS: usize = 48;
/// On a phone's canvas.
pub const MAX_REGIONS_NARROW: usize = 24;
/// The height the whole figure aims at (plates and plane).
pub const STACK_PX: f32 = 1050.0;
/// The least cell size (px) of a figure drawn for a wide card: its regions keep their names.
const WIDE_SCALE: f32 = 44.0;
/// What a figure of a given height spends outside its stack (the heading, the margins).
const FRAME_PX: f32 = 130.0;
/// The gap above a plate that holds copies here, in plate depths (room for its file names).
const OPEN: f32 = 0.25;
/// That gap at least, in px: the plate's names line and badge fit in it.
const OPEN_PX: f32 = 40.0;
/// The gap above one that holds none, in px (its badge and id stay readable).
const QUIET_PX: f32 = 21.0;
const PLATE_T: f32 = 0.12;
/// The merged plane reaches this far (in cells) past the plates on every side, and is thicker:
/// the largest thing in the figure, as the one filesystem the container sees.
const PLANE_PAD: f32 = 0.45;
const PLANE_T: f32 = 0.22;
/// The names line above a plate's badge: its font size and where it stops.
const NAMES_PX: f32 = 10.5;
const INSET: f32 = 0.16;

/// Lays out the union figure of directory `model.focus` of `image`.
pub fn scene(image: &Image, model: &DirModel<'_>, params: &UnionParams) -> Scene {
    let lift = params.lift.clamp(0.0, 1.0);
    let width = params.width.unwrap_or(WIDTH).clamp(320.0, 1600.0);
    let narrow = width < NARROW;
    // The label column, left of the plates (none on a phone: labels lie at the plates' corners).
    let column = if narrow { 0.0 } else { LABELS_W + 20.0 };
    let px_ = |size: f32| if narrow { size.max(11.0) } else { size };
    let shown: Vec<&Child<'_>> = model.children.iter().filter(|c| c.merged.is_some()).collect();
    let max_regions = if narrow { MAX_REGIONS_NARROW } else { MAX_REGIONS };
    let hidden = shown.len().saturating_sub(max_regions);
    let regions: Vec<&Child<'_>> = shown.iter().take(max_regions).copied().collect();
    let n = regions.len() + usize::from(hidden > 0);
    let cols = ((n.max(1) as f32 * 1.6).sqrt().ceil() as usize).clamp(1, 9);
    let rows = n.max(1).div_ceil(cols);
    let (wx, wy) = (cols as f32 + 2.0 * INSET, rows as f32 + 2.0 * INSET);
    let room = width - 2.0 * MARGIN - column;
    // Layers holding copies here get room to show them; the others lie close together.
    let contributes: Vec<bool> =
        (0..model.layers).map(|k| regions.iter().any(|c| c.cells.iter().any(|x| x.layer() == k))).collect();
    let busy = contributes.iter().filter(|c| **c).count();
    let quiet = model.layers - busy;
    let depth = |scale: f32| (wx + wy) * 0.5 * scale;
    let span = wx + wy + 4.0 * PLANE_PAD;
    let scale_w = room / (span * 0.866);
    // The plane, a plate's depth of air above it (so it is never covered), the open gaps, the top plate.
    let stack_px = params.aspect.map_or(STACK_PX, |a| (a * width - FRAME_PX).clamp(300.0, STACK_PX));
    let hp = ((stack_px - QUIET_PX * quiet as f32) / (3.0 + OPEN * busy as f32)).max(60.0);
    // Drawn for a wide card, the plates still leave room for the regions' names and badges.
    let least = if params.aspect.is_some() { WIDE_SCALE.min(scale_w).max(22.0) } else { 22.0 };
    let scale = scale_w.min(2.0 * hp / (wx + wy)).clamp(least, 96.0);
    let open = (OPEN * depth(scale)).max(OPEN_PX) / scale;
    let closed = QUIET_PX / scale;
    // z of each plate: the plane's own gap, then each plate above the one below it.
    let mut zs = Vec::with_capacity(model.layers);
    let mut z = depth(scale) / scale + 8.0 / scale;
    for k in 0..model.layers {
        zs.push(z);
        z += if contributes.get(k).copied().unwrap_or(false) { open } else { closed };
    }
    let z_of = |k: usize| zs.get(k).copied().unwrap_or(0.0) * lift;
    let z_top_max = zs.last().copied().unwrap_or(0.0);
    let top_y = MARGIN + 66.0;
    // Centred in the room right of the labels.
    let spare = (room - span * 0.866 * scale).max(0.0) / 2.0;
    let origin = pt(MARGIN + column + spare + (wy + 2.0 * PLANE_PAD) * 0.866 * scale, top_y + z_top_max * scale + 10.0);
    let iso = Isometric { origin, scale };
    let cell = |i: usize| ((i % cols) as f32 + INSET, (i / cols) as f32 + INSET);
    let quad_at = |i: usize, z: f32, inset: f32| {
        let (x, y) = cell(i);
        iso.quad(x + inset, y + inset, 1.0 - 2.0 * inset, 1.0 - 2.0 * inset, z)
    };
    let centre = |i: usize, z: f32| {
        let (x, y) = cell(i);
        iso.project(x + 0.5, y + 0.5, z)
    };
    let selected = params.selected_path.as_deref();
    let mut items = breadcrumb(&model.focus, width);

    // The plane: the merged view.
    let (px, py, pw, ph) = (-PLANE_PAD, -PLANE_PAD, wx + 2.0 * PLANE_PAD, wy + 2.0 * PLANE_PAD);
    let outline = iso.quad(px, py, pw, ph, 0.0);
    let plane_slab = [outline, iso.quad(px, py, pw, ph, -PLANE_T)];
    let mut plane = Item::new("merged-plane", Rect::around(&plane_slab.concat()));
    plane.data.push(("data-testid", "merged-plane".to_owned()));
    plane.data.push(("data-count", shown.len().to_string()));
    let p3 = |x: f32, y: f32, z: f32| iso.project(x, y, z);
    let plane_faces = [
        [p3(px, py + ph, 0.0), p3(px + pw, py + ph, 0.0), p3(px + pw, py + ph, -PLANE_T), p3(px, py + ph, -PLANE_T)],
        [p3(px + pw, py, 0.0), p3(px + pw, py + ph, 0.0), p3(px + pw, py + ph, -PLANE_T), p3(px + pw, py, -PLANE_T)],
    ];
    for face in plane_faces {
        plane.shapes.push(Shape::Polygon { points: face.to_vec(), paint: Paint::outlined(Ink::Line, Ink::Text, 1.2) });
    }
    plane
        .shapes
        .push(Shape::Polygon { points: outline.to_vec(), paint: Paint::outlined(Ink::Surface, Ink::Text, 1.5) });
    let (name_px, badge_px) = (px_(10.5), px_(9.5));
    // Each region's name as drawn, and its width (for the badges' room).
    let name_w: Vec<f32> = regions
        .iter()
        .map(|c| {
            let shown = crate::text::fit(&region_name(c), scale * 1.3, name_px, Face::Mono);
            crate::text::width(&shown, name_px, Face::Mono)
        })
        .collect();
    for (i, child) in regions.iter().enumerate() {
        let Some(node) = child.merged else { continue };
        let p = node.layer;
        let q = quad_at(i, 0.0, 0.06);
        let highlight = selected == Some(child.path.as_str());
        let mut r = Item::new(format!("region-{}", child.path), Rect::around(&q));
        r.layer = Some(p);
        r.data.push(("data-path", child.path.clone()));
        r.data.push(("data-layer", p.to_string()));
        r.activate = Some(if child.is_dir {
            Activate::Directory(child.path.clone())
        } else {
            Activate::Path(child.path.clone())
        });
        r.nav = Some((i / cols, i % cols));
        r.selected = highlight;
        r.tooltip = Some(Label::Region { path: child.path.clone(), layer: p });
        let stroke = if highlight { Ink::Accent } else { Ink::LayerStrong(p) };
        r.shapes.push(Shape::Polygon {
            points: q.to_vec(),
            paint: Paint::outlined(Ink::LayerFill(p), stroke, if highlight { 3.0 } else { 1.4 }),
        });
        let c = centre(i, 0.0);
        r.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::Middle,
            ..text(pt(c.x, c.y - 1.0), Label::Text(region_name(child)), name_px, Face::Mono, Ink::Text, scale * 1.3)
        }));
        // The provider's badge, where it cannot touch the names of the tiles below (on a small
        // plane the tile's colour and its tooltip still say it).
        let badge = format!("L{p}");
        let bw = crate::text::width(&badge, badge_px, Face::Sans);
        // The tiles below: (x+1, y), (x, y+1) and (x+1, y+1), each with its offset on the canvas.
        let right = i % cols + 1 < cols;
        let below = [
            (right.then_some(i + 1), 0.866 * scale, 0.5 * scale),
            (Some(i + cols), 0.866 * scale, 0.5 * scale),
            (right.then_some(i + cols + 1), 0.0, scale),
        ];
        let clear = below.into_iter().all(|(j, dx, dy)| {
            let Some(j) = j else { return true };
            let Some(w) = name_w.get(j).copied().or((j == regions.len() && hidden > 0).then_some(70.0)) else {
                return true;
            };
            dx >= (bw + w) / 2.0 + 1.0 || dy - 1.0 - 0.78 * name_px >= BADGE_DY + 0.2 * badge_px + 1.0
        });
        if clear {
            r.shapes.push(Shape::Text(TextRun {
                anchor: Anchor::Middle,
                bold: true,
                ..text(pt(c.x, c.y + BADGE_DY), Label::Text(badge), badge_px, Face::Sans, Ink::LayerStrong(p), scale)
            }));
        }
        plane.children.push(r);
    }
    if hidden > 0 {
        let i = regions.len();
        let q = quad_at(i, 0.0, 0.06);
        let mut more = Item::new("region-more", Rect::around(&q));
        more.data.push(("data-more", hidden.to_string()));
        more.shapes.push(Shape::Polygon {
            points: q.to_vec(),
            paint: Paint::outlined(Ink::None, Ink::Muted, 1.2).dashed(3.0),
        });
        let c = centre(i, 0.0);
        more.shapes.push(Shape::Text(TextRun {
            anchor: Anchor::Middle,
            ..text(pt(c.x, c.y + 4.0), Label::More(hidden), px_(10.5), Face::Sans, Ink::Muted, scale * 1.3)
        }));
        plane.children.push(more);
    }
    let merged_label = if narrow {
        // Under the plane, centred on its front corner.
        let front = iso.project(px + pw, py + ph, -PLANE_T);
        TextRun {
            anchor: Anchor::Middle,
            bold: true,
            ..text(pt(front.x, front.y + 20.0), Label::MergedView, 13.0, Face::Sans, Ink::Text, width - 2.0 * MARGIN)
        }
    } else {
        let left = iso.project(px, py + ph, 0.0);
        TextRun {
            anchor: Anchor::End,
            bold: true,
            ..text(pt(left.x - 14.0, left.y + 4.0), Label::MergedView, 13.0, Face::Sans, Ink::Text, LABELS_W)
        }
    };
    plane.shapes.push(Shape::Text(merged_label));
    items.push(plane);

    // The plates, base first (painted bottom up), faded as they sink into the plane.
    let opacity = 0.2 + 0.8 * lift;
    // On a phone the plates' labels lie over the plates above them: drawn last, on top.
    let mut labels = Vec::new();
    // The drops' last stretches, on the plane: drawn with it, under its regions.
    let mut on_plane = Vec::new();
    for k in 0..model.layers {
        let mut drops = Vec::new();
        let z = z_of(k) + PLATE_T;
        let layer = image.layers.get(k);
        let dim = params.highlight.is_some_and(|h| h != k);
        let bounds = Rect::around(&slab(&iso, wx, wy, z, PLATE_T).concat());
        let mut plate = crate::plate::item(image, k, bounds, params.highlight == Some(k));
        let o = if dim { opacity * 0.35 } else { opacity };
        let face_o = o * if contributes.get(k).copied().unwrap_or(false) { 0.72 } else { 0.55 };
        let edge = if plate.selected { Ink::Accent } else { Ink::LayerStrong(k) };
        let w = if plate.selected { 2.5 } else { 1.2 };
        for face in slab_faces(&iso, wx, wy, z, PLATE_T) {
            plate.shapes.push(Shape::Polygon {
                points: face.to_vec(),
                paint: Paint::outlined(Ink::LayerSide(k), edge, w).faded(face_o),
            });
        }
        plate.shapes.push(Shape::Polygon {
            points: iso.quad(0.0, 0.0, wx, wy, z).to_vec(),
            paint: Paint::outlined(Ink::LayerTop(k), edge, w).faded(face_o),
        });
        for (i, child) in regions.iter().enumerate() {
            for (n, cell) in child.cells.iter().filter(|c| c.layer() == k).enumerate() {
                let q = quad_at(i, z, INSET + 0.04);
                let (paint, state) = match cell {
                    Cell::Copy(c) if c.fate == Fate::Visible => {
                        (Paint::outlined(Ink::LayerStrong(k), Ink::LayerStrong(k), 1.0), "visible")
                    }
                    Cell::Copy(c) => {
                        (Paint::outlined(Ink::None, Ink::LayerStrong(k), 1.2).dashed(2.5), c.fate.as_str())
                    }
                    Cell::Group(g) if g.shown => {
                        (Paint::outlined(Ink::LayerFill(k), Ink::LayerStrong(k), 1.2), "visible")
                    }
                    Cell::Group(_) => (Paint::outlined(Ink::None, Ink::LayerStrong(k), 1.2).dashed(2.5), "hidden"),
                    Cell::Whiteout { .. } => (Paint::outlined(Ink::Whiteout, Ink::Whiteout, 1.0), "whiteout"),
                };
                let mut mark = Item::new(format!("copy-{k}-{n}-{}", child.path), Rect::around(&q));
                mark.layer = Some(k);
                mark.data.push(("data-copy-path", child.path.clone()));
                mark.data.push(("data-state", state.to_owned()));
                mark.shapes.push(Shape::Polygon { points: q.to_vec(), paint: paint.faded(o) });
                plate.children.push(mark);
                let provides = child.merged.is_some_and(|m| m.layer == k) && state == "visible";
                if provides && lift > 0.05 {
                    // Down to the region's back corner (straight below the copy's centre), so the
                    // line stops where the region starts and never crosses its name. Through the
                    // air it is drawn over the plates below; from the plane's far edge on it lies
                    // on the plane, under the regions behind its own (their names stay clear).
                    let (from, to) = (centre(i, z), quad_at(i, 0.0, 0.06)[0]);
                    let meet =
                        far_edge_y(&outline, from.x).filter(|y| *y > from.y && *y < to.y).map_or(to, |y| pt(from.x, y));
                    if meet != to {
                        on_plane.push(Shape::Line {
                            from: meet,
                            to,
                            ink: Ink::LayerStrong(k),
                            width: 1.0,
                            dash: Some(2.0),
                            arrow: false,
                        });
                    }
                    let to = meet;
                    let mut d = Item::new(
                        format!("drop-{k}-{n}-{}", child.path),
                        Rect::new(from.x, from.y, 1.0, to.y - from.y),
                    );
                    d.layer = Some(k);
                    d.data.push(("data-drop", child.path.clone()));
                    d.shapes.push(Shape::Line {
                        from,
                        to,
                        ink: Ink::LayerStrong(k),
                        width: 1.0,
                        dash: Some(2.0),
                        arrow: false,
                    });
                    drops.push(d);
                }
            }
        }
        let corner = iso.project(0.0, wy, z - PLATE_T / 2.0);
        let id = layer.and_then(|l| l.diff_id.as_ref()).map(|d| d.short().to_owned()).unwrap_or_default();
        let chip = if narrow {
            Rect::new(corner.x + 2.0, corner.y - 8.0, 34.0, 15.0)
        } else {
            Rect::new(corner.x - 132.0 - 40.0, corner.y - 8.0, 34.0, 15.0)
        };
        let names_w = if narrow { width - MARGIN - chip.x } else { LABELS_W };
        let mut label = Item::new(format!("plate-label-{k}"), Rect::new(chip.x, chip.y - 16.0, names_w, 31.0));
        label.layer = Some(k);
        // The names of what the plate holds here, above its badge (in the open gap a plate that
        // holds copies has above it): as many as fit, then "+N"; a whiteout by its name in the tar.
        let names: Vec<String> = regions
            .iter()
            .filter_map(|c| {
                let cell = c.cells.iter().find(|x| x.layer() == k)?;
                let name = crate::text::visible(&c.name);
                Some(match cell {
                    Cell::Whiteout { .. } => format!(".wh.{name}"),
                    _ if c.is_dir => format!("{name}/"),
                    _ => name,
                })
            })
            .collect();
        let line = names_line(&names, names_w - 4.0, px_(NAMES_PX));
        let shapes = if narrow { &mut label.shapes } else { &mut plate.shapes };
        if narrow {
            // On a phone the label lies over the plates above: a backing of the page's colour
            // behind its id and names keeps them legible without hiding those plates.
            let names_end = line.as_ref().map_or(0.0, |l| crate::text::width(l, px_(NAMES_PX), Face::Mono));
            let id_end = chip.w + 6.0 + crate::text::width(&id, 11.0, Face::Mono);
            let top = if line.is_some() { chip.y - 5.0 - px_(NAMES_PX) - 1.0 } else { chip.y - 2.0 };
            let w = (names_end.max(id_end) + 6.0).min(names_w + 3.0);
            shapes.push(Shape::Rect {
                rect: Rect::new(chip.x - 3.0, top, w, chip.bottom() + 2.0 - top),
                rx: 3.0,
                paint: Paint::fill(Ink::Background).faded(0.82),
            });
        }
        crate::plate::chip(shapes, chip, k, 11.0, if dim { 0.5 } else { 1.0 });
        shapes.push(Shape::Text(text(
            pt(chip.right() + 6.0, chip.y + 11.5),
            Label::Text(id),
            11.0,
            Face::Mono,
            if dim { Ink::Muted } else { Ink::Text },
            120.0,
        )));
        if let Some(line) = line {
            let ink = if dim { Ink::Muted } else { Ink::Text };
            plate.data.push(("data-names", names.len().to_string()));
            let shapes = if narrow { &mut label.shapes } else { &mut plate.shapes };
            shapes.push(Shape::Text(text(
                pt(chip.x, chip.y - 5.0),
                Label::Text(line),
                px_(NAMES_PX),
                Face::Mono,
                ink,
                names_w,
            )));
        }
        if narrow {
            labels.push(label);
        }
        items.push(plate);
        // A plate's drops lie between it and the plane: under every plate above it.
        items.extend(drops);
    }
    items.extend(labels);
    if let Some(plane) = items.iter_mut().find(|i| i.id == "merged-plane") {
        plane.shapes.extend(on_plane);
    }
    let heading_w = (LABELS_W + 180.0).min(width - 2.0 * MARGIN);
    let mut heading = Item::new("lower-layers", Rect::new(MARGIN, top_y - 40.0, heading_w, 24.0));
    heading.shapes.push(Shape::Text(TextRun {
        bold: true,
        ..text(pt(MARGIN + 4.0, top_y - 22.0), Label::LowerLayers, 13.0, Face::Sans, Ink::Text, heading_w)
    }));
    items.push(heading);
    let bottom = iso.project(px + pw, py + ph, 0.0).y + PLANE_T * scale + if narrow { 28.0 } else { 0.0 };
    Scene {
        view: ViewKind::Union,
        width,
        height: bottom + MARGIN + 10.0,
        title: Label::Title { view: ViewKind::Union, image: image_name(image), focus: Some(model.focus.clone()) },
        desc: Label::Desc {
            view: ViewKind::Union,
            layers: model.layers,
            written: model.written,
            visible: model.visible,
        },
        items,
    }
}

/// Where the vertical line at `x` meets the far edges of `quad` (an isometric quad: its back
/// corner first, then the right one, the front one and the left one), if it does.
fn far_edge_y(quad: &[Point; 4], x: f32) -> Option<f32> {
    let [back, right, _, left] = *quad;
    [right, left]
        .into_iter()
        .filter_map(|end| {
            let (x0, x1) = (back.x.min(end.x), back.x.max(end.x));
            (x >= x0 && x <= x1 && x1 > x0).then(|| back.y + (x - back.x) / (end.x - back.x) * (end.y - back.y))
        })
        .reduce(f32::min)
}

/// The corners of a slab's top (at `z`) and of its bottom (at `z - t`).
fn slab(iso: &Isometric, wx: f32, wy: f32, z: f32, t: f32) -> [[Point; 4]; 2] {
    [iso.quad(0.0, 0.0, wx, wy, z), iso.quad(0.0, 0.0, wx, wy, z - t)]
}

/// The two faces of a slab that face the viewer (its +y and +x sides).
fn slab_faces(iso: &Isometric, wx: f32, wy: f32, z: f32, t: f32) -> [[Point; 4]; 2] {
    let p = |x: f32, y: f32, z: f32| iso.project(x, y, z);
    [
        [p(0.0, wy, z), p(wx, wy, z), p(wx, wy, z - t), p(0.0, wy, z - t)],
        [p(wx, 0.0, z), p(wx, wy, z), p(wx, wy, z - t), p(wx, 0.0, z - t)],
    ]
}

/// `names` joined with two spaces at `size` px, as many as fit in `max` px, then "+N" for the rest; `None`
/// when there are none.
fn names_line(names: &[String], max: f32, size: f32) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let w = |s: &str| crate::text::width(s, size, Face::Mono);
    let mut line = String::new();
    for (i, n) in names.iter().enumerate() {
        let more = names.len() - i - 1;
        let next = if line.is_empty() { n.clone() } else { format!("{line}  {n}") };
        let tail = if more > 0 { format!("  +{more}") } else { String::new() };
        if w(&format!("{next}{tail}")) <= max {
            line = next;
            continue;
        }
        let rest = names.len() - i;
        return Some(if line.is_empty() {
            // Not even the first fits beside its "+N": it is cut short.
            let tail = if rest > 1 { format!("  +{}", rest - 1) } else { String::new() };
            format!("{}{tail}", crate::text::fit(n, max - w(&tail), size, Face::Mono))
        } else {
            format!("{line}  +{rest}")
        });
    }
    Some(line)
}
