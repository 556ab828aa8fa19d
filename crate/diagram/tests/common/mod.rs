//! Images for the figure tests: the samples, hostile names, and the shared fixtures.
#![allow(dead_code)]

use std::path::PathBuf;
use strata_core::sample::{self, SampleEntry};
use strata_core::{analyze_bytes, Analysis};

/// The in-memory images, by name.
pub fn samples() -> Vec<(&'static str, Analysis)> {
    let a = |b: Vec<u8>| analyze_bytes(&b).expect("a sample reads");
    vec![
        ("sample", a(sample::teaching_image())),
        ("two-layers", a(sample::two_layers())),
        ("replace", a(sample::replace())),
        ("whiteouts", a(sample::whiteouts())),
        ("hostile", a(hostile())),
    ]
}

/// Names and instructions with markup, quotes, ampersands, controls and right-to-left overrides.
pub fn hostile() -> Vec<u8> {
    use SampleEntry::*;
    let l0 = sample::layer_tar(&[
        Dir("x"),
        File("x/<script>alert(1)</script>", b"1".to_vec(), 0o644),
        File("x/a&b\"c'd", b"2".to_vec(), 0o644),
        File("x/evil\u{202E}txt.exe", b"3".to_vec(), 0o644),
        File("x/bell\u{7}tab\tnl", b"4".to_vec(), 0o644),
        File("x/名前.txt", b"5".to_vec(), 0o644),
    ]);
    let l1 = sample::layer_tar(&[Dir("x"), Whiteout("x/<script>alert(1)</script>")]);
    sample::docker_archive(
        "evil<tag>&\"q\":latest",
        &[l0, l1],
        &[("COPY <b>bold</b> & \"x\" /x", true), ("RUN rm '/x/<script>alert(1)</script>' \u{202E}", true)],
        &[],
        &["/bin/sh"],
    )
}

/// `../shared/fixtures`, or `None` (said loudly).
pub fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    if dir.join("real").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!! SKIPPED: {} is absent; the figure tests ran on in-memory images only !!!!!\n",
            dir.display()
        );
        None
    }
}

/// Every real fixture and every readable public one.
pub fn fixture_analyses() -> Vec<(String, Analysis)> {
    let Some(dir) = fixtures() else { return Vec::new() };
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["real", "public"] {
        walk(&dir.join(sub), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("negative"))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let is_archive = name.ends_with(".tar")
                || name.ends_with(".tar.gz")
                || name.ends_with(".tgz")
                || name.ends_with(".tar.xz");
            if !is_archive {
                return None;
            }
            let bytes = std::fs::read(&p).ok()?;
            let a = analyze_bytes(&bytes).ok()?;
            Some((p.strip_prefix(&dir).ok()?.display().to_string(), a))
        })
        .collect()
}

fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The English words of a figure.
pub fn en(label: &strata_diagram::Label) -> String {
    (strata_i18n::Lang::En.strings().figure)(label)
}

/// The Chinese words of a figure.
pub fn zh(label: &strata_diagram::Label) -> String {
    (strata_i18n::Lang::ZhCn.strings().figure)(label)
}
