//! Docker archives: `manifest.json` (Docker image spec v1.2, "Combined Image JSON + Filesystem
//! Changeset Format") and pre-1.10 v1 archives (`repositories` + a parent chain of `<id>/json`).
//!
//! Variants handled: `docker save` up to 24 (`<id>/layer.tar`), 25+ (`blobs/sha256/<hex>` plus a
//! `LayerSources` map), skopeo/podman (`<diffid>.tar`, legacy dirs whose `layer.tar` is a symlink
//! member), go-containerregistry/kaniko (`sha256:<hex>` config, `<digest>.tar.gz` layers), Jib
//! (lowercase keys), `RepoTags: null`.

use super::{digest_in_name, ConfigRef, Found, ImageSpec, LayerRef};
use crate::digest::{BlobDigest, Digest};
use crate::error::Error;
use crate::json;
use crate::model::ArchiveFormat;
use crate::problem::{Problem, ProblemKind};
use crate::source::Scan;
use serde_json::Value;

/// Reads `manifest.json`. `Ok(None)` when there is none (or it is `null`).
pub fn from_manifest(scan: &Scan) -> Result<Option<Found>, Error> {
    let Some(doc) = scan.doc("manifest.json") else {
        return Ok(None);
    };
    let value = json::parse(&doc.bytes)
        .map_err(|detail| Error::from(ProblemKind::BadJson { member: "manifest.json".into(), detail }))?;
    let items = match &value {
        Value::Null => return Ok(None),
        Value::Array(a) => a,
        _ => return Err(Error::from(ProblemKind::ManifestNotAList)),
    };
    let mut found = Found::new(ArchiveFormat::DockerArchive);
    for (i, item) in items.iter().enumerate() {
        let Some(config) = json::get_str(item, "Config") else {
            found.problems.push(Problem::new(ProblemKind::BadManifest { entry: i }, None, None));
            continue;
        };
        let tags = json::get(item, "RepoTags")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let sources = json::get(item, "LayerSources");
        let layers = json::get(item, "Layers")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|member| {
                        let strong = member.starts_with("blobs/").then(|| digest_in_name(member)).flatten();
                        let media_type = strong
                            .as_ref()
                            .and_then(|d| sources.and_then(|s| json::get(s, &d.to_string())))
                            .and_then(|desc| json::get_str(desc, "mediaType"))
                            .map(str::to_owned);
                        let hint = if strong.is_none() { digest_in_name(member) } else { None };
                        LayerRef { member: member.to_owned(), expected: strong.map(BlobDigest), hint, media_type }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let config_member = config.to_owned();
        found.images.push(ImageSpec {
            tags,
            config: ConfigRef::Member { expected: digest_in_name(&config_member), member: config_member },
            layers,
            platform: None,
        });
    }
    Ok(Some(found))
}

/// Reads a pre-1.10 v1 archive: `repositories` maps `repo → tag → top layer id`; each `<id>/json`
/// names its `parent`. `Ok(None)` when there is no `repositories` document.
pub fn from_repositories(scan: &Scan) -> Result<Option<Found>, Error> {
    let Some(doc) = scan.doc("repositories") else {
        return Ok(None);
    };
    let value = json::parse(&doc.bytes)
        .map_err(|detail| Error::from(ProblemKind::BadJson { member: "repositories".into(), detail }))?;
    let mut found = Found::new(ArchiveFormat::DockerV1);
    let mut by_id: Vec<(String, Vec<String>)> = Vec::new();
    if let Value::Object(repos) = &value {
        for (repo, tags) in repos {
            let Value::Object(tags) = tags else { continue };
            for (tag, id) in tags {
                let Some(id) = id.as_str() else { continue };
                let name = format!("{repo}:{tag}");
                match by_id.iter_mut().find(|(i, _)| i == id) {
                    Some((_, names)) => names.push(name),
                    None => by_id.push((id.to_owned(), vec![name])),
                }
            }
        }
    }
    for (id, tags) in by_id {
        let mut chain = Vec::new();
        let mut cur = Some(id.clone());
        while let Some(layer_id) = cur.take() {
            if chain.contains(&layer_id) || chain.len() > 1000 {
                found.problems.push(Problem::new(ProblemKind::BadParentChain { id: id.clone() }, None, None));
                break;
            }
            let member = format!("{layer_id}/json");
            match scan.doc(&member).map(|d| json::parse(&d.bytes)) {
                Some(Ok(v)) => cur = json::get_str(&v, "parent").map(str::to_owned),
                Some(Err(detail)) => return Err(Error::from(ProblemKind::BadJson { member, detail })),
                None => found.problems.push(Problem::new(ProblemKind::MissingBlob { member }, None, None)),
            }
            chain.push(layer_id);
        }
        let layer_docs: Vec<String> = chain.iter().map(|l| format!("{l}/json")).collect();
        let layers = chain
            .iter()
            .rev()
            .map(|l| LayerRef { member: format!("{l}/layer.tar"), expected: None, hint: None, media_type: None })
            .collect();
        found.images.push(ImageSpec { tags, config: ConfigRef::V1 { id, layer_docs }, layers, platform: None });
    }
    Ok(Some(found))
}

/// The image id of a v1 image (not a content digest: v1 ids were random).
pub fn v1_id(id: &str) -> String {
    Digest::sha256_hex(id).map(|d| d.to_string()).unwrap_or_else(|| id.to_owned())
}
