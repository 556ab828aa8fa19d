//! `strata ls`: the merged tree, or one layer's changes.

use crate::args::{LsRows, LsTarget};
use crate::load;
use crate::render::bytes;
use serde_json::json;
use strata_core::merge::{Change, ChangeKind, Node};
use strata_core::query::sort_rows;

/// Runs the command; returns the exit code.
pub fn run(archive: &str, image: Option<&str>, target: LsTarget, as_json: bool, rows: &LsRows) -> Result<u8, String> {
    let analysis = load::load(archive)?;
    let (_, img) = load::pick(&analysis, image)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    use std::io::Write;
    let w = |out: &mut std::io::BufWriter<_>, line: String| writeln!(out, "{line}").map_err(|e| e.to_string());
    match target {
        LsTarget::Merged => {
            let mut nodes: Vec<&Node> = img.tree.nodes.iter().filter(|n| keep(rows, &n.path)).collect();
            if let Some(sort) = rows.sort {
                sort_rows(&mut nodes, sort, |n| n);
            }
            for n in nodes {
                w(&mut out, if as_json { node_json(n).to_string() } else { node_line(n, None) })?;
            }
        }
        LsTarget::Layer(k) => {
            let layer = img.layers.get(k).ok_or_else(|| {
                format!("--layer {k}: the image has {} layers, numbered from 0 (base)", img.layers.len())
            })?;
            let mut changes: Vec<&Change> = layer.changes.iter().filter(|c| keep(rows, &c.node.path)).collect();
            if let Some(sort) = rows.sort {
                sort_rows(&mut changes, sort, |c| &c.node);
            }
            for c in changes {
                let line = if as_json {
                    let mut v = node_json(&c.node);
                    v["change"] = json!(c.change);
                    if c.change == ChangeKind::Modified {
                        v["detail"] = json!(c.detail);
                    }
                    v.to_string()
                } else {
                    node_line(&c.node, Some(c.change))
                };
                w(&mut out, line)?;
            }
        }
    }
    Ok(0)
}

fn keep(rows: &LsRows, path: &str) -> bool {
    rows.filter.as_ref().is_none_or(|q| q.matches(path))
}

fn node_json(n: &Node) -> serde_json::Value {
    json!({
        "path": n.path, "type": n.kind, "mode": n.mode, "uid": n.uid, "gid": n.gid,
        "size": n.size, "target": n.target, "layer": n.layer,
    })
}

fn node_line(n: &Node, change: Option<ChangeKind>) -> String {
    let mark = match change {
        Some(ChangeKind::Added) => "A ",
        Some(ChangeKind::Modified) => "M ",
        Some(ChangeKind::Deleted) => "D ",
        None => "",
    };
    format!(
        "{mark}{} {:>5}:{:<5} {:>9} L{:<2} {}{}",
        n.mode_text(),
        n.uid,
        n.gid,
        bytes(n.size),
        n.layer,
        n.path,
        n.link_text()
    )
}
