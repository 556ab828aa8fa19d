//! The `strata` command's contract: JSON shapes, exit codes, messages.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).output().unwrap()
}

fn sample_file(name: &str, bytes: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("strata-cli-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn inspect_json_has_the_contract_fields() {
    let f = sample_file("sample.tar", &strata_core::sample::teaching_image());
    let o = strata(&["inspect", f.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for k in ["format", "compression", "size"] {
        assert!(v["archive"].get(k).is_some(), "archive.{k}");
    }
    let img = &v["images"][0];
    for k in ["tags", "id", "os", "architecture", "created", "config", "history", "layers", "waste", "merged"] {
        assert!(img.get(k).is_some(), "images[].{k}");
    }
    assert_eq!(img["tags"][0], "strata-sample:latest");
    let l = &img["layers"][1];
    for k in [
        "index",
        "diff_id",
        "digest",
        "media_type",
        "compression",
        "blob_size",
        "tar_size",
        "size",
        "entries",
        "created_by",
        "verified",
        "added",
        "modified",
        "deleted",
    ] {
        assert!(l.get(k).is_some(), "layers[].{k}");
    }
    assert_eq!(l["verified"], "ok");
    assert_eq!(l["modified"], 1);
    for k in [
        "efficiency",
        "wasted_bytes",
        "user_size_bytes",
        "wasted_user_percent",
        "reclaimable_bytes",
        "inefficient_files",
    ] {
        assert!(img["waste"].get(k).is_some(), "waste.{k}");
    }
    for k in ["entries", "files", "dirs", "symlinks", "hardlinks", "size"] {
        assert!(img["merged"].get(k).is_some(), "merged.{k}");
    }
    assert_eq!(img["history"][1]["empty_layer"], true);
    assert_eq!(img["history"][2]["layer"], 1);
    assert!(v["problems"].as_array().unwrap().is_empty());
}

#[test]
fn ls_merged_and_layer_json_lines() {
    let f = sample_file("ls.tar", &strata_core::sample::teaching_image());
    let o = strata(&["ls", f.to_str().unwrap(), "--merged", "--json"]);
    assert!(o.status.success());
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let conf = rows.iter().find(|r| r["path"] == "/app/config.ini").unwrap();
    assert_eq!(conf["type"], "file");
    assert_eq!(conf["mode"], 420);
    assert_eq!(conf["layer"], 1);
    assert_eq!(conf["target"], Value::Null);
    let ls = rows.iter().find(|r| r["path"] == "/bin/ls").unwrap();
    assert_eq!((ls["type"].as_str(), ls["target"].as_str()), (Some("symlink"), Some("sh")));

    let o = strata(&["ls", f.to_str().unwrap(), "--layer", "1", "--json"]);
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let conf = rows.iter().find(|r| r["path"] == "/app/config.ini").unwrap();
    assert_eq!(conf["change"], "modified");
    assert_eq!(conf["detail"], serde_json::json!(["content", "size"]));
    let o = strata(&["ls", f.to_str().unwrap(), "--layer", "2", "--json"]);
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let gone = rows.iter().find(|r| r["path"] == "/app/cache/build.tmp").unwrap();
    assert_eq!(gone["change"], "deleted");
    assert_eq!(gone["layer"], 0, "a deleted row names the layer that provided the hidden file");
    assert!(gone.get("detail").is_none());
}

#[test]
fn ci_exit_codes_follow_dives_rules() {
    let f = sample_file("ci.tar", &strata_core::sample::teaching_image());
    let path = f.to_str().unwrap();
    // The sample wastes 54 B of 147 user bytes (36.7 %): dive's default 10 % rule fails it.
    assert_eq!(strata(&["ci", path]).status.code(), Some(1));
    assert_eq!(strata(&["ci", path, "--highest-user-wasted-percent", "0.5"]).status.code(), Some(0));
    assert_eq!(strata(&["ci", path, "--lowest-efficiency", "0.99999"]).status.code(), Some(1));
    assert_eq!(strata(&["ci", path, "--highest-wasted-bytes", "10"]).status.code(), Some(1));
    assert_eq!(
        strata(&["ci", path, "--highest-wasted-bytes", "1KB", "--highest-user-wasted-percent", "0.5"]).status.code(),
        Some(0)
    );
    let junk = sample_file("junk.bin", b"definitely not a tarball");
    let o = strata(&["ci", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not an image archive"));
}

#[test]
fn helpful_errors_and_exit_code_2() {
    let o = strata(&["inspect", "/nonexistent/file.tar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot open /nonexistent/file.tar"));
    let o = strata(&["ls", "x.tar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--merged or --layer"));
    let f = sample_file("img.tar", &strata_core::sample::teaching_image());
    let o = strata(&["ls", f.to_str().unwrap(), "--layer", "9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the image has 3 layers"));
    let o = strata(&["ls", f.to_str().unwrap(), "--merged", "--image", "nope:1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("strata-sample:latest"));
}

#[test]
fn human_inspect_of_a_real_archive() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/real/02-docker20-vizapp-legacy-overlay2.tar");
    if !fixture.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent !!!!!\n", fixture.display());
        return;
    }
    let o = strata(&["inspect", fixture.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains("vizapp:legacy-overlay2"), "{text}");
    assert!(text.contains("efficiency 94.5463 %"), "{text}");
    assert!(text.contains("321 entries"), "{text}");
}

#[test]
fn ls_filters_by_substring_or_glob_and_sorts() {
    let f = sample_file("filter.tar", &strata_core::sample::teaching_image());
    let path = f.to_str().unwrap();
    let paths = |args: &[&str]| -> Vec<String> {
        let o = strata(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["path"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        paths(&["ls", path, "--merged", "--json", "--filter", "*.csv"]),
        ["/app/data/latest.csv", "/app/data/records.csv"]
    );
    assert_eq!(paths(&["ls", path, "--merged", "--json", "--filter", "OS-REL"]), ["/etc/os-release"]);
    assert_eq!(paths(&["ls", path, "--merged", "--json", "--filter", "/app/*.sh"]), ["/app/app.sh"]);
    let by_size = paths(&["ls", path, "--merged", "--json", "--sort", "size", "--filter", "/app/**"]);
    // 56, 38, 33, 24 and 24 bytes (a hardlink has its file's size; ties by path), then the directory.
    assert_eq!(
        by_size,
        [
            "/app/README.md",
            "/app/app.sh",
            "/app/config.ini",
            "/app/data/latest.csv",
            "/app/data/records.csv",
            "/app/data"
        ]
    );
    assert_eq!(paths(&["ls", path, "--layer", "2", "--json", "--filter", "build"]), ["/app/cache/build.tmp"]);
    let o = strata(&["ls", path, "--merged", "--filter", "[oops"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a valid glob"));
}
