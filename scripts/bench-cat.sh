#!/usr/bin/env bash
# Benchmark (not a test): `strata cat` of the largest file of a real 122 MiB Debian image against
# GNU tar extracting the same copy (`tar -xOf ARCHIVE LAYER | tar -xO ./PATH`), warm page cache.
# Prints both times (hyperfine means), strata's peak memory and the ratio; issue 16's targets are
# time ratio <= 0.3 and peak <= 40 MiB. Usage: scripts/bench-cat.sh [ARCHIVE [PATH]]
# Without ARCHIVE it builds the Debian image as scripts/bench.sh does (debootstrap, real-image.py).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null && command -v hyperfine >/dev/null ||
  { apt-get update -qq && apt-get install -y -qq time hyperfine >/dev/null; }
cargo build --release -q -p strata-cli --bin strata
work="${BENCH_DIR:-/tmp/strata-bench}"
mkdir -p "$work"
archive="${1:-$work/debian.tar}"
if [ ! -s "$archive" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  [ -x "$work/rootfs/bin/bash" ] ||
    debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
  python3 scripts/real-image.py "$work/rootfs" "$archive"
fi
strata=./target/release/strata
# The file: PATH, or the largest regular file of the merged view.
path="${2:-$($strata ls "$archive" --merged --json | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
print(max((r for r in rows if r["type"] == "file"), key=lambda r: r["size"])["path"])')}"
# The layer holding the visible copy, and its member name in the archive (docker-archive layout).
layer=$($strata ls "$archive" --merged --json | python3 -c '
import json, sys
p = sys.argv[1]
rows = [json.loads(l) for l in sys.stdin]
print(next(r["layer"] for r in rows if r["path"] == p))' "$path")
member=$(tar -xOf "$archive" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Layers"][int(sys.argv[1])])' "$layer")
# The entry's name in the layer tar: `./usr/bin/perl` (Docker) or `usr/bin/perl` (Python's tarfile).
entry=$(tar -xOf "$archive" "$member" | tar -t | awk -v p="${path#/}" '$0 == p || $0 == "./" p { e = $0 } END { print e }')
size=$($strata cat "$archive" "$path" | wc -c)
cmp <($strata cat "$archive" "$path") <(tar -xOf "$archive" "$member" | tar -xO "$entry") ||
  { echo "strata cat and tar disagree on $path" >&2; exit 1; }
cat "$archive" >/dev/null
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$work/cat.json" \
  -n strata "$strata cat $archive $path >/dev/null" \
  -n tar "tar -xOf $archive $member | tar -xO $entry >/dev/null" >/dev/null
/usr/bin/time -f '%M' -o "$work/cat-time.txt" $strata cat "$archive" "$path" >/dev/null
python3 - "$work/cat.json" "$work/cat-time.txt" "$archive" "$path" "$layer" "$size" <<'PY'
import json, os, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
kib = int(open(sys.argv[2]).read().split()[-1])
archive, path, layer, size = sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
print(f"== strata cat {path} ({size / 1e6:.1f} MB, layer {layer}) of {os.path.basename(archive)} "
      f"({os.path.getsize(archive) / 1048576:.0f} MiB)")
print(f"strata {runs['strata'] * 1000:8.1f} ms   peak {kib / 1024:.1f} MiB")
print(f"tar    {runs['tar'] * 1000:8.1f} ms")
print(f"ratio strata/tar = {runs['strata'] / runs['tar']:.3f} (target <= 0.3); peak target <= 40 MiB")
PY
