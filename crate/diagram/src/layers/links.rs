//! The layers figure's connectors: from each replaced copy up to the copy that replaces it, from
//! each deleted copy up to the whiteout (or the plate) that hides it.

use super::*;

/// The connectors between the placed cells (band, column, rect) of the figure's bands.
pub(super) fn links(
    model: &DirModel<'_>,
    cols: &[Column],
    placed: &[(Band, usize, Rect)],
    bands: &[Item],
) -> Vec<Item> {
    let mut links = Vec::new();
    for (band, c, rect) in placed {
        let (Band::Layer(k), Some(Column::Child(i))) = (band, cols.get(*c)) else { continue };
        let Some(child) = model.children.get(*i) else { continue };
        for cell in child.cells.iter().filter(|x| x.layer() == *k) {
            let Cell::Copy(copy) = cell else { continue };
            let (by, kind, ink) = match copy.fate {
                Fate::Visible => continue,
                Fate::Replaced { by } => (by, "replaced", Ink::Muted),
                Fate::Deleted { by } => (by, "deleted", Ink::Deleted),
            };
            let target = placed
                .iter()
                .find(|(b, col, _)| {
                    *b == Band::Layer(by) && (*col == *c || cols.get(*col) == Some(&Column::Whiteouts(*i)))
                })
                .map(|(_, _, r)| *r);
            let band_bottom = bands.iter().find(|b| b.layer == Some(by)).map(|b| b.bounds.bottom());
            let to_y = target.map(|r| r.bottom()).or(band_bottom).unwrap_or(rect.y - 10.0);
            let to_x = target.map_or(rect.x + rect.w / 2.0, |r| r.x + r.w / 2.0);
            let mut it = Item::new(format!("link-{k}-{}", child.path), Rect::new(rect.x, to_y, rect.w, rect.y - to_y));
            it.layer = Some(*k);
            it.data.push(("data-link", kind.to_owned()));
            it.data.push(("data-link-from", k.to_string()));
            it.data.push(("data-link-to", by.to_string()));
            it.shapes.push(Shape::Line {
                from: pt(rect.x + rect.w / 2.0, rect.y),
                to: pt(to_x, to_y + 2.0),
                ink,
                width: 1.5,
                dash: Some(if kind == "deleted" { 2.5 } else { 4.0 }),
                arrow: true,
            });
            links.push(it);
        }
    }
    links
}
