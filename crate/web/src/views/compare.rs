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
use crate::state::{Other, Phase, Shared};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use strata_core::compare::{Change, Comparison, FileRow, In};
use strata_core::content::locate::Follow;
use strata_core::content::show::SHOWN;
use strata_core::content::{locate, View};
use strata_core::merge::Node;
use strata_core::{Analysis, Image};
use strata_diagram::scene::Activate;
use strata_diagram::sizes::SizesParams;
use yew::prelude::*;

/// Up to this many rows are all in the DOM; beyond, the list is virtualized.
const ROWS: usize = 200;
/// A row's height in a virtualized list (px; `.diff-window .diff-row` in the style sheet).
const ROW_PX: usize = 30;
/// Rows drawn beyond the visible ones, above and below, in a virtualized list.
const SPARE: usize = 20;
/// The virtualized list's height (px).
const WINDOW_PX: usize = 540;

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
    /// The second archive, when one was opened as A.
    pub other: Option<Other>,
    /// Reads a copy out of the second archive (its own file worker).
    pub read_other: ReadCopy,
    /// A second archive was picked or dropped.
    pub on_other_file: Callback<web_sys::File>,
    /// Back to comparing images of the archive shown.
    pub on_other_clear: Callback<()>,
    /// The canvas width of its figures ([`crate::views::use_figure_width`]; the export draws
    /// the same).
    pub width: Option<f32>,
}

/// Who a set of digests belongs to: B's archive, A's archive, A, B.
type Owner = (usize, usize, usize, usize);

/// The digests read for one comparison (the archives, A and B), and the reads still out.
#[derive(Default)]
struct Digests {
    owner: Owner,
    known: Known,
    asked: std::collections::HashSet<(Side, String)>,
    outstanding: usize,
    round: u32,
}

