//! Which copy of a path a view shows, found from the model alone.
//!
//! A view is the merged filesystem ([`View::Merged`], what a container of the image sees) or one
//! layer ([`View::Layer`]: the copy that layer's tar holds). Symbolic links are followed as the
//! kernel's path walk follows them (`path_resolution(7)`): component by component, an absolute
//! target from the image's root, a relative one from the link's directory, `..` going up (never
//! above the root), at most [`MAX_LINK_HOPS`] links in all (more is a loop: `ELOOP`). In a layer
//! view the path itself names the layer's entry; a link it holds is followed in the image as it
//! stood after that layer. A hard link's bytes are its target's entry (OCI image-spec `layer.md`,
//! "Hardlinks"): in the same layer when it holds the target, otherwise where the target is
//! visible below.

use crate::layer::EntryKind;
use crate::merge::{ChangeKind, Node};
use crate::model::Image;
use crate::path;
use crate::replay::Replay;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;

/// The most symbolic links one lookup follows (Linux's `MAXSYMLINKS`).
pub const MAX_LINK_HOPS: usize = 40;

/// Which filesystem a path is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The merged filesystem: what a container of the image sees.
    Merged,
    /// The copy layer N's tar holds (0 = base).
    Layer(usize),
}

/// Whether the last component of a path is followed when it is a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Every link, the last one too (what `cat PATH` reads).
    All,
    /// Links on the way only: a link at the end is shown as the link (what `ls -l PATH` shows).
    Parents,
}

/// Why a view shows no copy to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum LookupError {
    /// The image has no such layer.
    NoSuchLayer {
        /// The layer asked for.
        layer: usize,
        /// How many layers the image has.
        layers: usize,
    },
    /// Nothing at `path` in this view, and no layer below ever deleted it.
    NotFound {
        /// The path (or the first component of it) that is missing.
        path: String,
    },
    /// `path` was deleted by layer `layer` and not written again below the view.
    Deleted {
        /// The path (or the directory above it) that was deleted.
        path: String,
        /// The layer that deleted it.
        layer: usize,
    },
    /// Layer `layer` holds no copy of `path`.
    NoCopyInLayer {
        /// The path.
        path: String,
        /// The layer.
        layer: usize,
    },
    /// The path is a directory.
    IsDirectory {
        /// The directory.
        path: String,
    },
    /// A component on the way is not a directory.
    NotADirectory {
        /// That component.
        path: String,
    },
    /// More than [`MAX_LINK_HOPS`] symbolic links: a loop.
    LinkLoop {
        /// The path asked for.
        path: String,
    },
    /// A device or a named pipe: no bytes in the image.
    NotAFile {
        /// The path.
        path: String,
        /// What it is.
        kind: EntryKind,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::NoSuchLayer { layer, layers } => {
                write!(f, "the image has no layer {layer} (it has {layers}, numbered from 0)")
            }
            LookupError::NotFound { path } => write!(f, "{path}: no such file"),
            LookupError::Deleted { path, layer } => write!(f, "{path}: deleted in layer {layer}"),
            LookupError::NoCopyInLayer { path, layer } => write!(f, "{path}: layer {layer} holds no copy of it"),
            LookupError::IsDirectory { path } => write!(f, "{path}: is a directory"),
            LookupError::NotADirectory { path } => write!(f, "{path}: not a directory"),
            LookupError::LinkLoop { path } => {
                write!(f, "{path}: too many levels of symbolic links (more than {MAX_LINK_HOPS}: a loop)")
            }
            LookupError::NotAFile { path, kind } => write!(f, "{path}: a {} holds no bytes", kind.name()),
        }
    }
}

impl std::error::Error for LookupError {}

/// The copy a view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The path asked for, normalized.
    pub path: String,
    /// The path whose copy this is (the asked path with its symbolic links followed).
    pub resolved: String,
    /// The copy: a file, a hard link, a symbolic link (with [`Follow::Parents`]), a directory
    /// (only with [`Follow::Parents`]), …; its `layer` is the layer that holds it.
    pub node: Node,
    /// Where the bytes are: the layer and the entry path holding them (a hard link's target);
    /// `None` for anything but files and hard links.
    pub data: Option<(usize, String)>,
}

/// A filesystem to walk: the visible node at a path.
trait Lookup {
    fn get(&self, path: &str) -> Option<&Node>;
}

struct Merged<'a>(&'a Image);

impl Lookup for Merged<'_> {
    fn get(&self, p: &str) -> Option<&Node> {
        let nodes = &self.0.tree.nodes;
        nodes.binary_search_by(|n| path::tree_order(&n.path, p)).ok().and_then(|i| nodes.get(i))
    }
}

struct AfterLayer<'a> {
    image: &'a Image,
    replay: Replay,
}

impl Lookup for AfterLayer<'_> {
    fn get(&self, p: &str) -> Option<&Node> {
        self.replay.get(self.image, p)
    }
}

