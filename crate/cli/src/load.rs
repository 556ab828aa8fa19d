//! Opening an archive and running the core over it, with progress on a terminal.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Write};
use strata_core::outline::analyze_parallel;
use strata_core::outline::FileOffsets;
use strata_core::progress::{Cancel, ProgressEvent};
use strata_core::{Analysis, Image, Options};

const PROGRESS_THRESHOLD: u64 = 64 * 1024 * 1024;

/// How many threads verify layers: the cores, at most 16 (`STRATA_THREADS` overrides it).
fn threads() -> usize {
    std::env::var("STRATA_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(16))
        .max(1)
}

/// Reads and analyses `path` (its layers in parallel when it is a plain tar). The error is a
/// sentence for the user.
pub fn load(path: &str) -> Result<Analysis, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let size = file.metadata().ok().map(|m| m.len());
    let show = size.unwrap_or(0) > PROGRESS_THRESHOLD && std::io::stderr().is_terminal();
    let mut last_pct = u64::MAX;
    let mut progress = |e: ProgressEvent| {
        if !show {
            return;
        }
        let pct = e.bytes_total.filter(|t| *t > 0).map(|t| e.bytes_done * 100 / t).unwrap_or(0);
        if pct != last_pct {
            last_pct = pct;
            let _ = write!(std::io::stderr(), "\rreading {path}: {pct:3}% ({} layers)", e.layers_done);
        }
    };
    drop(file);
    let open = || File::open(path).map(|f| BufReader::with_capacity(256 * 1024, f));
    let result = analyze_parallel(open, Options { size, progress: &mut progress, cancel: Cancel::new() }, threads());
    if show {
        eprintln!();
    }
    let analysis = result.map_err(|e| format!("{path}: {e}"))?;
    if analysis.images.is_empty() {
        let why: Vec<String> = analysis.problems.iter().map(|p| p.message()).collect();
        return Err(format!(
            "{path}: no image could be read{}",
            if why.is_empty() { String::new() } else { format!(": {}", why.join("; ")) }
        ));
    }
    Ok(analysis)
}

/// The model of `path` as fast as it can be had, for commands that only need the layers' entries
/// (`cat`, `log`): a plain tar with plain layers is read by headers alone, seeking past every
/// file's data (the structure stage: digests unchecked); anything else is read whole by [`load`].
pub fn load_headers(path: &str) -> Result<Analysis, String> {
    load_noting(path).map(|(a, _)| a)
}

/// [`load_headers`], with where each regular file's bytes lie when the header pass could read
/// the archive (a plain tar with plain layers), so `cat` reads them without a second pass.
pub fn load_noting(path: &str) -> Result<(Analysis, Option<FileOffsets>), String> {
    let open = || File::open(path).map(crate::seekbuf::SeekBuf::new);
    let size = std::fs::metadata(path).ok().map(|m| m.len());
    let outline = strata_core::outline::Outline::read(&open, size).ok().flatten();
    match outline.map(|o| o.structure_noting(&open)) {
        Some(Ok(Some((analysis, offsets)))) if !analysis.images.is_empty() => Ok((analysis, Some(offsets))),
        _ => load(path).map(|a| (a, None)),
    }
}

/// Picks an image by index or tag (`docker.io/library/` may be left out).
pub fn pick<'a>(analysis: &'a Analysis, which: Option<&str>) -> Result<(usize, &'a Image), String> {
    let Some(which) = which else {
        return analysis.images.first().map(|i| (0, i)).ok_or_else(|| "the archive holds no image".to_owned());
    };
    if let Ok(n) = which.parse::<usize>() {
        return analysis.images.get(n).map(|i| (n, i)).ok_or_else(|| {
            format!("--image {n}: the archive holds {} image(s), numbered from 0", analysis.images.len())
        });
    }
    let short = |t: &str| t.trim_start_matches("docker.io/").trim_start_matches("library/").to_owned();
    analysis
        .images
        .iter()
        .enumerate()
        .find(|(_, img)| img.tags.iter().any(|t| t == which || short(t) == short(which)))
        .ok_or_else(|| {
            let all: Vec<String> = analysis.images.iter().flat_map(|i| i.tags.clone()).collect();
            format!(
                "--image {which}: no image has that tag (tags: {})",
                if all.is_empty() { "none".into() } else { all.join(", ") }
            )
        })
}
