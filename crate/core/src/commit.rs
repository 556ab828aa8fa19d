//! Committing a container's writable layer: a new `docker save` archive (Docker image spec v1.2:
//! `manifest.json`, the config with the new layer's diff_id appended to `rootfs.diff_ids` and a
//! history entry for it, one `layer.tar` per layer) holding the image's layers and the new one.
//!
//! The archive is never built in memory: [`plan`] reads only the outer archive's headers and its
//! JSON documents, and says the new archive as [`Part`]s: a few new bytes (tar headers, the config,
//! the manifest, the new layer) and, for every existing layer, the byte range of its blob in the
//! original file, copied as it is. A browser makes a `Blob` of file slices from it; the CLI and the
//! tests write the parts out. The original archive must be a plain (not compressed) tar, as every
//! `docker save` writes.

use crate::container::CopyOf;
use crate::digest::Digest;
use crate::error::Error;
use crate::format::ConfigRef;
use crate::outline::scan_headers;
use crate::upper_tar::Copies;
use std::fmt;
use std::io::{self, Read, Seek};

/// A piece of the new archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// New bytes.
    Bytes(Vec<u8>),
    /// Bytes `[start, start + len)` of the original archive.
    Range {
        /// Where they start.
        start: u64,
        /// How many.
        len: u64,
    },
}

impl Part {
    /// How many bytes the part is.
    pub fn len(&self) -> u64 {
        match self {
            Part::Bytes(b) => b.len() as u64,
            Part::Range { len, .. } => *len,
        }
    }

