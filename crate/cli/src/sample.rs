//! `strata sample`: writes a teaching sample as a real `docker save` archive.

use std::io::{IsTerminal, Write};
use strata_core::sample::{named, names};

/// Writes sample `name` to `output` (stdout without); with no name, lists the samples.
pub fn run(name: Option<&str>, output: Option<&str>) -> Result<u8, String> {
    let Some(name) = name else {
        println!("{}", names().collect::<Vec<_>>().join("\n"));
        return Ok(0);
    };
    let bytes = named(name)
        .ok_or_else(|| format!("no sample named {name:?} (samples: {})", names().collect::<Vec<_>>().join(", ")))?;
    match output {
        Some(file) => std::fs::write(file, &bytes).map_err(|e| format!("cannot write {file}: {e}"))?,
        None if std::io::stdout().is_terminal() => {
            return Err("refusing to write a tar archive to a terminal; use -o FILE or a pipe".into())
        }
        None => std::io::stdout().lock().write_all(&bytes).map_err(|e| e.to_string())?,
    }
    Ok(0)
}
