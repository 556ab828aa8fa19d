//! Every copy of a path across an image's layers, and what became of it.
//!
//! A layer that writes a path stores a *copy* of it (OCI image-spec `layer.md`: the changeset holds
//! the whole file). Stacking the layers ("Applying Changesets") decides each copy's fate:
//! - [`Fate::Visible`]: it is the copy the merged filesystem (the container) shows;
//! - [`Fate::Replaced`]: a higher layer writes the same path again;
//! - [`Fate::Deleted`]: a higher layer hides it: a whiteout of the path or of a parent, an opaque
//!   marker on a parent directory, or a parent directory replaced by a non-directory.
//!
//! The fates are read from the layers' change rows ([`crate::merge`]), so they agree with the merged
//! tree by construction: in each layer, deletions apply before the layer's own entries.

use crate::layer::EntryKind;
use crate::merge::{ChangeKind, Node};
use crate::model::Image;
use std::collections::BTreeMap;

/// What became of one copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// The merged filesystem shows this copy.
    Visible,
    /// Layer `by` writes the path again.
    Replaced {
        /// The layer holding the newer copy.
        by: usize,
    },
    /// Layer `by` hides the path (a whiteout, an opaque directory, or a parent replaced).
    Deleted {
        /// The layer that hides it.
        by: usize,
    },
}

impl Fate {
    /// `visible`, `replaced` or `deleted` (the figures' `data-state`).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Visible => "visible",
            Fate::Replaced { .. } => "replaced",
            Fate::Deleted { .. } => "deleted",
        }
    }
}

/// One layer's copy of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copy<'a> {
    /// The layer that wrote it.
    pub layer: usize,
    /// The copy as that layer wrote it.
    pub node: &'a Node,
    /// What became of it.
    pub fate: Fate,
}

impl Copy<'_> {
    /// Whether the copy is of a non-directory (what "files written" counts).
    pub fn is_file_like(&self) -> bool {
        self.node.kind != EntryKind::Dir
    }
}

/// The copies of every path `keep` selects, by path (bytewise order), lowest layer first.
pub fn copies<'a>(image: &'a Image, keep: impl Fn(&str) -> bool) -> BTreeMap<&'a str, Vec<Copy<'a>>> {
    let mut by_path: BTreeMap<&'a str, Vec<Copy<'a>>> = BTreeMap::new();
    for layer in &image.layers {
        for change in layer.changes.iter().filter(|c| keep(&c.node.path)) {
            let list = by_path.entry(change.node.path.as_str()).or_default();
            // The copy alive so far (if any) is the last one, still marked visible.
            let alive = list.last_mut().filter(|c| c.fate == Fate::Visible);
            match change.change {
                ChangeKind::Deleted => {
                    if let Some(c) = alive {
                        c.fate = Fate::Deleted { by: layer.index };
                    }
                }
                ChangeKind::Modified | ChangeKind::Added => {
                    if let Some(c) = alive {
                        c.fate = Fate::Replaced { by: layer.index };
                    }
                    list.push(Copy { layer: layer.index, node: &change.node, fate: Fate::Visible });
                }
            }
        }
    }
    by_path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fates_of_the_samples_copies() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let img = &a.images[0];
        let all = copies(img, |_| true);
        let fates = |p: &str| all.get(p).map(|v| v.iter().map(|c| (c.layer, c.fate)).collect::<Vec<_>>());
        assert_eq!(
            fates("/app/config.ini"),
            Some(vec![(0, Fate::Replaced { by: 1 }), (1, Fate::Visible)]),
            "written in the base, written again in layer 1"
        );
        assert_eq!(fates("/app/cache/build.tmp"), Some(vec![(0, Fate::Deleted { by: 2 })]));
        assert_eq!(fates("/app/cache"), Some(vec![(0, Fate::Deleted { by: 2 })]));
        assert_eq!(fates("/bin/sh"), Some(vec![(0, Fate::Visible)]));
        // Every visible copy is the merged tree's node, and every merged node has one visible copy.
        let visible: Vec<&str> =
            all.iter().filter(|(_, v)| v.iter().any(|c| c.fate == Fate::Visible)).map(|(p, _)| *p).collect();
        let mut merged: Vec<&str> = img.tree.nodes.iter().map(|n| n.path.as_str()).collect();
        merged.sort_unstable();
        assert_eq!(visible, merged);
        for n in &img.tree.nodes {
            let v = all.get(n.path.as_str()).and_then(|v| v.iter().find(|c| c.fate == Fate::Visible));
            assert_eq!(v.map(|c| c.layer), Some(n.layer), "{}", n.path);
        }
    }
}
