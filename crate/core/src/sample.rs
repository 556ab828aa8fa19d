//! Small image archives built in memory with `tar::Builder`: the built-in sample the browser app
//! opens on, and the material of the project's own tests.

use crate::digest::Digest;

/// One entry of a layer to build.
#[derive(Debug, Clone)]
pub enum SampleEntry {
    /// A regular file with its bytes and mode.
    File(&'static str, Vec<u8>, u32),
    /// A directory (mode 0755).
    Dir(&'static str),
    /// A symlink and its target.
    Symlink(&'static str, &'static str),
    /// A hardlink and the path it links to.
    Hardlink(&'static str, &'static str),
    /// A `.wh.` whiteout for the path.
    Whiteout(&'static str),
    /// A `.wh..wh..opq` marker in the directory.
    Opaque(&'static str),
}

/// A GNU tar header owned by root with a fixed mtime, for building test and sample archives.
pub fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h
}

/// Builds an uncompressed layer tar.
pub fn layer_tar(entries: &[SampleEntry]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        // Errors are impossible when writing to a Vec with valid names; ignore them to stay panic-free.
        let _ = match e {
            SampleEntry::File(p, data, mode) => {
                let mut h = header(tar::EntryType::Regular, *mode, data.len() as u64);
                b.append_data(&mut h, p, &data[..])
            }
            SampleEntry::Dir(p) => {
                let mut h = header(tar::EntryType::Directory, 0o755, 0);
                b.append_data(&mut h, format!("{p}/"), &[][..])
            }
            SampleEntry::Symlink(p, t) => {
                let mut h = header(tar::EntryType::Symlink, 0o777, 0);
                b.append_link(&mut h, p, t)
            }
            SampleEntry::Hardlink(p, t) => {
                let mut h = header(tar::EntryType::Link, 0o644, 0);
                b.append_link(&mut h, p, t)
            }
            SampleEntry::Whiteout(p) => {
                let (dir, name) = p.rsplit_once('/').unwrap_or(("", p));
                let wh = if dir.is_empty() { format!(".wh.{name}") } else { format!("{dir}/.wh.{name}") };
                let mut h = header(tar::EntryType::Regular, 0o600, 0);
                b.append_data(&mut h, wh, &[][..])
            }
            SampleEntry::Opaque(dir) => {
                let p = format!("{dir}/.wh..wh..opq");
                let mut h = header(tar::EntryType::Regular, 0o600, 0);
                b.append_data(&mut h, p, &[][..])
            }
        };
    }
    b.into_inner().unwrap_or_default()
}

/// A history step of a sample image: the instruction and whether it made a layer.
pub type Step = (&'static str, bool);

/// Builds a legacy `docker save` archive (`manifest.json`, `<config>.json`, `<n>/layer.tar`) from
/// layer tars, with a config whose diff_ids and history match.
pub fn docker_archive(tag: &str, layers: &[Vec<u8>], history: &[Step], env: &[&str], cmd: &[&str]) -> Vec<u8> {
    let diff_ids: Vec<String> = layers.iter().map(|l| Digest::sha256(l).to_string()).collect();
    let history: Vec<serde_json::Value> = history
        .iter()
        .map(|(by, makes_layer)| {
            if *makes_layer {
                serde_json::json!({"created": "2024-01-01T00:00:00Z", "created_by": by})
            } else {
                serde_json::json!({"created": "2024-01-01T00:00:00Z", "created_by": by, "empty_layer": true})
            }
        })
        .collect();
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
        "config": {"Env": env, "Cmd": cmd, "WorkingDir": "/app"},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    });
    let config_bytes = serde_json::to_vec(&config).unwrap_or_default();
    let config_name = format!("{}.json", Digest::sha256(&config_bytes).hex());
    let layer_names: Vec<String> = (0..layers.len()).map(|i| format!("layer{i}/layer.tar")).collect();
    let manifest = serde_json::json!([{"Config": config_name, "RepoTags": [tag], "Layers": layer_names}]);
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8]| {
        let mut h = header(tar::EntryType::Regular, 0o644, data.len() as u64);
        let _ = b.append_data(&mut h, name, data);
    };
    add(&config_name, &config_bytes);
    for (name, data) in layer_names.iter().zip(layers) {
        add(name, data);
    }
    add("manifest.json", &manifest_bytes);
    b.into_inner().unwrap_or_default()
}

/// A one-layer image holding `/hello.txt`.
pub fn tiny_image() -> Vec<u8> {
    let layer = layer_tar(&[SampleEntry::File("hello.txt", b"hello\n".to_vec(), 0o644)]);
    docker_archive("tiny:latest", &[layer], &[("COPY hello.txt /", true)], &[], &["cat", "/hello.txt"])
}

