//! Sharing a screen: the permalink of what is shown (the archive's `?src=` or `?sample=`, the
//! language and theme in the query; view, image, layer, path, select and step in the hash), the
//! full app's address for an embedded figure, and the names of exported files.
//!
//! Embedded figures take the screen from the query too (`?embed=1&src=…&view=layers&path=/etc`),
//! as the embedding snippets write it; [`Route::from_hash`] reads either form, the hash winning.

use super::route::Route;
use super::theme::ThemeChoice;
use strata_i18n::Lang;

/// The query keys that say the screen (the route's keys); in the app they live in the hash.
pub const ROUTE_KEYS: [&str; 7] = ["view", "image", "layer", "mode", "path", "select", "step"];

/// Query keys of embed mode only.
pub const EMBED_KEYS: [&str; 2] = ["embed", "player"];

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The app's address for a screen: the query pairs of the page kept (the archive, `present`, …)
/// except the route's and embed mode's, with `lang` and `theme` set; the route in the hash.
/// `query` is the decoded pairs of the page's address.
pub fn app_address(query: &[(String, String)], route: &Route, lang: Lang, theme: ThemeChoice) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .filter(|(k, _)| {
            !ROUTE_KEYS.contains(&k.as_str()) && !EMBED_KEYS.contains(&k.as_str()) && k != "lang" && k != "theme"
        })
        .cloned()
        .collect();
    pairs.push(("lang".into(), lang.tag().into()));
    pairs.push(("theme".into(), theme.key().into()));
    let search: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    format!("?{}{}", search.join("&"), route.to_hash())
}

/// The route an embedded figure's query asks for, with the page's hash (if any) winning.
pub fn embed_route(query: &[(String, String)], hash: &str) -> Route {
    let from_query: Vec<String> = query
        .iter()
        .filter(|(k, _)| ROUTE_KEYS.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    let hash = hash.trim_start_matches('#');
    let joined = if hash.is_empty() { from_query.join("&") } else { format!("{}&{hash}", from_query.join("&")) };
    Route::from_hash(&joined)
}

/// The stem of an exported file for an image: its first tag's name (`vizapp` for
/// `docker.io/library/vizapp:1.0`), else its short id, in characters any file system takes.
pub fn file_stem(tags: &[String], id: &str) -> String {
    let named = tags.first().map(|t| t.rsplit('/').next().unwrap_or(t).split(':').next().unwrap_or(t).to_owned());
    let raw = named.filter(|n| !n.is_empty()).unwrap_or_else(|| strata_core::digest::short_id(id).to_owned());
    let clean: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '-' })
        .collect();
    if clean.trim_matches(['-', '.']).is_empty() {
        "image".to_owned()
    } else {
        clean
    }
}

/// The name of an export: `vizapp-layers.svg`.
pub fn export_name(stem: &str, view: &str, ext: &str) -> String {
    format!("{stem}-{view}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::route::View;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_app_address_keeps_the_archive_and_says_language_theme_and_screen() {
        let route = Route { view: View::Layers, path: Some("/etc/app".into()), step: Some(3), ..Route::default() };
        let query = q(&[("src", "https://x.test/a b.tar"), ("embed", "1"), ("view", "stack"), ("lang", "en")]);
        assert_eq!(
            app_address(&query, &route, Lang::ZhCn, ThemeChoice::Dark),
            "?src=https://x.test/a%20b.tar&lang=zh-CN&theme=dark#view=layers&image=0&path=/etc/app&step=3"
        );
        assert_eq!(
            app_address(&q(&[("sample", "replace")]), &Route::default(), Lang::En, ThemeChoice::Auto),
            "?sample=replace&lang=en&theme=auto#view=stack&image=0"
        );
    }

    #[test]
    fn an_embed_takes_its_screen_from_the_query_and_the_hash_wins() {
        let query = q(&[("embed", "1"), ("src", "a.tar"), ("view", "layers"), ("path", "/etc"), ("step", "3")]);
        let r = embed_route(&query, "");
        assert_eq!((r.view, r.path.as_deref(), r.step), (View::Layers, Some("/etc"), Some(3)));
        let r = embed_route(&query, "#view=union&image=0");
        assert_eq!((r.view, r.path.as_deref()), (View::Union, Some("/etc")));
        assert_eq!(embed_route(&q(&[("path", "/a b")]), "").path.as_deref(), Some("/a b"));
    }

    #[test]
    fn exports_are_named_after_the_image_and_the_view() {
        let tags = vec!["docker.io/library/vizapp:legacy-overlay2".to_owned()];
        assert_eq!(export_name(&file_stem(&tags, "sha256:0937d1701893aa"), "layers", "svg"), "vizapp-layers.svg");
        assert_eq!(file_stem(&[], "sha256:0937d1701893aabbcc"), "0937d1701893");
        assert_eq!(file_stem(&["my app:1".into()], "x"), "my-app");
        assert_eq!(file_stem(&[":".into()], "sha256:"), "image");
    }
}
