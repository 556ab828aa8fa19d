//! `strata`: inspect container image archives from the command line.
//!
//! ```text
//! strata inspect ARCHIVE [--json]
//! strata ls ARCHIVE [--image N|TAG] (--merged | --layer N) [--filter TEXT|GLOB] [--sort name|size] [--json]
//! strata ci ARCHIVE [--lowest-efficiency 0.9] [--highest-wasted-bytes SIZE] [--highest-user-wasted-percent 0.1]
//! strata diagram ARCHIVE --view stack|layers|union [--image N|TAG] [--path DIR] [--layer N]
//!                [--select PATH] [--step K] [--lang en|zh-CN] [--theme light|dark] [--png [--scale N]] [-o FILE]
//! strata sample [NAME] [-o FILE]
//! ```
//! Exit codes: 0 success (or CI pass), 1 a CI rule failed, 2 the archive could not be read or the
//! command line is wrong.

mod args;
mod ci;
mod diagram;
mod inspect;
mod load;
mod ls;
mod png;
mod render;
mod sample;

use std::process::ExitCode;

const USAGE: &str = "usage:
  strata inspect ARCHIVE [--json]
  strata ls ARCHIVE [--image N|TAG] (--merged | --layer N) [--filter TEXT|GLOB] [--sort name|size] [--json]
  strata ci ARCHIVE [--lowest-efficiency 0.9] [--highest-wasted-bytes SIZE] [--highest-user-wasted-percent 0.1]
  strata diagram ARCHIVE --view stack|layers|union [--image N|TAG] [--path DIR] [--layer N]
                 [--select PATH] [--step K] [--lang en|zh-CN] [--theme light|dark] [--png [--scale N]] [-o FILE]
  strata sample [NAME] [-o FILE]

ARCHIVE is a file written by `docker save`, `podman save`, `skopeo copy` (docker-archive or
oci-archive) or any OCI image layout packed as tar; it may be gzip or xz compressed.
`diagram` writes a textbook figure as a standalone SVG (stdout without -o); --step K draws the
image as it stood after build step K; --png writes a PNG rendered from that SVG (resvg), at 2
pixels per SVG unit unless --scale says otherwise. `sample` writes a
teaching sample (base, add-layers, two-layers, replace, whiteouts, shared-base, waste) as a
`docker save` archive; without a name it lists them.
--filter keeps the paths that contain TEXT (any case), or that match GLOB: `*.conf` matches
file names, `/etc/**/*.conf` whole paths (`*` never crosses a `/`).";

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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("strata: {msg}");
            ExitCode::from(2)
        }
    }
}
