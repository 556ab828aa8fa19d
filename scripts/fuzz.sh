#!/usr/bin/env bash
# A long fuzzing run (the test command runs a short one). Two kinds:
#  1. Structured mutation fuzzing on stable Rust (crate/core/tests/fuzz.rs): valid archives
#     mutated the ways damage and attacks look, through analyze (the parallel read checked against
#     the single pass), JSON documents inside valid archives, and the worker wire format; and the
#     page's worker messages (crate/web/tests/fuzz_messages.rs).
#     FUZZ_ITERS cases per target (default 200000), FUZZ_SEED the seed (default: the time).
#  2. Coverage-guided fuzzing with cargo-fuzz (libFuzzer), when a nightly toolchain is here:
#     targets analyze, manifest_json and wire in fuzz/, FUZZ_SECONDS each (default 300), started
#     from the teaching samples and the small shared fixtures (corpus in target/fuzz-corpus/).
# A crash is saved (target/fuzz-crashes/ or fuzz/artifacts/) and the script fails; turn each into
# a named test in crate/core/tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
iters="${FUZZ_ITERS:-200000}"
seed="${FUZZ_SEED:-$(date +%s)}"
echo "== structured mutation fuzzing: $iters cases per target, seed $seed"
STRATA_FUZZ_ITERS="$iters" STRATA_FUZZ_SEED="$seed" \
  cargo test --release -p strata-core --test fuzz -- --nocapture
STRATA_FUZZ_ITERS="$iters" STRATA_FUZZ_SEED="$seed" \
  cargo test --release -p strata-web --test fuzz_messages -- --nocapture

if ! rustup toolchain list 2>/dev/null | grep -q nightly; then
  echo "!!!!! no nightly toolchain: the coverage-guided targets (cargo-fuzz) did NOT run !!!!!"
  echo "      (rustup toolchain install nightly && cargo install cargo-fuzz, then run this again)"
  exit 0
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo build --release -q -p strata-cli --bin strata
corpus=target/fuzz-corpus
mkdir -p "$corpus/analyze" "$corpus/manifest_json" "$corpus/wire"
for name in base add-layers two-layers replace whiteouts shared-base waste; do
  ./target/release/strata sample "$name" -o "$corpus/analyze/$name.tar"
done
if [ -d ../shared/fixtures ]; then
  find ../shared/fixtures -type f -name '*.tar*' ! -name '*.txt' -size -256k -exec cp -t "$corpus/analyze" {} +
  find ../shared/fixtures -type f -name '*.json' -size -64k -exec cp -t "$corpus/manifest_json" {} + 2>/dev/null || true
fi
for target in analyze manifest_json wire; do
  echo "== coverage-guided: $target for ${FUZZ_SECONDS:-300} s"
  (cd fuzz && cargo +nightly fuzz run -O "$target" "../$corpus/$target" -- \
    -max_total_time="${FUZZ_SECONDS:-300}" -rss_limit_mb=2048 -max_len=1048576)
done
echo "== no crash"
