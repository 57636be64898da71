#!/usr/bin/env bash
# Builds the three web apps into dist/ (run scripts/setup.sh first):
#   dist/         the public status page and permalinks (index.html), at the root
#   dist/more/    the history and subscription pages (more.html), served for
#                 /history and /subscribe, assets under /more/
#   dist/portal/  the internal portal (portal.html), served under /portal
# The root app first: trunk empties its output directory before writing,
# and the others are written inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/web-toolchain.sh
web_release_env
trunk build --release
trunk build more.html --release --dist dist/more --public-url /more/
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
