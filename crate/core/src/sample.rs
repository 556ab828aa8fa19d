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

/// One image of a sample archive.
#[derive(Debug, Clone)]
pub struct SampleImage<'a> {
    /// Its tag.
    pub tag: &'a str,
    /// Its layer tars, base first.
    pub layers: &'a [Vec<u8>],
    /// Its history.
    pub history: &'a [Step],
    /// `config.Env`.
    pub env: &'a [&'a str],
    /// `config.Cmd`.
    pub cmd: &'a [&'a str],
}

/// Builds a legacy `docker save` archive (`manifest.json`, `<config>.json`, `<member>/layer.tar`)
/// from layer tars, with a config whose diff_ids and history match.
pub fn docker_archive(tag: &str, layers: &[Vec<u8>], history: &[Step], env: &[&str], cmd: &[&str]) -> Vec<u8> {
    docker_archive_of(&[SampleImage { tag, layers, history, env, cmd }])
}

/// Builds a `docker save` archive holding several images; a layer they share is stored once.
pub fn docker_archive_of(images: &[SampleImage<'_>]) -> Vec<u8> {
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    let mut manifest = Vec::new();
    let mut stored: Vec<(Digest, String)> = Vec::new();
    for img in images {
        let diff_ids: Vec<Digest> = img.layers.iter().map(|l| Digest::sha256(l)).collect();
        let history: Vec<serde_json::Value> = img
            .history
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
            "config": {"Env": img.env, "Cmd": img.cmd, "WorkingDir": "/app"},
            "rootfs": {"type": "layers", "diff_ids": diff_ids.iter().map(ToString::to_string).collect::<Vec<_>>()},
            "history": history,
        });
        let config_bytes = serde_json::to_vec(&config).unwrap_or_default();
        let config_name = format!("{}.json", Digest::sha256(&config_bytes).hex());
        let mut layer_names = Vec::new();
        for (data, diff) in img.layers.iter().zip(&diff_ids) {
            if let Some((_, name)) = stored.iter().find(|(d, _)| d == diff) {
                layer_names.push(name.clone());
                continue;
            }
            let name = format!("layer{}/layer.tar", stored.len());
            stored.push((diff.clone(), name.clone()));
            members.push((name.clone(), data.clone()));
            layer_names.push(name);
        }
        members.insert(0, (config_name.clone(), config_bytes));
        manifest.push(serde_json::json!({"Config": config_name, "RepoTags": [img.tag], "Layers": layer_names}));
    }
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    members.push(("manifest.json".to_owned(), manifest_bytes));
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in &members {
        let mut h = header(tar::EntryType::Regular, 0o644, data.len() as u64);
        let _ = b.append_data(&mut h, name, &data[..]);
    }
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

/// Deterministic filler bytes (a file's "content").
fn bytes(n: usize, seed: u8) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

/// The textbook's fig 6.3/6.4: one base layer, a tiny root filesystem.
pub fn base() -> Vec<u8> {
    use SampleEntry::*;
    let l0 = layer_tar(&[
        Dir("bin"),
        File("bin/sh", bytes(60_000, 1), 0o755),
        Symlink("bin/ls", "sh"),
        Dir("etc"),
        File("etc/os-release", b"NAME=\"Strata Linux\"\nVERSION_ID=\"1.0\"\n".to_vec(), 0o644),
        File("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n".to_vec(), 0o644),
        File("etc/hostname", b"strata\n".to_vec(), 0o644),
        Dir("lib"),
        File("lib/libc.so.6", bytes(120_000, 2), 0o755),
        Dir("root"),
        Dir("tmp"),
    ]);
    docker_archive("base:1.0", &[l0], &[("ADD rootfs.tar /", true), ("CMD [\"/bin/sh\"]", false)], &[], &["/bin/sh"])
}

