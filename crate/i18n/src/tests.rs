//! Every string exists in every language, and the Chinese is Chinese.

use crate::{en::EN, zh_cn::ZH_CN, Lang, Strings};
use strata_core::content::diff::Differs;
use strata_core::content::LookupError;
use strata_core::layer::EntryKind;
use strata_core::merge::Node;
use strata_core::problem::{DigestCheck, NotArchiveReason, NotImageReason};
use strata_core::{Compression, Digest, Problem, ProblemKind};

/// Texts that are the same in every language: proper names and signs.
const SAME_IN_EVERY_LANGUAGE: [&str; 2] = ["title", "pending"];

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

#[test]
fn no_chinese_text_is_empty_or_still_english() {
    let (en, zh) = (EN.texts(), ZH_CN.texts());
    assert_eq!(en.len(), zh.len());
    for ((key, e), (_, z)) in en.iter().zip(&zh) {
        assert!(!z.trim().is_empty() && !e.trim().is_empty(), "{key} is empty");
        if SAME_IN_EVERY_LANGUAGE.contains(key) {
            assert_eq!(e, z, "{key} should be the same in both");
            continue;
        }
        assert_ne!(e, z, "{key} is still English in the Chinese table");
        assert!(has_cjk(z), "{key}: {z:?} has no Chinese in it");
        assert!(!has_cjk(e), "{key}: {e:?} has Chinese in the English table");
    }
}

/// Calls every message with the same arguments in both languages.
fn messages(t: &Strings) -> Vec<(&'static str, String)> {
    let p = Problem::new(ProblemKind::MissingBlob { member: "l/layer.tar".into() }, Some(0), Some(2));
    vec![
        ("reading", (t.reading)("a.tar", "1 MB", "4 MB", 2)),
        ("time_left", (t.time_left)(12)),
        ("entries", (t.entries)(100_101)),
        ("layer_name", (t.layer_name)(3)),
        ("stored_size", (t.stored_size)("24 kB")),
        ("more_changes", (t.more_changes)(12)),
        ("changes_in_layer", (t.changes_in_layer)(3)),
        ("up_to_layer", (t.up_to_layer)(3)),
        ("problem_count", (t.problem_count)(3)),
        ("problem", (t.problem)(&p)),
        ("cannot_read", (t.cannot_read)(&ProblemKind::Cancelled)),
        ("bad_pattern", (t.bad_pattern)("[a", "unclosed")),
        ("fetch_failed", (t.fetch_failed)("/x.tar", "TypeError")),
        ("fetch_status", (t.fetch_status)("/x.tar", 404, "Not Found")),
        ("worker_start_failed", (t.worker_start_failed)("x")),
        ("worker_stopped", (t.worker_stopped)("x")),
        ("handoff_failed", (t.handoff_failed)("x")),
        ("bad_message", (t.bad_message)("x")),
        ("internal_error", (t.internal_error)("x")),
        ("not_a_file", (t.not_a_file)()),
        ("date", (t.date)("2024-01-31T08:05:09Z")),
        ("step_of", (t.step_of)(3, 6)),
        ("container_sizes", (t.container_sizes)("49 B", "24.4 kB")),
        ("commit_failed", (t.commit_failed)("x")),
        ("goto_prompt", (t.goto_prompt)("3")),
        ("file_copy_of", (t.file_copy_of)(2, "3.8 MB", "4f2a")),
        ("file_deleted_in", (t.file_deleted_in)(2, "RUN rm -f /x")),
        ("file_no_copy", (t.file_no_copy)(2)),
        ("file_missing", (t.file_missing)(&LookupError::LinkLoop { path: "/loop".into() })),
        ("file_too_large", (t.file_too_large)("1 MiB", "3.8 MB")),
        ("file_dir", (t.file_dir)(12, "4 kB")),
        ("file_link", (t.file_link)("busybox")),
        ("file_special", (t.file_special)("fifo")),
        ("file_read_failed", (t.file_read_failed)("truncated")),
        ("file_compare", (t.file_compare)(1, 2)),
        ("file_binary_diff", (t.file_binary_diff)(1, "3 B", "ab", 2, "4 B", "cd")),
        ("file_meta_change", (t.file_meta_change)(Differs::Mode, &node(0o644), &node(0o600))),
    ]
}

fn node(mode: u32) -> Node {
    Node::new("/etc/app.ini", EntryKind::File, mode, 0, 0, 3, None, 1, Vec::new(), false)
}

