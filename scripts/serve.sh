#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080/ with the built-in sample showing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt from npm binaryen first
# --no-autoreload: the reload script Trunk would inject after the build is not covered by the CSP hash.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
