//! Stacking layers: per-layer changes and the merged filesystem (OCI image-spec `layer.md`,
//! "Applying Changesets"; overlayfs semantics).
//!
//! A pure function of the ordered layers. For each layer, its whiteouts and opaque markers are
//! applied first (they hide lower content only, never entries of the same layer), then its entries:
//! - **added**: a path not visible below (new files and new directories);
//! - **modified**: a visible path written again, with what changed ([`Detail`]); a directory merely
//!   re-listed with the same mode and owner is *not* a change and keeps its lower provider;
//! - **deleted**: every visible path the layer hides — by a whiteout, an opaque marker, or a
//!   non-directory replacing a directory — one row per path.
//!
//! The merged tree keeps, for each visible path, the topmost layer providing it and the lower layers
//! whose versions it shadows.

mod detail;
mod visible;

pub use detail::{Detail, Details};

use crate::layer::{Entry, EntryKind, LayerContents, Marker};
use crate::path;
use crate::problem::ProblemKind;
use crate::shared_path::SharedPath;
use serde::{Deserialize, Serialize};
use std::num::NonZeroU64;
use visible::Visible;

/// A visible path in the merged filesystem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Normalized absolute path (one copy shared with the change row that shows this version).
    pub path: SharedPath,
    /// What it is.
    #[serde(rename = "type")]
    pub kind: EntryKind,
    /// Permission bits.
    pub mode: u32,
    /// Owner user id.
    pub uid: u64,
    /// Owner group id.
    pub gid: u64,
    /// Size in bytes; for a hardlink, the size of the file it links to.
    pub size: u64,
    /// Symlink or hardlink target (a boxed `str`: 8 bytes less than a `String` in every node
    /// and change row).
    pub target: Option<Box<str>>,
    /// The topmost layer providing this path.
    pub layer: usize,
    /// Lower layers whose versions of this path it hides, lowest first (a boxed slice: it never
    /// grows in place, and it is 8 bytes less than a `Vec` in every node and change row).
    pub shadowed: Box<[usize]>,
    /// True when no layer lists this directory; it exists because a path below it does.
    pub implicit: bool,
    /// Modification time of the providing copy (seconds since the epoch; 0 for an implicit
    /// directory). Not in the JSON listings; `strata diff --timestamps` compares it.
    #[serde(skip)]
    pub mtime: u64,
    /// The content fingerprint of a file's bytes (xxh3; 0 is taken as 1), so that `None` costs
    /// no room.
    #[serde(skip)]
    content: Option<NonZeroU64>,
}

impl Node {
    /// A node as another thread received it (the content fingerprint stays behind: it only serves
    /// the merge itself).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        path: impl Into<SharedPath>,
        kind: EntryKind,
        mode: u32,
        uid: u64,
        gid: u64,
        size: u64,
        target: Option<String>,
        layer: usize,
        shadowed: Vec<usize>,
        implicit: bool,
    ) -> Node {
        let (path, target, shadowed) = (path.into(), target.map(String::into_boxed_str), shadowed.into_boxed_slice());
        Node { path, kind, mode, uid, gid, size, target, layer, shadowed, implicit, mtime: 0, content: None }
    }

    /// Its type and permissions as `ls -l` writes them (`drwxr-xr-x`): the one spelling of a
    /// listing row's mode in `strata ls`, the files view and a figure's tile.
    pub fn mode_text(&self) -> String {
        crate::units::mode_string(self.kind, self.mode)
    }

    /// Its owner as `uid:gid`.
    pub fn owner(&self) -> String {
        format!("{}:{}", self.uid, self.gid)
    }

    /// What follows its path in a listing row: ` -> target` for a symlink, ` => target` for a
    /// hard link, else nothing.
    pub fn link_text(&self) -> String {
        match (&self.target, self.kind) {
            (Some(t), EntryKind::Hardlink) => format!(" => {t}"),
            (Some(t), _) => format!(" -> {t}"),
            (None, _) => String::new(),
        }
    }
}

/// What kind of change a layer makes to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The path was not visible below.
    Added,
    /// The path was visible below and is written again.
    Modified,
    /// The path was visible below and is hidden from this layer on.
    Deleted,
}

