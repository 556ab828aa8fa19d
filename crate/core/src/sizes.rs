//! Where an image's bytes are: the tree of sizes under a directory, behind the size map.
//!
//! The bytes of a path are the tar header sizes (OCI image-spec `layer.md`; POSIX ustar `size`) of
//! the regular files at or under it. A hard link adds 0, as `du` counts an inode once; symbolic
//! links, devices and directories add 0 too.
//!
//! Two modes:
//! - [`SizeMode::Merged`]: what a container sees: the merged tree's paths, each file in the layer
//!   that provides its visible copy;
//! - [`SizeMode::Stored`]: every copy every layer stores ([`crate::copies`]): replaced and deleted
//!   copies too, each a leaf of its own with its fate, so the bytes an image carries but a container
//!   cannot see have a place. A directory is there if any layer wrote it or anything under it.

use crate::copies::{copies, Fate};
use crate::layer::EntryKind;
use crate::model::Image;
use std::collections::HashMap;

/// Which bytes the tree counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SizeMode {
    /// The merged filesystem (the container's view).
    #[default]
    Merged,
    /// Every copy every layer stores.
    Stored,
}

impl SizeMode {
    /// Both modes.
    pub const ALL: [SizeMode; 2] = [SizeMode::Merged, SizeMode::Stored];

    /// `merged` or `stored` (the URL hash's and `strata diagram --mode`'s spelling).
    pub fn key(self) -> &'static str {
        match self {
            SizeMode::Merged => "merged",
            SizeMode::Stored => "stored",
        }
    }

    /// A mode from its key.
    pub fn parse(s: &str) -> Option<SizeMode> {
        SizeMode::ALL.into_iter().find(|m| m.key() == s)
    }
}

/// What a node of the size tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeKind {
    /// A directory: a frame around its children.
    Dir,
    /// Anything else (a file, a link, a device): a leaf.
    File,
}

impl SizeKind {
    /// `dir` or `file` (the size map's `data-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            SizeKind::Dir => "dir",
            SizeKind::File => "file",
        }
    }
}

/// A node of the size tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeNode {
    /// Absolute path.
    pub path: String,
    /// The last component (`/` for the root).
    pub name: String,
    /// Directory or leaf.
    pub kind: SizeKind,
    /// What the entry is in its layer (a directory for frames made for paths below them).
    pub entry: EntryKind,
    /// Bytes of the regular files at or under it.
    pub bytes: u64,
    /// Non-directory entries at or under it (copies, in stored mode).
    pub files: u64,
    /// A leaf's layer: the visible copy's (merged) or the copy's own (stored).
    pub layer: Option<usize>,
    /// A leaf's fate: always visible in merged mode.
    pub fate: Fate,
    /// A directory's children, most bytes first (then by path, then by layer).
    pub children: Vec<SizeNode>,
}

/// The size tree of directory `dir` (normalized, absolute) of `image` in `mode`; `None` when that
/// view has no directory there.
pub fn size_tree(image: &Image, dir: &str, mode: SizeMode) -> Option<SizeNode> {
    let under = |p: &str| dir == "/" || p == dir || p.strip_prefix(dir).is_some_and(|r| r.starts_with('/'));
    let mut b = Builder::new(dir);
    match mode {
        SizeMode::Merged => {
            for n in image.tree.nodes.iter().filter(|n| under(&n.path)) {
                if n.path == dir && n.kind != EntryKind::Dir {
                    return None;
                }
                b.add(&n.path, n.kind, n.size, n.layer, Fate::Visible);
            }
            if dir != "/" && !image.tree.nodes.iter().any(|n| n.path == dir) {
                return None;
            }
        }
        SizeMode::Stored => {
            let all = copies(image, under);
            let is_dir = |(p, list): (&&str, &Vec<crate::copies::Copy<'_>>)| {
                *p != dir || list.iter().any(|c| c.node.kind == EntryKind::Dir)
            };
            if dir != "/" && !all.iter().any(is_dir) {
                return None;
            }
            for (path, list) in &all {
                for c in list {
                    if *path == dir && c.node.kind != EntryKind::Dir {
                        continue;
                    }
                    b.add(path, c.node.kind, c.node.size, c.layer, c.fate);
                }
            }
        }
    }
    Some(b.finish())
}