/// The textbook's fig 6.5: a base (Ubuntu 16.04), then "add Python", then "security patch".
pub fn add_layers() -> Vec<u8> {
    use SampleEntry::*;
    let os = |v: &str| format!("NAME=\"Ubuntu\"\nVERSION=\"16.04.{v} LTS (Xenial Xerus)\"\nID=ubuntu\n").into_bytes();
    let base = layer_tar(&[
        Dir("bin"),
        File("bin/bash", bytes(1_037_000, 3), 0o755),
        File("bin/ls", bytes(126_000, 4), 0o755),
        Dir("etc"),
        File("etc/os-release", os("6"), 0o644),
        Dir("etc/ssl"),
        File("etc/ssl/openssl.cnf", bytes(10_800, 5), 0o644),
        Dir("lib"),
        Dir("lib/x86_64-linux-gnu"),
        File("lib/x86_64-linux-gnu/libc.so.6", bytes(1_868_000, 6), 0o755),
        File("lib/x86_64-linux-gnu/libssl.so.1.0.0", bytes(428_000, 7), 0o644),
        Dir("usr"),
        Dir("usr/bin"),
        File("usr/bin/apt-get", bytes(22_000, 8), 0o755),
    ]);
    let python = layer_tar(&[
        Dir("usr"),
        Dir("usr/bin"),
        File("usr/bin/python3.5", bytes(4_460_000, 9), 0o755),
        Symlink("usr/bin/python3", "python3.5"),
        Dir("usr/lib"),
        Dir("usr/lib/python3.5"),
        File("usr/lib/python3.5/os.py", bytes(36_000, 10), 0o644),
        Dir("usr/lib/python3.5/json"),
        File("usr/lib/python3.5/json/__init__.py", bytes(14_000, 11), 0o644),
        File("usr/lib/python3.5/json/decoder.py", bytes(12_700, 12), 0o644),
        Dir("usr/share"),
        Dir("usr/share/doc"),
        Dir("usr/share/doc/python3"),
        File("usr/share/doc/python3/README.Debian", bytes(6_300, 13), 0o644),
    ]);
    let patch = layer_tar(&[
        Dir("etc"),
        File("etc/os-release", os("7"), 0o644),
        Dir("lib"),
        Dir("lib/x86_64-linux-gnu"),
        File("lib/x86_64-linux-gnu/libssl.so.1.0.0", bytes(431_000, 14), 0o644),
        Dir("usr"),
        Dir("usr/share"),
        Dir("usr/share/doc"),
        Dir("usr/share/doc/libssl1.0.0"),
        File("usr/share/doc/libssl1.0.0/changelog.Debian.gz", bytes(30_000, 15), 0o644),
    ]);
    docker_archive(
        "ubuntu-python:16.04",
        &[base, python, patch],
        &[
            ("ADD ubuntu-xenial-core-cloudimg-amd64-root.tar.gz /", true),
            ("CMD [\"/bin/bash\"]", false),
            ("ENV LANG=C.UTF-8", false),
            ("RUN apt-get update && apt-get install -y python3", true),
            ("RUN apt-get upgrade -y libssl1.0.0 # security patch", true),
            ("CMD [\"python3\"]", false),
        ],
        &["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"],
        &["python3"],
    )
}

/// Two images built on the same base layers, saved together: the base is stored once.
pub fn shared_base() -> Vec<u8> {
    use SampleEntry::*;
    let base = layer_tar(&[
        Dir("bin"),
        File("bin/sh", bytes(60_000, 20), 0o755),
        Dir("etc"),
        File("etc/os-release", b"NAME=\"Strata Linux\"\n".to_vec(), 0o644),
    ]);
    let runtime = layer_tar(&[Dir("usr"), Dir("usr/lib"), File("usr/lib/libruntime.so", bytes(250_000, 21), 0o755)]);
    let web = layer_tar(&[Dir("srv"), Dir("srv/web"), File("srv/web/index.html", b"<h1>hello</h1>\n".to_vec(), 0o644)]);
    let worker = layer_tar(&[
        Dir("srv"),
        Dir("srv/worker"),
        File("srv/worker/run.sh", b"#!/bin/sh\nexec work\n".to_vec(), 0o755),
    ]);
    let steps_web = [("ADD rootfs.tar /", true), ("COPY runtime/ /usr/lib/", true), ("COPY web/ /srv/web/", true)];
    let steps_worker =
        [("ADD rootfs.tar /", true), ("COPY runtime/ /usr/lib/", true), ("COPY worker/ /srv/worker/", true)];
    let web_layers = [base.clone(), runtime.clone(), web];
    let worker_layers = [base, runtime, worker];
    docker_archive_of(&[
        SampleImage { tag: "shared/web:1", layers: &web_layers, history: &steps_web, env: &[], cmd: &["httpd"] },
        SampleImage {
            tag: "shared/worker:1",
            layers: &worker_layers,
            history: &steps_worker,
            env: &[],
            cmd: &["/srv/worker/run.sh"],
        },
    ])
}

