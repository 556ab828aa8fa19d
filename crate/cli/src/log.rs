//! `strata log ARCHIVE PATH [--image N|TAG] [--json]`: every layer that changed a path. With
//! `--json`, one object per line: `layer`, `change` (added|modified|deleted), `type`, `size` and
//! `sha256` (hex) for file copies, `target` for links, `mode`, `uid`, `gid`, `instruction`, and
//! for deletions `by` (whiteout|parent-whiteout|opaque|replaced) with the `dir` it names.

use crate::load;
use crate::render::bytes;
use serde_json::json;
use std::io::Write;
use strata_core::content::locate::Follow;
use strata_core::content::{history, locate, ArchiveFiles, Cause, PathEvent, View};
use strata_core::layer::EntryKind;
use strata_core::merge::ChangeKind;

/// Runs the command; returns the exit code (1: no layer ever changed the path).
pub fn run(archive: &str, path: &str, image: Option<&str>, as_json: bool) -> Result<u8, String> {
    let analysis = load::load_headers(archive)?;
    let (index, img) = load::pick(&analysis, image)?;
    let events = history(img, path);
    if events.is_empty() {
        eprintln!("strata: {path}: no layer of the image holds or deletes it");
        return Ok(1);
    }
    let files = ArchiveFiles::open(|| std::fs::File::open(archive).map(crate::seekbuf::SeekBuf::new))
        .map_err(|e| format!("{archive}: {e}"))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for ev in &events {
        let instruction = img.layers.get(ev.layer).and_then(strata_core::Layer::instruction);
        let sha256 = digest_of(&files, index, img, ev)?;
        let line =
            if as_json { json_line(ev, sha256.as_deref(), instruction) } else { text_line(ev, sha256, instruction) };
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(0)
}

/// The sha256 of a file copy the event writes (read from the archive), hex.
fn digest_of<F, R>(
    files: &ArchiveFiles<F>,
    index: usize,
    img: &strata_core::Image,
    ev: &PathEvent,
) -> Result<Option<String>, String>
where
    F: Fn() -> std::io::Result<R>,
    R: std::io::Read + std::io::Seek,
{
    if ev.change == ChangeKind::Deleted || !matches!(ev.node.kind, EntryKind::File | EntryKind::Hardlink) {
        return Ok(None);
    }
    let Ok(found) = locate(img, &ev.node.path, View::Layer(ev.layer), Follow::Parents) else { return Ok(None) };
    let Some((layer, entry)) = found.data else { return Ok(None) };
    let read = files.read(index, layer, &entry, &mut std::io::sink(), 0).map_err(|e| e.to_string())?;
    Ok(Some(read.sha256.hex().to_owned()))
}

fn change_name(c: ChangeKind) -> &'static str {
    match c {
        ChangeKind::Added => "added",
        ChangeKind::Modified => "modified",
        ChangeKind::Deleted => "deleted",
    }
}

fn cause_parts(c: &Cause) -> (&'static str, Option<&str>) {
    match c {
        Cause::Whiteout => ("whiteout", None),
        Cause::ParentWhiteout(d) => ("parent-whiteout", Some(d)),
        Cause::Opaque(d) => ("opaque", Some(d)),
        Cause::Replaced(d) => ("replaced", Some(d)),
    }
}

fn json_line(ev: &PathEvent, sha256: Option<&str>, instruction: Option<String>) -> String {
    let n = &ev.node;
    let mut v = json!({
        "layer": ev.layer, "change": change_name(ev.change), "type": n.kind, "mode": n.mode,
        "uid": n.uid, "gid": n.gid, "instruction": instruction,
    });
    if ev.change != ChangeKind::Deleted {
        if matches!(n.kind, EntryKind::File | EntryKind::Hardlink) {
            v["size"] = json!(n.size);
            v["sha256"] = json!(sha256);
        }
        if n.target.is_some() {
            v["target"] = json!(n.target);
        }
    }
    if let Some((by, dir)) = ev.cause.as_ref().map(cause_parts) {
        v["by"] = json!(by);
        if let Some(d) = dir {
            v["dir"] = json!(d);
        }
    }
    v.to_string()
}

fn text_line(ev: &PathEvent, sha256: Option<String>, instruction: Option<String>) -> String {
    let n = &ev.node;
    let what = match (ev.change, &ev.cause) {
        (ChangeKind::Deleted, Some(c)) => match cause_parts(c) {
            ("whiteout", _) => "by a whiteout".to_owned(),
            ("parent-whiteout", Some(d)) => format!("by a whiteout of {d}"),
            ("opaque", Some(d)) => format!("by an opaque {d}"),
            (_, d) => format!("replaced by a non-directory at {}", d.unwrap_or("/")),
        },
        _ => {
            let digest = sha256.map(|s| format!("  sha256:{}", s.get(..12).unwrap_or(&s))).unwrap_or_default();
            format!("{} {:>9}{digest}{}", n.mode_text(), bytes(n.size), n.link_text())
        }
    };
    let instruction = instruction.filter(|s| !s.is_empty()).map(|s| format!("   {s}")).unwrap_or_default();
    format!("L{:<2} {:<8}  {what}{instruction}", ev.layer, change_name(ev.change))
}
