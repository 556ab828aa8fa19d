//! Images built in memory with `tar::Builder`: every layer rule, stand-alone (no fixtures needed).

use std::io::Write;
use strata_core::layer::EntryKind;
use strata_core::merge::{Change, ChangeKind, Detail};
use strata_core::progress::{Cancel, NoProgress, ProgressEvent};
use strata_core::sample::{docker_archive, layer_tar, teaching_image, SampleEntry::*};
use strata_core::{analyze, analyze_bytes, Error, Image, Options, Severity, Verified};

fn image(layers: Vec<Vec<u8>>) -> Image {
    let steps: Vec<(&str, bool)> = layers.iter().map(|_| ("RUN step", true)).collect();
    let archive = docker_archive("t:1", &layers, &steps, &[], &[]);
    let mut a = analyze_bytes(&archive).unwrap();
    assert!(a.problems.iter().all(|p| p.severity() != Severity::Error), "{:?}", a.problems);
    a.images.remove(0)
}

fn rows(img: &Image, layer: usize, kind: ChangeKind) -> Vec<String> {
    img.layers[layer].changes.iter().filter(|c| c.change == kind).map(|c| c.node.path.to_string()).collect()
}

fn change<'a>(img: &'a Image, layer: usize, path: &str) -> &'a Change {
    img.layers[layer].changes.iter().find(|c| c.node.path == path).unwrap_or_else(|| panic!("no change for {path}"))
}

fn merged_paths(img: &Image) -> Vec<String> {
    img.tree.nodes.iter().map(|n| n.path.to_string()).collect()
}

#[test]
fn whiteout_hides_a_file_and_a_whole_directory() {
    let img = image(vec![
        layer_tar(&[Dir("a"), File("a/x", b"1".to_vec(), 0o644), Dir("a/d"), File("a/d/y", b"22".to_vec(), 0o644)]),
        layer_tar(&[Dir("a"), Whiteout("a/x"), Whiteout("a/d")]),
    ]);
    assert_eq!(rows(&img, 1, ChangeKind::Deleted), vec!["/a/x", "/a/d", "/a/d/y"]);
    assert_eq!(merged_paths(&img), vec!["/a"]);
    assert!(rows(&img, 1, ChangeKind::Added).is_empty(), "whiteout markers must not appear as files");
    assert!(rows(&img, 1, ChangeKind::Modified).is_empty(), "a re-listed directory is not a change");
    assert_eq!(img.layers[1].whiteouts, 2);
}

#[test]
fn opaque_directory_hides_lower_children_but_keeps_its_own() {
    let img = image(vec![
        layer_tar(&[
            Dir("opt"),
            File("opt/a", b"a".to_vec(), 0o644),
            Dir("opt/sub"),
            File("opt/sub/b", b"b".to_vec(), 0o644),
        ]),
        layer_tar(&[Dir("opt"), Opaque("opt"), File("opt/new", b"n".to_vec(), 0o644)]),
    ]);
    assert_eq!(rows(&img, 1, ChangeKind::Deleted), vec!["/opt/a", "/opt/sub", "/opt/sub/b"]);
    assert_eq!(rows(&img, 1, ChangeKind::Added), vec!["/opt/new"]);
    assert_eq!(merged_paths(&img), vec!["/opt", "/opt/new"]);
    assert_eq!(img.layers[1].opaque_dirs, 1);
}

#[test]
fn directory_deleted_then_recreated_in_a_later_layer() {
    let img = image(vec![
        layer_tar(&[Dir("d"), File("d/old", b"old".to_vec(), 0o644)]),
        layer_tar(&[Whiteout("d")]),
        layer_tar(&[Dir("d"), File("d/new", b"new".to_vec(), 0o644)]),
    ]);
    assert_eq!(rows(&img, 1, ChangeKind::Deleted), vec!["/d", "/d/old"]);
    assert_eq!(rows(&img, 2, ChangeKind::Added), vec!["/d", "/d/new"]);
    let mut replay = strata_core::replay::Replay::new();
    let mut up_to = |k: usize| {
        replay.seek_to_layer(&img, k);
        replay.nodes(&img).cloned().collect::<Vec<_>>()
    };
    let paths = |nodes: Vec<strata_core::merge::Node>| nodes.into_iter().map(|n| n.path).collect::<Vec<_>>();
    assert_eq!(paths(up_to(0)), vec!["/d", "/d/old"], "the tree as it stood after layer 0");
    assert!(paths(up_to(1)).is_empty());
    assert_eq!(up_to(2), img.tree.nodes);
    assert_eq!(merged_paths(&img), vec!["/d", "/d/new"]);
    let d = img.tree.nodes.iter().find(|n| n.path == "/d").unwrap();
    assert_eq!(d.layer, 2);
    assert!(d.shadowed.is_empty(), "a deleted version is not shadowed, it is gone");
}

