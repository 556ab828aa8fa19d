//! The visible paths of a stack being merged ([`super::Merger`]): each [`Node`] in a slot, the
//! slot of each path, and each directory's children by slot (for what a whiteout or an opaque
//! marker hides, and to hand the tree out in order).
//!
//! The index holds slot numbers only, hashed by the path in their slot: a path is stored once, in
//! its node. Hash maps rather than a map sorted by path: a sorted map of long paths spends most of its time
//! comparing shared prefixes, many times over in WebAssembly, where `memcmp` goes byte by byte. The
//! tree is put in order once, when it is handed out: depth first, each directory's children sorted
//! by name ([`crate::path::tree_order`]).

use super::Node;
use crate::path;
use foldhash::{HashMap, HashSet};
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// The parent slot of the top-level paths (`/` itself is never a node).
const ROOT: usize = usize::MAX;

/// The visible paths.
#[derive(Debug, Default, Clone)]
pub(super) struct Visible {
    /// Every node ever made visible; `None` once hidden.
    slots: Vec<Option<Node>>,
    /// The slot of each visible path (hashed by the path its node holds).
    index: HashTable<usize>,
    /// The index's hash.
    hasher: foldhash::fast::RandomState,
    /// The slots directly below each directory slot (or [`ROOT`]) that has any.
    children: HashMap<usize, HashSet<usize>>,
}

impl Visible {
    /// The node visible at `p`.
    pub(super) fn get(&self, p: &str) -> Option<&Node> {
        self.slot_of(p).and_then(|s| self.node(s))
    }

    /// Whether `p` is visible.
    pub(super) fn contains(&self, p: &str) -> bool {
        self.slot_of(p).is_some()
    }

    /// The slot of the visible path `p`.
    fn slot_of(&self, p: &str) -> Option<usize> {
        let slots = &self.slots;
        self.index.find(self.hasher.hash_one(p), |&s| path_at(slots, s) == Some(p)).copied()
    }

    /// Makes `node` visible at its path, replacing what was there.
    pub(super) fn put(&mut self, node: Node) {
        if let Some(slot) = self.slot_of(&node.path).and_then(|s| self.slots.get_mut(s)) {
            *slot = Some(node);
            return;
        }
        let slot = self.slots.len();
        // `/` is no one's child (a walk from it must end); a node whose parent is not visible is
        // still handed out (see `into_tree`).
        if let Some(parent) = self.parent_slot(&node.path).filter(|_| node.path != "/") {
            self.children.entry(parent).or_default().insert(slot);
        }
        let (slots, hasher) = (&self.slots, &self.hasher);
        let hash = hasher.hash_one(node.path.as_str());
        self.index.insert_unique(hash, slot, |&s| hasher.hash_one(path_at(slots, s).unwrap_or_default()));
        self.slots.push(Some(node));
    }

    /// Hides `dir`'s descendants (and `dir` itself if `include_self`), returning them in tree
    /// order.
    pub(super) fn remove_tree(&mut self, dir: &str, include_self: bool) -> Vec<Node> {
        let mut removed = Vec::new();
        let top = match self.slot_of(dir) {
            Some(slot) => slot,
            None if dir == "/" => ROOT,
            // Every visible path's parent is visible: nothing lies below a path that is not.
            None => return removed,
        };
        if include_self && top != ROOT {
            if let Some(node) = self.take(top) {
                if let Some(siblings) = self.parent_slot(&node.path).and_then(|p| self.children.get_mut(&p)) {
                    siblings.remove(&top);
                }
                removed.push(node);
            }
        }
        let mut below = Vec::new();
        let mut todo: Vec<usize> = self.children.remove(&top).into_iter().flatten().collect();
        while let Some(slot) = todo.pop() {
            todo.extend(self.children.remove(&slot).into_iter().flatten());
            below.extend(self.take(slot));
        }
        in_tree_order(&mut below);
        removed.extend(below);
        removed
    }

    /// Every visible node, in tree order.
    pub(super) fn tree(&self) -> Vec<Node> {
        let mut nodes: Vec<Node> = self.walk().into_iter().filter_map(|s| self.node(s).cloned()).collect();
        if nodes.len() < self.index.len() {
            nodes = self.index.iter().filter_map(|&s| self.node(s).cloned()).collect();
            in_tree_order(&mut nodes);
        }
        nodes
    }

