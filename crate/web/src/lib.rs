//! # strata-web
//!
//! Strata in the browser. The main thread renders (Yew); a dedicated Web Worker reads the dropped
//! `File` through [`worker::file_reader::FileReader`] and runs `strata-core` over it, so the page
//! never blocks and the archive is never loaded whole.
//!
//! - [`state`]: the reducer and the route (pure, tested natively);
//! - [`worker`]: the worker [`client`](worker::client) state machine, the [`protocol`](worker::protocol)
//!   between the threads, the file reader and the worker's job;
//! - [`browser`]: thin `web_sys` glue (address, fetch, CSP, storage, real workers);
//! - [`views`]: the figures (stack, layers, union) laid out by `strata-diagram`;
//! - [`components`] and [`app`]: the page; words from `strata-i18n`, numbers from the core;
//! - [`failure`]: why an archive could not be shown, worded per language.

#![deny(missing_docs)]

pub mod app;
pub mod browser;
pub mod components;
pub mod failure;
pub mod state;
pub mod views;
pub mod worker;
