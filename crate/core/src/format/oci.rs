//! OCI image layouts (image-spec `image-layout.md`): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`.
//!
//! `index.json` is walked through nested indexes and Docker manifest lists (`image-index.md`) to
//! image manifests (`manifest.md`), whose `config` and `layers` descriptors give the image; layer
//! order is the manifest's order, always. A descriptor whose blob is not in the archive (another
//! platform of a multi-arch index) is reported as absent, and attestation manifests and non-image
//! artifacts are skipped with a note: none of these is an error for the images that are present.

use super::{blob_member, ConfigRef, Found, ImageSpec, LayerRef};
use crate::digest::{BlobDigest, Digest};
use crate::error::Error;
use crate::json;
use crate::model::ArchiveFormat;
use crate::problem::{DigestCheck, NotImageReason, Problem, ProblemKind};
use crate::source::Scan;
use serde_json::Value;

const MAX_DEPTH: usize = 8;

/// Reads `index.json` and everything it leads to.
pub fn from_index(scan: &Scan) -> Result<Found, Error> {
    let doc = scan.doc("index.json").ok_or(ProblemKind::NotAnImage { why: NotImageReason::NoIndex })?;
    let index = json::parse(&doc.bytes)
        .map_err(|detail| Error::from(ProblemKind::BadJson { member: "index.json".into(), detail }))?;
    let mut found = Found::new(ArchiveFormat::OciArchive);
    let mut seen: Vec<Digest> = Vec::new();
    walk_index(scan, &index, "index.json", &[], 0, &mut found, &mut seen)?;
    Ok(found)
}

fn descriptors(index: &Value) -> &[Value] {
    json::get(index, "manifests").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn platform_of(desc: &Value) -> Option<String> {
    let p = json::get(desc, "platform")?;
    let mut s = format!("{}/{}", json::get_str(p, "os")?, json::get_str(p, "architecture")?);
    if let Some(v) = json::get_str(p, "variant") {
        s.push('/');
        s.push_str(v);
    }
    Some(s)
}

fn names_of(desc: &Value) -> Vec<String> {
    let Some(ann) = json::get(desc, "annotations") else {
        return Vec::new();
    };
    let full = json::get_str(ann, "io.containerd.image.name");
    let refname = json::get_str(ann, "org.opencontainers.image.ref.name");
    match (full, refname) {
        (Some(f), _) => vec![f.to_owned()],
        (None, Some(r)) => vec![r.to_owned()],
        (None, None) => Vec::new(),
    }
}

fn walk_index(
    scan: &Scan,
    index: &Value,
    member: &str,
    inherited: &[String],
    depth: usize,
    found: &mut Found,
    seen: &mut Vec<Digest>,
) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        found.problems.push(Problem::new(ProblemKind::IndexTooDeep { member: member.into() }, None, None));
        return Ok(());
    }
    for desc in descriptors(index) {
        let Some(digest) = json::get_str(desc, "digest").and_then(Digest::parse) else {
            found.problems.push(Problem::new(ProblemKind::BadDescriptor { member: member.into() }, None, None));
            continue;
        };
        let mut tags = names_of(desc);
        if tags.is_empty() {
            tags = inherited.to_vec();
        }
        let platform = platform_of(desc);
        let ann = json::get(desc, "annotations");
        if ann.and_then(|a| json::get_str(a, "vnd.docker.reference.type")) == Some("attestation-manifest") {
            found.problems.push(Problem::new(ProblemKind::AttestationSkipped { digest }, None, None));
            continue;
        }
        let blob = blob_member(&digest);
        let Some(doc) = scan.doc(&blob) else {
            found.problems.push(Problem::new(ProblemKind::AbsentManifest { digest, platform }, None, None));
            continue;
        };
        if let Some(mismatch) = crate::verify::compare(DigestCheck::Manifest, &digest, &doc.digest) {
            found.problems.push(Problem::new(mismatch, None, None));
        }
        let value = json::parse(&doc.bytes)
            .map_err(|detail| Error::from(ProblemKind::BadJson { member: blob.clone(), detail }))?;
        if json::get(&value, "manifests").is_some() {
            walk_index(scan, &value, &blob, &tags, depth + 1, found, seen)?;
            continue;
        }
        if let Some(existing) = seen.iter().position(|d| *d == digest) {
            if let Some(img) = found.images.get_mut(existing) {
                for t in tags {
                    if !img.tags.contains(&t) {
                        img.tags.push(t);
                    }
                }
            }
            continue;
        }
        match manifest_image(scan, &value, &blob, tags, platform, found) {
            Some(image) => {
                seen.push(digest);
                found.images.push(image);
            }
            None => continue,
        }
    }
    Ok(())
}

fn manifest_image(
    scan: &Scan,
    manifest: &Value,
    member: &str,
    tags: Vec<String>,
    platform: Option<String>,
    found: &mut Found,
) -> Option<ImageSpec> {
    let config = json::get(manifest, "config");
    let Some(config_digest) = config.and_then(|c| json::get_str(c, "digest")).and_then(Digest::parse) else {
        found.problems.push(Problem::new(ProblemKind::NoConfigDescriptor { member: member.into() }, None, None));
        return None;
    };
    let config_member = blob_member(&config_digest);
    if let Some(doc) = scan.doc(&config_member) {
        let is_image = json::parse(&doc.bytes).map(|v| json::get(&v, "rootfs").is_some()).unwrap_or(true);
        if !is_image {
            let kind = json::get_str(manifest, "artifactType")
                .or_else(|| config.and_then(|c| json::get_str(c, "mediaType")))
                .unwrap_or("unknown");
            let kind = ProblemKind::ArtifactSkipped { digest: config_digest, artifact_type: kind.to_owned() };
            found.problems.push(Problem::new(kind, None, None));
            return None;
        }
    }
    let layers = json::get(manifest, "layers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|d| {
                    let digest = json::get_str(d, "digest").and_then(Digest::parse)?;
                    Some(LayerRef {
                        member: blob_member(&digest),
                        expected: Some(BlobDigest(digest)),
                        hint: None,
                        media_type: json::get_str(d, "mediaType").map(str::to_owned),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ImageSpec {
        tags,
        config: ConfigRef::Member { member: config_member, expected: Some(config_digest) },
        layers,
        platform,
    })
}
