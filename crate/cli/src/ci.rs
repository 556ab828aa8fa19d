//! `strata ci`: dive's CI rules over the first image. Exit 0 pass, 1 a rule failed.

use crate::args::Rules;
use crate::load;
use crate::render::bytes;

/// Runs the command; returns the exit code.
pub fn run(archive: &str, rules: &Rules) -> Result<u8, String> {
    let analysis = load::load(archive)?;
    let mut failed = false;
    for (i, img) in analysis.images.iter().enumerate() {
        let w = &img.waste;
        let name = img.tags.first().cloned().unwrap_or_else(|| img.id.clone());
        println!("image {i}: {name}");
        println!("  efficiency: {:.4} %", w.efficiency * 100.0);
        println!("  wastedBytes: {} bytes ({})", w.wasted_bytes, bytes(w.wasted_bytes));
        println!("  userWastedPercent: {:.4} %", w.wasted_user_percent * 100.0);
        let mut check = |name: &str, ok: bool, detail: String| {
            println!("  {}: {name}: {detail}", if ok { "PASS" } else { "FAIL" });
            failed |= !ok;
        };
        if let Some(t) = rules.lowest_efficiency {
            check("lowestEfficiency", w.efficiency >= t, format!("{:.4} (threshold {t})", w.efficiency));
        }
        if let Some(t) = rules.highest_wasted_bytes {
            check("highestWastedBytes", w.wasted_bytes <= t, format!("{} (threshold {t})", w.wasted_bytes));
        }
        if let Some(t) = rules.highest_user_wasted_percent {
            check(
                "highestUserWastedPercent",
                w.wasted_user_percent <= t,
                format!("{:.4} (threshold {t})", w.wasted_user_percent),
            );
        }
    }
    println!("{}", if failed { "Result:FAIL" } else { "Result:PASS" });
    Ok(if failed { 1 } else { 0 })
}
