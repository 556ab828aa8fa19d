//! Wasted space: dive-compatible numbers, and the bytes a rebuild could reclaim.
//!
//! **dive's numbers** reproduce dive 0.13.1 (`dive/filetree/efficiency.go`) exactly, quirks
//! included. For each layer k, dive visits only the *leaves* of that layer's own tree (children
//! sorted by name, depth first). A leaf's size is its tar header size; a whiteout leaf `.wh.NAME`
//! counts as path `NAME` with the size of what it hides in the stack of layers `0..k` *if that was a
//! directory* (the directory and everything under it), or 0 if it was a file. Opaque markers are
//! ignored. Per path, dive sums these sizes (`cum`), keeps the smallest (`min`) and counts visits:
//! - `efficiency = Σ min / Σ cum` (1.0 when Σ cum is 0);
//! - inefficient files are the paths visited at least twice, by `cum` descending;
//! - `wasted_bytes = Σ cum` over the inefficient files (every copy counts, the kept one too);
//! - `user_size_bytes` = the size of every layer but the first; `wasted_user_percent` = wasted / user.
//!
//! A whiteout whose target is missing below stops dive's visit of the rest of that layer and leaves
//! a `min` of -1 behind; both are reproduced. `rm -rf dir` is never waste for dive (the directory
//! whiteout is a single leaf), a `chmod` is a full copy, and directories that are leaves in two
//! layers show up as 0-byte rows.
//!
//! **`reclaimable_bytes`** is Strata's own number: the bytes stored in the layers that the final
//! filesystem does not show — every copy of a file but the visible one, and every file later deleted
//! (by `rm -rf dir` too). It equals the sum of the layers' content sizes minus the size of the merged
//! tree's regular files: what squashing the image would save.

use crate::layer::{LayerContents, Marker, WHITEOUT_PREFIX};
use crate::path;
use serde::{Deserialize, Serialize};
mod stack;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use stack::Stack;
use std::borrow::Cow;

/// A path stored more than once across layers (dive's "inefficient file").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InefficientFile {
    /// The path.
    pub path: String,
    /// How many layers hold it as a leaf.
    pub count: u64,
    /// Cumulative bytes over those copies.
    pub bytes: u64,
}

/// Waste figures for one image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waste {
    /// dive's efficiency score, 0..=1.
    pub efficiency: f64,
    /// dive's wasted bytes.
    pub wasted_bytes: u64,
    /// dive's size of all layers but the first.
    pub user_size_bytes: u64,
    /// dive's wasted bytes / user size bytes (0 when the user size is 0).
    pub wasted_user_percent: f64,
    /// Strata's bytes a rebuild could save (see the module docs).
    pub reclaimable_bytes: u64,
    /// Sum of all layers' content sizes (dive's `sizeBytes`).
    pub size_bytes: u64,
    /// dive's inefficient files, largest first.
    pub inefficient_files: Vec<InefficientFile>,
}

#[derive(Default)]
struct PathStats {
    cum: i64,
    min: i64,
    count: u64,
}

/// A leaf of one layer's tree; paths borrow the layer's entries and markers.
struct Leaf<'a> {
    /// Its name in the layer (`.wh.NAME` for a whiteout), for dive's visiting order.
    name_path: Cow<'a, str>,
    /// The path it counts for (`NAME` for a whiteout).
    path: &'a str,
    size: u64,
    whiteout: bool,
}

