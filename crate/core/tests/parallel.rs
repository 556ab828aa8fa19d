//! The parallel read gives exactly the single forward pass's analysis, on every shared fixture
//! (real archives, the public test archives, the broken ones) and on archives built in memory.

mod common;

use std::fs::File;
use std::io::{BufReader, Cursor};
use strata_core::outline::Outline;
use strata_core::outline::{analyze_parallel, plan};
use strata_core::progress::{Cancel, NoProgress, ProgressEvent};
use strata_core::Options;

fn both(open: impl Fn() -> std::io::Result<Box<dyn ReadSeek>> + Sync, size: u64) -> (String, String, bool) {
    let single = open().map_err(|e| e.to_string()).and_then(|r| {
        strata_core::analyze(r, Options { size: Some(size), progress: &mut NoProgress, cancel: Cancel::new() })
            .map_err(|e| e.to_string())
    });
    let planned = plan(&open, Some(size)).is_some();
    let parallel =
        analyze_parallel(&open, Options { size: Some(size), progress: &mut NoProgress, cancel: Cancel::new() }, 4)
            .map_err(|e| e.to_string());
    (format!("{single:?}"), format!("{parallel:?}"), planned)
}

/// Blob `at` read by its entry headers alone (as the structure stage reads it); `None` when they
/// do not read as a plain tar.
fn read_headers<R: std::io::Read + std::io::Seek>(
    open: &impl Fn() -> std::io::Result<R>,
    at: &strata_core::outline::BlobAt,
) -> Option<strata_core::layer::LayerBlob> {
    let mut blob = strata_core::layer::read_blob_unhashed(&[][..], &at.name);
    (blob.blob_size, blob.tar_size) = (at.size, at.size);
    if at.size > 0 {
        let window = strata_core::outline::Window::new(open().ok()?, at.data_at, at.size).ok()?;
        strata_core::layer::parse_tar_headers(window, &at.name, &mut blob.contents).ok()?;
    }
    Some(blob)
}

trait ReadSeek: std::io::Read + std::io::Seek + Send {}
impl<T: std::io::Read + std::io::Seek + Send> ReadSeek for T {}

#[test]
fn the_parallel_read_equals_the_single_pass_on_every_fixture() {
    let Some(dir) = common::fixtures() else { return };
    let files = common::fixture_archives(&dir);
    assert!(files.len() > 80, "{}", files.len());
    let mut planned = 0;
    for f in &files {
        let size = std::fs::metadata(f).unwrap().len();
        let open = || File::open(f).map(|x| Box::new(BufReader::new(x)) as Box<dyn ReadSeek>);
        let (single, parallel, used) = both(open, size);
        assert_eq!(single, parallel, "{}", f.display());
        planned += used as usize;
    }
    assert!(planned > files.len() / 2, "most archives are plain tars read in parallel ({planned} of {})", files.len());
}

#[test]
fn in_memory_archives_read_in_parallel_equal_the_single_pass_with_progress_and_cancel() {
    for name in strata_core::sample::names() {
        let bytes = strata_core::sample::named(name).unwrap();
        let size = bytes.len() as u64;
        let open = || Ok(Box::new(Cursor::new(bytes.clone())) as Box<dyn ReadSeek>);
        let (single, parallel, used) = both(open, size);
        assert!(used, "{name} is a plain tar");
        assert_eq!(single, parallel, "{name}");
    }
    // Truncated: no plan, the single pass reports the cut member.
    let bytes = strata_core::sample::teaching_image();
    let cut = bytes[..bytes.len() / 2].to_vec();
    let open = || Ok(Cursor::new(cut.clone()));
    assert!(plan(&open, Some(cut.len() as u64)).is_none());
    let (single, parallel, _) = both(|| Ok(Box::new(Cursor::new(cut.clone())) as Box<dyn ReadSeek>), cut.len() as u64);
    assert_eq!(single, parallel);
    // Progress reaches every blob byte; a cancelled read says so.
    let open = || Ok(Cursor::new(bytes.clone()));
    let mut last = ProgressEvent::default();
    let mut sink = |e: ProgressEvent| last = e;
    let a = analyze_parallel(open, Options { size: None, progress: &mut sink, cancel: Cancel::new() }, 2).unwrap();
    let total: u64 = plan(&open, None).unwrap().blob_bytes();
    assert_eq!(
        (last.bytes_done, last.bytes_total, last.layers_done as usize),
        (total, Some(total), plan(&open, None).unwrap().blobs().len())
    );
    assert_eq!(a.images[0].layers.len(), 3);
    let cancel = Cancel::new();
    cancel.cancel();
    let r = analyze_parallel(open, Options { size: None, progress: &mut NoProgress, cancel }, 2);
    assert!(matches!(r, Err(strata_core::Error::Cancelled)), "{r:?}");
}

