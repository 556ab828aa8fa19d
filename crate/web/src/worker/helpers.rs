//! Running the parallel read ([`super::pool`]) in the browser. The primary starts helper workers
//! (the same worker script) as soon as it has the file, hands each `{read: {blob, share, whole}}`
//! once the outline is out, forwards the summed progress to the page, posts the structure once
//! every blob's entries are in and the analysis when every digest is; a helper that fails has its
//! blobs read by the primary itself. Cancel is the page terminating the primary, which ends its
//! helpers with it. A helper reads each blob of up to `whole` bytes in one range of the same
//! `File` (the next one read by the browser while this one is parsed), sends its entries, and
//! hashes it with Web Crypto's native SHA-256; a larger blob is parsed by the primary (idle while
//! its helpers read) and only hashed by a helper, in pieces, with SHA-256 in WebAssembly.

use super::file_reader::{BlobSource, FileReader};
use super::job::{post, post_bytes, CHUNK};
use super::pool::{share_from_json, share_json, shares, structure_worth_building, whole_blob_limit, HelperMessage};
use super::protocol::FromWorker;
use crate::failure::Failure;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use strata_core::digest::{BlobDigest, Digest};
use strata_core::layer::{read_blob_unhashed, LayerBlob};
use strata_core::outline::{read_planned, Plan, Window};
use strata_core::progress::Cancel;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How far one blob of the plan has come in.
enum Slot {
    /// Nothing yet.
    Waiting,
    /// Parsed whole, its digest still to come: enough for the structure.
    Parsed(LayerBlob),
    /// Read and verified.
    Done(LayerBlob),
}

impl Slot {
    fn take(&mut self) -> Option<LayerBlob> {
        match std::mem::replace(self, Slot::Waiting) {
            Slot::Waiting => None,
            Slot::Parsed(b) | Slot::Done(b) => Some(b),
        }
    }
}

/// What the primary holds while its helpers read.
struct Pool {
    plan: Option<Plan>,
    size: u64,
    blob: web_sys::Blob,
    read: Vec<Slot>,
    shares: Vec<Vec<usize>>,
    bytes: Vec<u64>,
    workers: Vec<web_sys::Worker>,
    last_post: f64,
    /// Whether the structure has been posted (or passed over: every blob was done first).
    structure_posted: bool,
    finished: bool,
}

impl Pool {
    fn done(&self) -> usize {
        self.read.iter().filter(|r| matches!(r, Slot::Done(_))).count()
    }
}

/// Starts `count` helper workers (their scripts load while the primary reads the outline);
/// `None` when workers cannot be made here, so the primary reads alone.
pub fn spawn(count: usize) -> Option<Vec<web_sys::Worker>> {
    let mut workers = Vec::new();
    for _ in 0..count {
        match super::entry::spawn() {
            Ok(w) => workers.push(w),
            Err(_) => {
                workers.iter().for_each(web_sys::Worker::terminate);
                return None;
            }
        }
    }
    Some(workers)
}

