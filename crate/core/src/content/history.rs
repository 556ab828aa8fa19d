//! A path's history: every layer that changed it, in layer order.
//!
//! Read from the layers' change rows (see [`crate::merge`]): a layer *adds* a path not visible
//! below it, *modifies* one that is (written again, or deleted and written again in the same
//! layer, as an opaque directory re-made), or *deletes* it: a whiteout of the path itself
//! (`.wh.NAME`), of a directory above it, an opaque marker (`.wh..wh..opq`) in a directory above
//! it (OCI image-spec `layer.md`, "Whiteouts"), or a non-directory written where a directory above
//! it was.

use crate::layer::{EntryKind, Marker};
use crate::merge::{ChangeKind, Node};
use crate::model::{Image, Layer};
use crate::path;
use serde::{Deserialize, Serialize};

/// How a layer deleted a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "dir", rename_all = "kebab-case")]
pub enum Cause {
    /// A whiteout of the path itself (`.wh.NAME`).
    Whiteout,
    /// A whiteout of the directory above it (`rm -rf DIR`).
    ParentWhiteout(String),
    /// An opaque marker in the directory above it (the directory replaced whole).
    Opaque(String),
    /// A non-directory written where a directory above it stood.
    Replaced(String),
}

/// One layer's change to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathEvent {
    /// The layer.
    pub layer: usize,
    /// Added, modified or deleted.
    pub change: ChangeKind,
    /// For added and modified, the layer's copy; for deleted, the copy hidden (its `layer` is the
    /// layer that provided it).
    pub node: Node,
    /// For deleted, how.
    pub cause: Option<Cause>,
}

/// Every layer's change to `path` in `image`, base first; one event per layer (a layer that
/// deletes a path and writes it again modifies it).
pub fn history(image: &Image, path: &str) -> Vec<PathEvent> {
    let asked = path::normalize_str(path).unwrap_or_else(|_| "/".to_owned());
    let mut out: Vec<PathEvent> = Vec::new();
    for layer in &image.layers {
        for row in layer.changes.iter().filter(|c| c.node.path == asked) {
            let cause = (row.change == ChangeKind::Deleted).then(|| cause(layer, &asked));
            let event = PathEvent { layer: layer.index, change: row.change, node: row.node.clone(), cause };
            match out.last_mut() {
                Some(prev) if prev.layer == layer.index => {
                    let change = if prev.change == ChangeKind::Deleted && row.change != ChangeKind::Deleted {
                        ChangeKind::Modified
                    } else {
                        row.change
                    };
                    *prev = PathEvent { change, ..event };
                    if change != ChangeKind::Deleted {
                        prev.cause = None;
                    }
                }
                _ => out.push(event),
            }
        }
    }
    out
}

fn cause(layer: &Layer, p: &str) -> Cause {
    let mut best: Option<Cause> = None;
    for m in &layer.markers {
        match m {
            Marker::Whiteout(w) if w == p => return Cause::Whiteout,
            Marker::Whiteout(w) if path::is_below(p, w) => best = Some(Cause::ParentWhiteout(w.clone())),
            Marker::Opaque(d) if path::is_below(p, d) && best.is_none() => best = Some(Cause::Opaque(d.clone())),
            _ => {}
        }
    }
    best.unwrap_or_else(|| {
        // A non-directory written over a directory above: the nearest such ancestor.
        let mut dir = path::parent(p);
        while dir != "/" {
            let replaced = layer.changes.iter().any(|c| c.node.path == dir && c.node.kind != EntryKind::Dir);
            if replaced {
                break;
            }
            dir = path::parent(dir);
        }
        Cause::Replaced(dir.to_owned())
    })
}
