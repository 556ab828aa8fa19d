//! `strata cat ARCHIVE PATH [--layer N] [--image N|TAG]`: a copy's bytes on stdout, as `cat PATH`
//! in a container of the image prints them (or layer N's copy). A path the view does not show
//! exits 1 with the reason; an unreadable archive exits 2.

use crate::load;
use std::io::Write;
use strata_core::content::locate::Follow;
use strata_core::content::{locate, ArchiveFiles, LookupError, ReadError, View};
use strata_core::Image;

/// Runs the command; returns the exit code (1: the view shows no such file, with the message on
/// stderr).
pub fn run(archive: &str, path: &str, layer: Option<usize>, image: Option<&str>) -> Result<u8, String> {
    let (analysis, offsets) = load::load_noting(archive)?;
    let (index, img) = load::pick(&analysis, image)?;
    let view = layer.map_or(View::Merged, View::Layer);
    let found = match locate(img, path, view, Follow::All) {
        Ok(f) => f,
        // A layer the image does not have is a wrong argument (as `ls --layer` treats it).
        Err(e @ LookupError::NoSuchLayer { .. }) => return Err(e.to_string()),
        Err(e) => {
            eprintln!("strata: {}", explain(img, &e));
            return Ok(1);
        }
    };
    let Some((data_layer, entry)) = found.data else {
        eprintln!("strata: {}: not a regular file", found.resolved);
        return Ok(1);
    };
    // A plain layer's file: its bytes are where the header pass saw them.
    if let Some((at, size)) = offsets.as_ref().and_then(|o| o.get(index, data_layer, &entry)) {
        return copy_range(archive, &entry, at, size);
    }
    let files = ArchiveFiles::open(|| std::fs::File::open(archive).map(crate::seekbuf::SeekBuf::new))
        .map_err(|e| format!("{archive}: {e}"))?;
    let mut out = std::io::stdout().lock();
    match files.read(index, data_layer, &entry, &mut out, u64::MAX) {
        Ok(_) => Ok(0),
        // `strata cat … | head`: the reader left; not an error of ours.
        Err(ReadError::Write { .. }) => Ok(0),
        Err(e) => {
            let _ = out.flush();
            Err(format!("{archive}: {e}"))
        }
    }
}

/// Writes `size` bytes of `archive` from `at` to stdout (a closed pipe is not an error; a file
/// that ends early is).
fn copy_range(archive: &str, path: &str, at: u64, size: u64) -> Result<u8, String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(archive).map_err(|e| format!("cannot open {archive}: {e}"))?;
    f.seek(SeekFrom::Start(at)).map_err(|e| format!("{archive}: {e}"))?;
    let mut out = std::io::stdout().lock();
    match std::io::copy(&mut f.take(size), &mut out) {
        Ok(n) if n == size => Ok(0),
        Ok(n) => {
            let _ = out.flush();
            Err(format!("{archive}: {path}: the layer ends after {n} of its {size} bytes"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(format!("{archive}: {e}")),
    }
}

/// The lookup error as a sentence, with the instruction of the layer it names.
pub fn explain(img: &Image, e: &LookupError) -> String {
    let by = |layer: usize| {
        img.layers
            .get(layer)
            .and_then(strata_core::Layer::instruction)
            .filter(|s| !s.is_empty())
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    };
    match e {
        LookupError::Deleted { layer, .. } | LookupError::NoCopyInLayer { layer, .. } => format!("{e}{}", by(*layer)),
        _ => e.to_string(),
    }
}
