//! A container committed on every shared real archive (docker-archive, OCI layouts with gzip and
//! zstd layers, symlinked layers): the copied-up file holds its whole lower copy read from the
//! archive plus the edit, the new archive reads back with one more layer whose diff_id is the
//! sha256 of its tar and whose changes are exactly the actions, and every old layer is unchanged.

mod common;

use strata_core::commit::{assemble, plan, read_copies};
use strata_core::container::{Action, Container, EDITED};
use strata_core::digest::Digest;
use strata_core::merge::ChangeKind;
use strata_core::upper_tar::{copies, layer_tar};
use strata_core::Verified;

#[test]
fn a_container_commits_on_every_real_archive() {
    let Some(fixtures) = common::fixtures() else { return };
    let real = fixtures.join("real");
    let mut files: Vec<_> = std::fs::read_dir(&real)
        .expect("real fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tar"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("read");
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let a = strata_core::analyze_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let img = &a.images[0];
        // The largest visible regular file is copied up; another one is deleted; one is created.
        let mut visible: Vec<_> =
            img.tree.nodes.iter().filter(|n| n.kind == strata_core::layer::EntryKind::File).collect();
        visible.sort_by_key(|n| std::cmp::Reverse(n.size));
        let (edited, deleted) = (visible[0], visible[1]);
        let mut c = Container::new();
        c.act(img, Action::Edit { path: edited.path.to_string() }).unwrap();
        c.act(img, Action::Delete { path: deleted.path.to_string() }).unwrap();
        c.act(img, Action::Create { path: "/strata-was-here.txt".into() }).unwrap();
        let upper = c.upper(img);
        let open = || Ok::<_, std::io::Error>(std::io::Cursor::new(bytes.clone()));
        let lower = read_copies(open, 0, &copies(&upper)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(lower[edited.path.as_str()].len() as u64, edited.size, "{name}: the whole lower copy");
        let tar = layer_tar(&upper, &lower).unwrap();
        let out = assemble(&plan(open, 0, &tar, &c.created_by()).unwrap(), &bytes);
        let b = strata_core::analyze_bytes(&out).unwrap_or_else(|e| panic!("{name}: committed: {e}"));
        assert!(b.problems.is_empty(), "{name}: {:?}", b.problems);
        let new = &b.images[0];
        assert_eq!(new.layers.len(), img.layers.len() + 1, "{name}");
        assert!(new.layers.iter().all(|l| l.verified == Verified::Ok), "{name}");
        let top = &new.layers[img.layers.len()];
        assert_eq!(top.diff_id.as_ref().map(|d| d.digest()), Some(&Digest::sha256(&tar)), "{name}");
        let mut rows: Vec<(ChangeKind, String)> =
            top.changes.iter().map(|c| (c.change, c.node.path.to_string())).collect();
        rows.sort_by(|x, y| x.1.cmp(&y.1));
        let mut want = vec![
            (ChangeKind::Added, "/strata-was-here.txt".to_owned()),
            (ChangeKind::Modified, edited.path.to_string()),
            (ChangeKind::Deleted, deleted.path.to_string()),
        ];
        want.sort_by(|x, y| x.1.cmp(&y.1));
        assert_eq!(rows, want, "{name}: the new layer's changes are the actions");
        let now = new.tree.nodes.iter().find(|n| n.path == edited.path).unwrap();
        assert_eq!(now.size, edited.size + EDITED.len() as u64, "{name}");
        for (x, y) in new.layers.iter().zip(&img.layers) {
            assert_eq!((&x.diff_id, x.size, &x.changes), (&y.diff_id, y.size, &y.changes), "{name}");
        }
    }
}
