//! Two copies of a path compared: a minimal line diff of text copies (the `similar` crate's Myers
//! diff, the algorithm of `git diff` and GNU diff), and for any two copies what differs in words
//! the page and the CLI translate: content (size, sha256), mode, owner, type, link target.

use crate::layer::EntryKind;
use crate::merge::Node;
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

/// One line of a line diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    /// `' '` in both, `'+'` only in the newer copy, `'-'` only in the older one.
    pub op: char,
    /// The line, without its newline.
    pub text: String,
    /// Its number in the older copy (1-based), when it is there.
    pub old: Option<usize>,
    /// Its number in the newer copy (1-based), when it is there.
    pub new: Option<usize>,
}

/// The minimal line diff from `old` to `new`, every line of both in order (unchanged lines too).
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_lines(old, new);
    diff.iter_all_changes()
        .map(|c| DiffLine {
            op: match c.tag() {
                ChangeTag::Equal => ' ',
                ChangeTag::Insert => '+',
                ChangeTag::Delete => '-',
            },
            text: c.value().strip_suffix('\n').unwrap_or(c.value()).to_owned(),
            old: c.old_index().map(|i| i + 1),
            new: c.new_index().map(|i| i + 1),
        })
        .collect()
}

/// What differs between two copies' entries (the bytes are compared by the caller's digests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Differs {
    /// The bytes (sizes or sha256 differ).
    Content,
    /// Permission bits.
    Mode,
    /// uid or gid.
    Owner,
    /// File, directory, link, …
    Type,
    /// A link's target.
    Target,
}

/// What differs from copy `old` to copy `new`, given whether their bytes are the same.
pub fn differs(old: &Node, new: &Node, same_bytes: bool) -> Vec<Differs> {
    let mut v = Vec::new();
    if old.kind != new.kind {
        v.push(Differs::Type);
    }
    let has_bytes = |n: &Node| matches!(n.kind, EntryKind::File | EntryKind::Hardlink);
    if has_bytes(old) && has_bytes(new) && (!same_bytes || old.size != new.size) {
        v.push(Differs::Content);
    }
    if old.mode & 0o7777 != new.mode & 0o7777 {
        v.push(Differs::Mode);
    }
    if (old.uid, old.gid) != (new.uid, new.gid) {
        v.push(Differs::Owner);
    }
    if old.kind == EntryKind::Symlink && new.kind == EntryKind::Symlink && old.target != new.target {
        v.push(Differs::Target);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_diff_with_line_numbers() {
        let d = line_diff("[app]\nport = 8080\ndebug = true\n", "[app]\nport = 9090\ndebug = true\nlog = info");
        let ops: String = d.iter().map(|l| l.op).collect();
        assert_eq!(ops, " -+ +");
        assert_eq!(d[1].text, "port = 8080");
        assert_eq!((d[1].old, d[1].new), (Some(2), None));
        assert_eq!((d[2].old, d[2].new), (None, Some(2)));
        assert_eq!(d[4].text, "log = info");
        assert!(line_diff("same\n", "same\n").iter().all(|l| l.op == ' '));
        assert_eq!(line_diff("", "a\n").len(), 1);
    }
}
