//! Writes a large synthetic `docker save` archive for the benchmark (`scripts/bench.sh`):
//! by default 32 layers, ~110,000 entries, ~1.1 GiB, with overwritten and deleted files so the
//! waste analysis has work to do. Usage: `gen_archive OUT [total_mib] [layers] [files_per_layer]`
//! (`gen_archive million.tar 200 25 40000`: a million entries, for the scale benchmark). With a
//! fifth argument `skewed`, layer 0 holds half the bytes and half the files and the other layers
//! share the rest, as real images are skewed (one big base, small layers above):
//! `gen_archive skewed.tar 1100 32 3400 skewed`.

use std::fs::File;
use std::io::{BufWriter, Write};
use strata_core::sample::header;
use strata_core::Digest;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let v = self.next().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).cloned().unwrap_or_else(|| "big.tar".into());
    let total_mib: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1100);
    let layers: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
    let files_per_layer: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(3400);
    let skewed = args.get(5).is_some_and(|s| s == "skewed") && layers > 1;
    let total = total_mib * 1024 * 1024;
    // (bytes, files) of layer `l`.
    let shape = |l: usize| -> (u64, usize) {
        match (skewed, l) {
            (false, _) => (total / layers as u64, files_per_layer),
            (true, 0) => (total / 2, files_per_layer * layers / 2),
            (true, _) => (total / 2 / (layers as u64 - 1), files_per_layer * layers / 2 / (layers - 1)),
        }
    };
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut outer = tar::Builder::new(BufWriter::with_capacity(1 << 20, File::create(&out)?));
    let mut diff_ids = Vec::new();
    let mut names = Vec::new();
    let mut history = Vec::new();
    for l in 0..layers {
        let (per_layer, files_per_layer) = shape(l);
        let mut layer = tar::Builder::new(Vec::with_capacity(per_layer as usize + (1 << 20)));
        let dir = format!("data/l{l:02}");
        layer.append_data(&mut header(tar::EntryType::Directory, 0o755, 0), "data/", &[][..])?;
        layer.append_data(&mut header(tar::EntryType::Directory, 0o755, 0), format!("{dir}/"), &[][..])?;
        let small = (per_layer / 2) / files_per_layer as u64;
        let mut buf = vec![0u8; small as usize];
        for f in 0..files_per_layer {
            rng.fill(&mut buf);
            let name = format!("{dir}/sub{:02}/file{f:05}.bin", f % 50);
            layer.append_data(&mut header(tar::EntryType::Regular, 0o644, buf.len() as u64), name, &buf[..])?;
        }
        // A big shared file rewritten by every layer (waste), and a cache deleted two layers later.
        let mut big = vec![0u8; (per_layer / 2) as usize];
        rng.fill(&mut big);
        layer.append_data(
            &mut header(tar::EntryType::Regular, 0o644, big.len() as u64),
            "data/shared.bin",
            &big[..],
        )?;
        if l >= 2 {
            let wh = format!("data/l{:02}/.wh.sub00", l - 2);
            layer.append_data(&mut header(tar::EntryType::Regular, 0o600, 0), wh, &[][..])?;
        }
        let bytes = layer.into_inner()?;
        diff_ids.push(Digest::sha256(&bytes).to_string());
        let name = format!("{l:04}/layer.tar");
        outer.append_data(&mut header(tar::EntryType::Regular, 0o644, bytes.len() as u64), &name, &bytes[..])?;
        names.push(name);
        history.push(serde_json::json!({"created_by": format!("RUN generate layer {l}")}));
        eprint!("\rlayer {}/{layers}", l + 1);
    }
    eprintln!();
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z", "config": {},
        "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history,
    });
    let config = serde_json::to_vec(&config)?;
    let config_name = format!("{}.json", Digest::sha256(&config).hex());
    outer.append_data(&mut header(tar::EntryType::Regular, 0o644, config.len() as u64), &config_name, &config[..])?;
    let manifest =
        serde_json::to_vec(&serde_json::json!([{"Config": config_name, "RepoTags": ["bench:big"], "Layers": names}]))?;
    outer.append_data(
        &mut header(tar::EntryType::Regular, 0o644, manifest.len() as u64),
        "manifest.json",
        &manifest[..],
    )?;
    outer.into_inner()?.flush()
}