#[test]
fn every_lookup_error_is_worded_in_chinese() {
    let path = || "/x".to_owned();
    for e in [
        LookupError::NoSuchLayer { layer: 9, layers: 3 },
        LookupError::NotFound { path: path() },
        LookupError::Deleted { path: path(), layer: 1 },
        LookupError::NoCopyInLayer { path: path(), layer: 1 },
        LookupError::IsDirectory { path: path() },
        LookupError::NotADirectory { path: path() },
        LookupError::LinkLoop { path: path() },
        LookupError::NotAFile { path: path(), kind: EntryKind::Fifo },
    ] {
        let (en, zh) = ((EN.file_missing)(&e), (ZH_CN.file_missing)(&e));
        let names_it = |s: &str| s.contains("/x") || matches!(e, LookupError::NoSuchLayer { .. }) && s.contains('9');
        assert!(names_it(&en) && names_it(&zh) && has_cjk(&zh) && !has_cjk(&en), "{en} / {zh}");
    }
    for d in [Differs::Content, Differs::Mode, Differs::Owner, Differs::Type, Differs::Target] {
        assert!(has_cjk(&(ZH_CN.file_meta_change)(d, &node(0o644), &node(0o600))));
    }
}

#[test]
fn every_classroom_message_is_worded_in_both_languages() {
    use strata_core::container::{Action, Refused};
    use strata_core::steps::StepFacts;
    for name in strata_core::sample::names() {
        let ((te, se), (tz, sz)) = ((EN.sample)(name), (ZH_CN.sample)(name));
        assert!(!te.is_empty() && !se.is_empty() && has_cjk(tz) && has_cjk(sz), "{name}");
    }
    let facts = [
        StepFacts::Empty,
        StepFacts::Metadata { instruction: "ENV A=1".into() },
        StepFacts::Layer {
            instruction: "RUN make".into(),
            layer: 1,
            added: 213,
            modified: 3,
            deleted: 1,
            added_bytes: 18_200_000,
        },
    ];
    for f in &facts {
        let (e, z) = ((EN.caption)(f, "18.2 MB"), (ZH_CN.caption)(f, "18.2 MB"));
        assert!(!e.is_empty() && has_cjk(&z) && !has_cjk(&e), "{f:?}");
    }
    assert_eq!((EN.caption)(&facts[2], "18.2 MB"), "RUN make — adds 213 files (18.2 MB), replaces 3, deletes 1");
    assert_eq!((ZH_CN.caption)(&facts[2], "18.2 MB"), "RUN make —— 新增 213 个文件（18.2 MB），覆盖 3 个，删除 1 个");
    let only = |added, modified, deleted| StepFacts::Layer {
        instruction: "RUN x".into(),
        layer: 1,
        added,
        modified,
        deleted,
        added_bytes: 0,
    };
    assert_eq!((EN.caption)(&only(0, 1, 0), "0 B"), "RUN x — replaces 1", "no \"adds 0\"");
    assert_eq!((EN.caption)(&only(0, 0, 2), "0 B"), "RUN x — deletes 2");
    assert_eq!((EN.caption)(&only(0, 0, 0), "0 B"), "RUN x — adds 0 files (0 B)", "an empty layer says so");
    assert_eq!((ZH_CN.caption)(&only(0, 1, 0), "0 B"), "RUN x —— 覆盖 1 个");
    let actions = [
        Action::Edit { path: "/a".into() },
        Action::Delete { path: "/a".into() },
        Action::Create { path: "/a".into() },
    ];
    for a in &actions {
        assert!(has_cjk(&(ZH_CN.container_caption)(a, "1 B")) && !has_cjk(&(EN.container_caption)(a, "1 B")));
    }
    assert!(has_cjk(&(ZH_CN.made_again)("/a", "/a/b")) && (EN.made_again)("/a", "/a/b").contains("opaque"));
    let refusals = [
        Refused::NotVisible("/a".into()),
        Refused::NotAFile("/a".into()),
        Refused::Exists("/a".into()),
        Refused::NoDirectory("/a".into()),
        Refused::Root,
    ];
    for r in &refusals {
        match r {
            Refused::NotVisible(_)
            | Refused::NotAFile(_)
            | Refused::Exists(_)
            | Refused::NoDirectory(_)
            | Refused::Root => {}
        }
        assert!(has_cjk(&(ZH_CN.refused)(r)) && !has_cjk(&(EN.refused)(r)), "{r:?}");
    }
}

