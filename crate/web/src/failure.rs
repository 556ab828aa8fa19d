//! Why the page could not show an archive, worded in the page's language.

use serde::{Deserialize, Serialize};
use strata_core::ProblemKind;
use strata_i18n::Strings;

/// Everything that can stop the page from showing an archive.
/// Crosses from the worker to the page as JSON, externally tagged (an internally tagged enum costs
/// the page's module a buffering pass for every type inside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// The core could not read the file (not an archive, not an image, truncated, …).
    Unreadable {
        /// The reason, as the core reports it.
        kind: ProblemKind,
    },
    /// `?src=` could not be fetched at all.
    Fetch {
        /// The address asked for.
        url: String,
        /// The browser's words.
        detail: String,
    },
    /// `?src=` answered with an HTTP error.
    FetchStatus {
        /// The address asked for.
        url: String,
        /// The status code.
        status: u16,
        /// The status text.
        text: String,
    },
    /// The worker could not be started.
    WorkerStart {
        /// The browser's words.
        detail: String,
    },
    /// The worker stopped with an error event.
    WorkerStopped {
        /// The event's message.
        detail: String,
    },
    /// The file could not be handed to the worker.
    Handoff {
        /// The browser's words.
        detail: String,
    },
    /// The worker sent bytes that do not decode.
    BadMessage {
        /// What was wrong.
        detail: String,
    },
    /// The worker panicked.
    Internal {
        /// The panic's message.
        detail: String,
    },
    /// The worker was handed something that is not a file.
    NotAFile,
    /// A commit needs a plain archive; this one is compressed as a whole.
    CommitCompressed,
    /// A commit failed.
    Commit {
        /// What went wrong.
        detail: String,
    },
}

impl Failure {
    /// The sentence for a person, in the language of `t`.
    pub fn words(&self, t: &Strings) -> String {
        match self {
            Failure::Unreadable { kind } => (t.cannot_read)(kind),
            Failure::Fetch { url, detail } => (t.fetch_failed)(url, detail),
            Failure::FetchStatus { url, status, text } => (t.fetch_status)(url, *status, text),
            Failure::WorkerStart { detail } => (t.worker_start_failed)(detail),
            Failure::WorkerStopped { detail } => (t.worker_stopped)(detail),
            Failure::Handoff { detail } => (t.handoff_failed)(detail),
            Failure::BadMessage { detail } => (t.bad_message)(detail),
            Failure::Internal { detail } => (t.internal_error)(detail),
            Failure::NotAFile => (t.not_a_file)(),
            Failure::CommitCompressed => t.commit_compressed.to_owned(),
            Failure::Commit { detail } => (t.commit_failed)(detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_i18n::Lang;

    #[test]
    fn failures_are_worded_in_each_language() {
        let f = Failure::FetchStatus { url: "/a.tar".into(), status: 404, text: "Not Found".into() };
        assert_eq!(f.words(Lang::En.strings()), "could not fetch /a.tar: HTTP 404 Not Found");
        assert!(f.words(Lang::ZhCn.strings()).contains("无法获取 /a.tar"));
        let u = Failure::Unreadable { kind: ProblemKind::Cancelled };
        assert_eq!(u.words(Lang::En.strings()), "cancelled");
    }
}
