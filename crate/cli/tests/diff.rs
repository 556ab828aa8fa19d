//! `strata diff A B`: exit codes, the JSON document and the summary, on archives built here and
//! on real fixture pairs against the listings checked with `docker export`
//! (`../shared/fixtures/real/groundtruth/*.merged.txt`).

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use strata_core::sample::{docker_archive, docker_archive_of, layer_tar, SampleEntry::*, SampleImage};

fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).output().unwrap()
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("strata-diff-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn base() -> Vec<u8> {
    layer_tar(&[
        Dir("etc"),
        File("etc/app.ini", b"port=1\n".to_vec(), 0o644),
        File("etc/same-size", b"aaaa".to_vec(), 0o644),
        Symlink("etc/link", "app.ini"),
        File("etc/gone", b"x".to_vec(), 0o644),
    ])
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn two_built_images_their_rows_and_exit_codes() {
    let top = layer_tar(&[
        File("etc/app.ini", b"port=22\n".to_vec(), 0o600),
        File("etc/same-size", b"bbbb".to_vec(), 0o644),
        Symlink("etc/link", "other"),
        Whiteout("etc/gone"),
        File("etc/new", b"n".to_vec(), 0o644),
    ]);
    let a = write_temp("a.tar", &docker_archive("app:1", &[base()], &[("ADD rootfs /", true)], &["A=1"], &["/app"]));
    let b = write_temp(
        "b.tar",
        &docker_archive("app:2", &[base(), top], &[("ADD rootfs /", true), ("RUN edit", true)], &["A=2"], &["/app"]),
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = strata(&["diff", a, b, "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let d = json(&o);
    let layers: Vec<&str> = d["layers"].as_array().unwrap().iter().map(|l| l["in"].as_str().unwrap()).collect();
    assert_eq!(layers, ["both", "b"]);
    assert!(d["layers"][0]["diff_id"].as_str().unwrap().starts_with("sha256:"));
    let rows: Vec<(String, String, Vec<String>)> = d["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let what = f["what"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect();
            (f["path"].as_str().unwrap().to_owned(), f["change"].as_str().unwrap().to_owned(), what)
        })
        .collect();
    let want: Vec<(String, String, Vec<String>)> = [
        ("/etc/app.ini", "changed", vec!["content", "mode"]),
        ("/etc/gone", "removed", vec![]),
        ("/etc/link", "changed", vec!["target"]),
        ("/etc/new", "added", vec![]),
        ("/etc/same-size", "changed", vec!["content"]),
    ]
    .into_iter()
    .map(|(p, c, w)| (p.to_owned(), c.to_owned(), w.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(rows, want);
    let same_size = d["files"].as_array().unwrap().iter().find(|f| f["path"] == "/etc/same-size").unwrap();
    assert_ne!(same_size["a"]["sha256"], same_size["b"]["sha256"], "copies of one size are read and hashed");
    assert_eq!(same_size["a"]["sha256"].as_str().unwrap().len(), 64);
    let app = d["files"].as_array().unwrap().iter().find(|f| f["path"] == "/etc/app.ini").unwrap();
    assert_eq!((app["a"]["mode"].as_u64(), app["b"]["mode"].as_u64()), (Some(0o644), Some(0o600)));
    assert!(app["a"].get("sha256").is_none(), "different sizes need no hashing");
    assert_eq!(d["config"][0]["key"], "Env");
    assert_eq!((d["config"][0]["a"][0].as_str(), d["config"][0]["b"][0].as_str()), (Some("A=1"), Some("A=2")));
    assert!(d["config"].as_array().unwrap().iter().any(|r| r["key"] == "History"));
    // The summary.
    let text = String::from_utf8(strata(&["diff", a, b]).stdout).unwrap();
    assert!(text.contains("files:  1 added, 1 removed, 3 changed"), "{text}");
    assert!(text.contains("~ /etc/app.ini  content, mode"), "{text}");
    assert!(text.contains("config Env:\n  - A=1\n  + A=2\n"), "{text}");
    // The same image: exit 0; an unreadable archive: exit 2 with the reason.
    assert_eq!(strata(&["diff", a, a]).status.code(), Some(0));
    let bad = write_temp("bad.tar", b"not an archive");
    let o = strata(&["diff", a, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.tar"));
    assert_eq!(strata(&["diff", a]).status.code(), Some(2), "two archives are needed");
}

#[test]
fn a_rebuild_with_the_same_files_and_two_images_of_one_archive() {
    // The same files written again in a new layer (a rebuild): the layers differ, exit 0.
    let rebuilt = layer_tar(&[Dir("etc"), File("etc/app.ini", b"port=1\n".to_vec(), 0o644)]);
    let once = layer_tar(&[Dir("etc"), File("etc/app.ini", b"port=1\n".to_vec(), 0o644), Dir("tmp")]);
    let steps: &[(&str, bool)] = &[("COPY etc /etc", true)];
    let archive = docker_archive_of(&[
        SampleImage { tag: "x:1", layers: &[once], history: steps, env: &[], cmd: &[] },
        SampleImage { tag: "x:2", layers: &[rebuilt], history: steps, env: &[], cmd: &[] },
    ]);
    let f = write_temp("two.tar", &archive);
    let f = f.to_str().unwrap();
    let o = strata(&["diff", f, f, "--image-a", "x:1", "--image-b", "1", "--json"]);
    assert_eq!(o.status.code(), Some(1), "/tmp is only in A");
    let d = json(&o);
    assert_eq!(d["files"].as_array().unwrap().len(), 1);
    assert_eq!((d["files"][0]["path"].as_str(), d["files"][0]["change"].as_str()), (Some("/tmp"), Some("removed")));
    let ins: Vec<&str> = d["layers"].as_array().unwrap().iter().map(|l| l["in"].as_str().unwrap()).collect();
    assert_eq!(ins, ["a", "b"]);
    let o = strata(&["diff", f, f, "--image-a", "x:9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--image-a"));
}

/// `type mode uid:gid size path[ -> target]` rows of a merged listing, by absolute path; a hard
/// link (`h`) is a file, as `strata diff` compares it.
fn listing(text: &str) -> BTreeMap<String, (char, String, String, u64, Option<String>)> {
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 5 {
            continue;
        }
        let rest = line.split_once(&format!(" {} ", fields[3])).map_or("", |x| x.1).trim_start();
        let kind = fields[0].chars().next().unwrap();
        let (path, target) = match kind {
            'l' => rest.split_once(" -> ").map(|(p, t)| (p, Some(t.to_owned()))).unwrap_or((rest, None)),
            'h' => (rest.split(" => ").next().unwrap(), None),
            _ => (rest, None),
        };
        let kind = if kind == 'h' { 'f' } else { kind };
        out.insert(
            format!("/{path}"),
            (kind, fields[1].to_owned(), fields[2].to_owned(), fields[3].parse().unwrap(), target),
        );
    }
    out
}

#[test]
fn real_pairs_agree_with_the_docker_export_listings() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !real.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", real.display());
        return;
    }
    let truth = real.join("groundtruth");
    let two = real.join("04-docker20-multi-shared-base.tar");
    let pairs: [(PathBuf, &str, PathBuf, &str, &str, &str); 5] = [
        // Two images sharing a base, in one archive.
        (two.clone(), "0", two.clone(), "1", "04.vizapp_legacy-overlay2", "04.vizapp2_latest"),
        // The same build written by Docker 20 and Docker 26: the same files, other layers.
        (
            real.join("02-docker20-vizapp-legacy-overlay2.tar"),
            "0",
            real.join("11-docker26-vizapp-legacy-overlay2.tar"),
            "0",
            "02.vizapp_legacy-overlay2",
            "11.vizapp_d26-legacy",
        ),
        // Docker's legacy archive against skopeo's zstd OCI archive of it.
        (
            real.join("11-docker26-vizapp-legacy-overlay2.tar"),
            "0",
            real.join("22-skopeo-vizapp-oci-archive-zstd.tar"),
            "0",
            "11.vizapp_d26-legacy",
            "22.vizapp_legacy-overlay2",
        ),
        // Docker's classic builder against BuildKit with the containerd store (the hard link
        // is an independent file there: compared by content, the same).
        (
            real.join("02-docker20-vizapp-legacy-overlay2.tar"),
            "0",
            real.join("15-docker26-containerd-store-vizapp-buildkit.tar"),
            "0",
            "02.vizapp_legacy-overlay2",
            "15.vizapp_d26-snap-buildkit",
        ),
        // Docker's archive against skopeo's docker-archive copy of it (layers as symlinks).
        (
            real.join("02-docker20-vizapp-legacy-overlay2.tar"),
            "0",
            real.join("23-skopeo-vizapp-docker-archive.tar"),
            "0",
            "02.vizapp_legacy-overlay2",
            "23.docker.io_library_vizapp_skopeo",
        ),
    ];
    let mut rows = 0;
    for (fa, ia, fb, ib, ta, tb) in pairs {
        let ctx = format!("{} {ia} → {} {ib}", fa.display(), fb.display());
        let read = |t: &str| listing(&std::fs::read_to_string(truth.join(format!("{t}.merged.txt"))).unwrap());
        let (la, lb) = (read(ta), read(tb));
        let o =
            strata(&["diff", fa.to_str().unwrap(), fb.to_str().unwrap(), "--image-a", ia, "--image-b", ib, "--json"]);
        let d = json(&o);
        let mut want: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for (p, x) in &la {
            match lb.get(p) {
                None => {
                    want.insert(p.clone(), ("removed".into(), vec![]));
                }
                Some(y) => {
                    let mut what = Vec::new();
                    if x.0 == 'f' && y.0 == 'f' && x.3 != y.3 {
                        what.push("content".to_owned());
                    }
                    if x.1 != y.1 {
                        what.push("mode".into());
                    }
                    if x.2 != y.2 {
                        what.push("owner".into());
                    }
                    if x.0 != y.0 {
                        what.push("type".into());
                    }
                    if x.0 == 'l' && y.0 == 'l' && x.4 != y.4 {
                        what.push("target".into());
                    }
                    if !what.is_empty() {
                        want.insert(p.clone(), ("changed".into(), what));
                    }
                }
            }
        }
        for p in lb.keys().filter(|p| !la.contains_key(*p)) {
            want.insert(p.clone(), ("added".into(), vec![]));
        }
        let mut got: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for f in d["files"].as_array().unwrap() {
            let what: Vec<String> =
                f["what"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect();
            got.insert(f["path"].as_str().unwrap().to_owned(), (f["change"].as_str().unwrap().to_owned(), what));
        }
        // A content change between copies of one size is invisible to a listing: check those
        // rows with the bytes `strata cat` prints from each side instead.
        for (p, (change, what)) in got.clone() {
            if change == "changed"
                && what.contains(&"content".to_owned())
                && la.get(&p).map(|x| x.3) == lb.get(&p).map(|y| y.3)
            {
                let ca = strata(&["cat", fa.to_str().unwrap(), &p, "--image", ia]).stdout;
                let cb = strata(&["cat", fb.to_str().unwrap(), &p, "--image", ib]).stdout;
                assert_ne!(ca, cb, "{ctx}: {p} is said to differ in content");
                let rest: Vec<String> = what.into_iter().filter(|w| w != "content").collect();
                if rest.is_empty() {
                    got.remove(&p);
                } else {
                    got.insert(p, (change, rest));
                }
            }
        }
        assert_eq!(got, want, "{ctx}");
        rows += want.len();
        let code = if got.is_empty() && d["config"].as_array().unwrap().is_empty() { 0 } else { 1 };
        assert_eq!(o.status.code(), Some(code), "{ctx}");
    }
    assert!(rows >= 30, "the shared-base pair differs in {rows} paths");
}

/// Each path's mtime as the topmost layer listing it writes it: the archive's `manifest.json`
/// layers read with the tar crate (Docker's plain layers), whiteout markers left out.
fn layer_mtimes(archive: &Path, image: usize) -> BTreeMap<String, u64> {
    let mut members: HashMap<String, Vec<u8>> = HashMap::new();
    let mut outer = tar::Archive::new(std::fs::File::open(archive).unwrap());
    for e in outer.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        members.insert(name, bytes);
    }
    let manifest: Value = serde_json::from_slice(&members["manifest.json"]).unwrap();
    let mut out = BTreeMap::new();
    for layer in manifest[image]["Layers"].as_array().unwrap() {
        let bytes = &members[layer.as_str().unwrap()];
        for e in tar::Archive::new(&bytes[..]).entries().unwrap() {
            let e = e.unwrap();
            let raw = e.path().unwrap().to_string_lossy().into_owned();
            let path = raw.trim_start_matches("./").trim_end_matches('/').to_owned();
            if path.is_empty() || path.rsplit('/').next().unwrap().starts_with(".wh.") {
                continue;
            }
            out.insert(format!("/{path}"), e.header().mtime().unwrap());
        }
    }
    out
}

#[test]
fn timestamps_are_compared_when_asked_as_the_layers_tar_headers_give_them() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !real.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", real.display());
        return;
    }
    // Docker 20 and Docker 26 building the same Dockerfile: the same files, written at other times.
    let (fa, fb) =
        (real.join("02-docker20-vizapp-legacy-overlay2.tar"), real.join("11-docker26-vizapp-legacy-overlay2.tar"));
    let (a, b) = (fa.to_str().unwrap(), fb.to_str().unwrap());
    let plain = strata(&["diff", a, b, "--json"]);
    assert_eq!(plain.status.code(), Some(0), "timestamps are ignored by default");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("mtime"));
    let o = strata(&["diff", a, b, "--json", "--timestamps"]);
    let d = json(&o);
    let (ma, mb) = (layer_mtimes(&fa, 0), layer_mtimes(&fb, 0));
    let truth = real.join("groundtruth/02.vizapp_legacy-overlay2.merged.txt");
    let paths = listing(&std::fs::read_to_string(truth).unwrap());
    let want: Vec<(String, u64, u64)> = paths
        .keys()
        .map(|p| (p.clone(), ma.get(p).copied().unwrap_or(0), mb.get(p).copied().unwrap_or(0)))
        .filter(|(_, x, y)| x != y)
        .collect();
    let got: Vec<(String, u64, u64)> = d["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["what"], serde_json::json!(["mtime"]), "{f}");
            (
                f["path"].as_str().unwrap().to_owned(),
                f["a"]["mtime"].as_u64().unwrap(),
                f["b"]["mtime"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(want.len() >= 5, "the two builds wrote {} paths at other times", want.len());
    assert_eq!(got, want);
    assert_eq!(o.status.code(), Some(1));
    let text = strata(&["diff", a, b, "--timestamps"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("mtime"), "the summary names what changed");
}

#[test]
fn an_outer_gzip_archive_is_the_same_image() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !real.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", real.display());
        return;
    }
    let two = real.join("04-docker20-multi-shared-base.tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::copy(&mut std::fs::File::open(&two).unwrap(), &mut gz).unwrap();
    let packed = write_temp("04.tar.gz", &gz.finish().unwrap());
    let (plain, packed) = (two.to_str().unwrap(), packed.to_str().unwrap());
    for ts in [false, true] {
        let mut args = vec!["diff", plain, packed, "--image-a", "1", "--image-b", "1", "--json"];
        if ts {
            args.push("--timestamps");
        }
        let o = strata(&args);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let d = json(&o);
        assert!(d["files"].as_array().unwrap().is_empty() && d["config"].as_array().unwrap().is_empty());
        assert!(d["layers"].as_array().unwrap().iter().all(|l| l["in"] == "both"));
    }
    // The shared-base pair read through the gzip gives the rows it gives read plain.
    let rows = |x: &str, y: &str| json(&strata(&["diff", x, y, "--image-a", "0", "--image-b", "1", "--json"]));
    assert_eq!(rows(plain, plain), rows(packed, plain));
    assert_eq!(rows(plain, plain), rows(plain, packed));
}
