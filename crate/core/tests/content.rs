//! File contents and path histories (`strata_core::content`): every rule on images built in memory,
//! then every fixture against an independent reading of the archive.

mod common;

use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use strata_core::content::locate::Follow;
use strata_core::content::{history, locate, ArchiveFiles, Cause, LookupError, ReadError, View};
use strata_core::merge::ChangeKind;
use strata_core::sample::{docker_archive, layer_tar, SampleEntry::*};
use strata_core::{analyze_bytes, Image, Verified};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Four layers exercising every rule; layer 3 is gzip-compressed.
fn archive() -> Vec<u8> {
    let l0 = layer_tar(&[
        Dir("etc"),
        Dir("etc/app"),
        File("etc/app/config.ini", b"v1\n".to_vec(), 0o644),
        Dir("bin"),
        File("bin/busybox", b"BUSYBOX".to_vec(), 0o755),
        Symlink("bin/sh", "busybox"),
        Dir("usr"),
        Dir("usr/lib"),
        File("usr/lib/libx.so", b"libx".to_vec(), 0o644),
        Symlink("lib", "usr/lib"),
        Dir("opt"),
        Dir("opt/legacy"),
        File("opt/legacy/a", b"legacy".to_vec(), 0o644),
        Symlink("loop1", "loop2"),
        Symlink("loop2", "/loop1"),
        Symlink("abs", "/etc/app/config.ini"),
        Symlink("up", "../../../etc/./app/config.ini"),
        Symlink("dangling", "/nowhere"),
        Hardlink("hl", "bin/busybox"),
        File("gone", b"soon gone".to_vec(), 0o644),
    ]);
    let l1 =
        layer_tar(&[File("etc/app/config.ini", b"v2\n".to_vec(), 0o644), Whiteout("opt/legacy"), Whiteout("gone")]);
    let l2 = layer_tar(&[
        Opaque("etc"),
        Dir("etc/app"),
        File("etc/app/config.ini", b"v3\n".to_vec(), 0o600),
        Hardlink("hl2", "usr/lib/libx.so"),
        Symlink("etc/via-lib", "../lib/libx.so"),
    ]);
    let l3 = gzip(&layer_tar(&[Dir("gz"), File("gz/file", b"gzipped".to_vec(), 0o644), Hardlink("gz/hl", "gz/file")]));
    let steps = [("ADD rootfs /", true), ("RUN edit", true), ("RUN rm -rf /opt/legacy", true), ("COPY gz /gz", true)];
    docker_archive("t:1", &[l0, l1, l2, l3], &steps, &[], &[])
}

fn image_of(bytes: &[u8]) -> Image {
    analyze_bytes(bytes).unwrap().images.remove(0)
}

fn files_of(bytes: Vec<u8>) -> ArchiveFiles<impl Fn() -> std::io::Result<Cursor<Vec<u8>>>> {
    ArchiveFiles::open(move || Ok(Cursor::new(bytes.clone()))).unwrap()
}