/// The bytes of the whole image in `mode` (the size tree of `/` without building it): the visible
/// regular files, or every regular-file copy the layers store.
pub fn image_bytes(image: &Image, mode: SizeMode) -> u64 {
    match mode {
        SizeMode::Merged => image.tree.nodes.iter().filter(|n| n.kind == EntryKind::File).map(|n| n.size).sum(),
        SizeMode::Stored => image
            .layers
            .iter()
            .flat_map(|l| &l.changes)
            .filter(|c| c.change != crate::merge::ChangeKind::Deleted && c.node.kind == EntryKind::File)
            .map(|c| c.node.size)
            .sum(),
    }
}

/// For each layer, the bytes of its regular-file copies that a higher layer replaces or deletes:
/// stored in the image, seen by no container. The fates are those of [`crate::copies`] (a copy
/// alive until a higher layer writes or deletes its path), found in one pass over the change rows.
pub fn hidden_by_layer(image: &Image) -> Vec<u64> {
    let mut out = vec![0; image.layers.len()];
    let mut alive: HashMap<&str, (usize, u64)> = HashMap::new();
    for layer in &image.layers {
        for c in &layer.changes {
            let before = match c.change {
                crate::merge::ChangeKind::Deleted => alive.remove(c.node.path.as_str()),
                _ => {
                    let bytes = if c.node.kind == EntryKind::File { c.node.size } else { 0 };
                    alive.insert(c.node.path.as_str(), (layer.index, bytes))
                }
            };
            if let Some((k, bytes)) = before {
                if let Some(b) = out.get_mut(k) {
                    *b += bytes;
                }
            }
        }
    }
    out
}

/// The bytes under each directory of a listing (the regular files at or under it, as
/// [`size_tree`] counts them), by directory path; the root is `/`. For a listing's rows where a
/// full tree is not wanted (the files view's directory totals).
pub fn dir_totals<'a>(nodes: impl IntoIterator<Item = &'a crate::merge::Node>) -> HashMap<String, u64> {
    dir_totals_of(nodes.into_iter().map(|n| (n.path.as_str(), n.kind, n.size)))
}

/// [`dir_totals`] of `(path, kind, size)` entries (a container's merged view, say).
pub fn dir_totals_of<'a>(entries: impl IntoIterator<Item = (&'a str, EntryKind, u64)>) -> HashMap<String, u64> {
    let mut out: HashMap<String, u64> = HashMap::new();
    for (path, _, size) in entries.into_iter().filter(|e| e.1 == EntryKind::File) {
        let mut at = path;
        while at != "/" {
            at = parent_of(at);
            match out.get_mut(at) {
                Some(b) => *b += size,
                None => {
                    out.insert(at.to_owned(), size);
                }
            }
        }
    }
    out
}

/// The tree under construction: an arena, each slot knowing its parent, and the directories by
/// path (leaves are never looked up).
struct Builder {
    nodes: Vec<Slot>,
    dirs: HashMap<String, usize>,
}

struct Slot {
    node: SizeNode,
    parent: Option<usize>,
    children: Vec<usize>,
}

fn parent_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => path.get(..i).unwrap_or("/"),
    }
}

fn name_of(path: &str) -> String {
    if path == "/" {
        return "/".to_owned();
    }
    path.rsplit('/').next().unwrap_or(path).to_owned()
}

impl Builder {
    fn new(root: &str) -> Builder {
        let mut b = Builder { nodes: Vec::new(), dirs: HashMap::new() };
        b.push(root.to_owned(), None, SizeKind::Dir, EntryKind::Dir, Fate::Visible, None);
        b.dirs.insert(root.to_owned(), 0);
        b
    }

    fn push(
        &mut self,
        path: String,
        layer: Option<usize>,
        kind: SizeKind,
        entry: EntryKind,
        fate: Fate,
        parent: Option<usize>,
    ) -> usize {
        let i = self.nodes.len();
        let node =
            SizeNode { name: name_of(&path), path, kind, entry, bytes: 0, files: 0, layer, fate, children: Vec::new() };
        self.nodes.push(Slot { node, parent, children: Vec::new() });
        if let Some(p) = parent.and_then(|p| self.nodes.get_mut(p)) {
            p.children.push(i);
        }
        i
    }

