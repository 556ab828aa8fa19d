//! Layout properties of every figure, on the in-memory images and on every shared fixture: shapes
//! stay inside the canvas, no two tiles overlap, there is one tile per copy and one plate per layer,
//! and every count equals the core's.

mod common;

use common::{en, fixture_analyses, samples};
use std::collections::{BTreeMap, BTreeSet};
use strata_core::copies::copies;
use strata_core::layer::EntryKind;
use strata_core::merge::ChangeKind;
use strata_core::{path, Image};
use strata_diagram::geom::Rect;
use strata_diagram::scene::{Item, Shape};
use strata_diagram::svg::{to_svg, SvgOptions};
use strata_diagram::{figure, DirModel, FigureParams, Scene, Theme, ViewKind};

fn is_tile(i: &Item) -> bool {
    ["tile-path", "group-path", "merged-path", "more"].iter().any(|k| i.data(k).is_some())
}

fn shape_bounds(s: &Shape) -> Option<Rect> {
    match s {
        Shape::Rect { rect, .. } => Some(*rect),
        Shape::Polygon { points, .. } => Some(Rect::around(points)),
        Shape::Line { from, to, .. } => Some(Rect::around(&[*from, *to])),
        Shape::Text(_) => None,
    }
}

/// The directories a figure test looks into: the root and every directory of the merged tree's
/// first two levels (capped, so 100 fixtures stay quick), plus deleted ones.
fn dirs(img: &Image) -> Vec<String> {
    let mut out: BTreeSet<String> = ["/".to_owned()].into();
    for l in &img.layers {
        for c in &l.changes {
            if c.node.kind == EntryKind::Dir && c.node.path.matches('/').count() <= 2 {
                out.insert(c.node.path.to_string());
            }
        }
    }
    out.into_iter().take(12).collect()
}

fn check(name: &str, img: &Image, view: ViewKind, focus: &str) -> Scene {
    let scene = figure(img, view, &FigureParams { focus: focus.to_owned(), ..Default::default() });
    let ctx = format!("{name} {} {focus}", view.key());
    let canvas = Rect::new(0.0, 0.0, scene.width, scene.height);
    for it in scene.all() {
        for s in &it.shapes {
            if let Some(b) = shape_bounds(s) {
                assert!(canvas.contains(&b), "{ctx}: {} draws outside the canvas: {b:?} in {canvas:?}", it.id);
            }
        }
    }
    // Ids are unique.
    let ids: Vec<&str> = scene.all().map(|i| i.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "{ctx}: duplicate ids");
    // One plate per layer, with the core's diff_id.
    let plates: Vec<&Item> = scene.with_data("layer-index").collect();
    assert_eq!(plates.len(), img.layers.len(), "{ctx}: plates");
    for (k, l) in img.layers.iter().enumerate() {
        let p = plates
            .iter()
            .find(|p| p.data("layer-index") == Some(&k.to_string()))
            .unwrap_or_else(|| panic!("{ctx}: no plate {k}"));
        assert_eq!(p.data("diff-id"), Some(l.diff_id.as_ref().map(ToString::to_string).unwrap_or_default().as_str()));
    }
    // No two tiles overlap.
    let tiles: Vec<&Item> = scene.all().filter(|i| is_tile(i)).collect();
    for (a, ta) in tiles.iter().enumerate() {
        for tb in tiles.iter().skip(a + 1) {
            assert!(!ta.bounds.overlaps(&tb.bounds), "{ctx}: {} overlaps {}", ta.id, tb.id);
        }
    }
    if view == ViewKind::Layers {
        check_layers(&ctx, img, focus, &scene);
    }
    if view == ViewKind::Union {
        check_union(&ctx, img, focus, &scene);
    }
    // The SVG is valid XML whatever the names.
    let svg = to_svg(&scene, &SvgOptions { theme: Theme::Dark, lang: "en", words: &en });
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{ctx}: invalid SVG: {e}"));
    assert_eq!(doc.root_element().attribute("data-view"), Some(view.key()));
    scene
}

