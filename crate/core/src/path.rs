//! Normalized absolute paths inside an image filesystem.
//!
//! Tar writers spell the same path many ways (`./etc/passwd`, `/etc/passwd`, `etc/passwd`, `etc/`).
//! Every path the core hands out is normalized: absolute, `/`-separated, with no `.`, `..`, empty
//! component or trailing slash; the root is `/`. Names that are not UTF-8 are kept losslessly
//! readable: each byte of an invalid sequence is written as `\xNN`.

/// Why a raw tar path could not be normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The path climbs above the root with `..` (a path-traversal attempt).
    EscapesRoot,
}

/// Decodes raw bytes as UTF-8, escaping every byte of an invalid sequence as `\xNN`.
pub fn decode_lossless(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Normalizes a raw tar member path.
pub fn normalize(raw: &[u8]) -> Result<String, PathError> {
    normalize_str(&decode_lossless(raw))
}

/// Normalizes a path given as text.
pub fn normalize_str(text: &str) -> Result<String, PathError> {
    let mut parts: Vec<&str> = Vec::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(PathError::EscapesRoot);
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Ok("/".to_owned());
    }
    let mut out = String::with_capacity(text.len() + 1);
    for p in parts {
        out.push('/');
        out.push_str(p);
    }
    Ok(out)
}

/// The parent of a normalized path (`/` for top-level paths and for `/` itself).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => path.get(..i).unwrap_or("/"),
    }
}

/// The last component of a normalized path (empty for `/`).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// Joins a normalized directory and a child name.
pub fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Whether `path` lies strictly below the normalized directory `dir`.
pub fn is_below(path: &str, dir: &str) -> bool {
    if dir == "/" {
        return path != "/";
    }
    path.len() > dir.len() && path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/')
}

/// Ordering of normalized paths component by component (so `/a/b` sorts before `/a-b`), the order
/// in which a directory tree is walked.
///
/// Equal to comparing `a.split('/')` with `b.split('/')`, computed as a byte comparison in which `/`
/// sorts before every other byte (a finished component is smaller than a longer one).
pub fn tree_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let same = common_prefix(x, y);
    let rank = |c: u8| if c == b'/' { 0 } else { u16::from(c) + 1 };
    match (x.get(same), y.get(same)) {
        (Some(&p), Some(&q)) => rank(p).cmp(&rank(q)),
        _ => x.len().cmp(&y.len()),
    }
}

/// The length of the longest common prefix of `x` and `y`, compared eight bytes at a time (trees
/// of long paths sort mostly on their shared prefixes).
fn common_prefix(x: &[u8], y: &[u8]) -> usize {
    let (mut xs, mut ys) = (x.chunks_exact(8), y.chunks_exact(8));
    let mut same = 0;
    for (p, q) in (&mut xs).zip(&mut ys) {
        let word = |b: &[u8]| b.try_into().map(u64::from_le_bytes).unwrap_or(0);
        let diff = word(p) ^ word(q);
        if diff != 0 {
            // Little-endian: the lowest set bit lies in the first byte that differs.
            return same + (diff.trailing_zeros() / 8) as usize;
        }
        same += 8;
    }
    let (rest_x, rest_y) = (x.get(same..).unwrap_or(&[]), y.get(same..).unwrap_or(&[]));
    same + rest_x.iter().zip(rest_y).take_while(|(p, q)| p == q).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_all_spellings() {
        for raw in ["./x", "/x", "x/", "x", "./x/", "//x//", "./y/../x"] {
            assert_eq!(normalize(raw.as_bytes()).unwrap(), "/x", "{raw}");
        }
        assert_eq!(normalize(b"./").unwrap(), "/");
        assert_eq!(normalize(b".").unwrap(), "/");
        assert_eq!(normalize(b"a/b/c").unwrap(), "/a/b/c");
    }

    #[test]
    fn tree_order_is_component_order() {
        let paths = [
            "/", "/a", "/a/b", "/a-b", "/a/b/c", "/a.b", "/a/", "/ab", "/a/b-c", "/a/b/", "/b", "/é", "/a\\xff",
            "/a b", "/a/b c", "/a0", "/a/0", "",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(tree_order(a, b), a.split('/').cmp(b.split('/')), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn tree_order_is_component_order_for_long_shared_prefixes() {
        // Differences before, at and after each 8-byte word of the prefix comparison.
        let base = "/usr/lib/python3.11/site-packages/pkg";
        let mut paths = vec![base.to_owned()];
        for at in 1..base.len() {
            for c in ['/', '-', 'a', 'z', '\u{e9}'] {
                let (head, tail) = base.split_at(at);
                paths.push(format!("{head}{c}{tail}"));
                paths.push(format!("{head}{c}"));
            }
        }
        for a in &paths {
            for b in &paths {
                assert_eq!(tree_order(a, b), a.split('/').cmp(b.split('/')), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn rejects_escapes() {
        assert_eq!(normalize(b"../etc/passwd"), Err(PathError::EscapesRoot));
        assert_eq!(normalize(b"a/../../b"), Err(PathError::EscapesRoot));
    }

    #[test]
    fn keeps_non_utf8_names_distinct() {
        let a = normalize(b"dir/caf\xe9").unwrap();
        let b = normalize(b"dir/caf\xe8").unwrap();
        assert_eq!(a, "/dir/caf\\xe9");
        assert_ne!(a, b);
        assert_eq!(normalize("ünïcødé-名前.txt".as_bytes()).unwrap(), "/ünïcødé-名前.txt");
    }

    #[test]
    fn relations() {
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(file_name("/a/b"), "b");
        assert!(is_below("/a/b", "/a"));
        assert!(!is_below("/ab", "/a"));
        assert!(!is_below("/a", "/a"));
        assert_eq!(join("/", "x"), "/x");
        assert_eq!(tree_order("/a/b", "/a-b"), std::cmp::Ordering::Less);
    }
}