/// One row of a layer's changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Added, modified or deleted.
    pub change: ChangeKind,
    /// For added and modified rows, the new version; for deleted rows, the version hidden (its
    /// `layer` is the layer that provided it).
    #[serde(flatten)]
    pub node: Node,
    /// For modified rows, what changed.
    #[serde(skip_serializing_if = "Details::is_empty", default)]
    pub detail: Details,
}

/// The stacked filesystem, built one layer at a time.
#[derive(Debug, Default, Clone)]
pub struct Merger {
    visible: Visible,
    /// Warnings gathered so far (dangling whiteouts and hardlinks; each names its layer).
    pub notes: Vec<ProblemKind>,
}

/// The merged filesystem of an image: every visible path, in tree order.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedTree {
    /// Visible paths in tree order (parents before children, siblings by name).
    pub nodes: Vec<Node>,
}

impl Merger {
    /// An empty filesystem.
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Applies layer `index` and returns its changes: deletions first (in marker order), then
    /// additions and modifications in tar order.
    pub fn apply(&mut self, index: usize, layer: &LayerContents) -> Vec<Change> {
        let mut changes = Vec::new();
        for marker in &layer.markers {
            let (hidden, include_self) = match marker {
                Marker::Whiteout(p) => (p, true),
                Marker::Opaque(d) => (d, false),
            };
            let removed = self.visible.remove_tree(hidden, include_self);
            if removed.is_empty() && include_self {
                self.notes.push(ProblemKind::DanglingWhiteout { layer: index, path: hidden.clone() });
            }
            changes.extend(removed.into_iter().map(|node| Change {
                change: ChangeKind::Deleted,
                node,
                detail: Details::NONE,
            }));
        }
        for entry in &layer.entries {
            self.ensure_parents(index, &entry.path, &mut changes);
            let node = self.node_for(index, entry);
            match self.visible.get(&entry.path) {
                None => {
                    changes.push(Change { change: ChangeKind::Added, node: node.clone(), detail: Details::NONE });
                    self.visible.put(node);
                }
                Some(old) if old.layer == index => {
                    // The same path twice in one layer (or a directory listed after an entry below it
                    // made it implicitly): the later entry wins, and this layer's row shows it.
                    let later = Node { shadowed: old.shadowed.clone(), ..node };
                    if let Some(row) =
                        changes.iter_mut().rev().find(|c| c.node.path == entry.path && c.change != ChangeKind::Deleted)
                    {
                        row.node = later.clone();
                    }
                    self.visible.put(later);
                }
                Some(old) => {
                    let detail = compare(old, &node);
                    let relisted_dir = old.kind == EntryKind::Dir
                        && node.kind == EntryKind::Dir
                        && detail == Details::from(Detail::Identical);
                    if relisted_dir {
                        // Not a change (the lower layer still provides it), but the upper
                        // directory's times are the ones the container sees (overlayfs).
                        if old.mtime != node.mtime {
                            let kept = Node { mtime: node.mtime, ..old.clone() };
                            self.visible.put(kept);
                        }
                        continue;
                    }
                    let shadowed = old.shadowed.iter().copied().chain([old.layer]).collect();
                    let was_dir = old.kind == EntryKind::Dir;
                    // The lower version's path, so that its row, this row and the node share one copy.
                    let new = Node { shadowed, path: old.path.clone(), ..node };
                    changes.push(Change { change: ChangeKind::Modified, node: new.clone(), detail });
                    if was_dir && new.kind != EntryKind::Dir {
                        let removed = self.visible.remove_tree(&entry.path, false);
                        changes.extend(removed.into_iter().map(|node| Change {
                            change: ChangeKind::Deleted,
                            node,
                            detail: Details::NONE,
                        }));
                    }
                    self.visible.put(new);
                }
            }
        }
        changes
    }

    /// The merged tree as it stands.
    pub fn tree(&self) -> MergedTree {
        MergedTree { nodes: self.visible.tree() }
    }

