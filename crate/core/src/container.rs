//! A container over an image: a thin writable layer (overlayfs' upper layer) above the image's
//! read-only layers (the lower layers), and the merged view the container sees.
//!
//! What a learner can do, and what overlayfs does for it:
//! - **edit** a visible file: *copy-up* — the whole file is copied into the writable layer and
//!   written there (here: a line replaces its content, as `echo … > file` would); the lower copy is
//!   now replaced;
//! - **delete** a visible file or directory: a *whiteout* in the writable layer hides the lower
//!   copies (a created file is simply removed);
//! - **create** a file: it is written into the writable layer; when its directory was deleted
//!   first, the directory is made again *opaque*, so nothing of the lower copies shows through.
//!
//! Every action can be undone (the writable layer is replayed from the actions). Sizes read as
//! `docker ps -s` prints them: `size` is the writable layer's, `virtual_size` the image's plus it.
//! [`Container::layer_tar`] writes the writable layer as an OCI layer tar (image-spec `layer.md`:
//! files, `.wh.` whiteouts, `.wh..wh..opq` opaque markers), ready to be committed.

use crate::digest::DiffId;
use crate::layer::{EntryKind, OPAQUE_MARKER, WHITEOUT_PREFIX};
use crate::merge::Node;
use crate::model::Image;
use crate::path;
use std::collections::BTreeMap;
use std::fmt;

/// The line an edit writes.
pub const EDITED: &[u8] = b"changed in the container\n";
/// What a created file holds.
pub const CREATED: &[u8] = b"created in the container\n";

/// One thing a learner does in the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Write to a visible file (copy-up).
    Edit {
        /// The file.
        path: String,
    },
    /// Delete a visible file or directory.
    Delete {
        /// What to delete.
        path: String,
    },
    /// Create a file that is not visible.
    Create {
        /// The new file.
        path: String,
    },
}

impl Action {
    /// The path the action is about.
    pub fn path(&self) -> &str {
        match self {
            Action::Edit { path } | Action::Delete { path } | Action::Create { path } => path,
        }
    }
}

/// Why an action cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The path is not in the container's view (for an edit or a delete).
    NotVisible(String),
    /// Only regular files can be edited.
    NotAFile(String),
    /// The path is already there (for a create).
    Exists(String),
    /// The new file's directory is not there.
    NoDirectory(String),
    /// The root cannot be deleted.
    Root,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotVisible(p) => write!(f, "{p} is not in the container"),
            Refused::NotAFile(p) => write!(f, "{p} is not a regular file"),
            Refused::Exists(p) => write!(f, "{p} already exists"),
            Refused::NoDirectory(p) => write!(f, "there is no directory {p}"),
            Refused::Root => write!(f, "the root cannot be deleted"),
        }
    }
}

/// What an entry of the writable layer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpperState {
    /// A lower file copied up and written.
    CopiedUp,
    /// A file (or a directory holding one) the container created.
    Created,
    /// A whiteout: hides the path and everything below it in the lower layers.
    Whiteout,
    /// A directory made again: opaque, it hides what the lower layers hold in it.
    Opaque,
}

impl UpperState {
    /// `copied-up`, `created`, `whiteout` or `opaque` (the container view's `data-state`).
    pub fn as_str(self) -> &'static str {
        match self {
            UpperState::CopiedUp => "copied-up",
            UpperState::Created => "created",
            UpperState::Whiteout => "whiteout",
            UpperState::Opaque => "opaque",
        }
    }
}

/// An entry of the writable layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpperEntry {
    /// Its path.
    pub path: String,
    /// What it is.
    pub state: UpperState,
    /// File or directory.
    pub kind: EntryKind,
    /// A file's bytes.
    pub content: Vec<u8>,
}

/// Where a path the container sees comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// A read-only image layer.
    Lower(usize),
    /// The writable layer.
    Upper,
}

/// A path the container sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The path.
    pub path: String,
    /// What it is.
    pub kind: EntryKind,
    /// Its size.
    pub size: u64,
    /// Where it comes from.
    pub provider: Provider,
}

