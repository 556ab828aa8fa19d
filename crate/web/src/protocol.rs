//! Messages between the page and the worker.
//!
//! A message is one transferred byte buffer: a 4-byte little-endian length, that many bytes of JSON
//! (the message kind and everything but the big lists), then, for messages that carry an analysis,
//! every image's merged tree and every layer's changes in the compact binary encoding of
//! [`strata_core::wire`] (front-coded paths, varints). No JS object is made per file.

use serde::{Deserialize, Serialize};
use strata_core::wire::{Decoder, Encoder};
use strata_core::Analysis;

/// Page → worker: posted instead of a file, asks the worker to panic (the error-card test hook).
pub const TEST_PANIC: &str = "strata-test-panic";

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is initialised; work can be posted.
    Ready,
    /// Progress of the current archive.
    Progress { bytes_done: u64, bytes_total: Option<u64>, layers_done: u64 },
    /// Images, configs and the layer list from the outer archive's headers and documents only:
    /// no layer has been opened yet. `Structure` or `Done` follows.
    Outline { analysis: Analysis },
    /// A provisional analysis read from headers only (digests not yet checked); `Done` follows.
    Structure { analysis: Analysis },
    /// The analysis, with each image's merged tree and each layer's changes.
    Done { analysis: Analysis },
    /// Nothing could be read.
    Failed { message: String },
}

impl FromWorker {
    fn analysis(&self) -> Option<&Analysis> {
        match self {
            FromWorker::Outline { analysis } | FromWorker::Structure { analysis } | FromWorker::Done { analysis } => {
                Some(analysis)
            }
            _ => None,
        }
    }

    fn analysis_mut(&mut self) -> Option<&mut Analysis> {
        match self {
            FromWorker::Outline { analysis } | FromWorker::Structure { analysis } | FromWorker::Done { analysis } => {
                Some(analysis)
            }
            _ => None,
        }
    }
}

/// Encodes a message as one byte buffer (see the module docs).
pub fn encode(msg: &FromWorker) -> Vec<u8> {
    let json = serde_json::to_vec(msg).unwrap_or_else(|e| {
        serde_json::to_vec(&FromWorker::Failed { message: format!("could not encode a result: {e}") })
            .unwrap_or_default()
    });
    let mut out = Vec::with_capacity(4 + json.len());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    if let Some(a) = msg.analysis() {
        let mut e = Encoder::appending_to(out);
        for img in &a.images {
            e.nodes(&img.tree.nodes);
            for l in &img.layers {
                e.changes(&l.changes);
            }
        }
        out = e.bytes;
    }
    out
}

/// Decodes a buffer made by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<FromWorker, String> {
    let len =
        bytes.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes).ok_or("empty message")?;
    let end = usize::try_from(len).ok().and_then(|l| l.checked_add(4)).ok_or("message header too large")?;
    let json = bytes.get(4..end).ok_or("message shorter than its header says")?;
    let mut msg: FromWorker = serde_json::from_slice(json).map_err(|e| format!("bad message: {e}"))?;
    let rest = bytes.get(end..).unwrap_or(&[]);
    if let Some(a) = msg.analysis_mut() {
        let mut d = Decoder::new(rest);
        for img in &mut a.images {
            img.tree.nodes = d.nodes().map_err(|e| e.to_string())?;
            for l in &mut img.layers {
                l.changes = d.changes().map_err(|e| e.to_string())?;
            }
        }
        if !d.is_at_end() {
            return Err("trailing bytes after the trees".into());
        }
    }
    Ok(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_with_their_trees_and_bad_buffers_are_errors() {
        let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).expect("sample");
        let bytes = encode(&FromWorker::Done { analysis: a.clone() });
        let Ok(FromWorker::Done { analysis: b }) = decode(&bytes) else { panic!("not decoded") };
        let json = |a: &Analysis| {
            let trees: Vec<_> = a.images.iter().map(|i| serde_json::to_value(&i.tree.nodes).ok()).collect();
            let changes: Vec<_> =
                a.images.iter().flat_map(|i| &i.layers).map(|l| serde_json::to_value(&l.changes).ok()).collect();
            (serde_json::to_value(a).ok(), trees, changes)
        };
        assert_eq!(json(&a), json(&b));
        assert!(!b.images[0].tree.nodes.is_empty());

        let p = encode(&FromWorker::Progress { bytes_done: 5, bytes_total: Some(9), layers_done: 1 });
        assert!(matches!(decode(&p), Ok(FromWorker::Progress { bytes_done: 5, .. })));
        assert!(decode(&[]).is_err());
        assert!(decode(&[0xff, 0xff, 0xff, 0xff, b'{']).is_err(), "a length past the end");
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut long = bytes.clone();
        long.push(0);
        assert!(decode(&long).is_err());
    }
}
