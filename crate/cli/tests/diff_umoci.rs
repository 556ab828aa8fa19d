//! `strata diff` on images written by umoci (openSUSE's OCI image tool, another writer than
//! Docker), checked against an independent reading: umoci's own `unpack` of each image, walked on
//! disk. Docker 26's archive of the fixture build is unpacked, edited in every way a path can
//! change, and repacked by umoci as a second image of the same OCI layout (its layers on top of
//! Docker's); the layout, with Docker's `manifest.json` taken out, is the archive compared.
//! Needs `umoci` (Debian's package; `scripts/setup.sh --browser` installs it).

mod common;

use common::{edit_every_way, expected, have, layer_sides, rows, run, walk};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

#[test]
fn docker_layers_repacked_by_umoci_agree_with_umocis_own_unpack() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/real/11-docker26-vizapp-legacy-overlay2.tar");
    if !fixture.exists() {
        eprintln!("\n!!!!! SKIPPED: {} is absent (the shared fixtures) !!!!!\n", fixture.display());
        return;
    }
    if !have("umoci", "the umoci diff test") {
        return;
    }
    let work = std::env::temp_dir().join(format!("strata-umoci-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let layout = work.join("layout");
    std::fs::create_dir_all(&layout).unwrap();
    run(Command::new("tar").arg("-xf").arg(&fixture).arg("-C").arg(&layout));
    let tagged = |tag: &str| format!("{}:{tag}", layout.display());
    // umoci's reading of Docker's image.
    let before = work.join("before");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("d26-legacy")]).arg(&before));
    // Every kind of change, made by umoci as a new layer.
    let edit = work.join("edit");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("d26-legacy")]).arg(&edit));
    let r = edit.join("rootfs");
    edit_every_way(&r, "regenerated\n");
    run(Command::new("umoci").args(["repack", "--image", &tagged("edited")]).arg(&edit));
    let after = work.join("after");
    run(Command::new("umoci").args(["unpack", "--image", &tagged("edited")]).arg(&after));
    // The layout as umoci left it, without Docker's manifest.json (which names only the first).
    for docker_only in ["manifest.json", "repositories"] {
        let _ = std::fs::remove_file(layout.join(docker_only));
    }
    let archive = work.join("umoci.tar");
    run(Command::new("tar").arg("-cf").arg(&archive).arg("-C").arg(&layout).arg("."));

    let a = archive.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["diff", a, a, "--image-a", "0", "--image-b", "1", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let got = rows(&d);
    let want = expected(&walk(&before.join("rootfs")), &walk(&after.join("rootfs")));
    assert_eq!(got, want);
    for (path, change) in [
        ("/etc/app/config.ini", "changed"),
        ("/etc/group", "removed"),
        ("/opt/legacy/v2/new.txt", "removed"),
        ("/srv/new/linked.txt", "added"),
    ] {
        assert_eq!(got.get(path).map(|r| r.0.as_str()), Some(change), "{path}");
    }
    let ins = layer_sides(&d);
    assert_eq!(ins.iter().filter(|i| *i == "both").count(), 9, "Docker's nine layers are shared: {ins:?}");
    assert_eq!(ins.iter().filter(|i| *i == "b").count(), 1, "umoci's one layer: {ins:?}");
    let _ = std::fs::remove_dir_all(&work);
}
