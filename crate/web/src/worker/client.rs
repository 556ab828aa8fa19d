//! The page's side of the analysis worker: one explicit state machine.
//!
//! A worker starts ([`Slot::Starting`]: its wasm compiles), says it is ready ([`Slot::Ready`]), is
//! given one job ([`Slot::Busy`]) and is ended when the job is done — a wasm heap never shrinks, so
//! each job gets a fresh worker — and a spare is started at once so the next file does not wait.
//! A new job while one runs ends the running worker: the newest archive wins. Every worker has a
//! generation; messages and errors from an older generation (a worker already ended) are ignored.
//!
//! The machine is generic over [`Workers`], so it runs natively in tests with a fake, and in the
//! browser with real `Worker`s (`crate::browser::workers`).

use crate::failure::Failure;
use crate::state::Action;
use crate::worker::protocol::FromWorker;

/// Starting, feeding and ending workers.
pub trait Workers {
    /// A running worker.
    type Handle;
    /// What a worker is given to do (a `File` in the browser).
    type Job;
    /// Starts worker number `generation`.
    fn spawn(&mut self, generation: u64) -> Result<Self::Handle, String>;
    /// Hands `job` to `worker`.
    fn post(&mut self, worker: &Self::Handle, job: &Self::Job) -> Result<(), String>;
    /// Ends `worker`.
    fn terminate(&mut self, worker: Self::Handle);
}

/// Where the current worker stands.
#[derive(Debug, Default)]
pub enum Slot<H, J> {
    /// No worker (none started yet, or the last one could not be started).
    #[default]
    Empty,
    /// Started, not ready yet; `job` waits for it.
    Starting {
        /// The worker.
        worker: H,
        /// The job it gets once ready.
        job: Option<J>,
    },
    /// Ready and idle.
    Ready {
        /// The worker.
        worker: H,
    },
    /// Working on a job.
    Busy {
        /// The worker.
        worker: H,
    },
}

/// What a worker told the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Its wasm is ready for a job.
    Ready,
    /// Its job is over (done or failed).
    Finished,
    /// It stopped with an error event.
    Crashed,
}

/// The client: the current worker and its generation.
pub struct Client<W: Workers> {
    workers: W,
    slot: Slot<W::Handle, W::Job>,
    generation: u64,
}

impl<W: Workers> Client<W> {
    /// A client with no worker yet.
    pub fn new(workers: W) -> Self {
        Client { workers, slot: Slot::Empty, generation: 0 }
    }

    /// The current worker's generation (0 before the first).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The current state.
    pub fn slot(&self) -> &Slot<W::Handle, W::Job> {
        &self.slot
    }

    /// Whether a job is running or waiting for its worker.
    pub fn is_working(&self) -> bool {
        matches!(self.slot, Slot::Busy { .. } | Slot::Starting { job: Some(_), .. })
    }

    /// Starts a worker (the spare) unless one exists.
    pub fn warm_up(&mut self) -> Result<(), Failure> {
        match self.slot {
            Slot::Empty => self.start(None),
            _ => Ok(()),
        }
    }

    /// Gives `job` to a worker: the ready one, or one being started; a busy worker is ended first.
    pub fn submit(&mut self, job: W::Job) -> Result<(), Failure> {
        match std::mem::take(&mut self.slot) {
            Slot::Empty => self.start(Some(job)),
            Slot::Starting { worker, .. } => {
                self.slot = Slot::Starting { worker, job: Some(job) };
                Ok(())
            }
            Slot::Ready { worker } => self.post(worker, job),
            Slot::Busy { worker } => {
                self.workers.terminate(worker);
                self.start(Some(job))
            }
        }
    }

    /// Stops the running job for real (ends its worker) and starts a spare.
    pub fn cancel(&mut self) -> Result<(), Failure> {
        match std::mem::take(&mut self.slot) {
            Slot::Empty => self.start(None),
            Slot::Ready { worker } => {
                self.slot = Slot::Ready { worker };
                Ok(())
            }
            Slot::Starting { worker, .. } | Slot::Busy { worker } => {
                self.workers.terminate(worker);
                self.start(None)
            }
        }
    }

