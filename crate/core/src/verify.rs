//! Digest checks (OCI image-spec `descriptor.md#digests`, `config.md` `rootfs.diff_ids`).
//!
//! Every check compares a digest the archive *claims* with the digest of the bytes that were read
//! (go-containerregistry's `validate` package plays the same part). For a layer:
//! - its uncompressed tar against the config's diff_id ([`DigestCheck::DiffId`]);
//! - its stored blob against the manifest's descriptor or `blobs/<alg>/<hex>` name ([`DigestCheck::Blob`]);
//! - for `<hex>.tar` member names, which name either the blob or the diff_id, the blob against that
//!   name when it names neither ([`DigestCheck::FileName`]).
//!
//! The config document is checked against the digest it is named by ([`DigestCheck::Config`]) and
//! each manifest against its index descriptor ([`DigestCheck::Manifest`]). Only sha256 can be
//! computed: a claim in another algorithm is left unchecked, never counted as verified.

use crate::digest::{DiffId, Digest};
use crate::format::LayerRef;
use crate::layer::LayerBlob;
use crate::model::Verified;
use crate::problem::{DigestCheck, ProblemKind};

/// The outcome of checking one layer: its verdict and a problem per failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerVerdict {
    /// Ok when at least one check ran and all passed; Mismatch when one failed; else Unchecked.
    pub verified: Verified,
    /// One `DigestMismatch` per failed check.
    pub problems: Vec<ProblemKind>,
}

/// Checks a layer blob against what the config (`expected_diff`) and the manifest (`layer_ref`) claim.
pub fn check_layer(expected_diff: Option<&DiffId>, layer_ref: &LayerRef, blob: &LayerBlob) -> LayerVerdict {
    let mut checks: Vec<(DigestCheck, &Digest, &Digest)> = Vec::new();
    if let (Some(exp), Some(actual)) = (expected_diff, &blob.diff_id) {
        checks.push((DigestCheck::DiffId, exp.digest(), actual.digest()));
    }
    if let (Some(exp), Some(actual)) = (&layer_ref.expected, &blob.blob_digest) {
        checks.push((DigestCheck::Blob, exp.digest(), actual.digest()));
    }
    if let (Some(hint), Some(actual)) = (&layer_ref.hint, &blob.blob_digest) {
        let names_diff = blob.diff_id.as_ref().is_some_and(|d| d.digest() == hint);
        if actual.digest() != hint && !names_diff {
            checks.push((DigestCheck::FileName, hint, actual.digest()));
        }
    }
    let mut verdict = LayerVerdict { verified: Verified::Unchecked, problems: Vec::new() };
    for (what, expected, actual) in checks {
        if let Some(problem) = compare(what, expected, actual) {
            verdict.problems.push(problem);
            verdict.verified = Verified::Mismatch;
        } else if expected.algorithm() == "sha256" && verdict.verified == Verified::Unchecked {
            verdict.verified = Verified::Ok;
        }
    }
    // A blob that could not be read to its end has not been checked whole.
    if blob.error.is_some() && verdict.verified == Verified::Ok {
        verdict.verified = Verified::Unchecked;
    }
    verdict
}

/// Compares a claimed digest with the computed one; `Some` problem when they differ (claims in an
/// algorithm other than sha256 cannot be computed and are skipped).
pub fn compare(what: DigestCheck, expected: &Digest, actual: &Digest) -> Option<ProblemKind> {
    (expected.algorithm() == "sha256" && expected != actual).then(|| ProblemKind::DigestMismatch {
        what,
        expected: expected.clone(),
        actual: actual.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Compression;
    use crate::digest::BlobDigest;
    use crate::layer::LayerContents;

    fn d(s: &str) -> Digest {
        Digest::sha256(s.as_bytes())
    }

    fn blob(blob: &str, diff: &str) -> LayerBlob {
        LayerBlob {
            blob_digest: Some(BlobDigest(d(blob))),
            blob_size: 1,
            compression: Compression::Gzip,
            diff_id: Some(DiffId(d(diff))),
            tar_size: 1,
            contents: LayerContents::default(),
            error: None,
        }
    }

    fn layer_ref(expected: Option<&str>, hint: Option<&str>) -> LayerRef {
        LayerRef {
            member: "m".into(),
            expected: expected.map(|e| BlobDigest(d(e))),
            hint: hint.map(d),
            media_type: None,
        }
    }

    fn whats(v: &LayerVerdict) -> Vec<DigestCheck> {
        v.problems
            .iter()
            .filter_map(|p| match p {
                ProblemKind::DigestMismatch { what, .. } => Some(*what),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn diff_id_check() {
        let ok = check_layer(Some(&DiffId(d("tar"))), &layer_ref(None, None), &blob("gz", "tar"));
        assert_eq!((ok.verified, ok.problems.len()), (Verified::Ok, 0));
        let bad = check_layer(Some(&DiffId(d("other"))), &layer_ref(None, None), &blob("gz", "tar"));
        assert_eq!(bad.verified, Verified::Mismatch);
        assert_eq!(whats(&bad), [DigestCheck::DiffId]);
    }

    #[test]
    fn blob_check() {
        let ok = check_layer(None, &layer_ref(Some("gz"), None), &blob("gz", "tar"));
        assert_eq!(ok.verified, Verified::Ok);
        let bad = check_layer(None, &layer_ref(Some("else"), None), &blob("gz", "tar"));
        assert_eq!(whats(&bad), [DigestCheck::Blob]);
    }

    #[test]
    fn file_name_check_accepts_either_the_blob_or_the_diff_id() {
        let names_blob = check_layer(None, &layer_ref(None, Some("gz")), &blob("gz", "tar"));
        let names_diff = check_layer(None, &layer_ref(None, Some("tar")), &blob("gz", "tar"));
        assert_eq!((names_blob.verified, names_diff.verified), (Verified::Unchecked, Verified::Unchecked));
        assert!(names_blob.problems.is_empty() && names_diff.problems.is_empty());
        let neither = check_layer(None, &layer_ref(None, Some("junk")), &blob("gz", "tar"));
        assert_eq!((neither.verified, whats(&neither)), (Verified::Mismatch, vec![DigestCheck::FileName]));
    }

    #[test]
    fn config_and_manifest_checks() {
        assert_eq!(compare(DigestCheck::Config, &d("c"), &d("c")), None);
        let p = compare(DigestCheck::Manifest, &d("m"), &d("x"));
        assert!(matches!(p, Some(ProblemKind::DigestMismatch { what: DigestCheck::Manifest, .. })));
    }

    #[test]
    fn other_algorithms_and_unreadable_blobs_are_never_verified() {
        let sha512 = Digest::parse("sha512:abcd").expect("digest");
        assert_eq!(compare(DigestCheck::Blob, &sha512, &d("x")), None, "cannot be computed: skipped");
        let mut r = layer_ref(None, None);
        r.expected = Some(BlobDigest(sha512));
        let v = check_layer(None, &r, &blob("gz", "tar"));
        assert_eq!(v.verified, Verified::Unchecked, "a skipped check verifies nothing");
        let mut broken = blob("gz", "tar");
        broken.error = Some(ProblemKind::BadLayer { member: "m".into(), detail: "cut".into() }.into());
        let v = check_layer(Some(&DiffId(d("tar"))), &layer_ref(None, None), &broken);
        assert_eq!(v.verified, Verified::Unchecked);
        assert_eq!(check_layer(None, &layer_ref(None, None), &blob("a", "b")).verified, Verified::Unchecked);
    }
}
