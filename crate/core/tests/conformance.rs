//! Conformance over every real archive in `../shared/fixtures`: the public fixtures' facts
//! (`public/fixtures.json`), the per-layer ground truth checked against `docker export`
//! (`real/groundtruth/`), broken archives failing gracefully, and short reads.

mod common;

use common::{analyze_file, fixtures, listing_line, ShortReader};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use strata_core::merge::ChangeKind;
use strata_core::progress::{Cancel, NoProgress};
use strata_core::{analyze, Options, Severity};

fn load_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn public_fixtures_match_their_facts() {
    let Some(dir) = fixtures() else { return };
    let facts = load_json(&dir.join("public/fixtures.json"));
    let mut checked = 0;
    for f in facts.as_array().unwrap() {
        let path = dir.join("public").join(f["path"].as_str().unwrap());
        let category = f["category"].as_str().unwrap();
        let result = analyze_file(&path);
        match category {
            "negative" => {
                let err = result.err().unwrap_or_else(|| panic!("{}: negative fixture was accepted", path.display()));
                assert!(!err.to_string().is_empty());
            }
            "doctored" => {
                let a = result.unwrap_or_else(|e| panic!("{}: doctored archive gave no analysis: {e}", path.display()));
                assert!(
                    a.problems.iter().any(|p| p.severity() == Severity::Error),
                    "{}: doctored archive reported no error problem",
                    path.display()
                );
            }
            _ if f["images"].as_array().is_some_and(|i| i.is_empty()) => {
                // No image per the facts (ggcr's null_manifest.tar, v1 archives the inspector skipped):
                // either a specific error or whatever images could be found, never a panic.
                if let Err(e) = result {
                    assert!(
                        matches!(e, strata_core::Error::Unreadable(strata_core::ProblemKind::NotAnImage { .. })),
                        "{}: {e}",
                        path.display()
                    );
                }
            }
            _ => {
                let a = result.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                check_valid(f, &a, &path.display().to_string());
            }
        }
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} fixtures checked");
}

