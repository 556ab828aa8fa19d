//! The `container` view: "run a container" from the shown image. A thin writable layer (the upper
//! layer) lies over the image's read-only layers (the lower layers); what the container sees is the
//! merged view. The learner selects a file or directory there and edits it (copy-up), deletes it
//! (a whiteout), or creates a file (an opaque directory when its directory was deleted); each action
//! is captioned, can be undone, and Reset empties the layer. Commit makes it a real layer of a new
//! image (every view then shows it); Download saves that image as a `docker save` archive.
//!
//! Hooks: merged tiles `data-tile-path` (in `data-testid="container-merged"`); the writable layer
//! `data-testid="container-layer"`, its entries `data-tile-path` with `data-state` (`copied-up`,
//! `created`, `whiteout`, `opaque`); buttons `data-action` = `edit`, `delete`, `create`, `undo`,
//! `reset`, `commit`, `download`; sizes `data-testid="container-size"` with `data-size` and
//! `data-virtual-size` in bytes.

use crate::components::{bytes, layer_colour, use_strings};
use crate::state::Shared;
use strata_core::container::{Action, Container, Provider, Refused, UpperEntry, UpperState};
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
    let act = |make: fn(&str) -> Action| {
        let (container, said, analysis, image) = (container.clone(), said.clone(), p.analysis.clone(), p.image);
        let (selected, focus) = (p.selected.clone(), p.focus.clone());
        let on_select = p.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(img) = analysis.images.get(image) else { return };
            let target = selected.clone().unwrap_or_else(|| focus.clone());
            let action = make(&target);
            let mut next = (*container).clone();
            match next.act(img, action.clone()) {
                Ok(()) => {
                    if matches!(action, Action::Delete { .. }) {
                        on_select.emit(None);
                    }
                    container.set(next);
                    said.set(Said::Did(action));
                }
                Err(why) => said.set(Said::Refused(why)),
            }
        })
    };
    let edit = act(|p| Action::Edit { path: p.to_owned() });
    let delete = act(|p| Action::Delete { path: p.to_owned() });
    let create = {
        let (container, said, analysis, image, focus) =
            (container.clone(), said.clone(), p.analysis.clone(), p.image, p.focus.clone());
        let selected_dir = selected.filter(|s| s.kind == EntryKind::Dir).map(|s| s.path.clone());
        let on_select = p.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(img) = analysis.images.get(image) else { return };
            let dir = selected_dir.clone().unwrap_or_else(|| focus.clone());
            let action = Action::Create { path: new_name(&container.seen(img), &dir) };
            let mut next = (*container).clone();
            match next.act(img, action.clone()) {
                Ok(()) => {
                    on_select.emit(Some(action.path().to_owned()));
                    container.set(next);
                    said.set(Said::Did(action));
                }
                Err(why) => said.set(Said::Refused(why)),
            }
        })
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
    let download = p.on_download.reform(|_: MouseEvent| ());
    let caption = match &*said {
        Said::Intro | Said::Undid => t.container_intro.to_owned(),
        Said::Did(a) => {
            let size = upper.iter().find(|e| e.path == a.path()).map(UpperEntry::size).unwrap_or(0);
            (t.container_caption)(a, &bytes(size))
        }
        Said::Refused(why) => (t.refused)(why),
    };
    let last = match &*said {
        Said::Did(a) => Some(a.path().to_owned()),
        _ => None,
    };
    let children: Vec<&strata_core::container::Seen> =
        seen.iter().filter(|s| path::parent(&s.path) == p.focus && s.path != p.focus).collect();
    let tile = |s: &strata_core::container::Seen| {
        let on_select = p.on_select.clone();
        let on_focus = p.on_focus.clone();
        let is_sel = p.selected.as_deref() == Some(s.path.as_str());
        let path = s.path.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| on_select.emit(if is_sel { None } else { Some(path.clone()) }));
        let dir = (s.kind == EntryKind::Dir).then(|| s.path.clone());
        let ondblclick = Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dir {
                on_focus.emit(Some(d.clone()));
            }
        });
        let (provider, colour) = match s.provider {
            Provider::Upper => ("upper".to_owned(), "var(--accent)".to_owned()),
            Provider::Lower(k) => (k.to_string(), layer_colour(k).to_owned()),
        };
        let name = format!(
            "{}{}",
            strata_diagram::text::visible(path::file_name(&s.path)),
            if s.kind == EntryKind::Dir { "/" } else { "" }
        );
        let chip = match s.provider {
            Provider::Upper => "upper".to_owned(),
            Provider::Lower(k) => format!("L{k}"),
        };
        html! {
            <button type="button" class={classes!("ctile", is_sel.then_some("selected"), (last.as_deref() == Some(s.path.as_str())).then_some("fresh"))}
                    data-tile-path={s.path.clone()} data-provider={provider} aria-pressed={is_sel.to_string()}
                    style={format!("--layer-colour: {colour}")} {onclick} {ondblclick}>
                <span class="name">{ name }</span>
                <span class="meta">{ format!("{chip} · {}", bytes(s.size)) }</span>
            </button>
        }
    };
    let crumbs = {
        let mut out = vec![("/".to_owned(), "/".to_owned())];
        let mut cur = String::new();
        for part in p.focus.split('/').filter(|x| !x.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            out.push((cur.clone(), part.to_owned()));
        }
        out
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
    let is_file = selected.is_some_and(|s| s.kind == EntryKind::File);
    let is_dir = selected.is_some_and(|s| s.kind == EntryKind::Dir);
    html! {
        <div class="container-view" data-view="container" data-focus={p.focus.clone()}>
            <p class="caption" data-testid="container-caption" aria-live="polite">{ caption }</p>
            <div class="actions" role="toolbar">
                <button type="button" data-action="edit" onclick={edit} disabled={!is_file}>{ t.act_edit }</button>
                <button type="button" data-action="delete" onclick={delete} disabled={selected.is_none()}>{ t.act_delete }</button>
                <button type="button" data-action="create" onclick={create}>{ t.act_create }</button>
                <button type="button" data-action="open" onclick={open} disabled={!is_dir}>{ t.act_open }</button>
                <button type="button" data-action="undo" onclick={undo} disabled={container.actions().is_empty()}>{ t.act_undo }</button>
                <button type="button" data-action="reset" onclick={reset} disabled={container.actions().is_empty()}>{ t.act_reset }</button>
                <button type="button" data-action="commit" onclick={commit} disabled={container.actions().is_empty()}>{ t.act_commit }</button>
                <button type="button" data-action="download" onclick={download} disabled={!p.can_download}>{ t.act_download }</button>
                <span class="container-size" data-testid="container-size" data-size={sizes.size.to_string()}
                      data-virtual-size={sizes.virtual_size.to_string()}>{ (t.container_sizes)(&bytes(sizes.size), &bytes(sizes.virtual_size)) }</span>
            </div>
            <section class="upper" data-testid="container-layer">
                <h3>{ t.upper_title }</h3>
                { if upper.is_empty() { html! { <p class="empty">{ t.upper_empty }</p> } } else { html! {
                    <ul>{ for upper.iter().map(|e| html! {
                        <li class={classes!("uentry", e.state.as_str(), (last.as_deref() == Some(e.path.as_str())).then_some("fresh"))}
                            data-tile-path={e.path.clone()} data-state={e.state.as_str()}>
                            <span class="mark">{ match e.state { UpperState::Whiteout => "✕", UpperState::Opaque => "⊘", UpperState::CopiedUp => "⇡", UpperState::Created => "+" } }</span>
                            <span class="name">{ strata_diagram::text::visible(&e.path) }</span>
                            <span class="meta">{ match (e.state, e.kind) {
                                (UpperState::Whiteout, _) => t.state_whiteout.to_owned(),
                                (UpperState::Opaque, _) => t.state_opaque.to_owned(),
                                (_, EntryKind::Dir) => String::new(),
                                _ => bytes(e.size()),
                            } }</span>
                        </li>
                    }) }</ul>
                } } }
            </section>
            <section class="lower">
                <h3>{ t.lower_title }</h3>
                <ol class="lower-plates">{ for img.layers.iter().rev().map(|l| html! {
                    <li style={format!("--layer-colour: {}", layer_colour(l.index))} data-lower-layer={l.index.to_string()}>
                        <span class="chip">{ format!("L{}", l.index) }</span>
                        <code>{ l.diff_id.as_ref().map(|d| d.short().to_owned()).unwrap_or_default() }</code>
                    </li>
                }) }</ol>
            </section>
            <section class="merged" data-testid="container-merged">
                <h3>{ t.merged_title }</h3>
                <nav class="crumbs">{ for crumbs.into_iter().map(|(dir, label)| {
                    let on_focus = p.on_focus.clone();
                    let target = (dir != "/").then(|| dir.clone());
                    html! { <button type="button" class="crumb" data-crumb={dir} onclick={Callback::from(move |_: MouseEvent| on_focus.emit(target.clone()))}>{ label }</button> }
                }) }</nav>
                <div class="ctiles">{ for children.into_iter().map(tile) }</div>
            </section>
        </div>
    }
}