    /// The directory slot at `path`, made (with its parents up to the root) when missing.
    fn dir(&mut self, path: &str) -> usize {
        if let Some(&i) = self.dirs.get(path) {
            return i;
        }
        if path == "/" {
            return 0;
        }
        let parent = self.dir(parent_of(path));
        let i = self.push(path.to_owned(), None, SizeKind::Dir, EntryKind::Dir, Fate::Visible, Some(parent));
        self.dirs.insert(path.to_owned(), i);
        i
    }

    fn add(&mut self, path: &str, entry: EntryKind, size: u64, layer: usize, fate: Fate) {
        if entry == EntryKind::Dir {
            self.dir(path);
            return;
        }
        let parent = self.dir(parent_of(path));
        let bytes = if entry == EntryKind::File { size } else { 0 };
        let i = self.push(path.to_owned(), Some(layer), SizeKind::File, entry, fate, Some(parent));
        // It and every directory up to the root count it.
        let mut at = Some(i);
        while let Some(d) = at {
            let Some(s) = self.nodes.get_mut(d) else { break };
            s.node.bytes += bytes;
            s.node.files += 1;
            at = s.parent;
        }
    }

    fn finish(mut self) -> SizeNode {
        fn take(nodes: &mut Vec<Option<Slot>>, i: usize) -> Option<SizeNode> {
            let slot = nodes.get_mut(i)?.take()?;
            let mut node = slot.node;
            node.children = slot.children.into_iter().filter_map(|c| take(nodes, c)).collect();
            crate::order::sort_by(&mut node.children, |a, b| {
                b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)).then_with(|| a.layer.cmp(&b.layer))
            });
            Some(node)
        }
        let empty = SizeNode {
            path: "/".to_owned(),
            name: "/".to_owned(),
            kind: SizeKind::Dir,
            entry: EntryKind::Dir,
            bytes: 0,
            files: 0,
            layer: None,
            fate: Fate::Visible,
            children: Vec::new(),
        };
        let mut slots: Vec<Option<Slot>> = std::mem::take(&mut self.nodes).into_iter().map(Some).collect();
        take(&mut slots, 0).unwrap_or(empty)
    }
}