fn check_layers(ctx: &str, img: &Image, focus: &str, scene: &Scene) {
    let model = DirModel::new(img, focus);
    // Counts as the core has them.
    let written = img
        .layers
        .iter()
        .flat_map(|l| &l.changes)
        .filter(|c| {
            c.change != ChangeKind::Deleted && c.node.kind != EntryKind::Dir && path::is_below(&c.node.path, focus)
        })
        .count();
    let visible = img.tree.nodes.iter().filter(|n| n.kind != EntryKind::Dir && path::is_below(&n.path, focus)).count();
    let counts = scene.item("figure-counts").unwrap_or_else(|| panic!("{ctx}: no counts"));
    assert_eq!(counts.data("layers"), Some(img.layers.len().to_string().as_str()), "{ctx}");
    assert_eq!(counts.data("written"), Some(written.to_string().as_str()), "{ctx}: written");
    assert_eq!(counts.data("visible"), Some(visible.to_string().as_str()), "{ctx}: visible");
    // One tile per copy of every child shown, in its layer, with its fate; none for the rest.
    let all = copies(img, |p| path::parent(p) == model.focus && p != model.focus);
    let shown_children: BTreeSet<&str> =
        scene.all().filter_map(|i| i.data("tile-path").or(i.data("group-path")).or(i.data("merged-path"))).collect();
    let mut expected: BTreeMap<(String, String), String> = BTreeMap::new();
    for (p, list) in &all {
        if !shown_children.contains(p) {
            continue;
        }
        for c in list.iter().filter(|c| c.node.kind != EntryKind::Dir) {
            expected.insert(((*p).to_owned(), c.layer.to_string()), c.fate.as_str().to_owned());
        }
    }
    let mut drawn: BTreeMap<(String, String), String> = BTreeMap::new();
    for it in scene.all().filter(|i| i.data("tile-path").is_some() && i.data("state") != Some("whiteout")) {
        let key = (it.data("tile-path").unwrap_or("").to_owned(), it.data("layer").unwrap_or("").to_owned());
        assert!(
            drawn.insert(key.clone(), it.data("state").unwrap_or("").to_owned()).is_none(),
            "{ctx}: two tiles for {key:?}"
        );
    }
    assert_eq!(drawn, expected, "{ctx}: tiles vs copies");
    // Whiteouts: one per marker of a shown child, in the layer that holds it.
    for it in scene.all().filter(|i| i.data("state") == Some("whiteout")) {
        let (p, k) = (it.data("tile-path").unwrap_or(""), it.data("layer").and_then(|k| k.parse::<usize>().ok()));
        let layer = k.and_then(|k| img.layers.get(k)).unwrap_or_else(|| panic!("{ctx}: whiteout without layer"));
        assert!(
            layer.markers.iter().any(|m| match m {
                strata_core::layer::Marker::Whiteout(w) => w == p,
                strata_core::layer::Marker::Opaque(d) => d == p,
            }),
            "{ctx}: whiteout {p} not in layer {k:?}"
        );
    }
    // Group counts: non-directory copies the layer writes under the directory.
    for it in scene.all().filter(|i| i.data("group-path").is_some()) {
        let (d, k) = (
            it.data("group-path").unwrap_or(""),
            it.data("layer").and_then(|k| k.parse::<usize>().ok()).unwrap_or(usize::MAX),
        );
        let n = img.layers.get(k).map_or(0, |l| {
            l.changes
                .iter()
                .filter(|c| {
                    c.change != ChangeKind::Deleted && c.node.kind != EntryKind::Dir && path::is_below(&c.node.path, d)
                })
                .count()
        });
        assert_eq!(it.data("count"), Some(n.to_string().as_str()), "{ctx}: group {d} in layer {k}");
    }
}

fn check_union(ctx: &str, img: &Image, focus: &str, scene: &Scene) {
    let plane = scene.item("merged-plane").unwrap_or_else(|| panic!("{ctx}: no plane"));
    assert_eq!(plane.data("testid"), Some("merged-plane"));
    let children: Vec<_> =
        img.tree.nodes.iter().filter(|n| path::parent(&n.path) == focus && n.path != focus).collect();
    let regions: Vec<&Item> = plane.children.iter().filter(|r| r.data("path").is_some()).collect();
    assert_eq!(regions.len(), children.len().min(strata_diagram::union::MAX_REGIONS), "{ctx}: regions");
    for r in regions {
        let n = children
            .iter()
            .find(|n| Some(n.path.as_str()) == r.data("path"))
            .unwrap_or_else(|| panic!("{ctx}: region {:?}", r.data("path")));
        assert_eq!(r.data("layer"), Some(n.layer.to_string().as_str()), "{ctx}: provider of {}", n.path);
    }
    // A drop through the air ends at the plane's far edge: above every region's name and badge
    // (the rest of its way lies on the plane, under the regions).
    let words: Vec<(f32, f32, f32)> = plane
        .children
        .iter()
        .flat_map(|r| &r.shapes)
        .filter_map(|s| match s {
            Shape::Text(t) => Some((t.at.x, t.at.y - t.size, t.max_width / 2.0)),
            _ => None,
        })
        .collect();
    for d in scene.all().filter(|i| i.data("drop").is_some()) {
        for &(x, top, half) in &words {
            if (d.bounds.x - x).abs() < half {
                assert!(d.bounds.bottom() <= top, "{ctx}: {} crosses a region's words at ({x}, {top})", d.id);
            }
        }
    }
}

