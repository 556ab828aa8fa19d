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
//! → [`layer`] (one layer's entries) → [`verify`] (digests) → [`merge`] (changes and merged tree)
//! → [`waste`] → [`model`]. Around the model: [`problem`] (what went wrong, as typed kinds),
//! [`replay`] (the tree layer by layer), [`query`] (path filters and sorts), [`history`] (build steps
//! as Dockerfile lines).

#![deny(missing_docs)]
// The core never panics on input: no unwrap, expect, panic or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod analyze;
pub mod commit;
pub mod compare;
pub mod config;
pub mod container;
pub mod content;
pub mod copies;
pub mod decompress;
pub mod detect;
pub mod digest;
pub mod error;
pub mod format;
pub mod history;
pub mod json;
pub mod layer;
pub mod merge;
pub mod model;
pub mod order;
pub mod outline;
pub mod path;
pub mod problem;
pub mod progress;
pub mod query;
pub mod replay;
pub mod sample;
pub mod shared_path;
pub mod sizes;
pub mod source;
pub mod steps;
pub mod units;
pub mod upper_tar;
pub mod verify;
pub mod waste;
pub mod wire;

pub use analyze::{analyze, analyze_bytes, Options};
pub use detect::Compression;
pub use digest::{short_id, BlobDigest, DiffId, Digest};
pub use error::Error;
pub use model::{Analysis, ArchiveFormat, DigestVerdict, Image, Layer, Stage, Verified};
pub use outline::{analyze_stages, analyze_stages_while};
pub use problem::{Problem, ProblemKind, Severity};
