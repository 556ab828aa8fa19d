//! Command-line parsing (hand-written: a few commands, a handful of flags).

use crate::diagram::DiagramArgs;
use strata_core::query::{PathQuery, Sort};
use strata_core::sizes::SizeMode;
use strata_diagram::{Theme, ViewKind};
use strata_i18n::Lang;

/// What `ls` lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LsTarget {
    /// The merged filesystem.
    Merged,
    /// One layer's changes.
    Layer(usize),
}

/// dive's CI rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub lowest_efficiency: Option<f64>,
    pub highest_wasted_bytes: Option<u64>,
    pub highest_user_wasted_percent: Option<f64>,
}

/// Which rows `ls` keeps and how it orders them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LsRows {
    /// `--filter`: a substring or glob over the paths (see `strata_core::query`).
    pub filter: Option<PathQuery>,
    /// `--sort name|size`; the archive's own order when absent.
    pub sort: Option<Sort>,
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Inspect {
        archive: String,
        json: bool,
    },
    Ls {
        archive: String,
        image: Option<String>,
        target: LsTarget,
        json: bool,
        rows: LsRows,
    },
    Ci {
        archive: String,
        rules: Rules,
    },
    Diagram(DiagramArgs),
    Sample {
        name: Option<String>,
        output: Option<String>,
    },
    /// `strata cat ARCHIVE PATH [--layer N] [--image N|TAG]`.
    Cat {
        archive: String,
        path: String,
        layer: Option<usize>,
        image: Option<String>,
    },
    /// `strata diff A B [--image-a N|TAG] [--image-b N|TAG] [--json] [--timestamps]`.
    Diff {
        a: String,
        b: String,
        image_a: Option<String>,
        image_b: Option<String>,
        json: bool,
        /// `--timestamps`: compare modification times too.
        timestamps: bool,
    },
    /// `strata log ARCHIVE PATH [--image N|TAG] [--json]`.
    Log {
        archive: String,
        path: String,
        image: Option<String>,
        json: bool,
    },
}

fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<&'a String, String> {
    it.next().ok_or_else(|| format!("{flag} needs a value"))
}

fn fraction(s: &str, flag: &str) -> Result<f64, String> {
    s.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| format!("{flag}: {s:?} is not a number"))
}

