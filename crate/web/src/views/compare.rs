//! The `compare` view: what changed from image A (`&compare=N`, "before") to the image on screen
//! (B, "after"), by `strata_core::compare` ([`crate::state::comparing`] fetches the digests it
//! needs from the file worker). The summary (`data-testid="diff-summary"` with `data-added`,
//! `data-removed`, `data-changed`), the layers side by side with the shared ones joined, one
//! `[data-testid=diff-row]` per path (`data-path`, `data-change`, `data-what`; the first 200, then
//! a button), the config keys that differ, and for a changed file the line diff of its two copies
//! (the file panel's diff).

use crate::components::figure::Figure;
use crate::components::file_content::Compare;
use crate::components::{bytes, use_strings};
use crate::state::comparing::{compare_known, Known, Side};
use crate::state::copy::{CopyAnswer, CopyAsk, ReadCopy};
use crate::state::Shared;
use std::cell::RefCell;
use std::rc::Rc;
use strata_core::compare::{Change, Comparison, FileRow, In};
use strata_core::content::locate::Follow;
use strata_core::content::show::SHOWN;
use strata_core::content::{locate, View};
use strata_core::merge::Node;
use strata_core::{Analysis, Image};
use yew::prelude::*;

/// Rows drawn before "show all".
const ROWS: usize = 200;

/// Props of [`CompareView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The archive.
    pub analysis: Shared<Analysis>,
    /// B: the image on screen.
    pub image: usize,
    /// A: the image compared with.
    pub compare: Option<usize>,
    /// The path whose two copies are shown.
    pub selected: Option<String>,
    /// Reads a copy (the file worker).
    pub read: ReadCopy,
    /// Another image was picked as A.
    pub on_compare: Callback<Option<usize>>,
    /// A path was selected.
    pub on_path: Callback<Option<String>>,
}

/// The digests read for one comparison (an archive, A and B), and the reads still out.
#[derive(Default)]
struct Digests {
    owner: (usize, usize, usize),
    known: Known,
    asked: std::collections::HashSet<(Side, String)>,
    outstanding: usize,
    round: u32,
}

impl Digests {
    /// Starts afresh when the archive or either image changed.
    fn own(&mut self, owner: (usize, usize, usize)) {
        if self.owner != owner {
            let round = self.round;
            *self = Digests { owner, round, ..Digests::default() };
        }
    }

    /// Whether `key` is to be asked for now (not asked before).
    fn asking(&mut self, key: (Side, String)) -> bool {
        let fresh = self.asked.insert(key);
        if fresh {
            self.outstanding += 1;
        }
        fresh
    }
}

/// Where a side's copy of `path` lies, to ask the worker for it.
fn ask(img: &Image, image: usize, path: &str, keep: u64) -> Option<CopyAsk> {
    let found = locate(img, path, View::Merged, Follow::Parents).ok()?;
    let (layer, entry) = found.data?;
    Some(CopyAsk { image, layer, entry, keep, download: None })
}