impl Digests {
    /// Starts afresh when the archive or either image changed.
    fn own(&mut self, owner: Owner) {
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
    let first = use_state(|| 0usize);
    let digests = use_mut_ref(Digests::default);
    let version = use_state(|| 0u32);
    // A's archive: the second one when open (once read), else the one shown.
    let other_read = p.other.as_ref().map(|o| o.analysis.clone());
    let a_archive: Option<Shared<Analysis>> = match &other_read {
        Some(read) => read.clone(),
        None => Some(p.analysis.clone()),
    };
    let a_index = a_archive.as_ref().and_then(|an_a| {
        let other = other_read.as_ref().map(|_| Some(&**an_a));
        crate::app::share::compare_side(&p.analysis, other, p.image, p.compare).map(|(_, k)| k)
    });
    let read_a = if p.other.is_some() { p.read_other.clone() } else { p.read.clone() };
    let figure =
        use_memo((a_archive.clone(), p.analysis.clone(), a_index, p.image, p.width), |(an_a, an_b, a, b, width)| {
            let (a_img, b_img) = (an_a.as_ref()?.images.get((*a)?)?, an_b.images.get(*b)?);
            let rows = strata_core::compare::layer_rows(a_img, b_img);
            Some(Rc::new(strata_diagram::compare::scene(a_img, b_img, &rows, *width)))
        });
    let ptr = |an: &Shared<Analysis>| Rc::as_ptr(&an.0) as usize;
    let owner = (ptr(&p.analysis), a_archive.as_ref().map_or(0, ptr), a_index.unwrap_or(usize::MAX), p.image);
    let result = {
        let digests = digests.clone();
        use_memo((a_archive.clone(), p.analysis.clone(), a_index, p.image, *version), move |(an_a, an_b, a, b, _)| {
            let (a_img, b_img) = (an_a.as_ref()?.images.get((*a)?)?, an_b.images.get(*b)?);
            let mut d = digests.borrow_mut();
            d.own(owner);
            Some(Rc::new(compare_known(a_img, b_img, &d.known)))
        })
    };
    // Ask the worker for the digests the comparison still needs; compare again when they are in
    // (every 64 answers and at the last, not once per answer).
    {
        let (read_b, read_a, digests, version) = (p.read.clone(), read_a.clone(), digests.clone(), version.clone());
        let (an_b, an_a) = (p.analysis.clone(), a_archive.clone());
        let b = p.image;
        use_effect_with(((*result).clone().map(|r| r.1.clone()), a_index), move |(missing, a)| {
            for (side, path) in missing.iter().flatten() {
                let (an, index, read) = match side {
                    Side::A => (an_a.as_ref(), a.unwrap_or(0), &read_a),
                    Side::B => (Some(&an_b), b, &read_b),
                };
                let Some(q) = an.and_then(|an| an.images.get(index)).and_then(|img| ask(img, index, path, 0)) else {
                    continue;
                };
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
    let source = other_source(p, t);
    let (Some(a), Some(r), Some(an_a)) = (a_index, (*result).clone(), a_archive.clone()) else {
        let note = match &p.other {
            None if p.analysis.images.len() < 2 => html! { <p class="file-note">{ t.compare_one_image }</p> },
            _ => html! {},
        };
        return html! { <div class="compare-view" data-view="compare">{ source }{ note }</div> };
    };
    let (c, missing): (&Comparison, &Vec<(Side, String)>) = (&r.0, &r.1);
    let pending = |path: &str| missing.iter().any(|(_, p)| p == path);
    let [added, removed, changed] = c.counts();
    let name = |an: &Analysis, i: usize| {
        an.images.get(i).map(|img| img.tags.first().cloned().unwrap_or_else(|| img.short_id().to_owned()))
    };
    let same_archive = p.other.is_none();
    let picker = {
        let on_compare = p.on_compare.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            on_compare.emit(v.parse().ok());
        });
        html! {
            <label class="compare-pick">{ t.compare_with }{ " " }
                <select data-testid="compare-with" {onchange}>
                    { for (0..an_a.images.len()).filter(|&i| !same_archive || i != p.image).map(|i| html! {
                        <option value={i.to_string()} selected={i == a}>{ format!("{i}: {}", name(&an_a, i).unwrap_or_default()) }</option>
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
    let list = if c.files.len() <= ROWS {
        html! { <ul class="diff-rows">{ for c.files.iter().map(row) }</ul> }
    } else {
        // Virtualized: the rows in view and SPARE either side, between two spacers of the height
        // of the rows left out.
        let (from, to) = window(*first, c.files.len());
        let onscroll = {
            let first = first.clone();
            Callback::from(move |e: Event| {
                let top = e.target_unchecked_into::<web_sys::Element>().scroll_top().max(0) as usize;
                first.set(top / ROW_PX);
            })
        };
        let spacer = |rows: usize| html! { <li class="diff-spacer" aria-hidden="true" style={format!("height: {}px", rows * ROW_PX)}></li> };
        html! {
            <div class="diff-window" data-testid="diff-window" data-rows={c.files.len().to_string()}
                 data-from={from.to_string()} data-to={to.to_string()}
                 style={format!("max-height: {WINDOW_PX}px")} {onscroll}>
                <ul class="diff-rows">
                    { spacer(from) }
                    { for c.files.get(from..to).unwrap_or_default().iter().map(row) }
                    { spacer(c.files.len() - to) }
                </ul>
            </div>
        }
    };
    let detail = p.selected.as_ref().and_then(|path| c.files.iter().find(|f| &f.path == path)).map(|f| {
        html! { <CopiesDiff a_archive={an_a.clone()} b_archive={p.analysis.clone()} a={a} b={p.image} row={f.clone()}
        read_a={read_a.clone()} read_b={p.read.clone()} on_off={p.on_path.reform(|_: MouseEvent| None)} /> }
    });
    html! {
        <div class="compare-view" data-view="compare" data-compare={a.to_string()} data-image={p.image.to_string()}
             data-compare-archive={if same_archive { "shown" } else { "other" }}>
            { source }
            { picker }
            <p data-testid="diff-summary" data-added={added.to_string()} data-removed={removed.to_string()}
               data-changed={changed.to_string()} data-config={c.config.len().to_string()}
               data-pending={missing.len().to_string()} class="diff-summary">
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
            { list }
            <h3>{ t.compare_map }</h3>
            <ChangeMap analysis={p.analysis.clone()} image={p.image} changes={changes_of(c)} selected={p.selected.clone()}
                       on_path={p.on_path.clone()} removed={removed} width={p.width} />
            { for detail }
            { if c.config.is_empty() { html! {} } else { html! {
                <>
                <h3>{ t.compare_config }</h3>
                <p class="compare-config-key"><span class="del">{ "− " }{ t.compare_before }</span>
                    <span class="add">{ "+ " }{ t.compare_after }</span></p>
                <table class="compare-config">
                    <tbody>{ for c.config.iter().map(|r| html! {
                        <tr data-testid="config-row" data-key={r.key}><th>{ r.key }</th><td>{ config_lines(r, t) }</td></tr>
                    }) }</tbody>
                </table>
                </>
            } } }
        </div>
    }
}

/// A config row as a line diff (`config-line`, `data-op`); runs of more than three lines the same
/// in both fold to one line that says how many.
fn config_lines(r: &strata_core::compare::ConfigRow, t: &strata_i18n::Strings) -> Html {
    let lines = r.lines();
    let mut out: Vec<Html> = Vec::new();
    let mut k = 0;
    while let Some(l) = lines.get(k) {
        let run = lines[k..].iter().take_while(|l| l.op == ' ').count();
        if run > 3 {
            out.push(html! { <li class="diff fold" data-fold={run.to_string()}>{ (t.compare_config_same)(run) }</li> });
            k += run;
            continue;
        }
        let class = match l.op {
            '+' => "add",
            '-' => "del",
            _ => "same",
        };
        out.push(html! {
            <li class={classes!("diff", class)}><span data-testid="config-line" data-op={l.op.to_string()}>{ l.text.clone() }</span></li>
        });
        k += 1;
    }
    html! { <ol class="file-diff-lines config-lines">{ for out }</ol> }
}

/// Each path of B that differs, and how (the map by change; removed paths are not in B's map).
fn changes_of(c: &Comparison) -> Shared<BTreeMap<String, Change>> {
    Shared(Rc::new(
        c.files.iter().filter(|f| f.change != Change::Removed).map(|f| (f.path.clone(), f.change)).collect(),
    ))
}

/// Props of [`ChangeMap`].
#[derive(Properties, PartialEq)]
pub struct MapProps {
    analysis: Shared<Analysis>,
    image: usize,
    changes: Shared<BTreeMap<String, Change>>,
    selected: Option<String>,
    on_path: Callback<Option<String>>,
    removed: usize,
    width: Option<f32>,
}

/// The size map of the image shown (B, merged) coloured by change: added, changed, the same
/// (`strata_diagram::sizes` with `changes`). A directory zooms in, Backspace goes up, a file
/// selects its row (and shows its two copies when it changed).
#[function_component]
fn ChangeMap(p: &MapProps) -> Html {
    let t = use_strings();
    let focus = use_state(|| "/".to_owned());
    // Only what changed by default: a small change in a big image is a sliver in the whole map.
    let whole = use_state(|| false);
    let scene = use_memo(
        (p.analysis.clone(), p.image, p.changes.clone(), (*focus).clone(), p.selected.clone(), *whole, p.width),
        |(an, image, changes, focus, selected, whole, width)| {
            let img = an.images.get(*image)?;
            // The size map of the screen (at its width), coloured by change.
            let params = SizesParams {
                selected_path: selected.clone(),
                width: *width,
                changes: Some(changes.0.clone()),
                changed_only: !*whole,
                ..SizesParams::default()
            };
            Some(Rc::new(strata_diagram::sizes::scene(img, focus, &params)))
        },
    );
    let Some(scene) = (*scene).clone() else { return html! {} };
    let on_activate = {
        let (focus, on_path, changes) = (focus.clone(), p.on_path.clone(), p.changes.clone());
        Callback::from(move |a: Activate| match a {
            Activate::Directory(d) => focus.set(d),
            Activate::Path(path) if changes.contains_key(&path) => on_path.emit(Some(path)),
            _ => {}
        })
    };
    let on_up = {
        let focus = focus.clone();
        Callback::from(move |_: ()| focus.set(strata_core::path::parent(&focus).to_owned()))
    };
    let scope = |all: bool, label: &'static str, action: &'static str| {
        let whole = whole.clone();
        html! {
            <button type="button" data-action={action} aria-pressed={(*whole == all).to_string()}
                    onclick={Callback::from(move |_| whole.set(all))}>{ label }</button>
        }
    };
    html! {
        <figure class="figure compare-map" data-testid="compare-map" data-focus={(*focus).clone()}
                data-scope={if *whole { "all" } else { "changed" }}>
            <div class="size-modes" role="group">
                { scope(false, t.compare_map_changed, "compare-map-changed") }
                { scope(true, t.compare_map_all, "compare-map-all") }
            </div>
            <Figure {scene} {on_activate} {on_up} />
            { if p.removed > 0 { html! { <figcaption class="file-note">{ (t.compare_map_removed)(p.removed) }</figcaption> } } else { html! {} } }
        </figure>
    }
}

/// The rows a virtualized list of `total` draws when its first visible row is `first`.
fn window(first: usize, total: usize) -> (usize, usize) {
    let from = first.saturating_sub(SPARE).min(total);
    let to = (first + WINDOW_PX / ROW_PX + SPARE).min(total).max(from);
    (from, to)
}

/// Props of [`CopiesDiff`].
#[derive(Properties, PartialEq)]
pub struct DiffProps {
    a_archive: Shared<Analysis>,
    b_archive: Shared<Analysis>,
    a: usize,
    b: usize,
    row: FileRow,
    read_a: ReadCopy,
    read_b: ReadCopy,
    on_off: Callback<MouseEvent>,
}

/// The line diff of a changed path's two copies (A's → B's), as the file panel draws it.
#[function_component]
fn CopiesDiff(p: &DiffProps) -> Html {
    let t = use_strings();
    let answers = use_state(|| (None::<CopyAnswer>, None::<CopyAnswer>));
    let node = |an: &Analysis, i: usize| -> Option<Node> {
        let img = an.images.get(i)?;
        img.tree.nodes.iter().find(|n| n.path == p.row.path).cloned()
    };
    {
        let answers = answers.clone();
        let sides = [(0, p.a_archive.clone(), p.a, p.read_a.clone()), (1, p.b_archive.clone(), p.b, p.read_b.clone())];
        let key = (p.a_archive.clone(), p.b_archive.clone(), p.a, p.b, p.row.path.clone());
        let path = p.row.path.clone();
        use_effect_with(key, move |_| {
            answers.set((None, None));
            let got = Rc::new(RefCell::new((None, None)));
            for (side, an, index, read) in sides {
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
    let (Some(from_node), Some(to_node)) = (node(&p.a_archive, p.a), node(&p.b_archive, p.b)) else { return html! {} };
    let name = |an: &Analysis, i: usize| {
        an.images.get(i).map(|img| img.tags.first().cloned().unwrap_or_else(|| img.short_id().to_owned()))
    };
    let heading = (t.compare_copies)(
        &name(&p.a_archive, p.a).unwrap_or_default(),
        from_node.layer,
        &name(&p.b_archive, p.b).unwrap_or_default(),
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

/// Where A comes from: a second archive (its name, reading, or its error; a button back to the
/// archive shown) and the control that opens one (a file input, or a drop on its zone).
fn other_source(p: &Props, t: &strata_i18n::Strings) -> Html {
    let on_file = p.on_other_file.clone();
    let onchange = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            on_file.emit(f);
        }
        input.set_value("");
    });
    let ondragover = Callback::from(|e: DragEvent| {
        e.prevent_default();
        e.stop_propagation();
    });
    let on_file = p.on_other_file.clone();
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        e.stop_propagation();
        if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            on_file.emit(f);
        }
    });
    let status = match &p.other {
        None => html! {},
        Some(o) => {
            let state = match &o.phase {
                Phase::Loading { .. } | Phase::Idle => "loading",
                Phase::Ready => "ready",
                Phase::Failed(_) => "failed",
            };
            let words = match &o.phase {
                Phase::Loading { bytes_done, bytes_total, .. } => format!(
                    "{} {}{}",
                    t.compare_other_reading,
                    bytes(*bytes_done),
                    bytes_total.map(|n| format!(" / {}", bytes(n))).unwrap_or_default()
                ),
                Phase::Failed(f) => f.words(t),
                _ => String::new(),
            };
            let clear = p.on_other_clear.reform(|_: MouseEvent| ());
            html! {
                <p class="compare-other" data-testid="compare-other" data-state={state} data-name={o.name.clone()}>
                    <span>{ (t.compare_other_from)(&o.name) }</span>
                    { if words.is_empty() { html! {} } else { html! {
                        <span class={classes!("file-note", (state == "failed").then_some("error"))} role={(state == "failed").then_some("alert")}>{ " " }{ words }</span>
                    } } }
                    { " " }<button type="button" data-action="compare-within" onclick={clear}>{ t.compare_within }</button>
                </p>
            }
        }
    };
    html! {
        <>
        { status }
        <div class="compare-drop" data-testid="compare-drop" {ondragover} {ondrop}>
            <label class="button">{ t.compare_other_open }
                <input type="file" data-testid="compare-file" class="visually-hidden" {onchange} />
            </label>
            <span class="file-note">{ " " }{ t.compare_other_drop }</span>
        </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_virtualized_list_draws_the_rows_in_view_and_a_margin() {
        assert_eq!(window(0, 5000), (0, WINDOW_PX / ROW_PX + SPARE));
        assert_eq!(window(1000, 5000), (1000 - SPARE, 1000 + WINDOW_PX / ROW_PX + SPARE));
        assert_eq!(window(4990, 5000), (4990 - SPARE, 5000), "the end is not passed");
        assert_eq!(window(9000, 5000), (5000, 5000), "a stale scroll position draws nothing, not a panic");
    }
}