#[test]
fn every_message_is_worded_in_both_languages() {
    for ((key, e), (_, z)) in messages(&EN).into_iter().zip(messages(&ZH_CN)) {
        assert_ne!(e, z, "{key} is the same in both languages");
        assert!(has_cjk(&z), "{key}: {z:?} has no Chinese in it");
        assert!(!has_cjk(&e), "{key}: {e:?}");
    }
    assert_eq!((EN.date)("2024-01-31T08:05:09Z"), "31 Jan 2024, 08:05 UTC");
    assert_eq!((ZH_CN.date)("2024-01-31T08:05:09Z"), "2024年1月31日 08:05（UTC）");
    assert_eq!((ZH_CN.date)("not a date"), "not a date");
    assert_eq!((EN.fetch_status)("/x", 404, "Not Found"), "could not fetch /x: HTTP 404 Not Found");
    assert_eq!((ZH_CN.entries)(100_101), "100,101 个条目");
}

/// One problem of every kind. The match below has no wildcard: a new kind does not compile until
/// it is added here (and so worded in both languages).
fn every_kind() -> Vec<ProblemKind> {
    use ProblemKind::*;
    let d = Digest::sha256(b"x");
    let m = || "blobs/sha256/aa".to_owned();
    let all = vec![
        NotAnArchive { why: NotArchiveReason::Empty },
        NotAnArchive { why: NotArchiveReason::NotTar },
        NotAnArchive { why: NotArchiveReason::CompressedNotTar { compression: Compression::Gzip } },
        NotAnArchive { why: NotArchiveReason::BrokenZstd { detail: "bad magic".into() } },
        NotAnImage { why: NotImageReason::NoFiles },
        NotAnImage { why: NotImageReason::EmptyManifest },
        NotAnImage { why: NotImageReason::NoIndex },
        NotAnImage { why: NotImageReason::Holds { count: 2, examples: vec!["a".into(), "b".into()] } },
        Truncated { member: Some(m()), detail: "eof".into() },
        Truncated { member: None, detail: "eof".into() },
        MemberCut { member: m(), read: 10, size: 2048 },
        BrokenStructure { member: None, detail: "bad header".into() },
        BrokenStructure { member: Some(m()), detail: "bad header".into() },
        Io { member: Some(m()), detail: "disk".into() },
        Io { member: None, detail: "disk".into() },
        Cancelled,
        BadJson { member: "index.json".into(), detail: "EOF while parsing".into() },
        ManifestNotAList,
        MissingBlob { member: m() },
        DigestMismatch { what: DigestCheck::DiffId, expected: d.clone(), actual: d.clone() },
        DigestMismatch { what: DigestCheck::Blob, expected: d.clone(), actual: d.clone() },
        DigestMismatch { what: DigestCheck::FileName, expected: d.clone(), actual: d.clone() },
        DigestMismatch { what: DigestCheck::Config, expected: d.clone(), actual: d.clone() },
        DigestMismatch { what: DigestCheck::Manifest, expected: d.clone(), actual: d.clone() },
        UnsupportedCompression { member: Some(m()), compression: Compression::Bzip2 },
        UnsupportedCompression { member: None, compression: Compression::Bzip2 },
        BadLayer { member: m(), detail: "checksum".into() },
        CorruptStream { member: m(), compression: Compression::Gzip, detail: "invalid deflate".into() },
        LayerCountMismatch { config: 2, manifest: 3 },
        HistoryMismatch,
        BadManifest { entry: 1 },
        BadParentChain { id: "abc".into() },
        IndexTooDeep { member: m() },
        BadDescriptor { member: m() },
        AttestationSkipped { digest: d.clone() },
        AbsentManifest { digest: d.clone(), platform: Some("linux/arm64".into()) },
        AbsentManifest { digest: d.clone(), platform: None },
        NoConfigDescriptor { member: m() },
        ArtifactSkipped { digest: d.clone(), artifact_type: "application/vnd.x".into() },
        UnknownEntryType { member: m(), entry_type: 'K' },
        EntryEscapesRoot { member: m(), path: "../etc".into() },
        MemberEscapesRoot { name: "../x".into() },
        BadHardlink { member: m(), path: "/a".into() },
        DanglingWhiteout { layer: 2, path: "/a".into() },
        DanglingHardlink { layer: 2, path: "/a".into(), target: "/b".into() },
    ];
    for k in &all {
        match k {
            NotAnArchive { .. } | NotAnImage { .. } | Truncated { .. } | MemberCut { .. } | BrokenStructure { .. } => {}
            Io { .. } | Cancelled | BadJson { .. } | ManifestNotAList | MissingBlob { .. } | DigestMismatch { .. } => {}
            UnsupportedCompression { .. } | BadLayer { .. } | CorruptStream { .. } | LayerCountMismatch { .. } => {}
            HistoryMismatch | BadManifest { .. } | BadParentChain { .. } | IndexTooDeep { .. } => {}
            BadDescriptor { .. } | AttestationSkipped { .. } | AbsentManifest { .. } | NoConfigDescriptor { .. } => {}
            ArtifactSkipped { .. } | UnknownEntryType { .. } | EntryEscapesRoot { .. } | MemberEscapesRoot { .. } => {}
            BadHardlink { .. } | DanglingWhiteout { .. } | DanglingHardlink { .. } => {}
        }
    }
    all
}

