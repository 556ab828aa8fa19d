//! What the file panel shows for a selected path, decided from the model alone (no bytes): the
//! copy in the view the route names, or why there is none. The bytes are fetched afterwards for
//! [`Showing::Copy`] (see [`crate::state::copy`]).
//!
//! Views: the merged filesystem (no layer in the route), layer N's own copy (`layer=N`, the files
//! view's "changes in layer N"), or the tree as it stood after layer N (`layer=N&mode=upto`). A
//! symbolic link at the end is shown as the link (with a way to its target); links on the way are
//! followed as the kernel follows them (`strata_core::content::locate`).

use crate::state::FilesMode;
use strata_core::content::locate::Follow;
use strata_core::content::{history, locate, LookupError, PathEvent, View};
use strata_core::layer::EntryKind;
use strata_core::merge::{ChangeKind, Node};
use strata_core::Image;

/// Which copy the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The copy a container sees.
    Visible,
    /// Layer N's own copy.
    InLayer(usize),
    /// The copy visible after layer N.
    UpTo(usize),
}

impl Want {
    /// The copy a route asks for.
    pub fn of(layer: Option<usize>, mode: FilesMode) -> Want {
        match (layer, mode) {
            (None, _) => Want::Visible,
            (Some(n), FilesMode::In) => Want::InLayer(n),
            (Some(n), FilesMode::UpTo) => Want::UpTo(n),
        }
    }
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Showing {
    /// A file's copy (its bytes to be read): the entry `entry` of layer `data_layer` holds them
    /// (a hard link's target, or the file itself); `node` is the copy as its layer lists it.
    Copy {
        /// The copy's entry.
        node: Node,
        /// The layer holding the bytes.
        data_layer: usize,
        /// The entry holding the bytes.
        entry: String,
    },
    /// A symbolic link (its target in `node.target`).
    Link {
        /// The link's entry.
        node: Node,
    },
    /// A directory.
    Dir {
        /// Its entry.
        node: Node,
        /// Its entries below, and the bytes of the regular files among them, in this view.
        files: usize,
        /// Bytes of the regular files at or under it.
        bytes: u64,
    },
    /// A device, a FIFO: no bytes.
    Special {
        /// Its entry.
        node: Node,
    },
    /// Deleted in this view: by layer `layer`; `last` is the layer of the copy it hid.
    Absent {
        /// The layer that deleted it.
        layer: usize,
        /// The layer of the last copy before the deletion.
        last: Option<usize>,
    },
    /// Layer N holds no copy and does not delete it.
    NoCopy {
        /// The layer.
        layer: usize,
    },
    /// Nothing at the path in this view (nor ever deleted), or it cannot be looked up (a loop).
    Missing(LookupError),
}

impl Showing {
    /// The layer of the copy shown (`data-layer`): the layer whose entry it is.
    pub fn layer(&self) -> Option<usize> {
        match self {
            Showing::Copy { node, .. }
            | Showing::Link { node }
            | Showing::Dir { node, .. }
            | Showing::Special { node } => Some(node.layer),
            Showing::Absent { layer, .. } | Showing::NoCopy { layer } => Some(*layer),
            Showing::Missing(_) => None,
        }
    }
}

/// What the panel shows for `path` in `want`, with the path's history (every layer that changed it).
pub fn decide(img: &Image, path: &str, want: Want) -> (Showing, Vec<PathEvent>) {
    let events = history(img, path);
    let showing = match want {
        Want::Visible => lookup(img, path, View::Merged, &events),
        Want::InLayer(n) => lookup(img, path, View::Layer(n), &events),
        Want::UpTo(n) => match events.iter().rev().find(|e| e.layer <= n) {
            Some(e) if e.change == ChangeKind::Deleted => {
                Showing::Absent { layer: e.layer, last: last_copy(&events, e.layer) }
            }
            Some(e) => lookup(img, path, View::Layer(e.layer), &events),
            None => lookup(img, path, View::Layer(n), &events),
        },
    };
    (showing, events)
}

/// The layer of the last copy written below `layer`.
fn last_copy(events: &[PathEvent], layer: usize) -> Option<usize> {
    events.iter().rev().find(|e| e.layer < layer && e.change != ChangeKind::Deleted).map(|e| e.layer)
}

fn lookup(img: &Image, path: &str, view: View, events: &[PathEvent]) -> Showing {
    match locate(img, path, view, Follow::Parents) {
        Ok(found) => match (found.node.kind, found.data) {
            (EntryKind::File | EntryKind::Hardlink, Some((data_layer, entry))) => {
                Showing::Copy { node: found.node, data_layer, entry }
            }
            (EntryKind::Symlink, _) => Showing::Link { node: found.node },
            (EntryKind::Dir, _) => {
                let (files, bytes) = totals(img, &found.resolved, view);
                Showing::Dir { node: found.node, files, bytes }
            }
            _ => Showing::Special { node: found.node },
        },
        Err(LookupError::Deleted { layer, .. }) => Showing::Absent { layer, last: last_copy(events, layer) },
        Err(LookupError::NoCopyInLayer { layer, .. }) => {
            match events.iter().find(|e| e.layer == layer && e.change == ChangeKind::Deleted) {
                Some(_) => Showing::Absent { layer, last: last_copy(events, layer) },
                None => Showing::NoCopy { layer },
            }
        }
        Err(e) => Showing::Missing(e),
    }
}

/// Entries under `dir` and the bytes of its regular files (as `du` counts: hard links add 0),
/// in the merged tree or in one layer's changes.
pub fn totals(img: &Image, dir: &str, view: View) -> (usize, u64) {
    let below = |n: &Node| strata_core::path::is_below(&n.path, dir);
    let bytes = |n: &Node| if n.kind == EntryKind::File { n.size } else { 0 };
    match view {
        View::Merged => img.tree.nodes.iter().filter(|n| below(n)).fold((0, 0), |(c, b), n| (c + 1, b + bytes(n))),
        View::Layer(k) => img
            .layers
            .get(k)
            .map_or(&[][..], |l| &l.changes[..])
            .iter()
            .filter(|c| c.change != ChangeKind::Deleted && below(&c.node))
            .fold((0, 0), |(c, b), ch| (c + 1, b + bytes(&ch.node))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_core::sample::{docker_archive, layer_tar, SampleEntry::*};

    fn image() -> Image {
        let l0 = layer_tar(&[
            Dir("etc"),
            File("etc/app.ini", b"v1\n".to_vec(), 0o644),
            Symlink("etc/link", "app.ini"),
            Dir("opt"),
            File("opt/a", b"aaaa".to_vec(), 0o644),
            File("opt/b", b"bb".to_vec(), 0o644),
            Hardlink("opt/h", "opt/a"),
        ]);
        let l1 = layer_tar(&[File("etc/app.ini", b"v2\n".to_vec(), 0o600), Whiteout("opt/b")]);
        let l2 = layer_tar(&[Whiteout("etc/app.ini")]);
        let steps = [("ADD / /", true), ("RUN edit", true), ("RUN rm", true)];
        let bytes = docker_archive("t:1", &[l0, l1, l2], &steps, &[], &[]);
        strata_core::analyze_bytes(&bytes).unwrap().images.remove(0)
    }

    #[test]
    fn each_view_shows_its_copy_or_why_not() {
        let img = image();
        let (s, events) = decide(&img, "/etc/app.ini", Want::Visible);
        assert_eq!(s, Showing::Absent { layer: 2, last: Some(1) });
        assert_eq!(
            events.iter().map(|e| (e.layer, e.change)).collect::<Vec<_>>(),
            vec![(0, ChangeKind::Added), (1, ChangeKind::Modified), (2, ChangeKind::Deleted)]
        );
        let (s, _) = decide(&img, "/etc/app.ini", Want::InLayer(1));
        assert!(matches!(&s, Showing::Copy { data_layer: 1, entry, .. } if entry == "/etc/app.ini"));
        assert_eq!(s.layer(), Some(1));
        let (s, _) = decide(&img, "/etc/app.ini", Want::UpTo(1));
        assert!(matches!(s, Showing::Copy { data_layer: 1, .. }));
        let (s, _) = decide(&img, "/etc/app.ini", Want::InLayer(2));
        assert_eq!(s, Showing::Absent { layer: 2, last: Some(1) });
        let (s, _) = decide(&img, "/opt/a", Want::InLayer(1));
        assert_eq!(s, Showing::NoCopy { layer: 1 });
        let (s, _) = decide(&img, "/opt/h", Want::Visible);
        assert!(matches!(&s, Showing::Copy { data_layer: 0, entry, .. } if entry == "/opt/a"), "{s:?}");
        let (s, _) = decide(&img, "/etc/link", Want::Visible);
        assert!(matches!(&s, Showing::Link { node } if node.target.as_deref() == Some("app.ini")));
        let (s, _) = decide(&img, "/opt", Want::Visible);
        assert!(matches!(s, Showing::Dir { files: 2, bytes: 4, .. }), "a, h (a hard link adds 0); b deleted: {s:?}");
        let (s, _) = decide(&img, "/opt", Want::InLayer(0));
        assert!(matches!(s, Showing::Dir { files: 3, bytes: 6, .. }), "{s:?}");
        let (s, _) = decide(&img, "/nope", Want::Visible);
        assert!(matches!(s, Showing::Missing(LookupError::NotFound { .. })));
        assert_eq!(s.layer(), None);
    }
}