#[test]
fn hardlink_to_a_lower_layer_takes_the_targets_content() {
    let img = image(vec![
        layer_tar(&[Dir("data"), File("data/records.csv", b"id\n1\n".to_vec(), 0o644)]),
        layer_tar(&[Dir("data"), Hardlink("data/copy.csv", "data/records.csv")]),
    ]);
    let c = change(&img, 1, "/data/copy.csv");
    assert_eq!(c.change, ChangeKind::Added);
    assert_eq!(c.node.kind, EntryKind::Hardlink);
    assert_eq!(c.node.size, 5, "a hardlink shows the size of what it links to");
    assert_eq!(c.node.target.as_deref(), Some("/data/records.csv"));
    assert_eq!(img.layers[1].hardlinks, 1);
}

#[test]
fn relinking_a_lower_file_is_a_type_change_with_identical_content() {
    let img = image(vec![
        layer_tar(&[Dir("d"), File("d/a", b"same".to_vec(), 0o644)]),
        layer_tar(&[Dir("d"), File("d/b", b"same".to_vec(), 0o644), Hardlink("d/a", "d/b")]),
    ]);
    let c = change(&img, 1, "/d/a");
    assert_eq!(c.change, ChangeKind::Modified);
    assert_eq!(c.detail, vec![Detail::Type]);
}

#[test]
fn file_replaced_by_symlink_and_metadata_only_changes() {
    let img = image(vec![
        layer_tar(&[
            Dir("etc"),
            File("etc/conf", b"v1".to_vec(), 0o644),
            File("etc/secret", b"s".to_vec(), 0o644),
            File("etc/same", b"x".to_vec(), 0o644),
        ]),
        layer_tar(&[
            Dir("etc"),
            Symlink("etc/conf", "/run/conf"),
            File("etc/secret", b"s".to_vec(), 0o600),
            File("etc/same", b"x".to_vec(), 0o644),
        ]),
    ]);
    let conf = change(&img, 1, "/etc/conf");
    assert_eq!(conf.change, ChangeKind::Modified);
    assert!(conf.detail.contains(Detail::Type) && conf.detail.contains(Detail::Content), "{:?}", conf.detail);
    assert_eq!(change(&img, 1, "/etc/secret").detail, vec![Detail::Mode]);
    assert_eq!(change(&img, 1, "/etc/same").detail, vec![Detail::Identical]);
    let node = img.tree.nodes.iter().find(|n| n.path == "/etc/conf").unwrap();
    assert_eq!((node.layer, node.shadowed.to_vec()), (1, vec![0]));
    assert_eq!(node.kind, EntryKind::Symlink);
}

#[test]
fn a_directory_listed_after_its_children_is_one_added_row_with_its_own_mode() {
    let layer = raw_layer(|b| {
        for (name, kind, mode) in [("d/f", tar::EntryType::Regular, 0o644), ("d/", tar::EntryType::Directory, 0o700)] {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_mode(mode);
            h.set_size(0);
            h.set_path(name).unwrap();
            h.set_cksum();
            b.append(&h, &b""[..]).unwrap();
        }
    });
    let img = image(vec![layer]);
    let d: Vec<_> = img.layers[0].changes.iter().filter(|c| c.node.path == "/d").collect();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].change, d[0].node.mode, d[0].node.implicit), (ChangeKind::Added, 0o700, false));
    let node = img.tree.nodes.iter().find(|n| n.path == "/d").unwrap();
    assert_eq!((node.mode, node.implicit), (0o700, false));
}