#[test]
fn every_figure_of_the_in_memory_images_keeps_its_properties() {
    for (name, a) in samples() {
        for img in &a.images {
            for focus in dirs(img) {
                for view in ViewKind::ALL {
                    check(name, img, view, &focus);
                }
            }
        }
    }
}

/// Drawn for a projector's wide card (`aspect`), the union figure is as wide and shorter, with
/// the same regions and plates and every shape on its canvas: on the card it is scaled up, not
/// down, so its text reads.
#[test]
fn the_union_figure_drawn_for_a_wide_card_is_shorter_and_complete() {
    for (name, a) in samples() {
        let img = &a.images[0];
        let tall = figure(img, ViewKind::Union, &FigureParams::default());
        let wide = figure(img, ViewKind::Union, &FigureParams { aspect: Some(0.45), ..Default::default() });
        assert_eq!(wide.width, tall.width, "{name}");
        assert!(wide.height < tall.height, "{name}: {} not under {}", wide.height, tall.height);
        let count = |s: &Scene, k: &str| s.with_data(k).count();
        for k in ["layer-index", "path", "drop", "copy-path"] {
            assert_eq!(count(&wide, k), count(&tall, k), "{name}: {k}");
        }
        let canvas = Rect::new(0.0, 0.0, wide.width, wide.height);
        for it in wide.all() {
            for b in it.shapes.iter().filter_map(shape_bounds) {
                assert!(canvas.contains(&b), "{name}: {} outside the canvas", it.id);
            }
        }
    }
}

/// On a projector's wide card with room below it, the layers figure is drawn on a narrower canvas
/// that still fits the card, so scaled to the card it is larger (its text with it); the same
/// tiles and plates, every shape on its canvas, every layer check of the default figure kept.
/// Without room (a card as short as the figure) it is the default figure.
#[test]
fn the_layers_figure_on_a_wide_card_is_drawn_larger_when_there_is_room() {
    let mut zoomed = 0;
    for (name, a) in samples() {
        let img = &a.images[0];
        for focus in dirs(img) {
            let params = FigureParams { focus: focus.clone(), ..Default::default() };
            let default = figure(img, ViewKind::Layers, &params);
            let card = FigureParams { aspect: Some(0.55), ..params.clone() };
            let on_card = figure(img, ViewKind::Layers, &card);
            let ctx = format!("{name} {focus}");
            assert!(on_card.width <= default.width && on_card.width >= strata_diagram::layers::NARROW, "{ctx}");
            if on_card.width < default.width {
                zoomed += 1;
                assert!(on_card.height <= 0.55 * on_card.width, "{ctx}: it fits the card");
            }
            check_layers(&ctx, img, &focus, &on_card);
            let count = |s: &Scene, k: &str| s.with_data(k).count();
            for k in ["layer-index", "tile-path"] {
                assert_eq!(count(&on_card, k), count(&default, k), "{ctx}: {k}");
            }
            let canvas = Rect::new(0.0, 0.0, on_card.width, on_card.height);
            for it in on_card.all() {
                for b in it.shapes.iter().filter_map(shape_bounds) {
                    assert!(canvas.contains(&b), "{ctx}: {} outside the canvas", it.id);
                }
            }
            let no_room = FigureParams { aspect: Some(0.01), ..params.clone() };
            assert_eq!(figure(img, ViewKind::Layers, &no_room), default, "{ctx}: no room, no change");
        }
    }
    assert!(zoomed > 5, "most sample figures have room on a wide card: {zoomed}");
}