/// Parses a byte size: `1234`, `20MB` (10^6), `20MiB` (2^20), `1.5GB`; the units dive accepts.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not a size (try 20MB or 1048576)"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "ki" | "kib" => 1024.0,
        "mi" | "mib" => 1024.0 * 1024.0,
        "gi" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "ti" | "tib" => 1024f64.powi(4),
        u => return Err(format!("unknown size unit {u:?} in {s:?}")),
    };
    Ok((n * mult).round() as u64)
}

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    let Some(cmd) = it.next() else {
        return Err("no command given".into());
    };
    if cmd == "-h" || cmd == "--help" || cmd == "help" {
        return Ok(Command::Help);
    }
    if cmd == "sample" {
        let (mut name, mut output) = (None, None);
        while let Some(a) = it.next() {
            match a.as_str() {
                "-o" | "--output" => output = Some(value(&mut it, a)?.clone()),
                flag if flag.starts_with('-') => return Err(format!("unknown option {flag} for `strata sample`")),
                n if name.is_none() => name = Some(n.to_owned()),
                extra => return Err(format!("unexpected argument {extra:?}")),
            }
        }
        return Ok(Command::Sample { name, output });
    }
    if cmd == "diff" {
        let (mut a, mut b, mut image_a, mut image_b, mut json, mut timestamps) = (None, None, None, None, false, false);
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--image-a" => image_a = Some(value(&mut it, arg)?.clone()),
                "--image-b" => image_b = Some(value(&mut it, arg)?.clone()),
                "--json" => json = true,
                "--timestamps" => timestamps = true,
                "-h" | "--help" => return Ok(Command::Help),
                flag if flag.starts_with('-') && flag.len() > 1 => {
                    return Err(format!("unknown option {flag} for `strata diff`"))
                }
                p if a.is_none() => a = Some(p.to_owned()),
                p if b.is_none() => b = Some(p.to_owned()),
                extra => return Err(format!("unexpected argument {extra:?}")),
            }
        }
        let (Some(a), Some(b)) = (a, b) else { return Err("`strata diff` needs two archives, A and B".into()) };
        return Ok(Command::Diff { a, b, image_a, image_b, json, timestamps });
    }
    let mut archive = None;
    let mut file_path = None;
    let mut json = false;
    let mut image = None;
    let mut merged = false;
    let mut layer = None;
    let mut rows = LsRows::default();
    let (mut view, mut path, mut lang, mut theme, mut output) = (None, None, Lang::En, Theme::Light, None);
    let (mut select, mut step, mut png, mut scale) = (None, None, false, 2.0f32);
    let mut mode = None;
    let mut width = None;
    let mut rules =
        Rules { lowest_efficiency: Some(0.9), highest_wasted_bytes: None, highest_user_wasted_percent: Some(0.1) };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--merged" if cmd == "ls" => merged = true,
            "--layer" if cmd == "ls" || cmd == "cat" => {
                let v = value(&mut it, a)?;
                layer =
                    Some(v.parse::<usize>().map_err(|_| format!("--layer: {v:?} is not a layer index (0 = base)"))?);
            }
            "--image" if matches!(cmd.as_str(), "ls" | "diagram" | "cat" | "log") => {
                image = Some(value(&mut it, a)?.clone())
            }
            "--view" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                view = Some(
                    ViewKind::parse(v)
                        .ok_or_else(|| format!("--view: {v:?} is not stack, layers, union or sizes (or compare)"))?,
                );
            }
            "--path" if cmd == "diagram" => path = Some(value(&mut it, a)?.clone()),
            "--width" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                width = Some(
                    v.parse::<f32>()
                        .ok()
                        .filter(|w| (320.0..=1600.0).contains(w))
                        .ok_or_else(|| format!("--width: {v:?} is not a width from 320 to 1600"))?,
                );
            }
            "--mode" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                mode = Some(SizeMode::parse(v).ok_or_else(|| format!("--mode: {v:?} is not merged or stored"))?);
            }
            "--layer" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                layer =
                    Some(v.parse::<usize>().map_err(|_| format!("--layer: {v:?} is not a layer index (0 = base)"))?);
            }
            "--lang" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                lang = match v.as_str() {
                    "en" => Lang::En,
                    "zh-CN" => Lang::ZhCn,
                    _ => return Err(format!("--lang: {v:?} is not en or zh-CN")),
                };
            }
            "--theme" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                theme = Theme::parse(v).ok_or_else(|| format!("--theme: {v:?} is not light or dark"))?;
            }
            "-o" | "--output" if cmd == "diagram" => output = Some(value(&mut it, a)?.clone()),
            "--select" if cmd == "diagram" => select = Some(value(&mut it, a)?.clone()),
            "--step" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                step =
                    Some(v.parse::<usize>().map_err(|_| format!("--step: {v:?} is not a step (0 = the empty image)"))?);
            }
            "--png" if cmd == "diagram" => png = true,
            "--scale" if cmd == "diagram" => {
                let v = value(&mut it, a)?;
                scale = v
                    .parse::<f32>()
                    .ok()
                    .filter(|s| (0.25..=8.0).contains(s))
                    .ok_or_else(|| format!("--scale: {v:?} is not a number from 0.25 to 8"))?;
            }
            "--filter" if cmd == "ls" => {
                rows.filter = Some(PathQuery::parse(value(&mut it, a)?).map_err(|e| format!("--filter: {e}"))?)
            }
            "--sort" if cmd == "ls" => {
                rows.sort = Some(match value(&mut it, a)?.as_str() {
                    "name" => Sort::Tree,
                    "size" => Sort::SizeDescending,
                    other => return Err(format!("--sort: {other:?} is not name or size")),
                })
            }
            "--lowest-efficiency" if cmd == "ci" => rules.lowest_efficiency = Some(fraction(value(&mut it, a)?, a)?),
            "--highest-wasted-bytes" if cmd == "ci" => {
                rules.highest_wasted_bytes = Some(parse_size(value(&mut it, a)?)?)
            }
            "--highest-user-wasted-percent" if cmd == "ci" => {
                rules.highest_user_wasted_percent = Some(fraction(value(&mut it, a)?, a)?)
            }
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag} for `strata {cmd}`"))
            }
            path if archive.is_none() => archive = Some(path.to_owned()),
            path if file_path.is_none() && (cmd == "cat" || cmd == "log") => file_path = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let archive = archive.ok_or_else(|| format!("`strata {cmd}` needs an ARCHIVE"))?;
    match cmd.as_str() {
        "inspect" => Ok(Command::Inspect { archive, json }),
        "ls" => {
            let target = match (merged, layer) {
                (true, None) => LsTarget::Merged,
                (false, Some(n)) => LsTarget::Layer(n),
                _ => return Err("`strata ls` needs exactly one of --merged or --layer N".into()),
            };
            Ok(Command::Ls { archive, image, target, json, rows })
        }
        "ci" => Ok(Command::Ci { archive, rules }),
        "cat" | "log" => {
            let path = file_path.ok_or_else(|| format!("`strata {cmd}` needs an ARCHIVE and a PATH"))?;
            if cmd == "cat" {
                if json {
                    return Err("`strata cat` prints the file's bytes; it has no --json".into());
                }
                Ok(Command::Cat { archive, path, layer, image })
            } else {
                Ok(Command::Log { archive, path, image, json })
            }
        }
        "diagram" => {
            let view = view.ok_or("`strata diagram` needs --view stack, layers, union or sizes (or compare)")?;
            Ok(Command::Diagram(DiagramArgs {
                archive,
                view,
                image,
                path,
                layer,
                select,
                step,
                mode: mode.unwrap_or_default(),
                width,
                png,
                scale,
                lang,
                theme,
                output,
            }))
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse(&argv("inspect a.tar --json")).unwrap(),
            Command::Inspect { archive: "a.tar".into(), json: true }
        );
        assert_eq!(
            parse(&argv("ls a.tar --layer 3 --image web:1")).unwrap(),
            Command::Ls {
                archive: "a.tar".into(),
                image: Some("web:1".into()),
                target: LsTarget::Layer(3),
                json: false,
                rows: LsRows::default(),
            }
        );
        let Ok(Command::Ls { rows, .. }) = parse(&argv("ls a.tar --merged --filter *.conf --sort size")) else {
            panic!("ls with a filter and a sort");
        };
        assert_eq!(rows.filter, Some(PathQuery::NameGlob("*.conf".into())));
        assert_eq!(rows.sort, Some(Sort::SizeDescending));
        assert!(parse(&argv("ls a.tar --merged --filter {a")).unwrap_err().contains("--filter"));
        assert!(parse(&argv("ls a.tar --merged --sort age")).is_err());
        let Ok(Command::Diagram(d)) =
            parse(&argv("diagram a.tar --view union --path /etc --lang zh-CN --theme dark -o f.svg"))
        else {
            panic!("diagram");
        };
        assert_eq!(
            (d.view, d.path.as_deref(), d.lang, d.theme),
            (ViewKind::Union, Some("/etc"), Lang::ZhCn, Theme::Dark)
        );
        assert_eq!(d.output.as_deref(), Some("f.svg"));
        assert_eq!((d.step, d.select, d.png, d.scale), (None, None, false, 2.0));
        let Ok(Command::Diagram(d)) =
            parse(&argv("diagram a.tar --view layers --step 2 --select /etc/x --png --scale 1.5"))
        else {
            panic!("diagram with a step");
        };
        assert_eq!((d.step, d.select.as_deref(), d.png, d.scale), (Some(2), Some("/etc/x"), true, 1.5));
        assert!(parse(&argv("diagram a.tar --view stack --step -1")).is_err());
        assert!(parse(&argv("diagram a.tar --view stack --scale 100")).unwrap_err().contains("--scale"));
        assert!(parse(&argv("diagram a.tar")).unwrap_err().contains("--view"));
        assert!(parse(&argv("diagram a.tar --view pie"))
            .unwrap_err()
            .contains("stack, layers, union or sizes (or compare)"));
        assert!(parse(&argv("diagram a.tar --view stack --lang fr")).is_err());
        assert_eq!(
            parse(&argv("sample replace -o r.tar")).unwrap(),
            Command::Sample { name: Some("replace".into()), output: Some("r.tar".into()) }
        );
        assert_eq!(parse(&argv("sample")).unwrap(), Command::Sample { name: None, output: None });
        assert!(parse(&argv("ls a.tar")).is_err());
        assert!(parse(&argv("ls a.tar --merged --layer 1")).is_err());
        assert!(parse(&argv("inspect")).is_err());
        assert!(parse(&argv("inspect a.tar --bogus")).is_err());
    }

    #[test]
    fn parses_sizes_like_dive() {
        assert_eq!(parse_size("1234").unwrap(), 1234);
        assert_eq!(parse_size("20MB").unwrap(), 20_000_000);
        assert_eq!(parse_size("1MiB").unwrap(), 1_048_576);
        assert_eq!(parse_size("1.5 GB").unwrap(), 1_500_000_000);
        assert!(parse_size("lots").is_err());
    }
}
