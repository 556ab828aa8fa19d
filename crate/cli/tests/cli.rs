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

#[test]
fn diagram_writes_each_figure_as_valid_svg_with_its_hooks() {
    let f = sample_file("diagram.tar", &strata_core::sample::replace());
    let path = f.to_str().unwrap();
    for view in ["stack", "layers", "union"] {
        let o = strata(&["diagram", path, "--view", view]);
        assert!(o.status.success(), "{view}: {}", String::from_utf8_lossy(&o.stderr));
        let svg = stdout(&o);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{view}: {e}"));
        let root = doc.root_element();
        assert_eq!((root.tag_name().name(), root.attribute("data-view")), ("svg", Some(view)));
        assert!(
            doc.descendants().any(|n| n.has_tag_name("title")) && doc.descendants().any(|n| n.has_tag_name("desc"))
        );
        let plates: Vec<_> = doc.descendants().filter(|n| n.attribute("data-layer-index").is_some()).collect();
        assert_eq!(plates.len(), 3, "{view}: one plate per layer");
        assert!(plates.iter().all(|p| p.attribute("data-diff-id").is_some_and(|d| d.starts_with("sha256:"))));
    }
    let o = strata(&["diagram", path, "--view", "layers"]);
    let doc_text = stdout(&o);
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let counts = doc.descendants().find(|n| n.attribute("data-testid") == Some("figure-counts")).unwrap();
    assert_eq!(
        (counts.attribute("data-layers"), counts.attribute("data-written"), counts.attribute("data-visible")),
        (Some("3"), Some("7"), Some("6"))
    );
    let file5: Vec<_> = doc.descendants().filter(|n| n.attribute("data-tile-path") == Some("/file5")).collect();
    let states: Vec<_> =
        file5.iter().map(|n| (n.attribute("data-layer").unwrap(), n.attribute("data-state").unwrap())).collect();
    assert_eq!(states, [("2", "visible"), ("1", "replaced")]);
    assert!(doc_text.contains("3 layers · 7 files written · 6 visible"));
    // -o, the other language and theme.
    let out = std::env::temp_dir().join(format!("strata-cli-{}-fig.svg", std::process::id()));
    let o = strata(&[
        "diagram",
        path,
        "--view",
        "union",
        "--lang",
        "zh-CN",
        "--theme",
        "dark",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success() && o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("data-theme=\"dark\"") && written.contains("合并视图") && written.contains("lang=\"zh-CN\"")
    );
    let plane = roxmltree::Document::parse(&written).unwrap();
    let plane = plane.descendants().find(|n| n.attribute("data-testid") == Some("merged-plane")).unwrap();
    assert_eq!(
        plane.descendants().filter(|n| n.attribute("data-path").is_some()).count(),
        6,
        "the regions are inside the plane"
    );
}

#[test]
fn diagram_draws_a_build_step_and_renders_a_png_of_the_svg() {
    let f = sample_file("diagram-step.tar", &strata_core::sample::replace());
    let path = f.to_str().unwrap();
    let plates = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants().filter(|n| n.attribute("data-layer-index").is_some()).count()
    };
    for (step, want) in [("0", 0), ("1", 1), ("2", 2), ("3", 3)] {
        let o = strata(&["diagram", path, "--view", "layers", "--step", step]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(plates(&stdout(&o)), want, "step {step}");
    }
    let last = strata(&["diagram", path, "--view", "layers", "--step", "3"]);
    assert_eq!(stdout(&last), stdout(&strata(&["diagram", path, "--view", "layers"])), "the last step is the image");
    let o = strata(&["diagram", path, "--view", "layers", "--step", "4"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("3 build steps"));
    let o = strata(&["diagram", path, "--view", "layers", "--select", "/file5"]);
    assert!(stdout(&o).contains("data-selected=\"true\""), "the selected path's copies are marked");
    // --png: the SVG rendered at 2 (or --scale) pixels per unit, not blank.
    let svg = stdout(&strata(&["diagram", path, "--view", "stack", "--theme", "dark"]));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let size = |a: &str| doc.root_element().attribute(a).and_then(|v| v.parse::<f32>().ok()).unwrap();
    for (scale, args) in [(2.0, vec![]), (1.0, vec!["--scale", "1"])] {
        let out = std::env::temp_dir().join(format!("strata-cli-{}-{scale}.png", std::process::id()));
        let mut argv =
            vec!["diagram", path, "--view", "stack", "--theme", "dark", "--png", "-o", out.to_str().unwrap()];
        argv.extend(args);
        let o = strata(&argv);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let decoder = png::Decoder::new(std::fs::File::open(&out).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(
            (info.width, info.height),
            ((size("width") * scale).ceil() as u32, (size("height") * scale).ceil() as u32)
        );
        let distinct: std::collections::BTreeSet<&[u8]> = buf.chunks(4).collect();
        assert!(distinct.len() > 20, "a drawing, not a blank page ({} colours)", distinct.len());
    }
}

#[test]
fn diagram_says_what_is_wrong_with_its_arguments() {
    let f = sample_file("diagram-bad.tar", &strata_core::sample::teaching_image());
    let path = f.to_str().unwrap();
    let fails = |args: &[&str], says: &str| {
        let o = strata(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    };
    fails(&["diagram", path, "--view", "pie"], "not stack, layers, union or sizes");
    fails(&["diagram", path, "--view", "sizes", "--width", "20"], "--width");
    fails(&["diagram", path, "--view", "sizes", "--path", "/bin/sh"], "no layer of the image has a directory there");
    fails(&["diagram", path], "needs --view");
    fails(&["diagram", path, "--view", "layers", "--layer", "7"], "the image has 3 layers");
    fails(&["diagram", path, "--view", "layers", "--path", "/nope"], "no layer of the image has a directory there");
    fails(
        &["diagram", path, "--view", "layers", "--path", "/etc/passwd"],
        "no layer of the image has a directory there",
    );
    fails(&["diagram", path, "--view", "stack", "--image", "other:1"], "no image has that tag");
    fails(&["diagram", path, "--view", "stack", "--theme", "blue"], "not light or dark");
    fails(&["diagram", "/nonexistent.tar", "--view", "stack"], "cannot open");
    let o = strata(&["diagram", path, "--view", "layers", "--path", "/app/cache", "--layer", "2"]);
    assert!(o.status.success(), "a directory deleted later is still one to look into");
    assert!(stdout(&o).contains("data-state=\"whiteout\""));
}

#[test]
fn sample_writes_each_teaching_sample_as_an_archive_strata_and_dive_read() {
    let o = strata(&["sample"]);
    let names: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(names, strata_core::sample::names().collect::<Vec<_>>());
    let dive = Command::new("dive").arg("--version").output().is_ok();
    if !dive {
        eprintln!(
            "\n!!!!! dive is not installed: the samples are checked by strata only (SKIPPED the dive half) !!!!!\n"
        );
    }
    for name in &names {
        let out = std::env::temp_dir().join(format!("strata-cli-{}-sample-{name}.tar", std::process::id()));
        let o = strata(&["sample", name, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            std::fs::read(&out).unwrap(),
            strata_core::sample::named(name).unwrap(),
            "{name}: the same bytes as the page builds"
        );
        let o = strata(&["inspect", out.to_str().unwrap(), "--json"]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert!(v["problems"].as_array().unwrap().is_empty(), "{name}");
        if dive {
            let json = out.with_extension("dive.json");
            let d = Command::new("dive")
                .args(["--source", "docker-archive", out.to_str().unwrap(), "--json", json.to_str().unwrap()])
                .env("CI", "true")
                .output()
                .unwrap();
            assert!(d.status.success(), "dive reads {name}: {}", String::from_utf8_lossy(&d.stderr));
            let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
            assert_eq!(
                report["layer"].as_array().map(Vec::len),
                v["images"][0]["layers"].as_array().map(Vec::len),
                "{name}"
            );
        }
    }
    let o = strata(&["sample", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no sample named"));
}
