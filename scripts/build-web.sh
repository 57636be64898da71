#!/usr/bin/env bash
# Builds both web apps into dist/ (run scripts/setup.sh first):
#   dist/         the public status page (index.html), served at the root
#   dist/portal/  the internal portal (portal.html), served under /portal
# Two trunk runs, public first: trunk empties its output directory before
# writing, so the portal's run must come second.
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release
trunk build portal.html --release --dist dist/portal --public-url /portal/

# Compressed copies beside each asset, at the highest levels (the server
# sends them instead of compressing on the fly; static hosts that look for
# them can too). index.html is left out: the server writes the current
# status into it.
find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) |
  while read -r file; do
    gzip -9 --keep --force "$file"
    if command -v brotli >/dev/null; then brotli -q 11 --keep --force "$file"; fi
  done
