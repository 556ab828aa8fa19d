//! What the writer-pair diff tests share: running a tool, walking an unpacked root filesystem on
//! disk (the independent reading), and the rows `strata diff` should print for two such walks.

#![allow(dead_code)] // each test binary uses its own part

use serde_json::Value;
use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

/// Runs `cmd`, failing the test with its stderr when it fails; returns its stdout.
pub fn run(cmd: &mut Command) -> String {
    let o = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(o.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Whether `tool --version` runs; when it does not, says loudly that `test` skipped and why.
pub fn have(tool: &str, test: &str) -> bool {
    let ok = Command::new(tool).arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        eprintln!("\n!!!!! SKIPPED {test}: {tool} is not installed (scripts/setup.sh --browser installs it) !!!!!\n");
    }
    ok
}

/// One path as seen on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDisk {
    /// `f` file, `d` directory, `l` symlink, `o` anything else.
    pub kind: char,
    pub mode: u32,
    pub owner: (u32, u32),
    pub target: Option<String>,
    pub bytes: Vec<u8>,
}

/// Every path under `root`, by absolute path (`/etc/passwd`).
pub type Walked = BTreeMap<String, OnDisk>;

/// Walks `root` without following symlinks.
pub fn walk(root: &Path) -> Walked {
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
            let mode = m.permissions().mode() & 0o7777;
            out.insert(rel, OnDisk { kind, mode, owner: (m.uid(), m.gid()), target, bytes });
        }
    }
    out
}

/// `path → (change, what)`: the rows `strata diff` should print for the walks of A and B, by the
/// issue's definitions (content by bytes, mode, owner, type, symlink target; mtimes ignored).
pub fn expected(a: &Walked, b: &Walked) -> BTreeMap<String, (String, Vec<String>)> {
    let mut want = BTreeMap::new();
    for (p, x) in a {
        let Some(y) = b.get(p) else {
            want.insert(p.clone(), ("removed".to_owned(), vec![]));
            continue;
        };
        let mut what: Vec<String> = Vec::new();
        if x.kind == 'f' && y.kind == 'f' && x.bytes != y.bytes {
            what.push("content".into());
        }
        if x.mode != y.mode {
            what.push("mode".into());
        }
        if x.owner != y.owner {
            what.push("owner".into());
        }
        if x.kind != y.kind {
            what.push("type".into());
        }
        if x.kind == 'l' && y.kind == 'l' && x.target != y.target {
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

/// The same map read from `strata diff --json`'s `files`.
pub fn rows(doc: &Value) -> BTreeMap<String, (String, Vec<String>)> {
    let mut got = BTreeMap::new();
    for f in doc["files"].as_array().unwrap() {
        let what = f["what"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect();
        got.insert(f["path"].as_str().unwrap().to_owned(), (f["change"].as_str().unwrap().to_owned(), what));
    }
    got
}

/// `in` of each of `strata diff --json`'s `layers`, in order.
pub fn layer_sides(doc: &Value) -> Vec<String> {
    doc["layers"].as_array().unwrap().iter().map(|l| l["in"].as_str().unwrap().to_owned()).collect()
}

/// Changes the unpacked root filesystem `r` of the vizapp fixture build in every way a path can
/// change: content of another size (`generated` is the new text), content of the same size,
/// removed, mode, owner, symlink target, a directory replaced by a file, a symlink replaced by a
/// file, added, and a hard link.
pub fn edit_every_way(r: &Path, generated: &str) {
    std::fs::write(r.join("srv/app/generated.txt"), generated).unwrap(); // content, other size
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
    std::fs::remove_file(r.join("usr/local/bin/app")).unwrap();
    std::fs::write(r.join("usr/local/bin/app"), b"#!/bin/sh\n").unwrap(); // type (a symlink now a file)
    std::fs::create_dir_all(r.join("srv/new")).unwrap();
    std::fs::write(r.join("srv/new/added.txt"), b"new\n").unwrap(); // added
    std::fs::hard_link(r.join("srv/new/added.txt"), r.join("srv/new/linked.txt")).unwrap();
}
