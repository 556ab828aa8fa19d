//! The analysis worker: the page's [`client`] state machine, the [`protocol`] between the two
//! threads, the worker's [`file_reader`] and, in the worker itself, the [`job`] (an analysis) or a [`copy`] (one file's bytes); a plain-tar
//! archive's layers are read by a [`pool`] of helper workers. The page and its workers share one
//! module: a worker's `main` runs [`entry`] instead of the app.

pub mod client;
pub mod copy;
pub mod entry;
pub mod file_reader;
pub mod helpers;
pub mod job;
pub mod pool;
pub mod protocol;
