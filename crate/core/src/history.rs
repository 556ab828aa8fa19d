//! Build history read as a Dockerfile: each step's instruction, and where metadata-only steps sit.
//!
//! The image config's `history` (OCI image-spec `config.md`; Docker image spec v1.2) records one
//! `created_by` per build step, in the words of the builder that ran it: the classic builder writes
//! `/bin/sh -c #(nop)  ENV A=1` for metadata and `/bin/sh -c make` for a `RUN`; BuildKit writes
//! `RUN /bin/sh -c make # buildkit`, `COPY app/ /app/ # buildkit`, `EXPOSE map[8080/tcp:{}]`, and
//! prefixes build arguments as `|2 A=1 B=2 /bin/sh -c …`. [`dockerfile_line`] turns all of these
//! into the line a Dockerfile would hold. Steps marked `empty_layer` (ENV, EXPOSE, CMD, …) change
//! only metadata and make no layer; [`MetadataSteps`] says which layer each of them sits on.

use crate::config::HistoryStep;
use crate::model::Image;

const SHELL: &str = "/bin/sh -c ";
const NOP: &str = "/bin/sh -c #(nop)";

/// A history step's `created_by` as a Dockerfile line: `/bin/sh -c #(nop)  ENV A=1` → `ENV A=1`,
/// `/bin/sh -c make` → `RUN make`, `RUN /bin/sh -c make # buildkit` → `RUN make`,
/// `|1 V=2 /bin/sh -c make` → `RUN make`, `EXPOSE map[80/tcp:{}]` → `EXPOSE 80/tcp`,
/// `COPY file:<64 hex> in /x` → `COPY file:<12 hex> /x`. Anything else is returned trimmed.
pub fn dockerfile_line(created_by: &str) -> String {
    let s = created_by.trim();
    let s = s.strip_suffix("# buildkit").map_or(s, str::trim_end);
    if let Some(rest) = s.strip_prefix(NOP) {
        return tidy_metadata(rest.trim());
    }
    if let Some(cmd) = shell_command(s) {
        return format!("RUN {cmd}");
    }
    tidy_metadata(s)
}

/// The command of a shell step: `/bin/sh -c X`, `RUN /bin/sh -c X`, `|N K=V… /bin/sh -c X`.
fn shell_command(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix(SHELL) {
        return Some(rest.trim());
    }
    if let Some(rest) = s.strip_prefix("RUN ") {
        return Some(rest.trim().strip_prefix(SHELL).map_or(rest.trim(), str::trim));
    }
    // BuildKit's build arguments: `|2 A=1 B=2 /bin/sh -c cmd` (the count, then that many K=V).
    let rest = s.strip_prefix('|')?;
    let (count, mut rest) = rest.split_once(' ')?;
    let count: usize = count.parse().ok()?;
    for _ in 0..count {
        let (arg, more) = rest.split_once(' ')?;
        if !arg.contains('=') {
            return None;
        }
        rest = more;
    }
    rest.strip_prefix(SHELL).map(str::trim)
}

/// `EXPOSE map[8080/tcp:{} 9090/udp:{}]` → `EXPOSE 8080/tcp 9090/udp`; `ADD file:<64 hex> in /`
/// → `ADD file:<12 hex> /`.
fn tidy_metadata(s: &str) -> String {
    if let Some(ports) = s.strip_prefix("EXPOSE map[").and_then(|r| r.strip_suffix(']')) {
        let ports: Vec<&str> = ports.split_whitespace().map(|p| p.trim_end_matches(":{}")).collect();
        return format!("EXPOSE {}", ports.join(" "));
    }
    for keyword in ["ADD ", "COPY "] {
        let Some(rest) = s.strip_prefix(keyword) else { continue };
        let Some((source, dest)) = rest.split_once(" in ") else { continue };
        let Some((kind, hex)) = source.split_once(':') else { continue };
        if matches!(kind, "file" | "dir" | "multi") && hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let short = hex.get(..12).unwrap_or(hex);
            return format!("{keyword}{kind}:{short} {}", dest.trim());
        }
    }
    s.to_owned()
}

/// The Dockerfile keyword of a line (`RUN`, `COPY`, …), if it starts with one.
pub fn keyword(line: &str) -> Option<&str> {
    let word = line.split_whitespace().next()?;
    (word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())).then_some(word)
}

