//! A copy's bytes on screen ([`Content`]): text as lines (`file-line`, the number outside it), a
//! binary as a hex dump (`hex-row`, as `hexdump -C`), a PNG/JPEG/GIF/WebP as an `<img>` from a
//! `blob:` URL (SVG is text: never put inline), at most the first MiB with a Download for the whole
//! copy; and two copies compared ([`Compare`]): a line diff (`diff-line`, `data-op`), or both sizes
//! and digests for binaries, and what else changed in words. How bytes are shown is decided in the
//! core (`strata_core::content::{show, diff}`); this file only draws it.

use super::{bytes, markup, use_strings};
use crate::state::copy::{CopyAnswer, CopyAsk, ReadCopy};
use std::rc::Rc;
use strata_core::content::diff::{differs, line_diff, Differs};
use strata_core::content::show::{self, Shown, HEX_ROW, SHOWN};
use strata_core::merge::Node;
use yew::prelude::*;

/// Hex rows drawn at first (64 KiB); "more" adds as many again.
const HEX_PAGE: usize = 4096;

/// Props of [`Content`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The copy's entry.
    pub node: Node,
    /// Its bytes, once read.
    pub answer: Option<CopyAnswer>,
    /// Reads copies (for the download).
    pub read: ReadCopy,
    /// The download of the whole copy.
    pub download: Option<CopyAsk>,
}

/// The kind a copy is drawn as (`data-kind`).
fn kind_name(shown: Shown) -> &'static str {
    match shown {
        Shown::Text => "text",
        Shown::Hex => "hex",
        Shown::Image(_) => "image",
        Shown::Empty => "empty",
    }
}

/// A copy's bytes.
#[function_component]
pub fn Content(p: &Props) -> Html {
    let t = use_strings();
    let hex_rows = use_state(|| HEX_PAGE);
    let saving = use_state(|| None::<String>);
    let head = match &p.answer {
        Some(CopyAnswer::Read { head, .. }) => Some(head.clone()),
        _ => None,
    };
    let image_url = use_blob_url(head.clone());
    // A text's lines as markup, made once per answer: the panel draws again on every change of its
    // own state (a download started, more hex rows), and a MiB of lines takes a tenth of a second.
    let lines = use_memo(p.answer.clone(), |answer| match answer {
        Some(CopyAnswer::Read { size, head, .. }) if show::classify(head) == Shown::Text => {
            AttrValue::from(markup::file_lines(&show::shown_lines(show::text(head), *size > SHOWN)))
        }
        _ => AttrValue::default(),
    });
    let size = p.node.size.to_string();
    let (read_size, sha256, head) = match (&p.answer, head) {
        (None, _) => {
            return html! {
                <div class="file-content" data-testid="file-content" data-kind="loading" data-bytes={size}>
                    <p class="pending" role="status">{ t.file_reading }</p>
                </div>
            }
        }
        (Some(CopyAnswer::Failed(why)), _) => {
            return html! {
                <div class="file-content" data-testid="file-content" data-kind="error" data-bytes={size}>
                    <p class="bad" role="alert">{ (t.file_read_failed)(why) }</p>
                </div>
            }
        }
        (Some(CopyAnswer::Read { size, sha256, .. }), Some(head)) => (*size, sha256.clone(), head),
        (Some(CopyAnswer::Read { .. }), None) => return html! {},
    };
    let shown = show::classify(&head);
    let too_large = read_size > SHOWN;
    let kind = if too_large { "too-large" } else { kind_name(shown) };
    let on_download = p.download.clone().map(|ask| {
        let (read, saving) = (p.read.clone(), saving.clone());
        Callback::from(move |_: MouseEvent| {
            saving.set(Some(String::new()));
            let saving = saving.clone();
            read.ask(
                ask.clone(),
                Callback::from(move |a| {
                    saving.set(match a {
                        CopyAnswer::Failed(why) => Some(why),
                        CopyAnswer::Read { .. } => None,
                    })
                }),
            );
        })
    });
    let sha_short = sha256.get(..12).unwrap_or(&sha256).to_owned();
    let drawn = match shown {
        Shown::Empty => html! { <p class="file-note">{ t.file_empty }</p> },
        Shown::Text => html! { <div class="file-lines">{ markup::html((*lines).clone()) }</div> },
        Shown::Image(_) if !too_large => html! {
            <img class="file-image" src={(*image_url).clone()} alt={p.node.path.to_string()} data-testid="file-image" />
        },
        Shown::Hex | Shown::Image(_) => {
            let limit = (*hex_rows).min(head.len().div_ceil(HEX_ROW));
            let more = (limit * HEX_ROW < head.len()).then(|| {
                let hex_rows = hex_rows.clone();
                Callback::from(move |_: MouseEvent| hex_rows.set(*hex_rows + HEX_PAGE))
            });
            html! {
                <>
                    <pre class="file-hex">{ for show::hex_rows(&head).take(limit).map(|row| html! {
                        <div data-testid="hex-row">{ row }</div>
                    }) }</pre>
                    { for more.map(|onclick| html! { <button type="button" data-action="more-hex" {onclick}>{ "…" }</button> }) }
                </>
            }
        }
    };
    html! {
        <div class="file-content" data-testid="file-content" data-kind={kind} data-bytes={read_size.to_string()}
             data-shown={kind_name(shown)} data-sha256={sha256.clone()}>
            <div class="file-meta">
                <span class="copy-of">{ (t.file_copy_of)(p.node.layer, &bytes(read_size), &sha_short) }</span>
                { for on_download.map(|onclick| html! {
                    <button type="button" data-action="download-file" {onclick} disabled={saving.as_deref() == Some("")}>{ t.file_download }</button>
                }) }
            </div>
            { for saving.as_ref().filter(|s| !s.is_empty()).map(|why| html! { <p class="bad" role="alert">{ (t.file_read_failed)(why) }</p> }) }
            { if too_large { html! { <p class="file-note">{ (t.file_too_large)(&bytes(SHOWN), &bytes(read_size)) }</p> } } else { html! {} } }
            { drawn }
        </div>
    }
}