/// `docker ps -s`'s two numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// The writable layer's bytes.
    pub size: u64,
    /// The image's bytes (its layers' content) plus the writable layer's.
    pub virtual_size: u64,
}

/// A container: the actions taken so far over an image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Container {
    actions: Vec<Action>,
}

impl Container {
    /// A fresh container: an empty writable layer.
    pub fn new() -> Container {
        Container::default()
    }

    /// The actions taken, in order.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Takes `action`, if it can be done in the container's view of `image`.
    pub fn act(&mut self, image: &Image, action: Action) -> Result<(), Refused> {
        let seen = self.seen_map(image);
        let is_dir = |p: &str| p == "/" || seen.get(p).is_some_and(|s| s.kind == EntryKind::Dir);
        match &action {
            Action::Edit { path } => match seen.get(path.as_str()) {
                None => return Err(Refused::NotVisible(path.clone())),
                Some(s) if s.kind != EntryKind::File => return Err(Refused::NotAFile(path.clone())),
                Some(_) => {}
            },
            Action::Delete { path } if path == "/" => return Err(Refused::Root),
            Action::Delete { path } if !seen.contains_key(path.as_str()) => {
                return Err(Refused::NotVisible(path.clone()))
            }
            Action::Delete { .. } => {}
            Action::Create { path } => {
                if path == "/" || seen.contains_key(path.as_str()) {
                    return Err(Refused::Exists(path.clone()));
                }
                let parent = path::parent(path);
                let deleted_here = self.upper_map(image).get(parent).is_some_and(|e| e.state == UpperState::Whiteout);
                if !is_dir(parent) && !deleted_here {
                    return Err(Refused::NoDirectory(parent.to_owned()));
                }
            }
        }
        self.actions.push(action);
        Ok(())
    }

    /// Undoes the last action.
    pub fn undo(&mut self) -> Option<Action> {
        self.actions.pop()
    }

    /// Empties the writable layer.
    pub fn reset(&mut self) {
        self.actions.clear();
    }

    fn upper_map(&self, image: &Image) -> BTreeMap<String, UpperEntry> {
        let lower: BTreeMap<&str, &Node> = image.tree.nodes.iter().map(|n| (n.path.as_str(), n)).collect();
        let mut upper: BTreeMap<String, UpperEntry> = BTreeMap::new();
        let file = |p: &str, state, content: &[u8]| UpperEntry {
            path: p.to_owned(),
            state,
            kind: EntryKind::File,
            content: content.to_vec(),
        };
        for a in &self.actions {
            match a {
                Action::Edit { path } => {
                    let state = match upper.get(path.as_str()) {
                        Some(e) if e.state == UpperState::Created => UpperState::Created,
                        _ => UpperState::CopiedUp,
                    };
                    upper.insert(path.clone(), file(path, state, EDITED));
                }
                Action::Delete { path } => {
                    let prefix = format!("{path}/");
                    upper.retain(|p, _| p != path && !p.starts_with(&prefix));
                    // A path the lower layers hold (and no whiteout above hides yet) needs a whiteout.
                    let hidden_above =
                        upper.iter().any(|(p, e)| e.state == UpperState::Whiteout && path::is_below(path, p));
                    if lower.contains_key(path.as_str()) && !hidden_above {
                        upper.insert(
                            path.clone(),
                            UpperEntry {
                                path: path.clone(),
                                state: UpperState::Whiteout,
                                kind: EntryKind::File,
                                content: Vec::new(),
                            },
                        );
                    }
                }
                Action::Create { path } => {
                    // A directory deleted above it is made again, opaque; directories between stay new.
                    let mut dir = path::parent(path).to_owned();
                    let mut made = Vec::new();
                    while dir != "/" {
                        match upper.get(&dir).map(|e| e.state) {
                            Some(UpperState::Whiteout) => {
                                made.push((dir.clone(), UpperState::Opaque));
                                break;
                            }
                            Some(_) => break,
                            None if lower.get(dir.as_str()).is_some_and(|n| n.kind == EntryKind::Dir) => break,
                            None => made.push((dir.clone(), UpperState::Created)),
                        }
                        dir = path::parent(&dir).to_owned();
                    }
                    for (d, state) in made {
                        upper.insert(
                            d.clone(),
                            UpperEntry { path: d, state, kind: EntryKind::Dir, content: Vec::new() },
                        );
                    }
                    upper.insert(path.clone(), file(path, UpperState::Created, CREATED));
                }
            }
        }
        upper
    }