impl HistoryStep {
    /// This step as a Dockerfile line (see [`dockerfile_line`]).
    pub fn instruction(&self) -> String {
        dockerfile_line(&self.created_by)
    }
}

/// Where an image's metadata-only history steps sit: each group holds the indexes (into
/// `image.history`) of the empty-layer steps that ran after a layer and before the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataSteps {
    /// Steps that ran before the base layer was made (rare: `ARG` before `FROM`).
    pub before_base: Vec<usize>,
    /// `on_layer[k]`: the steps that ran after layer k and before layer k+1 (after the top layer,
    /// for the last one); one entry per layer.
    pub on_layer: Vec<Vec<usize>>,
}

impl MetadataSteps {
    /// Groups `image`'s metadata-only steps by the layer they sit on. Steps that make a layer but
    /// could not be matched to one (history and layers disagree) are left out.
    pub fn of(image: &Image) -> MetadataSteps {
        let mut groups = MetadataSteps { before_base: Vec::new(), on_layer: vec![Vec::new(); image.layers.len()] };
        let mut current: Option<usize> = None;
        for (i, step) in image.history.iter().enumerate() {
            match step.layer {
                Some(l) if l < image.layers.len() => current = Some(l),
                _ if step.empty_layer => match current.and_then(|l| groups.on_layer.get_mut(l)) {
                    Some(group) => group.push(i),
                    None => groups.before_base.push(i),
                },
                _ => {}
            }
        }
        groups
    }

    /// The steps on layer `k` (empty when `k` is out of range).
    pub fn on(&self, k: usize) -> &[usize] {
        self.on_layer.get(k).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builders_words_become_dockerfile_lines() {
        let cases = [
            ("/bin/sh -c #(nop)  ENV A=1", "ENV A=1"),
            ("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", "CMD [\"/bin/sh\"]"),
            ("/bin/sh -c rm -rf /tmp/x", "RUN rm -rf /tmp/x"),
            ("RUN /bin/sh -c rm /node # buildkit", "RUN rm /node"),
            ("RUN chmod +x /root/saved.txt", "RUN chmod +x /root/saved.txt"),
            ("COPY app/ /srv/app/ # buildkit", "COPY app/ /srv/app/"),
            ("|2 A=1 B=x y /bin/sh -c make", "|2 A=1 B=x y /bin/sh -c make"),
            ("|2 A=1 B=2 /bin/sh -c make all", "RUN make all"),
            ("EXPOSE map[8080/tcp:{} 9090/udp:{}]", "EXPOSE 8080/tcp 9090/udp"),
            ("/bin/sh -c #(nop)  EXPOSE 8080/tcp 9090/udp", "EXPOSE 8080/tcp 9090/udp"),
            (
                "/bin/sh -c #(nop) ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / ",
                "ADD file:0c4555f363c2 /",
            ),
            (
                "/bin/sh -c #(nop) COPY dir:65d062cb343eff0dd5c594536cdfe81d3c985fe355a2ecd1b9058c3eeeeb1d53 in b      ",
                "COPY dir:65d062cb343e b",
            ),
            ("/bin/sh -c #(nop) COPY file:abc in /x ", "COPY file:abc in /x"),
            ("jib-core:null", "jib-core:null"),
            ("", ""),
        ];
        for (raw, line) in cases {
            assert_eq!(dockerfile_line(raw), line, "{raw:?}");
        }
        assert_eq!(keyword("RUN make"), Some("RUN"));
        assert_eq!(keyword("jib-core:null"), None);
        assert_eq!(keyword("A b"), None);
    }

    #[test]
    fn metadata_steps_sit_on_the_layer_below_them() {
        let a = crate::analyze_bytes(&crate::sample::teaching_image()).expect("sample");
        let img = &a.images[0];
        let g = MetadataSteps::of(img);
        let words = |ids: &[usize]| ids.iter().map(|&i| img.history[i].instruction()).collect::<Vec<_>>();
        assert!(g.before_base.is_empty());
        assert_eq!(words(g.on(0)), ["ENV APP_ENV=production"]);
        assert_eq!(words(g.on(1)), ["EXPOSE 8080"]);
        assert_eq!(words(g.on(2)), ["CMD [\"/app/app.sh\"]"]);
        assert!(g.on(3).is_empty());
    }
}
