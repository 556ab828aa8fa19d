//! The breadcrumb over the layers, union and size-map figures: the root, then each ancestor of the
//! focused directory, each one a link that focuses its directory (`data-crumb`).

use crate::geom::{pt, Rect};
use crate::scene::{text, Activate, Ink, Item, Label, Shape, TextRun};
use crate::text::Face;
use strata_core::path;

const MARGIN: f32 = 24.0;

/// The breadcrumb of `focus` on a canvas `width` wide: the root, then each ancestor; each one
/// focuses its directory. Where they do not fit, the ancestors after the root go first (then the
/// last name is cut short).
pub(crate) fn breadcrumb(focus: &str, width: f32) -> Vec<Item> {
    let mut items = Vec::new();
    let mut x = MARGIN;
    let mut dirs = vec!["/".to_owned()];
    let mut cur = String::new();
    for part in focus.split('/').filter(|p| !p.is_empty()) {
        cur.push('/');
        cur.push_str(part);
        dirs.push(cur.clone());
    }
    let crumb_w = |dir: &str| {
        let words = if dir == "/" { "/" } else { path::file_name(dir) };
        crate::text::width(words, 15.0, Face::Mono).min(220.0) + 12.0 + 16.0
    };
    let room = width - 2.0 * MARGIN;
    while dirs.len() > 2 && dirs.iter().map(|d| crumb_w(d)).sum::<f32>() > room {
        dirs.remove(1);
    }
    let last = dirs.len() - 1;
    for (n, dir) in dirs.iter().enumerate() {
        let label = Label::Text(if n == 0 { "/".to_owned() } else { crate::text::visible(path::file_name(dir)) });
        let words = if n == 0 { "/".to_owned() } else { path::file_name(dir).to_owned() };
        let max = (width - MARGIN - x - 12.0).clamp(12.0, 220.0);
        let w = crate::text::width(&words, 15.0, Face::Mono).min(max) + 12.0;
        let mut it = Item::new(format!("crumb-{n}"), Rect::new(x, MARGIN, w, 26.0));
        it.data.push(("data-crumb", dir.clone()));
        if n < last {
            it.activate = Some(Activate::Directory(dir.clone()));
        }
        it.nav = Some((0, n));
        it.shapes.push(Shape::Text(TextRun {
            bold: n == last,
            ..text(
                pt(x + 6.0, MARGIN + 18.0),
                label,
                15.0,
                Face::Mono,
                if n == last { Ink::Text } else { Ink::Accent },
                max,
            )
        }));
        x += w;
        if n < last {
            it.shapes.push(Shape::Text(text(
                pt(x + 2.0, MARGIN + 18.0),
                Label::Text("›".into()),
                15.0,
                Face::Sans,
                Ink::Muted,
                12.0,
            )));
            x += 16.0;
        }
        items.push(it);
    }
    items
}
