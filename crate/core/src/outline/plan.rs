//! The verifying read of a plain-tar archive's layers in parallel: [`Plan`] is the split of the
//! outline's layer blobs, [`read_planned`] reads one (any thread, worker or process can run it),
//! and [`Plan::finish`] builds the same [`Analysis`] the single forward pass ([`crate::analyze`])
//! builds. [`analyze_parallel`] runs a plan on scoped threads (not in wasm, where the page runs a
//! pool of workers over the same plan).

use super::{BlobAt, Outline, Window};
use crate::analyze::analyze_scan;
use crate::error::Error;
use crate::format::Found;
use crate::layer::{self, LayerBlob};
use crate::model::{Analysis, Stage};
use crate::progress::{cancelled_error, Cancel};
use crate::source::Scan;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};

/// What a parallel read of a plain-tar archive needs: the outer archive read by headers, and where
/// each layer blob lies.
#[derive(Debug)]
pub struct Plan {
    scan: Scan,
    found: Found,
    blobs: Vec<BlobAt>,
}

/// Plans the parallel read of the archive `open` reads (`size`: its length, when known). `None`
/// when the archive is compressed as a whole or its headers do not read cleanly to within the file
/// (use the single pass, which reports why).
pub fn plan<R, F>(open: &F, size: Option<u64>) -> Option<Plan>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let mut outline = Outline::read(open, size).ok()??;
    if outline.size.is_none() {
        outline.size = Some(open().ok()?.seek(SeekFrom::End(0)).ok()?);
    }
    outline.into_plan().ok()
}

impl Outline {
    /// The plan of a parallel read (see [`crate::outline::plan`]); the outline back when there is
    /// none (a member runs past the end of the file, a document is cut short).
    pub fn into_plan(self) -> Result<Plan, Box<Outline>> {
        plan_outline(self)
    }
}

/// [`Outline::into_plan`]: the outline back when there is no plan (its length unknown included).
fn plan_outline(outline: Outline) -> Result<Plan, Box<Outline>> {
    let Some(length) = outline.size else { return Err(Box::new(outline)) };
    let (scan, blobs) = (&outline.scan, &outline.blobs);
    // A member running past the end of the file is a truncated archive: the single pass says so.
    let blobs_fit =
        blobs.iter().all(|b| b.data_at.checked_add(b.size).is_some_and(|end| end <= length)) && scan.data_end <= length;
    let docs_whole =
        scan.members.iter().all(|(name, size)| scan.docs.get(name).is_none_or(|d| d.bytes.len() as u64 == *size));
    if !(blobs_fit && docs_whole) {
        return Err(Box::new(outline));
    }
    let Outline { scan, found, blobs, .. } = outline;
    Ok(Plan { scan, found, blobs })
}

impl Plan {
    /// The outline this plan was made from (to read the archive some other way after all).
    pub fn into_outline(self, size: Option<u64>) -> Outline {
        Outline { scan: self.scan, found: self.found, blobs: self.blobs, size }
    }

    /// A copy of the outline this plan was made from, as read by the outer headers: documents,
    /// links, members and problems; every blob unread (as they are in a plan).
    pub(crate) fn headers_outline(&self, size: Option<u64>) -> Outline {
        let scan = &self.scan;
        let blobs = self.blobs.iter().map(|b| (b.name.clone(), super::unread_blob(b.size, b.compression))).collect();
        let copy = Scan {
            outer: scan.outer,
            docs: scan.docs.clone(),
            blobs,
            links: scan.links.clone(),
            members: scan.members.clone(),
            problems: scan.problems.clone(),
            stopped: None,
            data_end: scan.data_end,
        };
        Outline { scan: copy, found: self.found.clone(), blobs: self.blobs.clone(), size }
    }

    /// The layer blobs to read, in archive order.
    pub fn blobs(&self) -> &[BlobAt] {
        &self.blobs
    }

    /// The bytes all blobs hold together.
    pub fn blob_bytes(&self) -> u64 {
        self.blobs.iter().map(|b| b.size).sum()
    }

