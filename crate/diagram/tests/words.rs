//! The union, layers, stack and compare figures' words never overlap: every text run's box (its drawn words
//! measured with the figure's own metrics, placed by its anchor) against every other, on the
//! in-memory images and the fixtures, at the root and each directory the figure tests look into,
//! in both languages, on the default canvas and a phone's (where no text is under 11 px and
//! everything stays inside the canvas), and the union figure drawn for a projector's wide card.
//! The page's e2e tests check the same with the browser's own text boxes.

mod common;

use common::{en, fixture_analyses, samples, zh};
use strata_diagram::geom::Rect;
use strata_diagram::scene::{Anchor, Shape};
use strata_diagram::svg::run_text;
use strata_diagram::text::width;
use strata_diagram::{figure, FigureParams, Label, Scene, ViewKind};

fn boxes(scene: &Scene, words: &dyn Fn(&Label) -> String) -> Vec<(Rect, String)> {
    let mut out = Vec::new();
    for it in scene.all() {
        for s in &it.shapes {
            let Shape::Text(run) = s else { continue };
            let shown = run_text(run, words);
            if shown.trim().is_empty() {
                continue;
            }
            let w = width(&shown, run.size, run.face);
            let x = match run.anchor {
                Anchor::Start => run.at.x,
                Anchor::Middle => run.at.x - w / 2.0,
                Anchor::End => run.at.x - w,
            };
            out.push((Rect::new(x, run.at.y - 0.78 * run.size, w, 0.98 * run.size), shown));
        }
    }
    out
}

fn no_overlap(ctx: &str, scene: &Scene, words: &dyn Fn(&Label) -> String) {
    let b = boxes(scene, words);
    assert!(b.len() >= 3, "{ctx}: the figure has its heading, a badge and the plane's name at least");
    for (i, (r, t)) in b.iter().enumerate() {
        for (q, u) in &b[i + 1..] {
            let dx = r.right().min(q.right()) - r.x.max(q.x);
            let dy = r.bottom().min(q.bottom()) - r.y.max(q.y);
            assert!(dx <= 1.0 || dy <= 1.0, "{ctx}: \"{t}\" {r:?} overlaps \"{u}\" {q:?}");
        }
    }
}

/// Every shape and text box inside the canvas.
fn inside(ctx: &str, scene: &Scene) {
    let canvas = Rect::new(-0.5, -0.5, scene.width + 1.0, scene.height + 1.0);
    for it in scene.all() {
        for s in &it.shapes {
            let b = match s {
                Shape::Rect { rect, .. } => *rect,
                Shape::Polygon { points, .. } => Rect::around(points),
                Shape::Line { from, to, .. } => Rect::around(&[*from, *to]),
                Shape::Text(_) => continue,
            };
            assert!(canvas.contains(&b), "{ctx}: {} draws outside the canvas: {b:?}", it.id);
        }
    }
    for (b, t) in boxes(scene, &en) {
        assert!(canvas.contains(&b), "{ctx}: \"{t}\" is outside the canvas: {b:?}");
    }
}

/// On a phone the canvas is drawn at its size: no text under 11 px.
fn small_text(ctx: &str, scene: &Scene) {
    for it in scene.all() {
        for s in &it.shapes {
            if let Shape::Text(run) = s {
                assert!(run.size >= 11.0, "{ctx}: {} draws {:?} at {} px", it.id, run.label, run.size);
            }
        }
    }
}

fn dirs(img: &strata_core::Image) -> Vec<String> {
    let mut out = vec!["/".to_owned()];
    out.extend(
        img.tree
            .nodes
            .iter()
            .filter(|n| n.kind == strata_core::layer::EntryKind::Dir && n.path.matches('/').count() <= 2)
            .map(|n| n.path.to_string())
            .take(12),
    );
    out
}

fn check_all(name: &str, a: &strata_core::Analysis) {
    for img in &a.images {
        for (focus, view) in dirs(img).into_iter().flat_map(|f| {
            [
                (f.clone(), ViewKind::Union),
                (f.clone(), ViewKind::Layers),
                (f.clone(), ViewKind::Stack),
                (f, ViewKind::Compare),
            ]
        }) {
            // The default canvas, and a phone's (the page asks for its width less its padding).
            for width in [None, Some(342.0)] {
                let params = FigureParams { focus: focus.clone(), width, ..Default::default() };
                let scene = figure(img, view, &params);
                let name = format!("{name} {}", view.key());
                no_overlap(&format!("{name} {focus} {width:?} en"), &scene, &en);
                no_overlap(&format!("{name} {focus} {width:?} zh-CN"), &scene, &zh);
                if let Some(w) = width {
                    small_text(&format!("{name} {focus}"), &scene);
                    assert_eq!(scene.width, w, "the phone's canvas");
                    inside(&format!("{name} {focus}"), &scene);
                }
            }
            // The union and layers figures drawn for a projector's wide card (presenter mode at
            // 1280×800).
            if matches!(view, ViewKind::Union | ViewKind::Layers) {
                let params = FigureParams { focus: focus.clone(), aspect: Some(0.48), ..Default::default() };
                let scene = figure(img, view, &params);
                no_overlap(&format!("{name} {} {focus} wide en", view.key()), &scene, &en);
                no_overlap(&format!("{name} {} {focus} wide zh-CN", view.key()), &scene, &zh);
            }
        }
    }
}

#[test]
fn no_words_overlap_on_the_samples() {
    for (name, a) in samples() {
        check_all(name, &a);
    }
}

#[test]
fn no_words_overlap_on_the_real_fixtures() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !dir.exists() {
        eprintln!("\n!!!!! SKIPPED: {} (the shared fixtures) is absent !!!!!\n", dir.display());
        return;
    }
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "tar") {
            let a = strata_core::analyze_bytes(&std::fs::read(&p).expect("read")).expect("a real archive reads");
            check_all(&p.display().to_string(), &a);
            seen += 1;
        }
    }
    assert!(seen >= 5, "the real fixtures: {seen}");
}

#[test]
fn no_words_overlap_on_every_shared_fixture() {
    let all = fixture_analyses();
    if all.is_empty() {
        eprintln!("\n!!!!! SKIPPED: no shared fixtures (../shared/fixtures/public) !!!!!\n");
        return;
    }
    for (name, a) in &all {
        check_all(name, a);
    }
}
