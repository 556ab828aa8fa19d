//! The whole pipeline: archive → images → layers → changes → merged tree → waste and digests.

use crate::config::{self, ImageConfig};
use crate::detect::Compression;
use crate::digest::{DiffId, Digest};
use crate::error::Error;
use crate::format::{self, docker, ConfigRef, ImageSpec};
use crate::json;
use crate::layer::{EntryKind, LayerContents, Marker};
use crate::merge::Merger;
use crate::model::{Analysis, ArchiveInfo, Image, Layer, Stage, Verified};
use crate::problem::{DigestCheck, Problem, ProblemKind};
use crate::progress::{Cancel, NoProgress, Progress, Tracker};
use crate::source::{self, Scan};
use crate::verify;
use crate::waste;
use std::collections::HashMap;
use std::io::Read;

/// Options for [`analyze`].
pub struct Options<'p> {
    /// Size of the archive in bytes, if known (for progress and the report).
    pub size: Option<u64>,
    /// Receives progress events.
    pub progress: &'p mut dyn Progress,
    /// Stops the work when set.
    pub cancel: Cancel,
}

/// Analyses an archive read from `input` in one forward pass.
///
/// Returns `Err` only when nothing at all can be shown: the input is not an image archive, or the
/// work was cancelled. Anything else (a missing layer, a bad digest, a truncated tail) is reported in
/// [`Analysis::problems`] next to everything that could be read.
pub fn analyze<R: Read>(input: R, options: Options<'_>) -> Result<Analysis, Error> {
    let tracker = Tracker::new(options.size, options.progress, options.cancel);
    let mut scan = source::scan(input, &tracker)?;
    let found = match format::find_images(&scan) {
        Ok(f) => f,
        Err(e) => return Err(scan.stopped.unwrap_or(e)),
    };
    analyze_scan(&mut scan, found, options.size, Stage::Complete)
}

/// Builds the analysis from what a pass over the archive found (`stage`: how far that pass read).
///
/// Each layer's entries are let go once the last image that has the layer is merged: they are
/// in its change rows and the merged tree by then, so a large image does not hold both.
pub(crate) fn analyze_scan(
    scan: &mut Scan,
    found: format::Found,
    size: Option<u64>,
    stage: Stage,
) -> Result<Analysis, Error> {
    analyze_scan_releasing(scan, found, size, stage, true)
}

/// [`analyze_scan`]; with `release` false every layer's entries stay in `scan` (to be analysed
/// again once more is known about them).
pub(crate) fn analyze_scan_releasing(
    scan: &mut Scan,
    found: format::Found,
    size: Option<u64>,
    stage: Stage,
    release: bool,
) -> Result<Analysis, Error> {
    let mut problems = scan.problems.clone();
    problems.extend(found.problems.iter().cloned());
    if let Some(stop) = &scan.stopped {
        problems.push(Problem::new(stop.kind(), None, None));
    }
    // How many images still have to merge each blob.
    let mut uses: HashMap<String, usize> = HashMap::new();
    for l in found.images.iter().flat_map(|i| &i.layers).filter(|_| release) {
        if let Some(name) = source::member_name(&l.member) {
            *uses.entry(scan.resolve(&name).to_owned()).or_default() += 1;
        }
    }
    let mut images: Vec<Image> =
        found.images.iter().enumerate().map(|(i, spec)| build_image(scan, i, spec, &mut problems, &mut uses)).collect();
    mark_shared(&mut images);
    Ok(Analysis {
        archive: ArchiveInfo { format: found.format, compression: scan.outer.unwrap_or(Compression::None), size },
        images,
        problems,
        stage,
    })
}

/// [`analyze`] over an in-memory archive, without progress: handy for tests and small samples.
pub fn analyze_bytes(bytes: &[u8]) -> Result<Analysis, Error> {
    analyze(bytes, Options { size: Some(bytes.len() as u64), progress: &mut NoProgress, cancel: Cancel::new() })
}

