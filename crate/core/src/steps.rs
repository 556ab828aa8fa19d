//! The build, step by step: what a step-through player walks.
//!
//! An image's history (OCI image-spec `config.md`, `history`) lists every build step; each step
//! that is not `empty_layer` made the next layer, and the others (ENV, EXPOSE, CMD, …) changed only
//! metadata. The player shows step 0 (the empty image) up to the last step; [`image_at`] gives the
//! image as it stood after the first K steps (its layers so far and the merged tree replayed up to
//! them), so every figure can draw it unchanged. When the history does not map one to one onto the
//! layers (or is missing), each layer is a step of its own.

use crate::config::HistoryStep;
use crate::merge::{ChangeKind, MergedTree};
use crate::model::Image;
use crate::replay::Replay;

/// One step of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStep {
    /// The history entry it is (none when the history does not match the layers).
    pub history: Option<usize>,
    /// The layer it made, if any.
    pub layer: Option<usize>,
}

/// The steps of `image`'s build, in order.
pub fn build_steps(image: &Image) -> Vec<BuildStep> {
    let made: Vec<usize> = image.history.iter().filter_map(|h| h.layer).collect();
    let one_to_one = made.len() == image.layers.len() && made.iter().enumerate().all(|(i, &l)| i == l);
    if one_to_one && !image.history.is_empty() {
        image.history.iter().enumerate().map(|(i, h)| BuildStep { history: Some(i), layer: h.layer }).collect()
    } else {
        (0..image.layers.len()).map(|k| BuildStep { history: None, layer: Some(k) }).collect()
    }
}

/// How many layers exist after the first `count` steps.
pub fn layers_after(steps: &[BuildStep], count: usize) -> usize {
    steps.iter().take(count).filter_map(|s| s.layer).map(|l| l + 1).max().unwrap_or(0)
}

/// What step number `number` (1-based) did, for its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepFacts {
    /// Step 0: nothing built yet.
    Empty,
    /// A step that made layer `layer`.
    Layer {
        /// The instruction (Dockerfile form).
        instruction: String,
        /// The layer.
        layer: usize,
        /// Paths it adds, modifies and deletes (the layer's change counts).
        added: usize,
        /// Paths it modifies.
        modified: usize,
        /// Paths it deletes.
        deleted: usize,
        /// Bytes of the files it adds.
        added_bytes: u64,
    },
    /// A step that only set metadata.
    Metadata {
        /// The instruction (Dockerfile form).
        instruction: String,
    },
}

/// The facts of step `number` (0 = the empty image; 1 = the first step).
pub fn step_facts(image: &Image, steps: &[BuildStep], number: usize) -> StepFacts {
    let Some(step) = number.checked_sub(1).and_then(|i| steps.get(i)) else { return StepFacts::Empty };
    let instruction = |h: Option<&HistoryStep>, layer: Option<usize>| {
        let by =
            h.map(|h| h.created_by.as_str()).or_else(|| layer.and_then(|l| image.layers.get(l)?.created_by.as_deref()));
        by.map(crate::history::dockerfile_line).unwrap_or_default()
    };
    let history = step.history.and_then(|i| image.history.get(i));
    match step.layer.and_then(|l| image.layers.get(l)) {
        Some(l) => StepFacts::Layer {
            instruction: instruction(history, step.layer),
            layer: l.index,
            added: l.added,
            modified: l.modified,
            deleted: l.deleted,
            added_bytes: l
                .changes
                .iter()
                .filter(|c| c.change == ChangeKind::Added)
                .fold(0u64, |sum, c| sum.saturating_add(c.node.size)),
        },
        None => StepFacts::Metadata { instruction: instruction(history, None) },
    }
}

/// The image as it stood after the first `count` steps: its layers and history so far and the
/// merged tree of those layers (`replay` is moved there incrementally; it must belong to `image`).
/// Waste figures are not recomputed (they need the layers' tar listings) and are left as they are.
pub fn image_at(image: &Image, steps: &[BuildStep], count: usize, replay: &mut Replay) -> Image {
    let layers = layers_after(steps, count);
    replay.seek(image, layers);
    let tree = MergedTree { nodes: replay.nodes(image).cloned().collect() };
    let history_len = steps.iter().take(count).filter_map(|s| s.history).map(|h| h + 1).max().unwrap_or(0);
    Image {
        layers: image.layers.iter().take(layers).cloned().collect(),
        history: image.history.iter().take(history_len).cloned().collect(),
        merged: tree.summary(),
        tree,
        ..image.clone_without_layers()
    }
}

impl Image {
    /// A copy of the image's own facts (tags, id, config, waste) without its layers, history or tree.
    fn clone_without_layers(&self) -> Image {
        Image {
            tags: self.tags.clone(),
            id: self.id.clone(),
            os: self.os.clone(),
            architecture: self.architecture.clone(),
            variant: self.variant.clone(),
            created: self.created.clone(),
            config: self.config.clone(),
            history: Vec::new(),
            layers: Vec::new(),
            waste: self.waste.clone(),
            merged: self.merged,
            tree: MergedTree::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_steps_and_what_each_does() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let img = &a.images[0];
        let steps = build_steps(img);
        let kinds: Vec<Option<usize>> = steps.iter().map(|s| s.layer).collect();
        assert_eq!(kinds, [Some(0), None, Some(1), None, Some(2), None]);
        assert_eq!((0..=6).map(|k| layers_after(&steps, k)).collect::<Vec<_>>(), [0, 1, 1, 2, 2, 3, 3]);
        assert_eq!(step_facts(img, &steps, 0), StepFacts::Empty);
        let StepFacts::Layer { instruction, added, modified, deleted, .. } = step_facts(img, &steps, 3) else {
            panic!("step 3 makes layer 1")
        };
        assert_eq!((instruction.as_str(), added, modified, deleted), ("COPY app/ /app/", 3, 1, 0));
        assert_eq!(step_facts(img, &steps, 4), StepFacts::Metadata { instruction: "EXPOSE 8080".into() });
        let mut replay = Replay::new();
        let at = image_at(img, &steps, 3, &mut replay);
        assert_eq!((at.layers.len(), at.history.len()), (2, 3));
        assert!(at.tree.nodes.iter().any(|n| n.path == "/app/cache/build.tmp"), "not deleted yet");
        let whole = image_at(img, &steps, steps.len(), &mut replay);
        assert_eq!(whole.tree, img.tree);
        let empty = image_at(img, &steps, 0, &mut replay);
        assert!(empty.layers.is_empty() && empty.tree.nodes.is_empty());
    }

    #[test]
    fn without_a_matching_history_each_layer_is_a_step() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let mut img = a.images[0].clone();
        img.history.truncate(2);
        let steps = build_steps(&img);
        assert_eq!(steps.len(), 3);
        assert!(steps.iter().all(|s| s.history.is_none()));
        let StepFacts::Layer { instruction, .. } = step_facts(&img, &steps, 2) else { panic!("a layer step") };
        assert_eq!(instruction, "COPY app/ /app/", "the layer's own instruction");
    }
}