/// The built-in teaching sample: three layers where an upper file replaces a lower one, a file is
/// deleted by a whiteout, and metadata-only steps sit between the layers.
pub fn teaching_image() -> Vec<u8> {
    use SampleEntry::*;
    let base = layer_tar(&[
        Dir("bin"),
        File("bin/sh", vec![0x7f; 4096], 0o755),
        Symlink("bin/ls", "sh"),
        Dir("etc"),
        File("etc/os-release", b"NAME=\"Strata sample\"\nVERSION=1\n".to_vec(), 0o644),
        File("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n".to_vec(), 0o644),
        Dir("app"),
        File("app/config.ini", b"[server]\nport = 8000\n".to_vec(), 0o644),
        Dir("app/cache"),
        File("app/cache/build.tmp", vec![b'x'; 20_000], 0o644),
    ]);
    let app = layer_tar(&[
        Dir("app"),
        File("app/app.sh", b"#!/bin/sh\necho \"hello from layer 2\"\n".to_vec(), 0o755),
        File("app/config.ini", b"[server]\nport = 8080\nworkers = 4\n".to_vec(), 0o644),
        Dir("app/data"),
        File("app/data/records.csv", b"id,name\n1,alpha\n2,beta\n".to_vec(), 0o644),
    ]);
    let cleanup = layer_tar(&[
        Dir("app"),
        Whiteout("app/cache"),
        File("app/README.md", b"# Sample app\nBuilt by Strata to show how layers stack.\n".to_vec(), 0o644),
        Dir("app/data"),
        Hardlink("app/data/latest.csv", "app/data/records.csv"),
    ]);
    docker_archive(
        "strata-sample:latest",
        &[base, app, cleanup],
        &[
            ("ADD rootfs.tar /", true),
            ("ENV APP_ENV=production", false),
            ("COPY app/ /app/", true),
            ("EXPOSE 8080", false),
            ("RUN rm -rf /app/cache && ln /app/data/records.csv /app/data/latest.csv", true),
            ("CMD [\"/app/app.sh\"]", false),
        ],
        &["PATH=/usr/local/bin:/usr/bin:/bin", "APP_ENV=production"],
        &["/app/app.sh"],
    )
}

/// A layer of the textbook's numbered files `file{from}` ..= `file{to}` at the root.
fn numbered_files(from: u32, to: u32) -> Vec<u8> {
    let files: Vec<SampleEntry> = (from..=to)
        .map(|i| {
            let name: &'static str = match i {
                1 => "file1",
                2 => "file2",
                3 => "file3",
                4 => "file4",
                5 => "file5",
                _ => "file6",
            };
            SampleEntry::File(name, format!("file {i}\n").into_bytes(), 0o644)
        })
        .collect();
    layer_tar(&files)
}

/// The textbook's fig 6.6: two layers of three files each; the image holds all six.
pub fn two_layers() -> Vec<u8> {
    docker_archive(
        "two-layers:latest",
        &[numbered_files(1, 3), numbered_files(4, 6)],
        &[("COPY file1 file2 file3 /", true), ("COPY file4 file5 file6 /", true)],
        &[],
        &["/bin/sh"],
    )
}

/// The textbook's fig 6.7: three layers; the top one writes a newer version of file 5 ("file 7"),
/// so seven files are written and six are visible.
pub fn replace() -> Vec<u8> {
    let newer = layer_tar(&[SampleEntry::File("file5", b"file 7: a newer version of file 5\n".to_vec(), 0o644)]);
    docker_archive(
        "replace:latest",
        &[numbered_files(1, 3), numbered_files(4, 6), newer],
        &[("COPY file1 file2 file3 /", true), ("COPY file4 file5 file6 /", true), ("COPY file7 /file5", true)],
        &[],
        &["/bin/sh"],
    )
}

/// Deletions: a file removed (`.wh.` whiteout), a directory removed with `rm -rf` (a whiteout of
/// the directory), and a directory replaced whole (an opaque marker, then new content).
pub fn whiteouts() -> Vec<u8> {
    use SampleEntry::*;
    let l0 = layer_tar(&[
        Dir("etc"),
        File("etc/app.conf", b"debug = true\n".to_vec(), 0o644),
        File("etc/hosts", b"127.0.0.1 localhost\n".to_vec(), 0o644),
        Dir("tmp"),
        Dir("tmp/cache"),
        File("tmp/cache/a.bin", vec![1; 3000], 0o644),
        File("tmp/cache/b.bin", vec![2; 2000], 0o644),
        Dir("opt"),
        Dir("opt/legacy"),
        File("opt/legacy/old1.txt", b"old 1\n".to_vec(), 0o644),
        File("opt/legacy/old2.txt", b"old 2\n".to_vec(), 0o644),
    ]);
    let l1 = layer_tar(&[Dir("etc"), Whiteout("etc/app.conf"), Dir("tmp"), Whiteout("tmp/cache")]);
    let l2 = layer_tar(&[
        Dir("opt"),
        Dir("opt/legacy"),
        Opaque("opt/legacy"),
        File("opt/legacy/new.txt", b"replacement\n".to_vec(), 0o644),
    ]);
    docker_archive(
        "whiteouts:latest",
        &[l0, l1, l2],
        &[
            ("ADD rootfs.tar /", true),
            ("RUN rm /etc/app.conf && rm -rf /tmp/cache", true),
            ("RUN rm -rf /opt/legacy && mkdir /opt/legacy && echo replacement > /opt/legacy/new.txt", true),
        ],
        &[],
        &["/bin/sh"],
    )
}
