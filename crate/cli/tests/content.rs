//! `strata cat` and `strata log`: bytes, exit codes, messages and the JSON lines, on archives built
//! here and on the real fixtures against an independent reading (tar + sha2 in this test).

use serde_json::Value;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output};
use strata_core::sample::{docker_archive, layer_tar, SampleEntry::*};

fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).output().unwrap()
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("strata-content-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The sha256 of `b`, hex.
fn hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Three layers: a base, an edit with a whiteout, an opaque directory; the top layer gzip'd.
fn archive() -> Vec<u8> {
    let l0 = layer_tar(&[
        Dir("etc"),
        File("etc/app.ini", b"v1\n".to_vec(), 0o644),
        Dir("bin"),
        File("bin/busybox", b"\x7fELF busybox".to_vec(), 0o755),
        Symlink("bin/sh", "busybox"),
        Hardlink("bin/hl", "bin/busybox"),
        Dir("opt"),
        File("opt/old", b"old".to_vec(), 0o644),
        Symlink("loop", "/loop"),
    ]);
    let l1 = layer_tar(&[File("etc/app.ini", b"v2\n".to_vec(), 0o600), Whiteout("opt/old")]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&layer_tar(&[Opaque("etc"), File("etc/new", b"new\n".to_vec(), 0o644)])).unwrap();
    let l2 = gz.finish().unwrap();
    let steps =
        [("ADD rootfs /", true), ("RUN sed -i s/1/2/ /etc/app.ini && rm /opt/old", true), ("COPY etc /etc", true)];
    docker_archive("t:1", &[l0, l1, l2], &steps, &[], &[])
}

#[test]
fn cat_prints_the_visible_copy_or_a_layers_copy() {
    let f = write_temp("cat.tar", &archive());
    let f = f.to_str().unwrap();
    let o = strata(&["cat", f, "/bin/sh"]);
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(0), &b"\x7fELF busybox"[..]), "{}", stderr(&o));
    let o = strata(&["cat", f, "/bin/hl"]);
    assert_eq!(o.stdout, b"\x7fELF busybox", "a hard link prints its target's bytes");
    let o = strata(&["cat", f, "/etc/app.ini", "--layer", "0"]);
    assert_eq!(o.stdout, b"v1\n");
    let o = strata(&["cat", f, "/etc/app.ini", "--layer", "1"]);
    assert_eq!(o.stdout, b"v2\n");
    let o = strata(&["cat", f, "/etc/new"]);
    assert_eq!(o.stdout, b"new\n", "read through the gzip'd layer");
    let o = strata(&["cat", f, "/etc/new", "--image", "t:1"]);
    assert_eq!(o.stdout, b"new\n");
}

#[test]
fn cat_says_why_a_view_shows_no_file_and_exits_1() {
    let f = write_temp("why.tar", &archive());
    let f = f.to_str().unwrap();
    for (args, says) in [
        (vec!["/etc/app.ini"], "/etc/app.ini: deleted in layer 2 (COPY etc /etc)"),
        (vec!["/opt/old"], "/opt/old: deleted in layer 1 (RUN sed -i s/1/2/ /etc/app.ini && rm /opt/old)"),
        (vec!["/etc"], "/etc: is a directory"),
        (vec!["/nope"], "/nope: no such file"),
        (vec!["/loop"], "loop"),
        (vec!["/bin/busybox", "--layer", "1"], "layer 1 holds no copy of it"),
    ] {
        let mut a = vec!["cat", f];
        a.extend(args.iter().copied());
        let o = strata(&a);
        assert_eq!(o.status.code(), Some(1), "{a:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{a:?}: no output");
        assert!(stderr(&o).contains(says), "{a:?}: {}", stderr(&o));
    }
    let o = strata(&["cat", f, "/bin/sh", "--layer", "9"]);
    assert_eq!(o.status.code(), Some(2), "a layer out of range is a usage error: {}", stderr(&o));
    let bad = write_temp("bad.tar", b"not an archive at all");
    let o = strata(&["cat", bad.to_str().unwrap(), "/bin/sh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not an image archive"), "{}", stderr(&o));
}

