//! Messages from the worker to the page.
//!
//! A message is one transferred byte buffer: a 4-byte little-endian length, that many bytes of JSON
//! (the message kind and everything but the big lists), then, for messages that carry an analysis,
//! every image's merged tree and every layer's changes and whiteout markers in the compact binary encoding of
//! [`strata_core::wire`] (front-coded paths, varints). No JS object is made per file. Problems
//! travel as their kinds (the analysis' JSON form only words them), so the page words them itself.

use crate::failure::Failure;
use serde::{Deserialize, Serialize};
use strata_core::wire::{Decoder, Encoder};
use strata_core::{Analysis, Problem, ProblemKind};

/// Page → worker: posted instead of a file, asks the worker to panic (the error-card test hook).
pub const TEST_PANIC: &str = "strata-test-panic";

/// Worker → page.
#[derive(Debug, Clone)]
pub enum FromWorker {
    /// The worker's wasm is initialised; work can be posted.
    Ready,
    /// Progress of the current archive.
    Progress {
        /// Bytes read so far.
        bytes_done: u64,
        /// The file's size, when known.
        bytes_total: Option<u64>,
        /// Layers read to the end.
        layers_done: u64,
    },
    /// A picture of the archive: an outline or the structure first (plain archives), then the
    /// complete analysis (its `stage` says which); the last one ends the job.
    Analysis(Analysis),
    /// Nothing could be read; ends the job.
    Failed(Failure),
    /// A copy of a file was read (a [`CopyRequest`]): its size and digest, and its first bytes.
    Copy {
        /// The request's id.
        id: u64,
        /// The copy's size.
        size: u64,
        /// The sha256 of the whole copy, hex.
        sha256: String,
        /// Its first bytes (at most the request's `keep`).
        head: Vec<u8>,
    },
    /// A copy could not be read (a hostile or truncated archive): why, in the core's words.
    CopyFailed {
        /// The request's id.
        id: u64,
        /// What went wrong.
        reason: String,
    },
}

/// Page → file worker: read one copy of a file (the entry `entry` of layer `layer` of image
/// `image`; see `strata_core::content`). Posted as JSON beside the archive's `Blob`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyRequest {
    /// Answers carry it back.
    pub id: u64,
    /// Which archive: the worker keeps what it read of one archive's layout while this stays.
    pub source: u64,
    /// The image.
    pub image: usize,
    /// The layer holding the bytes.
    pub layer: usize,
    /// The entry's path in that layer (absolute, as the model spells it).
    pub entry: String,
    /// How many leading bytes to send back.
    pub keep: u64,
    /// Send the whole copy back as a `Blob` (a download) instead of a [`FromWorker::Copy`].
    pub download: bool,
}

/// A problem with its kind, as it crosses threads.
#[derive(Serialize, Deserialize)]
struct Located {
    kind: ProblemKind,
    image: Option<usize>,
    layer: Option<usize>,
}

/// The JSON part of a message. Externally tagged (`{"analysis": {…}}`), not internally: serde
/// reads an internally tagged enum by buffering all of it first, and the code for that, once for
/// every type inside the analysis, was about 30 KB of the page's gzipped WebAssembly.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Header {
    Ready,
    Progress { bytes_done: u64, bytes_total: Option<u64>, layers_done: u64 },
    Analysis { analysis: Analysis, problems: Vec<Located> },
    Failed { failure: Failure },
    Copy { id: u64, size: u64, sha256: String },
    CopyFailed { id: u64, reason: String },
}

/// Encodes a message as one byte buffer (see the module docs).
pub fn encode(msg: FromWorker) -> Vec<u8> {
    let mut tail = Vec::new();
    let header = match msg {
        FromWorker::Ready => Header::Ready,
        FromWorker::Progress { bytes_done, bytes_total, layers_done } => {
            Header::Progress { bytes_done, bytes_total, layers_done }
        }
        FromWorker::Analysis(mut analysis) => {
            let problems = std::mem::take(&mut analysis.problems)
                .into_iter()
                .map(|p| Located { kind: p.kind, image: p.image, layer: p.layer })
                .collect();
            Header::Analysis { analysis, problems }
        }
        FromWorker::Failed(failure) => Header::Failed { failure },
        FromWorker::Copy { id, size, sha256, head } => {
            tail = head;
            Header::Copy { id, size, sha256 }
        }
        FromWorker::CopyFailed { id, reason } => Header::CopyFailed { id, reason },
    };
    let json = serde_json::to_vec(&header).unwrap_or_else(|e| {
        let failure = Failure::Internal { detail: format!("could not encode a result: {e}") };
        serde_json::to_vec(&Header::Failed { failure }).unwrap_or_default()
    });
    let mut out = Vec::with_capacity(4 + json.len());
    out.extend_from_slice(&u32::try_from(json.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&json);
    if let Header::Analysis { analysis, .. } = &header {
        let mut e = Encoder::appending_to(out);
        for img in &analysis.images {
            e.nodes(&img.tree.nodes);
            for l in &img.layers {
                e.changes(&l.changes);
                e.markers(&l.markers);
            }
        }
        out = e.bytes;
    }
    out.extend_from_slice(&tail);
    out
}

/// Decodes a buffer made by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<FromWorker, String> {
    let len =
        bytes.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes).ok_or("empty message")?;
    let end = usize::try_from(len).ok().and_then(|l| l.checked_add(4)).ok_or("message header too large")?;
    let json = bytes.get(4..end).ok_or("message shorter than its header says")?;
    let header: Header = serde_json::from_slice(json).map_err(|e| format!("bad message: {e}"))?;
    let rest = bytes.get(end..).unwrap_or(&[]);
    Ok(match header {
        Header::Ready => FromWorker::Ready,
        Header::Progress { bytes_done, bytes_total, layers_done } => {
            FromWorker::Progress { bytes_done, bytes_total, layers_done }
        }
        Header::Failed { failure } => FromWorker::Failed(failure),
        Header::Copy { id, size, sha256 } => FromWorker::Copy { id, size, sha256, head: rest.to_vec() },
        Header::CopyFailed { id, reason } => FromWorker::CopyFailed { id, reason },
        Header::Analysis { mut analysis, problems } => {
            let mut d = Decoder::new(rest);
            for img in &mut analysis.images {
                img.tree.nodes = d.nodes().map_err(|e| e.to_string())?;
                for l in &mut img.layers {
                    l.changes = d.changes().map_err(|e| e.to_string())?;
                    l.markers = d.markers().map_err(|e| e.to_string())?;
                }
            }
            if !d.is_at_end() {
                return Err("trailing bytes after the trees".into());
            }
            analysis.problems = problems.into_iter().map(|p| Problem::new(p.kind, p.image, p.layer)).collect();
            FromWorker::Analysis(analysis)
        }
    })
}

