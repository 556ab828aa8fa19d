//! Application state: a pure reducer (Yew's function_todomvc pattern: every change is an
//! [`Action`], effects live outside `reduce`). The URL hash is a [`Route`], kept in the state.

pub mod comparing;
pub mod copy;
pub mod file_view;
pub mod notes;
pub mod presenter;
pub mod route;
pub mod share;
pub mod theme;

pub use route::{FilesMode, Route, View};

use crate::failure::Failure;
use std::rc::Rc;
use strata_core::{Analysis, Stage};
use strata_i18n::Lang;
use yew::Reducible;

/// Where loading stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    /// Nothing loaded yet.
    #[default]
    Idle,
    /// Reading an archive.
    Loading {
        /// The file's name (or `?src=` address).
        name: String,
        /// Bytes read so far.
        bytes_done: u64,
        /// The file's size, when known.
        bytes_total: Option<u64>,
        /// Layers read to the end.
        layers_done: u64,
    },
    /// An analysis is shown.
    Ready,
    /// Nothing (more) could be read.
    Failed(Failure),
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

/// The whole page state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// Loading, shown or failed.
    pub phase: Phase,
    /// What is shown. Its `stage` short of complete means it is the archive being read now (an
    /// earlier archive's picture is always complete).
    pub analysis: Option<Shared<Analysis>>,
    /// The shown (or loading) archive's name.
    pub source_name: String,
    /// Whether it is the built-in sample.
    pub is_sample: bool,
    /// The screen (the URL hash).
    pub route: Route,
    /// The page's language.
    pub lang: Lang,
    /// The theme asked for (`?theme=`, the switch).
    pub theme: theme::ThemeChoice,
    /// Presenter mode.
    pub presenter: presenter::Presenter,
    /// The archive shown is a committed container's (it can be downloaded).
    pub committed: bool,
    /// A second archive, the compare view's other side (dropped there or `?compare=URL`).
    pub other: Option<Other>,
}

/// The second archive of a comparison: image `&compare=N` of it is A, "before".
#[derive(Debug, Clone, PartialEq)]
pub struct Other {
    /// Its file name or address.
    pub name: String,
    /// Reading, ready or failed.
    pub phase: Phase,
    /// Its complete analysis, once read.
    pub analysis: Option<Shared<Analysis>>,
}

/// Everything that can happen.
#[derive(Debug, Clone)]
pub enum Action {
    /// Reading a new archive begins.
    Start {
        /// Its name.
        name: String,
        /// Whether it is the built-in sample.
        sample: bool,
    },
    /// Reading progresses.
    Progress {
        /// Bytes read so far.
        bytes_done: u64,
        /// The file's size, when known.
        bytes_total: Option<u64>,
        /// Layers read to the end.
        layers_done: u64,
    },
    /// A picture of the archive: an outline or the structure while reading, or the complete one.
    Show(Analysis),
    /// Reading failed.
    Failed(Failure),
    /// Reading was stopped by the user.
    Cancelled,
    /// The URL hash changed (a link, the back button).
    Navigate(Route),
    /// A view tab was chosen.
    ShowView(View),
    /// A layer was selected (or the selection cleared).
    SelectLayer(Option<usize>),
    /// Another image of the archive was picked: the layer and path selections go.
    PickImage(usize),
    /// A directory was focused (or the focus cleared: the root).
    FocusPath(Option<String>),
    /// A path was selected (or the selection cleared).
    SelectPath(Option<String>),
    /// The files view's filter: a layer and what to list for it, or the merged tree (`None`).
    FilterMode {
        /// The layer, or `None` for the merged tree.
        layer: Option<usize>,
        /// Its changes, or the tree up to it.
        mode: FilesMode,
    },
    /// The file panel: show `select`'s copy in a view (a layer and its mode, or the merged tree),
    /// compared with layer `against`'s copy when set.
    ShowFile {
        /// The path, or `None` to close the panel.
        select: Option<String>,
        /// The layer (with `mode`), or `None` for the visible copy.
        layer: Option<usize>,
        /// The layer's own copy, or the one visible after it.
        mode: FilesMode,
        /// The layer of the copy to compare with.
        against: Option<usize>,
    },
    /// The size map's mode was switched.
    SizeMode(strata_core::sizes::SizeMode),
    /// The size map of `dir` in `mode`, with `select` outlined (the waste table's "where").
    OpenSizes {
        /// The directory to map.
        dir: Option<String>,
        /// The path to outline.
        select: Option<String>,
        /// Which bytes.
        mode: strata_core::sizes::SizeMode,
    },
    /// The files view with the file panel on `path`'s visible copy.
    OpenFile(String),
    /// The compare view: image `Some(a)` compared with the one shown.
    CompareWith(Option<usize>),
    /// The language was switched.
    SetLang(Lang),
    /// The theme was switched.
    SetTheme(theme::ThemeChoice),
    /// The player moved to a build step (`None`: the whole image).
    Step(Option<usize>),
    /// Presenter mode on or off.
    Present(bool),
    /// A key was pressed outside any control (presenter keys, P to present).
    Key(String),
    /// A container was committed: the archive shown is the new image's.
    Committed,
    /// Reading a second archive, to compare with, begins (`&compare=N` now picks its image).
    OtherStart(String),
    /// Reading the second archive progresses.
    OtherProgress {
        /// Bytes read so far.
        bytes_done: u64,
        /// Its size, when known.
        bytes_total: Option<u64>,
    },
    /// The second archive's complete analysis.
    OtherShown(Analysis),
    /// The second archive could not be read.
    OtherFailed(Failure),
    /// Compare within the archive shown again (the second archive is put away).
    OtherClear,
}

