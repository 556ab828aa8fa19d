//! The file panel's longer English messages.

use strata_core::content::diff::Differs;
use strata_core::merge::Node;

/// What else changed between two copies, in words.
pub fn meta_change(what: Differs, old: &Node, new: &Node) -> String {
    match what {
        Differs::Content => format!("The content changed ({} → {} bytes).", old.size, new.size),
        Differs::Mode => format!("The mode changed: {:04o} → {:04o}.", old.mode & 0o7777, new.mode & 0o7777),
        Differs::Owner => format!("The owner changed: {}:{} → {}:{}.", old.uid, old.gid, new.uid, new.gid),
        Differs::Type => format!("The type changed: {} → {}.", old.kind.name(), new.kind.name()),
        Differs::Target => format!(
            "The link target changed: {} → {}.",
            old.target.as_deref().unwrap_or(""),
            new.target.as_deref().unwrap_or("")
        ),
    }
}
