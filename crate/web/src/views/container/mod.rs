//! The `container` view: "run a container" from the shown image. A thin writable layer (the upper
//! layer) lies over the image's read-only layers (the lower layers); what the container sees is the
//! merged view. The learner selects a file or directory there and edits it (copy-up), deletes it
//! (a whiteout), or creates a file (an opaque directory when its directory was deleted); each action
//! is captioned, can be undone, and Reset empties the layer. Commit makes it a real layer of a new
//! image (every view then shows it); Download saves that image as a `docker save` archive.
//!
//! Hooks: merged tiles `data-tile-path` (in `data-testid="container-merged"`); the writable layer
//! `data-testid="container-layer"`, its entries `data-tile-path` with `data-state` (`copied-up`,
//! `created`, `whiteout`, `opaque`); buttons `data-action` = `edit`, `delete`, `create`, `open`,
//! `undo`, `reset`, `commit`, `download`, and `make-again` (with `data-path`) on a deleted
//! directory's whiteout; sizes `data-testid="container-size"` with `data-size` and
//! `data-virtual-size` in bytes.

mod merged;
mod upper;

use crate::components::{bytes, use_strings};
use crate::state::Shared;
use strata_core::container::{Action, Container, Refused, UpperEntry};
use strata_core::layer::EntryKind;
use strata_core::{path, Analysis};
use yew::prelude::*;

/// Props of [`ContainerView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// The image the container runs.
    pub image: usize,
    /// The directory shown.
    pub focus: String,
    /// The selected path.
    pub selected: Option<String>,
    /// A directory was opened (`None`: the root).
    pub on_focus: Callback<Option<String>>,
    /// A path was selected.
    pub on_select: Callback<Option<String>>,
    /// Commit was pressed: the writable layer's entries (JSON) and the history step to record.
    pub on_commit: Callback<(String, String)>,
    /// Download was pressed.
    pub on_download: Callback<()>,
    /// Whether there is a committed image to download.
    pub can_download: bool,
}

/// What the caption says after the last action.
#[derive(Clone, PartialEq)]
enum Said {
    Intro,
    Did(Action),
    /// A file created in a deleted directory: the directory is back, opaque.
    MadeAgain {
        dir: String,
        file: String,
    },
    Refused(Refused),
    Undid,
}

/// A name for a new file in `dir` that is not taken.
fn new_name(seen: &[strata_core::container::Seen], dir: &str) -> String {
    (1..)
        .map(|n| path::join(dir, &format!("new-{n}.txt")))
        .find(|p| !seen.iter().any(|s| &s.path == p))
        .unwrap_or_default()
}