fn check_valid(f: &Value, a: &strata_core::Analysis, name: &str) {
    let images = f["images"].as_array().unwrap();
    let from_manifest: Vec<&Value> = images.iter().filter(|i| i["src"] == "manifest.json").collect();
    if from_manifest.is_empty() {
        // index.json entries: tags pointing at the same manifest are one image with several tags.
        assert!(a.images.len() <= images.len().max(1), "{name}: image count");
    } else {
        let expected = from_manifest;
        assert_eq!(a.images.len(), expected.len(), "{name}: image count");
        for (img, exp) in a.images.iter().zip(&expected) {
            assert_eq!(img.layers.len() as u64, exp["layers"].as_u64().unwrap(), "{name}: layer count");
            if let Some(tags) = exp["tags"].as_array() {
                let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
                assert_eq!(img.tags, tags, "{name}: tags");
            }
        }
    }
    assert!(!a.images.is_empty(), "{name}: no image");
    let mut seen = HashSet::new();
    let (mut wh, mut opq, mut sym, mut hard) = (0, 0, 0, 0);
    let mut comps = BTreeSet::new();
    for img in &a.images {
        for l in &img.layers {
            if let Some(c) = &l.compression {
                comps.insert(if *c == strata_core::Compression::None { "tar" } else { c.name() }.to_owned());
            }
            if seen.insert(l.digest.clone()) {
                wh += l.whiteouts;
                opq += l.opaque_dirs;
                sym += l.symlinks;
                hard += l.hardlinks;
            }
        }
    }
    let facts_comps: BTreeSet<String> =
        f["layer_compression"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    if !facts_comps.is_empty() {
        assert_eq!(comps, facts_comps, "{name}: layer compression");
    }
    assert_eq!(wh, f["whiteouts"].as_u64().unwrap(), "{name}: whiteouts");
    assert_eq!(opq, f["opaque"].as_u64().unwrap(), "{name}: opaque markers");
    assert_eq!(sym, f["symlinks"].as_u64().unwrap(), "{name}: symlinks");
    assert_eq!(hard, f["hardlinks"].as_u64().unwrap(), "{name}: hardlinks");
    let errors: Vec<_> = a.problems.iter().filter(|p| p.severity() == Severity::Error).collect();
    if !f["diffid_mismatch"].as_bool().unwrap_or(false) && !name.contains("source_image_with_empty_layer_history") {
        assert!(errors.is_empty(), "{name}: unexpected errors {errors:?}");
    }
}

fn gt_images() -> Vec<(std::path::PathBuf, &'static str, Value)> {
    let Some(dir) = fixtures() else {
        return Vec::new();
    };
    let gt = dir.join("real/groundtruth");
    let mut out = Vec::new();
    // 11-via-index: archive 11 walked through index.json instead of manifest.json. The same blobs,
    // so the same layers, changes and merged tree; its tags are checked by
    // `the_index_of_archive_11_names_the_same_layers_as_its_manifest`.
    for id in ["02", "04", "11", "11-via-index", "15", "22", "23"] {
        out.push((gt.clone(), id, load_json(&gt.join(format!("{id}.json")))));
    }
    out
}

fn strip(p: &str) -> String {
    p.trim_end_matches('/').to_owned()
}

#[test]
fn real_archives_match_the_ground_truth_layer_by_layer() {
    let Some(dir) = fixtures() else { return };
    for (gt_dir, id, gt) in gt_images() {
        let file = gt["file"].as_str().unwrap();
        let a = analyze_file(&dir.join("real").join(file)).unwrap();
        assert!(a.problems.iter().all(|p| p.severity() != Severity::Error), "{file}: {:?}", a.problems);
        let gt_images = gt["images"].as_array().unwrap();
        assert_eq!(a.images.len(), gt_images.len(), "{file}: images");
        for (img, gimg) in a.images.iter().zip(gt_images) {
            let tags: Vec<&str> = gimg["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            if id != "11-via-index" {
                assert_eq!(img.tags, tags, "{file}: tags");
            }
            let glayers = gimg["layers"].as_array().unwrap();
            assert_eq!(img.layers.len(), glayers.len(), "{file}: layer count");
            for (l, gl) in img.layers.iter().zip(glayers) {
                let ctx = format!("{file} layer {}", l.index);
                assert_eq!(
                    l.diff_id.as_ref().map(ToString::to_string).as_deref(),
                    gl["diff_id"].as_str(),
                    "{ctx}: diff_id"
                );
                assert_eq!(l.verified, strata_core::Verified::Ok, "{ctx}: verified");
                assert_eq!(l.blob_size, gl["blob_size"].as_u64().unwrap(), "{ctx}: blob size");
                assert_eq!(l.tar_size, gl["tar_size"].as_u64().unwrap(), "{ctx}: tar size");
                assert_eq!(l.entries, gl["n_entries"].as_u64().unwrap(), "{ctx}: entries");
                let rows = |k: ChangeKind| -> BTreeSet<String> {
                    l.changes
                        .iter()
                        .filter(|c| c.change == k)
                        .map(|c| c.node.path.trim_start_matches('/').to_owned())
                        .collect()
                };
                let gadded: BTreeSet<String> =
                    gl["added"].as_array().unwrap().iter().map(|p| strip(p.as_str().unwrap())).collect();
                assert_eq!(rows(ChangeKind::Added), gadded, "{ctx}: added");
                let gmod: BTreeSet<String> =
                    gl["modified"].as_array().unwrap().iter().map(|m| strip(m[0].as_str().unwrap())).collect();
                assert_eq!(rows(ChangeKind::Modified), gmod, "{ctx}: modified");
                let gdel: BTreeSet<String> = gl["whiteouts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|w| w["removed"].as_array().unwrap().iter().map(|p| strip(p.as_str().unwrap())))
                    .collect();
                assert_eq!(rows(ChangeKind::Deleted), gdel, "{ctx}: deleted");
                for m in gl["modified"].as_array().unwrap() {
                    let (path, why) = (strip(m[0].as_str().unwrap()), m[1].as_str().unwrap());
                    let c = l.changes.iter().find(|c| c.node.path.trim_start_matches('/') == path).unwrap();
                    let detail: Vec<String> = c.detail.iter().map(|d| format!("{d:?}").to_lowercase()).collect();
                    for (word, name) in
                        [("content (", "content"), ("mode ", "mode"), ("owner ", "owner"), ("type ", "type")]
                    {
                        assert_eq!(
                            why.contains(word),
                            detail.contains(&name.to_owned()),
                            "{ctx}: {path}: {why} vs {detail:?}"
                        );
                    }
                }
            }
            let mut replay = strata_core::replay::Replay::new();
            replay.seek(img, img.layers.len());
            // The replay rebuilds the tree from the layers' changes; a directory listed again
            // unchanged is not a change, so its (upper) mtime is the one thing it cannot know.
            let untimed = |n: &strata_core::merge::Node| {
                let mut n = n.clone();
                n.mtime = 0;
                n
            };
            assert!(replay.nodes(img).map(untimed).eq(img.tree.nodes.iter().map(untimed)), "{file}: replayed tree");
            let merged_file = gimg["merged"]["file"].as_str().unwrap();
            let want: Vec<String> = fs::read_to_string(gt_dir.join(merged_file.trim_start_matches("groundtruth/")))
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect();
            let mut got: Vec<String> = img.tree.nodes.iter().map(listing_line).collect();
            let mut want_sorted = want.clone();
            got.sort();
            want_sorted.sort();
            assert_eq!(got, want_sorted, "{file}: merged listing");
            let file_bytes: u64 = want
                .iter()
                .filter(|l| l.starts_with("f "))
                .map(|l| l.split_whitespace().nth(3).unwrap().parse::<u64>().unwrap())
                .sum();
            assert_eq!(img.merged.size, file_bytes, "{file}: merged size = the visible files' bytes");
            let m = &gimg["merged"];
            assert_eq!(img.merged.entries, m["n"].as_u64().unwrap());
            assert_eq!(img.merged.dirs, m["dirs"].as_u64().unwrap());
            assert_eq!(img.merged.files, m["files"].as_u64().unwrap());
            assert_eq!(img.merged.symlinks, m["symlinks"].as_u64().unwrap());
            assert_eq!(img.merged.hardlinks, m["hardlinks"].as_u64().unwrap());
        }
    }
}

#[test]
fn layers_shared_between_images_are_marked() {
    let Some(dir) = fixtures() else { return };
    let a = analyze_file(&dir.join("real/04-docker20-multi-shared-base.tar")).unwrap();
    let shared: Vec<Vec<bool>> = a.images.iter().map(|i| i.layers.iter().map(|l| l.shared).collect()).collect();
    assert_eq!(shared[0], [true, false, false, false, false, false, false, false, false]);
    assert_eq!(shared[1], [true, false, false]);
}

#[test]
fn six_writers_give_the_same_merged_tree() {
    let Some(dir) = fixtures() else { return };
    let mut trees = Vec::new();
    for f in fs::read_dir(dir.join("real")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "tar") {
            let a = analyze_file(&p).unwrap();
            let img = a.images.iter().find(|i| i.layers.len() >= 9).unwrap();
            let mut lines: Vec<String> = img
                .tree
                .nodes
                .iter()
                .map(|n| {
                    // 15 stores the hardlink as an independent copy: compare as files.
                    let mut n = n.clone();
                    if n.kind == strata_core::layer::EntryKind::Hardlink {
                        n.kind = strata_core::layer::EntryKind::File;
                        n.target = None;
                    }
                    listing_line(&n)
                })
                .collect();
            lines.sort();
            trees.push((p.display().to_string(), lines));
        }
    }
    assert_eq!(trees.len(), 6);
    for (name, t) in &trees[1..] {
        assert_eq!(t, &trees[0].1, "{name} differs from {}", trees[0].0);
    }
}

#[test]
fn short_reads_give_identical_results() {
    let Some(dir) = fixtures() else { return };
    for rel in [
        "real/02-docker20-vizapp-legacy-overlay2.tar",
        "real/15-docker26-containerd-store-vizapp-buildkit.tar",
        "real/22-skopeo-vizapp-oci-archive-zstd.tar",
        "public/trivy/alpine-310.tar.gz",
        "public/podman/docker-two-images.tar.xz",
        "public/dive/test-oci-estargz-image.tar",
    ] {
        let path = dir.join(rel);
        let normal = analyze_file(&path).unwrap();
        let reader = ShortReader { inner: fs::File::open(&path).unwrap(), state: 7, max: 700 };
        let size = normal.archive.size;
        let short = analyze(reader, Options { size, progress: &mut NoProgress, cancel: Cancel::new() }).unwrap();
        assert_eq!(serde_json::to_value(&normal).unwrap(), serde_json::to_value(&short).unwrap(), "{rel}");
        for (a, b) in normal.images.iter().zip(&short.images) {
            assert_eq!(a.tree, b.tree, "{rel}: merged tree");
        }
    }
}

#[test]
fn quick_structure_pass_matches_the_full_pass_on_plain_archives() {
    let Some(dir) = fixtures() else { return };
    let open_at = |p: std::path::PathBuf| move || fs::File::open(&p).map(std::io::BufReader::new);
    for (rel, quick_possible) in [
        ("real/02-docker20-vizapp-legacy-overlay2.tar", true),
        ("real/04-docker20-multi-shared-base.tar", true),
        ("real/11-docker26-vizapp-legacy-overlay2.tar", true),
        ("real/23-skopeo-vizapp-docker-archive.tar", true),
        ("public/dive/test-docker-image.tar", true),
        ("real/15-docker26-containerd-store-vizapp-buildkit.tar", false),
        ("real/22-skopeo-vizapp-oci-archive-zstd.tar", false),
        ("public/trivy/alpine-310.tar.gz", false),
    ] {
        let path = dir.join(rel);
        let mut quick = None;
        strata_core::analyze_stages(open_at(path.clone()), None, &mut |a| {
            if a.stage == strata_core::Stage::Structure {
                quick = Some(a);
            }
        })
        .unwrap();
        let Some(quick) = quick else {
            assert!(!quick_possible, "{rel}: the quick pass should have worked");
            continue;
        };
        assert!(quick_possible, "{rel}: compressed content cannot be read by headers only");
        let full = analyze_file(&path).unwrap();
        assert_eq!(quick.images.len(), full.images.len(), "{rel}");
        for (q, f) in quick.images.iter().zip(&full.images) {
            assert_eq!(q.id, f.id, "{rel}");
            assert_eq!(q.tags, f.tags, "{rel}");
            let strip = |img: &strata_core::Image| -> Vec<(String, u64, usize, String)> {
                img.tree.nodes.iter().map(|n| (n.path.to_string(), n.size, n.layer, n.kind.name().to_owned())).collect()
            };
            assert_eq!(strip(q), strip(f), "{rel}: merged tree");
            for (ql, fl) in q.layers.iter().zip(&f.layers) {
                assert_eq!(ql.diff_id, fl.diff_id, "{rel}");
                assert_eq!(
                    (ql.entries, ql.size, ql.added, ql.deleted),
                    (fl.entries, fl.size, fl.added, fl.deleted),
                    "{rel}"
                );
                assert_eq!(ql.verified, strata_core::Verified::Unchecked, "{rel}: nothing is verified by headers");
            }
            assert_eq!(q.waste.wasted_bytes, f.waste.wasted_bytes, "{rel}: waste needs sizes only");
        }
    }
}

#[test]
fn the_index_of_archive_11_names_the_same_layers_as_its_manifest() {
    let Some(dir) = fixtures() else { return };
    let gt = load_json(&dir.join("real/groundtruth/11-via-index.json"));
    let file = fs::File::open(dir.join("real").join(gt["file"].as_str().unwrap())).unwrap();
    let mut quiet = NoProgress;
    let tracker = strata_core::progress::Tracker::new(None, &mut quiet, Cancel::new());
    let scan = strata_core::source::scan(std::io::BufReader::new(file), &tracker).unwrap();
    let via_index = strata_core::format::oci::from_index(&scan).unwrap();
    let via_manifest = strata_core::format::find_images(&scan).unwrap();
    assert_eq!(via_index.images.len(), 1);
    let (i, m) = (&via_index.images[0], &via_manifest.images[0]);
    let gimg = &gt["images"][0];
    let tags: Vec<&str> = gimg["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    // The ground truth lists the containerd name and the OCI ref.name annotation ("d26-legacy"); the
    // latter is only the tag part of the former, so strata shows the full name once.
    assert_eq!(tags.len(), 2);
    assert!(tags[0].ends_with(&format!(":{}", tags[1])), "{tags:?}");
    assert_eq!(i.tags, [tags[0]], "the name the index gives");
    let members = |s: &strata_core::format::ImageSpec| -> Vec<String> {
        s.layers.iter().map(|l| scan.resolve(&l.member).to_owned()).collect()
    };
    assert_eq!(members(i), members(m), "the index and the manifest walk the same blobs");
    let gblobs: Vec<String> = gimg["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["blob"].as_str().unwrap().trim_start_matches('/').to_owned())
        .collect();
    assert_eq!(members(i), gblobs, "ground truth blobs, base first");
}

/// The outline (outer headers and JSON documents only, no layer opened) already names every image,
/// its config and its layers exactly as the full pass does, for every writer whose outer archive is a
/// plain tar, whatever the layers' compression; and it is given before the structure.
#[test]
fn outline_names_images_and_layers_as_the_full_pass_does() {
    let Some(dir) = fixtures() else { return };
    let open_at = |p: std::path::PathBuf| move || fs::File::open(&p).map(std::io::BufReader::new);
    let mut real: Vec<_> = fs::read_dir(dir.join("real"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tar"))
        .collect();
    real.sort();
    assert!(real.len() >= 6, "the real fixtures are missing");
    real.push(dir.join("public/dive/test-docker-image.tar"));
    for path in real {
        let rel = path.display().to_string();
        let mut stages = Vec::new();
        strata_core::analyze_stages(open_at(path.clone()), None, &mut |s| stages.push(s)).unwrap();
        let Some(outline) = stages.first().filter(|a| a.stage == strata_core::Stage::Outline) else {
            panic!("{rel}: no outline from a plain outer tar");
        };
        let structure_second = stages.get(1).is_some_and(|a| a.stage == strata_core::Stage::Structure);
        assert_eq!(stages.len(), 1 + usize::from(structure_second), "{rel}: an outline, then at most a structure");
        let full = analyze_file(&path).unwrap();
        assert_eq!(outline.archive.format, full.archive.format, "{rel}");
        assert_eq!(outline.images.len(), full.images.len(), "{rel}");
        for (o, f) in outline.images.iter().zip(&full.images) {
            assert_eq!((&o.id, &o.tags, &o.created, o.platform()), (&f.id, &f.tags, &f.created, f.platform()), "{rel}");
            assert_eq!(o.config, f.config, "{rel}");
            assert_eq!(o.history.len(), f.history.len(), "{rel}");
            let layers = |i: &strata_core::Image| -> Vec<_> {
                i.layers.iter().map(|l| (l.diff_id.clone(), l.blob_size, l.created_by.clone(), l.shared)).collect()
            };
            assert_eq!(layers(o), layers(f), "{rel}: layer list");
            assert!(o.tree.nodes.is_empty(), "{rel}: an outline reads no layer");
        }
    }
}

/// Damaged copies of real archives (truncated, bytes flipped in headers, JSON and layer data) must
/// give an analysis or an error, never a panic.
#[test]
fn damaged_archives_never_panic() {
    let Some(dir) = fixtures() else { return };
    let mut state: u64 = 0x2545f4914f6cdd1d;
    let mut rand = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let mut runs = 0;
    for rel in [
        "real/02-docker20-vizapp-legacy-overlay2.tar",
        "real/15-docker26-containerd-store-vizapp-buildkit.tar",
        "real/22-skopeo-vizapp-oci-archive-zstd.tar",
        "real/23-skopeo-vizapp-docker-archive.tar",
        "public/trivy/alpine-310.tar.gz",
        "public/podman/docker-two-images.tar.xz",
        "public/dive/test-oci-estargz-image.tar",
        "public/moby/emptyLayer.tar",
    ] {
        let original = fs::read(dir.join(rel)).unwrap();
        for round in 0..40 {
            let mut bytes = original.clone();
            match round % 4 {
                0 => bytes.truncate(rand(bytes.len())),
                1 => {
                    for _ in 0..8 {
                        let i = rand(bytes.len());
                        bytes[i] ^= 1 << rand(8);
                    }
                }
                2 => {
                    // Hit tar headers: a byte inside the first 512 of a random block.
                    let block = rand(bytes.len() / 512) * 512;
                    let i = (block + rand(512)).min(bytes.len() - 1);
                    bytes[i] = bytes[i].wrapping_add(1 + rand(200) as u8);
                }
                _ => {
                    let i = rand(bytes.len());
                    let len = rand(4096).min(bytes.len() - i);
                    bytes.drain(i..i + len);
                }
            }
            let result = std::panic::catch_unwind(|| strata_core::analyze_bytes(&bytes).map(|a| a.images.len()));
            assert!(result.is_ok(), "{rel}: round {round} panicked");
            runs += 1;
        }
    }
    assert_eq!(runs, 320);
}

/// On every real archive and every readable public one: the copies' fates agree with the merged
/// tree (one visible copy per visible path, from its provider), and every replaced or deleted copy
/// names a higher layer.
#[test]
fn copy_fates_agree_with_the_merged_tree_on_every_fixture() {
    use strata_core::copies::{copies, Fate};
    let Some(dir) = fixtures() else { return };
    let facts = load_json(&dir.join("public/fixtures.json"));
    let mut files: Vec<std::path::PathBuf> = facts
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "valid")
        .map(|f| dir.join("public").join(f["path"].as_str().unwrap()))
        .collect();
    files.extend(
        fs::read_dir(dir.join("real"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "tar")),
    );
    let mut checked = 0;
    for path in files {
        let Ok(a) = analyze_file(&path) else { continue };
        for img in &a.images {
            let all = copies(img, |_| true);
            let mut visible = 0;
            for (p, list) in &all {
                for c in list {
                    match c.fate {
                        Fate::Visible => visible += 1,
                        Fate::Replaced { by } | Fate::Deleted { by } => {
                            assert!(by > c.layer, "{}: {p}: fate by {by} of a copy in {}", path.display(), c.layer)
                        }
                    }
                }
                assert!(list.iter().filter(|c| c.fate == Fate::Visible).count() <= 1, "{}: {p}", path.display());
            }
            assert_eq!(visible, img.tree.nodes.len(), "{}", path.display());
            for n in &img.tree.nodes {
                let v = all.get(n.path.as_str()).and_then(|v| v.last()).filter(|c| c.fate == Fate::Visible);
                assert_eq!(v.map(|c| c.layer), Some(n.layer), "{}: {}", path.display(), n.path);
            }
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} images checked");
}
