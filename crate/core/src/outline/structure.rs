//! The structure of a plain archive with plain layers, from every layer's entry headers (file
//! data is sought past): [`Stage::Structure`], before every byte is hashed.

use super::{Outline, Window};
use crate::analyze::{analyze_scan, analyze_scan_releasing};
use crate::detect::Compression;
use crate::error::Error;
use crate::layer::{self, LayerBlob, LayerContents};
use crate::model::{Analysis, Stage};
use std::io::{self, Read, Seek};

/// Reads a seekable, plain-tar archive by headers in two steps, handing each picture to `emit` as
/// soon as it is known: first an analysis at [`Stage::Outline`] (after the outer archive's headers
/// and its JSON documents: a handful of reads even for a multi-GB archive), then one at
/// [`Stage::Structure`] (after every layer's entry headers; only when every layer is a plain tar).
///
/// Returns `Ok(())` without emitting anything when the archive is compressed; an `Err` only when the
/// outer archive cannot be read at all (the full pass then reports it properly).
pub fn analyze_stages<R, F>(open: F, size: Option<u64>, emit: &mut dyn FnMut(Analysis)) -> Result<(), Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    analyze_stages_while(open, size, &mut |a| {
        emit(a);
        true
    })
}

/// [`analyze_stages`], stopping after the outline when `emit` returns `false` for it.
pub fn analyze_stages_while<R, F>(
    open: F,
    size: Option<u64>,
    emit: &mut dyn FnMut(Analysis) -> bool,
) -> Result<(), Error>
where
    R: Read + Seek,
    F: Fn() -> io::Result<R>,
{
    let Some(mut outline) = Outline::read(&open, size)? else { return Ok(()) };
    if !emit(outline.analysis()?) {
        return Ok(());
    }
    if let Some(structure) = outline.structure(&open)? {
        emit(structure);
    }
    Ok(())
}

impl Outline {
    /// The analysis at [`Stage::Structure`], from every layer's entry headers (file data is sought
    /// past); `Ok(None)` when a layer is compressed or its headers do not read cleanly.
    pub fn structure<R, F>(self, open: &F) -> Result<Option<Analysis>, Error>
    where
        R: Read + Seek,
        F: Fn() -> io::Result<R>,
    {
        Ok(self.structure_noting(open)?.map(|(a, _)| a))
    }

    /// [`Outline::structure`], with where every regular file's bytes lie in the archive (so one
    /// can be read at once, as `strata cat` does).
    pub fn structure_noting<R, F>(mut self, open: &F) -> Result<Option<(Analysis, FileOffsets)>, Error>
    where
        R: Read + Seek,
        F: Fn() -> io::Result<R>,
    {
        let mut noted: std::collections::HashMap<String, (u64, layer::DataOffsets)> = Default::default();
        let io_err = |e| Error::from_io(None, e);
        let scan = &mut self.scan;
        let used: std::collections::HashSet<String> =
            self.found.images.iter().flat_map(|i| &i.layers).map(|l| scan.resolve(&l.member).to_owned()).collect();
        for at in self.blobs.iter().filter(|b| used.contains(&b.name)) {
            if at.compression != Compression::None {
                return Ok(None);
            }
            let mut contents = LayerContents::default();
            let mut offsets = layer::DataOffsets::new();
            if at.size > 0 {
                let window = Window::new(open().map_err(io_err)?, at.data_at, at.size).map_err(io_err)?;
                if layer::parse_tar_headers_noting(window, &at.name, &mut contents, &mut offsets).is_err() {
                    return Ok(None);
                }
            }
            noted.insert(at.name.clone(), (at.data_at, offsets));
            if let Some(blob) = scan.blobs.get_mut(&at.name) {
                blob.contents = contents;
            }
        }
        let members: Vec<Vec<String>> = self
            .found
            .images
            .iter()
            .map(|i| i.layers.iter().map(|l| self.scan.resolve(&l.member).to_owned()).collect())
            .collect();
        let analysis = analyze_scan(&mut self.scan, self.found, self.size, Stage::Structure)?;
        Ok(Some((analysis, FileOffsets { members, layers: noted })))
    }
}

impl super::Plan {
    /// The analysis at [`Stage::Structure`] from blobs read so far (`read[i]` is
    /// [`super::Plan::blobs`]`[i]`): each one by its entry headers, or parsed whole with its
    /// digest still to come (the browser's helpers hash with Web Crypto
    /// while the page already draws). The blobs are given back, their entries kept, for
    /// [`super::Plan::finish`] once every digest is known, as many and in the same order; the
    /// plan is left as it is. `None` when the analysis fails, or when two blobs of the plan share a
    /// member name (a hostile archive: the blobs are then given back untouched).
    pub fn provisional(&self, read: Vec<LayerBlob>, size: Option<u64>) -> (Option<Analysis>, Vec<LayerBlob>) {
        let names: std::collections::HashSet<&str> = self.blobs().iter().map(|b| b.name.as_str()).collect();
        if names.len() != self.blobs().len() || read.len() != self.blobs().len() {
            return (None, read);
        }
        let mut outline = self.headers_outline(size);
        for (at, blob) in self.blobs().iter().zip(read) {
            outline.scan.blobs.insert(at.name.clone(), blob);
        }
        let scan = &mut outline.scan;
        let analysis = analyze_scan_releasing(scan, outline.found, size, Stage::Structure, false).ok();
        let back = self.blobs().iter().filter_map(|at| scan.blobs.remove(&at.name)).collect();
        (analysis, back)
    }
}

/// Where the regular files of a plain archive's plain layers lie (from
/// [`Outline::structure_noting`]).
#[derive(Debug, Default)]
pub struct FileOffsets {
    /// The blob member of each image's layers.
    members: Vec<Vec<String>>,
    /// Per blob member: where its data starts in the archive, and its files' offsets in it.
    layers: std::collections::HashMap<String, (u64, layer::DataOffsets)>,
}

impl FileOffsets {
    /// The archive offset and size of the regular file at `path` (normalized) in layer `layer` of
    /// image `image`, if that layer's tar holds one there.
    pub fn get(&self, image: usize, layer: usize, path: &str) -> Option<(u64, u64)> {
        let member = self.members.get(image)?.get(layer)?;
        let (start, files) = self.layers.get(member)?;
        files.get(path).and_then(|(at, size)| Some((start.checked_add(*at)?, *size)))
    }
}