    /// The writable layer, in tree order.
    pub fn upper(&self, image: &Image) -> Vec<UpperEntry> {
        let mut v: Vec<UpperEntry> = self.upper_map(image).into_values().collect();
        v.sort_by(|a, b| path::tree_order(&a.path, &b.path));
        v
    }

    fn seen_map(&self, image: &Image) -> BTreeMap<String, Seen> {
        let mut seen: BTreeMap<String, Seen> = image
            .tree
            .nodes
            .iter()
            .map(|n| {
                (
                    n.path.clone(),
                    Seen { path: n.path.clone(), kind: n.kind, size: n.size, provider: Provider::Lower(n.layer) },
                )
            })
            .collect();
        for e in self.upper(image) {
            let prefix = format!("{}/", e.path);
            match e.state {
                UpperState::Whiteout => seen.retain(|p, _| *p != e.path && !p.starts_with(&prefix)),
                UpperState::Opaque => seen.retain(|p, _| !p.starts_with(&prefix)),
                UpperState::CopiedUp | UpperState::Created => {}
            }
            if e.state != UpperState::Whiteout {
                let size = e.content.len() as u64;
                seen.insert(
                    e.path.clone(),
                    Seen { path: e.path.clone(), kind: e.kind, size, provider: Provider::Upper },
                );
            }
        }
        seen
    }

    /// What the container sees (the merged view), in tree order.
    pub fn seen(&self, image: &Image) -> Vec<Seen> {
        let mut v: Vec<Seen> = self.seen_map(image).into_values().collect();
        v.sort_by(|a, b| path::tree_order(&a.path, &b.path));
        v
    }

    /// `docker ps -s`: the writable layer's size, and the image's plus it.
    pub fn sizes(&self, image: &Image) -> Sizes {
        let size: u64 = self.upper(image).iter().map(|e| e.content.len() as u64).sum();
        let image_size: u64 = image.layers.iter().map(|l| l.size).sum();
        Sizes { size, virtual_size: image_size.saturating_add(size) }
    }

