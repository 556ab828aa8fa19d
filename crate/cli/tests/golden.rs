//! Golden test: what `strata inspect --json` and `strata ls --json` print for every shared fixture is
//! pinned, in a form that says what changed when it does.
//!
//! - `tests/golden/inspect.txt`: per archive, the exit code, the message of an archive that cannot
//!   be read (verbatim), the sha256 of stdout (byte for byte), and every leaf of the JSON as
//!   `images[0].layers[2].size = 1234` (long strings shortened to their start and a hash of the whole).
//! - `tests/golden/ls.txt`: per `ls --merged` and `ls --layer K` of each image, the exit code, the
//!   sha256 of stdout, the number of entries, the fields they carry, the bytes they sum to, the counts
//!   by type and by change, and a hash of each field's column (so a change reads "column `mode`").
//!
//! A failure lists the lines that changed ("pinned … / now …"), and, when only the bytes differ,
//! says so (formatting or key order). The contract says fields are only ever added: any change
//! must be deliberate. Rewrite the pins with `STRATA_UPDATE_GOLDEN=1 cargo test -p strata-cli --test
//! golden`, then read the diff of the two files: every changed line is a changed output.

use serde_json::Value;
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const INSPECT_PINS: &str = "tests/golden/inspect.txt";
const LS_PINS: &str = "tests/golden/ls.txt";

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
    let facts: Value =
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

/// A short hash, for a value too long to pin verbatim.
fn short(bytes: &[u8]) -> String {
    hex(bytes)[..12].to_owned()
}

/// One run: exit code, stdout, and stderr with the archive's path (which depends on where the clone
/// lives) replaced by `<archive>`.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn run(file: &str, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_strata")).arg(args[0]).arg(file).args(&args[1..]).output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&o.stderr).replace(file, "<archive>"),
        stdout: o.stdout,
    }
}

/// The head lines every pin has: exit code, the message of a failure, stdout's bytes.
fn head(r: &Run) -> Vec<(String, String)> {
    let mut out = vec![("exit".to_owned(), r.code.to_string())];
    if r.code != 0 {
        out.push(("stderr".to_owned(), r.stderr.trim_end().replace('\n', "\\n")));
    }
    out.push(("stdout".to_owned(), format!("sha256:{} ({} bytes)", hex(&r.stdout), r.stdout.len())));
    out
}

/// A JSON scalar as pinned: verbatim, or a long string as its start and a hash of the whole.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() > 48 => {
            format!("\"{}…\" #{}", s.chars().take(32).collect::<String>(), short(s.as_bytes()))
        }
        other => other.to_string(),
    }
}

/// Every leaf of `v` as (`a.b[2].c`, value); an empty array or object is a leaf too.
fn leaves(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                leaves(&if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") }, x, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                leaves(&format!("{prefix}[{i}]"), x, out);
            }
        }
        other => out.push((prefix.to_owned(), scalar(other))),
    }
}

/// The summary of an `ls --json` listing (one JSON object a line).
fn listing(stdout: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(stdout);
    let rows: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let mut bytes = 0u64;
    for r in &rows {
        for (k, v) in r.as_object().into_iter().flatten() {
            fields.entry(k.clone()).or_default().push(v.to_string());
        }
        bytes += r["size"].as_u64().unwrap_or(0);
        for key in ["type", "change"] {
            if let Some(s) = r[key].as_str() {
                *by.entry(format!("{key} {s}")).or_default() += 1;
            }
        }
    }
    let mut out = vec![
        ("entries".to_owned(), format!("{} ({} lines not JSON)", rows.len(), text.lines().count() - rows.len())),
        ("fields".to_owned(), fields.keys().cloned().collect::<Vec<_>>().join(",")),
        ("bytes".to_owned(), bytes.to_string()),
    ];
    out.extend(by.into_iter().map(|(k, n)| (format!("count {k}"), n.to_string())));
    out.extend(fields.into_iter().map(|(k, col)| (format!("column {k}"), short(col.join("\n").as_bytes()))));
    out
}

/// A section of a pins file: its title (`<archive> inspect`, `<archive> image 0 ls --layer 2`) and
/// its lines.
type Section = (String, Vec<(String, String)>);

/// The pins of one archive: `inspect --json`, and for each image `ls --merged --json` and
/// `ls --layer K --json` for each of its layers.
fn pins_of(dir: &Path, rel: &str) -> (Section, Vec<Section>) {
    let path = dir.join(rel);
    let file = path.to_str().unwrap();
    let r = run(file, &["inspect", "--json"]);
    let mut inspect = (format!("{rel} inspect"), head(&r));
    let Ok(v) = serde_json::from_slice::<Value>(&r.stdout) else { return (inspect, Vec::new()) };
    leaves("", &v, &mut inspect.1);
    let mut ls = Vec::new();
    for (i, img) in v["images"].as_array().into_iter().flatten().enumerate() {
        let image = i.to_string();
        let mut one = |what: String, args: &[&str]| {
            let r = run(file, args);
            let mut lines = head(&r);
            lines.extend(listing(&r.stdout));
            ls.push((format!("{rel} image {i} {what}"), lines));
        };
        one("ls --merged".to_owned(), &["ls", "--image", &image, "--merged", "--json"]);
        for k in 0..img["layers"].as_array().map_or(0, Vec::len) {
            one(format!("ls --layer {k}"), &["ls", "--image", &image, "--layer", &k.to_string(), "--json"]);
        }
    }
    (inspect, ls)
}

