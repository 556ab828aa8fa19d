//! `strata`: inspect container image archives from the command line.
//!
//! ```text
//! strata inspect ARCHIVE [--json]
//! strata ls ARCHIVE [--image N|TAG] (--merged | --layer N) [--filter TEXT|GLOB] [--sort name|size] [--json]
//! strata ci ARCHIVE [--lowest-efficiency 0.9] [--highest-wasted-bytes SIZE] [--highest-user-wasted-percent 0.1]
//! strata diagram ARCHIVE --view stack|layers|union|sizes [--image N|TAG] [--path DIR] [--layer N]
//!                [--mode merged|stored] [--width N] [--select PATH] [--step K] [--lang en|zh-CN] [--theme light|dark] [--png [--scale N]] [-o FILE]
//! strata sample [NAME] [-o FILE]
//! strata cat ARCHIVE PATH [--layer N] [--image N|TAG]
//! strata log ARCHIVE PATH [--image N|TAG] [--json]
//! strata diff A B [--image-a N|TAG] [--image-b N|TAG] [--json] [--timestamps]
//! ```
//! Exit codes: 0 success (or CI pass), 1 a CI rule failed (or `cat`/`log`: no such file in that
//! view), 2 the archive could not be read or the
//! command line is wrong.

mod args;
mod cat;
mod ci;
mod diagram;
mod diff;
mod inspect;
mod load;
mod log;
mod ls;
mod png;
mod render;
mod sample;
mod seekbuf;

use std::process::ExitCode;

const USAGE: &str = "usage:
  strata inspect ARCHIVE [--json]
  strata ls ARCHIVE [--image N|TAG] (--merged | --layer N) [--filter TEXT|GLOB] [--sort name|size] [--json]
  strata ci ARCHIVE [--lowest-efficiency 0.9] [--highest-wasted-bytes SIZE] [--highest-user-wasted-percent 0.1]
  strata diagram ARCHIVE --view stack|layers|union|sizes [--image N|TAG] [--path DIR] [--layer N]
                 [--mode merged|stored] [--width N] [--select PATH] [--step K] [--lang en|zh-CN] [--theme light|dark] [--png [--scale N]] [-o FILE]
  strata sample [NAME] [-o FILE]
  strata cat ARCHIVE PATH [--layer N] [--image N|TAG]
  strata log ARCHIVE PATH [--image N|TAG] [--json]
  strata diff A B [--image-a N|TAG] [--image-b N|TAG] [--json] [--timestamps]

ARCHIVE is a file written by `docker save`, `podman save`, `skopeo copy` (docker-archive or
oci-archive) or any OCI image layout packed as tar; it may be gzip or xz compressed.
`diagram` writes a textbook figure as a standalone SVG (stdout without -o); --step K draws the
image as it stood after build step K; --png writes a PNG rendered from that SVG (resvg), at 2
pixels per SVG unit unless --scale says otherwise. `sample` writes a
teaching sample (base, add-layers, two-layers, replace, whiteouts, shared-base, waste) as a
`docker save` archive; without a name it lists them.
--filter keeps the paths that contain TEXT (any case), or that match GLOB: `*.conf` matches
file names, `/etc/**/*.conf` whole paths (`*` never crosses a `/`).
`cat` prints a file's bytes as `cat PATH` in a container of the image would (symbolic links
followed), or layer N's copy with --layer; a path absent, deleted, a directory or with no copy in
that layer exits 1 and says why. `log` lists every layer that added, modified or deleted PATH
(--json: one object per line). `diff` compares image A (before) with image B (after; the same
archive may be given twice with --image-a/--image-b): layers by diff_id, files path by path
(added, removed, changed: content, mode, owner, type, target), config keys and history; exit 0
when files and config are the same, 1 when they differ.";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args::parse(&argv) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("strata: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match &parsed {
        args::Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        args::Command::Inspect { archive, json } => inspect::run(archive, *json),
        args::Command::Ls { archive, image, target, json, rows } => {
            ls::run(archive, image.as_deref(), *target, *json, rows)
        }
        args::Command::Ci { archive, rules } => ci::run(archive, rules),
        args::Command::Diagram(d) => diagram::run(d),
        args::Command::Sample { name, output } => sample::run(name.as_deref(), output.as_deref()),
        args::Command::Cat { archive, path, layer, image } => cat::run(archive, path, *layer, image.as_deref()),
        args::Command::Log { archive, path, image, json } => log::run(archive, path, image.as_deref(), *json),
        args::Command::Diff { a, b, image_a, image_b, json, timestamps } => {
            diff::run(a, b, image_a.as_deref(), image_b.as_deref(), *json, *timestamps)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("strata: {msg}");
            ExitCode::from(2)
        }
    }
}