#[test]
fn log_lists_each_change_with_digests_and_causes() {
    let f = write_temp("log.tar", &archive());
    let f = f.to_str().unwrap();
    let o = strata(&["log", f, "/etc/app.ini", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> =
        o.stdout.split(|b| *b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let sha = hex;
    assert_eq!((rows[0]["layer"].as_u64(), rows[0]["change"].as_str()), (Some(0), Some("added")));
    assert_eq!((rows[0]["type"].as_str(), rows[0]["size"].as_u64()), (Some("file"), Some(3)));
    assert_eq!(rows[0]["sha256"].as_str(), Some(sha(b"v1\n").as_str()));
    assert_eq!((rows[1]["change"].as_str(), rows[1]["mode"].as_u64()), (Some("modified"), Some(0o600)));
    assert_eq!(rows[1]["sha256"].as_str(), Some(sha(b"v2\n").as_str()));
    assert_eq!(
        (rows[2]["change"].as_str(), rows[2]["by"].as_str(), rows[2]["dir"].as_str()),
        (Some("deleted"), Some("opaque"), Some("/etc"))
    );
    assert_eq!(rows[2]["instruction"].as_str(), Some("COPY etc /etc"));
    assert!(rows[2].get("sha256").is_none(), "a deletion has no copy");

    let o = strata(&["log", f, "/bin/sh", "--json"]);
    let row: Value = serde_json::from_slice(o.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!((row["type"].as_str(), row["target"].as_str()), (Some("symlink"), Some("busybox")));
    let o = strata(&["log", f, "/bin/hl", "--json"]);
    let row: Value = serde_json::from_slice(o.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(
        row["sha256"].as_str(),
        Some(sha(b"\x7fELF busybox").as_str()),
        "a hard link's copy is its target's bytes"
    );

    let o = strata(&["log", f, "/opt/old"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("L1  deleted   by a whiteout"), "{text}");
    let o = strata(&["log", f, "/never"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no layer of the image holds or deletes it"));
}

/// The merged copy of `path` read independently: the last layer (top first) whose tar holds it,
/// following one symlink level the way these fixtures need (busybox applets → busybox).
fn independent_layers(archive: &PathBuf) -> Vec<HashMap<String, Vec<u8>>> {
    let mut blobs: HashMap<String, Vec<u8>> = HashMap::new();
    let mut a = tar::Archive::new(std::fs::File::open(archive).unwrap());
    for e in a.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        if e.header().entry_type().is_file() {
            let mut v = Vec::new();
            e.read_to_end(&mut v).unwrap();
            blobs.insert(name, v);
        }
    }
    let manifest: Value = serde_json::from_slice(blobs.get("manifest.json").expect("docker-archive")).unwrap();
    let config: Value = serde_json::from_slice(&blobs[manifest[0]["Config"].as_str().unwrap()]).unwrap();
    let by_sha: HashMap<String, &Vec<u8>> = blobs.values().map(|b| (format!("sha256:{}", hex(b)), b)).collect();
    config["rootfs"]["diff_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let layer = by_sha[d.as_str().unwrap()];
            let mut files = HashMap::new();
            let mut t = tar::Archive::new(layer.as_slice());
            for e in t.entries().unwrap() {
                let mut e = e.unwrap();
                let name = e.path().unwrap().to_string_lossy().trim_start_matches("./").to_owned();
                let whiteout = name.rsplit('/').next().is_some_and(|base| base.starts_with(".wh."));
                if e.header().entry_type().is_file() && !whiteout {
                    let mut v = Vec::new();
                    e.read_to_end(&mut v).unwrap();
                    files.insert(name, v);
                }
            }
            files
        })
        .collect()
}

#[test]
fn cat_and_log_agree_with_an_independent_reading_of_real_archives() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !real.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", real.display());
        return;
    }
    // Docker 20 legacy and skopeo's docker-archive (symlinked layers): read independently here.
    for name in ["02-docker20-vizapp-legacy-overlay2.tar", "23-skopeo-vizapp-docker-archive.tar"] {
        let f = real.join(name);
        let layers = independent_layers(&f);
        let mut checked = 0;
        for (n, files) in layers.iter().enumerate() {
            for (path, bytes) in files {
                let abs = format!("/{path}");
                let o = strata(&["cat", f.to_str().unwrap(), &abs, "--layer", &n.to_string()]);
                assert_eq!(o.status.code(), Some(0), "{name} L{n} {abs}: {}", stderr(&o));
                assert!(o.stdout == *bytes, "{name} L{n} {abs}: bytes differ");
                checked += 1;
                if checked > 40 {
                    break;
                }
            }
        }
        // The merged /bin/sh is busybox, the base layer's copy.
        let busybox = &layers[0]["bin/busybox"];
        let o = strata(&["cat", f.to_str().unwrap(), "/bin/sh"]);
        assert!(o.stdout == *busybox, "{name}: /bin/sh → busybox");
        let o = strata(&["log", f.to_str().unwrap(), "/bin/busybox", "--json"]);
        let row: Value = serde_json::from_slice(o.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
        assert_eq!(row["sha256"].as_str().unwrap(), hex(busybox), "{name}");
        assert_eq!(row["size"].as_u64(), Some(busybox.len() as u64));
    }
    // Every other writer gives the same bytes for the same build's files.
    let reference =
        strata(&["cat", real.join("02-docker20-vizapp-legacy-overlay2.tar").to_str().unwrap(), "/srv/app/app.sh"]);
    assert!(reference.status.success(), "{}", stderr(&reference));
    for name in [
        "11-docker26-vizapp-legacy-overlay2.tar",
        "15-docker26-containerd-store-vizapp-buildkit.tar",
        "22-skopeo-vizapp-oci-archive-zstd.tar",
        "23-skopeo-vizapp-docker-archive.tar",
    ] {
        let o = strata(&["cat", real.join(name).to_str().unwrap(), "/srv/app/app.sh"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(o.stdout, reference.stdout, "{name}");
    }
}

#[test]
fn cat_reads_a_whole_file_gzipped_archive() {
    let plain = archive();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    let f = write_temp("outer.tar.gz", &gz.finish().unwrap());
    let o = strata(&["cat", f.to_str().unwrap(), "/etc/app.ini", "--layer", "1"]);
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(0), &b"v2\n"[..]), "{}", stderr(&o));
    let o = strata(&["cat", f.to_str().unwrap(), "/etc/new"]);
    assert_eq!(o.stdout, b"new\n");
}