/// A `blob:` URL for an image's bytes while they are shown (revoked after).
#[hook]
fn use_blob_url(head: Option<Rc<Vec<u8>>>) -> UseStateHandle<Option<String>> {
    let url = use_state(|| None::<String>);
    {
        let url = url.clone();
        let key = head.as_ref().map(|h| Rc::as_ptr(h) as usize);
        use_effect_with(key, move |_| {
            let made =
                head.as_ref().and_then(|h| show::image_type(h).map(|mime| (h.clone(), mime))).and_then(|(h, mime)| {
                    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&h[..]));
                    let options = web_sys::BlobPropertyBag::new();
                    options.set_type(mime);
                    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
                    web_sys::Url::create_object_url_with_blob(&blob).ok()
                });
            url.set(made.clone());
            move || {
                if let Some(u) = made {
                    let _ = web_sys::Url::revoke_object_url(&u);
                }
            }
        });
    }
    url
}

/// Props of [`Compare`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The older copy's layer.
    pub from: usize,
    /// The newer (shown) copy's layer.
    pub to: usize,
    /// The older copy's entry.
    pub from_node: Node,
    /// The newer copy's entry.
    pub to_node: Node,
    /// The older copy's bytes (`None` while reading, or when it is not a file).
    pub from_answer: Option<CopyAnswer>,
    /// The newer copy's bytes.
    pub to_answer: Option<CopyAnswer>,
    /// Leave the comparison.
    pub on_off: Callback<MouseEvent>,
    /// The heading, when the copies are not two layers of one image (the compare view's).
    #[prop_or_default]
    pub heading: Option<AttrValue>,
}

/// Two copies compared.
#[function_component]
pub fn Compare(p: &CompareProps) -> Html {
    let t = use_strings();
    let read = |a: &Option<CopyAnswer>| match a {
        Some(CopyAnswer::Read { size, sha256, head }) => Some((*size, sha256.clone(), head.clone())),
        _ => None,
    };
    let failed = [&p.from_answer, &p.to_answer].into_iter().find_map(|a| match a {
        Some(CopyAnswer::Failed(why)) => Some(why.clone()),
        _ => None,
    });
    let body = match (read(&p.from_answer), read(&p.to_answer), failed) {
        (_, _, Some(why)) => html! { <p class="bad" role="alert">{ (t.file_read_failed)(&why) }</p> },
        (Some((a_size, a_sha, a)), Some((b_size, b_sha, b)), None) => {
            let same = a_sha == b_sha;
            let meta: Vec<Differs> =
                differs(&p.from_node, &p.to_node, same).into_iter().filter(|d| *d != Differs::Content).collect();
            let texts = [&a, &b].iter().all(|h| matches!(show::classify(h), Shown::Text | Shown::Empty));
            let lines = if same {
                html! { <p class="file-note">{ t.file_same_text }</p> }
            } else if texts {
                html! {
                    <ol class="file-diff-lines">
                        { for line_diff(show::text(&a), show::text(&b)).into_iter().map(|l| html! {
                            <li class={classes!("diff", match l.op { '+' => "add", '-' => "del", _ => "same" })}
                                data-old={l.old.map(|n| n.to_string())} data-new={l.new.map(|n| n.to_string())}>
                                <span data-testid="diff-line" data-op={l.op.to_string()}>{ l.text }</span>
                            </li>
                        }) }
                    </ol>
                }
            } else {
                html! { <p class="file-note" data-testid="binary-diff">{
                    (t.file_binary_diff)(p.from, &bytes(a_size), &a_sha, p.to, &bytes(b_size), &b_sha)
                }</p> }
            };
            html! {
                <>
                    { for meta.into_iter().map(|d| html! { <p class="file-note meta-change" data-what={format!("{d:?}").to_lowercase()}>{ (t.file_meta_change)(d, &p.from_node, &p.to_node) }</p> }) }
                    { lines }
                </>
            }
        }
        _ => html! { <p class="pending" role="status">{ t.file_reading }</p> },
    };
    html! {
        <div class="file-diff" data-testid="file-diff" data-from={p.from.to_string()} data-to={p.to.to_string()}>
            <div class="file-meta">
                <span>{ p.heading.as_ref().map_or_else(|| (t.file_compare)(p.from, p.to), |h| h.to_string()) }</span>
                <button type="button" data-action="compare-off" onclick={p.on_off.clone()}>{ t.file_compare_off }</button>
            </div>
            { body }
        </div>
    }
}
