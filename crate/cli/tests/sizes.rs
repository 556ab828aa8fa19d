//! `strata diagram --view sizes`: the size map's rectangles and their hooks, on an archive built
//! here and on the real fixtures against the listings checked against `docker export`
//! (`../shared/fixtures/real/groundtruth`: the merged listing for `merged`, the layers' own
//! listings for `stored`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};
use strata_core::sample::{docker_archive, layer_tar, SampleEntry::*};

fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).output().unwrap()
}

/// One rectangle with hooks.
#[derive(Debug, Clone)]
struct Node {
    path: Option<String>,
    bytes: u64,
    kind: String,
    layer: Option<usize>,
    state: Option<String>,
    testid: Option<String>,
    count: Option<u64>,
    w: f64,
    h: f64,
}

fn svg(args: &[&str]) -> (String, Vec<Node>) {
    let o = strata(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let nodes = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("data-kind").is_some())
        .map(|n| {
            let num = |k: &str| n.attribute(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            Node {
                path: n.attribute("data-path").map(str::to_owned),
                bytes: n.attribute("data-bytes").unwrap().parse().unwrap(),
                kind: n.attribute("data-kind").unwrap().to_owned(),
                layer: n.attribute("data-layer").map(|v| v.parse().unwrap()),
                state: n.attribute("data-state").map(str::to_owned),
                testid: n.attribute("data-testid").map(str::to_owned),
                count: n.attribute("data-count").map(|v| v.parse().unwrap()),
                w: num("width"),
                h: num("height"),
            }
        })
        .collect();
    (text, nodes)
}

fn parent(p: &str) -> &str {
    match p.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &p[..i],
    }
}

/// The focused level adds up, and rectangles of 20×20 or more are proportional within 3%.
fn check_map(ctx: &str, nodes: &[Node], focus: &str) -> u64 {
    let map = nodes.iter().find(|n| n.testid.as_deref() == Some("sizes-map")).expect("the map");
    assert_eq!(map.path.as_deref(), Some(focus));
    let top: u64 = nodes
        .iter()
        .filter(|n| n.testid.as_deref() != Some("sizes-map"))
        .filter(|n| n.testid.as_deref() == Some("sizes-rest") || n.path.as_deref().is_some_and(|p| parent(p) == focus))
        .map(|n| n.bytes)
        .sum();
    assert_eq!(top, map.bytes, "{ctx}: the focused level's children and the rest add up to {focus}");
    if map.bytes > 0 {
        let unit = map.w * map.h / map.bytes as f64;
        for n in nodes.iter().filter(|n| n.w >= 20.0 && n.h >= 20.0) {
            let want = n.bytes as f64 * unit;
            assert!((n.w * n.h - want).abs() <= 0.03 * want, "{ctx}: {n:?} area {} for {want}", n.w * n.h);
        }
    }
    map.bytes
}

