//! What differs between a modified path and the version it replaces ([`Detail`]), and the set of
//! them a change row carries ([`Details`]).
//!
//! A set of seven flags in one byte rather than a list: a large image has a change row for nearly
//! every entry, and a `Vec` in each would cost 24 bytes (and an allocation for every modified
//! row). It is written to JSON as the list it was, in the order [`Detail`] declares.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What differs between a modified path and the version it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Detail {
    /// The bytes differ.
    Content,
    /// The size differs.
    Size,
    /// The kind differs (file, dir, symlink, …).
    Type,
    /// The permission bits differ.
    Mode,
    /// The owner (uid or gid) differs.
    Owner,
    /// The link target differs.
    Target,
    /// Nothing differs: the layer stores an identical copy.
    Identical,
}

impl Detail {
    /// Every detail, in the order a row lists them.
    pub const ALL: [Detail; 7] =
        [Detail::Content, Detail::Size, Detail::Type, Detail::Mode, Detail::Owner, Detail::Target, Detail::Identical];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Detail`]s, listed in [`Detail::ALL`]'s order.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Details(u8);

impl Details {
    /// No detail (the rows of added and deleted paths).
    pub const NONE: Details = Details(0);

    /// Whether the set holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// Adds `d` to the set.
    pub fn insert(&mut self, d: Detail) {
        self.0 |= d.bit();
    }

    /// Whether `d` is in the set.
    pub fn contains(&self, d: Detail) -> bool {
        self.0 & d.bit() != 0
    }

    /// How many details the set holds.
    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// The details, in [`Detail::ALL`]'s order.
    pub fn iter(&self) -> impl Iterator<Item = Detail> + '_ {
        Detail::ALL.into_iter().filter(|d| self.contains(*d))
    }

    /// The details as a list.
    pub fn to_vec(&self) -> Vec<Detail> {
        self.iter().collect()
    }
}

impl From<Detail> for Details {
    fn from(d: Detail) -> Self {
        Details(d.bit())
    }
}

impl FromIterator<Detail> for Details {
    fn from_iter<I: IntoIterator<Item = Detail>>(items: I) -> Self {
        let mut set = Details::NONE;
        items.into_iter().for_each(|d| set.insert(d));
        set
    }
}

impl PartialEq<Vec<Detail>> for Details {
    fn eq(&self, other: &Vec<Detail>) -> bool {
        self.to_vec() == *other
    }
}

impl fmt::Debug for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Details {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Details {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Detail>::deserialize(d).map(|list| list.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_declared_order_whatever_the_insertion_order() {
        let d: Details = [Detail::Owner, Detail::Content, Detail::Size].into_iter().collect();
        assert_eq!(d.to_vec(), vec![Detail::Content, Detail::Size, Detail::Owner]);
        assert_eq!(d.len(), 3);
        assert!(d.contains(Detail::Size) && !d.contains(Detail::Mode));
        assert!(Details::NONE.is_empty() && Details::NONE.iter().next().is_none());
    }

    #[test]
    fn every_detail_has_its_own_bit() {
        let all: Details = Detail::ALL.into_iter().collect();
        assert_eq!(all.to_vec(), Detail::ALL.to_vec());
        for d in Detail::ALL {
            assert_eq!(Details::from(d).to_vec(), vec![d]);
        }
    }

    #[test]
    fn is_the_same_json_list_as_before() {
        let d: Details = [Detail::Size, Detail::Content].into_iter().collect();
        let text = serde_json::to_string(&d).unwrap_or_default();
        assert_eq!(text, r#"["content","size"]"#);
        let back: Result<Details, _> = serde_json::from_str(&text);
        assert_eq!(back.ok(), Some(d));
        assert_eq!(serde_json::to_string(&Details::NONE).unwrap_or_default(), "[]");
    }
}
