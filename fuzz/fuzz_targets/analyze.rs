//! Any bytes as an archive, through every way the core reads one: never a panic, and the
//! parallel read equals the single pass.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use strata_core::progress::{Cancel, NoProgress};
use strata_core::Options;

fuzz_target!(|bytes: &[u8]| {
    let size = Some(bytes.len() as u64);
    let single = strata_core::analyze(bytes, Options { size, progress: &mut NoProgress, cancel: Cancel::new() })
        .map_err(|e| e.to_string());
    let open = || Ok::<_, std::io::Error>(Cursor::new(bytes));
    let _ = strata_core::analyze_stages(open, size, &mut |_| {});
    let parallel =
        strata_core::parallel::analyze_parallel(open, Options { size, progress: &mut NoProgress, cancel: Cancel::new() }, 2)
            .map_err(|e| e.to_string());
    assert_eq!(format!("{single:?}"), format!("{parallel:?}"));
});