#[test]
fn every_problem_kind_is_worded_in_chinese_and_english_comes_from_the_core() {
    for kind in every_kind() {
        let p = Problem::new(kind.clone(), Some(0), Some(1));
        let (e, z) = ((EN.problem)(&p), (ZH_CN.problem)(&p));
        assert_eq!(e, p.message(), "English is the core's sentence");
        assert!(has_cjk(&z), "{kind:?}: {z:?}");
        assert_ne!(e, z);
        assert_eq!((EN.cannot_read)(&kind), kind.to_string());
        assert!(has_cjk(&(ZH_CN.cannot_read)(&kind)), "{kind:?}");
    }
}

#[test]
fn languages_from_tags_and_browser_lists() {
    assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("ZH_hans"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("zh"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    assert_eq!(Lang::parse("fr"), None);
    let list = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(Lang::from_browser(&list(&["fr-FR", "zh-TW", "en"])), Lang::ZhCn);
    assert_eq!(Lang::from_browser(&list(&["de", "en-US", "zh"])), Lang::En);
    assert_eq!(Lang::from_browser(&[]), Lang::En);
    for l in Lang::ALL {
        assert_eq!(Lang::parse(l.tag()), Some(l));
    }
    assert_eq!(Lang::ZhCn.strings().language_name, "简体中文");
}

/// One label of every kind; the match has no wildcard, so a new label does not compile until it
/// is worded here in both languages.
fn every_label() -> Vec<strata_diagram::Label> {
    use strata_diagram::scene::TileInfo;
    use strata_diagram::{Label::*, ViewKind};
    let tile = |state| {
        Tile(Box::new(TileInfo {
            path: "/etc/app/config.ini".into(),
            kind: "file",
            size: 120,
            mode: "-rw-r--r--".into(),
            owner: "0:0".into(),
            layer: 6,
            instruction: Some("COPY config.ini /etc/app/".into()),
            state,
            by: Some(8),
        }))
    };
    let all = vec![
        Image,
        ImageFacts { layers: 3, size: "4.3 kB".into() },
        NoLayer,
        NoInstruction,
        PlateFacts { size: "55 B".into(), changes: Some([2, 0, 2]), shared: true },
        PlateFacts { size: "55 B".into(), changes: None, shared: false },
        ContainerSees,
        Counts { layers: 3, written: 7, visible: 6 },
        More(12),
        GroupFacts { files: 12, bytes: "3.4 kB".into(), deletes: 2 },
        ReplacedBy(3),
        DeletedBy(3),
        WhiteoutOf("/app/cache".into()),
        Whiteout,
        Opaque,
        NothingHere,
        LowerLayers,
        MergedView,
        tile("replaced"),
        tile("deleted"),
        Plate {
            layer: 2,
            id: "fa4d3d4f5ff7".into(),
            size: "55 B".into(),
            changes: [2, 0, 2],
            instruction: "RUN x".into(),
        },
        Region { path: "/etc".into(), layer: 2 },
        Title { view: ViewKind::Stack, image: "x:1".into(), focus: None },
        Title { view: ViewKind::Layers, image: "x:1".into(), focus: Some("/etc".into()) },
        Title { view: ViewKind::Union, image: "x:1".into(), focus: Some("/etc".into()) },
        Desc { view: ViewKind::Stack, layers: 3, written: 2, visible: 0 },
        Desc { view: ViewKind::Layers, layers: 3, written: 7, visible: 6 },
        Desc { view: ViewKind::Union, layers: 3, written: 7, visible: 6 },
        Title { view: ViewKind::Sizes, image: "x:1".into(), focus: Some("/usr".into()) },
        Desc { view: ViewKind::Sizes, layers: 3, written: 7, visible: 0 },
        SizesFacts { bytes: "12.3 MB".into(), files: 4512, mode: strata_core::sizes::SizeMode::Merged },
        SizesFacts { bytes: "12.3 MB".into(), files: 1, mode: strata_core::sizes::SizeMode::Stored },
        SizesRest(12),
        SizesEmpty(3),
        SizesNothing,
        size_tip("file", Some(2), "deleted"),
        size_tip("dir", None, "visible"),
        size_tip("rest", None, "visible"),
        CompareSide { after: false },
        CompareSide { after: true },
        Shared,
        SizesChange { change: Some(strata_core::compare::Change::Added), bytes: "1.2 MB".into() },
        SizesChange { change: Some(strata_core::compare::Change::Changed), bytes: "3 kB".into() },
        SizesChange { change: None, bytes: "90 MB".into() },
        Title { view: ViewKind::Compare, image: "a:1 → b:1".into(), focus: None },
        Desc { view: ViewKind::Compare, layers: 4, written: 2, visible: 0 },
    ];
    for l in &all {
        match l {
            Text(_) | Image | ImageFacts { .. } | NoLayer | NoInstruction | PlateFacts { .. } | ContainerSees => {}
            Counts { .. } => {}
            More(_) | GroupFacts { .. } | ReplacedBy(_) | DeletedBy(_) | WhiteoutOf(_) | Whiteout | Opaque => {}
            NothingHere | LowerLayers | MergedView | Tile(_) | Plate { .. } | Region { .. } => {}
            Title { .. } | Desc { .. } => {}
            SizesFacts { .. } | SizesRest(_) | SizesEmpty(_) | SizesNothing | Size(_) => {}
            CompareSide { .. } | Shared | SizesChange { .. } => {}
        }
    }
    all
}

fn size_tip(kind: &'static str, layer: Option<usize>, state: &'static str) -> strata_diagram::Label {
    strata_diagram::Label::Size(Box::new(strata_diagram::scene::SizeTip {
        path: "/usr/lib".into(),
        kind,
        bytes: 1_234_567,
        parent: 2_000_000,
        image: 90_000_000,
        files: 42,
        layer,
        instruction: layer.map(|_| "RUN apt-get install -y perl".into()),
        state,
        by: (state != "visible").then_some(3),
    }))
}

#[test]
fn size_tips_say_the_shares() {
    let en = (EN.figure)(&size_tip("file", Some(2), "deleted"));
    assert_eq!(
        en,
        "/usr/lib · 1.2 MB (1,234,567 B) · 62% of its directory · 1.4% of the image · layer 2: RUN apt-get install -y perl · deleted by layer 3"
    );
    assert!((ZH_CN.figure)(&size_tip("dir", None, "visible")).contains("占所在目录的 62%"));
    assert_eq!(crate::format::percent(1, 1_000_000), "<0.01%");
    assert_eq!(crate::format::percent(0, 0), "0%");
}

#[test]
fn every_figure_label_is_worded_in_both_languages() {
    for l in every_label() {
        let (e, z) = ((EN.figure)(&l), (ZH_CN.figure)(&l));
        assert!(!e.is_empty() && !z.is_empty(), "{l:?}");
        assert_ne!(e, z, "{l:?} reads the same in both languages");
        assert!(has_cjk(&z), "{l:?}: {z:?}");
        assert!(!has_cjk(&e), "{l:?}: {e:?}");
    }
    assert_eq!(
        (EN.figure)(&strata_diagram::Label::Counts { layers: 3, written: 7, visible: 6 }),
        "3 layers · 7 files written · 6 visible"
    );
    assert_eq!((EN.figure)(&strata_diagram::Label::Text("<b>".into())), "<b>", "data is never worded");
}

#[test]
fn what_changed_in_a_path_is_worded_in_both_languages() {
    use strata_core::compare::What::*;
    for w in [Content, Mode, Owner, Type, Target] {
        let (e, z) = ((EN.compare_what)(w), (ZH_CN.compare_what)(w));
        assert!(!e.is_empty() && !has_cjk(e), "{w:?}: {e}");
        assert!(has_cjk(z), "{w:?}: {z}");
    }
    assert_eq!((EN.compare_summary)(3, 1, 2), "3 added · 1 removed · 2 changed");
    assert_eq!((EN.compare_copies)("a:1", 2, "b:1", 0), "From a:1's copy (layer 2) to b:1's (layer 0)");
}
