//! # strata-core
//!
//! Reads container image archives — `docker save` (every Docker version), OCI image layouts,
//! skopeo/podman/buildah, go-containerregistry/kaniko and Jib tarballs — and explains them layer by
//! layer: which files each layer adds, modifies and deletes, the merged filesystem a container sees,
//! how much space is wasted, and whether every digest checks out.
//!
//! Pure Rust, no web dependencies: it runs natively (the `strata` CLI) and in WebAssembly (the
//! browser app). The archive is read in one forward pass and never held in memory.
//!
//! ```
//! use strata_core::analyze_bytes;
//! // A one-layer image built in memory.
//! let archive = strata_core::sample::tiny_image();
//! let analysis = analyze_bytes(&archive).unwrap();
//! assert_eq!(analysis.images[0].layers.len(), 1);
//! assert!(analysis.images[0].tree.nodes.iter().any(|n| n.path == "/hello.txt"));
//! ```
//!
//! Data flows one way: [`source`] (outer archive members) → [`format`] (which images, which layers)
//! → [`layer`] (one layer's entries) → [`merge`] (changes and merged tree) → [`waste`] → [`model`].

pub mod analyze;
pub mod config;
pub mod detect;
pub mod digest;
pub mod error;
pub mod format;
pub mod json;
pub mod layer;
pub mod merge;
pub mod model;
pub mod path;
pub mod progress;
pub mod sample;
pub mod source;
pub mod structure;
pub mod units;
pub mod waste;
pub mod wire;

pub use analyze::{analyze, analyze_bytes, Options};
pub use digest::{BlobDigest, DiffId, Digest};
pub use error::{Error, Problem, Severity};
pub use model::{Analysis, Image, Layer, Verified};
pub use structure::{analyze_stages, Stage};
