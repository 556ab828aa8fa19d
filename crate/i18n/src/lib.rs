//! # strata-i18n
//!
//! Every word Strata shows a person, in English and 简体中文: one [`Strings`] struct, one table per
//! language ([`en::EN`], [`zh_cn::ZH_CN`]). A table is a `static` of that struct, so a language that
//! lacks a string does not compile. Messages with parameters are functions (`fn(usize) -> String`),
//! because the languages put the parameters in different places. Problems the core reports are
//! worded here from their [`ProblemKind`](strata_core::ProblemKind), never from the core's English.
//!
//! The page and `strata diagram --lang` both take their words from here, so a figure exported from
//! the page equals the one the CLI writes. The CLI's own messages stay English.
//!
//! ```
//! use strata_i18n::Lang;
//! let lang = Lang::from_browser(&["zh-TW".to_owned(), "en".to_owned()]);
//! assert_eq!(lang, Lang::ZhCn);
//! assert_eq!((lang.strings().entries)(3), "3 个条目");
//! assert_eq!((Lang::En.strings().entries)(12345), "12,345 entries");
//! ```

#![deny(missing_docs)]
// Drawing never panics on what an image holds.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod classroom_en;
mod classroom_zh;
pub mod en;
mod figure_en;
mod figure_zh;
mod file_en;
mod file_zh;
mod format;
mod strings;
pub mod zh_cn;

pub use format::{group_digits, Timestamp};
pub use strings::Strings;

/// A language the page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Every language, in the order the switch offers them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag: `en` or `zh-CN` (for `<html lang>` and `?lang=`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// A language from a BCP 47 tag: `en*` → English, `zh*` → Chinese (case-insensitive);
    /// `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The language for a browser whose preferred languages are `languages` (most preferred first):
    /// the first one Strata speaks, English when none.
    pub fn from_browser(languages: &[String]) -> Lang {
        languages.iter().find_map(|l| Lang::parse(l)).unwrap_or_default()
    }

    /// The words of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &en::EN,
            Lang::ZhCn => &zh_cn::ZH_CN,
        }
    }
}

#[cfg(test)]
mod tests;