/// Reads `file`'s pins (`## section` lines, then `key = value` lines), or rewrites them when
/// `STRATA_UPDATE_GOLDEN` is set; returns the lines that differ.
fn compare(file: &str, actual: &[Section]) -> Vec<String> {
    let pins = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("STRATA_UPDATE_GOLDEN").is_some() {
        let mut text = String::new();
        for (title, lines) in actual {
            text += &format!("## {title}\n");
            text.extend(lines.iter().map(|(k, v)| format!("{k} = {v}\n")));
        }
        std::fs::write(&pins, &text).unwrap();
        eprintln!("rewrote {} ({} sections)", pins.display(), actual.len());
        return Vec::new();
    }
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    let mut title = String::new();
    for l in std::fs::read_to_string(&pins)
        .unwrap_or_else(|e| panic!("{}: {e} (write it with STRATA_UPDATE_GOLDEN=1)", pins.display()))
        .lines()
    {
        match l.strip_prefix("## ") {
            Some(t) => title = t.to_owned(),
            None => {
                if let Some((k, v)) = l.split_once(" = ") {
                    expected.insert(format!("{title} › {k}"), v.to_owned());
                }
            }
        }
    }
    assert!(expected.len() > 400, "{file}: only {} pins", expected.len());
    let now: BTreeMap<String, &str> = actual
        .iter()
        .flat_map(|(t, lines)| lines.iter().map(move |(k, v)| (format!("{t} › {k}"), v.as_str())))
        .collect();
    let mut differ = Vec::new();
    for (k, v) in &expected {
        match now.get(k) {
            Some(a) if a == v => {}
            Some(a) => differ.push(format!("changed: {k}\n    pinned {v}\n    now    {a}")),
            None => differ.push(format!("gone:    {k} (was {v})")),
        }
    }
    differ.extend(now.iter().filter(|(k, _)| !expected.contains_key(*k)).map(|(k, v)| format!("new:     {k} = {v}")));
    // Bytes that changed with no field changing: formatting or key order.
    if !differ.is_empty() && differ.iter().all(|d| d.starts_with("changed: ") && d.contains(" › stdout\n")) {
        differ.push("(only the bytes changed, no field did: the formatting or the key order)".to_owned());
    }
    differ
}

#[test]
fn cli_json_is_unchanged_on_every_fixture() {
    let Some(dir) = fixtures() else { return };
    let all = archives(&dir);
    assert!(all.len() >= 106, "only {} archives found", all.len());
    // Two threads: the machine has two cores, and each archive is independent.
    let halves: Vec<Vec<String>> = all.chunks(all.len().div_ceil(2)).map(<[String]>::to_vec).collect();
    let (inspect, ls): (Vec<Section>, Vec<Vec<Section>>) = std::thread::scope(|s| {
        let handles: Vec<_> = halves
            .iter()
            .map(|half| s.spawn(|| half.iter().map(|rel| pins_of(&dir, rel)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).unzip()
    });
    let ls: Vec<Section> = ls.into_iter().flatten().collect();
    let mut differ = compare(INSPECT_PINS, &inspect);
    differ.extend(compare(LS_PINS, &ls));
    assert!(differ.is_empty(), "{} pinned lines differ:\n{}", differ.len(), differ.join("\n"));
}

#[test]
fn a_changed_field_is_named_in_the_pins() {
    // The pin format itself: a leaf per field, long strings shortened but still distinguished.
    let v: Value = serde_json::json!({"a": {"b": [1, {"c": "x"}], "e": []}, "d": "y".repeat(60)});
    let mut out = Vec::new();
    leaves("", &v, &mut out);
    let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["a.b[0]", "a.b[1].c", "a.e", "d"]);
    assert!(out[3].1.starts_with("\"yyyy") && out[3].1.contains('#'), "{}", out[3].1);
    let mut other = Vec::new();
    leaves("", &serde_json::json!({"d": format!("{}z", "y".repeat(59))}), &mut other);
    assert_ne!(other[0].1, out[3].1, "a change at the end of a long string must show");
    let rows =
        listing(b"{\"path\":\"/a\",\"size\":3,\"type\":\"file\"}\n{\"path\":\"/b\",\"size\":4,\"type\":\"dir\"}\n");
    let get = |k: &str| rows.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(get("entries"), "2 (0 lines not JSON)");
    assert_eq!(get("bytes"), "7");
    assert_eq!(get("count type dir"), "1");
    assert_eq!(get("fields"), "path,size,type");
}
