//! The share toolbar: the figure as SVG or PNG, the analysis as JSON, and a link to this screen.
//!
//! Hooks: buttons `data-action` = `export-svg`, `export-png`, `export-json`, `copy-link`; the
//! status `data-testid="share-status"`.

use super::use_strings;
use yew::prelude::*;

/// What the toolbar was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// The figure as a standalone SVG.
    Svg,
    /// The figure as a PNG at twice its size.
    Png,
    /// The analysis as `strata inspect --json` prints it.
    Json,
    /// The permalink of this screen, to the clipboard.
    Link,
}

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether a figure is shown (SVG and PNG need one).
    pub figure: bool,
    /// A button was pressed.
    pub on_share: Callback<Share>,
    /// What happened last (`None`: nothing to say).
    pub status: Option<AttrValue>,
}

/// The toolbar.
#[function_component]
pub fn ShareBar(p: &Props) -> Html {
    let t = use_strings();
    let button = |what: Share, action: &'static str, label: &'static str, enabled: bool| {
        let on_share = p.on_share.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_share.emit(what));
        html! { <button type="button" data-action={action} {onclick} disabled={!enabled}>{ label }</button> }
    };
    html! {
        <div class="share" role="toolbar" aria-label={t.share_label}>
            { button(Share::Svg, "export-svg", t.export_svg, p.figure) }
            { button(Share::Png, "export-png", t.export_png, p.figure) }
            { button(Share::Json, "export-json", t.export_json, true) }
            { button(Share::Link, "copy-link", t.copy_link, true) }
            <span class="share-status" data-testid="share-status" aria-live="polite">{ p.status.clone().unwrap_or_default() }</span>
        </div>
    }
}