    /// Whether the part is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a commit cannot be planned.
#[derive(Debug)]
pub enum CommitError {
    /// The original archive is compressed as a whole: its layers are no byte ranges of it.
    Compressed,
    /// The archive holds no such image.
    NoImage(usize),
    /// A pre-1.10 image (no config document to extend).
    V1Image,
    /// A layer of the image is not in the archive.
    MissingLayer(String),
    /// The config is not a JSON object.
    BadConfig(String),
    /// A copied-up file is too large to copy in memory.
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
    /// A copied-up file's lower copy is not where the image says.
    MissingCopy(String),
    /// Reading the archive failed.
    Read(Error),
}

impl fmt::Display for CommitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitError::Compressed => {
                write!(f, "the archive is compressed as a whole; commit needs a plain docker save tar")
            }
            CommitError::NoImage(i) => write!(f, "the archive has no image {i}"),
            CommitError::V1Image => write!(f, "pre-1.10 images have no config to add a layer to"),
            CommitError::MissingLayer(m) => write!(f, "{m} is not in the archive"),
            CommitError::BadConfig(d) => write!(f, "the image config cannot be extended: {d}"),
            CommitError::TooLarge { path, size } => {
                write!(f, "{path} ({size} bytes) is too large to copy up here (at most {MAX_COPY} bytes)")
            }
            CommitError::MissingCopy(p) => write!(f, "the lower copy of {p} could not be read from the archive"),
            CommitError::Read(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CommitError {}

/// The largest file copied up (its whole lower copy is held in memory while the layer is written).
pub const MAX_COPY: u64 = 512 << 20;

/// Reads the lower copies of the files a container copied up (`wanted`: path and the layer it
/// comes from, as [`crate::upper_tar::copies`] lists them) from image `image` of the archive `open`
/// reads: each layer's blob is decompressed and its tar streamed until the end (the last entry of
/// a path wins, as in the merged tree).
pub fn read_copies<R, F>(open: F, image: usize, wanted: &[(String, CopyOf)]) -> Result<Copies, CommitError>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let mut out = Copies::new();
    if wanted.is_empty() {
        return Ok(out);
    }
    if let Some((path, c)) = wanted.iter().find(|(_, c)| c.size > MAX_COPY) {
        return Err(CommitError::TooLarge { path: path.clone(), size: c.size });
    }
    let (scan, blobs) = scan_headers(&open).map_err(CommitError::Read)?.ok_or(CommitError::Compressed)?;
    let found = crate::format::find_images(&scan).map_err(CommitError::Read)?;
    let spec = found.images.get(image).ok_or(CommitError::NoImage(image))?;
    let mut layers: Vec<usize> = wanted.iter().map(|(_, c)| c.layer).collect();
    layers.sort_unstable();
    layers.dedup();
    for k in layers {
        let layer = spec.layers.get(k).ok_or_else(|| CommitError::MissingLayer(format!("layer {k}")))?;
        let resolved = scan.resolve(&layer.member);
        let at =
            blobs.iter().find(|b| b.name == resolved).ok_or_else(|| CommitError::MissingLayer(layer.member.clone()))?;
        let mut raw = open().map_err(|e| CommitError::Read(Error::from_io(Some(&layer.member), e)))?;
        raw.seek(io::SeekFrom::Start(at.data_at))
            .map_err(|e| CommitError::Read(Error::from_io(Some(&layer.member), e)))?;
        let stream = crate::layer::tar_stream(raw.take(at.size), &layer.member).map_err(CommitError::Read)?;
        let mut archive = tar::Archive::new(stream);
        let read_err = |e: io::Error| CommitError::Read(Error::from_io(Some(&layer.member), e));
        for entry in archive.entries().map_err(read_err)? {
            let mut entry = entry.map_err(read_err)?;
            let Ok(p) = crate::path::normalize(&entry.path_bytes()) else { continue };
            if !wanted.iter().any(|(w, c)| c.layer == k && *w == p) {
                continue;
            }
            let mut bytes = Vec::new();
            (&mut entry).take(MAX_COPY).read_to_end(&mut bytes).map_err(read_err)?;
            out.insert(p, bytes);
        }
    }
    match wanted.iter().find(|(p, c)| out.get(p).map(|b| b.len() as u64) != Some(c.size)) {
        Some((p, _)) => Err(CommitError::MissingCopy(p.clone())),
        None => Ok(out),
    }
}

/// A 512-byte ustar header for a regular file `name` of `size` bytes.
fn header(name: &str, size: u64) -> Vec<u8> {
    let mut h = crate::sample::header(tar::EntryType::Regular, 0o644, size);
    let _ = h.set_path(name);
    h.set_cksum();
    h.as_bytes().to_vec()
}

fn padding(size: u64) -> Vec<u8> {
    vec![0; ((512 - size % 512) % 512) as usize]
}

/// Plans the archive of image `image` of the archive `open` reads, with `layer_tar` (an
/// uncompressed layer tar) committed on top by the step `created_by`.
pub fn plan<R, F>(open: F, image: usize, layer_tar: &[u8], created_by: &str) -> Result<Vec<Part>, CommitError>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let (scan, blobs) = scan_headers(&open).map_err(CommitError::Read)?.ok_or(CommitError::Compressed)?;
    let found = crate::format::find_images(&scan).map_err(CommitError::Read)?;
    let spec = found.images.get(image).ok_or(CommitError::NoImage(image))?;
    let ConfigRef::Member { member, .. } = &spec.config else { return Err(CommitError::V1Image) };
    let doc = scan.doc(member).ok_or_else(|| CommitError::MissingLayer(member.clone()))?;
    let mut config: serde_json::Value =
        serde_json::from_slice(&doc.bytes).map_err(|e| CommitError::BadConfig(e.to_string()))?;
    let obj = config.as_object_mut().ok_or_else(|| CommitError::BadConfig("not an object".into()))?;
    let diff_id = Digest::sha256(layer_tar).to_string();
    let rootfs = obj.entry("rootfs").or_insert_with(|| serde_json::json!({"type": "layers", "diff_ids": []}));
    match rootfs.get_mut("diff_ids").and_then(serde_json::Value::as_array_mut) {
        Some(ids) => ids.push(serde_json::Value::String(diff_id)),
        None => return Err(CommitError::BadConfig("no rootfs.diff_ids".into())),
    }
    let step = serde_json::json!({"created": "1970-01-01T00:00:00Z", "created_by": created_by, "comment": "committed by Strata"});
    match obj.get_mut("history").and_then(serde_json::Value::as_array_mut) {
        Some(h) => h.push(step),
        None => {
            obj.insert("history".into(), serde_json::Value::Array(vec![step]));
        }
    }
    let config = serde_json::to_vec(&config).map_err(|e| CommitError::BadConfig(e.to_string()))?;
    let config_name = format!("{}.json", Digest::sha256(&config).hex());

