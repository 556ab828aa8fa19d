//! A normalized path ([`crate::path`]) stored once and shared: a merged-tree [`crate::merge::Node`]
//! and the change row that shows the same version of it hold one copy of the path between them.
//!
//! A large image has one change row for nearly every entry and one node for every visible path;
//! before paths were shared each of them held its own copy (about 50 bytes per entry on the
//! million-entry benchmark, README "Memory"). Cloning a `SharedPath` copies a pointer.
//!
//! It reads like a `&str` (`Deref`, `as_str`, comparisons with `str`) and is written to JSON as a
//! plain string, so the listings are byte-for-byte what they were with `String`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A path held once, shared by every clone.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SharedPath(Arc<str>);

impl SharedPath {
    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for SharedPath {
    fn from(s: String) -> Self {
        SharedPath(s.into())
    }
}

impl From<&str> for SharedPath {
    fn from(s: &str) -> Self {
        SharedPath(s.into())
    }
}

impl From<SharedPath> for String {
    fn from(p: SharedPath) -> Self {
        p.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for SharedPath {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedPath {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedPath {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<SharedPath> for str {
    fn eq(&self, other: &SharedPath) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedPath> for &str {
    fn eq(&self, other: &SharedPath) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedPath> for String {
    fn eq(&self, other: &SharedPath) -> bool {
        self.as_str() == &*other.0
    }
}

impl fmt::Display for SharedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SharedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for SharedPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedPath::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_copy() {
        let a = SharedPath::from("/etc/passwd");
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(Arc::strong_count(&a.0), 2);
    }

    #[test]
    fn reads_and_compares_like_text() {
        let p = SharedPath::from(String::from("/usr/bin/perl"));
        assert_eq!(p, "/usr/bin/perl");
        assert_eq!("/usr/bin/perl", p);
        assert!(p.starts_with("/usr/"));
        assert_eq!(format!("{p} {p:?}"), "/usr/bin/perl \"/usr/bin/perl\"");
        let (a, b) = (SharedPath::from("/a"), SharedPath::from("/b"));
        assert!(a < b);
    }

    #[test]
    fn is_a_plain_string_in_json() {
        let p = SharedPath::from("/bin/sh");
        let text = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(text, "\"/bin/sh\"");
        let back: Result<SharedPath, _> = serde_json::from_str(&text);
        assert_eq!(back.ok(), Some(p));
    }
}
