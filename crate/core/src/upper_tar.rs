//! A container's writable layer written as a layer tar (OCI image-spec `layer.md`, "Image Layer
//! Filesystem Changeset"): each entry's parent directories, files with their bytes, `.wh.NAME` for a
//! whiteout, a directory and its `.wh..wh..opq` for an opaque one.
//!
//! A copied-up file holds its whole lower copy followed by what the container wrote: the lower
//! bytes are not in the analysis (file contents are never kept), so the caller reads them from the
//! archive first ([`copies`] says which; [`crate::commit::read_copies`] reads them).

use crate::container::{CopyOf, UpperEntry, UpperState};
use crate::layer::{EntryKind, OPAQUE_MARKER, WHITEOUT_PREFIX};
use crate::path;
use crate::sample::header;
use std::collections::BTreeMap;
use std::fmt;

/// The lower bytes of copied-up files, by path.
pub type Copies = BTreeMap<String, Vec<u8>>;

/// The lower files the writable layer `upper` copied up: (path, where from).
pub fn copies(upper: &[UpperEntry]) -> Vec<(String, CopyOf)> {
    upper.iter().filter_map(|e| Some((e.path.clone(), e.copy_of?))).collect()
}

/// A copied-up file whose lower bytes were not given (or not of the size copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingCopy(pub String);

impl fmt::Display for MissingCopy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the lower copy of {} could not be read", self.0)
    }
}

impl std::error::Error for MissingCopy {}

/// The writable layer `upper` as an uncompressed layer tar; `lower` holds the bytes of every file
/// in [`copies`].
pub fn layer_tar(upper: &[UpperEntry], lower: &Copies) -> Result<Vec<u8>, MissingCopy> {
    let mut b = tar::Builder::new(Vec::new());
    let mut dirs_written: Vec<String> = Vec::new();
    let dir = |b: &mut tar::Builder<Vec<u8>>, d: &str, written: &mut Vec<String>| {
        if d == "/" || written.iter().any(|w| w == d) {
            return;
        }
        written.push(d.to_owned());
        let mut h = header(tar::EntryType::Directory, 0o755, 0);
        let _ = b.append_data(&mut h, format!("{}/", d.trim_start_matches('/')), &[][..]);
    };
    for e in upper {
        let mut ancestors = Vec::new();
        let mut cur = path::parent(&e.path);
        while cur != "/" {
            ancestors.push(cur.to_owned());
            cur = path::parent(cur);
        }
        for a in ancestors.iter().rev() {
            dir(&mut b, a, &mut dirs_written);
        }
        let rel = e.path.trim_start_matches('/');
        match (e.state, e.kind) {
            (UpperState::Whiteout, _) => {
                let name = format!("{WHITEOUT_PREFIX}{}", path::file_name(&e.path));
                let wh = path::join(path::parent(&e.path), &name);
                let mut h = header(tar::EntryType::Regular, 0o600, 0);
                let _ = b.append_data(&mut h, wh.trim_start_matches('/'), &[][..]);
            }
            (UpperState::Opaque, _) => {
                dir(&mut b, &e.path, &mut dirs_written);
                let mut h = header(tar::EntryType::Regular, 0o600, 0);
                let _ = b.append_data(&mut h, format!("{rel}/{OPAQUE_MARKER}"), &[][..]);
            }
            (_, EntryKind::Dir) => dir(&mut b, &e.path, &mut dirs_written),
            _ => {
                let copied: &[u8] = match e.copy_of {
                    None => &[],
                    Some(c) => match lower.get(&e.path) {
                        Some(bytes) if bytes.len() as u64 == c.size => bytes,
                        _ => return Err(MissingCopy(e.path.clone())),
                    },
                };
                let mut h = header(tar::EntryType::Regular, 0o644, e.size());
                let _ = b.append_data(&mut h, rel, std::io::Read::chain(copied, &e.written[..]));
            }
        }
    }
    Ok(b.into_inner().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::{Action, Container, CREATED, EDITED};

    #[test]
    fn the_layer_tar_reads_back_as_the_actions_with_the_whole_lower_file_copied_up() {
        let img = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample").images.remove(0);
        let mut c = Container::new();
        c.act(&img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/app/data".into() }).unwrap();
        c.act(&img, Action::Create { path: "/app/data/new.csv".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/bin/ls".into() }).unwrap();
        let upper = c.upper(&img);
        let wanted = copies(&upper);
        let conf = img.tree.nodes.iter().find(|n| n.path == "/app/config.ini").unwrap();
        assert_eq!(wanted, [("/app/config.ini".to_owned(), CopyOf { layer: conf.layer, size: conf.size })]);
        assert_eq!(layer_tar(&upper, &Copies::new()), Err(MissingCopy("/app/config.ini".into())));
        let lower: Copies = [("/app/config.ini".to_owned(), vec![b'x'; conf.size as usize])].into();
        let tar = layer_tar(&upper, &lower).unwrap();
        let mut contents = crate::layer::LayerContents::default();
        crate::layer::parse_tar(&tar[..], "upper", &mut contents).unwrap();
        let files: Vec<(&str, u64)> =
            contents.entries.iter().filter(|e| e.kind == EntryKind::File).map(|e| (e.path.as_str(), e.size)).collect();
        assert_eq!(
            files,
            [("/app/config.ini", conf.size + EDITED.len() as u64), ("/app/data/new.csv", CREATED.len() as u64)]
        );
        assert_eq!(
            contents.markers,
            [crate::layer::Marker::Opaque("/app/data".into()), crate::layer::Marker::Whiteout("/bin/ls".into())]
        );
    }
}
