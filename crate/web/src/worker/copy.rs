//! The file worker's job: read one copy of a file out of the archive (`strata_core::content`),
//! and send back its size, digest and first bytes, or (a download) the whole copy as a `Blob`
//! built from 1 MiB parts, never one buffer. What was read of the archive's layout (its member
//! headers and documents) is kept while the page asks about the same archive.

use super::file_reader::{BlobSource, FileReader};
use super::job::{post, CHUNK};
use super::protocol::{CopyRequest, FromWorker};
use std::cell::RefCell;
use std::io::{self, Write};
use strata_core::content::ArchiveFiles;
use wasm_bindgen::JsValue;

type Open = Box<dyn Fn() -> io::Result<FileReader<BlobSource>>>;

thread_local! {
    /// The archive last asked about: its source id and its layout.
    static OPENED: RefCell<Option<(u64, ArchiveFiles<Open>)>> = const { RefCell::new(None) };
}

/// Download parts: the copy is handed to the browser 1 MiB at a time.
const PART: usize = 1024 * 1024;

/// Answers one [`CopyRequest`] (`job` holds it as JSON under `copy`, and the archive under `blob`).
pub fn run(scope: &web_sys::DedicatedWorkerGlobalScope, job: &JsValue) {
    let get = |k: &str| js_sys::Reflect::get(job, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let request: CopyRequest = match serde_json::from_slice(get("copy").as_string().unwrap_or_default().as_bytes()) {
        Ok(r) => r,
        Err(e) => return post(scope, FromWorker::CopyFailed { id: 0, reason: format!("bad request: {e}") }),
    };
    let id = request.id;
    match read(&request, get("blob")) {
        Ok(Answer::Head { size, sha256, head }) => post(scope, FromWorker::Copy { id, size, sha256, head }),
        Ok(Answer::Whole(blob)) => {
            let _ = scope.post_message(&blob);
        }
        Err(reason) => post(scope, FromWorker::CopyFailed { id, reason }),
    }
}

enum Answer {
    Head { size: u64, sha256: String, head: Vec<u8> },
    Whole(web_sys::Blob),
}

fn read(request: &CopyRequest, blob: JsValue) -> Result<Answer, String> {
    use wasm_bindgen::JsCast;
    OPENED.with(|opened| {
        let mut opened = opened.borrow_mut();
        if opened.as_ref().map(|(s, _)| *s) != Some(request.source) {
            let blob: web_sys::Blob = blob.dyn_into().map_err(|_| "no archive was sent".to_owned())?;
            let open: Open = Box::new(move || {
                BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(io::Error::other)
            });
            *opened = Some((request.source, ArchiveFiles::open(open).map_err(|e| e.to_string())?));
        }
        let (_, files) = opened.as_ref().ok_or("no archive")?;
        if request.download {
            let mut parts = Parts { done: js_sys::Array::new(), part: Vec::with_capacity(PART) };
            files
                .read(request.image, request.layer, &request.entry, &mut parts, u64::MAX)
                .map_err(|e| e.to_string())?;
            parts.flush().map_err(|e| e.to_string())?;
            let blob = web_sys::Blob::new_with_u8_array_sequence(&parts.done).map_err(|e| format!("{e:?}"))?;
            return Ok(Answer::Whole(blob));
        }
        let mut head = Vec::new();
        let read = files
            .read(request.image, request.layer, &request.entry, &mut head, request.keep)
            .map_err(|e| e.to_string())?;
        Ok(Answer::Head { size: read.size, sha256: read.sha256.hex().to_owned(), head })
    })
}

/// A `Write` that hands full 1 MiB parts to JS arrays as they fill.
struct Parts {
    done: js_sys::Array,
    part: Vec<u8>,
}

impl Write for Parts {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = PART - self.part.len();
        let n = buf.len().min(room);
        self.part.extend_from_slice(buf.get(..n).unwrap_or(buf));
        if self.part.len() == PART {
            self.flush()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.part.is_empty() {
            self.done.push(&js_sys::Uint8Array::from(&self.part[..]));
            self.part.clear();
        }
        Ok(())
    }
}