    /// The writable layer as a layer tar: each entry's parent directories, files with their bytes,
    /// `.wh.NAME` for whiteouts, a directory and its `.wh..wh..opq` for an opaque one.
    pub fn layer_tar(&self, image: &Image) -> Vec<u8> {
        use crate::sample::header;
        let upper = self.upper(image);
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
        for e in &upper {
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
                    let mut h = header(tar::EntryType::Regular, 0o644, e.content.len() as u64);
                    let _ = b.append_data(&mut h, rel, &e.content[..]);
                }
            }
        }
        b.into_inner().unwrap_or_default()
    }

    /// The diff_id the committed layer will have.
    pub fn diff_id(&self, image: &Image) -> DiffId {
        DiffId(crate::digest::Digest::sha256(&self.layer_tar(image)))
    }

    /// The history step a commit records.
    pub fn created_by(&self) -> String {
        let words: Vec<String> = self
            .actions
            .iter()
            .map(|a| match a {
                Action::Edit { path } => format!("edit {path}"),
                Action::Delete { path } => format!("rm -rf {path}"),
                Action::Create { path } => format!("touch {path}"),
            })
            .collect();
        format!("strata container: {}", words.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Image {
        crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample").images.remove(0)
    }

    fn states(c: &Container, img: &Image) -> Vec<(String, &'static str)> {
        c.upper(img).into_iter().map(|e| (e.path, e.state.as_str())).collect()
    }

    #[test]
    fn copy_up_whiteouts_and_an_opaque_directory_made_again() {
        let img = sample();
        let mut c = Container::new();
        c.act(&img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        assert_eq!(states(&c, &img), [("/app/config.ini".to_owned(), "copied-up")]);
        let seen = c.seen(&img);
        let conf = seen.iter().find(|s| s.path == "/app/config.ini").unwrap();
        assert_eq!((conf.provider, conf.size), (Provider::Upper, EDITED.len() as u64));
        c.act(&img, Action::Delete { path: "/etc/passwd".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/app/data".into() }).unwrap();
        assert!(!c.seen(&img).iter().any(|s| s.path.starts_with("/app/data")), "the directory and all below it");
        c.act(&img, Action::Create { path: "/app/data/new.csv".into() }).unwrap();
        assert_eq!(
            states(&c, &img),
            [
                ("/app/config.ini".to_owned(), "copied-up"),
                ("/app/data".to_owned(), "opaque"),
                ("/app/data/new.csv".to_owned(), "created"),
                ("/etc/passwd".to_owned(), "whiteout"),
            ]
        );
        let data: Vec<String> =
            c.seen(&img).into_iter().filter(|s| s.path.starts_with("/app/data/")).map(|s| s.path).collect();
        assert_eq!(data, ["/app/data/new.csv"], "the lower records.csv stays hidden under the opaque directory");
        assert_eq!(c.sizes(&img).size, (EDITED.len() + CREATED.len()) as u64);
        let image_size: u64 = img.layers.iter().map(|l| l.size).sum();
        assert_eq!(c.sizes(&img).virtual_size, image_size + c.sizes(&img).size);
        // Undo takes the last action back; a created file that is deleted leaves no whiteout.
        assert_eq!(c.undo(), Some(Action::Create { path: "/app/data/new.csv".into() }));
        c.act(&img, Action::Create { path: "/app/new.txt".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/app/new.txt".into() }).unwrap();
        assert!(!states(&c, &img).iter().any(|(p, _)| p == "/app/new.txt"));
        c.reset();
        assert!(c.upper(&img).is_empty() && c.sizes(&img).size == 0);
    }

    #[test]
    fn refusals() {
        let img = sample();
        let mut c = Container::new();
        assert_eq!(c.act(&img, Action::Edit { path: "/nope".into() }), Err(Refused::NotVisible("/nope".into())));
        assert_eq!(c.act(&img, Action::Edit { path: "/app".into() }), Err(Refused::NotAFile("/app".into())));
        assert_eq!(
            c.act(&img, Action::Create { path: "/app/app.sh".into() }),
            Err(Refused::Exists("/app/app.sh".into()))
        );
        assert_eq!(c.act(&img, Action::Create { path: "/x/y".into() }), Err(Refused::NoDirectory("/x".into())));
        assert_eq!(c.act(&img, Action::Delete { path: "/".into() }), Err(Refused::Root));
        assert!(c.actions().is_empty());
    }

    #[test]
    fn the_layer_tar_reads_back_as_the_actions() {
        let img = sample();
        let mut c = Container::new();
        c.act(&img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/app/data".into() }).unwrap();
        c.act(&img, Action::Create { path: "/app/data/new.csv".into() }).unwrap();
        c.act(&img, Action::Delete { path: "/bin/ls".into() }).unwrap();
        let tar = c.layer_tar(&img);
        let mut contents = crate::layer::LayerContents::default();
        crate::layer::parse_tar(&tar[..], "upper", &mut contents).unwrap();
        let files: Vec<&str> =
            contents.entries.iter().filter(|e| e.kind == EntryKind::File).map(|e| e.path.as_str()).collect();
        assert_eq!(files, ["/app/config.ini", "/app/data/new.csv"]);
        assert_eq!(
            contents.markers,
            [crate::layer::Marker::Opaque("/app/data".into()), crate::layer::Marker::Whiteout("/bin/ls".into())]
        );
        assert_eq!(c.diff_id(&img).digest(), &crate::digest::Digest::sha256(&tar));
        assert!(c.created_by().contains("edit /app/config.ini; rm -rf /app/data; touch /app/data/new.csv"));
    }
}