    /// The merged tree, moving the nodes out rather than copying them (a large image holds one
    /// copy of its tree at a time).
    pub fn into_tree(self) -> MergedTree {
        MergedTree { nodes: self.visible.into_tree() }
    }

    fn node_for(&mut self, index: usize, e: &Entry) -> Node {
        let (size, content) = match (e.kind, &e.target) {
            (EntryKind::Hardlink, Some(t)) => match self.visible.get(t) {
                Some(target) => (target.size, target.content),
                None => {
                    self.notes.push(ProblemKind::DanglingHardlink {
                        layer: index,
                        path: e.path.clone(),
                        target: t.clone(),
                    });
                    (e.size, None)
                }
            },
            _ => (e.size, e.content.map(|h| NonZeroU64::new(h).unwrap_or(NonZeroU64::MIN))),
        };
        Node {
            path: e.path.as_str().into(),
            kind: e.kind,
            mode: e.mode,
            uid: e.uid,
            gid: e.gid,
            size,
            target: e.target.as_deref().map(Box::from),
            layer: index,
            shadowed: Box::default(),
            implicit: false,
            mtime: e.mtime,
            content,
        }
    }

    fn ensure_parents(&mut self, index: usize, p: &str, changes: &mut Vec<Change>) {
        let mut missing = Vec::new();
        let mut cur = path::parent(p);
        while cur != "/" && !self.visible.contains(cur) {
            missing.push(cur.to_owned());
            cur = path::parent(cur);
        }
        for dir in missing.into_iter().rev() {
            let node = Node {
                path: dir.into(),
                kind: EntryKind::Dir,
                mode: 0o755,
                uid: 0,
                gid: 0,
                size: 0,
                target: None,
                layer: index,
                shadowed: Box::default(),
                implicit: true,
                mtime: 0,
                content: None,
            };
            changes.push(Change { change: ChangeKind::Added, node: node.clone(), detail: Details::NONE });
            self.visible.put(node);
        }
    }
}

fn compare(old: &Node, new: &Node) -> Details {
    let differs = [
        (Detail::Content, old.content != new.content),
        (Detail::Size, old.size != new.size),
        (Detail::Type, old.kind != new.kind),
        (Detail::Mode, old.mode != new.mode),
        (Detail::Owner, old.uid != new.uid || old.gid != new.gid),
        (
            Detail::Target,
            old.target != new.target && !(old.kind == EntryKind::Hardlink || new.kind == EntryKind::Hardlink),
        ),
    ];
    let d: Details = differs.into_iter().filter(|&(_, differs)| differs).map(|(d, _)| d).collect();
    if d.is_empty() {
        Detail::Identical.into()
    } else {
        d
    }
}

/// Counts over a merged tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedSummary {
    /// Visible paths.
    pub entries: u64,
    /// Regular files.
    pub files: u64,
    /// Directories.
    pub dirs: u64,
    /// Symbolic links.
    pub symlinks: u64,
    /// Hard links.
    pub hardlinks: u64,
    /// Bytes of the visible regular files (hardlinks add nothing: they share a file's bytes).
    pub size: u64,
}

impl MergedTree {
    /// Counts entries by kind and sums file sizes.
    pub fn summary(&self) -> MergedSummary {
        let mut s = MergedSummary::default();
        for n in &self.nodes {
            s.entries += 1;
            match n.kind {
                EntryKind::File => {
                    s.files += 1;
                    s.size += n.size;
                }
                EntryKind::Dir => s.dirs += 1,
                EntryKind::Symlink => s.symlinks += 1,
                EntryKind::Hardlink => s.hardlinks += 1,
                _ => {}
            }
        }
        s
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::*;

    /// A large image holds one node per visible path and one change row per entry: their sizes are
    /// most of its memory (README "Memory": at most 400 bytes per entry). A field added or widened
    /// shows here first.
    #[test]
    fn nodes_and_change_rows_stay_small() {
        assert_eq!(size_of::<Node>(), 104);
        assert_eq!(size_of::<Change>(), 112);
        assert_eq!(size_of::<Option<Node>>(), 104, "a hidden slot costs no more than a node");
    }
}
