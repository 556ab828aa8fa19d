//! `strata diff A B [--image-a N|TAG] [--image-b N|TAG] [--json] [--timestamps]`: what changed
//! from image A (before) to image B (after), by `strata_core::compare` (`--timestamps` compares
//! modification times too). Copies that need comparing by bytes are
//! read from the archives (sha256 of the whole copy). Exit 0 when files and config are the same,
//! 1 when they differ, 2 when an archive cannot be read.

use crate::load;
use crate::render::bytes;
use serde_json::json;
use std::io::Write;
use strata_core::compare::{compare_with, Change, Comparison, In, Options, Which};
use strata_core::content::locate::Follow;
use strata_core::content::{locate, ArchiveFiles, View};
use strata_core::digest::Digest;
use strata_core::Image;

/// Runs the command; returns the exit code.
pub fn run(
    a: &str,
    b: &str,
    image_a: Option<&str>,
    image_b: Option<&str>,
    as_json: bool,
    timestamps: bool,
) -> Result<u8, String> {
    let analysis_a = load::load_headers(a)?;
    let analysis_b = if b == a { None } else { Some(load::load_headers(b)?) };
    let (ia, img_a) = load::pick(&analysis_a, image_a).map_err(|e| format!("--image-a: {e}"))?;
    let (ib, img_b) =
        load::pick(analysis_b.as_ref().unwrap_or(&analysis_a), image_b).map_err(|e| format!("--image-b: {e}"))?;
    let open = |path: &str| {
        let owned = path.to_owned();
        ArchiveFiles::open(move || std::fs::File::open(&owned).map(crate::seekbuf::SeekBuf::new))
            .map_err(|e| format!("{path}: {e}"))
    };
    let (files_a, files_b) = (open(a)?, open(b)?);
    let digest = |which: Which, path: &str| -> Result<Digest, String> {
        let (files, index, img, archive) = match which {
            Which::A => (&files_a, ia, img_a, a),
            Which::B => (&files_b, ib, img_b, b),
        };
        let found = locate(img, path, View::Merged, Follow::Parents).map_err(|e| format!("{archive}: {path}: {e}"))?;
        let (layer, entry) = found.data.ok_or_else(|| format!("{archive}: {path}: not a regular file"))?;
        let read = files.read(index, layer, &entry, &mut std::io::sink(), 0).map_err(|e| format!("{archive}: {e}"))?;
        Ok(read.sha256)
    };
    let c = compare_with(img_a, img_b, Options { timestamps }, digest)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let text = if as_json { json_document(&c) } else { summary(&c, img_a, img_b) };
    writeln!(out, "{text}").map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(if c.same() { 0 } else { 1 })
}

/// The one JSON document: `layers`, `files`, `config`.
fn json_document(c: &Comparison) -> String {
    json!({ "layers": c.layers, "files": c.files, "config": c.config }).to_string()
}

fn name(img: &Image) -> String {
    img.tags.first().cloned().unwrap_or_else(|| img.short_id().to_owned())
}

/// A readable summary, then the list.
fn summary(c: &Comparison, a: &Image, b: &Image) -> String {
    let count = |w: In| c.layers.iter().filter(|l| l.within == w).count();
    let [added, removed, changed] = c.counts();
    let mut s = format!(
        "A (before): {}\nB (after):  {}\nlayers: {} shared, {} only in A, {} only in B\nfiles:  {added} added, {removed} removed, {changed} changed\nconfig: {}\n",
        name(a),
        name(b),
        count(In::Both),
        count(In::A),
        count(In::B),
        if c.config.is_empty() {
            "the same".to_owned()
        } else {
            c.config.iter().map(|r| r.key).collect::<Vec<_>>().join(", ") + " differ"
        }
    );
    if c.same() {
        s.push_str("\nThe two images have the same files and config.");
        return s;
    }
    s.push('\n');
    for f in &c.files {
        let (mark, side) = match f.change {
            Change::Added => ('+', f.b.as_ref()),
            Change::Removed => ('-', f.a.as_ref()),
            Change::Changed => ('~', f.b.as_ref()),
        };
        let facts = match (f.change, &f.a, &f.b) {
            (Change::Changed, Some(x), Some(y)) => {
                let what: Vec<String> = f.what.iter().map(|w| format!("{w:?}").to_lowercase()).collect();
                format!("{}  {} → {}", what.join(", "), bytes(x.size), bytes(y.size))
            }
            _ => side.map(|x| format!("{} {}", x.kind.name(), bytes(x.size))).unwrap_or_default(),
        };
        s.push_str(&format!("{mark} {}  {facts}\n", f.path));
    }
    for r in &c.config {
        // The lines that differ, and how many are the same (History is one instruction a line).
        let lines = r.lines();
        let same = lines.iter().filter(|l| l.op == ' ').count();
        let tail = if same == 0 { String::new() } else { format!(" ({same} the same)") };
        s.push_str(&format!("config {}:{tail}\n", r.key));
        for l in lines.iter().filter(|l| l.op != ' ') {
            s.push_str(&format!("  {} {}\n", l.op, l.text));
        }
    }
    s.trim_end().to_owned()
}
