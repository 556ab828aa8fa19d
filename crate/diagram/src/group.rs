//! A directory as the file figures show it: its children (files as tiles, subdirectories as group
//! tiles), each layer's copies and whiteouts of them, the merged view, and the figure's counts; then
//! which children fit the figure's budget.
//!
//! Definitions (the figures' `data-*` hooks follow them):
//! - a *copy* is a non-directory entry a layer writes (an added or modified change row);
//! - `written` = copies of non-directory entries anywhere under the focused directory, all layers
//!   (whiteouts are not copies); `visible` = non-directory entries under it in the merged tree;
//! - a group tile of subdirectory D in layer k counts the copies layer k writes strictly under D
//!   (`files`, `bytes`), and the deletions markers inside D make there; it is `hidden` when layer k
//!   wrote something at or under D and none of it is shown by the merged tree, `visible` otherwise.

use crate::scene::Label;
use std::collections::{BTreeMap, BTreeSet};
use strata_core::copies::{copies, Copy, Fate};
use strata_core::layer::{EntryKind, Marker};
use strata_core::merge::{ChangeKind, Node};
use strata_core::{path, Image};

/// One layer's cell for a child of the focused directory.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// A copy of a non-directory child.
    Copy(Copy<'a>),
    /// A subdirectory's group tile.
    Group(GroupStats),
    /// A whiteout of the child (`.wh.NAME`), or an opaque marker in it (`.wh..wh..opq`).
    Whiteout {
        /// The layer holding it.
        layer: usize,
        /// Opaque (the directory stays, its lower contents go).
        opaque: bool,
    },
}

impl Cell<'_> {
    /// The layer the cell belongs to.
    pub fn layer(&self) -> usize {
        match self {
            Cell::Copy(c) => c.layer,
            Cell::Group(g) => g.layer,
            Cell::Whiteout { layer, .. } => *layer,
        }
    }
}

/// What one layer does under one subdirectory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStats {
    /// The layer.
    pub layer: usize,
    /// Copies of non-directory entries it writes strictly under the directory.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Paths it deletes at or under the directory.
    pub deletes: usize,
    /// Whether anything it wrote at or under the directory is still visible (true when it wrote
    /// nothing there and only deletes).
    pub shown: bool,
}

/// A child of the focused directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Child<'a> {
    /// Its path.
    pub path: String,
    /// Its name.
    pub name: String,
    /// Whether it is (or was, in some layer) a directory.
    pub is_dir: bool,
    /// Each layer's cells, lowest layer first.
    pub cells: Vec<Cell<'a>>,
    /// What the merged tree shows at this path.
    pub merged: Option<&'a Node>,
    /// Non-directory entries under it in the merged tree (directories only).
    pub merged_files: usize,
    /// Their bytes.
    pub merged_bytes: u64,
}

impl Child<'_> {
    /// Whether the child tells the figure's story: more than one copy, a deletion, a whiteout.
    pub fn is_interesting(&self) -> bool {
        let copies = self.cells.iter().filter(|c| matches!(c, Cell::Copy(_))).count();
        copies > 1
            || self.cells.iter().any(|c| match c {
                Cell::Copy(c) => c.fate != Fate::Visible,
                Cell::Whiteout { .. } => true,
                Cell::Group(g) => !g.shown || g.deletes > 0,
            })
    }
}

/// The focused directory.
#[derive(Debug, Clone, PartialEq)]
pub struct DirModel<'a> {
    /// Its path.
    pub focus: String,
    /// The image's layer count.
    pub layers: usize,
    /// Its children, in tree order.
    pub children: Vec<Child<'a>>,
    /// Markers on the focused directory itself: (layer, opaque). A whiteout of it deletes it and
    /// all it held; an opaque marker in it hides what lower layers put in it.
    pub here: Vec<(usize, bool)>,
    /// Copies of non-directory entries written under it, all layers.
    pub written: usize,
    /// Non-directory entries visible under it.
    pub visible: usize,
    /// Whether some layer has (or had) a directory there: something under it, or a directory entry.
    pub exists: bool,
}