/// Whether `bytes` is a job's last message (the complete analysis, or a failure), read from its
/// header alone, before the trees are decoded.
pub fn ends_job(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Stage {
        // Left out of the JSON when complete, as in `Analysis`.
        #[serde(default)]
        stage: strata_core::Stage,
    }
    /// The two kinds of message that end a job; any other does not decode as one.
    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Peek {
        Analysis { analysis: Stage },
        Failed {},
    }
    let len = bytes.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes);
    let json = len.and_then(|l| usize::try_from(l).ok()).and_then(|l| bytes.get(4..l.checked_add(4)?));
    match json.and_then(|j| serde_json::from_slice::<Peek>(j).ok()) {
        Some(Peek::Failed {}) => true,
        Some(Peek::Analysis { analysis }) => analysis.stage.is_complete(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_message_of_a_job_is_known_from_its_header() {
        let mut a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).expect("sample");
        assert!(ends_job(&encode(FromWorker::Analysis(a.clone()))));
        a.stage = strata_core::Stage::Structure;
        assert!(!ends_job(&encode(FromWorker::Analysis(a))));
        assert!(ends_job(&encode(FromWorker::Failed(Failure::NotAFile))));
        assert!(!ends_job(&encode(FromWorker::Ready)));
        assert!(!ends_job(&encode(FromWorker::Progress { bytes_done: 1, bytes_total: None, layers_done: 0 })));
        assert!(!ends_job(b"\xff\xff\xff\xff{") && !ends_job(b""));
    }

    #[test]
    fn messages_round_trip_with_their_trees_and_problem_kinds_and_bad_buffers_are_errors() {
        let mut a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).expect("sample");
        a.problems.push(Problem::new(ProblemKind::DanglingWhiteout { layer: 2, path: "/x".into() }, Some(0), Some(2)));
        a.stage = strata_core::Stage::Structure;
        let bytes = encode(FromWorker::Analysis(a.clone()));
        let Ok(FromWorker::Analysis(b)) = decode(&bytes) else { panic!("not decoded") };
        let json = |a: &Analysis| {
            let trees: Vec<_> = a.images.iter().map(|i| serde_json::to_value(&i.tree.nodes).ok()).collect();
            let changes: Vec<_> =
                a.images.iter().flat_map(|i| &i.layers).map(|l| serde_json::to_value(&l.changes).ok()).collect();
            (serde_json::to_value(a).ok(), trees, changes)
        };
        assert_eq!(json(&a), json(&b));
        assert_eq!(b.problems, a.problems, "problems keep their kinds");
        assert_eq!(b.stage, strata_core::Stage::Structure);
        assert!(!b.images[0].tree.nodes.is_empty());

        let p = encode(FromWorker::Progress { bytes_done: 5, bytes_total: Some(9), layers_done: 1 });
        assert!(matches!(decode(&p), Ok(FromWorker::Progress { bytes_done: 5, .. })));
        let f = encode(FromWorker::Failed(Failure::Unreadable { kind: ProblemKind::Cancelled }));
        assert!(matches!(decode(&f), Ok(FromWorker::Failed(Failure::Unreadable { kind: ProblemKind::Cancelled }))));
        assert!(decode(&[]).is_err());
        assert!(decode(&[0xff, 0xff, 0xff, 0xff, b'{']).is_err(), "a length past the end");
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let c = encode(FromWorker::Copy { id: 7, size: 3, sha256: "ab".into(), head: b"\x7fEL".to_vec() });
        assert!(!ends_job(&c));
        let Ok(FromWorker::Copy { id: 7, size: 3, head, .. }) = decode(&c) else { panic!("copy not decoded") };
        assert_eq!(head, b"\x7fEL");
        let e = encode(FromWorker::CopyFailed { id: 8, reason: "truncated".into() });
        assert!(matches!(decode(&e), Ok(FromWorker::CopyFailed { id: 8, .. })));
        let mut long = bytes.clone();
        long.push(0);
        assert!(decode(&long).is_err());
    }
}
