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

/// The error a [`CountingReader`] returns once cancellation was asked for: a type of its own, so
/// it is recognised by what it is, not by its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "strata: cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// An I/O error carrying [`Cancelled`].
pub fn cancelled_error() -> io::Error {
    // Not `Interrupted`: read_exact and friends would retry it forever.
    io::Error::other(Cancelled)
}

/// Whether an I/O error is (or wraps, through `source()`, as tar-rs wraps a reader's error) the
/// [`Cancelled`] error.
pub fn is_cancel(e: &io::Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|inner| inner as _);
    for _ in 0..16 {
        let Some(err) = cur else { return false };
        if err.is::<Cancelled>() {
            return true;
        }
        // An io::Error's own `source()` skips the error it wraps: look inside it first.
        cur = match err.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            Some(inner) => Some(inner as _),
            None => err.source(),
        };
    }
    false
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
            return Err(cancelled_error());
        }
        let n = self.inner.read(buf)?;
        self.tracker.add(n);
        Ok(n)
    }
}
