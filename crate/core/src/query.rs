//! Path queries over a tree or a change list: substring and glob filters, and sorts. One
//! implementation for the CLI (`strata ls --filter`) and the page (the Files view's search box),
//! so they never disagree.
//!
//! A query without glob characters matches as a case-insensitive substring of the whole path. A
//! glob (`*`, `?`, `[…]`, `{a,b}`, `**`; matched by the `fast-glob` crate, where `*` never crosses
//! a `/`) matches the file name when it holds no `/` (`*.conf`), and the whole path otherwise:
//! `/etc/*.conf` from the root, `app/**/*.csv` anywhere below a directory named `app`.

use crate::merge::Node;
use crate::path;
use std::fmt;

/// A parsed path filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathQuery {
    /// Matches every path.
    All,
    /// A case-insensitive substring of the path (stored lowercased).
    Substring(String),
    /// A glob over the file name (the pattern has no `/`).
    NameGlob(String),
    /// A glob over the whole absolute path.
    PathGlob(String),
}

/// A glob that cannot be matched reliably (an unclosed `[` or `{`, a trailing `\`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPattern {
    /// The pattern as given.
    pub pattern: String,
    /// Where the problem is (a byte offset into the pattern).
    pub at: usize,
    /// What is wrong, in English (the glob matcher's words).
    pub why: String,
}

impl fmt::Display for BadPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a valid glob: {}", self.pattern, self.why)
    }
}

impl std::error::Error for BadPattern {}

const GLOB_CHARS: [char; 4] = ['*', '?', '[', '{'];

impl PathQuery {
    /// Parses what a user typed (surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<PathQuery, BadPattern> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(PathQuery::All);
        }
        if !text.contains(GLOB_CHARS) {
            return Ok(PathQuery::Substring(text.to_lowercase()));
        }
        if let Err(e) = fast_glob::validate(text) {
            return Err(BadPattern { pattern: text.to_owned(), at: e.index, why: e.to_string() });
        }
        Ok(if !text.contains('/') {
            PathQuery::NameGlob(text.to_owned())
        } else if text.starts_with('/') {
            PathQuery::PathGlob(text.to_owned())
        } else {
            PathQuery::PathGlob(format!("/**/{text}"))
        })
    }

    /// Whether `path` (normalized, absolute) matches.
    pub fn matches(&self, path: &str) -> bool {
        match self {
            PathQuery::All => true,
            PathQuery::Substring(s) => path.to_lowercase().contains(s.as_str()),
            PathQuery::NameGlob(g) => fast_glob::glob_match(g, path::file_name(path)),
            PathQuery::PathGlob(g) => fast_glob::glob_match(g, path),
        }
    }

    /// Whether this query matches everything.
    pub fn is_all(&self) -> bool {
        *self == PathQuery::All
    }
}

/// How rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Tree order: parents before children, siblings by name.
    #[default]
    Tree,
    /// Largest first; equal sizes by path.
    SizeDescending,
}

/// Sorts rows by `sort`, reading each row's node with `node`.
pub fn sort_rows<T>(rows: &mut [T], sort: Sort, node: impl Fn(&T) -> &Node) {
    match sort {
        Sort::Tree => crate::order::sort_by(rows, |a, b| path::tree_order(&node(a).path, &node(b).path)),
        Sort::SizeDescending => crate::order::sort_by(rows, |a, b| {
            node(b).size.cmp(&node(a).size).then_with(|| node(a).path.cmp(&node(b).path))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> PathQuery {
        PathQuery::parse(s).unwrap_or(PathQuery::All)
    }

    #[test]
    fn substrings_globs_on_names_and_on_paths() {
        assert!(q("").matches("/anything"));
        assert!(q("  ").is_all());
        assert!(q("CONFIG").matches("/app/config.ini"), "substrings ignore case");
        assert!(!q("conf/").matches("/app/config.ini"));
        assert!(q("*.csv").matches("/app/data/records.csv"), "a name glob looks at the name only");
        assert!(!q("*.csv").matches("/app/data.csv/readme"));
        assert!(q("rec?rds.*").matches("/x/records.csv"));
        assert!(q("/app/*.ini").matches("/app/config.ini"));
        assert!(!q("/app/*.ini").matches("/app/sub/config.ini"), "* does not cross /");
        assert!(q("/app/**/*.csv").matches("/app/data/records.csv"));
        assert!(q("data/*.csv").matches("/app/data/records.csv"), "a relative path glob matches anywhere");
        assert!(!q("data/*.csv").matches("/app/database/records.csv"));
        assert!(q("*.{ini,csv}").matches("/app/config.ini"));
        assert!(q("[rs]*.csv").matches("/d/records.csv"));
        let bad = PathQuery::parse("*.{ini").expect_err("unclosed brace");
        assert!(bad.to_string().contains("not a valid glob"), "{bad}");
    }

    #[test]
    fn sorts_by_tree_order_or_size() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let mut rows: Vec<&Node> = a.images[0].tree.nodes.iter().collect();
        sort_rows(&mut rows, Sort::SizeDescending, |n| n);
        assert_eq!(rows[0].path, "/bin/sh");
        assert!(rows.windows(2).all(|w| w[0].size >= w[1].size));
        sort_rows(&mut rows, Sort::Tree, |n| n);
        let tree: Vec<&str> = a.images[0].tree.nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(rows.iter().map(|n| n.path.as_str()).collect::<Vec<_>>(), tree);
    }
}