/// `cat PATH` in `view`: locate, then read.
fn cat<F, R>(files: &ArchiveFiles<F>, img: &Image, path: &str, view: View) -> Result<Vec<u8>, String>
where
    F: Fn() -> std::io::Result<R>,
    R: Read + std::io::Seek,
{
    let found = locate(img, path, view, Follow::All).map_err(|e| format!("{e:?}"))?;
    let (layer, entry) = found.data.ok_or("no data")?;
    let mut out = Vec::new();
    let read = files.read(0, layer, &entry, &mut out, u64::MAX).map_err(|e| format!("{e:?}"))?;
    assert_eq!(read.written, out.len() as u64);
    assert_eq!(read.sha256.hex(), hex(&out));
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn copies_in_each_view_with_links_followed_as_the_kernel_does() {
    for bytes in [archive(), gzip(&archive())] {
        let img = image_of(&bytes);
        let files = files_of(bytes);
        let m = |p| cat(&files, &img, p, View::Merged);
        assert_eq!(m("/etc/app/config.ini").unwrap(), b"v3\n");
        assert_eq!(cat(&files, &img, "/etc/app/config.ini", View::Layer(0)).unwrap(), b"v1\n");
        assert_eq!(cat(&files, &img, "etc/app/../app/config.ini", View::Layer(1)).unwrap(), b"v2\n");
        assert_eq!(m("/bin/sh").unwrap(), b"BUSYBOX", "a relative link, from the link's directory");
        assert_eq!(m("/lib/libx.so").unwrap(), b"libx", "a link on the way");
        assert_eq!(m("/abs").unwrap(), b"v3\n", "an absolute link, from the image root");
        assert_eq!(m("/up").unwrap(), b"v3\n", "`..` never climbs above the root");
        assert_eq!(m("/etc/via-lib").unwrap(), b"libx", "a relative link through another link");
        assert_eq!(m("/hl").unwrap(), b"BUSYBOX", "a hard link reads its target in the layer");
        assert_eq!(m("/hl2").unwrap(), b"libx", "a hard link to a lower layer's file");
        assert_eq!(m("/gz/file").unwrap(), b"gzipped", "a gzip layer is streamed to the entry");
        assert_eq!(m("/gz/hl").unwrap(), b"gzipped");
        assert_eq!(cat(&files, &img, "/bin/sh", View::Layer(0)).unwrap(), b"BUSYBOX");
        let at0 = locate(&img, "/etc/app/config.ini", View::Layer(0), Follow::All).unwrap();
        assert_eq!((at0.node.layer, at0.node.size, at0.node.mode), (0, 3, 0o644));
        let hl = locate(&img, "/hl2", View::Merged, Follow::All).unwrap();
        assert_eq!(hl.data, Some((0, "/usr/lib/libx.so".to_owned())));
        let link = locate(&img, "/bin/sh", View::Merged, Follow::Parents).unwrap();
        assert_eq!((link.node.target.as_deref(), link.data), (Some("busybox"), None), "a link shown as a link");
        assert_eq!(locate(&img, "/bin/sh", View::Merged, Follow::All).unwrap().resolved, "/bin/busybox");
    }
}

#[test]
fn missing_deleted_directories_loops_and_absent_copies_say_why() {
    let img = image_of(&archive());
    let err = |p: &str, v| locate(&img, p, v, Follow::All).unwrap_err();
    assert_eq!(err("/opt/legacy/a", View::Merged), LookupError::Deleted { path: "/opt/legacy/a".into(), layer: 1 });
    assert_eq!(err("/opt/legacy", View::Merged), LookupError::Deleted { path: "/opt/legacy".into(), layer: 1 });
    assert_eq!(err("/gone", View::Layer(1)), LookupError::Deleted { path: "/gone".into(), layer: 1 });
    assert_eq!(err("/nope", View::Merged), LookupError::NotFound { path: "/nope".into() });
    assert_eq!(err("/dangling", View::Merged), LookupError::NotFound { path: "/nowhere".into() });
    assert_eq!(err("/etc", View::Merged), LookupError::IsDirectory { path: "/etc".into() });
    assert_eq!(err("/", View::Merged), LookupError::IsDirectory { path: "/".into() });
    assert_eq!(err("/lib", View::Merged), LookupError::IsDirectory { path: "/usr/lib".into() });
    assert_eq!(err("/bin/busybox/x", View::Merged), LookupError::NotADirectory { path: "/bin/busybox".into() });
    assert_eq!(err("/loop1", View::Merged), LookupError::LinkLoop { path: "/loop1".into() });
    assert_eq!(
        err("/bin/busybox", View::Layer(2)),
        LookupError::NoCopyInLayer { path: "/bin/busybox".into(), layer: 2 }
    );
    assert_eq!(err("/x", View::Layer(9)), LookupError::NoSuchLayer { layer: 9, layers: 4 });
    assert_eq!(err("/opt/legacy/a", View::Merged).to_string(), "/opt/legacy/a: deleted in layer 1");
    // The reader alone: no such entry, a directory, no such layer or image.
    let files = files_of(archive());
    let mut sink = Vec::new();
    assert!(matches!(files.read(0, 2, "/bin/busybox", &mut sink, 9), Err(ReadError::NoEntry { layer: 2, .. })));
    assert!(matches!(files.read(0, 0, "/etc", &mut sink, 9), Err(ReadError::NotAFile { .. })));
    assert!(matches!(files.read(0, 7, "/etc", &mut sink, 9), Err(ReadError::NoLayer { layer: 7 })));
    assert!(matches!(files.read(3, 0, "/etc", &mut sink, 9), Err(ReadError::NoImage { image: 3 })));
    assert!(sink.is_empty());
}

#[test]
fn only_the_first_bytes_are_kept_but_the_whole_copy_is_hashed() {
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    for gz in [false, true] {
        let layer = layer_tar(&[File("big.bin", big.clone(), 0o644)]);
        let layer = if gz { gzip(&layer) } else { layer };
        let files = files_of(docker_archive("t:1", &[layer], &[("ADD big /", true)], &[], &[]));
        let mut out = Vec::new();
        let read = files.read(0, 0, "/big.bin", &mut out, 1000).unwrap();
        assert_eq!((read.size, read.written, out.as_slice()), (300_000, 1000, &big[..1000]));
        assert_eq!(read.sha256.hex(), hex(&big));
    }
}

#[test]
fn a_layer_cut_inside_a_file_is_an_error_not_a_short_copy() {
    let big = vec![7u8; 100_000];
    let layer = layer_tar(&[File("big.bin", big, 0o644)]);
    let mut bytes = docker_archive("t:1", &[layer], &[("ADD big /", true)], &[], &[]);
    // Cut the archive in the middle of the file's data (the outer headers stay readable: the
    // manifest and config come first in the sample's member order only when they do; search).
    let at = bytes.windows(4).position(|w| w == [7, 7, 7, 7]).unwrap() + 50_000;
    let cut = bytes.split_off(at);
    drop(cut);
    match ArchiveFiles::open(move || Ok(Cursor::new(bytes.clone()))) {
        Ok(files) => {
            let mut out = Vec::new();
            let r = files.read(0, 0, "/big.bin", &mut out, u64::MAX);
            assert!(
                matches!(
                    r,
                    Err(ReadError::Truncated { .. } | ReadError::MissingBlob { .. } | ReadError::Unreadable { .. })
                ),
                "{r:?}"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

#[test]
fn a_paths_history_names_each_change_and_how_it_was_deleted() {
    let img = image_of(&archive());
    let h = history(&img, "/etc/app/config.ini");
    let rows: Vec<(usize, ChangeKind, u64)> = h.iter().map(|e| (e.layer, e.change, e.node.size)).collect();
    assert_eq!(rows, [(0, ChangeKind::Added, 3), (1, ChangeKind::Modified, 3), (2, ChangeKind::Modified, 3)]);
    assert!(h.iter().all(|e| e.cause.is_none()));
    let h = history(&img, "/opt/legacy/a");
    assert_eq!(h.len(), 2);
    assert_eq!((h[1].layer, h[1].change), (1, ChangeKind::Deleted));
    assert_eq!(h[1].cause, Some(Cause::ParentWhiteout("/opt/legacy".into())));
    assert_eq!(h[1].node.layer, 0, "the deleted row carries the copy it hid");
    assert_eq!(history(&img, "/gone")[1].cause, Some(Cause::Whiteout));
    assert!(history(&img, "/never").is_empty());
    // An opaque directory hides what it does not re-make.
    let l0 = layer_tar(&[Dir("d"), File("d/keep", b"1".to_vec(), 0o644), File("d/drop", b"2".to_vec(), 0o644)]);
    let l1 = layer_tar(&[Opaque("d"), File("d/keep", b"3".to_vec(), 0o644)]);
    let l2 = layer_tar(&[File("d", b"now a file".to_vec(), 0o644)]);
    let img = image_of(&docker_archive("t:1", &[l0, l1, l2], &[("A", true), ("B", true), ("C", true)], &[], &[]));
    let drop = history(&img, "/d/drop");
    assert_eq!(drop[1].cause, Some(Cause::Opaque("/d".into())));
    assert_eq!(history(&img, "/d/keep")[1].change, ChangeKind::Modified, "deleted and re-made by one layer");
    assert_eq!(history(&img, "/d/keep")[2].cause, Some(Cause::Replaced("/d".into())));
}

/// An independent reading of a layer blob: its regular files' sha256 and size by path (last entry
/// wins, hard links take their target's), decompressed here with flate2 / ruzstd.
fn independent_layer(blob: &[u8]) -> HashMap<String, (String, u64)> {
    let tar: Vec<u8> = match blob {
        [0x1f, 0x8b, ..] => {
            let mut v = Vec::new();
            flate2::read::MultiGzDecoder::new(blob).read_to_end(&mut v).unwrap();
            v
        }
        [0x28, 0xb5, 0x2f, 0xfd, ..] => {
            let mut v = Vec::new();
            ruzstd::decoding::StreamingDecoder::new(blob).unwrap().read_to_end(&mut v).unwrap();
            v
        }
        _ => blob.to_vec(),
    };
    let mut out: HashMap<String, (String, u64)> = HashMap::new();
    let mut archive = tar::Archive::new(&tar[..]);
    for e in archive.entries().unwrap() {
        let Ok(mut e) = e else { break };
        let p = strata_core::path::normalize(&e.path_bytes()).unwrap_or_default();
        match e.header().entry_type() {
            tar::EntryType::Regular => {
                let mut v = Vec::new();
                e.read_to_end(&mut v).unwrap();
                out.insert(p, (hex(&v), v.len() as u64));
            }
            tar::EntryType::Link => {
                let t = strata_core::path::normalize(&e.link_name_bytes().unwrap()).unwrap_or_default();
                if let Some(v) = out.get(&t).cloned() {
                    out.insert(p, v);
                }
            }
            _ => {
                out.remove(&p);
            }
        }
    }
    out
}

/// Every member of the outer archive (decompressed as a whole when it is), by its sha256.
fn members_by_digest(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let plain: Vec<u8> = match bytes {
        [0x1f, 0x8b, ..] => {
            let mut v = Vec::new();
            flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut v).unwrap();
            v
        }
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => {
            let mut v = Vec::new();
            lzma_rust2::XzReader::new(bytes, true).read_to_end(&mut v).unwrap();
            v
        }
        _ => bytes.to_vec(),
    };
    let mut out = HashMap::new();
    let mut archive = tar::Archive::new(&plain[..]);
    for e in archive.entries().unwrap() {
        let Ok(mut e) = e else { break };
        if e.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let mut v = Vec::new();
        if e.read_to_end(&mut v).is_ok() {
            out.insert(format!("sha256:{}", hex(&v)), v);
        }
    }
    out
}

/// Up to `n` items spread evenly over `items`.
fn spread<T: Clone>(items: &[T], n: usize) -> Vec<T> {
    if items.len() <= n {
        return items.to_vec();
    }
    (0..n).map(|i| items[i * items.len() / n].clone()).collect()
}

#[test]
fn every_fixture_reads_each_layers_copies_as_an_independent_reading_does() {
    let Some(dir) = common::fixtures() else { return };
    let (mut archives, mut copies) = (0, 0);
    let mut gz_copy = None;
    for path in common::fixture_archives(&dir) {
        let Ok(analysis) = common::analyze_file(&path) else { continue };
        let bytes = std::fs::read(&path).unwrap();
        let by_digest = members_by_digest(&bytes);
        let p = path.clone();
        let Ok(files) = ArchiveFiles::open(move || std::fs::File::open(&p)) else {
            panic!("{}: analysed, but cannot be opened for reading files", path.display())
        };
        let mut read_any = false;
        for (ii, img) in analysis.images.iter().enumerate() {
            for layer in img.layers.iter().filter(|l| l.verified == Verified::Ok) {
                let Some(blob) = layer.digest.as_ref().and_then(|d| by_digest.get(&d.to_string())) else { continue };
                let truth = independent_layer(blob);
                let mut paths: Vec<&String> = truth.keys().collect();
                paths.sort();
                for p in spread(&paths, 12) {
                    let mut out = Vec::new();
                    let read = files
                        .read(ii, layer.index, p, &mut out, u64::MAX)
                        .unwrap_or_else(|e| panic!("{} image {ii} layer {} {p}: {e}", path.display(), layer.index));
                    let (sha, size) = &truth[p];
                    assert_eq!((&read.sha256.hex().to_owned(), read.size), (sha, *size), "{} {p}", path.display());
                    assert_eq!(&hex(&out), sha);
                    copies += 1;
                    read_any = true;
                }
            }
            // The merged view: each visible file's copy is the one its provider layer holds.
            for n in spread(
                &img.tree.nodes.iter().filter(|n| n.kind == strata_core::layer::EntryKind::File).collect::<Vec<_>>(),
                8,
            ) {
                let found = locate(img, &n.path, View::Merged, Follow::All).unwrap();
                assert_eq!(found.node.layer, n.layer);
                let (l, entry) = found.data.unwrap();
                let read = files.read(ii, l, &entry, &mut std::io::sink(), 0).unwrap();
                assert_eq!(read.size, n.size, "{} {}", path.display(), n.path);
            }
        }
        if read_any {
            archives += 1;
        }
        if gz_copy.is_none() && path.to_string_lossy().contains("02-docker20") {
            gz_copy = Some((gzip(&bytes), analysis));
        }
    }
    eprintln!("{copies} copies in {archives} archives read as the independent reading does");
    assert!(archives >= 40 && copies >= 500, "{archives} archives, {copies} copies");
    // The same fixture compressed as a whole: the streamed path reads the same bytes.
    let (gz, analysis) = gz_copy.expect("the Docker 20 fixture");
    let by_digest = members_by_digest(&gz);
    let files = files_of(gz);
    let img = &analysis.images[0];
    for layer in &img.layers {
        let truth = independent_layer(&by_digest[&layer.digest.as_ref().unwrap().to_string()]);
        let mut paths: Vec<&String> = truth.keys().collect();
        paths.sort();
        for p in spread(&paths, 4) {
            let read = files.read(0, layer.index, p, &mut std::io::sink(), 0).unwrap();
            assert_eq!(read.sha256.hex(), truth[p].0);
        }
    }
}

#[test]
fn real_merged_listings_match_docker_export_sizes() {
    let Some(dir) = common::fixtures() else { return };
    let real = dir.join("real/02-docker20-vizapp-legacy-overlay2.tar");
    let analysis = common::analyze_file(&real).unwrap();
    let img = &analysis.images[0];
    let listing = std::fs::read_to_string(dir.join("real/groundtruth/02.vizapp_legacy-overlay2.merged.txt")).unwrap();
    let files = ArchiveFiles::open(|| std::fs::File::open(&real)).unwrap();
    let mut checked = 0;
    for line in listing.lines().filter(|l| l.starts_with("f ") || l.starts_with("h ")) {
        // `f 0644 0:0   262144 path with spaces`: the path is everything after the size.
        let size_token = line.split_whitespace().nth(3).unwrap();
        let at = line[10..].find(&format!(" {size_token} ")).unwrap() + 10 + size_token.len() + 2;
        let (size, p) = (size_token.parse::<u64>().unwrap(), format!("/{}", line[at..].split(" => ").next().unwrap()));
        let found = locate(img, &p, View::Merged, Follow::All).unwrap_or_else(|e| panic!("{p}: {e}"));
        let (l, entry) = found.data.unwrap();
        let read = files.read(0, l, &entry, &mut std::io::sink(), 0).unwrap();
        assert_eq!(read.size, size, "{p}");
        checked += 1;
    }
    assert!(checked >= 19, "{checked} files and hard links");
}

#[test]
fn a_gzip_layer_keeps_checkpoints_so_later_files_need_no_restart() {
    // Sixteen files of 1 MiB of noise (barely compressible): a 16 MiB tar, so the scan keeps
    // checkpoints every 4 MiB of output; then a hard link and a small file at the end.
    let mut seed = 99u32;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) as u8
            })
            .collect()
    };
    let names: Vec<&'static str> = (0..16).map(|i| &*Box::leak(format!("data/f{i:02}").into_boxed_str())).collect();
    let contents: Vec<Vec<u8>> = (0..16).map(|_| noise(1 << 20)).collect();
    let mut entries = vec![Dir("data")];
    entries.extend(names.iter().zip(&contents).map(|(n, c)| File(n, c.clone(), 0o644)));
    entries.push(Hardlink("data/link", "data/f03"));
    entries.push(File("data/last", b"the end\n".to_vec(), 0o644));
    let bytes = docker_archive("t:1", &[gzip(&layer_tar(&entries))], &[("ADD data /", true)], &[], &[]);
    let img = image_of(&bytes);
    let files = files_of(bytes.clone());
    assert_eq!(cat(&files, &img, "/data/last", View::Merged).unwrap(), b"the end\n");
    let kept = files.gzip_checkpoints();
    assert!(kept >= 4, "a 16 MiB scan keeps a checkpoint every 4 MiB ({kept})");
    // Every file again, in an order that jumps back and forth: from the notes and checkpoints.
    for i in [9usize, 0, 15, 3, 8] {
        assert!(cat(&files, &img, &format!("/data/f{i:02}"), View::Merged).unwrap() == contents[i], "f{i:02}");
    }
    assert!(cat(&files, &img, "/data/link", View::Merged).unwrap() == contents[3], "a hard link to a noted file");
    assert_eq!(files.gzip_checkpoints(), kept, "nothing is scanned twice");
    // A fresh reader that first asks for a file in the middle scans only up to it.
    let fresh = files_of(bytes);
    assert!(cat(&fresh, &img, "/data/f07", View::Merged).unwrap() == contents[7]);
    assert!(fresh.gzip_checkpoints() < kept, "the scan stopped at f07");
    let mut out = Vec::new();
    assert!(matches!(fresh.read(0, 0, "/data/nothing", &mut out, u64::MAX), Err(ReadError::NoEntry { .. })));
    assert_eq!(fresh.gzip_checkpoints(), kept, "looking for a missing entry scans to the end once");
    assert!(cat(&fresh, &img, "/data/f12", View::Merged).unwrap() == contents[12]);
}