    /// The order to read the blobs in so that parallel readers finish together: the largest first.
    pub fn largest_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.blobs.len()).collect();
        crate::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(self.blobs.get(i).map_or(0, |b| b.size)));
        order
    }

    /// The analysis, from every blob read (`read[i]` is [`Plan::blobs`]`[i]`); the same as the single
    /// forward pass gives. `size`: the archive's length, for the report.
    pub fn finish(mut self, read: Vec<LayerBlob>, size: Option<u64>) -> Result<Analysis, Error> {
        for (at, blob) in self.blobs.iter().zip(read) {
            self.scan.blobs.insert(at.name.clone(), blob);
        }
        analyze_scan(&mut self.scan, self.found, size, Stage::Complete)
    }
}

/// Counts bytes read into a shared counter and stops when cancelled.
struct Counted<'a, R> {
    inner: R,
    counter: &'a AtomicU64,
    cancel: &'a Cancel,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancel.is_cancelled() {
            return Err(cancelled_error());
        }
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads one planned blob through its own reader from `open`: hashed, decompressed, parsed, as the
/// single pass reads it; bytes are counted into `counter`.
pub fn read_planned<R, F>(open: &F, at: &BlobAt, counter: &AtomicU64, cancel: &Cancel) -> LayerBlob
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    if at.size == 0 {
        return layer::read_blob(&[][..], &at.name);
    }
    match open().and_then(|r| Window::new(r, at.data_at, at.size)) {
        Ok(window) => layer::read_blob(Counted { inner: window, counter, cancel }, &at.name),
        Err(e) => layer::read_blob(Failing(Some(e)), &at.name),
    }
}

/// A reader whose first read fails with the error it holds.
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(self.0.take().unwrap_or_else(|| io::Error::other("the archive could not be opened again")))
    }
}

/// [`crate::analyze`] with the layers verified by up to `threads` threads when the archive is a
/// plain tar (see the module docs), else the single forward pass over `open()`. The result is the
/// same either way.
#[cfg(not(target_arch = "wasm32"))]
pub fn analyze_parallel<R, F>(open: F, options: crate::Options<'_>, threads: usize) -> Result<Analysis, Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R> + Sync,
{
    use crate::progress::ProgressEvent;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Mutex;
    let Some(plan) = plan(&open, options.size) else {
        let input = open().map_err(|e| Error::from_io(None, e))?;
        return crate::analyze(input, options);
    };
    let n = plan.blobs().len();
    let order = plan.largest_first();
    let results: Mutex<Vec<Option<LayerBlob>>> = Mutex::new((0..n).map(|_| None).collect());
    let (next, done, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicU64::new(0));
    let cancel = options.cancel.clone();
    let (plan_ref, open_ref) = (&plan, &open);
    let report = |progress: &mut dyn crate::progress::Progress| {
        progress.report(ProgressEvent {
            bytes_done: bytes.load(Ordering::Relaxed),
            bytes_total: Some(plan_ref.blob_bytes()),
            layers_done: done.load(Ordering::Relaxed) as u64,
        })
    };
    std::thread::scope(|s| {
        let readers: Vec<_> = (0..threads.clamp(1, n.max(1)))
            .map(|_| {
                s.spawn(|| loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = order.get(k) else { break };
                    let Some(at) = plan_ref.blobs().get(i) else { break };
                    let blob = read_planned(open_ref, at, &bytes, &cancel);
                    if let Ok(mut r) = results.lock() {
                        if let Some(slot) = r.get_mut(i) {
                            *slot = Some(blob);
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                })
            })
            .collect();
        // The caller's sink is not Send: this thread reports while the others read.
        while done.load(Ordering::Relaxed) < n && !readers.iter().all(|r| r.is_finished()) {
            report(&mut *options.progress);
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    });
    report(&mut *options.progress);
    if options.cancel.is_cancelled() {
        return Err(Error::Cancelled);
    }
    let read: Vec<LayerBlob> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .zip(plan.blobs())
        .map(|(b, at)| b.unwrap_or_else(|| layer::read_blob(Failing(None), &at.name)))
        .collect();
    plan.finish(read, options.size)
}