#[test]
fn a_file_replacing_a_directory_hides_everything_below_it() {
    let img = image(vec![
        layer_tar(&[Dir("x"), File("x/inner", b"i".to_vec(), 0o644)]),
        layer_tar(&[File("x", b"now a file".to_vec(), 0o644)]),
    ]);
    assert_eq!(rows(&img, 1, ChangeKind::Modified), vec!["/x"]);
    assert_eq!(rows(&img, 1, ChangeKind::Deleted), vec!["/x/inner"]);
    assert_eq!(merged_paths(&img), vec!["/x"]);
}

fn raw_layer(build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    build(&mut b);
    b.into_inner().unwrap()
}

#[test]
fn pax_long_names_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let long = format!("deep/{}/{}/file.txt", "d".repeat(120), "e".repeat(80));
    let layer = raw_layer(|b| {
        let mut h = tar::Header::new_ustar();
        h.set_size(3);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_pax_extensions([("path", long.as_bytes())]).unwrap();
        h.set_path("placeholder").unwrap();
        h.set_cksum();
        b.append(&h, &b"abc"[..]).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_path(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")).unwrap();
        h.set_cksum();
        b.append(&h, &b"z"[..]).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(0);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_path("ok/../../escape.txt").ok();
        // set_path refuses `..`; write the raw name bytes instead.
        h.as_old_mut().name[..19].copy_from_slice(b"../escape-attempt.x");
        h.set_cksum();
        b.append(&h, &b""[..]).unwrap();
    });
    let archive = docker_archive("t:1", &[layer], &[("RUN", true)], &[], &[]);
    let a = analyze_bytes(&archive).unwrap();
    let img = &a.images[0];
    let paths = merged_paths(img);
    assert!(paths.contains(&format!("/{long}")), "{paths:?}");
    assert!(paths.contains(&"/caf\\xe9.txt".to_owned()), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("escape")), "an escaping path must stay out of the tree");
    assert!(a.problems.iter().any(|p| p.code() == "path-escapes-root"), "{:?}", a.problems);
}

#[test]
fn gzip_outer_archive_with_layers_before_the_manifest() {
    // Build the archive with the manifest last and layers first, then gzip it as a whole.
    let plain = teaching_image();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    let compressed = gz.finish().unwrap();
    let a = analyze_bytes(&compressed).unwrap();
    let b = analyze_bytes(&plain).unwrap();
    assert_eq!(a.archive.compression, strata_core::Compression::Gzip);
    assert_eq!(serde_json::to_value(&a.images).unwrap(), serde_json::to_value(&b.images).unwrap());
}

#[test]
fn teaching_sample_shows_replace_delete_and_metadata_steps() {
    let a = analyze_bytes(&teaching_image()).unwrap();
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    let img = &a.images[0];
    assert_eq!(img.layers.len(), 3);
    assert!(img.layers.iter().all(|l| l.verified == Verified::Ok));
    assert_eq!(change(img, 1, "/app/config.ini").detail, vec![Detail::Content, Detail::Size]);
    assert_eq!(rows(img, 2, ChangeKind::Deleted), vec!["/app/cache", "/app/cache/build.tmp"]);
    assert_eq!(img.history.iter().filter(|h| h.empty_layer).count(), 3);
    assert_eq!(img.waste.reclaimable_bytes, 20_000 + 21, "the deleted cache and the replaced config");
}

#[test]
fn digest_mismatch_is_reported_and_the_rest_still_analysed() {
    let layer = layer_tar(&[File("a", b"a".to_vec(), 0o644)]);
    let mut archive = docker_archive("t:1", &[layer], &[("RUN", true)], &[], &[]);
    // Flip one byte of the file's content inside the layer inside the archive.
    let pos = archive
        .chunks(512)
        .position(|block| block[0] == b'a' && block[1..].iter().all(|&b| b == 0))
        .expect("the data block of file a")
        * 512;
    archive[pos] = b'b';
    let a = analyze_bytes(&archive).unwrap();
    assert_eq!(a.images[0].layers[0].verified, Verified::Mismatch);
    assert!(a.problems.iter().any(|p| p.code() == "digest-mismatch" && p.layer == Some(0)));
    assert_eq!(a.images[0].tree.nodes.len(), 1);
}

