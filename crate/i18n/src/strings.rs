//! The one struct every language fills in.

use strata_core::container::{Action, Refused};
use strata_core::steps::StepFacts;
use strata_core::{Problem, ProblemKind};
use strata_diagram::Label;

/// Declares [`Strings`]: plain texts (listed, so a test can check every one of them in every
/// language) and messages with parameters (functions).
macro_rules! strings {
    (
        texts { $( $(#[$tdoc:meta])+ $text:ident, )* }
        messages { $( $(#[$mdoc:meta])+ $msg:ident: $ty:ty, )* }
    ) => {
        /// Every string the page (and a figure) shows, in one language.
        pub struct Strings {
            $( $(#[$tdoc])+ pub $text: &'static str, )*
            $( $(#[$mdoc])+ pub $msg: $ty, )*
        }

        impl Strings {
            /// Every plain text with its field name (for tests and tooling).
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![ $( (stringify!($text), self.$text), )* ]
            }
        }
    };
}

strings! {
    texts {
        /// The product's name.
        title,
        /// One line under the name.
        tagline,
        /// The button that opens a file.
        open_file,
        /// Shown over the page while a file is dragged over it.
        drop_here,
        /// Shown while the built-in sample is on screen.
        sample_note,
        /// The footer.
        local_only,
        /// This language's own name, as the switch offers it.
        language_name,
        /// The language switch's accessible label.
        language_label,
        /// The Cancel button.
        cancel,
        /// The label of the row of view tabs.
        views_label,
        /// The stack view's tab.
        view_stack,
        /// The files view's tab.
        view_files,
        /// The image picker's label.
        image,
        /// The summary's accessible label.
        summary_label,
        /// Summary: the image id.
        image_id,
        /// Summary: os/architecture.
        platform,
        /// Summary: creation time.
        created,
        /// Summary: size of the merged filesystem.
        total_size,
        /// Summary: the number of layers.
        layers,
        /// Summary: the digest verdict's label.
        digests,
        /// Summary: dive's efficiency score.
        efficiency,
        /// Summary: dive's wasted bytes.
        wasted,
        /// Summary: the bytes a squash would save.
        reclaimable,
        /// For an image without tags.
        untagged,
        /// A number not known yet (layers not read).
        pending,
        /// Digest verdict: reading is not finished.
        digests_verifying,
        /// Digest verdict: everything matches.
        digests_ok,
        /// Digest verdict: something does not match.
        digests_mismatch,
        /// Digest verdict: some digests had nothing to check against.
        digests_unchecked,
        /// Digest verdict: reading stopped before the digests were checked.
        digests_not_checked,
        /// A layer whose digests match (tooltip).
        layer_verified,
        /// A layer whose digest does not match (tooltip).
        layer_mismatch,
        /// A layer with nothing to check against (tooltip).
        layer_unchecked,
        /// A layer not checked yet (tooltip).
        layer_pending,
        /// The stack's accessible label.
        stack_label,
        /// A layer another image of the archive has too.
        shared,
        /// Beside a metadata-only step.
        metadata_only,
        /// The selected layer's changes (accessible label).
        layer_changes_label,
        /// A layer stored without compression.
        uncompressed,
        /// A history step without an instruction.
        no_instruction,
        /// Change badge: added.
        added,
        /// Change badge: modified.
        modified,
        /// Change badge: deleted.
        deleted,
        /// While the layers' headers are read.
        reading_layers,
        /// The files view's search box.
        search,
        /// The files view when nothing matches.
        no_match,
        /// Files view: the merged view.
        all_layers,
        /// Files view: sort by name.
        sort_name,
        /// Files view: sort by size.
        sort_size,
        /// The layer filter's accessible label.
        layer_filter_label,
        /// The sort's accessible label.
        sort_label,
        /// The tree's accessible label.
        tree_label,
        /// The problems list's title.
        problems,
        /// An error card's title.
        error_title,
        /// After a panic.
        panic_reload,
        /// The progress bar's accessible label.
        progress_label,
        /// The layers view's tab.
        view_layers,
        /// The union view's tab.
        view_union,
        /// The stack view's table, folded under the figure.
        stack_as_table,
        /// Table column: the layer.
        col_layer,
        /// Table column: its id.
        col_id,
        /// Table column: its size.
        col_size,
        /// Table column: its changes and digests.
        col_changes,
        /// Table column: its instruction.
        col_instruction,
        /// The union view's lift control.
        lift_label,
        /// Lift the layers apart.
        lift_apart,
        /// Collapse them into the union.
        lift_together,
        /// How to use a figure with the keyboard.
        figure_keys,
        /// The samples gallery's heading.
        samples_title,
        /// The gallery's one line.
        samples_intro,
        /// The player's accessible label.
        player_label,
        /// Player: the first step (the empty image).
        player_first,
        /// Player: the previous step.
        player_prev,
        /// Player: play.
        player_play,
        /// Player: pause.
        player_pause,
        /// Player: the next step.
        player_next,
        /// Player: the last step (the whole image).
        player_last,
        /// The presenter button.
        present,
        /// The theme switch's accessible label.
        theme_label,
        /// Theme: follow the system.
        theme_auto,
        /// Theme: light.
        theme_light,
        /// Theme: dark.
        theme_dark,
        /// The share toolbar's accessible label.
        share_label,
        /// Export the figure as SVG.
        export_svg,
        /// Export the figure as PNG.
        export_png,
        /// Export the analysis as JSON.
        export_json,
        /// Copy a link to this screen.
        copy_link,
        /// The link was copied.
        link_copied,
        /// An export that failed.
        export_failed,
        /// Embed mode: the link to the full app.
        open_in_strata,
        /// Embed mode: while the archive is read.
        loading_embed,
        /// The presenter's help heading.
        keys_title,
        /// Presenter key: next.
        key_next,
        /// Presenter key: previous.
        key_prev,
        /// Presenter key: first and last.
        key_first_last,
        /// Presenter key: black screen.
        key_blackout,
        /// Presenter key: full screen.
        key_fullscreen,
        /// Presenter key: go to a step.
        key_goto,
        /// Presenter key: this list.
        key_help,
        /// Presenter key: leave.
        key_leave,
        /// Presenter key: the notes window.
        key_notes,
        /// The notes window's title.
        notes_title,
        /// Notes: the caption on screen.
        notes_now,
        /// Notes: the next caption.
        notes_next,
        /// Notes: at the last step.
        notes_end,
        /// Notes: no presenter yet.
        notes_waiting,
        /// Notes: restart the timer.
        notes_timer_reset,
        /// The container view's tab.
        view_container,
        /// The writable layer's title.
        upper_title,
        /// The read-only image layers under it.
        lower_title,
        /// What the container sees.
        merged_title,
        /// An empty writable layer.
        upper_empty,
        /// Container: edit the selected file.
        act_edit,
        /// Container: delete the selected file or directory.
        act_delete,
        /// Container: create a file.
        act_create,
        /// Container: open the selected directory.
        act_open,
        /// Writable layer: a whiteout entry.
        state_whiteout,
        /// Writable layer: an opaque directory.
        state_opaque,
        /// Container: make a deleted directory again (a file created in it).
        act_make_again,
        /// Container: undo.
        act_undo,
        /// Container: reset.
        act_reset,
        /// Container: commit.
        act_commit,
        /// Container: download the committed image.
        act_download,
        /// The container's first caption.
        container_intro,
        /// A commit that cannot be made: the archive is compressed.
        commit_compressed,
        /// File panel: its label.
        file_panel_label,
        /// File panel: the history's heading.
        file_history,
        /// File panel: close it.
        file_close,
        /// File panel: save the whole copy.
        file_download,
        /// File panel: go to a link's target.
        file_go_target,
        /// File panel: show the copy a deletion hid.
        file_show_last,
        /// File panel: a history row's "compare with previous".
        file_compare_prev,
        /// File panel: leave the comparison.
        file_compare_off,
        /// File panel: the copy is being read.
        file_reading,
        /// File panel: an empty file.
        file_empty,
        /// File panel: two copies with the same lines.
        file_same_text,
        /// File panel: the visible copy (the history row of the merged view).
        file_visible,
        /// The size map's tab.
        view_sizes,
        /// Size map: the merged mode's button.
        sizes_merged,
        /// Size map: the stored mode's button.
        sizes_stored,
        /// Size map: the mode switch's label.
        sizes_mode_label,
        /// Size map: what the keys do.
        sizes_keys,
        /// Size map: the table alternative's caption.
        sizes_table,
        /// Size map table: the path column.
        col_path,
        /// Size map table: the bytes column.
        col_bytes,
        /// Size map table: the share column.
        col_share,
        /// Waste panel: its heading.
        waste_title,
        /// Waste panel: dive's efficiency.
        waste_efficiency,
        /// Waste panel: dive's wasted bytes.
        waste_wasted,
        /// Waste panel: the per-layer bars' heading.
        waste_layers,
        /// Waste panel: the inefficient files' heading.
        waste_files,
        /// Waste table: the copies column.
        col_copies,
        /// Waste table: no file is stored twice.
        waste_none,
        /// Waste table: show where the copies are in the size map.
        waste_in_map,
        /// Waste table: open the path in the files view.
        waste_in_files,
        /// The compare view's tab.
        view_compare,
        /// Compare view: the picker of the image compared with (A, before).
        compare_with,
        /// Compare view: no other image to compare with.
        compare_one_image,
        /// Compare view: the layers' heading.
        compare_layers,
        /// Compare view: the files' heading.
        compare_files,
        /// Compare view: the config's heading.
        compare_config,
        /// Compare view: A's column.
        compare_before,
        /// Compare view: B's column.
        compare_after,
        /// Compare view: the same files and config.
        compare_same,
        /// Compare view: a shared layer.
        compare_shared,
        /// Compare view: the copies are being read to compare their bytes.
        compare_hashing,
        /// Compare view: the button that opens a second archive as A.
        compare_other_open,
        /// Compare view: the second archive can be dropped on its zone too.
        compare_other_drop,
        /// Compare view: go back to comparing images of the archive shown.
        compare_within,
        /// Compare view: reading the second archive.
        compare_other_reading,
        /// Compare view: the heading of the size map by change.
        compare_map,
        /// Compare view: the map shows only the paths added or changed.
        compare_map_changed,
        /// Compare view: the map shows all of B, coloured by change.
        compare_map_all,
        /// The header's menu button on a phone (the tagline, language and theme).
        menu,
    }
    messages {
        /// "Reading NAME — 12 MB / 40 MB, 3 layers read".
        reading: fn(name: &str, done: &str, total: &str, layers: u64) -> String,
        /// "about 12 s left".
        time_left: fn(seconds: u64) -> String,
        /// "1,234 entries".
        entries: fn(count: usize) -> String,
        /// A layer's name in a tooltip: "layer 3".
        layer_name: fn(index: usize) -> String,
        /// The size of a layer not opened yet: "24 kB stored".
        stored_size: fn(size: &str) -> String,
        /// "… and 12 more" under a cut change list.
        more_changes: fn(count: usize) -> String,
        /// Files view: "Changes in layer 3".
        changes_in_layer: fn(index: usize) -> String,
        /// Files view: "Everything up to layer 3".
        up_to_layer: fn(index: usize) -> String,
        /// The problems list's summary: "Problems (3)".
        problem_count: fn(count: usize) -> String,
        /// A problem the core reported, worded from its kind (with the image and layer it concerns).
        problem: fn(problem: &Problem) -> String,
        /// Why nothing could be read: the core's problem, worded from its kind.
        cannot_read: fn(kind: &ProblemKind) -> String,
        /// A search box pattern that is not a valid glob.
        bad_pattern: fn(pattern: &str, why: &str) -> String,
        /// Fetching `?src=` failed before any answer.
        fetch_failed: fn(url: &str, detail: &str) -> String,
        /// Fetching `?src=` got an HTTP error.
        fetch_status: fn(url: &str, status: u16, text: &str) -> String,
        /// The worker could not be started.
        worker_start_failed: fn(detail: &str) -> String,
        /// The worker stopped with an error event.
        worker_stopped: fn(detail: &str) -> String,
        /// The worker could not be handed the file.
        handoff_failed: fn(detail: &str) -> String,
        /// The worker sent something that could not be decoded.
        bad_message: fn(detail: &str) -> String,
        /// A panic inside the worker.
        internal_error: fn(detail: &str) -> String,
        /// The worker was handed something that is not a file.
        not_a_file: fn() -> String,
        /// A timestamp (RFC 3339) as this language writes dates; the text itself when unreadable.
        date: fn(rfc3339: &str) -> String,
        /// A figure's label (the words of `strata diagram --lang` and of the page's figures).
        figure: fn(label: &Label) -> String,
        /// Shown while a teaching sample is on screen: "Showing the teaching sample “Replacing a file”. …".
        sample_named: fn(title: &str) -> String,
        /// A teaching sample's title and its one sentence.
        sample: fn(name: &str) -> (&'static str, &'static str),
        /// "Step 3 of 6".
        step_of: fn(step: usize, steps: usize) -> String,
        /// The caption of a step: what it did.
        caption: fn(facts: &StepFacts, size: &str) -> String,
        /// The caption of a container action.
        container_caption: fn(action: &Action, size: &str) -> String,
        /// A file created in a deleted directory: the directory is made again, opaque.
        made_again: fn(dir: &str, file: &str) -> String,
        /// An action the container refuses.
        refused: fn(why: &Refused) -> String,
        /// `docker ps -s`: "size 49 B (virtual 24.4 kB)".
        container_sizes: fn(size: &str, virtual_size: &str) -> String,
        /// A commit that failed.
        commit_failed: fn(detail: &str) -> String,
        /// The presenter's "go to step" prompt with what was typed.
        goto_prompt: fn(typed: &str) -> String,
        /// Waste panel: a layer bar's words: "L2 · 2.0 MB · 1.9 MB hidden by higher layers".
        waste_layer_bar: fn(layer: usize, size: &str, wasted: &str) -> String,
        /// Compare view: a path's two copies: "before:1 (layer 2) → after:1 (layer 0)".
        compare_copies: fn(a: &str, a_layer: usize, b: &str, b_layer: usize) -> String,
        /// Compare view: what changed in a path, worded ("content", "mode", …).
        compare_what: fn(what: strata_core::compare::What) -> &'static str,
        /// Compare view: "3 added · 1 removed · 2 changed".
        compare_summary: fn(added: usize, removed: usize, changed: usize) -> String,
        /// Compare view: "A is image 0 of before.tar".
        compare_other_from: fn(name: &str) -> String,
        /// Compare view, under the map: "3 removed paths are not in B's map (see the list)".
        compare_map_removed: fn(count: usize) -> String,
        /// Compare view: a run of config lines (instructions, variables) the same in A and B, folded.
        compare_config_same: fn(count: usize) -> String,
        /// Waste table: show every row ("Show all 4,300").
        waste_more: fn(rows: usize) -> String,
        /// Waste table: a copy's line: "layer 1 · 2.0 MB · deleted by layer 2".
        waste_copy: fn(layer: usize, size: &str, fate: strata_core::copies::Fate) -> String,
        /// File panel: "layer 2's copy · 3.8 MB · sha256 4f2a…".
        file_copy_of: fn(layer: usize, size: &str, sha256: &str) -> String,
        /// File panel: a deletion, with the layer's instruction.
        file_deleted_in: fn(layer: usize, instruction: &str) -> String,
        /// File panel: layer N holds no copy.
        file_no_copy: fn(layer: usize) -> String,
        /// File panel: why nothing can be shown (not found, a loop, …).
        file_missing: fn(why: &strata_core::content::LookupError) -> String,
        /// File panel: a big copy, its first part shown.
        file_too_large: fn(shown: &str, size: &str) -> String,
        /// File panel: a directory with its totals.
        file_dir: fn(entries: usize, size: &str) -> String,
        /// File panel: a symbolic link.
        file_link: fn(target: &str) -> String,
        /// File panel: a device or a FIFO.
        file_special: fn(kind: &str) -> String,
        /// File panel: the copy could not be read.
        file_read_failed: fn(detail: &str) -> String,
        /// File panel: the comparison's heading, from layer `from`'s copy to layer `to`'s.
        file_compare: fn(from: usize, to: usize) -> String,
        /// File panel: two binary copies: both sizes and digests.
        file_binary_diff: fn(from: usize, from_size: &str, from_sha: &str, to: usize, to_size: &str, to_sha: &str) -> String,
        /// File panel: what else changed between two copies (mode, owner, type, link target).
        file_meta_change: fn(what: strata_core::content::diff::Differs, old: &strata_core::merge::Node, new: &strata_core::merge::Node) -> String,
    }
}
