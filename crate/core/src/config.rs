//! The image configuration (OCI image-spec `config.md`; Docker image spec v1.2 `Image JSON`).
//!
//! Parsed leniently from JSON: writers leave fields out or set them to `null`, and Jib writes keys
//! in other cases. History steps with `empty_layer: true` (ENV, EXPOSE, CMD, …) make no layer; every
//! other step maps, in order, onto the next layer.

use crate::json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The runtime configuration of an image (`config` in the image config).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunConfig {
    /// Environment variables, `NAME=value`.
    pub env: Vec<String>,
    /// Default command.
    pub cmd: Option<Vec<String>>,
    /// Entrypoint.
    pub entrypoint: Option<Vec<String>>,
    /// Working directory.
    pub working_dir: Option<String>,
    /// User (name, uid or uid:gid).
    pub user: Option<String>,
    /// Exposed ports, e.g. `8080/tcp`.
    pub exposed_ports: Vec<String>,
    /// Volumes.
    pub volumes: Vec<String>,
    /// Labels, sorted by key.
    pub labels: BTreeMap<String, String>,
    /// Stop signal.
    pub stop_signal: Option<String>,
}

/// One step of the image's build history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    /// The instruction, e.g. `/bin/sh -c #(nop) COPY …` or `RUN …`.
    pub created_by: String,
    /// True for metadata-only steps that made no layer.
    pub empty_layer: bool,
    /// The layer index this step made (None for empty steps, or when history and layers disagree).
    pub layer: Option<usize>,
    /// When the step ran.
    pub created: Option<String>,
    /// Free-text comment.
    pub comment: Option<String>,
}

/// The parts of an image config the analysis uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageConfig {
    /// CPU architecture, e.g. `amd64`.
    pub architecture: Option<String>,
    /// Operating system, e.g. `linux`.
    pub os: Option<String>,
    /// Architecture variant, e.g. `v7`.
    pub variant: Option<String>,
    /// Creation time (RFC 3339).
    pub created: Option<String>,
    /// Runtime configuration.
    pub config: RunConfig,
    /// `rootfs.diff_ids`, in layer order.
    pub diff_ids: Vec<String>,
    /// History steps, in order.
    pub history: Vec<HistoryStep>,
}

fn strings(v: Option<&Value>) -> Option<Vec<String>> {
    match v? {
        Value::Array(a) => {
            Some(a.iter().map(|x| x.as_str().map(str::to_owned).unwrap_or_else(|| x.to_string())).collect())
        }
        Value::String(s) => Some(vec![s.clone()]),
        _ => None,
    }
}

fn keys(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl RunConfig {
    /// Reads the `config` object (Docker v1.2 `Config`, OCI `config`).
    pub fn from_json(v: &Value) -> RunConfig {
        let get = |k: &str| json::get(v, k);
        let labels = match get("Labels") {
            Some(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
                .collect(),
            _ => BTreeMap::new(),
        };
        RunConfig {
            env: strings(get("Env")).unwrap_or_default(),
            cmd: strings(get("Cmd")),
            entrypoint: strings(get("Entrypoint")),
            working_dir: text(get("WorkingDir")),
            user: text(get("User")),
            exposed_ports: keys(get("ExposedPorts")),
            volumes: keys(get("Volumes")),
            labels,
            stop_signal: text(get("StopSignal")),
        }
    }
}

impl ImageConfig {
    /// Parses an image config document.
    pub fn from_json(v: &Value) -> ImageConfig {
        let get = |k: &str| json::get(v, k);
        let config = get("config").or_else(|| get("container_config")).map(RunConfig::from_json).unwrap_or_default();
        let diff_ids = get("rootfs")
            .and_then(|r| json::get(r, "diff_ids"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let history = get("history")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|h| HistoryStep {
                        created_by: text(json::get(h, "created_by")).unwrap_or_default(),
                        empty_layer: json::get(h, "empty_layer").and_then(Value::as_bool).unwrap_or(false),
                        layer: None,
                        created: text(json::get(h, "created")),
                        comment: text(json::get(h, "comment")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ImageConfig {
            architecture: text(get("architecture")),
            os: text(get("os")),
            variant: text(get("variant")),
            created: text(get("created")),
            config,
            diff_ids,
            history,
        }
    }
}

/// Assigns each non-empty history step to the next layer. Returns false when the number of
/// non-empty steps differs from `layer_count` (the mapping is then best effort).
pub fn map_history(history: &mut [HistoryStep], layer_count: usize) -> bool {
    let mut next = 0;
    for step in history.iter_mut() {
        if step.empty_layer {
            step.layer = None;
        } else {
            step.layer = (next < layer_count).then_some(next);
            next += 1;
        }
    }
    next == layer_count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_empty_layer_steps_to_no_layer() {
        let v: Value = serde_json::from_str(
            r#"{"architecture":"amd64","os":"linux","config":{"Env":["A=1"],"Cmd":null,"ExposedPorts":{"80/tcp":{}}},
            "rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]},
            "history":[{"created_by":"ADD base"},{"created_by":"ENV A=1","empty_layer":true},{"created_by":"RUN x"}]}"#,
        )
        .unwrap();
        let mut c = ImageConfig::from_json(&v);
        assert_eq!(c.config.env, vec!["A=1"]);
        assert_eq!(c.config.cmd, None);
        assert_eq!(c.config.exposed_ports, vec!["80/tcp"]);
        assert!(map_history(&mut c.history, 2));
        let layers: Vec<_> = c.history.iter().map(|h| h.layer).collect();
        assert_eq!(layers, vec![Some(0), None, Some(1)]);
        assert!(!map_history(&mut c.history, 3));
    }
}
