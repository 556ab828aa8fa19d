//! Thin `web_sys` helpers: the address (hash and query), fetching `?src=`, the start-up CSP, the
//! remembered language, `<html lang>`, and real workers for the [`crate::worker::client`].
//! Everything here is glue; what can be decided without a browser lives elsewhere and is tested
//! natively.

#[cfg(target_arch = "wasm32")]
pub mod analysis;
#[cfg(target_arch = "wasm32")]
pub mod channel;
#[cfg(target_arch = "wasm32")]
pub mod copies;
pub mod csp;
#[cfg(target_arch = "wasm32")]
pub mod document;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod location;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod workers;
