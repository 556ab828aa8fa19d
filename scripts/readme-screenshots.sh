#!/usr/bin/env bash
# Copies the README's screenshots from the e2e tests' output (tests/artifacts, written by
# scripts/test.sh) into docs/screenshots. Run after a green test run; look at them before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
for f in union-en-1280 figure-layers-en-light compare-other-buildah-en-light-1280 \
         union-zh-CN-390 layers-en-390 stack-zh-CN-390 header-menu-en-390; do
  cp "tests/artifacts/$f.png" "docs/screenshots/$f.png"
done
ls -la docs/screenshots
