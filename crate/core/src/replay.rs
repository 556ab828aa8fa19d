//! The merged filesystem as it stood after each layer, replayed incrementally.
//!
//! The OCI image-spec (`layer.md`, "Applying Changesets") defines the filesystem after layer k as
//! the result of applying the changesets 0..=k in order. A [`Replay`] keeps that state and moves it
//! one layer at a time in either direction: forward it applies the layer's change rows (a deleted
//! row hides its path, an added or modified row shows its new version), and it records what each
//! path looked like before, so that stepping back undoes a layer without replaying from the base.
//! A step-through player that walks every layer of an image therefore does O(changes) work in all.
//!
//! A replay holds only indexes into an [`Image`]'s change lists; it must be used with the image it
//! was first moved with (front ends keep one per shown image).

use crate::merge::{ChangeKind, Node};
use crate::model::Image;
use crate::path;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A path ordered as a directory tree is walked ([`path::tree_order`]): parents before children.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TreeKey(Box<str>);

impl Ord for TreeKey {
    fn cmp(&self, other: &Self) -> Ordering {
        path::tree_order(&self.0, &other.0)
    }
}

impl PartialOrd for TreeKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Where a visible node lives: `image.layers[layer].changes[row].node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    layer: u32,
    row: u32,
}

/// The merged tree after the first `applied()` layers of an image.
#[derive(Debug, Default, Clone)]
pub struct Replay {
    visible: BTreeMap<TreeKey, Slot>,
    /// One entry per applied layer: each path it touched and what that path showed before.
    undo: Vec<Vec<(TreeKey, Option<Slot>)>>,
}

impl Replay {
    /// The empty filesystem (no layer applied).
    pub fn new() -> Replay {
        Replay::default()
    }

    /// How many layers are applied (0 = the empty image, `layers.len()` = the whole image).
    pub fn applied(&self) -> usize {
        self.undo.len()
    }

    /// Moves to the state after the first `count` layers of `image` (capped at its layer count),
    /// applying or undoing only the layers in between.
    pub fn seek(&mut self, image: &Image, count: usize) {
        let count = count.min(image.layers.len());
        while self.undo.len() > count {
            self.undo_last();
        }
        while self.undo.len() < count {
            self.apply_next(image);
        }
    }

    /// The tree "up to layer k": the state after layers `0..=k`.
    pub fn seek_to_layer(&mut self, image: &Image, k: usize) {
        self.seek(image, k.saturating_add(1));
    }

    fn apply_next(&mut self, image: &Image) {
        let index = self.undo.len();
        let mut log = Vec::new();
        let Some(layer) = image.layers.get(index) else { return };
        for (row, change) in layer.changes.iter().enumerate() {
            let key = TreeKey(change.node.path.as_str().into());
            let now = match change.change {
                ChangeKind::Deleted => None,
                ChangeKind::Added | ChangeKind::Modified => match (u32::try_from(index), u32::try_from(row)) {
                    (Ok(layer), Ok(row)) => Some(Slot { layer, row }),
                    _ => None,
                },
            };
            let before = match now {
                Some(slot) => self.visible.insert(key.clone(), slot),
                None => self.visible.remove(&key),
            };
            log.push((key, before));
        }
        self.undo.push(log);
    }

    fn undo_last(&mut self) {
        let Some(log) = self.undo.pop() else { return };
        // Undo in reverse, so a path touched twice by one layer gets its first "before" back.
        for (key, before) in log.into_iter().rev() {
            match before {
                Some(slot) => self.visible.insert(key, slot),
                None => self.visible.remove(&key),
            };
        }
    }

    /// Number of visible paths.
    pub fn len(&self) -> usize {
        self.visible.len()
    }

    /// Whether nothing is visible.
    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    /// The visible nodes in tree order (parents before children), read from `image`.
    pub fn nodes<'a>(&'a self, image: &'a Image) -> impl Iterator<Item = &'a Node> + 'a {
        self.visible.values().filter_map(move |slot| {
            let layer = image.layers.get(usize::try_from(slot.layer).ok()?)?;
            Some(&layer.changes.get(usize::try_from(slot.row).ok()?)?.node)
        })
    }

    /// The visible node at `path`, if any.
    pub fn get<'a>(&self, image: &'a Image, path: &str) -> Option<&'a Node> {
        let slot = self.visible.get(&TreeKey(path.into()))?;
        let layer = image.layers.get(usize::try_from(slot.layer).ok()?)?;
        Some(&layer.changes.get(usize::try_from(slot.row).ok()?)?.node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(r: &Replay, img: &Image) -> Vec<String> {
        r.nodes(img).map(|n| n.path.to_string()).collect()
    }

    #[test]
    fn forward_backward_and_jumps_agree_with_a_fresh_replay() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let img = &a.images[0];
        let fresh = |k: usize| {
            let mut r = Replay::new();
            r.seek(img, k);
            paths(&r, img)
        };
        let mut r = Replay::new();
        assert!(r.is_empty());
        for order in [[0usize, 1, 2, 3, 2, 1, 0, 3, 1, 3, 0, 2], [3, 0, 3, 2, 3, 1, 2, 0, 1, 0, 2, 3]] {
            for k in order {
                r.seek(img, k);
                assert_eq!(r.applied(), k);
                assert_eq!(paths(&r, img), fresh(k), "after seeking to {k}");
            }
        }
        r.seek(img, 99);
        assert_eq!(r.applied(), 3, "capped at the layer count");
        let whole: Vec<String> = img.tree.nodes.iter().map(|n| n.path.to_string()).collect();
        assert_eq!(paths(&r, img), whole, "the whole image is the merged tree, in tree order");
        r.seek_to_layer(img, 0);
        assert!(r.get(img, "/app/cache/build.tmp").is_some(), "present up to the base");
        assert!(r.get(img, "/app/README.md").is_none());
        r.seek_to_layer(img, 2);
        assert!(r.get(img, "/app/cache/build.tmp").is_none(), "deleted in layer 2");
        assert_eq!(r.get(img, "/app/config.ini").map(|n| n.layer), Some(1));
    }
}
