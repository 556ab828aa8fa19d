//! What changed between two images: A ("before") and B ("after").
//!
//! - Layers: each layer of A in order, then B's own, marked `both` when the other image has a layer
//!   with the same `DiffId` (the digest of the uncompressed changeset, OCI image-spec `config.md`
//!   `rootfs.diff_ids`: a rebuilt base with the same bytes is shared), else `a` or `b`.
//! - Files: the two merged trees compared path by path, directories included: `added` (only in
//!   B), `removed` (only in A), `changed` with what changed: `content` (the bytes), `mode`,
//!   `owner`, `type`, `target` (a symbolic link's). A hard link compares as the file it links to
//!   (its type is `file`, its content its target's bytes). Timestamps are ignored unless
//!   [`Options::timestamps`] asks for them: then `mtime` (the tar header's, whole seconds) is
//!   compared too, directories included.
//! - Config: the keys of the image config (Docker image spec v1.2 / OCI `config`) that differ, with
//!   both values: Env, Cmd, Entrypoint, User, WorkingDir, ExposedPorts, Labels, Volumes,
//!   StopSignal; and the history, compared as instructions.
//!
//! Content is compared without reading where it can be: copies of different sizes differ, copies
//! in layers with the same `DiffId` are the same bytes; only the rest ask [`Compare::files`]'s
//! `digest` for both copies' sha256 (the caller reads them from the archives).

use crate::digest::Digest;
use crate::history::dockerfile_line;
use crate::layer::EntryKind;
use crate::merge::Node;
use crate::model::Image;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Which image a layer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum In {
    /// Both images.
    Both,
    /// Only A (before).
    A,
    /// Only B (after).
    B,
}

/// One layer of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerRow {
    /// Its `DiffId` (`sha256:…`), empty when the image records none.
    pub diff_id: String,
    /// Which image holds it.
    #[serde(rename = "in")]
    pub within: In,
    /// Its index in A, if A has it.
    pub a: Option<usize>,
    /// Its index in B, if B has it.
    pub b: Option<usize>,
}

/// How a path differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In both, different.
    Changed,
}

/// What differs between two copies of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    /// The bytes.
    Content,
    /// The permission bits.
    Mode,
    /// uid or gid.
    Owner,
    /// The kind of entry.
    Type,
    /// A symbolic link's target.
    Target,
    /// The modification time (only with [`Options::timestamps`]).
    Mtime,
}

/// How to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Compare modification times too (`strata diff --timestamps`).
    pub timestamps: bool,
}

/// One side of a path's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// `file`, `dir`, `symlink`, … (a hard link is a `file`).
    #[serde(rename = "type")]
    pub kind: EntryKind,
    /// Size in bytes (a hard link: its target's).
    pub size: u64,
    /// Permission bits.
    pub mode: u32,
    /// Owner user id.
    pub uid: u64,
    /// Owner group id.
    pub gid: u64,
    /// A symbolic link's target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The layer providing it.
    pub layer: usize,
    /// Modification time, seconds since the epoch (only with [`Options::timestamps`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtime: Option<u64>,
    /// sha256 of the bytes, when they were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// One path that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRow {
    /// The path.
    pub path: String,
    /// Added, removed or changed.
    pub change: Change,
    /// What changed (empty for added and removed paths).
    pub what: Vec<What>,
    /// A's copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<Side>,
    /// B's copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<Side>,
}

/// One config key that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigRow {
    /// `Env`, `Cmd`, … or `History`.
    pub key: &'static str,
    /// A's value (JSON).
    pub a: serde_json::Value,
    /// B's value (JSON).
    pub b: serde_json::Value,
}

impl ConfigRow {
    /// The two values as a line diff, one line per item: an array's items (strings as they are),
    /// an object's `key=value` pairs (the key alone when its value is `{}`, as in ExposedPorts and
    /// Volumes), a scalar as itself, nothing for an absent value. History is one instruction per
    /// line, so an added step reads as one `+` line.
    pub fn lines(&self) -> Vec<crate::content::diff::DiffLine> {
        crate::content::diff::line_diff(&value_lines(&self.a), &value_lines(&self.b))
    }
}

fn value_lines(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let item = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let lines: Vec<String> = match v {
        Value::Null => Vec::new(),
        Value::Array(xs) => xs.iter().map(item).collect(),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| match v {
                Value::Object(o) if o.is_empty() => k.clone(),
                Value::Null => k.clone(),
                v => format!("{k}={}", item(v)),
            })
            .collect(),
        other => vec![item(other)],
    };
    // One line each: a newline inside an item would split it, so it is shown escaped.
    lines.iter().map(|l| format!("{}\n", l.replace('\n', "\\n"))).collect()
}

