//! English. Problems are worded as the core words them (its English is derived from the kind).

use crate::format::{group_digits, Timestamp};
use crate::Strings;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "31 Jan 2024, 08:05 UTC".
fn date(s: &str) -> String {
    match Timestamp::parse(s) {
        Some(t) => {
            let month = MONTHS.get(t.month as usize - 1).copied().unwrap_or("?");
            format!("{} {month} {}, {:02}:{:02} {}", t.day, t.year, t.hour, t.minute, t.zone)
        }
        None => s.to_owned(),
    }
}

/// The English table.
pub static EN: Strings = Strings {
    title: "Strata",
    tagline: "See inside a Docker image, layer by layer. Your file never leaves this browser.",
    open_file: "Open image archive…",
    drop_here: "Drop a docker save tarball to analyse it",
    sample_note: "Showing the built-in sample image. Open or drop your own docker save archive.",
    local_only: "Runs locally: nothing is uploaded.",
    language_name: "English",
    language_label: "Language",
    cancel: "Cancel",
    views_label: "Views",
    view_stack: "Layer stack",
    view_files: "Filesystem",
    image: "Image",
    summary_label: "Image summary",
    image_id: "Image ID",
    platform: "Platform",
    created: "Created",
    total_size: "Total size",
    layers: "Layers",
    digests: "Digests",
    efficiency: "Efficiency",
    wasted: "Wasted (dive)",
    reclaimable: "Reclaimable",
    untagged: "<untagged>",
    pending: "…",
    digests_verifying: "… verifying digests",
    digests_ok: "✓ all digests verified",
    digests_mismatch: "✗ digest mismatch",
    digests_unchecked: "– some digests unchecked",
    digests_not_checked: "– digests not checked (reading stopped)",
    layer_verified: "digests verified",
    layer_mismatch: "digest mismatch",
    layer_unchecked: "nothing to check against",
    layer_pending: "not checked yet",
    stack_label: "Layers, top layer first",
    shared: "shared",
    metadata_only: "no layer",
    layer_changes_label: "Changes of the selected layer",
    uncompressed: "uncompressed",
    no_instruction: "(no instruction recorded)",
    added: "added",
    modified: "modified",
    deleted: "deleted",
    reading_layers: "Reading the layers' file lists…",
    search: "Filter paths (text or glob, e.g. *.conf)",
    no_match: "No entries match this filter.",
    all_layers: "All layers (merged view)",
    sort_name: "Sort by name",
    sort_size: "Sort by size",
    layer_filter_label: "Layer filter",
    sort_label: "Sort",
    tree_label: "Merged filesystem",
    problems: "Problems",
    error_title: "Something went wrong",
    panic_reload: "The page has stopped. Reload it to start again; please report this message.",
    progress_label: "Reading progress",
    view_layers: "Layers & files",
    view_union: "Union view",
    stack_as_table: "The stack as a table",
    col_layer: "Layer",
    col_id: "ID",
    col_size: "Size",
    col_changes: "Changes · digests",
    col_instruction: "Instruction",
    lift_label: "Lift the layers apart",
    lift_apart: "Apart",
    lift_together: "Together",
    figure_keys: "Tab to a plate or tile, arrows to move, Enter to open a directory, Backspace or Esc to go up.",
    reading: |name, done, total, layers| format!("Reading {name} — {done} / {total}, {layers} layers read"),
    time_left: |s| format!("about {} s left", group_digits(s)),
    entries: |n| format!("{} entries", group_digits(n as u64)),
    layer_name: |k| format!("layer {k}"),
    stored_size: |size| format!("{size} stored"),
    more_changes: |n| {
        format!("… and {} more: the Filesystem view, \"Changes in layer\", lists them all.", group_digits(n as u64))
    },
    changes_in_layer: |k| format!("Changes in layer {k}"),
    up_to_layer: |k| format!("Everything up to layer {k}"),
    problem_count: |n| format!("Problems ({n})"),
    problem: |p| p.message(),
    cannot_read: |k| k.to_string(),
    bad_pattern: |pattern, why| format!("{pattern:?} is not a valid glob: {why}"),
    fetch_failed: |url, detail| format!("could not fetch {url}: {detail}"),
    fetch_status: |url, status, text| format!("could not fetch {url}: HTTP {status} {text}"),
    worker_start_failed: |d| format!("could not start the worker: {d}"),
    worker_stopped: |d| format!("the worker stopped: {d}"),
    handoff_failed: |d| format!("could not hand the file to the worker: {d}"),
    bad_message: |d| format!("bad message from the worker: {d}"),
    internal_error: |d| format!("internal error (please report): {d}"),
    not_a_file: || "the worker was sent something that is not a file".to_owned(),
    date,
    figure: crate::figure_en::figure,
};
