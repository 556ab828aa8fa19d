//! The page's Content-Security-Policy for connections (CSP Level 3, `connect-src`).
//!
//! `index.html` allows `'self'` plus any http(s) origin, because a documentation site may point
//! `?src=` at an archive served elsewhere (with CORS). At start-up, before anything is fetched, the
//! page adds a second policy naming only `'self'` and the one origin `?src=` names; a browser
//! enforces every policy, so from then on the page can reach nothing else.

/// The `connect-src` directive for a page whose `?src=` points at `src_origin` (as the URL
/// parser serialises it: `https://host:port`), or `'self'` alone. Anything that is not a plain
/// http(s) origin is refused rather than pasted into the policy.
pub fn connect_src(src_origin: Option<&str>, page_origin: &str) -> String {
    let allowed = src_origin.filter(|o| *o != page_origin).filter(|o| is_plain_origin(o));
    match allowed {
        Some(o) => format!("connect-src 'self' {o}"),
        None => "connect-src 'self'".to_owned(),
    }
}

fn is_plain_origin(o: &str) -> bool {
    let rest = o.strip_prefix("https://").or_else(|| o.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    })
}

/// Adds the start-up policy: connections to `'self'` and the origin of `src` (if any) only.
#[cfg(target_arch = "wasm32")]
pub fn install(src: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let page = window.location().origin().unwrap_or_default();
    let src_origin = src
        .and_then(|s| web_sys::Url::new_with_base(s, &window.location().href().unwrap_or_default()).ok())
        .map(|u| u.origin());
    let policy = connect_src(src_origin.as_deref(), &page);
    let Some(doc) = window.document() else { return };
    let (Ok(meta), Some(head)) = (doc.create_element("meta"), doc.head()) else { return };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", &policy);
    let _ = head.append_child(&meta);
}

#[cfg(test)]
mod tests {
    use super::connect_src;

    #[test]
    fn only_the_src_origin_is_added_and_nothing_odd_gets_into_the_policy() {
        let page = "http://127.0.0.1:8080";
        assert_eq!(connect_src(None, page), "connect-src 'self'");
        assert_eq!(connect_src(Some(page), page), "connect-src 'self'");
        assert_eq!(connect_src(Some("https://docs.example.org"), page), "connect-src 'self' https://docs.example.org");
        assert_eq!(connect_src(Some("http://[::1]:8083"), page), "connect-src 'self' http://[::1]:8083");
        assert_eq!(connect_src(Some("null"), page), "connect-src 'self'");
        assert_eq!(connect_src(Some("https://a.org; script-src *"), page), "connect-src 'self'");
        assert_eq!(connect_src(Some("ftp://a.org"), page), "connect-src 'self'");
        assert_eq!(connect_src(Some("https://"), page), "connect-src 'self'");
    }
}