/// The compare view.
#[function_component]
pub fn CompareView(p: &Props) -> Html {
    let t = use_strings();
    let all = use_state(|| false);
    let digests = use_mut_ref(Digests::default);
    let version = use_state(|| 0u32);
    let a_index = crate::app::share::compare_image(&p.analysis, p.image, p.compare);
    let figure = use_memo((p.analysis.clone(), a_index, p.image), |(an, a, b)| {
        let (a_img, b_img) = (an.images.get((*a)?)?, an.images.get(*b)?);
        let rows = strata_core::compare::layer_rows(a_img, b_img);
        Some(Rc::new(strata_diagram::compare::scene(a_img, b_img, &rows)))
    });
    let owner = (Rc::as_ptr(&p.analysis.0) as usize, a_index.unwrap_or(usize::MAX), p.image);
    let result = {
        let digests = digests.clone();
        use_memo((p.analysis.clone(), a_index, p.image, *version), move |(an, a, b, _)| {
            let (a_img, b_img) = (an.images.get((*a)?)?, an.images.get(*b)?);
            let mut d = digests.borrow_mut();
            d.own(owner);
            Some(Rc::new(compare_known(a_img, b_img, &d.known)))
        })
    };
    // Ask the worker for the digests the comparison still needs; compare again when they are in
    // (every 64 answers and at the last, not once per answer).
    {
        let (read, digests, version) = (p.read.clone(), digests.clone(), version.clone());
        let an = p.analysis.clone();
        let b = p.image;
        use_effect_with(((*result).clone().map(|r| r.1.clone()), a_index), move |(missing, a)| {
            for (side, path) in missing.iter().flatten() {
                let index = if *side == Side::A { a.unwrap_or(0) } else { b };
                let Some(q) = an.images.get(index).and_then(|img| ask(img, index, path, 0)) else { continue };
                if !digests.borrow_mut().asking((*side, path.clone())) {
                    continue;
                }
                let (digests, version, key) = (digests.clone(), version.clone(), (*side, path.clone()));
                read.ask(
                    q,
                    Callback::from(move |answer: CopyAnswer| {
                        let mut d = digests.borrow_mut();
                        if d.owner != owner {
                            return;
                        }
                        if let CopyAnswer::Read { sha256, .. } = answer {
                            d.known.insert(key.clone(), sha256);
                        }
                        d.outstanding = d.outstanding.saturating_sub(1);
                        if d.outstanding == 0 || d.known.len() % 64 == 0 {
                            d.round += 1;
                            version.set(d.round);
                        }
                    }),
                );
            }
        });
    }
    if p.analysis.images.len() < 2 {
        return html! { <div class="compare-view" data-view="compare"><p class="file-note">{ t.compare_one_image }</p></div> };
    }
    let (Some(a), Some(r)) = (a_index, (*result).clone()) else { return html! {} };
    let (c, missing): (&Comparison, &Vec<(Side, String)>) = (&r.0, &r.1);
    let pending = |path: &str| missing.iter().any(|(_, p)| p == path);
    let [added, removed, changed] = c.counts();
    let name = |i: usize| {
        p.analysis.images.get(i).map(|img| img.tags.first().cloned().unwrap_or_else(|| img.short_id().to_owned()))
    };
    let picker = {
        let on_compare = p.on_compare.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            on_compare.emit(v.parse().ok());
        });
        html! {
            <label class="compare-pick">{ t.compare_with }{ " " }
                <select data-testid="compare-with" {onchange}>
                    { for (0..p.analysis.images.len()).filter(|&i| i != p.image).map(|i| html! {
                        <option value={i.to_string()} selected={i == a}>{ format!("{i}: {}", name(i).unwrap_or_default()) }</option>
                    }) }
                </select>
            </label>
        }
    };
    let row = |f: &FileRow| {
        let what: Vec<String> = f.what.iter().map(|w| format!("{w:?}").to_lowercase()).collect();
        let change = match f.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        };
        let (on_path, path) = (p.on_path.clone(), f.path.clone());
        let selected = p.selected.as_deref() == Some(f.path.as_str());
        let onclick =
            Callback::from(move |_: MouseEvent| on_path.emit(if selected { None } else { Some(path.clone()) }));
        let size = |s: &Option<strata_core::compare::Side>| s.as_ref().map(|x| bytes(x.size)).unwrap_or_default();
        html! {
            <li data-testid="diff-row" data-path={f.path.clone()} data-change={change} data-what={what.join(",")}
                data-pending={pending(&f.path).to_string()} class={classes!("diff-row", change, selected.then_some("selected"))}>
                <button type="button" class="diff-path" {onclick} aria-pressed={selected.to_string()}>
                    <span class="mark">{ match f.change { Change::Added => "+", Change::Removed => "−", Change::Changed => "~" } }</span>
                    <span class="path">{ &f.path }</span>
                </button>
                <span class="what">{ f.what.iter().map(|w| (t.compare_what)(*w)).collect::<Vec<_>>().join(" · ") }</span>
                <span class="num">{ size(&f.a) }</span><span class="num">{ size(&f.b) }</span>
            </li>
        }
    };
    let shown: Vec<&FileRow> = if *all { c.files.iter().collect() } else { c.files.iter().take(ROWS).collect() };
    let more = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    let detail = p.selected.as_ref().and_then(|path| c.files.iter().find(|f| &f.path == path)).map(|f| {
        html! { <CopiesDiff analysis={p.analysis.clone()} a={a} b={p.image} row={f.clone()} read={p.read.clone()}
        on_off={p.on_path.reform(|_: MouseEvent| None)} /> }
    });
    html! {
        <div class="compare-view" data-view="compare" data-compare={a.to_string()} data-image={p.image.to_string()}>
            { picker }
            <p data-testid="diff-summary" data-added={added.to_string()} data-removed={removed.to_string()}
               data-changed={changed.to_string()} data-config={c.config.len().to_string()} class="diff-summary">
                { if c.same() { t.compare_same.to_owned() } else { (t.compare_summary)(added, removed, changed) } }
                { if missing.is_empty() { html! {} } else { html! { <span class="file-note">{ " " }{ t.compare_hashing }</span> } } }
            </p>
            <h3>{ t.compare_layers }</h3>
            { for (*figure).clone().map(|scene| html! {
                <figure class="figure compare-figure" data-testid="compare-figure">
                    <Figure {scene} on_activate={Callback::noop()} on_hover={Callback::noop()} on_up={Callback::noop()} />
                </figure>
            }) }
            <table class="compare-layers">
                <thead><tr><th>{ t.compare_before }</th><th></th><th>{ t.compare_after }</th></tr></thead>
                <tbody>
                { for c.layers.iter().map(|l| {
                    let cell = |k: Option<usize>| k.map(|k| format!("L{k} · {}", strata_core::digest::short_id(&l.diff_id))).unwrap_or_default();
                    let within = match l.within { In::Both => "both", In::A => "a", In::B => "b" };
                    html! {
                        <tr data-testid="compare-layer" data-in={within} data-diff-id={l.diff_id.clone()}>
                            <td>{ cell(l.a) }</td>
                            <td class="joined">{ if l.within == In::Both { t.compare_shared } else { "" } }</td>
                            <td>{ cell(l.b) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <h3>{ t.compare_files }</h3>
            <ul class="diff-rows">{ for shown.into_iter().map(row) }</ul>
            { if c.files.len() > ROWS && !*all { html! {
                <button type="button" data-action="diff-more" onclick={more}>{ (t.waste_more)(c.files.len()) }</button>
            } } else { html! {} } }
            { for detail }
            { if c.config.is_empty() { html! {} } else { html! {
                <>
                <h3>{ t.compare_config }</h3>
                <table class="compare-config">
                    <thead><tr><th></th><th>{ t.compare_before }</th><th>{ t.compare_after }</th></tr></thead>
                    <tbody>{ for c.config.iter().map(|r| html! {
                        <tr data-testid="config-row" data-key={r.key}><th>{ r.key }</th><td>{ r.a.to_string() }</td><td>{ r.b.to_string() }</td></tr>
                    }) }</tbody>
                </table>
                </>
            } } }
        </div>
    }
}

/// Props of [`CopiesDiff`].
#[derive(Properties, PartialEq)]
pub struct DiffProps {
    analysis: Shared<Analysis>,
    a: usize,
    b: usize,
    row: FileRow,
    read: ReadCopy,
    on_off: Callback<MouseEvent>,
}

/// The line diff of a changed path's two copies (A's → B's), as the file panel draws it.
#[function_component]
fn CopiesDiff(p: &DiffProps) -> Html {
    let t = use_strings();
    let answers = use_state(|| (None::<CopyAnswer>, None::<CopyAnswer>));
    let node = |i: usize| -> Option<Node> {
        let img = p.analysis.images.get(i)?;
        img.tree.nodes.iter().find(|n| n.path == p.row.path).cloned()
    };
    {
        let (answers, read, an, a, b, path) =
            (answers.clone(), p.read.clone(), p.analysis.clone(), p.a, p.b, p.row.path.clone());
        use_effect_with((a, b, path.clone()), move |_| {
            answers.set((None, None));
            let got = Rc::new(RefCell::new((None, None)));
            for (side, index) in [(0, a), (1, b)] {
                let Some(q) = an.images.get(index).and_then(|img| ask(img, index, &path, SHOWN)) else { continue };
                let (answers, got) = (answers.clone(), got.clone());
                read.ask(
                    q,
                    Callback::from(move |ans: CopyAnswer| {
                        if side == 0 {
                            got.borrow_mut().0 = Some(ans);
                        } else {
                            got.borrow_mut().1 = Some(ans);
                        }
                        answers.set(got.borrow().clone());
                    }),
                );
            }
        });
    }
    let (Some(from_node), Some(to_node)) = (node(p.a), node(p.b)) else { return html! {} };
    let name = |i: usize| {
        p.analysis.images.get(i).map(|img| img.tags.first().cloned().unwrap_or_else(|| img.short_id().to_owned()))
    };
    let heading = (t.compare_copies)(
        &name(p.a).unwrap_or_default(),
        from_node.layer,
        &name(p.b).unwrap_or_default(),
        to_node.layer,
    );
    html! {
        <div class="compare-copies" data-testid="compare-copies" data-path={p.row.path.clone()}>
            <Compare from={from_node.layer} to={to_node.layer} from_node={from_node} to_node={to_node}
                     from_answer={answers.0.clone()} to_answer={answers.1.clone()} on_off={p.on_off.clone()}
                     heading={AttrValue::from(heading)} />
        </div>
    }
}