/// Hands `plan` to helpers from [`spawn`]: each is posted its share at once (`www/worker.js` keeps
/// a job posted before its module is ready, so no "ready" has to be waited for); helpers beyond
/// the shares are ended. The plan back (and every helper ended) when there are fewer than two.
pub fn start(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    blob: web_sys::Blob,
    plan: Plan,
    size: u64,
    mut workers: Vec<web_sys::Worker>,
) -> Result<(), Box<Plan>> {
    let split = shares(plan.blobs(), workers.len());
    for extra in workers.drain(split.len().min(workers.len())..) {
        extra.terminate();
    }
    if workers.len() < 2 {
        workers.iter().for_each(web_sys::Worker::terminate);
        return Err(Box::new(plan));
    }
    let n = plan.blobs().len();
    let pool = Rc::new(RefCell::new(Pool {
        plan: Some(plan),
        size,
        blob,
        read: (0..n).map(|_| Slot::Waiting).collect(),
        bytes: vec![0; split.len()],
        shares: split,
        workers: workers.clone(),
        last_post: 0.0,
        structure_posted: false,
        finished: false,
    }));
    for (h, worker) in workers.iter().enumerate() {
        let (pool_m, scope_m) = (pool.clone(), scope.clone());
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let bytes = data.dyn_ref::<js_sys::Uint8Array>().map(js_sys::Uint8Array::to_vec);
            match bytes.as_deref().and_then(HelperMessage::decode) {
                Some(HelperMessage::Blob { index, blob }) => {
                    if let Some(slot) = pool_m.borrow_mut().read.get_mut(index) {
                        *slot = Slot::Done(*blob);
                    }
                    progress(&scope_m, &pool_m, true);
                    finish_if_done(&scope_m, &pool_m);
                }
                Some(HelperMessage::Parsed { index, blob }) => {
                    if let Some(slot @ Slot::Waiting) = pool_m.borrow_mut().read.get_mut(index) {
                        *slot = Slot::Parsed(*blob);
                    }
                    structure_if_known(&scope_m, &pool_m);
                }
                Some(HelperMessage::Digest { index, sha256 }) => {
                    if let Some(slot) = pool_m.borrow_mut().read.get_mut(index) {
                        *slot = match std::mem::replace(slot, Slot::Waiting) {
                            Slot::Parsed(b) => {
                                Slot::Done(b.with_stored_digest(BlobDigest(Digest::sha256_of_hash(&sha256))))
                            }
                            other => other,
                        };
                    }
                    progress(&scope_m, &pool_m, true);
                    finish_if_done(&scope_m, &pool_m);
                }
                Some(HelperMessage::Progress { bytes }) => {
                    if let Some(b) = pool_m.borrow_mut().bytes.get_mut(h) {
                        *b = bytes;
                    }
                    progress(&scope_m, &pool_m, false);
                }
                // It panicked: read its share here. (Its "ready" needs no answer: its share was
                // posted when it was started.)
                None => {
                    if let Some(Ok(FromWorker::Failed(_))) = bytes.as_deref().map(super::protocol::decode) {
                        take_over(&scope_m, &pool_m, h);
                    }
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let (pool_e, scope_e) = (pool.clone(), scope.clone());
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            take_over(&scope_e, &pool_e, h);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        send_share(&pool, h, worker);
    }
    parse_large_here(scope, &pool);
    Ok(())
}

fn send_share(pool: &Rc<RefCell<Pool>>, h: usize, worker: &web_sys::Worker) {
    let p = pool.borrow();
    let (Some(plan), Some(share)) = (p.plan.as_ref(), p.shares.get(h)) else { return };
    let job = js_sys::Object::new();
    let read = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&read, &"blob".into(), &p.blob);
    let _ = js_sys::Reflect::set(&read, &"share".into(), &share_json(plan.blobs(), share).into());
    let whole = whole_blob_limit(p.shares.len()) as f64;
    let _ = js_sys::Reflect::set(&read, &"whole".into(), &whole.into());
    let _ = js_sys::Reflect::set(&job, &"read".into(), &read);
    let _ = worker.post_message(&job);
}

/// A helper failed: the primary reads the blobs of its share that have not come in.
fn take_over(scope: &web_sys::DedicatedWorkerGlobalScope, pool: &Rc<RefCell<Pool>>, h: usize) {
    let (missing, blob) = {
        let p = pool.borrow();
        let Some(plan) = p.plan.as_ref() else { return };
        let share = p.shares.get(h).cloned().unwrap_or_default();
        let missing: Vec<(usize, strata_core::outline::BlobAt)> = share
            .into_iter()
            .filter(|&i| !matches!(p.read.get(i), Some(Slot::Done(_)) | None))
            .filter_map(|i| plan.blobs().get(i).cloned().map(|b| (i, b)))
            .collect();
        (missing, p.blob.clone())
    };
    if let Some(w) = pool.borrow().workers.get(h) {
        w.terminate();
    }
    let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
    let (count, cancel) = (AtomicU64::new(0), Cancel::new());
    let before = pool.borrow().bytes.get(h).copied().unwrap_or(0);
    for (i, at) in missing {
        let read = read_planned(&open, &at, &count, &cancel);
        let mut p = pool.borrow_mut();
        if let Some(slot) = p.read.get_mut(i) {
            *slot = Slot::Done(read);
        }
        // Its bytes count as the helper's: they were its share.
        if let Some(b) = p.bytes.get_mut(h) {
            *b = before + count.load(Ordering::Relaxed);
        }
        drop(p);
        progress(scope, pool, true);
    }
    finish_if_done(scope, pool);
}

/// Posts the summed progress (at most ten times a second, and on every finished blob).
fn progress(scope: &web_sys::DedicatedWorkerGlobalScope, pool: &Rc<RefCell<Pool>>, blob_done: bool) {
    let mut p = pool.borrow_mut();
    let now = js_sys::Date::now();
    if !blob_done && now - p.last_post < 100.0 {
        return;
    }
    p.last_post = now;
    let total = p.plan.as_ref().map(Plan::blob_bytes);
    let bytes_done: u64 = p.bytes.iter().sum::<u64>().min(total.unwrap_or(u64::MAX));
    let layers_done = p.done() as u64;
    drop(p);
    post(scope, FromWorker::Progress { bytes_done, bytes_total: total, layers_done });
}

/// While the helpers read, the primary (idle until they report) parses the blobs too large to be
/// read whole, without hashing them: a helper hashes each ([`hash_in_pieces`]; SHA-256 cannot be
/// split, so that hash is the one serial part), and the structure need not wait for it.
fn parse_large_here(scope: &web_sys::DedicatedWorkerGlobalScope, pool: &Rc<RefCell<Pool>>) {
    let (large, blob) = {
        let p = pool.borrow();
        let Some(plan) = p.plan.as_ref() else { return };
        let whole = whole_blob_limit(p.shares.len());
        let large: Vec<(usize, strata_core::outline::BlobAt)> =
            plan.blobs().iter().cloned().enumerate().filter(|(_, at)| at.size > whole).collect();
        (large, p.blob.clone())
    };
    let open = || BlobSource::new(blob.clone()).map(|s| FileReader::new(s, CHUNK)).map_err(std::io::Error::other);
    for (i, at) in large {
        let parsed = match open().and_then(|r| Window::new(r, at.data_at, at.size)) {
            Ok(window) => Slot::Parsed(read_blob_unhashed(window, &at.name)),
            // Read the ordinary way, which reports the error properly.
            Err(_) => Slot::Done(read_planned(&open, &at, &AtomicU64::new(0), &Cancel::new())),
        };
        if let Some(slot @ Slot::Waiting) = pool.borrow_mut().read.get_mut(i) {
            *slot = parsed;
        }
    }
    structure_if_known(scope, pool);
}

/// Posts the structure ([`Plan::provisional`]) once every blob's entries are in, if it is worth
/// building ([`structure_worth_building`]; else the analysis itself is next).
fn structure_if_known(scope: &web_sys::DedicatedWorkerGlobalScope, pool: &Rc<RefCell<Pool>>) {
    let mut p = pool.borrow_mut();
    if p.structure_posted || p.read.iter().any(|s| matches!(s, Slot::Waiting)) {
        return;
    }
    p.structure_posted = true;
    let Some(plan) = p.plan.as_ref() else { return };
    let pending: u64 =
        plan.blobs().iter().zip(&p.read).filter(|(_, s)| !matches!(s, Slot::Done(_))).map(|(at, _)| at.size).sum();
    if !structure_worth_building(pending, plan.blob_bytes()) {
        return;
    }
    let Pool { plan: Some(plan), read, size, .. } = &mut *p else { return };
    // Each blob goes back to the slot it came from, as it was.
    let done: Vec<bool> = read.iter().map(|s| matches!(s, Slot::Done(_))).collect();
    let blobs: Vec<LayerBlob> = read.iter_mut().filter_map(Slot::take).collect();
    let (structure, back) = plan.provisional(blobs, Some(*size));
    for ((slot, blob), done) in read.iter_mut().zip(back).zip(done) {
        *slot = if done { Slot::Done(blob) } else { Slot::Parsed(blob) };
    }
    drop(p);
    if let Some(structure) = structure {
        post(scope, FromWorker::Analysis(structure));
    }
}

fn finish_if_done(scope: &web_sys::DedicatedWorkerGlobalScope, pool: &Rc<RefCell<Pool>>) {
    let mut p = pool.borrow_mut();
    if p.finished || p.done() < p.read.len() {
        return;
    }
    p.finished = true;
    p.structure_posted = true;
    p.workers.iter().for_each(web_sys::Worker::terminate);
    let read: Vec<LayerBlob> = p.read.iter_mut().filter_map(Slot::take).collect();
    let (plan, size) = (p.plan.take(), p.size);
    drop(p);
    let Some(plan) = plan else { return };
    match plan.finish(read, Some(size)) {
        Ok(analysis) => post(scope, FromWorker::Analysis(analysis)),
        Err(e) => post(scope, FromWorker::Failed(Failure::Unreadable { kind: e.kind() })),
    }
}

/// A helper's job: reads each blob of its share (`{blob, share, whole}`) and posts it back, with
/// its progress as it goes. A blob of at most `whole` bytes is read in one range and hashed by the
/// browser's native SHA-256 (Web Crypto, several times faster than SHA-256 in WebAssembly, and
/// running while the blob is parsed); a larger one, or any where Web Crypto is missing (pages
/// that are not a secure context), is read in ranges and hashed here.
pub fn read_share(scope: &web_sys::DedicatedWorkerGlobalScope, job: &JsValue) {
    let get = |k: &str| js_sys::Reflect::get(job, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let (Ok(blob), Some(share)) = (get("blob").dyn_into::<web_sys::Blob>(), get("share").as_string()) else {
        return post(scope, FromWorker::Failed(Failure::NotAFile));
    };
    let Some(share) = share_from_json(&share) else { return post(scope, FromWorker::Failed(Failure::NotAFile)) };
    let whole = get("whole").as_f64().map_or(0, |w| w as u64);
    let subtle = js_sys::Reflect::get(scope, &"crypto".into())
        .ok()
        .and_then(|c| js_sys::Reflect::get(&c, &"subtle".into()).ok())
        .and_then(|s| s.dyn_into::<web_sys::SubtleCrypto>().ok());
    let scope = scope.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let (count, cancel) = (AtomicU64::new(0), Cancel::new());
        let send = |m: HelperMessage| post_bytes(&scope, m.encode());
        let last = std::cell::Cell::new(0.0);
        // Progress while a large blob is read: every 100 ms of reading says how far it is.
        let tick = || {
            let now = js_sys::Date::now();
            if now - last.get() >= 100.0 {
                last.set(now);
                send(HelperMessage::Progress { bytes: count.load(Ordering::Relaxed) });
            }
        };
        let open = || {
            BlobSource::new(blob.clone())
                .map(|s| Ticking { inner: FileReader::new(s, CHUNK), tick: &tick })
                .map_err(std::io::Error::other)
        };
        let native = |at: &strata_core::outline::BlobAt| subtle.is_some() && at.size > 0 && at.size <= whole;
        // The next whole blob is being read (by the browser, off this thread) while this one is
        // parsed.
        let mut next = share.first().filter(|(_, at)| native(at)).and_then(|(_, at)| start_read(&blob, at));
        for (k, (index, at)) in share.iter().enumerate() {
            let reading = next.take();
            next = share.get(k + 1).filter(|(_, at)| native(at)).and_then(|(_, at)| start_read(&blob, at));
            if whole > 0 && at.size > whole {
                // Too large to read whole: the primary parses it; this helper only hashes it, each
                // piece read by the browser while the one before is hashed.
                if let Ok(sha256) = hash_in_pieces(&blob, at, &count, &tick).await {
                    send(HelperMessage::Progress { bytes: count.load(Ordering::Relaxed) });
                    send(HelperMessage::Digest { index: *index, sha256 });
                    continue;
                }
            }
            if let (Some(reading), Some(subtle)) = (reading, subtle.as_ref()) {
                // Its entries go out as soon as it is parsed, its digest when Web Crypto has it.
                if let Ok((parsed, digest)) = parse_whole(reading, at, subtle).await {
                    count.fetch_add(at.size, Ordering::Relaxed);
                    send(HelperMessage::Parsed { index: *index, blob: Box::new(parsed) });
                    if let Ok(sha256) = digest.await {
                        send(HelperMessage::Progress { bytes: count.load(Ordering::Relaxed) });
                        send(HelperMessage::Digest {
                            index: *index,
                            sha256: js_sys::Uint8Array::new(&sha256).to_vec(),
                        });
                        continue;
                    }
                }
            }
            // In ranges, hashed here (also when a whole read was refused: this reports why).
            let read = read_planned(&open, at, &count, &cancel);
            send(HelperMessage::Progress { bytes: count.load(Ordering::Relaxed) });
            send(HelperMessage::Blob { index: *index, blob: Box::new(read) });
        }
    });
}

