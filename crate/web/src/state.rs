//! Application state: a pure reducer and the URL hash ↔ route mapping (`#view=stack&image=0&layer=3`
//! plus `&path=/abs/path`). No side effects here; effects live in the components.

use std::rc::Rc;
use strata_core::Analysis;
use yew::Reducible;

/// Which view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The layer stack.
    #[default]
    Stack,
    /// The filesystem tree.
    Files,
}

/// What the URL hash says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: View,
    pub image: usize,
    pub layer: Option<usize>,
    pub path: Option<String>,
}

/// Percent-decoding without a browser (so it can be unit-tested natively).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Route {
    /// Parses `#view=files&image=1&layer=2&path=/etc` (unknown keys ignored).
    pub fn from_hash(hash: &str) -> Route {
        let mut r = Route::default();
        for pair in hash.trim_start_matches('#').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "view" => r.view = if v == "files" { View::Files } else { View::Stack },
                "image" => r.image = v.parse().unwrap_or(0),
                "layer" => r.layer = v.parse().ok(),
                "path" if !v.is_empty() => r.path = Some(decode(v)),
                _ => {}
            }
        }
        r
    }

    /// The hash for this route.
    pub fn to_hash(&self) -> String {
        let mut s = format!("#view={}&image={}", if self.view == View::Files { "files" } else { "stack" }, self.image);
        if let Some(l) = self.layer {
            s += &format!("&layer={l}");
        }
        if let Some(p) = &self.path {
            s += &format!("&path={}", encode(p));
        }
        s
    }
}

/// Where loading stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    /// Nothing loaded yet.
    #[default]
    Idle,
    /// Reading an archive.
    Loading { name: String, bytes_done: u64, bytes_total: Option<u64>, layers_done: u64 },
    /// An analysis is shown.
    Ready,
    /// Nothing could be read.
    Failed(String),
}

/// A shared value compared by identity (cheap props for big models).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// How much of the shown archive has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// The outer archive's headers and documents only: no layer opened, so layer sizes, entries,
    /// changes and the tree are not known.
    Outline,
    /// Every layer's headers: the whole picture, digests not checked yet.
    Structure,
    /// The full pass: every byte read and every digest checked.
    #[default]
    Complete,
}

/// The whole page state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    pub phase: Phase,
    pub analysis: Option<Shared<Analysis>>,
    pub source_name: String,
    pub is_sample: bool,
    pub route: Route,
    /// How much of the shown archive has been read. Anything short of `Complete` is the archive
    /// being read now (an earlier archive's picture is always complete).
    pub stage: Stage,
}

/// Everything that can happen.
pub enum Action {
    Start {
        name: String,
        sample: bool,
    },
    Progress {
        bytes_done: u64,
        bytes_total: Option<u64>,
        layers_done: u64,
    },
    /// The outer archive's headers are read: images, configs, the layer list.
    Outline(Analysis),
    /// Every layer's headers are read (digests not yet checked).
    Structure(Analysis),
    Done(Analysis),
    Failed(String),
    Cancelled,
    Route(Route),
}

impl AppState {
    /// Digests are being checked while the headers-only picture is shown.
    pub fn verifying(&self) -> bool {
        self.stage != Stage::Complete && matches!(self.phase, Phase::Loading { .. })
    }

    fn show(&mut self, a: Analysis) {
        if self.route.image >= a.images.len() {
            self.route.image = 0;
        }
        self.analysis = Some(Shared(Rc::new(a)));
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Start { name, sample } => {
                s.phase = Phase::Loading { name: name.clone(), bytes_done: 0, bytes_total: None, layers_done: 0 };
                s.source_name = name;
                s.is_sample = sample;
            }
            Action::Progress { bytes_done, bytes_total, layers_done } => {
                if let Phase::Loading { name, .. } = &s.phase {
                    s.phase = Phase::Loading { name: name.clone(), bytes_done, bytes_total, layers_done };
                }
            }
            Action::Outline(a) => {
                s.show(a);
                s.stage = Stage::Outline;
            }
            Action::Structure(a) => {
                s.show(a);
                s.stage = Stage::Structure;
            }
            Action::Done(a) => {
                s.show(a);
                s.stage = Stage::Complete;
                s.phase = Phase::Ready;
            }
            Action::Failed(m) => {
                // What this archive showed before the failure stays; an older archive's picture goes.
                if s.stage == Stage::Complete {
                    s.analysis = None;
                }
                s.phase = Phase::Failed(m);
            }
            Action::Cancelled => s.phase = if s.analysis.is_some() { Phase::Ready } else { Phase::Idle },
            Action::Route(r) => s.route = r,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips() {
        let r = Route { view: View::Files, image: 1, layer: Some(3), path: Some("/etc/app config.ini".into()) };
        let h = r.to_hash();
        assert_eq!(h, "#view=files&image=1&layer=3&path=/etc/app%20config.ini");
        assert_eq!(Route::from_hash(&h), r);
        assert_eq!(Route::from_hash("#view=stack&image=0&layer=3").layer, Some(3));
        assert_eq!(Route::from_hash(""), Route::default());
        assert_eq!(Route::from_hash("#image=x&view=bogus"), Route::default());
    }

    fn sample() -> Analysis {
        strata_core::analyze_bytes(&strata_core::sample::teaching_image()).expect("sample")
    }

    #[test]
    fn outline_then_structure_then_done_and_a_failure_keeps_what_this_archive_showed() {
        let s = Rc::new(AppState::default());
        let s = s.reduce(Action::Start { name: "a.tar".into(), sample: false });
        let s = s.reduce(Action::Outline(sample()));
        assert!(s.stage == Stage::Outline && s.verifying() && s.analysis.is_some());
        let s = s.reduce(Action::Structure(sample()));
        assert!(s.stage == Stage::Structure && s.verifying());
        let failed = s.clone().reduce(Action::Failed("truncated".into()));
        assert!(failed.analysis.is_some(), "the structure read so far stays on screen");
        assert!(!failed.verifying(), "nothing is being checked any more");
        assert_eq!(failed.phase, Phase::Failed("truncated".into()));
        let cancelled = s.clone().reduce(Action::Cancelled);
        assert!(cancelled.analysis.is_some() && !cancelled.verifying() && cancelled.stage == Stage::Structure);
        let s = s.reduce(Action::Done(sample()));
        assert!(s.stage == Stage::Complete && !s.verifying() && s.phase == Phase::Ready);
        // A new archive that fails before showing anything does not leave the old picture up.
        let s = s.reduce(Action::Start { name: "b.tar".into(), sample: false });
        let s = s.reduce(Action::Failed("not an archive".into()));
        assert!(s.analysis.is_none());
    }
}
