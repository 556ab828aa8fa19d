//! Progress reporting and cancellation.
//!
//! Front ends pass a [`Progress`] sink; the core calls it as bytes of the outer archive stream past
//! (at most every 256 KiB) and checks the [`Cancel`] flag between reads, so a Cancel button stops the
//! work within one buffer's worth of bytes.

use std::cell::{Cell, RefCell};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A snapshot of how far the analysis is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressEvent {
    /// Bytes of the archive file read so far.
    pub bytes_done: u64,
    /// Size of the archive file, when known.
    pub bytes_total: Option<u64>,
    /// Layer blobs fully read so far.
    pub layers_done: u64,
}

/// Receives progress events.
pub trait Progress {
    /// Called with the latest state; must be cheap.
    fn report(&mut self, event: ProgressEvent);
}

/// A progress sink that ignores every event.
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&mut self, _event: ProgressEvent) {}
}

impl<F: FnMut(ProgressEvent)> Progress for F {
    fn report(&mut self, event: ProgressEvent) {
        self(event)
    }
}

/// A shared flag that stops the analysis when set.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A fresh, unset flag.
    pub fn new() -> Cancel {
        Cancel::default()
    }
    /// Asks the analysis to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed)
    }
    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

const CANCEL_MESSAGE: &str = "strata: cancelled";

/// Whether an I/O error is the one [`CountingReader`] returns on cancellation.
pub fn is_cancel(e: &io::Error) -> bool {
    // Readers in between (tar, decoders) may wrap the error; its text survives.
    e.to_string().contains(CANCEL_MESSAGE)
}

/// Shared progress state: bytes read, layers done, the sink and the cancel flag.
pub struct Tracker<'p> {
    done: Cell<u64>,
    last_report: Cell<u64>,
    layers_done: Cell<u64>,
    total: Option<u64>,
    sink: RefCell<&'p mut dyn Progress>,
    cancel: Cancel,
}

impl<'p> Tracker<'p> {
    /// A tracker for an archive of `total` bytes (if known).
    pub fn new(total: Option<u64>, sink: &'p mut dyn Progress, cancel: Cancel) -> Self {
        Tracker {
            done: Cell::new(0),
            last_report: Cell::new(0),
            layers_done: Cell::new(0),
            total,
            sink: RefCell::new(sink),
            cancel,
        }
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Counts one more finished layer and reports.
    pub fn layer_done(&self) {
        self.layers_done.set(self.layers_done.get() + 1);
        self.report();
    }

    /// Sends a progress event now.
    pub fn report(&self) {
        self.last_report.set(self.done.get());
        if let Ok(mut sink) = self.sink.try_borrow_mut() {
            sink.report(ProgressEvent {
                bytes_done: self.done.get(),
                bytes_total: self.total,
                layers_done: self.layers_done.get(),
            });
        }
    }

    fn add(&self, n: usize) {
        self.done.set(self.done.get() + n as u64);
        if self.done.get() - self.last_report.get() >= 256 * 1024 {
            self.report();
        }
    }
}

/// Counts the bytes read from the archive into a [`Tracker`] and honours cancellation.
pub struct CountingReader<'t, 'p, R> {
    inner: R,
    tracker: &'t Tracker<'p>,
}

impl<'t, 'p, R: Read> CountingReader<'t, 'p, R> {
    /// Wraps `inner`.
    pub fn new(inner: R, tracker: &'t Tracker<'p>) -> Self {
        CountingReader { inner, tracker }
    }
}

impl<R: Read> Read for CountingReader<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tracker.is_cancelled() {
            // Not `Interrupted`: read_exact and friends would retry it forever.
            return Err(io::Error::other(CANCEL_MESSAGE));
        }
        let n = self.inner.read(buf)?;
        self.tracker.add(n);
        Ok(n)
    }
}