    /// Takes a signal from worker `generation`. Returns whether it came from the current worker
    /// (signals of ended workers are ignored).
    pub fn signal(&mut self, generation: u64, signal: Signal) -> Result<bool, Failure> {
        if generation != self.generation {
            return Ok(false);
        }
        match (std::mem::take(&mut self.slot), signal) {
            (Slot::Starting { worker, job: Some(job) }, Signal::Ready) => self.post(worker, job)?,
            (Slot::Starting { worker, job: None }, Signal::Ready) => self.slot = Slot::Ready { worker },
            (Slot::Busy { worker }, Signal::Finished)
            | (Slot::Starting { worker, .. } | Slot::Ready { worker } | Slot::Busy { worker }, Signal::Crashed) => {
                self.workers.terminate(worker);
                self.start(None)?;
            }
            (other, _) => self.slot = other,
        }
        Ok(true)
    }

    fn start(&mut self, job: Option<W::Job>) -> Result<(), Failure> {
        self.generation += 1;
        match self.workers.spawn(self.generation) {
            Ok(worker) => {
                self.slot = Slot::Starting { worker, job };
                Ok(())
            }
            Err(detail) => {
                self.slot = Slot::Empty;
                Err(Failure::WorkerStart { detail })
            }
        }
    }

    fn post(&mut self, worker: W::Handle, job: W::Job) -> Result<(), Failure> {
        match self.workers.post(&worker, &job) {
            Ok(()) => {
                self.slot = Slot::Busy { worker };
                Ok(())
            }
            Err(detail) => {
                self.workers.terminate(worker);
                // The spare may fail to start too; the hand-off failure is what the user needs to know.
                let _ = self.start(None);
                Err(Failure::Handoff { detail })
            }
        }
    }
}