#[test]
fn missing_layer_blob_is_reported_with_context() {
    let (first, second) =
        (layer_tar(&[File("a", b"a".to_vec(), 0o644)]), layer_tar(&[File("b", b"b".to_vec(), 0o644)]));
    let archive = docker_archive("t:1", &[first, second], &[("RUN", true), ("RUN", true)], &[], &[]);
    // Rename the second layer's member so the manifest's reference dangles.
    let needle = b"layer1/layer.tar";
    let mut broken = archive.clone();
    let pos = broken.windows(needle.len()).position(|w| w == needle).unwrap();
    broken[pos..pos + needle.len()].copy_from_slice(b"layerX/layer.tar");
    // Fix the tar header checksum of that member.
    let hdr = pos - pos % 512;
    let mut h = tar::Header::new_old();
    h.as_mut_bytes().copy_from_slice(&broken[hdr..hdr + 512]);
    h.set_cksum();
    broken[hdr..hdr + 512].copy_from_slice(h.as_bytes());
    let a = analyze_bytes(&broken).unwrap();
    let p = a.problems.iter().find(|p| p.code() == "missing-blob").expect("missing-blob problem");
    assert_eq!((p.image, p.layer), (Some(0), Some(1)));
    assert!(p.message().contains("layer1/layer.tar"), "{}", p.message());
    assert_eq!(a.images[0].layers.len(), 2);
}

#[test]
fn truncated_archive_keeps_what_was_read() {
    let archive = teaching_image();
    let cut = &archive[..archive.len() / 2];
    match analyze_bytes(cut) {
        Ok(a) => assert!(a.problems.iter().any(|p| p.code() == "truncated"), "{:?}", a.problems),
        Err(e) => assert_eq!(e.code(), "truncated", "{e}"),
    }
}

#[test]
fn not_an_archive_gives_a_specific_error() {
    for (bytes, want) in [(&b""[..], "empty"), (&b"{\"json\": true}"[..], "tar"), (&[0x1f, 0x8b, 0, 0][..], "")] {
        let e = analyze_bytes(bytes).unwrap_err();
        assert!(["not-an-archive", "truncated", "io"].contains(&e.code()), "{e:?}");
        assert!(e.to_string().contains(want), "{e}");
    }
}

#[test]
fn cancellation_stops_the_work() {
    let archive = teaching_image();
    let cancel = Cancel::new();
    let c2 = cancel.clone();
    let mut progress = move |_e: ProgressEvent| c2.cancel();
    let mut big = archive.clone();
    big.resize(big.len() + 4 * 1024 * 1024, 0); // padding so progress fires
    cancel.cancel();
    let r = analyze(&big[..], Options { size: None, progress: &mut progress, cancel });
    assert!(matches!(r, Err(Error::Cancelled)), "{:?}", r.err());
    let r = analyze(&archive[..], Options { size: None, progress: &mut NoProgress, cancel: Cancel::new() });
    assert!(r.is_ok());
}

#[test]
fn zstd_and_empty_layers_and_zero_byte_layer_members() {
    let empty_tar = vec![0u8; 1024];
    let img = image(vec![layer_tar(&[File("a", b"a".to_vec(), 0o644)]), empty_tar, Vec::new()]);
    assert_eq!(img.layers.len(), 3);
    assert_eq!(img.layers[1].entries, 0);
    assert_eq!(img.layers[2].entries, 0);
    assert_eq!(merged_paths(&img), vec!["/a"]);
}

