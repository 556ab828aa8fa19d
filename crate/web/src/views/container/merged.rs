//! The container view's merged panel: what the container sees in the focused directory, a tile per
//! entry coloured by where it comes from (the writable layer or an image layer), and a breadcrumb.

use crate::components::{bytes, layer_colour};
use strata_core::container::{Provider, Seen};
use strata_core::layer::EntryKind;
use strata_core::path;
use strata_i18n::Strings;
use yew::prelude::*;

/// What the merged panel shows and where its clicks go.
pub struct Merged<'a> {
    /// Everything the container sees.
    pub seen: &'a [Seen],
    /// The focused directory.
    pub focus: &'a str,
    /// The selected path.
    pub selected: Option<&'a str>,
    /// The path the last action touched (animated once).
    pub last: Option<&'a str>,
    /// A directory was opened (`None`: the root).
    pub on_focus: &'a Callback<Option<String>>,
    /// A path was selected (`None`: unselected).
    pub on_select: &'a Callback<Option<String>>,
}

/// The panel.
pub fn merged_panel(t: &'static Strings, m: &Merged<'_>) -> Html {
    // A directory's size is the bytes of the files under it, as the container sees them.
    let totals = strata_core::sizes::dir_totals_of(m.seen.iter().map(|s| (s.path.as_str(), s.kind, s.size)));
    let tile = |s: &Seen| {
        let is_sel = m.selected == Some(s.path.as_str());
        let (on_select, path) = (m.on_select.clone(), s.path.clone());
        let onclick =
            Callback::from(move |_: MouseEvent| on_select.emit(if is_sel { None } else { Some(path.clone()) }));
        let (on_focus, dir) = (m.on_focus.clone(), (s.kind == EntryKind::Dir).then(|| s.path.clone()));
        let ondblclick = Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dir {
                on_focus.emit(Some(d.clone()));
            }
        });
        let (provider, colour, chip) = match s.provider {
            Provider::Upper => ("upper".to_owned(), "var(--accent)".to_owned(), "upper".to_owned()),
            Provider::Lower(k) => (k.to_string(), layer_colour(k), format!("L{k}")),
        };
        let slash = if s.kind == EntryKind::Dir { "/" } else { "" };
        let name = format!("{}{slash}", strata_diagram::text::visible(path::file_name(&s.path)));
        let fresh = m.last == Some(s.path.as_str());
        let size = if s.kind == EntryKind::Dir { totals.get(&s.path).copied().unwrap_or(0) } else { s.size };
        html! {
            <button type="button" class={classes!("ctile", is_sel.then_some("selected"), fresh.then_some("fresh"))}
                    data-tile-path={s.path.clone()} data-provider={provider} aria-pressed={is_sel.to_string()}
                    style={format!("--layer-colour: {colour}")} {onclick} {ondblclick}>
                <span class="name">{ name }</span>
                <span class="meta" data-bytes={size.to_string()}>{ format!("{chip} · {}", bytes(size)) }</span>
            </button>
        }
    };
    let mut crumbs = vec![("/".to_owned(), "/".to_owned())];
    let mut cur = String::new();
    for part in m.focus.split('/').filter(|x| !x.is_empty()) {
        cur.push('/');
        cur.push_str(part);
        crumbs.push((cur.clone(), part.to_owned()));
    }
    let crumb = |(dir, label): (String, String)| {
        let on_focus = m.on_focus.clone();
        let target = (dir != "/").then(|| dir.clone());
        let onclick = Callback::from(move |_: MouseEvent| on_focus.emit(target.clone()));
        html! { <button type="button" class="crumb" data-crumb={dir} {onclick}>{ label }</button> }
    };
    let children = m.seen.iter().filter(|s| path::parent(&s.path) == m.focus && s.path != m.focus);
    html! {
        <section class="merged" data-testid="container-merged">
            <h3>{ t.merged_title }</h3>
            <nav class="crumbs">{ for crumbs.into_iter().map(crumb) }</nav>
            <div class="ctiles">{ for children.map(tile) }</div>
        </section>
    }
}