impl<'a> AfterLayer<'a> {
    fn new(image: &'a Image, layer: usize) -> AfterLayer<'a> {
        let mut replay = Replay::new();
        replay.seek_to_layer(image, layer);
        AfterLayer { image, replay }
    }
}

/// Finds the copy of `path` that `view` of `image` shows (see the module docs).
pub fn locate(image: &Image, path: &str, view: View, follow: Follow) -> Result<Located, LookupError> {
    let asked = path::normalize_str(path).unwrap_or_else(|_| "/".to_owned());
    let mut hops = 0;
    let (resolved, node, lookup): (String, Node, Box<dyn Lookup + '_>) = match view {
        View::Merged => {
            let lookup = Merged(image);
            let (resolved, node) =
                walk(&lookup, &asked, follow, &mut hops).map_err(|e| deleted_or(image, e, &asked, None))?;
            (resolved, node, Box::new(lookup))
        }
        View::Layer(n) => {
            let layer = image.layers.get(n).ok_or(LookupError::NoSuchLayer { layer: n, layers: image.layers.len() })?;
            let rows = layer.changes.iter().filter(|c| c.node.path == asked);
            let Some(copy) = rows.clone().rfind(|c| c.change != ChangeKind::Deleted) else {
                return Err(if rows.clone().any(|c| c.change == ChangeKind::Deleted) {
                    LookupError::Deleted { path: asked, layer: n }
                } else {
                    LookupError::NoCopyInLayer { path: asked, layer: n }
                });
            };
            let below = AfterLayer::new(image, n);
            if copy.node.kind == EntryKind::Symlink && follow == Follow::All {
                hops = 1;
                let target = copy.node.target.as_deref().unwrap_or_default().to_owned();
                let start = if target.starts_with('/') { target } else { format!("{}/{target}", path::parent(&asked)) };
                let (resolved, node) =
                    walk(&below, &start, Follow::All, &mut hops).map_err(|e| loop_of(e, &asked, Some(n), image))?;
                (resolved, node, Box::new(below))
            } else {
                (asked.clone(), copy.node.clone(), Box::new(below))
            }
        }
    };
    let data = match node.kind {
        EntryKind::File => Some((node.layer, resolved.clone())),
        EntryKind::Hardlink => Some(hardlink_data(image, &node, &*lookup, &asked)?),
        EntryKind::Dir if follow == Follow::All => return Err(LookupError::IsDirectory { path: resolved }),
        EntryKind::Char | EntryKind::Block | EntryKind::Fifo if follow == Follow::All => {
            return Err(LookupError::NotAFile { path: resolved, kind: node.kind })
        }
        _ => None,
    };
    Ok(Located { path: asked, resolved, node, data })
}

/// A failed walk: when a layer at or below `below` deleted the path asked for (or the missing
/// component on the way), `Deleted`.
fn deleted_or(image: &Image, e: LookupError, asked: &str, below: Option<usize>) -> LookupError {
    let LookupError::NotFound { path } = &e else { return e };
    for p in [asked, path.as_str()] {
        let last = super::history::history(image, p).into_iter().rfind(|ev| below.is_none_or(|b| ev.layer <= b));
        if let Some(ev) = last.filter(|ev| ev.change == ChangeKind::Deleted) {
            return LookupError::Deleted { path: p.to_owned(), layer: ev.layer };
        }
    }
    e
}

fn loop_of(e: LookupError, asked: &str, below: Option<usize>, image: &Image) -> LookupError {
    match e {
        LookupError::LinkLoop { .. } => LookupError::LinkLoop { path: asked.to_owned() },
        other => deleted_or(image, other, asked, below),
    }
}

/// Walks `start` component by component in `fs`, following links (see the module docs).
fn walk(fs: &dyn Lookup, start: &str, follow: Follow, hops: &mut usize) -> Result<(String, Node), LookupError> {
    let mut pending: VecDeque<String> = components(start).collect();
    let mut cur = "/".to_owned();
    let mut found: Option<Node> = None;
    while let Some(c) = pending.pop_front() {
        match c.as_str() {
            "." => continue,
            ".." => {
                cur = path::parent(&cur).to_owned();
                found = fs.get(&cur).cloned();
                continue;
            }
            _ => {}
        }
        let next = path::join(&cur, &c);
        let node = fs.get(&next).ok_or_else(|| LookupError::NotFound { path: next.clone() })?;
        let last = pending.is_empty();
        if node.kind == EntryKind::Symlink && (!last || follow == Follow::All) {
            *hops += 1;
            if *hops > MAX_LINK_HOPS {
                return Err(LookupError::LinkLoop { path: start.to_owned() });
            }
            let target = node.target.clone().unwrap_or_default();
            if target.starts_with('/') {
                cur = "/".to_owned();
            }
            for part in components(&target).collect::<Vec<_>>().into_iter().rev() {
                pending.push_front(part);
            }
            found = fs.get(&cur).cloned();
            continue;
        }
        if !last && node.kind != EntryKind::Dir {
            return Err(LookupError::NotADirectory { path: next });
        }
        found = Some(node.clone());
        cur = next;
    }
    match found {
        Some(node) if cur != "/" => Ok((cur, node)),
        _ => Err(LookupError::IsDirectory { path: cur }),
    }
}

fn components(p: &str) -> impl Iterator<Item = String> + '_ {
    p.split('/').filter(|c| !c.is_empty()).map(str::to_owned)
}

/// The layer and entry holding a hard link's bytes: its target in the link's own layer when that
/// layer holds a file there, else the target as the view sees it (chains followed, at most
/// [`MAX_LINK_HOPS`]).
fn hardlink_data(image: &Image, node: &Node, fs: &dyn Lookup, asked: &str) -> Result<(usize, String), LookupError> {
    let mut cur = node.clone();
    for _ in 0..MAX_LINK_HOPS {
        let target = cur.target.as_deref().unwrap_or_default().to_owned();
        let same_layer = image
            .layers
            .get(cur.layer)
            .and_then(|l| l.changes.iter().rev().find(|c| c.node.path == target && c.change != ChangeKind::Deleted));
        let next = match same_layer {
            Some(c) => c.node.clone(),
            None => fs.get(&target).cloned().ok_or(LookupError::NotFound { path: target.clone() })?,
        };
        match next.kind {
            EntryKind::File => return Ok((next.layer, next.path.into())),
            EntryKind::Hardlink => cur = next,
            kind => return Err(LookupError::NotAFile { path: target, kind }),
        }
    }
    Err(LookupError::LinkLoop { path: asked.to_owned() })
}