impl AppState {
    /// Digests are being checked while a headers-only picture is shown.
    pub fn verifying(&self) -> bool {
        matches!(self.phase, Phase::Loading { .. }) && self.stage() != Stage::Complete
    }

    /// How much of the shown archive has been read.
    pub fn stage(&self) -> Stage {
        self.analysis.as_ref().map_or(Stage::Complete, |a| a.stage)
    }

    /// How many build steps the shown image has.
    pub fn steps(&self) -> usize {
        self.analysis
            .as_ref()
            .and_then(|a| a.images.get(self.route.image))
            .map_or(0, |img| strata_core::steps::build_steps(img).len())
    }

    /// The step shown: `route.step`, or the last one.
    pub fn step(&self) -> usize {
        let n = self.steps();
        self.route.step.map_or(n, |k| k.min(n))
    }

    /// Moves to step `k` (capped at the last step, which is the whole image with its last step
    /// marked; without `step` in the route nothing is marked).
    fn go(&mut self, k: usize) {
        self.route.step = Some(k.min(self.steps()));
    }

    /// The words of the page's language.
    pub fn strings(&self) -> &'static strata_i18n::Strings {
        self.lang.strings()
    }

    fn show(&mut self, a: Analysis) {
        if self.route.image >= a.images.len() {
            self.route.image = 0;
        }
        let layers = a.images.get(self.route.image).map_or(0, |i| i.layers.len());
        if self.route.layer.is_some_and(|l| l >= layers) {
            self.route.layer = None;
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
                s.committed = false;
            }
            Action::Progress { bytes_done, bytes_total, layers_done } => {
                if let Phase::Loading { name, .. } = &s.phase {
                    s.phase = Phase::Loading { name: name.clone(), bytes_done, bytes_total, layers_done };
                }
            }
            Action::Show(a) => {
                let complete = a.stage.is_complete();
                s.show(a);
                if complete {
                    s.phase = Phase::Ready;
                }
            }
            Action::Failed(f) => {
                // What this archive showed before the failure stays; an older archive's picture goes.
                if s.stage() == Stage::Complete {
                    s.analysis = None;
                }
                s.phase = Phase::Failed(f);
            }
            Action::Cancelled => s.phase = if s.analysis.is_some() { Phase::Ready } else { Phase::Idle },
            Action::Navigate(r) => s.route = r,
            Action::ShowView(v) => s.route.view = v,
            Action::SelectLayer(l) => s.route.layer = l,
            Action::PickImage(i) => {
                s.route = Route { image: i, layer: None, path: None, select: None, against: None, ..s.route.clone() }
            }
            Action::FocusPath(p) => s.route.path = p,
            Action::SelectPath(p) => {
                s.route.select = p;
                s.route.against = None;
            }
            Action::ShowFile { select, layer, mode, against } => {
                s.route = Route { select, layer, mode, against, ..s.route.clone() };
            }
            Action::FilterMode { layer, mode } => {
                s.route.layer = layer;
                s.route.mode = mode;
            }
            Action::SizeMode(m) => s.route.sizes = m,
            Action::CompareWith(a) => {
                s.route.view = View::Compare;
                s.route.compare = a;
            }
            Action::OpenSizes { dir, select, mode } => {
                s.route = Route { view: View::Sizes, path: dir, select, sizes: mode, layer: None, ..s.route.clone() };
            }
            Action::OpenFile(path) => {
                s.route =
                    Route { view: View::Files, select: Some(path), layer: None, against: None, ..s.route.clone() };
            }
            Action::SetLang(l) => s.lang = l,
            Action::SetTheme(t) => s.theme = t,
            Action::Step(k) => s.go(k.unwrap_or(usize::MAX)),
            Action::Committed => s.committed = true,
            Action::OtherStart(name) => {
                let phase = Phase::Loading { name: name.clone(), bytes_done: 0, bytes_total: None, layers_done: 0 };
                s.other = Some(Other { name, phase, analysis: None });
                s.route.view = View::Compare;
            }
            Action::OtherProgress { bytes_done, bytes_total } => {
                if let Some(Other { name, phase: phase @ Phase::Loading { .. }, .. }) = s.other.as_mut() {
                    *phase = Phase::Loading { name: name.clone(), bytes_done, bytes_total, layers_done: 0 };
                }
            }
            Action::OtherShown(a) => {
                if let Some(o) = s.other.as_mut() {
                    o.phase = Phase::Ready;
                    o.analysis = Some(Shared(Rc::new(a)));
                }
            }
            Action::OtherFailed(f) => {
                if let Some(o) = s.other.as_mut() {
                    o.phase = Phase::Failed(f);
                    o.analysis = None;
                }
            }
            Action::OtherClear => {
                s.other = None;
                s.route.compare = None;
            }
            Action::Present(on) => s.presenter = presenter::Presenter { on, ..Default::default() },
            Action::Key(key) => {
                let (step, steps) = (s.step(), s.steps());
                match presenter::on_key(&mut s.presenter, &key, step, steps) {
                    Some(presenter::Effect::Go(k)) => s.go(k),
                    Some(presenter::Effect::Handled) | None => {}
                }
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(stage: Stage) -> Analysis {
        let mut a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).expect("sample");
        a.stage = stage;
        a
    }

    #[test]
    fn a_second_archive_loads_beside_the_first_and_can_be_put_away() {
        let s = Rc::new(AppState::default()).reduce(Action::Show(sample(Stage::Complete)));
        let s = s.reduce(Action::OtherStart("before.tar".into()));
        assert_eq!(s.route.view, View::Compare);
        assert!(matches!(s.other, Some(Other { phase: Phase::Loading { .. }, analysis: None, .. })));
        let s = s.reduce(Action::OtherProgress { bytes_done: 5, bytes_total: Some(10) });
        assert!(matches!(s.other.as_ref().map(|o| &o.phase), Some(Phase::Loading { bytes_done: 5, .. })));
        let s = s.reduce(Action::OtherShown(sample(Stage::Complete)));
        assert!(s.other.as_ref().is_some_and(|o| o.phase == Phase::Ready && o.analysis.is_some()));
        assert!(s.analysis.is_some(), "the archive shown stays B");
        let failed = s.clone().reduce(Action::OtherFailed(Failure::NotAFile));
        assert!(failed
            .other
            .as_ref()
            .is_some_and(|o| o.analysis.is_none() && o.phase == Phase::Failed(Failure::NotAFile)));
        let s = s.reduce(Action::CompareWith(Some(0))).reduce(Action::OtherClear);
        assert!(s.other.is_none() && s.route.compare.is_none());
    }

    #[test]
    fn outline_then_structure_then_done_and_a_failure_keeps_what_this_archive_showed() {
        let s = Rc::new(AppState::default());
        let s = s.reduce(Action::Start { name: "a.tar".into(), sample: false });
        let s = s.reduce(Action::Show(sample(Stage::Outline)));
        assert!(s.stage() == Stage::Outline && s.verifying() && s.analysis.is_some());
        let s = s.reduce(Action::Show(sample(Stage::Structure)));
        assert!(s.stage() == Stage::Structure && s.verifying());
        let failed = s.clone().reduce(Action::Failed(Failure::NotAFile));
        assert!(failed.analysis.is_some(), "the structure read so far stays on screen");
        assert!(!failed.verifying(), "nothing is being checked any more");
        assert_eq!(failed.phase, Phase::Failed(Failure::NotAFile));
        let cancelled = s.clone().reduce(Action::Cancelled);
        assert!(cancelled.analysis.is_some() && !cancelled.verifying() && cancelled.stage() == Stage::Structure);
        let s = s.reduce(Action::Show(sample(Stage::Complete)));
        assert!(s.stage() == Stage::Complete && !s.verifying() && s.phase == Phase::Ready);
        // A new archive that fails before showing anything does not leave the old picture up.
        let s = s.reduce(Action::Start { name: "b.tar".into(), sample: false });
        let s = s.reduce(Action::Failed(Failure::NotAFile));
        assert!(s.analysis.is_none());
    }

    #[test]
    fn the_waste_table_opens_the_size_map_and_the_files_view() {
        use strata_core::sizes::SizeMode;
        let s = Rc::new(AppState::default()).reduce(Action::Show(sample(Stage::Complete)));
        let s = s.reduce(Action::SelectLayer(Some(2)));
        let map = s.clone().reduce(Action::OpenSizes {
            dir: Some("/tmp".into()),
            select: Some("/tmp/sdk.tar.gz".into()),
            mode: SizeMode::Stored,
        });
        assert_eq!(map.route.to_hash(), "#view=sizes&image=0&mode=stored&path=/tmp&select=/tmp/sdk.tar.gz");
        assert_eq!(map.reduce(Action::SizeMode(SizeMode::Merged)).route.sizes, SizeMode::Merged);
        let files = s.reduce(Action::OpenFile("/app/config.ini".into()));
        assert_eq!(files.route.to_hash(), "#view=files&image=0&select=/app/config.ini");
    }

    #[test]
    fn route_actions_change_the_route_and_keep_the_rest() {
        let s = Rc::new(AppState::default()).reduce(Action::Show(sample(Stage::Complete)));
        let s = s.reduce(Action::ShowView(View::Files));
        let s = s.reduce(Action::FilterMode { layer: Some(2), mode: FilesMode::UpTo });
        let s = s.reduce(Action::FocusPath(Some("/app".into())));
        let opened = s.clone().reduce(Action::ShowFile {
            select: Some("/app/config.ini".into()),
            layer: Some(1),
            mode: FilesMode::In,
            against: Some(0),
        });
        assert_eq!(
            (opened.route.select.as_deref(), opened.route.layer, opened.route.against),
            (Some("/app/config.ini"), Some(1), Some(0))
        );
        assert_eq!(
            opened.reduce(Action::SelectPath(None)).route.against,
            None,
            "closing the panel ends the comparison"
        );
        assert_eq!(
            s.route,
            Route {
                view: View::Files,
                image: 0,
                layer: Some(2),
                mode: FilesMode::UpTo,
                path: Some("/app".into()),
                select: None,
                step: None,
                against: None,
                sizes: strata_core::sizes::SizeMode::Merged,
                compare: None,
            }
        );
        assert_eq!(s.route.to_hash(), "#view=files&image=0&layer=2&mode=upto&path=/app");
        let s = s.reduce(Action::SelectLayer(Some(1)));
        assert_eq!((s.route.layer, s.route.mode, s.route.view), (Some(1), FilesMode::UpTo, View::Files));
        let s = s.reduce(Action::PickImage(0));
        assert_eq!((s.route.layer, s.route.path.as_deref(), s.route.view), (None, None, View::Files));
        let s = s.reduce(Action::Navigate(Route::from_hash("#view=stack&layer=2")));
        assert_eq!((s.route.view, s.route.layer), (View::Stack, Some(2)));
        let s = s.reduce(Action::ShowView(View::Layers)).reduce(Action::SelectPath(Some("/app/config.ini".into())));
        assert_eq!(
            (s.route.view, s.route.select.as_deref(), s.route.layer),
            (View::Layers, Some("/app/config.ini"), Some(2))
        );
        let s = s.reduce(Action::ShowView(View::Stack));
        let s = s.reduce(Action::SetLang(Lang::ZhCn));
        assert_eq!((s.lang, s.route.layer), (Lang::ZhCn, Some(2)), "switching the language keeps the screen");
    }

    #[test]
    fn the_player_steps_from_the_empty_image_to_the_whole_one() {
        let s = Rc::new(AppState::default()).reduce(Action::Show(sample(Stage::Complete)));
        assert_eq!((s.steps(), s.step()), (6, 6));
        let s = s.reduce(Action::Step(Some(0)));
        assert_eq!((s.route.step, s.step()), (Some(0), 0));
        let s = s.reduce(Action::Step(Some(4)));
        assert_eq!(s.route.to_hash(), "#view=stack&image=0&step=4");
        let s = s.reduce(Action::Step(Some(9)));
        assert_eq!((s.route.step, s.step()), (Some(6), 6), "capped at the last step");
        let s = s.reduce(Action::Key("p".into()));
        assert!(s.presenter.on);
        let s = s
            .reduce(Action::Key("Home".into()))
            .reduce(Action::Key("ArrowRight".into()))
            .reduce(Action::Key(" ".into()));
        assert_eq!(s.step(), 2);
        let s = s.reduce(Action::Key("g".into())).reduce(Action::Key("5".into())).reduce(Action::Key("Enter".into()));
        assert_eq!(s.step(), 5);
        let s = s.reduce(Action::Key("End".into())).reduce(Action::Key("PageUp".into()));
        assert_eq!(s.step(), 5);
        let s = s.reduce(Action::Key("Escape".into()));
        assert!(!s.presenter.on);
    }

    #[test]
    fn a_route_that_does_not_fit_the_archive_is_brought_back_into_range() {
        let s = Rc::new(AppState::default()).reduce(Action::Navigate(Route::from_hash("#image=5&layer=40")));
        let s = s.reduce(Action::Show(sample(Stage::Complete)));
        assert_eq!((s.route.image, s.route.layer), (0, None));
    }
}
