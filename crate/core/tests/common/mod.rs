//! Shared helpers for the fixture-based tests.
#![allow(dead_code)]

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;
use strata_core::layer::EntryKind;
use strata_core::merge::Node;
use strata_core::progress::{Cancel, NoProgress};
use strata_core::{analyze, Analysis, Options};

/// `../shared/fixtures` seen from the repository root, or `None` (said loudly) when absent.
pub fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    if dir.join("public").is_dir() && dir.join("real").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!! SKIPPED: {} is absent, so the fixture conformance tests did not run. \
             The in-memory tests still ran. !!!!!\n",
            dir.display()
        );
        None
    }
}

/// Analyses a file through a buffered reader.
pub fn analyze_file(path: &std::path::Path) -> Result<Analysis, strata_core::Error> {
    let file = File::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let size = file.metadata().ok().map(|m| m.len());
    analyze(BufReader::new(file), Options { size, progress: &mut NoProgress, cancel: Cancel::new() })
}

/// A reader that returns between 1 and `max` bytes per call, pseudo-randomly.
pub struct ShortReader<R> {
    pub inner: R,
    pub state: u64,
    pub max: usize,
}

impl<R: Read> Read for ShortReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.state = self.state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let n = 1 + (self.state >> 33) as usize % self.max;
        let n = n.min(buf.len());
        self.inner.read(&mut buf[..n])
    }
}

/// A merged-tree node in the ground truth's listing format:
/// `type mode uid:gid size path [-> target | => (hardlink to) target]`, path without the leading `/`.
pub fn listing_line(n: &Node) -> String {
    let t = if n.kind == EntryKind::File { 'f' } else { n.kind.ls_char() };
    let path = n.path.trim_start_matches('/');
    let tail = match (n.kind, &n.target) {
        (EntryKind::Symlink, Some(t)) => format!(" -> {t}"),
        (EntryKind::Hardlink, Some(t)) => {
            format!(" => (hardlink to) {}", t.trim_start_matches('/'))
        }
        _ => String::new(),
    };
    format!("{t} {:04o} {}:{} {:>8} {path}{tail}", n.mode, n.uid, n.gid, n.size)
}

/// Every archive of the shared fixtures (`public/` and `real/`, broken ones included; not the
/// `.txt`/`.md` notes beside them), sorted.
pub fn fixture_archives(dir: &std::path::Path) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if !p.to_string_lossy().ends_with(".txt") && !p.to_string_lossy().ends_with(".md") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("public"), &mut files);
    walk(&dir.join("real"), &mut files);
    files.sort();
    files
}