/// What a worker's message means for the client and for the page.
pub fn on_message(msg: FromWorker) -> (Option<Signal>, Option<Action>) {
    match msg {
        FromWorker::Ready => (Some(Signal::Ready), None),
        FromWorker::Progress { bytes_done, bytes_total, layers_done } => {
            (None, Some(Action::Progress { bytes_done, bytes_total, layers_done }))
        }
        FromWorker::Analysis(a) => {
            let done = a.stage.is_complete().then_some(Signal::Finished);
            (done, Some(Action::Show(a)))
        }
        FromWorker::Failed(f) => (Some(Signal::Finished), Some(Action::Failed(f))),
        // Copies come from the file worker (`crate::browser::copies`), never from an analysis.
        FromWorker::Copy { .. } | FromWorker::CopyFailed { .. } => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_core::Stage;

    /// Records what the client asked for; worker handles are their generation.
    #[derive(Default)]
    struct Fake {
        log: Vec<String>,
        refuse_spawn: bool,
        refuse_post: bool,
    }

    impl Workers for Fake {
        type Handle = u64;
        type Job = &'static str;
        fn spawn(&mut self, generation: u64) -> Result<u64, String> {
            self.log.push(format!("spawn {generation}"));
            if self.refuse_spawn {
                Err("no workers here".into())
            } else {
                Ok(generation)
            }
        }
        fn post(&mut self, worker: &u64, job: &&'static str) -> Result<(), String> {
            self.log.push(format!("post {job} to {worker}"));
            if self.refuse_post {
                Err("DataCloneError".into())
            } else {
                Ok(())
            }
        }
        fn terminate(&mut self, worker: u64) {
            self.log.push(format!("end {worker}"));
        }
    }

    fn log(c: &mut Client<Fake>) -> Vec<String> {
        std::mem::take(&mut c.workers.log)
    }

    #[test]
    fn a_job_waits_for_its_worker_then_the_worker_is_retired_and_a_spare_started() {
        let mut c = Client::new(Fake::default());
        c.submit("a.tar").unwrap();
        assert!(c.is_working() && matches!(c.slot(), Slot::Starting { job: Some("a.tar"), .. }));
        assert_eq!(c.signal(1, Signal::Ready), Ok(true));
        assert!(matches!(c.slot(), Slot::Busy { worker: 1 }));
        assert_eq!(c.signal(1, Signal::Finished), Ok(true));
        assert!(matches!(c.slot(), Slot::Starting { worker: 2, job: None }) && !c.is_working());
        c.signal(2, Signal::Ready).unwrap();
        assert!(matches!(c.slot(), Slot::Ready { worker: 2 }));
        c.submit("b.tar").unwrap();
        assert_eq!(log(&mut c), ["spawn 1", "post a.tar to 1", "end 1", "spawn 2", "post b.tar to 2"]);
    }

    #[test]
    fn the_newest_job_wins_and_old_workers_are_not_heard() {
        let mut c = Client::new(Fake::default());
        c.submit("big.tar").unwrap();
        c.signal(1, Signal::Ready).unwrap();
        c.submit("small.tar").unwrap();
        assert_eq!(c.signal(1, Signal::Finished), Ok(false), "the ended worker's late result is ignored");
        assert!(matches!(c.slot(), Slot::Starting { worker: 2, job: Some("small.tar") }));
        c.submit("smaller.tar").unwrap();
        assert!(matches!(c.slot(), Slot::Starting { worker: 2, job: Some("smaller.tar") }), "replaced while waiting");
        c.signal(2, Signal::Ready).unwrap();
        assert_eq!(log(&mut c), ["spawn 1", "post big.tar to 1", "end 1", "spawn 2", "post smaller.tar to 2"]);
    }

    #[test]
    fn cancel_ends_the_work_and_a_crash_is_a_finish() {
        let mut c = Client::new(Fake::default());
        c.submit("a.tar").unwrap();
        c.signal(1, Signal::Ready).unwrap();
        c.cancel().unwrap();
        assert!(!c.is_working());
        c.signal(2, Signal::Ready).unwrap();
        c.cancel().unwrap();
        assert!(matches!(c.slot(), Slot::Ready { worker: 2 }), "cancelling an idle worker keeps it");
        c.submit("b.tar").unwrap();
        assert_eq!(c.signal(2, Signal::Crashed), Ok(true));
        assert!(matches!(c.slot(), Slot::Starting { worker: 3, job: None }));
        assert_eq!(
            log(&mut c),
            ["spawn 1", "post a.tar to 1", "end 1", "spawn 2", "post b.tar to 2", "end 2", "spawn 3"]
        );
    }

    #[test]
    fn failures_to_start_or_hand_over_are_reported() {
        let mut c = Client::new(Fake { refuse_spawn: true, ..Fake::default() });
        assert!(matches!(c.submit("a.tar"), Err(Failure::WorkerStart { .. })));
        assert!(matches!(c.slot(), Slot::Empty));
        let mut c = Client::new(Fake { refuse_post: true, ..Fake::default() });
        c.warm_up().unwrap();
        c.signal(1, Signal::Ready).unwrap();
        assert!(matches!(c.submit("a.tar"), Err(Failure::Handoff { .. })));
        assert!(matches!(c.slot(), Slot::Starting { worker: 2, job: None }), "a fresh spare replaces it");
    }

    #[test]
    fn messages_map_to_signals_and_actions() {
        let a = strata_core::analyze_bytes(&strata_core::sample::teaching_image()).unwrap();
        let mut outline = a.clone();
        outline.stage = Stage::Outline;
        assert!(matches!(on_message(FromWorker::Ready), (Some(Signal::Ready), None)));
        let (s, act) = on_message(FromWorker::Analysis(outline));
        assert!(s.is_none() && matches!(act, Some(Action::Show(ref x)) if x.stage == Stage::Outline));
        let (s, act) = on_message(FromWorker::Analysis(a));
        assert!(s == Some(Signal::Finished) && matches!(act, Some(Action::Show(_))));
        let (s, act) = on_message(FromWorker::Failed(Failure::NotAFile));
        assert!(s == Some(Signal::Finished) && matches!(act, Some(Action::Failed(Failure::NotAFile))));
        let (s, act) = on_message(FromWorker::Progress { bytes_done: 1, bytes_total: Some(2), layers_done: 0 });
        assert!(s.is_none() && matches!(act, Some(Action::Progress { bytes_done: 1, .. })));
    }
}
