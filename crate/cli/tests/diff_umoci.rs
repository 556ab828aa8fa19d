//! `strata diff` on images written by umoci (openSUSE's OCI image tool, another writer than
//! Docker), checked against an independent reading: umoci's own `unpack` of each image, walked on
//! disk. Docker 26's archive of the fixture build is unpacked, edited in every way a path can
//! change, and repacked by umoci as a second image of the same OCI layout (its layers on top of
//! Docker's); the layout, with Docker's `manifest.json` taken out, is the archive compared.
//! Needs `umoci` (Debian's package; `scripts/setup.sh --browser` installs it).

use serde_json::Value;
use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) {
    let o = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(o.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// `(type, mode, uid:gid, size, target, bytes)` of every path under `root`, by absolute path.
type Walked = BTreeMap<String, (char, u32, (u32, u32), u64, Option<String>, Vec<u8>)>;

fn walk(root: &Path) -> Walked {
    let mut out = Walked::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            let rel = format!("/{}", p.strip_prefix(root).unwrap().to_string_lossy());
            let ft = m.file_type();
            let (kind, target, bytes) = if ft.is_symlink() {
                ('l', Some(std::fs::read_link(&p).unwrap().to_string_lossy().into_owned()), Vec::new())
            } else if ft.is_dir() {
                todo.push(p.clone());
                ('d', None, Vec::new())
            } else if ft.is_file() {
                ('f', None, std::fs::read(&p).unwrap())
            } else {
                ('o', None, Vec::new())
            };
            let size = if kind == 'f' { m.len() } else { 0 };
            out.insert(rel, (kind, m.permissions().mode() & 0o7777, (m.uid(), m.gid()), size, target, bytes));
        }
    }
    out
}

/// The rows `strata diff` should print, from the two walks.
fn expected(a: &Walked, b: &Walked) -> BTreeMap<String, (String, Vec<String>)> {
    let mut want = BTreeMap::new();
    for (p, x) in a {
        let Some(y) = b.get(p) else {
            want.insert(p.clone(), ("removed".to_owned(), vec![]));
            continue;
        };
        let mut what = Vec::new();
        if x.0 == 'f' && y.0 == 'f' && x.5 != y.5 {
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
    for p in b.keys().filter(|p| !a.contains_key(*p)) {
        want.insert(p.clone(), ("added".into(), vec![]));
    }
    want
}

#[test]
fn docker_layers_repacked_by_umoci_agree_with_umocis_own_unpack() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/real/11-docker26-vizapp-legacy-overlay2.tar");
    if !fixture.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", fixture.display());
        return;
    }
    if Command::new("umoci").arg("--version").output().map(|o| !o.status.success()).unwrap_or(true) {
        eprintln!("\n!!!!! SKIPPED: umoci is not installed (scripts/setup.sh --browser installs it) !!!!!\n");
        return;
    }
    let work = std::env::temp_dir().join(format!("strata-umoci-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let layout = work.join("layout");
    std::fs::create_dir_all(&layout).unwrap();
    run(Command::new("tar").arg("-xf").arg(&fixture).arg("-C").arg(&layout));
    let tagged = |tag: &str| format!("{}:{tag}", layout.display());
    // umoci's reading of Docker's image.
    let before = work.join("before");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("d26-legacy")]).arg(&before));
    // Every kind of change, made by umoci as a new layer.
    let edit = work.join("edit");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("d26-legacy")]).arg(&edit));
    let r = edit.join("rootfs");
    std::fs::write(r.join("srv/app/generated.txt"), b"regenerated\n").unwrap(); // content, other size
    let same = std::fs::read(r.join("etc/app/config.ini")).unwrap();
    let flipped: Vec<u8> = same.iter().map(|b| if *b == b'=' { b':' } else { *b }).collect();
    assert_eq!(flipped.len(), same.len());
    std::fs::write(r.join("etc/app/config.ini"), &flipped).unwrap(); // content, same size
    std::fs::remove_file(r.join("etc/group")).unwrap(); // removed
    std::fs::set_permissions(r.join("etc/passwd"), std::fs::Permissions::from_mode(0o600)).unwrap(); // mode
    std::os::unix::fs::chown(r.join("srv/app/VERSION"), Some(1000), Some(1000)).unwrap(); // owner
    std::fs::remove_file(r.join("srv/app/data-link")).unwrap();
    std::os::unix::fs::symlink("data/records.csv", r.join("srv/app/data-link")).unwrap(); // target
    std::fs::remove_dir_all(r.join("opt/legacy/v2")).unwrap();
    std::fs::write(r.join("opt/legacy/v2"), b"a file now\n").unwrap(); // type (a directory's tree removed)
    std::fs::create_dir_all(r.join("srv/new")).unwrap();
    std::fs::write(r.join("srv/new/added.txt"), b"new\n").unwrap(); // added
    std::fs::hard_link(r.join("srv/new/added.txt"), r.join("srv/new/linked.txt")).unwrap();
    run(Command::new("umoci").args(["repack", "--image", &tagged("edited")]).arg(&edit));
    let after = work.join("after");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("edited")]).arg(&after));
    // The layout as umoci left it, without Docker's manifest.json (which names only the first).
    for docker_only in ["manifest.json", "repositories"] {
        let _ = std::fs::remove_file(layout.join(docker_only));
    }
    let archive = work.join("umoci.tar");
    run(Command::new("tar").arg("-cf").arg(&archive).arg("-C").arg(&layout).arg("."));

    let a = archive.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["diff", a, a, "--image-a", "0", "--image-b", "1", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut got = BTreeMap::new();
    for f in d["files"].as_array().unwrap() {
        let what: Vec<String> = f["what"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect();
        got.insert(f["path"].as_str().unwrap().to_owned(), (f["change"].as_str().unwrap().to_owned(), what));
    }
    let want = expected(&walk(&before.join("rootfs")), &walk(&after.join("rootfs")));
    assert_eq!(got, want);
    for (path, change) in [
        ("/etc/app/config.ini", "changed"),
        ("/etc/group", "removed"),
        ("/opt/legacy/v2/new.txt", "removed"),
        ("/srv/new/linked.txt", "added"),
    ] {
        assert_eq!(got.get(path).map(|r| r.0.as_str()), Some(change), "{path}");
    }
    let ins: Vec<&str> = d["layers"].as_array().unwrap().iter().map(|l| l["in"].as_str().unwrap()).collect();
    assert_eq!(ins.iter().filter(|i| **i == "both").count(), 9, "Docker's nine layers are shared: {ins:?}");
    assert_eq!(ins.iter().filter(|i| **i == "b").count(), 1, "umoci's one layer: {ins:?}");
    let _ = std::fs::remove_dir_all(&work);
}