fn load_config(scan: &Scan, index: usize, spec: &ImageSpec, problems: &mut Vec<Problem>) -> (String, ImageConfig) {
    let mut report = |kind| problems.push(Problem::new(kind, Some(index), None));
    match &spec.config {
        ConfigRef::Member { member, expected } => {
            let Some(doc) = scan.doc(member) else {
                report(ProblemKind::MissingBlob { member: member.clone() });
                return (expected.as_ref().map(Digest::to_string).unwrap_or_default(), ImageConfig::default());
            };
            if let Some(mismatch) = expected.as_ref().and_then(|e| verify::compare(DigestCheck::Config, e, &doc.digest))
            {
                report(mismatch);
            }
            match json::parse(&doc.bytes) {
                Ok(v) => (doc.digest.to_string(), ImageConfig::from_json(&v)),
                Err(detail) => {
                    report(ProblemKind::BadJson { member: member.clone(), detail });
                    (doc.digest.to_string(), ImageConfig::default())
                }
            }
        }
        ConfigRef::V1 { id, layer_docs } => {
            let parsed: Vec<serde_json::Value> =
                layer_docs.iter().filter_map(|m| scan.doc(m)).filter_map(|d| json::parse(&d.bytes).ok()).collect();
            let mut cfg = parsed.first().map(ImageConfig::from_json).unwrap_or_default();
            cfg.history = parsed
                .iter()
                .rev()
                .map(|v| config::HistoryStep {
                    created_by: json::get(v, "container_config")
                        .and_then(|c| json::get(c, "Cmd"))
                        .and_then(|c| c.as_array())
                        .map(|a| a.iter().filter_map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
                        .unwrap_or_default(),
                    created: json::get_str(v, "created").map(str::to_owned),
                    ..Default::default()
                })
                .collect();
            (docker::v1_id(id), cfg)
        }
    }
}

fn build_image(
    scan: &mut Scan,
    index: usize,
    spec: &ImageSpec,
    problems: &mut Vec<Problem>,
    uses: &mut HashMap<String, usize>,
) -> Image {
    let (id, mut cfg) = load_config(scan, index, spec, problems);
    let mut report = |kind, layer| problems.push(Problem::new(kind, Some(index), layer));
    if !cfg.diff_ids.is_empty() && cfg.diff_ids.len() != spec.layers.len() {
        report(ProblemKind::LayerCountMismatch { config: cfg.diff_ids.len(), manifest: spec.layers.len() }, None);
    }
    if !cfg.history.is_empty() && !config::map_history(&mut cfg.history, spec.layers.len()) {
        report(ProblemKind::HistoryMismatch, None);
    }
    let empty = LayerContents::default();
    // Waste first, before the merged tree and the change lists exist: a large image then holds
    // the layers' entries and one set of working maps at a time.
    let contents: Vec<&LayerContents> =
        spec.layers.iter().map(|l| scan.blob(&l.member).map_or(&empty, |b| &b.contents)).collect();
    let mut waste = waste::compute(&contents, 0);
    let mut merger = Merger::new();
    let mut layers = Vec::with_capacity(spec.layers.len());
    for (li, lref) in spec.layers.iter().enumerate() {
        let layer = build_layer(scan, li, lref, &cfg, &mut merger, &mut report, &empty);
        layers.push(layer);
        release_entries(scan, &lref.member, uses);
    }
    for kind in merger.notes.drain(..) {
        let layer = match &kind {
            ProblemKind::DanglingWhiteout { layer, .. } | ProblemKind::DanglingHardlink { layer, .. } => Some(*layer),
            _ => None,
        };
        report(kind, layer);
    }
    let tree = merger.into_tree();
    let merged = tree.summary();
    waste.reclaimable_bytes = waste::reclaimable(waste.size_bytes, merged.size);
    Image {
        tags: spec.tags.clone(),
        id,
        os: cfg.os,
        architecture: cfg.architecture,
        variant: cfg.variant,
        created: cfg.created,
        config: cfg.config,
        history: cfg.history,
        layers,
        waste,
        merged,
        tree,
    }
}

/// Layer `li` of an image: its facts, its digest checks (problems go to `report`) and its change
/// rows, merged onto `merger`.
fn build_layer(
    scan: &Scan,
    li: usize,
    lref: &format::LayerRef,
    cfg: &ImageConfig,
    merger: &mut Merger,
    report: &mut impl FnMut(ProblemKind, Option<usize>),
    empty: &LayerContents,
) -> Layer {
    let blob = scan.blob(&lref.member);
    let expected_diff = cfg.diff_ids.get(li).and_then(|d| Digest::parse(d)).map(DiffId);
    let mut verified = Verified::Unchecked;
    if let Some(b) = blob {
        for w in &b.contents.warnings {
            report(w.clone(), Some(li));
        }
        if let Some(e) = &b.error {
            report(e.kind(), Some(li));
        }
        let verdict = verify::check_layer(expected_diff.as_ref(), lref, b);
        for p in verdict.problems {
            report(p, Some(li));
        }
        verified = verdict.verified;
    } else {
        report(ProblemKind::MissingBlob { member: lref.member.clone() }, Some(li));
    }
    let layer_contents = blob.map(|b| &b.contents).unwrap_or(empty);
    let mut changes = merger.apply(li, layer_contents);
    changes.shrink_to_fit();
    let created_by = cfg.history.iter().find(|h| h.layer == Some(li)).map(|h| h.created_by.clone());
    let mut layer = Layer {
        index: li,
        diff_id: expected_diff.or_else(|| blob.and_then(|b| b.diff_id.clone())),
        digest: blob.and_then(|b| b.blob_digest.clone()).or_else(|| lref.expected.clone()),
        media_type: lref.media_type.clone(),
        compression: blob.map(|b| b.compression),
        blob_size: blob.map(|b| b.blob_size).unwrap_or(0),
        tar_size: blob.map(|b| b.tar_size).unwrap_or(0),
        size: layer_contents.size,
        entries: layer_contents.entry_count,
        created_by,
        verified,
        added: 0,
        modified: 0,
        deleted: 0,
        shared: false,
        whiteouts: count_markers(layer_contents, false),
        opaque_dirs: count_markers(layer_contents, true),
        symlinks: count_kind(layer_contents, EntryKind::Symlink),
        hardlinks: count_kind(layer_contents, EntryKind::Hardlink),
        changes,
        markers: layer_contents.markers.clone(),
    };
    layer.count_changes();
    layer
}

/// One image fewer to merge blob `member`: the last one lets its entries go.
fn release_entries(scan: &mut Scan, member: &str, uses: &mut HashMap<String, usize>) {
    let Some(name) = source::member_name(member) else { return };
    let key = scan.resolve(&name).to_owned();
    let Some(left) = uses.get_mut(&key) else { return };
    *left = left.saturating_sub(1);
    if *left == 0 {
        if let Some(blob) = scan.blobs.get_mut(&key) {
            blob.contents.entries = Vec::new();
        }
    }
}

fn mark_shared(images: &mut [Image]) {
    let mut owners: HashMap<DiffId, Vec<usize>> = HashMap::new();
    for (i, img) in images.iter().enumerate() {
        for l in &img.layers {
            if let Some(d) = &l.diff_id {
                let v = owners.entry(d.clone()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }
    for img in images.iter_mut() {
        for l in img.layers.iter_mut() {
            l.shared = l.diff_id.as_ref().and_then(|d| owners.get(d)).is_some_and(|v| v.len() > 1);
        }
    }
}

fn count_markers(c: &LayerContents, opaque: bool) -> u64 {
    c.markers.iter().filter(|m| matches!(m, Marker::Opaque(_)) == opaque).count() as u64
}

fn count_kind(c: &LayerContents, kind: EntryKind) -> u64 {
    c.entries.iter().filter(|e| e.kind == kind).count() as u64
}