/// Starts reading a blob's bytes in one range (`Blob.arrayBuffer()`, done by the browser while
/// this worker goes on).
fn start_read(blob: &web_sys::Blob, at: &strata_core::outline::BlobAt) -> Option<wasm_bindgen_futures::JsFuture> {
    let slice = blob.slice_with_f64_and_f64(at.data_at as f64, (at.data_at + at.size) as f64).ok()?;
    Some(wasm_bindgen_futures::JsFuture::from(slice.array_buffer()))
}

/// Bytes of a large blob asked of the browser at a time by [`hash_in_pieces`].
const PIECE: u64 = 16 * 1024 * 1024;

/// The SHA-256 of a blob's stored bytes, read in pieces of [`PIECE`] (`Blob.arrayBuffer()`, the
/// next one read by the browser while this one is hashed), counting them into `count`.
async fn hash_in_pieces(
    blob: &web_sys::Blob,
    at: &strata_core::outline::BlobAt,
    count: &AtomicU64,
    tick: &impl Fn(),
) -> Result<Vec<u8>, JsValue> {
    use sha2::Digest as _;
    let end = at.data_at.saturating_add(at.size);
    let piece = |from: u64| -> Result<wasm_bindgen_futures::JsFuture, JsValue> {
        let slice = blob.slice_with_f64_and_f64(from as f64, from.saturating_add(PIECE).min(end) as f64)?;
        Ok(wasm_bindgen_futures::JsFuture::from(slice.array_buffer()))
    };
    let mut hasher = sha2::Sha256::new();
    let mut copy = vec![0u8; 1 << 20];
    let (mut from, mut next) = (at.data_at, Some(piece(at.data_at)?));
    while let Some(reading) = next.take() {
        let array = js_sys::Uint8Array::new(&reading.await?);
        let len = u64::from(array.length());
        if len == 0 {
            return Err(JsValue::from_str("short read"));
        }
        from += len;
        next = if from < end { Some(piece(from)?) } else { None };
        let mut off = 0;
        while off < array.length() {
            let n = (array.length() - off).min(copy.len() as u32);
            let part = copy.get_mut(..n as usize).unwrap_or_default();
            array.subarray(off, off + n).copy_to(part);
            hasher.update(&*part);
            off += n;
        }
        count.fetch_add(len, Ordering::Relaxed);
        tick();
    }
    Ok(hasher.finalize().to_vec())
}