/// The comparison of two images.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Every layer of either image.
    pub layers: Vec<LayerRow>,
    /// The paths that differ, in path order.
    pub files: Vec<FileRow>,
    /// The config keys that differ.
    pub config: Vec<ConfigRow>,
}

impl Comparison {
    /// Whether the two images have the same files and config (layers may differ: a rebuild that
    /// made the same filesystem).
    pub fn same(&self) -> bool {
        self.files.is_empty() && self.config.is_empty()
    }

    /// Paths added, removed, changed.
    pub fn counts(&self) -> [usize; 3] {
        let n = |c: Change| self.files.iter().filter(|f| f.change == c).count();
        [n(Change::Added), n(Change::Removed), n(Change::Changed)]
    }
}

/// Which image a copy is read from, for the `digest` callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// A.
    A,
    /// B.
    B,
}

/// Compares `a` (before) with `b` (after). `digest(which, path)` gives the sha256 of a copy in the
/// merged view of that image (the caller reads it); it is asked only for copies of the same size
/// provided by layers with different `DiffId`s. `Err` from it ends the comparison.
pub fn compare<E>(a: &Image, b: &Image, digest: impl FnMut(Which, &str) -> Result<Digest, E>) -> Result<Comparison, E> {
    compare_with(a, b, Options::default(), digest)
}

/// [`compare`] with [`Options`].
pub fn compare_with<E>(
    a: &Image,
    b: &Image,
    options: Options,
    mut digest: impl FnMut(Which, &str) -> Result<Digest, E>,
) -> Result<Comparison, E> {
    let side = |n: &Node| side(n, options);
    let layers = layer_rows(a, b);
    let (na, nb) = (nodes(a), nodes(b));
    let mut files = Vec::new();
    let paths: std::collections::BTreeSet<&str> = na.keys().chain(nb.keys()).copied().collect();
    for path in paths {
        let row = match (na.get(path), nb.get(path)) {
            (None, Some(y)) => {
                FileRow { path: path.to_owned(), change: Change::Added, what: vec![], a: None, b: Some(side(y)) }
            }
            (Some(x), None) => {
                FileRow { path: path.to_owned(), change: Change::Removed, what: vec![], a: Some(side(x)), b: None }
            }
            (Some(x), Some(y)) => {
                let (mut sx, mut sy) = (side(x), side(y));
                let mut what = Vec::new();
                if sx.kind != sy.kind {
                    what.push(What::Type);
                }
                if x.mode & 0o7777 != y.mode & 0o7777 {
                    what.push(What::Mode);
                }
                if (x.uid, x.gid) != (y.uid, y.gid) {
                    what.push(What::Owner);
                }
                if sx.kind == EntryKind::Symlink && sy.kind == EntryKind::Symlink && x.target != y.target {
                    what.push(What::Target);
                }
                if sx.kind == EntryKind::File && sy.kind == EntryKind::File {
                    let same_layer = diff_id(a, x.layer).is_some() && diff_id(a, x.layer) == diff_id(b, y.layer);
                    let same_link = x.kind == y.kind && x.target == y.target;
                    if x.size != y.size {
                        what.push(What::Content);
                    } else if !(same_layer && same_link) {
                        let (da, db) = (digest(Which::A, path)?, digest(Which::B, path)?);
                        if da != db {
                            what.push(What::Content);
                        }
                        sx.sha256 = Some(da.hex().to_owned());
                        sy.sha256 = Some(db.hex().to_owned());
                    }
                }
                if options.timestamps && x.mtime != y.mtime {
                    what.push(What::Mtime);
                }
                if what.is_empty() {
                    continue;
                }
                what.sort();
                FileRow { path: path.to_owned(), change: Change::Changed, what, a: Some(sx), b: Some(sy) }
            }
            (None, None) => continue,
        };
        files.push(row);
    }
    Ok(Comparison { layers, files, config: config_rows(a, b) })
}

fn nodes(img: &Image) -> BTreeMap<&str, &Node> {
    img.tree.nodes.iter().map(|n| (n.path.as_str(), n)).collect()
}

fn diff_id(img: &Image, k: usize) -> Option<String> {
    img.layers.get(k).and_then(|l| l.diff_id.as_ref()).map(ToString::to_string)
}

