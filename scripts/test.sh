#!/usr/bin/env bash
# Runs every test: formatting and lints, the core and CLI tests (with the fixture conformance suite
# and dive parity), the wasm file-reader tests in headless Chromium, and the Playwright end-to-end
# tests against one release build. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native and wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p strata-web --target wasm32-unknown-unknown --all-targets -- -D warnings
step "native tests: core (conformance over ../shared/fixtures, dive parity), CLI, web state"
cargo test --workspace
step "wasm tests in headless Chromium (the worker's file reader)"
cargo test -p strata-web --target wasm32-unknown-unknown
step "release build (once) and Playwright end-to-end tests"
trunk build --release --offline
npx playwright test
node -e 'const s = require("./tests/artifacts/e2e-results.json").stats;
  console.log(`e2e: ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`);
  if (s.expected === 0) process.exit(1);'