/// The structure the browser shows while its helpers verify: from blobs read by their headers it
/// is the outline's own structure; from blobs parsed whole, digests still to come, it has the
/// complete tree; and the blobs it gives back, completed with their digests, finish to exactly
/// the single pass. On every plannable fixture.
#[test]
fn the_provisional_structure_from_helpers_equals_the_structure_and_leaves_the_blobs_whole() {
    use std::io::{Read, Seek, SeekFrom};
    use strata_core::digest::{BlobDigest, Digest};
    let Some(dir) = common::fixtures() else { return };
    let (mut planned, mut by_headers) = (0, 0);
    for f in &common::fixture_archives(&dir) {
        let size = Some(std::fs::metadata(f).unwrap().len());
        let open = || File::open(f).map(BufReader::new);
        let Some(p) = plan(&open, size) else { continue };
        planned += 1;
        let own = Outline::read(&open, size).unwrap().unwrap().structure(&open).unwrap();
        let headers: Option<Vec<_>> = p.blobs().iter().map(|at| read_headers(&open, at)).collect();
        if let (Some(own), Some(headers)) = (&own, headers) {
            let (beside, back) = p.provisional(headers, size);
            assert_eq!(format!("{:?}", beside.unwrap()), format!("{own:?}"), "{}", f.display());
            assert_eq!(back.len(), p.blobs().len());
            by_headers += 1;
        }
        // Parsed whole, unhashed (as a helper parses while Web Crypto hashes).
        let bytes_of = |at: &strata_core::outline::BlobAt| {
            let mut file = open().unwrap();
            file.seek(SeekFrom::Start(at.data_at)).unwrap();
            let mut bytes = Vec::new();
            file.take(at.size).read_to_end(&mut bytes).unwrap();
            bytes
        };
        let parsed =
            p.blobs().iter().map(|at| strata_core::layer::read_blob_unhashed(&bytes_of(at)[..], &at.name)).collect();
        let (shown, back) = p.provisional(parsed, size);
        assert_eq!(back.len(), p.blobs().len(), "{}", f.display());
        let single =
            strata_core::analyze(open().unwrap(), Options { size, progress: &mut NoProgress, cancel: Cancel::new() });
        if let (Some(shown), Ok(single)) = (&shown, &single) {
            assert_eq!(shown.stage, strata_core::Stage::Structure);
            let trees = |a: &strata_core::Analysis| a.images.iter().map(|i| i.tree.clone()).collect::<Vec<_>>();
            assert_eq!(trees(shown), trees(single), "{}", f.display());
        }
        let done: Vec<_> = back
            .into_iter()
            .zip(p.blobs())
            .map(|(b, at)| b.with_stored_digest(BlobDigest(Digest::sha256(&bytes_of(at)))))
            .collect();
        assert_eq!(format!("{:?}", p.finish(done, size)), format!("{single:?}"), "{}", f.display());
    }
    assert!(planned > 40 && by_headers > 20, "{planned} planned, {by_headers} read by headers");
}

/// The browser reads the outer headers once: the outline, then the plan (or, when there is none or
/// no helper to read it, the structure) come from that one reading and equal what the separate
/// calls give.
#[test]
fn one_reading_of_the_outer_headers_gives_the_outline_then_the_plan_or_the_structure() {
    let bytes = strata_core::sample::teaching_image();
    // Without a length there is no plan (its members cannot be checked to fit); said to be shorter
    // than its members (as a truncated file is): none either.
    for (size, plannable) in [(Some(bytes.len() as u64), true), (None, false), (Some(1000), false)] {
        let open = || Ok(Cursor::new(bytes.clone()));
        let mut stages = Vec::new();
        strata_core::analyze_stages(open, size, &mut |a| stages.push(format!("{a:?}"))).unwrap();
        let mut outline = Outline::read(&open, size).unwrap().expect("a plain tar");
        assert_eq!(format!("{:?}", outline.analysis().unwrap()), stages[0]);
        let outline = match outline.into_plan() {
            Ok(p) => {
                assert!(plannable);
                assert_eq!(p.blobs(), plan(&open, size).unwrap().blobs());
                // The structure as the browser's helpers give it: every blob by its headers.
                let read = p.blobs().iter().map(|at| read_headers(&open, at).unwrap()).collect();
                let (beside, _) = p.provisional(read, size);
                assert_eq!(Some(&format!("{:?}", beside.unwrap())), stages.get(1));
                p.into_outline(size)
            }
            Err(outline) => {
                assert!(!plannable, "a whole archive is planned");
                *outline
            }
        };
        let structure = outline.structure(&open).unwrap().map(|a| format!("{a:?}"));
        assert_eq!(structure.as_ref(), stages.get(1), "plannable: {plannable}");
    }
}

/// The browser reads a blob without hashing it in WebAssembly and gives the digest computed
/// natively over the same bytes: that must be what the hashing read gives, on every planned blob of
/// every fixture (broken ones included).
#[test]
fn a_blob_read_unhashed_then_given_its_digest_equals_the_hashing_read() {
    use std::io::{Read, Seek, SeekFrom};
    use strata_core::digest::{BlobDigest, Digest};
    use strata_core::layer::{read_blob, read_blob_unhashed};
    let Some(dir) = common::fixtures() else { return };
    let files = common::fixture_archives(&dir);
    let mut blobs = 0;
    for f in &files {
        let size = std::fs::metadata(f).unwrap().len();
        let open = || File::open(f).map(BufReader::new);
        let Some(plan) = plan(&open, Some(size)) else { continue };
        for at in plan.blobs() {
            let mut file = open().unwrap();
            file.seek(SeekFrom::Start(at.data_at)).unwrap();
            let mut bytes = Vec::new();
            file.take(at.size).read_to_end(&mut bytes).unwrap();
            let hashed = read_blob(&bytes[..], &at.name);
            let given = read_blob_unhashed(&bytes[..], &at.name);
            let uncompressed = given.compression == strata_core::Compression::None;
            assert!(given.blob_digest.is_none(), "{}: {}", f.display(), at.name);
            assert!(!uncompressed || given.diff_id.is_none(), "{}: {}", f.display(), at.name);
            let given = given.with_stored_digest(BlobDigest(Digest::sha256(&bytes)));
            assert_eq!(format!("{hashed:?}"), format!("{given:?}"), "{}: {}", f.display(), at.name);
            blobs += 1;
        }
    }
    assert!(blobs > 100, "{blobs} blobs compared");
}