fn child_of<'p>(focus: &str, p: &'p str) -> Option<&'p str> {
    if !path::is_below(p, focus) {
        return None;
    }
    let start = if focus == "/" { 1 } else { focus.len() + 1 };
    let rest = p.get(start..)?;
    Some(match rest.find('/') {
        Some(i) => p.get(..start + i)?,
        None => p,
    })
}

impl<'a> DirModel<'a> {
    /// The model of directory `focus` (normalized, absolute) in `image`.
    pub fn new(image: &'a Image, focus: &str) -> DirModel<'a> {
        let focus = path::normalize_str(focus).unwrap_or_else(|_| "/".to_owned());
        let direct = copies(image, |p| path::parent(p) == focus && p != focus);
        // A deletion under child D in layer k belongs to D's group only when a marker inside D made
        // it; a marker hiding D whole (its whiteout, an opaque marker or whiteout of an ancestor) is
        // drawn as that marker instead.
        let hides_whole = |k: usize, d: &str| {
            image.layers.get(k).is_some_and(|l| {
                l.markers.iter().any(|m| match m {
                    Marker::Whiteout(w) => w == d || path::is_below(d, w),
                    Marker::Opaque(o) => path::is_below(d, o),
                })
            })
        };
        let mut groups: BTreeMap<(&str, usize), GroupStats> = BTreeMap::new();
        let mut wrote: BTreeSet<(&str, usize)> = BTreeSet::new();
        let mut written = 0;
        let mut exists = focus == "/";
        let stats = |layer| GroupStats { layer, files: 0, bytes: 0, deletes: 0, shown: false };
        for layer in &image.layers {
            for c in &layer.changes {
                let p = c.node.path.as_str();
                exists |= path::is_below(p, &focus) || (p == focus && c.node.kind == EntryKind::Dir);
                let Some(child) = child_of(&focus, p) else { continue };
                let file_like = c.node.kind != EntryKind::Dir;
                if c.change != ChangeKind::Deleted && file_like {
                    written += 1;
                }
                if child == p || (c.change == ChangeKind::Deleted && hides_whole(layer.index, child)) {
                    continue;
                }
                let g = groups.entry((child, layer.index)).or_insert_with(|| stats(layer.index));
                match c.change {
                    ChangeKind::Deleted => g.deletes += 1,
                    _ if file_like => {
                        g.files += 1;
                        g.bytes = g.bytes.saturating_add(c.node.size);
                        wrote.insert((child, layer.index));
                    }
                    _ => {
                        wrote.insert((child, layer.index));
                    }
                }
            }
        }
        // The merged tree: the children shown, what each layer still shows under a subdirectory.
        let mut merged: BTreeMap<&str, &Node> = BTreeMap::new();
        let mut merged_files: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
        let mut shown: BTreeSet<(&str, usize)> = BTreeSet::new();
        let mut visible = 0;
        for n in &image.tree.nodes {
            let Some(child) = child_of(&focus, &n.path) else { continue };
            let file_like = n.kind != EntryKind::Dir;
            visible += usize::from(file_like);
            shown.insert((child, n.layer));
            if child == n.path {
                merged.insert(child, n);
            } else if file_like {
                let e = merged_files.entry(child).or_default();
                e.0 += 1;
                e.1 = e.1.saturating_add(n.size);
            }
        }
        let mut cells: BTreeMap<String, Vec<Cell<'a>>> = BTreeMap::new();
        let mut dirs: BTreeSet<String> = BTreeSet::new();
        for (p, list) in &direct {
            for c in list {
                if c.node.kind == EntryKind::Dir {
                    dirs.insert((*p).to_owned());
                } else {
                    cells.entry((*p).to_owned()).or_default().push(Cell::Copy(*c));
                }
            }
        }
        for ((child, layer), mut g) in groups {
            // A group that only deletes wrote nothing to hide: it is not drawn as hidden.
            g.shown = shown.contains(&(child, layer)) || !wrote.contains(&(child, layer));
            dirs.insert(child.to_owned());
            cells.entry(child.to_owned()).or_default().push(Cell::Group(g));
        }
        // A directory's own copy (listed by a layer with nothing under it) still makes a group tile.
        for (p, list) in &direct {
            for c in list.iter().filter(|c| c.node.kind == EntryKind::Dir) {
                let v = cells.entry((*p).to_owned()).or_default();
                if !v.iter().any(|x| matches!(x, Cell::Group(g) if g.layer == c.layer)) {
                    let shown = shown.contains(&(*p, c.layer));
                    v.push(Cell::Group(GroupStats { shown, ..stats(c.layer) }));
                }
            }
        }
        let mut here = Vec::new();
        for layer in &image.layers {
            for m in &layer.markers {
                let (p, opaque) = match m {
                    Marker::Whiteout(p) => (p, false),
                    Marker::Opaque(d) => (d, true),
                };
                if *p == focus {
                    exists = true;
                    here.push((layer.index, opaque));
                } else if path::parent(p) == focus && *p != focus {
                    exists = true;
                    if opaque {
                        dirs.insert(p.clone());
                    }
                    cells.entry(p.clone()).or_default().push(Cell::Whiteout { layer: layer.index, opaque });
                }
            }
        }
        for p in merged.keys() {
            cells.entry((*p).to_owned()).or_default();
        }
        let mut children: Vec<Child<'a>> = cells
            .into_iter()
            .map(|(p, mut cells)| {
                strata_core::order::sort_by_key(&mut cells, Cell::layer);
                let node = merged.get(p.as_str()).copied();
                let (files, bytes) = merged_files.get(p.as_str()).copied().unwrap_or_default();
                Child {
                    name: path::file_name(&p).to_owned(),
                    is_dir: dirs.contains(&p) || node.is_some_and(|n| n.kind == EntryKind::Dir),
                    merged: node,
                    merged_files: files,
                    merged_bytes: bytes,
                    cells,
                    path: p,
                }
            })
            .collect();
        strata_core::order::sort_by(&mut children, |a, b| path::tree_order(&a.path, &b.path));
        DirModel { focus, layers: image.layers.len(), children, here, written, visible, exists }
    }

    /// The figure's counts line.
    pub fn counts(&self) -> Label {
        Label::Counts { layers: self.layers, written: self.written, visible: self.visible }
    }

    /// The children that fit a figure holding `budget` of them: the ones that tell the story first
    /// (several copies, deletions, whiteouts), then subdirectories, then the rest by name; shown in
    /// tree order. The rest are counted in "+N more".
    pub fn pick(&self, budget: usize) -> Vec<usize> {
        if self.children.len() <= budget {
            return (0..self.children.len()).collect();
        }
        let mut ranked: Vec<usize> = (0..self.children.len()).collect();
        strata_core::order::sort_by_key(&mut ranked, |&i| {
            let c = &self.children[i];
            (
                if c.is_interesting() {
                    0
                } else if c.is_dir {
                    1
                } else {
                    2
                },
                i,
            )
        });
        ranked.truncate(budget);
        ranked.sort_unstable();
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_app_directory() {
        let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).unwrap();
        let img = &a.images[0];
        let m = DirModel::new(img, "/app");
        let names: Vec<&str> = m.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["README.md", "app.sh", "cache", "config.ini", "data"]);
        let cache = &m.children[2];
        assert!(cache.is_dir && cache.merged.is_none());
        assert!(matches!(
            cache.cells[..],
            [
                Cell::Group(GroupStats { layer: 0, files: 1, shown: false, .. }),
                Cell::Whiteout { layer: 2, opaque: false }
            ]
        ));
        let config = &m.children[3];
        let fates: Vec<_> = config
            .cells
            .iter()
            .map(|c| match c {
                Cell::Copy(c) => (c.layer, c.fate),
                _ => (99, Fate::Visible),
            })
            .collect();
        assert_eq!(fates, [(0, Fate::Replaced { by: 1 }), (1, Fate::Visible)]);
        // Written under /app: config.ini ×2, build.tmp, app.sh, records.csv, README.md, latest.csv.
        assert_eq!((m.written, m.visible), (7, 5));
        let root = DirModel::new(img, "/");
        assert_eq!(root.visible, img.tree.nodes.iter().filter(|n| n.kind != EntryKind::Dir).count());
        assert!(root.exists && m.exists && !DirModel::new(img, "/nope").exists);
        assert_eq!(m.pick(2), [2, 3], "the deleted cache and the replaced config first");
        assert_eq!(m.pick(9), [0, 1, 2, 3, 4]);
    }
}