/// Computes the waste figures from the layers' contents (base first) and the merged tree's file
/// bytes.
pub fn compute(layers: &[&LayerContents], merged_file_bytes: u64) -> Waste {
    let mut stats: HashMap<&str, PathStats> = HashMap::new();
    let mut stack = Stack::new();
    for layer in layers {
        let mut leaves = leaves(layer);
        // The sums do not depend on the order of the visit, only where it stops does: at a whiteout
        // whose target is missing, in dive's order.
        if leaves.iter().any(|l| l.whiteout && stack.get(l.path).is_none()) {
            leaves.sort_by(|a, b| path::tree_order(&a.name_path, &b.name_path));
        }
        'leaves: for leaf in leaves {
            let s = if leaf.whiteout {
                match stack.get(leaf.path) {
                    None => {
                        stats.entry(leaf.path).or_insert(PathStats { cum: 0, min: -1, count: 0 });
                        break 'leaves;
                    }
                    Some((true, own)) => own.saturating_add(stack.subtree_size(leaf.path)),
                    Some((false, _)) => 0,
                }
            } else {
                leaf.size
            };
            let st = stats.entry(leaf.path).or_insert(PathStats { cum: 0, min: -1, count: 0 });
            let s = i64::try_from(s).unwrap_or(i64::MAX);
            st.cum = st.cum.saturating_add(s);
            if st.min < 0 || s < st.min {
                st.min = s;
            }
            st.count += 1;
        }
        stack.apply(layer);
    }
    // Saturating: a header may claim any size (dive's int64 sums would wrap).
    let (sum_min, sum_cum) =
        stats.values().fold((0i64, 0i64), |(m, c), s| (m.saturating_add(s.min), c.saturating_add(s.cum)));
    let efficiency = if sum_cum == 0 { 1.0 } else { sum_min as f64 / sum_cum as f64 };
    let mut inefficient_files: Vec<InefficientFile> = stats
        .iter()
        .filter(|(_, s)| s.count >= 2)
        .map(|(p, s)| InefficientFile {
            path: (*p).to_owned(),
            count: s.count,
            bytes: u64::try_from(s.cum).unwrap_or(0),
        })
        .collect();
    crate::order::sort_by(&mut inefficient_files, |a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
    let wasted_bytes = inefficient_files.iter().fold(0u64, |sum, f| sum.saturating_add(f.bytes));
    let size_bytes: u64 = layers.iter().fold(0u64, |sum, l| sum.saturating_add(l.size));
    let user_size_bytes: u64 = layers.iter().skip(1).fold(0u64, |sum, l| sum.saturating_add(l.size));
    let wasted_user_percent = if user_size_bytes == 0 { 0.0 } else { wasted_bytes as f64 / user_size_bytes as f64 };
    Waste {
        efficiency,
        wasted_bytes,
        user_size_bytes,
        wasted_user_percent,
        reclaimable_bytes: reclaimable(size_bytes, merged_file_bytes),
        size_bytes,
        inefficient_files,
    }
}

/// The bytes stored in the layers that the final filesystem does not show: the layers' bytes less
/// the merged tree's file bytes.
pub fn reclaimable(size_bytes: u64, merged_file_bytes: u64) -> u64 {
    size_bytes.saturating_sub(merged_file_bytes)
}

/// The leaves of one layer's own tree, in no particular order (dive visits them in
/// [`path::tree_order`] of their names).
fn leaves(layer: &LayerContents) -> Vec<Leaf<'_>> {
    // Every node of the layer's tree by its name, with its size, the path it counts for (for a
    // whiteout, what it hides) and whether it is a whiteout; and every directory that has a node
    // below it (those are not leaves).
    let mut nodes: HashMap<Cow<'_, str>, (u64, &str, bool)> = HashMap::new();
    let mut parents: HashSet<&str> = HashSet::new();
    fn add_ancestors<'a>(p: &'a str, parents: &mut HashSet<&'a str>) {
        let mut cur = path::parent(p);
        while cur != "/" {
            if !parents.insert(cur) {
                break;
            }
            cur = path::parent(cur);
        }
    }
    for e in &layer.entries {
        nodes.insert(Cow::Borrowed(e.path.as_str()), (e.size, e.path.as_str(), false));
        add_ancestors(&e.path, &mut parents);
    }
    for m in &layer.markers {
        match m {
            Marker::Whiteout(hidden) => {
                let name_path =
                    path::join(path::parent(hidden), &format!("{WHITEOUT_PREFIX}{}", path::file_name(hidden)));
                // `.wh.NAME` has the ancestors of `NAME`.
                add_ancestors(hidden, &mut parents);
                nodes.insert(Cow::Owned(name_path), (0, hidden.as_str(), true));
            }
            Marker::Opaque(dir) => {
                if dir != "/" {
                    nodes.entry(Cow::Borrowed(dir.as_str())).or_insert((0, dir.as_str(), false));
                    add_ancestors(dir, &mut parents);
                }
            }
        }
    }
    nodes
        .into_iter()
        .filter(|(p, _)| !parents.contains(p.as_ref()))
        .map(|(name_path, (size, path, whiteout))| Leaf { name_path, path, size, whiteout })
        .collect()
}
