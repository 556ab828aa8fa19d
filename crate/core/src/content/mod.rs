//! What is in a file: any copy of a path, its bytes, and the path's history through the layers.
//!
//! A layer is a changeset (OCI image-spec `layer.md`, "Image Layer Filesystem Changeset"; Docker
//! image spec v1.2): a copy of a path is the entry a layer's tar holds for it, and the merged view
//! is what the changesets applied in order leave visible ("Applying Changesets"). Three concepts,
//! one module each:
//! - [`locate`]: which copy a view shows, found from the model alone (no archive reading):
//!   symbolic links followed as the kernel's path walk follows them (`path_resolution(7)`),
//!   hard links resolved to the entry that holds their bytes;
//! - [`history`]: every layer that added, modified or deleted a path, and how a deletion came about;
//! - [`read`]: the bytes of one copy, read from the archive without reading other layers (a byte
//!   range of a plain layer; a compressed layer is decompressed up to the entry), with memory bounded
//!   by what the caller keeps, never by the layer or the archive;
//! - [`gzip`]: checkpoints into gzip layers, so a second file of one layer is not read from the
//!   layer's first byte;
//! - [`show`]: how a copy's bytes are shown (text lines, a hex dump, an image);
//! - [`diff`]: two copies compared (a minimal line diff; what else differs).

pub mod diff;
pub mod gzip;
pub mod history;
pub mod locate;
pub mod read;
pub mod show;

pub use history::{history, Cause, PathEvent};
pub use locate::{locate, Located, LookupError, View};
pub use read::{ArchiveFiles, CopyRead, ReadError};