#[test]
fn the_size_map_of_a_built_archive() {
    let l0 = layer_tar(&[
        Dir("usr"),
        Dir("usr/lib"),
        File("usr/lib/libbig.so", vec![1; 300_000], 0o644),
        File("usr/lib/small", vec![2; 10], 0o644),
        Hardlink("usr/lib/libbig2.so", "usr/lib/libbig.so"),
        Dir("opt"),
        File("opt/tool", vec![3; 90_000], 0o755),
        File("empty", Vec::new(), 0o644),
    ]);
    let l1 = layer_tar(&[Dir("opt"), File("opt/tool", vec![4; 50_000], 0o755), Whiteout("usr/lib/small")]);
    let archive = docker_archive("t:1", &[l0, l1], &[("ADD / /", true), ("RUN build", true)], &[], &[]);
    let f = std::env::temp_dir().join(format!("strata-sizes-{}.tar", std::process::id()));
    std::fs::write(&f, &archive).unwrap();
    let a = f.to_str().unwrap();
    let (text, merged) = svg(&["diagram", a, "--view", "sizes"]);
    assert!(text.contains("data-view=\"sizes\""));
    assert_eq!(check_map("built merged", &merged, "/"), 350_000, "libbig 300000 + tool 50000; the hard link adds 0");
    let tool: Vec<&Node> = merged.iter().filter(|n| n.path.as_deref() == Some("/opt/tool")).collect();
    assert_eq!(tool.len(), 1);
    assert_eq!((tool[0].bytes, tool[0].layer, tool[0].kind.as_str()), (50_000, Some(1), "file"));
    let rest = merged.iter().find(|n| n.testid.as_deref() == Some("sizes-rest")).expect("the empty file");
    assert_eq!((rest.bytes, rest.count), (0, Some(1)));
    let (_, stored) = svg(&["diagram", a, "--view", "sizes", "--mode", "stored"]);
    assert_eq!(check_map("built stored", &stored, "/"), 440_010);
    let (_, opt) = svg(&["diagram", a, "--view", "sizes", "--mode", "stored", "--path", "/opt"]);
    assert_eq!(check_map("built /opt", &opt, "/opt"), 140_000);
    let tools: Vec<(Option<usize>, Option<&str>)> =
        opt.iter().filter(|n| n.path.as_deref() == Some("/opt/tool")).map(|n| (n.layer, n.state.as_deref())).collect();
    assert_eq!(tools, [(Some(0), Some("replaced")), (Some(1), Some("visible"))]);
    let bad = strata(&["diagram", a, "--view", "sizes", "--path", "/opt/tool"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = strata(&["diagram", a, "--view", "sizes", "--mode", "sideways"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--mode"));
    let png = strata(&["diagram", a, "--view", "sizes", "--png"]);
    assert!(png.stdout.starts_with(b"\x89PNG"));
}

/// Regular-file sizes by path from a listing's `type mode uid:gid size path` lines (up to `stop`).
fn listing(text: &str, stop: Option<&str>) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if stop.is_some_and(|s| line.starts_with(s)) {
            break;
        }
        let parts: Vec<&str> = line.splitn(5, char::is_whitespace).filter(|s| !s.is_empty()).collect();
        let fields: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&"f") && fields.len() >= 5 {
            let path = fields[4..].join(" ");
            out.insert(format!("/{}", path.split(" => ").next().unwrap()), fields[3].parse().unwrap());
        }
    }
    out
}

#[test]
fn the_size_map_agrees_with_docker_export_on_the_real_fixtures() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real");
    if !real.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", real.display());
        return;
    }
    let truth = real.join("groundtruth");
    let cases = [
        ("02-docker20-vizapp-legacy-overlay2.tar", "02.vizapp_legacy-overlay2"),
        ("11-docker26-vizapp-legacy-overlay2.tar", "11.vizapp_d26-legacy"),
        ("15-docker26-containerd-store-vizapp-buildkit.tar", "15.vizapp_d26-snap-buildkit"),
        ("22-skopeo-vizapp-oci-archive-zstd.tar", "22.vizapp_legacy-overlay2"),
        ("23-skopeo-vizapp-docker-archive.tar", "23.docker.io_library_vizapp_skopeo"),
    ];
    let mut checked = 0;
    for (file, stem) in cases {
        let merged_txt = truth.join(format!("{stem}.merged.txt"));
        let Ok(text) = std::fs::read_to_string(&merged_txt) else {
            let have: Vec<String> = std::fs::read_dir(&truth)
                .unwrap()
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".merged.txt"))
                .collect();
            panic!("{}: no such listing; there are {have:?}", merged_txt.display());
        };
        let files = listing(&text, None);
        let archive = real.join(file);
        let a = archive.to_str().unwrap();
        for focus in ["/", "/srv", "/srv/app", "/bin", "/usr"] {
            let under = |p: &str| focus == "/" || p.starts_with(&format!("{focus}/"));
            let want: u64 = files.iter().filter(|(p, _)| under(p)).map(|(_, s)| *s).sum();
            let (_, nodes) = svg(&["diagram", a, "--view", "sizes", "--path", focus]);
            let ctx = format!("{file} merged {focus}");
            assert_eq!(check_map(&ctx, &nodes, focus), want, "{ctx}");
            for n in nodes.iter().filter(|n| n.kind == "file") {
                let p = n.path.as_deref().unwrap();
                // A hard link's copy counts 0 (docker export lists the pair as f + h).
                if let Some(size) = files.get(p) {
                    assert_eq!(n.bytes, *size, "{ctx}: {p}");
                }
            }
            checked += 1;
        }
        // Stored: every layer's own listing (what `docker save` stores).
        let mut stored = 0;
        for k in 1.. {
            let Ok(t) = std::fs::read_to_string(truth.join(format!("{stem}.layer{k}.txt"))) else { break };
            stored += listing(&t, Some("# --- changes")).values().sum::<u64>();
        }
        let (_, nodes) = svg(&["diagram", a, "--view", "sizes", "--mode", "stored"]);
        assert_eq!(check_map(&format!("{file} stored"), &nodes, "/"), stored, "{file} stored");
        assert!(nodes.iter().any(|n| n.state.as_deref() == Some("deleted")), "{file}: the fixture deletes files");
    }
    assert!(checked >= 25);
}