fn side(n: &Node, options: Options) -> Side {
    let kind = if n.kind == EntryKind::Hardlink { EntryKind::File } else { n.kind };
    Side {
        kind,
        size: n.size,
        mode: n.mode & 0o7777,
        uid: n.uid,
        gid: n.gid,
        target: if n.kind == EntryKind::Symlink { n.target.as_deref().map(str::to_owned) } else { None },
        layer: n.layer,
        mtime: options.timestamps.then_some(n.mtime),
        sha256: None,
    }
}

/// The layers of `a` and `b`: each of A's in order, then B's own (see the module docs).
pub fn layer_rows(a: &Image, b: &Image) -> Vec<LayerRow> {
    let ids =
        |img: &Image| -> Vec<String> { (0..img.layers.len()).map(|k| diff_id(img, k).unwrap_or_default()).collect() };
    let (ia, ib) = (ids(a), ids(b));
    let set_b: HashSet<&str> = ib.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    let set_a: HashSet<&str> = ia.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    let mut rows = Vec::new();
    for (k, id) in ia.iter().enumerate() {
        let other = ib.iter().position(|x| !id.is_empty() && x == id);
        let within = if set_b.contains(id.as_str()) { In::Both } else { In::A };
        rows.push(LayerRow { diff_id: id.clone(), within, a: Some(k), b: other });
    }
    for (k, id) in ib.iter().enumerate() {
        if !set_a.contains(id.as_str()) {
            rows.push(LayerRow { diff_id: id.clone(), within: In::B, a: None, b: Some(k) });
        }
    }
    rows
}