/// Waste: a large download added in one step and deleted in the next. The image stays big: the
/// lower layer still stores it.
pub fn waste() -> Vec<u8> {
    use SampleEntry::*;
    let base = layer_tar(&[Dir("bin"), File("bin/sh", bytes(60_000, 30), 0o755), Dir("opt"), Dir("tmp")]);
    let download = layer_tar(&[Dir("tmp"), File("tmp/sdk.tar.gz", bytes(2_000_000, 31), 0o644)]);
    let unpack = layer_tar(&[
        Dir("opt"),
        Dir("opt/sdk"),
        Dir("opt/sdk/bin"),
        File("opt/sdk/bin/sdk", bytes(150_000, 32), 0o755),
        Dir("tmp"),
        Whiteout("tmp/sdk.tar.gz"),
    ]);
    docker_archive(
        "waste:latest",
        &[base, download, unpack],
        &[
            ("ADD rootfs.tar /", true),
            ("RUN curl -fsSL -o /tmp/sdk.tar.gz https://example.org/sdk.tar.gz", true),
            ("RUN tar -xzf /tmp/sdk.tar.gz -C /opt && rm /tmp/sdk.tar.gz", true),
        ],
        &[],
        &["/opt/sdk/bin/sdk"],
    )
}

/// A teaching sample: what the gallery, `strata sample` and `?sample=` know of it.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Its name (`?sample=NAME`, `strata sample NAME`).
    pub name: &'static str,
    /// How many layers its (first) image has, for a gallery's drawing without building it.
    pub layers: usize,
    /// The screen that shows its point, as the page's route hash (`#view=layers&image=0…`).
    pub screen: &'static str,
    /// Builds its archive.
    pub build: fn() -> Vec<u8>,
}

/// The teaching samples, in the order a class meets them: the one table of them.
pub const CATALOGUE: [Sample; 7] = [
    Sample { name: "base", layers: 1, screen: "#view=stack&image=0", build: base },
    Sample { name: "add-layers", layers: 3, screen: "#view=stack&image=0", build: add_layers },
    Sample { name: "two-layers", layers: 2, screen: "#view=layers&image=0", build: two_layers },
    Sample { name: "replace", layers: 3, screen: "#view=layers&image=0", build: replace },
    Sample { name: "whiteouts", layers: 3, screen: "#view=layers&image=0&path=/opt/legacy", build: whiteouts },
    Sample { name: "shared-base", layers: 3, screen: "#view=stack&image=0", build: shared_base },
    Sample { name: "waste", layers: 3, screen: "#view=sizes&image=0&mode=stored", build: waste },
];

/// The teaching samples' names, in the order of [`CATALOGUE`].
pub fn names() -> impl Iterator<Item = &'static str> {
    CATALOGUE.iter().map(|s| s.name)
}

/// A teaching sample by name.
pub fn find(name: &str) -> Option<&'static Sample> {
    CATALOGUE.iter().find(|s| s.name == name)
}

/// A teaching sample's archive by name.
pub fn named(name: &str) -> Option<Vec<u8>> {
    find(name).map(|s| (s.build)())
}
