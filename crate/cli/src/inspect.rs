//! `strata inspect`: a summary of every image, or the whole model as one JSON document.

use crate::load;
use crate::render::{bytes, ellipsize};
use strata_core::{Analysis, DigestVerdict};

/// Runs the command; returns the exit code.
pub fn run(archive: &str, json: bool) -> Result<u8, String> {
    let analysis = load::load(archive)?;
    if json {
        // Streamed: the document of a large image is not built in memory first.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        analysis.write_json_document(&mut out).map_err(|e| e.to_string())?;
    } else {
        print!("{}", summary(&analysis));
    }
    Ok(0)
}

/// The human summary.
pub fn summary(a: &Analysis) -> String {
    let mut out = String::new();
    let size = a.archive.size.map(bytes).unwrap_or_else(|| "?".into());
    out += &format!(
        "archive: {} ({} compression), {size}, {} image(s)\n",
        a.archive.format.as_str(),
        a.archive.compression.name(),
        a.images.len()
    );
    for (i, img) in a.images.iter().enumerate() {
        let tags = if img.tags.is_empty() { "<untagged>".to_owned() } else { img.tags.join(", ") };
        out += &format!("\nimage {i}: {tags}\n  id        {}\n", img.id);
        let platform = img.platform();
        out += &format!("  platform  {}\n  created   {}\n", platform, img.created.as_deref().unwrap_or("?"));
        if let Some(cmd) = &img.config.cmd {
            out += &format!("  cmd       {}\n", cmd.join(" "));
        }
        if let Some(ep) = &img.config.entrypoint {
            out += &format!("  entrypoint {}\n", ep.join(" "));
        }
        out += &format!("  layers    {}\n", img.layers.len());
        for l in &img.layers {
            let id = l.diff_id.as_ref().map(|d| d.short()).unwrap_or("?");
            out += &format!(
                "  {:>3}  {:<12}  {:>9}  +{:<4} ~{:<4} -{:<4} {:<9} {}\n",
                l.index,
                id,
                bytes(l.size),
                l.added,
                l.modified,
                l.deleted,
                l.verified.as_str(),
                ellipsize(&l.instruction().unwrap_or_default(), 60)
            );
        }
        let verdict = match a.digest_verdict(i) {
            DigestVerdict::Pending => "not checked yet",
            DigestVerdict::Verified => "all verified",
            DigestVerdict::Mismatch => "MISMATCH (see problems)",
            DigestVerdict::Unchecked => "some unchecked",
        };
        out += &format!("  digests   {verdict}\n");
        let w = &img.waste;
        out += &format!(
            "  merged    {} entries ({} files, {} dirs, {} symlinks, {} hardlinks), {}\n",
            img.merged.entries,
            img.merged.files,
            img.merged.dirs,
            img.merged.symlinks,
            img.merged.hardlinks,
            bytes(img.merged.size)
        );
        out += &format!(
            "  waste     efficiency {:.4} %, wasted {} ({:.2} % of user size), reclaimable {}\n",
            w.efficiency * 100.0,
            bytes(w.wasted_bytes),
            w.wasted_user_percent * 100.0,
            bytes(w.reclaimable_bytes)
        );
        for f in w.inefficient_files.iter().take(5) {
            out += &format!("            {:>3} × {:>9}  {}\n", f.count, bytes(f.bytes), f.path);
        }
    }
    if !a.problems.is_empty() {
        out += "\nproblems:\n";
        for p in &a.problems {
            out += &format!("  {}: {} [{}]\n", p.severity().as_str(), p.message(), p.code());
        }
    }
    out
}