    /// Every visible node, in tree order, moved out: the slots are put in tree order where they
    /// are (a permutation, cycle by cycle), so a large tree is never held twice.
    pub(super) fn into_tree(mut self) -> Vec<Node> {
        let order = self.walk();
        // Only if some node's parent was not visible when it was put: those belong in the tree too.
        if order.len() < self.index.len() {
            let mut nodes: Vec<Node> = self.slots.into_iter().flatten().collect();
            in_tree_order(&mut nodes);
            return nodes;
        }
        let shown = order.len();
        (self.index, self.children) = (HashTable::new(), HashMap::default());
        // Where each slot goes: the visible ones to their place in the tree, the hidden ones after.
        let mut dest: Vec<usize> = vec![usize::MAX; self.slots.len()];
        for (place, &slot) in order.iter().enumerate() {
            if let Some(d) = dest.get_mut(slot) {
                *d = place;
            }
        }
        drop(order);
        let mut next = shown;
        for d in dest.iter_mut().filter(|d| **d == usize::MAX) {
            (*d, next) = (next, next + 1);
        }
        for i in 0..dest.len() {
            while let Some(&j) = dest.get(i).filter(|&&j| j != i && j < self.slots.len()) {
                self.slots.swap(i, j);
                dest.swap(i, j);
            }
        }
        self.slots.truncate(shown);
        // Option<Node> and Node have one layout, so `filter_map` collects in place (`flatten`
        // would copy into a new vector: the tree held twice at the peak).
        #[allow(clippy::filter_map_identity)]
        let mut nodes: Vec<Node> = self.slots.into_iter().filter_map(|n| n).collect();
        nodes.shrink_to_fit();
        nodes
    }

    fn node(&self, slot: usize) -> Option<&Node> {
        self.slots.get(slot).and_then(Option::as_ref)
    }

    fn take(&mut self, slot: usize) -> Option<Node> {
        let hash = self.hasher.hash_one(path_at(&self.slots, slot)?);
        if let Ok(entry) = self.index.find_entry(hash, |&s| s == slot) {
            entry.remove();
        }
        self.slots.get_mut(slot).and_then(Option::take)
    }

    /// The slot of `p`'s parent ([`ROOT`] for a top-level path); `None` when it is not visible.
    fn parent_slot(&self, p: &str) -> Option<usize> {
        match path::parent(p) {
            "/" => Some(ROOT),
            parent => self.slot_of(parent),
        }
    }

    /// The visible slots reachable from `/`, depth first, each directory's children by name.
    fn walk(&self) -> Vec<usize> {
        let name = |s: &usize| self.node(*s).map_or("", |n| n.path.as_str());
        let sorted = |dir: usize| {
            let mut kids: Vec<usize> = self.children.get(&dir).into_iter().flatten().copied().collect();
            kids.sort_by(|a, b| path::tree_order(name(b), name(a)));
            kids
        };
        let mut out = Vec::with_capacity(self.index.len());
        let mut todo = sorted(ROOT);
        while let Some(slot) = todo.pop() {
            out.push(slot);
            todo.extend(sorted(slot));
        }
        out
    }
}

/// Sorts nodes into tree order. One function for every such sort here, so that the standard sort
/// is compiled once for it (see [`crate::order`]; these sorts keep it, as they can hold a million
/// nodes).
fn in_tree_order(nodes: &mut [Node]) {
    nodes.sort_by(|a, b| path::tree_order(&a.path, &b.path));
}

/// The path of the node in `slot`, if it holds one.
fn path_at(slots: &[Option<Node>], slot: usize) -> Option<&str> {
    slots.get(slot).and_then(Option::as_ref).map(|n| n.path.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::EntryKind;
    use std::collections::BTreeMap;

    fn node(p: &str, layer: usize) -> Node {
        Node::new(p, EntryKind::Dir, 0o755, 0, 0, 0, None, layer, vec![], false)
    }

    /// Random puts (parents first, as the merger does) and removals agree with a map sorted by
    /// path, where a subtree is a prefix range.
    #[test]
    fn equals_a_sorted_map_with_prefix_ranges() {
        let names = ["/a", "/a/b", "/a/b/c", "/a/bc", "/a/b/d", "/a-b", "/ab", "/x", "/x/y", "/x/y/z"];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..300 {
            let (mut v, mut reference) = (Visible::default(), BTreeMap::<String, Node>::new());
            for step in 0..rng.usize(1..25) {
                let p = names[rng.usize(..names.len())];
                if rng.u8(..3) > 0 {
                    let mut chain = vec![p];
                    let mut cur = path::parent(p);
                    while cur != "/" && !reference.contains_key(cur) {
                        chain.push(cur);
                        cur = path::parent(cur);
                    }
                    for q in chain.into_iter().rev() {
                        v.put(node(q, step));
                        reference.insert(q.into(), node(q, step));
                    }
                } else {
                    let (dir, include_self) = (if rng.u8(..5) == 0 { "/" } else { p }, rng.bool());
                    let prefix = if dir == "/" { "/".to_owned() } else { format!("{dir}/") };
                    let mut want: Vec<Node> = Vec::new();
                    if include_self {
                        want.extend(reference.remove(dir));
                    }
                    let below: Vec<String> = reference.keys().filter(|k| k.starts_with(&prefix)).cloned().collect();
                    let mut below: Vec<Node> = below.iter().filter_map(|k| reference.remove(k)).collect();
                    below.sort_by(|a, b| path::tree_order(&a.path, &b.path));
                    want.extend(below);
                    assert_eq!(v.remove_tree(dir, include_self), want, "{dir} {include_self}");
                }
                for n in names {
                    assert_eq!(v.get(n), reference.get(n));
                }
            }
            let mut want: Vec<Node> = reference.into_values().collect();
            want.sort_by(|a, b| path::tree_order(&a.path, &b.path));
            assert_eq!(v.tree(), want);
            assert_eq!(v.into_tree(), want);
        }
    }
}
