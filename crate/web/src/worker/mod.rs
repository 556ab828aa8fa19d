//! The analysis worker: the page's [`client`] state machine, the [`protocol`] between the two
//! threads, the worker's [`file_reader`] and, in the worker itself, the [`job`].

pub mod client;
pub mod file_reader;
#[cfg(target_arch = "wasm32")]
pub mod job;
pub mod protocol;
