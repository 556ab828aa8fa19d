//! The classroom's words in English: samples, the player's captions, the container.

use strata_core::container::{Action, Refused};
use strata_core::steps::StepFacts;

/// A sample's title and sentence.
pub fn sample(name: &str) -> (&'static str, &'static str) {
    match name {
        "base" => ("One base layer", "An image can be a single read-only layer: its ID is what docker pull prints."),
        "add-layers" => {
            ("Adding layers", "A base, then \"add Python\", then a security patch: every change adds a layer on top.")
        }
        "two-layers" => ("Two layers, six files", "Two layers of three files each: the image holds all six."),
        "replace" => ("An upper file wins", "File 7 in the top layer is a newer file 5: seven written, six seen."),
        "whiteouts" => (
            "Deleting in a layer",
            "A file removed, a directory removed with rm -rf, a directory replaced whole: whiteouts at work.",
        ),
        "shared-base" => ("Shared base layers", "Two images built on the same base: the base is stored once."),
        "waste" => (
            "Why the image stays big",
            "A download added in one step and deleted in the next still takes room in the lower layer.",
        ),
        _ => ("", ""),
    }
}

/// What a step did.
pub fn caption(facts: &StepFacts, size: &str) -> String {
    match facts {
        StepFacts::Empty => {
            "The empty image: no layer yet. Step through the build to see each layer land on the stack.".to_owned()
        }
        StepFacts::Metadata { instruction } => format!("{instruction} — sets metadata only: no layer"),
        StepFacts::Layer { instruction, added, modified, deleted, .. } => {
            let mut parts = Vec::new();
            if *added > 0 || (*modified == 0 && *deleted == 0) {
                parts.push(format!("adds {added} {} ({size})", if *added == 1 { "file" } else { "files" }));
            }
            if *modified > 0 {
                parts.push(format!("replaces {modified}"));
            }
            if *deleted > 0 {
                parts.push(format!("deletes {deleted}"));
            }
            format!("{instruction} — {}", parts.join(", "))
        }
    }
}

/// What a container action did.
pub fn container_caption(action: &Action, size: &str) -> String {
    match action {
        Action::Edit { path } => format!(
            "Copy-up: {path} is copied whole into the writable layer and a line is appended there (now {size}); the lower copy is hidden."
        ),
        Action::Delete { path } => format!("Whiteout: a marker in the writable layer hides {path} and everything below it."),
        Action::Create { path } => format!("{path} is written into the writable layer; no image layer changes."),
    }
}

/// Why an action cannot be done.
pub fn refused(why: &Refused) -> String {
    match why {
        Refused::NotVisible(p) => format!("{p} is not in the container."),
        Refused::NotAFile(p) => format!("{p} is not a regular file: only files can be edited."),
        Refused::Exists(p) => format!("{p} already exists."),
        Refused::NoDirectory(p) => format!("There is no directory {p}."),
        Refused::Root => "The root cannot be deleted.".to_owned(),
    }
}