/// The container view.
#[function_component]
pub fn ContainerView(p: &Props) -> Html {
    let t = use_strings();
    let container = use_state(Container::new);
    let said = use_state(|| Said::Intro);
    // A new image (a commit, another archive) starts a fresh container.
    {
        let (container, said) = (container.clone(), said.clone());
        let key = p.analysis.images.get(p.image).map(|i| i.id.clone());
        use_effect_with(key, move |_| {
            container.set(Container::new());
            said.set(Said::Intro);
        });
    }
    let Some(img) = p.analysis.images.get(p.image) else { return html! {} };
    let seen = container.seen(img);
    let upper = container.upper(img);
    let sizes = container.sizes(img);
    let selected = p.selected.as_deref().and_then(|s| seen.iter().find(|x| x.path == s));
    // Takes an action (made from the container at click time); the selection follows it.
    let run = {
        let (container, said, analysis, image, on_select) =
            (container.clone(), said.clone(), p.analysis.clone(), p.image, p.on_select.clone());
        move |action: Action| {
            let Some(img) = analysis.images.get(image) else { return };
            let mut next = (*container).clone();
            match next.act(img, action.clone()) {
                Ok(()) => {
                    match &action {
                        Action::Delete { .. } => on_select.emit(None),
                        Action::Create { path } => on_select.emit(Some(path.clone())),
                        Action::Edit { .. } => {}
                    }
                    let opaque = |d: &str| {
                        next.upper(img)
                            .iter()
                            .any(|e| e.path == d && e.state == strata_core::container::UpperState::Opaque)
                    };
                    said.set(match &action {
                        Action::Create { path } if opaque(path::parent(path)) => {
                            Said::MadeAgain { dir: path::parent(path).to_owned(), file: path.clone() }
                        }
                        _ => Said::Did(action),
                    });
                    container.set(next);
                }
                Err(why) => said.set(Said::Refused(why)),
            }
        }
    };
    let target = p.selected.clone().unwrap_or_else(|| p.focus.clone());
    let on_path = |make: fn(String) -> Action| {
        let (run, target) = (run.clone(), target.clone());
        Callback::from(move |_: MouseEvent| run(make(target.clone())))
    };
    let edit = on_path(|path| Action::Edit { path });
    let delete = on_path(|path| Action::Delete { path });
    // A new file in `dir`, named so that it is not taken.
    let create_in = {
        let (run, container, analysis, image) = (run.clone(), container.clone(), p.analysis.clone(), p.image);
        Callback::from(move |dir: String| {
            if let Some(img) = analysis.images.get(image) {
                run(Action::Create { path: new_name(&container.seen(img), &dir) });
            }
        })
    };
    let create = {
        let dir = selected.filter(|s| s.kind == EntryKind::Dir).map_or_else(|| p.focus.clone(), |s| s.path.clone());
        create_in.reform(move |_: MouseEvent| dir.clone())
    };
    let undo = {
        let (container, said) = (container.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*container).clone();
            if next.undo().is_some() {
                container.set(next);
                said.set(Said::Undid);
            }
        })
    };
    let reset = {
        let (container, said) = (container.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            container.set(Container::new());
            said.set(Said::Intro);
        })
    };
    let commit = {
        let (container, analysis, image, on_commit) =
            (container.clone(), p.analysis.clone(), p.image, p.on_commit.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(img) = analysis.images.get(image) {
                let upper = serde_json::to_string(&container.upper(img)).unwrap_or_default();
                on_commit.emit((upper, container.created_by()));
            }
        })
    };
    let open = {
        let on_focus = p.on_focus.clone();
        let dir = selected.filter(|s| s.kind == EntryKind::Dir).map(|s| s.path.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dir {
                on_focus.emit(Some(d.clone()));
            }
        })
    };
    let download = p.on_download.reform(|_: MouseEvent| ());
    let caption = match &*said {
        Said::Intro | Said::Undid => t.container_intro.to_owned(),
        Said::Did(a) => {
            let size = upper.iter().find(|e| e.path == a.path()).map(UpperEntry::size).unwrap_or(0);
            (t.container_caption)(a, &bytes(size))
        }
        Said::MadeAgain { dir, file } => (t.made_again)(dir, file),
        Said::Refused(why) => (t.refused)(why),
    };
    let last = match &*said {
        Said::Did(a) => Some(a.path()),
        Said::MadeAgain { file, .. } => Some(file.as_str()),
        _ => None,
    };
    let is_file = selected.is_some_and(|s| s.kind == EntryKind::File);
    let is_dir = selected.is_some_and(|s| s.kind == EntryKind::Dir);
    let nothing_done = container.actions().is_empty();
    let merged = merged::Merged {
        seen: &seen,
        focus: &p.focus,
        selected: p.selected.as_deref(),
        last,
        on_focus: &p.on_focus,
        on_select: &p.on_select,
    };
    html! {
        <div class="container-view" data-view="container" data-focus={p.focus.clone()}>
            <p class="caption" data-testid="container-caption" aria-live="polite">{ caption }</p>
            <div class="actions" role="toolbar">
                <button type="button" data-action="edit" onclick={edit} disabled={!is_file}>{ t.act_edit }</button>
                <button type="button" data-action="delete" onclick={delete} disabled={selected.is_none()}>{ t.act_delete }</button>
                <button type="button" data-action="create" onclick={create}>{ t.act_create }</button>
                <button type="button" data-action="open" onclick={open} disabled={!is_dir}>{ t.act_open }</button>
                <button type="button" data-action="undo" onclick={undo} disabled={nothing_done}>{ t.act_undo }</button>
                <button type="button" data-action="reset" onclick={reset} disabled={nothing_done}>{ t.act_reset }</button>
                <button type="button" data-action="commit" onclick={commit} disabled={nothing_done}>{ t.act_commit }</button>
                <button type="button" data-action="download" onclick={download} disabled={!p.can_download}>{ t.act_download }</button>
                <span class="container-size" data-testid="container-size" data-size={sizes.size.to_string()}
                      data-virtual-size={sizes.virtual_size.to_string()}>{ (t.container_sizes)(&bytes(sizes.size), &bytes(sizes.virtual_size)) }</span>
            </div>
            { upper::upper_panel(t, img, &upper, last, &create_in) }
            { upper::lower_panel(t, img) }
            { merged::merged_panel(t, &merged) }
        </div>
    }
}
