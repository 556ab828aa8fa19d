//! A container over an image: a thin writable layer (overlayfs' upper layer) above the image's
//! read-only layers (the lower layers), and the merged view the container sees.
//!
//! What a learner can do, and what overlayfs does for it:
//! - **edit** a visible file: *copy-up* — the whole file is copied into the writable layer and
//!   written there (here: a line is appended, as `echo … >> file` would); the lower copy is now
//!   replaced;
//! - **delete** a visible file or directory: a *whiteout* in the writable layer hides the lower
//!   copies (a created file is simply removed);
//! - **create** a file: it is written into the writable layer; when its directory was deleted
//!   first, the directory is made again *opaque*, so nothing of the lower copies shows through.
//!
//! Every action can be undone (the writable layer is replayed from the actions). Sizes read as
//! `docker ps -s` prints them: `size` is the writable layer's, `virtual_size` the image's plus it.
//! [`crate::upper_tar`] writes the writable layer as an OCI layer tar (image-spec `layer.md`:
//! files, `.wh.` whiteouts, `.wh..wh..opq` opaque markers), ready to be committed; a copied-up
//! file's lower bytes are read from the archive for it ([`crate::commit::read_copies`]).

use crate::layer::EntryKind;
use crate::merge::Node;
use crate::model::Image;
use crate::path;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The line an edit appends.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// The lower file a copied-up file started as: copied whole into the writable layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyOf {
    /// The image layer that provided it.
    pub layer: usize,
    /// Its size in bytes.
    pub size: u64,
}

/// An entry of the writable layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpperEntry {
    /// Its path.
    pub path: String,
    /// What it is.
    pub state: UpperState,
    /// File or directory.
    pub kind: EntryKind,
    /// For a copied-up file: the lower file copied whole, before [`UpperEntry::written`].
    pub copy_of: Option<CopyOf>,
    /// The bytes the container wrote (after the copied bytes, for a copied-up file).
    pub written: Vec<u8>,
}

impl UpperEntry {
    /// The file's size in the writable layer: the copied bytes plus the written ones.
    pub fn size(&self) -> u64 {
        self.copy_of.map_or(0, |c| c.size).saturating_add(self.written.len() as u64)
    }
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
        let file = |p: &str, state, copy_of, written: &[u8]| UpperEntry {
            path: p.to_owned(),
            state,
            kind: EntryKind::File,
            copy_of,
            written: written.to_vec(),
        };
        for a in &self.actions {
            match a {
                Action::Edit { path } => match upper.get_mut(path.as_str()) {
                    // Already in the writable layer: written there again.
                    Some(e) if e.kind == EntryKind::File && e.state != UpperState::Whiteout => {
                        e.written.extend_from_slice(EDITED)
                    }
                    // Copy-up: the whole lower file first.
                    _ => {
                        let copy_of = lower.get(path.as_str()).map(|n| CopyOf { layer: n.layer, size: n.size });
                        upper.insert(path.clone(), file(path, UpperState::CopiedUp, copy_of, EDITED));
                    }
                },
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
                                copy_of: None,
                                written: Vec::new(),
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
                            UpperEntry { path: d, state, kind: EntryKind::Dir, copy_of: None, written: Vec::new() },
                        );
                    }
                    upper.insert(path.clone(), file(path, UpperState::Created, None, CREATED));
                }
            }
        }
        upper
    }

    /// The writable layer, in tree order.
    pub fn upper(&self, image: &Image) -> Vec<UpperEntry> {
        let mut v: Vec<UpperEntry> = self.upper_map(image).into_values().collect();
        crate::order::sort_by(&mut v, |a, b| path::tree_order(&a.path, &b.path));
        v
    }

    fn seen_map(&self, image: &Image) -> BTreeMap<String, Seen> {
        let mut seen: BTreeMap<String, Seen> = image
            .tree
            .nodes
            .iter()
            .map(|n| {
                (
                    n.path.to_string(),
                    Seen { path: n.path.to_string(), kind: n.kind, size: n.size, provider: Provider::Lower(n.layer) },
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
                let size = e.size();
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
        crate::order::sort_by(&mut v, |a, b| path::tree_order(&a.path, &b.path));
        v
    }

    /// `docker ps -s`: the writable layer's size, and the image's plus it.
    pub fn sizes(&self, image: &Image) -> Sizes {
        let size: u64 = self.upper(image).iter().fold(0u64, |sum, e| sum.saturating_add(e.size()));
        let image_size: u64 = image.layers.iter().fold(0u64, |sum, l| sum.saturating_add(l.size));
        Sizes { size, virtual_size: image_size.saturating_add(size) }
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
        let lower = img.tree.nodes.iter().find(|n| n.path == "/app/config.ini").unwrap();
        assert_eq!((conf.provider, conf.size), (Provider::Upper, lower.size + EDITED.len() as u64), "copied whole");
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
        assert_eq!(c.sizes(&img).size, lower.size + (EDITED.len() + CREATED.len()) as u64);
        let image_size: u64 = img.layers.iter().fold(0u64, |sum, l| sum.saturating_add(l.size));
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
    fn edits_copy_the_whole_file_up_once_and_append_and_the_commit_step_says_what_was_done() {
        let img = sample();
        let conf = img.tree.nodes.iter().find(|n| n.path == "/app/config.ini").unwrap();
        let mut c = Container::new();
        c.act(&img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        c.act(&img, Action::Edit { path: "/app/config.ini".into() }).unwrap();
        let upper = c.upper(&img);
        assert_eq!(upper[0].copy_of, Some(CopyOf { layer: conf.layer, size: conf.size }));
        assert_eq!(upper[0].size(), conf.size + 2 * EDITED.len() as u64);
        c.act(&img, Action::Create { path: "/app/n.txt".into() }).unwrap();
        c.act(&img, Action::Edit { path: "/app/n.txt".into() }).unwrap();
        let n = c.upper(&img).into_iter().find(|e| e.path == "/app/n.txt").unwrap();
        assert_eq!((n.state, n.copy_of, n.size()), (UpperState::Created, None, (CREATED.len() + EDITED.len()) as u64));
        c.act(&img, Action::Delete { path: "/app/data".into() }).unwrap();
        assert_eq!(
            c.created_by(),
            "strata container: edit /app/config.ini; edit /app/config.ini; touch /app/n.txt; edit /app/n.txt; rm -rf /app/data"
        );
    }
}
