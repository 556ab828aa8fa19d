//! Golden test: the JSON that `strata inspect --json` and `strata ls --json` print for every shared
//! fixture is pinned byte for byte (sha256 and length of stdout, plus the exit code and, for archives
//! that cannot be read, the sha256 of the message). The contract says fields are only ever added:
//! any change to these bytes must be deliberate.
//!
//! Rewrite the pins with `STRATA_UPDATE_GOLDEN=1 cargo test -p strata-cli --test golden` (then
//! review the diff of `tests/golden/cli-json.txt`: every changed line is a changed output).

use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const PINS: &str = "tests/golden/cli-json.txt";

fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    if dir.join("public/fixtures.json").exists() {
        Some(dir)
    } else {
        eprintln!("\n!!!!! SKIPPED: {} is absent; the CLI golden test checks nothing !!!!!\n", dir.display());
        None
    }
}

/// Every archive of the shared fixtures, as a path relative to the fixtures folder.
fn archives(dir: &Path) -> Vec<String> {
    let facts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("public/fixtures.json")).unwrap()).unwrap();
    let mut all: Vec<String> =
        facts.as_array().unwrap().iter().map(|f| format!("public/{}", f["path"].as_str().unwrap())).collect();
    for e in std::fs::read_dir(dir.join("real")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".tar") {
            all.push(format!("real/{name}"));
        }
    }
    all.sort();
    all
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `strata args…` on `file` and returns one pin line:
/// `exit <code> stdout <sha256>:<len> [stderr <sha256>]`. The message names the archive by the path it
/// was given, which depends on where the clone lives: it is hashed with that path replaced by
/// `<archive>`, so the pins hold on any machine.
fn pin(file: &str, args: &[&str]) -> (String, Vec<u8>) {
    let o = Command::new(env!("CARGO_BIN_EXE_strata")).arg(args[0]).arg(file).args(&args[1..]).output().unwrap();
    let code = o.status.code().unwrap_or(-1);
    let mut line = format!("exit {code} stdout {}:{}", hex(&o.stdout), o.stdout.len());
    if code != 0 {
        let stderr = String::from_utf8_lossy(&o.stderr).replace(file, "<archive>");
        line += &format!(" stderr {}", hex(stderr.as_bytes()));
    }
    (line, o.stdout)
}

/// The pins of one archive: `inspect --json`, and for each image `ls --merged --json` and
/// `ls --layer K --json` for each of its layers.
fn pins_of(dir: &Path, rel: &str) -> Vec<(String, String)> {
    let path = dir.join(rel);
    let file = path.to_str().unwrap();
    let mut out = Vec::new();
    let (line, stdout) = pin(file, &["inspect", "--json"]);
    out.push((format!("{rel} inspect"), line));
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&stdout) else { return out };
    for (i, img) in v["images"].as_array().into_iter().flatten().enumerate() {
        let image = i.to_string();
        let (line, _) = pin(file, &["ls", "--image", &image, "--merged", "--json"]);
        out.push((format!("{rel} image {i} ls --merged"), line));
        for k in 0..img["layers"].as_array().map_or(0, Vec::len) {
            let (line, _) = pin(file, &["ls", "--image", &image, "--layer", &k.to_string(), "--json"]);
            out.push((format!("{rel} image {i} ls --layer {k}"), line));
        }
    }
    out
}

#[test]
fn cli_json_is_byte_for_byte_unchanged_on_every_fixture() {
    let Some(dir) = fixtures() else { return };
    let all = archives(&dir);
    assert!(all.len() >= 106, "only {} archives found", all.len());
    // Two threads: the machine has two cores, and each archive is independent.
    let halves: Vec<Vec<String>> = all.chunks(all.len().div_ceil(2)).map(<[String]>::to_vec).collect();
    let actual: BTreeMap<String, String> = std::thread::scope(|s| {
        let handles: Vec<_> = halves
            .iter()
            .map(|half| s.spawn(|| half.iter().flat_map(|rel| pins_of(&dir, rel)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let text: String = actual.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect();
    let pins = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(PINS);
    if std::env::var_os("STRATA_UPDATE_GOLDEN").is_some() {
        std::fs::write(&pins, &text).unwrap();
        eprintln!("rewrote {} ({} pins)", pins.display(), actual.len());
        return;
    }
    let expected: BTreeMap<String, String> = std::fs::read_to_string(&pins)
        .unwrap_or_else(|e| panic!("{}: {e} (write it with STRATA_UPDATE_GOLDEN=1)", pins.display()))
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let mut differ: Vec<String> = Vec::new();
    for (k, v) in &expected {
        match actual.get(k) {
            Some(a) if a == v => {}
            Some(a) => differ.push(format!("changed: {k}\n  pinned {v}\n  now    {a}")),
            None => differ.push(format!("missing: {k}")),
        }
    }
    differ.extend(actual.keys().filter(|k| !expected.contains_key(*k)).map(|k| format!("new: {k}")));
    assert!(
        differ.is_empty(),
        "{} of {} outputs differ from the pins:\n{}",
        differ.len(),
        expected.len(),
        differ.join("\n")
    );
    assert!(expected.len() > 400, "only {} pins", expected.len());
}
