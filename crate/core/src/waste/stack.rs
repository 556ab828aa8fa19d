//! dive's stack of layers (`dive/filetree`: the tree of layers `0..k` stacked, in which a whiteout
//! of layer `k` looks up what it hides): every path with whether it is a directory and its header
//! size. Whiteouts remove a path and everything below it; opaque markers are ignored, as dive does.
//!
//! Held as a hash map of paths and, per directory, the set of its children, so that adding a path
//! costs O(1) and a whiteout only visits what it removes (a sorted map of a million paths spent
//! most of the waste figures' time comparing long common prefixes).

use crate::layer::{EntryKind, LayerContents, Marker};
use crate::path;
use foldhash::{HashMap, HashMapExt, HashSet};

/// The stacked layers; paths borrow the layers' entries.
#[derive(Default)]
pub(super) struct Stack<'a> {
    /// Every path: whether it is a directory, its header size.
    nodes: HashMap<&'a str, (bool, u64)>,
    /// The paths directly below each path that has any.
    children: HashMap<&'a str, HashSet<&'a str>>,
}

impl<'a> Stack<'a> {
    /// An empty stack.
    pub(super) fn new() -> Stack<'a> {
        Stack { nodes: HashMap::new(), children: HashMap::new() }
    }

    /// Whether `p` is a directory, and its header size; `None` when the stack does not hold it.
    pub(super) fn get(&self, p: &str) -> Option<(bool, u64)> {
        self.nodes.get(p).copied()
    }

    /// The header sizes of everything strictly below `dir`, summed (saturating); 0 for `/`, as
    /// dive's prefix match gives.
    pub(super) fn subtree_size(&self, dir: &str) -> u64 {
        if dir == "/" {
            return 0;
        }
        let mut sum = 0u64;
        let mut todo: Vec<&str> = self.kids(dir).collect();
        while let Some(p) = todo.pop() {
            sum = sum.saturating_add(self.nodes.get(p).map_or(0, |(_, size)| *size));
            todo.extend(self.kids(p));
        }
        sum
    }

    /// Applies a layer: its whiteouts remove subtrees, then its entries are added (with any
    /// missing parent directories).
    pub(super) fn apply(&mut self, layer: &'a LayerContents) {
        for m in &layer.markers {
            if let Marker::Whiteout(p) = m {
                self.remove_tree(p);
            }
        }
        for e in &layer.entries {
            let mut cur = path::parent(&e.path);
            while cur != "/" && !self.nodes.contains_key(cur) {
                self.insert(cur, (true, 0));
                cur = path::parent(cur);
            }
            self.insert(&e.path, (e.kind == EntryKind::Dir, e.size));
        }
    }

    fn insert(&mut self, p: &'a str, value: (bool, u64)) {
        if self.nodes.insert(p, value).is_none() && p != "/" {
            self.children.entry(path::parent(p)).or_default().insert(p);
        }
    }

    /// Removes `p` and everything below it (for `/`, only `/` itself: nothing lies "below" it the
    /// way dive matches a whiteout's prefix).
    fn remove_tree(&mut self, p: &str) {
        if self.nodes.remove(p).is_none() || p == "/" {
            return;
        }
        if let Some(siblings) = self.children.get_mut(path::parent(p)) {
            siblings.remove(p);
        }
        let mut todo: Vec<&'a str> = self.children.remove(p).into_iter().flatten().collect();
        while let Some(k) = todo.pop() {
            self.nodes.remove(k);
            todo.extend(self.children.remove(k).into_iter().flatten());
        }
    }

    fn kids<'s>(&'s self, p: &str) -> impl Iterator<Item = &'a str> + 's {
        // `/` is no one's child: its set never holds it, so walks end.
        self.children.get(p).into_iter().flatten().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::Entry;
    use std::collections::BTreeMap;

    /// The stack as dive's prefix matching defines it: a sorted map, a whiteout removes the path
    /// and every key starting with `path/`.
    fn reference(layers: &[LayerContents], probe: &[&str]) -> Vec<(Option<(bool, u64)>, u64)> {
        let mut stack: BTreeMap<String, (bool, u64)> = BTreeMap::new();
        let below = |stack: &BTreeMap<String, (bool, u64)>, p: &str| -> Vec<String> {
            let prefix = format!("{p}/");
            stack.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k.clone()).collect()
        };
        for layer in layers {
            for m in &layer.markers {
                if let Marker::Whiteout(p) = m {
                    stack.remove(p);
                    for k in below(&stack, p) {
                        stack.remove(&k);
                    }
                }
            }
            for e in &layer.entries {
                let mut cur = path::parent(&e.path);
                while cur != "/" && !stack.contains_key(cur) {
                    stack.insert(cur.to_owned(), (true, 0));
                    cur = path::parent(cur);
                }
                stack.insert(e.path.clone(), (e.kind == EntryKind::Dir, e.size));
            }
        }
        probe.iter().map(|p| (stack.get(*p).copied(), below(&stack, p).iter().map(|k| stack[k].1).sum())).collect()
    }

    fn entry(path: &str, kind: EntryKind, size: u64) -> Entry {
        Entry { path: path.into(), kind, mode: 0o644, uid: 0, gid: 0, size, target: None, mtime: 0, content: None }
    }

    #[test]
    fn equals_dive_prefix_matching_on_random_layers() {
        let names = ["/a", "/a/b", "/a/b/c", "/a/bc", "/a/b/d", "/ab", "/x", "/x/y", "/x/y/z", "/"];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..300 {
            let layers: Vec<LayerContents> = (0..rng.usize(1..6))
                .map(|_| {
                    let mut l = LayerContents::default();
                    for _ in 0..rng.usize(0..6) {
                        let p = names[rng.usize(..names.len())];
                        let kind = if rng.bool() { EntryKind::Dir } else { EntryKind::File };
                        l.entries.push(entry(p, kind, rng.u64(0..1000)));
                    }
                    for _ in 0..rng.usize(0..3) {
                        l.markers.push(Marker::Whiteout(names[rng.usize(..names.len())].into()));
                    }
                    l
                })
                .collect();
            let mut stack = Stack::new();
            layers.iter().for_each(|l| stack.apply(l));
            let got: Vec<_> = names.iter().map(|p| (stack.get(p), stack.subtree_size(p))).collect();
            assert_eq!(got, reference(&layers, &names), "{layers:?}");
        }
    }
}
