//! The theme the page is asked for: `?theme=auto|light|dark` or the header's switch. `auto`
//! follows the system (`prefers-color-scheme`), the others hold whatever the system says.

use strata_diagram::Theme;

/// The theme asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order of the switch.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark];

    /// The name in the URL (`theme=`).
    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The choice a `theme=` value names.
    pub fn parse(key: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The theme drawn when the system prefers dark (`system_dark`) or not.
    pub fn resolve(self, system_dark: bool) -> Theme {
        match self {
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::Dark => Theme::Dark,
            ThemeChoice::Auto if system_dark => Theme::Dark,
            ThemeChoice::Auto => Theme::Light,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_and_resolve() {
        for c in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::parse(c.key()), Some(c));
        }
        assert_eq!(ThemeChoice::parse("blue"), None);
        assert_eq!(ThemeChoice::Auto.resolve(true), Theme::Dark);
        assert_eq!(ThemeChoice::Auto.resolve(false), Theme::Light);
        assert_eq!(ThemeChoice::Light.resolve(true), Theme::Light);
        assert_eq!(ThemeChoice::Dark.resolve(false), Theme::Dark);
    }
}
