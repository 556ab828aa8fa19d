//! Messages between the page and the worker. Both sides send JSON text (compact, one copy) built
//! from these types.

use serde::{Deserialize, Serialize};
use strata_core::merge::{Change, Node};
use strata_core::Analysis;

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is initialised; work can be posted.
    Ready,
    /// Progress of the current archive.
    Progress { bytes_done: u64, bytes_total: Option<u64>, layers_done: u64 },
    /// A provisional analysis read from headers only (digests not yet checked); `Done` follows.
    Structure { analysis: Analysis, trees: Vec<Vec<Node>>, changes: Vec<Vec<Vec<Change>>> },
    /// The analysis, with each image's merged tree and each layer's changes.
    Done { analysis: Analysis, trees: Vec<Vec<Node>>, changes: Vec<Vec<Vec<Change>>> },
    /// Nothing could be read.
    Failed { message: String },
}

type Parts = (Analysis, Vec<Vec<Node>>, Vec<Vec<Vec<Change>>>);

/// Splits an analysis into the parts `serde(skip)` leaves out of its JSON, for posting.
fn split(analysis: Analysis) -> Parts {
    let trees = analysis.images.iter().map(|i| i.tree.nodes.clone()).collect();
    let changes = analysis.images.iter().map(|i| i.layers.iter().map(|l| l.changes.clone()).collect()).collect();
    (analysis, trees, changes)
}

/// The final result message.
pub fn done(analysis: Analysis) -> FromWorker {
    let (analysis, trees, changes) = split(analysis);
    FromWorker::Done { analysis, trees, changes }
}

/// The provisional (headers-only) result message.
pub fn structure(analysis: Analysis) -> FromWorker {
    let (analysis, trees, changes) = split(analysis);
    FromWorker::Structure { analysis, trees, changes }
}

/// Puts the posted parts back together.
pub fn rebuild(mut analysis: Analysis, trees: Vec<Vec<Node>>, changes: Vec<Vec<Vec<Change>>>) -> Analysis {
    for ((img, nodes), layer_changes) in analysis.images.iter_mut().zip(trees).zip(changes) {
        img.tree.nodes = nodes;
        for (l, c) in img.layers.iter_mut().zip(layer_changes) {
            l.changes = c;
        }
    }
    analysis
}
