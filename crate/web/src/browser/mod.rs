//! Thin `web_sys` helpers: the address (hash and query), fetching `?src=`, the start-up CSP, the
//! remembered language, `<html lang>`, and real workers for the [`crate::worker::client`].
//! Everything here is glue; what can be decided without a browser lives elsewhere and is tested
//! natively.

pub mod analysis;
pub mod channel;
pub mod copies;
pub mod csp;
pub mod document;
pub mod embed;
pub mod export;
pub mod fetch;
pub mod location;
pub mod storage;
pub mod workers;