#[test]
fn headers_only_stages_give_an_outline_then_the_structure() {
    let bytes = teaching_image();
    let full = analyze_bytes(&bytes).unwrap();
    let mut stages = Vec::new();
    let open = || Ok::<_, std::io::Error>(std::io::Cursor::new(bytes.clone()));
    strata_core::analyze_stages(open, Some(bytes.len() as u64), &mut |s| stages.push(s)).unwrap();
    let [outline, structure] = &stages[..] else {
        panic!("expected an outline then a structure");
    };
    assert_eq!((outline.stage, structure.stage), (strata_core::Stage::Outline, strata_core::Stage::Structure));
    assert_eq!(full.stage, strata_core::Stage::Complete);
    let (o, s, f) = (&outline.images[0], &structure.images[0], &full.images[0]);
    assert_eq!((&o.id, &o.tags, o.layers.len()), (&f.id, &f.tags, 3));
    assert!(o.tree.nodes.is_empty() && o.layers.iter().all(|l| l.changes.is_empty() && l.entries == 0));
    assert!(outline.problems.is_empty());
    let paths = |i: &Image| i.tree.nodes.iter().map(|n| (n.path.clone(), n.layer)).collect::<Vec<_>>();
    assert_eq!(paths(s), paths(f));
    assert!(s.layers.iter().all(|l| l.verified == Verified::Unchecked));

    // Stopped after the outline: nothing more is emitted.
    let mut only = Vec::new();
    strata_core::analyze_stages_while(open, None, &mut |s| {
        only.push(s.stage);
        false
    })
    .unwrap();
    assert_eq!(only, [strata_core::Stage::Outline]);

    // A gzip-compressed archive cannot be read by headers: nothing is emitted, the full pass follows.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bytes).unwrap();
    let compressed = gz.finish().unwrap();
    let mut emitted = 0;
    let open = || Ok::<_, std::io::Error>(std::io::Cursor::new(compressed.clone()));
    strata_core::analyze_stages(open, None, &mut |_| emitted += 1).unwrap();
    assert_eq!(emitted, 0);
}

#[test]
fn every_teaching_sample_reads_cleanly_and_makes_its_point() {
    use strata_core::sample::{named, names, CATALOGUE};
    for name in names() {
        let a = analyze_bytes(&named(name).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(a.problems.is_empty(), "{name}: {:?}", a.problems);
        assert!(a.images.iter().all(|i| i.layers.iter().all(|l| l.verified == Verified::Ok)), "{name}");
    }
    assert!(named("nope").is_none());
    for s in CATALOGUE {
        assert_eq!(analyze_bytes(&(s.build)()).unwrap().images[0].layers.len(), s.layers, "{}", s.name);
        assert!(s.screen.starts_with("#view=") && s.screen.contains("image=0"), "{}: {}", s.name, s.screen);
    }
    let img = |n: &str| analyze_bytes(&named(n).unwrap()).unwrap();
    assert_eq!(img("base").images[0].layers.len(), 1);
    let add = img("add-layers");
    let l = &add.images[0].layers;
    assert_eq!(
        (l.len(), l[2].modified, add.images[0].history.len()),
        (3, 2, 6),
        "the patch modifies libssl and os-release"
    );
    let shared = img("shared-base");
    assert_eq!(shared.images.len(), 2);
    assert!(shared.images.iter().all(|i| i.layers[0].shared && i.layers[1].shared && !i.layers[2].shared));
    let w = img("waste").images[0].waste.clone();
    assert!(w.reclaimable_bytes >= 2_000_000, "the deleted download still takes room: {w:?}");
}

#[test]
fn listing_rows_and_instructions_have_one_spelling() {
    let layers = vec![
        layer_tar(&[Dir("bin"), File("bin/tool", b"#!/bin/sh\n".to_vec(), 0o755), Symlink("bin/sh", "tool")]),
        layer_tar(&[Dir("bin"), Hardlink("bin/again", "bin/tool")]),
    ];
    let steps = [("/bin/sh -c #(nop) ADD file:0123 in / ", true), ("/bin/sh -c ln /bin/tool /bin/again", true)];
    let img = analyze_bytes(&docker_archive("t:1", &layers, &steps, &[], &[])).unwrap().images.remove(0);
    let node = |p: &str| img.tree.nodes.iter().find(|n| n.path == p).unwrap_or_else(|| panic!("no {p}"));
    assert_eq!(node("/bin").mode_text(), "drwxr-xr-x");
    assert_eq!(node("/bin/tool").mode_text(), "-rwxr-xr-x");
    assert_eq!(node("/bin/tool").owner(), "0:0");
    assert_eq!(node("/bin/tool").link_text(), "");
    assert_eq!(node("/bin/sh").link_text(), " -> tool");
    assert_eq!(node("/bin/again").link_text(), " => /bin/tool");
    assert_eq!(img.instruction(1), "RUN ln /bin/tool /bin/again");
    assert_eq!(img.instruction(1), img.layers[1].instruction().unwrap());
    assert_eq!(img.instruction(9), "", "no such layer: nothing to show");
}