#[test]
fn the_textbook_counts() {
    let all = samples();
    let get = |n: &str| &all.iter().find(|(k, _)| *k == n).expect("sample").1.images[0];
    let counts = |img: &Image| {
        let s = check("count", img, ViewKind::Layers, "/");
        let c = s.item("figure-counts").cloned().expect("counts");
        (
            c.data("layers").map(str::to_owned),
            c.data("written").map(str::to_owned),
            c.data("visible").map(str::to_owned),
        )
    };
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        counts(get("two-layers")),
        (s("2"), s("6"), s("6")),
        "fig 6.6: two layers of three files, six in the image"
    );
    assert_eq!(counts(get("replace")), (s("3"), s("7"), s("6")), "fig 6.7: file 7 replaces file 5");
    let scene = check("replace", get("replace"), ViewKind::Layers, "/");
    let state = |p: &str, k: &str| {
        scene
            .all()
            .find(|i| i.data("tile-path") == Some(p) && i.data("layer") == Some(k))
            .and_then(|i| i.data("state"))
            .map(str::to_owned)
    };
    assert_eq!(state("/file5", "1"), s("replaced"));
    assert_eq!(state("/file5", "2"), s("visible"));
    assert!(scene.with_data("link").any(|i| i.data("link") == Some("replaced") && i.data("link-to") == Some("2")));
    let w = check("whiteouts", get("whiteouts"), ViewKind::Layers, "/etc");
    let st = |s: &Scene, p: &str, k: &str| {
        s.all()
            .find(|i| i.data("tile-path") == Some(p) && i.data("layer") == Some(k))
            .and_then(|i| i.data("state"))
            .map(str::to_owned)
    };
    assert_eq!(st(&w, "/etc/app.conf", "0"), s("deleted"));
    assert_eq!(st(&w, "/etc/app.conf", "1"), s("whiteout"));
    let opt = check("whiteouts", get("whiteouts"), ViewKind::Layers, "/opt/legacy");
    assert_eq!(st(&opt, "/opt/legacy/old1.txt", "0"), s("deleted"));
    assert_eq!(st(&opt, "/opt/legacy", "2"), s("whiteout"), "the opaque marker, in the layer that holds it");
    let opt_parent = check("whiteouts", get("whiteouts"), ViewKind::Layers, "/opt");
    assert_eq!(st(&opt_parent, "/opt/legacy", "2"), s("whiteout"), "and seen from its parent");
}

#[test]
fn every_figure_of_every_shared_fixture_keeps_its_properties() {
    let all = fixture_analyses();
    if all.is_empty() {
        return;
    }
    assert!(all.len() > 80, "only {} fixtures read", all.len());
    for (name, a) in &all {
        for img in &a.images {
            for focus in dirs(img) {
                for view in [ViewKind::Layers, ViewKind::Union] {
                    check(name, img, view, &focus);
                }
            }
            check(name, img, ViewKind::Stack, "/");
        }
    }
}

#[test]
fn the_vizapp_figure_says_what_the_ground_truth_says() {
    let Some(dir) = common::fixtures() else { return };
    let bytes = std::fs::read(dir.join("real/02-docker20-vizapp-legacy-overlay2.tar")).expect("fixture 02");
    let a = strata_core::analyze_bytes(&bytes).expect("reads");
    let img = &a.images[0];
    let s = check("02", img, ViewKind::Layers, "/etc/app");
    let state = |s: &Scene, p: &str, k: &str| {
        s.all()
            .find(|i| i.data("tile-path") == Some(p) && i.data("layer") == Some(k))
            .and_then(|i| i.data("state"))
            .map(str::to_owned)
    };
    assert_eq!(state(&s, "/etc/app/config.ini", "0").as_deref(), Some("replaced"));
    assert_eq!(state(&s, "/etc/app/config.ini", "4").as_deref(), Some("visible"), "COPY config.ini is the 5th layer");
    let legacy = check("02", img, ViewKind::Layers, "/opt/legacy");
    assert_eq!(state(&legacy, "/opt/legacy/a.txt", "0").as_deref(), Some("deleted"));
    assert_eq!(state(&legacy, "/opt/legacy", "6").as_deref(), Some("whiteout"));
    let srv = check("02", img, ViewKind::Layers, "/srv/app");
    assert_eq!(state(&srv, "/srv/app/build-cache.tmp", "3").as_deref(), Some("deleted"), "added by layer 3");
    assert_eq!(state(&srv, "/srv/app/build-cache.tmp", "5").as_deref(), Some("whiteout"), "deleted by layer 5");
}
