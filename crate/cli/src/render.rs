//! Human-readable output helpers.

pub use strata_core::units::human_bytes as bytes;

/// Cuts `s` to at most `n` characters, with an ellipsis.
pub fn ellipsize(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(ellipsize("abcdef", 4), "abc…");
    }
}