/// Parses a blob whose bytes are being read (`reading`), without hashing them here: starts Web
/// Crypto's SHA-256 over them first, and gives back the parsed blob with the digest still being
/// computed. `Err` when any step is refused (the caller then reads the blob the ordinary way,
/// which reports the error properly).
async fn parse_whole(
    reading: wasm_bindgen_futures::JsFuture,
    at: &strata_core::outline::BlobAt,
    subtle: &web_sys::SubtleCrypto,
) -> Result<(LayerBlob, wasm_bindgen_futures::JsFuture), JsValue> {
    let buffer: js_sys::ArrayBuffer = reading.await?.dyn_into()?;
    if u64::from(buffer.byte_length()) != at.size {
        return Err(JsValue::from_str("short read"));
    }
    let digest = subtle.digest_with_str_and_buffer_source("SHA-256", &buffer)?;
    // Parsed straight from the JavaScript buffer, 1 MiB at a time: a whole copy in
    // WebAssembly memory would stay there (wasm memory never shrinks) for as long as the helper runs.
    let bytes = std::io::BufReader::with_capacity(1 << 20, JsBytes { array: js_sys::Uint8Array::new(&buffer), at: 0 });
    let read = read_blob_unhashed(bytes, &at.name);
    Ok((read, wasm_bindgen_futures::JsFuture::from(digest)))
}

/// A `Read` over bytes held by JavaScript, copied into WebAssembly as they are read.
struct JsBytes {
    array: js_sys::Uint8Array,
    at: u32,
}

impl std::io::Read for JsBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.array.length().saturating_sub(self.at);
        let n = left.min(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        if let Some(out) = buf.get_mut(..n as usize).filter(|o| !o.is_empty()) {
            self.array.subarray(self.at, self.at + n).copy_to(out);
            self.at += n;
        }
        Ok(n as usize)
    }
}

/// A reader that calls `tick` after every read.
struct Ticking<'a, R, T> {
    inner: R,
    tick: &'a T,
}

impl<R: std::io::Read, T: Fn()> std::io::Read for Ticking<'_, R, T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.tick)();
        Ok(n)
    }
}

impl<R: std::io::Seek, T> std::io::Seek for Ticking<'_, R, T> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}