impl SizeNode {
    /// The node at `path` (this one or one below it); in stored mode the first copy found.
    pub fn find(&self, path: &str) -> Option<&SizeNode> {
        if self.path == path {
            return Some(self);
        }
        self.children
            .iter()
            .filter(|c| c.path == path || path.starts_with(&format!("{}/", c.path)))
            .find_map(|c| c.find(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{docker_archive, layer_tar, SampleEntry::*};

    fn image(layers: &[Vec<u8>]) -> Image {
        let steps: Vec<(&'static str, bool)> = layers.iter().map(|_| ("RUN x", true)).collect();
        let a = crate::analyze_bytes(&docker_archive("t:1", layers, &steps, &[], &[])).expect("archive");
        a.images.into_iter().next().expect("image")
    }

    #[test]
    fn merged_bytes_are_the_visible_regular_files_and_hard_links_add_nothing() {
        let img = image(&[
            layer_tar(&[
                Dir("a"),
                File("a/x", vec![1; 100], 0o644),
                Dir("a/b"),
                File("a/b/y", vec![2; 30], 0o644),
                File("big", vec![3; 500], 0o644),
            ]),
            layer_tar(&[File("a/x", vec![4; 10], 0o644), Hardlink("a/b/z", "a/b/y"), Whiteout("big")]),
        ]);
        let root = size_tree(&img, "/", SizeMode::Merged).expect("root");
        assert_eq!(root.bytes, 40, "10 (x, replaced) + 30 (y); z adds 0; /big deleted");
        assert_eq!(root.files, 3);
        let a = root.find("/a").expect("/a");
        assert_eq!((a.kind, a.bytes), (SizeKind::Dir, 40));
        let x = root.find("/a/x").expect("x");
        assert_eq!((x.bytes, x.layer), (10, Some(1)));
        assert_eq!(root.find("/a/b/z").map(|n| n.bytes), Some(0));
        assert!(root.find("/big").is_none());
        let names: Vec<&str> = a.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["b", "x"], "most bytes first");
        assert_eq!(size_tree(&img, "/a/b", SizeMode::Merged).map(|n| n.bytes), Some(30));
        assert!(size_tree(&img, "/a/x", SizeMode::Merged).is_none(), "a file is no directory");
        assert!(size_tree(&img, "/nope", SizeMode::Merged).is_none());
    }

    #[test]
    fn stored_bytes_count_every_copy_with_its_fate() {
        let img = image(&[
            layer_tar(&[Dir("a"), File("a/x", vec![1; 100], 0o644), File("big", vec![3; 500], 0o644)]),
            layer_tar(&[File("a/x", vec![4; 10], 0o644), Whiteout("big")]),
        ]);
        let root = size_tree(&img, "/", SizeMode::Stored).expect("root");
        assert_eq!(root.bytes, 610);
        let big: Vec<(Option<usize>, Fate)> =
            root.children.iter().filter(|c| c.path == "/big").map(|c| (c.layer, c.fate)).collect();
        assert_eq!(big, [(Some(0), Fate::Deleted { by: 1 })]);
        let a = root.find("/a").expect("/a");
        let xs: Vec<(Option<usize>, u64, Fate)> = a.children.iter().map(|c| (c.layer, c.bytes, c.fate)).collect();
        assert_eq!(xs, [(Some(0), 100, Fate::Replaced { by: 1 }), (Some(1), 10, Fate::Visible)]);
        let sum: u64 = img
            .layers
            .iter()
            .flat_map(|l| &l.changes)
            .filter(|c| c.change != crate::merge::ChangeKind::Deleted && c.node.kind == EntryKind::File)
            .map(|c| c.node.size)
            .sum();
        assert_eq!(root.bytes, sum, "stored bytes are the layers' file bytes");
        assert!(size_tree(&img, "/big", SizeMode::Stored).is_none());
        assert_eq!(hidden_by_layer(&img), [600, 0], "x's first copy (100) and /big (500), both in layer 0");
        assert_eq!(
            hidden_by_layer(&img).iter().sum::<u64>(),
            image_bytes(&img, SizeMode::Stored) - image_bytes(&img, SizeMode::Merged)
        );
    }

    #[test]
    fn every_sample_tree_adds_up() {
        fn check(n: &SizeNode) {
            if n.kind == SizeKind::Dir {
                assert_eq!(n.bytes, n.children.iter().map(|c| c.bytes).sum::<u64>(), "{}", n.path);
                assert_eq!(n.files, n.children.iter().map(|c| c.files).sum::<u64>(), "{}", n.path);
                n.children.iter().for_each(check);
            }
        }
        for name in crate::sample::names() {
            let a = crate::analyze_bytes(&crate::sample::named(name).expect("sample")).expect("sample");
            for mode in SizeMode::ALL {
                let root = size_tree(&a.images[0], "/", mode).expect("root");
                check(&root);
                assert_eq!(root.bytes, image_bytes(&a.images[0], mode), "{name} {mode:?}");
            }
            // Hidden bytes as the copies' fates say.
            let mut want = vec![0u64; a.images[0].layers.len()];
            for list in copies(&a.images[0], |_| true).values() {
                for c in list.iter().filter(|c| c.fate != Fate::Visible && c.node.kind == EntryKind::File) {
                    want[c.layer] += c.node.size;
                }
            }
            assert_eq!(hidden_by_layer(&a.images[0]), want, "{name}");
            // Directory totals as the size tree has them.
            let totals = dir_totals(&a.images[0].tree.nodes);
            let root = size_tree(&a.images[0], "/", SizeMode::Merged).expect("root");
            fn each(n: &SizeNode, totals: &HashMap<String, u64>) {
                if n.kind == SizeKind::Dir {
                    assert_eq!(totals.get(&n.path).copied().unwrap_or(0), n.bytes, "{}", n.path);
                    n.children.iter().for_each(|c| each(c, totals));
                }
            }
            each(&root, &totals);
        }
    }
}