    let mut parts = Vec::new();
    let mut names = Vec::new();
    for (i, layer) in spec.layers.iter().enumerate() {
        let resolved = scan.resolve(&layer.member);
        let at =
            blobs.iter().find(|b| b.name == resolved).ok_or_else(|| CommitError::MissingLayer(layer.member.clone()))?;
        let name = format!("layer{i}/layer.tar");
        parts.push(Part::Bytes(header(&name, at.size)));
        parts.push(Part::Range { start: at.data_at, len: at.size });
        parts.push(Part::Bytes(padding(at.size)));
        names.push(name);
    }
    let top = format!("layer{}/layer.tar", spec.layers.len());
    parts.push(Part::Bytes(header(&top, layer_tar.len() as u64)));
    parts.push(Part::Bytes(layer_tar.to_vec()));
    parts.push(Part::Bytes(padding(layer_tar.len() as u64)));
    names.push(top);
    let manifest = serde_json::json!([{"Config": config_name, "RepoTags": spec.tags, "Layers": names}]);
    let manifest = serde_json::to_vec(&manifest).map_err(|e| CommitError::BadConfig(e.to_string()))?;
    for (name, bytes) in [(config_name.as_str(), config), ("manifest.json", manifest)] {
        parts.push(Part::Bytes(header(name, bytes.len() as u64)));
        let pad = padding(bytes.len() as u64);
        parts.push(Part::Bytes(bytes));
        parts.push(Part::Bytes(pad));
    }
    parts.push(Part::Bytes(vec![0; 1024]));
    parts.retain(|p| !p.is_empty());
    Ok(parts)
}

/// The parts written out, reading ranges from `original` (for the CLI and tests).
pub fn assemble(parts: &[Part], original: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() as usize).sum());
    for p in parts {
        match p {
            Part::Bytes(b) => out.extend_from_slice(b),
            Part::Range { start, len } => {
                let (s, e) = (*start as usize, (*start + *len) as usize);
                out.extend_from_slice(original.get(s..e).unwrap_or(&[]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::{Action, Container};
    use crate::merge::ChangeKind;

    #[test]
    fn a_committed_container_is_a_new_top_layer_and_the_archive_reads_back() {
        let bytes = crate::sample::teaching_image();
        let a = crate::analyze_bytes(&bytes).expect("sample");
        let img = &a.images[0];
        let mut c = Container::new();
        c.act(img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        c.act(img, Action::Delete { path: "/etc/passwd".into() }).unwrap();
        c.act(img, Action::Create { path: "/app/hello.txt".into() }).unwrap();
        let open = || Ok::<_, io::Error>(io::Cursor::new(bytes.clone()));
        let upper = c.upper(img);
        let lower = read_copies(open, 0, &crate::upper_tar::copies(&upper)).unwrap();
        let conf = lower.get("/app/config.ini").expect("the lower copy");
        assert_eq!(conf, b"[server]\nport = 8080\nworkers = 4\n", "the provider's copy, from the archive");
        let tar = crate::upper_tar::layer_tar(&upper, &lower).unwrap();
        let parts = plan(open, 0, &tar, &c.created_by()).unwrap();
        assert!(parts.iter().any(|p| matches!(p, Part::Range { .. })), "the layers are copied from the original");
        let out = assemble(&parts, &bytes);
        let b = crate::analyze_bytes(&out).expect("the new archive reads");
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let new = &b.images[0];
        assert_eq!(new.layers.len(), 4);
        assert!(new.layers.iter().all(|l| l.verified == crate::model::Verified::Ok));
        assert_eq!(
            new.layers[3].diff_id.as_ref().map(|d| d.digest()),
            Some(&Digest::sha256(&tar)),
            "the diff_id is the layer tar's sha256"
        );
        let rows: Vec<(ChangeKind, &str)> =
            new.layers[3].changes.iter().map(|c| (c.change, c.node.path.as_str())).collect();
        assert_eq!(
            rows,
            [
                (ChangeKind::Deleted, "/etc/passwd"),
                (ChangeKind::Modified, "/app/config.ini"),
                (ChangeKind::Added, "/app/hello.txt")
            ]
        );
        assert_eq!(new.tags, img.tags);
        assert!(new
            .history
            .last()
            .is_some_and(|h| h.created_by.starts_with("strata container:") && h.layer == Some(3)));
        for (x, y) in new.layers.iter().zip(&img.layers) {
            assert_eq!((&x.diff_id, x.size, &x.changes), (&y.diff_id, y.size, &y.changes));
        }
        let gz = {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&bytes).unwrap();
            e.finish().unwrap()
        };
        let open_gz = || Ok::<_, io::Error>(io::Cursor::new(gz.clone()));
        assert!(matches!(plan(open_gz, 0, &tar, "x"), Err(CommitError::Compressed)));
        assert!(matches!(plan(open, 3, &tar, "x"), Err(CommitError::NoImage(3))));
    }
}