fn config_rows(a: &Image, b: &Image) -> Vec<ConfigRow> {
    use serde_json::json;
    let (x, y) = (&a.config, &b.config);
    let keys: [(&'static str, serde_json::Value, serde_json::Value); 9] = [
        ("Env", json!(x.env), json!(y.env)),
        ("Cmd", json!(x.cmd), json!(y.cmd)),
        ("Entrypoint", json!(x.entrypoint), json!(y.entrypoint)),
        ("User", json!(x.user), json!(y.user)),
        ("WorkingDir", json!(x.working_dir), json!(y.working_dir)),
        ("ExposedPorts", json!(x.exposed_ports), json!(y.exposed_ports)),
        ("Labels", json!(x.labels), json!(y.labels)),
        ("Volumes", json!(x.volumes), json!(y.volumes)),
        ("StopSignal", json!(x.stop_signal), json!(y.stop_signal)),
    ];
    let mut rows: Vec<ConfigRow> =
        keys.into_iter().filter(|(_, va, vb)| va != vb).map(|(key, a, b)| ConfigRow { key, a, b }).collect();
    let steps = |img: &Image| -> Vec<String> { img.history.iter().map(|h| dockerfile_line(&h.created_by)).collect() };
    let (ha, hb) = (steps(a), steps(b));
    if ha != hb {
        rows.push(ConfigRow { key: "History", a: json!(ha), b: json!(hb) });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{docker_archive, layer_tar, SampleEntry::*};

    fn image(layers: &[Vec<u8>], steps: &[(&'static str, bool)], env: &[&str]) -> Image {
        let a = crate::analyze_bytes(&docker_archive("t:1", layers, steps, env, &["/app"])).expect("archive");
        a.images.into_iter().next().expect("image")
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

    #[test]
    fn paths_layers_and_config_that_differ() {
        let a = image(&[base()], &[("ADD rootfs /", true)], &["A=1"]);
        let top = layer_tar(&[
            File("etc/app.ini", b"port=22\n".to_vec(), 0o600),
            File("etc/same-size", b"bbbb".to_vec(), 0o644),
            Symlink("etc/link", "other"),
            Whiteout("etc/gone"),
            File("etc/new", b"n".to_vec(), 0o644),
        ]);
        let b = image(&[base(), top], &[("ADD rootfs /", true), ("RUN edit", true)], &["A=2"]);
        let mut asked = Vec::new();
        let c = compare::<()>(&a, &b, |w, p| {
            asked.push((w, p.to_owned()));
            let bytes: &[u8] = if w == Which::A { b"aaaa" } else { b"bbbb" };
            use sha2::Digest as _;
            Ok(Digest::sha256_of_hash(&sha2::Sha256::digest(bytes)))
        })
        .expect("compare");
        assert_eq!(asked, [(Which::A, "/etc/same-size".to_owned()), (Which::B, "/etc/same-size".to_owned())]);
        let rows: Vec<(&str, Change, Vec<What>)> =
            c.files.iter().map(|f| (f.path.as_str(), f.change, f.what.clone())).collect();
        assert_eq!(
            rows,
            [
                ("/etc/app.ini", Change::Changed, vec![What::Content, What::Mode]),
                ("/etc/gone", Change::Removed, vec![]),
                ("/etc/link", Change::Changed, vec![What::Target]),
                ("/etc/new", Change::Added, vec![]),
                ("/etc/same-size", Change::Changed, vec![What::Content]),
            ]
        );
        assert_eq!(c.counts(), [1, 1, 3]);
        let ins: Vec<In> = c.layers.iter().map(|l| l.within).collect();
        assert_eq!(ins, [In::Both, In::B], "the same base bytes are shared");
        let keys: Vec<&str> = c.config.iter().map(|r| r.key).collect();
        assert_eq!(keys, ["Env", "History"]);
        assert!(!c.same());
        // An image compared with itself: nothing read, nothing differs.
        let same = compare::<()>(&b, &b, |_, _| panic!("no copy needs reading")).expect("same");
        assert!(same.same());
        assert!(same.layers.iter().all(|l| l.within == In::Both));
    }

    #[test]
    fn config_values_as_line_diffs() {
        use serde_json::json;
        let ops = |r: &ConfigRow| -> Vec<String> { r.lines().iter().map(|l| format!("{}{}", l.op, l.text)).collect() };
        let history =
            ConfigRow { key: "History", a: json!(["FROM x", "RUN a"]), b: json!(["FROM x", "RUN a", "/bin/sh"]) };
        assert_eq!(ops(&history), [" FROM x", " RUN a", "+/bin/sh"]);
        let env = ConfigRow { key: "Env", a: json!(["A=1", "B=2"]), b: json!(["A=1", "B=3"]) };
        assert_eq!(ops(&env), [" A=1", "-B=2", "+B=3"]);
        let ports =
            ConfigRow { key: "ExposedPorts", a: json!({"80/tcp": {}}), b: json!({"80/tcp": {}, "9090/udp": {}}) };
        assert_eq!(ops(&ports), [" 80/tcp", "+9090/udp"]);
        let labels = ConfigRow { key: "Labels", a: json!(null), b: json!({"k": "two\nlines"}) };
        assert_eq!(ops(&labels), ["+k=two\\nlines"], "a newline in a value stays on its line");
        let user = ConfigRow { key: "User", a: json!("root"), b: json!(1000) };
        assert_eq!(ops(&user), ["-root", "+1000"]);
    }

    /// Copies that differ only in their tar header's mtime.
    fn stamped(mtime: u64) -> Image {
        let mut t = tar::Builder::new(Vec::new());
        for (path, body) in [("etc/", &b""[..]), ("etc/app.ini", b"port=1\n")] {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(if body.is_empty() { tar::EntryType::Directory } else { tar::EntryType::Regular });
            h.set_mode(0o755);
            h.set_size(body.len() as u64);
            h.set_mtime(if path == "etc/" { 5 } else { mtime });
            t.append_data(&mut h, path, body).expect("entry");
        }
        let layer = t.into_inner().expect("tar");
        image(&[layer], &[("ADD rootfs /", true)], &[])
    }

    #[test]
    fn timestamps_are_compared_only_when_asked() {
        let (a, b) = (stamped(1_000), stamped(2_000));
        let same_bytes = |_: Which, _: &str| Ok::<_, ()>(Digest::sha256(b"port=1\n"));
        let plain = compare(&a, &b, same_bytes).expect("compare");
        assert!(plain.files.is_empty(), "same bytes, other mtime: the same by default");
        assert!(serde_json::to_string(&plain).expect("json").find("mtime").is_none());
        let timed = compare_with(&a, &b, Options { timestamps: true }, same_bytes).expect("compare");
        let rows: Vec<(&str, Vec<What>)> = timed.files.iter().map(|f| (f.path.as_str(), f.what.clone())).collect();
        assert_eq!(rows, [("/etc/app.ini", vec![What::Mtime])], "the directory's mtime is the same");
        let row = timed.files.first().expect("row");
        assert_eq!(
            (row.a.as_ref().and_then(|s| s.mtime), row.b.as_ref().and_then(|s| s.mtime)),
            (Some(1_000), Some(2_000))
        );
        let json = serde_json::to_value(&timed).expect("json");
        assert_eq!(json["files"][0]["what"][0], "mtime");
    }
}
