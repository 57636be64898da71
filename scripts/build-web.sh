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
