//! The layers figure's grid: one column per child of the focused directory, the same in every
//! plate, and which plate holds a cell in which column.

use super::*;

/// What a column of the grid holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// A whiteout of (or an opaque marker in) the focused directory itself.
    Here,
    /// A child (by index into the model's children).
    Child(usize),
    /// A child's whiteouts, when a layer also writes the child (they would share a cell).
    Whiteouts(usize),
    /// "+N more".
    More,
}

pub(super) fn needs_own_whiteout_column(c: &Child<'_>) -> bool {
    c.cells.iter().any(|w| {
        matches!(w, Cell::Whiteout { .. })
            && c.cells.iter().any(|o| o.layer() == w.layer() && !matches!(o, Cell::Whiteout { .. }))
    })
}

/// The columns of the grid and how many children did not fit.
pub(super) fn columns(model: &DirModel<'_>, geo: &Geo) -> (Vec<Column>, usize) {
    let capacity = geo.per_line() * MAX_LINES;
    let mut budget = capacity;
    loop {
        let picked = model.pick(budget);
        let mut cols = Vec::new();
        if !model.here.is_empty() {
            cols.push(Column::Here);
        }
        for &i in &picked {
            cols.push(Column::Child(i));
            if model.children.get(i).is_some_and(needs_own_whiteout_column) {
                cols.push(Column::Whiteouts(i));
            }
        }
        let hidden = model.children.len() - picked.len();
        if hidden > 0 {
            cols.push(Column::More);
        }
        if cols.len() <= capacity || budget == 0 {
            return (cols, hidden);
        }
        budget -= (cols.len() - capacity).min(budget);
    }
}

/// A band of the figure: the image's, or a layer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Band {
    Image,
    Layer(usize),
}

/// The cell of layer `k` in a child's column (its whiteouts may have a column of their own).
pub(super) fn cell_for<'m, 'a>(child: &'m Child<'a>, own_whiteout_column: bool, k: usize) -> Option<&'m Cell<'a>> {
    let is_wh = |x: &Cell<'_>| matches!(x, Cell::Whiteout { .. });
    match own_whiteout_column {
        true => child.cells.iter().find(|x| x.layer() == k && is_wh(x)),
        false => {
            let own = needs_own_whiteout_column(child);
            child.cells.iter().find(|x| x.layer() == k && !(own && is_wh(x)))
        }
    }
}

pub(super) fn has_cell(model: &DirModel<'_>, cols: &[Column], band: Band, c: usize) -> bool {
    let in_layer = |k: usize| match cols.get(c) {
        Some(Column::Here) => model.here.iter().any(|(l, _)| *l == k),
        Some(Column::Child(i)) => model.children.get(*i).is_some_and(|ch| cell_for(ch, false, k).is_some()),
        Some(Column::Whiteouts(i)) => model.children.get(*i).is_some_and(|ch| cell_for(ch, true, k).is_some()),
        Some(Column::More) => true,
        None => false,
    };
    match band {
        Band::Image => match cols.get(c) {
            Some(Column::Child(i)) => model.children.get(*i).is_some_and(|ch| ch.merged.is_some()),
            Some(Column::More) => true,
            _ => false,
        },
        Band::Layer(k) => {
            in_layer(k) && !(cols.get(c) == Some(&Column::More) && hidden_in(model, cols, Band::Layer(k)) == 0)
        }
    }
}

/// Children a band holds that did not fit.
pub(super) fn hidden_in(model: &DirModel<'_>, cols: &[Column], band: Band) -> usize {
    model
        .children
        .iter()
        .enumerate()
        .filter(|(i, _)| !cols.contains(&Column::Child(*i)))
        .filter(|(_, ch)| match band {
            Band::Image => ch.merged.is_some(),
            Band::Layer(k) => ch.cells.iter().any(|x| x.layer() == k),
        })
        .count()
}
