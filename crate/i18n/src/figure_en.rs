//! The figures' words in English.

use crate::format::group_digits;
use crate::format::percent;
use strata_core::sizes::SizeMode;
use strata_core::units::human_bytes;
use strata_diagram::{Label, ViewKind};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n as u64), if n == 1 { one } else { many })
}

fn kind(k: &str) -> &str {
    match k {
        "dir" => "directory",
        "char" => "character device",
        "block" => "block device",
        "fifo" => "named pipe",
        other => other,
    }
}

/// Words a figure label.
pub fn figure(label: &Label) -> String {
    match label {
        Label::Text(t) => t.clone(),
        Label::Image => "image".to_owned(),
        Label::ImageFacts { layers, size } => format!("{} · {size}", plural(*layers, "layer", "layers")),
        Label::NoInstruction => "(no instruction recorded)".to_owned(),
        Label::NoLayer => "no layer".to_owned(),
        Label::PlateFacts { size, changes: Some([a, m, d]), shared } => {
            format!("{size} · +{a} ~{m} −{d}{}", if *shared { " · shared" } else { "" })
        }
        Label::PlateFacts { size, changes: None, .. } => format!("{size} stored"),
        Label::ContainerSees => "what the container sees".to_owned(),
        Label::Counts { layers, written, visible } => format!(
            "{} · {} written · {} visible",
            plural(*layers, "layer", "layers"),
            plural(*written, "file", "files"),
            group_digits(*visible as u64)
        ),
        Label::More(n) => format!("+{} more", group_digits(*n as u64)),
        Label::GroupFacts { files, bytes, deletes } => {
            let del = if *deletes > 0 { format!(" · −{deletes}") } else { String::new() };
            format!("{} · {bytes}{del}", plural(*files, "file", "files"))
        }
        Label::ReplacedBy(k) => format!("replaced by L{k}"),
        Label::DeletedBy(k) => format!("deleted by L{k}"),
        Label::WhiteoutOf(p) => format!("whiteout: hides {p} of the layers below"),
        Label::Whiteout => "whiteout".to_owned(),
        Label::Opaque => "opaque dir".to_owned(),
        Label::NothingHere => "changes nothing here".to_owned(),
        Label::LowerLayers => "lower layers, read-only (lowerdir)".to_owned(),
        Label::MergedView => "merged view (merged)".to_owned(),
        Label::Tile(t) => {
            let fate = match (t.state, t.by) {
                ("replaced", Some(by)) => format!(" · replaced by layer {by}"),
                ("deleted", Some(by)) => format!(" · deleted by layer {by}"),
                _ => String::new(),
            };
            let made = t.instruction.as_deref().map(|i| format!(": {i}")).unwrap_or_default();
            format!("{} · {} · {} B · {} {} · layer {}{made}{fate}", t.path, kind(t.kind), group_digits(t.size), t.mode, t.owner, t.layer)
        }
        Label::Plate { layer, id, size, changes: [a, m, d], instruction } => {
            format!("layer {layer} · {id} · {size} · {a} added, {m} modified, {d} deleted · {instruction}")
        }
        Label::Region { path, layer } => format!("{path}, from layer {layer}"),
        Label::SizesFacts { bytes, files, mode } => format!(
            "{bytes} in {} · {}",
            plural(*files as usize, "file", "files"),
            match mode {
                SizeMode::Merged => "what the container sees",
                SizeMode::Stored => "every copy the layers store (hatched: replaced or deleted)",
            }
        ),
        Label::SizesRest(n) => format!("+{} smaller", group_digits(*n as u64)),
        Label::SizesEmpty(n) => format!("+{} empty (0 B)", group_digits(*n as u64)),
        Label::SizesNothing => "No file here holds any bytes".to_owned(),
        Label::SizesChange { change, bytes } => {
            let word = match change {
                Some(strata_core::compare::Change::Added) => "added",
                Some(strata_core::compare::Change::Changed) => "changed",
                _ => "unchanged",
            };
            format!("{word} · {bytes}")
        }
        Label::CompareSide { after } => if *after { "B · after (shown)" } else { "A · before" }.to_owned(),
        Label::Shared => "shared".to_owned(),
        Label::Size(t) => {
            let what = match t.kind {
                "rest" => format!("{} smaller entries of {}", group_digits(t.files), t.path),
                "dir" => format!("{}/ · {}", t.path, plural(t.files as usize, "file", "files")),
                _ => t.path.clone(),
            };
            let layer = t.layer.map(|k| format!(" · layer {k}")).unwrap_or_default();
            let made = t.instruction.as_deref().map(|i| format!(": {i}")).unwrap_or_default();
            let fate = match (t.state, t.by) {
                ("replaced", Some(by)) => format!(" · replaced by layer {by}"),
                ("deleted", Some(by)) => format!(" · deleted by layer {by}"),
                _ => String::new(),
            };
            format!(
                "{what} · {} ({}) · {} of its directory · {} of the image{layer}{made}{fate}",
                human_bytes(t.bytes),
                format_args!("{} B", group_digits(t.bytes)),
                percent(t.bytes, t.parent),
                percent(t.bytes, t.image)
            )
        }
        Label::Title { view, image, focus } => match (view, focus) {
            (ViewKind::Stack, _) => format!("The layers of {image}"),
            (ViewKind::Layers, f) => format!("The layers of {image} and their files in {}", f.as_deref().unwrap_or("/")),
            (ViewKind::Union, f) => format!("The union of {image}'s layers in {}", f.as_deref().unwrap_or("/")),
            (ViewKind::Sizes, f) => format!("Where the bytes of {image} are, in {}", f.as_deref().unwrap_or("/")),
            (ViewKind::Compare, _) => format!("The layers of {image}"),
        },
        Label::Desc { view: ViewKind::Stack, layers, written, .. } => format!(
            "The image is a stack of {} read-only layers, the base at the bottom; {} metadata-only steps make no layer.",
            group_digits(*layers as u64),
            group_digits(*written as u64)
        ),
        Label::Desc { view: ViewKind::Layers, layers, written, visible } => format!(
            "{} write {} here; the container sees {}: an upper copy hides the lower ones, a whiteout deletes them.",
            plural(*layers, "layer", "layers"),
            plural(*written, "file", "files"),
            group_digits(*visible as u64)
        ),
        Label::Desc { view: ViewKind::Sizes, written, .. } => format!(
            "A treemap: each rectangle's area is proportional to the bytes of the {} under it, coloured by the layer of each copy.",
            plural(*written, "file", "files")
        ),
        Label::Desc { view: ViewKind::Compare, written, .. } => format!(
            "Two images side by side, base at the bottom; the {} layers they share (the same diff_id) are joined across.",
            group_digits(*written as u64)
        ),
        Label::Desc { view: ViewKind::Union, layers, .. } => format!(
            "Seen from the system, {} read-only layers are stacked and merged into one view; each region of the merged view is coloured and numbered by the layer that provides it.",
            group_digits(*layers as u64)
        ),
    }
}
